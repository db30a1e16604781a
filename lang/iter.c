/*
 * lang/iter.c — range, the iterator types, and iteration (lx_iter/lx_next).
 *
 * range is lazy (start, stop, step, len), as in Python 3.  Every built-in
 * iterator is one struct (lx_iterobj) with a kind; each kind has its own
 * rc_type so type(iter([])) names list_iterator, as CPython does.  An
 * iterator owns its source (and, for map/filter/zip/enumerate, the function
 * or the inner iterators), so all of them are RC_TYPE_GC.
 *
 * Exhaustion is reported as NULL with no exception (lang.h's lx_next): no
 * StopIteration object is made for a for loop.  An exhausted iterator drops
 * its source at once, as CPython's do.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

/* ---- range ------------------------------------------------------------------------ */

const rc_type lx_range_type = {
    .name = "range",
    .size = sizeof(lx_range),
};

rc_object *lx_range_new(lx_interp *I, int64_t start, int64_t stop, int64_t step)
{
    if (step == 0)
        return lx_raise(I, LX_ValueError, "range() arg 3 must not be zero");
    lx_range *r = (lx_range *)rc_new(I->heap, &lx_range_type);
    if (!r)
        return lx_raise_heap_error(I);
    r->start = start;
    r->stop = stop;
    r->step = step;
    __int128 n = 0;
    if (step > 0 && start < stop)
        n = ((__int128)stop - start - 1) / step + 1;
    else if (step < 0 && start > stop)
        n = ((__int128)start - stop - 1) / (-(__int128)step) + 1;
    r->len = (int64_t)n;
    return &r->ob;
}

rc_object *lx_range_repr(lx_interp *I, rc_object *o)
{
    lx_range *r = (lx_range *)o;
    char buf[100];
    if (r->step == 1)
        snprintf(buf, sizeof buf, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    else
        snprintf(buf, sizeof buf, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop,
                 (long long)r->step);
    return lx_strz(I, buf);
}

rc_object *lx_range_getitem(lx_interp *I, rc_object *o, rc_object *key)
{
    lx_range *r = (lx_range *)o;
    if (key->type == &lx_slice_type) {
        rc_ssize start, stop, step, n;
        if (lx_slice_indices(I, key, (rc_ssize)r->len, &start, &stop, &step, &n) < 0)
            return NULL;
        int64_t s = r->start + (int64_t)start * r->step;
        int64_t st = r->step * (int64_t)step;
        return lx_range_new(I, s, s + (int64_t)n * st, st);
    }
    int64_t i;
    if (lx_index_value(I, key, &i) < 0) {
        lx_exc_clear(I);
        return lx_raise(I, LX_TypeError, "range indices must be integers or slices, not %s", lx_type_name(I, key));
    }
    if (i < 0)
        i += r->len;
    if (i < 0 || i >= r->len)
        return lx_raise(I, LX_IndexError, "range object index out of range");
    return lx_int(I, r->start + i * r->step);
}

int lx_range_contains(lx_interp *I, rc_object *o, rc_object *v)
{
    lx_range *r = (lx_range *)o;
    if (v->type == &rc_bigint_type)      /* a range's values all fit in int64 */
        return 0;
    if (v->type != &rc_int_type && v->type != &rc_bool_type) {
        for (int64_t k = 0; k < r->len; k++) {
            rc_object *x = lx_int(I, r->start + k * r->step);
            if (!x)
                return -1;
            int eq = lx_compare(I, x, v, LX_CMP_EQ);
            rc_decref(x);
            if (eq)
                return eq;
        }
        return 0;
    }
    int64_t x = rc_int_value(v);
    if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop))
        return 0;
    return (x - r->start) % r->step == 0;
}

static rc_object *range_count(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "count", kw) < 0 || lx_check_nargs(I, "count", n - 1, 1, 1) < 0)
        return NULL;
    int c = lx_range_contains(I, a[0], a[1]);
    return c < 0 ? NULL : lx_int(I, c);
}

static rc_object *range_index(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "index", kw) < 0 || lx_check_nargs(I, "index", n - 1, 1, 1) < 0)
        return NULL;
    int c = lx_range_contains(I, a[0], a[1]);
    if (c < 0)
        return NULL;
    if (!c || (a[1]->type != &rc_int_type && a[1]->type != &rc_bool_type)) {
        rc_object *r = lx_repr(I, a[1]);
        if (r) {
            lx_raise(I, LX_ValueError, "%s is not in range", rc_str_data(r));
            rc_decref(r);
        }
        return NULL;
    }
    lx_range *r = (lx_range *)a[0];
    return lx_int(I, (rc_int_value(a[1]) - r->start) / r->step);
}

