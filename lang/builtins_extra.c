/*
 * lang/builtins_extra.c — the built-in functions that need nothing of the
 * core but its protocol: abs, min, max, sum, sorted, divmod, round, pow,
 * chr, ord, hex, oct, bin, format, any, all (lx_builtin_functions_extra).
 *
 * Arithmetic follows Python 3: floor division and modulo take the sign of
 * the divisor, round() rounds half to even; int64 values take the fast
 * paths here, big ints and results past int64 go to lang/int_big.c.
 * Errors carry CPython 3.11's wording.
 */
#include "methods_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char int_overflow_msg[] = "int too big to convert";

static rc_object *overflow(lx_interp *I)
{
    return lx_raise(I, LX_OverflowError, "%s", int_overflow_msg);
}

/* o as a double if it is an int, bool or float: 1, else 0. */
static int real_value(rc_object *o, double *d)
{
    int64_t v;
    if (lx_int_like(o, &v)) {
        *d = (double)v;
        return 1;
    }
    if (rc_is_type(o, &rc_bigint_type))
        return rc_bigint_to_double(o, d) == 0 ? 1 : -1;
    if (rc_is_type(o, &rc_float_type)) {
        *d = rc_float_value(o);
        return 1;
    }
    return 0;
}

/* A user object's dunder method called with args: 1 done, 0 absent, -1. */
static int call_dunder(lx_interp *I, rc_object *o, const char *name, rc_object *const *args,
                       size_t nargs, rc_object **out)
{
    rc_object *m = lx_getattr(I, o, name);
    if (!m) {
        if (!lx_exc_matches(I, LX_AttributeError))
            return -1;
        lx_exc_clear(I);
        return 0;
    }
    *out = lx_call(I, m, args, nargs, NULL);
    rc_decref(m);
    return *out ? 1 : -1;
}

static int one_arg(lx_interp *I, const char *name, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, name, kw) < 0)
        return -1;
    return lx_arity(I, LX_ARITY_METHOD, name, nargs, 1, 1);
}

/* ---- abs ------------------------------------------------------------------ */

static rc_object *big_abs(lx_interp *I, rc_object *o)
{
    rc_object *r = rc_bigint_abs(lx_heap(I), o);
    return r ? r : lx_raise_heap_error(I);
}

static rc_object *bi_abs(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (one_arg(I, "abs", nargs, kw) < 0)
        return NULL;
    int64_t v;
    if (lx_int_like(args[0], &v))
        return v == INT64_MIN ? big_abs(I, args[0]) : lx_int(I, v < 0 ? -v : v);
    if (rc_is_type(args[0], &rc_bigint_type))
        return big_abs(I, args[0]);
    if (rc_is_type(args[0], &rc_float_type))
        return lx_float(I, fabs(rc_float_value(args[0])));
    rc_object *r;
    int rc = call_dunder(I, args[0], "__abs__", NULL, 0, &r);
    if (rc != 0)
        return rc > 0 ? r : NULL;
    rc_object *value = lx_value_of(args[0]);    /* a float subclass instance's */
    if (value != args[0])
        return bi_abs(I, &value, 1, NULL);
    return lx_raise(I, LX_TypeError, "bad operand type for abs(): '%s'", lx_type_name(I, args[0]));
}

/* ---- iteration over "an iterable, or the arguments themselves" ------------ */

typedef struct arg_iter {
    rc_object *it;              /* an iterator, or NULL: walk args */
    rc_object *const *args;
    size_t n, i;
} arg_iter;

static int arg_iter_init(lx_interp *I, arg_iter *ai, rc_object *const *args, size_t nargs)
{
    memset(ai, 0, sizeof *ai);
    if (nargs != 1) {
        ai->args = args;
        ai->n = nargs;
        return 0;
    }
    ai->it = lx_iter(I, args[0]);
    return ai->it ? 0 : -1;
}

