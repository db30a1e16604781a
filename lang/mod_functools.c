/*
 * lang/mod_functools.c — the `functools` module: reduce, partial,
 * cmp_to_key, update_wrapper/wraps, lru_cache/cache and total_ordering,
 * with CPython 3.11's behaviour and error messages.
 *
 * Native types of the module (registered at its first import):
 *   partial      func, args (a tuple), keywords (a dict); calling it calls
 *                func(*args, *more, **keywords | more_keywords).  A partial
 *                of an exact partial is flattened, as CPython's.
 *   KeyWrapper   what cmp_to_key returns, and what calling it returns: the
 *                latter holds obj and compares through cmp(a.obj, b.obj).
 *   lru wrapper  func, its cache (a dict whose insertion order is the
 *                recency order: the first key is the least recently used, a
 *                hit moves its key to the end), the hit and miss counts.
 *   CacheInfo    cache_info()'s answer: hits, misses, maxsize, currsize.
 * Every type holding references is RC_TYPE_GC (a partial can reach itself
 * through its arguments, a cached result can hold the wrapper), so cycles
 * through them are collected.
 *
 * The cache key of a call is the tuple (number of positional arguments,
 * the arguments, then each keyword's name and value), followed for
 * typed=True by the type of each of those values: the leading count keeps
 * f(1, 2) apart from f(1, b=2) without a sentinel object.
 *
 * total_ordering adds to the class native methods (lx_cfunc_method_new)
 * that find the root comparison on the instance when called.
 *
 * An lru wrapper found in a class binds to the instance it is read
 * through, as a function does (its `get` slot), so a cached method gets
 * self and self is part of its cache key, as in CPython.
 */
#include "methods_util.h"
#include "mod_util.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared helpers --------------------------------------------------------------- */

static int visit_all(rc_object *const *fields, size_t n, rc_visit visit, void *arg)
{
    for (size_t i = 0; i < n; i++) {
        int r = fields[i] ? visit(fields[i], arg) : 0;
        if (r)
            return r;
    }
    return 0;
}

/* A new dict holding d's items (d may be NULL: empty). */
static rc_object *dict_copy(lx_interp *I, rc_object *d)
{
    rc_object *out = lx_dict_new(I), *k, *v;
    rc_ssize pos = 0;
    while (out && d && rc_dict_next(d, &pos, &k, &v))
        if (rc_dict_set(out, k, v) < 0) {
            RC_CLEAR(out);
            if (!lx_exc_occurred(I))
                lx_raise_heap_error(I);
        }
    return out;
}

static int dict_store(lx_interp *I, rc_object *d, rc_object *key, rc_object *value)
{
    if (rc_dict_set(d, key, value) == 0)
        return 0;
    if (!lx_exc_occurred(I))
        lx_raise_heap_error(I);
    return -1;
}

/* ---- partial ------------------------------------------------------------------------ */

typedef struct ft_partial {
    rc_object ob;
    rc_object *func, *args, *kw;   /* callable, tuple, dict: set once made */
} ft_partial;

static int partial_traverse(rc_object *self, rc_visit visit, void *arg)
{
    ft_partial *p = (ft_partial *)self;
    rc_object *fields[] = {p->func, p->args, p->kw};
    return visit_all(fields, 3, visit, arg);
}

static void partial_clear(rc_object *self)
{
    ft_partial *p = (ft_partial *)self;
    RC_CLEAR(p->func);
    RC_CLEAR(p->args);
    RC_CLEAR(p->kw);
}

static const rc_type partial_type = {
    .name = "partial", .size = sizeof(ft_partial), .flags = RC_TYPE_GC,
    .traverse = partial_traverse, .clear = partial_clear, .destroy = partial_clear,
};

/* A tuple of items[0..n) (borrowed). */
static rc_object *tuple_pack(lx_interp *I, rc_object *const *items, size_t n)
{
    rc_object *t = rc_tuple_pack(lx_heap(I), items, (rc_ssize)n, 0);
    return t ? t : mod_raise_nomem(I);
}

/* A tuple of a[0..na) then b[0..nb). */
static rc_object *tuple_concat(lx_interp *I, rc_object *const *a, size_t na, rc_object *const *b, size_t nb)
{
    rc_object *small[16], **v = na + nb <= 16 ? small : malloc((na + nb) * sizeof *v);
    if (!v)
        return mod_raise_nomem(I);
    for (size_t i = 0; i < na + nb; i++)
        v[i] = i < na ? a[i] : b[i - na];
    rc_object *t = tuple_pack(I, v, na + nb);
    if (v != small)
        free(v);
    return t;
}

