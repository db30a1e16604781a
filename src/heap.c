/*
 * heap.c — the heap and the raw-memory API (rc_malloc, rc_free, ...).
 *
 * A heap owns three mappings taken at rc_heap_new: the region its arenas live
 * in (reserved, committed an arena at a time by alloc.c), the pool descriptor
 * array and the arena descriptor array (both MAP_NORESERVE: a page becomes
 * resident only when its arena is used).  Large blocks (> RC_SMALL_MAX) come
 * from the system allocator, or from their own mmap when at least
 * HUGE_THRESHOLD (advised MADV_HUGEPAGE from 2 MiB: see os.c), behind a
 * 48-byte header that links them on h->large.  A huge block may shrink and
 * grow back within its mapping with no system call (rc_large.mapped).
 * A freed huge mapping is kept, resident, in h->huge_cache (a few slots)
 * while the release policy lets it (alloc.c: it is dirty memory like a free
 * pool), and serves the next huge request that fits it and needs at least
 * 1/HUGE_REUSE_RATIO of it: the array of a list or dict freed and rebuilt
 * in a loop is not faulted in again every round.
 *
 * The fast paths are short on purpose, and inline in internal.h
 * (heap_alloc_small_fast, heap_free_fast) so that the object layer creates
 * and destroys objects without a call into this file:
 *   rc_malloc: n-1 < 512 -> pop h->cc[(n-1)>>4].fast->free, else slow path.
 *   rc_free:   p - region_base < fast_region_size -> push on the pool's free
 *              list; the slow path only when the pool was full or emptied.
 * Both first try h->cc[cls].recent, a per-class LIFO of recently freed blocks
 * (at most 64 KiB or 1024 blocks a class): the block freed last is handed
 * out first, while it is still in the CPU's cache.  Cached blocks still
 * count as used in their pools; trim, idle points (rc_heap_maintain), mode
 * changes and stats account for them.
 * Under RC_DEBUG_ALLOC, fast[] all point at the sentinel pool and
 * fast_region_size is 0, so every call takes the checked path at no cost to
 * heaps without the flag.
 *
 * Accounting that rc_heap_stats reports is derived by walking the pools;
 * the hot paths touch no counter but the pool's own `used`.
 */
#define RC_BUILDING_LIBRARY 1
#include "internal.h"

#include <ctype.h>
#include <stdatomic.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void recent_configure(rc_heap *h);

/* ---- errors --------------------------------------------------------------- */

void rc__heap_set_key_error(rc_heap *h, const char *key_type)
{
    h->err = RC_EKEY;
    h->err_key_type = key_type;
}

void rc__heap_set_error(rc_heap *h, int code, const char *fmt, ...)
{
    h->err = code;
    h->err_key_type = NULL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(h->errmsg, sizeof h->errmsg, fmt, ap);
    va_end(ap);
}

void rc_heap_set_userdata(rc_heap *h, void *data)
{
    if (h)
        h->userdata = data;
}

void *rc_heap_userdata(const rc_heap *h)
{
    return h ? h->userdata : NULL;
}

int rc_error(const rc_heap *h)
{
    return h ? h->err : RC_EINVAL;
}

const char *rc_error_message(const rc_heap *h)
{
    if (!h)
        return "no heap";
    if (h->err == RC_OK)
        return "no error";
    if (h->err_key_type) {
        rc_heap *w = (rc_heap *)h;     /* the message is a cache of the error */
        snprintf(w->errmsg, sizeof w->errmsg, "key not found (a '%s')", h->err_key_type);
        w->err_key_type = NULL;
    }
    return h->errmsg;
}

void rc_error_clear(rc_heap *h)
{
    if (h) {
        h->err = RC_OK;
        h->errmsg[0] = '\0';
        h->err_key_type = NULL;
    }
}

/* ---- configuration --------------------------------------------------------- */

/* "123", "64K", "10M", "2G" (optionally "KB"/"KiB"...): bytes, or -1. */
static long long parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || *s == '-')
        return -1;
    unsigned shift = 0;
    switch (toupper((unsigned char)*end)) {
    case 'K': shift = 10; end++; break;
    case 'M': shift = 20; end++; break;
    case 'G': shift = 30; end++; break;
    default: break;
    }
    if (shift && toupper((unsigned char)*end) == 'I')
        end++;
    if (shift && toupper((unsigned char)*end) == 'B')
        end++;
    if (*end || (shift && v > (~0ull >> 2) >> shift))
        return -1;
    return (long long)(v << shift);
}

