/*
 * str.c — immutable Unicode strings stored as UTF-8, and their interning.
 *
 * Layout.  One block per string, the text inline after the fields:
 *
 *     rc_object | len | size | hash | interned | data[size] '\0'
 *
 *   len       code points (cached: counted while validating)
 *   size      bytes of data, the terminating NUL not counted
 *   hash      HASH_UNKNOWN (-1) until first asked for, then cached; a string
 *             that is never hashed never pays for it.  -1 is free to mean
 *             "unknown" because no hash slot may return it (it means error).
 *   interned  the heap's intern table holds this string
 *
 * The text is validated strictly on creation (RFC 3629): no overlong forms,
 * no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no stray or missing
 * continuation bytes.  U+0000 is a code point like any other: a string may
 * hold NULs, and rc_str_size, not strlen, gives its size.
 *
 * Hashing.  rc__hash_bytes is shared with bytes.c, so a str and a bytes of the
 * same bytes hash alike (as in CPython; they are never equal).  It consumes
 * eight bytes per round with the round of xxHash64 (multiply, rotate,
 * multiply) and ends with the murmur3 finalizer, so every input bit affects
 * every output bit.  It is not seeded: hashes are the same in every run.
 *
 * Interning.  Each heap has a private table (h->interned) of borrowed
 * references to its canonical strings: open addressing, linear probing,
 * power-of-two capacity, allocated with rc_calloc from the heap.  Removal
 * shifts the following entries back instead of leaving tombstones.
 * Invariants:
 *   s->interned  <=>  exactly one slot of heap_of(s)'s table holds s
 *   for s at slot i: every slot from home(s) = s->hash & (cap - 1) up to i
 *     (cyclically) is occupied                          (linear probing)
 *   3 * used <= 2 * cap                                  (load at most 2/3)
 *   h->interned == NULL  <=>  no string of h is interned
 * The table holds no reference, so interned strings die when unreferenced,
 * as in CPython 3: str's destroy takes the string out of the table, and the
 * last one out frees the table.
 *
 * A dying interned string.  While a dealloc runs, an object whose count
 * reaches zero waits on h->dealloc_pending (its refcnt field is the link)
 * until its destroy runs; an interned string stays in the table meanwhile.
 * A weak reference callback or a finalizer run in that window may intern an
 * equal string: lookups skip a dying string (is_dying), so a new canonical
 * string is added beside it, and the dying one later leaves by identity.
 */
#define RC_BUILDING_LIBRARY 1
#include "../internal.h"

#include <stddef.h>
#include <string.h>

#define HASH_UNKNOWN STR_HASH_UNKNOWN     /* rc_str is in internal.h (dict.c reads the hash) */

static int64_t str_hash(rc_object *self);
static int str_eq(rc_object *self, rc_object *other);
static void str_destroy(rc_object *self);

const rc_type rc_str_type = {
    .name = "str",
    .size = offsetof(rc_str, data),
    .itemsize = 1,
    .destroy = str_destroy,
    .hash = str_hash,
    .eq = str_eq,
};

/* ---- hashing ------------------------------------------------------------------ */

#define PRIME1 0x9E3779B185EBCA87ull
#define PRIME2 0xC2B2AE3D27D4EB4Full

static inline uint64_t rotl64(uint64_t x, unsigned r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t load_word(const unsigned char *p, size_t n)   /* n <= 8 */
{
    uint64_t w = 0;
    memcpy(&w, p, n);
    return w;
}

static inline uint64_t hash_round(uint64_t acc, uint64_t word)
{
    return rotl64(acc + word * PRIME2, 31) * PRIME1;
}

static inline uint64_t avalanche(uint64_t x)        /* murmur3's fmix64 */
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    return x;
}

int64_t rc__hash_bytes(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t acc = PRIME1 ^ ((uint64_t)n * PRIME2);
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        acc = hash_round(acc, load_word(p + i, 8));
    if (i < n)
        acc = hash_round(acc, load_word(p + i, n - i));
    int64_t h = (int64_t)avalanche(acc ^ n);
    return h == -1 ? -2 : h;
}

/* ---- UTF-8 validation ------------------------------------------------------------- */

static bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

/* Checks the sequence starting at p (avail >= 1 bytes): NULL and its width in
 * *width if it is one well-formed code point, else what is wrong with it. */
