/* facetime-body.c - recognising a SIP body as FaceTime SDP and opening it.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-body.h"

#include <string.h>

#include <epan/expert.h>
#include <epan/proto_data.h>

#include "facetime-tvb.h"
#include "ft_summary.h"
#include "packet-facetime-sdp.h"

static int hf_sdp = -1;
static int hf_encoding = -1;
static int hf_compressed_len = -1;
static int hf_inflated_len = -1;

static int ett_facetime = -1;

static expert_field ei_inflate_truncated = EI_INIT;
static expert_field ei_inflate_corrupt = EI_INIT;
static expert_field ei_inflate_limit = EI_INIT;
static expert_field ei_inflate_no_memory = EI_INIT;
static expert_field ei_origin_unknown = EI_INIT;

bool facetime_classify_body(tvbuff_t *tvb, packet_info *pinfo, ft_classified *out)
{
    ft_allocator a = facetime_packet_allocator(pinfo);
    size_t len;
    const uint8_t *bytes = facetime_tvb_bytes(tvb, &len);
    return ft_classify_body(bytes, len, facetime_inflate_limit(), &a, out);
}

/* ---- a body SIP inflated: where it came from ------------------------------------------------- */

/* What the first pass found of a body SIP inflated, kept with the packet: searching the frame
 * costs as much as a small inflate, and the GUI dissects a packet again on every click. */
typedef struct origin_memory {
    bool found;
    ft_encoding encoding;
    unsigned source;              /* the data source it lies in, by its place in pinfo->data_src */
    unsigned offset;
    unsigned compressed_len;
    ft_inflate_status status;
} origin_memory;

static tvbuff_t *data_source_at(packet_info *pinfo, unsigned index)
{
    GSList *item = g_slist_nth(pinfo->data_src, index);
    return item ? get_data_source_tvb((const struct data_source *)item->data) : NULL;
}

/* SIP inflates `e: deflate` bodies itself and hands over only the result, a data source of its
 * own. The compressed original is in another data source (the frame): the body of a SIP message
 * there that inflates to this text (or ends with its checksum, see ft_body.h). */
static origin_memory search_origin(tvbuff_t *tvb, packet_info *pinfo)
{
    origin_memory found;
    memset(&found, 0, sizeof found);
    ft_allocator a = facetime_packet_allocator(pinfo);
    size_t len;
    const uint8_t *inflated = facetime_tvb_bytes(tvb, &len);
    unsigned index = 0;
    for (GSList *item = pinfo->data_src; item; item = item->next, index++) {
        tvbuff_t *source = get_data_source_tvb((const struct data_source *)item->data);
        if (source == tvb)
            continue;
        size_t source_len;
        const uint8_t *haystack = facetime_tvb_bytes(source, &source_len);
        ft_origin origin;
        if (ft_find_compressed_origin(haystack, source_len, inflated, len,
                                      facetime_inflate_limit(), &a, &origin)) {
            found.found = true;
            found.encoding = origin.encoding;
            found.source = index;
            found.offset = (unsigned)origin.offset;
            found.compressed_len = (unsigned)origin.compressed_len;
            found.status = origin.status;
            break;
        }
    }
    return found;
}

/* The origin of a body SIP inflated: searched for on the first pass, remembered after. */
static const origin_memory *origin_of(tvbuff_t *tvb, packet_info *pinfo)
{
    uint32_t key = facetime_memory_key(pinfo, FACETIME_MEMORY_ORIGIN);
    origin_memory *memory = p_get_proto_data(wmem_file_scope(), pinfo, proto_facetime, key);
    if (!memory) {
        memory = wmem_new(wmem_file_scope(), origin_memory);
        *memory = search_origin(tvb, pinfo);
        p_add_proto_data(wmem_file_scope(), pinfo, proto_facetime, key, memory);
    }
    return memory;
}

/* ---- opening --------------------------------------------------------------------------------- */

static void open_inflated_here(tvbuff_t *tvb, packet_info *pinfo, const ft_classified *classified,
                               facetime_body *b)
{
    const ft_inflate_result *r = &classified->text;
    b->text = tvb_new_child_real_data(tvb, r->data, (unsigned)r->len, (int)r->len);
    add_new_data_source(pinfo, b->text, "Inflated SDP");
    b->inflated_len = (unsigned)r->len;
    b->encoding_known = true;
    b->encoding = classified->encoding;
    b->compressed = tvb;
    b->compressed_len = r->status == FT_INFLATE_COMPLETE ? (unsigned)r->consumed
                                                         : tvb_captured_length(tvb);
    b->status = r->status;
    b->error = r->error;
}

