/*
 * gc.c — the generational cycle collector: CPython's gc module in C.
 *
 * Reference counting frees everything but cycles.  The collector finds
 * groups of tracked (RC_TYPE_GC) objects that only reference each other and
 * frees them.  Tracked objects live on three generation lists
 * (h->gc_gen[0..2]) plus a permanent one for frozen objects.
 *
 * When.  Each GC allocation adds one to count[0] and each GC deallocation
 * takes one off; when count[0] passes threshold[0] (700) generation 0 is
 * collected.  Collecting generation g adds one to count[g+1]; when that
 * passes threshold[g+1] (10) the older generation is collected instead.  A
 * full collection (generation 2) also waits until the objects that entered
 * generation 2 since the last full collection exceed 25% of those that were
 * there (long_lived_pending > long_lived_total / 4), CPython's guard against
 * quadratic behaviour on a growing heap.
 *
 * How (collect, phase by phase, as in CPython):
 *   merge        the younger generations into `young`;
 *   update_refs  gc_refs = refcount, for every object of young, which is
 *                marked COLLECTING;
 *   subtract_refs  for every reference an object of young holds to another
 *                object of young, gc_refs-- of the target.  What keeps
 *                gc_refs > 0 is referenced from outside: a root.  (A type
 *                whose traverse reports more references than exist would
 *                drive a gc_refs below zero: caught at that decrement,
 *                reported by type name, and nothing is freed in that
 *                collection.)  The objects brought to 0 are counted.
 *   move_unreachable  one pass over young: an object with gc_refs > 0 is
 *                reachable and makes everything it references reachable
 *                (gc_refs = 1, and back from the tentatively-unreachable
 *                list to the tail of young, where the pass will reach it);
 *                gc_refs == 0 moves it to `unreachable` for now.  No C
 *                recursion: the list is the work queue.  Once every object
 *                subtract_refs left at 0 has been reached, no traverse can
 *                change anything: the rest of the pass only restores the
 *                list (a heap without garbage, the common full collection,
 *                skips the traversals after its last such object).  As it
 *                drops the marks, it notes what it left unreachable (count,
 *                weak references, finalizers to run), so the phases below
 *                skip their walks when they have nothing to do.
 *   untrack_atomic  reachable tuples holding only atomic values leave the
 *                lists (they can never be part of a cycle).
 *   handle_weakrefs  every weak reference to an unreachable object is
 *                cleared; callbacks run only for weak references that are
 *                not themselves garbage.
 *   finalize     each finalizer runs once (FINALIZED is set first).
 *   handle_resurrected  reachability is computed again inside the garbage:
 *                what a finalizer made reachable again survives with all it
 *                reaches; the rest stays garbage.
 *   delete_garbage  clear() each object (saved to gc.garbage instead under
 *                RC_GC_DEBUG_SAVEALL); the reference counts then free them.
 * Survivors move to the next generation.
 *
 * During a collection, prev_flags holds gc_refs << GC_REFS_SHIFT above the
 * flag bits, and `next` carries GC_NEXT_UNREACHABLE on the tentatively
 * unreachable list; both are restored before the collection ends.
 *
 * This is the RC_GC_GENERATIONAL policy.  The phases from update_refs to
 * delete_garbage (rc__gc_collect_set) work on any set of objects; the
 * RC_GC_INCREMENTAL policy (gc_incremental.c) runs them on the candidate
 * groups its passes over the old generation pick, and gc_count_alloc (internal.h)
 * sends each young collection's step there in that mode.
 */
#define RC_BUILDING_LIBRARY 1
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#define NUM_GENERATIONS 3

/* ---- lists ---------------------------------------------------------------------- */

static inline rc_gc_head *head_next(const rc_gc_head *g)
{
    return (rc_gc_head *)((uintptr_t)g->next & ~GC_NEXT_UNREACHABLE);
}

static void list_init(rc_gc_head *list)
{
    list->next = list;
    list->prev_flags = (uintptr_t)list;
}

static bool list_is_empty(const rc_gc_head *list)
{
    return list->next == list;
}

static void list_move(rc_gc_head *node, rc_gc_head *list)
{
    gc_list_remove(node);
    gc_list_append(node, list);
}

/* Append all of `from` to `to`; `from` ends empty (unless it is `to`). */
static void list_merge(rc_gc_head *from, rc_gc_head *to)
{
    if (from == to || list_is_empty(from))
        return;
    rc_gc_head *to_last = gc_head_prev(to), *first = from->next, *last = gc_head_prev(from);
    to_last->next = first;
    gc_head_set_prev(first, to_last);
    last->next = to;
    gc_head_set_prev(to, last);
    list_init(from);
}

static rc_ssize list_size(const rc_gc_head *list)
{
    rc_ssize n = 0;
    for (const rc_gc_head *g = list->next; g != list; g = g->next)
        n++;
    return n;
}

