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
 * the built-in SDP dissector, given its FaceTime items, placed in its call (read from SIP's own
 * fields of its message), its media set up. The postdissector, dissect_facetime_after_sip(),
 * takes every other SIP message of the frame to the call model, and STUN's answers to the media
 * discovery, from the fields it asks SIP and STUN to fill in.
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
#include "facetime-stun.h"
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

/* What a body is to its call, for the Info column. */
static const char *role_word(const facetime_message_call *call)
{
    if (!call->call || !call->call->call_id)
        return "SDP";
    return call->role == FT_BODY_OFFER ? "offer" : call->role == FT_BODY_ANSWER ? "answer" : "SDP";
}

/* The call of a body. SIP fills its header fields in before it hands the body on, so the first
 * pass reads the message that carries the body from the SIP item above it; a body outside SIP
 * gets a call of its own. What the first pass found is kept per body. */
static facetime_message_call call_of_body(packet_info *pinfo, proto_tree *tree, const ft_sdp *sdp,
                                          tvbuff_t *text)
{
    uint32_t key = facetime_memory_key(pinfo, FACETIME_MEMORY_CALL);
    const facetime_message_call *kept = p_get_proto_data(wmem_file_scope(), pinfo, proto_facetime,
                                                         key);
    facetime_message_call call;
    memset(&call, 0, sizeof call);
    call.sender = FT_PARTY_UNKNOWN;
    if (kept)
        return *kept;
    if (PINFO_FD_VISITED(pinfo))
        return call;                /* the first pass found it of no call */
    facetime_sip_message message;
    if (facetime_sip_message_of_body(tree, pinfo, &message))
        call = facetime_follow_message(pinfo, &message.summary, sdp, text);
    else
        call = facetime_call_outside_sip(pinfo, sdp, text);
    facetime_message_call *memory = wmem_new(wmem_file_scope(), facetime_message_call);
    *memory = call;
    p_add_proto_data(wmem_file_scope(), pinfo, proto_facetime, key, memory);
    return call;
}

/* The sip.msg_body items whose bodies the body path placed in their calls: the postdissector
 * leaves their messages alone. */
static void note_body_placed(packet_info *pinfo, proto_tree *tree)
{
    if (!tree || !PTREE_FINFO(tree))
        return;
    wmem_array_t *placed = p_get_proto_data(pinfo->pool, pinfo, proto_facetime,
                                            FACETIME_MEMORY_BODIES);
    if (!placed) {
        placed = wmem_array_new(pinfo->pool, sizeof(const field_info *));
        p_add_proto_data(pinfo->pool, pinfo, proto_facetime, FACETIME_MEMORY_BODIES, placed);
    }
    const field_info *sip_body = PTREE_FINFO(tree);
    wmem_array_append_one(placed, sip_body);
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

    facetime_message_call call = call_of_body(pinfo, tree, &sdp, body.text);
    facetime_add_call_items(facetime_tree, pinfo, body.text, &call);
    facetime_add_sdp_info(pinfo, body.text, &sdp, role_word(&call));
    if (!PINFO_FD_VISITED(pinfo))
        facetime_register_media(pinfo, &sdp, body.text, &call);
    facetime_tell_message(NULL, body.text, pinfo, &call, false);
    note_body_placed(pinfo, tree);
}

/* ---- after SIP: the messages without a FaceTime body ----------------------------------------- */

/* Whether the body path placed this message's body in its call already. */
static bool placed_by_body(wmem_array_t *placed, const field_info *sip_body)
{
    for (unsigned i = 0; placed && sip_body && i < wmem_array_get_count(placed); i++)
        if (*(const field_info **)wmem_array_index(placed, i) == sip_body)
            return true;
    return false;
}

/* What the first pass made of the frame's SIP messages without a FaceTime body, in order, kept
 * for later passes: tshark's second pass builds no tree for the postdissector's fields, and
 * there the kept calls alone tell the tap. */
