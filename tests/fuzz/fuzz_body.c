/* fuzz_body.c - recognising bodies and finding the compressed origin of an inflated body.
 *
 * Input layout: two bytes (big-endian) choose how many of the following bytes form the
 * "haystack" (taken modulo what is there, so every value means something); the rest is the
 * "inflated" body. Recognition runs on both parts; the origin search looks for the inflated part
 * in the haystack.
 *
 * Invariants:
 *  - ft_is_facetime_sdp_text agrees with an independent reading of ft_body.h's rule and looks
 *    at no more than FT_SIGNATURE_LEN bytes;
 *  - ft_sniff_compression: GZIP exactly for the gzip magic, ZLIB only for a valid zlib header
 *    (one that asks for a preset dictionary included), decided from the first bytes alone;
 *  - ft_classify_body: for text, the family of the text (up to its limit); compressed, true only
 *    for the sniffed container whose text is the family's, and then its text is exactly what
 *    inflating the body alone gives (same bytes, same status); a body refused as one that needs
 *    a dictionary is a zlib stream that does; the zlib and gzip forms of the family's text are
 *    always recognised; no leak, even when allocations fail;
 *  - ft_find_compressed_origin: a found origin is the body of a SIP message of the haystack
 *    (after a "SIP/2.0" and an empty line, as long as ft_sip_find_body_at says), is the sniffed
 *    container, and either ends its body with the checksum of the inflated body (reported
 *    complete, the whole body) or inflates to the inflated body (the shorter a prefix of the
 *    other, or the inflated body the first of several gzip members' text), with the status,
 *    members and lengths the search reported; what follows its stream in the body is reported
 *    by its length; a Content-Length cut is reported only for a truncated body whose stream the
 *    bytes after it take to its end (or to the limit), and then exactly; and a message made of a
 *    start line, an empty line and the zlib or gzip form of the inflated part, with or without a
 *    byte after it, is always found, as are the same with a Content-Length that cuts the stream
 *    and, for gzip, the inflated part split into two members.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "fuzz_support.h"
#include "ft_body.h"
#include "ft_inflate.h"
#include "ft_sip.h"

#define LARGE_COMPARE (64 * 1024)

/* A SIP message's start line and the empty line that ends its header, before a constructed
 * body: without a Content-Length, the body runs to the end. */
static const char constructed_header[] = "SIP/2.0 200 OK\r\n\r\n";

static bool encoding_in_range(ft_encoding encoding)
{
    return (int)encoding >= (int)FT_ENCODING_NONE && (int)encoding <= (int)FT_ENCODING_GZIP;
}

/* ---- plain text ------------------------------------------------------------------------------ */

static bool starts_with(const uint8_t *data, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(data, prefix, n) == 0;
}

/* ft_body.h's rules, written out again. SDP starts "v=0", one line end (CRLF, LF or CR), then
 * "o=", within the first FT_SIGNATURE_LEN bytes. */
static bool expected_sdp_start(const uint8_t *text, size_t len)
{
    if (len > FT_SIGNATURE_LEN)
        len = FT_SIGNATURE_LEN;
    if (!starts_with(text, len, "v=0"))
        return false;
    size_t pos = 3;
    if (starts_with(text + pos, len - pos, "\r\n"))
        pos += 2;
    else if (pos < len && (text[pos] == '\r' || text[pos] == '\n'))
        pos += 1;
    else
        return false;
    return starts_with(text + pos, len - pos, "o=");
}

/* What one line (without its end) says: 3 GameKit (FaceTime), 2 iChat, 1 the family, 0
 * nothing. */
