/* facetime-calls.h - "FaceTime Calls": one row per call, in Wireshark's Statistics menu and as
 * `tshark -z facetime,calls[,filter]`, fed by the "facetime" tap (facetime-call.h).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_CALLS_H
#define FACETIME_CALLS_H

void register_facetime_calls_table(void);

#endif /* FACETIME_CALLS_H */
