/* fuzz_seeds.h - the seed inputs of the fuzz targets, made from the fixture captures.
 *
 * Every SIP message with a body in the captures of fixtures/ and fixtures/foreign/ gives seeds: its
 * body as on the wire (zlib, raw deflate, gzip, plain, truncated, corrupt, bomb) for
 * fuzz_inflate, the inflated SDP for fuzz_sdp, and the whole frame with the inflated body for
 * fuzz_body; and every capture gives fuzz_dissect its UDP datagrams (fuzz_datagrams.h): the first
 * sixteen, and a digest (everything but RTP, and the first RTP packet of each SSRC). Variants
 * made at run time add what the captures lack: other deflate strategies, gzip header fields,
 * preset dictionaries, bad checksums, other line ends, a few lines of each attribute the SDP
 * parser knows, and a call whose media goes through a TURN relay.
 *
 * make_seeds writes them as files for libFuzzer; regression_main runs them directly.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_FUZZ_SEEDS_H
#define FT_FUZZ_SEEDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fuzz targets, by the names of their sources: "fuzz_inflate", "fuzz_sdp", "fuzz_body",
 * "fuzz_dissect". */
extern const char *const fuzz_target_names[];
extern const size_t fuzz_target_count;

/* Receives one seed; `name` says where it came from and is unique within a target. */
typedef void (*fuzz_seed_sink)(void *ctx, const char *name, const uint8_t *data, size_t len);

/* Calls sink once per distinct seed of `target`, made from the captures in fixtures_dir.
 * Returns false, after printing why, when the target is unknown or a capture cannot be read. */
bool fuzz_emit_seeds(const char *target, const char *fixtures_dir, fuzz_seed_sink sink,
                     void *ctx);

#endif /* FT_FUZZ_SEEDS_H */
