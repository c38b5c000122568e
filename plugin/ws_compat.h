/* ws_compat.h - every difference between the Wireshark releases this plugin builds against.
 *
 * Supported and tested: 4.0 (Debian 12), 4.4 (Debian 13), 4.6 (Debian unstable). The rest of the
 * code is written against the 4.4/4.6 API and has no version #if of its own.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_WS_COMPAT_H
#define FT_WS_COMPAT_H

#include <wireshark.h>
#include <ws_version.h>

#include <epan/packet.h>
#include <epan/dissectors/packet-rtp.h>

#define FT_WS_AT_LEAST(major, minor) \
    (WIRESHARK_VERSION_MAJOR > (major) || \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* Heuristic dissectors return gboolean in 4.0 and C99 bool since 4.2 (4.4 and 4.6 have bool);
 * gcc rejects a function pointer with the other return type. */
#if FT_WS_AT_LEAST(4, 2)
typedef bool ft_heur_result;
#else
typedef gboolean ft_heur_result;
#endif

/* 4.0 has only tvb_get_guint8(); 4.2 added tvb_get_uint8() and 4.6 deprecates the old name. */
#if !FT_WS_AT_LEAST(4, 2)
#define tvb_get_uint8 tvb_get_guint8
#endif

/* rtp_dyn_payload_insert() gained a channel count in 4.2. */
static inline void
ft_rtp_dyn_payload_insert(rtp_dyn_payload_t *payloads, unsigned pt, const char *encoding_name,
                          int sample_rate, unsigned channels)
{
#if FT_WS_AT_LEAST(4, 2)
    rtp_dyn_payload_insert(payloads, pt, encoding_name, sample_rate, channels);
#else
    (void)channels;
    rtp_dyn_payload_insert(payloads, pt, encoding_name, sample_rate);
#endif
}

/* Since 4.2 the plugin loader also asks a plugin what it is, through plugin_describe(). */
#if FT_WS_AT_LEAST(4, 2)
#include <wsutil/plugins.h>
#define FT_PLUGIN_HAS_DESCRIBE 1
#else
#define FT_PLUGIN_HAS_DESCRIBE 0
#endif

#endif /* FT_WS_COMPAT_H */
