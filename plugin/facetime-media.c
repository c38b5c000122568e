/* facetime-media.c - the media a FaceTime SDP announces: its RTP and RTCP conversations, the
 * dissector that sorts what arrives there, and the FaceTime marks on its packets.
 *
 * FaceTime sends audio, video and RTCP to one port, and STUN (sometimes SIP, and TURN
 * ChannelData) on the same 5-tuple. RTP's own conversation dissector would take all of it, so
 * every media conversation gets this plugin's dissector instead: it sends RTP and RTCP on to
 * Wireshark's dissectors, STUN and ChannelData to STUN, and hands everything else back to UDP.
 * Each conversation it takes is tied to its call, and a packet's stream is looked up by its
 * SSRC within that call only.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-media.h"

#include <string.h>

#include <epan/dissectors/packet-rtcp.h>
#include <epan/dissectors/packet-rtp.h>
#include <epan/dissectors/packet-sdp.h>

#include "facetime-address.h"
#include "facetime-discovery.h"
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
static dissector_handle_t sip_handle;
static int proto_rtp = -1;
/* Looked up once: find_protocol_by_id() costs about a hundred instructions a packet. */
static protocol_t *facetime_protocol, *rtp_protocol, *rtcp_protocol;
static int hf_sip_generated_call_id = -1;

static const char *const media_kind_names[] = {
    [FT_MEDIA_AUDIO] = "audio",
    [FT_MEDIA_VIDEO] = "video",
    [FT_MEDIA_OTHER] = "other",
};

/* ---- conversations tied to calls ------------------------------------------------------------ */

/* A conversation's calls, newest first: a port can serve one call after another. */
typedef struct claim {
    uint32_t from_frame;
    const ft_call *call;
    const struct claim *earlier;
} claim;

/* What claim_of_packet() last found for a few flows and SSRCs, so that the packets of a stream
 * after the first cost one comparison, not four conversation lookups. A memo holds from the
 * frame it was made at while nothing could change the answer: every claim, every FaceTime body
 * (whose SDP sets conversations up) and every new capture file starts a new epoch. Used on the
 * first pass only, where frames come in order; later passes look up every packet. */
typedef struct claim_memo {
    uint32_t epoch;               /* 0: empty */
    uint32_t frame;
    uint32_t ssrc;
    uint32_t src_port, dst_port;
    int address_type;
    int src_len, dst_len;
    uint8_t src[16], dst[16];
    const conversation_t *conv;   /* where the search ended; NULL when none was claimed */
} claim_memo;

#define CLAIM_MEMOS 64
static claim_memo claim_memos[CLAIM_MEMOS];
static uint32_t claims_epoch = 1;

static void forget_claim_memos(void)
{
    claims_epoch = claims_epoch == UINT32_MAX ? 1 : claims_epoch + 1;
}

static claim_memo *claim_memo_of(const packet_info *pinfo, uint32_t ssrc)
{
    const address *src = &pinfo->src, *dst = &pinfo->dst;
    if (pinfo->fd->visited || src->type != dst->type || src->len > 16 || dst->len > 16 ||
        src->len < 0 || dst->len < 0)
        return NULL;
    uint32_t h = ssrc ^ (pinfo->srcport * 0x9e3779b1u) ^ (pinfo->destport * 0x85ebca6bu);
    for (int i = 0; i < src->len; i++)
        h = (h ^ ((const uint8_t *)src->data)[i]) * 16777619u;
    for (int i = 0; i < dst->len; i++)
        h = (h ^ ((const uint8_t *)dst->data)[i]) * 16777619u;
    return &claim_memos[h % CLAIM_MEMOS];
}

static bool claim_memo_holds(const claim_memo *m, const packet_info *pinfo, uint32_t ssrc)
{
    return m->epoch == claims_epoch && m->frame <= pinfo->num && m->ssrc == ssrc &&
           m->src_port == pinfo->srcport && m->dst_port == pinfo->destport &&
           m->address_type == (int)pinfo->src.type && m->src_len == pinfo->src.len &&
           m->dst_len == pinfo->dst.len &&
           memcmp(m->src, pinfo->src.data, (size_t)pinfo->src.len) == 0 &&
           memcmp(m->dst, pinfo->dst.data, (size_t)pinfo->dst.len) == 0;
}

