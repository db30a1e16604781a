/*
 * alloc.c — layers 1 and 2 of the pyramid: arenas, pools and blocks.
 *
 *     region (reserved once per heap, e.g. 32 GiB of address space, PROT_NONE)
 *       └─ arena: 1 MiB, committed when needed, unmapped when empty
 *            └─ pool: 16 KiB of equal blocks of one size class
 *                 └─ block: 16, 32, ... 512 bytes, no header
 *
 * Finding a block's pool.  A heap reserves one contiguous, ARENA_SIZE-aligned
 * range of address space for all its arenas.  "Is p a small block of h?" is
 * then one subtraction and one comparison (p - base < size), and the pool's
 * descriptor is pool_desc[(p - base) >> POOL_SHIFT].  Descriptors live in a
 * separate array (32 bytes each, list links as 32-bit indexes: one 4 KiB
 * page per two arenas), so pools carry no header: a 32-byte class fits
 * exactly 512 blocks in a pool, and the memory overhead is 2 KiB of
 * descriptors per MiB of arena (0.2%).  After sparse frees and a trim the
 * descriptor pages of arenas still holding a block are all the heap keeps
 * besides the pages of its live blocks.
 *
 * Allocating.  Each size class has a list of PARTIAL pools; its head is the
 * pool allocated from, cached in h->cc[cls].fast for rc_malloc's fast path
 * (pop the head's free list).  When the head runs dry the slow path restores
 * purged blocks, or unlinks the pool as FULL and moves to the next, or takes
 * a new pool.  New pools come from the fullest arena that has a free one
 * (arenas are bucketed by their number of free pools; a 64-bit mask finds the
 * lowest non-empty bucket), so that lightly used arenas drain and can go back
 * to the OS: CPython's usable_arenas rule, in O(1).
 *
 * Freeing.  Push the block on its pool's free list.  A FULL pool rejoins its
 * class list (at the tail, so the head keeps serving) once an eighth of its
 * blocks are free (used == wake_at, the one compare on the fast path); a
 * pool whose last
 * block goes back becomes FREE and returns to its arena.  The class head is
 * pinned (one extra count in `used`) so that a pool emptied and refilled in
 * turn, the common LIFO pattern, never leaves the fast path.
 *
 * Giving memory back (the release policy).  Free pools, empty arenas and
 * the huge mappings heap.c keeps are "dirty" while their pages may still be
 * resident.  They are kept for reuse (re-faulting a page costs far more than
 * popping a free list), within three rules:
 *   - Bulk frees.  When a destruction that drained its queue ends (`del a`
 *     of a big list) or a huge block is freed, dirty memory beyond the
 *     reserve goes back at once: cached mappings first, then empty arenas
 *     (one munmap a MiB), then the free pools of the emptiest arenas.
 *   - The reserve is RESERVE_MIN_BYTES (1 MiB), and grows by what the heap
 *     must fault in again less than purge_delay_ms after such a release
 *     (the release was premature: a loop that frees and rebuilds a structure
 *     stops paying for faults after its second round); it halves each time
 *     it sits unused for the whole delay.
 *   - The deadline.  Dirty memory the program has not drawn on for
 *     purge_delay_ms (default 200 ms; the clock restarts whenever a dirty
 *     pool or mapping is reused) goes back entirely, at the next slow-path
 *     event (a pool taken or given back: at most one clock read per 16 KiB)
 *     or rc_heap_maintain call.  An idle point (rc_heap_maintain with an
 *     idle time) also gives back what would fall due while idle, and once
 *     frees have thinned out many full pools, the free pages inside pools
 *     in use, as trim does.
 * Frees by rc_free alone never release before the deadline: a C loop that
 * frees and reallocates a structure must not pay a fault per page.
 * purge_delay_ms < 0 gives memory back at once.  rc_heap_trim does all of
 * it now, whatever the reserve, and also purges the free OS pages inside
 * pools that still hold live blocks: their free blocks are dropped from the
 * free list ("excluded") and the page's bit set in pool->purged; when the
 * pool runs out of blocks, the excluded ones are threaded back (touching the
 * page again).
 *
 * Prefaulting.  Once a heap holds PREFAULT_AFTER_ARENAS arenas it is growing,
 * and new arenas are committed with MAP_POPULATE: the kernel faults the 256
 * pages in one batch (about 2.5 us a page on this project's VMs, against 13
 * us for first-touch faults one by one).  Their pools count as dirty, so the
 * purge policy and trim give back whatever stays unused.
 */
#define RC_BUILDING_LIBRARY 1
#include "internal.h"

#include <string.h>

/* ---- addresses and indexes ---------------------------------------------- */

/* Pool list links (rc_pool.next/prev): index in pool_desc + 1, 0 = none. */
static inline uint32_t pool_link(const rc_heap *h, const rc_pool *pool)
{
    return pool ? (uint32_t)(pool - h->pool_desc) + 1u : 0u;
}

