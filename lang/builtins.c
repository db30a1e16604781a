/*
 * lang/builtins.c — the built-in classes and the core built-in functions.
 *
 * lx_init_builtins makes the class object of every built-in type (object,
 * type, int, str, list, ..., function, module), binds the method tables of
 * the method files to them, sets each class's constructor (what calling the
 * class does: int("12"), list(range(3)), ...), and fills the builtins dict
 * with the classes and the functions below plus lx_builtin_functions_extra.
 *
 * Every built-in receives its arguments borrowed (lang.h) and holds no
 * reference beyond the call, so sys.getrefcount and friends see exactly the
 * evaluator's argument reference.
 */
#define _POSIX_C_SOURCE 200809L
#include "core.h"
#include "methods_util.h"
#include "mod_util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- argument helpers (lang.h) ------------------------------------------------ */

int lx_no_kwargs(lx_interp *I, const char *fname, rc_object *kwargs)
{
    if (kwargs && rc_dict_len(kwargs) > 0) {
        lx_raise(I, LX_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

int lx_check_nargs(lx_interp *I, const char *fname, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    if (min == max && min <= 1)
        lx_raise(I, LX_TypeError, "%s() takes %s (%zu given)", fname,
                 min == 0 ? "no arguments" : "exactly one argument", nargs);
    else if (min == max)
        lx_raise(I, LX_TypeError, "%s() takes exactly %zu arguments (%zu given)", fname, min, nargs);
    else if (nargs < min)
        lx_raise(I, LX_TypeError, "%s() takes at least %zu argument%s (%zu given)", fname, min,
                 min == 1 ? "" : "s", nargs);
    else
        lx_raise(I, LX_TypeError, "%s() takes at most %zu argument%s (%zu given)", fname, max,
                 max == 1 ? "" : "s", nargs);
    return -1;
}

int lx_arg_int(lx_interp *I, const char *fname, rc_object *o, int64_t *out)
{
    if (o->type == &rc_int_type || o->type == &rc_bool_type) {
        *out = rc_int_value(o);
        return 0;
    }
    if (lx_is_inst(o) && lx_lookup_special(I, o, I->names.__index__))
        return lx_index_value(I, o, out);
    (void)fname;
    if (o->type == &rc_bigint_type) {
        lx_raise(I, LX_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    lx_raise(I, LX_TypeError, "'%s' object cannot be interpreted as an integer", lx_type_name(I, o));
    return -1;
}

int lx_arg_float(lx_interp *I, const char *fname, rc_object *o, double *out)
{
    if (o->type == &rc_float_type) {
        *out = rc_float_value(o);
        return 0;
    }
    if (rc_is_any_int(o))
        return lx_int_to_double(I, o, out);
    if (lx_value_of(o) != o)
        return lx_arg_float(I, fname, lx_value_of(o), out);
    lx_raise(I, LX_TypeError, "%s(): must be real number, not %s", fname, lx_type_name(I, o));
    return -1;
}

int lx_arg_str(lx_interp *I, const char *fname, rc_object *o, const char **out, size_t *len)
{
    if (o->type != &rc_str_type)
        o = lx_value_of(o);     /* a str subclass instance: its value */
    if (o->type != &rc_str_type) {
        lx_raise(I, LX_TypeError, "%s(): argument must be str, not %s", fname, lx_type_name(I, o));
        return -1;
    }
    *out = rc_str_data(o);
    if (len)
        *len = rc_str_size(o);
    return 0;
}

/* One keyword argument by name (borrowed) or NULL. */
static rc_object *kwarg(lx_interp *I, rc_object *kwargs, const char *name)
{
    if (!kwargs)
        return NULL;
    rc_object *k = lx_intern(I, name);
    if (!k)
        return NULL;
    rc_object *v = rc_dict_get(kwargs, k);
    rc_decref(k);
    return v;
}

static int only_kwargs(lx_interp *I, const char *fname, rc_object *kwargs, const char *const *allowed)
{
    if (!kwargs)
        return 0;
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc_dict_next(kwargs, &pos, &k, &v)) {
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(rc_str_data(k), *a) == 0)
                ok = 1;
        if (!ok) {
            lx_raise(I, LX_TypeError, "'%s' is an invalid keyword argument for %s()", rc_str_data(k), fname);
            return -1;
        }
    }
    return 0;
}

/* ---- numbers from strings ----------------------------------------------------------- */

/* The validated digits [p, e) (underscores between them) as an int of any
 * size, through lang/int_big.c (which applies the 4300-digit limit). */
static rc_object *big_from_digits(lx_interp *I, const char *p, const char *e, int neg, int base)
{
    char *buf = malloc((size_t)(e - p) + 2);
    if (!buf)
        return lx_raise(I, LX_MemoryError, "%s", "");
    size_t k = 0;
    if (neg)
        buf[k++] = '-';
    for (; p < e; p++)
        if (*p != '_')
            buf[k++] = *p;
    rc_object *r = lx_int_from_digits(I, buf, k, base);
    free(buf);
    return r;
}

rc_object *lx_int_from_str(lx_interp *I, const char *s, size_t n, int base)
{
    const char *p = s, *e = s + n;
    while (p < e && isspace((unsigned char)*p))
        p++;
    while (e > p && isspace((unsigned char)e[-1]))
        e--;
    const char *start = p;
    int neg = 0;
    if (p < e && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    if ((base == 0 || base == 16 || base == 8 || base == 2) && e - p > 2 && p[0] == '0') {
        char c = (char)tolower((unsigned char)p[1]);
        int b = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (b && (base == 0 || base == b)) {
            base = b;
            p += 2;
            if (p < e && *p == '_')
                p++;
        }
    }
    if (base == 0)
        base = 10;
    uint64_t v = 0;
    int any = 0, overflow = 0;
    const char *digits = p;
    for (; p < e; p++) {
        if (*p == '_' && any && p + 1 < e && p[1] != '_')
            continue;
        int d = isdigit((unsigned char)*p) ? *p - '0' : isalpha((unsigned char)*p) ? tolower((unsigned char)*p) - 'a' + 10 : 99;
        if (d >= base)
            break;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            overflow = 1;
        else
            v = v * (uint64_t)base + (uint64_t)d;
        any = 1;
    }
    if (!any || p != e) {
        rc_object *r = rc_str_new(I->heap, s, n);
        rc_object *rr = r ? lx_repr(I, r) : NULL;
        /* CPython shows at most 200 characters of the repr */
        size_t shown = !rr ? (size_t)1 : rc_str_len(rr) > 200 ? lx_str_offset(rr, 200) : rc_str_size(rr);
        lx_raise(I, LX_ValueError, "invalid literal for int() with base %d: %.*s", base, (int)shown,
                 rr ? rc_str_data(rr) : "?");
        rc_xdecref(r);
        rc_xdecref(rr);
        return NULL;
    }
    (void)start;
    if (overflow || v > (uint64_t)INT64_MAX + (uint64_t)neg || e - digits > 19)
        return big_from_digits(I, digits, e, neg, base);
    return lx_int(I, neg ? (int64_t)(0 - v) : (int64_t)v);
}

rc_object *lx_float_from_str(lx_interp *I, const char *s, size_t n)
{
    char local[128];
    size_t k = 0;
    const char *p = s, *e = s + n;
    while (p < e && isspace((unsigned char)*p))
        p++;
    while (e > p && isspace((unsigned char)e[-1]))
        e--;
    /* a long literal (hundreds of digits) gets a buffer of its own */
    char *buf = (size_t)(e - p) < sizeof local ? local : malloc((size_t)(e - p) + 1);
    if (!buf)
        return lx_raise(I, LX_MemoryError, "%s", "");
    for (const char *q = p; q < e; q++)
        if (*q != '_')
            buf[k++] = *q;
    buf[k] = 0;
    char *end;
    double v = strtod(buf, &end);
    int ok = k > 0 && (size_t)(end - buf) == k;
    if (ok) {
        const char *lower = buf;
        while (*lower == '+' || *lower == '-')
            lower++;
        if (tolower((unsigned char)*lower) == 'i' || tolower((unsigned char)*lower) == 'n') {
            ok = strcasecmp(lower, "inf") == 0 || strcasecmp(lower, "infinity") == 0 || strcasecmp(lower, "nan") == 0;
        } else if (lower[0] == '0' && (lower[1] == 'x' || lower[1] == 'X')) {
            ok = 0;
        }
    }
    if (buf != local)
        free(buf);
    if (!ok) {
        rc_object *r = rc_str_new(I->heap, s, n);
        rc_object *rr = r ? lx_repr(I, r) : NULL;
        lx_raise(I, LX_ValueError, "could not convert string to float: %s", rr ? rc_str_data(rr) : "?");
        rc_xdecref(r);
        rc_xdecref(rr);
        return NULL;
    }
    return lx_float(I, v);
}

/* ---- constructors of the built-in classes ---------------------------------------------- */

/* o, or the str a str subclass instance holds: int() and float() parse it. */
static rc_object *str_value(rc_object *o)
{
    rc_object *v = lx_value_of(o);
    return v->type == &rc_str_type ? v : o;
}

static rc_object *ctor_int(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const allowed[] = {"base", NULL};
    if (only_kwargs(I, "int", kw, allowed) < 0 || lx_check_nargs(I, "int", n, 0, 2) < 0)
        return NULL;
    rc_object *basearg = n == 2 ? a[1] : kwarg(I, kw, "base");
    if (n == 0)
        return lx_int(I, 0);
    rc_object *x = str_value(a[0]);
    if (basearg) {
        int64_t base;
        if (lx_arg_int(I, "int", basearg, &base) < 0)
            return NULL;
        if (base != 0 && (base < 2 || base > 36))
            return lx_raise(I, LX_ValueError, "int() base must be >= 2 and <= 36, or 0");
        if (x->type != &rc_str_type)
            return lx_raise(I, LX_TypeError, "int() can't convert non-string with explicit base");
        return lx_int_from_str(I, rc_str_data(x), rc_str_size(x), (int)base);
    }
    if (x->type == &rc_int_type || x->type == &rc_bigint_type)
        return (rc_incref(x), x);
    if (x->type == &rc_bool_type)
        return lx_int(I, rc_int_value(x));
    if (x->type == &rc_float_type) {
        double d = rc_float_value(x);
        if (isnan(d))
            return lx_raise(I, LX_ValueError, "cannot convert float NaN to integer");
        if (isinf(d))
            return lx_raise(I, LX_OverflowError, "cannot convert float infinity to integer");
        rc_object *r = rc_bigint_from_double(I->heap, d);
        return r ? r : lx_raise_heap_error(I);
    }
    if (x->type == &rc_str_type)
        return lx_int_from_str(I, rc_str_data(x), rc_str_size(x), 10);
    if (x->type == &rc_bytes_type)
        return lx_int_from_str(I, (const char *)rc_bytes_data(x), rc_bytes_len(x), 10);
    if (lx_is_inst(x)) {
        rc_object *m = lx_lookup_special(I, x, I->names.__int__);
        if (!m)
            m = lx_lookup_special(I, x, I->names.__index__);
        if (m)
            return lx_call(I, m, &x, 1, NULL);
    }
    return lx_raise(I, LX_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                    lx_type_name(I, x));
}

static rc_object *ctor_float(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "float", kw) < 0 || lx_check_nargs(I, "float", n, 0, 1) < 0)
        return NULL;
    if (n == 0)
        return lx_float(I, 0.0);
    rc_object *x = str_value(a[0]);
    if (x->type == &rc_float_type)
        return (rc_incref(x), x);
    if (rc_is_any_int(x)) {
        double d;
        return lx_int_to_double(I, x, &d) < 0 ? NULL : lx_float(I, d);
    }
    if (x->type == &rc_str_type)
        return lx_float_from_str(I, rc_str_data(x), rc_str_size(x));
    if (lx_is_inst(x)) {
        rc_object *m = lx_lookup_special(I, x, I->names.__float__);
        if (m)
            return lx_call(I, m, &x, 1, NULL);
    }
    return lx_raise(I, LX_TypeError, "float() argument must be a string or a real number, not '%s'", lx_type_name(I, x));
}

static rc_object *ctor_str(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const allowed[] = {"encoding", "errors", NULL};
    if (only_kwargs(I, "str", kw, allowed) < 0 || lx_check_nargs(I, "str", n, 0, 3) < 0)
        return NULL;
    if (n == 0)
        return lx_strz(I, "");
    if (a[0]->type == &rc_bytes_type && (n > 1 || (kw && rc_dict_len(kw)))) {
        rc_object *s = rc_str_new(I->heap, (const char *)rc_bytes_data(a[0]), rc_bytes_len(a[0]));
        if (!s)
            return lx_raise(I, LX_UnicodeError, "'utf-8' codec can't decode bytes");
        return s;
    }
    return lx_str(I, a[0]);
}

static rc_object *ctor_bool(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "bool", kw) < 0 || lx_check_nargs(I, "bool", n, 0, 1) < 0)
        return NULL;
    if (n == 0)
        return rc_false();
    int t = lx_truth(I, a[0]);
    return t < 0 ? NULL : rc_bool(t);
}

