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
#include "ft_sip.h"
#include "ft_summary.h"
#include "packet-facetime-sdp.h"

/* A zlib header and its DICTID (RFC 1950 2.2): where a stream that needs a dictionary names it. */
#define ZLIB_HEADER_LEN 2
#define ZLIB_DICTID_LEN 4

static int hf_sdp = -1;
static int hf_encoding = -1;
static int hf_compressed_len = -1;
static int hf_inflated_len = -1;
static int hf_gzip_members = -1;
static int hf_trailing_len = -1;
static int hf_dictionary_id = -1;

static int ett_facetime = -1;

static expert_field ei_inflate_truncated = EI_INIT;
static expert_field ei_inflate_corrupt = EI_INIT;
static expert_field ei_inflate_limit = EI_INIT;
static expert_field ei_inflate_no_memory = EI_INIT;
static expert_field ei_origin_unknown = EI_INIT;
static expert_field ei_content_length_cut = EI_INIT;
static expert_field ei_trailing_data = EI_INIT;
static expert_field ei_needs_dictionary = EI_INIT;

/* Whether the SIP message that carries tvb, a body inside the frame (or reassembled message),
 * says it is compressed. */
static bool message_declares_compressed(tvbuff_t *tvb)
{
    tvbuff_t *source = tvb_get_ds_tvb(tvb);
    int offset = tvb_raw_offset(tvb);
    if (source == tvb || offset < 0)
        return false;
    size_t len;
    const uint8_t *haystack = facetime_tvb_bytes(source, &len);
    ft_sip_body message;
    return ft_sip_find_body_at(haystack, len, (size_t)offset, &message) &&
           ft_sip_body_declared_compressed(haystack, &message);
}

bool facetime_classify_body(tvbuff_t *tvb, packet_info *pinfo, ft_classified *out)
{
    ft_allocator a = facetime_packet_allocator(pinfo);
    size_t len;
    const uint8_t *bytes = facetime_tvb_bytes(tvb, &len);
    if (ft_classify_body(bytes, len, facetime_inflate_limit(), &a, out))
        return true;
    /* Any binary body starts with a zlib header that asks for a dictionary once in about 2000:
     * only a message that says its body is compressed makes it one. */
    return out->text.status == FT_INFLATE_NEEDS_DICTIONARY && message_declares_compressed(tvb);
}

/* ---- what the first pass learnt of a body's compressed form ---------------------------------- */

/* Kept with the packet: searching the frame, or inflating past a body, costs as much as a small
 * inflate, and the GUI dissects a packet again on every click. */
typedef struct compressed_memory {
    /* A body SIP inflated: where its compressed form lies. */
    bool found;
    unsigned source;              /* the data source it lies in, by its place in pinfo->data_src */
    ft_origin origin;             /* where in it, and what follows its stream */
    /* A body the plugin inflated: what follows its stream. */
    ft_trailing trailing;
    ft_cut cut;
} compressed_memory;

static compressed_memory *remembered(packet_info *pinfo)
{
    uint32_t key = facetime_memory_key(pinfo, FACETIME_MEMORY_ORIGIN);
    return p_get_proto_data(wmem_file_scope(), pinfo, proto_facetime, key);
}

static compressed_memory *remember(packet_info *pinfo)
{
    uint32_t key = facetime_memory_key(pinfo, FACETIME_MEMORY_ORIGIN);
    compressed_memory *memory = wmem_new0(wmem_file_scope(), compressed_memory);
    p_add_proto_data(wmem_file_scope(), pinfo, proto_facetime, key, memory);
    return memory;
}

/* ---- a body SIP inflated: where it came from ------------------------------------------------- */

static tvbuff_t *data_source_at(packet_info *pinfo, unsigned index)
{
    GSList *item = g_slist_nth(pinfo->data_src, index);
    return item ? get_data_source_tvb((const struct data_source *)item->data) : NULL;
}

/* SIP inflates `e: deflate` bodies itself and hands over only the result, a data source of its
 * own. The compressed original is in another data source (the frame): the body of a SIP message
 * there that inflates to this text (or ends with its checksum, see ft_body.h). */