static rc_object **tuple_items(rc_object *t, rc_object **small, size_t nsmall)
{
    size_t n = (size_t)rc_tuple_len(t);
    rc_object **v = n <= nsmall ? small : malloc(n * sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        v[i] = rc_tuple_get(t, (rc_ssize)i);
    return v;
}

/* partial(func, args..., **kw) over the stored args and keywords pre/prekw. */
static rc_object *partial_make(lx_interp *I, rc_object *func, rc_object *pre, rc_object *prekw,
                               rc_object *const *args, size_t nargs, rc_object *kw)
{
    rc_object *small[8], **prev = pre ? tuple_items(pre, small, 8) : small;
    if (!prev)
        return mod_raise_nomem(I);
    ft_partial *p = (ft_partial *)rc_new(lx_heap(I), &partial_type);
    if (!p)
        mod_raise_nomem(I);
    else {
        rc_incref(func);
        p->func = func;
        p->args = tuple_concat(I, prev, pre ? (size_t)rc_tuple_len(pre) : 0, args, nargs);
        p->kw = p->args ? dict_copy(I, prekw) : NULL;
        rc_object *k, *v;
        rc_ssize pos = 0;
        while (p->kw && kw && rc_dict_next(kw, &pos, &k, &v))
            if (dict_store(I, p->kw, k, v) < 0)
                RC_CLEAR(p->kw);
        if (!p->kw)
            RC_CLEAR(p);
    }
    if (prev != small)
        free(prev);
    return p ? &p->ob : NULL;
}

static rc_object *ft_partial_new(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (n == 0)
        return lx_raise(I, LX_TypeError, "type 'partial' takes at least one argument");
    if (!lx_callable(I, a[0]))
        return lx_raise(I, LX_TypeError, "the first argument must be callable");
    if (a[0]->type == &partial_type) {
        ft_partial *inner = (ft_partial *)a[0];
        return partial_make(I, inner->func, inner->args, inner->kw, a + 1, n - 1, kw);
    }
    return partial_make(I, a[0], NULL, NULL, a + 1, n - 1, kw);
}

static rc_object *partial_call(lx_interp *I, rc_object *self, rc_object *const *args, size_t nargs,
                               rc_object *kwargs)
{
    ft_partial *p = (ft_partial *)self;
    rc_object *small[8], **pre = tuple_items(p->args, small, 8);
    size_t npre = (size_t)rc_tuple_len(p->args);
    rc_object *joined = pre ? tuple_concat(I, pre, npre, args, nargs) : mod_raise_nomem(I);
    if (pre && pre != small)
        free(pre);
    rc_object *kw = joined ? dict_copy(I, p->kw) : NULL, *k, *v;
    rc_ssize pos = 0;
    while (kw && kwargs && rc_dict_next(kwargs, &pos, &k, &v))
        if (dict_store(I, kw, k, v) < 0)
            RC_CLEAR(kw);
    rc_object *r = NULL, **argv = kw ? tuple_items(joined, small, 8) : NULL;
    if (kw)
        r = argv ? lx_call(I, p->func, argv, npre + nargs, rc_dict_len(kw) ? kw : NULL) : mod_raise_nomem(I);
    if (argv && argv != small)
        free(argv);
    if (kw)
        rc_decref(kw);
    if (joined)
        rc_decref(joined);
    return r;
}

/* Append prefix then repr(o); 0 or -1 (exception set). */
static int buf_put_repr(lx_buf *b, const char *prefix, rc_object *o)
{
    rc_object *r = lx_repr(b->I, o);
    if (!r)
        return -1;
    int rc = lx_buf_put(b, prefix, strlen(prefix)) < 0 || lx_buf_put(b, rc_str_data(r), rc_str_size(r)) < 0 ? -1 : 0;
    rc_decref(r);
    return rc;
}

static rc_object *partial_repr(lx_interp *I, rc_object *self)
{
    ft_partial *p = (ft_partial *)self;
    lx_buf b;
    lx_buf_init(&b, I);
    int rc = buf_put_repr(&b, "functools.partial(", p->func);
    for (rc_ssize i = 0; rc == 0 && i < rc_tuple_len(p->args); i++)
        rc = buf_put_repr(&b, ", ", rc_tuple_get(p->args, i));
    rc_object *k, *v;
    rc_ssize pos = 0;
    while (rc == 0 && rc_dict_next(p->kw, &pos, &k, &v)) {
        rc_object *name = lx_str(I, k);
        rc = name && lx_buf_put(&b, ", ", 2) == 0 && lx_buf_put(&b, rc_str_data(name), rc_str_size(name)) == 0 ? 0 : -1;
        if (name)
            rc_decref(name);
        if (rc == 0)
            rc = buf_put_repr(&b, "=", v);
    }
    if (rc == 0 && lx_buf_putc(&b, ')') == 0)
        return lx_buf_to_str(&b);
    lx_buf_free(&b);
    return NULL;
}

static rc_object *partial_getattr(lx_interp *I, rc_object *self, const char *name)
{
    ft_partial *p = (ft_partial *)self;
    rc_object *v = !strcmp(name, "func") ? p->func : !strcmp(name, "args") ? p->args
                 : !strcmp(name, "keywords") ? p->kw : NULL;
    if (v)
        rc_incref(v);
    (void)I;
    return v;
}

static const lx_type_slots partial_slots = {
    .type = &partial_type, .name = "partial", .repr = partial_repr, .call = partial_call,
    .getattr = partial_getattr,
};

/* ---- reduce ---------------------------------------------------------------------------- */

static rc_object *ft_reduce(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "reduce", kw) < 0)
        return NULL;
    if (n < 2)
        return lx_raise(I, LX_TypeError, "reduce expected at least 2 arguments, got %zu", n);
    if (n > 3)
        return lx_raise(I, LX_TypeError, "reduce expected at most 3 arguments, got %zu", n);
    rc_object *it = lx_iter(I, a[1]);
    if (!it) {
        if (lx_exc_matches(I, LX_TypeError)) {
            lx_exc_clear(I);
            lx_raise(I, LX_TypeError, "reduce() arg 2 must support iteration");
        }
        return NULL;
    }
    rc_object *acc = n == 3 ? (rc_incref(a[2]), a[2]) : NULL, *item;
    while ((item = lx_next(I, it))) {
        if (!acc) {
            acc = item;
            continue;
        }
        rc_object *args[2] = {acc, item};
        rc_object *r = lx_call(I, a[0], args, 2, NULL);
        rc_decref(item);
        rc_decref(acc);
        if (!(acc = r))
            break;
    }
    rc_decref(it);
    if (lx_exc_occurred(I)) {
        if (acc)
            rc_decref(acc);
        return NULL;
    }
    if (!acc)
        return lx_raise(I, LX_TypeError, "reduce() of empty iterable with no initial value");
    return acc;
}

