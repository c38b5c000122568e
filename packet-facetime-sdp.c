/* packet-facetime-sdp.c - Wireshark dissector for Apple FaceTime's SIP/SDP signalling.
 *
 * FaceTime (2014: FaceTime 3.0, iOS 7) sends its SDP compressed, marked only by `e: deflate`,
 * often without a Content-Type. The bodies reach this file two ways:
 *  - without a Content-Type, SIP hands the body (inflated by SIP if it could) to its heuristic
 *    sub-dissectors: dissect_facetime_heur();
 *  - with `c: application/sdp`, SIP calls the "media_type" table directly; this plugin's entry
 *    there, dissect_sdp_media_type(), passes everything that is not FaceTime to the built-in SDP
 *    dissector unchanged.
 * Either way dissect_facetime_body() takes the body forward once: recognised, opened, handed to
 * the built-in SDP dissector, given its FaceTime items, placed in its call, its media set up.
 * Each of those jobs has its own file in plugin/ (see packet-facetime-sdp.h); the parsing and
 * the inflation are plain C that knows nothing of Wireshark (plugin/ft_*.c).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-facetime-sdp.h"

#include <epan/exceptions.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/show_exception.h>

#include "facetime-body.h"
#include "facetime-call.h"
#include "facetime-calls.h"
#include "facetime-discovery.h"
#include "facetime-media.h"
#include "facetime-sip.h"
#include "facetime-tree.h"
#include "facetime-tvb.h"
#include "ft_dissector.h"

#define INFLATE_LIMIT_KIB_DEFAULT 64
#define INFLATE_LIMIT_KIB_MAX (16 * 1024)      /* whatever the preference says */
#define SDP_LINES_MAX 100000
#define CALL_STREAMS_DEFAULT 64
#define CALL_STREAMS_MAX 65536

int proto_facetime = -1;

facetime_preferences facetime_prefs = {
    INFLATE_LIMIT_KIB_DEFAULT, FT_SDP_DEFAULT_MAX_LINES, FACETIME_MEDIA_RTP,
    CALL_STREAMS_DEFAULT, false,
};

static dissector_handle_t facetime_sdp_handle;
static dissector_handle_t sdp_media_type_handle;
static dissector_handle_t sdp_handle;
static dissector_handle_t after_sip_handle;

size_t facetime_inflate_limit(void)
{
    return (size_t)facetime_prefs.inflate_limit_kib * 1024;
}

bool facetime_items_wanted(proto_tree *tree)
{
    return proto_field_is_referenced(tree, proto_facetime);
}

/* ---- a body, forward once -------------------------------------------------------------------- */

/* Runs the built-in SDP dissector on the text. A dissector exception inside SDP is shown, not
 * propagated, so that the FaceTime items still come. */
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

/* A FaceTime body of the frame, kept for the postdissector: what its call is, SIP tells only
 * after the body. */
typedef struct noted_body {
    const field_info *sip_body;   /* the sip.msg_body item it was dissected under; NULL outside SIP */
    ft_sdp sdp;                   /* packet scope */
    tvbuff_t *text;
    proto_tree *facetime_tree;
    bool taken;                   /* by a SIP message of the frame */
} noted_body;

static void note_body(packet_info *pinfo, proto_tree *tree, const ft_sdp *sdp, tvbuff_t *text,
                      proto_tree *facetime_tree)
{
    wmem_array_t *bodies = p_get_proto_data(pinfo->pool, pinfo, proto_facetime,
                                            FACETIME_MEMORY_BODIES);
    if (!bodies) {
        bodies = wmem_array_new(pinfo->pool, sizeof(noted_body));
        p_add_proto_data(pinfo->pool, pinfo, proto_facetime, FACETIME_MEMORY_BODIES, bodies);
    }
    noted_body body = { tree ? PTREE_FINFO(tree) : NULL, *sdp, text, facetime_tree, false };
    wmem_array_append_one(bodies, body);
}

