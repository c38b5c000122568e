/* fuzz_datagrams.h - the input format of fuzz_dissect: a short capture of UDP datagrams between a
 * few fixed endpoints, written by the seed maker and read by the target.
 *
 * An input is up to FUZZ_DATAGRAMS_MAX records, one after the other:
 *
 *   byte 0       endpoints: high nibble the sender, low nibble the receiver, each an index into
 *                fuzz_endpoints[] (16 entries, so every byte means something)
 *   bytes 1-2    payload length, big-endian; a length past the end of the input takes the rest,
 *                and payloads are cut at FUZZ_DATAGRAM_PAYLOAD_MAX (what fits in one IPv4 packet)
 *   bytes 3...   the UDP payload
 *
 * Reading stops after FUZZ_DATAGRAMS_MAX records or when fewer than 3 bytes are left. The hosts
 * are those of the fixture captures (fixtures/README.md): the caller, the callee and the
 * STUN/TURN/SIP server; the ports are FaceTime's (16402, 3478), SIP's (5060, 5061), the fixtures'
 * media ports and a relay port.
 *
 * Plain C, no Wireshark header: the seed maker links it without libwireshark.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_FUZZ_DATAGRAMS_H
#define FT_FUZZ_DATAGRAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FUZZ_DATAGRAMS_MAX 16
#define FUZZ_DATAGRAM_HEADER_LEN 3
/* 65535 bytes of IPv4 packet, less a 20-byte IPv4 header and an 8-byte UDP header. */
#define FUZZ_DATAGRAM_PAYLOAD_MAX (65535 - 20 - 8)
#define FUZZ_ENDPOINT_COUNT 16

typedef enum fuzz_host { FUZZ_HOST_CALLER, FUZZ_HOST_CALLEE, FUZZ_HOST_SERVER, FUZZ_HOST_COUNT }
    fuzz_host;

typedef struct fuzz_endpoint {
    fuzz_host host;
    uint16_t port;
} fuzz_endpoint;

/* IPv4 addresses of the hosts, in network order. */
extern const uint8_t fuzz_host_addresses[FUZZ_HOST_COUNT][4];
extern const fuzz_endpoint fuzz_endpoints[FUZZ_ENDPOINT_COUNT];

typedef struct fuzz_datagram {
    const fuzz_endpoint *from;
    const fuzz_endpoint *to;
    const uint8_t *payload;
    size_t payload_len;
} fuzz_datagram;

/* Reads the next record of [*data, *data + *left) into *out and moves past it; false when no
 * record is left. The caller counts records against FUZZ_DATAGRAMS_MAX. */
bool fuzz_next_datagram(const uint8_t **data, size_t *left, fuzz_datagram *out);

/* The endpoint index of a capture's IPv4 address and port, for the seeds: the same host and
 * port when the table has them (the fixtures' NAT address counts as the caller's, the second
 * callee of ft-two-calls.pcap as the callee's), else the same port on any host, else -1. */
int fuzz_endpoint_of(const uint8_t address[4], uint16_t port);

/* Appends one record to buf (capacity *cap, used *len, grown with realloc; aborts when memory
 * runs out). Payloads longer than FUZZ_DATAGRAM_PAYLOAD_MAX are cut there. */
void fuzz_append_datagram(uint8_t **buf, size_t *len, size_t *cap, unsigned from, unsigned to,
                          const uint8_t *payload, size_t payload_len);

#endif /* FT_FUZZ_DATAGRAMS_H */