static void claim_memo_keep(claim_memo *m, const packet_info *pinfo, uint32_t ssrc,
                            const conversation_t *conv)
{
    m->epoch = claims_epoch;
    m->frame = pinfo->num;
    m->ssrc = ssrc;
    m->src_port = pinfo->srcport;
    m->dst_port = pinfo->destport;
    m->address_type = (int)pinfo->src.type;
    m->src_len = pinfo->src.len;
    m->dst_len = pinfo->dst.len;
    memcpy(m->src, pinfo->src.data, (size_t)pinfo->src.len);
    memcpy(m->dst, pinfo->dst.data, (size_t)pinfo->dst.len);
    m->conv = conv;
}

void facetime_claim_conversation(conversation_t *conv, uint32_t frame, const ft_call *call)
{
    forget_claim_memos();
    const claim *latest = conversation_get_proto_data(conv, proto_facetime);
    if (!latest || latest->call != call) {
        claim *c = wmem_new(wmem_file_scope(), claim);
        c->from_frame = frame;
        c->call = call;
        c->earlier = latest;
        conversation_add_proto_data(conv, proto_facetime, c);
    }
    conversation_set_dissector_from_frame_number(conv, frame, media_handle);
}

/* The calls that take a packet on one conversation are its latest few claims: a 5-tuple between
 * two devices serves every call between them, and a stray dialog may claim it in the middle of
 * a call. */
#define CLAIMS_SEARCHED 8

/* What a packet's conversation says of it: the stream of its SSRC among the calls that claimed
 * the conversation by this frame, newest first. */
typedef struct packet_claim {
    bool signed_flow;             /* claimed last for FaceTime's RTP signature, not for a call */
    const ft_stream *stream;      /* NULL when no claiming call announced the SSRC */
} packet_claim;

static bool find_claimed_stream(const conversation_t *conv, uint32_t frame, uint32_t ssrc,
                                packet_claim *found)
{
    const claim *c = conv ? conversation_get_proto_data(conv, proto_facetime) : NULL;
    while (c && c->from_frame > frame)
        c = c->earlier;
    if (!c)
        return false;
    found->signed_flow = c->call == NULL;
    for (unsigned searched = 0; c && searched < CLAIMS_SEARCHED; c = c->earlier, searched++) {
        found->stream = c->call ? facetime_call_stream(c->call, ssrc, frame) : NULL;
        if (found->stream)
            break;
    }
    return true;
}

/* As UDP looks for the conversation whose dissector it calls: the exact 5-tuple first, then
 * either end alone; the first one claimed answers. */
static packet_claim claim_of_packet(packet_info *pinfo, uint32_t ssrc)
{
    static const unsigned options[] = { 0, NO_ADDR_B, NO_PORT_B, NO_ADDR_B | NO_PORT_B };
    packet_claim found = { false, NULL };
    claim_memo *memo = claim_memo_of(pinfo, ssrc);
    if (memo && claim_memo_holds(memo, pinfo, ssrc)) {
        if (memo->conv)
            find_claimed_stream(memo->conv, pinfo->num, ssrc, &found);
        return found;
    }
    const conversation_t *claimed = NULL;
    for (size_t i = 0; i < sizeof options / sizeof options[0] && !claimed; i++) {
        conversation_t *conv = find_conversation(pinfo->num, &pinfo->src, &pinfo->dst,
                                                 CONVERSATION_UDP, pinfo->srcport,
                                                 pinfo->destport, options[i]);
        if (find_claimed_stream(conv, pinfo->num, ssrc, &found))
            claimed = conv;
    }
    if (memo)
        claim_memo_keep(memo, pinfo, ssrc, claimed);
    return found;
}

/* ---- endpoints: where a party said it receives media ---------------------------------------- */

/* The endpoints of the latest offer of each call: SIP re-registers them when the answer comes. */
static wmem_map_t *offer_endpoints;       /* ft_call -> wmem_array of facetime_socket */
/* The latest call that announced each endpoint, and one on each host (TURN relays, NATs). */
static wmem_map_t *calls_by_endpoint;         /* facetime_socket -> ft_call */
static wmem_map_t *calls_by_endpoint_host;    /* address -> ft_call */

const ft_call *facetime_call_of_endpoint(const address *addr, uint32_t port)
{
    facetime_socket probe = facetime_socket_probe(addr, port);
    return wmem_map_lookup(calls_by_endpoint, &probe);
}

const ft_call *facetime_call_of_endpoint_host(const address *host)
{
    return wmem_map_lookup(calls_by_endpoint_host, host);
}

static void note_endpoint(const address *addr, uint32_t port, const ft_call *call)
{
    facetime_socket probe = facetime_socket_probe(addr, port);
    facetime_socket_map_set(calls_by_endpoint, &probe, (void *)call);
    facetime_host_map_set(calls_by_endpoint_host, addr, (void *)call);
}

