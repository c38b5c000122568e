/* ft_body.h - recognising an SDP body of the FaceTime family, plain or compressed.
 *
 * SIP hands every body it cannot place to its heuristic sub-dissectors, and the media_type entry
 * sees every SDP, so this runs on bodies of every SIP client: it must say no cheaply. Text that
 * is not SDP is refused from its first bytes, other SDP after one pass over its lines, without
 * inflating anything; binary data is inflated only as far as needed to see the first line (a
 * few dozen bytes of output), and SDP on to its end in the same pass.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_BODY_H
#define FT_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ft_alloc.h"
#include "ft_inflate.h"

/* How many bytes of text decide whether it is SDP at all: "v=0", a line end and "o=". */
#define FT_SIGNATURE_LEN 32

/* True when text starts as SDP does: "v=0", a line end (CRLF, LF or CR), then "o=". Reads at most
 * FT_SIGNATURE_LEN bytes. */
bool ft_starts_like_sdp(const uint8_t *text, size_t len);

/* The members of the family: FaceTime (1.0 of 2010 through 3.0 and iOS 7, and GameKit's voice
 * chat, whose o= line FaceTime keeps) and iChat (Viceroy AV), whose SIP FaceTime inherited. */
typedef enum ft_family { FT_FAMILY_NONE, FT_FAMILY_FACETIME, FT_FAMILY_ICHAT } ft_family;

/* "FaceTime", "iChat" or "none": the values of the facetime.sdp.family field. */
const char *ft_family_name(ft_family family);

/* Which member wrote an SDP text, from what the text says of itself, NONE for anyone else: SDP
 * (see ft_starts_like_sdp) with a line only the family writes. o=GKVoiceChatService is GameKit's,
 * FaceTime's; a=iChatEncryption, a=hwi, a=bandwidthDetection and a=RTCP:AUDIO or VIDEO are
 * iChat's alone; a=FLS, a=X_FLS, a=rtpID, a=fmtp:AAC SamplesPerBlock and an X-H264 rtpmap are
 * the family's (FaceTime's when nothing else says). Standard SDP (H264, rtcp-fb, imageattr,
 * whatever the o= user) is nobody's. Reads the text once, line by line. */
ft_family ft_sdp_family(const uint8_t *text, size_t len);

/* ft_sdp_family() != FT_FAMILY_NONE. */
bool ft_is_facetime_sdp_text(const uint8_t *text, size_t len);

/* The compression container the first bytes announce: a valid zlib header (one that asks for a
 * preset dictionary included), the gzip magic, or something that could start a raw deflate
 * stream. FT_ENCODING_NONE when none of them can. */
ft_encoding ft_sniff_compression(const uint8_t *data, size_t len);

/* What a SIP body is, and for a compressed one its text. */
typedef struct ft_classified {
    bool facetime;                /* a member of the family wrote it */
    ft_family family;
    ft_encoding encoding;         /* how it came: FT_ENCODING_NONE for text */
    ft_inflate_result text;       /* a compressed FaceTime body inflated (at most max_text bytes,
                                   * from the allocator); all zero otherwise */
} ft_classified;

/* Whether body (a whole SIP body) is SDP of the FaceTime family, as text or compressed. Text
 * that does not start as SDP is refused from its first bytes; SDP is read (up to max_text bytes)
 * for the family's lines. A compressed body is inflated once: its first bytes say whether it is
 * SDP, and if so the same stream goes on to max_text bytes, so that the body never has to be
 * inflated again to be opened. A zlib stream that needs a preset dictionary cannot say what it
 * holds: it is not taken, but out->encoding and out->text (FT_INFLATE_NEEDS_DICTIONARY, its
 * DICTID) say what it is, for a caller that knows more of the body. Returns out->facetime. */
bool ft_classify_body(const uint8_t *body, size_t len, size_t max_text, const ft_allocator *a,
                      ft_classified *out);

