/* fuzz_seeds.c - seed inputs made from the fixture captures, plus variants made at run time.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz_seeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fuzz_datagrams.h"
#include "fuzz_files.h"
#include "fuzz_support.h"
#include "ft_body.h"
#include "ft_inflate.h"

const char *const fuzz_target_names[] = { "fuzz_inflate", "fuzz_sdp", "fuzz_body", "fuzz_dissect" };
const size_t fuzz_target_count = sizeof fuzz_target_names / sizeof fuzz_target_names[0];

/* The plugin's default inflation limit. */
#define INFLATE_LIMIT (64 * 1024)
/* Seeds of inflated text stay small: a bomb's 64 KiB of zeros teaches nothing a few KiB don't,
 * and small seeds keep the fuzzer fast. */
#define TEXT_SEED_MAX 4096

typedef enum seed_target { TARGET_INFLATE, TARGET_SDP, TARGET_BODY, TARGET_DISSECT } seed_target;

/* Forwards seeds to the caller's sink, dropping repeats (many captures share their bodies). */
typedef struct seed_emitter {
    seed_target target;
    fuzz_seed_sink sink;
    void *ctx;
    uint8_t **seen;
    size_t *seen_len;
    size_t n_seen;
    struct capture_datagrams *pending;   /* fuzz_dissect: the capture being read */
} seed_emitter;

static void emit(seed_emitter *e, const char *name, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < e->n_seen; i++)
        if (e->seen_len[i] == len && memcmp(e->seen[i], data, len) == 0)
            return;
    uint8_t **seen = realloc(e->seen, (e->n_seen + 1) * sizeof *seen);
    size_t *seen_len = realloc(e->seen_len, (e->n_seen + 1) * sizeof *seen_len);
    uint8_t *copy = malloc(len ? len : 1);
    FUZZ_CHECK(seen != NULL && seen_len != NULL && copy != NULL);
    memcpy(copy, data, len);
    seen[e->n_seen] = copy;
    seen_len[e->n_seen] = len;
    e->seen = seen;
    e->seen_len = seen_len;
    e->n_seen++;
    e->sink(e->ctx, name, data, len);
}

static void emit_text(seed_emitter *e, const char *name, const char *text)
{
    emit(e, name, (const uint8_t *)text, strlen(text));
}

/* A fuzz_body input: two bytes of haystack length, the haystack, then the inflated body. */
static void emit_body_pair(seed_emitter *e, const char *name, const uint8_t *haystack,
                           size_t haystack_len, const uint8_t *inflated, size_t inflated_len)
{
    FUZZ_CHECK(haystack_len <= 0xffff);
    size_t len = 2 + haystack_len + inflated_len;
    uint8_t *input = malloc(len);
    FUZZ_CHECK(input != NULL);
    input[0] = (uint8_t)(haystack_len >> 8);
    input[1] = (uint8_t)haystack_len;
    memcpy(input + 2, haystack, haystack_len);
    if (inflated_len)
        memcpy(input + 2 + haystack_len, inflated, inflated_len);
    emit(e, name, input, len);
    free(input);
}

static void free_emitter(seed_emitter *e)
{
    for (size_t i = 0; i < e->n_seen; i++)
        free(e->seen[i]);
    free(e->seen);
    free(e->seen_len);
}

static uint8_t *concatenate(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                            size_t *len)
{
    uint8_t *joined = malloc(a_len + b_len + 1);
    FUZZ_CHECK(joined != NULL);
    memcpy(joined, a, a_len);
    memcpy(joined + a_len, b, b_len);
    *len = a_len + b_len;
    return joined;
}

/* ---- the captures ---------------------------------------------------------------------------- */

