/* fuzz_datagrams.c - reading and writing fuzz_dissect's inputs (see fuzz_datagrams.h).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fuzz_datagrams.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const uint8_t fuzz_host_addresses[FUZZ_HOST_COUNT][4] = {
    [FUZZ_HOST_CALLER] = { 210, 172, 128, 230 },
    [FUZZ_HOST_CALLEE] = { 203, 0, 113, 47 },
    [FUZZ_HOST_SERVER] = { 198, 51, 100, 20 },
};

const fuzz_endpoint fuzz_endpoints[FUZZ_ENDPOINT_COUNT] = {
    { FUZZ_HOST_CALLER, 16402 },   /* FaceTime's SIP and STUN port, the 5-tuple's media */
    { FUZZ_HOST_CALLEE, 16402 },
    { FUZZ_HOST_SERVER, 3478 },    /* STUN and TURN */
    { FUZZ_HOST_CALLER, 37338 },   /* the offer's media port in the fixtures */
    { FUZZ_HOST_CALLEE, 16386 },   /* the answer's */
    { FUZZ_HOST_CALLER, 5060 },    /* SIP */
    { FUZZ_HOST_CALLEE, 5060 },
    { FUZZ_HOST_SERVER, 5060 },
    { FUZZ_HOST_CALLER, 3478 },
    { FUZZ_HOST_CALLEE, 3478 },
    { FUZZ_HOST_SERVER, 16402 },
    { FUZZ_HOST_CALLER, 37340 },   /* the second call of ft-two-calls.pcap */
    { FUZZ_HOST_CALLEE, 16388 },
    { FUZZ_HOST_SERVER, 49152 },   /* a TURN relay port */
    { FUZZ_HOST_CALLER, 5061 },
    { FUZZ_HOST_CALLEE, 5061 },
};

bool fuzz_next_datagram(const uint8_t **data, size_t *left, fuzz_datagram *out)
{
    if (*left < FUZZ_DATAGRAM_HEADER_LEN)
        return false;
    const uint8_t *p = *data;
    size_t len = (size_t)p[1] << 8 | p[2];
    size_t room = *left - FUZZ_DATAGRAM_HEADER_LEN;
    if (len > room)
        len = room;
    out->from = &fuzz_endpoints[p[0] >> 4];
    out->to = &fuzz_endpoints[p[0] & 0x0f];
    out->payload = p + FUZZ_DATAGRAM_HEADER_LEN;
    out->payload_len = len < FUZZ_DATAGRAM_PAYLOAD_MAX ? len : FUZZ_DATAGRAM_PAYLOAD_MAX;
    *data = p + FUZZ_DATAGRAM_HEADER_LEN + len;
    *left = room - len;
    return true;
}

/* Addresses the fixtures use besides the three hosts, and whose role they play. */
static const struct { uint8_t address[4]; fuzz_host host; } host_aliases[] = {
    { { 192, 168, 1, 23 }, FUZZ_HOST_CALLER },   /* the caller behind NAT */
    { { 203, 0, 113, 88 }, FUZZ_HOST_CALLEE },   /* the second callee */
};

static int host_of(const uint8_t address[4])
{
    for (int h = 0; h < FUZZ_HOST_COUNT; h++)
        if (memcmp(fuzz_host_addresses[h], address, 4) == 0)
            return h;
    for (size_t i = 0; i < sizeof host_aliases / sizeof host_aliases[0]; i++)
        if (memcmp(host_aliases[i].address, address, 4) == 0)
            return (int)host_aliases[i].host;
    return -1;
}

int fuzz_endpoint_of(const uint8_t address[4], uint16_t port)
{
    int host = host_of(address);
    for (int i = 0; i < FUZZ_ENDPOINT_COUNT; i++)
        if ((int)fuzz_endpoints[i].host == host && fuzz_endpoints[i].port == port)
            return i;
    for (int i = 0; i < FUZZ_ENDPOINT_COUNT; i++)
        if (fuzz_endpoints[i].port == port)
            return i;
    return -1;
}

void fuzz_append_datagram(uint8_t **buf, size_t *len, size_t *cap, unsigned from, unsigned to,
                          const uint8_t *payload, size_t payload_len)
{
    if (payload_len > FUZZ_DATAGRAM_PAYLOAD_MAX)
        payload_len = FUZZ_DATAGRAM_PAYLOAD_MAX;
    size_t needed = *len + FUZZ_DATAGRAM_HEADER_LEN + payload_len;
    if (needed > *cap) {
        size_t grown = *cap ? *cap : 4096;
        while (grown < needed)
            grown *= 2;
        uint8_t *bigger = realloc(*buf, grown);
        if (!bigger) {
            fprintf(stderr, "fuzz: out of memory (%zu bytes)\n", grown);
            abort();
        }
        *buf = bigger;
        *cap = grown;
    }
    uint8_t *p = *buf + *len;
    p[0] = (uint8_t)((from & 0x0f) << 4 | (to & 0x0f));
    p[1] = (uint8_t)(payload_len >> 8);
    p[2] = (uint8_t)payload_len;
    if (payload_len)
        memcpy(p + FUZZ_DATAGRAM_HEADER_LEN, payload, payload_len);
    *len = needed;
}
