/* facetime-tree.c - the FaceTime items of an SDP body: its dialect as named fields.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "facetime-tree.h"

#include <string.h>

#include <epan/expert.h>
#include <epan/unit_strings.h>

#include "facetime-body.h"
#include "facetime-tvb.h"
#include "packet-facetime-sdp.h"

static int hf_client = -1;
static int hf_session_name = -1;
static int hf_public_addr = -1;
static int hf_public_addr6 = -1;
static int hf_bandwidth = -1;
static int hf_bandwidth_extra = -1;
static int hf_fls = -1;
static int hf_fls_pt = -1;
static int hf_fls_unknown = -1;
static int hf_dmbr = -1;
static int hf_cap = -1;
static int hf_media = -1;
static int hf_port = -1;
static int hf_rtpid = -1;
static int hf_au = -1;
static int hf_samples_per_block = -1;
static int hf_fmtp = -1;
static int hf_fmtp_pt = -1;
static int hf_fmtp_sbr = -1;
static int hf_fmtp_sec = -1;
static int hf_imagesize = -1;
static int hf_imagesize_rules = -1;
static int hf_imagesize_rules_value = -1;
static int hf_imagesize_rules_fps = -1;
static int hf_imagesize_rules_width = -1;
static int hf_imagesize_rules_height = -1;
static int hf_imageattr_pt = -1;
static int hf_imageattr_dir = -1;
static int hf_imageattr_x = -1;
static int hf_imageattr_y = -1;
static int hf_imageattr_fps = -1;
static int hf_imageattr_param = -1;
static expert_field ei_session_name_account = EI_INIT;
static expert_field ei_rtpid_invalid = EI_INIT;
static expert_field ei_number_invalid = EI_INIT;
static expert_field ei_fls_invalid = EI_INIT;
static expert_field ei_imageattr_invalid = EI_INIT;
static expert_field ei_imageattr_fps = EI_INIT;
static expert_field ei_fmtp_codec_name = EI_INIT;
static expert_field ei_media_invalid = EI_INIT;
static expert_field ei_address_invalid = EI_INIT;
static expert_field ei_duplicate = EI_INIT;
static expert_field ei_line_limit = EI_INIT;
static expert_field ei_list_limit = EI_INIT;

static int hf_family = -1;
static int hf_allowrecording = -1;
static int hf_bbcodec = -1;
static int hf_bbcodec_type = -1;
static int hf_bbcodec_rate = -1;
static int hf_display = -1;
static int hf_display_x = -1;
static int hf_display_y = -1;
static int hf_imageattr_i = -1;
static int hf_imageattr_q = -1;
static int hf_imageattr_x_range[3] = { -1, -1, -1 };   /* min, step, max */
static int hf_imageattr_y_range[3] = { -1, -1, -1 };
static int hf_rtcp_fb = -1;
static int hf_rtcp_fb_format = -1;
static int hf_rtcp_fb_type = -1;
static int hf_hwi = -1;
static int hf_hwi_value = -1;
static int hf_ichat_encryption = -1;
static int hf_multipoint = -1;
static int hf_bandwidth_detection = -1;
static int hf_framerate = -1;
static int hf_rtcp_audio = -1;
static int hf_rtcp_video = -1;
static expert_field ei_attribute_invalid = EI_INIT;
static expert_field ei_port_invalid = EI_INIT;
static expert_field ei_imageattr_range = EI_INIT;

static int ett_fls = -1;
static int ett_imageattr_param = -1;
static int ett_rtcp_fb = -1;
static int ett_bbcodec = -1;
static int ett_display = -1;
static int ett_hwi = -1;
static int ett_rtcp_ports = -1;
static int ett_fls_ratios = -1;
static int ett_media = -1;
static int ett_fmtp = -1;
static int ett_imagesize = -1;
static int ett_imageattr = -1;
static int ett_imageattr_dir = -1;
static int ett_imageattr_set = -1;

static const unit_name_string units_kbit_per_second = { " kb/s", NULL };

/* ---- a=FLS: its fields come from ft_fls_keys.h ----------------------------------------------- */

static int hf_fls_key[FT_FLS_N_KEYS];
/* The second field of a key that takes two forms: its ratios (RATIOS, FLAG_OR_RATIOS), or
 * whether it came bare (NUMBER_OR_BARE). */
static int hf_fls_second[FT_FLS_N_KEYS];

static void add_ratios(proto_item *ti, tvbuff_t *tvb, const ft_fls_entry *e)
{
    proto_tree *ratios = proto_item_add_subtree(ti, ett_fls_ratios);
    for (size_t i = 0; i < e->n_ratios; i++)
        facetime_add_span(ratios, hf_fls_second[e->key], tvb, e->ratios[i].text);
}

static void add_fls_entry(proto_tree *tree, tvbuff_t *tvb, const ft_fls_entry *e)
{
    int offset = facetime_span_offset(e->text), length = facetime_span_length(e->text);
    int hf = e->key < FT_FLS_UNKNOWN ? hf_fls_key[e->key] : hf_fls_unknown;
    switch (ft_fls_key_kind(e->key)) {
    case FT_FLS_KIND_NUMBER:
        if (e->valid)
            proto_tree_add_int(tree, hf, tvb, offset, length, e->number);
        break;
    case FT_FLS_KIND_NUMBER_OR_BARE:
        if (e->valid && e->has_value)
            proto_tree_add_int(tree, hf, tvb, offset, length, e->number);
        else if (e->valid)
            facetime_add_flag(tree, hf_fls_second[e->key], tvb, e->text);
        break;
    case FT_FLS_KIND_FLAG:
        proto_tree_add_boolean(tree, hf, tvb, offset, length, 1);
        break;
    case FT_FLS_KIND_RATIOS:
        add_ratios(facetime_add_span(tree, hf, tvb, e->value), tvb, e);
        break;
    case FT_FLS_KIND_FLAG_OR_RATIOS:
        add_ratios(proto_tree_add_boolean(tree, hf, tvb, offset, length, 1), tvb, e);
        break;
    case FT_FLS_KIND_VERBATIM:
    case FT_FLS_KIND_UNKNOWN:
        if (e->valid)
            facetime_add_span(tree, hf, tvb, e->text);
        break;
    }
}

