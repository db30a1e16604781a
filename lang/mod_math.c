/*
 * lang/mod_math.c — the `math` module: CPython 3.11's functions and
 * constants over libm, with CPython's errors: "math domain error"
 * (ValueError) where a result does not exist, "math range error"
 * (OverflowError) where it is too large, TypeError "must be real number,
 * not str" for what is not a number.
 *
 * Numbers in: ints of any size, bools, floats, and objects with
 * __float__; an int past a double's range is CPython's OverflowError,
 * except in log, log2 and log10, which take its exponent apart as CPython
 * does.  Integer functions (factorial, gcd, lcm, isqrt, comb, perm) take
 * ints (or objects with __index__) and give exact ints of any size, over
 * int64 arithmetic while it suffices and the library's big ints past it.
 * floor, ceil and trunc return ints, as in Python 3.  fsum adds exactly (Shewchuk's partial sums), so
 * fsum([0.1] * 10) == 1.0.  gamma and lgamma are libm's: CPython has its
 * own, and the two can differ in the last digit.
 */
#include "mod_util.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.141592653589793238462643383279502884
#define E_ 2.718281828459045235360287471352662498

/* ---- arguments ------------------------------------------------------------------ */

static int real_arg(lx_interp *I, rc_object *o, double *out)
{
    if (o->type == &rc_float_type) {
        *out = rc_float_value(o);
        return 0;
    }
    if (o->type == &rc_int_type || o->type == &rc_bool_type) {
        *out = (double)rc_int_value(o);
        return 0;
    }
    if (o->type == &rc_bigint_type)
        return lx_int_to_double(I, o, out);
    rc_object *f = lx_getattr(I, o, "__float__");
    if (!f) {
        lx_exc_clear(I);
        lx_raise(I, LX_TypeError, "must be real number, not %s", lx_type_name(I, o));
        return -1;
    }
    rc_object *r = lx_call(I, f, NULL, 0, NULL);
    rc_decref(f);
    if (!r)
        return -1;
    int rc = r->type == &rc_float_type ? (*out = rc_float_value(r), 0) : -1;
    if (rc < 0)
        lx_raise(I, LX_TypeError, "%s.__float__ returned non-float (type %s)", lx_type_name(I, o),
                 lx_type_name(I, r));
    rc_decref(r);
    return rc;
}

