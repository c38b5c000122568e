/* mkfixtures.c - writes every fixture capture of fixtures/README.md.
 *
 * Usage: mkfixtures OUTDIR
 *        mkfixtures --check-scenes SCRATCHDIR
 *
 * Each fixture is the README's call with one thing changed; the table `fixtures` below is the
 * README's table of files. The first ones are written by capgen's call template; the calls as
 * they unfold (re-INVITEs, failures, forks, NATs, relays, media alone) are told step by step
 * with the scene layer (scenario.h). --check-scenes proves that layer writes the template's
 * bytes when told the template's steps.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "capgen.h"
#include "scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BOMB_ZERO_BYTES ((size_t)8 * 1024 * 1024)
#define NAT_CALLER_ADDRESS CG_IPV4(192, 168, 1, 23)

/* The sample call is captured on the caller behind a NAT; the others on a public address (the
 * defaults), so that only the one thing a fixture is about differs from the plain case. */
static void nat_capture(cg_ft_call *call)
{
    call->caller.host.ip = NAT_CALLER_ADDRESS;
}

static void with_content_type(cg_ft_call *call)
{
    call->offer.content_type = true;
    call->answer.content_type = true;
}

static void raw_deflate(cg_ft_call *call)
{
    call->offer.encoding = CG_ENCODING_DEFLATE;
    call->answer.encoding = CG_ENCODING_DEFLATE;
}

static void gzip(cg_ft_call *call)
{
    call->offer.encoding = CG_ENCODING_GZIP;
    call->offer.content_encoding = "gzip";
    call->answer.encoding = CG_ENCODING_GZIP;
    call->answer.content_encoding = "gzip";
}

/* Compressed bodies that SIP does not inflate (no e:), so the plugin must: raw deflate in the
 * INVITE, gzip in the 200 OK. */
static void compressed_without_content_encoding(cg_ft_call *call)
{
    call->offer.encoding = CG_ENCODING_DEFLATE;
    call->offer.content_encoding = NULL;
    call->answer.encoding = CG_ENCODING_GZIP;
    call->answer.content_encoding = NULL;
}

static void five_tuple(cg_ft_call *call)
{
    call->five_tuple = true;
}

static void plain(cg_ft_call *call)
{
    call->offer.encoding = CG_ENCODING_NONE;
    call->offer.content_encoding = NULL;
    call->answer.encoding = CG_ENCODING_NONE;
    call->answer.content_encoding = NULL;
}

static void corrupt_invite(cg_ft_call *call)
{
    call->offer.damage = CG_BODY_CORRUPT;
}

static void truncated_invite(cg_ft_call *call)
{
    call->offer.damage = CG_BODY_TRUNCATED;
}

/* Both bodies are bombs at level 9; only the INVITE says `e: deflate`. */
static void bombs(cg_ft_call *call)
{
    call->offer.damage = CG_BODY_BOMB;
    call->offer.level = 9;
    call->offer.bomb_zero_bytes = BOMB_ZERO_BYTES;
    call->answer.damage = CG_BODY_BOMB;
    call->answer.level = 9;
    call->answer.bomb_zero_bytes = BOMB_ZERO_BYTES;
    call->answer.content_encoding = NULL;
}

/* Both bodies are sent whole, but their `l:` counts only their first 3/5: the INVITE's with
 * `e: deflate` (SIP inflates what `l:` counts), the 200 OK's without (the plugin does). */
static void short_content_length(cg_ft_call *call)
{
    call->offer.damage = CG_BODY_LENGTH_SHORT;
    call->answer.damage = CG_BODY_LENGTH_SHORT;
    call->answer.content_encoding = NULL;
}

/* A dictionary no FaceTime body is compressed against: what a stream that needs one looks like. */
#define PRESET_DICTIONARY "a=rtpID:a=fmtp:AAC SamplesPerBlock 480\r\n"

/* Both bodies are zlib streams compressed against a preset dictionary (FDICT): the INVITE's with
 * `e: deflate`, the 200 OK's without. */
static void preset_dictionary(cg_ft_call *call)
{
    call->offer.dictionary = PRESET_DICTIONARY;
    call->answer.dictionary = PRESET_DICTIONARY;
    call->answer.content_encoding = NULL;
}

/* ft-truncated's call captured where the Ethernet and IPv4 headers are full of 0x0a (LF) bytes:
 * both MACs are 0a:0a:0a:0a:0a:0a, the caller is 10.10.10.10 behind a NAT (its SIP and SDP keep
 * its public address), and its INVITE has the IPv4 identification 0x0a0a. */
static void newlines_in_headers(cg_ft_call *call)
{
    static const uint8_t newline_mac[6] = { 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a };
    memcpy(call->caller.host.mac, newline_mac, sizeof newline_mac);
    memcpy(call->callee.host.mac, newline_mac, sizeof newline_mac);
    call->caller.host.ip = CG_IPV4(10, 10, 10, 10);
    call->caller.host.first_ip_id = 0x0a09;    /* its STUN query takes 0x0a09, its INVITE 0x0a0a */
    call->offer.damage = CG_BODY_TRUNCATED;
}

/* What a call of the same caller after the default one has of its own: tags, branches, STUN
 * transactions and SSRCs. */
static void next_dialog(cg_ft_call *call)
{
    call->branch_prefix = "z9hG4bK-ft2-";
    call->stun_txid_base = 3;
    call->caller.tag = "2040516273";
    call->caller.audio.ssrc = 287454020;
    call->caller.video.ssrc = 1432778632;
    call->callee.tag = "3141592653";
    call->callee.audio.ssrc = 2578103244;
    call->callee.video.ssrc = 3722304989;
}

/* A second call from the same caller, to another iPhone, starting 1.5 s into the first: the two
 * overlap, each with its own Call-ID, tags, ports and SSRCs. */
static void second_call(cg_ft_call *call)
{
    call->start_usec += 1500000;
    call->call_id = "5E0A9C37-1B2D-4F60-8A13-7C9D2E4F6A81";
    next_dialog(call);
    call->caller.sip_port = 16403;
    call->caller.media_port = 37340;
    call->callee.host.ip = CG_IPV4(203, 0, 113, 88);
    call->callee.public_ip = CG_IPV4(203, 0, 113, 88);
    call->callee.media_port = 16388;
    call->callee.session_name = "taro";
    call->callee.cname = "callee2@facetime";
}

/* ---- the family: iChat, other origins, Apple's composer ---------------------------------- */

/* SDP bodies built for one fixture's call, kept until the call is written. */
static char *sdp_storage[4];
static size_t sdp_stored;

static const char *keep_sdp(cg_buf *sdp)
{
    if (sdp_stored == sizeof sdp_storage / sizeof sdp_storage[0])
        cg_die("mkfixtures: too many SDP bodies for one fixture");
    cg_buf_put_u8(sdp, 0);
    sdp_storage[sdp_stored++] = (char *)sdp->data;
    return (const char *)sdp->data;
}

static void forget_sdp(void)
{
    for (size_t i = 0; i < sdp_stored; i++)
        free(sdp_storage[i]);
    sdp_stored = 0;
}

/* iChat's SDP (the public Viceroy 1.4.1 INVITE's), LF line ends, for one party. */
static const char *ichat_sdp(const cg_ft_party *p, const char *user, unsigned session)
{
    cg_ipv4_text ip = cg_ipv4_format(p->public_ip);
    unsigned port = p->sip_port;
    cg_buf sdp;
    cg_buf_init(&sdp);
    cg_buf_printf(&sdp,
                  "v=0\n"
                  "o=%s 0 0 IN IP4 %s\n"
                  "s=%u\n"
                  "c=IN IP4 %s\n"
                  "b=AS:250\n"
                  "t=0 0\n"
                  "a=FLS;VRA:0;RVRA:1;AS:2\n"
                  "a=hwi:17412:2:2800\n"
                  "a=multipoint:1\n"
                  "a=iChatEncryption:YES\n"
                  "a=bandwidthDetection:NO\n"
                  "m=audio %u RTP/AVP 105 0\n"
                  "a=rtcp:%u\n"
                  "a=rtpmap:105 X-AAC_ELD/22050\n"
                  "a=rtpmap:0 PCMU/8000\n"
                  "a=rtpID:%" PRIu32 "\n"
                  "a=fmtp:AAC SamplesPerBlock 480\n"
                  "m=video %u RTP/AVP 123 126 34\n"
                  "a=rtcp:%u\n"
                  "a=rtpmap:123 H264/90000\n"
                  "a=rtpmap:126 X-H264/90000\n"
                  "a=rtpmap:34 H263/90000\n"
                  "a=fmtp:34 imagesize 0\n"
                  "a=framerate:15\n"
                  "a=RTCP:AUDIO %u VIDEO %u\n"
                  "a=fmtp:126 imagesize 0 rules 15:320:240:320:240:15\n"
                  "a=fmtp:123 imagesize 0 rules 15:320:240:320:240:15\n"
                  "a=rtpID:%" PRIu32 "\n",
                  user, ip.text, session, ip.text, port, port, p->audio.ssrc, port, port, port,
                  port, p->video.ssrc);
    return keep_sdp(&sdp);
}

/* An iChat call on a LAN: Viceroy's SIP (long-form headers, User-Agent, Contact ;isfocus, LF
 * line ends), media on the SIP port, AAC-ELD (105) and Apple's H.264 (126), no FaceTime RTP
 * extension.
 * The SDP is plain, with a Content-Type. */
static void ichat(cg_ft_call *call)
{
    call->caller.host.ip = CG_IPV4(192, 168, 20, 198);
    call->caller.public_ip = call->caller.host.ip;
    call->callee.host.ip = CG_IPV4(192, 168, 20, 201);
    call->callee.public_ip = call->callee.host.ip;
    call->callee.host.ttl = 64;
    call->five_tuple = true;
    call->query_stun_server = false;
    call->call_id = "6F1D5A2C-0B3E-4C47-9D58-E1F2A3B4C5D6";
    call->user = "thiago";
    call->long_form_headers = true;
    call->user_agent = "Viceroy 1.4.1";
    call->contact_params = ";isfocus";
    call->lf_line_ends = true;
    call->rtp_extension = false;
    call->caller.audio.ssrc = 1261706994;
    call->caller.video.ssrc = 1085110790;
    call->callee.audio.ssrc = 2017786402;
    call->callee.video.ssrc = 901244166;
    call->caller.audio.payload_type = 105;
    call->callee.audio.payload_type = 105;
    call->caller.video.payload_type = 126;
    call->callee.video.payload_type = 126;
    call->caller.cname = "thiago@ichat";
    call->callee.cname = "mariana@ichat";
    call->offer.sdp = ichat_sdp(&call->caller, "thiago", 1021);
    call->answer.sdp = ichat_sdp(&call->callee, "mariana", 1022);
    call->offer.encoding = CG_ENCODING_NONE;
    call->offer.content_encoding = NULL;
    call->offer.content_type = true;
    call->answer.encoding = CG_ENCODING_NONE;
    call->answer.content_encoding = NULL;
    call->answer.content_type = true;
}

