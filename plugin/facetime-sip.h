/* facetime-sip.h - the SIP messages of a frame, as Wireshark's SIP dissector shows them.
 *
 * The call model follows every SIP message, on any transport SIP is dissected on, from the
 * fields SIP fills in: the plugin's postdissector declares them with
 * set_postdissector_wanted_hfids(), so that SIP adds them to every tree, shown or not. Each SIP
 * message is one "sip" protocol item at the top of the tree; its fields are the first of each
 * kind in its subtree, outside its body. A body's message is read while SIP dissects the body
 * (SIP has filled its header fields in by then), every other message in the postdissector.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_SIP_H
#define FACETIME_SIP_H

#include "ws_compat.h"

#include <epan/packet.h>

#include "ft_dialog.h"

/* One SIP message of the frame. The summary's texts are SIP's field values, packet scope. */
typedef struct facetime_sip_message {
    ft_sip_summary summary;
    const field_info *body;       /* its sip.msg_body item, NULL when it has none */
} facetime_sip_message;

/* Whether SIP dissected anything in this frame: one look at its layers. */
bool facetime_frame_has_sip(packet_info *pinfo);

/* The SIP messages of the frame, in order, in *messages (packet scope); their number. Messages
 * without a Call-ID are left out: no dialog can take them. */
unsigned facetime_sip_messages(proto_tree *tree, packet_info *pinfo,
                               facetime_sip_message **messages);

/* The SIP message a body dissector is handed a body of: SIP fills the message's header fields in
 * before it hands the body on, under the same "sip" item as the body's sip.msg_body item
 * (body_tree). False when the body is not SIP's, or its message has no Call-ID. */
bool facetime_sip_message_of_body(proto_tree *body_tree, packet_info *pinfo,
                                  facetime_sip_message *message);

/* The fields the postdissector needs SIP to fill in (for set_postdissector_wanted_hfids()). */
GArray *facetime_sip_wanted_fields(void);

void handoff_facetime_sip(void);

#endif /* FACETIME_SIP_H */
