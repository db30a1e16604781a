/*
 * pause_bench.c — how long a mutator waits on reclaim's cycle collector:
 * every step of a program that builds a large live graph while it drops
 * garbage cycles is timed from outside, and the longest steps are reported.
 * Section gcbench of bench/run.sh (bench/gcbench_section.sh) runs it with
 * RECLAIM_GC=generational (the default mode) and with
 * RECLAIM_GC=incremental; the library reads the variable itself (a library
 * without modes runs both as generational, and this program says so:
 * gc_mode= is the mode the heap reports, see gc_mode(); gc_env= what was
 * asked).
 *
 * Usage: pause_bench [N]         N nodes (default BENCH_PAUSE_N, else 3M)
 *
 * The node: bench/gc_bench.c's 48-byte RC_TYPE_GC node (two references a
 * and b; bench_node of bench/bench_common.h).  Automatic collection on,
 * default thresholds (700, 10, 10).  Step i (i = 0..N-1):
 *   node[i] = rc_new(); node[i].a = node[r % (i+1)], node[i].b = node[r' % (i+1)]
 *   (r, r' from gc_bench.c's LCG, seed 42: the live graph of its pause
 *   workload), kept in a C array (one reference each);
 *   and every 10th step (i % 10 == 9) also: x = rc_new(), y = rc_new(),
 *   x.a = y, y.a = x, both dropped (a garbage 2-node cycle only the
 *   collector can free).
 * Each step is timed with clock_gettime(CLOCK_MONOTONIC) just before and
 * just after it, so a step's time includes any collection that an rc_new of
 * the step triggered (an incremental collector's slices included).  Step
 * times go to an array (uint32 ns) and are ranked after the loop:
 *   value = the longest step [ms]; p9999_us, p99_us, p50_us (nearest rank);
 *   over_1ms = steps longer than 1 ms; total_s = the loop's wall time
 *   (clock reads included: ~2 per step); steps_s = the sum of the step
 *   times; and from rc_gc_get_stats: collections per generation, the
 *   collector's total and longest pause.
 * Preemption: on a shared machine the kernel gives the CPU to another
 *   process now and then (for a scheduler tick, 4 ms at HZ=250, or more),
 *   and the step it happens in looks like a pause of the collector.  So the
 *   time this thread has waited for a CPU (run_delay, the second field of
 *   /proc/thread-self/schedstat) is read outside the timed region every 256
 *   steps and after every step longer than 100 us; such a step's time less
 *   the wait since the previous read is its "adjusted" time (the window
 *   holds up to 256 earlier steps, each under 100 us, so a wait of theirs
 *   is at most that).  max_adj_ms, p9999_adj_us: the longest and the
 *   p99.99 of the steps so adjusted; adjusted = steps that waited;
 *   run_delay_ms = the loop's waits in all; nivcsw = its involuntary
 *   context switches (getrusage).  Time the hypervisor takes from the VM
 *   (steal) is not seen.
 * Checked: the objects alive are the N nodes and the cycles' nodes the
 *   collector has not freed yet (2 x cycles - collected).  The heap is then
 *   freed whole.
 * Memory: 48 B a live node plus 8 (array) and 4 (step time; 4 more for a
 *   copy while ranking): 3M ~ 190 MB, 30M ~ 1.9 GB.
 *
 * Output:
 *   RESULT workload=pause alloc=reclaim value=MAX_MS unit=ms p9999_us=... p99_us=...
 *          max_adj_ms=... total_s=... checksum=... gc_mode=... gc_env=... ...
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "reclaim.h"
#include "bench_common.h"   /* the node, now_ns, lcg_index, env_count, mb, gc_mode */

static rc_heap *h;

/* A step longer than this is checked for time spent waiting for a CPU. */
#define SLOW_STEP_NS 100000u

static void die(const char *what) { bench_die("pause_bench", h, what); }

static inline bench_node *new_node(void)
{
    bench_node *n = bench_node_new(h);
    if (!n)
        die("rc_new");
    return n;
}

