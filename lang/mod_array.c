/*
 * lang/mod_array.c — the `array` module: typed arrays of C numbers, with
 * CPython 3.11's behaviour, error messages and sys.getsizeof answers.
 *
 * Layout: an array keeps its items as raw C values (signed char, unsigned
 * short, double, ...) in one buffer rc_malloc'd in the interpreter's heap,
 * so the memory limit and the heap statistics see it.  Item i lives at
 * items + i * itemsize for 0 <= i < len; allocated >= len items fit in
 * the buffer (items is NULL when allocated is 0).
 *
 * Invariants:
 *   - the buffer grows and shrinks only through array_resize, which follows
 *     CPython's over-allocation (newsize + newsize / 16 + 3 or 7), so
 *     sys.getsizeof (80 + allocated * itemsize: 64 bytes of object and the
 *     collector's 16) matches CPython's; an array made at a known length
 *     (a list initializer, a + b, a * n, a slice) is allocated exactly;
 *   - a value is converted and range-checked before the array changes, so
 *     a failed store leaves the array as it was;
 *   - an array holds no object references: it is not collector-tracked,
 *     and its iterator (which holds the array) cannot be part of a cycle.
 *
 * An 'L' or 'Q' item above 2**63 - 1 reads as a big int, and a big int
 * stores into them when it fits in 64 unsigned bits; any other big int is
 * CPython's OverflowError for its typecode.  The 'u' typecode is refused
 * with NotImplementedError.  The type is registered at the first import.
 */
#include "methods_util.h"
#include "mod_util.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* ---- item kinds --------------------------------------------------------------------------- */

/* One accepted range of an integer kind and CPython's messages for values
 * outside it (checked in order: the first range is what CPython's argument
 * parser checks before the item's own range). */
typedef struct ar_range {
    int64_t lo;
    uint64_t hi;
    const char *below, *above;
} ar_range;

typedef struct ar_kind {
    char code;
    int itemsize;
    int is_float;
    int is_unsigned;
    ar_range ranges[2];        /* hi == 0 with lo == 0: no range */
} ar_kind;

#define SHORT_RANGE {SHRT_MIN, SHRT_MAX, "signed short integer is less than minimum", \
                     "signed short integer is greater than maximum"}
#define INT_RANGE {INT_MIN, INT_MAX, "signed integer is less than minimum", \
                   "signed integer is greater than maximum"}

static const ar_kind kinds[] = {
    {'b', 1, 0, 0, {SHORT_RANGE, {SCHAR_MIN, SCHAR_MAX, "signed char is less than minimum",
                                  "signed char is greater than maximum"}}},
    {'B', 1, 0, 1, {{0, UCHAR_MAX, "unsigned byte integer is less than minimum",
                     "unsigned byte integer is greater than maximum"}}},
    {'h', 2, 0, 0, {SHORT_RANGE}},
    {'H', 2, 0, 1, {INT_RANGE, {0, USHRT_MAX, "unsigned short is less than minimum",
                                "unsigned short is greater than maximum"}}},
    {'i', 4, 0, 0, {INT_RANGE}},
    {'I', 4, 0, 1, {{0, UINT_MAX, "can't convert negative value to unsigned int",
                     "unsigned int is greater than maximum"}}},
    {'l', 8, 0, 0, {{0, 0, NULL, NULL}}},
    {'L', 8, 0, 1, {{0, UINT64_MAX, "can't convert negative value to unsigned int", NULL}}},
    {'q', 8, 0, 0, {{0, 0, NULL, NULL}}},
    {'Q', 8, 0, 1, {{0, UINT64_MAX, "can't convert negative int to unsigned", NULL}}},
    {'f', 4, 1, 0, {{0, 0, NULL, NULL}}},
    {'d', 8, 1, 0, {{0, 0, NULL, NULL}}},
};

static const ar_kind *kind_of(char code)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].code == code)
            return &kinds[i];
    return NULL;
}

/* A converted item: an integer kind uses i (u for unsigned), a float kind d. */
typedef union ar_value {
    int64_t i;
    double d;
} ar_value;

static int check_ranges(lx_interp *I, const ar_kind *k, int64_t v)
{
    for (int r = 0; r < 2; r++) {
        const ar_range *rg = &k->ranges[r];
        if (!rg->below)
            continue;
        if (v < rg->lo) {
            lx_raise(I, LX_OverflowError, "%s", rg->below);
            return -1;
        }
        if (rg->above && (v < 0 ? 0 : (uint64_t)v > rg->hi)) {
            lx_raise(I, LX_OverflowError, "%s", rg->above);
            return -1;
        }
    }
    return 0;
}

/* A big int (outside int64) for an integer kind: the 64-bit unsigned kinds
 * take [2**63, 2**64); the rest is the OverflowError CPython words per
 * typecode ('I' and 'L' read it as a C unsigned long first). */
static int big_to_value(lx_interp *I, const ar_kind *k, rc_object *o, ar_value *out)
{
    int negative = rc_bigint_sign(o) < 0;
    unsigned char le[8];
    int fits_u64 = !negative && rc_bigint_to_bytes(o, le, 8, 1, 0) == 0;
    if (k->is_unsigned && k->itemsize == 8 && fits_u64) {
        uint64_t u = 0;
        for (int i = 7; i >= 0; i--)
            u = u << 8 | le[i];
        memcpy(&out->i, &u, 8);
        return 0;
    }
    if (negative && (k->code == 'I' || k->code == 'L' || k->code == 'Q'))
        lx_raise(I, LX_OverflowError, "%s", k->ranges[0].below);
    else if (k->code == 'q' || k->code == 'Q')
        lx_raise(I, LX_OverflowError, "int too big to convert");
    else if (k->code == 'I' && fits_u64)
        lx_raise(I, LX_OverflowError, "%s", k->ranges[0].above);
    else if (k->code == 'I' || k->code == 'L')
        lx_raise(I, LX_OverflowError, "Python int too large to convert to C unsigned long");
    else
        lx_raise(I, LX_OverflowError, "Python int too large to convert to C long");
    return -1;
}

