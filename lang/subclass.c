/*
 * lang/subclass.c — script subclasses of the built-in value types: list,
 * dict, set, frozenset, str, bytes, int, float and tuple.
 *
 * Layout.  An instance of `class D(dict)` is an ordinary script instance
 * (an lx_inst of D's itype) whose reserved slot vals[LX_VALUE_SLOT] holds a
 * real dict: its built-in value.  The instance keeps its own attributes in
 * the other slots (or a __dict__, or __slots__) like any instance.  Its
 * traverse visits the value slot with the others, so the collector sees the
 * value and, through it, the items.
 *
 * Dispatch.  Special methods are looked up on the class as for any
 * instance, so a script's __getitem__, __repr__, __eq__, __len__... win.
 * Where the class defines none, the protocol (protocol.c, iter.c) applies
 * the operation to the value: repr, str, comparison, arithmetic, hashing,
 * truth, formatting.  Methods of the built-in class (d.keys(), l.append(x))
 * bind to the value.  The value classes also carry __new__, __init__ (list,
 * dict, set), __getitem__, __setitem__, __delitem__, __len__, __iter__,
 * __contains__, __reversed__ (list, dict), __repr__, the comparisons, the
 * operators (+, *, the numbers', the sets') and __hash__ (hashable ones),
 * so that super().__getitem__(k), super().__add__(x) or
 * dict.__init__(self, ...) reach the built-in behaviour; dict's
 * __getitem__ calls the class's __missing__ for an absent key, as
 * CPython's, and the in-place operators (list +=, set |=) take the
 * instance itself and return it.  Str methods see a str subclass
 * argument's value (lx_call_str_plain); sys.getsizeof adds to the value's
 * size what CPython's subclass instance adds (lx_value_sizeof).
 *
 * Creation.  For list, dict and set the value starts empty and __init__
 * (the script's, or the built-in one) fills it; for the immutable types
 * (CLS_VALUE_ARGS) __new__ makes the value from the call's arguments, so
 * `return super().__new__(cls, v)` in a script's __new__ builds it.
 *
 * Recognition.  The itype of a class with a vbase, and no other type in the
 * interpreter, carries RC_TYPE_EQ_FIRST (init_itype), so "is this a
 * subclass instance?" is one test of its type's flags (lx_base_value).
 *
 * Invariants: a class has at most one vbase (two different ones, or one
 * and an exception base, are a layout conflict, as in CPython);
 * vals[LX_VALUE_SLOT] is non-NULL from creation until the collector clears
 * the instance, and its type is vbase->native.
 */
#include "core.h"

#include <string.h>


rc_object *lx_dict_subclass_items(rc_object *o)
{
    rc_object *v = lx_base_value(o);
    return v && v->type == &rc_dict_type ? v : NULL;
}

rc_object *lx_dict_for_counting(lx_interp *I, rc_object *mapping)
{
    if (mapping->type == &rc_dict_type)
        return mapping;
    rc_object *d = lx_dict_subclass_items(mapping);
    if (!d)
        return NULL;
    lx_class *cls = lx_class_of_itype(mapping->type);
    rc_object *get = lx_intern(I, "get");
    int plain = get && lx_class_lookup(cls, get) == lx_class_lookup(I->c_dict, get) &&
                lx_class_lookup(cls, I->names.__setitem__) == lx_class_lookup(I->c_dict, I->names.__setitem__);
    rc_xdecref(get);
    if (!get)
        lx_exc_clear(I);           /* no memory for the name: the general path */
    return plain ? d : NULL;
}

rc_object *lx_value_of(rc_object *o)
{
    rc_object *v = lx_base_value(o);
    return v ? v : o;
}

int lx_value_fill(lx_interp *I, rc_object *inst)
{
    lx_class *c = lx_class_of_itype(inst->type);
    rc_object *v = c->vbase->ctor(I, NULL, 0, NULL);
    if (!v)
        return -1;
    RC_SETREF(((lx_inst *)inst)->vals[LX_VALUE_SLOT], v);
    return 0;
}

/* A new instance of cls holding the value vbase(*args, **kwargs). */
static rc_object *value_inst_new(lx_interp *I, lx_class *cls, rc_object *const *args, size_t nargs,
                                 rc_object *kwargs)
{
    rc_object *v = cls->vbase->ctor(I, args, nargs, kwargs);
    if (!v)
        return NULL;
    rc_object *o = lx_inst_new(I, cls);
    if (!o) {
        rc_decref(v);
        return NULL;
    }
    RC_SETREF(((lx_inst *)o)->vals[LX_VALUE_SLOT], v);
    return o;
}