/* The same iChat call with its SDP deflated (zlib, Content-Encoding: deflate) and no
 * Content-Type: it reaches SIP's heuristic list, as FaceTime's does. */
static void ichat_deflated(cg_ft_call *call)
{
    ichat(call);
    call->offer.encoding = CG_ENCODING_ZLIB;
    call->offer.content_encoding = "deflate";
    call->offer.content_type = false;
    call->answer.encoding = CG_ENCODING_ZLIB;
    call->answer.content_encoding = "deflate";
    call->answer.content_type = false;
}

/* The default SDP of a party, with its o= user replaced and, for "-", s= too. */
static const char *with_origin(const cg_ft_call *call, bool offer, const char *user)
{
    cg_buf sdp;
    cg_buf_init(&sdp);
    if (offer)
        cg_ft_offer_sdp(&sdp, call);
    else
        cg_ft_answer_sdp(&sdp, call);
    cg_buf_put_u8(&sdp, 0);
    const char *text = (const char *)sdp.data;
    const cg_ft_party *party = offer ? &call->caller : &call->callee;
    const char *origin_end = strchr(text, '\n') + 1;       /* after "v=0" */
    const char *owner_end = strchr(origin_end, '\n') + 1;
    const char *name_end = strchr(owner_end, '\n') + 1;
    cg_buf out;
    cg_buf_init(&out);
    cg_buf_put(&out, text, (size_t)(origin_end - text));
    cg_buf_printf(&out, "o=%s 0 0 IN IP4 %s\r\n", user, cg_ipv4_format(party->public_ip).text);
    if (strcmp(user, "-") == 0)
        cg_buf_put_str(&out, "s=-\r\n");
    else
        cg_buf_put(&out, owner_end, (size_t)(name_end - owner_end));
    cg_buf_put_str(&out, name_end);
    cg_buf_free(&sdp);
    return keep_sdp(&out);
}

/* FaceTime SDP whose o= is not GKVoiceChatService: the offer names its user, the answer has
 * none (o=- and s=-, as Apple's composer writes it then). */
static void other_origins(cg_ft_call *call)
{
    call->offer.sdp = with_origin(call, true, "niisato");
    call->answer.sdp = with_origin(call, false, "-");
}

/* An SDP in the full grammar of Apple's composer, for one party. */
static const char *composer_sdp(const cg_ft_call *call, bool offer)
{
    const cg_ft_party *p = offer ? &call->caller : &call->callee;
    cg_ipv4_text ip = cg_ipv4_format(p->public_ip);
    unsigned port = p->media_port;
    cg_buf sdp;
    cg_buf_init(&sdp);
    cg_buf_printf(&sdp,
                  "v=0\r\n"
                  "o=- 0 0 IN IP4 %s\r\n"
                  "s=%s\r\n"
                  "c=IN IP4 %s\r\n"
                  "b=AS:%s\r\n"
                  "t=0 0\r\n"
                  "a=FLS;VRA:0;MVRA:0;RVRA1:1;AS:2;MS:-1;LTR;CABAC;CR:3;LF:-1;PR;CH1:4;CH:4;FA:5;"
                  "AR:667/375,375/667;XR:3/2,2/3;\r\n"
                  "a=X_FLS:123 FLS;VRA:0;CR;LF;XR;UEP;\r\n"
                  "a=X_FLS:100 FLS;SW:1;VRAE;POS:2;EOD;HTS:3;RR;POSE:1;\r\n"
                  "a=DMBR\r\n"
                  "a=CAP\r\n"
                  "a=BBCODEC:2:16000\r\n",
                  ip.text, offer ? "-" : p->session_name, ip.text,
                  offer ? "1500:2000" : "1200:2000");
    cg_buf_printf(&sdp,
                  "m=audio %u RTP/AVP 104 105 106\r\n"
                  "a=fmtp:AAC SamplesPerBlock 480\r\n"
                  "a=allowrecording\r\n"
                  "a=rtpID:%" PRIu32 "\r\n"
                  "a=au:67072\r\n"
                  "a=fmtp:104 sbr;block 480\r\n"
                  "a=fmtp:106 sec;sbr;block 480\r\n",
                  port, p->audio.ssrc);
    cg_buf_printf(&sdp,
                  "m=video %u RTP/AVP 126 123 100\r\n"
                  "a=rtpID:%" PRIu32 "\r\n"
                  "a=rtcp:%u\r\n"
                  "a=rtpmap:126 X-H264/90000\r\n"
                  "a=rtpmap:123 H264/90000\r\n"
                  "a=rtpmap:100 HEVC/90000\r\n"
                  "a=fmtp:126 imagesize 0 rules 30:640:480:640:480:30\r\n"
                  "a=imageattr:126 send [x=640,y=480,fps=30] [x=320,y=240,fps=15,i=1,q=0.30] "
                  "recv [x=[320:16:1280],y=[240:16:720],fps=30]\r\n"
                  "a=ftdisplayattr:resolution [x=%s]\r\n"
                  "a=rtcp-fb:* rpsi nack\r\n",
                  port, p->video.ssrc, port, offer ? "1440,y=900" : "1136,y=640");
    return keep_sdp(&sdp);
}

/* Both bodies in the composer's full grammar: the offer without a user name (s=-), the answer
 * with one. Audio is sent as payload type 105, which the bodies leave without an rtpmap. */
static void composer(cg_ft_call *call)
{
    call->offer.sdp = composer_sdp(call, true);
    call->answer.sdp = composer_sdp(call, false);
    call->caller.audio.payload_type = 105;
    call->callee.audio.payload_type = 105;
}

#define HOSTILE_FLS_KEYS 100000

/* The offer with the dialect's attributes broken at its end: ratios of 0 and of 20 digits, a
 * BBCODEC without its rate, an imageattr range of step 0, a=RTCP naming ports 0 and 70000, and
 * an X_FLS of 100,000 keys (compressed, the body stays a small datagram). */
static void hostile_dialect(cg_ft_call *call)
{
    cg_buf sdp;
    cg_buf_init(&sdp);
    cg_ft_offer_sdp(&sdp, call);
    cg_buf_put_str(&sdp, "a=FLS;AR:0/3,16/9,12345678901234567890/2;XR:5/0;\r\n"
                         "a=BBCODEC:7\r\n"
                         "a=imageattr:126 send [x=[320:0:640],y=240]\r\n"
                         "a=RTCP:AUDIO 0 VIDEO 70000\r\n"
                         "a=X_FLS:100 FLS");
    for (unsigned i = 0; i < HOSTILE_FLS_KEYS; i++)
        cg_buf_put_str(&sdp, ";CR:1");
    cg_buf_put_str(&sdp, "\r\n");
    call->offer.sdp = keep_sdp(&sdp);
}

/* ---- calls as they unfold: the scene fixtures ------------------------------------------- */

/* Each writes its capture into the queue and returns the time from which frames are captured
 * (0: all of them). Times in the comments are seconds after time zero. */

/* Encoded bodies of one fixture, kept until it is written. */
static cg_buf body_storage[16];
static size_t bodies_stored;

static cg_buf *new_body_storage(void)
{
    if (bodies_stored == sizeof body_storage / sizeof body_storage[0])
        cg_die("mkfixtures: too many bodies for one fixture");
    cg_buf *b = &body_storage[bodies_stored++];
    cg_buf_init(b);
    return b;
}

static void forget_bodies(void)
{
    for (size_t i = 0; i < bodies_stored; i++)
        cg_buf_free(&body_storage[i]);
    bodies_stored = 0;
}

static cg_sip_body default_body(const cg_ft_scene *s, bool answer)
{
    return cg_ft_scene_default_body(s, answer, new_body_storage());
}

static cg_sip_body body_of(const cg_ft_scene *s, bool answer, const cg_ft_sdp *sdp)
{
    return cg_ft_scene_body(s, answer, sdp, new_body_storage());
}

/* The template's STUN query (and, in the 5-tuple dialect, its connectivity check). */
static void opening_stun(cg_ft_scene *s)
{
    const cg_ft_timeline *t = &s->call->at;
    uint32_t n = 1;
    cg_ft_scene_stun_query(s, n++, t->stun_request, t->stun_response);
    if (s->call->five_tuple)
        cg_ft_scene_check(s, n++, t->check_request, t->check_response);
}

/* INVITE with the offer, 100 Trying, 180 Ringing, at the template's times. */
static void invite_and_ring(cg_ft_scene *s, const cg_sip_body *offer)
{
    const cg_ft_timeline *t = &s->call->at;
    cg_ft_scene_invite(s, t->invite, offer, NULL);
    cg_ft_scene_respond(s, t->trying, "100 Trying", false, NULL);
    cg_ft_scene_respond(s, t->ringing, "180 Ringing", true, NULL);
}

/* 200 OK with the answer and the ACK (CSeq 1), at the template's times. */
static void answer_and_ack(cg_ft_scene *s, const cg_sip_body *answer)
{
    const cg_ft_timeline *t = &s->call->at;
    cg_ft_scene_respond(s, t->invite_ok, "200 OK", true, answer);
    cg_ft_scene_request(s, true, t->ack, "ACK", 1, NULL, 0, NULL, NULL);
}

/* The template's media, its RTCP and the caller's BYE (CSeq bye_cseq) with its 200 OK. */
static void media_and_bye(cg_ft_scene *s, uint32_t bye_cseq)
{
    const cg_ft_call *c = s->call;
    cg_ft_scene_media(s, 0, c->caller.audio.packet_count, c->caller.video.packet_count);
    if (c->five_tuple)
        cg_ft_scene_check(s, 3, c->at.consent_request, c->at.consent_response);
    cg_ft_scene_rtcp(s, c->at.rtcp);
    cg_ft_scene_request(s, true, c->at.bye, "BYE", bye_cseq, NULL, c->at.bye_ok, "200 OK", NULL);
}

/* The two halves of a call that changes in the middle: 25 audio and 5 video packets a stream
 * from 2.100 s (the template's first half), the change, then as many again 800 ms later. */
#define HALF_AUDIO 25
#define HALF_VIDEO 5
#define SECOND_HALF_OFFSET 800000
#define MIDCALL_REQUEST 2700000      /* the re-INVITE: 2.700 s */
#define SECOND_HALF_RTCP 3400000
#define SECOND_HALF_BYE 3500000
#define SECOND_HALF_BYE_OK 3560000

/* The caller moves from Wi-Fi to LTE: a Binding query from its new address, then a re-INVITE
 * from there with its new public address and media port; media goes on from the new address. */
#define LTE_ADDRESS CG_IPV4(100, 64, 23, 9)
#define LTE_PUBLIC_ADDRESS CG_IPV4(198, 51, 100, 140)
#define LTE_MEDIA_PORT 37350

