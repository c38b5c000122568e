/* test_inflate.c - the bounded inflater: every container, every way a stream can go wrong.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#define ZLIB_CONST
#include <zlib.h>

#include "ft_inflate.h"
#include "test_support.h"

#define LIMIT_64K (64 * 1024)

typedef struct inflated {
    counting_allocator counter;
    ft_inflate_result result;
} inflated;

/* Inflates with a leak-counting allocator. */
static ft_inflate_status run(inflated *r, const uint8_t *in, size_t len, ft_encoding encoding,
                             size_t max_out)
{
    counting_allocator_init(&r->counter, -1);
    return ft_inflate(in, len, encoding, max_out, &r->counter.allocator, &r->result);
}

/* Frees the output and checks nothing else was left allocated, zlib's state included. */
static void release(inflated *r)
{
    r->counter.allocator.free(r->counter.allocator.ctx, r->result.data);
    assert_int_equal(r->counter.live, 0);
}

static void roundtrip(ft_encoding encoding)
{
    size_t compressed_len;
    uint8_t *compressed = compress_as(encoding, offer_sdp, strlen(offer_sdp), 6, &compressed_len);
    inflated r;
    assert_int_equal(run(&r, compressed, compressed_len, encoding, LIMIT_64K), FT_INFLATE_COMPLETE);
    assert_int_equal(r.result.len, strlen(offer_sdp));
    assert_memory_equal(r.result.data, offer_sdp, strlen(offer_sdp));
    assert_int_equal(r.result.consumed, compressed_len);
    assert_null(r.result.error);
    assert_int_equal(r.result.members, 1);
    assert_int_equal(r.result.first_member_len, strlen(offer_sdp));
    release(&r);
    free(compressed);
}

static void test_zlib_roundtrip(void **state)
{
    (void)state;
    roundtrip(FT_ENCODING_ZLIB);
}

static void test_raw_deflate_roundtrip(void **state)
{
    (void)state;
    roundtrip(FT_ENCODING_DEFLATE);
}

static void test_gzip_roundtrip(void **state)
{
    (void)state;
    roundtrip(FT_ENCODING_GZIP);
}

/* Trailing bytes after the stream (an Ethernet trailer, say) are not consumed. */
static void test_trailing_bytes_not_consumed(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, answer_sdp, strlen(answer_sdp), 6, &n);
    uint8_t *padded = malloc(n + 7);
    memcpy(padded, compressed, n);
    memset(padded + n, 0xee, 7);
    inflated r;
    assert_int_equal(run(&r, padded, n + 7, FT_ENCODING_ZLIB, LIMIT_64K), FT_INFLATE_COMPLETE);
    assert_int_equal(r.result.consumed, n);
    assert_int_equal(r.result.len, strlen(answer_sdp));
    release(&r);
    free(padded);
    free(compressed);
}

/* A cut stream gives what it holds: a strict prefix of the text. */
static void test_truncated_keeps_prefix(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    inflated r;
    assert_int_equal(run(&r, compressed, n * 3 / 5, FT_ENCODING_ZLIB, LIMIT_64K),
                     FT_INFLATE_TRUNCATED);
    assert_true(r.result.len > 26);
    assert_true(r.result.len < strlen(offer_sdp));
    assert_memory_equal(r.result.data, offer_sdp, r.result.len);
    assert_int_equal(r.result.consumed, n * 3 / 5);
    release(&r);
    free(compressed);
}

/* Without the 4-byte Adler-32 trailer the text is all there but the stream is not complete. */
static void test_missing_checksum_is_truncated(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    inflated r;
    assert_int_equal(run(&r, compressed, n - 4, FT_ENCODING_ZLIB, LIMIT_64K), FT_INFLATE_TRUNCATED);
    assert_int_equal(r.result.len, strlen(offer_sdp));
    release(&r);
    free(compressed);
}

static void test_corrupt_checksum(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    compressed[n - 1] ^= 0xff;
    inflated r;
    assert_int_equal(run(&r, compressed, n, FT_ENCODING_ZLIB, LIMIT_64K), FT_INFLATE_CORRUPT);
    assert_non_null(r.result.error);
    assert_int_equal(r.result.len, strlen(offer_sdp));     /* all the text came before the check */
    release(&r);
    free(compressed);
}