/* ---- filling a mutable value (list/dict/set __init__) ----------------------------- */

static int call_clear(lx_interp *I, rc_object *value)
{
    rc_object *name = lx_intern(I, "clear");
    rc_object *r = name ? lx_call_method(I, value, name, NULL, 0) : NULL;
    rc_xdecref(name);
    rc_xdecref(r);
    return r ? 0 : -1;
}

/* Move what `fresh` (a value of the same type) holds into value: a dict
 * is updated, a list or set replaced, as their __init__ do. */
static int take_items(lx_interp *I, rc_object *value, rc_object *fresh)
{
    if (value->type == &rc_dict_type)
        return lx_dict_update_from(I, value, fresh);
    if (call_clear(I, value) < 0)
        return -1;
    if (value->type == &lx_set_type)
        return lx_set_update(I, value, fresh);
    if (rc_list_reserve(value, rc_list_len(fresh)) < 0) {
        lx_raise_heap_error(I);
        return -1;
    }
    for (rc_ssize i = 0; i < rc_list_len(fresh); i++)
        if (rc_list_append(value, rc_list_get(fresh, i)) < 0) {
            lx_raise_heap_error(I);
            return -1;
        }
    return 0;
}

/* list/dict/set.__init__(self, *args, **kwargs) on the value. */
static int value_refill(lx_interp *I, rc_object *value, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    if (!nargs && !(kwargs && rc_dict_len(kwargs)))
        return value->type == &rc_dict_type ? 0 : call_clear(I, value);
    rc_object *fresh = lx_class_of(I, value)->ctor(I, args, nargs, kwargs);
    if (!fresh)
        return -1;
    int r = take_items(I, value, fresh);
    rc_decref(fresh);
    return r;
}

/* ---- calling the class ------------------------------------------------------------ */

rc_object *lx_value_class_call(lx_interp *I, lx_class *cls, rc_object *const *args, size_t nargs,
                               rc_object *kwargs)
{
    rc_object *init = lx_class_init(I, cls);
    rc_object *newm = (cls->flags & CLS_USER_NEW) ? lx_class_lookup(cls, I->names.__new__) : NULL;
    if (newm && newm->type == &lx_staticmethod_type)
        newm = ((lx_wrapper *)newm)->func;
    int immutable = (cls->flags & CLS_VALUE_ARGS) != 0;
    rc_object *o;
    if (newm && newm->type == &lx_func_type) {
        o = lx_call_prepended(I, newm, NULL, &cls->ob, args, nargs, kwargs);
        if (!o || !lx_is_inst(o) || !lx_is_subclass(lx_class_of(I, o), cls))
            return o;
    } else {
        o = immutable ? value_inst_new(I, cls, args, nargs, kwargs) : lx_inst_new(I, cls);
        if (!o)
            return NULL;
    }
    if (init && init->type == &lx_func_type)
        return lx_run_init(I, init, o, args, nargs, kwargs);
    if (!immutable && value_refill(I, lx_base_value(o), args, nargs, kwargs) < 0) {
        rc_decref(o);
        return NULL;
    }
    return o;
}

/* ---- the special methods of the value classes ---------------------------------------- */

/* X.__new__(cls, *args): a value of the built-in class itself, or an
 * instance of a script subclass holding one. */
static rc_object *value_new(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (n < 1 || !lx_is_class(a[0]) || !((lx_class *)a[0])->vbase)
        return lx_raise(I, LX_TypeError, "__new__(X): X is not a subtype of a built-in value type");
    lx_class *cls = (lx_class *)a[0];
    if (cls->vbase == cls)
        return cls->ctor(I, a + 1, n - 1, kw);
    if (!(cls->flags & CLS_VALUE_ARGS))
        return lx_inst_new(I, cls);
    return value_inst_new(I, cls, a + 1, n - 1, kw);
}

static rc_object *value_init(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (n < 1)
        return lx_raise(I, LX_TypeError, "__init__ needs an argument");
    return value_refill(I, a[0], a + 1, n - 1, kw) < 0 ? NULL : rc_none();
}

/* n arguments, self included, where a method takes want. */
static int want_args(lx_interp *I, size_t n, size_t want)
{
    if (n == want)
        return 0;
    lx_raise(I, LX_TypeError, "expected %zu argument%s, got %zu", want - 1, want == 2 ? "" : "s",
             n ? n - 1 : 0);
    return -1;
}

