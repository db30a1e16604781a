/*
 * cli/diag.c — the command's diagnostic options (see diag.h for the list and
 * the life cycle).
 *
 * Sampling for --plot.  A sample costs a read of /proc/self/statm and an
 * rc_heap_stats walk (O(pools): about 0.1 ms for a 400 MiB heap), so samples
 * are rate-limited: the next one is due `interval` seconds after the last,
 * interval = max(2 ms, 50 x the last sample's cost, the plot's current
 * minimum gap) — sampling stays under about 2 % of the run.  Samples come
 * from three places:
 *   - the evaluator's tick (lx_set_tick), called every so many steps: a
 *     sample when one is due;
 *   - the collector's callback (RC_GC_STOP): the collection is recorded
 *     (time, generation, collected, and its pause: what it added to its
 *     generation's rc_gc_stats.pause_total_s since RC_GC_START, the time the
 *     collector itself measured, without other callbacks); a sample when
 *     one is due, always after a full (generation 2) collection so the fall
 *     it causes shows;
 *   - memory.mark(label): the marks (lx_get_mark) carry their own RSS and
 *     heap bytes and become samples when the plot is written.
 * plus one at the start and one at the end of the script.
 *
 * Leak status.  rc_heap_free prints the leak report (RC_REPORT_LEAKS); the
 * command learns whether anything leaked from the interpreter's heap-free
 * hook (lx_set_heap_free_hook), which runs once the interpreter has released
 * everything it owns: it counts the live blocks with rc_heap_report_leaks
 * into /dev/null, so the report itself is printed once, by the library.
 * Cycles a script leaves behind with collection disabled reach that point
 * (the core's teardown then runs no collection), so the library reports
 * them as kept alive only by cycles.
 */
#define _POSIX_C_SOURCE 200809L
#include "diag.h"
#include "plot.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE_MIN_INTERVAL_S 0.002
#define SAMPLE_COST_FACTOR 50.0

struct diag {
    lx_interp *I;
    diag_settings s;
    char *title;
    /* --plot */
    plot *plot;
    FILE *plot_file;
    double next_sample_t, interval;
    double pause_total_at_start;   /* the collecting generation's pause_total_s at RC_GC_START */
    int gc_callback_added;
    int plot_failed;
    /* --report-leaks: live blocks at heap free, -1 while unknown */
    long leaks;
};

unsigned diag_heap_flags(const diag_settings *s)
{
    return (s->trace_top || s->trace_heap ? RC_TRACE_ALLOC : 0u) | (s->report_leaks ? RC_REPORT_LEAKS : 0u) |
           (s->debug_alloc ? RC_DEBUG_ALLOC : 0u);
}

/* ---- allocation sites ------------------------------------------------------------ */

/* rc_site_hook: the script's file:line while script code runs. */
static int script_site(void *arg, const char **file, int *line)
{
    lx_current_location(arg, file, line);
    return *file && *line > 0;
}

/* ---- sampling -------------------------------------------------------------------- */

static void sample(diag *d, int forced)
{
    double t = lx_uptime(d->I);
    rc_stats st;
    rc_heap_stats(lx_heap(d->I), &st);
    size_t rss = rc_process_rss();
    double cost = lx_uptime(d->I) - t;
    plot_add_sample(d->plot, t, rss, st.bytes_in_use, forced);
    d->interval = SAMPLE_MIN_INTERVAL_S;
    if (d->interval < SAMPLE_COST_FACTOR * cost)
        d->interval = SAMPLE_COST_FACTOR * cost;
    if (d->interval < plot_min_gap(d->plot))
        d->interval = plot_min_gap(d->plot);
    d->next_sample_t = t + d->interval;
}

static void sample_if_due(diag *d)
{
    if (lx_uptime(d->I) >= d->next_sample_t)
        sample(d, 0);
}

static void on_tick(lx_interp *I, void *arg)
{
    (void)I;
    sample_if_due(arg);
}

static void on_collection(rc_heap *h, int phase, int generation, rc_ssize collected,
                          rc_ssize uncollectable, void *arg)
{
    (void)uncollectable;
    diag *d = arg;
    rc_gc_stats st[3];
    rc_gc_get_stats(h, st);
    if (phase == RC_GC_START) {
        d->pause_total_at_start = st[generation].pause_total_s;
        return;
    }
    plot_add_collection(d->plot, lx_uptime(d->I), generation, (long)collected,
                        st[generation].pause_total_s - d->pause_total_at_start);
    if (generation == 2)
        sample(d, 1);
    else
        sample_if_due(d);
}

