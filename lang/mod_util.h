/*
 * lang/mod_util.h — helpers shared by the native modules (lang/mod_*.c).
 *
 * Small conveniences over lang/lang.h: module constants, dicts keyed by C
 * strings, tuples of ints, CPython-style keyword-argument parsing, and a
 * growable C array that gathers objects while the heap is walked (the
 * collector's visit functions must not create objects, so the gathering is
 * done in plain malloc'd memory and the script-level list is built after).
 *
 * Every function follows lang.h's conventions: new references out, borrowed
 * references in unless it says "steals", NULL / -1 with an exception set.
 */
#ifndef RECLAIM_LANG_MOD_UTIL_H
#define RECLAIM_LANG_MOD_UTIL_H

#include "lang.h"

/* module.name = value, stealing value; a NULL value means its constructor
 * failed: the exception is already set, -1 is returned. */
int mod_set_new(lx_interp *I, rc_object *module, const char *name, rc_object *value);
/* module.name = v */
int mod_set_int(lx_interp *I, rc_object *module, const char *name, int64_t v);
/* d[key] = value, stealing value (NULL: the exception is already set). */
int mod_dict_set_new(lx_interp *I, rc_object *d, const char *key, rc_object *value);
/* list.append(item), stealing item (NULL: the exception is already set). */
int mod_list_append_new(lx_interp *I, rc_object *list, rc_object *item);
/* (v[0], ..., v[n-1]) */
rc_object *mod_int_tuple(lx_interp *I, const int64_t *v, size_t n);
/* A tuple holding items[0..n) (borrowed). */
rc_object *mod_tuple_of(lx_interp *I, rc_object *const *items, size_t n);
/* The heap's error as an exception when the heap recorded one, else
 * MemoryError (for constructors that say nothing more).  Returns NULL. */
rc_object *mod_raise_nomem(lx_interp *I);
/* Run Python source src (len bytes) in a fresh namespace whose __name__ is
 * module, and return what it bound to `name` (new reference), or NULL with
 * the exception.  For the few pieces of a native module that are simplest
 * in Python. */
rc_object *mod_define_in_python(lx_interp *I, const char *module, const char *src, size_t len,
                                const char *name);

/* The OSError subclass of errno e (PEP 3151), about `path` (a str, or NULL
 * for none: a file descriptor), with CPython's message.  Returns NULL. */
rc_object *mod_raise_os_error(lx_interp *I, int e, rc_object *path);

/* io.UnsupportedOperation(msg) (an OSError and a ValueError, from lib/io.py),
 * as files raise it for a read or write their mode forbids.  Returns NULL. */
rc_object *mod_raise_unsupported(lx_interp *I, const char *msg);

/* No keywords and exactly min..max positional arguments (lx_no_kwargs,
 * lx_check_nargs).  0 or -1. */
int mod_check_args(lx_interp *I, const char *fname, size_t nargs, rc_object *kwargs,
                   size_t min, size_t max);

/* Match positional args and keyword kwargs to the parameters names[0..n):
 * slots[i] gets a borrowed reference, or NULL when the parameter was not
 * given.  Errors as CPython words them for functions such as gc.collect:
 * "collect() takes at most 1 argument (2 given)",
 * "'foo' is an invalid keyword argument for collect()". */
int mod_parse_args(lx_interp *I, const char *fname, rc_object *const *args, size_t nargs,
                   rc_object *kwargs, const char *const *names, size_t n, rc_object **slots);

/* Objects gathered during a heap walk, each holding a reference. */
typedef struct mod_objvec {
    rc_object **items;
    size_t len, cap;
    int out_of_memory;
} mod_objvec;
/* An rc_visit function: appends child (arg is the mod_objvec) with a new
 * reference; on malloc failure sets out_of_memory and stops the walk. */
int mod_objvec_push(rc_object *child, void *arg);
/* A list of the gathered objects (then releases the vector), or NULL with
 * MemoryError. */
rc_object *mod_objvec_to_list(lx_interp *I, mod_objvec *v);
/* Drop the references and the array. */
void mod_objvec_free(mod_objvec *v);

/* ---- the modules' init functions (lang/modules.c registers them) ------- */
rc_object *lx_mod_gc_init(lx_interp *I);
rc_object *lx_mod_sys_init(lx_interp *I);
rc_object *lx_mod_weakref_init(lx_interp *I);
rc_object *lx_mod_time_init(lx_interp *I);
rc_object *lx_mod_math_init(lx_interp *I);
/* mod_random.c: the random module and its Random type */
rc_object *lx_mod_random_init(lx_interp *I);
int lx_register_random_type(lx_interp *I);
/* mod_operator.c: the operator module (its itemgetter, attrgetter and
 * methodcaller types are registered at its first import); mod_string.c:
 * the _string module under lib/string.py */
rc_object *lx_mod_operator_init(lx_interp *I);
rc_object *lx_mod_string_init(lx_interp *I);
/* mod_traceback.c: the _traceback module under lib/traceback.py */
rc_object *lx_mod_traceback_init(lx_interp *I);
/* mod_itertools.c: the itertools module (its types registered at import) */
rc_object *lx_mod_itertools_init(lx_interp *I);
/* mod_functools.c: the functools module (registers its types at import) */
rc_object *lx_mod_functools_init(lx_interp *I);
/* mod_collections.c: _collections (the native deque, registered at import),
 * the native half of lib/collections.py */
rc_object *lx_mod_collections_init(lx_interp *I);
/* mod_array.c: the array module (typed arrays; the type registered at import) */
rc_object *lx_mod_array_init(lx_interp *I);
/* mod_json.c: the json module (JSONDecodeError made at import) */
rc_object *lx_mod_json_init(lx_interp *I);
/* mod_unicodedata.c: character names (lookup, name) */
rc_object *lx_mod_unicodedata_init(lx_interp *I);
/* mod_console.c: sys.stdin/stdout/stderr (which 0, 1, 2) and input() */
rc_object *lx_console_new(lx_interp *I, int which);
/* Is o the console file of stream `which` (0, 1, 2)? */
int lx_is_console(const rc_object *o, int which);
int lx_register_console_type(lx_interp *I);
/* mod_file.c: open() and its file objects */
int lx_register_file_types(lx_interp *I);
rc_object *lx_builtin_open(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw);
rc_object *lx_builtin_input(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw);
rc_object *lx_mod_os_init(lx_interp *I);
rc_object *lx_mod_memory_init(lx_interp *I);
/* mod_re.c: _re, the native half of lib/re.py (engine: lang/regex*.c) */
rc_object *lx_mod_re_init(lx_interp *I);
/* mod_tracemalloc.c: _tracemalloc, the native half of lib/tracemalloc.py */
rc_object *lx_mod_tracemalloc_init(lx_interp *I);

#endif /* RECLAIM_LANG_MOD_UTIL_H */
