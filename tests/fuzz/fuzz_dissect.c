/* fuzz_dissect.c - the whole plugin in the real libwireshark: a short capture of UDP datagrams,
 * dissected in one session with full trees and the "facetime" tap listened to.
 *
 * Input: up to 16 datagrams between a few fixed endpoints (fuzz_datagrams.h). Each becomes an
 * IPv4/UDP packet (link type raw IP) and is dissected in order, one epan_dissect reset after each
 * packet, in an epan session of its own: a new session per input starts Wireshark's capture
 * state afresh (conversations, file-scope memory and with it the plugin's calls, streams and
 * endpoints), so every input means the same alone as in a run.
 *
 * Set up once: libwireshark as installed, without loading any plugin from disk; the plugin's
 * own sources are compiled into this program and register through plugin_register(), as the
 * loader would call it. Preferences are read from an empty personal folder (defaults only).
 * Four listeners hear the "facetime" tap: the calls, parties and streams tables (their own
 * stat_tap_table_ui, set up as `tshark -z facetime,calls -z facetime,parties
 * -z facetime,streams` does and reset as a retap does before each input) and this program,
 * which keeps every event for the checks.
 *
 * Invariants (each failure aborts through FUZZ_CHECK, which libFuzzer saves):
 *  1. No dissector bug: no tree holds Wireshark's dissector-bug marker (FUZZ_DISSECTOR_BUG_FIELD).
 *  2. No exception leaves any of the plugin's heuristics (doc/README.heuristic): each of its
 *     entries in a heuristic list (found through the public heur_dtbl_entry_t) is wrapped in a
 *     TRY that fails on any exception, before or after the packet was accepted.
 *  3. Bounded state: before the first packet the plugin keeps nothing (the previous input is
 *     gone); after the last, its calls are the calls the tap told of, and at most its FaceTime
 *     bodies (facetime.sdp items); their streams at most the a=rtpID items
 *     (facetime.sdp.rtpid); offers kept at most the bodies; endpoints at most the m= sections
 *     shown (facetime.sdp.media), their hosts at most the endpoints; calls whose INVITE carried
 *     no FaceTime SDP (yet), host pairs and sockets learnt from STUN at most the packets. The sizes come from the accessors the
 *     plugin's files compile with FACETIME_FUZZ_INTROSPECTION; the bounds from the trees.
 *  4. The tap agrees with the marks: in every frame, the media events the tap sent are exactly
 *     the facetime.rtp marks of a stream of a call (with a setup frame and a Call-ID), in order,
 *     with the same media, direction, setup frame and Call-ID, and an RTP event carries the
 *     packet's rtp.seq; a SIP event names a Call-ID of that frame's SIP.
 *  5. The tables agree with the tap: the calls table has one row per call heard of, with its
 *     Call-ID, RTP and RTCP counts (in its Media summary), a first frame at or before its first
 *     event and a last frame at or after its last media packet; the parties table two rows per
 *     call at most; the streams table a row for every stream heard of, with its SSRC, media,
 *     direction, announcing frame and packet counts.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ws_compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <epan/epan.h>
#include <epan/epan_dissect.h>
#include <epan/exceptions.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <wiretap/wtap.h>
#include <wsutil/filesystem.h>
#include <wsutil/privileges.h>
#include <wsutil/wslog.h>

#include "facetime-call.h"
#include "fuzz_datagrams.h"
#include "fuzz_support.h"

/* ---- what differs between the Wireshark releases this builds against ------------------------ */

/* The marker show_exception() adds for a DissectorError was renamed in 4.2. */
#if FT_WS_AT_LEAST(4, 2)
#define FUZZ_DISSECTOR_BUG_FIELD "_ws.dissector_bug"
#else
#define FUZZ_DISSECTOR_BUG_FIELD "_ws.malformed.dissector_bug"
#endif

/* field_info holds its value by pointer since 4.2. */
#if FT_WS_AT_LEAST(4, 2)
#define FUZZ_FIELD_VALUE(fi) ((fi)->value)
#else
#define FUZZ_FIELD_VALUE(fi) (&(fi)->value)
#endif

/* configuration_init() lost its namespace argument in 4.6. */
#if FT_WS_AT_LEAST(4, 6)
#define FUZZ_CONFIGURATION_INIT(arg0) configuration_init(arg0)
#else
#define FUZZ_CONFIGURATION_INIT(arg0) configuration_init(arg0, NULL)
#endif

