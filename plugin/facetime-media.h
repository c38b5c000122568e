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

#include <epan/packet.h>

#include "facetime-call.h"
#include "ft_sdp.h"

/* First pass only: sets the RTP/RTCP conversations of every endpoint the SDP announces up, and
 * puts the FaceTime media dissector in front of them (and of the SIP 5-tuple, where media shares
 * it). call is NULL for SDP outside SIP. */
void facetime_register_media(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text,
                             const ft_call *call);

void register_facetime_media(int proto);
void handoff_facetime_media(int proto);

#endif /* FACETIME_MEDIA_H */
