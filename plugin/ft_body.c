/* ft_body.c - recognising an SDP body of the FaceTime family, plain or compressed.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_body.h"

#include <limits.h>
#include <string.h>

#include <zlib.h>

#include "ft_sip.h"

/* A frame holds one SIP message over UDP, a few over TCP; more candidates than that would only
 * let a crafted frame make us inflate many bodies. */
#define MAX_ORIGIN_CANDIDATES 8

static const char version_line[] = "v=0";
static const char owner_line[] = "o=";

/* Length of the line end at text[0..len), or 0 if there is none: CRLF, LF or CR. */
static size_t line_end_length(const uint8_t *text, size_t len)
{
    if (len >= 2 && text[0] == '\r' && text[1] == '\n')
        return 2;
    if (len >= 1 && (text[0] == '\n' || text[0] == '\r'))
        return 1;
    return 0;
}

static bool starts_with(const uint8_t *text, size_t len, const char *prefix)
{
    size_t prefix_len = strlen(prefix);
    return len >= prefix_len && memcmp(text, prefix, prefix_len) == 0;
}

bool ft_starts_like_sdp(const uint8_t *text, size_t len)
{
    if (len > FT_SIGNATURE_LEN)
        len = FT_SIGNATURE_LEN;
    if (!starts_with(text, len, version_line))
        return false;
    size_t pos = sizeof version_line - 1;
    size_t eol = line_end_length(text + pos, len - pos);
    if (eol == 0)
        return false;
    pos += eol;
    return starts_with(text + pos, len - pos, owner_line);
}

const char *ft_family_name(ft_family family)
{
    switch (family) {
    case FT_FAMILY_FACETIME: return "FaceTime";
    case FT_FAMILY_ICHAT:    return "iChat";
    case FT_FAMILY_NONE:     break;
    }
    return "none";
}

/* What a line says of who wrote it: only GameKit (FaceTime) writes its o= user, only iChat its
 * own attributes, and the family as a whole the rest. */
typedef enum family_mark_kind { MARK_NONE, MARK_FAMILY, MARK_ICHAT, MARK_GAMEKIT } family_mark_kind;

/* The lines only the family writes, by how they start. */
typedef struct family_mark {
    const char *start;
    size_t length;
    family_mark_kind kind;
} family_mark;

#define MARK(start, kind) { start, sizeof start - 1, kind }
static const family_mark family_marks[] = {
    MARK("o=GKVoiceChatService ", MARK_GAMEKIT),
    MARK("a=FLS;", MARK_FAMILY),
    MARK("a=X_FLS:", MARK_FAMILY),
    MARK("a=rtpID:", MARK_FAMILY),
    MARK("a=fmtp:AAC SamplesPerBlock", MARK_FAMILY),
    MARK("a=iChatEncryption:", MARK_ICHAT),
    MARK("a=hwi:", MARK_ICHAT),
    MARK("a=bandwidthDetection:", MARK_ICHAT),
    MARK("a=RTCP:AUDIO ", MARK_ICHAT),
    MARK("a=RTCP:VIDEO ", MARK_ICHAT),
};
#undef MARK

/* "a=rtpmap:<pt> X-H264/...": Apple's own name for its H.264 payload. */
static bool is_apple_rtpmap(const uint8_t *line, size_t len)
{
    static const char rtpmap[] = "a=rtpmap:", apple_h264[] = " X-H264/";
    if (!starts_with(line, len, rtpmap))
        return false;
    size_t pos = sizeof rtpmap - 1;
    while (pos < len && line[pos] >= '0' && line[pos] <= '9')
        pos++;
    return starts_with(line + pos, len - pos, apple_h264);
}

static family_mark_kind line_mark(const uint8_t *line, size_t len)
{
    if (len < 2 || (line[0] != 'a' && line[0] != 'o') || line[1] != '=')
        return MARK_NONE;
    for (size_t i = 0; i < sizeof family_marks / sizeof family_marks[0]; i++)
        if (starts_with(line, len, family_marks[i].start))
            return family_marks[i].kind;
    /* a=FLS alone ends its line. */
    if ((len == 5 && memcmp(line, "a=FLS", 5) == 0) || is_apple_rtpmap(line, len))
        return MARK_FAMILY;
    return MARK_NONE;
}

/* One comparison for nearly every character: both line ends sort below the printable ones. */
static bool is_line_end(uint8_t c)
{
    return c <= '\r' && (c == '\r' || c == '\n');
}

