/*
 * lang/match.c — the run-time side of the match statement.
 *
 * compile.c turns patterns into ordinary stack code plus a few opcodes
 * (MATCH_SEQUENCE, MATCH_MAPPING, MATCH_CLASS, MATCH_KEYS, GET_LEN,
 * COPY_DICT_WITHOUT_KEYS); the evaluator hands the work of all but GET_LEN
 * to these functions.  They bind nothing: captures are ordinary stores the
 * compiler emits once a value has been taken out of the subject.
 *
 * Which values sequence and mapping patterns accept follows CPython's type
 * flags: list, tuple, range, collections.deque and array.array are
 * sequences (str, bytes and bytearray are not); dict is a mapping.
 */
#include "core.h"

#include <string.h>

/* A native type registered by a module (deque, array), by its names. */
static int is_native(lx_interp *I, rc_object *o, const char *module, const char *name)
{
    const lx_type_slots *s = lx_class_of(I, o)->slots;
    return s && s->module && strcmp(s->module, module) == 0 && strcmp(s->name, name) == 0;
}

int lx_match_sequence(lx_interp *I, rc_object *o)
{
    o = lx_value_of(o);     /* a list or tuple subclass instance: its value */
    if (o->type == &rc_list_type || o->type == &rc_tuple_type || o->type == &lx_range_type)
        return 1;
    return is_native(I, o, "collections", "deque") || is_native(I, o, "array", "array");
}

int lx_match_mapping(lx_interp *I, rc_object *o)
{
    (void)I;
    return lx_value_of(o)->type == &rc_dict_type;   /* dict subclasses too */
}

/* MATCH_CLASS's and MATCH_KEYS' answer from a tuple being filled (taken)
 * and how the filling went: 1 complete, 0 no match, -1 an error. */
static rc_object *match_answer(rc_object *out, int ok)
{
    if (ok == 1)
        return out;
    rc_xdecref(out);
    return ok == 0 ? rc_none() : NULL;
}

/* ---- class patterns ------------------------------------------------------- */

static const char *class_name(lx_class *cls)
{
    return rc_str_data(cls->name);
}

/* Built-in classes whose one positional sub-pattern matches the subject itself. */
static int matches_self(lx_interp *I, lx_class *cls)
{
    lx_class *const self_matching[] = {I->c_bool, I->c_bytes, I->c_dict, I->c_float, I->c_frozenset,
                                       I->c_int, I->c_list, I->c_set, I->c_str, I->c_tuple};
    for (size_t i = 0; i < sizeof self_matching / sizeof *self_matching; i++)
        if (self_matching[i] && lx_is_subclass(cls, self_matching[i]))
            return 1;
    return 0;
}

/* The names the positional sub-patterns stand for: __match_args__ (a new
 * reference), or None when the class matches the subject itself; NULL with
 * TypeError when there are more sub-patterns than names. */
static rc_object *positional_names(lx_interp *I, lx_class *cls, size_t npos)
{
    rc_object *names = lx_getattr(I, (rc_object *)cls, "__match_args__");
    size_t allowed;
    if (!names) {
        if (!lx_exc_matches(I, LX_AttributeError))
            return NULL;
        lx_exc_clear(I);
        allowed = matches_self(I, cls) ? 1 : 0;
        names = allowed ? rc_none() : NULL;
    } else if (names->type != &rc_tuple_type) {
        lx_raise(I, LX_TypeError, "%s.__match_args__ must be a tuple (got %s)", class_name(cls),
                 lx_type_name(I, names));
        rc_decref(names);
        return NULL;
    } else {
        allowed = (size_t)rc_tuple_len(names);
    }
    if (npos > allowed) {
        rc_xdecref(names);
        return lx_raise(I, LX_TypeError, "%s() accepts %zu positional sub-pattern%s (%zu given)",
                        class_name(cls), allowed, allowed == 1 ? "" : "s", npos);
    }
    return names;
}

/* subject.name for sub-pattern `name`: a new reference; NULL with no
 * exception when the subject lacks it; NULL with TypeError when the
 * pattern names it twice (seen: the names so far, a set). */
static rc_object *pattern_attr(lx_interp *I, lx_class *cls, rc_object *subject, rc_object *name,
                               rc_object *seen)
{
    if (name->type != &rc_str_type)
        return lx_raise(I, LX_TypeError, "__match_args__ elements must be strings (got %s)",
                        lx_type_name(I, name));
    int dup = lx_set_contains(I, seen, name);
    if (dup > 0) {
        rc_object *r = lx_repr(I, name);
        if (r) {
            lx_raise(I, LX_TypeError, "%s() got multiple sub-patterns for attribute %s", class_name(cls),
                     rc_str_data(r));
            rc_decref(r);
        }
        return NULL;
    }
    if (dup < 0 || lx_set_add(I, seen, name) < 0)
        return NULL;
    rc_object *v = lx_getattr_obj(I, subject, name);
    if (!v && lx_exc_matches(I, LX_AttributeError))
        lx_exc_clear(I);
    return v;
}

