/*
 * gc_incremental.c — the incremental policy of the cycle collector
 * (RC_GC_INCREMENTAL): every step bounded by gc_pause_target_us, the work
 * paced by allocation.
 *
 * Why it is sound.  Trial deletion (gc.c) is sound on *any* set of tracked
 * objects, not only on a whole generation: an object referenced from outside
 * the set keeps gc_refs > 0 and survives with everything it reaches in the
 * set; what is left is referenced from inside the set only, so nothing alive
 * can reach it.  Only completeness depends on the set: a garbage cycle is
 * found when all of it is in one set.
 *
 * So the expensive part, finding which old objects might be garbage, runs in
 * slices while the program runs, and nothing of it is trusted: it only picks
 * candidates.  The candidates are then collected by gc.c's trial deletion,
 * atomically, a bounded chunk at a time, and that decides.  The program may
 * change the graph between slices (no barrier can see it: rc_incref is
 * inline and C types store their pointers directly); that can only make the
 * candidates worse: live objects among them, which trial deletion keeps, or
 * garbage left out, which the next pass finds.  It can never free a live
 * object.  (CPython 3.14 builds each increment as a transitive closure,
 * which bounds nothing when the old generation is one big connected graph.)
 *
 * Steps.  Generation 0 is collected as in CPython, when count[0] passes
 * young_limit: threshold[0] at first, doubled after each young collection
 * that found nothing (what dies young then dies by its count: collecting it
 * is wasted) up to what half the pause target can collect, halved back
 * toward threshold[0] after one that found garbage.  Once YOUNG_BARREN
 * young collections of that largest size found nothing (a program building
 * long-lived structures: everything young is alive), only one in
 * YOUNG_SAMPLE still scans; the others move generation 0 into generation 1
 * unscanned, owing the pass's work instead if the heap grows; the first
 * sample that finds garbage ends that.  The step then pays the
 * pass work owed, until the debt is paid or the step has used its pause
 * target (it always makes STEP_MIN_VISITS of progress).  A pass over the old generation (generations 1 and 2: what
 * survived a young collection), phase by phase:
 *   PASS_LOAD      old objects leave their lists for the pass's slot array:
 *                  next = slot index | GC_NEXT_INPASS, gc_refs = refcount
 *   PASS_SUBTRACT  each one's references to other pass objects are
 *                  subtracted: what stays above 0 is referenced from outside
 *   PASS_MARK      everything those roots reach in the pass is marked
 *                  (REFS_REACHED), depth first from an explicit stack
 *   PASS_SORT      marked objects go back to generation 2; the others stay
 *                  in their slots as candidates (REFS_CANDIDATE)
 *   PASS_COLLECT   the candidates are collected by trial deletion a chunk at
 *                  a time.  A chunk is grown through the references between
 *                  candidates, one connected group at a time, so that a
 *                  garbage cycle is never split (list order scatters its
 *                  members: a young collection moves what it reaches late to
 *                  the tail); groups are added until the chunk fills what is
 *                  left of the step.  A group is never cut: a garbage
 *                  structure larger than a step is collected whole, in time
 *                  proportional to its size, as a `del` of a big structure
 *                  frees it by reference counting.
 * Objects that die or are untracked while in the pass leave their slot empty
 * (rc__gc_pass_forget); objects promoted during a pass wait for the next.
 * Whatever needs every object on a list (a full collection, freeze,
 * get_objects, referrers, the leak report, the heap's end) first puts the
 * pass's objects back (rc__gc_pass_abort).
 *
 * Pacing.  A pass costs about PASS_VISITS_PER_OBJECT visits per old object;
 * each object by which the heap (the objects tracked at once, gc_tracked)
 * grows past its high-water mark since the last pass ended owes
 * PASS_VISITS_PER_OBJECT / spacing visits, so a pass completes about once
 * the heap has grown by `spacing` times its size, as a tracing collector
 * paces by the heap's growth.  Objects that come and go below the mark
 * (young garbage, and what a young collection promotes and then dies by its
 * count before a pass: GCBench's medium-lived trees) owe only ALLOC_VISITS
 * each as tracked allocations, so that garbage made inside an old
 * generation that does not grow is still found while a program allocates at
 * all; a step runs at least every GC_STEP_EVERY tracked allocations to
 * collect that debt.  spacing adapts to what
 * passes find: doubled (up to SPACING_MAX) after a pass that freed under 1 %
 * of what it scanned, halved (down to SPACING_MIN) after one that freed over
 * 10 %.  A heap whose old objects never die in cycles pays little; one that
 * leaks cycles into the old generation is scanned often.  When a step's
 * pause target leaves debt unpaid, the pass is behind: until it catches up,
 * every PASS_ASSIST_EVERY tracked allocations run a step (of the same
 * bounded length), so the work keeps pace with allocation (Go's mutator
 * assists) and garbage cannot outrun the collector, the failure that took
 * CPython 3.14's incremental collector back out.
 */
