/*
 * test_release.c — the release policy: when free memory goes back to the OS
 * without rc_heap_trim.
 *
 *   - a destruction that frees many objects at once (the seeds' `del a` of
 *     a list of ints) gives back everything beyond the reserve at once, and
 *     the process's RSS is back near where it started after an idle wait
 *     with no further call;
 *   - memory freed with rc_free stays for reuse until the purge delay, and
 *     rc_heap_maintain gives it back at an idle point (what is due, or what
 *     falls due within the announced idle time, or everything);
 *   - a loop that frees and rebuilds a structure of constant size stops
 *     paying for purges once the reserve has grown to it, whether the
 *     structure is smaller than the minimum reserve or far larger;
 *   - the reserve shrinks again once it sat unused for the delay;
 *   - after sparse frees (1 block in 1000 kept), an idle point gives back
 *     the free pages inside the pools the survivors keep, as trim does,
 *     and so does the destruction itself when it thinned most pools;
 *   - a freed huge block is a bulk free too; while the reserve allows, its
 *     mapping is kept and serves the next huge request (zeroed for
 *     rc_calloc), and a huge block grows within its mapping in place.
 *
 * Usage: test_release [N]   N = ints in the big list (default 10M, the
 * seeds' size; the valgrind run passes a smaller N, at least 200000).  Process-RSS checks are
 * skipped under ASan and valgrind, which keep memory of their own.
 */
#define _GNU_SOURCE
#include <reclaim.h>
#include "check.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#define MIB ((size_t)1 << 20)

static long n_ints = 10000000;

