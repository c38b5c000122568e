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

/* Heuristic dissectors return gboolean up to 4.2 and C99 bool from 4.4: heur_dissector_t became
 * bool with the C99-types conversion of epan (upstream issue 19116, commit 3f1be241, "convert
 * epan to C99 types", July 2024, released in 4.4.0). gcc rejects a function pointer with the
 * other return type. */
#if FT_WS_AT_LEAST(4, 4)
typedef bool ft_heur_result;
#else
typedef gboolean ft_heur_result;
#endif

/* tvb_get_uint8() arrived in 4.4 (4.4's tvbuff.h keeps tvb_get_guint8() as a deprecated inline;
 * upstream's packaging/debian/libwireshark17.symbols, the 4.2 ABI, exports only tvb_get_guint8),
 * and 4.6 warns on the old name. */
#if !FT_WS_AT_LEAST(4, 4)
#define tvb_get_uint8 tvb_get_guint8
#endif

/* rtp_dyn_payload_insert() gained a channel count in 4.2, with rtp_dyn_payload_insert_full()
 * (libwireshark17.symbols: rtp_dyn_payload_insert_full@Base 4.1.0, the 4.2 development series). */
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

/* Since 4.4 the plugin loader also asks a plugin what it is, through plugin_describe(): the 4.3.0
 * release notes, "Plugin registration API was refactored. Plugin authors must update their
 * plugins". */
#if FT_WS_AT_LEAST(4, 4)
#include <wsutil/plugins.h>
#define FT_PLUGIN_HAS_DESCRIBE 1
#else
#define FT_PLUGIN_HAS_DESCRIBE 0
#endif

#endif /* FT_WS_COMPAT_H */