/* ---- cmp_to_key --------------------------------------------------------------------- */

typedef struct ft_key {
    rc_object ob;
    rc_object *cmp;     /* the comparison function */
    rc_object *obj;     /* the wrapped value; NULL for cmp_to_key's own result */
} ft_key;

static int key_traverse(rc_object *self, rc_visit visit, void *arg)
{
    ft_key *k = (ft_key *)self;
    rc_object *fields[] = {k->cmp, k->obj};
    return visit_all(fields, 2, visit, arg);
}

static void key_clear(rc_object *self)
{
    RC_CLEAR(((ft_key *)self)->cmp);
    RC_CLEAR(((ft_key *)self)->obj);
}

static const rc_type key_type = {
    .name = "functools.KeyWrapper", .size = sizeof(ft_key), .flags = RC_TYPE_GC,
    .traverse = key_traverse, .clear = key_clear, .destroy = key_clear,
};

static rc_object *key_new(lx_interp *I, rc_object *cmp, rc_object *obj)
{
    ft_key *k = (ft_key *)rc_new(lx_heap(I), &key_type);
    if (!k)
        return mod_raise_nomem(I);
    rc_incref(cmp);
    k->cmp = cmp;
    if (obj)
        rc_incref(obj);
    k->obj = obj;
    return &k->ob;
}

static rc_object *ft_cmp_to_key(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"mycmp"};
    rc_object *cmp = NULL;
    if (mod_parse_args(I, "cmp_to_key", a, n, kw, names, 1, &cmp) < 0)
        return NULL;
    if (!cmp)
        return lx_raise(I, LX_TypeError, "cmp_to_key() missing required argument 'mycmp' (pos 1)");
    return key_new(I, cmp, NULL);
}

static rc_object *key_call(lx_interp *I, rc_object *self, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"obj"};
    rc_object *obj = NULL;
    if (mod_parse_args(I, "K", args, nargs, kw, names, 1, &obj) < 0)
        return NULL;
    if (!obj)
        return lx_raise(I, LX_TypeError, "K() missing required argument 'obj' (pos 1)");
    return key_new(I, ((ft_key *)self)->cmp, obj);
}

static int key_compare(lx_interp *I, rc_object *self, rc_object *other, lx_cmp op)
{
    ft_key *a = (ft_key *)self, *b = (ft_key *)other;
    if (other->type != &key_type || !a->obj || !b->obj) {
        lx_raise(I, LX_TypeError, "other argument must be K instance");
        return -1;
    }
    rc_object *args[2] = {a->obj, b->obj};
    rc_object *r = lx_call(I, a->cmp, args, 2, NULL);
    rc_object *zero = r ? lx_int(I, 0) : NULL;
    int out = zero ? lx_compare(I, r, zero, op) : -1;
    if (r)
        rc_decref(r);
    if (zero)
        rc_decref(zero);
    return out;
}

static rc_object *key_getattr(lx_interp *I, rc_object *self, const char *name)
{
    ft_key *k = (ft_key *)self;
    (void)I;
    if (strcmp(name, "obj") || !k->obj)
        return NULL;
    rc_incref(k->obj);
    return k->obj;
}

static const lx_type_slots key_slots = {
    .type = &key_type, .name = "functools.KeyWrapper", .call = key_call, .getattr = key_getattr,
    .compare = key_compare,
};

