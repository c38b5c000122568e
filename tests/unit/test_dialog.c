/* test_dialog.c - calls as RFC 3261 dialogs: which messages are a call's, what each does to it
 * (outcome, end, the dialog a fork keeps) and what a body in it is.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ft_dialog.h"
#include "test_support.h"

#define CALL_ID "8C4B2E1A-5D7F-4E3B-9A61-0F2C3D4E5F60"
#define CALLER_URI "sip:user@210.172.128.230:16402"
#define CALLEE_URI "sip:user@203.0.113.47:16402"

static ft_text text(const char *s)
{
    ft_text t = { s, s ? strlen(s) : 0 };
    return t;
}

/* A message of the default call: the caller's tag "caller", the callee's branch tag given. */
static ft_sip_summary message(const char *method, unsigned status, uint64_t cseq,
                              const char *cseq_method, const char *from_tag, const char *to_tag,
                              bool has_body)
{
    ft_sip_summary m;
    memset(&m, 0, sizeof m);
    m.method = text(status ? NULL : method);
    m.status = status;
    m.call_id = text(CALL_ID);
    bool caller_side = from_tag && strcmp(from_tag, "caller") == 0;
    m.from_uri = text(caller_side ? CALLER_URI : CALLEE_URI);
    m.to_uri = text(caller_side ? CALLEE_URI : CALLER_URI);
    m.from_tag = text(from_tag);
    m.to_tag = text(to_tag);
    m.has_cseq = true;
    m.cseq = cseq;
    m.cseq_method = text(cseq_method);
    m.has_body = has_body;
    return m;
}

/* The caller's request, and the callee's response to one. */
static ft_sip_summary caller_request(const char *method, uint64_t cseq, const char *to_tag,
                                     bool body)
{
    return message(method, 0, cseq, method, "caller", to_tag, body);
}

static ft_sip_summary response(unsigned status, uint64_t cseq, const char *method,
                               const char *to_tag, bool body)
{
    return message(NULL, status, cseq, method, "caller", to_tag, body);
}

typedef struct fixture {
    counting_allocator counting;
    ft_dialog dialog;
} fixture;

static ft_dialog_step follow(fixture *f, ft_sip_summary m)
{
    ft_dialog_step step;
    assert_true(ft_dialog_takes(&f->dialog, &m));
    assert_true(ft_dialog_follow(&f->dialog, &m, &f->counting.allocator, &step));
    return step;
}

static void start(fixture *f, ft_sip_summary first)
{
    counting_allocator_init(&f->counting, -1);
    assert_true(ft_dialog_start(&f->dialog, &first, &f->counting.allocator));
}

static void finish(fixture *f)
{
    ft_dialog_free(&f->dialog, &f->counting.allocator);
    assert_int_equal(f->counting.live, 0);
}

static void ring_and_answer(fixture *f, uint64_t cseq, const char *tag, bool answer_body)
{
    follow(f, response(100, cseq, "INVITE", NULL, false));
    follow(f, response(180, cseq, "INVITE", tag, false));
    ft_dialog_step ok = follow(f, response(200, cseq, "INVITE", tag, answer_body));
    assert_true(ok.decides);
    assert_int_equal(ok.sender, FT_CALLEE);
}

static void test_answered_call(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    ft_dialog_step step = follow(&f, invite);
    assert_true(step.starts);
    assert_int_equal(step.sender, FT_CALLER);
    assert_int_equal(step.role, FT_BODY_OFFER);
    follow(&f, response(100, 1, "INVITE", NULL, false));
    step = follow(&f, response(200, 1, "INVITE", "ipad", true));
    assert_int_equal(step.role, FT_BODY_ANSWER);
    assert_true(step.of_kept_branch);
    assert_int_equal(f.dialog.outcome, FT_OUTCOME_ANSWERED);
    assert_int_equal(follow(&f, caller_request("ACK", 1, "ipad", false)).role, FT_BODY_OUTSIDE);
    step = follow(&f, caller_request("BYE", 2, "ipad", false));
    assert_true(step.ends);
    assert_true(f.dialog.ended_by_bye);
    assert_false(follow(&f, response(200, 2, "BYE", "ipad", false)).ends);
    finish(&f);
}

