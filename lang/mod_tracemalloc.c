/*
 * lang/mod_tracemalloc.c — `_tracemalloc`, the native half of tracemalloc
 * (lib/tracemalloc.py builds CPython's API on it).
 *
 *   _tracemalloc.heap_traces()     True when the heap traces allocations
 *                                  (created with RC_TRACE_ALLOC: the command
 *                                  does so for scripts naming tracemalloc)
 *   _tracemalloc.start()           trace the blocks allocated from now on
 *                                  only (rc_trace_reset); RuntimeError when
 *                                  the heap does not trace
 *   _tracemalloc.stop()            forget every trace, record none
 *   _tracemalloc.traced_memory()   (current, peak) bytes of the traced blocks
 *   _tracemalloc.reset_peak()      peak = current
 *   _tracemalloc.overhead()        system bytes the tracing uses
 *   _tracemalloc.sites()           [(filename, lineno, size, count), ...],
 *                                  one per script line with traced blocks
 *                                  alive, largest size first
 * Sites that are not a script's file:line (C functions named by address)
 * are left out of sites(): tracemalloc attributes blocks to Python code.
 * Without a tracing heap, every figure is 0 and sites() is empty.
 */
#define _POSIX_C_SOURCE 200809L
#include "mod_util.h"

#include <stdlib.h>
#include <string.h>

static rc_object *tm_heap_traces(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "heap_traces", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_trace_totals t;
    int traces = rc_trace_get_totals(lx_heap(I), &t) == 0;
    rc_error_clear(lx_heap(I));
    return rc_bool(traces);
}

/* rc_trace_reset(record_new); raises RuntimeError when asked to record on
 * a heap that does not trace. */
static rc_object *tm_reset(lx_interp *I, const char *fname, size_t nargs, rc_object *kw,
                           int record_new)
{
    if (mod_check_args(I, fname, nargs, kw, 0, 0) < 0)
        return NULL;
    rc_heap *h = lx_heap(I);
    if (rc_trace_reset(h, record_new) < 0) {
        rc_error_clear(h);
        if (record_new)
            return lx_raise(I, LX_RuntimeError, "the heap does not trace memory allocations: "
                                                "name tracemalloc in the main script, or run "
                                                "reclaim --trace-malloc N");
    }
    return rc_none();
}

static rc_object *tm_start(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    return tm_reset(I, "start", nargs, kw, 1);
}

static rc_object *tm_stop(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    return tm_reset(I, "stop", nargs, kw, 0);
}

/* The heap's traced totals, zeros when it does not trace. */
static rc_trace_totals totals_of(lx_interp *I)
{
    rc_trace_totals t = {0, 0, 0};
    if (rc_trace_get_totals(lx_heap(I), &t) < 0)
        rc_error_clear(lx_heap(I));
    return t;
}

static rc_object *tm_traced_memory(lx_interp *I, rc_object *const *args, size_t nargs,
                                   rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "traced_memory", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_trace_totals t = totals_of(I);
    int64_t v[2] = {(int64_t)t.current, (int64_t)t.peak};
    return mod_int_tuple(I, v, 2);
}

static rc_object *tm_reset_peak(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "reset_peak", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_trace_reset_peak(lx_heap(I));
    return rc_none();
}

static rc_object *tm_overhead(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "overhead", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)totals_of(I).overhead);
}

/* The line of a "file:line" site text, with *file_len the length of the
 * file part; 0 for any other site. */
static long site_line(const char *site, size_t *file_len)
{
    const char *colon = strrchr(site, ':');
    if (!colon || colon == site || !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1))
        return 0;
    *file_len = (size_t)(colon - site);
    return strtol(colon + 1, NULL, 10);
}

/* (filename, lineno, size, count) for a script site, NULL with the error. */
static rc_object *site_tuple(lx_interp *I, const rc_trace_stat *t, size_t file_len, long line)
{
    rc_object *items[4] = {
        lx_str_new(I, t->site, file_len), lx_int(I, line),
        lx_int(I, (int64_t)t->bytes), lx_int(I, (int64_t)t->count),
    };
    rc_object *tuple = NULL;
    if (items[0] && items[1] && items[2] && items[3])
        tuple = mod_tuple_of(I, items, 4);
    for (size_t i = 0; i < 4; i++)
        if (items[i])
            rc_decref(items[i]);
    return tuple;
}

/* The script sites of s as a list, largest first. */
static rc_object *sites_list(lx_interp *I, const rc_snapshot *s)
{
    size_t n = rc_trace_top(s, NULL, RC_TRACE_BY_BYTES, NULL, 0);
    rc_trace_stat *top = malloc((n ? n : 1) * sizeof *top);
    if (!top)
        return mod_raise_nomem(I);
    rc_trace_top(s, NULL, RC_TRACE_BY_BYTES, top, n);
    rc_object *list = lx_list_new(I);
    for (size_t i = 0; list && i < n; i++) {
        size_t file_len;
        long line = site_line(top[i].site, &file_len);
        if (line > 0 && mod_list_append_new(I, list, site_tuple(I, &top[i], file_len, line)) < 0)
            RC_CLEAR(list);
    }
    free(top);
    return list;
}

static rc_object *tm_sites(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "sites", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_heap *h = lx_heap(I);
    rc_snapshot *s = rc_trace_snapshot(h);
    if (!s) {
        int oom = rc_error(h) == RC_ENOMEM;
        rc_error_clear(h);
        return oom ? mod_raise_nomem(I) : lx_list_new(I);
    }
    rc_object *list = sites_list(I, s);
    rc_trace_snapshot_free(s);
    return list;
}

static const lx_func_def tracemalloc_functions[] = {
    {"heap_traces", tm_heap_traces},
    {"start", tm_start},
    {"stop", tm_stop},
    {"traced_memory", tm_traced_memory},
    {"reset_peak", tm_reset_peak},
    {"overhead", tm_overhead},
    {"sites", tm_sites},
    {NULL, NULL},
};

rc_object *lx_mod_tracemalloc_init(lx_interp *I)
{
    return lx_module_new(I, "_tracemalloc", tracemalloc_functions);
}
