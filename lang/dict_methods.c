/*
 * lang/dict_methods.c — the methods of dict (lx_dict_methods) and the view
 * objects keys(), values() and items() return.
 *
 * A view holds a strong reference to its dict and reads it live: len, `in`,
 * iteration and repr always see the dict's current contents.  A view
 * iterator holds the dict and an lx_dict_walk: rc_dict_next's cursor, the
 * length the dict had when iteration started and the items left to give;
 * a change of length raises RuntimeError("dictionary changed size during
 * iteration"), and an item past the count "dictionary keys changed during
 * iteration", as CPython.
 * Views and iterators are RC_TYPE_GC (a dict can hold its own view: a
 * cycle), with traverse/clear over the one reference; an exhausted
 * iterator drops its dict.
 *
 * Keys are checked hashable with lx_hash before any lookup, so an unhashable
 * key is the script's TypeError, not an identity lookup.
 */
#include "methods_util.h"

#include <string.h>

/* ---- views and their iterators --------------------------------------- */

typedef enum view_kind { VIEW_KEYS, VIEW_VALUES, VIEW_ITEMS } view_kind;

typedef struct dict_view {
    rc_object head;
    rc_object *dict;            /* owned; NULL only after clear */
} dict_view;

typedef struct dict_view_iter {
    rc_object head;
    rc_object *dict;            /* owned; NULL once exhausted */
    lx_dict_walk walk;          /* cursor, length at the start, items left to give */
} dict_view_iter;

/* Both structs start with head then the dict: one traverse/clear serves. */
static int view_traverse(rc_object *self, rc_visit visit, void *arg)
{
    rc_object *d = ((dict_view *)self)->dict;
    return d ? visit(d, arg) : 0;
}

static void view_clear(rc_object *self)
{
    RC_CLEAR(((dict_view *)self)->dict);
}

#define VIEW_TYPE(cname, pyname, ctype)                                          \
    static const rc_type cname = {pyname, sizeof(ctype), 0, RC_TYPE_GC,          \
                                  view_traverse, view_clear, NULL, view_clear,   \
                                  NULL, NULL}

VIEW_TYPE(keys_type, "dict_keys", dict_view);
VIEW_TYPE(values_type, "dict_values", dict_view);
VIEW_TYPE(items_type, "dict_items", dict_view);
VIEW_TYPE(keys_iter_type, "dict_keyiterator", dict_view_iter);
VIEW_TYPE(values_iter_type, "dict_valueiterator", dict_view_iter);
VIEW_TYPE(items_iter_type, "dict_itemiterator", dict_view_iter);

static const rc_type *const view_types[] = {&keys_type, &values_type, &items_type};
static const rc_type *const iter_types[] = {&keys_iter_type, &values_iter_type, &items_iter_type};

static view_kind kind_of(const rc_object *o)
{
    for (int k = 0; k < 3; k++)
        if (o->type == view_types[k] || o->type == iter_types[k])
            return (view_kind)k;
    return VIEW_KEYS;
}

static rc_object *view_new(lx_interp *I, rc_object *dict, view_kind kind)
{
    dict_view *v = (dict_view *)rc_new(lx_heap(I), view_types[kind]);
    if (!v)
        return lx_raise_heap_error(I);
    rc_incref(dict);
    v->dict = dict;
    return &v->head;
}

static rc_object *pair_tuple(lx_interp *I, rc_object *a, rc_object *b)
{
    rc_object *t = rc_tuple_new(lx_heap(I), 2);
    if (!t || rc_tuple_set(t, 0, a) < 0 || rc_tuple_set(t, 1, b) < 0) {
        rc_xdecref(t);
        return lx_raise_heap_error(I);
    }
    return t;
}

static rc_object *view_iter(lx_interp *I, rc_object *self)
{
    rc_object *d = ((dict_view *)self)->dict;
    dict_view_iter *it = (dict_view_iter *)rc_new(lx_heap(I), iter_types[kind_of(self)]);
    if (!it)
        return lx_raise_heap_error(I);
    rc_xincref(d);
    it->dict = d;
    lx_dict_walk_start(&it->walk, d);
    return &it->head;
}

void lx_dict_walk_start(lx_dict_walk *w, rc_object *d)
{
    w->pos = 0;
    w->len = w->left = d ? rc_dict_len(d) : 0;
}

