/*
 * lang/mod_gc.c — the `gc` module: CPython's gc over the library's collector.
 *
 * Every function maps onto an rc_gc_* call of the interpreter's heap.  The
 * module's state lives in two places: the library's gc.garbage list
 * (rc_gc_garbage) and the gc.callbacks list created here.  The callbacks
 * list is registered once with rc_gc_add_callback; the registration owns one
 * reference to it, dropped (and the registration removed) by an atexit hook,
 * so no script code runs from a collection during the interpreter's teardown.
 *
 * A callback runs as CPython runs it: callback(phase, info) with phase
 * "start" or "stop" and info {"generation": g, "collected": n,
 * "uncollectable": m}; an error in it is printed as unraisable and the next
 * callback still runs.  An exception pending when a collection starts (an
 * allocation while an exception unwinds) is saved around the calls.
 */
#include "mod_util.h"

/* CPython's values for the DEBUG_* constants match the library's flags. */
_Static_assert(RC_GC_DEBUG_STATS == 1 && RC_GC_DEBUG_COLLECTABLE == 2 &&
                   RC_GC_DEBUG_UNCOLLECTABLE == 4 && RC_GC_DEBUG_SAVEALL == 32 &&
                   RC_GC_DEBUG_LEAK == 38,
               "gc.DEBUG_* values as CPython's");

#define N_GENERATIONS 3

static rc_object *none(void)
{
    return rc_none();   /* immortal: no reference to give */
}

/* ---- collecting, enabling, thresholds ----------------------------------- */

static rc_object *gc_collect(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"generation"};
    rc_object *gen_arg;
    if (mod_parse_args(I, "collect", args, nargs, kw, names, 1, &gen_arg) < 0)
        return NULL;
    int64_t gen = N_GENERATIONS - 1;
    if (gen_arg && lx_arg_int(I, "collect", gen_arg, &gen) < 0)
        return NULL;
    if (gen < 0 || gen >= N_GENERATIONS)
        return lx_raise(I, LX_ValueError, "invalid generation");
    rc_ssize n = rc_gc_collect(lx_heap(I), (int)gen);
    if (lx_exc_occurred(I))
        return NULL;
    return lx_int(I, n);
}

static rc_object *gc_enable(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "gc.enable", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_gc_enable(lx_heap(I));
    return none();
}

static rc_object *gc_disable(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "gc.disable", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_gc_disable(lx_heap(I));
    return none();
}

static rc_object *gc_isenabled(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "gc.isenabled", nargs, kw, 0, 0) < 0)
        return NULL;
    return rc_bool(rc_gc_is_enabled(lx_heap(I)));
}

/* fname(), which takes no arguments and returns the collector's three
 * per-generation ints that get reads (counts or thresholds) as a tuple. */
static rc_object *generation_ints(lx_interp *I, const char *fname, size_t nargs, rc_object *kw,
                                  void (*get)(rc_heap *, int[3]))
{
    if (mod_check_args(I, fname, nargs, kw, 0, 0) < 0)
        return NULL;
    int v[3];
    get(lx_heap(I), v);
    int64_t w[3] = {v[0], v[1], v[2]};
    return mod_int_tuple(I, w, 3);
}

static rc_object *gc_get_count(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    return generation_ints(I, "gc.get_count", nargs, kw, rc_gc_get_count);
}

static rc_object *gc_get_threshold(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    return generation_ints(I, "gc.get_threshold", nargs, kw, rc_gc_get_threshold);
}

/* A C int argument: TypeError for non-ints, OverflowError past int's range. */
static int arg_c_int(lx_interp *I, const char *fname, rc_object *o, int *out)
{
    int64_t v;
    if (lx_arg_int(I, fname, o, &v) < 0)
        return -1;
    if (v < INT32_MIN || v > INT32_MAX) {
        lx_raise(I, LX_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}

static rc_object *gc_set_threshold(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "set_threshold", nargs, kw, 1, 3) < 0)
        return NULL;
    int t[3];
    rc_gc_get_threshold(lx_heap(I), t);
    for (size_t i = 0; i < nargs; i++)
        if (arg_c_int(I, "set_threshold", args[i], &t[i]) < 0)
            return NULL;
    rc_gc_set_threshold(lx_heap(I), t[0], t[1], t[2]);
    return none();
}

static rc_object *gc_set_debug(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    int flags;
    if (mod_check_args(I, "gc.set_debug", nargs, kw, 1, 1) < 0 || arg_c_int(I, "set_debug", args[0], &flags) < 0)
        return NULL;
    rc_gc_set_debug(lx_heap(I), (unsigned)flags);
    return none();
}

static rc_object *gc_get_debug(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "gc.get_debug", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)rc_gc_get_debug(lx_heap(I)));
}

/* ---- looking at objects ------------------------------------------------- */