static inline rc_pool *pool_at(const rc_heap *h, uint32_t link)
{
    return link ? &h->pool_desc[link - 1u] : NULL;
}

static inline size_t pool_index(const rc_heap *h, const rc_pool *pool)
{
    return (size_t)(pool - h->pool_desc);
}

static inline char *pool_addr(const rc_heap *h, const rc_pool *pool)
{
    return (char *)h->region_base + (pool_index(h, pool) << POOL_SHIFT);
}

static inline rc_arena *arena_of_pool(const rc_heap *h, const rc_pool *pool)
{
    return &h->arena_desc[pool_index(h, pool) / POOLS_PER_ARENA];
}

static inline rc_pool *arena_pools(const rc_heap *h, const rc_arena *a)
{
    return &h->pool_desc[(size_t)(a - h->arena_desc) * POOLS_PER_ARENA];
}

static inline char *arena_addr(const rc_heap *h, const rc_arena *a)
{
    return (char *)h->region_base + ((size_t)(a - h->arena_desc) << ARENA_SHIFT);
}

rc_pool *rc__pool_of(const rc_heap *h, const void *p)
{
    uintptr_t off = (uintptr_t)p - h->region_base;
    return off < h->region_size ? &h->pool_desc[off >> POOL_SHIFT] : NULL;
}

static inline bool pool_is_head(const rc_heap *h, const rc_pool *pool)
{
    return pool->state == POOL_PARTIAL && h->head[pool->size_class] == pool;
}

size_t rc__pool_used(const rc_heap *h, const rc_pool *pool)
{
    return pool->used - (pool_is_head(h, pool) ? 1u : 0u);
}

/* Bytes of the pool's pages that are (or may be) resident. */
static size_t pool_resident_bytes(const rc_heap *h, const rc_pool *pool)
{
    if (pool->purged == POOL_PURGED_ALL)
        return 0;
    return POOL_SIZE - (size_t)__builtin_popcount(pool->purged) * h->page_size;
}

/* ---- class lists ---------------------------------------------------------- */

/* The class head changed: move the pin and the fast-path cache. */
static void class_set_head(rc_heap *h, unsigned cls, rc_pool *old, rc_pool *new_head)
{
    if (old)
        old->used--;
    h->head[cls] = new_head;
    if (new_head) {
        new_head->used++;
        new_head->prev = 0;
    }
    h->cc[cls].fast = new_head && heap_fast_alloc_ok(h) ? new_head : &h->sentinel;
}

void rc__alloc_refresh_fast(rc_heap *h)
{
    for (unsigned cls = 0; cls < CLASS_SLOTS; cls++)
        h->cc[cls].fast = h->head[cls] && heap_fast_alloc_ok(h) ? h->head[cls] : &h->sentinel;
}

static void class_append(rc_heap *h, rc_pool *pool)
{
    unsigned cls = pool->size_class;
    pool->state = POOL_PARTIAL;
    pool->wake_at = 0;
    pool->next = 0;
    pool->prev = pool_link(h, h->tail[cls]);
    if (h->tail[cls]) {
        h->tail[cls]->next = pool_link(h, pool);
        h->tail[cls] = pool;
    } else {
        h->tail[cls] = pool;
        class_set_head(h, cls, NULL, pool);
    }
}

static void class_unlink(rc_heap *h, rc_pool *pool)
{
    unsigned cls = pool->size_class;
    if (h->tail[cls] == pool)
        h->tail[cls] = pool_at(h, pool->prev);
    if (h->head[cls] == pool) {
        class_set_head(h, cls, pool, pool_at(h, pool->next));
    } else {
        pool_at(h, pool->prev)->next = pool->next;
        if (pool->next)
            pool_at(h, pool->next)->prev = pool->prev;
    }
    pool->next = pool->prev = 0;
}

/* ---- arenas ---------------------------------------------------------------- */

static rc_arena **arena_list_for(rc_heap *h, unsigned nfree)
{
    if (nfree == 0)
        return NULL;                      /* full arenas are on no list */
    if (nfree == POOLS_PER_ARENA)
        return &h->spare_arenas;
    return &h->arena_bucket[nfree];
}

static void arena_list_remove(rc_heap *h, rc_arena *a, unsigned nfree)
{
    rc_arena **list = arena_list_for(h, nfree);
    if (!list)
        return;
    if (a->prev)
        a->prev->next = a->next;
    else
        *list = a->next;
    if (a->next)
        a->next->prev = a->prev;
    if (nfree < POOLS_PER_ARENA && !h->arena_bucket[nfree])
        h->bucket_mask &= ~((uint64_t)1 << nfree);
    a->next = a->prev = NULL;
}

