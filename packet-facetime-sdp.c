/* packet-facetime-sdp.c - Wireshark glue for Apple FaceTime's SIP/SDP signalling.
 *
 * FaceTime (2014: FaceTime 3.0, iOS 7) sends its SDP compressed, marked only by `e: deflate`,
 * often without a Content-Type. The bodies reach this code two ways:
 *  - without a Content-Type, SIP hands the body (inflated by SIP if it could) to its heuristic
 *    sub-dissectors: dissect_facetime_heur();
 *  - with `c: application/sdp`, SIP calls the "media_type" table directly; our entry there,
 *    dissect_sdp_media_type(), passes everything that is not FaceTime to the built-in SDP
 *    dissector unchanged.
 * Either way dissect_facetime_body() inflates the body if still compressed (bounded), hands the
 * text to the built-in SDP dissector, adds the FaceTime fields under it, and registers the media.
 *
 * The parsing and inflation live in plugin/ft_*.c, plain C that knows nothing of Wireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-facetime-sdp.h"

#include <string.h>

#include <epan/conversation.h>
#include <epan/exceptions.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/show_exception.h>
#include <epan/tap.h>
#include <epan/unit_strings.h>
#include <epan/dissectors/packet-rtcp.h>
#include <epan/dissectors/packet-rtp.h>
#include <epan/dissectors/packet-sdp.h>
#include <epan/dissectors/packet-sip.h>

#include "ft_body.h"
#include "ft_dissector.h"
#include "ft_inflate.h"
#include "ft_sdp.h"

#define INFLATE_LIMIT_KIB_DEFAULT 64
#define INFLATE_LIMIT_KIB_MAX (16 * 1024)      /* whatever the preference says */
#define SDP_LINES_MAX 100000

static int proto_facetime = -1;

/* Hidden markers, for filtering on "facetime.sdp" and "facetime.rtp" as a whole. */
static int hf_sdp = -1;
static int hf_rtp = -1;
/* The SIP body as seen on the wire. */
static int hf_encoding = -1;
static int hf_compressed_len = -1;
static int hf_inflated_len = -1;
/* Session level. */
static int hf_client = -1;
static int hf_session_name = -1;
static int hf_public_addr = -1;
static int hf_public_addr6 = -1;
static int hf_bandwidth = -1;
static int hf_bandwidth_extra = -1;
static int hf_fls = -1;
static int hf_fls_pt = -1;
static int hf_fls_vra = -1;
static int hf_fls_mvra = -1;
static int hf_fls_rvra1 = -1;
static int hf_fls_rvra2 = -1;
static int hf_fls_as = -1;
static int hf_fls_ms = -1;
static int hf_fls_lf = -1;
static int hf_fls_cr = -1;
static int hf_fls_ltr = -1;
static int hf_fls_cabac = -1;
static int hf_fls_pr = -1;
static int hf_fls_xr = -1;
static int hf_fls_ar = -1;
static int hf_fls_ar_ratio = -1;
static int hf_fls_unknown = -1;
static int hf_dmbr = -1;
static int hf_cap = -1;
/* Media level. */
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
static int hf_imageattr_pt = -1;
static int hf_imageattr_dir = -1;
static int hf_imageattr_x = -1;
static int hf_imageattr_y = -1;
static int hf_imageattr_fps = -1;
static int hf_imageattr_param = -1;
/* On RTP and RTCP packets of a negotiated stream. */
static int hf_rtp_media = -1;
static int hf_rtp_setup_frame = -1;
static int hf_rtp_direction = -1;

static int ett_facetime = -1;
static int ett_fls = -1;
static int ett_fls_ar = -1;
static int ett_media = -1;
static int ett_fmtp = -1;
static int ett_imagesize = -1;
static int ett_imageattr = -1;
static int ett_imageattr_dir = -1;
static int ett_imageattr_set = -1;
static int ett_rtp = -1;

static expert_field ei_inflate_truncated = EI_INIT;
static expert_field ei_inflate_corrupt = EI_INIT;
static expert_field ei_inflate_limit = EI_INIT;
static expert_field ei_inflate_no_memory = EI_INIT;
static expert_field ei_origin_unknown = EI_INIT;
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

/* Preferences. */
enum media_registration { MEDIA_AS_RTP, MEDIA_AS_SRTP, MEDIA_NOT_REGISTERED };
static unsigned pref_inflate_limit_kib = INFLATE_LIMIT_KIB_DEFAULT;
static unsigned pref_max_sdp_lines = FT_SDP_DEFAULT_MAX_LINES;
static int pref_media_registration = MEDIA_AS_RTP;

static dissector_handle_t facetime_sdp_handle;
static dissector_handle_t sdp_media_type_handle;
static dissector_handle_t media_handle;
static dissector_handle_t sdp_handle;
static dissector_handle_t rtp_handle;
static dissector_handle_t rtcp_handle;
static dissector_handle_t stun_handle;
static int proto_sdp = -1;
static int proto_sip = -1;
static int proto_rtp = -1;
static int hf_sip_generated_call_id = -1;
static int facetime_tap = -1;

/* ---- per-capture state ------------------------------------------------------------------- */

/* The direction of a stream is who sends it. */
static const char *const direction_names[] = {
    [FT_CALLER] = "caller-to-callee",
    [FT_CALLEE] = "callee-to-caller",
    [FT_PARTY_UNKNOWN] = "unknown",
};

static const unit_name_string units_kbit_per_second = { " kb/s", NULL };

static const char *const media_kind_names[] = {
    [FT_MEDIA_AUDIO] = "audio",
    [FT_MEDIA_VIDEO] = "video",
    [FT_MEDIA_OTHER] = "other",
};

/* A media endpoint of a call: where one side said it receives RTP. */
typedef struct endpoint {
    address addr;
    uint16_t port;
} endpoint;

static wmem_map_t *calls_by_id;       /* Call-ID -> ft_call */
static wmem_map_t *streams_by_ssrc;   /* SSRC -> newest ft_stream */

/* ---- the allocator the pure C code uses: the packet's wmem pool ---------------------------- */

static void *pool_alloc(void *ctx, size_t size)
{
    return wmem_alloc((wmem_allocator_t *)ctx, size);
}

static void *pool_realloc(void *ctx, void *ptr, size_t size)
{
    return wmem_realloc((wmem_allocator_t *)ctx, ptr, size);
}

static void pool_free(void *ctx, void *ptr)
{
    wmem_free((wmem_allocator_t *)ctx, ptr);
}

static ft_allocator packet_allocator(packet_info *pinfo)
{
    ft_allocator a = { pool_alloc, pool_realloc, pool_free, pinfo->pool };
    return a;
}

static size_t inflate_limit(void)
{
    return (size_t)pref_inflate_limit_kib * 1024;
}

/* ---- the body: compressed, inflated by SIP, or plain --------------------------------------- */

typedef struct body {
    tvbuff_t *text;               /* the SDP text dissected: at most inflate_limit() bytes */
    unsigned inflated_len;        /* its full length, before the limit */
    bool encoding_known;
    ft_encoding encoding;
    tvbuff_t *compressed;         /* the compressed bytes, when known, for highlighting */
    unsigned compressed_offset;
    unsigned compressed_len;
    ft_inflate_status status;
    const char *error;
} body;

