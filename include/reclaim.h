/*
 * reclaim.h — the one public header of reclaim.
 *
 * reclaim is CPython's memory-management system rebuilt in C as an embeddable
 * library: the allocation pyramid (pages from the OS, pooled small blocks,
 * object caches), reference counting, a generational cycle collector, and a
 * heap that gives free memory back to the operating system.
 *
 * Everything lives in an rc_heap.  A heap is used by one thread at a time;
 * different heaps may be used by different threads at once.  There is no
 * mutable global state.
 *
 * Errors: functions that can fail return NULL (or -1) and record an error code
 * in the heap, read with rc_error() and rc_error_message().  A successful call
 * does not reset the error; call rc_error_clear() first if you need to tell.
 *
 * This header compiles as C11 and as C++.
 */
#ifndef RECLAIM_H
#define RECLAIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define RC_API __attribute__((visibility("default")))
#else
#define RC_API
#endif

#define RC_VERSION_MAJOR 0
#define RC_VERSION_MINOR 4
#define RC_VERSION_PATCH 0
#define RC_VERSION_STRING "0.4.0"

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum rc_errcode {
    RC_OK = 0,
    RC_ENOMEM = 1,   /* out of memory, or past the heap's memory_limit */
    RC_EINVAL = 2,   /* invalid argument (a pointer not from this heap, ...) */
    RC_ETYPE = 3,    /* wrong type of object */
    RC_ERANGE = 4,   /* index or value out of range, arithmetic overflow */
    RC_EKEY = 5      /* key not found */
} rc_errcode;

typedef struct rc_heap rc_heap;

/* The error code of the last failing call on h (RC_OK if none since the
 * last rc_error_clear).  h may be NULL: then RC_EINVAL. */
RC_API int rc_error(const rc_heap *h);
/* A human-readable description of the last error: never NULL. */
RC_API const char *rc_error_message(const rc_heap *h);
/* Reset the heap's error to RC_OK. */
RC_API void rc_error_clear(rc_heap *h);

/* ------------------------------------------------------------------------ */
/* Heaps and raw memory (layers 0-2 of the pyramid)                          */
/* ------------------------------------------------------------------------ */

/* rc_config.flags */
#define RC_DEBUG_ALLOC   0x1u  /* guards, poison, quarantine; a fault is reported and aborts */
#define RC_TRACE_ALLOC   0x2u  /* every live block attributed to its allocation site */
#define RC_REPORT_LEAKS  0x4u  /* report what is still alive at rc_heap_free (stderr) */

typedef struct rc_config {
    /* Bytes the heap may hold for blocks: pools in use (16 KiB each) plus
     * large blocks.  0 = no limit.  An allocation past it returns NULL with
     * RC_ENOMEM and the heap stays usable. */
    size_t memory_limit;
    /* Cycle-collector thresholds; {0,0,0} = {700, 10, 10}. */
    int gc_threshold[3];
    /* RC_DEBUG_ALLOC, RC_TRACE_ALLOC, RC_REPORT_LEAKS. */
    unsigned flags;
    /* How long, in milliseconds, free memory the program does not draw on
     * may stay resident before the heap gives it back to the OS on its own.
     * 0 = the default (200 ms); negative = give it back at once.  The heap
     * checks the delay when it allocates or frees a pool and in
     * rc_heap_maintain; a destruction that frees many objects at once gives
     * back what exceeds a small reserve right away (see rc_heap_maintain).
     * rc_heap_trim releases everything at any time. */
    int purge_delay_ms;
    /* Address space reserved for the heap's arenas (only reserved: no memory
     * behind it until used).  0 = 32 GiB; at most 32 TiB.  Small blocks past it are served
     * by the system allocator.  Lower it for processes with many heaps. */
    size_t address_space;
    /* The cycle collector's policy: RC_GC_GENERATIONAL (0, the default:
     * CPython 3.11's, counts and thresholds exactly) or RC_GC_INCREMENTAL
     * (pauses bounded by gc_pause_target_us, work paced by allocation; see
     * docs/ARCHITECTURE.md).  The environment variable RECLAIM_GC
     * ("generational" or "incremental") overrides it. */
    int gc_mode;
    /* RC_GC_INCREMENTAL: the longest a single call may spend collecting,
     * in microseconds; 0 = 1000.  (One exception: a cyclic garbage structure
     * larger than a step is freed whole, as `del` of a big structure is.) */
    unsigned gc_pause_target_us;
} rc_config;
#define RC_GC_GENERATIONAL 0
#define RC_GC_INCREMENTAL  1

/* Size classes: every 16 bytes up to RC_SMALL_MAX bytes (rc_malloc's), then
 * RC_OBJECT_CLASSES classes of 24, 40, 56, ..., 120-byte blocks, 8-byte
 * aligned, that only objects live in.  An object of a fixed-size type
 * without RC_TYPE_GC whose size is 8 more than a multiple of 16 bytes, up
 * to 120, gets a block of exactly that size: C makes a struct's size a
 * multiple of its alignment, so such an object has no member that needs
 * 16-byte alignment.  Ints and floats (count, type, value) fill the first,
 * RC_OBJECT24_CLASS.  (GC objects stay 16-byte aligned: the collector keeps
 * flags in the low bits of its links.)  The statistics report these
 * classes after the others. */
#define RC_SMALL_MAX      512
#define RC_SIZE_CLASSES   (RC_SMALL_MAX / 16)
#define RC_OBJECT24_CLASS RC_SIZE_CLASSES
#define RC_OBJECT_CLASSES 7
#define RC_STAT_CLASSES   (RC_SIZE_CLASSES + RC_OBJECT_CLASSES)

typedef struct rc_class_stats {
    size_t block_size;    /* bytes per block of this class */
    size_t blocks_used;   /* blocks handed out */
    size_t blocks_free;   /* blocks carved in pools of this class, not handed out */
    size_t pools;         /* pools of this class */
} rc_class_stats;

