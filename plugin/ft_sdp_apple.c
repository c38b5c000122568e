/* ft_sdp_apple.c - Apple's attributes beyond FLS and the media ones: a=BBCODEC,
 * a=ftdisplayattr, and iChat's a=hwi, a=iChatEncryption, a=bandwidthDetection and a=RTCP.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_sdp_parser.h"

/* a=BBCODEC:<codec type>:<sample rate>: the baseband (cellular) codec, as Apple's composer
 * writes it. */
void sdp_parse_bbcodec(parser *p, ft_span value)
{
    ft_section *section = current_section(p);
    if (already_given(p, section->has_bbcodec, value))
        return;
    ft_span type, rate;
    value = trim(p, value);
    if (!split_at(p, value, ':', &type, &rate) ||
        !parse_number(p, trim(p, type), UINT32_MAX, &section->bbcodec.type) ||
        !parse_number(p, trim(p, rate), UINT32_MAX, &section->bbcodec.rate)) {
        report(p, FT_PROBLEM_ATTRIBUTE_INVALID, value);
        return;
    }
    section->has_bbcodec = true;
    section->bbcodec.text = value;
}

/* The number after "<name>=" in s, which must be exactly that. */
static bool parse_named_number(const parser *p, ft_span s, const char *name, ft_number *number)
{
    ft_span key, digits;
    return split_at(p, trim(p, s), '=', &key, &digits) && span_equals(p, key, name) &&
           parse_number(p, digits, UINT32_MAX, number);
}

/* a=ftdisplayattr:resolution [x=<w>,y=<h>]: the size of the sender's display. */
void sdp_parse_display(parser *p, ft_span value)
{
    ft_section *section = current_section(p);
    if (already_given(p, section->has_display, value))
        return;
    value = trim(p, value);
    ft_span rest = value;
    ft_span kind = next_word(p, &rest);
    rest = trim(p, rest);
    ft_span x, y;
    bool ok = span_equals(p, kind, "resolution") && rest.length >= 2 &&
              char_at(p, rest, 0) == '[' && char_at(p, rest, rest.length - 1) == ']' &&
              split_at(p, make_span(rest.offset + 1, rest.length - 2), ',', &x, &y) &&
              parse_named_number(p, x, "x", &section->display.x) &&
              parse_named_number(p, y, "y", &section->display.y);
    if (!ok) {
        report(p, FT_PROBLEM_ATTRIBUTE_INVALID, value);
        return;
    }
    section->has_display = true;
    section->display.text = value;
}

/* a=hwi:<n>:<n>:...: iChat's hardware information, numbers whose meaning is not public. */
void sdp_parse_hwi(parser *p, ft_span value)
{
    ft_section *section = current_section(p);
    if (already_given(p, section->has_hwi, value))
        return;
    ft_number_list *hwi = &section->hwi;
    value = trim(p, value);
    ft_span rest = value;
    bool more = value.length > 0;
    while (more && !p->sdp->out_of_memory) {
        ft_span item;
        more = split_at(p, rest, ':', &item, &rest);
        if (list_full(p, hwi->n_values, item))
            break;
        ft_number number;
        if (!parse_number(p, item, UINT32_MAX, &number)) {
            report(p, FT_PROBLEM_ATTRIBUTE_INVALID, item.length ? item : value);
            continue;
        }
        ft_number *slot = APPEND(p, hwi->values, hwi->n_values);
        if (slot)
            *slot = number;
    }
    section->has_hwi = true;
    hwi->text = value;
}

/* a=iChatEncryption:YES and the like: iChat's YES or NO. */
void sdp_parse_yes_no(parser *p, ft_span value, bool *has, ft_yes_no *out)
{
    if (already_given(p, *has, value))
        return;
    value = trim(p, value);
    bool yes = span_equals(p, value, "YES");
    if (!yes && !span_equals(p, value, "NO")) {
        report(p, FT_PROBLEM_ATTRIBUTE_INVALID, value);
        return;
    }
    *has = true;
    out->text = value;
    out->value = yes;
}

/* a=RTCP:AUDIO <port> VIDEO <port>: where iChat receives each medium's RTCP. */
void sdp_parse_rtcp_ports(parser *p, ft_span value)
{
    ft_section *section = current_section(p);
    if (already_given(p, section->has_rtcp_ports, value))
        return;
    ft_rtcp_ports *ports = &section->rtcp_ports;
    value = trim(p, value);
    ft_span rest = value;
    for (ft_span medium = next_word(p, &rest); medium.length; medium = next_word(p, &rest)) {
        bool audio = span_equals(p, medium, "AUDIO");
        if (!audio && !span_equals(p, medium, "VIDEO")) {
            /* The ports before it stand, as after a bad port: the attribute is still given. */
            report(p, FT_PROBLEM_ATTRIBUTE_INVALID, medium);
            break;
        }
        ft_span port = next_word(p, &rest);
        ft_number number;
        if (!parse_number(p, port, UINT32_MAX, &number) || number.value == 0 ||
            number.value > MAX_PORT) {
            report(p, FT_PROBLEM_PORT_INVALID, port.length ? port : medium);
            continue;
        }
        if (audio) {
            ports->has_audio = true;
            ports->audio = number;
        } else {
            ports->has_video = true;
            ports->video = number;
        }
    }
    section->has_rtcp_ports = ports->has_audio || ports->has_video;
    ports->text = value;
}
