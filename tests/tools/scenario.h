/* scenario.h - calls as sequences of messages, on top of capgen.
 *
 * capgen's call template (cg_ft_call) writes one fixed call. This layer writes any call step by
 * step: SIP requests and responses with chosen methods, statuses, CSeqs, branches, tags, bodies,
 * senders and addresses, kept consistent the way RFC 3261 transactions are (a response copies its
 * request's Via, From, To, Call-ID and CSeq; a CANCEL and the ACK of a failure reuse the INVITE's
 * branch); RTP streams that go on across bursts (sequence numbers, timestamps, payload bytes);
 * RTCP reports of what a stream sent; STUN and TURN exchanges; and any of it carried in TURN
 * ChannelData. SIP is written as FaceTime writes it: compact header names, CRLF line ends.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include "capgen.h"

/* ---- where datagrams travel ---------------------------------------------------------------- */

/* One direction between two sockets as captured. A nonzero channel wraps every datagram in TURN
 * ChannelData on that channel, padded to 4 bytes when `pad`. */
typedef struct cg_path {
    const cg_host *src;
    uint16_t src_port;
    const cg_host *dst;
    uint16_t dst_port;
    uint16_t channel;
    bool pad;
} cg_path;

/* Queues data on the path at `at` (since the Unix epoch). */
void cg_path_send(cg_queue *q, uint64_t at, const cg_path *path, const uint8_t *data,
                  size_t len);

/* ---- SIP ----------------------------------------------------------------------------------- */

#define CG_SIP_TEXT 96

/* One user agent of a dialog: where its packets come from, where it says it is, who it is. */
typedef struct cg_sip_ua {
    cg_host host;                    /* its packets' source, as captured */
    uint16_t port;                   /* its SIP port in packets (a NAT may rewrite it) */
    char uri[CG_SIP_TEXT];           /* its From/To URI: fixed for the dialog */
    char contact[CG_SIP_TEXT];       /* its Contact URI: requests to it go there */
    char sent_by[CG_SIP_TEXT];       /* its Via sent-by, "a.b.c.d:port" */
    char tag[CG_SIP_TEXT];           /* its dialog tag; "" for none */
    char branch_prefix[CG_SIP_TEXT];
    unsigned branches;               /* client transactions started: the next branch is + 1 */
} cg_sip_ua;

/* URI, Contact and sent-by are all sip:user@ip:sip_port (ip its public address); the packets
 * leave host->ip from sip_port. */
void cg_sip_ua_init(cg_sip_ua *ua, const cg_host *host, uint32_t public_ip, uint16_t sip_port,
                    const char *user, const char *tag, const char *branch_prefix);
/* A move to another network: new packet address and port, new Contact and sent-by (public_ip,
 * contact_port); the URI and tag stay. */
void cg_sip_ua_move(cg_sip_ua *ua, const cg_host *host, uint16_t port, uint32_t public_ip,
                    uint16_t contact_port, const char *user);

/* A body and the headers that describe it; NULL headers are left out. */
typedef struct cg_sip_body {
    const uint8_t *data;
    size_t len;
    const char *content_encoding;    /* e: */
    const char *content_type;        /* c: */
} cg_sip_body;

/* What a client transaction's responses, CANCEL and ACK copy from its request. */
typedef struct cg_sip_txn {
    cg_host client, server;          /* the request went client -> server */
    uint16_t client_port, server_port;
    char method[16];
    char request_uri[CG_SIP_TEXT];
    char via[2 * CG_SIP_TEXT];       /* "SIP/2.0/UDP sent-by;branch=..." */
    char from[2 * CG_SIP_TEXT];      /* the whole value, tag included */
    char to_uri[CG_SIP_TEXT];
    char to_tag[CG_SIP_TEXT];        /* as in the request: "" outside a dialog */
    char call_id[CG_SIP_TEXT];
    uint32_t cseq;
} cg_sip_txn;