typedef struct rc_stats {
    size_t bytes_in_use;       /* bytes handed out (small: block sizes; large: usable sizes) */
    size_t bytes_mapped;       /* bytes taken from the OS: arenas and large blocks */
    size_t bytes_resident;     /* bytes_mapped less what has been purged (madvise) */
    size_t bytes_limit_used;   /* what counts against memory_limit */
    size_t arenas;             /* arenas mapped now */
    size_t arenas_highwater;   /* most arenas ever mapped at once */
    size_t arenas_released;    /* arenas given back to the OS in the heap's life */
    size_t pools_in_use;       /* pools holding a size class */
    size_t pools_free;         /* empty pools inside mapped arenas */
    size_t small_blocks;       /* small blocks in use */
    size_t large_blocks;       /* large blocks in use */
    size_t large_bytes;        /* usable bytes of the large blocks in use */
    size_t bytes_purged_total; /* bytes given back to the OS in the heap's life */
    size_t purge_calls;        /* system calls that gave memory back (madvise, munmap) */
    size_t bytes_free_resident; /* free memory still resident, kept for reuse
                                  (free pools, freed huge blocks' mappings) */
    size_t bytes_reserve;      /* how much of that a bulk free keeps (rc_heap_maintain) */
    size_t objects_live;       /* objects alive now (layer 3) */
    size_t objects_allocated;  /* objects created in the heap's life (layer 3) */
    rc_class_stats classes[RC_STAT_CLASSES];   /* from [RC_OBJECT24_CLASS] on: objects' classes */
} rc_stats;

/* A new heap.  cfg may be NULL (defaults).  The environment variables
 * RECLAIM_MEMORY_LIMIT (bytes, with optional K/M/G suffix), RECLAIM_DEBUG
 * ("alloc", "trace", "leaks", comma separated) and RECLAIM_PURGE_DELAY (ms;
 * 0 = give memory back at once) override the configuration.  If the OS
 * refuses the address space, smaller reservations are tried (down to 64 MiB).  Returns NULL if the OS refuses memory. */
RC_API rc_heap *rc_heap_new(const rc_config *cfg);
/* Free the heap and every byte it mapped, live blocks included. */
RC_API void rc_heap_free(rc_heap *h);
/* The memory limit (rc_config.memory_limit, after the environment's
 * override) and a new one (0 = none).  Lowering it below what the heap
 * holds makes further allocations fail; nothing is freed. */
RC_API size_t rc_heap_memory_limit(const rc_heap *h);
RC_API void rc_heap_set_memory_limit(rc_heap *h, size_t bytes);
/* One pointer the embedder may keep with the heap (an interpreter keeps its
 * state there, so a type's slot can find it from rc_heap_of(object)).
 * NULL until set; the library never reads it. */
RC_API void  rc_heap_set_userdata(rc_heap *h, void *data);
RC_API void *rc_heap_userdata(const rc_heap *h);

/* n bytes, 16-byte aligned; n == 0 gives a unique minimal block.
 * NULL with RC_ENOMEM when memory or the limit runs out. */
RC_API void *rc_malloc(rc_heap *h, size_t n);
/* count * n zeroed bytes; NULL with RC_ENOMEM if the product overflows. */
RC_API void *rc_calloc(rc_heap *h, size_t count, size_t n);
/* Resize p (NULL: like rc_malloc).  Stays in place when the size class
 * allows.  n == 0 frees p and returns NULL.  On failure returns NULL and p
 * is untouched. */
RC_API void *rc_realloc(rc_heap *h, void *p, size_t n);
/* Free p (NULL is ignored).  A pointer that is not a live block of h is
 * detected where cheap (RC_EINVAL); with RC_DEBUG_ALLOC it is always
 * detected, reported on stderr, and the program aborts. */
RC_API void rc_free(rc_heap *h, void *p);
/* The bytes usable at p (at least what was asked for); 0 for NULL. */
RC_API size_t rc_usable_size(rc_heap *h, const void *p);

/* Give free memory back to the OS now: empty arenas are unmapped, free pools
 * and the free pages inside partly used pools are purged (madvise).  Returns
 * the bytes released. */
RC_API size_t rc_heap_trim(rc_heap *h);
/*
 * Give back free memory the program has stopped drawing on, at a point where
 * it is about to be idle: an event loop before it waits, a game loop at the
 * end of a frame, a server between requests.  `idle_ms` is how long the
 * caller expects to stay idle: 0 releases only what has been unused for the
 * purge delay (rc_config.purge_delay_ms); a positive value also what would
 * fall due within that time; a negative one (blocking on input, waiting
 * with no timeout) everything that is free now.  A call with idle time also
 * empties the caches of recently freed blocks and, after frees that left
 * survivors scattered over many pools, gives back the free pages around
 * them (as rc_heap_trim does).  Cheap when there is nothing to do.
 * Returns the milliseconds until more free memory falls due (call again
 * then), or -1 if none is waiting; -1 for a NULL heap.
 *
 * Without it, the heap gives memory back on its own when a destruction frees
 * many objects at once (`del a` of a big list: everything beyond a reserve
 * of 1 MiB, which grows while the program keeps freeing and rebuilding
 * structures of the same size, and shrinks when unused) or a huge block is
 * freed, and when it allocates or frees a pool after the delay.  A program
 * that frees with rc_free and then waits without calling the library keeps
 * the memory it freed until its next call.
 */
RC_API long rc_heap_maintain(rc_heap *h, long idle_ms);
/* Fill *out with the heap's statistics (walks the heap: O(pools)). */
RC_API void rc_heap_stats(rc_heap *h, rc_stats *out);
/* Print the statistics per size class, like CPython's sys._debugmallocstats. */
RC_API void rc_heap_dump_stats(rc_heap *h, FILE *f);
/* Walk the heap and verify its invariants: 0 if sound, -1 (RC_EINVAL, with
 * a message naming the fault) if not. */
RC_API int rc_heap_check(rc_heap *h);
/* ------------------------------------------------------------------------ */
/* Diagnostics: debug allocator, allocation tracing, leak report             */
/* ------------------------------------------------------------------------ */
/*
 * Any of RC_DEBUG_ALLOC, RC_TRACE_ALLOC, RC_REPORT_LEAKS (or RECLAIM_DEBUG=
 * alloc,trace,leaks) puts a heap in diagnostic mode: every block carries a
 * 48-byte header naming its size and allocation site, 8 guard bytes before
 * and at least 16 after; fresh blocks are filled with 0xCB, freed ones with
 * 0xDB.  The fast paths are off for that heap only (heaps without the flags
 * pay nothing).  Under RC_DEBUG_ALLOC a freed block waits in a quarantine
 * (up to 4 MiB) before its memory is reused; a write past either end, a
 * double free, a free of a pointer that is not a block of the heap, or a
 * write into freed memory (checked when the block leaves the quarantine, at
 * rc_heap_trim and by rc_heap_check) prints the kind of fault, the block's
 * address, size and allocation site on stderr and aborts.
 *
 * The allocation site is, in this order: what the heap's site hook says (an
 * interpreter names the script's file and line), the file and line given to
 * rc_malloc_at & co (RC_TRACK_SITES below does that for every call), or the
 * caller's return address, printed as function+offset (module) for
 * addr2line.
 */