static rc_object *ctor_list(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "list", kw) < 0 || lx_check_nargs(I, "list", n, 0, 1) < 0)
        return NULL;
    return n ? lx_list_from_iterable(I, a[0]) : lx_list_new(I);
}

static rc_object *ctor_tuple(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "tuple", kw) < 0 || lx_check_nargs(I, "tuple", n, 0, 1) < 0)
        return NULL;
    if (!n) {
        rc_incref(I->empty_tuple);
        return I->empty_tuple;
    }
    return lx_tuple_from_iterable(I, a[0]);
}

int lx_dict_update_from(lx_interp *I, rc_object *d, rc_object *src)
{
    if (src->type == &rc_dict_type) {
        rc_ssize pos = 0;
        rc_object *k, *v;
        while (rc_dict_next(src, &pos, &k, &v))
            if (rc_dict_set(d, k, v) < 0) {
                lx_raise_heap_error(I);
                return -1;
            }
        return 0;
    }
    if (lx_is_inst(src) && lx_lookup_special(I, src, I->names.keys)) {
        rc_object *keys = lx_call_method(I, src, I->names.keys, NULL, 0);
        rc_object *it = keys ? lx_iter(I, keys) : NULL;
        rc_xdecref(keys);
        if (!it)
            return -1;
        rc_object *k;
        while ((k = lx_next(I, it))) {
            rc_object *v = lx_getitem(I, src, k);
            int r = v ? lx_setitem(I, d, k, v) : -1;
            rc_xdecref(v);
            rc_decref(k);
            if (r < 0) {
                rc_decref(it);
                return -1;
            }
        }
        rc_decref(it);
        return lx_exc_occurred(I) ? -1 : 0;
    }
    rc_object *it = lx_iter(I, src);
    if (!it)
        return -1;
    rc_object *item;
    size_t i = 0;
    while ((item = lx_next(I, it))) {
        rc_object *pair = lx_tuple_from_iterable(I, item);
        if (!pair || rc_tuple_len(pair) != 2) {
            if (pair || lx_exc_matches(I, LX_TypeError)) {
                lx_exc_clear(I);
                if (pair)
                    lx_raise(I, LX_ValueError, "dictionary update sequence element #%zu has length %lld; 2 is required",
                             i, (long long)rc_tuple_len(pair));
                else
                    lx_raise(I, LX_TypeError, "cannot convert dictionary update sequence element #%zu to a sequence", i);
            }
            rc_xdecref(pair);
            rc_decref(item);
            rc_decref(it);
            return -1;
        }
        int r = lx_setitem(I, d, rc_tuple_get(pair, 0), rc_tuple_get(pair, 1));
        rc_decref(pair);
        rc_decref(item);
        if (r < 0) {
            rc_decref(it);
            return -1;
        }
        i++;
    }
    rc_decref(it);
    return lx_exc_occurred(I) ? -1 : 0;
}

