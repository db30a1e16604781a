/*
 * cli/plot.c — the memory timeline: bounded point store and SVG writer.
 *
 * Storage (see plot.h for the bounds): three malloc'd arrays.  Invariants:
 *   nsamples <= PLOT_MAX_SAMPLES, ncollections <= PLOT_MAX_COLLECTIONS,
 *   nmarks <= PLOT_MAX_MARKS; samples are sorted by time whenever `sorted`
 *   is set (adding an out-of-order sample clears it); collections and marks
 *   keep their arrival order.
 *
 * The chart (plot_write_svg): a fixed 1100x620 canvas.  The plot area on the
 * left holds the axes (time in seconds on x, MiB on y, "nice" ticks of 1, 2
 * or 5 times a power of ten), the RSS curve (blue polyline, id "rss"), the
 * heap curve (orange, id "heap"), collection markers sitting on the heap
 * curve (grey circle: generation 0, green triangle: 1, red diamond with a
 * faint vertical line: 2; class "gc genN", a <title> tooltip each giving the
 * pause), behind the curves a band as long as each pause that spans a pixel
 * or more (class "gc-pause genN", group id "pauses"), and the
 * marks (dashed vertical line, numbered badge, dot on the RSS curve; class
 * "mark").  The panel on the right holds the legend and the numbered list
 * of mark labels (class "mark-label").  Every element a test looks for has
 * a class or id; the document is plain SVG 1.1 with no script.
 */
#define _POSIX_C_SOURCE 200809L
#include "plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct plot_sample {
    double t;
    size_t rss, heap;
} plot_sample;

typedef struct plot_collection {
    double t;                  /* when it ended (the first, once merged) */
    int generation;
    long collected;            /* summed over the merged ones */
    long merged;               /* collections this point stands for (1 until thinned) */
    double pause, pause_end;   /* the longest of their pauses, and when it ended */
} plot_collection;

typedef struct plot_mark {
    double t;
    size_t rss, heap;
    char *label;               /* owned */
} plot_mark;

struct plot {
    plot_sample *samples;      /* [PLOT_MAX_SAMPLES] */
    size_t nsamples;
    int sorted;                /* samples in time order */
    double last_t;             /* time of the latest sample kept */
    double min_gap;            /* unforced samples closer than this are skipped */
    plot_collection *collections;   /* [PLOT_MAX_COLLECTIONS] */
    size_t ncollections;
    plot_mark *marks;          /* [PLOT_MAX_MARKS] */
    size_t nmarks, marks_dropped;
    int incremental;           /* generation 2's "collections" are pass steps */
};

void plot_set_incremental(plot *p)
{
    p->incremental = 1;
}

/* What a collection of generation g is called in the chart. */
static const char *collection_kind(const plot *p, int g)
{
    static const char *const generational[3] = {
        "generation 0 collection", "generation 1 collection", "generation 2 collection"};
    if (p->incremental && g == 2)
        return "incremental pass step";
    return generational[g];
}

plot *plot_new(void)
{
    plot *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->samples = malloc(PLOT_MAX_SAMPLES * sizeof *p->samples);
    p->collections = malloc(PLOT_MAX_COLLECTIONS * sizeof *p->collections);
    p->marks = malloc(PLOT_MAX_MARKS * sizeof *p->marks);
    if (!p->samples || !p->collections || !p->marks) {
        plot_free(p);
        return NULL;
    }
    p->sorted = 1;
    return p;
}

void plot_free(plot *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nmarks; i++)
        free(p->marks[i].label);
    free(p->marks);
    free(p->collections);
    free(p->samples);
    free(p);
}

size_t plot_sample_count(const plot *p) { return p->nsamples; }
size_t plot_collection_count(const plot *p) { return p->ncollections; }
size_t plot_mark_count(const plot *p) { return p->nmarks; }
double plot_min_gap(const plot *p) { return p->min_gap; }