#define RC_BUILDING_LIBRARY 1
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>

#define PASS_VISITS_PER_OBJECT 4.0
#define SPACING_MIN 0.5
#define SPACING_MAX 8.0
#define STEP_CHUNK 64                 /* visits between two clock reads */
#define STEP_MIN_VISITS 64            /* progress every step makes */
#define PASS_ASSIST_EVERY 8           /* allocations between steps while behind */
#define ALLOC_VISITS 0.25             /* visits each tracked allocation owes */
#define YOUNG_LIMIT_MAX 100000        /* the most objects a young collection waits for */
#define YOUNG_BARREN 4                /* fruitless young collections before sampling */
#define YOUNG_SAMPLE 8                /* then one young collection in this many */
#define SLOTS_FIRST 4096
/* gc_refs of a pass object that PASS_MARK reached, of a candidate left by
 * PASS_SORT, and of one PASS_COLLECT has queued for its chunk (all below
 * any count) */
#define REFS_REACHED   (-((rc_ssize)1 << 50))
#define REFS_CANDIDATE (-((rc_ssize)1 << 51))
#define REFS_QUEUED    (-((rc_ssize)1 << 52))

/* A measured cost per object, smoothed (0: none measured yet). */
static double moving_average(double avg, double v)
{
    return avg > 0 ? 0.75 * avg + 0.25 * v : v;
}

/* ---- slots ------------------------------------------------------------------ */

static inline size_t slot_of(const rc_gc_head *g)
{
    return (size_t)((uintptr_t)g->next >> GC_REFS_SHIFT);
}

static inline void tag_slot(rc_gc_head *g, size_t slot)
{
    g->next = (rc_gc_head *)(((uintptr_t)slot << GC_REFS_SHIFT) | GC_NEXT_INPASS);
}

/* The pass object g leaves the pass: no slot, no gc_refs, on no list. */
static void untag(rc_gc_head *g)
{
    g->next = NULL;
    g->prev_flags &= GC_FLAG_MASK;
}

static inline bool list_empty(const rc_gc_head *list)
{
    return list->next == list;
}

/* The pass's object behind a reference, or NULL. */
static inline rc_gc_head *pass_head_of(rc_object *o)
{
    if (!object_is_gc(o))
        return NULL;
    rc_gc_head *g = gc_head_of(o);
    return gc_head_in_pass(g) ? g : NULL;
}

void rc__gc_pass_forget(rc_heap *h, rc_gc_head *g)
{
    gc_pass *p = &h->gc.pass;
    size_t i = slot_of(g);
    if (i < p->n && p->slot[i] == g)
        p->slot[i] = NULL;
    untag(g);
}

void rc__gc_pass_abort(rc_heap *h)
{
    gc_pass *p = &h->gc.pass;
    if (p->phase == PASS_IDLE)
        return;
    rc_gc_head *old = &h->gc_gen[2];
    for (size_t i = 0; i < p->n; i++) {
        rc_gc_head *g = p->slot[i];
        if (g) {
            untag(g);
            gc_list_append(g, old);
        }
    }
    p->n = p->cursor = p->sp = p->candidates = 0;
    rc__gc_list_merge(&p->to_load, old);
    p->phase = PASS_IDLE;
    p->debt = 0;
    p->found = 0;
    p->assist_every = GC_STEP_EVERY;
}

/* ---- the phases: each does up to `budget` visits and returns those done --- */

static void pass_begin(rc_heap *h, gc_pass *p)
{
    rc__gc_list_merge(&h->gc_gen[1], &p->to_load);
    rc__gc_list_merge(&h->gc_gen[2], &p->to_load);
    p->n = p->cursor = p->sp = 0;
    p->found = 0;
    p->phase = PASS_LOAD;
}

static bool slots_reserve(gc_pass *p)
{
    if (p->n < p->cap)
        return true;
    size_t cap = p->cap ? 2 * p->cap : SLOTS_FIRST;
    rc_gc_head **slot = realloc(p->slot, cap * sizeof *slot);
    if (!slot)
        return false;
    p->slot = slot;
    p->cap = cap;
    return true;
}

