/*
 * lang/mod_memory.c — the `memory` module, reclaim's own window on memory.
 *
 *   memory.rss()        resident bytes of the process now (/proc/self/statm)
 *   memory.peak_rss()   the most resident bytes so far (rc_process_peak_rss:
 *                       never below memory.rss())
 *   memory.stats()      the heap's statistics (rc_heap_stats) as a dict
 *   memory.gc_pauses()  the collector's pauses, all generations
 *                       (rc_gc_get_pause_stats) as a dict: count, and in
 *                       seconds total_s, max_s, min_s, p50_s, p99_s, p999_s
 *                       (the percentiles estimated within 9 %)
 *   memory.trim()       give free memory back to the OS now; bytes released
 *   memory.mark(label)  record (time, rss, heap bytes, label) for --plot
 *
 * stats() holds every scalar field of rc_stats under its own name (plus
 * "arenas_high_water" as the issue spells it); the per-size-class table is
 * left to sys._debugmallocstats().
 *
 * Allocation tracing, like CPython's tracemalloc (the heap must trace:
 * `reclaim --trace-malloc N`, or any RECLAIM_DEBUG mode):
 *   memory.is_tracing()        True when snapshots can be taken
 *   memory.take_snapshot()     a Snapshot of the live blocks by allocation
 *                              site (RuntimeError when not tracing)
 *   snap.statistics()          [(site, size, count), ...] for every site,
 *                              largest size first; site is "file.py:12" for
 *                              what script code allocated, a C function
 *                              ("lx_new+0x1c (reclaim)") for the rest
 *   snap.top(n)                the first n of statistics()
 *   snap.compare_to(old)       [(site, size, size_diff, count, count_diff),
 *                              ...] for the sites of either snapshot, the
 *                              largest |size_diff| first
 *   snap.total()               (size, count) of all the snapshot's blocks
 * Sizes are the bytes asked for.  A snapshot is plain system memory,
 * independent of the heap; taking one walks the live blocks.
 */
#define _POSIX_C_SOURCE 200809L
#include "mod_util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

static rc_object *memory_rss(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "memory.rss", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)rc_process_rss());
}

static rc_object *memory_peak_rss(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "memory.peak_rss", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)rc_process_peak_rss());
}

/* A field of a statistics struct, by name and offset. */
typedef struct field_def { const char *name; size_t offset; } field_def;

#define STAT_FIELD(f) {#f, offsetof(rc_stats, f)}
static const field_def stat_fields[] = {
    STAT_FIELD(bytes_in_use), STAT_FIELD(bytes_mapped), STAT_FIELD(bytes_resident),
    STAT_FIELD(bytes_limit_used), STAT_FIELD(arenas),
    {"arenas_high_water", offsetof(rc_stats, arenas_highwater)},
    STAT_FIELD(arenas_released), STAT_FIELD(pools_in_use), STAT_FIELD(pools_free),
    STAT_FIELD(small_blocks), STAT_FIELD(large_blocks), STAT_FIELD(large_bytes),
    STAT_FIELD(bytes_purged_total), STAT_FIELD(objects_live), STAT_FIELD(objects_allocated),
    STAT_FIELD(purge_calls), STAT_FIELD(bytes_free_resident), STAT_FIELD(bytes_reserve),
};

/* A struct's fields as a dict: the named fields at their offsets in `base`,
 * read as size_t (ints) or double (floats).  Adds to d (NULL: a new dict);
 * NULL with the exception on failure. */
static rc_object *fields_to_dict(lx_interp *I, rc_object *d, const void *base,
                                 const field_def *fields, size_t n, bool as_float)
{
    if (!d)
        d = lx_dict_new(I);
    for (size_t i = 0; d && i < n; i++) {
        const char *at = (const char *)base + fields[i].offset;
        rc_object *v = as_float ? lx_float(I, *(const double *)at)
                                : lx_int(I, (int64_t)*(const size_t *)at);
        if (mod_dict_set_new(I, d, fields[i].name, v) < 0)
            RC_CLEAR(d);
    }
    return d;
}

static rc_object *memory_stats(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "memory.stats", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_stats s;
    rc_heap_stats(lx_heap(I), &s);
    return fields_to_dict(I, NULL, &s, stat_fields, sizeof stat_fields / sizeof stat_fields[0], false);
}

