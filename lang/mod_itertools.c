/*
 * lang/mod_itertools.c — the `itertools` module: lazy iterator building
 * blocks with CPython 3.11's behaviour and error messages.
 *
 * Every iterator is one struct (itobj) with its own rc_type per kind, so
 * type(x).__name__ is CPython's ('count', 'groupby', '_tee', ...).  The
 * struct's generic fields are used per kind as each constructor says.  An
 * iterator owns its sources and functions, so every kind is RC_TYPE_GC:
 * a list holding a cycle() over itself is collected.  Exhaustion is NULL
 * with no exception (lang.h's lx_next); an exhausted iterator drops its
 * source.
 *
 * Invariants:
 *   - Nothing is read from a source before the caller asks for an item:
 *     count() feeding islice() or takewhile() works.
 *   - groupby: each group (_grouper) remembers the parent's generation when
 *     it was made; the parent bumps the generation whenever it advances,
 *     so an older group yields nothing more, as in CPython.
 *   - tee: the copies share a chain of fixed-size links (_tee_dataobject),
 *     each holding the items read so far and the shared source; a link
 *     lives only while a copy or an earlier link refers to it, so items
 *     every copy has passed are freed.
 *   - product, permutations, combinations, combinations_with_replacement
 *     read their input into tuples first (as CPython) and step C arrays of
 *     indices (malloc'd, freed with the object).
 *
 * Module-level names are native functions (this interpreter's native
 * classes cannot be made from a module), so isinstance(x, itertools.count)
 * is not supported.  `chain` is an object of its own small type
 * (chain_factory) so that it can be called and also carry the method
 * chain.from_iterable.  The types are registered at the first import, so
 * a script that does not import itertools pays nothing for them.
 */
#include "mod_util.h"

#include <stdlib.h>
#include <string.h>

typedef struct itobj {
    rc_object ob;
    rc_object *src;            /* the source iterator; NULL once exhausted */
    rc_object *func;           /* predicate, function, key, or the repeated object */
    rc_object *a, *b, *c;      /* per kind, see its constructor */
    int64_t i, j, k, cnt;      /* per kind counters */
    int64_t *idx, *cyc;        /* combinatorics: indices and cycles (malloc'd) */
    int state;                 /* per kind: first / running / done, or a flag */
} itobj;

enum { ST_FIRST, ST_RUNNING, ST_DONE };

static int it_traverse(rc_object *self, rc_visit visit, void *arg)
{
    itobj *it = (itobj *)self;
    rc_object *refs[] = {it->src, it->func, it->a, it->b, it->c};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int r = refs[i] ? visit(refs[i], arg) : 0;
        if (r)
            return r;
    }
    return 0;
}

static void it_clear(rc_object *self)
{
    itobj *it = (itobj *)self;
    RC_CLEAR(it->src);
    RC_CLEAR(it->func);
    RC_CLEAR(it->a);
    RC_CLEAR(it->b);
    RC_CLEAR(it->c);
}

static void it_destroy(rc_object *self)
{
    itobj *it = (itobj *)self;
    it_clear(self);
    free(it->idx);
    free(it->cyc);
    it->idx = it->cyc = NULL;
}

#define IT_TYPE(var, tname)                                                                           \
    static const rc_type var = {.name = tname, .size = sizeof(itobj), .flags = RC_TYPE_GC,             \
                                .traverse = it_traverse, .clear = it_clear, .destroy = it_destroy}
IT_TYPE(count_type, "count");
IT_TYPE(cycle_type, "cycle");
IT_TYPE(repeat_type, "repeat");
IT_TYPE(accumulate_type, "accumulate");
IT_TYPE(chain_type, "chain");
IT_TYPE(compress_type, "compress");
IT_TYPE(dropwhile_type, "dropwhile");
IT_TYPE(takewhile_type, "takewhile");
IT_TYPE(filterfalse_type, "filterfalse");
IT_TYPE(groupby_type, "groupby");
IT_TYPE(grouper_type, "_grouper");
IT_TYPE(islice_type, "islice");
IT_TYPE(starmap_type, "starmap");
IT_TYPE(tee_type, "_tee");
IT_TYPE(zip_longest_type, "zip_longest");
IT_TYPE(pairwise_type, "pairwise");
IT_TYPE(product_type, "product");
IT_TYPE(permutations_type, "permutations");
IT_TYPE(combinations_type, "combinations");
IT_TYPE(cwr_type, "combinations_with_replacement");

static itobj *it_new(lx_interp *I, const rc_type *t)
{
    itobj *it = (itobj *)rc_new(lx_heap(I), t);
    if (!it)
        mod_raise_nomem(I);
    return it;
}

/* The object made so far, or NULL after dropping it when a step of its
 * construction failed (ok < 0 or a NULL field). */
static rc_object *it_finish(itobj *it, int ok)
{
    if (ok < 0) {
        rc_decref(&it->ob);
        return NULL;
    }
    return &it->ob;
}

/* Exhausted: drop the source.  Returns NULL for `return it_done(it)`. */
static rc_object *it_done(itobj *it)
{
    RC_CLEAR(it->src);
    return NULL;
}

static rc_object *it_self(lx_interp *I, rc_object *self)
{
    (void)I;
    rc_incref(self);
    return self;
}

/* ---- argument helpers -------------------------------------------------------------------- */

/* No keywords and min..max positional arguments, worded as CPython's
 * "cycle expected 1 argument, got 0". */
static int check_positional(lx_interp *I, const char *fname, size_t nargs, rc_object *kw, size_t min,
                            size_t max)
{
    if (lx_no_kwargs(I, fname, kw) < 0)
        return -1;
    if (nargs >= min && nargs <= max)
        return 0;
    size_t bound = nargs < min ? min : max;
    lx_raise(I, LX_TypeError, "%s expected %s%zu argument%s, got %zu", fname,
             min == max ? "" : nargs < min ? "at least " : "at most ", bound, bound == 1 ? "" : "s", nargs);
    return -1;
}

