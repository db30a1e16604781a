/*
 * lang/gen.c — generators: the suspended frames of CO_GENERATOR functions
 * and of generator expressions.
 *
 * Calling a generator function binds its arguments as any call does, then
 * moves the bound fast area (locals, cells, free variables) into a new
 * generator object instead of running it.  Each resume (next, send, throw)
 * copies the saved area back onto the interpreter's value stack and runs
 * the frame there (eval.c's run_frame, told which generator it runs); a
 * YIELD moves the area, the operand stack up to its depth and the open
 * try/with blocks back into the generator and returns the value.  So a
 * suspended generator costs its saved slots and nothing on the C stack,
 * and the value stack stays one contiguous area for the running frames.
 *
 * Invariants:
 *   - nsaved counts the slots of `saved` that hold owned references (or
 *     NULL); it is 0 while the frame runs (the slots are then on the value
 *     stack) and once the generator is done.
 *   - The exception a suspended frame was handling (it yielded inside an
 *     except block) is exc_state, and its outermost handler block's saved
 *     exception is left empty: on resume that block takes whatever the
 *     caller is handling then, as CPython's generators do.
 *   - A generator is RC_TYPE_GC (its frame can hold the generator itself)
 *     and its finalizer closes a suspended frame (GeneratorExit at the yield,
 *     so finally blocks run), as PEP 342 and PEP 442 say.
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t fast_slots(const lx_code *co)
{
    return co->nlocals + co->ncells + co->nfree;
}

static uint32_t frame_slots(const lx_code *co)
{
    return fast_slots(co) + co->stacksize;
}

/* ---- the object ------------------------------------------------------------------ */

static void gen_drop_frame(lx_gen *g)
{
    uint32_t n = g->nsaved;
    g->nsaved = 0;
    for (uint32_t i = 0; i < n; i++)
        RC_CLEAR(g->saved[i]);
    for (int b = 0; b < g->nblocks; b++)
        RC_CLEAR(g->blocks[b].saved);
    g->nblocks = 0;
    RC_CLEAR(g->exc_state);
    RC_CLEAR(g->sent);
}

static int gen_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_gen *g = (lx_gen *)self;
    int r;
    if (g->func && (r = visit(&g->func->ob, arg)))
        return r;
    for (uint32_t i = 0; i < g->nsaved; i++)
        if (g->saved[i] && (r = visit(g->saved[i], arg)))
            return r;
    for (int b = 0; b < g->nblocks; b++)
        if (g->blocks[b].saved && (r = visit(g->blocks[b].saved, arg)))
            return r;
    if (g->exc_state && (r = visit(g->exc_state, arg)))
        return r;
    return g->sent ? visit(g->sent, arg) : 0;
}

static void gen_clear(rc_object *self)
{
    lx_gen *g = (lx_gen *)self;
    gen_drop_frame(g);
    if (g->state != GEN_RUNNING)
        g->state = GEN_DONE;
}

static void gen_destroy(rc_object *self)
{
    lx_gen *g = (lx_gen *)self;
    rc_heap *h = rc_heap_of(self);
    gen_drop_frame(g);
    rc_free(h, g->saved);
    rc_free(h, g->blocks);
    g->saved = NULL;
    g->blocks = NULL;
    RC_CLEAR(g->func);
}

static int gen_close_frame(lx_interp *I, lx_gen *g);

/* A suspended generator that dies is closed first: its finally blocks run. */
static void gen_finalize(rc_object *self)
{
    lx_gen *g = (lx_gen *)self;
    lx_interp *I = g->I;
    if (g->state != GEN_SUSPENDED || !I)
        return;
    rc_object *saved_exc = I->exc;
    I->exc = NULL;
    if (gen_close_frame(I, g) < 0)
        lx_exc_print_unraisable(I, NULL, self);
    I->exc = saved_exc;
}

const rc_type lx_gen_type = {
    .name = "generator",
    .size = sizeof(lx_gen),
    .flags = RC_TYPE_GC,
    .traverse = gen_traverse,
    .clear = gen_clear,
    .destroy = gen_destroy,
    .finalize = gen_finalize,
};

