/*
 * alloc_bench.c — raw allocator benchmark: reclaim against glibc, mimalloc,
 * jemalloc and tcmalloc.
 *
 * One source, compiled once per allocator with exactly one of
 *   -DUSE_RECLAIM   (link build/libreclaim.a; one rc_heap for the process)
 *   -DUSE_GLIBC     (malloc/free of the C library)
 *   -DUSE_MIMALLOC  (-lmimalloc; mi_malloc/mi_free)
 *   -DUSE_JEMALLOC  (-ljemalloc; Debian's jemalloc has no prefix: malloc/free)
 *   -DUSE_TCMALLOC  (-ltcmalloc; tc_malloc/tc_free)
 * Every workload calls the allocator through the A_MALLOC/A_FREE macros below,
 * so the loop body is the same code for all of them: only the called function
 * differs.
 *
 * Usage: bench_<alloc> WORKLOAD        (one workload per process, fresh heap)
 *   1  LIFO pairs: malloc(32) then free at once              -> ns/pair
 *   2  random replace: 64K live slots of 16..512 B, free a random slot and
 *      malloc a new random size in it                         -> ns/op
 *   3  3M blocks of 48 B allocated, then freed in allocation order; 3 rounds
 *                                                             -> ns/block
 *   4  2M blocks of 16..496 B; free all but a random 1 in 1000; the
 *      allocator's own trim; RSS retained of what the allocation added -> %
 *   5  10M blocks of 32 B kept live: RSS growth over 320 MB live -> overhead %
 * (1) runs 100M pairs by default (50M took under 0.3 s for most allocators).
 * Counts of 1 and 2 can be scaled with BENCH_W1_PAIRS / BENCH_W2_OPS (env).
 *
 * Output: one line per run, e.g.
 *   RESULT workload=1 alloc=glibc value=3.21 unit=ns/op checksum=...
 * (extra key=value fields may follow; bench/run.sh reads value=).
 *
 * Against the optimizer: every block gets a byte written into it, the pointer
 * escapes into an empty asm with a memory clobber (so neither the malloc/free
 * pair nor the store can be elided), and a checksum of bytes read back from
 * the blocks is printed.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* ---- the allocator under test ------------------------------------------- */

#if defined(USE_RECLAIM)
#include "reclaim.h"
#define ALLOC_NAME "reclaim"
static rc_heap *g_heap;
/* A_CTX copies the heap pointer into a local so the memory clobbers of the
 * escape below do not force a reload of the global on every call. */
#define A_CTX rc_heap *const a_heap = g_heap
#define A_MALLOC(n) rc_malloc(a_heap, (n))
#define A_FREE(p) rc_free(a_heap, (p))
static void a_init(void)
{
    g_heap = rc_heap_new(NULL);
    if (!g_heap) { fprintf(stderr, "rc_heap_new failed\n"); exit(1); }
}
static const char *a_trim(void) { rc_heap_trim(g_heap); return "rc_heap_trim"; }

#elif defined(USE_GLIBC)
#include <malloc.h>
#define ALLOC_NAME "glibc"
#define A_CTX (void)0
#define A_MALLOC(n) malloc(n)
#define A_FREE(p) free(p)
static void a_init(void) {}
static const char *a_trim(void) { malloc_trim(0); return "malloc_trim(0)"; }

#elif defined(USE_MIMALLOC)
#include <mimalloc.h>
#define ALLOC_NAME "mimalloc"
#define A_CTX (void)0
#define A_MALLOC(n) mi_malloc(n)
#define A_FREE(p) mi_free(p)
static void a_init(void) {}
static const char *a_trim(void) { mi_collect(true); return "mi_collect(true)"; }

#elif defined(USE_JEMALLOC)
#include <jemalloc/jemalloc.h>
#define ALLOC_NAME "jemalloc"
#define A_CTX (void)0
#define A_MALLOC(n) malloc(n)   /* jemalloc.h: je_malloc == malloc */
#define A_FREE(p) free(p)
#define STR_(x) #x
#define STRINGIFY(x) STR_(x)
static void a_init(void) {}
static const char *a_trim(void)
{
    /* Flush this thread's cache first so its blocks count as free, then
     * purge every arena. */
    mallctl("thread.tcache.flush", NULL, NULL, NULL, 0);
    int rc = mallctl("arena." STRINGIFY(MALLCTL_ARENAS_ALL) ".purge", NULL, NULL, NULL, 0);
    if (rc != 0) { fprintf(stderr, "mallctl arena.<all>.purge failed: %d\n", rc); exit(1); }
    return "mallctl(arena." STRINGIFY(MALLCTL_ARENAS_ALL) ".purge)";
}

