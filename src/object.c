/*
 * object.c — layer 3: objects, reference counts and their destruction.
 *
 * An object is a block of its heap that starts with {refcnt, type}.  Objects
 * of RC_TYPE_GC types have a 16-byte rc_gc_head in front (the block starts at
 * the head), which links them on a generation list while tracked and holds
 * the flags FINALIZED, WEAKREFS and DYING.  Objects without weak references
 * pay nothing for them: the flag bit is in the GC head and the references
 * themselves live in the heap's weak table (weakref.c).
 *
 * Finding an object's heap: a small object lies in its heap's arena region
 * (the region map in heap.c); a large one has an rc_large header naming its
 * heap; static immortals (None, True, False, small ints) have count
 * IMMORTAL_STATIC and no heap.
 *
 * Destruction.  When a count reaches zero, rc_dealloc runs, in this order:
 *   1. finalize (GC types, at most once: FINALIZED is set before it runs);
 *      the object is given a count of 1 for the call, and if it holds more
 *      than that afterwards it was resurrected and survives;
 *   2. untrack;
 *   3. clear its weak references and call their callbacks;
 *   4. destroy (drop what it owns);
 *   5. back to its type's cache (floats, small tuples) or rc_free.
 * A count that reaches zero while a dealloc is running (the children dropped
 * in step 4, say) destroys its object at once, recursively, as CPython's
 * deallocation does, while fewer than DEALLOC_MAX_DEPTH destructions are
 * nested.  At the limit the object goes on h->dealloc_pending instead,
 * linked through its refcnt field (and marked DYING if it is a GC object,
 * so a weak reference can no longer hand it out), and the destruction at
 * the limit drains that list.  A chain of ten million objects therefore
 * dies with bounded C stack (CPython's trashcan bounds depth the same way).
 * After each destroy at the limit the objects it released are put in
 * release order, so the drain is depth-first too: objects die (and their
 * finalizers run) in the order recursion gives, at every depth.  Every
 * destruction nested or queued ends before the outermost one returns.
 *
 * The fast paths.  A "plain leaf" type (not GC, no destroy, no type cache,
 * no items, at most RC_SMALL_MAX bytes) has nothing to run at either end of
 * an object's life, and all its objects are blocks of one size class.  The
 * heap remembers the last plain type it saw (h->plain_type, and its class):
 * rc_new of that type is the inline allocator fast path plus the header
 * (and of the last other type of one block size, h->sized_type, the same
 * plus the GC count and link),
 * and rc_dealloc of one of its objects is the region-map lookup, one type
 * comparison and the inline free (internal.h) -- no call to rc_malloc or
 * rc_free, no test of the type's slots.  Everything else takes the general
 * path.  The object counters are one increment per path (objects_allocated
 * on creation, objects_freed on destruction); objects_live is their
 * difference, computed by rc_heap_stats.
 */
#define RC_BUILDING_LIBRARY 1
#include "internal.h"

#include <string.h>

/* ---- heaps ------------------------------------------------------------------- */

void rc__object_heap_init(rc_heap *h)
{
    for (int g = 0; g < 3; g++) {
        h->gc_gen[g].next = &h->gc_gen[g];
        h->gc_gen[g].prev_flags = (uintptr_t)&h->gc_gen[g];
    }
    rc__gc_heap_init(h);
}

rc_heap *rc_heap_of(const rc_object *o)
{
    if (!o || o->refcnt == IMMORTAL_STATIC)
        return NULL;
    rc_heap *h = rc__heap_owning_region(o);
    return h ? h : rc__heap_owning_large(object_is_gc(o) ? (const void *)gc_head_of(o) : (const void *)o);
}

/* ---- tracking (the collector's lists; gc.c drives collections) ------------------ */

bool rc__gc_is_linked(const rc_object *o)
{
    return gc_is_linked(o);
}

int rc_gc_is_tracked(const void *o)
{
    return o && rc__gc_is_linked(o);
}

