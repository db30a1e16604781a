/*
 * release_bench.c — how much memory goes back to the OS after a program frees
 * its data, step by step: reclaim's object API against the same data shapes
 * built with glibc malloc, mimalloc, jemalloc and tcmalloc.  The scripts in
 * bench/release/ do the same in Python (the reclaim interpreter and CPython
 * 3.11); bench/release_section.sh (section "release" of bench/run.sh) runs
 * them all.
 *
 * One source, compiled once per allocator with exactly one of
 *   -DUSE_RECLAIM   (build/libreclaim.a; one rc_heap; the library's objects)
 *   -DUSE_GLIBC     (malloc/realloc/free of the C library)
 *   -DUSE_MIMALLOC  (-lmimalloc; mi_malloc/mi_realloc/mi_free)
 *   -DUSE_JEMALLOC  (-ljemalloc; Debian's jemalloc has no prefix)
 *   -DUSE_TCMALLOC  (-ltcmalloc; tc_malloc/tc_realloc/tc_free)
 * exactly as bench/alloc_bench.c (bench/run.sh's build_bench).
 *
 * Usage: release_bench_<alloc> SCENARIO     (one scenario per process)
 *
 * Release scenarios.  RSS (/proc/self/statm, read with open/read: no
 * allocator call) is recorded at five steps and printed at the end:
 *   start    before anything is built (the allocator initialized)
 *   built    the data is alive
 *   del      everything dropped (the last reference, as Python's `del`)
 *   idle     300 ms later: nanosleep, no call into the allocator or library
 *   collect  after the allocator's own release call: reclaim
 *            rc_gc_collect(h, 2) (as gc.collect(); it trims the heap);
 *            glibc malloc_trim(0); mimalloc mi_collect(true); jemalloc
 *            thread.tcache.flush + arena.<all>.purge; tcmalloc
 *            MallocExtension_ReleaseFreeMemory()
 * The scenarios:
 *   ints    a list of 10M ints 0..10M-1, sized exactly (list(range(N)))
 *   dict    a dict of 1M str keys "key%d" -> int i
 *   inst    a list of 1M instances of class P (x = y = i), grown by append
 *   floats  a list of 1M floats i * 0.5, grown by append
 *   sparse  a list of 2M objects of 16..496 B (uniform: the 16-byte
 *           header {refcnt, type} and 0..480 bytes of payload, every byte
 *           written); a random 1 in 1000 also goes to a second list, which
 *           survives `del` (the Python side: bytes of random length)
 * The churn scenario (C only): a list of 4M ints (24 B each, values from
 * 1000 up: none shared; the list sized exactly, 32 MB of pointers) built and
 * dropped (one decref of the list) 50 times in a row, 128 MB a round, with
 * no pause between rounds.  Reports wall time per round, the kernel's share
 * of the CPU time (getrusage ru_stime / (ru_utime + ru_stime)) and the minor
 * page faults (ru_minflt), over the 50 rounds, and the faults per round
 * after the first: the cost of giving pages back and faulting them in again.
 * BENCH_CHURN_ROUNDS / BENCH_CHURN_N override the counts.
 *
 * The shapes.  reclaim uses its object API: rc_int_new (24 B, -5..256
 * shared and immortal), rc_float_new (24 B), rc_str_new, rc_list_new +
 * rc_list_append (CPython's growth) or rc_list_reserve, rc_dict_new +
 * rc_dict_set, and a RC_TYPE_GC type for instances.  The malloc peers build
 * the same shapes with the same protocol (count, type, destroy when the count
 * reaches zero), byte for byte where the layout is reclaim's:
 *   int, float   malloc(24) {refcnt, type, value}; ints -5..256 are static
 *                (reclaim's floats also keep a free list of dead floats)
 *   str          malloc(41 + len + 1): reclaim's rc_str header and text
 *   blob         malloc(16 + n) {refcnt, type, payload}; reclaim: a non-GC
 *                rc_type with itemsize 1 (rc_new_var)
 *   list         object + items array grown by realloc with CPython's
 *                list_resize rule ((n + n/8 + 6) & ~3), or sized exactly
 *   dict         CPython's compact dict: object + one table block
 *                (header, int32 indices[2^k], entries {hash, key, value}
 *                [2/3 2^k]), rebuilt at 3 * used when full, as reclaim's
 *   instance     CPython 3.11's layout: a 56-byte block (dict and values
 *                pointers, 16-byte GC links, refcnt, type, weakref list)
 *                plus a 32-byte values array (8-byte prefix, 3 slots);
 *                reclaim's GC type has the same 40-byte body behind its
 *                16-byte GC head, and the same rc_malloc'd values array.
 *
 * Output, after the last step (nothing is printed before: stdio's buffer
 * would be one more allocation):
 *   RESULT workload=ints.start alloc=glibc value=1.23 unit=MiB ...
 *   ... one line per step, then for churn:
 *   RESULT workload=churn.round_ms alloc=glibc value=... unit=ms ...
 *   RESULT workload=churn.sys_pct ... / churn.minflt (all rounds, thousands) /
 *          churn.minflt_steady (per round after the first) / churn.rss
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
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
#define A_MALLOC(n) rc_malloc(g_heap, (n))
#define A_REALLOC(p, n) rc_realloc(g_heap, (p), (n))
#define A_FREE(p) rc_free(g_heap, (p))
static void a_init(void)
{
    g_heap = rc_heap_new(NULL);
    if (!g_heap) { fprintf(stderr, "rc_heap_new failed\n"); exit(1); }
}
static const char *a_release(void) { rc_gc_collect(g_heap, 2); return "rc_gc_collect(h,2)"; }

#elif defined(USE_GLIBC)
#include <malloc.h>
#define ALLOC_NAME "glibc"
#define A_MALLOC(n) malloc(n)
#define A_REALLOC(p, n) realloc((p), (n))
#define A_FREE(p) free(p)
static void a_init(void) {}
static const char *a_release(void) { malloc_trim(0); return "malloc_trim(0)"; }

#elif defined(USE_MIMALLOC)
#include <mimalloc.h>
#define ALLOC_NAME "mimalloc"
#define A_MALLOC(n) mi_malloc(n)
#define A_REALLOC(p, n) mi_realloc((p), (n))
#define A_FREE(p) mi_free(p)
static void a_init(void) {}
static const char *a_release(void) { mi_collect(true); return "mi_collect(true)"; }

#elif defined(USE_JEMALLOC)
#include <jemalloc/jemalloc.h>
#define ALLOC_NAME "jemalloc"
#define A_MALLOC(n) malloc(n)   /* jemalloc.h: je_malloc == malloc */
#define A_REALLOC(p, n) realloc((p), (n))
#define A_FREE(p) free(p)
#define STR_(x) #x
#define STRINGIFY(x) STR_(x)
static void a_init(void) {}
static const char *a_release(void)
{
    /* this thread's cache first, so its blocks count as free; then every arena */
    mallctl("thread.tcache.flush", NULL, NULL, NULL, 0);
    if (mallctl("arena." STRINGIFY(MALLCTL_ARENAS_ALL) ".purge", NULL, NULL, NULL, 0) != 0) {
        fprintf(stderr, "mallctl arena.<all>.purge failed\n");
        exit(1);
    }
    return "mallctl(arena.<all>.purge)";
}

