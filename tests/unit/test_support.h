/* test_support.h - shared helpers of the unit tests: compressing, and an allocator that can fail.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_TEST_SUPPORT_H
#define FT_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "ft_alloc.h"
#include "ft_inflate.h"

/* Compresses data as encoding (zlib, raw deflate or gzip) at the given zlib level. The result is
 * malloc'ed; *out_len receives its length. Aborts the test on failure. */
uint8_t *compress_as(ft_encoding encoding, const void *data, size_t len, int level,
                     size_t *out_len);

/* An allocator over malloc that fails every allocation after `budget` successful ones, and
 * counts what is still allocated, so that tests can check for leaks and for failure handling. */
typedef struct counting_allocator {
    ft_allocator allocator;
    long budget;          /* allocations left before failing; < 0: never fail */
    long live;            /* allocations not yet freed */
} counting_allocator;

void counting_allocator_init(counting_allocator *c, long budget);

/* The SDP bodies of ../shared/facetime-notes.md (the offer) and of the fixtures' answer. */
extern const char offer_sdp[];
extern const char answer_sdp[];
/* iChat's public SDP, and one in the full grammar of Apple's SDP composer. */
extern const char ichat_sdp[];
extern const char composer_sdp[];

#endif /* FT_TEST_SUPPORT_H */