/* Damage in the middle: what came before it is kept. */
static void test_corrupt_middle_keeps_prefix(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    for (size_t i = n * 3 / 5; i < n * 3 / 5 + 4; i++)
        compressed[i] ^= 0xff;
    inflated r;
    assert_int_equal(run(&r, compressed, n, FT_ENCODING_ZLIB, LIMIT_64K), FT_INFLATE_CORRUPT);
    assert_true(r.result.len >= 26);
    assert_memory_equal(r.result.data, offer_sdp, 26);
    release(&r);
    free(compressed);
}

static void test_garbage_is_corrupt(void **state)
{
    (void)state;
    static const uint8_t garbage[] = { 0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01 };
    inflated r;
    assert_int_equal(run(&r, garbage, sizeof garbage, FT_ENCODING_ZLIB, LIMIT_64K),
                     FT_INFLATE_CORRUPT);
    assert_int_equal(r.result.len, 0);
    assert_null(r.result.data);
    release(&r);
}

static void test_wrong_container_is_corrupt(void **state)
{
    (void)state;
    size_t n;
    uint8_t *gzip = compress_as(FT_ENCODING_GZIP, offer_sdp, strlen(offer_sdp), 6, &n);
    inflated r;
    assert_int_equal(run(&r, gzip, n, FT_ENCODING_ZLIB, LIMIT_64K), FT_INFLATE_CORRUPT);
    release(&r);
    free(gzip);
}

static void test_empty_input_is_truncated(void **state)
{
    (void)state;
    inflated r;
    assert_int_equal(run(&r, (const uint8_t *)"", 0, FT_ENCODING_ZLIB, LIMIT_64K),
                     FT_INFLATE_TRUNCATED);
    assert_int_equal(r.result.len, 0);
    release(&r);
}

/* A header with FDICT set names the dictionary by its Adler-32, and nothing can be inflated
 * without it: the stream says so, and which dictionary. */
static void test_preset_dictionary_is_named(void **state)
{
    (void)state;
    /* CMF 0x78, FLG with FDICT set and a valid check: 0x78 0xbb, then a DICTID of 1. */
    static const uint8_t with_dictionary[] = { 0x78, 0xbb, 0x00, 0x00, 0x00, 0x01, 0x03, 0x00 };
    inflated r;
    assert_int_equal(run(&r, with_dictionary, sizeof with_dictionary, FT_ENCODING_ZLIB, LIMIT_64K),
                     FT_INFLATE_NEEDS_DICTIONARY);
    assert_string_equal(r.result.error, "stream needs a preset dictionary");
    assert_int_equal(r.result.dictionary_id, 1);
    assert_int_equal(r.result.len, 0);
    assert_null(r.result.data);
    release(&r);

    /* A real stream compressed against a dictionary, as zlib writes it. */
    static const char dictionary[] = "a=rtpID:a=fmtp:AAC SamplesPerBlock 480\r\n";
    uint8_t compressed[2048];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit(&zs, 6), Z_OK);
    assert_int_equal(deflateSetDictionary(&zs, (const Bytef *)dictionary, sizeof dictionary - 1),
                     Z_OK);
    zs.next_in = (const Bytef *)offer_sdp;
    zs.avail_in = (uInt)strlen(offer_sdp);
    zs.next_out = compressed;
    zs.avail_out = sizeof compressed;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    size_t n = sizeof compressed - zs.avail_out;
    deflateEnd(&zs);
    uint32_t dictid = (uint32_t)adler32(adler32(0L, Z_NULL, 0), (const Bytef *)dictionary,
                                        sizeof dictionary - 1);
    assert_int_equal(run(&r, compressed, n, FT_ENCODING_ZLIB, LIMIT_64K),
                     FT_INFLATE_NEEDS_DICTIONARY);
    assert_int_equal(r.result.dictionary_id, dictid);
    assert_int_equal(r.result.consumed, 6);     /* the header and its DICTID */
    release(&r);
}

/* Text split into two gzip members, one after the other. */
static uint8_t *two_gzip_members(const char *text, size_t split, size_t *len)
{
    size_t first_len, second_len;
    uint8_t *first = compress_as(FT_ENCODING_GZIP, text, split, 6, &first_len);
    uint8_t *second = compress_as(FT_ENCODING_GZIP, text + split, strlen(text) - split, 6,
                                  &second_len);
    uint8_t *joined = malloc(first_len + second_len);
    assert_non_null(joined);
    memcpy(joined, first, first_len);
    memcpy(joined + first_len, second, second_len);
    free(first);
    free(second);
    *len = first_len + second_len;
    return joined;
}

