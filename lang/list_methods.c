/*
 * lang/list_methods.c — the methods of list (lx_list_methods) and tuple
 * (lx_tuple_methods).
 *
 * Comparisons call into the script (__eq__, __lt__), which may change the
 * list under our feet: loops re-read the length each step and hold their own
 * reference to the item being compared.  list.sort works as CPython's: the
 * items are taken out of the list (which is empty while the sort runs),
 * sorted by lx_sort, and put back; if the script added items meanwhile they
 * are dropped and ValueError("list modified during sort") is raised.
 */
#include "methods_util.h"

/* ---- list ----------------------------------------------------------------- */

static rc_object *none_or_error(lx_interp *I, int rc)
{
    if (rc < 0)
        return lx_exc_occurred(I) ? NULL : lx_raise_heap_error(I);
    return rc_none();
}

static rc_object *list_append(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "list.append", kw) < 0 ||
        lx_arity(I, LX_ARITY_METHOD, "list.append", nargs - 1, 1, 1) < 0)
        return NULL;
    return none_or_error(I, rc_list_append(args[0], args[1]));
}

static rc_object *list_extend(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "list.extend", kw) < 0 ||
        lx_arity(I, LX_ARITY_METHOD, "list.extend", nargs - 1, 1, 1) < 0)
        return NULL;
    rc_object *self = args[0], *src = args[1];
    if (rc_is_type(src, &rc_list_type) || rc_is_type(src, &rc_tuple_type)) {
        int is_list = rc_is_type(src, &rc_list_type);
        rc_ssize n = is_list ? rc_list_len(src) : rc_tuple_len(src);   /* fixed: l.extend(l) */
        for (rc_ssize i = 0; i < n; i++)
            if (rc_list_append(self, is_list ? rc_list_get(src, i) : rc_tuple_get(src, i)) < 0)
                return lx_raise_heap_error(I);
        return rc_none();
    }
    rc_object *it = lx_iter(I, src), *item;
    if (!it)
        return NULL;
    while ((item = lx_next(I, it)) != NULL)
        if (lx_list_append_steal(I, self, item) < 0)
            break;
    rc_decref(it);
    return lx_exc_occurred(I) ? NULL : rc_none();
}

static rc_object *list_insert(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    int64_t i;
    if (lx_no_kwargs(I, "insert", kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, "insert", nargs - 1, 2, 2) < 0 ||
        lx_index_arg(I, args[1], &i) < 0)
        return NULL;
    int64_t n = rc_list_len(args[0]);
    if (i < 0)
        i = i + n < 0 ? 0 : i + n;
    if (i > n)
        i = n;
    return none_or_error(I, rc_list_insert(args[0], (rc_ssize)i, args[2]));
}

static rc_object *list_pop(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    int64_t i = -1;
    if (lx_no_kwargs(I, "pop", kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, "pop", nargs - 1, 0, 1) < 0 ||
        (nargs > 1 && lx_index_arg(I, args[1], &i) < 0))
        return NULL;
    int64_t n = rc_list_len(args[0]);
    if (n == 0)
        return lx_raise(I, LX_IndexError, "pop from empty list");
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return lx_raise(I, LX_IndexError, "pop index out of range");
    rc_object *item = rc_list_pop(args[0], (rc_ssize)i);
    return item ? item : lx_raise_heap_error(I);
}

/* The first index in [start, stop) of seq (list or tuple) holding an item
 * equal to x: 1 (*at set), 0 none, -1 error. */
static int find_equal(lx_interp *I, rc_object *seq, rc_object *x, int64_t start, int64_t stop,
                      int64_t *at)
{
    int is_list = rc_is_type(seq, &rc_list_type);
    for (int64_t i = start; i < stop; i++) {
        rc_ssize n = is_list ? rc_list_len(seq) : rc_tuple_len(seq);
        if (i >= n)
            break;
        rc_object *item = is_list ? rc_list_get(seq, (rc_ssize)i) : rc_tuple_get(seq, (rc_ssize)i);
        rc_incref(item);
        int eq = lx_eq(I, item, x);
        rc_decref(item);
        if (eq != 0) {
            *at = i;
            return eq;
        }
    }
    return 0;
}

static rc_object *list_remove(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "list.remove", kw) < 0 ||
        lx_arity(I, LX_ARITY_METHOD, "list.remove", nargs - 1, 1, 1) < 0)
        return NULL;
    int64_t at;
    int found = find_equal(I, args[0], args[1], 0, INT64_MAX, &at);
    if (found < 0)
        return NULL;
    if (found == 0)
        return lx_raise(I, LX_ValueError, "list.remove(x): x not in list");
    rc_object *item = rc_list_pop(args[0], (rc_ssize)at);
    if (!item)
        return lx_raise_heap_error(I);
    rc_decref(item);
    return rc_none();
}

/* seq.index(x[, start[, stop]]) for list and tuple (start/stop as slices):
 * checks the arguments and searches; 1 (*at set), 0 not found, -1 error. */
static int index_search(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw, int64_t *at)
{
    if (lx_no_kwargs(I, "index", kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, "index", nargs - 1, 1, 3) < 0)
        return -1;
    rc_object *seq = args[0];
    int64_t n = rc_is_type(seq, &rc_list_type) ? rc_list_len(seq) : rc_tuple_len(seq);
    int64_t v[2] = {0, INT64_MAX};
    for (size_t k = 0; k < 2 && k + 2 < nargs; k++) {
        if (lx_index_arg(I, args[k + 2], &v[k]) < 0)
            return -1;
        if (v[k] < 0)
            v[k] = v[k] + n < 0 ? 0 : v[k] + n;
    }
    return find_equal(I, seq, args[1], v[0], v[1], at);
}

