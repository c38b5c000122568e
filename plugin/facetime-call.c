/* facetime-call.c - the calls of a capture and the streams their SDP announces.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-call.h"

#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-sip.h>

#include "facetime-tvb.h"
#include "ft_summary.h"
#include "packet-facetime-sdp.h"

static wmem_map_t *calls_by_id;       /* Call-ID -> ft_call */
static wmem_map_t *streams_by_ssrc;   /* SSRC -> newest ft_stream */
static int facetime_tap = -1;
static int proto_sip = -1;

const char *facetime_direction_name(ft_party sender)
{
    switch (sender) {
    case FT_CALLER: return "caller-to-callee";
    case FT_CALLEE: return "callee-to-caller";
    case FT_PARTY_UNKNOWN: break;
    }
    return "unknown";
}

/* ---- SIP context ----------------------------------------------------------------------------- */

/* SIP stores its per-message summary (method, status, Call-ID) as proto data keyed by its layer
 * number; find the innermost SIP layer that carries us. */
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
    if (sip_layer == 0)
        return NULL;
    return (const sip_info_value_t *)p_get_proto_data(pinfo->pool, pinfo, proto_sip, sip_layer);
}

/* The call of a SIP message with FaceTime SDP, started by the first such message. */
static ft_call *call_of_message(packet_info *pinfo, const sip_info_value_t *sip)
{
    if (!sip || !sip->tap_call_id)
        return NULL;
    ft_call *c = (ft_call *)wmem_map_lookup(calls_by_id, sip->tap_call_id);
    if (c)
        return c;
    c = wmem_new0(wmem_file_scope(), ft_call);
    c->call_id = wmem_strdup(wmem_file_scope(), sip->tap_call_id);
    /* Normally the INVITE's sender; if the capture starts with the answer, its receiver. */
    bool request = sip->request_method != NULL;
    copy_address_wmem(wmem_file_scope(), &c->caller, request ? &pinfo->src : &pinfo->dst);
    copy_address_wmem(wmem_file_scope(), &c->callee, request ? &pinfo->dst : &pinfo->src);
    wmem_map_insert(calls_by_id, c->call_id, c);
    return c;
}

static ft_party sender_of(packet_info *pinfo, const ft_call *c)
{
    if (!c)
        return FT_PARTY_UNKNOWN;
    return addresses_equal(&pinfo->src, &c->caller) ? FT_CALLER : FT_CALLEE;
}

/* ---- what a body says ------------------------------------------------------------------------ */

/* What a party offers to send, kept in the file scope at its exact size: every call keeps two. */
static const char *video_offer(const ft_sdp *sdp)
{
    size_t len = ft_sdp_video_offer(sdp, NULL, 0);
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
    for (size_t i = 1; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        if (s->has_rtpid && s->kind == FT_MEDIA_AUDIO && !side->has_audio_ssrc) {
            side->has_audio_ssrc = true;
            side->audio_ssrc = s->rtpid.value;
        } else if (s->has_rtpid && s->kind == FT_MEDIA_VIDEO && !side->has_video_ssrc) {
            side->has_video_ssrc = true;
            side->video_ssrc = s->rtpid.value;
        }
    }
    side->video_sizes = video_offer(sdp);
}

static void announce_streams(packet_info *pinfo, const ft_sdp *sdp, const ft_call *c,
                             ft_party sender)
{
    for (size_t i = 0; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        if (!s->has_rtpid)
            continue;
        gpointer key = GUINT_TO_POINTER(s->rtpid.value);
        ft_stream *st = wmem_new0(wmem_file_scope(), ft_stream);
        st->ssrc = s->rtpid.value;
        st->setup_frame = pinfo->num;
        st->kind = s->kind;
        st->sender = sender;
        st->call = c;
        st->earlier = (const ft_stream *)wmem_map_lookup(streams_by_ssrc, key);
        wmem_map_insert(streams_by_ssrc, key, st);
    }
}

/* First pass only: who sent this SDP, what it says of them and which streams it announces. */
static facetime_body_call record_body(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text)
{
    const sip_info_value_t *sip = find_sip_info(pinfo);
    facetime_body_call body;
    body.call = call_of_message(pinfo, sip);
    body.sender = sender_of(pinfo, body.call);
    body.is_offer = sip && sip->request_method;
    if (body.call) {
        describe_side(&body.call->sides[body.sender], sdp, text);
        if (body.is_offer)
            body.call->offer_frame = pinfo->num;
    }
    announce_streams(pinfo, sdp, body.call, body.sender);
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
    return *memory;
}

const ft_stream *facetime_announced_stream(uint32_t ssrc, uint32_t frame)
{
    const ft_stream *st = (const ft_stream *)wmem_map_lookup(streams_by_ssrc,
                                                             GUINT_TO_POINTER(ssrc));
    while (st && st->setup_frame >= frame)
        st = st->earlier;
    return st;
}

/* ---- the tap --------------------------------------------------------------------------------- */

bool facetime_tap_wanted(void)
{
    return have_tap_listener(facetime_tap);
}

void facetime_tap_body(packet_info *pinfo, const facetime_body_call *body)
{
    if (!body->call || !have_tap_listener(facetime_tap))
        return;
    ft_tap_event *event = wmem_new0(pinfo->pool, ft_tap_event);
    event->call = body->call;
    event->sdp_sender = body->sender;
    tap_queue_packet(facetime_tap, pinfo, event);
}

void facetime_tap_media(packet_info *pinfo, const ft_stream *stream, bool is_rtcp,
                        uint16_t rtp_sequence)
{
    if (!stream->call)
        return;
    ft_tap_event *event = wmem_new0(pinfo->pool, ft_tap_event);
    event->call = stream->call;
    event->stream = stream;
    event->is_rtcp = is_rtcp;
    event->rtp_sequence = rtp_sequence;
    tap_queue_packet(facetime_tap, pinfo, event);
}

void register_facetime_call(void)
{
    facetime_tap = register_tap(FT_TAP_NAME);
    calls_by_id = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash,
                                         g_str_equal);
    streams_by_ssrc = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                             g_direct_hash, g_direct_equal);
}

void handoff_facetime_call(void)
{
    proto_sip = proto_get_id_by_filter_name("sip");
}