/* mod_parse_args, then the first nreq parameters must have been given. */
static int parse_required(lx_interp *I, const char *fname, rc_object *const *args, size_t nargs,
                          rc_object *kw, const char *const *names, size_t n, size_t nreq, rc_object **slots)
{
    if (mod_parse_args(I, fname, args, nargs, kw, names, n, slots) < 0)
        return -1;
    for (size_t i = 0; i < nreq; i++)
        if (!slots[i]) {
            lx_raise(I, LX_TypeError, "%s() missing required argument '%s' (pos %zu)", fname, names[i], i + 1);
            return -1;
        }
    return 0;
}

static int is_none(rc_object *o)
{
    return !o || o->type == &rc_none_type;
}

/* A new reference to o, or NULL for None (optional functions). */
static rc_object *unless_none(rc_object *o)
{
    if (is_none(o))
        return NULL;
    rc_incref(o);
    return o;
}

/* The items of an iterable as a tuple (a tuple itself is shared). */
static rc_object *to_tuple(lx_interp *I, rc_object *iterable)
{
    if (iterable->type == &rc_tuple_type) {
        rc_incref(iterable);
        return iterable;
    }
    rc_object *iter = lx_iter(I, iterable);
    rc_object *list = iter ? lx_list_new(I) : NULL;
    rc_object *v, *t = NULL;
    if (!list)
        goto out;
    while ((v = lx_next(I, iter)))
        if (mod_list_append_new(I, list, v) < 0)
            goto out;
    if (lx_exc_occurred(I))
        goto out;
    t = rc_tuple_new(lx_heap(I), rc_list_len(list));
    if (!t) {
        mod_raise_nomem(I);
        goto out;
    }
    for (rc_ssize i = 0; i < rc_list_len(list); i++)
        rc_tuple_set(t, i, rc_list_get(list, i));
out:
    rc_xdecref(iter);
    rc_xdecref(list);
    return t;
}

/* func(*tuple) */
static rc_object *call_with_tuple(lx_interp *I, rc_object *func, rc_object *t)
{
    size_t n = (size_t)rc_tuple_len(t);
    rc_object *small[8], **args = n <= 8 ? small : malloc(n * sizeof *args);
    if (!args)
        return mod_raise_nomem(I);
    for (size_t i = 0; i < n; i++)
        args[i] = rc_tuple_get(t, (rc_ssize)i);
    rc_object *r = lx_call(I, func, args, n, NULL);
    if (args != small)
        free(args);
    return r;
}

/* func(v) as a truth value, or v's own truth when func is NULL. */
static int pred_truth(lx_interp *I, rc_object *func, rc_object *v)
{
    if (!func)
        return lx_truth(I, v);
    rc_object *r = lx_call(I, func, &v, 1, NULL);
    if (!r)
        return -1;
    int t = lx_truth(I, r);
    rc_decref(r);
    return t;
}

/* "name(repr(first))" or "name(repr(first), repr(second))" */
static rc_object *call_repr(lx_interp *I, const char *name, rc_object *first, rc_object *second)
{
    rc_object *r1 = lx_repr(I, first);
    rc_object *r2 = r1 && second ? lx_repr(I, second) : NULL;
    rc_object *out = NULL;
    if (r1 && (r2 || !second)) {
        size_t len = strlen(name) + rc_str_size(r1) + (r2 ? rc_str_size(r2) : 0) + 8;
        char *buf = malloc(len);
        if (!buf) {
            mod_raise_nomem(I);
        } else {
            snprintf(buf, len, r2 ? "%s(%s, %s)" : "%s(%s)", name, rc_str_data(r1), r2 ? rc_str_data(r2) : "");
            out = lx_strz(I, buf);
            free(buf);
        }
    }
    rc_xdecref(r1);
    rc_xdecref(r2);
    return out;
}

/* ---- count, cycle, repeat ----------------------------------------------------------------- */

/* count: a = the next value, b = the step */
static int is_number(rc_object *o)
{
    return o->type == &rc_int_type || o->type == &rc_bool_type || o->type == &rc_float_type;
}

static rc_object *m_count(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"start", "step"};
    rc_object *slot[2];
    if (parse_required(I, "count", args, nargs, kw, names, 2, 0, slot) < 0)
        return NULL;
    if ((slot[0] && !is_number(slot[0])) || (slot[1] && !is_number(slot[1])))
        return lx_raise(I, LX_TypeError, "a number is required");
    itobj *it = it_new(I, &count_type);
    if (!it)
        return NULL;
    it->a = slot[0] ? (rc_incref(slot[0]), slot[0]) : lx_int(I, 0);
    it->b = slot[1] ? (rc_incref(slot[1]), slot[1]) : lx_int(I, 1);
    return it_finish(it, it->a && it->b ? 0 : -1);
}

static rc_object *count_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    rc_object *after = lx_add(I, it->a, it->b);
    if (!after)
        return NULL;
    rc_object *v = it->a;
    it->a = after;
    return v;
}

static rc_object *count_repr(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    int unit_step = it->b->type == &rc_int_type && rc_int_value(it->b) == 1;
    return call_repr(I, "count", it->a, unit_step ? NULL : it->b);
}

/* cycle: src = the source, a = the items saved on the first pass,
 * i = the next saved item to give, state = ST_RUNNING once replaying */