static const ft_address *section_address(const ft_sdp *sdp, const ft_section *s)
{
    if (s->has_connection)
        return &s->connection;
    return sdp->sections[0].has_connection ? &sdp->sections[0].connection : NULL;
}

static void to_wireshark_address(const ft_address *from, address *to)
{
    set_address(to, from->is_ipv6 ? AT_IPv6 : AT_IPv4, from->is_ipv6 ? 16 : 4, from->bytes);
}

/* The UDP conversation of an address and port a party receives media on, as RTP registrations
 * key them (any peer), at this frame; NULL if none. */
static conversation_t *endpoint_conversation(packet_info *pinfo, const address *addr,
                                             uint32_t port)
{
    address no_address;
    clear_address(&no_address);
    return find_conversation(pinfo->num, addr, &no_address, CONVERSATION_UDP, port, 0,
                             NO_ADDR_B | NO_PORT_B);
}

static void claim_endpoint(packet_info *pinfo, const address *addr, uint32_t port,
                           const ft_call *call)
{
    conversation_t *conv = endpoint_conversation(pinfo, addr, port);
    if (conv)
        facetime_claim_conversation(conv, conv->setup_frame, call);
}

/* ---- registration ------------------------------------------------------------------------------ */

/* The sections an SDP puts on one address and port: FaceTime puts audio, video and RTCP on one,
 * and one registration serves them all, with the payload names of all of them. */
typedef struct endpoint_group {
    facetime_socket where;
    size_t first;                 /* the first section on it */
    wmem_array_t *sections;       /* of size_t: every section on it, in order */
    uint32_t media_types;
    uint64_t payload_digest;      /* of the payload names the sections give, in order */
    uint32_t rtcp_port;           /* where the first section's RTCP goes, if the SDP says; or 0 */
} endpoint_group;

static bool names_payload(const ft_section *s, uint32_t pt)
{
    for (size_t i = 0; i < s->n_rtpmaps; i++)
        if (s->rtpmaps[i].pt.value == pt)
            return true;
    return false;
}

/* FNV-1a, 64 bits. */
static uint64_t digest_bytes(uint64_t h, const void *data, size_t len)
{
    const uint8_t *bytes = (const uint8_t *)data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ bytes[i]) * UINT64_C(1099511628211);
    return h;
}

static uint64_t digest_payload(uint64_t h, uint32_t pt, const uint8_t *name, size_t name_len,
                               uint32_t clock_rate, uint32_t channels)
{
    uint32_t numbers[3] = { pt, clock_rate, channels };
    h = digest_bytes(h, numbers, sizeof numbers);
    h = digest_bytes(h, name, name_len);
    return digest_bytes(h, "", 1);          /* ends the name */
}

/* Calls fn for every payload name a section gives: its rtpmaps, then the family's payload types
 * a public source names, where the body names none (its own rtpmap always wins). */
typedef void (*payload_fn)(void *ctx, uint32_t pt, const char *name, size_t name_len,
                           uint32_t clock_rate, uint32_t channels);

static void each_payload(const uint8_t *text, const ft_section *s, payload_fn fn, void *ctx)
{
    for (size_t j = 0; j < s->n_rtpmaps; j++) {
        const ft_rtpmap *map = &s->rtpmaps[j];
        fn(ctx, map->pt.value, (const char *)text + map->encoding_name.offset,
           map->encoding_name.length, map->clock_rate, map->channels ? map->channels : 1);
    }
    for (size_t i = 0; i < s->n_formats; i++) {
        const ft_known_payload *known = ft_family_payload(s->kind, s->formats[i].value);
        if (known && !names_payload(s, known->pt))
            fn(ctx, known->pt, known->encoding_name, strlen(known->encoding_name),
               known->clock_rate, 1);
    }
}

static void add_to_digest(void *ctx, uint32_t pt, const char *name, size_t name_len,
                          uint32_t clock_rate, uint32_t channels)
{
    uint64_t *h = (uint64_t *)ctx;
    *h = digest_payload(*h, pt, (const uint8_t *)name, name_len, clock_rate, channels);
}

typedef struct payload_builder {
    wmem_allocator_t *scope;
    rtp_dyn_payload_t *payloads;
} payload_builder;

static void add_to_payloads(void *ctx, uint32_t pt, const char *name, size_t name_len,
                            uint32_t clock_rate, uint32_t channels)
{
    payload_builder *b = (payload_builder *)ctx;
    ft_rtp_dyn_payload_insert(b->payloads, pt, wmem_strndup(b->scope, name, name_len),
                              (int)clock_rate, channels);
}