static uint64_t handover(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_sip_body offer = default_body(&s, false), answer = default_body(&s, true);
    invite_and_ring(&s, &offer);
    answer_and_ack(&s, &answer);
    cg_ft_scene_media(&s, 0, HALF_AUDIO, HALF_VIDEO);

    cg_host lte = call.caller.host;
    lte.ip = LTE_ADDRESS;
    s.caller_host = lte;  /* the media paths follow */
    s.caller_media.src_port = s.callee_media.dst_port = LTE_MEDIA_PORT;
    s.caller_rtcp = s.caller_media;
    s.callee_rtcp = s.callee_media;
    cg_sip_ua_move(&s.caller, &lte, call.caller.sip_port, LTE_PUBLIC_ADDRESS, call.caller.sip_port,
                   call.user);
    cg_path query = { &s.caller.host, call.caller.sip_port, &call.stun_server, call.stun_port,
                      0, false };
    cg_stun_binding(q, &query, 2, cg_ft_scene_at(&s, 2600000), cg_ft_scene_at(&s, 2648000),
                    LTE_PUBLIC_ADDRESS, call.caller.sip_port);

    cg_ft_sdp moved;
    cg_ft_sdp_of_call(&moved, &call, false);
    moved.origin_version = 1;
    moved.connection_ip = LTE_PUBLIC_ADDRESS;
    moved.media_port = moved.rtcp_port = LTE_MEDIA_PORT;
    cg_sip_body reoffer = body_of(&s, false, &moved);
    cg_ft_scene_request(&s, true, MIDCALL_REQUEST, "INVITE", 2, &reoffer, 2790000, "200 OK",
                        &answer);
    cg_ft_scene_request(&s, true, 2810000, "ACK", 2, NULL, 0, NULL, NULL);

    cg_ft_scene_media(&s, SECOND_HALF_OFFSET, HALF_AUDIO, HALF_VIDEO);
    cg_ft_scene_rtcp(&s, SECOND_HALF_RTCP);
    cg_ft_scene_request(&s, true, SECOND_HALF_BYE, "BYE", 3, NULL, SECOND_HALF_BYE_OK, "200 OK",
                        NULL);
    return 0;
}

/* The callee re-INVITEs with new rtpIDs; its media switches to them. */
#define NEW_CALLEE_AUDIO_SSRC 2718281828u
#define NEW_CALLEE_VIDEO_SSRC 1414213562u

static uint64_t reinvite_by_callee(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_sip_body offer = default_body(&s, false), answer = default_body(&s, true);
    invite_and_ring(&s, &offer);
    answer_and_ack(&s, &answer);
    cg_ft_scene_media(&s, 0, HALF_AUDIO, HALF_VIDEO);

    cg_ft_sdp renewed;
    cg_ft_sdp_of_call(&renewed, &call, true);
    renewed.origin_version = 1;
    renewed.audio_ssrc = NEW_CALLEE_AUDIO_SSRC;
    renewed.video_ssrc = NEW_CALLEE_VIDEO_SSRC;
    cg_sip_body reoffer = body_of(&s, true, &renewed);
    cg_ft_scene_request(&s, false, MIDCALL_REQUEST, "INVITE", 1, &reoffer, 2760000, "200 OK",
                        &offer);
    cg_ft_scene_request(&s, false, 2790000, "ACK", 1, NULL, 0, NULL, NULL);

    cg_ft_stream audio = call.callee.audio, video = call.callee.video;
    audio.ssrc = NEW_CALLEE_AUDIO_SSRC;
    audio.first_seq = 0x5000;
    audio.first_timestamp = 0x50000000u;
    video.ssrc = NEW_CALLEE_VIDEO_SSRC;
    video.first_seq = 0x6000;
    video.first_timestamp = 0x60000000u;
    cg_rtp_flow_from_stream(&s.callee_audio, &audio);
    cg_rtp_flow_from_stream(&s.callee_video, &video);
    cg_ft_scene_media(&s, SECOND_HALF_OFFSET, HALF_AUDIO, HALF_VIDEO);
    cg_ft_scene_rtcp(&s, SECOND_HALF_RTCP);
    cg_ft_scene_request(&s, true, SECOND_HALF_BYE, "BYE", 2, NULL, SECOND_HALF_BYE_OK, "200 OK",
                        NULL);
    return 0;
}

/* INVITE, 100, 180, then a final failure where the 200 OK would be, and its ACK. */
static uint64_t refused(cg_queue *q, const char *status)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_sip_body offer = default_body(&s, false);
    invite_and_ring(&s, &offer);
    cg_ft_scene_respond(&s, call.at.invite_ok, status, true, NULL);
    cg_sip_send_failure_ack(q, cg_ft_scene_at(&s, call.at.ack), &s.invite, s.callee.tag);
    return 0;
}

static uint64_t declined(cg_queue *q)
{
    return refused(q, "603 Decline");
}

static uint64_t busy(cg_queue *q)
{
    return refused(q, "486 Busy Here");
}

static uint64_t unavailable(cg_queue *q)
{
    return refused(q, "480 Temporarily Unavailable");
}

/* The caller gives up while it rings. */
static uint64_t cancelled(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_sip_body offer = default_body(&s, false);
    invite_and_ring(&s, &offer);
    cg_sip_txn cancel;
    cg_sip_send_cancel(q, cg_ft_scene_at(&s, 1500000), &s.invite, &cancel);
    cg_sip_send_response(q, cg_ft_scene_at(&s, 1560000), &cancel, "200 OK", s.callee.tag, NULL,
                         NULL);
    cg_ft_scene_respond(&s, 1561000, "487 Request Terminated", true, NULL);
    cg_sip_send_failure_ack(q, cg_ft_scene_at(&s, 1600000), &s.invite, s.callee.tag);
    return 0;
}

/* The INVITE rings the callee's iPhone and iPad; the iPad answers, the iPhone is cancelled. */
#define IPAD_ADDRESS CG_IPV4(203, 0, 113, 60)
#define IPAD_MEDIA_PORT 16390
#define IPAD_TAG "4127395061"
#define IPAD_AUDIO_SSRC 1732584193u
#define IPAD_VIDEO_SSRC 4023233417u

/* The callee's iPad, To the callee's URI as its iPhone. */
static void init_ipad(const cg_ft_scene *s, cg_sip_ua *ipad)
{
    const cg_ft_call *call = s->call;
    cg_host host = call->callee.host;
    host.ip = IPAD_ADDRESS;
    cg_sip_ua_init(ipad, &host, IPAD_ADDRESS, call->callee.sip_port, call->user, IPAD_TAG,
                   "z9hG4bK-ft-c");
    memcpy(ipad->uri, s->callee.uri, sizeof ipad->uri);  /* both branches are To the callee's URI */
}

/* The INVITE to the iPhone and, 1 ms later, to the iPad (branch 2); each sends 100 and 180. */
static void ring_iphone_and_ipad(cg_ft_scene *s, cg_sip_ua *ipad, const cg_sip_body *offer,
                                 cg_sip_txn *to_ipad)
{
    const cg_ft_call *call = s->call;
    cg_ft_scene_invite(s, call->at.invite, offer, NULL);
    cg_sip_request invite = {
        .at = cg_ft_scene_at(s, 201000),
        .from = &s->caller,
        .to = ipad,
        .call_id = call->call_id,
        .method = "INVITE",
        .cseq = 1,
        .contact = true,
        .body = offer,
    };
    cg_sip_send_request(s->q, &invite, to_ipad);
    cg_ft_scene_respond(s, 262000, "100 Trying", false, NULL);
    cg_sip_send_response(s->q, cg_ft_scene_at(s, 264000), to_ipad, "100 Trying", NULL, NULL, NULL);
    cg_ft_scene_respond(s, 305000, "180 Ringing", true, NULL);
    cg_sip_send_response(s->q, cg_ft_scene_at(s, 309000), to_ipad, "180 Ringing", IPAD_TAG, NULL,
                         NULL);
}

/* The iPad's 200 OK at `at`, with its answer: its own address, media port, s= and rtpIDs. */
static void ipad_answers(cg_ft_scene *s, const cg_sip_ua *ipad, const cg_sip_txn *to_ipad,
                         uint64_t at)
{
    cg_ft_sdp ipad_sdp;
    cg_ft_sdp_of_call(&ipad_sdp, s->call, true);
    ipad_sdp.origin_ip = ipad_sdp.connection_ip = IPAD_ADDRESS;
    ipad_sdp.session_name = "hanako-ipad";
    ipad_sdp.media_port = ipad_sdp.rtcp_port = IPAD_MEDIA_PORT;
    ipad_sdp.audio_ssrc = IPAD_AUDIO_SSRC;
    ipad_sdp.video_ssrc = IPAD_VIDEO_SSRC;
    cg_sip_body ipad_answer = body_of(s, true, &ipad_sdp);
    cg_sip_send_response(s->q, cg_ft_scene_at(s, at), to_ipad, "200 OK", IPAD_TAG, ipad->contact,
                         &ipad_answer);
}

/* A request of the caller in its dialog with one device of a fork (its next branch), and the
 * device's response (status NULL: none). */
static void request_to_device(cg_ft_scene *s, const cg_sip_ua *device, uint64_t at,
                              const char *method, uint32_t cseq, uint64_t response_at,
                              const char *status)
{
    cg_sip_request r = {
        .at = cg_ft_scene_at(s, at),
        .from = &s->caller,
        .to = device,
        .call_id = s->call->call_id,
        .method = method,
        .cseq = cseq,
        .in_dialog = true,
    };
    cg_sip_txn txn;
    cg_sip_send_request(s->q, &r, &txn);
    if (status)
        cg_sip_send_response(s->q, cg_ft_scene_at(s, response_at), &txn, status, NULL, NULL,
                             NULL);
}

static uint64_t forked(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    call.callee.cname = "callee-ipad@facetime";  /* only the iPad sends media */
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_sip_body offer = default_body(&s, false);
    cg_sip_ua ipad;
    init_ipad(&s, &ipad);
    cg_sip_txn to_ipad;
    ring_iphone_and_ipad(&s, &ipad, &offer, &to_ipad);
    ipad_answers(&s, &ipad, &to_ipad, call.at.invite_ok);
    request_to_device(&s, &ipad, call.at.ack, "ACK", 1, 0, NULL);

    cg_sip_txn cancel;
    cg_sip_send_cancel(q, cg_ft_scene_at(&s, 2080000), &s.invite, &cancel);
    cg_sip_send_response(q, cg_ft_scene_at(&s, 2140000), &cancel, "200 OK", s.callee.tag, NULL,
                         NULL);
    cg_ft_scene_respond(&s, 2141000, "487 Request Terminated", true, NULL);
    cg_sip_send_failure_ack(q, cg_ft_scene_at(&s, 2150000), &s.invite, s.callee.tag);

    s.callee_host = ipad.host;
    s.caller_media.dst_port = s.callee_media.src_port = IPAD_MEDIA_PORT;
    s.caller_rtcp = s.caller_media;
    s.callee_rtcp = s.callee_media;
    cg_ft_stream audio = call.callee.audio, video = call.callee.video;
    audio.ssrc = IPAD_AUDIO_SSRC;
    video.ssrc = IPAD_VIDEO_SSRC;
    cg_rtp_flow_from_stream(&s.callee_audio, &audio);
    cg_rtp_flow_from_stream(&s.callee_video, &video);
    cg_ft_scene_media(&s, 0, call.caller.audio.packet_count, call.caller.video.packet_count);
    cg_ft_scene_rtcp(&s, call.at.rtcp);
    request_to_device(&s, &ipad, call.at.bye, "BYE", 2, call.at.bye_ok, "200 OK");
    return 0;
}

