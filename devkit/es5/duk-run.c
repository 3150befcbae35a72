/*
 * duk-run: evaluates JS files in order in one Duktape heap (an ES5.1 engine) and prints one JSON line
 * with what they printed and how many heap bytes they took. Built at test time by devkit/es5/duktape.ts.
 *
 *   duk-run [--limit BYTES] setup.js app.js
 *   {"ok":true,"baseline":B,"files":[{"file":"setup.js","peak":P,"afterGc":G},...],"peak":P,"afterGc":G,
 *    "output":["line",...]}                        ("ok":false adds "error": the failing file's stack trace)
 *
 * Bytes are what Duktape asked its allocator for, counted by the functions below (no malloc overhead).
 * baseline: the heap after creation and an empty script, collected: the engine alone. A file's peak is
 * the most held at once while it ran (counting from what was held before it); afterGc is what it left
 * held once garbage was collected. "peak" and "afterGc" at the top are the run's.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "duktape.h"

/* Every block carries its size in a header, so free and realloc know how much to take off. */
typedef union {
    size_t size;
    max_align_t align;
} header;

static size_t current = 0;
static size_t peak = 0;
/* --limit: the most the heap may hold, as on a watch; 0 for no limit. An allocation past it fails, and
 * Duktape then collects garbage and tries again before it gives up with an out-of-memory error. */
static size_t limit = 0;

static int over_limit(size_t add, size_t remove) {
    return limit != 0 && current + add - remove > limit;
}

static void count(size_t add, size_t remove) {
    current = current + add - remove;
    if (current > peak) peak = current;
}

static void *track_alloc(void *udata, duk_size_t size) {
    (void) udata;
    if (size == 0 || over_limit(size, 0)) return NULL;
    header *h = malloc(sizeof(header) + size);
    if (!h) return NULL;
    h->size = size;
    count(size, 0);
    return h + 1;
}

static void track_free(void *udata, void *ptr) {
    (void) udata;
    if (!ptr) return;
    header *h = (header *) ptr - 1;
    count(0, h->size);
    free(h);
}

static void *track_realloc(void *udata, void *ptr, duk_size_t size) {
    if (!ptr) return track_alloc(udata, size);
    if (size == 0) {
        track_free(udata, ptr);
        return NULL;
    }
    header *h = (header *) ptr - 1;
    size_t old = h->size;
    if (over_limit(size, old)) return NULL;
    header *moved = realloc(h, sizeof(header) + size);
    if (!moved) return NULL;
    moved->size = size;
    count(size, old);
    return moved + 1;
}

/* What the scripts printed, kept outside the measured heap. */
static char **lines = NULL;
static size_t line_count = 0;

static void keep_line(const char *text) {
    lines = realloc(lines, (line_count + 1) * sizeof(char *));
    lines[line_count++] = strdup(text);
}

static duk_ret_t print(duk_context *ctx) {
    duk_push_string(ctx, " ");
    duk_insert(ctx, 0);
    duk_join(ctx, duk_get_top(ctx) - 1);
    keep_line(duk_safe_to_string(ctx, -1));
    return 0;
}

static void json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char) *s;
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c == '\n') fputs("\\n", stdout);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

typedef struct {
    const char *file;
    size_t peak;
    size_t after_gc;
} measure;

static size_t baseline = 0;
static measure *measures = NULL;
static size_t measured = 0;

static void report(int ok, const char *error) {
    size_t run_peak = baseline;
    for (size_t i = 0; i < measured; i++)
        if (measures[i].peak > run_peak) run_peak = measures[i].peak;
    printf("{\"ok\":%s,", ok ? "true" : "false");
    if (error) {
        fputs("\"error\":", stdout);
        json_string(error);
        putchar(',');
    }
    printf("\"baseline\":%zu,\"files\":[", baseline);
    for (size_t i = 0; i < measured; i++) {
        printf("%s{\"file\":", i ? "," : "");
        json_string(measures[i].file);
        printf(",\"peak\":%zu,\"afterGc\":%zu}", measures[i].peak, measures[i].after_gc);
    }
    printf("],\"peak\":%zu,\"afterGc\":%zu,\"output\":[", run_peak, measured ? measures[measured - 1].after_gc : baseline);
    for (size_t i = 0; i < line_count; i++) {
        if (i) putchar(',');
        json_string(lines[i]);
    }
    puts("]}");
    fflush(stdout);
}

static void fatal(void *udata, const char *msg) {
    (void) udata;
    char text[512];
    snprintf(text, sizeof text, "Duktape fatal error: %s", msg ? msg : "(no message)");
    report(0, text);
    exit(2);
}

static char *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buffer = malloc(size > 0 ? (size_t) size : 1);
    *length = fread(buffer, 1, (size_t) size, f);
    fclose(f);
    return buffer;
}

/* Collects garbage twice: the second pass frees what finalizers of the first released. */
static void collect(duk_context *ctx) {
    duk_gc(ctx, 0);
    duk_gc(ctx, 0);
}

int main(int argc, char **argv) {
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--limit") == 0) {
        first = 3;
        limit = strtoul(argv[2], NULL, 10);
    }
    size_t wanted_limit = limit;
    limit = 0; /* the engine itself is always created */
    duk_context *ctx = duk_create_heap(track_alloc, track_realloc, track_free, NULL, fatal);
    if (!ctx) {
        report(0, "could not create a Duktape heap");
        return 2;
    }
    duk_peval_string_noresult(ctx, "");
    collect(ctx);
    baseline = current;
    limit = wanted_limit;

    duk_push_c_function(ctx, print, DUK_VARARGS);
    duk_put_global_string(ctx, "print");

    measures = calloc((size_t) argc, sizeof(measure));
    for (int i = first; i < argc; i++) {
        const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        size_t length = 0;
        char *source = read_file(argv[i], &length);
        if (!source) {
            report(0, "cannot read a file given to duk-run");
            return 2;
        }
        measure *m = &measures[measured++];
        m->file = name;
        peak = current;
        /* Compiled from a C buffer: the source text itself never enters the measured heap. */
        duk_push_string(ctx, name);
        int failed = duk_pcompile_lstring_filename(ctx, 0, source, length) != 0 || duk_pcall(ctx, 0) != 0;
        free(source);
        m->peak = peak;
        if (failed) {
            char *error = strdup(duk_safe_to_stacktrace(ctx, -1));
            duk_pop(ctx);
            collect(ctx);
            m->after_gc = current;
            report(0, error);
            return 1;
        }
        duk_pop(ctx);
        collect(ctx);
        m->after_gc = current;
    }
    report(1, NULL);
    duk_destroy_heap(ctx);
    return 0;
}
