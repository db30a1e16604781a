/*
 * gc_bench.c — reclaim's cycle collector against CPython 3.11's gc module.
 *
 * bench/gc_bench.py does the same work in Python; bench/run.sh (section gc)
 * runs both in alternation and compares medians.
 *
 * Usage: gc_bench_reclaim WORKLOAD     (one workload per process)
 *
 * The node: a RC_TYPE_GC rc_type with two owned references a and b
 *   (rc_object head 16 B + 2 pointers = 32 B, plus the 16 B collector head:
 *   48 B a node, as a CPython object of a class with __slots__ = ('a', 'b');
 *   traverse visits a and b, clear and destroy drop them; bench_node of
 *   bench/bench_common.h, which the other collector benchmarks share).
 *
 * The PRNG: a 64-bit LCG (Knuth's MMIX constants),
 *   x = x * 6364136223846793005 + 1442695040888963407  (mod 2^64),
 *   index = (x >> 33) % bound,
 *   seed 42; the Python side computes the same numbers, so both build the
 *   same graph (checksums compare the edge indices).  lcg_index in
 *   bench/bench_common.h.
 *
 * Workloads:
 *   graph   N = 1M nodes (BENCH_GC_N) created with automatic collection off
 *           (rc_gc_disable); node i gets a = node[r % N], b = node[r' % N] in
 *           order i = 0..N-1.  A list made first holds them
 *           (bench_list_take: as the Python side's list does, so that no
 *           node is a root of its own).
 *           Two RESULT lines:
 *             live     rc_gc_collect(h, 2) while the graph is alive
 *                      -> ns per node (time / N)
 *             garbage  the list dropped (rc_decref; nodes that nothing
 *                      else references die by reference counting, not
 *                      timed), then rc_gc_collect(h, 2) timed
 *                      -> ns per object the collection found unreachable
 *           (rc_gc_collect of generation 2 also trims the heap: included in
 *           the time, as the API does it; the collector's own pause from
 *           rc_gc_get_stats is printed as pause_ms=).
 *   cycles  automatic collection on, default thresholds (700, 10, 10):
 *           1M (BENCH_GC_CYCLES) x { a, b = two new nodes; a->a = b;
 *           b->a = a; drop both }, then rc_gc_collect(h, 2); the whole loop
 *           and the final collection timed  -> ns per object (time / 2M)
 *   pause   automatic collection on, default thresholds: 3M (BENCH_GC_PAUSE_N)
 *           nodes created one by one and kept in a C array; node i gets
 *           a = node[r % (i+1)], b = node[r' % (i+1)] right after it is
 *           created (the graph grows as the collections run).  value = the
 *           longest pause of any collection, max over the generations of
 *           rc_gc_get_stats pause_max_s -> ms.  Also printed: the same from a
 *           collector callback (START..STOP, as the Python side measures),
 *           collections per generation, and then a full rc_gc_collect of the
 *           3M live nodes (full_ms=).
 *
 * Output:
 *   RESULT workload=live alloc=reclaim value=... unit=ns/object checksum=... ...
 * (bench/run.sh reads workload=, alloc=, value=, unit=, checksum=).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reclaim.h"
#include "bench_common.h"   /* the node, now_s, lcg_index, env_count, mb, gc_pause_total */

#define ALLOC_NAME "reclaim"

/* ---- helpers ------------------------------------------------------------------ */

static rc_heap *h;

static void die(const char *what) { bench_die("gc_bench", h, what); }

static bench_node *new_node(void)
{
    bench_node *n = bench_node_new(h);
    if (!n)
        die("rc_new");
    return n;
}

static void set_edge(rc_object **field, bench_node *target)
{
    rc_incref(target);
    RC_SETREF(*field, &target->ob);
}

static void result(const char *w, double value, const char *unit, unsigned long long checksum,
                   const char *extra)
{
    printf("RESULT workload=%s alloc=%s value=%.4f unit=%s checksum=%llu %s\n", w, ALLOC_NAME,
           value, unit, checksum, extra);
    fflush(stdout);
}

/* ---- graph: live and garbage ------------------------------------------------------------ */

