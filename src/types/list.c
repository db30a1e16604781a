/*
 * list.c — growable arrays of object references (CPython's list).
 *
 * Layout: {rc_object, len, cap, items} behind a GC head; the items live in a
 * separate block of the list's heap, so a list keeps its address while it
 * grows.
 *
 *   0 <= len <= cap                  items == NULL  <=>  cap == 0
 *   items[0..len) are owned, non-NULL references; items[len..cap) are junk
 *
 * Growth.  The capacity follows CPython's list_resize (3.9+): to hold n
 * items, allocate (n + n/8 + 6) rounded down to a multiple of 4.  That is
 * about 1.125x plus a constant, so appends are amortized O(1) (a growth
 * copies about 9 items per item appended since the previous one) while the
 * slack stays small: capacities run 0, 4, 8, 16, 24, 32, 40, 52, 64, 76, ...
 * The array shrinks the same way when a pop leaves it less than half full;
 * the last pop frees it.  A shrink that the allocator refuses just keeps the
 * larger array, so pop never fails for memory.  Growth happens before
 * anything else changes: if it fails, the list is exactly as before.
 *
 * Indexes.  get, set and pop take 0..len-1 or -len..-1 (from the end); insert
 * takes 0..len or -len..-1 (before the item it names); anything else is
 * RC_ERANGE.  CPython's insert clamps instead; here a bad index is an error,
 * like every other out-of-range index.
 *
 * Reference rules: setters take their own reference, get returns a borrowed
 * one, pop hands over the list's reference.  Every change to the array is
 * complete before a reference is dropped, because dropping one can run a
 * destructor that looks at (or changes) this very list.
 *
 * Lists are tracked by the collector from birth, as in CPython.
 */
#define RC_BUILDING_LIBRARY 1
#include "../internal.h"

#include <assert.h>
#include <string.h>

typedef rc_list_object rc_list;     /* the layout reclaim.h publishes; items is an
                                      * rc_malloc'd block of the list's heap */

/* Most items a list may hold: the byte size of the array fits in rc_ssize. */
#define LIST_MAX_LEN ((rc_ssize)(INTPTR_MAX / (rc_ssize)sizeof(rc_object *)))

static int list_traverse(rc_object *self, rc_visit visit, void *arg);
static void list_clear(rc_object *self);
static void list_destroy(rc_object *self);

const rc_type rc_list_type = {
    .name = "list",
    .size = sizeof(rc_list),
    .flags = RC_TYPE_GC,
    .traverse = list_traverse,
    .clear = list_clear,
    .destroy = list_destroy,
};

#ifndef NDEBUG
static bool list_is_valid(const rc_list *l)
{
    return l->len >= 0 && l->len <= l->cap && (l->cap == 0) == (l->items == NULL);
}
#endif

/* The invariants are asserted where the collector visits a list
 * (list_traverse), not on every access: as_list is on the append path. */
static inline rc_list *as_list(const rc_object *o)
{
    if (rc_unlikely(!o || o->type != &rc_list_type)) {
        rc__type_error(o, "list");
        return NULL;
    }
    return (rc_list *)o;
}

static rc_heap *list_heap(const rc_list *l)
{
    return rc_heap_of(&l->ob);
}

/* ---- the array ------------------------------------------------------------------ */

/* CPython's over-allocation for n items (its jump case, a resize by more
 * than the slack, cannot happen: lists here grow one item at a time). */
static rc_ssize capacity_for(rc_ssize n)
{
    if (n == 0)
        return 0;
    size_t want = ((size_t)n + ((size_t)n >> 3) + 6) & ~(size_t)3;
    return want > (size_t)LIST_MAX_LEN ? n : (rc_ssize)want;
}

/* Make room for n items (n > cap), cap of them if cap is not 0, else
 * with CPython's over-allocation.  On failure the list is untouched. */
static int list_grow_to(rc_list *l, rc_ssize n, rc_ssize cap)
{
    rc_heap *h = list_heap(l);
    if (n > LIST_MAX_LEN) {
        rc__heap_set_error(h, RC_ENOMEM, "list of %lld items is too long", (long long)n);
        return -1;
    }
    if (cap == 0)
        cap = capacity_for(n);
    rc_object **items = rc_realloc(h, l->items, (size_t)cap * sizeof *items);
    if (!items)
        return -1;
    l->items = items;
    l->cap = cap;
    return 0;
}

static int list_grow(rc_list *l, rc_ssize n)
{
    return list_grow_to(l, n, 0);
}

int rc_list_reserve(rc_object *o, rc_ssize n)
{
    rc_list *l = as_list(o);
    if (!l)
        return -1;
    return n <= l->cap ? 0 : list_grow_to(l, n, n);
}

/* After a removal: give back the slack when the array is less than half
 * full.  Best effort: a refused shrink leaves the array (and the heap's
 * error) as they were. */