static rc_object *ctor_dict(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_check_nargs(I, "dict", n, 0, 1) < 0)
        return NULL;
    rc_object *d = lx_dict_new(I);
    if (!d)
        return NULL;
    if ((n && lx_dict_update_from(I, d, a[0]) < 0) || (kw && lx_dict_update_from(I, d, kw) < 0)) {
        rc_decref(d);
        return NULL;
    }
    return d;
}

static rc_object *make_set(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw, int frozen)
{
    const char *name = frozen ? "frozenset" : "set";
    if (lx_no_kwargs(I, name, kw) < 0 || lx_check_nargs(I, name, n, 0, 1) < 0)
        return NULL;
    rc_object *s = lx_set_new(I, frozen);
    if (s && n && lx_set_update(I, s, a[0]) < 0) {
        rc_decref(s);
        return NULL;
    }
    return s;
}

static rc_object *ctor_set(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return make_set(I, a, n, kw, 0);
}

static rc_object *ctor_frozenset(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return make_set(I, a, n, kw, 1);
}

static rc_object *ctor_bytes(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const allowed[] = {"encoding", "errors", NULL};
    if (only_kwargs(I, "bytes", kw, allowed) < 0 || lx_check_nargs(I, "bytes", n, 0, 3) < 0)
        return NULL;
    if (n == 0)
    {
        rc_object *e = rc_bytes_new(I->heap, "", 0);
        return e ? e : lx_raise_heap_error(I);
    }
    rc_object *x = a[0];
    if (x->type == &rc_str_type) {
        if (n < 2 && !kwarg(I, kw, "encoding"))
            return lx_raise(I, LX_TypeError, "string argument without an encoding");
        rc_object *b = rc_bytes_new(I->heap, rc_str_data(x), rc_str_size(x));
        return b ? b : lx_raise_heap_error(I);
    }
    if (x->type == &rc_bytes_type)
        return (rc_incref(x), x);
    if (x->type == &rc_int_type) {
        int64_t len = rc_int_value(x);
        if (len < 0)
            return lx_raise(I, LX_ValueError, "negative count");
        char *z = rc_malloc(I->heap, (size_t)len + 1);  /* the heap's memory limit applies */
        if (!z)
            return lx_raise_heap_error(I);
        memset(z, 0, (size_t)len + 1);
        rc_object *b = rc_bytes_new(I->heap, z, (size_t)len);
        rc_free(I->heap, z);
        return b ? b : lx_raise_heap_error(I);
    }
    rc_object *l = lx_list_from_iterable(I, x);
    if (!l)
        return NULL;
    rc_ssize len = rc_list_len(l);
    unsigned char *buf = malloc((size_t)len + 1);
    if (!buf) {
        rc_decref(l);
        return lx_raise(I, LX_MemoryError, "%s", "");
    }
    for (rc_ssize i = 0; i < len; i++) {
        int64_t v;
        if (lx_index_value(I, rc_list_get(l, i), &v) < 0 || v < 0 || v > 255) {
            if (!lx_exc_occurred(I))
                lx_raise(I, LX_ValueError, "bytes must be in range(0, 256)");
            free(buf);
            rc_decref(l);
            return NULL;
        }
        buf[i] = (unsigned char)v;
    }
    rc_object *b = rc_bytes_new(I->heap, buf, (size_t)len);
    free(buf);
    rc_decref(l);
    return b ? b : lx_raise_heap_error(I);
}

static rc_object *ctor_range(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "range", kw) < 0)
        return NULL;
    if (n == 0 || n > 3) {
        if (n == 0)
            return lx_raise(I, LX_TypeError, "range expected at least 1 argument, got 0");
        return lx_raise(I, LX_TypeError, "range expected at most 3 arguments, got %zu", n);
    }
    int64_t v[3] = {0, 0, 1};
    for (size_t i = 0; i < n; i++)
        if (lx_index_value(I, a[i], &v[i]) < 0)
            return NULL;
    if (n == 1)
        return lx_range_new(I, 0, v[0], 1);
    return lx_range_new(I, v[0], v[1], n == 3 ? v[2] : 1);
}

/* type.__new__(meta, name, bases, ns, **kw) once the arguments are
 * checked: a copy of ns gets __module__ from the caller's globals. */
static rc_object *type_new_checked(lx_interp *I, lx_class *meta, rc_object *const *a, rc_object *kw)
{
    rc_object *ns = rc_dict_new(I->heap);
    if (!ns)
        return lx_raise_heap_error(I);
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc_dict_next(a[2], &pos, &k, &v))
        rc_dict_set(ns, k, v);
    if (!rc_dict_get(ns, I->names.__module__)) {
        rc_object *mod = I->frame ? rc_dict_get(I->frame->globals, I->names.__name__) : NULL;
        if (mod)
            rc_dict_set(ns, I->names.__module__, mod);
    }
    rc_object *cls = lx_type_new(I, meta, a[0], a[1], ns, kw && rc_dict_len(kw) ? kw : NULL);
    rc_decref(ns);
    return cls;
}

static int type_new_args_ok(lx_interp *I, rc_object *const *a)
{
    if (rc_is_type(a[0], &rc_str_type) && rc_is_type(a[1], &rc_tuple_type) && rc_is_type(a[2], &rc_dict_type))
        return 1;
    lx_raise(I, LX_TypeError, "type.__new__() argument types must be str, tuple and dict");
    return 0;
}

static rc_object *ctor_type(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (n == 1 && !(kw && rc_dict_len(kw))) {
        rc_object *c = lx_type_of(I, a[0]);
        rc_incref(c);
        return c;
    }
    if (n != 3)
        return lx_raise(I, LX_TypeError, "type() takes 1 or 3 arguments");
    return type_new_args_ok(I, a) ? type_new_checked(I, I->c_type, a, kw) : NULL;
}