/* The payload names of every section on the endpoint, as RTP keeps them. */
static rtp_dyn_payload_t *group_payloads(packet_info *pinfo, const ft_sdp *sdp,
                                         const uint8_t *text, const endpoint_group *group)
{
    payload_builder b = { pinfo->pool, rtp_dyn_payload_new() };
    for (unsigned i = 0; i < wmem_array_get_count(group->sections); i++) {
        size_t section = *(const size_t *)wmem_array_index(group->sections, i);
        each_payload(text, &sdp->sections[section], add_to_payloads, &b);
    }
    return b.payloads;
}

/* The SDP's RTP sections by endpoint, in one pass: each endpoint once, whatever the number of
 * m= lines on it. An array of endpoint_group *, in the order of their first sections. */
/* iChat's a=RTCP, written once in any section for the whole SDP; NULL when there is none. */
static const ft_rtcp_ports *ichat_rtcp_ports(const ft_sdp *sdp)
{
    for (size_t i = 0; i < sdp->n_sections; i++)
        if (sdp->sections[i].has_rtcp_ports)
            return &sdp->sections[i].rtcp_ports;
    return NULL;
}

/* Where a section's RTCP goes, if the SDP says: a=rtcp in the section, else iChat's a=RTCP for
 * the section's medium; 0 when neither says. */
static uint32_t section_rtcp_port(const ft_section *s, const ft_rtcp_ports *ichat)
{
    if (s->has_rtcp_port)
        return s->rtcp_port.value;
    if (ichat && s->kind == FT_MEDIA_AUDIO && ichat->has_audio)
        return ichat->audio.value;
    if (ichat && s->kind == FT_MEDIA_VIDEO && ichat->has_video)
        return ichat->video.value;
    return 0;
}

static wmem_array_t *group_sections(packet_info *pinfo, const ft_sdp *sdp, const uint8_t *text)
{
    /* Looked up once: per section, it made registering an SDP quadratic in its m= lines. */
    const ft_rtcp_ports *ichat = ichat_rtcp_ports(sdp);
    wmem_array_t *groups = wmem_array_new(pinfo->pool, sizeof(endpoint_group *));
    wmem_map_t *by_endpoint = wmem_map_new(pinfo->pool, facetime_socket_hash,
                                            facetime_socket_equal);
    for (size_t i = 1; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        const ft_address *addr = section_address(sdp, s);
        if (!s->is_rtp || s->port.value == 0 || !addr)
            continue;
        address host;
        to_wireshark_address(addr, &host);
        facetime_socket probe = facetime_socket_probe(&host, s->port.value);
        endpoint_group *group = wmem_map_lookup(by_endpoint, &probe);
        if (!group) {
            group = wmem_new0(pinfo->pool, endpoint_group);
            copy_address_wmem(pinfo->pool, &group->where.addr, &probe.addr);
            group->where.port = probe.port;
            group->first = i;
            group->rtcp_port = section_rtcp_port(s, ichat);
            group->sections = wmem_array_new(pinfo->pool, sizeof(size_t));
            group->payload_digest = UINT64_C(14695981039346656037);
            wmem_map_insert(by_endpoint, &group->where, group);
            wmem_array_append_one(groups, group);
        }
        wmem_array_append_one(group->sections, i);
        group->media_types |= s->kind == FT_MEDIA_AUDIO ? RTP_MEDIA_AUDIO :
                              s->kind == FT_MEDIA_VIDEO ? RTP_MEDIA_VIDEO : RTP_MEDIA_OTHER;
        each_payload(text, s, add_to_digest, &group->payload_digest);
    }
    return groups;
}

static endpoint_group *group_at(wmem_array_t *groups, unsigned i)
{
    return *(endpoint_group **)wmem_array_index(groups, i);
}

/* The frame to register an endpoint under. The SDP dissector has usually set the endpoint up
 * already, once per m= line: under this frame, or, when SIP has it apply an answer, under the
 * frame of the offer. Registering under the same frame completes that conversation in place;
 * any other frame would add a second conversation per endpoint, and its memory. */
static uint32_t registration_frame(packet_info *pinfo, const address *addr, uint32_t port,
                                   const ft_call *c)
{
    conversation_t *conv = endpoint_conversation(pinfo, addr, port);
    if (conv && c->offer_frame != 0 && conv->setup_frame == c->offer_frame &&
        conversation_get_proto_data(conv, proto_rtp) != NULL)
        return conv->setup_frame;
    return pinfo->num;
}

