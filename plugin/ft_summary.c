/* ft_summary.c - the one-line summaries of an SDP that the calls table shows.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_summary.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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

static void put_str(text_writer *w, const char *text)
{
    for (; *text; text++)
        put_char(w, *text);
}

/* The range a set gives for one side, if it gives one. */
static const ft_image_param *set_range(const ft_image_set *set, bool height)
{
    for (size_t i = 0; i < set->n_other_params; i++)
        if (set->other_params[i].kind == FT_IMAGE_PARAM_RANGE &&
            set->other_params[i].is_height == height)
            return &set->other_params[i];
    return NULL;
}

/* One side of a size: "320", or a range "[320:16:640]" ("[320:640]" without a step). */
static bool put_side(text_writer *w, const ft_image_set *set, bool height)
{
    bool has_value = height ? set->has_y : set->has_x;
    if (has_value) {
        put_u32(w, height ? set->y.value : set->x.value);
        return true;
    }
    const ft_image_param *range = set_range(set, height);
    if (!range)
        return false;
    put_char(w, '[');
    put_u32(w, range->min.value);
    if (range->has_step) {
        put_char(w, ':');
        put_u32(w, range->step.value);
    }
    put_char(w, ':');
    put_u32(w, range->max.value);
    put_char(w, ']');
    return true;
}

static bool has_size(const ft_image_set *set)
{
    return (set->has_x || set_range(set, false)) && (set->has_y || set_range(set, true));
}

static void put_image_set(text_writer *w, const ft_image_set *set)
{
    put_side(w, set, false);
    put_char(w, 'x');
    put_side(w, set, true);
    if (set->has_fps) {
        put_char(w, '@');
        put_u32(w, set->fps.value);
    }
}

/* The sets one imageattr offers to send on one interface (Wi-Fi, or cellular: i=1), blank
 * separated; returns how many. */
static size_t put_sent_sets(text_writer *w, const ft_imageattr *ia, bool cellular)
{
    size_t n = 0;
    for (size_t j = 0; j < ia->n_directions; j++) {
        const ft_image_direction *d = &ia->directions[j];
        for (size_t k = 0; d->is_send && k < d->n_sets; k++) {
            const ft_image_set *set = &d->sets[k];
            if (set->cellular != cellular || !has_size(set))
                continue;
            if (n++)
                put_char(w, ' ');
            put_image_set(w, set);
        }
    }
    return n;
}

static size_t count_sent_sets(const ft_imageattr *ia, bool cellular)
{
    text_writer counter = { NULL, 0, 0 };
    return put_sent_sets(&counter, ia, cellular);
}

/* "126: 320x240@30 640x480@30, cellular 320x240@15". */
static void put_offer(text_writer *w, const ft_imageattr *ia)
{
    if (ia->has_pt)
        put_u32(w, ia->pt.value);
    else
        put_char(w, '*');
    put_str(w, ": ");
    bool wifi = put_sent_sets(w, ia, false) > 0;
    if (count_sent_sets(ia, true) == 0)
        return;
    if (wifi)
        put_str(w, ", ");
    put_str(w, "cellular ");
    put_sent_sets(w, ia, true);
}

static void separate(text_writer *w)
{
    if (w->len)
        put_str(w, "; ");
}

size_t ft_sdp_video_offer(const ft_sdp *sdp, char *out, size_t size)
{
    text_writer w = { out, size, 0 };
    for (size_t i = 1; i < sdp->n_sections; i++) {
        const ft_section *video = &sdp->sections[i];
        if (video->kind != FT_MEDIA_VIDEO)
            continue;
        if (video->port.text.length && video->port.value == 0) {
            separate(&w);
            put_str(&w, "rejected");
            continue;
        }
        for (size_t j = 0; j < video->n_imageattrs; j++) {
            const ft_imageattr *ia = &video->imageattrs[j];
            if (count_sent_sets(ia, false) + count_sent_sets(ia, true) == 0)
                continue;
            separate(&w);
            put_offer(&w, ia);
        }
    }
    if (size)
        out[w.len < size ? w.len : size - 1] = '\0';
    return w.len;
}

size_t ft_format_size(uint64_t bytes, char *out, size_t size)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
    if (bytes < 1024)
        return (size_t)snprintf(out, size, "%" PRIu64 " byte%s", bytes, bytes == 1 ? "" : "s");
    uint64_t scale = 1024;
    size_t unit = 0;
    while (unit + 1 < sizeof units / sizeof units[0] && bytes >= scale * 1024) {
        scale *= 1024;
        unit++;
    }
    if (bytes % scale == 0)
        return (size_t)snprintf(out, size, "%" PRIu64 " %s", bytes / scale, units[unit]);
    /* One decimal, rounded down, so that 65535 bytes never reads as 64 KiB. */
    uint64_t tenths = bytes / scale * 10 + bytes % scale * 10 / scale;
    return (size_t)snprintf(out, size, "%" PRIu64 ".%" PRIu64 " %s", tenths / 10, tenths % 10,
                            units[unit]);
}

/* ASCII only, as URI schemes are. */
static bool starts_with_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if (c != *prefix)
            return false;
    }
    return true;
}

static bool all_digits(const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

size_t ft_compact_uri(const char *uri, char *out, size_t size)
{
    const char *p = uri ? uri : "";
    if (*p == '<')
        p++;
    if (starts_with_nocase(p, "sip:"))
        p += 4;
    else if (starts_with_nocase(p, "sips:"))
        p += 5;
    size_t len = strcspn(p, ";?>");
    const char *at = memchr(p, '@', len);
    const char *host = at ? at + 1 : p;
    size_t host_len = len - (size_t)(host - p);
    /* The port follows the host's only colon, or the "]" of an IPv6 reference. */
    const char *colon = NULL;
    if (host_len && host[0] == '[') {
        const char *close = memchr(host, ']', host_len);
        if (close && close + 1 < host + host_len && close[1] == ':')
            colon = close + 1;
    } else {
        colon = memchr(host, ':', host_len);
        if (colon && memchr(colon + 1, ':', host_len - (size_t)(colon + 1 - host)))
            colon = NULL;
    }
    if (colon && all_digits(colon + 1, host_len - (size_t)(colon + 1 - host)))
        len = (size_t)(colon - p);
    return (size_t)snprintf(out, size, "%.*s", (int)len, p);
}