static rc_object *m_cycle(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (check_positional(I, "cycle", nargs, kw, 1, 1) < 0)
        return NULL;
    rc_object *src = lx_iter(I, args[0]);
    itobj *it = src ? it_new(I, &cycle_type) : NULL;
    if (!it) {
        rc_xdecref(src);
        return NULL;
    }
    it->src = src;
    it->a = lx_list_new(I);
    return it_finish(it, it->a ? 0 : -1);
}

static rc_object *cycle_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    if (it->state == ST_FIRST) {
        rc_object *v = lx_next(I, it->src);
        if (v) {
            if (rc_list_append(it->a, v) < 0) {
                rc_decref(v);
                return mod_raise_nomem(I);
            }
            return v;
        }
        if (lx_exc_occurred(I))
            return NULL;
        it_done(it);
        it->state = ST_RUNNING;
    }
    rc_ssize n = rc_list_len(it->a);
    if (n == 0)
        return NULL;
    rc_object *v = rc_list_get(it->a, (rc_ssize)(it->i % n));
    it->i = (it->i + 1) % n;
    rc_incref(v);
    return v;
}

/* repeat: func = the object, i = the times left, state = 1 when bounded */
static rc_object *m_repeat(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"object", "times"};
    rc_object *slot[2];
    int64_t times = 0;
    if (parse_required(I, "repeat", args, nargs, kw, names, 2, 1, slot) < 0 ||
        (slot[1] && lx_arg_int(I, "repeat", slot[1], &times) < 0))
        return NULL;
    itobj *it = it_new(I, &repeat_type);
    if (!it)
        return NULL;
    rc_incref(slot[0]);
    it->func = slot[0];
    it->state = slot[1] != NULL;
    it->i = times < 0 ? 0 : times;
    return &it->ob;
}

static rc_object *repeat_next(lx_interp *I, rc_object *self)
{
    (void)I;
    itobj *it = (itobj *)self;
    if (it->state) {
        if (it->i <= 0)
            return NULL;
        it->i--;
    }
    rc_incref(it->func);
    return it->func;
}

static rc_object *repeat_repr(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    if (!it->state)
        return call_repr(I, "repeat", it->func, NULL);
    rc_object *times = lx_int(I, it->i);
    rc_object *r = times ? call_repr(I, "repeat", it->func, times) : NULL;
    rc_xdecref(times);
    return r;
}

/* ---- accumulate, chain, compress, dropwhile, takewhile, filterfalse, starmap, pairwise ------ */

/* An iterator of kind t over iter(iterable) with func (borrowed, may be
 * NULL): the shape most of the kinds share. */
static itobj *it_over(lx_interp *I, const rc_type *t, rc_object *iterable, rc_object *func)
{
    rc_object *src = lx_iter(I, iterable);
    itobj *it = src ? it_new(I, t) : NULL;
    if (!it) {
        rc_xdecref(src);
        return NULL;
    }
    it->src = src;
    rc_xincref(func);
    it->func = func;
    return it;
}

/* accumulate: func = the function (NULL: +), a = the running total,
 * b = the initial value not yet given */
static rc_object *m_accumulate(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"iterable", "func", "initial"};
    rc_object *slot[3];
    if (nargs > 2)
        return lx_raise(I, LX_TypeError, "accumulate() takes at most 2 positional arguments (%zu given)", nargs);
    if (parse_required(I, "accumulate", args, nargs, kw, names, 3, 1, slot) < 0)
        return NULL;
    itobj *it = it_over(I, &accumulate_type, slot[0], NULL);
    if (!it)
        return NULL;
    it->func = unless_none(slot[1]);
    it->b = unless_none(slot[2]);
    return &it->ob;
}

static rc_object *accumulate_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    if (it->b) {
        RC_SETREF(it->a, it->b);
        it->b = NULL;
        rc_incref(it->a);
        return it->a;
    }
    if (!it->src)
        return NULL;
    rc_object *v = lx_next(I, it->src);
    if (!v)
        return lx_exc_occurred(I) ? NULL : it_done(it);
    if (it->a) {
        rc_object *pair[2] = {it->a, v};
        rc_object *total = it->func ? lx_call(I, it->func, pair, 2, NULL) : lx_add(I, it->a, v);
        rc_decref(v);
        if (!total)
            return NULL;
        v = total;
    }
    rc_incref(v);
    RC_SETREF(it->a, v);
    return v;
}

/* chain: src = the iterator of iterables, a = the iterator being read */
static rc_object *chain_over(lx_interp *I, rc_object *iterables)
{
    itobj *it = it_over(I, &chain_type, iterables, NULL);
    return it ? &it->ob : NULL;
}

static rc_object *chain_call(lx_interp *I, rc_object *self, rc_object *const *args, size_t nargs,
                             rc_object *kw)
{
    (void)self;
    if (lx_no_kwargs(I, "chain", kw) < 0)
        return NULL;
    rc_object *t = mod_tuple_of(I, args, nargs);
    rc_object *it = t ? chain_over(I, t) : NULL;
    rc_xdecref(t);
    return it;
}

static rc_object *chain_from_iterable(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "chain.from_iterable", nargs - 1, kw, 1, 1) < 0)
        return NULL;
    return chain_over(I, args[1]);
}

static rc_object *chain_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    for (;;) {
        if (it->a) {
            rc_object *v = lx_next(I, it->a);
            if (v || lx_exc_occurred(I))
                return v;
            RC_CLEAR(it->a);
        }
        if (!it->src)
            return NULL;
        rc_object *iterable = lx_next(I, it->src);
        if (!iterable)
            return lx_exc_occurred(I) ? NULL : it_done(it);
        it->a = lx_iter(I, iterable);
        rc_decref(iterable);
        if (!it->a)
            return NULL;
    }
}

