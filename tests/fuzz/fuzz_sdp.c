/* fuzz_sdp.c - any text through ft_sdp_parse, with the default limits, with small limits and
 * with failing allocations.
 *
 * Invariants:
 *  - every span (values, numbers, problems) lies inside the text;
 *  - every number is the value of its span's digits, within its range (payload type <= 127,
 *    port <= 65535), and FLS numbers and ratios match their text;
 *  - spans hold what their field says: "DMBR", "CAP", "send"/"recv", "[...]" image sets,
 *    FLS entries without ';' whose key matches their name, ...;
 *  - counts: n_lines is the number of lines up to max_lines, one section per m= line read, lists
 *    no longer than max_list_items, one LINE_LIMIT problem exactly when lines were left unread,
 *    one FLS_INVALID per invalid entry, one FMTP_CODEC_NAME per fmtp without a payload type, one
 *    IMAGEATTR_FPS per imageattr that uses fps;
 *  - memory grows at most linearly with the text;
 *  - ft_sdp_parse returns false exactly when memory ran out, and ft_sdp_free frees everything;
 *  - Apple's other attributes (BBCODEC, ftdisplayattr, hwi, iChat's YES/NO and a=RTCP, rtcp-fb)
 *    and imageattr's cellular rules, preferences and ranges hold what their text says;
 *  - ft_sdp_video_offer gives the same text for any buffer size, cut like snprintf when short.
 *  - ft_compact_uri, on the input as a string, gives a part of it, as long as it says.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_support.h"
#include "ft_sdp.h"
#include "ft_summary.h"

#define MAX_PAYLOAD_TYPE 127
#define MAX_PORT 65535

/* The parser keeps a few fixed-size records per line and per list item; no single byte of text
 * can make more than a few of them. Generous, but it fails on quadratic growth. */
#define BYTES_PER_TEXT_BYTE 512
#define BYTES_FIXED (64 * 1024)

typedef struct checker {
    const uint8_t *text;
    size_t len;
    const ft_sdp_limits *limits;
    const ft_sdp *sdp;
} checker;

/* ---- the text, read independently of the parser ---------------------------------------------- */

/* The line at *pos, by ft_sdp.h's definition (CRLF, LF or CR ends it); *pos moves past it. */
static bool next_line(const checker *c, size_t *pos, size_t *start, size_t *length)
{
    if (*pos >= c->len)
        return false;
    size_t end = *pos;
    while (end < c->len && c->text[end] != '\r' && c->text[end] != '\n')
        end++;
    *start = *pos;
    *length = end - *pos;
    if (end < c->len && c->text[end] == '\r')
        end++;
    if (end < c->len && c->text[end] == '\n')
        end++;
    *pos = end;
    return true;
}

static size_t count_lines(const checker *c)
{
    size_t pos = 0, start, length, lines = 0;
    while (next_line(c, &pos, &start, &length))
        lines++;
    return lines;
}

/* m= lines among the first `lines` lines: each opens a media section. */
static size_t count_media_lines(const checker *c, size_t lines)
{
    size_t pos = 0, start, length, media = 0;
    for (size_t i = 0; i < lines && next_line(c, &pos, &start, &length); i++)
        media += length >= 2 && c->text[start] == 'm' && c->text[start + 1] == '=';
    return media;
}

/* ---- spans and numbers ----------------------------------------------------------------------- */

static void check_span(const checker *c, ft_span s)
{
    FUZZ_CHECK(fuzz_span_inside(s.offset, s.length, c->len));
}

static void check_span_within(const checker *c, ft_span inner, ft_span outer)
{
    check_span(c, inner);
    FUZZ_CHECK(inner.offset >= outer.offset &&
               inner.offset + inner.length <= outer.offset + outer.length);
}

static bool span_is(const checker *c, ft_span s, const char *literal)
{
    size_t n = strlen(literal);
    return s.length == n && memcmp(c->text + s.offset, literal, n) == 0;
}

static bool is_blank(uint8_t ch)
{
    return ch == ' ' || ch == '\t';
}

