/*
 * gcbench.c — GCBench (Hans Boehm's benchmark, after John Ellis and Pete
 * Kovac) on reclaim and on its peers, and a "cache-hostile graph" for
 * reclaim's cycle collector.  Section gcbench of bench/run.sh
 * (bench/gcbench_section.sh) builds and runs it.
 *
 * One source, one binary per variant, chosen with -D:
 *   -DUSE_RECLAIM_TRACKED    nodes are objects of an RC_TYPE_GC rc_type
 *                            (traverse/clear over the two children);
 *                            automatic collection on, default thresholds
 *                            (700, 10, 10).  RECLAIM_GC (generational,
 *                            incremental) is left to the library: this
 *                            program only prints it (gc_env=) next to the
 *                            mode the heap reports (gc_mode=; see gc_mode()).
 *   -DUSE_RECLAIM_UNTRACKED  the same node type without RC_TYPE_GC:
 *                            reference counting alone.
 *   -DUSE_BOEHM              Boehm-Demers-Weiser GC (libgc-dev, -lgc):
 *                            GC_INIT, GC_MALLOC (GC_MALLOC_ATOMIC for the
 *                            array of doubles), nothing freed.
 *   -DUSE_GLIBC              malloc/free: a tree is freed explicitly (post
 *                            order) when it is dropped.
 *
 * Usage: gcbench_VARIANT [gcbench|graph]          (default gcbench)
 *
 * gcbench — the published benchmark's parameters and shape:
 *   kStretchTreeDepth 18, kLongLivedTreeDepth 16, kArraySize 500000,
 *   kMinTreeDepth 4, kMaxTreeDepth 16; TreeSize(i) = 2^(i+1) - 1,
 *   NumIters(i) = 2 * TreeSize(kStretchTreeDepth) / TreeSize(i).
 *   1. a tree of depth 18 is built bottom-up and dropped (stretches the heap);
 *   2. a long-lived tree of depth 16 is built top-down, and a long-lived
 *      array of 500K doubles is allocated and half filled (a[i] = 1/i);
 *      both stay live until the end;
 *   3. for d = 4, 6, ..., 16: NumIters(d) trees of depth d built top-down
 *      (Populate: the parent first, then its children) and dropped one by
 *      one, then NumIters(d) trees built bottom-up (MakeTree: the children
 *      first) and dropped: 2 * NumIters(d) trees a depth;
 *   4. the long-lived tree and array are checked (the original's "Failed").
 *   A node is {left, right, int i, int j} (reclaim: after the 16-byte object
 *   header).  The value is the wall time of 1-4 (CLOCK_MONOTONIC), as the
 *   original's "Completed in"; dropping the long-lived data afterwards is
 *   reported apart (teardown_ms=).  So that no work can be elided, every
 *   node gets i = its depth and j = a running count, and before a tree is
 *   dropped its leftmost and rightmost paths are read into a checksum
 *   (the same in every variant).
 *   Printed: per-depth times (the original's lines, on stderr) and
 *     RESULT workload=gcbench alloc=VARIANT value=SECONDS unit=s
 *            cpu_s=... peak_rss_mb=... gc_ms=... collections=... checksum=... ...
 *   cpu_s: user + system CPU time over the same span (getrusage; less
 *   sensitive than the wall time to other processes on a shared machine).
 *   peak_rss_mb: getrusage ru_maxrss.  gc_ms / collections: reclaim, the
 *   sums over the generations of rc_gc_get_stats pause_total_s /
 *   collections (0 untracked); Boehm, GC_get_full_gc_total_time (every
 *   collection of a non-incremental Boehm GC is full) / GC_get_gc_no;
 *   malloc, 0.
 *
 * graph — reclaim only (built with USE_RECLAIM_TRACKED): the cache-hostile
 *   graph.  N = 1M nodes (BENCH_GRAPH_N) of the 48-byte node of
 *   bench/gc_bench.c (bench_node, bench/bench_common.h: RC_TYPE_GC, two
 *   references a and b: 16 B collector head + 16 B object head + 2
 *   pointers, as a CPython object with __slots__ = ('a', 'b')), created in
 *   index order with automatic collection off (rc_gc_disable); then node
 *   i gets a = node[(7i + 1) mod N], b = node[(13i + 5) mod N], i = 0..N-1.
 *   A list made first holds the nodes (bench_list_take, as the Python
 *   side's list does: no node is a root of its own).
 *   bench/gcgraph.py builds the same graph in CPython.  As gc_bench.c's
 *   graph workload:
 *     graph_live     rc_gc_collect(h, 2) with the graph alive -> ns per node
 *     graph_garbage  the list dropped (not timed: drop_ms=),
 *                    then rc_gc_collect(h, 2) -> ns per object found
 *   (rc_gc_collect(h, 2) ends with a heap trim, included in the time as in
 *   gc_bench.c; the collector proper is pause_ms=).  For N prime to 7 and
 *   13 both maps are bijections: every node has two referrers, so nothing
 *   dies when the array lets go and the collector finds all N.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#if defined(USE_RECLAIM_TRACKED) || defined(USE_RECLAIM_UNTRACKED)
#define USE_RECLAIM 1
#include "reclaim.h"
#elif defined(USE_BOEHM)
#include <gc.h>
#elif !defined(USE_GLIBC)
#error "compile with -DUSE_RECLAIM_TRACKED, -DUSE_RECLAIM_UNTRACKED, -DUSE_BOEHM or -DUSE_GLIBC"
#endif

/* now_s (all variants); with reclaim.h also the gc_bench node, env_count, mb,
 * gc_pause_total, gc_mode */
