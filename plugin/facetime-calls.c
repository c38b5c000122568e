/* facetime-calls.c - the calls, parties and streams tables: "FaceTime Calls", "FaceTime Call
 * Parties" and "FaceTime Streams" in Wireshark's Telephony menu, and `tshark -z
 * facetime,calls[,filter]`, `-z facetime,parties[,filter]` and `-z facetime,streams[,filter]`.
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

#include <math.h>
#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "facetime-call.h"
#include "ft_summary.h"

/* ---- RTP sequence bookkeeping (RFC 3550 A.1, simplified) ------------------------------------ */

typedef struct stream_counts {
    uint32_t rtp;
    uint32_t rtcp;
    uint32_t first_sequence;      /* extended to 32 bits */
    uint32_t highest_sequence;
    uint32_t out_of_order;
    uint8_t payload_type;         /* the latest seen */
    /* Interarrival jitter (RFC 3550 6.4.1), in ms, over packets in sequence, as RTP analysis
     * computes it: only where the stream's announcement gives the payload's clock rate, and its
     * maximum over packets without the marker bit (which starts a talkspurt or ends a frame). */
    bool jitter_known;
    double jitter, max_jitter;
    double previous_arrival;      /* ms */
    uint32_t previous_timestamp;
} stream_counts;

static void count_jitter(stream_counts *counts, double arrival_ms, uint32_t timestamp,
                         uint32_t clock_rate, bool marker)
{
    if (counts->jitter_known) {
        /* Samples per ms in whole numbers, as RTP analysis divides (22050 Hz: 22), so that
         * the two agree. */
        double nominal_ms = (double)(int32_t)(timestamp - counts->previous_timestamp) /
                            (clock_rate / 1000);
        double transit_change = (arrival_ms - counts->previous_arrival) - nominal_ms;
        counts->jitter += (fabs(transit_change) - counts->jitter) / 16;
        if (!marker && counts->jitter > counts->max_jitter)
            counts->max_jitter = counts->jitter;
    }
    counts->jitter_known = true;
    counts->previous_arrival = arrival_ms;
    counts->previous_timestamp = timestamp;
}

/* clock_rate 0 (or below 1000 Hz): not known, no jitter. */
static void count_rtp(stream_counts *counts, const ft_tap_event *event, const packet_info *pinfo,
                      uint32_t clock_rate)
{
    uint16_t sequence = event->rtp_sequence;
    double arrival_ms = nstime_to_msec(&pinfo->abs_ts);
    counts->payload_type = event->payload_type;
    if (counts->rtp++ == 0) {
        counts->first_sequence = counts->highest_sequence = sequence;
        if (clock_rate)
            count_jitter(counts, arrival_ms, event->rtp_timestamp, clock_rate, event->rtp_marker);
        return;
    }
    /* The 16-bit sequence number, placed nearest to the highest one seen. */
    int16_t delta = (int16_t)(sequence - (uint16_t)counts->highest_sequence);
    if (delta > 0) {
        counts->highest_sequence += (uint32_t)delta;
        if (clock_rate)
            count_jitter(counts, arrival_ms, event->rtp_timestamp, clock_rate, event->rtp_marker);
    } else if (delta < 0) {
        counts->out_of_order++;
    }
    /* delta 0: the same packet again (a capture taken on two interfaces), not out of order. */
}

static uint32_t lost(const stream_counts *counts)
{
    uint32_t expected = counts->rtp ? counts->highest_sequence - counts->first_sequence + 1 : 0;
    return expected > counts->rtp ? expected - counts->rtp : 0;
}

/* The clock rate of the packet's payload type, as the stream's announcement gives it; 0. */
static uint32_t clock_rate_of(const ft_tap_event *event)
{
    const ft_stream_payload *payload = facetime_stream_payload(event->stream, event->payload_type);
    return payload && payload->clock_rate >= 1000 ? payload->clock_rate : 0;
}

