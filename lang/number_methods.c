/*
 * lang/number_methods.c — the methods of int (lx_int_methods; bool shares
 * them, being an int) and float (lx_float_methods).
 *
 * Ints are of any size (a big int past int64, src/types/bigint.c):
 * to_bytes works on the two's-complement value (signed) or the magnitude
 * (unsigned) and fails with CPython's OverflowError when the requested
 * length cannot hold it.
 */
#include "methods_util.h"

#include <math.h>
#include <string.h>

static int64_t int_self(rc_object *self)
{
    int64_t v = 0;
    lx_int_like(self, &v);
    return v;
}

static rc_object *int_bit_length(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "int.bit_length", nargs, kw) < 0)
        return NULL;
    if (rc_is_type(args[0], &rc_bigint_type))
        return lx_int(I, (int64_t)rc_bigint_bit_length(args[0]));
    uint64_t m = lx_magnitude(int_self(args[0]));
    int bits = 0;
    while (m) {
        bits++;
        m >>= 1;
    }
    return lx_int(I, bits);
}

/* The ones in |v|, a big int, from its magnitude's bytes. */
static rc_object *big_bit_count(lx_interp *I, rc_object *v)
{
    rc_object *m = rc_bigint_abs(lx_heap(I), v);
    size_t len = m ? (size_t)(rc_bigint_bit_length(m) + 7) / 8 : 0;
    unsigned char *bytes = m ? rc_malloc(lx_heap(I), len) : NULL;
    int64_t ones = 0;
    if (bytes && rc_bigint_to_bytes(m, bytes, len, 1, 0) == 0)
        for (size_t i = 0; i < len; i++)
            ones += __builtin_popcount(bytes[i]);
    rc_xdecref(m);
    if (!bytes)
        return lx_raise_heap_error(I);
    rc_free(lx_heap(I), bytes);
    return lx_int(I, ones);
}

static rc_object *int_bit_count(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "int.bit_count", nargs, kw) < 0)
        return NULL;
    if (rc_is_type(args[0], &rc_bigint_type))
        return big_bit_count(I, args[0]);
    uint64_t m = lx_magnitude(int_self(args[0]));
    int bits = 0;
    for (; m; m &= m - 1)
        bits++;
    return lx_int(I, bits);
}

static rc_object *int_conjugate(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "int.conjugate", nargs, kw) < 0)
        return NULL;
    if (rc_is_type(args[0], &rc_bigint_type))
        return rc_incref(args[0]), args[0];
    return lx_int(I, int_self(args[0]));
}

/* to_bytes' and from_bytes' byteorder ('big' when absent) and signed. */
static int byte_order_args(lx_interp *I, const char *fname, rc_object *order, rc_object *sign, int *little,
                           int *is_signed)
{
    *little = 0;
    *is_signed = sign ? lx_truth(I, sign) : 0;
    if (*is_signed < 0)
        return -1;
    if (!order)
        return 0;
    if (!lx_is_str(order)) {
        lx_raise(I, LX_TypeError, "%s() argument 'byteorder' must be str, not %s", fname, lx_type_name(I, order));
        return -1;
    }
    *little = !strcmp(rc_str_data(order), "little");
    if (!*little && strcmp(rc_str_data(order), "big") != 0) {
        lx_raise(I, LX_ValueError, "byteorder must be either 'little' or 'big'");
        return -1;
    }
    return 0;
}

/* b made ready for length bytes at the returned place; NULL (b freed,
 * the error raised) when there is no memory.  A zero length still gives
 * a place, though nothing may be written there. */
static char *bytes_buffer(lx_interp *I, lx_buf *b, int64_t length)
{
    static char nothing[1];
    lx_buf_init(b, I);
    char *p = lx_buf_extend(b, (size_t)length);
    if (!p && length > 0) {
        lx_buf_free(b);
        return NULL;
    }
    return p ? p : nothing;
}

/* to_bytes of a big int, through the library. */
static rc_object *big_to_bytes(lx_interp *I, rc_object *v, int64_t length, int little, int is_signed)
{
    if (rc_bigint_sign(v) < 0 && !is_signed)
        return lx_raise(I, LX_OverflowError, "can't convert negative int to unsigned");
    lx_buf b;
    char *p = bytes_buffer(I, &b, length);
    if (!p)
        return NULL;
    if (rc_bigint_to_bytes(v, (unsigned char *)p, (size_t)length, little, is_signed) < 0) {
        rc_error_clear(lx_heap(I));
        lx_buf_free(&b);
        return lx_raise(I, LX_OverflowError, "int too big to convert");
    }
    return lx_buf_to_bytes(&b);
}