/* An endpoint's latest registration: a re-INVITE that says the same of it again registers
 * nothing, so that 400 re-INVITEs of 900 m= lines keep one registration per endpoint, not
 * 360,000. */
typedef struct registration {
    const ft_call *call;
    uint64_t payload_digest;
    conversation_t *conv;
} registration;

static wmem_map_t *registrations;         /* facetime_socket -> registration */

/* The endpoint's latest registration, if it was for this call with the same payload names. */
static const registration *same_registration(const endpoint_group *group, const ft_call *c)
{
    const registration *r = wmem_map_lookup(registrations, &group->where);
    return r && r->call == c && r->payload_digest == group->payload_digest ? r : NULL;
}

/* A re-INVITE that says again what the endpoint's registration says, where no SDP has set a
 * newer conversation up since: nothing to register. */
static bool already_registered(packet_info *pinfo, const endpoint_group *group, const ft_call *c)
{
    const registration *r = same_registration(group, c);
    return r && endpoint_conversation(pinfo, &group->where.addr, group->where.port) == r->conv;
}

static void remember_registration(packet_info *pinfo, const endpoint_group *group,
                                  const ft_call *c)
{
    conversation_t *conv = endpoint_conversation(pinfo, &group->where.addr, group->where.port);
    if (!conv)
        return;
    registration *r = wmem_map_lookup(registrations, &group->where);
    if (!r) {
        r = wmem_new(wmem_file_scope(), registration);
        wmem_map_insert(registrations, facetime_socket_keep(&group->where), r);
    }
    r->call = c;
    r->payload_digest = group->payload_digest;
    r->conv = conv;
}

/* The one place the plugin writes an endpoint's conversations. srtp_add_address() always makes
 * RTP the conversation's dissector, so this plugin's is put in front right after. (SDP's own
 * setup has usually written the conversation before: it applies every SDP outside SIP's
 * offer/answer at once, per m= line, and no API lets a caller of the SDP dissector keep it from
 * doing so; the registration here completes that same conversation instead of adding another.) */
static void register_endpoint(packet_info *pinfo, const ft_sdp *sdp, const uint8_t *text,
                              const endpoint_group *group, sdp_setup_info_t *setup,
                              const ft_call *c)
{
    address *addr = (address *)&group->where.addr;
    uint32_t port = group->where.port;
    if (already_registered(pinfo, group, c))
        return;
    struct srtp_info *srtp = NULL;
    if (facetime_prefs.media == FACETIME_MEDIA_SRTP)
        srtp = wmem_new0(wmem_file_scope(), struct srtp_info);
    rtp_dyn_payload_t *payloads = group_payloads(pinfo, sdp, text, group);
    srtp_add_address(pinfo, PT_UDP, addr, (int)port, 0, "SDP",
                     registration_frame(pinfo, addr, port, c), group->media_types, payloads,
                     srtp, setup);
    rtp_dyn_payload_free(payloads);         /* the conversation keeps its own reference */
    remember_registration(pinfo, group, c);
    claim_endpoint(pinfo, addr, port, c);

    /* With a=rtcp (or iChat's a=RTCP) naming another port, RTCP is not multiplexed: register it
     * there, as SDP would, and mark it too. */
    uint32_t rtcp_port = group->rtcp_port;
    if (rtcp_port != 0 && rtcp_port != port) {
        if (srtp)
            srtcp_add_address(pinfo, addr, (int)rtcp_port, 0, "SDP", pinfo->num, srtp);
        else
            rtcp_add_address(pinfo, addr, (int)rtcp_port, 0, "SDP", pinfo->num);
        claim_endpoint(pinfo, addr, rtcp_port, c);
    }
    note_endpoint(addr, port, c);
}

/* SIP's own offer/answer code registers the offer's endpoints again when the answer comes,
 * making RTP their dissector: at an answer, the offer's are claimed again (and only those). */
static void claim_offer_again(packet_info *pinfo, const ft_call *c)
{
    wmem_array_t *offered = wmem_map_lookup(offer_endpoints, c);
    for (unsigned i = 0; offered && i < wmem_array_get_count(offered); i++) {
        const facetime_socket *ep = wmem_array_index(offered, i);
        claim_endpoint(pinfo, &ep->addr, ep->port, c);
    }
}