typedef int (*rc_site_hook)(void *arg, const char **file, int *line);
/* hook returns 1 and sets *file (copied by the heap) and *line to name the
 * current site, 0 when it has none.  NULL removes the hook. */
RC_API void rc_heap_set_site_hook(rc_heap *h, rc_site_hook hook, void *arg);

RC_API void *rc_malloc_at(rc_heap *h, size_t n, const char *file, int line);
RC_API void *rc_calloc_at(rc_heap *h, size_t count, size_t n, const char *file, int line);
RC_API void *rc_realloc_at(rc_heap *h, void *p, size_t n, const char *file, int line);
#if defined(RC_TRACK_SITES) && !defined(RC_BUILDING_LIBRARY)
#define rc_malloc(h, n)         rc_malloc_at((h), (n), __FILE__, __LINE__)
#define rc_calloc(h, count, n)  rc_calloc_at((h), (count), (n), __FILE__, __LINE__)
#define rc_realloc(h, p, n)     rc_realloc_at((h), (p), (n), __FILE__, __LINE__)
#endif

/* Tracing (RC_TRACE_ALLOC): a snapshot holds, per allocation site, the
 * live blocks and bytes (the sizes asked for) at the time it was taken; it
 * is independent of the heap (system memory) and may outlive it. */
typedef struct rc_trace_snapshot rc_snapshot;
typedef struct rc_trace_stat {
    const char *site;          /* "file:line" or "function+0x1c (module)"; owned by the snapshot */
    size_t count, bytes;       /* in the newer snapshot */
    long long count_diff, bytes_diff;  /* newer - older (0 without an older) */
} rc_trace_stat;
#define RC_TRACE_BY_BYTES 0
#define RC_TRACE_BY_COUNT 1
/* NULL with RC_EINVAL when the heap is not in diagnostic mode, RC_ENOMEM.
 * rc_trace_snapshot_take is the same function under a second name. */
RC_API rc_snapshot *rc_trace_snapshot(rc_heap *h);
RC_API rc_snapshot *rc_trace_snapshot_take(rc_heap *h);
RC_API void rc_trace_snapshot_free(rc_snapshot *s);
/* Total bytes of the snapshot; *count (may be NULL) gets the blocks. */
RC_API size_t rc_trace_snapshot_total(const rc_snapshot *s, size_t *count);
/* The sites of s, largest first by bytes or count (RC_TRACE_BY_*), or, with
 * an older snapshot, by the size of the difference (sites of either).
 * Fills out[0..max); returns how many sites there are in all.  The strings
 * stay valid while s (and older) live. */
RC_API size_t rc_trace_top(const rc_snapshot *s, const rc_snapshot *older,
                           int order, rc_trace_stat *out, size_t max);
/* Print the top n sites (as rc_trace_top) like tracemalloc's statistics. */
RC_API void rc_trace_print(const rc_snapshot *s, const rc_snapshot *older,
                           size_t n, FILE *f);
/* The tracing window, as tracemalloc's start and stop.  From heap creation
 * every block is traced.  rc_trace_reset forgets the blocks alive now (they
 * leave snapshots and the totals, not the leak report), zeroes the totals
 * and, if record_new, traces the blocks allocated from now on, else none.
 * -1 (RC_EINVAL) when the heap does not trace. */
RC_API int rc_trace_reset(rc_heap *h, int record_new);
typedef struct rc_trace_totals {
    size_t current;            /* bytes of the traced live blocks */
    size_t peak;               /* the most `current` has been since the reset */
    size_t overhead;           /* system bytes the tracing itself uses */
} rc_trace_totals;
/* -1 (RC_EINVAL) when the heap does not trace. */
RC_API int rc_trace_get_totals(rc_heap *h, rc_trace_totals *out);
/* Set the peak to the current traced bytes. */
RC_API void rc_trace_reset_peak(rc_heap *h);

/* The leak report: every block and object still alive, grouped by type (or
 * "raw block") and site, with counts and bytes, largest first; objects that
 * only reference cycles keep alive are marked as such.  Returns the number
 * of live blocks (0: nothing alive), or -1 (RC_EINVAL) when the heap is not
 * in diagnostic mode.  rc_heap_free prints it on stderr under
 * RC_REPORT_LEAKS.  Moves every tracked object to the oldest generation. */
RC_API long rc_heap_report_leaks(rc_heap *h, FILE *f);

/* Resident bytes of this whole process (from /proc/self/statm); 0 if unknown. */
RC_API size_t rc_process_rss(void);
/* The most resident bytes of this process so far: the kernel's high-water
 * mark (getrusage ru_maxrss), raised to rc_process_rss() and to every value
 * it returned before (the kernel updates the mark lazily), so it is never
 * below the current RSS and never decreases; 0 if unknown. */
RC_API size_t rc_process_peak_rss(void);


/* ------------------------------------------------------------------------ */
/* Objects and reference counts (layer 3)                                    */
/* ------------------------------------------------------------------------ */

typedef intptr_t rc_ssize;
typedef struct rc_type rc_type;

/* Every object starts with this header.  An object belongs to the heap it
 * was created in and refers only to objects of that heap or immortal ones. */
typedef struct rc_object {
    rc_ssize refcnt;          /* negative: immortal (never changes) */
    const rc_type *type;
} rc_object;

/* Called for each owned reference; non-zero stops the traversal. */
typedef int (*rc_visit)(rc_object *child, void *arg);