/* ---- gc_refs ------------------------------------------------------------------------ */

static inline bool is_collecting(const rc_object *o)
{
    return object_is_gc(o) && (gc_head_of(o)->prev_flags & GC_COLLECTING);
}

/* ---- phases ---------------------------------------------------------------------------- */

/* Returns how many objects start at gc_refs 0 (none, unless a count is
 * wrong: every tracked object in a set is referenced). */
static rc_ssize update_refs(rc_gc_head *young)
{
    rc_ssize zeros = 0;
    for (rc_gc_head *g = young->next; g != young; g = g->next) {
        rc_object *o = gc_object_of(g);
        /* immortal objects are roots forever: a count no cycle explains */
        rc_ssize refs = o->refcnt < 0 ? GC_REFS_IMMORTAL : o->refcnt;
        g->prev_flags |= GC_COLLECTING;
        gc_head_set_refs(g, refs);
        zeros += refs == 0;
    }
    return zeros;
}

/* subtract_refs's tally: the objects its subtractions bring to gc_refs 0,
 * and the first whose gc_refs would go below 0 (a traverse that reports
 * more references than the count holds: no truthful one can, since every
 * reference it reports is counted). */
typedef struct subtract_tally {
    rc_ssize  zeros;
    rc_object *bad;
} subtract_tally;

static int visit_decref(rc_object *child, void *arg)
{
    if (is_collecting(child)) {
        rc_gc_head *g = gc_head_of(child);
        rc_ssize refs = gc_head_refs(g);
        subtract_tally *t = arg;
        if (rc_unlikely(refs <= 0)) {
            if (!t->bad)
                t->bad = child;
        }
        t->zeros += refs == 1;
        gc_head_set_refs(g, refs - 1);
    }
    return 0;
}

/* The visits of subtract_refs and move_unreachable are cache misses on random
 * objects.  They go through a small queue: a child's head is prefetched when
 * traverse reports it and visited GC_PREFETCH visits later, so that many
 * misses are in flight at once instead of one.  The order of the visits does
 * not matter to either phase. */
#define GC_PREFETCH 32
typedef struct visit_queue {
    rc_object *q[GC_PREFETCH];
    unsigned head, n;
    void *arg;                    /* for the visit */
} visit_queue;

static inline int queue_visit(visit_queue *vq, rc_object *child, rc_visit visit)
{
    __builtin_prefetch((char *)child - sizeof(rc_gc_head), 1);
    __builtin_prefetch((char *)child + sizeof(rc_object) - 1, 1);
    if (vq->n == GC_PREFETCH) {
        visit(vq->q[vq->head], vq->arg);
        vq->q[vq->head] = child;
        vq->head = (vq->head + 1) % GC_PREFETCH;
    } else {
        vq->q[(vq->head + vq->n) % GC_PREFETCH] = child;
        vq->n++;
    }
    return 0;
}

static inline void queue_drain(visit_queue *vq, rc_visit visit)
{
    while (vq->n) {
        visit(vq->q[vq->head], vq->arg);
        vq->head = (vq->head + 1) % GC_PREFETCH;
        vq->n--;
    }
}

static int visit_decref_queued(rc_object *child, void *arg)
{
    return queue_visit(arg, child, visit_decref);
}

/* Returns the first object whose count went negative, or NULL; adds to
 * *zeros the objects left at gc_refs 0 that were above it. */
static rc_object *subtract_refs(rc_gc_head *young, rc_ssize *zeros)
{
    subtract_tally t = {0, NULL};
    visit_queue vq = {.head = 0, .n = 0, .arg = &t};
    for (rc_gc_head *g = young->next; g != young; g = g->next) {
        rc_object *o = gc_object_of(g);
        o->type->traverse(o, visit_decref_queued, &vq);
    }
    queue_drain(&vq, visit_decref);
    *zeros += t.zeros;
    return t.bad;
}

/* move_unreachable's state for its visits: where reachable objects go, and
 * how many objects at gc_refs 0 are not yet known to be reachable. */
typedef struct reach_state {
    rc_gc_head *reachable;
    rc_ssize    pending;
} reach_state;

static int visit_reachable(rc_object *child, void *arg)
{
    reach_state *rs = arg;
    if (!is_collecting(child))
        return 0;
    rc_gc_head *g = gc_head_of(child);
    if ((uintptr_t)g->next & GC_NEXT_UNREACHABLE) {
        /* tentatively unreachable: back to the tail of young */
        rc_gc_head *prev = gc_head_prev(g), *next = head_next(g);
        prev->next = g->next;            /* keeps prev's own mark */
        gc_head_set_prev(next, prev);
        gc_list_append(g, rs->reachable);
        gc_head_set_refs(g, 1);
        rs->pending--;
    } else if (gc_head_refs(g) == 0) {
        gc_head_set_refs(g, 1);
        rs->pending--;
    }
    return 0;
}

