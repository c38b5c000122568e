/* ft_sdp.h - parsing the SDP dialect of the FaceTime family.
 *
 * Wireshark's SDP dissector shows the standard part of the body; this parser extracts what only
 * FaceTime and its forebear iChat write (a=FLS and a=X_FLS, a=rtpID, a=au, a=DMBR, a=CAP,
 * a=BBCODEC, a=allowrecording, a=ftdisplayattr, Apple's fmtp parameters, imageattr with fps,
 * cellular rules and ranges, rtcp-fb as FaceTime writes it, iChat's a=hwi, a=iChatEncryption,
 * a=multipoint, a=bandwidthDetection, a=RTCP) plus the few standard lines the plugin itself
 * needs (o=, s=, c=, b=AS, m=, a=rtcp, a=rtpmap, a=framerate) to register the media streams.
 * Every value carries the span of text it came from. Anything malformed becomes an ft_problem,
 * never a failure: what was parsed is kept.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_SDP_H
#define FT_SDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ft_alloc.h"
#include "ft_fls_keys.h"

/* Bytes [offset, offset + length) of the SDP text. */
typedef struct ft_span {
    size_t offset;
    size_t length;
} ft_span;

typedef struct ft_number {
    ft_span text;
    uint32_t value;
} ft_number;

/* ---- a=FLS;KEY:VALUE;KEY;... ----------------------------------------------------------------- */

/* FT_FLS_VRA, FT_FLS_MVRA, ...: one per line of ft_fls_keys.h, in its order. */
typedef enum ft_fls_key {
#define FT_FLS_ENUM(id, written, field, kind, description) FT_FLS_##id,
    FT_FLS_KEYS(FT_FLS_ENUM)
#undef FT_FLS_ENUM
    FT_FLS_UNKNOWN
} ft_fls_key;

#define FT_FLS_N_KEYS ((size_t)FT_FLS_UNKNOWN)

/* The forms a key takes (see ft_fls_keys.h); UNKNOWN for a key not in the list. */
typedef enum ft_fls_kind {
    FT_FLS_KIND_NUMBER,           /* KEY:<integer> */
    FT_FLS_KIND_NUMBER_OR_BARE,   /* KEY:<integer>, or KEY alone */
    FT_FLS_KIND_FLAG,             /* KEY alone */
    FT_FLS_KIND_RATIOS,           /* KEY:<n>/<d>,<n>/<d>... */
    FT_FLS_KIND_FLAG_OR_RATIOS,   /* KEY alone, or KEY:<n>/<d>,... */
    FT_FLS_KIND_VERBATIM,         /* any form: kept as written */
    FT_FLS_KIND_UNKNOWN
} ft_fls_kind;

/* One line of ft_fls_keys.h. */
typedef struct ft_fls_key_info {
    const char *written;          /* "VRA" */
    size_t written_length;
    const char *field;            /* "vra": facetime.sdp.fls.vra */
    ft_fls_kind kind;
    const char *description;
} ft_fls_key_info;

/* Indexed by ft_fls_key, FT_FLS_N_KEYS of them. */
extern const ft_fls_key_info ft_fls_keys[FT_FLS_N_KEYS];

ft_fls_kind ft_fls_key_kind(ft_fls_key key);

typedef struct ft_ratio {
    ft_span text;        /* "8/5" */
    uint32_t numerator;
    uint32_t denominator;
} ft_ratio;

typedef struct ft_fls_entry {
    ft_span text;        /* the whole entry, "AR:8/5,2/3" */
    ft_span name;        /* "AR" */
    ft_span value;       /* "8/5,2/3"; length 0 without ':' */
    ft_fls_key key;
    bool has_value;
    bool valid;          /* false: not what its key expects (an ft_problem says so) */
    int32_t number;      /* with a value, for the NUMBER kinds */
    ft_ratio *ratios;    /* with a value, for the RATIOS kinds */
    size_t n_ratios;
} ft_fls_entry;

typedef struct ft_fls {
    ft_span text;        /* the list: "VRA:0;MVRA:0;...;XR;" (after the literal FLS token) */
    bool has_pt;         /* a=X_FLS:<pt> <list> names the payload type it applies to */
    ft_number pt;
    ft_fls_entry *entries;
    size_t n_entries;
} ft_fls;

/* ---- a=fmtp ---------------------------------------------------------------------------------- */

typedef struct ft_fmtp {
    ft_span text;                 /* after "fmtp:" */
    ft_span format;               /* "104", or a codec name such as "AAC" */
    bool has_pt;                  /* format is a payload type number */
    ft_number pt;
    bool has_sbr, has_sec;        /* Apple's AAC flags */
    ft_span sbr, sec;
    bool has_samples_per_block;   /* "block N" or "SamplesPerBlock N" */
    ft_number samples_per_block;
    bool has_imagesize;           /* "imagesize N rules R" */
    ft_number imagesize;
    ft_span rules;                /* R */
    ft_number *rule_values;       /* the numbers of R */
    size_t n_rule_values;
} ft_fmtp;

/* ---- a=rtpmap -------------------------------------------------------------------------------- */

