/* ft_sdp.c - parsing FaceTime's SDP dialect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_sdp.h"

#include <arpa/inet.h>
#include <string.h>

#define MAX_PAYLOAD_TYPE 127
#define MAX_PORT 65535

typedef struct parser {
    const uint8_t *text;
    const ft_sdp_limits *limits;
    const ft_allocator *a;
    ft_sdp *sdp;
} parser;

/* Appends a zeroed element to `array` (with `count` elements) and evaluates to it, or to NULL
 * after marking the parse out of memory. */
#define APPEND(p, array, count) __extension__ ({                                          \
        __typeof__(array) slot_ = NULL;                                                     \
        void *room_ = ft_array_reserve((p)->a, (array), (count), sizeof *(array));          \
        if (room_) {                                                                        \
            (array) = room_;                                                                \
            slot_ = &(array)[(count)++];                                                    \
            memset(slot_, 0, sizeof *slot_);                                                \
        } else {                                                                            \
            (p)->sdp->out_of_memory = true;                                                 \
        }                                                                                   \
        slot_; })

/* ---- spans ------------------------------------------------------------------------------- */

static ft_span make_span(size_t offset, size_t length)
{
    ft_span s = { offset, length };
    return s;
}

static uint8_t char_at(const parser *p, ft_span s, size_t i)
{
    return p->text[s.offset + i];
}

static ft_span drop_front(ft_span s, size_t n)
{
    if (n > s.length)
        n = s.length;
    return make_span(s.offset + n, s.length - n);
}

static bool is_blank(uint8_t c)
{
    return c == ' ' || c == '\t';
}

static ft_span trim(const parser *p, ft_span s)
{
    while (s.length > 0 && is_blank(char_at(p, s, 0)))
        s = drop_front(s, 1);
    while (s.length > 0 && is_blank(char_at(p, s, s.length - 1)))
        s.length--;
    return s;
}

/* True when s holds exactly the n bytes at text. */
static bool span_equals_bytes(const parser *p, ft_span s, const char *text, size_t n)
{
    return s.length == n && memcmp(p->text + s.offset, text, n) == 0;
}

static bool span_equals(const parser *p, ft_span s, const char *literal)
{
    return span_equals_bytes(p, s, literal, strlen(literal));
}

static bool span_starts_with(const parser *p, ft_span s, const char *literal)
{
    size_t n = strlen(literal);
    return s.length >= n && memcmp(p->text + s.offset, literal, n) == 0;
}

/* Splits s at the first `separator`: *head before it, *tail after it. Without one, *head is s,
 * *tail is empty and the result is false. */
static bool split_at(const parser *p, ft_span s, uint8_t separator, ft_span *head, ft_span *tail)
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
static ft_span next_word(const parser *p, ft_span *rest)
{
    *rest = trim(p, *rest);
    size_t n = 0;
    while (n < rest->length && !is_blank(char_at(p, *rest, n)))
        n++;
    ft_span word = make_span(rest->offset, n);
    *rest = drop_front(*rest, n);
    return word;
}

/* ---- numbers ------------------------------------------------------------------------------ */

static bool parse_u32(const parser *p, ft_span s, uint32_t *value)
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

static bool parse_i32(const parser *p, ft_span s, int32_t *value)
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
static bool parse_number(const parser *p, ft_span s, uint32_t max, ft_number *number)
{
    uint32_t v;
    if (!parse_u32(p, s, &v) || v > max)
        return false;
    number->text = s;
    number->value = v;
    return true;
}

/* ---- problems and sections --------------------------------------------------------------- */

static void report(parser *p, ft_problem_kind kind, ft_span where)
{
    ft_problem *problem = APPEND(p, p->sdp->problems, p->sdp->n_problems);
    if (problem) {
        problem->kind = kind;
        problem->where = where;
    }
}

static ft_section *current_section(parser *p)
{
    return &p->sdp->sections[p->sdp->n_sections - 1];
}

/* True, after reporting a duplicate, when the section already has the attribute. */
static bool already_given(parser *p, bool given, ft_span where)
{
    if (given)
        report(p, FT_PROBLEM_DUPLICATE, where);
    return given;
}

/* True, after reporting it, when a list already holds as many items as the limit allows. */
static bool list_full(parser *p, size_t count, ft_span rest)
{
    if (count < p->limits->max_list_items)
        return false;
    report(p, FT_PROBLEM_LIST_LIMIT, rest);
    return true;
}

