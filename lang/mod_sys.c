/*
 * lang/mod_sys.c — the `sys` module: what scripts about memory need.
 *
 * getrefcount(obj) is rc_refcount(obj): the core calls natives with each
 * argument holding exactly the one extra reference CPython's argument holds,
 * so a list bound to one global name reports 2, as under CPython.
 * getsizeof is the core's lx_sizeof; intern is the heap's string table;
 * _debugmallocstats prints the heap's per-size-class statistics to stderr.
 * argv is built once, at import, from the interpreter's options.  The
 * version strings name the Python whose semantics the subset follows.
 */
#include "mod_util.h"

#include <stdint.h>

#define PY_MAJOR 3
#define PY_MINOR 11

static rc_object *sys_getrefcount(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "sys.getrefcount", nargs, kw, 1, 1) < 0)
        return NULL;
    return lx_int(I, rc_refcount(args[0]));
}

static rc_object *sys_getsizeof(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"object", "default"};
    rc_object *a[2];
    if (mod_parse_args(I, "getsizeof", args, nargs, kw, names, 2, a) < 0)
        return NULL;
    if (!a[0])
        return lx_raise(I, LX_TypeError, "getsizeof() missing required argument 'object' (pos 1)");
    size_t size = lx_sizeof(I, a[0]);
    if (lx_exc_occurred(I)) {
        if (!a[1] || !lx_exc_matches(I, LX_TypeError))
            return NULL;
        lx_exc_clear(I);
        rc_incref(a[1]);
        return a[1];
    }
    return lx_int(I, (int64_t)size);
}

static rc_object *sys_intern(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "sys.intern", nargs, kw, 1, 1) < 0)
        return NULL;
    if (!rc_is_type(args[0], &rc_str_type))
        return lx_raise(I, LX_TypeError, "intern() argument must be str, not %s",
                        lx_type_name(I, args[0]));
    rc_object *s = rc_str_intern(lx_heap(I), args[0]);
    return s ? s : lx_raise_heap_error(I);
}

static rc_object *sys_exit(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "sys.exit", kw) < 0)
        return NULL;
    if (nargs > 1)
        return lx_raise(I, LX_TypeError, "exit expected at most 1 argument, got %zu", nargs);
    rc_object *exc = lx_call(I, lx_exc_class(I, LX_SystemExit), args, nargs, NULL);
    if (exc)
        lx_exc_restore(I, exc);
    return NULL;
}

static rc_object *sys_debugmallocstats(lx_interp *I, rc_object *const *args, size_t nargs,
                                       rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "sys._debugmallocstats", nargs, kw, 0, 0) < 0)
        return NULL;
    fflush(stdout);
    rc_heap_dump_stats(lx_heap(I), stderr);
    return rc_none();
}

static rc_object *sys_getrecursionlimit(lx_interp *I, rc_object *const *args, size_t nargs,
                                        rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "sys.getrecursionlimit", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, lx_get_recursion_limit(I));
}

static rc_object *sys_setrecursionlimit(lx_interp *I, rc_object *const *args, size_t nargs,
                                        rc_object *kw)
{
    int64_t limit;
    if (mod_check_args(I, "sys.setrecursionlimit", nargs, kw, 1, 1) < 0 ||
        lx_arg_int(I, "setrecursionlimit", args[0], &limit) < 0)
        return NULL;
    if (limit > INT32_MAX)
        return lx_raise(I, LX_OverflowError, "Python int too large to convert to C int");
    if (limit < 1)
        return lx_raise(I, LX_ValueError, "recursion limit must be greater or equal than 1");
    return lx_set_recursion_limit(I, (int)limit) < 0 ? NULL : rc_none();
}

/* sys.argv: the script (or '-c', '-', '') and its arguments. */
static rc_object *make_argv(lx_interp *I)
{
    const lx_options *o = lx_get_options(I);
    rc_object *list = lx_list_new(I);
    for (int i = 0; list && o && i < o->argc; i++)
        if (mod_list_append_new(I, list, lx_strz(I, o->argv[i])) < 0)
            RC_CLEAR(list);
    return list;
}

/* sys.version_info as a plain tuple: (3, 11, 0, 'final', 0). */
static rc_object *make_version_info(lx_interp *I)
{
    rc_object *items[5] = {lx_int(I, PY_MAJOR), lx_int(I, PY_MINOR), lx_int(I, 0),
                           lx_strz(I, "final"), lx_int(I, 0)};
    rc_object *t = NULL;
    if (items[0] && items[1] && items[2] && items[3] && items[4])
        t = mod_tuple_of(I, items, 5);
    for (size_t i = 0; i < 5; i++)
        rc_xdecref(items[i]);
    return t;
}

/* sys.int_info: CPython's struct sequence, as a read-only instance whose
 * class holds the fields (in Python: a small class suffices). */