static void arena_list_insert(rc_heap *h, rc_arena *a, unsigned nfree)
{
    rc_arena **list = arena_list_for(h, nfree);
    if (!list)
        return;
    a->prev = NULL;
    a->next = *list;
    if (*list)
        (*list)->prev = a;
    *list = a;
    if (nfree < POOLS_PER_ARENA)
        h->bucket_mask |= (uint64_t)1 << nfree;
}

static void arena_set_nfree(rc_heap *h, rc_arena *a, unsigned nfree)
{
    arena_list_remove(h, a, a->nfree);
    a->nfree = nfree;
    arena_list_insert(h, a, nfree);
}

/* ---- the release policy: dirty memory, the reserve, refaults ------------------ */

/* Dirty memory appeared: start the purge clock if it is the first. */
void rc__alloc_dirty_added(rc_heap *h)
{
    if (!h->dirty_since_ms)
        h->dirty_since_ms = rc__os_now_ms();
}

/* Dirty memory is used again: the reserve is being drawn on, so what is
 * left of it is not idle; the purge clock starts over (stops if none). */
void rc__alloc_dirty_reused(rc_heap *h)
{
    h->dirty_since_ms = heap_dirty_bytes(h) ? rc__os_now_ms() : 0;
}

static void dirty_add(rc_heap *h)
{
    h->dirty_pools++;
    rc__alloc_dirty_added(h);
}

static void dirty_remove(rc_heap *h)
{
    if (--h->dirty_pools == 0 && !h->huge_cache_bytes)
        h->dirty_since_ms = 0;
}

static void dirty_reuse(rc_heap *h)
{
    h->dirty_pools--;
    rc__alloc_dirty_reused(h);
}

/* One system call gave `bytes` back (the range stays reserved or unmapped). */
static void os_purge_counted(rc_heap *h, void *addr, size_t bytes)
{
    rc__os_purge(addr, bytes);
    h->purge_calls++;
}

/* The policy just gave `bytes` of dirty memory of one kind back to the OS
 * (rc_heap_trim's releases are the program's choice and are not counted):
 * remember them, so that faulting as much in again soon after can grow the
 * reserve. */
static void note_release(rc_heap *h, enum release_kind kind, size_t bytes, size_t largest)
{
    release_memo *m = &h->released[kind];
    if (!bytes || h->purge_delay_ms < 0)
        return;
    uint64_t now = rc__os_now_ms();
    if (now - m->at_ms > (uint64_t)h->purge_delay_ms)
        m->credit = m->largest = 0;
    m->credit += bytes;
    if (largest > m->largest)
        m->largest = largest;
    m->at_ms = now;
}

/* If the policy gave memory of this kind back less than the purge delay
 * ago, and it could have served what is faulted in now (for a huge
 * mapping: one released that was large enough and not too large), that
 * release was premature (the delay exists to cover such reuse: a loop that
 * frees and rebuilds a structure) and the program pays for it now: the
 * reserve grows by as much, up to what was released.  A heap growing past
 * what it released (a dict's table doubling) is not refaulting. */
void rc__alloc_note_refault(rc_heap *h, enum release_kind kind, size_t bytes, size_t span)
{
    release_memo *m = &h->released[kind];
    if (!m->credit)
        return;
    if (rc__os_now_ms() - m->at_ms > (uint64_t)h->purge_delay_ms) {
        m->credit = m->largest = 0;
        return;
    }
    if (kind == RELEASED_HUGE && (span > m->largest || span < m->largest / HUGE_REUSE_RATIO))
        return;
    size_t grow = bytes < m->credit ? bytes : m->credit;
    m->credit -= grow;
    h->reserve_bytes += grow;
}

/* Memory stayed unused for the whole purge delay: the reserve was larger
 * than the program needed, halve it (not below the minimum). */
static void reserve_decay(rc_heap *h)
{
    h->reserve_bytes /= 2;
    if (h->reserve_bytes < RESERVE_MIN_BYTES)
        h->reserve_bytes = RESERVE_MIN_BYTES;
}

