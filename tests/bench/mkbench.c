/* mkbench.c - writes the large, deterministic captures of the benchmark (bench/README.md).
 *
 * Usage: mkbench OUTDIR [--scale N] [CAPTURE...]
 *
 *   media-heavy   a few long FaceTime calls, about 1,000,000 RTP/RTCP packets at scale 1
 *   media-paths   as many, in calls whose media is relayed by TURN or goes LAN to LAN behind
 *                 NATs: never between the SDP's endpoints, found only by the plugin's discovery
 *   setup-heavy   20,000 short FaceTime calls, every other one with `c: application/sdp`
 *   setup-ctype   10,000 short FaceTime calls, all with `c: application/sdp`
 *   foreign       20,000 ordinary SIP calls with plain SDP (no FaceTime)
 *
 * N (default 1) multiplies every count: 0.1 writes a tenth. Without CAPTURE, all of them. Each
 * capture is OUTDIR/CAPTURE.pcap, a function of N alone.
 *
 * Everything is built on capgen's public API. The frame queue is flushed as the calls go (calls
 * start in order, so nothing queued later can be earlier than the next call's start): memory
 * stays at about two calls' worth, whatever the scale.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "capgen.h"
#include "scenario.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USEC_PER_SEC UINT64_C(1000000)

/* ---- sizes at scale 1 ------------------------------------------------------------------------ */

#define MEDIA_CALLS 4
#define MEDIA_PACKETS_FULL 1000000.0
#define SETUP_CALLS_FULL 20000.0
#define FOREIGN_CALLS_FULL 20000.0

/* Media-heavy: 50 audio packets a second each way (20 ms of AAC) and 100 video packets a second
 * each way (30 fps, about three packets a frame), RTCP every 5 s per stream. */
#define AUDIO_INTERVAL_USEC 20000
#define VIDEO_INTERVAL_USEC 10000
#define AUDIO_PAYLOAD_LEN 80
#define VIDEO_PAYLOAD_LEN 1000
#define VIDEO_TIMESTAMP_STEP 900    /* 90 kHz clock, 10 ms apart */
#define RTCP_INTERVAL_USEC (5 * USEC_PER_SEC)

/* Setup-heavy and foreign: a call starts every 50 ms, so about 70 overlap; each has a little
 * media. */
#define SHORT_CALL_SPACING_USEC 50000
#define SETUP_AUDIO_PACKETS 4       /* per direction */
#define SETUP_VIDEO_PACKETS 2
#define FOREIGN_RTP_PACKETS 9       /* per direction: 25 frames a call, as a FaceTime setup */

/* Address plans (one address per call and side): distinct for up to 2^17 calls. */
#define ADDRESS_PLAN_SIZE 131072u

/* ---- deterministic, distinct numbers --------------------------------------------------------- */

/* MurmurHash3's finaliser: a bijection on 32 bits, so distinct inputs give distinct SSRCs. */
static uint32_t mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x85ebca6bu;
    x ^= x >> 13;
    x *= 0xc2b2ae35u;
    x ^= x >> 16;
    return x;
}

/* The i-th of a call's distinct 32-bit values (SSRCs, tags, session ids); i < 8. */
static uint32_t call_value(uint32_t call, uint32_t i)
{
    return mix32(call * 8u + i);
}

static uint32_t plan_address(uint32_t base, uint32_t call)
{
    return base + call % ADDRESS_PLAN_SIZE;
}

/* A locally administered MAC for the host of a call. */
static void host_mac(uint8_t mac[6], uint8_t side, uint32_t call)
{
    mac[0] = 0x02;
    mac[1] = side;
    mac[2] = (uint8_t)(call >> 24);
    mac[3] = (uint8_t)(call >> 16);
    mac[4] = (uint8_t)(call >> 8);
    mac[5] = (uint8_t)call;
}

/* A formatted string that lives as long as the call being built. */
typedef struct call_text {
    char text[64];
} call_text;

static call_text call_textf(const char *fmt, ...) CG_PRINTF(1, 2);

static call_text call_textf(const char *fmt, ...)
{
    call_text t;
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(t.text, sizeof t.text, fmt, args);
    va_end(args);
    if (n < 0 || (size_t)n >= sizeof t.text)
        cg_die("call text too long: %s", fmt);
    return t;
}

/* A Call-ID shaped like FaceTime's (an uppercase UUID), unique per call. */
static call_text facetime_call_id(uint32_t call)
{
    return call_textf("%08" PRIX32 "-%04" PRIX32 "-4%03" PRIX32 "-A%03" PRIX32 "-%012" PRIX32,
                      call_value(call, 5), call_value(call, 6) >> 16,
                      call_value(call, 6) & 0xfffu, call_value(call, 7) & 0xfffu, call);
}

/* ---- the output ------------------------------------------------------------------------------ */