const lx_func_def lx_range_methods[] = {
    {"count", range_count}, {"index", range_index}, {NULL, NULL},
};

/* ---- iterator objects ------------------------------------------------------------------- */

enum {
    IT_LIST, IT_TUPLE, IT_STR, IT_BYTES, IT_DICT, IT_SET, IT_RANGE, IT_SEQ, IT_REVERSED,
    IT_ENUMERATE, IT_ZIP, IT_MAP, IT_FILTER, IT_CALLABLE, IT_KINDS
};


static int it_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_iterobj *it = (lx_iterobj *)self;
    if (it->src) {
        int r = visit(it->src, arg);
        if (r)
            return r;
    }
    if (it->aux)
        return visit(it->aux, arg);
    return 0;
}

static void it_clear(rc_object *self)
{
    lx_iterobj *it = (lx_iterobj *)self;
    RC_CLEAR(it->src);
    RC_CLEAR(it->aux);
}

#define ITER_TYPE(var, tname)                                                                          \
    static const rc_type var = {.name = tname, .size = sizeof(lx_iterobj), .flags = RC_TYPE_GC,        \
                                .traverse = it_traverse, .clear = it_clear, .destroy = it_clear}
#define ITER_TYPE_PUBLIC(var, tname)                                                                   \
    const rc_type var = {.name = tname, .size = sizeof(lx_iterobj), .flags = RC_TYPE_GC,               \
                         .traverse = it_traverse, .clear = it_clear, .destroy = it_clear}
ITER_TYPE_PUBLIC(lx_list_iter_type, "list_iterator");
ITER_TYPE(tuple_iter_type, "tuple_iterator");
ITER_TYPE(str_iter_type, "str_ascii_iterator");
ITER_TYPE(bytes_iter_type, "bytes_iterator");
ITER_TYPE(dict_iter_type, "dict_keyiterator");
ITER_TYPE(set_iter_type, "set_iterator");
ITER_TYPE_PUBLIC(lx_range_iter_type, "range_iterator");
ITER_TYPE(seq_iter_type, "iterator");
ITER_TYPE(reversed_iter_type, "list_reverseiterator");
ITER_TYPE(enumerate_type, "enumerate");
ITER_TYPE(zip_type, "zip");
ITER_TYPE(map_type, "map");
ITER_TYPE(filter_type, "filter");
ITER_TYPE(callable_iter_type, "callable_iterator");

static const rc_type *const iter_types[IT_KINDS] = {
    &lx_list_iter_type, &tuple_iter_type, &str_iter_type, &bytes_iter_type, &dict_iter_type, &set_iter_type,
    &lx_range_iter_type, &seq_iter_type, &reversed_iter_type, &enumerate_type, &zip_type, &map_type,
    &filter_type, &callable_iter_type,
};

/* Every iterator type above, and no other, traverses with it_traverse. */
static int is_iter_type(const rc_type *t)
{
    return t->traverse == it_traverse;
}

static rc_object *iter_new(lx_interp *I, int kind, rc_object *src, rc_object *aux)
{
    lx_iterobj *it = (lx_iterobj *)rc_new(I->heap, iter_types[kind]);
    if (!it)
        return lx_raise_heap_error(I);
    it->kind = kind;
    rc_xincref(src);
    it->src = src;
    rc_xincref(aux);
    it->aux = aux;
    return &it->ob;
}

/* iter_new over a source made for it: takes over the caller's reference to
 * src; a NULL src (its constructor failed, the exception is set) passes
 * through. */
static rc_object *iter_new_stealing(lx_interp *I, int kind, rc_object *src, rc_object *aux)
{
    if (!src)
        return NULL;
    rc_object *it = iter_new(I, kind, src, aux);
    rc_decref(src);
    return it;
}

rc_object *lx_seq_iter_new(lx_interp *I, rc_object *seq)
{
    const rc_type *t = seq->type;
    int kind = t == &rc_list_type ? IT_LIST : t == &rc_tuple_type ? IT_TUPLE : t == &rc_str_type ? IT_STR
             : t == &rc_bytes_type ? IT_BYTES : IT_SEQ;
    return iter_new(I, kind, seq, NULL);
}