/* Commit a new arena (or an unmapped slot again); it goes to the spares. */
static rc_arena *arena_map(rc_heap *h)
{
    rc_arena *a = h->unmapped_arenas;
    if (a) {
        h->unmapped_arenas = a->next;
    } else if (h->arena_slots_used < h->arena_slots) {
        a = &h->arena_desc[h->arena_slots_used++];
    } else {
        return NULL;
    }
    /* (not when memory must go back at once: the unused rest would stay) */
    bool populate = h->arenas_mapped >= PREFAULT_AFTER_ARENAS && h->purge_delay_ms >= 0;
    if (rc__os_commit(arena_addr(h, a), ARENA_SIZE, populate) != 0) {
        a->next = h->unmapped_arenas;
        h->unmapped_arenas = a;
        return NULL;
    }
    rc_pool *pools = arena_pools(h, a);
    a->free_pools = NULL;
    for (unsigned i = POOLS_PER_ARENA; i-- > 0;) {
        rc_pool *pool = &pools[i];
        memset(pool, 0, sizeof *pool);
        pool->state = POOL_FREE;
        pool->next = pool_link(h, a->free_pools);
        a->free_pools = pool;
        if (populate)
            dirty_add(h);                 /* resident now: trim and the purge policy may take it */
        else
            pool->purged = POOL_PURGED_ALL;   /* never touched: nothing resident */
    }
    if (populate)
        rc__alloc_note_refault(h, RELEASED_POOLS, ARENA_SIZE, ARENA_SIZE);
    a->state = ARENA_MAPPED;
    a->nfree = 0;
    a->next = a->prev = NULL;
    arena_set_nfree(h, a, POOLS_PER_ARENA);
    if (++h->arenas_mapped > h->arenas_highwater)
        h->arenas_highwater = h->arenas_mapped;
    return a;
}

/* The arena was unmapped: purge the page of pool descriptors it shares with
 * its neighbours (two arenas a page when pages are 4 KiB) once every arena
 * on that page is unmapped.  Pages smaller than one arena's descriptors are
 * left alone. */
static void descriptor_page_purge(rc_heap *h, const rc_arena *a)
{
    size_t per_page = h->page_size / (POOLS_PER_ARENA * sizeof(rc_pool));
    if (per_page == 0 || h->page_size % (POOLS_PER_ARENA * sizeof(rc_pool)))
        return;
    size_t first = (size_t)(a - h->arena_desc) / per_page * per_page;
    for (size_t i = first; i < first + per_page && i < h->arena_slots; i++)
        if (h->arena_desc[i].state != ARENA_UNMAPPED)
            return;
    os_purge_counted(h, &h->pool_desc[first * POOLS_PER_ARENA], h->page_size);
}

/* Give an empty arena back to the OS.  Returns the resident bytes released. */
static size_t arena_unmap(rc_heap *h, rc_arena *a)
{
    size_t released = 0;
    rc_pool *pools = arena_pools(h, a);
    for (unsigned i = 0; i < POOLS_PER_ARENA; i++) {
        released += pool_resident_bytes(h, &pools[i]);
        if (pools[i].purged != POOL_PURGED_ALL)
            dirty_remove(h);
    }
    arena_list_remove(h, a, a->nfree);
    rc__os_decommit(arena_addr(h, a), ARENA_SIZE);
    h->purge_calls++;
    a->state = ARENA_UNMAPPED;
    descriptor_page_purge(h, a);
    a->free_pools = NULL;
    a->nfree = 0;
    a->prev = NULL;
    a->next = h->unmapped_arenas;
    h->unmapped_arenas = a;
    h->arenas_mapped--;
    h->arenas_released++;
    h->purged_total += released;
    return released;
}

/* ---- pools ------------------------------------------------------------------ */

/* Thread every block of the pool onto its free list, in address order. */
static void pool_carve(rc_heap *h, rc_pool *pool, unsigned cls)
{
    size_t bs = class_block_size(cls);
    unsigned n = (unsigned)(POOL_SIZE / bs);
    char *base = pool_addr(h, pool);
    rc_block *next = NULL;
    for (unsigned i = n; i-- > 0;) {
        rc_block *b = (rc_block *)(base + (size_t)i * bs);
        b->next = next;
        next = b;
    }
    pool->free = next;
    pool->block_size = (uint16_t)bs;
    pool->nblocks = (uint16_t)n;
    pool->size_class = (uint8_t)cls;
    pool->purged = 0;
    pool->used = 0;
}

/* The fullest arena with a free pool, or a spare, or a fresh one. */
static rc_arena *arena_for_new_pool(rc_heap *h)
{
    if (h->bucket_mask)
        return h->arena_bucket[__builtin_ctzll(h->bucket_mask)];
    if (h->spare_arenas)
        return h->spare_arenas;
    return arena_map(h);
}

/* Take a pool for class cls out of an arena; NULL with the error set. */
static rc_pool *pool_acquire(rc_heap *h, unsigned cls)
{
    if (!rc__heap_limit_allows(h, POOL_SIZE)) {
        rc__heap_set_error(h, RC_ENOMEM, "memory limit of %zu bytes reached", h->memory_limit);
        return NULL;
    }
    rc_arena *a = arena_for_new_pool(h);
    if (!a) {
        rc__heap_set_error(h, RC_ENOMEM, "the OS refused an arena (or the heap's region is full)");
        return NULL;
    }
    rc_pool *pool = a->free_pools;
    a->free_pools = pool_at(h, pool->next);
    arena_set_nfree(h, a, a->nfree - 1);
    if (pool->purged != POOL_PURGED_ALL)
        dirty_reuse(h);
    else
        rc__alloc_note_refault(h, RELEASED_POOLS, POOL_SIZE, POOL_SIZE);
    /* A pool that last held this class, untouched since, keeps its free list. */
    bool intact = pool->purged == 0 && pool->block_size == class_block_size(cls);
    if (!intact)
        pool_carve(h, pool, cls);
    pool->next = pool->prev = 0;
    h->pools_in_use++;
    return pool;
}