/* The next item (new reference); NULL at the end or on error. */
static rc_object *arg_iter_next(lx_interp *I, arg_iter *ai)
{
    if (ai->it)
        return lx_next(I, ai->it);
    if (ai->i >= ai->n)
        return NULL;
    rc_object *o = ai->args[ai->i++];
    rc_incref(o);
    return o;
}

/* ---- min, max ----------------------------------------------------------- */

static rc_object *minmax(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw, int is_max)
{
    static const char *const names[] = {"key", "default"};
    const char *name = is_max ? "max" : "min";
    rc_object *opt[2];
    if (lx_bind(I, name, args, 0, kw, names, 2, opt) < 0 ||
        lx_arity(I, LX_ARITY_CLINIC, name, nargs, 1, SIZE_MAX) < 0)
        return NULL;
    if (nargs > 1 && opt[1])
        return lx_raise(I, LX_TypeError,
                        "Cannot specify a default for %s() with multiple positional arguments", name);
    rc_object *key = opt[0] && opt[0] != rc_none() ? opt[0] : NULL;
    arg_iter ai;
    if (arg_iter_init(I, &ai, args, nargs) < 0)
        return NULL;
    rc_object *best = NULL, *best_key = NULL, *item;
    while ((item = arg_iter_next(I, &ai)) != NULL) {
        rc_object *k = item;
        if (key && !(k = lx_call(I, key, &item, 1, NULL))) {
            rc_decref(item);
            break;
        }
        if (key == NULL)
            rc_incref(k);
        int better = best ? lx_compare(I, k, best_key, is_max ? LX_CMP_GT : LX_CMP_LT) : 1;
        if (better > 0) {
            RC_SETREF(best, item);
            RC_SETREF(best_key, k);
        } else {
            rc_decref(item);
            rc_decref(k);
        }
        if (better < 0)
            break;
    }
    rc_xdecref(ai.it);
    rc_xdecref(best_key);
    if (lx_exc_occurred(I)) {
        rc_xdecref(best);
        return NULL;
    }
    if (best)
        return best;
    if (opt[1]) {
        rc_incref(opt[1]);
        return opt[1];
    }
    return lx_raise(I, LX_ValueError, "%s() arg is an empty sequence", name);
}

static rc_object *bi_max(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return minmax(I, a, n, kw, 1); }
static rc_object *bi_min(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return minmax(I, a, n, kw, 0); }

/* ---- sum ---------------------------------------------------------------- */

/* acc + item with the int and float fast paths; steals acc. */
static rc_object *add_step(lx_interp *I, rc_object *acc, rc_object *item)
{
    int64_t a, b, r;
    double x, y;
    rc_object *out;
    if (lx_int_like(acc, &a) && lx_int_like(item, &b) && !__builtin_add_overflow(a, b, &r))
        out = lx_int(I, r);
    else if (rc_is_type(acc, &rc_float_type) && real_value(item, &y)) {
        x = rc_float_value(acc);
        out = lx_float(I, x + y);
    } else
        out = lx_add(I, acc, item);
    rc_decref(acc);
    return out;
}