typedef struct ft_rtpmap {
    ft_span text;
    ft_number pt;
    ft_span encoding_name;        /* "X-H264" */
    uint32_t clock_rate;
    uint32_t channels;            /* 0 when not given */
} ft_rtpmap;

/* ---- a=imageattr (RFC 6236, plus FaceTime's fps) --------------------------------------------- */

/* A set parameter other than a plain x, y or fps, kept as written and, where FaceTime's composer
 * gives it a meaning, read. */
typedef enum ft_image_param_kind {
    FT_IMAGE_PARAM_OTHER,         /* sar, par, a value list, ...: only as written */
    FT_IMAGE_PARAM_CELLULAR,      /* i=<n>: i=1 marks a rule for the cellular interface */
    FT_IMAGE_PARAM_QUALITY,       /* q=<0.0-1.0>, as written (RFC 6236's preference) */
    FT_IMAGE_PARAM_RANGE          /* x=[min:max] or x=[min:step:max] (or y=) */
} ft_image_param_kind;

typedef struct ft_image_param {
    ft_span text;                 /* "x=[320:16:640]" */
    ft_image_param_kind kind;
    ft_number cellular;           /* FT_IMAGE_PARAM_CELLULAR */
    ft_span quality;              /* FT_IMAGE_PARAM_QUALITY: "0.3" */
    bool is_height;               /* FT_IMAGE_PARAM_RANGE: y= rather than x= */
    ft_number min, step, max;     /* FT_IMAGE_PARAM_RANGE; without a step, step.value is 1 */
    bool has_step;
} ft_image_param;

typedef struct ft_image_set {
    ft_span text;                 /* "[x=320,y=240,fps=30]" */
    bool has_x, has_y, has_fps;
    ft_number x, y, fps;
    bool cellular;                /* i=1: a rule for the cellular interface, not for Wi-Fi */
    ft_image_param *other_params; /* "sar=1.1", "q=0.5", "i=1", ranges like "x=[320:16:640]" */
    size_t n_other_params;
} ft_image_set;

typedef struct ft_image_direction {
    ft_span text;                 /* "send [..] [..]" */
    ft_span keyword;              /* "send" or "recv" */
    bool is_send;
    bool any;                     /* "send *" */
    ft_image_set *sets;
    size_t n_sets;
} ft_image_direction;

typedef struct ft_imageattr {
    ft_span text;                 /* after "imageattr:" */
    bool has_pt;                  /* false for "*" */
    ft_number pt;
    bool uses_fps;
    ft_image_direction *directions;
    size_t n_directions;
} ft_imageattr;

/* ---- a=rtcp-fb ---------------------------------------------------------------------------------- */

/* a=rtcp-fb:<pt or *> <type> [<type>...]: FaceTime names several feedback types on one line. */
typedef struct ft_rtcp_fb {
    ft_span text;                 /* after "rtcp-fb:" */
    ft_span format;               /* "*" or a payload type */
    ft_span *types;               /* "rpsi", "nack" */
    size_t n_types;
} ft_rtcp_fb;

/* ---- Apple's other attributes ----------------------------------------------------------------- */

typedef struct ft_bbcodec {       /* a=BBCODEC:<codec type>:<sample rate> */
    ft_span text;
    ft_number type;
    ft_number rate;
} ft_bbcodec;

typedef struct ft_display {       /* a=ftdisplayattr:resolution [x=<w>,y=<h>] */
    ft_span text;
    ft_number x, y;
} ft_display;

typedef struct ft_yes_no {        /* iChat's YES or NO */
    ft_span text;
    bool value;
} ft_yes_no;

typedef struct ft_number_list {   /* a=hwi:17412:2:2800 */
    ft_span text;
    ft_number *values;
    size_t n_values;
} ft_number_list;

typedef struct ft_rtcp_ports {    /* iChat's a=RTCP:AUDIO <port> VIDEO <port> */
    ft_span text;
    bool has_audio, has_video;
    ft_number audio, video;
} ft_rtcp_ports;

/* ---- sections -------------------------------------------------------------------------------- */

typedef enum ft_media_kind { FT_MEDIA_AUDIO, FT_MEDIA_VIDEO, FT_MEDIA_OTHER } ft_media_kind;

typedef struct ft_address {
    ft_span text;                 /* "210.172.128.230" */
    bool is_ipv6;
    uint8_t bytes[16];            /* 4 used for IPv4 */
} ft_address;

