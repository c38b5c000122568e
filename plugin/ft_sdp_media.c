/* ft_sdp_media.c - the media attributes FaceTime uses: a=fmtp (with Apple's parameters),
 * a=rtpmap and a=imageattr (RFC 6236, with FaceTime's fps).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_sdp_parser.h"

/* ---- a=fmtp ---------------------------------------------------------------------------------- */

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
void sdp_parse_fmtp(parser *p, ft_span value)
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

/* ---- a=rtpmap -------------------------------------------------------------------------------- */

/* a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>] */
void sdp_parse_rtpmap(parser *p, ft_span value)
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

/* ---- payloads an SDP leaves unnamed ------------------------------------------------------------- */

static const ft_known_payload family_payloads[] = {
    { 105, FT_MEDIA_AUDIO, "X-AAC_ELD", 22050,
      "a=rtpmap:105 X-AAC_ELD/22050 of iChat's (Viceroy 1.4.1) public INVITE" },
};

const ft_known_payload *ft_family_payload(ft_media_kind kind, uint32_t pt)
{
    for (size_t i = 0; i < sizeof family_payloads / sizeof family_payloads[0]; i++)
        if (family_payloads[i].pt == pt && family_payloads[i].kind == kind)
            return &family_payloads[i];
    return NULL;
}

/* ---- a=imageattr ----------------------------------------------------------------------------- */

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

/* x=[min:max] or x=[min:step:max]. False when value is no such range; a range with step 0 or
 * its min above its max is reported and kept. */
static bool parse_image_range(parser *p, ft_span value, ft_image_param *param)
{
    if (value.length < 2 || char_at(p, value, 0) != '[' ||
        char_at(p, value, value.length - 1) != ']')
        return false;
    ft_span rest = make_span(value.offset + 1, value.length - 2), first, second, third;
    if (!split_at(p, rest, ':', &first, &rest))
        return false;
    param->has_step = split_at(p, rest, ':', &second, &third);
    if (!parse_number(p, first, UINT32_MAX, &param->min))
        return false;
    if (param->has_step) {
        if (!parse_number(p, second, UINT32_MAX, &param->step) ||
            !parse_number(p, third, UINT32_MAX, &param->max))
            return false;
    } else {
        if (!parse_number(p, rest, UINT32_MAX, &param->max))
            return false;
        param->step.value = 1;
    }
    if ((param->has_step && param->step.value == 0) || param->min.value > param->max.value)
        report(p, FT_PROBLEM_IMAGEATTR_RANGE, value);
    return true;
}

/* What a set parameter other than a plain x, y or fps means, where FaceTime gives it one. */
static void read_image_param(parser *p, ft_image_set *set, ft_span key, ft_span value,
                             ft_image_param *param)
{
    if (span_equals(p, key, "i") && parse_number(p, value, UINT32_MAX, &param->cellular)) {
        param->kind = FT_IMAGE_PARAM_CELLULAR;
        set->cellular |= param->cellular.value == 1;
    } else if (span_equals(p, key, "q")) {
        param->kind = FT_IMAGE_PARAM_QUALITY;
        param->quality = value;
    } else if ((span_equals(p, key, "x") || span_equals(p, key, "y")) &&
               parse_image_range(p, value, param)) {
        param->kind = FT_IMAGE_PARAM_RANGE;
        param->is_height = span_equals(p, key, "y");
    }
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
            ft_image_param *other = APPEND(p, set->other_params, set->n_other_params);
            if (other) {
                other->text = parameter;
                read_image_param(p, set, key, value, other);
            }
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
void sdp_parse_imageattr(parser *p, ft_span value)
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


/* ---- a=rtcp-fb ----------------------------------------------------------------------------------- */

/* a=rtcp-fb:<pt|*> <type> [<type>...]: RFC 4585 names one feedback type (and its parameters) per
 * line; FaceTime writes several, "a=rtcp-fb:* rpsi nack". Each word after the format is kept. */
void sdp_parse_rtcp_fb(parser *p, ft_span value)
{
    ft_section *section = current_section(p);
    ft_rtcp_fb *fb = APPEND(p, section->rtcp_fbs, section->n_rtcp_fbs);
    if (!fb)
        return;
    fb->text = trim(p, value);
    ft_span rest = fb->text;
    fb->format = next_word(p, &rest);
    ft_number pt;
    if (!span_equals(p, fb->format, "*") && !parse_number(p, fb->format, MAX_PAYLOAD_TYPE, &pt))
        report(p, FT_PROBLEM_NUMBER_INVALID, fb->format.length ? fb->format : value);
    for (ft_span type = next_word(p, &rest); type.length && !p->sdp->out_of_memory;
         type = next_word(p, &rest)) {
        if (list_full(p, fb->n_types, type))
            return;
        ft_span *slot = APPEND(p, fb->types, fb->n_types);
        if (slot)
            *slot = type;
    }
}
