/* mkstress.c - writes the large captures the hostile and scaling tests make on demand.
 *
 * Usage: mkstress [OPTION...] KIND COUNT OUTDIR
 *
 *   reinvites N   one call with N re-INVITEs from the caller, each answered (200 OK) and
 *                 acknowledged; the offers and answers are the template's bodies, or, with
 *                 --mlines K, bodies of K m= lines each
 *   ssrcs N       one call whose re-INVITEs announce N distinct SSRCs in all (a=rtpID),
 *                 --per-message M of them a re-INVITE (default 400)
 *   calls M       M overlapping calls that all announce the template's four SSRCs (with
 *                 --distinct, each call its own four)
 *   mlines K      one call whose INVITE and 200 OK have K m= lines each
 *
 * Options: --mlines K, --per-message M, --distinct as above; --rtpids gives every m= line of
 * the --mlines and mlines bodies an a=rtpID of its own; --packets P sets the RTP packets a
 * stream sends in each burst (default 10); --one-port puts every m= line of those bodies on one
 * port (FaceTime's way, and the body that packs the most lines into a datagram: 100,000 m=
 * lines compress to about 7 KB).
 *
 * The file is OUTDIR/stress-KIND-COUNT[-mlines-K][-rtpids][-one-port][-distinct].pcap. Every capture is
 * a function of its arguments, like the fixtures, and is never committed: scripts make 1x, 2x,
 * 4x and 8x versions by varying COUNT. Every SDP is compressed (zlib, `e: deflate`), and a
 * message that would not fit in one UDP datagram of 65,000 bytes stops the program rather than
 * being cut.
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

#define MAX_MESSAGE_BYTES 65000u
#define SIP_HEADER_ROOM 1000u          /* more than any header block this program writes */
#define CYCLE_USEC 30000u              /* one re-INVITE, its 200 OK and ACK */
#define OK_AFTER_USEC 10000u
#define ACK_AFTER_USEC 20000u
#define CALL_SPACING_USEC 100000u      /* calls: one starts every 100 ms */
#define FIRST_MLINE_PORT 20000u
#define FIRST_ANSWER_MLINE_PORT 30000u
#define FIRST_OFFER_RTPID 1000000000u
#define FIRST_ANSWER_RTPID 3000000000u

typedef struct options {
    unsigned mlines;        /* 0: the template's bodies */
    unsigned per_message;
    bool distinct;
    bool rtpids;
    unsigned packets;
    bool one_port;          /* the m= lines of --mlines and mlines bodies on one port */
} options;

/* The step between the ports of a body's m= lines. */
static unsigned mline_port_step(const options *o)
{
    return o->one_port ? 0 : 2;
}

static void usage(const char *program)
{
    fprintf(stderr,
            "usage: %s [--mlines K] [--rtpids] [--one-port] [--per-message M] [--distinct] [--packets P] "
            "KIND COUNT OUTDIR\n"
            "  reinvites N  one call with N re-INVITEs (--mlines K: bodies of K m= lines)\n"
            "  ssrcs N      one call whose re-INVITEs announce N distinct SSRCs in all\n"
            "  calls M      M calls that all announce the same four SSRCs (--distinct: not)\n"
            "  mlines K     one INVITE and its 200 OK with K m= lines each\n",
            program);
    exit(2);
}

static unsigned parse_count(const char *text, const char *what)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || end == text || *end || v == 0 || v > 100000000ul)
        cg_die("%s wants a whole number from 1 to 100000000, not '%s'", what, text);
    return (unsigned)v;
}

/* The session part of the template's bodies, then `sections` m= lines on ports first_port,
 * first_port + port_step, ...; with first_rtpid, each followed by a=rtpID:first_rtpid + j. */
static void sdp_of_lines(cg_buf *out, uint32_t ip, unsigned version,
                         const char *session_name, unsigned sections, unsigned first_port,
                         unsigned port_step, uint32_t first_rtpid)
{
    if (first_port + (uint64_t)port_step * (sections - 1) > 65535u)
        cg_die("%u m= lines from port %u run past port 65535", sections, first_port);
    cg_ipv4_text text = cg_ipv4_format(ip);
    cg_buf_printf(out,
                  "v=0\r\n"
                  "o=GKVoiceChatService 0 %u IN IP4 %s\r\n"
                  "s=%s\r\n"
                  "c=IN IP4 %s\r\n"
                  "b=AS:2000\r\n"
                  "t=0 0\r\n"
                  "a=DMBR\r\n",
                  version, text.text, session_name, text.text);
    for (unsigned j = 0; j < sections; j++) {
        cg_buf_printf(out, "m=audio %u RTP/AVP 104\r\n", first_port + port_step * j);
        if (first_rtpid)
            cg_buf_printf(out, "a=rtpID:%" PRIu32 "\r\n", first_rtpid + j);
    }
}

