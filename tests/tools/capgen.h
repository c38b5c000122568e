/* capgen.h - deterministic capture writer for the fixtures and the benchmark.
 *
 * Builds Ethernet/IPv4/UDP frames of FaceTime calls (STUN, SIP with a compressed SDP, RTP, RTCP)
 * and of ordinary SIP calls, and writes them to classic libpcap files. Everything is a function of
 * its parameters: no clock, no random seed, no host byte order, so the same program writes the
 * same bytes on every machine.
 *
 * This is a generator, not a parser: on any I/O or memory error it prints to stderr and exits
 * with status 1, so callers never check return values.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CAPGEN_H
#define CAPGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define CG_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define CG_PRINTF(fmt_index, first_arg)
#endif

/* Time zero of every fixture: 2014-07-20 10:00:00 UTC, in microseconds since the Unix epoch. */
#define CG_FIXTURE_EPOCH_USEC UINT64_C(1405850400000000)

/* An IPv4 address as a number: a.b.c.d is CG_IPV4(a, b, c, d). */
#define CG_IPV4(a, b, c, d) \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* ---- errors and memory ---------------------------------------------------------------------- */

/* Prints "capgen: <message>" to stderr and exits with status 1. */
_Noreturn void cg_die(const char *fmt, ...) CG_PRINTF(1, 2);

void *cg_malloc(size_t size);
void *cg_realloc(void *ptr, size_t size);

/* A growable byte buffer. Zero-initialise it (or cg_buf_init) before use. */
typedef struct cg_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
} cg_buf;

void cg_buf_init(cg_buf *b);
void cg_buf_free(cg_buf *b);
void cg_buf_reserve(cg_buf *b, size_t extra);
void cg_buf_put(cg_buf *b, const void *data, size_t len);
void cg_buf_put_zeros(cg_buf *b, size_t len);
void cg_buf_put_u8(cg_buf *b, uint8_t v);
void cg_buf_put_be16(cg_buf *b, uint16_t v);
void cg_buf_put_be32(cg_buf *b, uint32_t v);
void cg_buf_put_str(cg_buf *b, const char *s);
void cg_buf_printf(cg_buf *b, const char *fmt, ...) CG_PRINTF(2, 3);

/* "a.b.c.d", for printf. */
typedef struct cg_ipv4_text {
    char text[16];
} cg_ipv4_text;
cg_ipv4_text cg_ipv4_format(uint32_t ip);

/* ---- pseudo-random bytes -------------------------------------------------------------------- */

/* xorshift32 (13, 17, 5). A zero seed would stay zero forever, so it is replaced by 0x9e3779b9. */
typedef struct cg_xorshift32 {
    uint32_t state;
} cg_xorshift32;

void cg_xorshift32_seed(cg_xorshift32 *rng, uint32_t seed);
uint32_t cg_xorshift32_next(cg_xorshift32 *rng);
/* Appends len bytes: each output gives four bytes, most significant first. */
void cg_xorshift32_fill(cg_xorshift32 *rng, cg_buf *out, size_t len);

/* ---- frames and the pcap writer ------------------------------------------------------------- */

/* A host as seen on the capture link. */
typedef struct cg_host {
    uint8_t mac[6];        /* on the capture link: a remote host's frames carry the router's */
    uint32_t ip;           /* the address in its packets' IPv4 header */
    uint8_t ttl;           /* the TTL its packets have when they reach the capture point */
    uint16_t first_ip_id;  /* IPv4 identification of its first packet; counts up from there */
} cg_host;

/* One UDP datagram. The IPv4 identification is not here: the writer assigns it in file order. */
typedef struct cg_udp_frame {
    uint64_t time_usec;    /* since the Unix epoch */
    const cg_host *src;
    uint16_t src_port;
    const cg_host *dst;
    uint16_t dst_port;
    const uint8_t *payload;
    size_t payload_len;
} cg_udp_frame;

typedef struct cg_pcap cg_pcap;

/* Creates (truncates) path and writes the file header: magic a1b2c3d4, version 2.4, microsecond
 * timestamps, snaplen 262144, link type 1 (Ethernet). */
cg_pcap *cg_pcap_open(const char *path);
/* Writes one Ethernet II / IPv4 (DF, no options) / UDP frame with correct checksums. Frames
 * should come in time order; cg_queue sorts them for you. */