/* ---- update_wrapper and wraps ----------------------------------------------------------- */

static const char *const wrapper_assignments[] = {"__module__", "__name__", "__qualname__", "__doc__",
                                                  "__annotations__"};

static rc_object *str_tuple(lx_interp *I, const char *const *names, size_t n)
{
    rc_object *t = rc_tuple_new(lx_heap(I), (rc_ssize)n);
    for (size_t i = 0; t && i < n; i++) {
        rc_object *s = lx_strz(I, names[i]);
        if (!s || rc_tuple_set(t, (rc_ssize)i, s) < 0)
            RC_CLEAR(t);
        if (s)
            rc_decref(s);
    }
    return t ? t : lx_exc_occurred(I) ? NULL : mod_raise_nomem(I);
}

/* setattr(wrapper, name, getattr(wrapped, name)) for each name in assigned,
 * skipping the ones wrapped lacks. */
static int copy_assigned(lx_interp *I, rc_object *wrapper, rc_object *wrapped, rc_object *assigned)
{
    rc_object *it = lx_iter(I, assigned), *name;
    if (!it)
        return -1;
    int rc = 0;
    while (rc == 0 && (name = lx_next(I, it))) {
        rc_object *s = lx_str(I, name);
        rc_object *v = s ? lx_getattr(I, wrapped, rc_str_data(s)) : NULL;
        if (v)
            rc = lx_setattr(I, wrapper, rc_str_data(s), v);
        else if (s && lx_exc_matches(I, LX_AttributeError))
            lx_exc_clear(I);
        else
            rc = -1;
        if (v)
            rc_decref(v);
        if (s)
            rc_decref(s);
        rc_decref(name);
    }
    rc_decref(it);
    return rc < 0 || lx_exc_occurred(I) ? -1 : 0;
}

/* getattr(wrapper, name).update(getattr(wrapped, name, {})) for each name. */
static int merge_updated(lx_interp *I, rc_object *wrapper, rc_object *wrapped, rc_object *updated)
{
    rc_object *it = lx_iter(I, updated), *name;
    if (!it)
        return -1;
    int rc = 0;
    while (rc == 0 && (name = lx_next(I, it))) {
        rc_object *s = lx_str(I, name);
        rc_object *target = s ? lx_getattr(I, wrapper, rc_str_data(s)) : NULL;
        rc_object *source = target ? lx_getattr(I, wrapped, rc_str_data(s)) : NULL;
        if (target && !source && lx_exc_matches(I, LX_AttributeError)) {
            lx_exc_clear(I);
            source = lx_dict_new(I);
        }
        rc_object *update = source ? lx_getattr(I, target, "update") : NULL;
        rc_object *r = update ? lx_call(I, update, &source, 1, NULL) : NULL;
        rc = r ? 0 : -1;
        rc_object *refs[] = {r, update, source, target, s, name};
        for (size_t i = 0; i < 6; i++)
            if (refs[i])
                rc_decref(refs[i]);
    }
    rc_decref(it);
    return rc < 0 || lx_exc_occurred(I) ? -1 : 0;
}

static rc_object *ft_update_wrapper(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"wrapper", "wrapped", "assigned", "updated"};
    rc_object *arg[4] = {NULL};
    if (mod_parse_args(I, "update_wrapper", a, n, kw, names, 4, arg) < 0)
        return NULL;
    for (int i = 0; i < 2; i++)
        if (!arg[i])
            return lx_raise(I, LX_TypeError, "update_wrapper() missing %d required positional argument%s: %s",
                            arg[0] ? 1 : 2, arg[0] ? "" : "s", arg[0] ? "'wrapped'" : "'wrapper' and 'wrapped'");
    rc_object *assigned = arg[2] ? (rc_incref(arg[2]), arg[2]) : str_tuple(I, wrapper_assignments, 5);
    static const char *const dict_name[] = {"__dict__"};
    rc_object *updated = arg[3] ? (rc_incref(arg[3]), arg[3]) : str_tuple(I, dict_name, 1);
    int rc = assigned && updated ? copy_assigned(I, arg[0], arg[1], assigned) : -1;
    if (rc == 0)
        rc = merge_updated(I, arg[0], arg[1], updated);
    if (rc == 0)
        rc = lx_setattr(I, arg[0], "__wrapped__", arg[1]);
    if (assigned)
        rc_decref(assigned);
    if (updated)
        rc_decref(updated);
    if (rc < 0)
        return NULL;
    rc_incref(arg[0]);
    return arg[0];
}

/* wraps(wrapped, assigned, updated): partial(update_wrapper, wrapped=...,
 * assigned=..., updated=...), as CPython builds it. */