typedef struct cg_sip_request {
    uint64_t at;
    cg_sip_ua *from;                 /* sends it: a new branch is counted on it */
    const cg_sip_ua *to;             /* receives it, on to->host and to->port */
    const char *call_id;
    const char *method;
    uint32_t cseq;
    bool in_dialog;                  /* To carries to->tag */
    bool contact;                    /* adds m: <from->contact> */
    const char *request_uri;         /* NULL: to->contact */
    const char *to_uri;              /* NULL: to->uri */
    const char *branch;              /* NULL: from's next branch; otherwise this one, uncounted */
    const cg_sip_body *body;         /* NULL: none, `l: 0` */
    cg_buf *keep;                    /* not NULL: receives a copy of the message's bytes */
} cg_sip_request;

/* Header order, as the template writes it: v f t i CSeq [m] [Max-Forwards] [c] [e] l. Requests
 * carry Max-Forwards: 70. */
void cg_sip_send_request(cg_queue *q, const cg_sip_request *r, cg_sip_txn *txn);
/* From the request's server back to its client: Via copied with ;rport=<client port>, From,
 * To (with to_tag when the request's To had none and to_tag is not NULL), Call-ID, CSeq. */
void cg_sip_send_response(cg_queue *q, uint64_t at, const cg_sip_txn *txn, const char *status,
                          const char *to_tag, const char *contact, const cg_sip_body *body);
/* A request's bytes (kept by cg_sip_request.keep) sent again, client to server: a
 * retransmission. */
void cg_sip_resend(cg_queue *q, uint64_t at, const cg_buf *message, const cg_sip_txn *txn);
/* A CANCEL of an INVITE transaction (RFC 3261 9.1): its Request-URI, Via (same branch), From,
 * To and Call-ID, `CSeq: n CANCEL`; cancel receives what its 200 OK copies. */
void cg_sip_send_cancel(cg_queue *q, uint64_t at, const cg_sip_txn *invite, cg_sip_txn *cancel);
/* The ACK of a final response other than 2xx (RFC 3261 17.1.1.3): the INVITE's Request-URI and
 * Via, To with the response's tag, `CSeq: n ACK`. */
void cg_sip_send_failure_ack(cg_queue *q, uint64_t at, const cg_sip_txn *invite,
                             const char *to_tag);

/* `sdp` compressed as FaceTime sends it (zlib, level 6), `e: deflate`, no Content-Type; the
 * bytes live in storage. */
cg_sip_body cg_ft_body_of(cg_buf *storage, const cg_buf *sdp);

/* ---- RTP and RTCP streams ------------------------------------------------------------------ */

typedef enum cg_rtp_ext_kind {
    CG_RTP_EXT_NONE,        /* X = 0 */
    CG_RTP_EXT_FACETIME_1,  /* the template's: profile 0x4400, 1 word `00 00 00 <seq low byte>` */
    CG_RTP_EXT_FACETIME_2,  /* the captured one: profile 0x4400, 2 words, the first as above and
                             * the second `00 00 00 00` */
    CG_RTP_EXT_FACETIME_3   /* profile 0x4400, 3 words: the first as above, then 8 zero bytes */
} cg_rtp_ext_kind;

/* One RTP stream as it goes: the numbers of its next packet, what it has sent. */
typedef struct cg_rtp_flow {
    uint32_t ssrc;
    uint8_t payload_type;
    bool marker;                /* on every packet */
    uint16_t next_seq;
    uint32_t next_timestamp;
    uint32_t timestamp_step;
    size_t payload_len;
    cg_xorshift32 rng;          /* payload bytes, seeded with the SSRC */
    cg_rtp_ext_kind extension;
    uint32_t packets_sent;
    uint32_t octets_sent;       /* payload octets, as an SR counts them */
    uint32_t last_timestamp;
} cg_rtp_flow;

/* A stream of the template (cg_ft_stream): its SSRC, payload type, marker, first sequence
 * number and timestamp, step and payload length; the template's extension. */
void cg_rtp_flow_from_stream(cg_rtp_flow *flow, const cg_ft_stream *s);
/* `count` packets, the first at `first`, then every `interval` microseconds. */
void cg_rtp_flow_send(cg_queue *q, cg_rtp_flow *flow, const cg_path *path, uint64_t first,
                      uint64_t interval, unsigned count);
/* The template's RTCP compound (SR + SDES CNAME) of what the flow has sent so far. */
void cg_rtp_flow_report(cg_queue *q, const cg_rtp_flow *flow, const cg_path *path, uint64_t at,
                        const char *cname);

/* ---- STUN and TURN exchanges -------------------------------------------------------------- */

