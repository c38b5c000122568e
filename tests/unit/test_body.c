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
    static const uint8_t zlib_dictionary[] = { 0x78, 0xbb, 0x00, 0x00, 0x00, 0x01 };
    static const uint8_t gzip[] = { 0x1f, 0x8b, 0x08, 0x00 };
    static const uint8_t stored_block[] = { 0x01, 0x05, 0x00, 0xfa, 0xff, 'h', 'e', 'l', 'l', 'o' };
    static const uint8_t fixed_block[] = { 0x2b, 0x33, 0xb0, 0xe5, 0xe5 };
    assert_int_equal(sniff(zlib_default, sizeof zlib_default), FT_ENCODING_ZLIB);
    assert_int_equal(sniff(zlib_best, sizeof zlib_best), FT_ENCODING_ZLIB);
    assert_int_equal(sniff(zlib_fast, sizeof zlib_fast), FT_ENCODING_ZLIB);
    assert_int_equal(sniff(zlib_dictionary, sizeof zlib_dictionary), FT_ENCODING_ZLIB);
    assert_int_equal(sniff(gzip, sizeof gzip), FT_ENCODING_GZIP);
    assert_int_equal(sniff(stored_block, sizeof stored_block), FT_ENCODING_DEFLATE);
    assert_int_equal(sniff(fixed_block, sizeof fixed_block), FT_ENCODING_DEFLATE);
}

