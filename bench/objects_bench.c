/*
 * objects_bench.c — reclaim's object layer against malloc/free and CPython.
 *
 * One source, compiled once per allocator with exactly one of
 *   -DUSE_RECLAIM   (link build/libreclaim.a; one rc_heap for the process)
 *   -DUSE_GLIBC     (malloc/free of the C library)
 *   -DUSE_MIMALLOC  (-lmimalloc; mi_malloc/mi_free)
 *   -DUSE_JEMALLOC  (-ljemalloc; Debian's jemalloc has no prefix: malloc/free)
 *   -DUSE_TCMALLOC  (-ltcmalloc; tc_malloc/tc_free)
 * (the same flags as bench/alloc_bench.c; bench/run.sh builds both alike).
 *
 * Usage: objects_bench_<alloc> WORKLOAD     (one workload per process)
 *
 * Part 1, every allocator: create and destroy 32-byte objects.
 *   lifo   10M pairs: create an object, destroy it at once    -> ns/pair
 *   batch  10M objects created (pointers kept), then all destroyed in
 *          creation order                                      -> ns/object
 *   The object is {refcount, type, payload[2]}, 32 bytes.
 *   reclaim: rc_new(h, &obj32_type) — a non-GC rc_type of size 32, no
 *     destroy slot; the object comes back zero-filled with count 1 — then a
 *     payload store; destroyed with rc_decref (count 1 -> 0 -> rc_dealloc ->
 *     rc_free).
 *   peers: malloc(32) and every field written (count 1, type, payload,
 *     zero), i.e. what rc_new hands back; destroyed by decrementing the count
 *     and free() at zero — the same object protocol on a bare allocator.
 *
 * Part 2, reclaim only (bench/objects_bench.py does the same in CPython):
 *   list   rc_list_new, then 10M x { rc_int_new(h, i + 1000);
 *          rc_list_append; rc_decref } (values outside the small-int cache)
 *                                                              -> ns/append
 *   dict   1M keys "key%d" built as str objects and hashed (rc_hash) before
 *          timing (the Python side builds them and calls hash() on each);
 *          then, timed separately, two RESULT lines:
 *            dict_insert  1M x { rc_int_new(h, i + 1000); rc_dict_set(d,
 *                         keys[i], v); rc_decref(v) }         -> ns/insert
 *            dict_lookup  1M x sum += rc_int_value(rc_dict_get(d, keys[i]))
 *                         with the same key objects            -> ns/lookup
 *   The teardown (rc_decref of the list / dict, and of the keys) is timed
 *   too and reported as teardown_ms= (not a table row).
 *   Checksums are the sum of the values and equal the Python side's.
 *
 * Counts can be scaled from the environment: BENCH_OBJ_N (part 1, default
 * 10M), BENCH_LIST_N (10M), BENCH_DICT_N (1M).
 *
 * Output: one line per measured quantity, e.g.
 *   RESULT workload=lifo alloc=glibc value=3.21 unit=ns/pair checksum=... ...
 * (bench/run.sh reads workload=, alloc=, value=, unit=, checksum=).
 *
 * Against the optimizer: every object gets a payload written, its pointer
 * escapes into an empty asm with a memory clobber, and a checksum of payloads
 * read back is printed.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* ---- the allocator under test ------------------------------------------- */

#if defined(USE_RECLAIM)
#include "reclaim.h"
#define ALLOC_NAME "reclaim"
static rc_heap *g_heap;
static void a_init(void)
{
    g_heap = rc_heap_new(NULL);
    if (!g_heap) { fprintf(stderr, "rc_heap_new failed\n"); exit(1); }
}

#elif defined(USE_GLIBC)
#define ALLOC_NAME "glibc"
#define A_MALLOC(n) malloc(n)
#define A_FREE(p) free(p)
static void a_init(void) {}

#elif defined(USE_MIMALLOC)
#include <mimalloc.h>
#define ALLOC_NAME "mimalloc"
#define A_MALLOC(n) mi_malloc(n)
#define A_FREE(p) mi_free(p)
static void a_init(void) {}

