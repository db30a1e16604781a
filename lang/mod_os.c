/*
 * lang/mod_os.c — the native `posix` module under lib/os.py (as CPython's
 * os is written over posix): getpid() (the seeds print it to find the
 * process in the task manager), name, environ, and the file-system basics a
 * script that writes files needs: getcwd, chdir, listdir, mkdir, rmdir,
 * remove (unlink), and stat as a plain tuple that os.stat_result wraps.
 * Failures are the OSError subclass of the errno, with the path, as
 * CPython's.
 */
#define _POSIX_C_SOURCE 200809L
#include "mod_util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* The one path argument of fname (`path` may be omitted when optional). */
static int path_arg(lx_interp *I, const char *fname, rc_object *const *args, size_t nargs, rc_object *kw,
                    int optional, const char **out)
{
    if (mod_check_args(I, fname, nargs, kw, optional ? 0 : 1, 1) < 0)
        return -1;
    if (nargs == 0) {
        *out = ".";
        return 0;
    }
    size_t n;
    if (args[0]->type != &rc_str_type) {
        lx_raise(I, LX_TypeError, "%s: path should be string, bytes or os.PathLike, not %s", fname,
                 lx_type_name(I, args[0]));
        return -1;
    }
    return lx_arg_str(I, fname, args[0], out, &n);
}

static rc_object *os_getcwd(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    char buf[PATH_MAX];
    if (mod_check_args(I, "getcwd", nargs, kw, 0, 0) < 0)
        return NULL;
    return getcwd(buf, sizeof buf) ? lx_strz(I, buf) : mod_raise_os_error(I, errno, NULL);
}

static rc_object *os_listdir(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    const char *path;
    if (path_arg(I, "listdir", args, nargs, kw, 1, &path) < 0)
        return NULL;
    DIR *d = opendir(path);
    if (!d)
        return mod_raise_os_error(I, errno, nargs ? args[0] : NULL);
    rc_object *list = rc_list_new(lx_heap(I));
    struct dirent *e;
    while (list && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (mod_list_append_new(I, list, lx_strz(I, e->d_name)) < 0)
            RC_CLEAR(list);
    }
    closedir(d);
    return list ? list : (lx_exc_occurred(I) ? NULL : lx_raise_heap_error(I));
}

static rc_object *path_call(lx_interp *I, const char *fname, rc_object *const *args, size_t nargs,
                            rc_object *kw, int (*fn)(const char *))
{
    const char *path;
    if (path_arg(I, fname, args, nargs, kw, 0, &path) < 0)
        return NULL;
    return fn(path) == 0 ? rc_none() : mod_raise_os_error(I, errno, args[0]);
}

static int make_dir(const char *p) { return mkdir(p, 0777); }

static rc_object *os_mkdir(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return path_call(I, "mkdir", a, n, kw, make_dir);
}
static rc_object *os_rmdir(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return path_call(I, "rmdir", a, n, kw, rmdir);
}
static rc_object *os_remove(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return path_call(I, "remove", a, n, kw, unlink);
}
static rc_object *os_chdir(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    return path_call(I, "chdir", a, n, kw, chdir);
}

/* stat(path): (st_mode, st_ino, st_dev, st_nlink, st_uid, st_gid, st_size,
 * st_atime, st_mtime, st_ctime) as ints, then the three times as floats
 * with their nanoseconds: what lib/os.py's stat_result is made of. */
static rc_object *os_stat(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    const char *path;
    struct stat st;
    if (path_arg(I, "stat", a, n, kw, 0, &path) < 0)
        return NULL;
    if (stat(path, &st) != 0)
        return mod_raise_os_error(I, errno, a[0]);
    int64_t ints[10] = {(int64_t)st.st_mode, (int64_t)st.st_ino,  (int64_t)st.st_dev,       (int64_t)st.st_nlink,
                        (int64_t)st.st_uid,  (int64_t)st.st_gid,  (int64_t)st.st_size,      (int64_t)st.st_atim.tv_sec,
                        (int64_t)st.st_mtim.tv_sec, (int64_t)st.st_ctim.tv_sec};
    const struct timespec *times[3] = {&st.st_atim, &st.st_mtim, &st.st_ctim};
    rc_object *items[13] = {NULL};
    int ok = 1;
    for (int i = 0; i < 13 && ok; i++)
        ok = (items[i] = i < 10 ? lx_int(I, ints[i])
                                : lx_float(I, (double)times[i - 10]->tv_sec + times[i - 10]->tv_nsec * 1e-9)) != NULL;
    rc_object *t = ok ? mod_tuple_of(I, items, 13) : NULL;
    for (int i = 0; i < 13; i++)
        rc_xdecref(items[i]);
    return t;
}

/* environ as a dict of str to str, made once at import (as CPython's). */
static rc_object *environ_dict(lx_interp *I)
{
    extern char **environ;
    rc_object *d = lx_dict_new(I);
    for (char **e = environ; d && e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq)
            continue;
        rc_object *k = lx_str_new(I, *e, (size_t)(eq - *e)), *v = k ? lx_strz(I, eq + 1) : NULL;
        if (!k || !v) {   /* not UTF-8: left out, as nothing can name it */
            rc_xdecref(k);
            lx_exc_clear(I);
            continue;
        }
        if (rc_dict_set(d, k, v) < 0)
            RC_CLEAR(d);
        rc_decref(k);
        rc_decref(v);
    }
    return d ? d : (lx_exc_occurred(I) ? NULL : lx_raise_heap_error(I));
}

static rc_object *os_getpid(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "posix.getpid", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)getpid());
}

static const lx_func_def os_functions[] = {
    {"getpid", os_getpid}, {"getcwd", os_getcwd}, {"listdir", os_listdir}, {"mkdir", os_mkdir},
    {"rmdir", os_rmdir}, {"remove", os_remove}, {"unlink", os_remove}, {"chdir", os_chdir}, {"stat", os_stat},
    {NULL, NULL},
};

rc_object *lx_mod_os_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "posix", os_functions);
    if (m && (mod_set_new(I, m, "name", lx_strz(I, "posix")) < 0 || mod_set_new(I, m, "environ", environ_dict(I)) < 0))
        RC_CLEAR(m);
    return m;
}
