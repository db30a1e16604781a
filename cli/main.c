/*
 * cli/main.c — the `reclaim` command.
 *
 *   reclaim [options] SCRIPT.py [args]   run a script
 *   reclaim [options] -c CODE [args]     run CODE
 *   reclaim [options] - [args]           run the script read from stdin
 *   reclaim [options]                    the interactive prompt (stdin)
 *   reclaim --demo [BLOCKS]              the seeds' experiment in C only
 *
 * Options come before the script and are described by one table (options[]),
 * from which --help is printed, so the usage always lists every option.
 * Settings that the interpreter's heap needs at birth (memory limit) go into
 * lx_options; the collector thresholds are applied right after lx_new with
 * rc_gc_set_threshold, so "0,0,0" means "automatic collection off" exactly as
 * gc.set_threshold(0) does (in rc_config, {0,0,0} would mean the defaults).
 *
 * sys.argv is what CPython makes it: [script, args...], ['-c', args...],
 * ['-', args...] or [''] at the prompt.  The exit status is the script's:
 * 0, 1 after an uncaught exception, or sys.exit's value.  Bad command lines
 * exit with status 2 and a message plus the usage on stderr.
 *
 * --stats prints a summary to stderr once the script has finished, taken
 * before the interpreter is torn down: peak RSS (rc_process_peak_rss), final
 * RSS, the heap's bytes and live objects, per-generation collector
 * statistics, and the pauses of all collections (count, total, max and the
 * percentiles rc_gc_get_pause_stats estimates).  Only the public API
 * (lang/lang.h, reclaim.h) is used.
 *
 * The diagnostic options (--plot, --trace-malloc, --report-leaks,
 * --debug-alloc) are carried out by cli/diag.c: they add heap flags before
 * lx_new, hook into the interpreter after it, report before lx_free and fold
 * the leak status into the exit status after it.
 */
#include "diag.h"
#include "lang.h"
#include "plot.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_USAGE 2

/* What the command line asked for. */
typedef struct cli_settings {
    lx_options lx;
    int threshold[3];
    int threshold_given;
    int stats;
    int demo;
    size_t demo_blocks;
    diag_settings diag;         /* --plot, --trace-malloc, --report-leaks, --debug-alloc */
} cli_settings;

/* One option: name, the placeholder of its argument (NULL: none; a name in
 * brackets: optional), help text, and the function storing its value
 * (0 on success, -1 after printing why the value is bad). */
typedef struct cli_option {
    const char *name;
    const char *arg;
    const char *help;
    int (*apply)(cli_settings *s, const char *value);
} cli_option;

static int opt_help(cli_settings *s, const char *value);
static int opt_version(cli_settings *s, const char *value);
static int opt_gc_threshold(cli_settings *s, const char *value);
static int opt_gc_mode(cli_settings *s, const char *value);
static int opt_memory_limit(cli_settings *s, const char *value);
static int opt_stats(cli_settings *s, const char *value);
static int opt_demo(cli_settings *s, const char *value);
static int opt_plot(cli_settings *s, const char *value);
static int opt_trace_malloc(cli_settings *s, const char *value);
static int opt_report_leaks(cli_settings *s, const char *value);
static int opt_debug_alloc(cli_settings *s, const char *value);