int rc_gc_is_finalized(const void *o)
{
    return o && object_is_gc(o) && (gc_head_of(o)->prev_flags & GC_FINALIZED) != 0;
}

/* Track an untracked object: onto the young generation. */
static inline void link_young(rc_heap *h, rc_gc_head *g)
{
    gc_list_append(g, &h->gc_gen[0]);
    h->gc_tracked++;
}

void rc__gc_link(rc_heap *h, rc_object *o)
{
    rc_gc_head *g = gc_head_of(o);
    if (!g->next)
        link_young(h, g);
}

void rc__gc_unlink(rc_heap *h, rc_object *o)
{
    rc_gc_head *g = gc_head_of(o);
    if (!g->next)
        return;
    if (rc_unlikely(gc_head_in_pass(g)))
        rc__gc_pass_forget(h, g);        /* in the incremental pass: on no list */
    else
        gc_list_remove(g);
    h->gc_tracked--;
}

bool rc__may_be_tracked(const rc_object *o)
{
    return may_be_tracked(o);
}

/* ---- creation ------------------------------------------------------------------- */

static bool type_is_valid(rc_heap *h, const rc_type *t)
{
    if (t && t == h->valid_type)
        return true;                     /* types are const: once valid, always */
    const char *why = NULL;
    if (!t || !t->name)
        why = "a type needs a name";
    else if (t->size < sizeof(rc_object))
        why = "type size is smaller than the object header";
    else if (type_is_gc(t) && !t->traverse)
        why = "a RC_TYPE_GC type needs traverse";
    else if (t->finalize && !type_is_gc(t))
        why = "finalize needs a RC_TYPE_GC type (the once-only flag lives in the GC header)";
    if (why) {
        rc__heap_set_error(h, RC_EINVAL, "type '%s': %s", t && t->name ? t->name : "?", why);
        return false;
    }
    h->valid_type = t;
    return true;
}

/* Zero a fresh block: n bytes rounded up to whole words, without a call
 * to memset when the block is small (zero_words_to). */
static inline void zero_block(char *mem, size_t n)
{
    if (n > RC_SMALL_MAX)
        memset(mem, 0, n);
    else
        zero_words_to((uint64_t *)(void *)mem, mem, n);
}

/* The memory of a new object of `total` bytes, GC head included: outside
 * the diagnostic mode a small object's block comes from its class's
 * inline fast path or the class's slow path (for a fixed-size object
 * without a GC head, an object class of exactly `total` bytes if there is
 * one: object_class_for); otherwise, and for large objects, rc_malloc's. */
static void *object_memory(rc_heap *h, size_t total, bool exact_ok)
{
    if (total <= RC_SMALL_MAX && !h->diag) {
        unsigned cls = exact_ok ? object_class_for(total) : size_class_of(total);
        void *w = heap_alloc_small_fast(h, cls);
        return rc_likely(w != NULL) ? w : rc__heap_alloc_small_slow(h, cls);
    }
    return rc_malloc(h, total);
}

rc_object *rc__object_alloc(rc_heap *h, const rc_type *t, size_t bytes)
{
    size_t head = type_is_gc(t) ? sizeof(rc_gc_head) : 0, total;
    if (__builtin_add_overflow(bytes, head, &total)) {
        rc__heap_set_error(h, RC_ENOMEM, "object of type '%s' too large", t->name);
        return NULL;
    }
    if (head)
        gc_count_alloc(h);           /* may collect, before this object exists */
    char *mem = object_memory(h, total, !head && bytes == t->size);
    if (!mem) {
        if (head)
            gc_count_free(h);        /* count only what was allocated */
        return NULL;
    }
    if (rc_unlikely(h->diag != NULL)) {
        rc__diag_note_object(h, mem, head);
        memset(mem, 0, total);           /* exactly: the guards start at total */
    } else {
        zero_block(mem, total);          /* whole words: the block is at least that */
    }
    rc_object *o = (rc_object *)(mem + head);
    o->refcnt = 1;
    o->type = t;
    h->objects_allocated++;
    return o;
}