/* Since 4.6 a wtap_rec carries the packet's bytes, and epan_dissect_run*() take no tvb. */
static void run_packet(epan_dissect_t *edt, wtap_rec *rec, const uint8_t *bytes, unsigned len,
                       frame_data *fd)
{
#if FT_WS_AT_LEAST(4, 6)
    ws_buffer_append(&rec->data, bytes, len);
    epan_dissect_run_with_taps(edt, WTAP_FILE_TYPE_SUBTYPE_UNKNOWN, rec, fd, NULL);
#else
    epan_dissect_run_with_taps(edt, WTAP_FILE_TYPE_SUBTYPE_UNKNOWN, rec,
                               tvb_new_real_data(bytes, len, (int)len), fd, NULL);
#endif
}

static void init_packet_rec(wtap_rec *rec, unsigned len)
{
#if FT_WS_AT_LEAST(4, 6)
    wtap_rec_init(rec, len);
    wtap_setup_packet_rec(rec, WTAP_ENCAP_RAW_IP);
#else
    wtap_rec_init(rec);
    rec->rec_type = REC_TYPE_PACKET;
    rec->rec_header.packet_header.pkt_encap = WTAP_ENCAP_RAW_IP;
#endif
    rec->presence_flags = WTAP_HAS_TS | WTAP_HAS_CAP_LEN;
    rec->rec_header.packet_header.caplen = len;
    rec->rec_header.packet_header.len = len;
}

/* ---- the plugin's own state, through its introspection accessors ---------------------------- */

/* Defined at the very end of plugin/facetime-call.c, plugin/facetime-media.c and
 * plugin/facetime-discovery.c when FACETIME_FUZZ_INTROSPECTION is set (the fuzz builds set it). */
void facetime_fuzz_call_counts(unsigned *calls, unsigned *unlisted, unsigned *host_pairs,
                               unsigned *streams);
void facetime_fuzz_media_counts(unsigned *offers, unsigned *endpoints, unsigned *endpoint_hosts);
void facetime_fuzz_discovery_counts(unsigned *outside_sockets_kept);

/* plugin/plugin.c, compiled into this program: what the plugin loader calls. */
void plugin_register(void);

typedef struct plugin_state {
    unsigned calls, unlisted_calls, host_pairs, streams;
    unsigned offers, endpoints, endpoint_hosts;
    unsigned outside_sockets;
} plugin_state;

static plugin_state state_now(void)
{
    plugin_state s;
    facetime_fuzz_call_counts(&s.calls, &s.unlisted_calls, &s.host_pairs, &s.streams);
    facetime_fuzz_media_counts(&s.offers, &s.endpoints, &s.endpoint_hosts);
    facetime_fuzz_discovery_counts(&s.outside_sockets);
    return s;
}

/* ---- the capture: frames and their time stamps ---------------------------------------------- */

struct packet_provider_data {
    frame_data frames[FUZZ_DATAGRAMS_MAX];
    unsigned n_frames;
};

static const nstime_t *frame_time(struct packet_provider_data *capture, uint32_t frame_num)
{
    if (frame_num == 0 || frame_num > capture->n_frames)
        return NULL;
    return &capture->frames[frame_num - 1].abs_ts;
}

static const struct packet_provider_funcs capture_funcs = { .get_frame_ts = frame_time };

/* The 16-bit ones' complement sum of RFC 791 over an IPv4 header. */
static uint16_t ipv4_checksum(const uint8_t *header, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)header[i] << 8 | header[i + 1];
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* The datagram as an IPv4 packet (no options, DF, TTL 64) with a UDP header without checksum,
 * in a buffer of exactly its size so that the sanitizers see any read past it. */
static uint8_t *ipv4_packet(const fuzz_datagram *d, unsigned frame_number, unsigned *len)
{
    const size_t ip_len = 20, udp_len = 8;
    size_t total = ip_len + udp_len + d->payload_len;
    uint8_t *p = malloc(total);
    FUZZ_CHECK(p != NULL);
    memset(p, 0, ip_len + udp_len);
    p[0] = 0x45;
    p[2] = (uint8_t)(total >> 8);
    p[3] = (uint8_t)total;
    p[4] = (uint8_t)(frame_number >> 8);
    p[5] = (uint8_t)frame_number;
    p[6] = 0x40;
    p[8] = 64;
    p[9] = 17;
    memcpy(p + 12, fuzz_host_addresses[d->from->host], 4);
    memcpy(p + 16, fuzz_host_addresses[d->to->host], 4);
    uint16_t checksum = ipv4_checksum(p, ip_len);
    p[10] = (uint8_t)(checksum >> 8);
    p[11] = (uint8_t)checksum;
    uint8_t *udp = p + ip_len;
    udp[0] = (uint8_t)(d->from->port >> 8);
    udp[1] = (uint8_t)d->from->port;
    udp[2] = (uint8_t)(d->to->port >> 8);
    udp[3] = (uint8_t)d->to->port;
    udp[4] = (uint8_t)((udp_len + d->payload_len) >> 8);
    udp[5] = (uint8_t)(udp_len + d->payload_len);
    if (d->payload_len)
        memcpy(udp + udp_len, d->payload, d->payload_len);
    *len = (unsigned)total;
    return p;
}

