/*
 * bigint.c — integers of any size: the rc_bigint_* operations, which take
 * any int (rc_int_type, rc_bool_type or rc_bigint_type) and give back an
 * exact result.
 *
 * Representation.  A value that fits in int64_t is always an ordinary
 * rc_int_type object (so the small-int cache, identity of small ints and
 * the interpreters' int64 fast paths are untouched: none of them ever sees
 * a big int).  A value outside int64_t is an rc_bigint_type object:
 * {rc_object, size, digits[]} with |size| 30-bit digits, least significant
 * first, the top one non-zero, size < 0 for a negative value.  30-bit
 * digits, as CPython's, make a product of two digits plus carries fit in a
 * uint64_t, and let sys.getsizeof report CPython's 24 + 4 * ndigits.
 *
 * Invariant: every operation normalizes its result (finish()): a result
 * that fits in int64_t comes back as rc_int_new's object, so one value has
 * exactly one representation and equality never has to mix them.
 *
 * Working form.  Operations read their operands as `num` views (digits,
 * count without leading zeros, sign): an int64 operand is spelled into a
 * 3-digit buffer on the stack.  Sums, products, shifts and quotients are
 * computed in their result objects (new_result, then settle(), which
 * normalizes); other scratch buffers come from malloc and are freed before
 * returning, except division's working copy, which the heap keeps between
 * divisions (h->bigint_work).
 *
 * Algorithms: schoolbook addition and subtraction, schoolbook
 * multiplication (rows over the shorter operand) with Karatsuba above
 * KARATSUBA_CUTOFF digits, Knuth's
 * algorithm D for division, left-to-right binary powering, two's
 * complement per digit for & | ^ of negative values, quadratic conversion
 * to and from decimal (CPython limits decimal strings to 4300 digits by
 * default), linear conversion for power-of-two bases.
 *
 * Hash: CPython's, sign * (|n| mod (2**61 - 1)) with -1 changed to -2; the
 * int64 hash in int.c and the float hash in float.c follow the same rule
 * so that 2**70 == 2.0**70 hash alike.
 */
#define RC_BUILDING_LIBRARY 1
#include "../internal.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define DIGIT_BITS 30
#define DIGIT_BASE ((uint64_t)1 << DIGIT_BITS)
#define DIGIT_MASK ((uint32_t)(DIGIT_BASE - 1))
#define MAX_DIGITS ((size_t)1 << 31)       /* about 64 billion bits: past it, RC_ENOMEM */
#define KARATSUBA_CUTOFF 70
#define WORK_KEEP_DIGITS ((size_t)1 << 20) /* the heap keeps a division buffer up to 4 MB */
#define HASH_MODULUS (((uint64_t)1 << 61) - 1)

typedef uint32_t digit;
typedef rc_bigint_object big;

const rc_type rc_bigint_type;
static int64_t bigint_hash(rc_object *self);
static int bigint_eq(rc_object *self, rc_object *other);

const rc_type rc_bigint_type = {
    .name = "int", .size = offsetof(big, digits), .itemsize = sizeof(digit),
    .hash = bigint_hash, .eq = bigint_eq,
};

/* A read-only or scratch view of a value: n digits (no leading zeros; 0 is
 * n == 0), neg set only when n > 0. */
typedef struct num {
    digit *d;
    size_t n;
    int neg;
} num;

static int is_small(const rc_object *o)
{
    return o->type == &rc_int_type || o->type == &rc_bool_type;
}

static size_t trim(const digit *d, size_t n)
{
    while (n && d[n - 1] == 0)
        n--;
    return n;
}

static size_t u64_to_digits(uint64_t m, digit out[3])
{
    size_t n = 0;
    while (m) {
        out[n++] = (digit)(m & DIGIT_MASK);
        m >>= DIGIT_BITS;
    }
    return n;
}

/* View o (any int); buf holds the digits of an int64 value. */
static num view(const rc_object *o, digit buf[3])
{
    num x;
    if (is_small(o)) {
        int64_t v = rc_int_value_fast(o);
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        x.d = buf;
        x.n = u64_to_digits(m, buf);
        x.neg = v < 0;
    } else {
        const big *b = (const big *)o;
        x.d = (digit *)b->digits;
        x.n = (size_t)(b->size < 0 ? -b->size : b->size);
        x.neg = b->size < 0;
    }
    return x;
}

static void *scratch(rc_heap *h, size_t ndigits)
{
    if (ndigits >= MAX_DIGITS) {
        rc__heap_set_error(h, RC_ENOMEM, "integer too large");
        return NULL;
    }
    digit *d = calloc(ndigits + 1, sizeof(digit));
    if (!d)
        rc__heap_set_error(h, RC_ENOMEM, "out of memory for an integer of %zu digits", ndigits);
    return d;
}

/* The magnitude as a uint64_t, if it has at most 64 bits. */
static int fits_u64(const digit *d, size_t n, uint64_t *out)
{
    if (n > 3 || (n == 3 && d[2] >= 16))
        return 0;
    uint64_t m = 0;
    for (size_t i = n; i-- > 0;)
        m = (m << DIGIT_BITS) | d[i];
    *out = m;
    return 1;
}

/* The value of magnitude d[0..n) (trimmed) with sign neg, if it fits in
 * int64_t. */
static int small_value(const digit *d, size_t n, int neg, int64_t *out)
{
    uint64_t m;
    if (!fits_u64(d, n, &m))
        return 0;
    if (!neg && m <= (uint64_t)INT64_MAX)
        *out = (int64_t)m;
    else if (neg && m <= (uint64_t)1 << 63)
        *out = m == (uint64_t)1 << 63 ? INT64_MIN : -(int64_t)m;
    else
        return 0;
    return 1;
}

/* The int object for digits d[0..n) with sign neg: a small int when it
 * fits in int64_t, else a new big int.  d is the caller's. */
