/* ft_sip.h - the few SIP headers the call model needs that Wireshark's SIP dissector does not
 * hand on: the CSeq method, the From and To tags and the top Via branch.
 *
 * SIP tells its tap a message's method or status, Call-ID, URIs and CSeq number, but not which
 * request a response answers (a CANCEL shares its INVITE's CSeq number) nor the tags that tell a
 * forked call's branches apart. This reads them from the message's own text, found in the frame
 * by its Call-ID.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_SIP_H
#define FT_SIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ft_sdp.h"

typedef struct ft_sip_headers {
    ft_span method;               /* a request's method; empty for a response */
    ft_span call_id;              /* i: / Call-ID: */
    bool has_cseq;
    uint32_t cseq;
    ft_span cseq_method;          /* "INVITE", "CANCEL", ... */
    ft_span from_tag;             /* empty when the header has none */
    ft_span to_tag;
    ft_span branch;               /* of the first Via */
    bool has_content_length;
    uint32_t content_length;      /* l: / Content-Length: */
    size_t body_offset;           /* where the body starts: after the empty line, or len */
} ft_sip_headers;

/* Finds, in haystack (a frame, or a reassembled segment, holding one or more SIP messages), the
 * message whose Call-ID is call_id, and reads its headers (long or compact names, CRLF or LF).
 * Spans are of haystack. False when no message there has that Call-ID. */
bool ft_sip_find_headers(const uint8_t *haystack, size_t len, const char *call_id,
                         ft_sip_headers *headers);

/* Reads the first SIP message of text[0..len), which must start with its start line. False when
 * it does not start like one (a method and " sip:"/"sips:", or "SIP/2.0 "). */
bool ft_sip_read_message(const uint8_t *text, size_t len, ft_sip_headers *headers);

/* Whether the message has a body: its Content-Length, else what follows its header. */
bool ft_sip_has_body(const ft_sip_headers *headers, size_t len);

#endif /* FT_SIP_H */
