/*
 * bench_common.h — what the collector benchmarks (bench/gc_bench.c,
 * bench/pause_bench.c, bench/gcbench.c) share: clocks, the LCG, counts from
 * the environment, and the 48-byte two-reference node.  Header only (static
 * inline): each program stays one source file, built as bench/run.sh,
 * bench/gcbench_section.sh build it (no extra -I: a quoted include finds this
 * file next to the program).
 *
 * Include it after the system headers' feature macro (_GNU_SOURCE, for
 * clock_gettime under -std=c11).  The reclaim part (the node, the
 * collector's statistics and mode, bench_die) is there only when
 * "reclaim.h" was included first: bench/gcbench.c's Boehm GC and malloc
 * builds include this header without it.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* ---- clocks, counts, the PRNG ---------------------------------------------------- */

/* CLOCK_MONOTONIC [s] */
static inline double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CLOCK_MONOTONIC [ns] */
static inline uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The positive count in environment variable NAME, else DEF. */
static inline long env_count(const char *name, long def)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return def;
    char *end;
    long v = strtol(s, &end, 10);
    return (*end == '\0' && v > 0) ? v : def;
}

static inline double mb(size_t bytes) { return (double)bytes / (1024.0 * 1024.0); }

/* The PRNG the C and Python sides share (bench/gc_bench.c, bench/gc_bench.py):
 * a 64-bit LCG (Knuth's MMIX constants), seed 42, one sequence a process;
 * the next index in [0, bound). */
static inline uint64_t lcg_index(uint64_t bound)
{
    static uint64_t lcg_state = 42;
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (lcg_state >> 33) % bound;
}

#ifdef RECLAIM_H

/* ---- the node ------------------------------------------------------------------- */

/* A RC_TYPE_GC object with two owned references a and b: 16 B object head
 * + 2 pointers = 32 B, plus the 16 B collector head: 48 B a node, as a
 * CPython object of a class with __slots__ = ('a', 'b').  traverse visits a
 * and b, clear and destroy drop them. */
typedef struct bench_node {
    rc_object ob;
    rc_object *a, *b;
} bench_node;

static inline int bench_node_traverse(rc_object *self, rc_visit visit, void *arg)
{
    bench_node *n = (bench_node *)self;
    int r;
    if (n->a && (r = visit(n->a, arg)))
        return r;
    if (n->b && (r = visit(n->b, arg)))
        return r;
    return 0;
}

static inline void bench_node_clear(rc_object *self)
{
    bench_node *n = (bench_node *)self;
    RC_CLEAR(n->a);
    RC_CLEAR(n->b);
}

/* A new node of heap h (a and b NULL), owned by the caller; NULL if rc_new fails. */
static inline bench_node *bench_node_new(rc_heap *h)
{
    static const rc_type bench_node_type = {
        .name = "node",
        .size = sizeof(bench_node),
        .flags = RC_TYPE_GC,
        .traverse = bench_node_traverse,
        .clear = bench_node_clear,
        .destroy = bench_node_clear,
    };
    return (bench_node *)rc_new(h, &bench_node_type);
}

/* The list that holds a graph's nodes as the Python side's list does
 * (nodes = [Node() for ...]: made first, then each node appended as it is
 * made), so that a collection, like CPython's, finds every node referenced
 * from inside the set, reached from the list, in the same list order.
 * bench_list_take hands the caller's reference to a new node over to the
 * list; the caller's pointer stays valid (borrowed) while the list lives.
 * Nonzero if the heap says no. */
static inline int bench_list_take(rc_object *list, bench_node *node)
{
    if (rc_list_append(list, &node->ob) != 0)
        return -1;
    rc_decref(node);
    return 0;
}

/* "PROG: WHAT failed: the heap's error message" on stderr, and exit(1). */
static inline void bench_die(const char *prog, rc_heap *h, const char *what)
{
    fprintf(stderr, "%s: %s failed: %s\n", prog, what, rc_error_message(h));
    exit(1);
}

/* ---- the collector ------------------------------------------------------------------ */

/* the collector's own time (rc_gc_get_stats), summed over generations [s] */
static inline double gc_pause_total(rc_heap *h)
{
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    return st[0].pause_total_s + st[1].pause_total_s + st[2].pause_total_s;
}

/* The collector's mode, as heap h reports it.  reclaim has no getter;
 * a library with modes (reclaim.h defines RC_GC_INCREMENTAL) answers
 * rc_gc_step with -1 and RC_EINVAL when the heap's collector is
 * generational, so that is asked, once the measured part is over (a step
 * may do a little pass work).  An older library is generational whatever
 * RECLAIM_GC says.  *src: how it was learnt. */
static inline const char *gc_mode(rc_heap *h, const char **src)
{
#ifdef RC_GC_INCREMENTAL
    *src = "rc_gc_step";
    rc_error_clear(h);
    if (rc_gc_step(h, 0) < 0 && rc_error(h) == RC_EINVAL)
        return "generational";
    return "incremental";
#else
    (void)h;
    *src = "default";
    return "generational";
#endif
}

#endif /* RECLAIM_H */

#endif /* BENCH_COMMON_H */