static int expected_line_mark(const uint8_t *line, size_t len)
{
    if (starts_with(line, len, "o=GKVoiceChatService "))
        return 3;
    static const char *const ichat[] = {
        "a=iChatEncryption:", "a=hwi:", "a=bandwidthDetection:", "a=RTCP:AUDIO ", "a=RTCP:VIDEO ",
    };
    static const char *const facetime[] = {
        "a=FLS;", "a=X_FLS:", "a=rtpID:", "a=fmtp:AAC SamplesPerBlock",
    };
    for (size_t i = 0; i < sizeof ichat / sizeof ichat[0]; i++)
        if (starts_with(line, len, ichat[i]))
            return 2;
    for (size_t i = 0; i < sizeof facetime / sizeof facetime[0]; i++)
        if (starts_with(line, len, facetime[i]))
            return 1;
    if (len == 5 && memcmp(line, "a=FLS", 5) == 0)
        return 1;
    if (starts_with(line, len, "a=rtpmap:")) {
        size_t pos = 9;
        while (pos < len && line[pos] >= '0' && line[pos] <= '9')
            pos++;
        if (starts_with(line + pos, len - pos, " X-H264/"))
            return 1;
    }
    return 0;
}

static ft_family expected_family(const uint8_t *text, size_t len)
{
    if (!expected_sdp_start(text, len))
        return FT_FAMILY_NONE;
    int best = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\r' && text[i] != '\n')
            continue;
        int mark = expected_line_mark(text + start, i - start);
        if (mark > best)
            best = mark;
        start = i + 1;
    }
    return best == 2 ? FT_FAMILY_ICHAT : best != 0 ? FT_FAMILY_FACETIME : FT_FAMILY_NONE;
}

static void check_text_signature(const uint8_t *data, size_t len)
{
    bool sdp = ft_starts_like_sdp(data, len);
    FUZZ_CHECK(sdp == expected_sdp_start(data, len));
    size_t head = len < FT_SIGNATURE_LEN ? len : FT_SIGNATURE_LEN;
    FUZZ_CHECK(sdp == ft_starts_like_sdp(data, head));
    ft_family family = ft_sdp_family(data, len);
    FUZZ_CHECK(family == expected_family(data, len));
    FUZZ_CHECK(ft_is_facetime_sdp_text(data, len) == (family != FT_FAMILY_NONE));
    FUZZ_CHECK(strcmp(ft_family_name(family), family == FT_FAMILY_ICHAT ? "iChat"
                      : family == FT_FAMILY_FACETIME ? "FaceTime" : "none") == 0);
}

/* ---- sniffing -------------------------------------------------------------------------------- */

static void check_sniff(const uint8_t *data, size_t len)
{
    ft_encoding sniffed = ft_sniff_compression(data, len);
    FUZZ_CHECK(encoding_in_range(sniffed));
    bool gzip_magic = len >= 3 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8;
    FUZZ_CHECK((sniffed == FT_ENCODING_GZIP) == gzip_magic);
    if (sniffed == FT_ENCODING_ZLIB) {
        /* RFC 1950: method 8, window at most 32 KiB, header check. */
        FUZZ_CHECK(len >= 2 && (data[0] & 0x0f) == 8 && (data[0] >> 4) <= 7);
        FUZZ_CHECK(((unsigned)data[0] << 8 | data[1]) % 31 == 0);
    }
    if (sniffed == FT_ENCODING_DEFLATE)
        FUZZ_CHECK(len >= 2 && ((data[0] >> 1) & 3) != 3);   /* block type 3 is reserved */
    /* Decided from the first bytes: more data after them changes nothing. */
    if (len > FT_SIGNATURE_LEN)
        FUZZ_CHECK(sniffed == ft_sniff_compression(data, FT_SIGNATURE_LEN));
}

/* ---- classification -------------------------------------------------------------------------- */

/* What ft_classify_body inflates a compressed body to: small, to keep the fuzz loop fast. */
#define CLASSIFY_LIMIT 4096

/* The family of body's text, inflated as `encoding` up to CLASSIFY_LIMIT bytes. */
static ft_family family_inflated(const uint8_t *body, size_t len, ft_encoding encoding)
{
    ft_inflate_result text;
    ft_inflate(body, len, encoding, CLASSIFY_LIMIT, &fuzz_malloc_allocator, &text);
    ft_family family = expected_family(text.data, text.len);
    free(text.data);
    return family;
}