/* The first INVITE gets no answer; the caller sends it again, byte for byte, 500 ms later
 * (RFC 3261 timer A), and the callee answers that one. */
static uint64_t retransmit_call(cg_queue *q, bool content_type)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    if (content_type)
        with_content_type(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_sip_body offer = default_body(&s, false), answer = default_body(&s, true);
    cg_buf invite;
    cg_buf_init(&invite);
    cg_ft_scene_invite(&s, call.at.invite, &offer, &invite);
    cg_sip_resend(q, cg_ft_scene_at(&s, call.at.invite + 500000), &invite, &s.invite);
    cg_buf_free(&invite);
    cg_ft_scene_respond(&s, 762000, "100 Trying", false, NULL);
    cg_ft_scene_respond(&s, 805000, "180 Ringing", true, NULL);
    answer_and_ack(&s, &answer);
    media_and_bye(&s, 2);
    return 0;
}

static uint64_t retransmitted(cg_queue *q)
{
    return retransmit_call(q, false);
}

/* The same with `c: application/sdp`, which stock dissects: its RTP setup frames to compare. */
static uint64_t retransmitted_with_content_type(cg_queue *q)
{
    return retransmit_call(q, true);
}

/* A MESSAGE in the call whose body is FaceTime SDP with other rtpIDs: not an offer. */
#define MESSAGE_AUDIO_SSRC 2236067977u
#define MESSAGE_VIDEO_SSRC 1732050807u

static uint64_t in_call_message(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_sip_body offer = default_body(&s, false), answer = default_body(&s, true);
    invite_and_ring(&s, &offer);
    answer_and_ack(&s, &answer);
    cg_ft_sdp other;
    cg_ft_sdp_of_call(&other, &call, false);
    other.audio_ssrc = MESSAGE_AUDIO_SSRC;
    other.video_ssrc = MESSAGE_VIDEO_SSRC;
    cg_sip_body message = body_of(&s, false, &other);
    cg_ft_scene_request(&s, true, 2600000, "MESSAGE", 2, &message, 2650000, "200 OK", NULL);
    media_and_bye(&s, 3);
    return 0;
}

/* The INVITE has no body: the 200 OK makes the offer (the callee's SDP) and the ACK carries the
 * answer (the caller's). */
static uint64_t late_offer(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_sip_body callee_sdp = default_body(&s, true), caller_sdp = default_body(&s, false);
    invite_and_ring(&s, NULL);
    cg_ft_scene_respond(&s, call.at.invite_ok, "200 OK", true, &callee_sdp);
    cg_ft_scene_request(&s, true, call.at.ack, "ACK", 1, &caller_sdp, 0, NULL, NULL);
    media_and_bye(&s, 2);
    return 0;
}

/* The template's call, captured from its 200 OK on. */
static uint64_t from_answer(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    cg_ft_scene_template(&s);
    return cg_ft_scene_at(&s, call.at.invite_ok);
}

/* RTCP on its own port, media port + 1, as both SDPs' a=rtcp say. */
static uint64_t rtcp_port(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_ft_sdp offer_sdp, answer_sdp;
    cg_ft_sdp_of_call(&offer_sdp, &call, false);
    cg_ft_sdp_of_call(&answer_sdp, &call, true);
    offer_sdp.rtcp_port = (uint16_t)(offer_sdp.media_port + 1);
    answer_sdp.rtcp_port = (uint16_t)(answer_sdp.media_port + 1);
    cg_sip_body offer = body_of(&s, false, &offer_sdp), answer = body_of(&s, true, &answer_sdp);
    s.caller_rtcp.src_port = s.callee_rtcp.dst_port = offer_sdp.rtcp_port;
    s.caller_rtcp.dst_port = s.callee_rtcp.src_port = answer_sdp.rtcp_port;
    invite_and_ring(&s, &offer);
    answer_and_ack(&s, &answer);
    media_and_bye(&s, 2);
    return 0;
}

/* The callee's NAT maps its UDP 16402 to 61234: SIP, STUN and media come from there, while its
 * Contact, Via and SDP say 16402. Media on the SIP 5-tuple; checks both ways on it. */
#define NAT_MAPPED_PORT 61234

static uint64_t nat_port(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    call.five_tuple = true;
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    s.callee.port = NAT_MAPPED_PORT;
    s.caller_media.dst_port = s.callee_media.src_port = NAT_MAPPED_PORT;
    s.caller_rtcp = s.caller_media;
    s.callee_rtcp = s.callee_media;
    opening_stun(&s);
    cg_path check = { &s.callee.host, NAT_MAPPED_PORT, &s.caller.host, s.caller.port, 0, false };
    cg_stun_binding(q, &check, 4, cg_ft_scene_at(&s, 130000), cg_ft_scene_at(&s, 131000),
                    call.callee.public_ip, NAT_MAPPED_PORT);
    cg_sip_body offer = default_body(&s, false), answer = default_body(&s, true);
    invite_and_ring(&s, &offer);
    answer_and_ack(&s, &answer);
    media_and_bye(&s, 2);
    return 0;
}

/* Mac and iPhone behind one NAT: SIP and media LAN to LAN, both SDPs naming the NAT's public
 * address, the Mac's endpoint learnt by a Binding query from its media socket. */
#define LAN_MAC_ADDRESS CG_IPV4(192, 168, 1, 23)
#define LAN_IPHONE_ADDRESS CG_IPV4(192, 168, 1, 40)
#define LAN_NAT_PUBLIC CG_IPV4(198, 51, 100, 1)
#define LAN_MAC_MEDIA_PORT 16384
#define LAN_IPHONE_MEDIA_PORT 16386

static void lan_devices(cg_ft_call *call)
{
    cg_ft_call_defaults(call);
    call->caller.host.ip = call->caller.public_ip = LAN_MAC_ADDRESS;
    call->caller.media_port = LAN_MAC_MEDIA_PORT;
    static const uint8_t iphone_mac[6] = { 0x9c, 0x20, 0x7b, 0x4a, 0x5b, 0x6c };
    memcpy(call->callee.host.mac, iphone_mac, sizeof iphone_mac);
    call->callee.host.ip = call->callee.public_ip = LAN_IPHONE_ADDRESS;
    call->callee.host.ttl = 64;
    call->callee.media_port = LAN_IPHONE_MEDIA_PORT;
}

/* The Mac's Binding query from its media socket, the bodies naming the NAT's address, the
 * template's call. */
static void lan_call(cg_ft_scene *s)
{
    const cg_ft_call *call = s->call;
    cg_path query = { &s->caller_host, LAN_MAC_MEDIA_PORT, &call->stun_server, call->stun_port,
                      0, false };
    cg_stun_binding(s->q, &query, 1, cg_ft_scene_at(s, call->at.stun_request),
                    cg_ft_scene_at(s, call->at.stun_response), LAN_NAT_PUBLIC,
                    LAN_MAC_MEDIA_PORT);
    cg_ft_sdp offer_sdp, answer_sdp;
    cg_ft_sdp_of_call(&offer_sdp, call, false);
    cg_ft_sdp_of_call(&answer_sdp, call, true);
    offer_sdp.origin_ip = offer_sdp.connection_ip = LAN_NAT_PUBLIC;
    answer_sdp.origin_ip = answer_sdp.connection_ip = LAN_NAT_PUBLIC;
    cg_sip_body offer = body_of(s, false, &offer_sdp), answer = body_of(s, true, &answer_sdp);
    invite_and_ring(s, &offer);
    answer_and_ack(s, &answer);
    media_and_bye(s, 2);
}