rc_object *lx_gen_new(lx_interp *I, lx_func *fn, rc_object **fast)
{
    lx_code *co = fn->code;
    uint32_t nfast = fast_slots(co);
    lx_gen *g = (lx_gen *)rc_new(I->heap, &lx_gen_type);
    rc_object **saved = g ? rc_malloc(I->heap, (size_t)(frame_slots(co) ? frame_slots(co) : 1) * sizeof *saved)
                          : NULL;
    if (!g || !saved) {
        if (g)
            rc_decref(g);
        for (uint32_t i = 0; i < nfast; i++)
            RC_CLEAR(fast[i]);
        return lx_raise_heap_error(I);
    }
    g->I = I;
    rc_incref(fn);
    g->func = fn;
    g->saved = saved;
    memcpy(saved, fast, nfast * sizeof *saved);    /* the references move */
    memset(fast, 0, nfast * sizeof *fast);
    g->nsaved = nfast;
    g->state = GEN_CREATED;
    return &g->ob;
}

/* ---- the frame: saved at a yield, restored at a resume (eval.c calls these) ------------- */

static int outermost_handler(const lx_block *b, int n)
{
    for (int i = 0; i < n; i++)
        if (b[i].kind == B_HANDLER)
            return i;
    return -1;
}

int lx_gen_save_frame(lx_interp *I, lx_gen *g, lx_frame *f, uint32_t depth, uint32_t pc)
{
    lx_code *co = f->code;
    if (f->nblocks > g->blocks_cap) {
        lx_block *b = rc_realloc(I->heap, g->blocks, (size_t)f->nblocks * sizeof *b);
        if (!b)
            return -1;
        g->blocks = b;
        g->blocks_cap = f->nblocks;
    }
    uint32_t n = fast_slots(co) + depth;
    memcpy(g->saved, f->fast, n * sizeof *g->saved);
    memset(f->fast, 0, n * sizeof *f->fast);
    g->nsaved = n;
    g->depth = depth;
    g->pc = pc;
    g->nblocks = f->nblocks;
    if (f->nblocks)
        memcpy(g->blocks, f->blocks, (size_t)f->nblocks * sizeof *g->blocks);
    int k = outermost_handler(g->blocks, g->nblocks);
    if (k >= 0) {                     /* the caller gets its own handled exception back */
        g->exc_state = I->handled;
        I->handled = g->blocks[k].saved;
        g->blocks[k].saved = NULL;
    }
    g->state = GEN_SUSPENDED;
    return 0;
}

void lx_gen_restore_blocks(lx_interp *I, lx_gen *g, lx_frame *f)
{
    if (g->nblocks)
        memcpy(f->blocks, g->blocks, (size_t)g->nblocks * sizeof *f->blocks);
    f->nblocks = g->nblocks;
    g->nblocks = 0;
    int k = outermost_handler(f->blocks, f->nblocks);
    if (k >= 0) {
        f->blocks[k].saved = I->handled;
        I->handled = g->exc_state;
        g->exc_state = NULL;
    }
}

/* ---- resuming ------------------------------------------------------------------------ */

static int gen_close_frame(lx_interp *I, lx_gen *g);

/* Suspended in `yield from` (its iterator is the top of the saved stack)? */
static int in_yield_from(const lx_gen *g)
{
    const lx_code *co = g->func->code;
    return g->state == GEN_SUSPENDED && g->depth > 0 && g->pc < co->nins &&
           (co->ins[g->pc] & 0xFF) == OPC_YIELD_FROM;
}

/* The exception being thrown into g, suspended in `yield from it`, goes to
 * `it` first, as CPython does: GeneratorExit closes it (then g gets the
 * GeneratorExit); another exception is thrown into it if it can take one.
 * Returns what `it` yielded (g stays suspended), or NULL with either an
 * exception set for g to raise at its yield, or none and *result the
 * value `it` returned (g resumes with that as the value of the yield from). */
/* The method `name` of obj (new reference), or NULL: with no exception if
 * obj has none, with one if looking it up failed otherwise. */