/* rc_type.flags */
#define RC_TYPE_GC 0x1u   /* can take part in cycles: tracked, has traverse and clear */
#define RC_TYPE_EQ_FIRST 0x2u /* rc_equal(a, b) asks b's eq first when b has this type and a
                                 another (b's type stands for a subclass of a's: its view wins) */

struct rc_type {
    const char *name;
    size_t  size;        /* fixed part, rc_object head included */
    size_t  itemsize;    /* per item, for variable-size objects; else 0 */
    unsigned flags;      /* RC_TYPE_GC */
    /* every owned reference; required for RC_TYPE_GC */
    int  (*traverse)(rc_object *self, rc_visit visit, void *arg);
    /* drop owned references (breaks cycles); for RC_TYPE_GC */
    void (*clear)(rc_object *self);
    /* optional, RC_TYPE_GC only: runs at most once in the object's life,
     * before it dies; may resurrect it by storing a new reference */
    void (*finalize)(rc_object *self);
    /* release what the object owns; its memory is freed after */
    void (*destroy)(rc_object *self);
    /* optional, for dict keys: hash (-1 with the heap error set on failure)
     * and equality (1 equal, 0 not, -1 error).  Without them: identity. */
    int64_t (*hash)(rc_object *self);
    int  (*eq)(rc_object *self, rc_object *other);
};

/* A new object of type t: zero-filled, refcount 1; GC types are tracked.
 * NULL with RC_ENOMEM, or RC_EINVAL for an inconsistent type. */
RC_API rc_object *rc_new(rc_heap *h, const rc_type *t);
/* The same with n items of t->itemsize after the fixed part. */
RC_API rc_object *rc_new_var(rc_heap *h, const rc_type *t, rc_ssize n);
/* The heap an object lives in; NULL for immortal static objects. */
RC_API rc_heap *rc_heap_of(const rc_object *o);

/* Called when a count reaches zero; not for direct use. */
RC_API void rc_dealloc(rc_object *o);

static inline void rc_incref(void *o)
{
    rc_object *ob = (rc_object *)o;
    if (ob->refcnt >= 0)
        ob->refcnt++;
}

static inline void rc_decref(void *o)
{
    rc_object *ob = (rc_object *)o;
    if (ob->refcnt >= 0 && --ob->refcnt == 0)
        rc_dealloc(ob);
}

static inline void rc_xincref(void *o) { if (o) rc_incref(o); }
static inline void rc_xdecref(void *o) { if (o) rc_decref(o); }

/* Replace a field holding an owned reference: the field is updated before
 * the old value's count drops, so a destructor never sees a dangling field.
 * Each macro evaluates `field` (and `value`) exactly once, so
 * RC_CLEAR(items[i++]) clears one item and moves i by one (with GCC,
 * clang and C++; another C compiler gets a version that reads `field`
 * twice). */
#if defined(__cplusplus)
#define RC__FIELD_AT(field) auto *rc_at_ = &(field)
#elif defined(__GNUC__) || defined(__clang__)
#define RC__FIELD_AT(field) __typeof__(field) *rc_at_ = &(field)
#endif
#ifdef RC__FIELD_AT
#define RC_CLEAR(field)                                                     \
    do {                                                                    \
        RC__FIELD_AT(field);                                                \
        void *rc_tmp_ = (void *)*rc_at_;                                    \
        if (rc_tmp_) {                                                      \
            *rc_at_ = NULL;                                                 \
            rc_decref(rc_tmp_);                                             \
        }                                                                   \
    } while (0)
#define RC_SETREF(field, value)                                             \
    do {                                                                    \
        RC__FIELD_AT(field);                                                \
        void *rc_old_ = (void *)*rc_at_;                                    \
        *rc_at_ = (value);                                                  \
        rc_xdecref(rc_old_);                                                \
    } while (0)
#else
#define RC_CLEAR(field)                                                     \
    do {                                                                    \
        void *rc_tmp_ = (void *)(field);                                    \
        if (rc_tmp_) {                                                      \
            (field) = NULL;                                                 \
            rc_decref(rc_tmp_);                                             \
        }                                                                   \
    } while (0)
#define RC_SETREF(field, value)                                             \
    do {                                                                    \
        void *rc_old_ = (void *)(field);                                    \
        (field) = (value);                                                  \
        rc_xdecref(rc_old_);                                                \
    } while (0)
#endif

/* The true reference count (no +1 for the argument); immortal objects
 * report RC_IMMORTAL_REFCOUNT. */
#define RC_IMMORTAL_REFCOUNT ((rc_ssize)0xFFFFFFFF)
RC_API rc_ssize rc_refcount(const void *o);
/* Make o immortal: its count never changes and it is never freed (until
 * rc_heap_free releases its heap). */
RC_API void rc_make_immortal(void *o);
RC_API int  rc_is_immortal(const void *o);

/* Is o on its heap's collector lists?  (0 for non-GC objects) */
RC_API int rc_gc_is_tracked(const void *o);
/* Has o's finalizer run?  (0 for non-GC objects) */
RC_API int rc_gc_is_finalized(const void *o);


/* ------------------------------------------------------------------------ */
/* The cycle collector (CPython's gc module)                                 */
/* ------------------------------------------------------------------------ */

/* Collect generations 0..generation (0..2); returns the unreachable objects
 * found; -1 with RC_EINVAL for a bad generation.  A collection already
 * running makes it return 0.  An explicit full collection also trims the
 * heap (free pages back to the OS). */
RC_API rc_ssize rc_gc_collect(rc_heap *h, int generation);
RC_API void rc_gc_enable(rc_heap *h);
RC_API void rc_gc_disable(rc_heap *h);
RC_API int  rc_gc_is_enabled(rc_heap *h);
RC_API void rc_gc_get_threshold(rc_heap *h, int out[3]);
/* Negative thresholds are clamped to 0; threshold 0 of generation 0 turns
 * automatic collection off (as in CPython). */
RC_API void rc_gc_set_threshold(rc_heap *h, int t0, int t1, int t2);
RC_API void rc_gc_get_count(rc_heap *h, int out[3]);
/* Track / untrack a GC object by hand (no-ops for other objects). */
RC_API void rc_gc_track(void *o);
RC_API void rc_gc_untrack(void *o);
/* Move every tracked object to the permanent generation, which collections
 * ignore; unfreeze moves them back to the oldest generation. */