static int int_arg(lx_interp *I, rc_object *o, int64_t *out)
{
    if (o->type == &rc_int_type || o->type == &rc_bool_type) {
        *out = rc_int_value(o);
        return 0;
    }
    if (o->type == &rc_float_type) {
        lx_raise(I, LX_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    return lx_arg_int(I, "math", o, out);
}

/* An integer argument of any size (new reference). */
static rc_object *int_obj_arg(lx_interp *I, rc_object *o)
{
    int64_t v;
    if (rc_is_any_int(o)) {
        rc_incref(o);
        return o;
    }
    return int_arg(I, o, &v) < 0 ? NULL : lx_int(I, v);
}

static rc_object *heap_result(lx_interp *I, rc_object *r)
{
    return r ? r : lx_raise_heap_error(I);
}

static int is_small_int(const rc_object *o)
{
    return o->type == &rc_int_type || o->type == &rc_bool_type;
}

static rc_object *domain_error(lx_interp *I) { return lx_raise(I, LX_ValueError, "math domain error"); }
static rc_object *range_error(lx_interp *I) { return lx_raise(I, LX_OverflowError, "math range error"); }

/* CPython's rule for a one-argument function: NaN from a non-NaN is a
 * domain error; an infinity from a finite number is a range error if the
 * function can overflow there, else a domain error (a pole: log(0)). */
static rc_object *checked(lx_interp *I, double x, double r, int can_overflow)
{
    if (isnan(r) && !isnan(x))
        return domain_error(I);
    if (isinf(r) && isfinite(x))
        return can_overflow ? range_error(I) : domain_error(I);
    return lx_float(I, r);
}

static rc_object *math_1(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw,
                         double (*f)(double), int can_overflow)
{
    double x;
    if (mod_check_args(I, name, n, kw, 1, 1) < 0 || real_arg(I, a[0], &x) < 0)
        return NULL;
    return checked(I, x, f(x), can_overflow);
}

#define MATH_1(pyname, cfn, overflow)                                                           \
    static rc_object *m_##pyname(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)   \
    {                                                                                           \
        return math_1(I, #pyname, a, n, kw, cfn, overflow);                                     \
    }

static double deg(double x) { return x * (180.0 / PI); }
static double rad(double x) { return x * (PI / 180.0); }

MATH_1(acos, acos, 0)
MATH_1(acosh, acosh, 0)
MATH_1(asin, asin, 0)
MATH_1(asinh, asinh, 0)
MATH_1(atan, atan, 0)
MATH_1(atanh, atanh, 0)
MATH_1(cbrt, cbrt, 0)
MATH_1(cos, cos, 0)
MATH_1(cosh, cosh, 1)
MATH_1(degrees, deg, 1)
MATH_1(erf, erf, 0)
MATH_1(erfc, erfc, 0)
MATH_1(exp, exp, 1)
MATH_1(exp2, exp2, 1)
MATH_1(expm1, expm1, 1)
MATH_1(fabs, fabs, 0)
MATH_1(log1p, log1p, 0)
MATH_1(radians, rad, 0)
MATH_1(sin, sin, 0)
MATH_1(sinh, sinh, 1)
MATH_1(sqrt, sqrt, 0)
MATH_1(tan, tan, 0)
MATH_1(tanh, tanh, 0)

/* gamma and lgamma: poles at 0 and the negative integers are domain errors. */
static rc_object *gamma_like(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw,
                             double (*f)(double))
{
    double x;
    if (mod_check_args(I, name, n, kw, 1, 1) < 0 || real_arg(I, a[0], &x) < 0)
        return NULL;
    if (x <= 0 && x == floor(x) && isfinite(x))
        return domain_error(I);
    if (f == tgamma && x == -INFINITY)
        return domain_error(I);
    return checked(I, x, f(x), 1);
}
static rc_object *m_gamma(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return gamma_like(I, "gamma", a, n, kw, tgamma);
}
static rc_object *m_lgamma(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return gamma_like(I, "lgamma", a, n, kw, lgamma);
}

/* ---- two arguments ---------------------------------------------------------------- */

static int two_reals(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw,
                     double *x, double *y)
{
    if (mod_check_args(I, name, n, kw, 2, 2) < 0 || real_arg(I, a[0], x) < 0 || real_arg(I, a[1], y) < 0)
        return -1;
    return 0;
}

static rc_object *m_atan2(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double y, x;
    return two_reals(I, "atan2", a, n, kw, &y, &x) < 0 ? NULL : lx_float(I, atan2(y, x));
}

static rc_object *m_copysign(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x, y;
    return two_reals(I, "copysign", a, n, kw, &x, &y) < 0 ? NULL : lx_float(I, copysign(x, y));
}

static rc_object *m_fmod(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x, y;
    if (two_reals(I, "fmod", a, n, kw, &x, &y) < 0)
        return NULL;
    if (isinf(y) && isfinite(x))
        return lx_float(I, x);
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return domain_error(I);
    return lx_float(I, r);
}

static rc_object *m_remainder(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x, y;
    if (two_reals(I, "remainder", a, n, kw, &x, &y) < 0)
        return NULL;
    double r = remainder(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return domain_error(I);
    return lx_float(I, r);
}

static rc_object *m_pow(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x, y;
    if (two_reals(I, "pow", a, n, kw, &x, &y) < 0)
        return NULL;
    if (x == 0 && y < 0 && isfinite(y))
        return domain_error(I);
    double r = pow(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return domain_error(I);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return range_error(I);
    return lx_float(I, r);
}

static rc_object *m_nextafter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x, y;
    return two_reals(I, "nextafter", a, n, kw, &x, &y) < 0 ? NULL : lx_float(I, nextafter(x, y));
}

static rc_object *m_ldexp(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x;
    int64_t e;
    if (mod_check_args(I, "ldexp", n, kw, 2, 2) < 0 || real_arg(I, a[0], &x) < 0)
        return NULL;
    if (a[1]->type == &rc_float_type)
        return lx_raise(I, LX_TypeError, "Expected an int as second argument to ldexp.");
    if (int_arg(I, a[1], &e) < 0)
        return NULL;
    if (x == 0 || !isfinite(x))
        return lx_float(I, x);
    int ei = e > 100000 ? 100000 : e < -100000 ? -100000 : (int)e;
    double r = ldexp(x, ei);
    if (isinf(r))
        return range_error(I);
    return lx_float(I, r);
}

/* The log of a positive big int past a double: its top 60 bits (a sticky
 * bit for the rest, so that the rounding to 53 is right) as m in [0.5, 1]
 * times 2**e. */
static int big_log(lx_interp *I, rc_object *o, double (*f)(double), double *out)
{
    int64_t e = (int64_t)rc_bigint_bit_length(o);
    rc_heap *h = lx_heap(I);
    rc_object *top = rc_bigint_rshift(h, o, (uint64_t)(e - 60));
    rc_object *back = top ? rc_bigint_lshift(h, top, (uint64_t)(e - 60)) : NULL;
    if (!back) {
        rc_xdecref(top);
        lx_raise_heap_error(I);
        return -1;
    }
    uint64_t bits = (uint64_t)rc_int_value(top) | (rc_bigint_compare(back, o) != 0);
    rc_decref(top);
    rc_decref(back);
    double m = ldexp((double)bits, -60);
    if (m == 1.0) {
        m = 0.5;
        e++;
    }
    *out = f(m) + f(2.0) * (double)e;
    return 0;
}

/* f(x) for a logarithm f: an int too large for a double is m * 2**e with
 * m in [0.5, 1) (rounded to 53 bits), and f(m) + e * f(2) its log. */
static int log_of(lx_interp *I, rc_object *o, double (*f)(double), double *out)
{
    double x;
    if (o->type != &rc_bigint_type) {
        if (real_arg(I, o, &x) < 0)
            return -1;
        if (x <= 0 && !isnan(x))
            return domain_error(I), -1;
        *out = f(x);
        return 0;
    }
    if (rc_bigint_sign(o) < 0)
        return domain_error(I), -1;
    if (rc_bigint_to_double(o, &x) == 0) {
        *out = f(x);
        return 0;
    }
    return big_log(I, o, f, out);
}

static rc_object *log_1(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw,
                        double (*f)(double))
{
    double r;
    if (mod_check_args(I, name, n, kw, 1, 1) < 0 || log_of(I, a[0], f, &r) < 0)
        return NULL;
    return lx_float(I, r);
}

static rc_object *m_log2(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return log_1(I, "log2", a, n, kw, log2);
}

static rc_object *m_log10(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return log_1(I, "log10", a, n, kw, log10);
}

/* log(x[, base]) */
static rc_object *m_log(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double r, lb = 0;
    if (mod_check_args(I, "log", n, kw, 1, 2) < 0 || log_of(I, a[0], log, &r) < 0 ||
        (n == 2 && log_of(I, a[1], log, &lb) < 0))
        return NULL;
    if (n == 2) {
        if (lb == 0)
            return lx_raise(I, LX_ZeroDivisionError, "float division by zero");
        r /= lb;
    }
    return lx_float(I, r);
}

/* ---- to ints ---------------------------------------------------------------------- */

static rc_object *float_to_int(lx_interp *I, double r)
{
    if (isnan(r))
        return lx_raise(I, LX_ValueError, "cannot convert float NaN to integer");
    if (isinf(r))
        return lx_raise(I, LX_OverflowError, "cannot convert float infinity to integer");
    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0))
        return heap_result(I, rc_bigint_from_double(lx_heap(I), r));
    return lx_int(I, (int64_t)r);
}

static rc_object *rounding(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw,
                           double (*f)(double))
{
    if (mod_check_args(I, name, n, kw, 1, 1) < 0)
        return NULL;
    if (is_small_int(a[0]))
        return lx_int(I, rc_int_value(a[0]));
    if (a[0]->type == &rc_bigint_type) {
        rc_incref(a[0]);
        return a[0];
    }
    double x;
    if (real_arg(I, a[0], &x) < 0)
        return NULL;
    return float_to_int(I, f(x));
}
static rc_object *m_floor(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return rounding(I, "floor", a, n, kw, floor);
}
static rc_object *m_ceil(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return rounding(I, "ceil", a, n, kw, ceil);
}
static rc_object *m_trunc(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return rounding(I, "trunc", a, n, kw, trunc);
}

static rc_object *m_modf(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x, ip;
    if (mod_check_args(I, "modf", n, kw, 1, 1) < 0 || real_arg(I, a[0], &x) < 0)
        return NULL;
    double fp = isinf(x) ? copysign(0.0, x) : modf(x, &ip);
    if (isinf(x))
        ip = x;
    rc_object *items[2] = {lx_float(I, fp), lx_float(I, ip)};
    rc_object *t = items[0] && items[1] ? mod_tuple_of(I, items, 2) : NULL;
    rc_xdecref(items[0]);
    rc_xdecref(items[1]);
    return t;
}

static rc_object *m_frexp(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x;
    int e = 0;
    if (mod_check_args(I, "frexp", n, kw, 1, 1) < 0 || real_arg(I, a[0], &x) < 0)
        return NULL;
    double m = isfinite(x) ? frexp(x, &e) : x;
    rc_object *items[2] = {lx_float(I, m), lx_int(I, e)};
    rc_object *t = items[0] && items[1] ? mod_tuple_of(I, items, 2) : NULL;
    rc_xdecref(items[0]);
    rc_xdecref(items[1]);
    return t;
}

/* ---- integers ---------------------------------------------------------------------- */

/* acc * m (acc consumed); NULL with the exception. */
static rc_object *times(lx_interp *I, rc_object *acc, rc_object *m)
{
    rc_object *r = rc_bigint_mul(lx_heap(I), acc, m);
    rc_decref(acc);
    return heap_result(I, r);
}

static rc_object *times_small(lx_interp *I, rc_object *acc, int64_t m)
{
    rc_object *mo = lx_int(I, m);
    if (!mo) {
        rc_decref(acc);
        return NULL;
    }
    rc_object *r = times(I, acc, mo);
    rc_decref(mo);
    return r;
}

/* n!: the factors gathered into int64 runs, each run one big product. */
static rc_object *m_factorial(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t v;
    if (mod_check_args(I, "factorial", n, kw, 1, 1) < 0)
        return NULL;
    if (a[0]->type == &rc_bigint_type)
        return rc_bigint_sign(a[0]) < 0
                   ? lx_raise(I, LX_ValueError, "factorial() not defined for negative values")
                   : lx_raise(I, LX_OverflowError, "factorial() argument should not exceed %lld",
                              (long long)INT64_MAX);
    if (int_arg(I, a[0], &v) < 0)
        return NULL;
    if (v < 0)
        return lx_raise(I, LX_ValueError, "factorial() not defined for negative values");
    rc_object *acc = lx_int(I, 1);
    int64_t run = 1;
    for (int64_t k = 2; acc && k <= v; k++) {
        if (run > INT64_MAX / k) {
            acc = times_small(I, acc, run);
            run = 1;
        }
        run *= k;
    }
    return acc ? times_small(I, acc, run) : NULL;
}

static uint64_t gcd_u(uint64_t x, uint64_t y)
{
    while (y) {
        uint64_t t = x % y;
        x = y;
        y = t;
    }
    return x;
}


/* An int object for a magnitude up to 2**64 - 1. */
static rc_object *int_from_u64(lx_interp *I, uint64_t m)
{
    if (m <= INT64_MAX)
        return lx_int(I, (int64_t)m);
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)(m >> (8 * i));
    return heap_result(I, rc_bigint_from_bytes(lx_heap(I), le, 8, 1, 0));
}

/* gcd(|x|, |y|): Euclid's remainders over big ints until both fit in
 * int64 (|INT64_MIN| does not), then in uint64. */
static rc_object *gcd_obj(lx_interp *I, rc_object *x, rc_object *y)
{
    rc_heap *h = lx_heap(I);
    rc_object *p = rc_bigint_abs(h, x), *q = p ? rc_bigint_abs(h, y) : NULL;
    while (q && (p->type == &rc_bigint_type || q->type == &rc_bigint_type) && rc_bigint_sign(q) != 0) {
        rc_object *r = NULL;
        if (rc_bigint_divmod(h, p, q, NULL, &r) < 0)
            r = NULL;
        rc_decref(p);
        p = q;
        q = r;
    }
    if (!q) {
        rc_xdecref(p);
        return lx_raise_heap_error(I);
    }
    rc_object *out = p;
    if (rc_bigint_sign(q) != 0) {
        out = lx_int(I, (int64_t)gcd_u((uint64_t)rc_int_value(p), (uint64_t)rc_int_value(q)));
        rc_decref(p);
    }
    rc_decref(q);
    return out;
}

/* gcd() and lcm(): step folded over the arguments from start. */
static rc_object *int_fold(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw,
                           int64_t start, rc_object *(*step)(lx_interp *, rc_object *, rc_object *))
{
    if (lx_no_kwargs(I, name, kw) < 0)
        return NULL;
    rc_object *acc = lx_int(I, start);
    for (size_t i = 0; acc && i < n; i++) {
        rc_object *v = int_obj_arg(I, a[i]);
        rc_object *next = v ? step(I, acc, v) : NULL;
        rc_xdecref(v);
        rc_decref(acc);
        acc = next;
    }
    return acc;
}

static rc_object *m_gcd(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return int_fold(I, "gcd", a, n, kw, 0, gcd_obj);
}

/* lcm(|l|, |m|) = |l| // gcd * |m|. */
static rc_object *lcm_obj(lx_interp *I, rc_object *l, rc_object *m)
{
    rc_heap *h = lx_heap(I);
    if (rc_bigint_sign(l) == 0 || rc_bigint_sign(m) == 0)
        return lx_int(I, 0);
    rc_object *g = gcd_obj(I, l, m), *q = NULL, *r = NULL, *am = NULL;
    if (g && rc_bigint_divmod(h, l, g, &q, NULL) == 0 && (am = rc_bigint_abs(h, m)))
        r = rc_bigint_mul(h, q, am);
    rc_object *out = r ? rc_bigint_abs(h, r) : NULL;
    rc_xdecref(g);
    rc_xdecref(q);
    rc_xdecref(am);
    rc_xdecref(r);
    return out || lx_exc_occurred(I) ? out : lx_raise_heap_error(I);
}

static rc_object *m_lcm(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return int_fold(I, "lcm", a, n, kw, 1, lcm_obj);
}

/* floor(sqrt(v)) of a big v by Newton's iteration from above. */
static rc_object *isqrt_big(lx_interp *I, rc_object *v)
{
    rc_heap *h = lx_heap(I);
    rc_object *one = lx_int(I, 1);
    rc_object *x = one ? rc_bigint_lshift(h, one, (rc_bigint_bit_length(v) + 1) / 2) : NULL;
    while (x) {
        rc_object *q = NULL, *s = NULL, *y = NULL;
        if (rc_bigint_divmod(h, v, x, &q, NULL) == 0 && (s = rc_bigint_add(h, x, q)))
            y = rc_bigint_rshift(h, s, 1);
        rc_xdecref(q);
        rc_xdecref(s);
        if (!y || rc_bigint_compare(y, x) >= 0) {
            rc_xdecref(y);
            break;
        }
        rc_decref(x);
        x = y;
    }
    rc_xdecref(one);
    return heap_result(I, x);
}

static rc_object *m_isqrt(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "isqrt", n, kw, 1, 1) < 0)
        return NULL;
    rc_object *o = int_obj_arg(I, a[0]);
    if (!o)
        return NULL;
    rc_object *out;
    if (rc_bigint_sign(o) < 0)
        out = lx_raise(I, LX_ValueError, "isqrt() argument must be nonnegative");
    else if (o->type == &rc_bigint_type)
        out = isqrt_big(I, o);
    else {
        uint64_t v = (uint64_t)rc_int_value(o), r = (uint64_t)sqrt((double)v);
        while (r * r > v)
            r--;
        while ((r + 1) * (r + 1) <= v)
            r++;
        out = lx_int(I, (int64_t)r);
    }
    rc_decref(o);
    return out;
}

