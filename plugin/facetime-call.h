/* facetime-call.h - the calls of a capture and the streams their SDP announces.
 *
 * The call model keeps, per capture, one ft_call per SIP Call-ID that carried FaceTime SDP and
 * one ft_stream per announced a=rtpID, and sends an ft_tap_event to the "facetime" tap for every
 * SDP body and every RTP/RTCP packet of an announced stream (the calls table listens there).
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

#include "ft_sdp.h"

#define FT_TAP_NAME "facetime"

typedef enum ft_party { FT_CALLER, FT_CALLEE, FT_PARTY_UNKNOWN } ft_party;

/* "caller-to-callee", "callee-to-caller" or "unknown": who sends a stream. */
const char *facetime_direction_name(ft_party sender);

/* One party of a call, as its own SDP described it. Strings are in file scope. */
typedef struct ft_side {
    const char *public_addr;      /* c= */
    const char *session_name;     /* s= */
    bool has_audio_ssrc, has_video_ssrc;
    uint32_t audio_ssrc, video_ssrc;
    const char *video_sizes;      /* what it offers to send: "320x240@30 480x368@30", or "" */
} ft_side;

/* One SIP call that carried FaceTime SDP. */
typedef struct ft_call {
    const char *call_id;
    address caller;               /* packet addresses of the first request with FaceTime SDP */
    address callee;
    ft_side sides[2];             /* [FT_CALLER], [FT_CALLEE] */
    uint32_t offer_frame;         /* the latest SIP request with FaceTime SDP; 0 if none */
} ft_call;

/* One RTP stream an a=rtpID announced; newer announcements of the same SSRC come first. */
typedef struct ft_stream {
    uint32_t ssrc;
    uint32_t setup_frame;
    ft_media_kind kind;
    ft_party sender;
    const ft_call *call;          /* NULL when the SDP did not come through SIP */
    const struct ft_stream *earlier;
} ft_stream;

/* What the "facetime" tap carries: a FaceTime SDP body, or a packet of an announced stream. */
typedef struct ft_tap_event {
    const ft_call *call;
    const ft_stream *stream;      /* NULL for an SDP body */
    ft_party sdp_sender;          /* for an SDP body */
    bool is_rtcp;
    uint16_t rtp_sequence;        /* RTP only */
} ft_tap_event;

/* What the call model knows of one SDP body. */
typedef struct facetime_body_call {
    ft_call *call;                /* NULL outside SIP, or for SIP without a Call-ID */
    ft_party sender;
    bool is_offer;                /* carried by a SIP request */
} facetime_body_call;

/* The call an SDP body belongs to. On the first pass this starts the call or finds it, records
 * what the body says of its sender and announces its streams; later passes get what the first
 * pass found. */
facetime_body_call facetime_call_of_body(packet_info *pinfo, const ft_sdp *sdp, tvbuff_t *text);

/* The stream an a=rtpID announced for this SSRC before this frame; NULL if none. */
const ft_stream *facetime_announced_stream(uint32_t ssrc, uint32_t frame);

/* Whether anyone listens to the tap (the calls table, when it is open). */
bool facetime_tap_wanted(void);

/* Tells the tap's listeners of an SDP body, or of a packet of a stream (only when
 * facetime_tap_wanted(): the packet's sequence number is read for them). */
void facetime_tap_body(packet_info *pinfo, const facetime_body_call *body);
void facetime_tap_media(packet_info *pinfo, const ft_stream *stream, bool is_rtcp,
                        uint16_t rtp_sequence);

void register_facetime_call(void);
void handoff_facetime_call(void);

#endif /* FACETIME_CALL_H */