/* type.__new__(meta, name, bases, ns, **kw), for a metaclass's __new__. */
static rc_object *type_m_new(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (n < 1 || !lx_is_class(a[0]) || !(((lx_class *)a[0])->flags & CLS_META))
        return lx_raise(I, LX_TypeError, "type.__new__(X): X is not a type object");
    if (n != 4)
        return lx_raise(I, LX_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)", n - 1);
    return type_new_args_ok(I, a + 1) ? type_new_checked(I, (lx_class *)a[0], a + 1, kw) : NULL;
}

/* type.__call__(cls, *args, **kw): make an instance, as calling cls
 * without its metaclass's __call__. */
static rc_object *type_m_call(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (n < 1 || !lx_is_class(a[0]))
        return lx_raise(I, LX_TypeError, "descriptor '__call__' requires a 'type' object");
    return lx_class_call_default(I, (lx_class *)a[0], a + 1, n - 1, kw);
}

static const lx_func_def type_methods[] = {
    {"__new__", type_m_new}, {"__call__", type_m_call}, {NULL, NULL},
};

static rc_object *ctor_object(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (n || (kw && rc_dict_len(kw)))
        return lx_raise(I, LX_TypeError, "object() takes no arguments");
    (void)a;
    return lx_inst_new(I, I->c_object);
}

static rc_object *make_wrapper(lx_interp *I, const rc_type *t, rc_object *const *a, size_t n, rc_object *kw,
                               const char *name)
{
    if (lx_no_kwargs(I, name, kw) < 0 || lx_check_nargs(I, name, n, 1, 1) < 0)
        return NULL;
    lx_wrapper *w = (lx_wrapper *)rc_new(I->heap, t);
    if (!w)
        return lx_raise_heap_error(I);
    rc_incref(a[0]);
    w->func = a[0];
    return &w->ob;
}

static rc_object *ctor_staticmethod(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return make_wrapper(I, &lx_staticmethod_type, a, n, kw, "staticmethod");
}

static rc_object *ctor_classmethod(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return make_wrapper(I, &lx_classmethod_type, a, n, kw, "classmethod");
}

/* method(function, instance): a bound method, as CPython's types.MethodType. */
static rc_object *ctor_method(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (kw && rc_dict_len(kw) > 0)
        return lx_raise(I, LX_TypeError, "method() takes no keyword arguments");
    if (n != 2)
        return lx_raise(I, LX_TypeError, "method expected 2 arguments, got %zu", n);
    if (!lx_callable(I, a[0]))
        return lx_raise(I, LX_TypeError, "first argument must be callable");
    if (a[1] == rc_none())
        return lx_raise(I, LX_TypeError, "instance must not be None");
    return lx_method_new(I, a[0], a[1]);
}

static rc_object *property_make(lx_interp *I, rc_object *fget, rc_object *fset, rc_object *fdel, rc_object *doc)
{
    lx_property *p = (lx_property *)rc_new(I->heap, &lx_property_type);
    if (!p)
        return lx_raise_heap_error(I);
    rc_object *const src[4] = {fget, fset, fdel, doc};
    rc_object **dst[4] = {&p->fget, &p->fset, &p->fdel, &p->doc};
    for (int i = 0; i < 4; i++)
        if (src[i] && src[i] != rc_none()) {
            rc_incref(src[i]);
            *dst[i] = src[i];
        }
    return &p->ob;
}

static rc_object *ctor_property(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const allowed[] = {"fget", "fset", "fdel", "doc", NULL};
    if (only_kwargs(I, "property", kw, allowed) < 0 || lx_check_nargs(I, "property", n, 0, 4) < 0)
        return NULL;
    rc_object *v[4] = {NULL, NULL, NULL, NULL};
    for (size_t i = 0; i < n; i++)
        v[i] = a[i];
    for (int i = 0; i < 4; i++)
        if (!v[i])
            v[i] = kwarg(I, kw, allowed[i]);
    return property_make(I, v[0], v[1], v[2], v[3]);
}

static rc_object *property_with(lx_interp *I, rc_object *const *a, size_t n, int which)
{
    if (lx_check_nargs(I, "property", n - 1, 1, 1) < 0)
        return NULL;
    lx_property *p = (lx_property *)a[0];
    return property_make(I, which == 0 ? a[1] : p->fget, which == 1 ? a[1] : p->fset, which == 2 ? a[1] : p->fdel,
                         p->doc);
}

static rc_object *m_property_getter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return property_with(I, a, n, 0);
}

static rc_object *m_property_setter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return property_with(I, a, n, 1);
}

static rc_object *m_property_deleter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return property_with(I, a, n, 2);
}

static const lx_func_def property_methods[] = {
    {"getter", m_property_getter}, {"setter", m_property_setter}, {"deleter", m_property_deleter}, {NULL, NULL},
};

static rc_object *ctor_super(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "super", kw) < 0 || lx_check_nargs(I, "super", n, 0, 2) < 0)
        return NULL;
    rc_object *type, *obj;
    if (n == 2) {
        type = a[0];
        obj = a[1];
    } else if (n == 0) {
        lx_frame *f = I->frame;
        lx_code *co = f ? f->code : NULL;
        if (!co || !(co->flags & CO_NEWLOCALS) || co->argcount == 0)
            return lx_raise(I, LX_RuntimeError, "super(): no arguments");
        obj = f->fast[0];
        for (uint32_t i = 0; i < co->ncells && obj == NULL; i++)
            if (co->cell2arg[i] == 0)
                obj = ((lx_cell *)f->fast[co->nlocals + i])->ref;
        type = NULL;
        for (uint32_t i = 0; i < co->nfree; i++) {
            rc_object *nm = co->localnames[co->nlocals + co->ncells + i];
            if (strcmp(rc_str_data(nm), "__class__") == 0)
                type = ((lx_cell *)f->fast[co->nlocals + co->ncells + i])->ref;
        }
        if (!type)
            return lx_raise(I, LX_RuntimeError, "super(): __class__ cell not found");
        if (!obj)
            return lx_raise(I, LX_RuntimeError, "super(): arg[0] deleted");
    } else {
        return lx_raise(I, LX_TypeError, "super() with one argument is not supported");
    }
    if (!lx_is_class(type))
        return lx_raise(I, LX_TypeError, "super() argument 1 must be a type, not %s", lx_type_name(I, type));
    if (!lx_super_class(I, (lx_class *)type, obj))
        return lx_raise(I, LX_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    lx_super *s = (lx_super *)rc_new(I->heap, &lx_super_type);
    if (!s)
        return lx_raise_heap_error(I);
    rc_incref(type);
    s->type = (lx_class *)type;
    rc_incref(obj);
    s->obj = obj;
    return &s->ob;
}

static rc_object *ctor_slice(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "slice", kw) < 0 || lx_check_nargs(I, "slice", n, 1, 3) < 0)
        return NULL;
    if (n == 1)
        return lx_slice_new(I, rc_none(), a[0], rc_none());
    return lx_slice_new(I, a[0], a[1], n == 3 ? a[2] : rc_none());
}

/* ---- object's and BaseException's own methods ------------------------------------------ */

static rc_object *obj_init(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)I, (void)a, (void)n, (void)kw;
    return rc_none();
}