typedef struct capture_writer {
    cg_pcap *pcap;
    cg_queue *queue;
} capture_writer;

static char *join_path(const char *dir, const char *name, const char *suffix)
{
    size_t dir_len = strlen(dir), name_len = strlen(name), suffix_len = strlen(suffix);
    char *path = cg_malloc(dir_len + 1 + name_len + suffix_len + 1);
    memcpy(path, dir, dir_len);
    path[dir_len] = '/';
    memcpy(path + dir_len + 1, name, name_len);
    memcpy(path + dir_len + 1 + name_len, suffix, suffix_len + 1);
    return path;
}

static capture_writer writer_open(const char *path)
{
    capture_writer w = { cg_pcap_open(path), cg_queue_new() };
    return w;
}

/* Calls are emitted in order of their start: frames before the next call's start are final. */
static void writer_settle_before(capture_writer *w, uint64_t next_call_start_usec)
{
    cg_queue_flush_before(w->queue, w->pcap, next_call_start_usec);
}

static uint64_t writer_close(capture_writer *w)
{
    cg_queue_flush(w->queue, w->pcap);
    uint64_t frames = cg_pcap_frame_count(w->pcap);
    cg_pcap_close(w->pcap);
    cg_queue_free(w->queue);
    return frames;
}

static unsigned scaled(double full, double scale, unsigned minimum)
{
    double n = round(full * scale);
    if (n < minimum)
        return minimum;
    if (n > 4e9)
        cg_die("--scale %g is too large", scale);
    return (unsigned)n;
}

/* ---- media-heavy: long calls ----------------------------------------------------------------- */

/* Periodic RTCP sender reports for one stream while it runs (capgen adds the final ones). */
static void queue_periodic_rtcp(cg_queue *q, const cg_ft_call *call, const cg_ft_stream *s,
                                const cg_ft_party *from, const cg_ft_party *to)
{
    uint64_t first = call->start_usec + s->first_usec;
    uint64_t end = first + (uint64_t)s->packet_count * s->interval_usec;
    cg_buf packet;
    cg_buf_init(&packet);
    for (uint64_t at = first + RTCP_INTERVAL_USEC; at < end; at += RTCP_INTERVAL_USEC) {
        /* Half-way between two packets of the stream, so as not to tie with one. */
        uint64_t sent = (at - first + s->interval_usec - 1) / s->interval_usec;
        uint64_t report_at = at + s->interval_usec / 2;
        cg_rtcp_sender_report r = {
            .ssrc = s->ssrc,
            .time_usec = report_at,
            .rtp_timestamp = s->first_timestamp + (uint32_t)(sent - 1) * s->timestamp_step,
            .packet_count = (uint32_t)sent,
            .octet_count = (uint32_t)(sent * s->payload_len),
            .cname = from->cname,
        };
        packet.len = 0;
        cg_rtcp_sr_sdes(&packet, &r);
        cg_udp_frame frame = {
            .time_usec = report_at,
            .src = &from->host,
            .src_port = from->media_port,
            .dst = &to->host,
            .dst_port = to->media_port,
            .payload = packet.data,
            .payload_len = packet.len,
        };
        cg_queue_add(q, &frame);
    }
    cg_buf_free(&packet);
}

static void long_stream(cg_ft_stream *s, uint32_t ssrc, bool video, unsigned packets,
                        uint64_t first_usec)
{
    s->ssrc = ssrc;
    s->packet_count = packets;
    s->first_usec = first_usec;
    if (video) {
        s->interval_usec = VIDEO_INTERVAL_USEC;
        s->payload_len = VIDEO_PAYLOAD_LEN;
        s->timestamp_step = VIDEO_TIMESTAMP_STEP;
    } else {
        s->interval_usec = AUDIO_INTERVAL_USEC;
        s->payload_len = AUDIO_PAYLOAD_LEN;
    }
}

/* The four streams of long call k, from the caller's first audio packet on: of every 6 packets,
 * 1 audio and 2 video each way (audio is 20 ms, video 10 ms apart). Returns when the media ends
 * (the last video packet and a little after). */
static uint64_t long_streams(cg_ft_call *call, uint32_t k, unsigned packets)
{
    unsigned audio = packets / 6, video = packets / 3;
    uint64_t media_at = call->caller.audio.first_usec;
    long_stream(&call->caller.audio, call_value(k, 0), false, audio, media_at);
    long_stream(&call->callee.audio, call_value(k, 1), false, audio, media_at + 10000);
    long_stream(&call->caller.video, call_value(k, 2), true, video, media_at + 5000);
    long_stream(&call->callee.video, call_value(k, 3), true, video, media_at + 15000);
    return media_at + (uint64_t)video * VIDEO_INTERVAL_USEC + 20000;
}