static void test_sniff_refusals(void **state)
{
    (void)state;
    static const uint8_t zlib_bad_check[] = { 0x78, 0x9d, 0x2b, 0x33 };
    static const uint8_t gzip_not_deflate[] = { 0x1f, 0x8b, 0x07, 0x00 };
    static const uint8_t reserved_block[] = { 0x07, 0x00, 0x00, 0x00 };
    static const uint8_t stored_bad_nlen[] = { 0x01, 0x05, 0x00, 0x00, 0x00, 'h' };
    static const uint8_t one_byte[] = { 0x2b };
    static const char text[] = "INFO sip body text that is plain";
    assert_int_equal(sniff(zlib_bad_check, sizeof zlib_bad_check), FT_ENCODING_NONE);
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

/* A zlib stream that needs a preset dictionary is not taken, but named. */
static void test_classify_needs_dictionary(void **state)
{
    (void)state;
    static const uint8_t with_dictionary[] = { 0x78, 0xbb, 0x00, 0x00, 0x00, 0x01, 0x03, 0x00 };
    assert_int_equal(sniff(with_dictionary, sizeof with_dictionary), FT_ENCODING_ZLIB);
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_classified classified;
    assert_false(ft_classify_body(with_dictionary, sizeof with_dictionary, LIMIT_64K,
                                  &counter.allocator, &classified));
    assert_false(classified.facetime);
    assert_int_equal(classified.encoding, FT_ENCODING_ZLIB);
    assert_int_equal(classified.text.status, FT_INFLATE_NEEDS_DICTIONARY);
    assert_int_equal(classified.text.dictionary_id, 1);
    assert_string_equal(classified.text.error, "stream needs a preset dictionary");
    assert_null(classified.text.data);
    assert_int_equal(counter.live, 0);
}

/* ---- what follows a stream ------------------------------------------------------------------- */

static ft_trailing describe(const void *data, size_t len)
{
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_trailing t;
    ft_describe_trailing(data, len, &counter.allocator, &t);
    assert_int_equal(counter.live, 0);
    assert_int_equal(t.len, len);
    return t;
}

static void test_describe_trailing(void **state)
{
    (void)state;
    static const uint8_t zeros[16] = { 0 };
    static const uint8_t other[] = { 0xee, 0x01, 0x02 };
    assert_int_equal(describe("", 0).kind, FT_TRAILING_NONE);
    assert_int_equal(describe(zeros, sizeof zeros).kind, FT_TRAILING_ZEROS);
    assert_int_equal(describe("\r\n", 2).kind, FT_TRAILING_TEXT);
    assert_int_equal(describe(other, sizeof other).kind, FT_TRAILING_OTHER);
    /* A stream or member there is inflated as far as its first line, to say if it is SDP. */
    const ft_encoding compressed[] = { FT_ENCODING_ZLIB, FT_ENCODING_GZIP };
    const ft_trailing_kind kinds[] = { FT_TRAILING_ZLIB, FT_TRAILING_GZIP };
    for (size_t i = 0; i < 2; i++) {
        size_t n;
        uint8_t *sdp = compress_as(compressed[i], answer_sdp, strlen(answer_sdp), 6, &n);
        ft_trailing t = describe(sdp, n);
        assert_int_equal(t.kind, kinds[i]);
        assert_true(t.sdp);
        free(sdp);
        uint8_t *text = compress_as(compressed[i], "not SDP at all", 14, 6, &n);
        t = describe(text, n);
        assert_int_equal(t.kind, kinds[i]);
        assert_false(t.sdp);
        free(text);
    }
    assert_string_equal(ft_trailing_kind_name(FT_TRAILING_ZEROS), "zero bytes");
    assert_string_equal(ft_trailing_kind_name(FT_TRAILING_TEXT), "text");
    assert_string_equal(ft_trailing_kind_name(FT_TRAILING_ZLIB), "a zlib stream");
    assert_string_equal(ft_trailing_kind_name(FT_TRAILING_GZIP), "a gzip member");
    assert_string_equal(ft_trailing_kind_name(FT_TRAILING_OTHER), "bytes of no known form");
    assert_string_equal(ft_trailing_kind_name(FT_TRAILING_NONE), "nothing");
}

/* The body is cut by its Content-Length only when the bytes after it take its stream on to its
 * end, or to the limit. */
static void test_content_length_cut(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    size_t body_len = n * 3 / 5;
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_cut cut;
    assert_true(ft_find_content_length_cut(compressed, body_len, n, FT_ENCODING_ZLIB, LIMIT_64K,
                                           &counter.allocator, &cut));
    assert_true(cut.cut);
    assert_int_equal(cut.stream_len, n);
    assert_int_equal(cut.text_len, strlen(offer_sdp));
    assert_false(cut.text_limited);
    assert_true(ft_find_content_length_cut(compressed, body_len, n, FT_ENCODING_ZLIB, 500,
                                           &counter.allocator, &cut));
    assert_true(cut.text_limited);
    assert_int_equal(cut.text_len, 500);
    /* Nothing after the body; the stream runs out again; the bytes after it are not its own. */
    assert_false(ft_find_content_length_cut(compressed, body_len, body_len, FT_ENCODING_ZLIB,
                                            LIMIT_64K, &counter.allocator, &cut));
    assert_false(cut.cut);
    assert_false(ft_find_content_length_cut(compressed, body_len, n - 4, FT_ENCODING_ZLIB,
                                            LIMIT_64K, &counter.allocator, &cut));
    for (size_t i = body_len; i < n; i++)
        compressed[i] = 0xff;
    assert_false(ft_find_content_length_cut(compressed, body_len, n, FT_ENCODING_ZLIB, LIMIT_64K,
                                            &counter.allocator, &cut));
    assert_int_equal(counter.live, 0);
    free(compressed);
}

/* ---- the origin of a body SIP inflated --------------------------------------------------------- */

/* The lower layers' headers before a SIP message (a string: no zero byte): 0x0a bytes in MACs,
 * IPv4 identifications and addresses (10.10.10.10) make nine empty lines by chance, more than a
 * search of empty lines could afford to try. */
static const char lower_layers[] =
    "\n\n\n\n\n\n\n\n\n\n\n\n\x08\x01\x45\x01\x01\x90\n\n\x40\x01\x40\x11\x01\x01"
    "\n\n\n\n\xcb\x01\x71\x2f\x40\x12\x40\x12\x01\x7c\x01\x01";

/* A frame-like buffer: the lower layers' bytes, a SIP message's header with its Content-Length,
 * the empty line, the body, then `after` bytes that follow it in the frame. */
typedef struct frame {
    uint8_t *bytes;
    size_t len;
    size_t body_offset;
} frame;

static frame make_frame_after(const char *start_line, size_t content_length, const void *body,
                              size_t body_len, const void *after, size_t after_len)
{
    char head[512];
    int head_len = snprintf(head, sizeof head, "%s%s\r\ne: deflate\r\nl: %zu\r\n\r\n",
                            lower_layers, start_line, content_length);
    assert_true(head_len > 0 && (size_t)head_len < sizeof head);
    frame f;
    f.len = (size_t)head_len + body_len + after_len;
    f.bytes = calloc(1, f.len);
    assert_non_null(f.bytes);
    memcpy(f.bytes, head, (size_t)head_len);
    memcpy(f.bytes + head_len, body, body_len);
    if (after_len)
        memcpy(f.bytes + head_len + body_len, after, after_len);
    f.body_offset = (size_t)head_len;
    return f;
}

static const char invite_line[] = "INVITE sip:user@203.0.113.47:16402 SIP/2.0";

/* An INVITE whose Content-Length counts its body, which `zeros` zero bytes follow in the frame
 * (an Ethernet trailer, say). */
static frame make_frame(const void *body, size_t body_len, size_t zeros)
{
    uint8_t *trailer = calloc(1, zeros + 1);
    frame f = make_frame_after(invite_line, body_len, body, body_len, trailer, zeros);
    free(trailer);
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

/* What inflating the first `len` bytes of a stream gives, as an inflater that shows what it
 * could (SIP's) would show it; malloc'ed. */
static uint8_t *inflated_prefix(const uint8_t *compressed, size_t len, ft_encoding encoding,
                                size_t *text_len)
{
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_inflate_result r;
    ft_inflate(compressed, len, encoding, LIMIT_64K, &counter.allocator, &r);
    *text_len = r.len;
    return r.data;
}

static void test_origin_every_encoding(void **state)
{
    (void)state;
    const ft_encoding encodings[] = { FT_ENCODING_ZLIB, FT_ENCODING_DEFLATE, FT_ENCODING_GZIP };
    static const uint8_t zeros[4] = { 0 };
    for (size_t i = 0; i < 3; i++) {
        size_t n;
        uint8_t *compressed = compress_as(encodings[i], offer_sdp, strlen(offer_sdp), 6, &n);
        /* 4 zero bytes after the stream inside the body: its checksum does not end the body,
         * so the search inflates it and compares. */
        uint8_t *body = malloc(n + sizeof zeros);
        memcpy(body, compressed, n);
        memcpy(body + n, zeros, sizeof zeros);
        frame f = make_frame(body, n + sizeof zeros, 0);
        ft_origin origin;
        assert_true(find_origin(&f, offer_sdp, strlen(offer_sdp), LIMIT_64K, &origin));
        assert_int_equal(origin.offset, f.body_offset);
        assert_int_equal(origin.body_len, n + sizeof zeros);
        assert_int_equal(origin.compressed_len, n);
        assert_int_equal(origin.encoding, encodings[i]);
        assert_int_equal(origin.status, FT_INFLATE_COMPLETE);
        assert_int_equal(origin.members, 1);
        assert_int_equal(origin.trailing.len, sizeof zeros);
        assert_int_equal(origin.trailing.kind, FT_TRAILING_ZEROS);
        assert_false(origin.cut.cut);
        free(f.bytes);
        free(body);
        free(compressed);
    }
}

/* A zlib or gzip stream that ends its body ends with the checksum of its text: that proves the
 * origin without a second inflate. No memory at all is given, so inflating would fail. Bytes
 * after the body (past its Content-Length) are not the body's. */
static void test_origin_proven_by_checksum(void **state)
{
    (void)state;
    const ft_encoding encodings[] = { FT_ENCODING_ZLIB, FT_ENCODING_GZIP };
    for (size_t i = 0; i < 2; i++) {
        size_t n;
        uint8_t *compressed = compress_as(encodings[i], offer_sdp, strlen(offer_sdp), 6, &n);
        frame f = make_frame(compressed, n, 4);
        ft_origin origin;
        assert_true(find_origin_with_budget(&f, offer_sdp, strlen(offer_sdp), LIMIT_64K, 0,
                                            &origin));
        assert_int_equal(origin.offset, f.body_offset);
        assert_int_equal(origin.compressed_len, n);
        assert_int_equal(origin.body_len, n);
        assert_int_equal(origin.encoding, encodings[i]);
        assert_int_equal(origin.status, FT_INFLATE_COMPLETE);
        assert_int_equal(origin.trailing.len, 0);
        /* Another text's checksum proves nothing, and one byte less of the text neither. */
        assert_false(find_origin_with_budget(&f, answer_sdp, strlen(answer_sdp), LIMIT_64K, 0,
                                             &origin));
        assert_false(find_origin_with_budget(&f, offer_sdp, strlen(offer_sdp) - 1, LIMIT_64K, 0,
                                             &origin));
        free(f.bytes);
        free(compressed);
    }
}

/* However many line feeds the lower layers hold, the body is the SIP message's. */
static void test_origin_after_newlines(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_DEFLATE, offer_sdp, strlen(offer_sdp), 6, &n);
    uint8_t newlines[256];
    memset(newlines, '\n', sizeof newlines);
    uint8_t *haystack = malloc(sizeof newlines + 64 + n);
    memcpy(haystack, newlines, sizeof newlines);
    int head = snprintf((char *)haystack + sizeof newlines, 64, "SIP/2.0 200 OK\r\nl: %zu\r\n\r\n",
                        n);
    size_t body_offset = sizeof newlines + (size_t)head;
    memcpy(haystack + body_offset, compressed, n);
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_origin origin;
    assert_true(ft_find_compressed_origin(haystack, body_offset + n, (const uint8_t *)offer_sdp,
                                          strlen(offer_sdp), LIMIT_64K, &counter.allocator,
                                          &origin));
    assert_int_equal(origin.offset, body_offset);
    assert_int_equal(origin.encoding, FT_ENCODING_DEFLATE);
    assert_int_equal(counter.live, 0);
    free(haystack);
    free(compressed);
}

static void test_origin_lf_only_headers(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, answer_sdp, strlen(answer_sdp), 6, &n);
    char head[64];
    int head_len = snprintf(head, sizeof head, "SIP/2.0 200 OK\ne: deflate\nl: %zu\n\n", n);
    frame f = { malloc((size_t)head_len + n), (size_t)head_len + n, (size_t)head_len };
    memcpy(f.bytes, head, (size_t)head_len);
    memcpy(f.bytes + head_len, compressed, n);
    ft_origin origin;
    assert_true(find_origin(&f, answer_sdp, strlen(answer_sdp), LIMIT_64K, &origin));
    assert_int_equal(origin.offset, f.body_offset);
    free(f.bytes);
    free(compressed);
}