/* ---- what the tap told ---------------------------------------------------------------------- */

typedef struct heard_event {
    uint32_t frame;
    const ft_call *call;
    const ft_stream *stream;      /* NULL for a SIP message of the call */
    bool is_rtcp;
    uint16_t rtp_sequence;
} heard_event;

static heard_event *heard;
static size_t n_heard, heard_capacity;

static tap_packet_status hear_event(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
                                    const void *data, tap_flags_t flags)
{
    (void)tapdata;
    (void)edt;
    (void)flags;
    const ft_tap_event *event = (const ft_tap_event *)data;
    FUZZ_CHECK(event != NULL && event->call != NULL && event->call->call_id != NULL);
    if (n_heard == heard_capacity) {
        heard_capacity = heard_capacity ? heard_capacity * 2 : 64;
        heard = realloc(heard, heard_capacity * sizeof *heard);
        FUZZ_CHECK(heard != NULL);
    }
    heard_event *h = &heard[n_heard++];
    h->frame = pinfo->num;
    h->call = event->call;
    h->stream = event->stream;
    h->is_rtcp = event->is_rtcp;
    h->rtp_sequence = event->rtp_sequence;
    return TAP_PACKET_DONT_REDRAW;
}

/* ---- set-up ---------------------------------------------------------------------------------- */

static struct {
    int dissector_bug, sdp, sdp_rtpid, sdp_media, rtp_mark, rtp_media, rtp_direction,
        rtp_setup_frame, call_id, rtp_seq, sip_call_id;
} hf;

static int field_id(const char *name)
{
    int id = proto_registrar_get_id_byname(name);
    if (id <= 0) {
        fprintf(stderr, "fuzz_dissect: Wireshark has no field %s\n", name);
        fuzz_fail(__FILE__, __LINE__, "every field the checks read exists");
    }
    return id;
}

/* The plugin's heuristics, each called through a wrapper of its own (a slot). README.heuristic's
 * rule: a heuristic must not throw before it accepts the packet, since that would keep the
 * heuristics after it from trying. Once it has handed the packet on (a protocol layer was added,
 * RTP's or RTCP's), an exception is that dissector's "malformed" and goes on up as in tshark. */
#define HEURISTIC_SLOTS 8

static struct {
    heur_dissector_t dissector;
    const char *name;
} heuristics[HEURISTIC_SLOTS];
static unsigned n_heuristics;

static ft_heur_result call_heuristic(unsigned slot, tvbuff_t *tvb, packet_info *pinfo,
                                     proto_tree *tree, void *data)
{
    volatile ft_heur_result accepted = 0;
    const unsigned layers_before = wmem_list_count(pinfo->layers);
    TRY {
        accepted = heuristics[slot].dissector(tvb, pinfo, tree, data);
    }
    CATCH_ALL {
        if (wmem_list_count(pinfo->layers) <= layers_before) {
            fprintf(stderr,
                    "fuzz_dissect: exception %lu (%s) left the heuristic %s in frame %u before "
                    "it handed the packet on\n",
                    (unsigned long)EXCEPT_CODE, GET_MESSAGE ? GET_MESSAGE : "no message",
                    heuristics[slot].name, pinfo->num);
            fuzz_fail(__FILE__, __LINE__, "no exception leaves a heuristic before it accepts");
        }
        RETHROW;
    }
    ENDTRY;
    return accepted;
}

#define HEURISTIC_SLOT(n)                                                                    \
    static ft_heur_result heuristic_slot_##n(tvbuff_t *tvb, packet_info *pinfo,              \
                                             proto_tree *tree, void *data)                   \
    {                                                                                        \
        return call_heuristic(n, tvb, pinfo, tree, data);                                    \
    }
