/*
 * lang/core.h — the core's private structures (not for lang/mod_*.c).
 *
 * The interpreter state (lx_interp), the script-level object types the core
 * defines on top of the library's (classes, instances, functions, code,
 * cells, bound methods, modules, sets, ranges, iterators, ...), the bytecode
 * and the evaluator's entry points.  Only the core's files include it; the
 * method files and the native modules see lang.h alone.
 *
 * Object model invariants:
 *   - every script value is an rc_object of I->heap or an immortal;
 *   - type(x) is always an lx_class: user classes and built-in ones alike.
 *     A class whose instances are lx_inst embeds the rc_type of those
 *     instances (cls->itype), so rc_type -> class is pointer arithmetic;
 *     other rc_types map to their class through I->type_map; a class's
 *     own class is its metaclass (cls->meta) or, when that is NULL, type;
 *   - an instance stores its attributes in an attribute table owned by the
 *     instance: values indexed by the class's key list (cls->keys, interned
 *     names), inline in the instance up to ninline, then in `extra`.  Once
 *     __dict__ is read the attributes move to a real dict (inst->dict) and
 *     the table stays empty;
 *   - every type that holds references is RC_TYPE_GC with traverse and
 *     clear, so cycles through any of them are collectable.
 */
#ifndef RECLAIM_LANG_CORE_H
#define RECLAIM_LANG_CORE_H

#include "lang.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LX_RECURSION_LIMIT 1000
#define LX_STACK_SLOTS (1u << 20)     /* the value stack all frames share */
#define LX_MAX_BLOCKS 24              /* statically nested try/with blocks */

/* ---- interned names the core looks up often ------------------------------- */

#define LX_NAME_LIST(X) \
    X(__init__) X(__new__) X(__del__) X(__repr__) X(__str__) X(__eq__) X(__ne__) \
    X(__lt__) X(__le__) X(__gt__) X(__ge__) X(__hash__) X(__len__) X(__bool__) \
    X(__iter__) X(__next__) X(__getitem__) X(__setitem__) X(__delitem__) \
    X(__contains__) X(__call__) X(__enter__) X(__exit__) X(__getattr__) \
    X(__getattribute__) X(__setattr__) X(__delattr__) X(__dict__) X(__class__) \
    X(__name__) X(__qualname__) X(__module__) X(__doc__) X(__slots__) \
    X(__add__) X(__sub__) X(__mul__) X(__truediv__) X(__floordiv__) X(__mod__) \
    X(__pow__) X(__lshift__) X(__rshift__) X(__and__) X(__or__) X(__xor__) \
    X(__matmul__) \
    X(__radd__) X(__rsub__) X(__rmul__) X(__rtruediv__) X(__rfloordiv__) \
    X(__rmod__) X(__rpow__) X(__rlshift__) X(__rrshift__) X(__rand__) X(__ror__) \
    X(__rxor__) X(__rmatmul__) \
    X(__iadd__) X(__isub__) X(__imul__) X(__itruediv__) X(__ifloordiv__) \
    X(__imod__) X(__ipow__) X(__ilshift__) X(__irshift__) X(__iand__) X(__ior__) \
    X(__ixor__) X(__imatmul__) \
    X(__neg__) X(__pos__) X(__invert__) X(__abs__) X(__index__) X(__int__) \
    X(__float__) X(__format__) X(__get__) X(__set__) X(__delete__) \
    X(__main__) X(__builtins__) X(__file__) X(__weakref__) X(__traceback__) \
    X(__cause__) X(__context__) X(__bases__) X(__base__) X(__mro__) \
    X(__reversed__) X(__missing__) X(__set_name__) X(__init_subclass__) \
    X(__round__) X(__sizeof__) X(__self__) X(__code__) \
    X(__defaults__) X(__closure__) X(__globals__) X(__wrapped__) \
    X(args) X(self) X(append) X(keys) X(items) X(values) X(get) X(format) \
    X(join) X(__suppress_context__) X(__annotations__) X(__kwdefaults__) \
    X(__classcell__) X(__prepare__) X(metaclass)

typedef struct lx_names {
#define X(n) rc_object *n;
    LX_NAME_LIST(X)
#undef X
    rc_object *dunder_func;   /* "__func__" (a reserved identifier in C) */
} lx_names;

/* ---- classes and instances ---------------------------------------------------- */

#define CLS_BUILTIN   0x01u   /* a built-in class (repr without module) */
#define CLS_INSTANCES 0x02u   /* instances are lx_inst (itype is valid) */
#define CLS_SLOTS     0x04u   /* __slots__: no __dict__, fixed attributes */
#define CLS_EXC       0x08u   /* BaseException or a subclass */
#define CLS_NODICT    0x10u   /* instances take no attributes at all (object()) */
#define CLS_HAS_DEL   0x20u   /* __del__ somewhere in the mro */
#define CLS_HAS_GETATTR 0x40u /* __getattr__ somewhere in the mro */
#define CLS_HAS_SETATTR 0x80u /* __setattr__ / __delattr__ overridden */
#define CLS_HAS_DESCR 0x100u  /* a property/descriptor somewhere in the mro */
#define CLS_NOSUBCLASS 0x200u /* cannot be subclassed (bool, NoneType, ...) */
#define CLS_USER_NEW  0x400u  /* a script-defined __new__ somewhere in the mro */
#define CLS_NOWEAKREF 0x800u  /* instances refuse weak references (object, __slots__
                                 without '__weakref__' over such a base) */
