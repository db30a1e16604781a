/*
 * test_alloc_stress.c — randomized allocate/free/realloc against a model.
 *
 * usage: test_alloc_stress [SEED [OPS [FLAGS]]]
 *   SEED   PRNG seed (replay a failure with the seed it printed)
 *   OPS    operations in total (default 1000000), split into 8 phases
 *   FLAGS  rc_config.flags (1 = RC_DEBUG_ALLOC, 2 = RC_TRACE_ALLOC)
 *
 * The model is the array of live slots: pointer, requested size, id.  Every
 * block is filled with a pattern derived from its id and verified before it
 * is freed or resized (a realloc must keep the prefix).  After each phase the
 * heap's statistics must equal what the model says (blocks live per size
 * class, bytes in use) and rc_heap_check must pass; phases alternate growth
 * and shrinkage, and after a shrinking phase a trim must make the heap's
 * resident bytes fall while every survivor stays intact.
 *
 * In diagnostic mode (any flag) each block is a raw block of 64 bytes more
 * (header and guards, rounded) whose usable size is exactly what was asked;
 * a realloc always moves; freed blocks may wait in the debug quarantine
 * (at most 4096 blocks, 4 MiB of payload), so the statistics are checked
 * within that bound.
 */
#include <reclaim.h>
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct slot {
    unsigned char *p;
    size_t size;      /* bytes asked for */
    size_t held;      /* the usable size the model predicts */
    uint64_t id;
} slot;

static size_t round16(size_t n)
{
    return n ? (n + 15) / 16 * 16 : 16;
}

/* The documented realloc rule: a small block stays where it is when the new
 * size is in its class, or smaller by less than a quarter. */
static bool realloc_stays(size_t held, size_t n)
{
    return held <= RC_SMALL_MAX && n <= held &&
           (round16(n) == held || 4 * n > 3 * held);
}


static size_t random_size(void)
{
    uint64_t r = check_rng() % 1000;
    if (r < 850)
        return (size_t)(check_rng() % 513);               /* small, 0 included */
    if (r < 997)
        return 513 + (size_t)(check_rng() % 8000);        /* large */
    if (r < 999 || check_rng() % 8)
        return 8513 + (size_t)(check_rng() % 100000);
    return (1u << 20) + (size_t)(check_rng() % (1u << 20)); /* huge: own mapping */
}

static inline unsigned char pattern(uint64_t id, size_t i)
{
    uint64_t x = id * 0x9E3779B97F4A7C15ull + i * 0x2545F4914F6CDD1Dull;
    return (unsigned char)(x >> 56);
}

static void fill(slot *s, size_t from)
{
    for (size_t i = from; i < s->size; i++)
        s->p[i] = pattern(s->id, i);
}

static bool intact(const slot *s, size_t upto)
{
    for (size_t i = 0; i < upto; i++)
        if (s->p[i] != pattern(s->id, i))
            return false;
    return true;
}

typedef struct model {
    slot *slots;
    size_t live, cap;
    uint64_t next_id;
    size_t corrupt;
    bool diag;        /* the heap is in diagnostic mode */
} model;

#define DIAG_OVERHEAD 64u                 /* header 48 + back guard 16 */
#define QUARANTINE_BLOCKS 4096u
#define QUARANTINE_BYTES ((size_t)4 << 20)

/* The block size the heap holds for a request of n bytes. */
static size_t held_for(const model *m, size_t n)
{
    return m->diag ? DIAG_OVERHEAD + (n + 15) / 16 * 16 : round16(n);
}

static void do_alloc(rc_heap *h, model *m)
{
    if (m->live == m->cap)
        return;
    slot *s = &m->slots[m->live];
    s->size = random_size();
    s->id = m->next_id++;
    s->p = rc_malloc(h, s->size);
    s->held = held_for(m, s->size);
    REQUIRE(s->p);
    fill(s, 0);
    m->live++;
}

static void do_free(rc_heap *h, model *m)
{
    if (!m->live)
        return;
    size_t k = (size_t)(check_rng() % m->live);
    slot *s = &m->slots[k];
    if (!intact(s, s->size))
        m->corrupt++;
    rc_free(h, s->p);
    *s = m->slots[--m->live];
}

static void do_realloc(rc_heap *h, model *m)
{
    if (!m->live)
        return;
    slot *s = &m->slots[(size_t)(check_rng() % m->live)];
    size_t n = random_size();
    if (n == 0)
        n = 1;                                       /* 0 would free it */
    unsigned char *q = rc_realloc(h, s->p, n);
    REQUIRE(q);
    bool stays = !m->diag && realloc_stays(s->held, n);
    if (stays)
        CHECK(q == s->p);
    else if (m->diag || n <= RC_SMALL_MAX || s->held <= RC_SMALL_MAX)
        CHECK(q != s->p);                            /* changed class or kind */
    s->held = stays ? s->held : held_for(m, n);
    s->p = q;
    size_t keep = n < s->size ? n : s->size;
    if (!intact(s, keep))
        m->corrupt++;
    size_t old = s->size;
    s->size = n;
    if (n > old)
        fill(s, old);
}

