/*
 * test_alloc.c — unit tests of the raw-memory API (layers 0-2).
 * One function per public function or rule; each checks real behaviour.
 */
#define _GNU_SOURCE
#include <reclaim.h>
#include "check.h"

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static rc_heap *new_heap(size_t limit, unsigned flags, int purge_delay_ms)
{
    rc_config cfg = {0};
    cfg.memory_limit = limit;
    cfg.flags = flags;
    cfg.purge_delay_ms = purge_delay_ms;
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h != NULL);
    return h;
}

static void test_malloc_sizes_and_alignment(void)
{
    rc_heap *h = rc_heap_new(NULL);
    REQUIRE(h);
    for (size_t n = 0; n <= 2048; n++) {
        unsigned char *p = rc_malloc(h, n);
        CHECK(p != NULL);
        CHECK(((uintptr_t)p & 15u) == 0);
        size_t usable = rc_usable_size(h, p);
        CHECK(usable >= (n ? n : 1));
        if (n && n <= RC_SMALL_MAX)
            CHECK_EQ(usable, (n + 15) / 16 * 16);   /* classes every 16 bytes */
        memset(p, 0xab, usable);
        rc_free(h, p);
    }
    CHECK_EQ(rc_heap_check(h), 0);
    CHECK_EQ(rc_error(h), RC_OK);
    rc_heap_free(h);
}

