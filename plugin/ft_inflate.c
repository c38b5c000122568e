/* ft_inflate.c - bounded inflation of SIP bodies.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define ZLIB_CONST
#include "ft_inflate.h"

#include <limits.h>
#include <string.h>
#include <zlib.h>

/* zlib's window bits: 15 for a 32 KiB window; negative for raw deflate; +16 for gzip only. */
#define WINDOW_BITS 15

const char *ft_encoding_name(ft_encoding encoding)
{
    switch (encoding) {
    case FT_ENCODING_ZLIB:    return "zlib";
    case FT_ENCODING_DEFLATE: return "deflate";
    case FT_ENCODING_GZIP:    return "gzip";
    case FT_ENCODING_NONE:    break;
    }
    return "none";
}

static voidpf zlib_alloc(voidpf opaque, uInt items, uInt size)
{
    const ft_allocator *a = (const ft_allocator *)opaque;
    if (size != 0 && items > SIZE_MAX / size)
        return Z_NULL;
    return a->alloc(a->ctx, (size_t)items * size);
}

static void zlib_free(voidpf opaque, voidpf ptr)
{
    const ft_allocator *a = (const ft_allocator *)opaque;
    a->free(a->ctx, ptr);
}

static int window_bits_for(ft_encoding encoding)
{
    switch (encoding) {
    case FT_ENCODING_DEFLATE: return -WINDOW_BITS;
    case FT_ENCODING_GZIP:    return 16 + WINDOW_BITS;
    default:                  return WINDOW_BITS;
    }
}

/* Doubles the output buffer, up to `limit` bytes in all. Returns false when out of memory. */
static bool grow_output(const ft_allocator *a, z_stream *zs, uint8_t **buffer, size_t *capacity,
                        size_t limit)
{
    size_t used = (size_t)(zs->next_out - *buffer);
    size_t new_capacity = *capacity > limit / 2 ? limit : *capacity * 2;
    uint8_t *grown = a->realloc(a->ctx, *buffer, new_capacity);
    if (!grown)
        return false;
    *buffer = grown;
    *capacity = new_capacity;
    zs->next_out = grown + used;
    return true;
}

/* Gives zlib the next piece of input: avail_in is a uInt, the input may be larger. */
static void feed_input(z_stream *zs, const uint8_t **next, size_t *remaining)
{
    uInt piece = *remaining > UINT_MAX ? UINT_MAX : (uInt)*remaining;
    zs->next_in = *next;
    zs->avail_in = piece;
    *next += piece;
    *remaining -= piece;
}

/* What one call of zlib's inflate() means for the loop: go on, or stop with this status. */
static bool inflate_step_ends(int ret, const z_stream *zs, ft_inflate_status *status,
                              ft_inflate_result *result)
{
    switch (ret) {
    case Z_OK:
        return false;
    case Z_STREAM_END:
        *status = FT_INFLATE_COMPLETE;
        return true;
    case Z_BUF_ERROR:
        if (zs->avail_out == 0)
            return false;           /* only out of room: the loop makes more */
        /* Room to write and no progress: all the input is used up (it is always fed before
         * inflate() is called) and the stream has not ended. */
        *status = FT_INFLATE_TRUNCATED;
        return true;
    case Z_MEM_ERROR:
        *status = FT_INFLATE_NO_MEMORY;
        return true;
    case Z_NEED_DICT:
        /* zlib has read the header's DICTID into adler, and can go no further without the
         * dictionary, which no capture holds. */
        *status = FT_INFLATE_NEEDS_DICTIONARY;
        result->dictionary_id = (uint32_t)zs->adler;
        result->error = "stream needs a preset dictionary";
        return true;
    default:
        /* Z_DATA_ERROR, Z_STREAM_ERROR. */
        result->error = zs->msg;
        *status = FT_INFLATE_CORRUPT;
        return true;
    }
}

/* Whether the input after a gzip member starts another (RFC 1952 2.3.1: ID1, ID2, CM 8). */
static bool gzip_member_follows(const uint8_t *rest, size_t len)
{
    return len >= 3 && rest[0] == 0x1f && rest[1] == 0x8b && rest[2] == 8;
}

ft_inflate_status ft_inflate(const uint8_t *in, size_t in_len, ft_encoding encoding,
                             size_t max_out, const ft_allocator *a, ft_inflate_result *result)
{
    return ft_inflate_gated(in, in_len, encoding, max_out, NULL, a, result);
}

