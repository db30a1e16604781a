/*
 * lang/mod_random.c — the `random` module: CPython 3.11's generator and
 * its functions, giving the same numbers for the same integer seed.
 *
 * The generator is the Mersenne Twister MT19937 (Matsumoto and Nishimura,
 * 1998): 624 words of state, seeded from a key of 32-bit words by the
 * authors' init_by_array, as CPython seeds it.  Every derived function
 * draws from the generator in the order CPython's does, so a script that
 * calls random.seed(42) sees CPython's sequence:
 *   random()          two draws, 27 and 26 bits, into a double in [0, 1)
 *   getrandbits(k)    ceil(k/32) draws, least significant word first, the
 *                     last word cut to the top bits it needs
 *   _randbelow(n)     getrandbits(n.bit_length()) until the result is < n
 *   randrange, randint, choice, shuffle, sample   through _randbelow
 *   choices, uniform, triangular, gauss, ...      through random()
 *
 * random.Random(seed) makes a generator of its own; the module's functions
 * are the bound methods of one hidden generator (random._inst), so the
 * module holds no C-level global state.
 *
 * getrandbits beyond 64 bits gives a big int from the same words; seeds
 * may be ints of any size (their 32-bit words, as CPython).  Seeds that
 * CPython hashes with SHA-512 (str and bytes) raise NotImplementedError
 * naming what is missing, rather than give other numbers.
 */
#define _POSIX_C_SOURCE 200809L
#include "mod_util.h"

#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MT_N 624
#define MT_M 397
#define TWO_PI 6.283185307179586476925286766559

typedef struct lx_random {
    rc_object ob;
    uint32_t mt[MT_N];
    int index;                 /* next word of mt to temper; MT_N: regenerate first */
    int has_gauss;             /* gauss() keeps its second value for the next call */
    double gauss_next;
} lx_random;

static const rc_type random_type = {.name = "Random", .size = sizeof(lx_random)};

/* ---- the generator --------------------------------------------------------------------- */

static void mt_init_genrand(lx_random *r, uint32_t s)
{
    r->mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    r->index = MT_N;
}

