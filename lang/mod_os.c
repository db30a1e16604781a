/*
 * lang/mod_os.c — the `os` module: getpid() (the seeds print it to find the
 * process in the task manager) and os.name.
 */
#define _POSIX_C_SOURCE 200809L
#include "mod_util.h"

#include <unistd.h>

static rc_object *os_getpid(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "posix.getpid", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)getpid());
}

static const lx_func_def os_functions[] = {
    {"getpid", os_getpid},
    {NULL, NULL},
};

rc_object *lx_mod_os_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "os", os_functions);
    if (m && mod_set_new(I, m, "name", lx_strz(I, "posix")) < 0)
        RC_CLEAR(m);
    return m;
}