/* comb(n, k) and perm(n, k) in uint64, or 0 when a step overflows. */
static uint64_t comb_perm_u64(int64_t nn, int64_t k, int comb)
{
    uint64_t r = 1;
    for (int64_t i = 0; i < k; i++) {
        uint64_t f = (uint64_t)(nn - i);
        if (comb) {                     /* r * (n - i) / (i + 1) stays exact */
            uint64_t g = gcd_u(r, (uint64_t)(i + 1));
            uint64_t rr = r / g, d = (uint64_t)(i + 1) / g;
            f /= d;                     /* d divides (n - i) by then */
            if (__builtin_mul_overflow(rr, f, &r))
                return 0;
        } else if (__builtin_mul_overflow(r, f, &r)) {
            return 0;
        }
    }
    return r;
}

/* The same over big ints: r = r * (n - i), then // (i + 1) for comb
 * (exact at every step). */
static rc_object *comb_perm_big(lx_interp *I, rc_object *nn, int64_t k, int comb)
{
    rc_heap *h = lx_heap(I);
    rc_object *r = lx_int(I, 1);
    for (int64_t i = 0; r && i < k; i++) {
        rc_object *io = lx_int(I, i), *f = io ? rc_bigint_sub(h, nn, io) : NULL;
        rc_object *p = f ? rc_bigint_mul(h, r, f) : NULL, *q = NULL;
        rc_xdecref(io);
        rc_xdecref(f);
        rc_decref(r);
        r = p;
        if (comb && p) {
            rc_object *d = lx_int(I, i + 1);
            if (d && rc_bigint_divmod(h, p, d, &q, NULL) < 0)
                q = NULL;
            rc_xdecref(d);
            rc_decref(p);
            r = q;
        }
    }
    return heap_result(I, r);
}

