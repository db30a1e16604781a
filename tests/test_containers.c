/*
 * test_containers.c — list and dict: indexes, reference counts, insertion
 * order, hashing through type slots (and their failures), collector
 * tracking, fault injection, and ten-million-long chains.
 *
 * usage: test_containers [CHAIN_LENGTH]   (default 10000000; 1000000 under ASan)
 */
#include <reclaim.h>
#include "check.h"

#include <stdint.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------------- */

static size_t live(rc_heap *h)
{
    rc_stats s;
    rc_heap_stats(h, &s);
    return s.objects_live;
}

static size_t in_use(rc_heap *h)
{
    rc_stats s;
    rc_heap_stats(h, &s);
    return s.bytes_in_use;
}

/* ---- test types ------------------------------------------------------------------- */

/* A key with an id.  key_type hashes the id, collide_type only id % 4 (long
 * probe chains); both compare ids.  plain_type has no hash: identity. */
typedef struct tkey {
    rc_object ob;
    int64_t id;
} tkey;

static int eq_calls;
static rc_object *mutate_dict;       /* mutating_type's eq changes this dict once */
static int mutate_mode;              /* 1: delete victim, 2: insert 100 keys, 3: clear by deleting all,
                                        4: add and remove a key at every call (never disarms) */
static rc_object *victim;

static int64_t key_hash(rc_object *self) { return ((tkey *)self)->id == -1 ? -2 : ((tkey *)self)->id; }
static int64_t collide_hash(rc_object *self) { return ((tkey *)self)->id & 3; }
static int64_t const_hash(rc_object *self) { (void)self; return 7; }

static int id_eq(rc_object *self, rc_object *other)
{
    eq_calls++;
    return other->type == self->type && ((tkey *)self)->id == ((tkey *)other)->id;
}

/* Fails the way a real hash would: an allocation that cannot succeed sets
 * RC_ENOMEM on the heap. */
static int64_t failing_hash(rc_object *self)
{
    void *p = rc_malloc(rc_heap_of(self), SIZE_MAX / 2);
    rc_free(rc_heap_of(self), p);
    return -1;
}

static int failing_eq(rc_object *self, rc_object *other)
{
    (void)other;
    void *p = rc_malloc(rc_heap_of(self), SIZE_MAX / 2);
    rc_free(rc_heap_of(self), p);
    return -1;
}

static rc_heap *mutate_heap;

static int mutating_eq(rc_object *self, rc_object *other)
{
    rc_object *d = mutate_dict;
    if (mutate_mode != 4)
        mutate_dict = NULL;             /* once */
    if (d && mutate_mode == 4) {
        rc_object *k = rc_int_new(mutate_heap, 100000);
        rc_dict_set(d, k, k);
        rc_dict_del(d, k);
        rc_decref(k);
    } else if (d && mutate_mode == 1) {
        rc_dict_del(d, victim);
    } else if (d && mutate_mode == 2) {
        for (int i = 0; i < 100; i++) {
            rc_object *k = rc_int_new(mutate_heap, 100000 + i);
            rc_dict_set(d, k, k);
            rc_decref(k);
        }
    } else if (d && mutate_mode == 3) {
        rc_object *k, *v;
        rc_ssize pos = 0;
        while ((pos = 0, rc_dict_next(d, &pos, &k, &v)))
            rc_dict_del(d, k);
    }
    return id_eq(self, other);
}

static const rc_type key_type = {.name = "key", .size = sizeof(tkey), .hash = key_hash, .eq = id_eq};
static const rc_type collide_type = {.name = "collide", .size = sizeof(tkey), .hash = collide_hash, .eq = id_eq};
static const rc_type plain_type = {.name = "plain", .size = sizeof(tkey)};
static const rc_type failing_type = {.name = "failing", .size = sizeof(tkey), .hash = failing_hash};
static const rc_type bad_eq_type = {.name = "bad_eq", .size = sizeof(tkey), .hash = const_hash, .eq = failing_eq};
static const rc_type mutating_type = {.name = "mutating", .size = sizeof(tkey), .hash = const_hash, .eq = mutating_eq};

static rc_object *new_key(rc_heap *h, const rc_type *t, int64_t id)
{
    tkey *k = (tkey *)rc_new(h, t);
    REQUIRE(k);
    k->id = id;
    return &k->ob;
}

/* A watcher: its destructor looks at the container named by `watched`. */
static rc_object *watched;
static rc_ssize watched_len;
static rc_object *watched_first;

static void watcher_destroy(rc_object *self)
{
    (void)self;
    if (!watched)
        return;
    watched_len = rc_is_type(watched, &rc_list_type) ? rc_list_len(watched) : rc_dict_len(watched);
    watched_first = NULL;
    if (rc_is_type(watched, &rc_list_type) && watched_len > 0)
        watched_first = rc_list_get(watched, 0);
}
static const rc_type watcher_type = {.name = "watcher", .size = sizeof(tkey), .destroy = watcher_destroy};

/* ---- list ------------------------------------------------------------------------- */