static void config_from_env(rc_config *cfg)
{
    const char *v = getenv("RECLAIM_MEMORY_LIMIT");
    if (v && *v) {
        long long n = parse_size(v);
        if (n < 0)
            fprintf(stderr, "reclaim: ignoring RECLAIM_MEMORY_LIMIT=%s (not a size)\n", v);
        else
            cfg->memory_limit = (size_t)n;
    }
    v = getenv("RECLAIM_PURGE_DELAY");
    if (v && *v) {
        char *end;
        long ms = strtol(v, &end, 10);
        if (*end || ms < -1 || ms > 3600000)
            fprintf(stderr, "reclaim: ignoring RECLAIM_PURGE_DELAY=%s (want milliseconds)\n", v);
        else
            cfg->purge_delay_ms = ms == 0 ? -1 : (int)ms;
    }
    v = getenv("RECLAIM_GC");
    if (v && *v) {
        if (!strcmp(v, "incremental"))
            cfg->gc_mode = RC_GC_INCREMENTAL;
        else if (!strcmp(v, "generational"))
            cfg->gc_mode = RC_GC_GENERATIONAL;
        else
            fprintf(stderr, "reclaim: ignoring RECLAIM_GC=%s (want generational or incremental)\n", v);
    }
    v = getenv("RECLAIM_DEBUG");
    if (v && *v) {
        static const struct { const char *name; unsigned flag; } words[] = {
            {"alloc", RC_DEBUG_ALLOC}, {"trace", RC_TRACE_ALLOC}, {"leaks", RC_REPORT_LEAKS}};
        const char *p = v;
        while (*p) {
            size_t len = strcspn(p, ",");
            bool known = false;
            for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
                if (strlen(words[i].name) == len && !strncmp(p, words[i].name, len)) {
                    cfg->flags |= words[i].flag;
                    known = true;
                }
            }
            if (!known && len)
                fprintf(stderr, "reclaim: ignoring unknown RECLAIM_DEBUG word '%.*s'\n", (int)len, p);
            p += len + (p[len] == ',');
        }
    }
}

/* ---- the region map ------------------------------------------------------------ */

/*
 * rc_decref(o) must find o's heap from o alone.  Each heap's region is a
 * whole number of GiBs, GiB-aligned, so the one process-wide table below,
 * indexed by address >> 30, names the heap of any small block.  It is the
 * library's only mutable global state, written only by rc_heap_new and
 * rc_heap_free (each heap writes its own slots; atomics make the reads safe
 * from other threads), never on an allocation path.  1 MiB of zero pages,
 * of which only the slots of live regions are ever touched.
 */
_Atomic(rc_heap *) rc__region_map[REGION_MAP_SLOTS];

static void region_map_set(uintptr_t base, size_t size, rc_heap *h)
{
    for (uintptr_t a = base; a < base + size; a += REGION_UNIT)
        atomic_store_explicit(&rc__region_map[a >> REGION_SHIFT], h, memory_order_release);
}

/* ---- heap life ---------------------------------------------------------------- */

static size_t round_up(size_t n, size_t to)
{
    return (n + to - 1) & ~(to - 1);
}

static size_t heap_struct_bytes(void)
{
    return round_up(sizeof(rc_heap), rc__os_page_size());
}

static void heap_release_mappings(rc_heap *h)
{
    if (h->region_size)
        region_map_set(h->region_base, h->region_size, NULL);
    rc__os_unmap((void *)h->region_base, h->region_size);
    rc__os_unmap(h->pool_desc, round_up((h->region_size >> POOL_SHIFT) * sizeof(rc_pool), h->page_size));
    rc__os_unmap(h->arena_desc, round_up(h->arena_slots * sizeof(rc_arena), h->page_size));
    rc__os_unmap(h, heap_struct_bytes());
}

static void heap_configure(rc_heap *h, const rc_config *cfg)
{
    h->memory_limit = cfg->memory_limit;
    h->flags = cfg->flags;
    h->purge_delay_ms = cfg->purge_delay_ms == 0 ? PURGE_DELAY_DEFAULT_MS : cfg->purge_delay_ms;
    for (int g = 0; g < 3; g++)
        h->gc_threshold[g] = cfg->gc_threshold[g];
    h->gc.mode = cfg->gc_mode == RC_GC_INCREMENTAL ? RC_GC_INCREMENTAL : RC_GC_GENERATIONAL;
    h->gc.pause_target_s = (cfg->gc_pause_target_us ? cfg->gc_pause_target_us : 1000) * 1e-6;
    h->page_size = rc__os_page_size();
    size_t ppp = h->page_size < POOL_SIZE ? POOL_SIZE / h->page_size : 1;
    h->pages_per_pool = ppp <= 8 ? (unsigned)ppp : 1;  /* pool->purged has 8 bits */
    h->fail_after = -1;
    h->reserve_bytes = RESERVE_MIN_BYTES;

    for (unsigned c = 0; c < CLASS_SLOTS; c++)
        h->cc[c].fast = &h->sentinel;
    h->fast_region_size = (h->flags & RC_DIAG_FLAGS) ? 0 : h->region_size;
}

