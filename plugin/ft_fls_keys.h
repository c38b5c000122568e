/* ft_fls_keys.h - the FLS keys FaceTime writes, defined once.
 *
 * a=FLS (and a=X_FLS) carry a list of KEY or KEY:VALUE entries whose meanings Apple never
 * published. Each known key is one line below: its enum name, how it is written, its field name
 * under facetime.sdp.fls, what kind of value it takes and what little is known of it. The parser
 * (ft_sdp_fls.c), the dissector's field registration, the fuzz oracle and so the README's field
 * reference all read this list, so a key added here is added everywhere.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_FLS_KEYS_H
#define FT_FLS_KEYS_H

/* X(ID, written as, field name, kind, description) */
#define FT_FLS_KEYS(X) \
    X(VRA, "VRA", "vra", NUMBER, "FLS VRA (video resolution adaptation, weakly understood)") \
    X(MVRA, "MVRA", "mvra", NUMBER, "FLS MVRA (resolution adaptation, weakly understood)") \
    X(RVRA1, "RVRA1", "rvra1", NUMBER, "FLS RVRA1 (resolution adaptation, weakly understood)") \
    X(RVRA2, "RVRA2", "rvra2", NUMBER, "FLS RVRA2 (resolution adaptation, weakly understood)") \
    X(AS, "AS", "as", NUMBER, "FLS AS (meaning unknown)") \
    X(MS, "MS", "ms", NUMBER, "FLS MS (meaning unknown)") \
    X(LF, "LF", "lf", NUMBER, "FLS LF (\"large frame\" bandwidth mode, medium confidence)") \
    X(CR, "CR", "cr", NUMBER, "FLS CR (visible-rectangle support)") \
    X(LTR, "LTR", "ltr", FLAG, "FLS LTR present (long-term reference pictures)") \
    X(CABAC, "CABAC", "cabac", FLAG, "FLS CABAC present (CABAC entropy coding)") \
    X(PR, "PR", "pr", FLAG, "FLS PR present (picture-in-picture resize)") \
    X(XR, "XR", "xr", FLAG, "FLS XR present (expected remote aspect ratios)") \
    X(AR, "AR", "ar", RATIOS, "FLS AR: the sender's screen aspect ratios (landscape, portrait)")

#endif /* FT_FLS_KEYS_H */
