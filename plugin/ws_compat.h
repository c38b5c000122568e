/* ws_compat.h - every difference between the Wireshark releases this plugin builds against.
 *
 * Supported: 3.4 to 4.6. Tested: 3.4 (Debian 11), 4.0 (Debian 12), 4.4 (Debian 13), 4.6 (Debian
 * unstable); 3.6 (Ubuntu 22.04) and 4.2 (Ubuntu 24.04) take the branches below without having
 * been built here. The rest of the code is written against the 4.4/4.6 API; each gate below maps
 * one difference back, at the release where upstream made it, and names where that is recorded.
 * "Symbols file" is upstream's packaging/debian/libwireshark0.symbols (libwireshark17.symbols for
 * the 4.2 ABI), which lists every exported function with the development version that added it:
 * 3.5.x was released as 3.6.0, 3.7.x as 4.0.0, 4.1.x as 4.2.0, 4.3.x as 4.4.0.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_WS_COMPAT_H
#define FT_WS_COMPAT_H

/* The version itself. ws_version.h (WIRESHARK_VERSION_*) arrived in 3.6; 3.4 installs only its
 * config.h, with VERSION_MAJOR and friends. This is the one gate that cannot be a version test. */
#if __has_include(<ws_version.h>)
#include <ws_version.h>
#else
#include <config.h>
#define WIRESHARK_VERSION_MAJOR VERSION_MAJOR
#define WIRESHARK_VERSION_MINOR VERSION_MINOR
#define WIRESHARK_VERSION_MICRO VERSION_MICRO
#endif

#define FT_WS_AT_LEAST(major, minor) \
    (WIRESHARK_VERSION_MAJOR > (major) || \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* CMake refuses other releases at configure time (plugin/cmake/FindWiresharkPlugin.cmake). */
#if !FT_WS_AT_LEAST(3, 4) || FT_WS_AT_LEAST(4, 7)
#error "this plugin builds against Wireshark 3.4 to 4.6 only"
#endif

/* 3.6 added the umbrella header wireshark.h (the C headers the code takes for granted, stdio.h
 * among them through wsutil/wslog.h, GLib, wmem) and moved wmem from epan/wmem/ to
 * wsutil/wmem/: the symbols file re-dates wmem_file_scope() and the other scopes to 3.5.0, when
 * they were split from the allocator that moved. */
#if FT_WS_AT_LEAST(3, 6)
#include <wireshark.h>
#else
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <epan/wmem/wmem.h>
#endif

#include <epan/packet.h>
#include <epan/dissectors/packet-rtp.h>

/* Heuristic dissectors return gboolean up to 4.2 and C99 bool from 4.4: heur_dissector_t became
 * bool with the C99-types conversion of epan (upstream commit 3f1be241, "convert epan to C99
 * types", July 2024, released in 4.4.0; wireshark/wireshark#19116). gcc rejects a function
 * pointer with the other return type. */
#if FT_WS_AT_LEAST(4, 4)
typedef bool ft_heur_result;
#else
typedef gboolean ft_heur_result;
#endif

/* A Boolean preference's storage: prefs_register_bool_preference() takes a gboolean * up to
 * 4.2 and a bool * from 4.4, in the same conversion of epan to C99 types. */
#if FT_WS_AT_LEAST(4, 4)
typedef bool ft_pref_bool;
#else
typedef gboolean ft_pref_bool;
#endif

/* tvb_get_uint8() arrived in 4.4 (4.4's tvbuff.h keeps tvb_get_guint8() as a deprecated inline;
 * libwireshark17.symbols, the 4.2 ABI, exports only tvb_get_guint8), and 4.6 warns on the old
 * name. */
#if !FT_WS_AT_LEAST(4, 4)
#define tvb_get_uint8 tvb_get_guint8
#endif

/* rtp_dyn_payload_insert() gained a channel count in 4.2, with rtp_dyn_payload_insert_full()
 * (symbols file: rtp_dyn_payload_insert_full@Base 4.1.0). */
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

/* 4.0 renamed endpoint_type to conversation_type (ENDPOINT_UDP to CONVERSATION_UDP) for
 * find_conversation() and friends: symbols file, conversation_pt_to_conversation_type@Base
 * 4.0.0-rc2 beside conversation_pt_to_endpoint_type@Base 2.5.0. */
#if !FT_WS_AT_LEAST(4, 0)
#define CONVERSATION_UDP ENDPOINT_UDP
#endif

/* Dissector handles with a description of their own (shown by Decode As) arrived in 4.0: symbols
 * file, create_dissector_handle_with_name_and_description@Base 4.0.0-rc2. Before, a handle takes
 * its description from its protocol. */
#if !FT_WS_AT_LEAST(4, 0)
#define create_dissector_handle_with_name_and_description(dissector, proto, name, description) \
    create_dissector_handle_with_name((dissector), (proto), (name))
#endif

/* p_set_proto_data() (add, or replace what is there) arrived in 4.0: symbols file,
 * p_set_proto_data@Base 3.7.0. */
#if !FT_WS_AT_LEAST(4, 0)
#include <epan/proto_data.h>
static inline void
p_set_proto_data(wmem_allocator_t *scope, packet_info *pinfo, int proto, uint32_t key, void *data)
{
    p_remove_proto_data(scope, pinfo, proto, key);
    p_add_proto_data(scope, pinfo, proto, key, data);
}
#endif

/* tvb_format_text() took a wmem scope from 3.6 on (before, its result was packet-scoped), when
 * the wmem_packet_scope() arguments were taken out of epan's string functions (the 3.5
 * development series; wireshark-dev, July 2021, "wmem_packet_scope() going away"). */
#if !FT_WS_AT_LEAST(3, 6)
#define tvb_format_text(scope, tvb, offset, size) \
    ((void)(scope), tvb_format_text((tvb), (offset), (size)))
#endif

/* 4.0 passes tap listeners' packet functions a flags argument, for its rebuilt Conversations and
 * Endpoints dialogs (ui/qt/models/atap_data_model.cpp, the only user of TL_IGNORE_DISPLAY_FILTER,
 * whose TL_DISPLAY_FILTER_IGNORED is the only flag epan/tap.c passes). A packet function is
 * written with the flags and defined through FT_TAP_PACKET_CB(name), which before 4.0 adds the
 * four-argument function the tap calls. */
#if FT_WS_AT_LEAST(4, 0)
#define FT_TAP_PACKET_CB(name) static tap_packet_status name
#else
#include <epan/tap.h>
typedef unsigned tap_flags_t;
#define FT_TAP_PACKET_CB(name) \
    static tap_packet_status name##_with_flags(void *, packet_info *, epan_dissect_t *, \
                                               const void *, tap_flags_t); \
    static tap_packet_status name(void *tapdata, packet_info *pinfo, epan_dissect_t *edt, \
                                  const void *data) \
    { \
        return name##_with_flags(tapdata, pinfo, edt, data, 0); \
    } \
    static tap_packet_status name##_with_flags
