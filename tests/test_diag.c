/*
 * test_diag.c — the diagnostic mode: debug allocator faults, allocation
 * tracing, the leak report.
 *
 * Every fault kind runs in a child process that must abort with a report
 * naming the kind, the block's size and the allocation site (this file and
 * the line, through RC_TRACK_SITES, or the site hook).  Tracing totals are
 * checked against the heap's statistics; the leak report must list exactly
 * what a program leaked, with cycles named as such.
 */
#define _GNU_SOURCE
#define RC_TRACK_SITES 1
#include <reclaim.h>
#include "check.h"

#include <signal.h>
#include <stdint.h>
#include <string.h>

#define DIAG_OVERHEAD 64u     /* header 48 + back guard 16, per block */

static rc_heap *heap_with(unsigned flags)
{
    rc_config cfg = {0};
    cfg.flags = flags;
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    return h;
}

static void expect_abort(void (*child)(void), const char *kind, const char *also)
{
    int status;
    const char *err = check_run_child(child, &status);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(err, kind) != NULL);
    if (also)
        CHECK(strstr(err, also) != NULL);
    if (!strstr(err, kind) || (also && !strstr(err, also)))
        fprintf(stderr, "  child said: %s\n", err);
}

/* ---- debug allocator: one child per fault kind ------------------------------ */

static void child_overflow(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    unsigned char *p = rc_malloc(h, 24);
    p[24] = 'x';                          /* one past the end */
    rc_free(h, p);
}

static void child_underflow(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    unsigned char *p = rc_malloc(h, 40);
    p[-20] = 'x';                         /* into the front guard */
    rc_free(h, p);
}

static void child_double_free(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    void *p = rc_malloc(h, 100);
    rc_free(h, p);
    rc_free(h, p);
}

static void child_foreign_free(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    static _Alignas(16) char not_ours[64];
    rc_free(h, not_ours + 16);
}

static void child_write_after_free_check(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    unsigned char *p = rc_malloc(h, 32);
    rc_free(h, p);
    p[5] = 1;                             /* the block waits in the quarantine */
    rc_heap_check(h);
}

static void child_write_after_free_reuse(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    unsigned char *p = rc_malloc(h, 64);
    rc_free(h, p);
    p[63] = 1;
    for (int i = 0; i < 5000; i++)        /* push it out of the quarantine */
        rc_free(h, rc_malloc(h, 64));
}

static void child_large_overflow(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    unsigned char *p = rc_malloc(h, 5000);
    p[5001] = 0;
    rc_heap_check(h);
}

static void child_object_overflow(void)
{
    static const rc_type blob = {.name = "blob", .size = 32};
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    rc_object *o = rc_new(h, &blob);
    ((unsigned char *)o)[32] = 7;
    rc_decref(o);
}

static int hook_names_script(void *arg, const char **file, int *line)
{
    (void)arg;
    *file = "script.py";
    *line = 7;
    return 1;
}

static void child_hooked_site(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    rc_heap_set_site_hook(h, hook_names_script, NULL);
    unsigned char *p = rc_malloc(h, 8);
    p[8] = 0;
    rc_free(h, p);
}

static void child_pc_site(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    unsigned char *p = (rc_malloc)(h, 8);  /* the function, not the macro: no file:line */
    p[9] = 0;
    rc_free(h, p);
}

static void child_clean_program(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    void *keep[100];
    for (int i = 0; i < 100; i++)
        keep[i] = rc_malloc(h, (size_t)i * 7);
    for (int i = 0; i < 100; i++)
        keep[i] = rc_realloc(h, keep[i], (size_t)i * 11 + 1);
    for (int i = 0; i < 100; i++)
        rc_free(h, keep[i]);
    if (rc_heap_check(h))
        fprintf(stderr, "check failed: %s\n", rc_error_message(h));
    rc_heap_free(h);
}

static void test_debug_faults(void)
{
    expect_abort(child_overflow, "write past the end of a block", "24 bytes, allocated at");
    expect_abort(child_overflow, "test_diag.c:", "offset +24");
    expect_abort(child_underflow, "write before the start of a block", "40 bytes");
    expect_abort(child_double_free, "double free", "100 bytes, allocated at");
    expect_abort(child_foreign_free, "not a block of this heap", NULL);
    expect_abort(child_write_after_free_check, "write into freed memory", "offset +5");
    expect_abort(child_write_after_free_reuse, "write into freed memory", "offset +63");
    expect_abort(child_large_overflow, "write past the end of a block", "5000 bytes");
    expect_abort(child_object_overflow, "write past the end of a block", "32 bytes");
    expect_abort(child_hooked_site, "write past the end", "allocated at script.py:7");
    expect_abort(child_pc_site, "write past the end", "test_diag");
    int status;
    const char *err = check_run_child(child_clean_program, &status);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(strlen(err), 0);
}

