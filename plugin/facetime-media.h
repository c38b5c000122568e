/* facetime-media.h - the media a FaceTime SDP announces: its RTP and RTCP conversations, the
 * dissector that sorts what arrives there, and the FaceTime marks on its packets.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_MEDIA_H
#define FACETIME_MEDIA_H

#include "ws_compat.h"

#include <epan/conversation.h>
#include <epan/packet.h>

#include "facetime-call.h"
#include "ft_media.h"
#include "ft_sdp.h"

/* First pass only, after the SDP dissector, for a body of a call. An offer or answer sets the
 * RTP/RTCP conversations of every endpoint the SDP announces up, puts the FaceTime media
 * dissector in front of them (and of the SIP 5-tuple), and ties them to the call; any other
 * body only keeps the conversations SDP has just set up again tied to the call. */
void facetime_register_media(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text,
                             const facetime_message_call *body);

/* Ties a UDP conversation to a call from this frame on, with the FaceTime media dissector in
 * front of it from this frame on. */
void facetime_claim_conversation(conversation_t *conv, uint32_t frame, const ft_call *call);

/* The latest call that announced this endpoint; NULL if none. */
const ft_call *facetime_call_of_endpoint(const address *addr, uint32_t port);

/* The latest call that announced an endpoint on this host (any port); NULL if none. */
const ft_call *facetime_call_of_endpoint_host(const address *host);

/* Dissects an RTP or RTCP packet (header read as `header`) with Wireshark's dissector and marks
 * it with its call's stream, or with only its medium when stream is NULL (media found by its
 * FaceTime signature, outside any call). Returns what the RTP or RTCP dissector took. */
int facetime_dissect_rtp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data,
                         const ft_rtp_header *header, const ft_stream *stream);

void register_facetime_media(int proto);
void handoff_facetime_media(int proto);

#endif /* FACETIME_MEDIA_H */
