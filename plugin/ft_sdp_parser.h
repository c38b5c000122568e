/* ft_sdp_parser.h - what the parts of the SDP parser share: the parser's state, spans, numbers
 * and problem reports. Internal to ft_sdp*.c; users of the parser include ft_sdp.h.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_SDP_PARSER_H
#define FT_SDP_PARSER_H

#include <string.h>

#include "ft_sdp.h"

#define MAX_PAYLOAD_TYPE 127
#define MAX_PORT 65535

typedef struct parser {
    const uint8_t *text;
    const ft_sdp_limits *limits;
    const ft_allocator *a;
    ft_sdp *sdp;
} parser;

/* Appends a zeroed element to *items (with *count elements, of item_size bytes each) and returns
 * it, or NULL after marking the parse out of memory. */
void *sdp_append(parser *p, void **items, size_t *count, size_t item_size);
#define APPEND(p, array, count) sdp_append((p), (void **)&(array), &(count), sizeof *(array))

/* The attribute parsers of the other files; `value` is what follows "name:" (for a=FLS, what
 * follows "FLS;"). */
void sdp_parse_fls_list(parser *p, ft_span list, const ft_number *pt);
void sdp_parse_x_fls(parser *p, ft_span value);
void sdp_parse_fmtp(parser *p, ft_span value);
void sdp_parse_rtpmap(parser *p, ft_span value);
void sdp_parse_imageattr(parser *p, ft_span value);
void sdp_parse_rtcp_fb(parser *p, ft_span value);
void sdp_parse_bbcodec(parser *p, ft_span value);
void sdp_parse_display(parser *p, ft_span value);
void sdp_parse_hwi(parser *p, ft_span value);
void sdp_parse_yes_no(parser *p, ft_span value, bool *has, struct ft_yes_no *out);
void sdp_parse_rtcp_ports(parser *p, ft_span value);

/* ---- spans ----------------------------------------------------------------------------------- */

static inline ft_span make_span(size_t offset, size_t length)
{
    ft_span s = { offset, length };
    return s;
}

static inline uint8_t char_at(const parser *p, ft_span s, size_t i)
{
    return p->text[s.offset + i];
}

static inline ft_span drop_front(ft_span s, size_t n)
{
    if (n > s.length)
        n = s.length;
    return make_span(s.offset + n, s.length - n);
}

static inline bool is_blank(uint8_t c)
{
    return c == ' ' || c == '\t';
}

static inline ft_span trim(const parser *p, ft_span s)
{
    while (s.length > 0 && is_blank(char_at(p, s, 0)))
        s = drop_front(s, 1);
    while (s.length > 0 && is_blank(char_at(p, s, s.length - 1)))
        s.length--;
    return s;
}

/* True when s holds exactly the n bytes at text. */
static inline bool span_equals_bytes(const parser *p, ft_span s, const char *text, size_t n)
{
    return s.length == n && memcmp(p->text + s.offset, text, n) == 0;
}

static inline bool span_equals(const parser *p, ft_span s, const char *literal)
{
    return span_equals_bytes(p, s, literal, strlen(literal));
}

static inline bool span_starts_with(const parser *p, ft_span s, const char *literal)
{
    size_t n = strlen(literal);
    return s.length >= n && memcmp(p->text + s.offset, literal, n) == 0;
}

/* Splits s at the first `separator`: *head before it, *tail after it. Without one, *head is s,
 * *tail is empty and the result is false. */
static inline bool split_at(const parser *p, ft_span s, uint8_t separator, ft_span *head,
                            ft_span *tail)
{
    const uint8_t *found = s.length ? memchr(p->text + s.offset, separator, s.length) : NULL;
    if (!found) {
        *head = s;
        *tail = make_span(s.offset + s.length, 0);
        return false;
    }
    size_t at = (size_t)(found - (p->text + s.offset));
    *head = make_span(s.offset, at);
    *tail = make_span(s.offset + at + 1, s.length - at - 1);
    return true;
}

/* The next blank-separated word of *rest; *rest moves past it. Empty at the end. */
static inline ft_span next_word(const parser *p, ft_span *rest)
{
    *rest = trim(p, *rest);
    size_t n = 0;
    while (n < rest->length && !is_blank(char_at(p, *rest, n)))
        n++;
    ft_span word = make_span(rest->offset, n);
    *rest = drop_front(*rest, n);
    return word;
}

/* ---- numbers --------------------------------------------------------------------------------- */

static inline bool parse_u32(const parser *p, ft_span s, uint32_t *value)
{
    if (s.length == 0 || s.length > 10)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < s.length; i++) {
        uint8_t c = char_at(p, s, i);
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (uint64_t)(c - '0');
    }
    if (v > UINT32_MAX)
        return false;
    *value = (uint32_t)v;
    return true;
}

static inline bool parse_i32(const parser *p, ft_span s, int32_t *value)
{
    bool negative = s.length > 0 && char_at(p, s, 0) == '-';
    uint32_t magnitude;
    if (!parse_u32(p, drop_front(s, negative ? 1 : 0), &magnitude))
        return false;
    if (negative ? magnitude > (uint32_t)INT32_MAX + 1 : magnitude > INT32_MAX)
        return false;
    *value = negative ? (int32_t)(0 - (int64_t)magnitude) : (int32_t)magnitude;
    return true;
}

/* Parses s into *number (value and span) if it is a number no greater than max. */
static inline bool parse_number(const parser *p, ft_span s, uint32_t max, ft_number *number)
{
    uint32_t v;
    if (!parse_u32(p, s, &v) || v > max)
        return false;
    number->text = s;
    number->value = v;
    return true;
}

/* ---- problems and sections ------------------------------------------------------------------- */

static inline void report(parser *p, ft_problem_kind kind, ft_span where)
{
    ft_problem *problem = APPEND(p, p->sdp->problems, p->sdp->n_problems);
    if (problem) {
        problem->kind = kind;
        problem->where = where;
    }
}

static inline ft_section *current_section(parser *p)
{
    return &p->sdp->sections[p->sdp->n_sections - 1];
}

/* True, after reporting a duplicate, when the section already has the attribute. */
static inline bool already_given(parser *p, bool given, ft_span where)
{
    if (given)
        report(p, FT_PROBLEM_DUPLICATE, where);
    return given;
}

/* True, after reporting it, when a list already holds as many items as the limit allows. */
static inline bool list_full(parser *p, size_t count, ft_span rest)
{
    if (count < p->limits->max_list_items)
        return false;
    report(p, FT_PROBLEM_LIST_LIMIT, rest);
    return true;
}


#endif /* FT_SDP_PARSER_H */
