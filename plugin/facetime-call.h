/* facetime-call.h - the calls of a capture, as their SIP dialogs go, and the streams their SDP
 * announces.
 *
 * A call is the SIP dialogs of one INVITE (ft_dialog.h) that carried SDP of the FaceTime family.
 * Its caller and callee are the From and To of that INVITE, never packet addresses; its outcome
 * and end follow its final responses, CANCEL and BYE; each party's SDP (an offer or an answer,
 * never a MESSAGE's) updates that party, the callee's only from the dialog the call kept.
 * Streams belong to their call: one per announced a=rtpID, looked up by SSRC within the call
 * only. The model sees every SIP message through SIP's own fields (facetime-sip.h) and learns
 * everything on the first pass; the callers keep what it returns for later passes.
 *
 * The "facetime" tap carries an ft_tap_event for every SIP message of a call and every RTP/RTCP
 * packet of its streams (the calls tables listen there).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_CALL_H
#define FACETIME_CALL_H

#include "ws_compat.h"

#include <epan/address.h>
#include <epan/packet.h>

#include "ft_dialog.h"
#include "ft_sdp.h"

#define FT_TAP_NAME "facetime"

/* "caller-to-callee", "callee-to-caller" or "unknown": who sends a stream. */
const char *facetime_direction_name(ft_party sender);

/* "answered", "declined", ..., "failed (480)": status is the final response's code. */
const char *facetime_outcome_name(wmem_allocator_t *scope, ft_outcome outcome, unsigned status);

/* One party of a call: who it is (SIP) and what its latest SDP said. Strings are file scope. */
typedef struct ft_side {
    const char *uri;              /* From (caller) or To (callee) of the first INVITE */
    address addr;                 /* where its latest SIP message came from */
    const char *public_addr;      /* c= */
    const char *session_name;     /* s= */
    const char *video_offer;      /* what it offers to send, see ft_summary.h */
    bool has_sdp;
    uint32_t sdp_digest;          /* of its latest SDP's text, to tell a retransmission */
} ft_side;

typedef struct ft_stream ft_stream;

typedef struct ft_call {
    const char *call_id;
    ft_dialog dialog;             /* its dialogs and INVITE transactions */
    bool is_facetime;             /* it carried FaceTime SDP: the tables list it */
    uint32_t facetime_from_frame; /* the frame of its first FaceTime offer or answer */
    const struct ft_call *earlier;    /* the call before it with the same Call-ID */
    ft_side sides[2];             /* [FT_CALLER], [FT_CALLEE] */
    uint32_t first_frame;         /* its first SIP message seen */
    nstime_t first_time;
    uint32_t offer_frame;         /* the latest offer (INVITE, or 2xx of a late offer) */
    /* Where the dialog ended the call (its outcome is dialog.outcome). */
    uint32_t end_frame;           /* the BYE, or the final response of an unanswered call; 0 */
    nstime_t end_time;
    /* The media. */
    wmem_map_t *streams_by_ssrc;  /* SSRC -> ft_stream */
    wmem_array_t *streams;        /* of ft_stream *, in announcement order */
    unsigned streams_refused;     /* announcements past the limit */
} ft_call;

/* A payload type the announcing section names: by its rtpmap, or by the family's known ones. */
typedef struct ft_stream_payload {
    uint32_t pt;
    const char *name;             /* "X-H264" */
    uint32_t clock_rate;
} ft_stream_payload;

/* One RTP stream an a=rtpID announced in its call. */
struct ft_stream {
    uint32_t ssrc;
    uint32_t setup_frame;         /* the SIP message that first announced it */
    ft_media_kind kind;
    ft_party sender;
    const ft_call *call;
    const ft_stream_payload *payloads;
    unsigned n_payloads;
};

/* The name and clock rate the stream's announcement gives payload type pt; NULL if none. */
const ft_stream_payload *facetime_stream_payload(const ft_stream *st, uint32_t pt);

/* What the "facetime" tap carries: a SIP message of a call, or a packet of a stream. */
typedef struct ft_tap_event {
    const ft_call *call;
    const ft_stream *stream;      /* NULL for a SIP message */
    bool is_rtcp;
    uint8_t payload_type;         /* RTP only */
    uint16_t rtp_sequence;        /* RTP only */
    uint32_t rtp_timestamp;       /* RTP only */
    bool rtp_marker;              /* RTP only */
} ft_tap_event;

/* What the call model made of one SIP message and its FaceTime body, if it has one. */
typedef struct facetime_message_call {
    ft_call *call;                /* NULL: of no FaceTime call */
    ft_party sender;
    ft_body_role role;            /* of its FaceTime body */
    bool repeated_ssrc;           /* it announced an SSRC its call already has for another stream */
    bool stream_limit;            /* it announced more streams than the call may keep */
    bool resend_differs;          /* a retransmission (to SIP) whose SDP is not the first copy's */
} facetime_message_call;

/* First pass only: a SIP message of the frame, with its FaceTime SDP (sdp and text) when it
 * carries one, carries its call's dialogs on or starts a call; an offer or answer records what it
 * says of its sender and announces its streams. Later passes keep what this returned. */
facetime_message_call facetime_follow_message(packet_info *pinfo, const ft_sip_summary *message,
                                              const ft_sdp *sdp, tvbuff_t *text);

/* An SDP body outside SIP still sets its media up: a call of its own, never listed. */
facetime_message_call facetime_call_outside_sip(packet_info *pinfo, const ft_sdp *sdp,
                                                tvbuff_t *text);

/* A SIP message of a call: the call's line (facetime.call, with facetime.call_id) in the tree,
 * for a message whose body does not carry it already, and the tap's event. */
void facetime_tell_message(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                           const facetime_message_call *message, bool with_line);

/* The stream of this SSRC in this call, announced before this frame; NULL if none. */
const ft_stream *facetime_call_stream(const ft_call *call, uint32_t ssrc, uint32_t frame);

/* The latest call whose SIP traveled between these two hosts (either way); NULL if none. */
ft_call *facetime_call_of_hosts(const address *one, const address *other);

/* The call's Call-ID as a generated item (facetime.call_id), for a body or a media packet; nothing
 * for a call outside SIP. */
void facetime_add_call_id(proto_tree *tree, tvbuff_t *tvb, const ft_call *call);

/* Under a body's FaceTime item: its call's Call-ID, and what went wrong announcing its streams. */
void facetime_add_call_items(proto_tree *tree, packet_info *pinfo, tvbuff_t *text,
                             const facetime_message_call *message);

/* Whether anyone listens to the tap (the calls tables, when open). */
bool facetime_tap_wanted(void);

/* Tells the tap's listeners of a packet of a stream (only when facetime_tap_wanted(): the
 * packet's header is read for them). SIP messages of a call are told by the call model. */
void facetime_tap_media(packet_info *pinfo, const ft_tap_event *event);

void register_facetime_call(int proto);

#endif /* FACETIME_CALL_H */