static rc_object *optional_method(lx_interp *I, rc_object *obj, const char *name)
{
    rc_object *key = lx_intern(I, name);
    rc_object *m = key ? lx_getattr_obj(I, obj, key) : NULL;
    rc_xdecref(key);
    if (!m && lx_exc_matches(I, LX_AttributeError))
        lx_exc_clear(I);
    return m;
}

/* The value a StopIteration being raised carries (new reference), the
 * exception cleared. */
rc_object *lx_take_stop_value(lx_interp *I)
{
    rc_object *args = lx_exc_args(I->exc);
    rc_object *value = args && rc_tuple_len(args) > 0 ? rc_tuple_get(args, 0) : rc_none();
    rc_incref(value);
    lx_exc_clear(I);
    return value;
}

/* Throw exc (owned) into the delegate `it`: see throw_to_delegate. */
static rc_object *throw_into_delegate(lx_interp *I, rc_object *it, rc_object *exc, rc_object **result)
{
    if (lx_exc_is_instance(I, exc, LX_GeneratorExit)) {
        int rc;
        if (it->type == &lx_gen_type) {
            rc = gen_close_frame(I, (lx_gen *)it);
        } else {
            rc_object *m = optional_method(I, it, "close");
            rc_object *r = m ? lx_call(I, m, NULL, 0, NULL) : NULL;
            rc_xdecref(m);
            rc_xdecref(r);
            rc = lx_exc_occurred(I) ? -1 : 0;   /* an error inside close() goes on */
        }
        if (rc == 0)
            lx_raise_obj(I, exc);        /* then GeneratorExit in g */
        rc_decref(exc);
        return NULL;
    }
    rc_object *y;
    if (it->type == &lx_gen_type) {
        rc_object *ret = NULL;
        y = lx_gen_throw(I, it, exc, &ret);
        if (!y && !lx_exc_occurred(I))
            *result = ret;
        rc_decref(exc);
        return y;
    }
    rc_object *m = optional_method(I, it, "throw");
    if (!m) {
        if (!lx_exc_occurred(I))
            lx_raise_obj(I, exc);        /* nothing to delegate to: g raises it */
        rc_decref(exc);
        return NULL;
    }
    y = lx_call(I, m, &exc, 1, NULL);
    rc_decref(m);
    rc_decref(exc);
    if (!y && lx_exc_matches(I, LX_StopIteration))
        *result = lx_take_stop_value(I);
    return y;
}

/* The exception being thrown into g, suspended in `yield from it`, goes to
 * `it` first, as CPython does: GeneratorExit closes it (then g gets the
 * GeneratorExit); another exception is thrown into it through its throw()
 * if it has one.  Returns what `it` yielded (g stays suspended), or NULL
 * with either an exception set for g to raise at its yield, or none and
 * *result the value `it` returned (g resumes with that as the value of the
 * yield from).  g counts as running meanwhile: code the delegate runs
 * cannot resume it, and `it` is held. */
static rc_object *throw_to_delegate(lx_interp *I, lx_gen *g, rc_object **result)
{
    rc_object *it = g->saved[g->nsaved - 1];
    rc_object *exc = I->exc;
    I->exc = NULL;
    rc_incref(it);
    g->state = GEN_RUNNING;
    rc_object *y = throw_into_delegate(I, it, exc, result);
    g->state = GEN_SUSPENDED;
    rc_decref(it);
    if (*result)
        g->yf_result = 1;
    return y;
}

/* PEP 479: a StopIteration escaping a generator becomes a RuntimeError. */
static void stop_iteration_to_runtime_error(lx_interp *I)
{
    if (!lx_exc_matches(I, LX_StopIteration))
        return;
    rc_object *cause = I->exc;
    I->exc = NULL;
    lx_raise(I, LX_RuntimeError, "generator raised StopIteration");
    if (I->exc && lx_is_inst(I->exc)) {
        lx_inst *e = (lx_inst *)I->exc;
        RC_SETREF(e->vals[EXC_CAUSE], cause);
        rc_incref(cause);
        RC_SETREF(e->vals[EXC_CONTEXT], cause);
    } else {
        rc_decref(cause);
    }
}

