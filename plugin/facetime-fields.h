/* facetime-fields.h - reading another protocol's fields after it, in the postdissector: what
 * facetime-sip.c and facetime-stun.c share.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_FIELDS_H
#define FACETIME_FIELDS_H

#include "ws_compat.h"

#include <epan/packet.h>

/* Whether a protocol dissected anything in this frame: one look at its layers. */
static inline bool facetime_frame_has_protocol(packet_info *pinfo, int proto)
{
    if (proto <= 0)
        return false;
    for (wmem_list_frame_t *layer = wmem_list_head(pinfo->layers); layer;
         layer = wmem_list_frame_next(layer))
        if (GPOINTER_TO_INT(wmem_list_frame_data(layer)) == proto)
            return true;
    return false;
}

/* Looks the protocol and its fields up by name (-1 for what this release lacks). */
static inline int facetime_lookup_fields(const char *protocol, const char *const *names,
                                         int *ids, int n)
{
    for (int i = 0; i < n; i++)
        ids[i] = proto_registrar_get_id_byname(names[i]);
    return proto_get_id_by_filter_name(protocol);
}

/* Appends the protocol and those of its fields this release has to `wanted`. */
static inline void facetime_want_fields(GArray *wanted, int proto, const int *ids, int n)
{
    if (proto > 0)
        g_array_append_val(wanted, proto);
    for (int i = 0; i < n; i++)
        if (ids[i] > 0)
            g_array_append_val(wanted, ids[i]);
}

#endif /* FACETIME_FIELDS_H */