#elif defined(USE_TCMALLOC)
#include <gperftools/malloc_extension_c.h>
#include <gperftools/tcmalloc.h>
#define ALLOC_NAME "tcmalloc"
#define A_CTX (void)0
#define A_MALLOC(n) tc_malloc(n)
#define A_FREE(p) tc_free(p)
static void a_init(void) {}
static const char *a_trim(void) { MallocExtension_ReleaseFreeMemory(); return "MallocExtension_ReleaseFreeMemory"; }

#else
#error "define one of USE_RECLAIM USE_GLIBC USE_MIMALLOC USE_JEMALLOC USE_TCMALLOC"
#endif

/* ---- helpers -------------------------------------------------------------- */

/* The pointer escapes and memory may have been read: the allocation and the
 * byte stored in it must really happen. */
#define ESCAPE(p) __asm__ volatile("" : : "r"(p) : "memory")

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* splitmix64: fast, deterministic, identical for every allocator. */
static inline uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi] without division: multiply-shift on 32 random bits. */
static inline size_t rng_range(uint64_t r32, size_t lo, size_t hi)
{
    return lo + (size_t)(((r32 & 0xffffffffull) * (uint64_t)(hi - lo + 1)) >> 32);
}

/* Resident bytes of the process, from /proc/self/statm. */
static size_t rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long size = 0, resident = 0;
    int n = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    return n == 2 ? (size_t)resident * (size_t)sysconf(_SC_PAGESIZE) : 0;
}

/* Memory for the benchmark's own arrays: mmap (not the allocator under test)
 * and touched in full, so it is resident before any RSS baseline. */
static void *bench_array(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); exit(1); }
    memset(p, 1, bytes);
    return p;
}

static long env_count(const char *name, long dflt)
{
    const char *v = getenv(name);
    long n = v ? strtol(v, NULL, 10) : 0;
    return n > 0 ? n : dflt;
}

static void check(void *p)
{
    if (!p) { fprintf(stderr, ALLOC_NAME ": allocation failed\n"); exit(1); }
}

static void result(int w, double value, const char *unit, uint64_t checksum, const char *extra)
{
    printf("RESULT workload=%d alloc=%s value=%.4f unit=%s checksum=%llu%s%s\n", w, ALLOC_NAME,
           value, unit, (unsigned long long)checksum, extra ? " " : "", extra ? extra : "");
    fflush(stdout);
}

/* ---- (1) LIFO pairs of 32 B ----------------------------------------------- */

static void w1_lifo(void)
{
    A_CTX;
    const long n = env_count("BENCH_W1_PAIRS", 100000000L);
    uint64_t sum = 0;
    /* warm-up: the first page of the size class */
    for (int i = 0; i < 1000; i++) { char *p = A_MALLOC(32); check(p); p[0] = 1; ESCAPE(p); A_FREE(p); }
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        char *p = A_MALLOC(32);
        p[0] = (char)i;
        ESCAPE(p);
        sum += (unsigned char)p[0];
        A_FREE(p);
    }
    double t1 = now_ns();
    char extra[64];
    snprintf(extra, sizeof extra, "pairs=%ld", n);
    result(1, (t1 - t0) / (double)n, "ns/pair", sum, extra);
}

/* ---- (2) random replace in a 64K working set --------------------------- */

#define W2_SLOTS 65536u

static void w2_random(void)
{
    A_CTX;
    const long ops = env_count("BENCH_W2_OPS", 20000000L);
    char **slot = bench_array(W2_SLOTS * sizeof *slot);
    uint64_t s = 0x5eed0002u, sum = 0;
    for (unsigned i = 0; i < W2_SLOTS; i++) {
        size_t n = rng_range(rng_next(&s), 16, 512);
        char *p = A_MALLOC(n);
        check(p);
        p[0] = (char)i;
        slot[i] = p;
    }
    double t0 = now_ns();
    for (long i = 0; i < ops; i++) {
        uint64_t r = rng_next(&s);
        unsigned k = (unsigned)(r >> 48);             /* 16 bits: 0..65535 */
        size_t n = rng_range(r, 16, 512);             /* low 32 bits */
        char *old = slot[k];
        sum += (unsigned char)old[0];
        A_FREE(old);
        char *p = A_MALLOC(n);
        p[0] = (char)i;
        ESCAPE(p);
        slot[k] = p;
    }
    double t1 = now_ns();
    for (unsigned i = 0; i < W2_SLOTS; i++) { sum += (unsigned char)slot[i][0]; A_FREE(slot[i]); }
    char extra[64];
    snprintf(extra, sizeof extra, "ops=%ld slots=%u", ops, W2_SLOTS);
    result(2, (t1 - t0) / (double)ops, "ns/op", sum, extra);
}

/* ---- (3) 3M x 48 B allocated, freed in allocation order, 3 rounds -------- */

#define W3_BLOCKS 3000000L
#define W3_ROUNDS 3