static void remember_offer(const ft_call *c, wmem_array_t *groups)
{
    wmem_array_t *offered = wmem_array_new(wmem_file_scope(), sizeof(facetime_socket));
    for (unsigned i = 0; i < wmem_array_get_count(groups); i++) {
        const endpoint_group *group = group_at(groups, i);
        facetime_socket ep;
        copy_address_wmem(wmem_file_scope(), &ep.addr, &group->where.addr);
        ep.port = group->where.port;
        wmem_array_append_one(offered, ep);
    }
    wmem_map_insert(offer_endpoints, c, offered);
}

/* The SIP 5-tuple carries the call's media as often as not (STUN, SIP and RTP on one port, or a
 * NAT that rewrites the SDP's port), and the rest of the call's SIP: the media dissector goes
 * in front of it, from this frame on. doc/README.heuristic warns a heuristic that does not sit
 * right on UDP against setting the conversation's dissector, since that overrides the dissector
 * that called it (SIP, here). It is safe for this one: the media dissector hands SIP's text to
 * SIP's own dissector, as UDP's heuristics did, and refuses whatever else it does not know
 * (DTLS, say), so UDP goes on to its port and heuristic tables for those packets. */
static void claim_sip_flow(packet_info *pinfo, const ft_call *c)
{
    if (pinfo->ptype == PT_UDP)
        facetime_claim_conversation(find_or_create_conversation(pinfo), pinfo->num, c);
}

/* Any other SDP of a call (a resend, a MESSAGE's) sets nothing up, but the SDP dissector has just
 * set its endpoints up as RTP's, as it does for every SDP: they stay the call's. */
static void keep_endpoints(packet_info *pinfo, const ft_sdp *sdp, const uint8_t *text,
                           const ft_call *c)
{
    wmem_array_t *groups = group_sections(pinfo, sdp, text);
    for (unsigned i = 0; i < wmem_array_get_count(groups); i++) {
        const endpoint_group *group = group_at(groups, i);
        claim_endpoint(pinfo, &group->where.addr, group->where.port, c);
        if (group->rtcp_port != 0 && group->rtcp_port != group->where.port)
            claim_endpoint(pinfo, &group->where.addr, group->rtcp_port, c);
    }
}

void facetime_register_media(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text,
                             const facetime_message_call *body)
{
    forget_claim_memos();          /* the SDP dissector may have set conversations up */
    const ft_call *c = body->call;
    if (!c)
        return;
    /* The call's SIP is followed whatever the media preference says. */
    if (c->call_id && body->role != FT_BODY_OUTSIDE)
        claim_sip_flow(pinfo, c);
    if (facetime_prefs.media == FACETIME_MEDIA_NONE)
        return;
    size_t len;
    const uint8_t *bytes = facetime_tvb_bytes(text, &len);
    if (body->role == FT_BODY_OUTSIDE) {
        keep_endpoints(pinfo, sdp, bytes, c);
        return;
    }
    sdp_setup_info_t setup;
    memset(&setup, 0, sizeof setup);
    setup.hf_id = hf_sip_generated_call_id;
    setup.hf_type = SDP_TRACE_ID_HF_TYPE_STR;
    setup.trace_id.str = (char *)c->call_id;
    sdp_setup_info_t *setup_info = hf_sip_generated_call_id > 0 && c->call_id ? &setup : NULL;

    wmem_array_t *groups = group_sections(pinfo, sdp, bytes);
    if (body->role == FT_BODY_ANSWER)
        claim_offer_again(pinfo, c);
    for (unsigned i = 0; i < wmem_array_get_count(groups); i++)
        register_endpoint(pinfo, sdp, bytes, group_at(groups, i), setup_info, c);
    if (body->role == FT_BODY_OFFER)
        remember_offer(c, groups);
}

/* ---- marks ------------------------------------------------------------------------------------ */

/* The FaceTime line and what goes under it: the medium and, for a stream of a call, its
 * announcing frame, direction and call. */
