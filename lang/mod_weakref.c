/*
 * lang/mod_weakref.c — the native `_weakref` module: ref, finalize,
 * getweakrefcount, getweakrefs.  lib/weakref.py imports all of it and adds
 * the containers (WeakValueDictionary, ...), proxy and WeakMethod in Python.
 *
 * weakref.ref(obj[, callback]) is the library's weak reference
 * (rc_weakref_new); without a callback it is the object's one shared plain
 * reference (rc_weakref_find_plain) when there is one, as in CPython.  The script callback is the reference's data (the
 * reference owns it); when the target dies the library calls ref_died, which
 * calls callback(ref) with any pending exception saved around the call (the
 * target may die while an exception unwinds).  Calling the reference gives
 * the target or None.  Objects CPython refuses (int, str, tuple, list, dict,
 * None, bool, float, bytes) are refused here too, with CPython's TypeError.
 *
 * weakref.finalize(obj, func, *args, **kwargs) is a `finalizer` object:
 *
 *   finalizer --wr--> weak reference to obj --data--> the finalizer
 *   registry.live: {finalizer: None, ...}   (insertion order = creation order)
 *
 * Invariants:
 *   alive  <=>  func != NULL  <=>  the finalizer is a key of registry->live
 *   a finalizer runs at most once: fire() clears func before calling it.
 * The registry keeps alive finalizers alive without the script holding them
 * (as CPython's finalize._registry).  One registry per interpreter, created
 * at import; an atexit hook owns one reference to it and, at exit, runs the
 * alive finalizers whose atexit flag is set, newest first, with automatic
 * collection off, then marks the registry shut down (no finalizer runs after
 * that) and drops its reference; the teardown frees what is left.  Once a
 * finalizer is dead its fields are cleared, which also breaks the
 * finalizer <-> weak reference cycle.
 */
#include "mod_util.h"

#include <stdlib.h>
#include <string.h>

typedef struct registry {
    rc_object ob;
    rc_object *live;          /* dict: alive finalizer -> None */
    int shutdown;             /* set once the exit hook has run */
} registry;

typedef struct finalizer {
    rc_object ob;
    rc_object *wr;            /* weak reference to the target; NULL once dead */
    rc_object *func;          /* NULL once dead (called or detached) */
    rc_object *args;          /* tuple */
    rc_object *kwargs;        /* dict or NULL */
    rc_object *reg;           /* the registry */
    int atexit;
} finalizer;

/* ---- which objects take weak references ------------------------------------ */