static uint64_t nat_lan(cg_queue *q)
{
    cg_ft_call call;
    lan_devices(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    lan_call(&s);
    return 0;
}

/* ft-nat-lan's two devices, but the iPhone's SIP reaches the Mac through the NAT's hairpin, from
 * its public address and port 16403, while the media goes LAN to LAN: no packet of the media
 * is between the SIP's hosts, and only the Mac's STUN answer ties its media socket to its SDP
 * endpoint. */
#define HAIRPIN_SIP_PORT 16403

static uint64_t nat_hairpin(cg_queue *q)
{
    cg_ft_call call;
    lan_devices(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    /* The iPhone's SIP as the Mac sees it: from the router, the NAT's address and port. */
    s.callee.host = call.stun_server;
    s.callee.host.ip = LAN_NAT_PUBLIC;
    s.callee.port = HAIRPIN_SIP_PORT;
    lan_call(&s);
    return 0;
}

/* The 200 OK carries no SDP; media runs on the SIP 5-tuple, which the offer (the template's,
 * m= 37338) does not name either. */
static uint64_t no_sdp_answer(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    call.five_tuple = true;
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_ft_sdp offer_sdp;
    cg_ft_sdp_of_call(&offer_sdp, &call, false);
    offer_sdp.media_port = offer_sdp.rtcp_port = call.caller.media_port;
    cg_sip_body offer = body_of(&s, false, &offer_sdp);
    invite_and_ring(&s, &offer);
    answer_and_ack(&s, NULL);
    media_and_bye(&s, 2);
    return 0;
}

/* The Mac, behind a NAT, relays its media through a TURN server: Allocate, an SDP naming the
 * relayed address, ChannelBind to the callee's media endpoint, then all media as ChannelData. */
#define TURN_SERVER_ADDRESS CG_IPV4(17, 173, 255, 10)
#define TURN_SERVER_PORT 3478
#define TURN_RELAYED_PORT 50000
#define TURN_LIFETIME 600
#define TURN_CHANNEL 0x4000
#define TURN_AUDIO_PAYLOAD 78  /* RTP of 98 bytes: ChannelData padding shows */

static uint64_t turn(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    nat_capture(&call);
    call.caller.audio.payload_len = call.callee.audio.payload_len = TURN_AUDIO_PAYLOAD;
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    cg_host relay = call.stun_server;
    relay.ip = TURN_SERVER_ADDRESS;
    cg_path to_relay = { &s.caller_host, call.caller.sip_port, &relay, TURN_SERVER_PORT, 0, false };
    cg_path from_relay = { &relay, TURN_SERVER_PORT, &s.caller_host, call.caller.sip_port, 0,
                           false };

    uint8_t txid[CG_STUN_TXID_LEN];
    cg_buf attributes, msg;
    cg_buf_init(&attributes);
    cg_buf_init(&msg);
    cg_stun_txid_of(1, txid);
    cg_stun_attribute_u32(&attributes, CG_STUN_ATTR_REQUESTED_TRANSPORT, 17u << 24);  /* UDP */
    cg_stun_message(&msg, CG_TURN_ALLOCATE_REQUEST, txid, &attributes);
    cg_path_send(q, cg_ft_scene_at(&s, 0), &to_relay, msg.data, msg.len);
    attributes.len = msg.len = 0;
    cg_stun_attribute_xor_ipv4(&attributes, CG_STUN_ATTR_XOR_RELAYED_ADDRESS, TURN_SERVER_ADDRESS,
                               TURN_RELAYED_PORT);
    cg_stun_attribute_u32(&attributes, CG_STUN_ATTR_LIFETIME, TURN_LIFETIME);
    cg_stun_attribute_xor_ipv4(&attributes, CG_STUN_ATTR_XOR_MAPPED_ADDRESS,
                               call.caller.public_ip, call.caller.sip_port);
    cg_stun_message(&msg, CG_TURN_ALLOCATE_SUCCESS, txid, &attributes);
    cg_path_send(q, cg_ft_scene_at(&s, 45000), &from_relay, msg.data, msg.len);

    cg_ft_sdp offer_sdp;
    cg_ft_sdp_of_call(&offer_sdp, &call, false);
    offer_sdp.connection_ip = TURN_SERVER_ADDRESS;
    offer_sdp.media_port = offer_sdp.rtcp_port = TURN_RELAYED_PORT;
    cg_sip_body offer = body_of(&s, false, &offer_sdp), answer = default_body(&s, true);
    invite_and_ring(&s, &offer);
    answer_and_ack(&s, &answer);

    attributes.len = msg.len = 0;
    cg_stun_txid_of(2, txid);
    cg_stun_attribute_u32(&attributes, CG_STUN_ATTR_CHANNEL_NUMBER, (uint32_t)TURN_CHANNEL << 16);
    cg_stun_attribute_xor_ipv4(&attributes, CG_STUN_ATTR_XOR_PEER_ADDRESS, call.callee.public_ip,
                               call.callee.media_port);
    cg_stun_message(&msg, CG_TURN_CHANNELBIND_REQUEST, txid, &attributes);
    cg_path_send(q, cg_ft_scene_at(&s, 2080000), &to_relay, msg.data, msg.len);
    msg.len = 0;
    cg_stun_message(&msg, CG_TURN_CHANNELBIND_SUCCESS, txid, NULL);
    cg_path_send(q, cg_ft_scene_at(&s, 2095000), &from_relay, msg.data, msg.len);
    cg_buf_free(&attributes);
    cg_buf_free(&msg);

    to_relay.channel = from_relay.channel = TURN_CHANNEL;
    from_relay.pad = true;  /* the relay pads to 4 bytes, the Mac does not */
    s.caller_media = s.caller_rtcp = to_relay;
    s.callee_media = s.callee_rtcp = from_relay;
    media_and_bye(&s, 2);
    return 0;
}

/* ---- media without signalling ----------------------------------------------------------- */

/* A public capture of FaceTime media: no SIP, addresses and ports rewritten per packet. */
#define MEDIA_ONLY_SEED 0x46544d4fu          /* "FTMO" */
#define MEDIA_ONLY_AUDIO_SSRC 3054198966u
#define MEDIA_ONLY_VIDEO_SSRC 2427707941u
#define MEDIA_ONLY_AUDIO_PACKETS 150
#define MEDIA_ONLY_VIDEO_PACKETS 50
#define STABLE_A_SSRC 1633837924u
#define STABLE_B_SSRC 1701209960u
#define STABLE_PACKETS 30

/* A rewritten address: first byte 1-223 but not 10 or 127, the others anything. */
static uint32_t rewritten_address(cg_xorshift32 *rng)
{
    for (;;) {
        uint32_t ip = cg_xorshift32_next(rng);
        uint32_t first = ip >> 24;
        if (first >= 1 && first <= 223 && first != 10 && first != 127)
            return ip;
    }
}

/* A rewritten port: dynamic (49152-65535). */
static uint16_t rewritten_port(cg_xorshift32 *rng)
{
    return (uint16_t)(49152u + cg_xorshift32_next(rng) % 16384u);
}

static void media_only_stream(cg_queue *q, cg_rtp_flow *flow, cg_xorshift32 *addresses,
                              const cg_host *from_template, const cg_host *to_template,
                              uint64_t first, uint64_t interval, unsigned count)
{
    for (unsigned i = 0; i < count; i++) {
        cg_host from = *from_template, to = *to_template;
        from.ip = rewritten_address(addresses);
        to.ip = rewritten_address(addresses);
        uint16_t from_port = rewritten_port(addresses);
        uint16_t to_port = rewritten_port(addresses);
        cg_path path = { &from, from_port, &to, to_port, 0, false };
        cg_rtp_flow_send(q, flow, &path, first + i * interval, interval, 1);
    }
}

static void stream_at(cg_rtp_flow *flow, uint32_t ssrc, uint8_t pt, bool video, uint16_t seq,
                      uint32_t timestamp)
{
    cg_ft_stream s = {
        .ssrc = ssrc,
        .payload_type = pt,
        .marker = video,
        .first_seq = seq,
        .first_timestamp = timestamp,
        .timestamp_step = video ? 9000 : 480,
        .payload_len = video ? 400 : 80,
    };
    cg_rtp_flow_from_stream(flow, &s);
    flow->extension = CG_RTP_EXT_FACETIME_2;
}

static uint64_t media_only(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    const cg_host *near = &call.caller.host, *far = &call.callee.host;
    uint64_t t0 = call.start_usec;

    cg_xorshift32 addresses;
    cg_xorshift32_seed(&addresses, MEDIA_ONLY_SEED);
    cg_rtp_flow audio, video;
    stream_at(&audio, MEDIA_ONLY_AUDIO_SSRC, 104, false, 0x7100, 0x71000000u);
    stream_at(&video, MEDIA_ONLY_VIDEO_SSRC, 34, true, 0x7200, 0x72000000u);
    /* Interleaved in time, so the rewriting PRNG is drawn in file order. */
    for (unsigned i = 0; i < MEDIA_ONLY_AUDIO_PACKETS; i++) {
        media_only_stream(q, &audio, &addresses, near, far, t0 + 20000u * i, 20000, 1);
        if (i % 3 == 1)
            media_only_stream(q, &video, &addresses, far, near, t0 + 20000u * i + 5000, 60000, 1);
    }

    /* One flow that keeps its addresses: RTP both ways and RTCP on the same 5-tuple. */
    cg_host a = *near, b = *far;
    a.ip = CG_IPV4(192, 0, 2, 50);
    b.ip = CG_IPV4(198, 51, 100, 60);
    cg_path ab = { &a, 16402, &b, 16402, 0, false }, ba = { &b, 16402, &a, 16402, 0, false };
    cg_rtp_flow fa, fb;
    stream_at(&fa, STABLE_A_SSRC, 104, false, 0x7300, 0x73000000u);
    stream_at(&fb, STABLE_B_SSRC, 104, false, 0x7400, 0x74000000u);
    cg_rtp_flow_send(q, &fa, &ab, t0 + 1000000, 20000, STABLE_PACKETS / 2);
    cg_rtp_flow_send(q, &fb, &ba, t0 + 1010000, 20000, STABLE_PACKETS / 2);
    cg_rtp_flow_report(q, &fa, &ab, t0 + 1400000, "a@facetime");
    cg_rtp_flow_report(q, &fb, &ba, t0 + 1401000, "b@facetime");
    cg_rtp_flow_send(q, &fa, &ab, t0 + 1500000, 20000, STABLE_PACKETS / 2);
    cg_rtp_flow_send(q, &fb, &ba, t0 + 1510000, 20000, STABLE_PACKETS / 2);
    cg_rtp_flow_report(q, &fa, &ab, t0 + 1900000, "a@facetime");
    cg_rtp_flow_report(q, &fb, &ba, t0 + 1901000, "b@facetime");

    /* RTP that is not FaceTime's, each on a flow of its own: no extension, and the 0x4400
     * profile with one and with three words. */
    static const struct {
        uint32_t ssrc;
        cg_rtp_ext_kind extension;
        uint8_t last_byte;
        uint16_t port;
    } others[] = {
        { 1852796517u, CG_RTP_EXT_NONE, 80, 50000 },
        { 1869902447u, CG_RTP_EXT_FACETIME_1, 82, 50004 },
        { 1920231791u, CG_RTP_EXT_FACETIME_3, 84, 50008 },
    };
    for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
        cg_host x = *near, y = *far;
        x.ip = CG_IPV4(192, 0, 2, others[k].last_byte);
        y.ip = CG_IPV4(198, 51, 100, others[k].last_byte + 1);
        cg_path p = { &x, others[k].port, &y, (uint16_t)(others[k].port + 2), 0, false };
        cg_rtp_flow f;
        stream_at(&f, others[k].ssrc, 104, false, (uint16_t)(0x7500 + 0x100 * k),
                  0x75000000u + 0x1000000u * (uint32_t)k);
        f.extension = others[k].extension;
        cg_rtp_flow_send(q, &f, &p, t0 + 2000000 + 100000 * k, 20000, 4);
    }
    return 0;
}

/* ---- TURN ChannelData on the call's 5-tuple ---------------------------------------------- */

#define FIVE_TUPLE_CHANNEL 0x4001

/* ft-5tuple's call with four ChannelData datagrams on its SIP/media 5-tuple. */
static uint64_t channel_data_on_5tuple(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    call.five_tuple = true;
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    cg_ft_scene_template(&s);
    static const struct {
        uint64_t at;
        bool from_caller;
        size_t len;
        bool pad;
    } datagrams[] = {
        { 2350500, true, 40, false },
        { 2360500, false, 37, false },
        { 2850500, true, 37, true },
        { 2860500, false, 40, false },
    };
    cg_xorshift32 rng;
    cg_xorshift32_seed(&rng, FIVE_TUPLE_CHANNEL);
    for (size_t i = 0; i < sizeof datagrams / sizeof datagrams[0]; i++) {
        cg_path p = datagrams[i].from_caller ? s.caller_media : s.callee_media;
        p.channel = FIVE_TUPLE_CHANNEL;
        p.pad = datagrams[i].pad;
        cg_buf data;
        cg_buf_init(&data);
        cg_xorshift32_fill(&rng, &data, datagrams[i].len);
        cg_path_send(q, cg_ft_scene_at(&s, datagrams[i].at), &p, data.data, data.len);
        cg_buf_free(&data);
    }
    return 0;
}

/* ---- bodies with more after their compressed stream --------------------------------------- */

/* One side's SDP of the template's call, as text. */
static void template_sdp(const cg_ft_call *call, bool answer, unsigned origin_version,
                         cg_buf *out)
{
    cg_ft_sdp sdp;
    cg_ft_sdp_of_call(&sdp, call, answer);
    sdp.origin_version = origin_version;
    cg_buf_init(out);
    cg_ft_sdp_write(out, &sdp);
}

/* The text as two gzip members (RFC 1952 2.2): its session lines, then its media sections. */
static void put_two_gzip_members(cg_buf *out, const cg_buf *text)
{
    static const char media[] = "\r\nm=";
    size_t split = 0;
    while (split + sizeof media - 1 <= text->len &&
           memcmp(text->data + split, media, sizeof media - 1) != 0)
        split++;
    if (split + sizeof media - 1 > text->len)
        cg_die("mkfixtures: an SDP without media to split off");
    split += 2;
    cg_compress(out, CG_ENCODING_GZIP, 6, text->data, split, 0);
    cg_compress(out, CG_ENCODING_GZIP, 6, text->data + split, text->len - split, 0);
}

#define TRAILING_ZERO_BYTES 16

/* The template's call with bytes after the compressed streams of three bodies: the INVITE's
 * (`e: deflate`) is the offer's zlib stream followed by the answer's; the 200 OK's (`e: gzip`)
 * the answer as two gzip members; a re-INVITE's (no `e:`) the offer, session version 1, as two
 * gzip members followed by 16 zero bytes. */
static uint64_t trailing_data(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    opening_stun(&s);
    cg_buf offer_text, answer_text, reoffer_text;
    template_sdp(&call, false, 0, &offer_text);
    template_sdp(&call, true, 0, &answer_text);
    template_sdp(&call, false, 1, &reoffer_text);

    cg_buf *storage = new_body_storage();
    cg_compress(storage, CG_ENCODING_ZLIB, 6, offer_text.data, offer_text.len, 0);
    cg_compress(storage, CG_ENCODING_ZLIB, 6, answer_text.data, answer_text.len, 0);
    cg_sip_body offer = { storage->data, storage->len, "deflate", NULL };
    storage = new_body_storage();
    put_two_gzip_members(storage, &answer_text);
    cg_sip_body answer = { storage->data, storage->len, "gzip", NULL };
    invite_and_ring(&s, &offer);
    answer_and_ack(&s, &answer);
    cg_ft_scene_media(&s, 0, HALF_AUDIO, HALF_VIDEO);

    storage = new_body_storage();
    put_two_gzip_members(storage, &reoffer_text);
    cg_buf_put_zeros(storage, TRAILING_ZERO_BYTES);
    cg_sip_body reoffer = { storage->data, storage->len, NULL, NULL };
    cg_sip_body reanswer = default_body(&s, true);
    cg_ft_scene_request(&s, true, MIDCALL_REQUEST, "INVITE", 2, &reoffer, 2790000, "200 OK",
                        &reanswer);
    cg_ft_scene_request(&s, true, 2810000, "ACK", 2, NULL, 0, NULL, NULL);
    cg_ft_scene_media(&s, SECOND_HALF_OFFSET, HALF_AUDIO, HALF_VIDEO);
    cg_ft_scene_rtcp(&s, SECOND_HALF_RTCP);
    cg_ft_scene_request(&s, true, SECOND_HALF_BYE, "BYE", 3, NULL, SECOND_HALF_BYE_OK, "200 OK",
                        NULL);
    cg_buf_free(&offer_text);
    cg_buf_free(&answer_text);
    cg_buf_free(&reoffer_text);
    return 0;
}

/* ---- SIP dialogs: one Call-ID, two calls; two dialogs, one call ---------------------------- */

/* The default call as a scene, its STUN query sent and its two bodies made. */
typedef struct default_scene {
    cg_ft_call call;
    cg_ft_scene s;
    cg_sip_body offer, answer;
} default_scene;

static void begin_default_scene(default_scene *d, cg_queue *q)
{
    cg_ft_call_defaults(&d->call);
    cg_ft_scene_init(&d->s, q, &d->call);
    opening_stun(&d->s);
    d->offer = default_body(&d->s, false);
    d->answer = default_body(&d->s, true);
}

/* The same two parties' next call, starting 1 s after the default call's BYE is answered: its
 * own tags, branches, STUN transactions and SSRCs (ft-two-calls' second call's), its own s=. */
static void next_call(cg_ft_call *call)
{
    call->start_usec += call->at.bye_ok + 1000000;
    next_dialog(call);
    call->caller.session_name = "niisato-2";
    call->callee.session_name = "hanako-2";
}

/* The default call, then next_call; a NULL Call-ID keeps the default one. Written by the
 * template, whose Call-IDs may be of any length. */
static uint64_t one_call_after_another(cg_queue *q, const char *first_id, const char *second_id)
{
    cg_ft_call first, second;
    cg_ft_call_defaults(&first);
    second = first;
    next_call(&second);
    if (first_id)
        first.call_id = first_id;
    if (second_id)
        second.call_id = second_id;
    cg_ft_call_emit(q, &first);
    cg_ft_call_emit(q, &second);
    return 0;
}

/* The second call reuses the first's Call-ID. */
static uint64_t call_id_reused(cg_queue *q)
{
    return one_call_after_another(q, NULL, NULL);
}

/* Call-IDs of 200 bytes, the same for 150: the default Call-ID over and over, then the Call-ID
 * of ft-two-calls' second call (first call) or of ft-calls-hostile's stray one (second call)
 * over and over. */
#define LONG_CALL_ID_LEN 200
#define LONG_CALL_ID_SHARED 150

static void fill_repeating(char *out, size_t len, const char *pattern)
{
    size_t pattern_len = strlen(pattern);
    for (size_t i = 0; i < len; i++)
        out[i] = pattern[i % pattern_len];
}

static uint64_t long_call_ids(cg_queue *q)
{
    static const char *const own[2] = { "5E0A9C37-1B2D-4F60-8A13-7C9D2E4F6A81.",
                                        "3F2504E0-4F89-41D3-9A0C-0305E82C3301." };
    static char ids[2][LONG_CALL_ID_LEN + 1];
    for (size_t i = 0; i < 2; i++) {
        fill_repeating(ids[i], LONG_CALL_ID_SHARED, "8C4B2E1A-5D7F-4E3B-9A61-0F2C3D4E5F60.");
        fill_repeating(ids[i] + LONG_CALL_ID_SHARED, LONG_CALL_ID_LEN - LONG_CALL_ID_SHARED,
                       own[i]);
        ids[i][LONG_CALL_ID_LEN] = '\0';
    }
    return one_call_after_another(q, ids[0], ids[1]);
}

/* The INVITE (CSeq 1) is refused with `status` (To tag RETRY_REFUSAL_TAG) and acknowledged; the
 * caller sends it again as CSeq 2 (a new branch; the same Call-ID, From tag and offer), and the
 * call goes on as the default one: 100, 180, 200 OK, ACK (CSeq 2), media, BYE (CSeq 3). */
#define RETRY_REFUSAL_TAG "1618033988"

static uint64_t retried(cg_queue *q, const char *status)
{
    default_scene d;
    begin_default_scene(&d, q);
    cg_ft_scene *s = &d.s;
    const cg_ft_timeline *t = &d.call.at;
    cg_ft_scene_invite(s, t->invite, &d.offer, NULL);
    cg_sip_send_response(q, cg_ft_scene_at(s, 230000), &s->invite, status, RETRY_REFUSAL_TAG,
                         NULL, NULL);
    cg_sip_send_failure_ack(q, cg_ft_scene_at(s, 240000), &s->invite, RETRY_REFUSAL_TAG);
    cg_sip_request again = {
        .at = cg_ft_scene_at(s, 250000),
        .from = &s->caller,
        .to = &s->callee,
        .call_id = d.call.call_id,
        .method = "INVITE",
        .cseq = 2,
        .contact = true,
        .body = &d.offer,
    };
    cg_sip_send_request(q, &again, &s->invite);
    cg_ft_scene_respond(s, t->trying, "100 Trying", false, NULL);
    cg_ft_scene_respond(s, t->ringing, "180 Ringing", true, NULL);
    cg_ft_scene_respond(s, t->invite_ok, "200 OK", true, &d.answer);
    cg_ft_scene_request(s, true, t->ack, "ACK", 2, NULL, 0, NULL, NULL);
    media_and_bye(s, 3);
    return 0;
}

static uint64_t auth_retry(cg_queue *q)
{
    return retried(q, "407 Proxy Authentication Required");
}

static uint64_t auth_retry_401(cg_queue *q)
{
    return retried(q, "401 Unauthorized");
}

static uint64_t glare_retry(cg_queue *q)
{
    return retried(q, "491 Request Pending");
}

/* ft-forked's fork, but both devices answer: the iPhone at 2.010 with the default answer, the
 * iPad 2 ms later with its own. The caller acknowledges both, hangs up on the iPad at once and
 * talks with the iPhone. */
static uint64_t fork_two_answers(cg_queue *q)
{
    default_scene d;
    begin_default_scene(&d, q);
    cg_ft_scene *s = &d.s;
    const cg_ft_timeline *t = &d.call.at;
    cg_sip_ua ipad;
    init_ipad(s, &ipad);
    cg_sip_txn to_ipad;
    ring_iphone_and_ipad(s, &ipad, &d.offer, &to_ipad);
    cg_ft_scene_respond(s, t->invite_ok, "200 OK", true, &d.answer);
    ipad_answers(s, &ipad, &to_ipad, t->invite_ok + 2000);
    cg_ft_scene_request(s, true, t->ack, "ACK", 1, NULL, 0, NULL, NULL);
    request_to_device(s, &ipad, t->ack + 2000, "ACK", 1, 0, NULL);
    request_to_device(s, &ipad, 2080000, "BYE", 2, 2140000, "200 OK");
    media_and_bye(s, 2);
    return 0;
}

/* Before the call, an INVITE without body in the call's Call-ID from another host (its own
 * address, URI and From tag) to the callee, never answered. */
#define STRANGER_ADDRESS CG_IPV4(198, 51, 100, 77)
#define STRANGER_TAG "5772156649"

static uint64_t stray_invite(cg_queue *q)
{
    default_scene d;
    begin_default_scene(&d, q);
    cg_ft_scene *s = &d.s;
    cg_host host = d.call.callee.host;
    host.ip = STRANGER_ADDRESS;
    cg_sip_ua stranger;
    cg_sip_ua_init(&stranger, &host, STRANGER_ADDRESS, d.call.caller.sip_port, d.call.user,
                   STRANGER_TAG, "z9hG4bK-fts-");
    cg_sip_request invite = {
        .at = cg_ft_scene_at(s, 100000),
        .from = &stranger,
        .to = &s->callee,
        .call_id = d.call.call_id,
        .method = "INVITE",
        .cseq = 1,
        .contact = true,
    };
    cg_sip_send_request(q, &invite, NULL);
    invite_and_ring(s, &d.offer);
    answer_and_ack(s, &d.answer);
    media_and_bye(s, 2);
    return 0;
}

/* The 200 OK to the INVITE says `CSeq: 1 invite`. */
static uint64_t cseq_lowercase(cg_queue *q)
{
    default_scene d;
    begin_default_scene(&d, q);
    cg_ft_scene *s = &d.s;
    invite_and_ring(s, &d.offer);
    cg_sip_txn lower = s->invite;
    snprintf(lower.method, sizeof lower.method, "invite");
    cg_sip_send_response(q, cg_ft_scene_at(s, d.call.at.invite_ok), &lower, "200 OK",
                         s->callee.tag, s->callee.contact, &d.answer);
    cg_ft_scene_request(s, true, d.call.at.ack, "ACK", 1, NULL, 0, NULL, NULL);
    media_and_bye(s, 2);
    return 0;
}

/* CSeqs above 32 bits, which the scene layer's cannot be: its transaction records, the messages
 * written here as the layer writes them but for `CSeq: <cseq> <method>`. */
#define LARGE_INVITE_CSEQ "4294967298"
#define LARGE_BYE_CSEQ "4294967299"

/* Transaction t's request (status NULL), or its response with that status, To tagged to_tag
 * when the request's To had none. */
static void send_with_cseq(cg_queue *q, uint64_t at, const cg_sip_txn *t, const char *cseq,
                           const char *status, const char *to_tag, const char *contact,
                           const cg_sip_body *body)
{
    cg_buf msg;
    cg_buf_init(&msg);
    if (status) {
        cg_sip_start_line(&msg, "SIP/2.0 %s", status);
        cg_sip_header(&msg, "v", "%s;rport=%u", t->via, (unsigned)t->client_port);
    } else {
        cg_sip_start_line(&msg, "%s %s SIP/2.0", t->method, t->request_uri);
        cg_sip_header(&msg, "v", "%s", t->via);
    }
    cg_sip_header(&msg, "f", "%s", t->from);
    const char *tag = t->to_tag[0] ? t->to_tag : to_tag;
    if (tag)
        cg_sip_header(&msg, "t", "<%s>;tag=%s", t->to_uri, tag);
    else
        cg_sip_header(&msg, "t", "<%s>", t->to_uri);
    cg_sip_header(&msg, "i", "%s", t->call_id);
    cg_sip_header(&msg, "CSeq", "%s %s", cseq, t->method);
    if (contact)
        cg_sip_header(&msg, "m", "<%s>", contact);
    if (!status)
        cg_sip_header(&msg, "Max-Forwards", "70");
    if (body && body->content_encoding)
        cg_sip_header(&msg, "e", "%s", body->content_encoding);
    cg_sip_end(&msg, "l", body ? body->data : NULL, body ? body->len : 0);
    cg_path forth = { &t->client, t->client_port, &t->server, t->server_port, 0, false };
    cg_path back = { &t->server, t->server_port, &t->client, t->client_port, 0, false };
    cg_path_send(q, at, status ? &back : &forth, msg.data, msg.len);
    cg_buf_free(&msg);
}

/* A request of the caller with that CSeq: the INVITE, or one in the dialog. */
static cg_sip_txn caller_request_with_cseq(cg_ft_scene *s, uint64_t at, const char *method,
                                           const char *cseq, const cg_sip_body *body)
{
    bool invite = strcmp(method, "INVITE") == 0;
    cg_sip_request r = {
        .at = cg_ft_scene_at(s, at),
        .from = &s->caller,
        .to = &s->callee,
        .call_id = s->call->call_id,
        .method = method,
        .in_dialog = !invite,
        .contact = invite,
        .body = body,
    };
    cg_queue *nowhere = cg_queue_new();  /* the layer makes the record; the message is ours */
    cg_sip_txn t;
    cg_sip_send_request(nowhere, &r, &t);
    cg_queue_free(nowhere);
    send_with_cseq(s->q, r.at, &t, cseq, NULL, NULL, invite ? s->caller.contact : NULL, body);
    return t;
}

static uint64_t cseq_large(cg_queue *q)
{
    default_scene d;
    begin_default_scene(&d, q);
    cg_ft_scene *s = &d.s;
    const cg_ft_timeline *t = &d.call.at;
    const char *tag = s->callee.tag;
    cg_sip_txn invite = caller_request_with_cseq(s, t->invite, "INVITE", LARGE_INVITE_CSEQ,
                                                 &d.offer);
    send_with_cseq(q, cg_ft_scene_at(s, t->trying), &invite, LARGE_INVITE_CSEQ, "100 Trying",
                   NULL, NULL, NULL);
    send_with_cseq(q, cg_ft_scene_at(s, t->ringing), &invite, LARGE_INVITE_CSEQ, "180 Ringing",
                   tag, NULL, NULL);
    send_with_cseq(q, cg_ft_scene_at(s, t->invite_ok), &invite, LARGE_INVITE_CSEQ, "200 OK", tag,
                   s->callee.contact, &d.answer);
    caller_request_with_cseq(s, t->ack, "ACK", LARGE_INVITE_CSEQ, NULL);
    cg_ft_scene_media(s, 0, d.call.caller.audio.packet_count, d.call.caller.video.packet_count);
    cg_ft_scene_rtcp(s, t->rtcp);
    cg_sip_txn bye = caller_request_with_cseq(s, t->bye, "BYE", LARGE_BYE_CSEQ, NULL);
    send_with_cseq(q, cg_ft_scene_at(s, t->bye_ok), &bye, LARGE_BYE_CSEQ, "200 OK", NULL, NULL,
                   NULL);
    return 0;
}

/* ---- hostile calls ---------------------------------------------------------------------- */

#define CONFLICT_ADDRESS CG_IPV4(203, 0, 113, 99)
#define CONFLICT_AUDIO_SSRC 3735928559u       /* 0xdeadbeef */
#define CONFLICT_VIDEO_SSRC 3405691582u       /* 0xcafebabe */
#define STRAY_CALL_ID "3F2504E0-4F89-41D3-9A0C-0305E82C3301"
#define STRAY_AUDIO_SSRC 4276215469u          /* 0xfee1dead */
#define STRAY_VIDEO_SSRC 3221229823u          /* 0xc00010ff */
#define STRAY_ANSWER_AUDIO_SSRC 195948557u    /* 0x0badf00d */
#define STRAY_ANSWER_VIDEO_SSRC 2343432205u   /* 0x8badf00d */
#define STRAY_FROM_TAG "271828182"
#define STRAY_TO_TAG "314159265"
#define STRAY_BRANCH_PREFIX "z9hG4bK-ftx-"

/* ft-5tuple's call with, in it: a second, different 200 OK to the INVITE; ChannelData whose
 * length runs past the datagram (on the 5-tuple and towards a TURN port); a Binding success
 * with an IPv6 XOR-MAPPED-ADDRESS on the 5-tuple; RTP with the 0x4400 profile whose extension
 * runs past the packet (on the 5-tuple, and on a flow of its own with the captured signature);
 * and a re-INVITE of a Call-ID never seen. */
static uint64_t hostile_calls(cg_queue *q)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    call.five_tuple = true;
    cg_ft_scene s;
    cg_ft_scene_init(&s, q, &call);
    const cg_ft_timeline *t = &call.at;
    opening_stun(&s);
    cg_sip_body offer = default_body(&s, false), answer = default_body(&s, true);
    invite_and_ring(&s, &offer);
    cg_ft_scene_respond(&s, t->invite_ok, "200 OK", true, &answer);
    cg_ft_sdp conflicting;
    cg_ft_sdp_of_call(&conflicting, &call, true);
    conflicting.origin_ip = conflicting.connection_ip = CONFLICT_ADDRESS;
    conflicting.audio_ssrc = CONFLICT_AUDIO_SSRC;
    conflicting.video_ssrc = CONFLICT_VIDEO_SSRC;
    cg_sip_body second = body_of(&s, true, &conflicting);
    cg_ft_scene_respond(&s, 2020000, "200 OK", true, &second);
    cg_ft_scene_request(&s, true, t->ack, "ACK", 1, NULL, 0, NULL, NULL);

    cg_ft_scene_media(&s, 0, call.caller.audio.packet_count, call.caller.video.packet_count);
    cg_ft_scene_rtcp(&s, t->rtcp);
    cg_ft_scene_request(&s, true, t->bye, "BYE", 2, NULL, t->bye_ok, "200 OK", NULL);

    /* ChannelData saying 200 bytes with 20 there: on the 5-tuple, and to a TURN server. */
    cg_buf raw;
    cg_buf_init(&raw);
    cg_buf_put_be16(&raw, 0x4000);
    cg_buf_put_be16(&raw, 200);
    cg_xorshift32 rng;
    cg_xorshift32_seed(&rng, 0x4000);
    cg_xorshift32_fill(&rng, &raw, 20);
    cg_path_send(q, cg_ft_scene_at(&s, 2350500), &s.caller_media, raw.data, raw.len);
    cg_host relay = call.stun_server;
    relay.ip = TURN_SERVER_ADDRESS;
    cg_path to_relay = { &s.caller_host, call.caller.sip_port, &relay, TURN_SERVER_PORT, 0,
                         false };
    cg_path_send(q, cg_ft_scene_at(&s, 2360500), &to_relay, raw.data, raw.len);

    /* The consent check answered with an IPv6 mapped address (2001:db8::1, port 16402). */
    uint8_t txid[CG_STUN_TXID_LEN];
    cg_stun_txid_of(call.stun_txid_base + 3, txid);
    raw.len = 0;
    cg_stun_binding_request(&raw, txid);
    cg_path_send(q, cg_ft_scene_at(&s, t->consent_request), &s.caller_media, raw.data, raw.len);
    static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    cg_buf attributes;
    cg_buf_init(&attributes);
    cg_stun_attribute_xor_ipv6(&attributes, CG_STUN_ATTR_XOR_MAPPED_ADDRESS, v6,
                               call.caller.sip_port, txid);
    raw.len = 0;
    cg_stun_message(&raw, CG_STUN_BINDING_SUCCESS, txid, &attributes);
    cg_path_send(q, cg_ft_scene_at(&s, t->consent_response), &s.callee_media, raw.data, raw.len);
    cg_buf_free(&attributes);

    /* RTP whose 0x4400 extension runs past the packet: length 0xffff with 4 bytes there, on the
     * 5-tuple (the caller's audio SSRC); length 2 with 4 of its 8 bytes, on a flow of its own. */
    static const uint8_t four[4] = { 0, 0, 0, 0 };
    cg_rtp_header h = { 104, false, 0x1100, 0x11000000u, call.caller.audio.ssrc, false };
    cg_rtp_extension long_ext = { CG_RTP_FACETIME_EXTENSION_PROFILE, 0xffff, four, 4 };
    raw.len = 0;
    cg_rtp_packet_ext(&raw, &h, &long_ext, NULL, 0);
    cg_path_send(q, cg_ft_scene_at(&s, 2700500), &s.caller_media, raw.data, raw.len);
    cg_host x = call.caller.host, y = call.callee.host;
    x.ip = CG_IPV4(192, 0, 2, 90);
    y.ip = CG_IPV4(198, 51, 100, 91);
    cg_path own = { &x, 50020, &y, 50022, 0, false };
    cg_rtp_header g = { 104, false, 0x7700, 0x77000000u, 2004318071u, false };
    cg_rtp_extension short_ext = { CG_RTP_FACETIME_EXTENSION_PROFILE, 2, four, 4 };
    raw.len = 0;
    cg_rtp_packet_ext(&raw, &g, &short_ext, NULL, 0);
    cg_path_send(q, cg_ft_scene_at(&s, 2710500), &own, raw.data, raw.len);
    cg_buf_free(&raw);

    /* A re-INVITE, with both tags, of a dialog this capture never saw begin. */
    cg_sip_ua stray_caller = s.caller, stray_callee = s.callee;
    snprintf(stray_caller.tag, sizeof stray_caller.tag, "%s", STRAY_FROM_TAG);
    snprintf(stray_callee.tag, sizeof stray_callee.tag, "%s", STRAY_TO_TAG);
    snprintf(stray_caller.branch_prefix, sizeof stray_caller.branch_prefix, "%s",
             STRAY_BRANCH_PREFIX);
    stray_caller.branches = 0;
    cg_ft_sdp stray_sdp;
    cg_ft_sdp_of_call(&stray_sdp, &call, false);
    stray_sdp.origin_version = 4;
    stray_sdp.audio_ssrc = STRAY_AUDIO_SSRC;
    stray_sdp.video_ssrc = STRAY_VIDEO_SSRC;
    cg_sip_body stray_offer = body_of(&s, false, &stray_sdp);
    cg_sip_request reinvite = {
        .at = cg_ft_scene_at(&s, 2900000),
        .from = &stray_caller,
        .to = &stray_callee,
        .call_id = STRAY_CALL_ID,
        .method = "INVITE",
        .cseq = 7,
        .in_dialog = true,
        .contact = true,
        .body = &stray_offer,
    };
    cg_sip_txn stray;
    cg_sip_send_request(q, &reinvite, &stray);
    cg_ft_sdp stray_answer_sdp;
    cg_ft_sdp_of_call(&stray_answer_sdp, &call, true);
    stray_answer_sdp.origin_version = 4;
    stray_answer_sdp.audio_ssrc = STRAY_ANSWER_AUDIO_SSRC;
    stray_answer_sdp.video_ssrc = STRAY_ANSWER_VIDEO_SSRC;
    cg_sip_body stray_answer = body_of(&s, true, &stray_answer_sdp);
    cg_sip_send_response(q, cg_ft_scene_at(&s, 2960000), &stray, "200 OK", NULL,
                         stray_callee.contact, &stray_answer);
    cg_sip_request stray_ack = {
        .at = cg_ft_scene_at(&s, 2980000),
        .from = &stray_caller,
        .to = &stray_callee,
        .call_id = STRAY_CALL_ID,
        .method = "ACK",
        .cseq = 7,
        .in_dialog = true,
    };
    cg_sip_send_request(q, &stray_ack, NULL);
    return 0;
}

