/* count_inflates.c - an LD_PRELOAD library that counts the zlib streams facetime.so opens.
 *
 * Every inflate starts with inflateInit2_() (zlib's inflateInit2 is a macro for it). This
 * library stands in front of zlib's, and each call made from code in a library whose file name
 * ends in "facetime.so" appends one line to the file named by FT_INFLATE_LOG; calls from
 * Wireshark itself (SIP inflating `e: deflate` bodies) are passed on without a word. The tshark
 * tests (test-inflates) read the count to check how often the plugin inflates each body.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

typedef int (*inflate_init2_fn)(z_streamp strm, int window_bits, const char *version,
                                int stream_size);

static int called_from_plugin(const void *caller)
{
    Dl_info info;
    if (!dladdr(caller, &info) || !info.dli_fname)
        return 0;
    size_t len = strlen(info.dli_fname);
    static const char suffix[] = "facetime.so";
    return len >= sizeof suffix - 1 && strcmp(info.dli_fname + len - (sizeof suffix - 1), suffix) == 0;
}

static void log_call(void)
{
    const char *path = getenv("FT_INFLATE_LOG");
    if (!path)
        return;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0)
        return;
    static const char line[] = "inflateInit2\n";
    ssize_t written = write(fd, line, sizeof line - 1);
    (void)written;
    close(fd);
}

int inflateInit2_(z_streamp strm, int window_bits, const char *version, int stream_size);

int inflateInit2_(z_streamp strm, int window_bits, const char *version, int stream_size)
{
    static inflate_init2_fn real;
    if (!real)
        real = (inflate_init2_fn)dlsym(RTLD_NEXT, "inflateInit2_");
    if (called_from_plugin(__builtin_return_address(0)))
        log_call();
    return real ? real(strm, window_bits, version, stream_size) : Z_VERSION_ERROR;
}
