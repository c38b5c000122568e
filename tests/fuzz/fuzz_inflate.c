/* fuzz_inflate.c - any bytes through ft_inflate, as each of the three containers.
 *
 * Invariants, per encoding:
 *  - the result is well formed: status in range and returned, len <= the limit, consumed <= the
 *    input, data NULL exactly when len is 0, an error message only with CORRUPT or
 *    NEEDS_DICTIONARY, LIMITED only with a full output;
 *  - members: more than one only for gzip; the first one's text no longer than the whole, and
 *    the whole when there is one member; a COMPLETE stream has as many alone;
 *  - NEEDS_DICTIONARY only for a zlib header with FDICT set, with nothing inflated and the
 *    header's DICTID reported;
 *  - memory is bounded by the output limit (plus zlib's own state), whatever the input claims:
 *    this is what stops a deflate bomb;
 *  - a COMPLETE stream ends at `consumed`: inflating just those bytes gives the same output;
 *  - a smaller limit gives a prefix of what the large one gives (the heuristic peeks with
 *    FT_SIGNATURE_LEN), and stops the same way when everything fits;
 *  - when allocations fail, the result is still well formed and nothing leaks;
 *  - nothing leaks, ever.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_support.h"
#include "ft_body.h"
#include "ft_inflate.h"

/* The plugin's default body limit is 64 KiB; the peek of the heuristic is FT_SIGNATURE_LEN. */
#define LARGE_LIMIT (64 * 1024)
#define SMALL_LIMIT FT_SIGNATURE_LEN

/* Limits 0 .. VARIED_LIMITS - 1 cover empty outputs, the first growth steps of the output
 * buffer (it starts at 256 bytes) and limits that are not powers of two. */
#define VARIED_LIMITS 1100

/* zlib's inflate state (about 7 KiB) and its window (at most 32 KiB), with room to spare. */
#define ZLIB_MEMORY_BOUND (64 * 1024)

/* Enough allocation failures to reach each of ft_inflate's allocations: zlib's state, the
 * output buffer, zlib's window, then the output's growth. */
#define FAILURE_BUDGETS 5

static const ft_encoding encodings[] = {
    FT_ENCODING_ZLIB, FT_ENCODING_DEFLATE, FT_ENCODING_GZIP
};

/* RFC 1950 2.2: a zlib header asking for a preset dictionary, then its DICTID, big-endian. */
static bool names_dictionary(const uint8_t *in, size_t in_len, uint32_t dictionary_id)
{
    return in_len >= 6 && (in[0] & 0x0f) == 8 && (in[1] & 0x20) != 0 &&
           ((unsigned)in[0] << 8 | in[1]) % 31 == 0 &&
           dictionary_id == ((uint32_t)in[2] << 24 | (uint32_t)in[3] << 16 |
                             (uint32_t)in[4] << 8 | in[5]);
}

static void check_well_formed(const ft_inflate_result *r, ft_inflate_status returned,
                              const uint8_t *in, size_t in_len, ft_encoding encoding,
                              size_t max_out)
{
    FUZZ_CHECK(returned == r->status);
    FUZZ_CHECK((int)r->status >= (int)FT_INFLATE_COMPLETE &&
               (int)r->status <= (int)FT_INFLATE_NEEDS_DICTIONARY);
    FUZZ_CHECK(r->len <= max_out);
    FUZZ_CHECK(r->consumed <= in_len);
    FUZZ_CHECK((r->data == NULL) == (r->len == 0));
    /* An error message only explains CORRUPT and NEEDS_DICTIONARY (regression: a stream failing
     * just past the limit kept its message while its status became LIMITED). */
    FUZZ_CHECK(r->error == NULL || r->status == FT_INFLATE_CORRUPT ||
               r->status == FT_INFLATE_NEEDS_DICTIONARY);
    FUZZ_CHECK(r->status != FT_INFLATE_LIMITED || r->len == max_out);
    /* TRUNCATED means the input ran out: all of it was read. */
    FUZZ_CHECK(r->status != FT_INFLATE_TRUNCATED || r->consumed == in_len);
    /* Only zlib's header can ask for a dictionary, before anything is inflated. */
    if (r->status == FT_INFLATE_NEEDS_DICTIONARY) {
        FUZZ_CHECK(encoding == FT_ENCODING_ZLIB && r->len == 0 && r->error != NULL);
        FUZZ_CHECK(r->consumed == 6 && names_dictionary(in, in_len, r->dictionary_id));
    }
    /* Members follow one another in gzip alone; the first one's text begins the whole. */
    FUZZ_CHECK(r->members <= 1 || encoding == FT_ENCODING_GZIP);
    FUZZ_CHECK(r->first_member_len <= r->len);
    if (r->members == 1)
        FUZZ_CHECK(r->first_member_len == r->len);
}

