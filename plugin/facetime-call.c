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
#include <epan/dissectors/packet-sip.h>

#include "facetime-tvb.h"
#include "ft_sip.h"
#include "ft_summary.h"
#include "packet-facetime-sdp.h"

/* Bodyless INVITEs kept for a late offer's call (the 2xx brings the SDP); more are not kept. */
#define MAX_PENDING_INVITES 65536

static int hf_call = -1;
static int hf_call_id = -1;
static int ett_call = -1;
static expert_field ei_ssrc_repeated = EI_INIT;
static expert_field ei_stream_limit = EI_INIT;
static expert_field ei_resend_differs = EI_INIT;

static wmem_map_t *calls_by_id;       /* Call-ID -> ft_call */
static wmem_map_t *pending_invites;   /* Call-ID -> pending_invite, until its call is known */
static int facetime_tap = -1;
static int proto_sip = -1;

typedef struct pending_invite {
    uint32_t frame;
    nstime_t time;
    uint32_t cseq;
} pending_invite;

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

/* ---- SIP context ---------------------------------------------------------------------------- */

/* SIP keeps its summary of each message (method, status, Call-ID, URIs, CSeq number) as proto
 * data keyed by the message's layer number. The SIP layers of this frame, innermost last. */
static const sip_info_value_t *sip_info_at(packet_info *pinfo, unsigned layer)
{
    return (const sip_info_value_t *)p_get_proto_data(pinfo->pool, pinfo, proto_sip, layer);
}

/* The SIP message that carries the body being dissected: the innermost SIP layer so far. */
static const sip_info_value_t *find_sip_info(packet_info *pinfo)
{
    if (proto_sip <= 0)
        return NULL;
    unsigned layer = 0, sip_layer = 0;
    for (wmem_list_frame_t *frame = wmem_list_head(pinfo->layers); frame;
         frame = wmem_list_frame_next(frame)) {
        layer++;
        if (GPOINTER_TO_INT(wmem_list_frame_data(frame)) == proto_sip)
            sip_layer = layer;
    }
    return sip_layer ? sip_info_at(pinfo, sip_layer) : NULL;
}

static bool is_request(const sip_info_value_t *sip, const char *method)
{
    return sip->request_method && strcmp((const char *)sip->request_method, method) == 0;
}

/* The headers SIP does not hand on (CSeq method, tags), from the message in the frame. */
static bool read_sip_headers(packet_info *pinfo, const char *call_id, ft_sip_headers *headers,
                             const uint8_t **text)
{
    for (GSList *item = pinfo->data_src; item; item = item->next) {
        tvbuff_t *source = get_data_source_tvb((const struct data_source *)item->data);
        size_t len;
        *text = facetime_tvb_bytes(source, &len);
        if (*text && ft_sip_find_headers(*text, len, call_id, headers))
            return true;
    }
    return false;
}

static bool span_is(const uint8_t *text, ft_span s, const char *word)
{
    return s.length == strlen(word) && memcmp(text + s.offset, word, s.length) == 0;
}

static const char *span_copy(const uint8_t *text, ft_span s)
{
    return wmem_strndup(wmem_file_scope(), (const char *)text + s.offset, s.length);
}

/* ---- the dialog --------------------------------------------------------------------------------- */

/* The URI of a From or To value as SIP gives it: inside <> when there are any, without a
 * display name. */
static const char *uri_start(const char *name_addr, size_t *len)
{
    const char *open = strchr(name_addr, '<');
    const char *close = open ? strchr(open, '>') : NULL;
    if (!close) {
        *len = strlen(name_addr);
        return name_addr;
    }
    *len = (size_t)(close - open - 1);
    return open + 1;
}

static const char *uri_of(const char *name_addr)
{
    size_t len;
    const char *uri = name_addr ? uri_start(name_addr, &len) : NULL;
    return uri ? wmem_strndup(wmem_file_scope(), uri, len) : "";
}

static bool is_uri(const char *name_addr, const char *uri)
{
    size_t len;
    const char *start = uri_start(name_addr, &len);
    return uri && strlen(uri) == len && memcmp(start, uri, len) == 0;
}

