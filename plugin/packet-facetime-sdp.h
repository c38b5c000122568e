/* packet-facetime-sdp.h - what the FaceTime dissector shares with its calls table.
 *
 * The dissector keeps, per capture, one ft_call per SIP Call-ID that carried FaceTime SDP and one
 * ft_stream per announced a=rtpID, and sends an ft_tap_event to the "facetime" tap for every SDP
 * body and every RTP/RTCP packet of an announced stream.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_FACETIME_SDP_H
#define PACKET_FACETIME_SDP_H

#include "ws_compat.h"

#include <epan/address.h>
#include <epan/wmem_scopes.h>

#include "ft_sdp.h"

#define FT_TAP_NAME "facetime"

typedef enum ft_party { FT_CALLER, FT_CALLEE, FT_PARTY_UNKNOWN } ft_party;

/* One party of a call, as its own SDP described it. Strings are in file scope. */
typedef struct ft_side {
    bool described;
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
    wmem_array_t *endpoints;      /* of endpoint: every RTP address/port either side announced */
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

/* Registers "FaceTime Calls" (Statistics menu, tshark -z facetime,calls). */
void register_facetime_calls_table(void);

#endif /* PACKET_FACETIME_SDP_H */