/* Several messages in one buffer (TCP): each body as long as its Content-Length, the next
 * message after it, though the first body holds a "SIP/2.0" of its own. */
static void test_origin_among_messages(void **state)
{
    (void)state;
    static const char first[] =
        "SIP/2.0 100 Trying\r\nl: 25\r\n\r\nSIP/2.0 is text in a body"
        "SIP/2.0 200 OK\r\ne: deflate\r\n";
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_DEFLATE, answer_sdp, strlen(answer_sdp), 6, &n);
    char length[32];
    int length_len = snprintf(length, sizeof length, "l: %zu\r\n\r\n", n);
    size_t body_offset = sizeof first - 1 + (size_t)length_len;
    uint8_t *haystack = malloc(body_offset + n);
    memcpy(haystack, first, sizeof first - 1);
    memcpy(haystack + sizeof first - 1, length, (size_t)length_len);
    memcpy(haystack + body_offset, compressed, n);
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_origin origin;
    assert_true(ft_find_compressed_origin(haystack, body_offset + n, (const uint8_t *)answer_sdp,
                                          strlen(answer_sdp), LIMIT_64K, &counter.allocator,
                                          &origin));
    assert_int_equal(origin.offset, body_offset);
    assert_int_equal(counter.live, 0);
    free(haystack);
    free(compressed);
}