/* Who sent a message of the call: the From of a request, the To of a response. */
static ft_party sender_of(const ft_call *c, const sip_info_value_t *sip)
{
    const char *uri = sip->request_method ? sip->tap_from_addr : sip->tap_to_addr;
    if (!uri)
        return FT_PARTY_UNKNOWN;
    if (is_uri(uri, c->sides[FT_CALLER].uri))
        return FT_CALLER;
    if (is_uri(uri, c->sides[FT_CALLEE].uri))
        return FT_CALLEE;
    return FT_PARTY_UNKNOWN;
}

static void note_first(ft_call *c, uint32_t frame, const nstime_t *time)
{
    if (c->first_frame == 0 || frame < c->first_frame) {
        c->first_frame = frame;
        c->first_time = *time;
    }
}

/* A new call, named by the dialog's From (caller) and To (callee). A capture that starts later
 * than the INVITE still gives the From and To of the dialog. */
static ft_call *new_call(packet_info *pinfo, const sip_info_value_t *sip)
{
    ft_call *c = wmem_new0(wmem_file_scope(), ft_call);
    c->call_id = wmem_strdup(wmem_file_scope(), sip->tap_call_id);
    c->sides[FT_CALLER].uri = uri_of(sip->tap_from_addr);
    c->sides[FT_CALLEE].uri = uri_of(sip->tap_to_addr);
    c->streams_by_ssrc = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    c->streams = wmem_array_new(wmem_file_scope(), sizeof(ft_stream *));
    note_first(c, pinfo->num, &pinfo->abs_ts);
    const pending_invite *invite = wmem_map_remove(pending_invites, sip->tap_call_id);
    if (invite) {
        note_first(c, invite->frame, &invite->time);
        c->invite_seen = c->invite_cseq_known = true;
        c->invite_cseq = invite->cseq;
    }
    wmem_map_insert(calls_by_id, c->call_id, c);
    return c;
}

static void note_invite(ft_call *c, packet_info *pinfo, const sip_info_value_t *sip,
                        const ft_sip_headers *h, const uint8_t *text)
{
    if (c->invite_seen)
        return;                 /* a re-INVITE: its SDP updates its sender, nothing else */
    c->invite_seen = c->invite_cseq_known = true;
    c->invite_cseq = sip->tap_cseq_number;
    note_first(c, pinfo->num, &pinfo->abs_ts);
    if (h && h->from_tag.length)
        c->sides[FT_CALLER].tag = span_copy(text, h->from_tag);
}

static ft_outcome outcome_of_status(unsigned status)
{
    if (status >= 200 && status < 300)
        return FT_OUTCOME_ANSWERED;
    if (status == 603)
        return FT_OUTCOME_DECLINED;
    if (status == 486 || status == 600)
        return FT_OUTCOME_BUSY;
    if (status == 487)
        return FT_OUTCOME_CANCELLED;
    return FT_OUTCOME_FAILED;
}

/* A final response to the call's first INVITE. The first 2xx answers the call, whichever
 * branch of a fork sent it: that branch's To tag and address are the callee's. A failure of
 * another branch after it (the 487 of a branch the caller cancelled) changes nothing. */
static void note_final_response(ft_call *c, packet_info *pinfo, const sip_info_value_t *sip,
                                const ft_sip_headers *h, const uint8_t *text)
{
    unsigned status = sip->response_code;
    if (c->outcome == FT_OUTCOME_ANSWERED)
        return;
    c->outcome = outcome_of_status(status);
    c->final_status = status;
    if (c->outcome == FT_OUTCOME_ANSWERED) {
        if (h && h->to_tag.length)
            c->sides[FT_CALLEE].tag = span_copy(text, h->to_tag);
        copy_address_wmem(wmem_file_scope(), &c->sides[FT_CALLEE].addr, &pinfo->src);
        return;
    }
    c->end_frame = pinfo->num;
    c->end_time = pinfo->abs_ts;
}

static void note_bye(ft_call *c, packet_info *pinfo)
{
    if (c->ended_by_bye)
        return;
    c->ended_by_bye = true;
    c->end_frame = pinfo->num;
    c->end_time = pinfo->abs_ts;
}