/* Compressed as FaceTime sends it; a body that would not fit in one datagram stops here. */
static cg_sip_body encode(cg_buf *storage, const cg_buf *sdp)
{
    storage->len = 0;
    cg_sip_body body = cg_ft_body_of(storage, sdp);
    if (body.len + SIP_HEADER_ROOM > MAX_MESSAGE_BYTES)
        cg_die("an SDP of %zu bytes compresses to %zu, which does not fit in one datagram of "
               "%u bytes: use more messages of fewer lines",
               sdp->len, body.len, MAX_MESSAGE_BYTES);
    return body;
}

typedef struct writer {
    cg_pcap *pcap;
    cg_queue *queue;
    char *path;
} writer;

static writer open_writer(const char *dir, const char *kind, unsigned count, const options *o)
{
    char name[160];
    int n = snprintf(name, sizeof name, "stress-%s-%u", kind, count);
    if (o->mlines && strcmp(kind, "reinvites") == 0)
        n += snprintf(name + n, sizeof name - (size_t)n, "-mlines-%u", o->mlines);
    if (o->rtpids && (o->mlines || strcmp(kind, "mlines") == 0))
        n += snprintf(name + n, sizeof name - (size_t)n, "-rtpids");
    if (o->one_port && (o->mlines || strcmp(kind, "mlines") == 0))
        n += snprintf(name + n, sizeof name - (size_t)n, "-one-port");
    if (o->distinct && strcmp(kind, "calls") == 0)
        n += snprintf(name + n, sizeof name - (size_t)n, "-distinct");
    snprintf(name + n, sizeof name - (size_t)n, ".pcap");
    size_t len = strlen(dir) + 1 + strlen(name) + 1;
    writer w;
    w.path = cg_malloc(len);
    snprintf(w.path, len, "%s/%s", dir, name);
    w.pcap = cg_pcap_open(w.path);
    w.queue = cg_queue_new();
    return w;
}

static void close_writer(writer *w)
{
    cg_queue_flush(w->queue, w->pcap);
    uint64_t frames = cg_pcap_frame_count(w->pcap);
    cg_pcap_close(w->pcap);
    cg_queue_free(w->queue);
    printf("%s: %" PRIu64 " frames\n", w->path, frames);
    free(w->path);
}

/* The template's call up to its ACK, and a burst of media from 2.100 s. */
static void call_opening(cg_ft_scene *s, const cg_sip_body *offer, const cg_sip_body *answer,
                         const options *o)
{
    const cg_ft_timeline *t = &s->call->at;
    cg_ft_scene_invite(s, t->invite, offer, NULL);
    cg_ft_scene_respond(s, t->trying, "100 Trying", false, NULL);
    cg_ft_scene_respond(s, t->ringing, "180 Ringing", true, NULL);
    cg_ft_scene_respond(s, t->invite_ok, "200 OK", true, answer);
    cg_ft_scene_request(s, true, t->ack, "ACK", 1, NULL, 0, NULL, NULL);
    cg_ft_scene_media(s, 0, o->packets, o->packets / 5 ? o->packets / 5 : 1);
}

/* Media again `after` the template's start of media, then RTCP and the BYE (CSeq bye_cseq). */
static void call_closing(cg_ft_scene *s, uint64_t after, uint32_t bye_cseq, const options *o)
{
    cg_ft_scene_media(s, after, o->packets, o->packets / 5 ? o->packets / 5 : 1);
    uint64_t end = s->call->caller.audio.first_usec + after + 1000000u;
    cg_ft_scene_rtcp(s, end);
    cg_ft_scene_request(s, true, end + 100000u, "BYE", bye_cseq, NULL, end + 160000u, "200 OK",
                        NULL);
}

/* Re-INVITE number i (CSeq i + 2) at `at`, its 200 OK and its ACK. */
static void reinvite(cg_ft_scene *s, uint64_t at, unsigned i, const cg_sip_body *offer,
                     const cg_sip_body *answer)
{
    uint32_t cseq = i + 2;
    cg_ft_scene_request(s, true, at, "INVITE", cseq, offer, at + OK_AFTER_USEC, "200 OK", answer);
    cg_ft_scene_request(s, true, at + ACK_AFTER_USEC, "ACK", cseq, NULL, 0, NULL, NULL);
}