/* Run g until it yields (returns the value) or ends (returns NULL: with an
 * exception set, or with *ret set to its return value, owned).  `sent` is
 * owned (NULL: None); with I->exc set on entry, that exception is raised
 * at the yield instead (throw). */
static rc_object *gen_resume(lx_interp *I, lx_gen *g, rc_object *sent, rc_object **ret)
{
    *ret = NULL;
    if (g->state == GEN_RUNNING) {
        rc_xdecref(sent);
        return lx_raise(I, LX_ValueError, "generator already executing");
    }
    if (g->state == GEN_DONE) {
        rc_xdecref(sent);
        if (!I->exc)
            *ret = rc_none();
        return NULL;                 /* a throw raises its exception here */
    }
    if (g->state == GEN_CREATED && I->exc) {   /* thrown in before it ran: it never will */
        rc_xdecref(sent);
        gen_drop_frame(g);
        g->state = GEN_DONE;
        stop_iteration_to_runtime_error(I);
        return NULL;
    }
    if (g->state == GEN_CREATED && sent && sent != rc_none()) {
        rc_decref(sent);
        return lx_raise(I, LX_TypeError, "can't send non-None value to a just-started generator");
    }
    if (I->exc && in_yield_from(g)) {   /* a throw goes to the delegate first */
        rc_xdecref(sent);
        sent = NULL;
        rc_object *y = throw_to_delegate(I, g, &sent);
        if (y)
            return y;                    /* the delegate yielded: g stays where it is */
    }
    lx_code *co = g->func->code;
    rc_object **fast = I->stack_top;
    if (fast + frame_slots(co) > I->stack_end) {
        rc_xdecref(sent);
        return lx_raise(I, LX_RecursionError, "maximum recursion depth exceeded");
    }
    uint32_t n = g->nsaved;
    memcpy(fast, g->saved, n * sizeof *fast);     /* the references move back */
    memset(fast + n, 0, (fast_slots(co) > n ? fast_slots(co) - n : 0) * sizeof *fast);
    g->nsaved = 0;
    RC_SETREF(g->sent, sent);
    I->stack_top = fast + frame_slots(co);
    rc_object *r = lx_gen_run_frame(I, g, fast);
    I->stack_top = fast;
    if (g->state == GEN_SUSPENDED)
        return r;                    /* yielded */
    g->state = GEN_DONE;             /* the frame ended: exit_frame released it */
    gen_drop_frame(g);
    if (r) {
        *ret = r;
        return NULL;
    }
    stop_iteration_to_runtime_error(I);
    return NULL;
}

static int raise_instance_or_class(lx_interp *I, rc_object *exc);

/* StopIteration(value) for a generator that returned `ret` (owned). */
static rc_object *raise_stop(lx_interp *I, rc_object *ret)
{
    if (ret == rc_none()) {
        rc_decref(ret);
        raise_instance_or_class(I, &I->exc_class[LX_StopIteration]->ob);
        return NULL;
    }
    rc_object *args = rc_tuple_pack(I->heap, &ret, 1, RC_PACK_STEAL);   /* takes ret, even on failure */
    if (!args)
        return lx_raise_heap_error(I);
    rc_object *exc = lx_exc_new(I, I->exc_class[LX_StopIteration], args);
    rc_decref(args);
    if (!exc)
        return NULL;
    lx_raise_obj(I, exc);
    rc_decref(exc);
    return NULL;
}

/* The iteration protocol: NULL with no exception when it is exhausted. */
rc_object *lx_gen_next(lx_interp *I, rc_object *self)
{
    rc_object *ret;
    rc_object *v = gen_resume(I, (lx_gen *)self, NULL, &ret);
    rc_xdecref(ret);
    return v;
}

rc_object *lx_gen_raise_stop(lx_interp *I, rc_object *ret)
{
    return raise_stop(I, ret);
}

rc_object *lx_gen_send(lx_interp *I, rc_object *self, rc_object *value, rc_object **ret)
{
    rc_xincref(value);
    return gen_resume(I, (lx_gen *)self, value, ret);
}

/* Raise exc, an exception instance or class (instantiated with no
 * arguments).  -1 if making the instance failed (its exception is set). */
