/* facetime-call.c - the calls of a capture, as their SIP dialogs go, and their streams.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-call.h"

#include <string.h>

#include <epan/expert.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include "facetime-tvb.h"
#include "ft_summary.h"
#include "packet-facetime-sdp.h"

/* Calls whose INVITE carried no FaceTime SDP (yet): a late offer's comes with its 2xx. More are
 * not started, so that other clients' SIP costs a bounded amount of memory. */
#define MAX_UNLISTED_CALLS 65536
/* The calls of one Call-ID searched for the one that takes a message, newest first. */
#define CALLS_PER_ID_SEARCHED 16

static int hf_call = -1;
static int hf_call_id = -1;
static int ett_call = -1;
static expert_field ei_ssrc_repeated = EI_INIT;
static expert_field ei_stream_limit = EI_INIT;
static expert_field ei_resend_differs = EI_INIT;

static wmem_map_t *calls_by_id;       /* Call-ID -> the newest ft_call of that Call-ID */
static unsigned unlisted_calls;
static int facetime_tap = -1;

const char *facetime_direction_name(ft_party sender)
{
    switch (sender) {
    case FT_CALLER: return "caller-to-callee";
    case FT_CALLEE: return "callee-to-caller";
    case FT_PARTY_UNKNOWN: break;
    }
    return "unknown";
}

const char *facetime_outcome_name(wmem_allocator_t *scope, ft_outcome outcome, unsigned status)
{
    switch (outcome) {
    case FT_OUTCOME_ANSWERED:  return "answered";
    case FT_OUTCOME_DECLINED:  return "declined";
    case FT_OUTCOME_BUSY:      return "busy";
    case FT_OUTCOME_CANCELLED: return "cancelled";
    case FT_OUTCOME_FAILED:    return wmem_strdup_printf(scope, "failed (%u)", status);
    case FT_OUTCOME_NO_FINAL:  break;
    }
    return "no final response";
}

/* ---- calls by Call-ID ------------------------------------------------------------------------ */

static void forget_unlisted_calls(void)
{
    unlisted_calls = 0;             /* calls_by_id empties itself with the file */
}

static ft_allocator file_allocator(void)
{
    return facetime_scope_allocator(wmem_file_scope());
}

/* The call of the message's Call-ID whose dialogs take it, newest first. The Call-ID is SIP's
 * field value, whole and NUL-terminated. */
static ft_call *call_taking(const ft_sip_summary *m)
{
    const ft_call *c = wmem_map_lookup(calls_by_id, m->call_id.ptr);
    for (unsigned searched = 0; c && searched < CALLS_PER_ID_SEARCHED; c = c->earlier, searched++)
        if (ft_dialog_takes(&c->dialog, m))
            return (ft_call *)c;
    return NULL;
}

static ft_call *new_call(const ft_sip_summary *m)
{
    ft_call *c = wmem_new0(wmem_file_scope(), ft_call);
    ft_allocator a = file_allocator();
    ft_dialog_start(&c->dialog, m, &a);     /* wmem never returns NULL */
    c->call_id = c->dialog.call_id;
    c->sides[FT_CALLER].uri = c->dialog.caller_uri;
    c->sides[FT_CALLEE].uri = c->dialog.callee_uri;
    c->streams_by_ssrc = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    c->streams = wmem_array_new(wmem_file_scope(), sizeof(ft_stream *));
    c->earlier = wmem_map_lookup(calls_by_id, c->call_id);
    wmem_map_insert(calls_by_id, c->call_id, c);
    unlisted_calls++;
    return c;
}

/* A message no call takes starts one when it is an INVITE with FaceTime SDP, or an INVITE outside
 * any dialog with no body (a late offer's), or a 18x/2xx with FaceTime SDP to an INVITE the
 * capture missed (as is an INVITE inside a dialog it missed). */
static bool starts_call(const ft_sip_summary *m, bool facetime_body)
{
    bool invite = m->status == 0 && ft_sip_method_is(m->method, "INVITE");
    if (invite && !facetime_body)
        return !m->has_body && m->to_tag.len == 0 && unlisted_calls < MAX_UNLISTED_CALLS;
    bool invite_response = m->status >= 180 && m->status < 300 &&
                           (!m->has_cseq || ft_sip_method_is(m->cseq_method, "INVITE"));
    return facetime_body && (invite || invite_response);
}

