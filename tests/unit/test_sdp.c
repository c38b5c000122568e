/* test_sdp.c - the FaceTime SDP parser: the notes' body, the answer, and every attribute with
 * good, edge and broken lines.
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

#include "ft_sdp.h"
#include "ft_summary.h"
#include "test_support.h"

/* A parse with its text and a leak-checking allocator. */
typedef struct parsed {
    const char *text;
    counting_allocator counter;
    ft_sdp sdp;
} parsed;

static void parse_with_limits(parsed *p, const char *text, size_t max_lines, size_t max_items)
{
    ft_sdp_limits limits = { max_lines, max_items };
    p->text = text;
    counting_allocator_init(&p->counter, -1);
    assert_true(ft_sdp_parse((const uint8_t *)text, strlen(text), &limits, &p->counter.allocator,
                             &p->sdp));
}

static void parse(parsed *p, const char *text)
{
    parse_with_limits(p, text, FT_SDP_DEFAULT_MAX_LINES, FT_SDP_DEFAULT_MAX_LIST_ITEMS);
}

static void release(parsed *p)
{
    ft_sdp_free(&p->sdp, &p->counter.allocator);
    assert_int_equal(p->counter.live, 0);
}

static void assert_span(const parsed *p, ft_span s, const char *expected)
{
    size_t n = strlen(expected);
    if (s.length != n || memcmp(p->text + s.offset, expected, n) != 0) {
        fail_msg("span is \"%.*s\", expected \"%s\"", (int)s.length, p->text + s.offset, expected);
    }
}

static size_t problems_of(const parsed *p, ft_problem_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < p->sdp.n_problems; i++)
        n += p->sdp.problems[i].kind == kind;
    return n;
}

/* The session level of a one-line body, or the only media section after an m= line. */
static const ft_section *last_section(const parsed *p)
{
    return &p->sdp.sections[p->sdp.n_sections - 1];
}

static void test_offer_session_level(void **state)
{
    (void)state;
    parsed p;
    parse(&p, offer_sdp);
    assert_int_equal(p.sdp.n_lines, 25);
    assert_int_equal(p.sdp.n_sections, 3);
    assert_span(&p, p.sdp.client, "GKVoiceChatService");
    assert_span(&p, p.sdp.session_name, "niisato");

    const ft_section *s = &p.sdp.sections[0];
    assert_false(s->is_media);
    assert_true(s->has_connection);
    assert_false(s->connection.is_ipv6);
    assert_memory_equal(s->connection.bytes, ((uint8_t[]){ 210, 172, 128, 230 }), 4);
    assert_span(&p, s->connection.text, "210.172.128.230");
    assert_true(s->has_bandwidth);
    assert_int_equal(s->bandwidth.value, 2000);
    assert_false(s->has_bandwidth_extra);
    assert_true(s->has_dmbr);
    assert_true(s->has_cap);

    assert_int_equal(s->n_fls, 1);
    const ft_fls *fls = &s->fls[0];
    assert_span(&p, fls->text, "VRA:0;MVRA:0;RVRA1:1;RVRA2:1;AS:2;MS:-1;LF:-1;LTR;CABAC;CR:3;PR;"
                               "AR:8/5,2/3;XR;");
    assert_false(fls->has_pt);
    assert_int_equal(fls->n_entries, 13);
    static const struct { ft_fls_key key; int32_t number; } expected[] = {
        { FT_FLS_VRA, 0 }, { FT_FLS_MVRA, 0 }, { FT_FLS_RVRA1, 1 }, { FT_FLS_RVRA2, 1 },
        { FT_FLS_AS, 2 }, { FT_FLS_MS, -1 }, { FT_FLS_LF, -1 }, { FT_FLS_LTR, 0 },
        { FT_FLS_CABAC, 0 }, { FT_FLS_CR, 3 }, { FT_FLS_PR, 0 }, { FT_FLS_AR, 0 }, { FT_FLS_XR, 0 },
    };
    for (size_t i = 0; i < 13; i++) {
        assert_int_equal(fls->entries[i].key, expected[i].key);
        assert_true(fls->entries[i].valid);
        assert_int_equal(fls->entries[i].number, expected[i].number);
    }
    const ft_fls_entry *ar = &fls->entries[11];
    assert_int_equal(ar->n_ratios, 2);
    assert_span(&p, ar->ratios[0].text, "8/5");
    assert_int_equal(ar->ratios[0].numerator, 8);
    assert_int_equal(ar->ratios[0].denominator, 5);
    assert_span(&p, ar->ratios[1].text, "2/3");
    release(&p);
}

