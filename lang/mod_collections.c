/*
 * lang/mod_collections.c — the `_collections` module: the native deque,
 * with CPython 3.11's behaviour and error messages, and _count_elements.
 * lib/collections.py re-exports deque beside the classes written in Python.
 *
 * Layout: a ring buffer.  items[0..cap) is rc_malloc'd in the deque's heap;
 * the deque's element i lives at items[(head + i) % cap] for 0 <= i < len,
 * and every other slot is garbage.  cap is 0 (items NULL) or a power of
 * two, doubled when full; it is never shrunk except by clear().
 *
 * Invariants:
 *   - the deque owns one reference to each of its len elements;
 *   - maxlen is -1 (unbounded) or >= 0, and len <= maxlen when bounded: a
 *     push onto a full bounded deque first drops the element at the other
 *     end;
 *   - state changes on every mutation; an iterator remembers the state it
 *     started from and raises RuntimeError when it differs;
 *   - elements leave the ring before their reference is dropped, so a
 *     finalizer that runs during the drop sees a consistent deque.
 * The deque and its iterators are RC_TYPE_GC: a deque containing itself
 * (directly or through an iterator) is collected.
 *
 * _count_elements(mapping, iterable) counts an iterable's elements into a
 * mapping, the loop of Counter.update, as CPython's module of the same name
 * does.
 *
 * The types are registered at the module's first import.
 */
#include "methods_util.h"
#include "mod_util.h"

#include <stdio.h>
#include <string.h>

/* ---- the ring buffer ---------------------------------------------------------------------- */

typedef struct cl_deque {
    rc_object ob;
    rc_object **items;
    rc_ssize head, len, cap;
    rc_ssize maxlen;           /* -1: unbounded */
    uint64_t state;
} cl_deque;

static rc_object **slot_at(cl_deque *d, rc_ssize i)
{
    return &d->items[(d->head + i) & (d->cap - 1)];
}

/* Room for one more element; 0, or -1 with MemoryError. */
static int ring_reserve(lx_interp *I, cl_deque *d)
{
    if (d->len < d->cap)
        return 0;
    rc_ssize cap = d->cap ? d->cap * 2 : 8;
    rc_object **items = rc_malloc(lx_heap(I), (size_t)cap * sizeof *items);
    if (!items) {
        mod_raise_nomem(I);
        return -1;
    }
    for (rc_ssize i = 0; i < d->len; i++)
        items[i] = *slot_at(d, i);
    if (d->items)
        rc_free(lx_heap(I), d->items);
    d->items = items;
    d->cap = cap;
    d->head = 0;
    return 0;
}

/* Take element i out of the ring (the caller owns the reference). */
static rc_object *ring_take(cl_deque *d, rc_ssize i)
{
    rc_object *x = *slot_at(d, i);
    if (i < d->len / 2) {          /* close the gap from the shorter side */
        for (rc_ssize j = i; j > 0; j--)
            *slot_at(d, j) = *slot_at(d, j - 1);
        d->head = (d->head + 1) & (d->cap - 1);
    } else {
        for (rc_ssize j = i; j < d->len - 1; j++)
            *slot_at(d, j) = *slot_at(d, j + 1);
    }
    d->len--;
    d->state++;
    return x;
}

/* Put x (a new reference, stolen) at the front or the back; a full bounded
 * deque drops the element at the other end.  0 or -1 (x released). */
static int ring_push(lx_interp *I, cl_deque *d, rc_object *x, int front)
{
    if (d->maxlen == 0) {
        rc_decref(x);
        return 0;
    }
    rc_object *dropped = d->len == d->maxlen ? ring_take(d, front ? d->len - 1 : 0) : NULL;
    if (ring_reserve(I, d) < 0) {
        rc_decref(x);
        rc_xdecref(dropped);
        return -1;
    }
    if (front) {
        d->head = (d->head - 1) & (d->cap - 1);
        d->items[d->head] = x;
    } else
        *slot_at(d, d->len) = x;
    d->len++;
    d->state++;
    rc_xdecref(dropped);
    return 0;
}