#include "bench_common.h"

#if defined(USE_RECLAIM_TRACKED)
#define VARIANT "reclaim_tracked"
#elif defined(USE_RECLAIM_UNTRACKED)
#define VARIANT "reclaim_untracked"
#elif defined(USE_BOEHM)
#define VARIANT "boehm"
#else
#define VARIANT "malloc"
#endif

/* ---- the benchmark's parameters ----------------------------------------------- */

enum {
    kStretchTreeDepth = 18,
    kLongLivedTreeDepth = 16,
    kArraySize = 500000,
    kMinTreeDepth = 4,
    kMaxTreeDepth = 16,
};

static long TreeSize(int i) { return (1L << (i + 1)) - 1; }
static long NumIters(int i) { return 2 * TreeSize(kStretchTreeDepth) / TreeSize(i); }

/* ---- helpers ------------------------------------------------------------------------- */

/* user + system CPU time of the process so far [s] */
static double cpu_s(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)ru.ru_maxrss / 1024.0;     /* KiB on Linux */
}

/* Threads of this process (/proc/self/status): Boehm's parallel markers
 * show here. */
static int thread_count(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    int n = 0;
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "Threads: %d", &n) == 1)
            break;
    fclose(f);
    return n;
}

static void fail(const char *what)
{
    fprintf(stderr, "gcbench (%s): %s\n", VARIANT, what);
    exit(1);
}

/* ---- the node, per variant ---------------------------------------------------------- */

typedef struct Node {
#ifdef USE_RECLAIM
    rc_object ob;
#endif
    struct Node *left, *right;
    int i, j;
} Node;

#ifdef USE_RECLAIM
static rc_heap *heap;

static int node_traverse(rc_object *self, rc_visit visit, void *arg)
{
    Node *n = (Node *)self;
    int r;
    if (n->left && (r = visit(&n->left->ob, arg)))
        return r;
    if (n->right && (r = visit(&n->right->ob, arg)))
        return r;
    return 0;
}

static void node_clear(rc_object *self)
{
    Node *n = (Node *)self;
    RC_CLEAR(n->left);
    RC_CLEAR(n->right);
}

static const rc_type node_type = {
    .name = "Node",
    .size = sizeof(Node),
#ifdef USE_RECLAIM_TRACKED
    .flags = RC_TYPE_GC,
#else
    .flags = 0,
#endif
    .traverse = node_traverse,
    .clear = node_clear,
    .destroy = node_clear,
};
#endif