/* ---- what a message does to its call --------------------------------------------------------- */

static void note_first(ft_call *c, uint32_t frame, const nstime_t *time)
{
    if (c->first_frame == 0 || frame < c->first_frame) {
        c->first_frame = frame;
        c->first_time = *time;
    }
}

static void note_end(ft_call *c, packet_info *pinfo)
{
    c->end_frame = pinfo->num;
    c->end_time = pinfo->abs_ts;
}

/* Where the call starts and ends after a message (an answer, or a retry after a challenge,
 * takes back the end a failure gave it). */
static void note_dialog(ft_call *c, packet_info *pinfo, const ft_dialog_step *step)
{
    note_first(c, pinfo->num, &pinfo->abs_ts);
    if (step->ends)
        note_end(c, pinfo);
    else if (!c->dialog.ended)
        c->end_frame = 0;
}

/* Where a party's SIP comes from: its latest message's address; the callee's, from the dialog
 * the call kept. */
static void note_sender_address(ft_call *c, const ft_dialog_step *step, packet_info *pinfo)
{
    if (step->sender == FT_CALLER || step->of_kept_branch)
        copy_address_wmem(wmem_file_scope(), &c->sides[step->sender].addr, &pinfo->src);
}

/* ---- the hosts of a call ------------------------------------------------------------------ */

/* Two hosts, in a fixed order, so that either direction finds them. */
typedef struct host_pair {
    address a, b;
} host_pair;

static unsigned host_pair_hash(const void *key)
{
    const host_pair *pair = (const host_pair *)key;
    return add_address_to_hash(add_address_to_hash(0, &pair->a), &pair->b);
}

static gboolean host_pair_equal(const void *x, const void *y)
{
    const host_pair *p = (const host_pair *)x, *q = (const host_pair *)y;
    return addresses_equal(&p->a, &q->a) && addresses_equal(&p->b, &q->b);
}

static wmem_map_t *calls_by_hosts;    /* host_pair -> the latest ft_call between them */

static host_pair make_pair(const address *one, const address *other)
{
    host_pair pair;
    bool swap = cmp_address(one, other) > 0;
    pair.a = *(swap ? other : one);
    pair.b = *(swap ? one : other);
    return pair;
}

/* The hosts a call's SIP travels between: media between them may be the call's. */
static void note_hosts(ft_call *c, const address *one, const address *other)
{
    host_pair probe = make_pair(one, other);
    if (wmem_map_contains(calls_by_hosts, &probe)) {
        wmem_map_insert(calls_by_hosts, &probe, c);     /* keeps the stored key */
        return;
    }
    host_pair *pair = wmem_new(wmem_file_scope(), host_pair);
    copy_address_wmem(wmem_file_scope(), &pair->a, &probe.a);
    copy_address_wmem(wmem_file_scope(), &pair->b, &probe.b);
    wmem_map_insert(calls_by_hosts, pair, c);
}

ft_call *facetime_call_of_hosts(const address *one, const address *other)
{
    host_pair probe = make_pair(one, other);
    return wmem_map_lookup(calls_by_hosts, &probe);
}

/* ---- bodies ---------------------------------------------------------------------------------------- */

/* FNV-1a of a body's text: enough to tell a retransmission from a different body. */
static uint32_t text_digest(tvbuff_t *text)
{
    size_t len;
    const uint8_t *bytes = facetime_tvb_bytes(text, &len);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ bytes[i]) * 16777619u;
    return h;
}

/* What a party offers to send, kept in the file scope at its exact size: every call keeps two.
 * Written once into a buffer that holds any usual offer, a second time only for a longer one. */
static const char *video_offer(const ft_sdp *sdp)
{
    char usual[256];
    size_t len = ft_sdp_video_offer(sdp, usual, sizeof usual);
    if (len < sizeof usual)
        return wmem_strndup(wmem_file_scope(), usual, len);
    char *offer = (char *)wmem_alloc(wmem_file_scope(), len + 1);
    ft_sdp_video_offer(sdp, offer, len + 1);
    return offer;
}