static void search_origin(tvbuff_t *tvb, packet_info *pinfo, compressed_memory *found)
{
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
        if (ft_find_compressed_origin(haystack, source_len, inflated, len,
                                      facetime_inflate_limit(), &a, &found->origin)) {
            found->found = true;
            found->source = index;
            break;
        }
    }
}

/* The origin of a body SIP inflated: searched for on the first pass, remembered after. */
static const compressed_memory *origin_of(tvbuff_t *tvb, packet_info *pinfo)
{
    compressed_memory *memory = remembered(pinfo);
    if (!memory) {
        memory = remember(pinfo);
        search_origin(tvb, pinfo, memory);
    }
    return memory;
}

/* ---- opening --------------------------------------------------------------------------------- */

/* What follows the stream of a body the plugin inflated (r): inside the body, and, when its
 * Content-Length ended it inside its stream, in the bytes after it where SIP found it. */
static void learn_surroundings(tvbuff_t *tvb, packet_info *pinfo, const ft_inflate_result *r,
                               ft_encoding encoding, compressed_memory *memory)
{
    ft_allocator a = facetime_packet_allocator(pinfo);
    size_t len;
    const uint8_t *body = facetime_tvb_bytes(tvb, &len);
    if (r->status == FT_INFLATE_COMPLETE && r->consumed < len)
        ft_describe_trailing(body + r->consumed, len - r->consumed, &a, &memory->trailing);
    if (r->status != FT_INFLATE_TRUNCATED)
        return;
    tvbuff_t *source = tvb_get_ds_tvb(tvb);
    int offset = tvb_raw_offset(tvb);
    /* The body must be where its offset says: a tvb whose data source is not the buffer its
     * offset counts in says nothing of what follows it. */
    if (source == tvb || offset < 0 || tvb_captured_length_remaining(source, offset) < (int)len ||
        tvb_memeql(source, offset, body, len) != 0)
        return;
    size_t available;
    const uint8_t *from_body = facetime_tvb_bytes(tvb_new_subset_remaining(source, offset),
                                                  &available);
    ft_find_content_length_cut(from_body, len, available, encoding, facetime_inflate_limit(),
                               &a, &memory->cut);
}

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
    b->members = r->members;
    /* Only a stream that ends before its body does, or that its body cuts short, has anything
     * around it: the common body costs no lookup. */
    bool ends_early = r->status == FT_INFLATE_COMPLETE && r->consumed < tvb_captured_length(tvb);
    if (!ends_early && r->status != FT_INFLATE_TRUNCATED)
        return;
    compressed_memory *memory = remembered(pinfo);
    if (!memory) {
        memory = remember(pinfo);
        learn_surroundings(tvb, pinfo, r, classified->encoding, memory);
    }
    b->trailing = memory->trailing;
    b->cut = memory->cut;
}

/* A gzip body SIP showed only the first member of: the plugin inflates all its members, whose
 * texts joined are the SDP (RFC 1952 2.2). */
static void open_members_here(tvbuff_t *source, packet_info *pinfo, const ft_origin *origin,
                              facetime_body *b)
{
    ft_allocator a = facetime_packet_allocator(pinfo);
    tvbuff_t *body = tvb_new_subset_length(source, (int)origin->offset, (int)origin->body_len);
    size_t len;
    const uint8_t *compressed = facetime_tvb_bytes(body, &len);
    ft_inflate_result r;
    ft_inflate(compressed, len, origin->encoding, facetime_inflate_limit(), &a, &r);
    b->text = tvb_new_child_real_data(source, r.data, (unsigned)r.len, (int)r.len);
    add_new_data_source(pinfo, b->text, "Inflated SDP");
    b->inflated_len = (unsigned)r.len;
    b->family = ft_sdp_family(r.data, r.len);
    b->status = r.status;
    b->error = r.error;
    b->members = r.members;
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
    const compressed_memory *memory = origin_of(tvb, pinfo);
    const ft_origin *origin = &memory->origin;
    tvbuff_t *source = memory->found ? data_source_at(pinfo, memory->source) : NULL;
    if (!source || tvb_captured_length_remaining(source, (int)origin->offset) <
                   (int)origin->body_len)
        return;
    b->encoding_known = true;
    b->encoding = origin->encoding;
    b->compressed = source;
    b->compressed_offset = (unsigned)origin->offset;
    b->compressed_len = (unsigned)origin->compressed_len;
    b->status = origin->status;
    b->members = origin->members;
    b->trailing = origin->trailing;
    b->cut = origin->cut;
    if (origin->members > 1)
        open_members_here(source, pinfo, origin, b);
}