/* As CPython: a change of length is an error at the next step; so is an
 * item found when as many as the dict had have been given already (keys
 * deleted and others added, the length unchanged). */
int lx_dict_walk_next(lx_interp *I, lx_dict_walk *w, rc_object *d, rc_object **key, rc_object **value)
{
    if (w->len != rc_dict_len(d)) {
        w->len = -1;
        lx_raise(I, LX_RuntimeError, "dictionary changed size during iteration");
        return -1;
    }
    if (!rc_dict_next(d, &w->pos, key, value))
        return 0;
    if (w->left == 0) {
        w->len = -1;
        lx_raise(I, LX_RuntimeError, "dictionary keys changed during iteration");
        return -1;
    }
    w->left--;
    return 1;
}

static rc_object *iter_self(lx_interp *I, rc_object *self)
{
    (void)I;
    rc_incref(self);
    return self;
}

static rc_object *iter_next(lx_interp *I, rc_object *self)
{
    dict_view_iter *it = (dict_view_iter *)self;
    if (!it->dict)
        return NULL;
    rc_object *k, *v;
    int step = lx_dict_walk_next(I, &it->walk, it->dict, &k, &v);
    if (step <= 0) {
        if (step == 0)
            RC_CLEAR(it->dict);
        return NULL;
    }
    view_kind kind = kind_of(self);
    if (kind == VIEW_ITEMS)
        return pair_tuple(I, k, v);
    rc_object *r = kind == VIEW_KEYS ? k : v;
    rc_incref(r);
    return r;
}

static rc_ssize view_len(lx_interp *I, rc_object *self)
{
    (void)I;
    rc_object *d = ((dict_view *)self)->dict;
    return d ? rc_dict_len(d) : 0;
}

static int view_contains(lx_interp *I, rc_object *self, rc_object *x)
{
    rc_object *d = ((dict_view *)self)->dict, *v;
    if (!d)
        return 0;
    view_kind kind = kind_of(self);
    if (kind == VIEW_KEYS)
        return lx_dict_lookup(I, d, x, &v);
    if (kind == VIEW_ITEMS) {
        if (!rc_is_type(x, &rc_tuple_type) || rc_tuple_len(x) != 2)
            return 0;
        int found = lx_dict_lookup(I, d, rc_tuple_get(x, 0), &v);
        if (found <= 0)
            return found;
        rc_incref(v);
        int eq = lx_eq(I, v, rc_tuple_get(x, 1));
        rc_decref(v);
        return eq;
    }
    rc_ssize pos = 0;
    rc_object *k;
    while (rc_dict_next(d, &pos, &k, &v)) {
        rc_incref(v);
        int eq = lx_eq(I, v, x);
        rc_decref(v);
        if (eq != 0)
            return eq;
    }
    return 0;
}