static rc_object *list_index(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    int64_t at;
    int found = index_search(I, args, nargs, kw, &at);
    if (found > 0)
        return lx_int(I, at);
    if (found == 0) {
        rc_object *r = lx_repr(I, args[1]);
        if (r) {
            lx_raise(I, LX_ValueError, "%s is not in list", rc_str_data(r));
            rc_decref(r);
        }
    }
    return NULL;
}

static rc_object *seq_count(lx_interp *I, rc_object *seq, rc_object *x)
{
    int64_t count = 0, at, from = 0;
    int found;
    while ((found = find_equal(I, seq, x, from, INT64_MAX, &at)) > 0) {
        count++;
        from = at + 1;
    }
    return found < 0 ? NULL : lx_int(I, count);
}

static rc_object *list_count(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "list.count", kw) < 0 ||
        lx_arity(I, LX_ARITY_METHOD, "list.count", nargs - 1, 1, 1) < 0)
        return NULL;
    return seq_count(I, args[0], args[1]);
}

/* Takes every item out of list into a new array (the list's references
 * handed over); NULL with MemoryError. *n gets the count. */
static rc_object **take_items(lx_interp *I, rc_object *list, size_t *n)
{
    *n = (size_t)rc_list_len(list);
    rc_object **items = rc_malloc(lx_heap(I), (*n ? *n : 1) * sizeof *items);
    if (!items) {
        lx_raise_heap_error(I);
        return NULL;
    }
    for (size_t i = *n; i-- > 0;)
        items[i] = rc_list_pop(list, (rc_ssize)i);
    return items;
}

/* Drop whatever the list holds now (last item first, as CPython). */
static void drop_all(lx_interp *I, rc_object *list)
{
    size_t n;
    rc_object **items = take_items(I, list, &n);
    if (!items) {                           /* no memory for the array: one by one */
        lx_exc_clear(I);
        while (rc_list_len(list) > 0)
            rc_decref(rc_list_pop(list, -1));
        return;
    }
    for (size_t i = n; i-- > 0;)
        rc_decref(items[i]);
    rc_free(lx_heap(I), items);
}

rc_object *lx_list_sort_method(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"key", "reverse"};
    rc_object *v[2];
    int64_t reverse = 0;
    if (nargs > 1)
        return lx_raise(I, LX_TypeError, "sort() takes no positional arguments");
    if (lx_bind(I, "sort", args + 1, 0, kw, names, 2, v) < 0 ||
        (v[1] && lx_index_arg(I, v[1], &reverse) < 0))
        return NULL;
    rc_object *key = v[0] && v[0] != rc_none() ? v[0] : NULL, *self = args[0];
    /* as CPython: while the items are sorted the list is empty, with no
     * array; anything the key or a comparison does to it shows as an array
     * there afterwards */
    rc_list_object *l = (rc_list_object *)self;
    rc_object **items = l->items;
    rc_ssize n = l->len, cap = l->cap;
    l->items = NULL;
    l->len = l->cap = 0;
    int rc = n > 1 ? lx_sort(I, items, (size_t)n, key, reverse != 0) : 0;
    int modified = l->items != NULL || l->len != 0;
    if (modified) {
        drop_all(I, self);
        rc_free(lx_heap(I), l->items);
    }
    l->items = items;
    l->len = n;
    l->cap = cap;
    if (rc == 0 && modified)
        return lx_raise(I, LX_ValueError, "list modified during sort");
    return rc < 0 ? NULL : rc_none();
}

static rc_object *list_reverse(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "list.reverse", nargs, kw) < 0)
        return NULL;
    return lx_list_reverse(I, args[0]) < 0 ? NULL : rc_none();
}

static rc_object *list_copy(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "list.copy", nargs, kw) < 0)
        return NULL;
    rc_object *copy = rc_list_new(lx_heap(I));
    if (!copy)
        return lx_raise_heap_error(I);
    for (rc_ssize i = 0; i < rc_list_len(args[0]); i++)
        if (rc_list_append(copy, rc_list_get(args[0], i)) < 0) {
            rc_decref(copy);
            return lx_raise_heap_error(I);
        }
    return copy;
}

static rc_object *list_clear(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "list.clear", nargs, kw) < 0)
        return NULL;
    drop_all(I, args[0]);
    return rc_none();
}

const lx_func_def lx_list_methods[] = {
    {"append", list_append}, {"extend", list_extend},   {"insert", list_insert},
    {"pop", list_pop},       {"remove", list_remove},   {"index", list_index},
    {"count", list_count},   {"sort", lx_list_sort_method},       {"reverse", list_reverse},
    {"copy", list_copy},     {"clear", list_clear},     {NULL, NULL},
};

/* ---- tuple ---------------------------------------------------------------- */

static rc_object *tuple_count(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "tuple.count", kw) < 0 ||
        lx_arity(I, LX_ARITY_METHOD, "tuple.count", nargs - 1, 1, 1) < 0)
        return NULL;
    return seq_count(I, args[0], args[1]);
}

static rc_object *tuple_index(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    int64_t at;
    int found = index_search(I, args, nargs, kw, &at);
    if (found > 0)
        return lx_int(I, at);
    return found == 0 ? lx_raise(I, LX_ValueError, "tuple.index(x): x not in tuple") : NULL;
}

const lx_func_def lx_tuple_methods[] = {
    {"count", tuple_count}, {"index", tuple_index}, {NULL, NULL},
};
