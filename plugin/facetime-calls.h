/* facetime-calls.h - the calls and streams tables, "FaceTime Calls" and "FaceTime Streams" in
 * Wireshark's Telephony menu (`tshark -z facetime,calls` and `-z facetime,streams`), fed by the
 * "facetime" tap (facetime-call.h).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_CALLS_H
#define FACETIME_CALLS_H

#include "ws_compat.h"

void register_facetime_calls_tables(void);

#endif /* FACETIME_CALLS_H */