ft_family ft_sdp_family(const uint8_t *text, size_t len)
{
    if (!ft_starts_like_sdp(text, len))
        return FT_FAMILY_NONE;
    bool marks[MARK_GAMEKIT + 1] = { false };
    for (size_t pos = 0; pos < len;) {
        size_t end = pos;
        while (end < len && !is_line_end(text[end]))
            end++;
        /* GameKit's o= line decides whatever follows it, and FaceTime writes it second. */
        family_mark_kind mark = line_mark(text + pos, end - pos);
        if (mark == MARK_GAMEKIT)
            return FT_FAMILY_FACETIME;
        marks[mark] = true;
        pos = end + 1;
    }
    if (marks[MARK_ICHAT])
        return FT_FAMILY_ICHAT;
    return marks[MARK_FAMILY] ? FT_FAMILY_FACETIME : FT_FAMILY_NONE;
}

bool ft_is_facetime_sdp_text(const uint8_t *text, size_t len)
{
    return ft_sdp_family(text, len) != FT_FAMILY_NONE;
}

static bool is_zlib_header(const uint8_t *data, size_t len)
{
    if (len < 2)
        return false;
    unsigned cmf = data[0], flg = data[1];
    bool deflate_method = (cmf & 0x0f) == 8;
    bool window_ok = (cmf >> 4) <= 7;
    bool check_ok = ((cmf << 8) | flg) % 31 == 0;
    return deflate_method && window_ok && check_ok;
}

static bool is_gzip_header(const uint8_t *data, size_t len)
{
    return len >= 3 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8;
}

/* Printable ASCII and the usual white space: what SIP bodies that are text are made of. */
static bool looks_like_text(const uint8_t *data, size_t len)
{
    if (len > FT_SIGNATURE_LEN)
        len = FT_SIGNATURE_LEN;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = data[i];
        if (!(c >= 0x20 && c < 0x7f) && c != '\r' && c != '\n' && c != '\t')
            return false;
    }
    return len > 0;
}

/* A raw deflate stream has no signature; its first block header can only rule it out: block
 * type 3 is reserved, and a stored block's length must match its one's complement. */
static bool could_be_raw_deflate(const uint8_t *data, size_t len)
{
    if (len < 2 || looks_like_text(data, len))
        return false;
    unsigned block_type = (data[0] >> 1) & 3;
    if (block_type == 3)
        return false;
    if (block_type == 0) {
        if (len < 5)
            return false;
        unsigned stored_len = data[1] | (unsigned)data[2] << 8;
        unsigned stored_nlen = data[3] | (unsigned)data[4] << 8;
        return (stored_len ^ stored_nlen) == 0xffff;
    }
    return true;
}

ft_encoding ft_sniff_compression(const uint8_t *data, size_t len)
{
    if (is_gzip_header(data, len))
        return FT_ENCODING_GZIP;
    if (is_zlib_header(data, len))
        return FT_ENCODING_ZLIB;
    if (could_be_raw_deflate(data, len))
        return FT_ENCODING_DEFLATE;
    return FT_ENCODING_NONE;
}

static bool accept_sdp_prefix(const uint8_t *prefix, size_t len, void *ctx)
{
    (void)ctx;
    return ft_starts_like_sdp(prefix, len);
}

bool ft_classify_body(const uint8_t *body, size_t len, size_t max_text, const ft_allocator *a,
                      ft_classified *out)
{
    memset(out, 0, sizeof *out);
    if (ft_starts_like_sdp(body, len)) {
        out->family = ft_sdp_family(body, len < max_text ? len : max_text);
        out->facetime = out->family != FT_FAMILY_NONE;
        return out->facetime;
    }

    ft_encoding sniffed = ft_sniff_compression(body, len);
    if (sniffed == FT_ENCODING_NONE)
        return false;

    /* The first bytes say whether it is SDP at all; the whole text, which member wrote it. */
    const ft_inflate_gate sdp_start = { FT_SIGNATURE_LEN, accept_sdp_prefix, NULL };
    ft_inflate_gated(body, len, sniffed, max_text, &sdp_start, a, &out->text);
    if (out->text.status == FT_INFLATE_NEEDS_DICTIONARY) {
        out->encoding = sniffed;
        return false;
    }
    if (out->text.status != FT_INFLATE_REFUSED)
        out->family = ft_sdp_family(out->text.data, out->text.len);
    out->facetime = out->family != FT_FAMILY_NONE;
    if (!out->facetime) {
        if (out->text.data)
            a->free(a->ctx, out->text.data);
        memset(&out->text, 0, sizeof out->text);
        return false;
    }
    out->encoding = sniffed;
    return true;
}