static void test_distinct_blocks_do_not_overlap(void)
{
    rc_heap *h = rc_heap_new(NULL);
    enum { N = 20000 };
    static unsigned char *ps[N];
    for (int i = 0; i < N; i++) {
        size_t n = 1 + (size_t)(i * 7919) % 700;
        ps[i] = rc_malloc(h, n);
        REQUIRE(ps[i]);
        memset(ps[i], i & 0xff, n);
    }
    int bad = 0;
    for (int i = 0; i < N; i++) {
        size_t n = 1 + (size_t)(i * 7919) % 700;
        for (size_t k = 0; k < n; k++)
            bad += ps[i][k] != (unsigned char)(i & 0xff);
    }
    CHECK_EQ(bad, 0);
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.small_blocks + s.large_blocks, N);
    CHECK_EQ(rc_heap_check(h), 0);
    for (int i = 0; i < N; i++)
        rc_free(h, ps[i]);
    rc_heap_stats(h, &s);
    CHECK_EQ(s.small_blocks, 0);
    CHECK_EQ(s.large_blocks, 0);
    CHECK_EQ(s.bytes_in_use, 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_free_null_and_reuse(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_free(h, NULL);
    CHECK_EQ(rc_error(h), RC_OK);
    void *a = rc_malloc(h, 40);
    rc_free(h, a);
    void *b = rc_malloc(h, 40);
    CHECK(a == b);                       /* LIFO reuse of the same block */
    rc_free(h, b);
    rc_heap_free(h);
}

static void test_calloc(void)
{
    rc_heap *h = rc_heap_new(NULL);
    /* Dirty a block, free it, and make sure calloc's reuse comes back zeroed. */
    unsigned char *d = rc_malloc(h, 64);
    memset(d, 0xff, 64);
    rc_free(h, d);
    unsigned char *z = rc_calloc(h, 8, 8);
    REQUIRE(z);
    int nonzero = 0;
    for (int i = 0; i < 64; i++)
        nonzero += z[i] != 0;
    CHECK_EQ(nonzero, 0);
    rc_free(h, z);
    unsigned char *big = rc_calloc(h, 1000, 3000);   /* huge: own mapping */
    REQUIRE(big);
    CHECK(big[0] == 0 && big[2999999] == 0);
    rc_free(h, big);
    unsigned char *mid = rc_calloc(h, 100, 30);
    REQUIRE(mid);
    CHECK(mid[0] == 0 && mid[2999] == 0);
    rc_free(h, mid);
    /* Overflow of count * n is an error, not a small block. */
    CHECK(rc_calloc(h, SIZE_MAX / 2, 3) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    rc_error_clear(h);
    CHECK(rc_calloc(h, (size_t)1 << 33, (size_t)1 << 33) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK(strstr(rc_error_message(h), "overflow") != NULL);
    rc_heap_free(h);
}

static void test_realloc(void)
{
    rc_heap *h = rc_heap_new(NULL);
    unsigned char *p = rc_realloc(h, NULL, 20);   /* NULL: like malloc */
    REQUIRE(p);
    for (int i = 0; i < 20; i++)
        p[i] = (unsigned char)i;
    CHECK(rc_realloc(h, p, 30) == p);             /* same class (32): in place */
    CHECK(rc_realloc(h, p, 25) == p);
    unsigned char *q = rc_realloc(h, p, 100);     /* grows out of its class */
    REQUIRE(q);
    CHECK(q != p);
    int bad = 0;
    for (int i = 0; i < 20; i++)
        bad += q[i] != i;
    CHECK_EQ(bad, 0);
    /* small -> large -> larger (realloc in place or moved) -> huge -> small */
    for (int i = 0; i < 100; i++)
        q[i] = (unsigned char)(i * 3);
    size_t sizes[] = {600, 5000, 70000, 3u << 20, 5u << 20, 2u << 20, 700, 300};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        q = rc_realloc(h, q, sizes[k]);
        REQUIRE(q);
        CHECK(rc_usable_size(h, q) >= sizes[k]);
        bad = 0;
        for (int i = 0; i < 100; i++)
            bad += q[i] != (unsigned char)(i * 3);
        CHECK_EQ(bad, 0);
        memset(q + 100, 0x5a, sizes[k] - 100);
    }
    CHECK_EQ(rc_heap_check(h), 0);
    /* realloc to 0 frees */
    CHECK(rc_realloc(h, q, 0) == NULL);
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.bytes_in_use, 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_large_blocks_counted(void)
{
    rc_heap *h = rc_heap_new(NULL);
    void *a = rc_malloc(h, 1000);
    void *b = rc_malloc(h, 4u << 20);
    REQUIRE(a && b);
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.large_blocks, 2);
    CHECK_EQ(s.large_bytes, 1008 + (4u << 20));
    CHECK(s.bytes_mapped >= s.large_bytes);
    CHECK_EQ(rc_usable_size(h, a), 1008);
    rc_free(h, a);
    rc_free(h, b);
    rc_heap_stats(h, &s);
    CHECK_EQ(s.large_blocks, 0);
    CHECK_EQ(s.large_bytes, 0);
    CHECK_EQ(s.bytes_mapped, 0);
    rc_heap_free(h);
}

static void test_memory_limit(void)
{
    rc_heap *h = new_heap(1u << 20, 0, 0);     /* 1 MiB: 64 pools */
    void *ps[100000];
    size_t n = 0;
    while (n < 100000 && (ps[n] = rc_malloc(h, 64)) != NULL)
        n++;
    CHECK(n > 0 && n < 100000);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK(n * 64 <= (1u << 20));
    CHECK_EQ(n, 64 * (16384 / 64));            /* exactly the 64 pools' blocks */
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK(s.bytes_limit_used <= (1u << 20));
    /* A large block past the limit fails too, and leaves the heap usable. */
    rc_error_clear(h);
    CHECK(rc_malloc(h, 100000) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK_EQ(rc_heap_check(h), 0);
    /* After freeing, allocation works again. */
    for (size_t i = 0; i < n; i++)
        rc_free(h, ps[i]);
    rc_error_clear(h);
    void *big = rc_malloc(h, 500000);
    CHECK(big != NULL);
    CHECK_EQ(rc_error(h), RC_OK);
    /* realloc past the limit fails and keeps the block. */
    memset(big, 7, 500000);
    CHECK(rc_realloc(h, big, 2u << 20) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK(((unsigned char *)big)[499999] == 7);
    rc_free(h, big);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_trim_returns_memory(void)
{
    rc_heap *h = new_heap(0, 0, 100000);       /* no automatic purge */
    enum { N = 400000 };
    void **ps = rc_malloc(h, N * sizeof *ps);
    REQUIRE(ps);
    size_t rss0 = rc_process_rss();
    for (int i = 0; i < N; i++) {
        ps[i] = rc_malloc(h, 96);
        REQUIRE(ps[i]);
        memset(ps[i], 1, 96);
    }
    size_t rss1 = rc_process_rss();
    CHECK(rss1 > rss0 + 30u * 1048576);        /* ~37 MiB of blocks */
    /* Keep one block in 500: its pages stay, the rest can go. */
    for (int i = 0; i < N; i++)
        if (i % 500)
            rc_free(h, ps[i]);
    rc_stats before;
    rc_heap_stats(h, &before);
    size_t released = rc_heap_trim(h);
    size_t rss2 = rc_process_rss();
    rc_stats after;
    rc_heap_stats(h, &after);
    CHECK(released > 25u * 1048576);
    CHECK(after.bytes_resident < before.bytes_resident);
    CHECK_EQ(after.bytes_resident + released, before.bytes_resident);
    CHECK(rss2 < rss1 - 25u * 1048576);        /* the process's memory fell */
    CHECK_EQ(rc_heap_check(h), 0);
    /* The survivors are intact, and the trimmed pools work again. */
    int bad = 0;
    for (int i = 0; i < N; i += 500)
        bad += ((unsigned char *)ps[i])[95] != 1;
    CHECK_EQ(bad, 0);
    for (int i = 0; i < N; i++)
        if (i % 500) {
            ps[i] = rc_malloc(h, 96);
            REQUIRE(ps[i]);
            memset(ps[i], 2, 96);
        }
    CHECK_EQ(rc_heap_check(h), 0);
    for (int i = 0; i < N; i++)
        rc_free(h, ps[i]);
    rc_free(h, ps);
    rc_heap_trim(h);
    rc_stats end;
    rc_heap_stats(h, &end);
    CHECK_EQ(end.arenas, 0);                   /* every empty arena unmapped */
    CHECK_EQ(end.bytes_mapped, 0);
    CHECK(end.arenas_released > 0);
    rc_heap_free(h);
}

static void test_purge_at_once(void)
{
    rc_heap *h = new_heap(0, 0, -1);           /* give memory back at once */
    void *ps[3000];
    for (int i = 0; i < 3000; i++)
        ps[i] = rc_malloc(h, 512);             /* 32 blocks per pool: ~94 pools, 2 arenas */
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.arenas, 2);
    for (int i = 0; i < 3000; i++)
        rc_free(h, ps[i]);
    rc_heap_stats(h, &s);
    CHECK(s.arenas <= 1);                      /* only a pinned class head may stay */
    CHECK(s.bytes_resident <= 16384);
    rc_heap_trim(h);
    rc_heap_stats(h, &s);
    CHECK_EQ(s.arenas, 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Two arenas' pool descriptors share a page: unmapping one arena must leave
 * the page alone while the other is mapped (its pools are described there),
 * and the heap must work again after both are gone. */
static void test_descriptor_page_shared(void)
{
    rc_heap *h = new_heap(0, 0, 100000);
    enum { PER_ARENA = 2048, N = 4 * PER_ARENA };  /* 512 B: 32 a pool, 2048 an arena */
    static unsigned char *ps[N];
    for (int i = 0; i < N; i++) {
        ps[i] = rc_malloc(h, 512);
        REQUIRE(ps[i]);
        memset(ps[i], i & 0xff, 512);
    }
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.arenas, 4);
    /* Empty arenas 0 and 2; 1 and 3 (their page neighbours) stay full. */
    for (int i = 0; i < N; i++)
        if ((i / PER_ARENA) % 2 == 0) {
            rc_free(h, ps[i]);
            ps[i] = NULL;
        }
    rc_heap_trim(h);
    rc_heap_stats(h, &s);
    CHECK_EQ(s.arenas, 2);
    CHECK_EQ(s.small_blocks, 2 * PER_ARENA);
    CHECK_EQ(rc_heap_check(h), 0);
    int bad = 0;
    for (int i = 0; i < N; i++)
        if (ps[i])
            bad += ps[i][0] != (i & 0xff) || ps[i][511] != (i & 0xff);
    CHECK_EQ(bad, 0);
    /* Frees into the surviving arenas find their descriptors intact. */
    for (int i = 0; i < N; i++)
        if (ps[i]) {
            rc_free(h, ps[i]);
            ps[i] = NULL;
        }
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_trim(h);
    rc_heap_stats(h, &s);
    CHECK_EQ(s.arenas, 0);
    /* The slots are mapped again with fresh descriptors. */
    for (int i = 0; i < N; i++) {
        ps[i] = rc_malloc(h, 512);
        REQUIRE(ps[i]);
        ps[i][0] = 1;
    }
    CHECK_EQ(rc_heap_check(h), 0);
    for (int i = 0; i < N; i++)
        rc_free(h, ps[i]);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_fullest_arena_preferred(void)
{
    rc_heap *h = new_heap(0, 0, 100000);
    /* Fill three arenas with 512-byte blocks (32 per pool, 2048 per arena). */
    enum { PER_ARENA = 2048, N = 3 * PER_ARENA };
    static void *ps[N];
    for (int i = 0; i < N; i++)
        ps[i] = rc_malloc(h, 512);
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.arenas, 3);
    /* Free most of arena 0 and some of arena 1 (whole pools). */
    for (int i = 0; i < PER_ARENA - 64; i++)
        rc_free(h, ps[i]);
    for (int i = PER_ARENA; i < PER_ARENA + 256; i++)
        rc_free(h, ps[i]);
    /* New pools for another class must come from arena 1 (the fuller one). */
    void *q[8 * 64];
    for (int i = 0; i < 8 * 64; i++)
        q[i] = rc_malloc(h, 256);
    uintptr_t a1 = (uintptr_t)ps[PER_ARENA] & ~(uintptr_t)((1u << 20) - 1);
    int in_a1 = 0;
    for (int i = 0; i < 8 * 64; i++)
        in_a1 += ((uintptr_t)q[i] & ~(uintptr_t)((1u << 20) - 1)) == a1;
    CHECK_EQ(in_a1, 8 * 64);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);                           /* frees everything still live */
}

static void test_stats_and_dump(void)
{
    rc_heap *h = rc_heap_new(NULL);
    void *a[10], *b[3];
    for (int i = 0; i < 10; i++)
        a[i] = rc_malloc(h, 24);               /* class 32 */
    for (int i = 0; i < 3; i++)
        b[i] = rc_malloc(h, 500);              /* class 512 */
    rc_stats s;
    rc_heap_stats(h, &s);
    CHECK_EQ(s.classes[1].block_size, 32);
    CHECK_EQ(s.classes[1].blocks_used, 10);
    CHECK_EQ(s.classes[1].blocks_free, 512 - 10);
    CHECK_EQ(s.classes[1].pools, 1);
    CHECK_EQ(s.classes[31].blocks_used, 3);
    CHECK_EQ(s.bytes_in_use, 10 * 32 + 3 * 512);
    CHECK_EQ(s.pools_in_use, 2);
    CHECK_EQ(s.arenas, 1);
    CHECK_EQ(s.arenas_highwater, 1);
    CHECK_EQ(s.bytes_mapped, 1u << 20);
    CHECK(s.bytes_resident >= 2 * 4096);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rc_heap_dump_stats(h, f);
    fclose(f);
    CHECK(strstr(buf, "   32 ") != NULL);
    CHECK(strstr(buf, "arenas high-water") != NULL);
    CHECK(strstr(buf, "bytes resident") != NULL);
    free(buf);
    for (int i = 0; i < 10; i++)
        rc_free(h, a[i]);
    for (int i = 0; i < 3; i++)
        rc_free(h, b[i]);
    rc_heap_free(h);
}

static void test_process_rss(void)
{
    size_t r0 = rc_process_rss();
    CHECK(r0 > 0);
    rc_heap *h = rc_heap_new(NULL);
    char *p = rc_malloc(h, 64u << 20);
    memset(p, 1, 64u << 20);
    CHECK(rc_process_rss() > r0 + (60u << 20));
    size_t now = rc_process_rss();               /* read first: RSS may still grow */
    size_t peak = rc_process_peak_rss();
    CHECK(peak >= now);
    CHECK(peak > r0 + (60u << 20));
    rc_free(h, p);
    CHECK(rc_process_peak_rss() >= peak);         /* the peak stays */
    /* huge blocks are unmapped at once (ASan's shadow of them stays: 1/8) */
    CHECK(rc_process_rss() < r0 + (RUNNING_UNDER_ASAN ? (12u << 20) : (8u << 20)));
    rc_heap_free(h);
}

static void test_foreign_pointer_without_debug(void)
{
    rc_heap *h = rc_heap_new(NULL);
    rc_heap *other = rc_heap_new(NULL);
    void *theirs = rc_malloc(other, 4000);     /* a large block of another heap */
    rc_free(h, theirs);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK(strstr(rc_error_message(h), "not a block of this heap") != NULL);
    CHECK_EQ(rc_usable_size(other, theirs), 4000);   /* nothing was lost */
    rc_error_clear(h);
    CHECK(rc_realloc(h, theirs, 9000) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    rc_free(other, theirs);
    CHECK_EQ(rc_heap_check(h), 0);
    CHECK_EQ(rc_heap_check(other), 0);
    rc_heap_free(other);
    rc_heap_free(h);
}

static void child_double_free(void)
{
    rc_heap *h = new_heap(0, RC_DEBUG_ALLOC, 0);
    void *p = rc_malloc(h, 48);
    void *keep = rc_malloc(h, 48);
    (void)keep;
    rc_free(h, p);
    rc_free(h, p);
}

static void child_foreign_free(void)
{
    rc_heap *h = new_heap(0, RC_DEBUG_ALLOC, 0);
    static char not_ours[64];
    rc_free(h, not_ours + 16);
}

static void child_interior_free(void)
{
    rc_heap *h = new_heap(0, RC_DEBUG_ALLOC, 0);
    char *p = rc_malloc(h, 64);
    rc_free(h, p + 16);
}

static void child_other_heap_small(void)
{
    rc_heap *h = new_heap(0, RC_DEBUG_ALLOC, 0);
    rc_heap *other = rc_heap_new(NULL);
    rc_free(h, rc_malloc(other, 32));
}

static void child_debug_ok(void)
{
    rc_heap *h = new_heap(0, RC_DEBUG_ALLOC, 0);
    void *ps[5000];
    for (int i = 0; i < 5000; i++)
        ps[i] = rc_malloc(h, (size_t)(i % 600) + 1);
    for (int i = 0; i < 5000; i++)
        rc_free(h, ps[i]);
    if (rc_heap_check(h) != 0)
        _exit(3);
    rc_heap_free(h);
}

static void test_debug_detects_bad_frees(void)
{
    int status;
    const char *err = check_run_child(child_double_free, &status);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(err, "double free") != NULL);
    err = check_run_child(child_foreign_free, &status);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(err, "not a block of this heap") != NULL);
    err = check_run_child(child_interior_free, &status);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(err, "not the start of a block") != NULL);
    err = check_run_child(child_other_heap_small, &status);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(err, "rc_free(") != NULL);
    err = check_run_child(child_debug_ok, &status);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(strlen(err), 0);
}

static void test_env_overrides(void)
{
    setenv("RECLAIM_MEMORY_LIMIT", "64K", 1);
    rc_heap *h = rc_heap_new(NULL);
    REQUIRE(h);
    int n = 0;
    while (n < 10000 && rc_malloc(h, 16))
        n++;
    CHECK_EQ(n, 4 * 1024);                     /* 4 pools of 1024 16-byte blocks */
    rc_heap_free(h);
    setenv("RECLAIM_MEMORY_LIMIT", "lots", 1);  /* ignored with a warning */
    h = rc_heap_new(NULL);
    REQUIRE(h);
    CHECK(rc_malloc(h, 100000) != NULL);
    rc_heap_free(h);
    unsetenv("RECLAIM_MEMORY_LIMIT");
}

static void test_errors_without_heap(void)
{
    CHECK_EQ(rc_error(NULL), RC_EINVAL);
    CHECK(rc_error_message(NULL) != NULL);
    rc_error_clear(NULL);
    CHECK_EQ(rc_heap_check(NULL), -1);
    rc_heap_free(NULL);
    rc_heap *h = rc_heap_new(NULL);
    CHECK_EQ(rc_error(h), RC_OK);
    CHECK(strcmp(rc_error_message(h), "no error") == 0);
    CHECK(rc_malloc(h, SIZE_MAX) == NULL);
    CHECK_EQ(rc_error(h), RC_ENOMEM);
    CHECK(rc_malloc(h, SIZE_MAX - 8) == NULL);
    CHECK_EQ(rc_usable_size(h, NULL), 0);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

static void test_many_heaps(void)
{
    rc_heap *hs[64];
    rc_config cfg = {0};
    cfg.address_space = 256u << 20;
    for (int i = 0; i < 64; i++) {
        hs[i] = rc_heap_new(&cfg);
        REQUIRE(hs[i]);
        CHECK(rc_malloc(hs[i], 100) != NULL);
    }
    /* A small region fills up; small blocks then come from the system. */
    void *ps[20000];
    int got = 0;
    for (int i = 0; i < 20000; i++)
        got += (ps[i] = rc_malloc(hs[0], 512 - 16 * (i % 2))) != NULL;
    CHECK_EQ(got, 20000);
    rc_stats s;
    rc_heap_stats(hs[0], &s);
    CHECK(s.arenas <= 256);
    CHECK_EQ(rc_heap_check(hs[0]), 0);
    for (int i = 0; i < 20000; i++)
        rc_free(hs[0], ps[i]);
    for (int i = 0; i < 64; i++)
        rc_heap_free(hs[i]);
}

static void test_userdata(void)
{
    rc_heap *h = rc_heap_new(NULL);
    int token;
    CHECK(rc_heap_userdata(h) == NULL);
    rc_heap_set_userdata(h, &token);
    CHECK(rc_heap_userdata(h) == &token);
    void *p = rc_malloc(h, 24);          /* the allocator leaves it alone */
    rc_free(h, p);
    rc_heap_trim(h);
    CHECK(rc_heap_userdata(h) == &token);
    CHECK(rc_heap_userdata(NULL) == NULL);
    rc_heap_set_userdata(NULL, &token);  /* ignored, no crash */
    rc_heap_free(h);
}

int main(void)
{
    test_malloc_sizes_and_alignment();
    test_distinct_blocks_do_not_overlap();
    test_free_null_and_reuse();
    test_calloc();
    test_realloc();
    test_large_blocks_counted();
    test_memory_limit();
    test_trim_returns_memory();
    test_purge_at_once();
    test_descriptor_page_shared();
    test_fullest_arena_preferred();
    test_stats_and_dump();
    test_process_rss();
    test_foreign_pointer_without_debug();
    test_debug_detects_bad_frees();
    test_env_overrides();
    test_errors_without_heap();
    test_many_heaps();
    test_userdata();
    return check_summary("test_alloc");
}