#endif

/* 4.0 split the statistics groups into packet and log ones (for Logray: the symbols file's
 * register_log_conversation_filter@Base 3.7.0), renaming REGISTER_STAT_GROUP_UNSORTED. */
#if !FT_WS_AT_LEAST(4, 0)
#define REGISTER_PACKET_STAT_GROUP_UNSORTED REGISTER_STAT_GROUP_UNSORTED
#endif

/* 4.2 renamed the Telephony menu groups REGISTER_TELEPHONY_GROUP_* (epan/stat_groups.h, where
 * the same rename added the 3GPP_UU group); up to 4.0 the Telephony menu's own group is
 * REGISTER_STAT_GROUP_TELEPHONY. */
#if !FT_WS_AT_LEAST(4, 2)
#define REGISTER_TELEPHONY_GROUP_UNSORTED REGISTER_STAT_GROUP_TELEPHONY
#endif

/* stat_tap_find_table() arrived in 3.6: symbols file, stat_tap_find_table@Base 3.5.0. 3.4 keeps
 * the same GArray of tables in the table UI. */
#if !FT_WS_AT_LEAST(3, 6)
#include <epan/stat_tap_ui.h>
static inline stat_tap_table *
stat_tap_find_table(stat_tap_table_ui *ui, const char *name)
{
    for (unsigned i = 0; ui->tables && i < ui->tables->len; i++) {
        stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, i);
        if (g_strcmp0(table->title, name) == 0)
            return table;
    }
    return NULL;
}
#endif

/* A field's value: field_info holds its fvalue_t from 4.2 by pointer, before in place (the
 * ftypes rework of the 4.1 development series, which also made fvalue_t opaque; 4.2.0 release
 * notes, "the fvalue_t API has changed"). */
#if FT_WS_AT_LEAST(4, 2)
#define ft_finfo_fvalue(fi) ((fi)->value)
#else
#define ft_finfo_fvalue(fi) (&(fi)->value)
#endif

/* A string field's value: fvalue_get_string() arrived in 4.0 (symbols file,
 * fvalue_get_string@Base 3.7.0); before, the one getter fvalue_get() returned a string's bytes. */
static inline const char *
ft_fvalue_string(fvalue_t *fv)
{
#if FT_WS_AT_LEAST(4, 0)
    return fvalue_get_string(fv);
#else
    return (const char *)fvalue_get(fv);
#endif
}

/* An address field's value: 4.2's fvalue_t rework gave FT_IPv4 and FT_IPv6 getters of their
 * own (fvalue_get_ipv4(), whose address is in host order, and fvalue_get_ipv6()); before, an
 * FT_IPv4 value was read as an integer, in network order (ftype-ipv4.c's value_get), and no
 * public getter returned an FT_IPv6 value's bytes. The IPv4 address is returned in network
 * order; the IPv6 one is NULL before 4.2. */
static inline uint32_t
ft_fvalue_ipv4(fvalue_t *fv)
{
#if FT_WS_AT_LEAST(4, 2)
    return g_htonl(fvalue_get_ipv4(fv)->addr);
#else
    return fvalue_get_uinteger(fv);
#endif
}

static inline const uint8_t *
ft_fvalue_ipv6(fvalue_t *fv)
{
#if FT_WS_AT_LEAST(4, 2)
    return fvalue_get_ipv6(fv)->addr.bytes;
#else
    (void)fv;
    return NULL;
#endif
}

#endif /* FT_WS_COMPAT_H */
