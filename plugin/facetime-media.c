/* facetime-media.c - the media a FaceTime SDP announces: its RTP and RTCP conversations, the
 * dissector that sorts what arrives there, and the FaceTime marks on its packets.
 *
 * FaceTime sends audio, video and RTCP to one port, and STUN (sometimes SIP too) on the same
 * 5-tuple. RTP's own conversation dissector would take all of it, so every media conversation
 * gets this plugin's dissector instead: it sends RTP and RTCP on to Wireshark's dissectors, STUN
 * to STUN, and hands everything else back to UDP.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-media.h"

#include <string.h>

#include <epan/conversation.h>
#include <epan/dissectors/packet-rtcp.h>
#include <epan/dissectors/packet-rtp.h>
#include <epan/dissectors/packet-sdp.h>

#include "facetime-tvb.h"
#include "packet-facetime-sdp.h"

static int hf_rtp = -1;
static int hf_rtp_media = -1;
static int hf_rtp_setup_frame = -1;
static int hf_rtp_direction = -1;
static int ett_rtp = -1;

static dissector_handle_t media_handle;
static dissector_handle_t rtp_handle;
static dissector_handle_t rtcp_handle;
static dissector_handle_t stun_handle;
static int proto_rtp = -1;
static int hf_sip_generated_call_id = -1;

static const char *const media_kind_names[] = {
    [FT_MEDIA_AUDIO] = "audio",
    [FT_MEDIA_VIDEO] = "video",
    [FT_MEDIA_OTHER] = "other",
};

/* ---- endpoints: where a party said it receives media ----------------------------------------- */

typedef struct endpoint {
    address addr;
    uint16_t port;
} endpoint;

static unsigned endpoint_hash(const void *key)
{
    const endpoint *ep = (const endpoint *)key;
    return add_address_to_hash(ep->port, &ep->addr);
}

static gboolean endpoint_equal(const void *a, const void *b)
{
    const endpoint *x = (const endpoint *)a, *y = (const endpoint *)b;
    return x->port == y->port && addresses_equal(&x->addr, &y->addr);
}

/* A set of endpoints, each once, and the scope they live in. */
typedef struct endpoint_set {
    wmem_allocator_t *scope;
    wmem_map_t *members;          /* endpoint -> itself */
} endpoint_set;

static endpoint_set *new_endpoint_set(wmem_allocator_t *scope)
{
    endpoint_set *set = wmem_new(scope, endpoint_set);
    set->scope = scope;
    set->members = wmem_map_new(scope, endpoint_hash, endpoint_equal);
    return set;
}

/* Every endpoint either party of a call announced: a re-INVITE repeats them. */
static wmem_map_t *endpoints_by_call;     /* ft_call -> endpoint_set */

static endpoint_set *endpoints_of(const ft_call *c)
{
    endpoint_set *set = wmem_map_lookup(endpoints_by_call, c);
    if (!set) {
        set = new_endpoint_set(wmem_file_scope());
        wmem_map_insert(endpoints_by_call, c, set);
    }
    return set;
}

static void remember_endpoint(endpoint_set *set, const address *addr, uint16_t port)
{
    endpoint probe = { *addr, port };
    if (wmem_map_contains(set->members, &probe))
        return;
    endpoint *ep = wmem_new(set->scope, endpoint);
    copy_address_wmem(set->scope, &ep->addr, addr);
    ep->port = port;
    wmem_map_insert(set->members, ep, ep);
}

static const ft_address *section_address(const ft_sdp *sdp, const ft_section *s)
{
    if (s->has_connection)
        return &s->connection;
    return sdp->sections[0].has_connection ? &sdp->sections[0].connection : NULL;
}

static bool same_endpoint(const ft_sdp *sdp, const ft_section *a, const ft_section *b)
{
    const ft_address *addr_a = section_address(sdp, a), *addr_b = section_address(sdp, b);
    return a->port.value == b->port.value && addr_a && addr_b &&
           addr_a->is_ipv6 == addr_b->is_ipv6 && memcmp(addr_a->bytes, addr_b->bytes, 16) == 0;
}

static void to_wireshark_address(const ft_address *from, address *to)
{
    set_address(to, from->is_ipv6 ? AT_IPv6 : AT_IPv4, from->is_ipv6 ? 16 : 4, from->bytes);
}

/* The UDP conversation of an address and port a party receives media on, as RTP registrations
 * key them (any peer), at this frame; NULL if none. */
static conversation_t *endpoint_conversation(packet_info *pinfo, const address *addr,
                                             uint16_t port)
{
    address no_address;
    clear_address(&no_address);
    return find_conversation(pinfo->num, addr, &no_address, CONVERSATION_UDP, port, 0,
                             NO_ADDR_B | NO_PORT_B);
}

