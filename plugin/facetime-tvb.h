/* facetime-tvb.h - where Wireshark meets the plain C core: flat bytes, text spans and memory.
 *
 * The parsers and the inflater (ft_*.c) read flat byte arrays, answer with spans of them and
 * take memory from an ft_allocator. These helpers are the only places that turn a tvb into such
 * an array and a span back into tvb offsets, so that the length checks live in one place.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_TVB_H
#define FACETIME_TVB_H

#include "ws_compat.h"

#include <limits.h>

#include <epan/packet.h>

#include "ft_sdp.h"

/* The captured bytes of tvb, all of them, as one array: *len is their number. Wireshark makes a
 * composite tvb flat for this, and the array lives as long as the tvb. The core only ever reads
 * [0, *len), so nothing past the captured length is touched; NULL with *len 0 for an empty tvb. */
static inline const uint8_t *facetime_tvb_bytes(tvbuff_t *tvb, size_t *len)
{
    unsigned captured = tvb_captured_length(tvb);
    *len = captured;
    return captured ? tvb_get_ptr(tvb, 0, (int)captured) : NULL;
}

/* A span of a text the core parsed, as tvb offsets. The text came from a tvb of at most INT_MAX
 * bytes, so every span fits; the clamp only keeps a broken span from wrapping around. */
static inline int facetime_span_offset(ft_span s)
{
    return s.offset > INT_MAX ? INT_MAX : (int)s.offset;
}

static inline int facetime_span_length(ft_span s)
{
    return s.length > INT_MAX ? INT_MAX : (int)s.length;
}

/* The span's text as an item of a string field. */
static inline proto_item *facetime_add_span(proto_tree *tree, int hf, tvbuff_t *tvb, ft_span s)
{
    return proto_tree_add_item(tree, hf, tvb, facetime_span_offset(s), facetime_span_length(s),
                               ENC_ASCII | ENC_NA);
}

/* A number the core parsed, over the text it was written as. */
static inline proto_item *facetime_add_number(proto_tree *tree, int hf, tvbuff_t *tvb,
                                              const ft_number *n)
{
    return proto_tree_add_uint(tree, hf, tvb, facetime_span_offset(n->text),
                               facetime_span_length(n->text), n->value);
}

/* A flag attribute (or parameter) that is present, over where it is written. */
static inline proto_item *facetime_add_flag(proto_tree *tree, int hf, tvbuff_t *tvb, ft_span s)
{
    return proto_tree_add_boolean(tree, hf, tvb, facetime_span_offset(s), facetime_span_length(s),
                                  1);
}

/* The span's text, copied into scope. */
static inline const char *facetime_span_string(wmem_allocator_t *scope, tvbuff_t *tvb, ft_span s)
{
    return (const char *)tvb_get_string_enc(scope, tvb, facetime_span_offset(s),
                                            facetime_span_length(s), ENC_ASCII);
}

/* The packet's wmem pool as the core's allocator: what the core allocates is freed with the
 * packet, even when a dissector exception unwinds past it. */
static inline void *facetime_pool_alloc(void *ctx, size_t size)
{
    return wmem_alloc((wmem_allocator_t *)ctx, size);
}

static inline void *facetime_pool_realloc(void *ctx, void *ptr, size_t size)
{
    return wmem_realloc((wmem_allocator_t *)ctx, ptr, size);
}

static inline void facetime_pool_free(void *ctx, void *ptr)
{
    wmem_free((wmem_allocator_t *)ctx, ptr);
}

static inline ft_allocator facetime_scope_allocator(wmem_allocator_t *scope)
{
    ft_allocator a = { facetime_pool_alloc, facetime_pool_realloc, facetime_pool_free, scope };
    return a;
}

static inline ft_allocator facetime_packet_allocator(packet_info *pinfo)
{
    return facetime_scope_allocator(pinfo->pool);
}

#endif /* FACETIME_TVB_H */
