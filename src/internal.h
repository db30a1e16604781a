/*
 * internal.h — what the library's files share and nobody else may see.
 *
 * Names: rc__os_* (os.c), rc__heap_* (heap.c), everything else static.
 * Every declaration here has hidden visibility: only the rc_* functions of
 * include/reclaim.h are exported from libreclaim.so.
 */
#ifndef RC_INTERNAL_H
#define RC_INTERNAL_H

#ifndef RC_BUILDING_LIBRARY
#error "src/internal.h is private to the reclaim library; include <reclaim.h> instead"
#endif

#include "reclaim.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#define RC_INTERNAL __attribute__((visibility("hidden")))
#define rc_likely(x)   __builtin_expect(!!(x), 1)
#define rc_unlikely(x) __builtin_expect(!!(x), 0)
/* The object layer's per-object paths start on a cache line: where an
 * unrelated change happens to leave them otherwise moved GCBench by 7 %
 * (the CPU's instruction fetch is sensitive to where hot code falls). */
#define RC_HOT_PATH __attribute__((aligned(64)))

/* ---- geometry of the pyramid ------------------------------------------- */

#define RC_ALIGNMENT   16u
#define POOL_SHIFT     14
#define POOL_SIZE      ((size_t)1 << POOL_SHIFT)          /* 16 KiB */
#define ARENA_SHIFT    20
#define ARENA_SIZE     ((size_t)1 << ARENA_SHIFT)         /* 1 MiB */
#define POOLS_PER_ARENA ((unsigned)(ARENA_SIZE / POOL_SIZE)) /* 64 */
#define MAX_BLOCKS_PER_POOL (POOL_SIZE / RC_ALIGNMENT)    /* 1024 */
/* Requests of at least this size bypass the system allocator: own mmap. */
#define HUGE_THRESHOLD ((size_t)1 << 20)
/* The address range a heap reserves for its arenas (it is only reserved:
 * PROT_NONE, no memory behind it until an arena is committed). */
#define REGION_DEFAULT ((size_t)32 << 30)                 /* 32 GiB */
#define REGION_SHIFT   30
#define REGION_UNIT    ((size_t)1 << REGION_SHIFT)        /* regions: whole GiBs, GiB-aligned */
#define REGION_MIN     REGION_UNIT
#define REGION_MAP_SLOTS ((size_t)1 << (47 - REGION_SHIFT)) /* user space below 2^47 */
/* Pool links are 32-bit indexes (rc_pool.next/prev): at most 2^32 - 1 pools. */
#define REGION_MAX     ((size_t)32 << 40)                 /* 32 TiB = 2^31 pools */
#define PURGE_DELAY_DEFAULT_MS 200
/* The release policy (alloc.c): free memory kept resident for reuse is at
 * least RESERVE_MIN_BYTES; memory faulted in again within the purge delay
 * of a release grows the reserve by as much. */
#define RESERVE_MIN_BYTES ((size_t)1 << 20)
/* An idle point purges the free pages inside pools in use once this many
 * full pools have been thinned out by frees since the last such purge. */
#define THINNED_POOLS_SCAN 64u
/* What the release policy gave back recently, of one kind (alloc.c). */
typedef struct release_memo {
    size_t   credit;         /* bytes a refault may still add to the reserve */
    size_t   largest;        /* the largest single mapping released (huge only) */
    uint64_t at_ms;          /* the last release */
} release_memo;
enum release_kind { RELEASED_POOLS = 0, RELEASED_HUGE = 1 };
/* Freed huge mappings kept for reuse (heap.c), dirty memory like free
 * pools; one serves a request of at least 1/HUGE_REUSE_RATIO of its size. */
#define HUGE_CACHE_SLOTS 4
#define HUGE_REUSE_RATIO 8
/* A heap that already holds this many arenas is growing: commit new arenas
 * pre-faulted (MAP_POPULATE), one batch instead of 256 page faults. */
#define PREFAULT_AFTER_ARENAS 2
/* The per-class caches of recently freed blocks (heap.c): at most 2 MiB in all. */
#define RECENT_MAX_BLOCKS 1024u
#define RECENT_MAX_BYTES  ((size_t)64 << 10)
/* Nested destructions run as recursion up to this depth (a few hundred
 * bytes of C stack a level); deeper ones are queued (object.c). */
#define DEALLOC_MAX_DEPTH 32u

_Static_assert(RC_SMALL_MAX % RC_ALIGNMENT == 0, "size classes are 16-byte steps");
_Static_assert(ARENA_SIZE % POOL_SIZE == 0, "an arena is a whole number of pools");
_Static_assert(POOLS_PER_ARENA <= 64, "arena buckets are indexed by a 64-bit mask");
_Static_assert(POOL_SIZE / RC_SMALL_MAX >= 2, "a pool holds at least two blocks of any class");

/* Classes 0..RC_SIZE_CLASSES-1 serve rc_malloc: 16-byte steps, 16-byte
 * aligned.  The RC_OBJECT_CLASSES after them hold blocks of 24, 40, ...,
 * OBJECT_CLASS_MAX bytes, 8-byte aligned, for objects of fixed-size types
 * without RC_TYPE_GC whose sizes those are (object_class_for): ints and
 * floats (682 to a pool instead of 512, a quarter fewer pages for the
 * commonest objects), a 40-byte node of two references and two ints (48
 * bytes otherwise).  GC objects keep 16-byte alignment: GC_FLAG_MASK's four
 * bits live below it in their heads' links.  rc_malloc never hands one out;
 * frees find the class in the pool descriptor like any other. */
#define CLASS_SLOTS    RC_STAT_CLASSES
#define OBJECT24_SIZE  24u
#define OBJECT_CLASS_MAX (OBJECT24_SIZE + 16u * (RC_OBJECT_CLASSES - 1))   /* 120 */
static inline unsigned size_class_of(size_t n) { return (unsigned)((n - 1) >> 4); } /* n in 1..512 */
static inline size_t class_block_size(unsigned cls)
{
    return cls < RC_SIZE_CLASSES ? ((size_t)cls + 1) << 4
                                 : OBJECT24_SIZE + ((size_t)(cls - RC_SIZE_CLASSES) << 4);
}
/* The class of a fixed-size object's block of n bytes (not RC_TYPE_GC,
 * 1 <= n <= RC_SMALL_MAX): exactly n bytes when n is 8 more than a
 * multiple of 16 (no member needs 16-byte alignment), else rc_malloc's. */
static inline unsigned object_class_for(size_t n)
{
    if ((n & 15) == 8 && n <= OBJECT_CLASS_MAX)
        return RC_OBJECT24_CLASS + (unsigned)((n - OBJECT24_SIZE) >> 4);
    return size_class_of(n);
}

/* ---- layer 0: the OS (os.c) --------------------------------------------- */