#elif defined(USE_TCMALLOC)
#include <gperftools/malloc_extension_c.h>
#include <gperftools/tcmalloc.h>
#define ALLOC_NAME "tcmalloc"
#define A_MALLOC(n) tc_malloc(n)
#define A_REALLOC(p, n) tc_realloc((p), (n))
#define A_FREE(p) tc_free(p)
static void a_init(void) {}
static const char *a_release(void)
{
    MallocExtension_ReleaseFreeMemory();
    return "MallocExtension_ReleaseFreeMemory";
}

#else
#error "define one of USE_RECLAIM USE_GLIBC USE_MIMALLOC USE_JEMALLOC USE_TCMALLOC"
#endif

/* ---- helpers -------------------------------------------------------------- */

static void die(const char *what)
{
#if defined(USE_RECLAIM)
    fprintf(stderr, ALLOC_NAME ": %s failed: %s\n", what, rc_error_message(g_heap));
#else
    fprintf(stderr, ALLOC_NAME ": %s failed\n", what);
#endif
    exit(1);
}

static void *check(void *p, const char *what)
{
    if (!p) die(what);
    return p;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Resident bytes of the process from /proc/self/statm, with open/read into
 * a stack buffer: no stdio, so no allocator call (the idle step must not
 * wake the allocator up). */
static size_t rss_bytes(void)
{
    char buf[128];
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = '\0';
    const char *s = buf;
    while (*s && *s != ' ') s++;          /* skip the first field (size) */
    while (*s == ' ') s++;
    size_t pages = 0;
    while (*s >= '0' && *s <= '9') pages = pages * 10 + (size_t)(*s++ - '0');
    return pages * (size_t)sysconf(_SC_PAGESIZE);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L}, rem;
    while (nanosleep(&ts, &rem) != 0) ts = rem;
}

