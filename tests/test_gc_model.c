/*
 * test_gc_model.c — the collector against a shadow model.
 *
 * usage: test_gc_model [SEED [STEPS [NODES [incremental]]]]
 *
 * With "incremental" the heap runs RC_GC_INCREMENTAL with a pause target of
 * 1 us, so every step of the collector does the least it may and a pass
 * over the old generation spans many steps of the test: the graph changes
 * between its slices.
 * Random graphs of nodes with NSLOTS child slots; random steps create nodes,
 * link and unlink slots, add and drop roots (references the test holds), take
 * weak references, and collect random generations, with automatic collection
 * at random small thresholds or off.  Some nodes have a finalizer, and some of
 * those resurrect their node (store it in a list of extra roots).
 *
 * The model knows the edges and the roots; reachability is computed from it.
 * After every step:
 *   - no node reachable in the model is destroyed, and its refcount is
 *     exactly roots + slots pointing at it from nodes not yet destroyed;
 *   - every weak reference to a reachable node returns it, and one whose
 *     target was destroyed returns NULL;
 *   - no node is destroyed or finalized more than once.
 * After every full collection: every node unreachable in the model has been
 * destroyed (exactly once).
 */
#include <reclaim.h>
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define NSLOTS 3
#define MAX_NODES 4096
#define MAX_ROOTS 8192
#define MAX_WEAK 256

typedef struct node {
    rc_object ob;
    rc_object *slot[NSLOTS];
    int id;
} node;

static int destroyed[MAX_NODES], finalized[MAX_NODES];
static node *ptr[MAX_NODES];              /* valid while !destroyed */
static int child[MAX_NODES][NSLOTS];      /* model edges, -1 = none */
static int nnodes;
static int roots[MAX_ROOTS], nroots;      /* model roots (ids; repeats allowed) */
static rc_object *resurrected[MAX_NODES]; /* filled by finalizers */
static int nresurrected, nresurrected_seen;
static rc_object *weak[MAX_WEAK];
static int weak_target[MAX_WEAK], nweak;

static int node_traverse(rc_object *self, rc_visit visit, void *arg)
{
    node *n = (node *)self;
    for (int i = 0; i < NSLOTS; i++)
        if (n->slot[i]) {
            int r = visit(n->slot[i], arg);
            if (r)
                return r;
        }
    return 0;
}

static void node_clear(rc_object *self)
{
    node *n = (node *)self;
    for (int i = 0; i < NSLOTS; i++)
        RC_CLEAR(n->slot[i]);
}

static void node_destroy(rc_object *self)
{
    node *n = (node *)self;
    destroyed[n->id]++;
    node_clear(self);
}

static void node_finalize(rc_object *self)
{
    node *n = (node *)self;
    finalized[n->id]++;
    if (n->id % 3 == 0) {                 /* one in three resurrects */
        rc_incref(self);
        resurrected[nresurrected++] = self;
    }
}

static const rc_type node_type = {
    .name = "model_node", .size = sizeof(node), .flags = RC_TYPE_GC,
    .traverse = node_traverse, .clear = node_clear, .destroy = node_destroy,
};
static const rc_type fin_node_type = {
    .name = "model_fin_node", .size = sizeof(node), .flags = RC_TYPE_GC,
    .traverse = node_traverse, .clear = node_clear, .destroy = node_destroy,
    .finalize = node_finalize,
};

/* ---- the model ---------------------------------------------------------------- */

static char reach[MAX_NODES];
/* Once unreachable, a node's weak references may be cleared even if a
 * finalizer resurrects it (CPython clears them before finalizers run). */
static char was_unreachable[MAX_NODES];

static void compute_reachable(void)
{
    static int stack[MAX_NODES * (NSLOTS + 1)];
    int sp = 0;
    memset(reach, 0, sizeof reach);
    for (int r = 0; r < nroots; r++)
        if (!reach[roots[r]]) {
            reach[roots[r]] = 1;
            stack[sp++] = roots[r];
        }
    while (sp) {
        int id = stack[--sp];
        for (int s = 0; s < NSLOTS; s++) {
            int c = child[id][s];
            if (c >= 0 && !reach[c]) {
                reach[c] = 1;
                stack[sp++] = c;
            }
        }
    }
}

/* Roots stored by finalizers become model roots. */
static void sync_resurrected(void)
{
    for (; nresurrected_seen < nresurrected; nresurrected_seen++) {
        int id = ((node *)resurrected[nresurrected_seen])->id;
        if (nroots < MAX_ROOTS)
            roots[nroots++] = id;
        else
            rc_decref(resurrected[nresurrected_seen]);   /* cannot happen at these sizes */
    }
}

static int pick_reachable(void)
{
    if (!nroots)
        return -1;
    int id = roots[check_rng() % (uint64_t)nroots];
    for (int hops = (int)(check_rng() % 4); hops > 0; hops--) {
        int c = child[id][check_rng() % NSLOTS];
        if (c < 0)
            break;
        id = c;
    }
    return id;
}