rc_heap *rc_heap_new(const rc_config *user_cfg)
{
    rc_config cfg = {0};
    if (user_cfg)
        cfg = *user_cfg;
    config_from_env(&cfg);

    rc_heap *h = rc__os_map(heap_struct_bytes());
    if (!h)
        return NULL;
    size_t region = cfg.address_space ? round_up(cfg.address_space, REGION_UNIT) : REGION_DEFAULT;
    if (region > REGION_MAX || region < cfg.address_space)
        region = REGION_MAX;              /* pool links are 32-bit indexes */
    void *base = rc__os_reserve(&region, REGION_MIN, REGION_UNIT);
    if (base && (((uintptr_t)base + region - 1) >> REGION_SHIFT) >= REGION_MAP_SLOTS) {
        rc__os_unmap(base, region);       /* beyond 47-bit user space: not mappable here */
        base = NULL;
    }
    h->region_base = (uintptr_t)base;
    h->region_size = base ? region : 0;
    h->page_size = rc__os_page_size();
    h->arena_slots = h->region_size >> ARENA_SHIFT;
    h->pool_desc = rc__os_map(round_up((h->region_size >> POOL_SHIFT) * sizeof(rc_pool), h->page_size));
    h->arena_desc = rc__os_map(round_up(h->arena_slots * sizeof(rc_arena), h->page_size));
    if (!base || !h->pool_desc || !h->arena_desc) {
        heap_release_mappings(h);
        return NULL;
    }
    heap_configure(h, &cfg);
    if ((h->flags & RC_DIAG_FLAGS) && rc__diag_init(h)) {
        heap_release_mappings(h);
        return NULL;
    }
    recent_configure(h);
    rc__object_heap_init(h);
    region_map_set(h->region_base, h->region_size, h);
    return h;
}

void rc_heap_free(rc_heap *h)
{
    if (!h)
        return;
    rc__gc_heap_fini(h);
    rc__bigint_heap_fini(h);
    rc__diag_fini(h);
    size_t largest;
    rc__heap_huge_cache_release(h, 0, &largest);
    while (h->large) {
        rc_large *hdr = h->large;
        h->large = hdr->next;
        if (hdr->owner & LARGE_MMAPPED)
            rc__os_unmap(hdr, hdr->mapped);
        else
            free(hdr);
    }
    free(h->large_set);
    heap_release_mappings(h);
}

/* ---- the memory limit ---------------------------------------------------------- */

size_t rc_heap_memory_limit(const rc_heap *h)
{
    return h ? h->memory_limit : 0;
}

void rc_heap_set_memory_limit(rc_heap *h, size_t bytes)
{
    if (h)
        h->memory_limit = bytes;
}

size_t rc__heap_limit_used(const rc_heap *h)
{
    return h->pools_in_use * POOL_SIZE + h->large_bytes;
}

bool rc__heap_limit_allows(rc_heap *h, size_t more)
{
    if (!h->memory_limit)
        return true;
    size_t used = rc__heap_limit_used(h);
    return more <= h->memory_limit && used <= h->memory_limit - more;
}

/* ---- large blocks ----------------------------------------------------------------- */

static inline rc_large *large_header(const void *p)
{
    return (rc_large *)p - 1;
}

/* ---- the set of large blocks (RC_DEBUG_ALLOC only) ------------------------------------ */

static size_t large_set_home(const rc_heap *h, const rc_large *hdr)
{
    uint64_t k = (uint64_t)(uintptr_t)hdr * 0x9E3779B97F4A7C15u;   /* Fibonacci hashing */
    return (size_t)(k >> 32) & (h->large_set_cap - 1);
}

static void large_set_put(rc_heap *h, rc_large *hdr)
{
    size_t i = large_set_home(h, hdr);
    while (h->large_set[i])
        i = (i + 1) & (h->large_set_cap - 1);
    h->large_set[i] = hdr;
    h->large_set_used++;
}

/* Double the table (at least 64 slots); on failure the set is dropped for
 * good and membership falls back to walking h->large. */
static void large_set_grow(rc_heap *h)
{
    size_t cap = h->large_set_cap ? 2 * h->large_set_cap : 64;
    rc_large **old = h->large_set, **table = calloc(cap, sizeof *table);
    size_t old_cap = h->large_set_cap;
    if (!table) {
        free(old);
        h->large_set = NULL;
        h->large_set_cap = h->large_set_used = 0;
        h->large_set_broken = true;
        return;
    }
    h->large_set = table;
    h->large_set_cap = cap;
    h->large_set_used = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            large_set_put(h, old[i]);
    free(old);
}

static void large_set_add(rc_heap *h, rc_large *hdr)
{
    if (!(h->flags & RC_DEBUG_ALLOC) || h->large_set_broken)
        return;
    if (2 * (h->large_set_used + 1) > h->large_set_cap)
        large_set_grow(h);
    if (h->large_set)
        large_set_put(h, hdr);
}

static size_t large_set_find(const rc_heap *h, const rc_large *hdr)
{
    size_t i = large_set_home(h, hdr);
    while (h->large_set[i] && h->large_set[i] != hdr)
        i = (i + 1) & (h->large_set_cap - 1);
    return i;
}

/* Remove hdr, then shift later members of its probe run back so that no
 * lookup stops early at the hole (no tombstones). */
static void large_set_remove(rc_heap *h, const rc_large *hdr)
{
    if (!h->large_set)
        return;
    size_t mask = h->large_set_cap - 1, hole = large_set_find(h, hdr);
    if (!h->large_set[hole])
        return;
    h->large_set[hole] = NULL;
    h->large_set_used--;
    for (size_t i = (hole + 1) & mask; h->large_set[i]; i = (i + 1) & mask) {
        size_t home = large_set_home(h, h->large_set[i]);
        /* move it when the hole lies on its path from home to i */
        if (((i - home) & mask) >= ((i - hole) & mask)) {
            h->large_set[hole] = h->large_set[i];
            h->large_set[i] = NULL;
            hole = i;
        }
    }
}