#define PAUSE_FIELD(f) {#f, offsetof(rc_gc_pause_stats, f)}
static const field_def pause_fields[] = {
    PAUSE_FIELD(total_s), PAUSE_FIELD(max_s), PAUSE_FIELD(min_s),
    PAUSE_FIELD(p50_s), PAUSE_FIELD(p99_s), PAUSE_FIELD(p999_s),
};

static rc_object *memory_gc_pauses(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "memory.gc_pauses", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_gc_pause_stats ps;
    rc_gc_get_pause_stats(lx_heap(I), &ps);
    rc_object *d = lx_dict_new(I);
    if (d && mod_dict_set_new(I, d, "count", lx_int(I, (int64_t)ps.count)) < 0)
        RC_CLEAR(d);
    return d ? fields_to_dict(I, d, &ps, pause_fields, sizeof pause_fields / sizeof pause_fields[0], true) : NULL;
}

static rc_object *memory_trim(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "memory.trim", nargs, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)rc_heap_trim(lx_heap(I)));
}

static rc_object *memory_mark(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    const char *label;
    size_t len;
    if (mod_check_args(I, "memory.mark", nargs, kw, 1, 1) < 0 ||
        lx_arg_str(I, "mark", args[0], &label, &len) < 0)
        return NULL;
    return lx_add_mark(I, label) < 0 ? NULL : rc_none();
}

/* ---- tracing: Snapshot objects ------------------------------------------------- */

typedef struct snapshot_obj {
    rc_object ob;
    rc_snapshot *snap;   /* owned */
} snapshot_obj;

static void snapshot_destroy(rc_object *self)
{
    rc_trace_snapshot_free(((snapshot_obj *)self)->snap);
}

static const rc_type snapshot_type = {
    .name = "Snapshot",
    .size = sizeof(snapshot_obj),
    .destroy = snapshot_destroy,
};

static rc_snapshot *snap_of(rc_object *o) { return ((snapshot_obj *)o)->snap; }

/* The top max sites of s (by bytes, or by the size of the difference with
 * older) as a malloc'd array; *n gets how many.  NULL with MemoryError. */
static rc_trace_stat *top_sites(lx_interp *I, const rc_snapshot *s,
                                const rc_snapshot *older, size_t max, size_t *n)
{
    size_t all = rc_trace_top(s, older, RC_TRACE_BY_BYTES, NULL, 0);
    *n = all < max ? all : max;
    rc_trace_stat *out = malloc((*n ? *n : 1) * sizeof *out);
    if (!out) {
        lx_raise(I, LX_MemoryError, "out of memory listing allocation sites");
        return NULL;
    }
    rc_trace_top(s, older, RC_TRACE_BY_BYTES, out, *n);
    return out;
}

/* (site, size, count) or, for a difference, (site, size, size_diff, count,
 * count_diff). */
static rc_object *stat_tuple(lx_interp *I, const rc_trace_stat *t, int diff)
{
    rc_object *items[5] = {NULL};
    size_t n = 0;
    items[n++] = lx_strz(I, t->site);
    items[n++] = lx_int(I, (int64_t)t->bytes);
    if (diff)
        items[n++] = lx_int(I, t->bytes_diff);
    items[n++] = lx_int(I, (int64_t)t->count);
    if (diff)
        items[n++] = lx_int(I, t->count_diff);
    rc_object *tuple = NULL;
    size_t made = 0;
    while (made < n && items[made])
        made++;
    if (made == n)
        tuple = mod_tuple_of(I, items, n);
    for (size_t i = 0; i < n; i++)
        if (items[i])
            rc_decref(items[i]);
    return tuple;
}

static rc_object *stats_list(lx_interp *I, const rc_snapshot *s,
                             const rc_snapshot *older, size_t max)
{
    size_t n;
    rc_trace_stat *top = top_sites(I, s, older, max, &n);
    if (!top)
        return NULL;
    rc_object *list = lx_list_new(I);
    for (size_t i = 0; list && i < n; i++)
        if (mod_list_append_new(I, list, stat_tuple(I, &top[i], older != NULL)) < 0)
            RC_CLEAR(list);
    free(top);
    return list;
}

static rc_object *snapshot_statistics(lx_interp *I, rc_object *const *args, size_t nargs,
                                      rc_object *kw)
{
    if (mod_check_args(I, "statistics", nargs, kw, 1, 1) < 0)
        return NULL;
    return stats_list(I, snap_of(args[0]), NULL, SIZE_MAX);
}