/* Call k of the media-heavy capture: the fixtures' call, each side with its own address, and
 * `c: application/sdp` on both bodies so that stock Wireshark sets the RTP up from the SDP too:
 * both runs then dissect the same RTP, and the difference is the plugin's per-packet work. */
static void media_call(cg_ft_call *call, uint32_t k, unsigned packets, uint64_t start_usec,
                       call_text *call_id)
{
    cg_ft_call_defaults(call);
    call->start_usec = start_usec;
    *call_id = facetime_call_id(k);
    call->call_id = call_id->text;
    call->stun_txid_base = k * 4;
    call->caller.host.ip = call->caller.public_ip = CG_IPV4(210, 172, 128, 230 + k % 20);
    call->callee.host.ip = call->callee.public_ip = CG_IPV4(203, 0, 113, 47 + k % 200);
    host_mac(call->caller.host.mac, 1, k);
    call->caller.media_port = (uint16_t)(37338 + 2 * k);
    call->callee.media_port = (uint16_t)(16386 + 2 * k);
    call->offer.content_type = true;
    call->answer.content_type = true;

    uint64_t media_end = long_streams(call, k, packets);
    call->at.rtcp = media_end;
    call->at.bye = media_end + 100000;
    call->at.bye_ok = media_end + 160000;
}

static uint64_t media_call_duration(unsigned packets)
{
    return (uint64_t)(packets / 3) * VIDEO_INTERVAL_USEC + 2 * USEC_PER_SEC;
}

static uint64_t write_media_heavy(const char *path, double scale)
{
    unsigned packets = scaled(MEDIA_PACKETS_FULL / MEDIA_CALLS, scale, 60);
    /* Each call starts half-way through the previous one: two run at a time. */
    uint64_t spacing = media_call_duration(packets) / 2;
    capture_writer w = writer_open(path);
    for (uint32_t k = 0; k < MEDIA_CALLS; k++) {
        cg_ft_call call;
        call_text call_id;
        media_call(&call, k, packets, CG_FIXTURE_EPOCH_USEC + k * spacing, &call_id);
        cg_ft_call_emit(w.queue, &call);
        queue_periodic_rtcp(w.queue, &call, &call.caller.audio, &call.caller, &call.callee);
        queue_periodic_rtcp(w.queue, &call, &call.caller.video, &call.caller, &call.callee);
        queue_periodic_rtcp(w.queue, &call, &call.callee.audio, &call.callee, &call.caller);
        queue_periodic_rtcp(w.queue, &call, &call.callee.video, &call.callee, &call.caller);
        writer_settle_before(&w, CG_FIXTURE_EPOCH_USEC + (k + 1) * spacing);
    }
    return writer_close(&w);
}

/* ---- media-paths: long calls whose media is relayed or NAT-mapped ---------------------------- */

/* As media-heavy, but no media travels between the SDP's endpoints. Even calls relay all of it
 * through a TURN server (ChannelData between the Mac's 16402 and the server's 3478, the offer
 * naming the relayed address, as fixtures' ft-turn); odd calls are two devices behind one NAT
 * (SIP through the NAT's hairpin, media LAN to LAN, only the Mac's STUN answer tying its media
 * socket to its SDP endpoint, as ft-nat-hairpin). The plugin finds the media by discovery
 * alone; stock tshark shows it as STUN and data. */
#define PATHS_CALLS 4
#define PATHS_PACKETS_FULL 1000000.0
#define PATHS_WINDOW_USEC USEC_PER_SEC     /* frames are written a second at a time */

#define PATHS_MAC_SIP_PORT 16402
#define PATHS_TURN_PORT 3478
#define PATHS_TURN_RELAYED_PORT 50000
#define PATHS_TURN_LIFETIME 600
#define PATHS_TURN_REFRESH_USEC (300 * USEC_PER_SEC)  /* allocation and channel, every 5 min */
#define PATHS_TURN_CHANNEL 0x4000
#define PATHS_TURN_AUDIO_PAYLOAD_LEN 78    /* RTP of 98 bytes: the relay pads it to 100 */
#define PATHS_TURN_REFRESH_REQUEST 0x0004u /* RFC 8656 */
#define PATHS_TURN_REFRESH_SUCCESS 0x0104u
#define PATHS_LAN_MAC_MEDIA_PORT 16384
#define PATHS_LAN_IPHONE_MEDIA_PORT 16386
#define PATHS_HAIRPIN_SIP_PORT 16403

/* One stream as it goes: its flow, where it travels, what is still to send. */
typedef struct paths_stream {
    cg_rtp_flow *flow;
    const cg_path *media, *rtcp;
    const char *cname;
    uint64_t first;            /* its first packet, since the Unix epoch */
    uint64_t interval;
    unsigned count;
    uint64_t next_report;      /* the next periodic RTCP report falls half an interval after */
} paths_stream;