/* Inflates a body that reached us still compressed; the text becomes a new data source. */
static void inflate_body(tvbuff_t *tvb, packet_info *pinfo, ft_encoding encoding, body *b)
{
    ft_allocator a = packet_allocator(pinfo);
    unsigned len = tvb_captured_length(tvb);
    ft_inflate_result r;
    ft_inflate(tvb_get_ptr(tvb, 0, len), len, encoding, inflate_limit(), &a, &r);

    b->text = tvb_new_child_real_data(tvb, r.data, (unsigned)r.len, (int)r.len);
    add_new_data_source(pinfo, b->text, "Inflated SDP");
    b->inflated_len = (unsigned)r.len;
    b->encoding_known = true;
    b->encoding = encoding;
    b->compressed = tvb;
    b->compressed_len = r.status == FT_INFLATE_COMPLETE ? (unsigned)r.consumed : len;
    b->status = r.status;
    b->error = r.error;
}

/* SIP inflates `e: deflate` bodies itself and gives us only the result, a data source of its
 * own. Find the compressed original in the other data sources (the frame), to tell how it was
 * compressed and whether the stream was whole. */
static void find_body_origin(tvbuff_t *tvb, packet_info *pinfo, body *b)
{
    ft_allocator a = packet_allocator(pinfo);
    unsigned len = tvb_captured_length(tvb);
    const uint8_t *inflated = tvb_get_ptr(tvb, 0, len);
    for (GSList *item = pinfo->data_src; item; item = item->next) {
        tvbuff_t *source = get_data_source_tvb((const struct data_source *)item->data);
        if (source == tvb_get_ds_tvb(tvb))
            continue;
        unsigned source_len = tvb_captured_length(source);
        ft_origin origin;
        if (ft_find_compressed_origin(tvb_get_ptr(source, 0, source_len), source_len, inflated,
                                      len, inflate_limit(), &a, &origin)) {
            b->encoding_known = true;
            b->encoding = origin.encoding;
            b->compressed = source;
            b->compressed_offset = (unsigned)origin.offset;
            b->compressed_len = (unsigned)origin.compressed_len;
            b->status = origin.status;
            return;
        }
    }
}

static void open_body(tvbuff_t *tvb, packet_info *pinfo, ft_encoding encoding, body *b)
{
    memset(b, 0, sizeof *b);
    b->status = FT_INFLATE_COMPLETE;
    if (encoding != FT_ENCODING_NONE) {
        inflate_body(tvb, pinfo, encoding, b);
        return;
    }
    unsigned len = tvb_captured_length(tvb);
    b->inflated_len = len;
    b->text = len > inflate_limit() ? tvb_new_subset_length(tvb, 0, (int)inflate_limit()) : tvb;
    if (tvb_get_ds_tvb(tvb) == tvb) {
        find_body_origin(tvb, pinfo, b);        /* an outer dissector inflated it */
    } else {
        b->encoding_known = true;               /* plain text in the frame */
        b->encoding = FT_ENCODING_NONE;
        b->compressed = tvb;
        b->compressed_len = len;
    }
}

static void add_body_items(proto_tree *tree, packet_info *pinfo, const body *b)
{
    tvbuff_t *where = b->compressed ? b->compressed : b->text;
    unsigned offset = b->compressed ? b->compressed_offset : 0;
    unsigned length = b->compressed ? b->compressed_len : 0;
    proto_item *ti;
    if (b->encoding_known) {
        ti = proto_tree_add_string(tree, hf_encoding, where, offset, length,
                                   ft_encoding_name(b->encoding));
        proto_item_set_generated(ti);
        ti = proto_tree_add_uint(tree, hf_compressed_len, where, offset, length, b->compressed_len);
        proto_item_set_generated(ti);
    } else {
        proto_tree_add_expert(tree, pinfo, &ei_origin_unknown, b->text, 0, 0);
    }
    ti = proto_tree_add_uint(tree, hf_inflated_len, b->text, 0, 0, b->inflated_len);
    proto_item_set_generated(ti);

    switch (b->status) {
    case FT_INFLATE_TRUNCATED:
        proto_tree_add_expert(tree, pinfo, &ei_inflate_truncated, where, offset, length);
        break;
    case FT_INFLATE_CORRUPT:
        proto_tree_add_expert_format(tree, pinfo, &ei_inflate_corrupt, where, offset, length,
            "The compressed SDP is corrupt (%s): the %u bytes inflated before the error are "
            "shown, and may be damaged",
            b->error ? b->error : "invalid deflate data", tvb_captured_length(b->text));
        break;
    case FT_INFLATE_NO_MEMORY:
        proto_tree_add_expert(tree, pinfo, &ei_inflate_no_memory, where, offset, length);
        break;
    case FT_INFLATE_LIMITED:
    case FT_INFLATE_COMPLETE:
        break;
    }
    if (b->status == FT_INFLATE_LIMITED || b->inflated_len > inflate_limit())
        proto_tree_add_expert_format(tree, pinfo, &ei_inflate_limit, b->text, 0, 0,
            "The SDP inflates to more than the limit of %u KiB (preference "
            "facetime.inflate_limit_kib): only the first %u bytes are dissected",
            pref_inflate_limit_kib, tvb_captured_length(b->text));
}

/* ---- the FaceTime tree ------------------------------------------------------------------------ */

/* Whether anyone can see FaceTime items in this tree: one being shown (tshark -V, the GUI's
 * packet details), or a filter, column or -e naming any facetime field (priming a field marks
 * its protocol as referenced too). Otherwise, as for the GUI's colouring rules or a filter on
 * other fields, proto_tree_add_* would only fake the items, after we had done the work of
 * formatting them. Expert info does not depend on this. */
static bool facetime_items_wanted(proto_tree *tree)
{
    return proto_field_is_referenced(tree, proto_facetime);
}

/* The FLS fields of the numeric keys, in ft_fls_key order. */
static int *const fls_number_fields[] = {
    [FT_FLS_VRA] = &hf_fls_vra,     [FT_FLS_MVRA] = &hf_fls_mvra, [FT_FLS_RVRA1] = &hf_fls_rvra1,
    [FT_FLS_RVRA2] = &hf_fls_rvra2, [FT_FLS_AS] = &hf_fls_as,     [FT_FLS_MS] = &hf_fls_ms,
    [FT_FLS_LF] = &hf_fls_lf,       [FT_FLS_CR] = &hf_fls_cr,
};
static int *const fls_flag_fields[] = {
    [FT_FLS_LTR] = &hf_fls_ltr, [FT_FLS_CABAC] = &hf_fls_cabac, [FT_FLS_PR] = &hf_fls_pr,
    [FT_FLS_XR] = &hf_fls_xr,
};

static proto_item *add_span_string(proto_tree *tree, int hf, tvbuff_t *tvb, ft_span s)
{
    return proto_tree_add_item(tree, hf, tvb, (int)s.offset, (int)s.length, ENC_ASCII | ENC_NA);
}