/* RFC 1952 2.2: members that follow one another are one text, within one limit. */
static void test_gzip_members_are_one_text(void **state)
{
    (void)state;
    size_t len = strlen(offer_sdp), split = 300, n;
    uint8_t *members = two_gzip_members(offer_sdp, split, &n);
    inflated r;
    assert_int_equal(run(&r, members, n, FT_ENCODING_GZIP, LIMIT_64K), FT_INFLATE_COMPLETE);
    assert_int_equal(r.result.len, len);
    assert_memory_equal(r.result.data, offer_sdp, len);
    assert_int_equal(r.result.members, 2);
    assert_int_equal(r.result.first_member_len, split);
    assert_int_equal(r.result.consumed, n);
    release(&r);

    /* The limit counts both members' text. */
    assert_int_equal(run(&r, members, n, FT_ENCODING_GZIP, split + 10), FT_INFLATE_LIMITED);
    assert_int_equal(r.result.len, split + 10);
    assert_memory_equal(r.result.data, offer_sdp, split + 10);
    assert_int_equal(r.result.members, 2);
    release(&r);

    /* The second member cut: the first's text and what the second's first bytes give. */
    assert_int_equal(run(&r, members, n - 20, FT_ENCODING_GZIP, LIMIT_64K), FT_INFLATE_TRUNCATED);
    assert_true(r.result.len >= split && r.result.len < len);
    assert_memory_equal(r.result.data, offer_sdp, r.result.len);
    release(&r);

    /* A zlib stream has one member, whatever follows it. */
    size_t zlib_len;
    uint8_t *zlib = compress_as(FT_ENCODING_ZLIB, offer_sdp, len, 6, &zlib_len);
    uint8_t *doubled = malloc(2 * zlib_len);
    memcpy(doubled, zlib, zlib_len);
    memcpy(doubled + zlib_len, zlib, zlib_len);
    assert_int_equal(run(&r, doubled, 2 * zlib_len, FT_ENCODING_ZLIB, LIMIT_64K),
                     FT_INFLATE_COMPLETE);
    assert_int_equal(r.result.len, len);
    assert_int_equal(r.result.members, 1);
    assert_int_equal(r.result.consumed, zlib_len);
    release(&r);
    free(doubled);
    free(zlib);
    free(members);
}

/* After a member, only the gzip magic starts another: other bytes are left unconsumed, and a
 * member that is broken after its magic is corrupt, the text before it kept. */
static void test_gzip_member_followers(void **state)
{
    (void)state;
    size_t len = strlen(offer_sdp), n;
    uint8_t *member = compress_as(FT_ENCODING_GZIP, offer_sdp, len, 6, &n);
    static const uint8_t followers[][6] = {
        { 0x1f, 0x8b, 0x07, 0x00, 0x00, 0x00 },      /* not deflate: not a member */
        { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },
        { 0x1f, 0x8b, 0x08, 0xff, 0xff, 0xff },      /* a member, with reserved flags set */
    };
    uint8_t *followed = malloc(n + sizeof followers[0]);
    memcpy(followed, member, n);
    inflated r;
    for (size_t i = 0; i < 2; i++) {
        memcpy(followed + n, followers[i], sizeof followers[i]);
        assert_int_equal(run(&r, followed, n + sizeof followers[i], FT_ENCODING_GZIP, LIMIT_64K),
                         FT_INFLATE_COMPLETE);
        assert_int_equal(r.result.consumed, n);
        assert_int_equal(r.result.members, 1);
        assert_int_equal(r.result.len, len);
        release(&r);
    }
    memcpy(followed + n, followers[2], sizeof followers[2]);
    assert_int_equal(run(&r, followed, n + sizeof followers[2], FT_ENCODING_GZIP, LIMIT_64K),
                     FT_INFLATE_CORRUPT);
    assert_int_equal(r.result.members, 2);
    assert_int_equal(r.result.len, len);
    assert_int_equal(r.result.first_member_len, len);
    assert_non_null(r.result.error);
    release(&r);
    free(followed);
    free(member);
}

/* A deflate bomb: 8 MiB of zeros in a few KiB stops at the limit. */
static void test_bomb_stops_at_limit(void **state)
{
    (void)state;
    size_t zeros_len = 8u << 20;
    uint8_t *zeros = calloc(1, zeros_len);
    size_t n;
    uint8_t *bomb = compress_as(FT_ENCODING_ZLIB, zeros, zeros_len, 9, &n);
    assert_true(n < 16 * 1024);
    inflated r;
    assert_int_equal(run(&r, bomb, n, FT_ENCODING_ZLIB, LIMIT_64K), FT_INFLATE_LIMITED);
    assert_int_equal(r.result.len, LIMIT_64K);
    assert_true(r.result.consumed < n);
    release(&r);
    free(bomb);
    free(zeros);
}