static int raise_instance_or_class(lx_interp *I, rc_object *exc)
{
    if (lx_is_inst(exc)) {
        lx_raise_obj(I, exc);
        return 0;
    }
    rc_object *inst = lx_call(I, exc, NULL, 0, NULL);
    if (!inst)
        return -1;
    lx_raise_obj(I, inst);
    rc_decref(inst);
    return 0;
}

/* throw(): exc (an instance, or a class to instantiate) is raised at g's
 * yield, chained to what g was handling there, not to the caller's
 * exception; if making the instance fails, that error is raised there. */
rc_object *lx_gen_throw(lx_interp *I, rc_object *self, rc_object *exc, rc_object **ret)
{
    lx_gen *g = (lx_gen *)self;
    *ret = NULL;
    rc_object *caller_handled = I->handled;
    I->handled = g->exc_state;
    raise_instance_or_class(I, exc);
    I->handled = caller_handled;
    return gen_resume(I, g, NULL, ret);
}

/* close(): GeneratorExit at the yield.  0 if the frame ended (or was not
 * running), -1 with an exception set otherwise. */
static int gen_close_frame(lx_interp *I, lx_gen *g)
{
    if (g->state == GEN_CREATED) {
        gen_drop_frame(g);
        g->state = GEN_DONE;
        return 0;
    }
    if (g->state != GEN_SUSPENDED)
        return g->state == GEN_RUNNING ? (lx_raise(I, LX_ValueError, "generator already executing"), -1) : 0;
    rc_object *ret;
    rc_object *v = lx_gen_throw(I, &g->ob, &I->exc_class[LX_GeneratorExit]->ob, &ret);
    if (v) {
        rc_decref(v);
        lx_raise(I, LX_RuntimeError, "generator ignored GeneratorExit");
        return -1;
    }
    rc_xdecref(ret);
    if (!I->exc)
        return 0;
    if (lx_exc_matches(I, LX_GeneratorExit) || lx_exc_matches(I, LX_StopIteration)) {
        lx_exc_clear(I);
        return 0;
    }
    return -1;
}

/* ---- methods and attributes --------------------------------------------------------------- */

static lx_gen *self_gen(lx_interp *I, rc_object *const *args, size_t nargs, const char *name)
{
    if (nargs < 1 || args[0]->type != &lx_gen_type) {
        lx_raise(I, LX_TypeError, "descriptor '%s' requires a 'generator' object", name);
        return NULL;
    }
    return (lx_gen *)args[0];
}

static rc_object *m_next(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    lx_gen *g = self_gen(I, args, nargs, "__next__");
    if (!g || lx_no_kwargs(I, "__next__", kw) < 0 || lx_check_nargs(I, "__next__", nargs - 1, 0, 0) < 0)
        return NULL;
    rc_object *ret;
    rc_object *v = gen_resume(I, g, NULL, &ret);
    return v ? v : ret ? raise_stop(I, ret) : NULL;
}

static rc_object *m_send(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    lx_gen *g = self_gen(I, args, nargs, "send");
    if (!g || lx_no_kwargs(I, "send", kw) < 0 || lx_check_nargs(I, "send", nargs - 1, 1, 1) < 0)
        return NULL;
    rc_object *ret;
    rc_object *v = lx_gen_send(I, &g->ob, args[1], &ret);
    return v ? v : ret ? raise_stop(I, ret) : NULL;
}