/* Where a party's SIP comes from: its latest message's address. Once a branch of a fork has
 * answered, the callee is that branch: another branch's messages (its 487) do not move it. */
static void note_sender_address(ft_call *c, ft_party sender, packet_info *pinfo)
{
    if (sender == FT_PARTY_UNKNOWN)
        return;
    if (sender == FT_CALLEE && c->outcome == FT_OUTCOME_ANSWERED)
        return;
    copy_address_wmem(wmem_file_scope(), &c->sides[sender].addr, &pinfo->src);
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

/* Whether a response to an INVITE answers the call's first one. A capture that missed the INVITE
 * takes the first INVITE response it has as the answer to it. */
static bool is_first_invite(ft_call *c, uint32_t cseq)
{
    if (!c->invite_seen && !c->invite_cseq_known) {
        c->invite_cseq = cseq;
        c->invite_cseq_known = true;
    }
    return cseq == c->invite_cseq;
}

/* A response's request, from its CSeq method; without the headers, an INVITE's. */
static bool answers_invite(const ft_sip_headers *h, const uint8_t *text)
{
    return !h || !h->has_cseq || span_is(text, h->cseq_method, "INVITE");
}

/* An INVITE without SDP: its call may come with the 2xx's offer (a late offer). */
static void note_pending_invite(packet_info *pinfo, const char *call_id, uint32_t cseq)
{
    if (wmem_map_contains(pending_invites, call_id) ||
        wmem_map_size(pending_invites) >= MAX_PENDING_INVITES)
        return;
    pending_invite *invite = wmem_new(wmem_file_scope(), pending_invite);
    invite->frame = pinfo->num;
    invite->time = pinfo->abs_ts;
    invite->cseq = cseq;
    wmem_map_insert(pending_invites, wmem_strdup(wmem_file_scope(), call_id), invite);
}

void facetime_note_sip_datagram(packet_info *pinfo, const uint8_t *bytes, size_t len)
{
    ft_sip_headers h;
    if (pinfo->fd->visited || !ft_sip_read_message(bytes, len, &h) ||
        !span_is(bytes, h.method, "INVITE") || ft_sip_has_body(&h, len) || !h.has_cseq ||
        h.call_id.length == 0)
        return;
    char *call_id = wmem_strndup(pinfo->pool, (const char *)bytes + h.call_id.offset,
                                 h.call_id.length);
    if (!wmem_map_contains(calls_by_id, call_id))
        note_pending_invite(pinfo, call_id, h.cseq);
}

/* What a message of a known call changes in its dialog: first pass only, the first copy only. */
static void follow_dialog(ft_call *c, packet_info *pinfo, const sip_info_value_t *sip)
{
    note_first(c, pinfo->num, &pinfo->abs_ts);
    ft_sip_headers headers;
    const uint8_t *text = NULL;
    const ft_sip_headers *h = read_sip_headers(pinfo, c->call_id, &headers, &text) ? &headers
                                                                                    : NULL;
    note_sender_address(c, sender_of(c, sip), pinfo);
    note_hosts(c, &pinfo->src, &pinfo->dst);

    if (is_request(sip, "INVITE"))
        note_invite(c, pinfo, sip, h, text);
    else if (is_request(sip, "CANCEL"))
        c->cancel_seen = true;
    else if (is_request(sip, "BYE"))
        note_bye(c, pinfo);
    else if (!sip->request_method && sip->response_code >= 200 && answers_invite(h, text) &&
             is_first_invite(c, sip->tap_cseq_number))
        note_final_response(c, pinfo, sip, h, text);
}

/* A SIP message of a known call: it goes on with the dialog and is told to the tap (so that the
 * tables see the call end). On the plugin's flows, it also carries the call's Call-ID as
 * facetime.call_id, so that a filter on it takes the whole call (a body carries it already). */
static void take_call_message(ft_call *c, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                              const sip_info_value_t *sip)
{
    if (!pinfo->fd->visited && !sip->resend)
        follow_dialog(c, pinfo, sip);
    if (tree && facetime_items_wanted(tree)) {
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

/* Whether SIP dissected a body after this SIP layer: a layer follows that is not another SIP
 * message. */
static bool carries_body(wmem_list_frame_t *sip_layer)
{
    wmem_list_frame_t *next = wmem_list_frame_next(sip_layer);
    return next && GPOINTER_TO_INT(wmem_list_frame_data(next)) != proto_sip;
}

/* The SIP message whose FaceTime body the body path has already taken, in this packet. */
static const sip_info_value_t *taken_message(packet_info *pinfo)
{
    return p_get_proto_data(pinfo->pool, pinfo, proto_facetime, FACETIME_MEMORY_SIP_TAKEN);
}

void facetime_follow_sip(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    if (proto_sip <= 0)
        return;
    const sip_info_value_t *taken = taken_message(pinfo);
    unsigned layer = 0;
    for (wmem_list_frame_t *frame = wmem_list_head(pinfo->layers); frame;
         frame = wmem_list_frame_next(frame)) {
        layer++;
        if (GPOINTER_TO_INT(wmem_list_frame_data(frame)) != proto_sip)
            continue;
        const sip_info_value_t *sip = sip_info_at(pinfo, layer);
        if (!sip || sip == taken || !sip->tap_call_id)
            continue;
        ft_call *c = wmem_map_lookup(calls_by_id, sip->tap_call_id);
        if (c)
            take_call_message(c, tvb, pinfo, tree, sip);
        else if (!pinfo->fd->visited && is_request(sip, "INVITE") && !carries_body(frame))
            note_pending_invite(pinfo, sip->tap_call_id, sip->tap_cseq_number);
    }
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
                             ft_party sender, facetime_body_call *body)
{
    for (size_t i = 0; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        if (!s->has_rtpid)
            continue;
        gpointer key = GUINT_TO_POINTER(s->rtpid.value);
        const ft_stream *known = wmem_map_lookup(c->streams_by_ssrc, key);
        if (known) {
            body->repeated_ssrc |= known->sender != sender || known->kind != s->kind;
            continue;
        }
        if (wmem_array_get_count(c->streams) >= facetime_prefs.max_call_streams) {
            body->stream_limit = true;
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

/* The role of a SIP message's body in its call's INVITE dialog. */
static ft_body_role role_of(packet_info *pinfo, const sip_info_value_t *sip, const ft_call *c)
{
    if (sip->resend)
        return FT_BODY_OUTSIDE;             /* the first copy was taken */
    if (is_request(sip, "INVITE"))
        return FT_BODY_OFFER;
    if (is_request(sip, "ACK"))     /* the answer to a late offer */
        return c && !c->invite_had_sdp ? FT_BODY_ANSWER : FT_BODY_OUTSIDE;
    if (sip->request_method)
        return FT_BODY_OUTSIDE;             /* MESSAGE, INFO, ...: never an offer */
    ft_sip_headers headers;
    const uint8_t *text;
    bool known = read_sip_headers(pinfo, sip->tap_call_id, &headers, &text);
    if (known && !(headers.has_cseq && span_is(text, headers.cseq_method, "INVITE")))
        return FT_BODY_OUTSIDE;
    if (sip->response_code < 180 || sip->response_code >= 300)
        return FT_BODY_OUTSIDE;
    /* A 183 or 2xx to an INVITE seen without SDP carries the offer; to one with SDP, or to one
     * the capture missed (FaceTime offers in its INVITEs), the answer. */
    bool late_offer = c ? c->invite_seen && !c->invite_had_sdp
                        : wmem_map_contains(pending_invites, sip->tap_call_id);
    return late_offer ? FT_BODY_OFFER : FT_BODY_ANSWER;
}

static facetime_body_call record_body(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text)
{
    facetime_body_call body;
    memset(&body, 0, sizeof body);
    body.sender = FT_PARTY_UNKNOWN;
    const sip_info_value_t *sip = find_sip_info(pinfo);
    if (!sip || !sip->tap_call_id) {
        body.call = call_outside_sip();
        body.role = FT_BODY_OFFER;
        announce_streams(pinfo, sdp, text, body.call, body.sender, &body);
        return body;
    }
    ft_call *c = (ft_call *)wmem_map_lookup(calls_by_id, sip->tap_call_id);
    body.role = role_of(pinfo, sip, c);
    if (!c && body.role == FT_BODY_OUTSIDE)
        return body;
    if (!c)
        c = new_call(pinfo, sip);
    body.call = c;
    body.sender = sender_of(c, sip);
    note_hosts(c, &pinfo->src, &pinfo->dst);
    uint32_t digest = text_digest(text);
    if (body.role == FT_BODY_OUTSIDE) {
        /* A retransmission is the first copy again, byte for byte; one that is not is a
         * conflicting second SDP, which SIP (and so the call) ignores. */
        const ft_side *side = body.sender != FT_PARTY_UNKNOWN ? &c->sides[body.sender] : NULL;
        body.resend_differs = sip->resend && side && side->has_sdp && side->sdp_digest != digest;
        return body;
    }
    if (body.sender != FT_PARTY_UNKNOWN) {
        c->sides[body.sender].has_sdp = true;
        c->sides[body.sender].sdp_digest = digest;
    }
    if (body.role == FT_BODY_OFFER && is_request(sip, "INVITE") && !c->invite_seen)
        c->invite_had_sdp = true;
    if (body.role == FT_BODY_OFFER) {
        c->offer_frame = pinfo->num;
        c->offerer = body.sender;
    }
    if (body.sender != FT_PARTY_UNKNOWN)
        describe_side(&c->sides[body.sender], sdp, text);
    announce_streams(pinfo, sdp, text, c, body.sender, &body);
    return body;
}

facetime_body_call facetime_call_of_body(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text)
{
    uint32_t key = facetime_memory_key(pinfo, FACETIME_MEMORY_CALL);
    facetime_body_call *memory = p_get_proto_data(wmem_file_scope(), pinfo, proto_facetime, key);
    if (!memory) {
        memory = wmem_new(wmem_file_scope(), facetime_body_call);
        *memory = record_body(pinfo, sdp, text);
        p_add_proto_data(wmem_file_scope(), pinfo, proto_facetime, key, memory);
    }
    /* The body's SIP message is the call's: taken here, once, whatever path it came by. */
    const sip_info_value_t *sip = memory->call && memory->call->call_id ? find_sip_info(pinfo)
                                                                        : NULL;
    if (sip && sip != taken_message(pinfo)) {
        p_set_proto_data(pinfo->pool, pinfo, proto_facetime, FACETIME_MEMORY_SIP_TAKEN,
                         (void *)sip);
        take_call_message(memory->call, text, pinfo, NULL, sip);
    }
    return *memory;
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
                             const facetime_body_call *body)
{
    facetime_add_call_id(tree, text, body->call);
    if (body->repeated_ssrc)
        proto_tree_add_expert(tree, pinfo, &ei_ssrc_repeated, text, 0, 0);
    if (body->resend_differs)
        proto_tree_add_expert(tree, pinfo, &ei_resend_differs, text, 0, 0);
    if (body->stream_limit)
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
    pending_invites = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash,
                                             g_str_equal);
    calls_by_hosts = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), host_pair_hash,
                                            host_pair_equal);
}

void handoff_facetime_call(void)
{
    proto_sip = proto_get_id_by_filter_name("sip");
}

#ifdef FACETIME_FUZZ_INTROSPECTION
/* For tests/fuzz/fuzz_dissect.c only: how much the call model keeps for the open capture. */
void facetime_fuzz_call_counts(unsigned *calls, unsigned *pending, unsigned *host_pairs,
                               unsigned *streams);

static void count_streams(gpointer key, gpointer value, gpointer user_data)
{
    (void)key;
    *(unsigned *)user_data += wmem_array_get_count(((const ft_call *)value)->streams);
}

void facetime_fuzz_call_counts(unsigned *calls, unsigned *pending, unsigned *host_pairs,
                               unsigned *streams)
{
    *calls = wmem_map_size(calls_by_id);
    *pending = wmem_map_size(pending_invites);
    *host_pairs = wmem_map_size(calls_by_hosts);
    *streams = 0;
    wmem_map_foreach(calls_by_id, count_streams, streams);
}
#endif /* FACETIME_FUZZ_INTROSPECTION */
