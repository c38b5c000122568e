/* test_media.c - reading RTP and RTCP headers (SSRC, FaceTime's header extension) and STUN
 * responses (mapped and relayed addresses), as the plugin does before dissecting.
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

#include "ft_media.h"

/* RTP, version 2, X = 1, payload type 104, sequence 0x1234, SSRC 0xCA93EC88, with FaceTime's
 * extension: profile 0x4400, 2 words. */
static const uint8_t facetime_rtp[] = {
    0x90, 0x68, 0x12, 0x34, 0x00, 0x00, 0x10, 0x00, 0xca, 0x93, 0xec, 0x88,
    0x44, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00,
    0xde, 0xad,
};

static void test_rtp_with_signature(void **state)
{
    (void)state;
    ft_rtp_header h;
    assert_true(ft_rtp_read(facetime_rtp, sizeof facetime_rtp, &h));
    assert_false(h.is_rtcp);
    assert_int_equal(h.payload_type, 104);
    assert_int_equal(h.sequence, 0x1234);
    assert_int_equal(h.ssrc, 0xca93ec88u);
    assert_int_equal(h.ssrc_offset, 8);
    assert_true(h.has_extension);
    assert_int_equal(h.extension_profile, 0x4400);
    assert_int_equal(h.extension_words, 2);
    assert_true(ft_rtp_is_facetime(&h));
}

static void test_signature_refusals(void **state)
{
    (void)state;
    uint8_t p[sizeof facetime_rtp];
    ft_rtp_header h;

    memcpy(p, facetime_rtp, sizeof p);
    p[15] = 1;                                    /* one word: not the signature */
    assert_true(ft_rtp_read(p, sizeof p, &h));
    assert_false(ft_rtp_is_facetime(&h));

    memcpy(p, facetime_rtp, sizeof p);
    p[12] = 0xbe;                                 /* RFC 8285's one-byte header profile */
    p[13] = 0xde;
    assert_true(ft_rtp_read(p, sizeof p, &h));
    assert_false(ft_rtp_is_facetime(&h));

    memcpy(p, facetime_rtp, sizeof p);
    p[0] = 0x80;                                  /* X = 0 */
    assert_true(ft_rtp_read(p, sizeof p, &h));
    assert_false(ft_rtp_is_facetime(&h));

    /* The 0x4400 profile with a length that runs past the packet. */
    memcpy(p, facetime_rtp, sizeof p);
    assert_true(ft_rtp_read(p, 20, &h));
    assert_true(h.extension_truncated);
    assert_false(ft_rtp_is_facetime(&h));
    assert_true(ft_rtp_read(p, 14, &h));          /* the extension header itself cut */
    assert_true(h.extension_truncated);
    assert_false(ft_rtp_is_facetime(&h));

    /* CSRCs move the extension: 1 CSRC, then the extension. */
    uint8_t with_csrc[sizeof facetime_rtp + 4];
    memcpy(with_csrc, facetime_rtp, 12);
    with_csrc[0] = 0x91;
    memset(with_csrc + 12, 0x11, 4);
    memcpy(with_csrc + 16, facetime_rtp + 12, sizeof facetime_rtp - 12);
    assert_true(ft_rtp_read(with_csrc, sizeof with_csrc, &h));
    assert_true(ft_rtp_is_facetime(&h));
}

static void test_rtcp(void **state)
{
    (void)state;
    /* A sender report (200) of SSRC 0xAB55DC64, cut after the SSRC. */
    const uint8_t sr[] = { 0x80, 0xc8, 0x00, 0x06, 0xab, 0x55, 0xdc, 0x64 };
    ft_rtp_header h;
    assert_true(ft_rtp_read(sr, sizeof sr, &h));
    assert_true(h.is_rtcp);
    assert_int_equal(h.payload_type, 200);
    assert_int_equal(h.ssrc, 0xab55dc64u);
    assert_int_equal(h.ssrc_offset, 4);
    assert_false(ft_rtp_is_facetime(&h));
    /* Two bytes: neither RTP nor RTCP. */
    assert_false(ft_rtp_read(sr, 2, &h));
}