/* Drop every element (and the buffer). */
static void ring_clear(rc_heap *h, cl_deque *d)
{
    rc_object **items = d->items;
    rc_ssize head = d->head, len = d->len, cap = d->cap;
    d->items = NULL;
    d->head = d->len = d->cap = 0;
    d->state++;
    for (rc_ssize i = 0; i < len; i++)
        rc_decref(items[(head + i) & (cap - 1)]);
    if (items)
        rc_free(h, items);
}

static int deque_traverse(rc_object *self, rc_visit visit, void *arg)
{
    cl_deque *d = (cl_deque *)self;
    for (rc_ssize i = 0; i < d->len; i++) {
        int r = visit(*slot_at(d, i), arg);
        if (r)
            return r;
    }
    return 0;
}

static void deque_clear_refs(rc_object *self)
{
    ring_clear(rc_heap_of(self), (cl_deque *)self);
}

static const rc_type deque_type = {
    .name = "collections.deque", .size = sizeof(cl_deque), .flags = RC_TYPE_GC,
    .traverse = deque_traverse, .clear = deque_clear_refs, .destroy = deque_clear_refs,
};

static cl_deque *deque_alloc(lx_interp *I, rc_ssize maxlen)
{
    cl_deque *d = (cl_deque *)rc_new(lx_heap(I), &deque_type);
    if (!d)
        return (cl_deque *)mod_raise_nomem(I);
    d->items = NULL;
    d->head = d->len = d->cap = 0;
    d->maxlen = maxlen;
    d->state = 0;
    return d;
}

/* ---- iterators ---------------------------------------------------------------------------- */

typedef struct cl_deque_iter {
    rc_object ob;
    cl_deque *deque;           /* NULL once exhausted */
    rc_ssize next;             /* index of the next element (counted from the back if reversed) */
    uint64_t state;
    int reversed;
} cl_deque_iter;

static int iter_traverse(rc_object *self, rc_visit visit, void *arg)
{
    cl_deque_iter *it = (cl_deque_iter *)self;
    return it->deque ? visit(&it->deque->ob, arg) : 0;
}

static void iter_clear(rc_object *self)
{
    cl_deque_iter *it = (cl_deque_iter *)self;
    rc_object *d = it->deque ? &it->deque->ob : NULL;
    it->deque = NULL;
    rc_xdecref(d);
}

static const rc_type deque_iter_type = {
    .name = "_collections._deque_iterator", .size = sizeof(cl_deque_iter), .flags = RC_TYPE_GC,
    .traverse = iter_traverse, .clear = iter_clear, .destroy = iter_clear,
};
static const rc_type deque_reviter_type = {
    .name = "_collections._deque_reverse_iterator", .size = sizeof(cl_deque_iter), .flags = RC_TYPE_GC,
    .traverse = iter_traverse, .clear = iter_clear, .destroy = iter_clear,
};

static rc_object *iter_make(lx_interp *I, rc_object *self, int reversed)
{
    cl_deque_iter *it = (cl_deque_iter *)rc_new(lx_heap(I), reversed ? &deque_reviter_type : &deque_iter_type);
    if (!it)
        return mod_raise_nomem(I);
    rc_incref(self);
    it->deque = (cl_deque *)self;
    it->next = 0;
    it->state = it->deque->state;
    it->reversed = reversed;
    return &it->ob;
}

static rc_object *deque_iter(lx_interp *I, rc_object *self)
{
    return iter_make(I, self, 0);
}

