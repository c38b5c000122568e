/* facetime-sip.c - the SIP messages of a frame, as Wireshark's SIP dissector shows them.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-sip.h"

#include <string.h>

#include <epan/ftypes/ftypes.h>
#include <epan/proto.h>

#include "facetime-fields.h"

/* The SIP fields a message is read from, and where each goes. */
typedef enum sip_field {
    SIP_METHOD,
    SIP_STATUS,
    SIP_CALL_ID,
    SIP_FROM_URI,
    SIP_TO_URI,
    SIP_FROM_TAG,
    SIP_TO_TAG,
    SIP_CSEQ,                     /* the header's whole value: its number when SIP reads none */
    SIP_CSEQ_NUMBER,
    SIP_CSEQ_METHOD,
    SIP_RESEND,
    SIP_BODY,
    SIP_FIELDS
} sip_field;

static const char *const sip_field_names[SIP_FIELDS] = {
    [SIP_METHOD] = "sip.Method",
    [SIP_STATUS] = "sip.Status-Code",
    [SIP_CALL_ID] = "sip.Call-ID",
    [SIP_FROM_URI] = "sip.from.addr",
    [SIP_TO_URI] = "sip.to.addr",
    [SIP_FROM_TAG] = "sip.from.tag",
    [SIP_TO_TAG] = "sip.to.tag",
    [SIP_CSEQ] = "sip.CSeq",
    [SIP_CSEQ_NUMBER] = "sip.CSeq.seq",
    [SIP_CSEQ_METHOD] = "sip.CSeq.method",
    [SIP_RESEND] = "sip.resend",
    [SIP_BODY] = "sip.msg_body",
};

static int proto_sip = -1;
static int sip_hf[SIP_FIELDS];

bool facetime_frame_has_sip(packet_info *pinfo)
{
    return facetime_frame_has_protocol(pinfo, proto_sip);
}

static sip_field field_of(const field_info *fi)
{
    for (int f = 0; f < SIP_FIELDS; f++)
        if (fi->hfinfo->id == sip_hf[f])
            return (sip_field)f;
    return SIP_FIELDS;
}

/* The first of each field in one message's subtree, outside its body. */
typedef struct message_fields {
    field_info *first[SIP_FIELDS];
} message_fields;

static void collect_fields(proto_node *node, gpointer data)
{
    message_fields *fields = (message_fields *)data;
    field_info *fi = PNODE_FINFO(node);
    if (fi && fi->hfinfo) {
        sip_field f = field_of(fi);
        if (f < SIP_FIELDS && !fields->first[f])
            fields->first[f] = fi;
        if (f == SIP_BODY)
            return;                 /* a body may hold SIP of its own (message/sipfrag) */
    }
    proto_tree_children_foreach(node, collect_fields, data);
}

/* SIP's text fields are FT_STRING; the other string types are taken too. (No release-neutral
 * macro names them: IS_FT_STRING became FT_IS_STRING in 4.6.) */
static bool is_string_field(const field_info *fi)
{
    switch (fi->hfinfo->type) {
    case FT_STRING:
    case FT_STRINGZ:
    case FT_UINT_STRING:
    case FT_STRINGZPAD:
    case FT_STRINGZTRUNC:
        return true;
    default:
        return false;
    }
}

static ft_text string_of(field_info *fi)
{
    ft_text t = { NULL, 0 };
    if (fi && is_string_field(fi)) {
        t.ptr = ft_fvalue_string(ft_finfo_fvalue(fi));
        t.len = t.ptr ? strlen(t.ptr) : 0;
    }
    return t;
}

static uint64_t number_of(field_info *fi)
{
    switch (fi->hfinfo->type) {
    case FT_BOOLEAN:
    case FT_UINT64:
        return fvalue_get_uinteger64(ft_finfo_fvalue(fi));
    case FT_UINT8:
    case FT_UINT16:
    case FT_UINT24:
    case FT_UINT32:
        return fvalue_get_uinteger(ft_finfo_fvalue(fi));
    default:
        return 0;
    }
}

