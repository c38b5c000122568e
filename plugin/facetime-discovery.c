/* facetime-discovery.c - finding a call's media where no SDP endpoint says it is.
 *
 * An SDP names where a party receives media, but NATs rewrite ports, devices behind one NAT
 * talk across their LAN, TURN relays carry the media inside ChannelData, and a capture may miss
 * the signalling altogether. Four ways find the media anyway, none of them a guess about
 * traffic of other clients:
 *  - between the hosts a known call's SIP travels between, an RTP or RTCP datagram whose SSRC
 *    the call announced is that stream, and its 5-tuple becomes the call's (UDP heuristic
 *    "facetime_udp");
 *  - a STUN success response whose mapped (or TURN-relayed) address is an endpoint a call
 *    announced ties the socket that asked, behind the NAT or the relay, to that call, for the
 *    same test (the postdissector reads STUN's own fields wherever STUN was dissected);
 *  - the data of TURN ChannelData to or from a host where a call announced an endpoint (the
 *    relay's) is the call's RTP or RTCP when the call announced its SSRC (STUN's heuristic
 *    list for ChannelData, "facetime_turn");
 *  - RTP carrying FaceTime's header extension (profile 0x4400, two words) is FaceTime media even
 *    with no call, and RTCP on its flow with it (UDP heuristic "facetime_rtp_udp", which can be
 *    switched off on its own).
 * Every heuristic refuses a packet of no known call's hosts after two hash lookups (more once
 * STUN has told of NATs), and changes nothing before it takes a packet.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-discovery.h"

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/packet.h>

#include "facetime-address.h"
#include "facetime-call.h"
#include "facetime-media.h"
#include "facetime-tvb.h"
#include "ft_media.h"
#include "packet-facetime-sdp.h"

static dissector_handle_t stun_handle;
static dissector_handle_t data_handle;
static expert_field ei_mapped_family = EI_INIT;
static expert_field ei_channel_data_length = EI_INIT;

/* ---- sockets behind NATs, from STUN ----------------------------------------------------------- */

/* Where a socket behind a NAT or a relay is reached from outside. */
typedef struct outside_of {
    facetime_socket public_socket;    /* as a STUN server saw it (XOR-MAPPED-ADDRESS) */
    bool has_public;
    facetime_socket relayed;          /* what a TURN server allocated it (XOR-RELAYED-ADDRESS) */
    bool has_relayed;
} outside_of;

static wmem_map_t *outside_sockets;   /* local facetime_socket -> outside_of */

static facetime_socket socket_of(const ft_transport_address *t, address *storage)
{
    set_address(storage, t->is_ipv6 ? AT_IPv6 : AT_IPv4, t->is_ipv6 ? 16 : 4, t->bytes);
    return facetime_socket_probe(storage, t->port);
}

/* Whether an address STUN gave is worth keeping for the local socket: not the local one itself
 * (no NAT in between), nor of the other family (the answer of another socket). */
static bool differs(const facetime_socket *local, const facetime_socket *outside)
{
    return outside->addr.type == local->addr.type && !facetime_socket_equal(local, outside);
}

/* A success response goes to the socket that asked: its mapped address is that socket as the
 * STUN server saw it (what its SDP announces from behind a NAT), its relayed address the one a
 * TURN server allocated it (what its SDP announces through a relay). Any method: FaceTime's
 * relays use their own. */
void facetime_learn_stun(packet_info *pinfo, const ft_stun_message *message)
{
    DISSECTOR_ASSERT(!PINFO_FD_VISITED(pinfo));
    if ((message->type & FT_STUN_CLASS_MASK) != FT_STUN_SUCCESS)
        return;
    facetime_socket local = facetime_socket_probe(&pinfo->dst, pinfo->destport);
    address mapped_storage, relayed_storage;
    facetime_socket mapped = socket_of(&message->mapped, &mapped_storage);
    facetime_socket relayed = socket_of(&message->relayed, &relayed_storage);
    bool has_public = message->has_mapped && differs(&local, &mapped);
    bool has_relayed = message->has_relayed && differs(&local, &relayed);
    if (!has_public && !has_relayed)
        return;
    outside_of *known = wmem_map_lookup(outside_sockets, &local);
    if (!known) {
        known = wmem_new0(wmem_file_scope(), outside_of);
        wmem_map_insert(outside_sockets, facetime_socket_keep(&local), known);
    }
    if (has_public && !(known->has_public && facetime_socket_equal(&known->public_socket, &mapped))) {
        facetime_socket_copy(&known->public_socket, &mapped);
        known->has_public = true;
    }
    if (has_relayed && !(known->has_relayed && facetime_socket_equal(&known->relayed, &relayed))) {
        facetime_socket_copy(&known->relayed, &relayed);
        known->has_relayed = true;
    }
}