/* Fill out[0..n) with the attributes names[...] (positional names come
 * first, keyword ones after).  1: all found; 0: one missing; -1: error. */
static int collect_attrs(lx_interp *I, lx_class *cls, rc_object *subject, rc_object *posnames,
                         size_t npos, rc_object *kwnames, rc_object *out)
{
    rc_object *seen = lx_set_new(I, 0);
    if (!seen)
        return -1;
    size_t nkw = (size_t)rc_tuple_len(kwnames);
    int ok = 1;
    for (size_t i = 0; ok == 1 && i < npos + nkw; i++) {
        rc_object *v;
        if (i < npos && posnames == rc_none()) {
            v = subject;
            rc_incref(v);
        } else {
            rc_object *name = i < npos ? rc_tuple_get(posnames, i) : rc_tuple_get(kwnames, i - npos);
            v = pattern_attr(I, cls, subject, name, seen);
        }
        if (!v) {
            ok = lx_exc_occurred(I) ? -1 : 0;
            break;
        }
        rc_tuple_set(out, i, v);
        rc_decref(v);
    }
    rc_decref(seen);
    return ok;
}

rc_object *lx_match_class(lx_interp *I, rc_object *subject, rc_object *cls, size_t npos, rc_object *names)
{
    if (!lx_is_class(cls))
        return lx_raise(I, LX_TypeError, "called match pattern must be a type");
    int is = lx_isinstance(I, subject, cls);
    if (is <= 0)
        return is < 0 ? NULL : rc_none();
    rc_object *posnames = NULL;
    if (npos && !(posnames = positional_names(I, (lx_class *)cls, npos)))
        return NULL;
    rc_object *out = rc_tuple_new(I->heap, npos + (size_t)rc_tuple_len(names));
    int ok = out ? collect_attrs(I, (lx_class *)cls, subject, posnames, npos, names, out) : -1;
    if (!out)
        lx_raise_heap_error(I);
    rc_xdecref(posnames);
    return match_answer(out, ok);
}

/* ---- mapping patterns ------------------------------------------------------- */

/* Keys given twice (value patterns may repeat one): ValueError. */
static int check_distinct_keys(lx_interp *I, rc_object *keys)
{
    rc_object *seen = lx_set_new(I, 0);
    int r = seen ? 0 : -1;
    for (rc_ssize i = 0; r == 0 && i < rc_tuple_len(keys); i++) {
        rc_object *k = rc_tuple_get(keys, i);
        r = lx_set_contains(I, seen, k);
        if (r > 0) {
            rc_object *rep = lx_repr(I, k);
            if (rep) {
                lx_raise(I, LX_ValueError, "mapping pattern checks duplicate key (%s)", rc_str_data(rep));
                rc_decref(rep);
            }
            r = -1;
        } else if (r == 0) {
            r = lx_set_add(I, seen, k);
        }
    }
    rc_xdecref(seen);
    return r;
}

/* subject.get(key, missing) for each key into out: 1, 0 (one missing), -1. */
static int lookup_keys(lx_interp *I, rc_object *subject, rc_object *keys, rc_object *out)
{
    rc_object *missing = lx_list_new(I);
    if (!missing)
        return -1;
    int ok = 1;
    for (rc_ssize i = 0; ok == 1 && i < rc_tuple_len(keys); i++) {
        rc_object *args[2] = {rc_tuple_get(keys, i), missing};
        rc_object *v = lx_call_method(I, subject, I->names.get, args, 2);
        if (!v || v == missing) {
            ok = v ? 0 : -1;
            rc_xdecref(v);
            break;
        }
        rc_tuple_set(out, i, v);
        rc_decref(v);
    }
    rc_decref(missing);
    return ok;
}

rc_object *lx_match_keys(lx_interp *I, rc_object *subject, rc_object *keys)
{
    if (check_distinct_keys(I, keys) < 0)
        return NULL;
    rc_object *out = rc_tuple_new(I->heap, (size_t)rc_tuple_len(keys));
    if (!out)
        return lx_raise_heap_error(I);
    return match_answer(out, lookup_keys(I, subject, keys, out));
}

rc_object *lx_match_rest(lx_interp *I, rc_object *subject, rc_object *keys)
{
    rc_object *rest = lx_dict_new(I), *k, *v;
    rc_ssize pos = 0;
    subject = lx_value_of(subject);     /* a dict subclass instance's items */
    while (rest && rc_dict_next(subject, &pos, &k, &v)) {
        if (rc_dict_set(rest, k, v) < 0) {
            RC_CLEAR(rest);
            lx_raise_heap_error(I);
        }
    }
    for (rc_ssize i = 0; rest && i < rc_tuple_len(keys); i++)
        if (lx_delitem(I, rest, rc_tuple_get(keys, i)) < 0)
            RC_CLEAR(rest);
    return rest;
}