/* ---- session lines ------------------------------------------------------------------------ */

static void parse_owner(parser *p, ft_span value)
{
    if (p->sdp->has_client)
        return;
    ft_span user = next_word(p, &value);
    if (user.length) {
        p->sdp->has_client = true;
        p->sdp->client = user;
    }
}

static void parse_session_name(parser *p, ft_span value)
{
    value = trim(p, value);
    if (!p->sdp->has_session_name && value.length) {
        p->sdp->has_session_name = true;
        p->sdp->session_name = value;
    }
}

static bool parse_ipv4(const parser *p, ft_span s, uint8_t bytes[4])
{
    ft_span rest = s;
    for (int i = 0; i < 4; i++) {
        ft_span part;
        bool more = split_at(p, rest, '.', &part, &rest);
        uint32_t octet;
        if (more != (i < 3) || part.length > 3 || !parse_u32(p, part, &octet) || octet > 255)
            return false;
        bytes[i] = (uint8_t)octet;
    }
    return true;
}

/* inet_pton wants a C string: copy the span out (it is short; longer is not an address). */
static bool parse_ipv6(parser *p, ft_span s, uint8_t bytes[16])
{
    if (s.length == 0 || s.length > 45)
        return false;
    char *copy = p->a->alloc(p->a->ctx, s.length + 1);
    if (!copy) {
        p->sdp->out_of_memory = true;
        return false;
    }
    memcpy(copy, p->text + s.offset, s.length);
    copy[s.length] = '\0';
    bool ok = inet_pton(AF_INET6, copy, bytes) == 1;
    p->a->free(p->a->ctx, copy);
    return ok;
}

/* c=IN IP4 <address>[/ttl[/count]] or c=IN IP6 <address>[/count] */
static void parse_connection(parser *p, ft_span value)
{
    ft_section *section = current_section(p);
    if (already_given(p, section->has_connection, value))
        return;
    ft_span rest = value;
    ft_span network = next_word(p, &rest);
    ft_span family = next_word(p, &rest);
    ft_span address, multicast_suffix;
    split_at(p, next_word(p, &rest), '/', &address, &multicast_suffix);

    ft_address parsed;
    memset(&parsed, 0, sizeof parsed);
    parsed.text = address;
    bool ok = false;
    if (span_equals(p, network, "IN") && span_equals(p, family, "IP4")) {
        ok = parse_ipv4(p, address, parsed.bytes);
    } else if (span_equals(p, network, "IN") && span_equals(p, family, "IP6")) {
        parsed.is_ipv6 = true;
        ok = parse_ipv6(p, address, parsed.bytes);
    }
    if (!ok) {
        report(p, FT_PROBLEM_ADDRESS_INVALID, value);
        return;
    }
    section->has_connection = true;
    section->connection = parsed;
}

/* b=AS:<kb/s>, or FaceTime's b=AS:<kb/s>:<second number>. Other bandwidth types are not ours. */
static void parse_bandwidth(parser *p, ft_span value)
{
    ft_span type, amounts;
    if (!split_at(p, trim(p, value), ':', &type, &amounts) || !span_equals(p, type, "AS"))
        return;
    ft_section *section = current_section(p);
    if (already_given(p, section->has_bandwidth, value))
        return;
    ft_span first, second;
    bool two = split_at(p, amounts, ':', &first, &second);
    if (!parse_number(p, first, UINT32_MAX, &section->bandwidth) ||
        (two && !parse_number(p, second, UINT32_MAX, &section->bandwidth_extra))) {
        report(p, FT_PROBLEM_NUMBER_INVALID, amounts);
        return;
    }
    section->has_bandwidth = true;
    section->has_bandwidth_extra = two;
}