static void large_link(rc_heap *h, rc_large *hdr)
{
    large_set_add(h, hdr);
    hdr->prev = NULL;
    hdr->next = h->large;
    if (h->large)
        h->large->prev = hdr;
    h->large = hdr;
}

static void large_unlink(rc_heap *h, rc_large *hdr)
{
    large_set_remove(h, hdr);
    if (hdr->prev)
        hdr->prev->next = hdr->next;
    else
        h->large = hdr->next;
    if (hdr->next)
        hdr->next->prev = hdr->prev;
}

/* The bytes a new block of `usable` bytes takes: whole pages when huge. */
static size_t large_footprint(const rc_heap *h, size_t usable, bool mmapped)
{
    size_t total = usable + sizeof(rc_large);
    return mmapped ? round_up(total, h->page_size) : total;
}

/* The bytes a large block takes now. */
static size_t large_total(const rc_large *hdr)
{
    return hdr->mapped ? hdr->mapped : hdr->size + sizeof *hdr;
}

/* ---- the cache of freed huge mappings ------------------------------------------------- */

/* Unmap the cached mapping in slot i; returns its bytes. */
static size_t huge_cache_unmap(rc_heap *h, int i)
{
    rc_large *hdr = h->huge_cache[i];
    size_t bytes = hdr->mapped;
    h->huge_cache[i] = NULL;
    h->huge_cache_bytes -= bytes;
    h->purged_total += bytes;
    h->purge_calls++;
    rc__os_unmap(hdr, bytes);
    return bytes;
}

/* Keep the freed huge mapping at hdr for reuse; false if the policy gives
 * memory back at once or a larger one fills every slot. */
static bool huge_cache_put(rc_heap *h, rc_large *hdr)
{
    if (h->purge_delay_ms < 0)
        return false;
    int slot = -1;
    for (int i = 0; i < HUGE_CACHE_SLOTS; i++) {
        rc_large *c = h->huge_cache[i];
        if (!c) {
            slot = i;
            break;
        }
        if (c->mapped < hdr->mapped && (slot < 0 || c->mapped < h->huge_cache[slot]->mapped))
            slot = i;                     /* evict the smallest, if smaller */
    }
    if (slot < 0)
        return false;
    if (h->huge_cache[slot])
        huge_cache_unmap(h, slot);
    h->huge_cache[slot] = hdr;
    h->huge_cache_bytes += hdr->mapped;
    rc__alloc_dirty_added(h);
    return true;
}

/* The smallest cached mapping of at least `total` bytes that a request of
 * that size may take (HUGE_REUSE_RATIO), out of the cache; or NULL. */
static rc_large *huge_cache_take(rc_heap *h, size_t total)
{
    int best = -1;
    for (int i = 0; i < HUGE_CACHE_SLOTS; i++) {
        rc_large *c = h->huge_cache[i];
        if (c && c->mapped >= total && c->mapped / HUGE_REUSE_RATIO <= total &&
            (best < 0 || c->mapped < h->huge_cache[best]->mapped))
            best = i;
    }
    if (best < 0)
        return NULL;
    rc_large *hdr = h->huge_cache[best];
    h->huge_cache[best] = NULL;
    h->huge_cache_bytes -= hdr->mapped;
    rc__alloc_dirty_reused(h);
    return hdr;
}

size_t rc__heap_huge_cache_release(rc_heap *h, size_t keep, size_t *largest_released)
{
    size_t released = 0;
    *largest_released = 0;
    while (h->huge_cache_bytes > keep) {
        int largest = -1;
        for (int i = 0; i < HUGE_CACHE_SLOTS; i++)
            if (h->huge_cache[i] && (largest < 0 || h->huge_cache[i]->mapped > h->huge_cache[largest]->mapped))
                largest = i;
        size_t bytes = huge_cache_unmap(h, largest);
        released += bytes;
        if (bytes > *largest_released)
            *largest_released = bytes;
    }
    return released;
}

/* A huge mapping of at least `total` bytes (whole pages): a cached one, or
 * a fresh one (zero pages: *fresh set).  NULL if the system refuses. */
static rc_large *huge_mapping(rc_heap *h, size_t total, bool *fresh)
{
    rc_large *hdr = huge_cache_take(h, total);
    *fresh = hdr == NULL;
    if (hdr)
        return hdr;
    hdr = rc__os_map(total);
    if (!hdr)
        return NULL;
    rc__alloc_note_refault(h, RELEASED_HUGE, total, total);
    if (total >= HUGE_PAGE_SIZE)
        rc__os_advise_huge(hdr, total);   /* huge pages where 2 MiB fit (os.c) */
    hdr->mapped = total;
    return hdr;
}

/* Fault injection: true if this allocation must fail. */
static bool injected_failure(rc_heap *h)
{
    if (h->fail_after < 0)
        return false;
    if (h->fail_after > 0) {
        h->fail_after--;
        return false;
    }
    rc__heap_set_error(h, RC_ENOMEM, "injected allocation failure");
    return true;
}

void rc_heap_fail_allocations(rc_heap *h, long successes)
{
    h->fail_after = successes < 0 ? -1 : successes;
    rc__alloc_refresh_fast(h);
    recent_configure(h);
}