/* What the sender's SDP says about it, for the calls table. */
static void describe_side(ft_side *side, const ft_sdp *sdp, tvbuff_t *text)
{
    const ft_section *session = &sdp->sections[0];
    side->public_addr = session->has_connection
        ? facetime_span_string(wmem_file_scope(), text, session->connection.text) : "";
    side->session_name = sdp->has_session_name
        ? facetime_span_string(wmem_file_scope(), text, sdp->session_name) : "";
    side->video_offer = video_offer(sdp);
}

static bool payload_named(const ft_stream_payload *payloads, unsigned n, uint32_t pt)
{
    for (unsigned i = 0; i < n; i++)
        if (payloads[i].pt == pt)
            return true;
    return false;
}

/* What the section that announces a stream names its payload types: its rtpmaps, then the
 * family's payload types a public source names, as the media registration does. */
static void name_payloads(ft_stream *st, const ft_section *s, tvbuff_t *text)
{
    ft_stream_payload *payloads = wmem_alloc_array(wmem_file_scope(), ft_stream_payload,
                                                   s->n_rtpmaps + s->n_formats);
    unsigned n = 0;
    for (size_t i = 0; i < s->n_rtpmaps; i++) {
        const ft_rtpmap *map = &s->rtpmaps[i];
        if (payload_named(payloads, n, map->pt.value))
            continue;
        payloads[n].pt = map->pt.value;
        payloads[n].name = facetime_span_string(wmem_file_scope(), text, map->encoding_name);
        payloads[n++].clock_rate = map->clock_rate;
    }
    for (size_t i = 0; i < s->n_formats; i++) {
        const ft_known_payload *known = ft_family_payload(s->kind, s->formats[i].value);
        if (!known || payload_named(payloads, n, known->pt))
            continue;
        payloads[n].pt = known->pt;
        payloads[n].name = known->encoding_name;
        payloads[n++].clock_rate = known->clock_rate;
    }
    st->payloads = payloads;
    st->n_payloads = n;
}

const ft_stream_payload *facetime_stream_payload(const ft_stream *st, uint32_t pt)
{
    for (unsigned i = 0; i < st->n_payloads; i++)
        if (st->payloads[i].pt == pt)
            return &st->payloads[i];
    return NULL;
}

/* New rtpIDs start new streams; one already announced by the same party for the same medium is
 * the same stream (a re-INVITE repeats them), and keeps its counts. An SSRC already given to
 * another stream of the call is not taken again: its packets stay the first stream's. */
static void announce_streams(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text, ft_call *c,
                             ft_party sender, facetime_message_call *mc)
{
    for (size_t i = 0; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        if (!s->has_rtpid)
            continue;
        gpointer key = GUINT_TO_POINTER(s->rtpid.value);
        const ft_stream *known = wmem_map_lookup(c->streams_by_ssrc, key);
        if (known) {
            mc->repeated_ssrc |= known->sender != sender || known->kind != s->kind;
            continue;
        }
        if (wmem_array_get_count(c->streams) >= facetime_prefs.max_call_streams) {
            mc->stream_limit = true;
            c->streams_refused++;
            continue;
        }
        ft_stream *st = wmem_new0(wmem_file_scope(), ft_stream);
        st->ssrc = s->rtpid.value;
        st->setup_frame = pinfo->num;
        st->kind = s->kind;
        st->sender = sender;
        st->call = c;
        name_payloads(st, s, text);
        wmem_map_insert(c->streams_by_ssrc, key, st);
        wmem_array_append_one(c->streams, st);
    }
}

/* An SDP body outside SIP still sets its media up: it gets a call of its own, never listed. */
static ft_call *call_outside_sip(void)
{
    ft_call *c = wmem_new0(wmem_file_scope(), ft_call);
    c->streams_by_ssrc = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    c->streams = wmem_array_new(wmem_file_scope(), sizeof(ft_stream *));
    return c;
}

/* Whether a party's SDP describes it: the caller's always, the callee's from the dialog the call
 * kept (another device that answered a fork describes only itself). */
static bool describes_party(const ft_dialog_step *step)
{
    return step->sender == FT_CALLER || step->of_kept_branch;
}