/* Convert a script value for kind k: 0, or -1 with CPython's TypeError or
 * OverflowError. */
static int to_value(lx_interp *I, const ar_kind *k, rc_object *o, ar_value *out)
{
    if (k->is_float) {
        int64_t iv;
        if (o->type == &rc_float_type)
            out->d = rc_float_value(o);
        else if (lx_int_like(o, &iv))
            out->d = (double)iv;
        else if (o->type == &rc_bigint_type)
            return lx_int_to_double(I, o, &out->d);
        else {
            lx_raise(I, LX_TypeError, "must be real number, not %s", lx_type_name(I, o));
            return -1;
        }
        return 0;
    }
    if (o->type == &rc_bigint_type)
        return big_to_value(I, k, o, out);
    if (lx_index_value(I, o, &out->i) < 0)
        return -1;
    return check_ranges(I, k, out->i);
}

static void put_value(const ar_kind *k, char *dst, ar_value v)
{
    switch (k->code) {
    case 'b': { signed char x = (signed char)v.i; memcpy(dst, &x, 1); break; }
    case 'B': { unsigned char x = (unsigned char)v.i; memcpy(dst, &x, 1); break; }
    case 'h': { short x = (short)v.i; memcpy(dst, &x, 2); break; }
    case 'H': { unsigned short x = (unsigned short)v.i; memcpy(dst, &x, 2); break; }
    case 'i': { int x = (int)v.i; memcpy(dst, &x, 4); break; }
    case 'I': { unsigned x = (unsigned)v.i; memcpy(dst, &x, 4); break; }
    case 'f': { float x = (float)v.d; memcpy(dst, &x, 4); break; }
    case 'd': memcpy(dst, &v.d, 8); break;
    default: memcpy(dst, &v.i, 8); break;          /* l L q Q: 64-bit two's complement */
    }
}

/* The item at src as a script value (new reference). */
static rc_object *get_value(lx_interp *I, const ar_kind *k, const char *src)
{
    switch (k->code) {
    case 'b': { signed char x; memcpy(&x, src, 1); return lx_int(I, x); }
    case 'B': { unsigned char x; memcpy(&x, src, 1); return lx_int(I, x); }
    case 'h': { short x; memcpy(&x, src, 2); return lx_int(I, x); }
    case 'H': { unsigned short x; memcpy(&x, src, 2); return lx_int(I, x); }
    case 'i': { int x; memcpy(&x, src, 4); return lx_int(I, x); }
    case 'I': { unsigned x; memcpy(&x, src, 4); return lx_int(I, (int64_t)x); }
    case 'f': { float x; memcpy(&x, src, 4); return lx_float(I, x); }
    case 'd': { double x; memcpy(&x, src, 8); return lx_float(I, x); }
    default: break;
    }
    int64_t x;
    memcpy(&x, src, 8);
    if (k->is_unsigned && x < 0) {
        unsigned char le[8];
        uint64_t u = (uint64_t)x;
        for (int i = 0; i < 8; i++)
            le[i] = (unsigned char)(u >> (8 * i));
        rc_object *big = rc_bigint_from_bytes(lx_heap(I), le, 8, 1, 0);
        return big ? big : lx_raise_heap_error(I);
    }
    return lx_int(I, x);
}

/* ---- the buffer --------------------------------------------------------------------------- */

typedef struct ar_array {
    rc_object ob;
    const ar_kind *kind;
    char *items;
    rc_ssize len, allocated;
} ar_array;

static void array_destroy(rc_object *self)
{
    ar_array *a = (ar_array *)self;
    if (a->items)
        rc_free(rc_heap_of(self), a->items);
    a->items = NULL;
    a->len = a->allocated = 0;
}

static const rc_type array_type = {
    .name = "array.array", .size = sizeof(ar_array), .destroy = array_destroy,
};

#define ITEM(a, i) ((a)->items + (size_t)(i) * (size_t)(a)->kind->itemsize)

static int is_array(const rc_object *o)
{
    return o->type == &array_type;
}

/* Replace the buffer by one of cap items keeping the first len. */
static int set_capacity(lx_interp *I, ar_array *a, rc_ssize cap)
{
    if (cap > INTPTR_MAX / a->kind->itemsize) {
        lx_raise(I, LX_MemoryError, "%s", "");
        return -1;
    }
    char *items = rc_realloc(lx_heap(I), a->items, (size_t)cap * (size_t)a->kind->itemsize);
    if (!items) {
        mod_raise_nomem(I);
        return -1;
    }
    a->items = items;
    a->allocated = cap;
    return 0;
}

/* Make the array n items long (new items are garbage), over-allocating as
 * CPython does: a buffer that fits is kept unless it would waste 16 items. */