/* The k-th smallest of v[0..n) (0-based; v is reordered): quickselect. */
static uint32_t select_kth(uint32_t *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        uint32_t pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                uint32_t t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return v[k];
    }
    return v[k];
}

/* Nearest-rank percentile p (0 < p < 100) of v[0..n) (v is reordered). */
static double percentile_us(uint32_t *v, size_t n, double p)
{
    size_t rank = (size_t)((p / 100.0) * (double)n + 0.999999);   /* ceil */
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return select_kth(v, n, rank - 1) / 1e3;
}

/* How long this thread has waited for a CPU so far [ns]: the second field
 * of /proc/thread-self/schedstat (run_delay); -1 if unavailable. */
static int schedstat_fd = -1;
static int64_t run_delay_ns(void)
{
    char buf[128];
    if (schedstat_fd < 0)
        return -1;
    ssize_t k = pread(schedstat_fd, buf, sizeof buf - 1, 0);
    if (k <= 0)
        return -1;
    buf[k] = '\0';
    unsigned long long exec, delay;
    if (sscanf(buf, "%llu %llu", &exec, &delay) != 2)
        return -1;
    return (int64_t)delay;
}

/* Involuntary context switches of this process so far. */
static long nivcsw(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_nivcsw : 0;
}

int main(int argc, char **argv)
{
    long n = env_count("BENCH_PAUSE_N", 3000000);
    if (argc > 2) {
        fprintf(stderr, "usage: %s [N]\n", argv[0]);
        return 2;
    }
    if (argc == 2 && (n = strtol(argv[1], NULL, 10)) <= 0) {
        fprintf(stderr, "pause_bench: bad N %s\n", argv[1]);
        return 2;
    }
    const char *env = getenv("RECLAIM_GC");
    h = rc_heap_new(NULL);
    if (!h) {
        fprintf(stderr, "pause_bench: rc_heap_new failed\n");
        return 1;
    }
    bench_node **nodes = malloc((size_t)n * sizeof *nodes);
    uint32_t *step = malloc((size_t)n * sizeof *step);
    if (!nodes || !step)
        die("malloc");
    /* touch the bookkeeping arrays now, so their page faults are not steps' */
    memset(nodes, 0, (size_t)n * sizeof *nodes);
    memset(step, 0, (size_t)n * sizeof *step);

    unsigned long long edges = 0;
    uint64_t max_ns = 0, sum_ns = 0, max_adj_ns = 0;
    long max_at = 0, over_1ms = 0;
    long csw_start = nivcsw();
    schedstat_fd = open("/proc/thread-self/schedstat", O_RDONLY);
    int64_t delay_start = run_delay_ns(), delay_base = delay_start;
    int have_delay = delay_start >= 0;
    struct adjusted { long i; uint32_t ns; } *adj = NULL;   /* steps that waited for a CPU */
    long nadj = 0, adj_cap = 0;
    uint64_t t_begin = now_ns();
    for (long i = 0; i < n; i++) {
        if ((i & 255) == 0 && have_delay)
            delay_base = run_delay_ns();
        uint64_t t0 = now_ns();
        bench_node *nd = new_node();
        nodes[i] = nd;
        uint64_t ia = lcg_index((uint64_t)i + 1), ib = lcg_index((uint64_t)i + 1);
        rc_incref(nodes[ia]);
        nd->a = &nodes[ia]->ob;
        rc_incref(nodes[ib]);
        nd->b = &nodes[ib]->ob;
        if (i % 10 == 9) {
            bench_node *x = new_node(), *y = new_node();
            rc_incref(y);
            x->a = &y->ob;
            rc_incref(x);
            y->a = &x->ob;
            rc_decref(x);
            rc_decref(y);
        }
        uint64_t d = now_ns() - t0;
        step[i] = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
        sum_ns += d;
        if (d > max_ns) {
            max_ns = d;
            max_at = i;
        }
        if (d > 1000000)
            over_1ms++;
        uint64_t dq = d;           /* less the time spent waiting for a CPU */
        if (d > SLOW_STEP_NS && have_delay) {
            int64_t now = run_delay_ns();
            uint64_t waited = now > delay_base ? (uint64_t)(now - delay_base) : 0;
            delay_base = now;
            if (waited) {
                dq = d > waited ? d - waited : 0;
                if (nadj == adj_cap) {
                    adj_cap = adj_cap ? 2 * adj_cap : 256;
                    if (!(adj = realloc(adj, (size_t)adj_cap * sizeof *adj)))
                        die("realloc");
                }
                adj[nadj].i = i;
                adj[nadj++].ns = (uint32_t)(dq > UINT32_MAX ? UINT32_MAX : dq);
            }
        }
        if (dq > max_adj_ns)
            max_adj_ns = dq;
        edges += ia * 3 + ib;
    }
    uint64_t t_end = now_ns();
    long csw_loop = nivcsw() - csw_start;
    double delay_loop_ms = have_delay ? (double)(run_delay_ns() - delay_start) / 1e6 : -1;
    if (schedstat_fd >= 0)
        close(schedstat_fd);

    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    double gc_total = 0, gc_max = 0;
    for (int g = 0; g < 3; g++) {
        gc_total += st[g].pause_total_s;
        if (st[g].pause_max_s > gc_max)
            gc_max = st[g].pause_max_s;
    }
    size_t rss = rc_process_rss();
    /* the p99.99 of the step times less their waits, from a copy */
    double p9999_adj = -1;
    if (nadj) {
        uint32_t *q = malloc((size_t)n * sizeof *q);
        if (!q)
            die("malloc");
        memcpy(q, step, (size_t)n * sizeof *q);
        for (long k = 0; k < nadj; k++)
            q[adj[k].i] = adj[k].ns;
        p9999_adj = percentile_us(q, (size_t)n, 99.99);
        free(q);
    }
    double p50 = percentile_us(step, (size_t)n, 50.0);
    double p99 = percentile_us(step, (size_t)n, 99.0);
    double p9999 = percentile_us(step, (size_t)n, 99.99);
    if (!nadj)
        p9999_adj = p9999;

    /* every garbage cycle is either collected or still pending: live objects
     * = the N nodes + 2 x the cycles the collector has not found yet */
    long cycles = n / 10;
    long long collected = (long long)(st[0].collected + st[1].collected + st[2].collected);
    rc_stats s;
    rc_heap_stats(h, &s);
    if ((long long)s.objects_live != (long long)n + 2LL * cycles - collected || collected <= 0) {
        fprintf(stderr, "pause_bench: %zu objects alive; expected %ld nodes + %lld pending\n",
                s.objects_live, n, 2LL * cycles - collected);
        return 1;
    }

    const char *mode_src, *mode = gc_mode(h, &mode_src);
    printf("RESULT workload=pause alloc=reclaim value=%.4f unit=ms p9999_us=%.2f p99_us=%.3f "
           "p50_us=%.3f max_adj_ms=%.4f p9999_adj_us=%.2f adjusted=%ld run_delay_ms=%.3f nivcsw=%ld "
           "over_1ms=%ld max_step=%ld total_s=%.4f steps_s=%.4f checksum=%llu "
           "gc_mode=%s gc_mode_src=%s gc_env=%s nodes=%ld cycles=%ld collected=%lld collections=%lld,%lld,%lld "
           "gc_total_ms=%.3f gc_max_ms=%.3f rss_mb=%.1f\n",
           (double)max_ns / 1e6, p9999, p99, p50, (double)max_adj_ns / 1e6, p9999_adj, nadj,
           delay_loop_ms, csw_loop, over_1ms, max_at, (double)(t_end - t_begin) / 1e9,
           (double)sum_ns / 1e9, edges, mode, mode_src, env && *env ? env : "unset", n, cycles, collected,
           (long long)st[0].collections, (long long)st[1].collections, (long long)st[2].collections,
           gc_total * 1e3, gc_max * 1e3, mb(rss));
    fflush(stdout);
    free(nodes);
    free(step);
    free(adj);
    rc_heap_free(h);     /* the graph goes with the heap (dropping it node by node
                          * is a random walk: ~13 s for 30M) */
    return 0;
}