static void add_fls(proto_tree *tree, tvbuff_t *tvb, const ft_fls *fls)
{
    proto_item *ti = facetime_add_span(tree, hf_fls, tvb, fls->text);
    proto_tree *entries = proto_item_add_subtree(ti, ett_fls);
    if (fls->has_pt)
        facetime_add_number(entries, hf_fls_pt, tvb, &fls->pt);
    for (size_t i = 0; i < fls->n_entries; i++)
        add_fls_entry(entries, tvb, &fls->entries[i]);
}

static void fill_field(hf_register_info *hf, int *id, const char *name, char *abbrev,
                       enum ftenum type, int display, const char *blurb)
{
    hf->p_id = id;
    hf->hfinfo.name = name;
    hf->hfinfo.abbrev = abbrev;
    hf->hfinfo.type = type;
    hf->hfinfo.display = display;
    hf->hfinfo.blurb = blurb;
    HFILL_INIT(*hf);
}

/* One field per key, and a second for a key of two forms, registered from the table. The array
 * stays allocated: Wireshark keeps pointers into it for as long as it runs. */
static void register_fls_fields(int proto)
{
    static const enum ftenum types[] = {
        [FT_FLS_KIND_NUMBER] = FT_INT32,    [FT_FLS_KIND_NUMBER_OR_BARE] = FT_INT32,
        [FT_FLS_KIND_FLAG] = FT_BOOLEAN,    [FT_FLS_KIND_RATIOS] = FT_STRING,
        [FT_FLS_KIND_FLAG_OR_RATIOS] = FT_BOOLEAN, [FT_FLS_KIND_VERBATIM] = FT_STRING,
    };
    hf_register_info *hf = g_new0(hf_register_info, 2 * FT_FLS_N_KEYS);
    size_t n = 0;
    for (size_t key = 0; key < FT_FLS_N_KEYS; key++) {
        const ft_fls_key_info *info = &ft_fls_keys[key];
        bool number = types[info->kind] == FT_INT32;
        fill_field(&hf[n++], &hf_fls_key[key], info->written,
                   g_strdup_printf("facetime.sdp.fls.%s", info->field), types[info->kind],
                   number ? BASE_DEC : BASE_NONE, info->description);
        if (info->kind == FT_FLS_KIND_RATIOS || info->kind == FT_FLS_KIND_FLAG_OR_RATIOS)
            fill_field(&hf[n++], &hf_fls_second[key], "Aspect ratio",
                       g_strdup_printf("facetime.sdp.fls.%s.ratio", info->field), FT_STRING,
                       BASE_NONE, g_strdup_printf("One ratio of FLS %s, as written (8/5)",
                                                  info->written));
        else if (info->kind == FT_FLS_KIND_NUMBER_OR_BARE)
            fill_field(&hf[n++], &hf_fls_second[key], g_strdup_printf("%s (bare)", info->written),
                       g_strdup_printf("facetime.sdp.fls.%s.bare", info->field), FT_BOOLEAN,
                       BASE_NONE, g_strdup_printf("FLS %s given without a value", info->written));
    }
    proto_register_field_array(proto, hf, (int)n);
}

/* ---- the rest of the dialect ----------------------------------------------------------------- */

/* Of "rules A:B:C:...", A is the frame rate and B x C the image size (the notes' reading of
 * FaceTime's captures); what the other numbers mean is not known. Each number also stays a
 * facetime.sdp.imagesize.rules.value, the field every one of them had first. */
static void add_imagesize_rules(proto_tree *rules, proto_item *rules_item, tvbuff_t *tvb,
                                const ft_fmtp *f)
{
    static int *const named[] = { &hf_imagesize_rules_fps, &hf_imagesize_rules_width,
                                  &hf_imagesize_rules_height };
    for (size_t i = 0; i < f->n_rule_values; i++) {
        const ft_number *n = &f->rule_values[i];
        if (i < sizeof named / sizeof named[0]) {
            facetime_add_number(rules, *named[i], tvb, n);
            proto_item_set_hidden(facetime_add_number(rules, hf_imagesize_rules_value, tvb, n));
        } else {
            facetime_add_number(rules, hf_imagesize_rules_value, tvb, n);
        }
    }
    if (f->n_rule_values >= 3)
        proto_item_append_text(rules_item, " (%u fps, %ux%u)", f->rule_values[0].value,
                               f->rule_values[1].value, f->rule_values[2].value);
}

static bool fmtp_has_facetime_parameters(const ft_fmtp *f)
{
    return !f->has_pt || f->has_sbr || f->has_sec || f->has_samples_per_block || f->has_imagesize;
}

static void add_fmtp(proto_tree *tree, tvbuff_t *tvb, const ft_fmtp *f)
{
    if (!fmtp_has_facetime_parameters(f))
        return;         /* a standard fmtp: the SDP dissector shows it */
    proto_item *ti = facetime_add_span(tree, hf_fmtp, tvb, f->format);
    proto_tree *params = proto_item_add_subtree(ti, ett_fmtp);
    if (f->has_pt)
        facetime_add_number(params, hf_fmtp_pt, tvb, &f->pt);
    if (f->has_sbr)
        facetime_add_flag(params, hf_fmtp_sbr, tvb, f->sbr);
    if (f->has_sec)
        facetime_add_flag(params, hf_fmtp_sec, tvb, f->sec);
    if (f->has_samples_per_block)
        facetime_add_number(params, hf_samples_per_block, tvb, &f->samples_per_block);
    if (f->has_imagesize) {
        facetime_add_number(params, hf_imagesize, tvb, &f->imagesize);
        if (f->rules.length) {
            proto_item *rules_item = facetime_add_span(params, hf_imagesize_rules, tvb, f->rules);
            add_imagesize_rules(proto_item_add_subtree(rules_item, ett_imagesize), rules_item, tvb,
                                f);
        }
    }
}