/* dict_keys(['a', 'b']): the repr of a list of the view's items. */
static rc_object *view_repr(lx_interp *I, rc_object *self)
{
    rc_object *list = rc_list_new(lx_heap(I));
    if (!list)
        return lx_raise_heap_error(I);
    rc_object *it = view_iter(I, self), *item, *r = NULL;
    while (it && (item = iter_next(I, it)) != NULL)
        if (lx_list_append_steal(I, list, item) < 0)
            break;
    rc_xdecref(it);
    if (!lx_exc_occurred(I))
        r = lx_repr(I, list);
    rc_decref(list);
    if (!r)
        return NULL;
    lx_buf b;
    lx_buf_init(&b, I);
    const char *name = self->type->name;
    int rc = lx_buf_put(&b, name, strlen(name)) | lx_buf_putc(&b, '(') | lx_buf_put_str(&b, r) |
             lx_buf_putc(&b, ')');
    rc_decref(r);
    if (rc < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}

#define VIEW_SLOTS(t, tname)                                                      \
    {.type = &t, .name = tname, .repr = view_repr, .iter = view_iter, .len = view_len, \
     .contains = view_contains}
#define ITER_SLOTS(t, tname)                                                      \
    {.type = &t, .name = tname, .iter = iter_self, .next = iter_next}

static const lx_type_slots view_slots[] = {
    VIEW_SLOTS(keys_type, "dict_keys"),
    VIEW_SLOTS(values_type, "dict_values"),
    VIEW_SLOTS(items_type, "dict_items"),
    ITER_SLOTS(keys_iter_type, "dict_keyiterator"),
    ITER_SLOTS(values_iter_type, "dict_valueiterator"),
    ITER_SLOTS(items_iter_type, "dict_itemiterator"),
};

int lx_register_method_types(lx_interp *I)
{
    for (size_t i = 0; i < sizeof view_slots / sizeof view_slots[0]; i++)
        if (lx_register_type(I, &view_slots[i]) < 0)
            return -1;
    return 0;
}

/* ---- dict methods ------------------------------------------------------- */

static int dict_store(lx_interp *I, rc_object *d, rc_object *key, rc_object *value)
{
    if (lx_hash(I, key) == -1 && lx_exc_occurred(I))
        return -1;
    if (rc_dict_set(d, key, value) == 0)
        return 0;
    if (!lx_exc_occurred(I))
        lx_raise_heap_error(I);
    return -1;
}

static rc_object *dict_get(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    rc_object *v;
    if (lx_no_kwargs(I, "get", kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, "get", nargs - 1, 1, 2) < 0)
        return NULL;
    int found = lx_dict_lookup(I, args[0], args[1], &v);
    if (found < 0)
        return NULL;
    if (!found)
        v = nargs > 2 ? args[2] : rc_none();
    rc_incref(v);
    return v;
}

static rc_object *make_view(lx_interp *I, const char *name, rc_object *const *args, size_t nargs,
                            rc_object *kw, view_kind kind)
{
    if (lx_method_no_args(I, name, nargs, kw) < 0)
        return NULL;
    return view_new(I, args[0], kind);
}

static rc_object *dict_keys(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return make_view(I, "dict.keys", a, n, kw, VIEW_KEYS); }
static rc_object *dict_values(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return make_view(I, "dict.values", a, n, kw, VIEW_VALUES); }
static rc_object *dict_items(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return make_view(I, "dict.items", a, n, kw, VIEW_ITEMS); }

/* Removes key from d, handing its value to the caller: 1, 0 absent, -1. */
static int take(lx_interp *I, rc_object *d, rc_object *key, rc_object **value)
{
    int found = lx_dict_lookup(I, d, key, value);
    if (found <= 0)
        return found;
    rc_incref(*value);
    if (rc_dict_del(d, key) < 0) {
        rc_decref(*value);
        if (!lx_exc_occurred(I))
            lx_raise_heap_error(I);
        return -1;
    }
    return 1;
}

static rc_object *dict_pop(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    rc_object *v;
    if (lx_no_kwargs(I, "pop", kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, "pop", nargs - 1, 1, 2) < 0)
        return NULL;
    int found = take(I, args[0], args[1], &v);
    if (found < 0)
        return NULL;
    if (found)
        return v;
    if (nargs < 3)
        return lx_raise_key_error(I, args[1]);
    rc_incref(args[2]);
    return args[2];
}

static rc_object *dict_popitem(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "dict.popitem", nargs, kw) < 0)
        return NULL;
    rc_object *d = args[0], *k = NULL, *v = NULL, *lk, *lv;
    rc_ssize pos = 0;
    while (rc_dict_next(d, &pos, &lk, &lv))     /* the last item (LIFO) */
        k = lk, v = lv;
    if (!k)
        return lx_raise(I, LX_KeyError, "popitem(): dictionary is empty");
    rc_object *t = pair_tuple(I, k, v);
    if (t && rc_dict_del(d, k) < 0) {
        rc_decref(t);
        return lx_raise_heap_error(I);
    }
    return t;
}

static rc_object *dict_setdefault(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    rc_object *v;
    if (lx_no_kwargs(I, "setdefault", kw) < 0 ||
        lx_arity(I, LX_ARITY_CLINIC, "setdefault", nargs - 1, 1, 2) < 0)
        return NULL;
    int found = lx_dict_lookup(I, args[0], args[1], &v);
    if (found < 0)
        return NULL;
    if (!found) {
        v = nargs > 2 ? args[2] : rc_none();
        if (dict_store(I, args[0], args[1], v) < 0)
            return NULL;
    }
    rc_incref(v);
    return v;
}

static int merge_dict(lx_interp *I, rc_object *d, rc_object *src)
{
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc_dict_next(src, &pos, &k, &v))
        if (dict_store(I, d, k, v) < 0)
            return -1;
    return 0;
}