/* compress: src = the data, a = the selectors */
static rc_object *m_compress(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"data", "selectors"};
    rc_object *slot[2];
    if (parse_required(I, "compress", args, nargs, kw, names, 2, 2, slot) < 0)
        return NULL;
    itobj *it = it_over(I, &compress_type, slot[0], NULL);
    if (!it)
        return NULL;
    it->a = lx_iter(I, slot[1]);
    return it_finish(it, it->a ? 0 : -1);
}

static rc_object *compress_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    while (it->src) {
        rc_object *v = lx_next(I, it->src);
        rc_object *s = v ? lx_next(I, it->a) : NULL;
        if (!s) {
            rc_xdecref(v);
            return lx_exc_occurred(I) ? NULL : it_done(it);
        }
        int t = lx_truth(I, s);
        rc_decref(s);
        if (t)
            return t < 0 ? (rc_decref(v), NULL) : v;
        rc_decref(v);
    }
    return NULL;
}

/* dropwhile, takewhile, filterfalse, starmap: src and func, two arguments */
static rc_object *pred_iter(lx_interp *I, const rc_type *t, const char *fname, rc_object *const *args,
                            size_t nargs, rc_object *kw)
{
    if (check_positional(I, fname, nargs, kw, 2, 2) < 0)
        return NULL;
    itobj *it = it_over(I, t, args[1], args[0]);
    return it ? &it->ob : NULL;
}

static rc_object *m_dropwhile(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    return pred_iter(I, &dropwhile_type, "dropwhile", args, nargs, kw);
}

static rc_object *m_takewhile(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    return pred_iter(I, &takewhile_type, "takewhile", args, nargs, kw);
}

static rc_object *m_starmap(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    return pred_iter(I, &starmap_type, "starmap", args, nargs, kw);
}

static rc_object *m_filterfalse(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    rc_object *it = pred_iter(I, &filterfalse_type, "filterfalse", args, nargs, kw);
    if (it && is_none(((itobj *)it)->func))
        RC_CLEAR(((itobj *)it)->func);       /* None: the items' own truth */
    return it;
}

/* The next item of src, or NULL: exhausted (source dropped) or an error. */
static rc_object *src_next(lx_interp *I, itobj *it)
{
    if (!it->src)
        return NULL;
    rc_object *v = lx_next(I, it->src);
    if (!v && !lx_exc_occurred(I))
        it_done(it);
    return v;
}

/* state = 1 once an item failed the predicate */
static rc_object *dropwhile_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    rc_object *v;
    while ((v = src_next(I, it))) {
        if (it->state)
            return v;
        int t = pred_truth(I, it->func, v);
        if (t <= 0) {
            it->state = 1;
            return t < 0 ? (rc_decref(v), NULL) : v;
        }
        rc_decref(v);
    }
    return NULL;
}

static rc_object *takewhile_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    rc_object *v = src_next(I, it);
    if (!v)
        return NULL;
    int t = pred_truth(I, it->func, v);
    if (t > 0)
        return v;
    rc_decref(v);
    return t < 0 ? NULL : it_done(it);
}

static rc_object *filterfalse_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    rc_object *v;
    while ((v = src_next(I, it))) {
        int t = pred_truth(I, it->func, v);
        if (t <= 0)
            return t < 0 ? (rc_decref(v), NULL) : v;
        rc_decref(v);
    }
    return NULL;
}

static rc_object *starmap_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    rc_object *v = src_next(I, it);
    rc_object *t = v ? to_tuple(I, v) : NULL;
    rc_xdecref(v);
    rc_object *r = t ? call_with_tuple(I, it->func, t) : NULL;
    rc_xdecref(t);
    return r;
}

/* pairwise: a = the previous item */
static rc_object *m_pairwise(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (check_positional(I, "pairwise", nargs, kw, 1, 1) < 0)
        return NULL;
    itobj *it = it_over(I, &pairwise_type, args[0], NULL);
    return it ? &it->ob : NULL;
}

static rc_object *pairwise_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    if (!it->a && !(it->a = src_next(I, it)))
        return NULL;
    rc_object *v = src_next(I, it);
    if (!v) {
        if (!it->src)
            RC_CLEAR(it->a);
        return NULL;
    }
    rc_object *pair[2] = {it->a, v};
    rc_object *t = mod_tuple_of(I, pair, 2);
    RC_SETREF(it->a, v);
    return t;
}

/* ---- groupby ---------------------------------------------------------------------------------- */

/* groupby: func = the key function (NULL: the item), a = the key of the
 * current group, b = the key of c, c = the item read ahead (NULL: none),
 * i = the generation (bumped at every step of the groupby itself).
 * _grouper: a = the parent, b = its key, i = the parent's generation. */
static rc_object *m_groupby(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"iterable", "key"};
    rc_object *slot[2];
    if (parse_required(I, "groupby", args, nargs, kw, names, 2, 1, slot) < 0)
        return NULL;
    itobj *it = it_over(I, &groupby_type, slot[0], NULL);
    if (it)
        it->func = unless_none(slot[1]);
    return it ? &it->ob : NULL;
}

/* Read the next item and its key into c and b.  1, 0 exhausted, -1. */
static int groupby_step(lx_interp *I, itobj *g)
{
    rc_object *v = src_next(I, g);
    if (!v)
        return lx_exc_occurred(I) ? -1 : 0;
    rc_object *key = v;
    if (g->func)
        key = lx_call(I, g->func, &v, 1, NULL);
    else
        rc_incref(key);
    if (!key) {
        rc_decref(v);
        return -1;
    }
    RC_SETREF(g->b, key);
    RC_SETREF(g->c, v);
    return 1;
}