static bool span_has_byte(const checker *c, ft_span s, uint8_t byte)
{
    return s.length > 0 && memchr(c->text + s.offset, byte, s.length) != NULL;
}

/* A non-empty span with no blank at either end, and no line end anywhere. */
static void check_trimmed(const checker *c, ft_span s)
{
    check_span(c, s);
    FUZZ_CHECK(s.length > 0);
    FUZZ_CHECK(!is_blank(c->text[s.offset]) && !is_blank(c->text[s.offset + s.length - 1]));
    FUZZ_CHECK(!span_has_byte(c, s, '\r') && !span_has_byte(c, s, '\n'));
}

/* The span's decimal digits, or false when it is not 1..10 digits that fit in 32 bits. */
static bool digits_value(const checker *c, ft_span s, uint32_t *value)
{
    if (s.length == 0 || s.length > 10)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < s.length; i++) {
        uint8_t ch = c->text[s.offset + i];
        if (ch < '0' || ch > '9')
            return false;
        v = v * 10 + (uint64_t)(ch - '0');
    }
    if (v > UINT32_MAX)
        return false;
    *value = (uint32_t)v;
    return true;
}

static void check_number(const checker *c, ft_number n, uint32_t max)
{
    check_span(c, n.text);
    uint32_t value;
    FUZZ_CHECK(digits_value(c, n.text, &value));
    FUZZ_CHECK(value == n.value);
    FUZZ_CHECK(n.value <= max);
}

static void check_signed_number(const checker *c, ft_span s, int32_t number)
{
    check_span(c, s);
    bool negative = s.length > 0 && c->text[s.offset] == '-';
    ft_span magnitude_text = { s.offset + negative, s.length - negative };
    uint32_t magnitude;
    FUZZ_CHECK(digits_value(c, magnitude_text, &magnitude));
    int64_t expected = negative ? -(int64_t)magnitude : (int64_t)magnitude;
    FUZZ_CHECK(expected == number);
}

/* A list: within the item limit, and with storage when not empty. */
static void check_list(const checker *c, const void *items, size_t count, bool limited)
{
    FUZZ_CHECK(count == 0 || items != NULL);
    if (limited)
        FUZZ_CHECK(count <= c->limits->max_list_items);
}

/* ---- a=FLS ----------------------------------------------------------------------------------- */

/* The key each name stands for: the entry of ft_fls_keys.h written that way, compared here
 * character by character rather than through the parser's lookup. */
static ft_fls_key expected_fls_key(const checker *c, ft_span name)
{
    for (size_t key = 0; key < FT_FLS_N_KEYS; key++)
        if (span_is(c, name, ft_fls_keys[key].written))
            return (ft_fls_key)key;
    return FT_FLS_UNKNOWN;
}

static void check_ratio(const checker *c, const ft_ratio *ratio, ft_span value)
{
    check_span_within(c, ratio->text, value);
    const uint8_t *slash = ratio->text.length
        ? memchr(c->text + ratio->text.offset, '/', ratio->text.length) : NULL;
    FUZZ_CHECK(slash != NULL);
    size_t at = (size_t)(slash - c->text);
    ft_span numerator = { ratio->text.offset, at - ratio->text.offset };
    ft_span denominator = { at + 1, ratio->text.offset + ratio->text.length - at - 1 };
    uint32_t num, den;
    FUZZ_CHECK(digits_value(c, numerator, &num) && num == ratio->numerator);
    FUZZ_CHECK(digits_value(c, denominator, &den) && den == ratio->denominator);
    FUZZ_CHECK(num != 0 && den != 0);
}

static bool takes_ratios(ft_fls_kind kind)
{
    return kind == FT_FLS_KIND_RATIOS || kind == FT_FLS_KIND_FLAG_OR_RATIOS;
}

