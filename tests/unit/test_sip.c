/* test_sip.c - reading the SIP headers the call model needs from a frame's text: CSeq, tags,
 * the top Via branch, found by Call-ID among several messages.
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

#include "ft_sip.h"

/* A 200 OK to an INVITE, as FaceTime writes it: compact names, CRLF. */
static const char ok_response[] =
    "SIP/2.0 200 OK\r\n"
    "v: SIP/2.0/UDP 192.168.1.23:16402;branch=z9hG4bK-1;rport=16402\r\n"
    "v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-second\r\n"
    "f: <sip:user@210.172.128.230:16402>;tag=caller-tag\r\n"
    "t: \"Hanako\" <sip:user@203.0.113.47:16402>;tag=callee-tag\r\n"
    "i: call-one\r\n"
    "CSeq: 1 INVITE\r\n"
    "l: 0\r\n"
    "\r\n";

static bool find(const char *text, const char *call_id, ft_sip_headers *h)
{
    return ft_sip_find_headers((const uint8_t *)text, strlen(text), call_id, h);
}

static void assert_span(const char *text, ft_span s, const char *expected)
{
    assert_int_equal(s.length, strlen(expected));
    assert_memory_equal(text + s.offset, expected, s.length);
}

static void test_compact_response(void **state)
{
    (void)state;
    ft_sip_headers h;
    assert_true(find(ok_response, "call-one", &h));
    assert_true(h.has_cseq);
    assert_int_equal(h.cseq, 1);
    assert_span(ok_response, h.cseq_method, "INVITE");
    assert_span(ok_response, h.from_tag, "caller-tag");
    assert_span(ok_response, h.to_tag, "callee-tag");
    assert_span(ok_response, h.branch, "z9hG4bK-1");      /* the first Via's only */
}

static void test_long_names_and_lf(void **state)
{
    (void)state;
    const char *request =
        "CANCEL sip:user@203.0.113.47:16402 SIP/2.0\n"
        "Via: SIP/2.0/UDP 192.168.1.23:16402 ; Branch=z9hG4bK-7\n"
        "FROM: <sip:a@b> ; TAG = x\n"            /* spaces around "=": not a tag */
        "To: <sip:c@d>\n"
        "Call-ID:   call-two  \n"
        "cseq: 4294967295 CANCEL\n"
        "\n";
    ft_sip_headers h;
    assert_true(find(request, "call-two", &h));
    assert_int_equal(h.cseq, 4294967295u);
    assert_span(request, h.cseq_method, "CANCEL");
    assert_int_equal(h.from_tag.length, 0);
    assert_int_equal(h.to_tag.length, 0);
    assert_span(request, h.branch, "z9hG4bK-7");
}

/* A tag inside the URI (a URI parameter) is not the header's tag. */
static void test_tag_after_name_addr_only(void **state)
{
    (void)state;
    const char *text =
        "BYE sip:x SIP/2.0\r\n"
        "f: <sip:user@host;tag=inside>;tag=outside\r\n"
        "i: c\r\n"
        "\r\n";
    ft_sip_headers h;
    assert_true(find(text, "c", &h));
    assert_span(text, h.from_tag, "outside");
}

/* Several messages in one text (SIP over TCP): the one with the Call-ID answers. */
static void test_second_message(void **state)
{
    (void)state;
    char text[1024];
    snprintf(text, sizeof text, "%s%s", ok_response,
             "BYE sip:user@203.0.113.47:16402 SIP/2.0\r\ni: call-three\r\nCSeq: 2 BYE\r\n\r\n");
    ft_sip_headers h;
    assert_true(find(text, "call-three", &h));
    assert_int_equal(h.cseq, 2);
    assert_span(text, h.cseq_method, "BYE");
    assert_false(find(text, "call-four", &h));
    assert_false(find(text, "call-on", &h));              /* a prefix is not the Call-ID */
}

static void test_broken_cseq(void **state)
{
    (void)state;
    const char *cases[] = {
        "SIP/2.0 200 OK\r\ni: c\r\nCSeq: 4294967296 INVITE\r\n\r\n",    /* past 32 bits */
        "SIP/2.0 200 OK\r\ni: c\r\nCSeq: 1\r\n\r\n",                    /* no method */
        "SIP/2.0 200 OK\r\ni: c\r\nCSeq: one INVITE\r\n\r\n",
        "SIP/2.0 200 OK\r\ni: c\r\nCSeq:\r\n\r\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ft_sip_headers h;
        assert_true(find(cases[i], "c", &h));
        assert_false(h.has_cseq);
    }
}