void facetime_open_body(tvbuff_t *tvb, packet_info *pinfo, const ft_classified *classified,
                        facetime_body *b)
{
    memset(b, 0, sizeof *b);
    b->status = FT_INFLATE_COMPLETE;
    b->family = classified->family;
    if (classified->encoding != FT_ENCODING_NONE)
        open_inflated_here(tvb, pinfo, classified, b);
    else
        open_text(tvb, pinfo, b);
}

/* ---- items ----------------------------------------------------------------------------------- */

/* The body was cut by its Content-Length: by how much, and what that leaves. */
static void add_cut(proto_tree *tree, packet_info *pinfo, const facetime_body *b,
                    tvbuff_t *where, int offset, int length)
{
    char whole[48];
    if (b->cut.text_limited)
        snprintf(whole, sizeof whole, "more than the inflate limit");
    else
        snprintf(whole, sizeof whole, "%u bytes", (unsigned)b->cut.text_len);
    proto_tree_add_expert_format(tree, pinfo, &ei_content_length_cut, where, offset, length,
        "Content-Length (%u bytes) cuts the %s stream short: it goes on for %u bytes after the "
        "body, %s of SDP in all; only what the first %u bytes inflate to (%u bytes) is dissected",
        b->compressed_len, ft_encoding_name(b->encoding),
        (unsigned)(b->cut.stream_len - b->compressed_len), whole, b->compressed_len,
        b->inflated_len);
}

/* How inflating the body ended, as expert info where it did not end well. */
static void add_inflate_status(proto_tree *tree, packet_info *pinfo, const facetime_body *b,
                               tvbuff_t *where, int offset, int length)
{
    switch (b->status) {
    case FT_INFLATE_TRUNCATED:
        if (b->cut.cut)
            add_cut(tree, pinfo, b, where, offset, length);
        else
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
    case FT_INFLATE_NEEDS_DICTIONARY: /* never opened: see facetime_add_unopened_body() */
    case FT_INFLATE_REFUSED:          /* not a body this plugin opens */
        break;
    }
    if (b->status == FT_INFLATE_LIMITED || b->inflated_len > facetime_inflate_limit())
        proto_tree_add_expert_format(tree, pinfo, &ei_inflate_limit, b->text, 0, 0,
            "The SDP inflates to more than the limit of %u KiB (preference "
            "facetime.inflate_limit_kib): only the first %u bytes are dissected",
            facetime_prefs.inflate_limit_kib, tvb_captured_length(b->text));
}

/* The bytes after the stream inside the body: how many, and what they look like. */
static void add_trailing(proto_tree *tree, packet_info *pinfo, const facetime_body *b,
                         tvbuff_t *where, int offset)
{
    const ft_trailing *t = &b->trailing;
    int at = offset + (int)b->compressed_len;
    proto_item *ti = proto_tree_add_uint(tree, hf_trailing_len, where, at, (int)t->len,
                                         (uint32_t)t->len);
    proto_item_set_generated(ti);
    proto_tree_add_expert_format(tree, pinfo, &ei_trailing_data, where, at, (int)t->len,
        "%u bytes follow the %s stream inside the body, not dissected: %s%s", (unsigned)t->len,
        ft_encoding_name(b->encoding), ft_trailing_kind_name(t->kind),
        t->sdp ? ", whose text starts like SDP" : "");
}

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
    if (b->members > 1) {
        ti = proto_tree_add_uint(tree, hf_gzip_members, where, offset, length, b->members);
        proto_item_set_generated(ti);
    }
    if (b->trailing.len > 0 && b->compressed)
        add_trailing(tree, pinfo, b, where, offset);
    add_inflate_status(tree, pinfo, b, where, offset, length);
}