static rc_object *finish(rc_heap *h, const digit *d, size_t n, int neg)
{
    n = trim(d, n);
    int64_t v;
    if (small_value(d, n, neg, &v))
        return rc_int_new(h, v);
    big *b = (big *)rc__object_alloc(h, &rc_bigint_type, offsetof(big, digits) + n * sizeof(digit));
    if (!b)
        return NULL;
    b->size = neg ? -(int64_t)n : (int64_t)n;
    memcpy(b->digits, d, n * sizeof(digit));
    return &b->ob;
}

/* A result computed in place: a new big int with room for n digits, all
 * zero (object blocks come zeroed), its size still 0.  settle() then
 * gives it its sign and size. */
static big *new_result(rc_heap *h, size_t n)
{
    if (n >= MAX_DIGITS) {
        rc__heap_set_error(h, RC_ENOMEM, "integer too large");
        return NULL;
    }
    return (big *)rc__object_alloc(h, &rc_bigint_type, offsetof(big, digits) + n * sizeof(digit));
}

/* new_result's object holding n digits with sign neg, normalized: swapped
 * for the small int when the value fits in int64_t. */
static rc_object *settle(rc_heap *h, big *b, size_t n, int neg)
{
    n = trim(b->digits, n);
    int64_t v;
    if (small_value(b->digits, n, neg, &v)) {
        rc_decref(&b->ob);
        return rc_int_new(h, v);
    }
    b->size = neg ? -(int64_t)n : (int64_t)n;
    return &b->ob;
}

/* finish() and free the scratch buffer. */
static rc_object *finish_free(rc_heap *h, digit *d, size_t n, int neg)
{
    rc_object *r = finish(h, d, n, neg);
    free(d);
    return r;
}

static int check_ints(rc_heap *h, const rc_object *a, const rc_object *b)
{
    if (a && (is_small(a) || a->type == &rc_bigint_type) &&
        (!b || is_small(b) || b->type == &rc_bigint_type))
        return 1;
    rc__heap_set_error(h, RC_ETYPE, "expected int operands");
    return 0;
}

/* ---- magnitudes ------------------------------------------------------------------------ */

