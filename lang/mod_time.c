/*
 * lang/mod_time.c — the `time` module: time, perf_counter, monotonic,
 * process_time (float seconds) and sleep.
 *
 * Clocks are clock_gettime's: CLOCK_REALTIME for time(), CLOCK_MONOTONIC for
 * perf_counter() and monotonic(), CLOCK_PROCESS_CPUTIME_ID for
 * process_time().  sleep(secs) takes an int or float, refuses negative
 * lengths (ValueError) and lengths past time_t (OverflowError) as CPython,
 * and resumes after a signal interrupts nanosleep.  Before it sleeps it
 * tells the heap how long the program will be idle (rc_heap_maintain), so
 * free memory that would fall due meanwhile goes back to the OS now.
 */
#define _POSIX_C_SOURCE 200809L
#include "mod_util.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <time.h>

static rc_object *clock_now(lx_interp *I, const char *fname, clockid_t clock, size_t nargs,
                            rc_object *kw)
{
    if (mod_check_args(I, fname, nargs, kw, 0, 0) < 0)
        return NULL;
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0)
        return lx_raise(I, LX_OSError, "%s: clock_gettime failed", fname);
    return lx_float(I, (double)ts.tv_sec + ts.tv_nsec * 1e-9);
}

static rc_object *time_time(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    return clock_now(I, "time.time", CLOCK_REALTIME, nargs, kw);
}

static rc_object *time_perf_counter(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    return clock_now(I, "time.perf_counter", CLOCK_MONOTONIC, nargs, kw);
}

static rc_object *time_monotonic(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    return clock_now(I, "time.monotonic", CLOCK_MONOTONIC, nargs, kw);
}

static rc_object *time_process_time(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    return clock_now(I, "time.process_time", CLOCK_PROCESS_CPUTIME_ID, nargs, kw);
}

static rc_object *time_sleep(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    double secs;
    if (mod_check_args(I, "time.sleep", nargs, kw, 1, 1) < 0 ||
        lx_arg_float(I, "sleep", args[0], &secs) < 0)
        return NULL;
    if (isnan(secs))
        return lx_raise(I, LX_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0)
        return lx_raise(I, LX_ValueError, "sleep length must be non-negative");
    if (secs >= 9.2e18)
        return lx_raise(I, LX_OverflowError, "timestamp out of range for platform time_t");
    rc_heap_maintain(lx_heap(I), secs * 1000.0 >= (double)LONG_MAX ? -1 : (long)(secs * 1000.0));
    struct timespec left = {(time_t)secs, (long)((secs - floor(secs)) * 1e9)};
    while (nanosleep(&left, &left) != 0)
        if (errno != EINTR)
            return lx_raise(I, LX_OSError, "sleep: nanosleep failed");
    return rc_none();
}

static const lx_func_def time_functions[] = {
    {"time", time_time},
    {"perf_counter", time_perf_counter},
    {"monotonic", time_monotonic},
    {"process_time", time_process_time},
    {"sleep", time_sleep},
    {NULL, NULL},
};

rc_object *lx_mod_time_init(lx_interp *I)
{
    return lx_module_new(I, "time", time_functions);
}