/* ---- what follows a stream ------------------------------------------------------------------- */

static bool all_zero(const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (data[i] != 0)
            return false;
    return true;
}

/* A gate that only looks: it notes whether the text starts like SDP, and stops the stream. */
static bool note_sdp_prefix(const uint8_t *prefix, size_t len, void *ctx)
{
    *(bool *)ctx = ft_starts_like_sdp(prefix, len);
    return false;
}

void ft_describe_trailing(const uint8_t *data, size_t len, const ft_allocator *a,
                          ft_trailing *out)
{
    memset(out, 0, sizeof *out);
    out->len = len;
    if (len == 0)
        return;
    if (is_gzip_header(data, len))
        out->kind = FT_TRAILING_GZIP;
    else if (is_zlib_header(data, len))
        out->kind = FT_TRAILING_ZLIB;
    else if (all_zero(data, len))
        out->kind = FT_TRAILING_ZEROS;
    else if (looks_like_text(data, len))
        out->kind = FT_TRAILING_TEXT;
    else
        out->kind = FT_TRAILING_OTHER;
    if (out->kind != FT_TRAILING_GZIP && out->kind != FT_TRAILING_ZLIB)
        return;
    ft_encoding encoding = out->kind == FT_TRAILING_GZIP ? FT_ENCODING_GZIP : FT_ENCODING_ZLIB;
    const ft_inflate_gate peek = { FT_SIGNATURE_LEN, note_sdp_prefix, &out->sdp };
    ft_inflate_result r;
    ft_inflate_gated(data, len, encoding, FT_SIGNATURE_LEN, &peek, a, &r);
    if (r.data)
        a->free(a->ctx, r.data);
}

const char *ft_trailing_kind_name(ft_trailing_kind kind)
{
    switch (kind) {
    case FT_TRAILING_ZEROS: return "zero bytes";
    case FT_TRAILING_TEXT:  return "text";
    case FT_TRAILING_ZLIB:  return "a zlib stream";
    case FT_TRAILING_GZIP:  return "a gzip member";
    case FT_TRAILING_OTHER: return "bytes of no known form";
    case FT_TRAILING_NONE:  break;
    }
    return "nothing";
}

bool ft_find_content_length_cut(const uint8_t *data, size_t body_len, size_t available,
                                ft_encoding encoding, size_t max_out, const ft_allocator *a,
                                ft_cut *cut)
{
    memset(cut, 0, sizeof *cut);
    if (available <= body_len)
        return false;
    ft_inflate_result whole;
    ft_inflate(data, available, encoding, max_out, a, &whole);
    if (whole.data)
        a->free(a->ctx, whole.data);
    /* Input past the body was needed to get the stream to its end (or to the limit). */
    bool went_on = whole.consumed > body_len &&
                   (whole.status == FT_INFLATE_COMPLETE || whole.status == FT_INFLATE_LIMITED);
    if (!went_on)
        return false;
    cut->cut = true;
    cut->stream_len = whole.consumed;
    cut->text_len = whole.len;
    cut->text_limited = whole.status == FT_INFLATE_LIMITED;
    return true;
}

/* ---- the origin of a body SIP inflated ------------------------------------------------------- */

/* Whether inflating a candidate gave the body the outer dissector showed us. An outer inflater
 * that met damage may have kept less than the stream gives, one that stops where a gzip member
 * ends shows only the first member's text, and ours may have stopped at max_compare: either way
 * the shorter one must be a prefix of the other. */
static bool inflation_matches(const ft_inflate_result *r, const uint8_t *inflated,
                              size_t inflated_len, size_t max_compare)
{
    size_t common = r->len < inflated_len ? r->len : inflated_len;
    if (common == 0 || memcmp(r->data, inflated, common) != 0)
        return false;
    if (r->len == inflated_len)
        return true;
    if (r->len > inflated_len)
        return r->status != FT_INFLATE_COMPLETE ||
               (r->members > 1 && r->first_member_len == inflated_len);
    return r->len == max_compare;
}