static void test_offer_media(void **state)
{
    (void)state;
    parsed p;
    parse(&p, offer_sdp);
    const ft_section *audio = &p.sdp.sections[1], *video = &p.sdp.sections[2];

    assert_true(audio->is_media);
    assert_int_equal(audio->kind, FT_MEDIA_AUDIO);
    assert_int_equal(audio->port.value, 37338);
    assert_true(audio->is_rtp);
    assert_span(&p, audio->transport, "RTP/AVP");
    assert_true(audio->has_rtcp_port);
    assert_int_equal(audio->rtcp_port.value, 37338);
    assert_true(audio->has_rtpid);
    assert_int_equal(audio->rtpid.value, 3398691976u);
    assert_span(&p, audio->rtpid.text, "3398691976");
    assert_true(audio->has_au);
    assert_int_equal(audio->au.value, 67072);
    assert_false(audio->has_connection);

    assert_int_equal(audio->n_fmtps, 6);
    const ft_fmtp *aac = &audio->fmtps[0];
    assert_false(aac->has_pt);
    assert_span(&p, aac->format, "AAC");
    assert_true(aac->has_samples_per_block);
    assert_int_equal(aac->samples_per_block.value, 480);
    const ft_fmtp *f106 = &audio->fmtps[3];
    assert_int_equal(f106->pt.value, 106);
    assert_true(f106->has_sec && f106->has_sbr && f106->has_samples_per_block);
    const ft_fmtp *f122 = &audio->fmtps[4];
    assert_true(f122->has_sec);
    assert_false(f122->has_sbr);
    assert_false(f122->has_samples_per_block);

    assert_int_equal(video->kind, FT_MEDIA_VIDEO);
    assert_int_equal(video->rtpid.value, 1321803278u);
    assert_int_equal(video->n_rtpmaps, 1);
    assert_int_equal(video->rtpmaps[0].pt.value, 126);
    assert_span(&p, video->rtpmaps[0].encoding_name, "X-H264");
    assert_int_equal(video->rtpmaps[0].clock_rate, 90000);
    assert_int_equal(video->rtpmaps[0].channels, 0);

    const ft_fmtp *imagesize = &video->fmtps[0];
    assert_true(imagesize->has_imagesize);
    assert_int_equal(imagesize->imagesize.value, 0);
    assert_span(&p, imagesize->rules, "15:320:240:320:240:15");
    assert_int_equal(imagesize->n_rule_values, 6);
    static const uint32_t rules[] = { 15, 320, 240, 320, 240, 15 };
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(imagesize->rule_values[i].value, rules[i]);

    assert_int_equal(video->n_imageattrs, 1);
    const ft_imageattr *ia = &video->imageattrs[0];
    assert_true(ia->has_pt);
    assert_int_equal(ia->pt.value, 126);
    assert_true(ia->uses_fps);
    assert_int_equal(ia->n_directions, 2);
    assert_true(ia->directions[0].is_send);
    assert_false(ia->directions[1].is_send);
    static const uint32_t sizes[4][2] = { { 320, 240 }, { 480, 368 }, { 640, 480 }, { 1280, 720 } };
    for (size_t d = 0; d < 2; d++) {
        assert_int_equal(ia->directions[d].n_sets, 4);
        for (size_t i = 0; i < 4; i++) {
            const ft_image_set *set = &ia->directions[d].sets[i];
            assert_true(set->has_x && set->has_y && set->has_fps);
            assert_int_equal(set->x.value, sizes[i][0]);
            assert_int_equal(set->y.value, sizes[i][1]);
            assert_int_equal(set->fps.value, 30);
            assert_int_equal(set->n_other_params, 0);
        }
    }
    assert_span(&p, ia->directions[0].sets[0].text, "[x=320,y=240,fps=30]");

    /* The two dialect notes, once each, and nothing else. */
    assert_int_equal(p.sdp.n_problems, 2);
    assert_int_equal(problems_of(&p, FT_PROBLEM_FMTP_CODEC_NAME), 1);
    assert_int_equal(problems_of(&p, FT_PROBLEM_IMAGEATTR_FPS), 1);
    release(&p);
}

static void test_answer(void **state)
{
    (void)state;
    parsed p;
    parse(&p, answer_sdp);
    const ft_section *s = &p.sdp.sections[0];
    assert_span(&p, p.sdp.session_name, "hanako");
    assert_int_equal(s->bandwidth.value, 2000);
    assert_true(s->has_bandwidth_extra);
    assert_int_equal(s->bandwidth_extra.value, 1500);
    assert_false(s->has_cap);
    const ft_fls_entry *uep = &s->fls[0].entries[13];
    assert_int_equal(uep->key, FT_FLS_UEP);
    assert_true(uep->valid);
    assert_span(&p, uep->text, "UEP");
    assert_int_equal(p.sdp.sections[1].rtpid.value, 2874530916u);
    assert_int_equal(p.sdp.sections[2].rtpid.value, 3787342153u);
    assert_int_equal(p.sdp.sections[2].imageattrs[0].directions[0].n_sets, 2);
    release(&p);
}

/* ---- line ends ---- */

static void test_line_ends(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "v=0\r\na=rtpID:7\r\n", "v=0\na=rtpID:7\n", "v=0\ra=rtpID:7\r", "v=0\r\na=rtpID:7",
        "v=0\na=rtpID:7\r\n",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        parsed p;
        parse(&p, bodies[i]);
        assert_int_equal(p.sdp.n_lines, 2);
        assert_true(p.sdp.sections[0].has_rtpid);
        assert_int_equal(p.sdp.sections[0].rtpid.value, 7);
        release(&p);
    }
}

static void test_empty_and_junk_lines(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "");
    assert_int_equal(p.sdp.n_lines, 0);
    assert_int_equal(p.sdp.n_sections, 1);
    release(&p);
    parse(&p, "\r\n\r\nx\r\n=\r\nzz\r\na\r\na=\r\n");
    assert_int_equal(p.sdp.n_problems, 0);
    release(&p);
}

static void test_line_limit(void **state)
{
    (void)state;
    parsed p;
    parse_with_limits(&p, "v=0\r\ns=a\r\na=rtpID:1\r\na=au:2\r\n", 3, 64);
    assert_int_equal(p.sdp.n_lines, 3);
    assert_true(p.sdp.sections[0].has_rtpid);
    assert_false(p.sdp.sections[0].has_au);
    assert_int_equal(problems_of(&p, FT_PROBLEM_LINE_LIMIT), 1);
    assert_span(&p, p.sdp.problems[0].where, "a=au:2\r\n");
    release(&p);
}

/* ---- a=rtpID and other numbers ---- */

static void expect_rtpid_problem(const char *line)
{
    parsed p;
    parse(&p, line);
    assert_false(last_section(&p)->has_rtpid);
    assert_int_equal(problems_of(&p, FT_PROBLEM_RTPID_INVALID), 1);
    release(&p);
}

static void test_rtpid(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=rtpID:4294967295\r\n");
    assert_int_equal(p.sdp.sections[0].rtpid.value, 4294967295u);
    release(&p);
    parse(&p, "a=rtpID:0\r\n");
    assert_true(p.sdp.sections[0].has_rtpid);
    assert_int_equal(p.sdp.sections[0].rtpid.value, 0);
    release(&p);
    parse(&p, "a=rtpID: 12 \r\n");          /* blanks around are tolerated */
    assert_int_equal(p.sdp.sections[0].rtpid.value, 12);
    release(&p);

    expect_rtpid_problem("a=rtpID:4294967296\r\n");        /* 2^32 */
    expect_rtpid_problem("a=rtpID:99999999999\r\n");       /* overlong */
    expect_rtpid_problem("a=rtpID:\r\n");
    expect_rtpid_problem("a=rtpID:-1\r\n");
    expect_rtpid_problem("a=rtpID:0x1234\r\n");
    expect_rtpid_problem("a=rtpID:12ab\r\n");
}