/* splitmix64: deterministic, the same for every allocator. */
static inline uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static long env_count(const char *name, long dflt)
{
    const char *v = getenv(name);
    long n = v ? strtol(v, NULL, 10) : 0;
    return n > 0 ? n : dflt;
}

/* ---- the object layer: reclaim's API, or the same shapes on malloc --------- */

#if defined(USE_RECLAIM)

typedef rc_object obj;

static obj *o_int(int64_t v) { return check(rc_int_new(g_heap, v), "rc_int_new"); }
static obj *o_float(double v) { return check(rc_float_new(g_heap, v), "rc_float_new"); }
static obj *o_str(const char *s, size_t n) { return check(rc_str_new(g_heap, s, n), "rc_str_new"); }
static obj *o_list(void) { return check(rc_list_new(g_heap), "rc_list_new"); }
static void o_list_reserve(obj *l, long n)
{
    if (rc_list_reserve(l, n) != 0) die("rc_list_reserve");
}
static void o_list_append(obj *l, obj *item)   /* the list takes its own reference */
{
    if (rc_list_append(l, item) != 0) die("rc_list_append");
}
static long o_list_len(obj *l) { return (long)rc_list_len(l); }
static obj *o_dict(void) { return check(rc_dict_new(g_heap), "rc_dict_new"); }
static void o_dict_set(obj *d, obj *k, obj *v)  /* the dict takes its own references */
{
    if (rc_dict_set(d, k, v) != 0) die("rc_dict_set");
}
static long o_dict_len(obj *d) { return (long)rc_dict_len(d); }
static void o_decref(obj *o) { rc_decref(o); }

/* An instance of `class P: def __init__(self, i): self.x = i; self.y = i`
 * in CPython 3.11's shape: the object (40 B here + the 16-byte GC head =
 * CPython's 56 B with its pre-header) and a separate 32-byte values array
 * (8-byte prefix, 3 slots; x and y in the first two). */
typedef struct inst_values {
    uint64_t prefix;
    rc_object *slot[3];
} inst_values;
typedef struct inst {
    rc_object ob;
    rc_object *dict;          /* never materialized */
    inst_values *values;
    rc_object *weaklist;      /* CPython's __weakref__ slot; unused */
} inst;

static int inst_traverse(rc_object *self, rc_visit visit, void *arg)
{
    inst *p = (inst *)self;
    int r;
    if (p->values)
        for (int i = 0; i < 3; i++)
            if (p->values->slot[i] && (r = visit(p->values->slot[i], arg)))
                return r;
    return 0;
}
static void inst_clear(rc_object *self)
{
    inst *p = (inst *)self;
    if (p->values)
        for (int i = 0; i < 3; i++) RC_CLEAR(p->values->slot[i]);
}
static void inst_destroy(rc_object *self)
{
    inst *p = (inst *)self;
    inst_clear(self);
    if (p->values) {
        inst_values *v = p->values;
        p->values = NULL;
        rc_free(rc_heap_of(self), v);
    }
}
static const rc_type inst_type = {
    .name = "P",
    .size = sizeof(inst),
    .flags = RC_TYPE_GC,
    .traverse = inst_traverse,
    .clear = inst_clear,
    .destroy = inst_destroy,
};
_Static_assert(sizeof(inst) == 40 && sizeof(inst_values) == 32, "instance layout");