static uint32_t read_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t read_le32(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* zlib and gzip streams end with a checksum of everything they inflate to (gzip also with its
 * length). A candidate that ends with those of `inflated` is the stream the outer dissector
 * inflated, inflated whole: proven without inflating it a second time, which was a third of
 * what the plugin spent on such a body. Raw deflate has no checksum, and a stream followed by other
 * bytes has it elsewhere: those are inflated and compared. (A stream damaged on purpose so that
 * it ends with the checksum of what an inflater got out of it passes too; what is shown is then
 * still exactly the outer dissector's text.) */
static bool checksum_proves_origin(const uint8_t *candidate, size_t candidate_len,
                                   ft_encoding encoding, const uint8_t *inflated,
                                   size_t inflated_len)
{
    if (inflated_len == 0 || inflated_len > UINT_MAX)
        return false;
    const uint8_t *end = candidate + candidate_len;
    if (encoding == FT_ENCODING_ZLIB && candidate_len >= 2 + 4) {
        uLong adler = adler32(adler32(0L, Z_NULL, 0), inflated, (uInt)inflated_len);
        return read_be32(end - 4) == (uint32_t)adler;
    }
    if (encoding == FT_ENCODING_GZIP && candidate_len >= 10 + 8) {
        if (read_le32(end - 4) != (uint32_t)inflated_len)
            return false;
        uLong crc = crc32(crc32(0L, Z_NULL, 0), inflated, (uInt)inflated_len);
        return read_le32(end - 8) == (uint32_t)crc;
    }
    return false;
}

/* The body at offset is the origin, proven by its checksum: nothing more is left to learn. */
static void origin_proven(size_t offset, size_t body_len, ft_encoding encoding, ft_origin *origin)
{
    origin->offset = offset;
    origin->body_len = body_len;
    origin->compressed_len = body_len;
    origin->encoding = encoding;
    origin->status = FT_INFLATE_COMPLETE;
    origin->members = 1;
}

/* What the inflation r of the body at haystack[offset, + body_len) says of it, and what follows
 * its stream, inside the body and, when its Content-Length cut it, after it. */
static void origin_inflated(const uint8_t *haystack, size_t haystack_len, size_t offset,
                            size_t body_len, ft_encoding encoding, const ft_inflate_result *r,
                            size_t max_compare, const ft_allocator *a, ft_origin *origin)
{
    origin->offset = offset;
    origin->body_len = body_len;
    origin->encoding = encoding;
    origin->status = r->status;
    origin->members = r->members;
    bool ended = r->status == FT_INFLATE_COMPLETE;
    origin->compressed_len = ended ? r->consumed : body_len;
    const uint8_t *body = haystack + offset;
    if (ended && r->consumed < body_len)
        ft_describe_trailing(body + r->consumed, body_len - r->consumed, a, &origin->trailing);
    if (r->status == FT_INFLATE_TRUNCATED)
        ft_find_content_length_cut(body, body_len, haystack_len - offset, encoding, max_compare,
                                   a, &origin->cut);
}

bool ft_find_compressed_origin(const uint8_t *haystack, size_t haystack_len,
                               const uint8_t *inflated, size_t inflated_len, size_t max_compare,
                               const ft_allocator *a, ft_origin *origin)
{
    memset(origin, 0, sizeof *origin);
    size_t from = 0;
    for (int candidates = 0; candidates < MAX_ORIGIN_CANDIDATES; candidates++) {
        ft_sip_body message;
        if (!ft_sip_next_body(haystack, haystack_len, from, &message))
            return false;
        from = message.offset + message.length;
        if (message.length == 0)
            continue;

        const uint8_t *candidate = haystack + message.offset;
        ft_encoding encoding = ft_sniff_compression(candidate, message.length);
        if (encoding == FT_ENCODING_NONE)
            continue;
        if (inflated_len <= max_compare &&
            checksum_proves_origin(candidate, message.length, encoding, inflated, inflated_len)) {
            origin_proven(message.offset, message.length, encoding, origin);
            return true;
        }

        ft_inflate_result r;
        ft_inflate(candidate, message.length, encoding, max_compare, a, &r);
        bool matched = inflation_matches(&r, inflated, inflated_len, max_compare);
        if (r.data)
            a->free(a->ctx, r.data);
        if (matched) {
            origin_inflated(haystack, haystack_len, message.offset, message.length, encoding, &r,
                            max_compare, a, origin);
            return true;
        }
    }
    return false;
}
