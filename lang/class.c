/*
 * lang/class.c — classes, instances and the attribute protocol.
 *
 * Classes.  Every type a script sees is an lx_class: the built-in ones
 * (int, list, function, ValueError, ...) are made at start-up, user classes
 * by the class statement (lx_class_create).  A class holds its namespace
 * dict, its bases and its method resolution order (C3, as CPython).  A class
 * whose instances are lx_inst (user classes, object, the exception classes)
 * embeds their rc_type (itype), so an instance finds its class by pointer
 * arithmetic; other rc_types map to their class through I->typemap.
 *
 * Instances.  Attributes live in an attribute table owned by the instance:
 * the class keeps the list of attribute names its instances have used
 * (keys, interned), and an instance keeps one value per key, the first
 * `ninline` in the instance itself, the rest in an `extra` block.  The
 * instance's traverse visits the values directly, so an instance with
 * attributes is ONE object for the collector, as in CPython 3.11; reading
 * __dict__ moves the values into a real dict (a second tracked object) and
 * the table stays empty from then on.  __slots__ classes use the same table
 * with a fixed set of keys and never get a dict.
 *
 * Caches.  I->epoch changes whenever a class namespace or a key list
 * changes; the evaluator's inline caches (eval.c) remember (class, epoch) and
 * the key index or method they found.
 *
 * Metaclasses.  type and its script subclasses are CLS_META: their
 * instances are classes.  A class made by a metaclass M other than type
 * keeps M in `meta`; its attribute lookup falls back on M's mro (M's data
 * descriptors first), calling it goes through M.__call__ when M has one,
 * and assigning to it through M.__setattr__ or M's properties.
 *
 * Invariants: an instance holds a reference to its class (released by
 * destroy, never by clear, so a class outlives its instances' memory);
 * keys[i] for i < nreserved is NULL (slots used by the core, e.g. exception
 * args); a key index never changes once given.
 */
#define _POSIX_C_SOURCE 200809L
#include "core.h"

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static lx_interp *interp_of(const rc_object *o)
{
    return rc_heap_userdata(rc_heap_of(o));
}

/* ---- the class type ---------------------------------------------------------------- */

static int class_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_class *c = (lx_class *)self;
    VISIT(c->base);
    VISIT(c->meta);
    VISIT(c->bases);
    VISIT(c->mro);
    VISIT(c->dict);
    return 0;
}

static void class_clear(rc_object *self)
{
    lx_class *c = (lx_class *)self;
    if (c->I)
        c->I->epoch++;
    RC_CLEAR(c->dict);
    RC_CLEAR(c->mro);
    RC_CLEAR(c->bases);
    RC_CLEAR(c->base);
    RC_CLEAR(c->meta);
}

static void class_destroy(rc_object *self)
{
    lx_class *c = (lx_class *)self;
    class_clear(self);
    RC_CLEAR(c->name);
    RC_CLEAR(c->qualname);
    RC_CLEAR(c->module);
    rc_heap *h = rc_heap_of(self);
    for (uint32_t i = 0; i < c->nkeys; i++)
        rc_xdecref(c->keys[i]);
    rc_free(h, c->keys);
    rc_free(h, c->cname);
}

const rc_type lx_class_type = {
    .name = "type",
    .size = sizeof(lx_class),
    .flags = RC_TYPE_GC,
    .traverse = class_traverse,
    .clear = class_clear,
    .destroy = class_destroy,
};

int lx_is_class(const rc_object *o)
{
    return o && o->type == &lx_class_type;
}

/* ---- instances --------------------------------------------------------------------- */

static void inst_clear(rc_object *self);
static void inst_destroy(rc_object *self);
static void inst_finalize(rc_object *self);
static int64_t inst_hash(rc_object *self);
static int inst_eq(rc_object *self, rc_object *other);

int lx_inst_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_inst *o = (lx_inst *)self;
    VISIT(lx_class_of_itype(self->type));
    VISIT(o->dict);
    for (uint32_t i = 0; i < o->ninline; i++)
        VISIT(o->vals[i]);
    for (uint32_t i = 0; i < o->nextra; i++)
        VISIT(o->extra[i]);
    return 0;
}

static void inst_clear(rc_object *self)
{
    lx_inst *o = (lx_inst *)self;
    RC_CLEAR(o->dict);
    for (uint32_t i = 0; i < o->ninline; i++)
        RC_CLEAR(o->vals[i]);
    for (uint32_t i = 0; i < o->nextra; i++)
        RC_CLEAR(o->extra[i]);
}

static void inst_destroy(rc_object *self)
{
    lx_inst *o = (lx_inst *)self;
    inst_clear(self);
    if (o->extra) {
        rc_free(rc_heap_of(self), o->extra);
        o->extra = NULL;
        o->nextra = 0;
    }
    rc_decref(lx_class_of_itype(self->type));
}

int lx_inst_set_slot(lx_interp *I, lx_inst *o, uint32_t index, rc_object *value)
{
    rc_object **slot = lx_inst_slot(o, index);
    if (!slot) {
        lx_class *cls = lx_class_of_itype(o->ob.type);
        uint32_t need = (cls->nkeys > index + 1 ? cls->nkeys : index + 1) - o->ninline;
        rc_object **extra = rc_realloc(I->heap, o->extra, need * sizeof *extra);
        if (!extra) {
            lx_raise_heap_error(I);
            return -1;
        }
        for (uint32_t i = o->nextra; i < need; i++)
            extra[i] = NULL;
        o->extra = extra;
        o->nextra = need;
        slot = lx_inst_slot(o, index);
    }
    rc_xincref(value);
    RC_SETREF(*slot, value);
    return 0;
}

/* The index of name among cls's instance keys; add: append if missing. */
int lx_inst_key_index(lx_interp *I, lx_class *cls, rc_object *name, int add)
{
    for (uint32_t i = cls->nreserved; i < cls->nkeys; i++)
        if (cls->keys[i] == name)
            return (int)i;
    if (!rc_str_is_interned(name)) {
        for (uint32_t i = cls->nreserved; i < cls->nkeys; i++)
            if (rc_equal(cls->keys[i], name) == 1)
                return (int)i;
    }
    if (!add)
        return -1;
    if (cls->nkeys == cls->keys_cap) {
        uint32_t cap = cls->keys_cap ? cls->keys_cap * 2 : 8;
        rc_object **keys = rc_realloc(I->heap, cls->keys, cap * sizeof *keys);
        if (!keys) {
            lx_raise_heap_error(I);
            return -2;
        }
        cls->keys = keys;
        cls->keys_cap = cap;
    }
    rc_object *key = rc_str_intern(I->heap, name);
    if (!key) {
        lx_raise_heap_error(I);
        return -2;
    }
    cls->keys[cls->nkeys] = key;
    I->epoch++;
    return (int)cls->nkeys++;
}

rc_object *lx_inst_new(lx_interp *I, lx_class *cls)
{
    uint32_t n = cls->ninline;
    if (n < cls->nkeys && !(cls->flags & CLS_SLOTS))
        n = cls->ninline = cls->nkeys < 64 ? cls->nkeys : 64;
    lx_inst *o = (lx_inst *)rc_new_var(I->heap, &cls->itype, n);
    if (!o)
        return lx_raise_heap_error(I);
    o->ninline = n;
    rc_incref(cls);
    if (cls->vbase && lx_value_fill(I, &o->ob) < 0) {
        rc_decref(o);
        return NULL;
    }
    return &o->ob;
}

/* Instance attribute (borrowed) or NULL (no exception). */
rc_object *lx_inst_get(lx_inst *o, lx_class *cls, rc_object *name)
{
    if (o->dict)
        return rc_dict_get(o->dict, name);
    int ix = lx_inst_key_index(cls->I, cls, name, 0);
    if (ix < 0)
        return NULL;
    rc_object **slot = lx_inst_slot(o, (uint32_t)ix);
    return slot ? *slot : NULL;
}

/* Move the attribute table into a real dict (the first read of __dict__). */
static rc_object *inst_materialize_dict(lx_interp *I, lx_inst *o)
{
    if (o->dict)
        return o->dict;
    lx_class *cls = lx_class_of_itype(o->ob.type);
    rc_object *d = rc_dict_new(I->heap);
    if (!d)
        return lx_raise_heap_error(I);
    for (uint32_t i = cls->nreserved; i < cls->nkeys; i++) {
        rc_object **slot = lx_inst_slot(o, i);
        if (slot && *slot && rc_dict_set(d, cls->keys[i], *slot) < 0) {
            rc_decref(d);
            return lx_raise_heap_error(I);
        }
    }
    for (uint32_t i = cls->nreserved; i < cls->nkeys; i++) {
        rc_object **slot = lx_inst_slot(o, i);
        if (slot)
            RC_CLEAR(*slot);
    }
    o->dict = d;
    return d;
}

static void inst_finalize(rc_object *self)
{
    lx_interp *I = interp_of(self);
    if (!I)
        return;
    lx_class *cls = lx_class_of_itype(self->type);
    rc_object *del = lx_class_lookup(cls, I->names.__del__);
    if (!del)
        return;
    rc_object *saved_exc = I->exc;
    I->exc = NULL;
    rc_object *r = lx_call(I, del, &self, 1, NULL);
    if (!r)
        lx_exc_print_unraisable(I, NULL, del);
    rc_xdecref(r);
    I->exc = saved_exc;
}

