/*
 * float.c — double-precision floats, with a per-heap free list.
 *
 * As in CPython, a dead float does not go back to the allocator at once: up
 * to FLOAT_CACHE_MAX of them wait on h->float_cache (linked through their
 * refcnt field, type left in place) for the next rc_float_new, which then
 * costs a pop instead of a pool allocation.  rc_heap_trim empties the cache.
 * Cached floats are not counted in objects_live.
 */
#define RC_BUILDING_LIBRARY 1
#include "../internal.h"

#include <math.h>
#include <string.h>


typedef rc_float_object rc_float;   /* the layout reclaim.h publishes */
_Static_assert(sizeof(rc_float) == OBJECT24_SIZE, "floats live in 24-byte blocks");

static int64_t float_hash(rc_object *self);
static int float_eq(rc_object *self, rc_object *other);

const rc_type rc_float_type = {
    .name = "float", .size = sizeof(rc_float), .hash = float_hash, .eq = float_eq,
};

rc_object *rc_float_new(rc_heap *h, double v)
{
    rc_float *f;
    if (h->float_cache.first) {
        f = (rc_float *)object_cache_take(h, &h->float_cache);
    } else {
        f = (rc_float *)object_new24(h, &rc_float_type);
        if (!f)
            return NULL;
    }
    f->value = v;
    return &f->ob;
}

double rc_float_value(const rc_object *o)
{
    if (!o || o->type != &rc_float_type) {
        rc__type_error(o, "float");
        return 0.0;
    }
    return ((const rc_float *)o)->value;
}

bool rc__float_cache_put(rc_heap *h, rc_object *o)
{
    if (h->float_cache.len >= FLOAT_CACHE_MAX)
        return false;
    object_cache_put(h, &h->float_cache, o);
    return true;
}

/* An integral double within int64 range, as that int; else false. */
static bool float_as_int64(double d, int64_t *out)
{
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
        return false;                            /* out of range, or NaN */
    int64_t i = (int64_t)d;
    if ((double)i != d)
        return false;
    *out = i;
    return true;
}

int rc__float_equals_int(const rc_object *f, int64_t v)
{
    int64_t as_int;
    return float_as_int64(((const rc_float *)f)->value, &as_int) && as_int == v;
}

/* CPython's numeric hash of a finite double: its exact value modulo
 * 2**61 - 1, taking 28 bits of mantissa at a time; so an integral float
 * hashes as the int it equals (int.c, bigint.c).  NaN hashes by identity
 * (CPython 3.10+), infinities as +-314159. */
static int64_t float_hash(rc_object *self)
{
    const uint64_t modulus = ((uint64_t)1 << 61) - 1;
    double d = ((rc_float *)self)->value;
    int64_t as_int;
    if (float_as_int64(d, &as_int))
        return rc__hash_int64(as_int);
    if (d != d)
        return rc__hash_int64((int64_t)((uintptr_t)self >> 4));
    if (isinf(d))
        return d > 0 ? 314159 : -314159;
    int e;
    double m = frexp(fabs(d), &e);
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & modulus) | x >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= modulus)
            x -= modulus;
    }
    int shift = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
    x = ((x << shift) & modulus) | x >> (61 - shift);
    int64_t r = d < 0 ? -(int64_t)x : (int64_t)x;
    return r == -1 ? -2 : r;
}

static int float_eq(rc_object *self, rc_object *other)
{
    double d = ((rc_float *)self)->value;
    if (other->type == &rc_float_type)
        return d == ((rc_float *)other)->value;
    if (other->type == &rc_int_type || other->type == &rc_bool_type)
        return rc__float_equals_int(self, rc_int_value(other));
    if (other->type == &rc_bigint_type)
        return other->type->eq(other, self);
    return 0;
}
