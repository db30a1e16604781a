/*
 * weakref.c — weak references, with no cost to objects that have none.
 *
 * Only objects of RC_TYPE_GC types can be weakly referenced (CPython refuses
 * weak references to ints and strs too).  Such an object has one flag bit,
 * GC_WEAKREFS in its GC head, and an entry in the heap's weak table: an open
 * addressing hash table from the object's address to the first of its weak
 * references.  The references of one target form a doubly linked list.
 *
 * Invariants:
 *   target has GC_WEAKREFS  <=>  the table has an entry for target
 *   wr->target != NULL      <=>  wr is on its target's list (first = table entry)
 *   a cleared reference (target NULL) may still sit on a detached list while
 *   rc__weakref_clear_all runs callbacks; its destroy unlinks it from that.
 *
 * When the target dies (object.c, after finalize, before destroy), every
 * reference is cleared first, and only then are the callbacks called, newest
 * reference first (as CPython), each with its weak reference held alive for
 * the call.
 */
#define RC_BUILDING_LIBRARY 1
#include "internal.h"

#include <string.h>

typedef struct rc_weakref {
    rc_object ob;
    rc_object *target;             /* borrowed; NULL once cleared */
    rc_weak_callback callback;
    rc_object *data;               /* owned */
    struct rc_weakref *next;       /* list: the target's weak references */
    struct rc_weakref *prev;
    int64_t hash;                  /* the target's hash once asked; -1 before */
} rc_weakref;

/* ---- the weak table ------------------------------------------------------------- */

#define TOMB ((rc_object *)(uintptr_t)1)

static size_t slot_hash(const rc_object *o, size_t cap)
{
    uint64_t x = (uint64_t)(uintptr_t)o >> 4;
    x *= 0x9E3779B97F4A7C15ull;
    return (size_t)(x >> 20) & (cap - 1);
}

static weak_slot *table_find(const weak_table *t, const rc_object *target)
{
    if (!t->cap)
        return NULL;
    for (size_t i = slot_hash(target, t->cap);; i = (i + 1) & (t->cap - 1)) {
        weak_slot *s = &t->slots[i];
        if (s->target == target)
            return s;
        if (!s->target)
            return NULL;
    }
}

static int table_grow(rc_heap *h, weak_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    if (t->used * 2 + 2 <= t->cap)            /* mostly tombstones: rehash in place size */
        cap = t->cap;
    weak_slot *slots = rc_calloc(h, cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        rc_object *o = t->slots[i].target;
        if (!o || o == TOMB)
            continue;
        size_t j = slot_hash(o, cap);
        while (slots[j].target)
            j = (j + 1) & (cap - 1);
        slots[j] = t->slots[i];
    }
    rc_free(h, t->slots);
    t->slots = slots;
    t->cap = cap;
    t->tombs = 0;
    return 0;
}

static weak_slot *table_insert(rc_heap *h, weak_table *t, rc_object *target)
{
    if ((t->used + t->tombs + 1) * 4 > t->cap * 3 && table_grow(h, t) != 0)
        return NULL;
    size_t i = slot_hash(target, t->cap);
    while (t->slots[i].target && t->slots[i].target != TOMB)
        i = (i + 1) & (t->cap - 1);
    if (t->slots[i].target == TOMB)
        t->tombs--;
    t->slots[i].target = target;
    t->slots[i].first = NULL;
    t->used++;
    return &t->slots[i];
}

/* The table is released when its last target goes: a heap whose weak
 * references are all gone holds no memory for them. */
static void table_remove(rc_heap *h, weak_table *t, weak_slot *s)
{
    s->target = TOMB;
    s->first = NULL;
    t->used--;
    t->tombs++;
    if (t->used == 0) {
        rc_free(h, t->slots);
        t->slots = NULL;
        t->cap = t->tombs = 0;
    }
}

/* ---- the weakref type ------------------------------------------------------------ */

