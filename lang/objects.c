/*
 * lang/objects.c — the core's small object types: functions, native
 * functions, cells, bound methods, modules, traceback entries,
 * staticmethod/classmethod/property, super, slices and singletons.
 *
 * Each type that holds references is RC_TYPE_GC: traverse reports every
 * owned reference and clear drops them, so the collector can break cycles
 * through any of them (a function and its globals, a closure cell holding
 * the function, a bound method stored on its own instance, a module and its
 * functions).  destroy drops what clear left (non-GC fields like names).
 *
 * Invariants: a function always has code, globals, name and qualname; a
 * bound method always has func and self; a cell's ref may be NULL (empty).
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>


/* ---- functions ----------------------------------------------------------------- */

static int func_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_func *f = (lx_func *)self;
    VISIT(f->globals);
    VISIT(f->defaults);
    VISIT(f->kwdefaults);
    VISIT(f->closure);
    VISIT(f->module);
    VISIT(f->doc);
    VISIT(f->dict);
    VISIT(f->annotations);
    return 0;
}

static void func_clear(rc_object *self)
{
    lx_func *f = (lx_func *)self;
    RC_CLEAR(f->globals);
    RC_CLEAR(f->defaults);
    RC_CLEAR(f->kwdefaults);
    RC_CLEAR(f->closure);
    RC_CLEAR(f->module);
    RC_CLEAR(f->doc);
    RC_CLEAR(f->dict);
    RC_CLEAR(f->annotations);
}

static void func_destroy(rc_object *self)
{
    lx_func *f = (lx_func *)self;
    func_clear(self);
    RC_CLEAR(f->code);
    RC_CLEAR(f->name);
    RC_CLEAR(f->qualname);
}

const rc_type lx_func_type = {
    .name = "function",
    .size = sizeof(lx_func),
    .flags = RC_TYPE_GC,
    .traverse = func_traverse,
    .clear = func_clear,
    .destroy = func_destroy,
};

rc_object *lx_func_new(lx_interp *I, lx_code *code, rc_object *globals)
{
    lx_func *f = (lx_func *)rc_new(I->heap, &lx_func_type);
    if (!f)
        return lx_raise_heap_error(I);
    rc_incref(code);
    f->code = code;
    rc_incref(globals);
    f->globals = globals;
    rc_incref(code->name);
    f->name = code->name;
    rc_incref(code->qualname);
    f->qualname = code->qualname;
    rc_object *mod = rc_dict_get(globals, I->names.__name__);
    if (mod) {
        rc_incref(mod);
        f->module = mod;
    }
    return &f->ob;
}

/* ---- native functions ------------------------------------------------------------ */

static int cfunc_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_cfunc_obj *c = (lx_cfunc_obj *)self;
    VISIT(c->self);
    return 0;
}

static void cfunc_clear(rc_object *self)
{
    RC_CLEAR(((lx_cfunc_obj *)self)->self);
}

static void cfunc_destroy(rc_object *self)
{
    cfunc_clear(self);
    RC_CLEAR(((lx_cfunc_obj *)self)->owner);
}

const rc_type lx_cfunc_type = {
    .name = "builtin_function_or_method",
    .size = sizeof(lx_cfunc_obj),
    .flags = RC_TYPE_GC,
    .traverse = cfunc_traverse,
    .clear = cfunc_clear,
    .destroy = cfunc_destroy,
};

rc_object *lx_cfunc_bound(lx_interp *I, const char *name, lx_cfunc fn, rc_object *self)
{
    lx_cfunc_obj *c = (lx_cfunc_obj *)rc_new(I->heap, &lx_cfunc_type);
    if (!c)
        return lx_raise_heap_error(I);
    c->name = name;
    c->fn = fn;
    rc_xincref(self);
    c->self = self;
    if (!self)
        rc_gc_untrack(c);          /* a plain native holds no references */
    return &c->ob;
}

rc_object *lx_cfunc_new(lx_interp *I, const char *name, lx_cfunc fn)
{
    return lx_cfunc_bound(I, name, fn, NULL);
}

rc_object *lx_cfunc_method_new(lx_interp *I, const char *name, lx_cfunc fn)
{
    rc_object *f = lx_cfunc_bound(I, name, fn, NULL);
    if (f)
        ((lx_cfunc_obj *)f)->is_method = 2;
    return f;
}