static void check_fls_entry(const checker *c, const ft_fls_entry *entry, ft_span list)
{
    check_trimmed(c, entry->text);
    check_span_within(c, entry->text, list);
    FUZZ_CHECK(!span_has_byte(c, entry->text, ';'));
    check_span_within(c, entry->name, entry->text);
    FUZZ_CHECK(entry->name.offset == entry->text.offset);
    FUZZ_CHECK(entry->key == expected_fls_key(c, entry->name));
    if (entry->has_value) {
        FUZZ_CHECK(c->text[entry->name.offset + entry->name.length] == ':');
        FUZZ_CHECK(entry->value.offset == entry->name.offset + entry->name.length + 1);
        FUZZ_CHECK(entry->value.offset + entry->value.length ==
                   entry->text.offset + entry->text.length);
    } else {
        FUZZ_CHECK(entry->name.length == entry->text.length && entry->value.length == 0);
    }
    check_list(c, entry->ratios, entry->n_ratios, true);
    ft_fls_kind kind = ft_fls_key_kind(entry->key);
    FUZZ_CHECK(kind == (entry->key == FT_FLS_UNKNOWN ? FT_FLS_KIND_UNKNOWN
                                                      : ft_fls_keys[entry->key].kind));
    FUZZ_CHECK(entry->n_ratios == 0 || takes_ratios(kind));
    for (size_t i = 0; i < entry->n_ratios; i++)
        check_ratio(c, &entry->ratios[i], entry->value);
    if (!entry->valid)
        return;
    switch (kind) {
    case FT_FLS_KIND_NUMBER:
        FUZZ_CHECK(entry->has_value);
        check_signed_number(c, entry->value, entry->number);
        break;
    case FT_FLS_KIND_NUMBER_OR_BARE:
        if (entry->has_value)
            check_signed_number(c, entry->value, entry->number);
        break;
    case FT_FLS_KIND_FLAG:
        FUZZ_CHECK(!entry->has_value);
        break;
    case FT_FLS_KIND_RATIOS:
    case FT_FLS_KIND_FLAG_OR_RATIOS:
        /* When memory ran out mid-list, the ratios may not have been stored. */
        FUZZ_CHECK(kind == FT_FLS_KIND_FLAG_OR_RATIOS || entry->has_value);
        FUZZ_CHECK(!entry->has_value || entry->n_ratios > 0 || c->sdp->out_of_memory);
        break;
    case FT_FLS_KIND_VERBATIM:
        break;
    case FT_FLS_KIND_UNKNOWN:
        FUZZ_CHECK(entry->name.length > 0);
        break;
    }
}

static void check_fls(const checker *c, const ft_fls *fls, size_t *invalid_entries)
{
    check_span(c, fls->text);
    if (fls->has_pt)
        check_number(c, fls->pt, MAX_PAYLOAD_TYPE);
    check_list(c, fls->entries, fls->n_entries, true);
    for (size_t i = 0; i < fls->n_entries; i++) {
        check_fls_entry(c, &fls->entries[i], fls->text);
        *invalid_entries += !fls->entries[i].valid;
    }
}

/* ---- a=fmtp, a=rtpmap ------------------------------------------------------------------------ */

static void check_fmtp(const checker *c, const ft_fmtp *fmtp)
{
    check_span(c, fmtp->text);
    check_span_within(c, fmtp->format, fmtp->text);
    if (fmtp->has_pt) {
        check_number(c, fmtp->pt, MAX_PAYLOAD_TYPE);
        FUZZ_CHECK(fmtp->pt.text.offset == fmtp->format.offset &&
                   fmtp->pt.text.length == fmtp->format.length);
    }
    if (fmtp->has_sbr)
        FUZZ_CHECK(span_is(c, fmtp->sbr, "sbr"));
    if (fmtp->has_sec)
        FUZZ_CHECK(span_is(c, fmtp->sec, "sec"));
    if (fmtp->has_samples_per_block) {
        check_number(c, fmtp->samples_per_block, UINT32_MAX);
        check_span_within(c, fmtp->samples_per_block.text, fmtp->text);
    }
    if (fmtp->has_imagesize) {
        check_number(c, fmtp->imagesize, UINT32_MAX);
        check_span_within(c, fmtp->imagesize.text, fmtp->text);
    }
    check_span(c, fmtp->rules);
    FUZZ_CHECK(fmtp->n_rule_values == 0 || fmtp->has_imagesize);
    check_list(c, fmtp->rule_values, fmtp->n_rule_values, true);
    for (size_t i = 0; i < fmtp->n_rule_values; i++) {
        check_number(c, fmtp->rule_values[i], UINT32_MAX);
        check_span_within(c, fmtp->rule_values[i].text, fmtp->text);
        /* The values are the numbers of `rules` (regression: a second "imagesize N rules R"
         * in one a=fmtp added its values to the first one's). */
        check_span_within(c, fmtp->rule_values[i].text, fmtp->rules);
    }
}

