/* microbench.c - what the plugin's pure C path costs per body, in ns per operation.
 *
 * Usage: microbench [--rounds N] [--batch-ms MS]
 *
 * The bodies are the fixtures' offer and answer (capgen writes the same SDP text for the same
 * call), zlib-compressed here at level 6 as FaceTime sends them. Measured, each in batches of
 * many iterations:
 *   inflate          ft_inflate of the compressed body (64 KiB limit, the plugin's default)
 *   parse            ft_sdp_parse of the inflated text alone
 *   inflate+parse    both, as the plugin does for a body that reaches it compressed
 *   classify         ft_classify_body, the heuristic's first look: on an ordinary SIP client's
 *                    plain SDP (refused from its first bytes) and on the compressed FaceTime body
 *                    (recognised and inflated whole, in one pass)
 *   find_origin      ft_find_compressed_origin on the INVITE's whole Ethernet frame, as the plugin
 *                    runs it when SIP has inflated an `e: deflate` body itself
 *
 * Memory comes from an arena reset after every operation, as the plugin's comes from the
 * packet's wmem pool. Time is the thread's CPU time (less disturbed than wall time on a shared
 * machine). Each round runs one batch of every benchmark, in an order that rotates from round to
 * round; the result is the median over the rounds, and ratios are medians of per-round ratios.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _POSIX_C_SOURCE 200809L
#include "capgen.h"
#include "ft_body.h"
#include "ft_inflate.h"
#include "ft_sdp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define INFLATE_LIMIT (64 * 1024)     /* the plugin's default facetime.inflate_limit_kib */
#define ZLIB_LEVEL 6                   /* zlib's default, what the fixtures use */
#define ARENA_SIZE (4 * 1024 * 1024)
#define ARENA_ALIGN 16

/* ---- an arena, like the packet's wmem pool: freed all at once ------------------------------ */

typedef struct arena {
    uint8_t *base;
    size_t used;
    size_t last_offset;   /* of the newest allocation's header, so realloc can grow it in place */
} arena;

typedef struct arena_header {
    size_t size;
    size_t pad;           /* keeps the payload 16-byte aligned */
} arena_header;

