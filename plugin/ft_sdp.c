/* ft_sdp.c - parsing FaceTime's SDP dialect: lines, the session level, m= sections and the
 * dispatch of attributes (FLS in ft_sdp_fls.c, media attributes in ft_sdp_media.c).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_sdp_parser.h"

#include <arpa/inet.h>

void *sdp_append(parser *p, void **items, size_t *count, size_t item_size)
{
    uint8_t *room = ft_array_reserve(p->a, *items, *count, item_size);
    if (!room) {
        p->sdp->out_of_memory = true;
        return NULL;
    }
    *items = room;
    uint8_t *slot = room + *count * item_size;
    (*count)++;
    memset(slot, 0, item_size);
    return slot;
}

/* ---- session lines --------------------------------------------------------------------------- */

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

/* The payload types of an RTP m= line. Formats that are not numbers are the SDP dissector's to
 * flag; here they are skipped. */
static void parse_formats(parser *p, ft_section *section, ft_span rest)
{
    for (ft_span word = next_word(p, &rest); word.length && !p->sdp->out_of_memory;
         word = next_word(p, &rest)) {
        ft_number pt;
        if (!parse_number(p, word, MAX_PAYLOAD_TYPE, &pt))
            continue;
        if (list_full(p, section->n_formats, word))
            return;
        ft_number *slot = APPEND(p, section->formats, section->n_formats);
        if (slot)
            *slot = pt;
    }
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
    if (section->is_rtp)
        parse_formats(p, section, rest);
}

/* ---- a= dispatch ----------------------------------------------------------------------------- */

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

/* iChat's attributes (a=RTCP, capitalised, is iChat's; a=rtcp is RFC 3605's). */
static void parse_ichat_attribute(parser *p, ft_span name, ft_span value)
{
    ft_section *section = current_section(p);
    if (span_equals(p, name, "hwi")) {
        sdp_parse_hwi(p, value);
    } else if (span_equals(p, name, "iChatEncryption")) {
        sdp_parse_yes_no(p, value, &section->has_ichat_encryption, &section->ichat_encryption);
    } else if (span_equals(p, name, "bandwidthDetection")) {
        sdp_parse_yes_no(p, value, &section->has_bandwidth_detection,
                         &section->bandwidth_detection);
    } else if (span_equals(p, name, "multipoint")) {
        parse_section_number(p, value, UINT32_MAX, &section->has_multipoint,
                             &section->multipoint, FT_PROBLEM_NUMBER_INVALID);
    } else if (span_equals(p, name, "framerate")) {
        ft_span rate = trim(p, value);
        if (rate.length)
            parse_flag(p, &section->has_framerate, &section->framerate, rate);
    } else if (span_equals(p, name, "RTCP")) {
        sdp_parse_rtcp_ports(p, value);
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
    if (span_equals(p, attribute, "allowrecording")) {
        parse_flag(p, &section->has_allowrecording, &section->allowrecording, attribute);
        return;
    }
    /* FLS separates its name with ';', not ':'. */
    if (span_equals(p, attribute, "FLS") || span_starts_with(p, attribute, "FLS;")) {
        sdp_parse_fls_list(p, drop_front(attribute, 4), NULL);
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
        sdp_parse_fmtp(p, value);
    else if (span_equals(p, name, "rtpmap"))
        sdp_parse_rtpmap(p, value);
    else if (span_equals(p, name, "imageattr"))
        sdp_parse_imageattr(p, value);
    else if (span_equals(p, name, "X_FLS"))
        sdp_parse_x_fls(p, value);
    else if (span_equals(p, name, "rtcp-fb"))
        sdp_parse_rtcp_fb(p, value);
    else if (span_equals(p, name, "BBCODEC"))
        sdp_parse_bbcodec(p, value);
    else if (span_equals(p, name, "ftdisplayattr"))
        sdp_parse_display(p, value);
    else
        parse_ichat_attribute(p, name, value);
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

/* The next line of text at *pos: its span without the line end (CRLF, LF or CR); *pos moves
 * past the line end. False at the end of the text. */
static bool next_line(const uint8_t *text, size_t len, size_t *pos, ft_span *line)
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
    while (!sdp->out_of_memory && next_line(text, len, &pos, &line)) {
        if (sdp->n_lines == limits->max_lines) {
            report(&p, FT_PROBLEM_LINE_LIMIT, make_span(line.offset, len - line.offset));
            break;
        }
        sdp->n_lines++;
        parse_line(&p, line);
    }
    return !sdp->out_of_memory;
}

/* ---- freeing --------------------------------------------------------------------------------- */

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
    for (size_t i = 0; i < s->n_rtcp_fbs; i++)
        a->free(a->ctx, s->rtcp_fbs[i].types);
    a->free(a->ctx, s->fls);
    a->free(a->ctx, s->fmtps);
    a->free(a->ctx, s->rtpmaps);
    a->free(a->ctx, s->imageattrs);
    a->free(a->ctx, s->rtcp_fbs);
    a->free(a->ctx, s->formats);
    a->free(a->ctx, s->hwi.values);
}

void ft_sdp_free(ft_sdp *sdp, const ft_allocator *a)
{
    for (size_t i = 0; i < sdp->n_sections; i++)
        free_section(&sdp->sections[i], a);
    a->free(a->ctx, sdp->sections);
    a->free(a->ctx, sdp->problems);
    memset(sdp, 0, sizeof *sdp);
}