static int refuses_weakrefs(const rc_object *o)
{
    static const rc_type *const refused[] = {
        &rc_none_type, &rc_bool_type, &rc_int_type, &rc_float_type, &rc_str_type,
        &rc_bytes_type, &rc_tuple_type, &rc_list_type, &rc_dict_type,
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (o->type == refused[i])
            return 1;
    return 0;
}

/* rc_weakref_new with CPython's TypeError for objects without weak refs. */
static rc_object *new_weakref(lx_interp *I, rc_object *target, rc_weak_callback cb, rc_object *data)
{
    rc_heap *h = lx_heap(I);
    if (refuses_weakrefs(target) || !lx_weakref_allowed(I, target))
        goto refused;
    rc_error_clear(h);
    rc_object *wr = rc_weakref_new(h, target, cb, data);
    if (wr)
        return wr;
    if (rc_error(h) != RC_ETYPE)
        return lx_raise_heap_error(I);
refused:
    return lx_raise(I, LX_TypeError, "cannot create weak reference to '%s' object",
                    lx_type_name(I, target));
}

/* From a library callback: r = fn(I, a, b) with a pending exception kept
 * aside; an error is printed as unraisable, naming `who`. */
typedef rc_object *(*guarded_call)(lx_interp *I, rc_object *a, rc_object *b);

static void run_guarded(lx_interp *I, guarded_call fn, rc_object *a, rc_object *b, rc_object *who)
{
    rc_object *pending = lx_exc_fetch(I);
    rc_object *r = fn(I, a, b);
    if (r)
        rc_decref(r);
    else
        lx_exc_print_unraisable(I, NULL, who);
    lx_exc_restore(I, pending);
}

static lx_interp *interp_of(rc_object *o)
{
    return rc_heap_userdata(rc_heap_of(o));
}

/* "<weakref at 0x...; to 'Foo' at 0x...>" / "<... dead>" and the same for
 * finalize objects: the shared tail names the target if it is alive. */
static rc_object *repr_with_target(lx_interp *I, const char *what, rc_object *self, rc_object *wr)
{
    char buf[160];
    rc_object *target = wr ? rc_weakref_get(wr) : NULL;
    if (target)
        snprintf(buf, sizeof buf, "<%s at %p; %s '%.60s' at %p>", what, (void *)self,
                 wr == self ? "to" : "for", lx_type_name(I, target), (void *)target);
    else
        snprintf(buf, sizeof buf, "<%s at %p; dead>", what, (void *)self);
    rc_xdecref(target);
    return lx_strz(I, buf);
}

/* ---- weakref.ref ---------------------------------------------------------- */

static rc_object *call_callback(lx_interp *I, rc_object *callback, rc_object *wr)
{
    return lx_call(I, callback, &wr, 1, NULL);
}

static void ref_died(rc_object *wr, rc_object *callback)
{
    run_guarded(interp_of(wr), call_callback, callback, wr, callback);
}

static rc_object *weakref_ref(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "ref", kw) < 0)
        return NULL;
    if (nargs < 1 || nargs > 2)
        return lx_raise(I, LX_TypeError, "__new__ expected at %s %d argument%s, got %zu",
                        nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s",
                        nargs);
    rc_object *callback = nargs == 2 && args[1] != rc_none() ? args[1] : NULL;
    rc_object *shared = callback ? NULL : rc_weakref_find_plain(args[0]);
    if (shared)
        return shared;
    return new_weakref(I, args[0], callback ? ref_died : NULL, callback);
}

static rc_object *ref_call(lx_interp *I, rc_object *self, rc_object *const *args, size_t nargs,
                           rc_object *kw)
{
    (void)args;
    if (lx_no_kwargs(I, "weakref", kw) < 0)
        return NULL;
    if (nargs)
        return lx_raise(I, LX_TypeError, "weakref expected 0 arguments, got %zu", nargs);
    rc_object *target = rc_weakref_get(self);
    return target ? target : rc_none();
}

static rc_object *ref_repr(lx_interp *I, rc_object *self)
{
    return repr_with_target(I, "weakref", self, self);
}

static const lx_type_slots ref_slots = {
    .type = &rc_weakref_type,
    .name = "ReferenceType",
    .repr = ref_repr,
    .call = ref_call,
};

static rc_object *weakref_getweakrefcount(lx_interp *I, rc_object *const *args, size_t nargs,
                                          rc_object *kw)
{
    if (mod_check_args(I, "_weakref.getweakrefcount", nargs, kw, 1, 1) < 0)
        return NULL;
    return lx_int(I, rc_weakref_count(args[0]));
}

/* getweakrefs(obj): the list of the weak references to obj, newest first. */
static rc_object *weakref_getweakrefs(lx_interp *I, rc_object *const *args, size_t nargs,
                                      rc_object *kw)
{
    if (mod_check_args(I, "_weakref.getweakrefs", nargs, kw, 1, 1) < 0)
        return NULL;
    rc_object *list = lx_list_new(I);
    rc_object *wr;
    for (rc_ssize i = 0; list && (wr = rc_weakref_at(args[0], i)) != NULL; i++) {
        int r = rc_list_append(list, wr);
        rc_decref(wr);
        if (r < 0) {
            RC_CLEAR(list);
            lx_raise_heap_error(I);
        }
    }
    return list;
}