static rc_object *it_exhausted(lx_iterobj *it)
{
    RC_CLEAR(it->src);
    RC_CLEAR(it->aux);
    return NULL;
}

static rc_object *iter_next(lx_interp *I, lx_iterobj *it)
{
    rc_object *src = it->src;
    if (!src)
        return NULL;
    switch (it->kind) {
    case IT_LIST:
    case IT_RANGE: {
        if (!lx_iter_has_next(it))
            return it_exhausted(it);
        rc_object *v = lx_iter_step(I->heap, it);
        return v ? v : lx_raise_heap_error(I);
    }
    case IT_TUPLE:
        if (it->i < rc_tuple_len(src)) {
            rc_object *v = rc_tuple_get(src, (rc_ssize)it->i++);
            rc_incref(v);
            return v;
        }
        return it_exhausted(it);
    case IT_STR: {
        size_t size = rc_str_size(src);
        if ((size_t)it->i >= size)
            return it_exhausted(it);
        const unsigned char *d = (const unsigned char *)rc_str_data(src);
        size_t off = (size_t)it->i, end = off + 1;
        while (end < size && (d[end] & 0xC0) == 0x80)
            end++;
        it->i = (int64_t)end;
        return lx_str_new(I, (const char *)d + off, end - off);
    }
    case IT_BYTES:
        if ((size_t)it->i < rc_bytes_len(src))
            return lx_int(I, rc_bytes_data(src)[it->i++]);
        return it_exhausted(it);
    case IT_DICT: {
        lx_dict_walk w = {(rc_ssize)it->i, (rc_ssize)it->stop, (rc_ssize)it->step};
        rc_object *k, *v;
        int r = lx_dict_walk_next(I, &w, src, &k, &v);
        it->i = w.pos;
        it->stop = w.len;
        it->step = w.left;
        if (r > 0) {
            rc_incref(k);
            return k;
        }
        return r == 0 ? it_exhausted(it) : NULL;
    }
    case IT_SET: {
        if (lx_set_len(src) != it->stop) {
            it->stop = -1;
            return lx_raise(I, LX_RuntimeError, "Set changed size during iteration");
        }
        rc_ssize pos = (rc_ssize)it->i;
        rc_object *k;
        if (lx_set_next(src, &pos, &k)) {
            it->i = pos;
            rc_incref(k);
            return k;
        }
        return it_exhausted(it);
    }
    case IT_SEQ: {
        rc_object *idx = lx_int(I, it->i);
        if (!idx)
            return NULL;
        rc_object *v = lx_getitem(I, src, idx);
        rc_decref(idx);
        if (!v) {
            if (lx_exc_matches(I, LX_IndexError) || lx_exc_matches(I, LX_StopIteration)) {
                lx_exc_clear(I);
                return it_exhausted(it);
            }
            return NULL;
        }
        it->i++;
        return v;
    }
    case IT_REVERSED:
        if (it->i >= 0 && it->i < (src->type == &rc_list_type ? rc_list_len(src) : rc_tuple_len(src))) {
            rc_object *v = src->type == &rc_list_type ? rc_list_get(src, (rc_ssize)it->i)
                                                      : rc_tuple_get(src, (rc_ssize)it->i);
            it->i--;
            rc_incref(v);
            return v;
        }
        if (it->i >= 0 && src->type != &rc_list_type && src->type != &rc_tuple_type) {
            rc_object *idx = lx_int(I, it->i);
            rc_object *v = idx ? lx_getitem(I, src, idx) : NULL;
            rc_xdecref(idx);
            it->i--;
            return v;
        }
        return it_exhausted(it);
    case IT_ENUMERATE: {
        rc_object *v = lx_next(I, src);
        if (!v)
            return lx_exc_occurred(I) ? NULL : it_exhausted(it);
        rc_object *t = rc_tuple_new(I->heap, 2);
        rc_object *n = rc_int_new(I->heap, it->i++);
        if (!t || !n) {
            rc_xdecref(t);
            rc_xdecref(n);
            rc_decref(v);
            return lx_raise_heap_error(I);
        }
        rc_tuple_set(t, 0, n);
        rc_tuple_set(t, 1, v);
        rc_decref(n);
        rc_decref(v);
        rc_gc_track(t);
        return t;
    }
    case IT_ZIP: {
        rc_ssize n = rc_tuple_len(src);
        if (n == 0)
            return it_exhausted(it);
        rc_object *t = rc_tuple_new(I->heap, n);
        if (!t)
            return lx_raise_heap_error(I);
        for (rc_ssize k = 0; k < n; k++) {
            rc_object *v = lx_next(I, rc_tuple_get(src, k));
            if (!v) {
                rc_decref(t);
                return lx_exc_occurred(I) ? NULL : it_exhausted(it);
            }
            rc_tuple_set(t, k, v);
            rc_decref(v);
        }
        rc_gc_track(t);
        return t;
    }
    case IT_MAP: {
        rc_ssize n = rc_tuple_len(src);
        rc_object *small[8];
        rc_object **args = n <= 8 ? small : malloc((size_t)n * sizeof *args);
        if (!args)
            return lx_raise(I, LX_MemoryError, "out of memory");
        rc_ssize got = 0;
        rc_object *r = NULL;
        for (; got < n; got++) {
            args[got] = lx_next(I, rc_tuple_get(src, got));
            if (!args[got])
                break;
        }
        if (got == n)
            r = lx_call(I, it->aux, args, (size_t)n, NULL);
        for (rc_ssize k = 0; k < got; k++)
            rc_decref(args[k]);
        if (args != small)
            free(args);
        if (got < n && !lx_exc_occurred(I))
            return it_exhausted(it);
        return r;
    }
    case IT_FILTER:
        for (;;) {
            rc_object *v = lx_next(I, src);
            if (!v)
                return lx_exc_occurred(I) ? NULL : it_exhausted(it);
            int t;
            if (it->aux == rc_none()) {
                t = lx_truth(I, v);
            } else {
                rc_object *r = lx_call(I, it->aux, &v, 1, NULL);
                t = r ? lx_truth(I, r) : -1;
                rc_xdecref(r);
            }
            if (t < 0) {
                rc_decref(v);
                return NULL;
            }
            if (t)
                return v;
            rc_decref(v);
        }
    case IT_CALLABLE: {
        rc_object *v = lx_call(I, src, NULL, 0, NULL);
        if (!v)
            return NULL;
        int eq = lx_compare(I, v, it->aux, LX_CMP_EQ);
        if (eq != 0) {
            rc_decref(v);
            return eq < 0 ? NULL : it_exhausted(it);
        }
        return v;
    }
    default:
        return NULL;
    }
}