static rc_object *gc_get_objects(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"generation"};
    rc_object *gen_arg;
    if (mod_parse_args(I, "get_objects", args, nargs, kw, names, 1, &gen_arg) < 0)
        return NULL;
    int64_t gen = -1;
    if (gen_arg && gen_arg != rc_none()) {
        if (!rc_is_type(gen_arg, &rc_int_type))
            return lx_raise(I, LX_TypeError, "argument should be integer or None, not '%s'",
                            lx_type_name(I, gen_arg));
        gen = rc_int_value(gen_arg);
        if (gen >= N_GENERATIONS)
            return lx_raise(I, LX_ValueError, "generation parameter must be less than the "
                            "number of available generations (%d)", N_GENERATIONS);
        if (gen < 0)
            return lx_raise(I, LX_ValueError, "generation parameter cannot be negative");
    }
    mod_objvec v = {0};
    rc_gc_visit_objects(lx_heap(I), (int)gen, mod_objvec_push, &v);
    return mod_objvec_to_list(I, &v);
}

static rc_object *gc_get_referrers(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "get_referrers", kw) < 0)
        return NULL;
    mod_objvec v = {0};
    for (size_t i = 0; i < nargs && !v.out_of_memory; i++)
        rc_gc_visit_referrers(lx_heap(I), args[i], mod_objvec_push, &v);
    return mod_objvec_to_list(I, &v);
}

/* A dict's referents as CPython 3.11 reports them: its values, each
 * followed by its key once the table has held a key other than a str
 * (CPython does not visit the keys of a str-only table: they cannot be
 * part of a cycle). */
static void push_dict_referents(rc_object *d, mod_objvec *v)
{
    int slot_bytes, not_str_keys;
    rc_ssize entries, pos = 0;
    rc_object *key, *value;
    rc_dict_table_shape(d, &slot_bytes, &entries, &not_str_keys);
    while (!v->out_of_memory && rc_dict_next(d, &pos, &key, &value)) {
        mod_objvec_push(value, v);
        if (not_str_keys)
            mod_objvec_push(key, v);
    }
}

static rc_object *gc_get_referents(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "get_referents", kw) < 0)
        return NULL;
    mod_objvec v = {0};
    for (size_t i = 0; i < nargs && !v.out_of_memory; i++) {
        if (args[i]->type == &rc_dict_type)
            push_dict_referents(args[i], &v);
        else
            rc_gc_visit_referents(args[i], mod_objvec_push, &v);
    }
    return mod_objvec_to_list(I, &v);
}

static rc_object *gc_is_tracked(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "gc.is_tracked", nargs, kw, 1, 1) < 0)
        return NULL;
    return rc_bool(rc_gc_is_tracked(args[0]));
}

static rc_object *gc_is_finalized(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "gc.is_finalized", nargs, kw, 1, 1) < 0)
        return NULL;
    return rc_bool(rc_gc_is_finalized(args[0]));
}

/* ---- freezing and statistics ------------------------------------------- */

static rc_object *gc_freeze(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "gc.freeze", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_gc_freeze(lx_heap(I));
    return none();
}

static rc_object *gc_unfreeze(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "gc.unfreeze", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_gc_unfreeze(lx_heap(I));
    return none();
}

static rc_object *gc_get_freeze_count(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "gc.get_freeze_count", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, rc_gc_get_freeze_count(lx_heap(I)));
}

/* {"collections": ..., "collected": ..., "uncollectable": ...} */
static rc_object *generation_stats(lx_interp *I, const rc_gc_stats *s)
{
    rc_object *d = lx_dict_new(I);
    if (d && (mod_dict_set_new(I, d, "collections", lx_int(I, s->collections)) < 0 ||
              mod_dict_set_new(I, d, "collected", lx_int(I, s->collected)) < 0 ||
              mod_dict_set_new(I, d, "uncollectable", lx_int(I, s->uncollectable)) < 0))
        RC_CLEAR(d);
    return d;
}

static rc_object *gc_get_stats(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "gc.get_stats", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_gc_stats s[N_GENERATIONS];
    rc_gc_get_stats(lx_heap(I), s);
    rc_object *list = lx_list_new(I);
    for (int g = 0; list && g < N_GENERATIONS; g++)
        if (mod_list_append_new(I, list, generation_stats(I, &s[g])) < 0)
            RC_CLEAR(list);
    return list;
}

/* ---- gc.callbacks ------------------------------------------------------- */

/* ("start" | "stop", {"generation": g, "collected": n, "uncollectable": m}) */
static rc_object *callback_args(lx_interp *I, int phase, int generation,
                                rc_ssize collected, rc_ssize uncollectable)
{
    rc_object *items[2] = {lx_strz(I, phase == RC_GC_START ? "start" : "stop"), lx_dict_new(I)};
    rc_object *t = NULL;
    if (items[0] && items[1] &&
        mod_dict_set_new(I, items[1], "generation", lx_int(I, generation)) == 0 &&
        mod_dict_set_new(I, items[1], "collected", lx_int(I, collected)) == 0 &&
        mod_dict_set_new(I, items[1], "uncollectable", lx_int(I, uncollectable)) == 0)
        t = mod_tuple_of(I, items, 2);
    rc_xdecref(items[0]);
    rc_xdecref(items[1]);
    return t;
}