/* ---- storage -------------------------------------------------------------------- */

static int sample_cmp(const void *a, const void *b)
{
    double ta = ((const plot_sample *)a)->t, tb = ((const plot_sample *)b)->t;
    return (ta > tb) - (ta < tb);
}

static void sort_samples(plot *p)
{
    if (!p->sorted)
        qsort(p->samples, p->nsamples, sizeof *p->samples, sample_cmp);
    p->sorted = 1;
}

static size_t max_size(size_t a, size_t b) { return a > b ? a : b; }

/* Halve the samples: each pair becomes one point (time of the first, the
 * larger RSS and heap); the gap between unforced samples becomes the
 * average spacing that fills the freed half in the time elapsed so far. */
static void decimate_samples(plot *p)
{
    sort_samples(p);
    size_t n = 0;
    for (size_t i = 0; i < p->nsamples; i += 2, n++) {
        plot_sample s = p->samples[i];
        if (i + 1 < p->nsamples) {
            s.rss = max_size(s.rss, p->samples[i + 1].rss);
            s.heap = max_size(s.heap, p->samples[i + 1].heap);
        }
        p->samples[n] = s;
    }
    p->nsamples = n;
    double span = p->samples[n - 1].t - p->samples[0].t;
    p->min_gap = span / (PLOT_MAX_SAMPLES / 2);
}

int plot_add_sample(plot *p, double t_s, size_t rss, size_t heap_bytes, int forced)
{
    if (!forced && p->nsamples && t_s - p->last_t < p->min_gap)
        return 0;
    if (p->nsamples == PLOT_MAX_SAMPLES)
        decimate_samples(p);
    if (p->nsamples && t_s < p->samples[p->nsamples - 1].t)
        p->sorted = 0;
    p->samples[p->nsamples++] = (plot_sample){t_s, rss, heap_bytes};
    if (t_s > p->last_t)
        p->last_t = t_s;
    return 1;
}

/* Merge every other collection of the lowest generation that has two or
 * more into the one before it (counts summed); returns 0 if none could be. */
static int thin_collections(plot *p)
{
    for (int g = 0; g < 3; g++) {
        size_t n = 0, seen = 0, prev = 0;
        int merged = 0;
        for (size_t i = 0; i < p->ncollections; i++) {
            plot_collection c = p->collections[i];
            if (c.generation == g && seen++ % 2 == 1) {
                plot_collection *into = &p->collections[prev];
                into->collected += c.collected;
                into->merged += c.merged;
                if (c.pause > into->pause) {
                    into->pause = c.pause;
                    into->pause_end = c.pause_end;
                }
                merged = 1;
                continue;
            }
            if (c.generation == g)
                prev = n;
            p->collections[n++] = c;
        }
        p->ncollections = n;
        if (merged)
            return 1;
    }
    return 0;
}

void plot_add_collection(plot *p, double t_s, int generation, long collected, double pause_s)
{
    if (generation < 0 || generation > 2)
        return;
    if (p->ncollections == PLOT_MAX_COLLECTIONS && !thin_collections(p))
        return;
    if (!(pause_s >= 0))
        pause_s = 0;
    p->collections[p->ncollections++] = (plot_collection){t_s, generation, collected, 1, pause_s, t_s};
}

void plot_add_mark(plot *p, double t_s, size_t rss, size_t heap_bytes, const char *label)
{
    plot_add_sample(p, t_s, rss, heap_bytes, 1);
    char *copy = strdup(label ? label : "");
    if (p->nmarks == PLOT_MAX_MARKS || !copy) {
        free(copy);
        p->marks_dropped++;
        return;
    }
    p->marks[p->nmarks++] = (plot_mark){t_s, rss, heap_bytes, copy};
}

/* ---- geometry ------------------------------------------------------------------- */

