/* facetime-calls.c - "FaceTime Calls": one row per call, in Wireshark's Statistics menu and as
 * `tshark -z facetime,calls[,filter]`.
 *
 * Fed by the "facetime" tap (facetime-call.c): an event per FaceTime SDP body and per RTP/RTCP
 * packet of an announced stream. A row spans the frames the plugin sees of the call, from its
 * first FaceTime SDP to its last media packet.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-calls.h"

#include "facetime-call.h"

#include <epan/to_str.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

enum column {
    COL_CALL_ID, COL_FIRST, COL_LAST, COL_DURATION, COL_CALLER, COL_CALLEE,
    COL_CALLER_PUBLIC, COL_CALLEE_PUBLIC, COL_CALLER_NAME, COL_CALLEE_NAME,
    COL_CALLER_AUDIO, COL_CALLER_VIDEO, COL_CALLEE_AUDIO, COL_CALLEE_VIDEO,
    COL_CALLER_SIZES, COL_CALLEE_SIZES, N_COLUMNS
};

static stat_tap_table_item columns[N_COLUMNS] = {
    [COL_CALL_ID] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%s" },
    [COL_FIRST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%u" },
    [COL_LAST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%u" },
    [COL_DURATION] = { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Duration (s)", "%.3f" },
    [COL_CALLER] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller", "%s" },
    [COL_CALLEE] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee", "%s" },
    [COL_CALLER_PUBLIC] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller public (c=)", "%s" },
    [COL_CALLEE_PUBLIC] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee public (c=)", "%s" },
    [COL_CALLER_NAME] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller name (s=)", "%s" },
    [COL_CALLEE_NAME] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee name (s=)", "%s" },
    [COL_CALLER_AUDIO] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller audio", "%s" },
    [COL_CALLER_VIDEO] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller video", "%s" },
    [COL_CALLEE_AUDIO] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee audio", "%s" },
    [COL_CALLEE_VIDEO] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee video", "%s" },
    [COL_CALLER_SIZES] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller offers video", "%s" },
    [COL_CALLEE_SIZES] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee offers video", "%s" },
};

static const char table_name[] = "FaceTime Calls";

/* Packets of one stream, with RFC 3550's sequence bookkeeping for loss and reordering. */
typedef struct stream_counts {
    uint32_t received;
    uint32_t first_sequence;      /* extended to 32 bits */
    uint32_t highest_sequence;
    uint32_t out_of_order;
} stream_counts;

/* What a row adds up, kept in the scratch space of its Call-ID cell. */
typedef struct row_state {
    uint32_t first_frame, last_frame;
    nstime_t first_time, last_time;
    stream_counts counts[2][2];   /* [party][audio, video] */
} row_state;

/* Each table's rows by call: a table is rebuilt from scratch on every retap. */
static GHashTable *rows_by_table;   /* stat_tap_table* -> GHashTable (ft_call* -> row + 1) */

static GHashTable *rows_of(stat_tap_table *table)
{
    if (!rows_by_table)
        rows_by_table = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                              (GDestroyNotify)g_hash_table_destroy);
    GHashTable *rows = g_hash_table_lookup(rows_by_table, table);
    if (!rows) {
        rows = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_hash_table_insert(rows_by_table, table, rows);
    }
    return rows;
}

static void forget_rows(stat_tap_table *table)
{
    if (rows_by_table)
        g_hash_table_remove(rows_by_table, table);
}

static void set_string(stat_tap_table *table, unsigned row, unsigned col, const char *text)
{
    stat_tap_table_item_type *cell = stat_tap_get_field_data(table, row, col);
    g_free((char *)cell->value.string_value);
    cell->value.string_value = g_strdup(text ? text : "");
    stat_tap_set_field_data(table, row, col, cell);
}