/* RFC 7983's first bytes: 128-191 only; version 2 only; 12 bytes for RTP. */
static void test_rtp_refusals(void **state)
{
    (void)state;
    ft_rtp_header h;
    uint8_t p[12] = { 0x80, 0x60 };
    assert_true(ft_rtp_read(p, 12, &h));
    assert_false(ft_rtp_read(p, 11, &h));
    const uint8_t firsts[] = { 0x00, 0x03, 0x40, 0x4f, 0x7f, 0xc0, 0xff, 0x10 };
    for (size_t i = 0; i < sizeof firsts; i++) {
        p[0] = firsts[i];
        assert_false(ft_rtp_read(p, 12, &h));
    }
    assert_false(ft_rtp_read(NULL, 0, &h));
}

static void test_payload_kinds(void **state)
{
    (void)state;
    assert_int_equal(ft_payload_kind(0), FT_MEDIA_AUDIO);       /* PCMU */
    assert_int_equal(ft_payload_kind(18), FT_MEDIA_AUDIO);      /* G729 */
    assert_int_equal(ft_payload_kind(34), FT_MEDIA_VIDEO);      /* H263 */
    assert_int_equal(ft_payload_kind(104), FT_MEDIA_AUDIO);
    assert_int_equal(ft_payload_kind(126), FT_MEDIA_VIDEO);
    assert_int_equal(ft_payload_kind(19), FT_MEDIA_OTHER);      /* reserved */
    assert_int_equal(ft_payload_kind(96), FT_MEDIA_OTHER);      /* no public source */
}

static void test_first_bytes(void **state)
{
    (void)state;
    assert_true(ft_is_stun_start(0));
    assert_true(ft_is_stun_start(3));
    assert_false(ft_is_stun_start(4));
    assert_true(ft_is_channel_data_start(0x40));
    assert_true(ft_is_channel_data_start(0x4f));
    assert_false(ft_is_channel_data_start(0x3f));
    assert_false(ft_is_channel_data_start(0x50));
}

/* A Binding success (0x0101), transaction ID 0x01..0x0c, with attributes appended. */
typedef struct stun_builder {
    uint8_t bytes[256];
    size_t len;
} stun_builder;

static void stun_start(stun_builder *b, uint16_t type)
{
    static const uint8_t header[20] = {
        0x00, 0x00, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    };
    memcpy(b->bytes, header, sizeof header);
    b->bytes[0] = (uint8_t)(type >> 8);
    b->bytes[1] = (uint8_t)type;
    b->len = sizeof header;
}

static void stun_add(stun_builder *b, uint16_t type, const uint8_t *value, size_t len)
{
    uint8_t *at = b->bytes + b->len;
    at[0] = (uint8_t)(type >> 8);
    at[1] = (uint8_t)type;
    at[2] = (uint8_t)(len >> 8);
    at[3] = (uint8_t)len;
    memcpy(at + 4, value, len);
    size_t padded = (len + 3) / 4 * 4;
    memset(at + 4 + len, 0, padded - len);
    b->len += 4 + padded;
    size_t body = b->len - 20;
    b->bytes[2] = (uint8_t)(body >> 8);
    b->bytes[3] = (uint8_t)body;
}

/* 203.0.113.47:16402 XOR-ed with the cookie. */
static const uint8_t xor_mapped_v4[] = {
    0x00, 0x01, 0x40 ^ 0x21, 0x12 ^ 0x12, 203 ^ 0x21, 0 ^ 0x12, 113 ^ 0xa4, 47 ^ 0x42,
};
/* 198.51.100.9:61234 in the clear. */
static const uint8_t mapped_v4[] = { 0x00, 0x01, 0xef, 0x32, 198, 51, 100, 9 };