enum {
    CANVAS_W = 1100, CANVAS_H = 620,
    AREA_X0 = 80, AREA_X1 = 790, AREA_Y0 = 70, AREA_Y1 = 540,
    PANEL_X = 815, LABEL_CHARS = 38, BADGE_ROWS = 4,
};
#define MIB 1048576.0

/* An axis from 0 to max (a whole number of steps), step a 1-2-5 value. */
typedef struct axis {
    double max, step;
    int decimals;              /* digits after the point in tick labels */
} axis;

static axis nice_axis(double max_value)
{
    axis a;
    if (!(max_value > 0) || !isfinite(max_value))
        max_value = 1;
    double raw = max_value / 6;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    a.step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    a.max = ceil(max_value / a.step - 1e-9) * a.step;
    a.decimals = a.step >= 1 ? 0 : (int)ceil(-log10(a.step) - 1e-9);
    return a;
}

typedef struct frame {
    axis x, y;                 /* seconds, MiB */
} frame;

static double px(const frame *fr, double t)
{
    return AREA_X0 + (AREA_X1 - AREA_X0) * (t / fr->x.max);
}

static double py(const frame *fr, size_t bytes)
{
    return AREA_Y1 - (AREA_Y1 - AREA_Y0) * (bytes / MIB / fr->y.max);
}

static frame frame_for(const plot *p)
{
    double tmax = 0, ymax = 0;
    for (size_t i = 0; i < p->nsamples; i++) {
        const plot_sample *s = &p->samples[i];
        tmax = fmax(tmax, s->t);
        ymax = fmax(ymax, fmax((double)s->rss, (double)s->heap) / MIB);
    }
    for (size_t i = 0; i < p->ncollections; i++)
        tmax = fmax(tmax, p->collections[i].t);
    frame fr = {nice_axis(tmax), nice_axis(ymax * 1.05)};
    return fr;
}

/* The heap bytes at time t, interpolated between the samples around it. */
static size_t heap_at(const plot *p, double t)
{
    if (!p->nsamples)
        return 0;
    size_t lo = 0, hi = p->nsamples;        /* first sample with time > t */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->samples[mid].t <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return p->samples[0].heap;
    if (lo == p->nsamples)
        return p->samples[lo - 1].heap;
    const plot_sample *a = &p->samples[lo - 1], *b = &p->samples[lo];
    double w = b->t > a->t ? (t - a->t) / (b->t - a->t) : 0;
    return (size_t)((double)a->heap + w * ((double)b->heap - (double)a->heap));
}

/* ---- SVG output ------------------------------------------------------------------- */

/* Text as XML character data: markup characters escaped, control characters
 * (not allowed in XML 1.0) shown as '?'; at most max_chars code points, the
 * rest replaced by an ellipsis (0: no limit). */
static void put_text(FILE *f, const char *s, size_t max_chars)
{
    size_t chars = 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if ((*c & 0xC0) != 0x80 && max_chars && chars++ == max_chars) {
            fputs("\xE2\x80\xA6", f);
            return;
        }
        switch (*c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default: fputc(*c < 0x20 || *c == 0x7F ? '?' : *c, f); break;
        }
    }
}

const char *plot_duration(char buf[32], double s)
{
    if (s < 1e-3)
        snprintf(buf, 32, "%.1f us", s * 1e6);
    else if (s < 1)
        snprintf(buf, 32, "%.3f ms", s * 1e3);
    else
        snprintf(buf, 32, "%.3f s", s);
    return buf;
}

/* The collection with the longest pause, or NULL if there is none. */
static const plot_collection *longest_pause(const plot *p)
{
    const plot_collection *longest = NULL;
    for (size_t i = 0; i < p->ncollections; i++)
        if (!longest || p->collections[i].pause > longest->pause)
            longest = &p->collections[i];
    return longest;
}