static uint32_t read_u32(const uint8_t *p, bool swapped)
{
    return swapped ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                   : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint16_t read_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* One UDP datagram of a capture: the whole frame, its addresses and ports, and the payload
 * inside it. */
typedef struct datagram {
    const uint8_t *frame;
    size_t frame_len;
    const uint8_t *src, *dst;     /* IPv4 addresses, 4 bytes each, inside the frame */
    uint16_t src_port, dst_port;
    const uint8_t *payload;
    size_t payload_len;
} datagram;

/* The UDP payload of an Ethernet II / IPv4 frame, or false for anything else. */
static bool udp_payload(const uint8_t *frame, size_t len, datagram *d)
{
    const size_t ethernet_len = 14, udp_header_len = 8;
    if (len < ethernet_len + 20 || read_be16(frame + 12) != 0x0800)
        return false;
    const uint8_t *ip = frame + ethernet_len;
    size_t ip_room = len - ethernet_len;
    size_t header_len = (size_t)(ip[0] & 0x0f) * 4;
    size_t total_len = read_be16(ip + 2);
    if ((ip[0] >> 4) != 4 || ip[9] != 17 || header_len < 20 || total_len > ip_room ||
        total_len < header_len + udp_header_len)
        return false;
    d->frame = frame;
    d->frame_len = len;
    d->src = ip + 12;
    d->dst = ip + 16;
    d->src_port = read_be16(ip + header_len);
    d->dst_port = read_be16(ip + header_len + 2);
    d->payload = ip + header_len + udp_header_len;
    d->payload_len = total_len - header_len - udp_header_len;
    return true;
}

typedef void (*datagram_sink)(seed_emitter *e, const char *capture, unsigned frame_number,
                              const datagram *d);

/* Calls sink for every UDP datagram of a classic libpcap file on Ethernet. */
static bool each_datagram(const char *path, const char *capture, seed_emitter *e,
                          datagram_sink sink)
{
    uint8_t *file;
    size_t len;
    if (!fuzz_read_file(path, &file, &len))
        return false;
    uint32_t magic = len >= 24 ? read_u32(file, false) : 0;
    bool swapped = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
    bool known = swapped || magic == 0xa1b2c3d4 || magic == 0xa1b23c4d;
    if (!known || read_u32(file + 20, swapped) != 1) {
        fprintf(stderr, "fuzz: %s is not a libpcap capture on Ethernet\n", path);
        free(file);
        return false;
    }
    size_t pos = 24;
    for (unsigned frame_number = 1; len - pos >= 16; frame_number++) {
        size_t captured = read_u32(file + pos + 8, swapped);
        pos += 16;
        if (captured > len - pos)
            break;   /* cut short: the rest is not a frame */
        datagram d;
        if (udp_payload(file + pos, captured, &d))
            sink(e, capture, frame_number, &d);
        pos += captured;
    }
    free(file);
    return true;
}

/* The body of a SIP message (after the empty line), or false when it is not SIP or has none. */
static bool sip_body(const datagram *d, const uint8_t **body, size_t *body_len)
{
    const uint8_t *p = d->payload;
    size_t len = d->payload_len;
    const uint8_t *line_end = memchr(p, '\r', len);
    bool request = line_end && (size_t)(line_end - p) >= 8 &&
                   memcmp(line_end - 8, " SIP/2.0", 8) == 0;
    bool response = len >= 8 && memcmp(p, "SIP/2.0 ", 8) == 0;
    if (!request && !response)
        return false;
    for (size_t i = 0; i + 4 <= len; i++) {
        if (memcmp(p + i, "\r\n\r\n", 4) == 0) {
            *body = p + i + 4;
            *body_len = len - i - 4;
            return *body_len > 0;
        }
    }
    return false;
}

/* What a body shows as text: itself, or what it inflates to (at most INFLATE_LIMIT bytes, as
 * the plugin does). Returns a malloc'ed copy, or NULL when inflation gives nothing. */
static uint8_t *body_text(const uint8_t *body, size_t len, size_t *text_len)
{
    ft_encoding encoding = ft_is_facetime_sdp_text(body, len) ? FT_ENCODING_NONE
                         : ft_sniff_compression(body, len);
    if (encoding == FT_ENCODING_NONE) {
        uint8_t *copy = malloc(len);
        FUZZ_CHECK(copy != NULL);
        memcpy(copy, body, len);
        *text_len = len;
        return copy;
    }
    ft_inflate_result r;
    ft_inflate(body, len, encoding, INFLATE_LIMIT, &fuzz_malloc_allocator, &r);
    *text_len = r.len;
    return r.data;
}

/* ---- fuzz_dissect: a capture's datagrams as inputs ------------------------------------------ */

/* A datagram of a capture, placed on the endpoints of fuzz_datagrams.h. */
typedef struct kept_datagram {
    unsigned from, to;
    uint8_t *payload;
    size_t len;
    bool rtp;                     /* RTP rather than RTCP (RFC 5761 packet types), STUN or SIP */
    uint32_t ssrc;
} kept_datagram;

/* The UDP datagrams of one capture. Addresses and ports the endpoint table lacks (the foreign
 * captures' 127.0.0.1:5080, :6000...) get the two spare endpoints, in turn. */
typedef struct capture_datagrams {
    kept_datagram *items;
    size_t n, cap;
    struct { uint8_t address[4]; uint16_t port; unsigned endpoint; } unmapped[16];
    size_t n_unmapped;
} capture_datagrams;

#define SPARE_ENDPOINT_FIRST 14

static unsigned endpoint_of(capture_datagrams *c, const uint8_t address[4], uint16_t port)
{
    int known = fuzz_endpoint_of(address, port);
    if (known >= 0)
        return (unsigned)known;
    for (size_t i = 0; i < c->n_unmapped; i++)
        if (c->unmapped[i].port == port && memcmp(c->unmapped[i].address, address, 4) == 0)
            return c->unmapped[i].endpoint;
    unsigned spare = SPARE_ENDPOINT_FIRST + (unsigned)(c->n_unmapped % 2);
    if (c->n_unmapped < sizeof c->unmapped / sizeof c->unmapped[0]) {
        memcpy(c->unmapped[c->n_unmapped].address, address, 4);
        c->unmapped[c->n_unmapped].port = port;
        c->unmapped[c->n_unmapped].endpoint = spare;
        c->n_unmapped++;
    }
    return spare;
}

/* Whether SIP itself would inflate this message's body past a mebibyte: an `e:` (or
 * Content-Encoding) header over a deflate bomb. Stock SIP inflates such a body without a limit,
 * which takes longer than all the rest of an input, so fuzz_dissect's seeds leave it out; the
 * bomb without `e:`, which the plugin inflates up to its own limit, stays in. */
static bool sip_inflates_a_bomb(const datagram *d)
{
    const uint8_t *body;
    size_t body_len;
    if (!sip_body(d, &body, &body_len))
        return false;
    size_t header_len = (size_t)(body - d->payload);
    bool encoded = false;
    for (size_t i = 0; i + 4 <= header_len && !encoded; i++)
        encoded = memcmp(d->payload + i, "\r\ne:", 4) == 0 ||
                  (i + 19 <= header_len &&
                   memcmp(d->payload + i, "\r\nContent-Encoding:", 19) == 0);
    ft_encoding encoding = ft_sniff_compression(body, body_len);
    if (!encoded || encoding == FT_ENCODING_NONE)
        return false;
    ft_inflate_result r;
    ft_inflate(body, body_len, encoding, 1024 * 1024, &fuzz_malloc_allocator, &r);
    free(r.data);
    return r.status == FT_INFLATE_LIMITED;
}

static void keep_datagram(capture_datagrams *c, const datagram *d)
{
    if (sip_inflates_a_bomb(d))
        return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->items = realloc(c->items, c->cap * sizeof *c->items);
        FUZZ_CHECK(c->items != NULL);
    }
    kept_datagram *k = &c->items[c->n++];
    k->from = endpoint_of(c, d->src, d->src_port);
    k->to = endpoint_of(c, d->dst, d->dst_port);
    k->len = d->payload_len;
    k->payload = malloc(k->len ? k->len : 1);
    FUZZ_CHECK(k->payload != NULL);
    memcpy(k->payload, d->payload, k->len);
    const uint8_t *p = d->payload;
    k->rtp = k->len >= 12 && (p[0] & 0xc0) == 0x80 && !(p[1] >= 192 && p[1] <= 223);
    k->ssrc = k->rtp ? (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11]
                     : 0;
}

static void free_capture_datagrams(capture_datagrams *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->items[i].payload);
    free(c->items);
}

/* One input of up to FUZZ_DATAGRAMS_MAX datagrams of the capture, in its order: the first ones
 * ("head"), or every datagram that is not RTP and the first RTP packet of each SSRC ("digest":
 * the STUN, the whole SIP dialogue, a packet of each stream and the RTCP, where they fit). */