static rc_object *ft_wraps(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"wrapped", "assigned", "updated"};
    rc_object *arg[3] = {NULL};
    if (mod_parse_args(I, "wraps", a, n, kw, names, 3, arg) < 0)
        return NULL;
    if (!arg[0])
        return lx_raise(I, LX_TypeError, "wraps() missing 1 required positional argument: 'wrapped'");
    rc_object *fn = lx_cfunc_new(I, "update_wrapper", ft_update_wrapper);
    rc_object *kwd = fn ? lx_dict_new(I) : NULL;
    int rc = kwd ? 0 : -1;
    for (int i = 0; rc == 0 && i < 3; i++)
        if (arg[i])
            rc = mod_dict_set_new(I, kwd, names[i], (rc_incref(arg[i]), arg[i]));
    rc_object *p = rc == 0 ? partial_make(I, fn, NULL, NULL, NULL, 0, kwd) : NULL;
    if (fn)
        rc_decref(fn);
    if (kwd)
        rc_decref(kwd);
    return p;
}

/* ---- CacheInfo ------------------------------------------------------------------------- */

typedef struct ft_cache_info {
    rc_object ob;
    int64_t hits, misses, maxsize, currsize;   /* maxsize < 0: None */
} ft_cache_info;

static const rc_type cache_info_type = {.name = "CacheInfo", .size = sizeof(ft_cache_info)};

static rc_object *cache_info_field(lx_interp *I, ft_cache_info *c, const char *name)
{
    if (!strcmp(name, "hits")) return lx_int(I, c->hits);
    if (!strcmp(name, "misses")) return lx_int(I, c->misses);
    if (!strcmp(name, "maxsize")) return c->maxsize < 0 ? rc_none() : lx_int(I, c->maxsize);
    if (!strcmp(name, "currsize")) return lx_int(I, c->currsize);
    return NULL;
}

static rc_object *cache_info_getattr(lx_interp *I, rc_object *self, const char *name)
{
    return cache_info_field(I, (ft_cache_info *)self, name);
}

static rc_object *cache_info_repr(lx_interp *I, rc_object *self)
{
    ft_cache_info *c = (ft_cache_info *)self;
    char buf[160], maxsize[24] = "None";
    if (c->maxsize >= 0)
        snprintf(maxsize, sizeof maxsize, "%lld", (long long)c->maxsize);
    snprintf(buf, sizeof buf, "CacheInfo(hits=%lld, misses=%lld, maxsize=%s, currsize=%lld)", (long long)c->hits,
             (long long)c->misses, maxsize, (long long)c->currsize);
    return lx_strz(I, buf);
}

static const lx_type_slots cache_info_slots = {
    .type = &cache_info_type, .name = "CacheInfo", .repr = cache_info_repr, .getattr = cache_info_getattr,
};

/* ---- lru_cache ------------------------------------------------------------------------- */

typedef struct ft_lru {
    rc_object ob;
    rc_object *func;         /* the cached callable */
    rc_object *cache;        /* key tuple -> result, least recently used first */
    int64_t maxsize;         /* < 0: unbounded (None) */
    int typed;
    int64_t hits, misses;
} ft_lru;

static int lru_traverse(rc_object *self, rc_visit visit, void *arg)
{
    ft_lru *l = (ft_lru *)self;
    rc_object *fields[] = {l->func, l->cache};
    return visit_all(fields, 2, visit, arg);
}

static void lru_clear(rc_object *self)
{
    RC_CLEAR(((ft_lru *)self)->func);
    RC_CLEAR(((ft_lru *)self)->cache);
}

static const rc_type lru_type = {
    .name = "functools._lru_cache_wrapper", .size = sizeof(ft_lru), .flags = RC_TYPE_GC,
    .traverse = lru_traverse, .clear = lru_clear, .destroy = lru_clear,
};

/* The cache key of a call (see the comment at the top). */
static rc_object *lru_key(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw, int typed)
{
    size_t nkw = kw ? (size_t)rc_dict_len(kw) : 0, nvals = nargs + 2 * nkw;
    size_t total = 1 + nvals + (typed ? nargs + nkw : 0);
    rc_object *small[16], **v = total <= 16 ? small : malloc(total * sizeof *v);
    if (!v)
        return mod_raise_nomem(I);
    size_t at = 1, tat = 1 + nvals;
    for (size_t i = 0; i < nargs; i++) {
        v[at++] = args[i];
        if (typed)
            v[tat++] = lx_type_of(I, args[i]);
    }
    rc_object *k, *val;
    rc_ssize pos = 0;
    while (kw && rc_dict_next(kw, &pos, &k, &val)) {
        v[at++] = k;
        v[at++] = val;
        if (typed)
            v[tat++] = lx_type_of(I, val);
    }
    rc_object *t = (v[0] = lx_int(I, (int64_t)nargs)) ? tuple_pack(I, v, total) : NULL;
    if (v[0])
        rc_decref(v[0]);
    if (v != small)
        free(v);
    return t;
}

/* Remember result under key, evicting the least recently used entry when
 * the cache is full.  A recursive call may have stored key already. */