/* Put a new large block's header on the list and count it. */
static void *large_adopt(rc_heap *h, rc_large *hdr, uintptr_t flags)
{
    hdr->owner = (uintptr_t)h | flags;
    large_link(h, hdr);
    h->large_blocks++;
    h->large_bytes += hdr->size;
    h->large_mapped += large_total(hdr);
    return hdr + 1;
}

static void *alloc_large_block(rc_heap *h, size_t n)
{
    if (n > ((size_t)1 << 62)) {
        rc__heap_set_error(h, RC_ENOMEM, "request of %zu bytes is too large", n);
        return NULL;
    }
    size_t usable = round_up(n, RC_ALIGNMENT);
    bool mmapped = usable >= HUGE_THRESHOLD;
    size_t total = large_footprint(h, usable, mmapped);
    if (!rc__heap_limit_allows(h, usable)) {
        rc__heap_set_error(h, RC_ENOMEM, "memory limit of %zu bytes reached (asked %zu)",
                           h->memory_limit, n);
        return NULL;
    }
    bool fresh = true;
    rc_large *hdr = mmapped ? huge_mapping(h, total, &fresh) : malloc(total);
    if (!hdr) {
        rc__heap_set_error(h, RC_ENOMEM, "the system refused %zu bytes", total);
        return NULL;
    }
    if (!mmapped)
        hdr->mapped = 0;
    hdr->size = usable;
    return large_adopt(h, hdr, mmapped ? (LARGE_MMAPPED | (fresh ? LARGE_ZEROED : 0)) : 0);
}

static void *alloc_large_raw(rc_heap *h, size_t n)
{
    return injected_failure(h) ? NULL : alloc_large_block(h, n);
}

static __attribute__((noinline)) void *alloc_large(rc_heap *h, size_t n, const void *caller)
{
    if (rc_unlikely(h->diag != NULL))
        return rc__diag_malloc(h, n, caller);
    return alloc_large_raw(h, n);
}

/* Take a large block off the list and the counts. */
static void large_disown(rc_heap *h, rc_large *hdr)
{
    large_unlink(h, hdr);
    h->large_blocks--;
    h->large_bytes -= hdr->size;
    h->large_mapped -= large_total(hdr);
}

/* A huge mapping no block uses any more: kept for reuse, or unmapped. */
static void huge_mapping_drop(rc_heap *h, rc_large *hdr)
{
    if (!huge_cache_put(h, hdr)) {
        rc__os_unmap(hdr, hdr->mapped);
        return;
    }
    /* freeing a huge block is a bulk free: past the reserve, it goes now
     * (or when the destruction that freed it ends) */
    if (h->dealloc_depth == 0)
        heap_release_after_bulk_free(h);
}

static void free_large(rc_heap *h, rc_large *hdr)
{
    large_disown(h, hdr);
    if (hdr->owner & LARGE_MMAPPED)
        huge_mapping_drop(h, hdr);
    else
        free(hdr);
}

static bool large_is_ours(const rc_heap *h, const void *p)
{
    return (large_header(p)->owner & ~LARGE_FLAGS) == (uintptr_t)h;
}

rc_heap *rc__heap_owning_large(const void *p)
{
    return (rc_heap *)(large_header(p)->owner & ~LARGE_FLAGS);
}

/* Under RC_DEBUG_ALLOC: is p the payload of one of h's large blocks? */
static bool large_is_listed(const rc_heap *h, const void *p)
{
    /* integer arithmetic: p may be any pointer at all */
    const rc_large *candidate = (const rc_large *)((uintptr_t)p - sizeof(rc_large));
    if (h->large_set)
        return h->large_set[large_set_find(h, candidate)] == candidate;
    for (const rc_large *hdr = h->large; hdr; hdr = hdr->next)
        if ((const void *)(hdr + 1) == p)
            return true;
    return false;
}

/* ---- rc_malloc / rc_free ---------------------------------------------------------- */

/* Give the recently freed blocks back to their pools. */
void rc__heap_recent_flush(rc_heap *h)
{
    for (unsigned cls = 0; cls < CLASS_SLOTS; cls++) {
        while (h->cc[cls].recent) {
            rc_block *b = h->cc[cls].recent;
            h->cc[cls].recent = b->next;
            pool_free_block(h, rc__pool_of(h, b), b);
        }
        h->cc[cls].recent_n = 0;
    }
}

/* Caching is on unless frees are checked, allocations may be failed, or
 * memory must go back at once (purge_delay_ms < 0). */
static void recent_configure(rc_heap *h)
{
    rc__heap_recent_flush(h);
    bool on = heap_fast_alloc_ok(h) && h->purge_delay_ms >= 0;
    for (unsigned cls = 0; cls < CLASS_SLOTS; cls++) {
        size_t by_bytes = RECENT_MAX_BYTES / class_block_size(cls);
        h->cc[cls].recent_max = on ? (uint32_t)(by_bytes < RECENT_MAX_BLOCKS ? by_bytes : RECENT_MAX_BLOCKS) : 0;
    }
}