static int visit_reachable_queued(rc_object *child, void *arg)
{
    return queue_visit(arg, child, visit_reachable);
}

/* What move_unreachable left in `unreachable`, noted as it dropped the
 * marks: the later phases skip their walks when there is nothing for them. */
typedef struct garbage_summary {
    rc_ssize n;               /* objects */
    bool     weakrefs;        /* one of them has weak references */
    bool     finalizers;      /* one of them has a finalizer still to run */
} garbage_summary;

/* Returns how many objects stay in young (reachable); *containers is set if
 * one of them is a tuple or a dict (untrack_atomic has work only then); *gs
 * describes what went to `unreachable`.  `zeros`: the objects subtract_refs
 * left at gc_refs 0.  Each is either reached later (its gc_refs becomes 1)
 * or garbage; once all have been reached, no traverse can change anything,
 * and the rest of the walk only restores the list (a set with no garbage
 * is traversed only as far as its last object at 0 that was reached). */
static rc_ssize move_unreachable(rc_gc_head *young, rc_gc_head *unreachable, bool *containers,
                                 garbage_summary *gs, rc_ssize zeros)
{
    bool seen = false;
    rc_ssize reachable = 0;
    reach_state rs = {young, zeros};
    visit_queue vq = {.head = 0, .n = 0, .arg = &rs};
    rc_gc_head *prev = young, *g = young->next;
    for (;;) {
        while (g != young) {
            if (gc_head_refs(g) > 0) {
                rc_object *o = gc_object_of(g);
                seen |= o->type == &rc_tuple_type || o->type == &rc_dict_type;
                if (rs.pending > 0)
                    o->type->traverse(o, visit_reachable_queued, &vq);
                gc_head_set_prev(g, prev);
                g->prev_flags &= ~GC_COLLECTING;
                prev = g;
                reachable++;
            } else {
                prev->next = g->next;
                rc_gc_head *last = gc_head_prev(unreachable);
                last->next = (rc_gc_head *)(GC_NEXT_UNREACHABLE | (uintptr_t)g);
                gc_head_set_prev(g, last);
                g->next = (rc_gc_head *)(GC_NEXT_UNREACHABLE | (uintptr_t)unreachable);
                gc_head_set_prev(unreachable, g);
            }
            g = prev->next;
        }
        if (!vq.n)
            break;
        /* the delayed visits may bring objects back to young's tail */
        gc_head_set_prev(young, prev);
        queue_drain(&vq, visit_reachable);
        g = prev->next;
    }
    gc_head_set_prev(young, prev);
    /* drop the marks: from here on `unreachable` is an ordinary list */
    unreachable->next = head_next(unreachable);
    *gs = (garbage_summary){0, false, false};
    for (rc_gc_head *u = unreachable->next; u != unreachable; u = u->next) {
        u->next = head_next(u);
        gs->n++;
        gs->weakrefs |= (u->prev_flags & GC_WEAKREFS) != 0;
        gs->finalizers |= gc_object_of(u)->type->finalize && !(u->prev_flags & GC_FINALIZED);
    }
    *containers = seen;
    return reachable;
}

/* Objects of the set stay COLLECTING (garbage) until this clears them. */
static void clear_collecting(rc_gc_head *list)
{
    for (rc_gc_head *g = list->next; g != list; g = g->next)
        g->prev_flags &= ~GC_COLLECTING;
}

static bool tuple_is_atomic(rc_object *t)
{
    for (rc_ssize i = 0, n = rc_tuple_len(t); i < n; i++) {
        rc_object *item = rc_tuple_get(t, i);
        if (item && rc__may_be_tracked(item))
            return false;
    }
    return true;
}

/* Reachable tuples (and, in full collections, dicts) that hold only atomic
 * values leave the lists, as in CPython. */
static rc_ssize untrack_atomic(rc_heap *h, rc_gc_head *young, bool dicts_too)
{
    rc_ssize n = 0;
    for (rc_gc_head *g = young->next, *next; g != young; g = next) {
        next = g->next;
        rc_object *o = gc_object_of(g);
        bool atomic = o->type == &rc_tuple_type ? tuple_is_atomic(o)
                    : dicts_too && o->type == &rc_dict_type ? rc__dict_is_atomic(o)
                    : false;
        if (atomic) {
            rc__gc_unlink(h, o);
            n++;
        }
    }
    return n;
}

static bool weakref_is_not_garbage(rc_object *wr)
{
    return !(gc_head_of(wr)->prev_flags & GC_COLLECTING);
}

/* Clear every weak reference to the objects of `list`, all before any
 * callback; then call the callbacks that `call` allows. */
static void clear_weakrefs_of(rc_heap *h, rc_gc_head *list, bool (*call)(rc_object *wr))
{
    rc_object *chain = NULL;
    for (rc_gc_head *g = list->next; g != list; g = g->next)
        if (g->prev_flags & GC_WEAKREFS)
            rc__weakref_detach(h, gc_object_of(g), &chain);
    rc__weakref_run_chain(chain, call);
}