static int lru_store(lx_interp *I, ft_lru *l, rc_object *key, rc_object *result)
{
    rc_object *old;
    int found = lx_dict_lookup(I, l->cache, key, &old);
    if (found != 0)
        return found < 0 ? -1 : 0;
    if (l->maxsize >= 0 && rc_dict_len(l->cache) >= l->maxsize) {
        rc_object *k, *v;
        rc_ssize pos = 0;
        if (rc_dict_next(l->cache, &pos, &k, &v)) {
            rc_incref(k);
            int rc = rc_dict_del(l->cache, k);
            rc_decref(k);
            if (rc < 0)
                return lx_exc_occurred(I) ? -1 : (lx_raise_heap_error(I), -1);
        }
    }
    return dict_store(I, l->cache, key, result);
}

/* A hit: move key to the most recently used end. */
static int lru_touch(lx_interp *I, ft_lru *l, rc_object *key, rc_object *value)
{
    if (l->maxsize < 0)
        return 0;
    rc_incref(value);
    int rc = rc_dict_del(l->cache, key) < 0 ? -1 : dict_store(I, l->cache, key, value);
    if (rc < 0 && !lx_exc_occurred(I))
        lx_raise_heap_error(I);
    rc_decref(value);
    return rc;
}

static rc_object *lru_call(lx_interp *I, rc_object *self, rc_object *const *args, size_t nargs,
                           rc_object *kw)
{
    ft_lru *l = (ft_lru *)self;
    if (l->maxsize == 0) {
        l->misses++;
        return lx_call(I, l->func, args, nargs, kw);
    }
    rc_object *key = lru_key(I, args, nargs, kw, l->typed), *value = NULL, *result = NULL;
    int found = key ? lx_dict_lookup(I, l->cache, key, &value) : -1;
    if (found > 0) {
        l->hits++;
        rc_incref(value);
        result = lru_touch(I, l, key, value) < 0 ? NULL : value;
        if (!result)
            rc_decref(value);
    } else if (found == 0) {
        l->misses++;
        result = lx_call(I, l->func, args, nargs, kw);
        if (result && lru_store(I, l, key, result) < 0)
            RC_CLEAR(result);
    }
    if (key)
        rc_decref(key);
    return result;
}

static ft_lru *self_lru(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, name, n - 1, kw, 0, 0) < 0)
        return NULL;
    return (ft_lru *)a[0];
}

static rc_object *lru_cache_info(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    ft_lru *l = self_lru(I, "cache_info", a, n, kw);
    ft_cache_info *c = l ? (ft_cache_info *)rc_new(lx_heap(I), &cache_info_type) : NULL;
    if (!c)
        return l ? mod_raise_nomem(I) : NULL;
    c->hits = l->hits;
    c->misses = l->misses;
    c->maxsize = l->maxsize;
    c->currsize = rc_dict_len(l->cache);
    return &c->ob;
}

static rc_object *lru_cache_clear(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    ft_lru *l = self_lru(I, "cache_clear", a, n, kw);
    if (!l)
        return NULL;
    l->hits = l->misses = 0;
    if (rc_dict_clear(l->cache) < 0)
        return lx_raise_heap_error(I);
    return rc_none();
}

static rc_object *lru_cache_parameters(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    ft_lru *l = self_lru(I, "cache_parameters", a, n, kw);
    rc_object *d = l ? lx_dict_new(I) : NULL;
    if (d && (mod_dict_set_new(I, d, "maxsize", l->maxsize < 0 ? rc_none() : lx_int(I, l->maxsize)) < 0 ||
              mod_dict_set_new(I, d, "typed", rc_bool(l->typed)) < 0))
        RC_CLEAR(d);
    return d;
}

/* __wrapped__, and the wrapped function's names and docstring, as
 * update_wrapper would have copied them. */
static rc_object *lru_getattr(lx_interp *I, rc_object *self, const char *name)
{
    ft_lru *l = (ft_lru *)self;
    if (!strcmp(name, "__wrapped__")) {
        rc_incref(l->func);
        return l->func;
    }
    for (size_t i = 0; i < sizeof wrapper_assignments / sizeof wrapper_assignments[0]; i++)
        if (!strcmp(name, wrapper_assignments[i])) {
            rc_object *v = lx_getattr(I, l->func, name);
            if (!v && lx_exc_matches(I, LX_AttributeError))
                lx_exc_clear(I);
            return v;
        }
    return NULL;
}

static const lx_func_def lru_methods[] = {
    {"cache_info", lru_cache_info}, {"cache_clear", lru_cache_clear},
    {"cache_parameters", lru_cache_parameters}, {NULL, NULL},
};

static rc_object *lru_get(lx_interp *I, rc_object *self, rc_object *obj)
{
    return lx_method_new(I, self, obj);
}

static const lx_type_slots lru_slots = {
    .type = &lru_type, .name = "functools._lru_cache_wrapper", .call = lru_call, .methods = lru_methods,
    .getattr = lru_getattr, .get = lru_get,
};