/* to_bytes(length=1, byteorder='big', *, signed=False) */
static rc_object *int_to_bytes(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"length", "byteorder", "signed"};
    rc_object *v[3];
    int64_t length = 1;
    if (lx_arity(I, LX_ARITY_OLD, "to_bytes", nargs - 1, 0, 2) < 0 ||
        lx_bind(I, "to_bytes", args + 1, nargs - 1, kw, names, 3, v) < 0 ||
        (v[0] && lx_index_arg(I, v[0], &length) < 0))
        return NULL;
    int little, is_signed;
    if (byte_order_args(I, "to_bytes", v[1], v[2], &little, &is_signed) < 0)
        return NULL;
    if (length < 0)
        return lx_raise(I, LX_ValueError, "length argument must be non-negative");
    if (rc_is_type(args[0], &rc_bigint_type))
        return big_to_bytes(I, args[0], length, little, is_signed);
    int64_t x = int_self(args[0]);
    if (x < 0 && !is_signed)
        return lx_raise(I, LX_OverflowError, "can't convert negative int to unsigned");
    /* Does x fit in length bytes? */
    int fits = length >= 8 ? (is_signed || x >= 0)
               : is_signed ? (x >= -(INT64_C(1) << (8 * length - 1)) && x < (INT64_C(1) << (8 * length - 1)))
                           : (uint64_t)x < (UINT64_C(1) << (8 * length));
    if (length == 0)
        fits = x == 0;
    if (!fits)
        return lx_raise(I, LX_OverflowError, "int too big to convert");
    lx_buf b;
    char *p = bytes_buffer(I, &b, length);
    if (!p)
        return NULL;
    uint64_t u = (uint64_t)x;
    for (int64_t i = 0; i < length; i++) {
        unsigned char byte = i < 8 ? (unsigned char)(u >> (8 * i)) : (x < 0 ? 0xFF : 0);
        p[little ? i : length - 1 - i] = (char)byte;
    }
    return lx_buf_to_bytes(&b);
}

/* The bytes of from_bytes' argument: a bytes object's own, or gathered
 * from an iterable of ints in range(256) (bytearray, list) into *b. */
static const unsigned char *from_bytes_data(lx_interp *I, rc_object *src, lx_buf *b, size_t *len)
{
    if (rc_is_type(src, &rc_bytes_type)) {
        *len = rc_bytes_len(src);
        return rc_bytes_data(src);
    }
    if (lx_is_str(src))
        return lx_raise(I, LX_TypeError, "cannot convert '%s' object to bytes", lx_type_name(I, src)), NULL;
    rc_object *it = lx_iter(I, src), *item;
    while (it && (item = lx_next(I, it)) != NULL) {
        int64_t v;
        int rc = lx_index_arg(I, item, &v);
        rc_decref(item);
        if (rc == 0 && (v < 0 || v > 255))
            rc = (lx_raise(I, LX_ValueError, "bytes must be in range(0, 256)"), -1);
        char *p = rc == 0 ? lx_buf_extend(b, 1) : NULL;
        if (!p)
            break;
        *p = (char)v;
    }
    rc_xdecref(it);
    *len = b->len;
    return lx_exc_occurred(I) ? NULL : (const unsigned char *)(b->data ? b->data : "");
}

/* int.from_bytes(bytes, byteorder='big', *, signed=False), a class method. */
static rc_object *int_from_bytes(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"bytes", "byteorder", "signed"};
    rc_object *v[3];
    if (nargs - 1 > 2)                       /* signed is keyword-only */
        return lx_raise(I, LX_TypeError, "from_bytes() takes at most 2 positional arguments (%zu given)", nargs - 1);
    if (lx_bind(I, "from_bytes", args + 1, nargs - 1, kw, names, 3, v) < 0)
        return NULL;
    if (!v[0])
        return lx_raise(I, LX_TypeError, "from_bytes() missing required argument 'bytes' (pos 1)");
    int little, is_signed;
    if (byte_order_args(I, "from_bytes", v[1], v[2], &little, &is_signed) < 0)
        return NULL;
    lx_buf b;
    lx_buf_init(&b, I);
    size_t len = 0;
    const unsigned char *data = from_bytes_data(I, v[0], &b, &len);
    rc_object *r = data ? rc_bigint_from_bytes(lx_heap(I), data, len, little, is_signed) : NULL;
    lx_buf_free(&b);
    if (!r)
        return lx_exc_occurred(I) ? NULL : lx_raise_heap_error(I);
    if (args[0] == lx_type_of(I, r))
        return r;
    rc_object *made = lx_call(I, args[0], &r, 1, NULL);   /* bool.from_bytes, a subclass: cls(n) */
    rc_decref(r);
    return made;
}