/* m=<media> <port>[/<count>] <transport> <formats> */
static void parse_media(parser *p, ft_span value)
{
    ft_section *section = APPEND(p, p->sdp->sections, p->sdp->n_sections);
    if (!section)
        return;
    section->is_media = true;
    section->media_line = value;

    ft_span rest = value;
    section->media_name = next_word(p, &rest);
    if (span_equals(p, section->media_name, "audio"))
        section->kind = FT_MEDIA_AUDIO;
    else if (span_equals(p, section->media_name, "video"))
        section->kind = FT_MEDIA_VIDEO;
    else
        section->kind = FT_MEDIA_OTHER;

    ft_span port, port_count;
    split_at(p, next_word(p, &rest), '/', &port, &port_count);
    section->transport = next_word(p, &rest);
    if (!parse_number(p, port, MAX_PORT, &section->port) || section->transport.length == 0) {
        report(p, FT_PROBLEM_MEDIA_INVALID, value);
        return;
    }
    /* RTP/AVP, RTP/SAVP, RTP/AVPF, RTP/SAVPF, UDP/TLS/RTP/SAVPF: all carry RTP. */
    for (size_t i = 0; i + 4 <= section->transport.length; i++)
        if (memcmp(p->text + section->transport.offset + i, "RTP/", 4) == 0)
            section->is_rtp = true;
}

/* ---- a=FLS -------------------------------------------------------------------------------- */

/* With each name's length, so that most keys are told apart without comparing text. */
#define FLS_KEY(name, key) { name, sizeof name - 1, key }
static const struct { const char *name; size_t length; ft_fls_key key; } fls_keys[] = {
    FLS_KEY("VRA", FT_FLS_VRA),     FLS_KEY("MVRA", FT_FLS_MVRA),   FLS_KEY("RVRA1", FT_FLS_RVRA1),
    FLS_KEY("RVRA2", FT_FLS_RVRA2), FLS_KEY("AS", FT_FLS_AS),       FLS_KEY("MS", FT_FLS_MS),
    FLS_KEY("LF", FT_FLS_LF),       FLS_KEY("CR", FT_FLS_CR),       FLS_KEY("LTR", FT_FLS_LTR),
    FLS_KEY("CABAC", FT_FLS_CABAC), FLS_KEY("PR", FT_FLS_PR),       FLS_KEY("XR", FT_FLS_XR),
    FLS_KEY("AR", FT_FLS_AR),
};

ft_fls_kind ft_fls_key_kind(ft_fls_key key)
{
    switch (key) {
    case FT_FLS_VRA: case FT_FLS_MVRA: case FT_FLS_RVRA1: case FT_FLS_RVRA2:
    case FT_FLS_AS: case FT_FLS_MS: case FT_FLS_LF: case FT_FLS_CR:
        return FT_FLS_KIND_NUMBER;
    case FT_FLS_LTR: case FT_FLS_CABAC: case FT_FLS_PR: case FT_FLS_XR:
        return FT_FLS_KIND_FLAG;
    case FT_FLS_AR:
        return FT_FLS_KIND_RATIOS;
    case FT_FLS_UNKNOWN:
        break;
    }
    return FT_FLS_KIND_UNKNOWN;
}

static ft_fls_key lookup_fls_key(const parser *p, ft_span name)
{
    for (size_t i = 0; i < sizeof fls_keys / sizeof fls_keys[0]; i++)
        if (span_equals_bytes(p, name, fls_keys[i].name, fls_keys[i].length))
            return fls_keys[i].key;
    return FT_FLS_UNKNOWN;
}

/* AR:8/5,2/3 - a list of aspect ratios. False if any is not <number>/<non-zero number>. */
static bool parse_ratios(parser *p, ft_fls_entry *entry)
{
    ft_span rest = entry->value;
    bool all_valid = entry->value.length > 0;
    bool more = true;
    while (more && !p->sdp->out_of_memory) {
        ft_span item;
        more = split_at(p, rest, ',', &item, &rest);
        if (list_full(p, entry->n_ratios, item))
            return false;
        ft_span numerator, denominator;
        uint32_t num, den;
        if (!split_at(p, item, '/', &numerator, &denominator) || !parse_u32(p, numerator, &num) ||
            !parse_u32(p, denominator, &den) || den == 0) {
            all_valid = false;
            continue;
        }
        ft_ratio *ratio = APPEND(p, entry->ratios, entry->n_ratios);
        if (ratio) {
            ratio->text = item;
            ratio->numerator = num;
            ratio->denominator = den;
        }
    }
    return all_valid;
}

static bool parse_fls_value(parser *p, ft_fls_entry *entry)
{
    switch (ft_fls_key_kind(entry->key)) {
    case FT_FLS_KIND_NUMBER:
        return entry->has_value && parse_i32(p, entry->value, &entry->number);
    case FT_FLS_KIND_FLAG:
        return !entry->has_value;
    case FT_FLS_KIND_RATIOS:
        return entry->has_value && parse_ratios(p, entry);
    case FT_FLS_KIND_UNKNOWN:
        break;
    }
    return entry->name.length > 0;
}