static int node_serial;     /* j of the next node */

/* A new node (fields zero but i and j), owned by the caller. */
static inline Node *new_node(int depth)
{
#if defined(USE_RECLAIM)
    Node *n = (Node *)rc_new(heap, &node_type);
#elif defined(USE_BOEHM)
    Node *n = (Node *)GC_MALLOC(sizeof(Node));
#else
    Node *n = (Node *)malloc(sizeof(Node));
    if (n)
        n->left = n->right = NULL;
#endif
    if (!n)
        fail("out of memory");
    n->i = depth;
    n->j = node_serial++;
    return n;
}

#ifdef USE_GLIBC
static void free_tree(Node *n)
{
    if (!n)
        return;
    free_tree(n->left);
    free_tree(n->right);
    free(n);
}
#endif

/* The caller gives up its reference to the tree rooted at n. */
static inline void drop_tree(Node *n)
{
#if defined(USE_RECLAIM)
    rc_decref(n);
#elif defined(USE_BOEHM)
    (void)n;             /* unreachable from now on: the collector's business */
#else
    free_tree(n);
#endif
}

static double *new_array(size_t n)
{
#if defined(USE_RECLAIM)
    double *a = (double *)rc_malloc(heap, n * sizeof(double));
#elif defined(USE_BOEHM)
    double *a = (double *)GC_MALLOC_ATOMIC(n * sizeof(double));
#else
    double *a = (double *)malloc(n * sizeof(double));
#endif
    if (!a)
        fail("out of memory (array)");
    memset(a, 0, n * sizeof(double));
    return a;
}

static void free_array(double *a)
{
#if defined(USE_RECLAIM)
    rc_free(heap, a);
#elif defined(USE_BOEHM)
    (void)a;
#else
    free(a);
#endif
}

/* ---- the benchmark ------------------------------------------------------------------------- */

static uint64_t checksum;

/* Read the tree's two outer paths (depth + 1 nodes each) into the checksum
 * before it is dropped: the tree must really exist. */
static void check_tree(const Node *root)
{
    uint64_t s = 0;
    for (const Node *n = root; n; n = n->left)
        s = s * 31 + (uint64_t)n->i;
    for (const Node *n = root; n; n = n->right)
        s = s * 37 + (uint64_t)(unsigned)n->j;
    checksum = checksum * 1000003 + s;
}

/* Top down: give an existing node children down to depth 0. */
static void Populate(int depth, Node *n)
{
    if (depth <= 0)
        return;
    depth--;
    n->left = new_node(depth);
    n->right = new_node(depth);
    Populate(depth, n->left);
    Populate(depth, n->right);
}

/* Bottom up: the children first, then their parent. */
static Node *MakeTree(int depth)
{
    if (depth <= 0)
        return new_node(0);
    Node *l = MakeTree(depth - 1);
    Node *r = MakeTree(depth - 1);
    Node *n = new_node(depth);
    n->left = l;
    n->right = r;
    return n;
}

static void TimeConstruction(int depth)
{
    long iters = NumIters(depth);
    fprintf(stderr, "Creating %ld trees of depth %d\n", iters, depth);
    double t0 = now_s();
    for (long k = 0; k < iters; k++) {
        Node *t = new_node(depth);
        Populate(depth, t);
        check_tree(t);
        drop_tree(t);
    }
    double t1 = now_s();
    fprintf(stderr, "\tTop down construction took %.0f msec\n", (t1 - t0) * 1e3);
    for (long k = 0; k < iters; k++) {
        Node *t = MakeTree(depth);
        check_tree(t);
        drop_tree(t);
    }
    double t2 = now_s();
    fprintf(stderr, "\tBottom up construction took %.0f msec\n", (t2 - t1) * 1e3);
}

/* The collector's mode, as the heap reports it (bench_common.h's gc_mode);
 * "none" without a collector. */
static const char *gcbench_mode(const char **src)
{
#if defined(USE_RECLAIM_TRACKED)
    return gc_mode(heap, src);
#else
    *src = "none";
    return "none";
#endif
}