/* Callbacks only where the weak reference is not garbage itself. */
static void handle_weakrefs(rc_heap *h, rc_gc_head *unreachable)
{
    clear_weakrefs_of(h, unreachable, weakref_is_not_garbage);
}

static bool never(rc_object *wr)
{
    (void)wr;
    return false;
}

/* Weak references a finalizer made to what is still garbage: cleared before
 * any clear() runs, without callbacks, so none can reach a half-cleared object. */
static void clear_late_weakrefs(rc_heap *h, rc_gc_head *collectable)
{
    clear_weakrefs_of(h, collectable, never);
}

/* Run the finalizers still to run (there is one: garbage_summary). */
static void finalize_garbage(rc_gc_head *unreachable)
{
    rc_gc_head seen;
    list_init(&seen);
    /* Each object moves to `seen` before its finalizer runs: finalizers may
     * free other objects of the list. */
    while (!list_is_empty(unreachable)) {
        rc_gc_head *g = unreachable->next;
        list_move(g, &seen);
        rc_object *o = gc_object_of(g);
        if (o->type->finalize && !(g->prev_flags & GC_FINALIZED)) {
            rc_incref(o);
            rc__finalize_once(o);
            rc_decref(o);
        }
    }
    list_merge(&seen, unreachable);
}

/* Reachability again, inside the garbage: what a finalizer resurrected, with
 * all it reaches, moves to `old`. */
static void handle_resurrected(rc_gc_head *unreachable, rc_gc_head *still_unreachable,
                               rc_gc_head *old)
{
    rc_ssize zeros = update_refs(unreachable);
    subtract_refs(unreachable, &zeros);
    bool containers;
    garbage_summary gs;
    move_unreachable(unreachable, still_unreachable, &containers, &gs, zeros);
    list_merge(unreachable, old);
}

/* Three passes: hold a reference to every object, clear them all, then drop
 * the references in list order.  Nothing dies during the clears, so the
 * objects die in list (= mostly address) order instead of whenever their last
 * referrer happens to be cleared: their unlinking and freeing touch memory
 * that is already in cache. */
static void delete_garbage(rc_heap *h, rc_gc_head *collectable, rc_gc_head *old)
{
    if (!(h->gc.debug & RC_GC_DEBUG_SAVEALL)) {
        for (rc_gc_head *g = collectable->next; g != collectable; g = g->next) {
            g->prev_flags &= ~GC_COLLECTING;
            rc_incref(gc_object_of(g));
        }
        for (rc_gc_head *g = collectable->next; g != collectable; g = g->next) {
            rc_object *o = gc_object_of(g);
            if (o->type->clear)
                o->type->clear(o);
        }
        while (!list_is_empty(collectable)) {
            rc_gc_head *g = collectable->next;
            rc_decref(gc_object_of(g));
            if (collectable->next == g)      /* still alive: it may die later */
                list_move(g, old);
        }
        return;
    }
    while (!list_is_empty(collectable)) {
        rc_gc_head *g = collectable->next;
        rc_object *o = gc_object_of(g);
        g->prev_flags &= ~GC_COLLECTING;
        if (h->gc.debug & RC_GC_DEBUG_SAVEALL) {
            rc_object *garbage = rc_gc_garbage(h);
            if (garbage)
                rc_list_append(garbage, o);
        } else if (o->type->clear) {
            rc_incref(o);
            o->type->clear(o);
            rc_decref(o);
        }
        if (collectable->next == g)      /* still alive: it may die later */
            list_move(g, old);
    }
}

/* ---- pause statistics ------------------------------------------------------------------ */

/* Every collection's pause goes into a histogram of RC_GC_PAUSE_BUCKETS
 * counters in the heap (gc_state.pauses), four buckets an octave from 1 us:
 * bucket k >= 1 starts at 2^((k-1)/4) us, bucket 0 holds what is shorter
 * than 1 us, the last bucket everything from its start on.  Recording is a
 * few comparisons and additions; percentiles are computed when asked for, by
 * walking the counters up to the wanted rank.  No libm: a bound is a power
 * of two times one of four constants. */

#define PAUSE_LAST_BUCKET (RC_GC_PAUSE_BUCKETS - 1)

/* 2^(q/4), q = 0..3 */
static const double quarter_octave[4] = {1.0, 1.18920711500272106672, 1.41421356237309504880,
                                         1.68179283050742908606};
/* 2^(1/8): from a bucket's start to its geometric middle */
#define EIGHTH_OCTAVE 1.09050773266525765921

/* Where bucket k (1..PAUSE_LAST_BUCKET) starts: 2^((k-1)/4) microseconds. */
static double pause_bucket_start_us(int k)
{
    int j = k - 1;
    return (double)((uint64_t)1 << (j / 4)) * quarter_octave[j % 4];
}