static void write_reinvites(writer *w, unsigned n, const options *o)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, w->queue, &call);
    cg_buf offer_storage, answer_storage, sdp;
    cg_buf_init(&offer_storage);
    cg_buf_init(&answer_storage);
    cg_buf_init(&sdp);
    cg_sip_body offer = cg_ft_scene_default_body(&s, false, &offer_storage);
    cg_sip_body answer = cg_ft_scene_default_body(&s, true, &answer_storage);
    call_opening(&s, &offer, &answer, o);

    uint64_t first = 3000000;  /* after the opening media */
    uint32_t offer_rtpid = o->rtpids ? FIRST_OFFER_RTPID : 0;
    uint32_t answer_rtpid = o->rtpids ? FIRST_ANSWER_RTPID : 0;
    if (o->mlines) {
        sdp.len = 0;
        sdp_of_lines(&sdp, call.callee.public_ip, 0, call.callee.session_name, o->mlines,
                     FIRST_ANSWER_MLINE_PORT, mline_port_step(o), answer_rtpid);
        answer = encode(&answer_storage, &sdp);
    }
    for (unsigned i = 0; i < n; i++) {
        /* Each offer is a new version of the caller's session (RFC 3264 8). */
        sdp.len = 0;
        if (o->mlines) {
            sdp_of_lines(&sdp, call.caller.public_ip, i + 1, call.caller.session_name,
                         o->mlines, FIRST_MLINE_PORT, mline_port_step(o), offer_rtpid);
        } else {
            cg_ft_sdp offer_sdp;
            cg_ft_sdp_of_call(&offer_sdp, &call, false);
            offer_sdp.origin_version = i + 1;
            cg_ft_sdp_write(&sdp, &offer_sdp);
        }
        offer = encode(&offer_storage, &sdp);
        uint64_t at = first + (uint64_t)i * CYCLE_USEC;
        reinvite(&s, at, i, &offer, &answer);
        cg_queue_flush_before(w->queue, w->pcap, cg_ft_scene_at(&s, at));
    }
    call_closing(&s, first + (uint64_t)n * CYCLE_USEC, n + 2, o);
    cg_buf_free(&offer_storage);
    cg_buf_free(&answer_storage);
    cg_buf_free(&sdp);
}

static void write_ssrcs(writer *w, unsigned n, const options *o)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, w->queue, &call);
    cg_buf offer_storage, answer_storage, sdp;
    cg_buf_init(&offer_storage);
    cg_buf_init(&answer_storage);
    cg_buf_init(&sdp);
    cg_sip_body offer = cg_ft_scene_default_body(&s, false, &offer_storage);
    cg_sip_body answer = cg_ft_scene_default_body(&s, true, &answer_storage);
    call_opening(&s, &offer, &answer, o);

    uint64_t first = 3000000;
    unsigned messages = (n + o->per_message - 1) / o->per_message;
    uint32_t next_rtpid = FIRST_OFFER_RTPID;
    for (unsigned i = 0; i < messages; i++) {
        unsigned sections = n - i * o->per_message;
        if (sections > o->per_message)
            sections = o->per_message;
        /* FaceTime's way: every stream on the one media port. The answer accepts them all
         * and announces nothing new. */
        sdp.len = 0;
        cg_ipv4_text ip = cg_ipv4_format(call.caller.public_ip);
        cg_buf_printf(&sdp,
                      "v=0\r\no=GKVoiceChatService 0 %u IN IP4 %s\r\ns=%s\r\nc=IN IP4 %s\r\n"
                      "b=AS:2000\r\nt=0 0\r\na=DMBR\r\n",
                      i + 1, ip.text, call.caller.session_name, ip.text);
        for (unsigned j = 0; j < sections; j++)
            cg_buf_printf(&sdp, "m=audio %u RTP/AVP 104\r\na=rtpID:%" PRIu32 "\r\n",
                          (unsigned)call.caller.media_port, next_rtpid++);
        offer = encode(&offer_storage, &sdp);
        sdp.len = 0;
        ip = cg_ipv4_format(call.callee.public_ip);
        cg_buf_printf(&sdp,
                      "v=0\r\no=GKVoiceChatService 0 %u IN IP4 %s\r\ns=%s\r\nc=IN IP4 %s\r\n"
                      "b=AS:2000:1500\r\nt=0 0\r\na=DMBR\r\n",
                      i + 1, ip.text, call.callee.session_name, ip.text);
        for (unsigned j = 0; j < sections; j++)
            cg_buf_printf(&sdp, "m=audio %u RTP/AVP 104\r\n", (unsigned)call.callee.media_port);
        answer = encode(&answer_storage, &sdp);
        uint64_t at = first + (uint64_t)i * CYCLE_USEC;
        reinvite(&s, at, i, &offer, &answer);
        cg_queue_flush_before(w->queue, w->pcap, cg_ft_scene_at(&s, at));
    }
    call_closing(&s, first + (uint64_t)messages * CYCLE_USEC, messages + 2, o);
    cg_buf_free(&offer_storage);
    cg_buf_free(&answer_storage);
    cg_buf_free(&sdp);
}

