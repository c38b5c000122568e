/* scenario.c - calls as sequences of messages; see scenario.h.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* snprintf into a fixed field of a scenario struct; a text that does not fit is a bug of the
 * fixture, not something to cut silently. */
static void set_text(char *field, size_t size, const char *fmt, ...) CG_PRINTF(3, 4);
static void set_text(char *field, size_t size, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(field, size, fmt, args);
    va_end(args);
    if (n < 0 || (size_t)n >= size)
        cg_die("scenario text too long (%d bytes): %s", n, fmt);
}

#define SET_TEXT(field, ...) set_text((field), sizeof(field), __VA_ARGS__)

/* ---- where datagrams travel ---------------------------------------------------------------- */

void cg_path_send(cg_queue *q, uint64_t at, const cg_path *path, const uint8_t *data, size_t len)
{
    cg_buf wrapped;
    cg_buf_init(&wrapped);
    if (path->channel) {
        cg_turn_channel_data(&wrapped, path->channel, data, len, path->pad);
        data = wrapped.data;
        len = wrapped.len;
    }
    cg_udp_frame frame = {
        .time_usec = at,
        .src = path->src,
        .src_port = path->src_port,
        .dst = path->dst,
        .dst_port = path->dst_port,
        .payload = data,
        .payload_len = len,
    };
    cg_queue_add(q, &frame);
    cg_buf_free(&wrapped);
}

/* ---- SIP ----------------------------------------------------------------------------------- */

void cg_sip_ua_init(cg_sip_ua *ua, const cg_host *host, uint32_t public_ip, uint16_t sip_port,
                    const char *user, const char *tag, const char *branch_prefix)
{
    memset(ua, 0, sizeof *ua);
    cg_ipv4_text ip = cg_ipv4_format(public_ip);
    ua->host = *host;
    ua->port = sip_port;
    SET_TEXT(ua->uri, "sip:%s@%s:%u", user, ip.text, (unsigned)sip_port);
    SET_TEXT(ua->contact, "%s", ua->uri);
    SET_TEXT(ua->sent_by, "%s:%u", ip.text, (unsigned)sip_port);
    SET_TEXT(ua->tag, "%s", tag ? tag : "");
    SET_TEXT(ua->branch_prefix, "%s", branch_prefix);
    ua->branches = 0;
}

void cg_sip_ua_move(cg_sip_ua *ua, const cg_host *host, uint16_t port, uint32_t public_ip,
                    uint16_t contact_port, const char *user)
{
    cg_ipv4_text ip = cg_ipv4_format(public_ip);
    ua->host = *host;
    ua->port = port;
    SET_TEXT(ua->contact, "sip:%s@%s:%u", user, ip.text, (unsigned)contact_port);
    SET_TEXT(ua->sent_by, "%s:%u", ip.text, (unsigned)contact_port);
}

static void put_body(cg_buf *out, const cg_sip_body *body)
{
    if (body && body->content_type)
        cg_sip_header(out, "c", "%s", body->content_type);
    if (body && body->content_encoding)
        cg_sip_header(out, "e", "%s", body->content_encoding);
    cg_sip_end(out, "l", body ? body->data : NULL, body ? body->len : 0);
}

static void put_to(cg_buf *out, const char *uri, const char *tag)
{
    if (tag && tag[0])
        cg_sip_header(out, "t", "<%s>;tag=%s", uri, tag);
    else
        cg_sip_header(out, "t", "<%s>", uri);
}

static void queue_between(cg_queue *q, uint64_t at, const cg_host *src, uint16_t src_port,
                          const cg_host *dst, uint16_t dst_port, const cg_buf *msg)
{
    cg_path path = { src, src_port, dst, dst_port, 0, false };
    cg_path_send(q, at, &path, msg->data, msg->len);
}

