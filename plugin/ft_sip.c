/* ft_sip.c - where a SIP message's body lies in the bytes that carried it.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_sip.h"

#include <string.h>

/* A frame holds one SIP message over UDP, a few over TCP; more would be a crafted frame. */
#define MAX_MESSAGES 16

static uint8_t lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

/* True when text[from, from + n) equals word, ignoring case. */
static bool equals_nocase(const uint8_t *text, size_t from, size_t to, const char *word)
{
    size_t n = strlen(word);
    if (to - from != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(text[from + i]) != (uint8_t)word[i])
            return false;
    return true;
}

/* Where needle first occurs in text[from, len), or len. */
static size_t find(const uint8_t *text, size_t len, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    while (from + n <= len) {
        const uint8_t *first = memchr(text + from, needle[0], len - from - n + 1);
        if (!first)
            break;
        size_t at = (size_t)(first - text);
        if (memcmp(text + at, needle, n) == 0)
            return at;
        from = at + 1;
    }
    return len;
}

static bool is_blank(uint8_t c)
{
    return c == ' ' || c == '\t';
}

static ft_span span_of(size_t from, size_t to)
{
    ft_span s = { from, to - from };
    return s;
}

static bool parse_u32(const uint8_t *text, size_t from, size_t to, uint32_t *value)
{
    if (from == to || to - from > 10)
        return false;
    uint64_t v = 0;
    for (size_t i = from; i < to; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(text[i] - '0');
    }
    if (v > UINT32_MAX)
        return false;
    *value = (uint32_t)v;
    return true;
}

/* The value of header line [colon + 1, to), without the blanks around it. */
static ft_span header_value(const uint8_t *text, size_t colon, size_t to)
{
    size_t value = colon + 1;
    while (value < to && is_blank(text[value]))
        value++;
    size_t value_end = to;
    while (value_end > value && is_blank(text[value_end - 1]))
        value_end--;
    return span_of(value, value_end);
}

/* Where the colon after a header name of name_len bytes at `from` is (blanks may come between),
 * or `to` when there is none. */
static size_t colon_after(const uint8_t *text, size_t from, size_t name_len, size_t to)
{
    size_t at = from + name_len;
    while (at < to && is_blank(text[at]))
        at++;
    return at < to && text[at] == ':' ? at : to;
}

/* Whether a header line starting with c can be Content-Length or Content-Encoding, compact or
 * not: every other line is passed over on its first letter, so that finding a body costs little
 * more than finding its line ends. */
static bool may_describe_body(uint8_t c)
{
    switch (c) {
    case 'l': case 'L': case 'e': case 'E': case 'c': case 'C':
        return true;
    default:
        return false;
    }
}

/* Content-Length or Content-Encoding, from one header line [from, to) that may_describe_body. */
static void read_body_header(const uint8_t *text, size_t from, size_t to, ft_sip_body *body)
{
    static const char content_length[] = "content-length", content_encoding[] = "content-encoding";
    uint8_t first = lower(text[from]);
    size_t colon = to;
    bool is_length = false;
    if (first == 'l' || first == 'e') {
        colon = colon_after(text, from, 1, to);
        is_length = first == 'l';
    } else if (to - from > sizeof content_length && lower(text[from + 1]) == 'o') {
        if (equals_nocase(text, from, from + sizeof content_length - 1, content_length)) {
            colon = colon_after(text, from, sizeof content_length - 1, to);
            is_length = true;
        } else if (to - from > sizeof content_encoding &&
                   equals_nocase(text, from, from + sizeof content_encoding - 1,
                                 content_encoding)) {
            colon = colon_after(text, from, sizeof content_encoding - 1, to);
        }
    }
    if (colon == to)
        return;
    ft_span value = header_value(text, colon, to);
    if (is_length)
        body->has_content_length = parse_u32(text, value.offset, value.offset + value.length,
                                             &body->content_length);
    else
        body->content_encoding = value;
}

bool ft_sip_next_body(const uint8_t *haystack, size_t len, size_t from, ft_sip_body *body)
{
    memset(body, 0, sizeof *body);
    size_t at = find(haystack, len, from, "SIP/2.0");
    if (at == len)
        return false;
    const uint8_t *start_line_end = memchr(haystack + at, '\n', len - at);
    if (!start_line_end)
        return false;
    size_t line = (size_t)(start_line_end - haystack) + 1;
    while (line < len) {
        uint8_t first = haystack[line];
        size_t empty_line = first == '\n' ? 1
                          : first == '\r' && line + 1 < len && haystack[line + 1] == '\n' ? 2 : 0;
        if (empty_line) {
            body->offset = line + empty_line;
            size_t rest = len - body->offset;
            body->length = body->has_content_length && body->content_length < rest
                         ? body->content_length : rest;
            return true;
        }
        const uint8_t *newline = memchr(haystack + line, '\n', len - line);
        if (!newline)
            return false;           /* the header does not end */
        size_t end = (size_t)(newline - haystack);
        if (may_describe_body(first))
            read_body_header(haystack, line, haystack[end - 1] == '\r' ? end - 1 : end, body);
        line = end + 1;
    }
    return false;
}

bool ft_sip_find_body_at(const uint8_t *haystack, size_t len, size_t offset, ft_sip_body *body)
{
    size_t from = 0;
    for (int messages = 0; messages < MAX_MESSAGES; messages++) {
        if (!ft_sip_next_body(haystack, len, from, body) || body->offset > offset)
            return false;
        if (body->offset == offset)
            return true;
        from = body->offset + body->length;
    }
    return false;
}

bool ft_sip_body_declared_compressed(const uint8_t *haystack, const ft_sip_body *body)
{
    ft_span e = body->content_encoding;
    static const char *const inflated_by_sip[] = { "gzip", "deflate" };
    for (size_t i = 0; i < sizeof inflated_by_sip / sizeof inflated_by_sip[0]; i++) {
        size_t n = strlen(inflated_by_sip[i]);
        if (e.length >= n && equals_nocase(haystack, e.offset, e.offset + n, inflated_by_sip[i]))
            return true;
    }
    return false;
}