static void test_list_basics(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *l = rc_list_new(h);
    REQUIRE(l);
    CHECK(rc_gc_is_tracked(l));
    CHECK_EQ(rc_list_len(l), 0);
    rc_object *a = new_key(h, &plain_type, 1), *b = new_key(h, &plain_type, 2),
              *c = new_key(h, &plain_type, 3), *d = new_key(h, &plain_type, 4);

    /* empty list: every index is out of range */
    rc_error_clear(h);
    CHECK(rc_list_get(l, 0) == NULL);
    CHECK_EQ(rc_error(h), RC_ERANGE);
    rc_error_clear(h);
    CHECK(rc_list_get(l, -1) == NULL);
    CHECK_EQ(rc_error(h), RC_ERANGE);
    rc_error_clear(h);
    CHECK(rc_list_pop(l, -1) == NULL);
    CHECK_EQ(rc_error(h), RC_ERANGE);
    CHECK_EQ(rc_list_set(l, 0, a), -1);
    CHECK_EQ(rc_list_insert(l, 1, a), -1);
    CHECK_EQ(rc_list_insert(l, -1, a), -1);
    CHECK_EQ(rc_refcount(a), 1);

    /* [a, b, c] */
    CHECK_EQ(rc_list_append(l, a), 0);
    CHECK_EQ(rc_list_append(l, b), 0);
    CHECK_EQ(rc_list_insert(l, 2, c), 0);          /* at len: append */
    CHECK_EQ(rc_list_len(l), 3);
    CHECK(rc_list_get(l, 0) == a && rc_list_get(l, 1) == b && rc_list_get(l, 2) == c);
    CHECK(rc_list_get(l, -1) == c && rc_list_get(l, -3) == a);
    CHECK_EQ(rc_refcount(a), 2);
    CHECK_EQ(rc_refcount(b), 2);
    CHECK_EQ(rc_refcount(c), 2);
    rc_error_clear(h);
    CHECK(rc_list_get(l, 3) == NULL);
    CHECK_EQ(rc_error(h), RC_ERANGE);
    rc_error_clear(h);
    CHECK(rc_list_get(l, -4) == NULL);
    CHECK_EQ(rc_error(h), RC_ERANGE);
    rc_error_clear(h);
    CHECK_EQ(rc_list_set(l, 3, d), -1);
    CHECK_EQ(rc_error(h), RC_ERANGE);
    CHECK_EQ(rc_list_set(l, -4, d), -1);
    CHECK_EQ(rc_list_insert(l, 4, d), -1);
    CHECK_EQ(rc_list_insert(l, -4, d), -1);
    CHECK(rc_list_pop(l, 3) == NULL);
    CHECK(rc_list_pop(l, -4) == NULL);
    CHECK_EQ(rc_refcount(d), 1);
    CHECK_EQ(rc_list_len(l), 3);

    /* insert with a negative index: before the item it names -> [a, d, b, c] */
    CHECK_EQ(rc_list_insert(l, -2, d), 0);
    CHECK(rc_list_get(l, 1) == d && rc_list_get(l, 2) == b);
    CHECK_EQ(rc_refcount(d), 2);
    /* insert at 0 -> [c, a, d, b, c] */
    CHECK_EQ(rc_list_insert(l, 0, c), 0);
    CHECK(rc_list_get(l, 0) == c && rc_list_get(l, 1) == a);
    CHECK_EQ(rc_refcount(c), 3);

    /* set replaces: the old item loses the list's reference */
    CHECK_EQ(rc_list_set(l, -1, a), 0);            /* [c, a, d, b, a] */
    CHECK_EQ(rc_refcount(c), 2);
    CHECK_EQ(rc_refcount(a), 3);
    CHECK_EQ(rc_list_set(l, 1, a), 0);             /* same item: counts unchanged */
    CHECK_EQ(rc_refcount(a), 3);

    /* pop hands over the list's reference */
    rc_object *p = rc_list_pop(l, 2);              /* d; [c, a, b, a] */
    CHECK(p == d);
    CHECK_EQ(rc_refcount(d), 2);
    rc_decref(p);
    p = rc_list_pop(l, -1);                        /* a; [c, a, b] */
    CHECK(p == a);
    CHECK_EQ(rc_refcount(a), 3);
    rc_decref(p);
    p = rc_list_pop(l, 0);                         /* c; [a, b] */
    CHECK(p == c);
    rc_decref(p);
    CHECK_EQ(rc_refcount(c), 1);
    CHECK_EQ(rc_list_len(l), 2);
    CHECK(rc_list_get(l, 0) == a && rc_list_get(l, 1) == b);
    CHECK_EQ(rc_refcount(a), 2);
    CHECK_EQ(rc_refcount(b), 2);

    /* NULL items are refused */
    rc_error_clear(h);
    CHECK_EQ(rc_list_append(l, NULL), -1);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK_EQ(rc_list_insert(l, 0, NULL), -1);
    CHECK_EQ(rc_list_set(l, 0, NULL), -1);
    CHECK_EQ(rc_list_len(l), 2);

    /* the list dies: its items lose one reference each */
    rc_decref(l);
    CHECK_EQ(rc_refcount(a), 1);
    CHECK_EQ(rc_refcount(b), 1);
    rc_decref(a); rc_decref(b); rc_decref(c); rc_decref(d);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_list_types_and_immortals(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *l = rc_list_new(h), *d = rc_dict_new(h), *big = rc_int_new(h, 1 << 20);
    REQUIRE(l && d && big);

    rc_error_clear(h);
    CHECK_EQ(rc_list_append(d, big), -1);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK_EQ(rc_list_len(big), -1);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK(rc_list_get(d, 0) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    CHECK_EQ(rc_list_set(d, 0, big), -1);
    CHECK_EQ(rc_list_insert(d, 0, big), -1);
    CHECK(rc_list_pop(d, 0) == NULL);
    CHECK_EQ(rc_list_len(NULL), -1);               /* no heap to tell: just -1 */
    CHECK_EQ(rc_list_len(rc_none()), -1);
    CHECK_EQ(rc_refcount(big), 1);

    /* immortal items: counts never move */
    rc_object *small = rc_int_new(h, 7);
    for (int i = 0; i < 100; i++) {
        CHECK_EQ(rc_list_append(l, rc_none()), 0);
        CHECK_EQ(rc_list_append(l, small), 0);
        CHECK_EQ(rc_list_append(l, rc_bool(i & 1)), 0);
    }
    CHECK_EQ(rc_refcount(rc_none()), RC_IMMORTAL_REFCOUNT);
    CHECK_EQ(rc_refcount(small), RC_IMMORTAL_REFCOUNT);
    CHECK(rc_list_get(l, 4) == small);
    CHECK(rc_list_get(l, 5) == rc_true());
    rc_object *p = rc_list_pop(l, 0);
    CHECK(p == rc_none());
    rc_decref(p);
    CHECK_EQ(rc_list_set(l, 0, big), 0);
    CHECK_EQ(rc_refcount(big), 2);
    rc_decref(l);
    CHECK_EQ(rc_refcount(big), 1);
    rc_decref(big);
    rc_decref(d);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    rc_heap_free(h);
}

/* Growth and shrinking: many items in, all out, memory back to nothing. */
static void test_list_growth(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *l = rc_list_new(h), *k = new_key(h, &plain_type, 0), *m = new_key(h, &plain_type, 1);
    size_t base = in_use(h);
    enum { N = 100000 };
    for (int i = 0; i < N; i++)
        REQUIRE(rc_list_append(l, i % 2 ? k : rc_int_new(h, i % 200)) == 0);
    CHECK_EQ(rc_list_len(l), N);
    CHECK_EQ(rc_refcount(k), 1 + N / 2);
    for (int i = 0; i < N; i++)
        CHECK(rc_list_get(l, i) == (i % 2 ? k : rc_int_new(h, i % 200)));
    /* inserting at the front shifts everything */
    for (int i = 0; i < 100; i++)
        REQUIRE(rc_list_insert(l, 0, m) == 0);
    CHECK(rc_list_get(l, 100) == rc_int_new(h, 0));
    CHECK_EQ(rc_refcount(m), 101);
    /* pops from the end (never fail, even when the allocator refuses to shrink) */
    rc_error_clear(h);
    rc_heap_fail_allocations(h, 0);
    for (int i = 0; i < N / 2; i++) {
        rc_object *p = rc_list_pop(l, -1);
        REQUIRE(p);
        rc_decref(p);
    }
    rc_heap_fail_allocations(h, -1);
    CHECK_EQ(rc_error(h), RC_OK);
    CHECK_EQ(rc_list_len(l), N / 2 + 100);
    for (int i = 0; i < 100; i++)                 /* from the front: [m]*100 first */
        rc_decref(rc_list_pop(l, 0));
    CHECK(rc_list_get(l, 0) == rc_int_new(h, 0));
    while (rc_list_len(l) > 0)
        rc_decref(rc_list_pop(l, -1));
    CHECK_EQ(rc_refcount(k), 1);
    CHECK_EQ(rc_refcount(m), 1);
    CHECK_EQ(in_use(h), base);             /* the array is gone */
    CHECK_EQ(rc_heap_check(h), 0);
    rc_decref(k);
    rc_decref(m);
    rc_decref(l);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    rc_heap_free(h);
}

/* Destructors that run while the list changes see a consistent list. */
static void test_list_reentrancy(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *l = rc_list_new(h), *w = new_key(h, &watcher_type, 0), *x = new_key(h, &plain_type, 1);
    watched = l;
    /* set: the old item dies after the new one is in place */
    REQUIRE(rc_list_append(l, w) == 0);
    rc_decref(w);
    watched_len = -1;
    CHECK_EQ(rc_list_set(l, 0, x), 0);
    CHECK_EQ(watched_len, 1);
    CHECK(watched_first == x);
    /* clear (by the collector): the list is already empty when items die */
    w = new_key(h, &watcher_type, 0);
    REQUIRE(rc_list_append(l, w) == 0);
    rc_decref(w);
    REQUIRE(rc_list_append(l, l) == 0);            /* a cycle */
    rc_decref(x);
    rc_decref(l);
    watched_len = -1;
    CHECK_EQ(rc_gc_collect(h, 2), 1);              /* the list; the others are not GC objects */
    CHECK_EQ(watched_len, 0);
    watched = NULL;
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    rc_heap_free(h);
}

/* ---- dict ------------------------------------------------------------------------- */

static void test_dict_basics(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *d = rc_dict_new(h);
    REQUIRE(d);
    CHECK(!rc_gc_is_tracked(d));
    CHECK_EQ(rc_dict_len(d), 0);
    rc_object *k1 = new_key(h, &key_type, 1), *k2 = new_key(h, &key_type, 2), *k1b = new_key(h, &key_type, 1);
    rc_object *v1 = new_key(h, &plain_type, 10), *v2 = new_key(h, &plain_type, 20), *v3 = new_key(h, &plain_type, 30);

    rc_error_clear(h);
    CHECK(rc_dict_get(d, k1) == NULL);
    CHECK_EQ(rc_error(h), RC_EKEY);
    rc_error_clear(h);
    CHECK_EQ(rc_dict_del(d, k1), -1);
    CHECK_EQ(rc_error(h), RC_EKEY);
    rc_ssize pos = 0;
    CHECK_EQ(rc_dict_next(d, &pos, NULL, NULL), 0);

    CHECK_EQ(rc_dict_set(d, k1, v1), 0);
    CHECK_EQ(rc_dict_set(d, k2, v2), 0);
    CHECK_EQ(rc_dict_len(d), 2);
    CHECK_EQ(rc_refcount(k1), 2);
    CHECK_EQ(rc_refcount(v1), 2);
    eq_calls = 0;
    CHECK(rc_dict_get(d, k1) == v1);
    CHECK_EQ(eq_calls, 0);                         /* the same object: no comparison */
    CHECK(rc_dict_get(d, k1b) == v1);              /* equal key, other object */
    CHECK_EQ(eq_calls, 1);
    CHECK(rc_dict_get(d, k2) == v2);
    CHECK_EQ(rc_refcount(v1), 2);                  /* get is borrowed */

    /* replacing through an equal key: the stored key stays, the value changes */
    CHECK_EQ(rc_dict_set(d, k1b, v3), 0);
    CHECK_EQ(rc_dict_len(d), 2);
    CHECK_EQ(rc_refcount(k1b), 1);
    CHECK_EQ(rc_refcount(k1), 2);
    CHECK_EQ(rc_refcount(v1), 1);
    CHECK_EQ(rc_refcount(v3), 2);
    rc_object *k, *v;
    pos = 0;
    CHECK_EQ(rc_dict_next(d, &pos, &k, &v), 1);
    CHECK(k == k1 && v == v3);                     /* kept its place */
    CHECK_EQ(rc_dict_next(d, &pos, &k, &v), 1);
    CHECK(k == k2 && v == v2);
    CHECK_EQ(rc_dict_next(d, &pos, &k, &v), 0);
    CHECK_EQ(rc_dict_next(d, &pos, &k, &v), 0);    /* stays at the end */

    /* delete through an equal key */
    CHECK_EQ(rc_dict_del(d, k1b), 0);
    CHECK_EQ(rc_dict_len(d), 1);
    CHECK_EQ(rc_refcount(k1), 1);
    CHECK_EQ(rc_refcount(v3), 1);
    rc_error_clear(h);
    CHECK(rc_dict_get(d, k1) == NULL);
    CHECK_EQ(rc_error(h), RC_EKEY);
    /* re-inserted: goes to the end */
    CHECK_EQ(rc_dict_set(d, k1, v1), 0);
    pos = 0;
    CHECK_EQ(rc_dict_next(d, &pos, &k, NULL), 1);
    CHECK(k == k2);
    CHECK_EQ(rc_dict_next(d, &pos, NULL, &v), 1);
    CHECK(v == v1);

    /* NULLs and wrong types */
    rc_error_clear(h);
    CHECK_EQ(rc_dict_set(d, NULL, v1), -1);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK_EQ(rc_dict_set(d, k1, NULL), -1);
    CHECK(rc_dict_get(d, NULL) == NULL);
    CHECK_EQ(rc_dict_del(d, NULL), -1);
    rc_error_clear(h);
    CHECK_EQ(rc_dict_set(v1, k1, v1), -1);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK(rc_dict_get(v1, k1) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    CHECK_EQ(rc_dict_del(v1, k1), -1);
    CHECK_EQ(rc_dict_len(v1), -1);
    pos = 0;
    CHECK_EQ(rc_dict_next(v1, &pos, &k, &v), 0);
    CHECK_EQ(rc_dict_len(NULL), -1);
    CHECK_EQ(rc_dict_len(d), 2);

    /* the dict dies: keys and values lose one reference each */
    CHECK_EQ(rc_refcount(k1), 2);
    CHECK_EQ(rc_refcount(v1), 2);
    rc_decref(d);
    CHECK_EQ(rc_refcount(k1), 1);
    CHECK_EQ(rc_refcount(v1), 1);
    CHECK_EQ(rc_refcount(k2), 1);
    CHECK_EQ(rc_refcount(v2), 1);
    rc_decref(k1); rc_decref(k2); rc_decref(k1b);
    rc_decref(v1); rc_decref(v2); rc_decref(v3);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    rc_heap_free(h);
}

/* Identity keys (no hash slot) and immortal keys and values. */
static void test_dict_identity_and_immortals(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *d = rc_dict_new(h);
    rc_object *a = new_key(h, &plain_type, 1), *b = new_key(h, &plain_type, 1);
    CHECK_EQ(rc_dict_set(d, a, rc_true()), 0);
    CHECK_EQ(rc_dict_set(d, b, rc_false()), 0);     /* same id, other object: another key */
    CHECK_EQ(rc_dict_len(d), 2);
    CHECK(rc_dict_get(d, a) == rc_true());
    CHECK(rc_dict_get(d, b) == rc_false());
    CHECK_EQ(rc_dict_set(d, rc_none(), rc_none()), 0);
    CHECK_EQ(rc_dict_set(d, rc_int_new(h, 5), rc_none()), 0);
    CHECK(rc_dict_get(d, rc_none()) == rc_none());
    CHECK(rc_dict_get(d, rc_int_new(h, 5)) == rc_none());
    rc_object *big = rc_int_new(h, 5000), *big2 = rc_int_new(h, 5000);
    CHECK_EQ(rc_dict_set(d, big, big), 0);
    CHECK(rc_dict_get(d, big2) == big);              /* ints compare by value */
    CHECK_EQ(rc_refcount(big), 3);
    CHECK_EQ(rc_dict_del(d, rc_none()), 0);
    CHECK_EQ(rc_dict_len(d), 4);
    CHECK(!rc_gc_is_tracked(d));
    rc_decref(d);
    CHECK_EQ(rc_refcount(big), 1);
    CHECK_EQ(rc_refcount(a), 1);
    rc_decref(a); rc_decref(b); rc_decref(big); rc_decref(big2);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    rc_heap_free(h);
}

/* Iterate and check the keys are exactly want[0..n) in order. */
static int dict_keys_are(rc_object *d, rc_object **want, rc_ssize n)
{
    rc_ssize pos = 0, i = 0;
    rc_object *k, *v;
    while (rc_dict_next(d, &pos, &k, &v)) {
        if (i >= n || k != want[i] || v != want[i])
            return 0;
        i++;
    }
    return i == n && rc_dict_len(d) == n;
}

/* 100k keys: order kept across resizes and deletes. */
static void test_dict_order(const rc_type *kt, int n)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *d = rc_dict_new(h);
    rc_object **keys = malloc(sizeof *keys * (size_t)n * 2), **want = malloc(sizeof *want * (size_t)n * 2);
    REQUIRE(keys && want);
    for (int i = 0; i < 2 * n; i++)
        keys[i] = kt ? new_key(h, kt, i) : rc_int_new(h, 1000 + i);
    for (int i = 0; i < n; i++)
        REQUIRE(rc_dict_set(d, keys[i], keys[i]) == 0);
    CHECK(dict_keys_are(d, keys, n));
    int bad = 0;
    for (int i = 0; i < n; i++)
        bad += rc_dict_get(d, keys[i]) != keys[i];
    CHECK_EQ(bad, 0);
    CHECK_EQ(rc_refcount(keys[0]), 3);
    /* delete every third key, then add n more: resizes compact the holes */
    rc_ssize m = 0;
    for (int i = 0; i < n; i++) {
        if (i % 3 == 0)
            REQUIRE(rc_dict_del(d, keys[i]) == 0);
        else
            want[m++] = keys[i];
    }
    CHECK(dict_keys_are(d, want, m));
    CHECK_EQ(rc_refcount(keys[0]), 1);
    for (int i = n; i < 2 * n; i++) {
        REQUIRE(rc_dict_set(d, keys[i], keys[i]) == 0);
        want[m++] = keys[i];
    }
    CHECK(dict_keys_are(d, want, m));
    /* replacing values keeps every position */
    for (rc_ssize i = 0; i < m; i += 7)
        REQUIRE(rc_dict_set(d, want[i], want[i]) == 0);
    CHECK(dict_keys_are(d, want, m));
    rc_error_clear(h);
    CHECK(rc_dict_get(d, keys[0]) == NULL);
    CHECK_EQ(rc_error(h), RC_EKEY);
    /* a deleted key comes back at the end */
    REQUIRE(rc_dict_set(d, keys[3], keys[3]) == 0);
    want[m++] = keys[3];
    CHECK(dict_keys_are(d, want, m));
    /* delete everything, then the dict still works */
    for (rc_ssize i = 0; i < m; i++)
        REQUIRE(rc_dict_del(d, want[i]) == 0);
    CHECK_EQ(rc_dict_len(d), 0);
    CHECK(dict_keys_are(d, want, 0));
    REQUIRE(rc_dict_set(d, keys[1], keys[1]) == 0);
    CHECK(dict_keys_are(d, keys + 1, 1));
    rc_decref(d);
    for (int i = 0; i < 2 * n; i++) {
        CHECK(rc_is_immortal(keys[i]) || rc_refcount(keys[i]) == 1);
        rc_decref(keys[i]);
    }
    free(keys);
    free(want);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Snapshot of a dict's items in order. */
typedef struct snapshot { rc_ssize n; rc_object *k[64], *v[64]; } snapshot;

static snapshot take(rc_object *d)
{
    snapshot s = {0};
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (s.n < 64 && rc_dict_next(d, &pos, &k, &v)) {
        s.k[s.n] = k;
        s.v[s.n++] = v;
    }
    return s;
}

static int same(const snapshot *a, const snapshot *b)
{
    return a->n == b->n && memcmp(a->k, b->k, sizeof(rc_object *) * (size_t)a->n) == 0 &&
           memcmp(a->v, b->v, sizeof(rc_object *) * (size_t)a->n) == 0;
}

/* Hash or comparison failures leave the dict as it was. */
static void test_dict_failures(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *d = rc_dict_new(h);
    for (int i = 0; i < 10; i++) {
        rc_object *k = new_key(h, &key_type, i);
        REQUIRE(rc_dict_set(d, k, k) == 0);
        rc_decref(k);
    }
    rc_object *fk = new_key(h, &failing_type, 7), *be = new_key(h, &bad_eq_type, 1),
              *be2 = new_key(h, &bad_eq_type, 2);
    snapshot before = take(d);
    size_t objs = live(h), bytes = in_use(h);

    rc_error_clear(h);
    CHECK_EQ(rc_dict_set(d, fk, fk), -1);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    rc_error_clear(h);
    CHECK(rc_dict_get(d, fk) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);              /* the hash's error, not RC_EKEY */
    rc_error_clear(h);
    CHECK_EQ(rc_dict_del(d, fk), -1);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK_EQ(rc_refcount(fk), 1);
    snapshot after = take(d);
    CHECK(same(&before, &after));
    CHECK_EQ(live(h), objs);
    CHECK_EQ(in_use(h), bytes);

    /* a failing eq: only called when hashes match, so store one such key */
    CHECK_EQ(rc_dict_set(d, be, be), 0);           /* no comparison yet */
    before = take(d);
    rc_error_clear(h);
    CHECK_EQ(rc_dict_set(d, be2, be2), -1);        /* compares be with be2: fails */
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    rc_error_clear(h);
    CHECK(rc_dict_get(d, be2) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK_EQ(rc_dict_del(d, be2), -1);
    CHECK(rc_dict_get(d, be) == be);               /* identity never calls eq */
    CHECK_EQ(rc_refcount(be2), 1);
    after = take(d);
    CHECK(same(&before, &after));
    CHECK_EQ(rc_dict_len(d), 11);

    rc_decref(fk); rc_decref(be); rc_decref(be2);
    rc_decref(d);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    rc_heap_free(h);
}

/* Long probe chains and comparisons that change the dict under the lookup. */
static void test_dict_collisions_and_mutation(void)
{
    rc_heap *h = rc_heap_new(NULL);
    mutate_heap = h;

    for (int mode = 1; mode <= 3; mode++) {
        rc_object *d = rc_dict_new(h);
        rc_object *m[4];
        for (int i = 0; i < 4; i++) {
            m[i] = new_key(h, &mutating_type, i);
            REQUIRE(rc_dict_set(d, m[i], m[i]) == 0);   /* compares: no dict to mutate yet */
        }
        victim = m[0];
        mutate_mode = mode;
        mutate_dict = d;
        rc_object *probe = new_key(h, &mutating_type, 3);
        rc_object *got = rc_dict_get(d, probe);
        CHECK(mutate_dict == NULL);                     /* the mutation happened */
        if (mode == 3) {
            CHECK(got == NULL);                          /* everything was deleted */
            CHECK_EQ(rc_dict_len(d), 0);
        } else {
            CHECK(got == m[3]);
            CHECK_EQ(rc_dict_len(d), mode == 1 ? 3 : 104);
        }
        mutate_dict = d;                                 /* and on insertion */
        CHECK_EQ(rc_dict_set(d, probe, probe), 0);
        mutate_dict = NULL;
        CHECK(rc_dict_get(d, probe) == probe);          /* the value; the key stays m[3] */
        rc_decref(probe);
        rc_decref(d);
        for (int i = 0; i < 4; i++) {
            CHECK_EQ(rc_refcount(m[i]), 1);
            rc_decref(m[i]);
        }
    }

    /* a comparison that changes the dict every time: the lookup gives up */
    rc_object *d = rc_dict_new(h), *m0 = new_key(h, &mutating_type, 0), *m1 = new_key(h, &mutating_type, 1);
    REQUIRE(rc_dict_set(d, m0, m0) == 0);
    mutate_mode = 4;
    mutate_dict = d;
    rc_error_clear(h);
    CHECK(rc_dict_get(d, m1) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK_EQ(rc_dict_set(d, m1, m1), -1);
    CHECK_EQ(rc_dict_len(d), 1);
    mutate_dict = NULL;
    mutate_mode = 0;
    CHECK_EQ(rc_dict_set(d, m1, m1), 0);
    CHECK_EQ(rc_dict_len(d), 2);
    rc_decref(d);
    rc_decref(m0);
    rc_decref(m1);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    rc_heap_free(h);
}

/* Untracked while every key and value is atomic; tracked after a list. */
static void test_dict_tracking(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *d = rc_dict_new(h);
    CHECK(!rc_gc_is_tracked(d));
    rc_object *big = rc_int_new(h, 1 << 20), *t = rc_tuple_new(h, 2);
    REQUIRE(big && t);
    rc_tuple_set(t, 0, big);
    rc_tuple_set(t, 1, rc_none());
    CHECK(!rc_gc_is_tracked(t));
    CHECK_EQ(rc_dict_set(d, big, rc_none()), 0);
    CHECK_EQ(rc_dict_set(d, rc_none(), big), 0);
    CHECK_EQ(rc_dict_set(d, t, t), 0);                  /* an untracked tuple is atomic */
    CHECK(!rc_gc_is_tracked(d));
    rc_object *l = rc_list_new(h);
    CHECK_EQ(rc_dict_set(d, big, l), 0);                /* a list value (replacing) */
    CHECK(rc_gc_is_tracked(d));

    rc_object *d2 = rc_dict_new(h), *d3 = rc_dict_new(h);
    CHECK_EQ(rc_dict_set(d2, l, rc_none()), 0);         /* identity-hashed GC key */
    CHECK(rc_gc_is_tracked(d2));
    CHECK_EQ(rc_dict_set(d3, rc_none(), d3), 0);        /* a dict holding itself */
    CHECK(rc_gc_is_tracked(d3));

    /* d3 holds itself; d and l hold each other */
    CHECK_EQ(rc_list_append(l, d), 0);
    size_t objs = live(h);
    rc_decref(d3);
    rc_decref(d);
    rc_decref(l);
    rc_decref(d2);
    CHECK_EQ(live(h), objs - 1);                        /* d2 died, the cycles live on */
    CHECK_EQ(rc_gc_collect(h, 2), 3);
    /* survivors of a full collection are still collected by the next one */
    rc_object *again = rc_dict_new(h);
    REQUIRE(again && rc_dict_set(again, big, again) == 0);
    CHECK_EQ(rc_gc_collect(h, 2), 0);
    rc_decref(again);
    CHECK_EQ(rc_gc_collect(h, 2), 1);
    CHECK_EQ(rc_refcount(big), 2);                      /* ours and the tuple's */
    rc_decref(t);
    rc_decref(big);
    CHECK_EQ(live(h), 0);
    rc_heap_trim(h);                                    /* the dead tuple waits in a cache */
    CHECK_EQ(in_use(h), 0);
    rc_heap_free(h);
}

/* rc_list_reserve: one exact allocation, appends up to it allocate nothing,
 * a smaller request changes nothing, a failure leaves the list usable. */
static void test_list_reserve(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *l = rc_list_new(h);
    REQUIRE(l);
    CHECK_EQ(rc_list_reserve(l, 1000), 0);
    size_t bytes = in_use(h);
    rc_heap_fail_allocations(h, 0);                     /* no append below may allocate */
    for (int i = 0; i < 1000; i++)
        CHECK_EQ(rc_list_append(l, rc_none()), 0);
    CHECK_EQ(rc_list_reserve(l, 10), 0);                /* already large enough */
    CHECK_EQ(rc_list_append(l, rc_none()), -1);         /* the 1001st must grow */
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK_EQ(rc_list_reserve(l, 5000), -1);
    rc_heap_fail_allocations(h, -1);
    CHECK_EQ(in_use(h), bytes);
    CHECK_EQ(rc_list_len(l), 1000);
    CHECK_EQ(rc_list_append(l, rc_none()), 0);
    CHECK(in_use(h) > bytes);
    CHECK_EQ(rc_list_reserve(rc_none(), 3), -1);        /* not a list */
    rc_decref(l);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* rc_list_capacity follows CPython's growth (0, 4, 8, 16, 24, ...) and
 * rc_list_reserve; not a list: -1. */
static void test_list_capacity(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *l = rc_list_new(h);
    REQUIRE(l);
    CHECK_EQ(rc_list_capacity(l), 0);
    static const rc_ssize expected[] = {4, 4, 4, 4, 8, 8, 8, 8, 16};
    for (int i = 0; i < 9; i++) {
        CHECK_EQ(rc_list_append(l, rc_none()), 0);
        CHECK_EQ(rc_list_capacity(l), expected[i]);
    }
    CHECK_EQ(rc_list_reserve(l, 100), 0);
    CHECK_EQ(rc_list_capacity(l), 100);
    CHECK_EQ(rc_list_capacity(rc_none()), -1);
    rc_decref(l);
    rc_heap_free(h);
}

/* rc_dict_table_shape: no table when new or cleared; CPython's sizes as it
 * grows (8, 16, 32 slots of one byte); deletions keep the table; the first
 * key that is not a str rebuilds it at 3 * used and is remembered;
 * rc_dict_clear frees the table and drops every reference. */
static void test_dict_shape_and_clear(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *d = rc_dict_new(h);
    REQUIRE(d);
    int width = -1, not_str = -1;
    rc_ssize entries = -1;
    CHECK_EQ(rc_dict_table_shape(d, &width, &entries, &not_str), 0);
    CHECK_EQ(entries, 0);
    char name[16];
    rc_object *keys[11];
    for (int i = 0; i < 11; i++) {
        snprintf(name, sizeof name, "k%d", i);
        keys[i] = rc_str_new(h, name, strlen(name));
        REQUIRE(keys[i]);
        CHECK_EQ(rc_dict_set(d, keys[i], rc_none()), 0);
    }
    CHECK_EQ(rc_dict_table_shape(d, &width, &entries, &not_str), 32);   /* 8 -> 16 at 6 -> 32 at 11 */
    CHECK_EQ(width, 1);
    CHECK_EQ(entries, 21);
    CHECK_EQ(not_str, 0);
    for (int i = 0; i < 10; i++)
        CHECK_EQ(rc_dict_del(d, keys[i]), 0);
    CHECK_EQ(rc_dict_table_shape(d, &width, &entries, &not_str), 32);   /* never shrinks */
    rc_object *wide = rc_int_new(h, (int64_t)1 << 40);   /* not a cached small int */
    REQUIRE(wide);
    CHECK_EQ(rc_dict_set(d, wide, rc_none()), 0);
    CHECK_EQ(rc_dict_table_shape(d, &width, &entries, &not_str), 8);    /* rebuilt at 3 * 1 */
    CHECK_EQ(not_str, 1);
    CHECK_EQ(rc_refcount(wide), 2);
    CHECK_EQ(rc_dict_clear(d), 0);
    CHECK_EQ(rc_dict_len(d), 0);
    CHECK_EQ(rc_refcount(wide), 1);
    CHECK_EQ(rc_dict_table_shape(d, &width, &entries, &not_str), 0);
    CHECK_EQ(rc_dict_set(d, keys[10], wide), 0);                         /* usable after */
    CHECK_EQ(rc_dict_len(d), 1);
    CHECK_EQ(rc_dict_clear(rc_none()), -1);
    CHECK_EQ(rc_dict_table_shape(rc_none(), &width, &entries, &not_str), -1);
    for (int i = 0; i < 11; i++)
        rc_decref(keys[i]);
    rc_decref(wide);
    rc_decref(d);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* rc_tuple_pack: borrowing or stealing, tracking by the rule or forced; the
 * inline accessors read what the checked ones read. */
static void test_tuple_pack(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *big = rc_int_new(h, 1 << 20), *l = rc_list_new(h);
    REQUIRE(big && l);
    rc_object *atoms[2] = {big, rc_none()};
    rc_object *t = rc_tuple_pack(h, atoms, 2, 0);
    REQUIRE(t);
    CHECK(!rc_gc_is_tracked(t));                        /* atomic items: untracked */
    CHECK_EQ(rc_refcount(big), 2);                      /* borrowed: the tuple took its own */
    CHECK_EQ(rc_tuple_len_fast(t), 2);
    CHECK(rc_tuple_get_fast(t, 0) == rc_tuple_get(t, 0));
    CHECK_EQ(rc_int_value_fast(rc_tuple_get_fast(t, 0)), rc_int_value(big));
    rc_object *forced = rc_tuple_pack(h, atoms, 2, RC_PACK_TRACK);
    REQUIRE(forced);
    CHECK(rc_gc_is_tracked(forced));
    CHECK_EQ(rc_gc_collect(h, 2), 0);
    CHECK(!rc_gc_is_tracked(forced));                   /* a collection untracks it */
    rc_object *holder[2] = {l, t};
    rc_incref(l);
    rc_incref(t);
    rc_object *with_list = rc_tuple_pack(h, holder, 2, RC_PACK_STEAL);
    REQUIRE(with_list);
    CHECK(rc_gc_is_tracked(with_list));                 /* a list item: tracked */
    CHECK_EQ(rc_refcount(l), 2);                        /* stolen: ours and the tuple's */
    CHECK(rc_tuple_pack(h, atoms, 0, 0) == rc_tuple_pack(h, atoms, 0, RC_PACK_TRACK));
    CHECK(!rc_gc_is_tracked(rc_tuple_pack(h, atoms, 0, RC_PACK_TRACK)));
    CHECK(rc_tuple_pack(h, atoms, -1, 0) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    /* out of memory: stolen references are released all the same */
    rc_incref(l);
    rc_incref(t);
    rc_heap_fail_allocations(h, 0);
    CHECK(rc_tuple_pack(h, holder, 2, RC_PACK_STEAL) == NULL);
    rc_heap_fail_allocations(h, -1);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK_EQ(rc_refcount(l), 2);
    rc_decref(with_list);
    rc_decref(forced);
    rc_decref(t);
    rc_decref(l);
    CHECK_EQ(rc_refcount(big), 1);
    rc_decref(big);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* ---- fault injection ------------------------------------------------------------------ */

typedef int (*operation)(rc_object *container, rc_object *item, rc_ssize arg);

static int op_append(rc_object *l, rc_object *x, rc_ssize i) { (void)i; return rc_list_append(l, x); }
static int op_insert(rc_object *l, rc_object *x, rc_ssize i) { return rc_list_insert(l, i, x); }
static int op_dict_set(rc_object *d, rc_object *x, rc_ssize i) { (void)i; return rc_dict_set(d, x, x); }

/* The container's contents, in order: list items, or dict keys then values. */
static rc_ssize contents(rc_object *c, rc_object **out, rc_ssize max)
{
    rc_ssize n = 0;
    if (rc_is_type(c, &rc_list_type)) {
        for (rc_ssize i = 0; i < rc_list_len(c) && n < max; i++)
            out[n++] = rc_list_get(c, i);
        return n;
    }
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (n + 1 < max && rc_dict_next(c, &pos, &k, &v)) {
        out[n++] = k;
        out[n++] = v;
    }
    return n;
}

/* op(c, x, arg) under "fail the Nth allocation" for N = 0, 1, ... until it
 * succeeds; after each failure nothing may have changed.  Returns the
 * number of failures seen. */
static int fail_until_success(rc_heap *h, operation op, rc_object *c, rc_object *x, rc_ssize arg)
{
    enum { MAX = 256 };
    rc_object *before[MAX], *after[MAX];
    rc_ssize nb = contents(c, before, MAX);
    size_t objs = live(h), bytes = in_use(h);
    rc_ssize xref = rc_refcount(x);
    for (long n = 0;; n++) {
        rc_error_clear(h);
        rc_heap_fail_allocations(h, n);
        int r = op(c, x, arg);
        rc_heap_fail_allocations(h, -1);
        if (r == 0)
            return (int)n;
        CHECK_EQ(rc_error(h), RC_ENOMEM);
        rc_ssize na = contents(c, after, MAX);
        CHECK(na == nb && memcmp(before, after, sizeof *before * (size_t)na) == 0);
        CHECK_EQ(rc_heap_check(h), 0);
        CHECK_EQ(live(h), objs);
        CHECK_EQ(in_use(h), bytes);
        CHECK_EQ(rc_refcount(x), xref);
        if (n > 10) {
            CHECK(!"an operation kept failing");
            return -1;
        }
    }
}

static void test_fault_injection(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_gc_disable(h);
    int grew = 0;

    /* list append and insert: every length 0..100, so every growth step */
    rc_object *l = rc_list_new(h), *l2 = rc_list_new(h);
    for (int i = 0; i < 100; i++) {
        rc_object *x = new_key(h, &plain_type, i);
        grew += fail_until_success(h, op_append, l, x, 0) > 0;
        fail_until_success(h, op_insert, l2, x, i % 3 == 0 ? 0 : i % 3 == 1 ? -1 : rc_list_len(l2));
        rc_decref(x);
    }
    CHECK(grew >= 10);
    CHECK_EQ(rc_list_len(l), 100);
    CHECK_EQ(rc_list_len(l2), 100);

    /* dict set of new keys: growing the table and not */
    rc_object *d = rc_dict_new(h);
    grew = 0;
    for (int i = 0; i < 120; i++) {
        rc_object *x = i % 2 ? new_key(h, &key_type, i) : new_key(h, &plain_type, i);
        grew += fail_until_success(h, op_dict_set, d, x, 0) > 0;
        CHECK(rc_dict_get(d, x) == x);
        rc_decref(x);
    }
    CHECK(grew >= 4);
    CHECK_EQ(rc_dict_len(d), 120);
    /* replacing a value never allocates */
    rc_object *k;
    rc_ssize pos = 0;
    REQUIRE(rc_dict_next(d, &pos, &k, NULL));
    CHECK_EQ(fail_until_success(h, op_dict_set, d, k, 0), 0);

    /* new containers */
    for (long n = 0; n < 2; n++) {
        size_t objs = live(h), bytes = in_use(h);
        rc_heap_fail_allocations(h, 0);
        CHECK(rc_list_new(h) == NULL);
        CHECK(rc_dict_new(h) == NULL);
        rc_heap_fail_allocations(h, -1);
        CHECK_EQ(rc_error(h), RC_ENOMEM);
        CHECK_EQ(live(h), objs);
        CHECK_EQ(in_use(h), bytes);
    }

    rc_decref(l);
    rc_decref(l2);
    rc_decref(d);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* ---- deep chains -------------------------------------------------------------------- */

/* Each container holds the next; one decref frees them all without recursion. */
static void test_deep_chain(long length, int dicts)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *head = NULL;
    for (long i = 0; i < length; i++) {
        rc_object *c = dicts ? rc_dict_new(h) : rc_list_new(h);
        REQUIRE(c);
        if (head) {
            REQUIRE((dicts ? rc_dict_set(c, rc_none(), head) : rc_list_append(c, head)) == 0);
            rc_decref(head);
        }
        head = c;
    }
    CHECK_EQ(live(h), (size_t)length);
    rc_decref(head);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(in_use(h), 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Sanitized builds are ~4x slower: a shorter default chain there. */
#if defined(__SANITIZE_ADDRESS__)
#define CHAIN_DEFAULT 1000000
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHAIN_DEFAULT 1000000
#endif
#endif
#ifndef CHAIN_DEFAULT
#define CHAIN_DEFAULT 10000000
#endif

/* The list and float layouts' inline accessors read what the checked
 * functions read; RC_SMALL_INT_MIN..MAX are the shared immortal ints. */
static void test_fast_accessors(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *l = rc_list_new(h), *f = rc_float_new(h, 2.5);
    REQUIRE(l && f);
    CHECK_EQ(rc_list_len_fast(l), 0);
    CHECK_EQ(rc_list_append(l, f), 0);
    CHECK_EQ(rc_list_append(l, rc_none()), 0);
    CHECK_EQ(rc_list_len_fast(l), rc_list_len(l));
    CHECK(rc_list_get_fast(l, 0) == rc_list_get(l, 0));
    CHECK(rc_list_get_fast(l, 1) == rc_none());
    CHECK(rc_float_value_fast(f) == rc_float_value(f));
    CHECK(rc_float_value_fast(rc_list_get_fast(l, 0)) == 2.5);
    CHECK(rc_int_new(h, RC_SMALL_INT_MIN) == rc_int_new(h, RC_SMALL_INT_MIN));
    CHECK(rc_int_new(h, RC_SMALL_INT_MAX) == rc_int_new(h, RC_SMALL_INT_MAX));
    rc_object *past = rc_int_new(h, RC_SMALL_INT_MAX + 1), *again = rc_int_new(h, RC_SMALL_INT_MAX + 1);
    REQUIRE(past && again);
    CHECK(past != again);                               /* beyond the cache: objects of their own */
    CHECK_EQ(rc_refcount(past), 1);
    rc_decref(past);
    rc_decref(again);
    rc_decref(f);
    rc_decref(l);
    rc_heap_free(h);
}

int main(int argc, char **argv)
{
    long chain = argc > 1 ? strtol(argv[1], NULL, 10) : CHAIN_DEFAULT;
    test_fast_accessors();
    test_list_basics();
    test_list_types_and_immortals();
    test_list_growth();
    test_list_reentrancy();
    test_dict_basics();
    test_dict_identity_and_immortals();
    test_dict_order(NULL, 100000);
    test_dict_order(&key_type, 100000);
    test_dict_order(&collide_type, 2000);
    test_dict_order(&plain_type, 5000);
    test_dict_failures();
    test_dict_collisions_and_mutation();
    test_dict_tracking();
    test_tuple_pack();
    test_list_reserve();
    test_list_capacity();
    test_dict_shape_and_clear();
    test_fault_injection();
    test_deep_chain(chain, 0);
    test_deep_chain(chain / 10, 1);
    return check_summary("test_containers");
}
