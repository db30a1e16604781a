/*
 * lang/lang.h — the interpreter's internal interface (not installed).
 *
 * The interpreter in lang/ runs a Python subset over the public API of the
 * library (include/reclaim.h) and nothing else: it never includes
 * src/internal.h.  Every value a script touches is an rc_object of the
 * interpreter's heap, so reference counts, cycles, finalizers and weak
 * references behave as the library makes them behave.
 *
 * This header is the contract between the parts of the interpreter:
 *   - the core (lexer, parser, compiler, evaluator, the script-level object
 *     model: functions, classes, instances, exceptions, modules), and
 *   - the native modules (lang/mod_*.c: gc, sys, _weakref, time, os, memory)
 *     and the command (cli/main.c), which use only what is declared here.
 *
 * Conventions (CPython's):
 *   - A function returning rc_object * returns a NEW reference, or NULL with
 *     an exception set in the interpreter (lx_raise).  A function returning
 *     int returns 0 (or a count / truth value >= 0) on success, -1 with an
 *     exception set on failure.
 *   - Arguments passed to a native function are BORROWED.
 *   - Nothing here aborts on bad input.
 */
#ifndef RECLAIM_LANG_H
#define RECLAIM_LANG_H

#include <reclaim.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct lx_interp lx_interp;

/* ---- the interpreter as a whole (used by cli/main.c) -------------------- */

typedef struct lx_options {
    rc_config heap;             /* memory_limit (what the script may allocate beyond
                                   the interpreter's start-up), gc_threshold, flags */
    int argc;                   /* sys.argv: argv[0] is the script name */
    char **argv;
} lx_options;

/* A new interpreter with its own heap; NULL (with a message on stderr) if the
 * heap cannot be made. */
lx_interp *lx_new(const lx_options *opts);
/* Run every remaining finalizer as CPython does at exit, then free it all. */
void lx_free(lx_interp *I);
rc_heap *lx_heap(lx_interp *I);

/* Run a script: 0 on success, 1 after printing the traceback of an uncaught
 * exception to stderr, or the status given to sys.exit(). */
int lx_run_file(lx_interp *I, const char *path);
int lx_run_string(lx_interp *I, const char *code, const char *filename);
/* eval(src) / exec(src): compile src (mode 2: one expression, mode 0:
 * statements) and run it with globals and the namespace ns (NULL: __main__'s
 * globals; ns NULL: globals).  New reference (exec: None) or NULL with the
 * exception. */
rc_object *lx_eval_source(lx_interp *I, const char *src, size_t len, int mode, rc_object *globals,
                          rc_object *ns);
/* The interactive prompt, reading from in until end of file. */
int lx_repl(lx_interp *I, FILE *in);

/* Hooks run last-registered-first at the start of lx_free (CPython's
 * atexit).  0, or -1 with MemoryError. */
int lx_atexit(lx_interp *I, void (*fn)(lx_interp *I, void *arg), void *arg);
/* The options lx_new was given (argv stays valid for the interpreter's life). */
const lx_options *lx_get_options(lx_interp *I);
/* sys.getrecursionlimit / setrecursionlimit (set: -1 with ValueError). */
int lx_get_recursion_limit(lx_interp *I);
int lx_set_recursion_limit(lx_interp *I, int limit);
/* After `steps` more evaluator steps (backward jumps, loop iterations,
 * calls, and items natives take from iterators: sum(range(10**18)) counts
 * each item) the script gets RuntimeError("step limit exceeded"), and again
 * at every later step, so catching it does not get past it; 0 = no limit.
 * For fuzzing, where a legal infinite loop must not read as a hang. */
void lx_set_step_limit(lx_interp *I, uint64_t steps);

/* Where the script is now (for allocation sites, timelines); "?" / 0 when no
 * script code is running. */
void lx_current_location(lx_interp *I, const char **file, int *line);

/* ---- exceptions ---------------------------------------------------------- */

typedef enum lx_exc_kind {
    LX_BaseException, LX_Exception, LX_SystemExit, LX_KeyboardInterrupt,
    LX_StopIteration, LX_ArithmeticError, LX_ZeroDivisionError,
    LX_OverflowError, LX_AssertionError, LX_AttributeError, LX_LookupError,
    LX_IndexError, LX_KeyError, LX_NameError, LX_UnboundLocalError,
    LX_TypeError, LX_ValueError, LX_RuntimeError, LX_RecursionError,
    LX_NotImplementedError, LX_MemoryError, LX_SyntaxError,
    LX_IndentationError, LX_ImportError, LX_ModuleNotFoundError,
    LX_UnicodeError, LX_OSError, LX_ReferenceError, LX_GeneratorExit, LX_EOFError,
    LX_UnicodeDecodeError, LX_UnicodeEncodeError, LX_SystemError,
    LX_EXC_KIND_COUNT
} lx_exc_kind;