static void add_stream_items(proto_item *line, tvbuff_t *tvb, const ft_rtp_header *header,
                             const ft_stream *st)
{
    proto_tree *media = proto_item_add_subtree(line, ett_rtp);
    /* The filter "facetime" keeps matching FaceTime's media, without a protocol layer. */
    proto_item_set_hidden(proto_tree_add_item(media, proto_facetime, tvb, 0, 0, ENC_NA));
    if (!st && header->is_rtcp) {
        proto_item_set_text(line, "FaceTime RTCP, beside FaceTime's RTP");   /* medium unknown */
        return;
    }
    ft_media_kind kind = st ? st->kind : ft_payload_kind(header->payload_type);
    if (st)
        proto_item_set_text(line, "FaceTime %s stream, %s", media_kind_names[kind],
                            facetime_direction_name(st->sender));
    else
        proto_item_set_text(line, "FaceTime %s stream", media_kind_names[kind]);
    int ssrc_offset = (int)header->ssrc_offset;
    proto_item *item = proto_tree_add_string(media, hf_rtp_media, tvb, ssrc_offset, 4,
                                             media_kind_names[kind]);
    proto_item_set_generated(item);
    if (!st)
        return;
    item = proto_tree_add_uint(media, hf_rtp_setup_frame, tvb, 0, 0, st->setup_frame);
    /* RTP's own "Setup frame" is the SDP that set the endpoint up, which may be another. */
    proto_item_append_text(item, " (the SDP whose a=rtpID named this SSRC)");
    proto_item_set_generated(item);
    if (st->sender != FT_PARTY_UNKNOWN) {
        item = proto_tree_add_string(media, hf_rtp_direction, tvb, 0, 0,
                                     facetime_direction_name(st->sender));
        proto_item_set_generated(item);
    }
    facetime_add_call_id(media, tvb, st->call);
}

/* What the Info column adds to RTP's and RTCP's own for a stream of a call: constant strings,
 * for a column every packet of a call fills. */
static const char *info_of(const ft_stream *st)
{
    static const char *const info[3][2] = {
        [FT_MEDIA_AUDIO] = { " (FaceTime audio, caller-to-callee)",
                             " (FaceTime audio, callee-to-caller)" },
        [FT_MEDIA_VIDEO] = { " (FaceTime video, caller-to-callee)",
                             " (FaceTime video, callee-to-caller)" },
        [FT_MEDIA_OTHER] = { " (FaceTime, caller-to-callee)", " (FaceTime, callee-to-caller)" },
    };
    if (st->sender == FT_PARTY_UNKNOWN)
        return st->kind == FT_MEDIA_AUDIO ? " (FaceTime audio)" :
               st->kind == FT_MEDIA_VIDEO ? " (FaceTime video)" : " (FaceTime)";
    return info[st->kind][st->sender == FT_CALLEE];
}

/* The FaceTime line is a field (facetime.rtp), not a protocol layer: the protocol hierarchy
 * keeps RTP and RTCP as the packets' end protocols. What goes under it is built only where
 * someone can see it. */
static void mark_packet(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                        const ft_rtp_header *header, const ft_stream *st)
{
    if (!proto_is_protocol_enabled(facetime_protocol))
        return;
    if (tree) {
        proto_item *line = proto_tree_add_item(tree, hf_rtp, tvb, (int)header->ssrc_offset, 4,
                                               ENC_NA);
        if (facetime_items_wanted(tree))
            add_stream_items(line, tvb, header, st);
    }
    /* col_append_lstr() measures the column with strlen(); col_append_str() walks it with
     * g_strlcat(), some 250 instructions more on every media packet. Even so, the text costs
     * about 570 instructions a packet, which is why it is a preference. */
    if (st && facetime_prefs.info_names_streams)
        col_append_lstr(pinfo->cinfo, COL_INFO, info_of(st), COL_ADD_LSTR_TERMINATOR);
    if (st && facetime_tap_wanted()) {
        ft_tap_event event;
        memset(&event, 0, sizeof event);
        event.call = st->call;
        event.stream = st;
        event.is_rtcp = header->is_rtcp;
        event.payload_type = header->payload_type;
        event.rtp_sequence = header->sequence;
        event.rtp_timestamp = header->is_rtcp ? 0 : tvb_get_ntohl(tvb, 4);
        event.rtp_marker = !header->is_rtcp && (tvb_get_uint8(tvb, 1) & 0x80);
        facetime_tap_media(pinfo, &event);
    }
}

/* Whether RTP (or RTCP) dissected the packet: with it switched off, Wireshark gave the packet to
 * data instead, and it is not marked. */
static bool taken_as_media(const ft_rtp_header *header)
{
    return proto_is_protocol_enabled(header->is_rtcp ? rtcp_protocol : rtp_protocol);
}

int facetime_dissect_rtp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data,
                         const ft_rtp_header *header, const ft_stream *stream)
{
    int consumed = call_dissector_with_data(header->is_rtcp ? rtcp_handle : rtp_handle, tvb, pinfo,
                                            tree, data);
    /* A packet no call announced is FaceTime's only by its signature. */
    if (taken_as_media(header) && (stream || ft_rtp_is_facetime(header)))
        mark_packet(tvb, pinfo, tree, header, stream);
    return consumed;
}

/* ---- the media dissector ------------------------------------------------------------------------ */