static rc_object *comb_perm(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw,
                            int comb)
{
    int64_t k;
    if (mod_check_args(I, name, n, kw, comb ? 2 : 1, 2) < 0)
        return NULL;
    rc_object *nn = int_obj_arg(I, a[0]), *ko = NULL, *out = NULL;
    if (!nn)
        return NULL;
    ko = n == 2 && a[1] != rc_none() ? int_obj_arg(I, a[1]) : (rc_incref(nn), nn);
    if (!ko)
        goto done;
    if (rc_bigint_sign(nn) < 0) {
        out = lx_raise(I, LX_ValueError, "n must be a non-negative integer");
        goto done;
    }
    if (rc_bigint_sign(ko) < 0) {
        out = lx_raise(I, LX_ValueError, "k must be a non-negative integer");
        goto done;
    }
    if (rc_bigint_compare(ko, nn) > 0) {
        out = lx_int(I, 0);
        goto done;
    }
    if (comb) {      /* k = min(k, n - k) */
        rc_object *rest = rc_bigint_sub(lx_heap(I), nn, ko);
        if (!rest) {
            out = lx_raise_heap_error(I);
            goto done;
        }
        if (rc_bigint_compare(rest, ko) < 0) {
            rc_decref(ko);
            ko = rest;
        } else {
            rc_decref(rest);
        }
    }
    if (ko->type == &rc_bigint_type) {
        out = lx_raise(I, LX_OverflowError, comb ? "min(n - k, k) must not exceed %lld" : "k must not exceed %lld",
                       (long long)INT64_MAX);
        goto done;
    }
    k = rc_int_value(ko);
    uint64_t small = is_small_int(nn) ? comb_perm_u64(rc_int_value(nn), k, comb) : 0;
    out = small ? int_from_u64(I, small) : comb_perm_big(I, nn, k, comb);
done:
    rc_decref(nn);
    rc_xdecref(ko);
    return out;
}
static rc_object *m_comb(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return comb_perm(I, "comb", a, n, kw, 1);
}
static rc_object *m_perm(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return comb_perm(I, "perm", a, n, kw, 0);
}