static void write_header(FILE *f, const plot *p, const char *title)
{
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" "
               "font-size=\"12\">\n",
            CANVAS_W, CANVAS_H, CANVAS_W, CANVAS_H);
    fprintf(f, "<title>");
    put_text(f, title ? title : "reclaim memory timeline", 0);
    fprintf(f, "</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(f, "<text id=\"title\" x=\"%d\" y=\"28\" font-size=\"17\" font-weight=\"bold\">", AREA_X0);
    put_text(f, title ? title : "reclaim memory timeline", 90);
    size_t peak_rss = 0, peak_heap = 0;
    for (size_t i = 0; i < p->nsamples; i++) {
        peak_rss = max_size(peak_rss, p->samples[i].rss);
        peak_heap = max_size(peak_heap, p->samples[i].heap);
    }
    fprintf(f, "</text>\n<text id=\"subtitle\" x=\"%d\" y=\"48\" fill=\"#555\">peak RSS %.1f MiB, "
               "peak heap %.1f MiB, %zu samples, %zu collections shown",
            AREA_X0, peak_rss / MIB, peak_heap / MIB, p->nsamples, p->ncollections);
    const plot_collection *longest = longest_pause(p);
    char pause[32];
    if (longest)
        fprintf(f, ", longest pause %s (generation %d, at %.3f s)",
                plot_duration(pause, longest->pause), longest->generation, longest->pause_end);
    fprintf(f, "</text>\n");
}

static void write_axes(FILE *f, const frame *fr)
{
    fprintf(f, "<g id=\"axes\" stroke=\"#ccc\" stroke-width=\"1\">\n");
    for (double v = 0; v <= fr->y.max + fr->y.step / 2; v += fr->y.step)
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n", AREA_X0,
                py(fr, (size_t)(v * MIB)), AREA_X1, py(fr, (size_t)(v * MIB)));
    for (double v = 0; v <= fr->x.max + fr->x.step / 2; v += fr->x.step)
        fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", px(fr, v), AREA_Y0,
                px(fr, v), AREA_Y1);
    fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>\n"
               "</g>\n",
            AREA_X0, AREA_Y0, AREA_X1 - AREA_X0, AREA_Y1 - AREA_Y0);
    fprintf(f, "<g id=\"yticks\" text-anchor=\"end\">\n");
    for (double v = 0; v <= fr->y.max + fr->y.step / 2; v += fr->y.step)
        fprintf(f, "<text class=\"tick\" x=\"%d\" y=\"%.1f\">%.*f</text>\n", AREA_X0 - 6,
                py(fr, (size_t)(v * MIB)) + 4, fr->y.decimals, v);
    fprintf(f, "</g>\n<g id=\"xticks\" text-anchor=\"middle\">\n");
    for (double v = 0; v <= fr->x.max + fr->x.step / 2; v += fr->x.step)
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%.*f</text>\n", px(fr, v),
                AREA_Y1 + 18, fr->x.decimals, v);
    fprintf(f, "</g>\n<text id=\"xlabel\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\">"
               "time since start (s)</text>\n",
            (AREA_X0 + AREA_X1) / 2, AREA_Y1 + 42);
    fprintf(f, "<text id=\"ylabel\" x=\"22\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\" "
               "transform=\"rotate(-90 22 %d)\">memory (MiB)</text>\n",
            (AREA_Y0 + AREA_Y1) / 2, (AREA_Y0 + AREA_Y1) / 2);
}

static void write_curve(FILE *f, const plot *p, const frame *fr, const char *id,
                        const char *colour, int heap)
{
    fprintf(f, "<polyline id=\"%s\" class=\"series\" fill=\"none\" stroke=\"%s\" "
               "stroke-width=\"2\" stroke-linejoin=\"round\" points=\"", id, colour);
    for (size_t i = 0; i < p->nsamples; i++) {
        const plot_sample *s = &p->samples[i];
        fprintf(f, "%s%.1f,%.1f", i ? " " : "", px(fr, s->t), py(fr, heap ? s->heap : s->rss));
    }
    fprintf(f, "\"/>\n");
}