static void test_rtpid_duplicate(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "m=audio 1 RTP/AVP 0\r\na=rtpID:5\r\na=rtpID:6\r\n");
    assert_int_equal(last_section(&p)->rtpid.value, 5);
    assert_int_equal(problems_of(&p, FT_PROBLEM_DUPLICATE), 1);
    release(&p);
}

static void test_au_and_rtcp(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "m=audio 5 RTP/AVP 0\r\na=au:67072\r\na=rtcp:5004 IN IP4 10.0.0.1\r\n");
    assert_int_equal(last_section(&p)->au.value, 67072);
    assert_int_equal(last_section(&p)->rtcp_port.value, 5004);
    release(&p);
    parse(&p, "a=au:x\r\na=rtcp:70000\r\n");
    assert_false(p.sdp.sections[0].has_au);
    assert_false(p.sdp.sections[0].has_rtcp_port);
    assert_int_equal(problems_of(&p, FT_PROBLEM_NUMBER_INVALID), 2);
    release(&p);
}

/* ---- a=FLS ---- */

static const ft_fls *only_fls(const parsed *p)
{
    assert_int_equal(p->sdp.sections[0].n_fls, 1);
    return &p->sdp.sections[0].fls[0];
}

static void test_fls_edge_cases(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=FLS;MS:-1;VRA:2147483647;LF:-2147483648;;NEW:7;ODD;\r\n");
    const ft_fls *fls = only_fls(&p);
    assert_int_equal(fls->n_entries, 5);
    assert_int_equal(fls->entries[0].number, -1);
    assert_int_equal(fls->entries[1].number, 2147483647);
    assert_int_equal(fls->entries[2].number, INT32_MIN);
    assert_int_equal(fls->entries[3].key, FT_FLS_UNKNOWN);
    assert_span(&p, fls->entries[3].text, "NEW:7");
    assert_true(fls->entries[3].valid);
    assert_span(&p, fls->entries[4].text, "ODD");
    assert_int_equal(p.sdp.n_problems, 0);
    release(&p);

    parse(&p, "a=FLS\r\n");              /* empty list */
    assert_int_equal(only_fls(&p)->n_entries, 0);
    release(&p);
    parse(&p, "a=FLS;XR\r\n");           /* no trailing ';' */
    assert_int_equal(only_fls(&p)->entries[0].key, FT_FLS_XR);
    release(&p);
}

static void test_fls_broken_entries(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=FLS;VRA:;MVRA;CR:abc;AS:2147483648;MS:--1;LTR:1;AR:8/0,2/3;AR:x;:5;\r\n");
    const ft_fls *fls = only_fls(&p);
    assert_int_equal(fls->n_entries, 9);
    for (size_t i = 0; i < fls->n_entries; i++)
        assert_false(fls->entries[i].valid);
    assert_int_equal(problems_of(&p, FT_PROBLEM_FLS_INVALID), 9);
    assert_int_equal(fls->entries[6].n_ratios, 1);          /* 8/0 dropped, 2/3 kept */
    assert_span(&p, fls->entries[6].ratios[0].text, "2/3");
    release(&p);
}

static void test_fls_list_limit(void **state)
{
    (void)state;
    parsed p;
    parse_with_limits(&p, "a=FLS;A;B;C;D;E;\r\n", 100, 3);
    assert_int_equal(only_fls(&p)->n_entries, 3);
    assert_int_equal(problems_of(&p, FT_PROBLEM_LIST_LIMIT), 1);
    release(&p);
}

static void test_x_fls(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=X_FLS:100 VRA:1;LTR;\r\na=X_FLS:abc VRA:1\r\n");
    const ft_fls *fls = only_fls(&p);
    assert_true(fls->has_pt);
    assert_int_equal(fls->pt.value, 100);
    assert_int_equal(fls->n_entries, 2);
    assert_int_equal(problems_of(&p, FT_PROBLEM_NUMBER_INVALID), 1);
    release(&p);
}

/* Apple's composer writes the literal FLS token first in X_FLS too, and keys in every form. */
static void test_fls_composer_forms(void **state)
{
    (void)state;
    parsed p;
    parse(&p, composer_sdp);
    const ft_section *s = &p.sdp.sections[0];
    assert_int_equal(s->n_fls, 3);
    const ft_fls *main = &s->fls[0], *h264 = &s->fls[1], *hevc = &s->fls[2];
    assert_false(main->has_pt);
    assert_int_equal(main->n_entries, 15);
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < s->fls[i].n_entries; j++) {
            assert_true(s->fls[i].entries[j].valid);
            assert_int_not_equal(s->fls[i].entries[j].key, FT_FLS_UNKNOWN);
        }
    assert_int_equal(problems_of(&p, FT_PROBLEM_FLS_INVALID), 0);
    assert_int_equal(main->entries[10].key, FT_FLS_CH1);
    assert_int_equal(main->entries[10].number, 4);
    const ft_fls_entry *xr = &main->entries[14];
    assert_int_equal(xr->key, FT_FLS_XR);
    assert_int_equal(xr->n_ratios, 2);
    assert_span(&p, xr->ratios[0].text, "3/2");
    assert_int_equal(xr->ratios[1].denominator, 3);

    assert_int_equal(h264->pt.value, 123);
    assert_span(&p, h264->text, "VRA:0;CR;LF;XR;UEP;");
    assert_int_equal(h264->entries[1].key, FT_FLS_CR);
    assert_false(h264->entries[1].has_value);
    assert_int_equal(h264->entries[3].key, FT_FLS_XR);
    assert_int_equal(h264->entries[3].n_ratios, 0);
    assert_int_equal(hevc->pt.value, 100);
    assert_int_equal(hevc->n_entries, 7);
    assert_int_equal(hevc->entries[0].key, FT_FLS_SW);
    assert_span(&p, hevc->entries[0].text, "SW:1");
    assert_int_equal(hevc->entries[6].key, FT_FLS_POSE);
    release(&p);

    /* iChat's key; X_FLS without the literal token; an X_FLS of FLS alone. */
    parse(&p, "a=FLS;VRA:0;RVRA:1;AS:2\r\na=X_FLS:99 VRA:1\r\na=X_FLS:98 FLS\r\n");
    assert_int_equal(p.sdp.sections[0].fls[0].entries[1].key, FT_FLS_RVRA);
    assert_int_equal(p.sdp.sections[0].fls[1].entries[0].key, FT_FLS_VRA);
    assert_int_equal(p.sdp.sections[0].fls[2].n_entries, 0);
    assert_int_equal(p.sdp.n_problems, 0);
    release(&p);
}