RC_INTERNAL size_t rc__os_page_size(void);
/* Reserve [*size] bytes of address space aligned to `align`, no access, no
 * memory behind them.  Shrinks *size by halves down to min_size if refused. */
RC_INTERNAL void  *rc__os_reserve(size_t *size, size_t min_size, size_t align);
RC_INTERNAL int    rc__os_commit(void *addr, size_t size, bool populate); /* make RW; 0 ok */
RC_INTERNAL void   rc__os_populate(void *addr, size_t size);  /* prefault, if the kernel can */
RC_INTERNAL void   rc__os_advise_huge(void *addr, size_t size); /* MADV_HUGEPAGE, a hint */
#define HUGE_PAGE_SIZE ((size_t)2 << 20)
RC_INTERNAL void   rc__os_decommit(void *addr, size_t size);  /* back to reserved */
RC_INTERNAL void   rc__os_purge(void *addr, size_t size);     /* drop the pages, keep the range */
RC_INTERNAL void  *rc__os_map(size_t size);                   /* fresh RW zero pages or NULL */
RC_INTERNAL void   rc__os_unmap(void *addr, size_t size);
RC_INTERNAL void  *rc__os_remap(void *addr, size_t old_size, size_t new_size); /* may move; NULL if refused */
RC_INTERNAL uint64_t rc__os_now_ms(void);                     /* monotonic, coarse */
RC_INTERNAL double rc__os_now_s(void);                        /* monotonic, precise */

/* ---- layers 1-2: blocks, pools, arenas (alloc.c, heap.c) ----------------- */

/* A free block: its first word links the pool's free list. */
typedef struct rc_block { struct rc_block *next; } rc_block;

enum pool_state { POOL_FREE = 0, POOL_PARTIAL = 1, POOL_FULL = 2 };

/*
 * A pool: 16 KiB of blocks of one size class.  Its descriptor lives outside
 * the pool, in the heap's descriptor array (index = pool offset in the region
 * >> POOL_SHIFT), so blocks start at the pool's first byte and no block has a
 * header.
 *
 * Invariants (checked by rc_heap_check):
 *   state FREE:    the pool is on its arena's free_pools list, used == 0.
 *   state PARTIAL: on its class list (h->head[cls]..); it has free blocks or
 *                  purged pages to restore.
 *   state FULL:    on no list; used > wake_at = nblocks - max(nblocks/8, 8) (full when
 *                  unlinked; rejoins its list when used falls to wake_at).
 *   used (minus the pin of the class head) + |free list| + excluded == nblocks,
 *   where excluded = blocks overlapping a purged page.
 *   The head of each class list holds one extra count in `used` (the pin), so
 *   that emptying the pool being allocated from never leaves the fast path.
 */
typedef struct rc_pool {
    rc_block *free;          /* free list of resident blocks (LIFO) */
    uint32_t  used;          /* blocks handed out, +1 while class head */
    uint32_t  wake_at;       /* rc_free takes the slow path when used falls to this:
                                0 on a class list (the pool emptied), or
                                nblocks - pool_wake_quota(nblocks) when FULL */
    uint32_t  next;          /* list: class list (PARTIAL) or arena free_pools (FREE);
                                a link: index in h->pool_desc + 1, 0 = none (alloc.c) */
    uint32_t  prev;          /* list: class list only; a link like next */
    uint16_t  block_size;    /* bytes per block; 0 while never carved */
    uint16_t  nblocks;       /* blocks in the pool */
    uint8_t   size_class;    /* class index; meaningful when block_size != 0 */
    uint8_t   state;         /* enum pool_state */
    uint8_t   purged;        /* bit i: OS page i of the pool was purged;
                                POOL_PURGED_ALL on a free pool = no valid content */
    uint8_t   thinned;       /* counted in h->pools_thinned: PARTIAL after frees
                                took it from FULL, since the last page purge */
} rc_pool;
/* 32 bytes: the descriptors of two arenas share a 4 KiB page, which stays
 * resident while either arena is mapped (after sparse frees and a trim,
 * descriptor pages are the heap's only memory besides the survivors' pages). */
_Static_assert(sizeof(rc_pool) == 32, "pool descriptors are 32 bytes");
/* A FULL pool rejoins its class list once 1/POOL_WAKE_DIVISOR of its blocks
 * are free, not on its first free: a pool that would serve one block and run
 * dry again costs two slow paths for one block. */
#define POOL_WAKE_DIVISOR 8u
#define POOL_WAKE_MIN     8u
static inline uint32_t pool_wake_quota(uint32_t nblocks)
{
    uint32_t q = nblocks / POOL_WAKE_DIVISOR;
    return q < POOL_WAKE_MIN ? POOL_WAKE_MIN : q;
}
#define POOL_PURGED_ALL 0xffu

enum arena_state { ARENA_UNMAPPED = 0, ARENA_MAPPED = 1 };

/*
 * An arena: 1 MiB of the heap's region, ARENA_SIZE-aligned, holding
 * POOLS_PER_ARENA pools.  Mapped arenas with free pools sit in the bucket
 * h->arena_bucket[nfree] (1 <= nfree <= 63); allocation takes a pool from the
 * lowest non-empty bucket, that is from the fullest arena, so lightly used
 * arenas drain and go back to the OS.  Arenas with nfree == 64 (empty) wait
 * on h->spare_arenas until the purge policy unmaps them; arenas with
 * nfree == 0 are on no list.
 *   nfree == length(free_pools)
 */
typedef struct rc_arena {
    struct rc_arena *next;   /* list: arena_bucket[nfree], spare_arenas, or unmapped_arenas */
    struct rc_arena *prev;   /* list: arena_bucket[nfree] and spare_arenas */
    rc_pool  *free_pools;    /* list: this arena's FREE pools, linked by rc_pool.next */
    uint32_t  nfree;         /* pools on free_pools */
    uint32_t  state;         /* enum arena_state */
} rc_arena;

/*
 * A large block (more than RC_SMALL_MAX bytes): from the system allocator, or
 * its own mmap when huge.  The header keeps every large block on the heap's
 * list so rc_heap_free can release it, and names its heap so rc_free can
 * refuse a pointer from elsewhere.  A huge block's mapping may be larger
 * than it needs (a reused mapping, or one it shrank within): `mapped`.
 * size and owner are the last two words (rc_diag_block relies on it).
 */
typedef struct rc_large {
    struct rc_large *next;   /* list: h->large (all live large blocks), or unused in h->huge_cache */
    struct rc_large *prev;
    size_t   mapped;         /* bytes of its mapping, header included; 0 if from malloc */
    size_t   unused_;
    size_t   size;           /* usable bytes */
    uintptr_t owner;         /* (uintptr_t)heap | LARGE_* flags */
} rc_large;
_Static_assert(sizeof(rc_large) % RC_ALIGNMENT == 0, "large payloads stay 16-byte aligned");
#define LARGE_MMAPPED ((uintptr_t)1)   /* its own mapping (huge) */
#define LARGE_ZEROED  ((uintptr_t)2)   /* fresh zero pages, not yet handed to rc_calloc */
#define LARGE_FLAGS   (LARGE_MMAPPED | LARGE_ZEROED)

