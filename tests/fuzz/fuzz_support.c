/* fuzz_support.c - counting allocator, invariant failures and compression for the fuzz targets.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz_support.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

const char *fuzz_current_input;

static void *malloc_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size ? size : 1);
}

static void *malloc_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    return realloc(ptr, size ? size : 1);
}

static void malloc_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

const ft_allocator fuzz_malloc_allocator = { malloc_alloc, malloc_realloc, malloc_free, NULL };

/* Each block carries its size in front, so that frees and reallocs keep the byte count exact;
 * the header is as aligned as malloc's own result so the caller's pointer stays aligned. */
typedef union block_header {
    size_t size;
    max_align_t alignment;
} block_header;

static bool take_budget(fuzz_allocator *counter)
{
    if (counter->budget == 0) {
        counter->refused++;
        return false;
    }
    if (counter->budget > 0)
        counter->budget--;
    return true;
}

static void count_bytes(fuzz_allocator *counter, size_t freed, size_t added)
{
    counter->live_bytes = counter->live_bytes - freed + added;
    if (counter->live_bytes > counter->peak_bytes)
        counter->peak_bytes = counter->live_bytes;
}

static void *counting_alloc(void *ctx, size_t size)
{
    fuzz_allocator *counter = ctx;
    if (!take_budget(counter) || size > SIZE_MAX - sizeof(block_header))
        return NULL;
    block_header *header = malloc(sizeof *header + size);
    if (!header)
        return NULL;
    header->size = size;
    counter->live_blocks++;
    count_bytes(counter, 0, size);
    return header + 1;
}

static void *counting_realloc(void *ctx, void *ptr, size_t size)
{
    fuzz_allocator *counter = ctx;
    if (!ptr)
        return counting_alloc(ctx, size);
    if (!take_budget(counter) || size > SIZE_MAX - sizeof(block_header))
        return NULL;
    block_header *old_header = (block_header *)ptr - 1;
    size_t old_size = old_header->size;
    block_header *header = realloc(old_header, sizeof *header + size);
    if (!header)
        return NULL;
    header->size = size;
    count_bytes(counter, old_size, size);
    return header + 1;
}

static void counting_free(void *ctx, void *ptr)
{
    fuzz_allocator *counter = ctx;
    if (!ptr)
        return;
    block_header *header = (block_header *)ptr - 1;
    FUZZ_CHECK(counter->live_blocks > 0 && counter->live_bytes >= header->size);
    counter->live_blocks--;
    count_bytes(counter, header->size, 0);
    free(header);
}

void fuzz_allocator_init(fuzz_allocator *counter, long budget)
{
    memset(counter, 0, sizeof *counter);
    counter->allocator.alloc = counting_alloc;
    counter->allocator.realloc = counting_realloc;
    counter->allocator.free = counting_free;
    counter->allocator.ctx = counter;
    counter->budget = budget;
}

void fuzz_expect_no_leaks(const fuzz_allocator *counter, const char *after)
{
    if (counter->live_blocks == 0 && counter->live_bytes == 0)
        return;
    fprintf(stderr, "fuzz: leak after %s: %zu block(s), %zu byte(s) still allocated\n", after,
            counter->live_blocks, counter->live_bytes);
    fuzz_fail(__FILE__, __LINE__, "no leaks");
}

_Noreturn void fuzz_fail(const char *file, int line, const char *condition)
{
    fprintf(stderr, "fuzz: invariant failed at %s:%d: %s\n", file, line, condition);
    if (fuzz_current_input)
        fprintf(stderr, "fuzz: input: %s\n", fuzz_current_input);
    fflush(stderr);
    abort();
}

uint8_t *fuzz_compress(const fuzz_deflate_options *o, const uint8_t *data, size_t len,
                       size_t *out_len)
{
    int bits = o->encoding == FT_ENCODING_DEFLATE ? -o->window_bits
             : o->encoding == FT_ENCODING_GZIP    ? 16 + o->window_bits
             : o->window_bits;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    FUZZ_CHECK(deflateInit2(&zs, o->level, Z_DEFLATED, bits, o->mem_level ? o->mem_level : 8,
                            o->strategy) == Z_OK);
    if (o->dictionary)
        FUZZ_CHECK(deflateSetDictionary(&zs, (const Bytef *)o->dictionary,
                                        (uInt)strlen(o->dictionary)) == Z_OK);
    if (o->gzip_header)
        FUZZ_CHECK(deflateSetHeader(&zs, o->gzip_header) == Z_OK);
    size_t capacity = deflateBound(&zs, (uLong)len) + 1024;
    uint8_t *out = malloc(capacity);
    FUZZ_CHECK(out != NULL);
    zs.next_in = (Bytef *)(uintptr_t)data;   /* zlib's API is not const-correct */
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)capacity;
    FUZZ_CHECK(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    *out_len = capacity - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

bool fuzz_span_inside(size_t offset, size_t length, size_t text_len)
{
    return offset <= text_len && length <= text_len - offset;
}
