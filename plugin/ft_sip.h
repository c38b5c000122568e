/* ft_sip.h - where a SIP message's body lies in the bytes that carried it.
 *
 * SIP's dissector hands a body on inflated when its Content-Encoding says so, and shows where
 * the compressed bytes lay only in a tree (its sip.msg_body item), which a body dissector is not
 * always given. The plugin shows a body's compressed form beside its text (sizes, what follows
 * the stream, a Content-Length that cuts it), so it finds that form in the frame: the message is
 * found by the "SIP/2.0" of its start line and its header is read only for Content-Length and
 * Content-Encoding. Every other header the call model needs comes from SIP's own fields
 * (facetime-sip.h).
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