/* ---- diagnostics (debug.c, trace.c) -------------------------------------- */

/* Any of these flags puts the heap in diagnostic mode: every block gets an
 * rc_diag_block header and guards, the fast paths are off. */
#define RC_DIAG_FLAGS (RC_DEBUG_ALLOC | RC_TRACE_ALLOC | RC_REPORT_LEAKS)

/*
 * The header of a block in diagnostic mode, in front of the payload the
 * caller gets.  Its last two fields sit where an rc_large header keeps size
 * and owner, so rc__heap_owning_large(payload) finds the heap of a
 * diagnostic block too.  guard_front (and the bytes after the payload up to
 * the next 16-byte boundary plus DIAG_BACK_GUARD) hold DIAG_GUARD_BYTE.
 */
typedef struct rc_diag_block {
    struct rc_diag_block *prev, *next;  /* list: diag->live or diag->quarantine */
    uint32_t site;                      /* index into diag->sites */
    uint16_t magic;                     /* DIAG_MAGIC_LIVE or DIAG_MAGIC_FREED */
    uint8_t  object_head;               /* object: 1 + bytes before the rc_object (0, 16); 0 raw */
    uint8_t  marks;                     /* DIAG_MARK_* bits */
    uint8_t  guard_front[8];
    size_t   size;                      /* bytes the caller asked for */
    uintptr_t owner;                    /* (uintptr_t)heap */
} rc_diag_block;
_Static_assert(sizeof(rc_diag_block) % RC_ALIGNMENT == 0, "diagnostic payloads stay 16-byte aligned");

/* rc_diag_block.marks: CYCLE is the leak report's scratch mark (clear
 * outside it); UNTRACED is a block outside the tracing window
 * (rc_trace_reset), left out of snapshots and the traced totals. */
#define DIAG_MARK_CYCLE    0x1u
#define DIAG_MARK_UNTRACED 0x2u

typedef struct rc_diag_site {
    const char *file;        /* owned copy, or NULL (pc only) */
    int line;
    const void *pc;
} rc_diag_site;

typedef struct rc_diag {
    rc_diag_block live;                 /* sentinel: blocks handed out */
    rc_diag_block quarantine;           /* sentinel: freed blocks not yet reused (FIFO) */
    size_t live_blocks, live_bytes;
    size_t quarantine_blocks, quarantine_bytes;
    size_t traced_bytes, traced_peak;   /* payload of the traced live blocks; its maximum */
    bool not_recording;                 /* new blocks are UNTRACED (rc_trace_reset) */
    rc_diag_site *sites;                /* system malloc; sites[0] = unknown */
    uint32_t nsites, sites_cap;
    uint32_t *site_index;               /* open addressing, 0 = empty, else site + 1 */
    uint32_t index_cap;                 /* power of two */
    rc_site_hook hook;
    void *hook_arg;
    /* the last site looked up, by identity of its key (one compare instead
     * of hashing the file name on every allocation of a loop) */
    const char *last_file;
    int last_line;
    const void *last_pc;
    uint32_t last_site;
    const char *next_file;              /* rc_malloc_at & co: the caller's site */
    int next_line;
} rc_diag;

/* ---- layer 3: objects (object.c, weakref.c, gc.c, types/) ------------------- */

/*
 * The header in front of every object of a RC_TYPE_GC type (16 bytes, so the
 * object stays 16-byte aligned).  While tracked, the object is on one of its
 * heap's generation lists; `next` is NULL when it is untracked.
 */
typedef struct rc_gc_head {
    /* 16-aligned wherever it lives (sentinels in rc_heap too): the low bits
     * of a pointer to a head carry the flags */
    _Alignas(16) struct rc_gc_head *next;  /* list: h->gc_gen[g] (circular, sentinel in the heap) */
    uintptr_t prev_flags;     /* previous on that list | GC_* flags in the low bits */
} rc_gc_head;
#define GC_FINALIZED  ((uintptr_t)0x1)  /* finalize has run */
#define GC_WEAKREFS   ((uintptr_t)0x2)  /* the weak table has an entry for it */
#define GC_DYING      ((uintptr_t)0x4)  /* refcount reached 0; waiting to be destroyed */
#define GC_COLLECTING ((uintptr_t)0x8)  /* during a collection: in the set being collected */
/* During a collection, gc.c reuses prev_flags above the flag bits to hold
 * gc_refs (the count not explained by references from inside the set), and
 * marks `next` with GC_NEXT_UNREACHABLE while an object sits on the
 * tentatively-unreachable list, as CPython's collector does. */
#define GC_REFS_SHIFT 4
#define GC_NEXT_UNREACHABLE ((uintptr_t)0x1)
#define GC_FLAG_MASK  ((uintptr_t)0xf)
/* gc_refs of an immortal object: a count no cycle can explain */
#define GC_REFS_IMMORTAL ((rc_ssize)1 << 40)
_Static_assert(sizeof(rc_gc_head) % RC_ALIGNMENT == 0, "objects stay 16-byte aligned");
_Static_assert(_Alignof(rc_gc_head) > GC_FLAG_MASK, "flag bits fit below the alignment");

static inline rc_gc_head *gc_head_of(const rc_object *o) { return (rc_gc_head *)o - 1; }
/* gc_refs, while a collection (or the incremental pass) holds it in prev_flags */
static inline rc_ssize gc_head_refs(const rc_gc_head *g)
{
    return (rc_ssize)((intptr_t)g->prev_flags >> GC_REFS_SHIFT);
}
static inline void gc_head_set_refs(rc_gc_head *g, rc_ssize refs)
{
    g->prev_flags = ((uintptr_t)refs << GC_REFS_SHIFT) | (g->prev_flags & GC_FLAG_MASK);
}
static inline rc_object *gc_object_of(const rc_gc_head *g) { return (rc_object *)(g + 1); }
/* The lists' primitives, shared by object.c (track/untrack) and gc.c. */
static inline rc_gc_head *gc_head_prev(const rc_gc_head *g)
{
    return (rc_gc_head *)(g->prev_flags & ~GC_FLAG_MASK);
}
static inline void gc_head_set_prev(rc_gc_head *g, rc_gc_head *prev)
{
    g->prev_flags = (uintptr_t)prev | (g->prev_flags & GC_FLAG_MASK);
}
static inline void gc_list_append(rc_gc_head *node, rc_gc_head *list)
{
    rc_gc_head *last = gc_head_prev(list);
    last->next = node;
    gc_head_set_prev(node, last);
    node->next = list;
    gc_head_set_prev(list, node);
}
static inline void gc_list_remove(rc_gc_head *node)
{
    rc_gc_head *prev = gc_head_prev(node), *next = node->next;
    prev->next = next;
    gc_head_set_prev(next, prev);
    node->next = NULL;
    gc_head_set_prev(node, NULL);
}