static void test_late_offer(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, false);
    start(&f, invite);
    assert_int_equal(follow(&f, invite).role, FT_BODY_OUTSIDE);
    assert_int_equal(follow(&f, response(200, 1, "INVITE", "t", true)).role, FT_BODY_OFFER);
    assert_int_equal(follow(&f, caller_request("ACK", 1, "t", true)).role, FT_BODY_ANSWER);
    finish(&f);
}

/* A challenge, glare or refused timer: the retry with a higher CSeq is the same call. */
static void retried_after(unsigned status)
{
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    follow(&f, invite);
    ft_dialog_step refused = follow(&f, response(status, 1, "INVITE", "t1", false));
    assert_true(refused.decides && refused.ends);
    follow(&f, caller_request("ACK", 1, "t1", false));
    ft_dialog_step retry = follow(&f, caller_request("INVITE", 2, NULL, true));
    assert_true(retry.starts);
    assert_int_equal(retry.role, FT_BODY_OFFER);
    assert_int_equal(f.dialog.outcome, FT_OUTCOME_NO_FINAL);
    ring_and_answer(&f, 2, "t2", true);
    assert_int_equal(f.dialog.outcome, FT_OUTCOME_ANSWERED);
    assert_false(f.dialog.ended);
    assert_true(follow(&f, caller_request("BYE", 3, "t2", false)).ends);
    finish(&f);
}

static void test_retry_after_challenge_or_glare(void **state)
{
    (void)state;
    retried_after(401);
    retried_after(407);
    retried_after(491);
}

/* After a call ended, an INVITE outside any dialog with its Call-ID is a new call. */
static void test_reuse_is_new_call(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    follow(&f, invite);
    ring_and_answer(&f, 1, "t", true);
    follow(&f, caller_request("BYE", 2, "t", false));
    ft_sip_summary again = caller_request("INVITE", 1, NULL, true);
    again.from_tag = text("caller-2");
    assert_false(ft_dialog_takes(&f.dialog, &again));
    again.from_tag = text("caller");
    again.cseq = 7;
    assert_false(ft_dialog_takes(&f.dialog, &again));
    /* Nor after a refusal that asks for no retry. */
    fixture g;
    start(&g, invite);
    follow(&g, invite);
    follow(&g, response(603, 1, "INVITE", "t", false));
    ft_sip_summary retry = caller_request("INVITE", 2, NULL, true);
    assert_false(ft_dialog_takes(&g.dialog, &retry));
    finish(&f);
    finish(&g);
}

/* An INVITE with the same Call-ID from another From (another tag) is not the call's. */
static void test_other_caller_tag(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary stray = message("INVITE", 0, 1, "INVITE", "stray", NULL, false);
    start(&f, stray);
    follow(&f, stray);
    ft_sip_summary real = caller_request("INVITE", 1, NULL, true);
    assert_false(ft_dialog_takes(&f.dialog, &real));
    ft_sip_summary ok = response(200, 1, "INVITE", "t", true);
    assert_false(ft_dialog_takes(&f.dialog, &ok));
    finish(&f);
}

/* Two devices answer a forked INVITE: the first is the call; the second's BYE ends only its own
 * dialog. */
static void test_fork_answered_twice(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    follow(&f, invite);
    ring_and_answer(&f, 1, "iphone", true);
    ft_dialog_step second = follow(&f, response(200, 1, "INVITE", "ipad", true));
    assert_false(second.decides);
    assert_false(second.of_kept_branch);
    assert_int_equal(second.role, FT_BODY_ANSWER);
    assert_int_equal(f.dialog.n_branches, 2);
    ft_dialog_step bye = follow(&f, caller_request("BYE", 2, "ipad", false));
    assert_false(bye.ends);
    assert_false(f.dialog.ended);
    assert_string_equal(ft_dialog_kept_branch(&f.dialog)->tag, "iphone");
    /* The callee's own BYE of the kept dialog ends the call. */
    bye = follow(&f, message("BYE", 0, 1, "BYE", "iphone", "caller", false));
    assert_int_equal(bye.sender, FT_CALLEE);
    assert_true(bye.of_kept_branch);
    assert_true(bye.ends);
    finish(&f);
}

