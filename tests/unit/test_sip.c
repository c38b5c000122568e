/* test_sip.c - where a SIP message's body lies in a frame: after the lower layers' bytes, with
 * long or compact header names, one message after another, cut by its Content-Length.
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

/* A 200 OK to an INVITE, as FaceTime writes it: compact names, CRLF, no body. */
static const char ok_response[] =
    "SIP/2.0 200 OK\r\n"
    "v: SIP/2.0/UDP 192.168.1.23:16402;branch=z9hG4bK-1;rport=16402\r\n"
    "f: <sip:user@210.172.128.230:16402>;tag=caller-tag\r\n"
    "t: \"Hanako\" <sip:user@203.0.113.47:16402>;tag=callee-tag\r\n"
    "i: call-one\r\n"
    "CSeq: 1 INVITE\r\n"
    "l: 0\r\n"
    "\r\n";

static void assert_span(const char *text, ft_span s, const char *expected)
{
    assert_int_equal(s.length, strlen(expected));
    assert_memory_equal(text + s.offset, expected, s.length);
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
        cmocka_unit_test(test_body_after_lower_layers),
        cmocka_unit_test(test_body_long_names_lf),
        cmocka_unit_test(test_bodies_in_turn),
        cmocka_unit_test(test_body_cut),
    };
    return cmocka_run_group_tests_name("sip", tests, NULL, NULL);
}
