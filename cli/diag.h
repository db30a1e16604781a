/*
 * cli/diag.h — the command's diagnostic options over one interpreter:
 *
 *   --plot FILE.svg     memory timeline (cli/plot.h) written at exit
 *   --trace-malloc N    heap with RC_TRACE_ALLOC; top N sites printed at exit
 *   --report-leaks      heap with RC_REPORT_LEAKS; the report at rc_heap_free,
 *                       exit status DIAG_EXIT_LEAKED when the script succeeded
 *                       but something leaked
 *   --debug-alloc       heap with RC_DEBUG_ALLOC (guards, poison, quarantine)
 *
 * Under any of the last three (or RECLAIM_DEBUG=...), allocation sites are
 * the script's file:line (lx_current_location) while script code runs.
 *
 * Life cycle, driven by cli/main.c:
 *   opts.heap.flags |= diag_heap_flags(&settings);
 *   I = lx_new(&opts);  d = diag_start(I, &settings, script_name);
 *   status = run(...);
 *   diag_before_free(d, I);         plot written, trace printed
 *   lx_free(I);
 *   status = diag_finish(d, status); leak status folded in, d freed
 */
#ifndef RECLAIM_CLI_DIAG_H
#define RECLAIM_CLI_DIAG_H

#include "lang.h"

/* Exit status of a script that succeeded but leaked under --report-leaks. */
#define DIAG_EXIT_LEAKED 3

typedef struct diag_settings {
    const char *plot_path;     /* --plot: NULL when off */
    size_t trace_top;          /* --trace-malloc N: 0 when off */
    int trace_heap;            /* trace without printing (for the tracemalloc module) */
    int report_leaks;          /* --report-leaks */
    int debug_alloc;           /* --debug-alloc */
} diag_settings;

typedef struct diag diag;

/* The rc_config.flags the settings need. */
unsigned diag_heap_flags(const diag_settings *s);

/* Hook the diagnostics into a new interpreter.  NULL after a message on
 * stderr when the plot file cannot be opened or memory ran out. */
diag *diag_start(lx_interp *I, const diag_settings *s, const char *script_name);
/* The script has finished (I is still whole): write the plot, print the
 * top allocation sites, unhook the site hook. */
void diag_before_free(diag *d, lx_interp *I);
/* After lx_free: the exit status (status, or DIAG_EXIT_LEAKED when status is
 * 0 and something leaked); frees d. */
int diag_finish(diag *d, int status);

#endif /* RECLAIM_CLI_DIAG_H */
