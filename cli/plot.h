/*
 * cli/plot.h — the memory timeline behind `reclaim --plot FILE.svg`.
 *
 * A plot gathers, while a script runs, three kinds of points:
 *   - samples: (time, process RSS, heap bytes in use), the two curves;
 *   - collections: (time, generation, objects collected, pause), drawn as
 *     markers on the heap curve, one shape and colour per generation, with
 *     the pause in the tooltip and, when it spans a pixel or more of the
 *     time axis, as a shaded band of its length ending at the marker;
 *   - marks: (time, RSS, heap bytes, label) from memory.mark(label), drawn
 *     as numbered vertical lines with their labels listed beside the chart.
 * and writes them as one self-contained SVG document (no scripts, no
 * external resources), which any browser renders.
 *
 * Memory is bounded: at most PLOT_MAX_SAMPLES samples (when full, neighbours
 * are merged pairwise — time of the first, the larger of each value, so
 * peaks survive — and the minimum gap between samples doubles),
 * PLOT_MAX_COLLECTIONS collections (when full, every other collection of the
 * lowest generation holding two or more is merged into its neighbour, their
 * collected counts summed, the longest pause kept) and PLOT_MAX_MARKS marks (later ones are counted
 * and dropped).  A failed malloc sets out_of_memory and drops the point;
 * the chart is still written with what was kept.
 *
 * This file knows nothing of the interpreter: the caller supplies times in
 * seconds and sizes in bytes (cli/diag.c feeds it from the interpreter).
 */
#ifndef RECLAIM_CLI_PLOT_H
#define RECLAIM_CLI_PLOT_H

#include <stddef.h>
#include <stdio.h>

#define PLOT_MAX_SAMPLES 4096
#define PLOT_MAX_COLLECTIONS 2048
#define PLOT_MAX_MARKS 256

typedef struct plot plot;

/* A new empty plot; NULL if memory ran out. */
plot *plot_new(void);
void plot_free(plot *p);

/* Add a sample.  Unless forced, a sample closer than plot_min_gap(p) to the
 * previous one is skipped (returns 0); forced samples (at collections and
 * marks) are always kept.  Samples may come in any time order; they are
 * sorted when the chart is written.  1 if kept, 0 if skipped. */
int plot_add_sample(plot *p, double t_s, size_t rss, size_t heap_bytes, int forced);
/* The current minimum gap between unforced samples (grows as the plot fills). */
double plot_min_gap(const plot *p);
/* A collection of generation 0..2 that ended at t_s after a pause of
 * pause_s seconds and found `collected` unreachable objects. */
void plot_add_collection(plot *p, double t_s, int generation, long collected, double pause_s);
/* The heap runs the incremental collector: its generation-2 "collections"
 * are steps of a pass over the old generation, and the chart says so. */
void plot_set_incremental(plot *p);
/* A mark; label copied (NUL-terminated UTF-8).  Also adds a forced sample. */
void plot_add_mark(plot *p, double t_s, size_t rss, size_t heap_bytes, const char *label);

/* Counts kept so far (for tests and the command's summary). */
size_t plot_sample_count(const plot *p);
size_t plot_collection_count(const plot *p);
size_t plot_mark_count(const plot *p);

/* A duration as text in a unit that shows its digits: "12.3 us",
 * "4.567 ms", "1.234 s".  Returns buf. */
const char *plot_duration(char buf[32], double s);

/* Write the chart as an SVG document with the given title (may be NULL).
 * 0, or -1 when writing failed (errno from stdio). */
int plot_write_svg(plot *p, FILE *f, const char *title);

#endif /* RECLAIM_CLI_PLOT_H */