static void check_classify(const uint8_t *body, size_t len, long budget)
{
    fuzz_allocator counter;
    fuzz_allocator_init(&counter, budget);
    ft_classified classified;
    bool facetime = ft_classify_body(body, len, CLASSIFY_LIMIT, &counter.allocator, &classified);
    FUZZ_CHECK(facetime == classified.facetime);

    if (expected_sdp_start(body, len)) {
        /* Text: its family is that of the text up to the limit, and nothing is inflated. */
        size_t judged = len < CLASSIFY_LIMIT ? len : CLASSIFY_LIMIT;
        FUZZ_CHECK(classified.family == expected_family(body, judged));
        FUZZ_CHECK(facetime == (classified.family != FT_FAMILY_NONE));
        FUZZ_CHECK(classified.encoding == FT_ENCODING_NONE);
        FUZZ_CHECK(classified.text.data == NULL && classified.text.len == 0);
        fuzz_expect_no_leaks(&counter, "ft_classify_body");
        return;
    }
    if (!facetime) {
        FUZZ_CHECK(classified.text.data == NULL && classified.text.len == 0);
        fuzz_expect_no_leaks(&counter, "ft_classify_body");
        /* Refused as a stream that needs a dictionary: a zlib header that asks for one. */
        if (classified.text.status == FT_INFLATE_NEEDS_DICTIONARY)
            FUZZ_CHECK(classified.encoding == FT_ENCODING_ZLIB && len >= 6 &&
                       (body[1] & 0x20) != 0 &&
                       ft_sniff_compression(body, len) == FT_ENCODING_ZLIB);
        /* Only a refused allocation may hide a compressed FaceTime body. */
        ft_encoding sniffed = ft_sniff_compression(body, len);
        FUZZ_CHECK(counter.refused > 0 || sniffed == FT_ENCODING_NONE ||
                   family_inflated(body, len, sniffed) == FT_FAMILY_NONE);
        return;
    }
    FUZZ_CHECK(classified.encoding != FT_ENCODING_NONE);
    FUZZ_CHECK(classified.encoding == ft_sniff_compression(body, len));
    /* Its family is that of the whole text; when memory ran out while inflating it, that of the
     * text there is (the plugin reports the shortage). */
    if (counter.refused == 0)
        FUZZ_CHECK(classified.family == family_inflated(body, len, classified.encoding));
    else
        FUZZ_CHECK(classified.family == expected_family(classified.text.data,
                                                        classified.text.len));
    FUZZ_CHECK(classified.family != FT_FAMILY_NONE);
    FUZZ_CHECK(classified.text.len > 0 && classified.text.len <= CLASSIFY_LIMIT);

    /* The text is what inflating the body on its own gives: recognising it took no pass of its
     * own. */
    if (counter.refused == 0) {
        ft_inflate_result alone;
        ft_inflate(body, len, classified.encoding, CLASSIFY_LIMIT, &fuzz_malloc_allocator, &alone);
        FUZZ_CHECK(alone.status == classified.text.status && alone.len == classified.text.len);
        FUZZ_CHECK(memcmp(alone.data, classified.text.data, alone.len) == 0);
        free(alone.data);
    }
    counter.allocator.free(counter.allocator.ctx, classified.text.data);
    fuzz_expect_no_leaks(&counter, "ft_classify_body");
}

/* ---- the origin of an inflated body ---------------------------------------------------------- */

static bool after_empty_line(const uint8_t *haystack, size_t offset)
{
    return (offset >= 2 && haystack[offset - 2] == '\n' && haystack[offset - 1] == '\n') ||
           (offset >= 3 && haystack[offset - 3] == '\n' && haystack[offset - 2] == '\r' &&
            haystack[offset - 1] == '\n');
}

/* Whether "SIP/2.0" occurs in haystack[0, end). */
static bool start_line_before(const uint8_t *haystack, size_t end)
{
    static const char version[] = "SIP/2.0";
    for (size_t i = 0; i + sizeof version - 1 <= end; i++)
        if (memcmp(haystack + i, version, sizeof version - 1) == 0)
            return true;
    return false;
}

/* The checksum proof of ft_find_compressed_origin, computed here afresh: the body's last bytes
 * are the zlib or gzip trailer of a non-empty inflated body, after room for the header. */