/* A set parameter as written, with what it means where FaceTime's composer gives it a meaning. */
static void add_image_param(proto_tree *tree, tvbuff_t *tvb, const ft_image_param *param)
{
    proto_item *ti = facetime_add_span(tree, hf_imageattr_param, tvb, param->text);
    if (param->kind == FT_IMAGE_PARAM_OTHER)
        return;
    proto_tree *parts = proto_item_add_subtree(ti, ett_imageattr_param);
    switch (param->kind) {
    case FT_IMAGE_PARAM_CELLULAR:
        facetime_add_number(parts, hf_imageattr_i, tvb, &param->cellular);
        break;
    case FT_IMAGE_PARAM_QUALITY:
        facetime_add_span(parts, hf_imageattr_q, tvb, param->quality);
        break;
    case FT_IMAGE_PARAM_RANGE: {
        const int *hf = param->is_height ? hf_imageattr_y_range : hf_imageattr_x_range;
        facetime_add_number(parts, hf[0], tvb, &param->min);
        if (param->has_step)
            facetime_add_number(parts, hf[1], tvb, &param->step);
        facetime_add_number(parts, hf[2], tvb, &param->max);
        break;
    }
    case FT_IMAGE_PARAM_OTHER:
        break;
    }
}

static void add_image_set(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                          const ft_image_set *set)
{
    int offset = facetime_span_offset(set->text), length = facetime_span_length(set->text);
    proto_tree *params = proto_tree_add_subtree(tree, tvb, offset, length, ett_imageattr_set, NULL,
        tvb_format_text(pinfo->pool, tvb, offset, length));
    if (set->has_x)
        facetime_add_number(params, hf_imageattr_x, tvb, &set->x);
    if (set->has_y)
        facetime_add_number(params, hf_imageattr_y, tvb, &set->y);
    if (set->has_fps)
        facetime_add_number(params, hf_imageattr_fps, tvb, &set->fps);
    for (size_t i = 0; i < set->n_other_params; i++)
        add_image_param(params, tvb, &set->other_params[i]);
}

static void add_imageattr(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                          const ft_imageattr *ia)
{
    proto_tree *attr = proto_tree_add_subtree(tree, tvb, facetime_span_offset(ia->text),
        facetime_span_length(ia->text), ett_imageattr, NULL, "Image attributes");
    if (ia->has_pt)
        facetime_add_number(attr, hf_imageattr_pt, tvb, &ia->pt);
    for (size_t i = 0; i < ia->n_directions; i++) {
        const ft_image_direction *d = &ia->directions[i];
        proto_item *ti = proto_tree_add_string(attr, hf_imageattr_dir, tvb,
            facetime_span_offset(d->text), facetime_span_length(d->text),
            d->is_send ? "send" : "recv");
        proto_tree *sets = proto_item_add_subtree(ti, ett_imageattr_dir);
        for (size_t j = 0; j < d->n_sets; j++)
            add_image_set(sets, tvb, pinfo, &d->sets[j]);
    }
}

static void add_address(proto_tree *tree, tvbuff_t *tvb, const ft_address *addr)
{
    int offset = facetime_span_offset(addr->text), length = facetime_span_length(addr->text);
    if (addr->is_ipv6) {
        ws_in6_addr v6;
        memcpy(&v6, addr->bytes, sizeof v6);
        proto_tree_add_ipv6(tree, hf_public_addr6, tvb, offset, length, &v6);
    } else {
        ws_in4_addr v4;
        memcpy(&v4, addr->bytes, sizeof v4);
        proto_tree_add_ipv4(tree, hf_public_addr, tvb, offset, length, v4);
    }
}

static void add_rtcp_fb(proto_tree *tree, tvbuff_t *tvb, const ft_rtcp_fb *fb)
{
    proto_item *ti = facetime_add_span(tree, hf_rtcp_fb, tvb, fb->text);
    proto_tree *parts = proto_item_add_subtree(ti, ett_rtcp_fb);
    facetime_add_span(parts, hf_rtcp_fb_format, tvb, fb->format);
    for (size_t i = 0; i < fb->n_types; i++)
        facetime_add_span(parts, hf_rtcp_fb_type, tvb, fb->types[i]);
}

static void add_bbcodec(proto_tree *tree, tvbuff_t *tvb, const ft_bbcodec *codec)
{
    proto_item *ti = facetime_add_span(tree, hf_bbcodec, tvb, codec->text);
    proto_tree *parts = proto_item_add_subtree(ti, ett_bbcodec);
    facetime_add_number(parts, hf_bbcodec_type, tvb, &codec->type);
    facetime_add_number(parts, hf_bbcodec_rate, tvb, &codec->rate);
}

static void add_display(proto_tree *tree, tvbuff_t *tvb, const ft_display *display)
{
    proto_item *ti = facetime_add_span(tree, hf_display, tvb, display->text);
    proto_tree *parts = proto_item_add_subtree(ti, ett_display);
    facetime_add_number(parts, hf_display_x, tvb, &display->x);
    facetime_add_number(parts, hf_display_y, tvb, &display->y);
}

static void add_yes_no(proto_tree *tree, int hf, tvbuff_t *tvb, const ft_yes_no *answer)
{
    proto_tree_add_boolean(tree, hf, tvb, facetime_span_offset(answer->text),
                           facetime_span_length(answer->text), answer->value);
}