static void list_shrink(rc_list *l)
{
    rc_ssize cap = capacity_for(l->len);
    if (l->len >= (l->cap >> 1) || cap >= l->cap)
        return;
    rc_heap *h = list_heap(l);
    if (cap == 0) {
        rc_free(h, l->items);
        l->items = NULL;
        l->cap = 0;
        return;
    }
    int err = h->err;
    char msg[sizeof h->errmsg];
    memcpy(msg, h->errmsg, sizeof msg);
    rc_object **items = rc_realloc(h, l->items, (size_t)cap * sizeof *items);
    if (items) {
        l->items = items;
        l->cap = cap;
    } else {
        h->err = err;
        memcpy(h->errmsg, msg, sizeof msg);
    }
}

/* ---- indexes -------------------------------------------------------------------- */

/* Resolve i (negative: from the end) against 0..limit-1; -1 with RC_ERANGE. */
static rc_ssize resolve_index(const rc_list *l, rc_ssize i, rc_ssize limit, const char *op)
{
    rc_ssize j = i < 0 ? i + l->len : i;
    if (j >= 0 && j < limit)
        return j;
    rc__heap_set_error(list_heap(l), RC_ERANGE, "%s: list index %lld out of range (length %lld)",
                       op, (long long)i, (long long)l->len);
    return -1;
}

static __attribute__((noinline)) bool null_item(const rc_list *l, const char *op)
{
    rc__heap_set_error(list_heap(l), RC_EINVAL, "%s: a list item cannot be NULL", op);
    return false;
}

static inline bool item_ok(const rc_list *l, const rc_object *item, const char *op)
{
    return rc_likely(item != NULL) || null_item(l, op);
}

/* ---- the API ------------------------------------------------------------------------ */

rc_object *rc_list_new(rc_heap *h)
{
    return rc_new(h, &rc_list_type);     /* zero-filled: empty, no array; tracked */
}

rc_ssize rc_list_len(const rc_object *o)
{
    rc_list *l = as_list(o);
    return l ? l->len : -1;
}

rc_ssize rc_list_capacity(const rc_object *o)
{
    rc_list *l = as_list(o);
    return l ? l->cap : -1;
}

rc_object *rc_list_get(const rc_object *o, rc_ssize i)
{
    rc_list *l = as_list(o);
    if (!l || (i = resolve_index(l, i, l->len, "rc_list_get")) < 0)
        return NULL;
    return l->items[i];
}

int rc_list_set(rc_object *o, rc_ssize i, rc_object *item)
{
    rc_list *l = as_list(o);
    if (!l || !item_ok(l, item, "rc_list_set") || (i = resolve_index(l, i, l->len, "rc_list_set")) < 0)
        return -1;
    rc_incref(item);
    RC_SETREF(l->items[i], item);
    return 0;
}

int rc_list_insert(rc_object *o, rc_ssize i, rc_object *item)
{
    rc_list *l = as_list(o);
    if (!l || !item_ok(l, item, "rc_list_insert"))
        return -1;
    if (i != l->len && (i = resolve_index(l, i, l->len, "rc_list_insert")) < 0)
        return -1;
    if (l->len == l->cap && list_grow(l, l->len + 1) != 0)
        return -1;
    memmove(&l->items[i + 1], &l->items[i], (size_t)(l->len - i) * sizeof *l->items);
    rc_incref(item);
    l->items[i] = item;
    l->len++;
    return 0;
}

int rc_list_append(rc_object *o, rc_object *item)
{
    rc_list *l = as_list(o);
    if (!l || !item_ok(l, item, "rc_list_append"))
        return -1;
    if (rc_unlikely(l->len == l->cap) && list_grow(l, l->len + 1) != 0)
        return -1;
    rc_incref(item);
    l->items[l->len++] = item;
    return 0;
}

rc_object *rc_list_pop(rc_object *o, rc_ssize i)
{
    rc_list *l = as_list(o);
    if (!l || (i = resolve_index(l, i, l->len, "rc_list_pop")) < 0)
        return NULL;
    rc_object *item = l->items[i];
    memmove(&l->items[i], &l->items[i + 1], (size_t)(l->len - i - 1) * sizeof *l->items);
    l->len--;
    list_shrink(l);
    return item;                          /* the list's reference, handed over */
}

/* ---- the type's slots -------------------------------------------------------------- */

static int list_traverse(rc_object *self, rc_visit visit, void *arg)
{
    rc_list *l = (rc_list *)self;
    assert(list_is_valid(l));
    for (rc_ssize i = 0; i < l->len; i++) {
        int r = visit(l->items[i], arg);
        if (r)
            return r;
    }
    return 0;
}

/* Empty the list first, then drop the old items: a destructor that runs
 * meanwhile sees a valid (empty) list, and may even append to it. */
static void list_clear(rc_object *self)
{
    rc_list *l = (rc_list *)self;
    rc_heap *h = list_heap(l);
    rc_object **items = l->items;
    rc_ssize n = l->len;
    l->items = NULL;
    l->len = l->cap = 0;
    while (n-- > 0)
        rc_decref(items[n]);
    rc_free(h, items);
}

static void list_destroy(rc_object *self)
{
    rc_list *l = (rc_list *)self;
    while (l->items)             /* again if a destructor stored something */
        list_clear(self);
}
