/* ft_dialog.h - a call as RFC 3261 defines it: which SIP messages are the call's, what each does
 * to it, and what a body in it is.
 *
 * A call is the dialogs that one INVITE starts: its Call-ID and the caller's From tag name it,
 * each callee device that answers adds a dialog of its own To tag (a fork), and the call is the
 * dialog that was answered and kept. Messages are matched to a call by the full Call-ID and the
 * caller's tag, which every message of the call carries (as its From tag, or as its To tag when
 * the callee sends the request). A transaction's outcome comes from its own final response,
 * found by CSeq number and method; an INVITE retried after 401, 407, 422, 423 or 491 stays the
 * same call; a Call-ID used again after its call ended starts a new call.
 *
 * Plain C with no Wireshark header: the glue hands in what SIP's dissector shows of each message
 * (ft_sip_summary) and keeps the calls in its own maps.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_DIALOG_H
#define FT_DIALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ft_alloc.h"

/* Bytes that belong to someone else (SIP's field values); not NUL-terminated. */
typedef struct ft_text {
    const char *ptr;
    size_t len;
} ft_text;

typedef enum ft_party { FT_CALLER, FT_CALLEE, FT_PARTY_UNKNOWN } ft_party;

typedef enum ft_outcome {
    FT_OUTCOME_NO_FINAL,          /* no final response to the INVITE seen (yet) */
    FT_OUTCOME_ANSWERED,          /* 2xx */
    FT_OUTCOME_DECLINED,          /* 603 */
    FT_OUTCOME_BUSY,              /* 486, 600 */
    FT_OUTCOME_CANCELLED,         /* 487 after a CANCEL */
    FT_OUTCOME_FAILED             /* any other final response of 300 or more */
} ft_outcome;

/* What a body is to its call. */
typedef enum ft_body_role {
    FT_BODY_OUTSIDE,              /* not of an offer/answer exchange: a MESSAGE's, a resend */
    FT_BODY_OFFER,
    FT_BODY_ANSWER
} ft_body_role;

/* What SIP's dissector shows of one message. Empty texts are absent headers. */
typedef struct ft_sip_summary {
    ft_text method;               /* a request's method; empty for a response */
    unsigned status;              /* a response's status code; 0 for a request */
    ft_text call_id;              /* the whole Call-ID */
    ft_text from_uri, to_uri;
    ft_text from_tag, to_tag;
    bool has_cseq;
    uint64_t cseq;
    ft_text cseq_method;
    bool resend;                  /* SIP's own verdict: a retransmission of an earlier message
                                   * (SIP gives it after the body: a body's message may not
                                   * have it, and the dialog tells a retransmission itself) */
    bool has_body;                /* carries an SDP body */
} ft_sip_summary;

/* Reads "CSeq: <number> <method>" as written ("4294967298 invite" too): false when the value
 * does not start with a number of at most 20 digits that fits 64 bits. */
bool ft_sip_parse_cseq(ft_text value, uint64_t *number, ft_text *method);

/* Whether a method (of a request line or a CSeq) is `name`, compared as SIP's dissector matches
 * its known methods: ignoring ASCII case. */
bool ft_sip_method_is(ft_text method, const char *name);

/* One dialog of the call: the callee device that answered with this To tag. */
typedef struct ft_branch {
    char *tag;
    size_t tag_len;
    bool confirmed;               /* a 2xx to the INVITE came from it */
    bool ended;                   /* a BYE ended it */
} ft_branch;

/* An INVITE transaction of the call, kept to tell what its responses' and its ACK's bodies are. */
typedef struct ft_invite_txn {
    uint64_t cseq;
    ft_party sender;
    bool had_body;
} ft_invite_txn;

#define FT_DIALOG_INVITES_KEPT 8  /* the latest INVITE transactions, re-INVITEs included */
#define FT_DIALOG_MESSAGES_KEPT 16    /* the latest messages, to tell a retransmission */

typedef struct ft_dialog {
    char *call_id;
    size_t call_id_len;
    char *caller_tag;             /* NULL when the capture missed the INVITE and nothing says */
    size_t caller_tag_len;
    char *caller_uri, *callee_uri;    /* NUL-terminated copies */
    bool invite_cseq_known;       /* from it, or from the first response to an INVITE */
    uint64_t invite_cseq;         /* the call's INVITE transaction: the latest retry's */
    ft_outcome outcome;
    unsigned final_status;
    bool ended;                   /* by a final failure, or by a BYE of its kept dialog */
    bool ended_by_bye;
    ft_branch *branches;
    size_t n_branches;
    size_t kept;                  /* the answered dialog the call is, when outcome is ANSWERED */
    ft_invite_txn invites[FT_DIALOG_INVITES_KEPT];
    size_t n_invites;             /* ever seen; the latest FT_DIALOG_INVITES_KEPT are kept */
    uint64_t messages[FT_DIALOG_MESSAGES_KEPT];   /* what names each: see ft_dialog.c */
    size_t n_messages;
} ft_dialog;

/* What one message did to its call. */
typedef struct ft_dialog_step {
    ft_party sender;
    ft_body_role role;            /* what its body is, if it carries one */
    bool retransmission;          /* a message seen before (same request or response of the same
                                   * transaction and dialog): changes nothing */
    bool starts;                  /* the INVITE that starts the call, or a retry of it */
    bool decides;                 /* the final response that gave the call its outcome */
    bool ends;                    /* the message that ended the call */
    bool of_kept_branch;          /* a callee message of the dialog the call is (or of no fork) */
    size_t branch;                /* the callee dialog it belongs to; n_branches when none */
} ft_dialog_step;

/* Starts a call for a message of a Call-ID no call of which takes it (ft_dialog_takes): from an
 * INVITE, its From and To; from anything else (a capture that missed the INVITE), what the
 * message says. False when memory runs out (the dialog is then empty and must not be used). */
bool ft_dialog_start(ft_dialog *d, const ft_sip_summary *m, const ft_allocator *a);

/* Whether a message belongs to this call: the same Call-ID and the caller's tag, unless it is an
 * INVITE outside any dialog that starts a new call (the call ended and this is not a retry). */
bool ft_dialog_takes(const ft_dialog *d, const ft_sip_summary *m);

/* Carries the call on with a message it takes. False when memory runs out (the step is still
 * filled in; a new branch is then not kept). */
bool ft_dialog_follow(ft_dialog *d, const ft_sip_summary *m, const ft_allocator *a,
                      ft_dialog_step *step);

/* The callee dialog the call is: the answered one that was not hung up; NULL when unanswered. */
const ft_branch *ft_dialog_kept_branch(const ft_dialog *d);

/* The outcome a final response's status gives an INVITE. */
ft_outcome ft_outcome_of_status(unsigned status);

void ft_dialog_free(ft_dialog *d, const ft_allocator *a);

#endif /* FT_DIALOG_H */