static unsigned add_row(stat_tap_table *table, const ft_call *c)
{
    stat_tap_table_item_type cells[N_COLUMNS];
    memset(cells, 0, sizeof cells);
    for (unsigned col = 0; col < N_COLUMNS; col++) {
        cells[col].type = columns[col].type;
        if (columns[col].type == TABLE_ITEM_STRING)
            cells[col].value.string_value = g_strdup("");
    }
    g_free((char *)cells[COL_CALL_ID].value.string_value);
    cells[COL_CALL_ID].value.string_value = g_strdup(c->call_id);
    cells[COL_CALL_ID].user_data.ptr_value = g_new0(row_state, 1);
    unsigned row = table->num_elements;
    stat_tap_init_table_row(table, row, N_COLUMNS, cells);
    return row;
}

static unsigned row_of(stat_tap_table *table, const ft_call *c)
{
    GHashTable *rows = rows_of(table);
    gpointer found = g_hash_table_lookup(rows, c);
    if (found)
        return GPOINTER_TO_UINT(found) - 1;
    unsigned row = add_row(table, c);
    g_hash_table_insert(rows, (gpointer)c, GUINT_TO_POINTER(row + 1));
    return row;
}

/* Frames and times are the earliest and the latest seen: capture files are not always in order. */
static void note_frame(row_state *state, const packet_info *pinfo)
{
    if (state->first_frame == 0 || pinfo->num < state->first_frame)
        state->first_frame = pinfo->num;
    if (pinfo->num > state->last_frame)
        state->last_frame = pinfo->num;
    if (state->first_frame == pinfo->num && state->last_frame == pinfo->num) {
        state->first_time = state->last_time = pinfo->abs_ts;
        return;
    }
    if (nstime_cmp(&pinfo->abs_ts, &state->first_time) < 0)
        state->first_time = pinfo->abs_ts;
    if (nstime_cmp(&pinfo->abs_ts, &state->last_time) > 0)
        state->last_time = pinfo->abs_ts;
}

static void count_packet(stream_counts *counts, uint16_t sequence)
{
    if (counts->received++ == 0) {
        counts->first_sequence = counts->highest_sequence = sequence;
        return;
    }
    /* The 16-bit sequence number, placed nearest to the highest one seen. */
    int16_t delta = (int16_t)(sequence - (uint16_t)counts->highest_sequence);
    if (delta > 0)
        counts->highest_sequence += (uint32_t)delta;
    else
        counts->out_of_order++;
}

/* "3398691976: 50 packets, 0 lost, 0 out of order", or "-" when the SDP announced none. */
static char *describe_stream(bool announced, uint32_t ssrc, const stream_counts *counts)
{
    if (!announced)
        return g_strdup("-");
    uint32_t expected = counts->received
        ? counts->highest_sequence - counts->first_sequence + 1 : 0;
    uint32_t lost = expected > counts->received ? expected - counts->received : 0;
    return g_strdup_printf("%u: %u packets, %u lost, %u out of order", ssrc, counts->received,
                           lost, counts->out_of_order);
}

static void update_row(stat_tap_table *table, unsigned row, packet_info *pinfo,
                       const ft_call *c, const row_state *state)
{
    stat_tap_table_item_type *cell = stat_tap_get_field_data(table, row, COL_FIRST);
    cell->value.uint_value = state->first_frame;
    cell = stat_tap_get_field_data(table, row, COL_LAST);
    cell->value.uint_value = state->last_frame;
    cell = stat_tap_get_field_data(table, row, COL_DURATION);
    nstime_t duration;
    nstime_delta(&duration, &state->last_time, &state->first_time);
    cell->value.float_value = nstime_to_sec(&duration);

    set_string(table, row, COL_CALLER, address_to_str(pinfo->pool, &c->caller));
    set_string(table, row, COL_CALLEE, address_to_str(pinfo->pool, &c->callee));
    static const unsigned public_col[2] = { COL_CALLER_PUBLIC, COL_CALLEE_PUBLIC };
    static const unsigned name_col[2] = { COL_CALLER_NAME, COL_CALLEE_NAME };
    static const unsigned audio_col[2] = { COL_CALLER_AUDIO, COL_CALLEE_AUDIO };
    static const unsigned video_col[2] = { COL_CALLER_VIDEO, COL_CALLEE_VIDEO };
    static const unsigned sizes_col[2] = { COL_CALLER_SIZES, COL_CALLEE_SIZES };
    for (unsigned party = FT_CALLER; party <= FT_CALLEE; party++) {
        const ft_side *side = &c->sides[party];
        set_string(table, row, public_col[party], side->public_addr);
        set_string(table, row, name_col[party], side->session_name);
        set_string(table, row, sizes_col[party], side->video_sizes);
        char *audio = describe_stream(side->has_audio_ssrc, side->audio_ssrc,
                                      &state->counts[party][0]);
        char *video = describe_stream(side->has_video_ssrc, side->video_ssrc,
                                      &state->counts[party][1]);
        set_string(table, row, audio_col[party], audio);
        set_string(table, row, video_col[party], video);
        g_free(audio);
        g_free(video);
    }
}