/* ---- registration ---------------------------------------------------------------------------- */

/* The frame to register an endpoint under. The SDP dissector has usually set the endpoint up
 * already, once per m= line: under this frame, or, when SIP has it apply an answer, under the
 * frame of the offer. Registering under the same frame completes that conversation in place;
 * any other frame would add a second conversation per endpoint, and its memory. */
static uint32_t registration_frame(packet_info *pinfo, const address *addr, uint16_t port,
                                   const ft_call *c)
{
    conversation_t *conv = endpoint_conversation(pinfo, addr, port);
    if (conv && c && c->offer_frame != 0 && conv->setup_frame == c->offer_frame &&
        conversation_get_proto_data(conv, proto_rtp) != NULL)
        return conv->setup_frame;
    return pinfo->num;
}

static bool names_payload(const ft_section *s, uint32_t pt)
{
    for (size_t i = 0; i < s->n_rtpmaps; i++)
        if (s->rtpmaps[i].pt.value == pt)
            return true;
    return false;
}

/* The family's payload types a public source names, for a section that leaves them unnamed: a
 * body's own rtpmap always wins. */
static void add_known_payloads(rtp_dyn_payload_t *payloads, const ft_section *s)
{
    for (size_t i = 0; i < s->n_formats; i++) {
        const ft_known_payload *known = ft_family_payload(s->kind, s->formats[i].value);
        if (known && !names_payload(s, known->pt))
            ft_rtp_dyn_payload_insert(payloads, known->pt, known->encoding_name,
                                      (int)known->clock_rate, 1);
    }
}

/* The payload names of every section on the endpoint of sections[first], and their media. */
static rtp_dyn_payload_t *endpoint_payloads(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text,
                                            size_t first, uint32_t *media_types)
{
    const ft_section *s = &sdp->sections[first];
    rtp_dyn_payload_t *payloads = rtp_dyn_payload_new();
    *media_types = 0;
    for (size_t i = first; i < sdp->n_sections; i++) {
        const ft_section *other = &sdp->sections[i];
        if (!other->is_media || !same_endpoint(sdp, s, other))
            continue;
        *media_types |= other->kind == FT_MEDIA_AUDIO ? RTP_MEDIA_AUDIO :
                        other->kind == FT_MEDIA_VIDEO ? RTP_MEDIA_VIDEO : RTP_MEDIA_OTHER;
        for (size_t j = 0; j < other->n_rtpmaps; j++) {
            const ft_rtpmap *map = &other->rtpmaps[j];
            ft_rtp_dyn_payload_insert(payloads, map->pt.value,
                                      facetime_span_string(pinfo->pool, text, map->encoding_name),
                                      (int)map->clock_rate, map->channels ? map->channels : 1);
        }
        add_known_payloads(payloads, other);
    }
    return payloads;
}

/* Where a section's RTCP goes, if the SDP says: a=rtcp in the section, else iChat's a=RTCP
 * (written once, in any section) for the section's medium; 0 when neither says. */
static uint32_t section_rtcp_port(const ft_sdp *sdp, const ft_section *s)
{
    if (s->has_rtcp_port)
        return s->rtcp_port.value;
    for (size_t i = 0; i < sdp->n_sections; i++) {
        const ft_rtcp_ports *ports = &sdp->sections[i].rtcp_ports;
        if (!sdp->sections[i].has_rtcp_ports)
            continue;
        if (s->kind == FT_MEDIA_AUDIO && ports->has_audio)
            return ports->audio.value;
        if (s->kind == FT_MEDIA_VIDEO && ports->has_video)
            return ports->video.value;
    }
    return 0;
}

/* The one place the plugin writes a media conversation. FaceTime puts audio and video (and
 * RTCP) on one port: one registration serves all sections that share the address and port,
 * with the payload names of all of them. srtp_add_address() always makes RTP the
 * conversation's dissector, so this one is put in front right after. (SDP's own setup has
 * usually written the conversation before: it applies every SDP outside SIP's offer/answer at
 * once, per m= line, and no API lets a caller of the SDP dissector keep it from doing so; the
 * registration here completes that same conversation instead of adding another.) */