static const char *const gen_colour[3] = {"#7f7f7f", "#2ca02c", "#d62728"};

/* The marker of a generation centred at (x, y). */
static void put_gc_marker(FILE *f, int g, double x, double y, const char *extra)
{
    switch (g) {
    case 0:
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.7\"%s",
                x, y, gen_colour[0], extra);
        break;
    case 1:
        fprintf(f, "<path d=\"M%.1f %.1fl5 8h-10z\" fill=\"%s\"%s", x, y - 5, gen_colour[1], extra);
        break;
    default:
        fprintf(f, "<path d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\" fill=\"%s\" stroke=\"white\"%s",
                x, y - 6, gen_colour[2], extra);
        break;
    }
}

/* Each pause that spans a pixel or more of the time axis, as a band from
 * its start to its end (drawn before the curves: behind them). */
static void write_pauses(FILE *f, const plot *p, const frame *fr)
{
    fprintf(f, "<g id=\"pauses\">\n");
    for (size_t i = 0; i < p->ncollections; i++) {
        const plot_collection *c = &p->collections[i];
        double x0 = px(fr, fmax(0, c->pause_end - c->pause)), x1 = px(fr, c->pause_end);
        if (x1 - x0 < 1)
            continue;
        char pause[32];
        fprintf(f, "<rect class=\"gc-pause gen%d\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                   "fill=\"%s\" fill-opacity=\"0.18\"><title>%s paused the "
                   "program for %s, until %.3f s</title></rect>\n",
                c->generation, x0, AREA_Y0, x1 - x0, AREA_Y1 - AREA_Y0, gen_colour[c->generation],
                collection_kind(p, c->generation), plot_duration(pause, c->pause), c->pause_end);
    }
    fprintf(f, "</g>\n");
}

static void write_collections(FILE *f, const plot *p, const frame *fr)
{
    fprintf(f, "<g id=\"collections\">\n");
    for (size_t i = 0; i < p->ncollections; i++) {
        const plot_collection *c = &p->collections[i];
        double x = px(fr, c->t), y = py(fr, heap_at(p, c->t));
        if (c->generation == 2)
            fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                       "stroke-opacity=\"0.25\"/>\n", x, AREA_Y0, x, AREA_Y1, gen_colour[2]);
        char extra[48];
        snprintf(extra, sizeof extra, " class=\"gc gen%d\">", c->generation);
        put_gc_marker(f, c->generation, x, y, extra);
        char pause[32];
        plot_duration(pause, c->pause);
        if (c->merged > 1)
            fprintf(f, "<title>generation %d, %ld collections from %.3f s, longest pause %s: "
                       "%ld collected</title>", c->generation, c->merged, c->t, pause, c->collected);
        else
            fprintf(f, "<title>%s at %.3f s, pause %s: %ld collected</title>",
                    collection_kind(p, c->generation), c->t, pause, c->collected);
        fprintf(f, c->generation == 0 ? "</circle>\n" : "</path>\n");
    }
    fprintf(f, "</g>\n");
}

/* Vertical line, numbered badge (rows staggered so close marks stay
 * readable) and a dot on the RSS curve for each mark. */
