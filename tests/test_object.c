/*
 * test_object.c — objects, reference counts, destruction, weak references,
 * and the scalar types (int, bool, None, float) and tuple.
 *
 * usage: test_object [CHAIN_LENGTH]   (default 10000000; the deep-chain tests)
 */
#include <reclaim.h>
#include "check.h"

#include <stdint.h>
#include <string.h>

/* ---- a test type: a node with one child and an event log ---------------------- */

typedef struct node {
    rc_object ob;
    rc_object *child;
    int id;
} node;

static char events[4096];
static rc_object *resurrect_into;       /* finalize stores the node here if set */

static void log_event(const char *what, int id)
{
    size_t n = strlen(events);
    snprintf(events + n, sizeof events - n, "%s%d ", what, id);
}

static int node_traverse(rc_object *self, rc_visit visit, void *arg)
{
    node *n = (node *)self;
    return n->child ? visit(n->child, arg) : 0;
}

static void node_clear(rc_object *self)
{
    RC_CLEAR(((node *)self)->child);
}

static void node_destroy(rc_object *self)
{
    node *n = (node *)self;
    if (n->id >= 0)
        log_event("destroy", n->id);
    RC_CLEAR(n->child);
}

static void node_finalize(rc_object *self)
{
    node *n = (node *)self;
    log_event("finalize", n->id);
    if (resurrect_into == NULL && n->id == 99) {
        rc_incref(self);
        resurrect_into = self;
    }
}

static const rc_type node_type = {
    .name = "node", .size = sizeof(node), .flags = RC_TYPE_GC,
    .traverse = node_traverse, .clear = node_clear, .destroy = node_destroy,
};
static const rc_type fin_node_type = {
    .name = "fin_node", .size = sizeof(node), .flags = RC_TYPE_GC,
    .traverse = node_traverse, .clear = node_clear, .destroy = node_destroy,
    .finalize = node_finalize,
};
/* A plain (non-GC) type for chains: the child is a pointer all the same. */
static const rc_type plain_type = {
    .name = "plain", .size = sizeof(node), .destroy = node_destroy,
};

static node *new_node(rc_heap *h, const rc_type *t, int id)
{
    node *n = (node *)rc_new(h, t);
    REQUIRE(n);
    n->id = id;
    return n;
}

static size_t live(rc_heap *h)
{
    rc_stats s;
    rc_heap_stats(h, &s);
    return s.objects_live;
}

/* ---- objects ---------------------------------------------------------------------- */

static void test_new_and_counts(void)
{
    rc_heap *h = rc_heap_new(NULL);
    node *n = new_node(h, &node_type, -1);
    CHECK_EQ(rc_refcount(n), 1);
    CHECK(n->ob.type == &node_type);
    CHECK(n->child == NULL);
    CHECK(rc_gc_is_tracked(n));
    CHECK(!rc_gc_is_finalized(n));
    CHECK(rc_heap_of(&n->ob) == h);
    CHECK_EQ(live(h), 1);
    rc_incref(n);
    rc_incref(n);
    CHECK_EQ(rc_refcount(n), 3);
    rc_decref(n);
    rc_decref(n);
    CHECK_EQ(rc_refcount(n), 1);
    rc_xincref(NULL);
    rc_xdecref(NULL);
    /* RC_SETREF and RC_CLEAR keep counts exact. */
    node *c = new_node(h, &plain_type, -1);
    rc_incref(c);
    RC_SETREF(n->child, &c->ob);
    CHECK_EQ(rc_refcount(c), 2);
    RC_SETREF(n->child, NULL);
    CHECK_EQ(rc_refcount(c), 1);
    rc_incref(c);
    n->child = &c->ob;
    RC_CLEAR(n->child);
    CHECK(n->child == NULL);
    CHECK_EQ(rc_refcount(c), 1);
    CHECK(!rc_gc_is_tracked(c));               /* not a GC type */
    /* each evaluates its field and value once */
    rc_object *slots[3] = {NULL, NULL, NULL};
    int i = 0;
    rc_incref(c);
    rc_incref(c);
    RC_SETREF(slots[i++], &c->ob);
    RC_SETREF(slots[i++], &c->ob);
    CHECK_EQ(i, 2);
    CHECK(slots[0] == &c->ob && slots[1] == &c->ob && slots[2] == NULL);
    CHECK_EQ(rc_refcount(c), 3);
    i = 0;
    RC_CLEAR(slots[i++]);
    CHECK_EQ(i, 1);
    CHECK(slots[0] == NULL && slots[1] == &c->ob);
    RC_CLEAR(slots[i++]);
    CHECK_EQ(i, 2);
    CHECK(slots[1] == NULL);
    CHECK_EQ(rc_refcount(c), 1);
    rc_decref(c);
    rc_decref(n);
    CHECK_EQ(live(h), 0);
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.objects_allocated, 2);
    CHECK_EQ(s.bytes_in_use, 0);
    rc_heap_free(h);
}