static void register_endpoint(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text, size_t first,
                              sdp_setup_info_t *setup, const ft_call *c, endpoint_set *endpoints)
{
    const ft_section *s = &sdp->sections[first];
    uint32_t media_types;
    rtp_dyn_payload_t *payloads = endpoint_payloads(pinfo, sdp, text, first, &media_types);

    address addr;
    to_wireshark_address(section_address(sdp, s), &addr);
    uint16_t port = (uint16_t)s->port.value;
    struct srtp_info *srtp = NULL;
    if (facetime_prefs.media == FACETIME_MEDIA_SRTP)
        srtp = wmem_new0(wmem_file_scope(), struct srtp_info);
    uint32_t setup_frame = registration_frame(pinfo, &addr, port, c);
    srtp_add_address(pinfo, PT_UDP, &addr, port, 0, "SDP", setup_frame, media_types, payloads, srtp,
                     setup);
    rtp_dyn_payload_free(payloads);

    /* With a=rtcp (or iChat's a=RTCP) naming another port, RTCP is not multiplexed: register it
     * there, as SDP would. */
    uint32_t rtcp_port = section_rtcp_port(sdp, s);
    if (rtcp_port != 0 && rtcp_port != s->port.value) {
        if (srtp)
            srtcp_add_address(pinfo, &addr, rtcp_port, 0, "SDP", pinfo->num, srtp);
        else
            rtcp_add_address(pinfo, &addr, rtcp_port, 0, "SDP", pinfo->num);
    }
    remember_endpoint(endpoints, &addr, port);
}

typedef struct claim {
    packet_info *pinfo;
    bool sip_flow_carries_media;
} claim;

static void claim_endpoint(gpointer key, gpointer value, gpointer user_data)
{
    (void)value;
    const endpoint *ep = (const endpoint *)key;
    claim *cl = (claim *)user_data;
    conversation_t *conv = endpoint_conversation(cl->pinfo, &ep->addr, ep->port);
    if (conv)
        conversation_set_dissector(conv, media_handle);
    packet_info *pinfo = cl->pinfo;
    cl->sip_flow_carries_media |=
        (ep->port == pinfo->srcport && addresses_equal(&ep->addr, &pinfo->src)) ||
        (ep->port == pinfo->destport && addresses_equal(&ep->addr, &pinfo->dst));
}

/* Puts the media dissector in front of every endpoint of the call: SIP's own offer/answer code
 * registers the offer's endpoints again when the answer comes, making RTP their dissector. */
static void claim_media_conversations(packet_info *pinfo, const endpoint_set *endpoints)
{
    claim cl = { pinfo, false };
    wmem_map_foreach(endpoints->members, claim_endpoint, &cl);
    /* Media on the SIP 5-tuple: UDP asks the exact conversation first and stops there, and the
     * STUN heuristic has put its own dissector on it. doc/README.heuristic warns a heuristic
     * that does not sit right on UDP against setting the conversation's dissector, since that
     * overrides the dissector that called it (SIP, here). It is safe for this one: the media
     * dissector refuses whatever is not STUN, RTP or RTCP (SIP among it), so UDP goes on to its
     * port and heuristic tables for those packets, and SIP is found there as before. */
    if (cl.sip_flow_carries_media && pinfo->ptype == PT_UDP)
        conversation_set_dissector_from_frame_number(find_or_create_conversation(pinfo),
                                                     pinfo->num, media_handle);
}

void facetime_register_media(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text,
                             const ft_call *c)
{
    if (facetime_prefs.media == FACETIME_MEDIA_NONE)
        return;
    sdp_setup_info_t setup;
    memset(&setup, 0, sizeof setup);
    setup.hf_id = hf_sip_generated_call_id;
    setup.hf_type = SDP_TRACE_ID_HF_TYPE_STR;
    setup.trace_id.str = c ? (char *)c->call_id : NULL;
    sdp_setup_info_t *setup_info = hf_sip_generated_call_id > 0 && c ? &setup : NULL;
    /* Without a SIP call (SDP from elsewhere) only this SDP's endpoints are known. */
    endpoint_set *endpoints = c ? endpoints_of(c) : new_endpoint_set(pinfo->pool);

    for (size_t i = 1; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        if (!s->is_rtp || s->port.value == 0 || !section_address(sdp, s))
            continue;
        bool registered_earlier = false;
        for (size_t j = 1; j < i; j++)
            registered_earlier |= sdp->sections[j].is_rtp &&
                                  same_endpoint(sdp, s, &sdp->sections[j]);
        if (!registered_earlier)
            register_endpoint(pinfo, sdp, text, i, setup_info, c, endpoints);
    }
    claim_media_conversations(pinfo, endpoints);
}

/* ---- the media dissector --------------------------------------------------------------------- */

/* RFC 5761: in a multiplexed flow, packet types 192-223 are RTCP. */
static bool is_rtcp(tvbuff_t *tvb)
{
    if (tvb_captured_length(tvb) < 2)
        return false;
    uint8_t packet_type = tvb_get_uint8(tvb, 1);
    return packet_type >= 192 && packet_type <= 223;
}