static int w_gcbench(void)
{
    const char *env = getenv("RECLAIM_GC");
    fprintf(stderr, "Garbage Collector Test (%s, RECLAIM_GC=%s)\n", VARIANT, env && *env ? env : "unset");
    fprintf(stderr, " Stretching memory with a binary tree of depth %d\n", kStretchTreeDepth);
    double t0 = now_s(), c0 = cpu_s();

    /* 1. stretch the heap */
    Node *t = MakeTree(kStretchTreeDepth);
    check_tree(t);
    drop_tree(t);

    /* 2. the long-lived data */
    fprintf(stderr, " Creating a long-lived binary tree of depth %d\n", kLongLivedTreeDepth);
    Node *longLived = new_node(kLongLivedTreeDepth);
    Populate(kLongLivedTreeDepth, longLived);
    fprintf(stderr, " Creating a long-lived array of %d doubles\n", kArraySize);
    double *array = new_array(kArraySize);
    for (int k = 0; k < kArraySize / 2; k++)
        array[k] = 1.0 / k;               /* a[0] = inf, as in the original */

    /* 3. the temporary trees */
    for (int d = kMinTreeDepth; d <= kMaxTreeDepth; d += 2)
        TimeConstruction(d);

    /* 4. the long-lived data is still there */
    if (longLived == NULL || array[1000] != 1.0 / 1000)
        fail("Failed");
    check_tree(longLived);
    double t1 = now_s(), c1 = cpu_s();
    fprintf(stderr, "Completed in %.0f ms.\n", (t1 - t0) * 1e3);

    double gc_ms = 0;
    long long collections = 0;
    char more[200] = "";
#if defined(USE_RECLAIM)
    rc_gc_stats st[3];
    rc_gc_get_stats(heap, st);
    for (int g = 0; g < 3; g++) {
        gc_ms += st[g].pause_total_s * 1e3;
        collections += (long long)st[g].collections;
    }
    snprintf(more, sizeof more, "by_gen=%lld,%lld,%lld gc_ms_by_gen=%.1f,%.1f,%.1f max_pause_ms=%.3f",
             (long long)st[0].collections, (long long)st[1].collections, (long long)st[2].collections,
             st[0].pause_total_s * 1e3, st[1].pause_total_s * 1e3, st[2].pause_total_s * 1e3,
             1e3 * (st[0].pause_max_s > st[1].pause_max_s
                        ? (st[0].pause_max_s > st[2].pause_max_s ? st[0].pause_max_s : st[2].pause_max_s)
                        : (st[1].pause_max_s > st[2].pause_max_s ? st[1].pause_max_s : st[2].pause_max_s)));
#elif defined(USE_BOEHM)
    gc_ms = (double)GC_get_full_gc_total_time();
    collections = (long long)GC_get_gc_no();
    snprintf(more, sizeof more, "heap_mb=%.1f", mb(GC_get_heap_size()));
#endif
    double rss = peak_rss_mb();
    const char *mode_src, *mode = gcbench_mode(&mode_src);

    /* teardown, not in the value */
    double d0 = now_s();
    drop_tree(longLived);
    free_array(array);
    double d1 = now_s();

    printf("RESULT workload=gcbench alloc=%s value=%.4f unit=s cpu_s=%.4f peak_rss_mb=%.1f gc_ms=%.1f "
           "collections=%lld checksum=%llu gc_mode=%s gc_mode_src=%s gc_env=%s nodes=%d threads=%d "
           "teardown_ms=%.1f %s\n",
           VARIANT, t1 - t0, c1 - c0, rss, gc_ms, collections, (unsigned long long)checksum, mode,
           mode_src, env && *env ? env : "unset", node_serial, thread_count(), (d1 - d0) * 1e3, more);
    fflush(stdout);
    return 0;
}

/* ---- graph: the cache-hostile graph (reclaim, tracked) ------------------------------------- */