static void check_rtpmap(const checker *c, const ft_rtpmap *rtpmap)
{
    check_span(c, rtpmap->text);
    check_number(c, rtpmap->pt, MAX_PAYLOAD_TYPE);
    check_span_within(c, rtpmap->pt.text, rtpmap->text);
    check_span_within(c, rtpmap->encoding_name, rtpmap->text);
    FUZZ_CHECK(rtpmap->encoding_name.length > 0);
    FUZZ_CHECK(!span_has_byte(c, rtpmap->encoding_name, '/'));
    /* The clock rate follows the name: "<name>/<clock rate>". */
    size_t after_name = rtpmap->encoding_name.offset + rtpmap->encoding_name.length;
    FUZZ_CHECK(after_name < rtpmap->text.offset + rtpmap->text.length &&
               c->text[after_name] == '/');
}

/* ---- a=imageattr ----------------------------------------------------------------------------- */

/* A parameter read for its meaning starts with its key, and its numbers lie inside it. */
static void check_image_param(const checker *c, const ft_image_param *param)
{
    const uint8_t *key = c->text + param->text.offset;
    switch (param->kind) {
    case FT_IMAGE_PARAM_CELLULAR:
        FUZZ_CHECK(param->text.length > 2 && key[0] == 'i' && key[1] == '=');
        check_number(c, param->cellular, UINT32_MAX);
        check_span_within(c, param->cellular.text, param->text);
        break;
    case FT_IMAGE_PARAM_QUALITY:
        FUZZ_CHECK(param->text.length > 2 && key[0] == 'q' && key[1] == '=');
        check_span_within(c, param->quality, param->text);
        break;
    case FT_IMAGE_PARAM_RANGE:
        FUZZ_CHECK(key[0] == (param->is_height ? 'y' : 'x') && key[1] == '=' && key[2] == '[');
        check_number(c, param->min, UINT32_MAX);
        check_number(c, param->max, UINT32_MAX);
        check_span_within(c, param->min.text, param->text);
        check_span_within(c, param->max.text, param->text);
        if (param->has_step) {
            check_number(c, param->step, UINT32_MAX);
            FUZZ_CHECK(param->min.text.offset < param->step.text.offset &&
                       param->step.text.offset < param->max.text.offset);
        } else {
            FUZZ_CHECK(param->step.value == 1);
        }
        break;
    case FT_IMAGE_PARAM_OTHER:
        break;
    }
}

static void check_image_set(const checker *c, const ft_image_set *set, ft_span direction)
{
    check_span(c, set->text);
    /* A set belongs to its direction ("send [..] [..]") (regression: a set that did not
     * parse was kept, after the end of its direction's text). */
    check_span_within(c, set->text, direction);
    FUZZ_CHECK(set->text.length >= 2);
    FUZZ_CHECK(c->text[set->text.offset] == '[');
    FUZZ_CHECK(c->text[set->text.offset + set->text.length - 1] == ']');
    const ft_number *numbers[] = { set->has_x ? &set->x : NULL, set->has_y ? &set->y : NULL,
                                   set->has_fps ? &set->fps : NULL };
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        if (!numbers[i])
            continue;
        check_number(c, *numbers[i], UINT32_MAX);
        check_span_within(c, numbers[i]->text, set->text);
    }
    check_list(c, set->other_params, set->n_other_params, true);
    bool cellular = false;
    for (size_t i = 0; i < set->n_other_params; i++) {
        const ft_image_param *param = &set->other_params[i];
        check_span_within(c, param->text, set->text);
        FUZZ_CHECK(span_has_byte(c, param->text, '='));
        check_image_param(c, param);
        cellular |= param->kind == FT_IMAGE_PARAM_CELLULAR && param->cellular.value == 1;
    }
    FUZZ_CHECK(set->cellular == cellular);
}

