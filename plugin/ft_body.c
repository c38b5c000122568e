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

/* A frame holds one SIP message, so one empty line; a few more cover chance byte pairs in the
 * lower layers' headers without letting a crafted frame make us inflate many candidates. */
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
    bool no_preset_dictionary = (flg & 0x20) == 0;
    return deflate_method && window_ok && check_ok && no_preset_dictionary;
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

/* Offset just past the next empty line at or after `from`, or 0 when there is none. */
static size_t next_body_start(const uint8_t *data, size_t len, size_t from)
{
    while (from < len) {
        const uint8_t *newline = memchr(data + from, '\n', len - from);
        if (!newline)
            return 0;
        size_t pos = (size_t)(newline - data) + 1;
        if (pos < len && data[pos] == '\n')
            return pos + 1;
        if (pos + 1 < len && data[pos] == '\r' && data[pos + 1] == '\n')
            return pos + 2;
        from = pos;
    }
    return 0;
}

/* Whether inflating a candidate gave the body the outer dissector showed us. An outer inflater
 * that met damage may have kept less than the stream gives, and ours may have stopped at
 * max_compare: either way the shorter one must be a prefix of the other. */
static bool inflation_matches(const ft_inflate_result *r, const uint8_t *inflated,
                              size_t inflated_len, size_t max_compare)
{
    size_t common = r->len < inflated_len ? r->len : inflated_len;
    if (common == 0 || memcmp(r->data, inflated, common) != 0)
        return false;
    if (r->len == inflated_len)
        return true;
    if (r->len > inflated_len)
        return r->status != FT_INFLATE_COMPLETE;
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

bool ft_find_compressed_origin(const uint8_t *haystack, size_t haystack_len,
                               const uint8_t *inflated, size_t inflated_len, size_t max_compare,
                               const ft_allocator *a, ft_origin *origin)
{
    size_t start = 0;
    for (int candidates = 0; candidates < MAX_ORIGIN_CANDIDATES; candidates++) {
        start = next_body_start(haystack, haystack_len, start);
        if (start == 0 || start >= haystack_len)
            return false;

        const uint8_t *candidate = haystack + start;
        size_t candidate_len = haystack_len - start;
        ft_encoding encoding = ft_sniff_compression(candidate, candidate_len);
        if (encoding == FT_ENCODING_NONE)
            continue;
        if (inflated_len <= max_compare &&
            checksum_proves_origin(candidate, candidate_len, encoding, inflated, inflated_len)) {
            origin->offset = start;
            origin->encoding = encoding;
            origin->status = FT_INFLATE_COMPLETE;
            origin->compressed_len = candidate_len;
            return true;
        }

        ft_inflate_result r;
        ft_inflate(candidate, candidate_len, encoding, max_compare, a, &r);
        bool matched = inflation_matches(&r, inflated, inflated_len, max_compare);
        if (r.data)
            a->free(a->ctx, r.data);
        if (matched) {
            origin->offset = start;
            origin->encoding = encoding;
            origin->status = r.status;
            origin->compressed_len = r.status == FT_INFLATE_COMPLETE ? r.consumed : candidate_len;
            return true;
        }
    }
    return false;
}
