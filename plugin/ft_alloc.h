/* ft_alloc.h - how the pure C code gets memory.
 *
 * The parsers and the inflater never call malloc themselves: the Wireshark glue hands them an
 * allocator backed by a wmem scope (so everything is freed with the packet, even when a dissector
 * exception unwinds past us), and the unit tests and fuzzers hand them one backed by malloc.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_ALLOC_H
#define FT_ALLOC_H

#include <stddef.h>

typedef struct ft_allocator {
    void *(*alloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} ft_allocator;

/* Returns `items` (an array of item_size-byte elements, `count` of them in use), moved if need
 * be, with room for at least one more; NULL when memory runs out (the array is then untouched).
 * The capacity is not stored: it is the smallest power of two, at least 4, that holds `count`. */
void *ft_array_reserve(const ft_allocator *a, void *items, size_t count, size_t item_size);

#endif /* FT_ALLOC_H */