static void check_imageattr(const checker *c, const ft_imageattr *imageattr)
{
    check_span(c, imageattr->text);
    if (imageattr->has_pt) {
        check_number(c, imageattr->pt, MAX_PAYLOAD_TYPE);
        check_span_within(c, imageattr->pt.text, imageattr->text);
    }
    bool any_fps = false;
    check_list(c, imageattr->directions, imageattr->n_directions, true);
    for (size_t i = 0; i < imageattr->n_directions; i++) {
        const ft_image_direction *direction = &imageattr->directions[i];
        check_span_within(c, direction->text, imageattr->text);
        check_span_within(c, direction->keyword, direction->text);
        FUZZ_CHECK(direction->keyword.offset == direction->text.offset);
        FUZZ_CHECK(span_is(c, direction->keyword, direction->is_send ? "send" : "recv"));
        check_list(c, direction->sets, direction->n_sets, true);
        for (size_t j = 0; j < direction->n_sets; j++) {
            check_image_set(c, &direction->sets[j], direction->text);
            any_fps |= direction->sets[j].has_fps;
        }
    }
    FUZZ_CHECK(!any_fps || imageattr->uses_fps);
}

/* ---- sections -------------------------------------------------------------------------------- */

static void check_ipv4(const checker *c, const ft_address *address)
{
    /* Four dotted decimal octets, each 1..3 digits. */
    size_t pos = address->text.offset, end = address->text.offset + address->text.length;
    for (int i = 0; i < 4; i++) {
        size_t start = pos;
        while (pos < end && c->text[pos] != '.')
            pos++;
        ft_span octet_text = { start, pos - start };
        uint32_t octet;
        FUZZ_CHECK(octet_text.length <= 3 && digits_value(c, octet_text, &octet));
        FUZZ_CHECK(octet == address->bytes[i]);
        FUZZ_CHECK((i < 3) == (pos < end));
        pos++;
    }
}

static void check_ipv6(const checker *c, const ft_address *address)
{
    char *copy = malloc(address->text.length + 1);
    FUZZ_CHECK(copy != NULL);
    memcpy(copy, c->text + address->text.offset, address->text.length);
    copy[address->text.length] = '\0';
    uint8_t bytes[16];
    FUZZ_CHECK(inet_pton(AF_INET6, copy, bytes) == 1);
    FUZZ_CHECK(memcmp(bytes, address->bytes, sizeof bytes) == 0);
    free(copy);
}

typedef struct tallies {
    size_t invalid_fls_entries;
    size_t fmtps_without_pt;
    size_t imageattrs_with_fps;
} tallies;

/* ---- Apple's other attributes ---------------------------------------------------------------- */

static void check_rtcp_fb(const checker *c, const ft_rtcp_fb *fb)
{
    check_span(c, fb->text);
    if (fb->text.length)
        check_trimmed(c, fb->text);
    check_span_within(c, fb->format, fb->text);
    FUZZ_CHECK(fb->format.offset == fb->text.offset);
    check_list(c, fb->types, fb->n_types, true);
    for (size_t i = 0; i < fb->n_types; i++) {
        check_span_within(c, fb->types[i], fb->text);
        FUZZ_CHECK(fb->types[i].length > 0 && !span_has_byte(c, fb->types[i], ' '));
        FUZZ_CHECK(fb->types[i].offset > fb->format.offset);
    }
}