static void w_graph(void)
{
    long n = env_count("BENCH_GC_N", 1000000);
    bench_node **nodes = malloc((size_t)n * sizeof *nodes);
    if (!nodes)
        die("malloc");
    rc_gc_disable(h);
    rc_object *list = rc_list_new(h);
    if (!list)
        die("rc_list_new");
    for (long i = 0; i < n; i++)
        if (bench_list_take(list, nodes[i] = new_node()) != 0)
            die("rc_list_append");
    unsigned long long edges = 0;
    for (long i = 0; i < n; i++) {
        uint64_t ia = lcg_index((uint64_t)n), ib = lcg_index((uint64_t)n);
        set_edge(&nodes[i]->a, nodes[ia]);
        set_edge(&nodes[i]->b, nodes[ib]);
        edges += ia * 3 + ib;
    }
    free(nodes);
    size_t rss_built = rc_process_rss();

    /* (1) full collection, graph alive */
    double p0 = gc_pause_total(h);
    double t0 = now_s();
    rc_ssize found_live = rc_gc_collect(h, 2);
    double t1 = now_s();
    double p1 = gc_pause_total(h);
    if (found_live != 0) {
        fprintf(stderr, "gc_bench: live collection found %lld objects\n", (long long)found_live);
        exit(1);
    }
    char extra[256];
    snprintf(extra, sizeof extra, "nodes=%ld collected=%lld total_ms=%.3f pause_ms=%.3f rss_mb=%.1f",
             n, (long long)found_live, (t1 - t0) * 1e3, (p1 - p0) * 1e3, mb(rss_built));
    result("live", (t1 - t0) * 1e9 / (double)n, "ns/object", edges, extra);

    /* (2) the graph becomes garbage */
    rc_stats s;
    double d0 = now_s();
    rc_decref(list);
    double d1 = now_s();
    rc_heap_stats(h, &s);
    size_t left = s.objects_live;
    p0 = gc_pause_total(h);
    t0 = now_s();
    rc_ssize found = rc_gc_collect(h, 2);
    t1 = now_s();
    p1 = gc_pause_total(h);
    rc_heap_stats(h, &s);
    if (found <= 0 || (size_t)found != left || s.objects_live != 0) {
        fprintf(stderr, "gc_bench: garbage collection found %lld of %zu; %zu left alive\n",
                (long long)found, left, s.objects_live);
        exit(1);
    }
    snprintf(extra, sizeof extra,
             "nodes=%ld collected=%lld total_ms=%.3f pause_ms=%.3f drop_ms=%.3f rss_after_mb=%.1f",
             n, (long long)found, (t1 - t0) * 1e3, (p1 - p0) * 1e3, (d1 - d0) * 1e3,
             mb(rc_process_rss()));
    result("garbage", (t1 - t0) * 1e9 / (double)found, "ns/object",
           edges + (unsigned long long)found, extra);
}

/* ---- cycles -------------------------------------------------------------------------------------- */

static void w_cycles(void)
{
    long n = env_count("BENCH_GC_CYCLES", 1000000);
    rc_gc_set_threshold(h, 700, 10, 10);
    rc_gc_enable(h);
    double t0 = now_s();
    for (long i = 0; i < n; i++) {
        bench_node *a = new_node(), *b = new_node();
        set_edge(&a->a, b);
        set_edge(&b->a, a);
        rc_decref(a);
        rc_decref(b);
    }
    double t1 = now_s();
    rc_ssize final = rc_gc_collect(h, 2);
    double t2 = now_s();
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    long long collected = (long long)(st[0].collected + st[1].collected + st[2].collected);
    rc_stats s;
    rc_heap_stats(h, &s);
    if (collected != 2LL * n || s.objects_live != 0) {
        fprintf(stderr, "gc_bench: cycles: collected %lld of %lld; %zu left alive\n", collected,
                2LL * n, s.objects_live);
        exit(1);
    }
    char extra[256];
    snprintf(extra, sizeof extra,
             "cycles=%ld collected=%lld final=%lld loop_ms=%.3f final_ms=%.3f pause_ms=%.3f "
             "collections=%lld,%lld,%lld",
             n, collected, (long long)final, (t1 - t0) * 1e3, (t2 - t1) * 1e3, gc_pause_total(h) * 1e3,
             (long long)st[0].collections, (long long)st[1].collections, (long long)st[2].collections);
    result("cycles", (t2 - t0) * 1e9 / (2.0 * (double)n), "ns/object", (unsigned long long)collected,
           extra);
}