typedef struct paths_call {
    cg_ft_call call;
    call_text call_id;
    bool relayed;              /* TURN; otherwise behind a NAT */
    cg_host relay;
    cg_path to_relay, from_relay;
    uint32_t next_txid;
    uint64_t next_refresh;     /* relayed: the next Refresh and ChannelBind, since the epoch */
    cg_ft_scene scene;
    paths_stream streams[4];
    uint64_t media_end;        /* after the call's start */
    bool started, finished;
} paths_call;

static void paths_stun(paths_call *pc, uint16_t type, const cg_buf *attributes, uint64_t at,
                       const cg_path *path)
{
    uint8_t txid[CG_STUN_TXID_LEN];
    cg_stun_txid_of(pc->call.stun_txid_base + pc->next_txid, txid);
    cg_buf msg;
    cg_buf_init(&msg);
    cg_stun_message(&msg, type, txid, attributes);
    cg_path_send(pc->scene.q, at, path, msg.data, msg.len);
    cg_buf_free(&msg);
}

/* A TURN request from the Mac and its success response `after` it; the transaction's number is
 * the call's next. */
static void paths_turn_exchange(paths_call *pc, uint64_t at, uint64_t after, uint16_t request,
                                const cg_buf *request_attributes, uint16_t success,
                                const cg_buf *success_attributes)
{
    pc->next_txid++;
    /* Plain STUN, not ChannelData, whatever the media paths carry. */
    cg_path to = pc->to_relay, from = pc->from_relay;
    to.channel = from.channel = 0;
    paths_stun(pc, request, request_attributes, at, &to);
    paths_stun(pc, success, success_attributes, at + after, &from);
}

static void paths_channel_bind(paths_call *pc, uint64_t at)
{
    cg_buf attributes;
    cg_buf_init(&attributes);
    cg_stun_attribute_u32(&attributes, CG_STUN_ATTR_CHANNEL_NUMBER,
                          (uint32_t)PATHS_TURN_CHANNEL << 16);
    cg_stun_attribute_xor_ipv4(&attributes, CG_STUN_ATTR_XOR_PEER_ADDRESS,
                               pc->call.callee.public_ip, pc->call.callee.media_port);
    paths_turn_exchange(pc, at, 15000, CG_TURN_CHANNELBIND_REQUEST, &attributes,
                        CG_TURN_CHANNELBIND_SUCCESS, NULL);
    cg_buf_free(&attributes);
}

static void paths_refresh(paths_call *pc, uint64_t at, uint32_t lifetime)
{
    cg_buf attributes;
    cg_buf_init(&attributes);
    cg_stun_attribute_u32(&attributes, CG_STUN_ATTR_LIFETIME, lifetime);
    paths_turn_exchange(pc, at, 15000, PATHS_TURN_REFRESH_REQUEST, &attributes,
                        PATHS_TURN_REFRESH_SUCCESS, &attributes);
    cg_buf_free(&attributes);
}