static void check_apple_attributes(const checker *c, const ft_section *section)
{
    if (section->has_allowrecording)
        FUZZ_CHECK(span_is(c, section->allowrecording, "allowrecording"));
    if (section->has_bbcodec) {
        check_trimmed(c, section->bbcodec.text);
        check_number(c, section->bbcodec.type, UINT32_MAX);
        check_number(c, section->bbcodec.rate, UINT32_MAX);
        check_span_within(c, section->bbcodec.type.text, section->bbcodec.text);
        check_span_within(c, section->bbcodec.rate.text, section->bbcodec.text);
    }
    if (section->has_display) {
        check_trimmed(c, section->display.text);
        FUZZ_CHECK(c->text[section->display.text.offset + section->display.text.length - 1] == ']');
        check_number(c, section->display.x, UINT32_MAX);
        check_number(c, section->display.y, UINT32_MAX);
        FUZZ_CHECK(section->display.x.text.offset < section->display.y.text.offset);
    }
    if (section->has_hwi) {
        check_list(c, section->hwi.values, section->hwi.n_values, true);
        for (size_t i = 0; i < section->hwi.n_values; i++) {
            check_number(c, section->hwi.values[i], UINT32_MAX);
            check_span_within(c, section->hwi.values[i].text, section->hwi.text);
        }
    }
    const ft_yes_no *answers[] = {
        section->has_ichat_encryption ? &section->ichat_encryption : NULL,
        section->has_bandwidth_detection ? &section->bandwidth_detection : NULL,
    };
    for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++)
        if (answers[i])
            FUZZ_CHECK(span_is(c, answers[i]->text, answers[i]->value ? "YES" : "NO"));
    if (section->has_multipoint)
        check_number(c, section->multipoint, UINT32_MAX);
    if (section->has_framerate)
        check_trimmed(c, section->framerate);
    if (section->has_rtcp_ports) {
        const ft_rtcp_ports *ports = &section->rtcp_ports;
        FUZZ_CHECK(ports->has_audio || ports->has_video);
        const ft_number *numbers[] = { ports->has_audio ? &ports->audio : NULL,
                                       ports->has_video ? &ports->video : NULL };
        for (size_t i = 0; i < 2; i++) {
            if (!numbers[i])
                continue;
            check_number(c, *numbers[i], MAX_PORT);
            FUZZ_CHECK(numbers[i]->value > 0);
            check_span_within(c, numbers[i]->text, ports->text);
        }
    }
    check_list(c, section->rtcp_fbs, section->n_rtcp_fbs, false);
    for (size_t i = 0; i < section->n_rtcp_fbs; i++)
        check_rtcp_fb(c, &section->rtcp_fbs[i]);
}

static void check_media_line(const checker *c, const ft_section *section)
{
    check_span(c, section->media_line);
    check_span_within(c, section->media_name, section->media_line);
    ft_media_kind kind = span_is(c, section->media_name, "audio") ? FT_MEDIA_AUDIO
                       : span_is(c, section->media_name, "video") ? FT_MEDIA_VIDEO
                       : FT_MEDIA_OTHER;
    FUZZ_CHECK(section->kind == kind);
    /* The port is only set when it parsed. */
    if (section->port.text.length)
        check_number(c, section->port, MAX_PORT);
    else
        FUZZ_CHECK(section->port.value == 0);
    check_span_within(c, section->transport, section->media_line);
    bool carries_rtp = false;
    for (size_t i = 0; i + 4 <= section->transport.length; i++)
        carries_rtp |= memcmp(c->text + section->transport.offset + i, "RTP/", 4) == 0;
    /* A media line that does not parse says nothing about RTP. */
    bool parsed = section->port.text.length > 0 && section->transport.length > 0;
    FUZZ_CHECK(section->is_rtp == (parsed && carries_rtp));
    /* Payload types, after the transport, in the line, only for RTP. */
    FUZZ_CHECK(section->n_formats == 0 || section->is_rtp);
    check_list(c, section->formats, section->n_formats, true);
    for (size_t i = 0; i < section->n_formats; i++) {
        check_number(c, section->formats[i], MAX_PAYLOAD_TYPE);
        check_span_within(c, section->formats[i].text, section->media_line);
        FUZZ_CHECK(section->formats[i].text.offset > section->transport.offset);
    }
}

