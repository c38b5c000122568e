/* plugin.c - the entry points Wireshark's plugin loader looks for in facetime.so.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define WS_BUILD_DLL
#include "ws_compat.h"

#include <epan/proto.h>

#include "ft_dissector.h"

#ifndef FACETIME_PLUGIN_VERSION
#error "FACETIME_PLUGIN_VERSION must be defined by the build"
#endif

#define FT_STRINGIFY_(x) #x
#define FT_STRINGIFY(x) FT_STRINGIFY_(x)

/* The loader shows this string in `tshark -G plugins` and Help > About > Plugins: our version and
 * the release we were built for, since a plugin only loads in that major.minor. */
WS_DLL_PUBLIC_DEF const char plugin_version[] =
    FACETIME_PLUGIN_VERSION " (built for Wireshark " FT_STRINGIFY(WIRESHARK_VERSION_MAJOR) "."
    FT_STRINGIFY(WIRESHARK_VERSION_MINOR) "." FT_STRINGIFY(WIRESHARK_VERSION_MICRO) ")";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#if FT_PLUGIN_HAS_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif

void plugin_register(void)
{
    static proto_plugin plugin;

    plugin.register_protoinfo = proto_register_facetime;
    plugin.register_handoff = proto_reg_handoff_facetime;
    proto_register_plugin(&plugin);
}

#if FT_PLUGIN_HAS_DESCRIBE
uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif
