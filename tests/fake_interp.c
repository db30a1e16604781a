/*
 * tests/fake_interp.c — a stand-in for the interpreter core, so the command's
 * diagnostic options (cli/main.c + cli/diag.c + cli/plot.c) are tested on
 * their own: linked with them it makes `reclaim_fake`, which runs "scripts"
 * of one command per line instead of Python:
 *
 *   alloc N SIZE    allocate N blocks of SIZE bytes and keep them
 *   free            free the kept blocks
 *   leak N SIZE     allocate N blocks and forget them
 *   cycles N        make N two-object reference cycles and drop them
 *   collect         a full collection
 *   disable         turn automatic collection off (gc.disable())
 *   mark LABEL      memory.mark(LABEL)
 *   overrun         write one byte past a 16-byte block, then free it
 *   fail            stop with status 1
 *   # ...           a comment
 *
 * It implements only what the command calls from lang/lang.h.  The current
 * location is the script's file and the line being run; the tick is called
 * every 1024 allocations; lx_free drops what the script kept, runs the final
 * collection (skipped when collection is disabled under RC_REPORT_LEAKS, as
 * requested of the core), calls the heap-free hook, then frees the heap.
 */
#define _POSIX_C_SOURCE 200809L
#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct lx_interp {
    rc_heap *heap;
    unsigned flags;
    struct timespec t0;
    const char *file;
    int line;
    void **kept;
    size_t nkept, kept_cap;
    lx_mark *marks;
    size_t nmarks;
    void (*tick)(lx_interp *I, void *arg);
    void *tick_arg;
    void (*heap_free_hook)(lx_interp *I, rc_heap *heap, void *arg);
    void *heap_free_arg;
};

/* ---- two-object cycles --------------------------------------------------------- */

typedef struct pair_obj {
    rc_object ob;
    rc_object *other;
} pair_obj;

static int pair_traverse(rc_object *self, rc_visit visit, void *arg)
{
    pair_obj *p = (pair_obj *)self;
    return p->other ? visit(p->other, arg) : 0;
}

static void pair_clear(rc_object *self) { RC_CLEAR(((pair_obj *)self)->other); }

static const rc_type pair_type = {
    .name = "Pair", .size = sizeof(pair_obj), .flags = RC_TYPE_GC,
    .traverse = pair_traverse, .clear = pair_clear, .destroy = pair_clear,
};

static int make_cycles(lx_interp *I, long n)
{
    for (long i = 0; i < n; i++) {
        pair_obj *a = (pair_obj *)rc_new(I->heap, &pair_type);
        pair_obj *b = a ? (pair_obj *)rc_new(I->heap, &pair_type) : NULL;
        if (!b) {
            rc_xdecref(a);
            return -1;
        }
        a->other = &b->ob;                  /* each holds the other's only reference */
        b->other = &a->ob;
    }
    return 0;
}

/* ---- the lang.h functions the command uses ------------------------------------ */

lx_interp *lx_new(const lx_options *opts)
{
    lx_interp *I = calloc(1, sizeof *I);
    if (!I)
        return NULL;
    I->heap = rc_heap_new(&opts->heap);
    if (!I->heap) {
        free(I);
        fprintf(stderr, "fake: no heap\n");
        return NULL;
    }
    I->flags = opts->heap.flags;
    I->file = "?";
    clock_gettime(CLOCK_MONOTONIC, &I->t0);
    return I;
}

rc_heap *lx_heap(lx_interp *I) { return I->heap; }

double lx_uptime(lx_interp *I)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - I->t0.tv_sec) + (t.tv_nsec - I->t0.tv_nsec) * 1e-9;
}

void lx_current_location(lx_interp *I, const char **file, int *line)
{
    *file = I->file;
    *line = I->line;
}

void lx_set_tick(lx_interp *I, void (*fn)(lx_interp *I, void *arg), void *arg)
{
    I->tick = fn;
    I->tick_arg = arg;
}

void lx_set_heap_free_hook(lx_interp *I, void (*fn)(lx_interp *I, rc_heap *heap, void *arg),
                           void *arg)
{
    I->heap_free_hook = fn;
    I->heap_free_arg = arg;
}

int lx_add_mark(lx_interp *I, const char *label)
{
    lx_mark *m = realloc(I->marks, (I->nmarks + 1) * sizeof *m);
    if (!m)
        return -1;
    I->marks = m;
    rc_stats st;
    rc_heap_stats(I->heap, &st);
    m[I->nmarks] = (lx_mark){lx_uptime(I), rc_process_rss(), st.bytes_in_use, strdup(label)};
    return m[I->nmarks++].label ? 0 : -1;
}

int lx_get_mark(lx_interp *I, size_t i, lx_mark *out)
{
    if (i >= I->nmarks)
        return 0;
    *out = I->marks[i];
    return 1;
}

static void free_kept(lx_interp *I)
{
    for (size_t i = 0; i < I->nkept; i++)
        rc_free(I->heap, I->kept[i]);
    I->nkept = 0;
}

void lx_free(lx_interp *I)
{
    free_kept(I);
    free(I->kept);
    if (rc_gc_is_enabled(I->heap) || !(I->flags & RC_REPORT_LEAKS))
        rc_gc_collect(I->heap, 2);
    if (I->heap_free_hook)
        I->heap_free_hook(I, I->heap, I->heap_free_arg);
    rc_heap_free(I->heap);
    for (size_t i = 0; i < I->nmarks; i++)
        free((char *)I->marks[i].label);
    free(I->marks);
    free(I);
}

/* ---- running ------------------------------------------------------------------ */

static int alloc_blocks(lx_interp *I, long n, long size, int keep)
{
    for (long i = 0; i < n; i++) {
        void *p = rc_malloc(I->heap, (size_t)size);
        if (!p)
            return -1;
        if (keep) {
            if (I->nkept == I->kept_cap) {
                size_t cap = I->kept_cap ? 2 * I->kept_cap : 1024;
                void **k = realloc(I->kept, cap * sizeof *k);
                if (!k)
                    return -1;
                I->kept = k;
                I->kept_cap = cap;
            }
            I->kept[I->nkept++] = p;
        }
        if (I->tick && i % 1024 == 0)
            I->tick(I, I->tick_arg);
    }
    return 0;
}

static int overrun(lx_interp *I)
{
    unsigned char *p = rc_malloc(I->heap, 16);
    if (!p)
        return -1;
    p[16] = 0;
    rc_free(I->heap, p);
    return 0;
}

/* One command; 0, 1 to stop with status 1, -1 on a bad line. */
static int run_line(lx_interp *I, char *line)
{
    char word[16] = "";
    long a = 0, b = 0;
    if (sscanf(line, "%15s %ld %ld", word, &a, &b) < 1 || word[0] == '#')
        return 0;
    if (!strcmp(word, "alloc") || !strcmp(word, "leak"))
        return alloc_blocks(I, a, b, word[0] == 'a');
    if (!strcmp(word, "free"))
        return free_kept(I), 0;
    if (!strcmp(word, "cycles"))
        return make_cycles(I, a);
    if (!strcmp(word, "collect"))
        return rc_gc_collect(I->heap, 2) < 0 ? -1 : 0;
    if (!strcmp(word, "disable"))
        return rc_gc_disable(I->heap), 0;
    if (!strcmp(word, "mark"))
        return lx_add_mark(I, line + strspn(line, " ") + 5);
    if (!strcmp(word, "overrun"))
        return overrun(I);
    if (!strcmp(word, "fail"))
        return 1;
    return -1;
}

int lx_run_string(lx_interp *I, const char *code, const char *filename)
{
    char *copy = strdup(code), *next = copy;
    int status = 0;
    I->file = filename;
    I->line = 0;
    while (next && *next && !status) {
        char *line = next, *end = strchr(line, '\n');
        next = end ? end + 1 : NULL;
        if (end)
            *end = '\0';
        I->line++;
        int r = run_line(I, line);
        if (r < 0)
            fprintf(stderr, "%s:%d: bad line or out of memory: %s\n", filename, I->line, line);
        status = r < 0 ? 1 : r;
    }
    free(copy);
    I->file = "?";
    I->line = 0;
    return copy ? status : 1;
}

int lx_run_file(lx_interp *I, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "fake: cannot open %s\n", path);
        return 2;
    }
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return lx_run_string(I, buf, path);
}

int lx_repl(lx_interp *I, FILE *in)
{
    (void)I, (void)in;
    return 0;
}