/* ---- captures of the template with other SSRCs ------------------------------------------- */

/* ft-two-calls' second call, announcing and sending the first call's four SSRCs. */
static void second_call_same_ssrcs(cg_ft_call *call)
{
    cg_ft_call first;
    cg_ft_call_defaults(&first);
    second_call(call);
    call->caller.audio.ssrc = first.caller.audio.ssrc;
    call->caller.video.ssrc = first.caller.video.ssrc;
    call->callee.audio.ssrc = first.callee.audio.ssrc;
    call->callee.video.ssrc = first.callee.video.ssrc;
}

/* SSRC 0 for the caller's audio, the caller's video SSRC for the three other streams. */
static void clashing_ssrcs(cg_ft_call *call)
{
    uint32_t shared = call->caller.video.ssrc;
    call->caller.audio.ssrc = 0;
    call->callee.audio.ssrc = shared;
    call->callee.video.ssrc = shared;
}

typedef struct fixture {
    const char *file_name;
    void (*vary)(cg_ft_call *call);    /* what differs from cg_ft_call_defaults */
    void (*second)(cg_ft_call *call);  /* a second call in the same capture, or NULL */
    /* Instead of the template: the capture told step by step; returns the time its capture
     * starts at (0: all frames). */
    uint64_t (*scene)(cg_queue *q);
} fixture;