static void write_marks(FILE *f, const plot *p, const frame *fr)
{
    double row_end[BADGE_ROWS];
    for (int r = 0; r < BADGE_ROWS; r++)
        row_end[r] = -1e9;
    fprintf(f, "<g id=\"marks\">\n");
    for (size_t i = 0; i < p->nmarks; i++) {
        const plot_mark *m = &p->marks[i];
        double x = px(fr, m->t);
        int row = 0;
        while (row < BADGE_ROWS - 1 && x - row_end[row] < 22)
            row++;
        row_end[row] = x;
        double by = AREA_Y0 + 14 + 22 * row;
        fprintf(f, "<g class=\"mark\" id=\"mark-%zu\"><title>", i + 1);
        put_text(f, m->label, 0);
        fprintf(f, " (%.3f s, RSS %.1f MiB, heap %.1f MiB)</title>\n", m->t, m->rss / MIB,
                m->heap / MIB);
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\" "
                   "stroke-dasharray=\"4 3\"/>\n", x, by + 9, x, AREA_Y1);
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f77b4\" stroke=\"white\"/>\n",
                x, py(fr, m->rss));
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"#444\"/>\n", x, by);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" fill=\"white\" font-size=\"11\" "
                   "text-anchor=\"middle\">%zu</text>\n</g>\n", x, by + 4, i + 1);
    }
    fprintf(f, "</g>\n");
}

/* The legend and the numbered mark labels, in the right-hand panel. */
static void write_panel(FILE *f, const plot *p)
{
    size_t per_gen[3] = {0, 0, 0};
    for (size_t i = 0; i < p->ncollections; i++)
        per_gen[p->collections[i].generation]++;
    int y = AREA_Y0 + 6;
    fprintf(f, "<g id=\"legend\">\n");
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f77b4\" stroke-width=\"2\"/>"
               "<text x=\"%d\" y=\"%d\">process RSS</text>\n",
            PANEL_X, y, PANEL_X + 24, y, PANEL_X + 32, y + 4);
    y += 20;
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ff7f0e\" stroke-width=\"2\"/>"
               "<text x=\"%d\" y=\"%d\">heap bytes in use</text>\n",
            PANEL_X, y, PANEL_X + 24, y, PANEL_X + 32, y + 4);
    for (int g = 0; g < 3; g++) {
        y += 20;
        put_gc_marker(f, g, PANEL_X + 12, y, "/>");
        fprintf(f, "<text x=\"%d\" y=\"%d\">%s (%zu)</text>\n",
                PANEL_X + 32, y + 4, collection_kind(p, g), per_gen[g]);
    }
    y += 20;
    fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"16\" fill=\"%s\" fill-opacity=\"0.18\"/>"
               "<text x=\"%d\" y=\"%d\">pause (band as long as it lasted)</text>\n",
            PANEL_X + 4, y - 8, gen_colour[2], PANEL_X + 32, y + 4);
    y += 20;
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\" "
               "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%d\">memory.mark(label)</text>\n</g>\n",
            PANEL_X + 12, y - 8, PANEL_X + 12, y + 8, PANEL_X + 32, y + 4);
    y += 34;
    fprintf(f, "<g id=\"mark-list\">\n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">marks</text>\n",
            PANEL_X, y);
    size_t shown = 0;
    for (; shown < p->nmarks && y + 36 <= CANVAS_H; shown++) {
        y += 18;
        fprintf(f, "<text class=\"mark-label\" x=\"%d\" y=\"%d\">%zu. ", PANEL_X, y, shown + 1);
        put_text(f, p->marks[shown].label, LABEL_CHARS);
        fprintf(f, "</text>\n");
    }
    size_t more = p->nmarks - shown + p->marks_dropped;
    if (more)
        fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#555\">... and %zu more</text>\n", PANEL_X,
                y + 18, more);
    else if (!p->nmarks)
        fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#555\">(none)</text>\n", PANEL_X, y + 18);
    fprintf(f, "</g>\n");
}

int plot_write_svg(plot *p, FILE *f, const char *title)
{
    sort_samples(p);
    frame fr = frame_for(p);
    write_header(f, p, title);
    write_axes(f, &fr);
    write_pauses(f, p, &fr);
    write_curve(f, p, &fr, "rss", "#1f77b4", 0);
    write_curve(f, p, &fr, "heap", "#ff7f0e", 1);
    write_collections(f, p, &fr);
    write_marks(f, p, &fr);
    write_panel(f, p);
    fprintf(f, "</svg>\n");
    return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