static void open_text(tvbuff_t *tvb, packet_info *pinfo, facetime_body *b)
{
    unsigned len = tvb_captured_length(tvb);
    size_t limit = facetime_inflate_limit();
    b->inflated_len = len;
    b->text = len > limit ? tvb_new_subset_length(tvb, 0, (int)limit) : tvb;
    if (tvb_get_ds_tvb(tvb) != tvb) {
        /* Plain text inside the frame. */
        b->encoding_known = true;
        b->encoding = FT_ENCODING_NONE;
        b->compressed = tvb;
        b->compressed_len = len;
        return;
    }
    /* A data source of its own: SIP inflated it. */
    const origin_memory *origin = origin_of(tvb, pinfo);
    tvbuff_t *source = origin->found ? data_source_at(pinfo, origin->source) : NULL;
    if (!source || origin->offset > tvb_captured_length(source))
        return;
    b->encoding_known = true;
    b->encoding = origin->encoding;
    b->compressed = source;
    b->compressed_offset = origin->offset;
    b->compressed_len = origin->compressed_len;
    b->status = origin->status;
}

void facetime_open_body(tvbuff_t *tvb, packet_info *pinfo, const ft_classified *classified,
                        facetime_body *b)
{
    memset(b, 0, sizeof *b);
    b->status = FT_INFLATE_COMPLETE;
    if (classified->encoding != FT_ENCODING_NONE)
        open_inflated_here(tvb, pinfo, classified, b);
    else
        open_text(tvb, pinfo, b);
}

/* ---- items ----------------------------------------------------------------------------------- */

static void add_body_items(proto_tree *tree, packet_info *pinfo, const facetime_body *b)
{
    tvbuff_t *where = b->compressed ? b->compressed : b->text;
    int offset = b->compressed ? (int)b->compressed_offset : 0;
    int length = b->compressed ? (int)b->compressed_len : 0;
    proto_item *ti;
    if (b->encoding_known) {
        ti = proto_tree_add_string(tree, hf_encoding, where, offset, length,
                                   ft_encoding_name(b->encoding));
        proto_item_set_generated(ti);
        ti = proto_tree_add_uint(tree, hf_compressed_len, where, offset, length, b->compressed_len);
        proto_item_set_generated(ti);
    } else {
        proto_tree_add_expert(tree, pinfo, &ei_origin_unknown, b->text, 0, 0);
    }
    ti = proto_tree_add_uint(tree, hf_inflated_len, b->text, 0, 0, b->inflated_len);
    proto_item_set_generated(ti);

    switch (b->status) {
    case FT_INFLATE_TRUNCATED:
        proto_tree_add_expert(tree, pinfo, &ei_inflate_truncated, where, offset, length);
        break;
    case FT_INFLATE_CORRUPT:
        proto_tree_add_expert_format(tree, pinfo, &ei_inflate_corrupt, where, offset, length,
            "The compressed SDP is corrupt (%s): the %u bytes inflated before the error are "
            "shown, and may be damaged",
            b->error ? b->error : "invalid deflate data", tvb_captured_length(b->text));
        break;
    case FT_INFLATE_NO_MEMORY:
        proto_tree_add_expert(tree, pinfo, &ei_inflate_no_memory, where, offset, length);
        break;
    case FT_INFLATE_LIMITED:
    case FT_INFLATE_COMPLETE:
    case FT_INFLATE_NEEDS_DICTIONARY: /* refused by ft_classify_body: never opened */
    case FT_INFLATE_REFUSED:          /* not a body this plugin opens */
        break;
    }
    if (b->status == FT_INFLATE_LIMITED || b->inflated_len > facetime_inflate_limit())
        proto_tree_add_expert_format(tree, pinfo, &ei_inflate_limit, b->text, 0, 0,
            "The SDP inflates to more than the limit of %u KiB (preference "
            "facetime.inflate_limit_kib): only the first %u bytes are dissected",
            facetime_prefs.inflate_limit_kib, tvb_captured_length(b->text));
}