static void mt_init_by_array(lx_random *r, const uint32_t *key, size_t len)
{
    mt_init_genrand(r, 19650218u);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        r->mt[i] = (r->mt[i] ^ ((r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        if (++i >= MT_N) {
            r->mt[0] = r->mt[MT_N - 1];
            i = 1;
        }
        if (++j >= len)
            j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        r->mt[i] = (r->mt[i] ^ ((r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        if (++i >= MT_N) {
            r->mt[0] = r->mt[MT_N - 1];
            i = 1;
        }
    }
    r->mt[0] = 0x80000000u;
    r->has_gauss = 0;
}

static uint32_t mt_twist_word(const uint32_t *mt, int i, int next, int far)
{
    uint32_t y = (mt[i] & 0x80000000u) | (mt[next] & 0x7fffffffu);
    return mt[far] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
}

static uint32_t mt_next32(lx_random *r)
{
    if (r->index >= MT_N) {
        for (int i = 0; i < MT_N; i++)
            r->mt[i] = mt_twist_word(r->mt, i, (i + 1) % MT_N, (i + MT_M) % MT_N);
        r->index = 0;
    }
    uint32_t y = r->mt[r->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

static double mt_random(lx_random *r)
{
    uint32_t a = mt_next32(r) >> 5, b = mt_next32(r) >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* k <= 64 random bits, as CPython's getrandbits builds them. */
static uint64_t mt_bits(lx_random *r, int k)
{
    if (k <= 32)
        return k ? mt_next32(r) >> (32 - k) : 0;
    uint64_t low = mt_next32(r);
    return low | (uint64_t)(mt_next32(r) >> (64 - k)) << 32;
}

static int bit_length(uint64_t n)
{
    int k = 0;
    for (; n; n >>= 1)
        k++;
    return k;
}

/* Uniform in [0, n) for n >= 1; 0 for n == 0 (CPython's _randbelow). */
static uint64_t mt_below(lx_random *r, uint64_t n)
{
    int k = bit_length(n);
    uint64_t v = mt_bits(r, k);
    while (v >= n)
        v = mt_bits(r, k);
    return v;
}

/* ---- seeding --------------------------------------------------------------------------- */

static void seed_from_u64(lx_random *r, uint64_t v)
{
    uint32_t key[2] = {(uint32_t)v, (uint32_t)(v >> 32)};
    mt_init_by_array(r, key, key[1] ? 2 : 1);
}

/* seed(None): the system's entropy, as CPython (624 words of urandom);
 * the time and the process id where /dev/urandom cannot be read. */
static void seed_from_system(lx_random *r)
{
    uint32_t key[MT_N];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t got = fd >= 0 ? read(fd, key, sizeof key) : -1;
    if (fd >= 0)
        close(fd);
    if (got == (ssize_t)sizeof key) {
        mt_init_by_array(r, key, MT_N);
        return;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint32_t fallback[3] = {(uint32_t)ts.tv_sec, (uint32_t)ts.tv_nsec, (uint32_t)getpid()};
    mt_init_by_array(r, fallback, 3);
}

/* CPython seeds with abs(n) cut into 32-bit words, least significant first. */
static int seed_from_big(lx_interp *I, lx_random *r, rc_object *a)
{
    rc_object *m = rc_bigint_abs(lx_heap(I), a);
    size_t words = m ? (size_t)(rc_bigint_bit_length(m) + 31) / 32 : 0;
    unsigned char *bytes = m ? malloc(words * 4) : NULL;
    uint32_t *key = bytes ? malloc(words * sizeof *key) : NULL;
    if (key && rc_bigint_to_bytes(m, bytes, words * 4, 1, 0) == 0) {
        for (size_t i = 0; i < words; i++)
            key[i] = (uint32_t)bytes[4 * i] | (uint32_t)bytes[4 * i + 1] << 8 |
                     (uint32_t)bytes[4 * i + 2] << 16 | (uint32_t)bytes[4 * i + 3] << 24;
        mt_init_by_array(r, key, words);
    }
    rc_xdecref(m);
    free(bytes);
    int ok = key != NULL;
    free(key);
    if (!ok)
        lx_raise(I, LX_MemoryError, "%s", "");
    return ok ? 0 : -1;
}

static int random_seed_with(lx_interp *I, lx_random *r, rc_object *a)
{
    if (!a || a->type == &rc_none_type) {
        seed_from_system(r);
        return 0;
    }
    if (a->type == &rc_int_type || a->type == &rc_bool_type) {
        int64_t v = rc_int_value(a);
        seed_from_u64(r, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);   /* CPython seeds with abs() */
        return 0;
    }
    if (a->type == &rc_bigint_type)
        return seed_from_big(I, r, a);
    if (a->type == &rc_float_type) {   /* CPython seeds with hash() as an unsigned word */
        /* the library's float hash is CPython's; a NaN's is by identity in
         * CPython, so any value will do: 0 */
        seed_from_u64(r, isnan(rc_float_value(a)) ? 0 : (uint64_t)rc_hash(a));
        return 0;
    }
    const char *tn = lx_type_name(I, a);
    if (!strcmp(tn, "str") || !strcmp(tn, "bytes") || !strcmp(tn, "bytearray")) {
        lx_raise(I, LX_NotImplementedError,
                 "random.seed() of a %s is not supported by reclaim (CPython hashes it with SHA-512 "
                 "into an integer of any size); seed with an int",
                 tn);
        return -1;
    }
    lx_raise(I, LX_TypeError, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
    return -1;
}

/* ---- methods ----------------------------------------------------------------------------- */

static lx_random *self_random(lx_interp *I, rc_object *const *a, size_t n, const char *what)
{
    if (n < 1 || a[0]->type != &random_type) {
        lx_raise(I, LX_TypeError, "descriptor '%s' requires a 'Random' object", what);
        return NULL;
    }
    return (lx_random *)a[0];
}

static rc_object *r_seed(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"a", "version"};
    rc_object *s[2];
    lx_random *r = self_random(I, a, n, "seed");
    if (!r || mod_parse_args(I, "seed", a + 1, n - 1, kw, names, 2, s) < 0 || random_seed_with(I, r, s[0]) < 0)
        return NULL;
    return rc_none();
}

static rc_object *r_random(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_random *r = self_random(I, a, n, "random");
    if (!r || mod_check_args(I, "random", n - 1, kw, 0, 0) < 0)
        return NULL;
    return lx_float(I, mt_random(r));
}

/* The generator and the one argument of getrandbits / randbytes, a count
 * that must not be negative (CPython words both errors the same way). */
static lx_random *count_arg(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw, const char *fname,
                            int64_t *count)
{
    lx_random *r = self_random(I, a, n, fname);
    if (!r || mod_check_args(I, fname, n - 1, kw, 1, 1) < 0 || lx_arg_int(I, fname, a[1], count) < 0)
        return NULL;
    if (*count < 0) {
        lx_raise(I, LX_ValueError, "number of bits must be non-negative");
        return NULL;
    }
    return r;
}

/* k > 63 random bits as a big int: ceil(k/32) words, least significant
 * first, the last cut to the top bits it needs (CPython's order). */
static rc_object *big_random_bits(lx_interp *I, lx_random *r, int64_t k)
{
    size_t words = (size_t)((k + 31) / 32);
    unsigned char *bytes = malloc(words * 4);
    if (!bytes)
        return lx_raise(I, LX_MemoryError, "getrandbits(%lld)", (long long)k);
    for (size_t i = 0; i < words; i++) {
        int64_t left = k - (int64_t)i * 32;
        uint32_t w = mt_next32(r);
        if (left < 32)
            w >>= 32 - left;
        for (int b = 0; b < 4; b++)
            bytes[4 * i + (size_t)b] = (unsigned char)(w >> (8 * b));
    }
    rc_object *v = rc_bigint_from_bytes(lx_heap(I), bytes, words * 4, 1, 0);
    free(bytes);
    return v ? v : lx_raise_heap_error(I);
}

static rc_object *r_getrandbits(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t k;
    lx_random *r = count_arg(I, a, n, kw, "getrandbits", &k);
    if (!r)
        return NULL;
    if (k > 63)
        return big_random_bits(I, r, k);
    return lx_int(I, (int64_t)mt_bits(r, (int)k));
}

static rc_object *r_randbytes(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t len;
    lx_random *r = count_arg(I, a, n, kw, "randbytes", &len);
    if (!r)
        return NULL;
    unsigned char *buf = malloc(len ? (size_t)len : 1);
    if (!buf)
        return lx_raise(I, LX_MemoryError, "randbytes(%lld)", (long long)len);
    /* getrandbits(8 * len).to_bytes(len, 'little'): whole words low first,
     * the last word's top bits shifted down */
    for (int64_t i = 0; i < len; i += 4) {
        int64_t left = len - i < 4 ? len - i : 4;
        uint32_t w = mt_next32(r);
        if (left < 4)
            w >>= 32 - 8 * left;
        for (int64_t b = 0; b < left; b++)
            buf[i + b] = (unsigned char)(w >> (8 * b));
    }
    rc_object *out = rc_bytes_new(lx_heap(I), buf, (size_t)len);
    free(buf);
    return out ? out : mod_raise_nomem(I);
}

/* An argument of randrange: an int, or a float with an integral value
 * (accepted by 3.11 with a deprecation warning). */
static int range_arg(lx_interp *I, rc_object *o, const char *which, int64_t *out)
{
    if (o->type == &rc_float_type) {
        double d = rc_float_value(o);
        if (d != floor(d) || !(fabs(d) < 9.2e18)) {
            lx_raise(I, LX_ValueError, "non-integer %s for randrange()", which);
            return -1;
        }
        *out = (int64_t)d;
        return 0;
    }
    return lx_arg_int(I, "randrange", o, out);
}

/* Steps -> count of values in range(start, stop, step); -1 (with the
 * ValueError set) when empty or the step is zero. */
static int64_t range_count(lx_interp *I, int64_t start, int64_t stop, int64_t step)
{
    int64_t width = stop - start, q, rem;
    if (step == 1) {
        if (width > 0)
            return width;
        lx_raise(I, LX_ValueError, "empty range for randrange() (%lld, %lld, %lld)", (long long)start,
                 (long long)stop, (long long)width);
        return -1;
    }
    if (step == 0) {
        lx_raise(I, LX_ValueError, "zero step for randrange()");
        return -1;
    }
    lx_int_divmod(width + (step > 0 ? step - 1 : step + 1), step, &q, &rem);
    if (q <= 0) {
        lx_raise(I, LX_ValueError, "empty range for randrange()");
        return -1;
    }
    return q;
}

/* ---- ranges of any size ----------------------------------------------------------------
 * The int64 code above serves every range whose bounds stay within
 * +-2**61 (so no width, count or step sum can overflow); the rest goes through the
 * library's big ints, drawing CPython's _randbelow: getrandbits(k) for
 * k = n.bit_length(), again until it falls below n. */

#define SMALL_BOUND ((int64_t)1 << 61)

/* True when o is an int or an integral float within +-2**61. */
static int small_range_arg(rc_object *o)
{
    if (o->type == &rc_float_type) {
        double d = rc_float_value(o);
        return fabs(d) < (double)SMALL_BOUND;
    }
    if (o->type != &rc_int_type && o->type != &rc_bool_type)
        return o->type != &rc_bigint_type;   /* other types fail in range_arg */
    int64_t v = rc_int_value_fast(o);
    return v > -SMALL_BOUND && v < SMALL_BOUND;
}

/* An argument of randrange as an int object (new reference). */
static rc_object *range_arg_any(lx_interp *I, rc_object *o, const char *which)
{
    if (rc_is_any_int(o)) {
        rc_incref(o);
        return o;
    }
    if (o->type == &rc_float_type) {
        double d = rc_float_value(o);
        if (d != floor(d) || isinf(d))
            return lx_raise(I, LX_ValueError, "non-integer %s for randrange()", which);
        rc_object *v = rc_bigint_from_double(lx_heap(I), d);
        return v ? v : lx_raise_heap_error(I);
    }
    int64_t unused;
    return lx_arg_int(I, "randrange", o, &unused) < 0 ? NULL : lx_int(I, unused);
}

/* Uniform in [0, n) for an int n >= 1 of any size. */
static rc_object *big_below(lx_interp *I, lx_random *r, rc_object *n)
{
    if (n->type == &rc_int_type)
        return lx_int(I, (int64_t)mt_below(r, (uint64_t)rc_int_value_fast(n)));
    int64_t k = (int64_t)rc_bigint_bit_length(n);
    for (;;) {
        rc_object *v = big_random_bits(I, r, k);
        if (!v || rc_bigint_compare(v, n) < 0)
            return v;
        rc_decref(v);
    }
}

static rc_object *empty_range_error(lx_interp *I, rc_object *start, rc_object *stop, rc_object *width)
{
    rc_object *s[3] = {lx_int_to_str(I, start, 10), lx_int_to_str(I, stop, 10), lx_int_to_str(I, width, 10)};
    if (s[0] && s[1] && s[2])
        lx_raise(I, LX_ValueError, "empty range for randrange() (%s, %s, %s)", rc_str_data(s[0]),
                 rc_str_data(s[1]), rc_str_data(s[2]));
    for (int i = 0; i < 3; i++)
        rc_xdecref(s[i]);
    return NULL;
}

/* The count of range(start, stop, step) for step != 1, or NULL with the
 * ValueError set when empty or the step is zero. */
static rc_object *stepped_count_any(lx_interp *I, rc_object *width, rc_object *step)
{
    rc_heap *h = lx_heap(I);
    int sign = rc_bigint_sign(step);
    if (sign == 0)
        return lx_raise(I, LX_ValueError, "zero step for randrange()");
    rc_object *one = lx_int(I, 1), *adjust = NULL, *top = NULL, *count = NULL;
    if (one)
        adjust = sign > 0 ? rc_bigint_sub(h, step, one) : rc_bigint_add(h, step, one);
    if (adjust)
        top = rc_bigint_add(h, width, adjust);
    if (top && rc_bigint_divmod(h, top, step, &count, NULL) < 0)
        count = NULL;
    rc_xdecref(one);
    rc_xdecref(adjust);
    rc_xdecref(top);
    if (!count)
        return lx_raise_heap_error(I);
    if (rc_bigint_sign(count) <= 0) {
        rc_decref(count);
        return lx_raise(I, LX_ValueError, "empty range for randrange()");
    }
    return count;
}

/* start + step * _randbelow(count) over ints of any size. */
static rc_object *range_pick_any(lx_interp *I, lx_random *r, rc_object *start, rc_object *stop, rc_object *step)
{
    rc_heap *h = lx_heap(I);
    rc_object *width = rc_bigint_sub(h, stop, start), *count = NULL, *pick = NULL, *offset = NULL;
    if (!width)
        return lx_raise_heap_error(I);
    int unit_step = step->type != &rc_bigint_type && rc_int_value_fast(step) == 1;
    if (unit_step && rc_bigint_sign(width) <= 0)
        empty_range_error(I, start, stop, width);
    else if (unit_step)
        count = (rc_incref(width), width);
    else
        count = stepped_count_any(I, width, step);
    rc_decref(width);
    if (count)
        pick = big_below(I, r, count);
    rc_xdecref(count);
    if (pick)
        offset = unit_step ? (rc_incref(pick), pick) : rc_bigint_mul(h, step, pick);
    rc_xdecref(pick);
    rc_object *out = offset ? rc_bigint_add(h, start, offset) : NULL;
    rc_xdecref(offset);
    return out || lx_exc_occurred(I) ? out : lx_raise_heap_error(I);
}

static rc_object *random_range_any(lx_interp *I, lx_random *r, rc_object *const *arg, size_t nargs)
{
    rc_object *v[3] = {range_arg_any(I, arg[0], "arg 1"), NULL, NULL};
    if (v[0])
        v[1] = range_arg_any(I, arg[1], "stop");
    if (v[1])
        v[2] = nargs > 2 ? range_arg_any(I, arg[2], "step") : lx_int(I, 1);
    rc_object *out = v[2] ? range_pick_any(I, r, v[0], v[1], v[2]) : NULL;
    for (int i = 0; i < 3; i++)
        rc_xdecref(v[i]);
    return out;
}

static rc_object *random_below_any(lx_interp *I, lx_random *r, rc_object *arg)
{
    rc_object *n = range_arg_any(I, arg, "arg 1");
    if (!n)
        return NULL;
    rc_object *out = rc_bigint_sign(n) > 0 ? big_below(I, r, n)
                                           : lx_raise(I, LX_ValueError, "empty range for randrange()");
    rc_decref(n);
    return out;
}

static rc_object *random_range(lx_interp *I, lx_random *r, rc_object *const *arg, size_t nargs)
{
    int64_t start, stop, step = 1;
    int one_arg = nargs == 1 || arg[1]->type == &rc_none_type;
    if (one_arg && nargs == 3)
        return lx_raise(I, LX_TypeError, "Missing a non-None stop argument");
    int small = small_range_arg(arg[0]) && (one_arg || small_range_arg(arg[1])) &&
                (nargs < 3 || small_range_arg(arg[2]));
    if (!small)
        return one_arg ? random_below_any(I, r, arg[0]) : random_range_any(I, r, arg, nargs);
    if (range_arg(I, arg[0], "arg 1", &start) < 0)
        return NULL;
    if (one_arg) {
        if (start > 0)
            return lx_int(I, (int64_t)mt_below(r, (uint64_t)start));
        return lx_raise(I, LX_ValueError, "empty range for randrange()");
    }
    if (range_arg(I, arg[1], "stop", &stop) < 0 || (nargs > 2 && range_arg(I, arg[2], "step", &step) < 0))
        return NULL;
    int64_t count = range_count(I, start, stop, step);
    if (count < 0)
        return NULL;
    return lx_int(I, start + step * (int64_t)mt_below(r, (uint64_t)count));
}

static rc_object *r_randrange(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_random *r = self_random(I, a, n, "randrange");
    if (!r || mod_check_args(I, "randrange", n - 1, kw, 1, 3) < 0)
        return NULL;
    return random_range(I, r, a + 1, n - 1);
}

/* randint(a, b) is randrange(a, b + 1). */
static rc_object *r_randint(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_random *r = self_random(I, a, n, "randint");
    if (!r || mod_check_args(I, "randint", n - 1, kw, 2, 2) < 0)
        return NULL;
    rc_object *hi = range_arg_any(I, a[2], "stop"), *one = hi ? lx_int(I, 1) : NULL;
    rc_object *stop = one ? rc_bigint_add(lx_heap(I), hi, one) : NULL;
    rc_xdecref(hi);
    rc_xdecref(one);
    if (!stop)
        return lx_exc_occurred(I) ? NULL : lx_raise_heap_error(I);
    rc_object *args[2] = {a[1], stop};
    rc_object *out = random_range(I, r, args, 2);
    rc_decref(stop);
    return out;
}

/* item i of a sequence (new reference) */
static rc_object *seq_item(lx_interp *I, rc_object *seq, int64_t i)
{
    rc_object *idx = lx_int(I, i);
    if (!idx)
        return NULL;
    rc_object *v = lx_getitem(I, seq, idx);
    rc_decref(idx);
    return v;
}

static rc_object *r_choice(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_random *r = self_random(I, a, n, "choice");
    if (!r || mod_check_args(I, "choice", n - 1, kw, 1, 1) < 0)
        return NULL;
    rc_ssize len = lx_len(I, a[1]);
    if (len < 0)
        return NULL;
    if (len == 0)
        return lx_raise(I, LX_IndexError, "Cannot choose from an empty sequence");
    return seq_item(I, a[1], (int64_t)mt_below(r, (uint64_t)len));
}

static rc_object *r_shuffle(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_random *r = self_random(I, a, n, "shuffle");
    if (!r || mod_check_args(I, "shuffle", n - 1, kw, 1, 1) < 0)
        return NULL;
    rc_object *x = a[1];
    if (x->type != &rc_list_type)
        return lx_raise(I, LX_TypeError, "shuffle() of a '%s' is not supported by reclaim (lists only)",
                        lx_type_name(I, x));
    for (rc_ssize i = rc_list_len(x) - 1; i > 0; i--) {
        rc_ssize j = (rc_ssize)mt_below(r, (uint64_t)i + 1);
        rc_object *vi = rc_list_get(x, i), *vj = rc_list_get(x, j);
        rc_incref(vi);
        rc_incref(vj);
        int bad = rc_list_set(x, i, vj) < 0 || rc_list_set(x, j, vi) < 0;
        rc_decref(vi);
        rc_decref(vj);
        if (bad)
            return mod_raise_nomem(I);
    }
    return rc_none();
}

/* ---- sample --------------------------------------------------------------------------- */

/* The indexes already drawn, for a large population: open addressing
 * over int64 (CPython uses a set; only membership matters). */
typedef struct index_set {
    int64_t *slots;            /* -1: empty */
    size_t mask;
} index_set;

static int index_set_add(index_set *s, int64_t v)    /* 1 added, 0 was there */
{
    size_t h = (size_t)((uint64_t)v * 0x9e3779b97f4a7c15u) & s->mask;
    for (; s->slots[h] != -1; h = (h + 1) & s->mask)
        if (s->slots[h] == v)
            return 0;
    s->slots[h] = v;
    return 1;
}

static int sample_is_sequence(lx_interp *I, rc_object *pop)
{
    static const char *const seqs[] = {"list", "tuple", "str", "bytes", "range"};
    const char *tn = lx_type_name(I, pop);
    for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
        if (!strcmp(tn, seqs[i]))
            return 1;
    return 0;
}

/* CPython draws from a copied pool when the population is small against
 * k, and by rejection against the indexes drawn otherwise. */
static int64_t sample_pool_limit(int64_t k)
{
    int64_t setsize = 21;
    if (k > 5)
        setsize += (int64_t)pow(4.0, ceil(log((double)k * 3) / log(4.0)));
    return setsize;
}

static int sample_from_pool(lx_interp *I, lx_random *r, rc_object *pop, int64_t n, int64_t k, rc_object *out)
{
    rc_object *pool = rc_list_new(lx_heap(I));
    if (!pool)
        return mod_raise_nomem(I), -1;
    for (int64_t i = 0; i < n; i++)
        if (mod_list_append_new(I, pool, seq_item(I, pop, i)) < 0) {
            rc_decref(pool);
            return -1;
        }
    for (int64_t i = 0; i < k; i++) {
        int64_t j = (int64_t)mt_below(r, (uint64_t)(n - i));
        if (rc_list_append(out, rc_list_get(pool, j)) < 0 ||
            rc_list_set(pool, j, rc_list_get(pool, n - i - 1)) < 0) {
            rc_decref(pool);
            return mod_raise_nomem(I), -1;
        }
    }
    rc_decref(pool);
    return 0;
}

static int sample_by_rejection(lx_interp *I, lx_random *r, rc_object *pop, int64_t n, int64_t k, rc_object *out)
{
    size_t cap = 16;
    while (cap < (size_t)k * 2)
        cap *= 2;
    index_set s = {malloc(cap * sizeof(int64_t)), cap - 1};
    if (!s.slots)
        return lx_raise(I, LX_MemoryError, "sample()"), -1;
    memset(s.slots, 0xff, cap * sizeof(int64_t));
    int rc = 0;
    for (int64_t i = 0; i < k && rc == 0; i++) {
        int64_t j = (int64_t)mt_below(r, (uint64_t)n);
        while (!index_set_add(&s, j))
            j = (int64_t)mt_below(r, (uint64_t)n);
        rc = mod_list_append_new(I, out, seq_item(I, pop, j));
    }
    free(s.slots);
    return rc;
}

static rc_object *r_sample(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"population", "k", "counts"};
    rc_object *s[3];
    int64_t k;
    lx_random *r = self_random(I, a, n, "sample");
    if (!r || mod_parse_args(I, "sample", a + 1, n - 1, kw, names, 3, s) < 0)
        return NULL;
    if (!s[0] || !s[1])
        return lx_raise(I, LX_TypeError, "sample() missing required argument '%s'", s[0] ? "k" : "population");
    if (s[2] && s[2]->type != &rc_none_type)
        return lx_raise(I, LX_NotImplementedError, "sample(counts=...) is not supported by reclaim yet");
    if (!sample_is_sequence(I, s[0]))
        return lx_raise(I, LX_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    if (lx_arg_int(I, "sample", s[1], &k) < 0)
        return NULL;
    rc_ssize len = lx_len(I, s[0]);
    if (len < 0)
        return NULL;
    if (k < 0 || k > len)
        return lx_raise(I, LX_ValueError, "Sample larger than population or is negative");
    rc_object *out = rc_list_new(lx_heap(I));
    if (!out)
        return mod_raise_nomem(I);
    int rc = len <= sample_pool_limit(k) ? sample_from_pool(I, r, s[0], len, k, out)
                                         : sample_by_rejection(I, r, s[0], len, k, out);
    if (rc < 0)
        RC_CLEAR(out);
    return out;
}

/* ---- choices ---------------------------------------------------------------------------- */

/* The cumulative weights as doubles (malloc'd), from weights or
 * cum_weights; NULL with the exception set. */
static double *cumulative_weights(lx_interp *I, rc_object *w, int already_cumulative, rc_ssize n)
{
    rc_ssize wn = lx_len(I, w);
    if (wn < 0)
        return NULL;
    if (wn != n) {
        lx_raise(I, LX_ValueError, "The number of weights does not match the population");
        return NULL;
    }
    double *cum = malloc((size_t)(n ? n : 1) * sizeof(double)), acc = 0.0;
    if (!cum) {
        lx_raise(I, LX_MemoryError, "choices()");
        return NULL;
    }
    for (rc_ssize i = 0; i < n; i++) {
        rc_object *v = seq_item(I, w, i);
        double d;
        int bad = !v || lx_arg_float(I, "choices", v, &d) < 0;
        if (v)
            rc_decref(v);
        if (bad) {
            free(cum);
            return NULL;
        }
        cum[i] = already_cumulative ? d : (acc += d);
    }
    return cum;
}

/* bisect_right(cum, x, 0, hi) */
static rc_ssize bisect_right(const double *cum, double x, rc_ssize hi)
{
    rc_ssize lo = 0;
    while (lo < hi) {
        rc_ssize mid = (lo + hi) / 2;
        if (x < cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static int choices_fill(lx_interp *I, lx_random *r, rc_object *pop, rc_ssize n, const double *cum, int64_t k,
                        rc_object *out)
{
    double total = cum ? cum[n - 1] + 0.0 : 0.0;
    if (cum && total <= 0.0)
        return lx_raise(I, LX_ValueError, "Total of weights must be greater than zero"), -1;
    if (cum && !isfinite(total))
        return lx_raise(I, LX_ValueError, "Total of weights must be finite"), -1;
    for (int64_t i = 0; i < k; i++) {
        int64_t j = cum ? bisect_right(cum, mt_random(r) * total, n - 1) : (int64_t)floor(mt_random(r) * (double)n);
        if (mod_list_append_new(I, out, seq_item(I, pop, j)) < 0)
            return -1;
    }
    return 0;
}

static rc_object *r_choices(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    static const char *const names[] = {"population", "weights", "cum_weights", "k"};
    rc_object *s[4];
    int64_t k = 1;
    lx_random *r = self_random(I, a, n, "choices");
    if (!r || mod_parse_args(I, "choices", a + 1, n - 1, kw, names, 4, s) < 0)
        return NULL;
    if (n - 1 > 2)
        return lx_raise(I, LX_TypeError, "choices() takes from 2 to 3 positional arguments but %zu were given", n);
    if (!s[0])
        return lx_raise(I, LX_TypeError, "choices() missing 1 required positional argument: 'population'");
    if (s[3] && lx_arg_int(I, "choices", s[3], &k) < 0)
        return NULL;
    int has_w = s[1] && s[1]->type != &rc_none_type, has_cw = s[2] && s[2]->type != &rc_none_type;
    if (has_w && has_cw)
        return lx_raise(I, LX_TypeError, "Cannot specify both weights and cumulative weights");
    if (has_w && (s[1]->type == &rc_int_type))
        return lx_raise(I, LX_TypeError, "The number of choices must be a keyword argument: k=%lld",
                        (long long)rc_int_value(s[1]));
    rc_ssize len = lx_len(I, s[0]);
    if (len < 0)
        return NULL;
    double *cum = NULL;
    if ((has_w || has_cw) && !(cum = cumulative_weights(I, has_w ? s[1] : s[2], has_cw, len)))
        return NULL;
    rc_object *out = rc_list_new(lx_heap(I));
    if (!out || choices_fill(I, r, s[0], len, cum, k, out) < 0) {
        if (!out)
            mod_raise_nomem(I);
        RC_CLEAR(out);
    }
    free(cum);
    return out;
}

/* ---- real-valued distributions ------------------------------------------------------------- */

/* The generator, with the float arguments after self in v[0..); NULL with
 * the exception set. */
static lx_random *float_args(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw, const char *fname,
                             size_t min, size_t max, double *v)
{
    lx_random *r = self_random(I, a, n, fname);
    if (!r || mod_check_args(I, fname, n - 1, kw, min, max) < 0)
        return NULL;
    for (size_t i = 1; i < n; i++)
        if (lx_arg_float(I, fname, a[i], &v[i - 1]) < 0)
            return NULL;
    return r;
}

static rc_object *r_uniform(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double v[2];
    lx_random *r = float_args(I, a, n, kw, "uniform", 2, 2, v);
    return r ? lx_float(I, v[0] + (v[1] - v[0]) * mt_random(r)) : NULL;
}

static rc_object *r_triangular(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double v[3] = {0.0, 1.0, 0.0};
    lx_random *r = float_args(I, a, n, kw, "triangular", 0, 3, v);
    if (!r)
        return NULL;
    double low = v[0], high = v[1], u = mt_random(r);
    if (n > 3 && high == low) {   /* CPython returns low itself */
        rc_incref(a[1]);
        return a[1];
    }
    double c = n > 3 ? (v[2] - low) / (high - low) : 0.5;
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        double t = low;
        low = high;
        high = t;
    }
    return lx_float(I, low + (high - low) * sqrt(u * c));
}

static double gauss_draw(lx_random *r)
{
    if (r->has_gauss) {
        r->has_gauss = 0;
        return r->gauss_next;
    }
    double x2pi = mt_random(r) * TWO_PI;
    double g2rad = sqrt(-2.0 * log(1.0 - mt_random(r)));
    r->gauss_next = sin(x2pi) * g2rad;
    r->has_gauss = 1;
    return cos(x2pi) * g2rad;
}

static rc_object *r_gauss(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double v[2] = {0.0, 1.0};
    lx_random *r = float_args(I, a, n, kw, "gauss", 0, 2, v);
    return r ? lx_float(I, v[0] + gauss_draw(r) * v[1]) : NULL;
}

/* Kinderman and Monahan's ratio method, as CPython draws it. */
static double normal_draw(lx_random *r)
{
    const double magic = 4.0 * exp(-0.5) / sqrt(2.0);
    for (;;) {
        double u1 = mt_random(r), u2 = 1.0 - mt_random(r);
        double z = magic * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -log(u2))
            return z;
    }
}

static rc_object *r_normalvariate(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double v[2] = {0.0, 1.0};
    lx_random *r = float_args(I, a, n, kw, "normalvariate", 0, 2, v);
    return r ? lx_float(I, v[0] + normal_draw(r) * v[1]) : NULL;
}

static rc_object *r_lognormvariate(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double v[2];
    lx_random *r = float_args(I, a, n, kw, "lognormvariate", 2, 2, v);
    return r ? lx_float(I, exp(v[0] + normal_draw(r) * v[1])) : NULL;
}

static rc_object *r_expovariate(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    double v[1];
    lx_random *r = float_args(I, a, n, kw, "expovariate", 1, 1, v);
    if (!r)
        return NULL;
    if (v[0] == 0.0)
        return lx_raise(I, LX_ZeroDivisionError, "float division by zero");
    return lx_float(I, -log(1.0 - mt_random(r)) / v[0]);
}

/* ---- state ------------------------------------------------------------------------------- */

static rc_object *r_getstate(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_random *r = self_random(I, a, n, "getstate");
    if (!r || mod_check_args(I, "getstate", n - 1, kw, 0, 0) < 0)
        return NULL;
    rc_object *inner = rc_tuple_new(lx_heap(I), MT_N + 1);
    for (int i = 0; inner && i <= MT_N; i++) {
        rc_object *w = lx_int(I, i < MT_N ? (int64_t)r->mt[i] : r->index);
        if (!w || rc_tuple_set(inner, i, w) < 0)
            RC_CLEAR(inner);
        if (w)
            rc_decref(w);
    }
    if (!inner && !lx_exc_occurred(I))
        mod_raise_nomem(I);
    rc_object *items[3] = {lx_int(I, 3), inner, r->has_gauss ? lx_float(I, r->gauss_next) : rc_none()};
    rc_object *out = items[0] && items[1] && items[2] ? mod_tuple_of(I, items, 3) : NULL;
    for (int i = 0; i < 3; i++)
        if (items[i])
            rc_decref(items[i]);
    return out;
}

static int state_word(lx_interp *I, rc_object *t, int i, int64_t lo, int64_t hi, int64_t *out)
{
    rc_object *w = rc_tuple_get(t, i);
    if (w->type != &rc_int_type || rc_int_value(w) < lo || rc_int_value(w) > hi) {
        lx_raise(I, LX_ValueError, "state vector is the wrong size");   /* CPython's catch-all */
        return -1;
    }
    *out = rc_int_value(w);
    return 0;
}

static rc_object *r_setstate(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_random *r = self_random(I, a, n, "setstate");
    if (!r || mod_check_args(I, "setstate", n - 1, kw, 1, 1) < 0)
        return NULL;
    rc_object *st = a[1];
    if (st->type != &rc_tuple_type || rc_tuple_len(st) != 3 || rc_tuple_get(st, 0)->type != &rc_int_type)
        return lx_raise(I, LX_TypeError, "state must be the tuple getstate() returned");
    int64_t version = rc_int_value(rc_tuple_get(st, 0));
    if (version != 2 && version != 3)   /* 2 differs only in how pickles stored it */
        return lx_raise(I, LX_ValueError, "state with version %lld passed to Random.setstate() of version 3",
                        (long long)version);
    rc_object *inner = rc_tuple_get(st, 1), *g = rc_tuple_get(st, 2);
    if (inner->type != &rc_tuple_type)
        return lx_raise(I, LX_TypeError, "state vector must be a tuple");
    if (rc_tuple_len(inner) != MT_N + 1)
        return lx_raise(I, LX_ValueError, "state vector is the wrong size");
    uint32_t mt[MT_N];
    int64_t w, index;
    for (int i = 0; i < MT_N; i++) {
        if (state_word(I, inner, i, 0, UINT32_MAX, &w) < 0)
            return NULL;
        mt[i] = (uint32_t)w;
    }
    if (state_word(I, inner, MT_N, 0, MT_N, &index) < 0)
        return NULL;
    if (g->type != &rc_none_type && g->type != &rc_float_type)
        return lx_raise(I, LX_TypeError, "gauss state must be a float or None");
    memcpy(r->mt, mt, sizeof mt);
    r->index = (int)index;
    r->has_gauss = g->type == &rc_float_type;
    r->gauss_next = r->has_gauss ? rc_float_value(g) : 0.0;
    return rc_none();
}

static rc_object *random_repr(lx_interp *I, rc_object *self)
{
    char buf[64];
    snprintf(buf, sizeof buf, "<random.Random object at %p>", (void *)self);
    return lx_strz(I, buf);
}

static const lx_func_def random_methods[] = {
    {"seed", r_seed}, {"random", r_random}, {"getrandbits", r_getrandbits}, {"randbytes", r_randbytes},
    {"randrange", r_randrange}, {"randint", r_randint}, {"choice", r_choice}, {"choices", r_choices},
    {"shuffle", r_shuffle}, {"sample", r_sample}, {"uniform", r_uniform}, {"triangular", r_triangular},
    {"gauss", r_gauss}, {"normalvariate", r_normalvariate}, {"lognormvariate", r_lognormvariate},
    {"expovariate", r_expovariate}, {"getstate", r_getstate}, {"setstate", r_setstate}, {NULL, NULL},
};

static const lx_type_slots random_slots = {
    .type = &random_type, .name = "Random", .repr = random_repr, .methods = random_methods,
};

int lx_register_random_type(lx_interp *I)
{
    return lx_register_type(I, &random_slots);
}

/* ---- the module ---------------------------------------------------------------------------- */

static rc_object *random_new(lx_interp *I, rc_object *seed)
{
    lx_random *r = (lx_random *)rc_new(lx_heap(I), &random_type);
    if (!r)
        return mod_raise_nomem(I);
    if (random_seed_with(I, r, seed) < 0) {
        rc_decref(&r->ob);
        return NULL;
    }
    return &r->ob;
}

static rc_object *m_Random(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "Random", n, kw, 0, 1) < 0)
        return NULL;
    return random_new(I, n ? a[0] : NULL);
}

static const lx_func_def random_functions[] = {{"Random", m_Random}, {NULL, NULL}};

rc_object *lx_mod_random_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "random", random_functions);
    rc_object *inst = m ? random_new(I, NULL) : NULL;
    int rc = inst ? lx_module_set(I, m, "_inst", inst) : -1;
    for (const lx_func_def *d = random_methods; rc == 0 && d->name; d++)
        rc = mod_set_new(I, m, d->name, lx_getattr(I, inst, d->name));
    if (inst)
        rc_decref(inst);
    if (rc < 0 && m)
        RC_CLEAR(m);
    return m;
}