static void count_event(stream_counts *counts, const ft_tap_event *event, const packet_info *pinfo)
{
    if (event->is_rtcp)
        counts->rtcp++;
    else
        count_rtp(counts, event, pinfo, clock_rate_of(event));
}

/* ---- rows of a table ------------------------------------------------------------------------ */

/* What a row adds up, kept in the scratch space of its first cell. */
typedef struct row_state {
    uint32_t first_frame, last_frame;
    uint32_t last_media_frame;    /* of RTP or RTCP; 0 */
    bool last_is_media;           /* last_frame is last_media_frame */
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

/* The row of key, added (its cells empty, its Call-ID cell `call_id`) when it is new. The first
 * cell keeps the row's state. */
static unsigned row_of(stat_tap_table *table, const stat_tap_table_item *columns, const void *key,
                       unsigned call_id_column, const char *call_id, bool *added)
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
    set_string(table, row, call_id_column, call_id);
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
static void note_packet(row_state *state, const packet_info *pinfo, const ft_tap_event *event)
{
    if (state->first_frame == 0) {
        nstime_delta(&state->capture_start, &pinfo->abs_ts, &pinfo->rel_ts);
        state->last_time = pinfo->abs_ts;
    }
    if (state->first_frame == 0 || pinfo->num < state->first_frame)
        state->first_frame = pinfo->num;
    if (pinfo->num > state->last_frame) {
        state->last_frame = pinfo->num;
        state->last_is_media = event->stream != NULL;
    }
    if (event->stream && pinfo->num > state->last_media_frame)
        state->last_media_frame = pinfo->num;
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

/* One compact row a call: how it went, who, what media it had, and where its packets are; the
 * Call-ID (long, opaque) and the filter near the end, so that a narrow dialog shows the rest.
 * The parties' details (URI, public address, name, video offered) are in FaceTime Call
 * Parties. */
enum call_column {
    CALL_OUTCOME, CALL_START, CALL_DURATION, CALL_CALLER, CALL_CALLEE, CALL_MEDIA, CALL_FIRST,
    CALL_LAST, CALL_ENDS_WITH, CALL_ID, CALL_FILTER, N_CALL_COLUMNS
};

static stat_tap_table_item call_columns[N_CALL_COLUMNS] = {
    [CALL_ID] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%s" },
    [CALL_OUTCOME] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome", "%s" },
    [CALL_START] = { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Start (s)", "%.3f" },
    [CALL_DURATION] = { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Duration (s)", "%.3f" },
    [CALL_CALLER] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Caller", "%s" },
    [CALL_CALLEE] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Callee", "%s" },
    [CALL_MEDIA] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Media", "%s" },
    [CALL_FIRST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%u" },
    [CALL_LAST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%u" },
    [CALL_ENDS_WITH] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Ends with", "%s" },
    [CALL_FILTER] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Filter", "%s" },
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

/* "4 streams: 120 RTP (0 lost), 4 RTCP"; "no media". */
static void describe_media(char *out, size_t size, const ft_call *c, const row_state *state)
{
    unsigned streams = wmem_array_get_count(c->streams);
    if (streams == 0 && state->counts.rtp == 0 && state->counts.rtcp == 0) {
        snprintf(out, size, "no media");
        return;
    }
    snprintf(out, size, "%u stream%s: %u RTP (%u lost), %u RTCP", streams,
             streams == 1 ? "" : "s", state->counts.rtp, call_lost(state), state->counts.rtcp);
}

/* A call's last frame: the end of its signalling (the BYE or the final response) or its last
 * media packet, whichever is later; for a call that has not ended, its last packet. */
static uint32_t call_last_frame(const ft_call *c, const row_state *state)
{
    if (!c->end_frame)
        return state->last_frame;
    return c->end_frame > state->last_media_frame ? c->end_frame : state->last_media_frame;
}

/* What that last frame is. */
static void describe_end(char *out, size_t size, const ft_call *c, const row_state *state)
{
    char end[32];
    if (c->dialog.ended_by_bye)
        snprintf(end, sizeof end, "BYE");
    else
        snprintf(end, sizeof end, "final response %u", c->dialog.final_status);
    if (!c->end_frame)
        snprintf(out, size, "%s (no end seen)", state->last_is_media ? "media" : "SIP");
    else if (c->end_frame >= state->last_media_frame)
        snprintf(out, size, "%s", end);
    else
        snprintf(out, size, "media, after the %s in %u", end, c->end_frame);
}

static void update_call_row(stat_tap_table *table, unsigned row, packet_info *pinfo,
                            const ft_call *c, const row_state *state)
{
    set_string(table, row, CALL_OUTCOME,
               facetime_outcome_name(pinfo->pool, c->dialog.outcome, c->dialog.final_status));
    nstime_t start;
    nstime_delta(&start, &c->first_time, &state->capture_start);
    set_seconds(table, row, CALL_START, &start);
    nstime_t duration = call_duration(c, state);
    set_seconds(table, row, CALL_DURATION, &duration);
    char text[160];
    ft_compact_uri(c->sides[FT_CALLER].uri, text, sizeof text);
    set_string(table, row, CALL_CALLER, text);
    ft_compact_uri(c->sides[FT_CALLEE].uri, text, sizeof text);
    set_string(table, row, CALL_CALLEE, text);
    describe_media(text, sizeof text, c, state);
    set_string(table, row, CALL_MEDIA, text);
    uint32_t first = c->first_frame && c->first_frame < state->first_frame ? c->first_frame
                                                                           : state->first_frame;
    set_uint(table, row, CALL_FIRST, first);
    set_uint(table, row, CALL_LAST, call_last_frame(c, state));
    describe_end(text, sizeof text, c, state);
    set_string(table, row, CALL_ENDS_WITH, text);
}

/* The display filter that shows a call's packets: every one carries its facetime.call_id. SIP
 * keeps at most 127 bytes of a Call-ID, and the call model no more; a quote or backslash in it
 * is escaped for the filter's string. */
static char *call_filter(const ft_call *c)
{
    GString *filter = g_string_new("facetime.call_id == \"");
    for (const char *p = c->call_id; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_c(filter, '\\');
        g_string_append_c(filter, *p);
    }
    g_string_append_c(filter, '"');
    return g_string_free(filter, FALSE);
}

static void set_filter(stat_tap_table *table, unsigned row, unsigned col, char *filter)
{
    set_string(table, row, col, filter);
    g_free(filter);
}

FT_TAP_PACKET_CB(calls_packet)(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
                               const void *data, tap_flags_t flags)
{
    (void)edt;
    (void)flags;
    const ft_tap_event *event = (const ft_tap_event *)data;
    stat_tap_table *table = first_table(tapdata);
    bool added;
    unsigned row = row_of(table, call_columns, event->call, CALL_ID, event->call->call_id,
                          &added);
    row_state *state = state_of(table, row);
    if (added) {
        state->streams = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
        set_filter(table, row, CALL_FILTER, call_filter(event->call));
    }
    note_packet(state, pinfo, event);
    if (event->stream) {
        stream_counts *counts = g_hash_table_lookup(state->streams, event->stream);
        if (!counts) {
            counts = g_new0(stream_counts, 1);
            g_hash_table_insert(state->streams, (gpointer)event->stream, counts);
        }
        count_event(counts, event, pinfo);
        if (event->is_rtcp)
            state->counts.rtcp++;
        else
            state->counts.rtp++;
    }
    update_call_row(table, row, pinfo, event->call, state);
    return TAP_PACKET_REDRAW;
}

static void calls_init(stat_tap_table_ui *ui)
{
    init_table(ui, calls_table_name, N_CALL_COLUMNS);
}

/* ---- FaceTime Call Parties ---------------------------------------------------------------------- */

/* The caller and the callee of each call, as their SIP and SDP describe them. */
enum party_column {
    PARTY_ROLE, PARTY_URI, PARTY_PUBLIC, PARTY_NAME, PARTY_VIDEO, PARTY_CALL_ID, N_PARTY_COLUMNS
};

static stat_tap_table_item party_columns[N_PARTY_COLUMNS] = {
    [PARTY_CALL_ID] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%s" },
    [PARTY_ROLE] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Party", "%s" },
    [PARTY_URI] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "URI", "%s" },
    [PARTY_PUBLIC] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Public address (c=)", "%s" },
    [PARTY_NAME] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Name (s=)", "%s" },
    [PARTY_VIDEO] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Offers video", "%s" },
};

static const char parties_table_name[] = "FaceTime Call Parties";

FT_TAP_PACKET_CB(parties_packet)(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
                                 const void *data, tap_flags_t flags)
{
    (void)pinfo;
    (void)edt;
    (void)flags;
    const ft_tap_event *event = (const ft_tap_event *)data;
    if (event->stream)
        return TAP_PACKET_DONT_REDRAW;        /* media says nothing of the parties */
    stat_tap_table *table = first_table(tapdata);
    const ft_call *c = event->call;
    for (unsigned party = FT_CALLER; party <= FT_CALLEE; party++) {
        const ft_side *side = &c->sides[party];
        bool added;
        unsigned row = row_of(table, party_columns, side, PARTY_CALL_ID, c->call_id, &added);
        set_string(table, row, PARTY_ROLE, party == FT_CALLER ? "caller" : "callee");
        set_string(table, row, PARTY_URI, side->uri);
        set_string(table, row, PARTY_PUBLIC, side->public_addr);
        set_string(table, row, PARTY_NAME, side->session_name);
        set_string(table, row, PARTY_VIDEO, side->video_offer);
    }
    return TAP_PACKET_REDRAW;
}

static void parties_init(stat_tap_table_ui *ui)
{
    init_table(ui, parties_table_name, N_PARTY_COLUMNS);
}

/* ---- FaceTime Streams --------------------------------------------------------------------------- */

enum stream_column {
    STREAM_MEDIA, STREAM_DIRECTION, STREAM_SSRC, STREAM_PAYLOAD, STREAM_PACKETS, STREAM_LOST,
    STREAM_OUT_OF_ORDER, STREAM_MAX_JITTER, STREAM_RTCP, STREAM_ANNOUNCED, STREAM_FIRST,
    STREAM_LAST, STREAM_CALL_ID, STREAM_FILTER, N_STREAM_COLUMNS
};

static stat_tap_table_item stream_columns[N_STREAM_COLUMNS] = {
    [STREAM_CALL_ID] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%s" },
    [STREAM_MEDIA] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Media", "%s" },
    [STREAM_DIRECTION] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Direction", "%s" },
    [STREAM_SSRC] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "SSRC", "%s" },
    [STREAM_PAYLOAD] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Payload", "%s" },
    [STREAM_PACKETS] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "RTP packets", "%u" },
    [STREAM_LOST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Lost", "%u" },
    [STREAM_OUT_OF_ORDER] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Out of order", "%u" },
    [STREAM_MAX_JITTER] = { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Max jitter (ms)", "%s" },
    [STREAM_RTCP] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "RTCP packets", "%u" },
    [STREAM_ANNOUNCED] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Announced in", "%u" },
    [STREAM_FIRST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%u" },
    [STREAM_LAST] = { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%u" },
    [STREAM_FILTER] = { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Filter", "%s" },
};

static const char streams_table_name[] = "FaceTime Streams";

static const char *media_name(ft_media_kind kind)
{
    return kind == FT_MEDIA_AUDIO ? "audio" : kind == FT_MEDIA_VIDEO ? "video" : "other";
}

/* A stream's packets: its call's, with its SSRC, RTP or RTCP. In words ("and", "or"): the
 * tables print their columns between bars. */
static char *stream_filter(const ft_stream *st)
{
    char *call = call_filter(st->call);
    char *filter = g_strdup_printf("%s and (rtp.ssrc == 0x%08x or rtcp.senderssrc == 0x%08x)",
                                   call, st->ssrc, st->ssrc);
    g_free(call);
    return filter;
}

/* The row of a stream; a new one gets what its announcement says. */
static unsigned stream_row(stat_tap_table *table, const ft_stream *st)
{
    bool added;
    unsigned row = row_of(table, stream_columns, st, STREAM_CALL_ID, st->call->call_id, &added);
    if (!added)
        return row;
    char ssrc[16];
    snprintf(ssrc, sizeof ssrc, "0x%08x", st->ssrc);
    set_string(table, row, STREAM_SSRC, ssrc);
    set_string(table, row, STREAM_MEDIA, media_name(st->kind));
    set_string(table, row, STREAM_DIRECTION, facetime_direction_name(st->sender));
    set_uint(table, row, STREAM_ANNOUNCED, st->setup_frame);
    set_string(table, row, STREAM_MAX_JITTER, "-");
    set_filter(table, row, STREAM_FILTER, stream_filter(st));
    return row;
}

/* The payload's name as the announcement gives it ("X-H264"), else its number. */
static void set_payload(stat_tap_table *table, unsigned row, const ft_stream *st, uint8_t pt)
{
    const ft_stream_payload *payload = facetime_stream_payload(st, pt);
    char number[8];
    snprintf(number, sizeof number, "%u", pt);
    set_string(table, row, STREAM_PAYLOAD, payload ? payload->name : number);
}

static void update_stream_row(stat_tap_table *table, unsigned row, const ft_stream *st,
                              const row_state *state)
{
    if (state->counts.rtp)
        set_payload(table, row, st, state->counts.payload_type);
    set_uint(table, row, STREAM_PACKETS, state->counts.rtp);
    set_uint(table, row, STREAM_LOST, lost(&state->counts));
    set_uint(table, row, STREAM_OUT_OF_ORDER, state->counts.out_of_order);
    if (state->counts.jitter_known) {
        char jitter[32];
        snprintf(jitter, sizeof jitter, "%.3f", state->counts.max_jitter);
        set_string(table, row, STREAM_MAX_JITTER, jitter);
    }
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
    note_packet(state, pinfo, event);
    count_event(&state->counts, event, pinfo);
    update_stream_row(table, row, event->stream, state);
    return TAP_PACKET_REDRAW;
}

static void streams_init(stat_tap_table_ui *ui)
{
    init_table(ui, streams_table_name, N_STREAM_COLUMNS);
}

/* ---- registration ------------------------------------------------------------------------------- */

/* One table under Telephony, fed by the facetime tap; `-z CLI_STRING[,filter]` for tshark. The
 * table UI lives as long as the program. */
static void register_table(const char *title, const char *cli_string,
                           void (*init)(stat_tap_table_ui *),
                           tap_packet_cb packet, size_t n_columns, stat_tap_table_item *columns)
{
    static tap_param params[] = {
        { PARAM_FILTER, "filter", "Filter", NULL, true },
    };
    stat_tap_table_ui *ui = g_new0(stat_tap_table_ui, 1);
    ui->group = REGISTER_TELEPHONY_GROUP_UNSORTED;
    ui->title = title;
    ui->tap_name = FT_TAP_NAME;
    ui->cli_string = cli_string;
    ui->stat_tap_init_cb = init;
    ui->packet_func = packet;
    ui->stat_tap_reset_table_cb = table_reset;
    ui->stat_tap_free_table_item_cb = table_free_cell;
    ui->nfields = n_columns;
    ui->fields = columns;
    ui->nparams = sizeof params / sizeof params[0];
    ui->params = params;
    register_stat_tap_table_ui(ui);
}

void register_facetime_calls_tables(void)
{
    register_table(calls_table_name, "facetime,calls", calls_init, calls_packet, N_CALL_COLUMNS,
                   call_columns);
    register_table(parties_table_name, "facetime,parties", parties_init, parties_packet,
                   N_PARTY_COLUMNS, party_columns);
    register_table(streams_table_name, "facetime,streams", streams_init, streams_packet,
                   N_STREAM_COLUMNS, stream_columns);
}
