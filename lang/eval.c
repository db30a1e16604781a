/*
 * lang/eval.c — the bytecode evaluator and the calling convention.
 *
 * Frames.  All frames share one value stack (I->stack .. I->stack_end).  A
 * frame's `fast` area holds its locals, then its cells, then its free
 * variables, then its operand stack; I->stack_top marks the end of the
 * running frame's area.  A frame is a C struct on the C stack of run_frame:
 * no allocation per call.
 *
 * Calls.  CALL finds [callable, arg1..argN] on the operand stack.  For a
 * script function whose signature matches the call exactly (the common
 * case) the callee's fast area starts AT arg1: the caller's argument
 * references become the callee's parameters without a copy or a count
 * change, so an object passed down holds exactly one reference per binding,
 * as in CPython.  Other calls bind arguments into a fresh area above the
 * caller's.  Natives receive a pointer to the arguments on the stack
 * (borrowed) and the evaluator drops them after the call.
 *
 * Exceptions.  A failing operation leaves I->exc set and jumps to `error`,
 * which adds this frame's traceback entry and unwinds the frame's block
 * stack: B_TRY blocks catch (the exception is pushed and becomes "handled",
 * remembered by a B_HANDLER block that restores the previous handled
 * exception when popped); with no block left the frame returns NULL.
 *
 * Reference discipline: every stack slot below sp holds an owned reference;
 * locals hold owned references or NULL; whatever is left when a frame ends
 * (normally or not) is released before run_frame returns, so a frame never
 * outlives its call.
 *
 * Recursion: I->depth counts nested run_frame and native->script calls;
 * past I->recursion_limit a RecursionError is raised, long before the C
 * stack could run out.
 */
#include "core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIKELY(x) __builtin_expect(!!(x), 1)
#if defined(__GNUC__)
#define OPAQUE(v) __asm__("" : "+r"(v))     /* the compiler forgets what v holds */
#else
#define OPAQUE(v) ((void)0)
#endif
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

static rc_object *run_frame(lx_interp *I, lx_code *co, lx_func *fn, rc_object *globals, rc_object *ns,
                            rc_object **fast, lx_gen *gen);