/* Call k: its own Mac, peer, NAT or relay, Call-ID and SSRCs; `packets` RTP packets in all. */
static void paths_call_init(paths_call *pc, cg_queue *q, uint32_t k, unsigned packets,
                            uint64_t start_usec)
{
    memset(pc, 0, sizeof *pc);
    cg_ft_call *call = &pc->call;
    cg_ft_call_defaults(call);
    call->start_usec = start_usec;
    pc->call_id = facetime_call_id(k);
    call->call_id = pc->call_id.text;
    call->stun_txid_base = k * 16;
    call->offer.content_type = true;
    call->answer.content_type = true;
    pc->relayed = k % 2 == 0;
    uint32_t lan = CG_IPV4(192, 168, 0, 0) + ((k % 200 + 1) << 8);
    host_mac(call->caller.host.mac, 1, k);
    call->caller.host.first_ip_id = (uint16_t)call_value(k, 7);
    call->callee.host.first_ip_id = (uint16_t)(call_value(k, 7) >> 16);
    call->caller.host.ip = lan + 23;

    pc->media_end = long_streams(call, k, packets);

    uint32_t nat_public = CG_IPV4(192, 0, 2, 1 + k % 200);
    if (pc->relayed) {
        /* The Mac behind its NAT; the peer on a public address. */
        call->caller.public_ip = CG_IPV4(210, 172, 128, 230 + k % 20);
        call->callee.host.ip = call->callee.public_ip = CG_IPV4(203, 0, 113, 47 + k % 200);
        call->caller.audio.payload_len = PATHS_TURN_AUDIO_PAYLOAD_LEN;
        call->callee.audio.payload_len = PATHS_TURN_AUDIO_PAYLOAD_LEN;
    } else {
        /* Mac and iPhone on one LAN, both SDPs naming the NAT's public address. */
        call->caller.public_ip = call->caller.host.ip;
        call->caller.media_port = PATHS_LAN_MAC_MEDIA_PORT;
        host_mac(call->callee.host.mac, 2, k);
        call->callee.host.ip = call->callee.public_ip = lan + 40;
        call->callee.host.ttl = 64;
        call->callee.media_port = PATHS_LAN_IPHONE_MEDIA_PORT;
    }

    cg_ft_scene *s = &pc->scene;
    cg_ft_scene_init(s, q, call);
    if (pc->relayed) {
        pc->relay = call->stun_server;
        pc->relay.ip = CG_IPV4(17, 173, 255, 10 + k % 200);
        cg_path to = { &s->caller_host, PATHS_MAC_SIP_PORT, &pc->relay, PATHS_TURN_PORT,
                       PATHS_TURN_CHANNEL, false };
        cg_path from = { &pc->relay, PATHS_TURN_PORT, &s->caller_host, PATHS_MAC_SIP_PORT,
                         PATHS_TURN_CHANNEL, true };  /* the relay pads to 4 bytes, the Mac not */
        pc->to_relay = to;
        pc->from_relay = from;
        s->caller_media = s->caller_rtcp = pc->to_relay;
        s->callee_media = s->callee_rtcp = pc->from_relay;
        pc->next_refresh = cg_ft_scene_at(s, call->caller.audio.first_usec +
                                               PATHS_TURN_REFRESH_USEC + 2500);
    } else {
        /* The iPhone's SIP as the Mac sees it: from the router, the NAT's address and port. */
        s->callee.host = call->stun_server;
        s->callee.host.ip = nat_public;
        s->callee.port = PATHS_HAIRPIN_SIP_PORT;
    }

    const cg_ft_party *caller = &call->caller, *callee = &call->callee;
    const cg_ft_stream *templates[4] = { &caller->audio, &caller->video, &callee->audio,
                                         &callee->video };
    cg_rtp_flow *flows[4] = { &s->caller_audio, &s->caller_video, &s->callee_audio,
                              &s->callee_video };
    for (int i = 0; i < 4; i++) {
        paths_stream *st = &pc->streams[i];
        bool from_caller = i < 2;
        st->flow = flows[i];
        st->media = from_caller ? &s->caller_media : &s->callee_media;
        st->rtcp = from_caller ? &s->caller_rtcp : &s->callee_rtcp;
        st->cname = from_caller ? caller->cname : callee->cname;
        st->first = cg_ft_scene_at(s, templates[i]->first_usec);
        st->interval = templates[i]->interval_usec;
        st->count = templates[i]->packet_count;
        st->next_report = st->first + RTCP_INTERVAL_USEC;
    }
}

/* The Mac's first STUN (TURN Allocate, or a Binding query from its media socket) and the call's
 * SIP up to the ACK; a relayed call then binds its channel to the peer's media endpoint. */
static void paths_call_open(paths_call *pc)
{
    cg_ft_call *call = &pc->call;
    cg_ft_scene *s = &pc->scene;
    const cg_ft_timeline *t = &call->at;
    cg_ft_sdp offer_sdp, answer_sdp;
    cg_ft_sdp_of_call(&offer_sdp, call, false);
    cg_ft_sdp_of_call(&answer_sdp, call, true);
    if (pc->relayed) {
        cg_buf request, success;
        cg_buf_init(&request);
        cg_buf_init(&success);
        cg_stun_attribute_u32(&request, CG_STUN_ATTR_REQUESTED_TRANSPORT, 17u << 24);  /* UDP */
        cg_stun_attribute_xor_ipv4(&success, CG_STUN_ATTR_XOR_RELAYED_ADDRESS, pc->relay.ip,
                                   PATHS_TURN_RELAYED_PORT);
        cg_stun_attribute_u32(&success, CG_STUN_ATTR_LIFETIME, PATHS_TURN_LIFETIME);
        cg_stun_attribute_xor_ipv4(&success, CG_STUN_ATTR_XOR_MAPPED_ADDRESS,
                                   call->caller.public_ip, PATHS_MAC_SIP_PORT);
        paths_turn_exchange(pc, cg_ft_scene_at(s, t->stun_request), 45000,
                            CG_TURN_ALLOCATE_REQUEST, &request, CG_TURN_ALLOCATE_SUCCESS,
                            &success);
        cg_buf_free(&request);
        cg_buf_free(&success);
        offer_sdp.connection_ip = pc->relay.ip;
        offer_sdp.media_port = offer_sdp.rtcp_port = PATHS_TURN_RELAYED_PORT;
    } else {
        uint32_t nat_public = s->callee.host.ip;
        cg_path query = { &s->caller_host, PATHS_LAN_MAC_MEDIA_PORT, &call->stun_server,
                          call->stun_port, 0, false };
        cg_stun_binding(s->q, &query, call->stun_txid_base + ++pc->next_txid,
                        cg_ft_scene_at(s, t->stun_request), cg_ft_scene_at(s, t->stun_response),
                        nat_public, PATHS_LAN_MAC_MEDIA_PORT);
        offer_sdp.origin_ip = offer_sdp.connection_ip = nat_public;
        answer_sdp.origin_ip = answer_sdp.connection_ip = nat_public;
    }
    cg_buf offer_storage, answer_storage;
    cg_buf_init(&offer_storage);
    cg_buf_init(&answer_storage);
    cg_sip_body offer = cg_ft_scene_body(s, false, &offer_sdp, &offer_storage);
    cg_sip_body answer = cg_ft_scene_body(s, true, &answer_sdp, &answer_storage);
    cg_ft_scene_invite(s, t->invite, &offer, NULL);
    cg_ft_scene_respond(s, t->trying, "100 Trying", false, NULL);
    cg_ft_scene_respond(s, t->ringing, "180 Ringing", true, NULL);
    cg_ft_scene_respond(s, t->invite_ok, "200 OK", true, &answer);
    cg_ft_scene_request(s, true, t->ack, "ACK", 1, NULL, 0, NULL, NULL);
    cg_buf_free(&offer_storage);
    cg_buf_free(&answer_storage);
    if (pc->relayed)
        paths_channel_bind(pc, cg_ft_scene_at(s, 2080000));
}