RC_API void rc_gc_freeze(rc_heap *h);
RC_API void rc_gc_unfreeze(rc_heap *h);
RC_API rc_ssize rc_gc_get_freeze_count(rc_heap *h);
/* Call fn for each tracked object of a generation (-1: all three); stops and
 * returns fn's value if it is non-zero.  fn must not create or free objects. */
RC_API int rc_gc_visit_objects(rc_heap *h, int generation, rc_visit fn, void *arg);
/* fn(referrer) for each tracked object whose traverse reports target. */
RC_API int rc_gc_visit_referrers(rc_heap *h, rc_object *target, rc_visit fn, void *arg);
/* fn(child) for each reference o's traverse reports. */
RC_API int rc_gc_visit_referents(rc_object *o, rc_visit fn, void *arg);
/* fn(o) for each tracked object a full collection would find unreachable
 * now (garbage cycles and what only they keep alive), without collecting
 * anything.  The frozen generation is not looked at.  fn runs in the middle
 * of the collector's bookkeeping: it must not change a reference count,
 * track, untrack, create or free an object (collect the pointers, act on
 * them once the call has returned).  Every tracked object ends up in the
 * oldest generation, as after a full collection.  Returns the number
 * visited, or -1 (nothing visited) during a collection or when a traverse
 * fails. */
RC_API rc_ssize rc_gc_visit_unreachable(rc_heap *h, void (*fn)(rc_object *o, void *arg), void *arg);

typedef struct rc_gc_stats {
    rc_ssize collections, collected, uncollectable;
    double pause_total_s, pause_max_s;
} rc_gc_stats;
RC_API void rc_gc_get_stats(rc_heap *h, rc_gc_stats out[3]);
/* The heap's collector policy and, under RC_GC_INCREMENTAL, its passes over
 * the old generation (see docs/ARCHITECTURE.md).  Each step of pass work also counts as one
 * collection of generation 2 in rc_gc_get_stats, with its pause. */
typedef struct rc_gc_pass_stats {
    int      mode;        /* the heap's policy: RC_GC_GENERATIONAL or RC_GC_INCREMENTAL
                             (the other fields are 0 under the generational one) */
    rc_ssize passes;      /* passes completed in the heap's life */
    rc_ssize scanned;     /* objects those passes scanned */
    rc_ssize found;       /* unreachable objects they found (freed) */
    double   spacing;     /* a pass each time the heap (its tracked objects) has
                             grown by spacing x its size past its high-water mark,
                             now (0.5 .. 8, set by what passes find) */
    int      in_pass;     /* 1 while a pass is under way */
} rc_gc_pass_stats;
RC_API void rc_gc_get_pass_stats(rc_heap *h, rc_gc_pass_stats *out);
/* RC_GC_INCREMENTAL: do pass work now, for about budget_us microseconds
 * (a minimum of progress if 0), starting a pass if none is under way: an
 * idle point can do the collector's work ahead of the allocations that
 * would owe it (the work done is credited against them).  1 if a pass
 * completed during the call, 0 if not (or if called from inside a
 * collection or a destruction), -1 with RC_EINVAL if the heap's collector is
 * generational. */
RC_API int rc_gc_step(rc_heap *h, unsigned budget_us);

/*
 * Pause statistics: the heap keeps a histogram of every collection's pause,
 * all generations together, in a fixed array (recording one allocates
 * nothing).  A pause is what rc_gc_stats.pause_total_s adds up: the time a
 * collection takes (CLOCK_MONOTONIC), finalizers and weak-reference
 * callbacks included, the trim after an explicit full collection not.
 * Under RC_GC_INCREMENTAL each step of a pass over the old generation is
 * one collection of generation 2 with its own pause.
 *
 * Buckets, four to an octave (each spans a factor 2^(1/4), about 1.19):
 * bucket 0 counts pauses under 1 us; bucket k, for 1 <= k <= 106, those of
 * at least 2^((k-1)/4) us and under 2^(k/4) us; bucket 107 those of
 * 2^(106/4) us (about 94.9 s) or more.  rc_gc_pause_bucket_bound gives the
 * bounds in seconds.
 */
#define RC_GC_PAUSE_BUCKETS 108
typedef struct rc_gc_pause_stats {
    rc_ssize count;           /* collections timed since the heap's birth or the last
                                 rc_gc_reset_pause_stats (without a reset: the sum of
                                 rc_gc_stats.collections over the generations) */
    double total_s;           /* their pauses added up, seconds */
    double max_s;             /* the longest pause (exact) */
    double min_s;             /* the shortest pause (exact) */
    /* Percentiles.  pN_s stands for the pause of rank ceil(N/100 * count) in
     * ascending order (p999_s: N = 99.9).  When that is the last rank (the
     * longest pause, as p99_s is for up to 100 collections) it is max_s, when
     * the first, min_s, both exact; otherwise it is estimated from the
     * histogram: the geometric middle of the bucket holding that pause, kept
     * within [min_s, max_s], which for pauses from 1 us to 94.9 s is within a
     * factor 2^(1/8) (9 %) of the true value; under 1 us, within 1 us; from
     * 94.9 s on, max_s.  Always min_s <= p50_s <= p99_s <= p999_s <= max_s. */
    double p50_s, p99_s, p999_s;
    rc_ssize buckets[RC_GC_PAUSE_BUCKETS];   /* pauses per bucket; they sum to count */
} rc_gc_pause_stats;
/* Fill *out (every field 0 when no collection has been timed). */
RC_API void rc_gc_get_pause_stats(rc_heap *h, rc_gc_pause_stats *out);
/* Forget the pauses recorded so far (rc_gc_get_stats is not affected). */
RC_API void rc_gc_reset_pause_stats(rc_heap *h);
/* The smallest pause, in seconds, bucket k counts, for 0 <= k <=
 * RC_GC_PAUSE_BUCKETS: bucket k holds the pauses p with
 * bound(k) <= p < bound(k + 1); bound(0) is 0 and bound(RC_GC_PAUSE_BUCKETS)
 * is HUGE_VAL (the last bucket has no upper end).  -1 for any other k. */
RC_API double rc_gc_pause_bucket_bound(int k);