HEURISTIC_SLOT(0)
HEURISTIC_SLOT(1)
HEURISTIC_SLOT(2)
HEURISTIC_SLOT(3)
HEURISTIC_SLOT(4)
HEURISTIC_SLOT(5)
HEURISTIC_SLOT(6)
HEURISTIC_SLOT(7)

static const heur_dissector_t heuristic_slots[HEURISTIC_SLOTS] = {
    heuristic_slot_0, heuristic_slot_1, heuristic_slot_2, heuristic_slot_3,
    heuristic_slot_4, heuristic_slot_5, heuristic_slot_6, heuristic_slot_7,
};

static void wrap_if_ours(const char *table_name, struct heur_dtbl_entry *entry, void *user_data)
{
    (void)table_name;
    if (entry->protocol != (protocol_t *)user_data)
        return;
    FUZZ_CHECK(n_heuristics < HEURISTIC_SLOTS);
    heuristics[n_heuristics].dissector = entry->dissector;
    heuristics[n_heuristics].name = entry->short_name;
    entry->dissector = heuristic_slots[n_heuristics];
    n_heuristics++;
}

static void wrap_in_table(const char *table_name, struct heur_dissector_list *table,
                          void *user_data)
{
    (void)table;
    heur_dissector_table_foreach(table_name, wrap_if_ours, user_data);
}

/* A table of the plugin, set up as `tshark -z NAME` does: its listener and its columns. */
typedef struct stat_table {
    stat_tap_table_ui *ui;
    stat_data_t listener;
} stat_table;

static stat_table calls_table, parties_table, streams_table;
static struct { int call_id, media, first, last; } calls_col;
static struct { int call_id, ssrc, media, direction, rtp, rtcp, announced; } streams_col;

static void listen_as_table(stat_table *t, const char *cli_name)
{
    t->ui = stat_tap_by_name(cli_name);
    FUZZ_CHECK(t->ui != NULL && t->ui->stat_tap_init_cb != NULL);
    t->listener.stat_tap_data = t->ui;
    t->ui->stat_tap_init_cb(t->ui);
    GString *error = register_tap_listener(t->ui->tap_name, &t->listener, NULL, 0, NULL,
                                           t->ui->packet_func, NULL, NULL);
    FUZZ_CHECK(error == NULL);
}

static int column_of(const stat_table *t, const char *name)
{
    for (size_t i = 0; i < t->ui->nfields; i++)
        if (strcmp(t->ui->fields[i].column_name, name) == 0)
            return (int)i;
    fprintf(stderr, "fuzz_dissect: %s has no column %s\n", t->ui->title, name);
    fuzz_fail(__FILE__, __LINE__, "the tables have every column the checks read");
}

static void listen_to_the_tap(void)
{
    GString *error = register_tap_listener(FT_TAP_NAME, &heard, NULL, 0, NULL, hear_event, NULL,
                                           NULL);
    FUZZ_CHECK(error == NULL);
    listen_as_table(&calls_table, "facetime,calls");
    calls_col.call_id = column_of(&calls_table, "Call-ID");
    calls_col.media = column_of(&calls_table, "Media");
    calls_col.first = column_of(&calls_table, "First frame");
    calls_col.last = column_of(&calls_table, "Last frame");
    listen_as_table(&parties_table, "facetime,parties");
    listen_as_table(&streams_table, "facetime,streams");
    streams_col.call_id = column_of(&streams_table, "Call-ID");
    streams_col.ssrc = column_of(&streams_table, "SSRC");
    streams_col.media = column_of(&streams_table, "Media");
    streams_col.direction = column_of(&streams_table, "Direction");
    streams_col.rtp = column_of(&streams_table, "RTP packets");
    streams_col.rtcp = column_of(&streams_table, "RTCP packets");
    streams_col.announced = column_of(&streams_table, "Announced in");
}