static int array_resize(lx_interp *I, ar_array *a, rc_ssize n)
{
    if (a->allocated >= n && a->len < n + 16 && a->items) {
        a->len = n;
        return 0;
    }
    if (n == 0) {
        array_destroy(&a->ob);
        return 0;
    }
    if (set_capacity(I, a, (n >> 4) + (a->len < 8 ? 3 : 7) + n) < 0)
        return -1;
    a->len = n;
    return 0;
}

/* A new array of n (garbage) items, allocated exactly. */
static ar_array *array_new(lx_interp *I, const ar_kind *k, rc_ssize n)
{
    ar_array *a = (ar_array *)rc_new(lx_heap(I), &array_type);
    if (!a)
        return (ar_array *)mod_raise_nomem(I);
    a->kind = k;
    a->items = NULL;
    a->len = a->allocated = 0;
    if (n > 0 && set_capacity(I, a, n) < 0) {
        rc_decref(&a->ob);
        return NULL;
    }
    a->len = n;
    return a;
}

/* Append n items of raw bytes at src, which must not point into a's own
 * buffer (the resize may move it). */
static int append_raw(lx_interp *I, ar_array *a, const void *src, rc_ssize n)
{
    rc_ssize old = a->len;
    if (n == 0)
        return 0;
    if (array_resize(I, a, old + n) < 0)
        return -1;
    memcpy(ITEM(a, old), src, (size_t)n * (size_t)a->kind->itemsize);
    return 0;
}

/* Append the bytes of b's items (b may be a itself) as items of a. */
static int append_array_bytes(lx_interp *I, ar_array *a, ar_array *b)
{
    size_t nbytes = (size_t)b->len * (size_t)b->kind->itemsize;
    if (b != a)
        return append_raw(I, a, b->items, (rc_ssize)(nbytes / (size_t)a->kind->itemsize));
    rc_ssize old = a->len;
    if (old == 0 || array_resize(I, a, 2 * old) < 0)
        return old == 0 ? 0 : -1;
    memcpy(ITEM(a, old), a->items, nbytes);
    return 0;
}

/* Put a value at index at, moving the tail up. */
static int insert_value(lx_interp *I, ar_array *a, rc_ssize at, rc_object *o)
{
    ar_value v;
    if (to_value(I, a->kind, o, &v) < 0 || array_resize(I, a, a->len + 1) < 0)
        return -1;
    memmove(ITEM(a, at + 1), ITEM(a, at), (size_t)(a->len - 1 - at) * (size_t)a->kind->itemsize);
    put_value(a->kind, ITEM(a, at), v);
    return 0;
}

/* Remove items [lo, hi). */
static int delete_range(lx_interp *I, ar_array *a, rc_ssize lo, rc_ssize hi)
{
    if (a->len > hi)
        memmove(ITEM(a, lo), ITEM(a, hi), (size_t)(a->len - hi) * (size_t)a->kind->itemsize);
    return array_resize(I, a, a->len - (hi - lo));
}

static ar_array *array_copy(lx_interp *I, ar_array *src)
{
    ar_array *a = array_new(I, src->kind, src->len);
    if (a && src->len)
        memcpy(a->items, src->items, (size_t)src->len * (size_t)src->kind->itemsize);
    return a;
}

/* ---- filling from script values ------------------------------------------------------------- */

/* Append every item of iterable (one resize per item, as CPython). */
static int extend_from_iterable(lx_interp *I, ar_array *a, rc_object *iterable)
{
    rc_object *it = lx_iter(I, iterable), *x;
    if (!it)
        return -1;
    int rc = 0;
    while (rc == 0 && (x = lx_next(I, it))) {
        rc = insert_value(I, a, a->len, x);
        rc_decref(x);
    }
    rc_decref(it);
    return rc == 0 && !lx_exc_occurred(I) ? 0 : -1;
}

/* extend(): an array of the same kind is copied in one piece. */
static int extend_from(lx_interp *I, ar_array *a, rc_object *src)
{
    if (!is_array(src))
        return extend_from_iterable(I, a, src);
    ar_array *b = (ar_array *)src;
    if (b->kind != a->kind) {
        lx_raise(I, LX_TypeError, "can only extend with array of same kind");
        return -1;
    }
    return append_array_bytes(I, a, b);
}

/* Store the n items of a list or tuple at start.. (room already made). */
static int store_sequence(lx_interp *I, ar_array *a, rc_ssize start, rc_object *seq, rc_ssize n)
{
    for (rc_ssize i = 0; i < n; i++) {
        rc_object *x = seq->type == &rc_list_type ? rc_list_get(seq, i) : rc_tuple_get(seq, i);
        ar_value v;
        if (to_value(I, a->kind, x, &v) < 0)
            return -1;
        put_value(a->kind, ITEM(a, start + i), v);
    }
    return 0;
}

static int append_bytes(lx_interp *I, ar_array *a, const void *data, size_t n)
{
    if (n % (size_t)a->kind->itemsize) {
        lx_raise(I, LX_ValueError, "bytes length not a multiple of item size");
        return -1;
    }
    return append_raw(I, a, data, (rc_ssize)(n / (size_t)a->kind->itemsize));
}

/* ---- construction --------------------------------------------------------------------------- */