#define CLS_META      0x1000u /* instances are classes: type and its subclasses */
#define CLS_VALUE_ARGS 0x2000u /* vbase is immutable (str, int, ...): the value is made
                                  from the call's arguments, before __init__ */

typedef struct lx_class lx_class;
struct lx_class {
    rc_object ob;
    rc_type itype;            /* rc_type of instances (CLS_INSTANCES) */
    const rc_type *native;    /* the rc_type this built-in class describes, or NULL */
    lx_interp *I;
    rc_object *name;          /* str (owned) */
    rc_object *qualname;      /* str (owned) */
    rc_object *module;        /* str or NULL (owned) */
    lx_class *base;           /* owned; NULL only for object */
    lx_class *meta;           /* the metaclass (owned, CLS_META) or NULL: type */
    rc_object *bases;         /* tuple of classes (owned) */
    rc_object *mro;           /* tuple of classes, self first (owned) */
    rc_object *dict;          /* the class namespace (owned dict) */
    rc_object **keys;         /* instance attribute names (owned, interned); rc_malloc'd */
    uint32_t nkeys, keys_cap;
    uint32_t ninline;         /* inline value slots a new instance gets */
    uint32_t nreserved;       /* leading slots the core uses (exceptions: 4) */
    uint32_t nslots;          /* __slots__ names (they are keys[nreserved..]) */
    unsigned flags;
    const struct lx_type_slots *slots;  /* external types (lx_register_type) */
    lx_cfunc ctor;            /* built-in classes: what calling the class does */
    rc_object *init_cache;    /* borrowed __init__ found for init_epoch (NULL: none) */
    uint32_t init_epoch;      /* I->epoch + 1 when init_cache was filled; 0: never */
    char *cname;              /* itype.name storage (rc_malloc'd) */
    lx_class *vbase;          /* borrowed: the built-in value class (list, dict, str, ...)
                                 this class derives from, itself for that class; NULL: none.
                                 Instances of a script class with a vbase hold their
                                 built-in value in vals[LX_VALUE_SLOT] (lang/subclass.c) */
};

typedef struct lx_inst {
    rc_object ob;             /* ob.type == &class->itype */
    rc_object *dict;          /* materialised __dict__ (owned) or NULL */
    rc_object **extra;        /* values at key index >= ninline (rc_malloc'd) or NULL */
    uint32_t ninline, nextra;
    rc_object *vals[];        /* values at key index < ninline; NULL = unset */
} lx_inst;

/* exception instances: reserved value slots */
enum { EXC_ARGS, EXC_TB, EXC_CAUSE, EXC_CONTEXT, EXC_NRESERVED };
/* instances of subclasses of built-in value types: the reserved value slot */
enum { LX_VALUE_SLOT, LX_VALUE_NRESERVED };

static inline lx_class *lx_class_of_itype(const rc_type *t)
{
    return (lx_class *)(void *)((char *)t - offsetof(lx_class, itype));
}

/* ---- code, functions, frames ----------------------------------------------------------- */

#define CO_VARARGS   0x1
#define CO_VARKW     0x2
#define CO_CLASSBODY 0x4    /* names resolve through the namespace dict */
#define CO_MODULE    0x8
#define CO_NEWLOCALS 0x10   /* a function body (locals by slot) */
#define CO_COMPREHENSION 0x20
#define CO_GENERATOR 0x40   /* calling it makes a generator (lang/gen.c) */

typedef struct lx_attr_cache {
    const lx_class *cls;      /* borrowed: valid while epoch matches */
    uint32_t epoch;
    int32_t index;            /* instance attribute index, or -1 */
    rc_object *value;         /* borrowed class attribute (LOAD_METHOD) or global */
    int kind;                 /* 0 empty, 1 instance load, 2 method, 3 instance store, 4 class attribute */
    /* LOAD_GLOBAL: the value is valid while both dict versions match */
    uint64_t globals_version, builtins_version;
} lx_attr_cache;

typedef struct lx_code {
    rc_object ob;
    uint32_t *ins;            /* instructions: op | arg << 8 (malloc) */
    int32_t *lines;           /* line of each instruction (malloc) */
    uint32_t nins;
    rc_object **consts;       /* owned (malloc) */
    uint32_t nconsts;
    rc_object **names;        /* owned interned strs (malloc) */
    uint32_t nnames;
    rc_object **localnames;   /* locals, then cells, then frees: owned strs (malloc) */
    uint32_t nlocals, ncells, nfree;
    int32_t *cell2arg;        /* per cell: the argument it starts from, or -1 */
    uint32_t argcount, posonly, kwonly, flags;
    uint32_t stacksize;
    lx_attr_cache *caches;    /* malloc'd; mutable at run time */
    uint32_t ncaches;
    rc_object *name, *qualname, *filename;
    int firstline;
    int32_t doc;              /* a function's docstring: its index in consts, or -1 */
} lx_code;

typedef struct lx_func {
    rc_object ob;
    lx_code *code;            /* owned */
    rc_object *globals;       /* owned dict */
    rc_object *defaults;      /* tuple or NULL */
    rc_object *kwdefaults;    /* dict or NULL */
    rc_object *closure;       /* tuple of cells or NULL */
    rc_object *name, *qualname;  /* strs (owned) */
    rc_object *module;        /* __module__: the globals' __name__ or what was assigned; NULL: None */
    rc_object *doc;           /* __doc__ once assigned (any object); NULL: the code's docstring */
    rc_object *dict;          /* function attributes or NULL */
    rc_object *annotations;   /* __annotations__: dict or NULL (made empty when asked) */
} lx_func;

