/* test_body.c - recognising FaceTime bodies, and finding the compressed original of a body that
 * SIP already inflated.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ft_body.h"
#include "test_support.h"

#define LIMIT_64K (64 * 1024)

static bool is_facetime(const char *text)
{
    return ft_is_facetime_sdp_text((const uint8_t *)text, strlen(text));
}

static void test_signature_line_ends(void **state)
{
    (void)state;
    assert_true(is_facetime("v=0\r\no=GKVoiceChatService 0 0 IN IP4 1.2.3.4\r\n"));
    assert_true(is_facetime("v=0\no=GKVoiceChatService 0 0 IN IP4 1.2.3.4\n"));
    assert_true(is_facetime("v=0\ro=GKVoiceChatService 0"));
    assert_true(is_facetime(offer_sdp));
}

static void test_signature_refusals(void **state)
{
    (void)state;
    assert_false(is_facetime(""));
    assert_false(is_facetime("v=0"));
    assert_false(is_facetime("v=0\r\n"));
    assert_false(is_facetime("v=0\r\no=GKVoiceChatService"));           /* no space: cut short */
    assert_false(is_facetime("v=0\r\no=alice 2890844526 2890844526 IN IP4 10.0.0.1\r\n"));
    assert_false(is_facetime("v=1\r\no=GKVoiceChatService 0 0 IN IP4 1.2.3.4\r\n"));
    assert_false(is_facetime(" v=0\r\no=GKVoiceChatService 0 0 IN IP4 1.2.3.4\r\n"));
    assert_false(is_facetime("v=0\r\n\r\no=GKVoiceChatService 0 0 IN IP4 1.2.3.4\r\n"));
    assert_false(is_facetime("v=0\r\no=gkvoicechatservice 0 0 IN IP4 1.2.3.4\r\n"));
    assert_false(is_facetime("<?xml version=\"1.0\"?>\r\n<presence/>\r\n"));
}

static ft_family family_of(const char *text)
{
    return ft_sdp_family((const uint8_t *)text, strlen(text));
}

/* Replaces the first occurrence of `from` in text (malloc'ed result). */
static char *replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t head = (size_t)(at - text), from_len = strlen(from), to_len = strlen(to);
    char *out = malloc(strlen(text) - from_len + to_len + 1);
    assert_non_null(out);
    memcpy(out, text, head);
    memcpy(out + head, to, to_len);
    strcpy(out + head + to_len, at + from_len);
    return out;
}

/* The family is told by what the SDP says of itself, not by one o= value. */
static void test_family_members(void **state)
{
    (void)state;
    assert_int_equal(family_of(offer_sdp), FT_FAMILY_FACETIME);
    assert_int_equal(family_of(composer_sdp), FT_FAMILY_FACETIME);      /* o=- */
    assert_int_equal(family_of(ichat_sdp), FT_FAMILY_ICHAT);            /* o=<user>, LF */
    /* GameKit's o= says FaceTime even beside one of iChat's lines. */
    char *mixed = replaced(offer_sdp, "a=CAP", "a=RTCP:AUDIO 1 VIDEO 2");
    assert_int_equal(family_of(mixed), FT_FAMILY_FACETIME);
    free(mixed);
    char *user_origin = replaced(offer_sdp, "o=GKVoiceChatService", "o=niisato");
    assert_int_equal(family_of(user_origin), FT_FAMILY_FACETIME);
    free(user_origin);
    /* Each of the family's lines alone is enough. */
    static const char *const lines[] = {
        "a=FLS;VRA:0", "a=FLS", "a=X_FLS:123 FLS;VRA:0", "a=rtpID:1", "a=fmtp:AAC SamplesPerBlock 480",
        "a=rtpmap:126 X-H264/90000", "a=iChatEncryption:NO", "a=hwi:1:2", "a=bandwidthDetection:YES",
        "a=RTCP:AUDIO 1 VIDEO 2",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "v=0\r\no=- 0 0 IN IP4 10.0.0.1\r\ns=-\r\n%s\r\n", lines[i]);
        assert_int_not_equal(family_of(text), FT_FAMILY_NONE);
    }
    assert_string_equal(ft_family_name(FT_FAMILY_FACETIME), "FaceTime");
    assert_string_equal(ft_family_name(FT_FAMILY_ICHAT), "iChat");
    assert_string_equal(ft_family_name(FT_FAMILY_NONE), "none");
}