/* ---- predicates ----------------------------------------------------------------------- */

static rc_object *predicate(lx_interp *I, const char *name, rc_object *const *a, size_t n, rc_object *kw,
                            int which)
{
    double x;
    if (mod_check_args(I, name, n, kw, 1, 1) < 0 || real_arg(I, a[0], &x) < 0)
        return NULL;
    return rc_bool(which == 0 ? isfinite(x) : which == 1 ? isinf(x) : isnan(x));
}
static rc_object *m_isfinite(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return predicate(I, "isfinite", a, n, kw, 0);
}
static rc_object *m_isinf(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return predicate(I, "isinf", a, n, kw, 1);
}
static rc_object *m_isnan(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return predicate(I, "isnan", a, n, kw, 2);
}

static rc_object *m_isclose(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    rc_object *s[4];
    if (mod_parse_args(I, "isclose", a, n, kw, names, 4, s) < 0)
        return NULL;
    if (n > 2)
        return lx_raise(I, LX_TypeError, "isclose() takes exactly 2 positional arguments (%zu given)", n);
    if (!s[0] || !s[1])
        return lx_raise(I, LX_TypeError, "isclose() missing required argument '%s' (pos %d)", s[0] ? "b" : "a",
                        s[0] ? 2 : 1);
    double x, y, rel = 1e-9, abs_ = 0.0;
    if (real_arg(I, s[0], &x) < 0 || real_arg(I, s[1], &y) < 0 || (s[2] && real_arg(I, s[2], &rel) < 0) ||
        (s[3] && real_arg(I, s[3], &abs_) < 0))
        return NULL;
    if (rel < 0 || abs_ < 0)
        return lx_raise(I, LX_ValueError, "tolerances must be non-negative");
    if (x == y)
        return rc_true();
    if (isinf(x) || isinf(y))
        return rc_false();
    double diff = fabs(y - x);
    return rc_bool((diff <= fabs(rel * y)) || (diff <= fabs(rel * x)) || diff <= abs_);
}