static int recent_check(rc_heap *h)
{
    for (unsigned cls = 0; cls < CLASS_SLOTS; cls++) {
        uint32_t n = 0;
        for (rc_block *b = h->cc[cls].recent; b; b = b->next) {
            rc_pool *pool = rc__pool_of(h, b);
            if (!pool || pool->state == POOL_FREE || pool->size_class != cls ||
                ++n > h->cc[cls].recent_n || rc__pool_used(h, pool) == 0) {
                rc__heap_set_error(h, RC_EINVAL, "heap check: recent-block cache of class %u corrupted", cls);
                return -1;
            }
        }
        if (n != h->cc[cls].recent_n || n > h->cc[cls].recent_max) {
            rc__heap_set_error(h, RC_EINVAL, "heap check: recent-block cache count of class %u wrong", cls);
            return -1;
        }
    }
    return 0;
}

__attribute__((noinline)) void *rc__heap_alloc_small_slow(rc_heap *h, unsigned cls)
{
    if (injected_failure(h))
        return NULL;
    void *p = rc__alloc_small_slow(h, cls);
    /* The region is full (not the limit): serve the class as a large block. */
    if (!p && h->arena_slots_used == h->arena_slots && !h->unmapped_arenas &&
        rc__heap_limit_allows(h, POOL_SIZE))
        p = alloc_large_block(h, class_block_size(cls));
    return p;
}

/* rc_malloc's slow path for small sizes (n <= RC_SMALL_MAX, 0 included). */
static __attribute__((noinline)) void *alloc_small_or_fallback(rc_heap *h, size_t n, const void *caller)
{
    if (rc_unlikely(h->diag != NULL))
        return rc__diag_malloc(h, n, caller);
    return rc__heap_alloc_small_slow(h, n ? size_class_of(n) : 0);
}

void *rc__raw_malloc(rc_heap *h, size_t n)
{
    /* n > 0: a diagnostic block is never empty */
    if (n <= RC_SMALL_MAX)
        return rc__heap_alloc_small_slow(h, size_class_of(n));
    return alloc_large_raw(h, n);
}

void *rc_malloc(rc_heap *h, size_t n)
{
    if (rc_likely(n - 1 < RC_SMALL_MAX)) {
        unsigned cls = size_class_of(n);
        void *p = heap_alloc_small_fast(h, cls);
        return rc_likely(p != NULL) ? p : alloc_small_or_fallback(h, n, __builtin_return_address(0));
    }
    if (n == 0)
        return alloc_small_or_fallback(h, 0, __builtin_return_address(0));
    return alloc_large(h, n, __builtin_return_address(0));
}

void *rc_calloc(rc_heap *h, size_t count, size_t n)
{
    size_t total;
    if (__builtin_mul_overflow(count, n, &total)) {
        rc__heap_set_error(h, RC_ENOMEM, "rc_calloc: %zu * %zu overflows", count, n);
        return NULL;
    }
    /* the diagnostic mode names rc_calloc's caller as the site, not rc_calloc */
    void *p = h->diag ? rc__diag_malloc(h, total, __builtin_return_address(0)) : rc_malloc(h, total);
    if (!p)
        return NULL;
    /* a fresh mapping is zero pages already: writing them would fault them all */
    bool zeroed = total >= HUGE_THRESHOLD && !h->diag && (large_header(p)->owner & LARGE_ZEROED);
    if (zeroed)
        large_header(p)->owner &= ~LARGE_ZEROED;
    else
        memset(p, 0, total);
    return p;
}

bool rc__raw_is_block(rc_heap *h, const void *p, const char **why)
{
    if (rc__pool_of(h, p))
        return rc__alloc_is_block_start(h, p, why);
    *why = "not a block of this heap";
    /* The debug allocator looks p up in its set of large blocks: safe for
     * any pointer.  Tracing and leak reports trust the large header's
     * owner, as rc_free does. */
    return (h->flags & RC_DEBUG_ALLOC) ? large_is_listed(h, p) : large_is_ours(h, p);
}

void rc__raw_free(rc_heap *h, void *p)
{
    rc_pool *pool = rc__pool_of(h, p);
    if (pool)
        pool_free_block(h, pool, p);
    else
        free_large(h, large_header(p));
}

/* Everything rc_free's fast path does not take: NULL, large blocks, the
 * diagnostic mode (debug.c), and pointers from elsewhere. */
static __attribute__((noinline)) void free_other(rc_heap *h, void *p)
{
    if (!p)
        return;
    if (rc_unlikely(h->diag != NULL)) {
        rc__diag_free(h, p);
        return;
    }
    rc_pool *pool = rc__pool_of(h, p);
    if (pool) {
        pool_free_block(h, pool, p);
        return;
    }
    if (!large_is_ours(h, p)) {
        rc__heap_set_error(h, RC_EINVAL, "rc_free: %p is not a block of this heap", p);
        return;
    }
    free_large(h, large_header(p));
}

void rc_free(rc_heap *h, void *p)
{
    if (rc_unlikely(!heap_free_fast(h, p)))
        free_other(h, p);
}

size_t rc_usable_size(rc_heap *h, const void *p)
{
    if (!p)
        return 0;
    if (h->diag)
        return rc__diag_usable_size(h, p);
    rc_pool *pool = rc__pool_of(h, p);
    if (pool)
        return pool->block_size;
    if (!large_is_ours(h, p)) {
        rc__heap_set_error(h, RC_EINVAL, "rc_usable_size: %p is not a block of this heap", p);
        return 0;
    }
    return large_header(p)->size;
}