static void set_up(void)
{
    /* One malloc per wmem allocation, so that ASan sees past the end of each buffer (GLib reads
     * G_SLICE when it is loaded, before this runs: ctest and the script's replay set
     * G_SLICE=always-malloc in the environment), unless FUZZ_DISSECT_WMEM=wireshark asks for
     * the allocators Wireshark itself chooses (the fuzzing rounds: a tenth less CPU an input
     * than WIRESHARK_DEBUG_WMEM_OVERRIDE=block, a third less than one malloc each); an empty
     * personal configuration, so that nobody's preferences change what is fuzzed. */
    if (g_strcmp0(g_getenv("FUZZ_DISSECT_WMEM"), "wireshark") != 0)
        g_setenv("WIRESHARK_DEBUG_WMEM_OVERRIDE", "simple", 0);
    g_setenv("WIRESHARK_CONFIG_DIR", "/nonexistent/facetime-fuzz", 1);
    g_setenv("XDG_CONFIG_HOME", "/nonexistent/facetime-fuzz", 1);

    init_process_policies();
    /* Warnings (a dissector bug among them) and worse; the heuristics' debug lines are noise. */
    ws_log_set_level(LOG_LEVEL_WARNING);
    char *error = FUZZ_CONFIGURATION_INIT("fuzz_dissect");
    g_free(error);
    wtap_init(FALSE);
    plugin_register();
    FUZZ_CHECK(epan_init(NULL, NULL, FALSE));
    epan_load_settings();
    prefs_apply_all();

    hf.dissector_bug = field_id(FUZZ_DISSECTOR_BUG_FIELD);
    hf.sdp = field_id("facetime.sdp");
    hf.sdp_rtpid = field_id("facetime.sdp.rtpid");
    hf.sdp_media = field_id("facetime.sdp.media");
    hf.rtp_mark = field_id("facetime.rtp");
    hf.rtp_media = field_id("facetime.rtp.media");
    hf.rtp_direction = field_id("facetime.rtp.direction");
    hf.rtp_setup_frame = field_id("facetime.rtp.setup_frame");
    hf.call_id = field_id("facetime.call_id");
    hf.rtp_seq = field_id("rtp.seq");
    hf.sip_call_id = field_id("sip.Call-ID");

    protocol_t *facetime = find_protocol_by_id(proto_get_id_by_filter_name("facetime"));
    FUZZ_CHECK(facetime != NULL);
    dissector_all_heur_tables_foreach_table(wrap_in_table, facetime, NULL);
    FUZZ_CHECK(n_heuristics > 0);

    listen_to_the_tap();
}

/* ---- checks of one frame --------------------------------------------------------------------- */

/* The items of a field in a tree, as an array that the caller frees with g_ptr_array_free. */
static GPtrArray *items_of(proto_tree *tree, int hfid)
{
    GPtrArray *items = proto_find_finfo(tree, hfid);
    return items ? items : g_ptr_array_new();
}

static const char *string_of(const field_info *fi)
{
    return fvalue_get_string(FUZZ_FIELD_VALUE((field_info *)fi));
}

/* One facetime.rtp mark: the FaceTime line and the items under it. */
typedef struct mark {
    const char *media;
    const char *direction;        /* NULL when the mark has none */
    const char *call_id;          /* likewise */
    bool has_setup_frame;
    uint32_t setup_frame;
} mark;

typedef struct frame_marks {
    mark items[FUZZ_DATAGRAMS_MAX * 4];
    unsigned n;
    bool overflow;
} frame_marks;

static void read_mark(proto_node *line, frame_marks *marks)
{
    if (marks->n == sizeof marks->items / sizeof marks->items[0]) {
        marks->overflow = true;
        return;
    }
    mark *m = &marks->items[marks->n++];
    memset(m, 0, sizeof *m);
    for (proto_node *child = line->first_child; child; child = child->next) {
        const field_info *fi = PNODE_FINFO(child);
        if (!fi)
            continue;
        int id = fi->hfinfo->id;
        if (id == hf.rtp_media)
            m->media = string_of(fi);
        else if (id == hf.rtp_direction)
            m->direction = string_of(fi);
        else if (id == hf.call_id)
            m->call_id = string_of(fi);
        else if (id == hf.rtp_setup_frame) {
            m->has_setup_frame = true;
            m->setup_frame = fvalue_get_uinteger(FUZZ_FIELD_VALUE((field_info *)fi));
        }
    }
}

static void find_marks(proto_node *node, gpointer data)
{
    const field_info *fi = PNODE_FINFO(node);
    if (fi && fi->hfinfo->id == hf.rtp_mark) {
        read_mark(node, (frame_marks *)data);
        return;
    }
    proto_tree_children_foreach(node, find_marks, data);
}

/* What the trees of the capture hold, summed over its frames. */
typedef struct tree_totals {
    unsigned bodies, rtpids, media_sections;
} tree_totals;

static const char *const media_names[] = {
    [FT_MEDIA_AUDIO] = "audio", [FT_MEDIA_VIDEO] = "video", [FT_MEDIA_OTHER] = "other",
};