int facetime_dissect_stun_on_flow(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                  void *data)
{
    int taken = call_dissector_only(stun_handle, tvb, pinfo, tree, data);
    size_t len;
    const uint8_t *bytes = facetime_tvb_bytes(tvb, &len);
    ft_stun_message message;
    if (taken && ft_stun_read(bytes, len, &message) &&
        (message.type & FT_STUN_CLASS_MASK) == FT_STUN_SUCCESS && message.has_mapped &&
        message.mapped.is_ipv6 != (pinfo->src.type == AT_IPv6))
        proto_tree_add_expert(tree, pinfo, &ei_mapped_family, tvb, 0, 0);
    if (taken || len < 4 || !ft_is_channel_data_start(bytes[0]))
        return taken;
    /* STUN refuses ChannelData whose length runs past the datagram: it stays data, flagged. */
    unsigned length = (unsigned)bytes[2] << 8 | bytes[3];
    if (4 + (size_t)length > len)
        proto_tree_add_expert_format(tree, pinfo, &ei_channel_data_length, tvb, 0, 4,
            "TURN ChannelData of %u bytes in a datagram of %zu: cut, or not ChannelData",
            length, len);
    return call_dissector_only(data_handle, tvb, pinfo, tree, data);
}

/* ---- a known call's media, found by its hosts and its SSRC ------------------------------------ */

/* The call that announced a local socket's public or relayed address, as STUN told it. */
static const ft_call *call_of_mapped_socket(const address *addr, uint32_t port)
{
    facetime_socket local = facetime_socket_probe(addr, port);
    const outside_of *outside = wmem_map_lookup(outside_sockets, &local);
    const ft_call *call = NULL;
    if (outside && outside->has_public)
        call = facetime_call_of_endpoint(&outside->public_socket.addr,
                                         outside->public_socket.port);
    if (!call && outside && outside->has_relayed)
        call = facetime_call_of_endpoint(&outside->relayed.addr, outside->relayed.port);
    return call;
}

/* The call whose SIP travels between these hosts, or whose SDPs put both ends' media on them
 * (SIP on IPv6 and media on IPv4, say), or one end of which STUN mapped to an endpoint of. */
static const ft_call *call_of_flow(packet_info *pinfo)
{
    const ft_call *call = facetime_call_of_hosts(&pinfo->src, &pinfo->dst);
    if (call)
        return call;
    call = facetime_call_of_endpoint_host(&pinfo->src);
    if (call && call == facetime_call_of_endpoint_host(&pinfo->dst))
        return call;
    if (wmem_map_size(outside_sockets) == 0)
        return NULL;
    call = call_of_mapped_socket(&pinfo->src, pinfo->srcport);
    return call ? call : call_of_mapped_socket(&pinfo->dst, pinfo->destport);
}

/* Dissects a datagram as the call's RTP or RTCP when the call announced its SSRC, and gives its
 * 5-tuple to the call (first pass). */
static bool take_for_call(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data,
                          const ft_call *call, const ft_rtp_header *header)
{
    const ft_stream *stream = facetime_call_stream(call, header->ssrc, pinfo->num);
    if (!stream)
        return false;
    if (!pinfo->fd->visited)
        facetime_claim_conversation(find_or_create_conversation(pinfo), pinfo->num, call);
    facetime_dissect_rtp(tvb, pinfo, tree, data, header, stream);
    return true;
}