static const ar_kind *typecode_arg(lx_interp *I, rc_object *o)
{
    if (o->type != &rc_str_type || rc_str_len(o) != 1) {
        lx_raise(I, LX_TypeError, "array() argument 1 must be a unicode character, not %s", lx_type_name(I, o));
        return NULL;
    }
    char c = rc_str_data(o)[0];
    const ar_kind *k = kind_of(c);
    if (!k && c == 'u')
        lx_raise(I, LX_NotImplementedError, "array typecode 'u' (wchar_t) is not supported");
    else if (!k)
        lx_raise(I, LX_ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
    return k;
}

/* A new array of kind k holding initial's items. */
static ar_array *array_from(lx_interp *I, const ar_kind *k, rc_object *initial)
{
    const rc_type *t = initial->type;
    if (t == &rc_str_type)
        return (ar_array *)lx_raise(I, LX_TypeError, "cannot use a str to initialize an array with typecode '%c'",
                                    k->code);
    if (is_array(initial) && ((ar_array *)initial)->kind == k)
        return array_copy(I, (ar_array *)initial);
    int seq = t == &rc_list_type || t == &rc_tuple_type;
    rc_ssize n = t == &rc_list_type ? rc_list_len(initial) : t == &rc_tuple_type ? rc_tuple_len(initial) : 0;
    ar_array *a = array_new(I, k, n);
    if (!a)
        return NULL;
    int rc = seq ? store_sequence(I, a, 0, initial, n)
           : t == &rc_bytes_type ? append_bytes(I, a, rc_bytes_data(initial), rc_bytes_len(initial))
           : extend_from_iterable(I, a, initial);
    if (rc < 0)
        RC_CLEAR(a);
    return a;
}

static rc_object *array_construct(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    if (kwargs && rc_dict_len(kwargs) > 0)
        return lx_raise(I, LX_TypeError, "array.array() takes no keyword arguments");
    if (nargs < 1 || nargs > 2)
        return lx_raise(I, LX_TypeError, "array() takes at %s %d argument%s (%zu given)",
                        nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s", nargs);
    const ar_kind *k = typecode_arg(I, args[0]);
    if (!k)
        return NULL;
    if (nargs == 1)
        return (rc_object *)array_new(I, k, 0);
    return (rc_object *)array_from(I, k, args[1]);
}

/* ---- items and slices ------------------------------------------------------------------------- */

/* An index (negative counts from the end) checked against the length. */
static int item_index(lx_interp *I, ar_array *a, rc_object *key, const char *range_msg, rc_ssize *out)
{
    int64_t i;
    if (lx_index_value(I, key, &i) < 0) {
        if (lx_exc_matches(I, LX_TypeError)) {
            lx_exc_clear(I);
            lx_raise(I, LX_TypeError, "array indices must be integers");
        }
        return -1;
    }
    if (i < 0)
        i += a->len;
    if (i < 0 || i >= a->len) {
        lx_raise(I, LX_IndexError, "%s", range_msg);
        return -1;
    }
    *out = (rc_ssize)i;
    return 0;
}

static rc_object *get_slice(lx_interp *I, ar_array *a, rc_object *slice)
{
    rc_ssize start, stop, step, n;
    if (lx_slice_indices(I, slice, a->len, &start, &stop, &step, &n) < 0)
        return NULL;
    ar_array *r = array_new(I, a->kind, n);
    for (rc_ssize i = 0; r && i < n; i++)
        memcpy(ITEM(r, i), ITEM(a, start + i * step), (size_t)a->kind->itemsize);
    return (rc_object *)r;
}

static rc_object *array_getitem(lx_interp *I, rc_object *self, rc_object *key)
{
    ar_array *a = (ar_array *)self;
    if (lx_is_slice(key))
        return get_slice(I, a, key);
    rc_ssize i;
    if (item_index(I, a, key, "array index out of range", &i) < 0)
        return NULL;
    return get_value(I, a->kind, ITEM(a, i));
}

/* del a[start:stop:step] of n items. */
static int delete_slice(lx_interp *I, ar_array *a, rc_ssize start, rc_ssize step, rc_ssize n)
{
    if (n == 0)
        return 0;
    if (step < 0) {                                 /* the same items, walked upwards */
        start += (n - 1) * step;
        step = -step;
    }
    if (step == 1)
        return delete_range(I, a, start, start + n);
    size_t size = (size_t)a->kind->itemsize;
    rc_ssize to = start;
    for (rc_ssize from = start; from < a->len; from++)
        if (from < start + n * step && (from - start) % step == 0)
            continue;
        else
            memmove(ITEM(a, to++), ITEM(a, from), size);
    return array_resize(I, a, to);
}

/* a[start:stop] = b for a plain slice: the tail moves by the difference. */
static int replace_range(lx_interp *I, ar_array *a, rc_ssize start, rc_ssize n, ar_array *b)
{
    size_t size = (size_t)a->kind->itemsize;
    rc_ssize old = a->len, tail = old - start - n;
    if (b->len > n && array_resize(I, a, old + b->len - n) < 0)
        return -1;
    if (tail)
        memmove(ITEM(a, start + b->len), ITEM(a, start + n), (size_t)tail * size);
    if (b->len)   /* an empty array may have no buffer at all */
        memcpy(ITEM(a, start), b->items, (size_t)b->len * size);
    return b->len < n ? array_resize(I, a, old + b->len - n) : 0;
}

static int set_slice(lx_interp *I, ar_array *a, rc_object *slice, rc_object *value)
{
    rc_ssize start, stop, step, n;
    if (lx_slice_indices(I, slice, a->len, &start, &stop, &step, &n) < 0)
        return -1;
    if (!value)
        return delete_slice(I, a, start, step, n);
    if (!is_array(value)) {
        lx_raise(I, LX_TypeError, "can only assign array (not \"%s\") to array slice", lx_type_name(I, value));
        return -1;
    }
    ar_array *b = (ar_array *)value;
    if (b->kind != a->kind) {
        lx_raise(I, LX_TypeError, "bad argument type for built-in operation");
        return -1;
    }
    if (step == 1 || (step != 1 && b->len == 0 && n == 0)) {
        ar_array *copy = b == a ? array_copy(I, b) : b;
        int rc = copy ? replace_range(I, a, start, n, copy) : -1;
        if (copy && copy != b)
            rc_decref(&copy->ob);
        return rc;
    }
    if (b->len == 0)
        return delete_slice(I, a, start, step, n);
    if (b->len != n) {
        lx_raise(I, LX_ValueError, "attempt to assign array of size %zd to extended slice of size %zd",
                 (size_t)b->len, (size_t)n);
        return -1;
    }
    for (rc_ssize i = 0; i < n; i++)               /* b == a: each item goes to its own place */
        memmove(ITEM(a, start + i * step), ITEM(b, i), (size_t)a->kind->itemsize);
    return 0;
}

static int array_setitem(lx_interp *I, rc_object *self, rc_object *key, rc_object *value)
{
    ar_array *a = (ar_array *)self;
    if (lx_is_slice(key))
        return set_slice(I, a, key, value);
    rc_ssize i;
    ar_value v;
    if (item_index(I, a, key, "array assignment index out of range", &i) < 0)
        return -1;
    if (!value)
        return delete_range(I, a, i, i + 1);
    if (to_value(I, a->kind, value, &v) < 0)
        return -1;
    put_value(a->kind, ITEM(a, i), v);
    return 0;
}

static int array_delitem(lx_interp *I, rc_object *self, rc_object *key)
{
    return array_setitem(I, self, key, NULL);
}

static rc_ssize array_len(lx_interp *I, rc_object *self)
{
    (void)I;
    return ((ar_array *)self)->len;
}

/* The first index in [start, stop) whose item equals x, -1 when none, -2
 * with an exception. */
static rc_ssize array_find(lx_interp *I, ar_array *a, rc_object *x, rc_ssize start, rc_ssize stop)
{
    for (rc_ssize i = start; i < stop && i < a->len; i++) {
        rc_object *item = get_value(I, a->kind, ITEM(a, i));
        int eq = item ? lx_eq(I, item, x) : -1;
        rc_xdecref(item);
        if (eq < 0)
            return -2;
        if (eq)
            return i;
    }
    return -1;
}

static int array_contains(lx_interp *I, rc_object *self, rc_object *item)
{
    rc_ssize i = array_find(I, (ar_array *)self, item, 0, ((ar_array *)self)->len);
    return i == -2 ? -1 : i >= 0;
}

/* ---- iteration ---------------------------------------------------------------------------- */

typedef struct ar_iter {
    rc_object ob;
    ar_array *array;           /* NULL once exhausted */
    rc_ssize next;
} ar_iter;

static void iter_destroy(rc_object *self)
{
    ar_iter *it = (ar_iter *)self;
    rc_object *a = it->array ? &it->array->ob : NULL;
    it->array = NULL;
    rc_xdecref(a);
}

static const rc_type iter_type = {
    .name = "array.arrayiterator", .size = sizeof(ar_iter), .destroy = iter_destroy,
};

static rc_object *array_iter(lx_interp *I, rc_object *self)
{
    ar_iter *it = (ar_iter *)rc_new(lx_heap(I), &iter_type);
    if (!it)
        return mod_raise_nomem(I);
    rc_incref(self);
    it->array = (ar_array *)self;
    it->next = 0;
    return &it->ob;
}

static rc_object *iter_next(lx_interp *I, rc_object *self)
{
    ar_iter *it = (ar_iter *)self;
    if (!it->array)
        return NULL;
    if (it->next >= it->array->len) {
        iter_destroy(self);
        return NULL;
    }
    return get_value(I, it->array->kind, ITEM(it->array, it->next++));
}

static rc_object *iter_self(lx_interp *I, rc_object *self)
{
    (void)I;
    rc_incref(self);
    return self;
}

static const lx_type_slots iter_slots = {
    .type = &iter_type, .name = "arrayiterator", .module = "array", .iter = iter_self, .next = iter_next,
};

/* ---- methods ------------------------------------------------------------------------------ */

#define SELF ((ar_array *)a[0])

static rc_object *none_or_null(int rc)
{
    return rc < 0 ? NULL : rc_none();
}

static rc_object *m_append(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "array.append", kw) < 0 || lx_arity(I, LX_ARITY_METHOD, "array.append", n - 1, 1, 1) < 0)
        return NULL;
    return none_or_null(insert_value(I, SELF, SELF->len, a[1]));
}