static rc_object *obj_new(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n < 1 || !lx_is_class(a[0]) || !(((lx_class *)a[0])->flags & CLS_INSTANCES))
        return lx_raise(I, LX_TypeError, "object.__new__(X): X is not a type object");
    const char *name = rc_str_data(((lx_class *)a[0])->name);
    if (((lx_class *)a[0])->vbase)
        return lx_raise(I, LX_TypeError, "object.__new__(%s) is not safe, use %s.__new__()", name, name);
    rc_object *o = lx_inst_new(I, (lx_class *)a[0]);
    if (o && (((lx_class *)a[0])->flags & CLS_EXC)) {
        rc_object *t = lx_tuple_from(I, a + 1, n - 1);
        if (!t) {
            rc_decref(o);
            return NULL;
        }
        ((lx_inst *)o)->vals[EXC_ARGS] = t;
    }
    return o;
}

static rc_object *obj_repr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n < 1)
        return lx_raise(I, LX_TypeError, "__repr__ needs an argument");
    if (lx_is_inst(a[0]) && (lx_class_of(I, a[0])->flags & CLS_EXC)) {
        /* BaseException.__repr__ */
        rc_object *args = lx_exc_args(a[0]);
        rc_object *r = args && rc_tuple_len(args) == 1 ? lx_repr(I, rc_tuple_get(args, 0)) : lx_repr(I, args ? args : I->empty_tuple);
        if (!r)
            return NULL;
        char buf[1024];
        int one = args && rc_tuple_len(args) == 1;
        snprintf(buf, sizeof buf, one ? "%s(%s)" : "%s%s", lx_type_name(I, a[0]), rc_str_data(r));
        rc_decref(r);
        return lx_strz(I, buf);
    }
    char buf[600];
    lx_class *c = lx_class_of(I, a[0]);
    if (c->module && !(c->flags & CLS_BUILTIN))
        snprintf(buf, sizeof buf, "<%s.%s object at %p>", rc_str_data(c->module), rc_str_data(c->qualname), (void *)a[0]);
    else
        snprintf(buf, sizeof buf, "<%s object at %p>", lx_type_name(I, a[0]), (void *)a[0]);
    return lx_strz(I, buf);
}

static rc_object *obj_str(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n < 1)
        return lx_raise(I, LX_TypeError, "__str__ needs an argument");
    if (lx_is_inst(a[0]) && (lx_class_of(I, a[0])->flags & CLS_EXC)) {
        rc_object *args = lx_exc_args(a[0]);
        rc_ssize k = args ? rc_tuple_len(args) : 0;
        if (k == 0)
            return lx_strz(I, "");
        return k == 1 ? lx_str(I, rc_tuple_get(args, 0)) : lx_repr(I, args);
    }
    return lx_repr(I, a[0]);
}

static rc_object *obj_eq(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "expected 1 argument");
    if (a[0] == a[1])
        return rc_true();
    rc_incref(I->not_implemented);
    return I->not_implemented;
}

static rc_object *obj_ne(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "expected 1 argument");
    rc_object *eq = lx_rich_compare(I, a[0], a[1], LX_CMP_EQ);
    if (!eq)
        return NULL;
    if (eq == I->not_implemented) {
        rc_incref(eq);                 /* lx_rich_compare's sentinel is borrowed */
        return eq;
    }
    int t = lx_truth(I, eq);
    rc_decref(eq);
    return t < 0 ? NULL : rc_bool(!t);
}

static rc_object *obj_hash(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n != 1)
        return lx_raise(I, LX_TypeError, "expected no arguments");
    int64_t h = (int64_t)((uintptr_t)a[0] >> 4);
    return lx_int(I, h == -1 ? -2 : h);
}

static rc_object *obj_setattr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n != 3 || !rc_is_type(a[1], &rc_str_type))
        return lx_raise(I, LX_TypeError, "__setattr__ expected 2 arguments");
    rc_object *name = rc_str_intern(I->heap, a[1]);
    if (!name)
        return lx_raise_heap_error(I);
    int r = lx_setattr_raw(I, a[0], name, a[2]);
    rc_decref(name);
    return r < 0 ? NULL : rc_none();
}

static rc_object *obj_delattr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n != 2 || !rc_is_type(a[1], &rc_str_type))
        return lx_raise(I, LX_TypeError, "__delattr__ expected 1 argument");
    rc_object *name = rc_str_intern(I->heap, a[1]);
    if (!name)
        return lx_raise_heap_error(I);
    int r = lx_setattr_raw(I, a[0], name, NULL);
    rc_decref(name);
    return r < 0 ? NULL : rc_none();
}

static rc_object *obj_getattribute(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n != 2 || !rc_is_type(a[1], &rc_str_type))
        return lx_raise(I, LX_TypeError, "__getattribute__ expected 1 argument");
    rc_object *name = rc_str_intern(I->heap, a[1]);
    if (!name)
        return lx_raise_heap_error(I);
    rc_object *r = lx_getattr_obj(I, a[0], name);
    rc_decref(name);
    return r;
}

static rc_object *obj_format(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "__format__ expected 1 argument");
    if (rc_is_type(a[1], &rc_str_type) && rc_str_size(a[1]))
        return lx_raise(I, LX_TypeError, "unsupported format string passed to %s.__format__", lx_type_name(I, a[0]));
    return lx_str(I, a[0]);
}

/* object.__init_subclass__: the end of the chain of cooperative calls. */
static rc_object *obj_init_subclass(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)a, (void)n;
    if (kw && rc_dict_len(kw))
        return lx_raise(I, LX_TypeError, "object.__init_subclass__() takes no keyword arguments");
    rc_incref(rc_none());
    return rc_none();
}

static const lx_func_def object_methods[] = {
    {"__init__", obj_init}, {"__new__", obj_new}, {"__repr__", obj_repr}, {"__str__", obj_str},
    {"__eq__", obj_eq}, {"__ne__", obj_ne}, {"__hash__", obj_hash}, {"__setattr__", obj_setattr},
    {"__delattr__", obj_delattr}, {"__getattribute__", obj_getattribute}, {"__format__", obj_format},
    {"__init_subclass__", obj_init_subclass}, {NULL, NULL},
};

static rc_object *exc_init(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n < 1 || !lx_is_inst(a[0]) || !(lx_class_of(I, a[0])->flags & CLS_EXC))
        return lx_raise(I, LX_TypeError, "BaseException.__init__ needs an exception");
    rc_object *t = lx_tuple_from(I, a + 1, n - 1);
    if (!t)
        return NULL;
    RC_SETREF(((lx_inst *)a[0])->vals[EXC_ARGS], t);
    return rc_none();
}

static rc_object *exc_with_traceback(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "with_traceback() takes exactly one argument");
    rc_object *tb = a[1] == rc_none() ? NULL : (rc_incref(a[1]), a[1]);
    RC_SETREF(((lx_inst *)a[0])->vals[EXC_TB], tb);
    rc_incref(a[0]);
    return a[0];
}

static const lx_func_def exception_methods[] = {
    {"__init__", exc_init}, {"with_traceback", exc_with_traceback}, {NULL, NULL},
};

/* ---- the core built-in functions ------------------------------------------------------- */

/* Where print() writes without file=: sys.stdout when a script has
 * replaced it (contextlib.redirect_stdout, a StringIO-like object), else
 * NULL for the process's stdout (the console object writes there). */
static rc_object *current_stdout(lx_interp *I)
{
    rc_object *sys_name = lx_intern(I, "sys");
    rc_object *sys_mod = sys_name ? rc_dict_get(I->modules, sys_name) : NULL;
    rc_xdecref(sys_name);
    if (!sys_mod || sys_mod->type != &lx_module_type)
        return NULL;
    rc_object *key = lx_intern(I, "stdout");
    rc_object *out = key ? rc_dict_get(lx_module_dict(sys_mod), key) : NULL;
    rc_xdecref(key);
    return out && !lx_is_console(out, 1) ? out : NULL;
}