#elif defined(USE_JEMALLOC)
#include <jemalloc/jemalloc.h>
#define ALLOC_NAME "jemalloc"
#define A_MALLOC(n) malloc(n)   /* jemalloc.h: je_malloc == malloc */
#define A_FREE(p) free(p)
static void a_init(void) {}

#elif defined(USE_TCMALLOC)
#include <gperftools/tcmalloc.h>
#define ALLOC_NAME "tcmalloc"
#define A_MALLOC(n) tc_malloc(n)
#define A_FREE(p) tc_free(p)
static void a_init(void) {}

#else
#error "define one of USE_RECLAIM USE_GLIBC USE_MIMALLOC USE_JEMALLOC USE_TCMALLOC"
#endif

/* ---- helpers -------------------------------------------------------------- */

#define ESCAPE(p) __asm__ volatile("" : : "r"(p) : "memory")

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Minor page faults of the process so far (first touches of fresh pages). */
static long minflt(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_minflt : 0;
}

/* Memory for the benchmark's own arrays: mmap (not the allocator under test)
 * and touched in full before any timing. */
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

static void check(const void *p)
{
    if (!p) { fprintf(stderr, ALLOC_NAME ": allocation failed\n"); exit(1); }
}

static void result(const char *w, double value, const char *unit, uint64_t checksum, const char *extra)
{
    printf("RESULT workload=%s alloc=%s value=%.4f unit=%s checksum=%llu%s%s\n", w, ALLOC_NAME,
           value, unit, (unsigned long long)checksum, extra ? " " : "", extra ? extra : "");
    fflush(stdout);
}

/* ---- the 32-byte object ------------------------------------------------------ */

typedef struct obj32 {
    intptr_t refcnt;
    const void *type;
    uint64_t payload[2];
} obj32;

#if defined(USE_RECLAIM)
_Static_assert(sizeof(obj32) == 32 && sizeof(rc_object) == 16, "obj32 layout");
static const rc_type obj32_type = { .name = "obj32", .size = sizeof(obj32) };

static inline obj32 *obj_new(void)
{
    return (obj32 *)rc_new(g_heap, &obj32_type);
}
static inline void obj_release(obj32 *o)
{
    rc_decref(o);
}
#else
static const char obj32_type_tag[] = "obj32";

static inline obj32 *obj_new(void)
{
    obj32 *o = A_MALLOC(sizeof *o);
    if (o) {
        o->refcnt = 1;
        o->type = obj32_type_tag;
        o->payload[0] = 0;
        o->payload[1] = 0;
    }
    return o;
}
static inline void obj_release(obj32 *o)
{
    if (--o->refcnt == 0)
        A_FREE(o);
}
#endif

/* ---- part 1: lifo ------------------------------------------------------------ */

static void w_lifo(void)
{
    const long n = env_count("BENCH_OBJ_N", 10000000L);
    uint64_t sum = 0;
    for (int i = 0; i < 1000; i++) {   /* warm-up: the size class's first page */
        obj32 *o = obj_new();
        check(o);
        ESCAPE(o);
        obj_release(o);
    }
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        obj32 *o = obj_new();
        o->payload[0] = (uint64_t)i;
        ESCAPE(o);
        sum += o->payload[0];
        obj_release(o);
    }
    double t1 = now_ns();
    char extra[64];
    snprintf(extra, sizeof extra, "pairs=%ld", n);
    result("lifo", (t1 - t0) / (double)n, "ns/pair", sum, extra);
}

/* ---- part 1: batch ------------------------------------------------------------ */

static void w_batch(void)
{
    const long n = env_count("BENCH_OBJ_N", 10000000L);
    obj32 **ptr = bench_array((size_t)n * sizeof *ptr);
    uint64_t sum = 0;
    for (int i = 0; i < 1000; i++) {
        obj32 *o = obj_new();
        check(o);
        ESCAPE(o);
        obj_release(o);
    }
    long f0 = minflt();
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        obj32 *o = obj_new();
        check(o);
        o->payload[0] = (uint64_t)i;
        ESCAPE(o);
        ptr[i] = o;
    }
    double t1 = now_ns();
    for (long i = 0; i < n; i++) {
        obj32 *o = ptr[i];
        sum += o->payload[0];
        obj_release(o);
    }
    double t2 = now_ns();
    long f1 = minflt();
    char extra[160];
    snprintf(extra, sizeof extra, "objects=%ld create_ms=%.1f destroy_ms=%.1f minflt=%ld", n,
             (t1 - t0) / 1e6, (t2 - t1) / 1e6, f1 - f0);
    result("batch", (t2 - t0) / (double)n, "ns/object", sum, extra);
}