static void test_stun_xor_mapped(void **state)
{
    (void)state;
    stun_builder b;
    stun_start(&b, 0x0101);
    stun_add(&b, 0x0001, mapped_v4, sizeof mapped_v4);
    stun_add(&b, 0x0020, xor_mapped_v4, sizeof xor_mapped_v4);
    ft_stun_message m;
    assert_true(ft_stun_read(b.bytes, b.len, &m));
    assert_int_equal(m.type, 0x0101);
    assert_int_equal(m.type & FT_STUN_CLASS_MASK, FT_STUN_SUCCESS);
    assert_true(m.has_mapped);
    assert_false(m.mapped.is_ipv6);
    assert_int_equal(m.mapped.port, 16402);
    const uint8_t expected[4] = { 203, 0, 113, 47 };
    assert_memory_equal(m.mapped.bytes, expected, 4);
    assert_false(m.has_relayed);

    /* XOR-MAPPED-ADDRESS first, MAPPED-ADDRESS after it: the XOR-ed one still wins. */
    stun_start(&b, 0x0101);
    stun_add(&b, 0x0020, xor_mapped_v4, sizeof xor_mapped_v4);
    stun_add(&b, 0x0001, mapped_v4, sizeof mapped_v4);
    assert_true(ft_stun_read(b.bytes, b.len, &m));
    assert_int_equal(m.mapped.port, 16402);

    /* MAPPED-ADDRESS alone (RFC 3489 servers). */
    stun_start(&b, 0x0101);
    stun_add(&b, 0x0001, mapped_v4, sizeof mapped_v4);
    assert_true(ft_stun_read(b.bytes, b.len, &m));
    assert_true(m.has_mapped);
    assert_int_equal(m.mapped.port, 61234);
}

static void test_stun_ipv6_and_relayed(void **state)
{
    (void)state;
    /* 2001:db8::1 port 3478, XOR-ed with the cookie and the transaction ID. */
    uint8_t value[20] = { 0x00, 0x02, 0x0d ^ 0x21, 0x96 ^ 0x12 };
    const uint8_t addr[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    const uint8_t key[16] = { 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    for (size_t i = 0; i < 16; i++)
        value[4 + i] = addr[i] ^ key[i];
    stun_builder b;
    stun_start(&b, 0x0103);
    stun_add(&b, 0x0016, value, sizeof value);
    stun_add(&b, 0x0020, xor_mapped_v4, sizeof xor_mapped_v4);
    ft_stun_message m;
    assert_true(ft_stun_read(b.bytes, b.len, &m));
    assert_true(m.has_relayed);
    assert_true(m.relayed.is_ipv6);
    assert_int_equal(m.relayed.port, 3478);
    assert_memory_equal(m.relayed.bytes, addr, 16);
    assert_true(m.has_mapped);
    assert_false(m.mapped.is_ipv6);
}

static void test_stun_refusals(void **state)
{
    (void)state;
    stun_builder b;
    ft_stun_message m;
    stun_start(&b, 0x0101);
    stun_add(&b, 0x0020, xor_mapped_v4, sizeof xor_mapped_v4);
    assert_false(ft_stun_read(b.bytes, b.len - 1, &m));      /* the length runs past */
    assert_false(ft_stun_read(b.bytes, 19, &m));
    b.bytes[4] = 0;                                           /* no magic cookie */
    assert_false(ft_stun_read(b.bytes, b.len, &m));

    /* An attribute whose length runs past the message, an unknown family, a short address:
     * the message reads, without an address. */
    stun_start(&b, 0x0101);
    uint8_t bad_family[8];
    memcpy(bad_family, xor_mapped_v4, sizeof bad_family);
    bad_family[1] = 0x03;
    stun_add(&b, 0x0020, bad_family, sizeof bad_family);
    stun_add(&b, 0x0001, mapped_v4, 6);
    assert_true(ft_stun_read(b.bytes, b.len, &m));
    assert_false(m.has_mapped);
    stun_start(&b, 0x0101);
    stun_add(&b, 0x0020, xor_mapped_v4, sizeof xor_mapped_v4);
    b.bytes[23] = 0xff;                                       /* attribute length 255 */
    assert_true(ft_stun_read(b.bytes, b.len, &m));
    assert_false(m.has_mapped);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rtp_with_signature),
        cmocka_unit_test(test_signature_refusals),
        cmocka_unit_test(test_rtcp),
        cmocka_unit_test(test_rtp_refusals),
        cmocka_unit_test(test_payload_kinds),
        cmocka_unit_test(test_first_bytes),
        cmocka_unit_test(test_stun_xor_mapped),
        cmocka_unit_test(test_stun_ipv6_and_relayed),
        cmocka_unit_test(test_stun_refusals),
    };
    return cmocka_run_group_tests_name("media", tests, NULL, NULL);
}