static const char *utf8_sequence(const unsigned char *p, size_t avail, size_t *width)
{
    unsigned char b = p[0];
    if (b < 0x80) {
        *width = 1;
        return NULL;
    }
    if (is_continuation(b))
        return "unexpected continuation byte";
    if (b < 0xC2)
        return "overlong encoding";
    if (b > 0xF4)
        return b < 0xF8 ? "code point above U+10FFFF" : "byte never valid in UTF-8";
    size_t w = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    for (size_t k = 1; k < w; k++) {
        if (k >= avail)
            return "truncated sequence at end of input";
        if (!is_continuation(p[k]))
            return "truncated sequence (missing continuation byte)";
    }
    /* The lead bytes whose second byte has a narrower range. */
    if (b == 0xE0 && p[1] < 0xA0)
        return "overlong encoding";
    if (b == 0xED && p[1] > 0x9F)
        return "surrogate code point (U+D800..U+DFFF)";
    if (b == 0xF0 && p[1] < 0x90)
        return "overlong encoding";
    if (b == 0xF4 && p[1] > 0x8F)
        return "code point above U+10FFFF";
    *width = w;
    return NULL;
}

#define HIGH_BITS 0x8080808080808080ull

/* NULL and the code point count in *len if p[0..n) is valid UTF-8; else what
 * is wrong and the offending byte's offset in *bad_at. */
static const char *utf8_validate(const unsigned char *p, size_t n, size_t *len, size_t *bad_at)
{
    size_t i = 0, count = 0;
    while (i < n) {
        if (i + 8 <= n && !(load_word(p + i, 8) & HIGH_BITS)) {   /* eight ASCII bytes */
            i += 8;
            count += 8;
            continue;
        }
        size_t w;
        const char *why = utf8_sequence(p + i, n - i, &w);
        if (why) {
            *bad_at = i;
            return why;
        }
        i += w;
        count++;
    }
    *len = count;
    return NULL;
}

/* ---- access ------------------------------------------------------------------------ */

static bool is_str(const rc_object *o) { return o && o->type == &rc_str_type; }

/* o as a string, or NULL with RC_ETYPE on o's heap (if it has one). */
static rc_str *as_str(const rc_object *o)
{
    if (!is_str(o)) {
        rc__type_error(o, "str");
        return NULL;
    }
    return (rc_str *)o;
}

static int64_t str_hash_of(rc_str *s)
{
    if (s->hash == HASH_UNKNOWN)
        s->hash = rc__hash_bytes(s->data, s->size);
    return s->hash;
}

/* Cached hashes settle most unequal pairs; none is computed here. */
static bool same_text(const rc_str *a, const rc_str *b)
{
    bool hashes_differ = a->hash != HASH_UNKNOWN && b->hash != HASH_UNKNOWN && a->hash != b->hash;
    return !hashes_differ && str_text_equal(a, b);
}

static int64_t str_hash(rc_object *self)
{
    return str_hash_of((rc_str *)self);
}

static int str_eq(rc_object *self, rc_object *other)
{
    return is_str(other) && same_text((rc_str *)self, (rc_str *)other);
}

const char *rc_str_data(const rc_object *o)
{
    rc_str *s = as_str(o);
    return s ? s->data : NULL;
}

size_t rc_str_len(const rc_object *o)
{
    rc_str *s = as_str(o);
    return s ? s->len : 0;
}

size_t rc_str_size(const rc_object *o)
{
    rc_str *s = as_str(o);
    return s ? s->size : 0;
}

int rc_str_is_interned(const rc_object *o)
{
    rc_str *s = as_str(o);
    return s ? s->interned : 0;
}

/* ---- creation ---------------------------------------------------------------------- */

rc_object *rc_str_new(rc_heap *h, const char *utf8, size_t nbytes)
{
    if (!h)
        return NULL;
    if (!utf8 && nbytes) {
        rc__heap_set_error(h, RC_EINVAL, "rc_str_new: NULL text of %zu bytes", nbytes);
        return NULL;
    }
    size_t len = 0, bad_at = 0;
    const unsigned char *p = (const unsigned char *)utf8;
    const char *why = nbytes ? utf8_validate(p, nbytes, &len, &bad_at) : NULL;
    if (why) {
        rc__heap_set_error(h, RC_EINVAL, "rc_str_new: invalid UTF-8 at byte %zu (0x%02x): %s",
                           bad_at, p[bad_at], why);
        return NULL;
    }
    rc_str *s = (rc_str *)rc__object_alloc_bytes(h, &rc_str_type, offsetof(rc_str, data), utf8, nbytes);
    if (!s)
        return NULL;
    s->len = len;
    s->size = nbytes;
    s->hash = HASH_UNKNOWN;
    return &s->ob;
}

rc_object *rc_str_from(rc_heap *h, const char *cstr)
{
    if (!h)
        return NULL;
    if (!cstr) {
        rc__heap_set_error(h, RC_EINVAL, "rc_str_from: NULL string");
        return NULL;
    }
    return rc_str_new(h, cstr, strlen(cstr));
}

/* ---- the intern table -------------------------------------------------------------- */

