/*
 * lang/mod_operator.c — the `operator` module: the script's operators as
 * functions, and the callables itemgetter, attrgetter and methodcaller.
 *
 * Every function does what its operator does in a script, through the
 * same protocol entry points the evaluator uses (lx_binary_op, lx_unary,
 * lx_rich_compare, lx_getitem, ...), so results and error messages are the
 * evaluator's, which are CPython's.  Argument-count errors are worded as
 * CPython's _operator words them ("add expected 2 arguments, got 1",
 * "_operator.neg() takes exactly one argument (0 given)").
 *
 * itemgetter, attrgetter and methodcaller objects hold references to what
 * they were made with (items, names, a method's arguments), which may lead
 * back to the object itself, so their type is RC_TYPE_GC with traverse and
 * clear.  Invariant: `parts` is a tuple (never NULL while the object is
 * alive and not cleared); methodcaller's `kwargs` is NULL or a dict of its
 * own (a copy of the call's).
 */
#include "mod_util.h"

#include <stdlib.h>
#include <string.h>

/* ---- argument checks ------------------------------------------------------------------- */

/* For the functions of two or three arguments: "add expected 2 arguments, got 1". */
static int want_args(lx_interp *I, const char *name, size_t nargs, rc_object *kwargs, size_t n)
{
    if (kwargs && rc_dict_len(kwargs) > 0) {
        lx_raise(I, LX_TypeError, "_operator.%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs != n) {
        lx_raise(I, LX_TypeError, "%s expected %zu arguments, got %zu", name, n, nargs);
        return -1;
    }
    return 0;
}

/* For the functions of one argument: "_operator.neg() takes exactly one argument (0 given)". */
static int want_one(lx_interp *I, const char *name, size_t nargs, rc_object *kwargs)
{
    if (kwargs && rc_dict_len(kwargs) > 0) {
        lx_raise(I, LX_TypeError, "_operator.%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs != 1) {
        lx_raise(I, LX_TypeError, "_operator.%s() takes exactly one argument (%zu given)", name, nargs);
        return -1;
    }
    return 0;
}

/* ---- the operators --------------------------------------------------------------------- */

#define BINARY_FN(cname, pyname, op, inplace)                                                     \
    static rc_object *cname(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)         \
    {                                                                                             \
        if (want_args(I, pyname, n, kw, 2) < 0)                                                   \
            return NULL;                                                                          \
        return lx_binary_op(I, op, a[0], a[1], inplace);                                          \
    }

BINARY_FN(op_add, "add", LX_BIN_ADD, 0)
BINARY_FN(op_sub, "sub", LX_BIN_SUB, 0)
BINARY_FN(op_mul, "mul", LX_BIN_MUL, 0)
BINARY_FN(op_truediv, "truediv", LX_BIN_DIV, 0)
BINARY_FN(op_floordiv, "floordiv", LX_BIN_FLOORDIV, 0)
BINARY_FN(op_mod, "mod", LX_BIN_MOD, 0)
BINARY_FN(op_pow, "pow", LX_BIN_POW, 0)
BINARY_FN(op_lshift, "lshift", LX_BIN_LSHIFT, 0)
BINARY_FN(op_rshift, "rshift", LX_BIN_RSHIFT, 0)
BINARY_FN(op_and, "and_", LX_BIN_AND, 0)
BINARY_FN(op_or, "or_", LX_BIN_OR, 0)
BINARY_FN(op_xor, "xor", LX_BIN_XOR, 0)
BINARY_FN(op_matmul, "matmul", LX_BIN_MATMUL, 0)
BINARY_FN(op_iadd, "iadd", LX_BIN_ADD, 1)
BINARY_FN(op_isub, "isub", LX_BIN_SUB, 1)
BINARY_FN(op_imul, "imul", LX_BIN_MUL, 1)
BINARY_FN(op_itruediv, "itruediv", LX_BIN_DIV, 1)
BINARY_FN(op_ifloordiv, "ifloordiv", LX_BIN_FLOORDIV, 1)
BINARY_FN(op_imod, "imod", LX_BIN_MOD, 1)
BINARY_FN(op_ipow, "ipow", LX_BIN_POW, 1)
BINARY_FN(op_ilshift, "ilshift", LX_BIN_LSHIFT, 1)
BINARY_FN(op_irshift, "irshift", LX_BIN_RSHIFT, 1)
BINARY_FN(op_iand, "iand", LX_BIN_AND, 1)
BINARY_FN(op_ior, "ior", LX_BIN_OR, 1)
BINARY_FN(op_ixor, "ixor", LX_BIN_XOR, 1)
BINARY_FN(op_imatmul, "imatmul", LX_BIN_MATMUL, 1)

#define COMPARE_FN(cname, pyname, cmp)                                                            \
    static rc_object *cname(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)         \
    {                                                                                             \
        if (want_args(I, pyname, n, kw, 2) < 0)                                                   \
            return NULL;                                                                          \
        return lx_rich_compare(I, a[0], a[1], cmp);                                               \
    }

COMPARE_FN(op_lt, "lt", LX_CMP_LT)
COMPARE_FN(op_le, "le", LX_CMP_LE)
COMPARE_FN(op_eq, "eq", LX_CMP_EQ)
COMPARE_FN(op_ne, "ne", LX_CMP_NE)
COMPARE_FN(op_gt, "gt", LX_CMP_GT)
COMPARE_FN(op_ge, "ge", LX_CMP_GE)

#define UNARY_FN(cname, pyname, op)                                                               \
    static rc_object *cname(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)         \
    {                                                                                             \
        if (want_one(I, pyname, n, kw) < 0)                                                       \
            return NULL;                                                                          \
        return lx_unary(I, op, a[0]);                                                             \
    }

UNARY_FN(op_neg, "neg", LX_UN_NEG)
UNARY_FN(op_pos, "pos", LX_UN_POS)
UNARY_FN(op_invert, "invert", LX_UN_INVERT)
UNARY_FN(op_inv, "inv", LX_UN_INVERT)

static rc_object *op_truth(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (want_one(I, "truth", n, kw) < 0)
        return NULL;
    int t = lx_truth(I, a[0]);
    return t < 0 ? NULL : rc_bool(t);
}

static rc_object *op_not(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (want_one(I, "not_", n, kw) < 0)
        return NULL;
    int t = lx_truth(I, a[0]);
    return t < 0 ? NULL : rc_bool(!t);
}

/* abs() is the built-in's (lx_builtin_functions_extra), so the two agree. */
static rc_object *op_abs(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (want_one(I, "abs", n, kw) < 0)
        return NULL;
    for (const lx_func_def *d = lx_builtin_functions_extra; d->name; d++)
        if (strcmp(d->name, "abs") == 0)
            return d->fn(I, a, 1, NULL);
    return lx_raise(I, LX_NotImplementedError, "operator.abs: the built-in abs() is missing");
}

static rc_object *op_index(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t v;
    if (want_one(I, "index", n, kw) < 0 || lx_index_value(I, a[0], &v) < 0)
        return NULL;
    return lx_int(I, v);
}

static rc_object *op_is(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return want_args(I, "is_", n, kw, 2) < 0 ? NULL : rc_bool(a[0] == a[1]);
}

static rc_object *op_is_not(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return want_args(I, "is_not", n, kw, 2) < 0 ? NULL : rc_bool(a[0] != a[1]);
}

/* ---- sequences ------------------------------------------------------------------------- */

/* concat and iconcat accept only sequences on the left, as CPython's. */
static int is_sequence(lx_interp *I, rc_object *o)
{
    if (rc_is_type(o, &rc_str_type) || rc_is_type(o, &rc_list_type) || rc_is_type(o, &rc_tuple_type) ||
        rc_is_type(o, &rc_bytes_type))
        return 1;
    if (rc_is_type(o, &rc_dict_type))
        return 0;
    rc_object *m = lx_getattr(I, o, "__getitem__");
    if (m) {
        rc_decref(m);
        return 1;
    }
    lx_exc_clear(I);
    return 0;
}

static rc_object *concat_with(lx_interp *I, const char *name, rc_object *const *a, size_t n,
                              rc_object *kw, int inplace)
{
    if (want_args(I, name, n, kw, 2) < 0)
        return NULL;
    if (!is_sequence(I, a[0]))
        return lx_raise(I, LX_TypeError, "'%s' object can't be concatenated", lx_type_name(I, a[0]));
    return lx_binary_op(I, LX_BIN_ADD, a[0], a[1], inplace);
}

static rc_object *op_concat(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return concat_with(I, "concat", a, n, kw, 0);
}

static rc_object *op_iconcat(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return concat_with(I, "iconcat", a, n, kw, 1);
}

static rc_object *op_contains(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (want_args(I, "contains", n, kw, 2) < 0)
        return NULL;
    int r = lx_contains(I, a[0], a[1]);
    return r < 0 ? NULL : rc_bool(r);
}

/* Walk seq comparing each item with x: the number of equal items when
 * first_only is 0, else the index of the first (-1: none).  -2 on error. */
static int64_t scan_for(lx_interp *I, rc_object *seq, rc_object *x, int first_only)
{
    rc_object *it = lx_iter(I, seq);
    if (!it) {
        if (lx_exc_matches(I, LX_TypeError)) {
            lx_exc_clear(I);
            lx_raise(I, LX_TypeError, "argument of type '%s' is not iterable", lx_type_name(I, seq));
        }
        return -2;
    }
    int64_t count = 0, index = 0, found = -1;
    rc_object *item;
    while (found < 0 && (item = lx_next(I, it)) != NULL) {
        int eq = item == x ? 1 : lx_compare(I, item, x, LX_CMP_EQ);
        rc_decref(item);
        if (eq < 0) {
            rc_decref(it);
            return -2;
        }
        if (eq && first_only)
            found = index;
        count += eq;
        index++;
    }
    rc_decref(it);
    if (lx_exc_occurred(I))
        return -2;
    return first_only ? found : count;
}

static rc_object *op_count_of(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (want_args(I, "countOf", n, kw, 2) < 0)
        return NULL;
    int64_t c = scan_for(I, a[0], a[1], 0);
    return c < 0 ? NULL : lx_int(I, c);
}

static rc_object *op_index_of(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (want_args(I, "indexOf", n, kw, 2) < 0)
        return NULL;
    int64_t i = scan_for(I, a[0], a[1], 1);
    if (i == -1)
        return lx_raise(I, LX_ValueError, "sequence.index(x): x not in sequence");
    return i < 0 ? NULL : lx_int(I, i);
}

static rc_object *op_getitem(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return want_args(I, "getitem", n, kw, 2) < 0 ? NULL : lx_getitem(I, a[0], a[1]);
}

static rc_object *op_setitem(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (want_args(I, "setitem", n, kw, 3) < 0 || lx_setitem(I, a[0], a[1], a[2]) < 0)
        return NULL;
    return rc_none();
}

static rc_object *op_delitem(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (want_args(I, "delitem", n, kw, 2) < 0 || lx_delitem(I, a[0], a[1]) < 0)
        return NULL;
    return rc_none();
}

/* ---- itemgetter, attrgetter, methodcaller ------------------------------------------------ */

typedef enum getter_kind { GET_ITEM, GET_ATTR, CALL_METHOD } getter_kind;

typedef struct getter {
    rc_object ob;
    getter_kind kind;
    rc_object *parts;      /* items, attribute names, or (name, *args) */
    rc_object *kwargs;     /* methodcaller's keywords: a dict, or NULL */
} getter;

static int getter_traverse(rc_object *self, rc_visit visit, void *arg)
{
    getter *g = (getter *)self;
    int r = g->parts ? visit(g->parts, arg) : 0;
    return r ? r : g->kwargs ? visit(g->kwargs, arg) : 0;
}

static void getter_clear(rc_object *self)
{
    getter *g = (getter *)self;
    RC_CLEAR(g->parts);
    RC_CLEAR(g->kwargs);
}

#define GETTER_TYPE(var, pyname)                                                                  \
    static const rc_type var = {                                                                  \
        .name = pyname,                                                                           \
        .size = sizeof(getter),                                                                   \
        .flags = RC_TYPE_GC,                                                                      \
        .traverse = getter_traverse,                                                              \
        .clear = getter_clear,                                                                    \
        .destroy = getter_clear,                                                                  \
    };

GETTER_TYPE(itemgetter_type, "itemgetter")
GETTER_TYPE(attrgetter_type, "attrgetter")
GETTER_TYPE(methodcaller_type, "methodcaller")

static const char *const getter_names[] = {"itemgetter", "attrgetter", "methodcaller"};

/* A getter of kind holding parts (a tuple of args[0..n)) and kwargs (copied). */
static rc_object *getter_new(lx_interp *I, getter_kind kind, rc_object *const *args, size_t n,
                             rc_object *kwargs)
{
    static const rc_type *const types[] = {&itemgetter_type, &attrgetter_type, &methodcaller_type};
    getter *g = (getter *)rc_new(lx_heap(I), types[kind]);
    if (!g)
        return mod_raise_nomem(I);
    g->kind = kind;
    g->parts = mod_tuple_of(I, args, n);
    if (!g->parts) {
        rc_decref(&g->ob);
        return NULL;
    }
    if (kwargs && rc_dict_len(kwargs) > 0) {
        g->kwargs = lx_dict_new(I);
        rc_ssize pos = 0;
        rc_object *k, *v;
        while (g->kwargs && rc_dict_next(kwargs, &pos, &k, &v))
            if (rc_dict_set(g->kwargs, k, v) < 0) {
                rc_decref(&g->ob);
                return mod_raise_nomem(I);
            }
        if (!g->kwargs) {
            rc_decref(&g->ob);
            return NULL;
        }
    }
    return &g->ob;
}

static rc_object *m_itemgetter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (kw && rc_dict_len(kw) > 0)
        return lx_raise(I, LX_TypeError, "itemgetter() takes no keyword arguments");
    if (n == 0)
        return lx_raise(I, LX_TypeError, "itemgetter expected 1 argument, got 0");
    return getter_new(I, GET_ITEM, a, n, NULL);
}

static rc_object *m_attrgetter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (kw && rc_dict_len(kw) > 0)
        return lx_raise(I, LX_TypeError, "attrgetter() takes no keyword arguments");
    if (n == 0)
        return lx_raise(I, LX_TypeError, "attrgetter expected 1 argument, got 0");
    for (size_t i = 0; i < n; i++)
        if (!rc_is_type(a[i], &rc_str_type))
            return lx_raise(I, LX_TypeError, "attribute name must be a string");
    return getter_new(I, GET_ATTR, a, n, NULL);
}

