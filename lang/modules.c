/*
 * lang/modules.c — the table of native modules a script can import.
 *
 * Each module lives in its own lang/mod_NAME.c and exposes one init
 * function (declared in mod_util.h); lx_register_native_modules makes them
 * importable.  A module's init runs at its first import, so a script pays
 * only for the modules it imports.  Modules use only lang/lang.h and the
 * library's public header.
 */
#include "mod_util.h"

/* __future__: every feature CPython 3.11 names, all of them in effect
 * already (annotations are not evaluated: the interpreter drops them). */
static rc_object *mod_future_init(lx_interp *I)
{
    static const char *const features[] = {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
    };
    static const lx_func_def none[] = {{NULL, NULL}};
    rc_object *m = lx_module_new(I, "__future__", none);
    for (size_t i = 0; m && i < sizeof features / sizeof features[0]; i++)
        if (lx_module_set(I, m, features[i], rc_true()) < 0) {
            rc_decref(m);
            return NULL;
        }
    return m;
}

static const struct {
    const char *name;
    lx_module_init init;
} native_modules[] = {
    {"__future__", mod_future_init},
    {"gc", lx_mod_gc_init},
    {"sys", lx_mod_sys_init},
    {"_weakref", lx_mod_weakref_init},
    {"time", lx_mod_time_init},
    {"math", lx_mod_math_init},
    {"random", lx_mod_random_init},
    {"unicodedata", lx_mod_unicodedata_init},
    {"operator", lx_mod_operator_init},
    {"_string", lx_mod_string_init},
    {"_traceback", lx_mod_traceback_init},
    {"_re", lx_mod_re_init},
    {"itertools", lx_mod_itertools_init},
    {"functools", lx_mod_functools_init},
    {"_collections", lx_mod_collections_init},
    {"array", lx_mod_array_init},
    {"json", lx_mod_json_init},
    {"posix", lx_mod_os_init},
    {"memory", lx_mod_memory_init},
    {"_tracemalloc", lx_mod_tracemalloc_init},
};

int lx_register_native_modules(lx_interp *I)
{
    if (lx_register_console_type(I) < 0 || lx_register_file_types(I) < 0 ||
        lx_register_random_type(I) < 0)
        return -1;
    for (size_t i = 0; i < sizeof native_modules / sizeof native_modules[0]; i++)
        if (lx_register_module(I, native_modules[i].name, native_modules[i].init) < 0)
            return -1;
    return 0;
}