/* ---- part 2: list and dict (reclaim only) ------------------------------------- */

#if defined(USE_RECLAIM)

static void fail(const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, rc_error_message(g_heap));
    exit(1);
}

static void w_list(void)
{
    rc_heap *const h = g_heap;
    const long n = env_count("BENCH_LIST_N", 10000000L);
    rc_object *l = rc_list_new(h);
    if (!l) fail("rc_list_new");
    long f0 = minflt();
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        rc_object *v = rc_int_new(h, (int64_t)i + 1000);
        if (!v) fail("rc_int_new");
        if (rc_list_append(l, v) != 0) fail("rc_list_append");
        rc_decref(v);
    }
    double t1 = now_ns();
    long f1 = minflt();
    uint64_t sum = 0;
    if (rc_list_len(l) != n) fail("rc_list_len");
    for (long i = 0; i < n; i++)
        sum += (uint64_t)rc_int_value(rc_list_get(l, i));
    double t2 = now_ns();
    rc_decref(l);
    double t3 = now_ns();
    char extra[128];
    snprintf(extra, sizeof extra, "n=%ld teardown_ms=%.1f minflt=%ld", n, (t3 - t2) / 1e6, f1 - f0);
    result("list", (t1 - t0) / (double)n, "ns/append", sum, extra);
}

static void w_dict(void)
{
    rc_heap *const h = g_heap;
    const long n = env_count("BENCH_DICT_N", 1000000L);
    rc_object **keys = bench_array((size_t)n * sizeof *keys);
    char buf[32];
    for (long i = 0; i < n; i++) {
        int len = snprintf(buf, sizeof buf, "key%ld", i);
        keys[i] = rc_str_new(h, buf, (size_t)len);
        if (!keys[i]) fail("rc_str_new");
        if (rc_hash(keys[i]) == -1) fail("rc_hash");
    }
    rc_object *d = rc_dict_new(h);
    if (!d) fail("rc_dict_new");

    long f0 = minflt();
    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        rc_object *v = rc_int_new(h, (int64_t)i + 1000);
        if (!v) fail("rc_int_new");
        if (rc_dict_set(d, keys[i], v) != 0) fail("rc_dict_set");
        rc_decref(v);
    }
    double t1 = now_ns();
    long f1 = minflt();
    int64_t sum = 0;
    for (long i = 0; i < n; i++) {
        rc_object *v = rc_dict_get(d, keys[i]);
        if (!v) fail("rc_dict_get");
        sum += rc_int_value(v);
    }
    double t2 = now_ns();
    if (rc_dict_len(d) != n) fail("rc_dict_len");
    rc_decref(d);
    for (long i = 0; i < n; i++) rc_decref(keys[i]);
    double t3 = now_ns();

    char extra[128];
    snprintf(extra, sizeof extra, "n=%ld minflt=%ld", n, f1 - f0);
    result("dict_insert", (t1 - t0) / (double)n, "ns/insert", (uint64_t)sum, extra);
    snprintf(extra, sizeof extra, "n=%ld teardown_ms=%.1f", n, (t3 - t2) / 1e6);
    result("dict_lookup", (t2 - t1) / (double)n, "ns/lookup", (uint64_t)sum, extra);
}

#endif /* USE_RECLAIM */

/* ---- main ------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *w = argc > 1 ? argv[1] : "";
    a_init();
    if (!strcmp(w, "lifo")) w_lifo();
    else if (!strcmp(w, "batch")) w_batch();
#if defined(USE_RECLAIM)
    else if (!strcmp(w, "list")) w_list();
    else if (!strcmp(w, "dict")) w_dict();
#endif
    else {
        fprintf(stderr, "usage: %s WORKLOAD   (lifo batch%s)   [allocator: %s]\n", argv[0],
#if defined(USE_RECLAIM)
                " list dict",
#else
                "",
#endif
                ALLOC_NAME);
        return 2;
    }
    return 0;
}