/* Exactly max_out bytes is complete; one more is limited. */
static void test_limit_boundary(void **state)
{
    (void)state;
    size_t len = strlen(offer_sdp);
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, len, 6, &n);
    inflated r;
    assert_int_equal(run(&r, compressed, n, FT_ENCODING_ZLIB, len), FT_INFLATE_COMPLETE);
    assert_int_equal(r.result.len, len);
    release(&r);
    assert_int_equal(run(&r, compressed, n, FT_ENCODING_ZLIB, len - 1), FT_INFLATE_LIMITED);
    assert_int_equal(r.result.len, len - 1);
    assert_memory_equal(r.result.data, offer_sdp, len - 1);
    release(&r);
    assert_int_equal(run(&r, compressed, n, FT_ENCODING_ZLIB, 0), FT_INFLATE_LIMITED);
    assert_int_equal(r.result.len, 0);
    release(&r);
    free(compressed);
}

/* Found by fuzz_inflate: 33 bytes of output, then an invalid block. With a limit of 32 the error
 * lies past the limit, so the result is LIMITED with no error message (those go with CORRUPT). */
static void test_error_past_limit_is_only_limited(void **state)
{
    (void)state;
    static const uint8_t stream[] = { 0xd2, 0x20, 0x04, 0x00, 0x1f };
    inflated r;
    assert_int_equal(run(&r, stream, sizeof stream, FT_ENCODING_DEFLATE, LIMIT_64K),
                     FT_INFLATE_CORRUPT);
    assert_int_equal(r.result.len, 33);
    assert_non_null(r.result.error);
    release(&r);
    assert_int_equal(run(&r, stream, sizeof stream, FT_ENCODING_DEFLATE, 32), FT_INFLATE_LIMITED);
    assert_int_equal(r.result.len, 32);
    assert_null(r.result.error);
    release(&r);
}

/* Every allocation failure, at any point, is reported and leaks nothing. */
static void test_out_of_memory_at_every_allocation(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    bool completed = false;
    for (long budget = 0; budget < 64 && !completed; budget++) {
        counting_allocator counter;
        counting_allocator_init(&counter, budget);
        ft_inflate_result result;
        ft_inflate_status status = ft_inflate(compressed, n, FT_ENCODING_ZLIB, LIMIT_64K,
                                              &counter.allocator, &result);
        completed = status == FT_INFLATE_COMPLETE;
        if (!completed)
            assert_int_equal(status, FT_INFLATE_NO_MEMORY);
        counter.allocator.free(counter.allocator.ctx, result.data);
        assert_int_equal(counter.live, 0);
    }
    assert_true(completed);
    free(compressed);
}

/* A gate that records what it was shown and says yes to prefixes starting with `wanted`. */
typedef struct gate_log {
    const char *wanted;
    size_t asked;               /* times the gate was asked */
    size_t shown;               /* bytes it was shown the last time */
} gate_log;

static bool accept_if_wanted(const uint8_t *prefix, size_t len, void *ctx)
{
    gate_log *log = ctx;
    log->asked++;
    log->shown = len;
    size_t n = strlen(log->wanted);
    return len >= n && memcmp(prefix, log->wanted, n) == 0;
}

static ft_inflate_status run_gated(inflated *r, const uint8_t *in, size_t len, size_t max_out,
                                   size_t prefix_len, gate_log *log)
{
    counting_allocator_init(&r->counter, -1);
    ft_inflate_gate gate = { prefix_len, accept_if_wanted, log };
    return ft_inflate_gated(in, len, FT_ENCODING_ZLIB, max_out, &gate, &r->counter.allocator,
                            &r->result);
}

/* Accepted, the gate changes nothing: the same output as ft_inflate, in one pass. */
static void test_gate_accepts(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    gate_log log = { "v=0", 0, 0 };
    inflated r;
    assert_int_equal(run_gated(&r, compressed, n, LIMIT_64K, 32, &log), FT_INFLATE_COMPLETE);
    assert_int_equal(log.asked, 1);
    assert_int_equal(log.shown, 32);
    assert_int_equal(r.result.len, strlen(offer_sdp));
    assert_memory_equal(r.result.data, offer_sdp, strlen(offer_sdp));
    assert_int_equal(r.result.consumed, n);
    release(&r);

    /* With a limit below the gate's length it decides at the limit, and the cut stays. */
    log.asked = 0;
    assert_int_equal(run_gated(&r, compressed, n, 10, 32, &log), FT_INFLATE_LIMITED);
    assert_int_equal(log.asked, 1);
    assert_int_equal(log.shown, 11);
    assert_int_equal(r.result.len, 10);
    release(&r);
    free(compressed);
}