static void check_frame(proto_tree *tree, uint32_t frame, size_t first_event, tree_totals *totals)
{
    GPtrArray *bugs = items_of(tree, hf.dissector_bug);
    if (bugs->len)
        fprintf(stderr, "fuzz_dissect: dissector bug in frame %u\n", frame);
    FUZZ_CHECK(bugs->len == 0);
    g_ptr_array_free(bugs, TRUE);

    GPtrArray *bodies = items_of(tree, hf.sdp), *rtpids = items_of(tree, hf.sdp_rtpid),
              *media_sections = items_of(tree, hf.sdp_media),
              *sequences = items_of(tree, hf.rtp_seq), *call_ids = items_of(tree, hf.sip_call_id);
    totals->bodies += bodies->len;
    totals->rtpids += rtpids->len;
    totals->media_sections += media_sections->len;

    static frame_marks marks;
    marks.n = 0;
    marks.overflow = false;
    proto_tree_children_foreach(tree, find_marks, &marks);
    FUZZ_CHECK(!marks.overflow);

    /* The marks of a stream of a call, in tree order, are the media events, in tap order. */
    unsigned next_mark = 0;
    for (size_t i = first_event; i < n_heard; i++) {
        const heard_event *h = &heard[i];
        FUZZ_CHECK(h->frame == frame);
        if (!h->stream) {
            /* SIP keeps the first 127 bytes of a Call-ID for its taps (MAX_CALL_ID_SIZE). */
            bool named = false;
            size_t id_len = strlen(h->call->call_id);
            for (unsigned j = 0; j < call_ids->len; j++)
                named |= strncmp(string_of(g_ptr_array_index(call_ids, j)), h->call->call_id,
                                 id_len) == 0;
            FUZZ_CHECK(named);
            continue;
        }
        FUZZ_CHECK(h->stream->call == h->call);
        while (next_mark < marks.n &&
               !(marks.items[next_mark].has_setup_frame && marks.items[next_mark].call_id))
            next_mark++;
        FUZZ_CHECK(next_mark < marks.n);
        const mark *m = &marks.items[next_mark++];
        FUZZ_CHECK(m->media && strcmp(m->media, media_names[h->stream->kind]) == 0);
        FUZZ_CHECK(m->setup_frame == h->stream->setup_frame);
        FUZZ_CHECK(strcmp(m->call_id, h->call->call_id) == 0);
        if (h->stream->sender == FT_PARTY_UNKNOWN)
            FUZZ_CHECK(m->direction == NULL);
        else
            FUZZ_CHECK(m->direction &&
                       strcmp(m->direction, facetime_direction_name(h->stream->sender)) == 0);
        if (!h->is_rtcp && sequences->len == 1)
            FUZZ_CHECK(fvalue_get_uinteger(FUZZ_FIELD_VALUE(
                           (field_info *)g_ptr_array_index(sequences, 0))) == h->rtp_sequence);
    }
    /* No mark of a stream of a call is left over: the tap heard of each. */
    for (; next_mark < marks.n; next_mark++)
        FUZZ_CHECK(!(marks.items[next_mark].has_setup_frame && marks.items[next_mark].call_id));
    /* A mark of a stream names its media; one outside any stream may not (RTCP beside
     * FaceTime's RTP, whose medium is unknown). */
    for (unsigned i = 0; i < marks.n; i++)
        FUZZ_CHECK(marks.items[i].media != NULL || !marks.items[i].has_setup_frame);

    g_ptr_array_free(bodies, TRUE);
    g_ptr_array_free(rtpids, TRUE);
    g_ptr_array_free(media_sections, TRUE);
    g_ptr_array_free(sequences, TRUE);
    g_ptr_array_free(call_ids, TRUE);
}

/* ---- checks of the capture ------------------------------------------------------------------- */

/* What the tap told of one call, or of one stream. */
typedef struct summary {
    const void *key;              /* the ft_call or the ft_stream */
    uint32_t first_frame, last_frame;
    uint32_t last_media_frame;    /* 0 without media */
    unsigned rtp, rtcp;
    bool in_table;
} summary;

static summary *summary_of(summary *list, size_t *n, size_t max, const void *key, uint32_t frame)
{
    for (size_t i = 0; i < *n; i++)
        if (list[i].key == key)
            return &list[i];
    FUZZ_CHECK(*n < max);
    summary *s = &list[(*n)++];
    memset(s, 0, sizeof *s);
    s->key = key;
    s->first_frame = s->last_frame = frame;
    return s;
}

