/*
 * lang/int_big.c — Python's int semantics past 64 bits: the slow path of
 * the int operators, comparisons with floats, and int <-> str conversion,
 * over the library's rc_bigint_* calls.
 *
 * The int64 fast paths (eval.c's BINARY and COMPARE, protocol.c's
 * int_binop) stay as they were; they call here only when a result leaves
 * int64 or an operand is a big int.  Every result is normalized by the
 * library, so a value that fits in int64 is an ordinary small int.
 *
 * Errors carry CPython 3.11's words.  Decimal conversions honour CPython's
 * default limit of 4300 digits (sys.set_int_max_str_digits changes it;
 * 0 means no limit); power-of-two bases have none.
 */
#include "core.h"

#include <math.h>
#include <string.h>

#define STR_DIGITS_MIN 640

static rc_object *heap_result(lx_interp *I, rc_object *r)
{
    return r ? r : lx_raise_heap_error(I);
}

static int count_of(lx_interp *I, rc_object *b, uint64_t *out, int left)
{
    if (rc_bigint_sign(b) < 0) {
        lx_raise(I, LX_ValueError, "negative shift count");
        return -1;
    }
    if (b->type == &rc_bigint_type) {
        if (left)
            lx_raise(I, LX_OverflowError, "too many digits in integer");
        *out = UINT64_MAX;
        return left ? -1 : 0;
    }
    *out = (uint64_t)rc_int_value_fast(b);
    return 0;
}

static rc_object *shift(lx_interp *I, rc_object *a, rc_object *b, int left)
{
    uint64_t n;
    if (rc_bigint_sign(a) == 0 && rc_bigint_sign(b) >= 0)
        return lx_int(I, 0);
    if (count_of(I, b, &n, left) < 0)
        return NULL;
    return heap_result(I, left ? rc_bigint_lshift(I->heap, a, n) : rc_bigint_rshift(I->heap, a, n));
}

static rc_object *floor_div_mod(lx_interp *I, rc_object *a, rc_object *b, int want_mod)
{
    if (rc_bigint_sign(b) == 0)
        return lx_raise(I, LX_ZeroDivisionError, want_mod ? "integer modulo by zero"
                                                          : "integer division or modulo by zero");
    rc_object *r = NULL;
    if (rc_bigint_divmod(I->heap, a, b, want_mod ? NULL : &r, want_mod ? &r : NULL) < 0)
        return lx_raise_heap_error(I);
    return r;
}

rc_object *lx_int_true_divide(lx_interp *I, rc_object *a, rc_object *b)
{
    if (rc_bigint_sign(b) == 0)
        return lx_raise(I, LX_ZeroDivisionError, "division by zero");
    double d;
    if (rc_bigint_true_divide(I->heap, a, b, &d) < 0)
        return lx_raise_heap_error(I);
    return lx_float(I, d);
}

int lx_int_to_double(lx_interp *I, rc_object *o, double *out)
{
    if (rc_bigint_to_double(o, out) == 0)
        return 0;
    rc_error_clear(I->heap);
    lx_raise(I, LX_OverflowError, "int too large to convert to float");
    return -1;
}

static rc_object *power(lx_interp *I, rc_object *a, rc_object *b)
{
    if (rc_bigint_sign(b) < 0) {
        double x, y;
        if (lx_int_to_double(I, a, &x) < 0 || lx_int_to_double(I, b, &y) < 0)
            return NULL;
        return lx_float_pow(I, x, y);
    }
    return heap_result(I, rc_bigint_pow(I->heap, a, b, NULL));
}

/* Steps an operation on big ints is worth: the product of the operands'
 * lengths in digits (a schoolbook bound) over DIGIT_WORK_PER_STEP; for a
 * power, of the result's estimated length with itself; a shift, the
 * result's length.  Small operands cost nothing. */
#define DIGIT_WORK_PER_STEP 1024.0
static uint64_t work_steps(int op, rc_object *a, rc_object *b)
{
    double na = (double)rc_bigint_ndigits(a), nb = (double)rc_bigint_ndigits(b), n;
    if (op == BIN_POW || op == BIN_LSHIFT) {
        if (rc_bigint_sign(b) <= 0 || (b->type != &rc_int_type && b->type != &rc_bool_type))
            return 0;                 /* negative, or past 64 bits: refused before any work */
        double e = (double)rc_int_value_fast(b);
        n = op == BIN_POW ? na * e : na + e / 30.0;
        n = op == BIN_POW ? n * n : n;
    } else {
        n = na * nb;
    }
    n /= DIGIT_WORK_PER_STEP;
    return n >= 1e18 ? UINT64_C(1000000000000000000) : (uint64_t)n;
}