static void call_each(lx_interp *I, rc_object *callbacks, rc_object *cargs)
{
    rc_object *const *a = (rc_object *const[]){rc_tuple_get(cargs, 0), rc_tuple_get(cargs, 1)};
    for (rc_ssize i = 0; i < rc_tuple_len(callbacks); i++) {
        rc_object *cb = rc_tuple_get(callbacks, i);
        rc_object *r = lx_call(I, cb, a, 2, NULL);
        if (r)
            rc_decref(r);
        else
            lx_exc_print_unraisable(I, "garbage collection callback", cb);
    }
}

static void run_callbacks(rc_heap *h, int phase, int generation, rc_ssize collected,
                          rc_ssize uncollectable, void *arg)
{
    rc_object *list = arg;
    if (rc_list_len(list) == 0)
        return;
    lx_interp *I = rc_heap_userdata(h);
    rc_object *pending = lx_exc_fetch(I);
    /* A snapshot: a callback may change gc.callbacks. */
    rc_object *snapshot = rc_tuple_new(h, rc_list_len(list));
    rc_object *cargs = snapshot ? callback_args(I, phase, generation, collected, uncollectable)
                                : mod_raise_nomem(I);
    for (rc_ssize i = 0; snapshot && i < rc_tuple_len(snapshot); i++)
        rc_tuple_set(snapshot, i, rc_list_get(list, i));
    if (snapshot && cargs)
        call_each(I, snapshot, cargs);
    else
        lx_exc_print_unraisable(I, "gc callbacks (out of memory)", list);
    rc_xdecref(snapshot);
    rc_xdecref(cargs);
    lx_exc_restore(I, pending);
}

static void drop_callbacks(lx_interp *I, void *arg)
{
    rc_gc_remove_callback(lx_heap(I), run_callbacks, arg);
    rc_decref(arg);
}

/* gc.callbacks = [], registered with the collector for the interpreter's life. */
static int install_callbacks(lx_interp *I, rc_object *module)
{
    rc_object *list = lx_list_new(I);
    if (!list)
        return -1;
    if (lx_module_set(I, module, "callbacks", list) < 0) {
        rc_decref(list);
        return -1;
    }
    if (rc_gc_add_callback(lx_heap(I), run_callbacks, list) < 0) {
        rc_decref(list);
        lx_raise_heap_error(I);
        return -1;
    }
    if (lx_atexit(I, drop_callbacks, list) < 0) {
        drop_callbacks(I, list);
        return -1;
    }
    return 0;
}

/* ---- the module ----------------------------------------------------------- */

static const lx_func_def gc_functions[] = {
    {"collect", gc_collect},
    {"enable", gc_enable},
    {"disable", gc_disable},
    {"isenabled", gc_isenabled},
    {"get_count", gc_get_count},
    {"get_threshold", gc_get_threshold},
    {"set_threshold", gc_set_threshold},
    {"get_debug", gc_get_debug},
    {"set_debug", gc_set_debug},
    {"get_objects", gc_get_objects},
    {"get_referrers", gc_get_referrers},
    {"get_referents", gc_get_referents},
    {"is_tracked", gc_is_tracked},
    {"is_finalized", gc_is_finalized},
    {"freeze", gc_freeze},
    {"unfreeze", gc_unfreeze},
    {"get_freeze_count", gc_get_freeze_count},
    {"get_stats", gc_get_stats},
    {NULL, NULL},
};

static const struct {
    const char *name;
    unsigned value;
} gc_constants[] = {
    {"DEBUG_STATS", RC_GC_DEBUG_STATS},
    {"DEBUG_COLLECTABLE", RC_GC_DEBUG_COLLECTABLE},
    {"DEBUG_UNCOLLECTABLE", RC_GC_DEBUG_UNCOLLECTABLE},
    {"DEBUG_SAVEALL", RC_GC_DEBUG_SAVEALL},
    {"DEBUG_LEAK", RC_GC_DEBUG_LEAK},
};

rc_object *lx_mod_gc_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "gc", gc_functions);
    if (!m)
        return NULL;
    for (size_t i = 0; i < sizeof gc_constants / sizeof gc_constants[0]; i++)
        if (mod_set_int(I, m, gc_constants[i].name, gc_constants[i].value) < 0)
            goto fail;
    rc_object *garbage = rc_gc_garbage(lx_heap(I));
    if (!garbage) {
        mod_raise_nomem(I);
        goto fail;
    }
    if (lx_module_set(I, m, "garbage", garbage) < 0 || install_callbacks(I, m) < 0)
        goto fail;
    return m;
fail:
    rc_decref(m);
    return NULL;
}