int lx_is_method_func(const rc_object *o)
{
    return o->type == &lx_func_type || (o->type == &lx_cfunc_type && ((const lx_cfunc_obj *)o)->is_method == 2);
}

/* ---- cells ---------------------------------------------------------------------------- */

static int cell_traverse(rc_object *self, rc_visit visit, void *arg)
{
    VISIT(((lx_cell *)self)->ref);
    return 0;
}

static void cell_clear(rc_object *self)
{
    RC_CLEAR(((lx_cell *)self)->ref);
}

const rc_type lx_cell_type = {
    .name = "cell",
    .size = sizeof(lx_cell),
    .flags = RC_TYPE_GC,
    .traverse = cell_traverse,
    .clear = cell_clear,
    .destroy = cell_clear,
};

rc_object *lx_cell_new(lx_interp *I, rc_object *value)
{
    lx_cell *c = (lx_cell *)rc_new(I->heap, &lx_cell_type);
    if (!c)
        return lx_raise_heap_error(I);
    rc_xincref(value);
    c->ref = value;
    return &c->ob;
}

/* ---- bound methods -------------------------------------------------------------------- */

static int method_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_method *m = (lx_method *)self;
    VISIT(m->func);
    VISIT(m->self);
    return 0;
}

static void method_clear(rc_object *self)
{
    lx_method *m = (lx_method *)self;
    RC_CLEAR(m->func);
    RC_CLEAR(m->self);
}

const rc_type lx_method_type = {
    .name = "method",
    .size = sizeof(lx_method),
    .flags = RC_TYPE_GC,
    .traverse = method_traverse,
    .clear = method_clear,
    .destroy = method_clear,
};

rc_object *lx_method_new(lx_interp *I, rc_object *func, rc_object *self)
{
    lx_method *m = (lx_method *)rc_new(I->heap, &lx_method_type);
    if (!m)
        return lx_raise_heap_error(I);
    rc_incref(func);
    m->func = func;
    rc_incref(self);
    m->self = self;
    return &m->ob;
}

/* ---- modules -------------------------------------------------------------------------- */

static int module_traverse(rc_object *self, rc_visit visit, void *arg)
{
    VISIT(((lx_module *)self)->dict);
    return 0;
}

static void module_clear(rc_object *self)
{
    RC_CLEAR(((lx_module *)self)->dict);
}

static void module_destroy(rc_object *self)
{
    module_clear(self);
    RC_CLEAR(((lx_module *)self)->name);
}

const rc_type lx_module_type = {
    .name = "module",
    .size = sizeof(lx_module),
    .flags = RC_TYPE_GC,
    .traverse = module_traverse,
    .clear = module_clear,
    .destroy = module_destroy,
};

rc_object *lx_module_dict(rc_object *module)
{
    return module && module->type == &lx_module_type ? ((lx_module *)module)->dict : NULL;
}

rc_object *lx_module_new(lx_interp *I, const char *name, const lx_func_def *defs)
{
    lx_module *m = (lx_module *)rc_new(I->heap, &lx_module_type);
    if (!m)
        return lx_raise_heap_error(I);
    m->name = rc_str_from(I->heap, name);
    m->dict = rc_dict_new(I->heap);
    if (!m->name || !m->dict) {
        rc_decref(m);
        return lx_raise_heap_error(I);
    }
    if (rc_dict_set(m->dict, I->names.__name__, m->name) < 0) {
        rc_decref(m);
        return lx_raise_heap_error(I);
    }
    for (const lx_func_def *d = defs; d && d->name; d++) {
        rc_object *fn = lx_cfunc_new(I, d->name, d->fn);
        if (!fn || lx_module_set(I, &m->ob, d->name, fn) < 0) {
            rc_xdecref(fn);
            rc_decref(m);
            return NULL;
        }
        rc_decref(fn);
    }
    return &m->ob;
}

int lx_module_set(lx_interp *I, rc_object *module, const char *name, rc_object *value)
{
    rc_object *d = lx_module_dict(module);
    if (!d) {
        lx_raise(I, LX_TypeError, "lx_module_set: not a module");
        return -1;
    }
    rc_object *key = lx_intern(I, name);
    if (!key)
        return -1;
    int r = rc_dict_set(d, key, value);
    rc_decref(key);
    if (r < 0) {
        lx_raise_heap_error(I);
        return -1;
    }
    return 0;
}