static int mag_cmp(const digit *a, size_t na, const digit *b, size_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    for (size_t i = na; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* r = a + b; r has room for max(na, nb) + 1 digits (may alias a). */
static size_t mag_add(digit *r, const digit *a, size_t na, const digit *b, size_t nb)
{
    if (na < nb) {
        const digit *t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    uint32_t carry = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        uint32_t s = a[i] + b[i] + carry;
        r[i] = s & DIGIT_MASK;
        carry = s >> DIGIT_BITS;
    }
    for (; i < na; i++) {
        uint32_t s = a[i] + carry;
        r[i] = s & DIGIT_MASK;
        carry = s >> DIGIT_BITS;
    }
    r[na] = carry;
    return na + 1;
}

/* r = a - b with a >= b; r has room for na digits (may alias a). */
static size_t mag_sub(digit *r, const digit *a, size_t na, const digit *b, size_t nb)
{
    uint32_t borrow = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        uint32_t s = a[i] - b[i] - borrow;
        r[i] = s & DIGIT_MASK;
        borrow = s >> 31;
    }
    for (; i < na; i++) {
        uint32_t s = a[i] - borrow;
        r[i] = s & DIGIT_MASK;
        borrow = s >> 31;
    }
    return na;
}

/* r = a * b for r zeroed with na + nb digits of room.  The outer loop
 * runs over the shorter operand, so a long-by-one-digit product is a
 * single pass; each row's carry lands in r[j + na], still zero then. */
static void mag_mul_school(digit *r, const digit *a, size_t na, const digit *b, size_t nb)
{
    if (na < nb) {
        const digit *t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    for (size_t j = 0; j < nb; j++) {
        uint64_t carry = 0, bj = b[j];
        digit *row = r + j;
        for (size_t i = 0; i < na; i++) {
            uint64_t t = row[i] + a[i] * bj + carry;
            row[i] = (digit)(t & DIGIT_MASK);
            carry = t >> DIGIT_BITS;
        }
        row[na] = (digit)carry;
    }
}

/* r[0..n) += a[0..na); the carry ripples within r's n digits. */
static void mag_add_into(digit *r, size_t n, const digit *a, size_t na)
{
    uint32_t carry = 0;
    for (size_t i = 0; i < n && (i < na || carry); i++) {
        uint32_t s = r[i] + (i < na ? a[i] : 0) + carry;
        r[i] = s & DIGIT_MASK;
        carry = s >> DIGIT_BITS;
    }
}

/* r[0..n) -= a[0..na), knowing the result is not negative. */
static void mag_sub_into(digit *r, size_t n, const digit *a, size_t na)
{
    uint32_t borrow = 0;
    for (size_t i = 0; i < n && (i < na || borrow); i++) {
        uint32_t s = r[i] - (i < na ? a[i] : 0) - borrow;
        r[i] = s & DIGIT_MASK;
        borrow = s >> 31;
    }
}

static int mag_mul(digit *r, const digit *a, size_t na, const digit *b, size_t nb);

/* Karatsuba for na >= nb > KARATSUBA_CUTOFF, split at half of the
 * shorter: a = a1*B^k + a0, b = b1*B^k + b0, and
 * a*b = a1b1*B^2k + ((a0+a1)(b0+b1) - a1b1 - a0b0)*B^k + a0b0.
 * r is zeroed, na + nb digits.  0, or -1 out of memory. */
static int mag_mul_karatsuba(digit *r, const digit *a, size_t na, const digit *b, size_t nb)
{
    size_t k = nb / 2, n0 = trim(a, k), m0 = trim(b, k);
    size_t ns = na - k + 1, ms = nb - k + 1, np = ns + ms;
    digit *tmp = calloc(ns + ms + np + 2 * (na + nb) + 4, sizeof(digit));
    if (!tmp)
        return -1;
    digit *sa = tmp, *sb = sa + ns, *prod = sb + ms, *hi = prod + np, *lo = hi + na + nb;
    size_t nsa = trim(sa, mag_add(sa, a, n0, a + k, na - k));
    size_t nsb = trim(sb, mag_add(sb, b, m0, b + k, nb - k));
    int err = mag_mul(lo, a, n0, b, m0) | mag_mul(hi, a + k, na - k, b + k, nb - k) |
              mag_mul(prod, sa, nsa, sb, nsb);
    if (!err) {
        size_t nlo = trim(lo, n0 + m0), nhi = trim(hi, na + nb - 2 * k);
        mag_sub_into(prod, np, lo, nlo);
        mag_sub_into(prod, np, hi, nhi);
        memcpy(r, lo, nlo * sizeof(digit));
        memcpy(r + 2 * k, hi, nhi * sizeof(digit));
        mag_add_into(r + k, na + nb - k, prod, trim(prod, np));
    }
    free(tmp);
    return err ? -1 : 0;
}

/* r = a * b, r zeroed with na + nb digits.  0, or -1 out of memory. */
static int mag_mul(digit *r, const digit *a, size_t na, const digit *b, size_t nb)
{
    if (na < nb) {
        const digit *t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    if (nb <= KARATSUBA_CUTOFF) {
        mag_mul_school(r, a, na, b, nb);
        return 0;
    }
    if (na >= 2 * nb) {        /* lopsided: slices of a against all of b */
        digit *part = calloc(2 * nb, sizeof(digit));
        if (!part)
            return -1;
        for (size_t at = 0; at < na; at += nb) {
            size_t len = na - at < nb ? na - at : nb;
            memset(part, 0, 2 * nb * sizeof(digit));
            if (mag_mul(part, a + at, trim(a + at, len), b, nb) < 0) {
                free(part);
                return -1;
            }
            mag_add_into(r + at, na + nb - at, part, trim(part, len + nb));
        }
        free(part);
        return 0;
    }
    return mag_mul_karatsuba(r, a, na, b, nb);
}

/* q = a / d, returns a % d (d a single non-zero digit); q may alias a. */
static digit mag_divmod_digit(digit *q, const digit *a, size_t na, digit d)
{
    uint64_t rem = 0;
    for (size_t i = na; i-- > 0;) {
        uint64_t cur = (rem << DIGIT_BITS) | a[i];
        q[i] = (digit)(cur / d);
        rem = cur % d;
    }
    return (digit)rem;
}

static int bits_in_digit(digit d)
{
    return d ? 32 - __builtin_clz(d) : 0;
}

/* dst[0..n] = src[0..n) << s (0 <= s < 30), dst[n] the spill. */
static void shift_digits_left(digit *dst, const digit *src, size_t n, int s)
{
    digit carry = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t t = ((uint64_t)src[i] << s) | carry;
        dst[i] = (digit)(t & DIGIT_MASK);
        carry = (digit)(t >> DIGIT_BITS);
    }
    dst[n] = carry;
}

/* dst[0..n) = src[0..n) >> s (0 <= s < 30); dst is src or apart from it. */
static void shift_digits_right(digit *dst, const digit *src, size_t n, int s)
{
    digit carry = 0;
    for (size_t i = n; i-- > 0;) {
        digit cur = src[i];               /* dst may be src */
        uint64_t t = ((uint64_t)carry << DIGIT_BITS) | cur;
        dst[i] = (digit)(t >> s);
        carry = cur & (((digit)1 << s) - 1);
    }
}

/* One step of algorithm D: the quotient digit for un[j..j+n] / vn, with un
 * reduced by it. */
static digit knuth_step(digit *un, const digit *vn, size_t n)
{
    uint64_t top = ((uint64_t)un[n] << DIGIT_BITS) | un[n - 1];
    uint64_t qhat = top / vn[n - 1], rhat = top % vn[n - 1];
    while (qhat >= DIGIT_BASE || qhat * vn[n - 2] > ((rhat << DIGIT_BITS) | un[n - 2])) {
        qhat--;
        rhat += vn[n - 1];
        if (rhat >= DIGIT_BASE)
            break;
    }
    int64_t borrow = 0;
    uint64_t carry = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t p = qhat * vn[i] + carry;
        carry = p >> DIGIT_BITS;
        int64_t t = (int64_t)un[i] - (int64_t)(p & DIGIT_MASK) + borrow;
        un[i] = (digit)((uint64_t)t & DIGIT_MASK);
        borrow = t < 0 ? -1 : 0;
    }
    int64_t t = (int64_t)un[n] - (int64_t)carry + borrow;
    un[n] = (digit)((uint64_t)t & DIGIT_MASK);
    if (t < 0) {                     /* qhat was one too large: add vn back */
        qhat--;
        uint32_t c = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t s = un[i] + vn[i] + c;
            un[i] = s & DIGIT_MASK;
            c = s >> DIGIT_BITS;
        }
        un[n] = (un[n] + c) & DIGIT_MASK;
    }
    return (digit)qhat;
}

/* Division's working digits, n of them, uninitialized: the heap's kept
 * buffer, which spares a malloc/free pair per division (at thousands of
 * digits glibc would trim and refault its heap top each time); it grows
 * by half again so that growing numbers outgrow it rarely.  Past
 * WORK_KEEP_DIGITS, a buffer of its own.  work_done() hands it back.
 * Nothing runs between the two calls that could divide again. */
static digit *work_digits(rc_heap *h, size_t n)
{
    if (n > WORK_KEEP_DIGITS)
        return malloc(n * sizeof(digit));
    if (n > h->bigint_work_digits) {
        size_t room = n + n / 2 < WORK_KEEP_DIGITS ? n + n / 2 : WORK_KEEP_DIGITS;
        digit *grown = malloc(room * sizeof(digit));
        if (!grown)
            return NULL;
        free(h->bigint_work);
        h->bigint_work = grown;
        h->bigint_work_digits = room;
    }
    return h->bigint_work;
}