/* ---- the protocol ----------------------------------------------------------------------- */

rc_object *lx_iter(lx_interp *I, rc_object *o)
{
    const rc_type *t = o->type;
    if (t == &rc_list_type || t == &rc_tuple_type || t == &rc_str_type || t == &rc_bytes_type)
        return lx_seq_iter_new(I, o);
    if (t == &rc_dict_type) {
        rc_object *it = iter_new(I, IT_DICT, o, NULL);
        if (it) {
            lx_dict_walk w;
            lx_dict_walk_start(&w, o);
            ((lx_iterobj *)it)->stop = w.len;     /* the walk lives in i, stop, step */
            ((lx_iterobj *)it)->step = w.left;
        }
        return it;
    }
    if (t == &lx_set_type || t == &lx_frozenset_type) {
        rc_object *it = iter_new(I, IT_SET, o, NULL);
        if (it)
            ((lx_iterobj *)it)->stop = lx_set_len(o);
        return it;
    }
    if (t == &lx_range_type) {
        rc_object *it = iter_new(I, IT_RANGE, o, NULL);
        if (it)
            ((lx_iterobj *)it)->stop = ((lx_range *)o)->len;
        return it;
    }
    if (is_iter_type(t)) {
        rc_incref(o);
        return o;
    }
    if (lx_is_inst(o) || lx_has_meta(o)) {
        rc_object *m = lx_lookup_special(I, o, I->names.__iter__);
        if (m) {
            rc_object *it = lx_call(I, m, &o, 1, NULL);
            if (!it)
                return NULL;
            if (!is_iter_type(it->type) && !(lx_is_inst(it) && lx_lookup_special(I, it, I->names.__next__))) {
                lx_class *c = lx_class_of(I, it);
                if (!(c->slots && c->slots->next)) {
                    lx_raise(I, LX_TypeError, "iter() returned non-iterator of type '%s'", lx_type_name(I, it));
                    rc_decref(it);
                    return NULL;
                }
            }
            return it;
        }
        if (lx_lookup_special(I, o, I->names.__getitem__))
            return iter_new(I, IT_SEQ, o, NULL);
    }
    lx_class *c = lx_class_of(I, o);
    if (c->slots && c->slots->iter)
        return c->slots->iter(I, o);
    if (c->slots && c->slots->next) {
        rc_incref(o);
        return o;
    }
    return lx_raise(I, LX_TypeError, "'%s' object is not iterable", lx_type_name(I, o));
}