static void add_hwi(proto_tree *tree, tvbuff_t *tvb, const ft_number_list *hwi)
{
    proto_item *ti = facetime_add_span(tree, hf_hwi, tvb, hwi->text);
    proto_tree *values = proto_item_add_subtree(ti, ett_hwi);
    for (size_t i = 0; i < hwi->n_values; i++)
        facetime_add_number(values, hf_hwi_value, tvb, &hwi->values[i]);
}

static void add_rtcp_ports(proto_tree *tree, tvbuff_t *tvb, const ft_rtcp_ports *ports)
{
    proto_tree *parts = proto_tree_add_subtree(tree, tvb, facetime_span_offset(ports->text),
        facetime_span_length(ports->text), ett_rtcp_ports, NULL, "RTCP ports (iChat)");
    if (ports->has_audio)
        facetime_add_number(parts, hf_rtcp_audio, tvb, &ports->audio);
    if (ports->has_video)
        facetime_add_number(parts, hf_rtcp_video, tvb, &ports->video);
}

/* iChat's own attributes. */
static void add_ichat(proto_tree *tree, tvbuff_t *tvb, const ft_section *s)
{
    if (s->has_hwi)
        add_hwi(tree, tvb, &s->hwi);
    if (s->has_ichat_encryption)
        add_yes_no(tree, hf_ichat_encryption, tvb, &s->ichat_encryption);
    if (s->has_multipoint)
        facetime_add_number(tree, hf_multipoint, tvb, &s->multipoint);
    if (s->has_bandwidth_detection)
        add_yes_no(tree, hf_bandwidth_detection, tvb, &s->bandwidth_detection);
    if (s->has_framerate)
        facetime_add_span(tree, hf_framerate, tvb, s->framerate);
    if (s->has_rtcp_ports)
        add_rtcp_ports(tree, tvb, &s->rtcp_ports);
}

/* What a section (session level or one m=) holds, in the order a reader expects. */
static void add_section(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_section *s)
{
    if (s->has_connection)
        add_address(tree, tvb, &s->connection);
    if (s->has_bandwidth)
        facetime_add_number(tree, hf_bandwidth, tvb, &s->bandwidth);
    if (s->has_bandwidth_extra)
        facetime_add_number(tree, hf_bandwidth_extra, tvb, &s->bandwidth_extra);
    for (size_t i = 0; i < s->n_fls; i++)
        add_fls(tree, tvb, &s->fls[i]);
    if (s->has_dmbr)
        facetime_add_flag(tree, hf_dmbr, tvb, s->dmbr);
    if (s->has_cap)
        facetime_add_flag(tree, hf_cap, tvb, s->cap);
    if (s->has_bbcodec)
        add_bbcodec(tree, tvb, &s->bbcodec);
    if (s->has_display)
        add_display(tree, tvb, &s->display);
    if (s->has_allowrecording)
        facetime_add_flag(tree, hf_allowrecording, tvb, s->allowrecording);
    if (s->has_rtpid)
        facetime_add_number(tree, hf_rtpid, tvb, &s->rtpid);
    if (s->has_au)
        facetime_add_number(tree, hf_au, tvb, &s->au);
    for (size_t i = 0; i < s->n_fmtps; i++)
        add_fmtp(tree, tvb, &s->fmtps[i]);
    for (size_t i = 0; i < s->n_imageattrs; i++)
        add_imageattr(tree, tvb, pinfo, &s->imageattrs[i]);
    for (size_t i = 0; i < s->n_rtcp_fbs; i++)
        add_rtcp_fb(tree, tvb, &s->rtcp_fbs[i]);
    add_ichat(tree, tvb, s);
}

static void add_media(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_section *s)
{
    proto_item *ti = facetime_add_span(tree, hf_media, tvb, s->media_name);
    if (s->has_rtpid)
        proto_item_append_text(ti, ", RTP ID %u (0x%08x)", s->rtpid.value, s->rtpid.value);
    proto_tree *media = proto_item_add_subtree(ti, ett_media);
    if (s->port.text.length)
        facetime_add_number(media, hf_port, tvb, &s->port);
    add_section(media, tvb, pinfo, s);
}

static expert_field *problem_expert(ft_problem_kind kind)
{
    switch (kind) {
    case FT_PROBLEM_RTPID_INVALID:     return &ei_rtpid_invalid;
    case FT_PROBLEM_NUMBER_INVALID:    return &ei_number_invalid;
    case FT_PROBLEM_FLS_INVALID:       return &ei_fls_invalid;
    case FT_PROBLEM_IMAGEATTR_INVALID: return &ei_imageattr_invalid;
    case FT_PROBLEM_IMAGEATTR_FPS:     return &ei_imageattr_fps;
    case FT_PROBLEM_FMTP_CODEC_NAME:   return &ei_fmtp_codec_name;
    case FT_PROBLEM_MEDIA_INVALID:     return &ei_media_invalid;
    case FT_PROBLEM_ADDRESS_INVALID:   return &ei_address_invalid;
    case FT_PROBLEM_DUPLICATE:         return &ei_duplicate;
    case FT_PROBLEM_LINE_LIMIT:        return &ei_line_limit;
    case FT_PROBLEM_LIST_LIMIT:        return &ei_list_limit;
    case FT_PROBLEM_ATTRIBUTE_INVALID: return &ei_attribute_invalid;
    case FT_PROBLEM_PORT_INVALID:      return &ei_port_invalid;
    case FT_PROBLEM_IMAGEATTR_RANGE:   return &ei_imageattr_range;
    }
    return &ei_number_invalid;
}

#define N_PROBLEM_KINDS (FT_PROBLEM_IMAGEATTR_RANGE + 1)

/* The problems of one kind as one expert info at the first place the body has it, with the
 * count when there are more: a bomb of 974 repeated lines is one warning, not 974. */