static const char int_info_source[] =
    "class int_info:\n"
    "    __slots__ = ()\n"
    "    bits_per_digit = 30\n"
    "    sizeof_digit = 4\n"
    "    default_max_str_digits = 4300\n"
    "    str_digits_check_threshold = 640\n"
    "    def _fields(self):\n"
    "        return (30, 4, 4300, 640)\n"
    "    def __repr__(self):\n"
    "        return ('sys.int_info(bits_per_digit=30, sizeof_digit=4, '\n"
    "                'default_max_str_digits=4300, str_digits_check_threshold=640)')\n"
    "    def __len__(self):\n"
    "        return 4\n"
    "    def __iter__(self):\n"
    "        return iter(self._fields())\n"
    "    def __getitem__(self, i):\n"
    "        return self._fields()[i]\n"
    "    def __eq__(self, other):\n"
    "        return self._fields() == other\n"
    "    def __hash__(self):\n"
    "        return hash(self._fields())\n"
    "int_info = int_info()\n";

static rc_object *make_int_info(lx_interp *I)
{
    return mod_define_in_python(I, "sys", int_info_source, sizeof int_info_source - 1, "int_info");
}

static const char *byte_order(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one ? "little" : "big";
}

static rc_object *sys_get_int_max_str_digits(lx_interp *I, rc_object *const *args, size_t nargs,
                                              rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "get_int_max_str_digits", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, lx_get_int_max_str_digits(I));
}

static rc_object *sys_set_int_max_str_digits(lx_interp *I, rc_object *const *args, size_t nargs,
                                              rc_object *kw)
{
    static const char *const names[] = {"maxdigits"};
    rc_object *a[1];
    int64_t n;
    if (mod_parse_args(I, "set_int_max_str_digits", args, nargs, kw, names, 1, a) < 0)
        return NULL;
    if (!a[0])
        return lx_raise(I, LX_TypeError, "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)");
    if (lx_arg_int(I, "set_int_max_str_digits", a[0], &n) < 0 || lx_set_int_max_str_digits(I, n) < 0)
        return NULL;
    return rc_none();
}

/* exc_info(): (type, value, traceback) of the exception being handled, or
 * three Nones */
static rc_object *sys_exc_info(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)a;
    if (lx_no_kwargs(I, "exc_info", kw) < 0 || lx_check_nargs(I, "exc_info", n, 0, 0) < 0)
        return NULL;
    rc_object *h = lx_handled_exception(I);
    rc_object *items[3] = {rc_none(), rc_none(), rc_none()};
    if (h) {
        items[0] = lx_type_of(I, h);
        items[1] = h;
        items[2] = lx_getattr(I, h, "__traceback__");
        if (!items[2])
            return NULL;
        rc_incref(items[0]);
        rc_incref(items[1]);
    } else {
        for (int i = 0; i < 3; i++)
            rc_incref(items[i]);
    }
    rc_object *t = rc_tuple_pack(lx_heap(I), items, 3, RC_PACK_STEAL);
    return t ? t : mod_raise_nomem(I);
}

/* exception(): the exception being handled, or None */
static rc_object *sys_exception(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)a;
    if (lx_no_kwargs(I, "exception", kw) < 0 || lx_check_nargs(I, "exception", n, 0, 0) < 0)
        return NULL;
    rc_object *h = lx_handled_exception(I);
    h = h ? h : rc_none();
    rc_incref(h);
    return h;
}

static const lx_func_def sys_functions[] = {
    {"exc_info", sys_exc_info},
    {"exception", sys_exception},
    {"get_int_max_str_digits", sys_get_int_max_str_digits},
    {"set_int_max_str_digits", sys_set_int_max_str_digits},
    {"getrefcount", sys_getrefcount},
    {"getsizeof", sys_getsizeof},
    {"intern", sys_intern},
    {"exit", sys_exit},
    {"_debugmallocstats", sys_debugmallocstats},
    {"getrecursionlimit", sys_getrecursionlimit},
    {"setrecursionlimit", sys_setrecursionlimit},
    {NULL, NULL},
};

rc_object *lx_mod_sys_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "sys", sys_functions);
    if (!m)
        return NULL;
    char version[96];
    snprintf(version, sizeof version, "%d.%d.0 (reclaim %s, a Python subset)",
             PY_MAJOR, PY_MINOR, RC_VERSION_STRING);
    if (mod_set_new(I, m, "argv", make_argv(I)) < 0 ||
        mod_set_int(I, m, "maxsize", INT64_MAX) < 0 ||
        mod_set_new(I, m, "version", lx_strz(I, version)) < 0 ||
        mod_set_new(I, m, "version_info", make_version_info(I)) < 0 ||
        mod_set_new(I, m, "int_info", make_int_info(I)) < 0 ||
        mod_set_new(I, m, "platform", lx_strz(I, "linux")) < 0 ||
        mod_set_new(I, m, "byteorder", lx_strz(I, byte_order())) < 0 ||
        mod_set_new(I, m, "path", lx_import_path(I) ? (rc_incref(lx_import_path(I)), lx_import_path(I)) : NULL) < 0 ||
        mod_set_new(I, m, "modules", (rc_incref(lx_modules(I)), lx_modules(I))) < 0 ||
        mod_set_new(I, m, "stdin", lx_console_new(I, 0)) < 0 ||
        mod_set_new(I, m, "stdout", lx_console_new(I, 1)) < 0 ||
        mod_set_new(I, m, "stderr", lx_console_new(I, 2)) < 0) {
        rc_decref(m);
        return NULL;
    }
    return m;
}