/* ---- traceback entries ---------------------------------------------------------------- */

static int tb_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_tb *tb = (lx_tb *)self;
    VISIT(tb->next);
    for (uint32_t i = 0; i < tb->nlocals; i++)
        VISIT(tb->locals[i]);
    return 0;
}

static void tb_clear(rc_object *self)
{
    lx_tb *tb = (lx_tb *)self;
    RC_CLEAR(tb->next);
    rc_object **locals = tb->locals;
    uint32_t n = tb->nlocals;
    tb->locals = NULL;
    tb->nlocals = 0;
    for (uint32_t i = 0; i < n; i++)
        rc_xdecref(locals[i]);
    rc_free(rc_heap_of(self), locals);
}

static void tb_destroy(rc_object *self)
{
    tb_clear(self);
    RC_CLEAR(((lx_tb *)self)->code);
}

const rc_type lx_tb_type = {
    .name = "traceback",
    .size = sizeof(lx_tb),
    .flags = RC_TYPE_GC,
    .traverse = tb_traverse,
    .clear = tb_clear,
    .destroy = tb_destroy,
};

/* ---- staticmethod, classmethod -------------------------------------------------------- */

static int wrapper_traverse(rc_object *self, rc_visit visit, void *arg)
{
    VISIT(((lx_wrapper *)self)->func);
    return 0;
}

static void wrapper_clear(rc_object *self)
{
    RC_CLEAR(((lx_wrapper *)self)->func);
}

const rc_type lx_staticmethod_type = {
    .name = "staticmethod",
    .size = sizeof(lx_wrapper),
    .flags = RC_TYPE_GC,
    .traverse = wrapper_traverse,
    .clear = wrapper_clear,
    .destroy = wrapper_clear,
};

const rc_type lx_classmethod_type = {
    .name = "classmethod",
    .size = sizeof(lx_wrapper),
    .flags = RC_TYPE_GC,
    .traverse = wrapper_traverse,
    .clear = wrapper_clear,
    .destroy = wrapper_clear,
};

/* ---- property ------------------------------------------------------------------------- */

static int property_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_property *p = (lx_property *)self;
    VISIT(p->fget);
    VISIT(p->fset);
    VISIT(p->fdel);
    VISIT(p->doc);
    return 0;
}

static void property_clear(rc_object *self)
{
    lx_property *p = (lx_property *)self;
    RC_CLEAR(p->fget);
    RC_CLEAR(p->fset);
    RC_CLEAR(p->fdel);
    RC_CLEAR(p->doc);
}

const rc_type lx_property_type = {
    .name = "property",
    .size = sizeof(lx_property),
    .flags = RC_TYPE_GC,
    .traverse = property_traverse,
    .clear = property_clear,
    .destroy = property_clear,
};

/* ---- super ---------------------------------------------------------------------------- */

static int super_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_super *s = (lx_super *)self;
    VISIT(s->type);
    VISIT(s->obj);
    return 0;
}

static void super_clear(rc_object *self)
{
    lx_super *s = (lx_super *)self;
    RC_CLEAR(s->type);
    RC_CLEAR(s->obj);
}

const rc_type lx_super_type = {
    .name = "super",
    .size = sizeof(lx_super),
    .flags = RC_TYPE_GC,
    .traverse = super_traverse,
    .clear = super_clear,
    .destroy = super_clear,
};

/* ---- slices --------------------------------------------------------------------------- */

typedef struct lx_slice {
    rc_object ob;
    rc_object *start, *stop, *step;
} lx_slice;

static int slice_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_slice *s = (lx_slice *)self;
    VISIT(s->start);
    VISIT(s->stop);
    VISIT(s->step);
    return 0;
}

static void slice_clear(rc_object *self)
{
    lx_slice *s = (lx_slice *)self;
    RC_CLEAR(s->start);
    RC_CLEAR(s->stop);
    RC_CLEAR(s->step);
}

const rc_type lx_slice_type = {
    .name = "slice",
    .size = sizeof(lx_slice),
    .flags = RC_TYPE_GC,
    .traverse = slice_traverse,
    .clear = slice_clear,
    .destroy = slice_clear,
};

