/* make_seeds.c - writes the seed corpus of the fuzz targets as files, for libFuzzer.
 *
 * Usage: make_seeds FIXTURES_DIR OUTPUT_DIR [TARGET...]
 * Writes OUTPUT_DIR/<target>/<seed name> for each target (all of them by default); the folders
 * must exist. Prints how many seeds each target got.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_files.h"
#include "fuzz_seeds.h"

typedef struct seed_writer {
    const char *dir;
    size_t written;
    bool failed;
} seed_writer;

static void write_seed(void *ctx, const char *name, const uint8_t *data, size_t len)
{
    seed_writer *writer = ctx;
    char *path = fuzz_join_path(writer->dir, name);
    if (fuzz_write_file(path, data, len))
        writer->written++;
    else
        writer->failed = true;
    free(path);
}

static bool make_target_seeds(const char *fixtures_dir, const char *output_dir, const char *target)
{
    char *dir = fuzz_join_path(output_dir, target);
    seed_writer writer = { dir, 0, false };
    bool ok = fuzz_emit_seeds(target, fixtures_dir, write_seed, &writer) && !writer.failed;
    if (ok)
        printf("%s: %zu seeds in %s\n", target, writer.written, dir);
    free(dir);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FIXTURES_DIR OUTPUT_DIR [TARGET...]\n", argv[0]);
        return 2;
    }
    bool ok = true;
    if (argc == 3) {
        for (size_t i = 0; i < fuzz_target_count; i++)
            ok = make_target_seeds(argv[1], argv[2], fuzz_target_names[i]) && ok;
    } else {
        for (int i = 3; i < argc; i++)
            ok = make_target_seeds(argv[1], argv[2], argv[i]) && ok;
    }
    return ok ? 0 : 1;
}
