/* ft_summary.c - the one-line summaries of an SDP that the calls table shows.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_summary.h"

/* Text written as snprintf does: at most size - 1 characters kept, len counts them all. */
typedef struct text_writer {
    char *out;
    size_t size;
    size_t len;
} text_writer;

static void put_char_at(text_writer *w, size_t at, char c)
{
    if (at + 1 < w->size)
        w->out[at] = c;
}

static void put_char(text_writer *w, char c)
{
    put_char_at(w, w->len++, c);
}

static void put_u32(text_writer *w, uint32_t v)
{
    size_t digits = 1;
    for (uint32_t rest = v; rest >= 10; rest /= 10)
        digits++;
    for (size_t i = digits; i-- > 0; v /= 10)
        put_char_at(w, w->len + i, (char)('0' + v % 10));
    w->len += digits;
}

static void put_image_set(text_writer *w, const ft_image_set *set)
{
    if (w->len)
        put_char(w, ' ');
    put_u32(w, set->x.value);
    put_char(w, 'x');
    put_u32(w, set->y.value);
    if (set->has_fps) {
        put_char(w, '@');
        put_u32(w, set->fps.value);
    }
}

static void put_sent_sizes(text_writer *w, const ft_section *video)
{
    for (size_t i = 0; i < video->n_imageattrs; i++)
        for (size_t j = 0; j < video->imageattrs[i].n_directions; j++) {
            const ft_image_direction *d = &video->imageattrs[i].directions[j];
            for (size_t k = 0; d->is_send && k < d->n_sets; k++)
                if (d->sets[k].has_x && d->sets[k].has_y)
                    put_image_set(w, &d->sets[k]);
        }
}

size_t ft_sdp_video_sizes(const ft_sdp *sdp, char *out, size_t size)
{
    text_writer w = { out, size, 0 };
    for (size_t i = 1; i < sdp->n_sections; i++)
        if (sdp->sections[i].kind == FT_MEDIA_VIDEO) {
            put_sent_sizes(&w, &sdp->sections[i]);
            break;
        }
    if (size)
        out[w.len < size ? w.len : size - 1] = '\0';
    return w.len;
}