/* Standard SDP that merely uses what FaceTime uses too is nobody's. */
static void test_family_refuses_standard_sdp(void **state)
{
    (void)state;
    static const char video_call[] =
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n"
        "t=0 0\r\nm=video 5004 RTP/AVPF 96\r\na=rtpmap:96 H264/90000\r\n"
        "a=rtcp-fb:* nack\r\na=imageattr:96 send [x=640,y=480] recv [x=640,y=480]\r\n"
        "a=fmtp:96 profile-level-id=42e01f\r\na=framerate:30\r\na=rtcp:5005\r\n";
    assert_int_equal(family_of(video_call), FT_FAMILY_NONE);
    /* Near misses: the marks must start their line, and be whole. */
    assert_int_equal(family_of("v=0\r\no=x\r\ni=a=FLS;VRA:0\r\n"), FT_FAMILY_NONE);
    assert_int_equal(family_of("v=0\r\no=x\r\na=FLSX\r\n"), FT_FAMILY_NONE);
    assert_int_equal(family_of("v=0\r\no=x\r\na=rtpmap:96 X-H2640/90000\r\n"), FT_FAMILY_NONE);
    assert_int_equal(family_of("v=0\r\no=x\r\na=rtcp:1\r\n"), FT_FAMILY_NONE);
    /* Not SDP at all: the family's lines do not make it SDP. */
    assert_int_equal(family_of("a=rtpID:1\r\n"), FT_FAMILY_NONE);
}

static ft_encoding sniff(const uint8_t *data, size_t len)
{
    return ft_sniff_compression(data, len);
}

static void test_sniff_containers(void **state)
{
    (void)state;
    static const uint8_t zlib_default[] = { 0x78, 0x9c, 0x2b, 0x33 };
    static const uint8_t zlib_best[] = { 0x78, 0xda, 0x2b, 0x33 };
    static const uint8_t zlib_fast[] = { 0x78, 0x01, 0x2b, 0x33 };
    static const uint8_t gzip[] = { 0x1f, 0x8b, 0x08, 0x00 };
    static const uint8_t stored_block[] = { 0x01, 0x05, 0x00, 0xfa, 0xff, 'h', 'e', 'l', 'l', 'o' };
    static const uint8_t fixed_block[] = { 0x2b, 0x33, 0xb0, 0xe5, 0xe5 };
    assert_int_equal(sniff(zlib_default, sizeof zlib_default), FT_ENCODING_ZLIB);
    assert_int_equal(sniff(zlib_best, sizeof zlib_best), FT_ENCODING_ZLIB);
    assert_int_equal(sniff(zlib_fast, sizeof zlib_fast), FT_ENCODING_ZLIB);
    assert_int_equal(sniff(gzip, sizeof gzip), FT_ENCODING_GZIP);
    assert_int_equal(sniff(stored_block, sizeof stored_block), FT_ENCODING_DEFLATE);
    assert_int_equal(sniff(fixed_block, sizeof fixed_block), FT_ENCODING_DEFLATE);
}

static void test_sniff_refusals(void **state)
{
    (void)state;
    static const uint8_t zlib_bad_check[] = { 0x78, 0x9d, 0x2b, 0x33 };
    static const uint8_t zlib_dictionary[] = { 0x78, 0xbb, 0x00, 0x00, 0x00, 0x01 };
    static const uint8_t gzip_not_deflate[] = { 0x1f, 0x8b, 0x07, 0x00 };
    static const uint8_t reserved_block[] = { 0x07, 0x00, 0x00, 0x00 };
    static const uint8_t stored_bad_nlen[] = { 0x01, 0x05, 0x00, 0x00, 0x00, 'h' };
    static const uint8_t one_byte[] = { 0x2b };
    static const char text[] = "INFO sip body text that is plain";
    assert_int_equal(sniff(zlib_bad_check, sizeof zlib_bad_check), FT_ENCODING_NONE);
    assert_int_equal(sniff(zlib_dictionary, sizeof zlib_dictionary), FT_ENCODING_NONE);
    assert_int_equal(sniff(gzip_not_deflate, sizeof gzip_not_deflate), FT_ENCODING_NONE);
    assert_int_equal(sniff(reserved_block, sizeof reserved_block), FT_ENCODING_NONE);
    assert_int_equal(sniff(stored_bad_nlen, sizeof stored_bad_nlen), FT_ENCODING_NONE);
    assert_int_equal(sniff(one_byte, sizeof one_byte), FT_ENCODING_NONE);
    assert_int_equal(sniff((const uint8_t *)text, strlen(text)), FT_ENCODING_NONE);
    assert_int_equal(sniff((const uint8_t *)offer_sdp, strlen(offer_sdp)), FT_ENCODING_NONE);
}