static void check_section(const checker *c, const ft_section *section, bool is_session_level,
                          tallies *t)
{
    FUZZ_CHECK(section->is_media == !is_session_level);
    if (section->is_media)
        check_media_line(c, section);
    if (section->has_connection) {
        check_trimmed(c, section->connection.text);
        if (section->connection.is_ipv6)
            check_ipv6(c, &section->connection);
        else
            check_ipv4(c, &section->connection);
    }
    if (section->has_bandwidth)
        check_number(c, section->bandwidth, UINT32_MAX);
    FUZZ_CHECK(!section->has_bandwidth_extra || section->has_bandwidth);
    if (section->has_bandwidth_extra)
        check_number(c, section->bandwidth_extra, UINT32_MAX);
    if (section->has_rtcp_port)
        check_number(c, section->rtcp_port, MAX_PORT);
    if (section->has_rtpid)
        check_number(c, section->rtpid, UINT32_MAX);
    if (section->has_au)
        check_number(c, section->au, UINT32_MAX);
    if (section->has_dmbr)
        FUZZ_CHECK(span_is(c, section->dmbr, "DMBR"));
    if (section->has_cap)
        FUZZ_CHECK(span_is(c, section->cap, "CAP"));
    check_apple_attributes(c, section);

    check_list(c, section->fls, section->n_fls, false);
    for (size_t i = 0; i < section->n_fls; i++)
        check_fls(c, &section->fls[i], &t->invalid_fls_entries);
    check_list(c, section->fmtps, section->n_fmtps, false);
    for (size_t i = 0; i < section->n_fmtps; i++) {
        check_fmtp(c, &section->fmtps[i]);
        t->fmtps_without_pt += !section->fmtps[i].has_pt;
    }
    check_list(c, section->rtpmaps, section->n_rtpmaps, false);
    for (size_t i = 0; i < section->n_rtpmaps; i++)
        check_rtpmap(c, &section->rtpmaps[i]);
    check_list(c, section->imageattrs, section->n_imageattrs, false);
    for (size_t i = 0; i < section->n_imageattrs; i++) {
        check_imageattr(c, &section->imageattrs[i]);
        t->imageattrs_with_fps += section->imageattrs[i].uses_fps;
    }
}

static size_t problems_of(const ft_sdp *sdp, ft_problem_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < sdp->n_problems; i++)
        n += sdp->problems[i].kind == kind;
    return n;
}

static void check_sdp(const checker *c)
{
    const ft_sdp *sdp = c->sdp;
    if (sdp->has_client) {
        check_trimmed(c, sdp->client);
        FUZZ_CHECK(!span_has_byte(c, sdp->client, ' ') && !span_has_byte(c, sdp->client, '\t'));
    }
    if (sdp->has_session_name)
        check_trimmed(c, sdp->session_name);

    check_list(c, sdp->problems, sdp->n_problems, false);
    for (size_t i = 0; i < sdp->n_problems; i++) {
        FUZZ_CHECK((int)sdp->problems[i].kind >= (int)FT_PROBLEM_RTPID_INVALID &&
                   (int)sdp->problems[i].kind <= (int)FT_PROBLEM_IMAGEATTR_RANGE);
        check_span(c, sdp->problems[i].where);
    }

    FUZZ_CHECK(sdp->n_lines <= c->limits->max_lines);
    check_list(c, sdp->sections, sdp->n_sections, false);
    tallies t = { 0, 0, 0 };
    for (size_t i = 0; i < sdp->n_sections; i++)
        check_section(c, &sdp->sections[i], i == 0, &t);
    if (sdp->out_of_memory)
        return;     /* parsing stopped somewhere: the counts below need a whole parse */

    size_t lines = count_lines(c);
    size_t read = lines < c->limits->max_lines ? lines : c->limits->max_lines;
    FUZZ_CHECK(sdp->n_lines == read);
    FUZZ_CHECK(problems_of(sdp, FT_PROBLEM_LINE_LIMIT) == (lines > read ? 1u : 0u));
    FUZZ_CHECK(sdp->n_sections == 1 + count_media_lines(c, read));
    FUZZ_CHECK(problems_of(sdp, FT_PROBLEM_FLS_INVALID) == t.invalid_fls_entries);
    FUZZ_CHECK(problems_of(sdp, FT_PROBLEM_FMTP_CODEC_NAME) == t.fmtps_without_pt);
    FUZZ_CHECK(problems_of(sdp, FT_PROBLEM_IMAGEATTR_FPS) == t.imageattrs_with_fps);
}