static rc_object *m_extend(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "extend", n - 1, kw, 1, 1) < 0)
        return NULL;
    return none_or_null(extend_from(I, SELF, a[1]));
}

/* An insert / index position clipped to [0, len] as lists clip it. */
static int clip_position(lx_interp *I, rc_object *o, rc_ssize len, rc_ssize *out)
{
    int64_t v;
    if (lx_index_value(I, o, &v) < 0)
        return -1;
    if (v < 0)
        v = v + len < 0 ? 0 : v + len;
    *out = v > len ? len : (rc_ssize)v;
    return 0;
}

static rc_object *m_insert(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    rc_ssize at;
    if (mod_check_args(I, "insert", n - 1, kw, 2, 2) < 0 || clip_position(I, a[1], SELF->len, &at) < 0)
        return NULL;
    return none_or_null(insert_value(I, SELF, at, a[2]));
}

static rc_object *m_pop(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t i = -1;
    if (mod_check_args(I, "pop", n - 1, kw, 0, 1) < 0 || (n > 1 && lx_index_value(I, a[1], &i) < 0))
        return NULL;
    if (SELF->len == 0)
        return lx_raise(I, LX_IndexError, "pop from empty array");
    if (i < 0)
        i += SELF->len;
    if (i < 0 || i >= SELF->len)
        return lx_raise(I, LX_IndexError, "pop index out of range");
    rc_object *x = get_value(I, SELF->kind, ITEM(SELF, i));
    if (x && delete_range(I, SELF, (rc_ssize)i, (rc_ssize)i + 1) < 0)
        RC_CLEAR(x);
    return x;
}