/* Refused, nothing is kept and nothing leaks; no more than the gate's length was inflated. */
static void test_gate_refuses(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    gate_log log = { "not this", 0, 0 };
    inflated r;
    assert_int_equal(run_gated(&r, compressed, n, LIMIT_64K, 32, &log), FT_INFLATE_REFUSED);
    assert_int_equal(log.asked, 1);
    assert_int_equal(log.shown, 32);
    assert_null(r.result.data);
    assert_int_equal(r.result.len, 0);
    assert_null(r.result.error);
    assert_true(r.result.consumed < n);
    release(&r);
    free(compressed);
}

/* A stream that ends (or breaks) before the gate's length is judged on what it gave. */
static void test_gate_short_stream(void **state)
{
    (void)state;
    static const char text[] = "v=0\r\n";
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, text, strlen(text), 6, &n);
    gate_log log = { "v=0", 0, 0 };
    inflated r;
    assert_int_equal(run_gated(&r, compressed, n, LIMIT_64K, 32, &log), FT_INFLATE_COMPLETE);
    assert_int_equal(log.asked, 1);
    assert_int_equal(log.shown, strlen(text));
    assert_int_equal(r.result.len, strlen(text));
    release(&r);

    /* Cut: truncated, still accepted on its first bytes. */
    log.asked = 0;
    assert_int_equal(run_gated(&r, compressed, n - 4, LIMIT_64K, 32, &log), FT_INFLATE_TRUNCATED);
    assert_int_equal(log.asked, 1);
    release(&r);

    /* Nothing came out at all: the gate sees nothing, and refuses. */
    log.asked = 0;
    assert_int_equal(run_gated(&r, compressed, 1, LIMIT_64K, 32, &log), FT_INFLATE_REFUSED);
    assert_int_equal(log.asked, 1);
    assert_int_equal(log.shown, 0);
    release(&r);
    free(compressed);

    /* A stream that needs a dictionary has nothing to show the gate: the caller judges it. */
    static const uint8_t with_dictionary[] = { 0x78, 0xbb, 0x00, 0x00, 0x00, 0x01, 0x03, 0x00 };
    log.asked = 0;
    assert_int_equal(run_gated(&r, with_dictionary, sizeof with_dictionary, LIMIT_64K, 32, &log),
                     FT_INFLATE_NEEDS_DICTIONARY);
    assert_int_equal(log.asked, 0);
    assert_int_equal(r.result.dictionary_id, 1);
    release(&r);
}

static void test_encoding_names(void **state)
{
    (void)state;
    assert_string_equal(ft_encoding_name(FT_ENCODING_NONE), "none");
    assert_string_equal(ft_encoding_name(FT_ENCODING_ZLIB), "zlib");
    assert_string_equal(ft_encoding_name(FT_ENCODING_DEFLATE), "deflate");
    assert_string_equal(ft_encoding_name(FT_ENCODING_GZIP), "gzip");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zlib_roundtrip),
        cmocka_unit_test(test_raw_deflate_roundtrip),
        cmocka_unit_test(test_gzip_roundtrip),
        cmocka_unit_test(test_trailing_bytes_not_consumed),
        cmocka_unit_test(test_truncated_keeps_prefix),
        cmocka_unit_test(test_missing_checksum_is_truncated),
        cmocka_unit_test(test_corrupt_checksum),
        cmocka_unit_test(test_corrupt_middle_keeps_prefix),
        cmocka_unit_test(test_garbage_is_corrupt),
        cmocka_unit_test(test_wrong_container_is_corrupt),
        cmocka_unit_test(test_empty_input_is_truncated),
        cmocka_unit_test(test_preset_dictionary_is_named),
        cmocka_unit_test(test_gzip_members_are_one_text),
        cmocka_unit_test(test_gzip_member_followers),
        cmocka_unit_test(test_bomb_stops_at_limit),
        cmocka_unit_test(test_limit_boundary),
        cmocka_unit_test(test_error_past_limit_is_only_limited),
        cmocka_unit_test(test_out_of_memory_at_every_allocation),
        cmocka_unit_test(test_gate_accepts),
        cmocka_unit_test(test_gate_refuses),
        cmocka_unit_test(test_gate_short_stream),
        cmocka_unit_test(test_encoding_names),
    };
    return cmocka_run_group_tests_name("inflate", tests, NULL, NULL);
}
