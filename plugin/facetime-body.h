/* facetime-body.h - recognising a SIP body as FaceTime SDP and opening it.
 *
 * A body reaches the plugin in one of three states: compressed (no `e:` header, so SIP left it
 * alone), inflated by SIP (which says nothing of how it was compressed), or plain text. Each is
 * recognised once and opened once: a compressed body is inflated in the same pass that
 * recognises it, and what the first pass learns of a body SIP inflated (where its compressed form
 * lies, how it was compressed, whether it was whole) is kept with the packet for later passes.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_BODY_H
#define FACETIME_BODY_H

#include "ws_compat.h"

#include <epan/packet.h>

#include "ft_body.h"
#include "ft_inflate.h"

/* A FaceTime SDP body, opened. */
typedef struct facetime_body {
    tvbuff_t *text;               /* the SDP text dissected: at most the inflate limit */
    unsigned inflated_len;        /* its full length, before the limit */
    ft_family family;             /* who wrote the text */
    bool encoding_known;
    ft_encoding encoding;
    tvbuff_t *compressed;         /* the bytes as sent, when known, for highlighting */
    unsigned compressed_offset;
    unsigned compressed_len;      /* the body's bytes, as its Content-Length counts them */
    ft_inflate_status status;     /* how inflating it ended (COMPLETE for plain text) */
    const char *error;            /* with FT_INFLATE_CORRUPT: zlib's message, if any */
    unsigned members;             /* gzip members whose texts, joined, are the text */
    ft_trailing trailing;         /* what follows the compressed stream inside the body */
    ft_cut cut;                   /* whether the body's Content-Length cut its stream */
} facetime_body;

/* Whether the plugin takes tvb (a whole SIP body): FaceTime SDP (out->facetime; for a compressed
 * one out->text also holds its text, inflated up to the limit in the packet's pool), or a body
 * its SIP message declares compressed (Content-Encoding) that is a zlib stream needing a preset
 * dictionary, which nothing can open and the plugin can at least name. */
bool facetime_classify_body(tvbuff_t *tvb, packet_info *pinfo, ft_classified *out);

/* Opens a body facetime_classify_body() took: the text to dissect, and what is known of its
 * compressed form. */
void facetime_open_body(tvbuff_t *tvb, packet_info *pinfo, const ft_classified *classified,
                        facetime_body *body);

/* The FaceTime item of a body, under parent: its encoding and lengths, and its damage as expert
 * info. Returns the item's subtree, for the SDP's FaceTime items. */
proto_tree *facetime_add_body_tree(proto_tree *parent, packet_info *pinfo,
                                   const facetime_body *body);

/* The FaceTime item of a body taken but not FaceTime SDP as far as anyone can tell (see
 * facetime_classify_body): what it is, and why it cannot be opened. */
void facetime_add_unopened_body(proto_tree *parent, packet_info *pinfo, tvbuff_t *tvb,
                                const ft_classified *classified);

/* "Out of memory" as expert info, for a parse of the text that ran out. */
void facetime_add_out_of_memory(proto_tree *tree, packet_info *pinfo, tvbuff_t *text);

void register_facetime_body(int proto);

#endif /* FACETIME_BODY_H */