/* KEY:VALUE;KEY;... (a trailing ';' is usual) */
static void parse_fls_list(parser *p, ft_span list, const ft_number *pt)
{
    ft_section *section = current_section(p);
    ft_fls *fls = APPEND(p, section->fls, section->n_fls);
    if (!fls)
        return;
    fls->text = list;
    if (pt) {
        fls->has_pt = true;
        fls->pt = *pt;
    }
    ft_span rest = list;
    bool more = true;
    while (more && !p->sdp->out_of_memory) {
        ft_span item;
        more = split_at(p, rest, ';', &item, &rest);
        item = trim(p, item);
        if (item.length == 0)
            continue;
        if (list_full(p, fls->n_entries, item))
            return;
        ft_fls_entry *entry = APPEND(p, fls->entries, fls->n_entries);
        if (!entry)
            return;
        entry->text = item;
        entry->has_value = split_at(p, item, ':', &entry->name, &entry->value);
        entry->key = lookup_fls_key(p, entry->name);
        entry->valid = parse_fls_value(p, entry);
        if (!entry->valid)
            report(p, FT_PROBLEM_FLS_INVALID, item);
    }
}

/* a=X_FLS:<pt> <list>: the FLS list of another payload type. */
static void parse_x_fls(parser *p, ft_span value)
{
    ft_span rest = value;
    ft_number pt;
    if (!parse_number(p, next_word(p, &rest), MAX_PAYLOAD_TYPE, &pt)) {
        report(p, FT_PROBLEM_NUMBER_INVALID, value);
        return;
    }
    parse_fls_list(p, trim(p, rest), &pt);
}

/* ---- a=fmtp -------------------------------------------------------------------------------- */

/* "imagesize N rules R": R is a list of numbers separated by ':' (',' and blanks also split). */
static void parse_imagesize(parser *p, ft_fmtp *fmtp, ft_span rest)
{
    ft_span size = next_word(p, &rest);
    if (!parse_number(p, size, UINT32_MAX, &fmtp->imagesize)) {
        report(p, FT_PROBLEM_NUMBER_INVALID, size);
        return;
    }
    fmtp->has_imagesize = true;
    if (!span_equals(p, next_word(p, &rest), "rules"))
        return;
    fmtp->rules = trim(p, rest);

    size_t i = 0;
    while (i < fmtp->rules.length && !p->sdp->out_of_memory) {
        while (i < fmtp->rules.length && is_blank(char_at(p, fmtp->rules, i)))
            i++;
        size_t start = i;
        while (i < fmtp->rules.length && char_at(p, fmtp->rules, i) >= '0' &&
               char_at(p, fmtp->rules, i) <= '9')
            i++;
        ft_span digits = make_span(fmtp->rules.offset + start, i - start);
        uint8_t separator = i < fmtp->rules.length ? char_at(p, fmtp->rules, i) : ':';
        if (digits.length == 0 || (separator != ':' && separator != ',' && !is_blank(separator))) {
            report(p, FT_PROBLEM_NUMBER_INVALID, drop_front(fmtp->rules, start));
            return;
        }
        if (list_full(p, fmtp->n_rule_values, drop_front(fmtp->rules, start)))
            return;
        ft_number *number = APPEND(p, fmtp->rule_values, fmtp->n_rule_values);
        if (number && !parse_number(p, digits, UINT32_MAX, number)) {
            fmtp->n_rule_values--;
            report(p, FT_PROBLEM_NUMBER_INVALID, digits);
            return;
        }
        i++;
    }
}

/* One ';'-separated fmtp parameter: Apple's "sbr", "sec", "block N", "SamplesPerBlock N" and
 * "imagesize N rules R". Standard key=value parameters are the SDP dissector's business. */