/* rc_free's fast path, inline; the block's class is h->sized_class for an
 * object of h->sized_type (every one is a block of that class), which
 * spares the pool descriptor's load. */
RC_HOT_PATH void rc__object_free(rc_heap *h, rc_object *o)
{
    h->objects_freed++;
    void *block = o;
    if (object_is_gc(o)) {
        gc_count_free(h);
        block = gc_head_of(o);
    }
    uintptr_t off = (uintptr_t)block - h->region_base;
    if (rc_unlikely(off >= h->fast_region_size)) {
        rc_free(h, block);
        return;
    }
    unsigned cls = o->type == h->sized_type ? h->sized_class : h->pool_desc[off >> POOL_SHIFT].size_class;
    heap_free_small(h, block, off, cls);
}

rc_object *rc__object_alloc_bytes(rc_heap *h, const rc_type *t, size_t offset,
                                  const void *data, size_t n)
{
    size_t size;
    if (__builtin_add_overflow(n, offset + 1, &size)) {
        rc__heap_set_error(h, RC_ENOMEM, "a '%s' of %zu bytes is too long", t->name, n);
        return NULL;
    }
    char *o = (char *)rc__object_alloc(h, t, size);
    if (o && n)
        memcpy(o + offset, data, n);     /* the block is zeroed: the NUL is there */
    return (rc_object *)o;
}

rc_object *rc_new_var(rc_heap *h, const rc_type *t, rc_ssize n)
{
    if (!type_is_valid(h, t))
        return NULL;
    if (n == 0)
        return rc_new(h, t);
    size_t items;
    if (n < 0 || __builtin_mul_overflow((size_t)n, t->itemsize, &items) || items > ((size_t)1 << 60)) {
        rc__heap_set_error(h, n < 0 ? RC_EINVAL : RC_ENOMEM, "rc_new_var: bad item count %lld for '%s'",
                           (long long)n, t->name);
        return NULL;
    }
    rc_object *o = rc__object_alloc(h, t, t->size + items);
    if (o && type_is_gc(t))
        rc__gc_link(h, o);
    return o;
}

/* A plain leaf type: not RC_TYPE_GC, no destroy slot, no type cache (its
 * objects have nothing to run before their memory is freed), no items, and
 * small enough for one block: all its objects are blocks of one size class.
 * Types are const: once plain, always. */
static bool type_is_plain_leaf(const rc_type *t)
{
    return !type_is_gc(t) && !t->destroy && t != &rc_float_type && t->itemsize == 0 &&
           t->size <= RC_SMALL_MAX;
}

static void note_plain_type(rc_heap *h, const rc_type *t)
{
    h->plain_type = t;
    h->plain_class = object_class_for(t->size);
}

/* A sized type: validated, not a plain leaf, all its objects blocks of
 * one small class, GC head included (not a type with items, nor one the
 * library makes in several sizes: str, bytes, tuple).  rc_new of the last
 * one seen takes the inline path of new_sized, and rc__object_free knows
 * its objects' class.  Types are const: once sized, always. */
static void note_sized_type(rc_heap *h, const rc_type *t)
{
    size_t bytes = t->size + (type_is_gc(t) ? sizeof(rc_gc_head) : 0);
    if (bytes > RC_SMALL_MAX || t->itemsize || t == &rc_str_type || t == &rc_bytes_type ||
        t == &rc_tuple_type)
        return;
    h->sized_type = t;
    h->sized_class = type_is_gc(t) ? size_class_of(bytes) : object_class_for(bytes);
}