static proto_item *add_number(proto_tree *tree, int hf, tvbuff_t *tvb, const ft_number *n)
{
    return proto_tree_add_uint(tree, hf, tvb, (int)n->text.offset, (int)n->text.length, n->value);
}

static void add_fls_entry(proto_tree *tree, tvbuff_t *tvb, const ft_fls_entry *e)
{
    int offset = (int)e->text.offset, length = (int)e->text.length;
    switch (ft_fls_key_kind(e->key)) {
    case FT_FLS_KIND_NUMBER:
        if (e->valid)
            proto_tree_add_int(tree, *fls_number_fields[e->key], tvb, offset, length, e->number);
        break;
    case FT_FLS_KIND_FLAG:
        proto_tree_add_boolean(tree, *fls_flag_fields[e->key], tvb, offset, length, 1);
        break;
    case FT_FLS_KIND_RATIOS: {
        proto_item *ti = add_span_string(tree, hf_fls_ar, tvb, e->value);
        proto_tree *ratios = proto_item_add_subtree(ti, ett_fls_ar);
        for (size_t i = 0; i < e->n_ratios; i++)
            add_span_string(ratios, hf_fls_ar_ratio, tvb, e->ratios[i].text);
        break;
    }
    case FT_FLS_KIND_UNKNOWN:
        if (e->valid)
            add_span_string(tree, hf_fls_unknown, tvb, e->text);
        break;
    }
}

static void add_fls(proto_tree *tree, tvbuff_t *tvb, const ft_fls *fls)
{
    proto_item *ti = add_span_string(tree, hf_fls, tvb, fls->text);
    proto_tree *entries = proto_item_add_subtree(ti, ett_fls);
    if (fls->has_pt)
        add_number(entries, hf_fls_pt, tvb, &fls->pt);
    for (size_t i = 0; i < fls->n_entries; i++)
        add_fls_entry(entries, tvb, &fls->entries[i]);
}

static bool fmtp_has_facetime_parameters(const ft_fmtp *f)
{
    return !f->has_pt || f->has_sbr || f->has_sec || f->has_samples_per_block || f->has_imagesize;
}

static void add_fmtp(proto_tree *tree, tvbuff_t *tvb, const ft_fmtp *f)
{
    if (!fmtp_has_facetime_parameters(f))
        return;         /* a standard fmtp: the SDP dissector shows it */
    proto_item *ti = add_span_string(tree, hf_fmtp, tvb, f->format);
    proto_tree *params = proto_item_add_subtree(ti, ett_fmtp);
    if (f->has_pt)
        add_number(params, hf_fmtp_pt, tvb, &f->pt);
    if (f->has_sbr)
        proto_tree_add_boolean(params, hf_fmtp_sbr, tvb, (int)f->sbr.offset, (int)f->sbr.length, 1);
    if (f->has_sec)
        proto_tree_add_boolean(params, hf_fmtp_sec, tvb, (int)f->sec.offset, (int)f->sec.length, 1);
    if (f->has_samples_per_block)
        add_number(params, hf_samples_per_block, tvb, &f->samples_per_block);
    if (f->has_imagesize) {
        add_number(params, hf_imagesize, tvb, &f->imagesize);
        if (f->rules.length) {
            proto_item *rules_item = add_span_string(params, hf_imagesize_rules, tvb, f->rules);
            proto_tree *rules = proto_item_add_subtree(rules_item, ett_imagesize);
            for (size_t i = 0; i < f->n_rule_values; i++)
                add_number(rules, hf_imagesize_rules_value, tvb, &f->rule_values[i]);
        }
    }
}

static void add_image_set(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_image_set *set)
{
    proto_tree *params = proto_tree_add_subtree(tree, tvb, (int)set->text.offset,
        (int)set->text.length, ett_imageattr_set, NULL,
        tvb_format_text(pinfo->pool, tvb, (int)set->text.offset, (int)set->text.length));
    if (set->has_x)
        add_number(params, hf_imageattr_x, tvb, &set->x);
    if (set->has_y)
        add_number(params, hf_imageattr_y, tvb, &set->y);
    if (set->has_fps)
        add_number(params, hf_imageattr_fps, tvb, &set->fps);
    for (size_t i = 0; i < set->n_other_params; i++)
        add_span_string(params, hf_imageattr_param, tvb, set->other_params[i]);
}

static void add_imageattr(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                          const ft_imageattr *ia)
{
    proto_tree *attr = proto_tree_add_subtree(tree, tvb, (int)ia->text.offset,
        (int)ia->text.length, ett_imageattr, NULL, "Image attributes");
    if (ia->has_pt)
        add_number(attr, hf_imageattr_pt, tvb, &ia->pt);
    for (size_t i = 0; i < ia->n_directions; i++) {
        const ft_image_direction *d = &ia->directions[i];
        proto_item *ti = proto_tree_add_string(attr, hf_imageattr_dir, tvb, (int)d->text.offset,
                                               (int)d->text.length, d->is_send ? "send" : "recv");
        proto_tree *sets = proto_item_add_subtree(ti, ett_imageattr_dir);
        for (size_t j = 0; j < d->n_sets; j++)
            add_image_set(sets, tvb, pinfo, &d->sets[j]);
    }
}

static void add_address(proto_tree *tree, tvbuff_t *tvb, const ft_address *addr)
{
    int offset = (int)addr->text.offset, length = (int)addr->text.length;
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

/* What a section (session level or one m=) holds, in the order a reader expects. */
static void add_section(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_section *s)
{
    if (s->has_connection)
        add_address(tree, tvb, &s->connection);
    if (s->has_bandwidth)
        add_number(tree, hf_bandwidth, tvb, &s->bandwidth);
    if (s->has_bandwidth_extra)
        add_number(tree, hf_bandwidth_extra, tvb, &s->bandwidth_extra);
    for (size_t i = 0; i < s->n_fls; i++)
        add_fls(tree, tvb, &s->fls[i]);
    if (s->has_dmbr)
        proto_tree_add_boolean(tree, hf_dmbr, tvb, (int)s->dmbr.offset, (int)s->dmbr.length, 1);
    if (s->has_cap)
        proto_tree_add_boolean(tree, hf_cap, tvb, (int)s->cap.offset, (int)s->cap.length, 1);
    if (s->has_rtpid)
        add_number(tree, hf_rtpid, tvb, &s->rtpid);
    if (s->has_au)
        add_number(tree, hf_au, tvb, &s->au);
    for (size_t i = 0; i < s->n_fmtps; i++)
        add_fmtp(tree, tvb, &s->fmtps[i]);
    for (size_t i = 0; i < s->n_imageattrs; i++)
        add_imageattr(tree, tvb, pinfo, &s->imageattrs[i]);
}

static void add_media(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_section *s)
{
    proto_item *ti = add_span_string(tree, hf_media, tvb, s->media_name);
    if (s->has_rtpid)
        proto_item_append_text(ti, ", RTP ID %u (0x%08x)", s->rtpid.value, s->rtpid.value);
    proto_tree *media = proto_item_add_subtree(ti, ett_media);
    if (s->port.text.length)
        add_number(media, hf_port, tvb, &s->port);
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
    }
    return &ei_number_invalid;
}

