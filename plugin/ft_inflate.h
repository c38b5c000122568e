/* ft_inflate.h - bounded inflation of SIP bodies (zlib, raw deflate, gzip).
 *
 * FaceTime compresses its SDP with zlib and marks it with `e: deflate`. A body from the network may
 * be anything, so inflation is bounded: it stops at a caller-chosen output size and says so,
 * instead of following a deflate bomb into megabytes.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_INFLATE_H
#define FT_INFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ft_alloc.h"

typedef enum ft_encoding {
    FT_ENCODING_NONE,     /* plain text */
    FT_ENCODING_ZLIB,     /* RFC 1950: what FaceTime sends */
    FT_ENCODING_DEFLATE,  /* RFC 1951, raw: what some peers send for "deflate" */
    FT_ENCODING_GZIP      /* RFC 1952 */
} ft_encoding;

/* "none", "zlib", "deflate", "gzip": the values of the facetime.sdp.encoding field. */
const char *ft_encoding_name(ft_encoding encoding);

typedef enum ft_inflate_status {
    FT_INFLATE_COMPLETE,   /* the stream ended properly (checksum verified for zlib and gzip) */
    FT_INFLATE_TRUNCATED,  /* the input ended before the stream did */
    FT_INFLATE_CORRUPT,    /* invalid deflate data, header or checksum */
    FT_INFLATE_LIMITED,    /* the output reached the limit with more to come: stopped there */
    FT_INFLATE_NO_MEMORY,
    FT_INFLATE_NEEDS_DICTIONARY, /* a zlib stream compressed against a preset dictionary (FDICT):
                                  * nothing can be inflated without it */
    FT_INFLATE_REFUSED     /* the gate (ft_inflate_gated) turned the first bytes down */
} ft_inflate_status;

typedef struct ft_inflate_result {
    ft_inflate_status status;
    uint8_t *data;       /* the output, from the caller's allocator; NULL when len is 0 */
    size_t len;          /* bytes of output, never more than the limit */
    size_t consumed;     /* bytes of input used; with COMPLETE, the compressed stream's length
                          * (all its gzip members'); what follows it is not the stream's */
    const char *error;   /* with CORRUPT: zlib's static message, if it gave one; with
                          * NEEDS_DICTIONARY: "stream needs a preset dictionary" */
    unsigned members;    /* gzip members begun, the first included; 1 for zlib and raw deflate */
    size_t first_member_len; /* output when the first member ended (len if it did not): all that
                              * an inflater stopping at the first member's end shows */
    uint32_t dictionary_id;  /* with NEEDS_DICTIONARY: the DICTID, the dictionary's Adler-32 */
} ft_inflate_result;

/* Inflates in[0..in_len) as `encoding` (not FT_ENCODING_NONE), producing at most max_out bytes.
 * gzip members that follow one another are one text (RFC 1952 2.2): a member that ends followed
 * by the gzip magic goes on into the next, the limit counting all their output. Everything output
 * before a truncation or an error is kept: a damaged body still shows its beginning. All memory,
 * zlib's included, comes from `a`. Returns result->status. */
ft_inflate_status ft_inflate(const uint8_t *in, size_t in_len, ft_encoding encoding,
                             size_t max_out, const ft_allocator *a, ft_inflate_result *result);

/* Decides from the first bytes of output whether the rest is worth inflating. */
typedef struct ft_inflate_gate {
    size_t prefix_len;   /* bytes it needs (it is asked with fewer if the stream gives no more) */
    bool (*accept)(const uint8_t *prefix, size_t len, void *ctx);
    void *ctx;
} ft_inflate_gate;

/* ft_inflate, with one stop on the way: once prefix_len bytes are out, the gate sees them and
 * either lets the same stream go on to max_out, or ends it there with FT_INFLATE_REFUSED (no
 * output kept). So a body is recognised and opened in one pass over its input, and one that is
 * not wanted costs no more than its first bytes. A stream that needs a preset dictionary gives
 * the gate nothing to judge: it ends with FT_INFLATE_NEEDS_DICTIONARY for the caller to judge. */
ft_inflate_status ft_inflate_gated(const uint8_t *in, size_t in_len, ft_encoding encoding,
                                   size_t max_out, const ft_inflate_gate *gate,
                                   const ft_allocator *a, ft_inflate_result *result);

#endif /* FT_INFLATE_H */