/* Ratios of 0 or too many digits, values of the wrong form: flagged, never shown as right. */
static void test_fls_bad_values(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=FLS;XR:0/3;AR:16/9,12345678901234567890/1;CR:x;LF:1.5;CH1;FA:;XR:;SW:any:thing;\r\n");
    const ft_fls *fls = only_fls(&p);
    assert_int_equal(fls->n_entries, 8);
    for (size_t i = 0; i < 7; i++)
        assert_false(fls->entries[i].valid);
    assert_true(fls->entries[7].valid);                     /* SW: kept verbatim */
    assert_int_equal(problems_of(&p, FT_PROBLEM_FLS_INVALID), 7);
    assert_int_equal(fls->entries[1].n_ratios, 1);           /* only 16/9 */
    release(&p);
}

/* 100,000 keys: the list is cut at the limit, with one problem, in one pass. */
static void test_fls_huge_list(void **state)
{
    (void)state;
    size_t keys = 100000;
    char *text = malloc(6 + keys * 4 + 3);
    assert_non_null(text);
    strcpy(text, "a=FLS");
    size_t len = 5;
    for (size_t i = 0; i < keys; i++) {
        memcpy(text + len, ";CR:", 4);
        len += 4;
    }
    strcpy(text + len, "\r\n");
    parsed p;
    parse(&p, text);
    assert_int_equal(only_fls(&p)->n_entries, FT_SDP_DEFAULT_MAX_LIST_ITEMS);
    assert_int_equal(problems_of(&p, FT_PROBLEM_LIST_LIMIT), 1);
    release(&p);
    free(text);
}

static void test_flags_dmbr_cap(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=DMBR\r\na=CAP\r\na=CAP\r\na=DMBRX\r\na=cap\r\n");
    assert_true(p.sdp.sections[0].has_dmbr);
    assert_true(p.sdp.sections[0].has_cap);
    assert_int_equal(problems_of(&p, FT_PROBLEM_DUPLICATE), 1);
    assert_int_equal(p.sdp.n_problems, 1);
    release(&p);
}

/* ---- a=fmtp ---- */

static void test_fmtp(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=fmtp:101 0-15\r\na=fmtp:104 sbr ; block 960\r\na=fmtp:126 imagesize 3\r\n");
    const ft_section *s = &p.sdp.sections[0];
    assert_int_equal(s->n_fmtps, 3);
    assert_false(s->fmtps[0].has_sbr || s->fmtps[0].has_samples_per_block);
    assert_true(s->fmtps[1].has_sbr);
    assert_int_equal(s->fmtps[1].samples_per_block.value, 960);
    assert_true(s->fmtps[2].has_imagesize);
    assert_int_equal(s->fmtps[2].imagesize.value, 3);
    assert_int_equal(s->fmtps[2].rules.length, 0);
    assert_int_equal(p.sdp.n_problems, 0);
    release(&p);
}

static void test_fmtp_broken(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=fmtp:300 sbr\r\na=fmtp:104 block x\r\na=fmtp:104 block\r\n"
              "a=fmtp:126 imagesize 0 rules 15:a:240\r\na=fmtp:126 imagesize z\r\n");
    const ft_section *s = &p.sdp.sections[0];
    assert_false(s->fmtps[0].has_pt);
    assert_int_equal(problems_of(&p, FT_PROBLEM_FMTP_CODEC_NAME), 1);
    assert_false(s->fmtps[1].has_samples_per_block);
    assert_false(s->fmtps[2].has_samples_per_block);
    assert_int_equal(s->fmtps[3].n_rule_values, 1);       /* 15, then the bad one stops it */
    assert_false(s->fmtps[4].has_imagesize);
    assert_int_equal(problems_of(&p, FT_PROBLEM_NUMBER_INVALID), 4);
    release(&p);
}

/* Found by fuzz_sdp: a second imagesize in one a=fmtp is a duplicate; the first list stays
 * whole instead of taking the second one's values. */
static void test_fmtp_second_imagesize(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=fmtp:126 imagesize 0 rules 15:240;imagesize 1 rules 7\r\n");
    const ft_fmtp *fmtp = &p.sdp.sections[0].fmtps[0];
    assert_int_equal(fmtp->imagesize.value, 0);
    assert_span(&p, fmtp->rules, "15:240");
    assert_int_equal(fmtp->n_rule_values, 2);
    assert_int_equal(fmtp->rule_values[1].value, 240);
    assert_int_equal(problems_of(&p, FT_PROBLEM_DUPLICATE), 1);
    assert_int_equal(p.sdp.n_problems, 1);
    release(&p);
}

/* ---- a=imageattr ---- */

static const ft_imageattr *only_imageattr(const parsed *p)
{
    assert_int_equal(p->sdp.sections[0].n_imageattrs, 1);
    return &p->sdp.sections[0].imageattrs[0];
}