static rc_object *value_getitem(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return want_args(I, n, 2) < 0 ? NULL : lx_getitem(I, a[0], a[1]);
}

/* dict.__getitem__: an absent key of a subclass instance goes to the
 * class's __missing__ (self is the instance: self_type is not set). */
static rc_object *dict_getitem(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (want_args(I, n, 2) < 0)
        return NULL;
    rc_object *d = lx_value_of(a[0]);
    if (d->type != &rc_dict_type)
        return lx_raise(I, LX_TypeError, "descriptor '__getitem__' requires a 'dict' object but received a '%s'",
                        lx_type_name(I, a[0]));
    rc_object *missing = d != a[0] ? lx_class_lookup(lx_class_of(I, a[0]), I->names.__missing__) : NULL;
    if (missing) {
        int has = lx_contains(I, d, a[1]);
        if (has < 0)
            return NULL;
        if (!has)
            return lx_call(I, missing, a, 2, NULL);
    }
    return lx_getitem(I, d, a[1]);
}

static rc_object *value_setitem(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (want_args(I, n, 3) < 0 || lx_setitem(I, a[0], a[1], a[2]) < 0)
        return NULL;
    return rc_none();
}

static rc_object *value_delitem(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (want_args(I, n, 2) < 0 || lx_delitem(I, a[0], a[1]) < 0)
        return NULL;
    return rc_none();
}

static rc_object *value_len(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (want_args(I, n, 1) < 0)
        return NULL;
    rc_ssize len = lx_len(I, a[0]);
    return len < 0 ? NULL : lx_int(I, len);
}

static rc_object *value_iter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return want_args(I, n, 1) < 0 ? NULL : lx_iter(I, a[0]);
}

/* list.__reversed__, dict.__reversed__: reversed() of the value. */
static rc_object *value_reversed(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (want_args(I, n, 1) < 0)
        return NULL;
    rc_object *name = lx_intern(I, "reversed");
    rc_object *fn = name ? rc_dict_get(I->builtins, name) : NULL;
    rc_xdecref(name);
    return fn ? lx_call(I, fn, a, 1, NULL) : lx_raise(I, LX_NameError, "name 'reversed' is not defined");
}

static rc_object *value_contains(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (want_args(I, n, 2) < 0)
        return NULL;
    int r = lx_contains(I, a[0], a[1]);
    return r < 0 ? NULL : rc_bool(r);
}

static rc_object *value_repr(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return want_args(I, n, 1) < 0 ? NULL : lx_repr(I, a[0]);
}

static rc_object *value_eq(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return want_args(I, n, 2) < 0 ? NULL : lx_rich_compare(I, a[0], a[1], LX_CMP_EQ);
}

static rc_object *value_hash(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (want_args(I, n, 1) < 0)
        return NULL;
    int64_t h = lx_hash(I, a[0]);
    return h == -1 && lx_exc_occurred(I) ? NULL : lx_int(I, h);
}

/* int.__index__, __int__ and __float__, float.__int__ and __float__: the
 * conversions int() and float() make. */
static rc_object *value_index(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    if (want_args(I, n, 1) < 0)
        return NULL;
    rc_incref(a[0]);
    return a[0];
}

static rc_object *value_int(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return want_args(I, n, 1) < 0 ? NULL : I->c_int->ctor(I, a, 1, NULL);
}

static rc_object *value_float(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return want_args(I, n, 1) < 0 ? NULL : I->c_float->ctor(I, a, 1, NULL);
}

/* The operators as methods, for super().__add__(x), int.__lt__(self, x)
 * and the like: the protocol's operation on self's value and the other. */
#define VALUE_BINOP(fname, op)                                                              \
    static rc_object *fname(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)     \
    {                                                                                       \
        (void)kw;                                                                           \
        return want_args(I, n, 2) < 0 ? NULL : lx_binary_op(I, op, a[0], a[1], 0);          \
    }
#define VALUE_CMP(fname, op)                                                                \
    static rc_object *fname(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)     \
    {                                                                                       \
        (void)kw;                                                                           \
        return want_args(I, n, 2) < 0 ? NULL : lx_rich_compare(I, a[0], a[1], op);          \
    }