static void emit_capture_input(seed_emitter *e, const char *name, const capture_datagrams *c,
                               bool digest)
{
    uint8_t *input = NULL;
    size_t len = 0, cap = 0, count = 0;
    uint32_t ssrcs[64];
    size_t n_ssrcs = 0;
    for (size_t i = 0; i < c->n && count < FUZZ_DATAGRAMS_MAX; i++) {
        const kept_datagram *d = &c->items[i];
        if (digest && d->rtp) {
            bool seen = false;
            for (size_t j = 0; j < n_ssrcs; j++)
                seen |= ssrcs[j] == d->ssrc;
            if (seen || n_ssrcs == sizeof ssrcs / sizeof ssrcs[0])
                continue;
            ssrcs[n_ssrcs++] = d->ssrc;
        }
        fuzz_append_datagram(&input, &len, &cap, d->from, d->to, d->payload, d->len);
        count++;
    }
    if (count)
        emit(e, name, input, len);
    free(input);
}

static void emit_capture_inputs(seed_emitter *e, const char *capture, const capture_datagrams *c)
{
    char *name = fuzz_format("%s-head", capture);
    emit_capture_input(e, name, c, false);
    free(name);
    name = fuzz_format("%s-digest", capture);
    emit_capture_input(e, name, c, true);
    free(name);
}

static void capture_datagram(seed_emitter *e, const char *capture, unsigned frame_number,
                             const datagram *d)
{
    if (e->target == TARGET_DISSECT) {
        keep_datagram(e->pending, d);
        return;
    }
    const uint8_t *body;
    size_t body_len;
    if (!sip_body(d, &body, &body_len))
        return;
    size_t text_len;
    uint8_t *text = body_text(body, body_len, &text_len);
    size_t text_seed_len = text_len < TEXT_SEED_MAX ? text_len : TEXT_SEED_MAX;
    char *name = NULL;
    switch (e->target) {
    case TARGET_INFLATE:
        name = fuzz_format("%s-frame%u-body", capture, frame_number);
        emit(e, name, body, body_len);
        break;
    case TARGET_SDP:
        name = fuzz_format("%s-frame%u-sdp", capture, frame_number);
        if (text)
            emit(e, name, text, text_seed_len);
        break;
    case TARGET_BODY: {
        name = fuzz_format("%s-frame%u-frame-and-sdp", capture, frame_number);
        emit_body_pair(e, name, d->frame, d->frame_len, text, text ? text_seed_len : 0);
        free(name);
        name = fuzz_format("%s-frame%u-body-alone", capture, frame_number);
        emit_body_pair(e, name, body, body_len, NULL, 0);
        break;
    }
    case TARGET_DISSECT:          /* kept whole above */
        break;
    }
    free(name);
    free(text);
}

static bool emit_captures_in(seed_emitter *e, const char *dir)
{
    char **names;
    size_t count;
    if (!fuzz_list_files(dir, ".pcap", &names, &count))
        return false;
    bool ok = true;
    for (size_t i = 0; i < count && ok; i++) {
        char *path = fuzz_join_path(dir, names[i]);
        names[i][strlen(names[i]) - strlen(".pcap")] = '\0';
        capture_datagrams datagrams;
        memset(&datagrams, 0, sizeof datagrams);
        e->pending = &datagrams;
        ok = each_datagram(path, names[i], e, capture_datagram);
        if (ok && e->target == TARGET_DISSECT)
            emit_capture_inputs(e, names[i], &datagrams);
        e->pending = NULL;
        free_capture_datagrams(&datagrams);
        free(path);
    }
    fuzz_free_names(names, count);
    return ok;
}

/* ---- the offer, for variants ----------------------------------------------------------------- */

/* The offer SDP as ft-plain.pcap carries it (its INVITE's body), for the variants below. */
typedef struct first_facetime_body {
    uint8_t *text;
    size_t len;
} first_facetime_body;

static void keep_first_facetime_body(seed_emitter *e, const char *capture, unsigned frame_number,
                                     const datagram *d)
{
    (void)capture;
    (void)frame_number;
    first_facetime_body *first = e->ctx;
    const uint8_t *body;
    size_t body_len;
    if (first->text || !sip_body(d, &body, &body_len) || !ft_is_facetime_sdp_text(body, body_len))
        return;
    first->text = malloc(body_len);
    FUZZ_CHECK(first->text != NULL);
    memcpy(first->text, body, body_len);
    first->len = body_len;
}

static bool read_offer(const char *fixtures_dir, first_facetime_body *offer)
{
    seed_emitter finder = { TARGET_SDP, NULL, offer, NULL, NULL, 0, NULL };
    char *path = fuzz_join_path(fixtures_dir, "ft-plain.pcap");
    bool ok = each_datagram(path, "ft-plain", &finder, keep_first_facetime_body);
    free(path);
    if (ok && !offer->text) {
        fprintf(stderr, "fuzz: no plain FaceTime SDP body in %s/ft-plain.pcap\n", fixtures_dir);
        ok = false;
    }
    return ok;
}

/* The offer with every CRLF replaced by `line_end` ("\n" or "\r"). */
static uint8_t *with_line_ends(const first_facetime_body *offer, char line_end, size_t *len)
{
    uint8_t *text = malloc(offer->len);
    FUZZ_CHECK(text != NULL);
    size_t n = 0;
    for (size_t i = 0; i < offer->len; i++) {
        if (offer->text[i] == '\r' && i + 1 < offer->len && offer->text[i + 1] == '\n') {
            text[n++] = (uint8_t)line_end;
            i++;
        } else {
            text[n++] = offer->text[i];
        }
    }
    *len = n;
    return text;
}

/* ---- fuzz_inflate variants ------------------------------------------------------------------- */

static void emit_compressed(seed_emitter *e, const char *name, const fuzz_deflate_options *o,
                            const uint8_t *data, size_t len)
{
    size_t compressed_len;
    uint8_t *compressed = fuzz_compress(o, data, len, &compressed_len);
    emit(e, name, compressed, compressed_len);
    free(compressed);
}