static const fixture fixtures[] = {
    { "facetime-call.pcap", nat_capture, NULL, NULL },
    { "ft-ctype.pcap", with_content_type, NULL, NULL },
    { "ft-deflate.pcap", raw_deflate, NULL, NULL },
    { "ft-gzip.pcap", gzip, NULL, NULL },
    { "ft-noe.pcap", compressed_without_content_encoding, NULL, NULL },
    { "ft-5tuple.pcap", five_tuple, NULL, NULL },
    { "ft-plain.pcap", plain, NULL, NULL },
    { "ft-corrupt.pcap", corrupt_invite, NULL, NULL },
    { "ft-truncated.pcap", truncated_invite, NULL, NULL },
    { "ft-bomb.pcap", bombs, NULL, NULL },
    { "ft-content-length.pcap", short_content_length, NULL, NULL },
    { "ft-dictionary.pcap", preset_dictionary, NULL, NULL },
    { "ft-newline-headers.pcap", newlines_in_headers, NULL, NULL },
    { "ft-two-calls.pcap", nat_capture, second_call, NULL },
    { "ft-ichat.pcap", ichat, NULL, NULL },
    { "ft-ichat-deflate.pcap", ichat_deflated, NULL, NULL },
    { "ft-origins.pcap", other_origins, NULL, NULL },
    { "ft-composer.pcap", composer, NULL, NULL },
    { "ft-dialect-bad.pcap", hostile_dialect, NULL, NULL },
    { "ft-handover.pcap", NULL, NULL, handover },
    { "ft-reinvite-callee.pcap", NULL, NULL, reinvite_by_callee },
    { "ft-declined.pcap", NULL, NULL, declined },
    { "ft-busy.pcap", NULL, NULL, busy },
    { "ft-failed.pcap", NULL, NULL, unavailable },
    { "ft-cancelled.pcap", NULL, NULL, cancelled },
    { "ft-forked.pcap", NULL, NULL, forked },
    { "ft-retransmit.pcap", NULL, NULL, retransmitted },
    { "ft-retransmit-ctype.pcap", NULL, NULL, retransmitted_with_content_type },
    { "ft-message.pcap", NULL, NULL, in_call_message },
    { "ft-late-offer.pcap", NULL, NULL, late_offer },
    { "ft-from-answer.pcap", NULL, NULL, from_answer },
    { "ft-rtcp-port.pcap", NULL, NULL, rtcp_port },
    { "ft-nat-port.pcap", NULL, NULL, nat_port },
    { "ft-nat-lan.pcap", NULL, NULL, nat_lan },
    { "ft-nat-hairpin.pcap", NULL, NULL, nat_hairpin },
    { "ft-no-sdp-answer.pcap", NULL, NULL, no_sdp_answer },
    { "ft-turn.pcap", NULL, NULL, turn },
    { "ft-media-only.pcap", NULL, NULL, media_only },
    { "ft-same-ssrc.pcap", nat_capture, second_call_same_ssrcs, NULL },
    { "ft-ssrc-clash.pcap", clashing_ssrcs, NULL, NULL },
    { "ft-channeldata-5tuple.pcap", NULL, NULL, channel_data_on_5tuple },
    { "ft-calls-hostile.pcap", NULL, NULL, hostile_calls },
    { "ft-trailing.pcap", NULL, NULL, trailing_data },
    { "ft-callid-reuse.pcap", NULL, NULL, call_id_reused },
    { "ft-auth-retry.pcap", NULL, NULL, auth_retry },
    { "ft-auth-retry-401.pcap", NULL, NULL, auth_retry_401 },
    { "ft-glare-retry.pcap", NULL, NULL, glare_retry },
    { "ft-fork-two-answers.pcap", NULL, NULL, fork_two_answers },
    { "ft-stray-invite.pcap", NULL, NULL, stray_invite },
    { "ft-long-callid.pcap", NULL, NULL, long_call_ids },
    { "ft-cseq-large.pcap", NULL, NULL, cseq_large },
    { "ft-cseq-lowercase.pcap", NULL, NULL, cseq_lowercase },
};