static void weakref_unlink(rc_weakref *wr)
{
    rc_heap *h = rc_heap_of(&wr->ob);
    if (wr->prev) {
        wr->prev->next = wr->next;
    } else if (wr->target) {
        weak_slot *s = table_find(&h->weak, wr->target);
        s->first = (rc_object *)wr->next;
        if (!wr->next) {
            table_remove(h, &h->weak, s);
            gc_head_of(wr->target)->prev_flags &= ~GC_WEAKREFS;
        }
    }
    if (wr->next)
        wr->next->prev = wr->prev;
    wr->next = wr->prev = NULL;
    wr->target = NULL;
}

static int weakref_traverse(rc_object *self, rc_visit visit, void *arg)
{
    rc_weakref *wr = (rc_weakref *)self;
    return wr->data ? visit(wr->data, arg) : 0;
}

static void weakref_clear(rc_object *self)
{
    rc_weakref *wr = (rc_weakref *)self;
    RC_CLEAR(wr->data);
}

static void weakref_destroy(rc_object *self)
{
    rc_weakref *wr = (rc_weakref *)self;
    weakref_unlink(wr);
    RC_CLEAR(wr->data);
}

/* As dict keys: a reference hashes as its target, and keeps that hash once
 * asked; two live references are equal when their targets are, a dead one
 * only equals itself (CPython's weakref semantics). */
static int64_t weakref_hash(rc_object *self)
{
    rc_weakref *wr = (rc_weakref *)self;
    if (wr->hash != -1)
        return wr->hash;
    rc_object *t = rc_weakref_get(self);
    if (!t) {
        rc__heap_set_error(rc_heap_of(self), RC_ETYPE, "weak object has gone away");
        return -1;
    }
    int64_t h = rc_hash(t);
    rc_decref(t);
    wr->hash = h;
    return h;
}

static int weakref_eq(rc_object *self, rc_object *other)
{
    if (other->type != &rc_weakref_type)
        return 0;
    rc_object *a = rc_weakref_get(self), *b = rc_weakref_get(other);
    int r = a && b ? rc_equal(a, b) : self == other;
    rc_xdecref(a);
    rc_xdecref(b);
    return r;
}

const rc_type rc_weakref_type = {
    .name = "weakref",
    .size = sizeof(rc_weakref),
    .flags = RC_TYPE_GC,
    .traverse = weakref_traverse,
    .clear = weakref_clear,
    .destroy = weakref_destroy,
    .hash = weakref_hash,
    .eq = weakref_eq,
};

/* ---- the API ---------------------------------------------------------------------- */

rc_object *rc_weakref_new(rc_heap *h, rc_object *target, rc_weak_callback cb, rc_object *data)
{
    if (!target || !object_is_gc(target)) {
        rc__heap_set_error(h, RC_ETYPE, "cannot create weak reference to '%s' object",
                           target ? target->type->name : "NULL");
        return NULL;
    }
    if (rc_heap_of(target) != h) {
        rc__heap_set_error(h, RC_EINVAL, "weak reference target belongs to another heap");
        return NULL;
    }
    rc_gc_head *g = gc_head_of(target);
    if (target->refcnt == 0 || (g->prev_flags & GC_DYING)) {
        rc__heap_set_error(h, RC_EINVAL, "weak reference to an object being destroyed");
        return NULL;
    }
    /* Allocate first: rc_new may run a collection whose callbacks change the
     * table, so no slot pointer is held across it. */
    rc_weakref *wr = (rc_weakref *)rc_new(h, &rc_weakref_type);
    if (!wr)
        return NULL;
    weak_slot *s = table_find(&h->weak, target);
    if (!s && !(s = table_insert(h, &h->weak, target))) {
        rc_decref(wr);                 /* not linked yet: its destroy touches nothing */
        return NULL;
    }
    wr->target = target;
    wr->callback = cb;
    wr->hash = -1;
    rc_xincref(data);
    wr->data = data;
    wr->next = (rc_weakref *)s->first;
    if (wr->next)
        wr->next->prev = wr;
    s->first = &wr->ob;
    g->prev_flags |= GC_WEAKREFS;
    return &wr->ob;
}

rc_object *rc_weakref_get(rc_object *weakref)
{
    if (!weakref || weakref->type != &rc_weakref_type)
        return NULL;
    rc_object *t = ((rc_weakref *)weakref)->target;
    if (!t || t->refcnt == 0 || (gc_head_of(t)->prev_flags & GC_DYING))
        return NULL;
    rc_incref(t);
    return t;
}