static rc_object *bi_sum(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"", "start"};
    rc_object *v[2];
    if (lx_arity(I, LX_ARITY_OLD, "sum", nargs, 1, 2) < 0 ||
        lx_bind(I, "sum", args, nargs, kw, names, 2, v) < 0)
        return NULL;
    rc_object *acc = v[1] ? v[1] : lx_int(I, 0);
    if (!acc)
        return NULL;
    if (v[1]) {
        if (lx_is_str(acc))
            return lx_raise(I, LX_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
        if (rc_is_type(acc, &rc_bytes_type))
            return lx_raise(I, LX_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
        rc_incref(acc);
    }
    rc_object *it = lx_iter(I, args[0]), *item;
    if (!it) {
        rc_decref(acc);
        return NULL;
    }
    while (acc && (item = lx_next(I, it)) != NULL) {
        acc = add_step(I, acc, item);
        rc_decref(item);
    }
    rc_decref(it);
    if (acc && lx_exc_occurred(I))
        RC_CLEAR(acc);
    return acc;
}

/* ---- sorted ------------------------------------------------------------- */

static rc_object *bi_sorted(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_arity(I, LX_ARITY_CLINIC, "sorted", nargs, 1, 1) < 0)
        return NULL;
    rc_object *list = rc_list_new(lx_heap(I)), *it = list ? lx_iter(I, args[0]) : NULL, *item;
    if (!list)
        return lx_raise_heap_error(I);
    while (it && (item = lx_next(I, it)) != NULL)
        if (lx_list_append_steal(I, list, item) < 0)
            break;
    rc_xdecref(it);
    /* then list.sort(key=, reverse=): its checks and errors, as CPython */
    rc_object *r = lx_exc_occurred(I) ? NULL : lx_list_sort_method(I, &list, 1, kw);
    if (!r) {
        rc_decref(list);
        return NULL;
    }
    rc_decref(r);
    return list;
}

/* ---- divmod --------------------------------------------------------------- */

/* Python's floor division and modulo of ints: 0, or -1 with the error. */
static int int_divmod(lx_interp *I, int64_t a, int64_t b, int64_t *q, int64_t *r)
{
    if (b == 0) {
        lx_raise(I, LX_ZeroDivisionError, "integer division or modulo by zero");
        return -1;
    }
    if (a == INT64_MIN && b == -1) {
        overflow(I);
        return -1;
    }
    lx_int_divmod(a, b, q, r);
    return 0;
}

static rc_object *make_pair(lx_interp *I, rc_object *a, rc_object *b)
{
    rc_object *t = a && b ? rc_tuple_new(lx_heap(I), 2) : NULL;
    if (t && (rc_tuple_set(t, 0, a) < 0 || rc_tuple_set(t, 1, b) < 0))
        RC_CLEAR(t);
    if (!t && a && b)
        lx_raise_heap_error(I);
    rc_xdecref(a);
    rc_xdecref(b);
    return t;
}

static rc_object *bi_divmod(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "divmod", kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, "divmod", nargs, 2, 2) < 0)
        return NULL;
    int64_t a, b, q, r;
    double x, y, fq, fr;
    if (rc_is_any_int(args[0]) && rc_is_any_int(args[1]) &&
        (!lx_int_like(args[0], &a) || !lx_int_like(args[1], &b) || (a == INT64_MIN && b == -1)))
        return lx_int_divmod_any(I, args[0], args[1]);
    if (lx_int_like(args[0], &a) && lx_int_like(args[1], &b)) {
        if (int_divmod(I, a, b, &q, &r) < 0)
            return NULL;
        return make_pair(I, lx_int(I, q), lx_int(I, r));
    }
    int ra = real_value(args[0], &x), rb = ra > 0 ? real_value(args[1], &y) : 0;
    if (ra < 0 || rb < 0)
        return lx_raise(I, LX_OverflowError, "int too large to convert to float");
    if (ra && rb) {
        if (y == 0)
            return lx_raise(I, LX_ZeroDivisionError, "float divmod()");
        lx_float_divmod(x, y, &fq, &fr);
        return make_pair(I, lx_float(I, fq), lx_float(I, fr));
    }
    return lx_raise(I, LX_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                    lx_type_name(I, args[0]), lx_type_name(I, args[1]));
}

/* ---- round ------------------------------------------------------------ */

static rc_object *float_to_int(lx_interp *I, double d)
{
    if (isnan(d))
        return lx_raise(I, LX_ValueError, "cannot convert float NaN to integer");
    if (isinf(d))
        return lx_raise(I, LX_OverflowError, "cannot convert float infinity to integer");
    rc_object *r = rc_bigint_from_double(lx_heap(I), d);
    return r ? r : lx_raise_heap_error(I);
}