static int rss_checks_apply(void)
{
    return !RUNNING_UNDER_ASAN && !running_under_valgrind();
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static rc_stats stats_of(rc_heap *h)
{
    rc_stats s;
    rc_heap_stats(h, &s);
    return s;
}

/* A list of n distinct ints (none from the small-int cache). */
static rc_object *int_list(rc_heap *h, long n)
{
    rc_object *l = rc_list_new(h);
    REQUIRE(l);
    REQUIRE(rc_list_reserve(l, n) == 0);
    for (long i = 0; i < n; i++) {
        rc_object *v = rc_int_new(h, 1000 + i);
        REQUIRE(v);
        REQUIRE(rc_list_append(l, v) == 0);
        rc_decref(v);
    }
    return l;
}

/* The seeds' experiment without gc.collect(): a = list(range(N)); del a;
 * then the program waits and calls nothing. */
static void test_del_gives_memory_back(void)
{
    rc_heap *h = rc_heap_new(NULL);
    REQUIRE(h);
    size_t rss0 = rc_process_rss();
    rc_object *a = int_list(h, n_ints);
    size_t rss_built = rc_process_rss();
    rc_stats built = stats_of(h);
    rc_decref(a);                                   /* del a */
    rc_stats after = stats_of(h);
    /* At once: what exceeds the reserve went back with the list. */
    CHECK(after.bytes_free_resident <= after.bytes_reserve);
    CHECK_EQ(after.bytes_reserve, 64 * (size_t)16384);   /* nothing grew it */
    CHECK(after.bytes_resident < built.bytes_resident / 8 + 2 * MIB);
    CHECK(after.purge_calls > built.purge_calls);
    CHECK(after.bytes_purged_total > built.bytes_purged_total);
    sleep_ms(300);                                  /* idle, no call */
    size_t rss_idle = rc_process_rss();
    if (rss_checks_apply() && n_ints >= 1000000) {
        CHECK(rss_built > rss0 + (size_t)n_ints * 24 / 2);
        /* back within 2 MiB of the start: the reserve is 1 MiB */
        CHECK(rss_idle < rss0 + 2 * MIB);
    }
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Blocks freed one by one (no destruction) wait for the delay; an idle
 * point gives them back. */
static void test_maintain(void)
{
    rc_config cfg = {0};
    cfg.purge_delay_ms = 150;
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    CHECK_EQ(rc_heap_maintain(h, 0), -1);           /* nothing free yet */
    enum { N = 40000 };
    void **ps = rc_malloc(h, N * sizeof *ps);
    REQUIRE(ps);
    for (int i = 0; i < N; i++) {
        ps[i] = rc_malloc(h, 256);
        REQUIRE(ps[i]);
        memset(ps[i], 7, 256);
    }
    for (int i = 0; i < N; i++)
        rc_free(h, ps[i]);
    rc_stats freed = stats_of(h);
    CHECK(freed.bytes_free_resident >= 8 * MIB);    /* kept for reuse: ~10 MiB */

    long due = rc_heap_maintain(h, 0);              /* not idle long enough yet */
    CHECK(due > 0 && due <= 150);
    CHECK_EQ(stats_of(h).bytes_free_resident, freed.bytes_free_resident);
    CHECK(rc_heap_maintain(h, 10) > 0);             /* a short wait: still kept */
    CHECK(stats_of(h).bytes_free_resident >= freed.bytes_free_resident);

    CHECK_EQ(rc_heap_maintain(h, 1000), -1);        /* the wait outlasts the delay */
    rc_stats idle = stats_of(h);
    CHECK_EQ(idle.bytes_free_resident, (size_t)0);
    CHECK(idle.bytes_purged_total >= freed.bytes_purged_total + 8 * MIB);
    CHECK_EQ(rc_heap_maintain(h, -1), -1);          /* nothing left to do */
    CHECK_EQ(stats_of(h).purge_calls, idle.purge_calls);

    /* Again, and this time wait it out: the deadline alone gives it back. */
    for (int i = 0; i < N; i++) {
        ps[i] = rc_malloc(h, 256);
        REQUIRE(ps[i]);
        memset(ps[i], 8, 256);
    }
    for (int i = 0; i < N; i++)
        rc_free(h, ps[i]);
    CHECK(stats_of(h).bytes_free_resident >= 8 * MIB);
    sleep_ms(200);
    CHECK_EQ(rc_heap_maintain(h, 0), -1);
    CHECK_EQ(stats_of(h).bytes_free_resident, (size_t)0);

    /* Blocking with no timeout: everything free goes at once. */
    for (int i = 0; i < N; i++)
        ps[i] = rc_malloc(h, 256);
    for (int i = 0; i < N; i++)
        rc_free(h, ps[i]);
    CHECK_EQ(rc_heap_maintain(h, -1), -1);
    CHECK_EQ(stats_of(h).bytes_free_resident, (size_t)0);
    CHECK_EQ(rc_heap_maintain(NULL, 0), -1);
    rc_free(h, ps);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Build a list of n ints and drop it, `rounds` times; returns the purge
 * calls made during rounds [from, rounds). */
static size_t churn(rc_heap *h, long n, int rounds, int from)
{
    size_t calls_from = 0;
    for (int r = 0; r < rounds; r++) {
        if (r == from)
            calls_from = stats_of(h).purge_calls;
        rc_decref(int_list(h, n));
        CHECK(stats_of(h).bytes_free_resident <= stats_of(h).bytes_reserve);
    }
    return stats_of(h).purge_calls - calls_from;
}

static void test_constant_churn_stops_purging(void)
{
    rc_config cfg = {0};
    cfg.purge_delay_ms = 10000;     /* no deadline purges: only the bulk-free rule */
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    /* Smaller than the minimum reserve (~0.5 MiB): never purged. */
    CHECK_EQ(churn(h, 20000, 50, 0), (size_t)0);
    /* ~24 MiB a round: the first release is refaulted, the reserve grows,
     * and the rounds after the second purge nothing. */
    long n = n_ints < 1000000 ? n_ints : 1000000;     /* >= 4.6 MiB of ints */
    size_t later = churn(h, n, 30, 2);
    CHECK_EQ(later, (size_t)0);
    rc_stats s = stats_of(h);
    CHECK(s.bytes_reserve >= (size_t)n * 24 * 3 / 4);
    CHECK(s.bytes_free_resident <= s.bytes_reserve);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* The reserve grown by churn goes back, and shrinks, once unused. */
static void test_reserve_decays(void)
{
    rc_config cfg = {0};
    cfg.purge_delay_ms = 100;
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    churn(h, 200000, 4, 0);
    rc_stats grown = stats_of(h);
    CHECK(grown.bytes_reserve > 64 * (size_t)16384);
    sleep_ms(150);
    CHECK_EQ(rc_heap_maintain(h, 0), -1);
    rc_stats idle = stats_of(h);
    CHECK_EQ(idle.bytes_free_resident, (size_t)0);
    CHECK(idle.bytes_reserve <= grown.bytes_reserve / 2 + 64 * (size_t)16384);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* A negative delay: nothing is kept, not even a reserve. */
static void test_immediate_release(void)
{
    rc_config cfg = {0};
    cfg.purge_delay_ms = -1;
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    rc_decref(int_list(h, 200000));
    CHECK_EQ(stats_of(h).bytes_free_resident, (size_t)0);
    CHECK_EQ(rc_heap_maintain(h, 0), -1);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_sparse_frees_idle(void)
{
    /* a deadline long enough that a slow run (valgrind on a loaded machine)
     * cannot reach it between the frees and the first check; the idle call
     * below announces an idle time past it */
    rc_config cfg = {0};
    cfg.purge_delay_ms = 10000;
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    enum { N = 300000 };
    void **ps = rc_malloc(h, N * sizeof *ps);
    REQUIRE(ps);
    check_rng_seed(13);
    size_t bytes = 0;
    for (int i = 0; i < N; i++) {
        size_t n = 16 + check_rng() % 481;
        ps[i] = rc_malloc(h, n);
        REQUIRE(ps[i]);
        memset(ps[i], 3, n);
        bytes += n;
    }
    size_t kept = 0;
    for (int i = 0; i < N; i++) {
        if (check_rng() % 1000 == 0) {
            kept++;
            continue;
        }
        rc_free(h, ps[i]);
        ps[i] = NULL;
    }
    rc_stats before = stats_of(h);
    CHECK(before.bytes_resident > bytes / 2);       /* survivors pin their pools */
    rc_heap_maintain(h, 20000);                     /* about to idle past the deadline */
    rc_stats idle = stats_of(h);
    /* each survivor keeps at most two pages; the pointer array its own */
    size_t limit = kept * 2 * 4096 + N * sizeof *ps + 2 * MIB;
    CHECK(idle.bytes_resident <= limit);
    CHECK(idle.bytes_resident * 10 < before.bytes_resident);
    /* the survivors are intact and the pools work again */
    size_t bad = 0;
    for (int i = 0; i < N; i++)
        if (ps[i])
            bad += *(unsigned char *)ps[i] != 3;
    CHECK_EQ(bad, (size_t)0);
    CHECK_EQ(rc_heap_check(h), 0);
    for (int i = 0; i < N; i++)
        if (!ps[i])
            REQUIRE((ps[i] = rc_malloc(h, 64)) != NULL);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* del of a list whose items survive 1 in 1000 (held by another list):
 * the destruction itself gives back the pages around the survivors. */
static void test_sparse_destruction(void)
{
    rc_heap *h = rc_heap_new(NULL);
    REQUIRE(h);
    enum { N = 300000 };
    char buf[480];
    memset(buf, 'x', sizeof buf);
    rc_object *all = rc_list_new(h), *kept = rc_list_new(h);
    REQUIRE(all && kept);
    check_rng_seed(17);
    for (int i = 0; i < N; i++) {
        rc_object *b = rc_bytes_new(h, buf, (size_t)(check_rng() % 450));
        REQUIRE(b);
        REQUIRE(rc_list_append(all, b) == 0);
        if (check_rng() % 1000 == 0)
            REQUIRE(rc_list_append(kept, b) == 0);
        rc_decref(b);
    }
    rc_stats built = stats_of(h);
    rc_decref(all);                                 /* del all, no other call */
    rc_stats after = stats_of(h);
    size_t survivors = (size_t)rc_list_len(kept);
    CHECK(survivors > N / 2000);
    CHECK(after.bytes_resident <= survivors * 2 * 4096 + 2 * MIB);
    CHECK(after.bytes_resident * 10 < built.bytes_resident);
    for (rc_ssize i = 0; i < rc_list_len(kept); i++)
        CHECK(rc_bytes_len(rc_list_get(kept, i)) < 450);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_decref(kept);
    rc_heap_free(h);
}

static void test_huge_mappings(void)
{
    rc_config cfg = {0};
    cfg.purge_delay_ms = 10000;
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    size_t big = 32 * MIB;
    /* Beyond the reserve: freeing it gives it back at once. */
    char *p = rc_malloc(h, big);
    REQUIRE(p);
    memset(p, 1, big);
    size_t calls = stats_of(h).purge_calls;
    rc_free(h, p);
    rc_stats s = stats_of(h);
    CHECK(s.bytes_free_resident <= s.bytes_reserve);
    CHECK_EQ(s.purge_calls, calls + 1);
    CHECK_EQ(s.large_blocks, (size_t)0);
    /* Asked again at once: the reserve grows to hold it next time. */
    p = rc_malloc(h, big);
    REQUIRE(p);
    memset(p, 2, big);
    CHECK(stats_of(h).bytes_reserve >= big);
    rc_free(h, p);
    s = stats_of(h);
    CHECK(s.bytes_free_resident >= big);            /* kept, resident */
    CHECK_EQ(s.purge_calls, calls + 1);
    CHECK_EQ(rc_heap_check(h), 0);
    /* The kept mapping serves a smaller request, zeroed for rc_calloc. */
    unsigned char *z = rc_calloc(h, 1, big / 2);
    REQUIRE(z);
    size_t nonzero = 0;
    for (size_t i = 0; i < big / 2; i += 512)
        nonzero += z[i] != 0;
    CHECK_EQ(nonzero, (size_t)0);
    CHECK_EQ(stats_of(h).bytes_free_resident, (size_t)0);
    CHECK_EQ(stats_of(h).large_bytes, big / 2);
    /* Growing within the mapping: in place, contents kept. */
    z[100] = 42;
    unsigned char *g = rc_realloc(h, z, big);
    CHECK(g == z);
    CHECK_EQ(g[100], 42);
    CHECK_EQ(stats_of(h).large_bytes, big);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_free(h, g);
    /* Trim and maintain give the kept mapping back. */
    CHECK(stats_of(h).bytes_free_resident >= big);
    CHECK(rc_heap_trim(h) >= big);
    CHECK_EQ(stats_of(h).bytes_free_resident, (size_t)0);
    CHECK_EQ(stats_of(h).bytes_resident, (size_t)0);
    p = rc_malloc(h, big);
    REQUIRE(p);
    rc_free(h, p);
    CHECK_EQ(rc_heap_maintain(h, -1), -1);
    CHECK_EQ(stats_of(h).bytes_free_resident, (size_t)0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        n_ints = atol(argv[1]);
    REQUIRE(n_ints >= 200000);     /* several MiB: more than the minimum reserve */
    test_del_gives_memory_back();
    test_maintain();
    test_constant_churn_stops_purging();
    test_reserve_decays();
    test_immediate_release();
    test_huge_mappings();
    test_sparse_frees_idle();
    test_sparse_destruction();
    return check_summary("test_release");
}