static bool ends_with_trailer_of(const uint8_t *candidate, size_t candidate_len,
                                 ft_encoding encoding, const uint8_t *inflated, size_t inflated_len)
{
    uint8_t trailer[8];
    size_t trailer_len, header_len;
    uint32_t adler = (uint32_t)adler32(1L, inflated, (uInt)inflated_len);
    uint32_t crc = (uint32_t)crc32(0L, inflated, (uInt)inflated_len);
    if (encoding == FT_ENCODING_ZLIB) {
        for (int i = 0; i < 4; i++)
            trailer[i] = (uint8_t)(adler >> (24 - 8 * i));
        trailer_len = 4;
        header_len = 2;
    } else if (encoding == FT_ENCODING_GZIP) {
        for (int i = 0; i < 4; i++) {
            trailer[i] = (uint8_t)(crc >> (8 * i));
            trailer[4 + i] = (uint8_t)((uint32_t)inflated_len >> (8 * i));
        }
        trailer_len = 8;
        header_len = 10;
    } else {
        return false;
    }
    return inflated_len > 0 && candidate_len >= header_len + trailer_len &&
           memcmp(candidate + candidate_len - trailer_len, trailer, trailer_len) == 0;
}

/* A reported Content-Length cut: the stream, given the bytes after the body, ends there (or
 * reaches the limit), past the body. */
static void check_reported_cut(const uint8_t *haystack, size_t haystack_len,
                               const ft_origin *origin, size_t max_compare)
{
    const ft_cut *cut = &origin->cut;
    FUZZ_CHECK(origin->status == FT_INFLATE_TRUNCATED);
    FUZZ_CHECK(cut->stream_len > origin->body_len);
    FUZZ_CHECK(cut->stream_len <= haystack_len - origin->offset);
    FUZZ_CHECK(cut->text_len <= max_compare);
    fuzz_allocator counter;
    fuzz_allocator_init(&counter, -1);
    ft_inflate_result r;
    ft_inflate(haystack + origin->offset, haystack_len - origin->offset, origin->encoding,
               max_compare, &counter.allocator, &r);
    FUZZ_CHECK(r.status == (cut->text_limited ? FT_INFLATE_LIMITED : FT_INFLATE_COMPLETE));
    FUZZ_CHECK(r.consumed == cut->stream_len && r.len == cut->text_len);
    if (r.data)
        counter.allocator.free(counter.allocator.ctx, r.data);
    fuzz_expect_no_leaks(&counter, "ft_inflate past the body");
}