/* inlined into run_frame; lx_enter_call for the other files */
static inline int enter_call(lx_interp *I)
{
    char here;
    if (UNLIKELY(!I->c_stack_start || I->depth == 0))
        I->c_stack_start = &here;
    size_t used = I->c_stack_start > &here ? (size_t)(I->c_stack_start - &here) : 0;
    if (UNLIKELY(lx_count_step(I) < 0))
        return -1;
    if (UNLIKELY(++I->depth > I->recursion_limit || used > I->c_stack_budget)) {
        I->depth--;
        lx_raise(I, LX_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    return 0;
}

int lx_enter_call(lx_interp *I)
{
    return enter_call(I);
}

/* ---- argument binding -------------------------------------------------------- */

static rc_object *func_name_for_errors(lx_func *fn)
{
    return fn->qualname ? fn->qualname : fn->name;
}

static int too_many_positional(lx_interp *I, lx_func *fn, size_t given)
{
    lx_code *co = fn->code;
    size_t ndef = fn->defaults ? (size_t)rc_tuple_len(fn->defaults) : 0;
    const char *name = rc_str_data(func_name_for_errors(fn));
    if (ndef)
        lx_raise(I, LX_TypeError, "%s() takes from %u to %u positional arguments but %zu %s given", name,
                 (unsigned)(co->argcount - ndef), co->argcount, given, given == 1 ? "was" : "were");
    else
        lx_raise(I, LX_TypeError, "%s() takes %u positional argument%s but %zu %s given", name,
                 co->argcount, co->argcount == 1 ? "" : "s", given, given == 1 ? "was" : "were");
    return -1;
}

static int missing_arguments(lx_interp *I, lx_func *fn, rc_object **fast, uint32_t from, uint32_t to,
                             const char *kind)
{
    lx_code *co = fn->code;
    char names[400];
    size_t n = 0, count = 0;
    uint32_t missing[64];
    for (uint32_t i = from; i < to && count < 64; i++)
        if (!fast[i])
            missing[count++] = i;
    names[0] = 0;
    for (size_t k = 0; k < count; k++) {
        const char *nm = rc_str_data(co->localnames[missing[k]]);
        const char *sep = k == 0 ? "" : (k == count - 1 ? (count == 2 ? " and " : ", and ") : ", ");
        int w = snprintf(names + n, sizeof names - n, "%s'%s'", sep, nm);
        if (w < 0 || (size_t)w >= sizeof names - n)
            break;
        n += (size_t)w;
    }
    lx_raise(I, LX_TypeError, "%s() missing %zu required %s argument%s: %s",
             rc_str_data(func_name_for_errors(fn)), count, kind, count == 1 ? "" : "s", names);
    return -1;
}

/* Bind args (owned references, consumed) and keywords into fast.  kwnames:
 * a tuple naming the last len(kwnames) of args, or NULL.  kwdict: a dict of
 * further keywords (borrowed) or NULL. */
static int bind_arguments(lx_interp *I, lx_func *fn, rc_object **fast, rc_object **args, size_t nargs,
                          rc_object *kwnames, rc_object *kwdict)
{
    lx_code *co = fn->code;
    size_t nkw = kwnames ? (size_t)rc_tuple_len(kwnames) : 0;
    size_t npos = nargs - nkw;
    uint32_t total = co->argcount + co->kwonly;
    rc_object *varkw = NULL;
    int rc = -1;
    size_t i;
    if (co->flags & CO_VARKW) {
        varkw = rc_dict_new(I->heap);
        if (!varkw) {
            lx_raise_heap_error(I);
            goto fail;
        }
    }
    /* positional */
    size_t take = npos < co->argcount ? npos : co->argcount;
    for (i = 0; i < take; i++) {
        fast[i] = args[i];
        args[i] = NULL;
    }
    if (co->flags & CO_VARARGS) {
        size_t extra = npos - take;
        rc_object *t = rc_tuple_new(I->heap, (rc_ssize)extra);
        if (!t) {
            lx_raise_heap_error(I);
            goto fail;
        }
        for (size_t k = 0; k < extra; k++) {
            rc_tuple_set(t, (rc_ssize)k, args[take + k]);
            rc_decref(args[take + k]);
            args[take + k] = NULL;
        }
        if (extra)
            rc_gc_track(t);
        fast[total] = t;
    } else if (npos > co->argcount) {
        too_many_positional(I, fn, npos);
        goto fail;
    }
    /* keywords */
    for (size_t k = 0; k < nkw + (kwdict ? (size_t)rc_dict_len(kwdict) : 0); k++) {
        rc_object *name, *value;
        if (k < nkw) {
            name = rc_tuple_get(kwnames, (rc_ssize)k);
            value = args[npos + k];
            args[npos + k] = NULL;
        } else {
            rc_ssize pos = 0, idx = (rc_ssize)(k - nkw);
            rc_object *kk = NULL, *vv = NULL;
            for (rc_ssize j = 0; j <= idx; j++)
                rc_dict_next(kwdict, &pos, &kk, &vv);
            if (!rc_is_type(kk, &rc_str_type)) {
                lx_raise(I, LX_TypeError, "keywords must be strings");
                goto fail;
            }
            name = kk;
            rc_incref(vv);
            value = vv;
        }
        uint32_t j;
        for (j = co->posonly; j < total; j++)
            if (co->localnames[j] == name || (rc_str_size(co->localnames[j]) == rc_str_size(name) &&
                                              memcmp(rc_str_data(co->localnames[j]), rc_str_data(name),
                                                     rc_str_size(name)) == 0))
                break;
        if (j < total) {
            if (fast[j]) {
                rc_decref(value);
                lx_raise(I, LX_TypeError, "%s() got multiple values for argument '%s'",
                         rc_str_data(func_name_for_errors(fn)), rc_str_data(name));
                goto fail;
            }
            fast[j] = value;
            continue;
        }
        if (varkw) {
            int r = rc_dict_set(varkw, name, value);
            rc_decref(value);
            if (r < 0) {
                lx_raise_heap_error(I);
                goto fail;
            }
            continue;
        }
        rc_decref(value);
        lx_raise(I, LX_TypeError, "%s() got an unexpected keyword argument '%s'",
                 rc_str_data(func_name_for_errors(fn)), rc_str_data(name));
        goto fail;
    }
    /* defaults */
    size_t ndef = fn->defaults ? (size_t)rc_tuple_len(fn->defaults) : 0;
    for (uint32_t k = 0; k < co->argcount; k++) {
        if (fast[k])
            continue;
        size_t first_default = co->argcount - ndef;
        if (k >= first_default) {
            fast[k] = rc_tuple_get(fn->defaults, (rc_ssize)(k - first_default));
            rc_incref(fast[k]);
        }
    }
    for (uint32_t k = 0; k < co->argcount; k++)
        if (!fast[k]) {
            missing_arguments(I, fn, fast, 0, co->argcount, "positional");
            goto fail;
        }
    for (uint32_t k = co->argcount; k < total; k++) {
        if (fast[k])
            continue;
        rc_object *d = fn->kwdefaults ? rc_dict_get(fn->kwdefaults, co->localnames[k]) : NULL;
        if (d) {
            rc_incref(d);
            fast[k] = d;
        }
    }
    for (uint32_t k = co->argcount; k < total; k++)
        if (!fast[k]) {
            missing_arguments(I, fn, fast, co->argcount, total, "keyword-only");
            goto fail;
        }
    if (co->flags & CO_VARARGS && !fast[total]) {
        rc_incref(I->empty_tuple);
        fast[total] = I->empty_tuple;
    }
    if (varkw) {
        fast[total + ((co->flags & CO_VARARGS) ? 1 : 0)] = varkw;
        varkw = NULL;
    }
    rc = 0;
fail:
    rc_xdecref(varkw);
    for (i = 0; i < nargs; i++)
        if (args[i]) {
            rc_decref(args[i]);
            args[i] = NULL;
        }
    return rc;
}

/* Copy fn's closure cells into the frame's free-variable slots. */
static void load_free_vars(lx_func *fn, rc_object **fast)
{
    lx_code *co = fn->code;
    rc_object **frees = fast + co->nlocals + co->ncells;
    for (uint32_t i = 0; i < co->nfree; i++) {
        frees[i] = rc_tuple_get_fast(fn->closure, (rc_ssize)i);
        rc_incref(frees[i]);
    }
}

/* Run fn with its fast area at `fast` (parameters already bound there). */
static inline rc_object *run_function(lx_interp *I, lx_func *fn, rc_object **fast, rc_object **saved_top)
{
    if (UNLIKELY(fn->code->nfree))
        load_free_vars(fn, fast);
    if (UNLIKELY(fn->code->flags & CO_GENERATOR)) {   /* the frame waits in a generator */
        rc_object *g = lx_gen_new(I, fn, fast);
        I->stack_top = saved_top;
        return g;
    }
    rc_object *res = run_frame(I, fn->code, fn, fn->globals, NULL, fast, NULL);
    I->stack_top = saved_top;
    return res;
}

static inline uint32_t frame_size(const lx_code *co)
{
    return co->nlocals + co->ncells + co->nfree + co->stacksize;
}

static rc_object *stack_overflow(lx_interp *I)
{
    return lx_raise(I, LX_RecursionError, "maximum recursion depth exceeded");
}

static rc_object *call_py_general(lx_interp *I, lx_func *fn, rc_object **args, size_t nargs,
                                  rc_object *kwnames);

/* Call a script function with args owned (consumed) at `args`, which lie at
 * the top of the caller's stack; kwnames names the trailing keyword values.
 * The common case (positional arguments matching the signature exactly) is
 * inlined into its callers. */
static inline rc_object *call_py(lx_interp *I, lx_func *fn, rc_object **args, size_t nargs, rc_object *kwnames)
{
    lx_code *co = fn->code;
    uint32_t size = frame_size(co);
    if (LIKELY(!kwnames && nargs == co->argcount && !(co->flags & (CO_VARARGS | CO_VARKW)) && !co->kwonly &&
               args + size <= I->stack_end)) {
        rc_object **saved_top = I->stack_top;
        for (uint32_t i = (uint32_t)nargs; i < co->nlocals + co->ncells + co->nfree; i++) {
            args[i] = NULL;
            /* a few slots at most: keep the compiler from calling memset */
            __asm__("" ::: "memory");
        }
        I->stack_top = args + size;
        return run_function(I, fn, args, saved_top);
    }
    return call_py_general(I, fn, args, nargs, kwnames);
}

/* call_py for the other cases: binding through bind_arguments. */
static __attribute__((noinline)) rc_object *call_py_general(lx_interp *I, lx_func *fn, rc_object **args,
                                                            size_t nargs, rc_object *kwnames)
{
    lx_code *co = fn->code;
    rc_object **saved_top = I->stack_top;
    uint32_t size = frame_size(co);
    rc_object **fast = args + nargs > I->stack_top ? args + nargs : I->stack_top;
    if (UNLIKELY(fast + size > I->stack_end)) {
        for (size_t i = 0; i < nargs; i++)
            rc_decref(args[i]);
        return stack_overflow(I);
    }
    memset(fast, 0, (co->nlocals + co->ncells + co->nfree) * sizeof *fast);
    I->stack_top = fast + size;
    if (bind_arguments(I, fn, fast, args, nargs, kwnames, NULL) < 0) {
        for (uint32_t i = 0; i < co->nlocals; i++)
            RC_CLEAR(fast[i]);
        I->stack_top = saved_top;
        return NULL;
    }
    return run_function(I, fn, fast, saved_top);
}

/* lx_call on a script function: borrowed args and an optional kwargs dict. */
rc_object *lx_call_function(lx_interp *I, lx_func *fn, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    lx_code *co = fn->code;
    rc_object **saved_top = I->stack_top;
    rc_object **stage = I->stack_top;
    uint32_t size = frame_size(co);
    if (stage + nargs + size > I->stack_end)
        return stack_overflow(I);
    for (size_t i = 0; i < nargs; i++) {
        stage[i] = args[i];
        rc_incref(args[i]);
    }
    if (!kwargs || rc_dict_len(kwargs) == 0) {
        I->stack_top = stage + nargs;
        rc_object *r = call_py(I, fn, stage, nargs, NULL);
        I->stack_top = saved_top;
        return r;
    }
    rc_object **fast = stage + nargs;
    memset(fast, 0, (co->nlocals + co->ncells + co->nfree) * sizeof *fast);
    I->stack_top = fast + size;
    if (bind_arguments(I, fn, fast, stage, nargs, NULL, kwargs) < 0) {
        for (uint32_t i = 0; i < co->nlocals; i++)
            RC_CLEAR(fast[i]);
        I->stack_top = saved_top;
        return NULL;
    }
    return run_function(I, fn, fast, saved_top);
}

/* A kwargs dict from kwnames and their values (borrowed). */
static rc_object *kwargs_dict(lx_interp *I, rc_object *kwnames, rc_object *const *values)
{
    rc_object *d = rc_dict_new(I->heap);
    if (!d)
        return lx_raise_heap_error(I);
    for (rc_ssize i = 0; i < rc_tuple_len(kwnames); i++)
        if (rc_dict_set(d, rc_tuple_get(kwnames, i), values[i]) < 0) {
            rc_decref(d);
            return lx_raise_heap_error(I);
        }
    return d;
}

/* Call anything with args owned on the stack (consumed). */
static rc_object *call_owned(lx_interp *I, rc_object *callable, rc_object **args, size_t nargs,
                             rc_object *kwnames)
{
    if (LIKELY(callable->type == &lx_func_type))
        return call_py(I, (lx_func *)callable, args, nargs, kwnames);
    if (callable->type == &lx_method_type) {
        lx_method *m = (lx_method *)callable;
        if (m->func->type == &lx_func_type) {
            /* shift the arguments up by one and put self first */
            if (args + nargs + 1 > I->stack_end) {
                for (size_t i = 0; i < nargs; i++)
                    rc_decref(args[i]);
                return stack_overflow(I);
            }
            memmove(args + 1, args, nargs * sizeof *args);
            rc_incref(m->self);
            args[0] = m->self;
            rc_object **saved = I->stack_top;
            if (I->stack_top < args + nargs + 1)
                I->stack_top = args + nargs + 1;
            rc_object *r = call_py(I, (lx_func *)m->func, args, nargs + 1, kwnames);
            I->stack_top = saved;
            return r;
        }
    }
    size_t nkw = kwnames ? (size_t)rc_tuple_len(kwnames) : 0;
    rc_object *kw = NULL;
    if (nkw && !(kw = kwargs_dict(I, kwnames, args + nargs - nkw))) {
        for (size_t i = 0; i < nargs; i++)
            rc_decref(args[i]);
        return NULL;
    }
    rc_object **saved = I->stack_top;
    if (I->stack_top < args + nargs)
        I->stack_top = args + nargs;
    rc_object *r = lx_call(I, callable, args, nargs - nkw, kw);
    I->stack_top = saved;
    rc_xdecref(kw);
    for (size_t i = 0; i < nargs; i++)
        rc_decref(args[i]);
    return r;
}

/* ---- helpers of the loop -------------------------------------------------------- */

static int current_line(lx_frame *f);

int lx_frame_line(lx_frame *f)
{
    return current_line(f);
}

static int current_line(lx_frame *f)
{
    lx_code *co = f->code;
    size_t i = (size_t)(f->pc - co->ins);
    if (i > 0)
        i--;
    if (i >= co->nins)
        i = co->nins ? co->nins - 1 : 0;
    return co->nins ? co->lines[i] : co->firstline;
}

void lx_current_location(lx_interp *I, const char **file, int *line)
{
    if (!I || !I->frame) {
        if (file)
            *file = "?";
        if (line)
            *line = 0;
        return;
    }
    if (file)
        *file = rc_str_data(I->frame->code->filename);
    if (line)
        *line = current_line(I->frame);
}

static rc_object *name_error(lx_interp *I, rc_object *name)
{
    return lx_raise(I, LX_NameError, "name '%s' is not defined", rc_str_data(name));
}

static rc_object *load_global(lx_interp *I, rc_object *globals, rc_object *name)
{
    rc_object *v = rc_dict_get(globals, name);
    if (!v) {
        v = rc_dict_get(I->builtins, name);
        if (!v)
            return name_error(I, name);
    }
    rc_incref(v);
    return v;
}

static rc_object *unbound_local(lx_interp *I, lx_code *co, uint32_t i)
{
    return lx_raise(I, LX_UnboundLocalError,
                    "cannot access local variable '%s' where it is not associated with a value",
                    rc_str_data(co->localnames[i]));
}

static rc_object *unbound_free(lx_interp *I, lx_code *co, uint32_t i)
{
    rc_object *name = co->localnames[co->nlocals + i];
    if (i < co->ncells)
        return lx_raise(I, LX_UnboundLocalError,
                        "cannot access local variable '%s' where it is not associated with a value",
                        rc_str_data(name));
    return lx_raise(I, LX_NameError,
                    "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                    rc_str_data(name));
}

/* Unpack iterable into n values pushed so the first ends on top. */
static int unpack_sequence(lx_interp *I, rc_object *seq, size_t n, rc_object **sp)
{
    if (seq->type == &rc_tuple_type || seq->type == &rc_list_type) {
        size_t len = (size_t)(seq->type == &rc_tuple_type ? rc_tuple_len(seq) : rc_list_len(seq));
        if (len != n) {
            if (len > n)
                lx_raise(I, LX_ValueError, "too many values to unpack (expected %zu)", n);
            else
                lx_raise(I, LX_ValueError, "not enough values to unpack (expected %zu, got %zu)", n, len);
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            rc_object *v = seq->type == &rc_tuple_type ? rc_tuple_get(seq, (rc_ssize)i)
                                                         : rc_list_get(seq, (rc_ssize)i);
            rc_incref(v);
            sp[n - 1 - i] = v;
        }
        return 0;
    }
    rc_object *it = lx_iter(I, seq);
    if (!it) {
        if (lx_exc_matches(I, LX_TypeError)) {
            lx_exc_clear(I);
            lx_raise(I, LX_TypeError, "cannot unpack non-iterable %s object", lx_type_name(I, seq));
        }
        return -1;
    }
    size_t got = 0;
    for (; got < n; got++) {
        rc_object *v = lx_next(I, it);
        if (!v) {
            if (!lx_exc_occurred(I))
                lx_raise(I, LX_ValueError, "not enough values to unpack (expected %zu, got %zu)", n, got);
            goto fail;
        }
        sp[n - 1 - got] = v;
    }
    rc_object *extra = lx_next(I, it);
    if (extra || lx_exc_occurred(I)) {
        rc_xdecref(extra);
        if (!lx_exc_occurred(I))
            lx_raise(I, LX_ValueError, "too many values to unpack (expected %zu)", n);
        goto fail;
    }
    rc_decref(it);
    return 0;
fail:
    for (size_t i = 0; i < got; i++)
        rc_decref(sp[n - 1 - i]);
    rc_decref(it);
    return -1;
}

/* a, *b, c = seq: before values, a list, after values (first on top). */
static int unpack_ex(lx_interp *I, rc_object *seq, size_t before, size_t after, rc_object **sp)
{
    rc_object *l = lx_list_from_iterable(I, seq);
    if (!l) {
        if (lx_exc_matches(I, LX_TypeError)) {
            lx_exc_clear(I);
            lx_raise(I, LX_TypeError, "cannot unpack non-iterable %s object", lx_type_name(I, seq));
        }
        return -1;
    }
    size_t len = (size_t)rc_list_len(l), total = before + after + 1;
    if (len < before + after) {
        lx_raise(I, LX_ValueError, "not enough values to unpack (expected at least %zu, got %zu)",
                 before + after, len);
        rc_decref(l);
        return -1;
    }
    for (size_t i = 0; i < before; i++) {
        rc_object *v = rc_list_get(l, (rc_ssize)i);
        rc_incref(v);
        sp[total - 1 - i] = v;
    }
    for (size_t i = 0; i < after; i++) {
        rc_object *v = rc_list_get(l, (rc_ssize)(len - after + i));
        rc_incref(v);
        sp[after - 1 - i] = v;
    }
    rc_object *mid = rc_list_new(I->heap);
    if (!mid) {
        for (size_t i = 0; i < before; i++)
            rc_decref(sp[total - 1 - i]);
        for (size_t i = 0; i < after; i++)
            rc_decref(sp[after - 1 - i]);
        rc_decref(l);
        lx_raise_heap_error(I);
        return -1;
    }
    for (size_t i = before; i < len - after; i++)
        rc_list_append(mid, rc_list_get(l, (rc_ssize)i));
    sp[after] = mid;
    rc_decref(l);
    return 0;
}

static int exc_matches_class(lx_interp *I, rc_object *exc, rc_object *cls)
{
    if (rc_is_type(cls, &rc_tuple_type)) {
        for (rc_ssize i = 0; i < rc_tuple_len(cls); i++) {
            int r = exc_matches_class(I, exc, rc_tuple_get(cls, i));
            if (r)
                return r;
        }
        return 0;
    }
    if (!lx_is_class(cls) || !(((lx_class *)cls)->flags & CLS_EXC)) {
        lx_raise(I, LX_TypeError, "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    return lx_is_subclass(lx_class_of(I, exc), (lx_class *)cls);
}

static rc_object *do_raise(lx_interp *I, rc_object *exc, rc_object *cause)
{
    rc_object *inst = NULL;
    if (lx_is_class(exc)) {
        lx_class *cls = (lx_class *)exc;
        if (!(cls->flags & CLS_EXC))
            return lx_raise(I, LX_TypeError, "exceptions must derive from BaseException");
        inst = lx_call(I, exc, NULL, 0, NULL);
        if (!inst)
            return NULL;
        if (!lx_is_inst(inst) || !(lx_class_of(I, inst)->flags & CLS_EXC)) {
            rc_decref(inst);
            return lx_raise(I, LX_TypeError, "calling %s should have returned an instance of BaseException",
                            rc_str_data(cls->name));
        }
    } else if (lx_is_inst(exc) && (lx_class_of(I, exc)->flags & CLS_EXC)) {
        rc_incref(exc);
        inst = exc;
    } else {
        return lx_raise(I, LX_TypeError, "exceptions must derive from BaseException");
    }
    if (cause) {
        lx_inst *e = (lx_inst *)inst;
        rc_object *c = NULL;
        if (lx_is_class(cause)) {
            c = lx_call(I, cause, NULL, 0, NULL);
            if (!c) {
                rc_decref(inst);
                return NULL;
            }
        } else if (cause == rc_none() || (lx_is_inst(cause) && (lx_class_of(I, cause)->flags & CLS_EXC))) {
            rc_incref(cause);
            c = cause;
        } else {
            rc_decref(inst);
            return lx_raise(I, LX_TypeError, "exception causes must derive from BaseException");
        }
        RC_SETREF(e->vals[EXC_CAUSE], c);
    }
    lx_raise_obj(I, inst);
    rc_decref(inst);
    return NULL;
}

static rc_object *format_value(lx_interp *I, rc_object *v, uint32_t flags, rc_object *spec)
{
    rc_object *conv = NULL;
    switch (flags & 3) {
    case 1: conv = lx_str(I, v); break;
    case 2: conv = lx_repr(I, v); break;
    case 3: conv = lx_repr(I, v); break;
    default: break;
    }
    if ((flags & 3) && !conv)
        return NULL;
    rc_object *target = conv ? conv : v;
    rc_object *r;
    if (!spec && rc_is_type(target, &rc_str_type)) {
        rc_incref(target);
        r = target;
    } else {
        r = lx_format_obj(I, target, spec);
    }
    rc_xdecref(conv);
    return r;
}

static rc_object *build_string(lx_interp *I, rc_object **items, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += rc_str_size(items[i]);
    char small[256];
    char *buf = total < sizeof small ? small : malloc(total + 1);
    if (!buf)
        return lx_raise(I, LX_MemoryError, "out of memory");
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(buf + o, rc_str_data(items[i]), rc_str_size(items[i]));
        o += rc_str_size(items[i]);
    }
    rc_object *s = rc_str_new(I->heap, buf, o);
    if (buf != small)
        free(buf);
    return s ? s : lx_raise_heap_error(I);
}

/* What type.__new__ does once the class exists: __set_name__ for each
 * attribute whose type has one, then the nearest base's __init_subclass__
 * (an implicit classmethod) with the class statement's keywords (kw: a
 * dict or NULL).  0, or -1 with an exception set. */
int lx_class_created(lx_interp *I, rc_object *cls, rc_object *kw)
{
    lx_class *c = (lx_class *)cls;
    rc_object *set_name = lx_intern(I, "__set_name__");
    rc_object *init_sub = set_name ? lx_intern(I, "__init_subclass__") : NULL;
    int rc = init_sub ? 0 : -1;
    /* the attributes with a __set_name__, taken first: the calls may change the dict */
    size_t n = 0, cap = 0;
    rc_object **todo = NULL;
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc == 0 && rc_dict_next(c->dict, &pos, &k, &v)) {
        if (!lx_is_inst(v) || !lx_lookup_special(I, v, set_name))
            continue;
        if (n + 2 > cap) {
            rc_object **t = realloc(todo, (cap = cap ? 2 * cap : 8) * sizeof *t);
            if (!t) {
                lx_raise_heap_error(I);
                rc = -1;
                break;
            }
            todo = t;
        }
        rc_incref(v);
        rc_incref(k);
        todo[n++] = v;
        todo[n++] = k;
    }
    for (size_t i = 0; i < n; i += 2) {
        rc_object *m = rc == 0 ? lx_lookup_special(I, todo[i], set_name) : NULL;
        if (m) {
            rc_object *args[3] = {todo[i], cls, todo[i + 1]};
            rc_object *r = lx_call(I, m, args, 3, NULL);
            if (!r)
                rc = -1;
            rc_xdecref(r);
        }
        rc_decref(todo[i]);
        rc_decref(todo[i + 1]);
    }
    free(todo);
    rc_object *f = NULL;
    for (rc_ssize i = 1; rc == 0 && !f && c->mro && i < rc_tuple_len(c->mro); i++) {
        lx_class *base = (lx_class *)rc_tuple_get(c->mro, i);
        if (base != I->c_object)        /* object's takes no keywords and does nothing */
            f = rc_dict_get(base->dict, init_sub);
    }
    if (rc == 0 && f) {
        if (f->type == &lx_classmethod_type)
            f = ((lx_wrapper *)f)->func;
        rc_object *r = lx_call(I, f, &cls, 1, kw && rc_dict_len(kw) ? kw : NULL);
        if (!r)
            rc = -1;
        rc_xdecref(r);
    } else if (rc == 0 && kw && rc_dict_len(kw)) {
        lx_raise(I, LX_TypeError, "%s.__init_subclass__() takes no keyword arguments", rc_str_data(c->name));
        rc = -1;
    }
    rc_xdecref(set_name);
    rc_xdecref(init_sub);
    return rc;
}

/* The class statement's metaclass: its metaclass= keyword (taken out of
 * *kw, which then becomes a new reference to a copy) or type, made the most
 * derived of it and the bases' metaclasses when it is a class.  Borrowed,
 * or NULL with an exception. */
static rc_object *class_metaclass(lx_interp *I, rc_object *bases, rc_object **kw)
{
    rc_object *given = *kw ? rc_dict_get(*kw, I->names.metaclass) : NULL;
    if (given) {
        rc_object *rest = rc_dict_new(I->heap);
        rc_ssize pos = 0;
        rc_object *k, *v;
        while (rest && rc_dict_next(*kw, &pos, &k, &v))
            if (k != I->names.metaclass && rc_dict_set(rest, k, v) < 0)
                RC_CLEAR(rest);
        if (!rest)
            return lx_raise_heap_error(I);
        *kw = rest;
        if (!lx_is_class(given))
            return given;              /* any callable: called as it is */
    }
    lx_class *meta = given ? (lx_class *)given : I->c_type;
    return (rc_object *)lx_meta_winner(I, meta, bases);
}

/* The class body's namespace: meta.__prepare__(name, bases, **kw) when the
 * metaclass has one (it must give a dict), else a new dict. */
static rc_object *class_namespace(lx_interp *I, rc_object *meta, rc_object *name, rc_object *bases,
                                  rc_object *kw)
{
    if (!lx_is_class(meta) || !lx_class_lookup((lx_class *)meta, I->names.__prepare__))
        return lx_dict_new(I);
    rc_object *prep = lx_getattr_obj(I, meta, I->names.__prepare__);
    rc_object *args[2] = {name, bases};
    rc_object *ns = prep ? lx_call(I, prep, args, 2, kw) : NULL;
    rc_xdecref(prep);
    if (ns && !rc_is_type(ns, &rc_dict_type)) {
        lx_raise(I, LX_TypeError, "%s.__prepare__() must return a dict (reclaim), not %s",
                 rc_str_data(((lx_class *)meta)->name), lx_type_name(I, ns));
        RC_CLEAR(ns);
    }
    return ns;
}

/* Run the class body in ns; its __class__ cell (if any) goes to ns as
 * __classcell__.  0, or -1 with the exception. */
static int run_class_body(lx_interp *I, lx_func *fn, rc_object *ns)
{
    rc_object **saved_top = I->stack_top;
    rc_object **fast = I->stack_top;
    lx_code *co = fn->code;
    if (fast + frame_size(co) > I->stack_end) {
        stack_overflow(I);
        return -1;
    }
    memset(fast, 0, (co->nlocals + co->ncells + co->nfree) * sizeof *fast);
    I->stack_top = fast + frame_size(co);
    load_free_vars(fn, fast);
    rc_object *cell = run_frame(I, co, fn, fn->globals, ns, fast, NULL);
    I->stack_top = saved_top;
    if (!cell)
        return -1;
    int r = 0;
    if (cell->type == &lx_cell_type && rc_dict_set(ns, I->names.__classcell__, cell) < 0) {
        lx_raise_heap_error(I);
        r = -1;
    }
    rc_decref(cell);
    return r;
}

/* The class statement: pick the metaclass, run the body in its namespace,
 * then make the class (type.__new__ directly, or by calling the metaclass). */
static rc_object *build_class(lx_interp *I, rc_object *body, rc_object *name, rc_object *bases, rc_object *kw)
{
    if (body->type != &lx_func_type)
        return lx_raise(I, LX_TypeError, "__build_class__: func must be a function");
    rc_object *kw_in = kw;
    rc_object *meta = class_metaclass(I, bases, &kw);
    rc_object *ns = meta ? class_namespace(I, meta, name, bases, kw) : NULL;
    rc_object *cls = NULL;
    if (ns && run_class_body(I, (lx_func *)body, ns) == 0) {
        if (meta == &I->c_type->ob) {
            cls = lx_type_new(I, I->c_type, name, bases, ns, kw);
        } else {
            rc_object *args[3] = {name, bases, ns};
            cls = lx_call(I, meta, args, 3, kw && rc_dict_len(kw) ? kw : NULL);
        }
    }
    rc_xdecref(ns);
    if (kw != kw_in)
        rc_decref(kw);
    return cls;
}

static int import_star(lx_interp *I, rc_object *module, rc_object *globals)
{
    rc_object *d = module->type == &lx_module_type ? ((lx_module *)module)->dict : NULL;
    if (!d) {
        lx_raise(I, LX_TypeError, "import * needs a module");
        return -1;
    }
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc_dict_next(d, &pos, &k, &v)) {
        if (rc_is_type(k, &rc_str_type) && rc_str_data(k)[0] == '_')
            continue;
        if (rc_dict_set(globals, k, v) < 0) {
            lx_raise_heap_error(I);
            return -1;
        }
    }
    return 0;
}

static rc_object *import_from(lx_interp *I, rc_object *module, rc_object *name)
{
    rc_object *v = lx_getattr_obj(I, module, name);
    if (v)
        return v;
    if (lx_exc_matches(I, LX_AttributeError)) {
        lx_exc_clear(I);
        rc_object *mname = module->type == &lx_module_type ? ((lx_module *)module)->name : NULL;
        rc_object *dict = mname ? ((lx_module *)module)->dict : NULL;
        rc_object *pathkey = dict ? lx_intern(I, "__path__") : NULL;
        int package = pathkey && rc_dict_get(dict, pathkey);
        rc_xdecref(pathkey);
        if (package) {                   /* from pkg import sub: the submodule */
            char full[512];
            snprintf(full, sizeof full, "%s.%s", rc_str_data(mname), rc_str_data(name));
            rc_object *fname = rc_str_from(I->heap, full);
            v = fname ? lx_import(I, fname) : NULL;
            rc_xdecref(fname);
            if (v || !lx_exc_matches(I, LX_ModuleNotFoundError))
                return v;
            lx_exc_clear(I);
        }
        rc_object *file = dict ? rc_dict_get(dict, I->names.__file__) : NULL;
        if (file && rc_is_type(file, &rc_str_type))
            lx_raise(I, LX_ImportError, "cannot import name '%s' from '%s' (%s)", rc_str_data(name),
                     rc_str_data(mname), rc_str_data(file));
        else
            lx_raise(I, LX_ImportError, "cannot import name '%s' from '%s'", rc_str_data(name),
                     mname ? rc_str_data(mname) : "?");
    }
    return NULL;
}

static rc_object *make_function(lx_interp *I, lx_frame *f, uint32_t flags, rc_object ***psp)
{
    rc_object **sp = *psp;
    lx_code *co = (lx_code *)*--sp;
    rc_object *closure = (flags & MF_CLOSURE) ? *--sp : NULL;
    rc_object *annotations = (flags & MF_ANNOTATIONS) ? *--sp : NULL;
    rc_object *kwdefaults = (flags & MF_KWDEFAULTS) ? *--sp : NULL;
    rc_object *defaults = (flags & MF_DEFAULTS) ? *--sp : NULL;
    *psp = sp;
    lx_func *fn = (lx_func *)lx_func_new(I, co, f->globals);
    rc_decref(co);
    if (!fn) {
        rc_xdecref(closure);
        rc_xdecref(annotations);
        rc_xdecref(kwdefaults);
        rc_xdecref(defaults);
        return NULL;
    }
    fn->annotations = annotations;
    fn->closure = closure;
    fn->kwdefaults = kwdefaults;
    fn->defaults = defaults;
    return &fn->ob;
}

/* STORE_ATTR / LOAD_ATTR / LOAD_METHOD through the instance attribute caches.
 * A filled cache (c->kind != 0) names a class with instances: o is one of
 * its instances exactly when o's type is that class's itype. */
static inline int attr_cache_hit(lx_interp *I, const lx_attr_cache *c, rc_object *o)
{
    return o->type == &c->cls->itype && c->epoch == I->epoch && !((lx_inst *)o)->dict;
}

/* Classes with these flags are never cached for instance loads / stores. */
#define LOAD_REFUSE (CLS_HAS_GETATTR | CLS_HAS_DESCR)
#define STORE_REFUSE (CLS_HAS_SETATTR | CLS_HAS_DESCR | CLS_SLOTS | CLS_NODICT)

/* A filled instance cache (kind 1 or 3) also serves an instance of another
 * class that keeps the same name at the same index (subclasses that set
 * their attributes in the same order do): a site that sees several such
 * classes stays cached.  The slot, or NULL. */
static rc_object **attr_cache_shared_slot(const lx_attr_cache *c, rc_object *o, rc_object *name, unsigned refuse)
{
    if (!lx_is_inst(o) || ((lx_inst *)o)->dict)
        return NULL;
    const lx_class *cls = lx_class_of_itype(o->type);
    uint32_t ix = (uint32_t)c->index;
    if ((cls->flags & refuse) || ix >= cls->nkeys || cls->keys[ix] != name)
        return NULL;
    return lx_inst_slot((lx_inst *)o, ix);
}

/* What a filled LOAD_ATTR cache gives for o.name (borrowed), or NULL: take
 * the general path. */
static inline rc_object *attr_cache_load(lx_interp *I, const lx_attr_cache *c, rc_object *o, rc_object *name)
{
    if (c->kind == 4)
        return o == &c->cls->ob && c->epoch == I->epoch ? c->value : NULL;
    if (c->kind != 1)
        return NULL;
    rc_object **slot = LIKELY(attr_cache_hit(I, c, o)) ? lx_inst_slot((lx_inst *)o, (uint32_t)c->index)
                                                       : attr_cache_shared_slot(c, o, name, LOAD_REFUSE);
    return slot ? *slot : NULL;
}

/* Fill c (kind 4) for C.name read from a class C of metaclass type when the
 * value v came straight from C's mro: no binding, no __get__ to run. */
static void attr_cache_fill_class(lx_interp *I, lx_attr_cache *c, rc_object *o, rc_object *name, rc_object *v)
{
    lx_class *cls = (lx_class *)o;
    if (cls->meta || lx_class_lookup(cls, name) != v || lx_descriptor_get(I, v))
        return;
    c->cls = cls;
    c->epoch = I->epoch;
    c->value = v;
    c->index = -1;
    c->kind = 4;
}

/* Fill c (kind 1 load, 3 store) with the index of name in o's attribute
 * table, unless o has a dict, its class has one of the refuse flags, or the
 * name has no index yet. */
static void attr_cache_fill_index(lx_interp *I, lx_attr_cache *c, rc_object *o, rc_object *name,
                                  unsigned refuse, int kind)
{
    lx_class *cls = lx_class_of_itype(o->type);
    if (((lx_inst *)o)->dict || (cls->flags & refuse))
        return;
    int ix = lx_inst_key_index(I, cls, name, 0);
    if (ix < 0)
        return;
    c->cls = cls;
    c->epoch = I->epoch;
    c->index = ix;
    c->kind = kind;
}

static void attr_cache_fill_load(lx_interp *I, lx_attr_cache *c, rc_object *o, rc_object *name)
{
    attr_cache_fill_index(I, c, o, name, LOAD_REFUSE, 1);
}

static void attr_cache_fill_method(lx_interp *I, lx_attr_cache *c, rc_object *o, rc_object *name, rc_object *meth)
{
    lx_class *cls = lx_class_of_itype(o->type);
    if (((lx_inst *)o)->dict || (cls->flags & CLS_HAS_GETATTR) || lx_inst_key_index(I, cls, name, 0) >= 0)
        return;
    c->cls = cls;
    c->epoch = I->epoch;
    c->value = meth;
    c->index = -1;
    c->kind = 2;
}

static void attr_cache_fill_store(lx_interp *I, lx_attr_cache *c, rc_object *o, rc_object *name)
{
    attr_cache_fill_index(I, c, o, name, STORE_REFUSE, 3);
}

/* An exception leaves this frame: its traceback entry takes the locals, so
 * they live as long as the exception, as with CPython's frame objects. */
static void keep_locals_in_traceback(lx_interp *I, lx_code *co, rc_object **fast)
{
    if (!I->exc || !lx_is_inst(I->exc))
        return;
    lx_tb *tb = (lx_tb *)((lx_inst *)I->exc)->vals[EXC_TB];
    uint32_t n = co->nlocals + co->ncells + co->nfree;
    if (!tb || tb->code != co || tb->locals || n == 0)
        return;
    rc_object **locals = rc_malloc(I->heap, n * sizeof *locals);
    if (!locals)
        return;                 /* they just die now */
    memcpy(locals, fast, n * sizeof *locals);
    memset(fast, 0, n * sizeof *fast);
    tb->locals = locals;
    tb->nlocals = n;
}

/* ---- the loop --------------------------------------------------------------------- */

/* Dispatch: with GCC/clang each instruction ends with its own indirect jump
 * to the next one (threaded code), which the branch predictor follows far
 * better than the single jump of a switch; elsewhere, the switch. */
#if defined(__GNUC__)
#define LX_COMPUTED_GOTO 1
#define TARGET(op) case OPC_##op: L_##op:
#define DISPATCH()                                  \
    do {                                            \
        w = *pc++;                                  \
        arg = w >> 8;                               \
        if (LIKELY((w & 0xFF) < OPC_COUNT))         \
            goto *targets[w & 0xFF];                \
        goto dispatch_switch;                       \
    } while (0)
#else
#define LX_COMPUTED_GOTO 0
#define TARGET(op) case OPC_##op: L_##op:
#define DISPATCH() continue
#endif

#define PUSH(v) (*sp++ = (v))
/* After a test of truth t (its operands popped): when the next instruction
 * is POP_JUMP_IF_FALSE/TRUE, take it now without making the bool; else
 * push the bool. */
#define JUMP_OR_PUSH_TRUTH(t)                                                  \
    do {                                                                       \
        uint32_t nw_ = *pc, nop_ = nw_ & 0xFF;                                 \
        if (nop_ == OPC_POP_JUMP_IF_FALSE || nop_ == OPC_POP_JUMP_IF_TRUE) {   \
            pc++;                                                              \
            if ((t) == (nop_ == OPC_POP_JUMP_IF_TRUE))                         \
                pc = co->ins + (nw_ >> 8);                                     \
        } else {                                                               \
            PUSH(rc_bool(t));                                                  \
        }                                                                      \
    } while (0)
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define THIRD() (sp[-3])
#define NEXTWORD() (*pc++)

/* Local i takes v's reference; the old value (if any) is released. */
static inline void store_local(rc_object **fast, uint32_t i, rc_object *v)
{
    rc_object *old = fast[i];
    fast[i] = v;
    rc_xdecref(old);
}

/* x OP y for the six comparisons (LX_CMP_*), over int64_t or double. */
#define compare_values(x, y, op)                                                        \
    ((op) == LX_CMP_LT ? (x) < (y) : (op) == LX_CMP_LE ? (x) <= (y) : (op) == LX_CMP_EQ ? (x) == (y) \
     : (op) == LX_CMP_NE ? (x) != (y) : (op) == LX_CMP_GT ? (x) > (y) : (x) >= (y))

/* The next item of a list or range iterator that has one, stepped here
 * rather than through lx_next; NULL for anything else (another iterator,
 * the end, the step budget's last step, no memory): lx_next then decides. */
static inline rc_object *next_inline(lx_interp *I, rc_object *it)
{
    if (UNLIKELY(I->steps_left <= 1) ||
        (it->type != &lx_list_iter_type && it->type != &lx_range_iter_type) ||
        !lx_iter_has_next((lx_iterobj *)it))
        return NULL;
    rc_object *v = lx_iter_step(I->heap, (lx_iterobj *)it);
    if (v)
        I->steps_left--;
    return v;
}

/* Python converts an int operand of float arithmetic to the nearest double
 * (int64 to double in C rounds the same way): a float and an int, or two
 * floats, go through float_binop_plain. */
static inline int is_float_pair(const rc_object *a, const rc_object *b)
{
    return (a->type == &rc_float_type && (b->type == &rc_float_type || b->type == &rc_int_type)) ||
           (a->type == &rc_int_type && b->type == &rc_float_type);
}

static inline double as_double(const rc_object *o)
{
    return o->type == &rc_float_type ? rc_float_value_fast(o) : (double)rc_int_value_fast(o);
}

/* |x| <= 2**53: x converts to double exactly (so comparing or dividing the
 * doubles is comparing or dividing the ints). */
static inline int exact_in_double(int64_t x)
{
    return x >= -(INT64_C(1) << 53) && x <= (INT64_C(1) << 53);
}

/* Two floats, or a float and an int the double holds exactly (Python
 * compares an int and a float exactly, not through a rounded double). */
static inline int comparable_as_doubles(const rc_object *a, const rc_object *b)
{
    if (a->type == &rc_float_type)
        return b->type == &rc_float_type || (b->type == &rc_int_type && exact_in_double(rc_int_value_fast(b)));
    return b->type == &rc_float_type && a->type == &rc_int_type && exact_in_double(rc_int_value_fast(a));
}

/* sole_operand, but only a float may take a float result. */
static inline rc_object *sole_float_operand(rc_object *a, rc_object *b)
{
    if (a->refcnt == 1 && a->type == &rc_float_type)
        return a;
    return b->refcnt == 1 && b->type == &rc_float_type ? b : NULL;
}

/* Of two operands just popped, one that only the stack held (refcount 1,
 * so no one else can see it change), or NULL.  Immortal objects have
 * negative counts and are never chosen. */
static inline rc_object *sole_operand(rc_object *a, rc_object *b)
{
    return a->refcnt == 1 ? a : b->refcnt == 1 ? b : NULL;
}

/* x op y for ints when the result fits in int64_t: + - * without overflow,
 * & | ^ always.  0: the general path (big ints, the other operators). */
static inline int int_binop_plain(int op, int64_t x, int64_t y, int64_t *z)
{
    switch (op) {
    case BIN_ADD: return !__builtin_add_overflow(x, y, z);
    case BIN_SUB: return !__builtin_sub_overflow(x, y, z);
    case BIN_MUL: return !__builtin_mul_overflow(x, y, z);
    case BIN_AND: *z = x & y; return 1;
    case BIN_OR: *z = x | y; return 1;
    case BIN_XOR: *z = x ^ y; return 1;
    default: return 0;
    }
}

/* x op y for floats when the result needs no check: + - * always, / by
 * a non-zero divisor, ** of a positive finite base with a finite exponent
 * and result (what Python's float rules reduce to there).  0: take the
 * general path, which raises or handles the special values. */
static inline int float_binop_plain(int op, double x, double y, double *z)
{
    switch (op) {
    case BIN_ADD: *z = x + y; return 1;
    case BIN_SUB: *z = x - y; return 1;
    case BIN_MUL: *z = x * y; return 1;
    case BIN_DIV:
        if (y == 0.0)
            return 0;
        *z = x / y;
        return 1;
    case BIN_POW:
        if (!(x > 0.0 && isfinite(x) && isfinite(y)))
            return 0;
        *z = pow(x, y);
        return isfinite(*z);
    default: return 0;
    }
}

/* x // y or x % y (want_mod) with Python's floor semantics, or NULL for the
 * slow path (division by zero, INT64_MIN // -1, no memory). */
static __attribute__((noinline)) rc_object *int_floor_divmod(rc_heap *heap, int want_mod, int64_t x, int64_t y)
{
    if (y == 0 || (x == INT64_MIN && y == -1))
        return NULL;
    if (((uint64_t)x | (uint64_t)y) <= UINT32_MAX) {
        /* both non-negative and small: the 32-bit divide is several times
         * faster than the 64-bit one on x86, and floor is truncation */
        uint32_t ux = (uint32_t)x, uy = (uint32_t)y;
        return rc_int_new(heap, want_mod ? ux % uy : ux / uy);
    }
    int64_t q = x / y, m = x % y;
    if (m != 0 && ((m ^ y) < 0)) {
        q--;
        m += y;
    }
    return rc_int_new(heap, want_mod ? m : q);
}

/* the value of an int whose type the caller has checked */
static inline int64_t ival(rc_object *o) { return rc_int_value_fast(o); }

/* Run code co in a new frame whose locals, cells and frees are at fast
 * (parameters and frees already stored, the rest NULL); fn is NULL for
 * module code, ns the namespace of module and class-body code. */
/* One step of `yield from it`, sending v (owned): the value `it` yields,
 * or NULL with *result its return value (owned; None for an iterator that
 * is not a generator), or NULL with an exception set. */
static rc_object *yield_from_step(lx_interp *I, rc_object *it, rc_object *v, rc_object **result)
{
    *result = NULL;
    if (it->type == &lx_gen_type) {
        rc_object *ret = NULL;
        rc_object *y = lx_gen_send(I, it, v == rc_none() ? NULL : v, &ret);
        rc_decref(v);
        if (!y)
            *result = ret;
        return y;
    }
    rc_object *y;
    if (v == rc_none() && !lx_is_inst(it)) {
        rc_decref(v);
        y = lx_next(I, it);
    } else if (v == rc_none()) {          /* __next__ itself: its StopIteration's value counts */
        rc_decref(v);
        y = lx_call_method(I, it, I->names.__next__, NULL, 0);
    } else {
        rc_object *name = lx_intern(I, "send");
        y = name ? lx_call_method(I, it, name, &v, 1) : NULL;
        rc_xdecref(name);
        rc_decref(v);
    }
    if (!y && lx_exc_matches(I, LX_StopIteration)) {   /* only __next__ and send get here */
        *result = lx_take_stop_value(I);
        return NULL;
    }
    if (!y && !lx_exc_occurred(I)) {
        rc_incref(rc_none());
        *result = rc_none();
    }
    return y;
}

/* Run a frame: from its start, or, for a generator suspended at a yield,
 * from there (gen: the generator whose frame this is, else NULL). */
static rc_object *run_frame(lx_interp *I, lx_code *co, lx_func *fn, rc_object *globals, rc_object *ns,
                            rc_object **fast, lx_gen *gen)
{
    if (UNLIKELY(enter_call(I) < 0)) {
        uint32_t n = co->nlocals + co->ncells + co->nfree;
        if (gen) {                        /* the frame ends here: the generator is done */
            if (gen->state == GEN_SUSPENDED)
                n += gen->depth;          /* its operand stack came back too */
            gen->state = GEN_RUNNING;     /* gen_resume then marks it done, drops the rest */
        }
        for (uint32_t i = 0; i < n; i++)
            RC_CLEAR(fast[i]);
        return NULL;
    }
    lx_frame frame, *f = &frame;
    f->code = co;
    f->func = fn;
    f->globals = globals;
    f->ns = ns;
    f->fast = fast;
    f->nblocks = 0;
    f->pc = co->ins;
    rc_object **stack_base = fast + co->nlocals + co->ncells + co->nfree;
    rc_object **sp = stack_base;
    const uint32_t *pc = co->ins;
    rc_object *const *consts = co->consts;
    rc_object *const *names = co->names;
    rc_heap *heap = I->heap;
    rc_object *retval = NULL;
    int reraise = 0;
    f->back = I->frame;
    I->frame = f;
    if (gen) {
        int resumed = gen->state == GEN_SUSPENDED;
        gen->state = GEN_RUNNING;
        if (resumed) {                    /* the frame as it yielded */
            pc = co->ins + gen->pc;
            sp = stack_base + gen->depth;
            lx_gen_restore_blocks(I, gen, f);
            rc_object *sent = gen->sent ? gen->sent : rc_none();
            gen->sent = NULL;
            if (I->exc) {                 /* throw(): raised at the yield */
                rc_decref(sent);
                f->pc = pc;
                goto error;
            }
            if (sent == rc_none())
                rc_incref(sent);
            PUSH(sent);
        }
    }

#if LX_COMPUTED_GOTO
    static void *const targets[OPC_COUNT] = {
#define X(n) &&L_##n,
        LX_OPCODES(X)
#undef X
    };
#endif
    uint32_t w, arg;
    for (;;) {
        w = *pc++;
        arg = w >> 8;
#if LX_COMPUTED_GOTO
        if (LIKELY((w & 0xFF) < OPC_COUNT))
            goto *targets[w & 0xFF];
    dispatch_switch:
#endif
        switch ((lx_opcode)(w & 0xFF)) {
        TARGET(NOP)
            DISPATCH();
        TARGET(POP_TOP) {
            rc_object *v = POP();
            rc_decref(v);
            DISPATCH();
        }
        TARGET(ROT_TWO) {
            rc_object *a = TOP();
            OPAQUE(a);                       /* two loads, not one 16-byte load */
            TOP() = SECOND();
            SECOND() = a;
            DISPATCH();
        }
        TARGET(ROT_THREE) {
            rc_object *a = TOP();
            TOP() = SECOND();
            SECOND() = THIRD();
            THIRD() = a;
            DISPATCH();
        }
        TARGET(ROT_FOUR) {
            rc_object *a = TOP();
            TOP() = SECOND();
            SECOND() = THIRD();
            THIRD() = sp[-4];
            sp[-4] = a;
            DISPATCH();
        }
        TARGET(DUP_TOP) {
            rc_object *v = TOP();
            rc_incref(v);
            PUSH(v);
            DISPATCH();
        }
        TARGET(DUP_TOP_TWO) {
            /* through locals, item by item: a 16-byte copy of two slots just
             * stored one by one stalls on store forwarding */
            rc_object *a = SECOND();
            OPAQUE(a);                       /* keeps the two loads apart */
            rc_object *b = TOP();
            rc_incref(a);
            rc_incref(b);
            PUSH(a);
            PUSH(b);
            DISPATCH();
        }
        TARGET(LOAD_CONST) {
            rc_object *v = consts[arg];
            rc_incref(v);
            PUSH(v);
            DISPATCH();
        }
        TARGET(LOAD_FAST) {
            rc_object *v = fast[arg];
            if (UNLIKELY(!v)) {
                f->pc = pc;
                unbound_local(I, co, arg);
                goto error;
            }
            rc_incref(v);
            PUSH(v);
            DISPATCH();
        }
        /* Fused with the next instruction (compile.c's peephole); when the
         * shortcut does not apply, the two run one after the other. */
        TARGET(LOAD_FAST_LOAD_ATTR) {
            rc_object *o = fast[arg];
            rc_object *v = o ? attr_cache_load(I, &co->caches[pc[1]], o, names[pc[0] >> 8]) : NULL;
            if (LIKELY(v != NULL)) {
                rc_incref(v);
                PUSH(v);
                pc += 2;
                DISPATCH();
            }
            goto L_LOAD_FAST;
        }
        TARGET(LOAD_FAST_LOAD_METHOD) {
            rc_object *o = fast[arg];
            const lx_attr_cache *c = &co->caches[pc[1]];
            if (LIKELY(o && c->kind == 2 && attr_cache_hit(I, c, o))) {
                rc_incref(c->value);
                rc_incref(o);
                PUSH(c->value);
                PUSH(o);
                pc += 2;
                DISPATCH();
            }
            goto L_LOAD_FAST;
        }
        TARGET(LOAD_FAST_LOAD_FAST) {
            rc_object *a = fast[arg], *b = fast[pc[0] >> 8];
            if (LIKELY(a && b)) {
                rc_incref(a);
                rc_incref(b);
                PUSH(a);
                PUSH(b);
                pc++;
                DISPATCH();
            }
            goto L_LOAD_FAST;
        }
        TARGET(LOAD_FAST_LOAD_CONST) {
            rc_object *a = fast[arg];
            if (LIKELY(a != NULL)) {
                rc_object *b = consts[pc[0] >> 8];
                rc_incref(a);
                rc_incref(b);
                PUSH(a);
                PUSH(b);
                pc++;
                DISPATCH();
            }
            goto L_LOAD_FAST;
        }
        TARGET(STORE_FAST_LOAD_FAST) {
            store_local(fast, arg, POP());
            w = *pc++;                       /* then the LOAD_FAST as it is */
            arg = w >> 8;
            goto L_LOAD_FAST;
        }
        TARGET(STORE_FAST)
            store_local(fast, arg, POP());
            DISPATCH();
        TARGET(DELETE_FAST) {
            rc_object *old = fast[arg];
            if (!old) {
                f->pc = pc;
                unbound_local(I, co, arg);
                goto error;
            }
            fast[arg] = NULL;
            rc_decref(old);
            DISPATCH();
        }
        TARGET(MAKE_CELL)
            for (uint32_t i = 0; i < co->ncells; i++) {
                int a = co->cell2arg[i];
                rc_object *init = a >= 0 ? fast[a] : NULL;
                rc_object *cell = lx_cell_new(I, init);
                if (!cell)
                    goto error;
                if (a >= 0)
                    RC_CLEAR(fast[a]);
                fast[co->nlocals + i] = cell;
            }
            DISPATCH();
        TARGET(COPY_FREE_VARS)
            DISPATCH();
        TARGET(LOAD_DEREF) {
            rc_object *v = ((lx_cell *)fast[co->nlocals + arg])->ref;
            if (!v) {
                f->pc = pc;
                unbound_free(I, co, arg);
                goto error;
            }
            rc_incref(v);
            PUSH(v);
            DISPATCH();
        }
        TARGET(LOAD_CLASSDEREF) {
            rc_object *name = names[NEXTWORD()];
            rc_object *v = f->ns ? rc_dict_get(f->ns, name) : NULL;
            if (!v)
                v = ((lx_cell *)fast[co->nlocals + arg])->ref;
            if (!v) {
                f->pc = pc;
                unbound_free(I, co, arg);
                goto error;
            }
            rc_incref(v);
            PUSH(v);
            DISPATCH();
        }
        TARGET(STORE_DEREF) {
            lx_cell *c = (lx_cell *)fast[co->nlocals + arg];
            rc_object *old = c->ref;
            c->ref = POP();
            rc_xdecref(old);
            DISPATCH();
        }
        TARGET(DELETE_DEREF) {
            lx_cell *c = (lx_cell *)fast[co->nlocals + arg];
            if (!c->ref) {
                f->pc = pc;
                unbound_free(I, co, arg);
                goto error;
            }
            RC_CLEAR(c->ref);
            DISPATCH();
        }
        TARGET(LOAD_CLOSURE) {
            rc_object *c = fast[co->nlocals + arg];
            rc_incref(c);
            PUSH(c);
            DISPATCH();
        }
        TARGET(LOAD_GLOBAL) {
            /* cached while neither globals nor builtins change */
            lx_attr_cache *c = &co->caches[NEXTWORD()];
            uint64_t gv = rc_dict_version_fast(globals), bv = rc_dict_version_fast(I->builtins);
            if (LIKELY(c->globals_version == gv && c->builtins_version == bv && c->value)) {
                rc_incref(c->value);
                PUSH(c->value);
                DISPATCH();
            }
            f->pc = pc;
            rc_object *v = load_global(I, globals, names[arg]);
            if (!v)
                goto error;
            c->value = v;
            c->globals_version = gv;
            c->builtins_version = bv;
            PUSH(v);
            DISPATCH();
        }
        TARGET(STORE_GLOBAL) {
            rc_object *v = POP();
            int r = rc_dict_set(globals, names[arg], v);
            rc_decref(v);
            if (r < 0) {
                f->pc = pc;
                lx_raise_heap_error(I);
                goto error;
            }
            DISPATCH();
        }
        TARGET(DELETE_GLOBAL)
            if (rc_dict_del(globals, names[arg]) < 0) {
                f->pc = pc;
                if (rc_error(heap) == RC_EKEY)
                    name_error(I, names[arg]);
                else
                    lx_raise_heap_error(I);
                goto error;
            }
            DISPATCH();
        TARGET(LOAD_NAME) {
            rc_object *v = f->ns ? rc_dict_get(f->ns, names[arg]) : NULL;
            if (!v)
                v = rc_dict_get(globals, names[arg]);
            if (!v)
                v = rc_dict_get(I->builtins, names[arg]);
            if (!v) {
                f->pc = pc;
                name_error(I, names[arg]);
                goto error;
            }
            rc_incref(v);
            PUSH(v);
            DISPATCH();
        }
        TARGET(STORE_NAME) {
            rc_object *v = POP();
            int r = rc_dict_set(f->ns ? f->ns : globals, names[arg], v);
            rc_decref(v);
            if (r < 0) {
                f->pc = pc;
                lx_raise_heap_error(I);
                goto error;
            }
            DISPATCH();
        }
        TARGET(DELETE_NAME)
            if (rc_dict_del(f->ns ? f->ns : globals, names[arg]) < 0) {
                f->pc = pc;
                name_error(I, names[arg]);
                goto error;
            }
            DISPATCH();
        TARGET(LOAD_ATTR) {
            rc_object *o = TOP();
            lx_attr_cache *c = &co->caches[NEXTWORD()];
            rc_object *v = attr_cache_load(I, c, o, names[arg]);
            if (LIKELY(v != NULL)) {
                rc_incref(v);
                TOP() = v;
                rc_decref(o);
                DISPATCH();
            }
            f->pc = pc;
            v = lx_getattr_obj(I, o, names[arg]);
            if (!v)
                goto error;
            if (lx_is_inst(o))
                attr_cache_fill_load(I, c, o, names[arg]);
            else if (lx_is_class(o))
                attr_cache_fill_class(I, c, o, names[arg], v);
            TOP() = v;
            rc_decref(o);
            DISPATCH();
        }
        TARGET(STORE_ATTR) {
            rc_object *o = TOP(), *v = SECOND();
            lx_attr_cache *c = &co->caches[NEXTWORD()];
            if (LIKELY(c->kind == 3)) {
                rc_object **slot = LIKELY(attr_cache_hit(I, c, o))
                                       ? lx_inst_slot((lx_inst *)o, (uint32_t)c->index)
                                       : attr_cache_shared_slot(c, o, names[arg], STORE_REFUSE);
                if (LIKELY(slot != NULL)) {
                    rc_object *old = *slot;
                    *slot = v;
                    sp -= 2;
                    rc_decref(o);
                    rc_xdecref(old);
                    break;
                }
            }
            f->pc = pc;
            int r = lx_setattr_obj(I, o, names[arg], v);
            if (r == 0 && lx_is_inst(o))
                attr_cache_fill_store(I, c, o, names[arg]);
            sp -= 2;
            rc_decref(o);
            rc_decref(v);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(DELETE_ATTR) {
            rc_object *o = POP();
            f->pc = pc;
            int r = lx_setattr_obj(I, o, names[arg], NULL);
            rc_decref(o);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(LOAD_METHOD) {
            rc_object *o = TOP();
            lx_attr_cache *c = &co->caches[NEXTWORD()];
            if (LIKELY(c->kind == 2 && attr_cache_hit(I, c, o))) {
                rc_incref(c->value);
                TOP() = c->value;
                PUSH(o);
                break;
            }
            f->pc = pc;
            int unbound = 0;
            rc_object *m = lx_load_method(I, o, names[arg], &unbound);
            if (!m)
                goto error;
            if (unbound) {
                if (lx_is_inst(o) && m->type == &lx_func_type)
                    attr_cache_fill_method(I, c, o, names[arg], m);
                TOP() = m;
                PUSH(o);
            } else {
                TOP() = m;
                PUSH(NULL);
                rc_decref(o);
            }
            DISPATCH();
        }
        TARGET(CALL_METHOD) {
            /* [meth, self, args...] or [callable, NULL, args...] */
            rc_object **args = sp - arg;
            rc_object *self = args[-1];
            rc_object *callable = args[-2];
            rc_object *r;
            f->pc = pc;
            f->sp = sp;
            if (self) {
                r = call_owned(I, callable, args - 1, arg + 1, NULL);
                sp = args - 2;
            } else {
                r = call_owned(I, callable, args, arg, NULL);
                sp = args - 2;
            }
            rc_decref(callable);
            if (!r)
                goto error;
            PUSH(r);
            DISPATCH();
        }
        TARGET(CALL) {
            rc_object **args = sp - arg;
            rc_object *callable = args[-1];
            f->pc = pc;
            rc_object *r;
            if (callable->type == &lx_class_type) {
                /* C(args) with a script __init__: the instance takes the
                 * class's slot and __init__ runs on the arguments in place */
                lx_class *cls = (lx_class *)callable;
                rc_object *init = (cls->flags & (CLS_USER_NEW | CLS_EXC | CLS_VALUE_ARGS)) || cls->ctor || cls->meta ? NULL
                                  : lx_class_init(I, cls);
                if (init && init->type == &lx_func_type) {
                    rc_object *inst = lx_inst_new(I, cls);
                    if (!inst)
                        goto error;
                    rc_incref(inst);
                    args[-1] = inst;
                    rc_object **saved = I->stack_top;
                    r = call_py(I, (lx_func *)init, args - 1, arg + 1, NULL);
                    I->stack_top = saved;
                    sp = args - 1;
                    rc_decref(callable);
                    if (!r) {
                        rc_decref(inst);
                        goto error;
                    }
                    if (r != rc_none()) {
                        lx_raise(I, LX_TypeError, "__init__() should return None, not '%s'", lx_type_name(I, r));
                        rc_decref(r);
                        rc_decref(inst);
                        goto error;
                    }
                    PUSH(inst);
                    DISPATCH();
                }
            }
            if (LIKELY(callable->type == &lx_func_type)) {
                r = call_py(I, (lx_func *)callable, args, arg, NULL);
            } else if (callable->type == &lx_cfunc_type && !((lx_cfunc_obj *)callable)->self &&
                       !((lx_cfunc_obj *)callable)->self_type) {
                rc_object **saved = I->stack_top;
                r = ((lx_cfunc_obj *)callable)->fn(I, args, arg, NULL);
                I->stack_top = saved;
                for (uint32_t i = 0; i < arg; i++)
                    rc_decref(args[i]);
            } else {
                r = call_owned(I, callable, args, arg, NULL);
            }
            sp = args - 1;
            rc_decref(callable);
            if (!r)
                goto error;
            PUSH(r);
            DISPATCH();
        }
        TARGET(CALL_KW) {
            rc_object *kwnames = POP();
            rc_object **args = sp - arg;
            rc_object *callable = args[-1];
            f->pc = pc;
            rc_object *r = call_owned(I, callable, args, arg, kwnames);
            rc_decref(kwnames);
            sp = args - 1;
            rc_decref(callable);
            if (!r)
                goto error;
            PUSH(r);
            DISPATCH();
        }
        TARGET(CALL_EX) {
            rc_object *kw = (arg & 1) ? POP() : NULL;
            rc_object *posargs = POP();
            rc_object *callable = POP();
            f->pc = pc;
            rc_object **saved = I->stack_top;
            I->stack_top = sp + 3 > saved ? sp + 3 : saved;
            rc_object *r = NULL;
            {
                size_t n = (size_t)rc_tuple_len(posargs);
                rc_object *tmp[16];
                rc_object **items = n <= 16 ? tmp : malloc(n * sizeof *items);
                if (!items) {
                    lx_raise(I, LX_MemoryError, "out of memory");
                } else {
                    for (size_t i = 0; i < n; i++)
                        items[i] = rc_tuple_get(posargs, (rc_ssize)i);
                    if (!lx_exc_occurred(I))
                        r = lx_call(I, callable, items, n, kw);
                    if (items != tmp)
                        free(items);
                }
            }
            I->stack_top = saved;
            rc_decref(callable);
            rc_decref(posargs);
            rc_xdecref(kw);
            if (!r)
                goto error;
            PUSH(r);
            DISPATCH();
        }
        TARGET(BINARY)
        TARGET(INPLACE) {
            rc_object *b = POP(), *a = TOP();
            rc_object *r = NULL;
            if (a->type == &rc_int_type && b->type == &rc_int_type) {
                int64_t x = ival(a), y = ival(b), z;
                if (arg == BIN_FLOORDIV || arg == BIN_MOD) {
                    r = int_floor_divmod(heap, arg == BIN_MOD, x, y);
                } else if (arg == BIN_DIV) {
                    /* both exact as doubles: one division, correctly rounded as Python's */
                    if (y != 0 && exact_in_double(x) && exact_in_double(y))
                        r = rc_float_new(heap, (double)x / (double)y);
                } else if (int_binop_plain((int)arg, x, y, &z)) {
                    /* an int only the stack holds takes the result in place,
                     * unless the result is one of the cached small ints */
                    rc_object *keep = z >= RC_SMALL_INT_MIN && z <= RC_SMALL_INT_MAX ? NULL : sole_operand(a, b);
                    if (keep) {
                        ((rc_int_object *)keep)->value = z;
                        rc_decref(keep == a ? b : a);
                        TOP() = keep;
                        DISPATCH();
                    }
                    r = rc_int_new(heap, z);
                }
            } else if (is_float_pair(a, b)) {
                double z;
                if (float_binop_plain((int)arg, as_double(a), as_double(b), &z)) {
                    /* a float only the stack holds takes the result in place */
                    rc_object *keep = sole_float_operand(a, b);
                    if (keep) {
                        ((rc_float_object *)keep)->value = z;
                        rc_decref(keep == a ? b : a);
                        TOP() = keep;
                        DISPATCH();
                    }
                    r = rc_float_new(heap, z);
                }
            }
            f->pc = pc;
            if (!r)
                r = lx_binary_op(I, (int)arg, a, b, (w & 0xFF) == OPC_INPLACE);
            rc_decref(a);
            rc_decref(b);
            TOP() = r;
            if (!r) {
                sp--;
                goto error;
            }
            DISPATCH();
        }
        TARGET(UNARY_NEG)
        TARGET(UNARY_POS)
        TARGET(UNARY_INVERT) {
            rc_object *a = TOP();
            f->pc = pc;
            rc_object *r = lx_unary_op(I, (int)(w & 0xFF), a);
            rc_decref(a);
            TOP() = r;
            if (!r) {
                sp--;
                goto error;
            }
            DISPATCH();
        }
        TARGET(UNARY_NOT) {
            rc_object *a = TOP();
            f->pc = pc;
            int t = lx_truth(I, a);
            rc_decref(a);
            if (t < 0) {
                sp--;
                goto error;
            }
            TOP() = t ? rc_false() : rc_true();
            DISPATCH();
        }
        TARGET(COMPARE) {
            rc_object *b = POP(), *a = TOP();
            int both_int = a->type == &rc_int_type && b->type == &rc_int_type;
            if (both_int || comparable_as_doubles(a, b)) {
                /* C's comparisons of doubles are Python's, NaN included */
                int t = both_int ? compare_values(ival(a), ival(b), (int)arg)
                                 : compare_values(as_double(a), as_double(b), (int)arg);
                sp--;
                rc_decref(a);
                rc_decref(b);
                JUMP_OR_PUSH_TRUTH(t);
                DISPATCH();
            }
            f->pc = pc;
            rc_object *r = lx_rich_compare(I, a, b, (int)arg);
            rc_decref(a);
            rc_decref(b);
            TOP() = r;
            if (!r) {
                sp--;
                goto error;
            }
            if (r->type == &rc_bool_type) {     /* immortal: no count to drop */
                sp--;
                JUMP_OR_PUSH_TRUTH(rc_int_value_fast(r) != 0);
            }
            DISPATCH();
        }
        TARGET(IS_OP) {
            rc_object *b = POP(), *a = POP();
            int t = (a == b) ^ (int)arg;
            rc_decref(a);
            rc_decref(b);
            JUMP_OR_PUSH_TRUTH(t);
            DISPATCH();
        }
        TARGET(CONTAINS_OP) {
            rc_object *b = POP(), *a = TOP();
            f->pc = pc;
            int t = lx_contains(I, b, a);
            rc_decref(a);
            rc_decref(b);
            if (t < 0) {
                sp--;
                goto error;
            }
            TOP() = rc_bool(t ^ (int)arg);
            DISPATCH();
        }
        TARGET(JUMP)
            if (UNLIKELY(--I->steps_left == 0)) {
                f->pc = pc;
                if (lx_steps_event(I) < 0)
                    goto error;
            }
            pc = co->ins + arg;
            DISPATCH();
        TARGET(POP_JUMP_IF_FALSE)
        TARGET(POP_JUMP_IF_TRUE) {
            rc_object *v = POP();
            int t;
            if (v->type == &rc_bool_type)
                t = rc_int_value_fast(v) != 0;
            else if (v->type == &rc_none_type)
                t = 0;
            else {
                f->pc = pc;
                t = lx_truth(I, v);
                if (t < 0) {
                    rc_decref(v);
                    goto error;
                }
            }
            rc_decref(v);
            if (t == ((w & 0xFF) == OPC_POP_JUMP_IF_TRUE))
                pc = co->ins + arg;
            DISPATCH();
        }
        TARGET(JUMP_IF_FALSE_OR_POP)
        TARGET(JUMP_IF_TRUE_OR_POP) {
            rc_object *v = TOP();
            f->pc = pc;
            int t = lx_truth(I, v);
            if (t < 0)
                goto error;
            if (t == ((w & 0xFF) == OPC_JUMP_IF_TRUE_OR_POP)) {
                pc = co->ins + arg;
            } else {
                sp--;
                rc_decref(v);
            }
            DISPATCH();
        }
        TARGET(GET_ITER) {
            rc_object *o = TOP();
            f->pc = pc;
            rc_object *it = lx_iter(I, o);
            if (!it)
                goto error;
            TOP() = it;
            rc_decref(o);
            DISPATCH();
        }
        TARGET(FOR_ITER) {
            rc_object *it = TOP();
            rc_object *v = next_inline(I, it);
            if (LIKELY(v != NULL)) {
                PUSH(v);
                DISPATCH();
            }
            f->pc = pc;
            v = lx_next(I, it);
            if (v) {
                PUSH(v);
                DISPATCH();
            }
            if (lx_exc_occurred(I))
                goto error;
            sp--;
            rc_decref(it);
            pc = co->ins + arg;
            DISPATCH();
        }
        TARGET(BUILD_TUPLE) {
            /* CPython tracks a new tuple until a collection */
            sp -= arg;
            rc_object *t = rc_tuple_pack(heap, sp, arg, RC_PACK_STEAL | RC_PACK_TRACK);
            if (!t) {
                f->pc = pc;
                lx_raise_heap_error(I);
                goto error;
            }
            PUSH(t);
            DISPATCH();
        }
        TARGET(BUILD_LIST) {
            rc_object *l = rc_list_new(heap);
            if (!l) {
                f->pc = pc;
                lx_raise_heap_error(I);
                goto error;
            }
            sp -= arg;
            int failed = arg && rc_list_reserve(l, (rc_ssize)arg) < 0;   /* exactly, as CPython */
            for (uint32_t i = 0; i < arg; i++) {
                if (!failed && rc_list_append(l, sp[i]) < 0)
                    failed = 1;
                rc_decref(sp[i]);
            }
            if (failed) {
                rc_decref(l);
                f->pc = pc;
                lx_raise_heap_error(I);
                goto error;
            }
            PUSH(l);
            DISPATCH();
        }
        TARGET(BUILD_SET) {
            rc_object *s = lx_set_new(I, 0);
            if (!s) {
                f->pc = pc;
                goto error;
            }
            sp -= arg;
            int failed = 0;
            for (uint32_t i = 0; i < arg; i++) {
                if (!failed && lx_set_add(I, s, sp[i]) < 0)
                    failed = 1;
                rc_decref(sp[i]);
            }
            if (failed) {
                rc_decref(s);
                f->pc = pc;
                goto error;
            }
            PUSH(s);
            DISPATCH();
        }
        TARGET(BUILD_MAP) {
            rc_object *d = rc_dict_new(heap);
            if (!d) {
                f->pc = pc;
                lx_raise_heap_error(I);
                goto error;
            }
            sp -= 2 * arg;
            int failed = 0;
            for (uint32_t i = 0; i < arg; i++) {
                if (!failed) {
                    f->pc = pc;
                    if (lx_hash(I, sp[2 * i]) == -1 && lx_exc_occurred(I))
                        failed = 1;
                    else if (rc_dict_set(d, sp[2 * i], sp[2 * i + 1]) < 0) {
                        if (!lx_exc_occurred(I))
                            lx_raise_heap_error(I);
                        failed = 1;
                    }
                }
                rc_decref(sp[2 * i]);
                rc_decref(sp[2 * i + 1]);
            }
            if (failed) {
                rc_decref(d);
                goto error;
            }
            PUSH(d);
            DISPATCH();
        }
        TARGET(BUILD_SLICE) {
            rc_object *step = arg == 3 ? POP() : NULL;
            rc_object *stop = POP(), *start = TOP();
            rc_object *s = lx_slice_new(I, start, stop, step ? step : rc_none());
            rc_decref(start);
            rc_decref(stop);
            rc_xdecref(step);
            TOP() = s;
            if (!s) {
                sp--;
                f->pc = pc;
                goto error;
            }
            DISPATCH();
        }
        TARGET(BUILD_STRING) {
            f->pc = pc;
            rc_object *s = build_string(I, sp - arg, arg);
            for (uint32_t i = 0; i < arg; i++)
                rc_decref(sp[-(int)arg + (int)i]);
            sp -= arg;
            if (!s)
                goto error;
            PUSH(s);
            DISPATCH();
        }
        TARGET(LIST_APPEND) {
            rc_object *v = POP();
            int r = rc_list_append(sp[-(int)arg], v);
            rc_decref(v);
            if (r < 0) {
                f->pc = pc;
                lx_raise_heap_error(I);
                goto error;
            }
            DISPATCH();
        }
        TARGET(SET_ADD) {
            rc_object *v = POP();
            f->pc = pc;
            int r = lx_set_add(I, sp[-(int)arg], v);
            rc_decref(v);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(MAP_ADD) {
            rc_object *v = POP(), *k = POP();
            f->pc = pc;
            int r = lx_setitem(I, sp[-(int)arg], k, v);
            rc_decref(k);
            rc_decref(v);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(LIST_EXTEND) {
            rc_object *it = POP();
            rc_object *l = sp[-(int)arg];
            f->pc = pc;
            rc_object *items = lx_list_from_iterable(I, it);
            if (!items) {
                rc_decref(it);
                goto error;
            }
            rc_decref(it);
            /* an empty list takes the items' count rounded up to even, as
             * CPython's list_extend does */
            rc_ssize nitems = rc_list_len(items);
            int failed = rc_list_capacity(l) == 0 && nitems && rc_list_reserve(l, (nitems + 1) & ~(rc_ssize)1) < 0;
            for (rc_ssize i = 0; i < rc_list_len(items) && !failed; i++)
                if (rc_list_append(l, rc_list_get(items, i)) < 0)
                    failed = 1;
            rc_decref(items);
            if (failed) {
                lx_raise_heap_error(I);
                goto error;
            }
            DISPATCH();
        }
        TARGET(SET_UPDATE) {
            rc_object *it = POP();
            f->pc = pc;
            int r = lx_set_update(I, sp[-(int)arg], it);
            rc_decref(it);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(DICT_UPDATE)
        TARGET(DICT_MERGE) {
            rc_object *src = POP();
            rc_object *d = sp[-(int)arg];
            f->pc = pc;
            int r = 0;
            rc_object *items = src;     /* src, or a dict subclass instance's dict (borrowed) */
            if (!rc_is_type(src, &rc_dict_type) && !(items = lx_dict_subclass_items(src))) {
                if ((w & 0xFF) == OPC_DICT_MERGE)
                    lx_raise(I, LX_TypeError, "argument after ** must be a mapping, not %s", lx_type_name(I, src));
                else
                    lx_raise(I, LX_TypeError, "'%s' object is not a mapping", lx_type_name(I, src));
                r = -1;
            } else {
                rc_ssize pos = 0;
                rc_object *k, *v;
                while (r == 0 && rc_dict_next(items, &pos, &k, &v)) {
                    if ((w & 0xFF) == OPC_DICT_MERGE && rc_dict_get(d, k)) {
                        lx_raise(I, LX_TypeError, "got multiple values for keyword argument '%s'",
                                 rc_is_type(k, &rc_str_type) ? rc_str_data(k) : "?");
                        r = -1;
                    } else if (rc_dict_set(d, k, v) < 0) {
                        lx_raise_heap_error(I);
                        r = -1;
                    }
                }
            }
            rc_decref(src);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(LIST_TO_TUPLE) {
            rc_object *l = TOP();
            rc_object *t = lx_tuple_from_iterable(I, l);
            if (!t) {
                f->pc = pc;
                goto error;
            }
            TOP() = t;
            rc_decref(l);
            DISPATCH();
        }
        TARGET(UNPACK_SEQUENCE) {
            rc_object *seq = POP();
            f->pc = pc;
            if (seq->type == &rc_tuple_type && arg == 2 && rc_tuple_len_fast(seq) == 2) {
                rc_object *a = rc_tuple_get_fast(seq, 0), *b = rc_tuple_get_fast(seq, 1);
                rc_incref(a);
                rc_incref(b);
                sp[0] = b;
                sp[1] = a;
                sp += 2;
                rc_decref(seq);
                DISPATCH();
            }
            int r = unpack_sequence(I, seq, arg, sp);
            rc_decref(seq);
            if (r < 0)
                goto error;
            sp += arg;
            DISPATCH();
        }
        TARGET(UNPACK_EX) {
            rc_object *seq = POP();
            f->pc = pc;
            size_t before = arg & 0xFF, after = arg >> 8;
            int r = unpack_ex(I, seq, before, after, sp);
            rc_decref(seq);
            if (r < 0)
                goto error;
            sp += before + after + 1;
            DISPATCH();
        }
        TARGET(BINARY_SUBSCR) {
            rc_object *key = POP(), *o = TOP();
            rc_object *r = NULL;
            if (key->type == &rc_int_type && (o->type == &rc_tuple_type || o->type == &rc_list_type)) {
                int is_tuple = o->type == &rc_tuple_type;
                int64_t i = ival(key), n = is_tuple ? rc_tuple_len_fast(o) : rc_list_len_fast(o);
                if (i < 0)
                    i += n;
                if (i >= 0 && i < n) {
                    r = is_tuple ? rc_tuple_get_fast(o, i) : rc_list_get_fast(o, i);
                    rc_incref(r);
                }
            }
            if (!r) {
                f->pc = pc;
                r = key->type == &lx_slice_type && (o->type == &rc_list_type || o->type == &rc_tuple_type)
                        ? lx_seq_getslice(I, o, key)
                        : lx_getitem(I, o, key);
            }
            rc_decref(o);
            rc_decref(key);
            TOP() = r;
            if (!r) {
                sp--;
                goto error;
            }
            DISPATCH();
        }
        TARGET(STORE_SUBSCR) {
            rc_object *key = POP(), *o = POP(), *v = POP();
            if (key->type == &rc_int_type && o->type == &rc_list_type) {
                int64_t i = ival(key), n = rc_list_len_fast(o);
                if (i < 0)
                    i += n;
                if (i >= 0 && i < n) {
                    rc_object **slot = &((rc_list_object *)o)->items[i];
                    rc_object *old = *slot;
                    *slot = v;             /* the stack's reference moves into the list */
                    f->pc = pc;            /* old's __del__ may look at the frame */
                    rc_decref(key);
                    rc_decref(o);
                    rc_decref(old);
                    DISPATCH();
                }
            }
            f->pc = pc;
            int r = lx_setitem(I, o, key, v);
            rc_decref(key);
            rc_decref(o);
            rc_decref(v);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(DELETE_SUBSCR) {
            rc_object *key = POP(), *o = POP();
            f->pc = pc;
            int r = lx_delitem(I, o, key);
            rc_decref(key);
            rc_decref(o);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(FORMAT_VALUE) {
            rc_object *spec = (arg & FV_HAS_SPEC) ? POP() : NULL;
            rc_object *v = TOP();
            f->pc = pc;
            rc_object *r = format_value(I, v, arg, spec);
            rc_xdecref(spec);
            rc_decref(v);
            TOP() = r;
            if (!r) {
                sp--;
                goto error;
            }
            DISPATCH();
        }
        TARGET(MAKE_FUNCTION) {
            f->pc = pc;
            rc_object **below = sp;        /* sp's address never escapes: it stays in a register */
            rc_object *fn = make_function(I, f, arg, &below);
            sp = below;
            if (!fn)
                goto error;
            PUSH(fn);
            DISPATCH();
        }
        TARGET(BUILD_CLASS) {
            rc_object *kw = arg ? POP() : NULL;      /* the class statement's keywords */
            rc_object *bases = POP(), *name = POP(), *body = POP();
            f->pc = pc;
            f->sp = sp;
            rc_object **saved = I->stack_top;
            rc_object *cls = build_class(I, body, name, bases, kw);
            I->stack_top = saved;
            rc_xdecref(kw);
            rc_decref(bases);
            rc_decref(name);
            rc_decref(body);
            if (!cls)
                goto error;
            PUSH(cls);
            DISPATCH();
        }
        TARGET(RETURN_VALUE)
            retval = POP();
            goto exit_frame;
        TARGET(RAISE) {
            rc_object *cause = arg >= 2 ? POP() : NULL;
            rc_object *exc = arg >= 1 ? POP() : NULL;
            f->pc = pc;
            if (!exc) {
                if (!I->handled) {
                    lx_raise(I, LX_RuntimeError, "No active exception to reraise");
                    goto error;
                }
                lx_raise_obj(I, I->handled);
                reraise = 1;
                goto error;
            }
            do_raise(I, exc, cause);
            rc_decref(exc);
            rc_xdecref(cause);
            goto error;
        }
        TARGET(RERAISE) {
            rc_object *exc = POP();
            f->pc = pc;
            RC_SETREF(I->exc, exc);
            reraise = 1;
            goto error;
        }
        TARGET(SETUP_TRY) {
            lx_block *b = &f->blocks[f->nblocks++];
            b->kind = B_TRY;
            b->handler = (int)arg;
            b->level = (int)(sp - stack_base);
            b->saved = NULL;
            DISPATCH();
        }
        TARGET(POP_BLOCK)
            f->nblocks--;
            DISPATCH();
        TARGET(POP_EXCEPT) {
            lx_block *b = &f->blocks[--f->nblocks];
            rc_object *cur = I->handled;
            I->handled = b->saved;
            b->saved = NULL;
            rc_xdecref(cur);
            DISPATCH();
        }
        TARGET(SETUP_WITH) {
            rc_object *ctx = TOP();
            f->pc = pc;
            rc_object *exit = lx_getattr_obj(I, ctx, I->names.__exit__);
            if (!exit) {
                if (lx_exc_matches(I, LX_AttributeError)) {
                    lx_exc_clear(I);
                    lx_raise(I, LX_TypeError, "'%s' object does not support the context manager protocol",
                             lx_type_name(I, ctx));
                }
                goto error;
            }
            rc_object *enter = lx_call_method(I, ctx, I->names.__enter__, NULL, 0);
            if (!enter) {
                rc_decref(exit);
                goto error;
            }
            TOP() = exit;
            rc_decref(ctx);
            lx_block *b = &f->blocks[f->nblocks++];
            b->kind = B_TRY;
            b->handler = (int)arg;
            b->level = (int)(sp - stack_base);
            b->saved = NULL;
            PUSH(enter);
            DISPATCH();
        }
        TARGET(WITH_EXIT) {
            rc_object *exit = POP();
            f->pc = pc;
            rc_object *args[3] = {rc_none(), rc_none(), rc_none()};
            rc_object *r = lx_call(I, exit, args, 3, NULL);
            rc_decref(exit);
            if (!r)
                goto error;
            rc_decref(r);
            DISPATCH();
        }
        TARGET(WITH_EXCEPT) {
            rc_object *exc = TOP(), *exit = SECOND();
            f->pc = pc;
            lx_inst *e = (lx_inst *)exc;
            rc_object *tb = e->vals[EXC_TB] ? e->vals[EXC_TB] : rc_none();
            rc_object *args[3] = {lx_type_of(I, exc), exc, tb};
            rc_object *r = lx_call(I, exit, args, 3, NULL);
            if (!r)
                goto error;
            int t = lx_truth(I, r);
            rc_decref(r);
            if (t < 0)
                goto error;
            PUSH(rc_bool(t));
            DISPATCH();
        }
        TARGET(JUMP_IF_NOT_EXC_MATCH) {
            rc_object *cls = POP(), *exc = POP();
            f->pc = pc;
            int m = exc_matches_class(I, exc, cls);
            rc_decref(cls);
            rc_decref(exc);
            if (m < 0)
                goto error;
            if (!m)
                pc = co->ins + arg;
            DISPATCH();
        }
        TARGET(IMPORT_NAME) {
            f->pc = pc;
            rc_object *m = lx_import(I, names[arg]);
            if (!m)
                goto error;
            PUSH(m);
            DISPATCH();
        }
        TARGET(IMPORT_FROM) {
            f->pc = pc;
            rc_object *v = import_from(I, TOP(), names[arg]);
            if (!v)
                goto error;
            PUSH(v);
            DISPATCH();
        }
        TARGET(IMPORT_STAR) {
            rc_object *m = POP();
            f->pc = pc;
            int r = import_star(I, m, f->ns ? f->ns : globals);
            rc_decref(m);
            if (r < 0)
                goto error;
            DISPATCH();
        }
        TARGET(LOAD_ASSERTION_ERROR) {
            rc_object *c = &I->exc_class[LX_AssertionError]->ob;
            rc_incref(c);
            PUSH(c);
            DISPATCH();
        }
        TARGET(PRINT_EXPR) {
            rc_object *v = POP();
            f->pc = pc;
            if (v != rc_none()) {
                rc_object *r = lx_repr(I, v);
                if (!r) {
                    rc_decref(v);
                    goto error;
                }
                fwrite(rc_str_data(r), 1, rc_str_size(r), stdout);
                fputc('\n', stdout);
                rc_decref(r);
                rc_object *underscore = lx_intern(I, "_");
                if (underscore) {
                    rc_dict_set(I->builtins, underscore, v);
                    rc_decref(underscore);
                }
            }
            rc_decref(v);
            DISPATCH();
        }
        TARGET(YIELD_VALUE) {
            retval = POP();
            f->pc = pc;
            if (UNLIKELY(!gen)) {
                rc_decref(retval);
                retval = NULL;
                lx_raise(I, LX_RuntimeError, "yield outside a generator frame");
                goto error;
            }
            if (lx_gen_save_frame(I, gen, f, (uint32_t)(sp - stack_base), (uint32_t)(pc - co->ins)) < 0) {
                rc_decref(retval);
                retval = NULL;
                lx_raise_heap_error(I);
                goto error;
            }
            goto suspended;
        }
        TARGET(YIELD_FROM) {
            /* [iterator, value to send]: send it on; what the iterator yields
             * is yielded from here (the resume runs this again with the value
             * sent then), and its return value replaces both when it ends */
            rc_object *v = POP();
            rc_object *it = TOP();
            f->pc = pc;
            rc_object *result = NULL, *y = NULL;
            if (gen && gen->yf_result) {  /* throw() or close() ended the delegate */
                gen->yf_result = 0;
                result = v;
            } else {
                y = yield_from_step(I, it, v, &result);
            }
            if (y) {
                if (lx_gen_save_frame(I, gen, f, (uint32_t)(sp - stack_base), (uint32_t)(pc - 1 - co->ins)) < 0) {
                    rc_decref(y);
                    lx_raise_heap_error(I);
                    goto error;
                }
                retval = y;
                goto suspended;
            }
            if (!result)
                goto error;
            TOP() = result;
            rc_decref(it);
            DISPATCH();
        }
        TARGET(MATCH_SEQUENCE)
        TARGET(MATCH_MAPPING) {
            rc_object *subject = TOP();
            int seq = (w & 0xFF) == OPC_MATCH_SEQUENCE;
            PUSH(rc_bool(seq ? lx_match_sequence(I, subject) : lx_match_mapping(I, subject)));
            DISPATCH();
        }
        TARGET(GET_LEN) {
            f->pc = pc;
            rc_ssize n = lx_len(I, TOP());
            rc_object *v = n < 0 ? NULL : lx_int(I, n);
            if (!v)
                goto error;
            PUSH(v);
            DISPATCH();
        }
        TARGET(MATCH_CLASS) {
            rc_object *names = POP(), *cls = POP(), *subject = TOP();
            f->pc = pc;
            rc_object *r = lx_match_class(I, subject, cls, arg, names);
            rc_decref(names);
            rc_decref(cls);
            rc_decref(subject);
            TOP() = r;
            if (!r) {
                sp--;
                goto error;
            }
            DISPATCH();
        }
        TARGET(MATCH_KEYS) {
            f->pc = pc;
            rc_object *r = lx_match_keys(I, SECOND(), TOP());
            if (!r)
                goto error;
            PUSH(r);
            DISPATCH();
        }
        TARGET(COPY_DICT_WITHOUT_KEYS) {
            f->pc = pc;
            rc_object *keys = TOP(), *rest = lx_match_rest(I, SECOND(), keys);
            if (!rest)
                goto error;
            TOP() = rest;
            rc_decref(keys);
            DISPATCH();
        }
        case OPC_COUNT:
        default:
            f->pc = pc;
            lx_raise(I, LX_RuntimeError, "bad opcode %u", w & 0xFF);
            goto error;
        }
        continue;

    error:
        f->pc = pc;
        if (UNLIKELY(!I->exc))         /* a failure that set no exception: a bug, shown as CPython does */
            lx_raise(I, LX_SystemError, "error return without exception set");
        if (!reraise)
            lx_tb_add(I, co, current_line(f));
        reraise = 0;
        /* unwind to the innermost try block */
        while (f->nblocks > 0) {
            lx_block *b = &f->blocks[--f->nblocks];
            while (sp > stack_base + b->level) {
                rc_object *v = POP();
                rc_xdecref(v);
            }
            if (b->kind == B_HANDLER) {
                rc_object *cur = I->handled;
                I->handled = b->saved;
                b->saved = NULL;
                rc_xdecref(cur);
                continue;
            }
            if (!I->exc)
                continue;
            /* a handler: the exception becomes the handled one */
            lx_block *h = &f->blocks[f->nblocks++];
            h->kind = B_HANDLER;
            h->level = b->level;
            h->saved = I->handled;
            rc_object *exc = I->exc;
            I->exc = NULL;
            rc_incref(exc);
            I->handled = exc;
            PUSH(exc);
            pc = co->ins + b->handler;
            goto next_instruction;
        }
        while (sp > stack_base) {
            rc_object *v = POP();
            rc_xdecref(v);
        }
        retval = NULL;
        goto exit_frame;
    next_instruction:;
    }

suspended:                              /* a yield: the frame lives on in gen */
    I->frame = f->back;
    I->depth--;
    return retval;

exit_frame:
    while (sp > stack_base) {
        rc_object *v = POP();
        rc_xdecref(v);
    }
    /* blocks still open (a return inside a handler restores handled) */
    while (f->nblocks > 0) {
        lx_block *b = &f->blocks[--f->nblocks];
        if (b->kind == B_HANDLER) {
            rc_object *cur = I->handled;
            I->handled = b->saved;
            rc_xdecref(cur);
        }
    }
    if (!retval)
        keep_locals_in_traceback(I, co, fast);
    /* locals die first to last, as CPython clears a frame */
    for (rc_object **p = fast; p < stack_base; p++) {
        rc_object *v = *p;
        if (v) {
            *p = NULL;
            rc_decref(v);
        }
    }
    I->frame = f->back;
    I->depth--;
    return retval;
}

rc_object *lx_gen_run_frame(lx_interp *I, lx_gen *g, rc_object **fast)
{
    lx_func *fn = g->func;
    return run_frame(I, fn->code, fn, fn->globals, NULL, fast, g);
}

/* Run module-level or class-body code. */
rc_object *lx_eval_code(lx_interp *I, lx_code *co, rc_object *globals, rc_object *ns)
{
    rc_object **saved_top = I->stack_top;
    rc_object **fast = I->stack_top;
    if (fast + frame_size(co) > I->stack_end)
        return stack_overflow(I);
    memset(fast, 0, (co->nlocals + co->ncells + co->nfree) * sizeof *fast);
    I->stack_top = fast + frame_size(co);
    rc_object *r = run_frame(I, co, NULL, globals, ns, fast, NULL);
    I->stack_top = saved_top;
    return r;
}