static inline bool type_is_gc(const rc_type *t) { return (t->flags & RC_TYPE_GC) != 0; }
static inline bool object_is_gc(const rc_object *o) { return type_is_gc(o->type); }

/* Tracked: on a generation list. */
static inline bool gc_is_linked(const rc_object *o)
{
    return object_is_gc(o) && gc_head_of(o)->next != NULL;
}

/* True if o may be tracked now or later (CPython's rule: GC objects are, but
 * an untracked tuple is atomic).  Containers track themselves on insertion
 * of such an item. */
static inline bool may_be_tracked(const rc_object *o)
{
    if (!object_is_gc(o))
        return false;
    return o->type != &rc_tuple_type || gc_head_of(o)->next != NULL;
}

/* A string (types/str.c): the text inline after the fields. */
#define STR_HASH_UNKNOWN ((int64_t)-1)
typedef struct rc_str {
    rc_object ob;
    size_t len;            /* code points */
    size_t size;           /* bytes of data, NUL not counted */
    int64_t hash;          /* STR_HASH_UNKNOWN until computed */
    bool interned;         /* held (borrowed) by the heap's intern table */
    char data[];           /* size bytes, then '\0' */
} rc_str;

/* Whether two strings hold the same text (bytes compared; no hash read). */
static inline bool str_text_equal(const rc_str *a, const rc_str *b)
{
    return a->size == b->size && memcmp(a->data, b->data, a->size) == 0;
}

/* rc_hash, with a string's cached hash read inline (dict keys). */
static inline int64_t key_hash(rc_object *o)
{
    if (o->type == &rc_str_type && ((const rc_str *)o)->hash != STR_HASH_UNKNOWN)
        return ((const rc_str *)o)->hash;
    return rc_hash(o);
}

/* Immortal counts: static objects shared by all heaps, and heap objects made
 * immortal with rc_make_immortal (both negative: refcount ops skip them). */
#define IMMORTAL_STATIC ((rc_ssize)(-((intptr_t)1 << 62)))
#define IMMORTAL_HEAP   ((rc_ssize)(-((intptr_t)1 << 61)))

/* The weak table: object -> its first weak reference (open addressing). */
typedef struct weak_slot { rc_object *target; rc_object *first; } weak_slot;
typedef struct weak_table { weak_slot *slots; size_t cap, used, tombs; } weak_table;

#define TUPLE_CACHE_MAX_LEN 20

/* An object cache: a type's free list of dead objects (floats, tuples by
 * length), linked through their dead refcnt fields, type left in place. */
typedef struct object_cache {
    rc_object *first;        /* list: linked through refcnt */
    size_t len;
} object_cache;
#define FLOAT_CACHE_MAX 100  /* floats kept for reuse (types/float.c; rc_dealloc's fast path) */
#define GC_MAX_CALLBACKS 16

typedef struct gc_callback_slot { rc_gc_callback fn; void *arg; } gc_callback_slot;

/* Every collection's pause (gc.c, record_pause), buckets as in
 * rc_gc_pause_stats.  count = sum of buckets[]; when count > 0,
 * min_s <= max_s <= total_s; all zero at birth and after a reset. */
typedef struct gc_pauses {
    rc_ssize  count;
    double    total_s, max_s, min_s;
    rc_ssize  buckets[RC_GC_PAUSE_BUCKETS];
} gc_pauses;

/* The collector's state (gc.c). */
/*
 * The incremental policy's pass over the old generation (gc_incremental.c).
 * While an object is in the pass it is on no list: its head's `next` holds
 * its slot index, tagged GC_NEXT_INPASS, and prev_flags holds its gc_refs
 * above the flag bits, as during a collection.  Its slot turns NULL if it
 * dies or is untracked meanwhile.
 */
#define GC_NEXT_INPASS ((uintptr_t)0x2)
/* incremental: a step runs at least every GC_STEP_EVERY tracked allocations */
#define GC_STEP_EVERY 4096u
enum gc_pass_phase { PASS_IDLE = 0, PASS_LOAD, PASS_SUBTRACT, PASS_MARK, PASS_SORT, PASS_COLLECT };
typedef struct gc_pass {
    int       phase;                 /* enum gc_pass_phase */
    rc_gc_head **slot;               /* the pass's objects (system malloc); NULL: gone */
    size_t    n, cap;                /* slots used, allocated */
    size_t    cursor;                /* next slot the phase handles */
    size_t   *stack;                 /* PASS_MARK: slots reached, not yet traversed */
    size_t    sp, stack_cap;
    rc_gc_head to_load;              /* sentinel: old objects waiting for PASS_LOAD */
    size_t    candidates;            /* PASS_COLLECT: unreached objects left in slots */
    size_t    loaded;                /* objects the pass scanned */
    size_t    found;                 /* objects this pass freed */

    size_t    passes;                /* passes completed in the heap's life */
    size_t    scanned_total, found_total;   /* by those passes */
    rc_ssize  collected_now;         /* objects the current step freed */
    double    debt;                  /* work owed by allocation, in object visits */
    rc_ssize  tracked_mark;          /* the most objects tracked at once since the last
                                        pass ended: growth past it owes pass work */
    double    spacing;               /* a pass per spacing x the heap's size of growth
                                        past tracked_mark (0.5..8) */
    double    collect_s;             /* seconds per candidate collected (moving average) */
    size_t    allocs;                /* tracked allocations since the last step */
    int       young_limit;           /* count[0] past which a step collects generation 0:
                                        threshold[0], doubled while young collections
                                        find nothing, up to what fits in half a step */
    double    young_s;               /* seconds per young object collected (moving average) */
    unsigned  young_barren;          /* full-size young collections that found nothing */
    unsigned  young_skips;           /* young events since sampling began */
    size_t    assist_every;          /* allocations between two steps at the most:
                                        fewer while debt is left over */
} gc_pass;
static inline bool gc_head_in_pass(const rc_gc_head *g)
{
    return ((uintptr_t)g->next & GC_NEXT_INPASS) != 0;
}

typedef struct gc_state {
    int       mode;                  /* RC_GC_GENERATIONAL or RC_GC_INCREMENTAL */
    double    pause_target_s;        /* incremental: the longest step */
    gc_pass   pass;                  /* incremental: the pass (gc_incremental.c) */
    int       threshold[3];
    int       count[3];              /* [0]: GC allocations - deallocations;
                                        [1], [2]: collections of the younger generation */
    rc_ssize  long_lived_total;      /* objects in generation 2 after the last full collection */
    rc_ssize  long_lived_pending;    /* objects moved into generation 2 since */
    bool      enabled;
    bool      collecting;
    unsigned  debug;
    rc_gc_head permanent;            /* frozen objects (sentinel) */
    rc_gc_stats stats[3];
    gc_pauses pauses;                /* all generations' pauses, a histogram */
    gc_callback_slot callbacks[GC_MAX_CALLBACKS];
    rc_object *garbage;              /* list, created on first use */
} gc_state;

