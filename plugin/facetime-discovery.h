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

/* STUN, shown by STUN's own dissector, after what a Binding success says of NATs has been read:
 * the dissector in front of STUN's port, and of STUN on FaceTime's media flows. */
int facetime_dissect_stun(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);

void register_facetime_discovery(int proto);
void handoff_facetime_discovery(int proto);

#endif /* FACETIME_DISCOVERY_H */