/* The caller hangs up the first device and keeps the second: the second is the call. */
static void test_fork_keeps_the_other(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    follow(&f, invite);
    ring_and_answer(&f, 1, "iphone", true);
    follow(&f, response(200, 1, "INVITE", "ipad", true));
    assert_false(follow(&f, caller_request("BYE", 2, "iphone", false)).ends);
    assert_string_equal(ft_dialog_kept_branch(&f.dialog)->tag, "ipad");
    assert_true(follow(&f, caller_request("BYE", 3, "ipad", false)).ends);
    finish(&f);
}

/* A failure of one branch, then another branch answers: answered. The 487 of a branch after the
 * answer changes nothing. */
static void test_failure_then_answer(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    follow(&f, invite);
    follow(&f, response(486, 1, "INVITE", "iphone", false));
    assert_int_equal(f.dialog.outcome, FT_OUTCOME_BUSY);
    ft_dialog_step ok = follow(&f, response(200, 1, "INVITE", "ipad", true));
    assert_true(ok.decides);
    assert_int_equal(f.dialog.outcome, FT_OUTCOME_ANSWERED);
    assert_false(f.dialog.ended);
    assert_false(follow(&f, response(487, 1, "INVITE", "mac", false)).decides);
    assert_int_equal(f.dialog.outcome, FT_OUTCOME_ANSWERED);
    finish(&f);
}

/* CSeq numbers past 32 bits, and methods in lower case, as SIP's dissector matches them. */
static void test_cseq_as_written(void **state)
{
    (void)state;
    uint64_t n;
    ft_text method;
    assert_true(ft_sip_parse_cseq(text(" 4294967298 invite "), &n, &method));
    assert_true(n == UINT64_C(4294967298));
    assert_true(ft_sip_method_is(method, "INVITE"));
    assert_true(ft_sip_parse_cseq(text("18446744073709551615 BYE"), &n, &method));
    assert_true(n == UINT64_MAX);
    assert_false(ft_sip_parse_cseq(text("18446744073709551616 BYE"), &n, &method));
    assert_false(ft_sip_parse_cseq(text("INVITE"), &n, &method));
    assert_false(ft_sip_parse_cseq(text(""), &n, &method));
    assert_false(ft_sip_method_is(text("INVITES"), "INVITE"));

    fixture f;
    ft_sip_summary invite = caller_request("INVITE", UINT64_C(4294967298), NULL, true);
    start(&f, invite);
    follow(&f, invite);
    ft_dialog_step ok = follow(&f, response(200, UINT64_C(4294967298), "invite", "t", true));
    assert_true(ok.decides);
    assert_int_equal(ok.role, FT_BODY_ANSWER);
    assert_false(follow(&f, response(200, 2, "INVITE", "t", false)).decides);
    finish(&f);
}

/* A retransmission changes nothing, and its body is outside the exchange. */
static void test_retransmission(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    follow(&f, invite);
    invite.resend = true;
    ft_dialog_step again = follow(&f, invite);
    assert_true(again.retransmission);
    assert_int_equal(again.role, FT_BODY_OUTSIDE);
    assert_false(again.starts);
    finish(&f);
}

/* Without SIP's verdict (a body's message does not have it yet), the same request or response
 * again is a retransmission, even after the call failed; a second device's 200 OK is not. */
