/*
 * lang/mod_memory.c — the `memory` module, reclaim's own window on memory.
 *
 *   memory.rss()        resident bytes of the process now (/proc/self/statm)
 *   memory.peak_rss()   the most resident bytes so far (getrusage ru_maxrss)
 *   memory.stats()      the heap's statistics (rc_heap_stats) as a dict
 *   memory.trim()       give free memory back to the OS now; bytes released
 *   memory.mark(label)  record (time, rss, heap bytes, label) for --plot
 *
 * stats() holds every scalar field of rc_stats under its own name (plus
 * "arenas_high_water" as the issue spells it); the per-size-class table is
 * left to sys._debugmallocstats().
 */
#define _POSIX_C_SOURCE 200809L
#include "mod_util.h"

#include <stddef.h>
#include <sys/resource.h>

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
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return lx_raise(I, LX_OSError, "getrusage failed");
    return lx_int(I, (int64_t)ru.ru_maxrss * 1024);
}

#define STAT_FIELD(f) {#f, offsetof(rc_stats, f)}
static const struct {
    const char *name;
    size_t offset;
} stat_fields[] = {
    STAT_FIELD(bytes_in_use), STAT_FIELD(bytes_mapped), STAT_FIELD(bytes_resident),
    STAT_FIELD(bytes_limit_used), STAT_FIELD(arenas),
    {"arenas_high_water", offsetof(rc_stats, arenas_highwater)},
    STAT_FIELD(arenas_released), STAT_FIELD(pools_in_use), STAT_FIELD(pools_free),
    STAT_FIELD(small_blocks), STAT_FIELD(large_blocks), STAT_FIELD(large_bytes),
    STAT_FIELD(bytes_purged_total), STAT_FIELD(objects_live), STAT_FIELD(objects_allocated),
};

static rc_object *memory_stats(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (mod_check_args(I, "memory.stats", nargs, kw, 0, 0) < 0)
        return NULL;
    rc_stats s;
    rc_heap_stats(lx_heap(I), &s);
    rc_object *d = lx_dict_new(I);
    for (size_t i = 0; d && i < sizeof stat_fields / sizeof stat_fields[0]; i++) {
        size_t v = *(const size_t *)((const char *)&s + stat_fields[i].offset);
        if (mod_dict_set_new(I, d, stat_fields[i].name, lx_int(I, (int64_t)v)) < 0)
            RC_CLEAR(d);
    }
    return d;
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

static const lx_func_def memory_functions[] = {
    {"rss", memory_rss},
    {"peak_rss", memory_peak_rss},
    {"stats", memory_stats},
    {"trim", memory_trim},
    {"mark", memory_mark},
    {NULL, NULL},
};

rc_object *lx_mod_memory_init(lx_interp *I)
{
    return lx_module_new(I, "memory", memory_functions);
}