/* One size class's fast-path state in 24 bytes: an allocation or a free
 * of the class touches this record and nothing else of the heap's but its
 * first line.  Recently freed blocks are a LIFO per class, handed out again
 * first: the block freed last is still in cache.  They still count as used
 * in their pools (flushed back by trim, checks and mode changes);
 * recent_n <= recent_max = min(RECENT_MAX_BLOCKS, RECENT_MAX_BYTES / size),
 * 0 under debug checks and fault injection. */
typedef struct rc_class_cache {
    rc_pool  *fast;                    /* class head, or &sentinel (forces slow path) */
    rc_block *recent;                  /* list: linked through the blocks */
    uint32_t  recent_n, recent_max;
} rc_class_cache;

struct rc_heap {
    /* The fields every allocation, free, rc_new and rc_dealloc read come
     * first, in one cache line, then the classes' records. */
    uintptr_t region_base;             /* first byte of the arena region */
    size_t    fast_region_size;        /* region size; 0 under RC_DEBUG_ALLOC (all frees checked) */
    rc_pool  *pool_desc;               /* descriptor array, region_size >> POOL_SHIFT entries */
    const rc_type *plain_type;         /* the last plain leaf type seen (object.c): a cache
                                          that lets rc_new and rc_dealloc skip their tests */
    const rc_type *sized_type;         /* the last other type rc_new created whose objects
                                          are small blocks of one class (object.c): a cache
                                          for rc_new's second inline path and rc__object_free */
    unsigned  plain_class;             /* the size class of plain_type's objects */
    unsigned  sized_class;             /* sized_type's objects' size class */
    size_t    objects_allocated, objects_freed;   /* objects created / destroyed (or
                                          cached) in the heap's life; live is the
                                          difference, derived when asked */
    unsigned  dealloc_depth;           /* nested deallocs running (object.c): 0 = none;
                                          at DEALLOC_MAX_DEPTH, defer, don't recurse */
    rc_object *dealloc_pending;        /* objects whose count hit 0 during a dealloc,
                                          linked through their refcnt field */
    rc_class_cache cc[CLASS_SLOTS];

    size_t    region_size;
    rc_arena *arena_desc;              /* descriptor array, region_size >> ARENA_SHIFT entries */
    size_t    arena_slots;             /* region_size >> ARENA_SHIFT */
    size_t    arena_slots_used;        /* slots ever mapped: [0, used) */
    rc_pool   sentinel;                /* a pool with no free block */

    rc_pool  *head[CLASS_SLOTS];   /* class lists: PARTIAL pools, head pinned */
    rc_pool  *tail[CLASS_SLOTS];
    rc_arena *arena_bucket[POOLS_PER_ARENA];  /* [nfree], 1..63 used */
    uint64_t  bucket_mask;             /* bit k set <=> arena_bucket[k] non-empty */
    rc_arena *spare_arenas;            /* mapped, all pools free */
    rc_arena *unmapped_arenas;         /* slots below arena_slots_used to map again */
    rc_large *large;                   /* all live large blocks */
    /* Under RC_DEBUG_ALLOC, the same blocks in a hash set (heap.c), so that
     * a checked free knows a large block in O(1); NULL slots (and a walk
     * of the list) if the set could not grow. */
    rc_large **large_set;              /* open addressing, linear probing */
    size_t    large_set_cap, large_set_used;
    bool      large_set_broken;        /* malloc refused a growth: walk the list */

    /* accounting (slow paths only) */
    size_t    arenas_mapped, arenas_highwater, arenas_released;
    size_t    pools_in_use;            /* pools in state PARTIAL or FULL */
    size_t    large_blocks, large_bytes, large_mapped;
    size_t    dirty_pools;             /* FREE pools whose pages may be resident */
    size_t    purged_total;            /* bytes given back in the heap's life */
    size_t    purge_calls;             /* madvise/munmap calls that gave memory back */
    /* Freed huge mappings kept for reuse (heap.c): headers, NULL = empty */
    struct rc_large *huge_cache[HUGE_CACHE_SLOTS];
    size_t    huge_cache_bytes;        /* their mapped bytes */
    /* the release policy (alloc.c): dirty memory (free pools and cached
     * mappings) beyond reserve_bytes goes back at the end of a destruction;
     * the rest when unused for purge_delay_ms */
    size_t    reserve_bytes;           /* >= RESERVE_MIN_BYTES; grows on refaults */
    /* what the policy gave back recently, [RELEASED_POOLS] and
     * [RELEASED_HUGE]: what faulting in again soon after may add to the
     * reserve */
    release_memo released[2];
    size_t    pools_thinned;           /* pools with rc_pool.thinned set */
    uint64_t  dirty_since_ms;          /* when dirty memory appeared or was last drawn
                                          on (the purge clock); 0 = none */

    /* configuration */
    size_t    memory_limit;            /* 0 = none */
    void     *userdata;                /* the embedder's (rc_heap_set_userdata) */
    rc_diag  *diag;                    /* NULL unless a RC_DIAG_FLAGS flag is on */
    int       purge_delay_ms;          /* < 0: at once */
    unsigned  flags;
    size_t    page_size;               /* OS page */
    unsigned  pages_per_pool;          /* POOL_SIZE / page_size, >= 1 */
    int       gc_threshold[3];
    long      fail_after;              /* fault injection: successes left; -1 = off */

    /* layer 3 */
    rc_gc_head gc_gen[3];              /* sentinels of the generation lists */
    gc_state  gc;
    rc_ssize  gc_tracked;              /* objects on the lists */
    const rc_type *valid_type;         /* the last type rc_new validated (a cache) */
    weak_table weak;
    void     *interned;                /* types/str.c: its private intern table; NULL when empty */
    object_cache float_cache;          /* types/float.c */
    object_cache tuple_cache[TUPLE_CACHE_MAX_LEN + 1]; /* types/tuple.c: by length */
    uint32_t *bigint_work;             /* types/bigint.c: division's working digits, kept
                                          between divisions (malloc'd; NULL = none) */
    size_t    bigint_work_digits;      /* their count */

    int       err;
    char      errmsg[200];
    /* a missing key is a common, expected outcome: its message is only
     * formatted when asked for (rc_error_message) */
    const char *err_key_type;          /* non-NULL: errmsg not yet written */
    uint64_t  dict_versions;           /* types/dict.c: dicts made so far (version bases) */
};