/* A huge block grown into a cached mapping: its bytes copied, its own
 * mapping dropped (to the cache, or unmapped).  NULL if none fits. */
static void *huge_move_to_cached(rc_heap *h, rc_large *hdr, size_t usable, size_t new_total)
{
    rc_large *to = huge_cache_take(h, new_total);
    if (!to)
        return NULL;
    memcpy(to + 1, hdr + 1, hdr->size);
    to->size = usable;
    void *p = large_adopt(h, to, LARGE_MMAPPED);
    large_disown(h, hdr);
    huge_mapping_drop(h, hdr);
    return p;
}

/* A large block resized where it lies: system realloc; when huge, within
 * its mapping, or into a cached mapping, or by mremap. */
static void *realloc_large(rc_heap *h, rc_large *hdr, size_t n)
{
    size_t usable = round_up(n, RC_ALIGNMENT);
    bool mmapped = hdr->owner & LARGE_MMAPPED;
    if (mmapped != (usable >= HUGE_THRESHOLD))
        return NULL;                          /* changes kind: move it */
    if (usable > hdr->size && injected_failure(h))
        return NULL;
    if (usable > hdr->size && !rc__heap_limit_allows(h, usable - hdr->size)) {
        rc__heap_set_error(h, RC_ENOMEM, "memory limit of %zu bytes reached", h->memory_limit);
        return NULL;
    }
    hdr->owner &= ~LARGE_ZEROED;
    size_t new_total = large_footprint(h, usable, mmapped);
    /* Its mapping holds it: grow into it, or shrink by less than half. */
    if (mmapped && new_total <= hdr->mapped && (usable >= hdr->size || new_total >= hdr->mapped / 2)) {
        h->large_bytes += usable - hdr->size;
        hdr->size = usable;
        return hdr + 1;
    }
    if (mmapped && new_total > hdr->mapped) {
        void *q = huge_move_to_cached(h, hdr, usable, new_total);
        if (q)
            return q;
    }
    size_t old_total = large_total(hdr);
    large_unlink(h, hdr);
    rc_large *moved = mmapped ? rc__os_remap(hdr, old_total, new_total)
                              : realloc(hdr, new_total);
    if (!moved) {
        large_link(h, hdr);
        rc__heap_set_error(h, RC_ENOMEM, "the system refused %zu bytes", new_total);
        return NULL;
    }
    if (mmapped && new_total > old_total) {   /* a growing block is being filled */
        rc__alloc_note_refault(h, RELEASED_HUGE, new_total - old_total, new_total);
        rc__os_populate((char *)moved + old_total, new_total - old_total);
    }
    if (mmapped)
        moved->mapped = new_total;
    h->large_bytes += usable - moved->size;
    h->large_mapped += new_total - old_total;
    moved->size = usable;
    large_link(h, moved);
    return moved + 1;
}

void *rc_realloc(rc_heap *h, void *p, size_t n)
{
    if (!p)
        return rc_malloc(h, n);
    if (n == 0) {
        rc_free(h, p);
        return NULL;
    }
    if (h->diag)
        return rc__diag_realloc(h, p, n, __builtin_return_address(0));
    rc_pool *pool = rc__pool_of(h, p);
    if (pool) {
        size_t bs = pool->block_size;
        /* In place within the class, or when shrinking wastes under a quarter. */
        if (n <= bs && (size_class_of(n) == pool->size_class || 4 * n > 3 * bs))
            return p;
    } else {
        if (!large_is_ours(h, p)) {
            rc__heap_set_error(h, RC_EINVAL, "rc_realloc: %p is not a block of this heap", p);
            return NULL;
        }
        if (n > RC_SMALL_MAX) {
            int err = h->err;
            void *q = realloc_large(h, large_header(p), n);
            if (q || h->err != err)
                return q;
        }
    }
    size_t old = rc_usable_size(h, p);
    void *q = rc_malloc(h, n);
    if (!q)
        return NULL;
    memcpy(q, p, old < n ? old : n);
    rc_free(h, p);
    return q;
}

void rc__heap_prefault(rc_heap *h, void *p, size_t n)
{
    uintptr_t start = round_up((uintptr_t)p, h->page_size);
    uintptr_t end = ((uintptr_t)p + n) & ~(uintptr_t)(h->page_size - 1);
    if (end > start)
        rc__os_populate((void *)start, end - start);
}

/* ---- trim, statistics, checks -------------------------------------------------------- */

size_t rc_heap_trim(rc_heap *h)
{
    /* Every purge adds to purged_total, those the flushes below cause too. */
    size_t before = h->purged_total;
    rc__diag_flush_quarantine(h);
    rc__object_caches_clear(h);
    rc__heap_recent_flush(h);
    rc__alloc_trim(h);
    return h->purged_total - before;
}

long rc_heap_maintain(rc_heap *h, long idle_ms)
{
    if (!h)
        return -1;
    if (idle_ms != 0)
        rc__heap_recent_flush(h);      /* nothing will reuse them while the caller idles */
    return rc__alloc_maintain(h, idle_ms);
}