static void w3_fifo(void)
{
    A_CTX;
    char **ptr = bench_array(W3_BLOCKS * sizeof *ptr);
    uint64_t sum = 0;
    double round_ms[W3_ROUNDS];
    double t0 = now_ns(), tr = t0;
    for (int r = 0; r < W3_ROUNDS; r++) {
        for (long i = 0; i < W3_BLOCKS; i++) {
            char *p = A_MALLOC(48);
            p[0] = (char)i;
            ESCAPE(p);
            ptr[i] = p;
        }
        for (long i = 0; i < W3_BLOCKS; i++) {
            sum += (unsigned char)ptr[i][0];
            A_FREE(ptr[i]);
        }
        double te = now_ns();
        round_ms[r] = (te - tr) / 1e6;
        tr = te;
    }
    double t1 = tr;
    char extra[128];
    snprintf(extra, sizeof extra, "blocks=%ld rounds=%d total_ms=%.1f round_ms=%.1f,%.1f,%.1f",
             W3_BLOCKS, W3_ROUNDS, (t1 - t0) / 1e6, round_ms[0], round_ms[1], round_ms[2]);
    result(3, (t1 - t0) / (double)(W3_BLOCKS * W3_ROUNDS), "ns/block", sum, extra);
}

/* ---- (4) RSS given back after freeing 999 of 1000 and trimming ---------- */

#define W4_BLOCKS 2000000L

static void w4_trim(void)
{
    A_CTX;
    char **ptr = bench_array(W4_BLOCKS * sizeof *ptr);
    uint64_t s = 0x5eed0004u, sum = 0;
    long kept = 0;
    size_t rss0 = rss_bytes();
    for (long i = 0; i < W4_BLOCKS; i++) {
        size_t n = rng_range(rng_next(&s), 16, 496);
        char *p = A_MALLOC(n);
        check(p);
        memset(p, (int)(i & 0x7f), n);   /* the block is really used: every page touched */
        ptr[i] = p;
    }
    size_t rss1 = rss_bytes();
    for (long i = 0; i < W4_BLOCKS; i++) {
        if (rng_next(&s) % 1000 == 0) { kept++; continue; }   /* a random 1 in 1000 survives */
        sum += (unsigned char)ptr[i][0];
        A_FREE(ptr[i]);
        ptr[i] = NULL;
    }
    size_t rss_freed = rss_bytes();
    const char *how = a_trim();
    size_t rss2 = rss_bytes();
    for (long i = 0; i < W4_BLOCKS; i++)
        if (ptr[i]) { sum += (unsigned char)ptr[i][0]; A_FREE(ptr[i]); }
    double grown = (double)rss1 - (double)rss0;
    double retained = grown > 0 ? ((double)rss2 - (double)rss0) / grown * 100.0 : 0.0;
    char extra[256];
    snprintf(extra, sizeof extra,
             "kept=%ld rss_before_kb=%zu rss_alloc_kb=%zu rss_freed_kb=%zu rss_trim_kb=%zu trim=%s",
             kept, rss0 / 1024, rss1 / 1024, rss_freed / 1024, rss2 / 1024, how);
    result(4, retained, "%retained", sum, extra);
}

/* ---- (5) memory overhead of 10M live 32 B blocks ------------------------- */

#define W5_BLOCKS 10000000L
#define W5_SIZE 32

static void w5_overhead(void)
{
    A_CTX;
    char **ptr = bench_array(W5_BLOCKS * sizeof *ptr);
    uint64_t sum = 0;
    size_t rss0 = rss_bytes();
    for (long i = 0; i < W5_BLOCKS; i++) {
        char *p = A_MALLOC(W5_SIZE);
        check(p);
        p[0] = (char)i;
        ptr[i] = p;
    }
    ESCAPE(ptr);
    size_t rss1 = rss_bytes();
    for (long i = 0; i < W5_BLOCKS; i++) sum += (unsigned char)ptr[i][0];
    double live = (double)W5_BLOCKS * W5_SIZE;
    double growth = (double)rss1 - (double)rss0;
    char extra[128];
    snprintf(extra, sizeof extra, "live_kb=%.0f growth_kb=%.0f", live / 1024, growth / 1024);
    result(5, (growth - live) / live * 100.0, "%overhead", sum, extra);
    /* the blocks are left to process exit: freeing 10M blocks is not measured */
}

/* ---- main ------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    int w = argc > 1 ? atoi(argv[1]) : 0;
    if (w < 1 || w > 5) {
        fprintf(stderr, "usage: %s WORKLOAD (1..5)   [allocator: %s]\n", argv[0], ALLOC_NAME);
        return 2;
    }
    a_init();
    /* Initialize the allocator (first malloc) before any measurement. */
    {
        A_CTX;
        char *p = A_MALLOC(64);
        check(p);
        p[0] = 1;
        ESCAPE(p);
        A_FREE(p);
    }
    switch (w) {
    case 1: w1_lifo(); break;
    case 2: w2_random(); break;
    case 3: w3_fifo(); break;
    case 4: w4_trim(); break;
    case 5: w5_overhead(); break;
    }
    return 0;
}