static void add_problems(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_sdp *sdp)
{
    for (size_t i = 0; i < sdp->n_problems; i++) {
        const ft_problem *problem = &sdp->problems[i];
        proto_tree_add_expert(tree, pinfo, problem_expert(problem->kind), tvb,
                              (int)problem->where.offset, (int)problem->where.length);
    }
}

static void add_sdp_items(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const ft_sdp *sdp)
{
    if (sdp->has_client)
        add_span_string(tree, hf_client, tvb, sdp->client);
    if (sdp->has_session_name) {
        proto_item *ti = add_span_string(tree, hf_session_name, tvb, sdp->session_name);
        expert_add_info(pinfo, ti, &ei_session_name_account);
    }
    /* The sections hold items only, no expert info, and their image set labels cost formatting. */
    if (facetime_items_wanted(tree)) {
        add_section(tree, tvb, pinfo, &sdp->sections[0]);
        for (size_t i = 1; i < sdp->n_sections; i++)
            add_media(tree, tvb, pinfo, &sdp->sections[i]);
    }
    add_problems(tree, tvb, pinfo, sdp);
}

/* ---- the built-in SDP dissector ------------------------------------------------------------- */

/* Runs the built-in SDP dissector on the text. A dissector exception inside SDP is shown, not
 * propagated, so that the FaceTime fields still come. */