static rc_object *m_methodcaller(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (n == 0)
        return lx_raise(I, LX_TypeError, "methodcaller needs at least one argument, the method name");
    if (!rc_is_type(a[0], &rc_str_type))
        return lx_raise(I, LX_TypeError, "method name must be a string");
    return getter_new(I, CALL_METHOD, a, n, kw);
}

/* obj.a.b.c for the dotted name (a str). */
static rc_object *get_dotted(lx_interp *I, rc_object *obj, rc_object *name)
{
    const char *s = rc_str_data(name);
    size_t len = rc_str_size(name);
    char *copy = malloc(len + 1);
    if (!copy)
        return lx_raise(I, LX_MemoryError, "out of memory");
    memcpy(copy, s, len + 1);
    rc_object *cur = obj;
    rc_incref(cur);
    for (char *part = copy; cur && part;) {
        char *dot = strchr(part, '.');
        if (dot)
            *dot = '\0';
        rc_object *next = lx_getattr(I, cur, part);
        rc_decref(cur);
        cur = next;
        part = dot ? dot + 1 : NULL;
    }
    free(copy);
    return cur;
}

static rc_object *get_one(lx_interp *I, getter *g, rc_object *obj, rc_object *part)
{
    return g->kind == GET_ITEM ? lx_getitem(I, obj, part) : get_dotted(I, obj, part);
}