static rc_object *iter_next(lx_interp *I, rc_object *self)
{
    cl_deque_iter *it = (cl_deque_iter *)self;
    cl_deque *d = it->deque;
    if (!d)
        return NULL;
    if (d->state != it->state) {
        iter_clear(self);
        return lx_raise(I, LX_RuntimeError, "deque mutated during iteration");
    }
    if (it->next >= d->len) {
        iter_clear(self);
        return NULL;
    }
    rc_ssize i = it->reversed ? d->len - 1 - it->next : it->next;
    it->next++;
    rc_object *x = *slot_at(d, i);
    rc_incref(x);
    return x;
}

static rc_object *iter_self(lx_interp *I, rc_object *self)
{
    (void)I;
    rc_incref(self);
    return self;
}

static const lx_type_slots iter_slots = {
    .type = &deque_iter_type, .name = "_deque_iterator", .iter = iter_self, .next = iter_next,
};
static const lx_type_slots reviter_slots = {
    .type = &deque_reviter_type, .name = "_deque_reverse_iterator", .iter = iter_self, .next = iter_next,
};

/* ---- element access ------------------------------------------------------------------------ */

/* The element at index key (negative counts from the end); -1 with
 * TypeError or IndexError "deque index out of range". */
static int deque_index_of(lx_interp *I, cl_deque *d, rc_object *key, rc_ssize *out)
{
    if (key->type != &rc_int_type && key->type != &rc_bool_type) {
        lx_raise(I, LX_TypeError, "sequence index must be integer, not '%s'", lx_type_name(I, key));
        return -1;
    }
    int64_t i = rc_int_value(key);
    if (i < 0)
        i += d->len;
    if (i < 0 || i >= d->len) {
        lx_raise(I, LX_IndexError, "deque index out of range");
        return -1;
    }
    *out = (rc_ssize)i;
    return 0;
}

static rc_object *deque_getitem(lx_interp *I, rc_object *self, rc_object *key)
{
    rc_ssize i;
    if (deque_index_of(I, (cl_deque *)self, key, &i) < 0)
        return NULL;
    rc_object *x = *slot_at((cl_deque *)self, i);
    rc_incref(x);
    return x;
}

static int deque_setitem(lx_interp *I, rc_object *self, rc_object *key, rc_object *value)
{
    rc_ssize i;
    if (deque_index_of(I, (cl_deque *)self, key, &i) < 0)
        return -1;
    rc_object **slot = slot_at((cl_deque *)self, i), *old = *slot;
    rc_incref(value);
    *slot = value;
    rc_decref(old);
    return 0;
}

static int deque_delitem(lx_interp *I, rc_object *self, rc_object *key)
{
    rc_ssize i;
    if (deque_index_of(I, (cl_deque *)self, key, &i) < 0)
        return -1;
    rc_decref(ring_take((cl_deque *)self, i));
    return 0;
}

static rc_ssize deque_len(lx_interp *I, rc_object *self)
{
    (void)I;
    return ((cl_deque *)self)->len;
}

/* The first index in [start, stop) whose element equals x, -1 when none,
 * -2 with an exception (a comparison failed or the deque changed). */
static rc_ssize deque_find(lx_interp *I, cl_deque *d, rc_object *x, rc_ssize start, rc_ssize stop)
{
    uint64_t state = d->state;
    for (rc_ssize i = start; i < stop && i < d->len; i++) {
        rc_object *item = *slot_at(d, i);
        rc_incref(item);
        int eq = item == x ? 1 : lx_compare(I, item, x, LX_CMP_EQ);
        rc_decref(item);
        if (eq < 0)
            return -2;
        if (d->state != state) {
            lx_raise(I, LX_RuntimeError, "deque mutated during iteration");
            return -2;
        }
        if (eq)
            return i;
    }
    return -1;
}

static int deque_contains(lx_interp *I, rc_object *self, rc_object *item)
{
    cl_deque *d = (cl_deque *)self;
    rc_ssize i = deque_find(I, d, item, 0, d->len);
    return i == -2 ? -1 : i >= 0;
}

/* ---- construction ---------------------------------------------------------------------------- */