rc_object *lx_int_binop_any(lx_interp *I, int op, rc_object *a, rc_object *b)
{
    rc_heap *h = I->heap;
    uint64_t work = work_steps(op, a, b);
    if (work && lx_spend_steps(I, work) < 0)
        return NULL;
    switch (op) {
    case BIN_ADD: return heap_result(I, rc_bigint_add(h, a, b));
    case BIN_SUB: return heap_result(I, rc_bigint_sub(h, a, b));
    case BIN_MUL: return heap_result(I, rc_bigint_mul(h, a, b));
    case BIN_DIV: return lx_int_true_divide(I, a, b);
    case BIN_FLOORDIV: return floor_div_mod(I, a, b, 0);
    case BIN_MOD: return floor_div_mod(I, a, b, 1);
    case BIN_POW: return power(I, a, b);
    case BIN_LSHIFT: return shift(I, a, b, 1);
    case BIN_RSHIFT: return shift(I, a, b, 0);
    case BIN_AND: return heap_result(I, rc_bigint_and(h, a, b));
    case BIN_OR: return heap_result(I, rc_bigint_or(h, a, b));
    case BIN_XOR: return heap_result(I, rc_bigint_xor(h, a, b));
    default: return I->not_implemented;
    }
}

rc_object *lx_int_unary_any(lx_interp *I, int opcode, rc_object *a)
{
    rc_heap *h = I->heap;
    if (opcode == OPC_UNARY_NEG)
        return heap_result(I, rc_bigint_neg(h, a));
    if (opcode == OPC_UNARY_POS)
        return heap_result(I, rc_bigint_add(h, a, rc_int_new(h, 0)));
    return heap_result(I, rc_bigint_invert(h, a));
}

rc_object *lx_int_divmod_any(lx_interp *I, rc_object *a, rc_object *b)
{
    if (rc_bigint_sign(b) == 0)
        return lx_raise(I, LX_ZeroDivisionError, "integer division or modulo by zero");
    rc_object *q, *r;
    if (rc_bigint_divmod(I->heap, a, b, &q, &r) < 0)
        return lx_raise_heap_error(I);
    rc_object *t = rc_tuple_new(I->heap, 2);
    if (t) {
        rc_tuple_set(t, 0, q);
        rc_tuple_set(t, 1, r);
    }
    rc_decref(q);
    rc_decref(r);
    return heap_result(I, t);
}

/* The inverse of a modulo m (m > 0), by the extended Euclidean algorithm;
 * NULL with ValueError when gcd(a, m) != 1. */
static rc_object *mod_inverse(lx_interp *I, rc_object *a, rc_object *m)
{
    rc_heap *h = I->heap;
    rc_object *r0 = m, *r1 = NULL, *s0 = rc_int_new(h, 0), *s1 = rc_int_new(h, 1);
    rc_incref(r0);
    if (rc_bigint_divmod(h, a, m, NULL, &r1) < 0)
        goto fail;
    while (rc_bigint_sign(r1) != 0) {
        rc_object *q, *r, *qs, *s;
        if (rc_bigint_divmod(h, r0, r1, &q, &r) < 0)
            goto fail;
        qs = rc_bigint_mul(h, q, s1);
        s = qs ? rc_bigint_sub(h, s0, qs) : NULL;
        rc_decref(q);
        rc_xdecref(qs);
        rc_decref(r0);
        rc_decref(s0);
        r0 = r1, r1 = r, s0 = s1, s1 = s;
        if (!s)
            goto fail;
    }
    int unit = r0->type == &rc_int_type && rc_int_value_fast(r0) == 1;
    rc_object *inv = NULL;
    if (unit && rc_bigint_divmod(h, s0, m, NULL, &inv) < 0)
        goto fail;
    rc_decref(r0), rc_decref(r1), rc_decref(s0), rc_decref(s1);
    return unit ? inv : lx_raise(I, LX_ValueError, "base is not invertible for the given modulus");
fail:
    rc_xdecref(r0), rc_xdecref(r1), rc_xdecref(s0), rc_xdecref(s1);
    return lx_raise_heap_error(I);
}

rc_object *lx_int_powmod_any(lx_interp *I, rc_object *base, rc_object *exp, rc_object *mod)
{
    if (rc_bigint_sign(mod) == 0)
        return lx_raise(I, LX_ValueError, "pow() 3rd argument cannot be 0");
    rc_heap *h = I->heap;
    rc_object *m = rc_bigint_abs(h, mod), *b = base, *e = exp, *r = NULL;
    if (!m)
        return lx_raise_heap_error(I);
    rc_incref(b);
    rc_incref(e);
    if (rc_bigint_sign(exp) < 0) {
        rc_object *inv = mod_inverse(I, base, m), *ne = inv ? rc_bigint_neg(h, exp) : NULL;
        rc_decref(b);
        rc_decref(e);
        b = inv, e = ne;
    }
    if (b && e) {
        r = rc_bigint_pow(h, b, e, m);
        if (r && rc_bigint_sign(mod) < 0 && rc_bigint_sign(r) != 0) {   /* the modulus's sign */
            rc_object *n = rc_bigint_sub(h, r, m);
            rc_decref(r);
            r = n;
        }
        if (!r)
            lx_raise_heap_error(I);
    }
    rc_xdecref(b);
    rc_xdecref(e);
    rc_decref(m);
    return r;
}