static __attribute__((noinline)) rc_object *new_object(rc_heap *h, const rc_type *t)
{
    if (!type_is_valid(h, t))
        return NULL;
    if (type_is_plain_leaf(t))
        note_plain_type(h, t);
    else
        note_sized_type(h, t);
    rc_object *o = rc__object_alloc(h, t, t->size);
    if (o && type_is_gc(t))
        rc__gc_link(h, o);
    return o;
}

/* rc_new of h->sized_type: the allocator's inline fast path, or NULL (the
 * general path then does everything).  The block is taken before the GC
 * count, which may collect: a block that is not yet an object is on no
 * list, and the collection cannot see it. */
static inline rc_object *new_sized(rc_heap *h, const rc_type *t)
{
    unsigned cls = h->sized_class;           /* read before a collection can change the cache */
    char *w = heap_alloc_small_fast(h, cls);
    if (rc_unlikely(w == NULL))
        return NULL;
    bool gc = type_is_gc(t);
    if (gc)
        gc_count_alloc(h);
    zero_small_block(w, class_block_size(cls));
    rc_object *o = (rc_object *)(w + (gc ? sizeof(rc_gc_head) : 0));
    o->refcnt = 1;
    o->type = t;
    h->objects_allocated++;
    if (gc)
        link_young(h, gc_head_of(o));
    return o;
}

RC_HOT_PATH rc_object *rc_new(rc_heap *h, const rc_type *t)
{
    if (rc_likely(t == h->plain_type)) {     /* validated before: the inline path */
        void *w = heap_alloc_small_fast(h, h->plain_class);
        if (rc_likely(w != NULL))
            return object_init_leaf(h, t, w, t->size);
    } else if (rc_likely(t == h->sized_type)) {
        rc_object *o = new_sized(h, t);
        if (rc_likely(o != NULL))
            return o;
    }
    return new_object(h, t);
}

/* ---- counts ------------------------------------------------------------------------ */

rc_ssize rc_refcount(const void *o)
{
    const rc_object *ob = o;
    return ob->refcnt < 0 ? RC_IMMORTAL_REFCOUNT : ob->refcnt;
}

void rc_make_immortal(void *o)
{
    rc_object *ob = o;
    if (ob->refcnt >= 0)
        ob->refcnt = IMMORTAL_HEAP;
}

int rc_is_immortal(const void *o)
{
    return ((const rc_object *)o)->refcnt < 0;
}

/* ---- object caches ---------------------------------------------------------------- */

/* The free lists of floats and tuples back to the allocator (rc_heap_trim). */
void rc__object_caches_clear(rc_heap *h)
{
    while (h->float_cache.first)
        rc_free(h, object_cache_unlink(&h->float_cache));
    for (int n = 1; n <= TUPLE_CACHE_MAX_LEN; n++)
        while (h->tuple_cache[n].first)
            rc_free(h, gc_head_of(object_cache_unlink(&h->tuple_cache[n])));
}

/* ---- destruction ------------------------------------------------------------------- */

bool rc__finalize_once(rc_object *o)
{
    rc_gc_head *g = gc_head_of(o);
    if (!o->type->finalize || (g->prev_flags & GC_FINALIZED))
        return false;
    g->prev_flags |= GC_FINALIZED;
    o->type->finalize(o);
    return true;
}

/* Step 1.  Returns true if the object was resurrected and must live on. */
static bool run_finalizer(rc_object *o)
{
    o->refcnt = 1;                /* alive for the call */
    if (!rc__finalize_once(o)) {
        o->refcnt = 0;
        return false;
    }
    return --o->refcnt != 0;      /* still referenced (or made immortal): resurrected */
}

static bool cache_put(rc_heap *h, rc_object *o)
{
    if (o->type == &rc_float_type)
        return rc__float_cache_put(h, o);
    if (o->type == &rc_tuple_type)
        return rc__tuple_cache_put(h, o);
    return false;
}