/* Call k: its own Call-ID, tags, callee (172.16.0.0/12, k + 1), starting k * 100 ms in. */
static void write_calls(writer *w, unsigned m, const options *o)
{
    if (m > 0xfffffu - 1)
        cg_die("at most %u calls", 0xfffffu - 1);
    for (unsigned k = 0; k < m; k++) {
        cg_ft_call call;
        cg_ft_call_defaults(&call);
        call.start_usec += (uint64_t)k * CALL_SPACING_USEC;
        char call_id[64], from_tag[16], to_tag[16];
        snprintf(call_id, sizeof call_id, "%08X-5D7F-4E3B-9A61-0F2C3D4E5F60", k);
        snprintf(from_tag, sizeof from_tag, "%u", 1000000000u + k);
        snprintf(to_tag, sizeof to_tag, "%u", 2000000000u + k);
        call.call_id = call_id;
        call.caller.tag = from_tag;
        call.callee.tag = to_tag;
        uint32_t callee_ip = CG_IPV4(172, 16, 0, 0) + k + 1;
        call.callee.host.ip = call.callee.public_ip = callee_ip;
        if (o->distinct) {
            call.caller.audio.ssrc = 0x10000000u + 4u * k;
            call.caller.video.ssrc = 0x10000001u + 4u * k;
            call.callee.audio.ssrc = 0x10000002u + 4u * k;
            call.callee.video.ssrc = 0x10000003u + 4u * k;
        }
        cg_ft_scene s;
        cg_ft_scene_init(&s, w->queue, &call);
        cg_buf offer_storage, answer_storage;
        cg_buf_init(&offer_storage);
        cg_buf_init(&answer_storage);
        cg_sip_body offer = cg_ft_scene_default_body(&s, false, &offer_storage);
        cg_sip_body answer = cg_ft_scene_default_body(&s, true, &answer_storage);
        call_opening(&s, &offer, &answer, o);
        call_closing(&s, 200000, 2, o);
        cg_buf_free(&offer_storage);
        cg_buf_free(&answer_storage);
        /* Every later call starts later: what is older than this one's start is final. */
        cg_queue_flush_before(w->queue, w->pcap, call.start_usec);
    }
}

static void write_mlines(writer *w, unsigned k, const options *o)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    cg_ft_scene s;
    cg_ft_scene_init(&s, w->queue, &call);
    cg_buf offer_storage, answer_storage, sdp;
    cg_buf_init(&offer_storage);
    cg_buf_init(&answer_storage);
    cg_buf_init(&sdp);
    sdp_of_lines(&sdp, call.caller.public_ip, 0, call.caller.session_name, k,
                 FIRST_MLINE_PORT, mline_port_step(o), o->rtpids ? FIRST_OFFER_RTPID : 0);
    cg_sip_body offer = encode(&offer_storage, &sdp);
    sdp.len = 0;
    sdp_of_lines(&sdp, call.callee.public_ip, 0, call.callee.session_name, k,
                 FIRST_ANSWER_MLINE_PORT, mline_port_step(o),
                 o->rtpids ? FIRST_ANSWER_RTPID : 0);
    cg_sip_body answer = encode(&answer_storage, &sdp);
    call_opening(&s, &offer, &answer, o);
    call_closing(&s, 200000, 2, o);
    cg_buf_free(&offer_storage);
    cg_buf_free(&answer_storage);
    cg_buf_free(&sdp);
}

int main(int argc, char **argv)
{
    options o = { 0, 400, false, false, 10, false };
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--distinct") == 0)
            o.distinct = true;
        else if (strcmp(argv[i], "--rtpids") == 0)
            o.rtpids = true;
        else if (strcmp(argv[i], "--one-port") == 0)
            o.one_port = true;
        else if (strcmp(argv[i], "--mlines") == 0 && i + 1 < argc)
            o.mlines = parse_count(argv[++i], "--mlines");
        else if (strcmp(argv[i], "--per-message") == 0 && i + 1 < argc)
            o.per_message = parse_count(argv[++i], "--per-message");
        else if (strcmp(argv[i], "--packets") == 0 && i + 1 < argc)
            o.packets = parse_count(argv[++i], "--packets");
        else
            usage(argv[0]);
    }
    if (argc - i != 3)
        usage(argv[0]);
    const char *kind = argv[i];
    unsigned count = parse_count(argv[i + 1], kind);
    const char *dir = argv[i + 2];

    void (*write)(writer *, unsigned, const options *) = NULL;
    if (strcmp(kind, "reinvites") == 0)
        write = write_reinvites;
    else if (strcmp(kind, "ssrcs") == 0)
        write = write_ssrcs;
    else if (strcmp(kind, "calls") == 0)
        write = write_calls;
    else if (strcmp(kind, "mlines") == 0)
        write = write_mlines;
    else
        usage(argv[0]);

    writer w = open_writer(dir, kind, count, &o);
    write(&w, count, &o);
    close_writer(&w);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mkstress: cannot write to standard output\n");
        return 1;
    }
    return 0;
}