void cg_pcap_write_udp(cg_pcap *pcap, const cg_udp_frame *frame);
uint64_t cg_pcap_frame_count(const cg_pcap *pcap);
/* Flushes, closes and frees; a write error caught late still exits. */
void cg_pcap_close(cg_pcap *pcap);

/* ---- frames given whole: the transport variants of a capture (mkvariants) ------------------ */

/* An IP packet's link and IP header fields, given as they are rather than taken from a host. */
typedef struct cg_ip_path {
    uint8_t src_mac[6], dst_mac[6];
    bool ipv6;
    uint8_t src[16], dst[16];  /* an IPv4 address is the first 4 bytes, most significant first */
    uint8_t ttl;               /* IPv6: the hop limit */
    uint16_t ip_id;            /* IPv4 identification; IPv6 has none */
} cg_ip_path;

#define CG_TCP_SYN 0x02u
#define CG_TCP_PSH 0x08u
#define CG_TCP_ACK 0x10u

/* A TCP header without options. */
typedef struct cg_tcp_segment {
    uint16_t src_port, dst_port;
    uint32_t seq, ack;
    uint8_t flags;
    uint16_t window;
} cg_tcp_segment;

/* Each appends one Ethernet II frame to out: IPv4 (DF, no options) or IPv6 (no extension
 * header), then UDP or TCP, every checksum right. */
void cg_frame_udp(cg_buf *out, const cg_ip_path *path, uint16_t src_port, uint16_t dst_port,
                  const uint8_t *payload, size_t payload_len);
void cg_frame_tcp(cg_buf *out, const cg_ip_path *path, const cg_tcp_segment *segment,
                  const uint8_t *payload, size_t payload_len);
/* One IPv4 fragment (path->ipv6 must be false): bytes [offset, offset + len) of an IP payload of
 * `protocol`, at `data`; offset is a multiple of 8, `more` sets More Fragments (DF is clear). */
void cg_frame_ipv4_fragment(cg_buf *out, const cg_ip_path *path, uint8_t protocol, size_t offset,
                            bool more, const uint8_t *data, size_t len);
/* Writes one record: captured_len bytes of a frame that had wire_len on the wire. */
void cg_pcap_write_record(cg_pcap *pcap, uint64_t time_usec, const uint8_t *frame,
                          size_t captured_len, uint32_t wire_len);

/* ---- the frame queue: calls overlap in time, files do not --------------------------------- */

typedef struct cg_queue cg_queue;

cg_queue *cg_queue_new(void);
void cg_queue_free(cg_queue *q);
/* Copies the frame, its hosts and its payload. */
void cg_queue_add(cg_queue *q, const cg_udp_frame *frame);
size_t cg_queue_count(const cg_queue *q);
/* Writes the queued frames with time_usec < limit_usec in time order (frames with equal times in
 * the order they were added) and keeps the rest, so a long run can flush a sliding window. */
void cg_queue_flush_before(cg_queue *q, cg_pcap *pcap, uint64_t limit_usec);
/* Writes every queued frame, in the same order. */
void cg_queue_flush(cg_queue *q, cg_pcap *pcap);
/* As cg_queue_flush, but the frames with time_usec < from_usec are left out of the file: they
 * still take their IPv4 identifications, so the frames written are byte for byte those of the
 * whole capture (a capture started later). */
void cg_queue_flush_from(cg_queue *q, cg_pcap *pcap, uint64_t from_usec);

/* ---- payload builders (each appends to out) ------------------------------------------------- */

#define CG_STUN_TXID_LEN 12

/* RFC 5389 Binding Request without attributes. */
void cg_stun_binding_request(cg_buf *out, const uint8_t txid[CG_STUN_TXID_LEN]);
/* Binding Success Response with one XOR-MAPPED-ADDRESS (IPv4). */
void cg_stun_binding_success(cg_buf *out, const uint8_t txid[CG_STUN_TXID_LEN],
                             uint32_t mapped_ip, uint16_t mapped_port);

/* Any STUN message (RFC 8489): the 20-byte header, then `attributes` as they are (built with
 * cg_stun_attribute*), their length in the header. */