static tap_packet_status calls_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
                                      const void *data, tap_flags_t flags)
{
    (void)edt;
    (void)flags;
    const stat_data_t *stat_data = (const stat_data_t *)tapdata;
    const ft_tap_event *event = (const ft_tap_event *)data;
    stat_tap_table *table = g_array_index(stat_data->stat_tap_data->tables, stat_tap_table *, 0);

    unsigned row = row_of(table, event->call);
    row_state *state = stat_tap_get_field_data(table, row, COL_CALL_ID)->user_data.ptr_value;
    note_frame(state, pinfo);

    const ft_stream *st = event->stream;
    if (st && !event->is_rtcp && st->sender != FT_PARTY_UNKNOWN && st->kind != FT_MEDIA_OTHER)
        count_packet(&state->counts[st->sender][st->kind == FT_MEDIA_VIDEO], event->rtp_sequence);

    update_row(table, row, pinfo, event->call, state);
    return TAP_PACKET_REDRAW;
}

static void free_row_cells(stat_tap_table *table, unsigned row)
{
    for (unsigned col = 0; col < N_COLUMNS; col++) {
        stat_tap_table_item_type *cell = stat_tap_get_field_data(table, row, col);
        if (cell->type == TABLE_ITEM_STRING)
            g_free((char *)cell->value.string_value);
        if (col == COL_CALL_ID)
            g_free(cell->user_data.ptr_value);
    }
}

/* A retap starts from no rows at all: calls that no longer match the filter must go. */
static void calls_reset(stat_tap_table *table)
{
    for (unsigned row = 0; row < table->num_elements; row++) {
        free_row_cells(table, row);
        g_free(table->elements[row]);
    }
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
    forget_rows(table);
}

/* Called for each cell when Wireshark frees the table. */
static void calls_free_cell(stat_tap_table *table, unsigned row, unsigned col,
                            stat_tap_table_item_type *cell)
{
    if (cell->type == TABLE_ITEM_STRING)
        g_free((char *)cell->value.string_value);
    if (col == COL_CALL_ID)
        g_free(cell->user_data.ptr_value);
    if (row == 0 && col == 0)
        forget_rows(table);
}

static void calls_init(stat_tap_table_ui *ui)
{
    stat_tap_table *table = stat_tap_find_table(ui, table_name);
    if (table) {
        if (ui->stat_tap_reset_table_cb)
            ui->stat_tap_reset_table_cb(table);
        return;
    }
    table = stat_tap_init_table(table_name, N_COLUMNS, 0, NULL);
    stat_tap_add_table(ui, table);
}

void register_facetime_calls_table(void)
{
    static tap_param params[] = {
        { PARAM_FILTER, "filter", "Filter", NULL, true },
    };
    static stat_tap_table_ui ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "FaceTime Calls",
        FT_TAP_NAME,
        "facetime,calls",
        calls_init,
        calls_packet,
        calls_reset,
        calls_free_cell,
        NULL,
        N_COLUMNS, columns,
        sizeof params / sizeof params[0], params,
        NULL,
        0
    };
    register_stat_tap_table_ui(&ui);
}