/* Called with phase RC_GC_START before and RC_GC_STOP after each collection. */
#define RC_GC_START 0
#define RC_GC_STOP  1
typedef void (*rc_gc_callback)(rc_heap *h, int phase, int generation,
                               rc_ssize collected, rc_ssize uncollectable, void *arg);
/* 0 on success, -1 (RC_ENOMEM) when 16 are registered already. */
RC_API int  rc_gc_add_callback(rc_heap *h, rc_gc_callback fn, void *arg);
RC_API int  rc_gc_remove_callback(rc_heap *h, rc_gc_callback fn, void *arg);

#define RC_GC_DEBUG_STATS         0x01u  /* print each collection's summary to stderr */
#define RC_GC_DEBUG_COLLECTABLE   0x02u  /* print each collectable object found */
#define RC_GC_DEBUG_UNCOLLECTABLE 0x04u  /* print each uncollectable object found */
#define RC_GC_DEBUG_SAVEALL       0x20u  /* keep garbage in rc_gc_garbage instead of freeing it */
#define RC_GC_DEBUG_LEAK (RC_GC_DEBUG_COLLECTABLE | RC_GC_DEBUG_UNCOLLECTABLE | RC_GC_DEBUG_SAVEALL)
RC_API void rc_gc_set_debug(rc_heap *h, unsigned flags);
RC_API unsigned rc_gc_get_debug(rc_heap *h);
/* The heap's gc.garbage list (borrowed), created on first call; NULL if
 * memory ran out. */
RC_API rc_object *rc_gc_garbage(rc_heap *h);
/* Drop the heap's own reference to its gc.garbage list (the next
 * rc_gc_garbage makes a new one).  For a runtime's teardown: the list's
 * items go with it unless something else holds them, and a leak report
 * made afterwards does not count the list. */
RC_API void rc_gc_garbage_release(rc_heap *h);

/* ------------------------------------------------------------------------ */
/* Weak references                                                           */
/* ------------------------------------------------------------------------ */

typedef void (*rc_weak_callback)(rc_object *weakref, rc_object *data);

/* A weak reference to target (an object of a RC_TYPE_GC type; else NULL with
 * RC_ETYPE).  When target dies, the reference is cleared and then cb (if not
 * NULL) is called with the weak reference and data; the callbacks of one
 * target run newest reference first, as CPython's.  The weak reference holds
 * a strong reference to data (may be NULL). */
RC_API rc_object *rc_weakref_new(rc_heap *h, rc_object *target, rc_weak_callback cb, rc_object *data);
/* The target as a new reference, or NULL once it is gone (no error set). */
RC_API rc_object *rc_weakref_get(rc_object *weakref);
/* A live weak reference to target made with neither callback nor data, as a
 * new reference; NULL if there is none (no error set).  Lets a runtime share
 * one plain reference per object, as CPython's weakref.ref(x) does. */
RC_API rc_object *rc_weakref_find_plain(const rc_object *target);
/* How many weak references point at target. */
RC_API rc_ssize rc_weakref_count(const rc_object *target);
/* The i-th weak reference to target (0 <= i < rc_weakref_count, newest
 * first) as a new reference; NULL past the end or if it is being destroyed. */
RC_API rc_object *rc_weakref_at(const rc_object *target, rc_ssize i);
/* A runtime's cache of the target's hash, so that a dead reference keeps the
 * hash it had (CPython's weakref hash): -1 until set. */
RC_API int64_t rc_weakref_hash_get(const rc_object *weakref);
RC_API void rc_weakref_hash_set(rc_object *weakref, int64_t hash);
RC_API extern const rc_type rc_weakref_type;

/* ------------------------------------------------------------------------ */
/* Standard types (src/types/)                                               */
/*                                                                           */
/* Conventions: getters return borrowed references; setters and containers  */
/* take their own reference (the caller keeps its own); constructors return  */
/* new references.  A failing call returns NULL or -1 and sets the error of  */
/* the heap given or of the container's heap.                                */
/* ------------------------------------------------------------------------ */

RC_API extern const rc_type rc_none_type, rc_bool_type, rc_int_type, rc_float_type,
    rc_str_type, rc_bytes_type, rc_tuple_type, rc_list_type, rc_dict_type;

static inline int rc_is_type(const rc_object *o, const rc_type *t) { return o && o->type == t; }

/* Immortal singletons, shared by all heaps (borrowed: no need to decref). */
RC_API rc_object *rc_none(void);
RC_API rc_object *rc_true(void);
RC_API rc_object *rc_false(void);
RC_API rc_object *rc_bool(int v);

/* Generic: hash (identity for types without a hash slot; -1 with the error
 * set on failure) and equality (1, 0, or -1 on error; see RC_TYPE_EQ_FIRST). */
RC_API int64_t rc_hash(rc_object *o);
RC_API int rc_equal(rc_object *a, rc_object *b);

/* int: 64-bit.  -5..256 are immortal and shared: rc_int_new(h, 7) is always
 * the same object.  Arithmetic that overflows fails with RC_ERANGE. */
RC_API rc_object *rc_int_new(rc_heap *h, int64_t v);
RC_API int64_t rc_int_value(const rc_object *o);      /* o must be an int */
RC_API rc_object *rc_int_add(rc_heap *h, const rc_object *a, const rc_object *b);
RC_API rc_object *rc_int_sub(rc_heap *h, const rc_object *a, const rc_object *b);
RC_API rc_object *rc_int_mul(rc_heap *h, const rc_object *a, const rc_object *b);

/* Integers of any size.  A value that fits in int64_t is always an
 * rc_int_type object; a value outside it is an rc_bigint_type object (its
 * type's name is "int" too).  The rc_bigint_* calls take any int (int,
 * bool or big int) and return exact results, normalized: a result that
 * fits in int64_t comes back as rc_int_new's object.  Division and modulo
 * floor, as Python's; a zero divisor fails with RC_EINVAL; a result too
 * large to allocate with RC_ENOMEM. */
RC_API extern const rc_type rc_bigint_type;
static inline int rc_is_any_int(const rc_object *o)
{
    return o && (o->type == &rc_int_type || o->type == &rc_bool_type || o->type == &rc_bigint_type);
}
RC_API rc_object *rc_bigint_add(rc_heap *h, const rc_object *a, const rc_object *b);
RC_API rc_object *rc_bigint_sub(rc_heap *h, const rc_object *a, const rc_object *b);
RC_API rc_object *rc_bigint_mul(rc_heap *h, const rc_object *a, const rc_object *b);
/* Floor quotient into *q and remainder (the divisor's sign) into *r; either
 * may be NULL.  0, or -1 with the error set. */