static void check_found_origin(const uint8_t *haystack, size_t haystack_len,
                               const uint8_t *inflated, size_t inflated_len, size_t max_compare,
                               const ft_origin *origin, bool allocations_refused)
{
    FUZZ_CHECK(origin->offset < haystack_len);
    FUZZ_CHECK(origin->body_len > 0);
    FUZZ_CHECK(origin->body_len <= haystack_len - origin->offset);
    FUZZ_CHECK(origin->compressed_len > 0 && origin->compressed_len <= origin->body_len);
    FUZZ_CHECK(after_empty_line(haystack, origin->offset));
    FUZZ_CHECK(start_line_before(haystack, origin->offset));
    ft_sip_body message;
    FUZZ_CHECK(ft_sip_find_body_at(haystack, haystack_len, origin->offset, &message));
    FUZZ_CHECK(message.length == origin->body_len);
    FUZZ_CHECK((int)origin->status >= (int)FT_INFLATE_COMPLETE &&
               (int)origin->status <= (int)FT_INFLATE_NEEDS_DICTIONARY);
    FUZZ_CHECK((int)origin->trailing.kind >= (int)FT_TRAILING_NONE &&
               (int)origin->trailing.kind <= (int)FT_TRAILING_OTHER);
    const uint8_t *candidate = haystack + origin->offset;
    size_t candidate_len = origin->body_len;
    FUZZ_CHECK(origin->encoding != FT_ENCODING_NONE);
    FUZZ_CHECK(origin->encoding == ft_sniff_compression(candidate, candidate_len));
    /* A search whose allocations failed compared a shorter inflation than ours would be. */
    if (allocations_refused)
        return;

    /* The search may take the checksum at the body's end for proof, without inflating: then the
     * origin is complete, the whole body. Nothing more can be checked, as a stream damaged on
     * purpose can end with the checksum of what an inflater got out of it. */
    if (inflated_len <= max_compare &&
        ends_with_trailer_of(candidate, candidate_len, origin->encoding, inflated, inflated_len)) {
        FUZZ_CHECK(origin->status == FT_INFLATE_COMPLETE);
        FUZZ_CHECK(origin->compressed_len == candidate_len && origin->members == 1);
        FUZZ_CHECK(origin->trailing.len == 0 && !origin->cut.cut);
        return;
    }

    /* Otherwise inflating the body gives the inflated body: the shorter is a non-empty prefix of
     * the other, and inflation stops short only where the body says it may. */
    fuzz_allocator counter;
    fuzz_allocator_init(&counter, -1);
    ft_inflate_result r;
    ft_inflate(candidate, candidate_len, origin->encoding, max_compare, &counter.allocator, &r);
    FUZZ_CHECK(r.status == origin->status && r.members == origin->members);
    size_t common = r.len < inflated_len ? r.len : inflated_len;
    FUZZ_CHECK(common > 0 && memcmp(r.data, inflated, common) == 0);
    if (r.len > inflated_len)
        FUZZ_CHECK(r.status != FT_INFLATE_COMPLETE ||
                   (r.members > 1 && r.first_member_len == inflated_len));
    if (r.len < inflated_len)
        FUZZ_CHECK(r.len == max_compare);
    bool ended = r.status == FT_INFLATE_COMPLETE;
    FUZZ_CHECK(origin->compressed_len == (ended ? r.consumed : candidate_len));
    FUZZ_CHECK(origin->trailing.len == (ended ? candidate_len - r.consumed : 0));
    FUZZ_CHECK((origin->trailing.len == 0) == (origin->trailing.kind == FT_TRAILING_NONE));
    if (origin->cut.cut)
        check_reported_cut(haystack, haystack_len, origin, max_compare);
    if (r.data)
        counter.allocator.free(counter.allocator.ctx, r.data);
    fuzz_expect_no_leaks(&counter, "ft_inflate of the origin");
}

static void check_origin_search(const uint8_t *haystack, size_t haystack_len,
                                const uint8_t *inflated, size_t inflated_len, size_t max_compare,
                                long budget)
{
    fuzz_allocator counter;
    fuzz_allocator_init(&counter, budget);
    ft_origin origin;
    memset(&origin, 0, sizeof origin);
    bool found = ft_find_compressed_origin(haystack, haystack_len, inflated, inflated_len,
                                           max_compare, &counter.allocator, &origin);
    fuzz_expect_no_leaks(&counter, "ft_find_compressed_origin");
    if (found)
        check_found_origin(haystack, haystack_len, inflated, inflated_len, max_compare, &origin,
                           counter.refused > 0);
}

/* A frame made on purpose: a header, an empty line, then `inflated` compressed, and `extra`
 * bytes after the stream (which the checksum at the end cannot prove then). The search must
 * find it right after the empty line with either limit. */