/* SIP kept less than the stream gives (it inflated a cut stream): still the origin, truncated;
 * nothing follows it, so nothing says its Content-Length cut it. */
static void test_origin_of_truncated_body(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    size_t cut = n * 3 / 5, partial_len;
    uint8_t *partial = inflated_prefix(compressed, cut, FT_ENCODING_ZLIB, &partial_len);
    frame f = make_frame(compressed, cut, 0);
    ft_origin origin;
    assert_true(find_origin(&f, partial, partial_len, LIMIT_64K, &origin));
    assert_int_equal(origin.status, FT_INFLATE_TRUNCATED);
    assert_int_equal(origin.compressed_len, cut);
    assert_false(origin.cut.cut);
    /* A shorter prefix (an inflater that dropped its last chunk) matches too. */
    assert_true(find_origin(&f, partial, partial_len - 10, LIMIT_64K, &origin));
    free(partial);
    free(f.bytes);
    free(compressed);
}

/* The whole stream is in the frame, but Content-Length counts only its first 3/5: SIP inflated
 * those. The origin is that body, cut, and the rest of the stream after it says by how much. */
static void test_origin_cut_by_content_length(void **state)
{
    (void)state;
    size_t n;
    uint8_t *compressed = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n);
    size_t cut = n * 3 / 5, partial_len;
    uint8_t *partial = inflated_prefix(compressed, cut, FT_ENCODING_ZLIB, &partial_len);
    frame f = make_frame_after(invite_line, cut, compressed, cut, compressed + cut, n - cut);
    ft_origin origin;
    assert_true(find_origin(&f, partial, partial_len, LIMIT_64K, &origin));
    assert_int_equal(origin.offset, f.body_offset);
    assert_int_equal(origin.body_len, cut);
    assert_int_equal(origin.compressed_len, cut);
    assert_int_equal(origin.encoding, FT_ENCODING_ZLIB);
    assert_int_equal(origin.status, FT_INFLATE_TRUNCATED);
    assert_true(origin.cut.cut);
    assert_int_equal(origin.cut.stream_len, n);
    assert_int_equal(origin.cut.text_len, strlen(offer_sdp));
    assert_false(origin.cut.text_limited);
    /* Bytes after the body that do not carry the stream on are no cut. */
    uint8_t junk[64];
    memset(junk, 0xff, sizeof junk);
    free(f.bytes);
    f = make_frame_after(invite_line, cut, compressed, cut, junk, sizeof junk);
    assert_true(find_origin(&f, partial, partial_len, LIMIT_64K, &origin));
    assert_int_equal(origin.status, FT_INFLATE_TRUNCATED);
    assert_false(origin.cut.cut);
    free(f.bytes);
    free(partial);
    free(compressed);
}