typedef struct lx_cell {
    rc_object ob;
    rc_object *ref;           /* owned or NULL (empty) */
} lx_cell;

typedef struct lx_cfunc_obj {
    rc_object ob;
    const char *name;         /* static or owned by `owner` */
    lx_cfunc fn;
    const rc_type *self_type; /* methods of built-in types: args[0] must be of this type */
    rc_object *self;          /* bound receiver (owned) or NULL */
    int is_method;            /* in a class namespace: binds to the instance; 2: made by
                                 lx_cfunc_method_new, also serves as a comparison method */
    rc_object *owner;         /* keeps `name` alive (owned str) or NULL */
} lx_cfunc_obj;

typedef struct lx_method {
    rc_object ob;
    rc_object *func, *self;   /* owned */
} lx_method;

typedef struct lx_module {
    rc_object ob;
    rc_object *name;          /* str */
    rc_object *dict;
} lx_module;

typedef struct lx_block {
    int kind;                 /* B_TRY, B_HANDLER */
    int handler;              /* B_TRY: instruction index */
    int level;                /* stack depth to unwind to */
    rc_object *saved;         /* B_HANDLER: the previously handled exception (owned) */
} lx_block;
enum { B_TRY, B_HANDLER };

typedef struct lx_frame {
    struct lx_frame *back;
    lx_code *code;
    lx_func *func;            /* borrowed; NULL for module code */
    rc_object *globals;       /* borrowed */
    rc_object *ns;            /* class body / module: namespace dict (borrowed), else NULL */
    rc_object **fast;         /* locals, cells, frees, then the value stack */
    rc_object **sp;
    const uint32_t *pc;
    int nblocks;
    lx_block blocks[LX_MAX_BLOCKS];
} lx_frame;

/* A generator (lang/gen.c): the suspended frame of a CO_GENERATOR function. */
enum { GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_DONE };
typedef struct lx_gen {
    rc_object ob;
    lx_interp *I;
    lx_func *func;            /* owned */
    rc_object **saved;        /* rc_malloc'd, the frame's slots: fast area, then operand stack */
    uint32_t nsaved;          /* slots of `saved` holding references (0 while running, done) */
    uint32_t pc;              /* instruction index to resume at */
    uint32_t depth;           /* operand stack entries saved */
    int nblocks, blocks_cap;
    lx_block *blocks;         /* rc_malloc'd: the open try/with blocks at the yield */
    rc_object *exc_state;     /* what the frame was handling when it yielded (owned) */
    rc_object *sent;          /* on resume: what the yield evaluates to (owned; NULL: None) */
    int state;                /* GEN_CREATED .. GEN_DONE */
    int yf_result;            /* resume at YIELD_FROM: `sent` is the delegate's return value */
} lx_gen;

/* ---- other core objects --------------------------------------------------------------------- */

typedef struct lx_set {
    rc_object ob;
    rc_ssize fill, used, mask;  /* fill = used + dummies; table has mask+1 slots */
    struct lx_setentry *table;  /* rc_malloc'd */
    uint64_t version;
    int frozen;
    int64_t hash;               /* frozenset: cached hash, -1 if not computed */
} lx_set;
typedef struct lx_setentry {
    rc_object *key;            /* NULL empty; I->dummy deleted */
    int64_t hash;
} lx_setentry;

typedef struct lx_range {
    rc_object ob;
    int64_t start, stop, step, len;
} lx_range;

/* An iterator of iter.c (list, range, map, zip, ...): kind says which. */
typedef struct lx_iterobj {
    rc_object ob;
    int kind;
    rc_object *src;            /* owned; NULL once exhausted */
    rc_object *aux;            /* owned: function (map/filter), sentinel (callable) */
    int64_t i, stop, step;     /* list/tuple/str/bytes: i is the next index; range: i counts
                                * items given, stop is the length */
} lx_iterobj;
/* the two the evaluator's FOR_ITER steps inline */
extern const rc_type lx_list_iter_type, lx_range_iter_type;

/* A list or range iterator has a next item. */
static inline int lx_iter_has_next(const lx_iterobj *it)
{
    if (!it->src)
        return 0;
    return it->ob.type == &lx_list_iter_type ? it->i < rc_list_len_fast(it->src) : it->i < it->stop;
}

/* The next item of a list or range iterator for which lx_iter_has_next
 * holds (a new reference), or NULL with no memory for a range's int (the
 * iterator then has not moved).  Counts no step.  iter.c's next and the
 * evaluator's FOR_ITER both step these two kinds through it. */
static inline rc_object *lx_iter_step(rc_heap *h, lx_iterobj *it)
{
    rc_object *v;
    if (it->ob.type == &lx_list_iter_type) {
        v = rc_list_get_fast(it->src, it->i);
        rc_incref(v);
    } else {
        const lx_range *r = (const lx_range *)it->src;
        if (!(v = rc_int_new(h, r->start + it->i * r->step)))
            return NULL;
    }
    it->i++;
    return v;
}

typedef struct lx_tb {
    rc_object ob;
    struct lx_tb *next;        /* owned: the deeper entry */
    lx_code *code;             /* owned */
    int line;
    /* the frame's locals, cells and frees when the exception left the frame
     * (CPython's traceback keeps the frame, so its locals live as long as
     * the exception); rc_malloc'd, each entry owned or NULL */
    rc_object **locals;
    uint32_t nlocals;
} lx_tb;