static rc_object *deque_as_list(lx_interp *I, cl_deque *d)
{
    rc_object *l = lx_list_new(I);
    for (rc_ssize i = 0; l && i < d->len; i++)
        if (rc_list_append(l, *slot_at(d, i)) < 0) {
            RC_CLEAR(l);
            lx_raise_heap_error(I);
        }
    return l;
}

/* Append every item of iterable at the front or the back. */
static int deque_extend_from(lx_interp *I, cl_deque *d, rc_object *iterable, int front)
{
    rc_object *src = iterable == &d->ob ? deque_as_list(I, d) : (rc_incref(iterable), iterable);
    rc_object *it = src ? lx_iter(I, src) : NULL, *x;
    if (src)
        rc_decref(src);
    if (!it)
        return -1;
    int rc = 0;
    while (rc == 0 && (x = lx_next(I, it)))
        rc = ring_push(I, d, x, front);
    rc_decref(it);
    return rc == 0 && !lx_exc_occurred(I) ? 0 : -1;
}

static rc_object *deque_construct(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    static const char *const names[] = {"iterable", "maxlen"};
    rc_object *slots[2];
    if (mod_parse_args(I, "deque", args, nargs, kwargs, names, 2, slots) < 0)
        return NULL;
    int64_t maxlen = -1;
    if (slots[1] && slots[1] != rc_none()) {
        if (lx_arg_int(I, "deque", slots[1], &maxlen) < 0)
            return NULL;
        if (maxlen < 0)
            return lx_raise(I, LX_ValueError, "maxlen must be non-negative");
    }
    cl_deque *d = deque_alloc(I, (rc_ssize)maxlen);
    if (d && slots[0] && deque_extend_from(I, d, slots[0], 0) < 0)
        RC_CLEAR(d);
    return (rc_object *)d;
}

/* ---- methods ------------------------------------------------------------------------------- */

#define SELF ((cl_deque *)a[0])

static rc_object *push_method(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw, const char *name,
                              int front)
{
    if (mod_check_args(I, name, n - 1, kw, 1, 1) < 0)
        return NULL;
    rc_incref(a[1]);
    return ring_push(I, SELF, a[1], front) < 0 ? NULL : rc_none();
}

static rc_object *dq_append(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return push_method(I, a, n, kw, "append", 0);
}

static rc_object *dq_appendleft(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return push_method(I, a, n, kw, "appendleft", 1);
}

static rc_object *pop_method(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw, const char *name,
                             int front)
{
    if (mod_check_args(I, name, n - 1, kw, 0, 0) < 0)
        return NULL;
    if (SELF->len == 0)
        return lx_raise(I, LX_IndexError, "pop from an empty deque");
    return ring_take(SELF, front ? 0 : SELF->len - 1);
}

static rc_object *dq_pop(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return pop_method(I, a, n, kw, "pop", 0);
}

static rc_object *dq_popleft(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return pop_method(I, a, n, kw, "popleft", 1);
}

static rc_object *dq_extend(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "extend", n - 1, kw, 1, 1) < 0 || deque_extend_from(I, SELF, a[1], 0) < 0)
        return NULL;
    return rc_none();
}

static rc_object *dq_extendleft(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "extendleft", n - 1, kw, 1, 1) < 0 || deque_extend_from(I, SELF, a[1], 1) < 0)
        return NULL;
    return rc_none();
}

static rc_object *dq_rotate(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t steps = 1;
    if (mod_check_args(I, "rotate", n - 1, kw, 0, 1) < 0 || (n > 1 && lx_arg_int(I, "rotate", a[1], &steps) < 0))
        return NULL;
    cl_deque *d = SELF;
    if (d->len <= 1)
        return rc_none();
    rc_ssize k = (rc_ssize)(steps % d->len), mask = d->cap - 1;
    if (k < 0)
        k += d->len;
    /* one step moves one end element across the head: the slot before the
     * head is free, or (a full buffer) is the last element's own slot */
    if (k <= d->len / 2)
        for (rc_ssize i = 0; i < k; i++) {
            rc_object *last = *slot_at(d, d->len - 1);
            d->head = (d->head - 1) & mask;
            d->items[d->head] = last;
        }
    else
        for (rc_ssize i = k; i < d->len; i++) {
            rc_object *first = d->items[d->head];
            *slot_at(d, d->len) = first;
            d->head = (d->head + 1) & mask;
        }
    d->state++;
    return rc_none();
}