static void call_sdp(tvbuff_t *text, packet_info *pinfo, proto_tree *tree, void *data)
{
    TRY {
        call_dissector_with_data(sdp_handle, text, pinfo, tree, data);
    }
    CATCH_NONFATAL_ERRORS {
        show_exception(text, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
    }
    ENDTRY;
}

/* The subtree of the SDP item just added to tree, for our items to go under; the tree itself
 * when SDP added none (no tree is being built, or only for a filter). */
static proto_tree *sdp_subtree(proto_tree *tree)
{
    if (!tree || !tree->last_child)
        return tree;
    proto_item *last = tree->last_child;
    field_info *finfo = PITEM_FINFO(last);
    if (finfo && finfo->hfinfo && finfo->hfinfo->id == proto_sdp) {
        proto_tree *subtree = proto_item_get_subtree(last);
        if (subtree)
            return subtree;
    }
    return tree;
}

/* ---- SIP context ------------------------------------------------------------------------------ */

/* SIP stores its per-message summary (method, status, Call-ID) as proto data keyed by its layer
 * number; find the innermost SIP layer that carries us. */
static const sip_info_value_t *find_sip_info(packet_info *pinfo)
{
    if (proto_sip <= 0)
        return NULL;
    unsigned layer = 0, sip_layer = 0;
    for (wmem_list_frame_t *frame = wmem_list_head(pinfo->layers); frame;
         frame = wmem_list_frame_next(frame)) {
        layer++;
        if (GPOINTER_TO_INT(wmem_list_frame_data(frame)) == proto_sip)
            sip_layer = layer;
    }
    if (sip_layer == 0)
        return NULL;
    return (const sip_info_value_t *)p_get_proto_data(pinfo->pool, pinfo, proto_sip, sip_layer);
}

/* The call a SIP message with FaceTime SDP belongs to; created on the first pass only. */
static ft_call *call_of_message(packet_info *pinfo, const sip_info_value_t *sip)
{
    if (!sip || !sip->tap_call_id)
        return NULL;
    ft_call *c = (ft_call *)wmem_map_lookup(calls_by_id, sip->tap_call_id);
    if (c || pinfo->fd->visited)
        return c;
    c = wmem_new0(wmem_file_scope(), ft_call);
    c->call_id = wmem_strdup(wmem_file_scope(), sip->tap_call_id);
    /* Normally the INVITE's sender; if the capture starts with the answer, its receiver. */
    bool request = sip->request_method != NULL;
    copy_address_wmem(wmem_file_scope(), &c->caller, request ? &pinfo->src : &pinfo->dst);
    copy_address_wmem(wmem_file_scope(), &c->callee, request ? &pinfo->dst : &pinfo->src);
    c->endpoints = wmem_array_new(wmem_file_scope(), sizeof(endpoint));
    wmem_map_insert(calls_by_id, c->call_id, c);
    return c;
}

static ft_party sender_of(packet_info *pinfo, const ft_call *c)
{
    if (!c)
        return FT_PARTY_UNKNOWN;
    return addresses_equal(&pinfo->src, &c->caller) ? FT_CALLER : FT_CALLEE;
}

/* What a party offers to send, kept in the file scope at its exact size: every call keeps two. */
static const char *video_sizes(const ft_sdp *sdp)
{
    size_t len = ft_sdp_video_sizes(sdp, NULL, 0);
    char *sizes = (char *)wmem_alloc(wmem_file_scope(), len + 1);
    ft_sdp_video_sizes(sdp, sizes, len + 1);
    return sizes;
}

/* What the sender's SDP says about it, for the calls table. */
static void describe_side(ft_side *side, const ft_sdp *sdp, tvbuff_t *text)
{
    const ft_section *session = &sdp->sections[0];
    side->described = true;
    side->public_addr = session->has_connection
        ? (const char *)tvb_get_string_enc(wmem_file_scope(), text,
              (int)session->connection.text.offset, (int)session->connection.text.length, ENC_ASCII)
        : "";
    side->session_name = sdp->has_session_name
        ? (const char *)tvb_get_string_enc(wmem_file_scope(), text,
              (int)sdp->session_name.offset, (int)sdp->session_name.length, ENC_ASCII)
        : "";
    for (size_t i = 1; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        if (s->has_rtpid && s->kind == FT_MEDIA_AUDIO && !side->has_audio_ssrc) {
            side->has_audio_ssrc = true;
            side->audio_ssrc = s->rtpid.value;
        } else if (s->has_rtpid && s->kind == FT_MEDIA_VIDEO && !side->has_video_ssrc) {
            side->has_video_ssrc = true;
            side->video_ssrc = s->rtpid.value;
        }
    }
    side->video_sizes = video_sizes(sdp);
}

/* ---- media: streams by SSRC, and the RTP/RTCP conversations ---------------------------------- */

static void remember_streams(packet_info *pinfo, const ft_sdp *sdp, const ft_call *c,
                             ft_party sender)
{
    for (size_t i = 0; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        if (!s->has_rtpid)
            continue;
        gpointer key = GUINT_TO_POINTER(s->rtpid.value);
        ft_stream *st = wmem_new0(wmem_file_scope(), ft_stream);
        st->ssrc = s->rtpid.value;
        st->setup_frame = pinfo->num;
        st->kind = s->kind;
        st->sender = sender;
        st->call = c;
        st->earlier = (const ft_stream *)wmem_map_lookup(streams_by_ssrc, key);
        wmem_map_insert(streams_by_ssrc, key, st);
    }
}

static const ft_address *section_address(const ft_sdp *sdp, const ft_section *s)
{
    if (s->has_connection)
        return &s->connection;
    return sdp->sections[0].has_connection ? &sdp->sections[0].connection : NULL;
}

static bool same_endpoint(const ft_sdp *sdp, const ft_section *a, const ft_section *b)
{
    const ft_address *addr_a = section_address(sdp, a), *addr_b = section_address(sdp, b);
    return a->port.value == b->port.value && addr_a && addr_b &&
           addr_a->is_ipv6 == addr_b->is_ipv6 && memcmp(addr_a->bytes, addr_b->bytes, 16) == 0;
}

static void to_wireshark_address(const ft_address *from, address *to)
{
    set_address(to, from->is_ipv6 ? AT_IPv6 : AT_IPv4, from->is_ipv6 ? 16 : 4, from->bytes);
}

/* The UDP conversation of an address and port a party receives media on, as RTP registrations
 * key them (any peer), at this frame; NULL if none. */
static conversation_t *endpoint_conversation(packet_info *pinfo, const address *addr,
                                             uint16_t port)
{
    address no_address;
    clear_address(&no_address);
    return find_conversation(pinfo->num, addr, &no_address, CONVERSATION_UDP, port, 0,
                             NO_ADDR_B | NO_PORT_B);
}

/* The frame to register an endpoint under. The SDP dissector has usually set the endpoint up
 * already, once per m= line: under this frame, or, when SIP has it apply an answer, under the
 * frame of the offer. Registering under the same frame completes that conversation in place;
 * any other frame would add a second conversation per endpoint, and its memory. */
static uint32_t registration_frame(packet_info *pinfo, const address *addr, uint16_t port,
                                   const ft_call *c)
{
    conversation_t *conv = endpoint_conversation(pinfo, addr, port);
    if (conv && c->offer_frame != 0 && conv->setup_frame == c->offer_frame &&
        conversation_get_proto_data(conv, proto_rtp) != NULL)
        return conv->setup_frame;
    return pinfo->num;
}

/* FaceTime puts audio and video (and RTCP) on one port: one registration serves all sections
 * that share the address and port, with the payload type names of all of them. */
static void register_endpoint(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text, size_t first,
                              sdp_setup_info_t *setup, ft_call *c)
{
    const ft_section *s = &sdp->sections[first];
    rtp_dyn_payload_t *payloads = rtp_dyn_payload_new();
    uint32_t media_types = 0;
    for (size_t i = first; i < sdp->n_sections; i++) {
        const ft_section *other = &sdp->sections[i];
        if (!other->is_media || !same_endpoint(sdp, s, other))
            continue;
        media_types |= other->kind == FT_MEDIA_AUDIO ? RTP_MEDIA_AUDIO :
                       other->kind == FT_MEDIA_VIDEO ? RTP_MEDIA_VIDEO : RTP_MEDIA_OTHER;
        for (size_t j = 0; j < other->n_rtpmaps; j++) {
            const ft_rtpmap *map = &other->rtpmaps[j];
            const char *name = (const char *)tvb_get_string_enc(pinfo->pool, text,
                (int)map->encoding_name.offset, (int)map->encoding_name.length, ENC_ASCII);
            ft_rtp_dyn_payload_insert(payloads, map->pt.value, name, (int)map->clock_rate,
                                      map->channels ? map->channels : 1);
        }
    }

    address addr;
    to_wireshark_address(section_address(sdp, s), &addr);
    uint16_t port = (uint16_t)s->port.value;
    struct srtp_info *srtp = NULL;
    if (pref_media_registration == MEDIA_AS_SRTP)
        srtp = wmem_new0(wmem_file_scope(), struct srtp_info);
    uint32_t setup_frame = registration_frame(pinfo, &addr, port, c);
    srtp_add_address(pinfo, PT_UDP, &addr, port, 0, "SDP", setup_frame, media_types, payloads, srtp,
                     setup);
    rtp_dyn_payload_free(payloads);

    /* With a=rtcp naming another port, RTCP is not multiplexed: register it there, as SDP would. */
    if (s->has_rtcp_port && s->rtcp_port.value != s->port.value) {
        if (srtp)
            srtcp_add_address(pinfo, &addr, s->rtcp_port.value, 0, "SDP", pinfo->num, srtp);
        else
            rtcp_add_address(pinfo, &addr, s->rtcp_port.value, 0, "SDP", pinfo->num);
    }

    endpoint ep;
    copy_address_wmem(wmem_file_scope(), &ep.addr, &addr);
    ep.port = port;
    wmem_array_append_one(c->endpoints, ep);
}

static bool is_endpoint(const endpoint *ep, const address *addr, uint32_t port)
{
    return ep->port == port && addresses_equal(&ep->addr, addr);
}

/* RTP's conversation dissector takes every packet of the port, but FaceTime also runs STUN (and
 * SIP) there. Put ours in front of all the call's media conversations: it sends RTP and RTCP on,
 * and leaves the rest to UDP's usual port and heuristic dissectors. SIP's own offer/answer code
 * re-registers earlier endpoints when the answer comes, hence all of the call's, every time. */
static void claim_media_conversations(packet_info *pinfo, const ft_call *c)
{
    bool sip_flow_carries_media = false;
    for (unsigned i = 0; i < wmem_array_get_count(c->endpoints); i++) {
        const endpoint *ep = (const endpoint *)wmem_array_index(c->endpoints, i);
        conversation_t *conv = endpoint_conversation(pinfo, &ep->addr, ep->port);
        if (conv)
            conversation_set_dissector(conv, media_handle);
        sip_flow_carries_media |= is_endpoint(ep, &pinfo->src, pinfo->srcport) ||
                                  is_endpoint(ep, &pinfo->dst, pinfo->destport);
    }
    /* Media on the SIP 5-tuple: UDP asks the exact conversation first and stops there, and the
     * STUN heuristic has put its own dissector on it. Ours takes over from this frame on. */
    if (sip_flow_carries_media && pinfo->ptype == PT_UDP)
        conversation_set_dissector_from_frame_number(find_or_create_conversation(pinfo),
                                                     pinfo->num, media_handle);
}

static void register_media(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text, ft_call *c)
{
    sdp_setup_info_t setup;
    memset(&setup, 0, sizeof setup);
    setup.hf_id = hf_sip_generated_call_id;
    setup.hf_type = SDP_TRACE_ID_HF_TYPE_STR;
    setup.trace_id.str = (char *)c->call_id;
    sdp_setup_info_t *setup_info = hf_sip_generated_call_id > 0 && c->call_id ? &setup : NULL;

    for (size_t i = 1; i < sdp->n_sections; i++) {
        const ft_section *s = &sdp->sections[i];
        if (!s->is_rtp || s->port.value == 0 || !section_address(sdp, s))
            continue;
        bool registered_earlier = false;
        for (size_t j = 1; j < i; j++)
            registered_earlier |= sdp->sections[j].is_rtp && same_endpoint(sdp, s, &sdp->sections[j]);
        if (!registered_earlier)
            register_endpoint(pinfo, sdp, text, i, setup_info, c);
    }
    claim_media_conversations(pinfo, c);
}

/* First pass only: who sent this SDP, which streams it announces, where its media goes. */
static void record_sdp(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text, ft_call *c,
                       bool is_offer)
{
    if (pinfo->fd->visited)
        return;
    ft_party sender = sender_of(pinfo, c);
    if (c) {
        describe_side(&c->sides[sender], sdp, text);
        if (is_offer)
            c->offer_frame = pinfo->num;
    } else {
        /* Not from SIP (or SIP without a Call-ID): register the media all the same. */
        c = wmem_new0(pinfo->pool, ft_call);
        c->endpoints = wmem_array_new(pinfo->pool, sizeof(endpoint));
    }
    remember_streams(pinfo, sdp, c->call_id ? c : NULL, sender);
    if (pref_media_registration != MEDIA_NOT_REGISTERED)
        register_media(pinfo, sdp, text, c);
}

static void tap_sdp(packet_info *pinfo, const ft_call *c)
{
    if (!c || !have_tap_listener(facetime_tap))
        return;
    ft_tap_event *event = wmem_new0(pinfo->pool, ft_tap_event);
    event->call = c;
    event->sdp_sender = sender_of(pinfo, c);
    tap_queue_packet(facetime_tap, pinfo, event);
}

/* ---- dissectors ------------------------------------------------------------------------------ */

static void dissect_facetime_body(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                  void *data, ft_encoding encoding)
{
    body b;
    open_body(tvb, pinfo, encoding, &b);

    ft_allocator a = packet_allocator(pinfo);
    ft_sdp_limits limits = { pref_max_sdp_lines, FT_SDP_DEFAULT_MAX_LIST_ITEMS };
    unsigned text_len = tvb_captured_length(b.text);
    ft_sdp sdp;
    ft_sdp_parse(tvb_get_ptr(b.text, 0, text_len), text_len, &limits, &a, &sdp);

    proto_tree *parent = tree;
    if (text_len) {
        call_sdp(b.text, pinfo, tree, data);
        parent = sdp_subtree(tree);
    }
    proto_item *ti = proto_tree_add_item(parent, proto_facetime, b.text, 0, -1, ENC_NA);
    proto_item_append_text(ti, " (%s, %u bytes inflated)", b.encoding_known ?
                           ft_encoding_name(b.encoding) : "inflated by SIP", b.inflated_len);
    proto_tree *ft_tree = proto_item_add_subtree(ti, ett_facetime);
    proto_item_set_hidden(proto_tree_add_item(ft_tree, hf_sdp, b.text, 0, 0, ENC_NA));
    add_body_items(ft_tree, pinfo, &b);
    if (sdp.out_of_memory)
        proto_tree_add_expert(ft_tree, pinfo, &ei_inflate_no_memory, b.text, 0, 0);
    add_sdp_items(ft_tree, b.text, pinfo, &sdp);

    const sip_info_value_t *sip = find_sip_info(pinfo);
    ft_call *c = call_of_message(pinfo, sip);
    record_sdp(pinfo, &sdp, b.text, c, sip && sip->request_method);
    tap_sdp(pinfo, c);
}

/* Registered as "facetime_sdp": a body that is (or inflates to) FaceTime SDP. */
static int dissect_facetime_sdp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    ft_allocator a = packet_allocator(pinfo);
    unsigned len = tvb_captured_length(tvb);
    ft_encoding encoding;
    if (!ft_classify_body(tvb_get_ptr(tvb, 0, len), len, &a, &encoding))
        return 0;
    dissect_facetime_body(tvb, pinfo, tree, data, encoding);
    return (int)len;
}