/* What an offer or answer says of its sender, and the streams it announces. */
static void take_offer_or_answer(ft_call *c, packet_info *pinfo, const ft_dialog_step *step,
                                 const ft_sdp *sdp, tvbuff_t *text, facetime_message_call *mc)
{
    if (!c->is_facetime) {
        c->is_facetime = true;
        c->facetime_from_frame = pinfo->num;
        unlisted_calls--;
    }
    if (describes_party(step)) {
        ft_side *side = &c->sides[step->sender];
        side->has_sdp = true;
        side->sdp_digest = text_digest(text);
        describe_side(side, sdp, text);
    }
    if (step->role == FT_BODY_OFFER)
        c->offer_frame = pinfo->num;
    announce_streams(pinfo, sdp, text, c, step->sender, mc);
}

/* A retransmission is the first copy again, byte for byte; one that is not is a conflicting
 * second SDP, which SIP (and so the call) ignores. */
static bool resend_differs(const ft_call *c, const ft_dialog_step *step, tvbuff_t *text)
{
    if (!step->retransmission || step->sender == FT_PARTY_UNKNOWN)
        return false;
    const ft_side *side = &c->sides[step->sender];
    return side->has_sdp && side->sdp_digest != text_digest(text);
}

facetime_message_call facetime_follow_message(packet_info *pinfo, const ft_sip_summary *m,
                                              const ft_sdp *sdp, tvbuff_t *text)
{
    DISSECTOR_ASSERT(!PINFO_FD_VISITED(pinfo));
    facetime_message_call mc;
    memset(&mc, 0, sizeof mc);
    mc.sender = FT_PARTY_UNKNOWN;
    ft_call *c = call_taking(m);
    if (!c && !starts_call(m, sdp != NULL))
        return mc;
    if (!c)
        c = new_call(m);
    ft_dialog_step step;
    ft_allocator a = file_allocator();
    ft_dialog_follow(&c->dialog, m, &a, &step);
    note_dialog(c, pinfo, &step);
    note_sender_address(c, &step, pinfo);
    mc.sender = step.sender;
    mc.role = sdp ? step.role : FT_BODY_OUTSIDE;
    if (mc.role != FT_BODY_OUTSIDE)
        take_offer_or_answer(c, pinfo, &step, sdp, text, &mc);
    else if (sdp && c->is_facetime)
        mc.resend_differs = resend_differs(c, &step, text);
    if (!c->is_facetime)
        return mc;
    note_hosts(c, &pinfo->src, &pinfo->dst);
    mc.call = c;
    return mc;
}

facetime_message_call facetime_call_outside_sip(packet_info *pinfo, const ft_sdp *sdp,
                                                tvbuff_t *text)
{
    facetime_message_call mc;
    memset(&mc, 0, sizeof mc);
    mc.sender = FT_PARTY_UNKNOWN;
    mc.role = FT_BODY_OFFER;
    if (PINFO_FD_VISITED(pinfo))
        return mc;                  /* its streams were announced on the first pass */
    mc.call = call_outside_sip();
    announce_streams(pinfo, sdp, text, mc.call, mc.sender, &mc);
    return mc;
}

void facetime_tell_message(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                           const facetime_message_call *message, bool with_line)
{
    const ft_call *c = message->call;
    if (!c || !c->call_id)
        return;                     /* of no call, or of a body outside SIP */
    if (with_line && tree && facetime_items_wanted(tree)) {
        /* A field, not a protocol layer: SIP stays these messages' end protocol in the
         * protocol hierarchy; the hidden protocol item keeps the filter "facetime" matching. */
        proto_item *line = proto_tree_add_item(tree, hf_call, tvb, 0, 0, ENC_NA);
        proto_item_set_text(line, "FaceTime call %s", c->call_id);
        proto_tree *items = proto_item_add_subtree(line, ett_call);
        proto_item_set_hidden(proto_tree_add_item(items, proto_facetime, tvb, 0, 0, ENC_NA));
        facetime_add_call_id(items, tvb, c);
    }
    if (have_tap_listener(facetime_tap)) {
        ft_tap_event *event = wmem_new0(pinfo->pool, ft_tap_event);
        event->call = c;
        tap_queue_packet(facetime_tap, pinfo, event);
    }
}

const ft_stream *facetime_call_stream(const ft_call *call, uint32_t ssrc, uint32_t frame)
{
    const ft_stream *st = wmem_map_lookup(call->streams_by_ssrc, GUINT_TO_POINTER(ssrc));
    return st && st->setup_frame < frame ? st : NULL;
}