/* No text, no start line, a header that never ends, every prefix of a message: never a read
 * past the end (the sanitized run checks), and no Call-ID from a cut one. */
static void test_cut_and_empty(void **state)
{
    (void)state;
    ft_sip_headers h;
    assert_false(ft_sip_find_headers((const uint8_t *)"", 0, "c", &h));
    assert_false(find("i: c\r\n\r\n", "c", &h));
    size_t len = strlen(ok_response);
    for (size_t cut = 0; cut < len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, ok_response, cut);
        bool found = ft_sip_find_headers(copy, cut, "call-one", &h);
        /* "i: call-one\r\n" ends at this offset; shorter cuts cannot hold the whole Call-ID. */
        if (cut < (size_t)(strstr(ok_response, "i: call-one") - ok_response) + 11)
            assert_false(found);
        free(copy);
    }
}

/* The first message of a datagram, whatever its Call-ID: an INVITE with or without a body. */
static void test_read_message(void **state)
{
    (void)state;
    const char *bodyless =
        "INVITE sip:user@203.0.113.47:16402 SIP/2.0\r\n"
        "i: late\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n";
    ft_sip_headers h;
    size_t len = strlen(bodyless);
    assert_true(ft_sip_read_message((const uint8_t *)bodyless, len, &h));
    assert_span(bodyless, h.method, "INVITE");
    assert_span(bodyless, h.call_id, "late");
    assert_true(h.has_content_length);
    assert_int_equal(h.content_length, 0);
    assert_false(ft_sip_has_body(&h, len));

    const char *with_body = "INVITE sips:a@b SIP/2.0\r\ni: x\r\n\r\nv=0\r\n";
    len = strlen(with_body);
    assert_true(ft_sip_read_message((const uint8_t *)with_body, len, &h));
    assert_false(h.has_content_length);
    assert_true(ft_sip_has_body(&h, len));             /* no l:, and text after the header */

    assert_true(ft_sip_read_message((const uint8_t *)ok_response, strlen(ok_response), &h));
    assert_int_equal(h.method.length, 0);              /* a response */
    assert_false(ft_sip_has_body(&h, strlen(ok_response)));

    const char *not_sip[] = { "INVITE", "INVITE x SIP/2.0\r\n", "invite sip:a SIP/2.0\r\n",
                              "SIP/2.0", " INVITE sip:a SIP/2.0\r\n", "" };
    for (size_t i = 0; i < sizeof not_sip / sizeof not_sip[0]; i++)
        assert_false(ft_sip_read_message((const uint8_t *)not_sip[i], strlen(not_sip[i]), &h));
}

static bool next_body(const char *text, size_t from, ft_sip_body *body)
{
    return ft_sip_next_body((const uint8_t *)text, strlen(text), from, body);
}

/* A message's body, found from its start line, not from any empty line before it. */
static void test_body_after_lower_layers(void **state)
{
    (void)state;
    const char *frame =
        "\n\n\n\n\r\n\x45\x01\n\n"
        "INVITE sip:user@203.0.113.47:16402 SIP/2.0\r\n"
        "v: SIP/2.0/UDP 210.172.128.230:16402;branch=z9hG4bK-ft-1\r\n"
        "c: application/sdp\r\n"
        "e: deflate\r\n"
        "l: 5\r\n"
        "\r\n"
        "abcdefgh";
    ft_sip_body body;
    assert_true(next_body(frame, 0, &body));
    assert_int_equal(body.offset, strlen(frame) - 8);
    assert_int_equal(body.length, 5);                  /* to its Content-Length */
    assert_true(body.has_content_length);
    assert_int_equal(body.content_length, 5);
    assert_span(frame, body.content_encoding, "deflate");
    assert_true(ft_sip_body_declared_compressed((const uint8_t *)frame, &body));
    /* Nothing after it is a message. */
    assert_false(next_body(frame, body.offset + body.length, &body));
}