/* One element of update's iterable: a pair (any iterable of two items). */
static int merge_pair(lx_interp *I, rc_object *d, rc_object *elem, size_t index)
{
    rc_object *it = lx_iter(I, elem), *kv[3] = {NULL, NULL, NULL};
    if (!it) {
        if (lx_exc_matches(I, LX_TypeError)) {
            lx_exc_clear(I);
            lx_raise(I, LX_TypeError,
                     "cannot convert dictionary update sequence element #%zu to a sequence", index);
        }
        return -1;
    }
    size_t n = 0;
    rc_object *x;
    while ((x = lx_next(I, it)) != NULL) {
        if (n < 3)
            kv[n] = x;
        else
            rc_decref(x);
        n++;
    }
    rc_decref(it);
    int rc = -1;
    if (lx_exc_occurred(I))
        ;
    else if (n != 2)
        lx_raise(I, LX_ValueError, "dictionary update sequence element #%zu has length %zu; 2 is required",
                 index, n);
    else
        rc = dict_store(I, d, kv[0], kv[1]);
    for (int i = 0; i < 3; i++)
        rc_xdecref(kv[i]);
    return rc;
}

static int merge_pairs(lx_interp *I, rc_object *d, rc_object *src)
{
    rc_object *it = lx_iter(I, src), *elem;
    if (!it)
        return -1;
    for (size_t i = 0; (elem = lx_next(I, it)) != NULL; i++) {
        int rc = merge_pair(I, d, elem, i);
        rc_decref(elem);
        if (rc < 0)
            break;
    }
    rc_decref(it);
    return lx_exc_occurred(I) ? -1 : 0;
}

static rc_object *dict_update(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_arity(I, LX_ARITY_CLINIC, "update", nargs - 1, 0, 1) < 0)
        return NULL;
    rc_object *src = nargs > 1 ? lx_value_of(args[1]) : NULL;     /* a dict subclass: its items */
    if (src && (rc_is_type(src, &rc_dict_type) ? merge_dict(I, args[0], src) : merge_pairs(I, args[0], args[1])) < 0)
        return NULL;
    if (kw && merge_dict(I, args[0], kw) < 0)
        return NULL;
    return rc_none();
}

static rc_object *dict_copy(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "dict.copy", nargs, kw) < 0)
        return NULL;
    rc_object *d = rc_dict_new(lx_heap(I));
    if (!d)
        return lx_raise_heap_error(I);
    if (merge_dict(I, d, args[0]) < 0) {
        rc_decref(d);
        return NULL;
    }
    return d;
}

static rc_object *dict_clear(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "dict.clear", nargs, kw) < 0)
        return NULL;
    rc_dict_clear(args[0]);   /* the table goes too, as CPython's */
    return rc_none();
}

static rc_object *dict_fromkeys(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "fromkeys", kw) < 0 ||
        lx_arity(I, LX_ARITY_CLINIC, "fromkeys", nargs - 1, 1, 2) < 0)
        return NULL;
    rc_object *value = nargs > 2 ? args[2] : rc_none();
    rc_object *d = rc_dict_new(lx_heap(I));
    if (!d)
        return lx_raise_heap_error(I);
    rc_object *cls = args[0], *dict_cls = lx_type_of(I, d);
    if (lx_isinstance(I, cls, lx_type_of(I, dict_cls)) != 1)
        cls = lx_type_of(I, cls);       /* called on an instance: its class */
    int exact = cls == dict_cls;
    if (!exact) {           /* a subclass's fromkeys: cls() filled through its __setitem__ */
        rc_decref(d);
        if (!(d = lx_call(I, cls, NULL, 0, NULL)))
            return NULL;
    }
    rc_object *it = lx_iter(I, args[1]), *k;
    while (it && (k = lx_next(I, it)) != NULL) {
        int rc = exact ? dict_store(I, d, k, value) : lx_setitem(I, d, k, value);
        rc_decref(k);
        if (rc < 0)
            break;
    }
    rc_xdecref(it);
    if (lx_exc_occurred(I)) {
        rc_decref(d);
        return NULL;
    }
    return d;
}

const lx_func_def lx_dict_methods[] = {
    {"get", dict_get},       {"keys", dict_keys},         {"values", dict_values},
    {"items", dict_items},   {"pop", dict_pop},           {"popitem", dict_popitem},
    {"setdefault", dict_setdefault}, {"update", dict_update}, {"copy", dict_copy},
    {"clear", dict_clear},   {"fromkeys", dict_fromkeys}, {NULL, NULL},
};
