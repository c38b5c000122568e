/* facetime-stun.c - the STUN messages of a frame, as Wireshark's STUN dissector shows them.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-stun.h"

#include <string.h>

#include <epan/ftypes/ftypes.h>
#include <epan/proto.h>

#include "facetime-fields.h"

/* RFC 5389 and RFC 8656 attribute types. */
#define STUN_MAPPED_ADDRESS 0x0001
#define STUN_XOR_MAPPED_ADDRESS 0x0020
#define STUN_XOR_RELAYED_ADDRESS 0x0016

typedef enum stun_field {
    STUN_TYPE,                    /* the message type: method and class, as on the wire */
    STUN_ATTRIBUTE,
    STUN_PORT,                    /* an address attribute's, XOR undone */
    STUN_IPV4,
    STUN_IPV6,
    STUN_FIELDS
} stun_field;

static const char *const stun_field_names[STUN_FIELDS] = {
    [STUN_TYPE] = "stun.type",
    [STUN_ATTRIBUTE] = "stun.att.type",
    [STUN_PORT] = "stun.att.port",
    [STUN_IPV4] = "stun.att.ipv4",
    [STUN_IPV6] = "stun.att.ipv6",
};

static int proto_stun = -1;
static int stun_hf[STUN_FIELDS];

bool facetime_frame_has_stun(packet_info *pinfo)
{
    return facetime_frame_has_protocol(pinfo, proto_stun);
}

/* One message as its fields come, in order. */
typedef struct stun_reading {
    ft_stun_message message;
    uint32_t attribute;           /* the attribute the fields that follow belong to */
    bool has_type;
} stun_reading;

/* Where an address field of the current attribute goes; NULL for another attribute. */
static ft_transport_address *address_of(stun_reading *r)
{
    ft_stun_message *m = &r->message;
    switch (r->attribute) {
    case STUN_XOR_MAPPED_ADDRESS:
        return &m->mapped;
    case STUN_MAPPED_ADDRESS:
        return m->mapped_xored ? NULL : &m->mapped;     /* XOR-MAPPED-ADDRESS wins */
    case STUN_XOR_RELAYED_ADDRESS:
        return &m->relayed;
    default:
        return NULL;
    }
}

/* The attribute has an address once its IP is read (STUN shows the port first). */
static void note_address(stun_reading *r)
{
    ft_stun_message *m = &r->message;
    if (r->attribute == STUN_XOR_RELAYED_ADDRESS) {
        m->has_relayed = true;
        return;
    }
    m->has_mapped = true;
    m->mapped_xored |= r->attribute == STUN_XOR_MAPPED_ADDRESS;
}

static void read_address_field(stun_reading *r, stun_field f, field_info *fi)
{
    ft_transport_address *a = address_of(r);
    if (!a)
        return;
    fvalue_t *value = ft_finfo_fvalue(fi);
    if (f == STUN_PORT) {
        a->port = (uint16_t)fvalue_get_uinteger(value);
    } else if (f == STUN_IPV4) {
        uint32_t ipv4 = ft_fvalue_ipv4(value);
        a->is_ipv6 = false;
        memcpy(a->bytes, &ipv4, 4);
        note_address(r);
    } else if (ft_fvalue_ipv6(value)) {
        a->is_ipv6 = true;
        memcpy(a->bytes, ft_fvalue_ipv6(value), 16);
        note_address(r);
    }
}

static void read_fields(proto_node *node, gpointer data)
{
    stun_reading *r = (stun_reading *)data;
    field_info *fi = PNODE_FINFO(node);
    for (int f = 0; fi && fi->hfinfo && f < STUN_FIELDS; f++) {
        if (fi->hfinfo->id != stun_hf[f])
            continue;
        if (f == STUN_TYPE && !r->has_type) {
            r->message.type = (uint16_t)fvalue_get_uinteger(ft_finfo_fvalue(fi));
            r->has_type = true;
        } else if (f == STUN_ATTRIBUTE) {
            r->attribute = fvalue_get_uinteger(ft_finfo_fvalue(fi));
        } else if (f != STUN_TYPE) {
            read_address_field(r, (stun_field)f, fi);
        }
        break;
    }
    proto_tree_children_foreach(node, read_fields, data);
}

static void take_message(proto_node *node, gpointer data)
{
    field_info *fi = PNODE_FINFO(node);
    if (!fi || !fi->hfinfo || fi->hfinfo->id != proto_stun)
        return;
    stun_reading r;
    memset(&r, 0, sizeof r);
    proto_tree_children_foreach(node, read_fields, &r);
    if (r.has_type)
        wmem_array_append_one((wmem_array_t *)data, r.message);
}

unsigned facetime_stun_messages(proto_tree *tree, packet_info *pinfo,
                                ft_stun_message **messages)
{
    *messages = NULL;
    if (!tree)
        return 0;
    wmem_array_t *found = wmem_array_new(pinfo->pool, sizeof(ft_stun_message));
    proto_tree_children_foreach(tree, take_message, found);
    *messages = (ft_stun_message *)wmem_array_get_raw(found);
    return wmem_array_get_count(found);
}

void facetime_stun_wanted_fields(GArray *wanted)
{
    facetime_want_fields(wanted, proto_stun, stun_hf, STUN_FIELDS);
}

void handoff_facetime_stun(void)
{
    proto_stun = facetime_lookup_fields("stun", stun_field_names, stun_hf, STUN_FIELDS);
}