static size_t pass_load(rc_heap *h, gc_pass *p, size_t budget)
{
    size_t done = 0;
    while (done < budget && !list_empty(&p->to_load)) {
        if (!slots_reserve(p)) {         /* no memory for the slots: give up this pass */
            rc__gc_pass_abort(h);
            return done;
        }
        rc_gc_head *g = p->to_load.next;
        gc_list_remove(g);
        rc_object *o = gc_object_of(g);
        p->slot[p->n] = g;
        tag_slot(g, p->n++);
        gc_head_set_refs(g, o->refcnt < 0 ? GC_REFS_IMMORTAL : o->refcnt);
        done++;
    }
    if (list_empty(&p->to_load)) {
        p->phase = PASS_SUBTRACT;
        p->cursor = 0;
    }
    return done;
}

static int visit_subtract(rc_object *child, void *arg)
{
    (void)arg;
    rc_gc_head *g = pass_head_of(child);
    if (g)
        gc_head_set_refs(g, gc_head_refs(g) - 1);
    return 0;
}

static size_t pass_subtract(rc_heap *h, gc_pass *p, size_t budget)
{
    size_t done = 0;
    while (done < budget && p->cursor < p->n) {
        rc_gc_head *g = p->slot[p->cursor++];
        if (g) {
            rc_object *o = gc_object_of(g);
            o->type->traverse(o, visit_subtract, NULL);
        }
        done++;
    }
    if (p->cursor == p->n) {
        size_t *stack = p->stack_cap >= p->n ? p->stack : realloc(p->stack, (p->n + 1) * sizeof *stack);
        if (!stack) {
            rc__gc_pass_abort(h);
            return done;
        }
        if (stack != p->stack) {
            p->stack = stack;
            p->stack_cap = p->n + 1;
        }
        p->phase = PASS_MARK;
        p->cursor = p->sp = 0;
    }
    return done;
}

/* A reference from a reached object: its target is reached too.  Each
 * object is pushed once (marked first), so the stack holds at most n. */
static int visit_mark(rc_object *child, void *arg)
{
    gc_pass *p = arg;
    rc_gc_head *g = pass_head_of(child);
    if (g && gc_head_refs(g) != REFS_REACHED) {
        gc_head_set_refs(g, REFS_REACHED);
        p->stack[p->sp++] = slot_of(g);
    }
    return 0;
}

static size_t pass_mark(gc_pass *p, size_t budget)
{
    size_t done = 0;
    while (done < budget) {
        size_t i;
        if (p->sp) {
            i = p->stack[--p->sp];
        } else {
            /* the next root: referenced from outside the pass */
            while (p->cursor < p->n && done < budget &&
                   !(p->slot[p->cursor] && gc_head_refs(p->slot[p->cursor]) > 0)) {
                p->cursor++;
                done++;
            }
            if (p->cursor == p->n) {
                p->phase = PASS_SORT;
                p->cursor = 0;
                break;
            }
            if (done >= budget)
                break;
            i = p->cursor++;
            gc_head_set_refs(p->slot[i], REFS_REACHED);
        }
        rc_gc_head *g = p->slot[i];
        if (g) {                         /* NULL: died since it was reached */
            rc_object *o = gc_object_of(g);
            o->type->traverse(o, visit_mark, p);
        }
        done++;
    }
    return done;
}

static size_t pass_sort(rc_heap *h, gc_pass *p, size_t budget)
{
    size_t done = 0;
    while (done < budget && p->cursor < p->n) {
        rc_gc_head *g = p->slot[p->cursor++];
        done++;
        if (!g)
            continue;
        if (gc_head_refs(g) == REFS_REACHED) {
            p->slot[p->cursor - 1] = NULL;
            untag(g);
            gc_list_append(g, &h->gc_gen[2]);
        } else {
            gc_head_set_refs(g, REFS_CANDIDATE);
            p->candidates++;
        }
    }
    if (p->cursor == p->n) {
        p->loaded = p->n;
        p->cursor = p->sp = 0;
        p->phase = PASS_COLLECT;
    }
    return done;
}

/* The pass is over: how much it found sets the spacing of the next, and
 * the heap's size now is the mark its growth is measured from. */
static void pass_end(rc_heap *h, gc_pass *p)
{
    p->tracked_mark = h->gc_tracked;
    if (p->found * 100 < p->loaded)
        p->spacing = p->spacing * 2 < SPACING_MAX ? p->spacing * 2 : SPACING_MAX;
    else if (p->found * 10 > p->loaded)
        p->spacing = p->spacing / 2 > SPACING_MIN ? p->spacing / 2 : SPACING_MIN;
    p->passes++;
    p->scanned_total += p->loaded;
    p->found_total += p->found;
    /* arrays sized for a much larger old generation than this pass's go
     * back (to the system allocator) and are grown again when needed */
    if (p->cap > 4 * p->loaded + SLOTS_FIRST) {
        free(p->slot);
        free(p->stack);
        p->slot = NULL;
        p->stack = NULL;
        p->cap = p->stack_cap = 0;
    }
    p->n = p->cursor = p->sp = p->candidates = 0;
    p->phase = PASS_IDLE;
    p->debt = 0;
}