static void test_bad_types(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_type no_traverse = {.name = "bad", .size = 32, .flags = RC_TYPE_GC};
    CHECK(rc_new(h, &no_traverse) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK(strstr(rc_error_message(h), "traverse") != NULL);
    rc_type tiny = {.name = "tiny", .size = 8};
    CHECK(rc_new(h, &tiny) == NULL);
    rc_type fin_no_gc = {.name = "f", .size = 32, .finalize = node_finalize};
    CHECK(rc_new(h, &fin_no_gc) == NULL);
    CHECK(rc_new(h, NULL) == NULL);
    rc_type var = {.name = "var", .size = 16, .itemsize = 8};
    CHECK(rc_new_var(h, &var, -1) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK(rc_new_var(h, &var, INTPTR_MAX) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    rc_object *big = rc_new_var(h, &var, 100000);  /* a large object */
    REQUIRE(big);
    CHECK(rc_heap_of(big) == h);
    rc_decref(big);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_immortal(void)
{
    rc_heap *h = rc_heap_new(NULL);
    node *n = new_node(h, &node_type, 7);
    rc_make_immortal(n);
    CHECK(rc_is_immortal(n));
    rc_ssize raw = n->ob.refcnt;
    rc_incref(n);
    rc_decref(n);
    rc_decref(n);
    rc_decref(n);
    CHECK_EQ(n->ob.refcnt, raw);               /* no write at all */
    CHECK_EQ(rc_refcount(n), RC_IMMORTAL_REFCOUNT);
    CHECK_EQ(live(h), 1);
    CHECK(strstr(events, "destroy7") == NULL);
    /* Static immortals: no heap, counts never change. */
    rc_object *none = rc_none();
    raw = none->refcnt;
    rc_decref(none);
    rc_decref(rc_true());
    CHECK_EQ(none->refcnt, raw);
    CHECK(rc_heap_of(none) == NULL);
    CHECK(rc_is_immortal(rc_false()));
    CHECK(rc_bool(1) == rc_true() && rc_bool(0) == rc_false());
    rc_heap_free(h);                           /* releases the immortal node too */
}

static void test_destruction_order(void)
{
    rc_heap *h = rc_heap_new(NULL);
    events[0] = '\0';
    node *n = new_node(h, &fin_node_type, 1);
    rc_object *wr = rc_weakref_new(h, &n->ob, NULL, NULL);
    REQUIRE(wr);
    rc_decref(n);
    CHECK(strcmp(events, "finalize1 destroy1 ") == 0);
    CHECK(rc_weakref_get(wr) == NULL);
    rc_decref(wr);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_finalizer_resurrection(void)
{
    rc_heap *h = rc_heap_new(NULL);
    events[0] = '\0';
    resurrect_into = NULL;
    node *n = new_node(h, &fin_node_type, 99);
    rc_decref(n);                              /* finalize resurrects it */
    CHECK(resurrect_into == &n->ob);
    CHECK_EQ(rc_refcount(n), 1);
    CHECK(rc_gc_is_finalized(n));
    CHECK(rc_gc_is_tracked(n));
    CHECK(strcmp(events, "finalize99 ") == 0);
    CHECK_EQ(live(h), 1);
    rc_decref(resurrect_into);                 /* dies for good: no second finalize */
    CHECK(strcmp(events, "finalize99 destroy99 ") == 0);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_deep_chain(const rc_type *t, long length)
{
    rc_heap *h = rc_heap_new(NULL);
    node *head = NULL;
    for (long i = 0; i < length; i++) {
        node *n = new_node(h, t, -1);
        n->child = head ? &head->ob : NULL;   /* steals the previous head */
        head = n;
    }
    CHECK_EQ(live(h), (size_t)length);
    rc_decref(head);                           /* the whole chain dies, no recursion */
    CHECK_EQ(live(h), 0);
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.bytes_in_use, 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_deep_tuples(long depth)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *t = rc_tuple_new(h, 1);
    rc_tuple_set(t, 0, rc_none());
    for (long i = 0; i < depth; i++) {
        rc_object *outer = rc_tuple_new(h, 1);
        REQUIRE(outer);
        rc_tuple_set(outer, 0, t);
        rc_decref(t);
        t = outer;
    }
    CHECK_EQ(live(h), (size_t)depth + 1);
    rc_decref(t);
    CHECK_EQ(live(h), 0);
    rc_heap_trim(h);                           /* the tuple free list goes too */
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.bytes_in_use, 0);
    rc_heap_free(h);
}

/* ---- weak references ------------------------------------------------------------------ */

static int callbacks;
static rc_object *callback_data_seen;
static rc_object *callback_target_seen;

static void count_callback(rc_object *wr, rc_object *data)
{
    callbacks++;
    callback_data_seen = data;
    callback_target_seen = rc_weakref_get(wr);   /* must already be cleared */
}

static void test_weakrefs(void)
{
    rc_heap *h = rc_heap_new(NULL);
    node *n = new_node(h, &node_type, -1);
    CHECK_EQ(rc_weakref_count(&n->ob), 0);
    rc_object *data = rc_int_new(h, 123456);
    rc_object *w1 = rc_weakref_new(h, &n->ob, count_callback, data);
    rc_object *w2 = rc_weakref_new(h, &n->ob, NULL, NULL);
    REQUIRE(w1 && w2);
    CHECK_EQ(rc_refcount(data), 2);             /* the weakref holds data */
    CHECK_EQ(rc_weakref_count(&n->ob), 2);
    CHECK_EQ(rc_refcount(n), 1);               /* weak: no count */
    rc_object *got = rc_weakref_get(w1);
    CHECK(got == &n->ob);
    CHECK_EQ(rc_refcount(n), 2);
    rc_decref(got);
    /* A weakref that dies first unlinks itself. */
    rc_decref(w2);
    CHECK_EQ(rc_weakref_count(&n->ob), 1);
    callbacks = 0;
    callback_target_seen = &n->ob;
    rc_decref(n);
    CHECK_EQ(callbacks, 1);
    CHECK(callback_data_seen == data);
    CHECK(callback_target_seen == NULL);
    CHECK(rc_weakref_get(w1) == NULL);
    rc_decref(w1);
    CHECK_EQ(rc_refcount(data), 1);
    rc_decref(data);
    CHECK_EQ(live(h), 0);
    /* Only GC objects can be weakly referenced. */
    rc_object *i = rc_int_new(h, 1000);
    CHECK(rc_weakref_new(h, i, NULL, NULL) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_decref(i);
    CHECK(rc_weakref_get(NULL) == NULL);
    CHECK(rc_weakref_get(rc_none()) == NULL);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* Callbacks run newest reference first (as CPython's); the order is
 * recorded through each reference's data, an int. */
static int64_t order_seen[4];
static int norder_seen;

static void order_callback(rc_object *wr, rc_object *data)
{
    (void)wr;
    if (norder_seen < 4)
        order_seen[norder_seen++] = rc_int_value(data);
}

static void test_weakref_callback_order(void)
{
    rc_heap *h = rc_heap_new(NULL);
    node *n = new_node(h, &node_type, -1);
    rc_object *refs[3];
    for (int i = 0; i < 3; i++) {
        rc_object *tag = rc_int_new(h, 1000 + i);
        refs[i] = rc_weakref_new(h, &n->ob, order_callback, tag);
        rc_decref(tag);
        REQUIRE(refs[i]);
    }
    norder_seen = 0;
    rc_decref(n);
    CHECK_EQ(norder_seen, 3);
    CHECK_EQ(order_seen[0], 1002);
    CHECK_EQ(order_seen[1], 1001);
    CHECK_EQ(order_seen[2], 1000);
    for (int i = 0; i < 3; i++)
        rc_decref(refs[i]);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* rc_weakref_find_plain: the live reference without callback and data. */
static void test_weakref_find_plain(void)
{
    rc_heap *h = rc_heap_new(NULL);
    node *n = new_node(h, &node_type, -1);
    CHECK(rc_weakref_find_plain(&n->ob) == NULL);
    CHECK(rc_weakref_find_plain(NULL) == NULL);
    rc_object *with_cb = rc_weakref_new(h, &n->ob, count_callback, NULL);
    rc_object *data = rc_int_new(h, 99999);
    rc_object *with_data = rc_weakref_new(h, &n->ob, NULL, data);
    CHECK(rc_weakref_find_plain(&n->ob) == NULL);    /* neither is plain */
    rc_object *plain = rc_weakref_new(h, &n->ob, NULL, NULL);
    rc_object *found = rc_weakref_find_plain(&n->ob);
    CHECK(found == plain);
    CHECK_EQ(rc_refcount(plain), 2);                 /* a new reference */
    rc_decref(found);
    rc_decref(plain);
    CHECK(rc_weakref_find_plain(&n->ob) == NULL);    /* gone with its last owner */
    CHECK_EQ(rc_weakref_count(&n->ob), 2);
    callbacks = 0;
    rc_decref(n);
    CHECK_EQ(callbacks, 1);
    rc_decref(with_cb);
    rc_decref(with_data);
    rc_decref(data);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* A callback that drops the other weak references of the same target. */
static rc_object *other_weakrefs[8];

static void dropping_callback(rc_object *wr, rc_object *data)
{
    (void)wr;
    (void)data;
    callbacks++;
    for (int i = 0; i < 8; i++)
        RC_CLEAR(other_weakrefs[i]);
}

static void test_weakref_callback_drops_others(void)
{
    rc_heap *h = rc_heap_new(NULL);
    node *n = new_node(h, &node_type, -1);
    rc_object *w = rc_weakref_new(h, &n->ob, dropping_callback, NULL);
    for (int i = 0; i < 8; i++)
        other_weakrefs[i] = rc_weakref_new(h, &n->ob, count_callback, NULL);
    callbacks = 0;
    rc_decref(n);
    CHECK(callbacks >= 1 && callbacks <= 9);
    for (int i = 0; i < 8; i++)
        RC_CLEAR(other_weakrefs[i]);
    rc_decref(w);
    CHECK_EQ(live(h), 0);
    if (rc_heap_check(h))
        fprintf(stderr, "%s\n", rc_error_message(h));
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_many_weakrefs(void)
{
    rc_heap *h = rc_heap_new(NULL);
    enum { N = 5000 };
    static node *targets[N];
    static rc_object *refs[N];
    for (int i = 0; i < N; i++) {
        targets[i] = new_node(h, &node_type, -1);
        refs[i] = rc_weakref_new(h, &targets[i]->ob, NULL, NULL);
        REQUIRE(refs[i]);
    }
    int ok = 0;
    for (int i = 0; i < N; i += 2)
        rc_decref(targets[i]);
    for (int i = 0; i < N; i++) {
        rc_object *t = rc_weakref_get(refs[i]);
        ok += (i % 2) ? t == &targets[i]->ob : t == NULL;
        rc_xdecref(t);
    }
    CHECK_EQ(ok, N);
    for (int i = 1; i < N; i += 2)
        rc_decref(targets[i]);
    for (int i = 0; i < N; i++)
        rc_decref(refs[i]);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* ---- scalars and tuples ------------------------------------------------------------------ */

static void test_ints(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_heap *h2 = rc_heap_new(NULL);
    for (int v = -5; v <= 256; v++) {
        rc_object *a = rc_int_new(h, v), *b = rc_int_new(h2, v);
        CHECK(a == b);                         /* shared by all heaps */
        CHECK(rc_is_immortal(a));
        CHECK_EQ(rc_int_value(a), v);
    }
    rc_object *big1 = rc_int_new(h, 257), *big2 = rc_int_new(h, 257);
    CHECK(big1 != big2);
    CHECK_EQ(rc_refcount(big1), 1);
    CHECK_EQ(rc_equal(big1, big2), 1);
    CHECK_EQ(rc_hash(big1), rc_hash(big2));
    rc_object *max = rc_int_new(h, INT64_MAX);
    rc_object *one = rc_int_new(h, 1);
    CHECK(rc_int_add(h, max, one) == NULL);
    CHECK_EQ(rc_error(h), RC_ERANGE);
    rc_object *min = rc_int_new(h, INT64_MIN);
    CHECK(rc_int_sub(h, min, one) == NULL);
    CHECK(rc_int_mul(h, max, rc_int_new(h, 2)) == NULL);
    rc_object *s = rc_int_add(h, big1, one);
    CHECK_EQ(rc_int_value(s), 258);
    rc_object *m = rc_int_mul(h, big1, rc_int_new(h, -3));
    CHECK_EQ(rc_int_value(m), -771);
    rc_error_clear(h);
    CHECK(rc_int_add(h, big1, rc_none()) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    CHECK_EQ(rc_int_value(rc_true()), 1);      /* bool is an int */
    CHECK_EQ(rc_equal(rc_true(), one), 1);
    CHECK_EQ(rc_hash(rc_int_new(h, -1)), -2);   /* -1 is reserved for errors */
    rc_decref(big1); rc_decref(big2); rc_decref(max); rc_decref(min);
    rc_decref(s); rc_decref(m);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h2);
    rc_heap_free(h);
}

/* Ints and floats live in 24-byte blocks of their own class (the statistics'
 * classes[RC_OBJECT24_CLASS]), 8-byte aligned; every other path (rc_new of
 * the int type, the refcount fast path that remembers a plain type, trim,
 * the checker, the debug allocator) must agree on that class. */
static void test_object24_class(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_stats s0, s1;
    rc_heap_stats(h, &s0);
    CHECK_EQ(s0.classes[RC_OBJECT24_CLASS].block_size, 24);
    enum { N = 100000 };
    static rc_object *ints[N], *floats[N];
    for (int i = 0; i < N; i++) {
        ints[i] = rc_int_new(h, 1000 + i);
        floats[i] = rc_float_new(h, i + 0.5);
        CHECK(ints[i] && floats[i]);
    }
    rc_heap_stats(h, &s1);
    CHECK_EQ(s1.classes[RC_OBJECT24_CLASS].blocks_used - s0.classes[RC_OBJECT24_CLASS].blocks_used, 2 * N);
    CHECK_EQ(s1.classes[1].blocks_used, s0.classes[1].blocks_used);   /* not the 32-byte class */
    CHECK_EQ(rc_usable_size(h, ints[7]), 24);
    CHECK_EQ((uintptr_t)ints[7] % 8, 0);
    size_t adjacent = 0;                   /* fresh pools hand out neighbours */
    for (int i = 1; i < N; i++)
        adjacent += (char *)ints[i] - (char *)floats[i - 1] == 24 || (char *)floats[i] - (char *)ints[i] == 24;
    CHECK(adjacent > N / 2);
    CHECK_EQ(rc_heap_check(h), 0);

    /* rc_new of the int type gets the same class; frees through the
     * remembered plain type (rc_dealloc's fast path) go back to it. */
    for (int round = 0; round < 3; round++) {
        rc_object *a = rc_new(h, &rc_int_type);
        CHECK(a && rc_int_value(a) == 0);
        CHECK_EQ(rc_usable_size(h, a), 24);
        rc_object *b = rc_int_new(h, -123456);
        rc_decref(a);
        rc_decref(b);
    }
    CHECK_EQ(rc_heap_check(h), 0);

    /* Keep one object in 64, trim: pages with no live block go back, the
     * survivors keep their values, the pools stay consistent. */
    for (int i = 0; i < N; i++) {
        if (i % 64) {
            rc_decref(ints[i]);
            rc_decref(floats[i]);
            ints[i] = floats[i] = NULL;
        }
    }
    CHECK(rc_heap_trim(h) > 0);
    CHECK_EQ(rc_heap_check(h), 0);
    for (int i = 0; i < N; i += 64) {
        CHECK_EQ(rc_int_value(ints[i]), 1000 + i);
        CHECK(rc_float_value(floats[i]) == i + 0.5);
    }
    for (int i = 0; i < N; i++) {          /* new ones refill the holes */
        if (!ints[i]) {
            ints[i] = rc_int_new(h, 5000000 + i);
            CHECK(ints[i] != NULL);
        }
    }
    CHECK_EQ(rc_heap_check(h), 0);
    for (int i = 0; i < N; i++) {
        CHECK_EQ(rc_int_value(ints[i]), i % 64 ? 5000000 + i : 1000 + i);
        rc_decref(ints[i]);
        if (floats[i])
            rc_decref(floats[i]);
    }
    rc_heap_stats(h, &s1);
    CHECK_EQ(s1.objects_live, 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);

    /* Under the debug allocator ints are ordinary checked blocks. */
    rc_config cfg = {.flags = RC_DEBUG_ALLOC};
    h = rc_heap_new(&cfg);
    rc_object *x = rc_int_new(h, 99999), *f = rc_float_new(h, 2.5);
    CHECK(x && f && rc_int_value(x) == 99999 && rc_float_value(f) == 2.5);
    CHECK_EQ((uintptr_t)x % 16, 0);
    rc_heap_stats(h, &s1);
    CHECK_EQ(s1.classes[RC_OBJECT24_CLASS].blocks_used, 0);
    rc_decref(x);
    rc_decref(f);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Objects of fixed-size types without RC_TYPE_GC whose size is 8 more
 * than a multiple of 16 (up to 120) get blocks of exactly that size, in
 * the object classes after rc_malloc's; GC objects, var-size objects and
 * other sizes keep 16-byte classes; the debug allocator's blocks are its
 * own. */
typedef struct node40 { rc_object ob; rc_object *a, *b; int i, j; } node40;
_Static_assert(sizeof(node40) == 40, "two references and two ints after the header");
static void node40_destroy(rc_object *self)
{
    RC_CLEAR(((node40 *)self)->a);
    RC_CLEAR(((node40 *)self)->b);
}
static int node40_traverse(rc_object *self, rc_visit visit, void *arg)
{
    node40 *n = (node40 *)self;
    int r = n->a ? visit(n->a, arg) : 0;
    return r ? r : n->b ? visit(n->b, arg) : 0;
}
static const rc_type leaf40_type = {.name = "leaf40", .size = 40};
static const rc_type node40_type = {.name = "node40", .size = 40, .destroy = node40_destroy};
static const rc_type gc40_type = {
    .name = "gc40", .size = 40, .flags = RC_TYPE_GC, .traverse = node40_traverse,
    .clear = node40_destroy, .destroy = node40_destroy,
};
static const rc_type leaf120_type = {.name = "leaf120", .size = 120};
static const rc_type leaf136_type = {.name = "leaf136", .size = 136};
static const rc_type var40_type = {.name = "var40", .size = 32, .itemsize = 8};

static void test_object_classes(void)
{
    rc_heap *h = rc_heap_new(NULL);
    REQUIRE(h);
    rc_stats s0, s1;
    rc_heap_stats(h, &s0);
    for (unsigned k = 0; k < RC_OBJECT_CLASSES; k++)
        CHECK_EQ(s0.classes[RC_OBJECT24_CLASS + k].block_size, 24 + 16 * k);
    enum { N = 1000 };
    static rc_object *leaf[N], *node[N], *gc[N], *big[N], *odd[N], *var[N];
    for (int i = 0; i < N; i++) {
        leaf[i] = rc_new(h, &leaf40_type);
        node[i] = rc_new(h, &node40_type);
        gc[i] = rc_new(h, &gc40_type);
        big[i] = rc_new(h, &leaf120_type);
        odd[i] = rc_new(h, &leaf136_type);
        var[i] = rc_new_var(h, &var40_type, 1);
        REQUIRE(leaf[i] && node[i] && gc[i] && big[i] && odd[i] && var[i]);
    }
    /* a node holds two others: destruction frees them from their class */
    ((node40 *)node[0])->a = leaf[1];
    ((node40 *)node[0])->b = node[1];
    leaf[1] = node[1] = NULL;
    rc_heap_stats(h, &s1);
    CHECK_EQ(s1.classes[RC_OBJECT24_CLASS + 1].blocks_used - s0.classes[RC_OBJECT24_CLASS + 1].blocks_used,
             2 * N);                                     /* leaf40 and node40 */
    CHECK_EQ(s1.classes[RC_OBJECT24_CLASS + 6].blocks_used - s0.classes[RC_OBJECT24_CLASS + 6].blocks_used,
             N);                                         /* leaf120 */
    CHECK_EQ(rc_usable_size(h, leaf[0]), 40);
    CHECK_EQ(rc_usable_size(h, node[2]), 40);
    CHECK_EQ(rc_usable_size(h, big[0]), 120);
    CHECK_EQ(rc_usable_size(h, odd[0]), 144);             /* past 120: rc_malloc's classes */
    CHECK_EQ(rc_usable_size(h, var[0]), 48);               /* var-size: rc_malloc's */
    CHECK_EQ(s1.classes[3].blocks_used - s0.classes[3].blocks_used, N);   /* 64 B: gc40 (16 + 40, padded) */
    size_t misaligned = 0, adjacent = 0;
    for (int i = 0; i < N; i++) {
        misaligned += ((uintptr_t)leaf[i] % 16 != 0) + ((uintptr_t)gc[i] % 16 != 0) * 1000;
        if (leaf[i] && node[i])                  /* one class, made one after the other */
            adjacent += (char *)node[i] - (char *)leaf[i] == 40;
    }
    CHECK(misaligned > 0 && misaligned < 1000);  /* 8-byte aligned leaves; no GC object off 16 */
    CHECK(adjacent > N / 2);                     /* fresh pools hand out neighbours */
    CHECK_EQ(rc_heap_check(h), 0);
    for (int i = 0; i < N; i++) {
        rc_xdecref(leaf[i]);
        rc_xdecref(node[i]);
        rc_decref(gc[i]);
        rc_decref(big[i]);
        rc_decref(odd[i]);
        rc_decref(var[i]);
    }
    rc_heap_stats(h, &s1);
    CHECK_EQ(s1.objects_live, 0);
    CHECK_EQ(s1.classes[RC_OBJECT24_CLASS + 1].blocks_used, s0.classes[RC_OBJECT24_CLASS + 1].blocks_used);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);

    rc_config cfg = {.flags = RC_DEBUG_ALLOC};
    h = rc_heap_new(&cfg);
    REQUIRE(h);
    rc_object *x = rc_new(h, &leaf40_type);
    REQUIRE(x);
    CHECK_EQ((uintptr_t)x % 16, 0);
    rc_heap_stats(h, &s1);
    CHECK_EQ(s1.classes[RC_OBJECT24_CLASS + 1].blocks_used, 0);
    rc_decref(x);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* A holder whose destroy drops its child and records how many objects are
 * still alive right after: a plain leaf child (an int) is freed at once,
 * and so is a child with a destroy slot (destruction recurses, as
 * CPython's does), until the nesting is too deep (see
 * test_nested_destruction_depth_first). */
static size_t live_after_child_drop;
static rc_heap *holder_heap;
enum { HOLDER_LOG = 1000 };
static int holder_order[HOLDER_LOG];         /* ids, in the order destroys began */
static size_t holder_live_after[HOLDER_LOG]; /* by id: live objects after its child's drop */
static int holder_n;

static void holder_destroy(rc_object *self)
{
    int id = ((node *)self)->id;
    if (holder_n < HOLDER_LOG)
        holder_order[holder_n++] = id;
    RC_CLEAR(((node *)self)->child);
    live_after_child_drop = live(holder_heap);
    if (id >= 0 && id < HOLDER_LOG)
        holder_live_after[id] = live_after_child_drop;
}

static const rc_type holder_type = {
    .name = "holder", .size = sizeof(node), .destroy = holder_destroy,
};

static void test_plain_leaves_freed_during_destruction(void)
{
    rc_heap *h = holder_heap = rc_heap_new(NULL);
    node *a = new_node(h, &holder_type, 1);
    a->child = rc_int_new(h, 123456789);
    node *b = new_node(h, &holder_type, 2);
    b->child = &new_node(h, &plain_type, -1)->ob;   /* has a destroy slot */
    CHECK_EQ(live(h), 4);
    rc_decref(&a->ob);
    CHECK_EQ(live_after_child_drop, 3);   /* the int is gone: a (until its destroy returns), b, b's child */
    CHECK_EQ(live(h), 2);
    rc_decref(&b->ob);
    CHECK_EQ(live_after_child_drop, 1);   /* b: its child was destroyed within the drop */
    CHECK_EQ(live(h), 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* A chain of holders, each the only owner of the next, dropped at its
 * head: the destroys begin in chain order (depth first) at every depth;
 * near the head a holder's whole tail dies within its child's drop
 * (recursion), but not at every depth: the nesting is bounded, the deeper
 * part waits in the queue and dies before the head's drop returns. */
static void test_nested_destruction_depth_first(void)
{
    rc_heap *h = holder_heap = rc_heap_new(NULL);
    REQUIRE(h);
    node *head = new_node(h, &holder_type, 0), *tail = head;
    for (int i = 1; i < HOLDER_LOG; i++) {
        node *n = new_node(h, &holder_type, i);
        tail->child = &n->ob;
        tail = n;
    }
    tail->child = rc_int_new(h, 123456789);   /* not a cached small int */
    CHECK_EQ(live(h), (size_t)HOLDER_LOG + 1);
    holder_n = 0;
    rc_decref(&head->ob);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(holder_n, HOLDER_LOG);
    int in_order = 1, queued = 0;
    for (int i = 0; i < HOLDER_LOG; i++) {
        in_order &= holder_order[i] == i;
        queued += holder_live_after[i] > 1;   /* its tail still alive after the drop */
    }
    CHECK(in_order);
    CHECK_EQ(holder_live_after[0], 1);      /* the head's tail died within the drop */
    CHECK(queued > HOLDER_LOG / 2);         /* bounded: most of the chain was queued */
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_floats(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *f = rc_float_new(h, 2.5);
    REQUIRE(f);
    CHECK(rc_float_value(f) == 2.5);
    CHECK_EQ(live(h), 1);
    rc_decref(f);
    CHECK_EQ(live(h), 0);
    rc_object *g = rc_float_new(h, -1.0);      /* from the free list: same block */
    CHECK(g == f);
    CHECK(rc_float_value(g) == -1.0);
    CHECK_EQ(rc_refcount(g), 1);
    rc_object *two = rc_float_new(h, 2.0), *itwo = rc_int_new(h, 2);
    CHECK_EQ(rc_equal(two, itwo), 1);
    CHECK_EQ(rc_equal(itwo, two), 1);
    CHECK_EQ(rc_hash(two), rc_hash(itwo));
    rc_object *nan = rc_float_new(h, 0.0 / 0.0);
    CHECK_EQ(rc_equal(nan, nan), 1);           /* identity first, as CPython's containers */
    rc_object *nan2 = rc_float_new(h, 0.0 / 0.0);
    CHECK_EQ(rc_equal(nan, nan2), 0);
    rc_decref(g); rc_decref(two); rc_decref(nan); rc_decref(nan2);
    CHECK_EQ(live(h), 0);
    CHECK(rc_float_value(itwo) == 0.0);        /* wrong type: 0, no crash */
    /* Many floats: beyond the free list they go back to the pools. */
    rc_object *fs[1000];
    for (int i = 0; i < 1000; i++)
        fs[i] = rc_float_new(h, i);
    for (int i = 0; i < 1000; i++)
        rc_decref(fs[i]);
    CHECK_EQ(live(h), 0);
    rc_heap_trim(h);
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.bytes_in_use, 0);
    rc_heap_free(h);
}

static void test_tuples(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_heap *h2 = rc_heap_new(NULL);
    CHECK(rc_tuple_new(h, 0) == rc_tuple_new(h2, 0));  /* the empty tuple */
    CHECK_EQ(rc_tuple_len(rc_tuple_new(h, 0)), 0);
    rc_object *t = rc_tuple_new(h, 3);
    REQUIRE(t);
    CHECK(!rc_gc_is_tracked(t));               /* nothing trackable inside */
    rc_object *big = rc_int_new(h, 1000);
    CHECK_EQ(rc_tuple_set(t, 0, big), 0);
    CHECK_EQ(rc_refcount(big), 2);
    CHECK_EQ(rc_tuple_set(t, 1, rc_none()), 0);
    CHECK(!rc_gc_is_tracked(t));
    CHECK(rc_tuple_get(t, 0) == big);
    CHECK(rc_tuple_get(t, 3) == NULL);
    CHECK_EQ(rc_error(h), RC_ERANGE);
    CHECK_EQ(rc_tuple_set(t, -1, big), -1);
    CHECK_EQ(rc_refcount(big), 2);
    /* An untracked tuple inside does not make it trackable... */
    rc_object *inner = rc_tuple_new(h, 1);
    rc_tuple_set(inner, 0, big);
    rc_tuple_set(t, 2, inner);
    CHECK(!rc_gc_is_tracked(t));
    /* ...a GC object does. */
    node *n = new_node(h, &node_type, -1);
    rc_tuple_set(t, 2, &n->ob);
    CHECK(rc_gc_is_tracked(t));
    CHECK_EQ(rc_refcount(inner), 1);
    rc_decref(inner);
    /* hash and equality by value */
    rc_object *a = rc_tuple_new(h, 2), *b = rc_tuple_new(h, 2);
    rc_tuple_set(a, 0, big); rc_tuple_set(a, 1, rc_true());
    rc_object *big2 = rc_int_new(h, 1000);
    rc_tuple_set(b, 0, big2); rc_tuple_set(b, 1, rc_int_new(h, 1));
    CHECK_EQ(rc_equal(a, b), 1);
    CHECK_EQ(rc_hash(a), rc_hash(b));
    rc_decref(big2);
    rc_decref(a);
    rc_object *a2 = rc_tuple_new(h, 2);         /* free list: same memory */
    CHECK(a2 == a);
    CHECK(rc_tuple_get(a2, 0) == NULL);
    CHECK(!rc_gc_is_tracked(a2));
    rc_decref(a2);
    rc_decref(b);
    rc_decref(n);
    CHECK_EQ(rc_refcount(n), 1);                /* t still holds it */
    rc_decref(t);
    CHECK_EQ(rc_refcount(big), 1);
    rc_decref(big);
    CHECK_EQ(live(h), 0);
    CHECK(rc_tuple_new(h, -1) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK_EQ(rc_tuple_len(rc_none()), -1);
    rc_heap_free(h2);
    rc_heap_free(h);
}

/* ---- allocation failure in each operation -------------------------------------------------- */

static void test_fault_injection(void)
{
    rc_heap *h = rc_heap_new(NULL);
    node *target = new_node(h, &node_type, -1);
    size_t base = live(h);
    int failures = 0;
    for (long n = 0;; n++) {
        rc_heap_fail_allocations(h, n);
        rc_object *wr = rc_weakref_new(h, &target->ob, NULL, NULL);
        rc_object *t = wr ? rc_tuple_new(h, 30) : NULL;
        rc_object *f = t ? rc_float_new(h, 1.5) : NULL;
        rc_object *i = f ? rc_int_new(h, 1 << 20) : NULL;
        rc_heap_fail_allocations(h, -1);
        rc_xdecref(wr); rc_xdecref(t); rc_xdecref(f); rc_xdecref(i);
        CHECK_EQ(live(h), base);
        CHECK_EQ(rc_heap_check(h), 0);
        CHECK_EQ(rc_weakref_count(&target->ob), 0);
        if (i)
            break;
        CHECK_EQ(rc_error(h), RC_ENOMEM);
        rc_error_clear(h);
        failures++;
    }
    CHECK(failures >= 4);
    rc_decref(target);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

int main(int argc, char **argv)
{
    long chain = argc > 1 ? strtol(argv[1], NULL, 10) : 10000000;
    test_new_and_counts();
    test_bad_types();
    test_immortal();
    test_destruction_order();
    test_finalizer_resurrection();
    test_deep_chain(&plain_type, chain);
    test_deep_chain(&node_type, chain);
    test_deep_tuples(chain);
    test_weakrefs();
    test_weakref_callback_drops_others();
    test_weakref_callback_order();
    test_weakref_find_plain();
    test_many_weakrefs();
    test_ints();
    test_floats();
    test_object24_class();
    test_object_classes();
    test_plain_leaves_freed_during_destruction();
    test_nested_destruction_depth_first();
    test_tuples();
    test_fault_injection();
    return check_summary("test_object");
}