rc_object *lx_int_round_any(lx_interp *I, rc_object *x, int64_t k)
{
    rc_heap *h = I->heap;
    if ((uint64_t)k > rc_bigint_bit_length(x))       /* 10**k > |x|: rounds to 0 */
        return lx_int(I, 0);
    rc_object *ten = rc_int_new(h, 10), *kk = rc_int_new(h, k), *p = rc_bigint_pow(h, ten, kk, NULL);
    rc_object *q = NULL, *r = NULL, *twice = NULL, *out = NULL;
    rc_xdecref(ten);
    rc_xdecref(kk);
    if (p && rc_bigint_divmod(h, x, p, &q, &r) == 0 && (twice = rc_bigint_add(h, r, r)) != NULL) {
        int c = rc_bigint_compare(twice, p);
        rc_object *one = rc_int_new(h, 1), *low = rc_bigint_and(h, q, one);
        int is_odd = low && rc_bigint_sign(low) != 0;
        rc_xdecref(low);
        rc_object *qq = (c > 0 || (c == 0 && is_odd)) ? rc_bigint_add(h, q, one) : (rc_incref(q), q);
        out = qq ? rc_bigint_mul(h, qq, p) : NULL;
        rc_xdecref(qq);
    }
    rc_xdecref(p);
    rc_xdecref(q);
    rc_xdecref(r);
    rc_xdecref(twice);
    return heap_result(I, out);
}

/* ---- comparisons with floats ------------------------------------------------------------ */

int lx_int_float_compare(lx_interp *I, rc_object *i, double d, int *out)
{
    if (i->type != &rc_bigint_type) {
        int64_t v = rc_int_value_fast(i);
        if (v >= -((int64_t)1 << 53) && v <= ((int64_t)1 << 53)) {
            double x = (double)v;
            *out = x < d ? -1 : x > d ? 1 : x == d ? 0 : 2;
            return 0;
        }
    }
    if (rc_bigint_compare_double(I->heap, i, d, out) < 0) {
        lx_raise_heap_error(I);
        return -1;
    }
    return 0;
}

/* ---- strings ---------------------------------------------------------------------------- */

static const char limit_words[] = "Exceeds the limit (%d digits) for integer string conversion";

/* An upper bound on the decimal digits of an int of `bits` bits. */
static uint64_t decimal_digits_bound(uint64_t bits)
{
    return bits * 30103 / 100000 + 1;
}

rc_object *lx_int_to_str(lx_interp *I, rc_object *o, int base)
{
    int limit = I->int_max_str_digits;
    int pow2 = (base & (base - 1)) == 0;
    if (!pow2 && limit > 0 && decimal_digits_bound(rc_bigint_bit_length(o)) > (uint64_t)limit) {
        rc_object *s = rc_bigint_to_string(I->heap, o, base);
        if (!s)
            return lx_raise_heap_error(I);
        size_t n = rc_str_size(s) - (rc_bigint_sign(o) < 0);
        if (n > (size_t)limit) {
            rc_decref(s);
            return lx_raise(I, LX_ValueError, "Exceeds the limit (%d digits) for integer string conversion; "
                            "use sys.set_int_max_str_digits() to increase the limit", limit);
        }
        return s;
    }
    return heap_result(I, rc_bigint_to_string(I->heap, o, base));
}

rc_object *lx_int_from_digits(lx_interp *I, const char *s, size_t n, int base)
{
    int limit = I->int_max_str_digits;
    size_t digits = n - (n && (*s == '-' || *s == '+'));
    if ((base & (base - 1)) != 0 && limit > 0 && digits > (size_t)limit) {
        char msg[sizeof limit_words + 16];
        snprintf(msg, sizeof msg, limit_words, limit);
        return lx_raise(I, LX_ValueError, "%s: value has %zu digits; use sys.set_int_max_str_digits() "
                        "to increase the limit", msg, digits);
    }
    return heap_result(I, rc_bigint_from_string(I->heap, s, n, base));
}

int lx_set_int_max_str_digits(lx_interp *I, int64_t n)
{
    if (n != 0 && n < STR_DIGITS_MIN) {
        lx_raise(I, LX_ValueError, "maxdigits must be 0 or larger than %d", STR_DIGITS_MIN);
        return -1;
    }
    I->int_max_str_digits = n > INT32_MAX ? INT32_MAX : (int)n;
    return 0;
}

int lx_get_int_max_str_digits(lx_interp *I)
{
    return I->int_max_str_digits;
}
