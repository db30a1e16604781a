/*
 * test_gc.c — the collector's API and rules, one test each: collection of
 * cycles, thresholds and their cascade (against a simulation of CPython's
 * rules, the 25% rule included), enable/disable, freeze, finalizers once,
 * resurrection, weak reference rules, SAVEALL, DEBUG_STATS, callbacks,
 * statistics, visitors, tracking, untracking of atomic containers, a
 * traverse that lies, huge cycles on a small C stack, memory given back
 * after a full collection, and the pause statistics.
 */
#define _GNU_SOURCE
#include <reclaim.h>
#include "check.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct node {
    rc_object ob;
    rc_object *a, *b;
    int id;
} node;

static int finalized_count, destroyed_count, cleared_count;
static rc_object *resurrected;

static int node_traverse(rc_object *self, rc_visit visit, void *arg)
{
    node *n = (node *)self;
    int r = n->a ? visit(n->a, arg) : 0;
    return r ? r : (n->b ? visit(n->b, arg) : 0);
}

static void node_clear(rc_object *self)
{
    cleared_count++;
    RC_CLEAR(((node *)self)->a);
    RC_CLEAR(((node *)self)->b);
}

static void node_destroy(rc_object *self)
{
    destroyed_count++;
    RC_CLEAR(((node *)self)->a);
    RC_CLEAR(((node *)self)->b);
}

static void node_finalize(rc_object *self)
{
    finalized_count++;
    if (((node *)self)->id == 42 && !resurrected) {
        rc_incref(self);
        resurrected = self;
    }
}

/* A traverse that reports `a` twice: more references than exist. */
static int lying_traverse(rc_object *self, rc_visit visit, void *arg)
{
    node *n = (node *)self;
    if (n->a) {
        visit(n->a, arg);
        visit(n->a, arg);
    }
    return 0;
}

static const rc_type node_type = {
    .name = "gc_node", .size = sizeof(node), .flags = RC_TYPE_GC,
    .traverse = node_traverse, .clear = node_clear, .destroy = node_destroy,
};
static const rc_type fin_type = {
    .name = "gc_fin_node", .size = sizeof(node), .flags = RC_TYPE_GC,
    .traverse = node_traverse, .clear = node_clear, .destroy = node_destroy,
    .finalize = node_finalize,
};
static const rc_type liar_type = {
    .name = "liar", .size = sizeof(node), .flags = RC_TYPE_GC,
    .traverse = lying_traverse, .clear = node_clear, .destroy = node_destroy,
};

static node *mk(rc_heap *h, const rc_type *t, int id)
{
    node *n = (node *)rc_new(h, t);
    REQUIRE(n);
    n->id = id;
    return n;
}

/* a.a = b, b.a = a; the caller's references are dropped. */
static void make_cycle(rc_heap *h, const rc_type *t, int id_a, int id_b, node **pa, node **pb)
{
    node *a = mk(h, t, id_a), *b = mk(h, t, id_b);
    rc_incref(b);
    a->a = &b->ob;
    rc_incref(a);
    b->a = &a->ob;
    if (pa)
        *pa = a;
    if (pb)
        *pb = b;
    rc_decref(a);
    rc_decref(b);
}

static size_t live(rc_heap *h)
{
    rc_stats s;
    rc_heap_stats(h, &s);
    return s.objects_live;
}

static rc_heap *quiet_heap(void)
{
    rc_heap *h = rc_heap_new(NULL);
    REQUIRE(h);
    rc_gc_disable(h);
    finalized_count = destroyed_count = cleared_count = 0;
    resurrected = NULL;
    return h;
}

