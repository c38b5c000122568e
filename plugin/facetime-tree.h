/* facetime-tree.h - the FaceTime items of an SDP body: its dialect as named fields.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_TREE_H
#define FACETIME_TREE_H

#include "ws_compat.h"

#include <epan/packet.h>

#include "ft_body.h"
#include "ft_sdp.h"

/* What the parser found in text, as items under tree, and what it found wrong as expert info;
 * family says who wrote it. */
void facetime_add_sdp_items(proto_tree *tree, tvbuff_t *text, packet_info *pinfo,
                            const ft_sdp *sdp, ft_family family);

/* What the body is, at the end of the Info column: "FaceTime offer (audio, video;
 * 210.172.128.230)"; what is the body's role word ("offer", "answer", or "SDP" for one that is
 * neither). */
void facetime_add_sdp_info(packet_info *pinfo, tvbuff_t *text, const ft_sdp *sdp,
                           const char *what);

void register_facetime_tree(int proto);

#endif /* FACETIME_TREE_H */