static rc_object *groupby_next(lx_interp *I, rc_object *self)
{
    itobj *g = (itobj *)self;
    g->i++;
    for (;;) {
        if (!g->c) {
            int r = groupby_step(I, g);
            if (r <= 0)
                return NULL;
        }
        if (!g->a)
            break;
        int same = lx_compare(I, g->a, g->b, LX_CMP_EQ);
        if (same < 0)
            return NULL;
        if (!same)
            break;
        RC_CLEAR(g->c);
    }
    rc_incref(g->b);
    RC_SETREF(g->a, g->b);
    itobj *grp = it_new(I, &grouper_type);
    if (!grp)
        return NULL;
    rc_incref(self);
    grp->a = self;
    rc_incref(g->a);
    grp->b = g->a;
    grp->i = g->i;
    rc_object *pair[2] = {g->a, &grp->ob};
    rc_object *t = mod_tuple_of(I, pair, 2);
    rc_decref(&grp->ob);
    return t;
}

static rc_object *grouper_next(lx_interp *I, rc_object *self)
{
    itobj *grp = (itobj *)self;
    itobj *g = (itobj *)grp->a;
    if (!g || g->i != grp->i)
        return NULL;
    if (!g->c && groupby_step(I, g) <= 0)
        return NULL;
    int same = lx_compare(I, grp->b, g->b, LX_CMP_EQ);
    if (same <= 0)
        return NULL;
    rc_object *v = g->c;
    g->c = NULL;
    return v;
}

/* ---- islice ----------------------------------------------------------------------------------- */

/* An islice bound: None (keeps *out) or an int >= min.  0, or -1 if not. */
static int slice_bound(rc_object *o, int64_t min, int64_t *out)
{
    if (is_none(o))
        return 0;
    if (o->type != &rc_int_type && o->type != &rc_bool_type)
        return -1;
    *out = rc_int_value(o);
    return *out < min ? -1 : 0;
}

/* islice: i = the index of the next item to give, j = stop (-1: none),
 * k = step, cnt = the items read so far */
static rc_object *m_islice(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (check_positional(I, "islice", nargs, kw, 2, 4) < 0)
        return NULL;
    int64_t start = 0, stop = -1, step = 1;
    if (nargs == 2) {
        if (slice_bound(args[1], 0, &stop) < 0)
            return lx_raise(I, LX_ValueError,
                            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    } else if (slice_bound(args[1], 0, &start) < 0 || slice_bound(args[2], 0, &stop) < 0) {
        return lx_raise(I, LX_ValueError,
                        "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    }
    if (nargs == 4 && slice_bound(args[3], 1, &step) < 0)
        return lx_raise(I, LX_ValueError, "Step for islice() must be a positive integer or None.");
    itobj *it = it_over(I, &islice_type, args[0], NULL);
    if (!it)
        return NULL;
    it->i = start;
    it->j = stop;
    it->k = step;
    return &it->ob;
}

static rc_object *islice_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    int64_t stop = it->j;
    while (it->cnt < it->i && (stop < 0 || it->cnt < stop)) {
        rc_object *skip = src_next(I, it);
        if (!skip)
            return NULL;
        rc_decref(skip);
        it->cnt++;
    }
    if (stop >= 0 && it->cnt >= stop)
        return it_done(it);
    rc_object *v = src_next(I, it);
    if (!v)
        return NULL;
    it->cnt++;
    int64_t next = it->i + it->k;
    it->i = (next < it->i || (stop >= 0 && next > stop)) ? (stop >= 0 ? stop : INT64_MAX) : next;
    return v;
}

/* ---- tee -------------------------------------------------------------------------------------- */

#define TEE_LINK_ITEMS 32

/* A run of items read from the shared source, and the link after it. */
typedef struct tee_link {
    rc_object ob;
    rc_object *src;            /* the shared source; NULL once exhausted */
    rc_object *next;           /* the following link, or NULL */
    int count;                 /* items held */
    int reading;               /* a copy is inside lx_next on src */
    rc_object *items[TEE_LINK_ITEMS];
} tee_link;

static int link_traverse(rc_object *self, rc_visit visit, void *arg)
{
    tee_link *l = (tee_link *)self;
    int r = 0;
    for (int i = 0; !r && i < l->count; i++)
        r = visit(l->items[i], arg);
    if (!r && l->src)
        r = visit(l->src, arg);
    if (!r && l->next)
        r = visit(l->next, arg);
    return r;
}

/* Drop the reference to the following link; a long run of links that
 * nothing else holds is freed iteratively, not by recursion. */
static void link_release_next(tee_link *l)
{
    rc_object *next = l->next;
    l->next = NULL;
    while (next && next->refcnt == 1) {
        rc_object *after = ((tee_link *)next)->next;
        ((tee_link *)next)->next = NULL;
        rc_decref(next);
        next = after;
    }
    rc_xdecref(next);
}

static void link_clear(rc_object *self)
{
    tee_link *l = (tee_link *)self;
    int n = l->count;
    l->count = 0;
    for (int i = 0; i < n; i++)
        rc_decref(l->items[i]);
    RC_CLEAR(l->src);
    link_release_next(l);
}

static const rc_type tee_link_type = {.name = "_tee_dataobject", .size = sizeof(tee_link),
                                      .flags = RC_TYPE_GC, .traverse = link_traverse,
                                      .clear = link_clear, .destroy = link_clear};

static rc_object *link_new(lx_interp *I, rc_object *src)
{
    tee_link *l = (tee_link *)rc_new(lx_heap(I), &tee_link_type);
    if (!l)
        return mod_raise_nomem(I);
    rc_xincref(src);
    l->src = src;
    return &l->ob;
}

/* _tee: a = the current link, i = the index of the next item in it */
static rc_object *tee_at(lx_interp *I, rc_object *link, int64_t index)
{
    itobj *t = it_new(I, &tee_type);
    if (!t)
        return NULL;
    rc_incref(link);
    t->a = link;
    t->i = index;
    return &t->ob;
}

static rc_object *tee_next(lx_interp *I, rc_object *self)
{
    itobj *t = (itobj *)self;
    tee_link *l = (tee_link *)t->a;
    if (t->i == TEE_LINK_ITEMS) {
        if (!l->next && !(l->next = link_new(I, l->src)))
            return NULL;
        rc_incref(l->next);
        RC_SETREF(t->a, l->next);
        l = (tee_link *)t->a;
        t->i = 0;
    }
    if (t->i < l->count) {
        rc_object *v = l->items[t->i++];
        rc_incref(v);
        return v;
    }
    if (!l->src)
        return NULL;
    if (l->reading)
        return lx_raise(I, LX_RuntimeError, "cannot re-enter the tee iterator");
    l->reading = 1;
    rc_object *v = lx_next(I, l->src);
    l->reading = 0;
    if (!v) {
        if (!lx_exc_occurred(I))
            RC_CLEAR(l->src);
        return NULL;
    }
    rc_incref(v);
    l->items[l->count++] = v;
    t->i++;
    return v;
}

static rc_object *tee_copy(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "__copy__", nargs - 1, kw, 0, 0) < 0)
        return NULL;
    itobj *t = (itobj *)args[0];
    return tee_at(I, t->a, t->i);
}

