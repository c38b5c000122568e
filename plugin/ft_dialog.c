/* ft_dialog.c - a call as RFC 3261 defines it (see ft_dialog.h).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ft_dialog.h"

#include <string.h>

/* ---- text ----------------------------------------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool ft_sip_method_is(ft_text method, const char *name)
{
    size_t len = strlen(name);
    if (method.len != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (ascii_lower(method.ptr[i]) != ascii_lower(name[i]))
            return false;
    return true;
}

bool ft_sip_parse_cseq(ft_text value, uint64_t *number, ft_text *method)
{
    size_t i = 0, digits = 0;
    uint64_t n = 0;
    while (i < value.len && is_space(value.ptr[i]))
        i++;
    for (; i < value.len && value.ptr[i] >= '0' && value.ptr[i] <= '9'; i++, digits++) {
        unsigned d = (unsigned)(value.ptr[i] - '0');
        if (digits >= 20 || n > (UINT64_MAX - d) / 10)
            return false;
        n = n * 10 + d;
    }
    if (digits == 0)
        return false;
    while (i < value.len && is_space(value.ptr[i]))
        i++;
    size_t end = value.len;
    while (end > i && is_space(value.ptr[end - 1]))
        end--;
    *number = n;
    method->ptr = value.ptr + i;
    method->len = end - i;
    return true;
}

/* Whether a text is a stored one; nothing, or an empty text, is never a name. */
static bool text_is(ft_text t, const char *stored, size_t stored_len)
{
    return stored && stored_len && t.len == stored_len && memcmp(t.ptr, stored, stored_len) == 0;
}

static char *copy_text(const ft_allocator *a, ft_text t)
{
    char *copy = a->alloc(a->ctx, t.len + 1);
    if (copy) {
        if (t.len)
            memcpy(copy, t.ptr, t.len);
        copy[t.len] = '\0';
    }
    return copy;
}

static bool is_request(const ft_sip_summary *m, const char *method)
{
    return m->status == 0 && ft_sip_method_is(m->method, method);
}

/* ---- who is who ------------------------------------------------------------------------------ */

static bool has_caller_tag(const ft_dialog *d, ft_text tag)
{
    return text_is(tag, d->caller_tag, d->caller_tag_len);
}

/* Who sent a message: by the caller's tag, which a request of the caller carries as its From tag
 * and a request of the callee as its To tag (a response copies its request's); by the URIs of the
 * first INVITE when no tag tells. */
static ft_party sender_of(const ft_dialog *d, const ft_sip_summary *m)
{
    bool response = m->status != 0;
    if (d->caller_tag) {
        if (has_caller_tag(d, m->from_tag))
            return response ? FT_CALLEE : FT_CALLER;
        if (has_caller_tag(d, m->to_tag))
            return response ? FT_CALLER : FT_CALLEE;
    }
    ft_text uri = response ? m->to_uri : m->from_uri;
    if (text_is(uri, d->caller_uri, d->caller_uri ? strlen(d->caller_uri) : 0))
        return FT_CALLER;
    if (text_is(uri, d->callee_uri, d->callee_uri ? strlen(d->callee_uri) : 0))
        return FT_CALLEE;
    return FT_PARTY_UNKNOWN;
}

/* The callee's tag in a message: the To tag of what the caller sends and of the responses to
 * it, the From tag of the callee's requests. */
static ft_text callee_tag_of(const ft_sip_summary *m, ft_party sender)
{
    bool to_caller_request = (sender == FT_CALLER) == (m->status == 0);
    return to_caller_request ? m->to_tag : m->from_tag;
}

static size_t find_branch(const ft_dialog *d, ft_text tag)
{
    for (size_t i = 0; i < d->n_branches; i++)
        if (text_is(tag, d->branches[i].tag, d->branches[i].tag_len))
            return i;
    return d->n_branches;
}

/* The callee dialog of this tag, added when it is new; n_branches when it has no tag or memory
 * runs out. */