static void parse_fmtp_parameter(parser *p, ft_fmtp *fmtp, ft_span parameter)
{
    if (span_equals(p, parameter, "sbr")) {
        fmtp->has_sbr = true;
        fmtp->sbr = parameter;
        return;
    }
    if (span_equals(p, parameter, "sec")) {
        fmtp->has_sec = true;
        fmtp->sec = parameter;
        return;
    }
    ft_span rest = parameter;
    ft_span word = next_word(p, &rest);
    if (span_equals(p, word, "block") || span_equals(p, word, "SamplesPerBlock")) {
        ft_span amount = next_word(p, &rest);
        if (parse_number(p, amount, UINT32_MAX, &fmtp->samples_per_block))
            fmtp->has_samples_per_block = true;
        else
            report(p, FT_PROBLEM_NUMBER_INVALID, amount.length ? amount : parameter);
    } else if (span_equals(p, word, "imagesize")) {
        /* A second list would mix its numbers with the first one's: keep the first. */
        if (fmtp->has_imagesize)
            report(p, FT_PROBLEM_DUPLICATE, parameter);
        else
            parse_imagesize(p, fmtp, rest);
    }
}

/* a=fmtp:<format> <parameters> */
static void parse_fmtp(parser *p, ft_span value)
{
    ft_section *section = current_section(p);
    ft_fmtp *fmtp = APPEND(p, section->fmtps, section->n_fmtps);
    if (!fmtp)
        return;
    fmtp->text = value;
    ft_span rest = value;
    fmtp->format = next_word(p, &rest);
    fmtp->has_pt = parse_number(p, fmtp->format, MAX_PAYLOAD_TYPE, &fmtp->pt);
    if (!fmtp->has_pt)
        report(p, FT_PROBLEM_FMTP_CODEC_NAME, fmtp->format);

    bool more = true;
    while (more && !p->sdp->out_of_memory) {
        ft_span parameter;
        more = split_at(p, rest, ';', &parameter, &rest);
        parameter = trim(p, parameter);
        if (parameter.length)
            parse_fmtp_parameter(p, fmtp, parameter);
    }
}

/* ---- a=rtpmap ------------------------------------------------------------------------------ */

/* a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>] */
static void parse_rtpmap(parser *p, ft_span value)
{
    ft_span rest = value;
    ft_number pt;
    ft_span name, clock, channels_text;
    uint32_t clock_rate, channels = 0;
    bool ok = parse_number(p, next_word(p, &rest), MAX_PAYLOAD_TYPE, &pt) &&
              split_at(p, next_word(p, &rest), '/', &name, &clock) && name.length > 0;
    if (ok) {
        bool has_channels = split_at(p, clock, '/', &clock, &channels_text);
        ok = parse_u32(p, clock, &clock_rate) &&
             (!has_channels || parse_u32(p, channels_text, &channels));
    }
    if (!ok) {
        report(p, FT_PROBLEM_NUMBER_INVALID, value);
        return;
    }
    ft_section *section = current_section(p);
    ft_rtpmap *rtpmap = APPEND(p, section->rtpmaps, section->n_rtpmaps);
    if (rtpmap) {
        rtpmap->text = value;
        rtpmap->pt = pt;
        rtpmap->encoding_name = name;
        rtpmap->clock_rate = clock_rate;
        rtpmap->channels = channels;
    }
}

/* ---- a=imageattr ---------------------------------------------------------------------------- */

/* Length of the bracketed group at the start of s, "[...]" with nested brackets, or 0 when
 * it is not closed. */
static size_t bracket_group_length(const parser *p, ft_span s)
{
    int depth = 0;
    for (size_t i = 0; i < s.length; i++) {
        uint8_t c = char_at(p, s, i);
        if (c == '[')
            depth++;
        else if (c == ']' && --depth == 0)
            return i + 1;
    }
    return 0;
}

/* Splits *rest at the first ',' outside brackets (values like [320,480] hold commas). */
static bool next_set_parameter(const parser *p, ft_span *rest, ft_span *parameter)
{
    if (rest->length == 0)
        return false;
    int depth = 0;
    size_t i = 0;
    for (; i < rest->length; i++) {
        uint8_t c = char_at(p, *rest, i);
        if (c == '[')
            depth++;
        else if (c == ']')
            depth--;
        else if (c == ',' && depth == 0)
            break;
    }
    *parameter = make_span(rest->offset, i);
    *rest = drop_front(*rest, i < rest->length ? i + 1 : i);
    return true;
}