static void test_body_long_names_lf(void **state)
{
    (void)state;
    const char *message =
        "SIP/2.0 200 OK\n"
        "Content-Encoding :  GZIP \n"
        "CONTENT-LENGTH: 100\n"                       /* more than there is */
        "Call-ID: c\n"
        "\n"
        "body";
    ft_sip_body body;
    assert_true(next_body(message, 0, &body));
    assert_int_equal(body.offset, strlen(message) - 4);
    assert_int_equal(body.length, 4);                  /* to the end */
    assert_int_equal(body.content_length, 100);
    assert_span(message, body.content_encoding, "GZIP");
    assert_true(ft_sip_body_declared_compressed((const uint8_t *)message, &body));

    const char *plain = "SIP/2.0 200 OK\r\nl: x\r\ne: identity\r\n\r\nv=0\r\n";
    assert_true(next_body(plain, 0, &body));
    assert_false(body.has_content_length);             /* not a number: to the end */
    assert_int_equal(body.length, 5);
    assert_false(ft_sip_body_declared_compressed((const uint8_t *)plain, &body));
}

/* Messages one after the other (TCP): each body to its Content-Length, the next message after
 * it, even when the body holds a start line of its own. */
static void test_bodies_in_turn(void **state)
{
    (void)state;
    const char *stream =
        "SIP/2.0 180 Ringing\r\nl: 16\r\n\r\nSIP/2.0 200 OK\r\n"
        "SIP/2.0 200 OK\r\ne: deflate\r\nl: 3\r\n\r\nxyz"
        "BYE sip:a SIP/2.0\r\nl: 0\r\n\r\n";
    ft_sip_body first, second, third;
    assert_true(next_body(stream, 0, &first));
    assert_int_equal(first.length, 16);
    assert_true(next_body(stream, first.offset + first.length, &second));
    assert_int_equal(second.length, 3);
    assert_memory_equal(stream + second.offset, "xyz", 3);
    assert_true(next_body(stream, second.offset + second.length, &third));
    assert_int_equal(third.offset, strlen(stream));
    assert_int_equal(third.length, 0);
    assert_false(next_body(stream, third.offset, &third));

    ft_sip_body at;
    assert_true(ft_sip_find_body_at((const uint8_t *)stream, strlen(stream), second.offset, &at));
    assert_int_equal(at.length, 3);
    assert_span(stream, at.content_encoding, "deflate");
    assert_false(ft_sip_find_body_at((const uint8_t *)stream, strlen(stream), second.offset + 1,
                                     &at));
}

/* A header that never ends, a start line alone, a header ended by a lone CR, every prefix of a
 * message: no body, and never a read past the end (the sanitized run checks). */
static void test_body_cut(void **state)
{
    (void)state;
    ft_sip_body body;
    const char *no_body[] = { "", "SIP/2.0", "SIP/2.0 200 OK\r\n", "SIP/2.0 200 OK\r\nl: 0\r\n",
                              "SIP/2.0 200 OK\r\nl: 0\r\n\r", "l: 0\r\n\r\nbody" };
    for (size_t i = 0; i < sizeof no_body / sizeof no_body[0]; i++)
        assert_false(next_body(no_body[i], 0, &body));
    size_t len = strlen(ok_response);
    for (size_t cut = 0; cut < len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, ok_response, cut);
        assert_false(ft_sip_next_body(copy, cut, 0, &body));
        free(copy);
    }
    assert_true(ft_sip_next_body((const uint8_t *)ok_response, len, 0, &body));
    assert_int_equal(body.offset, len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_response),
        cmocka_unit_test(test_long_names_and_lf),
        cmocka_unit_test(test_tag_after_name_addr_only),
        cmocka_unit_test(test_second_message),
        cmocka_unit_test(test_broken_cseq),
        cmocka_unit_test(test_cut_and_empty),
        cmocka_unit_test(test_read_message),
        cmocka_unit_test(test_body_after_lower_layers),
        cmocka_unit_test(test_body_long_names_lf),
        cmocka_unit_test(test_bodies_in_turn),
        cmocka_unit_test(test_body_cut),
    };
    return cmocka_run_group_tests_name("sip", tests, NULL, NULL);
}