/* SIP's heuristic list: bodies without a Content-Type SIP knows. */
static ft_heur_result dissect_facetime_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                            void *data)
{
    ft_allocator a = packet_allocator(pinfo);
    unsigned len = tvb_captured_length(tvb);
    ft_encoding encoding;
    if (!ft_classify_body(tvb_get_ptr(tvb, 0, len), len, &a, &encoding))
        return false;
    dissect_facetime_body(tvb, pinfo, tree, data, encoding);
    return true;
}

/* Our entry for "application/sdp" in the media_type table. Anonymous, so that it adds no
 * protocol layer: for any SDP but FaceTime's, the result is exactly the built-in dissector's. */
static int dissect_sdp_media_type(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    unsigned len = tvb_captured_length(tvb);
    ft_allocator a = packet_allocator(pinfo);
    ft_encoding encoding;
    if (proto_is_protocol_enabled(find_protocol_by_id(proto_facetime)) &&
        ft_classify_body(tvb_get_ptr(tvb, 0, len), len, &a, &encoding))
        return call_dissector_with_data(facetime_sdp_handle, tvb, pinfo, tree, data);
    return call_dissector_with_data(sdp_handle, tvb, pinfo, tree, data);
}

/* RFC 5761: in a multiplexed flow, packet types 192-223 are RTCP. */
static bool is_rtcp(tvbuff_t *tvb)
{
    if (tvb_captured_length(tvb) < 2)
        return false;
    uint8_t packet_type = tvb_get_uint8(tvb, 1);
    return packet_type >= 192 && packet_type <= 223;
}

/* The stream an a=rtpID announced, before this frame, for this SSRC; NULL if none. */
static const ft_stream *announced_stream(uint32_t ssrc, uint32_t frame)
{
    const ft_stream *st = (const ft_stream *)wmem_map_lookup(streams_by_ssrc, GUINT_TO_POINTER(ssrc));
    while (st && st->setup_frame >= frame)
        st = st->earlier;
    return st;
}

static void tap_media(tvbuff_t *tvb, packet_info *pinfo, const ft_stream *st, bool rtcp)
{
    if (!st->call || !have_tap_listener(facetime_tap))
        return;
    ft_tap_event *event = wmem_new0(pinfo->pool, ft_tap_event);
    event->call = st->call;
    event->stream = st;
    event->is_rtcp = rtcp;
    event->rtp_sequence = rtcp ? 0 : tvb_get_ntohs(tvb, 2);
    tap_queue_packet(facetime_tap, pinfo, event);
}

/* Under a stream's FaceTime line: its media, setup frame and direction. */
static void add_stream_items(proto_item *line, tvbuff_t *tvb, const ft_stream *st, int ssrc_offset)
{
    proto_item_append_text(line, " %s stream, %s", media_kind_names[st->kind],
                           direction_names[st->sender]);
    proto_tree *media = proto_item_add_subtree(line, ett_rtp);
    proto_item_set_hidden(proto_tree_add_item(media, hf_rtp, tvb, 0, 0, ENC_NA));
    proto_item *item = proto_tree_add_string(media, hf_rtp_media, tvb, ssrc_offset, 4,
                                             media_kind_names[st->kind]);
    proto_item_set_generated(item);
    item = proto_tree_add_uint(media, hf_rtp_setup_frame, tvb, 0, 0, st->setup_frame);
    proto_item_set_generated(item);
    if (st->sender != FT_PARTY_UNKNOWN) {
        item = proto_tree_add_string(media, hf_rtp_direction, tvb, 0, 0,
                                     direction_names[st->sender]);
        proto_item_set_generated(item);
    }
}

/* Marks an RTP or RTCP packet of a stream announced by an earlier a=rtpID. The FaceTime line
 * sits at the top level, where Wireshark never fakes an item, and comes with every tree: the
 * protocol hierarchy (-z io,phs) counts the top-level items of a hidden tree in which nothing
 * is referenced, and would lose FaceTime under RTP without it. What goes under the line is
 * built only where someone can see it (about 400 instructions per packet even when faked).
 * The tap needs the stream always. */