static rc_object *m_remove(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "remove", n - 1, kw, 1, 1) < 0)
        return NULL;
    rc_ssize i = array_find(I, SELF, a[1], 0, SELF->len);
    if (i == -2)
        return NULL;
    if (i == -1)
        return lx_raise(I, LX_ValueError, "array.remove(x): x not in array");
    return none_or_null(delete_range(I, SELF, i, i + 1));
}

static rc_object *m_index(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    rc_ssize start = 0, stop = SELF->len;
    if (mod_check_args(I, "index", n - 1, kw, 1, 3) < 0 || (n > 2 && clip_position(I, a[2], SELF->len, &start) < 0) ||
        (n > 3 && clip_position(I, a[3], SELF->len, &stop) < 0))
        return NULL;
    rc_ssize i = array_find(I, SELF, a[1], start, stop);
    if (i == -1)
        return lx_raise(I, LX_ValueError, "array.index(x): x not in array");
    return i == -2 ? NULL : lx_int(I, i);
}

static rc_object *m_count(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "count", n - 1, kw, 1, 1) < 0)
        return NULL;
    int64_t count = 0;
    rc_ssize i = 0;
    while ((i = array_find(I, SELF, a[1], i, SELF->len)) >= 0) {
        count++;
        i++;
    }
    return i == -2 ? NULL : lx_int(I, count);
}

static void swap_items(ar_array *arr, rc_ssize i, rc_ssize j)
{
    char tmp[8];
    size_t size = (size_t)arr->kind->itemsize;
    memcpy(tmp, ITEM(arr, i), size);
    memcpy(ITEM(arr, i), ITEM(arr, j), size);
    memcpy(ITEM(arr, j), tmp, size);
}

static rc_object *m_reverse(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "reverse", n - 1, kw, 0, 0) < 0)
        return NULL;
    for (rc_ssize i = 0, j = SELF->len - 1; i < j; i++, j--)
        swap_items(SELF, i, j);
    return rc_none();
}

static rc_object *array_to_list(lx_interp *I, ar_array *arr)
{
    rc_object *l = lx_list_new(I);
    for (rc_ssize i = 0; l && i < arr->len; i++)
        if (lx_list_append_steal(I, l, get_value(I, arr->kind, ITEM(arr, i))) < 0)
            RC_CLEAR(l);
    return l;
}

static rc_object *m_tolist(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "tolist", n - 1, kw, 0, 0) < 0)
        return NULL;
    return array_to_list(I, SELF);
}

static rc_object *m_tobytes(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "tobytes", n - 1, kw, 0, 0) < 0)
        return NULL;
    rc_object *b = rc_bytes_new(lx_heap(I), SELF->items, (size_t)SELF->len * (size_t)SELF->kind->itemsize);
    return b ? b : mod_raise_nomem(I);
}

static rc_object *m_frombytes(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "frombytes", n - 1, kw, 1, 1) < 0)
        return NULL;
    rc_object *src = a[1];
    if (is_array(src)) {                          /* a buffer of bytes: only 'b' and 'B' arrays */
        ar_array *b = (ar_array *)src;
        if (b->kind->itemsize != 1)
            return lx_raise(I, LX_TypeError, "a bytes-like object is required");
        return none_or_null(append_array_bytes(I, SELF, b));
    }
    if (src->type != &rc_bytes_type)
        return lx_raise(I, LX_TypeError, "a bytes-like object is required, not '%s'", lx_type_name(I, src));
    return none_or_null(append_bytes(I, SELF, rc_bytes_data(src), rc_bytes_len(src)));
}

static rc_object *m_fromlist(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "fromlist", n - 1, kw, 1, 1) < 0)
        return NULL;
    if (a[1]->type != &rc_list_type)
        return lx_raise(I, LX_TypeError, "arg must be list");
    rc_ssize old = SELF->len, count = rc_list_len(a[1]);
    if (count == 0)
        return rc_none();
    if (array_resize(I, SELF, old + count) < 0)
        return NULL;
    if (store_sequence(I, SELF, old, a[1], count) < 0) {
        rc_object *exc = lx_exc_fetch(I);
        array_resize(I, SELF, old);
        lx_exc_restore(I, exc);
        return NULL;
    }
    return rc_none();
}

static rc_object *m_buffer_info(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "buffer_info", n - 1, kw, 0, 0) < 0)
        return NULL;
    int64_t v[2] = {(int64_t)(uintptr_t)SELF->items, SELF->len};
    return mod_int_tuple(I, v, 2);
}