rc_object *lx_next(lx_interp *I, rc_object *it)
{
    if (lx_count_step(I) < 0)          /* sum(range(10**18)) meets the step limit too */
        return NULL;
    if (is_iter_type(it->type))
        return iter_next(I, (lx_iterobj *)it);
    if (it->type == &lx_gen_type)
        return lx_gen_next(I, it);
    if (lx_is_inst(it)) {
        rc_object *m = lx_lookup_special(I, it, I->names.__next__);
        if (m) {
            rc_object *v = lx_call(I, m, &it, 1, NULL);
            if (!v && lx_exc_matches(I, LX_StopIteration))
                lx_exc_clear(I);
            return v;
        }
    }
    lx_class *c = lx_class_of(I, it);
    if (c->slots && c->slots->next)
        return c->slots->next(I, it);
    return lx_raise(I, LX_TypeError, "'%s' object is not an iterator", lx_type_name(I, it));
}

/* ---- built-in functions over iterators ---------------------------------------------------- */

static rc_object *b_iter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "iter", kw) < 0 || lx_check_nargs(I, "iter", n, 1, 2) < 0)
        return NULL;
    if (n == 2) {
        if (!lx_callable(I, a[0]))
            return lx_raise(I, LX_TypeError, "iter(v, w): v must be callable");
        return iter_new(I, IT_CALLABLE, a[0], a[1]);
    }
    return lx_iter(I, a[0]);
}

static rc_object *b_next(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "next", kw) < 0 || lx_check_nargs(I, "next", n, 1, 2) < 0)
        return NULL;
    if (!is_iter_type(a[0]->type) && !(lx_is_inst(a[0]) && lx_lookup_special(I, a[0], I->names.__next__))) {
        lx_class *c = lx_class_of(I, a[0]);
        if (!(c->slots && c->slots->next))
            return lx_raise(I, LX_TypeError, "'%s' object is not an iterator", lx_type_name(I, a[0]));
    }
    if (a[0]->type == &lx_gen_type) {       /* StopIteration carries its return value */
        rc_object *ret = NULL;
        rc_object *v = lx_gen_send(I, a[0], NULL, &ret);
        if (v || !ret)
            return v;
        if (n == 2) {
            rc_decref(ret);
            rc_incref(a[1]);
            return a[1];
        }
        return lx_gen_raise_stop(I, ret);
    }
    rc_object *v = lx_next(I, a[0]);
    if (v || lx_exc_occurred(I))
        return v;
    if (n == 2) {
        rc_incref(a[1]);
        return a[1];
    }
    rc_object *exc = lx_exc_new(I, I->exc_class[LX_StopIteration], I->empty_tuple);
    if (exc) {
        lx_raise_obj(I, exc);
        rc_decref(exc);
    }
    return NULL;
}

static rc_object *b_enumerate(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    rc_object *start = NULL;
    if (kw && rc_dict_len(kw)) {
        rc_object *key = lx_intern(I, "start");
        start = key ? rc_dict_get(kw, key) : NULL;
        rc_xdecref(key);
        if (!start || rc_dict_len(kw) != 1)
            return lx_raise(I, LX_TypeError, "enumerate() got an unexpected keyword argument");
    }
    if (lx_check_nargs(I, "enumerate", n, 1, 2) < 0)
        return NULL;
    if (n == 2)
        start = a[1];
    int64_t s = 0;
    if (start && lx_index_value(I, start, &s) < 0)
        return NULL;
    rc_object *e = iter_new_stealing(I, IT_ENUMERATE, lx_iter(I, a[0]), NULL);
    if (e)
        ((lx_iterobj *)e)->i = s;
    return e;
}