static void tag_stream(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, bool rtcp)
{
    int ssrc_offset = rtcp ? 4 : 8;    /* RTCP: the first packet's sender SSRC */
    if (tvb_captured_length(tvb) < (unsigned)ssrc_offset + 4)
        return;
    const ft_stream *st = announced_stream(tvb_get_ntohl(tvb, ssrc_offset), pinfo->num);
    if (!st)
        return;
    if (tree) {
        proto_item *line = proto_tree_add_item(tree, proto_facetime, tvb, ssrc_offset, 4, ENC_NA);
        if (facetime_items_wanted(tree))
            add_stream_items(line, tvb, st, ssrc_offset);
    }
    tap_media(tvb, pinfo, st, rtcp);
}

/* Conversation dissector of FaceTime's media ports, demultiplexing by the first byte as in
 * RFC 7983: 0-3 STUN, 128-191 RTP/RTCP. Anything else (SIP on the same 5-tuple, TURN channel
 * data, DTLS) is refused, so UDP goes on to its port and heuristic dissectors. */
static int dissect_facetime_media(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (tvb_captured_length(tvb) == 0)
        return 0;
    uint8_t first = tvb_get_uint8(tvb, 0);
    if (first <= 3)
        return call_dissector_only(stun_handle, tvb, pinfo, tree, data);
    if (first < 128 || first > 191)
        return 0;

    bool rtcp = is_rtcp(tvb);
    int consumed = call_dissector_with_data(rtcp ? rtcp_handle : rtp_handle, tvb, pinfo, tree, data);
    if (proto_is_protocol_enabled(find_protocol_by_id(proto_facetime)))
        tag_stream(tvb, pinfo, tree, rtcp);
    return consumed;
}

/* ---- registration ------------------------------------------------------------------------------ */

static const enum_val_t media_registration_values[] = {
    { "rtp",  "RTP (FaceTime's m= lines say RTP/AVP)", MEDIA_AS_RTP },
    { "srtp", "SRTP (the payloads are encrypted; the keys are not in the SDP)", MEDIA_AS_SRTP },
    { "none", "Leave the media to the SDP dissector (no FaceTime demultiplexing or marks)",
      MEDIA_NOT_REGISTERED },
    { NULL, NULL, -1 }
};

static void apply_preferences(void)
{
    if (pref_inflate_limit_kib < 1)
        pref_inflate_limit_kib = 1;
    if (pref_inflate_limit_kib > INFLATE_LIMIT_KIB_MAX)
        pref_inflate_limit_kib = INFLATE_LIMIT_KIB_MAX;
    if (pref_max_sdp_lines < 1)
        pref_max_sdp_lines = 1;
    if (pref_max_sdp_lines > SDP_LINES_MAX)
        pref_max_sdp_lines = SDP_LINES_MAX;
}

