/* fuzz_files.h - reading whole files and listing folders, for the seed maker and the
 * regression driver (not linked into the fuzz targets themselves).
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FT_FUZZ_FILES_H
#define FT_FUZZ_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads the whole file into a malloc'ed buffer (never NULL, even for an empty file). Returns
 * false, after printing why, when it cannot. */
bool fuzz_read_file(const char *path, uint8_t **data, size_t *len);

/* Writes data to path, replacing it. Returns false, after printing why, when it cannot. */
bool fuzz_write_file(const char *path, const uint8_t *data, size_t len);

/* The names of the regular files in dir whose names do not start with '.' (and, when suffix is
 * not NULL, end with it), sorted bytewise: a malloc'ed array of malloc'ed strings, to release
 * with fuzz_free_names(). Returns false, after printing why, when dir cannot be read. */
bool fuzz_list_files(const char *dir, const char *suffix, char ***names, size_t *count);

void fuzz_free_names(char **names, size_t count);

/* dir + "/" + name, malloc'ed. */
char *fuzz_join_path(const char *dir, const char *name);

/* printf into a malloc'ed string. */
char *fuzz_format(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif /* FT_FUZZ_FILES_H */