static int plot_start(diag *d)
{
    d->plot_file = fopen(d->s.plot_path, "w");
    if (!d->plot_file) {
        fprintf(stderr, "reclaim: --plot: cannot write '%s': %s\n", d->s.plot_path, strerror(errno));
        return -1;
    }
    d->plot = plot_new();
    if (!d->plot || rc_gc_add_callback(lx_heap(d->I), on_collection, d) < 0) {
        fprintf(stderr, "reclaim: --plot: out of memory\n");
        return -1;
    }
    rc_gc_pass_stats passes;
    rc_gc_get_pass_stats(lx_heap(d->I), &passes);
    if (passes.mode == RC_GC_INCREMENTAL)
        plot_set_incremental(d->plot);
    d->gc_callback_added = 1;
    lx_set_tick(d->I, on_tick, d);
    sample(d, 1);
    return 0;
}

/* Marks, a last sample, the chart; the hooks are removed. */
static void plot_finish(diag *d)
{
    lx_set_tick(d->I, NULL, NULL);
    rc_gc_remove_callback(lx_heap(d->I), on_collection, d);
    d->gc_callback_added = 0;
    lx_mark m;
    for (size_t i = 0; lx_get_mark(d->I, i, &m); i++)
        plot_add_mark(d->plot, m.t_s, m.rss, m.heap_bytes, m.label);
    sample(d, 1);
    int failed = plot_write_svg(d->plot, d->plot_file, d->title) < 0;
    failed |= fclose(d->plot_file) != 0;
    d->plot_file = NULL;
    if (failed) {
        fprintf(stderr, "reclaim: --plot: writing '%s' failed: %s\n", d->s.plot_path, strerror(errno));
        d->plot_failed = 1;
    }
}

/* ---- leaks ---------------------------------------------------------------------- */

static void count_leaks(lx_interp *I, rc_heap *heap, void *arg)
{
    (void)I;
    diag *d = arg;
    FILE *sink = fopen("/dev/null", "w");
    d->leaks = sink ? rc_heap_report_leaks(heap, sink) : -1;
    if (sink)
        fclose(sink);
}

/* ---- life cycle ------------------------------------------------------------------ */

static void diag_free(diag *d)
{
    if (d->plot_file)
        fclose(d->plot_file);
    if (d->gc_callback_added)
        rc_gc_remove_callback(lx_heap(d->I), on_collection, d);
    plot_free(d->plot);
    free(d->title);
    free(d);
}

diag *diag_start(lx_interp *I, const diag_settings *s, const char *script_name)
{
    diag *d = calloc(1, sizeof *d);
    size_t title_len = strlen(script_name) + 16;
    if (d)
        d->title = malloc(title_len);
    if (!d || !d->title) {
        fprintf(stderr, "reclaim: out of memory\n");
        free(d);
        return NULL;
    }
    snprintf(d->title, title_len, "reclaim: %s", script_name);
    d->I = I;
    d->s = *s;
    d->leaks = -1;
    rc_heap_set_site_hook(lx_heap(I), script_site, I);     /* no-op outside diagnostic mode */
    if (s->plot_path && plot_start(d) < 0) {
        rc_heap_set_site_hook(lx_heap(I), NULL, NULL);
        diag_free(d);
        return NULL;
    }
    if (s->report_leaks)
        lx_set_heap_free_hook(I, count_leaks, d);
    return d;
}

void diag_before_free(diag *d, lx_interp *I)
{
    if (d->plot)
        plot_finish(d);
    rc_heap *h = lx_heap(I);
    if (d->s.trace_top) {
        rc_snapshot *snap = rc_trace_snapshot(h);
        if (snap) {
            fprintf(stderr, "reclaim --trace-malloc: the %zu largest allocation sites of what "
                            "is alive at the end of the script\n", d->s.trace_top);
            rc_trace_print(snap, NULL, d->s.trace_top, stderr);
            rc_trace_snapshot_free(snap);
        } else {
            fprintf(stderr, "reclaim: --trace-malloc: %s\n", rc_error_message(h));
            rc_error_clear(h);
        }
    }
    /* teardown allocations are not the script's: no script site for them */
    rc_heap_set_site_hook(h, NULL, NULL);
}

int diag_finish(diag *d, int status)
{
    if (status == 0 && d->leaks > 0)
        status = DIAG_EXIT_LEAKED;
    if (status == 0 && d->plot_failed)
        status = 1;
    diag_free(d);
    return status;
}