/* ---- pause ----------------------------------------------------------------------------------------- */

static double cb_start, cb_max[3];
static void on_gc(rc_heap *hh, int phase, int gen, rc_ssize collected, rc_ssize uncollectable, void *arg)
{
    (void)hh; (void)collected; (void)uncollectable; (void)arg;
    if (phase == RC_GC_START) {
        cb_start = now_s();
    } else {
        double d = now_s() - cb_start;
        if (d > cb_max[gen])
            cb_max[gen] = d;
    }
}

static void w_pause(void)
{
    long n = env_count("BENCH_GC_PAUSE_N", 3000000);
    bench_node **nodes = malloc((size_t)n * sizeof *nodes);
    if (!nodes)
        die("malloc");
    rc_gc_set_threshold(h, 700, 10, 10);
    rc_gc_enable(h);
    if (rc_gc_add_callback(h, on_gc, NULL) != 0)
        die("rc_gc_add_callback");
    unsigned long long edges = 0;
    double t0 = now_s();
    for (long i = 0; i < n; i++) {
        nodes[i] = new_node();
        uint64_t ia = lcg_index((uint64_t)i + 1), ib = lcg_index((uint64_t)i + 1);
        set_edge(&nodes[i]->a, nodes[ia]);
        set_edge(&nodes[i]->b, nodes[ib]);
        edges += ia * 3 + ib;
    }
    double t1 = now_s();
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    double pmax = 0;
    int pgen = 0;
    for (int g = 0; g < 3; g++)
        if (st[g].pause_max_s > pmax) {
            pmax = st[g].pause_max_s;
            pgen = g;
        }
    double cbmax = cb_max[0] > cb_max[1] ? cb_max[0] : cb_max[1];
    cbmax = cbmax > cb_max[2] ? cbmax : cb_max[2];
    size_t rss_built = rc_process_rss();
    /* a full collection of the whole live heap (not the value: extra) */
    double f0 = now_s();
    rc_ssize found = rc_gc_collect(h, 2);
    double f1 = now_s();
    if (found != 0) {
        fprintf(stderr, "gc_bench: pause: full collection found %lld\n", (long long)found);
        exit(1);
    }
    char extra[512];
    snprintf(extra, sizeof extra,
             "nodes=%ld max_gen=%d max_ms_by_gen=%.3f,%.3f,%.3f cb_max_ms=%.3f "
             "collections=%lld,%lld,%lld build_ms=%.3f pause_total_ms=%.3f full_ms=%.3f rss_mb=%.1f",
             n, pgen, st[0].pause_max_s * 1e3, st[1].pause_max_s * 1e3, st[2].pause_max_s * 1e3,
             cbmax * 1e3, (long long)st[0].collections, (long long)st[1].collections,
             (long long)st[2].collections, (t1 - t0) * 1e3,
             (st[0].pause_total_s + st[1].pause_total_s + st[2].pause_total_s) * 1e3,
             (f1 - f0) * 1e3, mb(rss_built));
    result("pause", pmax * 1e3, "ms", edges, extra);
    for (long i = 0; i < n; i++)
        rc_decref(nodes[i]);
    free(nodes);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s graph|cycles|pause\n", argv[0]);
        return 2;
    }
    h = rc_heap_new(NULL);
    if (!h) {
        fprintf(stderr, "gc_bench: rc_heap_new failed\n");
        return 1;
    }
    if (!strcmp(argv[1], "graph"))
        w_graph();
    else if (!strcmp(argv[1], "cycles"))
        w_cycles();
    else if (!strcmp(argv[1], "pause"))
        w_pause();
    else {
        fprintf(stderr, "gc_bench: unknown workload %s\n", argv[1]);
        return 2;
    }
    rc_heap_free(h);
    return 0;
}