static void *arena_alloc(void *ctx, size_t size)
{
    arena *ar = ctx;
    size_t need = sizeof(arena_header) + (size + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
    if (size > ARENA_SIZE || need > ARENA_SIZE - ar->used) {
        /* A benchmark, not a dissector: a failed allocation would change what is measured. */
        fprintf(stderr, "microbench: arena of %d bytes too small\n", ARENA_SIZE);
        exit(1);
    }
    arena_header *h = (arena_header *)(ar->base + ar->used);
    h->size = size;
    ar->last_offset = ar->used;
    ar->used += need;
    return h + 1;
}

static void arena_free(void *ctx, void *ptr)
{
    (void)ctx;
    (void)ptr;   /* everything goes at arena_reset */
}

static void *arena_realloc(void *ctx, void *ptr, size_t size)
{
    arena *ar = ctx;
    if (!ptr)
        return arena_alloc(ctx, size);
    arena_header *h = (arena_header *)ptr - 1;
    size_t offset = (size_t)((uint8_t *)h - ar->base);
    if (offset == ar->last_offset) {   /* the newest block: grow it where it is, bytes kept */
        ar->used = offset;
        return arena_alloc(ctx, size);
    }
    void *moved = arena_alloc(ctx, size);
    memcpy(moved, ptr, h->size < size ? h->size : size);
    return moved;
}

static void arena_reset(arena *ar)
{
    ar->used = 0;
    ar->last_offset = 0;
}

static ft_allocator arena_allocator(arena *ar)
{
    ft_allocator a = { arena_alloc, arena_realloc, arena_free, ar };
    return a;
}

/* ---- the inputs ------------------------------------------------------------------------------ */

typedef struct body {
    const char *name;
    cg_buf text;          /* the SDP */
    cg_buf compressed;    /* zlib */
} body;

typedef struct inputs {
    body offer, answer;
    cg_buf foreign_text;  /* an ordinary SIP client's SDP */
    cg_buf invite_frame;  /* Ethernet/IPv4/UDP/SIP INVITE with the compressed offer */
    size_t invite_body_offset;
} inputs;

static void make_body(body *b, const char *name, const cg_ft_call *call, bool offer)
{
    b->name = name;
    cg_buf_init(&b->text);
    cg_buf_init(&b->compressed);
    if (offer)
        cg_ft_offer_sdp(&b->text, call);
    else
        cg_ft_answer_sdp(&b->text, call);
    cg_compress(&b->compressed, CG_ENCODING_ZLIB, ZLIB_LEVEL, b->text.data, b->text.len, 0);
}

/* The offer/answer an ordinary client (the foreign capture's) sends. */
static void make_foreign_text(cg_buf *out)
{
    cg_buf_put_str(out, "v=0\r\n"
                        "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
                        "s=-\r\n"
                        "c=IN IP4 192.0.2.10\r\n"
                        "t=0 0\r\n"
                        "m=audio 49170 RTP/AVP 0\r\n"
                        "a=rtpmap:0 PCMU/8000\r\n");
}

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The INVITE frame exactly as the fixtures hold it: capgen writes the whole call to a temporary
 * capture, which is read back record by record up to the frame whose UDP payload is the INVITE. */
static void make_invite_frame(inputs *in, const cg_ft_call *call)
{
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/microbench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        cg_die("cannot create a temporary file in %s", tmp && *tmp ? tmp : "/tmp");
    close(fd);
    cg_pcap *pcap = cg_pcap_open(path);
    cg_queue *queue = cg_queue_new();
    cg_ft_call_emit(queue, call);
    cg_queue_flush(queue, pcap);
    cg_queue_free(queue);
    cg_pcap_close(pcap);

    enum { PCAP_FILE_HEADER = 24, PCAP_RECORD_HEADER = 16, ETH_IP_UDP = 14 + 20 + 8 };
    FILE *f = fopen(path, "rb");
    uint8_t header[PCAP_FILE_HEADER];
    if (!f || fread(header, 1, sizeof header, f) != sizeof header)
        cg_die("cannot read back %s", path);
    cg_buf *frame = &in->invite_frame;
    cg_buf_init(frame);
    do {
        uint8_t record[PCAP_RECORD_HEADER];
        if (fread(record, 1, sizeof record, f) != sizeof record)
            cg_die("%s: no INVITE in the call", path);
        size_t frame_len = get_le32(record + 8);    /* captured length */
        frame->len = 0;
        cg_buf_reserve(frame, frame_len);
        if (fread(frame->data, 1, frame_len, f) != frame_len)
            cg_die("cannot read back %s", path);
        frame->len = frame_len;
    } while (frame->len < ETH_IP_UDP + 7 || memcmp(frame->data + ETH_IP_UDP, "INVITE ", 7) != 0);
    fclose(f);
    remove(path);

    /* The body follows the empty line that ends the SIP headers. */
    for (size_t i = ETH_IP_UDP; i + 4 <= frame->len; i++) {
        if (memcmp(frame->data + i, "\r\n\r\n", 4) == 0) {
            in->invite_body_offset = i + 4;
            return;
        }
    }
    cg_die("%s: the INVITE has no body", path);
}

static void make_inputs(inputs *in)
{
    cg_ft_call call;
    cg_ft_call_defaults(&call);
    make_body(&in->offer, "offer", &call, true);
    make_body(&in->answer, "answer", &call, false);
    cg_buf_init(&in->foreign_text);
    make_foreign_text(&in->foreign_text);
    make_invite_frame(in, &call);
}

/* ---- the operations ------------------------------------------------------------------------- */

/* Whatever an operation produced, folded into a number the compiler cannot drop. */
static volatile size_t sink;

typedef struct operation {
    char name[48];
    void (*run)(const struct operation *op, const ft_allocator *a);
    const body *body;
    const inputs *in;
    size_t iterations;     /* per batch, from calibration */
} operation;

static const ft_sdp_limits parse_limits = { FT_SDP_DEFAULT_MAX_LINES,
                                            FT_SDP_DEFAULT_MAX_LIST_ITEMS };

static void run_inflate(const operation *op, const ft_allocator *a)
{
    ft_inflate_result r;
    ft_inflate(op->body->compressed.data, op->body->compressed.len, FT_ENCODING_ZLIB,
               INFLATE_LIMIT, a, &r);
    sink += r.len;
}

static void run_parse(const operation *op, const ft_allocator *a)
{
    ft_sdp sdp;
    ft_sdp_parse(op->body->text.data, op->body->text.len, &parse_limits, a, &sdp);
    sink += sdp.n_sections;
}

static void run_inflate_parse(const operation *op, const ft_allocator *a)
{
    ft_inflate_result r;
    ft_inflate(op->body->compressed.data, op->body->compressed.len, FT_ENCODING_ZLIB,
               INFLATE_LIMIT, a, &r);
    ft_sdp sdp;
    ft_sdp_parse(r.data, r.len, &parse_limits, a, &sdp);
    sink += sdp.n_sections;
}

static void run_classify_foreign(const operation *op, const ft_allocator *a)
{
    ft_classified classified;
    sink += ft_classify_body(op->in->foreign_text.data, op->in->foreign_text.len, INFLATE_LIMIT, a,
                             &classified);
}

static void run_classify_facetime(const operation *op, const ft_allocator *a)
{
    ft_classified classified;
    sink += ft_classify_body(op->body->compressed.data, op->body->compressed.len, INFLATE_LIMIT, a,
                             &classified);
}

static void run_find_origin(const operation *op, const ft_allocator *a)
{
    ft_origin origin;
    const cg_buf *frame = &op->in->invite_frame;
    sink += ft_find_compressed_origin(frame->data, frame->len, op->body->text.data,
                                      op->body->text.len, INFLATE_LIMIT, a, &origin);
}

/* Before anything is timed: every operation takes the path it is meant to measure. */
static void check_inputs(const inputs *in, arena *ar)
{
    ft_allocator a = arena_allocator(ar);
    const body *bodies[] = { &in->offer, &in->answer };
    for (size_t i = 0; i < 2; i++) {
        const body *b = bodies[i];
        ft_inflate_result r;
        ft_inflate(b->compressed.data, b->compressed.len, FT_ENCODING_ZLIB, INFLATE_LIMIT, &a,
                   &r);
        if (r.status != FT_INFLATE_COMPLETE || r.len != b->text.len ||
            memcmp(r.data, b->text.data, r.len) != 0)
            cg_die("%s: ft_inflate does not give the SDP back", b->name);
        ft_sdp sdp;
        if (!ft_sdp_parse(r.data, r.len, &parse_limits, &a, &sdp) || !sdp.has_client ||
            sdp.n_sections != 3)
            cg_die("%s: ft_sdp_parse does not see a FaceTime SDP with two media", b->name);
        ft_classified classified;
        if (!ft_classify_body(b->compressed.data, b->compressed.len, INFLATE_LIMIT, &a,
                              &classified) ||
            classified.encoding != FT_ENCODING_ZLIB || classified.text.len != b->text.len)
            cg_die("%s: ft_classify_body does not take and open the compressed body", b->name);
        arena_reset(ar);
    }
    ft_classified classified;
    if (ft_classify_body(in->foreign_text.data, in->foreign_text.len, INFLATE_LIMIT, &a,
                         &classified))
        cg_die("ft_classify_body takes an ordinary SDP for FaceTime's");
    ft_origin origin;
    if (!ft_find_compressed_origin(in->invite_frame.data, in->invite_frame.len,
                                   in->offer.text.data, in->offer.text.len, INFLATE_LIMIT, &a,
                                   &origin) ||
        origin.offset != in->invite_body_offset || origin.encoding != FT_ENCODING_ZLIB ||
        origin.compressed_len != in->offer.compressed.len)
        cg_die("ft_find_compressed_origin does not find the INVITE's body");
    arena_reset(ar);
}

/* ---- timing ---------------------------------------------------------------------------------- */

static uint64_t cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CPU ns per operation over one batch of op->iterations. */
static double time_batch(const operation *op, arena *ar, size_t iterations)
{
    ft_allocator a = arena_allocator(ar);
    uint64_t start = cpu_ns();
    for (size_t i = 0; i < iterations; i++) {
        op->run(op, &a);
        arena_reset(ar);
    }
    return (double)(cpu_ns() - start) / (double)iterations;
}

/* Iterations for a batch of about batch_ns. */
static size_t calibrate(const operation *op, arena *ar, uint64_t batch_ns)
{
    size_t n = 16;
    for (;;) {
        double per_op = time_batch(op, ar, n);
        double batch = per_op * (double)n;
        if (batch >= (double)batch_ns / 4 || n >= (size_t)1 << 30) {
            double wanted = (double)batch_ns / (per_op > 0.5 ? per_op : 0.5);
            return wanted < 1 ? 1 : (size_t)wanted;
        }
        n *= 4;
    }
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *values, size_t n)
{
    qsort(values, n, sizeof *values, compare_doubles);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* ---- main ------------------------------------------------------------------------------------ */

enum { OP_INFLATE, OP_PARSE, OP_INFLATE_PARSE, OPS_PER_BODY };

static size_t add_op(operation *ops, size_t n, const char *name, const body *b, const inputs *in,
                     void (*run)(const operation *, const ft_allocator *))
{
    operation *op = &ops[n];
    memset(op, 0, sizeof *op);
    snprintf(op->name, sizeof op->name, "%s", name);
    op->run = run;
    op->body = b;
    op->in = in;
    return n + 1;
}

static unsigned long parse_count(const char *option, const char *text, unsigned long max)
{
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (end == text || *end || v == 0 || v > max)
        cg_die("%s wants a number from 1 to %lu, not '%s'", option, max, text);
    return v;
}

int main(int argc, char **argv)
{
    size_t rounds = 21;
    uint64_t batch_ns = 20 * 1000000u;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = parse_count("--rounds", argv[++i], 1001);
        else if (strcmp(argv[i], "--batch-ms") == 0 && i + 1 < argc)
            batch_ns = parse_count("--batch-ms", argv[++i], 10000) * 1000000u;
        else {
            fprintf(stderr, "usage: microbench [--rounds N] [--batch-ms MS]\n");
            return 2;
        }
    }

    static inputs in;
    make_inputs(&in);
    arena ar = { cg_malloc(ARENA_SIZE), 0, 0 };
    check_inputs(&in, &ar);

    /* offer: 0..2, answer: 3..5, then the rest. */
    operation ops[16];
    size_t n = 0;
    const body *bodies[] = { &in.offer, &in.answer };
    for (size_t i = 0; i < 2; i++) {
        char name[48];
        snprintf(name, sizeof name, "inflate %s", bodies[i]->name);
        n = add_op(ops, n, name, bodies[i], &in, run_inflate);
        snprintf(name, sizeof name, "parse %s", bodies[i]->name);
        n = add_op(ops, n, name, bodies[i], &in, run_parse);
        snprintf(name, sizeof name, "inflate+parse %s", bodies[i]->name);
        n = add_op(ops, n, name, bodies[i], &in, run_inflate_parse);
    }
    size_t first_classify = n;
    n = add_op(ops, n, "classify plain SDP (not FaceTime)", NULL, &in, run_classify_foreign);
    n = add_op(ops, n, "classify FaceTime offer (zlib)", &in.offer, &in, run_classify_facetime);
    n = add_op(ops, n, "find_origin INVITE frame", &in.offer, &in, run_find_origin);

    for (size_t i = 0; i < n; i++)
        ops[i].iterations = calibrate(&ops[i], &ar, batch_ns);

    double *samples = cg_malloc(n * rounds * sizeof *samples);
    for (size_t r = 0; r < rounds; r++)
        for (size_t j = 0; j < n; j++) {
            size_t i = (j + r) % n;    /* rotate the order: no benchmark always goes first */
            samples[i * rounds + r] = time_batch(&ops[i], &ar, ops[i].iterations);
        }

    /* Ratios per round, before the medians reorder the samples. */
    double *parse_ratio[2], *both_ratio[2];
    for (size_t b = 0; b < 2; b++) {
        parse_ratio[b] = cg_malloc(rounds * sizeof(double));
        both_ratio[b] = cg_malloc(rounds * sizeof(double));
        for (size_t r = 0; r < rounds; r++) {
            double inflate = samples[(b * OPS_PER_BODY + OP_INFLATE) * rounds + r];
            parse_ratio[b][r] = samples[(b * OPS_PER_BODY + OP_PARSE) * rounds + r] / inflate;
            both_ratio[b][r] = samples[(b * OPS_PER_BODY + OP_INFLATE_PARSE) * rounds + r] /
                               inflate;
        }
    }

    printf("FaceTime core microbenchmark: CPU ns per operation, median of %zu rounds "
           "(batches of ~%" PRIu64 " ms, order rotating)\n", rounds, batch_ns / 1000000u);
    printf("bodies: offer %zu bytes SDP / %zu zlib, answer %zu / %zu; INVITE frame %zu bytes\n\n",
           in.offer.text.len, in.offer.compressed.len, in.answer.text.len,
           in.answer.compressed.len, in.invite_frame.len);
    printf("%-36s %12s %12s\n", "operation", "ns/op", "iterations");
    for (size_t i = 0; i < n; i++) {
        if (i == first_classify)
            printf("\n");
        printf("%-36s %12.0f %12zu\n", ops[i].name, median(&samples[i * rounds], rounds),
               ops[i].iterations);
    }
    printf("\n%-36s %12s %12s %8s\n", "ratio (median of per-round ratios)", "offer", "answer",
           "target");
    printf("%-36s %12.2f %12.2f %8s\n", "parse / inflate", median(parse_ratio[0], rounds),
           median(parse_ratio[1], rounds), "< 1");
    printf("%-36s %12.2f %12.2f %8s\n", "(inflate+parse) / inflate", median(both_ratio[0], rounds),
           median(both_ratio[1], rounds), "< 2");

    for (size_t b = 0; b < 2; b++) {
        free(parse_ratio[b]);
        free(both_ratio[b]);
    }
    free(samples);
    free(ar.base);
    if (fflush(stdout) != 0 || ferror(stdout))
        return 1;
    return 0;
}