static void test_imageattr_rfc6236_forms(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=imageattr:* send [x=[320:16:640],y=[240:16:480],sar=1.1,q=0.5] * recv "
              "[x=320,y=240,i=1] [x=[320,640],y=240]\r\n");
    const ft_imageattr *ia = only_imageattr(&p);
    assert_false(ia->has_pt);
    assert_false(ia->uses_fps);
    assert_int_equal(ia->n_directions, 2);
    const ft_image_direction *send = &ia->directions[0];
    assert_true(send->any);
    assert_int_equal(send->n_sets, 1);
    assert_false(send->sets[0].has_x);
    assert_int_equal(send->sets[0].n_other_params, 4);
    assert_span(&p, send->sets[0].other_params[0].text, "x=[320:16:640]");
    assert_span(&p, send->sets[0].other_params[3].text, "q=0.5");
    /* What FaceTime's composer means by them: ranges, a preference, the cellular rule. */
    const ft_image_param *width = &send->sets[0].other_params[0];
    assert_int_equal(width->kind, FT_IMAGE_PARAM_RANGE);
    assert_false(width->is_height);
    assert_true(width->has_step);
    assert_int_equal(width->min.value, 320);
    assert_int_equal(width->step.value, 16);
    assert_int_equal(width->max.value, 640);
    assert_span(&p, width->step.text, "16");
    assert_true(send->sets[0].other_params[1].is_height);
    assert_int_equal(send->sets[0].other_params[2].kind, FT_IMAGE_PARAM_OTHER);      /* sar */
    assert_int_equal(send->sets[0].other_params[3].kind, FT_IMAGE_PARAM_QUALITY);
    assert_span(&p, send->sets[0].other_params[3].quality, "0.5");
    assert_false(send->sets[0].cellular);
    const ft_image_direction *recv = &ia->directions[1];
    assert_int_equal(recv->n_sets, 2);
    assert_span(&p, recv->sets[0].other_params[0].text, "i=1");
    assert_int_equal(recv->sets[0].other_params[0].kind, FT_IMAGE_PARAM_CELLULAR);
    assert_true(recv->sets[0].cellular);
    assert_span(&p, recv->sets[1].other_params[0].text, "x=[320,640]");
    assert_int_equal(recv->sets[1].other_params[0].kind, FT_IMAGE_PARAM_OTHER);  /* a list */
    assert_int_equal(recv->sets[1].y.value, 240);
    assert_int_equal(p.sdp.n_problems, 0);
    release(&p);
}

static void expect_imageattr_invalid(const char *line, size_t sets_kept)
{
    parsed p;
    parse(&p, line);
    const ft_imageattr *ia = only_imageattr(&p);
    size_t sets = 0;
    for (size_t i = 0; i < ia->n_directions; i++)
        sets += ia->directions[i].n_sets;
    assert_int_equal(sets, sets_kept);
    assert_int_equal(problems_of(&p, FT_PROBLEM_IMAGEATTR_INVALID), 1);
    release(&p);
}

static void test_imageattr_broken(void **state)
{
    (void)state;
    expect_imageattr_invalid("a=imageattr:126 send [x=320,y=240] [x=640,y=480\r\n", 1);
    expect_imageattr_invalid("a=imageattr:126 [x=320,y=240]\r\n", 0);          /* no direction */
    expect_imageattr_invalid("a=imageattr:126 send [x=320,y=240] up [x=1,y=1]\r\n", 1);
    /* A set that does not parse is dropped, not kept half parsed (found by fuzz_sdp). */
    expect_imageattr_invalid("a=imageattr:126 send []\r\n", 0);
    expect_imageattr_invalid("a=imageattr:126 send [x320]\r\n", 0);
    expect_imageattr_invalid("a=imageattr:126 send [x=320,,y=2]\r\n", 0);
    expect_imageattr_invalid("a=imageattr:126 send [x=320,y=240] [x=640,y=480,bogus]\r\n", 1);
    expect_imageattr_invalid("a=imageattr:xyz send [x=1,y=1]\r\n", 0);
    expect_imageattr_invalid("a=imageattr:126\r\n", 0);
}

static void test_imageattr_fps_noted_once(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=imageattr:126 send [x=1,y=1,fps=15] [x=2,y=2,fps=30] recv [x=3,y=3,fps=60]\r\n"
              "a=imageattr:127 send [x=1,y=1,fps=big]\r\n");
    assert_int_equal(problems_of(&p, FT_PROBLEM_IMAGEATTR_FPS), 2);       /* one per attribute */
    const ft_image_set *odd = &p.sdp.sections[0].imageattrs[1].directions[0].sets[0];
    assert_false(odd->has_fps);
    assert_span(&p, odd->other_params[0].text, "fps=big");
    release(&p);
}

static void test_imageattr_limits(void **state)
{
    (void)state;
    parsed p;
    parse_with_limits(&p, "a=imageattr:126 send [x=1,y=1] [x=2,y=2] [x=3,y=3]\r\n", 100, 2);
    assert_int_equal(only_imageattr(&p)->directions[0].n_sets, 2);
    assert_int_equal(problems_of(&p, FT_PROBLEM_LIST_LIMIT), 1);
    assert_int_equal(problems_of(&p, FT_PROBLEM_IMAGEATTR_INVALID), 0);
    release(&p);
}

/* ---- c=, b=, m=, o=, s=, a=rtpmap ---- */

static void test_connection(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "c=IN IP6 2001:db8::1\r\n");
    assert_true(p.sdp.sections[0].connection.is_ipv6);
    assert_int_equal(p.sdp.sections[0].connection.bytes[0], 0x20);
    assert_int_equal(p.sdp.sections[0].connection.bytes[15], 1);
    release(&p);
    parse(&p, "c=IN IP4 224.2.1.1/127/3\r\n");
    assert_memory_equal(p.sdp.sections[0].connection.bytes, ((uint8_t[]){ 224, 2, 1, 1 }), 4);
    release(&p);

    static const char *const broken[] = {
        "c=IN IP4 1.2.3\r\n", "c=IN IP4 1.2.3.4.5\r\n", "c=IN IP4 256.1.1.1\r\n",
        "c=IN IP4 1..2.3\r\n", "c=IN IP4\r\n", "c=IN IP6 2001:db8::g\r\n", "c=ATM NSAP x\r\n",
        "c=IN IP4 1.2.3.0004\r\n", "c=\r\n",
    };
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        parse(&p, broken[i]);
        assert_false(p.sdp.sections[0].has_connection);
        assert_int_equal(problems_of(&p, FT_PROBLEM_ADDRESS_INVALID), 1);
        release(&p);
    }
}

static void test_bandwidth(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "b=CT:1000\r\nb=AS:64\r\nb=TIAS:64000\r\n");
    assert_int_equal(p.sdp.sections[0].bandwidth.value, 64);
    assert_int_equal(p.sdp.n_problems, 0);
    release(&p);
    parse(&p, "b=AS:\r\nb=AS:1:x\r\nb=AS:-5\r\n");
    assert_false(p.sdp.sections[0].has_bandwidth);
    assert_int_equal(problems_of(&p, FT_PROBLEM_NUMBER_INVALID), 3);
    release(&p);
}