/* types/bigint.c: frees the division buffer */
RC_INTERNAL void rc__bigint_heap_fini(rc_heap *h);
/* object.c */
RC_INTERNAL void rc__object_heap_init(rc_heap *h);
RC_INTERNAL rc_object *rc__object_alloc(rc_heap *h, const rc_type *t, size_t bytes);
RC_INTERNAL void rc__object_free(rc_heap *h, rc_object *o);
/* An object of type t whose fixed part (`offset` bytes) is followed by n
 * bytes copied from data and a NUL (str, bytes).  RC_ENOMEM on overflow. */
RC_INTERNAL rc_object *rc__object_alloc_bytes(rc_heap *h, const rc_type *t, size_t offset,
                                              const void *data, size_t n);
RC_INTERNAL void rc__gc_link(rc_heap *h, rc_object *o);     /* track in generation 0 */
RC_INTERNAL void rc__gc_unlink(rc_heap *h, rc_object *o);   /* untrack */
RC_INTERNAL bool rc__gc_is_linked(const rc_object *o);   /* gc_is_linked, out of line */
RC_INTERNAL bool rc__may_be_tracked(const rc_object *o); /* may_be_tracked, out of line */
/* Run o's finalizer if it has one that has not run: sets FINALIZED first.
 * The caller holds o alive for the call.  True if it ran. */
RC_INTERNAL bool rc__finalize_once(rc_object *o);
/* gc.c */
RC_INTERNAL void rc__gc_heap_init(rc_heap *h);
/* gc_count_alloc found count[0] past its trigger: collect (generational:
 * the generations over their thresholds; incremental: a step) unless a
 * collection or a dealloc is running. */
RC_INTERNAL void rc__gc_alloc_trigger(rc_heap *h);
RC_INTERNAL void rc__gc_heap_fini(rc_heap *h);          /* frees the pass's arrays */
/* Collect the objects of `set` as one generation (update_refs through
 * delete_garbage), survivors to `old` (*survivors: how many reachable);
 * callbacks are the caller's.  Returns the unreachable objects found
 * (CPython 3.11's count).  If a traverse lies, nothing is collected and
 * `set` is left as it was. */
RC_INTERNAL rc_ssize rc__gc_collect_set(rc_heap *h, rc_gc_head *set, rc_gc_head *old,
                                        rc_ssize *survivors);
RC_INTERNAL void rc__gc_list_init(rc_gc_head *list);
RC_INTERNAL void rc__gc_list_merge(rc_gc_head *from, rc_gc_head *to);
RC_INTERNAL void rc__gc_run_callbacks(rc_heap *h, int phase, int gen, rc_ssize collected,
                                      rc_ssize uncollectable);
RC_INTERNAL void rc__gc_record_pause(rc_heap *h, int gen, rc_ssize found, double pause);
/* A collection of generations 0..gen as the generational policy runs it
 * (callbacks, counts, statistics, debug output). */
typedef struct gc_outcome {
    rc_ssize found;          /* unreachable objects (CPython 3.11's count) */
    rc_ssize survivors;      /* reachable objects moved on */
    double   pause_s;        /* the collection proper, callbacks excluded */
} gc_outcome;
RC_INTERNAL gc_outcome rc__gc_collect_generation(rc_heap *h, int gen);
/* gc_incremental.c */
/* A step: a young collection if count[0] is past young_limit, then the pass
 * work the promotions owe, within the pause target. */
RC_INTERNAL void rc__gc_incremental_step(rc_heap *h);
RC_INTERNAL void rc__gc_pass_abort(rc_heap *h);         /* every object back on a list */
RC_INTERNAL void rc__gc_pass_forget(rc_heap *h, rc_gc_head *g);   /* g dies or is untracked */
/* No collection may start while rc_dealloc drains its queue: queued objects
 * are still tracked but their refcnt field holds the queue link. */
static inline bool gc_may_collect_now(const rc_heap *h)
{
    return !h->gc.collecting && h->dealloc_depth == 0;
}

/* A GC object is about to be created: count it (count[0], CPython's
 * count; the incremental policy's allocation count too) and collect if
 * the count passed the trigger.  Inline: it runs on every GC allocation,
 * and the collection it may start is the rare case. */
static inline void gc_count_alloc(rc_heap *h)
{
    gc_state *gc = &h->gc;
    gc->count[0]++;
    bool due;
    if (gc->mode == RC_GC_INCREMENTAL) {
        gc->pass.allocs++;
        due = gc->count[0] > gc->pass.young_limit || gc->pass.allocs >= gc->pass.assist_every;
    } else {
        due = gc->count[0] > gc->threshold[0];
    }
    if (rc_unlikely(due) && gc->enabled && gc->threshold[0])
        rc__gc_alloc_trigger(h);
}

/* A GC object's memory goes back (or its allocation failed). */
static inline void gc_count_free(rc_heap *h)
{
    if (h->gc.count[0] > 0)
        h->gc.count[0]--;
}
RC_INTERNAL bool rc__dict_is_atomic(const rc_object *d);   /* types/dict.c */
/* weakref.c */
/* Detach target's weak references, clear them, and append them (each held
 * by a new reference) to the chain *chain (linked by their list fields). */
RC_INTERNAL void rc__weakref_detach(rc_heap *h, rc_object *target, rc_object **chain);
/* For each weakref of a detached chain: call its callback if keep(wr) says
 * so, then drop the chain's reference. */
RC_INTERNAL void rc__weakref_run_chain(rc_object *chain, bool (*call)(rc_object *wr));
RC_INTERNAL void rc__weakref_clear_all(rc_heap *h, rc_object *target);
/* types/int.c, types/float.c: numbers that compare equal hash equal */
RC_INTERNAL void rc__type_error(const rc_object *o, const char *want);
RC_INTERNAL int64_t rc__hash_int64(int64_t v);
/* types/str.c: the hash of a byte string, shared by str and bytes (never -1) */
RC_INTERNAL int64_t rc__hash_bytes(const void *data, size_t n);
RC_INTERNAL int rc__float_equals_int(const rc_object *f, int64_t v);
RC_INTERNAL void rc__object_caches_clear(rc_heap *h);   /* free lists back to the allocator */
/* types: object caches consulted by rc_dealloc (true: o was cached, not freed) */
RC_INTERNAL bool rc__float_cache_put(rc_heap *h, rc_object *o);
RC_INTERNAL bool rc__tuple_cache_put(rc_heap *h, rc_object *o);

/* Cached objects are not counted as live: a put counts as a free. */
static inline void object_cache_put(rc_heap *h, object_cache *c, rc_object *o)
{
    o->refcnt = (rc_ssize)(uintptr_t)c->first;
    c->first = o;
    c->len++;
    h->objects_freed++;
}