static void work_done(rc_heap *h, digit *d)
{
    if (d != h->bigint_work)
        free(d);
}

void rc__bigint_heap_fini(rc_heap *h)
{
    free(h->bigint_work);
    h->bigint_work = NULL;
    h->bigint_work_digits = 0;
}

/* q = a / b, r = a % b for magnitudes, na >= nb >= 1.  q has room for
 * na - nb + 1 digits, r for nb; both zeroed.  0, or -1 out of memory. */
static int mag_divmod(rc_heap *h, digit *q, digit *r, const digit *a, size_t na, const digit *b, size_t nb)
{
    if (nb == 1) {
        r[0] = mag_divmod_digit(q, a, na, b[0]);
        return 0;
    }
    int s = DIGIT_BITS - bits_in_digit(b[nb - 1]);
    digit *un = work_digits(h, na + 1 + nb + 1);
    if (!un)
        return -1;
    digit *vn = un + na + 1;
    shift_digits_left(un, a, na, s);
    shift_digits_left(vn, b, nb, s);       /* vn[nb] is 0: b's top bits fit */
    for (size_t j = na - nb + 1; j-- > 0;)
        q[j] = knuth_step(un + j, vn, nb);
    shift_digits_right(r, un, nb, s);
    work_done(h, un);
    return 0;
}

/* ---- signed arithmetic ----------------------------------------------------------------- */

/* x + y, or x - y with negate_y. */
static rc_object *add_signed(rc_heap *h, num x, num y, int negate_y)
{
    if (negate_y && y.n)
        y.neg = !y.neg;
    big *r = new_result(h, (x.n > y.n ? x.n : y.n) + 1);
    if (!r)
        return NULL;
    if (x.neg == y.neg)
        return settle(h, r, mag_add(r->digits, x.d, x.n, y.d, y.n), x.neg);
    if (mag_cmp(x.d, x.n, y.d, y.n) >= 0)
        return settle(h, r, mag_sub(r->digits, x.d, x.n, y.d, y.n), x.neg);
    return settle(h, r, mag_sub(r->digits, y.d, y.n, x.d, x.n), y.neg);
}

rc_object *rc_bigint_add(rc_heap *h, const rc_object *a, const rc_object *b)
{
    if (!check_ints(h, a, b))
        return NULL;
    digit ba[3], bb[3];
    return add_signed(h, view(a, ba), view(b, bb), 0);
}

rc_object *rc_bigint_sub(rc_heap *h, const rc_object *a, const rc_object *b)
{
    if (!check_ints(h, a, b))
        return NULL;
    digit ba[3], bb[3];
    return add_signed(h, view(a, ba), view(b, bb), 1);
}

static rc_object *mul_num(rc_heap *h, num x, num y)
{
    if (!x.n || !y.n)
        return rc_int_new(h, 0);
    big *r = new_result(h, x.n + y.n);
    if (!r)
        return NULL;
    if (mag_mul(r->digits, x.d, x.n, y.d, y.n) < 0) {
        rc_decref(&r->ob);
        rc__heap_set_error(h, RC_ENOMEM, "out of memory multiplying integers");
        return NULL;
    }
    return settle(h, r, x.n + y.n, x.neg != y.neg);
}

rc_object *rc_bigint_mul(rc_heap *h, const rc_object *a, const rc_object *b)
{
    if (!check_ints(h, a, b))
        return NULL;
    digit ba[3], bb[3];
    return mul_num(h, view(a, ba), view(b, bb));
}

/* Floor division of views: *q and/or *r (either may be NULL).  Quotient
 * and remainder are computed in their result objects. */
static int divmod_num(rc_heap *h, num x, num y, rc_object **q, rc_object **r)
{
    if (!y.n) {
        rc__heap_set_error(h, RC_EINVAL, "integer division by zero");
        return -1;
    }
    size_t nq = x.n >= y.n ? x.n - y.n + 1 : 1, nr = y.n;
    big *qb = new_result(h, nq + 1), *rb = qb ? new_result(h, nr + 1) : NULL;
    if (!rb) {
        rc_xdecref(qb ? &qb->ob : NULL);
        return -1;
    }
    digit *qd = qb->digits, *rd = rb->digits;
    if (x.n < y.n) {
        memcpy(rd, x.d, x.n * sizeof(digit));
    } else if (mag_divmod(h, qd, rd, x.d, x.n, y.d, y.n) < 0) {
        rc_decref(&qb->ob);
        rc_decref(&rb->ob);
        rc__heap_set_error(h, RC_ENOMEM, "out of memory dividing integers");
        return -1;
    }
    int qneg = x.neg != y.neg, rneg = y.neg;
    if (qneg && trim(rd, nr)) {          /* round toward -inf: q + 1, r = |y| - r */
        digit one = 1;
        mag_add(qd, qd, nq, &one, 1);
        nq++;
        mag_sub(rd, y.d, y.n, rd, nr);
    }
    rc_object *qo = settle(h, qb, nq, qneg), *ro = settle(h, rb, nr, rneg);
    if (!qo || !ro) {
        rc_xdecref(qo);
        rc_xdecref(ro);
        return -1;
    }
    if (q)
        *q = qo;
    else
        rc_decref(qo);
    if (r)
        *r = ro;
    else
        rc_decref(ro);
    return 0;
}

int rc_bigint_divmod(rc_heap *h, const rc_object *a, const rc_object *b, rc_object **q, rc_object **r)
{
    if (!check_ints(h, a, b))
        return -1;
    digit ba[3], bb[3];
    return divmod_num(h, view(a, ba), view(b, bb), q, r);
}