static size_t branch_of(ft_dialog *d, ft_text tag, const ft_allocator *a, bool *ok)
{
    size_t i = find_branch(d, tag);
    if (i < d->n_branches || tag.len == 0)
        return i;
    ft_branch *grown = ft_array_reserve(a, d->branches, d->n_branches, sizeof *grown);
    char *copy = grown ? copy_text(a, tag) : NULL;
    if (!copy) {
        if (grown)
            d->branches = grown;
        *ok = false;
        return d->n_branches;
    }
    d->branches = grown;
    memset(&d->branches[i], 0, sizeof d->branches[i]);
    d->branches[i].tag = copy;
    d->branches[i].tag_len = tag.len;
    d->n_branches++;
    return i;
}

/* ---- transactions ---------------------------------------------------------------------------- */

static void remember_invite(ft_dialog *d, const ft_sip_summary *m, ft_party sender)
{
    ft_invite_txn *txn = &d->invites[d->n_invites % FT_DIALOG_INVITES_KEPT];
    txn->cseq = m->cseq;
    txn->sender = sender;
    txn->had_body = m->has_body;
    d->n_invites++;
}

/* The INVITE transaction a response or an ACK belongs to: its CSeq, sent by `sender`. */
static const ft_invite_txn *find_invite(const ft_dialog *d, uint64_t cseq, ft_party sender)
{
    size_t kept = d->n_invites < FT_DIALOG_INVITES_KEPT ? d->n_invites : FT_DIALOG_INVITES_KEPT;
    for (size_t back = 1; back <= kept; back++) {
        const ft_invite_txn *txn = &d->invites[(d->n_invites - back) % FT_DIALOG_INVITES_KEPT];
        if (txn->cseq == cseq && (txn->sender == sender || sender == FT_PARTY_UNKNOWN))
            return txn;
    }
    return NULL;
}

static ft_party other_party(ft_party p)
{
    return p == FT_CALLER ? FT_CALLEE : p == FT_CALLEE ? FT_CALLER : FT_PARTY_UNKNOWN;
}

/* A 18x or 2xx body: the answer to an INVITE that offered, the offer when the INVITE had none
 * (a late offer). An INVITE the capture missed offered: FaceTime offers in its INVITEs. */
static ft_body_role role_of_response_body(const ft_dialog *d, const ft_sip_summary *m,
                                          ft_party sender)
{
    const ft_invite_txn *txn = find_invite(d, m->cseq, other_party(sender));
    return txn && !txn->had_body ? FT_BODY_OFFER : FT_BODY_ANSWER;
}

/* An ACK's body answers the late offer of the 2xx it acknowledges. */
static ft_body_role role_of_ack_body(const ft_dialog *d, const ft_sip_summary *m, ft_party sender)
{
    const ft_invite_txn *txn = find_invite(d, m->cseq, sender);
    return txn && !txn->had_body ? FT_BODY_ANSWER : FT_BODY_OUTSIDE;
}

/* ---- retransmissions ------------------------------------------------------------------------- */

/* FNV-1a of a text, ignoring ASCII case where SIP does (methods), not where it does not (tags). */
static uint64_t hash_text(uint64_t h, ft_text t, bool ignore_case)
{
    for (size_t i = 0; i < t.len; i++)
        h = (h ^ (uint8_t)(ignore_case ? ascii_lower(t.ptr[i]) : t.ptr[i])) *
            UINT64_C(1099511628211);
    return (h ^ 0xff) * UINT64_C(1099511628211);          /* ends the text */
}

static uint64_t hash_number(uint64_t h, uint64_t n)
{
    for (int i = 0; i < 8; i++, n >>= 8)
        h = (h ^ (n & 0xff)) * UINT64_C(1099511628211);
    return h;
}

/* What names a message within its call: a request by its method, CSeq and both tags, a response
 * by its status, CSeq (number and method) and both tags. A retransmission is named alike. */
static uint64_t message_name(const ft_sip_summary *m)
{
    uint64_t h = UINT64_C(14695981039346656037);
    h = m->status ? hash_number(h, m->status) : hash_text(h, m->method, true);
    h = hash_number(h, m->has_cseq ? m->cseq : UINT64_MAX);
    h = hash_text(h, m->cseq_method, true);
    h = hash_text(h, m->from_tag, false);
    return hash_text(h, m->to_tag, false);
}

/* Whether the call saw a message of this name a moment ago (among its latest few). */
static bool named_before(const ft_dialog *d, uint64_t name)
{
    size_t kept = d->n_messages < FT_DIALOG_MESSAGES_KEPT ? d->n_messages
                                                          : FT_DIALOG_MESSAGES_KEPT;
    for (size_t i = 0; i < kept; i++)
        if (d->messages[i] == name)
            return true;
    return false;
}