static void check_constructed_frame(const uint8_t *compressed, size_t compressed_len,
                                    size_t extra, const uint8_t *inflated, size_t inflated_len,
                                    ft_encoding encoding, const size_t *max_compares,
                                    size_t n_max_compares)
{
    size_t header_len = sizeof constructed_header - 1;
    size_t frame_len = header_len + compressed_len + extra;
    uint8_t *frame = malloc(frame_len);
    FUZZ_CHECK(frame != NULL);
    memcpy(frame, constructed_header, header_len);
    memcpy(frame + header_len, compressed, compressed_len);
    /* Never equal to the stream's last byte, so the frame never ends with its checksum. */
    memset(frame + header_len + compressed_len, ~compressed[compressed_len - 1] & 0xff, extra);

    fuzz_allocator counter;
    fuzz_allocator_init(&counter, -1);
    for (size_t i = 0; i < n_max_compares; i++) {
        ft_origin origin;
        memset(&origin, 0, sizeof origin);
        bool found = ft_find_compressed_origin(frame, frame_len, inflated, inflated_len,
                                               max_compares[i], &counter.allocator, &origin);
        fuzz_expect_no_leaks(&counter, "ft_find_compressed_origin of a constructed frame");
        FUZZ_CHECK(found);
        FUZZ_CHECK(origin.offset == header_len);
        FUZZ_CHECK(origin.encoding == encoding);
        bool whole = inflated_len <= max_compares[i];
        FUZZ_CHECK(origin.status == (whole ? FT_INFLATE_COMPLETE : FT_INFLATE_LIMITED));
        FUZZ_CHECK(origin.compressed_len == compressed_len + (whole ? 0 : extra));
    }
    free(frame);
}

/* The search in `frame`, which must find the body right after its header. */
static ft_origin expect_found(const uint8_t *frame, size_t frame_len, size_t header_len,
                              const uint8_t *inflated, size_t inflated_len, size_t max_compare)
{
    fuzz_allocator counter;
    fuzz_allocator_init(&counter, -1);
    ft_origin origin;
    bool found = ft_find_compressed_origin(frame, frame_len, inflated, inflated_len, max_compare,
                                           &counter.allocator, &origin);
    fuzz_expect_no_leaks(&counter, "ft_find_compressed_origin of a constructed frame");
    FUZZ_CHECK(found && origin.offset == header_len);
    return origin;
}

/* A message whose Content-Length counts the first 3/5 of a stream that it carries whole: found
 * from what those bytes inflate to (as SIP inflates them), and reported cut, by the rest. */
static void check_constructed_cut(const uint8_t *compressed, size_t compressed_len,
                                  size_t inflated_len, ft_encoding encoding)
{
    size_t body_len = compressed_len * 3 / 5;
    ft_inflate_result shown;
    ft_inflate(compressed, body_len, encoding, LARGE_COMPARE, &fuzz_malloc_allocator, &shown);
    if (shown.status == FT_INFLATE_TRUNCATED && shown.len > 0) {
        char header[64];
        int header_len = snprintf(header, sizeof header, "SIP/2.0 200 OK\r\nl: %zu\r\n\r\n",
                                  body_len);
        uint8_t *frame = malloc((size_t)header_len + compressed_len);
        FUZZ_CHECK(frame != NULL && header_len > 0);
        memcpy(frame, header, (size_t)header_len);
        memcpy(frame + header_len, compressed, compressed_len);
        ft_origin origin = expect_found(frame, (size_t)header_len + compressed_len,
                                        (size_t)header_len, shown.data, shown.len, LARGE_COMPARE);
        FUZZ_CHECK(origin.status == FT_INFLATE_TRUNCATED && origin.body_len == body_len);
        FUZZ_CHECK(origin.cut.cut && origin.cut.stream_len == compressed_len);
        if (inflated_len <= LARGE_COMPARE)
            FUZZ_CHECK(!origin.cut.text_limited && origin.cut.text_len == inflated_len);
        free(frame);
    }
    free(shown.data);
}

/* The inflated part split into two gzip members: found from the first one's text (as SIP shows
 * it), with both members. */
static void check_constructed_members(const uint8_t *inflated, size_t inflated_len,
                                      const fuzz_deflate_options *fast)
{
    size_t split = inflated_len / 2, first_len, second_len;
    if (split == 0 || inflated_len > LARGE_COMPARE)
        return;
    uint8_t *first = fuzz_compress(fast, inflated, split, &first_len);
    uint8_t *second = fuzz_compress(fast, inflated + split, inflated_len - split, &second_len);
    size_t header_len = sizeof constructed_header - 1;
    size_t frame_len = header_len + first_len + second_len;
    uint8_t *frame = malloc(frame_len);
    FUZZ_CHECK(frame != NULL);
    memcpy(frame, constructed_header, header_len);
    memcpy(frame + header_len, first, first_len);
    memcpy(frame + header_len + first_len, second, second_len);
    ft_origin origin = expect_found(frame, frame_len, header_len, inflated, split, LARGE_COMPARE);
    /* Two equal halves end with the first one's checksum too: that proof is taken (ft_body.h). */
    bool halves_equal = inflated_len - split == split &&
                        memcmp(inflated, inflated + split, split) == 0;
    if (!halves_equal)
        FUZZ_CHECK(origin.members == 2 && origin.status == FT_INFLATE_COMPLETE &&
                   origin.compressed_len == first_len + second_len);
    free(frame);
    free(first);
    free(second);
}