VALUE_BINOP(value_add, LX_BIN_ADD)
VALUE_BINOP(value_sub, LX_BIN_SUB)
VALUE_BINOP(value_mul, LX_BIN_MUL)
VALUE_BINOP(value_truediv, LX_BIN_DIV)
VALUE_BINOP(value_floordiv, LX_BIN_FLOORDIV)
VALUE_BINOP(value_mod, LX_BIN_MOD)
VALUE_BINOP(value_pow, LX_BIN_POW)
VALUE_BINOP(value_and, LX_BIN_AND)
VALUE_BINOP(value_or, LX_BIN_OR)
VALUE_BINOP(value_xor, LX_BIN_XOR)
/* The in-place forms (list +=, *=; set |=, &=, -=, ^=) take the instance
 * itself as self (bound without a self type) and return it. */
#define VALUE_INPLACE(fname, op)                                                            \
    static rc_object *fname(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)     \
    {                                                                                       \
        (void)kw;                                                                           \
        return want_args(I, n, 2) < 0 ? NULL : value_inplace(I, op, a[0], a[1]);            \
    }

static rc_object *value_inplace(lx_interp *I, int op, rc_object *self, rc_object *other)
{
    rc_object *value = lx_value_of(self);
    rc_object *r = lx_binary_op(I, op, value, other, 1);
    if (r == value && value != self) {
        rc_decref(r);
        rc_incref(self);
        return self;
    }
    return r;
}

VALUE_INPLACE(value_iadd, LX_BIN_ADD)
VALUE_INPLACE(value_imul, LX_BIN_MUL)
VALUE_INPLACE(value_iand, LX_BIN_AND)
VALUE_INPLACE(value_ior, LX_BIN_OR)
VALUE_INPLACE(value_ixor, LX_BIN_XOR)
VALUE_INPLACE(value_isub, LX_BIN_SUB)
VALUE_CMP(value_lt, LX_CMP_LT)
VALUE_CMP(value_le, LX_CMP_LE)
VALUE_CMP(value_ne, LX_CMP_NE)
VALUE_CMP(value_gt, LX_CMP_GT)
VALUE_CMP(value_ge, LX_CMP_GE)

/* ---- arguments of str methods ---------------------------------------------------------- */

rc_object *lx_call_str_plain(lx_interp *I, rc_object *callable, rc_object *const *args, size_t nargs,
                             rc_object *kwargs)
{
    rc_object *plain[8];
    if (nargs > sizeof plain / sizeof plain[0])
        return lx_raise(I, LX_TypeError, "too many arguments for a str method");
    for (size_t i = 0; i < nargs; i++) {
        rc_object *v = lx_base_value(args[i]);
        plain[i] = v && v->type == &rc_str_type ? v : args[i];
    }
    return lx_call_cfunc(I, callable, plain, nargs, kwargs);
}

/* ---- sys.getsizeof ------------------------------------------------------------------- */

/* CPython 3.11's size of a subclass instance: its base's size for the value,
 * plus what the subclass adds (the managed dict's two words and a weak
 * reference slot, or the __slots__ words; for a base without a GC header,
 * the header too; str's and float's rounded to their alignment). */
size_t lx_value_sizeof(lx_interp *I, lx_class *cls, rc_object *value)
{
    static const struct { const rc_type *type; unsigned with_dict, with_slots; } extra[] = {
        {&rc_list_type, 24, 0}, {&rc_dict_type, 24, 0}, {&lx_set_type, 16, 0},
        {&lx_frozenset_type, 16, 0}, {&rc_tuple_type, 8, 0}, {&rc_str_type, 64, 48},
        {&rc_int_type, 16, 16}, {&rc_bigint_type, 16, 16}, {&rc_float_type, 40, 16},
        {&rc_bytes_type, 24, 16},
    };
    size_t n = lx_sizeof(I, value);
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (value->type == extra[i].type)
            n += (cls->flags & CLS_SLOTS) ? extra[i].with_slots : extra[i].with_dict;
    return n + 8 * (size_t)cls->nslots;
}

/* ---- set-up ------------------------------------------------------------------------- */

enum { M_INIT = 1, M_ITEMS = 2, M_SETITEMS = 4, M_CONTAINER = 8, M_HASH = 16, M_NUMBER = 32, M_INDEX = 64,
       M_CONCAT = 128, M_SETOPS = 256, M_INPLACE = 512, M_REVERSIBLE = 1024 };