static int write_text(lx_interp *I, rc_object *file, const char *s, size_t n)
{
    if (!file) {
        fwrite(s, 1, n, stdout);
        return 0;
    }
    rc_object *str = rc_str_new(I->heap, s, n);
    if (!str) {
        lx_raise_heap_error(I);
        return -1;
    }
    rc_object *w = lx_getattr(I, file, "write");
    rc_object *r = w ? lx_call(I, w, &str, 1, NULL) : NULL;
    rc_xdecref(w);
    rc_decref(str);
    if (!r)
        return -1;
    rc_decref(r);
    return 0;
}

rc_object *lx_builtin_print(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    static const char *const allowed[] = {"sep", "end", "file", "flush", NULL};
    if (only_kwargs(I, "print", kwargs, allowed) < 0)
        return NULL;
    rc_object *sep = kwarg(I, kwargs, "sep"), *end = kwarg(I, kwargs, "end");
    rc_object *file = kwarg(I, kwargs, "file"), *flush = kwarg(I, kwargs, "flush");
    if (sep == rc_none())
        sep = NULL;
    if (end == rc_none())
        end = NULL;
    if (file == rc_none() || !file)
        file = current_stdout(I);
    if ((sep && !rc_is_type(sep, &rc_str_type)) || (end && !rc_is_type(end, &rc_str_type)))
        return lx_raise(I, LX_TypeError, "%s must be None or a string, not %s", sep && !rc_is_type(sep, &rc_str_type) ? "sep" : "end",
                        lx_type_name(I, sep && !rc_is_type(sep, &rc_str_type) ? sep : end));
    /* sys.stdout / sys.stderr objects of the sys module write through their own write() */
    for (size_t i = 0; i < nargs; i++) {
        rc_object *s = lx_str(I, args[i]);
        if (!s)
            return NULL;
        int r = 0;
        if (i)
            r = sep ? write_text(I, file, rc_str_data(sep), rc_str_size(sep)) : write_text(I, file, " ", 1);
        if (r == 0)
            r = write_text(I, file, rc_str_data(s), rc_str_size(s));
        rc_decref(s);
        if (r < 0)
            return NULL;
    }
    if ((end ? write_text(I, file, rc_str_data(end), rc_str_size(end)) : write_text(I, file, "\n", 1)) < 0)
        return NULL;
    if (flush && lx_truth(I, flush) > 0)
        fflush(stdout);
    return rc_none();
}

/* A builtin of exactly one positional argument and no keywords, with
 * CPython's "len() takes exactly one argument (2 given)".  0 or -1. */
static int one_arg(lx_interp *I, const char *name, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, name, kw) < 0)
        return -1;
    if (n != 1) {
        lx_raise(I, LX_TypeError, "%s() takes exactly one argument (%zu given)", name, n);
        return -1;
    }
    return 0;
}

static rc_object *b_len(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (one_arg(I, "len", n, kw) < 0)
        return NULL;
    rc_ssize len = lx_len(I, a[0]);
    return len < 0 ? NULL : lx_int(I, len);
}

static rc_object *b_id(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (one_arg(I, "id", n, kw) < 0)
        return NULL;
    return lx_int(I, (int64_t)(uintptr_t)a[0]);
}

static rc_object *b_hash(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (one_arg(I, "hash", n, kw) < 0)
        return NULL;
    int64_t h = lx_hash(I, a[0]);
    if (h == -1 && lx_exc_occurred(I))
        return NULL;
    return lx_int(I, h);
}

static rc_object *b_repr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (one_arg(I, "repr", n, kw) < 0)
        return NULL;
    return lx_repr(I, a[0]);
}

static rc_object *b_ascii(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "ascii", kw) < 0 || lx_check_nargs(I, "ascii", n, 1, 1) < 0)
        return NULL;
    rc_object *r = lx_repr(I, a[0]);
    if (!r)
        return NULL;
    const unsigned char *s = (const unsigned char *)rc_str_data(r);
    size_t size = rc_str_size(r);
    char *buf = malloc(size * 10 / 2 + 16);
    if (!buf) {
        rc_decref(r);
        return lx_raise(I, LX_MemoryError, "%s", "");
    }
    size_t o = 0;
    for (size_t i = 0; i < size;) {
        if (s[i] < 0x80) {
            buf[o++] = (char)s[i++];
            continue;
        }
        size_t len = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
        uint32_t cp = s[i] & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
        for (size_t k = 1; k < len && i + k < size; k++)
            cp = cp << 6 | (s[i + k] & 0x3F);
        i += len;
        o += (size_t)(cp < 0x100 ? sprintf(buf + o, "\\x%02x", cp)
                                 : cp < 0x10000 ? sprintf(buf + o, "\\u%04x", cp) : sprintf(buf + o, "\\U%08x", cp));
    }
    rc_object *res = rc_str_new(I->heap, buf, o);
    free(buf);
    rc_decref(r);
    return res ? res : lx_raise_heap_error(I);
}

static rc_object *b_isinstance(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "isinstance", kw) < 0)
        return NULL;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "isinstance expected 2 arguments, got %zu", n);
    int r = lx_isinstance(I, a[0], a[1]);
    return r < 0 ? NULL : rc_bool(r);
}

static int subclass_check(lx_interp *I, rc_object *c, rc_object *cls)
{
    if (rc_is_type(cls, &rc_tuple_type)) {
        for (rc_ssize i = 0; i < rc_tuple_len(cls); i++) {
            int r = subclass_check(I, c, rc_tuple_get(cls, i));
            if (r)
                return r;
        }
        return 0;
    }
    if (!lx_is_class(cls)) {
        lx_raise(I, LX_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
        return -1;
    }
    return lx_is_subclass((lx_class *)c, (lx_class *)cls);
}

static rc_object *b_issubclass(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "issubclass", kw) < 0)
        return NULL;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "issubclass expected 2 arguments, got %zu", n);
    if (!lx_is_class(a[0]))
        return lx_raise(I, LX_TypeError, "issubclass() arg 1 must be a class");
    int r = subclass_check(I, a[0], a[1]);
    return r < 0 ? NULL : rc_bool(r);
}

static rc_object *b_callable(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (one_arg(I, "callable", n, kw) < 0)
        return NULL;
    return rc_bool(lx_callable(I, a[0]));
}

static rc_object *attr_name(lx_interp *I, rc_object *o, const char *fname)
{
    if (!rc_is_type(o, &rc_str_type))
        return lx_raise(I, LX_TypeError, "%s(): attribute name must be string, not '%s'", fname, lx_type_name(I, o));
    rc_object *n = rc_str_intern(I->heap, o);
    return n ? n : lx_raise_heap_error(I);
}

static rc_object *b_getattr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "getattr", kw) < 0)
        return NULL;
    if (n < 2 || n > 3)
        return lx_raise(I, LX_TypeError, "getattr expected %s arguments, got %zu", n < 2 ? "at least 2" : "at most 3", n);
    rc_object *name = attr_name(I, a[1], "getattr");
    if (!name)
        return NULL;
    rc_object *r = lx_getattr_obj(I, a[0], name);
    rc_decref(name);
    if (!r && n == 3 && lx_exc_matches(I, LX_AttributeError)) {
        lx_exc_clear(I);
        rc_incref(a[2]);
        return a[2];
    }
    return r;
}