static void note_event(summary *s, const heard_event *h)
{
    if (h->frame < s->first_frame)
        s->first_frame = h->frame;
    if (h->frame > s->last_frame)
        s->last_frame = h->frame;
    if (h->stream && h->frame > s->last_media_frame)
        s->last_media_frame = h->frame;
    if (h->stream && h->is_rtcp)
        s->rtcp++;
    else if (h->stream)
        s->rtp++;
}

static const stat_tap_table_item_type *cell(const stat_table *t, unsigned row, int col)
{
    FUZZ_CHECK(t->ui->tables != NULL && t->ui->tables->len == 1);
    return stat_tap_get_field_data(g_array_index(t->ui->tables, stat_tap_table *, 0), row,
                                   (unsigned)col);
}

static unsigned rows_of(const stat_table *t)
{
    FUZZ_CHECK(t->ui->tables != NULL && t->ui->tables->len == 1);
    return g_array_index(t->ui->tables, stat_tap_table *, 0)->num_elements;
}

static void check_calls_table(summary *calls, size_t n_calls, unsigned n_frames)
{
    FUZZ_CHECK(rows_of(&calls_table) == n_calls);
    for (unsigned row = 0; row < n_calls; row++) {
        const char *call_id = cell(&calls_table, row, calls_col.call_id)->value.string_value;
        summary *c = NULL;
        for (size_t i = 0; i < n_calls && !c; i++)
            if (!calls[i].in_table &&
                strcmp(((const ft_call *)calls[i].key)->call_id, call_id) == 0)
                c = &calls[i];
        FUZZ_CHECK(c != NULL);
        c->in_table = true;
        /* "N streams: R RTP (L lost), C RTCP", or "no media" for a call without any. */
        const char *media = cell(&calls_table, row, calls_col.media)->value.string_value;
        unsigned streams, rtp, lost, rtcp;
        if (strcmp(media, "no media") == 0)
            FUZZ_CHECK(c->rtp == 0 && c->rtcp == 0);
        else
            FUZZ_CHECK(sscanf(media, "%u stream%*[s]: %u RTP (%u lost), %u RTCP", &streams, &rtp,
                              &lost, &rtcp) == 4 ||
                       sscanf(media, "%u stream: %u RTP (%u lost), %u RTCP", &streams, &rtp,
                              &lost, &rtcp) == 4);
        if (strcmp(media, "no media") != 0)
            FUZZ_CHECK(rtp == c->rtp && rtcp == c->rtcp);
        /* The last frame is the end of the signalling or the last media packet, whichever is
         * later: at least the last media packet; any packet of the call's, when none. */
        unsigned first = cell(&calls_table, row, calls_col.first)->value.uint_value;
        unsigned last = cell(&calls_table, row, calls_col.last)->value.uint_value;
        FUZZ_CHECK(first >= 1 && first <= c->first_frame);
        FUZZ_CHECK(last >= c->last_media_frame && last >= first && last <= n_frames);
    }
}

static void check_streams_table(summary *streams, size_t n_streams)
{
    unsigned rows = rows_of(&streams_table);
    for (size_t i = 0; i < n_streams; i++) {
        const ft_stream *st = (const ft_stream *)streams[i].key;
        char ssrc[16];
        snprintf(ssrc, sizeof ssrc, "0x%08x", st->ssrc);
        unsigned found = 0;
        for (unsigned row = 0; row < rows; row++) {
            if (strcmp(cell(&streams_table, row, streams_col.call_id)->value.string_value,
                       st->call->call_id) != 0 ||
                strcmp(cell(&streams_table, row, streams_col.ssrc)->value.string_value,
                       ssrc) != 0 ||
                cell(&streams_table, row, streams_col.announced)->value.uint_value !=
                    st->setup_frame)
                continue;
            found++;
            FUZZ_CHECK(strcmp(cell(&streams_table, row, streams_col.media)->value.string_value,
                              media_names[st->kind]) == 0);
            FUZZ_CHECK(strcmp(cell(&streams_table, row, streams_col.direction)
                                  ->value.string_value,
                              facetime_direction_name(st->sender)) == 0);
            FUZZ_CHECK(cell(&streams_table, row, streams_col.rtp)->value.uint_value ==
                       streams[i].rtp);
            FUZZ_CHECK(cell(&streams_table, row, streams_col.rtcp)->value.uint_value ==
                       streams[i].rtcp);
        }
        FUZZ_CHECK(found == 1);
    }
}

