/* fuzz_support.h - what the fuzz targets share: a counting allocator that can fail on purpose,
 * invariant checks that abort, and compression of test data.
 *
 * The same target sources are linked with libFuzzer (tests/fuzz/run) and with the plain driver
 * regression_main.c (ctest), so nothing here depends on libFuzzer.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_FUZZ_SUPPORT_H
#define FT_FUZZ_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <zlib.h>

#include "ft_alloc.h"
#include "ft_inflate.h"

/* libFuzzer's entry point, defined once per target. Declared here for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An allocator over malloc that counts live blocks and bytes, remembers the peak, and refuses
 * every allocation once `budget` of them have succeeded (budget < 0: never refuses). */
typedef struct fuzz_allocator {
    ft_allocator allocator;
    long budget;
    size_t live_blocks;
    size_t live_bytes;
    size_t peak_bytes;
    size_t refused;          /* allocations refused because the budget ran out */
} fuzz_allocator;

void fuzz_allocator_init(fuzz_allocator *counter, long budget);

/* Plain malloc, realloc and free, for results the caller releases with free(). */
extern const ft_allocator fuzz_malloc_allocator;

/* Aborts when anything allocated through `counter` is still allocated; `after` names the call. */
void fuzz_expect_no_leaks(const fuzz_allocator *counter, const char *after);

/* The name of the input being run, printed when an invariant fails (set by the drivers that
 * know it; libFuzzer itself saves the input as an artifact). */
extern const char *fuzz_current_input;

_Noreturn void fuzz_fail(const char *file, int line, const char *condition);

/* An invariant: when it does not hold, print where and abort(), so that libFuzzer saves the
 * input and the regression driver fails. Evaluated in every build (unlike assert()). */
#define FUZZ_CHECK(condition) \
    ((condition) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #condition))

/* How to compress test data, with every knob zlib has. */
typedef struct fuzz_deflate_options {
    ft_encoding encoding;     /* zlib, raw deflate or gzip */
    int level;
    int window_bits;          /* 9..15, before the container's adjustment */
    int strategy;             /* Z_DEFAULT_STRATEGY (0) when left out */
    const char *dictionary;   /* a preset dictionary (zlib only), or NULL */
    gz_header *gzip_header;   /* gzip only, or NULL */
    int mem_level;            /* 1..9, or 0 for zlib's default of 8 */
} fuzz_deflate_options;

/* Compresses data[0..len) as `o` says into a malloc'ed buffer; *out_len gets its length.
 * Aborts on failure: test data, not input. */
uint8_t *fuzz_compress(const fuzz_deflate_options *o, const uint8_t *data, size_t len,
                       size_t *out_len);

/* True when span [offset, offset + length) lies inside a text of text_len bytes. */
bool fuzz_span_inside(size_t offset, size_t length, size_t text_len);

#endif /* FT_FUZZ_SUPPORT_H */