static rc_object *b_setattr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "setattr", kw) < 0)
        return NULL;
    if (n != 3)
        return lx_raise(I, LX_TypeError, "setattr expected 3 arguments, got %zu", n);
    rc_object *name = attr_name(I, a[1], "setattr");
    if (!name)
        return NULL;
    int r = lx_setattr_obj(I, a[0], name, a[2]);
    rc_decref(name);
    return r < 0 ? NULL : rc_none();
}

static rc_object *b_delattr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "delattr", kw) < 0)
        return NULL;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "delattr expected 2 arguments, got %zu", n);
    rc_object *name = attr_name(I, a[1], "delattr");
    if (!name)
        return NULL;
    int r = lx_setattr_obj(I, a[0], name, NULL);
    rc_decref(name);
    return r < 0 ? NULL : rc_none();
}

static rc_object *b_hasattr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "hasattr", kw) < 0)
        return NULL;
    if (n != 2)
        return lx_raise(I, LX_TypeError, "hasattr expected 2 arguments, got %zu", n);
    rc_object *name = attr_name(I, a[1], "hasattr");
    if (!name)
        return NULL;
    rc_object *r = lx_getattr_obj(I, a[0], name);
    rc_decref(name);
    if (r) {
        rc_decref(r);
        return rc_true();
    }
    if (lx_exc_matches(I, LX_AttributeError)) {
        lx_exc_clear(I);
        return rc_false();
    }
    return NULL;
}

static rc_object *b_globals(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)a;
    if (lx_no_kwargs(I, "globals", kw) < 0 || lx_check_nargs(I, "globals", n, 0, 0) < 0)
        return NULL;
    rc_object *g = I->frame ? I->frame->globals : I->main_dict;
    rc_incref(g);
    return g;
}

static rc_object *b_locals(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)a;
    if (lx_no_kwargs(I, "locals", kw) < 0 || lx_check_nargs(I, "locals", n, 0, 0) < 0)
        return NULL;
    lx_frame *f = I->frame;
    if (!f)
        return b_globals(I, a, n, kw);
    if (f->ns || !(f->code->flags & CO_NEWLOCALS)) {
        rc_object *d = f->ns ? f->ns : f->globals;
        rc_incref(d);
        return d;
    }
    rc_object *d = lx_dict_new(I);
    if (!d)
        return NULL;
    lx_code *co = f->code;
    for (uint32_t i = 0; i < co->nlocals + co->ncells + co->nfree; i++) {
        rc_object *v = f->fast[i];
        if (v && i >= co->nlocals)
            v = ((lx_cell *)v)->ref;
        if (v && rc_dict_set(d, co->localnames[i], v) < 0) {
            rc_decref(d);
            return lx_raise_heap_error(I);
        }
    }
    return d;
}

static rc_object *b_vars(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "vars", kw) < 0 || lx_check_nargs(I, "vars", n, 0, 1) < 0)
        return NULL;
    if (n == 0)
        return b_locals(I, a, 0, NULL);
    rc_object *d = lx_getattr_obj(I, a[0], I->names.__dict__);
    if (!d && lx_exc_matches(I, LX_AttributeError)) {
        lx_exc_clear(I);
        return lx_raise(I, LX_TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

static int add_names(lx_interp *I, rc_object *set, rc_object *dict)
{
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (dict && rc_dict_next(dict, &pos, &k, &v))
        if (lx_set_add(I, set, k) < 0)
            return -1;
    return 0;
}

static rc_object *b_dir(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "dir", kw) < 0 || lx_check_nargs(I, "dir", n, 0, 1) < 0)
        return NULL;
    rc_object *names = lx_set_new(I, 0);
    if (!names)
        return NULL;
    int r = 0;
    if (n == 0) {
        rc_object *l = b_locals(I, a, 0, NULL);
        r = l ? add_names(I, names, l) : -1;
        rc_xdecref(l);
    } else {
        rc_object *o = a[0];
        lx_class *c = lx_is_class(o) ? (lx_class *)o : lx_class_of(I, o);
        if (o->type == &lx_module_type)
            r = add_names(I, names, ((lx_module *)o)->dict);
        else {
            if (lx_is_inst(o)) {
                lx_inst *in = (lx_inst *)o;
                lx_class *ic = lx_class_of(I, o);
                if (in->dict)
                    r = add_names(I, names, in->dict);
                for (uint32_t i = ic->nreserved; r == 0 && i < ic->nkeys; i++) {
                    rc_object **slot = lx_inst_slot(in, i);
                    if (slot && *slot)
                        r = lx_set_add(I, names, ic->keys[i]);
                }
            }
            for (rc_ssize i = 0; r == 0 && i < rc_tuple_len(c->mro); i++)
                r = add_names(I, names, ((lx_class *)rc_tuple_get(c->mro, i))->dict);
        }
    }
    rc_object *l = r == 0 ? lx_list_from_iterable(I, names) : NULL;
    rc_decref(names);
    if (!l)
        return NULL;
    rc_ssize len = rc_list_len(l);
    rc_object **items = malloc((size_t)(len ? len : 1) * sizeof *items);
    if (!items) {
        rc_decref(l);
        return lx_raise(I, LX_MemoryError, "%s", "");
    }
    for (rc_ssize i = 0; i < len; i++) {
        items[i] = rc_list_get(l, i);
        rc_incref(items[i]);
    }
    int sr = lx_sort(I, items, (size_t)len, NULL, 0);
    rc_object *out = sr == 0 ? lx_list_new(I) : NULL;
    for (rc_ssize i = 0; i < len; i++) {
        if (out)
            rc_list_append(out, items[i]);
        rc_decref(items[i]);
    }
    free(items);
    rc_decref(l);
    return out;
}

static rc_object *eval_or_exec(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw, int mode)
{
    const char *name = mode == 2 ? "eval" : "exec";
    if (lx_no_kwargs(I, name, kw) < 0 || lx_check_nargs(I, name, n, 1, 3) < 0)
        return NULL;
    if (!rc_is_type(a[0], &rc_str_type))
        return lx_raise(I, LX_TypeError, "%s() arg 1 must be a string", name);
    rc_object *globals = n > 1 && a[1] != rc_none() ? a[1] : NULL;
    rc_object *ns = n > 2 && a[2] != rc_none() ? a[2] : NULL;
    if ((globals && !rc_is_type(globals, &rc_dict_type)) || (ns && !rc_is_type(ns, &rc_dict_type)))
        return lx_raise(I, LX_TypeError, "%s() globals and locals must be dicts", name);
    rc_object *locals_snapshot = NULL;
    if (!globals) {
        globals = I->frame ? I->frame->globals : I->main_dict;
        if (!ns && I->frame) {
            locals_snapshot = b_locals(I, NULL, 0, NULL);
            if (!locals_snapshot)
                return NULL;
            ns = locals_snapshot;
        }
    }
    if (!ns)
        ns = globals;
    rc_object *r = lx_eval_source(I, rc_str_data(a[0]), rc_str_size(a[0]), mode, globals, ns);
    rc_xdecref(locals_snapshot);
    return r;
}

static rc_object *b_eval(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return eval_or_exec(I, a, n, kw, 2);
}

static rc_object *b_exec(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return eval_or_exec(I, a, n, kw, 0);
}