static rc_object *m_tee(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    int64_t n = 2;
    if (check_positional(I, "tee", nargs, kw, 1, 2) < 0 || (nargs == 2 && lx_arg_int(I, "tee", args[1], &n) < 0))
        return NULL;
    if (n < 0)
        return lx_raise(I, LX_ValueError, "n must be >= 0");
    rc_object *src = lx_iter(I, args[0]);
    if (!src)
        return NULL;
    rc_object *first = src;                 /* a _tee is copied, as CPython does */
    if (src->type != &tee_type) {
        rc_object *link = link_new(I, src);
        first = link ? tee_at(I, link, 0) : NULL;
        rc_xdecref(link);
        rc_decref(src);
    }
    rc_object *result = first ? rc_tuple_new(lx_heap(I), n) : NULL;
    if (first && !result)
        mod_raise_nomem(I);
    for (int64_t i = 0; result && i < n; i++) {
        rc_object *copy = i == 0 ? (rc_incref(first), first)
                                 : tee_at(I, ((itobj *)first)->a, ((itobj *)first)->i);
        if (!copy || rc_tuple_set(result, i, copy) < 0)
            RC_CLEAR(result);
        rc_xdecref(copy);
    }
    rc_xdecref(first);
    return result;
}

/* ---- zip_longest ------------------------------------------------------------------------------ */

/* zip_longest: a = a list of the iterators (None where exhausted),
 * func = the fill value, i = the iterators still running */
static rc_object *m_zip_longest(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    rc_object *fill = rc_none();
    if (kw && rc_dict_len(kw) > 0) {
        rc_object *key = lx_strz(I, "fillvalue");
        rc_object *v = key && rc_dict_len(kw) == 1 ? rc_dict_get(kw, key) : NULL;
        rc_xdecref(key);
        if (!v)
            return lx_raise(I, LX_TypeError, "zip_longest() got an unexpected keyword argument");
        fill = v;
    }
    itobj *it = it_new(I, &zip_longest_type);
    if (!it)
        return NULL;
    rc_incref(fill);
    it->func = fill;
    it->a = lx_list_new(I);
    int ok = it->a ? 0 : -1;
    for (size_t k = 0; ok == 0 && k < nargs; k++)
        ok = mod_list_append_new(I, it->a, lx_iter(I, args[k]));
    it->i = (int64_t)nargs;
    return it_finish(it, ok);
}

static rc_object *zip_longest_next(lx_interp *I, rc_object *self)
{
    itobj *it = (itobj *)self;
    rc_ssize n = it->a ? rc_list_len(it->a) : 0;
    if (it->i == 0 || n == 0)
        return NULL;
    rc_object *t = rc_tuple_new(lx_heap(I), n);
    if (!t)
        return mod_raise_nomem(I);
    for (rc_ssize k = 0; k < n; k++) {
        rc_object *src = rc_list_get(it->a, k), *v = NULL;
        if (!is_none(src) && !(v = lx_next(I, src))) {
            if (lx_exc_occurred(I) || rc_list_set(it->a, k, rc_none()) < 0 || --it->i == 0) {
                rc_decref(t);
                return NULL;
            }
        }
        rc_tuple_set(t, k, v ? v : it->func);
        rc_xdecref(v);
    }
    return t;
}

/* ---- product and the combinatoric iterators --------------------------------------------------- */

/* product: a = the pools (a tuple of tuples), idx = an index per pool.
 * permutations: a = the pool, idx = n indices, cyc = r cycles.
 * combinations, combinations_with_replacement: a = the pool, idx = r indices.
 * All: i = n (the pool's length or the pools' count), j = r, state ST_*. */

static int64_t *index_array(lx_interp *I, int64_t n)
{
    int64_t *a = calloc(n > 0 ? (size_t)n : 1, sizeof *a);
    if (!a)
        mod_raise_nomem(I);
    return a;
}