static rc_object *lru_new(lx_interp *I, rc_object *func, int64_t maxsize, int typed)
{
    if (!lx_callable(I, func))
        return lx_raise(I, LX_TypeError, "the first argument must be callable");
    ft_lru *l = (ft_lru *)rc_new(lx_heap(I), &lru_type);
    if (!l)
        return mod_raise_nomem(I);
    rc_incref(func);
    l->func = func;
    l->maxsize = maxsize;
    l->typed = typed;
    if (!(l->cache = lx_dict_new(I)))
        RC_CLEAR(l);
    return l ? &l->ob : NULL;
}

/* The decorator lru_cache(maxsize, typed) returns: partial(this, maxsize, typed). */
static rc_object *ft_lru_decorate(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "decorating_function", n, kw, 3, 3) < 0)
        return NULL;
    int typed = lx_truth(I, a[1]);
    return typed < 0 ? NULL : lru_new(I, a[2], a[0] == rc_none() ? -1 : rc_int_value(a[0]), typed);
}

static rc_object *ft_lru_cache(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"maxsize", "typed"};
    rc_object *arg[2] = {NULL, NULL};
    if (mod_parse_args(I, "lru_cache", a, n, kw, names, 2, arg) < 0)
        return NULL;
    int typed = arg[1] ? lx_truth(I, arg[1]) : 0;
    if (typed < 0)
        return NULL;
    rc_object *maxsize = arg[0];
    if (maxsize && maxsize->type != &rc_int_type && maxsize->type != &rc_bool_type && maxsize != rc_none()) {
        if (lx_callable(I, maxsize))
            return lru_new(I, maxsize, 128, typed);
        return lx_raise(I, LX_TypeError, "Expected first argument to be an integer, a callable, or None");
    }
    int64_t size = 128;   /* None: -1, unbounded; a negative size caches nothing */
    if (maxsize == rc_none())
        size = -1;
    else if (maxsize && lx_arg_int(I, "lru_cache", maxsize, &size) < 0)
        return NULL;
    else if (size < 0)
        size = 0;
    rc_object *fn = lx_cfunc_new(I, "decorating_function", ft_lru_decorate);
    rc_object *params[2] = {size < 0 ? rc_none() : lx_int(I, size), rc_bool(typed)};
    rc_object *p = fn && params[0] ? partial_make(I, fn, NULL, NULL, params, 2, NULL) : NULL;
    if (fn)
        rc_decref(fn);
    if (params[0])
        rc_decref(params[0]);
    return p;
}

static rc_object *ft_cache(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"user_function"};
    rc_object *func = NULL;
    if (mod_parse_args(I, "cache", a, n, kw, names, 1, &func) < 0)
        return NULL;
    if (!func)
        return lx_raise(I, LX_TypeError, "cache() missing 1 required positional argument: 'user_function'");
    return lru_new(I, func, -1, 0);
}

/* ---- total_ordering ---------------------------------------------------------------------- */

/* How a missing comparison follows from the root one (r = self ROOT other):
 *   NOT_AND_NE  not r and self != other      R_OR_EQ   r or self == other
 *   NOT_R       not r                        R_AND_NE  r and self != other
 *   NOT_OR_EQ   not r or self == other
 * A NotImplemented from the root is passed on. */
typedef enum derive_kind { NOT_AND_NE, R_OR_EQ, NOT_R, R_AND_NE, NOT_OR_EQ } derive_kind;

static rc_object *derive(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw, const char *name,
                         const char *root, derive_kind kind)
{
    if (mod_check_args(I, name, n, kw, 2, 2) < 0)
        return NULL;
    rc_object *m = lx_getattr(I, a[0], root);
    rc_object *r = m ? lx_call(I, m, a + 1, 1, NULL) : NULL;
    if (m)
        rc_decref(m);
    if (!r || !strcmp(lx_type_name(I, r), "NotImplementedType"))
        return r;
    int t = lx_truth(I, r);
    if (t < 0 || ((kind == R_OR_EQ || kind == R_AND_NE) && t == (kind == R_OR_EQ)))
        return t < 0 ? (rc_decref(r), NULL) : r;   /* r itself, as `r or ...` / `r and ...` give */
    rc_decref(r);
    if (kind == NOT_R || (kind != R_OR_EQ && kind != R_AND_NE && t == (kind == NOT_AND_NE)))
        return rc_bool(!t);
    int c = lx_compare(I, a[0], a[1], kind == NOT_AND_NE || kind == R_AND_NE ? LX_CMP_NE : LX_CMP_EQ);
    return c < 0 ? NULL : rc_bool(c);
}

#define DERIVED(fn, name, root, kind)                                                                 \
    static rc_object *fn(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)                  \
    {                                                                                                 \
        return derive(I, a, n, kw, name, root, kind);                                                 \
    }