static rc_object *call_method(lx_interp *I, getter *g, rc_object *obj)
{
    rc_ssize n = rc_tuple_len(g->parts);
    rc_object *m = lx_getattr(I, obj, rc_str_data(rc_tuple_get(g->parts, 0)));
    if (!m)
        return NULL;
    rc_object **args = n > 1 ? malloc(sizeof *args * (size_t)(n - 1)) : NULL;
    if (n > 1 && !args) {
        rc_decref(m);
        return lx_raise(I, LX_MemoryError, "out of memory");
    }
    for (rc_ssize i = 1; i < n; i++)
        args[i - 1] = rc_tuple_get(g->parts, i);
    rc_object *r = lx_call(I, m, args, (size_t)(n - 1), g->kwargs);
    free(args);
    rc_decref(m);
    return r;
}

static rc_object *getter_call(lx_interp *I, rc_object *self, rc_object *const *a, size_t n,
                              rc_object *kw)
{
    getter *g = (getter *)self;
    const char *name = getter_names[g->kind];
    if (kw && rc_dict_len(kw) > 0)
        return lx_raise(I, LX_TypeError, "%s() takes no keyword arguments", name);
    if (n != 1)
        return lx_raise(I, LX_TypeError, "%s expected 1 argument, got %zu", name, n);
    if (!g->parts)
        return lx_raise(I, LX_ValueError, "%s object was cleared", name);
    if (g->kind == CALL_METHOD)
        return call_method(I, g, a[0]);
    rc_ssize count = rc_tuple_len(g->parts);
    if (count == 1)
        return get_one(I, g, a[0], rc_tuple_get(g->parts, 0));
    rc_object *out = rc_tuple_new(lx_heap(I), count);
    if (!out)
        return mod_raise_nomem(I);
    for (rc_ssize i = 0; i < count; i++) {
        rc_object *v = get_one(I, g, a[0], rc_tuple_get(g->parts, i));
        int set = v ? rc_tuple_set(out, i, v) : -1;   /* the tuple takes its own reference */
        if (v)
            rc_decref(v);
        if (set < 0) {
            rc_decref(out);
            return v ? mod_raise_nomem(I) : NULL;
        }
    }
    return out;
}