/* A gzip body of two members, of which SIP showed the first's text: found, with its members. */
static void test_origin_of_gzip_members(void **state)
{
    (void)state;
    size_t split = 300, first_len, second_len;
    uint8_t *first = compress_as(FT_ENCODING_GZIP, offer_sdp, split, 6, &first_len);
    uint8_t *second = compress_as(FT_ENCODING_GZIP, offer_sdp + split, strlen(offer_sdp) - split,
                                  6, &second_len);
    uint8_t *members = malloc(first_len + second_len);
    memcpy(members, first, first_len);
    memcpy(members + first_len, second, second_len);
    frame f = make_frame(members, first_len + second_len, 0);
    ft_origin origin;
    assert_true(find_origin(&f, offer_sdp, split, LIMIT_64K, &origin));
    assert_int_equal(origin.offset, f.body_offset);
    assert_int_equal(origin.members, 2);
    assert_int_equal(origin.status, FT_INFLATE_COMPLETE);
    assert_int_equal(origin.compressed_len, first_len + second_len);
    assert_int_equal(origin.trailing.len, 0);
    /* An inflater that read every member showed the whole text: found as well. */
    assert_true(find_origin(&f, offer_sdp, strlen(offer_sdp), LIMIT_64K, &origin));
    assert_int_equal(origin.members, 2);
    /* A text that stops short of the first member's end is not that body's. */
    assert_false(find_origin(&f, offer_sdp, split - 1, LIMIT_64K, &origin));
    free(f.bytes);
    free(members);
    free(first);
    free(second);
}