rc_object *rc_bigint_neg(rc_heap *h, const rc_object *a)
{
    if (!check_ints(h, a, NULL))
        return NULL;
    digit ba[3];
    num x = view(a, ba);
    return finish(h, x.d, x.n, x.n && !x.neg);
}

rc_object *rc_bigint_abs(rc_heap *h, const rc_object *a)
{
    if (!check_ints(h, a, NULL))
        return NULL;
    digit ba[3];
    num x = view(a, ba);
    return finish(h, x.d, x.n, 0);
}

rc_object *rc_bigint_invert(rc_heap *h, const rc_object *a)
{
    if (!check_ints(h, a, NULL))
        return NULL;
    digit ba[3], one = 1;
    num x = view(a, ba), o = {&one, 1, 0};
    x.neg = x.n && !x.neg;
    return add_signed(h, x, o, 1);         /* ~a == -a - 1 */
}

int rc_bigint_sign(const rc_object *a)
{
    digit ba[3];
    num x = view(a, ba);
    return x.n == 0 ? 0 : x.neg ? -1 : 1;
}

int rc_bigint_compare(const rc_object *a, const rc_object *b)
{
    digit ba[3], bb[3];
    num x = view(a, ba), y = view(b, bb);
    if (x.neg != y.neg)
        return x.neg ? -1 : 1;
    int c = mag_cmp(x.d, x.n, y.d, y.n);
    return x.neg ? -c : c;
}

/* ---- powers ---------------------------------------------------------------------------- */

/* *acc = *acc * y, then reduced mod m when m is given; 0 or -1. */
static int mul_step(rc_heap *h, rc_object **acc, const rc_object *y, const rc_object *m)
{
    rc_object *p = rc_bigint_mul(h, *acc, y);
    if (!p)
        return -1;
    if (m) {
        rc_object *r;
        int err = rc_bigint_divmod(h, p, m, NULL, &r);
        rc_decref(p);
        if (err < 0)
            return -1;
        p = r;
    }
    rc_decref(*acc);
    *acc = p;
    return 0;
}

/* The result's size in bits for base ** exp, as an upper bound (-1 when
 * it is past MAX_DIGITS). */
static int too_big_power(const rc_object *base, const rc_object *exp)
{
    uint64_t bits = rc_bigint_bit_length(base);
    if (bits <= 1)
        return 0;
    if (exp->type == &rc_bigint_type)
        return 1;
    uint64_t e = (uint64_t)rc_int_value_fast(exp), total;
    return __builtin_mul_overflow(bits - 1, e, &total) || total / DIGIT_BITS >= MAX_DIGITS;
}

rc_object *rc_bigint_pow(rc_heap *h, const rc_object *base, const rc_object *exp, const rc_object *mod)
{
    if (!check_ints(h, base, exp) || (mod && !check_ints(h, mod, NULL)))
        return NULL;
    if (rc_bigint_sign(exp) < 0 || (mod && rc_bigint_sign(mod) == 0)) {
        rc__heap_set_error(h, RC_EINVAL, "negative exponent or zero modulus");
        return NULL;
    }
    if (!mod && too_big_power(base, exp)) {
        rc__heap_set_error(h, RC_ENOMEM, "integer too large");
        return NULL;
    }
    rc_object *one = rc_int_new(h, 1), *acc = one, *b = (rc_object *)base;
    if (mod) {
        if (rc_bigint_divmod(h, one, mod, NULL, &acc) < 0)
            return NULL;
        if (rc_bigint_divmod(h, base, mod, NULL, &b) < 0) {
            rc_decref(acc);
            return NULL;
        }
    } else {
        rc_incref(b);
    }
    digit be[3];
    num e = view(exp, be);
    int started = 0;
    for (size_t i = e.n; i-- > 0;)
        for (int bit = DIGIT_BITS - 1; bit >= 0; bit--) {
            int set = (e.d[i] >> bit) & 1;
            if ((started && mul_step(h, &acc, acc, mod) < 0) || (set && mul_step(h, &acc, b, mod) < 0)) {
                rc_decref(acc);
                rc_decref(b);
                return NULL;
            }
            started |= set;
        }
    rc_decref(b);
    return acc;
}

/* ---- shifts and bitwise operations ------------------------------------------------------ */

rc_object *rc_bigint_lshift(rc_heap *h, const rc_object *a, uint64_t count)
{
    if (!check_ints(h, a, NULL))
        return NULL;
    digit ba[3];
    num x = view(a, ba);
    if (!x.n)
        return rc_int_new(h, 0);
    uint64_t whole = count / DIGIT_BITS;
    if (whole >= MAX_DIGITS) {
        rc__heap_set_error(h, RC_ENOMEM, "integer too large");
        return NULL;
    }
    big *r = new_result(h, x.n + (size_t)whole + 1);
    if (!r)
        return NULL;
    shift_digits_left(r->digits + whole, x.d, x.n, (int)(count % DIGIT_BITS));
    return settle(h, r, x.n + (size_t)whole + 1, x.neg);
}

/* |x| >> count, floor for negatives: -((|x| - 1) >> count) - 1. */
rc_object *rc_bigint_rshift(rc_heap *h, const rc_object *a, uint64_t count)
{
    if (!check_ints(h, a, NULL))
        return NULL;
    digit ba[3];
    num x = view(a, ba);
    uint64_t whole = count / DIGIT_BITS;
    if (whole >= x.n)
        return rc_int_new(h, x.neg ? -1 : 0);
    size_t n = x.n - (size_t)whole;
    digit *r = scratch(h, 2 * x.n + 1), *src = r + n + 1;
    if (!r)
        return NULL;
    memcpy(src, x.d, x.n * sizeof(digit));
    digit one = 1;
    if (x.neg)
        mag_sub(src, src, x.n, &one, 1);
    shift_digits_right(r, src + whole, n, (int)(count % DIGIT_BITS));
    if (x.neg)
        mag_add(r, r, n, &one, 1);
    return finish_free(h, r, n + 1, x.neg);
}