/* Set the current exception to a new instance of the built-in class `kind`
 * with a printf-formatted message.  Always returns NULL, so natives can write
 * `return lx_raise(I, LX_TypeError, "...")`. */
rc_object *lx_raise(lx_interp *I, lx_exc_kind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Translate the heap's error (rc_error) into the matching exception
 * (RC_ENOMEM -> MemoryError, RC_ETYPE -> TypeError, ...).  Returns NULL. */
rc_object *lx_raise_heap_error(lx_interp *I);
/* KeyError(key): str() of it is repr(key), as CPython's.  Returns NULL.
 * (lx_raise(I, LX_KeyError, msg) makes KeyError(msg), whose str() is
 * repr(msg).) */
rc_object *lx_raise_key_error(lx_interp *I, rc_object *key);
/* Is an exception set?  Does it match the class `kind` (or a subclass)? */
int  lx_exc_occurred(lx_interp *I);
int  lx_exc_matches(lx_interp *I, lx_exc_kind kind);
void lx_exc_clear(lx_interp *I);
/* The current exception as a new reference, cleared (NULL if none); and
 * the reverse: make exc (stolen; NULL just clears) the current one, its
 * traceback kept.  To save a pending exception around script calls. */
rc_object *lx_exc_fetch(lx_interp *I);
void lx_exc_restore(lx_interp *I, rc_object *exc);
/* Print the current exception as CPython's "Exception ignored in: ..." and
 * clear it (for errors inside __del__, weakref and gc callbacks). */
void lx_exc_print_unraisable(lx_interp *I, const char *where, rc_object *obj);
/* The built-in exception class object for kind (borrowed). */
rc_object *lx_exc_class(lx_interp *I, lx_exc_kind kind);

/* ---- native functions and modules --------------------------------------- */

/* A native function.  args[0..nargs) are the positional arguments; kwargs is
 * a dict of keyword arguments or NULL when there are none.  A native that
 * takes no keywords must reject a non-NULL kwargs (lx_no_kwargs). */
typedef rc_object *(*lx_cfunc)(lx_interp *I, rc_object *const *args,
                               size_t nargs, rc_object *kwargs);

typedef struct lx_func_def {
    const char *name;
    lx_cfunc fn;
} lx_func_def;

/* A new native function object (a script calls it like any function). */
rc_object *lx_cfunc_new(lx_interp *I, const char *name, lx_cfunc fn);
/* A native function that binds like a def when stored in a class: read
 * from an instance, it receives the instance as args[0]; it also serves as
 * a special method (__lt__, ...) of the class. */
rc_object *lx_cfunc_method_new(lx_interp *I, const char *name, lx_cfunc fn);
/* A new module object named name, with the functions in defs (terminated by
 * a {NULL, NULL} entry; defs may be NULL). */
rc_object *lx_module_new(lx_interp *I, const char *name, const lx_func_def *defs);
/* module.name = value (value borrowed).  0, or -1 with an exception. */
int lx_module_set(lx_interp *I, rc_object *module, const char *name, rc_object *value);
/* The directories imports search (sys.path's list), borrowed; the running
 * script's own directory first.  NULL with an exception if it cannot be made. */
rc_object *lx_import_path(lx_interp *I);
/* `import name` (a dotted name imports its packages first): the module,
 * a new reference, or NULL with ImportError / what the module raised. */
rc_object *lx_import_name(lx_interp *I, const char *name);
/* sys.modules: the dict of the modules imported so far, borrowed. */
rc_object *lx_modules(lx_interp *I);
/* Make a built-in module importable: init runs at the first import and
 * returns the module (new reference) or NULL with an exception. */
typedef rc_object *(*lx_module_init)(lx_interp *I);
int lx_register_module(lx_interp *I, const char *name, lx_module_init init);

/* Registers the native modules (gc, sys, _weakref, time, os, memory);
 * defined in lang/modules.c, called once by lx_new. */
int lx_register_native_modules(lx_interp *I);

/* Argument helpers: each returns 0, or -1 with a TypeError/ValueError/
 * OverflowError worded as CPython words it. */
int lx_no_kwargs(lx_interp *I, const char *fname, rc_object *kwargs);
int lx_check_nargs(lx_interp *I, const char *fname, size_t nargs, size_t min, size_t max);
int lx_arg_int(lx_interp *I, const char *fname, rc_object *o, int64_t *out);
int lx_arg_float(lx_interp *I, const char *fname, rc_object *o, double *out);  /* int or float */
int lx_arg_str(lx_interp *I, const char *fname, rc_object *o, const char **out, size_t *len);

/* ---- the generic object protocol (the script's semantics) ---------------- */

int        lx_truth(lx_interp *I, rc_object *o);             /* 1, 0, or -1 */
rc_object *lx_repr(lx_interp *I, rc_object *o);              /* a str */
rc_object *lx_str(lx_interp *I, rc_object *o);               /* a str */
rc_object *lx_type_of(lx_interp *I, rc_object *o);           /* borrowed class object */
const char *lx_type_name(lx_interp *I, rc_object *o);        /* "list", "Node", ... */
/* o itself, or the built-in value (borrowed) an instance of a script
 * subclass of list, dict, str, int, float, tuple or set holds. */
rc_object *lx_value_of(rc_object *o);
/* The dict to count into directly (borrowed): mapping itself when it is a
 * dict, the dict a dict subclass's instance holds when its class keeps
 * dict's own get and __setitem__ (as Counter does); else NULL: go through
 * the mapping's methods. */
rc_object *lx_dict_for_counting(lx_interp *I, rc_object *mapping);
int        lx_isinstance(lx_interp *I, rc_object *o, rc_object *cls);  /* 1, 0, -1 */
rc_object *lx_getattr(lx_interp *I, rc_object *o, const char *name);
int        lx_setattr(lx_interp *I, rc_object *o, const char *name, rc_object *value);
rc_object *lx_call(lx_interp *I, rc_object *callable, rc_object *const *args,
                   size_t nargs, rc_object *kwargs);
int        lx_callable(lx_interp *I, rc_object *o);
/* May a script make weak references to o as far as its class says?  0 for
 * object() and for instances of a __slots__ class without '__weakref__'
 * (whose bases have none either), as CPython; 1 otherwise. */
int        lx_weakref_allowed(lx_interp *I, rc_object *o);
rc_object *lx_iter(lx_interp *I, rc_object *o);
/* The next item (new reference); NULL with no exception set when exhausted. */
rc_object *lx_next(lx_interp *I, rc_object *iterator);
/* sys.getsizeof's answer for o, CPython-like: header + payload. */
size_t     lx_sizeof(lx_interp *I, rc_object *o);

/* Comparison, hashing, items (the script's operators). */
typedef enum lx_cmp { LX_CMP_LT, LX_CMP_LE, LX_CMP_EQ, LX_CMP_NE, LX_CMP_GT, LX_CMP_GE } lx_cmp;
/* a OP b as a truth value: 1, 0, or -1 with an exception (TypeError
 * "'<' not supported between instances of 'int' and 'str'", ...). */
int        lx_compare(lx_interp *I, rc_object *a, rc_object *b, lx_cmp op);
int64_t    lx_hash(lx_interp *I, rc_object *o);     /* -1 with TypeError: unhashable */
rc_object *lx_add(lx_interp *I, rc_object *a, rc_object *b);      /* a + b */
rc_object *lx_mul(lx_interp *I, rc_object *a, rc_object *b);      /* a * b */
/* base ** exp on ints: an int (a big int past 64 bits), a float for a
 * negative exp (ZeroDivisionError for 0 to a negative power). */
rc_object *lx_int_pow(lx_interp *I, int64_t base, int64_t exp);
rc_object *lx_float_pow(lx_interp *I, double x, double y);
/* A walk over a dict's items that notices changes as CPython's iterators
 * do (dict_methods.c). */
typedef struct lx_dict_walk {
    rc_ssize pos;              /* rc_dict_next's cursor */
    rc_ssize len;              /* the dict's length at the start; -1 after an error */
    rc_ssize left;             /* items still to give */
} lx_dict_walk;
void lx_dict_walk_start(lx_dict_walk *w, rc_object *d);
/* 1 with *key, *value (borrowed), 0 at the end, -1 with RuntimeError. */
int lx_dict_walk_next(lx_interp *I, lx_dict_walk *w, rc_object *d, rc_object **key, rc_object **value);   /* x ** y with Python's special cases and errors */
/* Ints of any size (lang/int_big.c): a OP b for the LX_BIN_* operators of
 * two ints (NotImplemented for others), a unary OPC_UNARY_*, divmod() as a
 * tuple, pow(base, exp, mod), a / b correctly rounded. */
rc_object *lx_int_binop_any(lx_interp *I, int op, rc_object *a, rc_object *b);
rc_object *lx_int_unary_any(lx_interp *I, int opcode, rc_object *a);
rc_object *lx_int_divmod_any(lx_interp *I, rc_object *a, rc_object *b);
rc_object *lx_int_powmod_any(lx_interp *I, rc_object *base, rc_object *exp, rc_object *mod);
rc_object *lx_int_true_divide(lx_interp *I, rc_object *a, rc_object *b);
/* An int as a double: -1 with OverflowError past the float range. */
int lx_int_to_double(lx_interp *I, rc_object *o, double *out);
/* Exact int-vs-double comparison: *out -1, 0, 1, or 2 for NaN. */
int lx_int_float_compare(lx_interp *I, rc_object *i, double d, int *out);
/* An int's digits in base 2..36 ('-' first if negative, no prefix), with
 * the decimal-digit limit for bases that are not powers of two. */
rc_object *lx_int_to_str(lx_interp *I, rc_object *o, int base);
/* [+-]digits (validated: no underscores, no prefix) to an int, same limit. */
rc_object *lx_int_from_digits(lx_interp *I, const char *s, size_t n, int base);
/* round(x, -k) for k >= 1: x to a multiple of 10**k, half to even. */
rc_object *lx_int_round_any(lx_interp *I, rc_object *x, int64_t k);
/* sys.set_int_max_str_digits(n). */
int lx_set_int_max_str_digits(lx_interp *I, int64_t n);
int lx_get_int_max_str_digits(lx_interp *I);
/* Python's floor division and modulo, for // % and divmod(): the quotient
 * floored, the remainder with the divisor's sign (a float zero remainder
 * takes the divisor's sign too).  The caller rules out b == 0 (and, for
 * ints, INT64_MIN / -1). */
void lx_int_divmod(int64_t a, int64_t b, int64_t *q, int64_t *r);
void lx_float_divmod(double a, double b, double *q, double *r);
rc_object *lx_getitem(lx_interp *I, rc_object *o, rc_object *key);
/* The script's other operators, for natives (the operator module).
 * lx_binary_op: a OP b, or a OP= b when inplace (the __iOP__ method first,
 * then as a OP b), for op one of LX_BIN_*; errors as CPython's ("unsupported
 * operand type(s) for -: 'str' and 'int'"). */
enum { LX_BIN_ADD, LX_BIN_SUB, LX_BIN_MUL, LX_BIN_DIV, LX_BIN_FLOORDIV, LX_BIN_MOD, LX_BIN_POW,
       LX_BIN_LSHIFT, LX_BIN_RSHIFT, LX_BIN_AND, LX_BIN_OR, LX_BIN_XOR, LX_BIN_MATMUL };
rc_object *lx_binary_op(lx_interp *I, int op, rc_object *a, rc_object *b, int inplace);
/* -a, +a, ~a */
typedef enum lx_unop { LX_UN_NEG, LX_UN_POS, LX_UN_INVERT } lx_unop;
rc_object *lx_unary(lx_interp *I, lx_unop op, rc_object *a);
/* a OP b as the comparison's own result (a bool, or what __lt__ returned). */
rc_object *lx_rich_compare(lx_interp *I, rc_object *a, rc_object *b, int op);
/* o[key] = value; del o[key].  0, or -1 with the exception. */
int        lx_setitem(lx_interp *I, rc_object *o, rc_object *key, rc_object *value);
int        lx_delitem(lx_interp *I, rc_object *o, rc_object *key);
/* The value of an int-like o (int, bool, __index__).  0, or -1 (TypeError). */
int        lx_index_value(lx_interp *I, rc_object *o, int64_t *out);
int        lx_contains(lx_interp *I, rc_object *container, rc_object *item);
rc_ssize   lx_len(lx_interp *I, rc_object *o);      /* -1 with TypeError */

/* New values. */
rc_object *lx_int(lx_interp *I, int64_t v);
rc_object *lx_float(lx_interp *I, double v);
rc_object *lx_strz(lx_interp *I, const char *s);             /* NUL-terminated UTF-8 */
/* A str from n bytes of UTF-8; '' and one-character Latin-1 strings are
 * shared (interned), as CPython's are.  ValueError on invalid UTF-8. */
rc_object *lx_str_new(lx_interp *I, const char *utf8, size_t n);
rc_object *lx_list_new(lx_interp *I);
rc_object *lx_dict_new(lx_interp *I);
/* Is o a slice object (a[i:j:k] passes one to the getitem, setitem and
 * delitem slots)?  lx_slice_indices: its start, stop, step and item count
 * for a sequence of length len, clipped as CPython's; 0, or -1 with
 * TypeError / ValueError ("slice step cannot be zero"). */
int lx_is_slice(const rc_object *o);
int lx_slice_indices(lx_interp *I, rc_object *slice, rc_ssize len, rc_ssize *start,
                     rc_ssize *stop, rc_ssize *step, rc_ssize *count);
/* Recursion guard of repr for containers: lx_repr_enter answers 1 when o is
 * already being repr'd (print "[...]"), else records o (0) or fails (-1);
 * every 0 is paired with lx_repr_leave. */
int lx_repr_enter(lx_interp *I, rc_object *o);
void lx_repr_leave(lx_interp *I, rc_object *o);

/* ---- types defined outside the core ------------------------------------- */

/* The script-level behaviour of an rc_type defined outside the core (dict
 * views, iterators of the method files, weakref.finalize, ...).  The core's
 * protocol functions (lx_repr, lx_iter, lx_next, lx_len, lx_contains,
 * lx_getitem, lx_setitem, lx_delitem, lx_getattr for methods, calling the
 * class) dispatch to these slots; a NULL slot means the
 * operation is unsupported (TypeError, as CPython words it). */
typedef struct lx_type_slots {
    const rc_type *type;
    const char *name;                                   /* type(x).__name__ */
    const char *module;                                 /* __module__, or NULL: builtins */
    rc_object *(*repr)(lx_interp *I, rc_object *self);
    rc_object *(*iter)(lx_interp *I, rc_object *self);
    rc_object *(*next)(lx_interp *I, rc_object *self);  /* NULL, no exception: exhausted */
    rc_ssize   (*len)(lx_interp *I, rc_object *self);
    int        (*contains)(lx_interp *I, rc_object *self, rc_object *item);
    rc_object *(*call)(lx_interp *I, rc_object *self, rc_object *const *args,
                       size_t nargs, rc_object *kwargs);
    const lx_func_def *methods;                         /* args[0] is self */
    /* attributes that are not methods; NULL with no exception set: the core
     * raises AttributeError as CPython words it */
    rc_object *(*getattr)(lx_interp *I, rc_object *self, const char *name);
    /* self OP other (<, ==, ...): 1 or 0, -1 with an exception, or -2 when
     * self does not compare with other: the core then tries other's slot
     * reflected, then falls back as for any object (identity for == and !=,
     * CPython's TypeError for orderings) */
    int        (*compare)(lx_interp *I, rc_object *self, rc_object *other, lx_cmp op);
    /* self[key], self[key] = value, del self[key]: 0 or -1 for the last two */
    rc_object *(*getitem)(lx_interp *I, rc_object *self, rc_object *key);
    int        (*setitem)(lx_interp *I, rc_object *self, rc_object *key, rc_object *value);
    int        (*delitem)(lx_interp *I, rc_object *self, rc_object *key);
    /* what calling the class does (a new instance); NULL: TypeError
     * "cannot create 'NAME' instances" */
    lx_cfunc construct;
    /* sys.getsizeof(self) (header and payload, as CPython counts them);
     * NULL: the rc_type's size and a 16-byte header */
    size_t     (*getsizeof)(lx_interp *I, rc_object *self);
    /* a descriptor's __get__: self found in a class's namespace and read
     * through obj, an instance of that class (a new reference: a bound
     * method, most often); NULL: self is read as it is */
    rc_object *(*get)(lx_interp *I, rc_object *self, rc_object *obj);
} lx_type_slots;
/* For the traceback module: a traceback's entries, or the running frames'
 * (outermost first), each (filename, line, function name, source line or
 * None); and the text the interpreter prints for an uncaught exception,
 * its causes and contexts first when chain. */
rc_object *lx_traceback_entries(lx_interp *I, rc_object *tb);
rc_object *lx_stack_entries(lx_interp *I);
rc_object *lx_exception_text(lx_interp *I, rc_object *exc, int chain);
/* The exception an except block (or a finally during one) is handling
 * now, borrowed, or NULL: sys.exc_info() and sys.exception(). */
rc_object *lx_handled_exception(lx_interp *I);

/* A bound method: calling it calls func with self first. */
rc_object *lx_method_new(lx_interp *I, rc_object *func, rc_object *self);
#define LX_SLOT_GETATTR 1
/* slots must outlive the interpreter (a static table).  0 or -1. */
int lx_register_type(lx_interp *I, const lx_type_slots *slots);

/* ---- built-in methods and formatting (lang/<type>_methods.c, lang/format.c,
 *      lang/sort.c; the core binds them to the types and to builtins) ----- */

/* Method tables, {NULL, NULL}-terminated.  args[0] is self, already checked
 * by the core to be of the table's type; args[1..] are the call's own. */
extern const lx_func_def lx_str_methods[];
extern const lx_func_def lx_bytes_methods[];
extern const lx_func_def lx_list_methods[];
extern const lx_func_def lx_tuple_methods[];
extern const lx_func_def lx_dict_methods[];
extern const lx_func_def lx_int_methods[];
extern const lx_func_def lx_float_methods[];
/* Built-in functions that need no core internals: abs, min, max, sum,
 * sorted, divmod, round, pow, chr, ord, hex, oct, bin, format, any, all. */
extern const lx_func_def lx_builtin_functions_extra[];
/* fmt % args for a str fmt (args: a tuple, a dict, or one value). */
rc_object *lx_str_percent(lx_interp *I, rc_object *fmt, rc_object *args);
/* format(value, spec): the format-spec mini-language for int, float, str
 * and bool (f-string fields, str.format, format()); spec NULL or "" means
 * str(value). */
rc_object *lx_format_value(lx_interp *I, rc_object *value, const char *spec, size_t spec_len);
/* repr(float) as CPython prints it: the shortest string that reads back to
 * the same double ('0.1', '1e+16', 'inf', 'nan', '-0.0', '3.0'). */
rc_object *lx_float_repr(lx_interp *I, double v);
/* Sort items[0..n) in place, stably; key is a callable or NULL.  0, or -1
 * with the exception (items are then in some order, all still owned). */
int lx_sort(lx_interp *I, rc_object **items, size_t n, rc_object *key, int reverse);
/* Registers the rc_types of the method files (dict views and their
 * iterators) with lx_register_type; lx_new calls it once.  0, or -1. */
int lx_register_method_types(lx_interp *I);

/* ---- hooks for the command and the diagnostics --------------------------- */

/* memory.mark(label) records (time, rss, heap bytes, label); the command
 * reads them back for --plot.  Index i from 0; 0 if there is no mark i. */
typedef struct lx_mark {
    double t_s;                 /* seconds since the interpreter started */
    size_t rss, heap_bytes;
    const char *label;          /* owned by the interpreter */
} lx_mark;
int lx_get_mark(lx_interp *I, size_t i, lx_mark *out);
/* Record a mark now (label copied).  0, or -1 with MemoryError. */
int lx_add_mark(lx_interp *I, const char *label);

/* Called by the sampling hooks (--plot): seconds since lx_new. */
double lx_uptime(lx_interp *I);

/* The evaluator calls fn(I, arg) every so many steps (bytecode instructions,
 * a few thousand between calls is fine; also inside long loops and calls)
 * so the command can sample memory while a script runs (--plot).  The check
 * is one predictable branch per step; every 4096 steps the evaluator also
 * lets the heap give back memory unused for the purge delay.
 * fn must not run script code, raise, or create objects.  fn NULL removes
 * it.  (Every 4096 steps; see lx_set_step_limit for what a step is.) */
void lx_set_tick(lx_interp *I, void (*fn)(lx_interp *I, void *arg), void *arg);

/* lx_free calls fn(I, heap, arg) once, after the interpreter has released
 * everything it owns (__main__'s globals, modules, builtins, caches, the
 * exception state, the heap's gc.garbage list) and run its final
 * collection, just before rc_heap_free(heap): whatever is still alive then
 * is a leak.  The command counts the leaks there for the exit status of
 * --report-leaks.  Under RC_REPORT_LEAKS with automatic collection left off
 * by the script, the teardown runs no collection (it clears the module
 * namespaces and the built-in classes instead), so the cycles the script
 * left are still alive here and reported as kept alive only by cycles.  fn
 * NULL removes it. */
void lx_set_heap_free_hook(lx_interp *I, void (*fn)(lx_interp *I, rc_heap *heap, void *arg),
                           void *arg);

#endif /* RECLAIM_LANG_H */