RC_API int rc_bigint_divmod(rc_heap *h, const rc_object *a, const rc_object *b, rc_object **q, rc_object **r);
/* base ** exp for exp >= 0, reduced modulo mod (the modulus's sign) unless
 * mod is NULL. */
RC_API rc_object *rc_bigint_pow(rc_heap *h, const rc_object *base, const rc_object *exp, const rc_object *mod);
RC_API rc_object *rc_bigint_neg(rc_heap *h, const rc_object *a);
RC_API rc_object *rc_bigint_abs(rc_heap *h, const rc_object *a);
RC_API rc_object *rc_bigint_invert(rc_heap *h, const rc_object *a);      /* ~a */
RC_API rc_object *rc_bigint_and(rc_heap *h, const rc_object *a, const rc_object *b);
RC_API rc_object *rc_bigint_or(rc_heap *h, const rc_object *a, const rc_object *b);
RC_API rc_object *rc_bigint_xor(rc_heap *h, const rc_object *a, const rc_object *b);
RC_API rc_object *rc_bigint_lshift(rc_heap *h, const rc_object *a, uint64_t count);
RC_API rc_object *rc_bigint_rshift(rc_heap *h, const rc_object *a, uint64_t count);  /* floor */
RC_API int rc_bigint_sign(const rc_object *a);                           /* -1, 0, 1 */
RC_API int rc_bigint_compare(const rc_object *a, const rc_object *b);    /* -1, 0, 1 */
/* Exact comparison with a double: *out is -1, 0 or 1, or 2 for a NaN. */
RC_API int rc_bigint_compare_double(rc_heap *h, const rc_object *a, double d, int *out);
/* To the nearest double (ties to even); -1 with RC_ERANGE past DBL_MAX. */
RC_API int rc_bigint_to_double(const rc_object *a, double *out);
/* a / b correctly rounded; -1 with RC_EINVAL (b == 0) or RC_ERANGE. */
RC_API int rc_bigint_true_divide(rc_heap *h, const rc_object *a, const rc_object *b, double *out);
RC_API rc_object *rc_bigint_from_double(rc_heap *h, double d);           /* truncates */
/* [+-]digits in base 2..36 (no prefix, no underscores); RC_EINVAL otherwise. */
RC_API rc_object *rc_bigint_from_string(rc_heap *h, const char *s, size_t len, int base);
/* A new str: '-' for a negative value, then lower-case digits. */
RC_API rc_object *rc_bigint_to_string(rc_heap *h, const rc_object *a, int base);
RC_API uint64_t rc_bigint_bit_length(const rc_object *a);
RC_API size_t rc_bigint_ndigits(const rc_object *a);     /* 30-bit digits of |a| */
/* a as len bytes (two's complement when is_signed); -1 with RC_ERANGE when
 * it does not fit, or when a < 0 and !is_signed. */
RC_API int rc_bigint_to_bytes(const rc_object *a, unsigned char *out, size_t len, int little_endian,
                              int is_signed);
RC_API rc_object *rc_bigint_from_bytes(rc_heap *h, const unsigned char *bytes, size_t len,
                                       int little_endian, int is_signed);

/* float: double, with a per-heap free list of dead floats, as CPython. */
RC_API rc_object *rc_float_new(rc_heap *h, double v);
RC_API double rc_float_value(const rc_object *o);     /* o must be a float */

/* str: UTF-8 (validated: RC_EINVAL otherwise), NUL-terminated, with cached
 * length in code points and cached hash. */
RC_API rc_object *rc_str_new(rc_heap *h, const char *utf8, size_t nbytes);
RC_API rc_object *rc_str_from(rc_heap *h, const char *cstr);
RC_API const char *rc_str_data(const rc_object *s);
RC_API size_t rc_str_len(const rc_object *s);         /* code points */
RC_API size_t rc_str_size(const rc_object *s);        /* bytes */
/* The heap's canonical string equal to s, as a new reference (s itself if it
 * becomes the canonical one).  Interned strings die when unreferenced. */
RC_API rc_object *rc_str_intern(rc_heap *h, rc_object *s);
RC_API int rc_str_is_interned(const rc_object *s);

/* bytes */
RC_API rc_object *rc_bytes_new(rc_heap *h, const void *data, size_t n);
RC_API const unsigned char *rc_bytes_data(const rc_object *b);
RC_API size_t rc_bytes_len(const rc_object *b);

/* tuple: fixed length, items start as NULL; the empty tuple is a singleton;
 * free lists by length up to 20.  Untracked while it holds only atomic values.
 * rc_tuple_set works only while the tuple is unshared (refcount 1), as
 * CPython's PyTuple_SetItem: a shared tuple is immutable (RC_EINVAL). */
RC_API rc_object *rc_tuple_new(rc_heap *h, rc_ssize n);
RC_API rc_object *rc_tuple_get(const rc_object *t, rc_ssize i);   /* borrowed */
RC_API int rc_tuple_set(rc_object *t, rc_ssize i, rc_object *item);
RC_API rc_ssize rc_tuple_len(const rc_object *t);

/* list: amortized growth.  Negative indexes count from the end. */
RC_API rc_object *rc_list_new(rc_heap *h);
RC_API int rc_list_append(rc_object *l, rc_object *item);
/* Room for n items in all, exactly (no over-allocation), so that appends up
 * to n items do not grow the array (as CPython's list(x) sized by
 * len(x)); a list already that large is left alone.  0, or -1 with RC_ENOMEM. */
RC_API int rc_list_reserve(rc_object *l, rc_ssize n);
RC_API rc_object *rc_list_get(const rc_object *l, rc_ssize i);    /* borrowed */
RC_API int rc_list_set(rc_object *l, rc_ssize i, rc_object *item);
RC_API int rc_list_insert(rc_object *l, rc_ssize i, rc_object *item);
RC_API rc_object *rc_list_pop(rc_object *l, rc_ssize i);          /* new reference */
RC_API rc_ssize rc_list_len(const rc_object *l);
/* Slots allocated for items (>= rc_list_len), the number CPython's
 * sys.getsizeof counts; -1 if l is not a list. */