typedef struct lx_wrapper {    /* staticmethod, classmethod */
    rc_object ob;
    rc_object *func;
} lx_wrapper;

typedef struct lx_property {
    rc_object ob;
    rc_object *fget, *fset, *fdel, *doc;
} lx_property;

typedef struct lx_super {
    rc_object ob;
    lx_class *type;            /* owned */
    rc_object *obj;            /* owned */
} lx_super;

/* ---- the interpreter ------------------------------------------------------------------------- */

#define LX_TYPECACHE_SIZE 16      /* a power of two */

typedef struct lx_typemap_entry {
    const rc_type *type;
    lx_class *cls;             /* owned */
} lx_typemap_entry;

#define LX_LOOKUP_CACHE_SIZE 1024  /* a power of two */

/* One remembered class lookup: lx_class_lookup(cls, name) gave value
 * (borrowed, may be NULL) while I->epoch was `epoch`.  The entry owns a
 * reference to name, so no other string can take its address while the
 * entry stands; name NULL = empty. */
typedef struct lx_lookup_entry {
    const lx_class *cls;
    rc_object *name;           /* owned */
    rc_object *value;          /* borrowed */
    uint32_t epoch;
} lx_lookup_entry;

typedef struct lx_native_module {
    char *name;
    lx_module_init init;
} lx_native_module;

struct lx_interp {
    rc_heap *heap;
    int int_max_str_digits;    /* int <-> decimal str limit (0: none); int_big.c */
    lx_options opts;
    lx_names names;
    rc_object *builtins;       /* dict */
    rc_object *modules;        /* dict: name -> module */
    rc_object *path;           /* list of directories for imports (sys.path), or NULL */
    rc_object *main_dict;      /* __main__'s globals */
    rc_object *exc;            /* the exception being raised (owned) or NULL */
    /* a MemoryError made at start-up (owned), raised when making one runs
     * out of memory; making_memory_error counts lx_raise calls making one */
    rc_object *spare_memory_error;
    int making_memory_error;
    rc_object *handled;        /* the exception being handled (owned) or NULL */
    int depth;                 /* nested calls (recursion limit) */
    int recursion_limit;
    int exiting;               /* SystemExit seen: its status */
    lx_frame *frame;           /* innermost running frame */
    rc_object **stack, **stack_top, **stack_end;
    uint32_t epoch;            /* bumped when any class namespace or key list changes */
    int str_subclassed;        /* a script class derives from str: str methods must look
                                  for str subclass instances among their arguments */
    /* classes of the built-in types */
    lx_class *c_object, *c_type, *c_int, *c_bool, *c_float, *c_str, *c_bytes, *c_tuple,
        *c_list, *c_dict, *c_set, *c_frozenset, *c_range, *c_none, *c_function, *c_cfunc,
        *c_method, *c_module, *c_code, *c_cell, *c_weakref, *c_property, *c_staticmethod,
        *c_classmethod, *c_super, *c_notimpl, *c_ellipsis, *c_tb, *c_slice;
    lx_class *exc_class[LX_EXC_KIND_COUNT];
    lx_typemap_entry *typemap;
    size_t ntypemap, typemap_cap;
    /* recent typemap lookups, direct-mapped by the type's address (borrowed;
     * type NULL = empty); emptied when the typemap's classes are released */
    lx_typemap_entry typecache[LX_TYPECACHE_SIZE];
    /* recent class lookups, direct-mapped by (class, name) addresses */
    lx_lookup_entry lookup_cache[LX_LOOKUP_CACHE_SIZE];
    lx_native_module *natives;
    size_t nnatives;
    rc_object *not_implemented, *ellipsis;  /* this interpreter's singletons (owned) */
    rc_object *dummy;          /* the sets' deleted-entry marker (static, not a heap object) */
    rc_object *empty_tuple;
    lx_mark *marks;
    size_t nmarks;
    double t0;
    const char *cur_file;      /* for lx_current_location when no frame */
    int repl;                  /* PRINT_EXPR echoes */
    rc_object *repr_active;    /* list of containers being repr'd (recursion guard) */
    uint64_t steps_left;       /* steps before lx_steps_event (step limit, tick) */
    /* the C stack: where the outermost entry into script code stood and how
     * far below it calls may go before RecursionError (any build, any frame
     * size: no input can overflow the C stack) */
    const char *c_stack_start;
    size_t c_stack_budget;
    void *extra;               /* interp.c's private state (atexit hooks, ...) */
};

/* ---- opcodes -------------------------------------------------------------------------------- */

