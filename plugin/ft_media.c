/* ft_media.c - reading RTP and RTCP headers and STUN messages.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_media.h"

#include <string.h>

#define RTP_FIXED_HEADER 12
#define RTCP_SENDER_SSRC_OFFSET 4
#define STUN_HEADER 20
#define STUN_MAGIC_COOKIE 0x2112A442u
#define STUN_MAPPED_ADDRESS 0x0001
#define STUN_XOR_MAPPED_ADDRESS 0x0020
#define STUN_XOR_RELAYED_ADDRESS 0x0016
#define STUN_FAMILY_IPV4 0x01
#define STUN_FAMILY_IPV6 0x02

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- RTP and RTCP ---------------------------------------------------------------------------- */

bool ft_rtp_read(const uint8_t *data, size_t len, ft_rtp_header *h)
{
    memset(h, 0, sizeof *h);
    if (len < 8 || data[0] < 128 || data[0] > 191)
        return false;
    uint8_t second = data[1];
    h->is_rtcp = second >= 192 && second <= 223;
    if (h->is_rtcp) {
        h->payload_type = second;
        h->ssrc_offset = RTCP_SENDER_SSRC_OFFSET;
        h->ssrc = be32(data + RTCP_SENDER_SSRC_OFFSET);
        return true;
    }
    if (len < RTP_FIXED_HEADER)
        return false;
    h->payload_type = second & 0x7f;
    h->sequence = be16(data + 2);
    h->ssrc_offset = 8;
    h->ssrc = be32(data + 8);
    h->has_extension = (data[0] & 0x10) != 0;
    if (!h->has_extension)
        return true;
    size_t csrc_count = data[0] & 0x0f;
    size_t extension = RTP_FIXED_HEADER + 4 * csrc_count;
    if (extension + 4 > len) {
        h->extension_truncated = true;
        return true;
    }
    h->extension_profile = be16(data + extension);
    h->extension_words = be16(data + extension + 2);
    h->extension_truncated = extension + 4 + 4 * (size_t)h->extension_words > len;
    return true;
}

bool ft_rtp_is_facetime(const ft_rtp_header *h)
{
    return !h->is_rtcp && h->has_extension && !h->extension_truncated &&
           h->extension_profile == FT_RTP_FACETIME_PROFILE &&
           h->extension_words == FT_RTP_FACETIME_WORDS;
}

ft_media_kind ft_payload_kind(uint8_t pt)
{
    /* RFC 3551, tables 4 and 5. */
    if (pt <= 18)
        return FT_MEDIA_AUDIO;
    if (pt == 25 || pt == 26 || pt == 28 || (pt >= 31 && pt <= 34))
        return FT_MEDIA_VIDEO;
    /* Listed by the family's SDP: FaceTime 2014's m=audio and iChat's, m=video and Apple's
     * composer's (HEVC 100, H.264 123, Apple's X-H264 126). */
    switch (pt) {
    case 104: case 105: case 106: case 121: case 122: case 124:
        return FT_MEDIA_AUDIO;
    case 100: case 123: case 126:
        return FT_MEDIA_VIDEO;
    default:
        return FT_MEDIA_OTHER;
    }
}

/* ---- STUN and TURN --------------------------------------------------------------------------- */

bool ft_is_stun_start(uint8_t first_byte)
{
    return first_byte <= 3;
}

bool ft_is_channel_data_start(uint8_t first_byte)
{
    return first_byte >= 64 && first_byte <= 79;
}

/* MAPPED-ADDRESS, or an XOR-ed address attribute (RFC 5389 sections 15.1 and 15.2). */
static bool read_address(const uint8_t *value, size_t len, bool xored,
                         const uint8_t header[STUN_HEADER], ft_transport_address *out)
{
    if (len < 4)
        return false;
    uint8_t family = value[1];
    size_t address_len = family == STUN_FAMILY_IPV4 ? 4 : family == STUN_FAMILY_IPV6 ? 16 : 0;
    if (address_len == 0 || len < 4 + address_len)
        return false;
    memset(out, 0, sizeof *out);
    out->is_ipv6 = family == STUN_FAMILY_IPV6;
    out->port = be16(value + 2);
    memcpy(out->bytes, value + 4, address_len);
    if (xored) {
        out->port ^= (uint16_t)(STUN_MAGIC_COOKIE >> 16);
        /* The cookie, then the transaction ID, as the key. */
        for (size_t i = 0; i < address_len; i++)
            out->bytes[i] ^= header[4 + i];
    }
    return true;
}

bool ft_stun_read(const uint8_t *data, size_t len, ft_stun_message *m)
{
    memset(m, 0, sizeof *m);
    if (len < STUN_HEADER || !ft_is_stun_start(data[0]) || be32(data + 4) != STUN_MAGIC_COOKIE)
        return false;
    size_t length = be16(data + 2);
    if (length % 4 != 0 || STUN_HEADER + length > len)
        return false;
    m->type = be16(data);
    size_t end = STUN_HEADER + length;
    for (size_t at = STUN_HEADER; at + 4 <= end;) {
        uint16_t type = be16(data + at);
        size_t value_len = be16(data + at + 2);
        const uint8_t *value = data + at + 4;
        if (at + 4 + value_len > end)
            break;
        /* XOR-MAPPED-ADDRESS wins over MAPPED-ADDRESS, wherever each comes. */
        if (type == STUN_XOR_MAPPED_ADDRESS && read_address(value, value_len, true, data,
                                                            &m->mapped))
            m->has_mapped = m->mapped_xored = true;
        else if (type == STUN_MAPPED_ADDRESS && !m->mapped_xored &&
                 read_address(value, value_len, false, data, &m->mapped))
            m->has_mapped = true;
        else if (type == STUN_XOR_RELAYED_ADDRESS &&
                 read_address(value, value_len, true, data, &m->relayed))
            m->has_relayed = true;
        at += 4 + (value_len + 3) / 4 * 4;
    }
    return true;
}