static void emit_inflate_variants(seed_emitter *e, const first_facetime_body *offer)
{
    static const struct { const char *name; ft_encoding encoding; int level, bits, strategy; }
    plain_variants[] = {
        { "offer-zlib-stored", FT_ENCODING_ZLIB, 0, 15, Z_DEFAULT_STRATEGY },
        { "offer-zlib-fixed", FT_ENCODING_ZLIB, 6, 15, Z_FIXED },
        { "offer-zlib-huffman-only", FT_ENCODING_ZLIB, 6, 15, Z_HUFFMAN_ONLY },
        { "offer-zlib-rle", FT_ENCODING_ZLIB, 6, 15, Z_RLE },
        { "offer-zlib-window9", FT_ENCODING_ZLIB, 9, 9, Z_DEFAULT_STRATEGY },
        { "offer-deflate-stored", FT_ENCODING_DEFLATE, 0, 15, Z_DEFAULT_STRATEGY },
        { "offer-deflate-fixed", FT_ENCODING_DEFLATE, 6, 15, Z_FIXED },
        { "offer-gzip-fixed", FT_ENCODING_GZIP, 6, 15, Z_FIXED },
    };
    for (size_t i = 0; i < sizeof plain_variants / sizeof plain_variants[0]; i++) {
        fuzz_deflate_options o = { .encoding = plain_variants[i].encoding,
                                   .level = plain_variants[i].level,
                                   .window_bits = plain_variants[i].bits,
                                   .strategy = plain_variants[i].strategy };
        emit_compressed(e, plain_variants[i].name, &o, offer->text, offer->len);
    }

    /* A preset dictionary: FaceTime never sends one, so the inflater must name it and stop. */
    fuzz_deflate_options with_dictionary = { .encoding = FT_ENCODING_ZLIB, .level = 6,
                                             .window_bits = 15, .strategy = Z_DEFAULT_STRATEGY,
                                             .dictionary = "a=rtpID:a=fmtp:" };
    emit_compressed(e, "offer-zlib-dictionary", &with_dictionary, offer->text, offer->len);

    /* gzip with every optional header field. */
    static char gzip_name[] = "offer.sdp", gzip_comment[] = "FaceTime offer";
    static unsigned char gzip_extra[] = "AP\4\0test";
    gz_header header;
    memset(&header, 0, sizeof header);
    header.text = 1;
    header.os = 3;
    header.extra = gzip_extra;
    header.extra_len = sizeof gzip_extra - 1;
    header.name = (Bytef *)gzip_name;
    header.comment = (Bytef *)gzip_comment;
    header.hcrc = 1;
    fuzz_deflate_options gzip_fields = { .encoding = FT_ENCODING_GZIP, .level = 6,
                                         .window_bits = 15, .strategy = Z_DEFAULT_STRATEGY,
                                         .gzip_header = &header };
    emit_compressed(e, "offer-gzip-header-fields", &gzip_fields, offer->text, offer->len);

    /* Empty streams, and streams followed by more data. */
    fuzz_deflate_options zlib = { .encoding = FT_ENCODING_ZLIB, .level = 6, .window_bits = 15 };
    fuzz_deflate_options gzip = { .encoding = FT_ENCODING_GZIP, .level = 6, .window_bits = 15 };
    fuzz_deflate_options raw = { .encoding = FT_ENCODING_DEFLATE, .level = 6, .window_bits = 15 };
    emit_compressed(e, "empty-zlib", &zlib, NULL, 0);
    emit_compressed(e, "empty-gzip", &gzip, NULL, 0);
    emit_compressed(e, "empty-deflate", &raw, NULL, 0);

    size_t zlib_len, gzip_len, joined_len;
    uint8_t *zlib_offer = fuzz_compress(&zlib, offer->text, offer->len, &zlib_len);
    uint8_t *gzip_offer = fuzz_compress(&gzip, offer->text, offer->len, &gzip_len);
    uint8_t *joined = concatenate(gzip_offer, gzip_len, gzip_offer, gzip_len, &joined_len);
    emit(e, "offer-gzip-two-members", joined, joined_len);
    free(joined);
    size_t split = offer->len / 3, first_len, second_len;
    uint8_t *first = fuzz_compress(&gzip, offer->text, split, &first_len);
    uint8_t *second = fuzz_compress(&gzip, offer->text + split, offer->len - split, &second_len);
    joined = concatenate(first, first_len, second, second_len, &joined_len);
    emit(e, "offer-gzip-split-members", joined, joined_len);
    free(joined);
    free(first);
    free(second);
    joined = concatenate(zlib_offer, zlib_len, zlib_offer, zlib_len, &joined_len);
    emit(e, "offer-zlib-then-zlib", joined, joined_len);
    free(joined);
    joined = concatenate(zlib_offer, zlib_len, offer->text, offer->len, &joined_len);
    emit(e, "offer-zlib-then-text", joined, joined_len);
    free(joined);

    /* Damage: bad checksums, and the streams cut at their first bytes. */
    zlib_offer[zlib_len - 1] ^= 0x01;
    emit(e, "offer-zlib-bad-adler32", zlib_offer, zlib_len);
    gzip_offer[gzip_len - 5] ^= 0x01;
    emit(e, "offer-gzip-bad-crc32", gzip_offer, gzip_len);
    emit(e, "offer-zlib-header-only", zlib_offer, 2);
    emit(e, "offer-gzip-cut-in-header", gzip_offer, 7);
    free(zlib_offer);
    free(gzip_offer);
    emit(e, "nothing", (const uint8_t *)"", 0);
}

/* ---- fuzz_sdp variants: a few lines of each kind the parser knows ---------------------------- */

#define SDP_HEADER "v=0\r\no=GKVoiceChatService 0 0 IN IP4 192.0.2.1\r\ns=seed\r\n"
#define SDP_VIDEO SDP_HEADER "m=video 16402 RTP/AVP 126\r\n"