static int pause_bucket(double pause_s)
{
    double us = pause_s * 1e6;
    if (!(us >= 1.0))
        return 0;
    if (us >= pause_bucket_start_us(PAUSE_LAST_BUCKET))
        return PAUSE_LAST_BUCKET;
    int octave = 63 - __builtin_clzll((unsigned long long)us);     /* floor(log2(us)) */
    double r = us / (double)((uint64_t)1 << octave);                /* [1, 2), exact */
    int q = (r >= quarter_octave[1]) + (r >= quarter_octave[2]) + (r >= quarter_octave[3]);
    return 4 * octave + q + 1;
}

/* One pause, from rc__gc_record_pause (every collection, every pass step). */
static void record_pause(gc_state *gc, double pause_s)
{
    gc_pauses *p = &gc->pauses;
    if (!p->count || pause_s < p->min_s)
        p->min_s = pause_s;
    if (pause_s > p->max_s)
        p->max_s = pause_s;
    p->count++;
    p->total_s += pause_s;
    p->buckets[pause_bucket(pause_s)]++;
}

/* The pause of rank ceil(permille / 1000 * count): min_s or max_s when it is
 * the first or the last, else estimated as the middle of its bucket
 * (geometric; 0.5 us in bucket 0, max_s in the last), within [min_s, max_s].
 * count > 0. */
static double pause_percentile(const gc_pauses *p, unsigned permille)
{
    uint64_t rank = ((uint64_t)p->count * permille + 999) / 1000;
    if (rank >= (uint64_t)p->count)
        return p->max_s;
    if (rank <= 1)
        return p->min_s;
    uint64_t seen = 0;
    int k = 0;
    for (; k < PAUSE_LAST_BUCKET; k++) {
        seen += (uint64_t)p->buckets[k];
        if (seen >= rank)
            break;
    }
    double est = k == 0 ? 0.5e-6
               : k == PAUSE_LAST_BUCKET ? p->max_s
               : pause_bucket_start_us(k) * EIGHTH_OCTAVE * 1e-6;
    return est < p->min_s ? p->min_s : est > p->max_s ? p->max_s : est;
}

void rc_gc_get_pause_stats(rc_heap *h, rc_gc_pause_stats *out)
{
    const gc_pauses *p = &h->gc.pauses;
    memset(out, 0, sizeof *out);
    out->count = p->count;
    out->total_s = p->total_s;
    out->max_s = p->max_s;
    out->min_s = p->min_s;
    memcpy(out->buckets, p->buckets, sizeof out->buckets);
    if (p->count) {
        out->p50_s = pause_percentile(p, 500);
        out->p99_s = pause_percentile(p, 990);
        out->p999_s = pause_percentile(p, 999);
    }
}

void rc_gc_reset_pause_stats(rc_heap *h)
{
    memset(&h->gc.pauses, 0, sizeof h->gc.pauses);
}

double rc_gc_pause_bucket_bound(int k)
{
    if (k < 0 || k > RC_GC_PAUSE_BUCKETS)
        return -1.0;
    if (k == 0)
        return 0.0;
    if (k == RC_GC_PAUSE_BUCKETS)
        return HUGE_VAL;
    return pause_bucket_start_us(k) * 1e-6;
}

/* ---- one collection ---------------------------------------------------------------------- */

static void run_callbacks(rc_heap *h, int phase, int gen, rc_ssize collected, rc_ssize uncollectable)
{
    for (int i = 0; i < GC_MAX_CALLBACKS; i++)
        if (h->gc.callbacks[i].fn)
            h->gc.callbacks[i].fn(h, phase, gen, collected, uncollectable, h->gc.callbacks[i].arg);
}

static void debug_print_start(rc_heap *h, int gen)
{
    fprintf(stderr, "gc: collecting generation %d...\n", gen);
    fprintf(stderr, "gc: objects in each generation: %lld %lld %lld\n",
            (long long)list_size(&h->gc_gen[0]), (long long)list_size(&h->gc_gen[1]),
            (long long)list_size(&h->gc_gen[2]));
    fprintf(stderr, "gc: objects in permanent generation: %lld\n",
            (long long)list_size(&h->gc.permanent));
}

static void debug_print_collectable(rc_heap *h, const rc_gc_head *list)
{
    if (!(h->gc.debug & RC_GC_DEBUG_COLLECTABLE))
        return;
    for (const rc_gc_head *g = list->next; g != list; g = g->next)
        fprintf(stderr, "gc: collectable <%s %p>\n", gc_object_of(g)->type->name,
                (void *)gc_object_of(g));
}