/* A request from its parts (the transaction record) and the headers only it has. */
static void write_request(cg_buf *out, const cg_sip_txn *t, const char *method,
                          const char *cseq_method, const char *contact, const cg_sip_body *body)
{
    cg_sip_start_line(out, "%s %s SIP/2.0", method, t->request_uri);
    cg_sip_header(out, "v", "%s", t->via);
    cg_sip_header(out, "f", "%s", t->from);
    put_to(out, t->to_uri, t->to_tag);
    cg_sip_header(out, "i", "%s", t->call_id);
    cg_sip_header(out, "CSeq", "%" PRIu32 " %s", t->cseq, cseq_method);
    if (contact)
        cg_sip_header(out, "m", "<%s>", contact);
    cg_sip_header(out, "Max-Forwards", "70");
    put_body(out, body);
}

void cg_sip_send_request(cg_queue *q, const cg_sip_request *r, cg_sip_txn *txn)
{
    cg_sip_txn t;
    memset(&t, 0, sizeof t);
    t.client = r->from->host;
    t.client_port = r->from->port;
    t.server = r->to->host;
    t.server_port = r->to->port;
    SET_TEXT(t.method, "%s", r->method);
    SET_TEXT(t.request_uri, "%s", r->request_uri ? r->request_uri : r->to->contact);
    if (r->branch) {
        SET_TEXT(t.via, "SIP/2.0/UDP %s;branch=%s", r->from->sent_by, r->branch);
    } else {
        r->from->branches++;
        SET_TEXT(t.via, "SIP/2.0/UDP %s;branch=%s%u", r->from->sent_by, r->from->branch_prefix,
                 r->from->branches);
    }
    SET_TEXT(t.from, "<%s>;tag=%s", r->from->uri, r->from->tag);
    SET_TEXT(t.to_uri, "%s", r->to_uri ? r->to_uri : r->to->uri);
    SET_TEXT(t.to_tag, "%s", r->in_dialog ? r->to->tag : "");
    SET_TEXT(t.call_id, "%s", r->call_id);
    t.cseq = r->cseq;

    cg_buf msg;
    cg_buf_init(&msg);
    write_request(&msg, &t, r->method, r->method, r->contact ? r->from->contact : NULL, r->body);
    queue_between(q, r->at, &t.client, t.client_port, &t.server, t.server_port, &msg);
    if (r->keep)
        cg_buf_put(r->keep, msg.data, msg.len);
    cg_buf_free(&msg);
    if (txn)
        *txn = t;
}

void cg_sip_send_response(cg_queue *q, uint64_t at, const cg_sip_txn *t, const char *status,
                          const char *to_tag, const char *contact, const cg_sip_body *body)
{
    cg_buf msg;
    cg_buf_init(&msg);
    cg_sip_start_line(&msg, "SIP/2.0 %s", status);
    cg_sip_header(&msg, "v", "%s;rport=%u", t->via, (unsigned)t->client_port);
    cg_sip_header(&msg, "f", "%s", t->from);
    put_to(&msg, t->to_uri, t->to_tag[0] ? t->to_tag : to_tag);
    cg_sip_header(&msg, "i", "%s", t->call_id);
    cg_sip_header(&msg, "CSeq", "%" PRIu32 " %s", t->cseq, t->method);
    if (contact)
        cg_sip_header(&msg, "m", "<%s>", contact);
    put_body(&msg, body);
    queue_between(q, at, &t->server, t->server_port, &t->client, t->client_port, &msg);
    cg_buf_free(&msg);
}

void cg_sip_resend(cg_queue *q, uint64_t at, const cg_buf *message, const cg_sip_txn *t)
{
    queue_between(q, at, &t->client, t->client_port, &t->server, t->server_port, message);
}