#define LX_OPCODES(X) \
    X(NOP) X(POP_TOP) X(ROT_TWO) X(ROT_THREE) X(ROT_FOUR) X(DUP_TOP) X(DUP_TOP_TWO) \
    X(LOAD_CONST) X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST) \
    X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(LOAD_CLOSURE) X(LOAD_CLASSDEREF) \
    X(LOAD_GLOBAL) X(STORE_GLOBAL) X(DELETE_GLOBAL) \
    X(LOAD_NAME) X(STORE_NAME) X(DELETE_NAME) \
    X(LOAD_ATTR) X(STORE_ATTR) X(DELETE_ATTR) X(LOAD_METHOD) X(CALL_METHOD) \
    X(CALL) X(CALL_KW) X(CALL_EX) \
    X(BINARY) X(INPLACE) X(UNARY_NEG) X(UNARY_POS) X(UNARY_INVERT) X(UNARY_NOT) \
    X(COMPARE) X(IS_OP) X(CONTAINS_OP) \
    X(JUMP) X(POP_JUMP_IF_FALSE) X(POP_JUMP_IF_TRUE) X(JUMP_IF_FALSE_OR_POP) \
    X(JUMP_IF_TRUE_OR_POP) X(GET_ITER) X(FOR_ITER) \
    X(BUILD_LIST) X(BUILD_TUPLE) X(BUILD_SET) X(BUILD_MAP) X(BUILD_SLICE) X(BUILD_STRING) \
    X(LIST_APPEND) X(SET_ADD) X(MAP_ADD) X(LIST_EXTEND) X(SET_UPDATE) X(DICT_UPDATE) \
    X(DICT_MERGE) X(LIST_TO_TUPLE) X(UNPACK_SEQUENCE) X(UNPACK_EX) \
    X(BINARY_SUBSCR) X(STORE_SUBSCR) X(DELETE_SUBSCR) X(FORMAT_VALUE) \
    X(MAKE_FUNCTION) X(BUILD_CLASS) X(RETURN_VALUE) X(RAISE) X(RERAISE) \
    X(SETUP_TRY) X(POP_BLOCK) X(POP_EXCEPT) X(SETUP_WITH) X(WITH_EXIT) X(WITH_EXCEPT) \
    X(JUMP_IF_NOT_EXC_MATCH) X(IMPORT_NAME) X(IMPORT_FROM) X(IMPORT_STAR) \
    X(LOAD_ASSERTION_ERROR) X(PRINT_EXPR) X(MAKE_CELL) X(COPY_FREE_VARS) \
    X(LOAD_FAST_LOAD_ATTR) X(LOAD_FAST_LOAD_METHOD) X(LOAD_FAST_LOAD_FAST) \
    X(LOAD_FAST_LOAD_CONST) X(STORE_FAST_LOAD_FAST) X(YIELD_VALUE) X(YIELD_FROM) \
    X(MATCH_SEQUENCE) X(MATCH_MAPPING) X(MATCH_CLASS) X(MATCH_KEYS) X(GET_LEN) \
    X(COPY_DICT_WITHOUT_KEYS)

typedef enum lx_opcode {
#define X(n) OPC_##n,
    LX_OPCODES(X)
#undef X
    OPC_COUNT
} lx_opcode;

/* Operators of BINARY/INPLACE (the order of OP_ADD.. in ast.h). */
enum { BIN_ADD = LX_BIN_ADD, BIN_SUB = LX_BIN_SUB, BIN_MUL = LX_BIN_MUL, BIN_DIV = LX_BIN_DIV,
       BIN_FLOORDIV = LX_BIN_FLOORDIV, BIN_MOD = LX_BIN_MOD, BIN_POW = LX_BIN_POW,
       BIN_LSHIFT = LX_BIN_LSHIFT, BIN_RSHIFT = LX_BIN_RSHIFT, BIN_AND = LX_BIN_AND,
       BIN_OR = LX_BIN_OR, BIN_XOR = LX_BIN_XOR, BIN_MATMUL = LX_BIN_MATMUL, BIN_COUNT };

/* MAKE_FUNCTION flags */
#define MF_DEFAULTS 0x1
#define MF_KWDEFAULTS 0x2
#define MF_CLOSURE 0x4
#define MF_ANNOTATIONS 0x8

/* FORMAT_VALUE flags: conversion in the low 2 bits (0 none, 1 str, 2 repr, 3 ascii) */
#define FV_HAS_SPEC 0x4

/* In a traverse function: report x (if not NULL) to visit, stopping on non-zero. */
#define VISIT(x)                                         \
    do {                                                 \
        if (x) {                                         \
            int vr_ = visit((rc_object *)(x), arg);      \
            if (vr_)                                     \
                return vr_;                              \
        }                                                \
    } while (0)

/* ---- core entry points (shared between the core's files) ------------------------------------ */

/* compile.c: compile source to a module code object (new reference) or NULL
 * with SyntaxError set.  mode 1: interactive (expression statements echo). */
lx_code *lx_compile(lx_interp *I, const char *src, size_t len, const char *filename, int mode);
extern const rc_type lx_code_type;
const char *lx_opcode_name(int op);

/* eval.c */
rc_object *lx_eval_code(lx_interp *I, lx_code *code, rc_object *globals, rc_object *ns);
/* What type.__new__ does once the class exists: __set_name__, then
 * __init_subclass__ with kw (a dict or NULL).  0, or -1 with the exception. */
int lx_class_created(lx_interp *I, rc_object *cls, rc_object *kw);
rc_object *lx_call_function(lx_interp *I, lx_func *f, rc_object *const *args, size_t nargs,
                            rc_object *kwargs);
rc_object *lx_unary_op(lx_interp *I, int opcode, rc_object *a);
int lx_enter_call(lx_interp *I);
/* Steps: backward jumps, calls, and items a native takes from an iterator
 * (lx_next) each count one.  The step limit (lx_set_step_limit) and the tick
 * (lx_set_tick) share one countdown, I->steps_left; when it reaches zero,
 * lx_steps_event lets the heap return idle memory (rc_heap_maintain), runs
 * the tick and re-arms it, or raises RuntimeError("step
 * limit exceeded") (and keeps raising at every later step).  0, or -1 with
 * the exception. */