static void dissect_facetime_body(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                  void *data, const ft_classified *classified)
{
    if (!classified->facetime) {
        facetime_add_unopened_body(tree, pinfo, tvb, classified);
        return;
    }
    facetime_body body;
    facetime_open_body(tvb, pinfo, classified, &body);

    ft_sdp sdp;
    ft_sdp_limits limits = { facetime_prefs.max_sdp_lines, FT_SDP_DEFAULT_MAX_LIST_ITEMS };
    ft_allocator pool = facetime_packet_allocator(pinfo);
    size_t text_len;
    const uint8_t *text = facetime_tvb_bytes(body.text, &text_len);
    ft_sdp_parse(text, text_len, &limits, &pool, &sdp);

    if (text_len)
        call_sdp(body.text, pinfo, tree, data);
    /* Beside SDP's item, not inside it: the FaceTime view of the same text. */
    proto_tree *facetime_tree = facetime_add_body_tree(tree, pinfo, &body);
    facetime_add_sdp_items(facetime_tree, body.text, pinfo, &sdp, body.family);
    note_body(pinfo, tree, &sdp, body.text, facetime_tree);
}

/* ---- after SIP: each message's call ---------------------------------------------------------- */

/* What a body is to its call, for the Info column. */
static const char *role_word(const facetime_message_call *call)
{
    if (!call->call || !call->call->call_id)
        return "SDP";
    return call->role == FT_BODY_OFFER ? "offer" : call->role == FT_BODY_ANSWER ? "answer" : "SDP";
}

/* The noted body a SIP message carries: the one dissected under its sip.msg_body item; without
 * SIP's tree (tshark's second pass), the next one in the frame. */
static noted_body *body_of_message(wmem_array_t *bodies, const field_info *sip_body)
{
    for (unsigned i = 0; bodies && i < wmem_array_get_count(bodies); i++) {
        noted_body *body = wmem_array_index(bodies, i);
        if (!body->taken && (!sip_body || body->sip_body == sip_body))
            return body;
    }
    return NULL;
}

/* A body whose call is known: its call's items, its Info and, first pass, its media. */
static void finish_body(noted_body *body, packet_info *pinfo, const facetime_message_call *call)
{
    body->taken = true;
    facetime_add_call_items(body->facetime_tree, pinfo, body->text, call);
    facetime_add_sdp_info(pinfo, body->text, &body->sdp, role_word(call));
    if (!PINFO_FD_VISITED(pinfo))
        facetime_register_media(pinfo, &body->sdp, body->text, call);
}

/* What the first pass made of a frame's SIP messages, in order, kept for later passes: tshark's
 * second pass builds no tree for the postdissector's fields, and then only this tells the tap. */
typedef struct message_memory {
    facetime_message_call call;
    bool facetime_body;
} message_memory;

static wmem_array_t *frame_memory(packet_info *pinfo)
{
    return p_get_proto_data(wmem_file_scope(), pinfo, proto_facetime, FACETIME_MEMORY_MESSAGES);
}

/* First pass: each message goes to the call model; what it found is kept when any is a call's. */
static wmem_array_t *follow_messages(packet_info *pinfo, const facetime_sip_message *messages,
                                     unsigned n, wmem_array_t *bodies)
{
    DISSECTOR_ASSERT(!PINFO_FD_VISITED(pinfo));
    wmem_array_t *memory = wmem_array_sized_new(wmem_file_scope(), sizeof(message_memory), n);
    bool any_call = false;
    for (unsigned i = 0; i < n; i++) {
        noted_body *body = messages[i].body ? body_of_message(bodies, messages[i].body) : NULL;
        message_memory m;
        m.call = facetime_follow_message(pinfo, &messages[i].summary, body ? &body->sdp : NULL,
                                         body ? body->text : NULL);
        m.facetime_body = body != NULL;
        any_call |= m.call.call != NULL;
        wmem_array_append_one(memory, m);
        if (body)
            body->taken = true;
    }
    for (unsigned i = 0; bodies && i < wmem_array_get_count(bodies); i++)
        ((noted_body *)wmem_array_index(bodies, i))->taken = false;     /* placed again below */
    if (any_call)
        p_add_proto_data(wmem_file_scope(), pinfo, proto_facetime, FACETIME_MEMORY_MESSAGES,
                         memory);
    return memory;
}

/* The postdissector: every SIP message of the frame, on any transport, goes to the call model,
 * with the FaceTime body it carries; bodies outside SIP get calls of their own. */
