/* mkvariants.c - writes a capture again with only its SIP moved to another transport.
 *
 * Usage: mkvariants [--map FILE] VARIANT IN.pcap OUT.pcap
 *        mkvariants --list
 *
 * IN is a classic pcap of Ethernet frames, as mkfixtures writes them. A SIP message is a UDP
 * payload over IPv4 that starts with a request line ("METHOD sip:", "METHOD sips:") or a status
 * line ("SIP/2.0 "). OUT has every other frame as it is, bytes and timestamp, in its place, and
 * each SIP message carried as VARIANT says, at its own time:
 *
 *   udp5060            UDP, both ports 5060
 *   other-port         UDP as captured, but a response leaves from its sender's port + 1
 *   ipv6               UDP on IPv6, each address a.b.c.d becoming 2001:db8::a.b.c.d (the bodies
 *                      are left as they are: their SDP still speaks of IPv4, as a dual-stack
 *                      device's does)
 *   fragments          UDP in two IPv4 fragments, cut at the multiple of 8 below the datagram's
 *                      middle
 *   tcp5060            TCP, one connection a pair of hosts: the first message's sender opens it
 *                      from its SIP port to port 5060 (SYN, SYN-ACK, ACK in the microseconds
 *                      before), then each message is one segment
 *   tcp5060-coalesced  as tcp5060, but the messages one host sends the other in frames that
 *                      follow each other share a segment, sent in the place and at the time of
 *                      the last of them (a copy of a message already in the segment, a
 *                      retransmission, opens the next one): nothing else moves across a message
 *                      (an ACK held until the BYE would come after the media it sets up)
 *   tcp5060-split      as tcp5060, each message in two segments cut in the middle of its header
 *
 * A rebuilt packet keeps its frame's Ethernet addresses, TTL and IPv4 identification; the
 * transport's own packets (handshakes) have identification 0 and their sender's TTL. Every
 * checksum is right.
 *
 * --map FILE writes a line an input frame: its number, the number of the output frame that
 * completes it (the last fragment or segment of a SIP message, the segment it shares), and "sip"
 * or "other". The output frames no line names belong to the transport alone: handshakes and
 * the first pieces of a message.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "capgen.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCAP_FILE_HEADER_LEN 24u
#define PCAP_RECORD_HEADER_LEN 16u
#define PCAP_MAX_RECORD_LEN 262144u
#define ETHERNET_HEADER_LEN 14u
#define UDP_HEADER_LEN 8u
#define IP_PROTOCOL_UDP 17u
#define SIP_TCP_PORT 5060u
#define HANDSHAKE_PACKETS 3u
#define TCP_WINDOW 65535u

typedef enum variant {
    UDP5060,
    OTHER_PORT,
    IPV6,
    FRAGMENTS,
    TCP5060,
    TCP5060_COALESCED,
    TCP5060_SPLIT,
} variant;

static const char *const variant_names[] = {
    [UDP5060] = "udp5060",
    [OTHER_PORT] = "other-port",
    [IPV6] = "ipv6",
    [FRAGMENTS] = "fragments",
    [TCP5060] = "tcp5060",
    [TCP5060_COALESCED] = "tcp5060-coalesced",
    [TCP5060_SPLIT] = "tcp5060-split",
};
#define VARIANT_COUNT (sizeof variant_names / sizeof variant_names[0])

/* One record of the input; the SIP fields only for a SIP message. */
typedef struct in_frame {
    uint64_t time_usec;
    const uint8_t *data;        /* owned */
    uint32_t captured_len, wire_len;
    bool sip;
    bool response;
    cg_ip_path path;            /* IPv4, as captured */
    uint16_t src_port, dst_port;
    const uint8_t *udp;         /* the UDP header, then the message */
    size_t udp_len;
} in_frame;

typedef struct capture {
    in_frame *frames;
    size_t count;
} capture;

/* The output file and where each input frame went. */
typedef struct writer {
    cg_pcap *pcap;
    cg_buf frame;
    uint64_t last_usec;
    uint32_t written;
    uint32_t *out_frame;        /* by input frame: the output frame that completes it */
} writer;

/* A TCP connection between two hosts: side 0 opened it. */
typedef struct connection {
    uint8_t ip[2][4];
    uint16_t port[2];
    uint32_t next_seq[2];
} connection;

typedef struct connections {
    connection *items;
    size_t count;
} connections;

/* ---- reading the input ---------------------------------------------------------------------- */