static rc_object *m_product(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"repeat"};
    rc_object *rep = NULL;
    int64_t repeat = 1;
    if (mod_parse_args(I, "product", args, 0, kw, names, 1, &rep) < 0 ||
        (rep && lx_arg_int(I, "product", rep, &repeat) < 0))
        return NULL;
    if (repeat < 0)
        return lx_raise(I, LX_ValueError, "repeat argument cannot be negative");
    if (nargs && repeat > INT32_MAX / (int64_t)nargs)
        return lx_raise(I, LX_OverflowError, "repeat argument too large");
    itobj *it = it_new(I, &product_type);
    if (!it)
        return NULL;
    int64_t npools = (int64_t)nargs * repeat;
    it->i = npools;
    it->a = rc_tuple_new(lx_heap(I), npools);
    it->idx = index_array(I, npools);
    int ok = it->a && it->idx ? 0 : -1;
    if (!it->a)
        mod_raise_nomem(I);
    for (size_t k = 0; ok == 0 && k < nargs; k++) {
        rc_object *pool = to_tuple(I, args[k]);
        ok = pool ? 0 : -1;
        for (int64_t r = 0; pool && r < repeat; r++)
            rc_tuple_set(it->a, r * (int64_t)nargs + (int64_t)k, pool);
        if (pool && rc_tuple_len(pool) == 0)
            it->state = ST_DONE;
        rc_xdecref(pool);
    }
    return it_finish(it, ok);
}

/* Step the indices to the next result; 0 when there is none. */
static int product_advance(itobj *it)
{
    for (int64_t p = it->i - 1; p >= 0; p--) {
        if (++it->idx[p] < rc_tuple_len(rc_tuple_get(it->a, p)))
            return 1;
        it->idx[p] = 0;
    }
    return 0;
}

static rc_object *product_pick(lx_interp *I, itobj *it)
{
    rc_object *t = rc_tuple_new(lx_heap(I), it->i);
    if (!t)
        return mod_raise_nomem(I);
    for (int64_t p = 0; p < it->i; p++)
        rc_tuple_set(t, p, rc_tuple_get(rc_tuple_get(it->a, p), it->idx[p]));
    return t;
}

/* (pool[idx[0]], ..., pool[idx[r-1]]) */
static rc_object *pool_pick(lx_interp *I, itobj *it)
{
    rc_object *t = rc_tuple_new(lx_heap(I), it->j);
    if (!t)
        return mod_raise_nomem(I);
    for (int64_t p = 0; p < it->j; p++)
        rc_tuple_set(t, p, rc_tuple_get(it->a, it->idx[p]));
    return t;
}

/* The common step: the first result as made, then advance until none. */
static rc_object *combinatoric_next(lx_interp *I, itobj *it, int (*advance)(itobj *),
                                    rc_object *(*pick)(lx_interp *, itobj *))
{
    if (it->state == ST_DONE)
        return NULL;
    if (it->state == ST_FIRST)
        it->state = ST_RUNNING;
    else if (!advance(it)) {
        it->state = ST_DONE;
        return NULL;
    }
    return pick(I, it);
}

static rc_object *product_next(lx_interp *I, rc_object *self)
{
    return combinatoric_next(I, (itobj *)self, product_advance, product_pick);
}

/* A combinatoric iterator over pool = tuple(iterable) taking r items
 * (r_arg NULL or None: all of them), with idx of idx_len entries (-1: r). */
static itobj *combinatoric_new(lx_interp *I, const rc_type *type, const char *fname, rc_object *iterable,
                               rc_object *r_arg)
{
    int64_t r = -1;
    if (!is_none(r_arg)) {
        if (r_arg->type != &rc_int_type && r_arg->type != &rc_bool_type && type == &permutations_type)
            return lx_raise(I, LX_TypeError, "Expected int as r"), NULL;
        if (lx_arg_int(I, fname, r_arg, &r) < 0)
            return NULL;
        if (r < 0)
            return lx_raise(I, LX_ValueError, "r must be non-negative"), NULL;
    }
    rc_object *pool = to_tuple(I, iterable);
    itobj *it = pool ? it_new(I, type) : NULL;
    if (!it) {
        rc_xdecref(pool);
        return NULL;
    }
    it->a = pool;
    it->i = rc_tuple_len(pool);
    it->j = r < 0 ? it->i : r;
    int64_t nidx = type == &permutations_type ? it->i : it->j;
    it->idx = index_array(I, nidx);
    if (!it->idx) {
        rc_decref(&it->ob);
        return NULL;
    }
    return it;
}

static rc_object *m_permutations(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"iterable", "r"};
    rc_object *slot[2];
    if (parse_required(I, "permutations", args, nargs, kw, names, 2, 1, slot) < 0)
        return NULL;
    itobj *it = combinatoric_new(I, &permutations_type, "permutations", slot[0], slot[1]);
    if (!it)
        return NULL;
    int64_t n = it->i, r = it->j;
    if (!(it->cyc = index_array(I, r)))
        return it_finish(it, -1);
    for (int64_t p = 0; p < n; p++)
        it->idx[p] = p;
    for (int64_t p = 0; p < r; p++)
        it->cyc[p] = n - p;
    if (r > n)
        it->state = ST_DONE;
    return &it->ob;
}

static int permutations_advance(itobj *it)
{
    int64_t n = it->i, r = it->j, *idx = it->idx, *cyc = it->cyc;
    if (n == 0)
        return 0;
    for (int64_t p = r - 1; p >= 0; p--) {
        if (--cyc[p] == 0) {
            int64_t moved = idx[p];
            memmove(idx + p, idx + p + 1, (size_t)(n - p - 1) * sizeof *idx);
            idx[n - 1] = moved;
            cyc[p] = n - p;
        } else {
            int64_t q = n - cyc[p], tmp = idx[p];
            idx[p] = idx[q];
            idx[q] = tmp;
            return 1;
        }
    }
    return 0;
}

static rc_object *permutations_next(lx_interp *I, rc_object *self)
{
    return combinatoric_next(I, (itobj *)self, permutations_advance, pool_pick);
}