/* A candidate referenced by a chunk member joins the chunk's group. */
static int visit_group(rc_object *child, void *arg)
{
    gc_pass *p = arg;
    rc_gc_head *g = pass_head_of(child);
    if (g && gc_head_refs(g) == REFS_CANDIDATE) {
        gc_head_set_refs(g, REFS_QUEUED);
        p->stack[p->sp++] = slot_of(g);
    }
    return 0;
}

/* Move the group of candidates connected to slot `seed` (through their
 * references) out of the pass onto `chunk`.  Returns its size. */
static size_t group_to_chunk(gc_pass *p, size_t seed, rc_gc_head *chunk)
{
    size_t k = 0;
    gc_head_set_refs(p->slot[seed], REFS_QUEUED);
    p->stack[p->sp++] = seed;
    while (p->sp) {
        size_t i = p->stack[--p->sp];
        rc_gc_head *g = p->slot[i];
        if (!g)
            continue;                    /* died (cannot happen meanwhile; harmless) */
        rc_object *o = gc_object_of(g);
        o->type->traverse(o, visit_group, p);
        p->slot[i] = NULL;
        untag(g);
        gc_list_append(g, chunk);
        k++;
    }
    return k;
}

/* Trial deletion on the next chunk: whole groups of candidates until
 * `limit` objects.  Returns the visits it counts for (four an object), and
 * keeps the seconds a candidate costs (collect_s: trial deletion, clearing
 * and freeing cost more than a pass's visits). */
static size_t pass_collect(rc_heap *h, gc_pass *p, size_t limit)
{
    size_t k = 0;
    double t0 = rc__os_now_s();
    rc_gc_head chunk;
    rc__gc_list_init(&chunk);
    while (k < limit && p->cursor < p->n) {
        size_t i = p->cursor++;
        if (p->slot[i] && gc_head_refs(p->slot[i]) == REFS_CANDIDATE)
            k += group_to_chunk(p, i, &chunk);
    }
    p->candidates = p->candidates > k ? p->candidates - k : 0;
    rc_ssize survivors;
    rc_ssize found = rc__gc_collect_set(h, &chunk, &h->gc_gen[2], &survivors);
    rc__gc_list_merge(&chunk, &h->gc_gen[2]);   /* a lying traverse left it whole */
    p->found += (size_t)found;
    p->collected_now += found;
    if (k >= 16) {
        double v = (rc__os_now_s() - t0) / (double)k;
        p->collect_s = moving_average(p->collect_s, v);
    }
    if (p->cursor == p->n && p->phase == PASS_COLLECT)
        pass_end(h, p);
    return 4 * k + 1;
}

static size_t pass_run(rc_heap *h, gc_pass *p, size_t budget)
{
    switch (p->phase) {
    case PASS_LOAD:     return pass_load(h, p, budget);
    case PASS_SUBTRACT: return pass_subtract(h, p, budget);
    case PASS_MARK:     return pass_mark(p, budget);
    case PASS_SORT:     return pass_sort(h, p, budget);
    default:            return 0;
    }
}

void rc_gc_get_pass_stats(rc_heap *h, rc_gc_pass_stats *out)
{
    const gc_pass *p = &h->gc.pass;
    out->mode = h->gc.mode;
    out->passes = (rc_ssize)p->passes;
    out->scanned = (rc_ssize)p->scanned_total;
    out->found = (rc_ssize)p->found_total;
    out->spacing = h->gc.mode == RC_GC_INCREMENTAL ? p->spacing : 0;
    out->in_pass = p->phase != PASS_IDLE;
}

/* ---- the step ----------------------------------------------------------------- */

/* Pay the pass work that allocation owes, within what is left of the step
 * that started at t0 (the young collection used the rest). */
/* Pass work until `deadline` (after STEP_MIN_VISITS at least), and, unless
 * `forced`, no more than the debt: one step, bracketed by the callbacks and
 * counted as a collection of generation 2. */