int lx_steps_event(lx_interp *I);
static inline int lx_count_step(lx_interp *I)
{
    return __builtin_expect(--I->steps_left == 0, 0) ? lx_steps_event(I) : 0;
}
/* n steps at once, for one operation whose work grows with its operands
 * (a product of big ints): the step limit bounds it too.  0 or -1. */
int lx_spend_steps(lx_interp *I, uint64_t n);
static inline void lx_leave_call(lx_interp *I) { I->depth--; }

/* objects.c: functions, cells, methods, modules, code */
extern const rc_type lx_func_type, lx_cfunc_type, lx_cell_type, lx_method_type,
    lx_module_type, lx_class_type, lx_tb_type, lx_staticmethod_type, lx_classmethod_type,
    lx_property_type, lx_super_type, lx_singleton_type, lx_slice_type;
/* o is a class whose metaclass is a script class (a subclass of type):
 * its special methods come from that metaclass. */
static inline int lx_has_meta(const rc_object *o)
{
    return o->type == &lx_class_type && ((const lx_class *)o)->meta != NULL;
}

rc_object *lx_func_new(lx_interp *I, lx_code *code, rc_object *globals);
rc_object *lx_cell_new(lx_interp *I, rc_object *value);
rc_object *lx_cfunc_bound(lx_interp *I, const char *name, lx_cfunc fn, rc_object *self);
/* A def, or a native function made by lx_cfunc_method_new: what the core
 * calls as a class's comparison method (built-in types' own methods, such as
 * object.__eq__, are not: the core compares those types itself). */
int lx_is_method_func(const rc_object *o);
rc_object *lx_module_dict(rc_object *module);
rc_object *lx_slice_new(lx_interp *I, rc_object *start, rc_object *stop, rc_object *step);

/* class.c: classes, instances, attribute lookup */
lx_class *lx_class_new_builtin(lx_interp *I, const char *name, const rc_type *native,
                               lx_class *base, unsigned flags);
rc_object *lx_class_create(lx_interp *I, rc_object *name, rc_object *bases, rc_object *ns);
/* type.__new__(meta, name, bases, ns, **kw): the most derived metaclass of
 * meta and the bases' (TypeError on a conflict), the class made from ns
 * (a dict; its __classcell__ is filled), then __set_name__ and
 * __init_subclass__ (kw: a dict or NULL).  New reference or NULL. */
rc_object *lx_type_new(lx_interp *I, lx_class *meta, rc_object *name, rc_object *bases, rc_object *ns,
                       rc_object *kw);
/* The most derived of meta and the metaclasses of bases (borrowed), or NULL
 * with TypeError (metaclass conflict). */
lx_class *lx_meta_winner(lx_interp *I, lx_class *meta, rc_object *bases);
/* type.__call__: make an instance of cls (ignores a metaclass __call__). */
rc_object *lx_class_call_default(lx_interp *I, lx_class *cls, rc_object *const *args, size_t nargs,
                                 rc_object *kwargs);
rc_object *lx_class_lookup(lx_class *cls, rc_object *name);   /* borrowed or NULL, no exception */
rc_object *lx_descriptor_get(lx_interp *I, rc_object *v);      /* a script object's __get__ (borrowed) or NULL */
void lx_lookup_cache_clear(lx_interp *I);                       /* drops the names it holds */
int lx_lookup_cache_init(lx_interp *I);                         /* cleared by full collections */
rc_object *lx_lookup_special(lx_interp *I, rc_object *o, rc_object *name); /* borrowed or NULL */
rc_object *lx_getattr_obj(lx_interp *I, rc_object *o, rc_object *name);
int lx_setattr_obj(lx_interp *I, rc_object *o, rc_object *name, rc_object *value);  /* value NULL: delete */
int lx_setattr_raw(lx_interp *I, rc_object *o, rc_object *name, rc_object *value);
int lx_inst_traverse(rc_object *self, rc_visit visit, void *arg);   /* every script class's instances */
/* o is an instance of a script class (its type is the class's itype) */
static inline int lx_is_inst(const rc_object *o)
{
    return o->type->traverse == lx_inst_traverse;
}
lx_class *lx_class_of(lx_interp *I, const rc_object *o);
int lx_is_subclass(lx_class *a, lx_class *b);
int lx_is_class(const rc_object *o);
rc_object *lx_inst_new(lx_interp *I, lx_class *cls);
rc_object *lx_inst_get(lx_inst *o, lx_class *cls, rc_object *name);  /* borrowed or NULL */
int lx_inst_key_index(lx_interp *I, lx_class *cls, rc_object *name, int add);
/* The value slot of attribute index i (inline, then extra), or NULL if past the table */
static inline rc_object **lx_inst_slot(lx_inst *o, uint32_t i)
{
    if (i < o->ninline)
        return &o->vals[i];
    i -= o->ninline;
    return i < o->nextra ? &o->extra[i] : NULL;
}
int lx_inst_set_slot(lx_interp *I, lx_inst *o, uint32_t index, rc_object *value);
/* load-method: *self_out set (borrowed) when the result is an unbound function to call with self */
rc_object *lx_load_method(lx_interp *I, rc_object *o, rc_object *name, int *unbound);
rc_object *lx_call_method(lx_interp *I, rc_object *o, rc_object *name, rc_object *const *args, size_t nargs);
rc_object *lx_class_call(lx_interp *I, lx_class *cls, rc_object *const *args, size_t nargs, rc_object *kwargs);
/* super(type, obj): the class whose mro is searched — obj itself when it is
 * a subclass of type, else type(obj) when an instance — or NULL. */
