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

/* X(ID, written as, field name, kind, description). The kinds (ft_fls_kind) are the forms a key
 * is known to take: NUMBER (KEY:n), NUMBER_OR_BARE (KEY:n or KEY), FLAG (KEY), RATIOS
 * (KEY:w/h,w/h), FLAG_OR_RATIOS (KEY or KEY:w/h,w/h), VERBATIM (seen, form unknown: any is
 * kept as written). Meanings are Apple's and not public; the descriptions say what is known. */
#define FT_FLS_KEYS(X) \
    X(VRA, "VRA", "vra", NUMBER, "FLS VRA (video resolution adaptation, weakly understood)") \
    X(MVRA, "MVRA", "mvra", NUMBER, "FLS MVRA (resolution adaptation, weakly understood)") \
    X(RVRA, "RVRA", "rvra", NUMBER, "FLS RVRA (resolution adaptation, as iChat writes it; " \
                                    "weakly understood)") \
    X(RVRA1, "RVRA1", "rvra1", NUMBER, "FLS RVRA1 (resolution adaptation, weakly understood)") \
    X(RVRA2, "RVRA2", "rvra2", NUMBER, "FLS RVRA2 (resolution adaptation, weakly understood)") \
    X(AS, "AS", "as", NUMBER, "FLS AS (meaning unknown)") \
    X(MS, "MS", "ms", NUMBER, "FLS MS (meaning unknown)") \
    X(LF, "LF", "lf", NUMBER_OR_BARE, "FLS LF (\"large frame\" bandwidth mode, medium " \
                                      "confidence)") \
    X(CR, "CR", "cr", NUMBER_OR_BARE, "FLS CR (visible-rectangle support)") \
    X(LTR, "LTR", "ltr", FLAG, "FLS LTR present (long-term reference pictures)") \
    X(CABAC, "CABAC", "cabac", FLAG, "FLS CABAC present (CABAC entropy coding)") \
    X(PR, "PR", "pr", FLAG, "FLS PR present (picture-in-picture resize)") \
    X(XR, "XR", "xr", FLAG_OR_RATIOS, "FLS XR present (expected remote aspect ratios)") \
    X(AR, "AR", "ar", RATIOS, "FLS AR: the sender's screen aspect ratios (landscape, portrait)") \
    X(CH1, "CH1", "ch1", NUMBER, "FLS CH1 (meaning unknown)") \
    X(CH, "CH", "ch", NUMBER, "FLS CH (meaning unknown)") \
    X(FA, "FA", "fa", NUMBER, "FLS FA (meaning unknown)") \
    X(UEP, "UEP", "uep", VERBATIM, "FLS UEP (unequal error protection), as written") \
    X(SW, "SW", "sw", VERBATIM, "FLS SW (meaning unknown), as written") \
    X(VRAE, "VRAE", "vrae", VERBATIM, "FLS VRAE (meaning unknown), as written") \
    X(POS, "POS", "pos", VERBATIM, "FLS POS (meaning unknown), as written") \
    X(POSE, "POSE", "pose", VERBATIM, "FLS POSE (meaning unknown), as written") \
    X(EOD, "EOD", "eod", VERBATIM, "FLS EOD (meaning unknown), as written") \
    X(HTS, "HTS", "hts", VERBATIM, "FLS HTS (meaning unknown), as written") \
    X(RR, "RR", "rr", VERBATIM, "FLS RR (meaning unknown), as written")

#endif /* FT_FLS_KEYS_H */