rc_object *lx_slice_new(lx_interp *I, rc_object *start, rc_object *stop, rc_object *step)
{
    lx_slice *s = (lx_slice *)rc_new(I->heap, &lx_slice_type);
    if (!s)
        return lx_raise_heap_error(I);
    rc_incref(start);
    rc_incref(stop);
    rc_incref(step);
    s->start = start;
    s->stop = stop;
    s->step = step;
    rc_gc_untrack(s);             /* CPython does not track slices either */
    return &s->ob;
}

static int slice_part(lx_interp *I, rc_object *o, int64_t *out)
{
    if (o->type == &rc_int_type) {           /* the common case, without a call */
        *out = rc_int_value_fast(o);
        return 1;
    }
    if (o->type == &rc_none_type)
        return 0;
    if (o->type == &rc_bigint_type) {       /* past int64: clamped, as CPython */
        *out = rc_bigint_sign(o) > 0 ? INT64_MAX : INT64_MIN;
        return 1;
    }
    if (lx_index_value(I, o, out) < 0) {
        lx_exc_clear(I);
        lx_raise(I, LX_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    return 1;
}

int lx_is_slice(const rc_object *o)
{
    return o->type == &lx_slice_type;
}

int lx_slice_indices(lx_interp *I, rc_object *slice, rc_ssize len, rc_ssize *pstart, rc_ssize *pstop,
                     rc_ssize *pstep, rc_ssize *count)
{
    lx_slice *s = (lx_slice *)slice;
    int64_t start, stop, step = 1;
    int r = slice_part(I, s->step, &step);
    if (r < 0)
        return -1;
    if (step == 0) {
        lx_raise(I, LX_ValueError, "slice step cannot be zero");
        return -1;
    }
    int hs = slice_part(I, s->start, &start);
    if (hs < 0)
        return -1;
    int he = slice_part(I, s->stop, &stop);
    if (he < 0)
        return -1;
    if (!hs)
        start = step < 0 ? len - 1 : 0;
    else {
        if (start < 0)
            start += len;
        if (start < 0)
            start = step < 0 ? -1 : 0;
        else if (start >= len)
            start = step < 0 ? len - 1 : len;
    }
    if (!he)
        stop = step < 0 ? -1 : len;
    else {
        if (stop < 0)
            stop += len;
        if (stop < 0)
            stop = step < 0 ? -1 : 0;
        else if (stop >= len)
            stop = step < 0 ? len - 1 : len;
    }
    rc_ssize n = 0;
    if (step < 0) {
        if (stop < start)
            n = (rc_ssize)((start - stop - 1) / (-step) + 1);
    } else if (start < stop) {
        n = (rc_ssize)((stop - start - 1) / step + 1);
    }
    *pstart = (rc_ssize)start;
    *pstop = (rc_ssize)stop;
    *pstep = (rc_ssize)step;
    *count = n;
    return 0;
}

rc_object *lx_slice_repr(lx_interp *I, rc_object *slice);
rc_object *lx_slice_repr(lx_interp *I, rc_object *slice)
{
    lx_slice *s = (lx_slice *)slice;
    rc_object *a = lx_repr(I, s->start), *b = a ? lx_repr(I, s->stop) : NULL,
              *c = b ? lx_repr(I, s->step) : NULL;
    rc_object *r = NULL;
    if (c) {
        size_t n = rc_str_size(a) + rc_str_size(b) + rc_str_size(c) + 16;
        char *buf = malloc(n);
        if (buf) {
            int w = snprintf(buf, n, "slice(%s, %s, %s)", rc_str_data(a), rc_str_data(b), rc_str_data(c));
            r = rc_str_new(I->heap, buf, (size_t)w);
            free(buf);
        }
        if (!r)
            lx_raise(I, LX_MemoryError, "out of memory");
    }
    rc_xdecref(a);
    rc_xdecref(b);
    rc_xdecref(c);
    return r;
}

/* ---- singletons: NotImplemented, Ellipsis --------------------------------------------- */

const rc_type lx_singleton_type = {
    .name = "singleton",
    .size = sizeof(rc_object) + sizeof(void *),
};
