/*
 * bytes.c — immutable byte strings.
 *
 * Layout.  One block per object, the bytes inline after the fields:
 *
 *     rc_object | len | hash | data[len] '\0'
 *
 *   len    bytes held; any values, NULs included
 *   hash   HASH_UNKNOWN (-1) until first asked for, then cached (no hash slot
 *          returns -1, so it cannot be a real value)
 *   data   followed by a NUL that is not part of the value, as in CPython,
 *          so text held in a bytes can be passed to C as it is
 *
 * The hash is rc__hash_bytes (str.c): a bytes and a str of the same bytes
 * hash alike, but a bytes equals only a bytes.
 */
#define RC_BUILDING_LIBRARY 1
#include "../internal.h"

#include <stddef.h>
#include <string.h>

#define HASH_UNKNOWN ((int64_t)-1)

typedef struct rc_bytes {
    rc_object ob;
    size_t len;
    int64_t hash;              /* HASH_UNKNOWN until computed */
    unsigned char data[];      /* len bytes, then '\0' */
} rc_bytes;

static int64_t bytes_hash(rc_object *self);
static int bytes_eq(rc_object *self, rc_object *other);

const rc_type rc_bytes_type = {
    .name = "bytes",
    .size = offsetof(rc_bytes, data),
    .itemsize = 1,
    .hash = bytes_hash,
    .eq = bytes_eq,
};

static bool is_bytes(const rc_object *o) { return o && o->type == &rc_bytes_type; }

/* o as bytes, or NULL with RC_ETYPE on o's heap (if it has one). */
static rc_bytes *as_bytes(const rc_object *o)
{
    if (!is_bytes(o)) {
        rc__type_error(o, "bytes");
        return NULL;
    }
    return (rc_bytes *)o;
}

rc_object *rc_bytes_new(rc_heap *h, const void *data, size_t n)
{
    if (!h)
        return NULL;
    if (!data && n) {
        rc__heap_set_error(h, RC_EINVAL, "rc_bytes_new: NULL data of %zu bytes", n);
        return NULL;
    }
    rc_bytes *b = (rc_bytes *)rc__object_alloc_bytes(h, &rc_bytes_type, offsetof(rc_bytes, data), data, n);
    if (!b)
        return NULL;
    b->len = n;
    b->hash = HASH_UNKNOWN;
    return &b->ob;
}

const unsigned char *rc_bytes_data(const rc_object *o)
{
    rc_bytes *b = as_bytes(o);
    return b ? b->data : NULL;
}

size_t rc_bytes_len(const rc_object *o)
{
    rc_bytes *b = as_bytes(o);
    return b ? b->len : 0;
}

static int64_t bytes_hash_of(rc_bytes *b)
{
    if (b->hash == HASH_UNKNOWN)
        b->hash = rc__hash_bytes(b->data, b->len);
    return b->hash;
}

static int64_t bytes_hash(rc_object *self)
{
    return bytes_hash_of((rc_bytes *)self);
}

static int bytes_eq(rc_object *self, rc_object *other)
{
    if (!is_bytes(other))
        return 0;
    rc_bytes *a = (rc_bytes *)self, *b = (rc_bytes *)other;
    bool hashes_differ = a->hash != HASH_UNKNOWN && b->hash != HASH_UNKNOWN && a->hash != b->hash;
    return a->len == b->len && !hashes_differ && memcmp(a->data, b->data, a->len) == 0;
}
