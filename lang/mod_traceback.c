/*
 * lang/mod_traceback.c — the native _traceback module under lib/traceback.py.
 *
 * Three functions over what the core knows of exceptions and frames (the
 * core's lx_traceback_entries, lx_stack_entries, lx_exception_text):
 *   entries(tb)               [(filename, line, name, source or None), ...]
 *   stack()                   the same for the running frames, outermost
 *                             first, the caller of stack() last
 *   text(exc, chain)          the text an uncaught exc prints, its cause or
 *                             context first when chain is true
 * lib/traceback.py builds CPython's API on them.  Nothing here keeps state.
 */
#include "mod_util.h"

static rc_object *tb_entries(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "entries", kw) < 0 || lx_check_nargs(I, "entries", n, 1, 1) < 0)
        return NULL;
    return lx_traceback_entries(I, a[0]);
}

static rc_object *tb_stack(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)a;
    if (lx_no_kwargs(I, "stack", kw) < 0 || lx_check_nargs(I, "stack", n, 0, 0) < 0)
        return NULL;
    return lx_stack_entries(I);
}

static rc_object *tb_text(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "text", kw) < 0 || lx_check_nargs(I, "text", n, 2, 2) < 0)
        return NULL;
    int chain = lx_truth(I, a[1]);
    return chain < 0 ? NULL : lx_exception_text(I, a[0], chain);
}

static const lx_func_def traceback_functions[] = {
    {"entries", tb_entries}, {"stack", tb_stack}, {"text", tb_text}, {NULL, NULL},
};

rc_object *lx_mod_traceback_init(lx_interp *I)
{
    return lx_module_new(I, "_traceback", traceback_functions);
}