/* ft_sdp_video_offer: only the characters of its parts ("126: 320x240@30, cellular
 * [320:16:640]x240@15; rejected"), no blank at either end or twice; the same text whatever the
 * buffer, cut and terminated like snprintf's when short. */
static void check_video_offer(const ft_sdp *sdp)
{
    size_t len = ft_sdp_video_offer(sdp, NULL, 0);
    char *full = malloc(len + 1);
    FUZZ_CHECK(full != NULL);
    FUZZ_CHECK(ft_sdp_video_offer(sdp, full, len + 1) == len);
    FUZZ_CHECK(strlen(full) == len);
    FUZZ_CHECK(strspn(full, "0123456789x@ :;,[]*cellularrejected") == len);
    FUZZ_CHECK(len == 0 || (full[0] != ' ' && full[len - 1] != ' ' && !strstr(full, "  ")));
    size_t short_size = len / 2 + 1;
    char *cut = malloc(short_size);
    FUZZ_CHECK(cut != NULL);
    FUZZ_CHECK(ft_sdp_video_offer(sdp, cut, short_size) == len);
    FUZZ_CHECK(strlen(cut) == short_size - 1 && memcmp(cut, full, short_size - 1) == 0);
    free(cut);
    free(full);
}

/* Parses with these limits and budget, checks, frees, and checks that nothing is left. */
static void parse_and_check(const uint8_t *text, size_t len, size_t max_lines,
                            size_t max_list_items, long budget)
{
    ft_sdp_limits limits = { max_lines, max_list_items };
    fuzz_allocator counter;
    fuzz_allocator_init(&counter, budget);
    ft_sdp sdp;
    bool parsed = ft_sdp_parse(text, len, &limits, &counter.allocator, &sdp);

    FUZZ_CHECK(parsed == !sdp.out_of_memory);
    FUZZ_CHECK(parsed || counter.refused > 0);
    FUZZ_CHECK(!parsed || sdp.n_sections >= 1);
    FUZZ_CHECK(counter.peak_bytes <= BYTES_FIXED + BYTES_PER_TEXT_BYTE * len);
    checker c = { text, len, &limits, &sdp };
    check_sdp(&c);
    check_video_offer(&sdp);

    ft_sdp_free(&sdp, &counter.allocator);
    FUZZ_CHECK(sdp.n_sections == 0 && sdp.sections == NULL && sdp.n_problems == 0);
    fuzz_expect_no_leaks(&counter, "ft_sdp_free");
}

/* ft_compact_uri, on the input's text up to its first NUL: a part of it, as snprintf. */
static void check_compact_uri(const uint8_t *data, size_t size)
{
    char *uri = malloc(size + 1);
    FUZZ_CHECK(uri != NULL);
    memcpy(uri, data, size);
    uri[size] = '\0';
    size_t len = ft_compact_uri(uri, NULL, 0);
    char *out = malloc(len + 1);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(ft_compact_uri(uri, out, len + 1) == len);
    FUZZ_CHECK(strlen(out) == len && strstr(uri, out) != NULL);
    free(out);
    free(uri);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_compact_uri(data, size);
    parse_and_check(data, size, FT_SDP_DEFAULT_MAX_LINES, FT_SDP_DEFAULT_MAX_LIST_ITEMS, -1);
    /* Small limits, varied with the length so that the fuzzer reaches every one of them. */
    parse_and_check(data, size, size % 8, size % 4, -1);
    /* Failing allocations, at a point that also varies with the length. */
    parse_and_check(data, size, FT_SDP_DEFAULT_MAX_LINES, FT_SDP_DEFAULT_MAX_LIST_ITEMS,
                    (long)(size % 16));
    return 0;
}