/* Packets of the stream before `until` (since the epoch) that are still to send. */
static unsigned paths_due(const paths_stream *st, uint64_t until)
{
    if (until <= st->first)
        return 0;
    uint64_t due = (until - st->first + st->interval - 1) / st->interval;
    if (due > st->count)
        due = st->count;
    return (unsigned)due - st->flow->packets_sent;
}

/* Queues the stream's packets and periodic reports before `until`; a report counts exactly the
 * packets sent before it. */
static void paths_stream_advance(cg_queue *q, paths_stream *st, uint64_t until)
{
    uint64_t end = st->first + (uint64_t)st->count * st->interval;
    for (;;) {
        uint64_t report_at = st->next_report + st->interval / 2;
        bool report = st->next_report < end && report_at < until;
        uint64_t limit = report ? report_at : until;
        unsigned n = paths_due(st, limit);
        uint64_t next_at = st->first + (uint64_t)st->flow->packets_sent * st->interval;
        cg_rtp_flow_send(q, st->flow, st->media, next_at, st->interval, n);
        if (!report)
            return;
        cg_rtp_flow_report(q, st->flow, st->rtcp, report_at, st->cname);
        st->next_report += RTCP_INTERVAL_USEC;
    }
}

/* Queues every frame of the call before `until` (since the epoch), and perhaps some after. */
static void paths_call_advance(paths_call *pc, uint64_t until)
{
    if (pc->finished || until <= pc->call.start_usec)
        return;
    if (!pc->started) {
        paths_call_open(pc);
        pc->started = true;
    }
    cg_ft_scene *s = &pc->scene;
    uint64_t media_end = cg_ft_scene_at(s, pc->media_end);
    while (pc->relayed && pc->next_refresh < until && pc->next_refresh < media_end) {
        paths_refresh(pc, pc->next_refresh, PATHS_TURN_LIFETIME);
        paths_channel_bind(pc, pc->next_refresh + 30000);
        pc->next_refresh += PATHS_TURN_REFRESH_USEC;
    }
    for (int i = 0; i < 4; i++)
        paths_stream_advance(s->q, &pc->streams[i], until);
    if (until <= media_end)
        return;
    /* The media is over: the last reports, the BYE, and the relay's allocation let go. */
    cg_ft_scene_rtcp(s, pc->media_end);
    cg_ft_scene_request(s, true, pc->media_end + 100000, "BYE", 2, NULL,
                        pc->media_end + 160000, "200 OK", NULL);
    if (pc->relayed)
        paths_refresh(pc, cg_ft_scene_at(s, pc->media_end + 200000), 0);
    pc->finished = true;
}

static uint64_t write_media_paths(const char *path, double scale)
{
    unsigned packets = scaled(PATHS_PACKETS_FULL / PATHS_CALLS, scale, 60);
    /* Each call starts half-way through the previous one: two run at a time, one relayed and
     * one behind a NAT. */
    uint64_t spacing = media_call_duration(packets) / 2;
    capture_writer w = writer_open(path);
    paths_call *calls = cg_malloc(PATHS_CALLS * sizeof *calls);
    for (uint32_t k = 0; k < PATHS_CALLS; k++)
        paths_call_init(&calls[k], w.queue, k, packets, CG_FIXTURE_EPOCH_USEC + k * spacing);
    bool more = true;
    for (uint64_t until = CG_FIXTURE_EPOCH_USEC + PATHS_WINDOW_USEC; more;
         until += PATHS_WINDOW_USEC) {
        more = false;
        for (uint32_t k = 0; k < PATHS_CALLS; k++) {
            paths_call_advance(&calls[k], until);
            more = more || !calls[k].finished;
        }
        writer_settle_before(&w, until);
    }
    free(calls);
    return writer_close(&w);
}