/* A blob: {refcnt, type} and n bytes of payload, 16 + n bytes in all (a
 * non-GC variable-size type). */
static const rc_type blob_type = {.name = "blob", .size = sizeof(rc_object), .itemsize = 1};
static obj *o_blob(size_t n, unsigned char **data)
{
    obj *o = check(rc_new_var(g_heap, &blob_type, (rc_ssize)n), "rc_new_var");
    *data = (unsigned char *)(o + 1);
    return o;
}

static obj *o_inst(obj *x)
{
    inst *p = (inst *)check(rc_new(g_heap, &inst_type), "rc_new");
    inst_values *v = check(rc_malloc(g_heap, sizeof *v), "rc_malloc");
    memset(v, 0, sizeof *v);
    v->prefix = 3;
    rc_incref(x); v->slot[0] = x;
    rc_incref(x); v->slot[1] = x;
    p->values = v;
    return &p->ob;
}

#else /* the malloc peers */

typedef struct ptype ptype;
typedef struct obj {
    intptr_t refcnt;          /* negative: immortal */
    const ptype *type;
} obj;
struct ptype {
    const char *name;
    void (*destroy)(obj *o); /* releases what o owns and o's memory */
};

static inline void o_incref(obj *o) { if (o->refcnt >= 0) o->refcnt++; }
static inline void o_decref(obj *o)
{
    if (o->refcnt >= 0 && --o->refcnt == 0) o->type->destroy(o);
}

/* GC links of container objects, as the 16-byte GC head of reclaim and
 * CPython: every list and instance is on one doubly linked list. */
typedef struct gchead { struct gchead *next, *prev; } gchead;
static gchead g_tracked = {&g_tracked, &g_tracked};
static void gc_track(gchead *g)
{
    g->next = &g_tracked; g->prev = g_tracked.prev;
    g_tracked.prev->next = g; g_tracked.prev = g;
}
static void gc_untrack(gchead *g) { g->prev->next = g->next; g->next->prev = g->prev; }

/* int and float: {refcnt, type, value}, 24 bytes; -5..256 static. */
typedef struct pint { obj ob; int64_t value; } pint;
typedef struct pfloat { obj ob; double value; } pfloat;
static void leaf_destroy(obj *o) { A_FREE(o); }
static const ptype int_type = {"int", leaf_destroy};
static const ptype float_type = {"float", leaf_destroy};
static pint small_ints[262];
_Static_assert(sizeof(pint) == 24 && sizeof(pfloat) == 24, "24-byte numbers");

static obj *o_int(int64_t v)
{
    if (v >= -5 && v <= 256) {
        pint *s = &small_ints[v + 5];
        if (!s->ob.type) { s->ob.refcnt = -1; s->ob.type = &int_type; s->value = v; }
        return &s->ob;
    }
    pint *o = check(A_MALLOC(sizeof *o), "malloc");
    o->ob.refcnt = 1; o->ob.type = &int_type; o->value = v;
    return &o->ob;
}
static obj *o_float(double v)
{
    pfloat *o = check(A_MALLOC(sizeof *o), "malloc");
    o->ob.refcnt = 1; o->ob.type = &float_type; o->value = v;
    return &o->ob;
}

/* str: reclaim's rc_str layout (41-byte header, text, NUL), hash cached. */
typedef struct pstr {
    obj ob;
    size_t len, size;
    int64_t hash;             /* -1: not computed */
    bool interned;
    char data[];
} pstr;
static const ptype str_type = {"str", leaf_destroy};
static obj *o_str(const char *s, size_t n)
{
    pstr *o = check(A_MALLOC(offsetof(pstr, data) + n + 1), "malloc");
    o->ob.refcnt = 1; o->ob.type = &str_type;
    o->len = o->size = n; o->hash = -1; o->interned = false;
    memcpy(o->data, s, n);
    o->data[n] = '\0';
    return &o->ob;
}
static int64_t str_hash(pstr *s)
{
    if (s->hash == -1) {
        uint64_t h = 0xcbf29ce484222325ull;            /* FNV-1a, then a finalizer */
        for (size_t i = 0; i < s->size; i++) h = (h ^ (unsigned char)s->data[i]) * 0x100000001b3ull;
        h ^= h >> 33; h *= 0xff51afd7ed558ccdull; h ^= h >> 33;
        s->hash = (int64_t)(h >> 1);
    }
    return s->hash;
}