/* "FaceTime SDP (zlib, 790 bytes inflated)"; cut at the limit, "(zlib, 64 KiB of 40 MiB
 * dissected)", or "(zlib, the first 64 KiB dissected)" where inflation stopped there and the
 * whole size is not known; "(plain text, 790 bytes)". */
static void label_body(proto_item *ti, const facetime_body *b)
{
    char dissected[32], whole[32];
    ft_format_size(tvb_captured_length(b->text), dissected, sizeof dissected);
    ft_format_size(b->inflated_len, whole, sizeof whole);
    const char *how = !b->encoding_known ? "inflated by SIP" :
                      b->encoding == FT_ENCODING_NONE ? "plain text" :
                      ft_encoding_name(b->encoding);
    if (tvb_captured_length(b->text) < b->inflated_len)
        proto_item_set_text(ti, "FaceTime SDP (%s, %s of %s dissected)", how, dissected, whole);
    else if (b->status == FT_INFLATE_LIMITED)
        proto_item_set_text(ti, "FaceTime SDP (%s, the first %s dissected)", how, dissected);
    else if (b->encoding_known && b->encoding == FT_ENCODING_NONE)
        proto_item_set_text(ti, "FaceTime SDP (%s, %s)", how, whole);
    else
        proto_item_set_text(ti, "FaceTime SDP (%s, %s inflated)", how, whole);
}

proto_tree *facetime_add_body_tree(proto_tree *parent, packet_info *pinfo, const facetime_body *b)
{
    proto_item *ti = proto_tree_add_item(parent, proto_facetime, b->text, 0, -1, ENC_NA);
    label_body(ti, b);
    proto_tree *tree = proto_item_add_subtree(ti, ett_facetime);
    proto_item_set_hidden(proto_tree_add_item(tree, hf_sdp, b->text, 0, 0, ENC_NA));
    add_body_items(tree, pinfo, b);
    return tree;
}

void facetime_add_out_of_memory(proto_tree *tree, packet_info *pinfo, tvbuff_t *text)
{
    proto_tree_add_expert(tree, pinfo, &ei_inflate_no_memory, text, 0, 0);
}

void register_facetime_body(int proto)
{
    static hf_register_info hf[] = {
        { &hf_sdp, { "FaceTime SDP", "facetime.sdp", FT_NONE, BASE_NONE, NULL, 0x0,
            "A SIP body with FaceTime SDP (matches every such body)", HFILL } },
        { &hf_encoding, { "Encoding", "facetime.sdp.encoding", FT_STRING, BASE_NONE, NULL, 0x0,
            "How the SDP body was compressed on the wire: zlib, deflate (raw), gzip or none",
            HFILL } },
        { &hf_compressed_len, { "Compressed length", "facetime.sdp.compressed_len", FT_UINT32,
            BASE_DEC, NULL, 0x0, "Bytes of the body as sent, before inflating", HFILL } },
        { &hf_inflated_len, { "Inflated length", "facetime.sdp.inflated_len", FT_UINT32,
            BASE_DEC, NULL, 0x0, "Bytes of SDP text after inflating", HFILL } },
    };

    static ei_register_info ei[] = {
        { &ei_inflate_truncated, { "facetime.inflate.truncated", PI_MALFORMED, PI_WARN,
            "The compressed SDP ends before its deflate stream does: only what it holds is shown",
            EXPFILL } },
        { &ei_inflate_corrupt, { "facetime.inflate.corrupt", PI_MALFORMED, PI_ERROR,
            "The compressed SDP is corrupt: what inflated before the error is shown", EXPFILL } },
        { &ei_inflate_limit, { "facetime.inflate.limit", PI_UNDECODED, PI_WARN,
            "The SDP is larger than the inflate limit: the rest is not dissected", EXPFILL } },
        { &ei_inflate_no_memory, { "facetime.inflate.no_memory", PI_UNDECODED, PI_ERROR,
            "Out of memory while inflating or parsing the SDP", EXPFILL } },
        { &ei_origin_unknown, { "facetime.sdp.origin_unknown", PI_UNDECODED, PI_NOTE,
            "SIP inflated this body and its compressed form was not found: encoding unknown",
            EXPFILL } },
    };

    static int *ett[] = { &ett_facetime };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
