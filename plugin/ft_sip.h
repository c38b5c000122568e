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

/* A SIP message's body, where it lies in the bytes that carried the message. */
typedef struct ft_sip_body {
    size_t offset;                /* just after the empty line that ends the message's header */
    size_t length;                /* up to its Content-Length, or to the end; never past it */
    bool has_content_length;
    uint32_t content_length;      /* l: / Content-Length:, as written */
    ft_span content_encoding;     /* e: / Content-Encoding: value; empty when there is none */
} ft_sip_body;

/* The body of the first SIP message in haystack[from, len): the message found by the "SIP/2.0"
 * of its start line (so that no byte of the lower layers' headers, however many line feeds they
 * hold, is taken for its empty line), its header read to the empty line. Reads only the header
 * lines that can be Content-Length or Content-Encoding. False when no message starts there or its
 * header does not end. The next message, if any, starts at body->offset + body->length. */
bool ft_sip_next_body(const uint8_t *haystack, size_t len, size_t from, ft_sip_body *body);

/* The body of the SIP message in haystack whose body starts at `offset` (among the first few
 * messages, ft_sip_next_body's); false when none does. */
bool ft_sip_find_body_at(const uint8_t *haystack, size_t len, size_t offset, ft_sip_body *body);

/* Whether a body's Content-Encoding is one SIP's dissector inflates: "gzip" or "deflate"
 * (ignoring case, as a prefix: it compares no further). */
bool ft_sip_body_declared_compressed(const uint8_t *haystack, const ft_sip_body *body);

#endif /* FT_SIP_H */