/* Unlink the first cached object (c->first must not be NULL). */
static inline rc_object *object_cache_unlink(object_cache *c)
{
    rc_object *o = c->first;
    c->first = (rc_object *)(uintptr_t)o->refcnt;
    c->len--;
    return o;
}

/* The first cached object, alive again with a count of 1. */
static inline rc_object *object_cache_take(rc_heap *h, object_cache *c)
{
    rc_object *o = object_cache_unlink(c);
    o->refcnt = 1;
    h->objects_allocated++;
    return o;
}

/* The fast path may serve allocations (no debug checks, no fault injection). */
static inline bool heap_fast_alloc_ok(const rc_heap *h)
{
    return !(h->flags & RC_DIAG_FLAGS) && h->fail_after < 0;
}

/* heap.c */
/* RC_EKEY for a key of type key_type, message formatted lazily. */
RC_INTERNAL void  rc__heap_set_key_error(rc_heap *h, const char *key_type);
RC_INTERNAL void  rc__heap_set_error(rc_heap *h, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
RC_INTERNAL bool  rc__heap_limit_allows(rc_heap *h, size_t more);
RC_INTERNAL size_t rc__heap_limit_used(const rc_heap *h);
/* A container about to fill a large block it just allocated: fault its
 * whole pages in one batch (no-op for small blocks and old kernels). */
RC_INTERNAL void rc__heap_prefault(rc_heap *h, void *p, size_t n);
#define PREFAULT_MIN_BYTES ((size_t)64 << 10)
/* The region map (heap.c): the heap owning each GiB of arena regions. */
RC_INTERNAL extern _Atomic(rc_heap *) rc__region_map[REGION_MAP_SLOTS];
/* The heap named by the region map for address a (its GiB), or NULL; a may
 * still lie outside that heap's region: compare with region_base/size. */
static inline rc_heap *rc__region_map_slot(uintptr_t a)
{
    if ((a >> REGION_SHIFT) >= REGION_MAP_SLOTS)
        return NULL;
    return atomic_load_explicit(&rc__region_map[a >> REGION_SHIFT], memory_order_acquire);
}
/* The heap whose arena region holds p, or NULL (p is a large block or static). */
static inline rc_heap *rc__heap_owning_region(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    rc_heap *h = rc__region_map_slot(a);
    return h && a - h->region_base < h->region_size ? h : NULL;
}
/* The heap that owns the large block at p (rc_large header), or NULL. */
RC_INTERNAL rc_heap *rc__heap_owning_large(const void *p);

/* heap.c: blocks without diagnostics (debug.c wraps them) */
RC_INTERNAL void *rc__raw_malloc(rc_heap *h, size_t n);
RC_INTERNAL void  rc__raw_free(rc_heap *h, void *p);
/* Is p where a raw block of h starts (a small block of a pool in use, or a
 * listed large block)?  If not, *why says what it is.  Whether a small
 * block is live is the caller's to know (debug.c: the header's magic). */
RC_INTERNAL bool  rc__raw_is_block(rc_heap *h, const void *p, const char **why);

/* debug.c: the block layer of the diagnostic mode */
RC_INTERNAL int    rc__diag_init(rc_heap *h);          /* -1: no memory */
RC_INTERNAL void   rc__diag_fini(rc_heap *h);          /* leak report if asked; frees the tables */
RC_INTERNAL void  *rc__diag_malloc(rc_heap *h, size_t n, const void *pc);
RC_INTERNAL void   rc__diag_free(rc_heap *h, void *p);
RC_INTERNAL void  *rc__diag_realloc(rc_heap *h, void *p, size_t n, const void *pc);
RC_INTERNAL size_t rc__diag_usable_size(rc_heap *h, const void *p);
RC_INTERNAL void   rc__diag_note_object(rc_heap *h, void *block, size_t head);
RC_INTERNAL void   rc__diag_flush_quarantine(rc_heap *h);
RC_INTERNAL int    rc__diag_check(rc_heap *h);
RC_INTERNAL const rc_diag_block *rc__diag_header(const void *payload);

/* trace.c: sites, snapshots, the leak report */
RC_INTERNAL uint32_t rc__diag_site_now(rc_heap *h, const void *pc);  /* 0 if no memory */
RC_INTERNAL void     rc__diag_format_site(const rc_diag *d, uint32_t site, char *buf, size_t len);
RC_INTERNAL void     rc__diag_sites_free(rc_diag *d);

/* alloc.c: the pool and arena machinery behind rc_malloc/rc_free */
RC_INTERNAL void  *rc__alloc_small_slow(rc_heap *h, unsigned cls);
RC_INTERNAL void   rc__free_small_slow(rc_heap *h, rc_pool *pool);
RC_INTERNAL rc_pool *rc__pool_of(const rc_heap *h, const void *p);  /* NULL if p is outside the region */
RC_INTERNAL void   rc__alloc_trim(rc_heap *h);     /* adds what it gives back to purged_total */
RC_INTERNAL void   rc__alloc_purge_if_due(rc_heap *h);
/* Release the free memory beyond the reserve now, and the free pages in
 * pools in use if frees thinned most of them (heap_release_after_bulk_free). */
RC_INTERNAL void   rc__alloc_release_excess(rc_heap *h);
/* Dirty memory outside the pools (heap.c's cached mappings) was added or
 * drawn on. */
RC_INTERNAL void   rc__alloc_dirty_added(rc_heap *h);
RC_INTERNAL void   rc__alloc_dirty_reused(rc_heap *h);
/* `bytes` of fresh pages are being faulted in for memory of that kind; for
 * huge memory, `span` is the mapping they are for (a released mapping
 * counts only if it could have served it). */
RC_INTERNAL void   rc__alloc_note_refault(rc_heap *h, enum release_kind kind, size_t bytes, size_t span);
/* heap.c: give the recent-block caches back to their pools. */
RC_INTERNAL void   rc__heap_recent_flush(rc_heap *h);
/* heap.c: unmap cached huge mappings until at most keep bytes stay;
 * returns the bytes released, and the largest mapping in *largest. */
RC_INTERNAL size_t rc__heap_huge_cache_release(rc_heap *h, size_t keep, size_t *largest);
/* rc_heap_maintain's allocator part: see reclaim.h. */
RC_INTERNAL long   rc__alloc_maintain(rc_heap *h, long idle_ms);
RC_INTERNAL int    rc__alloc_check(rc_heap *h);
RC_INTERNAL void   rc__alloc_stats(rc_heap *h, rc_stats *out);
/* Is p where a block of a pool in use starts?  If not, *why says what it is. */
RC_INTERNAL bool   rc__alloc_is_block_start(rc_heap *h, const void *p, const char **why);
RC_INTERNAL size_t rc__pool_used(const rc_heap *h, const rc_pool *pool);
RC_INTERNAL void   rc__alloc_refresh_fast(rc_heap *h);   /* after a mode change */

/* Free memory still resident: FREE pools with pages, and kept huge mappings. */
static inline size_t heap_dirty_bytes(const rc_heap *h)
{
    return h->dirty_pools * POOL_SIZE + h->huge_cache_bytes;
}

/* Frees thinned out at least half the pools in use, and THINNED_POOLS_SCAN
 * at least, since their free pages were last purged: survivors are sparse. */
static inline bool heap_pools_mostly_thinned(const rc_heap *h)
{
    return h->pools_thinned >= THINNED_POOLS_SCAN && 2 * h->pools_thinned >= h->pools_in_use;
}

/* The end of a bulk free (a destruction that drained its queue, a huge
 * block freed): free memory beyond the reserve goes back to the OS now,
 * not at the deadline, and so do the free pages of pools that sparse
 * survivors keep when the free thinned out most pools. */
static inline void heap_release_after_bulk_free(rc_heap *h)
{
    if (rc_unlikely(heap_dirty_bytes(h) > h->reserve_bytes ||
                    heap_pools_mostly_thinned(h)))
        rc__alloc_release_excess(h);
}

/* rc_malloc's slow path for a small class: pools, arenas, fault injection,
 * and the large-block fallback when the region is full. */
RC_INTERNAL void *rc__heap_alloc_small_slow(rc_heap *h, unsigned cls);

/*
 * The allocator's fast paths, inline so that the object layer (object.c,
 * types/int.c) creates and destroys objects without a call to rc_malloc or
 * rc_free: rc_malloc and rc_free are built from the same two functions.
 * Debug checks and fault injection need no test here: under them the
 * recent caches hold nothing (recent_max 0) and fast[] is the sentinel
 * pool, so these return NULL / false and the caller takes the slow path.
 */

/* A block of class cls: the most recently freed one, else the head pool's
 * free list; NULL if neither has one (then: rc__heap_alloc_small_slow). */
static inline void *heap_alloc_small_fast(rc_heap *h, unsigned cls)
{
    rc_block *r = h->cc[cls].recent;
    if (rc_likely(r != NULL)) {
        h->cc[cls].recent = r->next;
        h->cc[cls].recent_n--;
        return r;
    }
    rc_pool *pool = h->cc[cls].fast;
    rc_block *b = pool->free;
    if (rc_likely(b != NULL)) {
        rc_block *next = b->next;
        pool->free = next;
        pool->used++;
        __builtin_prefetch(next, 1, 3);   /* the class's next allocation reads it */
        return b;
    }
    return NULL;
}

/* Push p on its pool's free list; the slow path when the pool was full or
 * is now empty. */
static inline void pool_free_block(rc_heap *h, rc_pool *pool, void *p)
{
    rc_block *b = p;
    b->next = pool->free;
    pool->free = b;
    if (rc_unlikely(--pool->used == pool->wake_at))
        rc__free_small_slow(h, pool);
}

/* Free the small block p of class cls at offset off of h's region (frees
 * not checked): onto the class's recent cache, or its pool. */
static inline void heap_free_small(rc_heap *h, void *p, uintptr_t off, unsigned cls)
{
    if (rc_likely(h->cc[cls].recent_n < h->cc[cls].recent_max)) {
        rc_block *b = p;
        b->next = h->cc[cls].recent;
        h->cc[cls].recent = b;
        h->cc[cls].recent_n++;
        return;
    }
    pool_free_block(h, &h->pool_desc[off >> POOL_SHIFT], p);
}

/* Free p if it is a small block of h's region and frees are not checked.
 * False: rc_free's other path. */
static inline bool heap_free_fast(rc_heap *h, void *p)
{
    uintptr_t off = (uintptr_t)p - h->region_base;
    if (rc_unlikely(off >= h->fast_region_size))
        return false;
    heap_free_small(h, p, off, h->pool_desc[off >> POOL_SHIFT].size_class);
    return true;
}

/* Zero the words from z up to block + n rounded up to 8 bytes (z is
 * 16-byte aligned relative to block).  That never passes the block: a
 * block of an object class is exactly n bytes (n a multiple of 8), any
 * other a multiple of 16.  Two stores per 16-byte stride and a last word: compilers
 * turn a one-store loop into a call to memset, which costs more for the few
 * words of a small object. */
static inline void zero_words_to(uint64_t *z, char *block, size_t n)
{
    size_t n8 = (n + 7) & ~(size_t)7;
    uint64_t *end = (uint64_t *)(void *)(block + (n8 & ~(size_t)15));
    for (; z < end; z += 2) {
        z[0] = 0;
        z[1] = 0;
    }
    if (n8 & 8)
        z[0] = 0;
}

/* Zero a small block of n bytes (a multiple of 8): unrolled for blocks
 * of up to 128 bytes, one well-predicted jump for a given size. */
static inline void zero_small_block(void *block, size_t n)
{
    uint64_t *z = block;
    switch (n >> 3) {
    case 16: z[15] = 0; /* fall through */
    case 15: z[14] = 0; /* fall through */
    case 14: z[13] = 0; /* fall through */
    case 13: z[12] = 0; /* fall through */
    case 12: z[11] = 0; /* fall through */
    case 11: z[10] = 0; /* fall through */
    case 10: z[9] = 0;  /* fall through */
    case 9:  z[8] = 0;  /* fall through */
    case 8:  z[7] = 0;  /* fall through */
    case 7:  z[6] = 0;  /* fall through */
    case 6:  z[5] = 0;  /* fall through */
    case 5:  z[4] = 0;  /* fall through */
    case 4:  z[3] = 0;  /* fall through */
    case 3:  z[2] = 0;  /* fall through */
    case 2:  z[1] = 0;  /* fall through */
    case 1:  z[0] = 0;
        break;
    default:
        memset(block, 0, n);
    }
}

/* A new leaf object in the fresh small block w of n bytes (t is not
 * RC_TYPE_GC, 16 <= n <= RC_SMALL_MAX): the header written, the rest zeroed
 * (zero_words_to). */
static inline rc_object *object_init_leaf(rc_heap *h, const rc_type *t, void *w, size_t n)
{
    rc_object *o = w;
    zero_words_to((uint64_t *)(void *)(o + 1), w, n);
    o->refcnt = 1;
    o->type = t;
    h->objects_allocated++;
    return o;
}

/* A new int or float (t is rc_int_type or rc_float_type), value zero;
 * inline unless the allocator must take its slow path. */
static inline rc_object *object_new24(rc_heap *h, const rc_type *t)
{
    void *w = heap_alloc_small_fast(h, RC_OBJECT24_CLASS);
    if (rc_unlikely(w == NULL))
        return rc__object_alloc(h, t, OBJECT24_SIZE);
    return object_init_leaf(h, t, w, OBJECT24_SIZE);
}

#endif /* RC_INTERNAL_H */