/* One set, "[x=320,y=240,fps=30]". False when its syntax is broken. */
static bool parse_image_set(parser *p, ft_imageattr *imageattr, ft_image_set *set)
{
    ft_span inner = make_span(set->text.offset + 1, set->text.length - 2);
    if (inner.length == 0)
        return false;
    ft_span parameter;
    while (next_set_parameter(p, &inner, &parameter) && !p->sdp->out_of_memory) {
        ft_span key, value;
        if (!split_at(p, parameter, '=', &key, &value) || key.length == 0 || value.length == 0)
            return false;
        ft_number number;
        bool plain = parse_number(p, value, UINT32_MAX, &number);
        if (span_equals(p, key, "fps"))
            imageattr->uses_fps = true;
        if (plain && span_equals(p, key, "x") && !set->has_x) {
            set->has_x = true;
            set->x = number;
        } else if (plain && span_equals(p, key, "y") && !set->has_y) {
            set->has_y = true;
            set->y = number;
        } else if (plain && span_equals(p, key, "fps") && !set->has_fps) {
            set->has_fps = true;
            set->fps = number;
        } else {
            if (list_full(p, set->n_other_params, parameter))
                return true;
            ft_span *other = APPEND(p, set->other_params, set->n_other_params);
            if (other)
                *other = parameter;
        }
    }
    return true;
}

static bool is_direction_keyword(const parser *p, ft_span rest, const char *keyword)
{
    size_t n = strlen(keyword);
    return span_starts_with(p, rest, keyword) &&
           (rest.length == n || is_blank(char_at(p, rest, n)));
}

typedef enum element_result { ELEMENT_PARSED, ELEMENT_INVALID, ELEMENT_STOP } element_result;

/* Parses the next element of the attribute at *rest: a direction keyword, "*" or a set.
 * ELEMENT_STOP: a limit was reached (already reported) or memory ran out. */
static element_result parse_imageattr_element(parser *p, ft_imageattr *imageattr, ft_span *rest)
{
    ft_image_direction *direction = imageattr->n_directions
        ? &imageattr->directions[imageattr->n_directions - 1] : NULL;
    bool send = is_direction_keyword(p, *rest, "send");
    if (send || is_direction_keyword(p, *rest, "recv")) {
        if (list_full(p, imageattr->n_directions, *rest))
            return ELEMENT_STOP;
        direction = APPEND(p, imageattr->directions, imageattr->n_directions);
        if (!direction)
            return ELEMENT_STOP;
        direction->is_send = send;
        direction->keyword = make_span(rest->offset, 4);
        direction->text = direction->keyword;
        *rest = drop_front(*rest, 4);
        return ELEMENT_PARSED;
    }
    if (!direction)
        return ELEMENT_INVALID;

    size_t length;
    if (char_at(p, *rest, 0) == '*') {
        direction->any = true;
        length = 1;
    } else if (char_at(p, *rest, 0) == '[' && (length = bracket_group_length(p, *rest)) > 0) {
        if (list_full(p, direction->n_sets, *rest))
            return ELEMENT_STOP;
        ft_image_set *set = APPEND(p, direction->sets, direction->n_sets);
        if (!set)
            return ELEMENT_STOP;
        set->text = make_span(rest->offset, length);
        if (!parse_image_set(p, imageattr, set)) {
            /* Only the sets before the broken one are shown, so it must not stay half parsed. */
            p->a->free(p->a->ctx, set->other_params);
            memset(set, 0, sizeof *set);
            direction->n_sets--;
            return ELEMENT_INVALID;
        }
    } else {
        return ELEMENT_INVALID;
    }
    direction->text.length = rest->offset + length - direction->text.offset;
    *rest = drop_front(*rest, length);
    return ELEMENT_PARSED;
}

/* a=imageattr:<pt|*> send <sets|*> recv <sets|*> (RFC 6236) */
static void parse_imageattr(parser *p, ft_span value)
{
    ft_section *section = current_section(p);
    ft_imageattr *imageattr = APPEND(p, section->imageattrs, section->n_imageattrs);
    if (!imageattr)
        return;
    imageattr->text = value;
    ft_span rest = value;
    ft_span pt = next_word(p, &rest);
    if (!span_equals(p, pt, "*")) {
        imageattr->has_pt = parse_number(p, pt, MAX_PAYLOAD_TYPE, &imageattr->pt);
        if (!imageattr->has_pt) {
            report(p, FT_PROBLEM_IMAGEATTR_INVALID, value);
            return;
        }
    }
    for (rest = trim(p, rest); rest.length > 0 && !p->sdp->out_of_memory; rest = trim(p, rest)) {
        element_result result = parse_imageattr_element(p, imageattr, &rest);
        if (result == ELEMENT_INVALID)
            report(p, FT_PROBLEM_IMAGEATTR_INVALID, rest);
        if (result != ELEMENT_PARSED)
            break;
    }
    if (imageattr->n_directions == 0 && rest.length == 0)
        report(p, FT_PROBLEM_IMAGEATTR_INVALID, value);
    if (imageattr->uses_fps)
        report(p, FT_PROBLEM_IMAGEATTR_FPS, value);
}

