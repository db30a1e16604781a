/*
 * tuple.c — fixed-length tuples, with free lists by length and an immortal
 * empty tuple.
 *
 * Layout: {rc_object, len, items[len]} behind a GC head.  Items start NULL.
 *
 * Tracking.  A tuple is born untracked and tracks itself when an item that
 * may be tracked is stored (rc__may_be_tracked: any GC object but an
 * untracked tuple).  So a tuple of ints, strings or None is never visited by
 * the collector, the effect CPython gets by untracking such tuples during a
 * collection.  rc_tuple_set may be called at any time, so the rule holds for
 * tuples filled after creation too.
 *
 * Free lists.  A dead tuple of length 1..TUPLE_CACHE_MAX_LEN waits on
 * h->tuple_cache[len] (at most TUPLE_CACHE_DEPTH of them, linked through the
 * refcnt field, items already NULL) for the next rc_tuple_new of that length.
 * rc_heap_trim empties the lists.  Cached tuples are not in objects_live.
 */
#define RC_BUILDING_LIBRARY 1
#include "../internal.h"

#include <stddef.h>
#include <string.h>

#define TUPLE_CACHE_DEPTH 2000

typedef rc_tuple_object rc_tuple;   /* the layout reclaim.h publishes */

static int tuple_traverse(rc_object *self, rc_visit visit, void *arg);
static void tuple_clear(rc_object *self);
static int64_t tuple_hash(rc_object *self);
static int tuple_eq(rc_object *self, rc_object *other);

const rc_type rc_tuple_type = {
    .name = "tuple",
    .size = offsetof(rc_tuple, items),
    .itemsize = sizeof(rc_object *),
    .flags = RC_TYPE_GC,
    .traverse = tuple_traverse,
    .clear = tuple_clear,
    .destroy = tuple_clear,
    .hash = tuple_hash,
    .eq = tuple_eq,
};

static struct {
    rc_gc_head gc;
    rc_tuple tuple;
} empty_tuple = {{NULL, 0}, {{IMMORTAL_STATIC, &rc_tuple_type}, 0}};

static rc_tuple *as_tuple(const rc_object *o)
{
    if (!o || o->type != &rc_tuple_type) {
        rc__type_error(o, "tuple");
        return NULL;
    }
    return (rc_tuple *)o;
}

static rc_object *tuple_from_cache(rc_heap *h, rc_ssize n)
{
    rc_object *o = object_cache_take(h, &h->tuple_cache[n]);
    rc_gc_head *g = gc_head_of(o);
    g->next = NULL;
    g->prev_flags = 0;
    return o;
}

rc_object *rc_tuple_new(rc_heap *h, rc_ssize n)
{
    if (n < 0) {
        rc__heap_set_error(h, RC_EINVAL, "rc_tuple_new: negative length %lld", (long long)n);
        return NULL;
    }
    if (n == 0)
        return &empty_tuple.tuple.ob;
    if (n <= TUPLE_CACHE_MAX_LEN && h->tuple_cache[n].first)
        return tuple_from_cache(h, n);
    size_t bytes;
    if (__builtin_mul_overflow((size_t)n, sizeof(rc_object *), &bytes) ||
        bytes > ((size_t)1 << 60) || __builtin_add_overflow(bytes, rc_tuple_type.size, &bytes)) {
        rc__heap_set_error(h, RC_ENOMEM, "rc_tuple_new: %lld items is too many", (long long)n);
        return NULL;
    }
    rc_tuple *t = (rc_tuple *)rc__object_alloc(h, &rc_tuple_type, bytes);
    if (!t)
        return NULL;
    t->len = n;
    return &t->ob;          /* untracked until it holds something trackable */
}

bool rc__tuple_cache_put(rc_heap *h, rc_object *o)
{
    rc_ssize n = ((rc_tuple *)o)->len;
    if (n <= 0 || n > TUPLE_CACHE_MAX_LEN || h->tuple_cache[n].len >= TUPLE_CACHE_DEPTH)
        return false;
    object_cache_put(h, &h->tuple_cache[n], o);
    return true;
}