static rc_object *iterators_tuple(lx_interp *I, rc_object *const *a, size_t n)
{
    rc_object *t = rc_tuple_new(I->heap, (rc_ssize)n);
    if (!t)
        return lx_raise_heap_error(I);
    for (size_t i = 0; i < n; i++) {
        rc_object *it = lx_iter(I, a[i]);
        if (!it) {
            rc_decref(t);
            return NULL;
        }
        rc_tuple_set(t, (rc_ssize)i, it);
        rc_decref(it);
    }
    return t;
}

static rc_object *b_zip(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (kw && rc_dict_len(kw)) {
        rc_object *key = lx_intern(I, "strict");
        int only_strict = key && rc_dict_get(kw, key) && rc_dict_len(kw) == 1;
        rc_xdecref(key);
        if (!only_strict)
            return lx_raise(I, LX_TypeError, "zip() got an unexpected keyword argument");
    }
    return iter_new_stealing(I, IT_ZIP, iterators_tuple(I, a, n), NULL);
}

static rc_object *b_map(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "map", kw) < 0)
        return NULL;
    if (n < 2)
        return lx_raise(I, LX_TypeError, "map() must have at least two arguments.");
    return iter_new_stealing(I, IT_MAP, iterators_tuple(I, a + 1, n - 1), a[0]);
}

static rc_object *b_filter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "filter", kw) < 0 || lx_check_nargs(I, "filter", n, 2, 2) < 0)
        return NULL;
    return iter_new_stealing(I, IT_FILTER, lx_iter(I, a[1]), a[0]);
}

static rc_object *b_reversed(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "reversed", kw) < 0 || lx_check_nargs(I, "reversed", n, 1, 1) < 0)
        return NULL;
    rc_object *o = a[0];
    if (o->type == &rc_list_type || o->type == &rc_tuple_type) {
        rc_object *it = iter_new(I, IT_REVERSED, o, NULL);
        if (it)
            ((lx_iterobj *)it)->i = (o->type == &rc_list_type ? rc_list_len(o) : rc_tuple_len(o)) - 1;
        return it;
    }
    if (o->type == &lx_range_type) {
        lx_range *r = (lx_range *)o;
        rc_object *rr = lx_range_new(I, r->start + (r->len - 1) * r->step, r->start - r->step, -r->step);
        if (!rr)
            return NULL;
        if (r->len == 0) {
            rc_decref(rr);
            rr = lx_range_new(I, 0, 0, 1);
            if (!rr)
                return NULL;
        }
        rc_object *it = lx_iter(I, rr);
        rc_decref(rr);
        return it;
    }
    if (o->type == &rc_str_type || o->type == &rc_dict_type) {
        rc_object *l = lx_list_from_iterable(I, o);
        if (!l)
            return NULL;
        rc_object *it = iter_new(I, IT_REVERSED, l, NULL);
        if (it)
            ((lx_iterobj *)it)->i = rc_list_len(l) - 1;
        rc_decref(l);
        return it;
    }
    if (lx_is_inst(o)) {
        rc_object *m = lx_lookup_special(I, o, I->names.__reversed__);
        if (m)
            return lx_call(I, m, &o, 1, NULL);
        if (lx_lookup_special(I, o, I->names.__getitem__) && lx_lookup_special(I, o, I->names.__len__)) {
            rc_ssize len = lx_len(I, o);
            if (len < 0)
                return NULL;
            rc_object *it = iter_new(I, IT_REVERSED, o, NULL);
            if (it)
                ((lx_iterobj *)it)->i = len - 1;
            return it;
        }
    }
    lx_class *c = lx_class_of(I, o);
    rc_object *native = c->slots ? lx_class_lookup(c, I->names.__reversed__) : NULL;
    if (native)                /* a native type's __reversed__ method */
        return lx_call(I, native, &o, 1, NULL);
    return lx_raise(I, LX_TypeError, "'%s' object is not reversible", lx_type_name(I, o));
}

const lx_func_def lx_iter_builtins[] = {
    {"iter", b_iter}, {"next", b_next}, {"enumerate", b_enumerate}, {"zip", b_zip},
    {"map", b_map}, {"filter", b_filter}, {"reversed", b_reversed}, {NULL, NULL},
};

void lx_init_iter_types(lx_interp *I)
{
    for (int k = 0; k < IT_KINDS; k++) {
        lx_class *c = lx_class_new_builtin(I, iter_types[k]->name, iter_types[k], I->c_object, CLS_NOSUBCLASS);
        if (!c)
            return;
        rc_decref(c);
    }
}