/* CPython's list over-allocation (list_resize, 3.9+), as reclaim's lists. */
static long capacity_for(long n)
{
    return (long)(((size_t)n + ((size_t)n >> 3) + 6) & ~(size_t)3);
}

/* list: {GC head, refcnt, type, len, cap, items} + the items array. */
typedef struct plist {
    gchead gc;
    obj ob;
    long len, cap;
    obj **items;
} plist;
static void list_destroy(obj *o)
{
    plist *l = (plist *)((char *)o - offsetof(plist, ob));
    gc_untrack(&l->gc);
    for (long i = 0; i < l->len; i++) o_decref(l->items[i]);
    A_FREE(l->items);
    A_FREE(l);
}
static const ptype list_type = {"list", list_destroy};
static obj *o_list(void)
{
    plist *l = check(A_MALLOC(sizeof *l), "malloc");
    l->ob.refcnt = 1; l->ob.type = &list_type;
    l->len = l->cap = 0; l->items = NULL;
    gc_track(&l->gc);
    return &l->ob;
}
static plist *as_plist(obj *o) { return (plist *)((char *)o - offsetof(plist, ob)); }
static void list_grow_to(plist *l, long cap)
{
    l->items = check(A_REALLOC(l->items, (size_t)cap * sizeof *l->items), "realloc");
    l->cap = cap;
}
static void o_list_reserve(obj *o, long n)
{
    plist *l = as_plist(o);
    if (n > l->cap) list_grow_to(l, n);
}
static void o_list_append(obj *o, obj *item)
{
    plist *l = as_plist(o);
    if (l->len == l->cap) list_grow_to(l, capacity_for(l->len + 1));
    o_incref(item);
    l->items[l->len++] = item;
}
static long o_list_len(obj *o) { return as_plist(o)->len; }

/* dict: CPython's compact dict, one table block:
 *   {log2_size, usable, nentries} int32 indices[size] entry entries[usable] */