void proto_register_facetime(void)
{
    static hf_register_info hf[] = {
        { &hf_sdp, { "FaceTime SDP", "facetime.sdp", FT_NONE, BASE_NONE, NULL, 0x0,
            "A SIP body with FaceTime SDP (matches every such body)", HFILL } },
        { &hf_rtp, { "FaceTime stream", "facetime.rtp", FT_NONE, BASE_NONE, NULL, 0x0,
            "An RTP or RTCP packet of a stream a FaceTime SDP announced", HFILL } },
        { &hf_encoding, { "Encoding", "facetime.sdp.encoding", FT_STRING, BASE_NONE, NULL, 0x0,
            "How the SDP body was compressed on the wire: zlib, deflate (raw), gzip or none", HFILL } },
        { &hf_compressed_len, { "Compressed length", "facetime.sdp.compressed_len", FT_UINT32,
            BASE_DEC, NULL, 0x0, "Bytes of the body as sent, before inflating", HFILL } },
        { &hf_inflated_len, { "Inflated length", "facetime.sdp.inflated_len", FT_UINT32,
            BASE_DEC, NULL, 0x0, "Bytes of SDP text after inflating", HFILL } },
        { &hf_client, { "Client", "facetime.sdp.client", FT_STRING, BASE_NONE, NULL, 0x0,
            "User name of the o= line: the software that wrote the SDP (GKVoiceChatService is "
            "Apple's GameKit voice chat)", HFILL } },
        { &hf_session_name, { "Session name", "facetime.sdp.session_name", FT_STRING, BASE_NONE,
            NULL, 0x0, "The s= line, where FaceTime puts the sender's local account name", HFILL } },
        { &hf_public_addr, { "Public address", "facetime.sdp.public_addr", FT_IPv4, BASE_NONE,
            NULL, 0x0, "The c= address (IPv4): the sender's public address, outside its NAT, "
            "learned through STUN", HFILL } },
        { &hf_public_addr6, { "Public IPv6 address", "facetime.sdp.public_addr6", FT_IPv6,
            BASE_NONE, NULL, 0x0, "The c= address (IPv6): the sender's public address, learned "
            "through STUN", HFILL } },
        { &hf_bandwidth, { "Bandwidth", "facetime.sdp.bandwidth", FT_UINT32, BASE_DEC|BASE_UNIT_STRING,
            &units_kbit_per_second, 0x0, "b=AS: the application-specific bandwidth limit", HFILL } },
        { &hf_bandwidth_extra, { "Second bandwidth value", "facetime.sdp.bandwidth.extra",
            FT_UINT32, BASE_DEC, NULL, 0x0,
            "The second number of FaceTime's b=AS:x:y (meaning not public)", HFILL } },
        { &hf_fls, { "FLS", "facetime.sdp.fls", FT_STRING, BASE_NONE, NULL, 0x0,
            "The whole a=FLS list of feature flags (meanings not public)", HFILL } },
        { &hf_fls_pt, { "Payload type", "facetime.sdp.fls.pt", FT_UINT8, BASE_DEC, NULL, 0x0,
            "The payload type an a=X_FLS list applies to", HFILL } },
        { &hf_fls_vra, { "VRA", "facetime.sdp.fls.vra", FT_INT32, BASE_DEC, NULL, 0x0,
            "FLS VRA (video resolution adaptation, weakly understood)", HFILL } },
        { &hf_fls_mvra, { "MVRA", "facetime.sdp.fls.mvra", FT_INT32, BASE_DEC, NULL, 0x0,
            "FLS MVRA (resolution adaptation, weakly understood)", HFILL } },
        { &hf_fls_rvra1, { "RVRA1", "facetime.sdp.fls.rvra1", FT_INT32, BASE_DEC, NULL, 0x0,
            "FLS RVRA1 (resolution adaptation, weakly understood)", HFILL } },
        { &hf_fls_rvra2, { "RVRA2", "facetime.sdp.fls.rvra2", FT_INT32, BASE_DEC, NULL, 0x0,
            "FLS RVRA2 (resolution adaptation, weakly understood)", HFILL } },
        { &hf_fls_as, { "AS", "facetime.sdp.fls.as", FT_INT32, BASE_DEC, NULL, 0x0,
            "FLS AS (meaning unknown)", HFILL } },
        { &hf_fls_ms, { "MS", "facetime.sdp.fls.ms", FT_INT32, BASE_DEC, NULL, 0x0,
            "FLS MS (meaning unknown)", HFILL } },
        { &hf_fls_lf, { "LF", "facetime.sdp.fls.lf", FT_INT32, BASE_DEC, NULL, 0x0,
            "FLS LF (\"large frame\" bandwidth mode, medium confidence)", HFILL } },
        { &hf_fls_cr, { "CR", "facetime.sdp.fls.cr", FT_INT32, BASE_DEC, NULL, 0x0,
            "FLS CR (visible-rectangle support)", HFILL } },
        { &hf_fls_ltr, { "LTR", "facetime.sdp.fls.ltr", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "FLS LTR present (long-term reference pictures)", HFILL } },
        { &hf_fls_cabac, { "CABAC", "facetime.sdp.fls.cabac", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "FLS CABAC present (CABAC entropy coding)", HFILL } },
        { &hf_fls_pr, { "PR", "facetime.sdp.fls.pr", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "FLS PR present (picture-in-picture resize)", HFILL } },
        { &hf_fls_xr, { "XR", "facetime.sdp.fls.xr", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "FLS XR present (expected remote aspect ratios)", HFILL } },
        { &hf_fls_ar, { "AR", "facetime.sdp.fls.ar", FT_STRING, BASE_NONE, NULL, 0x0,
            "FLS AR: the sender's screen aspect ratios (landscape, portrait)", HFILL } },
        { &hf_fls_ar_ratio, { "Aspect ratio", "facetime.sdp.fls.ar.ratio", FT_STRING, BASE_NONE,
            NULL, 0x0, "One ratio of FLS AR, as written (8/5)", HFILL } },
        { &hf_fls_unknown, { "Unknown FLS entry", "facetime.sdp.fls.unknown", FT_STRING,
            BASE_NONE, NULL, 0x0, "An FLS key this dissector does not know, kept verbatim", HFILL } },
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
            "Audio samples per block: a=fmtp:AAC SamplesPerBlock N, or block N in an fmtp", HFILL } },
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
            BASE_NONE, NULL, 0x0, "The rules of a=fmtp:... imagesize N rules R, as written", HFILL } },
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
        { &hf_rtp_media, { "Media", "facetime.rtp.media", FT_STRING, BASE_NONE, NULL, 0x0,
            "audio or video: the media whose a=rtpID is this packet's SSRC", HFILL } },
        { &hf_rtp_setup_frame, { "Announced in", "facetime.rtp.setup_frame", FT_FRAMENUM,
            BASE_NONE, NULL, 0x0, "The SIP message whose SDP announced this SSRC", HFILL } },
        { &hf_rtp_direction, { "Direction", "facetime.rtp.direction", FT_STRING, BASE_NONE, NULL,
            0x0, "caller-to-callee or callee-to-caller: who sends this stream", HFILL } },
    };

    static int *ett[] = {
        &ett_facetime, &ett_fls, &ett_fls_ar, &ett_media, &ett_fmtp, &ett_imagesize,
        &ett_imageattr, &ett_imageattr_dir, &ett_imageattr_set, &ett_rtp,
    };

    static ei_register_info ei[] = {
        { &ei_inflate_truncated, { "facetime.inflate.truncated", PI_MALFORMED, PI_WARN,
            "The compressed SDP ends before its deflate stream does: only what it holds is shown",
            EXPFILL } },
        { &ei_inflate_corrupt, { "facetime.inflate.corrupt", PI_MALFORMED, PI_ERROR,
            "The compressed SDP is corrupt: what inflated before the error is shown", EXPFILL } },
        { &ei_inflate_limit, { "facetime.inflate.limit", PI_UNDECODED, PI_WARN,
            "The SDP is larger than the inflate limit: the rest is not dissected", EXPFILL } },
        { &ei_inflate_no_memory, { "facetime.inflate.no_memory", PI_UNDECODED, PI_ERROR,
            "Out of memory while inflating or parsing the SDP", EXPFILL } },
        { &ei_origin_unknown, { "facetime.sdp.origin_unknown", PI_UNDECODED, PI_NOTE,
            "SIP inflated this body and its compressed form was not found: encoding unknown",
            EXPFILL } },
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
            "a=fmtp names a codec, not a payload type as RFC 4566 wants (FaceTime's dialect; "
            "this is why SDP flags the line as malformed)", EXPFILL } },
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

    proto_facetime = proto_register_protocol("FaceTime", "FaceTime", "facetime");
    proto_register_field_array(proto_facetime, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert = expert_register_protocol(proto_facetime);
    expert_register_field_array(expert, ei, array_length(ei));

    module_t *prefs = prefs_register_protocol(proto_facetime, apply_preferences);
    prefs_register_uint_preference(prefs, "inflate_limit_kib", "Inflate limit (KiB)",
        "Largest SDP body inflated and dissected, in KiB (1 to 16384). A body that inflates to "
        "more (a deflate bomb) is cut there, with an expert warning.",
        10, &pref_inflate_limit_kib);
    prefs_register_uint_preference(prefs, "max_sdp_lines", "Maximum SDP lines",
        "SDP lines parsed for FaceTime fields per body (1 to 100000).",
        10, &pref_max_sdp_lines);
    prefs_register_enum_preference(prefs, "media", "Register media as",
        "How the RTP streams the SDP announces are set up, so that they dissect without "
        "Decode As", &pref_media_registration, media_registration_values, false);

    facetime_sdp_handle = register_dissector("facetime_sdp", dissect_facetime_sdp, proto_facetime);
    sdp_media_type_handle = create_dissector_handle_with_name_and_description(
        dissect_sdp_media_type, -1, "facetime_sdp_media_type", "SDP (FaceTime-aware)");
    media_handle = create_dissector_handle_with_name_and_description(
        dissect_facetime_media, -1, "facetime_media", "FaceTime media (STUN, RTP, RTCP)");

    facetime_tap = register_tap(FT_TAP_NAME);
    register_facetime_calls_table();

    calls_by_id = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash,
                                         g_str_equal);
    streams_by_ssrc = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                             g_direct_hash, g_direct_equal);
}

void proto_reg_handoff_facetime(void)
{
    sdp_handle = find_dissector_add_dependency("sdp", proto_facetime);
    rtp_handle = find_dissector_add_dependency("rtp", proto_facetime);
    rtcp_handle = find_dissector_add_dependency("rtcp", proto_facetime);
    stun_handle = find_dissector_add_dependency("stun-udp", proto_facetime);
    proto_sdp = proto_get_id_by_filter_name("sdp");
    proto_sip = proto_get_id_by_filter_name("sip");
    proto_rtp = proto_get_id_by_filter_name("rtp");
    hf_sip_generated_call_id = proto_registrar_get_id_byname("sip.call_id_generated");

    heur_dissector_add("sip", dissect_facetime_heur, "FaceTime SDP in SIP bodies", "facetime_sip",
                       proto_facetime, HEURISTIC_ENABLE);
    /* Plugins' handoffs run after the built-in ones: this replaces SDP's own entry, and
     * dissect_sdp_media_type() passes everything that is not FaceTime back to it. */
    dissector_add_string("media_type", "application/sdp", sdp_media_type_handle);
}