void cg_sip_send_cancel(cg_queue *q, uint64_t at, const cg_sip_txn *invite, cg_sip_txn *cancel)
{
    cg_sip_txn t = *invite;
    SET_TEXT(t.method, "CANCEL");
    cg_buf msg;
    cg_buf_init(&msg);
    write_request(&msg, &t, "CANCEL", "CANCEL", NULL, NULL);
    queue_between(q, at, &t.client, t.client_port, &t.server, t.server_port, &msg);
    cg_buf_free(&msg);
    if (cancel)
        *cancel = t;
}

void cg_sip_send_failure_ack(cg_queue *q, uint64_t at, const cg_sip_txn *invite,
                             const char *to_tag)
{
    cg_sip_txn t = *invite;
    SET_TEXT(t.to_tag, "%s", to_tag);
    cg_buf msg;
    cg_buf_init(&msg);
    write_request(&msg, &t, "ACK", "ACK", NULL, NULL);
    queue_between(q, at, &t.client, t.client_port, &t.server, t.server_port, &msg);
    cg_buf_free(&msg);
}

cg_sip_body cg_ft_body_of(cg_buf *storage, const cg_buf *sdp)
{
    cg_compress(storage, CG_ENCODING_ZLIB, 6, sdp->data, sdp->len, 0);
    cg_sip_body body = { storage->data, storage->len, "deflate", NULL };
    return body;
}

/* ---- RTP and RTCP streams ------------------------------------------------------------------ */

void cg_rtp_flow_from_stream(cg_rtp_flow *flow, const cg_ft_stream *s)
{
    memset(flow, 0, sizeof *flow);
    flow->ssrc = s->ssrc;
    flow->payload_type = s->payload_type;
    flow->marker = s->marker;
    flow->next_seq = s->first_seq;
    flow->next_timestamp = s->first_timestamp;
    flow->timestamp_step = s->timestamp_step;
    flow->payload_len = s->payload_len;
    cg_xorshift32_seed(&flow->rng, s->ssrc);
    flow->extension = CG_RTP_EXT_FACETIME_1;
    flow->last_timestamp = s->first_timestamp;
}

static void rtp_flow_packet(cg_buf *out, cg_rtp_flow *f)
{
    cg_rtp_header h = {
        .payload_type = f->payload_type,
        .marker = f->marker,
        .seq = f->next_seq,
        .timestamp = f->next_timestamp,
        .ssrc = f->ssrc,
        .facetime_extension = false,
    };
    uint8_t ext_data[12] = { 0, 0, 0, (uint8_t)(f->next_seq & 0xffu) };
    cg_rtp_extension ext = { CG_RTP_FACETIME_EXTENSION_PROFILE, 0, ext_data, 0 };
    switch (f->extension) {
    case CG_RTP_EXT_NONE:
        break;
    case CG_RTP_EXT_FACETIME_1:
    case CG_RTP_EXT_FACETIME_2:
    case CG_RTP_EXT_FACETIME_3:
        ext.length_words = (uint16_t)f->extension;
        ext.data_len = 4u * f->extension;
        break;
    }
    cg_buf payload;
    cg_buf_init(&payload);
    cg_xorshift32_fill(&f->rng, &payload, f->payload_len);
    cg_rtp_packet_ext(out, &h, f->extension == CG_RTP_EXT_NONE ? NULL : &ext, payload.data,
                      payload.len);
    cg_buf_free(&payload);

    f->last_timestamp = f->next_timestamp;
    f->next_seq++;
    f->next_timestamp += f->timestamp_step;
    f->packets_sent++;
    f->octets_sent += (uint32_t)f->payload_len;
}

void cg_rtp_flow_send(cg_queue *q, cg_rtp_flow *flow, const cg_path *path, uint64_t first,
                      uint64_t interval, unsigned count)
{
    cg_buf packet;
    cg_buf_init(&packet);
    for (unsigned i = 0; i < count; i++) {
        packet.len = 0;
        rtp_flow_packet(&packet, flow);
        cg_path_send(q, first + i * interval, path, packet.data, packet.len);
    }
    cg_buf_free(&packet);
}