static int dissect_facetime_after_sip(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                      void *data _U_)
{
    wmem_array_t *bodies = p_get_proto_data(pinfo->pool, pinfo, proto_facetime,
                                            FACETIME_MEMORY_BODIES);
    if (!bodies && !facetime_frame_has_sip(pinfo))
        return 0;
    facetime_sip_message *messages;
    unsigned n = facetime_sip_messages(tree, pinfo, &messages);
    wmem_array_t *memory = PINFO_FD_VISITED(pinfo) ? frame_memory(pinfo)
                                                   : follow_messages(pinfo, messages, n, bodies);
    unsigned remembered = memory ? wmem_array_get_count(memory) : 0;
    for (unsigned i = 0; i < remembered; i++) {
        const message_memory *m = wmem_array_index(memory, i);
        noted_body *body = m->facetime_body
            ? body_of_message(bodies, i < n ? messages[i].body : NULL) : NULL;
        if (body)
            finish_body(body, pinfo, &m->call);
        facetime_tell_message(tree, tvb, pinfo, &m->call, body == NULL);
    }
    facetime_message_call none;
    memset(&none, 0, sizeof none);
    for (unsigned i = 0; bodies && i < wmem_array_get_count(bodies); i++) {
        noted_body *body = wmem_array_index(bodies, i);
        if (body->taken)
            continue;
        facetime_message_call call = body->sip_body ? none
                                                    : facetime_call_outside_sip(pinfo, &body->sdp,
                                                                                body->text);
        finish_body(body, pinfo, &call);
    }
    return 0;
}

/* ---- entry points ---------------------------------------------------------------------------- */

/* A FaceTime body the media_type entry has recognised, handed to dissect_facetime_sdp()
 * through the packet's proto data so that it is not classified twice. */
typedef struct classified_body {
    tvbuff_t *tvb;
    ft_classified classified;
} classified_body;

static const ft_classified *recognised_by_media_type(tvbuff_t *tvb, packet_info *pinfo)
{
    const classified_body *known = p_get_proto_data(pinfo->pool, pinfo, proto_facetime,
                                                    FACETIME_MEMORY_VERDICT);
    return known && known->tvb == tvb ? &known->classified : NULL;
}

/* Registered as "facetime_sdp": a body that is (or inflates to) SDP of the FaceTime family. */
static int dissect_facetime_sdp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const ft_classified *known = recognised_by_media_type(tvb, pinfo);
    ft_classified classified;
    if (!known) {
        if (!facetime_classify_body(tvb, pinfo, &classified))
            return 0;
        known = &classified;
    }
    dissect_facetime_body(tvb, pinfo, tree, data, known);
    return (int)tvb_captured_length(tvb);
}

/* SIP's heuristic list: bodies without a Content-Type SIP knows. */
static ft_heur_result dissect_facetime_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                            void *data)
{
    ft_classified classified;
    if (!facetime_classify_body(tvb, pinfo, &classified))
        return false;
    dissect_facetime_body(tvb, pinfo, tree, data, &classified);
    return true;
}

/* This plugin's entry for "application/sdp" in the media_type table. Anonymous, so that it adds
 * no protocol layer: for any SDP but FaceTime's, the result is exactly the built-in dissector's.
 * FaceTime's goes through the registered dissector, which adds the facetime layer. */
static int dissect_sdp_media_type(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    ft_classified classified;
    if (!proto_is_protocol_enabled(find_protocol_by_id(proto_facetime)) ||
        !facetime_classify_body(tvb, pinfo, &classified))
        return call_dissector_with_data(sdp_handle, tvb, pinfo, tree, data);
    classified_body *known = wmem_new(pinfo->pool, classified_body);
    known->tvb = tvb;
    known->classified = classified;
    p_set_proto_data(pinfo->pool, pinfo, proto_facetime, FACETIME_MEMORY_VERDICT, known);
    return call_dissector_with_data(facetime_sdp_handle, tvb, pinfo, tree, data);
}

/* ---- registration ---------------------------------------------------------------------------- */

static const enum_val_t media_mode_values[] = {
    { "rtp",  "RTP (FaceTime's m= lines say RTP/AVP)", FACETIME_MEDIA_RTP },
    { "srtp", "SRTP (the payloads are encrypted; the keys are not in the SDP)",
      FACETIME_MEDIA_SRTP },
    { "none", "Leave the media to the SDP dissector (no FaceTime demultiplexing or marks)",
      FACETIME_MEDIA_NONE },
    { NULL, NULL, -1 }
};