#define CG_STUN_BINDING_REQUEST 0x0001u
#define CG_STUN_BINDING_SUCCESS 0x0101u
#define CG_TURN_ALLOCATE_REQUEST 0x0003u      /* RFC 8656 */
#define CG_TURN_ALLOCATE_SUCCESS 0x0103u
#define CG_TURN_CHANNELBIND_REQUEST 0x0009u
#define CG_TURN_CHANNELBIND_SUCCESS 0x0109u

#define CG_STUN_ATTR_CHANNEL_NUMBER 0x000Cu
#define CG_STUN_ATTR_LIFETIME 0x000Du
#define CG_STUN_ATTR_XOR_PEER_ADDRESS 0x0012u
#define CG_STUN_ATTR_XOR_RELAYED_ADDRESS 0x0016u
#define CG_STUN_ATTR_REQUESTED_TRANSPORT 0x0019u
#define CG_STUN_ATTR_XOR_MAPPED_ADDRESS 0x0020u

void cg_stun_message(cg_buf *out, uint16_t type, const uint8_t txid[CG_STUN_TXID_LEN],
                     const cg_buf *attributes);
/* One attribute: type, length, value, zero padding to 32 bits. */
void cg_stun_attribute(cg_buf *attributes, uint16_t type, const void *value, size_t len);
void cg_stun_attribute_u32(cg_buf *attributes, uint16_t type, uint32_t value);
/* An XOR-*-ADDRESS of family 0x01 (IPv4), or 0x02 (IPv6, XORed with the cookie and txid). */
void cg_stun_attribute_xor_ipv4(cg_buf *attributes, uint16_t type, uint32_t ip, uint16_t port);
void cg_stun_attribute_xor_ipv6(cg_buf *attributes, uint16_t type, const uint8_t ip[16],
                                uint16_t port, const uint8_t txid[CG_STUN_TXID_LEN]);

/* TURN ChannelData (RFC 8656 12.4): channel number, length of the data, the data, then, when
 * `pad`, zero bytes up to a multiple of 4 (optional over UDP). */
void cg_turn_channel_data(cg_buf *out, uint16_t channel, const uint8_t *data, size_t len,
                          bool pad);

/* FaceTime's RTP header extension: profile 0x4400, one word `00 00 00 <low byte of seq>`. */
#define CG_RTP_FACETIME_EXTENSION_PROFILE 0x4400

typedef struct cg_rtp_header {
    uint8_t payload_type;
    bool marker;
    uint16_t seq;
    uint32_t timestamp;
    uint32_t ssrc;
    bool facetime_extension;
} cg_rtp_header;

/* Version 2, no padding, no CSRC, then the payload. */
void cg_rtp_packet(cg_buf *out, const cg_rtp_header *header, const uint8_t *payload,
                   size_t payload_len);

/* An RTP header extension as written: the length field is free, so it may disagree with the
 * data that follows (a hostile packet). */
typedef struct cg_rtp_extension {
    uint16_t profile;
    uint16_t length_words;     /* the header's length field */
    const uint8_t *data;
    size_t data_len;
} cg_rtp_extension;

/* As cg_rtp_packet, with `extension` (X = 1) or none (X = 0, NULL); header->facetime_extension
 * is not read. */
void cg_rtp_packet_ext(cg_buf *out, const cg_rtp_header *header,
                       const cg_rtp_extension *extension, const uint8_t *payload,
                       size_t payload_len);

typedef struct cg_rtcp_sender_report {
    uint32_t ssrc;
    uint64_t time_usec;      /* becomes the NTP timestamp */
    uint32_t rtp_timestamp;
    uint32_t packet_count;
    uint32_t octet_count;
    const char *cname;       /* at most 255 bytes */
} cg_rtcp_sender_report;

/* Compound RTCP: SR (RC 0) then SDES with one chunk holding the CNAME. */
void cg_rtcp_sr_sdes(cg_buf *out, const cg_rtcp_sender_report *report);

/* A SIP message from its parts: cg_sip_start_line, any number of cg_sip_header, then cg_sip_end,
 * which adds the length header, the empty line and the body. Lines end in CRLF. */
void cg_sip_start_line(cg_buf *out, const char *fmt, ...) CG_PRINTF(2, 3);
void cg_sip_header(cg_buf *out, const char *name, const char *fmt, ...) CG_PRINTF(3, 4);
void cg_sip_end(cg_buf *out, const char *length_header, const uint8_t *body, size_t body_len);
/* As cg_sip_end, but the length header says declared_len, whatever the body holds. */
void cg_sip_end_declaring(cg_buf *out, const char *length_header, size_t declared_len,
                          const uint8_t *body, size_t body_len);