/* The session level (sections[0]) or one media description (m= and what follows it). */
typedef struct ft_section {
    bool is_media;
    ft_span media_line;           /* the whole m= value */
    ft_span media_name;           /* "audio", "video", ... */
    ft_media_kind kind;
    ft_number port;
    ft_span transport;            /* "RTP/AVP" */
    bool is_rtp;                  /* RTP/AVP, RTP/SAVP, RTP/AVPF, RTP/SAVPF */
    ft_number *formats;           /* the m= line's payload types (other formats are skipped) */
    size_t n_formats;

    bool has_connection;
    ft_address connection;
    bool has_bandwidth;           /* b=AS:x or b=AS:x:y */
    ft_number bandwidth;
    bool has_bandwidth_extra;
    ft_number bandwidth_extra;
    bool has_rtcp_port;
    ft_number rtcp_port;
    bool has_rtpid;
    ft_number rtpid;
    bool has_au;
    ft_number au;
    bool has_dmbr, has_cap, has_allowrecording;
    ft_span dmbr, cap, allowrecording;
    bool has_bbcodec;
    ft_bbcodec bbcodec;
    bool has_display;
    ft_display display;
    /* iChat (Viceroy) */
    bool has_hwi;
    ft_number_list hwi;
    bool has_ichat_encryption;
    ft_yes_no ichat_encryption;
    bool has_multipoint;
    ft_number multipoint;
    bool has_bandwidth_detection;
    ft_yes_no bandwidth_detection;
    bool has_framerate;
    ft_span framerate;            /* as written (RFC 4566 allows a fraction) */
    bool has_rtcp_ports;
    ft_rtcp_ports rtcp_ports;

    ft_fls *fls;
    size_t n_fls;
    ft_fmtp *fmtps;
    size_t n_fmtps;
    ft_rtpmap *rtpmaps;
    size_t n_rtpmaps;
    ft_imageattr *imageattrs;
    size_t n_imageattrs;
    ft_rtcp_fb *rtcp_fbs;
    size_t n_rtcp_fbs;
} ft_section;

/* ---- problems -------------------------------------------------------------------------------- */

typedef enum ft_problem_kind {
    FT_PROBLEM_RTPID_INVALID,      /* a=rtpID is not a 32-bit number */
    FT_PROBLEM_NUMBER_INVALID,     /* another number that is not one (a=au, m= port, b=AS, ...) */
    FT_PROBLEM_FLS_INVALID,        /* an FLS entry that is not what its key expects */
    FT_PROBLEM_IMAGEATTR_INVALID,  /* imageattr syntax broken; what came before is kept */
    FT_PROBLEM_IMAGEATTR_FPS,      /* note: fps is not an RFC 6236 parameter (once per attribute) */
    FT_PROBLEM_FMTP_CODEC_NAME,    /* note: a=fmtp names a codec, not a payload type */
    FT_PROBLEM_MEDIA_INVALID,      /* an m= line that cannot be parsed */
    FT_PROBLEM_ADDRESS_INVALID,    /* a c= line without a usable IPv4/IPv6 address */
    FT_PROBLEM_DUPLICATE,          /* the attribute was already given in this section: ignored */
    FT_PROBLEM_LINE_LIMIT,         /* the body has more lines than the limit: parsing stopped */
    FT_PROBLEM_LIST_LIMIT,         /* one attribute lists more items than the limit: rest skipped */
    FT_PROBLEM_ATTRIBUTE_INVALID,  /* one of Apple's attributes without the form Apple writes */
    FT_PROBLEM_PORT_INVALID,       /* a port that is not 1-65535 (a=RTCP) */
    FT_PROBLEM_IMAGEATTR_RANGE     /* an imageattr range with step 0, or min above max */
} ft_problem_kind;

typedef struct ft_problem {
    ft_problem_kind kind;
    ft_span where;
} ft_problem;

typedef struct ft_sdp_limits {
    size_t max_lines;              /* lines parsed per body */
    size_t max_list_items;         /* FLS entries, ratios, image sets, ... per attribute */
} ft_sdp_limits;

#define FT_SDP_DEFAULT_MAX_LINES 1000
#define FT_SDP_DEFAULT_MAX_LIST_ITEMS 64

typedef struct ft_sdp {
    bool has_client;
    ft_span client;                /* o= user name: "GKVoiceChatService" */
    bool has_session_name;
    ft_span session_name;          /* s= */
    size_t n_lines;
    ft_section *sections;          /* [0] is the session level, then one per m= line */
    size_t n_sections;
    ft_problem *problems;
    size_t n_problems;
    bool out_of_memory;            /* parsing stopped early: the allocator failed */
} ft_sdp;

/* A payload type of the family that a public source ties to a codec, for an SDP that names none
 * (FaceTime 2014 offers 104-106 without rtpmap). */
typedef struct ft_known_payload {
    uint32_t pt;
    ft_media_kind kind;
    const char *encoding_name;
    uint32_t clock_rate;
    const char *source;           /* where the tie comes from */
} ft_known_payload;

/* The known payload of this kind and number, or NULL: the family's dynamic payload types are
 * named only where a public source does, never guessed. */
const ft_known_payload *ft_family_payload(ft_media_kind kind, uint32_t pt);

/* Parses text[0..len). Returns false only when memory ran out (sdp->out_of_memory); malformed
 * text is reported in sdp->problems. Release with ft_sdp_free() unless the allocator frees
 * everything at once (a wmem scope). */
bool ft_sdp_parse(const uint8_t *text, size_t len, const ft_sdp_limits *limits,
                  const ft_allocator *a, ft_sdp *sdp);

void ft_sdp_free(ft_sdp *sdp, const ft_allocator *a);

#endif /* FT_SDP_H */