static void apply_preferences(void)
{
    if (facetime_prefs.inflate_limit_kib < 1)
        facetime_prefs.inflate_limit_kib = 1;
    if (facetime_prefs.inflate_limit_kib > INFLATE_LIMIT_KIB_MAX)
        facetime_prefs.inflate_limit_kib = INFLATE_LIMIT_KIB_MAX;
    if (facetime_prefs.max_sdp_lines < 1)
        facetime_prefs.max_sdp_lines = 1;
    if (facetime_prefs.max_sdp_lines > SDP_LINES_MAX)
        facetime_prefs.max_sdp_lines = SDP_LINES_MAX;
    if (facetime_prefs.max_call_streams < 1)
        facetime_prefs.max_call_streams = 1;
    if (facetime_prefs.max_call_streams > CALL_STREAMS_MAX)
        facetime_prefs.max_call_streams = CALL_STREAMS_MAX;
}

void proto_register_facetime(void)
{
    proto_facetime = proto_register_protocol("Apple FaceTime signalling (SIP/SDP)", "FaceTime",
                                             "facetime");
    register_facetime_body(proto_facetime);
    register_facetime_tree(proto_facetime);
    register_facetime_media(proto_facetime);
    register_facetime_call(proto_facetime);
    register_facetime_discovery(proto_facetime);
    register_facetime_calls_tables();

    module_t *module = prefs_register_protocol(proto_facetime, apply_preferences);
    prefs_register_uint_preference(module, "inflate_limit_kib", "Inflate limit (KiB)",
        "Largest SDP body inflated and dissected, in KiB (1 to 16384). A body that inflates to "
        "more (a deflate bomb) is cut there, with an expert warning.",
        10, &facetime_prefs.inflate_limit_kib);
    prefs_register_uint_preference(module, "max_sdp_lines", "Maximum SDP lines",
        "SDP lines parsed for FaceTime fields per body (1 to 100000).",
        10, &facetime_prefs.max_sdp_lines);
    prefs_register_uint_preference(module, "max_call_streams", "Maximum streams per call",
        "Streams (a=rtpID) followed per call, over all its offers and answers (1 to 65536); "
        "more are flagged and not followed.",
        10, &facetime_prefs.max_call_streams);
    prefs_register_bool_preference(module, "info_names_streams",
        "Name FaceTime streams in the Info column",
        "Append the medium and direction of a call's stream, \"(FaceTime video, "
        "callee-to-caller)\", to RTP's and RTCP's Info column. Off by default: it costs about "
        "1.5 % more on a capture of media. The facetime.rtp fields say the same in any case.",
        &facetime_prefs.info_names_streams);
    prefs_register_enum_preference(module, "media", "Register media as",
        "How the RTP streams the SDP announces are set up, so that they dissect without "
        "Decode As", &facetime_prefs.media, media_mode_values, false);

    facetime_sdp_handle = register_dissector("facetime_sdp", dissect_facetime_sdp, proto_facetime);
    sdp_media_type_handle = create_dissector_handle_with_name_and_description(
        dissect_sdp_media_type, -1, "facetime_sdp_media_type", "SDP (FaceTime-aware)");
    after_sip_handle = create_dissector_handle_with_name_and_description(
        dissect_facetime_after_sip, proto_facetime, "facetime_calls",
        "FaceTime calls (every SIP message, after SIP)");
    register_postdissector(after_sip_handle);
}

void proto_reg_handoff_facetime(void)
{
    sdp_handle = find_dissector_add_dependency("sdp", proto_facetime);
    handoff_facetime_media(proto_facetime);
    handoff_facetime_sip();
    /* SIP's fields of every message, in every tree, shown or not: what the call model reads. */
    set_postdissector_wanted_hfids(after_sip_handle, facetime_sip_wanted_fields());
    handoff_facetime_discovery(proto_facetime);

    heur_dissector_add("sip", dissect_facetime_heur, "FaceTime SDP in SIP bodies", "facetime_sip",
                       proto_facetime, HEURISTIC_ENABLE);
    /* Plugins' handoffs run after the built-in ones: this replaces SDP's own entry, and
     * dissect_sdp_media_type() passes everything that is not FaceTime back to it. */
    dissector_add_string("media_type", "application/sdp", sdp_media_type_handle);
}