/* Append repr(o), or "k=repr(v)" when key is given, to the list parts. */
static int add_repr(lx_interp *I, rc_object *parts, rc_object *key, rc_object *o)
{
    rc_object *r = lx_repr(I, o);
    if (r && key) {
        rc_object *eq = lx_strz(I, "=");
        rc_object *k = eq ? lx_add(I, key, eq) : NULL;
        rc_object *kr = k ? lx_add(I, k, r) : NULL;
        if (eq)
            rc_decref(eq);
        if (k)
            rc_decref(k);
        rc_decref(r);
        r = kr;
    }
    return mod_list_append_new(I, parts, r);
}

/* "operator.itemgetter(1, 'a')", "operator.methodcaller('f', 1, k=2)" */
static rc_object *getter_repr(lx_interp *I, rc_object *self)
{
    getter *g = (getter *)self;
    char head[64];
    snprintf(head, sizeof head, "operator.%s(", getter_names[g->kind]);
    rc_object *parts = lx_list_new(I);
    int rc = parts ? 0 : -1;
    for (rc_ssize i = 0; rc == 0 && g->parts && i < rc_tuple_len(g->parts); i++)
        rc = add_repr(I, parts, NULL, rc_tuple_get(g->parts, i));
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc == 0 && g->kwargs && rc_dict_next(g->kwargs, &pos, &k, &v))
        rc = add_repr(I, parts, k, v);
    rc_object *sep = rc == 0 ? lx_strz(I, ", ") : NULL;
    rc_object *join = sep ? lx_getattr(I, sep, "join") : NULL;
    rc_object *body = join ? lx_call(I, join, &parts, 1, NULL) : NULL;
    rc_object *open = body ? lx_strz(I, head) : NULL;
    rc_object *close = open ? lx_strz(I, ")") : NULL;
    rc_object *left = close ? lx_add(I, open, body) : NULL;
    rc_object *out = left ? lx_add(I, left, close) : NULL;
    rc_object *temps[] = {parts, sep, join, body, open, close, left};
    for (size_t i = 0; i < sizeof temps / sizeof temps[0]; i++)
        if (temps[i])
            rc_decref(temps[i]);
    return out;
}