/* ---- the finalizer registry ------------------------------------------------- */

static int registry_traverse(rc_object *self, rc_visit visit, void *arg)
{
    registry *r = (registry *)self;
    return r->live ? visit(r->live, arg) : 0;
}

static void registry_clear(rc_object *self)
{
    RC_CLEAR(((registry *)self)->live);
}

static const rc_type registry_type = {
    .name = "weakref.finalize registry",
    .size = sizeof(registry),
    .flags = RC_TYPE_GC,
    .traverse = registry_traverse,
    .clear = registry_clear,
    .destroy = registry_clear,
};

/* ---- weakref.finalize --------------------------------------------------------- */

static int finalizer_traverse(rc_object *self, rc_visit visit, void *arg)
{
    finalizer *f = (finalizer *)self;
    rc_object *fields[] = {f->wr, f->func, f->args, f->kwargs, f->reg};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        int r = fields[i] ? visit(fields[i], arg) : 0;
        if (r)
            return r;
    }
    return 0;
}

/* Forget the call (func, args, kwargs) and the weak reference. */
static void finalizer_forget(finalizer *f)
{
    RC_CLEAR(f->func);
    RC_CLEAR(f->args);
    RC_CLEAR(f->kwargs);
    RC_CLEAR(f->wr);
}

static void finalizer_clear(rc_object *self)
{
    finalizer *f = (finalizer *)self;
    finalizer_forget(f);
    RC_CLEAR(f->reg);
}

static const rc_type finalizer_type = {
    .name = "finalize",
    .size = sizeof(finalizer),
    .flags = RC_TYPE_GC,
    .traverse = finalizer_traverse,
    .clear = finalizer_clear,
    .destroy = finalizer_clear,
};

/* Take f out of the registry: it is dead from now on.  The caller holds a
 * reference to f (the registry's is dropped here). */
static void finalizer_kill(finalizer *f)
{
    rc_object *live = ((registry *)f->reg)->live;
    if (live && rc_dict_get(live, &f->ob))
        rc_dict_del(live, &f->ob);
}

/* func(*args, **kwargs) for a tuple args. */
static rc_object *call_with_tuple(lx_interp *I, rc_object *func, rc_object *args, rc_object *kwargs)
{
    rc_object *small[8], **argv = small;
    size_t n = (size_t)rc_tuple_len(args);
    if (n > sizeof small / sizeof small[0] && !(argv = malloc(n * sizeof *argv)))
        return lx_raise(I, LX_MemoryError, "out of memory");
    for (size_t i = 0; i < n; i++)
        argv[i] = rc_tuple_get(args, (rc_ssize)i);
    rc_object *r = lx_call(I, func, argv, n, kwargs);
    if (argv != small)
        free(argv);
    return r;
}

/* Run f if it is alive and the registry is not shut down: the call's result
 * (a new reference), None if nothing ran, NULL with the call's exception. */
static rc_object *finalizer_fire(lx_interp *I, finalizer *f)
{
    if (!f->func || ((registry *)f->reg)->shutdown)
        return rc_none();
    rc_object *func = f->func, *args = f->args, *kwargs = f->kwargs;
    f->func = f->args = f->kwargs = NULL;   /* dead before the call: runs once */
    rc_incref(&f->ob);
    RC_CLEAR(f->wr);
    finalizer_kill(f);
    rc_object *r = call_with_tuple(I, func, args, kwargs);
    rc_decref(func);
    rc_decref(args);
    rc_xdecref(kwargs);
    rc_decref(&f->ob);
    return r;
}

static rc_object *fire_guarded(lx_interp *I, rc_object *self, rc_object *unused)
{
    (void)unused;
    return finalizer_fire(I, (finalizer *)self);
}

static void target_died(rc_object *wr, rc_object *self)
{
    run_guarded(interp_of(wr), fire_guarded, self, NULL, self);
}