/* The hash of a subclass instance without its own __hash__: its value's,
 * TypeError naming the class for an unhashable value. */
static int64_t value_hash(lx_interp *I, lx_class *cls, rc_object *value)
{
    const rc_type *t = value->type;
    if (t == &rc_list_type || t == &rc_dict_type || t == &lx_set_type) {
        lx_raise(I, LX_TypeError, "unhashable type: '%s'", rc_str_data(cls->name));
        return -1;
    }
    return lx_hash(I, value);
}

static int64_t inst_hash(rc_object *self)
{
    lx_interp *I = interp_of(self);
    lx_class *cls = lx_class_of_itype(self->type);
    rc_object *h = I ? lx_class_lookup(cls, I->names.__hash__) : NULL;
    rc_object *value = cls->vbase ? ((lx_inst *)self)->vals[LX_VALUE_SLOT] : NULL;
    if (I && value && (!h || h->type == &lx_cfunc_type))
        return value_hash(I, cls, value);
    if (!h || h->type == &lx_cfunc_type)
        return (int64_t)((uintptr_t)self >> 4) == -1 ? -2 : (int64_t)((uintptr_t)self >> 4);
    if (h == rc_none()) {
        lx_raise(I, LX_TypeError, "unhashable type: '%s'", rc_str_data(cls->name));
        return -1;
    }
    rc_object *r = lx_call(I, h, &self, 1, NULL);
    if (!r)
        return -1;
    int64_t v;
    if (!rc_is_type(r, &rc_int_type) && !rc_is_type(r, &rc_bool_type)) {
        rc_decref(r);
        lx_raise(I, LX_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    v = rc_int_value(r);
    rc_decref(r);
    return v == -1 ? -2 : v;
}

static int inst_eq(rc_object *self, rc_object *other)
{
    lx_interp *I = interp_of(self);
    if (self == other)
        return 1;
    if (!I)
        return 0;
    rc_object *r = lx_rich_compare(I, self, other, LX_CMP_EQ);
    if (!r)
        return -1;
    int t = lx_truth(I, r);
    rc_decref(r);
    return t;
}

/* ---- class lookup ----------------------------------------------------------------------- */

/* name in the class's mro dicts: borrowed, or NULL (no exception). */
static rc_object *mro_lookup(lx_class *cls, rc_object *name)
{
    if (!cls->mro) {
        for (lx_class *c = cls; c; c = c->base) {
            rc_object *v = c->dict ? rc_dict_get(c->dict, name) : NULL;
            if (v)
                return v;
        }
        return NULL;
    }
    rc_ssize n = rc_tuple_len(cls->mro);
    for (rc_ssize i = 0; i < n; i++) {
        lx_class *c = (lx_class *)rc_tuple_get(cls->mro, i);
        rc_object *v = c->dict ? rc_dict_get(c->dict, name) : NULL;
        if (v)
            return v;
    }
    return NULL;
}

static lx_lookup_entry *lookup_entry(lx_interp *I, const lx_class *cls, const rc_object *name)
{
    uintptr_t h = ((uintptr_t)cls >> 4) * 31 + ((uintptr_t)name >> 4);
    return &I->lookup_cache[(h ^ (h >> 10)) & (LX_LOOKUP_CACHE_SIZE - 1)];
}

/* The MRO walk behind every attribute lookup, remembered per (class,
 * name) until I->epoch moves (any class namespace, key list or new class).
 * Only interned names are remembered (the names code spells out): a name
 * computed at run time is not kept alive by the cache.  The epoch is read
 * before the walk: a walk that ran code which changed a class leaves an
 * entry that is already stale. */
rc_object *lx_class_lookup(lx_class *cls, rc_object *name)
{
    lx_interp *I = cls->I;
    if (!I || name->type != &rc_str_type || !rc_str_is_interned(name))
        return mro_lookup(cls, name);
    lx_lookup_entry *e = lookup_entry(I, cls, name);
    if (e->cls == cls && e->name == name && e->epoch == I->epoch)
        return e->value;
    uint32_t epoch = I->epoch;
    rc_object *v = mro_lookup(cls, name);
    rc_object *old = e->name;
    rc_incref(name);
    e->cls = cls;
    e->name = name;
    e->value = v;
    e->epoch = epoch;
    rc_xdecref(old);
    return v;
}

void lx_lookup_cache_clear(lx_interp *I)
{
    for (size_t i = 0; i < LX_LOOKUP_CACHE_SIZE; i++)
        RC_CLEAR(I->lookup_cache[i].name);
    memset(I->lookup_cache, 0, sizeof I->lookup_cache);
}

/* A full collection also lets go of the names the cache holds: after
 * `del` and gc.collect() nothing the script dropped stays behind. */
static void clear_lookup_cache_after_full(rc_heap *h, int phase, int generation, rc_ssize collected,
                                          rc_ssize uncollectable, void *arg)
{
    (void)h, (void)collected, (void)uncollectable;
    if (phase == RC_GC_STOP && generation == 2)
        lx_lookup_cache_clear(arg);
}

int lx_lookup_cache_init(lx_interp *I)
{
    return rc_gc_add_callback(I->heap, clear_lookup_cache_after_full, I);
}

int lx_is_subclass(lx_class *a, lx_class *b)
{
    if (a == b)
        return 1;
    if (a->mro) {
        rc_ssize n = rc_tuple_len(a->mro);
        for (rc_ssize i = 0; i < n; i++)
            if (rc_tuple_get(a->mro, i) == &b->ob)
                return 1;
        return 0;
    }
    for (lx_class *c = a->base; c; c = c->base)
        if (c == b)
            return 1;
    return 0;
}

/* ---- the type map ------------------------------------------------------------------------ */

void lx_typemap_add(lx_interp *I, const rc_type *t, lx_class *cls)
{
    if (I->ntypemap == I->typemap_cap) {
        size_t cap = I->typemap_cap ? I->typemap_cap * 2 : 64;
        lx_typemap_entry *v = realloc(I->typemap, cap * sizeof *v);
        if (!v)
            return;
        I->typemap = v;
        I->typemap_cap = cap;
    }
    rc_incref(cls);
    I->typemap[I->ntypemap].type = t;
    I->typemap[I->ntypemap].cls = cls;
    I->ntypemap++;
}

lx_class *lx_class_of(lx_interp *I, const rc_object *o)
{
    const rc_type *t = o->type;
    if (t->traverse == lx_inst_traverse)
        return lx_class_of_itype(t);
    if (t == &lx_class_type)
        return ((const lx_class *)o)->meta ? ((const lx_class *)o)->meta : I->c_type;
    if (t == &rc_int_type || t == &rc_bigint_type) return I->c_int;
    if (t == &rc_str_type) return I->c_str;
    if (t == &rc_list_type) return I->c_list;
    if (t == &rc_float_type) return I->c_float;
    if (t == &rc_tuple_type) return I->c_tuple;
    if (t == &rc_dict_type) return I->c_dict;
    if (t == &rc_none_type) return I->c_none;
    if (t == &rc_bool_type) return I->c_bool;
    if (o == I->not_implemented) return I->c_notimpl;
    if (o == I->ellipsis) return I->c_ellipsis;
    lx_typemap_entry *cached = &I->typecache[((uintptr_t)t >> 4) & (LX_TYPECACHE_SIZE - 1)];
    if (cached->type == t)
        return cached->cls;
    for (size_t i = 0; i < I->ntypemap; i++)
        if (I->typemap[i].type == t) {
            *cached = I->typemap[i];
            return I->typemap[i].cls;
        }
    return I->c_object;
}

int lx_weakref_allowed(lx_interp *I, rc_object *o)
{
    (void)I;
    const rc_type *t = o->type;
    return t->traverse != lx_inst_traverse || !(lx_class_of_itype(t)->flags & CLS_NOWEAKREF);
}

rc_object *lx_type_of(lx_interp *I, rc_object *o)
{
    return &lx_class_of(I, o)->ob;
}

const char *lx_type_name(lx_interp *I, rc_object *o)
{
    lx_class *c = lx_class_of(I, o);
    if (c == I->c_object && !lx_is_inst(o))
        return o->type->name;
    return rc_str_data(c->name);
}

int lx_isinstance(lx_interp *I, rc_object *o, rc_object *cls)
{
    if (rc_is_type(cls, &rc_tuple_type)) {
        for (rc_ssize i = 0; i < rc_tuple_len(cls); i++) {
            int r = lx_isinstance(I, o, rc_tuple_get(cls, i));
            if (r)
                return r;
        }
        return 0;
    }
    if (!lx_is_class(cls)) {
        lx_raise(I, LX_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
        return -1;
    }
    return lx_is_subclass(lx_class_of(I, o), (lx_class *)cls);
}

/* ---- creating classes -------------------------------------------------------------------- */

static void init_itype(lx_class *c)
{
    c->itype.name = c->cname;
    c->itype.size = sizeof(lx_inst);
    c->itype.itemsize = sizeof(rc_object *);
    c->itype.flags = RC_TYPE_GC | (c->vbase ? RC_TYPE_EQ_FIRST : 0);
    c->itype.traverse = lx_inst_traverse;
    c->itype.clear = inst_clear;
    c->itype.destroy = inst_destroy;
    c->itype.finalize = (c->flags & CLS_HAS_DEL) ? inst_finalize : NULL;
    c->itype.hash = inst_hash;
    c->itype.eq = inst_eq;
}

static lx_class *class_alloc(lx_interp *I, rc_object *name)
{
    lx_class *c = (lx_class *)rc_new(I->heap, &lx_class_type);
    if (!c) {
        lx_raise_heap_error(I);
        return NULL;
    }
    c->I = I;
    I->epoch++;                 /* a class may now stand where a dead one did */
    rc_incref(name);
    c->name = name;
    rc_incref(name);
    c->qualname = name;
    size_t n = rc_str_size(name) + 1;
    c->cname = rc_malloc(I->heap, n);     /* on the heap: goes with it even if c leaks */
    if (c->cname)
        memcpy(c->cname, rc_str_data(name), n);
    c->dict = rc_dict_new(I->heap);
    if (!c->cname || !c->dict) {
        rc_decref(c);
        lx_raise(I, LX_MemoryError, "out of memory");
        return NULL;
    }
    return c;
}

static int set_mro_single(lx_interp *I, lx_class *c)
{
    size_t n = 0;
    for (lx_class *k = c; k; k = k->base)
        n++;
    rc_object *mro = rc_tuple_new(I->heap, (rc_ssize)n);
    if (!mro) {
        lx_raise_heap_error(I);
        return -1;
    }
    size_t i = 0;
    for (lx_class *k = c; k; k = k->base)
        rc_tuple_set(mro, (rc_ssize)i++, &k->ob);
    c->mro = mro;
    return 0;
}

lx_class *lx_class_new_builtin(lx_interp *I, const char *name, const rc_type *native, lx_class *base,
                               unsigned flags)
{
    rc_object *nm = lx_intern(I, name);
    if (!nm)
        return NULL;
    lx_class *c = class_alloc(I, nm);
    rc_decref(nm);
    if (!c)
        return NULL;
    c->native = native;
    c->flags = flags | CLS_BUILTIN;
    if (base) {
        rc_incref(base);
        c->base = base;
        c->flags |= base->flags & (CLS_EXC | CLS_INSTANCES);
        c->nreserved = base->nreserved;
        c->bases = rc_tuple_new(I->heap, 1);
        if (c->bases)
            rc_tuple_set(c->bases, 0, &base->ob);
    } else {
        c->bases = rc_tuple_new(I->heap, 0);
    }
    if (!c->bases || set_mro_single(I, c) < 0) {
        rc_decref(c);
        return NULL;
    }
    if (c->flags & CLS_INSTANCES) {
        c->nkeys = c->nreserved;
        if (c->nkeys) {
            c->keys = rc_calloc(I->heap, c->nkeys, sizeof *c->keys);
            c->keys_cap = c->nkeys;
        }
        c->ninline = c->nreserved;
        init_itype(c);
    }
    if (native)
        lx_typemap_add(I, native, c);
    return c;
}

/* The built-in methods that are class methods: args[0] is the class. */
static int is_class_method_name(const char *name)
{
    return strcmp(name, "fromkeys") == 0 || strcmp(name, "from_bytes") == 0;
}

/* Bind a {NULL,NULL}-terminated method table into a built-in class. */
void lx_class_bind_methods(lx_interp *I, lx_class *cls, const lx_func_def *defs)
{
    for (const lx_func_def *d = defs; d && d->name; d++) {
        rc_object *fn = lx_cfunc_new(I, d->name, d->fn);
        if (!fn)
            return;
        if (is_class_method_name(d->name)) {
            /* a class method: args[0] is the class */
            lx_wrapper *w = (lx_wrapper *)rc_new(I->heap, &lx_classmethod_type);
            if (!w) {
                rc_decref(fn);
                return;
            }
            w->func = fn;
            fn = &w->ob;
        } else {
            ((lx_cfunc_obj *)fn)->self_type = cls->native;
            ((lx_cfunc_obj *)fn)->is_method = 1;
        }
        rc_object *key = lx_intern(I, d->name);
        if (key)
            rc_dict_set(cls->dict, key, fn);
        rc_xdecref(key);
        rc_decref(fn);
    }
}

int lx_register_type(lx_interp *I, const lx_type_slots *slots)
{
    if (!slots || !slots->type) {
        lx_raise(I, LX_ValueError, "lx_register_type: no type");
        return -1;
    }
    for (size_t i = 0; i < I->ntypemap; i++)
        if (I->typemap[i].type == slots->type) {
            I->typemap[i].cls->slots = slots;
            I->typemap[i].cls->ctor = slots->construct;
            return 0;
        }
    lx_class *c = lx_class_new_builtin(I, slots->name ? slots->name : slots->type->name, slots->type,
                                       I->c_object, 0);
    if (!c)
        return -1;
    c->slots = slots;
    c->ctor = slots->construct;
    c->flags |= CLS_NOSUBCLASS;
    if (slots->module && !(c->module = lx_strz(I, slots->module))) {
        rc_decref(c);
        return -1;
    }
    lx_class_bind_methods(I, c, slots->methods);
    rc_decref(c);              /* the type map keeps it */
    return 0;
}

/* C3 linearisation of the bases' mros. */
static rc_object *compute_mro(lx_interp *I, lx_class *c, rc_object *bases)
{
    rc_ssize nb = rc_tuple_len(bases);
    if (nb == 1) {
        lx_class *b = (lx_class *)rc_tuple_get(bases, 0);
        rc_ssize n = rc_tuple_len(b->mro);
        rc_object *mro = rc_tuple_new(I->heap, n + 1);
        if (!mro)
            return lx_raise_heap_error(I);
        rc_tuple_set(mro, 0, &c->ob);
        for (rc_ssize i = 0; i < n; i++)
            rc_tuple_set(mro, i + 1, rc_tuple_get(b->mro, i));
        return mro;
    }
    /* sequences: each base's mro, then the bases list */
    rc_ssize nseq = nb + 1;
    rc_object **seqs = calloc((size_t)nseq, sizeof *seqs);
    rc_ssize *heads = calloc((size_t)nseq, sizeof *heads);
    rc_object *out = rc_list_new(I->heap);
    rc_object *result = NULL;
    if (!seqs || !heads || !out) {
        lx_raise(I, LX_MemoryError, "out of memory");
        goto done;
    }
    for (rc_ssize i = 0; i < nb; i++)
        seqs[i] = ((lx_class *)rc_tuple_get(bases, i))->mro;
    seqs[nb] = bases;
    rc_list_append(out, &c->ob);
    for (;;) {
        int remaining = 0;
        rc_object *cand = NULL;
        for (rc_ssize i = 0; i < nseq && !cand; i++) {
            if (heads[i] >= rc_tuple_len(seqs[i]))
                continue;
            remaining = 1;
            rc_object *h = rc_tuple_get(seqs[i], heads[i]);
            int in_tail = 0;
            for (rc_ssize j = 0; j < nseq && !in_tail; j++)
                for (rc_ssize k = heads[j] + 1; k < rc_tuple_len(seqs[j]); k++)
                    if (rc_tuple_get(seqs[j], k) == h) {
                        in_tail = 1;
                        break;
                    }
            if (!in_tail)
                cand = h;
        }
        if (!remaining)
            break;
        if (!cand) {
            lx_raise(I, LX_TypeError, "Cannot create a consistent method resolution order (MRO) for bases");
            goto done;
        }
        rc_list_append(out, cand);
        for (rc_ssize i = 0; i < nseq; i++)
            if (heads[i] < rc_tuple_len(seqs[i]) && rc_tuple_get(seqs[i], heads[i]) == cand)
                heads[i]++;
    }
    result = lx_tuple_from_iterable(I, out);
done:
    free(seqs);
    free(heads);
    rc_xdecref(out);
    return result;
}

static unsigned scan_flags(lx_interp *I, lx_class *c)
{
    unsigned flags = 0;
    lx_names *N = &I->names;
    if (lx_class_lookup(c, N->__del__))
        flags |= CLS_HAS_DEL;
    if (lx_class_lookup(c, N->__getattr__))
        flags |= CLS_HAS_GETATTR;
    rc_object *nw = lx_class_lookup(c, N->__new__);
    if (nw && (nw->type == &lx_func_type || nw->type == &lx_staticmethod_type))
        flags |= CLS_USER_NEW;
    rc_object *sa = lx_class_lookup(c, N->__setattr__);
    rc_object *da = lx_class_lookup(c, N->__delattr__);
    if ((sa && sa->type == &lx_func_type) || (da && da->type == &lx_func_type))
        flags |= CLS_HAS_SETATTR;
    rc_ssize n = rc_tuple_len(c->mro);
    for (rc_ssize i = 0; i < n; i++) {
        lx_class *k = (lx_class *)rc_tuple_get(c->mro, i);
        rc_ssize pos = 0;
        rc_object *key, *v;
        while (k->dict && rc_dict_next(k->dict, &pos, &key, &v))
            if (v->type == &lx_property_type || (lx_is_inst(v) && lx_class_lookup(lx_class_of(I, v), N->__get__)))
                flags |= CLS_HAS_DESCR;
    }
    return flags;
}

static int setup_slots(lx_interp *I, lx_class *c, rc_object *slots)
{
    rc_object *names;
    if (rc_is_type(slots, &rc_str_type)) {
        names = rc_tuple_new(I->heap, 1);
        if (!names)
            return lx_raise_heap_error(I), -1;
        rc_tuple_set(names, 0, slots);
    } else {
        names = lx_tuple_from_iterable(I, slots);
        if (!names)
            return -1;
    }
    int dict_allowed = 0, weakref_allowed = 0;
    for (rc_ssize i = 0; i < rc_tuple_len(names); i++) {
        rc_object *n = rc_tuple_get(names, i);
        if (!rc_is_type(n, &rc_str_type)) {
            rc_decref(names);
            lx_raise(I, LX_TypeError, "__slots__ items must be strings, not '%s'", lx_type_name(I, n));
            return -1;
        }
        if (strcmp(rc_str_data(n), "__dict__") == 0) {
            dict_allowed = 1;
            continue;
        }
        if (strcmp(rc_str_data(n), "__weakref__") == 0) {
            weakref_allowed = 1;
            continue;
        }
        if (lx_inst_key_index(I, c, n, 1) < 0) {
            rc_decref(names);
            return -1;
        }
        c->nslots++;
    }
    rc_decref(names);
    int plain_base = c->base == I->c_object || c->base == c->base->vbase;
    if (!dict_allowed && (plain_base || (c->base->flags & CLS_SLOTS) || (c->base->flags & CLS_EXC))) {
        if (!(c->base->flags & CLS_EXC))
            c->flags |= CLS_SLOTS;
    }
    if (!weakref_allowed && (c->base->flags & CLS_NOWEAKREF))
        c->flags |= CLS_NOWEAKREF;
    c->ninline = c->nkeys;
    return 0;
}

/* The built-in value class (list, dict, str, ...) the bases derive from:
 * c->vbase, with its value slot reserved; 0, or -1 with TypeError when two
 * bases hold different values or one is an exception. */
static int set_value_base(lx_interp *I, lx_class *c, rc_object *bases)
{
    for (rc_ssize i = 0; i < rc_tuple_len(bases); i++) {
        lx_class *vb = ((lx_class *)rc_tuple_get(bases, i))->vbase;
        if (!vb || vb == c->vbase)
            continue;
        if (c->vbase || (c->flags & CLS_EXC)) {
            lx_raise(I, LX_TypeError, "multiple bases have instance lay-out conflict");
            return -1;
        }
        c->vbase = vb;
    }
    if (c->vbase) {
        I->str_subclassed |= c->vbase == I->c_str;
        c->flags |= c->vbase->flags & CLS_VALUE_ARGS;
        if (c->nreserved < LX_VALUE_NRESERVED)
            c->nreserved = LX_VALUE_NRESERVED;
    }
    return 0;
}

/* Named __slots__ over int, str, bytes or tuple: TypeError, as CPython (their
 * values are of variable size there, with no room after them). */
static int check_value_slots(lx_interp *I, lx_class *c)
{
    lx_class *vb = c->vbase;
    if (!vb || !c->nslots || (vb != I->c_int && vb != I->c_str && vb != I->c_tuple && vb != I->c_bytes))
        return 0;
    lx_raise(I, LX_TypeError, "nonempty __slots__ not supported for subtype of '%s'", rc_str_data(vb->name));
    return -1;
}

/* Is the built-in class one CPython refuses as a base too (no subtypes)? */
static int final_in_cpython(const char *name)
{
    static const char *const finals[] = {
        "bool", "NoneType", "NotImplementedType", "ellipsis", "range", "slice", "memoryview",
        "function", "builtin_function_or_method", "method", "cell", "code", "frame", "generator",
        "traceback", "mappingproxy", "dict_keys", "dict_values", "dict_items", NULL,
    };
    for (const char *const *f = finals; *f; f++)
        if (strcmp(*f, name) == 0)
            return 1;
    return strstr(name, "iterator") != NULL;
}

/* A base that cannot be subclassed: CPython's TypeError for a type it
 * refuses too, NotImplementedError naming the gap for one it accepts. */
static unsigned bad_base(lx_interp *I, lx_class *bc)
{
    const char *name = rc_str_data(bc->name);
    if (final_in_cpython(name))
        lx_raise(I, LX_TypeError, "type '%s' is not an acceptable base type", name);
    else
        lx_raise(I, LX_NotImplementedError, "subclassing '%s' is not supported", name);
    return 0;
}

/* What the new class's instances are: CLS_INSTANCES, or CLS_META when a
 * base is type or a metaclass (the other bases may only be plain mixins:
 * no slots, no exception); 0 with TypeError. */
static unsigned check_bases(lx_interp *I, rc_object *bases)
{
    unsigned kind = CLS_INSTANCES;
    rc_ssize nb = rc_tuple_len(bases);
    for (rc_ssize i = 0; i < nb; i++) {
        rc_object *b = rc_tuple_get(bases, i);
        if (!lx_is_class(b)) {
            lx_raise(I, LX_TypeError, "bases must be types");
            return 0;
        }
        lx_class *bc = (lx_class *)b;
        if (bc->flags & CLS_NOSUBCLASS)
            return bad_base(I, bc);
        if (bc->flags & CLS_META)
            kind = CLS_META;
        else if (!(bc->flags & CLS_INSTANCES) && !bc->vbase)
            return bad_base(I, bc);
    }
    for (rc_ssize i = 0; kind == CLS_META && i < nb; i++) {
        lx_class *bc = (lx_class *)rc_tuple_get(bases, i);
        if (!(bc->flags & CLS_META) && ((bc->flags & (CLS_SLOTS | CLS_EXC | CLS_BUILTIN)) || bc->vbase) &&
            bc != I->c_object) {
            lx_raise(I, LX_TypeError, "multiple bases have instance lay-out conflict");
            return 0;
        }
    }
    return kind;
}

rc_object *lx_class_create(lx_interp *I, rc_object *name, rc_object *bases, rc_object *ns)
{
    rc_ssize nb = rc_tuple_len(bases);
    rc_object *real_bases = NULL;
    if (nb == 0) {
        real_bases = rc_tuple_new(I->heap, 1);
        if (!real_bases)
            return lx_raise_heap_error(I);
        rc_tuple_set(real_bases, 0, &I->c_object->ob);
    } else {
        rc_incref(bases);
        real_bases = bases;
    }
    unsigned kind = check_bases(I, real_bases);
    if (!kind) {
        rc_decref(real_bases);
        return NULL;
    }
    nb = rc_tuple_len(real_bases);
    lx_class *c = class_alloc(I, name);
    if (!c) {
        rc_decref(real_bases);
        return NULL;
    }
    lx_class *base = (lx_class *)rc_tuple_get(real_bases, 0);
    rc_incref(base);
    c->base = base;
    c->bases = real_bases;
    c->flags = kind;
    for (rc_ssize i = 0; i < nb; i++) {
        lx_class *bc = (lx_class *)rc_tuple_get(real_bases, i);
        c->flags |= bc->flags & CLS_EXC;
        if (bc->nreserved > c->nreserved)
            c->nreserved = bc->nreserved;
    }
    if (kind == CLS_INSTANCES && set_value_base(I, c, real_bases) < 0) {
        rc_decref(c);
        return NULL;
    }
    c->mro = compute_mro(I, c, real_bases);
    if (!c->mro) {
        rc_decref(c);
        return NULL;
    }
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc_dict_next(ns, &pos, &k, &v))
        if (k != I->names.__classcell__ && rc_dict_set(c->dict, k, v) < 0) {
            rc_decref(c);
            return lx_raise_heap_error(I);
        }
    if (rc_dict_get(c->dict, I->names.__eq__) && !rc_dict_get(c->dict, I->names.__hash__) &&
        rc_dict_set(c->dict, I->names.__hash__, rc_none()) < 0) {
        rc_decref(c);
        return lx_raise_heap_error(I);
    }
    rc_object *qn = rc_dict_get(c->dict, I->names.__qualname__);
    if (qn && rc_is_type(qn, &rc_str_type)) {
        RC_SETREF(c->qualname, (rc_incref(qn), qn));
        rc_dict_del(c->dict, I->names.__qualname__);
    }
    rc_object *mod = rc_dict_get(c->dict, I->names.__module__);
    if (mod) {
        rc_incref(mod);
        c->module = mod;
    }
    /* instances start with the layout base's attribute keys (its slots keep
     * their indices) */
    uint32_t inherited = base->nkeys > c->nreserved ? base->nkeys : c->nreserved;
    if (inherited) {
        c->keys = rc_calloc(I->heap, inherited, sizeof *c->keys);
        if (!c->keys) {
            rc_decref(c);
            return lx_raise_heap_error(I);
        }
        for (uint32_t i = 0; i < base->nkeys; i++)
            if (base->keys[i]) {
                rc_incref(base->keys[i]);
                c->keys[i] = base->keys[i];
            }
        c->nkeys = c->keys_cap = inherited;
        c->nslots = base->nslots;
    }
    rc_object *slots = rc_dict_get(c->dict, I->names.__slots__);
    if (slots && kind == CLS_INSTANCES && (setup_slots(I, c, slots) < 0 || check_value_slots(I, c) < 0)) {
        rc_decref(c);
        return NULL;
    }
    if (c->base->flags & CLS_SLOTS && !slots)
        c->flags &= ~CLS_SLOTS;
    c->ninline = c->nkeys;
    c->flags |= scan_flags(I, c);
    init_itype(c);
    I->epoch++;
    return &c->ob;
}

lx_class *lx_meta_winner(lx_interp *I, lx_class *meta, rc_object *bases)
{
    lx_class *winner = meta;
    for (rc_ssize i = 0; i < rc_tuple_len(bases); i++) {
        rc_object *b = rc_tuple_get(bases, i);
        lx_class *bm = lx_class_of(I, b);
        if (lx_is_subclass(winner, bm))
            continue;
        if (lx_is_subclass(bm, winner)) {
            winner = bm;
            continue;
        }
        lx_raise(I, LX_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                                  "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

rc_object *lx_type_new(lx_interp *I, lx_class *meta, rc_object *name, rc_object *bases, rc_object *ns,
                       rc_object *kw)
{
    lx_class *winner = lx_meta_winner(I, meta, bases);
    if (!winner)
        return NULL;
    rc_object *cls = lx_class_create(I, name, bases, ns);
    if (!cls)
        return NULL;
    if (winner != I->c_type) {
        rc_incref(winner);
        ((lx_class *)cls)->meta = winner;
    }
    rc_object *cell = rc_dict_get(ns, I->names.__classcell__);
    if (cell && cell->type == &lx_cell_type)
        RC_SETREF(((lx_cell *)cell)->ref, (rc_incref(cls), cls));
    if (lx_class_created(I, cls, kw) < 0)
        RC_CLEAR(cls);
    return cls;
}

/* After a class attribute changed: refresh what the flags cache. */
static void class_changed(lx_interp *I, lx_class *c)
{
    I->epoch++;
    if (!(c->flags & CLS_INSTANCES) || (c->flags & CLS_BUILTIN))
        return;
    unsigned keep = c->flags & ~(CLS_HAS_DEL | CLS_HAS_GETATTR | CLS_HAS_SETATTR | CLS_HAS_DESCR | CLS_USER_NEW);
    c->flags = keep | scan_flags(I, c);
    c->itype.finalize = (c->flags & CLS_HAS_DEL) ? inst_finalize : NULL;
}

/* ---- attribute access --------------------------------------------------------------------- */

rc_object *lx_raise_attr_error(lx_interp *I, rc_object *o, rc_object *name)
{
    if (lx_is_class(o))
        return lx_raise(I, LX_AttributeError, "type object '%s' has no attribute '%s'",
                        rc_str_data(((lx_class *)o)->name), rc_str_data(name));
    if (o->type == &lx_module_type)
        return lx_raise(I, LX_AttributeError, "module '%s' has no attribute '%s'",
                        rc_str_data(((lx_module *)o)->name), rc_str_data(name));
    return lx_raise(I, LX_AttributeError, "'%s' object has no attribute '%s'", lx_type_name(I, o),
                    rc_str_data(name));
}

/* Bind a class attribute found for an instance (or class, when self is NULL). */
rc_object *lx_descriptor_get(lx_interp *I, rc_object *v)
{
    return lx_is_inst(v) ? lx_class_lookup(lx_class_of(I, v), I->names.__get__) : NULL;
}

static rc_object *bind_class_attr(lx_interp *I, rc_object *v, rc_object *self, lx_class *cls)
{
    if (v->type == &lx_func_type)
        return self ? lx_method_new(I, v, self) : (rc_incref(v), v);
    if (v->type == &lx_cfunc_type && self && ((lx_cfunc_obj *)v)->is_method) {
        lx_cfunc_obj *c = (lx_cfunc_obj *)v;
        rc_object *value = c->self_type && self->type != c->self_type ? lx_base_value(self) : NULL;
        if (value && lx_self_type_accepts(c->self_type, value->type))
            self = value;           /* a built-in method of a subclass instance: on its value */
        rc_object *b = lx_cfunc_bound(I, c->name, c->fn, self);
        if (b)
            ((lx_cfunc_obj *)b)->self_type = c->self_type;
        return b;
    }
    if (v->type == &lx_staticmethod_type) {
        rc_object *f = ((lx_wrapper *)v)->func;
        rc_incref(f);
        return f;
    }
    if (v->type == &lx_classmethod_type)
        return lx_method_new(I, ((lx_wrapper *)v)->func, &cls->ob);
    if (v->type == &lx_property_type && self) {
        lx_property *p = (lx_property *)v;
        if (!p->fget)
            return lx_raise(I, LX_AttributeError, "unreadable attribute");
        return lx_call(I, p->fget, &self, 1, NULL);
    }
    if (self) {
        rc_object *get = lx_descriptor_get(I, v);
        if (get) {
            rc_object *args[3] = {v, self, &cls->ob};
            return lx_call(I, get, args, 3, NULL);
        }
    }
    rc_incref(v);
    return v;
}

static rc_object *str_attr(lx_interp *I, rc_object *s)
{
    if (!s)
        return lx_raise(I, LX_AttributeError, "attribute not set");
    rc_incref(s);
    return s;
}

static rc_object *tuple_of_classes_or_none(lx_interp *I, rc_object *t)
{
    (void)I;
    if (!t)
        return rc_none();
    rc_incref(t);
    return t;
}

/* An int's real, imag, numerator and denominator (a bool's are ints). */
static rc_object *int_attr(lx_interp *I, rc_object *o, const char *s)
{
    if (!strcmp(s, "real") || !strcmp(s, "numerator")) {
        if (o->type == &rc_bool_type)
            return lx_int(I, rc_int_value(o));
        rc_incref(o);
        return o;
    }
    if (!strcmp(s, "imag")) return lx_int(I, 0);
    if (!strcmp(s, "denominator")) return lx_int(I, 1);
    return NULL;
}

/* Special attributes every object has; NULL with no exception: not special. */
static rc_object *special_attr(lx_interp *I, rc_object *o, rc_object *name)
{
    lx_names *N = &I->names;
    if (name == N->__class__) {
        rc_object *c = lx_type_of(I, o);
        rc_incref(c);
        return c;
    }
    if (lx_is_class(o)) {
        lx_class *c = (lx_class *)o;
        if (name == N->__name__) return str_attr(I, c->name);
        if (name == N->__qualname__) return str_attr(I, c->qualname);
        if (name == N->__module__)
            return c->module ? str_attr(I, c->module) : lx_strz(I, "builtins");
        if (name == N->__dict__) return str_attr(I, c->dict);
        if (name == N->__bases__) return tuple_of_classes_or_none(I, c->bases);
        if (name == N->__mro__) return tuple_of_classes_or_none(I, c->mro);
        if (name == N->__base__) return c->base ? (rc_incref(c->base), &c->base->ob) : rc_none();
        if (name == N->__doc__) {
            rc_object *d = rc_dict_get(c->dict, N->__doc__);
            return d ? str_attr(I, d) : rc_none();
        }
        return NULL;
    }
    if (o->type == &lx_func_type) {
        lx_func *f = (lx_func *)o;
        if (name == N->__name__) return str_attr(I, f->name);
        if (name == N->__qualname__) return str_attr(I, f->qualname);
        if (name == N->__module__) return f->module ? str_attr(I, f->module) : rc_none();
        if (name == N->__defaults__) return f->defaults ? str_attr(I, f->defaults) : rc_none();
        if (name == N->__kwdefaults__) return f->kwdefaults ? str_attr(I, f->kwdefaults) : rc_none();
        if (name == N->__closure__) return f->closure ? str_attr(I, f->closure) : rc_none();
        if (name == N->__globals__) return str_attr(I, f->globals);
        if (name == N->__code__) return str_attr(I, &f->code->ob);
        if (name == N->__doc__) {
            if (f->doc)
                return str_attr(I, f->doc);
            return f->code->doc >= 0 ? str_attr(I, f->code->consts[f->code->doc]) : rc_none();
        }
        if (name == N->__dict__) {
            if (!f->dict && !(f->dict = rc_dict_new(I->heap)))
                return lx_raise_heap_error(I);
            return str_attr(I, f->dict);
        }
        if (!strcmp(rc_str_data(name), "__annotations__")) {
            if (!f->annotations && !(f->annotations = rc_dict_new(I->heap)))
                return lx_raise_heap_error(I);
            return str_attr(I, f->annotations);
        }
        return NULL;
    }
    if (o->type == &lx_cell_type) {
        lx_cell *cell = (lx_cell *)o;
        if (!strcmp(rc_str_data(name), "cell_contents"))
            return cell->ref ? str_attr(I, cell->ref) : lx_raise(I, LX_ValueError, "Cell is empty");
        return NULL;
    }
    if (o->type == &lx_method_type) {
        lx_method *m = (lx_method *)o;
        if (name == N->dunder_func) return str_attr(I, m->func);
        if (name == N->__self__) return str_attr(I, m->self);
        if (name == N->__name__ || name == N->__qualname__ || name == N->__module__ || name == N->__doc__)
            return lx_getattr_obj(I, m->func, name);
        return NULL;
    }
    if (o->type == &lx_cfunc_type) {
        lx_cfunc_obj *c = (lx_cfunc_obj *)o;
        if (name == N->__name__ || name == N->__qualname__) return lx_strz(I, c->name);
        if (name == N->__self__) return c->self ? str_attr(I, c->self) : rc_none();
        return NULL;
    }
    if (o->type == &lx_module_type) {
        if (name == N->__dict__) return str_attr(I, ((lx_module *)o)->dict);
        return NULL;
    }
    if (o->type == &lx_staticmethod_type || o->type == &lx_classmethod_type) {
        if (name == N->dunder_func) return str_attr(I, ((lx_wrapper *)o)->func);
        return NULL;
    }
    if (rc_is_any_int(o))
        return int_attr(I, o, rc_str_data(name));
    if (o->type == &lx_range_type) {
        lx_range *r = (lx_range *)o;
        const char *s = rc_str_data(name);
        if (!strcmp(s, "start")) return lx_int(I, r->start);
        if (!strcmp(s, "stop")) return lx_int(I, r->stop);
        if (!strcmp(s, "step")) return lx_int(I, r->step);
        return NULL;
    }
    if (o->type == &lx_property_type) {
        lx_property *p = (lx_property *)o;
        const char *s = rc_str_data(name);
        if (!strcmp(s, "fget")) return p->fget ? str_attr(I, p->fget) : rc_none();
        if (!strcmp(s, "fset")) return p->fset ? str_attr(I, p->fset) : rc_none();
        if (!strcmp(s, "fdel")) return p->fdel ? str_attr(I, p->fdel) : rc_none();
        return NULL;
    }
    return NULL;
}

static rc_object *exc_attr(lx_interp *I, lx_inst *e, rc_object *name)
{
    lx_names *N = &I->names;
    int slot = name == N->args ? EXC_ARGS : name == N->__traceback__ ? EXC_TB
             : name == N->__cause__ ? EXC_CAUSE : name == N->__context__ ? EXC_CONTEXT : -1;
    if (slot < 0) {
        if (name == N->__suppress_context__)
            return rc_bool(e->vals[EXC_CAUSE] != NULL);
        const char *s = rc_str_data(name);
        lx_class *c = lx_class_of_itype(e->ob.type);
        if ((!strcmp(s, "code") && lx_is_subclass(c, I->exc_class[LX_SystemExit])) ||
            (!strcmp(s, "value") && lx_is_subclass(c, I->exc_class[LX_StopIteration]))) {
            rc_object *args = e->vals[EXC_ARGS];
            rc_ssize n = args ? rc_tuple_len(args) : 0;
            rc_object *v = n == 0 ? rc_none() : n == 1 ? rc_tuple_get(args, 0) : args;
            rc_incref(v);
            return v;
        }
        if (lx_is_subclass(c, I->exc_class[LX_OSError]) &&
            (!strcmp(s, "errno") || !strcmp(s, "strerror") || !strcmp(s, "filename"))) {
            rc_object *args = e->vals[EXC_ARGS];
            rc_ssize n = args ? rc_tuple_len(args) : 0;
            rc_object *v = n == 2 && s[0] == 'e' ? rc_tuple_get(args, 0)
                         : n == 2 && s[0] == 's' ? rc_tuple_get(args, 1) : rc_none();
            rc_incref(v);
            return v;
        }
        if (lx_is_subclass(c, I->exc_class[LX_SyntaxError])) {
            /* msg, and filename / lineno / offset / text from args[1] */
            static const char *const where[] = {"filename", "lineno", "offset", "text"};
            rc_object *args = e->vals[EXC_ARGS];
            rc_ssize n = args ? rc_tuple_len(args) : 0;
            rc_object *v = NULL;
            if (!strcmp(s, "msg"))
                v = n >= 1 ? rc_tuple_get(args, 0) : rc_none();
            for (int k = 0; !v && k < 4; k++) {
                if (strcmp(s, where[k]) != 0)
                    continue;
                rc_object *loc = n >= 2 ? rc_tuple_get(args, 1) : NULL;
                v = loc && rc_is_type(loc, &rc_tuple_type) && rc_tuple_len(loc) > k ? rc_tuple_get(loc, k)
                                                                                     : rc_none();
            }
            if (v) {
                rc_incref(v);
                return v;
            }
        }
        return NULL;
    }
    rc_object *v = e->vals[slot];
    if (!v) {
        if (slot == EXC_ARGS) {
            rc_incref(I->empty_tuple);
            return I->empty_tuple;
        }
        return rc_none();
    }
    rc_incref(v);
    return v;
}

/* A property, or an object whose class has __get__ and __set__: it wins
 * over the instance's own attributes. */
static int is_data_descriptor(lx_interp *I, rc_object *v)
{
    if (v->type == &lx_property_type)
        return 1;
    if (!lx_is_inst(v))
        return 0;
    lx_class *dc = lx_class_of(I, v);
    return lx_class_lookup(dc, I->names.__set__) && lx_class_lookup(dc, I->names.__get__);
}

static rc_object *getattr_inst(lx_interp *I, rc_object *o, rc_object *name)
{
    lx_inst *in = (lx_inst *)o;
    lx_class *cls = lx_class_of_itype(o->type);
    rc_object *cv = lx_class_lookup(cls, name);
    if (cv && (cls->flags & CLS_HAS_DESCR) && is_data_descriptor(I, cv))
        return bind_class_attr(I, cv, o, cls);
    rc_object *v = lx_inst_get(in, cls, name);
    if (v) {
        rc_incref(v);
        return v;
    }
    if (cv)
        return bind_class_attr(I, cv, o, cls);
    if (name == I->names.__dict__) {
        if (cls->flags & (CLS_SLOTS | CLS_NODICT))
            return lx_raise_attr_error(I, o, name);
        rc_object *d = inst_materialize_dict(I, in);
        if (!d)
            return NULL;
        I->epoch++;
        rc_incref(d);
        return d;
    }
    if (cls->flags & CLS_EXC) {
        v = exc_attr(I, in, name);
        if (v)
            return v;
    }
    v = special_attr(I, o, name);
    if (v || lx_exc_occurred(I))
        return v;
    if (cls->flags & CLS_HAS_GETATTR) {
        rc_object *ga = lx_class_lookup(cls, I->names.__getattr__);
        if (ga) {
            rc_object *args[2] = {o, name};
            return lx_call(I, ga, args, 2, NULL);
        }
    }
    return lx_raise_attr_error(I, o, name);
}

/* C.name: a data descriptor of C's metaclass, then C's mro, then C's
 * special attributes, then the metaclass's attributes bound to C. */
static rc_object *getattr_class(lx_interp *I, lx_class *c, rc_object *name)
{
    rc_object *mv = c->meta ? lx_class_lookup(c->meta, name) : NULL;
    if (mv && is_data_descriptor(I, mv))
        return bind_class_attr(I, mv, &c->ob, c->meta);
    rc_object *v = lx_class_lookup(c, name);
    if (v) {
        if (v->type == &lx_classmethod_type)
            return lx_method_new(I, ((lx_wrapper *)v)->func, &c->ob);
        if (v->type == &lx_staticmethod_type)
            return str_attr(I, ((lx_wrapper *)v)->func);
        rc_object *get = lx_descriptor_get(I, v);
        if (get) {                       /* a descriptor read through its class */
            rc_object *args[3] = {v, rc_none(), &c->ob};
            return lx_call(I, get, args, 3, NULL);
        }
        rc_incref(v);
        return v;
    }
    v = special_attr(I, &c->ob, name);
    if (v || lx_exc_occurred(I))
        return v;
    if (mv)
        return bind_class_attr(I, mv, &c->ob, c->meta);
    /* methods of type itself (mro(), __subclasses__ are not provided) */
    return lx_raise_attr_error(I, &c->ob, name);
}

lx_class *lx_super_class(lx_interp *I, lx_class *type, rc_object *obj)
{
    if (lx_is_class(obj) && lx_is_subclass((lx_class *)obj, type))
        return (lx_class *)obj;
    lx_class *c = lx_class_of(I, obj);
    return lx_is_subclass(c, type) ? c : NULL;
}

static rc_object *getattr_super(lx_interp *I, lx_super *s, rc_object *name)
{
    lx_class *start = s->type;
    lx_class *objcls = lx_super_class(I, start, s->obj);
    if (!objcls)
        return lx_raise(I, LX_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    rc_object *mro = objcls->mro;
    rc_ssize n = rc_tuple_len(mro), i = 0;
    while (i < n && rc_tuple_get(mro, i) != &start->ob)
        i++;
    for (i++; i < n; i++) {
        lx_class *k = (lx_class *)rc_tuple_get(mro, i);
        rc_object *v = k->dict ? rc_dict_get(k->dict, name) : NULL;
        if (v) {
            if (&objcls->ob == s->obj) {
                if (v->type == &lx_classmethod_type)
                    return lx_method_new(I, ((lx_wrapper *)v)->func, s->obj);
                rc_incref(v);
                return v;
            }
            return bind_class_attr(I, v, s->obj, objcls);
        }
    }
    return lx_raise(I, LX_AttributeError, "'super' object has no attribute '%s'", rc_str_data(name));
}

rc_object *lx_getattr_obj(lx_interp *I, rc_object *o, rc_object *name)
{
    if (lx_is_inst(o))
        return getattr_inst(I, o, name);
    if (lx_is_class(o))
        return getattr_class(I, (lx_class *)o, name);
    if (o->type == &lx_module_type) {
        rc_object *v = rc_dict_get(((lx_module *)o)->dict, name);
        if (v) {
            rc_incref(v);
            return v;
        }
        v = special_attr(I, o, name);
        if (v || lx_exc_occurred(I))
            return v;
        return lx_raise_attr_error(I, o, name);
    }
    if (o->type == &lx_super_type)
        return getattr_super(I, (lx_super *)o, name);
    rc_object *v = special_attr(I, o, name);
    if (v || lx_exc_occurred(I))
        return v;
    if (o->type == &lx_func_type) {
        lx_func *f = (lx_func *)o;
        rc_object *a = f->dict ? rc_dict_get(f->dict, name) : NULL;
        if (a) {
            rc_incref(a);
            return a;
        }
    }
    lx_class *cls = lx_class_of(I, o);
    rc_object *cv = lx_class_lookup(cls, name);
    if (cv)
        return bind_class_attr(I, cv, o, cls);
    if (cls->slots && cls->slots->getattr) {
        v = cls->slots->getattr(I, o, rc_str_data(name));
        if (v || lx_exc_occurred(I))
            return v;
    }
    return lx_raise_attr_error(I, o, name);
}

rc_object *lx_getattr(lx_interp *I, rc_object *o, const char *name)
{
    rc_object *n = lx_intern(I, name);
    if (!n)
        return NULL;
    rc_object *r = lx_getattr_obj(I, o, n);
    rc_decref(n);
    return r;
}

rc_object *lx_load_method(lx_interp *I, rc_object *o, rc_object *name, int *unbound)
{
    *unbound = 0;
    if (lx_is_inst(o)) {
        lx_class *cls = lx_class_of_itype(o->type);
        rc_object *cv = lx_class_lookup(cls, name);
        if (cv && cv->type == &lx_func_type && !lx_inst_get((lx_inst *)o, cls, name)) {
            *unbound = 1;
            rc_incref(cv);
            return cv;
        }
        return getattr_inst(I, o, name);
    }
    if (!lx_is_class(o) && o->type != &lx_module_type && o->type != &lx_super_type) {
        lx_class *cls = lx_class_of(I, o);
        rc_object *cv = lx_class_lookup(cls, name);
        if (cv && cv->type == &lx_cfunc_type && ((lx_cfunc_obj *)cv)->is_method) {
            *unbound = 1;
            rc_incref(cv);
            return cv;
        }
    }
    return lx_getattr_obj(I, o, name);
}

rc_object *lx_call_method(lx_interp *I, rc_object *o, rc_object *name, rc_object *const *args, size_t nargs)
{
    int unbound;
    rc_object *m = lx_load_method(I, o, name, &unbound);
    if (!m)
        return NULL;
    rc_object *r = unbound ? lx_call_prepended(I, m, NULL, o, args, nargs, NULL) : lx_call(I, m, args, nargs, NULL);
    rc_decref(m);
    return r;
}

/* Special method lookup on the type (borrowed), as CPython's _PyType_Lookup. */
rc_object *lx_lookup_special(lx_interp *I, rc_object *o, rc_object *name)
{
    return lx_class_lookup(lx_class_of(I, o), name);
}

/* name = value (value NULL: delete) in the attribute dict d of o. */
static int dict_setattr(lx_interp *I, rc_object *o, rc_object *d, rc_object *name, rc_object *value)
{
    int r = value ? rc_dict_set(d, name, value) : rc_dict_del(d, name);
    if (r < 0) {
        if (value)
            lx_raise_heap_error(I);
        else
            lx_raise_attr_error(I, o, name);
        return -1;
    }
    return 0;
}

/* o.name = value (value NULL: delete) through cv, a class attribute: a
 * property's setter / deleter or a descriptor's __set__ / __delete__.  0,
 * -1 with the exception, or 1: cv is not such a descriptor. */
static int descriptor_set(lx_interp *I, rc_object *cv, rc_object *o, rc_object *name, rc_object *value)
{
    if (cv->type == &lx_property_type) {
        lx_property *p = (lx_property *)cv;
        rc_object *fn = value ? p->fset : p->fdel;
        if (!fn) {
            lx_raise(I, LX_AttributeError, "property '%s' of '%s' object has no %s", rc_str_data(name),
                     lx_type_name(I, o), value ? "setter" : "deleter");
            return -1;
        }
        rc_object *args[2] = {o, value};
        return lx_call_for_effect(I, fn, args, value ? 2 : 1);
    }
    if (lx_is_inst(cv)) {
        rc_object *set = lx_class_lookup(lx_class_of(I, cv), value ? I->names.__set__ : I->names.__delete__);
        if (set) {
            rc_object *args[3] = {cv, o, value};
            return lx_call_for_effect(I, set, args, value ? 3 : 2);
        }
    }
    return 1;
}

/* A metaclass's own __setattr__ / __delattr__, then its descriptors (see
 * descriptor_set): 1 when neither applies. */
static int setattr_meta(lx_interp *I, lx_class *c, rc_object *name, rc_object *value)
{
    rc_object *hook = lx_class_lookup(c->meta, value ? I->names.__setattr__ : I->names.__delattr__);
    if (hook && hook->type == &lx_func_type) {
        rc_object *args[3] = {&c->ob, name, value};
        return lx_call_for_effect(I, hook, args, value ? 3 : 2);
    }
    rc_object *mv = lx_class_lookup(c->meta, name);
    return mv ? descriptor_set(I, mv, &c->ob, name, value) : 1;
}

static int setattr_class(lx_interp *I, lx_class *c, rc_object *name, rc_object *value, int hooks)
{
    if (c->flags & CLS_BUILTIN) {
        lx_raise(I, LX_TypeError, "cannot set '%s' attribute of immutable type '%s'", rc_str_data(name),
                 rc_str_data(c->name));
        return -1;
    }
    int r = hooks && c->meta ? setattr_meta(I, c, name, value) : 1;
    if (r <= 0)
        return r;
    if (name == I->names.__name__ && value) {
        if (!rc_is_type(value, &rc_str_type)) {
            lx_raise(I, LX_TypeError, "can only assign string to %s.__name__, not '%s'", rc_str_data(c->name),
                     lx_type_name(I, value));
            return -1;
        }
        RC_SETREF(c->name, (rc_incref(value), value));
        return 0;
    }
    if (dict_setattr(I, &c->ob, c->dict, name, value) < 0)
        return -1;
    class_changed(I, c);
    return 0;
}

static int setattr_inst(lx_interp *I, rc_object *o, rc_object *name, rc_object *value, int hooks)
{
    lx_inst *in = (lx_inst *)o;
    lx_class *cls = lx_class_of_itype(o->type);
    if (cls->flags & (CLS_HAS_DESCR | CLS_HAS_SETATTR)) {
        /* a class's own __setattr__ / __delattr__ comes first, as in
         * CPython (which reaches descriptors through object.__setattr__) */
        rc_object *hook = hooks ? lx_class_lookup(cls, value ? I->names.__setattr__ : I->names.__delattr__) : NULL;
        if (hook && hook->type == &lx_func_type) {
            rc_object *args[3] = {o, name, value};
            return lx_call_for_effect(I, hook, args, value ? 3 : 2);
        }
        rc_object *cv = lx_class_lookup(cls, name);
        int r = cv ? descriptor_set(I, cv, o, name, value) : 1;
        if (r <= 0)
            return r;
    }
    if (cls->flags & CLS_NODICT) {
        lx_raise_attr_error(I, o, name);
        return -1;
    }
    if (cls->flags & CLS_EXC) {
        lx_names *N = &I->names;
        int slot = name == N->args ? EXC_ARGS : name == N->__traceback__ ? EXC_TB
                 : name == N->__cause__ ? EXC_CAUSE : name == N->__context__ ? EXC_CONTEXT : -1;
        if (slot >= 0) {
            rc_object *v = value;
            if (slot == EXC_ARGS && value && !rc_is_type(value, &rc_tuple_type)) {
                v = lx_tuple_from_iterable(I, value);
                if (!v)
                    return -1;
            } else if (v) {
                rc_incref(v);
            }
            if (v == rc_none() && slot != EXC_ARGS) {
                rc_decref(v);
                v = NULL;
            }
            RC_SETREF(in->vals[slot], v);
            return 0;
        }
    }
    if (in->dict)
        return dict_setattr(I, o, in->dict, name, value);
    int ix = lx_inst_key_index(I, cls, name, value != NULL && !(cls->flags & CLS_SLOTS));
    if (ix == -2)
        return -1;
    if (ix < 0 || (uint32_t)ix < cls->nreserved) {
        if (cls->flags & CLS_SLOTS)
            lx_raise(I, LX_AttributeError, "'%s' object has no attribute '%s'", rc_str_data(cls->name),
                     rc_str_data(name));
        else
            lx_raise_attr_error(I, o, name);
        return -1;
    }
    if (!value) {
        rc_object **slot = lx_inst_slot(in, (uint32_t)ix);
        if (!slot || !*slot) {
            lx_raise_attr_error(I, o, name);
            return -1;
        }
        RC_CLEAR(*slot);
        return 0;
    }
    return lx_inst_set_slot(I, in, (uint32_t)ix, value);
}

int lx_setattr_obj(lx_interp *I, rc_object *o, rc_object *name, rc_object *value)
{
    if (lx_is_inst(o))
        return setattr_inst(I, o, name, value, 1);
    if (lx_is_class(o))
        return setattr_class(I, (lx_class *)o, name, value, 1);
    if (o->type == &lx_module_type)
        return dict_setattr(I, o, ((lx_module *)o)->dict, name, value);
    if (o->type == &lx_func_type) {
        lx_func *f = (lx_func *)o;
        if (name == I->names.__name__ || name == I->names.__qualname__) {
            if (!value || !rc_is_type(value, &rc_str_type)) {
                lx_raise(I, LX_TypeError, "__name__ must be set to a string object");
                return -1;
            }
            if (name == I->names.__name__)
                RC_SETREF(f->name, (rc_incref(value), value));
            else
                RC_SETREF(f->qualname, (rc_incref(value), value));
            return 0;
        }
        if (name == I->names.__defaults__) {
            rc_object *v = value && value != rc_none() ? (rc_incref(value), value) : NULL;
            RC_SETREF(f->defaults, v);
            return 0;
        }
        if (name == I->names.__module__ || name == I->names.__doc__) {
            /* deleting either leaves None, as CPython */
            rc_object *v = value && value != rc_none() ? (rc_incref(value), value) : NULL;
            if (name == I->names.__module__)
                RC_SETREF(f->module, v);
            else
                RC_SETREF(f->doc, v ? v : rc_none());   /* immortal */
            return 0;
        }
        if (!f->dict && !(f->dict = rc_dict_new(I->heap))) {
            lx_raise_heap_error(I);
            return -1;
        }
        return dict_setattr(I, o, f->dict, name, value);
    }
    lx_class *cls = lx_class_of(I, o);
    if (lx_class_lookup(cls, name))
        lx_raise(I, LX_AttributeError, "'%s' object attribute '%s' is read-only", lx_type_name(I, o),
                 rc_str_data(name));
    else
        lx_raise_attr_error(I, o, name);
    return -1;
}

/* object.__setattr__ / __delattr__: no user hooks; data descriptors still apply. */
int lx_setattr_raw(lx_interp *I, rc_object *o, rc_object *name, rc_object *value)
{
    if (lx_is_inst(o))
        return setattr_inst(I, o, name, value, 0);
    if (lx_is_class(o))
        return setattr_class(I, (lx_class *)o, name, value, 0);
    return lx_setattr_obj(I, o, name, value);
}

int lx_setattr(lx_interp *I, rc_object *o, const char *name, rc_object *value)
{
    rc_object *n = lx_intern(I, name);
    if (!n)
        return -1;
    int r = lx_setattr_obj(I, o, n, value);
    rc_decref(n);
    return r;
}

/* ---- calling a class ------------------------------------------------------------------------ */

rc_object *lx_class_init(lx_interp *I, lx_class *cls)
{
    if (cls->init_epoch != I->epoch + 1) {
        cls->init_cache = lx_class_lookup(cls, I->names.__init__);
        cls->init_epoch = I->epoch + 1;
    }
    return cls->init_cache;
}

/* PEP 3151: OSError(errno, ...) makes the subclass for that errno. */
static lx_class *oserror_subclass(lx_interp *I, rc_object *const *args, size_t nargs)
{
    if (nargs < 2 || nargs > 5 || args[0]->type != &rc_int_type)
        return NULL;
    static const struct { int err; const char *name; } map[] = {
        {ENOENT, "FileNotFoundError"}, {EEXIST, "FileExistsError"}, {EACCES, "PermissionError"},
        {EPERM, "PermissionError"}, {EISDIR, "IsADirectoryError"}, {ENOTDIR, "NotADirectoryError"},
        {ETIMEDOUT, "TimeoutError"}, {EINTR, "InterruptedError"}, {EAGAIN, "BlockingIOError"},
        {ECHILD, "ChildProcessError"}, {ESRCH, "ProcessLookupError"},
    };
    int64_t e = rc_int_value(args[0]);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (map[i].err != e)
            continue;
        rc_object *key = lx_intern(I, map[i].name);
        rc_object *c = key ? rc_dict_get(I->builtins, key) : NULL;
        rc_xdecref(key);
        lx_exc_clear(I);
        return c && lx_is_class(c) ? (lx_class *)c : NULL;
    }
    return NULL;
}

/* OSError(errno, strerror, filename): args keeps the first two and the
 * filename is an attribute, as in CPython (its str() names the file). */
static int oserror_args(lx_interp *I, rc_object *o, rc_object *const *args, size_t nargs)
{
    if (nargs < 3 || nargs > 5)
        return 0;
    rc_object *t = lx_tuple_from(I, args, 2);
    if (!t)
        return -1;
    RC_SETREF(((lx_inst *)o)->vals[EXC_ARGS], t);
    return lx_setattr(I, o, "filename", args[2]);
}

/* meta(name, bases, ns, **kw) for a metaclass without a ctor: its
 * __new__, then its __init__ when __new__ made one of its instances. */
static rc_object *meta_instantiate(lx_interp *I, lx_class *meta, rc_object *const *args, size_t nargs,
                                   rc_object *kwargs)
{
    rc_object *newm = lx_class_lookup(meta, I->names.__new__);
    if (newm && newm->type == &lx_staticmethod_type)
        newm = ((lx_wrapper *)newm)->func;
    if (!newm)
        return lx_raise(I, LX_TypeError, "cannot create '%s' instances", rc_str_data(meta->name));
    rc_object *o = lx_call_prepended(I, newm, NULL, &meta->ob, args, nargs, kwargs);
    if (!o || !lx_is_class(o) || !lx_is_subclass(lx_class_of(I, o), meta))
        return o;
    rc_object *init = lx_class_lookup(meta, I->names.__init__);
    if (init && init->type == &lx_func_type) {
        rc_object *r = lx_call_prepended(I, init, NULL, o, args, nargs, kwargs);
        if (!r) {
            rc_decref(o);
            return NULL;
        }
        rc_decref(r);
    }
    return o;
}

rc_object *lx_class_call(lx_interp *I, lx_class *cls, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    if (cls->meta) {
        rc_object *call = lx_class_lookup(cls->meta, I->names.__call__);
        if (call && call->type == &lx_func_type)
            return lx_call_prepended(I, call, NULL, &cls->ob, args, nargs, kwargs);
    }
    return lx_class_call_default(I, cls, args, nargs, kwargs);
}

rc_object *lx_run_init(lx_interp *I, rc_object *init, rc_object *o, rc_object *const *args, size_t nargs,
                       rc_object *kwargs)
{
    rc_object *r = lx_call_prepended(I, init, NULL, o, args, nargs, kwargs);
    if (!r) {
        rc_decref(o);
        return NULL;
    }
    if (r != rc_none()) {
        lx_raise(I, LX_TypeError, "__init__() should return None, not '%s'", lx_type_name(I, r));
        rc_decref(r);
        rc_decref(o);
        return NULL;
    }
    rc_decref(r);
    return o;
}

rc_object *lx_class_call_default(lx_interp *I, lx_class *cls, rc_object *const *args, size_t nargs,
                                 rc_object *kwargs)
{
    if (cls->ctor)
        return cls->ctor(I, args, nargs, kwargs);
    if (cls == I->exc_class[LX_OSError]) {
        lx_class *sub = oserror_subclass(I, args, nargs);
        if (sub)
            cls = sub;
    }
    if (cls->flags & CLS_META)
        return meta_instantiate(I, cls, args, nargs, kwargs);
    if (!(cls->flags & CLS_INSTANCES))
        return lx_raise(I, LX_TypeError, "cannot create '%s' instances", rc_str_data(cls->name));
    if (cls->vbase)
        return lx_value_class_call(I, cls, args, nargs, kwargs);
    rc_object *init = lx_class_init(I, cls);
    rc_object *newm = (cls->flags & CLS_USER_NEW) ? lx_class_lookup(cls, I->names.__new__) : NULL;
    int user_init = init && init->type == &lx_func_type;
    rc_object *new_fn = newm && newm->type == &lx_staticmethod_type ? ((lx_wrapper *)newm)->func : newm;
    int user_new = new_fn && new_fn->type == &lx_func_type;
    int has_args = nargs || (kwargs && rc_dict_len(kwargs));
    if (!user_init && !user_new && !(cls->flags & CLS_EXC) && has_args)
        return lx_raise(I, LX_TypeError, "%s() takes no arguments", rc_str_data(cls->name));
    rc_object *o;
    if (user_new) {
        o = lx_call_prepended(I, new_fn, NULL, &cls->ob, args, nargs, kwargs);
        if (!o)
            return NULL;
        if (!lx_is_inst(o) || !lx_is_subclass(lx_class_of(I, o), cls))
            return o;
    } else {
        o = lx_inst_new(I, cls);
        if (!o)
            return NULL;
    }
    if ((cls->flags & CLS_EXC) && !((lx_inst *)o)->vals[EXC_ARGS]) {
        rc_object *t = lx_tuple_from(I, args, nargs);
        if (!t) {
            rc_decref(o);
            return NULL;
        }
        ((lx_inst *)o)->vals[EXC_ARGS] = t;
        if (lx_is_subclass(cls, I->exc_class[LX_OSError]) && oserror_args(I, o, args, nargs) < 0) {
            rc_decref(o);
            return NULL;
        }
    }
    return user_init ? lx_run_init(I, init, o, args, nargs, kwargs) : o;
}