/* ---- a= dispatch ------------------------------------------------------------------------------ */

/* a=rtpID:<ssrc>, a=au:<n>, a=rtcp:<port> ...: one number per section. */
static void parse_section_number(parser *p, ft_span value, uint32_t max, bool *has,
                                 ft_number *number, ft_problem_kind invalid)
{
    ft_span rest = value;
    ft_span word = next_word(p, &rest);
    if (already_given(p, *has, value))
        return;
    if (!parse_number(p, word, max, number)) {
        report(p, invalid, value);
        return;
    }
    *has = true;
}

static void parse_flag(parser *p, bool *has, ft_span *where, ft_span attribute)
{
    if (!already_given(p, *has, attribute)) {
        *has = true;
        *where = attribute;
    }
}

static void parse_attribute(parser *p, ft_span attribute)
{
    ft_section *section = current_section(p);
    if (span_equals(p, attribute, "DMBR")) {
        parse_flag(p, &section->has_dmbr, &section->dmbr, attribute);
        return;
    }
    if (span_equals(p, attribute, "CAP")) {
        parse_flag(p, &section->has_cap, &section->cap, attribute);
        return;
    }
    /* FLS separates its name with ';', not ':'. */
    if (span_equals(p, attribute, "FLS") || span_starts_with(p, attribute, "FLS;")) {
        parse_fls_list(p, drop_front(attribute, 4), NULL);
        return;
    }

    ft_span name, value;
    if (!split_at(p, attribute, ':', &name, &value))
        return;
    if (span_equals(p, name, "rtpID"))
        parse_section_number(p, value, UINT32_MAX, &section->has_rtpid, &section->rtpid,
                             FT_PROBLEM_RTPID_INVALID);
    else if (span_equals(p, name, "au"))
        parse_section_number(p, value, UINT32_MAX, &section->has_au, &section->au,
                             FT_PROBLEM_NUMBER_INVALID);
    else if (span_equals(p, name, "rtcp"))
        parse_section_number(p, value, MAX_PORT, &section->has_rtcp_port, &section->rtcp_port,
                             FT_PROBLEM_NUMBER_INVALID);
    else if (span_equals(p, name, "fmtp"))
        parse_fmtp(p, value);
    else if (span_equals(p, name, "rtpmap"))
        parse_rtpmap(p, value);
    else if (span_equals(p, name, "imageattr"))
        parse_imageattr(p, value);
    else if (span_equals(p, name, "X_FLS"))
        parse_x_fls(p, value);
}

static void parse_line(parser *p, ft_span line)
{
    if (line.length < 2 || char_at(p, line, 1) != '=')
        return;     /* the SDP dissector flags such lines */
    ft_span value = drop_front(line, 2);
    switch (char_at(p, line, 0)) {
    case 'o': parse_owner(p, value); break;
    case 's': parse_session_name(p, value); break;
    case 'c': parse_connection(p, value); break;
    case 'b': parse_bandwidth(p, value); break;
    case 'm': parse_media(p, value); break;
    case 'a': parse_attribute(p, value); break;
    default: break;
    }
}

/* One comparison for nearly every character: both line ends sort below the printable ones. */
static bool is_line_end(uint8_t c)
{
    return c <= '\r' && (c == '\r' || c == '\n');
}

bool ft_next_line(const uint8_t *text, size_t len, size_t *pos, ft_span *line)
{
    if (*pos >= len)
        return false;
    size_t start = *pos, end = start;
    while (end < len && !is_line_end(text[end]))
        end++;
    *line = make_span(start, end - start);
    if (end < len && text[end] == '\r')
        end++;
    if (end < len && text[end] == '\n')
        end++;
    *pos = end;
    return true;
}