static void report_bad_traverse(rc_heap *h, rc_object *o)
{
    rc__heap_set_error(h, RC_EINVAL,
                       "gc: traverse of type '%s' reports more references than the object's "
                       "refcount (%lld): collection abandoned", o->type->name, (long long)o->refcnt);
    fprintf(stderr, "reclaim: %s\n", h->errmsg);
    if (h->flags & RC_DEBUG_ALLOC)
        abort();
}

/* Collect generations 0..gen.  Returns the unreachable objects found. */
/* Undo update_refs: no longer COLLECTING, prev pointers back from gc_refs. */
static void abandon_refs(rc_gc_head *young)
{
    clear_collecting(young);
    for (rc_gc_head *g = young->next, *prev = young; g != young; prev = g, g = g->next)
        gc_head_set_prev(g, prev);
}

rc_ssize rc__gc_collect_set(rc_heap *h, rc_gc_head *young, rc_gc_head *old, rc_ssize *survivors)
{
    *survivors = 0;
    rc_gc_head unreachable, collectable;
    list_init(&unreachable);
    list_init(&collectable);
    rc_ssize zeros = update_refs(young);
    rc_object *bad = subtract_refs(young, &zeros);
    if (bad) {
        report_bad_traverse(h, bad);
        abandon_refs(young);            /* young stays as it was */
        return 0;
    }
    bool containers;
    garbage_summary gs;
    *survivors = move_unreachable(young, &unreachable, &containers, &gs, zeros);
    if (containers)
        *survivors -= untrack_atomic(h, young, old == young);
    list_merge(young, old);
    debug_print_collectable(h, &unreachable);
    if (gs.weakrefs)
        handle_weakrefs(h, &unreachable);
    rc_ssize found = gs.n;                  /* CPython 3.11 counts after resurrection: */
    if (gs.finalizers) {
        finalize_garbage(&unreachable);
        handle_resurrected(&unreachable, &collectable, old);
        found = list_size(&collectable);
    } else {
        list_merge(&unreachable, &collectable);   /* nothing can have been resurrected */
    }
    /* only code run by the two steps above can have made new weak references */
    if (gs.weakrefs || gs.finalizers)
        clear_late_weakrefs(h, &collectable);
    delete_garbage(h, &collectable, old);
    return found;
}

void rc__gc_record_pause(rc_heap *h, int gen, rc_ssize found, double pause)
{
    rc_gc_stats *st = &h->gc.stats[gen];
    st->collections++;
    st->collected += found;
    st->pause_total_s += pause;
    if (pause > st->pause_max_s)
        st->pause_max_s = pause;
    record_pause(&h->gc, pause);
}

void rc__gc_list_init(rc_gc_head *list) { list_init(list); }
void rc__gc_list_merge(rc_gc_head *from, rc_gc_head *to) { list_merge(from, to); }
void rc__gc_run_callbacks(rc_heap *h, int phase, int gen, rc_ssize collected, rc_ssize uncollectable)
{
    run_callbacks(h, phase, gen, collected, uncollectable);
}

/* Collect generations 0..gen: what it found, what survived, how long it took. */
static gc_outcome collect(rc_heap *h, int gen)
{
    gc_state *gc = &h->gc;
    double t0 = rc__os_now_s();
    if (gc->debug & RC_GC_DEBUG_STATS)
        debug_print_start(h, gen);
    if (gen + 1 < NUM_GENERATIONS)
        gc->count[gen + 1]++;
    for (int i = 0; i <= gen; i++)
        gc->count[i] = 0;
    rc_gc_head *young = &h->gc_gen[gen];
    rc_gc_head *old = gen + 1 < NUM_GENERATIONS ? &h->gc_gen[gen + 1] : young;
    for (int i = 0; i < gen; i++)
        list_merge(&h->gc_gen[i], young);
    gc_outcome r;
    r.found = rc__gc_collect_set(h, young, old, &r.survivors);
    if (gen == 1)
        gc->long_lived_pending += r.survivors;   /* the 25% rule's counts */
    if (gen == 2) {
        gc->long_lived_pending = 0;
        gc->long_lived_total = r.survivors;      /* old is young here */
    }
    r.pause_s = rc__os_now_s() - t0;
    rc__gc_record_pause(h, gen, r.found, r.pause_s);
    if (gc->debug & RC_GC_DEBUG_STATS)
        fprintf(stderr, "gc: done, %lld unreachable, 0 uncollectable, %.4fs elapsed\n",
                (long long)r.found, r.pause_s);
    return r;
}

/* Which tracked objects would a full collection find unreachable now (the
 * leak report's question, and an interpreter's at teardown)?  The phases of
 * collect() up to move_unreachable, then everything goes back on the
 * oldest list untouched. */