/* v rounded to a multiple of 10^k (k >= 1), half to even. */
static rc_object *round_int(lx_interp *I, int64_t v, int64_t k)
{
    if (k > 18)
        return lx_int(I, 0);
    int64_t p = 1, q, r;
    for (int64_t i = 0; i < k; i++)
        p *= 10;
    int_divmod(I, v, p, &q, &r);
    if (r > p - r || (r == p - r && (q & 1)))
        q++;
    int64_t out;
    if (__builtin_mul_overflow(q, p, &out)) {
        rc_object *vo = lx_int(I, v);
        rc_object *r = vo ? lx_int_round_any(I, vo, k) : NULL;
        rc_xdecref(vo);
        return r;
    }
    return lx_int(I, out);
}

/* x rounded to nd decimal places, correctly (glibc prints exactly). */
static rc_object *round_float(lx_interp *I, double x, int64_t nd)
{
    if (!isfinite(x) || nd > 323)
        return lx_float(I, x);
    if (nd < -308)
        return lx_float(I, 0.0 * x);
    if (nd < 0) {
        double p = pow(10.0, (double)-nd), y = rint(x / p) * p;
        if (isinf(y))
            return lx_raise(I, LX_OverflowError, "rounded value too large to represent");
        return lx_float(I, y);
    }
    int n = snprintf(NULL, 0, "%.*f", (int)nd, x);
    char *buf = rc_malloc(lx_heap(I), (size_t)n + 1);
    if (!buf)
        return lx_raise_heap_error(I);
    snprintf(buf, (size_t)n + 1, "%.*f", (int)nd, x);
    double y = strtod(buf, NULL);
    rc_free(lx_heap(I), buf);
    return lx_float(I, y);
}

static rc_object *bi_round(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"number", "ndigits"};
    rc_object *v[2];
    if (lx_arity(I, LX_ARITY_OLD, "round", nargs, 1, 2) < 0 ||
        lx_bind(I, "round", args, nargs, kw, names, 2, v) < 0)
        return NULL;
    if (!v[0])
        return lx_raise(I, LX_TypeError, "round() missing required argument 'number' (pos 1)");
    int64_t nd = 0, iv;
    int has_nd = v[1] && v[1] != rc_none();
    if (has_nd && lx_index_arg(I, v[1], &nd) < 0)
        return NULL;
    if (has_nd && nd < 0 && rc_is_type(v[0], &rc_bigint_type))
        return lx_int_round_any(I, v[0], -nd);
    if (lx_int_like(v[0], &iv))
        return has_nd && nd < 0 ? round_int(I, iv, -nd) : lx_int(I, iv);
    if (rc_is_type(v[0], &rc_bigint_type))
        return rc_incref(v[0]), v[0];
    rc_object *r;
    int rc = rc_is_type(v[0], &rc_float_type) ? 0 : call_dunder(I, v[0], "__round__", &v[1], has_nd ? 1 : 0, &r);
    if (rc != 0)
        return rc > 0 ? r : NULL;
    rc_object *value = lx_value_of(v[0]);   /* a float, or a float subclass instance's */
    if (rc_is_type(value, &rc_float_type)) {
        double x = rc_float_value(value);
        return has_nd ? round_float(I, x, nd) : float_to_int(I, rint(x));
    }
    return lx_raise(I, LX_TypeError, "type %s doesn't define __round__ method", lx_type_name(I, v[0]));
}

/* ---- pow ---------------------------------------------------------------- */

/* The inverse of a modulo m (m > 0): 0, or -1 (not invertible). */
static int mod_inverse(int64_t a, int64_t m, int64_t *inv)
{
    __int128 old_r = ((a % m) + m) % m, r = m, old_s = 1, s = 0;
    while (r != 0) {
        __int128 q = old_r / r, t = old_r - q * r;
        old_r = r;
        r = t;
        t = old_s - q * s;
        old_s = s;
        s = t;
    }
    if (old_r != 1)
        return -1;
    *inv = (int64_t)(((old_s % m) + m) % m);
    return 0;
}