/* self(): run the finalizer now (CPython's __call__ takes one ignored
 * argument). */
static rc_object *finalizer_call(lx_interp *I, rc_object *self, rc_object *const *args,
                                 size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "finalize", nargs, kw, 0, 1) < 0)
        return NULL;
    return finalizer_fire(I, (finalizer *)self);
}

static rc_object *finalizer_repr(lx_interp *I, rc_object *self)
{
    finalizer *f = (finalizer *)self;
    return repr_with_target(I, "finalize object", self, f->func ? f->wr : NULL);
}

/* (obj, func, args, kwargs) while f is alive and obj lives; else None.
 * With detach, f dies when the tuple is given. */
static rc_object *finalizer_info(lx_interp *I, finalizer *f, int detach)
{
    rc_object *obj = f->func ? rc_weakref_get(f->wr) : NULL;
    if (!obj)
        return rc_none();
    rc_object *kwargs = f->kwargs ? f->kwargs : lx_dict_new(I);
    rc_object *t = NULL;
    if (kwargs) {
        rc_object *items[4] = {obj, f->func, f->args, kwargs};
        t = mod_tuple_of(I, items, 4);
        if (kwargs != f->kwargs)
            rc_decref(kwargs);
    }
    rc_decref(obj);
    if (t && detach) {
        rc_incref(&f->ob);
        finalizer_forget(f);
        finalizer_kill(f);
        rc_decref(&f->ob);
    }
    return t;
}

static rc_object *finalizer_detach(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "detach", nargs, kw, 1, 1) < 0)
        return NULL;
    return finalizer_info(I, (finalizer *)args[0], 1);
}

static rc_object *finalizer_peek(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "peek", nargs, kw, 1, 1) < 0)
        return NULL;
    return finalizer_info(I, (finalizer *)args[0], 0);
}

#ifdef LX_SLOT_GETATTR   /* lx_type_slots.getattr, requested from the core */
/* f.alive, f.atexit */
static rc_object *finalizer_getattr(lx_interp *I, rc_object *self, const char *name)
{
    (void)I;
    finalizer *f = (finalizer *)self;
    if (!strcmp(name, "alive"))
        return rc_bool(f->func != NULL);
    if (!strcmp(name, "atexit"))
        return rc_bool(f->atexit);
    return NULL;
}
#endif

static const lx_func_def finalizer_methods[] = {
    {"detach", finalizer_detach},
    {"peek", finalizer_peek},
    {NULL, NULL},
};

static const lx_type_slots finalizer_slots = {
    .type = &finalizer_type,
    .name = "finalize",
    .repr = finalizer_repr,
    .call = finalizer_call,
#ifdef LX_SLOT_GETATTR
    .getattr = finalizer_getattr,
#endif
    .methods = finalizer_methods,
};

/* A copy of the call's keyword dict (NULL when there are none). */
static int copy_kwargs(lx_interp *I, rc_object *kw, rc_object **out)
{
    *out = NULL;
    if (!kw || rc_dict_len(kw) == 0)
        return 0;
    rc_object *d = lx_dict_new(I), *key, *value;
    rc_ssize pos = 0;
    while (d && rc_dict_next(kw, &pos, &key, &value))
        if (rc_dict_set(d, key, value) < 0) {
            RC_CLEAR(d);
            lx_raise_heap_error(I);
        }
    *out = d;
    return d ? 0 : -1;
}

/* weakref.finalize(obj, func, *args, **kwargs): `self` is the registry,
 * which stands in the module as the callable weakref.finalize. */