typedef struct intern_table {
    size_t cap;            /* slots: a power of two */
    size_t used;           /* strings held */
    rc_str *slots[];       /* borrowed; NULL = empty */
} intern_table;

#define INTERN_MIN_CAP 32u

static size_t home_slot(rc_str *s, size_t cap)
{
    return (size_t)(uint64_t)str_hash_of(s) & (cap - 1);
}

static intern_table *table_alloc(rc_heap *h, size_t cap)
{
    size_t bytes;
    if (__builtin_mul_overflow(cap, sizeof(rc_str *), &bytes) ||
        __builtin_add_overflow(bytes, sizeof(intern_table), &bytes))
        return NULL;
    intern_table *t = rc_calloc(h, 1, bytes);
    if (t)
        t->cap = cap;
    return t;
}

/* Place s in its first free slot (s is not in t; t has a free slot). */
static void table_place(intern_table *t, rc_str *s)
{
    size_t i = home_slot(s, t->cap);
    while (t->slots[i])
        i = (i + 1) & (t->cap - 1);
    t->slots[i] = s;
    t->used++;
}

/* Make room for one more string: a first table, or one twice the size.
 * 0 on success; -1 with nothing changed if memory ran out. */
static int table_reserve(rc_heap *h)
{
    intern_table *old = h->interned;
    if (old && 3 * (old->used + 1) <= 2 * old->cap)
        return 0;
    intern_table *t = table_alloc(h, old ? 2 * old->cap : INTERN_MIN_CAP);
    if (!t) {
        rc__heap_set_error(h, RC_ENOMEM, "rc_str_intern: no memory to grow the intern table");
        return -1;
    }
    for (size_t i = 0; old && i < old->cap; i++)
        if (old->slots[i])
            table_place(t, old->slots[i]);
    rc_free(h, old);
    h->interned = t;
    return 0;
}

/* Is s waiting to be destroyed (count reached zero during a dealloc)?  Only
 * possible while a dealloc runs; then it has count 0 or is on the pending
 * list, whose links overwrite the counts, so the list is walked. */
static bool is_dying(const rc_heap *h, const rc_str *s)
{
    if (h->dealloc_depth == 0)
        return false;
    if (s->ob.refcnt == 0)
        return true;
    for (const rc_object *o = h->dealloc_pending; o; o = (const rc_object *)(uintptr_t)o->refcnt)
        if (o == &s->ob)
            return true;
    return false;
}

/* The live interned string equal to s, or NULL. */
static rc_str *table_find_equal(rc_heap *h, rc_str *s)
{
    intern_table *t = h->interned;
    if (!t)
        return NULL;
    for (size_t i = home_slot(s, t->cap); t->slots[i]; i = (i + 1) & (t->cap - 1)) {
        rc_str *e = t->slots[i];
        if (same_text(e, s) && !is_dying(h, e))
            return e;
    }
    return NULL;
}

/* Take s out (it is in the table), shifting back the entries after it so
 * that no probe sequence is broken; the last one out frees the table. */
static void table_remove(rc_heap *h, rc_str *s)
{
    intern_table *t = h->interned;
    size_t mask = t->cap - 1, hole = home_slot(s, t->cap);
    while (t->slots[hole] != s)
        hole = (hole + 1) & mask;
    for (size_t j = (hole + 1) & mask; t->slots[j]; j = (j + 1) & mask) {
        size_t home = home_slot(t->slots[j], t->cap);
        if (((j - home) & mask) >= ((j - hole) & mask)) {   /* home at or before hole */
            t->slots[hole] = t->slots[j];
            hole = j;
        }
    }
    t->slots[hole] = NULL;
    if (--t->used == 0) {
        rc_free(h, t);
        h->interned = NULL;
    }
}

rc_object *rc_str_intern(rc_heap *h, rc_object *o)
{
    if (!h)
        return NULL;
    if (!is_str(o)) {
        rc__heap_set_error(h, RC_ETYPE, "rc_str_intern: expected str, got '%s'",
                           o ? o->type->name : "NULL");
        return NULL;
    }
    if (rc_heap_of(o) != h) {
        rc__heap_set_error(h, RC_EINVAL, "rc_str_intern: the string belongs to another heap");
        return NULL;
    }
    rc_str *s = (rc_str *)o, *canonical = s->interned ? s : table_find_equal(h, s);
    if (!canonical) {
        if (table_reserve(h) != 0)
            return NULL;
        table_place(h->interned, s);
        s->interned = true;
        canonical = s;
    }
    rc_incref(canonical);
    return &canonical->ob;
}

static void str_destroy(rc_object *self)
{
    rc_str *s = (rc_str *)self;
    if (s->interned) {
        table_remove(rc_heap_of(self), s);
        s->interned = false;
    }
}