typedef enum cg_encoding {
    CG_ENCODING_NONE,     /* the bytes as they are */
    CG_ENCODING_ZLIB,     /* RFC 1950, windowBits 15: what FaceTime sends */
    CG_ENCODING_DEFLATE,  /* RFC 1951, windowBits -15 */
    CG_ENCODING_GZIP      /* RFC 1952, windowBits 31; header: mtime 0, os 3, no name/comment */
} cg_encoding;

/* Compresses in[0..len) followed by zero_tail zero bytes (a deflate bomb when zero_tail is
 * large; 0 otherwise) at `level` (0-9, or -1 for zlib's default, 6), memLevel 8, default
 * strategy. The zeros are streamed, never held in memory. */
void cg_compress(cg_buf *out, cg_encoding encoding, int level, const uint8_t *in, size_t len,
                 size_t zero_tail);
/* in[0..len) as a zlib stream (RFC 1950) compressed against a preset dictionary: its header sets
 * FDICT and carries the dictionary's Adler-32 (DICTID). */
void cg_compress_with_dictionary(cg_buf *out, int level, const char *dictionary,
                                 const uint8_t *in, size_t len);

/* ---- a FaceTime call ------------------------------------------------------------------------ */

typedef struct cg_ft_stream {
    uint32_t ssrc;              /* also the SDP's a=rtpID */
    uint8_t payload_type;
    bool marker;
    uint16_t first_seq;
    uint32_t first_timestamp;
    uint32_t timestamp_step;
    size_t payload_len;         /* xorshift32 bytes seeded with the SSRC, standing in for SRTP */
    unsigned packet_count;
    uint64_t first_usec;        /* after the call's start */
    uint64_t interval_usec;
} cg_ft_stream;

typedef struct cg_ft_party {
    cg_host host;               /* as captured: behind a NAT, host.ip is the private address */
    uint32_t public_ip;         /* in SIP URIs, Via and the SDP */
    uint16_t sip_port;          /* also STUN's */
    uint16_t media_port;        /* unused in the 5-tuple dialect: media then uses sip_port */
    const char *tag;            /* From tag (caller) or To tag (callee) */
    const char *session_name;   /* SDP s= */
    const char *cname;          /* RTCP SDES CNAME */
    cg_ft_stream audio;
    cg_ft_stream video;
} cg_ft_party;

typedef enum cg_body_damage {
    CG_BODY_INTACT,
    CG_BODY_CORRUPT,    /* the 4 encoded bytes from len*3/5 on are XORed with 0xff */
    CG_BODY_TRUNCATED,  /* the encoded body is cut to len*3/5 bytes (the length header follows) */
    CG_BODY_BOMB,       /* bomb_zero_bytes zero bytes follow the SDP before it is encoded */
    CG_BODY_LENGTH_SHORT /* the encoded body is sent whole, but the length header counts only its
                          * first len*3/5 bytes */
} cg_body_damage;

typedef struct cg_ft_body {
    const char *sdp;                 /* NULL: cg_ft_offer_sdp / cg_ft_answer_sdp build it */
    cg_encoding encoding;
    int level;
    const char *content_encoding;    /* the `e:` value; NULL: no `e:` header */
    bool content_type;               /* adds `c: application/sdp` */
    cg_body_damage damage;
    size_t bomb_zero_bytes;
    const char *dictionary;          /* zlib only: compressed against this preset dictionary */
} cg_ft_body;

/* When things happen, in microseconds after the call's start. */
typedef struct cg_ft_timeline {
    uint64_t stun_request, stun_response;      /* caller and STUN server */
    uint64_t check_request, check_response;    /* 5-tuple dialect: connectivity check */
    uint64_t invite, trying, ringing, invite_ok, ack;
    uint64_t consent_request, consent_response; /* 5-tuple dialect: consent check */
    uint64_t rtcp;                             /* 4 reports, 1 ms apart */
    uint64_t bye, bye_ok;
} cg_ft_timeline;