static const struct { const char *name; const char *text; } sdp_line_seeds[] = {
    { "lines-owner-session",
      "v=0\r\no=\r\no= \t\r\no=GKVoiceChatService 0 0 IN IP4 192.0.2.1\r\ns= \r\n"
      "s=  spaced name  \r\ns=second\r\n" },
    { "lines-connection",
      SDP_HEADER "c=IN IP4 256.1.1.1\r\nc=IN IP4 1.2.3\r\nc=IN IP4 01.2.3.4\r\n"
      "c=IN IP4 224.2.1.1/127/3\r\nc=IN IP4 10.0.0.1\r\nm=audio 1 RTP/AVP 0\r\n"
      "c=IN IP6 2001:db8::1\r\nc=IN IP6 ::ffff:1.2.3.4\r\nm=audio 2 RTP/AVP 0\r\n"
      "c=IN IP6 zz::\r\nc=IN IP4\r\nc=\r\nc=IN IP6 ff15::101/3\r\n" },
    { "lines-bandwidth",
      SDP_HEADER "b=CT:100\r\nb=AS:x\r\nb=AS:1:x\r\nb=AS:4294967296\r\nb=AS:2000:1500\r\n"
      "b=AS:2000\r\nm=audio 1 RTP/AVP 0\r\nb=AS:64\r\n" },
    { "lines-media",
      SDP_HEADER "m=audio 37338 RTP/AVP 104 105 106 9 0 124 122 121\r\nm=video 0 RTP/SAVPF 126\r\n"
      "m=application 9 UDP/TLS/RTP/SAVPF 100\r\nm=audio 70000 RTP/AVP 0\r\n"
      "m=audio 5/2 RTP/AVP 0\r\nm=audio x RTP/AVP\r\nm=audio 5\r\nm=\r\nm=text 9 TCP/MSRP *\r\n" },
    { "lines-fls",
      SDP_HEADER "a=FLS;VRA:0;MVRA:0;RVRA1:1;RVRA2:1;AS:2;MS:-1;LF:-1;LTR;CABAC;CR:3;PR;"
      "AR:8/5,2/3;XR;\r\n"
      "a=FLS;VRA;XR:1;AR:;AR:1/0;AR:x/y;AR:8/5,,2/3;MS:-2147483648;LF:2147483648;UEP;;:5; ;\r\n"
      "a=FLS\r\na=FLS;\r\n" },
    { "lines-x-fls",
      SDP_VIDEO "a=X_FLS:126 VRA:0;LTR;AR:8/5;\r\na=X_FLS:200 VRA:0\r\na=X_FLS:abc\r\n"
      "a=X_FLS:\r\na=X_FLS:126\r\n" },
    { "lines-numbers",
      SDP_VIDEO "a=rtpID:3398691976\r\na=rtpID:1\r\nm=audio 1 RTP/AVP 0\r\na=rtpID:4294967296\r\n"
      "a=rtpID:-1\r\na=rtpID:12 extra\r\na=rtpID:\r\na=au:67072\r\na=au:x\r\na=rtcp:37338\r\n"
      "m=audio 2 RTP/AVP 0\r\na=rtcp:65536\r\na=rtcp:16386 IN IP4 192.0.2.1\r\n" },
    { "lines-flags",
      SDP_HEADER "a=DMBR\r\na=CAP\r\na=DMBR\r\na=CAP:1\r\nm=audio 1 RTP/AVP 0\r\na=CAP\r\n" },
    { "lines-fmtp",
      SDP_VIDEO "a=fmtp:AAC SamplesPerBlock 480\r\na=fmtp:104 sbr;block 480\r\n"
      "a=fmtp:106 sec;sbr;block 480\r\na=fmtp:121 sec\r\na=fmtp:104 block\r\n"
      "a=fmtp:104 block x\r\na=fmtp:126 imagesize 0 rules 15:320:240:320:240:15\r\n"
      "a=fmtp:126 imagesize 0 rules 1,2 3\r\na=fmtp:126 imagesize x rules 1\r\n"
      "a=fmtp:126 imagesize 1 rules 1:x:2\r\na=fmtp:126 imagesize 1 rules 99999999999\r\n"
      "a=fmtp:\r\na=fmtp:126 profile-level-id=42e01f;packetization-mode=1\r\n" },
    { "lines-rtpmap",
      SDP_VIDEO "a=rtpmap:126 X-H264/90000\r\na=rtpmap:104 mpeg4-generic/16000/1\r\n"
      "a=rtpmap:0 PCMU/8000\r\na=rtpmap:128 X/1\r\na=rtpmap:9 /8000\r\na=rtpmap:9 G722\r\n"
      "a=rtpmap:9 G722/8000/x\r\n" },
    { "lines-imageattr",
      SDP_VIDEO "a=imageattr:126 send [x=320,y=240,fps=30] [x=480,y=368,fps=30] recv "
      "[x=320,y=240,fps=30]\r\na=imageattr:* send * recv *\r\n"
      "a=imageattr:97 send [x=[320:16:640],y=[240:16:480],sar=[1.0-1.3],q=0.5] "
      "recv [x=320,y=240]\r\n"
      "a=imageattr:97 recv [x=[176,208,240],y=[144,160]]\r\n"
      "a=imageattr:97 send [x=320,y=240,fps=30\r\na=imageattr:97 send []\r\n"
      "a=imageattr:97 send [x]\r\na=imageattr:97 banana\r\na=imageattr:\r\n"
      "a=imageattr:300 send *\r\na=imageattr:97 send [x=1,x=2,y=3,fps=a]\r\n" },
    { "lines-odd",
      "x\r\n=\r\na\r\na=\r\n\r\n\r\r\nv=0\ro=GKVoiceChatService 0 0 IN IP4 192.0.2.1\n\t\r\n" },
};

static void emit_sdp_variants(seed_emitter *e, const first_facetime_body *offer)
{
    size_t len;
    uint8_t *text = with_line_ends(offer, '\n', &len);
    emit(e, "offer-lf", text, len);
    free(text);
    text = with_line_ends(offer, '\r', &len);
    emit(e, "offer-cr", text, len);
    free(text);
    for (size_t i = 0; i < sizeof sdp_line_seeds / sizeof sdp_line_seeds[0]; i++)
        emit_text(e, sdp_line_seeds[i].name, sdp_line_seeds[i].text);
}

/* ---- fuzz_body variants ---------------------------------------------------------------------- */

/* A SIP message in a frame: `prefix` (the lower layers' bytes), the start line and header lines
 * `head` (each ended), "l: <declared>" and the empty line in `line_end`, then the body. */
static uint8_t *sip_frame(const uint8_t *prefix, size_t prefix_len, const char *head,
                          const char *line_end, size_t declared, const uint8_t *body,
                          size_t body_len, size_t *frame_len)
{
    static const uint8_t no_prefix[1];
    if (!prefix)
        prefix = no_prefix;     /* memcpy wants a pointer, even for nothing */
    char header[256];
    int header_len = snprintf(header, sizeof header, "%sl: %zu%s%s", head, declared, line_end,
                              line_end);
    FUZZ_CHECK(header_len > 0 && (size_t)header_len < sizeof header);
    size_t with_header_len;
    uint8_t *with_header = concatenate(prefix, prefix_len, (const uint8_t *)header,
                                       (size_t)header_len, &with_header_len);
    uint8_t *frame = concatenate(with_header, with_header_len, body, body_len, frame_len);
    free(with_header);
    return frame;
}