static wmem_array_t *frame_memory(packet_info *pinfo)
{
    return p_get_proto_data(wmem_file_scope(), pinfo, proto_facetime, FACETIME_MEMORY_MESSAGES);
}

/* First pass: each message goes to the call model; what it found is kept when any is a call's. */
static wmem_array_t *follow_messages(packet_info *pinfo, const facetime_sip_message *messages,
                                     unsigned n, wmem_array_t *placed)
{
    DISSECTOR_ASSERT(!PINFO_FD_VISITED(pinfo));
    wmem_array_t *memory = wmem_array_sized_new(wmem_file_scope(), sizeof(facetime_message_call),
                                                n);
    bool any_call = false, after_a_body = false;
    for (unsigned i = 0; i < n; i++) {
        if (placed_by_body(placed, messages[i].body)) {
            after_a_body = true;
            continue;
        }
        facetime_message_call call = facetime_follow_message(pinfo, &messages[i].summary, NULL,
                                                             NULL);
        /* A body later in the frame, placed before this message, made its call FaceTime's:
         * in the frame's order, this message came before (a 180 and the late offer's 200 OK
         * in one TCP segment). */
        if (call.call && call.call->facetime_from_frame == pinfo->num && !after_a_body)
            call.call = NULL;
        any_call |= call.call != NULL;
        wmem_array_append_one(memory, call);
    }
    if (any_call)
        p_add_proto_data(wmem_file_scope(), pinfo, proto_facetime, FACETIME_MEMORY_MESSAGES,
                         memory);
    return memory;
}

/* First pass: what the frame's STUN success responses say of NATs and relays. */
static void learn_from_stun(proto_tree *tree, packet_info *pinfo)
{
    ft_stun_message *messages;
    unsigned n = facetime_stun_messages(tree, pinfo, &messages);
    for (unsigned i = 0; i < n; i++)
        facetime_learn_stun(pinfo, &messages[i]);
}

/* The postdissector: the frame's STUN tells of NATs and relays, and every SIP message of the
 * frame without a FaceTime body (which the body path placed), on any transport, goes to the call
 * model: ringing, CANCEL, final responses, BYE. */
static int dissect_facetime_after_sip(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                      void *data _U_)
{
    if (!PINFO_FD_VISITED(pinfo) && facetime_frame_has_stun(pinfo))
        learn_from_stun(tree, pinfo);
    if (!facetime_frame_has_sip(pinfo))
        return 0;
    facetime_sip_message *messages;
    unsigned n = facetime_sip_messages(tree, pinfo, &messages);
    wmem_array_t *placed = p_get_proto_data(pinfo->pool, pinfo, proto_facetime,
                                            FACETIME_MEMORY_BODIES);
    wmem_array_t *memory = PINFO_FD_VISITED(pinfo) ? frame_memory(pinfo)
                                                   : follow_messages(pinfo, messages, n, placed);
    for (unsigned i = 0; memory && i < wmem_array_get_count(memory); i++)
        facetime_tell_message(tree, tvb, pinfo, wmem_array_index(memory, i), true);
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
    handoff_facetime_stun();
    /* SIP's and STUN's fields in every tree, shown or not: what the call model and the media
     * discovery read. */
    GArray *wanted = facetime_sip_wanted_fields();
    facetime_stun_wanted_fields(wanted);
    set_postdissector_wanted_hfids(after_sip_handle, wanted);
    handoff_facetime_discovery(proto_facetime);

    heur_dissector_add("sip", dissect_facetime_heur, "FaceTime SDP in SIP bodies", "facetime_sip",
                       proto_facetime, HEURISTIC_ENABLE);
    /* Plugins' handoffs run after the built-in ones: this replaces SDP's own entry, and
     * dissect_sdp_media_type() passes everything that is not FaceTime back to it. */
    dissector_add_string("media_type", "application/sdp", sdp_media_type_handle);
}