static bool classify(const void *body, size_t len, ft_encoding *encoding)
{
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_classified classified;
    bool facetime = ft_classify_body(body, len, LIMIT_64K, &counter.allocator, &classified);
    *encoding = classified.encoding;
    if (classified.text.data)
        counter.allocator.free(counter.allocator.ctx, classified.text.data);
    assert_int_equal(counter.live, 0);
    return facetime;
}

/* A compressed FaceTime body comes out of recognition inflated, whole and once; a plain one is
 * not copied. */
static void test_classify_opens_compressed_body(void **state)
{
    (void)state;
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_classified classified;
    assert_true(ft_classify_body((const uint8_t *)offer_sdp, strlen(offer_sdp), LIMIT_64K,
                                 &counter.allocator, &classified));
    assert_null(classified.text.data);
    assert_int_equal(counter.live, 0);

    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    assert_true(ft_classify_body(compressed, n, LIMIT_64K, &counter.allocator, &classified));
    assert_int_equal(classified.text.status, FT_INFLATE_COMPLETE);
    assert_int_equal(classified.text.len, strlen(offer_sdp));
    assert_memory_equal(classified.text.data, offer_sdp, strlen(offer_sdp));
    assert_int_equal(classified.text.consumed, n);
    counter.allocator.free(counter.allocator.ctx, classified.text.data);

    /* The limit cuts it as it cuts ft_inflate. */
    assert_true(ft_classify_body(compressed, n, 100, &counter.allocator, &classified));
    assert_int_equal(classified.text.status, FT_INFLATE_LIMITED);
    assert_int_equal(classified.text.len, 100);
    counter.allocator.free(counter.allocator.ctx, classified.text.data);
    assert_int_equal(counter.live, 0);
    free(compressed);
}

static void test_classify_every_encoding(void **state)
{
    (void)state;
    ft_encoding encoding;
    assert_true(classify(offer_sdp, strlen(offer_sdp), &encoding));
    assert_int_equal(encoding, FT_ENCODING_NONE);

    const ft_encoding encodings[] = { FT_ENCODING_ZLIB, FT_ENCODING_DEFLATE, FT_ENCODING_GZIP };
    for (size_t i = 0; i < 3; i++) {
        size_t n;
        uint8_t *compressed = compress_as(encodings[i], offer_sdp, strlen(offer_sdp), 6, &n);
        assert_true(classify(compressed, n, &encoding));
        assert_int_equal(encoding, encodings[i]);
        free(compressed);
    }
}

/* Compressed, the family is recognised from the whole text, in the same pass as it is inflated;
 * other compressed SDP is inflated (it starts as SDP) and then refused, leaving nothing held. */
static void test_classify_family_compressed(void **state)
{
    (void)state;
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_classified classified;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_DEFLATE, ichat_sdp, strlen(ichat_sdp), 6, &n);
    assert_true(ft_classify_body(compressed, n, LIMIT_64K, &counter.allocator, &classified));
    assert_int_equal(classified.family, FT_FAMILY_ICHAT);
    assert_int_equal(classified.text.len, strlen(ichat_sdp));
    counter.allocator.free(counter.allocator.ctx, classified.text.data);
    free(compressed);

    assert_true(ft_classify_body((const uint8_t *)composer_sdp, strlen(composer_sdp), LIMIT_64K,
                                 &counter.allocator, &classified));
    assert_int_equal(classified.family, FT_FAMILY_FACETIME);

    static const char other[] = "v=0\r\no=alice 1 1 IN IP4 10.0.0.1\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\n";
    compressed = compress_as(FT_ENCODING_ZLIB, other, strlen(other), 6, &n);
    assert_false(ft_classify_body(compressed, n, LIMIT_64K, &counter.allocator, &classified));
    assert_int_equal(classified.family, FT_FAMILY_NONE);
    assert_null(classified.text.data);
    assert_int_equal(counter.live, 0);
    free(compressed);
}

static void test_classify_refuses_other_sdp(void **state)
{
    (void)state;
    static const char other[] = "v=0\r\no=alice 2890844526 2890844526 IN IP4 10.0.0.1\r\ns=-\r\n";
    ft_encoding encoding;
    assert_false(classify(other, strlen(other), &encoding));
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, other, strlen(other), 6, &n);
    assert_false(classify(compressed, n, &encoding));
    free(compressed);
    static const uint8_t binary[] = { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42 };
    assert_false(classify(binary, sizeof binary, &encoding));
    assert_false(classify("", 0, &encoding));
}

