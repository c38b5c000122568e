/* facetime-stun.h - the STUN messages of a frame, as Wireshark's STUN dissector shows them.
 *
 * What a STUN success response says of a socket behind a NAT or a relay (its mapped and relayed
 * addresses) is read after STUN, in the plugin's postdissector, from the fields STUN fills in:
 * the postdissector declares them with set_postdissector_wanted_hfids(), so STUN adds them to
 * every tree, on its own port and wherever else it is dissected. Each STUN message is one "stun"
 * protocol item at the top of the tree; an address belongs to the attribute whose type comes
 * before it.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_STUN_H
#define FACETIME_STUN_H

#include "ws_compat.h"

#include <epan/packet.h>

#include "ft_media.h"

/* Whether STUN dissected anything in this frame: one look at its layers. */
bool facetime_frame_has_stun(packet_info *pinfo);

/* The STUN messages of the frame, in order, in *messages (packet scope); their number. */
unsigned facetime_stun_messages(proto_tree *tree, packet_info *pinfo,
                                ft_stun_message **messages);

/* Adds the fields the postdissector needs STUN to fill in to `wanted`. */
void facetime_stun_wanted_fields(GArray *wanted);

void handoff_facetime_stun(void);

#endif /* FACETIME_STUN_H */