/* ---- setup-heavy: many short FaceTime calls -------------------------------------------------- */

typedef struct short_call_texts {
    call_text call_id, branch_prefix, caller_tag, callee_tag, caller_name, callee_name,
        caller_cname, callee_cname;
} short_call_texts;

/* Call k of a setup capture: its own addresses, ports, Call-ID, tags and SSRCs. */
static void setup_call(cg_ft_call *call, uint32_t k, bool content_type, short_call_texts *t)
{
    cg_ft_call_defaults(call);
    call->start_usec = CG_FIXTURE_EPOCH_USEC + (uint64_t)k * SHORT_CALL_SPACING_USEC;
    t->call_id = facetime_call_id(k);
    t->branch_prefix = call_textf("z9hG4bK-%08" PRIx32 "-", call_value(k, 4));
    t->caller_tag = call_textf("%" PRIu32, call_value(k, 5));
    t->callee_tag = call_textf("%" PRIu32, call_value(k, 6));
    t->caller_name = call_textf("caller%" PRIu32, k);
    t->callee_name = call_textf("callee%" PRIu32, k);
    t->caller_cname = call_textf("caller%" PRIu32 "@facetime", k);
    t->callee_cname = call_textf("callee%" PRIu32 "@facetime", k);
    call->call_id = t->call_id.text;
    call->branch_prefix = t->branch_prefix.text;
    call->stun_txid_base = k * 4;

    cg_ft_party *caller = &call->caller, *callee = &call->callee;
    caller->host.ip = caller->public_ip = plan_address(CG_IPV4(198, 18, 0, 0), k);
    callee->host.ip = callee->public_ip = plan_address(CG_IPV4(100, 64, 0, 0), k);
    host_mac(caller->host.mac, 1, k);
    caller->host.first_ip_id = (uint16_t)call_value(k, 7);
    callee->host.first_ip_id = (uint16_t)(call_value(k, 7) >> 16);
    caller->media_port = (uint16_t)(16384 + 2 * (k % 8192));
    callee->media_port = (uint16_t)(49152 + 2 * (k % 8192));
    caller->tag = t->caller_tag.text;
    callee->tag = t->callee_tag.text;
    caller->session_name = t->caller_name.text;
    callee->session_name = t->callee_name.text;
    caller->cname = t->caller_cname.text;
    callee->cname = t->callee_cname.text;

    caller->audio.ssrc = call_value(k, 0);
    callee->audio.ssrc = call_value(k, 1);
    caller->video.ssrc = call_value(k, 2);
    callee->video.ssrc = call_value(k, 3);
    caller->audio.packet_count = callee->audio.packet_count = SETUP_AUDIO_PACKETS;
    caller->video.packet_count = callee->video.packet_count = SETUP_VIDEO_PACKETS;

    call->offer.content_type = content_type;
    call->answer.content_type = content_type;
}

typedef enum content_type_mix { EVERY_OTHER_CALL, EVERY_CALL } content_type_mix;

static uint64_t write_setups(const char *path, unsigned calls, content_type_mix mix)
{
    capture_writer w = writer_open(path);
    for (uint32_t k = 0; k < calls; k++) {
        cg_ft_call call;
        short_call_texts texts;
        setup_call(&call, k, mix == EVERY_CALL || k % 2 == 0, &texts);
        cg_ft_call_emit(w.queue, &call);
        writer_settle_before(&w, call.start_usec + SHORT_CALL_SPACING_USEC);
    }
    return writer_close(&w);
}

static uint64_t write_setup_heavy(const char *path, double scale)
{
    return write_setups(path, scaled(SETUP_CALLS_FULL, scale, 2), EVERY_OTHER_CALL);
}

static uint64_t write_setup_ctype(const char *path, double scale)
{
    return write_setups(path, scaled(SETUP_CALLS_FULL / 2, scale, 1), EVERY_CALL);
}

/* ---- foreign: ordinary SIP calls ------------------------------------------------------------- */

typedef struct plain_call_texts {
    call_text call_id, branch_prefix, from_tag, to_tag, caller_user, callee_user;
} plain_call_texts;