void rc_heap_stats(rc_heap *h, rc_stats *out)
{
    memset(out, 0, sizeof *out);
    for (unsigned c = 0; c < CLASS_SLOTS; c++)
        out->classes[c].block_size = class_block_size(c);
    rc__alloc_stats(h, out);
    for (unsigned c = 0; c < CLASS_SLOTS; c++) {   /* cached blocks are free */
        size_t n = h->cc[c].recent_n;
        out->classes[c].blocks_used -= n;
        out->classes[c].blocks_free += n;
        out->small_blocks -= n;
        out->bytes_in_use -= n * class_block_size(c);
    }
    out->bytes_in_use += h->large_bytes;
    out->bytes_mapped += h->large_mapped + h->huge_cache_bytes;
    out->bytes_resident += h->large_mapped + h->huge_cache_bytes;
    out->bytes_limit_used = rc__heap_limit_used(h);
    out->arenas = h->arenas_mapped;
    out->arenas_highwater = h->arenas_highwater;
    out->arenas_released = h->arenas_released;
    out->large_blocks = h->large_blocks;
    out->large_bytes = h->large_bytes;
    out->bytes_purged_total = h->purged_total;
    out->purge_calls = h->purge_calls;
    out->bytes_reserve = h->reserve_bytes;
    out->bytes_free_resident += h->huge_cache_bytes;
    out->objects_live = h->objects_allocated - h->objects_freed;
    out->objects_allocated = h->objects_allocated;
}

void rc_heap_dump_stats(rc_heap *h, FILE *f)
{
    rc_stats s;
    rc_heap_stats(h, &s);
    fprintf(f, "reclaim heap %p: small blocks of 16..%d bytes in %zu KiB pools, %zu KiB arenas "
            "(classes %d-%d: objects' blocks of 24-%u bytes)\n",
            (void *)h, RC_SMALL_MAX, POOL_SIZE >> 10, ARENA_SIZE >> 10, RC_OBJECT24_CLASS,
            RC_STAT_CLASSES - 1, OBJECT_CLASS_MAX);
    fprintf(f, "%5s %6s %12s %12s %8s %14s\n", "class", "size", "in use", "free", "pools", "bytes in use");
    for (unsigned c = 0; c < CLASS_SLOTS; c++) {
        const rc_class_stats *cs = &s.classes[c];
        if (!cs->pools)
            continue;
        fprintf(f, "%5u %6zu %12zu %12zu %8zu %14zu\n", c, cs->block_size, cs->blocks_used,
                cs->blocks_free, cs->pools, cs->blocks_used * cs->block_size);
    }
    fprintf(f, "arenas mapped now:     %14zu\n", s.arenas);
    fprintf(f, "arenas high-water:     %14zu\n", s.arenas_highwater);
    fprintf(f, "arenas released:       %14zu\n", s.arenas_released);
    fprintf(f, "pools in use / free:   %14zu / %zu\n", s.pools_in_use, s.pools_free);
    fprintf(f, "large blocks:          %14zu (%zu bytes)\n", s.large_blocks, s.large_bytes);
    fprintf(f, "bytes in use:          %14zu\n", s.bytes_in_use);
    fprintf(f, "bytes mapped:          %14zu\n", s.bytes_mapped);
    fprintf(f, "bytes resident:        %14zu\n", s.bytes_resident);
    fprintf(f, "bytes given back:      %14zu (%zu system calls)\n", s.bytes_purged_total, s.purge_calls);
    fprintf(f, "free, kept resident:   %14zu (reserve after a bulk free: %zu)\n",
            s.bytes_free_resident, s.bytes_reserve);
    if (h->memory_limit)
        fprintf(f, "memory limit:          %14zu (%zu counted)\n", h->memory_limit, s.bytes_limit_used);
}

static int large_check(rc_heap *h)
{
    size_t n = 0, bytes = 0;
    const rc_large *prev = NULL;
    for (const rc_large *hdr = h->large; hdr; prev = hdr, hdr = hdr->next) {
        if (hdr->prev != prev || (hdr->owner & ~LARGE_FLAGS) != (uintptr_t)h || ++n > h->large_blocks) {
            rc__heap_set_error(h, RC_EINVAL, "heap check: large block list corrupted at %p", (const void *)hdr);
            return -1;
        }
        bytes += hdr->size;
        if (h->large_set && h->large_set[large_set_find(h, hdr)] != hdr) {
            rc__heap_set_error(h, RC_EINVAL, "heap check: large block %p missing from the set", (const void *)hdr);
            return -1;
        }
    }
    if (h->large_set && h->large_set_used != n) {
        rc__heap_set_error(h, RC_EINVAL, "heap check: large block set holds %zu, the list %zu",
                           h->large_set_used, n);
        return -1;
    }
    if (n != h->large_blocks || bytes != h->large_bytes) {
        rc__heap_set_error(h, RC_EINVAL, "heap check: large block totals wrong");
        return -1;
    }
    return 0;
}

int rc_heap_check(rc_heap *h)
{
    if (!h)
        return -1;
    if (rc__alloc_check(h) || recent_check(h) || large_check(h) || rc__diag_check(h))
        return -1;
    return 0;
}