static void test_collect_cycles(void)
{
    rc_heap *h = quiet_heap();
    make_cycle(h, &node_type, 1, 2, NULL, NULL);
    node *self = mk(h, &node_type, 3);
    rc_incref(self);
    self->a = &self->ob;
    rc_decref(self);
    CHECK_EQ(live(h), 3);
    CHECK_EQ(rc_gc_collect(h, 0), 3);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(destroyed_count, 3);
    CHECK_EQ(rc_gc_collect(h, 2), 0);
    CHECK_EQ(rc_gc_collect(h, 3), -1);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK_EQ(rc_gc_collect(h, -1), -1);
    /* reachable cycles survive and move up a generation */
    node *a, *b;
    make_cycle(h, &node_type, 4, 5, &a, &b);
    rc_incref(a);
    CHECK_EQ(rc_gc_collect(h, 0), 0);
    CHECK_EQ(live(h), 2);
    rc_decref(a);
    CHECK_EQ(rc_gc_collect(h, 0), 0);          /* they are in generation 1 now */
    CHECK_EQ(rc_gc_collect(h, 1), 2);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* move_unreachable stops traversing once every object left at gc_refs 0
 * after the subtraction has been reached.  A chain made tail first, held
 * only at its head (the last object made: the one reached last in list
 * order), must keep all of it; garbage cycles made before and after it are
 * found; a set where every object is held from outside (nothing at 0)
 * loses nothing; a garbage cycle hanging off a live object is found. */
static void test_reachability_shortcut(void)
{
    enum { N = 1000 };
    rc_heap *h = quiet_heap();
    make_cycle(h, &node_type, 1, 2, NULL, NULL);
    node *next = NULL;
    for (int i = 0; i < N; i++) {            /* tail first: the head is made last */
        node *n = mk(h, &node_type, 100 + i);
        n->a = next ? &next->ob : NULL;      /* takes the reference to next */
        next = n;
    }
    node *head = next;
    make_cycle(h, &node_type, 3, 4, NULL, NULL);
    CHECK_EQ(live(h), N + 4);
    CHECK_EQ(rc_gc_collect(h, 2), 4);        /* the two cycles, not the chain */
    CHECK_EQ(live(h), N);
    int len = 0;
    for (node *n = head; n; n = (node *)n->a)
        len++;
    CHECK_EQ(len, N);
    CHECK_EQ(rc_heap_check(h), 0);

    /* every object held from outside, and a cycle held by a live object
     * only through a reference the cycle does not return */
    static node *held[N];
    for (int i = 0; i < N; i++) {
        held[i] = mk(h, &node_type, 2000 + i);
        if (i) {
            rc_incref(held[i - 1]);
            held[i]->a = &held[i - 1]->ob;
        }
    }
    CHECK_EQ(rc_gc_collect(h, 2), 0);
    CHECK_EQ(live(h), 2 * N);
    node *x, *y;
    make_cycle(h, &node_type, 5, 6, &x, &y);
    rc_incref(x);
    held[7]->b = &x->ob;                     /* the cycle is alive through held[7] */
    CHECK_EQ(rc_gc_collect(h, 2), 0);
    CHECK_EQ(live(h), 2 * N + 2);
    RC_CLEAR(held[7]->b);
    CHECK_EQ(rc_gc_collect(h, 2), 2);
    CHECK_EQ(live(h), 2 * N);
    for (int i = 0; i < N; i++)
        rc_decref(held[i]);
    rc_decref(head);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static int count_cb(rc_object *o, void *arg)
{
    (void)o;
    ++*(int *)arg;
    return 0;
}

static void test_generations_and_visitors(void)
{
    rc_heap *h = quiet_heap();
    node *a = mk(h, &node_type, 1), *b = mk(h, &node_type, 2);
    rc_incref(b);
    a->b = &b->ob;
    int n = 0;
    rc_gc_visit_objects(h, 0, count_cb, &n);
    CHECK_EQ(n, 2);
    rc_gc_collect(h, 0);
    n = 0;
    rc_gc_visit_objects(h, 0, count_cb, &n);
    CHECK_EQ(n, 0);
    n = 0;
    rc_gc_visit_objects(h, 1, count_cb, &n);
    CHECK_EQ(n, 2);
    n = 0;
    rc_gc_visit_objects(h, -1, count_cb, &n);
    CHECK_EQ(n, 2);
    CHECK_EQ(rc_gc_visit_objects(h, 5, count_cb, &n), -1);
    n = 0;
    rc_gc_visit_referrers(h, &b->ob, count_cb, &n);
    CHECK_EQ(n, 1);
    n = 0;
    rc_gc_visit_referents(&a->ob, count_cb, &n);
    CHECK_EQ(n, 1);
    n = 0;
    rc_gc_visit_referents(rc_int_new(h, 3), count_cb, &n);   /* no traverse: nothing */
    CHECK_EQ(n, 0);
    rc_decref(b);
    rc_decref(a);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* rc_gc_visit_unreachable: exactly what a full collection would find (a
 * cycle and the node only it holds), nothing reachable, and nothing
 * changed: counts and generations as before, the collection still finds
 * the same objects afterwards. */
static node *unreachable_seen[16];
static int unreachable_n;

static void note_unreachable(rc_object *o, void *arg)
{
    (void)arg;
    if (unreachable_n < 16)
        unreachable_seen[unreachable_n] = (node *)o;
    unreachable_n++;
}

static int seen_id(int id)
{
    for (int i = 0; i < unreachable_n && i < 16; i++)
        if (unreachable_seen[i]->id == id)
            return 1;
    return 0;
}

static void test_visit_unreachable(void)
{
    rc_heap *h = quiet_heap();
    node *kept = mk(h, &node_type, 1);          /* reachable: our reference */
    node *held = mk(h, &node_type, 2);          /* reachable through kept */
    kept->a = &held->ob;
    node *a, *b;
    make_cycle(h, &node_type, 10, 11, &a, &b);  /* garbage */
    a->b = &mk(h, &node_type, 12)->ob;          /* held only by the garbage */
    CHECK_EQ(live(h), 5);
    unreachable_n = 0;
    CHECK_EQ(rc_gc_visit_unreachable(h, note_unreachable, NULL), 3);
    CHECK_EQ(unreachable_n, 3);
    CHECK(seen_id(10) && seen_id(11) && seen_id(12));
    CHECK(!seen_id(1) && !seen_id(2));
    CHECK_EQ(rc_refcount(&kept->ob), 1);
    CHECK_EQ(rc_refcount(&held->ob), 1);
    CHECK_EQ(rc_refcount(&a->ob), 1);
    CHECK_EQ(rc_gc_visit_unreachable(NULL, note_unreachable, NULL), -1);
    CHECK_EQ(rc_gc_visit_unreachable(h, NULL, NULL), -1);
    CHECK_EQ(rc_gc_collect(h, 2), 3);
    CHECK_EQ(live(h), 2);
    unreachable_n = 0;
    CHECK_EQ(rc_gc_visit_unreachable(h, note_unreachable, NULL), 0);
    rc_decref(&kept->ob);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_track_untrack(void)
{
    rc_heap *h = quiet_heap();
    node *a = mk(h, &node_type, 1);
    CHECK(rc_gc_is_tracked(a));
    rc_gc_untrack(a);
    CHECK(!rc_gc_is_tracked(a));
    rc_incref(a);
    a->a = &a->ob;                             /* an untracked self-cycle is not collected */
    CHECK_EQ(rc_gc_collect(h, 2), 0);
    rc_gc_track(a);
    CHECK(rc_gc_is_tracked(a));
    rc_gc_track(a);                            /* twice is harmless */
    rc_decref(a);
    CHECK_EQ(rc_gc_collect(h, 2), 1);
    rc_object *i = rc_int_new(h, 5000);
    rc_gc_track(i);                            /* non-GC objects: no-ops */
    CHECK(!rc_gc_is_tracked(i));
    rc_decref(i);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_enable_threshold_count(void)
{
    rc_heap *h = rc_heap_new(NULL);
    int t[3], c[3];
    rc_gc_get_threshold(h, t);
    CHECK(t[0] == 700 && t[1] == 10 && t[2] == 10);
    CHECK(rc_gc_is_enabled(h));
    rc_gc_get_count(h, c);
    CHECK_EQ(c[0], 0);
    node *a = mk(h, &node_type, 1), *b = mk(h, &node_type, 2);
    rc_gc_get_count(h, c);
    CHECK_EQ(c[0], 2);                         /* each GC allocation counts */
    rc_decref(b);
    rc_gc_get_count(h, c);
    CHECK_EQ(c[0], 1);                         /* each GC deallocation counts back */
    rc_decref(a);
    rc_gc_set_threshold(h, 10, -3, 5);
    rc_gc_get_threshold(h, t);
    CHECK(t[0] == 10 && t[1] == 0 && t[2] == 5);
    /* Automatic collection frees cycles once the count passes threshold 0. */
    rc_gc_set_threshold(h, 10, 10, 10);
    for (int i = 0; i < 100; i++)
        make_cycle(h, &node_type, i, i, NULL, NULL);
    CHECK(live(h) <= 22);
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    CHECK(st[0].collections >= 9);
    CHECK(st[0].collected + st[1].collected + st[2].collected >= 178);
    /* Disabled: nothing happens on its own. */
    rc_gc_collect(h, 2);
    rc_gc_disable(h);
    CHECK(!rc_gc_is_enabled(h));
    for (int i = 0; i < 100; i++)
        make_cycle(h, &node_type, i, i, NULL, NULL);
    CHECK_EQ(live(h), 200);
    rc_gc_enable(h);
    make_cycle(h, &node_type, 0, 0, NULL, NULL);   /* the next allocation collects */
    CHECK(live(h) <= 4);
    /* threshold 0 turns automatic collection off */
    rc_gc_collect(h, 2);
    rc_gc_set_threshold(h, 0, 10, 10);
    for (int i = 0; i < 100; i++)
        make_cycle(h, &node_type, i, i, NULL, NULL);
    CHECK_EQ(live(h), 200);
    rc_heap_free(h);
}

/* The cascade and the 25% rule, against a simulation of CPython's rules.
 * Nothing dies, so generation sizes are known exactly. */
typedef struct sim {
    int t[3], count[3];
    long size[3], pending, total, collections[3];
} sim;

static void sim_collect(sim *s, int g)
{
    if (g < 2)
        s->count[g + 1]++;
    for (int i = 0; i <= g; i++)
        s->count[i] = 0;
    long young = 0;
    for (int i = 0; i <= g; i++) {
        young += s->size[i];
        s->size[i] = 0;
    }
    if (g == 1)
        s->pending += young;
    s->size[g < 2 ? g + 1 : 2] += young;
    if (g == 2) {
        s->pending = 0;
        s->total = s->size[2];
    }
    s->collections[g]++;
}

static void sim_alloc(sim *s)
{
    s->count[0]++;
    if (s->count[0] > s->t[0]) {
        for (int i = 2; i >= 0; i--) {
            if (s->count[i] <= s->t[i])
                continue;
            if (i == 2 && s->pending < s->total / 4)
                continue;
            sim_collect(s, i);
            break;
        }
    }
    s->size[0]++;
}

static void test_threshold_cascade_and_25_percent_rule(void)
{
    unsetenv("RECLAIM_GC");                  /* this is the generational policy's test */
    rc_heap *h = rc_heap_new(NULL);
    rc_gc_set_threshold(h, 7, 3, 2);
    sim s = {{7, 3, 2}, {0, 0, 0}, {0, 0, 0}, 0, 0, {0, 0, 0}};
    enum { N = 60000 };
    static node *keep[N];
    int mismatches = 0;
    for (int i = 0; i < N; i++) {
        keep[i] = mk(h, &node_type, i);
        sim_alloc(&s);
        rc_gc_stats st[3];
        rc_gc_get_stats(h, st);
        for (int g = 0; g < 3; g++)
            mismatches += st[g].collections != s.collections[g];
    }
    CHECK_EQ(mismatches, 0);
    CHECK(s.collections[2] >= 3);            /* full collections did happen... */
    CHECK(s.collections[2] < s.collections[1] / 2);   /* ...but the 25% rule held most back */
    for (int i = 0; i < N; i++)
        rc_decref(keep[i]);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_freeze(void)
{
    rc_heap *h = quiet_heap();
    make_cycle(h, &node_type, 1, 2, NULL, NULL);
    rc_gc_freeze(h);
    CHECK_EQ(rc_gc_get_freeze_count(h), 2);
    CHECK_EQ(rc_gc_collect(h, 2), 0);          /* frozen garbage is not collected */
    CHECK_EQ(live(h), 2);
    rc_gc_unfreeze(h);
    CHECK_EQ(rc_gc_get_freeze_count(h), 0);
    int n = 0;
    rc_gc_visit_objects(h, 2, count_cb, &n);
    CHECK_EQ(n, 2);                            /* back in the oldest generation */
    CHECK_EQ(rc_gc_collect(h, 2), 2);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_finalizer_once_and_resurrection(void)
{
    rc_heap *h = quiet_heap();
    node *a, *b;
    make_cycle(h, &fin_type, 1, 2, &a, &b);
    CHECK_EQ(rc_gc_collect(h, 2), 2);
    CHECK_EQ(finalized_count, 2);
    CHECK_EQ(destroyed_count, 2);
    /* A finalizer that resurrects: the object and all it reaches survive. */
    finalized_count = destroyed_count = cleared_count = 0;
    make_cycle(h, &fin_type, 42, 43, &a, &b);
    CHECK_EQ(rc_gc_collect(h, 2), 0);          /* counted after resurrection, as CPython 3.11 */
    CHECK(resurrected == &a->ob);
    CHECK_EQ(finalized_count, 2);
    CHECK_EQ(destroyed_count, 0);
    CHECK(rc_gc_is_finalized(a) && rc_gc_is_finalized(b));
    CHECK_EQ(rc_refcount(a), 2);
    CHECK_EQ(rc_refcount(b), 1);
    CHECK_EQ(cleared_count, 0);
    rc_decref(resurrected);                    /* garbage again: no second finalization */
    CHECK_EQ(rc_gc_collect(h, 2), 2);
    CHECK_EQ(finalized_count, 2);
    CHECK_EQ(destroyed_count, 2);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* Weak references: all cleared before any clear(); a callback runs only where
 * the weak reference itself is not garbage. */
static rc_object *other_weak;
static int callback_calls, cleared_before_callback, other_cleared_in_callback;

static void wr_callback(rc_object *wr, rc_object *data)
{
    (void)wr;
    (void)data;
    callback_calls++;
    cleared_before_callback = cleared_count;
    rc_object *t = rc_weakref_get(other_weak);
    other_cleared_in_callback = t == NULL;
    rc_xdecref(t);
}

static void test_weakref_rules(void)
{
    rc_heap *h = quiet_heap();
    node *a, *b;
    make_cycle(h, &node_type, 1, 2, &a, &b);
    rc_object *alive_wr = rc_weakref_new(h, &a->ob, wr_callback, NULL);
    other_weak = rc_weakref_new(h, &b->ob, NULL, NULL);
    /* a weak reference that is itself part of the garbage: b.b = wr */
    rc_object *garbage_wr = rc_weakref_new(h, &a->ob, wr_callback, NULL);
    b->b = garbage_wr;                         /* b owns it now */
    callback_calls = 0;
    CHECK_EQ(rc_gc_collect(h, 2), 3);
    CHECK_EQ(callback_calls, 1);               /* only the surviving weak reference's */
    CHECK_EQ(cleared_before_callback, 0);      /* before any clear() */
    CHECK(other_cleared_in_callback);          /* all cleared before any callback */
    CHECK(rc_weakref_get(alive_wr) == NULL);
    rc_decref(alive_wr);
    rc_decref(other_weak);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_saveall_and_garbage(void)
{
    rc_heap *h = quiet_heap();
    rc_object *garbage = rc_gc_garbage(h);
    REQUIRE(garbage);
    CHECK_EQ(rc_list_len(garbage), 0);
    rc_gc_set_debug(h, RC_GC_DEBUG_SAVEALL);
    CHECK_EQ(rc_gc_get_debug(h), RC_GC_DEBUG_SAVEALL);
    make_cycle(h, &node_type, 1, 2, NULL, NULL);
    CHECK_EQ(rc_gc_collect(h, 2), 2);
    CHECK_EQ(rc_list_len(garbage), 2);
    CHECK_EQ(destroyed_count, 0);
    CHECK_EQ(cleared_count, 0);
    rc_gc_set_debug(h, 0);
    while (rc_list_len(garbage))
        rc_decref(rc_list_pop(garbage, -1));
    CHECK_EQ(rc_gc_collect(h, 2), 2);
    CHECK_EQ(destroyed_count, 2);
    CHECK_EQ(live(h), 1);                      /* the garbage list itself */
    /* released with what it saved; the next call makes a new list */
    rc_gc_set_debug(h, RC_GC_DEBUG_SAVEALL);
    make_cycle(h, &node_type, 1, 2, NULL, NULL);
    CHECK_EQ(rc_gc_collect(h, 2), 2);
    CHECK_EQ(rc_list_len(garbage), 2);
    rc_gc_set_debug(h, 0);
    rc_gc_garbage_release(h);
    CHECK_EQ(live(h), 2);                      /* the saved cycle, now unreachable */
    CHECK_EQ(rc_gc_collect(h, 2), 2);
    CHECK_EQ(live(h), 0);
    rc_gc_garbage_release(h);                  /* none: nothing happens */
    rc_object *fresh = rc_gc_garbage(h);
    CHECK(fresh && rc_list_len(fresh) == 0);
    CHECK_EQ(live(h), 1);
    rc_gc_garbage_release(h);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static char *capture_stderr(void (*fn)(rc_heap *), rc_heap *h)
{
    fflush(stderr);
    FILE *tmp = tmpfile();
    REQUIRE(tmp);
    int saved = dup(2);
    dup2(fileno(tmp), 2);
    fn(h);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fseek(tmp, 0, SEEK_END);
    long len = ftell(tmp);
    rewind(tmp);
    char *buf = calloc(1, (size_t)len + 1);
    if (fread(buf, 1, (size_t)len, tmp) != (size_t)len)
        buf[0] = '\0';
    fclose(tmp);
    return buf;
}

static void collect_two_with_stats(rc_heap *h)
{
    rc_gc_set_debug(h, RC_GC_DEBUG_STATS | RC_GC_DEBUG_COLLECTABLE);
    make_cycle(h, &node_type, 1, 2, NULL, NULL);
    rc_gc_collect(h, 2);
    rc_gc_set_debug(h, 0);
}

static void test_debug_stats_output(void)
{
    rc_heap *h = quiet_heap();
    char *out = capture_stderr(collect_two_with_stats, h);
    CHECK(strstr(out, "gc: collecting generation 2...\n") != NULL);
    CHECK(strstr(out, "gc: objects in each generation: 2 0 0\n") != NULL);
    CHECK(strstr(out, "gc: objects in permanent generation: 0\n") != NULL);
    CHECK(strstr(out, "gc: collectable <gc_node ") != NULL);
    CHECK(strstr(out, "gc: done, 2 unreachable, 0 uncollectable, ") != NULL);
    free(out);
    rc_heap_free(h);
}

typedef struct cb_log { int starts, stops, last_gen; rc_ssize last_collected; rc_heap *h; rc_ssize nested; } cb_log;

static void gc_cb(rc_heap *h, int phase, int gen, rc_ssize collected, rc_ssize uncollectable, void *arg)
{
    cb_log *log = arg;
    (void)uncollectable;
    if (phase == RC_GC_START) {
        log->starts++;
        log->nested = rc_gc_collect(h, 2);     /* no collection inside a collection */
    } else {
        log->stops++;
        log->last_collected = collected;
    }
    log->last_gen = gen;
}

static void test_callbacks_and_stats(void)
{
    rc_heap *h = quiet_heap();
    cb_log log = {0};
    CHECK_EQ(rc_gc_add_callback(h, gc_cb, &log), 0);
    make_cycle(h, &node_type, 1, 2, NULL, NULL);
    rc_gc_collect(h, 1);
    CHECK_EQ(log.starts, 1);
    CHECK_EQ(log.stops, 1);
    CHECK_EQ(log.last_gen, 1);
    CHECK_EQ(log.last_collected, 2);
    CHECK_EQ(log.nested, 0);
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    CHECK_EQ(st[1].collections, 1);
    CHECK_EQ(st[1].collected, 2);
    CHECK_EQ(st[1].uncollectable, 0);
    CHECK(st[1].pause_max_s >= 0 && st[1].pause_total_s >= st[1].pause_max_s);
    CHECK_EQ(st[0].collections, 0);
    CHECK_EQ(rc_gc_remove_callback(h, gc_cb, &log), 0);
    CHECK_EQ(rc_gc_remove_callback(h, gc_cb, &log), -1);
    rc_gc_collect(h, 0);
    CHECK_EQ(log.starts, 1);
    for (int i = 0; i < 16; i++)
        CHECK_EQ(rc_gc_add_callback(h, gc_cb, &log), 0);
    CHECK_EQ(rc_gc_add_callback(h, gc_cb, &log), -1);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    rc_heap_free(h);
}

static void test_untrack_atomic_containers(void)
{
    rc_heap *h = quiet_heap();
    rc_object *t = rc_tuple_new(h, 1);
    rc_object *l = rc_list_new(h);
    rc_tuple_set(t, 0, l);
    CHECK(rc_gc_is_tracked(t));
    rc_tuple_set(t, 0, rc_int_new(h, 1));      /* now atomic, still tracked */
    CHECK(rc_gc_is_tracked(t));
    rc_gc_collect(h, 0);
    CHECK(!rc_gc_is_tracked(t));               /* the collector untracked it */
    rc_object *d = rc_dict_new(h);
    rc_object *k = rc_str_from(h, "k");
    rc_dict_set(d, k, l);
    CHECK(rc_gc_is_tracked(d));
    rc_dict_set(d, k, rc_none());
    rc_gc_collect(h, 0);
    CHECK(rc_gc_is_tracked(d));                /* dicts only in full collections */
    rc_gc_collect(h, 2);
    CHECK(!rc_gc_is_tracked(d));
    rc_decref(k); rc_decref(d); rc_decref(l); rc_decref(t);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_lying_traverse(void)
{
    rc_heap *h = quiet_heap();
    node *a = mk(h, &liar_type, 1), *b = mk(h, &node_type, 2);
    rc_incref(b);
    a->a = &b->ob;                             /* b has 2 references; a reports 2 edges */
    rc_decref(b);                              /* b: 1 real reference, 2 reported */
    fflush(stderr);
    int saved = dup(2);
    FILE *devnull = fopen("/dev/null", "w");
    dup2(fileno(devnull), 2);
    rc_ssize found = rc_gc_collect(h, 2);
    dup2(saved, 2);
    close(saved);
    fclose(devnull);
    CHECK_EQ(found, 0);                        /* nothing freed on a lie */
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK(strstr(rc_error_message(h), "'liar'") != NULL || strstr(rc_error_message(h), "'gc_node'") != NULL);
    CHECK_EQ(live(h), 2);
    CHECK_EQ(rc_refcount(b), 1);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_decref(a);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* ---- big structures on a small C stack ------------------------------------------------ */

static void *big_cycle_and_nesting(void *arg)
{
    long n = *(long *)arg;
    rc_heap *h = quiet_heap();
    /* a cycle of n nodes */
    node *first = mk(h, &node_type, 0), *prev = first;
    for (long i = 1; i < n; i++) {
        node *x = mk(h, &node_type, (int)i);
        prev->a = &x->ob;                      /* steals x's creation reference */
        prev = x;
    }
    rc_incref(first);
    prev->a = &first->ob;
    rc_decref(first);
    CHECK_EQ(rc_gc_collect(h, 2), n);
    CHECK_EQ(live(h), 0);
    /* n nested lists, the innermost holding the outermost */
    rc_object *outer = rc_list_new(h), *cur = outer;
    for (long i = 0; i < n; i++) {
        rc_object *inner = rc_list_new(h);
        REQUIRE(inner);
        rc_list_append(cur, inner);
        rc_decref(inner);
        cur = inner;
    }
    rc_list_append(cur, outer);
    rc_decref(outer);
    CHECK_EQ(rc_gc_collect(h, 2), n + 1);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
    return NULL;
}

static void test_huge_structures_small_stack(long n)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);   /* a deep recursion would crash */
    pthread_t t;
    REQUIRE(pthread_create(&t, &attr, big_cycle_and_nesting, &n) == 0);
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
}

/* The seeds' experiment: a = list(range(10**6)); del a; gc.collect(). */
static void test_memory_falls_after_collect(void)
{
    rc_heap *h = rc_heap_new(NULL);
    size_t rss0 = rc_process_rss();
    rc_object *a = rc_list_new(h);
    for (int64_t i = 0; i < 1000000; i++) {
        rc_object *v = rc_int_new(h, i);
        rc_list_append(a, v);
        rc_decref(v);
    }
    size_t rss1 = rc_process_rss();
    CHECK(rss1 > rss0 + (20u << 20));
    rc_decref(a);                              /* del a */
    rc_gc_collect(h, 2);                       /* gc.collect() */
    size_t rss2 = rc_process_rss();
    /* the memory went back to the OS (ASan's quarantine and valgrind keep
     * freed system-allocator memory, the list's item array, resident) */
    if (!RUNNING_UNDER_ASAN && !running_under_valgrind())
        CHECK(rss2 < rss0 + (2u << 20));
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.arenas, 0);
    CHECK_EQ(s.bytes_resident, 0);
    rc_heap_free(h);
}

/* ---- regressions found in review ------------------------------------------------------ */

static rc_heap *callback_heap;
static rc_ssize collected_in_callback;

static void collecting_callback(rc_object *wr, rc_object *data)
{
    (void)wr;
    (void)data;
    collected_in_callback = rc_gc_collect(callback_heap, 0);
    for (int i = 0; i < 800; i++)                /* would trigger an automatic collection */
        rc_decref(rc_list_new(callback_heap));
}

static int weakref_callbacks;
static void counting_callback(rc_object *wr, rc_object *data)
{
    (void)wr;
    (void)data;
    weakref_callbacks++;
}

static void test_no_collection_inside_destruction(void)
{
    rc_heap *h = rc_heap_new(NULL);
    callback_heap = h;
    make_cycle(h, &node_type, 1, 2, NULL, NULL);     /* garbage waiting in generation 0 */
    node *x = mk(h, &node_type, 3);
    rc_object *w = rc_weakref_new(h, &x->ob, collecting_callback, NULL);
    rc_decref(x);                              /* the callback runs inside rc_dealloc */
    CHECK_EQ(collected_in_callback, 0);        /* deferred, not run on a half-drained queue */
    CHECK_EQ(rc_heap_check(h), 0);
    rc_decref(w);
    CHECK_EQ(rc_gc_collect(h, 2), 2);          /* the cycle goes at the next chance */
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static void test_dying_weakref_gets_no_callback(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_object *l = rc_list_new(h);
    node *t = mk(h, &node_type, 1);
    rc_object *w = rc_weakref_new(h, &t->ob, counting_callback, NULL);
    rc_list_append(l, &t->ob);
    rc_list_append(l, w);
    rc_decref(t);
    rc_decref(w);                              /* the list holds both */
    weakref_callbacks = 0;
    rc_decref(l);                              /* w may die before or with t */
    CHECK_EQ(weakref_callbacks, 0);
    CHECK_EQ(live(h), 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_bad_input_regressions(void)
{
    rc_heap *h = rc_heap_new(NULL);
    /* a tuple length whose byte size wraps with the GC header */
    CHECK(rc_tuple_new(h, ((rc_ssize)1 << 61) - 4) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    /* a shared tuple is immutable */
    rc_object *t = rc_tuple_new(h, 1);
    rc_tuple_set(t, 0, rc_int_new(h, 1));
    rc_object *d = rc_dict_new(h);
    rc_object *k = rc_str_from(h, "k");
    rc_dict_set(d, k, t);                      /* now shared */
    rc_object *l = rc_list_new(h);
    CHECK_EQ(rc_tuple_set(t, 0, l), -1);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK(rc_tuple_get(t, 0) == rc_int_new(h, 1));
    rc_decref(l); rc_decref(k); rc_decref(d); rc_decref(t);
    /* tracking a static immortal is a no-op */
    rc_gc_track(rc_tuple_new(h, 0));
    rc_gc_untrack(rc_tuple_new(h, 0));
    CHECK(!rc_gc_is_tracked(rc_tuple_new(h, 0)));
    /* a failed GC allocation does not count toward generation 0 */
    int before[3], after[3];
    rc_gc_get_count(h, before);
    rc_heap_fail_allocations(h, 0);
    CHECK(rc_new(h, &node_type) == NULL);
    rc_heap_fail_allocations(h, -1);
    rc_gc_get_count(h, after);
    CHECK_EQ(after[0], before[0]);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

/* ---- the incremental policy ------------------------------------------------------- */

static rc_heap *incremental_heap(unsigned pause_target_us)
{
    rc_config cfg = {0};
    cfg.gc_mode = RC_GC_INCREMENTAL;
    cfg.gc_pause_target_us = pause_target_us;
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    return h;
}

/* A two-node cycle; the caller holds the node returned. */
static node *two_cycle(rc_heap *h, int id)
{
    node *x = mk(h, &node_type, id), *y = mk(h, &node_type, id);
    x->a = &y->ob;                  /* y's creation reference, now x's */
    rc_incref(x);
    y->a = &x->ob;
    return x;
}

/* Grow the live chain under keep by n nodes: allocation drives the steps. */
static void grow_chain(rc_heap *h, node *keep, int n)
{
    for (int i = 0; i < n; i++) {
        node *t = mk(h, &node_type, 0);
        t->a = keep->a;
        keep->a = &t->ob;
    }
}

/* Allocate n nodes in batches that live until the batch is done: young
 * collections and the pass's steps run, and the heap does not grow. */
static void churn(rc_heap *h, int n)
{
    enum { BATCH = 1000 };
    static node *batch[BATCH];
    for (int done = 0; done < n; done += BATCH) {
        for (int i = 0; i < BATCH; i++)
            batch[i] = mk(h, &node_type, 0);
        for (int i = 0; i < BATCH; i++)
            rc_decref(batch[i]);
    }
}

/* Churn (at most `rounds` x 10000 allocations) until `expect` objects are alive. */
static void churn_until_live(rc_heap *h, size_t expect, int rounds)
{
    for (int round = 0; round < rounds && live(h) != expect; round++)
        churn(h, 10000);
}

/* The end of an incremental test: the heap is sound, and dropping the
 * chain frees everything. */
static void drop_chain_and_free(rc_heap *h, node *keep)
{
    CHECK_EQ(rc_heap_check(h), 0);
    rc_decref(keep);
    CHECK_EQ(live(h), 0);
    rc_heap_free(h);
}

static rc_ssize increments_collected(rc_heap *h, rc_ssize *increments)
{
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    if (increments)
        *increments = st[2].collections;
    return st[2].collected;
}

/* Cycles that became garbage in the old generation are found by the passes
 * alone, as the program allocates: no full collection is asked for. */
static void test_incremental_finds_old_cycles(void)
{
    rc_heap *h = incremental_heap(0);
    node *keep = mk(h, &node_type, 0);
    enum { C = 5000 };
    static node *cyc[C];
    for (int i = 0; i < C; i++)
        cyc[i] = two_cycle(h, i);
    grow_chain(h, keep, 20000);             /* young collections promote the cycles */
    size_t live_before = live(h);
    for (int i = 0; i < C; i++)
        rc_decref(cyc[i]);
    CHECK_EQ(live(h), live_before);          /* refcounting alone frees none */
    churn_until_live(h, live_before - 2 * C, 1000);
    CHECK_EQ(live(h), live_before - 2 * C);
    rc_ssize increments;
    CHECK_EQ(increments_collected(h, &increments), 2 * C);
    CHECK(increments > 0);
    drop_chain_and_free(h, keep);
}

/* Garbage cycles keep appearing in the old generation while passes run a
 * few visits at a time (1 us steps): each is found by a later pass, and no
 * live node is ever cleared (the chain's nodes are never cleared). */
static void test_incremental_cycles_made_during_passes(void)
{
    rc_heap *h = incremental_heap(1);
    node *keep = mk(h, &node_type, 0);
    grow_chain(h, keep, 5000);
    enum { HELD = 2000, MADE = 40000 };
    static node *held[HELD];
    int cleared_before = cleared_count;
    for (int i = 0; i < MADE; i++) {
        node **slot = &held[i % HELD];
        if (*slot)
            rc_decref(*slot);               /* an old cycle becomes garbage, mid-pass */
        *slot = two_cycle(h, i);
        if (i % 7 == 0)
            grow_chain(h, keep, 1);
    }
    for (int i = 0; i < HELD; i++)
        rc_decref(held[i]);
    size_t chain = 1 + 5000 + (MADE + 6) / 7;
    churn_until_live(h, chain, 2000);
    CHECK_EQ(live(h), chain);
    CHECK_EQ(cleared_count - cleared_before, 2 * MADE);   /* only the cycles' nodes */
    drop_chain_and_free(h, keep);
}

/* rc_gc_step and rc_gc_get_pass_stats: what each policy reports, bad input. */
static void test_incremental_step_api(void)
{
    rc_heap *gen = quiet_heap(), *inc = incremental_heap(0);
    rc_gc_pass_stats ps;
    rc_gc_get_pass_stats(gen, &ps);
    CHECK_EQ(ps.mode, RC_GC_GENERATIONAL);
    CHECK_EQ(ps.passes, 0);
    CHECK_EQ(rc_gc_step(gen, 100), -1);              /* not incremental: refused */
    CHECK_EQ(rc_error(gen), RC_EINVAL);
    CHECK_EQ(rc_gc_step(NULL, 100), -1);
    rc_gc_get_pass_stats(inc, &ps);
    CHECK_EQ(ps.mode, RC_GC_INCREMENTAL);
    CHECK_EQ(rc_gc_step(inc, 100), 0);               /* nothing old: no pass to complete */
    node *keep = mk(inc, &node_type, 0);
    rc_gc_collect(inc, 0);                           /* keep is old now */
    node *x = two_cycle(inc, 1);
    rc_gc_collect(inc, 0);
    rc_decref(x);                                    /* an old garbage cycle */
    int completed = 0;
    for (int i = 0; i < 100 && !completed; i++)
        completed = rc_gc_step(inc, 1000);
    CHECK_EQ(completed, 1);
    rc_gc_get_pass_stats(inc, &ps);
    CHECK(ps.passes >= 1 && ps.found == 2 && ps.scanned >= 3);
    CHECK_EQ(live(inc), 1);
    rc_decref(keep);
    rc_heap_free(gen);
    rc_heap_free(inc);
}

/* What needs every object (get_objects, a full collection, freeze) sees
 * every object, in the middle of a pass too. */
static void test_incremental_full_views_mid_pass(void)
{
    rc_heap *h = incremental_heap(1);
    node *keep = mk(h, &node_type, 0);
    grow_chain(h, keep, 30000);
    enum { C = 300 };
    for (int i = 0; i < C; i++) {
        node *x = two_cycle(h, i);
        grow_chain(h, keep, 10);            /* steps run between the cycles */
        rc_decref(x);
    }
    rc_ssize increments;
    increments_collected(h, &increments);
    CHECK(increments > 0);
    int seen = 0;
    CHECK_EQ(rc_gc_visit_objects(h, -1, count_cb, &seen), 0);
    CHECK_EQ((size_t)seen, live(h));        /* every node is tracked */
    size_t chain = 1 + 30000 + 10 * C;
    rc_ssize found = rc_gc_collect(h, 2);
    CHECK_EQ(live(h), chain);
    CHECK(found <= 2 * C);
    rc_gc_freeze(h);
    CHECK_EQ((size_t)rc_gc_get_freeze_count(h), chain);
    rc_gc_unfreeze(h);
    drop_chain_and_free(h, keep);
}

/* ---- pause statistics ------------------------------------------------------------------ */

#define PAUSE_RUNS 200

typedef struct pause_log {
    struct timespec start;
    double outer[PAUSE_RUNS];      /* START to STOP callback, seconds */
    int n;
} pause_log;

static void pause_cb(rc_heap *h, int phase, int gen, rc_ssize collected, rc_ssize uncollectable,
                     void *arg)
{
    (void)h, (void)gen, (void)collected, (void)uncollectable;
    pause_log *log = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (phase == RC_GC_START) {
        log->start = now;
    } else if (log->n < PAUSE_RUNS) {
        int64_t ns = (int64_t)(now.tv_sec - log->start.tv_sec) * 1000000000 +
                     (now.tv_nsec - log->start.tv_nsec);
        log->outer[log->n++] = (double)ns * 1e-9;
    }
}

/* n nodes in a ring, unreachable once made. */
static void make_ring(rc_heap *h, long n)
{
    node *first = mk(h, &node_type, 0), *prev = first;
    for (long i = 1; i < n; i++) {
        node *x = mk(h, &node_type, (int)i);
        prev->a = &x->ob;                      /* steals x's creation reference */
        prev = x;
    }
    rc_incref(first);
    prev->a = &first->ob;
    rc_decref(first);
}

static double pause_total(rc_heap *h)
{
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    return st[0].pause_total_s + st[1].pause_total_s + st[2].pause_total_s;
}

static double absolute(double x) { return x < 0 ? -x : x; }

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The value of rank ceil(permille / 1000 * n) in sorted[0..n). */
static double order_stat(const double *sorted, int n, int permille)
{
    int rank = (n * permille + 999) / 1000;
    return sorted[(rank < 1 ? 1 : rank) - 1];
}

/* est stands for `truth` within the histogram's resolution: a factor 2^(1/8)
 * from 1 us on, 1 us below (with a little room for rounding). */
static int within_resolution(double est, double truth)
{
    if (truth < 1e-6)
        return est >= 0 && est - truth <= 1e-6 + 1e-12;
    double r = est / truth;
    return r >= 0.917004 - 1e-6 && r <= 1.090508 + 1e-6;
}

/* Is x (seconds) so close to a bucket bound that rounding may put it on
 * either side? */
static int near_bucket_bound(double x)
{
    for (int k = 1; k < RC_GC_PAUSE_BUCKETS; k++) {
        double b = rc_gc_pause_bucket_bound(k);
        if (x > b * (1 - 1e-9) && x < b * (1 + 1e-9))
            return 1;
    }
    return 0;
}

static void test_pause_bucket_bounds(void)
{
    CHECK(rc_gc_pause_bucket_bound(0) == 0.0);
    CHECK(rc_gc_pause_bucket_bound(1) == 1e-6);
    CHECK(rc_gc_pause_bucket_bound(5) == 2e-6);
    CHECK(rc_gc_pause_bucket_bound(41) == 1024e-6);
    CHECK(rc_gc_pause_bucket_bound(RC_GC_PAUSE_BUCKETS) == HUGE_VAL);
    CHECK(rc_gc_pause_bucket_bound(-1) == -1.0);
    CHECK(rc_gc_pause_bucket_bound(RC_GC_PAUSE_BUCKETS + 1) == -1.0);
    double last = rc_gc_pause_bucket_bound(RC_GC_PAUSE_BUCKETS - 1);
    CHECK(last > 94.8 && last < 95.0);
    for (int k = 1; k < RC_GC_PAUSE_BUCKETS - 1; k++) {
        double r = rc_gc_pause_bucket_bound(k + 1) / rc_gc_pause_bucket_bound(k);
        CHECK(r > 1.189207 && r < 1.189208);   /* 2^(1/4) */
    }
}

/* Collections of different sizes, timed from outside (the gc callbacks) and
 * by the per-generation totals; the histogram's summary must agree with the
 * pauses it was given. */
static void test_pause_stats(long big)
{
    test_pause_bucket_bounds();
    rc_heap *h = quiet_heap();
    rc_gc_pause_stats ps;
    rc_gc_get_pause_stats(h, &ps);
    CHECK_EQ(ps.count, 0);
    CHECK(ps.total_s == 0 && ps.max_s == 0 && ps.min_s == 0 && ps.p50_s == 0 && ps.p999_s == 0);
    static pause_log log;
    memset(&log, 0, sizeof log);
    REQUIRE(rc_gc_add_callback(h, pause_cb, &log) == 0);
    const long sizes[5] = {1, 10, 100, 1000, big / 100 > 1000 ? big / 100 : 2000};
    double inner[PAUSE_RUNS];
    for (int i = 0; i < PAUSE_RUNS; i++) {
        long n = sizes[i % 5];
        make_ring(h, n);
        double before = pause_total(h);
        CHECK_EQ(rc_gc_collect(h, i % 3), n);
        inner[i] = pause_total(h) - before;      /* this collection's own pause */
    }
    REQUIRE(log.n == PAUSE_RUNS);
    rc_gc_get_pause_stats(h, &ps);
    CHECK_EQ(ps.count, PAUSE_RUNS);
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    CHECK_EQ(st[0].collections + st[1].collections + st[2].collections, ps.count);
    rc_ssize in_buckets = 0;
    for (int k = 0; k < RC_GC_PAUSE_BUCKETS; k++)
        in_buckets += ps.buckets[k];
    CHECK_EQ(in_buckets, ps.count);

    /* the exact figures against what was measured */
    double max_inner = 0, max_outer = 0, min_inner = inner[0], sum = 0;
    for (int i = 0; i < PAUSE_RUNS; i++) {
        CHECK(inner[i] > 0);
        CHECK(inner[i] <= log.outer[i] + 1e-9);  /* the callbacks bracket the pause */
        CHECK(ps.max_s >= inner[i] - 1e-9);
        max_inner = inner[i] > max_inner ? inner[i] : max_inner;
        min_inner = inner[i] < min_inner ? inner[i] : min_inner;
        max_outer = log.outer[i] > max_outer ? log.outer[i] : max_outer;
        sum += inner[i];
    }
    CHECK(absolute(ps.max_s - max_inner) <= 1e-9);
    CHECK(ps.max_s <= max_outer + 1e-9);
    CHECK(absolute(ps.min_s - min_inner) <= 1e-9);
    CHECK(absolute(ps.total_s - sum) <= 1e-9 * PAUSE_RUNS);
    CHECK(absolute(ps.total_s - pause_total(h)) <= 1e-9 * PAUSE_RUNS);
    CHECK(ps.total_s >= ps.max_s);
    CHECK(ps.max_s >= ps.p999_s && ps.p999_s >= ps.p99_s && ps.p99_s >= ps.p50_s);
    CHECK(ps.p50_s >= ps.min_s && ps.p50_s > 0);
    CHECK(ps.p999_s == ps.max_s);              /* rank ceil(0.999 * 200): the last */

    /* the percentiles, against the true order statistics */
    double sorted[PAUSE_RUNS], outer_sorted[PAUSE_RUNS];
    memcpy(sorted, inner, sizeof sorted);
    memcpy(outer_sorted, log.outer, sizeof outer_sorted);
    qsort(sorted, PAUSE_RUNS, sizeof *sorted, cmp_double);
    qsort(outer_sorted, PAUSE_RUNS, sizeof *outer_sorted, cmp_double);
    const int permille[3] = {500, 990, 999};
    const double est[3] = {ps.p50_s, ps.p99_s, ps.p999_s};
    for (int j = 0; j < 3; j++) {
        double truth = order_stat(sorted, PAUSE_RUNS, permille[j]);
        if (!within_resolution(est[j], truth))
            fprintf(stderr, "percentile %d/1000: estimate %.9f s, true %.9f s\n",
                    permille[j], est[j], truth);
        CHECK(within_resolution(est[j], truth));
        /* seen from outside, each pause is as long or longer */
        CHECK(est[j] <= order_stat(outer_sorted, PAUSE_RUNS, permille[j]) * 1.090508 + 1e-6);
    }

    /* the histogram holds each pause in its bucket */
    rc_ssize expect[RC_GC_PAUSE_BUCKETS] = {0};
    int near = 0;
    for (int i = 0; i < PAUSE_RUNS; i++) {
        near += near_bucket_bound(inner[i]);
        for (int k = 0; k < RC_GC_PAUSE_BUCKETS; k++)
            if (inner[i] >= rc_gc_pause_bucket_bound(k) && inner[i] < rc_gc_pause_bucket_bound(k + 1))
                expect[k]++;
    }
    if (!near)
        for (int k = 0; k < RC_GC_PAUSE_BUCKETS; k++)
            CHECK_EQ(ps.buckets[k], expect[k]);

    /* a reset forgets the pauses, not the per-generation statistics */
    rc_gc_reset_pause_stats(h);
    rc_gc_get_pause_stats(h, &ps);
    CHECK_EQ(ps.count, 0);
    CHECK(ps.total_s == 0 && ps.max_s == 0 && ps.p99_s == 0);
    for (int k = 0; k < RC_GC_PAUSE_BUCKETS; k++)
        CHECK_EQ(ps.buckets[k], 0);
    rc_gc_stats st2[3];
    rc_gc_get_stats(h, st2);
    CHECK(memcmp(st, st2, sizeof st) == 0);
    make_ring(h, 100);
    rc_gc_collect(h, 2);
    rc_gc_get_pause_stats(h, &ps);
    CHECK_EQ(ps.count, 1);
    CHECK(ps.min_s == ps.max_s && ps.total_s == ps.max_s);
    CHECK(ps.p50_s == ps.max_s && ps.p99_s == ps.max_s && ps.p999_s == ps.max_s);
    CHECK(rc_gc_remove_callback(h, pause_cb, &log) == 0);
    rc_heap_free(h);

    /* incremental: young collections and each pass step are timed alike */
    h = incremental_heap(0);
    rc_gc_disable(h);
    node *keep = mk(h, &node_type, 1);
    for (int i = 0; i < 2000; i++)
        make_ring(h, 3);
    rc_gc_collect(h, 0);
    rc_gc_collect(h, 1);                       /* the survivors reach generation 2 */
    for (int i = 0; i < 5; i++)
        rc_gc_step(h, 50);
    rc_gc_get_stats(h, st);
    rc_gc_get_pause_stats(h, &ps);
    CHECK(st[2].collections >= 5);
    CHECK_EQ(ps.count, st[0].collections + st[1].collections + st[2].collections);
    CHECK(absolute(ps.total_s - (st[0].pause_total_s + st[1].pause_total_s + st[2].pause_total_s))
          <= 1e-9 * (double)ps.count);
    CHECK(ps.max_s >= st[2].pause_max_s && ps.max_s >= ps.p999_s && ps.p50_s > 0);
    rc_decref(keep);
    rc_heap_free(h);
}

int main(int argc, char **argv)
{
    long big = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    test_collect_cycles();
    test_generations_and_visitors();
    test_visit_unreachable();
    test_track_untrack();
    test_enable_threshold_count();
    test_threshold_cascade_and_25_percent_rule();
    test_freeze();
    test_finalizer_once_and_resurrection();
    test_weakref_rules();
    test_saveall_and_garbage();
    test_debug_stats_output();
    test_callbacks_and_stats();
    test_untrack_atomic_containers();
    test_lying_traverse();
    test_reachability_shortcut();
    test_huge_structures_small_stack(big);
    test_memory_falls_after_collect();
    test_no_collection_inside_destruction();
    test_dying_weakref_gets_no_callback();
    test_bad_input_regressions();
    test_incremental_finds_old_cycles();
    test_incremental_cycles_made_during_passes();
    test_incremental_full_views_mid_pass();
    test_incremental_step_api();
    test_pause_stats(big);
    return check_summary("test_gc");
}