static void add_problem_kind(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                             const ft_sdp *sdp, ft_problem_kind kind, size_t count)
{
    const ft_problem *first = NULL;
    for (size_t i = 0; i < sdp->n_problems && !first; i++)
        if (sdp->problems[i].kind == kind)
            first = &sdp->problems[i];
    if (!first)
        return;
    expert_field *ei = problem_expert(kind);
    int offset = facetime_span_offset(first->where);
    int length = facetime_span_length(first->where);
    if (count == 1)
        proto_tree_add_expert(tree, pinfo, ei, tvb, offset, length);
    else
        proto_tree_add_expert_format(tree, pinfo, ei, tvb, offset, length,
                                     "%s (%zu times in this body; the first is here)",
                                     expert_get_summary(ei), count);
}

static void count_problems(const ft_sdp *sdp, size_t count[N_PROBLEM_KINDS])
{
    for (size_t i = 0; i < sdp->n_problems; i++)
        count[sdp->problems[i].kind]++;
}

/* Every kind but `except`, in the order each first occurs. */
static void add_problems(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_sdp *sdp,
                         const size_t count[N_PROBLEM_KINDS], ft_problem_kind except)
{
    bool told[N_PROBLEM_KINDS] = { false };
    told[except] = true;
    for (size_t i = 0; i < sdp->n_problems; i++) {
        ft_problem_kind kind = sdp->problems[i].kind;
        if (!told[kind]) {
            told[kind] = true;
            add_problem_kind(tree, tvb, pinfo, sdp, kind, count[kind]);
        }
    }
}

/* FaceTime puts the first word of the local user name in s=, or "-" when it has none. What
 * iChat puts there (a number in its public INVITE) is not known. */
static bool names_an_account(tvbuff_t *tvb, ft_span session_name, ft_family family)
{
    return family == FT_FAMILY_FACETIME &&
           !(session_name.length == 1 &&
             tvb_get_uint8(tvb, facetime_span_offset(session_name)) == '-');
}

void facetime_add_sdp_items(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_sdp *sdp,
                            ft_family family)
{
    size_t count[N_PROBLEM_KINDS] = { 0 };
    count_problems(sdp, count);
    /* First of all, why SDP's own dissector flags FaceTime's a=fmtp:AAC line as malformed: the
     * red line is the dialect, not damage. */
    add_problem_kind(tree, tvb, pinfo, sdp, FT_PROBLEM_FMTP_CODEC_NAME,
                     count[FT_PROBLEM_FMTP_CODEC_NAME]);
    proto_item *ti = proto_tree_add_string(tree, hf_family, tvb, 0, 0, ft_family_name(family));
    proto_item_set_generated(ti);
    if (sdp->has_client)
        facetime_add_span(tree, hf_client, tvb, sdp->client);
    if (sdp->has_session_name) {
        ti = facetime_add_span(tree, hf_session_name, tvb, sdp->session_name);
        if (names_an_account(tvb, sdp->session_name, family))
            expert_add_info(pinfo, ti, &ei_session_name_account);
    }
    /* The sections hold items only, no expert info, and their image set labels cost formatting. */
    if (facetime_items_wanted(tree)) {
        add_section(tree, tvb, pinfo, &sdp->sections[0]);
        for (size_t i = 1; i < sdp->n_sections; i++)
            add_media(tree, tvb, pinfo, &sdp->sections[i]);
    }
    add_problems(tree, tvb, pinfo, sdp, count, FT_PROBLEM_FMTP_CODEC_NAME);
    if (sdp->out_of_memory)
        facetime_add_out_of_memory(tree, pinfo, tvb);
}


/* The span's text, as tvb_get_string_enc() makes it safe (ASCII; other bytes replaced). */
static void append_span_text(wmem_strbuf_t *to, wmem_allocator_t *scope, tvbuff_t *text,
                             ft_span s)
{
    wmem_strbuf_append(to, facetime_span_string(scope, text, s));
}

void facetime_add_sdp_info(packet_info *pinfo, tvbuff_t *text, const ft_sdp *sdp,
                           const char *what)
{
    size_t len;
    const uint8_t *bytes = facetime_tvb_bytes(text, &len);
    /* Appended piece by piece, without printf: every body of a call has one. */
    wmem_strbuf_t *info = wmem_strbuf_new(pinfo->pool, "FaceTime ");
    wmem_strbuf_append(info, what);
    wmem_strbuf_append(info, " (");
    /* The media in the order of the m= lines, each name once in a row: "audio, video". The
     * parser's spans lie within the text. */
    ft_span last = { 0, 0 };
    size_t named = 0;
    for (size_t i = 1; i < sdp->n_sections; i++) {
        ft_span name = sdp->sections[i].media_name;
        if (name.length == 0 || (last.length == name.length &&
            memcmp(bytes + last.offset, bytes + name.offset, name.length) == 0))
            continue;
        if (named++)
            wmem_strbuf_append(info, ", ");
        append_span_text(info, pinfo->pool, text, name);
        last = name;
    }
    const ft_section *session = &sdp->sections[0];
    if (session->has_connection) {
        if (named)
            wmem_strbuf_append(info, "; ");
        append_span_text(info, pinfo->pool, text, session->connection.text);
    }
    wmem_strbuf_append_c(info, ')');
    col_append_lstr(pinfo->cinfo, COL_INFO, wmem_strbuf_get_str(info), COL_ADD_LSTR_TERMINATOR);
}

