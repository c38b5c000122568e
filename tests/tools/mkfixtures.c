/* mkfixtures.c - writes every fixture capture of fixtures/README.md.
 *
 * Usage: mkfixtures OUTDIR
 *        mkfixtures --check-scenes SCRATCHDIR
 *
 * Each fixture is the README's call with one thing changed; the table `fixtures` below is the
 * README's table of files, written by capgen's call template. --check-scenes proves that the
 * scene layer (scenario.h), told the template's steps, writes the template's bytes.
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

/* A second call from the same caller, to another iPhone, starting 1.5 s into the first: the two
 * overlap, each with its own Call-ID, tags, ports and SSRCs. */
static void second_call(cg_ft_call *call)
{
    call->start_usec += 1500000;
    call->call_id = "5E0A9C37-1B2D-4F60-8A13-7C9D2E4F6A81";
    call->branch_prefix = "z9hG4bK-ft2-";
    call->stun_txid_base = 3;
    call->caller.sip_port = 16403;
    call->caller.media_port = 37340;
    call->caller.tag = "2040516273";
    call->caller.audio.ssrc = 287454020;
    call->caller.video.ssrc = 1432778632;
    call->callee.host.ip = CG_IPV4(203, 0, 113, 88);
    call->callee.public_ip = CG_IPV4(203, 0, 113, 88);
    call->callee.media_port = 16388;
    call->callee.tag = "3141592653";
    call->callee.session_name = "taro";
    call->callee.cname = "callee2@facetime";
    call->callee.audio.ssrc = 2578103244;
    call->callee.video.ssrc = 3722304989;
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

typedef struct fixture {
    const char *file_name;
    void (*vary)(cg_ft_call *call);    /* what differs from cg_ft_call_defaults */
    void (*second)(cg_ft_call *call);  /* a second call in the same capture, or NULL */
} fixture;

static const fixture fixtures[] = {
    { "facetime-call.pcap", nat_capture, NULL },
    { "ft-ctype.pcap", with_content_type, NULL },
    { "ft-deflate.pcap", raw_deflate, NULL },
    { "ft-gzip.pcap", gzip, NULL },
    { "ft-noe.pcap", compressed_without_content_encoding, NULL },
    { "ft-5tuple.pcap", five_tuple, NULL },
    { "ft-plain.pcap", plain, NULL },
    { "ft-corrupt.pcap", corrupt_invite, NULL },
    { "ft-truncated.pcap", truncated_invite, NULL },
    { "ft-bomb.pcap", bombs, NULL },
    { "ft-two-calls.pcap", nat_capture, second_call },
    { "ft-ichat.pcap", ichat, NULL },
    { "ft-ichat-deflate.pcap", ichat_deflated, NULL },
    { "ft-origins.pcap", other_origins, NULL },
    { "ft-composer.pcap", composer, NULL },
    { "ft-dialect-bad.pcap", hostile_dialect, NULL },
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
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    f->vary(&call);

    char *path = join_path(out_dir, f->file_name);
    cg_pcap *pcap = cg_pcap_open(path);
    cg_ft_call_emit(queue, &call);
    if (f->second) {
        cg_ft_call second;
        cg_ft_call_defaults(&second);
        f->vary(&second);
        f->second(&second);
        cg_ft_call_emit(queue, &second);
    }
    cg_queue_flush(queue, pcap);
    forget_sdp();
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
