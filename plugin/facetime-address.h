/* facetime-address.h - hosts and sockets as keys of the maps that find a packet's call.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FACETIME_ADDRESS_H
#define FACETIME_ADDRESS_H

#include "ws_compat.h"

#include <epan/address.h>
#include <epan/packet.h>

/* A host: an address, for a wmem_map of address keys. */
static inline unsigned facetime_host_hash(const void *key)
{
    return add_address_to_hash(0, (const address *)key);
}

static inline gboolean facetime_host_equal(const void *a, const void *b)
{
    return addresses_equal((const address *)a, (const address *)b);
}

/* A UDP socket: an address and a port. */
typedef struct facetime_socket {
    address addr;
    uint32_t port;
} facetime_socket;

static inline unsigned facetime_socket_hash(const void *key)
{
    const facetime_socket *s = (const facetime_socket *)key;
    return add_address_to_hash(s->port, &s->addr);
}

static inline gboolean facetime_socket_equal(const void *a, const void *b)
{
    const facetime_socket *x = (const facetime_socket *)a, *y = (const facetime_socket *)b;
    return x->port == y->port && addresses_equal(&x->addr, &y->addr);
}

/* A socket as a lookup key: it shares addr's bytes, so it lives no longer than they do. */
static inline facetime_socket facetime_socket_probe(const address *addr, uint32_t port)
{
    facetime_socket s;
    s.addr = *addr;
    s.port = port;
    return s;
}

/* *to = *from, its address bytes copied into the file scope. */
static inline void facetime_socket_copy(facetime_socket *to, const facetime_socket *from)
{
    copy_address_wmem(wmem_file_scope(), &to->addr, &from->addr);
    to->port = from->port;
}

/* A copy in the file scope, to keep as a key. */
static inline facetime_socket *facetime_socket_keep(const facetime_socket *s)
{
    facetime_socket *kept = wmem_new(wmem_file_scope(), facetime_socket);
    facetime_socket_copy(kept, s);
    return kept;
}

/* map[host] = value, the key copied into the file scope only when it is new. */
static inline void facetime_host_map_set(wmem_map_t *map, const address *host, void *value)
{
    if (wmem_map_contains(map, host)) {
        wmem_map_insert(map, host, value);     /* keeps the stored key */
        return;
    }
    address *kept = wmem_new(wmem_file_scope(), address);
    copy_address_wmem(wmem_file_scope(), kept, host);
    wmem_map_insert(map, kept, value);
}

/* map[socket] = value, likewise. */
static inline void facetime_socket_map_set(wmem_map_t *map, const facetime_socket *socket,
                                           void *value)
{
    if (wmem_map_contains(map, socket)) {
        wmem_map_insert(map, socket, value);
        return;
    }
    wmem_map_insert(map, facetime_socket_keep(socket), value);
}

#endif /* FACETIME_ADDRESS_H */