bool ft_sdp_parse(const uint8_t *text, size_t len, const ft_sdp_limits *limits,
                  const ft_allocator *a, ft_sdp *sdp)
{
    memset(sdp, 0, sizeof *sdp);
    parser p = { text, limits, a, sdp };
    if (!APPEND(&p, sdp->sections, sdp->n_sections))    /* the session level */
        return false;

    size_t pos = 0;
    ft_span line;
    while (!sdp->out_of_memory && ft_next_line(text, len, &pos, &line)) {
        if (sdp->n_lines == limits->max_lines) {
            report(&p, FT_PROBLEM_LINE_LIMIT, make_span(line.offset, len - line.offset));
            break;
        }
        sdp->n_lines++;
        parse_line(&p, line);
    }
    return !sdp->out_of_memory;
}

/* ---- freeing ----------------------------------------------------------------------------------- */

static void free_section(ft_section *s, const ft_allocator *a)
{
    for (size_t i = 0; i < s->n_fls; i++) {
        for (size_t j = 0; j < s->fls[i].n_entries; j++)
            a->free(a->ctx, s->fls[i].entries[j].ratios);
        a->free(a->ctx, s->fls[i].entries);
    }
    for (size_t i = 0; i < s->n_fmtps; i++)
        a->free(a->ctx, s->fmtps[i].rule_values);
    for (size_t i = 0; i < s->n_imageattrs; i++) {
        ft_imageattr *imageattr = &s->imageattrs[i];
        for (size_t j = 0; j < imageattr->n_directions; j++) {
            ft_image_direction *direction = &imageattr->directions[j];
            for (size_t k = 0; k < direction->n_sets; k++)
                a->free(a->ctx, direction->sets[k].other_params);
            a->free(a->ctx, direction->sets);
        }
        a->free(a->ctx, imageattr->directions);
    }
    a->free(a->ctx, s->fls);
    a->free(a->ctx, s->fmtps);
    a->free(a->ctx, s->rtpmaps);
    a->free(a->ctx, s->imageattrs);
}

void ft_sdp_free(ft_sdp *sdp, const ft_allocator *a)
{
    for (size_t i = 0; i < sdp->n_sections; i++)
        free_section(&sdp->sections[i], a);
    a->free(a->ctx, sdp->sections);
    a->free(a->ctx, sdp->problems);
    memset(sdp, 0, sizeof *sdp);
}

/* ---- the video sizes a party offers ---------------------------------------------------------- */

/* Text written as snprintf does: at most size - 1 characters kept, len counts them all. */
typedef struct text_writer {
    char *out;
    size_t size;
    size_t len;
} text_writer;

static void put_char_at(text_writer *w, size_t at, char c)
{
    if (at + 1 < w->size)
        w->out[at] = c;
}

static void put_char(text_writer *w, char c)
{
    put_char_at(w, w->len++, c);
}

static void put_u32(text_writer *w, uint32_t v)
{
    size_t digits = 1;
    for (uint32_t rest = v; rest >= 10; rest /= 10)
        digits++;
    for (size_t i = digits; i-- > 0; v /= 10)
        put_char_at(w, w->len + i, (char)('0' + v % 10));
    w->len += digits;
}

static void put_image_set(text_writer *w, const ft_image_set *set)
{
    if (w->len)
        put_char(w, ' ');
    put_u32(w, set->x.value);
    put_char(w, 'x');
    put_u32(w, set->y.value);
    if (set->has_fps) {
        put_char(w, '@');
        put_u32(w, set->fps.value);
    }
}

static void put_sent_sizes(text_writer *w, const ft_section *video)
{
    for (size_t i = 0; i < video->n_imageattrs; i++)
        for (size_t j = 0; j < video->imageattrs[i].n_directions; j++) {
            const ft_image_direction *d = &video->imageattrs[i].directions[j];
            for (size_t k = 0; d->is_send && k < d->n_sets; k++)
                if (d->sets[k].has_x && d->sets[k].has_y)
                    put_image_set(w, &d->sets[k]);
        }
}

size_t ft_sdp_video_sizes(const ft_sdp *sdp, char *out, size_t size)
{
    text_writer w = { out, size, 0 };
    for (size_t i = 1; i < sdp->n_sections; i++)
        if (sdp->sections[i].kind == FT_MEDIA_VIDEO) {
            put_sent_sizes(&w, &sdp->sections[i]);
            break;
        }
    if (size)
        out[w.len < size ? w.len : size - 1] = '\0';
    return w.len;
}