static void test_retransmission_by_name(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    follow(&f, invite);
    assert_true(follow(&f, invite).retransmission);
    ft_sip_summary ok = response(200, 1, "INVITE", "iphone", true);
    assert_false(follow(&f, ok).retransmission);
    ft_dialog_step again = follow(&f, ok);
    assert_true(again.retransmission);
    assert_int_equal(again.role, FT_BODY_OUTSIDE);
    assert_false(follow(&f, response(200, 1, "INVITE", "ipad", true)).retransmission);
    /* Tags are compared as written: another device's tag in other case is another dialog. */
    assert_false(follow(&f, response(200, 1, "INVITE", "IPAD", true)).retransmission);
    assert_true(follow(&f, response(200, 1, "invite", "IPAD", true)).retransmission);
    finish(&f);

    fixture g;
    start(&g, invite);
    follow(&g, invite);
    follow(&g, response(603, 1, "INVITE", "t", false));
    assert_true(ft_dialog_takes(&g.dialog, &invite));      /* a late copy of the INVITE */
    assert_true(follow(&g, invite).retransmission);
    assert_int_equal(g.dialog.outcome, FT_OUTCOME_DECLINED);
    finish(&g);
}

/* A capture that starts at the 200 OK: the first INVITE response sets the INVITE's CSeq. */
static void test_capture_starts_late(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary ok = response(200, 7, "INVITE", "t", true);
    start(&f, ok);
    ft_dialog_step step = follow(&f, ok);
    assert_true(step.decides);
    assert_int_equal(step.sender, FT_CALLEE);
    assert_int_equal(step.role, FT_BODY_ANSWER);
    assert_true(follow(&f, caller_request("BYE", 8, "t", false)).ends);
    finish(&f);
}

/* A message without tags or URIs (a mutilated one) names nobody. */
static void test_nameless_message(void **state)
{
    (void)state;
    fixture f;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    start(&f, invite);
    follow(&f, invite);
    ft_sip_summary bare;
    memset(&bare, 0, sizeof bare);
    bare.status = 180;
    bare.call_id = text(CALL_ID);
    ft_dialog_step step = follow(&f, bare);
    assert_int_equal(step.sender, FT_PARTY_UNKNOWN);
    assert_false(step.of_kept_branch);
    finish(&f);

    ft_sip_summary empty_uris = bare;
    empty_uris.status = 0;
    empty_uris.method = text("INVITE");
    empty_uris.from_uri = text("");
    fixture g;
    start(&g, empty_uris);
    assert_int_equal(follow(&g, empty_uris).sender, FT_PARTY_UNKNOWN);
    finish(&g);
}

/* Memory refused: starting fails without a leak; a branch that cannot be kept is not. */
static void test_out_of_memory(void **state)
{
    (void)state;
    ft_sip_summary invite = caller_request("INVITE", 1, NULL, true);
    for (long budget = 0; budget < 4; budget++) {
        counting_allocator c;
        counting_allocator_init(&c, budget);
        ft_dialog d;
        assert_false(ft_dialog_start(&d, &invite, &c.allocator));
        assert_int_equal(c.live, 0);
    }
    counting_allocator c;
    counting_allocator_init(&c, 4);
    ft_dialog d;
    assert_true(ft_dialog_start(&d, &invite, &c.allocator));
    ft_dialog_step step;
    ft_sip_summary ok = response(200, 1, "INVITE", "t", true);
    assert_false(ft_dialog_follow(&d, &ok, &c.allocator, &step));
    assert_int_equal(d.outcome, FT_OUTCOME_ANSWERED);
    assert_null(ft_dialog_kept_branch(&d));
    ft_dialog_free(&d, &c.allocator);
    assert_int_equal(c.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answered_call),
        cmocka_unit_test(test_late_offer),
        cmocka_unit_test(test_retry_after_challenge_or_glare),
        cmocka_unit_test(test_reuse_is_new_call),
        cmocka_unit_test(test_other_caller_tag),
        cmocka_unit_test(test_fork_answered_twice),
        cmocka_unit_test(test_fork_keeps_the_other),
        cmocka_unit_test(test_failure_then_answer),
        cmocka_unit_test(test_cseq_as_written),
        cmocka_unit_test(test_retransmission),
        cmocka_unit_test(test_retransmission_by_name),
        cmocka_unit_test(test_capture_starts_late),
        cmocka_unit_test(test_nameless_message),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests_name("dialog", tests, NULL, NULL);
}