void cg_rtp_flow_report(cg_queue *q, const cg_rtp_flow *flow, const cg_path *path, uint64_t at,
                        const char *cname)
{
    cg_rtcp_sender_report r = {
        .ssrc = flow->ssrc,
        .time_usec = at,
        .rtp_timestamp = flow->last_timestamp,
        .packet_count = flow->packets_sent,
        .octet_count = flow->octets_sent,
        .cname = cname,
    };
    cg_buf packet;
    cg_buf_init(&packet);
    cg_rtcp_sr_sdes(&packet, &r);
    cg_path_send(q, at, path, packet.data, packet.len);
    cg_buf_free(&packet);
}

/* ---- STUN and TURN exchanges -------------------------------------------------------------- */

void cg_stun_txid_of(uint32_t n, uint8_t txid[CG_STUN_TXID_LEN])
{
    memset(txid, 0, CG_STUN_TXID_LEN);
    txid[0] = 'F';
    txid[1] = 'T';
    txid[8] = (uint8_t)(n >> 24);
    txid[9] = (uint8_t)(n >> 16);
    txid[10] = (uint8_t)(n >> 8);
    txid[11] = (uint8_t)n;
}

void cg_stun_binding(cg_queue *q, const cg_path *path, uint32_t txid_n, uint64_t request_at,
                     uint64_t response_at, uint32_t mapped_ip, uint16_t mapped_port)
{
    uint8_t txid[CG_STUN_TXID_LEN];
    cg_stun_txid_of(txid_n, txid);
    cg_buf msg;
    cg_buf_init(&msg);
    cg_stun_binding_request(&msg, txid);
    cg_path_send(q, request_at, path, msg.data, msg.len);
    msg.len = 0;
    cg_stun_binding_success(&msg, txid, mapped_ip, mapped_port);
    cg_path back = { path->dst, path->dst_port, path->src, path->src_port, path->channel,
                     path->pad };
    cg_path_send(q, response_at, &back, msg.data, msg.len);
    cg_buf_free(&msg);
}

/* ---- the template's call, step by step ---------------------------------------------------- */

static uint16_t scene_media_port(const cg_ft_call *c, const cg_ft_party *p)
{
    return c->five_tuple ? p->sip_port : p->media_port;
}

void cg_ft_scene_init(cg_ft_scene *s, cg_queue *q, const cg_ft_call *call)
{
    memset(s, 0, sizeof *s);
    s->call = call;
    s->q = q;
    s->caller_host = call->caller.host;
    s->callee_host = call->callee.host;
    cg_sip_ua_init(&s->caller, &call->caller.host, call->caller.public_ip, call->caller.sip_port,
                   call->user, call->caller.tag, call->branch_prefix);
    cg_sip_ua_init(&s->callee, &call->callee.host, call->callee.public_ip, call->callee.sip_port,
                   call->user, call->callee.tag, call->branch_prefix);
    SET_TEXT(s->callee.branch_prefix, "%sc", call->branch_prefix);
    cg_rtp_flow_from_stream(&s->caller_audio, &call->caller.audio);
    cg_rtp_flow_from_stream(&s->caller_video, &call->caller.video);
    cg_rtp_flow_from_stream(&s->callee_audio, &call->callee.audio);
    cg_rtp_flow_from_stream(&s->callee_video, &call->callee.video);
    if (!call->rtp_extension) {
        s->caller_audio.extension = s->caller_video.extension = CG_RTP_EXT_NONE;
        s->callee_audio.extension = s->callee_video.extension = CG_RTP_EXT_NONE;
    }
    uint16_t caller_port = scene_media_port(call, &call->caller);
    uint16_t callee_port = scene_media_port(call, &call->callee);
    cg_path to_callee = { &s->caller_host, caller_port, &s->callee_host, callee_port, 0, false };
    cg_path to_caller = { &s->callee_host, callee_port, &s->caller_host, caller_port, 0, false };
    s->caller_media = to_callee;
    s->callee_media = to_caller;
    s->caller_rtcp = to_callee;
    s->callee_rtcp = to_caller;
}