/* The zlib or gzip form of `inflated` is found in a frame, ending it or followed by a byte, and
 * a FaceTime body in it is recognised. */
static void check_constructed_origin(const uint8_t *inflated, size_t inflated_len,
                                     ft_encoding encoding, const size_t *max_compares,
                                     size_t n_max_compares)
{
    size_t compressed_len;
    /* Level 1, a 512-byte window and the smallest hash tables: speed inside the fuzz loop
     * matters here, the ratio does not. */
    const fuzz_deflate_options fast = { .encoding = encoding, .level = 1, .window_bits = 9,
                                        .strategy = Z_DEFAULT_STRATEGY, .mem_level = 1 };
    uint8_t *compressed = fuzz_compress(&fast, inflated, inflated_len, &compressed_len);
    for (size_t extra = 0; extra <= 1; extra++)
        check_constructed_frame(compressed, compressed_len, extra, inflated, inflated_len,
                                encoding, max_compares, n_max_compares);
    check_constructed_cut(compressed, compressed_len, inflated_len, encoding);
    if (encoding == FT_ENCODING_GZIP)
        check_constructed_members(inflated, inflated_len, &fast);

    fuzz_allocator counter;
    fuzz_allocator_init(&counter, -1);
    ft_classified classified;
    bool facetime = ft_classify_body(compressed, compressed_len, CLASSIFY_LIMIT,
                                     &counter.allocator, &classified);
    if (classified.text.data)
        counter.allocator.free(counter.allocator.ctx, classified.text.data);
    fuzz_expect_no_leaks(&counter, "ft_classify_body of a constructed body");
    size_t judged = inflated_len < CLASSIFY_LIMIT ? inflated_len : CLASSIFY_LIMIT;
    if (expected_family(inflated, judged) != FT_FAMILY_NONE)
        FUZZ_CHECK(facetime && classified.encoding == encoding);

    free(compressed);
}

/* ---- the entry point ------------------------------------------------------------------------- */

static void check_recognition(const uint8_t *data, size_t len, long budget)
{
    check_text_signature(data, len);
    check_sniff(data, len);
    check_classify(data, len, -1);
    check_classify(data, len, budget);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t rest_len = size - 2;
    size_t haystack_len = ((size_t)data[0] << 8 | data[1]) % (rest_len + 1);
    const uint8_t *haystack = data + 2;
    const uint8_t *inflated = haystack + haystack_len;
    size_t inflated_len = rest_len - haystack_len;
    /* Varied with the sizes so that every allocation gets refused for some input. */
    long budget = (long)(size % 4);

    check_recognition(haystack, haystack_len, budget);
    check_recognition(inflated, inflated_len, budget);

    /* The plugin's limit, and a small one that makes the search stop comparing early. */
    const size_t max_compares[] = { LARGE_COMPARE, 1 + inflated_len % 64 };
    for (size_t i = 0; i < sizeof max_compares / sizeof max_compares[0]; i++)
        check_origin_search(haystack, haystack_len, inflated, inflated_len, max_compares[i], -1);
    check_origin_search(haystack, haystack_len, inflated, inflated_len, LARGE_COMPARE, budget);

    if (inflated_len > 0) {
        ft_encoding encoding = inflated_len % 2 ? FT_ENCODING_ZLIB : FT_ENCODING_GZIP;
        check_constructed_origin(inflated, inflated_len, encoding, max_compares,
                                 sizeof max_compares / sizeof max_compares[0]);
    }
    return 0;
}