static rc_object *registry_call(lx_interp *I, rc_object *self, rc_object *const *args,
                                size_t nargs, rc_object *kw)
{
    if (nargs < 2)
        return lx_raise(I, LX_TypeError, "finalize.__init__() missing %s", nargs == 0
                        ? "2 required positional arguments: 'obj' and 'func'"
                        : "1 required positional argument: 'func'");
    registry *reg = (registry *)self;
    finalizer *f = (finalizer *)rc_new(lx_heap(I), &finalizer_type);
    if (!f)
        return mod_raise_nomem(I);
    rc_incref(self);
    f->reg = self;
    f->atexit = 1;
    if (!(f->args = mod_tuple_of(I, args + 2, nargs - 2)) || copy_kwargs(I, kw, &f->kwargs) < 0 ||
        !(f->wr = new_weakref(I, args[0], target_died, &f->ob)))
        goto fail;
    if (rc_dict_set(reg->live, &f->ob, rc_none()) < 0) {
        lx_raise_heap_error(I);
        goto fail;
    }
    rc_incref(args[1]);
    f->func = args[1];          /* alive from here on */
    return &f->ob;
fail:
    rc_decref(&f->ob);
    return NULL;
}

static rc_object *registry_repr(lx_interp *I, rc_object *self)
{
    (void)self;
    return lx_strz(I, "<class 'weakref.finalize'>");
}

static const lx_type_slots registry_slots = {
    .type = &registry_type,
    .name = "type",
    .repr = registry_repr,
    .call = registry_call,
};

/* ---- at exit ------------------------------------------------------------------- */

/* The alive finalizers with atexit set, oldest first; -1 on MemoryError. */
static int select_for_exit(registry *reg, mod_objvec *out)
{
    rc_ssize pos = 0;
    rc_object *key, *value;
    while (rc_dict_next(reg->live, &pos, &key, &value))
        if (((finalizer *)key)->atexit && mod_objvec_push(key, out) != 0)
            return -1;
    return 0;
}

/* The atexit hook: run what is left, newest first, collection off meanwhile
 * (finalizers created while this runs are run too); then shut down. */
static void registry_at_exit(lx_interp *I, void *arg)
{
    registry *reg = arg;
    rc_heap *h = lx_heap(I);
    int was_enabled = rc_gc_is_enabled(h);
    rc_gc_disable(h);
    for (;;) {
        mod_objvec pending = {0};
        if (select_for_exit(reg, &pending) < 0 || pending.len == 0) {
            mod_objvec_free(&pending);
            break;
        }
        while (pending.len > 0) {
            rc_object *f = pending.items[pending.len - 1];
            run_guarded(I, fire_guarded, f, NULL, f);
            pending.len--;
            rc_decref(f);
        }
        mod_objvec_free(&pending);
    }
    reg->shutdown = 1;              /* the rest never run */
    if (was_enabled)
        rc_gc_enable(h);
    rc_decref(&reg->ob);
}

/* ---- the module -------------------------------------------------------------------- */

static rc_object *registry_new(lx_interp *I)
{
    registry *reg = (registry *)rc_new(lx_heap(I), &registry_type);
    if (!reg)
        return mod_raise_nomem(I);
    if (!(reg->live = lx_dict_new(I))) {
        rc_decref(&reg->ob);
        return NULL;
    }
    rc_incref(&reg->ob);                 /* the exit hook's reference */
    if (lx_atexit(I, registry_at_exit, reg) < 0) {
        rc_decref(&reg->ob);
        rc_decref(&reg->ob);
        return NULL;
    }
    return &reg->ob;
}

static const lx_func_def weakref_functions[] = {
    {"ref", weakref_ref},
    {"getweakrefcount", weakref_getweakrefcount},
    {"getweakrefs", weakref_getweakrefs},
    {NULL, NULL},
};

rc_object *lx_mod_weakref_init(lx_interp *I)
{
    if (lx_register_type(I, &ref_slots) < 0 || lx_register_type(I, &finalizer_slots) < 0 ||
        lx_register_type(I, &registry_slots) < 0)
        return NULL;
    rc_object *m = lx_module_new(I, "_weakref", weakref_functions);
    if (m && mod_set_new(I, m, "finalize", registry_new(I)) < 0)
        RC_CLEAR(m);
    return m;
}