/* Whether the call saw this message a moment ago, and keeps its name if not. */
static bool seen_before(ft_dialog *d, const ft_sip_summary *m)
{
    uint64_t name = message_name(m);
    if (named_before(d, name))
        return true;
    d->messages[d->n_messages++ % FT_DIALOG_MESSAGES_KEPT] = name;
    return false;
}

/* ---- the call -------------------------------------------------------------------------------- */

ft_outcome ft_outcome_of_status(unsigned status)
{
    if (status >= 200 && status < 300)
        return FT_OUTCOME_ANSWERED;
    if (status == 603)
        return FT_OUTCOME_DECLINED;
    if (status == 486 || status == 600)
        return FT_OUTCOME_BUSY;
    if (status == 487)
        return FT_OUTCOME_CANCELLED;
    return FT_OUTCOME_FAILED;
}

/* The final responses after which a caller sends its INVITE again, with a higher CSeq, in the
 * same call: a challenge (401, 407), a refused session timer or expiry (422, 423), glare (491). */
static bool asks_for_retry(unsigned status)
{
    return status == 401 || status == 407 || status == 422 || status == 423 || status == 491;
}

static bool is_out_of_dialog_invite(const ft_sip_summary *m)
{
    return is_request(m, "INVITE") && m->to_tag.len == 0;
}

bool ft_dialog_start(ft_dialog *d, const ft_sip_summary *m, const ft_allocator *a)
{
    memset(d, 0, sizeof *d);
    d->call_id = copy_text(a, m->call_id);
    d->caller_uri = copy_text(a, m->from_uri);
    d->callee_uri = copy_text(a, m->to_uri);
    if (m->from_tag.len) {
        d->caller_tag = copy_text(a, m->from_tag);
        d->caller_tag_len = m->from_tag.len;
    }
    d->call_id_len = m->call_id.len;
    d->outcome = FT_OUTCOME_NO_FINAL;
    if (d->call_id && d->caller_uri && d->callee_uri && (d->caller_tag || !m->from_tag.len))
        return true;
    ft_dialog_free(d, a);
    return false;
}

bool ft_dialog_takes(const ft_dialog *d, const ft_sip_summary *m)
{
    if (!text_is(m->call_id, d->call_id, d->call_id_len))
        return false;
    bool tagged = m->from_tag.len || m->to_tag.len;
    if (d->caller_tag && tagged && !has_caller_tag(d, m->from_tag) &&
        !has_caller_tag(d, m->to_tag))
        return false;
    if (!is_out_of_dialog_invite(m) || !d->ended || m->resend ||
        named_before(d, message_name(m)))
        return true;
    /* An INVITE outside any dialog after the call ended: a retry it asked for, or a new call. */
    return !d->ended_by_bye && asks_for_retry(d->final_status) &&
           (!d->invite_cseq_known || m->cseq > d->invite_cseq);
}

/* The INVITE that starts the call, or its retry after a challenge or glare. */
static void follow_initial_invite(ft_dialog *d, const ft_sip_summary *m, ft_dialog_step *step)
{
    bool retry = d->invite_cseq_known && m->has_cseq && m->cseq != d->invite_cseq;
    if (retry || d->ended) {
        d->outcome = FT_OUTCOME_NO_FINAL;
        d->final_status = 0;
        d->ended = false;
    }
    d->invite_cseq_known = m->has_cseq;
    d->invite_cseq = m->cseq;
    step->starts = true;
}

static bool answers_call_invite(ft_dialog *d, const ft_sip_summary *m)
{
    if (!m->has_cseq)
        return true;
    if (!d->invite_cseq_known) {      /* the capture missed the INVITE: this answers it */
        d->invite_cseq = m->cseq;
        d->invite_cseq_known = true;
    }
    return m->cseq == d->invite_cseq;
}

/* A final response to the call's INVITE. The first 2xx answers the call, whichever branch of a
 * fork sent it, even after another branch failed; a failure after it (another branch's 487)
 * changes nothing, and among failures the first decides. */