static void check_invariants(int step)
{
    static rc_ssize expected[MAX_NODES];
    compute_reachable();
    memset(expected, 0, sizeof expected);
    for (int r = 0; r < nroots; r++)
        expected[roots[r]]++;
    for (int id = 0; id < nnodes; id++) {
        if (destroyed[id])
            continue;
        for (int s = 0; s < NSLOTS; s++)
            if (child[id][s] >= 0)
                expected[child[id][s]]++;
    }
    int bad = 0;
    for (int id = 0; id < nnodes; id++)
        if (!reach[id])
            was_unreachable[id] = 1;
    for (int id = 0; id < nnodes; id++) {
        if (destroyed[id] > 1 || finalized[id] > 1) {
            fprintf(stderr, "step %d: node %d destroyed %d times, finalized %d times\n", step, id,
                    destroyed[id], finalized[id]);
            bad++;
        }
        if (!reach[id])
            continue;
        if (destroyed[id]) {
            fprintf(stderr, "step %d: reachable node %d was destroyed\n", step, id);
            bad++;
        } else if (rc_refcount(ptr[id]) != expected[id]) {
            fprintf(stderr, "step %d: node %d refcount %lld, model %lld\n", step, id,
                    (long long)rc_refcount(ptr[id]), (long long)expected[id]);
            bad++;
        }
    }
    for (int w = 0; w < nweak; w++) {
        rc_object *t = rc_weakref_get(weak[w]);
        int id = weak_target[w];
        bool must_live = reach[id] && !destroyed[id] && !was_unreachable[id];
        bool wrong = t && (destroyed[id] || t != &ptr[id]->ob);
        if ((must_live && t != &ptr[id]->ob) || wrong) {
            fprintf(stderr, "step %d: weakref %d to node %d (reachable %d, destroyed %d) gave %p\n",
                    step, w, id, reach[id], destroyed[id], (void *)t);
            bad++;
        }
        rc_xdecref(t);
    }
    CHECK_EQ(bad, 0);
    if (bad) {
        fprintf(stderr, "seed replay: the step above failed\n");
        exit(1);
    }
}

static void check_after_full_collection(void)
{
    compute_reachable();
    int leaked = 0;
    for (int id = 0; id < nnodes; id++)
        if (!reach[id] && destroyed[id] != 1) {
            leaked++;
            if (!destroyed[id])
                fprintf(stderr, "unreachable node %d survived: refcount %lld, tracked %d, finalized %d\n",
                        id, (long long)rc_refcount(ptr[id]), rc_gc_is_tracked(ptr[id]), finalized[id]);
        }
    CHECK_EQ(leaked, 0);
}

/* ---- steps --------------------------------------------------------------------------- */

static void step_create(rc_heap *h, int max_nodes)
{
    if (nnodes >= max_nodes || nroots >= MAX_ROOTS)
        return;
    int id = nnodes++;
    bool fin = check_rng() % 4 == 0;
    node *n = (node *)rc_new(h, fin ? &fin_node_type : &node_type);
    REQUIRE(n);
    n->id = id;
    ptr[id] = n;
    for (int s = 0; s < NSLOTS; s++)
        child[id][s] = -1;
    roots[nroots++] = id;                 /* the creation reference */
}

static void step_link(void)
{
    int a = pick_reachable(), b = pick_reachable();
    if (a < 0 || b < 0)
        return;
    int s = (int)(check_rng() % NSLOTS);
    rc_incref(ptr[b]);
    child[a][s] = b;                      /* model first: the decref may free things */
    RC_SETREF(ptr[a]->slot[s], &ptr[b]->ob);
}

static void step_unlink(void)
{
    int a = pick_reachable();
    if (a < 0)
        return;
    int s = (int)(check_rng() % NSLOTS);
    child[a][s] = -1;
    RC_CLEAR(ptr[a]->slot[s]);
}

static void step_add_root(void)
{
    int a = pick_reachable();
    if (a < 0 || nroots >= MAX_ROOTS)
        return;
    rc_incref(ptr[a]);
    roots[nroots++] = a;
}

static void step_drop_root(void)
{
    if (!nroots)
        return;
    int k = (int)(check_rng() % (uint64_t)nroots);
    int id = roots[k];
    roots[k] = roots[--nroots];
    rc_decref(ptr[id]);
}

static void step_weakref(rc_heap *h)
{
    int a = pick_reachable();
    if (a < 0)
        return;
    if (nweak == MAX_WEAK) {
        int w = (int)(check_rng() % MAX_WEAK);
        rc_decref(weak[w]);
        weak[w] = weak[--nweak];
        weak_target[w] = weak_target[nweak];
    }
    weak[nweak] = rc_weakref_new(h, &ptr[a]->ob, NULL, NULL);
    REQUIRE(weak[nweak]);
    weak_target[nweak++] = a;
}

static int count_visit(rc_object *o, void *arg)
{
    (void)o;
    ++*(int *)arg;
    return 0;
}