static void test_media_lines(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "m=video 49170/2 RTP/SAVPF 96\r\nm=application 9 UDP/DTLS/SCTP webrtc\r\n"
              "m=audio 0 RTP/AVP 0\r\n");
    assert_int_equal(p.sdp.n_sections, 4);
    assert_int_equal(p.sdp.sections[1].port.value, 49170);
    assert_true(p.sdp.sections[1].is_rtp);
    assert_int_equal(p.sdp.sections[2].kind, FT_MEDIA_OTHER);
    assert_false(p.sdp.sections[2].is_rtp);
    assert_int_equal(p.sdp.sections[3].port.value, 0);
    release(&p);
    parse(&p, "m=audio\r\nm=audio 65536 RTP/AVP 0\r\nm=audio x RTP/AVP\r\nm=audio 5\r\n");
    assert_int_equal(p.sdp.n_sections, 5);          /* a section all the same, for what follows */
    assert_int_equal(problems_of(&p, FT_PROBLEM_MEDIA_INVALID), 4);
    release(&p);
}

static void test_owner_and_session_name(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "o=  GKVoiceChatService 0 0 IN IP4 1.2.3.4\r\ns= \r\ns=second\r\no=other\r\n");
    assert_span(&p, p.sdp.client, "GKVoiceChatService");
    assert_span(&p, p.sdp.session_name, "second");      /* "s= " is the RFC's "no name" */
    release(&p);
    parse(&p, "o=\r\ns=\r\n");
    assert_false(p.sdp.has_client);
    assert_false(p.sdp.has_session_name);
    release(&p);
}

static void test_rtpmap(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=rtpmap:96 opus/48000/2\r\na=rtpmap:97 X/\r\na=rtpmap:200 X/8000\r\n"
              "a=rtpmap:98 /8000\r\n");
    const ft_section *s = &p.sdp.sections[0];
    assert_int_equal(s->n_rtpmaps, 1);
    assert_int_equal(s->rtpmaps[0].channels, 2);
    assert_int_equal(problems_of(&p, FT_PROBLEM_NUMBER_INVALID), 3);
    release(&p);
}

/* Every allocation failure is reported as such and leaks nothing. */
/* ---- Apple's other attributes ---- */

static void test_composer_attributes(void **state)
{
    (void)state;
    parsed p;
    parse(&p, composer_sdp);
    assert_int_equal(p.sdp.n_problems, 2);     /* the notes: fmtp names a codec; fps */
    assert_int_equal(problems_of(&p, FT_PROBLEM_FMTP_CODEC_NAME), 1);
    assert_int_equal(problems_of(&p, FT_PROBLEM_IMAGEATTR_FPS), 1);
    assert_span(&p, p.sdp.client, "-");
    assert_span(&p, p.sdp.session_name, "-");
    const ft_section *session = &p.sdp.sections[0];
    assert_int_equal(session->bandwidth.value, 1500);
    assert_int_equal(session->bandwidth_extra.value, 2000);
    assert_true(session->has_bbcodec);
    assert_span(&p, session->bbcodec.text, "2:16000");
    assert_int_equal(session->bbcodec.type.value, 2);
    assert_int_equal(session->bbcodec.rate.value, 16000);
    assert_span(&p, session->bbcodec.rate.text, "16000");

    const ft_section *audio = &p.sdp.sections[1];
    assert_true(audio->has_allowrecording);
    assert_span(&p, audio->allowrecording, "allowrecording");
    assert_int_equal(audio->n_formats, 3);
    assert_int_equal(audio->formats[1].value, 105);

    const ft_section *video = &p.sdp.sections[2];
    assert_true(video->has_display);
    assert_int_equal(video->display.x.value, 1136);
    assert_int_equal(video->display.y.value, 640);
    assert_span(&p, video->display.text, "resolution [x=1136,y=640]");
    assert_int_equal(video->n_rtcp_fbs, 1);
    assert_span(&p, video->rtcp_fbs[0].format, "*");
    assert_int_equal(video->rtcp_fbs[0].n_types, 2);
    assert_span(&p, video->rtcp_fbs[0].types[0], "rpsi");
    assert_span(&p, video->rtcp_fbs[0].types[1], "nack");
    const ft_image_set *cellular = &video->imageattrs[0].directions[0].sets[1];
    assert_true(cellular->cellular);
    assert_span(&p, cellular->other_params[1].quality, "0.30");
    const ft_image_set *range = &video->imageattrs[0].directions[1].sets[0];
    assert_int_equal(range->other_params[0].max.value, 1280);
    assert_int_equal(range->other_params[1].min.value, 240);
    release(&p);
}

static void test_apple_attributes_broken(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=BBCODEC:2\r\na=BBCODEC:x:8000\r\na=BBCODEC:\r\n"
              "a=ftdisplayattr:resolution [x=1136]\r\na=ftdisplayattr:size [x=1,y=2]\r\n"
              "a=ftdisplayattr:resolution x=1,y=2\r\n");
    assert_false(p.sdp.sections[0].has_bbcodec);
    assert_false(p.sdp.sections[0].has_display);
    assert_int_equal(problems_of(&p, FT_PROBLEM_ATTRIBUTE_INVALID), 6);
    release(&p);
    parse(&p, "a=BBCODEC:1:8000\r\na=BBCODEC:2:16000\r\na=allowrecording\r\na=allowrecording\r\n"
              "a=rtcp-fb:abc nack\r\na=rtcp-fb:96\r\n");
    assert_int_equal(p.sdp.sections[0].bbcodec.type.value, 1);
    assert_int_equal(problems_of(&p, FT_PROBLEM_DUPLICATE), 2);
    assert_int_equal(problems_of(&p, FT_PROBLEM_NUMBER_INVALID), 1);
    assert_int_equal(p.sdp.sections[0].n_rtcp_fbs, 2);
    assert_int_equal(p.sdp.sections[0].rtcp_fbs[1].n_types, 0);
    release(&p);
}