/* combinations(iterable, r) and combinations_with_replacement(...) */
static itobj *choose_new(lx_interp *I, const rc_type *type, const char *fname, rc_object *const *args,
                         size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"iterable", "r"};
    rc_object *slot[2];
    if (parse_required(I, fname, args, nargs, kw, names, 2, 2, slot) < 0)
        return NULL;
    return combinatoric_new(I, type, fname, slot[0], slot[1]);
}

static rc_object *m_combinations(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    itobj *it = choose_new(I, &combinations_type, "combinations", args, nargs, kw);
    if (!it)
        return NULL;
    for (int64_t p = 0; p < it->j; p++)
        it->idx[p] = p;
    if (it->j > it->i)
        it->state = ST_DONE;
    return &it->ob;
}

static int combinations_advance(itobj *it)
{
    int64_t n = it->i, r = it->j, *idx = it->idx, p = r - 1;
    while (p >= 0 && idx[p] == p + n - r)
        p--;
    if (p < 0)
        return 0;
    idx[p]++;
    for (int64_t q = p + 1; q < r; q++)
        idx[q] = idx[q - 1] + 1;
    return 1;
}

static rc_object *combinations_next(lx_interp *I, rc_object *self)
{
    return combinatoric_next(I, (itobj *)self, combinations_advance, pool_pick);
}

static rc_object *m_cwr(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    itobj *it = choose_new(I, &cwr_type, "combinations_with_replacement", args, nargs, kw);
    if (it && it->i == 0 && it->j > 0)
        it->state = ST_DONE;
    return it ? &it->ob : NULL;
}

static int cwr_advance(itobj *it)
{
    int64_t n = it->i, r = it->j, *idx = it->idx, p = r - 1;
    while (p >= 0 && idx[p] == n - 1)
        p--;
    if (p < 0)
        return 0;
    int64_t v = idx[p] + 1;
    for (int64_t q = p; q < r; q++)
        idx[q] = v;
    return 1;
}

static rc_object *cwr_next(lx_interp *I, rc_object *self)
{
    return combinatoric_next(I, (itobj *)self, cwr_advance, pool_pick);
}

/* ---- the types and the module ------------------------------------------------------------------- */

static const lx_func_def tee_methods[] = {{"__copy__", tee_copy}, {NULL, NULL}};

#define IT_SLOTS(var, nextfn, ...) {.type = &var, .name = NULL, .iter = it_self, .next = nextfn, __VA_ARGS__}
static const lx_type_slots iterator_slots[] = {
    IT_SLOTS(count_type, count_next, .repr = count_repr),
    IT_SLOTS(cycle_type, cycle_next),
    IT_SLOTS(repeat_type, repeat_next, .repr = repeat_repr),
    IT_SLOTS(accumulate_type, accumulate_next),
    IT_SLOTS(chain_type, chain_next),
    IT_SLOTS(compress_type, compress_next),
    IT_SLOTS(dropwhile_type, dropwhile_next),
    IT_SLOTS(takewhile_type, takewhile_next),
    IT_SLOTS(filterfalse_type, filterfalse_next),
    IT_SLOTS(groupby_type, groupby_next),
    IT_SLOTS(grouper_type, grouper_next),
    IT_SLOTS(islice_type, islice_next),
    IT_SLOTS(starmap_type, starmap_next),
    IT_SLOTS(tee_type, tee_next, .methods = tee_methods),
    IT_SLOTS(zip_longest_type, zip_longest_next),
    IT_SLOTS(pairwise_type, pairwise_next),
    IT_SLOTS(product_type, product_next),
    IT_SLOTS(permutations_type, permutations_next),
    IT_SLOTS(combinations_type, combinations_next),
    IT_SLOTS(cwr_type, cwr_next),
    {.type = &tee_link_type},
};

/* chain: callable, with the method from_iterable */
static const rc_type chain_factory_type = {.name = "chain_factory", .size = sizeof(rc_object)};

static rc_object *chain_factory_repr(lx_interp *I, rc_object *self)
{
    (void)self;
    return lx_strz(I, "<class 'itertools.chain'>");
}

static const lx_func_def chain_factory_methods[] = {{"from_iterable", chain_from_iterable}, {NULL, NULL}};

static const lx_type_slots chain_factory_slots = {
    .type = &chain_factory_type, .repr = chain_factory_repr, .call = chain_call,
    .methods = chain_factory_methods,
};

/* At the first import, so that start-up does not pay for the types. */
static int register_types(lx_interp *I)
{
    for (size_t k = 0; k < sizeof iterator_slots / sizeof iterator_slots[0]; k++)
        if (lx_register_type(I, &iterator_slots[k]) < 0)
            return -1;
    return lx_register_type(I, &chain_factory_slots);
}

static const lx_func_def itertools_functions[] = {
    {"count", m_count}, {"cycle", m_cycle}, {"repeat", m_repeat}, {"accumulate", m_accumulate},
    {"compress", m_compress}, {"dropwhile", m_dropwhile}, {"takewhile", m_takewhile},
    {"filterfalse", m_filterfalse}, {"groupby", m_groupby}, {"islice", m_islice}, {"starmap", m_starmap},
    {"tee", m_tee}, {"zip_longest", m_zip_longest}, {"pairwise", m_pairwise}, {"product", m_product},
    {"permutations", m_permutations}, {"combinations", m_combinations},
    {"combinations_with_replacement", m_cwr}, {NULL, NULL},
};

rc_object *lx_mod_itertools_init(lx_interp *I)
{
    rc_object *m = register_types(I) < 0 ? NULL : lx_module_new(I, "itertools", itertools_functions);
    if (!m)
        return NULL;
    rc_object *chain = rc_new(lx_heap(I), &chain_factory_type);
    if (mod_set_new(I, m, "chain", chain ? chain : mod_raise_nomem(I)) < 0)
        RC_CLEAR(m);
    return m;
}