typedef struct cg_ft_call {
    uint64_t start_usec;          /* since the Unix epoch */
    cg_ft_party caller;
    cg_ft_party callee;
    cg_host stun_server;
    uint16_t stun_port;
    bool query_stun_server;       /* the caller's Binding Request to the STUN server */
    uint32_t stun_txid_base;      /* transaction IDs: 46 54, six zero bytes, base + n as 32 bits */
    bool five_tuple;              /* media on the SIP port, plus connectivity and consent checks */
    const char *call_id;
    const char *user;             /* the user part of every SIP URI */
    const char *branch_prefix;    /* Via branches: prefix + 1 (INVITE), 2 (ACK), 3 (BYE) */
    cg_ft_body offer;             /* in the INVITE */
    cg_ft_body answer;            /* in the 200 OK */
    cg_ft_timeline at;
    /* How the client writes SIP: FaceTime's compact headers and CRLF by default; iChat's
     * long-form headers, a User-Agent, a Contact parameter and LF line ends. */
    bool long_form_headers;
    const char *user_agent;       /* NULL: no User-Agent header */
    const char *contact_params;   /* after the Contact's <uri>, e.g. ";isfocus"; NULL: none */
    bool lf_line_ends;            /* the SIP header's lines end in LF alone (the body as given) */
    bool rtp_extension;           /* FaceTime's 0x4400 header extension on every RTP packet */
} cg_ft_call;

/* One FaceTime SDP body of the README, with its variable parts. */
typedef struct cg_ft_sdp {
    bool answer;                /* the README's answer (the callee's body); else its offer */
    uint32_t origin_ip;         /* o= */
    unsigned origin_version;    /* o= session version: 0 in the template */
    const char *session_name;   /* s= */
    uint32_t connection_ip;     /* c= */
    uint16_t media_port;        /* both m= lines */
    uint16_t rtcp_port;         /* both a=rtcp: */
    uint32_t audio_ssrc, video_ssrc;  /* a=rtpID */
} cg_ft_sdp;

/* The parameters of the call's offer (answer = false) or answer, as cg_ft_offer_sdp and
 * cg_ft_answer_sdp write them. */
void cg_ft_sdp_of_call(cg_ft_sdp *sdp, const cg_ft_call *call, bool answer);
void cg_ft_sdp_write(cg_buf *out, const cg_ft_sdp *sdp);

/* The call of fixtures/README.md as captured on a public address: zlib bodies with `e: deflate`,
 * no Content-Type, separate media ports, starting at CG_FIXTURE_EPOCH_USEC. */
void cg_ft_call_defaults(cg_ft_call *call);
/* The SDP bodies of the README, with the call's addresses, ports, SSRCs and session names. */
void cg_ft_offer_sdp(cg_buf *out, const cg_ft_call *call);
void cg_ft_answer_sdp(cg_buf *out, const cg_ft_call *call);
/* Queues every frame of the call. */
void cg_ft_call_emit(cg_queue *q, const cg_ft_call *call);

/* ---- an ordinary SIP call: the "foreign" traffic the plugin must leave alone ----------------- */

/* Long-form headers, `Content-Type: application/sdp`, uncompressed SDP (o=alice ... / o=bob ...),
 * PCMU (PT 0, 160-byte payloads, no header extension) both ways. Timeline after start: INVITE 0,
 * 100 Trying 20 ms, 180 Ringing 100 ms, 200 OK 1 s, ACK 1.02 s, RTP from 1.1 s (callee 10 ms
 * later), BYE 100 ms after the last RTP interval, its 200 OK 30 ms later. */
typedef struct cg_plain_call {
    uint64_t start_usec;
    cg_host caller;
    cg_host callee;
    uint16_t caller_sip_port, callee_sip_port;
    uint16_t caller_rtp_port, callee_rtp_port;
    const char *caller_user;       /* "alice" */
    const char *callee_user;       /* "bob" */
    uint32_t caller_session_id;    /* o= session id and version */
    uint32_t callee_session_id;
    const char *call_id;
    const char *from_tag, *to_tag;
    const char *branch_prefix;
    uint32_t caller_ssrc, callee_ssrc;
    unsigned rtp_packets;          /* per direction */
    uint64_t rtp_interval_usec;
} cg_plain_call;

void cg_plain_call_defaults(cg_plain_call *call);
void cg_plain_call_emit(cg_queue *q, const cg_plain_call *call);

#endif /* CAPGEN_H */
