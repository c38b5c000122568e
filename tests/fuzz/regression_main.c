/* regression_main.c - runs one fuzz target's LLVMFuzzerTestOneInput, without libFuzzer, on its
 * seed corpus and on every saved input, so that each becomes a test (see CMakeLists.txt).
 *
 * Usage: fuzz_regress_<target> FIXTURES_DIR [--regressions DIR] [PATH...]
 *   FIXTURES_DIR      the fixture captures the seeds are made from (fuzz_seeds.h)
 *   --regressions DIR every file of DIR; a DIR that does not exist holds no inputs (git does not
 *                     keep empty folders)
 *   PATH...           more inputs: files, or folders whose every file is one (a libFuzzer corpus)
 * An input that breaks an invariant aborts, naming the input; otherwise the last line says how
 * many inputs passed.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_files.h"
#include "fuzz_seeds.h"
#include "fuzz_support.h"

#ifndef FUZZ_TARGET_NAME
#error "FUZZ_TARGET_NAME must name the target (\"fuzz_sdp\", ...)"
#endif

typedef struct run_counts {
    size_t seeds;
    size_t saved;
} run_counts;

/* Runs one input from a buffer of exactly its size, so that a sanitizer sees any over-read. */
static void run_input(const char *name, const uint8_t *data, size_t len)
{
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) {
        fprintf(stderr, "fuzz: out of memory for %s\n", name);
        abort();
    }
    if (len)
        memcpy(copy, data, len);
    fuzz_current_input = name;
    LLVMFuzzerTestOneInput(copy, len);
    fuzz_current_input = NULL;
    free(copy);
}

static void run_seed(void *ctx, const char *name, const uint8_t *data, size_t len)
{
    run_counts *counts = ctx;
    char *label = fuzz_format("seed %s", name);
    run_input(label, data, len);
    free(label);
    counts->seeds++;
}

static bool run_file(const char *path, run_counts *counts)
{
    uint8_t *data;
    size_t len;
    if (!fuzz_read_file(path, &data, &len))
        return false;
    run_input(path, data, len);
    free(data);
    counts->saved++;
    return true;
}

static bool run_folder(const char *dir, run_counts *counts)
{
    char **names;
    size_t count;
    if (!fuzz_list_files(dir, NULL, &names, &count))
        return false;
    bool ok = true;
    for (size_t i = 0; i < count && ok; i++) {
        char *path = fuzz_join_path(dir, names[i]);
        ok = run_file(path, counts);
        free(path);
    }
    fuzz_free_names(names, count);
    return ok;
}

static bool run_path(const char *path, bool may_be_missing, run_counts *counts)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (may_be_missing && errno == ENOENT)
            return true;
        fprintf(stderr, "fuzz: %s: %s\n", path, strerror(errno));
        return false;
    }
    return S_ISDIR(st.st_mode) ? run_folder(path, counts) : run_file(path, counts);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FIXTURES_DIR [--regressions DIR] [PATH...]\n", argv[0]);
        return 2;
    }
    run_counts counts = { 0, 0 };
    bool ok = fuzz_emit_seeds(FUZZ_TARGET_NAME, argv[1], run_seed, &counts);
    for (int i = 2; i < argc && ok; i++) {
        bool regressions = strcmp(argv[i], "--regressions") == 0;
        if (regressions && ++i == argc) {
            fprintf(stderr, "fuzz: --regressions needs a folder\n");
            return 2;
        }
        ok = run_path(argv[i], regressions, &counts);
    }
    if (!ok)
        return 1;
    if (counts.seeds == 0) {
        fprintf(stderr, "fuzz: %s: no seeds were made; is %s the fixtures folder?\n",
                FUZZ_TARGET_NAME, argv[1]);
        return 1;
    }
    printf("%s: %zu inputs passed (%zu seeds, %zu saved inputs)\n", FUZZ_TARGET_NAME,
           counts.seeds + counts.saved, counts.seeds, counts.saved);
    return 0;
}