ft_inflate_status ft_inflate_gated(const uint8_t *in, size_t in_len, ft_encoding encoding,
                                   size_t max_out, const ft_inflate_gate *gate,
                                   const ft_allocator *a, ft_inflate_result *result)
{
    memset(result, 0, sizeof *result);

    z_stream zs;
    memset(&zs, 0, sizeof zs);
    zs.zalloc = zlib_alloc;
    zs.zfree = zlib_free;
    zs.opaque = (voidpf)a;
    if (inflateInit2(&zs, window_bits_for(encoding)) != Z_OK) {
        result->status = FT_INFLATE_NO_MEMORY;
        return result->status;
    }

    /* One byte past the limit tells "exactly max_out bytes" from "more than max_out". */
    size_t limit = max_out < SIZE_MAX ? max_out + 1 : max_out;
    if (limit > UINT_MAX)
        limit = UINT_MAX;
    /* Until the gate has decided, output stops where it wants to look. */
    size_t gate_at = gate ? (gate->prefix_len < limit ? gate->prefix_len : limit) : 0;
    size_t capacity = in_len < limit / 4 ? in_len * 4 : limit;
    if (capacity < 256)
        capacity = limit < 256 ? limit : 256;
    uint8_t *buffer = a->alloc(a->ctx, capacity);
    if (!buffer) {
        inflateEnd(&zs);
        result->status = FT_INFLATE_NO_MEMORY;
        return result->status;
    }
    zs.next_out = buffer;

    const uint8_t *next_in = in;
    size_t unfed = in_len;
    feed_input(&zs, &next_in, &unfed);

    ft_inflate_status status;
    unsigned members = 1;
    size_t first_member_len = SIZE_MAX;       /* until the first member ends */
    for (;;) {
        size_t produced = (size_t)(zs.next_out - buffer);
        if (gate && produced >= gate_at) {
            if (!gate->accept(buffer, produced, gate->ctx)) {
                status = FT_INFLATE_REFUSED;
                break;
            }
            gate = NULL;
        }
        size_t ceiling = gate ? gate_at : limit;
        if (produced == ceiling) {
            status = FT_INFLATE_LIMITED;
            break;
        }
        if (produced == capacity && !grow_output(a, &zs, &buffer, &capacity, limit)) {
            status = FT_INFLATE_NO_MEMORY;
            break;
        }
        /* The output limit is a few MiB at most, far below what uInt holds. */
        zs.avail_out = (uInt)((capacity < ceiling ? capacity : ceiling) - produced);
        if (zs.avail_in == 0 && unfed > 0)
            feed_input(&zs, &next_in, &unfed);
        int ret = inflate(&zs, Z_SYNC_FLUSH);
        if (ret == Z_STREAM_END && encoding == FT_ENCODING_GZIP) {
            if (members == 1)
                first_member_len = (size_t)(zs.next_out - buffer);
            size_t used = in_len - unfed - zs.avail_in;
            /* inflateReset keeps the input and output where they are: the next member's text
             * follows this one's, within the same limit. */
            if (gzip_member_follows(in + used, in_len - used) && inflateReset(&zs) == Z_OK) {
                members++;
                continue;
            }
        }
        if (inflate_step_ends(ret, &zs, &status, result))
            break;
    }

    size_t produced = (size_t)(zs.next_out - buffer);
    /* Output stopped (the stream ended, well or not) before the gate's length: it decides on
     * what there is. A stream that needs a dictionary has nothing to show it. */
    if (gate && status != FT_INFLATE_REFUSED && status != FT_INFLATE_NEEDS_DICTIONARY &&
        !gate->accept(buffer, produced, gate->ctx))
        status = FT_INFLATE_REFUSED;
    if (status == FT_INFLATE_REFUSED) {
        produced = 0;
        result->error = NULL;
    } else if (produced > max_out) {
        /* Whatever went wrong happened past the limit: the caller sees only LIMITED. */
        produced = max_out;
        status = FT_INFLATE_LIMITED;
        result->error = NULL;
    }
    result->consumed = in_len - unfed - zs.avail_in;
    result->members = members;
    result->first_member_len = first_member_len < produced ? first_member_len : produced;
    inflateEnd(&zs);

    if (produced == 0) {
        a->free(a->ctx, buffer);
        buffer = NULL;
    }
    result->data = buffer;
    result->len = produced;
    result->status = status;
    return status;
}