/* Frames that the captures lack: LF-only headers, line feeds in binary bytes before the real
 * header (more than a search of empty lines would try), the body cut, inflated shorter than the
 * stream, cut by its Content-Length, followed by more inside the body, or in gzip members. */
static void emit_body_variants(seed_emitter *e, const first_facetime_body *offer)
{
    static const uint8_t binary_prefix[] = { 0x45, 0x00, 0x0a, 0x0a, 0x78, 0x9c, 0x0a, 0x0d,
                                             0x0a, 0x1f, 0x8b, 0x08, 0x0a, 0x0a, 0x0a, 0x0a,
                                             0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a,
                                             0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a };
    static const char lf_head[] = "INVITE sip:user@192.0.2.2 SIP/2.0\ne: deflate\n";
    static const char crlf_head[] = "SIP/2.0 200 OK\r\ne: deflate\r\n";
    fuzz_deflate_options zlib = { .encoding = FT_ENCODING_ZLIB, .level = 6, .window_bits = 15 };
    fuzz_deflate_options raw = { .encoding = FT_ENCODING_DEFLATE, .level = 6, .window_bits = 15 };
    fuzz_deflate_options gzip = { .encoding = FT_ENCODING_GZIP, .level = 6, .window_bits = 15 };
    size_t zlib_len, raw_len, frame_len;
    uint8_t *zlib_offer = fuzz_compress(&zlib, offer->text, offer->len, &zlib_len);
    uint8_t *raw_offer = fuzz_compress(&raw, offer->text, offer->len, &raw_len);

    uint8_t *frame = sip_frame(NULL, 0, lf_head, "\n", zlib_len, zlib_offer, zlib_len,
                               &frame_len);
    emit_body_pair(e, "lf-header-zlib", frame, frame_len, offer->text, offer->len);
    free(frame);

    frame = sip_frame(binary_prefix, sizeof binary_prefix, crlf_head, "\r\n", raw_len, raw_offer,
                      raw_len, &frame_len);
    emit_body_pair(e, "binary-prefix-deflate", frame, frame_len, offer->text, offer->len);
    /* SIP may show less than the stream gives (its own inflater met damage), or more. */
    emit_body_pair(e, "binary-prefix-deflate-shorter", frame, frame_len, offer->text,
                   offer->len / 2);
    free(frame);
    frame = sip_frame(binary_prefix, sizeof binary_prefix, crlf_head, "\r\n", raw_len / 2,
                      raw_offer, raw_len / 2, &frame_len);
    emit_body_pair(e, "binary-prefix-deflate-cut", frame, frame_len, offer->text, offer->len);
    free(frame);

    /* The whole stream sent, its Content-Length counting 3/5 of it: SIP shows what those give. */
    size_t cut = zlib_len * 3 / 5;
    ft_inflate_result shown;
    ft_inflate(zlib_offer, cut, FT_ENCODING_ZLIB, INFLATE_LIMIT, &fuzz_malloc_allocator, &shown);
    frame = sip_frame(NULL, 0, crlf_head, "\r\n", cut, zlib_offer, zlib_len, &frame_len);
    emit_body_pair(e, "content-length-cuts-zlib", frame, frame_len, shown.data, shown.len);
    free(frame);
    free(shown.data);

    /* More inside the body after the stream: another stream, zero bytes. */
    static const uint8_t zeros[16] = { 0 };
    uint8_t *body;
    size_t body_len;
    body = concatenate(zlib_offer, zlib_len, zlib_offer, zlib_len, &body_len);
    frame = sip_frame(NULL, 0, crlf_head, "\r\n", body_len, body, body_len, &frame_len);
    emit_body_pair(e, "zlib-then-zlib", frame, frame_len, offer->text, offer->len);
    free(frame);
    free(body);
    body = concatenate(zlib_offer, zlib_len, zeros, sizeof zeros, &body_len);
    frame = sip_frame(NULL, 0, crlf_head, "\r\n", body_len, body, body_len, &frame_len);
    emit_body_pair(e, "zlib-then-zeros", frame, frame_len, offer->text, offer->len);
    free(frame);
    free(body);

    /* Two gzip members, the offer split after its session lines: SIP shows the first's text. */
    size_t split = offer->len / 3, first_len, second_len;
    uint8_t *first = fuzz_compress(&gzip, offer->text, split, &first_len);
    uint8_t *second = fuzz_compress(&gzip, offer->text + split, offer->len - split, &second_len);
    body = concatenate(first, first_len, second, second_len, &body_len);
    frame = sip_frame(NULL, 0, "SIP/2.0 200 OK\r\ne: gzip\r\n", "\r\n", body_len, body, body_len,
                      &frame_len);
    emit_body_pair(e, "gzip-two-members", frame, frame_len, offer->text, split);
    free(frame);
    free(body);
    free(first);
    free(second);

    /* A zlib stream that needs a preset dictionary, alone (recognition) and in a message. */
    fuzz_deflate_options with_dictionary = zlib;
    with_dictionary.dictionary = "a=rtpID:a=fmtp:";
    size_t dictionary_len;
    uint8_t *dictionary_offer = fuzz_compress(&with_dictionary, offer->text, offer->len,
                                              &dictionary_len);
    emit_body_pair(e, "zlib-dictionary-alone", dictionary_offer, dictionary_len, NULL, 0);
    free(dictionary_offer);
    free(zlib_offer);
    free(raw_offer);
}

/* ---- fuzz_dissect variants: a TURN relay, an IPv6 offer ------------------------------------- */

/* Endpoint indices of fuzz_datagrams.h used below. */
enum {
    CALLER_SIP = 0, CALLEE_SIP = 1, SERVER_STUN = 2, CALLEE_MEDIA = 4, CALLER_SIP_PORT = 5,
    CALLEE_SIP_PORT = 6, SERVER_RELAY = 13
};

#define STUN_MAGIC_COOKIE 0x2112a442u

typedef struct message {
    uint8_t bytes[1024];
    size_t len;
} message;