/* A stream damaged after its first line is still recognised: the damage is reported later. */
static void test_classify_damaged_stream(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    ft_encoding encoding;
    assert_true(classify(compressed, n * 3 / 5, &encoding));
    for (size_t i = n * 3 / 5; i < n * 3 / 5 + 4; i++)
        compressed[i] ^= 0xff;
    assert_true(classify(compressed, n, &encoding));
    assert_false(classify(compressed, 8, &encoding));       /* too little to see the o= line */
    free(compressed);
}

/* A frame-like buffer: lower-layer bytes, SIP headers, an empty line, the compressed body. */
typedef struct frame {
    uint8_t *bytes;
    size_t len;
    size_t body_offset;
    size_t body_len;
} frame;

static frame make_frame(const char *prefix, const void *body, size_t body_len, size_t trailer)
{
    frame f;
    size_t prefix_len = strlen(prefix);
    f.len = prefix_len + body_len + trailer;
    f.bytes = calloc(1, f.len);
    memcpy(f.bytes, prefix, prefix_len);
    memcpy(f.bytes + prefix_len, body, body_len);
    f.body_offset = prefix_len;
    f.body_len = body_len;
    return f;
}

static bool find_origin_with_budget(const frame *f, const void *inflated, size_t inflated_len,
                                    size_t max_compare, long budget, ft_origin *origin)
{
    counting_allocator counter;
    counting_allocator_init(&counter, budget);
    bool found = ft_find_compressed_origin(f->bytes, f->len, inflated, inflated_len, max_compare,
                                           &counter.allocator, origin);
    assert_int_equal(counter.live, 0);
    return found;
}

static bool find_origin(const frame *f, const void *inflated, size_t inflated_len,
                        size_t max_compare, ft_origin *origin)
{
    return find_origin_with_budget(f, inflated, inflated_len, max_compare, -1, origin);
}

static const char sip_head[] =
    "\x45\x01\n\n\x0d\x0a" /* lower layers may hold an empty line by chance */
    "INVITE sip:user@203.0.113.47:16402 SIP/2.0\r\n"
    "e: deflate\r\n"
    "l: 400\r\n"
    "\r\n";

static void test_origin_every_encoding(void **state)
{
    (void)state;
    const ft_encoding encodings[] = { FT_ENCODING_ZLIB, FT_ENCODING_DEFLATE, FT_ENCODING_GZIP };
    for (size_t i = 0; i < 3; i++) {
        size_t n;
        uint8_t *compressed = compress_as(encodings[i], offer_sdp, strlen(offer_sdp), 6, &n);
        /* 4 more bytes after the stream: its checksum is not at the frame's end, so the
         * search inflates it and compares. */
        frame f = make_frame(sip_head, compressed, n, 4);
        ft_origin origin;
        assert_true(find_origin(&f, offer_sdp, strlen(offer_sdp), LIMIT_64K, &origin));
        assert_int_equal(origin.offset, f.body_offset);
        assert_int_equal(origin.compressed_len, n);
        assert_int_equal(origin.encoding, encodings[i]);
        assert_int_equal(origin.status, FT_INFLATE_COMPLETE);
        free(f.bytes);
        free(compressed);
    }
}

/* A zlib or gzip stream that ends the frame ends with the checksum of its text: that proves the
 * origin without a second inflate. No memory at all is given, so inflating would fail. */
static void test_origin_proven_by_checksum(void **state)
{
    (void)state;
    const ft_encoding encodings[] = { FT_ENCODING_ZLIB, FT_ENCODING_GZIP };
    for (size_t i = 0; i < 2; i++) {
        size_t n;
        uint8_t *compressed = compress_as(encodings[i], offer_sdp, strlen(offer_sdp), 6, &n);
        frame f = make_frame(sip_head, compressed, n, 0);
        ft_origin origin;
        assert_true(find_origin_with_budget(&f, offer_sdp, strlen(offer_sdp), LIMIT_64K, 0,
                                            &origin));
        assert_int_equal(origin.offset, f.body_offset);
        assert_int_equal(origin.compressed_len, n);
        assert_int_equal(origin.encoding, encodings[i]);
        assert_int_equal(origin.status, FT_INFLATE_COMPLETE);
        /* Another text's checksum proves nothing, and one byte less of the text neither. */
        assert_false(find_origin_with_budget(&f, answer_sdp, strlen(answer_sdp), LIMIT_64K, 0,
                                             &origin));
        assert_false(find_origin_with_budget(&f, offer_sdp, strlen(offer_sdp) - 1, LIMIT_64K, 0,
                                             &origin));
        free(f.bytes);
        free(compressed);
    }
}