static rc_object *m_byteswap(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "byteswap", n - 1, kw, 0, 0) < 0)
        return NULL;
    int size = SELF->kind->itemsize;
    for (rc_ssize i = 0; i < SELF->len; i++) {
        char *p = ITEM(SELF, i);
        for (int lo = 0, hi = size - 1; lo < hi; lo++, hi--) {
            char t = p[lo];
            p[lo] = p[hi];
            p[hi] = t;
        }
    }
    return rc_none();
}

/* What the object and its buffer take, without the collector's header. */
static size_t array_bytes(ar_array *arr)
{
    return 64 + (size_t)arr->allocated * (size_t)arr->kind->itemsize;
}

static size_t array_getsizeof(lx_interp *I, rc_object *self)
{
    (void)I;
    return array_bytes((ar_array *)self) + 16;
}

static rc_object *m_sizeof(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "__sizeof__", n - 1, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)array_bytes(SELF));
}

static rc_object *m_copy(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)n;
    (void)kw;
    return (rc_object *)array_copy(I, SELF);
}

static rc_object *m_unicode(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw, const char *name)
{
    (void)a;
    (void)n;
    (void)kw;
    return lx_raise(I, LX_ValueError, "%s() may only be called on unicode type arrays", name);
}

static rc_object *m_tounicode(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return m_unicode(I, a, n, kw, "tounicode");
}

static rc_object *m_fromunicode(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return m_unicode(I, a, n, kw, "fromunicode");
}

/* ---- operators ---------------------------------------------------------------------------- */

static rc_object *op_add(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)n;
    (void)kw;
    if (!is_array(a[1]))
        return lx_raise(I, LX_TypeError, "can only append array (not \"%s\") to array", lx_type_name(I, a[1]));
    ar_array *b = (ar_array *)a[1];
    if (b->kind != SELF->kind)
        return lx_raise(I, LX_TypeError, "bad argument type for built-in operation");
    ar_array *r = array_new(I, SELF->kind, SELF->len + b->len);
    if (r) {
        size_t size = (size_t)SELF->kind->itemsize;
        if (SELF->len)   /* an empty array may have no buffer at all */
            memcpy(r->items, SELF->items, (size_t)SELF->len * size);
        if (b->len)
            memcpy(ITEM(r, SELF->len), b->items, (size_t)b->len * size);
    }
    return (rc_object *)r;
}

static rc_object *op_iadd(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)n;
    (void)kw;
    if (!is_array(a[1]))
        return lx_raise(I, LX_TypeError, "can only extend array with array (not \"%s\")", lx_type_name(I, a[1]));
    if (extend_from(I, SELF, a[1]) < 0)
        return NULL;
    rc_incref(a[0]);
    return a[0];
}

/* Copy the first len items of arr over the next (times - 1) * len items. */
static void repeat_items(ar_array *arr, rc_ssize len, rc_ssize times)
{
    size_t chunk = (size_t)len * (size_t)arr->kind->itemsize;
    for (rc_ssize k = 1; k < times; k++)
        memcpy(arr->items + (size_t)k * chunk, arr->items, chunk);
}

/* The repeat count of a * n: 1 with *times set (negative counts as 0), 0
 * when n is not an integer. */
static int repeat_count(rc_object *o, rc_ssize *times)
{
    int64_t v;
    if (!lx_int_like(o, &v))
        return 0;
    *times = v < 0 ? 0 : (rc_ssize)v;
    return 1;
}

static rc_object *repeat(lx_interp *I, ar_array *arr, rc_ssize times)
{
    if (times > 0 && arr->len > INTPTR_MAX / arr->kind->itemsize / times)
        return lx_raise(I, LX_MemoryError, "%s", "");
    ar_array *r = array_new(I, arr->kind, arr->len * times);
    if (r && arr->len && times) {
        memcpy(r->items, arr->items, (size_t)arr->len * (size_t)arr->kind->itemsize);
        repeat_items(r, arr->len, times);
    }
    return (rc_object *)r;
}

static rc_object *op_mul(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)n;
    (void)kw;
    rc_ssize times;
    if (!repeat_count(a[1], &times))
        return lx_raise(I, LX_TypeError, "can't multiply sequence by non-int of type '%s'", lx_type_name(I, a[1]));
    return repeat(I, SELF, times);
}

static rc_object *op_rmul(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)n;
    (void)kw;
    rc_ssize times;
    if (!repeat_count(a[1], &times)) {          /* a sequence on the left takes the array as its count */
        const rc_type *t = a[1]->type;
        int seq = t == &rc_str_type || t == &rc_bytes_type || t == &rc_list_type || t == &rc_tuple_type;
        return lx_raise(I, LX_TypeError, "can't multiply sequence by non-int of type '%s'",
                        seq ? "array.array" : lx_type_name(I, a[1]));
    }
    return repeat(I, SELF, times);
}

static rc_object *op_imul(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)n;
    (void)kw;
    rc_ssize times, len = SELF->len;
    if (!repeat_count(a[1], &times))
        return lx_raise(I, LX_TypeError, "can't multiply sequence by non-int of type '%s'", lx_type_name(I, a[1]));
    if (len > 0 && times != 1) {
        if (times > 0 && len > INTPTR_MAX / SELF->kind->itemsize / times)
            return lx_raise(I, LX_MemoryError, "%s", "");
        if (array_resize(I, SELF, len * times) < 0)
            return NULL;
        repeat_items(SELF, len, times);
    }
    rc_incref(a[0]);
    return a[0];
}

#undef SELF