/* A datagram's RTP or RTCP header, unless the media preference leaves media alone. */
static bool read_media_header(tvbuff_t *tvb, ft_rtp_header *header)
{
    if (facetime_prefs.media == FACETIME_MEDIA_NONE)
        return false;
    size_t len;
    const uint8_t *bytes = facetime_tvb_bytes(tvb, &len);
    return ft_rtp_read(bytes, len, header);
}

/* UDP's heuristic list: a datagram of a known call's hosts that no SDP endpoint covers. */
static ft_heur_result dissect_call_media_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                              void *data)
{
    ft_rtp_header header;
    if (!read_media_header(tvb, &header))
        return false;
    const ft_call *call = call_of_flow(pinfo);
    return call && take_for_call(tvb, pinfo, tree, data, call, &header);
}

/* UDP's heuristic list: RTP with FaceTime's signature, with or without a call. Its flow is taken
 * too, so that the RTCP beside it is dissected there. */
static ft_heur_result dissect_signed_media_heur(tvbuff_t *tvb, packet_info *pinfo,
                                                proto_tree *tree, void *data)
{
    ft_rtp_header header;
    if (!read_media_header(tvb, &header) || !ft_rtp_is_facetime(&header))
        return false;
    const ft_call *call = call_of_flow(pinfo);
    if (call && take_for_call(tvb, pinfo, tree, data, call, &header))
        return true;
    if (!pinfo->fd->visited)
        facetime_claim_conversation(find_or_create_conversation(pinfo), pinfo->num, NULL);
    facetime_dissect_rtp(tvb, pinfo, tree, data, &header, NULL);
    return true;
}

/* STUN's heuristic list, which gets the data of TURN ChannelData: a relayed packet of a call.
 * The relay is a host where the call announced its (relayed) endpoint. */
static ft_heur_result dissect_relayed_media_heur(tvbuff_t *tvb, packet_info *pinfo,
                                                 proto_tree *tree, void *data)
{
    ft_rtp_header header;
    if (!read_media_header(tvb, &header))
        return false;
    const ft_call *call = facetime_call_of_endpoint_host(&pinfo->src);
    if (!call)
        call = facetime_call_of_endpoint_host(&pinfo->dst);
    if (!call)
        call = call_of_flow(pinfo);
    const ft_stream *stream = call ? facetime_call_stream(call, header.ssrc, pinfo->num) : NULL;
    if (!stream)
        return false;
    facetime_dissect_rtp(tvb, pinfo, tree, data, &header, stream);
    return true;
}

void register_facetime_discovery(int proto)
{
    static ei_register_info ei[] = {
        { &ei_mapped_family, { "facetime.stun.mapped_family", PI_PROTOCOL, PI_WARN,
            "This STUN answer on a FaceTime flow maps the socket to an address of the other IP "
            "family: no NAT mapping is learnt from it", EXPFILL } },
        { &ei_channel_data_length, { "facetime.turn.channel_data_length", PI_MALFORMED, PI_WARN,
            "TURN ChannelData whose length runs past its datagram", EXPFILL } },
    };
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
    outside_sockets = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                             facetime_socket_hash, facetime_socket_equal);
}

void handoff_facetime_discovery(int proto)
{
    stun_handle = find_dissector_add_dependency("stun-udp", proto);
    data_handle = find_dissector("data");
    heur_dissector_add("udp", dissect_call_media_heur, "FaceTime media between a call's hosts",
                       "facetime_udp", proto, HEURISTIC_ENABLE);
    heur_dissector_add("udp", dissect_signed_media_heur,
                       "FaceTime media by its RTP header extension, without signalling",
                       "facetime_rtp_udp", proto, HEURISTIC_ENABLE);
    heur_dissector_add("stun", dissect_relayed_media_heur, "FaceTime media relayed by TURN",
                       "facetime_turn", proto, HEURISTIC_ENABLE);
}

#ifdef FACETIME_FUZZ_INTROSPECTION
/* For tests/fuzz/fuzz_dissect.c only: how many sockets STUN told the open capture of. */
void facetime_fuzz_discovery_counts(unsigned *outside_sockets_kept);

void facetime_fuzz_discovery_counts(unsigned *outside_sockets_kept)
{
    *outside_sockets_kept = wmem_map_size(outside_sockets);
}
#endif /* FACETIME_FUZZ_INTROSPECTION */