typedef struct pentry { int64_t hash; obj *key, *value; } pentry;
typedef struct ptable {
    int64_t log2_size, usable, nentries;
    int32_t indices[];        /* then the entries */
} ptable;
typedef struct pdict {
    gchead gc;                /* dicts are GC objects (born untracked) */
    obj ob;
    long used;
    ptable *t;
} pdict;
static pentry *table_entries(ptable *t)
{
    return (pentry *)(void *)&t->indices[(size_t)1 << t->log2_size];
}
static ptable *table_new(int log2)
{
    size_t size = (size_t)1 << log2, usable = (size << 1) / 3;
    ptable *t = check(A_MALLOC(sizeof *t + size * sizeof(int32_t) + usable * sizeof(pentry)),
                      "malloc");
    t->log2_size = log2; t->usable = (int64_t)usable; t->nentries = 0;
    memset(t->indices, 0xff, size * sizeof(int32_t));   /* -1: empty */
    return t;
}
/* the empty slot a new key of hash goes to (keys here are never present) */
static int32_t *table_probe(ptable *t, int64_t hash, obj *key)
{
    size_t mask = ((size_t)1 << t->log2_size) - 1, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    pentry *e = table_entries(t);
    for (;;) {
        int32_t ix = t->indices[i];
        if (ix < 0) return &t->indices[i];
        if (e[ix].key == key ||
            (e[ix].hash == hash && key &&
             ((pstr *)e[ix].key)->size == ((pstr *)key)->size &&
             !memcmp(((pstr *)e[ix].key)->data, ((pstr *)key)->data, ((pstr *)key)->size))) {
            fprintf(stderr, "duplicate key\n");
            exit(1);
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}
static void dict_resize(pdict *d)
{
    int log2 = 3;
    while (((size_t)1 << log2) < (size_t)(3 * d->used)) log2++;
    ptable *old = d->t, *t = table_new(log2);
    if (old) {
        pentry *src = table_entries(old), *dst = table_entries(t);
        for (int64_t i = 0; i < old->nentries; i++) {
            if (!src[i].key) continue;
            dst[t->nentries] = src[i];
            *table_probe(t, src[i].hash, NULL) = (int32_t)t->nentries;
            t->nentries++;
        }
        A_FREE(old);
    }
    d->t = t;
}
static void dict_destroy(obj *o)
{
    pdict *d = (pdict *)((char *)o - offsetof(pdict, ob));
    if (d->t) {
        pentry *e = table_entries(d->t);
        for (int64_t i = 0; i < d->t->nentries; i++)
            if (e[i].key) { o_decref(e[i].key); o_decref(e[i].value); }
        A_FREE(d->t);
    }
    A_FREE(d);
}
static const ptype dict_type = {"dict", dict_destroy};
static obj *o_dict(void)
{
    pdict *d = check(A_MALLOC(sizeof *d), "malloc");
    d->ob.refcnt = 1; d->ob.type = &dict_type;
    d->used = 0; d->t = NULL;
    return &d->ob;
}
static void o_dict_set(obj *o, obj *k, obj *v)   /* k: a str not yet in the dict */
{
    pdict *d = (pdict *)((char *)o - offsetof(pdict, ob));
    int64_t hash = str_hash((pstr *)k);
    if (!d->t || d->t->nentries == d->t->usable) dict_resize(d);
    int32_t *slot = table_probe(d->t, hash, k);
    pentry *e = &table_entries(d->t)[d->t->nentries];
    o_incref(k); o_incref(v);
    e->hash = hash; e->key = k; e->value = v;
    *slot = (int32_t)d->t->nentries++;
    d->used++;
}
static long o_dict_len(obj *o) { return ((pdict *)((char *)o - offsetof(pdict, ob)))->used; }

/* blob: {refcnt, type} and n bytes of payload, malloc(16 + n). */
static const ptype blob_type = {"blob", leaf_destroy};
static obj *o_blob(size_t n, unsigned char **data)
{
    obj *o = check(A_MALLOC(sizeof(obj) + n), "malloc");
    o->refcnt = 1; o->type = &blob_type;
    *data = (unsigned char *)(o + 1);
    return o;
}

/* instance: CPython 3.11's 56-byte block + 32-byte values array. */
typedef struct inst_values { uint64_t prefix; obj *slot[3]; } inst_values;
typedef struct pinst {
    void *dict;               /* pre-header: managed dict (never materialized) */
    inst_values *values;      /* pre-header: the values array */
    gchead gc;
    obj ob;
    obj *weaklist;
} pinst;
_Static_assert(sizeof(pinst) == 56 && sizeof(inst_values) == 32, "instance layout");
static void inst_destroy(obj *o)
{
    pinst *p = (pinst *)((char *)o - offsetof(pinst, ob));
    gc_untrack(&p->gc);
    for (int i = 0; i < 3; i++)
        if (p->values->slot[i]) o_decref(p->values->slot[i]);
    A_FREE(p->values);
    A_FREE(p);
}
static const ptype inst_type = {"P", inst_destroy};
static obj *o_inst(obj *x)
{
    pinst *p = check(A_MALLOC(sizeof *p), "malloc");
    inst_values *v = check(A_MALLOC(sizeof *v), "malloc");
    v->prefix = 3;
    o_incref(x); v->slot[0] = x;
    o_incref(x); v->slot[1] = x;
    v->slot[2] = NULL;
    p->dict = NULL; p->values = v; p->weaklist = NULL;
    p->ob.refcnt = 1; p->ob.type = &inst_type;
    gc_track(&p->gc);
    return &p->ob;
}

#endif /* object layer */

/* ---- the release scenarios ---------------------------------------------------- */

enum { S_START, S_BUILT, S_DEL, S_IDLE, S_COLLECT, NSTEPS };
static const char *const step_name[NSTEPS] = {"start", "built", "del", "idle", "collect"};
static size_t g_rss[NSTEPS];
static double g_t[NSTEPS];

static void mark(int step)
{
    g_rss[step] = rss_bytes();
    g_t[step] = now_s();
}

/* The steps after `del`: 300 ms idle, then the allocator's release call. */
static const char *idle_and_release(void)
{
    sleep_ms(300);
    mark(S_IDLE);
    const char *how = a_release();
    mark(S_COLLECT);
    return how;
}

static void report(const char *w, const char *how, unsigned long long checksum)
{
    for (int s = 0; s < NSTEPS; s++) {
        printf("RESULT workload=%s.%s alloc=%s value=%.2f unit=MiB rss_kb=%zu", w, step_name[s],
               ALLOC_NAME, (double)g_rss[s] / 1048576.0, g_rss[s] / 1024);
        if (s == S_BUILT) printf(" build_ms=%.1f checksum=%llu", (g_t[S_BUILT] - g_t[S_START]) * 1e3, checksum);
        if (s == S_DEL) printf(" del_ms=%.1f", (g_t[S_DEL] - g_t[S_BUILT]) * 1e3);
        if (s == S_COLLECT) printf(" release=%s release_ms=%.1f", how, (g_t[S_COLLECT] - g_t[S_IDLE]) * 1e3);
        printf("\n");
    }
    fflush(stdout);
}

/* The built step, then `del` of the structure, the idle and collect steps;
 * sum: the checksum, taken before the drop. */
static void drop_and_report(const char *name, obj *o, unsigned long long sum)
{
    mark(S_BUILT);
    o_decref(o);
    mark(S_DEL);
    report(name, idle_and_release(), sum);
}

/* a = list(range(10M)): exact size, ints 0..N-1 */
static void s_ints(void)
{
    const long n = 10000000L;
    mark(S_START);
    obj *l = o_list();
    o_list_reserve(l, n);
    for (long i = 0; i < n; i++) {
        obj *v = o_int(i);
        o_list_append(l, v);
        o_decref(v);
    }
    drop_and_report("ints", l, (unsigned long long)o_list_len(l));
}

/* d = {"key%d" % i: i for i in range(1M)} */
static void s_dict(void)
{
    const long n = 1000000L;
    char buf[32];
    mark(S_START);
    obj *d = o_dict();
    for (long i = 0; i < n; i++) {
        int len = snprintf(buf, sizeof buf, "key%ld", i);
        obj *k = o_str(buf, (size_t)len);
        obj *v = o_int(i);
        o_dict_set(d, k, v);
        o_decref(k);
        o_decref(v);
    }
    drop_and_report("dict", d, (unsigned long long)o_dict_len(d));
}

/* a = [P(i) for i in range(1M)] */
static void s_inst(void)
{
    const long n = 1000000L;
    mark(S_START);
    obj *l = o_list();
    for (long i = 0; i < n; i++) {
        obj *x = o_int(i);
        obj *p = o_inst(x);
        o_decref(x);
        o_list_append(l, p);
        o_decref(p);
    }
    drop_and_report("inst", l, (unsigned long long)o_list_len(l));
}

/* a = [i * 0.5 for i in range(1M)] */
static void s_floats(void)
{
    const long n = 1000000L;
    mark(S_START);
    obj *l = o_list();
    for (long i = 0; i < n; i++) {
        obj *v = o_float((double)i * 0.5);
        o_list_append(l, v);
        o_decref(v);
    }
    drop_and_report("floats", l, (unsigned long long)o_list_len(l));
}

/* a, k = 2M objects of 16..496 B (header + payload, every byte written),
 * a random 1 in 1000 also in k; del a */
static void s_sparse(void)
{
    const long n = 2000000L;
    uint64_t s = 0x5eed0005u;
    unsigned long long sum = 0;
    mark(S_START);
    obj *a = o_list(), *k = o_list();
    for (long i = 0; i < n; i++) {
        uint64_t r = rng_next(&s);
        size_t sz = 16 + (size_t)(((r & 0xffffffffull) * 481u) >> 32);   /* 16..496 */
        unsigned char *data;
        obj *b = o_blob(sz - 16, &data);
        memset(data, (int)(i & 0x7f), sz - 16);
        sum += sz;
        o_list_append(a, b);
        if ((r >> 32) % 1000 == 0) o_list_append(k, b);
        o_decref(b);
    }
    mark(S_BUILT);
    sum = sum * 1000003u + (unsigned long long)o_list_len(k);
    o_decref(a);
    mark(S_DEL);
    report("sparse", idle_and_release(), sum);
    o_decref(k);   /* k survived every step, as the Python side's list */
}

/* ---- churn ---------------------------------------------------------------------- */

static double cpu_s(const struct timeval *tv) { return (double)tv->tv_sec + (double)tv->tv_usec * 1e-6; }

static void s_churn(void)
{
    const long rounds = env_count("BENCH_CHURN_ROUNDS", 50);
    const long n = env_count("BENCH_CHURN_N", 4000000L);
    unsigned long long sum = 0;
    double best = 1e30, worst = 0, first = 0;
    struct rusage r0, r1, rend;
    getrusage(RUSAGE_SELF, &r0);
    r1 = r0;
    double t0 = now_s();
    for (long r = 0; r < rounds; r++) {
        double tr = now_s();
        obj *l = o_list();               /* a = list(range(1000, 1000 + n)) */
        o_list_reserve(l, n);
        for (long i = 0; i < n; i++) {
            obj *v = o_int(i + 1000);
            o_list_append(l, v);
            o_decref(v);
        }
        sum += (unsigned long long)o_list_len(l);
        o_decref(l);                     /* del a: one destruction frees it all */
        double dt = now_s() - tr;
        if (r == 0) { first = dt; getrusage(RUSAGE_SELF, &r1); }
        if (dt < best) best = dt;
        if (dt > worst) worst = dt;
    }
    double t1 = now_s();
    getrusage(RUSAGE_SELF, &rend);
    size_t rss = rss_bytes();
    double ut = cpu_s(&rend.ru_utime) - cpu_s(&r0.ru_utime);
    double st = cpu_s(&rend.ru_stime) - cpu_s(&r0.ru_stime);
    long flt = rend.ru_minflt - r0.ru_minflt;
    long flt_first = r1.ru_minflt - r0.ru_minflt;
    /* Over all the rounds: time per round, the kernel's share of the CPU
     * time, faults; and the faults of rounds 2..N, once the first round has
     * brought the memory in (what giving it back again costs). */
    printf("RESULT workload=churn.round_ms alloc=%s value=%.3f unit=ms rounds=%ld objects=%ld"
           " first_ms=%.3f best_ms=%.3f worst_ms=%.3f checksum=%llu\n",
           ALLOC_NAME, (t1 - t0) * 1e3 / (double)rounds, rounds, n, first * 1e3, best * 1e3,
           worst * 1e3, sum);
    printf("RESULT workload=churn.sys_pct alloc=%s value=%.2f unit=%% user_s=%.3f sys_s=%.3f\n",
           ALLOC_NAME, ut + st > 0 ? st / (ut + st) * 100.0 : 0.0, ut, st);
    printf("RESULT workload=churn.minflt alloc=%s value=%.3f unit=Kfaults total=%ld first_round=%ld\n",
           ALLOC_NAME, (double)flt / 1000.0, flt, flt_first);
    printf("RESULT workload=churn.minflt_steady alloc=%s value=%.1f unit=faults/round\n",
           ALLOC_NAME, rounds > 1 ? (double)(flt - flt_first) / (double)(rounds - 1) : 0.0);
    printf("RESULT workload=churn.rss alloc=%s value=%.2f unit=MiB\n", ALLOC_NAME,
           (double)rss / 1048576.0);
    fflush(stdout);
}

/* ---- main ------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *w = argc > 1 ? argv[1] : "";
    void (*fn)(void) = NULL;
    if (!strcmp(w, "ints")) fn = s_ints;
    else if (!strcmp(w, "dict")) fn = s_dict;
    else if (!strcmp(w, "inst")) fn = s_inst;
    else if (!strcmp(w, "floats")) fn = s_floats;
    else if (!strcmp(w, "sparse")) fn = s_sparse;
    else if (!strcmp(w, "churn")) fn = s_churn;
    if (!fn) {
        fprintf(stderr, "usage: %s SCENARIO   (ints dict inst floats sparse churn)   [allocator: %s]\n",
                argv[0], ALLOC_NAME);
        return 2;
    }
    a_init();
    {   /* initialize the allocator (its first call) before the start step */
        void *p = check(A_MALLOC(64), "malloc");
        memset(p, 1, 64);
        A_FREE(p);
    }
    fn();
    return 0;
}