static rc_object *mod_pow(lx_interp *I, int64_t base, int64_t exp, int64_t mod)
{
    if (mod == 0)
        return lx_raise(I, LX_ValueError, "pow() 3rd argument cannot be 0");
    if (mod == INT64_MIN)
        return overflow(I);
    int64_t m = mod < 0 ? -mod : mod;
    if (exp < 0) {
        if (exp == INT64_MIN)
            return overflow(I);
        if (mod_inverse(base, m, &base) < 0)
            return lx_raise(I, LX_ValueError, "base is not invertible for the given modulus");
        exp = -exp;
    }
    unsigned __int128 b = (unsigned __int128)(((base % m) + m) % m), r = 1 % (unsigned __int128)m;
    for (; exp > 0; exp >>= 1) {
        if (exp & 1)
            r = r * b % (unsigned __int128)m;
        b = b * b % (unsigned __int128)m;
    }
    int64_t out = (int64_t)r;
    if (mod < 0 && out != 0)
        out -= m;
    return lx_int(I, out);
}

static rc_object *bi_pow(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"base", "exp", "mod"};
    rc_object *v[3];
    if (lx_arity(I, LX_ARITY_OLD, "pow", nargs, 0, 3) < 0 ||
        lx_bind(I, "pow", args, nargs, kw, names, 3, v) < 0)
        return NULL;
    for (int i = 0; i < 2; i++)
        if (!v[i])
            return lx_raise(I, LX_TypeError, "pow() missing required argument '%s' (pos %d)",
                            names[i], i + 1);
    int64_t a, b, m;
    double x, y;
    int ints = lx_int_like(v[0], &a) && lx_int_like(v[1], &b);
    int any_ints = rc_is_any_int(v[0]) && rc_is_any_int(v[1]);
    if (v[2] && v[2] != rc_none()) {
        if (!any_ints || !rc_is_any_int(v[2]))
            return lx_raise(I, LX_TypeError,
                            "pow() 3rd argument not allowed unless all arguments are integers");
        if (!ints || !lx_int_like(v[2], &m) || m == INT64_MIN || b == INT64_MIN)
            return lx_int_powmod_any(I, v[0], v[1], v[2]);
        return mod_pow(I, a, b, m);
    }
    if (ints)
        return lx_int_pow(I, a, b);
    if (any_ints)
        return lx_int_binop_any(I, LX_BIN_POW, v[0], v[1]);
    int ra = real_value(v[0], &x), rb = ra > 0 ? real_value(v[1], &y) : 0;
    if (ra < 0 || rb < 0)
        return lx_raise(I, LX_OverflowError, "int too large to convert to float");
    if (ra && rb)
        return lx_float_pow(I, x, y);
    return lx_raise(I, LX_TypeError, "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                    lx_type_name(I, v[0]), lx_type_name(I, v[1]));
}

/* ---- chr, ord, hex, oct, bin, format -------------------------------------- */

static rc_object *bi_chr(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    int64_t v;
    if (one_arg(I, "chr", nargs, kw) < 0)
        return NULL;
    if (rc_is_type(args[0], &rc_bigint_type))
        return lx_raise(I, LX_OverflowError, "Python int too large to convert to C int");
    if (lx_index_arg(I, args[0], &v) < 0)
        return NULL;
    if (v < INT32_MIN || v > INT32_MAX)
        return lx_raise(I, LX_OverflowError, "Python int too large to convert to C int");
    if (v < 0 || v > 0x10FFFF)
        return lx_raise(I, LX_ValueError, "chr() arg not in range(0x110000)");
    if (v >= 0xD800 && v <= 0xDFFF)
        return lx_raise(I, LX_ValueError, "chr() arg is a lone surrogate (not supported)");
    char enc[4];
    return lx_str_from_bytes(I, enc, lx_utf8_encode((uint32_t)v, enc));
}