static rc_object *m_throw(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    lx_gen *g = self_gen(I, args, nargs, "throw");
    if (!g || lx_no_kwargs(I, "throw", kw) < 0)
        return NULL;
    if (nargs < 2 || nargs > 4)
        return lx_raise(I, LX_TypeError, "throw expected %s 1 argument%s, got %zu",
                        nargs < 2 ? "at least" : "at most 3", nargs < 2 ? "" : "s", nargs - 1);
    rc_object *exc = args[1];
    int owned = 0;
    if (nargs >= 3 && args[2] != rc_none()) {         /* throw(type, value): CPython's rules */
        rc_object *val = args[2];
        if (exc->type != &lx_class_type)
            return lx_raise(I, LX_TypeError, "instance exception may not have a separate value");
        if (lx_is_inst(val) && lx_is_subclass(lx_class_of(I, val), (lx_class *)exc)) {
            exc = val;                                  /* already an instance of it */
        } else {
            int tuple = rc_is_type(val, &rc_tuple_type);
            rc_object *const *cargs = tuple ? &val : &args[2];
            rc_ssize nc = tuple ? rc_tuple_len(val) : 1;
            rc_object *items[8];
            if (tuple) {
                if (nc > 8)
                    return lx_raise(I, LX_TypeError, "throw(): too many exception arguments");
                for (rc_ssize k = 0; k < nc; k++)
                    items[k] = rc_tuple_get(val, k);
                cargs = items;
            }
            exc = lx_call(I, exc, cargs, (size_t)nc, NULL);
            if (!exc)
                return NULL;
            owned = 1;
        }
    }
    int ok = lx_is_inst(exc) ? lx_is_subclass(lx_class_of(I, exc), I->exc_class[LX_BaseException])
                             : exc->type == &lx_class_type &&
                                   lx_is_subclass((lx_class *)exc, I->exc_class[LX_BaseException]);
    if (!ok) {
        if (owned)
            rc_decref(exc);
        return lx_raise(I, LX_TypeError, "exceptions must be classes or instances deriving from BaseException, not %s",
                        lx_type_name(I, exc));
    }
    rc_object *ret;
    rc_object *v = lx_gen_throw(I, &g->ob, exc, &ret);
    if (owned)
        rc_decref(exc);
    return v ? v : ret ? raise_stop(I, ret) : NULL;
}

static rc_object *m_close(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    lx_gen *g = self_gen(I, args, nargs, "close");
    if (!g || lx_no_kwargs(I, "close", kw) < 0 || lx_check_nargs(I, "close", nargs - 1, 0, 0) < 0)
        return NULL;
    if (gen_close_frame(I, g) < 0)
        return NULL;
    rc_incref(rc_none());
    return rc_none();
}

static rc_object *gen_iter(lx_interp *I, rc_object *self)
{
    (void)I;
    rc_incref(self);
    return self;
}

static rc_object *gen_repr(lx_interp *I, rc_object *self)
{
    lx_gen *g = (lx_gen *)self;
    char buf[300];
    snprintf(buf, sizeof buf, "<generator object %s at %p>", rc_str_data(g->func->qualname ? g->func->qualname
                                                                                       : g->func->name),
             (void *)self);
    return lx_strz(I, buf);
}

static rc_object *gen_getattr(lx_interp *I, rc_object *self, const char *name)
{
    (void)I;
    lx_gen *g = (lx_gen *)self;
    if (!strcmp(name, "gi_running"))
        return rc_bool(g->state == GEN_RUNNING);
    if (!strcmp(name, "gi_suspended"))
        return rc_bool(g->state == GEN_SUSPENDED);
    if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__")) {
        rc_object *s = !strcmp(name, "__name__") || !g->func->qualname ? g->func->name : g->func->qualname;
        rc_incref(s);
        return s;
    }
    if (!strcmp(name, "gi_code")) {
        rc_incref(&g->func->code->ob);
        return &g->func->code->ob;
    }
    return NULL;
}

static const lx_func_def gen_methods[] = {
    {"__next__", m_next}, {"send", m_send}, {"throw", m_throw}, {"close", m_close}, {NULL, NULL},
};

static const lx_type_slots gen_slots = {
    .type = &lx_gen_type,
    .name = "generator",
    .repr = gen_repr,
    .iter = gen_iter,
    .next = lx_gen_next,
    .methods = gen_methods,
    .getattr = gen_getattr,
};

int lx_register_gen_type(lx_interp *I)
{
    return lx_register_type(I, &gen_slots);
}

size_t lx_gen_sizeof(const rc_object *self)
{
    const lx_code *co = ((const lx_gen *)self)->func->code;
    /* CPython 3.11's generator and its frame: its stack needs two slots fewer */
    return 152 + 8 * (size_t)frame_slots(co);
}