/* SIP's start lines begin with a method in capitals or "SIP/2.0", which RFC 7983's TURN channel
 * range (64-79, '@' to 'O') overlaps: four capitals, spaces or slashes are SIP's text. */
static bool starts_as_sip(const uint8_t *bytes, size_t len)
{
    if (len < 4)
        return false;
    for (size_t i = 0; i < 4; i++)
        if (!(bytes[i] >= 'A' && bytes[i] <= 'Z') && bytes[i] != ' ' && bytes[i] != '/')
            return false;
    return true;
}

/* Conversation dissector of FaceTime's media flows, demultiplexing by the first byte as in
 * RFC 7983: 0-3 STUN, 64-79 TURN ChannelData (STUN's dissector shows it, and hands its data to
 * the heuristics that find a call's relayed media), 128-191 RTP/RTCP. Anything else (SIP on the
 * same 5-tuple, DTLS) is refused, so UDP goes on to its port and heuristic dissectors. */
static int dissect_facetime_media(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    size_t len;
    const uint8_t *bytes = facetime_tvb_bytes(tvb, &len);
    if (len == 0)
        return 0;
    if (starts_as_sip(bytes, len))          /* SIP on the call's 5-tuple: SIP's own */
        return call_dissector_only(sip_handle, tvb, pinfo, tree, data);
    if (facetime_prefs.media == FACETIME_MEDIA_NONE)
        return 0;
    if (ft_is_stun_start(bytes[0]) || ft_is_channel_data_start(bytes[0]))
        return facetime_dissect_stun_on_flow(tvb, pinfo, tree, data);
    ft_rtp_header header;
    if (!ft_rtp_read(bytes, len, &header))
        return 0;
    packet_claim found = claim_of_packet(pinfo, header.ssrc);
    int consumed = call_dissector_with_data(header.is_rtcp ? rtcp_handle : rtp_handle, tvb, pinfo,
                                            tree, data);
    /* RTCP beside FaceTime's signed RTP, with no call, is FaceTime media too. */
    if (taken_as_media(&header) &&
        (found.stream || ft_rtp_is_facetime(&header) || (header.is_rtcp && found.signed_flow)))
        mark_packet(tvb, pinfo, tree, &header, found.stream);
    return consumed;
}

void register_facetime_media(int proto)
{
    static hf_register_info hf[] = {
        { &hf_rtp, { "FaceTime stream", "facetime.rtp", FT_NONE, BASE_NONE, NULL, 0x0,
            "An RTP or RTCP packet of FaceTime media", HFILL } },
        { &hf_rtp_media, { "Media", "facetime.rtp.media", FT_STRING, BASE_NONE, NULL, 0x0,
            "audio or video: the media of the stream whose a=rtpID is this packet's SSRC (or, "
            "outside any call, of its payload type)", HFILL } },
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
    offer_endpoints = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                             g_direct_hash, g_direct_equal);
    registrations = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                           facetime_socket_hash, facetime_socket_equal);
    calls_by_endpoint = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                               facetime_socket_hash, facetime_socket_equal);
    calls_by_endpoint_host = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                                    facetime_host_hash, facetime_host_equal);
    register_init_routine(forget_claim_memos);     /* a new file's conversations */
}

void handoff_facetime_media(int proto)
{
    rtp_handle = find_dissector_add_dependency("rtp", proto);
    rtcp_handle = find_dissector_add_dependency("rtcp", proto);
    sip_handle = find_dissector_add_dependency("sip", proto);
    proto_rtp = proto_get_id_by_filter_name("rtp");
    facetime_protocol = find_protocol_by_id(proto);
    rtp_protocol = find_protocol_by_id(proto_rtp);
    rtcp_protocol = find_protocol_by_id(proto_get_id_by_filter_name("rtcp"));
    hf_sip_generated_call_id = proto_registrar_get_id_byname("sip.call_id_generated");
}

#ifdef FACETIME_FUZZ_INTROSPECTION
/* For tests/fuzz/fuzz_dissect.c only: how many endpoints the media keeps for the open capture. */
void facetime_fuzz_media_counts(unsigned *offers, unsigned *endpoints, unsigned *endpoint_hosts);

void facetime_fuzz_media_counts(unsigned *offers, unsigned *endpoints, unsigned *endpoint_hosts)
{
    *offers = wmem_map_size(offer_endpoints);
    *endpoints = wmem_map_size(calls_by_endpoint);
    *endpoint_hosts = wmem_map_size(calls_by_endpoint_host);
}
#endif /* FACETIME_FUZZ_INTROSPECTION */