lx_class *lx_super_class(lx_interp *I, lx_class *type, rc_object *obj);
/* The class's __init__ (borrowed, cached until a class changes) or NULL. */
rc_object *lx_class_init(lx_interp *I, lx_class *cls);
void lx_typemap_add(lx_interp *I, const rc_type *t, lx_class *cls);
void lx_class_bind_methods(lx_interp *I, lx_class *cls, const lx_func_def *defs);

/* lineedit.c: the prompt's line editor.  Reads a line from the terminal
 * into buf (NUL-terminated, with its '\n'): 1, or 1 with *interrupted set
 * (Ctrl-C; buf empty), 0 at end of input, -1 if stdin is not a terminal
 * it can put in raw mode. */
int lx_readline(const char *prompt, char *buf, size_t cap, int *interrupted);
/* mod_console.c, mod_file.c: the input() and open() built-ins */
rc_object *lx_builtin_input(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw);
rc_object *lx_builtin_open(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw);
/* help.c: the help() built-in */
rc_object *lx_builtin_help(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw);
void lx_lineedit_free_history(void);

/* gen.c: generators; eval.c runs and suspends their frames */
extern const rc_type lx_gen_type;
rc_object *lx_gen_new(lx_interp *I, lx_func *fn, rc_object **fast);   /* takes fast's references */
int lx_gen_save_frame(lx_interp *I, lx_gen *g, lx_frame *f, uint32_t depth, uint32_t pc);
void lx_gen_restore_blocks(lx_interp *I, lx_gen *g, lx_frame *f);
rc_object *lx_gen_run_frame(lx_interp *I, lx_gen *g, rc_object **fast);
/* send / throw: the yielded value, or NULL: ended (*ret its return value,
 * owned) or failed (exception set) */
rc_object *lx_gen_send(lx_interp *I, rc_object *gen, rc_object *value, rc_object **ret);
rc_object *lx_gen_throw(lx_interp *I, rc_object *gen, rc_object *exc, rc_object **ret);
rc_object *lx_gen_raise_stop(lx_interp *I, rc_object *ret);   /* StopIteration(ret); takes ret */
rc_object *lx_take_stop_value(lx_interp *I);   /* the raised StopIteration's value, cleared */
rc_object *lx_gen_next(lx_interp *I, rc_object *gen);   /* lx_next's: NULL, no exception: exhausted */
int lx_register_gen_type(lx_interp *I);
size_t lx_gen_sizeof(const rc_object *gen);

/* exc.c */
rc_object *lx_exc_new(lx_interp *I, lx_class *cls, rc_object *args);
rc_object *lx_raise_obj(lx_interp *I, rc_object *exc_or_class);   /* steals nothing; NULL */
void lx_raise_str(lx_interp *I, lx_exc_kind kind, rc_object *msg);
void lx_tb_add(lx_interp *I, lx_code *code, int line);
void lx_print_exception(lx_interp *I, rc_object *exc, FILE *f);
int lx_frame_line(lx_frame *f);                 /* the line f runs (or called from) */
void lx_print_syntax_error(lx_interp *I, rc_object *exc, FILE *f);
rc_object *lx_exc_args(rc_object *exc);  /* borrowed */
void lx_init_exceptions(lx_interp *I);
rc_object *lx_raise_attr_error(lx_interp *I, rc_object *o, rc_object *name);
int lx_exc_is_instance(lx_interp *I, rc_object *exc, lx_exc_kind kind);

/* set.c, range.c, iter.c */
extern const rc_type lx_set_type, lx_frozenset_type, lx_range_type;
rc_object *lx_set_new(lx_interp *I, int frozen);
int lx_set_add(lx_interp *I, rc_object *set, rc_object *key);
int lx_set_contains(lx_interp *I, rc_object *set, rc_object *key);
int lx_set_discard(lx_interp *I, rc_object *set, rc_object *key);
int lx_set_update(lx_interp *I, rc_object *set, rc_object *iterable);
int lx_set_next(rc_object *set, rc_ssize *pos, rc_object **key);
rc_ssize lx_set_len(rc_object *set);
rc_object *lx_set_repr(lx_interp *I, rc_object *set);
rc_object *lx_set_repr_as(lx_interp *I, rc_object *set, const char *name);  /* name NULL: the type's */
rc_object *lx_set_binop(lx_interp *I, int op, rc_object *a, rc_object *b, int inplace);
int lx_set_compare(lx_interp *I, rc_object *a, rc_object *b, int op);  /* -2: not implemented */
extern const lx_func_def lx_set_methods[];
rc_object *lx_range_new(lx_interp *I, int64_t start, int64_t stop, int64_t step);
void lx_init_iter_types(lx_interp *I);
rc_object *lx_seq_iter_new(lx_interp *I, rc_object *seq);
rc_object *lx_range_getitem(lx_interp *I, rc_object *r, rc_object *key);
rc_object *lx_range_repr(lx_interp *I, rc_object *r);
int lx_range_contains(lx_interp *I, rc_object *r, rc_object *v);
extern const lx_func_def lx_range_methods[];
extern const lx_func_def lx_iter_builtins[];  /* enumerate, zip, map, filter, reversed, iter, next */