static rc_object *dq_clear(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "clear", n - 1, kw, 0, 0) < 0)
        return NULL;
    ring_clear(lx_heap(I), SELF);
    return rc_none();
}

static rc_object *dq_count(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "count", n - 1, kw, 1, 1) < 0)
        return NULL;
    int64_t count = 0;
    for (rc_ssize i = 0; (i = deque_find(I, SELF, a[1], i, SELF->len)) >= 0; i++)
        count++;
    return lx_exc_occurred(I) ? NULL : lx_int(I, count);
}

/* ValueError "X is not in deque" (index and remove); returns NULL. */
static rc_object *raise_not_in_deque(lx_interp *I, rc_object *x)
{
    rc_object *r = lx_repr(I, x);
    if (r) {
        lx_raise(I, LX_ValueError, "%s is not in deque", rc_str_data(r));
        rc_decref(r);
    }
    return NULL;
}

/* index(x[, start[, stop]]) bound, clipped to [0, len]. */
static int clip_bound(lx_interp *I, rc_object *o, rc_ssize len, rc_ssize *out)
{
    int64_t v;
    if (lx_arg_int(I, "index", o, &v) < 0)
        return -1;
    if (v < 0)
        v = v + len < 0 ? 0 : v + len;
    *out = v > len ? len : (rc_ssize)v;
    return 0;
}

static rc_object *dq_index(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    rc_ssize start = 0, stop = SELF->len;
    if (mod_check_args(I, "index", n - 1, kw, 1, 3) < 0 || (n > 2 && clip_bound(I, a[2], SELF->len, &start) < 0) ||
        (n > 3 && clip_bound(I, a[3], SELF->len, &stop) < 0))
        return NULL;
    rc_ssize i = deque_find(I, SELF, a[1], start, stop);
    return i == -2 ? NULL : i == -1 ? raise_not_in_deque(I, a[1]) : lx_int(I, i);
}

static rc_object *dq_insert(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t at;
    if (mod_check_args(I, "insert", n - 1, kw, 2, 2) < 0 || lx_arg_int(I, "insert", a[1], &at) < 0)
        return NULL;
    cl_deque *d = SELF;
    if (d->len == d->maxlen)
        return lx_raise(I, LX_IndexError, "deque already at its maximum size");
    if (at < 0)
        at = at + d->len < 0 ? 0 : at + d->len;
    if (at > d->len)
        at = d->len;
    rc_incref(a[2]);
    if (ring_push(I, d, a[2], 0) < 0)
        return NULL;
    for (rc_ssize j = d->len - 1; j > (rc_ssize)at; j--) {
        rc_object *x = *slot_at(d, j);
        *slot_at(d, j) = *slot_at(d, j - 1);
        *slot_at(d, j - 1) = x;
    }
    return rc_none();
}

static rc_object *dq_remove(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "remove", n - 1, kw, 1, 1) < 0)
        return NULL;
    rc_ssize i = deque_find(I, SELF, a[1], 0, SELF->len);
    if (i == -2)
        return NULL;
    if (i == -1)
        return raise_not_in_deque(I, a[1]);
    rc_decref(ring_take(SELF, i));
    return rc_none();
}

static rc_object *dq_reverse(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "reverse", n - 1, kw, 0, 0) < 0)
        return NULL;
    cl_deque *d = SELF;
    for (rc_ssize i = 0, j = d->len - 1; i < j; i++, j--) {
        rc_object *x = *slot_at(d, i);
        *slot_at(d, i) = *slot_at(d, j);
        *slot_at(d, j) = x;
    }
    d->state++;
    return rc_none();
}

