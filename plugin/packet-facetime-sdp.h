/* packet-facetime-sdp.h - what the parts of the FaceTime dissector share: the protocol and its
 * preferences.
 *
 * The dissector is packet-facetime-sdp.c (registration and the path of a body) and one file per
 * job in plugin/: facetime-body.c (recognising and opening a body), facetime-tree.c (the SDP's
 * FaceTime items), facetime-call.c (the calls and their streams), facetime-media.c (the media's
 * conversations and marks) and facetime-calls.c (the calls table).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_FACETIME_SDP_H
#define PACKET_FACETIME_SDP_H

#include "ws_compat.h"

#include <epan/packet.h>

extern int proto_facetime;

/* How the media an SDP announces is set up (preference facetime.media). */
typedef enum facetime_media_mode {
    FACETIME_MEDIA_RTP,
    FACETIME_MEDIA_SRTP,
    FACETIME_MEDIA_NONE
} facetime_media_mode;

/* The preferences, within their ranges (packet-facetime-sdp.c clamps them when they change). */
typedef struct facetime_preferences {
    unsigned inflate_limit_kib;   /* largest SDP text inflated and dissected */
    unsigned max_sdp_lines;       /* lines parsed for FaceTime fields per body */
    int media;                    /* a facetime_media_mode */
    unsigned max_call_streams;    /* streams followed per call */
    ft_pref_bool info_names_streams;  /* RTP's and RTCP's Info column names the FaceTime stream */
} facetime_preferences;

extern facetime_preferences facetime_prefs;

/* What a part keeps in the packet's facetime proto data. A frame can carry several SIP messages:
 * a body is told by the protocol layer it is dissected at, which is the same on every pass. */
typedef enum facetime_memory {
    FACETIME_MEMORY_ORIGIN,       /* facetime-body.c, file scope, per body: what the first pass
                                   * learnt of the compressed form (where it lies, what follows) */
    FACETIME_MEMORY_CALL,         /* packet-facetime-sdp.c, file scope, per body: its call */
    FACETIME_MEMORY_VERDICT,      /* packet-facetime-sdp.c, packet scope, one for the frame: the
                                   * body last classified, by its tvb */
    FACETIME_MEMORY_BODIES,       /* packet-facetime-sdp.c, packet scope, one for the frame: the
                                   * sip.msg_body items of the bodies placed in their calls */
    FACETIME_MEMORY_MESSAGES      /* packet-facetime-sdp.c, file scope, one for the frame: the
                                   * calls of its SIP messages without a FaceTime body */
} facetime_memory;

/* The key of a part's memory: per body, or (layer 0) one for the frame. */
static inline uint32_t facetime_memory_key(const packet_info *pinfo, facetime_memory what)
{
    return (uint32_t)pinfo->curr_layer_num << 3 | (uint32_t)what;
}

/* facetime_prefs.inflate_limit_kib in bytes. */
size_t facetime_inflate_limit(void);

/* Whether anyone can see FaceTime items in this tree: one being shown (tshark -V, the GUI's
 * packet details), or a filter, column or -e naming any facetime field (priming a field marks
 * its protocol as referenced too). Otherwise, as for the GUI's colouring rules or a filter on
 * other fields, proto_tree_add_* would only fake the items, after the work of formatting them.
 * Expert info does not depend on this. */
bool facetime_items_wanted(proto_tree *tree);

#endif /* PACKET_FACETIME_SDP_H */