/* ---- sums and products --------------------------------------------------------------- */

/* The exact sum of an iterable of floats: partial sums without rounding
 * error (each step keeps the low part a float addition loses), rounded
 * once at the end. */
static rc_object *m_fsum(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "fsum", n, kw, 1, 1) < 0)
        return NULL;
    rc_object *it = lx_iter(I, a[0]);
    if (!it)
        return NULL;
    double few[32], *p = few;
    size_t np = 0, cap = 32;
    double special = 0.0, inf_sum = 0.0;
    rc_object *v;
    int failed = 0;
    while ((v = lx_next(I, it))) {
        double x;
        if (real_arg(I, v, &x) < 0) {
            rc_decref(v);
            failed = 1;
            break;
        }
        rc_decref(v);
        if (!isfinite(x)) {
            if (isinf(x))
                inf_sum += x;
            special += x;
            continue;
        }
        size_t i = 0;
        for (size_t j = 0; j < np; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0)
                p[i++] = lo;
            x = hi;
        }
        np = i;
        if (np == cap) {
            double *q = malloc(2 * cap * sizeof *q);
            if (!q) {
                failed = 1;
                lx_raise(I, LX_MemoryError, "math.fsum partials");
                break;
            }
            memcpy(q, p, np * sizeof *q);
            if (p != few)
                free(p);
            p = q;
            cap *= 2;
        }
        p[np++] = x;
    }
    rc_decref(it);
    if (failed || lx_exc_occurred(I)) {
        if (p != few)
            free(p);
        return NULL;
    }
    double hi = 0.0;
    if (special != 0.0) {
        if (p != few)
            free(p);
        if (isnan(inf_sum))
            return lx_raise(I, LX_ValueError, "-inf + inf in fsum");
        return lx_float(I, special);
    }
    if (np > 0) {                       /* sum the partials from the top, rounding once */
        hi = p[--np];
        double lo = 0.0;
        while (np > 0) {
            double x = hi, y = p[--np];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0)
                break;
        }
        if (np > 0 && ((lo < 0.0 && p[np - 1] < 0.0) || (lo > 0.0 && p[np - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y, yr = x - hi;
            if (y == yr)
                hi = x;
        }
    }
    if (p != few)
        free(p);
    return lx_float(I, hi);
}

static rc_object *m_prod(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"iterable", "start"};
    rc_object *s[2];
    if (mod_parse_args(I, "prod", a, n, kw, names, 2, s) < 0)
        return NULL;
    if (n > 1)
        return lx_raise(I, LX_TypeError, "prod() takes exactly 1 positional argument (%zu given)", n);
    if (!s[0])
        return lx_raise(I, LX_TypeError, "prod() missing required argument 'iterable' (pos 1)");
    rc_object *acc = s[1] ? s[1] : NULL;
    if (acc)
        rc_incref(acc);
    else if (!(acc = lx_int(I, 1)))
        return NULL;
    rc_object *it = lx_iter(I, s[0]);
    if (!it) {
        rc_decref(acc);
        return NULL;
    }
    rc_object *v;
    while ((v = lx_next(I, it))) {
        rc_object *r = lx_mul(I, acc, v);
        rc_decref(v);
        rc_decref(acc);
        acc = r;
        if (!acc)
            break;
    }
    rc_decref(it);
    if (acc && lx_exc_occurred(I))
        RC_CLEAR(acc);
    return acc;
}