static void release(fuzz_allocator *counter, ft_inflate_result *r, const char *after)
{
    if (r->data)
        counter->allocator.free(counter->allocator.ctx, r->data);
    r->data = NULL;
    fuzz_expect_no_leaks(counter, after);
}

/* ft_inflate with a fresh counting allocator (refusing allocations after `budget`, if >= 0),
 * and the checks that hold for every call: a well-formed result and bounded memory. */
static void inflate_checked(const uint8_t *in, size_t in_len, ft_encoding encoding,
                            size_t max_out, long budget, fuzz_allocator *counter,
                            ft_inflate_result *r)
{
    fuzz_allocator_init(counter, budget);
    ft_inflate_status returned = ft_inflate(in, in_len, encoding, max_out, &counter->allocator, r);
    check_well_formed(r, returned, in, in_len, encoding, max_out);
    FUZZ_CHECK(counter->peak_bytes <= max_out + 1 + ZLIB_MEMORY_BOUND);
}

/* A COMPLETE stream is exactly in[0..consumed): the same bytes alone give the same result. */
static void check_stream_end(const uint8_t *in, ft_encoding encoding, const ft_inflate_result *r)
{
    fuzz_allocator counter;
    ft_inflate_result again;
    inflate_checked(in, r->consumed, encoding, LARGE_LIMIT, -1, &counter, &again);
    FUZZ_CHECK(again.status == FT_INFLATE_COMPLETE);
    FUZZ_CHECK(again.consumed == r->consumed);
    FUZZ_CHECK(again.len == r->len);
    FUZZ_CHECK(again.members == r->members);
    FUZZ_CHECK(r->len == 0 || memcmp(again.data, r->data, r->len) == 0);
    release(&counter, &again, "ft_inflate of the stream alone");
}

/* A smaller limit sees the beginning of the same output, and ends the same way when the whole
 * output fits in it. */
static void check_smaller_limit(const uint8_t *in, size_t in_len, ft_encoding encoding,
                                size_t max_out, const ft_inflate_result *large)
{
    fuzz_allocator counter;
    ft_inflate_result small;
    inflate_checked(in, in_len, encoding, max_out, -1, &counter, &small);
    size_t expected_len = large->len < max_out ? large->len : max_out;
    FUZZ_CHECK(small.len == expected_len);
    FUZZ_CHECK(small.len == 0 || memcmp(small.data, large->data, small.len) == 0);
    if (large->len > max_out)
        FUZZ_CHECK(small.status == FT_INFLATE_LIMITED);
    if (large->len < max_out)
        FUZZ_CHECK(small.status == large->status);
    if (large->len <= max_out && large->status == FT_INFLATE_COMPLETE)
        FUZZ_CHECK(small.status == FT_INFLATE_COMPLETE && small.consumed == large->consumed);
    release(&counter, &small, "ft_inflate with a smaller limit");
}

/* With allocations failing: well formed, no leak, and identical when nothing was refused. */
static void check_allocation_failure(const uint8_t *in, size_t in_len, ft_encoding encoding,
                                     long budget, const ft_inflate_result *large)
{
    fuzz_allocator counter;
    ft_inflate_result r;
    inflate_checked(in, in_len, encoding, LARGE_LIMIT, budget, &counter, &r);
    if (counter.refused == 0) {
        FUZZ_CHECK(r.status == large->status && r.len == large->len);
    } else {
        /* What was produced before memory ran out is still a prefix of the real output. */
        FUZZ_CHECK(r.len <= large->len);
        FUZZ_CHECK(r.len == 0 || memcmp(r.data, large->data, r.len) == 0);
    }
    release(&counter, &r, "ft_inflate with failing allocations");
}

static void fuzz_one_encoding(const uint8_t *in, size_t in_len, ft_encoding encoding)
{
    FUZZ_CHECK(ft_encoding_name(encoding) != NULL);

    fuzz_allocator counter;
    ft_inflate_result large;
    inflate_checked(in, in_len, encoding, LARGE_LIMIT, -1, &counter, &large);
    /* malloc does not fail here (the fuzzer's RSS limit is far above this). */
    FUZZ_CHECK(large.status != FT_INFLATE_NO_MEMORY);

    if (large.status == FT_INFLATE_COMPLETE)
        check_stream_end(in, encoding, &large);
    check_smaller_limit(in, in_len, encoding, SMALL_LIMIT, &large);
    /* Any other limit, 0 included, varied with the length. */
    check_smaller_limit(in, in_len, encoding, in_len % VARIED_LIMITS, &large);
    long budget = (long)((in_len + (size_t)encoding) % FAILURE_BUDGETS);
    check_allocation_failure(in, in_len, encoding, budget, &large);

    release(&counter, &large, "ft_inflate");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < sizeof encodings / sizeof encodings[0]; i++)
        fuzz_one_encoding(data, size, encodings[i]);
    return 0;
}