static size_t pool_purge_whole(rc_heap *h, rc_pool *pool)
{
    size_t bytes = pool_resident_bytes(h, pool);
    if (pool->purged == POOL_PURGED_ALL)
        return 0;
    os_purge_counted(h, pool_addr(h, pool), POOL_SIZE);
    pool->purged = POOL_PURGED_ALL;
    dirty_remove(h);
    h->purged_total += bytes;
    return bytes;
}

/* The pool is full or empty again: no longer thinned out. */
static void pool_unthin(rc_heap *h, rc_pool *pool)
{
    h->pools_thinned -= pool->thinned;
    pool->thinned = 0;
}

/* The pool's last block came back: return the pool to its arena. */
static void pool_release(rc_heap *h, rc_pool *pool)
{
    pool_unthin(h, pool);
    if (pool->state == POOL_PARTIAL)
        class_unlink(h, pool);
    rc_arena *a = arena_of_pool(h, pool);
    pool->state = POOL_FREE;
    pool->next = pool_link(h, a->free_pools);
    a->free_pools = pool;
    h->pools_in_use--;
    dirty_add(h);
    arena_set_nfree(h, a, a->nfree + 1);
    if (h->purge_delay_ms < 0) {
        pool_purge_whole(h, pool);
        if (a->nfree == POOLS_PER_ARENA)
            arena_unmap(h, a);
    } else {
        rc__alloc_purge_if_due(h);
    }
}

/* Pages [first, last] of the pool that block i overlaps, as a bit mask. */
static inline unsigned block_page_mask(const rc_heap *h, size_t bs, size_t i)
{
    size_t first = i * bs / h->page_size;
    size_t last = ((i + 1) * bs - 1) / h->page_size;
    return ((2u << last) - 1u) & ~((1u << first) - 1u);
}

/* Thread the blocks excluded by page purges back onto the free list. */
static void pool_restore_purged(rc_heap *h, rc_pool *pool)
{
    char *base = pool_addr(h, pool);
    for (size_t i = pool->nblocks; i-- > 0;) {
        if (block_page_mask(h, pool->block_size, i) & pool->purged) {
            rc_block *b = (rc_block *)(base + i * pool->block_size);
            b->next = pool->free;
            pool->free = b;
        }
    }
    pool->purged = 0;
}

/* madvise each run of set bits of `mask` (pages of the pool). */
static void pool_purge_pages(rc_heap *h, rc_pool *pool, unsigned mask)
{
    char *base = pool_addr(h, pool);
    unsigned j = 0;
    while (j < h->pages_per_pool) {
        if (!(mask & (1u << j))) {
            j++;
            continue;
        }
        unsigned start = j;
        while (j < h->pages_per_pool && (mask & (1u << j)))
            j++;
        os_purge_counted(h, base + start * h->page_size, (j - start) * h->page_size);
    }
}

/* Purge the OS pages of a pool in use that hold no live block. */
static size_t pool_purge_free_pages(rc_heap *h, rc_pool *pool)
{
    if (h->pages_per_pool < 2 || !pool->free)
        return 0;
    uint64_t is_free[MAX_BLOCKS_PER_POOL / 64] = {0};
    size_t bs = pool->block_size;
    uintptr_t base = (uintptr_t)pool_addr(h, pool);
    for (rc_block *b = pool->free; b; b = b->next) {
        size_t i = ((uintptr_t)b - base) / bs;
        is_free[i / 64] |= (uint64_t)1 << (i % 64);
    }
    /* A page may go when every block overlapping it is free or excluded. */
    unsigned busy = 0;
    for (size_t i = 0; i < pool->nblocks; i++) {
        unsigned pages = block_page_mask(h, bs, i);
        bool free_now = (is_free[i / 64] >> (i % 64)) & 1u;
        if (!free_now && !(pages & pool->purged))
            busy |= pages;
    }
    unsigned all = (1u << h->pages_per_pool) - 1u;
    unsigned fresh = all & ~busy & ~(unsigned)pool->purged;
    if (!fresh)
        return 0;
    pool_purge_pages(h, pool, fresh);
    pool->purged |= (uint8_t)fresh;
    /* Rebuild the free list without the blocks on purged pages. */
    pool->free = NULL;
    for (size_t i = pool->nblocks; i-- > 0;) {
        bool free_now = (is_free[i / 64] >> (i % 64)) & 1u;
        if (free_now && !(block_page_mask(h, bs, i) & pool->purged)) {
            rc_block *b = (rc_block *)(base + i * bs);
            b->next = pool->free;
            pool->free = b;
        }
    }
    size_t bytes = (size_t)__builtin_popcount(fresh) * h->page_size;
    h->purged_total += bytes;
    return bytes;
}

