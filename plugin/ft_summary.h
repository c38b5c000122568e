/* ft_summary.h - the one-line summaries of an SDP that the calls table shows.
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

#include "ft_sdp.h"

/* "320x240@30 480x368@30": the sizes (and frame rates) of the image sets the first video section
 * offers to send, blank-separated. Written as by snprintf: at most size bytes including the NUL;
 * returns the whole length, so that a call with size 0 measures it. */
size_t ft_sdp_video_sizes(const ft_sdp *sdp, char *out, size_t size);

#endif /* FT_SUMMARY_H */