/* The pair (a, b), taking both references (either may be NULL: then
 * NULL with the error). */
static rc_object *ratio_pair(lx_interp *I, rc_object *a, rc_object *b)
{
    rc_object *t = a && b ? rc_tuple_new(lx_heap(I), 2) : NULL;
    if (t) {
        rc_tuple_set(t, 0, a);
        rc_tuple_set(t, 1, b);
    }
    rc_xdecref(a);
    rc_xdecref(b);
    return t || lx_exc_occurred(I) ? t : lx_raise_heap_error(I);
}

/* (self, 1), self as a plain int. */
static rc_object *int_as_integer_ratio(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "int.as_integer_ratio", nargs, kw) < 0)
        return NULL;
    rc_object *self = rc_is_type(args[0], &rc_bool_type) ? lx_int(I, int_self(args[0]))
                                                        : (rc_incref(args[0]), args[0]);
    return ratio_pair(I, self, lx_int(I, 1));
}

const lx_func_def lx_int_methods[] = {
    {"as_integer_ratio", int_as_integer_ratio},
    {"bit_length", int_bit_length}, {"bit_count", int_bit_count},
    {"conjugate", int_conjugate},   {"to_bytes", int_to_bytes},
    {"from_bytes", int_from_bytes},
    {NULL, NULL},
};

static rc_object *float_is_integer(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "float.is_integer", nargs, kw) < 0)
        return NULL;
    double v = rc_float_value(args[0]);
    return rc_bool(isfinite(v) && floor(v) == v);
}

/* The exact fraction of a finite float, in lowest terms: its 53-bit
 * mantissa as an odd integer times a power of two. */
static rc_object *float_as_integer_ratio(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "float.as_integer_ratio", nargs, kw) < 0)
        return NULL;
    double v = rc_float_value(args[0]);
    if (isinf(v))
        return lx_raise(I, LX_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(v))
        return lx_raise(I, LX_ValueError, "cannot convert NaN to integer ratio");
    int e = 0;
    int64_t mant = (int64_t)ldexp(frexp(v, &e), 53);
    e -= 53;
    while (mant != 0 && mant % 2 == 0) {
        mant /= 2;
        e++;
    }
    if (mant == 0)
        e = 0;
    rc_heap *h = lx_heap(I);
    rc_object *m = lx_int(I, mant), *one = lx_int(I, 1);
    rc_object *num = m && e > 0 ? rc_bigint_lshift(h, m, (uint64_t)e) : (rc_xincref(m), m);
    rc_object *den = one && e < 0 ? rc_bigint_lshift(h, one, (uint64_t)-e) : (rc_xincref(one), one);
    rc_xdecref(m);
    rc_xdecref(one);
    return ratio_pair(I, num, den);
}

static rc_object *float_conjugate(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "float.conjugate", nargs, kw) < 0)
        return NULL;
    rc_incref(args[0]);
    return args[0];
}

/* float.hex(): '0x1.8000000000000p+0', as CPython (13 hex digits). */
static rc_object *float_hex(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "float.hex", nargs, kw) < 0)
        return NULL;
    double v = rc_float_value(args[0]);
    char buf[64];
    if (isnan(v) || isinf(v))
        return lx_float_repr(I, v);
    if (v == 0)
        snprintf(buf, sizeof buf, "%s0x0.0p+0", signbit(v) ? "-" : "");
    else
        snprintf(buf, sizeof buf, "%.13a", v);
    return lx_strz(I, buf);
}

const lx_func_def lx_float_methods[] = {
    {"as_integer_ratio", float_as_integer_ratio},
    {"is_integer", float_is_integer}, {"conjugate", float_conjugate},
    {"hex", float_hex},               {NULL, NULL},
};