rc_ssize rc_gc_visit_unreachable(rc_heap *h, void (*fn)(rc_object *o, void *arg), void *arg)
{
    if (!h || !fn || h->gc.collecting)
        return -1;
    rc__gc_pass_abort(h);
    rc_gc_head *all = &h->gc_gen[NUM_GENERATIONS - 1];
    for (int i = 0; i < NUM_GENERATIONS - 1; i++)
        list_merge(&h->gc_gen[i], all);
    rc_gc_head unreachable;
    list_init(&unreachable);
    rc_ssize zeros = update_refs(all);
    if (subtract_refs(all, &zeros)) {
        abandon_refs(all);
        return -1;
    }
    bool containers;
    garbage_summary gs;
    move_unreachable(all, &unreachable, &containers, &gs, zeros);
    rc_ssize visited = 0;
    for (rc_gc_head *g = unreachable.next; g != &unreachable; g = g->next, visited++)
        fn(gc_object_of(g), arg);
    clear_collecting(&unreachable);
    list_merge(&unreachable, all);
    return visited;
}

gc_outcome rc__gc_collect_generation(rc_heap *h, int gen)
{
    h->gc.collecting = true;
    run_callbacks(h, RC_GC_START, gen, 0, 0);
    gc_outcome r = collect(h, gen);
    run_callbacks(h, RC_GC_STOP, gen, r.found, 0);
    h->gc.collecting = false;
    return r;
}

/* The automatic trigger: the oldest generation over its threshold. */
static void collect_generations(rc_heap *h)
{
    gc_state *gc = &h->gc;
    for (int i = NUM_GENERATIONS - 1; i >= 0; i--) {
        if (gc->count[i] <= gc->threshold[i])
            continue;
        if (i == NUM_GENERATIONS - 1 && gc->long_lived_pending < gc->long_lived_total / 4)
            continue;
        rc__gc_collect_generation(h, i);
        if (i == NUM_GENERATIONS - 1) {   /* as CPython: free lists go after a full collection */
            rc__object_caches_clear(h);
            rc__alloc_purge_if_due(h);
        }
        break;
    }
}

void rc__gc_alloc_trigger(rc_heap *h)
{
    if (!gc_may_collect_now(h))
        return;
    if (h->gc.mode == RC_GC_INCREMENTAL)
        rc__gc_incremental_step(h);
    else
        collect_generations(h);
}

void rc__gc_heap_fini(rc_heap *h)
{
    rc__gc_pass_abort(h);
    free(h->gc.pass.slot);
    free(h->gc.pass.stack);
    h->gc.pass.slot = NULL;
    h->gc.pass.stack = NULL;
    h->gc.pass.cap = h->gc.pass.stack_cap = 0;
}

void rc__gc_heap_init(rc_heap *h)
{
    static const int defaults[3] = {700, 10, 10};
    bool all_zero = !h->gc_threshold[0] && !h->gc_threshold[1] && !h->gc_threshold[2];
    for (int g = 0; g < NUM_GENERATIONS; g++)
        h->gc.threshold[g] = all_zero ? defaults[g] : (h->gc_threshold[g] < 0 ? 0 : h->gc_threshold[g]);
    h->gc.enabled = true;
    list_init(&h->gc.permanent);
    list_init(&h->gc.pass.to_load);
    h->gc.pass.spacing = 1.0;
    h->gc.pass.assist_every = GC_STEP_EVERY;
    h->gc.pass.young_limit = h->gc.threshold[0];
}

/* ---- the API ------------------------------------------------------------------------------ */

rc_ssize rc_gc_collect(rc_heap *h, int generation)
{
    if (generation < 0 || generation >= NUM_GENERATIONS) {
        rc__heap_set_error(h, RC_EINVAL, "invalid generation %d (want 0, 1 or 2)", generation);
        return -1;
    }
    if (!gc_may_collect_now(h))
        return 0;                        /* inside a collection or a destruction */
    if (generation == NUM_GENERATIONS - 1)
        rc__gc_pass_abort(h);            /* a full collection sees every object */
    rc_ssize found = rc__gc_collect_generation(h, generation).found;
    if (generation == NUM_GENERATIONS - 1)
        rc_heap_trim(h);
    return found;
}

void rc_gc_enable(rc_heap *h) { h->gc.enabled = true; }
void rc_gc_disable(rc_heap *h) { h->gc.enabled = false; }
int rc_gc_is_enabled(rc_heap *h) { return h->gc.enabled; }

void rc_gc_get_threshold(rc_heap *h, int out[3])
{
    memcpy(out, h->gc.threshold, sizeof h->gc.threshold);
}

void rc_gc_set_threshold(rc_heap *h, int t0, int t1, int t2)
{
    h->gc.pass.young_limit = t0 < 0 ? 0 : t0;     /* the incremental policy starts there */
    h->gc.threshold[0] = t0 < 0 ? 0 : t0;
    h->gc.threshold[1] = t1 < 0 ? 0 : t1;
    h->gc.threshold[2] = t2 < 0 ? 0 : t2;
}

void rc_gc_get_count(rc_heap *h, int out[3])
{
    memcpy(out, h->gc.count, sizeof h->gc.count);
}

