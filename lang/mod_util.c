/*
 * lang/mod_util.c — helpers shared by the native modules (see mod_util.h).
 *
 * Invariant of mod_objvec: items[0..len) each hold one reference, len <= cap;
 * the vector owns them until mod_objvec_to_list or mod_objvec_free.
 */
#include "mod_util.h"

#include <stdlib.h>
#include <string.h>

rc_object *mod_raise_nomem(lx_interp *I)
{
    if (rc_error(lx_heap(I)) != RC_OK)
        return lx_raise_heap_error(I);
    return lx_raise(I, LX_MemoryError, "out of memory");
}

int mod_set_new(lx_interp *I, rc_object *module, const char *name, rc_object *value)
{
    if (!value)
        return -1;
    int r = lx_module_set(I, module, name, value);
    rc_decref(value);
    return r;
}

int mod_set_int(lx_interp *I, rc_object *module, const char *name, int64_t v)
{
    return mod_set_new(I, module, name, lx_int(I, v));
}

int mod_dict_set_new(lx_interp *I, rc_object *d, const char *key, rc_object *value)
{
    if (!value)
        return -1;
    rc_object *k = lx_strz(I, key);
    int r = -1;
    if (k) {
        r = rc_dict_set(d, k, value);
        if (r < 0)
            lx_raise_heap_error(I);
        rc_decref(k);
    }
    rc_decref(value);
    return r;
}

int mod_list_append_new(lx_interp *I, rc_object *list, rc_object *item)
{
    if (!item)
        return -1;
    int r = rc_list_append(list, item);
    if (r < 0)
        lx_raise_heap_error(I);
    rc_decref(item);
    return r;
}

rc_object *mod_tuple_of(lx_interp *I, rc_object *const *items, size_t n)
{
    rc_object *t = rc_tuple_new(lx_heap(I), (rc_ssize)n);
    if (!t)
        return mod_raise_nomem(I);
    for (size_t i = 0; i < n; i++) {
        if (rc_tuple_set(t, (rc_ssize)i, items[i]) < 0) {
            rc_decref(t);
            return lx_raise_heap_error(I);
        }
    }
    return t;
}

rc_object *mod_int_tuple(lx_interp *I, const int64_t *v, size_t n)
{
    rc_object *items[8] = {0};
    if (n > sizeof items / sizeof items[0])
        return lx_raise(I, LX_ValueError, "mod_int_tuple: too many items");
    size_t made = 0;
    rc_object *t = NULL;
    for (; made < n; made++)
        if (!(items[made] = lx_int(I, v[made])))
            goto done;
    t = mod_tuple_of(I, items, n);
done:
    for (size_t i = 0; i < made; i++)
        rc_decref(items[i]);
    return t;
}

int mod_check_args(lx_interp *I, const char *fname, size_t nargs, rc_object *kwargs,
                   size_t min, size_t max)
{
    if (lx_no_kwargs(I, fname, kwargs) < 0)
        return -1;
    return lx_check_nargs(I, fname, nargs, min, max);
}

/* The index of the parameter named key, or n. */
static size_t param_index(const char *const *names, size_t n, rc_object *key)
{
    if (!rc_is_type(key, &rc_str_type))
        return n;
    size_t i = 0;
    while (i < n && strcmp(names[i], rc_str_data(key)) != 0)
        i++;
    return i;
}

int mod_parse_args(lx_interp *I, const char *fname, rc_object *const *args, size_t nargs,
                   rc_object *kwargs, const char *const *names, size_t n, rc_object **slots)
{
    size_t given = nargs + (kwargs ? (size_t)rc_dict_len(kwargs) : 0);
    if (given > n) {
        lx_raise(I, LX_TypeError, "%s() takes at most %zu argument%s (%zu given)",
                 fname, n, n == 1 ? "" : "s", given);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        slots[i] = i < nargs ? args[i] : NULL;
    rc_ssize pos = 0;
    rc_object *key, *value;
    while (kwargs && rc_dict_next(kwargs, &pos, &key, &value)) {
        size_t i = param_index(names, n, key);
        if (i == n) {
            rc_object *r = lx_repr(I, key);
            if (r) {
                lx_raise(I, LX_TypeError, "%s is an invalid keyword argument for %s()",
                         rc_str_data(r), fname);
                rc_decref(r);
            }
            return -1;
        }
        if (slots[i]) {
            lx_raise(I, LX_TypeError, "argument for %s() given by name ('%s') and position (%zu)",
                     fname, names[i], i + 1);
            return -1;
        }
        slots[i] = value;
    }
    return 0;
}

int mod_objvec_push(rc_object *child, void *arg)
{
    mod_objvec *v = arg;
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        rc_object **items = realloc(v->items, cap * sizeof *items);
        if (!items) {
            v->out_of_memory = 1;
            return 1;
        }
        v->items = items;
        v->cap = cap;
    }
    rc_incref(child);
    v->items[v->len++] = child;
    return 0;
}

void mod_objvec_free(mod_objvec *v)
{
    for (size_t i = 0; i < v->len; i++)
        rc_decref(v->items[i]);
    free(v->items);
    memset(v, 0, sizeof *v);
}

rc_object *mod_objvec_to_list(lx_interp *I, mod_objvec *v)
{
    rc_object *list = NULL;
    if (v->out_of_memory) {
        lx_raise(I, LX_MemoryError, "out of memory while walking the heap");
        goto done;
    }
    if (!(list = lx_list_new(I)))
        goto done;
    for (size_t i = 0; i < v->len; i++) {
        rc_incref(v->items[i]);
        if (mod_list_append_new(I, list, v->items[i]) < 0) {
            RC_CLEAR(list);
            break;
        }
    }
done:
    mod_objvec_free(v);
    return list;
}

rc_object *mod_raise_os_error(lx_interp *I, int e, rc_object *path)
{
    rc_object *args[3] = {lx_int(I, e), lx_strz(I, strerror(e)), path};
    size_t n = path && path->type == &rc_str_type ? 3 : 2;
    rc_object *exc = args[0] && args[1] ? lx_call(I, lx_exc_class(I, LX_OSError), args, n, NULL) : NULL;
    rc_xdecref(args[0]);
    rc_xdecref(args[1]);
    if (exc)
        lx_exc_restore(I, exc);
    return NULL;
}

rc_object *mod_raise_unsupported(lx_interp *I, const char *msg)
{
    rc_object *io = lx_import_name(I, "io");
    rc_object *cls = io ? lx_getattr(I, io, "UnsupportedOperation") : NULL;
    rc_object *text = cls ? lx_strz(I, msg) : NULL;
    rc_object *exc = text ? lx_call(I, cls, &text, 1, NULL) : NULL;
    rc_xdecref(text);
    rc_xdecref(cls);
    rc_xdecref(io);
    if (exc)
        lx_exc_restore(I, exc);   /* steals */
    return NULL;
}

rc_object *mod_define_in_python(lx_interp *I, const char *module, const char *src, size_t len,
                                const char *name)
{
    rc_object *ns = lx_dict_new(I), *found = NULL;
    if (!ns || mod_dict_set_new(I, ns, "__name__", lx_strz(I, module)) < 0) {
        rc_xdecref(ns);
        return NULL;
    }
    rc_object *r = lx_eval_source(I, src, len, 0, ns, NULL);
    if (r) {
        rc_decref(r);
        rc_object *key = lx_strz(I, name);
        if (key && (found = rc_dict_get(ns, key)))
            rc_incref(found);
        rc_xdecref(key);
        if (!found && !lx_exc_occurred(I))
            mod_raise_nomem(I);
    }
    rc_decref(ns);
    return found;
}