static rc_object *m_hypot(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "hypot", kw) < 0)
        return NULL;
    double r = 0.0;
    int any_inf = 0, any_nan = 0;
    for (size_t i = 0; i < n; i++) {
        double x;
        if (real_arg(I, a[i], &x) < 0)
            return NULL;
        any_inf |= isinf(x);
        any_nan |= isnan(x);
        r = hypot(r, x);
    }
    return lx_float(I, any_inf ? INFINITY : any_nan ? NAN : r);
}

static rc_object *m_dist(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "dist", n, kw, 2, 2) < 0)
        return NULL;
    rc_object *p = a[0], *q = a[1];
    int pt = p->type == &rc_tuple_type || p->type == &rc_list_type;
    int qt = q->type == &rc_tuple_type || q->type == &rc_list_type;
    if (!pt || !qt)
        return lx_raise(I, LX_TypeError, "dist(): both points must be sequences of numbers");
    rc_ssize np = p->type == &rc_tuple_type ? rc_tuple_len(p) : rc_list_len(p);
    rc_ssize nq = q->type == &rc_tuple_type ? rc_tuple_len(q) : rc_list_len(q);
    if (np != nq)
        return lx_raise(I, LX_ValueError, "both points must have the same number of dimensions");
    double r = 0.0;
    for (rc_ssize i = 0; i < np; i++) {
        rc_object *x = p->type == &rc_tuple_type ? rc_tuple_get(p, i) : rc_list_get(p, i);
        rc_object *y = q->type == &rc_tuple_type ? rc_tuple_get(q, i) : rc_list_get(q, i);
        double dx, dy;
        if (real_arg(I, x, &dx) < 0 || real_arg(I, y, &dy) < 0)
            return NULL;
        r = hypot(r, dx - dy);
    }
    return lx_float(I, r);
}