/* protocol.c */
rc_object *lx_call_prepended(lx_interp *I, rc_object *fn, lx_cfunc native, rc_object *first,
                             rc_object *const *args, size_t nargs, rc_object *kwargs);
/* fn(*args) for its effect (__setitem__, a property's setter, ...): the
 * result is dropped; 0, or -1 with the exception. */
int lx_call_for_effect(lx_interp *I, rc_object *fn, rc_object *const *args, size_t nargs);
rc_object *lx_str_getitem(lx_interp *I, rc_object *s, rc_object *key);
rc_object *lx_seq_getslice(lx_interp *I, rc_object *o, rc_object *slice);
rc_object *lx_container_repr(lx_interp *I, rc_object *o);
rc_object *lx_tuple_from(lx_interp *I, rc_object *const *items, size_t n);
rc_object *lx_list_from_iterable(lx_interp *I, rc_object *iterable);
rc_object *lx_tuple_from_iterable(lx_interp *I, rc_object *iterable);
rc_object *lx_str_concat(lx_interp *I, rc_object *a, rc_object *b);
rc_object *lx_int_from_str(lx_interp *I, const char *s, size_t n, int base);
rc_object *lx_float_from_str(lx_interp *I, const char *s, size_t n);
rc_object *lx_intern(lx_interp *I, const char *s);
rc_object *lx_format_obj(lx_interp *I, rc_object *value, rc_object *spec);

/* subclass.c: script subclasses of list, dict, str, int, float, tuple, set */
/* May a native method whose self type is self_type run on a t?  (int's
 * methods take bools and big ints too.) */
static inline int lx_self_type_accepts(const rc_type *self_type, const rc_type *t)
{
    return t == self_type || (self_type == &rc_int_type && (t == &rc_bool_type || t == &rc_bigint_type));
}
/* The borrowed value of such an instance, or NULL: only their classes'
 * itypes carry RC_TYPE_EQ_FIRST (init_itype). */
static inline rc_object *lx_base_value(const rc_object *o)
{
    return (o->type->flags & RC_TYPE_EQ_FIRST) ? ((const lx_inst *)o)->vals[LX_VALUE_SLOT] : NULL;
}
int lx_value_fill(lx_interp *I, rc_object *inst); /* a new instance's default value */
rc_object *lx_value_class_call(lx_interp *I, lx_class *cls, rc_object *const *args, size_t nargs,
                               rc_object *kwargs);
int lx_init_value_classes(lx_interp *I);
/* The dict an instance of a dict subclass holds (borrowed), or NULL: `**o`
 * and {**o} take its items.  Out of line: the evaluator calls it only on
 * the path where o is not an exact dict. */
rc_object *lx_dict_subclass_items(rc_object *o) __attribute__((cold));
/* init(o, *args, **kwargs) for a new instance o: o, or NULL with o released
 * (the exception, or TypeError when __init__ returned something not None). */
rc_object *lx_run_init(lx_interp *I, rc_object *init, rc_object *o, rc_object *const *args, size_t nargs,
                       rc_object *kwargs);
/* Is one of args an instance of a subclass of a built-in value type?  Only
 * those instances' types carry RC_TYPE_EQ_FIRST in the interpreter
 * (init_itype), so the test reads no more than each argument's type. */
static inline int lx_any_value_inst(rc_object *const *args, size_t nargs)
{
    for (size_t i = 0; i < nargs; i++)
        if (args[i]->type->flags & RC_TYPE_EQ_FIRST)
            return 1;
    return 0;
}
rc_object *lx_call_cfunc(lx_interp *I, rc_object *callable, rc_object *const *args, size_t nargs,
                         rc_object *kwargs);    /* protocol.c: lx_call of a native function */
/* A str method called with args where a str subclass instance stands for
 * its str (the others as they are). */
rc_object *lx_call_str_plain(lx_interp *I, rc_object *callable, rc_object *const *args, size_t nargs,
                             rc_object *kwargs);
size_t lx_value_sizeof(lx_interp *I, lx_class *cls, rc_object *value); /* sys.getsizeof */
/* match.c: what the match statement's opcodes do */
int lx_match_sequence(lx_interp *I, rc_object *o);   /* 1: a sequence pattern may match o */
int lx_match_mapping(lx_interp *I, rc_object *o);    /* 1: a mapping pattern may match o */
/* The attributes a class pattern cls(npos positional, names...) takes from
 * subject: a tuple (new reference), None when it does not match, or NULL
 * with TypeError as CPython's. */
rc_object *lx_match_class(lx_interp *I, rc_object *subject, rc_object *cls, size_t npos,
                          rc_object *names);
/* The values of the mapping subject under keys (a tuple): a tuple, None
 * when a key is missing, or NULL with the exception. */
rc_object *lx_match_keys(lx_interp *I, rc_object *subject, rc_object *keys);
/* A new dict: the mapping subject without keys; NULL with the exception. */
rc_object *lx_match_rest(lx_interp *I, rc_object *subject, rc_object *keys);

/* builtins.c */
int lx_init_builtins(lx_interp *I);
/* d[k] = src[k] for src's items: a dict, or an object with keys() and []
 * (dict(src)'s rule); 0, or -1 with the exception. */
int lx_dict_update_from(lx_interp *I, rc_object *d, rc_object *src);
rc_object *lx_builtin_print(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kwargs);
rc_object *lx_import(lx_interp *I, rc_object *name);

#endif /* RECLAIM_LANG_CORE_H */