static void run(uint64_t seed, int steps, int max_nodes, bool incremental)
{
    check_rng_seed(seed);
    memset(destroyed, 0, sizeof destroyed);
    memset(finalized, 0, sizeof finalized);
    memset(was_unreachable, 0, sizeof was_unreachable);
    nnodes = nroots = nresurrected = nresurrected_seen = nweak = 0;
    rc_config cfg = {0};
    if (incremental) {
        cfg.gc_mode = RC_GC_INCREMENTAL;
        cfg.gc_pause_target_us = 1;
    }
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    int mode = (int)(seed % 3);
    if (mode == 0)
        rc_gc_disable(h);
    else
        rc_gc_set_threshold(h, 5 + (int)(check_rng() % 60), 1 + (int)(check_rng() % 5), 1 + (int)(check_rng() % 5));
    for (int step = 0; step < steps; step++) {
        unsigned r = (unsigned)(check_rng() % 100);
        if (r < 20)
            step_create(h, max_nodes);
        else if (r < 45)
            step_link();
        else if (r < 55)
            step_unlink();
        else if (r < 62)
            step_add_root();
        else if (r < 82)
            step_drop_root();
        else if (r < 86)
            step_weakref(h);
        else if (incremental && r < 93) {
            /* pass work between the graph's changes: a few visits, or ~20 us */
            CHECK(rc_gc_step(h, check_rng() % 2 ? 0 : 20) >= 0);
            sync_resurrected();
        } else {
            /* incremental: few full collections, so that passes complete */
            int gen = (int)(check_rng() % (incremental ? 12 : 3));
            gen = gen > 2 ? (int)(check_rng() % 2) : gen;
            rc_gc_collect(h, gen);
            sync_resurrected();
            if (gen == 2) {
                check_invariants(step);
                /* a full collection right after one that resurrected must free the rest */
                rc_gc_collect(h, 2);
                sync_resurrected();
                if (nresurrected_seen == nresurrected)
                    check_after_full_collection();
            }
        }
        sync_resurrected();
        check_invariants(step);
        CHECK_EQ(rc_heap_check(h), 0);
    }
    /* Drop everything: all must die, each exactly once.  Dropping a root
     * can run a finalizer that resurrects (a new root): drain until none. */
    for (int w = 0; w < nweak; w++)
        rc_decref(weak[w]);
    nweak = 0;
    for (int round = 0; round < 20; round++) {
        sync_resurrected();
        while (nroots) {
            step_drop_root();
            sync_resurrected();
        }
        rc_gc_collect(h, 2);
        sync_resurrected();
        if (!nroots)
            break;
    }
    if (incremental) {
        rc_gc_pass_stats ps;
        rc_gc_get_pass_stats(h, &ps);
        printf("passes %lld, scanned %lld, found %lld\n", (long long)ps.passes,
               (long long)ps.scanned, (long long)ps.found);
        if (mode != 0 && steps >= 1000)
            CHECK(ps.passes > 0);        /* the test did run passes between its steps */
    }
    int on_lists = 0;
    rc_gc_visit_objects(h, -1, count_visit, &on_lists);
    if (on_lists) {
        fprintf(stderr, "%d objects still on the generation lists\n", on_lists);
        rc_gc_set_debug(h, RC_GC_DEBUG_STATS);
        fprintf(stderr, "collect again: %lld\n", (long long)rc_gc_collect(h, 2));
        rc_gc_set_debug(h, 0);
        static int internal[MAX_NODES];
        memset(internal, 0, sizeof internal);
        for (int id = 0; id < nnodes; id++)
            if (!destroyed[id])
                for (int s = 0; s < NSLOTS; s++)
                    if (ptr[id]->slot[s])
                        internal[((node *)ptr[id]->slot[s])->id]++;
        for (int id = 0; id < nnodes; id++)
            if (!destroyed[id] && internal[id] != rc_refcount(ptr[id]))
                fprintf(stderr, "node %d: refcount %lld, referenced by %d slots, resurrected %d\n", id,
                        (long long)rc_refcount(ptr[id]), internal[id], finalized[id]);
    }
    int not_once = 0;
    for (int id = 0; id < nnodes; id++) {
        not_once += destroyed[id] != 1 || finalized[id] > 1;
        if (!destroyed[id])
            fprintf(stderr, "node %d never destroyed: refcount %lld, tracked %d, finalized %d\n",
                    id, (long long)rc_refcount(ptr[id]), rc_gc_is_tracked(ptr[id]), finalized[id]);
    }
    CHECK_EQ(not_once, 0);
    rc_stats st;
    rc_heap_stats(h, &st);
    CHECK_EQ(st.objects_live, 0);
    rc_heap_free(h);
}

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    int steps = argc > 2 ? atoi(argv[2]) : 3000;
    int nodes = argc > 3 ? atoi(argv[3]) : 400;
    bool incremental = argc > 4 && !strcmp(argv[4], "incremental");
    if (nodes > MAX_NODES)
        nodes = MAX_NODES;
    printf("test_gc_model seed=%llu steps=%d nodes=%d mode=%s\n", (unsigned long long)seed, steps,
           nodes, incremental ? "incremental" : "generational");
    run(seed, steps, nodes, incremental);
    return check_summary("test_gc_model");
}