/* Under a stream's FaceTime line: its media, setup frame and direction. */
static void add_stream_items(proto_item *line, tvbuff_t *tvb, const ft_stream *st, int ssrc_offset)
{
    proto_item_append_text(line, " %s stream, %s", media_kind_names[st->kind],
                           facetime_direction_name(st->sender));
    proto_tree *media = proto_item_add_subtree(line, ett_rtp);
    proto_item_set_hidden(proto_tree_add_item(media, hf_rtp, tvb, 0, 0, ENC_NA));
    proto_item *item = proto_tree_add_string(media, hf_rtp_media, tvb, ssrc_offset, 4,
                                             media_kind_names[st->kind]);
    proto_item_set_generated(item);
    item = proto_tree_add_uint(media, hf_rtp_setup_frame, tvb, 0, 0, st->setup_frame);
    proto_item_set_generated(item);
    if (st->sender != FT_PARTY_UNKNOWN) {
        item = proto_tree_add_string(media, hf_rtp_direction, tvb, 0, 0,
                                     facetime_direction_name(st->sender));
        proto_item_set_generated(item);
    }
}

/* Marks an RTP or RTCP packet of a stream announced by an earlier a=rtpID. The FaceTime line
 * sits at the top level, where Wireshark never fakes an item, and comes with every tree: the
 * protocol hierarchy (-z io,phs) counts the top-level items of a hidden tree in which nothing
 * is referenced, and would lose FaceTime under RTP without it. What goes under the line is
 * built only where someone can see it (about 400 instructions per packet even when faked).
 * The tap needs the stream always. */
static void tag_stream(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool rtcp)
{
    int ssrc_offset = rtcp ? 4 : 8;    /* RTCP: the first packet's sender SSRC */
    if (tvb_captured_length(tvb) < (unsigned)ssrc_offset + 4)
        return;
    const ft_stream *st = facetime_announced_stream(tvb_get_ntohl(tvb, ssrc_offset), pinfo->num);
    if (!st)
        return;
    if (tree) {
        proto_item *line = proto_tree_add_item(tree, proto_facetime, tvb, ssrc_offset, 4, ENC_NA);
        if (facetime_items_wanted(tree))
            add_stream_items(line, tvb, st, ssrc_offset);
    }
    if (facetime_tap_wanted())
        facetime_tap_media(pinfo, st, rtcp, rtcp ? 0 : tvb_get_ntohs(tvb, 2));
}

/* Conversation dissector of FaceTime's media ports, demultiplexing by the first byte as in
 * RFC 7983: 0-3 STUN, 128-191 RTP/RTCP. Anything else (SIP on the same 5-tuple, TURN channel
 * data, DTLS) is refused, so UDP goes on to its port and heuristic dissectors. */
static int dissect_facetime_media(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (tvb_captured_length(tvb) == 0)
        return 0;
    uint8_t first = tvb_get_uint8(tvb, 0);
    if (first <= 3)
        return call_dissector_only(stun_handle, tvb, pinfo, tree, data);
    if (first < 128 || first > 191)
        return 0;

    bool rtcp = is_rtcp(tvb);
    int consumed = call_dissector_with_data(rtcp ? rtcp_handle : rtp_handle, tvb, pinfo, tree,
                                            data);
    if (proto_is_protocol_enabled(find_protocol_by_id(proto_facetime)))
        tag_stream(tvb, pinfo, tree, rtcp);
    return consumed;
}

void register_facetime_media(int proto)
{
    static hf_register_info hf[] = {
        { &hf_rtp, { "FaceTime stream", "facetime.rtp", FT_NONE, BASE_NONE, NULL, 0x0,
            "An RTP or RTCP packet of a stream a FaceTime SDP announced", HFILL } },
        { &hf_rtp_media, { "Media", "facetime.rtp.media", FT_STRING, BASE_NONE, NULL, 0x0,
            "audio or video: the media whose a=rtpID is this packet's SSRC", HFILL } },
        { &hf_rtp_setup_frame, { "Announced in", "facetime.rtp.setup_frame", FT_FRAMENUM,
            BASE_NONE, NULL, 0x0, "The SIP message whose SDP announced this SSRC", HFILL } },
        { &hf_rtp_direction, { "Direction", "facetime.rtp.direction", FT_STRING, BASE_NONE, NULL,
            0x0, "caller-to-callee or callee-to-caller: who sends this stream", HFILL } },
    };
    static int *ett[] = { &ett_rtp };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    media_handle = create_dissector_handle_with_name_and_description(
        dissect_facetime_media, -1, "facetime_media", "FaceTime media (STUN, RTP, RTCP)");
    endpoints_by_call = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                               g_direct_hash, g_direct_equal);
}

void handoff_facetime_media(int proto)
{
    rtp_handle = find_dissector_add_dependency("rtp", proto);
    rtcp_handle = find_dissector_add_dependency("rtcp", proto);
    stun_handle = find_dissector_add_dependency("stun-udp", proto);
    proto_rtp = proto_get_id_by_filter_name("rtp");
    hf_sip_generated_call_id = proto_registrar_get_id_byname("sip.call_id_generated");
}