DERIVED(gt_from_lt, "__gt__", "__lt__", NOT_AND_NE)
DERIVED(le_from_lt, "__le__", "__lt__", R_OR_EQ)
DERIVED(ge_from_lt, "__ge__", "__lt__", NOT_R)
DERIVED(ge_from_le, "__ge__", "__le__", NOT_OR_EQ)
DERIVED(lt_from_le, "__lt__", "__le__", R_AND_NE)
DERIVED(gt_from_le, "__gt__", "__le__", NOT_R)
DERIVED(lt_from_gt, "__lt__", "__gt__", NOT_AND_NE)
DERIVED(ge_from_gt, "__ge__", "__gt__", R_OR_EQ)
DERIVED(le_from_gt, "__le__", "__gt__", NOT_R)
DERIVED(le_from_ge, "__le__", "__ge__", NOT_OR_EQ)
DERIVED(gt_from_ge, "__gt__", "__ge__", R_AND_NE)
DERIVED(lt_from_ge, "__lt__", "__ge__", NOT_R)

/* Roots in CPython's order of preference (max() of their names). */
static const struct {
    const char *root;
    lx_func_def derived[3];
} orderings[] = {
    {"__lt__", {{"__gt__", gt_from_lt}, {"__le__", le_from_lt}, {"__ge__", ge_from_lt}}},
    {"__le__", {{"__ge__", ge_from_le}, {"__lt__", lt_from_le}, {"__gt__", gt_from_le}}},
    {"__gt__", {{"__lt__", lt_from_gt}, {"__ge__", ge_from_gt}, {"__le__", le_from_gt}}},
    {"__ge__", {{"__le__", le_from_ge}, {"__gt__", gt_from_ge}, {"__lt__", lt_from_ge}}},
};

/* Whether cls defines op itself or through a base other than object:
 * getattr(cls, op, None) is not getattr(object, op, None).  1, 0, -1. */
static int defines(lx_interp *I, rc_object *cls, rc_object *object, const char *op)
{
    rc_object *mine = lx_getattr(I, cls, op), *base = NULL;
    if (!mine) {
        if (!lx_exc_matches(I, LX_AttributeError))
            return -1;
        lx_exc_clear(I);
        return 0;
    }
    base = lx_getattr(I, object, op);
    if (!base && lx_exc_matches(I, LX_AttributeError))
        lx_exc_clear(I);
    int r = lx_exc_occurred(I) ? -1 : mine != base;
    rc_decref(mine);
    if (base)
        rc_decref(base);
    return r;
}

static rc_object *ft_total_ordering(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "total_ordering", n, kw, 1, 1) < 0)
        return NULL;
    rc_object *mro = lx_getattr(I, a[0], "__mro__");
    if (!mro)
        return NULL;
    rc_object *object = rc_tuple_get(mro, rc_tuple_len(mro) - 1);
    int have[4], root = -1;
    for (int i = 0; i < 4; i++) {
        if ((have[i] = defines(I, a[0], object, orderings[i].root)) < 0) {
            rc_decref(mro);
            return NULL;
        }
        if (have[i] && root < 0)
            root = i;
    }
    rc_decref(mro);
    if (root < 0)
        return lx_raise(I, LX_ValueError, "must define at least one ordering operation: < > <= >=");
    for (int i = 0; i < 3; i++) {
        const lx_func_def *d = &orderings[root].derived[i];
        int j = 0;
        while (strcmp(orderings[j].root, d->name))
            j++;
        if (have[j])
            continue;
        rc_object *method = lx_cfunc_method_new(I, d->name, d->fn);
        int rc = method ? lx_setattr(I, a[0], d->name, method) : -1;
        if (method)
            rc_decref(method);
        if (rc < 0)
            return NULL;
    }
    rc_incref(a[0]);
    return a[0];
}

/* ---- the module ------------------------------------------------------------------------------ */

/* At the first import, so that scripts that never import functools start
 * with no more objects (registering is idempotent). */
static int register_types(lx_interp *I)
{
    const lx_type_slots *all[] = {&partial_slots, &key_slots, &cache_info_slots, &lru_slots};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (lx_register_type(I, all[i]) < 0)
            return -1;
    return 0;
}

static const lx_func_def functools_functions[] = {
    {"reduce", ft_reduce}, {"partial", ft_partial_new}, {"cmp_to_key", ft_cmp_to_key},
    {"update_wrapper", ft_update_wrapper}, {"wraps", ft_wraps}, {"lru_cache", ft_lru_cache},
    {"cache", ft_cache}, {"total_ordering", ft_total_ordering}, {NULL, NULL},
};

rc_object *lx_mod_functools_init(lx_interp *I)
{
    static const char *const updates[] = {"__dict__"};
    rc_object *m = register_types(I) < 0 ? NULL : lx_module_new(I, "functools", functools_functions);
    if (m && (mod_set_new(I, m, "WRAPPER_ASSIGNMENTS", str_tuple(I, wrapper_assignments, 5)) < 0 ||
              mod_set_new(I, m, "WRAPPER_UPDATES", str_tuple(I, updates, 1)) < 0))
        RC_CLEAR(m);
    return m;
}