RC_API rc_ssize rc_list_capacity(const rc_object *l);

/* dict: compact, insertion-ordered hash table.  Untracked while it holds
 * only atomic keys and values. */
RC_API rc_object *rc_dict_new(rc_heap *h);
RC_API int rc_dict_set(rc_object *d, rc_object *key, rc_object *value);
/* The value (borrowed), or NULL: RC_EKEY if absent, another code on error. */
RC_API rc_object *rc_dict_get(rc_object *d, rc_object *key);
RC_API int rc_dict_del(rc_object *d, rc_object *key);
RC_API rc_ssize rc_dict_len(const rc_object *d);
/* Remove every item and free the table, as CPython's dict.clear: the table
 * is detached first, then the references are dropped in insertion order
 * (a destructor that runs meanwhile sees an empty dict).  0, or -1
 * (RC_ETYPE) if d is not a dict. */
RC_API int rc_dict_clear(rc_object *d);
/* The shape of d's table, for sizes as CPython's sys.getsizeof reports them:
 * returns the index slots (a power of two; 0 when d has no table: new or
 * cleared) and sets the bytes per slot (1, 2, 4 or 8), the entries
 * allocated (2/3 of the slots) and whether a key other than a str was ever
 * added to this table (1) or not (0).  Deletions never shrink the table.
 * -1 if d is not a dict. */
RC_API rc_ssize rc_dict_table_shape(const rc_object *d, int *slot_bytes, rc_ssize *entries, int *not_str_keys);
/* A number that changes whenever d's keys or values change, and that two
 * dicts of one heap never share (unless one changes 2^32 times): a cache of
 * a lookup stays valid while the version it saw is the dict's (d must be a
 * dict). */
RC_API uint64_t rc_dict_version(const rc_object *d);
/* Iterate in insertion order: *pos starts at 0; 1 while an item is returned. */
RC_API int rc_dict_next(const rc_object *d, rc_ssize *pos, rc_object **key, rc_object **value);

/* ------------------------------------------------------------------------ */
/* Inline fast paths (for the hot loops of language runtimes)                */
/*                                                                           */
/* The layouts of int, float, tuple, list and dict objects below are part  */
/* of the API: the library's own types are defined with them.  The *_fast  */
/* accessors do no checks at all: the caller has checked the type          */
/* (o->type == &rc_int_type or &rc_bool_type for ints, &rc_float_type,     */
/* &rc_tuple_type, &rc_list_type, &rc_dict_type) and the index.            */
/* ------------------------------------------------------------------------ */

/* rc_int_new returns the same immortal object for every value in
 * [RC_SMALL_INT_MIN, RC_SMALL_INT_MAX] (CPython's small-int cache). */
#define RC_SMALL_INT_MIN (-5)
#define RC_SMALL_INT_MAX 256

typedef struct rc_int_object {
    rc_object ob;
    int64_t value;
} rc_int_object;

typedef struct rc_bigint_object {
    rc_object ob;
    int64_t size;            /* digits in use, negated for a negative value */
    uint32_t digits[];       /* 30-bit, least significant first, top one non-zero */
} rc_bigint_object;

typedef struct rc_tuple_object {
    rc_object ob;
    rc_ssize len;
    rc_object *items[];      /* owned references (NULL while unset) */
} rc_tuple_object;

typedef struct rc_float_object {
    rc_object ob;
    double value;
} rc_float_object;

typedef struct rc_list_object {
    rc_object ob;
    rc_ssize len;            /* items in use */
    rc_ssize cap;            /* slots allocated at items */
    rc_object **items;       /* owned references; NULL when cap == 0 */
} rc_list_object;

static inline int64_t rc_int_value_fast(const rc_object *o)
{
    return ((const rc_int_object *)o)->value;
}
static inline rc_ssize rc_tuple_len_fast(const rc_object *t)
{
    return ((const rc_tuple_object *)t)->len;
}
static inline rc_object *rc_tuple_get_fast(const rc_object *t, rc_ssize i)   /* borrowed */
{
    return ((const rc_tuple_object *)t)->items[i];
}
static inline double rc_float_value_fast(const rc_object *o)
{
    return ((const rc_float_object *)o)->value;
}
static inline rc_ssize rc_list_len_fast(const rc_object *l)
{
    return ((const rc_list_object *)l)->len;
}
static inline rc_object *rc_list_get_fast(const rc_object *l, rc_ssize i)    /* borrowed */
{
    return ((const rc_list_object *)l)->items[i];
}

struct rc_dict_table;          /* private to the library */
typedef struct rc_dict_object {
    rc_object ob;
    rc_ssize used;             /* live items */
    uint64_t version;          /* what rc_dict_version returns */
    struct rc_dict_table *keys;
} rc_dict_object;

/* rc_dict_version of a dict, inline */
static inline uint64_t rc_dict_version_fast(const rc_object *d)
{
    return ((const rc_dict_object *)d)->version;
}

/* rc_tuple_pack flags */
#define RC_PACK_STEAL 0x1u  /* the tuple takes over the callers' references to the items */
#define RC_PACK_TRACK 0x2u  /* track the tuple even if every item is atomic (as CPython
                             * does for a tuple built at run time; a collection
                             * untracks it again) */
/* A new tuple of items[0..n) (none NULL), tracked by the rule of rc_tuple_set
 * unless RC_PACK_TRACK.  One call in place of rc_tuple_new + n rc_tuple_set.
 * With RC_PACK_STEAL the references are consumed even when it fails (NULL,
 * RC_ENOMEM or RC_EINVAL for n < 0). */
RC_API rc_object *rc_tuple_pack(rc_heap *h, rc_object *const *items, rc_ssize n, unsigned flags);

/* ------------------------------------------------------------------------ */
/* Testing                                                                   */
/* ------------------------------------------------------------------------ */

/* Fault injection, as SQLite's test_malloc: after `successes` more
 * allocations succeed, every allocation of h fails with RC_ENOMEM until
 * called again with -1.  Costs nothing on the fast path when off. */
RC_API void rc_heap_fail_allocations(rc_heap *h, long successes);

#ifdef __cplusplus
}
#endif

#endif /* RECLAIM_H */