rc_ssize rc_weakref_count(const rc_object *target)
{
    if (!target || !object_is_gc(target) || !(gc_head_of(target)->prev_flags & GC_WEAKREFS))
        return 0;
    weak_slot *s = table_find(&rc_heap_of(target)->weak, target);
    rc_ssize n = 0;
    for (rc_weakref *wr = s ? (rc_weakref *)s->first : NULL; wr; wr = wr->next)
        n++;
    return n;
}

static bool weakref_is_dying(const rc_weakref *wr)
{
    return wr->ob.refcnt == 0 || (gc_head_of(&wr->ob)->prev_flags & GC_DYING);
}

int64_t rc_weakref_hash_get(const rc_object *weakref)
{
    return weakref && weakref->type == &rc_weakref_type ? ((const rc_weakref *)weakref)->hash : -1;
}

void rc_weakref_hash_set(rc_object *weakref, int64_t hash)
{
    if (weakref && weakref->type == &rc_weakref_type)
        ((rc_weakref *)weakref)->hash = hash;
}

rc_object *rc_weakref_at(const rc_object *target, rc_ssize i)
{
    if (!target || !object_is_gc(target) || !(gc_head_of(target)->prev_flags & GC_WEAKREFS))
        return NULL;
    weak_slot *s = table_find(&rc_heap_of(target)->weak, target);
    for (rc_weakref *wr = s ? (rc_weakref *)s->first : NULL; wr; wr = wr->next)
        if (i-- == 0) {
            if (weakref_is_dying(wr))
                return NULL;
            rc_incref(wr);
            return &wr->ob;
        }
    return NULL;
}

rc_object *rc_weakref_find_plain(const rc_object *target)
{
    if (!target || !object_is_gc(target) || !(gc_head_of(target)->prev_flags & GC_WEAKREFS))
        return NULL;
    weak_slot *s = table_find(&rc_heap_of(target)->weak, target);
    for (rc_weakref *wr = s ? (rc_weakref *)s->first : NULL; wr; wr = wr->next)
        if (!wr->callback && !wr->data && !weakref_is_dying(wr)) {
            rc_incref(wr);
            return &wr->ob;
        }
    return NULL;
}

void rc__weakref_detach(rc_heap *h, rc_object *target, rc_object **chain)
{
    weak_slot *s = table_find(&h->weak, target);
    gc_head_of(target)->prev_flags &= ~GC_WEAKREFS;
    if (!s)
        return;
    rc_weakref *wr = (rc_weakref *)s->first;
    table_remove(h, &h->weak, s);
    /* All cleared at once, before any callback runs.  The live ones join the
     * chain in list order (newest first, so callbacks run newest first as in
     * CPython), each held alive; one already waiting to be destroyed is only
     * cut loose (no callback: CPython skips weakrefs whose count is 0). */
    rc_weakref *head = NULL, *tail = NULL;
    while (wr) {
        rc_weakref *next = wr->next;
        wr->target = NULL;
        wr->next = wr->prev = NULL;
        if (!weakref_is_dying(wr)) {
            rc_incref(wr);
            wr->prev = tail;
            if (tail)
                tail->next = wr;
            else
                head = wr;
            tail = wr;
        }
        wr = next;
    }
    if (!head)
        return;
    tail->next = (rc_weakref *)*chain;
    if (tail->next)
        tail->next->prev = tail;
    *chain = &head->ob;
}

void rc__weakref_run_chain(rc_object *chain, bool (*call)(rc_object *wr))
{
    for (rc_weakref *wr = (rc_weakref *)chain; wr; wr = wr->next)
        if (wr->callback && (!call || call(&wr->ob)))
            wr->callback(&wr->ob, wr->data);
    for (rc_weakref *wr = (rc_weakref *)chain, *next; wr; wr = next) {
        next = wr->next;
        rc_decref(wr);
    }
}

void rc__weakref_clear_all(rc_heap *h, rc_object *target)
{
    rc_object *chain = NULL;
    rc__weakref_detach(h, target, &chain);
    rc__weakref_run_chain(chain, NULL);
}
