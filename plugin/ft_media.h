/* ft_media.h - reading the packets FaceTime's media travels in: RTP and RTCP headers and STUN
 * messages, as far as finding a packet's call needs.
 *
 * Wireshark's own dissectors show these packets; the plugin reads the few values it needs to
 * decide, before dissecting, whose packet a datagram is: an RTP or RTCP packet's SSRC and
 * FaceTime's header extension, a STUN response's mapped and relayed addresses, whether a first
 * byte starts STUN or TURN ChannelData.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_MEDIA_H
#define FT_MEDIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ft_sdp.h"

/* ---- RTP and RTCP -------------------------------------------------------------------------- */

/* FaceTime's RTP header extension, seen on every packet of public FaceTime media. */
#define FT_RTP_FACETIME_PROFILE 0x4400
#define FT_RTP_FACETIME_WORDS 2

typedef struct ft_rtp_header {
    bool is_rtcp;                 /* RFC 5761: packet types 192-223 */
    uint8_t payload_type;         /* RTP: 0-127; RTCP: the packet type */
    uint32_t ssrc;                /* RTP: the SSRC; RTCP: the first packet's sender SSRC */
    size_t ssrc_offset;
    uint16_t sequence;            /* RTP only */
    bool has_extension;           /* RTP only: X = 1 */
    uint16_t extension_profile;
    uint16_t extension_words;
    bool extension_truncated;     /* the extension runs past the packet */
} ft_rtp_header;

/* Reads data[0..len) as RTP or RTCP: a first byte of 128-191 (RFC 7983), version 2, and a
 * header that fits. False for anything else. */
bool ft_rtp_read(const uint8_t *data, size_t len, ft_rtp_header *header);

/* An RTP packet with FaceTime's extension: profile 0x4400, two words, within the packet. */
bool ft_rtp_is_facetime(const ft_rtp_header *header);

/* The medium of an RTP payload type, where a public source says: RFC 3551's static types, and
 * the dynamic types the family's own SDP lists under m=audio or m=video. FT_MEDIA_OTHER when no
 * source says. */
ft_media_kind ft_payload_kind(uint8_t payload_type);

/* ---- STUN and TURN --------------------------------------------------------------------------- */

/* RFC 7983: STUN's first byte is 0-3, TURN ChannelData's 64-79. */
bool ft_is_stun_start(uint8_t first_byte);
bool ft_is_channel_data_start(uint8_t first_byte);

typedef struct ft_transport_address {
    bool is_ipv6;
    uint8_t bytes[16];            /* 4 used for IPv4 */
    uint16_t port;
} ft_transport_address;

/* The class bits of a message type (RFC 5389 section 6): a success response. */
#define FT_STUN_CLASS_MASK 0x0110
#define FT_STUN_SUCCESS 0x0100

typedef struct ft_stun_message {
    uint16_t type;                /* method and class, as on the wire */
    bool has_mapped;              /* XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS */
    bool mapped_xored;            /* it was XOR-MAPPED-ADDRESS */
    ft_transport_address mapped;
    bool has_relayed;             /* XOR-RELAYED-ADDRESS */
    ft_transport_address relayed;
} ft_stun_message;

/* Reads an RFC 5389 message (magic cookie, length within data) and the addresses it carries.
 * False when data is not one. */
bool ft_stun_read(const uint8_t *data, size_t len, ft_stun_message *message);

#endif /* FT_MEDIA_H */
