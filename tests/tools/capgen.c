/* capgen.c - deterministic capture writer; see capgen.h.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define ZLIB_CONST
#include "capgen.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ---- errors and memory ---------------------------------------------------------------------- */

_Noreturn void cg_die(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fputs("capgen: ", stderr);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
    exit(1);
}

void *cg_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        cg_die("out of memory (%zu bytes)", size);
    return p;
}

void *cg_realloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        cg_die("out of memory (%zu bytes)", size);
    return p;
}

/* Room for `more` items in an array of `count` used out of `*cap`, doubling as it grows. */
static void *grow_array(void *items, size_t count, size_t more, size_t *cap, size_t item_size)
{
    if (more <= *cap - count)
        return items;
    if (more > SIZE_MAX / item_size - count)
        cg_die("array too large");
    size_t needed = count + more;
    size_t new_cap = *cap ? *cap : 16;
    while (new_cap < needed)
        new_cap = new_cap > SIZE_MAX / item_size / 2 ? needed : new_cap * 2;
    *cap = new_cap;
    return cg_realloc(items, new_cap * item_size);
}

void cg_buf_init(cg_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void cg_buf_free(cg_buf *b)
{
    free(b->data);
    cg_buf_init(b);
}

void cg_buf_reserve(cg_buf *b, size_t extra)
{
    b->data = grow_array(b->data, b->len, extra, &b->cap, 1);
}

void cg_buf_put(cg_buf *b, const void *data, size_t len)
{
    if (len == 0)
        return;
    cg_buf_reserve(b, len);
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

void cg_buf_put_zeros(cg_buf *b, size_t len)
{
    if (len == 0)
        return;
    cg_buf_reserve(b, len);
    memset(b->data + b->len, 0, len);
    b->len += len;
}

void cg_buf_put_u8(cg_buf *b, uint8_t v)
{
    cg_buf_put(b, &v, 1);
}

void cg_buf_put_be16(cg_buf *b, uint16_t v)
{
    uint8_t bytes[2] = { (uint8_t)(v >> 8), (uint8_t)v };
    cg_buf_put(b, bytes, sizeof bytes);
}

void cg_buf_put_be32(cg_buf *b, uint32_t v)
{
    uint8_t bytes[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    cg_buf_put(b, bytes, sizeof bytes);
}

void cg_buf_put_str(cg_buf *b, const char *s)
{
    cg_buf_put(b, s, strlen(s));
}

static void buf_vprintf(cg_buf *b, const char *fmt, va_list args) CG_PRINTF(2, 0);
static void buf_vprintf(cg_buf *b, const char *fmt, va_list args)
{
    va_list measure;
    va_copy(measure, args);
    int needed = vsnprintf(NULL, 0, fmt, measure);
    va_end(measure);
    if (needed < 0)
        cg_die("bad format \"%s\"", fmt);
    /* vsnprintf writes a terminating NUL, which is reserved but not counted. */
    cg_buf_reserve(b, (size_t)needed + 1);
    int written = vsnprintf((char *)b->data + b->len, (size_t)needed + 1, fmt, args);
    if (written != needed)
        cg_die("format \"%s\" changed length", fmt);
    b->len += (size_t)needed;
}

void cg_buf_printf(cg_buf *b, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    buf_vprintf(b, fmt, args);
    va_end(args);
}

/* A NUL-terminated string from malloc, for the few texts that are pieces of other texts. */
static char *string_printf(const char *fmt, ...) CG_PRINTF(1, 2);
static char *string_printf(const char *fmt, ...)
{
    cg_buf b;
    cg_buf_init(&b);
    va_list args;
    va_start(args, fmt);
    buf_vprintf(&b, fmt, args);
    va_end(args);
    cg_buf_put_u8(&b, 0);
    return (char *)b.data;
}

cg_ipv4_text cg_ipv4_format(uint32_t ip)
{
    cg_ipv4_text t;
    snprintf(t.text, sizeof t.text, "%u.%u.%u.%u", (unsigned)(ip >> 24),
             (unsigned)(ip >> 16 & 0xff), (unsigned)(ip >> 8 & 0xff), (unsigned)(ip & 0xff));
    return t;
}

/* ---- pseudo-random bytes -------------------------------------------------------------------- */

void cg_xorshift32_seed(cg_xorshift32 *rng, uint32_t seed)
{
    rng->state = seed ? seed : 0x9e3779b9u;
}

uint32_t cg_xorshift32_next(cg_xorshift32 *rng)
{
    uint32_t x = rng->state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng->state = x;
    return x;
}

void cg_xorshift32_fill(cg_xorshift32 *rng, cg_buf *out, size_t len)
{
    if (len == 0)
        return;
    cg_buf_reserve(out, len);
    uint8_t *p = out->data + out->len;
    for (size_t i = 0; i < len; i += 4) {
        uint32_t word = cg_xorshift32_next(rng);
        for (size_t k = 0; k < 4 && i + k < len; k++)
            p[i + k] = (uint8_t)(word >> (24 - 8 * k));
    }
    out->len += len;
}

/* ---- the pcap writer ------------------------------------------------------------------------ */

#define PCAP_SNAPLEN 262144u
#define PCAP_LINKTYPE_ETHERNET 1u
#define ETHERNET_HEADER_LEN 14u
#define IPV4_HEADER_LEN 20u
#define UDP_HEADER_LEN 8u
#define IPV4_MAX_TOTAL_LEN 65535u
#define TCP_HEADER_LEN 20u
#define ETHERTYPE_IPV4 0x0800u
#define ETHERTYPE_IPV6 0x86ddu
#define IP_PROTOCOL_TCP 6u
#define IP_PROTOCOL_UDP 17u
#define IPV4_DONT_FRAGMENT 0x4000u
#define IPV4_MORE_FRAGMENTS 0x2000u

/* The next IPv4 identification of each source address: open addressing, linear probing. */
typedef struct ip_id_slot {
    uint32_t ip;
    uint16_t next_id;
    bool used;
} ip_id_slot;

typedef struct ip_id_table {
    ip_id_slot *slots;
    unsigned slot_bits;  /* 2^slot_bits slots, or none while slots is NULL */
    size_t used_count;
} ip_id_table;

struct cg_pcap {
    FILE *file;
    char *path;
    cg_buf frame;       /* scratch: one record at a time */
    ip_id_table ip_ids;
    uint64_t frame_count;
};

static size_t ip_id_slot_count(const ip_id_table *t)
{
    return t->slots ? (size_t)1 << t->slot_bits : 0;
}

static ip_id_slot *ip_id_find(ip_id_table *t, uint32_t ip)
{
    /* Fibonacci hashing: the product's top bits depend on every bit of the address. */
    size_t mask = ip_id_slot_count(t) - 1;
    size_t i = (uint32_t)(ip * 0x9e3779b9u) >> (32 - t->slot_bits);
    while (t->slots[i].used && t->slots[i].ip != ip)
        i = (i + 1) & mask;
    return &t->slots[i];
}

static void ip_id_table_grow(ip_id_table *t)
{
    ip_id_table bigger = { NULL, t->slots ? t->slot_bits + 1 : 6, 0 };
    if (bigger.slot_bits > 31)
        cg_die("too many hosts");
    size_t slot_count = (size_t)1 << bigger.slot_bits;
    bigger.slots = cg_malloc(slot_count * sizeof *bigger.slots);
    memset(bigger.slots, 0, slot_count * sizeof *bigger.slots);
    for (size_t i = 0; i < ip_id_slot_count(t); i++) {
        if (t->slots[i].used) {
            *ip_id_find(&bigger, t->slots[i].ip) = t->slots[i];
            bigger.used_count++;
        }
    }
    free(t->slots);
    *t = bigger;
}

/* Returns the host's next identification and counts it. */
static uint16_t ip_id_take(ip_id_table *t, const cg_host *host)
{
    if (t->used_count + 1 > ip_id_slot_count(t) / 2)
        ip_id_table_grow(t);
    ip_id_slot *slot = ip_id_find(t, host->ip);
    if (!slot->used) {
        slot->used = true;
        slot->ip = host->ip;
        slot->next_id = host->first_ip_id;
        t->used_count++;
    }
    return slot->next_id++;
}

static void put_le16(cg_buf *b, uint16_t v)
{
    uint8_t bytes[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
    cg_buf_put(b, bytes, sizeof bytes);
}

static void put_le32(cg_buf *b, uint32_t v)
{
    uint8_t bytes[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    cg_buf_put(b, bytes, sizeof bytes);
}

static void pcap_write_bytes(cg_pcap *pcap, const cg_buf *b)
{
    if (fwrite(b->data, 1, b->len, pcap->file) != b->len)
        cg_die("%s: write failed: %s", pcap->path, strerror(errno));
}

cg_pcap *cg_pcap_open(const char *path)
{
    cg_pcap *pcap = cg_malloc(sizeof *pcap);
    memset(pcap, 0, sizeof *pcap);
    size_t path_len = strlen(path);
    pcap->path = cg_malloc(path_len + 1);
    memcpy(pcap->path, path, path_len + 1);
    pcap->file = fopen(path, "wb");
    if (!pcap->file)
        cg_die("%s: cannot create: %s", path, strerror(errno));

    cg_buf *h = &pcap->frame;
    put_le32(h, 0xa1b2c3d4u);  /* microsecond timestamps */
    put_le16(h, 2);            /* version 2.4 */
    put_le16(h, 4);
    put_le32(h, 0);            /* thiszone */
    put_le32(h, 0);            /* sigfigs */
    put_le32(h, PCAP_SNAPLEN);
    put_le32(h, PCAP_LINKTYPE_ETHERNET);
    pcap_write_bytes(pcap, h);
    h->len = 0;
    return pcap;
}

/* One's complement sum of big-endian 16-bit words, not yet folded. */
static uint32_t checksum_add(uint32_t sum, const uint8_t *data, size_t len)
{
    size_t i = 0;
    for (; i + 1 < len; i += 2)
        sum += (uint32_t)data[i] << 8 | data[i + 1];
    if (i < len)
        sum += (uint32_t)data[i] << 8;  /* an odd byte is padded with zero */
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return sum;
}

static uint16_t checksum_finish(uint32_t sum)
{
    return (uint16_t)~sum;
}

static void set_be16_at(cg_buf *b, size_t offset, uint16_t v)
{
    b->data[offset] = (uint8_t)(v >> 8);
    b->data[offset + 1] = (uint8_t)v;
}

static void put_ethernet(cg_buf *b, const uint8_t dst_mac[6], const uint8_t src_mac[6],
                         uint16_t ethertype)
{
    cg_buf_put(b, dst_mac, 6);
    cg_buf_put(b, src_mac, 6);
    cg_buf_put_be16(b, ethertype);
}

static void put_ethernet_header(cg_buf *b, const cg_udp_frame *f)
{
    put_ethernet(b, f->dst->mac, f->src->mac, ETHERTYPE_IPV4);
}

/* An IPv4 header without options; flags_offset is the flags and fragment offset word. */
static void put_ipv4(cg_buf *b, uint32_t src, uint32_t dst, uint8_t ttl, uint8_t protocol,
                     uint16_t total_len, uint16_t id, uint16_t flags_offset)
{
    size_t start = b->len;
    cg_buf_put_u8(b, 0x45);       /* version 4, 5 words: no options */
    cg_buf_put_u8(b, 0);          /* DSCP/ECN */
    cg_buf_put_be16(b, total_len);
    cg_buf_put_be16(b, id);
    cg_buf_put_be16(b, flags_offset);
    cg_buf_put_u8(b, ttl);
    cg_buf_put_u8(b, protocol);
    cg_buf_put_be16(b, 0);        /* checksum, filled below */
    cg_buf_put_be32(b, src);
    cg_buf_put_be32(b, dst);
    set_be16_at(b, start + 10, checksum_finish(checksum_add(0, b->data + start, IPV4_HEADER_LEN)));
}

static void put_ipv4_header(cg_buf *b, const cg_udp_frame *f, uint16_t total_len, uint16_t id)
{
    put_ipv4(b, f->src->ip, f->dst->ip, f->src->ttl, IP_PROTOCOL_UDP, total_len, id,
             IPV4_DONT_FRAGMENT);
}

/* The sum of the IPv4 or IPv6 pseudo-header (RFC 768, RFC 8200 8.1): one's complement addition
 * does not care for the order of the words, so both are the addresses' words, the protocol and
 * the length. */
static uint32_t pseudo_header_sum(const uint8_t *src, const uint8_t *dst, size_t address_len,
                                  uint8_t protocol, uint32_t len)
{
    const uint8_t rest[6] = {
        (uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len,
        0, protocol,
    };
    uint32_t sum = checksum_add(0, src, address_len);
    sum = checksum_add(sum, dst, address_len);
    return checksum_add(sum, rest, sizeof rest);
}

static uint32_t read_be32(const uint8_t in[4])
{
    return (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 | (uint32_t)in[2] << 8 | in[3];
}

static void be32_bytes(uint32_t v, uint8_t out[4])
{
    out[0] = (uint8_t)(v >> 24);
    out[1] = (uint8_t)(v >> 16);
    out[2] = (uint8_t)(v >> 8);
    out[3] = (uint8_t)v;
}

/* The UDP datagram's header and payload, checksummed over the pseudo-header's sum. */
static void put_udp(cg_buf *b, uint32_t pseudo_sum, uint16_t src_port, uint16_t dst_port,
                    const uint8_t *payload, size_t payload_len)
{
    size_t start = b->len;
    uint16_t udp_len = (uint16_t)(UDP_HEADER_LEN + payload_len);
    cg_buf_put_be16(b, src_port);
    cg_buf_put_be16(b, dst_port);
    cg_buf_put_be16(b, udp_len);
    cg_buf_put_be16(b, 0);  /* checksum, filled below */
    cg_buf_put(b, payload, payload_len);
    uint16_t checksum = checksum_finish(checksum_add(pseudo_sum, b->data + start, udp_len));
    set_be16_at(b, start + 6, checksum ? checksum : 0xffff);  /* 0: "no checksum" (RFC 768) */
}

static void put_udp_datagram(cg_buf *b, const cg_udp_frame *f)
{
    uint8_t src[4], dst[4];
    be32_bytes(f->src->ip, src);
    be32_bytes(f->dst->ip, dst);
    uint32_t udp_len = (uint32_t)(UDP_HEADER_LEN + f->payload_len);
    put_udp(b, pseudo_header_sum(src, dst, sizeof src, IP_PROTOCOL_UDP, udp_len), f->src_port,
            f->dst_port, f->payload, f->payload_len);
}

/* Starts the record in pcap->frame: its header, for a frame of captured_len bytes. */
static void start_record(cg_pcap *pcap, uint64_t time_usec, uint32_t captured_len,
                         uint32_t wire_len)
{
    uint64_t seconds = time_usec / 1000000u;
    if (seconds > UINT32_MAX)
        cg_die("%s: time %" PRIu64 " s does not fit in pcap", pcap->path, seconds);
    cg_buf *b = &pcap->frame;
    b->len = 0;
    put_le32(b, (uint32_t)seconds);
    put_le32(b, (uint32_t)(time_usec % 1000000u));
    put_le32(b, captured_len);
    put_le32(b, wire_len);
}

static void finish_record(cg_pcap *pcap)
{
    pcap_write_bytes(pcap, &pcap->frame);
    pcap->frame_count++;
}

void cg_pcap_write_udp(cg_pcap *pcap, const cg_udp_frame *f)
{
    if (f->payload_len > IPV4_MAX_TOTAL_LEN - IPV4_HEADER_LEN - UDP_HEADER_LEN)
        cg_die("%s: UDP payload of %zu bytes does not fit in IPv4", pcap->path, f->payload_len);
    size_t ip_len = IPV4_HEADER_LEN + UDP_HEADER_LEN + f->payload_len;
    uint32_t frame_len = (uint32_t)(ETHERNET_HEADER_LEN + ip_len);
    start_record(pcap, f->time_usec, frame_len, frame_len);
    cg_buf *b = &pcap->frame;
    put_ethernet_header(b, f);
    put_ipv4_header(b, f, (uint16_t)ip_len, ip_id_take(&pcap->ip_ids, f->src));
    put_udp_datagram(b, f);
    finish_record(pcap);
}

void cg_pcap_write_record(cg_pcap *pcap, uint64_t time_usec, const uint8_t *frame,
                          size_t captured_len, uint32_t wire_len)
{
    if (captured_len > PCAP_SNAPLEN || captured_len > wire_len)
        cg_die("%s: a record of %zu bytes captured, %" PRIu32 " on the wire", pcap->path,
               captured_len, wire_len);
    start_record(pcap, time_usec, (uint32_t)captured_len, wire_len);
    cg_buf_put(&pcap->frame, frame, captured_len);
    finish_record(pcap);
}

/* The Ethernet and IP headers of a packet on `path` whose IP payload is payload_len bytes of
 * `protocol`; returns the sum of its pseudo-header. */
static uint32_t put_path_headers(cg_buf *b, const cg_ip_path *path, uint8_t protocol,
                                 size_t payload_len)
{
    if (path->ipv6) {
        if (payload_len > UINT16_MAX)
            cg_die("an IPv6 payload of %zu bytes needs a jumbogram", payload_len);
        put_ethernet(b, path->dst_mac, path->src_mac, ETHERTYPE_IPV6);
        cg_buf_put_be32(b, UINT32_C(6) << 28);  /* version 6, traffic class 0, no flow label */
        cg_buf_put_be16(b, (uint16_t)payload_len);
        cg_buf_put_u8(b, protocol);
        cg_buf_put_u8(b, path->ttl);
        cg_buf_put(b, path->src, 16);
        cg_buf_put(b, path->dst, 16);
        return pseudo_header_sum(path->src, path->dst, 16, protocol, (uint32_t)payload_len);
    }
    if (payload_len > IPV4_MAX_TOTAL_LEN - IPV4_HEADER_LEN)
        cg_die("an IPv4 payload of %zu bytes does not fit", payload_len);
    put_ethernet(b, path->dst_mac, path->src_mac, ETHERTYPE_IPV4);
    put_ipv4(b, read_be32(path->src), read_be32(path->dst), path->ttl, protocol,
             (uint16_t)(IPV4_HEADER_LEN + payload_len), path->ip_id, IPV4_DONT_FRAGMENT);
    return pseudo_header_sum(path->src, path->dst, 4, protocol, (uint32_t)payload_len);
}

void cg_frame_udp(cg_buf *out, const cg_ip_path *path, uint16_t src_port, uint16_t dst_port,
                  const uint8_t *payload, size_t payload_len)
{
    uint32_t pseudo_sum = put_path_headers(out, path, IP_PROTOCOL_UDP,
                                           UDP_HEADER_LEN + payload_len);
    put_udp(out, pseudo_sum, src_port, dst_port, payload, payload_len);
}

void cg_frame_tcp(cg_buf *out, const cg_ip_path *path, const cg_tcp_segment *segment,
                  const uint8_t *payload, size_t payload_len)
{
    size_t tcp_len = TCP_HEADER_LEN + payload_len;
    uint32_t pseudo_sum = put_path_headers(out, path, IP_PROTOCOL_TCP, tcp_len);
    size_t start = out->len;
    cg_buf_put_be16(out, segment->src_port);
    cg_buf_put_be16(out, segment->dst_port);
    cg_buf_put_be32(out, segment->seq);
    cg_buf_put_be32(out, segment->ack);
    cg_buf_put_u8(out, (TCP_HEADER_LEN / 4) << 4);  /* data offset: no options */
    cg_buf_put_u8(out, segment->flags);
    cg_buf_put_be16(out, segment->window);
    cg_buf_put_be16(out, 0);  /* checksum, filled below */
    cg_buf_put_be16(out, 0);  /* urgent pointer */
    cg_buf_put(out, payload, payload_len);
    set_be16_at(out, start + 16, checksum_finish(checksum_add(pseudo_sum, out->data + start,
                                                              tcp_len)));
}

void cg_frame_ipv4_fragment(cg_buf *out, const cg_ip_path *path, uint8_t protocol, size_t offset,
                            bool more, const uint8_t *data, size_t len)
{
    if (path->ipv6 || offset % 8 != 0 || offset / 8 > 0x1fffu ||
        len > IPV4_MAX_TOTAL_LEN - IPV4_HEADER_LEN)
        cg_die("no IPv4 fragment of %zu bytes at offset %zu", len, offset);
    uint16_t flags_offset = (uint16_t)(offset / 8 | (more ? IPV4_MORE_FRAGMENTS : 0));
    put_ethernet(out, path->dst_mac, path->src_mac, ETHERTYPE_IPV4);
    put_ipv4(out, read_be32(path->src), read_be32(path->dst), path->ttl, protocol,
             (uint16_t)(IPV4_HEADER_LEN + len), path->ip_id, flags_offset);
    cg_buf_put(out, data, len);
}

uint64_t cg_pcap_frame_count(const cg_pcap *pcap)
{
    return pcap->frame_count;
}

void cg_pcap_close(cg_pcap *pcap)
{
    if (fflush(pcap->file) != 0 || ferror(pcap->file))
        cg_die("%s: write failed: %s", pcap->path, strerror(errno));
    if (fclose(pcap->file) != 0)
        cg_die("%s: close failed: %s", pcap->path, strerror(errno));
    cg_buf_free(&pcap->frame);
    free(pcap->ip_ids.slots);
    free(pcap->path);
    free(pcap);
}

/* ---- the frame queue ------------------------------------------------------------------------ */

typedef struct queued_frame {
    uint64_t time_usec;
    uint64_t order;          /* when it was added: breaks ties between equal times */
    cg_host src, dst;
    uint16_t src_port, dst_port;
    size_t payload_offset;   /* into cg_queue.payloads */
    size_t payload_len;
} queued_frame;

struct cg_queue {
    queued_frame *frames;
    size_t count, cap;
    cg_buf payloads;
    uint64_t next_order;
};

cg_queue *cg_queue_new(void)
{
    cg_queue *q = cg_malloc(sizeof *q);
    memset(q, 0, sizeof *q);
    return q;
}

void cg_queue_free(cg_queue *q)
{
    if (!q)
        return;
    free(q->frames);
    cg_buf_free(&q->payloads);
    free(q);
}

void cg_queue_add(cg_queue *q, const cg_udp_frame *frame)
{
    q->frames = grow_array(q->frames, q->count, 1, &q->cap, sizeof *q->frames);
    queued_frame *qf = &q->frames[q->count++];
    qf->time_usec = frame->time_usec;
    qf->order = q->next_order++;
    qf->src = *frame->src;
    qf->dst = *frame->dst;
    qf->src_port = frame->src_port;
    qf->dst_port = frame->dst_port;
    qf->payload_offset = q->payloads.len;
    qf->payload_len = frame->payload_len;
    cg_buf_put(&q->payloads, frame->payload, frame->payload_len);
}

size_t cg_queue_count(const cg_queue *q)
{
    return q->count;
}

static int compare_queued_frames(const void *a, const void *b)
{
    const queued_frame *x = a, *y = b;
    if (x->time_usec != y->time_usec)
        return x->time_usec < y->time_usec ? -1 : 1;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return 0;
}

static void write_queued_frame(const cg_queue *q, const queued_frame *qf, cg_pcap *pcap)
{
    cg_udp_frame frame = {
        .time_usec = qf->time_usec,
        .src = &qf->src,
        .src_port = qf->src_port,
        .dst = &qf->dst,
        .dst_port = qf->dst_port,
        .payload = qf->payload_len ? q->payloads.data + qf->payload_offset : NULL,
        .payload_len = qf->payload_len,
    };
    cg_pcap_write_udp(pcap, &frame);
}

/* Drops the first `written` frames (sorted, already in the file) and their payloads. */
static void queue_drop_front(cg_queue *q, size_t written)
{
    size_t kept = q->count - written;
    if (kept == 0) {
        q->count = 0;
        q->payloads.len = 0;
        return;
    }
    /* The kept frames' payloads are scattered: copy them into a fresh buffer. */
    cg_buf kept_payloads;
    cg_buf_init(&kept_payloads);
    for (size_t i = 0; i < kept; i++) {
        queued_frame *qf = &q->frames[written + i];
        size_t new_offset = kept_payloads.len;
        cg_buf_put(&kept_payloads, q->payloads.data + qf->payload_offset, qf->payload_len);
        qf->payload_offset = new_offset;
        q->frames[i] = *qf;
    }
    cg_buf_free(&q->payloads);
    q->payloads = kept_payloads;
    q->count = kept;
}

static void queue_sort(cg_queue *q)
{
    if (q->count > 1)
        qsort(q->frames, q->count, sizeof *q->frames, compare_queued_frames);
}

/* Writes the first n frames of the sorted queue and forgets them. */
static void queue_write_front(cg_queue *q, cg_pcap *pcap, size_t n)
{
    for (size_t i = 0; i < n; i++)
        write_queued_frame(q, &q->frames[i], pcap);
    queue_drop_front(q, n);
}

void cg_queue_flush_before(cg_queue *q, cg_pcap *pcap, uint64_t limit_usec)
{
    queue_sort(q);
    size_t n = 0;
    while (n < q->count && q->frames[n].time_usec < limit_usec)
        n++;
    queue_write_front(q, pcap, n);
}

void cg_queue_flush(cg_queue *q, cg_pcap *pcap)
{
    queue_sort(q);
    queue_write_front(q, pcap, q->count);
}

void cg_queue_flush_from(cg_queue *q, cg_pcap *pcap, uint64_t from_usec)
{
    queue_sort(q);
    for (size_t i = 0; i < q->count; i++) {
        const queued_frame *qf = &q->frames[i];
        if (qf->time_usec < from_usec)
            (void)ip_id_take(&pcap->ip_ids, &qf->src);  /* sent, but not captured */
        else
            write_queued_frame(q, qf, pcap);
    }
    queue_drop_front(q, q->count);
}

/* ---- STUN ----------------------------------------------------------------------------------- */

#define STUN_MAGIC_COOKIE 0x2112A442u
#define STUN_HEADER_LEN 20u
#define STUN_FAMILY_IPV4 0x01u
#define STUN_FAMILY_IPV6 0x02u

static void put_stun_header(cg_buf *out, uint16_t type, uint16_t attributes_len,
                            const uint8_t txid[CG_STUN_TXID_LEN])
{
    cg_buf_put_be16(out, type);
    cg_buf_put_be16(out, attributes_len);
    cg_buf_put_be32(out, STUN_MAGIC_COOKIE);
    cg_buf_put(out, txid, CG_STUN_TXID_LEN);
}

void cg_stun_binding_request(cg_buf *out, const uint8_t txid[CG_STUN_TXID_LEN])
{
    put_stun_header(out, CG_STUN_BINDING_REQUEST, 0, txid);
}

void cg_stun_binding_success(cg_buf *out, const uint8_t txid[CG_STUN_TXID_LEN],
                             uint32_t mapped_ip, uint16_t mapped_port)
{
    cg_buf attributes;
    cg_buf_init(&attributes);
    cg_stun_attribute_xor_ipv4(&attributes, CG_STUN_ATTR_XOR_MAPPED_ADDRESS, mapped_ip,
                               mapped_port);
    cg_stun_message(out, CG_STUN_BINDING_SUCCESS, txid, &attributes);
    cg_buf_free(&attributes);
}

void cg_stun_message(cg_buf *out, uint16_t type, const uint8_t txid[CG_STUN_TXID_LEN],
                     const cg_buf *attributes)
{
    size_t len = attributes ? attributes->len : 0;
    if (len > UINT16_MAX - STUN_HEADER_LEN)
        cg_die("STUN attributes of %zu bytes", len);
    put_stun_header(out, type, (uint16_t)len, txid);
    if (len)
        cg_buf_put(out, attributes->data, len);
}

void cg_stun_attribute(cg_buf *attributes, uint16_t type, const void *value, size_t len)
{
    if (len > UINT16_MAX)
        cg_die("STUN attribute of %zu bytes", len);
    cg_buf_put_be16(attributes, type);
    cg_buf_put_be16(attributes, (uint16_t)len);
    cg_buf_put(attributes, value, len);
    cg_buf_put_zeros(attributes, (4 - len % 4) % 4);
}

void cg_stun_attribute_u32(cg_buf *attributes, uint16_t type, uint32_t value)
{
    uint8_t bytes[4] = { (uint8_t)(value >> 24), (uint8_t)(value >> 16), (uint8_t)(value >> 8),
                         (uint8_t)value };
    cg_stun_attribute(attributes, type, bytes, sizeof bytes);
}

void cg_stun_attribute_xor_ipv4(cg_buf *attributes, uint16_t type, uint32_t ip, uint16_t port)
{
    uint16_t xport = (uint16_t)(port ^ (STUN_MAGIC_COOKIE >> 16));
    uint32_t xip = ip ^ STUN_MAGIC_COOKIE;
    uint8_t value[8] = {
        0, STUN_FAMILY_IPV4, (uint8_t)(xport >> 8), (uint8_t)xport,
        (uint8_t)(xip >> 24), (uint8_t)(xip >> 16), (uint8_t)(xip >> 8), (uint8_t)xip,
    };
    cg_stun_attribute(attributes, type, value, sizeof value);
}

void cg_stun_attribute_xor_ipv6(cg_buf *attributes, uint16_t type, const uint8_t ip[16],
                                uint16_t port, const uint8_t txid[CG_STUN_TXID_LEN])
{
    uint16_t xport = (uint16_t)(port ^ (STUN_MAGIC_COOKIE >> 16));
    uint8_t value[20] = { 0, STUN_FAMILY_IPV6, (uint8_t)(xport >> 8), (uint8_t)xport };
    /* RFC 8489 14.2: the address is XORed with the cookie followed by the transaction ID. */
    uint8_t mask[16] = { (uint8_t)(STUN_MAGIC_COOKIE >> 24), (uint8_t)(STUN_MAGIC_COOKIE >> 16),
                         (uint8_t)(STUN_MAGIC_COOKIE >> 8), (uint8_t)STUN_MAGIC_COOKIE };
    memcpy(mask + 4, txid, CG_STUN_TXID_LEN);
    for (size_t i = 0; i < 16; i++)
        value[4 + i] = ip[i] ^ mask[i];
    cg_stun_attribute(attributes, type, value, sizeof value);
}

void cg_turn_channel_data(cg_buf *out, uint16_t channel, const uint8_t *data, size_t len,
                          bool pad)
{
    if (len > UINT16_MAX)
        cg_die("ChannelData of %zu bytes", len);
    cg_buf_put_be16(out, channel);
    cg_buf_put_be16(out, (uint16_t)len);
    cg_buf_put(out, data, len);
    if (pad)
        cg_buf_put_zeros(out, (4 - len % 4) % 4);
}

/* ---- RTP and RTCP --------------------------------------------------------------------------- */

void cg_rtp_packet(cg_buf *out, const cg_rtp_header *h, const uint8_t *payload,
                   size_t payload_len)
{
    cg_buf_put_u8(out, (uint8_t)(0x80 | (h->facetime_extension ? 0x10 : 0)));  /* V=2, X */
    cg_buf_put_u8(out, (uint8_t)((h->marker ? 0x80 : 0) | (h->payload_type & 0x7f)));
    cg_buf_put_be16(out, h->seq);
    cg_buf_put_be32(out, h->timestamp);
    cg_buf_put_be32(out, h->ssrc);
    if (h->facetime_extension) {
        cg_buf_put_be16(out, CG_RTP_FACETIME_EXTENSION_PROFILE);
        cg_buf_put_be16(out, 1);  /* one 32-bit word */
        cg_buf_put_be32(out, h->seq & 0xffu);
    }
    cg_buf_put(out, payload, payload_len);
}

void cg_rtp_packet_ext(cg_buf *out, const cg_rtp_header *h, const cg_rtp_extension *ext,
                       const uint8_t *payload, size_t payload_len)
{
    cg_buf_put_u8(out, (uint8_t)(0x80 | (ext ? 0x10 : 0)));  /* V=2, X */
    cg_buf_put_u8(out, (uint8_t)((h->marker ? 0x80 : 0) | (h->payload_type & 0x7f)));
    cg_buf_put_be16(out, h->seq);
    cg_buf_put_be32(out, h->timestamp);
    cg_buf_put_be32(out, h->ssrc);
    if (ext) {
        cg_buf_put_be16(out, ext->profile);
        cg_buf_put_be16(out, ext->length_words);
        cg_buf_put(out, ext->data, ext->data_len);
    }
    cg_buf_put(out, payload, payload_len);
}

/* Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
#define NTP_UNIX_OFFSET UINT64_C(2208988800)
#define RTCP_SR 200
#define RTCP_SDES 202
#define RTCP_SDES_CNAME 1

void cg_rtcp_sr_sdes(cg_buf *out, const cg_rtcp_sender_report *r)
{
    uint64_t seconds = r->time_usec / 1000000u;
    uint64_t micros = r->time_usec % 1000000u;
    uint32_t ntp_seconds = (uint32_t)(seconds + NTP_UNIX_OFFSET);  /* wraps in 2036, as NTP does */
    uint32_t ntp_fraction = (uint32_t)((micros << 32) / 1000000u);

    cg_buf_put_u8(out, 0x80);  /* V=2, P=0, RC=0 */
    cg_buf_put_u8(out, RTCP_SR);
    cg_buf_put_be16(out, 6);   /* length in words, minus one */
    cg_buf_put_be32(out, r->ssrc);
    cg_buf_put_be32(out, ntp_seconds);
    cg_buf_put_be32(out, ntp_fraction);
    cg_buf_put_be32(out, r->rtp_timestamp);
    cg_buf_put_be32(out, r->packet_count);
    cg_buf_put_be32(out, r->octet_count);

    size_t cname_len = strlen(r->cname);
    if (cname_len > 255)
        cg_die("RTCP CNAME longer than 255 bytes");
    /* The chunk: SSRC, the CNAME item, then at least one zero (end of items) up to a word edge. */
    size_t chunk_len = 4 + 2 + cname_len + 1;
    size_t padded_chunk_len = (chunk_len + 3) / 4 * 4;
    cg_buf_put_u8(out, 0x81);  /* V=2, P=0, SC=1 */
    cg_buf_put_u8(out, RTCP_SDES);
    cg_buf_put_be16(out, (uint16_t)(padded_chunk_len / 4));  /* (4 + chunk) / 4 - 1 */
    cg_buf_put_be32(out, r->ssrc);
    cg_buf_put_u8(out, RTCP_SDES_CNAME);
    cg_buf_put_u8(out, (uint8_t)cname_len);
    cg_buf_put(out, r->cname, cname_len);
    cg_buf_put_zeros(out, padded_chunk_len - (chunk_len - 1));
}

/* ---- SIP text ------------------------------------------------------------------------------- */

void cg_sip_start_line(cg_buf *out, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    buf_vprintf(out, fmt, args);
    va_end(args);
    cg_buf_put_str(out, "\r\n");
}

void cg_sip_header(cg_buf *out, const char *name, const char *fmt, ...)
{
    cg_buf_put_str(out, name);
    cg_buf_put_str(out, ": ");
    va_list args;
    va_start(args, fmt);
    buf_vprintf(out, fmt, args);
    va_end(args);
    cg_buf_put_str(out, "\r\n");
}

void cg_sip_end(cg_buf *out, const char *length_header, const uint8_t *body, size_t body_len)
{
    cg_sip_end_declaring(out, length_header, body_len, body, body_len);
}

void cg_sip_end_declaring(cg_buf *out, const char *length_header, size_t declared_len,
                          const uint8_t *body, size_t body_len)
{
    cg_sip_header(out, length_header, "%zu", declared_len);
    cg_buf_put_str(out, "\r\n");
    cg_buf_put(out, body, body_len);
}

/* ---- compression ---------------------------------------------------------------------------- */

#define DEFLATE_OUT_CHUNK 65536u
#define GZIP_OS_UNIX 3

static int window_bits_of(cg_encoding encoding)
{
    switch (encoding) {
    case CG_ENCODING_ZLIB:
        return 15;
    case CG_ENCODING_DEFLATE:
        return -15;
    case CG_ENCODING_GZIP:
        return 15 + 16;
    case CG_ENCODING_NONE:
        break;
    }
    cg_die("no window bits for encoding %d", (int)encoding);
}

/* Runs deflate on zs's pending input with `flush`, appending what it produces, until the input is
 * used up (Z_NO_FLUSH) or the stream has ended (Z_FINISH). */
static void deflate_run(z_stream *zs, cg_buf *out, int flush)
{
    for (;;) {
        cg_buf_reserve(out, DEFLATE_OUT_CHUNK);
        zs->next_out = out->data + out->len;
        zs->avail_out = DEFLATE_OUT_CHUNK;
        int rc = deflate(zs, flush);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            cg_die("deflate failed (%d)", rc);
        out->len += DEFLATE_OUT_CHUNK - zs->avail_out;
        if (flush == Z_FINISH ? rc == Z_STREAM_END : zs->avail_in == 0 && zs->avail_out != 0)
            return;
    }
}

static void deflate_input(z_stream *zs, cg_buf *out, const uint8_t *in, size_t len)
{
    while (len > 0) {
        uInt chunk = len > UINT_MAX ? UINT_MAX : (uInt)len;
        zs->next_in = in;
        zs->avail_in = chunk;
        deflate_run(zs, out, Z_NO_FLUSH);
        in += chunk;
        len -= chunk;
    }
}

static void deflate_zeros(z_stream *zs, cg_buf *out, size_t len)
{
    static const uint8_t zeros[65536];
    while (len > 0) {
        size_t chunk = len < sizeof zeros ? len : sizeof zeros;
        deflate_input(zs, out, zeros, chunk);
        len -= chunk;
    }
}

void cg_compress(cg_buf *out, cg_encoding encoding, int level, const uint8_t *in, size_t len,
                 size_t zero_tail)
{
    if (encoding == CG_ENCODING_NONE) {
        cg_buf_put(out, in, len);
        cg_buf_put_zeros(out, zero_tail);
        return;
    }
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    int rc = deflateInit2(&zs, level, Z_DEFLATED, window_bits_of(encoding), 8, Z_DEFAULT_STRATEGY);
    if (rc != Z_OK)
        cg_die("deflateInit2 failed (%d)", rc);
    gz_header gzip_header;
    if (encoding == CG_ENCODING_GZIP) {
        memset(&gzip_header, 0, sizeof gzip_header);  /* mtime 0, no name, no comment */
        gzip_header.os = GZIP_OS_UNIX;
        rc = deflateSetHeader(&zs, &gzip_header);
        if (rc != Z_OK)
            cg_die("deflateSetHeader failed (%d)", rc);
    }
    deflate_input(&zs, out, in, len);
    deflate_zeros(&zs, out, zero_tail);
    deflate_run(&zs, out, Z_FINISH);
    deflateEnd(&zs);
}

void cg_compress_with_dictionary(cg_buf *out, int level, const char *dictionary,
                                 const uint8_t *in, size_t len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    int rc = deflateInit2(&zs, level, Z_DEFLATED, window_bits_of(CG_ENCODING_ZLIB), 8,
                          Z_DEFAULT_STRATEGY);
    if (rc != Z_OK)
        cg_die("deflateInit2 failed (%d)", rc);
    rc = deflateSetDictionary(&zs, (const Bytef *)dictionary, (uInt)strlen(dictionary));
    if (rc != Z_OK)
        cg_die("deflateSetDictionary failed (%d)", rc);
    deflate_input(&zs, out, in, len);
    deflate_run(&zs, out, Z_FINISH);
    deflateEnd(&zs);
}

/* ---- calls: what the FaceTime and the ordinary call have in common ------------------------ */

/* Queues one datagram: `from` sends on from_port to `to` on to_port. */
static void queue_datagram(cg_queue *q, uint64_t time_usec, const cg_host *from,
                           uint16_t from_port, const cg_host *to, uint16_t to_port,
                           const cg_buf *payload)
{
    cg_udp_frame f = {
        .time_usec = time_usec,
        .src = from,
        .src_port = from_port,
        .dst = to,
        .dst_port = to_port,
        .payload = payload->data,
        .payload_len = payload->len,
    };
    cg_queue_add(q, &f);
}

/* One direction of RTP: packet i has sequence number first.seq + i, timestamp
 * first.timestamp + i * timestamp_step, and leaves at first_usec + i * interval_usec. */
typedef struct rtp_stream_plan {
    cg_rtp_header first;
    bool marker_on_every_packet;  /* otherwise only the first packet carries first.marker */
    uint32_t timestamp_step;
    size_t payload_len;
    unsigned packet_count;
    uint64_t first_usec;
    uint64_t interval_usec;
    const cg_host *from, *to;
    uint16_t from_port, to_port;
} rtp_stream_plan;

/* Queues the stream's packets; their payloads continue rng's sequence. */
static void emit_rtp_stream(cg_queue *q, const rtp_stream_plan *plan, cg_xorshift32 *rng)
{
    cg_buf payload, packet;
    cg_buf_init(&payload);
    cg_buf_init(&packet);
    for (unsigned i = 0; i < plan->packet_count; i++) {
        cg_rtp_header h = plan->first;
        h.marker = plan->first.marker && (i == 0 || plan->marker_on_every_packet);
        h.seq = (uint16_t)(plan->first.seq + i);
        h.timestamp = plan->first.timestamp + i * plan->timestamp_step;
        payload.len = packet.len = 0;
        cg_xorshift32_fill(rng, &payload, plan->payload_len);
        cg_rtp_packet(&packet, &h, payload.data, payload.len);
        queue_datagram(q, plan->first_usec + i * plan->interval_usec, plan->from, plan->from_port,
                       plan->to, plan->to_port, &packet);
    }
    cg_buf_free(&payload);
    cg_buf_free(&packet);
}


/* Header names: FaceTime uses the compact forms, ordinary clients the long ones. */
typedef struct sip_header_names {
    const char *via, *from, *to, *call_id, *contact, *content_type, *content_encoding,
        *content_length;
} sip_header_names;

static const sip_header_names compact_names = { "v", "f", "t", "i", "m", "c", "e", "l" };
static const sip_header_names long_names = {
    "Via", "From", "To", "Call-ID", "Contact", "Content-Type", "Content-Encoding",
    "Content-Length",
};

typedef struct sip_dialog {
    const sip_header_names *names;
    const char *user_agent;       /* NULL: none */
    const char *contact_params;   /* "" or ";isfocus" */
    bool lf_line_ends;
    const char *caller_uri;      /* "sip:user@host:port" */
    const char *callee_uri;
    cg_ipv4_text caller_ip;      /* the Via's sent-by */
    uint16_t caller_port;
    const char *call_id;
    const char *from_tag, *to_tag;
    const char *branch_prefix;
    bool responses_add_rport;
} sip_dialog;

/* A message body and the headers that describe it; a NULL header is left out. */
typedef struct sip_body {
    const char *content_type;
    const char *content_encoding;
    const uint8_t *data;
    size_t len;
    size_t declared_len;          /* what its length header says: len, unless damaged */
} sip_body;

static void put_via(cg_buf *out, const sip_dialog *d, unsigned branch, bool response)
{
    if (response && d->responses_add_rport)
        cg_sip_header(out, d->names->via, "SIP/2.0/UDP %s:%u;branch=%s%u;rport=%u",
                      d->caller_ip.text, d->caller_port, d->branch_prefix, branch, d->caller_port);
    else
        cg_sip_header(out, d->names->via, "SIP/2.0/UDP %s:%u;branch=%s%u", d->caller_ip.text,
                      d->caller_port, d->branch_prefix, branch);
}

static void put_dialog_headers(cg_buf *out, const sip_dialog *d, bool to_tagged, const char *cseq)
{
    cg_sip_header(out, d->names->from, "<%s>;tag=%s", d->caller_uri, d->from_tag);
    if (to_tagged)
        cg_sip_header(out, d->names->to, "<%s>;tag=%s", d->callee_uri, d->to_tag);
    else
        cg_sip_header(out, d->names->to, "<%s>", d->callee_uri);
    cg_sip_header(out, d->names->call_id, "%s", d->call_id);
    cg_sip_header(out, "CSeq", "%s", cseq);
}

static void put_body(cg_buf *out, const sip_dialog *d, const sip_body *body)
{
    if (body && body->content_type)
        cg_sip_header(out, d->names->content_type, "%s", body->content_type);
    if (body && body->content_encoding)
        cg_sip_header(out, d->names->content_encoding, "%s", body->content_encoding);
    if (body)
        cg_sip_end_declaring(out, d->names->content_length, body->declared_len, body->data,
                             body->len);
    else
        cg_sip_end(out, d->names->content_length, NULL, 0);
}

/* A request from the caller: the INVITE (with body and Contact) or an in-dialog ACK or BYE. */
static void sip_request(cg_buf *out, const sip_dialog *d, const char *method, unsigned cseq,
                        unsigned branch, const sip_body *invite_body)
{
    bool is_invite = strcmp(method, "INVITE") == 0;
    cg_sip_start_line(out, "%s %s SIP/2.0", method, d->callee_uri);
    put_via(out, d, branch, false);
    char *cseq_text = string_printf("%u %s", cseq, method);
    put_dialog_headers(out, d, !is_invite, cseq_text);
    free(cseq_text);
    if (is_invite)
        cg_sip_header(out, d->names->contact, "<%s>%s", d->caller_uri, d->contact_params);
    cg_sip_header(out, "Max-Forwards", "70");
    if (d->user_agent)
        cg_sip_header(out, "User-Agent", "%s", d->user_agent);
    put_body(out, d, invite_body);
}

/* A response from the callee. A 2xx to the INVITE carries the Contact and the answer. */
static void sip_response(cg_buf *out, const sip_dialog *d, const char *status, unsigned branch,
                         const char *cseq, bool to_tagged, const sip_body *answer)
{
    cg_sip_start_line(out, "SIP/2.0 %s", status);
    put_via(out, d, branch, true);
    put_dialog_headers(out, d, to_tagged, cseq);
    if (answer)
        cg_sip_header(out, d->names->contact, "<%s>%s", d->callee_uri, d->contact_params);
    if (d->user_agent)
        cg_sip_header(out, "User-Agent", "%s", d->user_agent);
    put_body(out, d, answer);
}

static char *sip_uri(const char *user, uint32_t ip, uint16_t port)
{
    return string_printf("sip:%s@%s:%u", user, cg_ipv4_format(ip).text, port);
}

/* Where a call's SIP messages travel: between these hosts and ports. */
typedef struct sip_path {
    const cg_host *caller, *callee;
    uint16_t caller_port, callee_port;
    bool lf_line_ends;            /* convert each message's header to LF line ends */
} sip_path;

/* When a call's seven SIP messages are sent, since the Unix epoch. */
typedef struct sip_times {
    uint64_t invite, trying, ringing, invite_ok, ack, bye, bye_ok;
} sip_times;

/* Ends the lines of a message's header (up to and with its empty line) in LF alone. */
static void header_lines_to_lf(cg_buf *msg)
{
    size_t header_end = 0;
    while (header_end + 4 <= msg->len && memcmp(msg->data + header_end, "\r\n\r\n", 4) != 0)
        header_end++;
    if (header_end + 4 > msg->len)
        cg_die("a SIP message without the empty line that ends its header");
    header_end += 4;
    size_t out = 0;
    for (size_t in = 0; in < msg->len; in++) {
        bool header_cr = in < header_end && msg->data[in] == '\r' && msg->data[in + 1] == '\n';
        if (!header_cr)
            msg->data[out++] = msg->data[in];
    }
    msg->len = out;
}

/* Queues msg, sent by one end of the path to the other, and empties it for the next message. */
static void queue_sip(cg_queue *q, uint64_t at, const sip_path *path, bool from_caller,
                      cg_buf *msg)
{
    if (path->lf_line_ends)
        header_lines_to_lf(msg);
    if (from_caller)
        queue_datagram(q, at, path->caller, path->caller_port, path->callee, path->callee_port,
                       msg);
    else
        queue_datagram(q, at, path->callee, path->callee_port, path->caller, path->caller_port,
                       msg);
    msg->len = 0;
}

/* Queues a whole call's signalling: INVITE, 100, 180, 200 OK, ACK, then BYE and its 200 OK. */
static void emit_sip_call(cg_queue *q, const sip_dialog *d, const sip_path *path,
                          const sip_times *at, const sip_body *offer, const sip_body *answer)
{
    cg_buf msg;
    cg_buf_init(&msg);
    sip_path p = *path;
    p.lf_line_ends = d->lf_line_ends;
    path = &p;
    sip_request(&msg, d, "INVITE", 1, 1, offer);
    queue_sip(q, at->invite, path, true, &msg);
    sip_response(&msg, d, "100 Trying", 1, "1 INVITE", false, NULL);
    queue_sip(q, at->trying, path, false, &msg);
    sip_response(&msg, d, "180 Ringing", 1, "1 INVITE", true, NULL);
    queue_sip(q, at->ringing, path, false, &msg);
    sip_response(&msg, d, "200 OK", 1, "1 INVITE", true, answer);
    queue_sip(q, at->invite_ok, path, false, &msg);
    sip_request(&msg, d, "ACK", 1, 2, NULL);
    queue_sip(q, at->ack, path, true, &msg);
    sip_request(&msg, d, "BYE", 2, 3, NULL);
    queue_sip(q, at->bye, path, true, &msg);
    sip_response(&msg, d, "200 OK", 3, "2 BYE", true, NULL);
    queue_sip(q, at->bye_ok, path, false, &msg);
    cg_buf_free(&msg);
}

/* ---- a FaceTime call ------------------------------------------------------------------------ */

static const cg_host default_caller_host = {
    .mac = { 0x3c, 0x07, 0x54, 0x11, 0x22, 0x33 },
    .ip = CG_IPV4(210, 172, 128, 230),
    .ttl = 64,
    .first_ip_id = 0x1000,
};
/* Remote hosts reach the capture through the router: its MAC, a TTL of 52. */
static const cg_host default_callee_host = {
    .mac = { 0x00, 0x1b, 0x2f, 0x44, 0x55, 0x66 },
    .ip = CG_IPV4(203, 0, 113, 47),
    .ttl = 52,
    .first_ip_id = 0x8000,
};
static const cg_host default_stun_host = {
    .mac = { 0x00, 0x1b, 0x2f, 0x44, 0x55, 0x66 },
    .ip = CG_IPV4(198, 51, 100, 20),
    .ttl = 52,
    .first_ip_id = 0x8000,
};

static cg_ft_stream ft_stream(uint32_t ssrc, bool video, uint16_t first_seq,
                              uint32_t first_timestamp, uint64_t first_usec)
{
    cg_ft_stream s;
    s.ssrc = ssrc;
    s.payload_type = video ? 126 : 104;
    s.marker = video;
    s.first_seq = first_seq;
    s.first_timestamp = first_timestamp;
    s.timestamp_step = video ? 9000 : 480;
    s.payload_len = video ? 400 : 80;
    s.packet_count = video ? 10 : 50;
    s.first_usec = first_usec;
    s.interval_usec = video ? 100000 : 20000;
    return s;
}

static cg_ft_body ft_default_body(void)
{
    cg_ft_body b;
    b.sdp = NULL;
    b.encoding = CG_ENCODING_ZLIB;
    b.level = 6;
    b.content_encoding = "deflate";
    b.content_type = false;
    b.damage = CG_BODY_INTACT;
    b.bomb_zero_bytes = 0;
    b.dictionary = NULL;
    return b;
}

void cg_ft_call_defaults(cg_ft_call *c)
{
    memset(c, 0, sizeof *c);
    c->start_usec = CG_FIXTURE_EPOCH_USEC;

    c->caller.host = default_caller_host;
    c->caller.public_ip = default_caller_host.ip;
    c->caller.sip_port = 16402;
    c->caller.media_port = 37338;
    c->caller.tag = "1929404751";
    c->caller.session_name = "niisato";
    c->caller.cname = "caller@facetime";
    c->caller.audio = ft_stream(3398691976u, false, 0x1000, 0x10000000u, 2100000);
    c->caller.video = ft_stream(1321803278u, true, 0x3000, 0x30000000u, 2105000);

    c->callee.host = default_callee_host;
    c->callee.public_ip = default_callee_host.ip;
    c->callee.sip_port = 16402;
    c->callee.media_port = 16386;
    c->callee.tag = "3016284372";
    c->callee.session_name = "hanako";
    c->callee.cname = "callee@facetime";
    c->callee.audio = ft_stream(2874530916u, false, 0x2000, 0x20000000u, 2110000);
    c->callee.video = ft_stream(3787342153u, true, 0x4000, 0x40000000u, 2115000);

    c->stun_server = default_stun_host;
    c->stun_port = 3478;
    c->query_stun_server = true;
    c->stun_txid_base = 0;
    c->five_tuple = false;
    c->call_id = "8C4B2E1A-5D7F-4E3B-9A61-0F2C3D4E5F60";
    c->user = "user";
    c->branch_prefix = "z9hG4bK-ft-";
    c->offer = ft_default_body();
    c->answer = ft_default_body();
    c->rtp_extension = true;

    cg_ft_timeline *t = &c->at;
    t->stun_request = 0;
    t->stun_response = 31000;
    t->check_request = 100000;
    t->check_response = 160000;
    t->invite = 200000;
    t->trying = 262000;
    t->ringing = 305000;
    t->invite_ok = 2010000;
    t->ack = 2075000;
    t->consent_request = 2600500;
    t->consent_response = 2650500;
    t->rtcp = 3100000;
    t->bye = 3200000;
    t->bye_ok = 3260000;
}

static uint16_t ft_media_port(const cg_ft_call *c, const cg_ft_party *p)
{
    return c->five_tuple ? p->sip_port : p->media_port;
}

void cg_ft_sdp_of_call(cg_ft_sdp *sdp, const cg_ft_call *c, bool answer)
{
    const cg_ft_party *p = answer ? &c->callee : &c->caller;
    sdp->answer = answer;
    sdp->origin_ip = p->public_ip;
    sdp->origin_version = 0;
    sdp->session_name = p->session_name;
    sdp->connection_ip = p->public_ip;
    sdp->media_port = ft_media_port(c, p);
    sdp->rtcp_port = sdp->media_port;
    sdp->audio_ssrc = p->audio.ssrc;
    sdp->video_ssrc = p->video.ssrc;
}

static void ft_offer_sdp_write(cg_buf *out, const cg_ft_sdp *s)
{
    cg_ipv4_text origin = cg_ipv4_format(s->origin_ip);
    cg_ipv4_text connection = cg_ipv4_format(s->connection_ip);
    cg_buf_printf(out,
                  "v=0\r\n"
                  "o=GKVoiceChatService 0 %u IN IP4 %s\r\n"
                  "s=%s\r\n"
                  "c=IN IP4 %s\r\n"
                  "b=AS:2000\r\n"
                  "t=0 0\r\n"
                  "a=FLS;VRA:0;MVRA:0;RVRA1:1;RVRA2:1;AS:2;MS:-1;LF:-1;LTR;CABAC;CR:3;PR;"
                  "AR:8/5,2/3;XR;\r\n"
                  "a=DMBR\r\n"
                  "a=CAP\r\n",
                  s->origin_version, origin.text, s->session_name, connection.text);
    cg_buf_printf(out,
                  "m=audio %u RTP/AVP 104 105 106 9 0 124 122 121\r\n"
                  "a=rtcp:%u\r\n"
                  "a=fmtp:AAC SamplesPerBlock 480\r\n"
                  "a=rtpID:%" PRIu32 "\r\n"
                  "a=au:67072\r\n"
                  "a=fmtp:104 sbr;block 480\r\n"
                  "a=fmtp:105 sbr;block 480\r\n"
                  "a=fmtp:106 sec;sbr;block 480\r\n"
                  "a=fmtp:122 sec\r\n"
                  "a=fmtp:121 sec\r\n",
                  (unsigned)s->media_port, (unsigned)s->rtcp_port, s->audio_ssrc);
    cg_buf_printf(out,
                  "m=video %u RTP/AVP 126\r\n"
                  "a=rtcp:%u\r\n"
                  "a=rtpID:%" PRIu32 "\r\n"
                  "a=rtpmap:126 X-H264/90000\r\n"
                  "a=fmtp:126 imagesize 0 rules 15:320:240:320:240:15\r\n"
                  "a=imageattr:126 send [x=320,y=240,fps=30] [x=480,y=368,fps=30] "
                  "[x=640,y=480,fps=30] [x=1280,y=720,fps=30] recv [x=320,y=240,fps=30] "
                  "[x=480,y=368,fps=30] [x=640,y=480,fps=30] [x=1280,y=720,fps=30]\r\n",
                  (unsigned)s->media_port, (unsigned)s->rtcp_port, s->video_ssrc);
}

static void ft_answer_sdp_write(cg_buf *out, const cg_ft_sdp *s)
{
    cg_ipv4_text origin = cg_ipv4_format(s->origin_ip);
    cg_ipv4_text connection = cg_ipv4_format(s->connection_ip);
    cg_buf_printf(out,
                  "v=0\r\n"
                  "o=GKVoiceChatService 0 %u IN IP4 %s\r\n"
                  "s=%s\r\n"
                  "c=IN IP4 %s\r\n"
                  "b=AS:2000:1500\r\n"
                  "t=0 0\r\n"
                  "a=FLS;VRA:0;MVRA:0;RVRA1:1;RVRA2:1;AS:1;MS:-1;LF:-1;LTR;CABAC;CR:3;PR;"
                  "AR:2/3,8/5;XR;UEP;\r\n"
                  "a=DMBR\r\n",
                  s->origin_version, origin.text, s->session_name, connection.text);
    cg_buf_printf(out,
                  "m=audio %u RTP/AVP 104 9 0\r\n"
                  "a=rtcp:%u\r\n"
                  "a=fmtp:AAC SamplesPerBlock 480\r\n"
                  "a=rtpID:%" PRIu32 "\r\n"
                  "a=au:67072\r\n"
                  "a=fmtp:104 sbr;block 480\r\n",
                  (unsigned)s->media_port, (unsigned)s->rtcp_port, s->audio_ssrc);
    cg_buf_printf(out,
                  "m=video %u RTP/AVP 126\r\n"
                  "a=rtcp:%u\r\n"
                  "a=rtpID:%" PRIu32 "\r\n"
                  "a=rtpmap:126 X-H264/90000\r\n"
                  "a=fmtp:126 imagesize 0 rules 15:320:240:320:240:15\r\n"
                  "a=imageattr:126 send [x=480,y=368,fps=30] [x=640,y=480,fps=30] "
                  "recv [x=320,y=240,fps=30] [x=640,y=480,fps=30]\r\n",
                  (unsigned)s->media_port, (unsigned)s->rtcp_port, s->video_ssrc);
}

void cg_ft_sdp_write(cg_buf *out, const cg_ft_sdp *s)
{
    if (s->answer)
        ft_answer_sdp_write(out, s);
    else
        ft_offer_sdp_write(out, s);
}

void cg_ft_offer_sdp(cg_buf *out, const cg_ft_call *c)
{
    cg_ft_sdp sdp;
    cg_ft_sdp_of_call(&sdp, c, false);
    cg_ft_sdp_write(out, &sdp);
}

void cg_ft_answer_sdp(cg_buf *out, const cg_ft_call *c)
{
    cg_ft_sdp sdp;
    cg_ft_sdp_of_call(&sdp, c, true);
    cg_ft_sdp_write(out, &sdp);
}

/* The 3/5 point of a damaged body (integer division, as the README says). */
static size_t damage_offset(size_t len)
{
    return len / 5 * 3 + len % 5 * 3 / 5;  /* len * 3 / 5 without overflow */
}

/* Encodes the SDP as `body` asks, damage included, into out. */
static void ft_encode_body(cg_buf *out, const cg_ft_body *body, const cg_buf *sdp)
{
    size_t zero_tail = body->damage == CG_BODY_BOMB ? body->bomb_zero_bytes : 0;
    if (body->dictionary)
        cg_compress_with_dictionary(out, body->level, body->dictionary, sdp->data, sdp->len);
    else
        cg_compress(out, body->encoding, body->level, sdp->data, sdp->len, zero_tail);
    size_t at = damage_offset(out->len);
    if (body->damage == CG_BODY_CORRUPT) {
        for (size_t i = at; i < at + 4 && i < out->len; i++)
            out->data[i] ^= 0xff;
    } else if (body->damage == CG_BODY_TRUNCATED) {
        out->len = at;
    }
}

/* The body's encoded bytes in `storage`, described for the SIP message. */
static sip_body ft_sip_body(const cg_ft_call *c, const cg_ft_body *body, bool offer,
                            cg_buf *storage)
{
    cg_buf sdp;
    cg_buf_init(&sdp);
    if (body->sdp)
        cg_buf_put_str(&sdp, body->sdp);
    else if (offer)
        cg_ft_offer_sdp(&sdp, c);
    else
        cg_ft_answer_sdp(&sdp, c);
    ft_encode_body(storage, body, &sdp);
    cg_buf_free(&sdp);

    sip_body b;
    b.content_type = body->content_type ? "application/sdp" : NULL;
    b.content_encoding = body->content_encoding;
    b.data = storage->data;
    b.len = storage->len;
    b.declared_len = body->damage == CG_BODY_LENGTH_SHORT ? damage_offset(storage->len)
                                                          : storage->len;
    return b;
}

static void ft_stun_txid(const cg_ft_call *c, uint32_t n, uint8_t txid[CG_STUN_TXID_LEN])
{
    uint32_t id = c->stun_txid_base + n;
    memset(txid, 0, CG_STUN_TXID_LEN);
    txid[0] = 'F';
    txid[1] = 'T';
    txid[8] = (uint8_t)(id >> 24);
    txid[9] = (uint8_t)(id >> 16);
    txid[10] = (uint8_t)(id >> 8);
    txid[11] = (uint8_t)id;
}

/* A Binding Request from the caller's SIP port and the success response from `server`, which
 * sees the caller at its public address and SIP port. */
static void ft_stun_exchange(cg_queue *q, const cg_ft_call *c, uint32_t n, uint64_t request_at,
                             uint64_t response_at, const cg_host *server, uint16_t server_port)
{
    uint8_t txid[CG_STUN_TXID_LEN];
    ft_stun_txid(c, n, txid);
    const cg_ft_party *client = &c->caller;
    cg_buf msg;
    cg_buf_init(&msg);
    cg_stun_binding_request(&msg, txid);
    queue_datagram(q, c->start_usec + request_at, &client->host, client->sip_port, server,
                   server_port, &msg);
    msg.len = 0;
    cg_stun_binding_success(&msg, txid, client->public_ip, client->sip_port);
    queue_datagram(q, c->start_usec + response_at, server, server_port, &client->host,
                   client->sip_port, &msg);
    cg_buf_free(&msg);
}

static void ft_emit_stun(cg_queue *q, const cg_ft_call *c)
{
    uint32_t n = 1;
    if (c->query_stun_server)
        ft_stun_exchange(q, c, n++, c->at.stun_request, c->at.stun_response, &c->stun_server,
                         c->stun_port);
    if (!c->five_tuple)
        return;
    ft_stun_exchange(q, c, n++, c->at.check_request, c->at.check_response, &c->callee.host,
                     c->callee.sip_port);
    ft_stun_exchange(q, c, n++, c->at.consent_request, c->at.consent_response, &c->callee.host,
                     c->callee.sip_port);
}

static void ft_emit_sip(cg_queue *q, const cg_ft_call *c)
{
    char *caller_uri = sip_uri(c->user, c->caller.public_ip, c->caller.sip_port);
    char *callee_uri = sip_uri(c->user, c->callee.public_ip, c->callee.sip_port);
    sip_dialog d = {
        .names = c->long_form_headers ? &long_names : &compact_names,
        .user_agent = c->user_agent,
        .contact_params = c->contact_params ? c->contact_params : "",
        .lf_line_ends = c->lf_line_ends,
        .caller_uri = caller_uri,
        .callee_uri = callee_uri,
        .caller_ip = cg_ipv4_format(c->caller.public_ip),
        .caller_port = c->caller.sip_port,
        .call_id = c->call_id,
        .from_tag = c->caller.tag,
        .to_tag = c->callee.tag,
        .branch_prefix = c->branch_prefix,
        .responses_add_rport = true,
    };
    sip_path path = {
        .caller = &c->caller.host,
        .callee = &c->callee.host,
        .caller_port = c->caller.sip_port,
        .callee_port = c->callee.sip_port,
    };
    uint64_t t0 = c->start_usec;
    sip_times at = {
        t0 + c->at.invite, t0 + c->at.trying, t0 + c->at.ringing, t0 + c->at.invite_ok,
        t0 + c->at.ack, t0 + c->at.bye, t0 + c->at.bye_ok,
    };
    cg_buf offer_storage, answer_storage;
    cg_buf_init(&offer_storage);
    cg_buf_init(&answer_storage);
    sip_body offer = ft_sip_body(c, &c->offer, true, &offer_storage);
    sip_body answer = ft_sip_body(c, &c->answer, false, &answer_storage);

    emit_sip_call(q, &d, &path, &at, &offer, &answer);

    cg_buf_free(&offer_storage);
    cg_buf_free(&answer_storage);
    free(caller_uri);
    free(callee_uri);
}

/* The RTP timestamp of a stream's last packet (its first, if it sends none). */
static uint32_t ft_stream_last_timestamp(const cg_ft_stream *s)
{
    uint32_t steps = s->packet_count ? s->packet_count - 1 : 0;
    return s->first_timestamp + steps * s->timestamp_step;
}

static void ft_emit_rtp_stream(cg_queue *q, const cg_ft_call *c, const cg_ft_stream *s,
                               const cg_ft_party *from, const cg_ft_party *to)
{
    rtp_stream_plan plan = {
        .first = {
            .payload_type = s->payload_type,
            .marker = s->marker,
            .seq = s->first_seq,
            .timestamp = s->first_timestamp,
            .ssrc = s->ssrc,
            .facetime_extension = c->rtp_extension,
        },
        .marker_on_every_packet = true,
        .timestamp_step = s->timestamp_step,
        .payload_len = s->payload_len,
        .packet_count = s->packet_count,
        .first_usec = c->start_usec + s->first_usec,
        .interval_usec = s->interval_usec,
        .from = &from->host,
        .to = &to->host,
        .from_port = ft_media_port(c, from),
        .to_port = ft_media_port(c, to),
    };
    cg_xorshift32 rng;
    cg_xorshift32_seed(&rng, s->ssrc);
    emit_rtp_stream(q, &plan, &rng);
}

static void ft_emit_rtcp(cg_queue *q, const cg_ft_call *c, uint64_t at, const cg_ft_stream *s,
                         const cg_ft_party *from, const cg_ft_party *to)
{
    uint64_t octets = (uint64_t)s->packet_count * s->payload_len;
    cg_rtcp_sender_report r = {
        .ssrc = s->ssrc,
        .time_usec = c->start_usec + at,
        .rtp_timestamp = ft_stream_last_timestamp(s),
        .packet_count = s->packet_count,
        .octet_count = (uint32_t)octets,  /* wraps, as RFC 3550 says it does */
        .cname = from->cname,
    };
    cg_buf packet;
    cg_buf_init(&packet);
    cg_rtcp_sr_sdes(&packet, &r);
    queue_datagram(q, c->start_usec + at, &from->host, ft_media_port(c, from), &to->host,
                   ft_media_port(c, to), &packet);
    cg_buf_free(&packet);
}

static void ft_emit_media(cg_queue *q, const cg_ft_call *c)
{
    const cg_ft_party *caller = &c->caller, *callee = &c->callee;
    ft_emit_rtp_stream(q, c, &caller->audio, caller, callee);
    ft_emit_rtp_stream(q, c, &callee->audio, callee, caller);
    ft_emit_rtp_stream(q, c, &caller->video, caller, callee);
    ft_emit_rtp_stream(q, c, &callee->video, callee, caller);
    ft_emit_rtcp(q, c, c->at.rtcp, &caller->audio, caller, callee);
    ft_emit_rtcp(q, c, c->at.rtcp + 1000, &caller->video, caller, callee);
    ft_emit_rtcp(q, c, c->at.rtcp + 2000, &callee->audio, callee, caller);
    ft_emit_rtcp(q, c, c->at.rtcp + 3000, &callee->video, callee, caller);
}

void cg_ft_call_emit(cg_queue *q, const cg_ft_call *c)
{
    ft_emit_stun(q, c);
    ft_emit_sip(q, c);
    ft_emit_media(q, c);
}

/* ---- an ordinary SIP call ------------------------------------------------------------------- */

#define PLAIN_PCMU_PAYLOAD_LEN 160
#define PLAIN_PCMU_TIMESTAMP_STEP 160

void cg_plain_call_defaults(cg_plain_call *c)
{
    static const cg_host alice = {
        .mac = { 0x00, 0x16, 0x3e, 0x0a, 0x0b, 0x0c },
        .ip = CG_IPV4(192, 0, 2, 10),
        .ttl = 64,
        .first_ip_id = 0x2000,
    };
    static const cg_host bob = {
        .mac = { 0x00, 0x1b, 0x2f, 0x44, 0x55, 0x66 },
        .ip = CG_IPV4(198, 51, 100, 33),
        .ttl = 55,
        .first_ip_id = 0x9000,
    };
    memset(c, 0, sizeof *c);
    c->start_usec = CG_FIXTURE_EPOCH_USEC;
    c->caller = alice;
    c->callee = bob;
    c->caller_sip_port = 5060;
    c->callee_sip_port = 5060;
    c->caller_rtp_port = 49170;
    c->callee_rtp_port = 3456;
    c->caller_user = "alice";
    c->callee_user = "bob";
    c->caller_session_id = 2890844526u;
    c->callee_session_id = 2808844564u;
    c->call_id = "a84b4c76e66710@pc33.example.com";
    c->from_tag = "1928301774";
    c->to_tag = "a6c85cf";
    c->branch_prefix = "z9hG4bK776asdhds";
    c->caller_ssrc = 0x1a2b3c4du;
    c->callee_ssrc = 0x5e6f7081u;
    c->rtp_packets = 50;
    c->rtp_interval_usec = 20000;
}

static void plain_sdp(cg_buf *out, const char *user, uint32_t session_id, uint32_t ip,
                      uint16_t rtp_port)
{
    cg_ipv4_text ip_text = cg_ipv4_format(ip);
    cg_buf_printf(out,
                  "v=0\r\n"
                  "o=%s %" PRIu32 " %" PRIu32 " IN IP4 %s\r\n"
                  "s=-\r\n"
                  "c=IN IP4 %s\r\n"
                  "t=0 0\r\n"
                  "m=audio %u RTP/AVP 0\r\n"
                  "a=rtpmap:0 PCMU/8000\r\n",
                  user, session_id, session_id, ip_text.text, ip_text.text, (unsigned)rtp_port);
}

/* One direction of PCMU; sequence number and timestamp start where the SSRC's PRNG says. */
static void plain_emit_rtp(cg_queue *q, const cg_plain_call *c, uint64_t first_usec,
                           uint32_t ssrc, const cg_host *from, uint16_t from_port,
                           const cg_host *to, uint16_t to_port)
{
    cg_xorshift32 rng;
    cg_xorshift32_seed(&rng, ssrc);
    rtp_stream_plan plan = {
        .first = {
            .payload_type = 0,  /* PCMU */
            .marker = true,     /* the start of a talkspurt */
            .seq = (uint16_t)cg_xorshift32_next(&rng),
            .timestamp = cg_xorshift32_next(&rng),
            .ssrc = ssrc,
            .facetime_extension = false,
        },
        .marker_on_every_packet = false,
        .timestamp_step = PLAIN_PCMU_TIMESTAMP_STEP,
        .payload_len = PLAIN_PCMU_PAYLOAD_LEN,
        .packet_count = c->rtp_packets,
        .first_usec = first_usec,
        .interval_usec = c->rtp_interval_usec,
        .from = from,
        .to = to,
        .from_port = from_port,
        .to_port = to_port,
    };
    emit_rtp_stream(q, &plan, &rng);
}

static void plain_emit_sip(cg_queue *q, const cg_plain_call *c, uint64_t bye_usec)
{
    char *caller_uri = sip_uri(c->caller_user, c->caller.ip, c->caller_sip_port);
    char *callee_uri = sip_uri(c->callee_user, c->callee.ip, c->callee_sip_port);
    sip_dialog d = {
        .names = &long_names,
        .caller_uri = caller_uri,
        .callee_uri = callee_uri,
        .caller_ip = cg_ipv4_format(c->caller.ip),
        .caller_port = c->caller_sip_port,
        .call_id = c->call_id,
        .from_tag = c->from_tag,
        .to_tag = c->to_tag,
        .branch_prefix = c->branch_prefix,
        .responses_add_rport = false,
    };
    sip_path path = {
        .caller = &c->caller,
        .callee = &c->callee,
        .caller_port = c->caller_sip_port,
        .callee_port = c->callee_sip_port,
    };
    uint64_t t0 = c->start_usec;
    sip_times at = {
        t0, t0 + 20000, t0 + 100000, t0 + 1000000, t0 + 1020000, bye_usec, bye_usec + 30000,
    };
    cg_buf offer_sdp, answer_sdp;
    cg_buf_init(&offer_sdp);
    cg_buf_init(&answer_sdp);
    plain_sdp(&offer_sdp, c->caller_user, c->caller_session_id, c->caller.ip, c->caller_rtp_port);
    plain_sdp(&answer_sdp, c->callee_user, c->callee_session_id, c->callee.ip,
              c->callee_rtp_port);
    sip_body offer = { "application/sdp", NULL, offer_sdp.data, offer_sdp.len, offer_sdp.len };
    sip_body answer = { "application/sdp", NULL, answer_sdp.data, answer_sdp.len,
                        answer_sdp.len };

    emit_sip_call(q, &d, &path, &at, &offer, &answer);

    cg_buf_free(&offer_sdp);
    cg_buf_free(&answer_sdp);
    free(caller_uri);
    free(callee_uri);
}

void cg_plain_call_emit(cg_queue *q, const cg_plain_call *c)
{
    uint64_t media_start = c->start_usec + 1100000;
    uint64_t bye = media_start + (uint64_t)c->rtp_packets * c->rtp_interval_usec + 100000;
    plain_emit_sip(q, c, bye);
    plain_emit_rtp(q, c, media_start, c->caller_ssrc, &c->caller, c->caller_rtp_port, &c->callee,
                   c->callee_rtp_port);
    plain_emit_rtp(q, c, media_start + 10000, c->callee_ssrc, &c->callee, c->callee_rtp_port,
                   &c->caller, c->caller_rtp_port);
}