/* ---- the slow paths behind rc_malloc and rc_free ---------------------------- */

void *rc__alloc_small_slow(rc_heap *h, unsigned cls)
{
    rc_pool *pool;
    for (;;) {
        pool = h->head[cls];
        if (!pool) {
            pool = pool_acquire(h, cls);
            if (!pool)
                return NULL;
            class_append(h, pool);
        }
        if (pool->free)
            break;
        if (pool->purged) {
            pool_restore_purged(h, pool);
            continue;
        }
        class_unlink(h, pool);
        pool->state = POOL_FULL;
        pool_unthin(h, pool);
        pool->wake_at = pool->nblocks - pool_wake_quota(pool->nblocks);
    }
    rc_block *b = pool->free;
    pool->free = b->next;
    pool->used++;
    return b;
}

void rc__free_small_slow(rc_heap *h, rc_pool *pool)
{
    if (pool->used == 0) {
        pool_release(h, pool);
        return;
    }
    if (pool->state == POOL_FULL) {
        class_append(h, pool);         /* used == wake_at: enough is free */
        pool->thinned = 1;
        h->pools_thinned++;
    }
}

/* ---- purging ------------------------------------------------------------------ */

/* Purge the arena's dirty free pools, a run of neighbours per madvise, until
 * `want` pools went back or none is left. */
static void arena_purge_free_pools(rc_heap *h, rc_arena *a, size_t want)
{
    rc_pool *pools = arena_pools(h, a);
    size_t purged = 0, released = 0;
    unsigned i = 0;
    while (i < POOLS_PER_ARENA && purged < want) {
        if (pools[i].state != POOL_FREE || pools[i].purged == POOL_PURGED_ALL) {
            i++;
            continue;
        }
        unsigned start = i;
        while (i < POOLS_PER_ARENA && purged < want && pools[i].state == POOL_FREE &&
               pools[i].purged != POOL_PURGED_ALL) {
            released += pool_resident_bytes(h, &pools[i]);
            pools[i].purged = POOL_PURGED_ALL;
            dirty_remove(h);
            purged++;
            i++;
        }
        os_purge_counted(h, pool_addr(h, &pools[start]), (i - start) * POOL_SIZE);
    }
    h->purged_total += released;
}

/* Give back dirty memory until at most `keep` bytes of it stay: cached
 * huge mappings first, then empty arenas (one call a MiB each), then the
 * free pools of the emptiest arenas, which allocation reaches last.
 * `policy`: the release policy's doing, remembered for the refault rule. */
static void release_dirty_to(rc_heap *h, size_t keep, bool policy)
{
    size_t pool_bytes = h->dirty_pools * POOL_SIZE, largest = 0;
    size_t huge = rc__heap_huge_cache_release(h, keep > pool_bytes ? keep - pool_bytes : 0, &largest);
    size_t keep_pools = (keep > h->huge_cache_bytes ? keep - h->huge_cache_bytes : 0) / POOL_SIZE;
    while (h->spare_arenas && h->dirty_pools > keep_pools)
        arena_unmap(h, h->spare_arenas);
    for (unsigned k = POOLS_PER_ARENA - 1; k > 0 && h->dirty_pools > keep_pools; k--) {
        for (rc_arena *a = h->arena_bucket[k]; a && h->dirty_pools > keep_pools; a = a->next)
            arena_purge_free_pools(h, a, h->dirty_pools - keep_pools);
    }
    if (!heap_dirty_bytes(h))
        h->dirty_since_ms = 0;
    if (policy) {
        note_release(h, RELEASED_HUGE, huge, largest);
        note_release(h, RELEASED_POOLS, pool_bytes - h->dirty_pools * POOL_SIZE, 0);
    }
}

/* Everything dirty goes back, and every empty arena is unmapped. */
static void purge_all_dirty(rc_heap *h, bool policy)
{
    release_dirty_to(h, 0, policy);
    while (h->spare_arenas)
        arena_unmap(h, h->spare_arenas);
}

/* Purge the free pages inside the pools in use (after sparse frees: what
 * pins memory is the pages of the survivors, not whole pools), and release
 * the empty class heads.  Walks every pool in use and its free list. */
static void purge_free_pages_in_use(rc_heap *h)
{
    for (unsigned cls = 0; cls < CLASS_SLOTS; cls++) {
        rc_pool *head = h->head[cls];
        if (head && rc__pool_used(h, head) == 0)
            pool_release(h, head);
    }
    for (size_t ai = 0; ai < h->arena_slots_used; ai++) {
        rc_arena *a = &h->arena_desc[ai];
        if (a->state != ARENA_MAPPED)
            continue;
        rc_pool *pools = arena_pools(h, a);
        for (unsigned i = 0; i < POOLS_PER_ARENA; i++) {
            if (pools[i].state != POOL_FREE)
                pool_purge_free_pages(h, &pools[i]);
            pools[i].thinned = 0;
        }
    }
    h->pools_thinned = 0;
}