static rc_object *bi_ord(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (one_arg(I, "ord", nargs, kw) < 0)
        return NULL;
    rc_object *o = args[0];
    if (lx_is_str(o)) {
        if (rc_str_len(o) != 1)
            return lx_raise(I, LX_TypeError, "ord() expected a character, but string of length %zu found",
                            rc_str_len(o));
        size_t pos = 0;
        return lx_int(I, lx_utf8_decode(rc_str_data(o), &pos));
    }
    if (rc_is_type(o, &rc_bytes_type)) {
        if (rc_bytes_len(o) != 1)
            return lx_raise(I, LX_TypeError, "ord() expected a character, but string of length %zu found",
                            rc_bytes_len(o));
        return lx_int(I, rc_bytes_data(o)[0]);
    }
    return lx_raise(I, LX_TypeError, "ord() expected string of length 1, but %s found",
                    lx_type_name(I, o));
}

static rc_object *radix(lx_interp *I, const char *name, const char *spec, rc_object *const *args,
                        size_t nargs, rc_object *kw)
{
    int64_t v;
    if (one_arg(I, name, nargs, kw) < 0)
        return NULL;
    if (rc_is_type(args[0], &rc_bigint_type))
        return lx_format_value(I, args[0], spec, 2);
    if (lx_index_arg(I, args[0], &v) < 0)
        return NULL;
    rc_object *n = lx_int(I, v);                /* bool formats as its int */
    rc_object *r = n ? lx_format_value(I, n, spec, 2) : NULL;
    rc_xdecref(n);
    return r;
}

static rc_object *bi_hex(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return radix(I, "hex", "#x", a, n, kw); }
static rc_object *bi_oct(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return radix(I, "oct", "#o", a, n, kw); }
static rc_object *bi_bin(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return radix(I, "bin", "#b", a, n, kw); }

static rc_object *bi_format(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "format", kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, "format", nargs, 1, 2) < 0)
        return NULL;
    if (nargs < 2)
        return lx_format_value(I, args[0], "", 0);
    if (!lx_is_str(args[1]))
        return lx_raise(I, LX_TypeError, "format() argument 2 must be str, not %s",
                        lx_type_name(I, args[1]));
    return lx_format_value(I, args[0], rc_str_data(args[1]), rc_str_size(args[1]));
}

/* ---- any, all ------------------------------------------------------------ */

static rc_object *any_all(lx_interp *I, const char *name, rc_object *const *args, size_t nargs,
                          rc_object *kw, int want)
{
    if (one_arg(I, name, nargs, kw) < 0)
        return NULL;
    rc_object *it = lx_iter(I, args[0]), *item;
    if (!it)
        return NULL;
    int found = 0;
    while (!found && (item = lx_next(I, it)) != NULL) {
        int t = lx_truth(I, item);
        rc_decref(item);
        if (t < 0)
            break;
        found = t == want;
    }
    rc_decref(it);
    if (lx_exc_occurred(I))
        return NULL;
    return rc_bool(found ? want : !want);
}

static rc_object *bi_any(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return any_all(I, "any", a, n, kw, 1); }
static rc_object *bi_all(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return any_all(I, "all", a, n, kw, 0); }

const lx_func_def lx_builtin_functions_extra[] = {
    {"abs", bi_abs},       {"min", bi_min},     {"max", bi_max},   {"sum", bi_sum},
    {"sorted", bi_sorted}, {"divmod", bi_divmod}, {"round", bi_round}, {"pow", bi_pow},
    {"chr", bi_chr},       {"ord", bi_ord},     {"hex", bi_hex},   {"oct", bi_oct},
    {"bin", bi_bin},       {"format", bi_format}, {"any", bi_any}, {"all", bi_all},
    {NULL, NULL},
};