#ifdef USE_RECLAIM_TRACKED
static int w_graph(void)
{
    long n = env_count("BENCH_GRAPH_N", 1000000);
    bench_node **nodes = malloc((size_t)n * sizeof *nodes);
    if (!nodes)
        fail("malloc");
    rc_gc_disable(heap);
    double b0 = now_s();
    rc_object *list = rc_list_new(heap);
    if (!list)
        fail("rc_list_new");
    for (long i = 0; i < n; i++)
        if (!(nodes[i] = bench_node_new(heap)) || bench_list_take(list, nodes[i]) != 0)
            fail("rc_new");
    unsigned long long edges = 0;
    for (long i = 0; i < n; i++) {
        long ia = (7 * i + 1) % n, ib = (13 * i + 5) % n;
        rc_incref(nodes[ia]);
        nodes[i]->a = &nodes[ia]->ob;
        rc_incref(nodes[ib]);
        nodes[i]->b = &nodes[ib]->ob;
        edges += (unsigned long long)ia * 3 + (unsigned long long)ib;
    }
    free(nodes);
    double b1 = now_s();
    size_t rss_built = rc_process_rss();

    /* with the graph alive */
    double p0 = gc_pause_total(heap), t0 = now_s();
    rc_ssize found_live = rc_gc_collect(heap, 2);
    double t1 = now_s(), p1 = gc_pause_total(heap);
    if (found_live != 0) {
        fprintf(stderr, "gcbench: graph: live collection found %lld objects\n", (long long)found_live);
        return 1;
    }
    printf("RESULT workload=graph_live alloc=reclaim value=%.4f unit=ns/object checksum=%llu "
           "nodes=%ld collected=0 total_ms=%.3f pause_ms=%.3f build_ms=%.3f rss_mb=%.1f\n",
           (t1 - t0) * 1e9 / (double)n, edges, n, (t1 - t0) * 1e3, (p1 - p0) * 1e3, (b1 - b0) * 1e3,
           mb(rss_built));

    /* the whole graph garbage */
    double d0 = now_s();
    rc_decref(list);
    double d1 = now_s();
    rc_stats s;
    rc_heap_stats(heap, &s);
    size_t left = s.objects_live;
    p0 = gc_pause_total(heap);
    t0 = now_s();
    rc_ssize found = rc_gc_collect(heap, 2);
    t1 = now_s();
    p1 = gc_pause_total(heap);
    rc_heap_stats(heap, &s);
    if (found <= 0 || (size_t)found != left || s.objects_live != 0) {
        fprintf(stderr, "gcbench: graph: garbage collection found %lld of %zu; %zu left alive\n",
                (long long)found, left, s.objects_live);
        return 1;
    }
    printf("RESULT workload=graph_garbage alloc=reclaim value=%.4f unit=ns/object checksum=%llu "
           "nodes=%ld collected=%lld total_ms=%.3f pause_ms=%.3f drop_ms=%.3f rss_after_mb=%.1f\n",
           (t1 - t0) * 1e9 / (double)found, edges + (unsigned long long)found, n, (long long)found,
           (t1 - t0) * 1e3, (p1 - p0) * 1e3, (d1 - d0) * 1e3, mb(rc_process_rss()));
    fflush(stdout);
    return 0;
}
#endif

int main(int argc, char **argv)
{
    const char *w = argc > 1 ? argv[1] : "gcbench";
    if (argc > 2 || (strcmp(w, "gcbench") && strcmp(w, "graph"))) {
        fprintf(stderr, "usage: %s [gcbench|graph]\n", argv[0]);
        return 2;
    }
#if defined(USE_RECLAIM)
    heap = rc_heap_new(NULL);
    if (!heap)
        fail("rc_heap_new failed");
#elif defined(USE_BOEHM)
    GC_INIT();
    GC_start_performance_measurement();
#endif
    int rc;
    if (!strcmp(w, "graph")) {
#ifdef USE_RECLAIM_TRACKED
        rc = w_graph();
#else
        fprintf(stderr, "gcbench: graph needs the reclaim_tracked build\n");
        rc = 2;
#endif
    } else {
        rc = w_gcbench();
    }
#if defined(USE_RECLAIM)
    rc_heap_free(heap);
#endif
    return rc;
}