void rc__alloc_release_excess(rc_heap *h)
{
    if (heap_pools_mostly_thinned(h)) {
        rc__heap_recent_flush(h);      /* their blocks would pin pages */
        purge_free_pages_in_use(h);
    }
    release_dirty_to(h, h->reserve_bytes, true);
}

/* Milliseconds until the dirty memory has been unused for the purge delay
 * (0: now), or -1 if there is none. */
static long purge_due_in_ms(const rc_heap *h)
{
    if (!heap_dirty_bytes(h) && !h->spare_arenas)
        return -1;
    if (h->purge_delay_ms < 0 || !h->dirty_since_ms)
        return 0;
    uint64_t now = rc__os_now_ms(), due = h->dirty_since_ms + (uint64_t)h->purge_delay_ms;
    return now >= due ? 0 : (long)(due - now);
}

/* The deadline passed: the reserve sat unused for the whole delay. */
static void purge_idle_reserve(rc_heap *h)
{
    purge_all_dirty(h, true);
    reserve_decay(h);
}

void rc__alloc_purge_if_due(rc_heap *h)
{
    if (purge_due_in_ms(h) == 0)
        purge_idle_reserve(h);
}

long rc__alloc_maintain(rc_heap *h, long idle_ms)
{
    /* Going idle after frees thinned out many pools (sparse survivors):
     * their free pages go back too, as rc_heap_trim would give them. */
    if (idle_ms != 0 && h->pools_thinned >= THINNED_POOLS_SCAN)
        purge_free_pages_in_use(h);
    long due = purge_due_in_ms(h);
    if (due < 0)
        return -1;
    /* Nothing can draw on the reserve while the caller is idle: what would
     * fall due during the idle time goes back now. */
    if (idle_ms < 0 || due <= idle_ms) {
        purge_idle_reserve(h);
        return -1;
    }
    return due;
}

void rc__alloc_trim(rc_heap *h)
{
    purge_free_pages_in_use(h);
    purge_all_dirty(h, false);
}

/* ---- inspection ---------------------------------------------------------------- */

bool rc__alloc_is_block_start(rc_heap *h, const void *p, const char **why)
{
    rc_pool *pool = rc__pool_of(h, p);
    if (!pool) {
        *why = "not in the heap's arena region";
        return false;
    }
    if (arena_of_pool(h, pool)->state != ARENA_MAPPED || pool->state == POOL_FREE) {
        *why = "inside the heap's region, but in no pool in use (freed or never allocated)";
        return false;
    }
    size_t off = (size_t)((uintptr_t)p - (uintptr_t)pool_addr(h, pool));
    if (off % pool->block_size || off / pool->block_size >= pool->nblocks) {
        *why = "not the start of a block";
        return false;
    }
    return true;
}

void rc__alloc_stats(rc_heap *h, rc_stats *out)
{
    size_t resident = 0;
    for (size_t ai = 0; ai < h->arena_slots_used; ai++) {
        rc_arena *a = &h->arena_desc[ai];
        if (a->state != ARENA_MAPPED)
            continue;
        rc_pool *pools = arena_pools(h, a);
        for (unsigned i = 0; i < POOLS_PER_ARENA; i++) {
            rc_pool *pool = &pools[i];
            resident += pool_resident_bytes(h, pool);
            if (pool->state == POOL_FREE) {
                out->pools_free++;
                out->bytes_free_resident += pool_resident_bytes(h, pool);
                continue;
            }
            rc_class_stats *cs = &out->classes[pool->size_class];
            size_t used = rc__pool_used(h, pool);
            cs->pools++;
            cs->blocks_used += used;
            cs->blocks_free += pool->nblocks - used;
            out->pools_in_use++;
            out->small_blocks += used;
            out->bytes_in_use += used * pool->block_size;
        }
    }
    out->bytes_mapped += h->arenas_mapped * ARENA_SIZE;
    out->bytes_resident += resident;
}

/* ---- validation (rc_heap_check) ------------------------------------------------ */

static int check_fail(rc_heap *h, const char *what, size_t index)
{
    rc__heap_set_error(h, RC_EINVAL, "heap check: %s (index %zu)", what, index);
    return -1;
}