/* x in two's complement over n digits (n > x.n), into out. */
static void to_twos(digit *out, num x, size_t n)
{
    memcpy(out, x.d, x.n * sizeof(digit));
    memset(out + x.n, 0, (n - x.n) * sizeof(digit));
    if (!x.neg)
        return;
    uint32_t carry = 1;
    for (size_t i = 0; i < n; i++) {
        uint32_t s = (~out[i] & DIGIT_MASK) + carry;
        out[i] = s & DIGIT_MASK;
        carry = s >> DIGIT_BITS;
    }
}

static rc_object *bitwise(rc_heap *h, const rc_object *a, const rc_object *b, char op)
{
    if (!check_ints(h, a, b))
        return NULL;
    digit ba[3], bb[3];
    num x = view(a, ba), y = view(b, bb);
    size_t n = (x.n > y.n ? x.n : y.n) + 1;
    digit *r = scratch(h, 2 * n);
    if (!r)
        return NULL;
    digit *t = r + n;
    to_twos(r, x, n);
    to_twos(t, y, n);
    for (size_t i = 0; i < n; i++)
        r[i] = op == '&' ? r[i] & t[i] : op == '|' ? r[i] | t[i] : r[i] ^ t[i];
    int neg = op == '&' ? x.neg && y.neg : op == '|' ? x.neg || y.neg : x.neg != y.neg;
    if (neg) {
        num back = {r, n, 1};       /* two's complement is its own inverse */
        to_twos(r, back, n);
    }
    return finish_free(h, r, n, neg);
}

rc_object *rc_bigint_and(rc_heap *h, const rc_object *a, const rc_object *b) { return bitwise(h, a, b, '&'); }
rc_object *rc_bigint_or(rc_heap *h, const rc_object *a, const rc_object *b) { return bitwise(h, a, b, '|'); }
rc_object *rc_bigint_xor(rc_heap *h, const rc_object *a, const rc_object *b) { return bitwise(h, a, b, '^'); }

uint64_t rc_bigint_bit_length(const rc_object *a)
{
    digit ba[3];
    num x = view(a, ba);
    return x.n ? (uint64_t)(x.n - 1) * DIGIT_BITS + (uint64_t)bits_in_digit(x.d[x.n - 1]) : 0;
}

size_t rc_bigint_ndigits(const rc_object *a)
{
    digit ba[3];
    return view(a, ba).n;
}

/* ---- floats ------------------------------------------------------------------------------ */

/* Bits [pos, pos + cnt) of x's magnitude (cnt <= 32). */
static uint64_t get_bits(num x, uint64_t pos, int cnt)
{
    uint64_t v = 0;
    for (int k = cnt - 1; k >= 0; k--) {
        uint64_t p = pos + (uint64_t)k, i = p / DIGIT_BITS;
        v = (v << 1) | (i < x.n ? (x.d[i] >> (p % DIGIT_BITS)) & 1 : 0);
    }
    return v;
}

static int any_bits_below(num x, uint64_t pos)
{
    for (uint64_t i = 0; i < pos / DIGIT_BITS && i < x.n; i++)
        if (x.d[i])
            return 1;
    return get_bits(x, pos - pos % DIGIT_BITS, (int)(pos % DIGIT_BITS)) != 0;
}

/* The magnitude rounded to 55 bits plus a sticky bit: exact double
 * rounding (half to even) when the caller converts it and scales by
 * 2***shift. */
static uint64_t top_bits(num x, uint64_t bits, int64_t *shift)
{
    if (bits <= 55) {
        *shift = 0;
        return get_bits(x, 0, (int)bits);
    }
    uint64_t sh = bits - 55;
    uint64_t m = (get_bits(x, sh + 32, 23) << 32) | get_bits(x, sh, 32);
    *shift = (int64_t)sh;
    return m | (uint64_t)any_bits_below(x, sh);
}

int rc_bigint_to_double(const rc_object *a, double *out)
{
    if (is_small(a)) {
        *out = (double)rc_int_value_fast(a);
        return 0;
    }
    digit ba[3];
    num x = view(a, ba);
    uint64_t bits = rc_bigint_bit_length(a);
    int64_t shift = 0;
    double d = INFINITY;
    if (bits <= 1024) {
        uint64_t m = top_bits(x, bits, &shift);
        d = ldexp((double)m, (int)shift);
    }
    if (isinf(d)) {
        rc_heap *h = rc_heap_of(a);
        if (h)
            rc__heap_set_error(h, RC_ERANGE, "int too large to convert to float");
        return -1;
    }
    *out = x.neg ? -d : d;
    return 0;
}

rc_object *rc_bigint_from_double(rc_heap *h, double d)
{
    if (!isfinite(d)) {
        rc__heap_set_error(h, RC_ERANGE, "cannot convert an infinity or NaN to an integer");
        return NULL;
    }
    d = trunc(d);
    if (fabs(d) < 9223372036854775808.0)
        return rc_int_new(h, (int64_t)d);
    int e;
    double frac = frexp(fabs(d), &e);
    rc_object *m = rc_int_new(h, (int64_t)ldexp(frac, 53));
    rc_object *r = rc_bigint_lshift(h, m, (uint64_t)(e - 53));
    rc_decref(m);
    if (r && d < 0) {
        rc_object *n = rc_bigint_neg(h, r);
        rc_decref(r);
        r = n;
    }
    return r;
}

/* a / b correctly rounded: the quotient of a shifted so that it has at
 * least 55 bits, with a sticky bit for a remainder. */