static void follow_final_response(ft_dialog *d, const ft_sip_summary *m, ft_dialog_step *step)
{
    ft_outcome outcome = ft_outcome_of_status(m->status);
    if (d->outcome == FT_OUTCOME_ANSWERED ||
        (outcome != FT_OUTCOME_ANSWERED && d->outcome != FT_OUTCOME_NO_FINAL))
        return;
    d->outcome = outcome;
    d->final_status = m->status;
    step->decides = true;
    if (outcome == FT_OUTCOME_ANSWERED) {
        d->kept = step->branch;
        d->ended = false;
        return;
    }
    d->ended = step->ends = true;
}

/* A BYE ends its own dialog. The call ends with the dialog it is; another answered dialog still
 * up (a fork answered twice) becomes the call. */
static void follow_bye(ft_dialog *d, ft_dialog_step *step)
{
    if (step->branch < d->n_branches)
        d->branches[step->branch].ended = true;
    bool kept = d->outcome != FT_OUTCOME_ANSWERED || step->branch == d->n_branches ||
                step->branch == d->kept;
    if (!kept)
        return;
    for (size_t i = 0; d->outcome == FT_OUTCOME_ANSWERED && i < d->n_branches; i++)
        if (d->branches[i].confirmed && !d->branches[i].ended) {
            d->kept = i;
            return;
        }
    if (!d->ended_by_bye) {
        d->ended = d->ended_by_bye = true;
        step->ends = true;
    }
}

static void follow_request(ft_dialog *d, const ft_sip_summary *m, ft_dialog_step *step)
{
    if (is_request(m, "INVITE")) {
        if (m->to_tag.len == 0)
            follow_initial_invite(d, m, step);
        remember_invite(d, m, step->sender);
        step->role = m->has_body ? FT_BODY_OFFER : FT_BODY_OUTSIDE;
    } else if (is_request(m, "ACK")) {
        step->role = m->has_body ? role_of_ack_body(d, m, step->sender) : FT_BODY_OUTSIDE;
    } else if (is_request(m, "BYE")) {
        follow_bye(d, step);
    }
}

static void follow_response(ft_dialog *d, const ft_sip_summary *m, const ft_allocator *a,
                            ft_dialog_step *step, bool *ok)
{
    bool to_invite = !m->has_cseq || ft_sip_method_is(m->cseq_method, "INVITE");
    if (!to_invite || m->status < 100)
        return;
    if (m->has_body && m->status >= 180 && m->status < 300)
        step->role = role_of_response_body(d, m, step->sender);
    if (m->status < 200 || !answers_call_invite(d, m))
        return;
    if (m->status < 300 && step->sender != FT_CALLER) {
        step->branch = branch_of(d, callee_tag_of(m, FT_CALLEE), a, ok);
        if (step->branch < d->n_branches)
            d->branches[step->branch].confirmed = true;
    }
    follow_final_response(d, m, step);
}

bool ft_dialog_follow(ft_dialog *d, const ft_sip_summary *m, const ft_allocator *a,
                      ft_dialog_step *step)
{
    bool ok = true;
    memset(step, 0, sizeof *step);
    step->sender = sender_of(d, m);
    step->role = FT_BODY_OUTSIDE;
    step->branch = step->sender == FT_PARTY_UNKNOWN
        ? d->n_branches : find_branch(d, callee_tag_of(m, step->sender));
    if (seen_before(d, m) || m->resend) {
        step->retransmission = true;
    } else if (m->status == 0) {
        follow_request(d, m, step);
    } else {
        follow_response(d, m, a, step, &ok);
    }
    step->of_kept_branch = step->sender == FT_CALLEE &&
                           (d->outcome != FT_OUTCOME_ANSWERED || step->branch == d->kept);
    return ok;
}

const ft_branch *ft_dialog_kept_branch(const ft_dialog *d)
{
    return d->outcome == FT_OUTCOME_ANSWERED && d->kept < d->n_branches ? &d->branches[d->kept]
                                                                        : NULL;
}

void ft_dialog_free(ft_dialog *d, const ft_allocator *a)
{
    for (size_t i = 0; i < d->n_branches; i++)
        a->free(a->ctx, d->branches[i].tag);
    a->free(a->ctx, d->branches);
    a->free(a->ctx, d->call_id);
    a->free(a->ctx, d->caller_tag);
    a->free(a->ctx, d->caller_uri);
    a->free(a->ctx, d->callee_uri);
    memset(d, 0, sizeof *d);
}