/* The heap's statistics must be what the model predicts. */
static void check_against_model(rc_heap *h, const model *m, int phase)
{
    size_t per_class[RC_SIZE_CLASSES] = {0};
    size_t small = 0, large = 0, bytes = 0;
    for (size_t i = 0; i < m->live; i++) {
        size_t held = m->slots[i].held;
        size_t usable = rc_usable_size(h, m->slots[i].p);
        CHECK_EQ(usable, m->diag ? m->slots[i].size : held);
        if (held <= RC_SMALL_MAX) {
            per_class[held / 16 - 1]++;
            small++;
        } else {
            large++;
        }
        bytes += held;
    }
    rc_stats st;
    rc_heap_stats(h, &st);
    if (m->diag) {                                   /* the quarantine may hold more */
        CHECK(st.small_blocks + st.large_blocks >= small + large);
        CHECK(st.small_blocks + st.large_blocks <= small + large + QUARANTINE_BLOCKS);
        CHECK(st.bytes_in_use >= bytes);
        CHECK(st.bytes_in_use <= bytes + QUARANTINE_BYTES + QUARANTINE_BLOCKS * (DIAG_OVERHEAD + 16));
    } else {
        CHECK_EQ(st.small_blocks, small);
        CHECK_EQ(st.large_blocks, large);
        CHECK_EQ(st.bytes_in_use, bytes);
        int class_mismatch = 0;
        for (unsigned c = 0; c < RC_SIZE_CLASSES; c++)
            class_mismatch += st.classes[c].blocks_used != per_class[c];
        CHECK_EQ(class_mismatch, 0);
    }
    int ok = rc_heap_check(h);
    if (ok)
        fprintf(stderr, "phase %d: %s\n", phase, rc_error_message(h));
    CHECK_EQ(ok, 0);
}

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    size_t ops = argc > 2 ? strtoull(argv[2], NULL, 0) : 1000000;
    unsigned flags = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 0) : 0;
    check_rng_seed(seed);
    printf("test_alloc_stress seed=%llu ops=%zu flags=%u\n", (unsigned long long)seed, ops, flags);

    rc_config cfg = {0};
    cfg.flags = flags;
    cfg.purge_delay_ms = (seed % 3 == 0) ? -1 : 100000;  /* at once, or only on trim */
    rc_heap *h = rc_heap_new(&cfg);
    REQUIRE(h);
    model m = {0};
    m.diag = (flags & (RC_DEBUG_ALLOC | RC_TRACE_ALLOC | RC_REPORT_LEAKS)) != 0;
    m.cap = 200000;
    m.slots = calloc(m.cap, sizeof *m.slots);
    REQUIRE(m.slots);

    enum { PHASES = 8 };
    for (int phase = 0; phase < PHASES; phase++) {
        /* even phases grow (70% alloc), odd phases shrink (70% free) */
        unsigned alloc_pct = phase % 2 == 0 ? 60 : 20;
        unsigned free_pct = phase % 2 == 0 ? 25 : 70;
        for (size_t i = 0; i < ops / PHASES; i++) {
            unsigned r = (unsigned)(check_rng() % 100);
            if (r < alloc_pct)
                do_alloc(h, &m);
            else if (r < alloc_pct + free_pct)
                do_free(h, &m);
            else
                do_realloc(h, &m);
        }
        check_against_model(h, &m, phase);
        if (phase % 2 == 1) {
            rc_stats before, after;
            rc_heap_stats(h, &before);
            size_t rss_before = rc_process_rss();
            size_t released = rc_heap_trim(h);
            size_t rss_after = rc_process_rss();
            rc_heap_stats(h, &after);
            if (released >= (4u << 20))             /* the process's memory fell */
                CHECK(rss_after + released / 2 <= rss_before);
            if (m.diag)                              /* trim also empties the quarantine */
                CHECK(after.bytes_resident + released <= before.bytes_resident);
            else
                CHECK_EQ(after.bytes_resident + released, before.bytes_resident);
            if (cfg.purge_delay_ms > 0)
                CHECK(released > 0);             /* a shrinking phase leaves free pages */
            check_against_model(h, &m, phase);
        }
        printf("phase %d: %zu live, %zu corrupt\n", phase, m.live, m.corrupt);
    }
    CHECK_EQ(m.corrupt, 0);
    while (m.live)
        do_free(h, &m);
    CHECK_EQ(m.corrupt, 0);
    check_against_model(h, &m, PHASES);
    rc_heap_trim(h);
    rc_stats st;
    rc_heap_stats(h, &st);
    CHECK_EQ(st.bytes_mapped, 0);
    CHECK_EQ(st.arenas, 0);
    rc_heap_free(h);
    free(m.slots);
    return check_summary("test_alloc_stress");
}