static int bind(lx_interp *I, lx_class *cls, const char *name, lx_cfunc fn, const rc_type *self_type)
{
    rc_object *f = lx_cfunc_new(I, name, fn);
    rc_object *key = f ? lx_intern(I, name) : NULL;
    int r = key ? rc_dict_set(cls->dict, key, f) : -1;
    if (f) {
        ((lx_cfunc_obj *)f)->self_type = self_type;
        ((lx_cfunc_obj *)f)->is_method = 1;
    }
    rc_xdecref(key);
    rc_xdecref(f);
    if (r < 0 && !lx_exc_occurred(I))
        lx_raise_heap_error(I);
    return r < 0 ? -1 : 0;
}

static int setup_class(lx_interp *I, lx_class *c, unsigned what, int immutable)
{
    static const struct { const char *name; lx_cfunc fn; unsigned need; } table[] = {
        {"__init__", value_init, M_INIT}, {"__getitem__", value_getitem, M_ITEMS},
        {"__setitem__", value_setitem, M_SETITEMS}, {"__delitem__", value_delitem, M_SETITEMS},
        {"__len__", value_len, M_CONTAINER}, {"__iter__", value_iter, M_CONTAINER},
        {"__contains__", value_contains, M_CONTAINER}, {"__reversed__", value_reversed, M_REVERSIBLE}, {"__hash__", value_hash, M_HASH},
        {"__int__", value_int, M_NUMBER}, {"__float__", value_float, M_NUMBER},
        {"__index__", value_index, M_INDEX}, {"__repr__", value_repr, 0}, {"__eq__", value_eq, 0},
        {"__ne__", value_ne, 0}, {"__lt__", value_lt, 0}, {"__le__", value_le, 0},
        {"__gt__", value_gt, 0}, {"__ge__", value_ge, 0}, {"__add__", value_add, M_CONCAT},
        {"__mul__", value_mul, M_CONCAT}, {"__add__", value_add, M_NUMBER}, {"__sub__", value_sub, M_NUMBER},
        {"__mul__", value_mul, M_NUMBER}, {"__truediv__", value_truediv, M_NUMBER},
        {"__floordiv__", value_floordiv, M_NUMBER}, {"__mod__", value_mod, M_NUMBER},
        {"__pow__", value_pow, M_NUMBER}, {"__and__", value_and, M_SETOPS}, {"__or__", value_or, M_SETOPS},
        {"__xor__", value_xor, M_SETOPS}, {"__sub__", value_sub, M_SETOPS},
        {"__iadd__", value_iadd, M_CONCAT | M_INPLACE}, {"__imul__", value_imul, M_CONCAT | M_INPLACE},
        {"__iand__", value_iand, M_SETOPS | M_INPLACE}, {"__ior__", value_ior, M_SETOPS | M_INPLACE},
        {"__ixor__", value_ixor, M_SETOPS | M_INPLACE}, {"__isub__", value_isub, M_SETOPS | M_INPLACE},
    };
    c->vbase = c;
    if (immutable)
        c->flags |= CLS_VALUE_ARGS;
    if (bind(I, c, "__new__", value_new, NULL) < 0)
        return -1;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if ((table[i].need & what) != table[i].need)
            continue;
        int special = c == I->c_dict && table[i].fn == value_getitem;
        int on_instance = special || (table[i].need & M_INPLACE);     /* self: the instance */
        if (bind(I, c, table[i].name, special ? dict_getitem : table[i].fn, on_instance ? NULL : c->native) < 0)
            return -1;
    }
    return 0;
}

int lx_init_value_classes(lx_interp *I)
{
    const struct { lx_class *cls; unsigned what; int immutable; } defs[] = {
        {I->c_list, M_INIT | M_ITEMS | M_SETITEMS | M_CONTAINER | M_CONCAT | M_INPLACE | M_REVERSIBLE, 0},
        {I->c_dict, M_INIT | M_ITEMS | M_SETITEMS | M_CONTAINER | M_REVERSIBLE, 0},
        {I->c_set, M_INIT | M_CONTAINER | M_SETOPS | M_INPLACE, 0},
        {I->c_frozenset, M_CONTAINER | M_HASH | M_SETOPS, 1},
        {I->c_tuple, M_ITEMS | M_CONTAINER | M_HASH | M_CONCAT, 1},
        {I->c_str, M_ITEMS | M_CONTAINER | M_HASH | M_CONCAT, 1},
        {I->c_bytes, M_ITEMS | M_CONTAINER | M_HASH | M_CONCAT, 1},
        {I->c_int, M_HASH | M_NUMBER | M_INDEX, 1},
        {I->c_float, M_HASH | M_NUMBER, 1},
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (setup_class(I, defs[i].cls, defs[i].what, defs[i].immutable) < 0)
            return -1;
    return 0;
}
