/*
 * cli/main.c — the `reclaim` command.
 *
 * Until the interpreter lands (lang/), the command runs the seeds' experiment
 * in C (`reclaim --demo`): the equivalent of
 *     a = list(range(1000*10000)); del a; gc.collect()
 * made of 10 million 32-byte blocks and one pointer array, printing the
 * process's resident memory at each step.  It uses only the public API.
 */
#include <reclaim.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: reclaim --demo [BLOCKS]   allocate BLOCKS small blocks (default 10000000),\n"
            "                                 free them, trim, and print RSS at each step\n"
            "       reclaim --help | --version\n"
            "\n"
            "Running Python-subset scripts (reclaim SCRIPT.py) needs the interpreter,\n"
            "which is not part of this build yet.\n");
}

static void show(const char *step, rc_heap *h)
{
    rc_stats s;
    rc_heap_stats(h, &s);
    printf("%-34s process RSS %8.1f MiB   heap in use %8.1f MiB   heap resident %8.1f MiB\n",
           step, rc_process_rss() / 1048576.0, s.bytes_in_use / 1048576.0,
           s.bytes_resident / 1048576.0);
}

static int demo(size_t blocks)
{
    rc_heap *h = rc_heap_new(NULL);
    if (!h) {
        fprintf(stderr, "reclaim: cannot create a heap\n");
        return 1;
    }
    show("start", h);
    void **a = rc_malloc(h, blocks * sizeof *a);
    if (!a) {
        fprintf(stderr, "reclaim: %s\n", rc_error_message(h));
        rc_heap_free(h);
        return 1;
    }
    for (size_t i = 0; i < blocks; i++) {
        a[i] = rc_malloc(h, 32);     /* an int object is 32 bytes in CPython */
        if (!a[i]) {
            fprintf(stderr, "reclaim: block %zu: %s\n", i, rc_error_message(h));
            blocks = i;
            break;
        }
        memcpy(a[i], &i, sizeof i);
    }
    char label[64];
    snprintf(label, sizeof label, "a = %zu blocks of 32 B", blocks);
    show(label, h);
    for (size_t i = 0; i < blocks; i++)
        rc_free(h, a[i]);
    rc_free(h, a);
    show("del a (blocks freed)", h);
    size_t back = rc_heap_trim(h);
    show("gc.collect() (rc_heap_trim)", h);
    printf("trim gave %.1f MiB back to the OS\n", back / 1048576.0);
    rc_heap_free(h);
    show("rc_heap_free", h = rc_heap_new(NULL));
    rc_heap_free(h);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("reclaim %s\n", RC_VERSION_STRING);
        return 0;
    }
    if (!strcmp(argv[1], "--demo")) {
        size_t blocks = 10000000;
        if (argc > 2) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(argv[2], &end, 10);
            if (*end || errno || v == 0 || v > (1ull << 32)) {
                fprintf(stderr, "reclaim: --demo wants a block count, got '%s'\n", argv[2]);
                return 2;
            }
            blocks = (size_t)v;
        }
        return demo(blocks);
    }
    fprintf(stderr, "reclaim: '%s': the script interpreter is not built yet; see --help\n", argv[1]);
    return 2;
}