/* What the bytes after a compressed stream, inside the same body, look like. */
typedef enum ft_trailing_kind {
    FT_TRAILING_NONE,      /* nothing follows the stream */
    FT_TRAILING_ZEROS,     /* zero bytes alone: padding */
    FT_TRAILING_TEXT,      /* printable text (its first FT_SIGNATURE_LEN bytes) */
    FT_TRAILING_ZLIB,      /* a zlib header: another stream */
    FT_TRAILING_GZIP,      /* the gzip magic: a member */
    FT_TRAILING_OTHER      /* none of those */
} ft_trailing_kind;

typedef struct ft_trailing {
    size_t len;
    ft_trailing_kind kind;
    bool sdp;              /* a zlib stream or gzip member whose text starts like SDP */
} ft_trailing;

/* Describes the len bytes at data, which follow a compressed stream inside a body. A zlib stream
 * or gzip member there is inflated only as far as its first FT_SIGNATURE_LEN bytes of text, to
 * say whether it is SDP. */
void ft_describe_trailing(const uint8_t *data, size_t len, const ft_allocator *a,
                          ft_trailing *out);

/* "zero bytes", "text", "a zlib stream", "a gzip member", "bytes of no known form" ("nothing"
 * for FT_TRAILING_NONE). */
const char *ft_trailing_kind_name(ft_trailing_kind kind);

/* Whether Content-Length cut a compressed body short of its stream's end. */
typedef struct ft_cut {
    bool cut;                 /* the stream goes on past the body, to its end or to the limit */
    size_t stream_len;        /* with cut: the stream's length, from the body's start */
    size_t text_len;          /* with cut: the text of the whole stream, at most the limit */
    bool text_limited;        /* with cut: the whole stream inflates to more than the limit */
} ft_cut;

/* data holds a body of body_len bytes, whose stream ends later than the body does (inflating the
 * body alone is TRUNCATED), and then the available - body_len bytes that followed it where it was
 * found (the rest of the datagram or of the reassembled message). The body was cut by its
 * Content-Length when its stream goes on in those bytes to its proper end, or to max_out bytes of
 * text; a stream that fails there, or runs out again, says nothing of the kind. Returns cut->cut.
 * Inflates once, from the body's start, at most max_out bytes. */
bool ft_find_content_length_cut(const uint8_t *data, size_t body_len, size_t available,
                                ft_encoding encoding, size_t max_out, const ft_allocator *a,
                                ft_cut *cut);

/* Where a body that an outer dissector (SIP) already inflated came from. */
typedef struct ft_origin {
    size_t offset;             /* of the body, and so of its compressed stream, in the haystack */
    size_t body_len;           /* the body's length: to its Content-Length, or to the end */
    size_t compressed_len;     /* the stream's: to its end when it ended in the body, else the
                                * body's length */
    ft_encoding encoding;
    ft_inflate_status status;  /* how inflating the body ended, within the compared length */
    unsigned members;          /* gzip members inflated; with more than one, the outer inflater
                                * stopped at the first one's end and showed only its text */
    ft_trailing trailing;      /* what follows the stream inside the body */
    ft_cut cut;                /* whether the body's Content-Length cut its stream */
} ft_origin;

/* Searches `haystack` (the bytes of a frame, or of a reassembled message, that carried the SIP
 * message) for the compressed body whose inflation is `inflated`. Each SIP message there (see
 * ft_sip_next_body, at most a few) is a candidate: its body, as long as its Content-Length
 * says, when it is a compressed stream that inflates to exactly those bytes, or whose first
 * gzip member does. A zlib or gzip stream that ends the body with the checksum of those bytes is
 * taken as proof without inflating it (a body of two identical gzip members passes too; the text
 * is then the first member's, as the outer inflater showed it). Otherwise at most max_compare
 * bytes of output are compared, so a bomb costs no more than that; a body its Content-Length
 * cut short is inflated once more, with the bytes after it (ft_find_content_length_cut). */
bool ft_find_compressed_origin(const uint8_t *haystack, size_t haystack_len,
                               const uint8_t *inflated, size_t inflated_len, size_t max_compare,
                               const ft_allocator *a, ft_origin *origin);

#endif /* FT_BODY_H */