static int pool_check(rc_heap *h, rc_pool *pool, size_t index)
{
    if (pool->state == POOL_FREE)
        return pool->used == 0 ? 0 : check_fail(h, "free pool with used blocks", index);
    if (pool->block_size != class_block_size(pool->size_class) ||
        pool->nblocks != POOL_SIZE / pool->block_size)
        return check_fail(h, "pool geometry does not match its class", index);
    uintptr_t base = (uintptr_t)pool_addr(h, pool);
    size_t nfree = 0;
    for (rc_block *b = pool->free; b; b = b->next) {
        uintptr_t off = (uintptr_t)b - base;
        if (off >= POOL_SIZE || off % pool->block_size || ++nfree > pool->nblocks)
            return check_fail(h, "pool free list corrupted", index);
    }
    size_t excluded = 0;
    for (size_t i = 0; i < pool->nblocks; i++)
        if (block_page_mask(h, pool->block_size, i) & pool->purged)
            excluded++;
    if (rc__pool_used(h, pool) + nfree + excluded != pool->nblocks)
        return check_fail(h, "pool counts: used + free + excluded != blocks", index);
    if (pool->state == POOL_FULL && pool->used <= pool->wake_at)
        return check_fail(h, "pool off its class list with enough free blocks to rejoin", index);
    if (pool->state == POOL_PARTIAL && pool->wake_at != 0)
        return check_fail(h, "pool on its class list with a wake threshold", index);
    if (pool->thinned > 1 || (pool->thinned && pool->state != POOL_PARTIAL))
        return check_fail(h, "thinned mark on a pool that is not partly used", index);
    return 0;
}

static int arena_check(rc_heap *h, rc_arena *a, size_t index)
{
    rc_pool *pools = arena_pools(h, a);
    unsigned nfree = 0;
    for (unsigned i = 0; i < POOLS_PER_ARENA; i++) {
        if (pools[i].state == POOL_FREE)
            nfree++;
        if (pool_check(h, &pools[i], index * POOLS_PER_ARENA + i))
            return -1;
    }
    unsigned listed = 0;
    for (rc_pool *p = a->free_pools; p; p = pool_at(h, p->next)) {
        if (p->state != POOL_FREE || arena_of_pool(h, p) != a || ++listed > POOLS_PER_ARENA)
            return check_fail(h, "arena free-pool list corrupted", index);
    }
    if (listed != nfree || a->nfree != nfree)
        return check_fail(h, "arena free-pool count wrong", index);
    return 0;
}

static int class_lists_check(rc_heap *h)
{
    for (unsigned cls = 0; cls < CLASS_SLOTS; cls++) {
        rc_pool *prev = NULL;
        for (rc_pool *p = h->head[cls]; p; prev = p, p = pool_at(h, p->next)) {
            if (p->state != POOL_PARTIAL || p->size_class != cls || pool_at(h, p->prev) != prev)
                return check_fail(h, "class list corrupted", cls);
            if (!p->free && !p->purged && p != h->head[cls])
                return check_fail(h, "class list holds a pool with nothing free", cls);
        }
        if (h->tail[cls] != prev)
            return check_fail(h, "class list tail wrong", cls);
        rc_pool *want = h->head[cls] && heap_fast_alloc_ok(h) ? h->head[cls] : &h->sentinel;
        if (h->cc[cls].fast != want)
            return check_fail(h, "fast-path cache does not match the class head", cls);
    }
    return h->sentinel.free == NULL ? 0 : check_fail(h, "sentinel pool has a block", 0);
}

int rc__alloc_check(rc_heap *h)
{
    size_t mapped = 0, in_use = 0, thinned = 0;
    for (size_t ai = 0; ai < h->arena_slots_used; ai++) {
        rc_arena *a = &h->arena_desc[ai];
        if (a->state != ARENA_MAPPED)
            continue;
        mapped++;
        if (arena_check(h, a, ai))
            return -1;
        in_use += POOLS_PER_ARENA - a->nfree;
        for (unsigned i = 0; i < POOLS_PER_ARENA; i++)
            thinned += arena_pools(h, a)[i].thinned;
    }
    if (mapped != h->arenas_mapped || in_use != h->pools_in_use)
        return check_fail(h, "arena or pool totals wrong", mapped);
    if (thinned != h->pools_thinned)
        return check_fail(h, "count of thinned pools wrong", thinned);
    for (unsigned k = 1; k < POOLS_PER_ARENA; k++) {
        bool nonempty = h->arena_bucket[k] != NULL;
        if (nonempty != (bool)((h->bucket_mask >> k) & 1u))
            return check_fail(h, "arena bucket mask wrong", k);
        for (rc_arena *a = h->arena_bucket[k]; a; a = a->next)
            if (a->nfree != k || a->state != ARENA_MAPPED)
                return check_fail(h, "arena in the wrong bucket", k);
    }
    for (rc_arena *a = h->spare_arenas; a; a = a->next)
        if (a->nfree != POOLS_PER_ARENA)
            return check_fail(h, "spare arena not empty", 0);
    return class_lists_check(h);
}