static rc_object *snapshot_top(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    int64_t n;
    if (mod_check_args(I, "top", nargs, kw, 2, 2) < 0 || lx_arg_int(I, "top", args[1], &n) < 0)
        return NULL;
    if (n < 0)
        return lx_raise(I, LX_ValueError, "top() wants a count >= 0, got %lld", (long long)n);
    return stats_list(I, snap_of(args[0]), NULL, (size_t)n);
}

static rc_object *snapshot_compare_to(lx_interp *I, rc_object *const *args, size_t nargs,
                                      rc_object *kw)
{
    if (mod_check_args(I, "compare_to", nargs, kw, 2, 2) < 0)
        return NULL;
    if (!rc_is_type(args[1], &snapshot_type))
        return lx_raise(I, LX_TypeError, "compare_to() argument must be a memory.Snapshot, not '%s'",
                        lx_type_name(I, args[1]));
    return stats_list(I, snap_of(args[0]), snap_of(args[1]), SIZE_MAX);
}

static rc_object *snapshot_total(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (mod_check_args(I, "total", nargs, kw, 1, 1) < 0)
        return NULL;
    size_t count, bytes = rc_trace_snapshot_total(snap_of(args[0]), &count);
    int64_t v[2] = {(int64_t)bytes, (int64_t)count};
    return mod_int_tuple(I, v, 2);
}

static rc_object *snapshot_repr(lx_interp *I, rc_object *self)
{
    size_t count, bytes = rc_trace_snapshot_total(snap_of(self), &count);
    size_t sites = rc_trace_top(snap_of(self), NULL, RC_TRACE_BY_BYTES, NULL, 0);
    char buf[128];
    snprintf(buf, sizeof buf, "<memory.Snapshot: %zu B in %zu blocks at %zu sites>", bytes, count,
             sites);
    return lx_strz(I, buf);
}

static const lx_func_def snapshot_methods[] = {
    {"statistics", snapshot_statistics},
    {"top", snapshot_top},
    {"compare_to", snapshot_compare_to},
    {"total", snapshot_total},
    {NULL, NULL},
};

static const lx_type_slots snapshot_slots = {
    .type = &snapshot_type,
    .name = "Snapshot",
    .repr = snapshot_repr,
    .methods = snapshot_methods,
};

/* A snapshot of the heap, or NULL with no exception when it does not trace. */
static rc_snapshot *try_snapshot(lx_interp *I, int *out_of_memory)
{
    rc_heap *h = lx_heap(I);
    rc_snapshot *s = rc_trace_snapshot(h);
    *out_of_memory = !s && rc_error(h) == RC_ENOMEM;
    if (!s)
        rc_error_clear(h);
    return s;
}

static rc_object *memory_is_tracing(lx_interp *I, rc_object *const *args, size_t nargs,
                                    rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "memory.is_tracing", nargs, kw, 0, 0) < 0)
        return NULL;
    int oom;
    rc_snapshot *s = try_snapshot(I, &oom);
    rc_trace_snapshot_free(s);
    return rc_bool(s != NULL || oom);
}

static rc_object *memory_take_snapshot(lx_interp *I, rc_object *const *args, size_t nargs,
                                       rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "memory.take_snapshot", nargs, kw, 0, 0) < 0)
        return NULL;
    int oom;
    rc_snapshot *s = try_snapshot(I, &oom);
    if (!s)
        return oom ? lx_raise(I, LX_MemoryError, "out of memory taking a snapshot")
                   : lx_raise(I, LX_RuntimeError, "the heap does not trace memory allocations; "
                                                  "run reclaim --trace-malloc N");
    rc_object *o = rc_new(lx_heap(I), &snapshot_type);
    if (!o) {
        rc_trace_snapshot_free(s);
        return mod_raise_nomem(I);
    }
    ((snapshot_obj *)o)->snap = s;
    return o;
}

static const lx_func_def memory_functions[] = {
    {"rss", memory_rss},
    {"peak_rss", memory_peak_rss},
    {"stats", memory_stats},
    {"gc_pauses", memory_gc_pauses},
    {"trim", memory_trim},
    {"mark", memory_mark},
    {"is_tracing", memory_is_tracing},
    {"take_snapshot", memory_take_snapshot},
    {NULL, NULL},
};

rc_object *lx_mod_memory_init(lx_interp *I)
{
    if (lx_register_type(I, &snapshot_slots) < 0)
        return NULL;
    return lx_module_new(I, "memory", memory_functions);
}