static void check_capture(const tree_totals *totals, unsigned n_frames)
{
    static summary calls[FUZZ_DATAGRAMS_MAX * 8], streams[FUZZ_DATAGRAMS_MAX * 8];
    size_t n_calls = 0, n_streams = 0;
    for (size_t i = 0; i < n_heard; i++) {
        const heard_event *h = &heard[i];
        note_event(summary_of(calls, &n_calls, sizeof calls / sizeof calls[0], h->call,
                              h->frame), h);
        if (h->stream)
            note_event(summary_of(streams, &n_streams, sizeof streams / sizeof streams[0],
                                  h->stream, h->frame), h);
    }

    plugin_state s = state_now();
    if (getenv("FUZZ_DISSECT_VERBOSE"))
        fprintf(stderr, "fuzz_dissect: %u FaceTime bodies, %zu tap events, %u calls, %u streams, "
                "%u endpoints, %u sockets from STUN\n", totals->bodies, n_heard, s.calls,
                s.streams, s.endpoints, s.outside_sockets);
    FUZZ_CHECK(s.calls == n_calls);
    FUZZ_CHECK(s.calls <= totals->bodies);
    FUZZ_CHECK(s.streams <= totals->rtpids);
    FUZZ_CHECK(s.offers <= totals->bodies);
    FUZZ_CHECK(s.endpoints <= totals->media_sections);
    FUZZ_CHECK(s.endpoint_hosts <= s.endpoints);
    FUZZ_CHECK(s.unlisted_calls <= n_frames);
    FUZZ_CHECK(s.host_pairs <= n_frames);
    FUZZ_CHECK(s.outside_sockets <= n_frames);

    check_calls_table(calls, n_calls, n_frames);
    /* Two parties a call, for the calls whose SIP the tap heard. */
    FUZZ_CHECK(rows_of(&parties_table) % 2 == 0 && rows_of(&parties_table) <= 2 * n_calls);
    check_streams_table(streams, n_streams);
}

/* ---- one input ------------------------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        set_up();
        ready = true;
    }

    /* The tables start again, as on a retap; the tap's events too. */
    calls_table.ui->stat_tap_init_cb(calls_table.ui);
    parties_table.ui->stat_tap_init_cb(parties_table.ui);
    streams_table.ui->stat_tap_init_cb(streams_table.ui);
    n_heard = 0;

    static struct packet_provider_data capture;
    memset(&capture, 0, sizeof capture);
    epan_t *session = epan_new(&capture, &capture_funcs);

    plugin_state s = state_now();
    FUZZ_CHECK(s.calls == 0 && s.unlisted_calls == 0 && s.host_pairs == 0 && s.streams == 0 &&
               s.offers == 0 && s.endpoints == 0 && s.endpoint_hosts == 0 &&
               s.outside_sockets == 0);

    tree_totals totals = { 0, 0, 0 };
    nstime_t elapsed = NSTIME_INIT_ZERO;
    const frame_data *reference = NULL, *previous = NULL;
    uint32_t cumulative_bytes = 0;
    /* One dissection with a full, visible tree, reset after each packet (its packet pool keeps
     * its memory for the next), as tshark -V does. */
    epan_dissect_t *edt = epan_dissect_new(session, TRUE, TRUE);
    fuzz_datagram d;
    while (capture.n_frames < FUZZ_DATAGRAMS_MAX && fuzz_next_datagram(&data, &size, &d)) {
        uint32_t number = capture.n_frames + 1;
        unsigned len;
        uint8_t *packet = ipv4_packet(&d, number, &len);

        wtap_rec rec;
        init_packet_rec(&rec, len);
        /* 2014-07-20 10:00:00 UTC, as in the fixtures, and 20 ms a frame. */
        rec.ts.secs = 1405850400 + (time_t)(number / 50);
        rec.ts.nsecs = (int)(number % 50) * 20000000;

        frame_data *fd = &capture.frames[capture.n_frames++];
        frame_data_init(fd, number, &rec, 0, cumulative_bytes);
        frame_data_set_before_dissect(fd, &elapsed, &reference, previous);

        size_t first_event = n_heard;
        run_packet(edt, &rec, packet, len, fd);
        check_frame(edt->tree, number, first_event, &totals);
        epan_dissect_reset(edt);

        frame_data_set_after_dissect(fd, &cumulative_bytes);
        previous = fd;
        wtap_rec_cleanup(&rec);
        free(packet);
    }
    epan_dissect_free(edt);
    check_capture(&totals, capture.n_frames);

    for (unsigned i = 0; i < capture.n_frames; i++)
        frame_data_destroy(&capture.frames[i]);
    epan_free(session);
    return 0;
}