/* The template's transaction IDs: `46 54`, six zero bytes, n as 32 bits. */
void cg_stun_txid_of(uint32_t n, uint8_t txid[CG_STUN_TXID_LEN]);

/* A Binding Request on `path` and its success response on the reverse path carrying
 * XOR-MAPPED-ADDRESS mapped_ip:mapped_port. */
void cg_stun_binding(cg_queue *q, const cg_path *path, uint32_t txid_n, uint64_t request_at,
                     uint64_t response_at, uint32_t mapped_ip, uint16_t mapped_port);

/* ---- the template's call, step by step ---------------------------------------------------- */

/* cg_ft_call_emit writes the template call in one go; a scene writes the same frames one step at
 * a time (the same bytes when the steps are the template's, see mkfixtures --check-scenes), so a
 * fixture can change, add or leave out any step. Times are microseconds after the call's start. */
typedef struct cg_ft_scene {
    const cg_ft_call *call;
    cg_queue *q;
    cg_host caller_host, callee_host;    /* media hosts as captured (the SIP hosts, at first) */
    cg_sip_ua caller, callee;
    cg_rtp_flow caller_audio, caller_video, callee_audio, callee_video;
    cg_path caller_media, callee_media;  /* caller -> callee, callee -> caller */
    cg_path caller_rtcp, callee_rtcp;    /* RTCP: the media paths, unless a fixture moves them */
    cg_sip_txn invite;                   /* the INVITE the caller sent first */
} cg_ft_scene;

/* The callee's own requests take the branch prefix of the call followed by "c". */
void cg_ft_scene_init(cg_ft_scene *s, cg_queue *q, const cg_ft_call *call);
uint64_t cg_ft_scene_at(const cg_ft_scene *s, uint64_t after_start);

/* The caller's Binding Request to the STUN server and its response (txid base + n). */
void cg_ft_scene_stun_query(cg_ft_scene *s, uint32_t n, uint64_t request, uint64_t response);
/* A connectivity check from the caller's SIP port to the callee's (txid base + n), answered with
 * the caller's public address and SIP port. */
void cg_ft_scene_check(cg_ft_scene *s, uint32_t n, uint64_t request, uint64_t response);

/* An SDP body of the template's call (answer: the callee's), encoded as its offer or answer
 * body says (encoding, level, e:, c:), into storage. */
cg_sip_body cg_ft_scene_body(const cg_ft_scene *s, bool answer, const cg_ft_sdp *sdp,
                             cg_buf *storage);
/* The template's own offer or answer. */
cg_sip_body cg_ft_scene_default_body(const cg_ft_scene *s, bool answer, cg_buf *storage);

/* The first INVITE (CSeq 1, the caller's next branch, Contact); keep as in cg_sip_request. */
void cg_ft_scene_invite(cg_ft_scene *s, uint64_t at, const cg_sip_body *offer, cg_buf *keep);
/* A response of the callee to that INVITE; tagged: To gets the callee's tag; a 2xx carries the
 * callee's Contact. */
void cg_ft_scene_respond(cg_ft_scene *s, uint64_t at, const char *status, bool tagged,
                         const cg_sip_body *body);
/* An in-dialog request from one side (the caller when from_caller) with its next branch, and
 * the other side's response to it (status NULL: none); a request named INVITE carries a
 * Contact, and so does a 2xx answering it. */
void cg_ft_scene_request(cg_ft_scene *s, bool from_caller, uint64_t at, const char *method,
                         uint32_t cseq, const cg_sip_body *body, uint64_t response_at,
                         const char *status, const cg_sip_body *response_body);

/* Each of the four streams sends `audio` or `video` packets on the media paths, starting at its
 * template start time plus `offset` and at its template interval. */
void cg_ft_scene_media(cg_ft_scene *s, uint64_t offset, unsigned audio, unsigned video);
/* The four RTCP reports, 1 ms apart from `at`: caller audio, caller video, callee audio, callee
 * video, on the RTCP paths. */
void cg_ft_scene_rtcp(cg_ft_scene *s, uint64_t at);

/* The template's call through the steps above, frame for frame what cg_ft_call_emit writes. */
void cg_ft_scene_template(cg_ft_scene *s);

#endif /* SCENARIO_H */
