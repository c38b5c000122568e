/* facetime-discovery.h - finding a call's media where no SDP endpoint says it is: between the
 * call's hosts, behind NATs learnt from STUN, inside TURN ChannelData, and FaceTime media that
 * no captured signalling announced.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_DISCOVERY_H
#define FACETIME_DISCOVERY_H

#include "ws_compat.h"

#include <epan/packet.h>

#include "ft_media.h"

/* First pass only: what a STUN success response says of the socket it goes to (its mapped and
 * relayed addresses), for finding the media of a call that announced one of them. */
void facetime_learn_stun(packet_info *pinfo, const ft_stun_message *message);

/* STUN or TURN ChannelData on a FaceTime media flow, shown by STUN's own dissector; what is wrong
 * for the flow (a mapped address of the other family, ChannelData cut short) is flagged. */
int facetime_dissect_stun_on_flow(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                  void *data);

void register_facetime_discovery(int proto);
void handoff_facetime_discovery(int proto);

#endif /* FACETIME_DISCOVERY_H */