int rc_bigint_true_divide(rc_heap *h, const rc_object *a, const rc_object *b, double *out)
{
    if (!check_ints(h, a, b))
        return -1;
    if (rc_bigint_sign(b) == 0) {
        rc__heap_set_error(h, RC_EINVAL, "division by zero");
        return -1;
    }
    int64_t ea = (int64_t)rc_bigint_bit_length(a), eb = (int64_t)rc_bigint_bit_length(b);
    int64_t k = 57 - (ea - eb);          /* a * 2**k / b has 56 or 57 bits */
    if (k < 0)
        k = 0;
    digit ba[3], bb[3];
    num x = view(a, ba), y = view(b, bb);
    x.neg = y.neg = 0;
    rc_object *xa = finish(h, x.d, x.n, 0), *yb = finish(h, y.d, y.n, 0);
    rc_object *num_ = xa ? rc_bigint_lshift(h, xa, (uint64_t)k) : NULL, *q = NULL, *r = NULL;
    int err = !num_ || !yb || rc_bigint_divmod(h, num_, yb, &q, &r) < 0;
    double d = 0;
    if (!err) {
        digit bq[3];
        num qn = view(q, bq);
        uint64_t qbits = rc_bigint_bit_length(q);
        int64_t shift = 0;
        uint64_t m = top_bits(qn, qbits, &shift) | (uint64_t)(rc_bigint_sign(r) != 0);
        int64_t e2 = shift - k;
        d = e2 > 2000 ? INFINITY : e2 < -2200 ? 0.0 : ldexp((double)m, (int)e2);
        if (isinf(d)) {
            rc__heap_set_error(h, RC_ERANGE, "integer division result too large for a float");
            err = 1;
        }
    }
    rc_xdecref(xa);
    rc_xdecref(yb);
    rc_xdecref(num_);
    rc_xdecref(q);
    rc_xdecref(r);
    if (err)
        return -1;
    *out = (rc_bigint_sign(a) < 0) != (rc_bigint_sign(b) < 0) ? -d : d;
    return 0;
}

int rc_bigint_compare_double(rc_heap *h, const rc_object *a, double d, int *out)
{
    if (isnan(d)) {
        *out = 2;
        return 0;
    }
    if (isinf(d)) {
        *out = d > 0 ? -1 : 1;
        return 0;
    }
    double fl = floor(d);
    rc_object *f = rc_bigint_from_double(h, fl);
    if (!f)
        return -1;
    int c = rc_bigint_compare(a, f);
    rc_decref(f);
    *out = c != 0 ? c : d > fl ? -1 : 0;
    return 0;
}

/* ---- strings ------------------------------------------------------------------------------ */

static int digit_value(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10
         : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
}

/* Largest k with base**k < 2**30, and base**k. */
static int chunk_for(int base, uint32_t *power)
{
    int k = 0;
    uint64_t p = 1;
    while (p * (uint64_t)base < DIGIT_BASE) {
        p *= (uint64_t)base;
        k++;
    }
    *power = (uint32_t)p;
    return k;
}

/* r = r * mul + add over n digits; the carry out is the new top digit. */
static size_t mul_add_digit(digit *r, size_t n, uint32_t mul, uint32_t add)
{
    uint64_t carry = add;
    for (size_t i = 0; i < n; i++) {
        uint64_t t = (uint64_t)r[i] * mul + carry;
        r[i] = (digit)(t & DIGIT_MASK);
        carry = t >> DIGIT_BITS;
    }
    if (carry)
        r[n++] = (digit)carry;
    return n;
}

static size_t parse_power_of_two(digit *r, const char *s, size_t len, int base)
{
    int bpc = __builtin_ctz((unsigned)base);
    uint64_t pos = 0;
    for (size_t i = len; i-- > 0; pos += (uint64_t)bpc) {
        uint64_t v = (uint64_t)digit_value((unsigned char)s[i]);
        uint64_t at = pos / DIGIT_BITS;
        int off = (int)(pos % DIGIT_BITS);
        r[at] |= (digit)((v << off) & DIGIT_MASK);
        if (off + bpc > DIGIT_BITS)
            r[at + 1] |= (digit)(v >> (DIGIT_BITS - off));
    }
    return (size_t)(pos / DIGIT_BITS) + 1;
}

rc_object *rc_bigint_from_string(rc_heap *h, const char *s, size_t len, int base)
{
    int neg = 0;
    if (len && (*s == '-' || *s == '+')) {
        neg = *s == '-';
        s++;
        len--;
    }
    if (base < 2 || base > 36 || !len) {
        rc__heap_set_error(h, RC_EINVAL, "invalid base or empty digits");
        return NULL;
    }
    for (size_t i = 0; i < len; i++)
        if (digit_value((unsigned char)s[i]) >= base) {
            rc__heap_set_error(h, RC_EINVAL, "invalid digit for base %d", base);
            return NULL;
        }
    digit *r = scratch(h, len * 6 / DIGIT_BITS + 2);
    if (!r)
        return NULL;
    size_t n;
    if ((base & (base - 1)) == 0) {
        n = parse_power_of_two(r, s, len, base);
    } else {
        uint32_t power;
        int k = chunk_for(base, &power);
        size_t first = len % (size_t)k ? len % (size_t)k : (size_t)k;
        n = 0;
        for (size_t at = 0; at < len; at += (at ? (size_t)k : first)) {
            size_t cnt = at ? (size_t)k : first;
            uint32_t chunk = 0, mul = 1;
            for (size_t i = 0; i < cnt; i++) {
                chunk = chunk * (uint32_t)base + (uint32_t)digit_value((unsigned char)s[at + i]);
                mul *= (uint32_t)base;
            }
            n = mul_add_digit(r, n, mul, chunk);
        }
    }
    return finish_free(h, r, n, neg);
}

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Characters of |x| in base 2**bpc, most significant first, into out. */
static size_t format_power_of_two(char *out, num x, int bpc)
{
    uint64_t bits = x.n ? (uint64_t)(x.n - 1) * DIGIT_BITS + (uint64_t)bits_in_digit(x.d[x.n - 1]) : 1;
    size_t nchars = (size_t)((bits + (uint64_t)bpc - 1) / (uint64_t)bpc);
    for (size_t i = 0; i < nchars; i++)
        out[i] = digit_chars[get_bits(x, (uint64_t)(nchars - 1 - i) * (uint64_t)bpc, bpc)];
    return nchars;
}