static const cli_option options[] = {
    {"--help", NULL, "print this help and exit (also -h)", opt_help},
    {"--version", NULL, "print the version and exit (also -V)", opt_version},
    {"--gc-threshold", "A[,B[,C]]",
     "collector thresholds, as gc.set_threshold(A, B, C)\n"
     "(default 700,10,10; A = 0 turns automatic\n"
     "collection off)", opt_gc_threshold},
    {"--gc", "MODE",
     "the collector's policy: generational (the\n"
     "default: CPython 3.11's, exactly) or incremental\n"
     "(every pause under 1 ms, work paced by\n"
     "allocation); also RECLAIM_GC=MODE", opt_gc_mode},
    {"--memory-limit", "SIZE",
     "cap the heap at SIZE bytes, suffix K, M or G\n"
     "(64K, 512M, 2G); allocating past it raises\n"
     "MemoryError", opt_memory_limit},
    {"--stats", NULL,
     "at exit, print to stderr: peak and final RSS,\n"
     "heap bytes in use and mapped, objects live, and\n"
     "per collector generation: collections, objects\n"
     "collected and uncollectable, total and longest\n"
     "pause; then the pauses of all collections:\n"
     "count, total, max, p50, p99, p99.9", opt_stats},
    {"--plot", "FILE.svg",
     "write a memory timeline at exit: RSS and heap\n"
     "bytes over time, collections by generation and\n"
     "their pauses, memory.mark(label) points", opt_plot},
    {"--trace-malloc", "N",
     "trace allocations (sites: script file:line);\n"
     "at exit print the N largest sites of what is\n"
     "alive to stderr (memory.take_snapshot() works)", opt_trace_malloc},
    {"--report-leaks", NULL,
     "at exit, after the interpreter has released all\n"
     "it owns, list what is still alive by type and\n"
     "site; exit status 3 if the script succeeded but\n"
     "something leaked", opt_report_leaks},
    {"--debug-alloc", NULL,
     "debug allocator: guard bytes, fills, quarantine;\n"
     "an overrun, double free or use after free is\n"
     "reported with its site and aborts", opt_debug_alloc},
    {"--demo", "[BLOCKS]",
     "no script: the seeds' experiment in C: allocate\n"
     "BLOCKS 32-byte blocks (default 10000000), free\n"
     "them, trim; print the RSS at each step", opt_demo},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

static void usage(FILE *f)
{
    fprintf(f,
            "usage: reclaim [option...] SCRIPT.py [arg...]   run a script\n"
            "       reclaim [option...] -c CODE [arg...]     run CODE\n"
            "       reclaim [option...] - [arg...]           run the script read from stdin\n"
            "       reclaim [option...]                      interactive prompt\n"
            "       reclaim --demo [BLOCKS]                  the seeds' experiment in C\n"
            "\noptions:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        char head[64];
        snprintf(head, sizeof head, "%s%s%s", options[i].name,
                 options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
        fprintf(f, "  %-26s", head);
        for (const char *p = options[i].help; *p; p++) {
            fputc(*p, f);
            if (*p == '\n')
                fprintf(f, "  %-26s", "");
        }
        fputc('\n', f);
    }
    fprintf(f,
            "\nsys.argv is [SCRIPT, arg...] ('-c' or '-' in place of SCRIPT).  Exit status:\n"
            "0, 1 after an uncaught exception, sys.exit's value; 2 for a bad command line.\n"
            "Environment: RECLAIM_MEMORY_LIMIT, RECLAIM_DEBUG, RECLAIM_PURGE_DELAY\n"
            "(see include/reclaim.h, rc_heap_new).\n");
}

static void bad_usage(const char *fmt, const char *what)
{
    fprintf(stderr, "reclaim: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n\n");
    usage(stderr);
}

/* ---- option values ------------------------------------------------------ */

static int opt_help(cli_settings *s, const char *value)
{
    (void)s, (void)value;
    usage(stdout);
    exit(0);
}

static int opt_version(cli_settings *s, const char *value)
{
    (void)s, (void)value;
    printf("reclaim %s\n", RC_VERSION_STRING);
    exit(0);
}

/* A decimal count without sign: 0 and *out, or -1. */
static int parse_count(const char *text, unsigned long long max, unsigned long long *out,
                       const char **rest)
{
    if (*text < '0' || *text > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || v > max)
        return -1;
    *out = v;
    *rest = end;
    return 0;
}

static int opt_gc_threshold(cli_settings *s, const char *value)
{
    const char *p = value;
    int n = 0;
    int t[3] = {700, 10, 10};
    for (;;) {
        unsigned long long v;
        if (n == 3 || parse_count(p, INT_MAX, &v, &p) < 0)
            break;
        t[n++] = (int)v;
        if (*p == '\0') {
            memcpy(s->threshold, t, sizeof t);
            s->threshold_given = 1;
            return 0;
        }
        if (*p++ != ',')
            break;
    }
    fprintf(stderr, "reclaim: --gc-threshold wants 1 to 3 comma-separated counts "
                    "(0..%d), like 700,10,10; got '%s'\n", INT_MAX, value);
    return -1;
}

static int opt_gc_mode(cli_settings *s, const char *value)
{
    if (!strcmp(value, "generational") || !strcmp(value, "incremental")) {
        s->lx.heap.gc_mode = value[0] == 'i' ? RC_GC_INCREMENTAL : RC_GC_GENERATIONAL;
        return 0;
    }
    fprintf(stderr, "reclaim: --gc wants generational or incremental; got '%s'\n", value);
    return -1;
}

/* "1000000", "64K", "512M", "2G" (also "kB", "MiB", lower case): bytes. */
static int parse_size(const char *text, size_t *out)
{
    unsigned long long v;
    const char *p;
    if (parse_count(text, ULLONG_MAX, &v, &p) < 0)
        return -1;
    unsigned shift = 0;
    switch (*p) {
    case 'k': case 'K': shift = 10; p++; break;
    case 'm': case 'M': shift = 20; p++; break;
    case 'g': case 'G': shift = 30; p++; break;
    case 't': case 'T': shift = 40; p++; break;
    default: break;
    }
    if (shift && (*p == 'i' || *p == 'I'))
        p++;
    if (*p == 'b' || *p == 'B')
        p++;
    if (*p != '\0' || v == 0 || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

static int opt_memory_limit(cli_settings *s, const char *value)
{
    if (parse_size(value, &s->lx.heap.memory_limit) == 0)
        return 0;
    fprintf(stderr, "reclaim: --memory-limit wants a positive size in bytes with an "
                    "optional K, M or G suffix (1000000, 64K, 512M, 2G); got '%s'\n", value);
    return -1;
}

static int opt_stats(cli_settings *s, const char *value)
{
    (void)value;
    s->stats = 1;
    return 0;
}

static int opt_demo(cli_settings *s, const char *value)
{
    s->demo = 1;
    s->demo_blocks = 10000000;
    if (!value)
        return 0;
    unsigned long long v;
    const char *rest;
    if (parse_count(value, 1ull << 32, &v, &rest) == 0 && *rest == '\0' && v > 0) {
        s->demo_blocks = (size_t)v;
        return 0;
    }
    fprintf(stderr, "reclaim: --demo wants a block count (1..%llu), got '%s'\n",
            1ull << 32, value);
    return -1;
}

static int opt_plot(cli_settings *s, const char *value)
{
    if (*value) {
        s->diag.plot_path = value;
        return 0;
    }
    fprintf(stderr, "reclaim: --plot wants a file name\n");
    return -1;
}

static int opt_trace_malloc(cli_settings *s, const char *value)
{
    unsigned long long v;
    const char *rest;
    if (parse_count(value, 1000000, &v, &rest) == 0 && *rest == '\0' && v > 0) {
        s->diag.trace_top = (size_t)v;
        return 0;
    }
    fprintf(stderr, "reclaim: --trace-malloc wants how many sites to print (1..1000000), "
                    "got '%s'\n", value);
    return -1;
}

static int opt_report_leaks(cli_settings *s, const char *value)
{
    (void)value;
    s->diag.report_leaks = 1;
    return 0;
}

static int opt_debug_alloc(cli_settings *s, const char *value)
{
    (void)value;
    s->diag.debug_alloc = 1;
    return 0;
}

/* ---- the command line ---------------------------------------------------- */

static const cli_option *find_option(const char *arg, const char **inline_value)
{
    *inline_value = NULL;
    if (!strcmp(arg, "-h"))
        arg = "--help";
    else if (!strcmp(arg, "-V"))
        arg = "--version";
    for (size_t i = 0; i < N_OPTIONS; i++) {
        size_t n = strlen(options[i].name);
        if (strncmp(arg, options[i].name, n) != 0)
            continue;
        if (arg[n] == '\0')
            return &options[i];
        if (arg[n] == '=' && options[i].arg) {
            *inline_value = arg + n + 1;
            return &options[i];
        }
    }
    return NULL;
}

/* Apply the options in argv[1..]; *first is set to the index of the first
 * argument that is not an option (argc if none).  0, or -1 after a message. */
static int parse_options(int argc, char **argv, cli_settings *s, int *first)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0' && strcmp(argv[i], "-c") != 0) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        const char *value;
        const cli_option *o = find_option(argv[i], &value);
        if (!o) {
            bad_usage("unknown option '%s'", argv[i]);
            return -1;
        }
        i++;
        int optional = o->arg && o->arg[0] == '[';
        if (o->arg && !value && (!optional || (i < argc && argv[i][0] >= '0' && argv[i][0] <= '9'))) {
            if (i == argc) {
                bad_usage("option '%s' needs a value", o->name);
                return -1;
            }
            value = argv[i++];
        }
        if (o->apply(s, value) < 0)
            return -1;
    }
    *first = i;
    return 0;
}

/* The whole of f as a NUL-terminated string (malloc'd), or NULL. */
static char *read_all(FILE *f)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        len += fread(buf + len, 1, cap - 1 - len, f);
        if (len < cap - 1)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    if (!buf || ferror(f)) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* ---- --stats --------------------------------------------------------------- */

typedef struct exit_stats {
    size_t peak_rss, final_rss;
    rc_stats heap;
    rc_gc_stats gc[3];
    rc_gc_pause_stats pauses;
    rc_gc_pass_stats passes;
} exit_stats;

static void take_stats(lx_interp *I, exit_stats *st)
{
    st->final_rss = rc_process_rss();
    st->peak_rss = rc_process_peak_rss();
    rc_heap_stats(lx_heap(I), &st->heap);
    rc_gc_get_stats(lx_heap(I), st->gc);
    rc_gc_get_pause_stats(lx_heap(I), &st->pauses);
    rc_gc_get_pass_stats(lx_heap(I), &st->passes);
}

static void print_stats(const exit_stats *st)
{
    const double MiB = 1048576.0;
    fprintf(stderr,
            "reclaim --stats\n"
            "  peak RSS            %10.1f MiB\n"
            "  final RSS           %10.1f MiB\n"
            "  heap bytes in use   %10.1f MiB  (%zu bytes)\n"
            "  heap bytes mapped   %10.1f MiB  (resident %.1f MiB, %zu arenas, high water %zu)\n"
            "  objects live        %10zu      (%zu allocated in all)\n",
            st->peak_rss / MiB, st->final_rss / MiB, st->heap.bytes_in_use / MiB,
            st->heap.bytes_in_use, st->heap.bytes_mapped / MiB, st->heap.bytes_resident / MiB,
            st->heap.arenas, st->heap.arenas_highwater, st->heap.objects_live,
            st->heap.objects_allocated);
    fprintf(stderr, "  gc generation  collections   collected  uncollectable   pause total      max\n");
    for (int g = 0; g < 3; g++)
        fprintf(stderr, "  %13d  %11td  %10td  %13td  %9.3f ms %8.3f ms\n", g,
                st->gc[g].collections, st->gc[g].collected, st->gc[g].uncollectable,
                st->gc[g].pause_total_s * 1e3, st->gc[g].pause_max_s * 1e3);
    const rc_gc_pause_stats *ps = &st->pauses;
    char total[32], max[32], p50[32], p99[32], p999[32];
    fprintf(stderr, "  gc pauses           count %td, total %s, max %s\n", ps->count,
            plot_duration(total, ps->total_s), plot_duration(max, ps->max_s));
    if (ps->count)
        fprintf(stderr, "                      p50 %s, p99 %s, p99.9 %s (from a histogram: within 9 %%)\n",
                plot_duration(p50, ps->p50_s), plot_duration(p99, ps->p99_s),
                plot_duration(p999, ps->p999_s));
    const rc_gc_pass_stats *pass = &st->passes;
    if (pass->mode == RC_GC_INCREMENTAL)
        fprintf(stderr, "  gc passes           %td over the old generation, %td objects scanned, "
                "%td found; spacing %.1f (generation 2 above: the passes' steps)\n",
                pass->passes, pass->scanned, pass->found, pass->spacing);
}

/* ---- --demo: the seeds' experiment with raw blocks ---------------------------- */

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

/* ---- running ------------------------------------------------------------------ */

/* What to run, from the first argument that is not an option. */
typedef enum run_kind { RUN_PROMPT, RUN_CODE, RUN_STDIN, RUN_FILE } run_kind;

/* Run `text` (CODE or the script's path) in I: 0, 1, sys.exit's status, or
 * 2 when the script cannot be read. */
static int run(lx_interp *I, run_kind kind, const char *text)
{
    switch (kind) {
    case RUN_PROMPT:
        return lx_repl(I, stdin);
    case RUN_CODE:
        return lx_run_string(I, text, "<string>");
    case RUN_FILE:
        return lx_run_file(I, text);
    case RUN_STDIN:
        break;
    }
    char *code = read_all(stdin);
    if (!code) {
        fprintf(stderr, "reclaim: cannot read the script from stdin: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    int status = lx_run_string(I, code, "<stdin>");
    free(code);
    return status;
}

/* Decide what to run and set sys.argv as CPython does: [script, args...],
 * ['-c', args...] (CODE left out), ['-', args...] or [''].  0 or -1. */
static int choose_run(int argc, char **argv, int first, cli_settings *s,
                      run_kind *kind, const char **text)
{
    static char empty[] = "";
    static char *prompt_argv[] = {empty, NULL};
    if (first == argc) {
        *kind = RUN_PROMPT;
        s->lx.argc = 1;
        s->lx.argv = prompt_argv;
        return 0;
    }
    *text = argv[first];
    *kind = !strcmp(argv[first], "-") ? RUN_STDIN : RUN_FILE;
    if (!strcmp(argv[first], "-c")) {
        if (first + 1 == argc) {
            bad_usage("%s: argument expected", "-c");
            return -1;
        }
        *kind = RUN_CODE;
        *text = argv[first + 1];
        argv[first + 1] = argv[first];      /* sys.argv[0] = '-c' */
        first++;
    }
    s->lx.argc = argc - first;
    s->lx.argv = argv + first;
    return 0;
}

/* Does the script name the tracemalloc module?  Then its heap traces from
 * the start (a heap cannot begin tracing later), so that
 * tracemalloc.start() works; so does PYTHONTRACEMALLOC, as in CPython.
 * Only the main script's text is looked at, its first MiB. */
static int wants_tracemalloc(run_kind kind, const char *text)
{
    const char *env = getenv("PYTHONTRACEMALLOC");
    if (env && *env && strcmp(env, "0") != 0)
        return 1;
    if (kind == RUN_CODE)
        return strstr(text, "tracemalloc") != NULL;
    if (kind != RUN_FILE)
        return 0;
    FILE *f = fopen(text, "r");
    if (!f)
        return 0;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, "tracemalloc") != NULL;
}

int main(int argc, char **argv)
{
    cli_settings s;
    memset(&s, 0, sizeof s);
    int first;
    if (parse_options(argc, argv, &s, &first) < 0)
        return EXIT_USAGE;
    if (s.demo) {
        if (first < argc) {
            bad_usage("--demo takes no script ('%s')", argv[first]);
            return EXIT_USAGE;
        }
        return demo(s.demo_blocks);
    }
    run_kind kind;
    const char *text = NULL;
    if (choose_run(argc, argv, first, &s, &kind, &text) < 0)
        return EXIT_USAGE;

    s.diag.trace_heap = wants_tracemalloc(kind, text);
    s.lx.heap.flags |= diag_heap_flags(&s.diag);
    lx_interp *I = lx_new(&s.lx);
    if (!I)
        return 1;
    if (s.threshold_given)
        rc_gc_set_threshold(lx_heap(I), s.threshold[0], s.threshold[1], s.threshold[2]);
    diag *d = diag_start(I, &s.diag, kind == RUN_PROMPT ? "<prompt>" : s.lx.argv[0]);
    if (!d) {
        lx_free(I);
        return EXIT_USAGE;
    }
    int status = run(I, kind, text);
    fflush(stdout);                  /* the script's output before any report on stderr */
    exit_stats st;
    if (s.stats)
        take_stats(I, &st);
    diag_before_free(d, I);
    lx_free(I);
    status = diag_finish(d, status);
    if (s.stats)
        print_stats(&st);
    fflush(stdout);
    return status;
}