static void test_ichat_attributes(void **state)
{
    (void)state;
    parsed p;
    parse(&p, ichat_sdp);
    assert_int_equal(problems_of(&p, FT_PROBLEM_FMTP_CODEC_NAME), 1);
    assert_int_equal(p.sdp.n_problems, 1);
    const ft_section *session = &p.sdp.sections[0];
    assert_true(session->has_hwi);
    assert_int_equal(session->hwi.n_values, 3);
    assert_int_equal(session->hwi.values[2].value, 2800);
    assert_true(session->has_multipoint);
    assert_int_equal(session->multipoint.value, 1);
    assert_true(session->ichat_encryption.value);
    assert_false(session->bandwidth_detection.value);
    assert_span(&p, session->bandwidth_detection.text, "NO");
    const ft_section *video = &p.sdp.sections[2];
    assert_span(&p, video->framerate, "15");
    assert_true(video->has_rtcp_ports);
    assert_int_equal(video->rtcp_ports.audio.value, 16402);
    assert_int_equal(video->rtcp_ports.video.value, 16402);
    assert_int_equal(video->n_formats, 3);
    assert_int_equal(video->formats[2].value, 34);
    release(&p);
}

static void test_ichat_attributes_broken(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=iChatEncryption:MAYBE\r\na=bandwidthDetection:\r\na=hwi:1:x:3\r\n"
              "a=RTCP:AUDIO 0 VIDEO 70000\r\na=RTCP:AUDIO\r\n");
    const ft_section *s = &p.sdp.sections[0];
    assert_false(s->has_ichat_encryption);
    assert_false(s->has_bandwidth_detection);
    assert_int_equal(s->hwi.n_values, 2);
    assert_int_equal(problems_of(&p, FT_PROBLEM_ATTRIBUTE_INVALID), 3);
    assert_int_equal(problems_of(&p, FT_PROBLEM_PORT_INVALID), 3);   /* 0, 70000, missing */
    assert_false(s->has_rtcp_ports);
    release(&p);
    parse(&p, "a=RTCP:VIDEO 5 SCREEN 6\r\n");
    assert_true(p.sdp.sections[0].has_rtcp_ports);
    assert_true(p.sdp.sections[0].rtcp_ports.has_video);
    assert_int_equal(p.sdp.sections[0].rtcp_ports.text.length, strlen("VIDEO 5 SCREEN 6"));
    assert_int_equal(problems_of(&p, FT_PROBLEM_ATTRIBUTE_INVALID), 1);
    release(&p);
    /* The first line's port stands, and the second is a repeat: the port stays within the
     * attribute's text (fuzz_sdp, regressions/fuzz_sdp/c2fb0a80...). */
    parse(&p, "a=RTCP:AUDIO 1 6\na=RTCP:\n");
    s = &p.sdp.sections[0];
    assert_true(s->has_rtcp_ports);
    assert_int_equal(s->rtcp_ports.audio.value, 1);
    assert_int_equal(s->rtcp_ports.text.offset, strlen("a=RTCP:"));
    assert_int_equal(s->rtcp_ports.text.length, strlen("AUDIO 1 6"));
    assert_int_equal(problems_of(&p, FT_PROBLEM_ATTRIBUTE_INVALID), 1);
    assert_int_equal(problems_of(&p, FT_PROBLEM_DUPLICATE), 1);
    release(&p);
}

static void test_imageattr_bad_ranges(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "a=imageattr:126 send [x=[320:0:640],y=240] [x=[640:320],y=[1:2:3]] "
              "[x=[1:2:3:4],y=5]\r\n");
    assert_int_equal(problems_of(&p, FT_PROBLEM_IMAGEATTR_RANGE), 2);   /* step 0; min > max */
    const ft_image_set *sets = only_imageattr(&p)->directions[0].sets;
    assert_int_equal(sets[0].other_params[0].kind, FT_IMAGE_PARAM_RANGE);
    assert_int_equal(sets[2].other_params[0].kind, FT_IMAGE_PARAM_OTHER); /* not a range */
    release(&p);
}

static void test_family_payloads(void **state)
{
    (void)state;
    const ft_known_payload *aac = ft_family_payload(FT_MEDIA_AUDIO, 105);
    assert_non_null(aac);
    assert_string_equal(aac->encoding_name, "X-AAC_ELD");
    assert_int_equal(aac->clock_rate, 22050);
    assert_null(ft_family_payload(FT_MEDIA_VIDEO, 105));
    assert_null(ft_family_payload(FT_MEDIA_AUDIO, 104));        /* no public source */
    assert_null(ft_family_payload(FT_MEDIA_AUDIO, 106));
}

static void parse_with_every_budget(const char *text)
{
    ft_sdp_limits limits = { FT_SDP_DEFAULT_MAX_LINES, FT_SDP_DEFAULT_MAX_LIST_ITEMS };
    bool completed = false;
    for (long budget = 0; !completed; budget++) {
        counting_allocator counter;
        counting_allocator_init(&counter, budget);
        ft_sdp sdp;
        completed = ft_sdp_parse((const uint8_t *)text, strlen(text), &limits,
                                 &counter.allocator, &sdp);
        assert_true(completed != sdp.out_of_memory);
        ft_sdp_free(&sdp, &counter.allocator);
        assert_int_equal(counter.live, 0);
        assert_true(budget < 1000);
    }
}

static void test_out_of_memory(void **state)
{
    (void)state;
    parse_with_every_budget(offer_sdp);
    parse_with_every_budget(ichat_sdp);
    parse_with_every_budget(composer_sdp);
}

/* ---- the calls table's video offer ---- */

static void assert_video_offer(const char *sdp_text, const char *expected)
{
    parsed p;
    parse(&p, sdp_text);
    size_t len = ft_sdp_video_offer(&p.sdp, NULL, 0);
    assert_int_equal(len, strlen(expected));
    char *offer = malloc(len + 1);
    assert_non_null(offer);
    assert_int_equal(ft_sdp_video_offer(&p.sdp, offer, len + 1), len);
    assert_string_equal(offer, expected);
    free(offer);
    release(&p);
}

static void test_video_offer(void **state)
{
    (void)state;
    assert_video_offer(offer_sdp, "126: 320x240@30 480x368@30 640x480@30 1280x720@30");
    assert_video_offer(answer_sdp, "126: 480x368@30 640x480@30");
    /* Every video section and imageattr; sets without both sizes skipped; fps optional; 32-bit
     * values in full; audio's imageattr ignored. */
    assert_video_offer("m=audio 1 RTP/AVP 0\r\na=imageattr:0 send [x=1,y=2]\r\n"
                       "m=video 1 RTP/AVP 126\r\na=imageattr:126 recv [x=9,y=9] send [x=320] "
                       "[x=4294967295,y=0] [x=7,y=8,fps=0]\r\n"
                       "m=video 2 RTP/AVP 126\r\na=imageattr:* send [x=5,y=5]\r\n",
                       "126: 4294967295x0 7x8@0; *: 5x5");
    assert_video_offer("v=0\r\nm=audio 1 RTP/AVP 0\r\n", "");
}