static const lx_func_def array_methods[] = {
    {"append", m_append}, {"extend", m_extend}, {"insert", m_insert}, {"pop", m_pop},
    {"remove", m_remove}, {"index", m_index}, {"count", m_count}, {"reverse", m_reverse},
    {"tolist", m_tolist}, {"tobytes", m_tobytes}, {"frombytes", m_frombytes},
    {"fromlist", m_fromlist}, {"buffer_info", m_buffer_info}, {"byteswap", m_byteswap},
    {"tounicode", m_tounicode}, {"fromunicode", m_fromunicode},
    {"__sizeof__", m_sizeof}, {"__copy__", m_copy}, {"__deepcopy__", m_copy},
    {"__add__", op_add}, {"__iadd__", op_iadd}, {"__mul__", op_mul}, {"__rmul__", op_rmul},
    {"__imul__", op_imul},
    {NULL, NULL},
};

/* ---- repr, attributes, comparison ------------------------------------------------------------ */

static rc_object *array_repr(lx_interp *I, rc_object *self)
{
    ar_array *arr = (ar_array *)self;
    char head[16];
    snprintf(head, sizeof head, "array('%c'", arr->kind->code);
    if (arr->len == 0) {
        char empty[] = "array('?')";
        empty[7] = arr->kind->code;
        return lx_strz(I, empty);
    }
    rc_object *l = array_to_list(I, arr);
    rc_object *body = l ? lx_repr(I, l) : NULL;
    rc_xdecref(l);
    if (!body)
        return NULL;
    lx_buf b;
    lx_buf_init(&b, I);
    int rc = lx_buf_put(&b, head, strlen(head)) < 0 || lx_buf_put(&b, ", ", 2) < 0 ||
             lx_buf_put_str(&b, body) < 0 || lx_buf_putc(&b, ')') < 0 ? -1 : 0;
    rc_decref(body);
    if (rc == 0)
        return lx_buf_to_str(&b);
    lx_buf_free(&b);
    return NULL;
}

static rc_object *array_getattr(lx_interp *I, rc_object *self, const char *name)
{
    ar_array *arr = (ar_array *)self;
    if (!strcmp(name, "typecode"))
        return lx_str_new(I, &arr->kind->code, 1);
    if (!strcmp(name, "itemsize"))
        return lx_int(I, arr->kind->itemsize);
    return NULL;
}

/* Arrays compare as lists of their items: the first unequal pair decides,
 * else the lengths. */
static int array_compare(lx_interp *I, rc_object *self, rc_object *other, lx_cmp op)
{
    if (!is_array(other))
        return -2;
    ar_array *a = (ar_array *)self, *b = (ar_array *)other;
    if (a->len != b->len && (op == LX_CMP_EQ || op == LX_CMP_NE))
        return op == LX_CMP_NE;
    rc_object *x = NULL, *y = NULL;
    rc_ssize i;
    int r = 1;
    for (i = 0; i < a->len && i < b->len; i++) {
        x = get_value(I, a->kind, ITEM(a, i));
        y = x ? get_value(I, b->kind, ITEM(b, i)) : NULL;
        r = y ? lx_eq(I, x, y) : -1;
        if (r != 1)
            break;
        RC_CLEAR(x);
        RC_CLEAR(y);
    }
    if (r == 1) {                                   /* every common item equal: the lengths decide */
        rc_object *la = lx_int(I, a->len), *lb = la ? lx_int(I, b->len) : NULL;
        int c = lb ? lx_compare(I, la, lb, op) : -1;
        rc_xdecref(la);
        rc_xdecref(lb);
        return c;
    }
    if (r == 0)
        r = op == LX_CMP_EQ ? 0 : op == LX_CMP_NE ? 1 : lx_compare(I, x, y, op);
    rc_xdecref(x);
    rc_xdecref(y);
    return r;
}

static const lx_type_slots array_slots = {
    .type = &array_type, .name = "array", .module = "array", .repr = array_repr, .iter = array_iter,
    .len = array_len, .contains = array_contains, .methods = array_methods, .getattr = array_getattr,
    .compare = array_compare, .getitem = array_getitem, .setitem = array_setitem,
    .delitem = array_delitem, .construct = array_construct, .getsizeof = array_getsizeof,
};

/* ---- the module --------------------------------------------------------------------------- */

static int register_types(lx_interp *I)
{
    return lx_register_type(I, &array_slots) < 0 || lx_register_type(I, &iter_slots) < 0 ? -1 : 0;
}

/* The class object of arrays (a new reference), found through an instance. */
static rc_object *array_class(lx_interp *I)
{
    ar_array *probe = array_new(I, &kinds[0], 0);
    rc_object *cls = probe ? lx_type_of(I, &probe->ob) : NULL;
    if (cls)
        rc_incref(cls);
    rc_xdecref(probe ? &probe->ob : NULL);
    return cls;
}

rc_object *lx_mod_array_init(lx_interp *I)
{
    static const lx_func_def none[] = {{NULL, NULL}};
    rc_object *m = register_types(I) < 0 ? NULL : lx_module_new(I, "array", none);
    rc_object *cls = m ? array_class(I) : NULL;
    if (!cls) {
        rc_xdecref(m);
        return NULL;
    }
    int rc = lx_module_set(I, m, "array", cls) < 0 || lx_module_set(I, m, "ArrayType", cls) < 0 ||
             mod_set_new(I, m, "typecodes", lx_strz(I, "bBuhHiIlLqQfd")) < 0 ? -1 : 0;
    rc_decref(cls);
    if (rc < 0)
        RC_CLEAR(m);
    return m;
}
