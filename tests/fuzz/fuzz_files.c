/* fuzz_files.c - whole files and folder listings for the seed maker and the regression driver.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _POSIX_C_SOURCE 200809L

#include "fuzz_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void *checked_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        fprintf(stderr, "fuzz: out of memory (%zu bytes)\n", size);
        abort();
    }
    return p;
}

bool fuzz_read_file(const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "fuzz: cannot open %s: %s\n", path, strerror(errno));
        return false;
    }
    /* Grow as we read: the size is not trusted (the file may change, or be a pipe). */
    size_t capacity = 4096, used = 0;
    uint8_t *buffer = checked_malloc(capacity);
    for (;;) {
        if (used == capacity) {
            capacity *= 2;
            uint8_t *grown = realloc(buffer, capacity);
            if (!grown) {
                fprintf(stderr, "fuzz: out of memory reading %s\n", path);
                abort();
            }
            buffer = grown;
        }
        size_t got = fread(buffer + used, 1, capacity - used, f);
        used += got;
        if (got == 0)
            break;
    }
    bool ok = !ferror(f);
    if (!ok)
        fprintf(stderr, "fuzz: cannot read %s: %s\n", path, strerror(errno));
    fclose(f);
    if (!ok) {
        free(buffer);
        return false;
    }
    *data = buffer;
    *len = used;
    return true;
}

bool fuzz_write_file(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "fuzz: cannot create %s: %s\n", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (!ok)
        fprintf(stderr, "fuzz: cannot write %s\n", path);
    return ok;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n >= m && strcmp(name + n - m, suffix) == 0;
}

static bool is_regular_file(const char *dir, const char *name)
{
    char *path = fuzz_join_path(dir, name);
    struct stat st;
    bool regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(path);
    return regular;
}

bool fuzz_list_files(const char *dir, const char *suffix, char ***names, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "fuzz: cannot list %s: %s\n", dir, strerror(errno));
        return false;
    }
    char **list = NULL;
    size_t n = 0, capacity = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] == '.' || (suffix && !ends_with(name, suffix)) || !is_regular_file(dir, name))
            continue;
        if (n == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            char **grown = realloc(list, capacity * sizeof *list);
            if (!grown) {
                fprintf(stderr, "fuzz: out of memory listing %s\n", dir);
                abort();
            }
            list = grown;
        }
        list[n] = checked_malloc(strlen(name) + 1);
        strcpy(list[n], name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(list, n, sizeof *list, compare_names);
    *names = list;
    *count = n;
    return true;
}

void fuzz_free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

char *fuzz_join_path(const char *dir, const char *name)
{
    return fuzz_format("%s/%s", dir, name);
}

char *fuzz_format(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int needed = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (needed < 0) {
        fprintf(stderr, "fuzz: bad format %s\n", format);
        abort();
    }
    char *text = checked_malloc((size_t)needed + 1);
    va_start(args, format);
    vsnprintf(text, (size_t)needed + 1, format, args);
    va_end(args);
    return text;
}