uint64_t cg_ft_scene_at(const cg_ft_scene *s, uint64_t after_start)
{
    return s->call->start_usec + after_start;
}

void cg_ft_scene_stun_query(cg_ft_scene *s, uint32_t n, uint64_t request, uint64_t response)
{
    const cg_ft_call *c = s->call;
    cg_path path = { &s->caller.host, s->caller.port, &c->stun_server, c->stun_port, 0, false };
    cg_stun_binding(s->q, &path, c->stun_txid_base + n, cg_ft_scene_at(s, request),
                    cg_ft_scene_at(s, response), c->caller.public_ip, c->caller.sip_port);
}

void cg_ft_scene_check(cg_ft_scene *s, uint32_t n, uint64_t request, uint64_t response)
{
    const cg_ft_call *c = s->call;
    cg_path path = { &s->caller.host, s->caller.port, &s->callee.host, s->callee.port, 0, false };
    cg_stun_binding(s->q, &path, c->stun_txid_base + n, cg_ft_scene_at(s, request),
                    cg_ft_scene_at(s, response), c->caller.public_ip, c->caller.sip_port);
}

cg_sip_body cg_ft_scene_body(const cg_ft_scene *s, bool answer, const cg_ft_sdp *sdp,
                             cg_buf *storage)
{
    const cg_ft_body *how = answer ? &s->call->answer : &s->call->offer;
    cg_buf text;
    cg_buf_init(&text);
    cg_ft_sdp_write(&text, sdp);
    cg_compress(storage, how->encoding, how->level, text.data, text.len, 0);
    cg_buf_free(&text);
    cg_sip_body body = { storage->data, storage->len, how->content_encoding,
                         how->content_type ? "application/sdp" : NULL };
    return body;
}

cg_sip_body cg_ft_scene_default_body(const cg_ft_scene *s, bool answer, cg_buf *storage)
{
    cg_ft_sdp sdp;
    cg_ft_sdp_of_call(&sdp, s->call, answer);
    return cg_ft_scene_body(s, answer, &sdp, storage);
}

void cg_ft_scene_invite(cg_ft_scene *s, uint64_t at, const cg_sip_body *offer, cg_buf *keep)
{
    cg_sip_request r = {
        .at = cg_ft_scene_at(s, at),
        .from = &s->caller,
        .to = &s->callee,
        .call_id = s->call->call_id,
        .method = "INVITE",
        .cseq = 1,
        .in_dialog = false,
        .contact = true,
        .body = offer,
        .keep = keep,
    };
    cg_sip_send_request(s->q, &r, &s->invite);
}

void cg_ft_scene_respond(cg_ft_scene *s, uint64_t at, const char *status, bool tagged,
                         const cg_sip_body *body)
{
    bool success = status[0] == '2';
    cg_sip_send_response(s->q, cg_ft_scene_at(s, at), &s->invite, status,
                         tagged ? s->callee.tag : NULL, success ? s->callee.contact : NULL, body);
}

void cg_ft_scene_request(cg_ft_scene *s, bool from_caller, uint64_t at, const char *method,
                         uint32_t cseq, const cg_sip_body *body, uint64_t response_at,
                         const char *status, const cg_sip_body *response_body)
{
    cg_sip_ua *from = from_caller ? &s->caller : &s->callee;
    cg_sip_ua *to = from_caller ? &s->callee : &s->caller;
    bool invite = strcmp(method, "INVITE") == 0;
    cg_sip_request r = {
        .at = cg_ft_scene_at(s, at),
        .from = from,
        .to = to,
        .call_id = s->call->call_id,
        .method = method,
        .cseq = cseq,
        .in_dialog = true,
        .contact = invite,
        .body = body,
    };
    cg_sip_txn txn;
    cg_sip_send_request(s->q, &r, &txn);
    if (status)
        cg_sip_send_response(s->q, cg_ft_scene_at(s, response_at), &txn, status, NULL,
                             invite && status[0] == '2' ? to->contact : NULL, response_body);
}