/* The CSeq as SIP read it; where SIP could read no number (one past 32 bits), as written. */
static void read_cseq(ft_sip_summary *m, field_info *const *first)
{
    if (first[SIP_CSEQ_NUMBER]) {
        m->has_cseq = true;
        m->cseq = number_of(first[SIP_CSEQ_NUMBER]);
        m->cseq_method = string_of(first[SIP_CSEQ_METHOD]);
        return;
    }
    m->has_cseq = ft_sip_parse_cseq(string_of(first[SIP_CSEQ]), &m->cseq, &m->cseq_method);
}

static void summarize(const message_fields *fields, facetime_sip_message *message)
{
    field_info *const *first = fields->first;
    ft_sip_summary *m = &message->summary;
    memset(message, 0, sizeof *message);
    m->method = string_of(first[SIP_METHOD]);
    m->status = first[SIP_STATUS] && !first[SIP_METHOD] ? (unsigned)number_of(first[SIP_STATUS])
                                                         : 0;
    m->call_id = string_of(first[SIP_CALL_ID]);
    m->from_uri = string_of(first[SIP_FROM_URI]);
    m->to_uri = string_of(first[SIP_TO_URI]);
    m->from_tag = string_of(first[SIP_FROM_TAG]);
    m->to_tag = string_of(first[SIP_TO_TAG]);
    read_cseq(m, first);
    m->resend = first[SIP_RESEND] && number_of(first[SIP_RESEND]) != 0;
    message->body = first[SIP_BODY];
    m->has_body = message->body != NULL;
}

bool facetime_sip_message_of_body(proto_tree *body_tree, packet_info *pinfo,
                                  facetime_sip_message *message)
{
    (void)pinfo;
    proto_tree *sip = body_tree ? proto_tree_get_parent_tree(body_tree) : NULL;
    field_info *fi = sip ? PTREE_FINFO(sip) : NULL;
    if (!fi || !fi->hfinfo || fi->hfinfo->id != proto_sip)
        return false;
    message_fields fields;
    memset(&fields, 0, sizeof fields);
    proto_tree_children_foreach(sip, collect_fields, &fields);
    summarize(&fields, message);
    return message->summary.call_id.len && (message->summary.method.len || message->summary.status);
}

typedef struct frame_messages {
    wmem_array_t *messages;
} frame_messages;

static void take_message(proto_node *node, gpointer data)
{
    field_info *fi = PNODE_FINFO(node);
    if (!fi || !fi->hfinfo || fi->hfinfo->id != proto_sip)
        return;
    message_fields fields;
    memset(&fields, 0, sizeof fields);
    proto_tree_children_foreach(node, collect_fields, &fields);
    facetime_sip_message message;
    summarize(&fields, &message);
    if (message.summary.call_id.len && (message.summary.method.len || message.summary.status))
        wmem_array_append_one(((frame_messages *)data)->messages, message);
}

unsigned facetime_sip_messages(proto_tree *tree, packet_info *pinfo,
                               facetime_sip_message **messages)
{
    *messages = NULL;
    if (!tree)
        return 0;
    frame_messages found = { wmem_array_new(pinfo->pool, sizeof(facetime_sip_message)) };
    proto_tree_children_foreach(tree, take_message, &found);
    *messages = (facetime_sip_message *)wmem_array_get_raw(found.messages);
    return wmem_array_get_count(found.messages);
}

GArray *facetime_sip_wanted_fields(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (unsigned)sizeof(int));
    facetime_want_fields(wanted, proto_sip, sip_hf, SIP_FIELDS);
    return wanted;
}

void handoff_facetime_sip(void)
{
    proto_sip = facetime_lookup_fields("sip", sip_field_names, sip_hf, SIP_FIELDS);
}
