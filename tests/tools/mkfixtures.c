/* mkfixtures.c - writes every fixture capture of fixtures/README.md.
 *
 * Usage: mkfixtures OUTDIR
 *
 * Each fixture is the README's call with one thing changed; the table `fixtures` below is the
 * README's table of files.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "capgen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    uint64_t frames = cg_pcap_frame_count(pcap);
    cg_pcap_close(pcap);
    printf("%s: %llu frames\n", path, (unsigned long long)frames);
    free(path);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n", argc > 0 ? argv[0] : "mkfixtures");
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
