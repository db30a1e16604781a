/*
 * tests/test_plot.c — the memory timeline's store and SVG writer (cli/plot.c).
 *
 *   test_plot [OUT.svg]
 *
 * Checks the bounds (samples decimated with peaks kept, collections thinned
 * lowest generation first, marks capped), the sampling gap, that the chart
 * holds what was added, and the collections' pauses (tooltips, bands).  With OUT.svg it also writes the chart of a
 * made-up run shaped like the seeds' experiment (climb, plateau, fall at
 * `del a`, a full collection), which tests/test_seeing.py parses as XML.
 */
#define _POSIX_C_SOURCE 200809L
#include "plot.h"
#include "check.h"

#include <string.h>

#define MIB ((size_t)1 << 20)

/* The whole SVG of p as a malloc'd string. */
static char *svg_of(plot *p, const char *title)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    REQUIRE(f);
    CHECK_EQ(plot_write_svg(p, f, title), 0);
    fclose(f);
    return buf;
}

static size_t count_of(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_empty(void)
{
    plot *p = plot_new();
    REQUIRE(p);
    char *svg = svg_of(p, NULL);
    CHECK(strstr(svg, "<svg") && strstr(svg, "</svg>"));
    CHECK(strstr(svg, "id=\"rss\""));
    CHECK(strstr(svg, "(none)"));
    free(svg);
    plot_free(p);
}

static void test_sample_bounds(void)
{
    plot *p = plot_new();
    REQUIRE(p);
    size_t kept = 0;
    for (int i = 0; i < 100000; i++) {
        int spike = i == 54321;                 /* kept (forced), then merged by max */
        size_t rss = spike ? 1024 * MIB : 10 * MIB;
        kept += (size_t)plot_add_sample(p, i * 0.001, rss, 5 * MIB, spike);
    }
    CHECK(plot_sample_count(p) <= PLOT_MAX_SAMPLES);
    CHECK(plot_sample_count(p) >= PLOT_MAX_SAMPLES / 4);
    CHECK(kept < 100000);                       /* the gap grew and skipped some */
    CHECK(plot_min_gap(p) > 0.001);
    char *svg = svg_of(p, "bounds");
    CHECK(strstr(svg, "peak RSS 1024.0 MiB") != NULL);      /* the spike survived */
    free(svg);
    /* forced samples are never skipped */
    size_t before = plot_sample_count(p);
    CHECK_EQ(plot_add_sample(p, 99.9995, 10 * MIB, 5 * MIB, 1), 1);
    CHECK_EQ(plot_sample_count(p), before == PLOT_MAX_SAMPLES ? PLOT_MAX_SAMPLES / 2 + 1 : before + 1);
    plot_free(p);
}

static void test_collection_bounds(void)
{
    plot *p = plot_new();
    REQUIRE(p);
    long total = 0;
    for (int i = 0; i < 20000; i++) {
        int g = i % 100 == 99 ? 2 : i % 10 == 9 ? 1 : 0;
        plot_add_collection(p, i * 0.0001, g, 3, i == 777 ? 0.5 : g == 2 ? 2e-5 : 1e-6);
        total += 3;
    }
    plot_add_collection(p, 1.0, 3, 1, 0);          /* no such generation: ignored */
    plot_add_collection(p, 1.0, -1, 1, 0);
    CHECK(plot_collection_count(p) <= PLOT_MAX_COLLECTIONS);
    char *svg = svg_of(p, NULL);
    CHECK_EQ(count_of(svg, "class=\"gc gen2\""), 200);      /* the rare ones all kept */
    CHECK(count_of(svg, "class=\"gc gen0\"") < 18000);
    CHECK(count_of(svg, "class=\"gc gen0\"") > 0);
    /* the collected counts are summed, never lost */
    long shown = 0;
    for (const char *s = strstr(svg, " collected</title>"); s; s = strstr(s + 1, " collected</title>")) {
        const char *c = s;
        while (c[-1] >= '0' && c[-1] <= '9')
            c--;
        shown += strtol(c, NULL, 10);
    }
    CHECK_EQ(shown, total);
    /* thinning keeps the longest pause of what it merges */
    CHECK(strstr(svg, "collections from ") != NULL);
    CHECK(strstr(svg, "pause 500.000 ms: ") != NULL);
    CHECK(strstr(svg, "longest pause 500.000 ms (generation 0, at 0.078 s)") != NULL);
    free(svg);
    plot_free(p);
}

/* Each collection's pause: in its tooltip, and as a band of its length
 * when that spans a pixel or more. */
static void test_pauses(void)
{
    plot *p = plot_new();
    REQUIRE(p);
    for (int i = 0; i <= 200; i++)
        plot_add_sample(p, i * 0.01, 20 * MIB, 10 * MIB, 1);
    plot_add_collection(p, 0.5, 0, 7, 3e-6);          /* 0.001 px: no band */
    plot_add_collection(p, 1.0, 2, 9, 0.2);           /* 71 px of a 2 s axis */
    plot_add_collection(p, 1.5, 1, 0, -1.0);          /* nonsense: taken as 0 */
    char *svg = svg_of(p, NULL);
    CHECK(strstr(svg, "generation 0 collection at 0.500 s, pause 3.0 us: 7 collected") != NULL);
    CHECK(strstr(svg, "generation 2 collection at 1.000 s, pause 200.000 ms: 9 collected") != NULL);
    CHECK(strstr(svg, "generation 1 collection at 1.500 s, pause 0.0 us: 0 collected") != NULL);
    CHECK(strstr(svg, "longest pause 200.000 ms (generation 2, at 1.000 s)") != NULL);
    CHECK_EQ(count_of(svg, "class=\"gc-pause"), 1);
    CHECK(strstr(svg, "<rect class=\"gc-pause gen2\" x=\"364.0\" y=\"70\" width=\"71.0\"") != NULL);
    CHECK(strstr(svg, "paused the program for 200.000 ms, until 1.000 s") != NULL);
    /* the bands lie behind the curves */
    CHECK(strstr(svg, "id=\"pauses\"") && strstr(svg, "id=\"pauses\"") < strstr(svg, "id=\"rss\""));
    free(svg);
    plot_free(p);
    char buf[32];
    CHECK(strcmp(plot_duration(buf, 12.34e-6), "12.3 us") == 0);
    CHECK(strcmp(plot_duration(buf, 4.5678e-3), "4.568 ms") == 0);
    CHECK(strcmp(plot_duration(buf, 1.2344), "1.234 s") == 0);
}

/* Under the incremental collector, generation 2's entries are pass steps. */
static void test_incremental_names(void)
{
    plot *p = plot_new();
    REQUIRE(p);
    plot_set_incremental(p);
    for (int i = 0; i <= 100; i++)
        plot_add_sample(p, i * 0.01, 20 * MIB, 10 * MIB, 1);
    plot_add_collection(p, 0.2, 0, 3, 2e-5);
    plot_add_collection(p, 0.4, 2, 5, 4e-4);
    char *svg = svg_of(p, NULL);
    CHECK(strstr(svg, "incremental pass step at 0.400 s, pause 400.0 us: 5 collected") != NULL);
    CHECK(strstr(svg, "incremental pass step (1)") != NULL);             /* the legend */
    CHECK(strstr(svg, "generation 0 collection at 0.200 s") != NULL);    /* young ones keep their name */
    CHECK(strstr(svg, "generation 2 collection") == NULL);
    free(svg);
    plot_free(p);
}

static void test_marks(void)
{
    plot *p = plot_new();
    REQUIRE(p);
    plot_add_mark(p, 0.5, 20 * MIB, 10 * MIB, "a <b> & \"c\" 'd'\x01");
    char long_label[200];
    memset(long_label, 'x', sizeof long_label - 1);
    long_label[sizeof long_label - 1] = '\0';
    plot_add_mark(p, 0.6, 20 * MIB, 10 * MIB, long_label);
    for (int i = 0; i < PLOT_MAX_MARKS + 10; i++)
        plot_add_mark(p, 1 + i * 0.01, 20 * MIB, 10 * MIB, "many");
    CHECK_EQ(plot_mark_count(p), PLOT_MAX_MARKS);
    char *svg = svg_of(p, "marks & <escapes>");
    CHECK(strstr(svg, "a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;?") != NULL);
    CHECK(strstr(svg, "marks &amp; &lt;escapes&gt;") != NULL);
    CHECK(strstr(svg, long_label) != NULL);          /* whole in the tooltip */
    CHECK(strstr(svg, "xxxxxxxx\xE2\x80\xA6") != NULL); /* cut in the list */
    CHECK(strstr(svg, "and ") != NULL);              /* the list says how many more */
    CHECK_EQ(count_of(svg, "class=\"mark\""), PLOT_MAX_MARKS);
    free(svg);
    plot_free(p);
}

/* A run shaped like examples/seed_release.py, sampled every 2 ms. */
static void write_seed_like(const char *path)
{
    plot *p = plot_new();
    REQUIRE(p);
    const size_t base = 9 * MIB, big = 390 * MIB;
    for (int i = 0; i <= 750; i++) {
        double t = i * 0.002;
        double up = t < 0.1 ? 0 : t < 0.6 ? (t - 0.1) / 0.5 : t < 1.0 ? 1 : t < 1.2 ? 1 - (t - 1.0) / 0.2 : 0;
        size_t heap = (size_t)(up * big) + MIB;
        size_t rss = base + (t < 1.2 ? (size_t)(up * big) : 0) + (t > 1.0 && t < 1.3 ? 60 * MIB : 0);
        plot_add_sample(p, t, rss, heap, 0);
        if (i % 25 == 0)
            plot_add_collection(p, t, 0, i % 50 == 0 ? 2 : 0, 0.0004);
    }
    plot_add_collection(p, 0.7, 1, 4, 0.003);
    plot_add_collection(p, 1.31, 2, 0, 0.045);
    plot_add_mark(p, 0.0, base, MIB, "start");
    plot_add_mark(p, 0.6, base + big, big + MIB, "a = list(range(1000*10000))");
    plot_add_mark(p, 1.2, base + 60 * MIB, MIB, "del a");
    plot_add_mark(p, 1.31, base, MIB, "gc.collect()");
    FILE *f = fopen(path, "w");
    REQUIRE(f);
    CHECK_EQ(plot_write_svg(p, f, "reclaim: examples/seed_release.py (made-up data)"), 0);
    fclose(f);
    plot_free(p);
}

int main(int argc, char **argv)
{
    test_empty();
    test_sample_bounds();
    test_collection_bounds();
    test_pauses();
    test_incremental_names();
    test_marks();
    if (argc > 1)
        write_seed_like(argv[1]);
    return check_summary("test_plot");
}
