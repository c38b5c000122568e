/* ft_sdp_fls.c - a=FLS and a=X_FLS: FaceTime's lists of feature flags.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_sdp_parser.h"

/* Each name's length comes with it, so that most keys are told apart without comparing text. */
const ft_fls_key_info ft_fls_keys[FT_FLS_N_KEYS] = {
#define FT_FLS_INFO(id, written, field, kind, description) \
    [FT_FLS_##id] = { written, sizeof written - 1, field, FT_FLS_KIND_##kind, description },
    FT_FLS_KEYS(FT_FLS_INFO)
#undef FT_FLS_INFO
};

ft_fls_kind ft_fls_key_kind(ft_fls_key key)
{
    return key < FT_FLS_UNKNOWN ? ft_fls_keys[key].kind : FT_FLS_KIND_UNKNOWN;
}

static ft_fls_key lookup_fls_key(const parser *p, ft_span name)
{
    for (size_t key = 0; key < FT_FLS_N_KEYS; key++)
        if (span_equals_bytes(p, name, ft_fls_keys[key].written, ft_fls_keys[key].written_length))
            return (ft_fls_key)key;
    return FT_FLS_UNKNOWN;
}

/* AR:8/5,2/3 - a list of aspect ratios. False if any is not <number>/<number>, both non-zero. */
static bool parse_ratios(parser *p, ft_fls_entry *entry)
{
    ft_span rest = entry->value;
    bool all_valid = entry->value.length > 0;
    bool more = true;
    while (more && !p->sdp->out_of_memory) {
        ft_span item;
        more = split_at(p, rest, ',', &item, &rest);
        if (list_full(p, entry->n_ratios, item))
            return false;
        ft_span numerator, denominator;
        uint32_t num, den;
        if (!split_at(p, item, '/', &numerator, &denominator) || !parse_u32(p, numerator, &num) ||
            !parse_u32(p, denominator, &den) || num == 0 || den == 0) {
            all_valid = false;
            continue;
        }
        ft_ratio *ratio = APPEND(p, entry->ratios, entry->n_ratios);
        if (ratio) {
            ratio->text = item;
            ratio->numerator = num;
            ratio->denominator = den;
        }
    }
    return all_valid;
}

static bool parse_fls_value(parser *p, ft_fls_entry *entry)
{
    switch (ft_fls_key_kind(entry->key)) {
    case FT_FLS_KIND_NUMBER:
        return entry->has_value && parse_i32(p, entry->value, &entry->number);
    case FT_FLS_KIND_NUMBER_OR_BARE:
        return !entry->has_value || parse_i32(p, entry->value, &entry->number);
    case FT_FLS_KIND_FLAG:
        return !entry->has_value;
    case FT_FLS_KIND_RATIOS:
        return entry->has_value && parse_ratios(p, entry);
    case FT_FLS_KIND_FLAG_OR_RATIOS:
        return !entry->has_value || parse_ratios(p, entry);
    case FT_FLS_KIND_VERBATIM:
        return true;
    case FT_FLS_KIND_UNKNOWN:
        break;
    }
    return entry->name.length > 0;
}

/* KEY:VALUE;KEY;... (a trailing ';' is usual) */
void sdp_parse_fls_list(parser *p, ft_span list, const ft_number *pt)
{
    ft_section *section = current_section(p);
    ft_fls *fls = APPEND(p, section->fls, section->n_fls);
    if (!fls)
        return;
    fls->text = list;
    if (pt) {
        fls->has_pt = true;
        fls->pt = *pt;
    }
    ft_span rest = list;
    bool more = true;
    while (more && !p->sdp->out_of_memory) {
        ft_span item;
        more = split_at(p, rest, ';', &item, &rest);
        item = trim(p, item);
        if (item.length == 0)
            continue;
        if (list_full(p, fls->n_entries, item))
            return;
        ft_fls_entry *entry = APPEND(p, fls->entries, fls->n_entries);
        if (!entry)
            return;
        entry->text = item;
        entry->has_value = split_at(p, item, ':', &entry->name, &entry->value);
        entry->key = lookup_fls_key(p, entry->name);
        entry->valid = parse_fls_value(p, entry);
        if (!entry->valid)
            report(p, FT_PROBLEM_FLS_INVALID, item);
    }
}

/* a=X_FLS:<pt> FLS;<list>: the FLS list of another payload type, which Apple's composer writes
 * with the literal FLS token first, as in a=FLS;<list>. */
void sdp_parse_x_fls(parser *p, ft_span value)
{
    ft_span rest = value;
    ft_number pt;
    if (!parse_number(p, next_word(p, &rest), MAX_PAYLOAD_TYPE, &pt)) {
        report(p, FT_PROBLEM_NUMBER_INVALID, value);
        return;
    }
    rest = trim(p, rest);
    if (span_equals(p, rest, "FLS") || span_starts_with(p, rest, "FLS;"))
        rest = drop_front(rest, 4);
    sdp_parse_fls_list(p, rest, &pt);
}