/* Wi-Fi and cellular (i=1) sets apart, ranges kept, a rejected section said so. */
static void test_video_offer_interfaces_and_ranges(void **state)
{
    (void)state;
    assert_video_offer("m=video 16402 RTP/AVP 126 123\r\n"
                       "a=imageattr:126 send [x=640,y=480,fps=30] [x=320,y=240,fps=15,i=1] "
                       "[x=[320:16:640],y=[240:480],fps=30]\r\n"
                       "a=imageattr:123 send [x=480,y=360,i=1]\r\n"
                       "m=video 0 RTP/AVP 100\r\n",
                       "126: 640x480@30 [320:16:640]x[240:480]@30, cellular 320x240@15; "
                       "123: cellular 480x360; rejected");
}

/* Like snprintf: a short buffer gets a terminated prefix, and the whole length is returned. */
static void test_video_offer_truncated(void **state)
{
    (void)state;
    parsed p;
    parse(&p, answer_sdp);
    char out[8];
    memset(out, '#', sizeof out);
    assert_int_equal(ft_sdp_video_offer(&p.sdp, out, 6), 26);
    assert_string_equal(out, "126: ");
    assert_int_equal(out[6], '#');
    assert_int_equal(ft_sdp_video_offer(&p.sdp, out, 1), 26);
    assert_string_equal(out, "");
    release(&p);
}

static void assert_size(uint64_t bytes, const char *expected)
{
    char text[32];
    assert_int_equal(ft_format_size(bytes, text, sizeof text), strlen(expected));
    assert_string_equal(text, expected);
}

static void test_format_size(void **state)
{
    (void)state;
    assert_size(0, "0 bytes");
    assert_size(1, "1 byte");
    assert_size(790, "790 bytes");
    assert_size(1023, "1023 bytes");
    assert_size(1024, "1 KiB");
    assert_size(65535, "63.9 KiB");            /* rounded down: never the limit it is under */
    assert_size(65536, "64 KiB");
    assert_size(8389398, "8.0 MiB");
    assert_size(41943040, "40 MiB");
    assert_size(UINT64_C(3) << 29, "1.5 GiB");
    assert_size(UINT64_MAX, "16777215.9 TiB");
    char small[4];
    assert_int_equal(ft_format_size(65536, small, sizeof small), 6);   /* cut, as snprintf */
    assert_string_equal(small, "64 ");
}

static void assert_uri(const char *uri, const char *expected)
{
    char out[64];
    assert_int_equal(ft_compact_uri(uri, out, sizeof out), strlen(expected));
    assert_string_equal(out, expected);
}

static void test_compact_uri(void **state)
{
    (void)state;
    assert_uri("sip:user@210.172.128.230:16402", "user@210.172.128.230");
    assert_uri("<SIPS:user@example.com:5061;transport=tls>", "user@example.com");
    assert_uri("sip:user@203.0.113.47;transport=udp?x=1", "user@203.0.113.47");
    assert_uri("sip:user@[2001:db8::1]:16402", "user@[2001:db8::1]");
    assert_uri("sip:user@[2001:db8::1]", "user@[2001:db8::1]");
    assert_uri("sip:2001:db8::1", "2001:db8::1");            /* not a port: two colons */
    assert_uri("sip:user@host:12ab", "user@host:12ab");       /* not a port: not digits */
    assert_uri("sip:user@host:", "user@host:");
    assert_uri("tel:+15551234567", "tel:+15551234567");
    assert_uri("", "");
    assert_uri(NULL, "");
    char small[5];
    assert_int_equal(ft_compact_uri("sip:user@host:1", small, sizeof small), 9);
    assert_string_equal(small, "user");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_size),
        cmocka_unit_test(test_compact_uri),
        cmocka_unit_test(test_offer_session_level),
        cmocka_unit_test(test_offer_media),
        cmocka_unit_test(test_answer),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_empty_and_junk_lines),
        cmocka_unit_test(test_line_limit),
        cmocka_unit_test(test_rtpid),
        cmocka_unit_test(test_rtpid_duplicate),
        cmocka_unit_test(test_au_and_rtcp),
        cmocka_unit_test(test_fls_edge_cases),
        cmocka_unit_test(test_fls_broken_entries),
        cmocka_unit_test(test_fls_list_limit),
        cmocka_unit_test(test_x_fls),
        cmocka_unit_test(test_flags_dmbr_cap),
        cmocka_unit_test(test_fmtp),
        cmocka_unit_test(test_fmtp_broken),
        cmocka_unit_test(test_fmtp_second_imagesize),
        cmocka_unit_test(test_imageattr_rfc6236_forms),
        cmocka_unit_test(test_imageattr_broken),
        cmocka_unit_test(test_imageattr_fps_noted_once),
        cmocka_unit_test(test_imageattr_limits),
        cmocka_unit_test(test_connection),
        cmocka_unit_test(test_bandwidth),
        cmocka_unit_test(test_media_lines),
        cmocka_unit_test(test_owner_and_session_name),
        cmocka_unit_test(test_rtpmap),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_fls_composer_forms),
        cmocka_unit_test(test_fls_bad_values),
        cmocka_unit_test(test_fls_huge_list),
        cmocka_unit_test(test_composer_attributes),
        cmocka_unit_test(test_apple_attributes_broken),
        cmocka_unit_test(test_ichat_attributes),
        cmocka_unit_test(test_ichat_attributes_broken),
        cmocka_unit_test(test_imageattr_bad_ranges),
        cmocka_unit_test(test_family_payloads),
        cmocka_unit_test(test_video_offer),
        cmocka_unit_test(test_video_offer_interfaces_and_ranges),
        cmocka_unit_test(test_video_offer_truncated),
    };
    return cmocka_run_group_tests_name("sdp", tests, NULL, NULL);
}