static void test_origin_lf_only_headers(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, answer_sdp, strlen(answer_sdp), 6, &n);
    frame f = make_frame("SIP/2.0 200 OK\ne: deflate\n\n", compressed, n, 0);
    ft_origin origin;
    assert_true(find_origin(&f, answer_sdp, strlen(answer_sdp), LIMIT_64K, &origin));
    assert_int_equal(origin.offset, f.body_offset);
    free(f.bytes);
    free(compressed);
}

/* SIP kept less than the stream gives (it inflated a cut stream): still the origin, truncated. */
static void test_origin_of_truncated_body(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    size_t cut = n * 3 / 5;
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_inflate_result partial;
    assert_int_equal(ft_inflate(compressed, cut, FT_ENCODING_ZLIB, LIMIT_64K, &counter.allocator,
                                &partial), FT_INFLATE_TRUNCATED);
    frame f = make_frame(sip_head, compressed, cut, 0);
    ft_origin origin;
    assert_true(find_origin(&f, partial.data, partial.len, LIMIT_64K, &origin));
    assert_int_equal(origin.status, FT_INFLATE_TRUNCATED);
    assert_int_equal(origin.compressed_len, cut);
    /* A shorter prefix (an inflater that dropped its last chunk) matches too. */
    assert_true(find_origin(&f, partial.data, partial.len - 10, LIMIT_64K, &origin));
    counter.allocator.free(counter.allocator.ctx, partial.data);
    free(f.bytes);
    free(compressed);
}

/* A bomb SIP inflated in full is compared only up to max_compare. */
static void test_origin_of_bomb_is_bounded(void **state)
{
    (void)state;
    size_t text_len = strlen(offer_sdp), bomb_len = text_len + (8u << 20);
    uint8_t *text = calloc(1, bomb_len);
    memcpy(text, offer_sdp, text_len);
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, text, bomb_len, 9, &n);
    frame f = make_frame(sip_head, compressed, n, 0);
    ft_origin origin;
    assert_true(find_origin(&f, text, bomb_len, LIMIT_64K, &origin));
    assert_int_equal(origin.status, FT_INFLATE_LIMITED);
    assert_int_equal(origin.compressed_len, n);
    free(f.bytes);
    free(compressed);
    free(text);
}

static void test_origin_not_found(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    frame f = make_frame(sip_head, compressed, n, 0);
    ft_origin origin;
    assert_false(find_origin(&f, answer_sdp, strlen(answer_sdp), LIMIT_64K, &origin));
    /* The stream gives more than the body we were shown, and ends properly: not its origin. */
    assert_false(find_origin(&f, offer_sdp, strlen(offer_sdp) - 5, LIMIT_64K, &origin));
    free(f.bytes);
    frame plain = make_frame(sip_head, offer_sdp, strlen(offer_sdp), 0);
    assert_false(find_origin(&plain, offer_sdp, strlen(offer_sdp), LIMIT_64K, &origin));
    free(plain.bytes);
    frame no_blank_line = make_frame("INVITE x SIP/2.0\r\n", compressed, n, 0);
    assert_false(find_origin(&no_blank_line, offer_sdp, strlen(offer_sdp), LIMIT_64K, &origin));
    free(no_blank_line.bytes);
    free(compressed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signature_line_ends),
        cmocka_unit_test(test_signature_refusals),
        cmocka_unit_test(test_family_members),
        cmocka_unit_test(test_family_refuses_standard_sdp),
        cmocka_unit_test(test_classify_family_compressed),
        cmocka_unit_test(test_sniff_containers),
        cmocka_unit_test(test_sniff_refusals),
        cmocka_unit_test(test_classify_every_encoding),
        cmocka_unit_test(test_classify_refuses_other_sdp),
        cmocka_unit_test(test_classify_damaged_stream),
        cmocka_unit_test(test_classify_opens_compressed_body),
        cmocka_unit_test(test_origin_every_encoding),
        cmocka_unit_test(test_origin_proven_by_checksum),
        cmocka_unit_test(test_origin_lf_only_headers),
        cmocka_unit_test(test_origin_of_truncated_body),
        cmocka_unit_test(test_origin_of_bomb_is_bounded),
        cmocka_unit_test(test_origin_not_found),
    };
    return cmocka_run_group_tests_name("body", tests, NULL, NULL);
}