static rc_object *dq_copy(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "copy", n - 1, kw, 0, 0) < 0)
        return NULL;
    cl_deque *d = deque_alloc(I, SELF->maxlen);
    if (d && deque_extend_from(I, d, a[0], 0) < 0)
        RC_CLEAR(d);
    return (rc_object *)d;
}

static rc_object *dq_reversed(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "__reversed__", n - 1, kw, 0, 0) < 0)
        return NULL;
    return iter_make(I, a[0], 1);
}

#undef SELF

static const lx_func_def deque_methods[] = {
    {"append", dq_append}, {"appendleft", dq_appendleft}, {"pop", dq_pop}, {"popleft", dq_popleft},
    {"extend", dq_extend}, {"extendleft", dq_extendleft}, {"rotate", dq_rotate}, {"clear", dq_clear},
    {"count", dq_count}, {"index", dq_index}, {"insert", dq_insert}, {"remove", dq_remove},
    {"reverse", dq_reverse}, {"copy", dq_copy}, {"__copy__", dq_copy}, {"__reversed__", dq_reversed},
    {NULL, NULL},
};

/* ---- repr, attributes, comparison ------------------------------------------------------------ */

static rc_object *deque_repr(lx_interp *I, rc_object *self)
{
    cl_deque *d = (cl_deque *)self;
    int guard = lx_repr_enter(I, self);
    if (guard)
        return guard > 0 ? lx_strz(I, "[...]") : NULL;
    rc_object *l = deque_as_list(I, d);
    rc_object *body = l ? lx_repr(I, l) : NULL;
    lx_repr_leave(I, self);
    if (l)
        rc_decref(l);
    if (!body)
        return NULL;
    lx_buf b;
    lx_buf_init(&b, I);
    int rc = lx_buf_put(&b, "deque(", 6) < 0 || lx_buf_put_str(&b, body) < 0 ? -1 : 0;
    rc_decref(body);
    if (rc == 0 && d->maxlen >= 0) {
        char tail[48];
        snprintf(tail, sizeof tail, ", maxlen=%lld", (long long)d->maxlen);
        rc = lx_buf_put(&b, tail, strlen(tail));
    }
    if (rc == 0 && lx_buf_putc(&b, ')') == 0)
        return lx_buf_to_str(&b);
    lx_buf_free(&b);
    return NULL;
}

static rc_object *deque_getattr(lx_interp *I, rc_object *self, const char *name)
{
    cl_deque *d = (cl_deque *)self;
    if (strcmp(name, "maxlen"))
        return NULL;
    return d->maxlen < 0 ? rc_none() : lx_int(I, d->maxlen);
}

/* Deques compare as lists do: element by element, then by length. */
static int deque_compare(lx_interp *I, rc_object *self, rc_object *other, lx_cmp op)
{
    if (other->type != &deque_type)
        return -2;
    rc_object *a = deque_as_list(I, (cl_deque *)self);
    rc_object *b = a ? deque_as_list(I, (cl_deque *)other) : NULL;
    int r = b ? lx_compare(I, a, b, op) : -1;
    if (a)
        rc_decref(a);
    if (b)
        rc_decref(b);
    return r;
}

static const lx_type_slots deque_slots = {
    .type = &deque_type, .name = "deque", .module = "collections", .repr = deque_repr, .iter = deque_iter, .len = deque_len,
    .contains = deque_contains, .methods = deque_methods, .getattr = deque_getattr,
    .compare = deque_compare, .getitem = deque_getitem, .setitem = deque_setitem,
    .delitem = deque_delitem, .construct = deque_construct,
};

/* ---- _count_elements --------------------------------------------------------------------- */

/* mapping[key] + 1 from the old count (a new reference); the common int is
 * counted without the generic operator. */