static bool index_ok(const rc_tuple *t, rc_ssize i)
{
    if (i >= 0 && i < t->len)
        return true;
    rc_heap *h = rc_heap_of(&t->ob);
    if (h)
        rc__heap_set_error(h, RC_ERANGE, "tuple index %lld out of range (length %lld)",
                           (long long)i, (long long)t->len);
    return false;
}

rc_object *rc_tuple_get(const rc_object *o, rc_ssize i)
{
    rc_tuple *t = as_tuple(o);
    return t && index_ok(t, i) ? t->items[i] : NULL;
}

int rc_tuple_set(rc_object *o, rc_ssize i, rc_object *item)
{
    rc_tuple *t = as_tuple(o);
    if (!t || !index_ok(t, i))
        return -1;
    if (o->refcnt != 1) {
        /* Containers judged it atomic while it was shared: it must not change. */
        rc__heap_set_error(rc_heap_of(o), RC_EINVAL,
                           "rc_tuple_set: the tuple is shared (refcount %lld); fill it before sharing it",
                           (long long)rc_refcount(o));
        return -1;
    }
    rc_xincref(item);
    RC_SETREF(t->items[i], item);
    if (item && rc__may_be_tracked(item) && !rc__gc_is_linked(o))
        rc__gc_link(rc_heap_of(o), o);
    return 0;
}

rc_object *rc_tuple_pack(rc_heap *h, rc_object *const *items, rc_ssize n, unsigned flags)
{
    rc_object *o = rc_tuple_new(h, n);
    rc_tuple *t = (rc_tuple *)o;
    bool track = (flags & RC_PACK_TRACK) != 0;
    for (rc_ssize i = 0; i < n; i++) {
        if (!o) {
            if (flags & RC_PACK_STEAL)
                rc_decref(items[i]);
            continue;
        }
        if (!(flags & RC_PACK_STEAL))
            rc_incref(items[i]);
        t->items[i] = items[i];
        track = track || may_be_tracked(items[i]);
    }
    if (o && n > 0 && track)
        rc__gc_link(h, o);
    return o;
}

rc_ssize rc_tuple_len(const rc_object *o)
{
    rc_tuple *t = as_tuple(o);
    return t ? t->len : -1;
}

static int tuple_traverse(rc_object *self, rc_visit visit, void *arg)
{
    rc_tuple *t = (rc_tuple *)self;
    for (rc_ssize i = 0; i < t->len; i++) {
        int r = t->items[i] ? visit(t->items[i], arg) : 0;
        if (r)
            return r;
    }
    return 0;
}

/* Last item first, as CPython's tupledealloc (the order finalizers see). */
static void tuple_clear(rc_object *self)
{
    rc_tuple *t = (rc_tuple *)self;
    for (rc_ssize i = t->len; i-- > 0;)
        RC_CLEAR(t->items[i]);
}

/* Combine item hashes (an xxHash-style round per item, as CPython 3.8+). */
static int64_t tuple_hash(rc_object *self)
{
    rc_tuple *t = (rc_tuple *)self;
    uint64_t acc = 0x27D4EB2F165667C5ull;
    for (rc_ssize i = 0; i < t->len; i++) {
        int64_t ih = t->items[i] ? rc_hash(t->items[i]) : 0;
        if (ih == -1)
            return -1;
        acc += (uint64_t)ih * 0xC2B2AE3D27D4EB4Full;
        acc = (acc << 31) | (acc >> 33);
        acc *= 0x9E3779B185EBCA87ull;
    }
    acc += (uint64_t)t->len ^ 0x27D4EB2F165667C5ull;
    return rc__hash_int64((int64_t)(acc >> 1));
}

static int tuple_eq(rc_object *self, rc_object *other)
{
    if (other->type != &rc_tuple_type)
        return 0;
    rc_tuple *a = (rc_tuple *)self, *b = (rc_tuple *)other;
    if (a->len != b->len)
        return 0;
    for (rc_ssize i = 0; i < a->len; i++) {
        if (!a->items[i] || !b->items[i]) {
            if (a->items[i] != b->items[i])
                return 0;
            continue;
        }
        int r = rc_equal(a->items[i], b->items[i]);
        if (r != 1)
            return r;
    }
    return 1;
}