#define GETTER_SLOTS(var, typevar, pyname)                                                        \
    static const lx_type_slots var = {                                                            \
        .type = &typevar, .name = pyname, .repr = getter_repr, .call = getter_call,              \
    };

GETTER_SLOTS(itemgetter_slots, itemgetter_type, "itemgetter")
GETTER_SLOTS(attrgetter_slots, attrgetter_type, "attrgetter")
GETTER_SLOTS(methodcaller_slots, methodcaller_type, "methodcaller")

/* At the module's first import, so that a script that does not import it
 * does not pay for the three classes. */
static int register_getter_types(lx_interp *I)
{
    if (lx_register_type(I, &itemgetter_slots) < 0 || lx_register_type(I, &attrgetter_slots) < 0)
        return -1;
    return lx_register_type(I, &methodcaller_slots);
}

/* ---- the module ---------------------------------------------------------------------------- */

/* Each function also under its dunder name (operator.__add__ is operator.add). */
static const struct {
    const char *name, *dunder;
    lx_cfunc fn;
} operator_functions[] = {
    {"add", "__add__", op_add},             {"sub", "__sub__", op_sub},
    {"mul", "__mul__", op_mul},             {"truediv", "__truediv__", op_truediv},
    {"floordiv", "__floordiv__", op_floordiv}, {"mod", "__mod__", op_mod},
    {"pow", "__pow__", op_pow},             {"lshift", "__lshift__", op_lshift},
    {"rshift", "__rshift__", op_rshift},    {"and_", "__and__", op_and},
    {"or_", "__or__", op_or},               {"xor", "__xor__", op_xor},
    {"matmul", "__matmul__", op_matmul},    {"iadd", "__iadd__", op_iadd},
    {"isub", "__isub__", op_isub},          {"imul", "__imul__", op_imul},
    {"itruediv", "__itruediv__", op_itruediv}, {"ifloordiv", "__ifloordiv__", op_ifloordiv},
    {"imod", "__imod__", op_imod},          {"ipow", "__ipow__", op_ipow},
    {"ilshift", "__ilshift__", op_ilshift}, {"irshift", "__irshift__", op_irshift},
    {"iand", "__iand__", op_iand},          {"ior", "__ior__", op_ior},
    {"ixor", "__ixor__", op_ixor},          {"imatmul", "__imatmul__", op_imatmul},
    {"lt", "__lt__", op_lt},                {"le", "__le__", op_le},
    {"eq", "__eq__", op_eq},                {"ne", "__ne__", op_ne},
    {"gt", "__gt__", op_gt},                {"ge", "__ge__", op_ge},
    {"neg", "__neg__", op_neg},             {"pos", "__pos__", op_pos},
    {"invert", "__invert__", op_invert},    {"inv", "__inv__", op_inv},
    {"not_", "__not__", op_not},            {"truth", NULL, op_truth},
    {"abs", "__abs__", op_abs},             {"index", "__index__", op_index},
    {"is_", NULL, op_is},                   {"is_not", NULL, op_is_not},
    {"concat", "__concat__", op_concat},    {"iconcat", "__iconcat__", op_iconcat},
    {"contains", "__contains__", op_contains}, {"countOf", NULL, op_count_of},
    {"indexOf", NULL, op_index_of},         {"getitem", "__getitem__", op_getitem},
    {"setitem", "__setitem__", op_setitem}, {"delitem", "__delitem__", op_delitem},
    {"itemgetter", NULL, m_itemgetter},     {"attrgetter", NULL, m_attrgetter},
    {"methodcaller", NULL, m_methodcaller},
};

rc_object *lx_mod_operator_init(lx_interp *I)
{
    if (register_getter_types(I) < 0)
        return NULL;
    rc_object *m = lx_module_new(I, "operator", NULL);
    int rc = m ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < sizeof operator_functions / sizeof operator_functions[0]; i++) {
        rc_object *f = lx_cfunc_new(I, operator_functions[i].name, operator_functions[i].fn);
        rc = f ? lx_module_set(I, m, operator_functions[i].name, f) : -1;
        if (rc == 0 && operator_functions[i].dunder)
            rc = lx_module_set(I, m, operator_functions[i].dunder, f);
        if (f)
            rc_decref(f);
    }
    if (rc < 0 && m)
        RC_CLEAR(m);
    return m;
}