/* The debug allocator knows its large blocks through a hash set: frees of
 * thousands of them, in any order, stay checked and cheap; a pointer into
 * the middle of one, or one that was never ours, is still refused. */
static void child_foreign_free_among_large(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    static char *keep[2000];
    for (int i = 0; i < 2000; i++)
        keep[i] = rc_malloc(h, 600 + (size_t)i);
    rc_free(h, keep[1234] + 16);
}

static void test_debug_many_large_blocks(void)
{
    enum { N = 6000 };
    static char *blocks[N];
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    for (int i = 0; i < N; i++) {
        size_t n = i % 1000 == 999 ? ((size_t)3 << 19) : 600 + (size_t)(i * 37 % 4000);
        blocks[i] = rc_malloc(h, n);
        REQUIRE(blocks[i]);
        blocks[i][0] = (char)i;
    }
    CHECK_EQ(rc_heap_check(h), 0);
    unsigned x = 12345;
    for (int i = N - 1; i > 0; i--) {          /* shuffle: frees in random order */
        x = x * 1103515245u + 12345u;
        int j = (int)((x >> 8) % (unsigned)(i + 1));
        char *t = blocks[i];
        blocks[i] = blocks[j];
        blocks[j] = t;
    }
    for (int i = 0; i < N; i++) {
        if (i % 3 == 0) {
            char first = blocks[i][0];
            blocks[i] = rc_realloc(h, blocks[i], 700 + (size_t)i);
            REQUIRE(blocks[i]);
            CHECK_EQ(blocks[i][0], first);
        }
        rc_free(h, blocks[i]);
        CHECK_EQ(rc_error(h), RC_OK);
        if (i % 1000 == 0)
            CHECK_EQ(rc_heap_check(h), 0);
    }
    rc_heap_trim(h);                           /* the quarantine lets go */
    rc_stats st;
    rc_heap_stats(h, &st);
    CHECK_EQ(st.large_blocks, 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
    expect_abort(child_foreign_free_among_large, "not a block of this heap", NULL);
}

static void test_debug_fills(void)
{
    rc_heap *h = heap_with(RC_DEBUG_ALLOC);
    unsigned char *p = rc_malloc(h, 50);
    int fresh = 1;
    for (int i = 0; i < 50; i++)
        fresh &= p[i] == 0xCB;
    CHECK(fresh);
    CHECK_EQ(rc_usable_size(h, p), 50);
    unsigned char *z = rc_calloc(h, 5, 10);
    int zero = 1;
    for (int i = 0; i < 50; i++)
        zero &= z[i] == 0;
    CHECK(zero);
    rc_free(h, z);
    rc_free(h, p);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Tracing alone never aborts: a bad free is an error, as without flags. */
static void test_trace_bad_free_is_an_error(void)
{
    rc_heap *h = heap_with(RC_TRACE_ALLOC);
    static _Alignas(16) char not_ours[64];
    rc_free(h, not_ours + 16);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    rc_heap_free(h);
}

/* ---- tracing ------------------------------------------------------------------ */

static const rc_trace_stat *find_site(const rc_trace_stat *top, size_t n, int line)
{
    char want[64];
    snprintf(want, sizeof want, "test_diag.c:%d", line);
    for (size_t i = 0; i < n; i++) {
        const char *at = strstr(top[i].site, want);
        if (at && at[strlen(want)] == '\0')
            return &top[i];
    }
    return NULL;
}

static void test_trace_snapshots(void)
{
    rc_heap *h = heap_with(RC_TRACE_ALLOC);
    void *a[10], *b[5], *c[3];
    int line_a = __LINE__ + 2;
    for (int i = 0; i < 10; i++)
        a[i] = rc_malloc(h, 96);
    int line_b = __LINE__ + 2;
    for (int i = 0; i < 5; i++)
        b[i] = rc_malloc(h, 1024);
    rc_snapshot *s1 = rc_trace_snapshot(h);
    REQUIRE(s1);

    size_t count, bytes = rc_trace_snapshot_total(s1, &count);
    CHECK_EQ(count, 15);
    CHECK_EQ(bytes, 10 * 96 + 5 * 1024);
    rc_stats st;
    rc_heap_stats(h, &st);                /* totals agree with the heap's */
    CHECK_EQ(st.small_blocks + st.large_blocks, count);
    CHECK_EQ(st.bytes_in_use, bytes + count * DIAG_OVERHEAD);

    rc_trace_stat top[8];
    size_t n = rc_trace_top(s1, NULL, RC_TRACE_BY_BYTES, top, 8);
    CHECK_EQ(n, 2);
    CHECK(find_site(top, 2, line_b) == &top[0]);       /* 5120 bytes first */
    CHECK(find_site(top, 2, line_a) == &top[1]);
    CHECK_EQ(top[0].count, 5);
    CHECK_EQ(top[1].bytes, 960);
    n = rc_trace_top(s1, NULL, RC_TRACE_BY_COUNT, top, 8);
    CHECK(find_site(top, 2, line_a) == &top[0]);       /* 10 blocks first */

    for (int i = 0; i < 5; i++)
        rc_free(h, a[i]);
    int line_c = __LINE__ + 2;
    for (int i = 0; i < 3; i++)
        c[i] = rc_malloc(h, 16);
    rc_snapshot *s2 = rc_trace_snapshot(h);
    REQUIRE(s2);
    n = rc_trace_top(s2, s1, RC_TRACE_BY_BYTES, top, 8);
    CHECK_EQ(n, 3);
    const rc_trace_stat *ta = find_site(top, n, line_a), *tb = find_site(top, n, line_b),
                        *tc = find_site(top, n, line_c);
    REQUIRE(ta && tb && tc);
    CHECK(ta == &top[0]);                               /* -480 bytes: largest change */
    CHECK_EQ(ta->count_diff, -5);
    CHECK_EQ(ta->bytes_diff, -480);
    CHECK_EQ(tb->bytes_diff, 0);
    CHECK_EQ(tc->count_diff, 3);
    CHECK_EQ(tc->bytes_diff, 48);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rc_trace_print(s2, s1, 2, f);
    fclose(f);
    CHECK(strstr(text, "size=480 B (-480 B), count=5 (-5)") != NULL);
    CHECK(strstr(text, "... 1 more sites") != NULL);
    CHECK(strstr(text, "total: 5648 B in 13 blocks") != NULL);
    free(text);

    rc_trace_snapshot_free(s1);
    rc_trace_snapshot_free(s2);
    for (int i = 5; i < 10; i++)
        rc_free(h, a[i]);
    for (int i = 0; i < 5; i++)
        rc_free(h, b[i]);
    for (int i = 0; i < 3; i++)
        rc_free(h, c[i]);
    rc_snapshot *s3 = rc_trace_snapshot(h);
    CHECK_EQ(rc_trace_snapshot_total(s3, &count), 0);
    CHECK_EQ(count, 0);
    rc_trace_snapshot_free(s3);
    rc_heap_free(h);
}

static void test_trace_objects_and_hook(void)
{
    rc_heap *h = heap_with(RC_TRACE_ALLOC);
    rc_heap_set_site_hook(h, hook_names_script, NULL);
    rc_object *l = rc_list_new(h);
    rc_object *i = rc_int_new(h, 1000);
    rc_list_append(l, i);
    rc_decref(i);
    rc_snapshot *s = rc_trace_snapshot(h);
    rc_trace_stat top[4];
    size_t n = rc_trace_top(s, NULL, RC_TRACE_BY_BYTES, top, 4);
    CHECK_EQ(n, 1);
    CHECK(!strcmp(top[0].site, "script.py:7"));
    CHECK_EQ(top[0].count, 3);            /* the list, its item array, the int */
    rc_stats st;
    rc_heap_stats(h, &st);
    CHECK_EQ(st.objects_live, 2);
    rc_trace_snapshot_free(s);
    rc_decref(l);
    rc_heap_free(h);

    h = heap_with(0);                     /* no diagnostics: no snapshot */
    CHECK(rc_trace_snapshot(h) == NULL);
    CHECK(rc_trace_snapshot_take(h) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK_EQ(rc_heap_report_leaks(h, stderr), -1);
    rc_heap_free(h);
}

/* ---- the leak report ------------------------------------------------------------- */

typedef struct node {
    rc_object ob;
    rc_object *child;
} node;

static int node_traverse(rc_object *self, rc_visit visit, void *arg)
{
    node *n = (node *)self;
    return n->child ? visit(n->child, arg) : 0;
}

static void node_clear(rc_object *self)
{
    RC_CLEAR(((node *)self)->child);
}

static const rc_type node_type = {
    .name = "node", .size = sizeof(node), .flags = RC_TYPE_GC,
    .traverse = node_traverse, .clear = node_clear, .destroy = node_clear,
};

static int leak_line;

/* Leaks 2 raw blocks of 40 bytes, one lone node, and a two-node cycle. */
static rc_heap *leaky_program(unsigned flags)
{
    rc_heap *h = heap_with(flags);
    rc_gc_disable(h);
    leak_line = __LINE__ + 2;
    for (int i = 0; i < 2; i++)
        rc_malloc(h, 40);
    rc_new(h, &node_type);
    node *a = (node *)rc_new(h, &node_type), *b = (node *)rc_new(h, &node_type);
    a->child = &b->ob;                    /* a's reference to b is b's only one */
    b->child = &a->ob;                    /* and b's to a is a's */
    rc_object *tmp = rc_str_new(h, "gone", 4);
    rc_decref(tmp);                       /* not a leak */
    return h;
}

static void test_leak_report(void)
{
    rc_heap *h = leaky_program(RC_TRACE_ALLOC);   /* any diagnostic mode can report */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    long n = rc_heap_report_leaks(h, f);
    fclose(f);
    CHECK_EQ(n, 5);
    char raw_row[128], site[64];
    snprintf(site, sizeof site, "test_diag.c:%d", leak_line);
    snprintf(raw_row, sizeof raw_row, "%8d %12d  %-24s ", 2, 80, "raw block");
    const char *raw = strstr(text, raw_row);
    CHECK(raw && strstr(raw, site) && strstr(raw, site) < strchr(raw, '\n'));
    const char *cycles = strstr(text, "kept alive only by reference cycles");
    const char *lone = strstr(text, "       1           40  object 'node'");   /* 16-byte GC head + 24 */
    const char *pair = strstr(text, "       2           80  object 'node'");
    CHECK(cycles && lone && pair && lone < cycles && pair > cycles);
    CHECK(strstr(text, "5 blocks (200 bytes) still alive") != NULL);
    if (!cycles || !lone || !pair)
        fprintf(stderr, "%s", text);
    free(text);
    CHECK_EQ(rc_gc_collect(h, 2), 2);     /* the report changed nothing: the cycle is still there */
    rc_heap_free(h);
}

static void child_leaks_at_exit(void)
{
    rc_heap_free(leaky_program(RC_REPORT_LEAKS));
}

static void child_no_leaks(void)
{
    rc_heap *h = heap_with(RC_REPORT_LEAKS | RC_DEBUG_ALLOC);
    rc_object *l = rc_list_new(h), *d = rc_dict_new(h);
    rc_object *s = rc_str_new(h, "key", 3);
    rc_object *k = rc_str_intern(h, s);
    rc_decref(s);
    rc_dict_set(d, k, l);
    rc_list_append(l, d);                 /* a cycle, collected below */
    rc_object *w = rc_weakref_new(h, l, NULL, NULL);
    rc_object *fl = rc_float_new(h, 2.5);  /* goes to the float cache */
    rc_decref(fl);
    rc_decref(k);
    rc_decref(l);
    rc_decref(d);
    rc_gc_collect(h, 2);
    rc_decref(w);
    rc_heap_free(h);
}

static void test_leak_report_at_heap_free(void)
{
    int status;
    const char *err = check_run_child(child_leaks_at_exit, &status);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(strstr(err, "5 blocks (200 bytes) still alive") != NULL);
    err = check_run_child(child_no_leaks, &status);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(strlen(err), 0);
    if (strlen(err))
        fprintf(stderr, "  child said: %s\n", err);
}

int main(void)
{
    test_debug_faults();
    test_debug_fills();
    test_debug_many_large_blocks();
    test_trace_bad_free_is_an_error();
    test_trace_snapshots();
    test_trace_objects_and_hook();
    test_leak_report();
    test_leak_report_at_heap_free();
    return check_summary("test_diag");
}
