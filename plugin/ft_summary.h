/* ft_summary.h - the one-line summaries the plugin shows: of an SDP and of a SIP URI for the
 * calls tables, and of sizes for the FaceTime item.
 *
 * Written here, in plain C, rather than with printf in the table: they are made once per SDP
 * body, on the path every call setup takes, and are unit-tested and fuzzed with the parser.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_SUMMARY_H
#define FT_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "ft_sdp.h"

/* The video an SDP offers to send: for each video section, "rejected" when its port is 0, else
 * for each of its imageattr lines the payload type and the sizes (and frame rates) of the sets
 * it sends, Wi-Fi's first, then the cellular ones (i=1): "126: 320x240@30 640x480@30, cellular
 * 320x240@15". A size may be a range, "[320:16:640]x[240:16:480]". Parts are separated by "; ".
 * Written as by snprintf: at most size bytes including the NUL; returns the whole length, so
 * that a call with size 0 measures it. */
size_t ft_sdp_video_offer(const ft_sdp *sdp, char *out, size_t size);

/* A size as a reader takes it in: "790 bytes", "64 KiB", "40 MiB", "1.5 GiB" (IEC units, one
 * decimal where the unit does not divide it, "KiB" from 1024 bytes on). As snprintf. */
size_t ft_format_size(uint64_t bytes, char *out, size_t size);

/* A SIP URI as a table row shows it: "user@210.172.128.230" for
 * "sip:user@210.172.128.230:16402;transport=udp", without the scheme (sip: or sips:), the port,
 * the parameters or headers, or angle brackets; "[2001:db8::1]" keeps its brackets. NULL reads as
 * "". As snprintf. */
size_t ft_compact_uri(const char *uri, char *out, size_t size);

#endif /* FT_SUMMARY_H */