/* How the body came, for its label: "zlib", "gzip, 2 members", "zlib, cut by Content-Length". */
static const char *how_body_came(const facetime_body *b, char *out, size_t size)
{
    if (!b->encoding_known)
        return "inflated by SIP";
    if (b->encoding == FT_ENCODING_NONE)
        return "plain text";
    if (b->cut.cut)
        snprintf(out, size, "%s, cut by Content-Length", ft_encoding_name(b->encoding));
    else if (b->members > 1)
        snprintf(out, size, "%s, %u members", ft_encoding_name(b->encoding), b->members);
    else
        return ft_encoding_name(b->encoding);
    return out;
}

/* "FaceTime SDP (zlib, 790 bytes inflated)"; cut at the limit, "(zlib, 64 KiB of 40 MiB
 * dissected)", or "(zlib, the first 64 KiB dissected)" where inflation stopped there and the
 * whole size is not known; "(plain text, 790 bytes)". */
static void label_body(proto_item *ti, const facetime_body *b)
{
    char dissected[32], whole[32], came[64];
    ft_format_size(tvb_captured_length(b->text), dissected, sizeof dissected);
    ft_format_size(b->inflated_len, whole, sizeof whole);
    const char *how = how_body_came(b, came, sizeof came);
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

void facetime_add_unopened_body(proto_tree *parent, packet_info *pinfo, tvbuff_t *tvb,
                                const ft_classified *classified)
{
    unsigned len = tvb_captured_length(tvb);
    const char *encoding = ft_encoding_name(classified->encoding);
    proto_item *ti = proto_tree_add_item(parent, proto_facetime, tvb, 0, -1, ENC_NA);
    proto_item_set_text(ti, "Compressed SIP body (%s, %u bytes, not inflatable)", encoding, len);
    proto_tree *tree = proto_item_add_subtree(ti, ett_facetime);
    ti = proto_tree_add_string(tree, hf_encoding, tvb, 0, (int)len, encoding);
    proto_item_set_generated(ti);
    ti = proto_tree_add_uint(tree, hf_compressed_len, tvb, 0, (int)len, len);
    proto_item_set_generated(ti);
    /* zlib stops at Z_NEED_DICT only once it has read the whole header, DICTID included. */
    bool has_dictid = len >= ZLIB_HEADER_LEN + ZLIB_DICTID_LEN;
    ti = proto_tree_add_uint(tree, hf_dictionary_id, tvb, has_dictid ? ZLIB_HEADER_LEN : 0,
                             has_dictid ? ZLIB_DICTID_LEN : 0, classified->text.dictionary_id);
    proto_item_set_generated(ti);
    proto_tree_add_expert_format(tree, pinfo, &ei_needs_dictionary, tvb, 0, (int)len,
        "The body is a %s stream that cannot be inflated (%s, DICTID 0x%08x)", encoding,
        classified->text.error, classified->text.dictionary_id);
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
        { &hf_gzip_members, { "gzip members", "facetime.sdp.gzip_members", FT_UINT32, BASE_DEC,
            NULL, 0x0, "gzip members of the body, when more than one: the SDP is their texts one "
            "after the other (RFC 1952)", HFILL } },
        { &hf_trailing_len, { "Bytes after the stream", "facetime.sdp.trailing_len", FT_UINT32,
            BASE_DEC, NULL, 0x0, "Bytes of the body after its compressed stream ends: not "
            "inflated", HFILL } },
        { &hf_dictionary_id, { "Dictionary ID", "facetime.sdp.dictionary_id", FT_UINT32,
            BASE_HEX, NULL, 0x0, "DICTID of a zlib stream that needs a preset dictionary: the "
            "Adler-32 of that dictionary (RFC 1950)", HFILL } },
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
        { &ei_content_length_cut,
          { "facetime.inflate.content_length_cut", PI_MALFORMED, PI_WARN,
            "Content-Length ends the body inside its compressed stream, which goes on after it: "
            "only what the body holds is shown", EXPFILL } },
        { &ei_trailing_data, { "facetime.inflate.trailing_data", PI_MALFORMED, PI_WARN,
            "Bytes follow the compressed stream inside the body: they are not dissected",
            EXPFILL } },
        { &ei_needs_dictionary, { "facetime.inflate.needs_dictionary", PI_UNDECODED, PI_WARN,
            "The body is a zlib stream that needs a preset dictionary: it cannot be inflated",
            EXPFILL } },
    };

    static int *ett[] = { &ett_facetime };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