static uint32_t read_u32(const uint8_t *p, bool big_endian)
{
    if (big_endian)
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint16_t read_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* Reads len bytes, or none at the end of the file; anything between is a cut record. */
static bool read_exactly(FILE *file, const char *path, void *out, size_t len)
{
    size_t n = fread(out, 1, len, file);
    if (ferror(file))
        cg_die("%s: read failed: %s", path, strerror(errno));
    if (n != 0 && n != len)
        cg_die("%s: the file ends inside a record", path);
    return n == len;
}

/* A request line's method is a token (RFC 3261 25.1); the URI after it is sip: or sips:. */
static bool starts_sip_message(const uint8_t *p, size_t len)
{
    static const char token_marks[] = "-.!%*_+`'~";
    if (len >= 8 && memcmp(p, "SIP/2.0 ", 8) == 0)
        return true;
    size_t i = 0;
    while (i < len && p[i] != 0 &&
           ((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z') ||
            (p[i] >= '0' && p[i] <= '9') || strchr(token_marks, p[i])))
        i++;
    if (i == 0 || i >= len || p[i] != ' ')
        return false;
    const uint8_t *uri = p + i + 1;
    size_t rest = len - i - 1;
    return (rest >= 4 && memcmp(uri, "sip:", 4) == 0) ||
           (rest >= 5 && memcmp(uri, "sips:", 5) == 0);
}

/* Fills the SIP fields of a frame that is Ethernet/IPv4/UDP carrying a SIP message, whole. */
static void classify(in_frame *f, size_t number)
{
    const uint8_t *p = f->data;
    size_t len = f->captured_len;
    if (len < ETHERNET_HEADER_LEN + 20 || read_be16(p + 12) != 0x0800)
        return;
    const uint8_t *ip = p + ETHERNET_HEADER_LEN;
    size_t header_len = (size_t)(ip[0] & 0x0f) * 4;
    size_t total_len = read_be16(ip + 2);
    bool fragment = (read_be16(ip + 6) & 0x3fff) != 0;
    if (ip[0] >> 4 != 4 || header_len < 20 || total_len < header_len + UDP_HEADER_LEN ||
        total_len > len - ETHERNET_HEADER_LEN || ip[9] != IP_PROTOCOL_UDP || fragment)
        return;
    const uint8_t *udp = ip + header_len;
    size_t udp_len = read_be16(udp + 4);
    if (udp_len < UDP_HEADER_LEN || udp_len > total_len - header_len ||
        !starts_sip_message(udp + UDP_HEADER_LEN, udp_len - UDP_HEADER_LEN))
        return;
    if (f->captured_len != f->wire_len)
        cg_die("frame %zu: a SIP message captured in part cannot be carried again", number);
    f->sip = true;
    f->response = memcmp(udp + UDP_HEADER_LEN, "SIP/2.0 ", 8) == 0;
    memcpy(f->path.dst_mac, p, 6);
    memcpy(f->path.src_mac, p + 6, 6);
    memcpy(f->path.src, ip + 12, 4);
    memcpy(f->path.dst, ip + 16, 4);
    f->path.ttl = ip[8];
    f->path.ip_id = read_be16(ip + 4);
    f->src_port = read_be16(udp);
    f->dst_port = read_be16(udp + 2);
    f->udp = udp;
    f->udp_len = udp_len;
}

static void read_capture(capture *c, const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        cg_die("%s: cannot open: %s", path, strerror(errno));
    uint8_t header[PCAP_FILE_HEADER_LEN];
    if (!read_exactly(file, path, header, sizeof header))
        cg_die("%s: not a pcap file", path);
    bool big_endian;
    if (memcmp(header, "\xd4\xc3\xb2\xa1", 4) == 0)
        big_endian = false;
    else if (memcmp(header, "\xa1\xb2\xc3\xd4", 4) == 0)
        big_endian = true;
    else
        cg_die("%s: not a classic pcap file with microsecond timestamps", path);
    if (read_u32(header + 20, big_endian) != 1)
        cg_die("%s: link type %" PRIu32 ", not Ethernet", path, read_u32(header + 20, big_endian));

    size_t cap = 0;
    c->frames = NULL;
    c->count = 0;
    uint8_t record[PCAP_RECORD_HEADER_LEN];
    while (read_exactly(file, path, record, sizeof record)) {
        in_frame f;
        memset(&f, 0, sizeof f);
        f.time_usec = (uint64_t)read_u32(record, big_endian) * 1000000u +
                      read_u32(record + 4, big_endian);
        f.captured_len = read_u32(record + 8, big_endian);
        f.wire_len = read_u32(record + 12, big_endian);
        if (f.captured_len > PCAP_MAX_RECORD_LEN)
            cg_die("%s: frame %zu claims %" PRIu32 " bytes", path, c->count + 1, f.captured_len);
        uint8_t *data = cg_malloc(f.captured_len + 1);
        if (f.captured_len && !read_exactly(file, path, data, f.captured_len))
            cg_die("%s: frame %zu is cut short", path, c->count + 1);
        f.data = data;
        if (c->count == cap) {
            cap = cap ? cap * 2 : 256;
            c->frames = cg_realloc(c->frames, cap * sizeof *c->frames);
        }
        classify(&f, c->count + 1);
        c->frames[c->count++] = f;
    }
    fclose(file);
}

static void free_capture(capture *c)
{
    for (size_t i = 0; i < c->count; i++)
        free((void *)c->frames[i].data);
    free(c->frames);
}

/* ---- writing -------------------------------------------------------------------------------- */

/* Writes w->frame at time_usec and empties it; returns its frame number. */
static uint32_t write_frame(writer *w, uint64_t time_usec)
{
    cg_pcap_write_record(w->pcap, time_usec, w->frame.data, w->frame.len,
                         (uint32_t)w->frame.len);
    w->frame.len = 0;
    w->last_usec = time_usec;
    return ++w->written;
}

static void copy_frame(writer *w, const in_frame *f, size_t index)
{
    cg_pcap_write_record(w->pcap, f->time_usec, f->data, f->captured_len, f->wire_len);
    w->last_usec = f->time_usec;
    w->out_frame[index] = ++w->written;
}

static const uint8_t *sip_message(const in_frame *f)
{
    return f->udp + UDP_HEADER_LEN;
}

static size_t sip_message_len(const in_frame *f)
{
    return f->udp_len - UDP_HEADER_LEN;
}

static void ipv6_of_ipv4(uint8_t address[16])
{
    static const uint8_t documentation_prefix[12] = { 0x20, 0x01, 0x0d, 0xb8 };
    memmove(address + 12, address, 4);
    memcpy(address, documentation_prefix, sizeof documentation_prefix);
}

/* The UDP variants: one datagram (two fragments) a message, in the message's place. */
static void write_udp_message(writer *w, variant v, const in_frame *f, size_t index)
{
    cg_ip_path path = f->path;
    uint16_t src_port = f->src_port, dst_port = f->dst_port;
    switch (v) {
    case UDP5060:
        src_port = dst_port = SIP_TCP_PORT;
        break;
    case OTHER_PORT:
        if (f->response)
            src_port = (uint16_t)(src_port == UINT16_MAX ? 1 : src_port + 1);
        break;
    case IPV6:
        path.ipv6 = true;
        ipv6_of_ipv4(path.src);
        ipv6_of_ipv4(path.dst);
        break;
    case FRAGMENTS: {
        size_t cut = f->udp_len / 2 / 8 * 8;
        if (cut == 0)
            cg_die("frame %zu: a datagram of %zu bytes is too short to fragment", index + 1,
                   f->udp_len);
        cg_frame_ipv4_fragment(&w->frame, &path, IP_PROTOCOL_UDP, 0, true, f->udp, cut);
        write_frame(w, f->time_usec);
        cg_frame_ipv4_fragment(&w->frame, &path, IP_PROTOCOL_UDP, cut, false, f->udp + cut,
                               f->udp_len - cut);
        w->out_frame[index] = write_frame(w, f->time_usec);
        return;
    }
    default:
        cg_die("not a UDP variant");
    }
    cg_frame_udp(&w->frame, &path, src_port, dst_port, sip_message(f), sip_message_len(f));
    w->out_frame[index] = write_frame(w, f->time_usec);
}

/* ---- TCP ------------------------------------------------------------------------------------ */

static connection *find_connection(connections *cs, const in_frame *f, int *side)
{
    for (size_t i = 0; i < cs->count; i++) {
        connection *c = &cs->items[i];
        for (int s = 0; s < 2; s++) {
            if (memcmp(c->ip[s], f->path.src, 4) == 0 &&
                memcmp(c->ip[1 - s], f->path.dst, 4) == 0) {
                *side = s;
                return c;
            }
        }
    }
    return NULL;
}

/* The TTL of the first SIP packet from `from` to `to` after frame `after`; 64 if none. */
static uint8_t ttl_of_replies(const capture *cap, size_t after, const uint8_t from[4],
                              const uint8_t to[4])
{
    for (size_t i = after + 1; i < cap->count; i++) {
        const in_frame *f = &cap->frames[i];
        if (f->sip && memcmp(f->path.src, from, 4) == 0 && memcmp(f->path.dst, to, 4) == 0)
            return f->path.ttl;
    }
    return 64;
}

static void write_segment(writer *w, const cg_ip_path *path, connection *c, int side,
                          uint8_t flags, const uint8_t *data, size_t len)
{
    cg_tcp_segment s = {
        .src_port = c->port[side],
        .dst_port = c->port[1 - side],
        .seq = c->next_seq[side],
        .ack = flags & CG_TCP_ACK ? c->next_seq[1 - side] : 0,
        .flags = flags,
        .window = TCP_WINDOW,
    };
    cg_frame_tcp(&w->frame, path, &s, data, len);
    c->next_seq[side] += (uint32_t)len + (flags & CG_TCP_SYN ? 1 : 0);
}

/* Opens the connection frame `index` (its first message) is sent on, in the microseconds before
 * `time_usec` (never before the frame already written). */
static connection *open_connection(writer *w, connections *cs, const capture *cap, size_t index,
                                   uint64_t time_usec)
{
    const in_frame *f = &cap->frames[index];
    cs->items = cg_realloc(cs->items, (cs->count + 1) * sizeof *cs->items);
    connection *c = &cs->items[cs->count++];
    memcpy(c->ip[0], f->path.src, 4);
    memcpy(c->ip[1], f->path.dst, 4);
    c->port[0] = f->src_port;
    c->port[1] = SIP_TCP_PORT;
    /* Initial sequence numbers: anything, as long as it is the same on every run. */
    c->next_seq[0] = UINT32_C(0x1a2b0000) + (uint32_t)cs->count * UINT32_C(0x01000000);
    c->next_seq[1] = c->next_seq[0] ^ UINT32_C(0xa5a5a5a5);

    cg_ip_path opener = f->path, answerer = f->path;
    opener.ip_id = answerer.ip_id = 0;
    memcpy(answerer.src_mac, f->path.dst_mac, 6);
    memcpy(answerer.dst_mac, f->path.src_mac, 6);
    memcpy(answerer.src, f->path.dst, 4);
    memcpy(answerer.dst, f->path.src, 4);
    answerer.ttl = ttl_of_replies(cap, index, f->path.dst, f->path.src);

    static const uint8_t handshake_flags[HANDSHAKE_PACKETS] = {
        CG_TCP_SYN, CG_TCP_SYN | CG_TCP_ACK, CG_TCP_ACK,
    };
    for (unsigned i = 0; i < HANDSHAKE_PACKETS; i++) {
        int side = i == 1;
        write_segment(w, side ? &answerer : &opener, c, side, handshake_flags[i], NULL, 0);
        uint64_t before = HANDSHAKE_PACKETS - i;
        uint64_t at = time_usec > before ? time_usec - before : 0;
        write_frame(w, at > w->last_usec ? at : w->last_usec);
    }
    return c;
}

/* Where a message's header ends: after its empty line, or its end if it has none. */
static size_t header_len(const uint8_t *m, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (m[i] == '\n' && m[i + 1] == '\n')
            return i + 2;
        if (i + 3 < len && memcmp(m + i, "\r\n\r\n", 4) == 0)
            return i + 4;
    }
    return len;
}

static bool same_message(const in_frame *a, const in_frame *b)
{
    return a->udp_len == b->udp_len && memcmp(sip_message(a), sip_message(b),
                                              sip_message_len(a)) == 0;
}

/* Whether SIP message `next` may join the segment that holds sips[first..last]: the frame after
 * the last's, the same two hosts, the same way, and no copy of it there. */
static bool joins_segment(const capture *cap, const size_t *sips, size_t first, size_t last,
                          size_t next)
{
    const in_frame *n = &cap->frames[sips[next]], *l = &cap->frames[sips[last]];
    if (sips[next] != sips[last] + 1 || memcmp(n->path.src, l->path.src, 4) != 0 ||
        memcmp(n->path.dst, l->path.dst, 4) != 0)
        return false;
    for (size_t i = first; i <= last; i++)
        if (same_message(&cap->frames[sips[i]], n))
            return false;
    return true;
}

/* The segment of sips[first..last], written in the place and at the time of the last. */
static void write_tcp_messages(writer *w, variant v, connections *cs, const capture *cap,
                               const size_t *sips, size_t first, size_t last)
{
    size_t index = sips[last];
    const in_frame *f = &cap->frames[index];
    int side;
    connection *c = find_connection(cs, f, &side);
    if (!c) {
        c = open_connection(w, cs, cap, sips[first], f->time_usec);
        side = 0;
    }
    cg_buf data;
    cg_buf_init(&data);
    for (size_t i = first; i <= last; i++) {
        const in_frame *m = &cap->frames[sips[i]];
        cg_buf_put(&data, sip_message(m), sip_message_len(m));
    }
    size_t cut = 0;
    if (v == TCP5060_SPLIT) {
        cut = header_len(data.data, data.len) / 2;
        if (cut == 0)
            cg_die("frame %zu: a SIP message too short to split", index + 1);
        write_segment(w, &f->path, c, side, CG_TCP_ACK, data.data, cut);
        write_frame(w, f->time_usec);
    }
    write_segment(w, &f->path, c, side, CG_TCP_PSH | CG_TCP_ACK, data.data + cut,
                  data.len - cut);
    uint32_t out = write_frame(w, f->time_usec);
    for (size_t i = first; i <= last; i++)
        w->out_frame[sips[i]] = out;
    cg_buf_free(&data);
}

/* ---- the variants --------------------------------------------------------------------------- */

static void write_variant(writer *w, variant v, const capture *cap)
{
    bool tcp = v == TCP5060 || v == TCP5060_COALESCED || v == TCP5060_SPLIT;
    size_t *sips = cg_malloc((cap->count + 1) * sizeof *sips);
    size_t sip_count = 0;
    for (size_t i = 0; i < cap->count; i++)
        if (cap->frames[i].sip)
            sips[sip_count++] = i;

    connections cs = { NULL, 0 };
    size_t segment_first = 0;   /* in sips: the first message of the coalesced segment */
    size_t next_sip = 0;
    for (size_t i = 0; i < cap->count; i++) {
        const in_frame *f = &cap->frames[i];
        if (!f->sip) {
            copy_frame(w, f, i);
            continue;
        }
        size_t k = next_sip++;
        if (!tcp) {
            write_udp_message(w, v, f, i);
            continue;
        }
        if (v == TCP5060_COALESCED && k + 1 < sip_count &&
            joins_segment(cap, sips, segment_first, k, k + 1))
            continue;           /* the next message goes in the same segment */
        write_tcp_messages(w, v, &cs, cap, sips, segment_first, k);
        segment_first = k + 1;
    }
    free(cs.items);
    free(sips);
}

static void write_map(const char *path, const capture *cap, const uint32_t *out_frame)
{
    FILE *file = fopen(path, "w");
    if (!file)
        cg_die("%s: cannot create: %s", path, strerror(errno));
    for (size_t i = 0; i < cap->count; i++)
        fprintf(file, "%zu %" PRIu32 " %s\n", i + 1, out_frame[i],
                cap->frames[i].sip ? "sip" : "other");
    if (fflush(file) != 0 || ferror(file) || fclose(file) != 0)
        cg_die("%s: write failed: %s", path, strerror(errno));
}

static void usage(const char *program)
{
    fprintf(stderr, "usage: %s [--map FILE] VARIANT IN.pcap OUT.pcap\n       %s --list\n",
            program, program);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *map_path = NULL;
    int arg = 1;
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t v = 0; v < VARIANT_COUNT; v++)
            printf("%s\n", variant_names[v]);
        return 0;
    }
    if (arg + 1 < argc && strcmp(argv[arg], "--map") == 0) {
        map_path = argv[arg + 1];
        arg += 2;
    }
    if (argc - arg != 3)
        usage(argv[0]);
    size_t v = 0;
    while (v < VARIANT_COUNT && strcmp(argv[arg], variant_names[v]) != 0)
        v++;
    if (v == VARIANT_COUNT)
        usage(argv[0]);

    capture cap;
    read_capture(&cap, argv[arg + 1]);
    writer w;
    memset(&w, 0, sizeof w);
    cg_buf_init(&w.frame);
    w.out_frame = cg_malloc((cap.count + 1) * sizeof *w.out_frame);
    w.pcap = cg_pcap_open(argv[arg + 2]);
    write_variant(&w, (variant)v, &cap);
    cg_pcap_close(w.pcap);
    if (map_path)
        write_map(map_path, &cap, w.out_frame);

    cg_buf_free(&w.frame);
    free(w.out_frame);
    free_capture(&cap);
    return 0;
}
