/* facetime-calls.c - the calls and streams tables: "FaceTime Calls" and "FaceTime Streams" in
 * Wireshark's Telephony menu, and `tshark -z facetime,calls[,filter]` and
 * `-z facetime,streams[,filter]`.
 *
 * Fed by the "facetime" tap (facetime-call.h): an event per FaceTime SDP body of a call and per
 * RTP/RTCP packet of an announced stream. What SIP says of a call (its parties, outcome and end)
 * comes from the call model; what the packets say (counts, loss, the frames seen) is added up
 * here, per table, so that a table's filter decides which packets count.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-calls.h"

#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "facetime-call.h"

/* ---- RTP sequence bookkeeping (RFC 3550 A.1, simplified) ------------------------------------ */

typedef struct stream_counts {
    uint32_t rtp;
    uint32_t rtcp;
    uint32_t first_sequence;      /* extended to 32 bits */
    uint32_t highest_sequence;
    uint32_t out_of_order;
    uint8_t payload_type;         /* the latest seen */
} stream_counts;

static void count_rtp(stream_counts *counts, uint16_t sequence, uint8_t payload_type)
{
    counts->payload_type = payload_type;
    if (counts->rtp++ == 0) {
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

static uint32_t lost(const stream_counts *counts)
{
    uint32_t expected = counts->rtp ? counts->highest_sequence - counts->first_sequence + 1 : 0;
    return expected > counts->rtp ? expected - counts->rtp : 0;
}

static void count_event(stream_counts *counts, const ft_tap_event *event)
{
    if (event->is_rtcp)
        counts->rtcp++;
    else
        count_rtp(counts, event->rtp_sequence, event->payload_type);
}

/* ---- rows of a table ------------------------------------------------------------------------ */

/* What a row adds up, kept in the scratch space of its first cell. */
typedef struct row_state {
    uint32_t first_frame, last_frame;
    nstime_t last_time;           /* of the latest packet seen */
    nstime_t capture_start;       /* the capture's first packet, as this row's packets say */
    stream_counts counts;         /* a stream row's; a call row's totals */
    GHashTable *streams;          /* call rows: ft_stream* -> stream_counts, for the loss */
} row_state;

/* Each table's rows by what they describe (a call or a stream); a retap starts afresh. */
static GHashTable *rows_by_table;   /* stat_tap_table* -> GHashTable (key -> row + 1) */

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

static row_state *state_of(stat_tap_table *table, unsigned row)
{
    return stat_tap_get_field_data(table, row, 0)->user_data.ptr_value;
}

static void set_string(stat_tap_table *table, unsigned row, unsigned col, const char *text)
{
    stat_tap_table_item_type *cell = stat_tap_get_field_data(table, row, col);
    g_free((char *)cell->value.string_value);
    cell->value.string_value = g_strdup(text ? text : "");
}

/* The row of key, added (its cells empty, its first cell `first`) when it is new. */
static unsigned row_of(stat_tap_table *table, const stat_tap_table_item *columns, const void *key,
                       const char *first, bool *added)
{
    GHashTable *rows = rows_of(table);
    gpointer found = g_hash_table_lookup(rows, key);
    *added = !found;
    if (found)
        return GPOINTER_TO_UINT(found) - 1;
    unsigned n = table->num_fields;
    stat_tap_table_item_type *cells = g_new0(stat_tap_table_item_type, n);
    for (unsigned col = 0; col < n; col++) {
        cells[col].type = columns[col].type;
        if (cells[col].type == TABLE_ITEM_STRING)
            cells[col].value.string_value = g_strdup("");
    }
    unsigned row = table->num_elements;
    stat_tap_init_table_row(table, row, n, cells);
    g_free(cells);
    g_hash_table_insert(rows, (gpointer)key, GUINT_TO_POINTER(row + 1));
    set_string(table, row, 0, first);
    stat_tap_get_field_data(table, row, 0)->user_data.ptr_value = g_new0(row_state, 1);
    return row;
}

static void set_uint(stat_tap_table *table, unsigned row, unsigned col, uint32_t value)
{
    stat_tap_get_field_data(table, row, col)->value.uint_value = value;
}

static void set_seconds(stat_tap_table *table, unsigned row, unsigned col, const nstime_t *t)
{
    stat_tap_get_field_data(table, row, col)->value.float_value = nstime_to_sec(t);
}

/* Frames are the earliest and latest seen: capture files are not always in order. */
static void note_packet(row_state *state, const packet_info *pinfo)
{
    if (state->first_frame == 0) {
        nstime_delta(&state->capture_start, &pinfo->abs_ts, &pinfo->rel_ts);
        state->last_time = pinfo->abs_ts;
    }
    if (state->first_frame == 0 || pinfo->num < state->first_frame)
        state->first_frame = pinfo->num;
    if (pinfo->num > state->last_frame)
        state->last_frame = pinfo->num;
    if (nstime_cmp(&pinfo->abs_ts, &state->last_time) > 0)
        state->last_time = pinfo->abs_ts;
}

static void free_row_cells(stat_tap_table *table, unsigned row)
{
    for (unsigned col = 0; col < table->num_fields; col++) {
        stat_tap_table_item_type *cell = stat_tap_get_field_data(table, row, col);
        if (cell->type == TABLE_ITEM_STRING)
            g_free((char *)cell->value.string_value);
    }
    row_state *state = state_of(table, row);
    if (state && state->streams)
        g_hash_table_destroy(state->streams);
    g_free(state);
}

/* A retap starts from no rows at all: calls that no longer match the filter must go. */
static void table_reset(stat_tap_table *table)
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
static void table_free_cell(stat_tap_table *table, unsigned row, unsigned col,
                            stat_tap_table_item_type *cell)
{
    if (cell->type == TABLE_ITEM_STRING)
        g_free((char *)cell->value.string_value);
    if (col == 0) {
        row_state *state = cell->user_data.ptr_value;
        if (state && state->streams)
            g_hash_table_destroy(state->streams);
        g_free(state);
    }
    if (row == 0 && col == 0)
        forget_rows(table);
}

static stat_tap_table *first_table(void *tapdata)
{
    const stat_data_t *stat_data = (const stat_data_t *)tapdata;
    return g_array_index(stat_data->stat_tap_data->tables, stat_tap_table *, 0);
}

static void init_table(stat_tap_table_ui *ui, const char *name, unsigned n_columns)
{
    stat_tap_table *table = stat_tap_find_table(ui, name);
    if (table) {
        if (ui->stat_tap_reset_table_cb)
            ui->stat_tap_reset_table_cb(table);
        return;
    }
    table = stat_tap_init_table(name, (int)n_columns, 0, NULL);
    stat_tap_add_table(ui, table);
}

/* ---- FaceTime Calls ----------------------------------------------------------------------------- */

enum call_column {
    CALL_ID, CALL_OUTCOME, CALL_START, CALL_DURATION, CALL_CALLER, CALL_CALLEE,
    CALL_CALLER_PUBLIC, CALL_CALLEE_PUBLIC, CALL_CALLER_NAME, CALL_CALLEE_NAME, CALL_STREAMS,
    CALL_RTP, CALL_LOST, CALL_RTCP, CALL_FIRST, CALL_END, CALL_LAST, CALL_CALLER_VIDEO,
    CALL_CALLEE_VIDEO, N_CALL_COLUMNS
};

static stat_tap_table_item call_columns[N_CALL_COLUMNS] = {
    [CALL_ID] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%s" },
    [CALL_OUTCOME] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome", "%s" },
    [CALL_START] = { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Start (s)", "%.3f" },
    [CALL_DURATION] = { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Duration (s)", "%.3f" },
    [CALL_CALLER] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller", "%s" },
    [CALL_CALLEE] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee", "%s" },
    [CALL_CALLER_PUBLIC] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller public (c=)", "%s" },
    [CALL_CALLEE_PUBLIC] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee public (c=)", "%s" },
    [CALL_CALLER_NAME] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller name (s=)", "%s" },
    [CALL_CALLEE_NAME] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee name (s=)", "%s" },
    [CALL_STREAMS] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Streams", "%u" },
    [CALL_RTP] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "RTP packets", "%u" },
    [CALL_LOST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Lost", "%u" },
    [CALL_RTCP] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "RTCP packets", "%u" },
    [CALL_FIRST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%u" },
    [CALL_END] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "End frame", "%u" },
    [CALL_LAST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%u" },
    [CALL_CALLER_VIDEO] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller offers video", "%s" },
    [CALL_CALLEE_VIDEO] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee offers video", "%s" },
};

static const char calls_table_name[] = "FaceTime Calls";

static uint32_t call_lost(const row_state *state)
{
    uint32_t total = 0;
    GHashTableIter iter;
    gpointer counts;
    g_hash_table_iter_init(&iter, state->streams);
    while (g_hash_table_iter_next(&iter, NULL, &counts))
        total += lost((const stream_counts *)counts);
    return total;
}

/* From the first INVITE (or the first message seen) to the BYE or the final failure; for a call
 * that has not ended in the capture, to its latest packet this table saw. */
static nstime_t call_duration(const ft_call *c, const row_state *state)
{
    nstime_t start = c->first_time, duration;
    const nstime_t *end = c->end_frame ? &c->end_time : &state->last_time;
    nstime_delta(&duration, end, &start);
    if (nstime_cmp(end, &start) < 0)
        nstime_set_zero(&duration);
    return duration;
}

static void update_call_row(stat_tap_table *table, unsigned row, packet_info *pinfo,
                            const ft_call *c, const row_state *state)
{
    set_string(table, row, CALL_OUTCOME,
               facetime_outcome_name(pinfo->pool, c->outcome, c->final_status));
    nstime_t start;
    nstime_delta(&start, &c->first_time, &state->capture_start);
    set_seconds(table, row, CALL_START, &start);
    nstime_t duration = call_duration(c, state);
    set_seconds(table, row, CALL_DURATION, &duration);

    static const unsigned uri_col[2] = { CALL_CALLER, CALL_CALLEE };
    static const unsigned public_col[2] = { CALL_CALLER_PUBLIC, CALL_CALLEE_PUBLIC };
    static const unsigned name_col[2] = { CALL_CALLER_NAME, CALL_CALLEE_NAME };
    static const unsigned video_col[2] = { CALL_CALLER_VIDEO, CALL_CALLEE_VIDEO };
    for (unsigned party = FT_CALLER; party <= FT_CALLEE; party++) {
        const ft_side *side = &c->sides[party];
        set_string(table, row, uri_col[party], side->uri);
        set_string(table, row, public_col[party], side->public_addr);
        set_string(table, row, name_col[party], side->session_name);
        set_string(table, row, video_col[party], side->video_offer);
    }
    set_uint(table, row, CALL_STREAMS, wmem_array_get_count(c->streams));
    set_uint(table, row, CALL_RTP, state->counts.rtp);
    set_uint(table, row, CALL_LOST, call_lost(state));
    set_uint(table, row, CALL_RTCP, state->counts.rtcp);
    uint32_t first = c->first_frame && c->first_frame < state->first_frame ? c->first_frame
                                                                           : state->first_frame;
    set_uint(table, row, CALL_FIRST, first);
    set_uint(table, row, CALL_END, c->end_frame);
    uint32_t last = c->end_frame > state->last_frame ? c->end_frame : state->last_frame;
    set_uint(table, row, CALL_LAST, last);
}

FT_TAP_PACKET_CB(calls_packet)(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
                               const void *data, tap_flags_t flags)
{
    (void)edt;
    (void)flags;
    const ft_tap_event *event = (const ft_tap_event *)data;
    stat_tap_table *table = first_table(tapdata);
    bool added;
    unsigned row = row_of(table, call_columns, event->call, event->call->call_id, &added);
    row_state *state = state_of(table, row);
    if (added)
        state->streams = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    note_packet(state, pinfo);
    if (event->stream) {
        stream_counts *counts = g_hash_table_lookup(state->streams, event->stream);
        if (!counts) {
            counts = g_new0(stream_counts, 1);
            g_hash_table_insert(state->streams, (gpointer)event->stream, counts);
        }
        count_event(counts, event);
        count_event(&state->counts, event);
    }
    update_call_row(table, row, pinfo, event->call, state);
    return TAP_PACKET_REDRAW;
}

static void calls_init(stat_tap_table_ui *ui)
{
    init_table(ui, calls_table_name, N_CALL_COLUMNS);
}

/* ---- FaceTime Streams --------------------------------------------------------------------------- */

enum stream_column {
    STREAM_CALL_ID, STREAM_SSRC, STREAM_MEDIA, STREAM_DIRECTION, STREAM_PAYLOAD_TYPE,
    STREAM_PACKETS, STREAM_LOST, STREAM_OUT_OF_ORDER, STREAM_RTCP, STREAM_ANNOUNCED,
    STREAM_FIRST, STREAM_LAST, N_STREAM_COLUMNS
};

static stat_tap_table_item stream_columns[N_STREAM_COLUMNS] = {
    [STREAM_CALL_ID] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%s" },
    [STREAM_SSRC] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "SSRC", "%s" },
    [STREAM_MEDIA] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Media", "%s" },
    [STREAM_DIRECTION] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Direction", "%s" },
    [STREAM_PAYLOAD_TYPE] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Payload type", "%u" },
    [STREAM_PACKETS] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "RTP packets", "%u" },
    [STREAM_LOST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Lost", "%u" },
    [STREAM_OUT_OF_ORDER] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Out of order", "%u" },
    [STREAM_RTCP] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "RTCP packets", "%u" },
    [STREAM_ANNOUNCED] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Announced in", "%u" },
    [STREAM_FIRST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%u" },
    [STREAM_LAST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%u" },
};

static const char streams_table_name[] = "FaceTime Streams";

static const char *media_name(ft_media_kind kind)
{
    return kind == FT_MEDIA_AUDIO ? "audio" : kind == FT_MEDIA_VIDEO ? "video" : "other";
}

/* The row of a stream; a new one gets what its announcement says. */
static unsigned stream_row(stat_tap_table *table, const ft_stream *st)
{
    bool added;
    unsigned row = row_of(table, stream_columns, st, st->call->call_id, &added);
    if (!added)
        return row;
    char ssrc[16];
    snprintf(ssrc, sizeof ssrc, "0x%08x", st->ssrc);
    set_string(table, row, STREAM_SSRC, ssrc);
    set_string(table, row, STREAM_MEDIA, media_name(st->kind));
    set_string(table, row, STREAM_DIRECTION, facetime_direction_name(st->sender));
    set_uint(table, row, STREAM_ANNOUNCED, st->setup_frame);
    return row;
}

static void update_stream_row(stat_tap_table *table, unsigned row, const row_state *state)
{
    set_uint(table, row, STREAM_PAYLOAD_TYPE, state->counts.payload_type);
    set_uint(table, row, STREAM_PACKETS, state->counts.rtp);
    set_uint(table, row, STREAM_LOST, lost(&state->counts));
    set_uint(table, row, STREAM_OUT_OF_ORDER, state->counts.out_of_order);
    set_uint(table, row, STREAM_RTCP, state->counts.rtcp);
    set_uint(table, row, STREAM_FIRST, state->first_frame);
    set_uint(table, row, STREAM_LAST, state->last_frame);
}

/* An SDP body lists the streams its call has announced so far, packets or not; a packet counts
 * in its stream's row. */
FT_TAP_PACKET_CB(streams_packet)(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
                                 const void *data, tap_flags_t flags)
{
    (void)edt;
    (void)flags;
    const ft_tap_event *event = (const ft_tap_event *)data;
    stat_tap_table *table = first_table(tapdata);
    if (!event->stream) {
        const ft_call *c = event->call;
        for (unsigned i = 0; i < wmem_array_get_count(c->streams); i++) {
            const ft_stream *st = *(const ft_stream **)wmem_array_index(c->streams, i);
            if (st->setup_frame <= pinfo->num)
                stream_row(table, st);
        }
        return TAP_PACKET_REDRAW;
    }
    unsigned row = stream_row(table, event->stream);
    row_state *state = state_of(table, row);
    note_packet(state, pinfo);
    count_event(&state->counts, event);
    update_stream_row(table, row, state);
    return TAP_PACKET_REDRAW;
}

static void streams_init(stat_tap_table_ui *ui)
{
    init_table(ui, streams_table_name, N_STREAM_COLUMNS);
}

/* ---- registration ------------------------------------------------------------------------------- */

void register_facetime_calls_tables(void)
{
    static tap_param params[] = {
        { PARAM_FILTER, "filter", "Filter", NULL, true },
    };
    static stat_tap_table_ui calls_ui = {
        REGISTER_TELEPHONY_GROUP_UNSORTED,
        "FaceTime Calls",
        FT_TAP_NAME,
        "facetime,calls",
        calls_init,
        calls_packet,
        table_reset,
        table_free_cell,
        NULL,
        N_CALL_COLUMNS, call_columns,
        sizeof params / sizeof params[0], params,
        NULL,
        0
    };
    static stat_tap_table_ui streams_ui = {
        REGISTER_TELEPHONY_GROUP_UNSORTED,
        "FaceTime Streams",
        FT_TAP_NAME,
        "facetime,streams",
        streams_init,
        streams_packet,
        table_reset,
        table_free_cell,
        NULL,
        N_STREAM_COLUMNS, stream_columns,
        sizeof params / sizeof params[0], params,
        NULL,
        0
    };
    register_stat_tap_table_ui(&calls_ui);
    register_stat_tap_table_ui(&streams_ui);
}