void facetime_add_call_id(proto_tree *tree, tvbuff_t *tvb, const ft_call *call)
{
    if (call && call->call_id) {
        proto_item *ti = proto_tree_add_string(tree, hf_call_id, tvb, 0, 0, call->call_id);
        proto_item_set_generated(ti);
    }
}

void facetime_add_call_items(proto_tree *tree, packet_info *pinfo, tvbuff_t *text,
                             const facetime_message_call *message)
{
    facetime_add_call_id(tree, text, message->call);
    if (message->repeated_ssrc)
        proto_tree_add_expert(tree, pinfo, &ei_ssrc_repeated, text, 0, 0);
    if (message->resend_differs)
        proto_tree_add_expert(tree, pinfo, &ei_resend_differs, text, 0, 0);
    if (message->stream_limit)
        proto_tree_add_expert_format(tree, pinfo, &ei_stream_limit, text, 0, 0,
            "The call announces more than %u streams (preference facetime.max_call_streams): "
            "the rest are not followed", facetime_prefs.max_call_streams);
}

/* ---- the tap ---------------------------------------------------------------------------------------- */

bool facetime_tap_wanted(void)
{
    return have_tap_listener(facetime_tap);
}

void facetime_tap_media(packet_info *pinfo, const ft_tap_event *event)
{
    if (!event->call->call_id)
        return;
    ft_tap_event *queued = wmem_new(pinfo->pool, ft_tap_event);
    *queued = *event;
    tap_queue_packet(facetime_tap, pinfo, queued);
}

void register_facetime_call(int proto)
{
    static hf_register_info hf[] = {
        { &hf_call, { "FaceTime call", "facetime.call", FT_NONE, BASE_NONE, NULL, 0x0,
            "A SIP message without SDP of a FaceTime call: the call it belongs to", HFILL } },
        { &hf_call_id, { "Call-ID", "facetime.call_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The SIP Call-ID of the FaceTime call this SIP message, SDP body or media packet "
            "belongs to", HFILL } },
    };
    static ei_register_info ei[] = {
        { &ei_ssrc_repeated, { "facetime.call.ssrc_repeated", PI_PROTOCOL, PI_WARN,
            "An a=rtpID this call already gave another stream (another party or medium): its "
            "packets stay that stream's", EXPFILL } },
        { &ei_resend_differs, { "facetime.call.resend_differs", PI_PROTOCOL, PI_WARN,
            "SIP takes this message for a retransmission, but its SDP differs from the first "
            "copy's: it is not the call's", EXPFILL } },
        { &ei_stream_limit, { "facetime.call.stream_limit", PI_UNDECODED, PI_WARN,
            "The call announces more streams than the limit: the rest are not followed",
            EXPFILL } },
    };
    static int *ett[] = { &ett_call };
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
    facetime_tap = register_tap(FT_TAP_NAME);
    calls_by_id = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash,
                                         g_str_equal);
    calls_by_hosts = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), host_pair_hash,
                                            host_pair_equal);
    register_init_routine(forget_unlisted_calls);
}

#ifdef FACETIME_FUZZ_INTROSPECTION
/* For tests/fuzz/fuzz_dissect.c only: how much the call model keeps for the open capture. */
void facetime_fuzz_call_counts(unsigned *calls, unsigned *unlisted, unsigned *host_pairs,
                               unsigned *streams);

typedef struct call_counts {
    unsigned calls, streams;
} call_counts;

static void count_calls(gpointer key, gpointer value, gpointer user_data)
{
    (void)key;
    call_counts *counts = (call_counts *)user_data;
    for (const ft_call *c = (const ft_call *)value; c; c = c->earlier) {
        counts->calls += c->is_facetime;
        counts->streams += wmem_array_get_count(c->streams);
    }
}

void facetime_fuzz_call_counts(unsigned *calls, unsigned *unlisted, unsigned *host_pairs,
                               unsigned *streams)
{
    call_counts counts = { 0, 0 };
    wmem_map_foreach(calls_by_id, count_calls, &counts);
    *calls = counts.calls;
    *unlisted = unlisted_calls;
    *host_pairs = wmem_map_size(calls_by_hosts);
    *streams = counts.streams;
}
#endif /* FACETIME_FUZZ_INTROSPECTION */