static rc_object *b_build_class(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)a, (void)n, (void)kw;
    return lx_raise(I, LX_NotImplementedError, "__build_class__ is not available");
}

/* exit() and quit(), as the site module installs them: SystemExit(code). */
static rc_object *b_exit(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "exit", kw) < 0 || lx_check_nargs(I, "exit", n, 0, 1) < 0)
        return NULL;
    rc_object *exc = lx_call(I, lx_exc_class(I, LX_SystemExit), a, n, NULL);
    if (exc)
        lx_exc_restore(I, exc);
    return NULL;
}

static const lx_func_def core_builtins[] = {
    {"print", lx_builtin_print}, {"len", b_len}, {"id", b_id}, {"hash", b_hash}, {"repr", b_repr},
    {"ascii", b_ascii}, {"isinstance", b_isinstance}, {"issubclass", b_issubclass}, {"callable", b_callable},
    {"getattr", b_getattr}, {"setattr", b_setattr}, {"delattr", b_delattr}, {"hasattr", b_hasattr},
    {"globals", b_globals}, {"locals", b_locals}, {"vars", b_vars}, {"dir", b_dir},
    {"eval", b_eval}, {"exec", b_exec}, {"__build_class__", b_build_class},
    {"exit", b_exit}, {"quit", b_exit}, {"help", lx_builtin_help}, {"input", lx_builtin_input},
    {"open", lx_builtin_open}, {NULL, NULL},
};

/* ---- set-up ----------------------------------------------------------------------------- */

static int add_to_builtins(lx_interp *I, const char *name, rc_object *v)
{
    rc_object *k = lx_intern(I, name);
    if (!k)
        return -1;
    int r = rc_dict_set(I->builtins, k, v);
    rc_decref(k);
    if (r < 0) {
        lx_raise_heap_error(I);
        return -1;
    }
    return 0;
}

static int add_functions(lx_interp *I, const lx_func_def *defs)
{
    for (const lx_func_def *d = defs; d && d->name; d++) {
        rc_object *fn = lx_cfunc_new(I, d->name, d->fn);
        if (!fn || add_to_builtins(I, d->name, fn) < 0) {
            rc_xdecref(fn);
            return -1;
        }
        rc_decref(fn);
    }
    return 0;
}

typedef struct builtin_class_def {
    lx_class **slot;
    const char *name;
    const rc_type *native;
    lx_cfunc ctor;
    const lx_func_def *methods;
    unsigned flags;
    int in_builtins;
} builtin_class_def;

int lx_init_builtins(lx_interp *I)
{
    /* object and type first: every other class derives from object */
    lx_class *object = lx_class_new_builtin(I, "object", NULL, NULL,
                                            CLS_INSTANCES | CLS_NODICT | CLS_NOWEAKREF);
    if (!object)
        return -1;
    I->c_object = object;
    object->ctor = ctor_object;
    lx_class_bind_methods(I, object, object_methods);
    I->c_type = lx_class_new_builtin(I, "type", &lx_class_type, object, CLS_META);
    if (!I->c_type)
        return -1;
    I->c_type->ctor = ctor_type;
    lx_class_bind_methods(I, I->c_type, type_methods);
    const builtin_class_def defs[] = {
        {&I->c_int, "int", &rc_int_type, ctor_int, lx_int_methods, 0, 1},
        {&I->c_float, "float", &rc_float_type, ctor_float, lx_float_methods, 0, 1},
        {&I->c_str, "str", &rc_str_type, ctor_str, lx_str_methods, 0, 1},
        {&I->c_bytes, "bytes", &rc_bytes_type, ctor_bytes, lx_bytes_methods, 0, 1},
        {&I->c_tuple, "tuple", &rc_tuple_type, ctor_tuple, lx_tuple_methods, 0, 1},
        {&I->c_list, "list", &rc_list_type, ctor_list, lx_list_methods, 0, 1},
        {&I->c_dict, "dict", &rc_dict_type, ctor_dict, lx_dict_methods, 0, 1},
        {&I->c_set, "set", &lx_set_type, ctor_set, lx_set_methods, 0, 1},
        {&I->c_frozenset, "frozenset", &lx_frozenset_type, ctor_frozenset, lx_set_methods, 0, 1},
        {&I->c_range, "range", &lx_range_type, ctor_range, lx_range_methods, CLS_NOSUBCLASS, 1},
        {&I->c_none, "NoneType", &rc_none_type, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_function, "function", &lx_func_type, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_cfunc, "builtin_function_or_method", &lx_cfunc_type, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_method, "method", &lx_method_type, ctor_method, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_module, "module", &lx_module_type, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_code, "code", &lx_code_type, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_cell, "cell", &lx_cell_type, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_weakref, "weakref", &rc_weakref_type, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_property, "property", &lx_property_type, ctor_property, property_methods, CLS_NOSUBCLASS, 1},
        {&I->c_staticmethod, "staticmethod", &lx_staticmethod_type, ctor_staticmethod, NULL, CLS_NOSUBCLASS, 1},
        {&I->c_classmethod, "classmethod", &lx_classmethod_type, ctor_classmethod, NULL, CLS_NOSUBCLASS, 1},
        {&I->c_super, "super", &lx_super_type, ctor_super, NULL, CLS_NOSUBCLASS, 1},
        {&I->c_notimpl, "NotImplementedType", NULL, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_ellipsis, "ellipsis", NULL, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_tb, "traceback", &lx_tb_type, NULL, NULL, CLS_NOSUBCLASS, 0},
        {&I->c_slice, "slice", &lx_slice_type, ctor_slice, NULL, CLS_NOSUBCLASS, 1},
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        lx_class *c = lx_class_new_builtin(I, defs[i].name, defs[i].native, object, defs[i].flags);
        if (!c)
            return -1;
        *defs[i].slot = c;
        c->ctor = defs[i].ctor;
        if (defs[i].methods)
            lx_class_bind_methods(I, c, defs[i].methods);
        if (defs[i].in_builtins && add_to_builtins(I, defs[i].name, &c->ob) < 0)
            return -1;
    }
    I->c_bool = lx_class_new_builtin(I, "bool", &rc_bool_type, I->c_int, CLS_NOSUBCLASS);
    if (!I->c_bool)
        return -1;
    I->c_bool->ctor = ctor_bool;
    if (add_to_builtins(I, "bool", &I->c_bool->ob) < 0 || add_to_builtins(I, "object", &object->ob) < 0 ||
        add_to_builtins(I, "type", &I->c_type->ob) < 0)
        return -1;
    if (lx_init_value_classes(I) < 0)
        return -1;
    lx_init_exceptions(I);
    if (lx_exc_occurred(I))
        return -1;
    lx_class_bind_methods(I, I->exc_class[LX_BaseException], exception_methods);
    lx_init_iter_types(I);
    if (add_functions(I, core_builtins) < 0 || add_functions(I, lx_iter_builtins) < 0 ||
        add_functions(I, lx_builtin_functions_extra) < 0)
        return -1;
    if (add_to_builtins(I, "None", rc_none()) < 0 || add_to_builtins(I, "True", rc_true()) < 0 ||
        add_to_builtins(I, "False", rc_false()) < 0 || add_to_builtins(I, "NotImplemented", I->not_implemented) < 0 ||
        add_to_builtins(I, "Ellipsis", I->ellipsis) < 0)
        return -1;
    return 0;
}
