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
    ft_span call_id;              /* i: / Call-ID: */
    bool has_cseq;
    uint32_t cseq;
    ft_span cseq_method;          /* "INVITE", "CANCEL", ... */
    ft_span from_tag;             /* empty when the header has none */
    ft_span to_tag;
    ft_span branch;               /* of the first Via */
} ft_sip_headers;

/* Finds, in haystack (a frame, or a reassembled segment, holding one or more SIP messages), the
 * message whose Call-ID is call_id, and reads its headers (long or compact names, CRLF or LF).
 * Spans are of haystack. False when no message there has that Call-ID. */
bool ft_sip_find_headers(const uint8_t *haystack, size_t len, const char *call_id,
                         ft_sip_headers *headers);

#endif /* FT_SIP_H */