static void foreign_call(cg_plain_call *call, uint32_t k, plain_call_texts *t)
{
    cg_plain_call_defaults(call);
    call->start_usec = CG_FIXTURE_EPOCH_USEC + (uint64_t)k * SHORT_CALL_SPACING_USEC;
    call->caller.ip = plan_address(CG_IPV4(10, 0, 0, 0), k);
    call->callee.ip = plan_address(CG_IPV4(10, 128, 0, 0), k);
    host_mac(call->caller.mac, 3, k);
    call->caller.first_ip_id = (uint16_t)call_value(k, 7);
    call->callee.first_ip_id = (uint16_t)(call_value(k, 7) >> 16);
    call->caller_rtp_port = (uint16_t)(10000 + 2 * (k % 20000));
    call->callee_rtp_port = (uint16_t)(50000 + 2 * (k % 7500));
    t->call_id = call_textf("%08" PRIx32 "%08" PRIx32 "@pc%" PRIu32 ".example.com",
                            call_value(k, 4), call_value(k, 5), k % 1000);
    t->branch_prefix = call_textf("z9hG4bK%08" PRIx32, call_value(k, 6));
    t->from_tag = call_textf("%" PRIu32, call_value(k, 2));
    t->to_tag = call_textf("%" PRIx32, call_value(k, 3));
    t->caller_user = call_textf("alice%" PRIu32, k);
    t->callee_user = call_textf("bob%" PRIu32, k);
    call->call_id = t->call_id.text;
    call->branch_prefix = t->branch_prefix.text;
    call->from_tag = t->from_tag.text;
    call->to_tag = t->to_tag.text;
    call->caller_user = t->caller_user.text;
    call->callee_user = t->callee_user.text;
    call->caller_session_id = call_value(k, 2) >> 1;
    call->callee_session_id = call_value(k, 3) >> 1;
    call->caller_ssrc = call_value(k, 0);
    call->callee_ssrc = call_value(k, 1);
    call->rtp_packets = FOREIGN_RTP_PACKETS;
}

static uint64_t write_foreign(const char *path, double scale)
{
    unsigned calls = scaled(FOREIGN_CALLS_FULL, scale, 1);
    capture_writer w = writer_open(path);
    for (uint32_t k = 0; k < calls; k++) {
        cg_plain_call call;
        plain_call_texts texts;
        foreign_call(&call, k, &texts);
        cg_plain_call_emit(w.queue, &call);
        writer_settle_before(&w, call.start_usec + SHORT_CALL_SPACING_USEC);
    }
    return writer_close(&w);
}

/* ---- main ------------------------------------------------------------------------------------ */

typedef struct capture_kind {
    const char *name;
    uint64_t (*write)(const char *path, double scale);
} capture_kind;

static const capture_kind capture_kinds[] = {
    { "media-heavy", write_media_heavy },
    { "media-paths", write_media_paths },
    { "setup-heavy", write_setup_heavy },
    { "setup-ctype", write_setup_ctype },
    { "foreign", write_foreign },
};
#define CAPTURE_KIND_COUNT (sizeof capture_kinds / sizeof capture_kinds[0])

static const capture_kind *find_capture_kind(const char *name)
{
    for (size_t i = 0; i < CAPTURE_KIND_COUNT; i++)
        if (strcmp(capture_kinds[i].name, name) == 0)
            return &capture_kinds[i];
    return NULL;
}

static void write_capture(const char *out_dir, const capture_kind *kind, double scale)
{
    char *path = join_path(out_dir, kind->name, ".pcap");
    uint64_t frames = kind->write(path, scale);
    printf("%s: %" PRIu64 " frames\n", path, frames);
    free(path);
}

static _Noreturn void usage(void)
{
    fprintf(stderr, "usage: mkbench OUTDIR [--scale N] [CAPTURE...]\n"
                    "captures:");
    for (size_t i = 0; i < CAPTURE_KIND_COUNT; i++)
        fprintf(stderr, " %s", capture_kinds[i].name);
    fprintf(stderr, "\n");
    exit(2);
}

static double parse_scale(const char *text)
{
    char *end;
    double scale = strtod(text, &end);
    if (end == text || *end != '\0' || !(scale > 0) || scale > 100)
        cg_die("--scale wants a number above 0 and at most 100, not '%s'", text);
    return scale;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-')
        usage();
    const char *out_dir = argv[1];
    double scale = 1.0;
    const capture_kind *chosen[CAPTURE_KIND_COUNT];
    size_t n_chosen = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--scale") == 0) {
            if (++i == argc)
                usage();
            scale = parse_scale(argv[i]);
            continue;
        }
        const capture_kind *kind = find_capture_kind(argv[i]);
        if (!kind || n_chosen == CAPTURE_KIND_COUNT)
            usage();
        chosen[n_chosen++] = kind;
    }
    if (n_chosen == 0)
        for (size_t i = 0; i < CAPTURE_KIND_COUNT; i++)
            chosen[n_chosen++] = &capture_kinds[i];

    for (size_t i = 0; i < n_chosen; i++)
        write_capture(out_dir, chosen[i], scale);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mkbench: cannot write to standard output\n");
        return 1;
    }
    return 0;
}