static char *join_path(const char *dir, const char *file_name)
{
    size_t dir_len = strlen(dir), name_len = strlen(file_name);
    char *path = cg_malloc(dir_len + 1 + name_len + 1);
    memcpy(path, dir, dir_len);
    path[dir_len] = '/';
    memcpy(path + dir_len + 1, file_name, name_len + 1);
    return path;
}

static void write_fixture(const char *out_dir, const fixture *f, cg_queue *queue)
{
    char *path = join_path(out_dir, f->file_name);
    cg_pcap *pcap = cg_pcap_open(path);
    if (f->scene) {
        uint64_t captured_from = f->scene(queue);
        cg_queue_flush_from(queue, pcap, captured_from);
    } else {
        cg_ft_call call;
        cg_ft_call_defaults(&call);
        f->vary(&call);
        cg_ft_call_emit(queue, &call);
        if (f->second) {
            cg_ft_call second;
            cg_ft_call_defaults(&second);
            f->vary(&second);
            f->second(&second);
            cg_ft_call_emit(queue, &second);
        }
        cg_queue_flush(queue, pcap);
    }
    forget_sdp();
    forget_bodies();
    uint64_t frames = cg_pcap_frame_count(pcap);
    cg_pcap_close(pcap);
    printf("%s: %llu frames\n", path, (unsigned long long)frames);
    free(path);
}

/* ---- the scene layer against the template ---------------------------------------------- */

static cg_buf read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        cg_die("%s: cannot open", path);
    cg_buf b;
    cg_buf_init(&b);
    uint8_t chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cg_buf_put(&b, chunk, n);
    if (ferror(f))
        cg_die("%s: read failed", path);
    fclose(f);
    return b;
}

static void write_call(const char *path, const cg_ft_call *call, bool as_scene, cg_queue *queue)
{
    cg_pcap *pcap = cg_pcap_open(path);
    if (as_scene) {
        cg_ft_scene s;
        cg_ft_scene_init(&s, queue, call);
        cg_ft_scene_template(&s);
    } else {
        cg_ft_call_emit(queue, call);
    }
    cg_queue_flush(queue, pcap);
    cg_pcap_close(pcap);
}

/* The scene fixtures say "the template's call, with ...": that holds only if the scene layer,
 * told the template's steps, writes the template's bytes. Checked on the public, NAT and
 * 5-tuple forms. */
static int check_scenes(const char *out_dir)
{
    static const struct {
        const char *name;
        void (*vary)(cg_ft_call *call);
    } forms[] = {
        { "public", NULL },
        { "nat", nat_capture },
        { "5tuple", five_tuple },
    };
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST)
        cg_die("%s: cannot create: %s", out_dir, strerror(errno));
    cg_queue *queue = cg_queue_new();
    int failures = 0;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        cg_ft_call call;
        cg_ft_call_defaults(&call);
        if (forms[i].vary)
            forms[i].vary(&call);
        char name[64];
        snprintf(name, sizeof name, "template-%s.pcap", forms[i].name);
        char *template_path = join_path(out_dir, name);
        snprintf(name, sizeof name, "scene-%s.pcap", forms[i].name);
        char *scene_path = join_path(out_dir, name);
        write_call(template_path, &call, false, queue);
        write_call(scene_path, &call, true, queue);
        cg_buf a = read_file(template_path), b = read_file(scene_path);
        bool same = a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
        printf("%s: the scene layer writes %s the template\n", forms[i].name,
               same ? "exactly" : "OTHER BYTES THAN");
        failures += !same;
        cg_buf_free(&a);
        cg_buf_free(&b);
        free(template_path);
        free(scene_path);
    }
    cg_queue_free(queue);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--check-scenes") == 0)
        return check_scenes(argv[2]);
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n       %s --check-scenes SCRATCHDIR\n",
                argc > 0 ? argv[0] : "mkfixtures", argc > 0 ? argv[0] : "mkfixtures");
        return 2;
    }
    cg_queue *queue = cg_queue_new();
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
        write_fixture(argv[1], &fixtures[i], queue);
    cg_queue_free(queue);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mkfixtures: cannot write to standard output\n");
        return 1;
    }
    return 0;
}