void rc_gc_track(void *o)
{
    rc_object *ob = o;
    rc_heap *h = ob ? rc_heap_of(ob) : NULL;   /* static immortals have none */
    if (h && object_is_gc(ob) && !rc__gc_is_linked(ob))
        rc__gc_link(h, ob);
}

void rc_gc_untrack(void *o)
{
    rc_object *ob = o;
    rc_heap *h = ob ? rc_heap_of(ob) : NULL;
    if (h && rc__gc_is_linked(ob))
        rc__gc_unlink(h, ob);
}

void rc_gc_freeze(rc_heap *h)
{
    rc__gc_pass_abort(h);
    for (int g = 0; g < NUM_GENERATIONS; g++)
        list_merge(&h->gc_gen[g], &h->gc.permanent);
    h->gc.count[0] = 0;
}

void rc_gc_unfreeze(rc_heap *h)
{
    list_merge(&h->gc.permanent, &h->gc_gen[NUM_GENERATIONS - 1]);
}

rc_ssize rc_gc_get_freeze_count(rc_heap *h)
{
    return list_size(&h->gc.permanent);
}

static int visit_list(rc_gc_head *list, rc_visit fn, void *arg)
{
    for (rc_gc_head *g = list->next; g != list; g = g->next) {
        if (g->prev_flags & GC_DYING)
            continue;                    /* waiting to be destroyed */
        int r = fn(gc_object_of(g), arg);
        if (r)
            return r;
    }
    return 0;
}

int rc_gc_visit_objects(rc_heap *h, int generation, rc_visit fn, void *arg)
{
    if (generation >= NUM_GENERATIONS || generation < -1) {
        rc__heap_set_error(h, RC_EINVAL, "invalid generation %d", generation);
        return -1;
    }
    rc__gc_pass_abort(h);                /* its objects back on the lists */
    for (int g = 0; g < NUM_GENERATIONS; g++) {
        if (generation != -1 && g != generation)
            continue;
        int r = visit_list(&h->gc_gen[g], fn, arg);
        if (r)
            return r;
    }
    return 0;
}

typedef struct referrer_search { rc_object *target; bool found; } referrer_search;

static int visit_find_target(rc_object *child, void *arg)
{
    referrer_search *s = arg;
    if (child == s->target)
        s->found = true;
    return s->found;
}

int rc_gc_visit_referrers(rc_heap *h, rc_object *target, rc_visit fn, void *arg)
{
    rc__gc_pass_abort(h);
    for (int g = 0; g < NUM_GENERATIONS; g++) {
        rc_gc_head *list = &h->gc_gen[g];
        for (rc_gc_head *gh = list->next; gh != list; gh = gh->next) {
            if (gh->prev_flags & GC_DYING)
                continue;
            rc_object *o = gc_object_of(gh);
            referrer_search s = {target, false};
            o->type->traverse(o, visit_find_target, &s);
            int r = s.found ? fn(o, arg) : 0;
            if (r)
                return r;
        }
    }
    return 0;
}

int rc_gc_visit_referents(rc_object *o, rc_visit fn, void *arg)
{
    if (!o || !o->type->traverse)
        return 0;
    return o->type->traverse(o, fn, arg);
}

void rc_gc_get_stats(rc_heap *h, rc_gc_stats out[3])
{
    memcpy(out, h->gc.stats, sizeof h->gc.stats);
}

int rc_gc_add_callback(rc_heap *h, rc_gc_callback fn, void *arg)
{
    for (int i = 0; i < GC_MAX_CALLBACKS; i++) {
        if (!h->gc.callbacks[i].fn) {
            h->gc.callbacks[i].fn = fn;
            h->gc.callbacks[i].arg = arg;
            return 0;
        }
    }
    rc__heap_set_error(h, RC_ENOMEM, "too many gc callbacks (at most %d)", GC_MAX_CALLBACKS);
    return -1;
}

int rc_gc_remove_callback(rc_heap *h, rc_gc_callback fn, void *arg)
{
    for (int i = 0; i < GC_MAX_CALLBACKS; i++) {
        if (h->gc.callbacks[i].fn == fn && h->gc.callbacks[i].arg == arg) {
            h->gc.callbacks[i].fn = NULL;
            return 0;
        }
    }
    rc__heap_set_error(h, RC_EINVAL, "no such gc callback");
    return -1;
}

void rc_gc_set_debug(rc_heap *h, unsigned flags) { h->gc.debug = flags; }
unsigned rc_gc_get_debug(rc_heap *h) { return h->gc.debug; }

rc_object *rc_gc_garbage(rc_heap *h)
{
    if (!h->gc.garbage)
        h->gc.garbage = rc_list_new(h);
    return h->gc.garbage;
}

void rc_gc_garbage_release(rc_heap *h)
{
    RC_CLEAR(h->gc.garbage);
}