/* Characters of |x| in any base, by repeated division by base**k. */
static size_t format_general(char *out, size_t room, digit *work, num x, int base)
{
    uint32_t power;
    int k = chunk_for(base, &power);
    size_t n = x.n, at = room;
    memcpy(work, x.d, n * sizeof(digit));
    do {
        digit rem = mag_divmod_digit(work, work, n, power);
        n = trim(work, n);
        for (int i = 0; i < k && (n || rem || i == 0); i++) {
            out[--at] = digit_chars[rem % (digit)base];
            rem /= (digit)base;
        }
    } while (n);
    memmove(out, out + at, room - at);
    return room - at;
}

rc_object *rc_bigint_to_string(rc_heap *h, const rc_object *a, int base)
{
    if (!check_ints(h, a, NULL))
        return NULL;
    if (base < 2 || base > 36) {
        rc__heap_set_error(h, RC_EINVAL, "base must be in 2..36");
        return NULL;
    }
    digit ba[3];
    num x = view(a, ba);
    size_t room = x.n * DIGIT_BITS + 2;
    char *buf = malloc(room + 1);
    digit *work = scratch(h, x.n + 1);
    if (!buf || !work) {
        free(buf);
        free(work);
        rc__heap_set_error(h, RC_ENOMEM, "out of memory formatting an integer");
        return NULL;
    }
    buf[0] = '-';
    char *digits = buf + x.neg;
    size_t len = (base & (base - 1)) == 0 ? format_power_of_two(digits, x, __builtin_ctz((unsigned)base))
                                          : format_general(digits, room - 1, work, x, base);
    rc_object *s = rc_str_new(h, buf, len + (size_t)x.neg);
    free(buf);
    free(work);
    return s;
}

/* ---- bytes ------------------------------------------------------------------------------- */

static int is_power_of_two(num x)
{
    for (size_t i = 0; i + 1 < x.n; i++)
        if (x.d[i])
            return 0;
    return x.n && (x.d[x.n - 1] & (x.d[x.n - 1] - 1)) == 0;
}

/* a as len bytes, in two's complement when negative. */
int rc_bigint_to_bytes(const rc_object *a, unsigned char *out, size_t len, int little_endian, int is_signed)
{
    digit ba[3];
    num x = view(a, ba);
    rc_heap *h = rc_heap_of(a);
    if (x.neg && !is_signed) {
        if (h)
            rc__heap_set_error(h, RC_ERANGE, "can't convert negative int to unsigned");
        return -1;
    }
    uint64_t bits = rc_bigint_bit_length(a);
    if (x.neg && is_power_of_two(x))     /* fits iff (|a| - 1).bit_length() < 8 * len */
        bits--;
    if (bits + (uint64_t)(is_signed != 0) > (uint64_t)len * 8) {
        if (h)
            rc__heap_set_error(h, RC_ERANGE, "int too big to convert");
        return -1;
    }
    unsigned carry = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned byte = (unsigned)get_bits(x, (uint64_t)i * 8, 8);
        if (x.neg) {
            byte = (~byte & 0xFFu) + carry;
            carry = byte >> 8;
            byte &= 0xFFu;
        }
        out[little_endian ? i : len - 1 - i] = (unsigned char)byte;
    }
    return 0;
}

rc_object *rc_bigint_from_bytes(rc_heap *h, const unsigned char *bytes, size_t len, int little_endian,
                                int is_signed)
{
    digit *r = scratch(h, len * 8 / DIGIT_BITS + 2);
    if (!r)
        return NULL;
    int neg = is_signed && len && (bytes[little_endian ? len - 1 : 0] & 0x80);
    unsigned carry = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned byte = bytes[little_endian ? i : len - 1 - i];
        if (neg) {                     /* magnitude of a negative: invert and add one */
            byte = (~byte & 0xFFu) + carry;
            carry = byte >> 8;
            byte &= 0xFFu;
        }
        uint64_t pos = (uint64_t)i * 8, at = pos / DIGIT_BITS;
        int off = (int)(pos % DIGIT_BITS);
        r[at] |= (digit)(((uint64_t)byte << off) & DIGIT_MASK);
        if (off + 8 > DIGIT_BITS)
            r[at + 1] |= (digit)(byte >> (DIGIT_BITS - off));
    }
    return finish_free(h, r, len * 8 / DIGIT_BITS + 2, neg);
}

/* ---- hash and equality ---------------------------------------------------------------- */

/* (h * 2**30 + d) mod 2**61 - 1, for h already reduced. */
static uint64_t hash_step(uint64_t h, digit d)
{
    h = ((h << DIGIT_BITS) & HASH_MODULUS) | (h >> (61 - DIGIT_BITS));
    h += d;
    return h >= HASH_MODULUS ? h - HASH_MODULUS : h;
}

static int64_t bigint_hash(rc_object *self)
{
    digit ba[3];
    num x = view(self, ba);
    uint64_t m = 0;
    for (size_t i = x.n; i-- > 0;)
        m = hash_step(m, x.d[i]);
    int64_t v = x.neg ? -(int64_t)m : (int64_t)m;
    return v == -1 ? -2 : v;
}

static int bigint_eq(rc_object *self, rc_object *other)
{
    if (other->type == &rc_bigint_type)
        return rc_bigint_compare(self, other) == 0;
    if (other->type == &rc_float_type) {
        int c;
        return rc_bigint_compare_double(rc_heap_of(self), self, rc_float_value(other), &c) == 0 && c == 0;
    }
    return 0;    /* a normalized big int never equals a 64-bit int */
}