/* A second zlib stream inside the body: what follows the first one is named. */
static void test_origin_followed_by_stream(void **state)
{
    (void)state;
    size_t n1, n2;
    uint8_t *offer = compress_as(FT_ENCODING_ZLIB, offer_sdp, strlen(offer_sdp), 6, &n1);
    uint8_t *answer = compress_as(FT_ENCODING_ZLIB, answer_sdp, strlen(answer_sdp), 6, &n2);
    uint8_t *body = malloc(n1 + n2);
    memcpy(body, offer, n1);
    memcpy(body + n1, answer, n2);
    frame f = make_frame(body, n1 + n2, 0);
    ft_origin origin;
    assert_true(find_origin(&f, offer_sdp, strlen(offer_sdp), LIMIT_64K, &origin));
    assert_int_equal(origin.compressed_len, n1);
    assert_int_equal(origin.body_len, n1 + n2);
    assert_int_equal(origin.trailing.len, n2);
    assert_int_equal(origin.trailing.kind, FT_TRAILING_ZLIB);
    assert_true(origin.trailing.sdp);
    free(f.bytes);
    free(body);
    free(offer);
    free(answer);
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
    frame f = make_frame(compressed, n, 0);
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
    frame f = make_frame(compressed, n, 0);
    ft_origin origin;
    assert_false(find_origin(&f, answer_sdp, strlen(answer_sdp), LIMIT_64K, &origin));
    /* The stream gives more than the body we were shown, and ends properly: not its origin. */
    assert_false(find_origin(&f, offer_sdp, strlen(offer_sdp) - 5, LIMIT_64K, &origin));
    free(f.bytes);
    frame plain = make_frame(offer_sdp, strlen(offer_sdp), 0);
    assert_false(find_origin(&plain, offer_sdp, strlen(offer_sdp), LIMIT_64K, &origin));
    free(plain.bytes);
    /* No SIP message: no start line, or no empty line after it. */
    static const char *const heads[] = { "l: 405\r\n\r\n", "INVITE x SIP/2.0\r\nl: 405\r\n" };
    for (size_t i = 0; i < 2; i++) {
        size_t head_len = strlen(heads[i]);
        frame bare = { malloc(head_len + n), head_len + n, head_len };
        memcpy(bare.bytes, heads[i], head_len);
        memcpy(bare.bytes + head_len, compressed, n);
        assert_false(find_origin(&bare, offer_sdp, strlen(offer_sdp), LIMIT_64K, &origin));
        free(bare.bytes);
    }
    free(compressed);
}

/* The search tries a few messages' bodies, not all a crafted frame holds. */
static void test_origin_candidates_bounded(void **state)
{
    (void)state;
    size_t other_len, n;
    uint8_t *other = compress_as(FT_ENCODING_DEFLATE, answer_sdp, strlen(answer_sdp), 6,
                                 &other_len);
    uint8_t *compressed = compress_as(FT_ENCODING_DEFLATE, offer_sdp, strlen(offer_sdp), 6, &n);
    char head[64];
    uint8_t *haystack = malloc(16 * (64 + other_len) + 64 + n);
    size_t len = 0;
    for (int i = 0; i < 16; i++) {
        int head_len = snprintf(head, sizeof head, "SIP/2.0 200 OK\r\nl: %zu\r\n\r\n", other_len);
        memcpy(haystack + len, head, (size_t)head_len);
        memcpy(haystack + len + head_len, other, other_len);
        len += (size_t)head_len + other_len;
    }
    int head_len = snprintf(head, sizeof head, "SIP/2.0 200 OK\r\nl: %zu\r\n\r\n", n);
    memcpy(haystack + len, head, (size_t)head_len);
    memcpy(haystack + len + head_len, compressed, n);
    len += (size_t)head_len + n;
    counting_allocator counter;
    counting_allocator_init(&counter, -1);
    ft_origin origin;
    assert_false(ft_find_compressed_origin(haystack, len, (const uint8_t *)offer_sdp,
                                           strlen(offer_sdp), LIMIT_64K, &counter.allocator,
                                           &origin));
    assert_int_equal(counter.live, 0);
    free(haystack);
    free(compressed);
    free(other);
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
        cmocka_unit_test(test_classify_needs_dictionary),
        cmocka_unit_test(test_describe_trailing),
        cmocka_unit_test(test_content_length_cut),
        cmocka_unit_test(test_origin_every_encoding),
        cmocka_unit_test(test_origin_proven_by_checksum),
        cmocka_unit_test(test_origin_after_newlines),
        cmocka_unit_test(test_origin_lf_only_headers),
        cmocka_unit_test(test_origin_among_messages),
        cmocka_unit_test(test_origin_of_truncated_body),
        cmocka_unit_test(test_origin_cut_by_content_length),
        cmocka_unit_test(test_origin_of_gzip_members),
        cmocka_unit_test(test_origin_followed_by_stream),
        cmocka_unit_test(test_origin_of_bomb_is_bounded),
        cmocka_unit_test(test_origin_not_found),
        cmocka_unit_test(test_origin_candidates_bounded),
    };
    return cmocka_run_group_tests_name("body", tests, NULL, NULL);
}