static void put_be16(uint8_t *p, unsigned value)
{
    p[0] = (uint8_t)(value >> 8);
    p[1] = (uint8_t)value;
}

static void put_be32(uint8_t *p, uint32_t value)
{
    put_be16(p, value >> 16);
    put_be16(p + 2, value & 0xffff);
}

/* A STUN message (RFC 5389) without attributes; stun_attribute() adds them. */
static void stun_message(message *m, unsigned type, uint8_t transaction)
{
    memset(m, 0, sizeof *m);
    put_be16(m->bytes, type);
    put_be32(m->bytes + 4, STUN_MAGIC_COOKIE);
    m->bytes[8] = 'F';
    m->bytes[9] = 'T';
    m->bytes[19] = transaction;
    m->len = 20;
}

static void stun_attribute(message *m, unsigned type, const uint8_t *value, size_t len)
{
    FUZZ_CHECK(m->len + 4 + len + 3 <= sizeof m->bytes);
    put_be16(m->bytes + m->len, type);
    put_be16(m->bytes + m->len + 2, (unsigned)len);
    memcpy(m->bytes + m->len + 4, value, len);
    m->len += 4 + ((len + 3) & ~(size_t)3);
    put_be16(m->bytes + 2, (unsigned)(m->len - 20));
}

/* XOR-MAPPED-ADDRESS, XOR-RELAYED-ADDRESS, XOR-PEER-ADDRESS: an IPv4 address and port. */
static void stun_xor_address(message *m, unsigned type, unsigned endpoint)
{
    const fuzz_endpoint *ep = &fuzz_endpoints[endpoint];
    const uint8_t *addr = fuzz_host_addresses[ep->host];
    uint8_t value[8] = { 0, 0x01 };
    put_be16(value + 2, ep->port ^ (STUN_MAGIC_COOKIE >> 16));
    for (int i = 0; i < 4; i++)
        value[4 + i] = addr[i] ^ (uint8_t)(STUN_MAGIC_COOKIE >> (24 - 8 * i));
    stun_attribute(m, type, value, sizeof value);
}

/* An RTP packet (or RTCP sender report) of a stream, with a few payload bytes. */
static size_t media_packet(uint8_t *out, bool rtcp, uint32_t ssrc, unsigned sequence)
{
    memset(out, 0, 40);
    if (rtcp) {
        out[0] = 0x80;
        out[1] = 200;                      /* SR, no report blocks: 7 words */
        put_be16(out + 2, 6);
        put_be32(out + 4, ssrc);
        return 28;
    }
    out[0] = 0x80;
    out[1] = 104;
    put_be16(out + 2, sequence);
    put_be32(out + 4, 0x10000000u + 480u * sequence);
    put_be32(out + 8, ssrc);
    for (int i = 12; i < 40; i++)
        out[i] = (uint8_t)(ssrc >> (i % 4 * 8)) ^ (uint8_t)i;
    return 40;
}

/* TURN ChannelData (RFC 8656): channel number, length, then the data, unpadded over UDP. */
static size_t channel_data(uint8_t *out, unsigned channel, const uint8_t *data, size_t len)
{
    put_be16(out, channel);
    put_be16(out + 2, (unsigned)len);
    memcpy(out + 4, data, len);
    return 4 + len;
}

/* A SIP request or response with a plain body, compact headers and the right l:. */
static char *sip_message(const char *start_line, const char *cseq, const char *sdp)
{
    return fuzz_format("%s\r\n"
                       "v: SIP/2.0/UDP 210.172.128.230:16402;branch=z9hG4bK-turn-1\r\n"
                       "f: <sip:user@210.172.128.230:16402>;tag=1\r\n"
                       "t: <sip:user@203.0.113.47:16402>\r\n"
                       "i: 0D1E2F30-4152-6374-8596-A7B8C9DAEBFC\r\n"
                       "CSeq: %s\r\n"
                       "l: %zu\r\n\r\n%s",
                       start_line, cseq, strlen(sdp), sdp);
}

static void append_text(uint8_t **input, size_t *len, size_t *cap, unsigned from, unsigned to,
                        const char *text)
{
    fuzz_append_datagram(input, len, cap, from, to, (const uint8_t *)text, strlen(text));
}

/* The caller allocates a relay on the server (STUN, TURN Allocate, ChannelBind to the callee's
 * media), offers the relayed address in its SDP, and media then flows both ways: directly to
 * and from the relay port, and as ChannelData on the caller's 5-tuple with the server. */