static rc_object *m_ulp(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double x;
    if (mod_check_args(I, "ulp", n, kw, 1, 1) < 0 || real_arg(I, a[0], &x) < 0)
        return NULL;
    if (isnan(x) || isinf(x))
        return lx_float(I, fabs(x));
    x = fabs(x);
    double up = nextafter(x, INFINITY);
    if (isinf(up))
        return lx_float(I, x - nextafter(x, -INFINITY));
    return lx_float(I, up - x);
}

static const lx_func_def math_functions[] = {
    {"acos", m_acos}, {"acosh", m_acosh}, {"asin", m_asin}, {"asinh", m_asinh}, {"atan", m_atan},
    {"atan2", m_atan2}, {"atanh", m_atanh}, {"cbrt", m_cbrt}, {"ceil", m_ceil}, {"comb", m_comb},
    {"copysign", m_copysign}, {"cos", m_cos}, {"cosh", m_cosh}, {"degrees", m_degrees}, {"dist", m_dist},
    {"erf", m_erf}, {"erfc", m_erfc}, {"exp", m_exp}, {"exp2", m_exp2}, {"expm1", m_expm1},
    {"fabs", m_fabs}, {"factorial", m_factorial}, {"floor", m_floor}, {"fmod", m_fmod}, {"frexp", m_frexp},
    {"fsum", m_fsum}, {"gamma", m_gamma}, {"gcd", m_gcd}, {"hypot", m_hypot}, {"isclose", m_isclose},
    {"isfinite", m_isfinite}, {"isinf", m_isinf}, {"isnan", m_isnan}, {"isqrt", m_isqrt}, {"lcm", m_lcm},
    {"ldexp", m_ldexp}, {"lgamma", m_lgamma}, {"log", m_log}, {"log10", m_log10}, {"log1p", m_log1p},
    {"log2", m_log2}, {"modf", m_modf}, {"nextafter", m_nextafter}, {"perm", m_perm}, {"pow", m_pow},
    {"prod", m_prod}, {"radians", m_radians}, {"remainder", m_remainder}, {"sin", m_sin}, {"sinh", m_sinh},
    {"sqrt", m_sqrt}, {"tan", m_tan}, {"tanh", m_tanh}, {"trunc", m_trunc}, {"ulp", m_ulp},
    {NULL, NULL},
};

rc_object *lx_mod_math_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "math", math_functions);
    if (!m)
        return NULL;
    if (mod_set_new(I, m, "pi", lx_float(I, PI)) < 0 || mod_set_new(I, m, "e", lx_float(I, E_)) < 0 ||
        mod_set_new(I, m, "tau", lx_float(I, 2 * PI)) < 0 || mod_set_new(I, m, "inf", lx_float(I, INFINITY)) < 0 ||
        mod_set_new(I, m, "nan", lx_float(I, NAN)) < 0) {
        rc_decref(m);
        return NULL;
    }
    return m;
}