static RC_HOT_PATH void dealloc_one(rc_heap *h, rc_object *o)
{
    const rc_type *t = o->type;
    if (type_is_gc(t)) {
        rc_gc_head *g = gc_head_of(o);
        g->prev_flags &= ~GC_DYING;
        if (run_finalizer(o))
            return;
        rc__gc_unlink(h, o);
        if (g->prev_flags & GC_WEAKREFS)
            rc__weakref_clear_all(h, o);
    }
    if (t->destroy)
        t->destroy(o);
    if (!cache_put(h, o))
        rc__object_free(h, o);
}

/* The objects one destroy released were pushed on dealloc_pending (a
 * stack) in the order their counts reached zero, so they sit above `below`
 * in reverse.  Reversing that run makes the drain visit them in release
 * order, each one's own children before its later siblings: the
 * depth-first order in which CPython's recursive deallocation frees them
 * (and runs their finalizers). */
static void queue_in_release_order(rc_heap *h, rc_object *below)
{
    rc_object *reversed = below;
    rc_object *p = h->dealloc_pending;
    while (p != below) {
        rc_object *next = (rc_object *)(uintptr_t)p->refcnt;
        p->refcnt = (rc_ssize)(uintptr_t)reversed;
        reversed = p;
        p = next;
    }
    h->dealloc_pending = reversed;
}

/* An object of heap h that is not a cached plain leaf: free a plain leaf
 * at once (and remember its type); below DEALLOC_MAX_DEPTH nested
 * destructions, destroy it now (recursion, as CPython's); at the limit,
 * queue it for the destruction at the limit to drain. */
static __attribute__((noinline)) RC_HOT_PATH void dealloc_in_heap(rc_heap *h, rc_object *o)
{
    if (type_is_plain_leaf(o->type)) {
        /* Nothing runs for it and it holds nothing: freed at once, even
         * while another destruction drains the queue (a list's ints). */
        note_plain_type(h, o->type);
        rc__object_free(h, o);
        return;
    }
    if (h->dealloc_depth >= DEALLOC_MAX_DEPTH) {
        if (object_is_gc(o))
            gc_head_of(o)->prev_flags |= GC_DYING;
        o->refcnt = (rc_ssize)(uintptr_t)h->dealloc_pending;
        h->dealloc_pending = o;
        return;
    }
    rc_object *below = h->dealloc_pending;
    h->dealloc_depth++;
    dealloc_one(h, o);
    queue_in_release_order(h, below);
    while (h->dealloc_pending != below) {
        rc_object *next = h->dealloc_pending;
        rc_object *rest = (rc_object *)(uintptr_t)next->refcnt;
        h->dealloc_pending = rest;
        next->refcnt = 0;
        dealloc_one(h, next);
        queue_in_release_order(h, rest);
    }
    if (--h->dealloc_depth == 0)
        heap_release_after_bulk_free(h);
}

/* Outside the fast region (a large object, a static immortal, a heap
 * with checked frees): find the heap the long way. */
static __attribute__((noinline)) void dealloc_slow(rc_object *o)
{
    rc_heap *h = rc_heap_of(o);
    if (h)                         /* static objects are immortal */
        dealloc_in_heap(h, o);
}

/* Plain leaves of the cached type (the common case) go straight back to
 * the allocator: the heap from the region map, one type comparison, the
 * block's class from the cache, the free inline. */
RC_HOT_PATH void rc_dealloc(rc_object *o)
{
    uintptr_t a = (uintptr_t)o;
    rc_heap *h = rc__region_map_slot(a);
    if (rc_likely(h && a - h->region_base < h->fast_region_size)) {
        if (rc_likely(o->type == h->plain_type)) {
            h->objects_freed++;
            heap_free_small(h, o, a - h->region_base, h->plain_class);
            return;
        }
        if (o->type == &rc_float_type && h->float_cache.len < FLOAT_CACHE_MAX) {
            object_cache_put(h, &h->float_cache, o);     /* a float back to its free list */
            return;
        }
        dealloc_in_heap(h, o);
        return;
    }
    dealloc_slow(o);
}