static void pass_step(rc_heap *h, double deadline, bool forced)
{
    gc_state *gc = &h->gc;
    gc_pass *p = &gc->pass;
    if (p->phase == PASS_IDLE) {
        if (list_empty(&h->gc_gen[1]) && list_empty(&h->gc_gen[2])) {
            p->debt = 0;
            return;
        }
        pass_begin(h, p);
    }
    gc->collecting = true;
    rc__gc_run_callbacks(h, RC_GC_START, 2, 0, 0);
    double start = rc__os_now_s(), now = start;   /* as collect(): after the callbacks */
    p->collected_now = 0;
    size_t visits = 0;
    while ((forced || p->debt > 0) && p->phase != PASS_IDLE) {
        if (visits >= STEP_MIN_VISITS && now >= deadline)
            break;
        size_t used;
        if (p->phase == PASS_COLLECT) {
            /* as many candidates as the time left allows, 16 while unknown */
            double fits = p->collect_s > 0 && deadline > now ? (deadline - now) * 0.8 / p->collect_s : 16;
            used = pass_collect(h, p, fits >= 1 ? (size_t)fits : 1);
        } else {
            used = pass_run(h, p, STEP_CHUNK);
        }
        visits += used;
        p->debt -= (double)used;
        now = rc__os_now_s();
    }
    p->assist_every = p->debt > 0 && p->phase != PASS_IDLE ? PASS_ASSIST_EVERY : GC_STEP_EVERY;
    double pause = now - start;
    rc__gc_record_pause(h, 2, p->collected_now, pause);
    rc__gc_run_callbacks(h, RC_GC_STOP, 2, p->collected_now, 0);
    gc->collecting = false;
}

/* Collect generation 0 into generation 1 as the generational policy would;
 * then set the next young limit and the pass work the survivors owe. */
static void young_collect(rc_heap *h)
{
    gc_state *gc = &h->gc;
    gc_pass *p = &gc->pass;
    gc_outcome r = rc__gc_collect_generation(h, 0);
    size_t collected = (size_t)(r.survivors + r.found);
    if (collected >= 256) {
        double v = r.pause_s / (double)collected;
        p->young_s = moving_average(p->young_s, v);
    }
    /* Young collections that find nothing (what dies young dies by its
     * count) are spaced out, up to what half a step can collect. */
    double fits = p->young_s > 0 ? gc->pause_target_s / 2 / p->young_s : YOUNG_LIMIT_MAX;
    int cap = fits < YOUNG_LIMIT_MAX ? (int)fits : YOUNG_LIMIT_MAX;
    if (cap < gc->threshold[0])
        cap = gc->threshold[0];
    if (r.found == 0) {
        p->young_barren += p->young_limit >= cap;
        p->young_limit = p->young_limit < cap / 2 ? 2 * p->young_limit : cap;
    } else {
        p->young_barren = 0;
        p->young_limit = p->young_limit / 2 > gc->threshold[0] ? p->young_limit / 2 : gc->threshold[0];
    }
}

/* Generation 0 joins generation 1 unscanned. */
static void young_promote(rc_heap *h)
{
    h->gc.count[0] = 0;
    rc__gc_list_merge(&h->gc_gen[0], &h->gc_gen[1]);
}

void rc__gc_incremental_step(rc_heap *h)
{
    gc_pass *p = &h->gc.pass;
    double t0 = rc__os_now_s();
    if (h->gc.count[0] > p->young_limit) {
        /* After YOUNG_BARREN full-size young collections found nothing,
         * only one in YOUNG_SAMPLE scans; the others promote. */
        if (p->young_barren >= YOUNG_BARREN && ++p->young_skips % YOUNG_SAMPLE != 0)
            young_promote(h);
        else
            young_collect(h);
    }
    p->debt += (double)p->allocs * ALLOC_VISITS / p->spacing;
    p->allocs = 0;
    if (h->gc_tracked > p->tracked_mark) {   /* the heap grew past its mark */
        p->debt += (double)(h->gc_tracked - p->tracked_mark) * PASS_VISITS_PER_OBJECT / p->spacing;
        p->tracked_mark = h->gc_tracked;
    }
    p->assist_every = GC_STEP_EVERY;
    if (p->debt > 0 && gc_may_collect_now(h))
        pass_step(h, t0 + h->gc.pause_target_s, false);
}

int rc_gc_step(rc_heap *h, unsigned budget_us)
{
    if (!h)
        return -1;
    if (h->gc.mode != RC_GC_INCREMENTAL) {
        rc__heap_set_error(h, RC_EINVAL, "rc_gc_step: the heap's collector is not incremental");
        return -1;
    }
    if (!gc_may_collect_now(h))
        return 0;                        /* inside a collection or a destruction */
    size_t passes = h->gc.pass.passes;
    pass_step(h, rc__os_now_s() + budget_us * 1e-6, true);
    return h->gc.pass.passes != passes;
}