void register_facetime_tree(int proto)
{
    static hf_register_info hf_session[] = {
        { &hf_family, { "Family member", "facetime.sdp.family", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who wrote the SDP, from what it says of itself: FaceTime (also GameKit voice chat) "
            "or iChat (Viceroy)", HFILL } },
        { &hf_client, { "Client", "facetime.sdp.client", FT_STRING, BASE_NONE, NULL, 0x0,
            "User name of the o= line: GKVoiceChatService (Apple's GameKit voice chat) in "
            "FaceTime 2014, a local user name in iChat, - when there is none", HFILL } },
        { &hf_session_name, { "Session name", "facetime.sdp.session_name", FT_STRING, BASE_NONE,
            NULL, 0x0, "The s= line, where FaceTime puts the sender's local account name",
            HFILL } },
        { &hf_public_addr, { "Public address", "facetime.sdp.public_addr", FT_IPv4, BASE_NONE,
            NULL, 0x0, "The c= address (IPv4): the sender's public address, outside its NAT, "
            "learned through STUN", HFILL } },
        { &hf_public_addr6, { "Public IPv6 address", "facetime.sdp.public_addr6", FT_IPv6,
            BASE_NONE, NULL, 0x0, "The c= address (IPv6): the sender's public address, learned "
            "through STUN", HFILL } },
        { &hf_bandwidth, { "Bandwidth", "facetime.sdp.bandwidth", FT_UINT32,
            BASE_DEC | BASE_UNIT_STRING, &units_kbit_per_second, 0x0,
            "b=AS: the application-specific bandwidth limit; of FaceTime's b=AS:<answer>:<max>, "
            "the first number", HFILL } },
        { &hf_bandwidth_extra, { "Maximum bandwidth", "facetime.sdp.bandwidth.extra", FT_UINT32,
            BASE_DEC | BASE_UNIT_STRING, &units_kbit_per_second, 0x0,
            "The second number of FaceTime's b=AS:<answer>:<max>: the maximum", HFILL } },
        { &hf_fls, { "FLS", "facetime.sdp.fls", FT_STRING, BASE_NONE, NULL, 0x0,
            "The whole a=FLS list of feature flags (meanings not public)", HFILL } },
        { &hf_fls_pt, { "Payload type", "facetime.sdp.fls.pt", FT_UINT8, BASE_DEC, NULL, 0x0,
            "The payload type an a=X_FLS list applies to", HFILL } },
    };
    static hf_register_info hf_rest[] = {
        { &hf_fls_unknown, { "Unknown FLS entry", "facetime.sdp.fls.unknown", FT_STRING,
            BASE_NONE, NULL, 0x0, "An FLS key this dissector does not know, kept verbatim",
            HFILL } },
        { &hf_dmbr, { "DMBR", "facetime.sdp.dmbr", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "a=DMBR present: the peer allows a dynamic maximum bitrate", HFILL } },
        { &hf_cap, { "CAP", "facetime.sdp.cap", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "a=CAP present: content change with the aspect ratio kept", HFILL } },
        { &hf_media, { "Media", "facetime.sdp.media", FT_STRING, BASE_NONE, NULL, 0x0,
            "The media of an m= section: audio or video", HFILL } },
        { &hf_port, { "Port", "facetime.sdp.port", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The m= port, where the sender receives this media (RTCP too, in FaceTime)", HFILL } },
        { &hf_rtpid, { "RTP ID", "facetime.sdp.rtpid", FT_UINT32, BASE_DEC_HEX, NULL, 0x0,
            "a=rtpID: the SSRC of the RTP stream the sender sends for this media", HFILL } },
        { &hf_au, { "AU", "facetime.sdp.au", FT_UINT32, BASE_DEC, NULL, 0x0,
            "a=au: the audio unit model number (meaning not public)", HFILL } },
        { &hf_samples_per_block, { "Samples per block", "facetime.sdp.samples_per_block",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "Audio samples per block: a=fmtp:AAC SamplesPerBlock N, or block N in an fmtp",
            HFILL } },
        { &hf_fmtp, { "Format parameters", "facetime.sdp.fmtp", FT_STRING, BASE_NONE, NULL, 0x0,
            "An a=fmtp line with FaceTime parameters, by its format (payload type or codec)",
            HFILL } },
        { &hf_fmtp_pt, { "Payload type", "facetime.sdp.fmtp.pt", FT_UINT8, BASE_DEC, NULL, 0x0,
            "The payload type the a=fmtp line applies to", HFILL } },
        { &hf_fmtp_sbr, { "SBR", "facetime.sdp.fmtp.sbr", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "fmtp flag sbr: AAC spectral band replication", HFILL } },
        { &hf_fmtp_sec, { "SEC", "facetime.sdp.fmtp.sec", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "fmtp flag sec (meaning not public)", HFILL } },
        { &hf_imagesize, { "Image size", "facetime.sdp.imagesize", FT_UINT32, BASE_DEC, NULL,
            0x0, "The number after imagesize in a=fmtp:126 imagesize N rules ...", HFILL } },
        { &hf_imagesize_rules, { "Image size rules", "facetime.sdp.imagesize.rules", FT_STRING,
            BASE_NONE, NULL, 0x0, "The rules of a=fmtp:... imagesize N rules R, as written",
            HFILL } },
        { &hf_imagesize_rules_fps, { "Frame rate", "facetime.sdp.imagesize.rules.fps",
            FT_UINT32, BASE_DEC, NULL, 0x0, "The first number of the image size rules: frames "
            "a second", HFILL } },
        { &hf_imagesize_rules_width, { "Width", "facetime.sdp.imagesize.rules.width",
            FT_UINT32, BASE_DEC, NULL, 0x0, "The second number of the image size rules: the "
            "image's width in pixels", HFILL } },
        { &hf_imagesize_rules_height, { "Height", "facetime.sdp.imagesize.rules.height",
            FT_UINT32, BASE_DEC, NULL, 0x0, "The third number of the image size rules: the "
            "image's height in pixels", HFILL } },
        { &hf_imagesize_rules_value, { "Rule value", "facetime.sdp.imagesize.rules.value",
            FT_UINT32, BASE_DEC, NULL, 0x0, "One number of the image size rules", HFILL } },
        { &hf_imageattr_pt, { "Payload type", "facetime.sdp.imageattr.pt", FT_UINT8, BASE_DEC,
            NULL, 0x0, "The payload type of an a=imageattr line", HFILL } },
        { &hf_imageattr_dir, { "Direction", "facetime.sdp.imageattr.dir", FT_STRING, BASE_NONE,
            NULL, 0x0, "send or recv: the resolutions the sender sends or wants to receive",
            HFILL } },
        { &hf_imageattr_x, { "Width", "facetime.sdp.imageattr.x", FT_UINT32, BASE_DEC, NULL, 0x0,
            "x= of an imageattr set: width in pixels", HFILL } },
        { &hf_imageattr_y, { "Height", "facetime.sdp.imageattr.y", FT_UINT32, BASE_DEC, NULL,
            0x0, "y= of an imageattr set: height in pixels", HFILL } },
        { &hf_imageattr_fps, { "Frame rate", "facetime.sdp.imageattr.fps", FT_UINT32, BASE_DEC,
            NULL, 0x0, "fps= of an imageattr set: frames per second (FaceTime's, not RFC 6236)",
            HFILL } },
        { &hf_imageattr_param, { "Other parameter", "facetime.sdp.imageattr.param", FT_STRING,
            BASE_NONE, NULL, 0x0, "Another imageattr set parameter (sar, par, q, i, or a range), "
            "as written", HFILL } },
    };

    static hf_register_info hf_dialect[] = {
        { &hf_allowrecording, { "Allow recording", "facetime.sdp.allowrecording", FT_BOOLEAN,
            BASE_NONE, NULL, 0x0, "a=allowrecording present (meaning not public beyond its name)",
            HFILL } },
        { &hf_bbcodec, { "Baseband codec", "facetime.sdp.bbcodec", FT_STRING, BASE_NONE, NULL,
            0x0, "a=BBCODEC:<codec type>:<sample rate>: the cellular (baseband) codec, as written",
            HFILL } },
        { &hf_bbcodec_type, { "Codec type", "facetime.sdp.bbcodec.type", FT_UINT32, BASE_DEC,
            NULL, 0x0, "The codec type of a=BBCODEC (its values are not public)", HFILL } },
        { &hf_bbcodec_rate, { "Sample rate", "facetime.sdp.bbcodec.rate", FT_UINT32, BASE_DEC,
            NULL, 0x0, "The sample rate of a=BBCODEC, in Hz", HFILL } },
        { &hf_display, { "Display", "facetime.sdp.ftdisplayattr", FT_STRING, BASE_NONE, NULL,
            0x0, "a=ftdisplayattr: the size of the sender's display, as written", HFILL } },
        { &hf_display_x, { "Display width", "facetime.sdp.ftdisplayattr.x", FT_UINT32, BASE_DEC,
            NULL, 0x0, "x= of a=ftdisplayattr:resolution: the display's width in pixels",
            HFILL } },
        { &hf_display_y, { "Display height", "facetime.sdp.ftdisplayattr.y", FT_UINT32,
            BASE_DEC, NULL, 0x0,
            "y= of a=ftdisplayattr:resolution: the display's height in pixels", HFILL } },
        { &hf_imageattr_i, { "Interface rule", "facetime.sdp.imageattr.i", FT_UINT32, BASE_DEC,
            NULL, 0x0, "i= of an imageattr set: 1 marks a rule for the cellular interface (none: "
            "Wi-Fi); FaceTime's, not RFC 6236", HFILL } },
        { &hf_imageattr_q, { "Preference", "facetime.sdp.imageattr.q", FT_STRING, BASE_NONE,
            NULL, 0x0, "q= of an imageattr set, as written (RFC 6236; FaceTime leaves it out "
            "when 0.5)", HFILL } },
        { &hf_imageattr_x_range[0], { "Width from", "facetime.sdp.imageattr.x.min", FT_UINT32,
            BASE_DEC, NULL, 0x0, "The smallest width of an x=[min:step:max] range", HFILL } },
        { &hf_imageattr_x_range[1], { "Width step", "facetime.sdp.imageattr.x.step", FT_UINT32,
            BASE_DEC, NULL, 0x0, "The step of an x=[min:step:max] range", HFILL } },
        { &hf_imageattr_x_range[2], { "Width to", "facetime.sdp.imageattr.x.max", FT_UINT32,
            BASE_DEC, NULL, 0x0, "The largest width of an x=[min:step:max] range", HFILL } },
        { &hf_imageattr_y_range[0], { "Height from", "facetime.sdp.imageattr.y.min", FT_UINT32,
            BASE_DEC, NULL, 0x0, "The smallest height of a y=[min:step:max] range", HFILL } },
        { &hf_imageattr_y_range[1], { "Height step", "facetime.sdp.imageattr.y.step", FT_UINT32,
            BASE_DEC, NULL, 0x0, "The step of a y=[min:step:max] range", HFILL } },
        { &hf_imageattr_y_range[2], { "Height to", "facetime.sdp.imageattr.y.max", FT_UINT32,
            BASE_DEC, NULL, 0x0, "The largest height of a y=[min:step:max] range", HFILL } },
        { &hf_rtcp_fb, { "RTCP feedback", "facetime.sdp.rtcp_fb", FT_STRING, BASE_NONE, NULL,
            0x0, "a=rtcp-fb as FaceTime writes it (several types on one line), as written",
            HFILL } },
        { &hf_rtcp_fb_format, { "Format", "facetime.sdp.rtcp_fb.format", FT_STRING, BASE_NONE,
            NULL, 0x0, "The payload type a=rtcp-fb applies to, or * for all", HFILL } },
        { &hf_rtcp_fb_type, { "Feedback type", "facetime.sdp.rtcp_fb.type", FT_STRING,
            BASE_NONE, NULL, 0x0, "One feedback type of a=rtcp-fb: rpsi, nack, ...", HFILL } },
        { &hf_hwi, { "Hardware information", "facetime.sdp.hwi", FT_STRING, BASE_NONE, NULL,
            0x0, "iChat's a=hwi, as written (meaning not public)", HFILL } },
        { &hf_hwi_value, { "Value", "facetime.sdp.hwi.value", FT_UINT32, BASE_DEC, NULL, 0x0,
            "One number of iChat's a=hwi", HFILL } },
        { &hf_ichat_encryption, { "iChat encryption", "facetime.sdp.ichatencryption",
            FT_BOOLEAN, BASE_NONE, NULL, 0x0, "iChat's a=iChatEncryption: YES or NO", HFILL } },
        { &hf_multipoint, { "Multipoint", "facetime.sdp.multipoint", FT_UINT32, BASE_DEC, NULL,
            0x0, "iChat's a=multipoint (meaning not public beyond its name)", HFILL } },
        { &hf_bandwidth_detection, { "Bandwidth detection", "facetime.sdp.bandwidthdetection",
            FT_BOOLEAN, BASE_NONE, NULL, 0x0, "iChat's a=bandwidthDetection: YES or NO",
            HFILL } },
        { &hf_framerate, { "Frame rate", "facetime.sdp.framerate", FT_STRING, BASE_NONE, NULL,
            0x0, "a=framerate (RFC 4566), as iChat writes it", HFILL } },
        { &hf_rtcp_audio, { "Audio RTCP port", "facetime.sdp.rtcp.audio", FT_UINT16, BASE_DEC,
            NULL, 0x0, "AUDIO of iChat's a=RTCP: where the sender receives audio RTCP", HFILL } },
        { &hf_rtcp_video, { "Video RTCP port", "facetime.sdp.rtcp.video", FT_UINT16, BASE_DEC,
            NULL, 0x0, "VIDEO of iChat's a=RTCP: where the sender receives video RTCP", HFILL } },
    };

    static int *ett[] = {
        &ett_fls, &ett_fls_ratios, &ett_media, &ett_fmtp, &ett_imagesize, &ett_imageattr,
        &ett_imageattr_dir, &ett_imageattr_set, &ett_imageattr_param, &ett_rtcp_fb, &ett_bbcodec,
        &ett_display, &ett_hwi, &ett_rtcp_ports,
    };

    static ei_register_info ei[] = {
        { &ei_attribute_invalid, { "facetime.sdp.attribute.invalid", PI_PROTOCOL, PI_WARN,
            "An attribute of Apple's without the form Apple writes: what could be read is shown",
            EXPFILL } },
        { &ei_port_invalid, { "facetime.sdp.port.invalid", PI_PROTOCOL, PI_WARN,
            "A port that is not 1 to 65535", EXPFILL } },
        { &ei_imageattr_range, { "facetime.sdp.imageattr.range_invalid", PI_PROTOCOL, PI_WARN,
            "An imageattr range with a step of 0, or its minimum above its maximum", EXPFILL } },
        { &ei_session_name_account, { "facetime.sdp.session_name.account", PI_SECURITY, PI_WARN,
            "The session name (s=) reveals the sender's local account name", EXPFILL } },
        { &ei_rtpid_invalid, { "facetime.sdp.rtpid.invalid", PI_PROTOCOL, PI_WARN,
            "a=rtpID is not a 32-bit number", EXPFILL } },
        { &ei_number_invalid, { "facetime.sdp.number.invalid", PI_PROTOCOL, PI_WARN,
            "A number that cannot be parsed", EXPFILL } },
        { &ei_fls_invalid, { "facetime.sdp.fls.invalid", PI_PROTOCOL, PI_WARN,
            "FLS entry that cannot be parsed", EXPFILL } },
        { &ei_imageattr_invalid, { "facetime.sdp.imageattr.invalid", PI_PROTOCOL, PI_WARN,
            "imageattr that cannot be parsed: the sets before this point are shown", EXPFILL } },
        { &ei_imageattr_fps, { "facetime.sdp.imageattr.fps_not_rfc6236", PI_PROTOCOL, PI_NOTE,
            "fps is not an RFC 6236 imageattr parameter (FaceTime's dialect)", EXPFILL } },
        { &ei_fmtp_codec_name, { "facetime.sdp.fmtp.codec_name", PI_PROTOCOL, PI_NOTE,
            "SDP's \"Invalid media format\" error here is FaceTime's dialect, not damage: its "
            "a=fmtp names a codec (AAC) where RFC 4566 wants a payload type", EXPFILL } },
        { &ei_media_invalid, { "facetime.sdp.media.invalid", PI_PROTOCOL, PI_WARN,
            "m= line that cannot be parsed", EXPFILL } },
        { &ei_address_invalid, { "facetime.sdp.public_addr.invalid", PI_PROTOCOL, PI_WARN,
            "c= line without a usable IPv4 or IPv6 address", EXPFILL } },
        { &ei_duplicate, { "facetime.sdp.duplicate", PI_PROTOCOL, PI_WARN,
            "Attribute or fmtp parameter repeated in one section: this one is ignored", EXPFILL } },
        { &ei_line_limit, { "facetime.sdp.line_limit", PI_UNDECODED, PI_WARN,
            "More SDP lines than the limit (preference facetime.max_sdp_lines): the rest is not "
            "parsed for FaceTime fields", EXPFILL } },
        { &ei_list_limit, { "facetime.sdp.list_limit", PI_UNDECODED, PI_WARN,
            "An attribute lists more items than the limit: the rest is skipped", EXPFILL } },
    };

    /* In the order of the README's reference: the session's fields, FLS's, then the rest. */
    proto_register_field_array(proto, hf_session, array_length(hf_session));
    register_fls_fields(proto);
    proto_register_field_array(proto, hf_rest, array_length(hf_rest));
    proto_register_field_array(proto, hf_dialect, array_length(hf_dialect));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