static void emit_turn_relay(seed_emitter *e)
{
    static const char offer[] =
        "v=0\r\no=GKVoiceChatService 0 0 IN IP4 210.172.128.230\r\ns=relay\r\n"
        "c=IN IP4 198.51.100.20\r\nt=0 0\r\n"
        "m=audio 49152 RTP/AVP 104 0\r\na=rtcp:49152\r\na=rtpID:16909060\r\n"
        "m=video 49152 RTP/AVP 126\r\na=rtpID:84281096\r\na=rtpmap:126 X-H264/90000\r\n";
    static const char answer[] =
        "v=0\r\no=GKVoiceChatService 0 0 IN IP4 203.0.113.47\r\ns=peer\r\n"
        "c=IN IP4 203.0.113.47\r\nt=0 0\r\n"
        "m=audio 16386 RTP/AVP 104\r\na=rtcp:16386\r\na=rtpID:151653132\r\n";
    const uint32_t caller_audio = 16909060, callee_audio = 151653132;
    const unsigned channel = 0x4000;
    uint8_t *input = NULL;
    size_t len = 0, cap = 0;
    message m;
    uint8_t value[4];

    stun_message(&m, 0x0001, 1);                             /* Binding Request */
    fuzz_append_datagram(&input, &len, &cap, CALLER_SIP, SERVER_STUN, m.bytes, m.len);
    stun_message(&m, 0x0101, 1);                             /* Binding Success */
    stun_xor_address(&m, 0x0020, CALLER_SIP);
    fuzz_append_datagram(&input, &len, &cap, SERVER_STUN, CALLER_SIP, m.bytes, m.len);
    stun_message(&m, 0x0003, 2);                             /* Allocate */
    memset(value, 0, sizeof value);
    value[0] = 17;                                           /* REQUESTED-TRANSPORT: UDP */
    stun_attribute(&m, 0x0019, value, 4);
    fuzz_append_datagram(&input, &len, &cap, CALLER_SIP, SERVER_STUN, m.bytes, m.len);
    stun_message(&m, 0x0103, 2);                             /* Allocate Success */
    stun_xor_address(&m, 0x0016, SERVER_RELAY);
    stun_xor_address(&m, 0x0020, CALLER_SIP);
    fuzz_append_datagram(&input, &len, &cap, SERVER_STUN, CALLER_SIP, m.bytes, m.len);
    stun_message(&m, 0x0009, 3);                             /* ChannelBind */
    memset(value, 0, sizeof value);
    put_be16(value, channel);
    stun_attribute(&m, 0x000c, value, 4);
    stun_xor_address(&m, 0x0012, CALLEE_MEDIA);
    fuzz_append_datagram(&input, &len, &cap, CALLER_SIP, SERVER_STUN, m.bytes, m.len);
    stun_message(&m, 0x0109, 3);                             /* ChannelBind Success */
    fuzz_append_datagram(&input, &len, &cap, SERVER_STUN, CALLER_SIP, m.bytes, m.len);

    char *text = sip_message("INVITE sip:user@203.0.113.47:16402 SIP/2.0", "1 INVITE", offer);
    append_text(&input, &len, &cap, CALLER_SIP, CALLEE_SIP, text);
    free(text);
    text = sip_message("SIP/2.0 200 OK", "1 INVITE", answer);
    append_text(&input, &len, &cap, CALLEE_SIP, CALLER_SIP, text);
    free(text);

    uint8_t packet[64], framed[80];
    size_t packet_len;
    /* The callee's audio to the relay, and the relay on to the caller over the channel. */
    packet_len = media_packet(packet, false, callee_audio, 0x2000);
    fuzz_append_datagram(&input, &len, &cap, CALLEE_MEDIA, SERVER_RELAY, packet, packet_len);
    fuzz_append_datagram(&input, &len, &cap, SERVER_STUN, CALLER_SIP, framed,
                         channel_data(framed, channel, packet, packet_len));
    /* The caller's audio over the channel, and the relay on to the callee. */
    packet_len = media_packet(packet, false, caller_audio, 0x1000);
    fuzz_append_datagram(&input, &len, &cap, CALLER_SIP, SERVER_STUN, framed,
                         channel_data(framed, channel, packet, packet_len));
    fuzz_append_datagram(&input, &len, &cap, SERVER_RELAY, CALLEE_MEDIA, packet, packet_len);
    /* RTCP to the relay, and ChannelData where the plugin's media dissector sits. */
    packet_len = media_packet(packet, true, callee_audio, 0);
    fuzz_append_datagram(&input, &len, &cap, CALLEE_MEDIA, SERVER_RELAY, packet, packet_len);
    fuzz_append_datagram(&input, &len, &cap, SERVER_RELAY, CALLEE_MEDIA, framed,
                         channel_data(framed, channel, packet, packet_len));
    emit(e, "turn-relay", input, len);
    free(input);
}

/* What the fixtures' SDP lacks: an IPv6 connection, X_FLS and two-number bandwidth, in an
 * INVITE over SIP's own port, then media on the SIP 5-tuple. */
static void emit_ipv6_offer(seed_emitter *e)
{
    static const char offer[] =
        "v=0\r\no=GKVoiceChatService 0 0 IN IP6 2001:db8::1\r\ns=six\r\n"
        "c=IN IP6 2001:db8::1\r\nb=AS:2000:1500\r\nt=0 0\r\n"
        "a=FLS;VRA:0;LTR;AR:8/5,2/3;\r\na=X_FLS:123 VRA:0;CABAC;\r\n"
        "m=audio 5060 RTP/AVP 104\r\nc=IN IP4 210.172.128.230\r\na=rtcp:5060\r\n"
        "a=rtpID:16909060\r\n"
        "m=video 5062 RTP/SAVPF 123\r\na=rtpID:84281096\r\na=rtpmap:123 H264/90000\r\n";
    uint8_t *input = NULL;
    size_t len = 0, cap = 0;
    char *text = sip_message("INVITE sip:user@203.0.113.47:5060 SIP/2.0", "1 INVITE", offer);
    append_text(&input, &len, &cap, CALLER_SIP_PORT, CALLEE_SIP_PORT, text);
    free(text);
    uint8_t packet[64];
    size_t packet_len = media_packet(packet, false, 16909060, 7);
    fuzz_append_datagram(&input, &len, &cap, CALLER_SIP_PORT, CALLEE_SIP_PORT, packet, packet_len);
    packet_len = media_packet(packet, true, 16909060, 0);
    fuzz_append_datagram(&input, &len, &cap, CALLER_SIP_PORT, CALLEE_SIP_PORT, packet, packet_len);
    emit(e, "ipv6-x-fls", input, len);
    free(input);
}

static void emit_dissect_variants(seed_emitter *e, const first_facetime_body *offer)
{
    (void)offer;
    emit_turn_relay(e);
    emit_ipv6_offer(e);
}

/* ---- entry point ----------------------------------------------------------------------------- */

bool fuzz_emit_seeds(const char *target, const char *fixtures_dir, fuzz_seed_sink sink,
                     void *ctx)
{
    size_t index = 0;
    while (index < fuzz_target_count && strcmp(fuzz_target_names[index], target) != 0)
        index++;
    if (index == fuzz_target_count) {
        fprintf(stderr, "fuzz: no fuzz target named %s\n", target);
        return false;
    }
    seed_emitter e = { (seed_target)index, sink, ctx, NULL, NULL, 0, NULL };
    first_facetime_body offer = { NULL, 0 };
    char *foreign_dir = fuzz_join_path(fixtures_dir, "foreign");
    bool ok = read_offer(fixtures_dir, &offer) && emit_captures_in(&e, fixtures_dir) &&
              emit_captures_in(&e, foreign_dir);
    if (ok) {
        switch (e.target) {
        case TARGET_INFLATE: emit_inflate_variants(&e, &offer); break;
        case TARGET_SDP:     emit_sdp_variants(&e, &offer); break;
        case TARGET_BODY:    emit_body_variants(&e, &offer); break;
        case TARGET_DISSECT: emit_dissect_variants(&e, &offer); break;
        }
    }
    free(foreign_dir);
    free(offer.text);
    free_emitter(&e);
    return ok;
}
