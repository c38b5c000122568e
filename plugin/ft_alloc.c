/* ft_alloc.c - a growable array over the caller's allocator.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_alloc.h"

#include <stdbool.h>
#include <stdint.h>

/* Capacity is implied by the count: 4, 8, 16, ... So the array is full exactly when the count is
 * 0, or a power of two of at least 4. */
static bool array_is_full(size_t count)
{
    return count == 0 || (count >= 4 && (count & (count - 1)) == 0);
}

void *ft_array_reserve(const ft_allocator *a, void *items, size_t count, size_t item_size)
{
    if (!array_is_full(count))
        return items;
    size_t new_capacity = count ? count * 2 : 4;
    if (new_capacity > SIZE_MAX / item_size)
        return NULL;
    return a->realloc(a->ctx, items, new_capacity * item_size);
}
