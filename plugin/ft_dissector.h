/* ft_dissector.h - what the plugin entry points call in packet-facetime-sdp.c.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_DISSECTOR_H
#define FT_DISSECTOR_H

void proto_register_facetime(void);
void proto_reg_handoff_facetime(void);

#endif /* FT_DISSECTOR_H */