static rc_object *count_plus_one(lx_interp *I, rc_object *old, rc_object *one)
{
    if (old->type == &rc_int_type && rc_int_value_fast(old) < INT64_MAX)
        return lx_int(I, rc_int_value_fast(old) + 1);
    return lx_add(I, old, one);
}

/* One element counted into a dict: d[key] = d.get(key, 0) + 1.  0, or -1. */
static int count_into_dict(lx_interp *I, rc_object *d, rc_object *key, rc_object *one)
{
    rc_object *old, *count;
    int found = lx_dict_lookup(I, d, key, &old);
    if (found < 0)
        return -1;
    if (found) {
        if (!(count = count_plus_one(I, old, one)))
            return -1;
    } else {
        rc_incref(one);
        count = one;
    }
    int rc = rc_dict_set(d, key, count);
    rc_decref(count);
    if (rc < 0 && !lx_exc_occurred(I))
        lx_raise_heap_error(I);
    return rc;
}

/* One element counted into another mapping through its get and item
 * assignment: mapping[key] = get(key, 0) + 1.  0, or -1. */
static int count_into_mapping(lx_interp *I, rc_object *mapping, rc_object *get, rc_object *key,
                              rc_object *zero, rc_object *one)
{
    rc_object *args[2] = {key, zero};
    rc_object *old = lx_call(I, get, args, 2, NULL);
    rc_object *count = old ? count_plus_one(I, old, one) : NULL;
    if (old)
        rc_decref(old);
    int rc = count ? lx_setitem(I, mapping, key, count) : -1;
    if (count)
        rc_decref(count);
    return rc;
}

/* _count_elements(mapping, iterable): adds 1 to mapping[e] (0 when absent)
 * for each element e, as CPython's helper of Counter.update does.  A dict
 * is updated in place directly; another mapping through its get() and
 * item assignment. */
static rc_object *cl_count_elements(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "_count_elements", kw) < 0)
        return NULL;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "_count_elements expected 2 arguments, got %zu", n);
    rc_object *mapping = a[0], *get = NULL, *key;
    rc_object *it = lx_iter(I, a[1]);           /* first, as CPython's */
    rc_object *direct = it ? lx_dict_for_counting(I, mapping) : NULL;
    if (it && !direct)
        get = lx_getattr(I, mapping, "get");
    rc_object *zero = it && (get || direct) ? lx_int(I, 0) : NULL;
    rc_object *one = zero ? lx_int(I, 1) : NULL;
    if (one) {
        while ((key = lx_next(I, it))) {
            int rc = get ? count_into_mapping(I, mapping, get, key, zero, one)
                         : count_into_dict(I, direct, key, one);
            rc_decref(key);
            if (rc < 0)
                break;
        }
    }
    rc_xdecref(one);
    rc_xdecref(zero);
    rc_xdecref(it);
    rc_xdecref(get);
    return lx_exc_occurred(I) ? NULL : rc_none();
}

/* ---- the module -------------------------------------------------------------------------- */

static int register_types(lx_interp *I)
{
    const lx_type_slots *all[] = {&deque_slots, &iter_slots, &reviter_slots};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (lx_register_type(I, all[i]) < 0)
            return -1;
    return 0;
}

rc_object *lx_mod_collections_init(lx_interp *I)
{
    static const lx_func_def functions[] = {{"_count_elements", cl_count_elements}, {NULL, NULL}};
    rc_object *m = register_types(I) < 0 ? NULL : lx_module_new(I, "_collections", functions);
    rc_object *cls = NULL;
    if (m) {
        cl_deque *probe = deque_alloc(I, -1);
        cls = probe ? lx_type_of(I, &probe->ob) : NULL;
        if (cls)
            rc_incref(cls);
        rc_xdecref(probe ? &probe->ob : NULL);
    }
    if (m && mod_set_new(I, m, "deque", cls) < 0)
        RC_CLEAR(m);
    return m;
}