void cg_ft_scene_media(cg_ft_scene *s, uint64_t offset, unsigned audio, unsigned video)
{
    const cg_ft_call *c = s->call;
    const cg_ft_stream *ca = &c->caller.audio, *cv = &c->caller.video;
    const cg_ft_stream *ea = &c->callee.audio, *ev = &c->callee.video;
    cg_rtp_flow_send(s->q, &s->caller_audio, &s->caller_media,
                     cg_ft_scene_at(s, ca->first_usec + offset), ca->interval_usec, audio);
    cg_rtp_flow_send(s->q, &s->callee_audio, &s->callee_media,
                     cg_ft_scene_at(s, ea->first_usec + offset), ea->interval_usec, audio);
    cg_rtp_flow_send(s->q, &s->caller_video, &s->caller_media,
                     cg_ft_scene_at(s, cv->first_usec + offset), cv->interval_usec, video);
    cg_rtp_flow_send(s->q, &s->callee_video, &s->callee_media,
                     cg_ft_scene_at(s, ev->first_usec + offset), ev->interval_usec, video);
}

void cg_ft_scene_rtcp(cg_ft_scene *s, uint64_t at)
{
    const cg_ft_call *c = s->call;
    cg_rtp_flow_report(s->q, &s->caller_audio, &s->caller_rtcp, cg_ft_scene_at(s, at),
                       c->caller.cname);
    cg_rtp_flow_report(s->q, &s->caller_video, &s->caller_rtcp, cg_ft_scene_at(s, at + 1000),
                       c->caller.cname);
    cg_rtp_flow_report(s->q, &s->callee_audio, &s->callee_rtcp, cg_ft_scene_at(s, at + 2000),
                       c->callee.cname);
    cg_rtp_flow_report(s->q, &s->callee_video, &s->callee_rtcp, cg_ft_scene_at(s, at + 3000),
                       c->callee.cname);
}

void cg_ft_scene_template(cg_ft_scene *s)
{
    const cg_ft_call *c = s->call;
    const cg_ft_timeline *t = &c->at;
    uint32_t n = 1;
    if (c->query_stun_server)
        cg_ft_scene_stun_query(s, n++, t->stun_request, t->stun_response);
    if (c->five_tuple) {
        cg_ft_scene_check(s, n++, t->check_request, t->check_response);
        cg_ft_scene_check(s, n++, t->consent_request, t->consent_response);
    }
    cg_buf offer_storage, answer_storage;
    cg_buf_init(&offer_storage);
    cg_buf_init(&answer_storage);
    cg_sip_body offer = cg_ft_scene_default_body(s, false, &offer_storage);
    cg_sip_body answer = cg_ft_scene_default_body(s, true, &answer_storage);
    cg_ft_scene_invite(s, t->invite, &offer, NULL);
    cg_ft_scene_respond(s, t->trying, "100 Trying", false, NULL);
    cg_ft_scene_respond(s, t->ringing, "180 Ringing", true, NULL);
    cg_ft_scene_respond(s, t->invite_ok, "200 OK", true, &answer);
    cg_ft_scene_request(s, true, t->ack, "ACK", 1, NULL, 0, NULL, NULL);
    cg_ft_scene_request(s, true, t->bye, "BYE", 2, NULL, t->bye_ok, "200 OK", NULL);
    cg_ft_scene_media(s, 0, c->caller.audio.packet_count, c->caller.video.packet_count);
    cg_ft_scene_rtcp(s, t->rtcp);
    cg_buf_free(&offer_storage);
    cg_buf_free(&answer_storage);
}
