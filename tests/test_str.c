/*
 * test_str.c — str and bytes: UTF-8 validation, lengths, hashing, equality,
 * interning (identity, death of unreferenced interned strings, table growth
 * and removal against a model), reference counts, bad arguments, and fault
 * injection (every failing allocation leaves the heap as it was).
 */
#include <reclaim.h>
#include "check.h"

#include <stdint.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------ */

typedef struct usage { size_t objects, bytes; } usage;

static usage usage_of(rc_heap *h)
{
    rc_stats st;
    rc_heap_stats(h, &st);
    return (usage){st.objects_live, st.bytes_in_use};
}

static int same_usage(usage a, usage b) { return a.objects == b.objects && a.bytes == b.bytes; }

static rc_heap *new_heap(void)
{
    rc_heap *h = rc_heap_new(NULL);
    REQUIRE(h != NULL);
    return h;
}

static rc_object *str_of(rc_heap *h, const char *s)
{
    rc_object *o = rc_str_from(h, s);
    REQUIRE(o != NULL);
    return o;
}

/* A UTF-8 checker written independently of the library's: decode each
 * sequence by its bit pattern, then reject what RFC 3629 forbids. */
static int reference_utf8(const unsigned char *p, size_t n, size_t *len)
{
    size_t i = 0, count = 0;
    while (i < n) {
        unsigned c = p[i], w;
        uint32_t cp, min;
        if (c < 0x80)
            w = 1, cp = c, min = 0;
        else if ((c & 0xE0) == 0xC0)
            w = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            w = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            w = 4, cp = c & 0x07, min = 0x10000;
        else
            return 0;
        if (i + w > n)
            return 0;
        for (unsigned k = 1; k < w; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += w;
        count++;
    }
    *len = count;
    return 1;
}

/* ---- lengths and contents ----------------------------------------------------- */

static void check_text(rc_heap *h, const char *text, size_t nbytes, size_t len)
{
    rc_object *s = rc_str_new(h, text, nbytes);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK(rc_is_type(s, &rc_str_type));
    CHECK_EQ(rc_str_len(s), len);
    CHECK_EQ(rc_str_size(s), nbytes);
    CHECK(memcmp(rc_str_data(s), text, nbytes) == 0);
    CHECK_EQ(rc_str_data(s)[nbytes], '\0');
    CHECK_EQ(rc_refcount(s), 1);
    CHECK(!rc_str_is_interned(s));
    rc_decref(s);
}

static void test_lengths(void)
{
    rc_heap *h = new_heap();
    usage before = usage_of(h);
    check_text(h, "", 0, 0);
    check_text(h, "hello", 5, 5);
    check_text(h, "h\xc3\xa9llo", 6, 5);                      /* héllo */
    check_text(h, "\xe4\xb8\xad\xe6\x96\x87", 6, 2);          /* 中文 */
    check_text(h, "\xf0\x9f\x98\x80", 4, 1);                  /* U+1F600 */
    check_text(h, "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80z", 11, 5);
    check_text(h, "a\0b", 3, 3);                              /* U+0000 is a code point */
    check_text(h, "abcdefghijklmnopqrstuvwxyz0123456789", 36, 36);
    check_text(h, "abcdefg\xc3\xa9", 9, 8);                   /* sequence across the 8-byte window */
    check_text(h, "abcdefgh\xc3\xa9" "abcdefgh", 18, 17);
    /* Boundaries of each width. */
    check_text(h, "\x7f", 1, 1);
    check_text(h, "\xc2\x80", 2, 1);                          /* U+0080 */
    check_text(h, "\xdf\xbf", 2, 1);                          /* U+07FF */
    check_text(h, "\xe0\xa0\x80", 3, 1);                      /* U+0800 */
    check_text(h, "\xed\x9f\xbf", 3, 1);                      /* U+D7FF */
    check_text(h, "\xee\x80\x80", 3, 1);                      /* U+E000 */
    check_text(h, "\xef\xbf\xbf", 3, 1);                      /* U+FFFF */
    check_text(h, "\xf0\x90\x80\x80", 4, 1);                  /* U+10000 */
    check_text(h, "\xf4\x8f\xbf\xbf", 4, 1);                  /* U+10FFFF */

    rc_object *e = rc_str_new(h, NULL, 0);                    /* NULL is fine for no bytes */
    CHECK(e && rc_str_size(e) == 0 && rc_str_len(e) == 0 && rc_str_data(e)[0] == '\0');
    rc_xdecref(e);

    rc_object *f = str_of(h, "h\xc3\xa9llo");
    CHECK_EQ(rc_str_len(f), 5);
    CHECK_EQ(rc_str_size(f), 6);
    CHECK(strcmp(rc_str_data(f), "h\xc3\xa9llo") == 0);
    rc_decref(f);

    /* Long strings (large blocks): 100000 x 'é' and 300000 ASCII bytes. */
    enum { N = 100000 };
    static char big[3 * N];
    for (size_t i = 0; i < N; i++)
        memcpy(big + 2 * i, "\xc3\xa9", 2);
    check_text(h, big, 2 * N, N);
    memset(big, 'x', sizeof big);
    check_text(h, big, sizeof big, sizeof big);

    CHECK(same_usage(usage_of(h), before));
    CHECK_EQ(rc_error(h), RC_OK);
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* ---- invalid UTF-8 ------------------------------------------------------------ */

static void check_rejected(rc_heap *h, const char *text, size_t nbytes, const char *what)
{
    usage before = usage_of(h);
    rc_error_clear(h);
    rc_object *s = rc_str_new(h, text, nbytes);
    CHECK(s == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK(strstr(rc_error_message(h), "UTF-8") != NULL);
    CHECK(strstr(rc_error_message(h), what) != NULL);
    CHECK(same_usage(usage_of(h), before));
    if (s) {
        fprintf(stderr, "accepted: %s\n", what);
        rc_decref(s);
    }
}

static void test_invalid_utf8(void)
{
    rc_heap *h = new_heap();
    usage before = usage_of(h);
    check_rejected(h, "\x80", 1, "continuation");
    check_rejected(h, "\xbf", 1, "continuation");
    check_rejected(h, "ab\x80", 3, "continuation");
    check_rejected(h, "\xc0\x80", 2, "overlong");             /* U+0000 in two bytes */
    check_rejected(h, "\xc1\xbf", 2, "overlong");
    check_rejected(h, "\xe0\x80\x80", 3, "overlong");
    check_rejected(h, "\xe0\x9f\xbf", 3, "overlong");         /* U+07FF in three bytes */
    check_rejected(h, "\xf0\x80\x80\x80", 4, "overlong");
    check_rejected(h, "\xf0\x8f\xbf\xbf", 4, "overlong");     /* U+FFFF in four bytes */
    check_rejected(h, "\xed\xa0\x80", 3, "surrogate");        /* U+D800 */
    check_rejected(h, "\xed\xbf\xbf", 3, "surrogate");        /* U+DFFF */
    check_rejected(h, "\xed\xa0\xbd\xed\xb8\x80", 6, "surrogate"); /* CESU-8 pair */
    check_rejected(h, "\xf4\x90\x80\x80", 4, "U+10FFFF");     /* U+110000 */
    check_rejected(h, "\xf5\x80\x80\x80", 4, "U+10FFFF");
    check_rejected(h, "\xf7\xbf\xbf\xbf", 4, "U+10FFFF");
    check_rejected(h, "\xf8\x88\x80\x80\x80", 5, "never valid");
    check_rejected(h, "\xfe", 1, "never valid");
    check_rejected(h, "\xff", 1, "never valid");
    check_rejected(h, "\xc3", 1, "truncated");
    check_rejected(h, "\xe4\xb8", 2, "truncated");
    check_rejected(h, "\xf0\x9f\x98", 3, "truncated");
    check_rejected(h, "abcdefg\xf0\x9f\x98", 10, "truncated");
    check_rejected(h, "\xc3" "A", 2, "truncated");
    check_rejected(h, "\xe4" "A\xb8", 3, "truncated");
    check_rejected(h, "\xf0\x9f" "A\x80", 4, "truncated");
    check_rejected(h, "\xc3\xa9\xc3", 3, "truncated");
    check_rejected(h, "abcdefgh\xff" "abcdefgh", 17, "never valid");
    /* The error names the offending byte's offset. */
    rc_str_new(h, "abc\xc3\xa9\x80", 6);
    CHECK(strstr(rc_error_message(h), "at byte 5") != NULL);
    /* NULL text with bytes, NULL C string. */
    rc_error_clear(h);
    CHECK(rc_str_new(h, NULL, 3) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    rc_error_clear(h);
    CHECK(rc_str_from(h, NULL) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK(same_usage(usage_of(h), before));
    rc_heap_free(h);
}

static long disagreements, accepted;

static void compare_with_reference(rc_heap *h, const unsigned char *buf, size_t n)
{
    size_t want_len = 0;
    int want = reference_utf8(buf, n, &want_len);
    rc_object *s = rc_str_new(h, (const char *)buf, n);
    if (!!s != want || (s && rc_str_len(s) != want_len)) {
        if (disagreements++ < 10)
            fprintf(stderr, "disagree on %zu bytes:", n);
        for (size_t i = 0; disagreements <= 10 && i < n; i++)
            fprintf(stderr, " %02x%s", buf[i], i + 1 == n ? "\n" : "");
    }
    if (!s)
        CHECK_EQ(rc_error(h), RC_EINVAL);
    accepted += s != NULL;
    rc_xdecref(s);
}

/* Every 1- and 2-byte input; 3- and 4-byte inputs for every lead byte from
 * 0xC0 and every second byte, with continuation and non-continuation tails;
 * all against the reference checker. */
static void test_utf8_exhaustive(void)
{
    rc_heap *h = new_heap();
    usage before = usage_of(h);
    static const unsigned char tails[] = {0x80, 0xbf, 0x41};
    unsigned char buf[4];
    for (unsigned a = 0; a < 256; a++) {
        buf[0] = (unsigned char)a;
        compare_with_reference(h, buf, 1);
        for (unsigned b = 0; b < 256; b++) {
            buf[1] = (unsigned char)b;
            compare_with_reference(h, buf, 2);
            for (unsigned t = 0; a >= 0xc0 && t < sizeof tails; t++) {
                buf[2] = tails[t];
                buf[3] = tails[(t + 1) % sizeof tails];
                compare_with_reference(h, buf, 3);
                compare_with_reference(h, buf, 4);
            }
        }
    }
    CHECK_EQ(disagreements, 0);
    CHECK(accepted > 1000);
    CHECK(same_usage(usage_of(h), before));
    rc_heap_free(h);
}

/* ---- hashing and equality ----------------------------------------------------- */

static void test_hash_and_eq(void)
{
    rc_heap *h = new_heap();
    rc_object *a = str_of(h, "spam and eggs"), *b = str_of(h, "spam and eggs");
    rc_object *c = str_of(h, "spam and eggz"), *d = str_of(h, "spam and egg");
    CHECK(a != b);
    CHECK_EQ(rc_hash(a), rc_hash(b));
    CHECK_EQ(rc_hash(a), rc_hash(a));            /* cached, stable */
    CHECK(rc_hash(a) != rc_hash(c));
    CHECK(rc_hash(a) != rc_hash(d));
    CHECK_EQ(rc_equal(a, b), 1);
    CHECK_EQ(rc_equal(b, a), 1);
    CHECK_EQ(rc_equal(a, a), 1);
    CHECK_EQ(rc_equal(a, c), 0);
    CHECK_EQ(rc_equal(a, d), 0);
    CHECK_EQ(rc_equal(d, a), 0);

    /* Equality before either hash is computed, and with one computed. */
    rc_object *e = str_of(h, "fresh"), *f = str_of(h, "fresh"), *g = str_of(h, "frish");
    CHECK_EQ(rc_equal(e, f), 1);
    CHECK_EQ(rc_equal(e, g), 0);
    rc_hash(e);
    CHECK_EQ(rc_equal(e, f), 1);
    CHECK_EQ(rc_equal(f, e), 1);
    CHECK_EQ(rc_hash(e), rc_hash(f));

    /* Embedded NULs count. */
    rc_object *n1 = rc_str_new(h, "a", 1), *n2 = rc_str_new(h, "a\0", 2), *n3 = rc_str_new(h, "a\0", 2);
    REQUIRE(n1 && n2 && n3);
    CHECK_EQ(rc_equal(n1, n2), 0);
    CHECK_EQ(rc_equal(n2, n3), 1);
    CHECK(rc_hash(n1) != rc_hash(n2));
    CHECK_EQ(rc_hash(n2), rc_hash(n3));

    /* A str never equals a non-str; a bytes of the same bytes hashes alike. */
    rc_object *bs = rc_bytes_new(h, "spam and eggs", 13);
    rc_object *i = rc_int_new(h, 1000), *empty = str_of(h, "");
    REQUIRE(bs && i);
    CHECK_EQ(rc_equal(a, bs), 0);
    CHECK_EQ(rc_equal(bs, a), 0);
    CHECK_EQ(rc_equal(a, i), 0);
    CHECK_EQ(rc_equal(i, a), 0);
    CHECK_EQ(rc_equal(empty, rc_none()), 0);
    CHECK_EQ(rc_hash(a), rc_hash(bs));

    /* 20000 distinct strings: no hash is -1, no two collide in 64 bits. */
    enum { N = 20000 };
    static int64_t hashes[N];
    int collisions = 0, minus_one = 0;
    for (int k = 0; k < N; k++) {
        char buf[32];
        int len = snprintf(buf, sizeof buf, "key%d", k);
        rc_object *s = rc_str_new(h, buf, (size_t)len);
        REQUIRE(s);
        hashes[k] = rc_hash(s);
        minus_one += hashes[k] == -1;
        rc_decref(s);
    }
    for (int k = 0; k < N; k++)
        for (int j = k + 1; j < k + 64 && j < N; j++)
            collisions += hashes[k] == hashes[j];
    CHECK_EQ(minus_one, 0);
    CHECK_EQ(collisions, 0);
    /* The low bits (what a table uses) spread: 20000 keys fill most of 4096 buckets. */
    static unsigned char bucket[4096];
    int filled = 0;
    for (int k = 0; k < N; k++)
        if (!bucket[hashes[k] & 4095]++)
            filled++;
    CHECK(filled > 4000);

    rc_object *all[] = {a, b, c, d, e, f, g, n1, n2, n3, bs, i, empty};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++) {
        CHECK_EQ(rc_refcount(all[k]), 1);
        rc_decref(all[k]);
    }
    CHECK_EQ(usage_of(h).objects, 0);
    CHECK_EQ(rc_error(h), RC_OK);
    rc_heap_free(h);
}

/* ---- interning ---------------------------------------------------------------- */

static void test_intern_identity(void)
{
    rc_heap *h = new_heap();
    usage before = usage_of(h);
    rc_object *a = str_of(h, "spam"), *b = str_of(h, "spam");
    CHECK(!rc_str_is_interned(a));
    rc_object *ia = rc_str_intern(h, a);
    CHECK(ia == a);
    CHECK(rc_str_is_interned(a));
    CHECK_EQ(rc_refcount(a), 2);
    rc_object *ib = rc_str_intern(h, b);
    CHECK(ib == a);                               /* the canonical one */
    CHECK_EQ(rc_refcount(a), 3);
    CHECK_EQ(rc_refcount(b), 1);
    CHECK(!rc_str_is_interned(b));
    rc_object *again = rc_str_intern(h, a);       /* already interned: itself */
    CHECK(again == a);
    CHECK_EQ(rc_refcount(a), 4);
    /* Getters do not touch counts. */
    CHECK_EQ(rc_str_len(a) + rc_str_size(a), 8);
    CHECK(rc_str_data(a) != NULL);
    rc_hash(a);
    CHECK_EQ(rc_refcount(a), 4);

    /* A different string is interned beside it. */
    rc_object *c = str_of(h, "eggs");
    rc_object *ic = rc_str_intern(h, c);
    CHECK(ic == c);
    CHECK_EQ(rc_refcount(c), 2);

    rc_decref(again);
    rc_decref(ib);
    rc_decref(ia);
    CHECK_EQ(rc_refcount(a), 1);
    rc_decref(b);
    rc_decref(a);
    rc_decref(ic);
    rc_decref(c);
    CHECK(same_usage(usage_of(h), before));       /* the table went with the last string */
    CHECK_EQ(rc_error(h), RC_OK);
    rc_heap_free(h);
}

static void test_interned_dies(void)
{
    rc_heap *h = new_heap();
    usage before = usage_of(h);
    rc_object *a = str_of(h, "ephemeral");
    rc_object *keep = str_of(h, "keeper");
    rc_object *ik = rc_str_intern(h, keep);
    rc_object *ia = rc_str_intern(h, a);
    CHECK(ia == a);
    rc_decref(ia);
    CHECK_EQ(rc_refcount(a), 1);
    CHECK(rc_str_is_interned(a));
    size_t live = usage_of(h).objects;
    rc_decref(a);                                 /* the table's reference is borrowed */
    CHECK_EQ(usage_of(h).objects, live - 1);

    rc_object *fresh = str_of(h, "ephemeral");
    rc_object *ifresh = rc_str_intern(h, fresh);
    CHECK(ifresh == fresh);                       /* the dead one is not handed out */
    CHECK(rc_str_is_interned(fresh));
    CHECK_EQ(rc_refcount(fresh), 2);
    rc_object *other = str_of(h, "ephemeral");
    rc_object *iother = rc_str_intern(h, other);
    CHECK(iother == fresh);
    rc_decref(iother);
    rc_decref(other);
    rc_decref(ifresh);
    rc_decref(fresh);

    rc_object *k2 = str_of(h, "keeper");
    rc_object *ik2 = rc_str_intern(h, k2);
    CHECK(ik2 == keep);
    rc_decref(ik2);
    rc_decref(k2);
    rc_decref(ik);
    rc_decref(keep);
    CHECK(same_usage(usage_of(h), before));
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Thousands of interned strings, dropped in a scrambled order: after each
 * round, every survivor is still canonical and every dropped one is gone
 * (a fresh equal string becomes canonical itself). */
static void test_intern_many(void)
{
    rc_heap *h = new_heap();
    usage before = usage_of(h);
    enum { N = 5000 };
    static rc_object *canon[N];
    char buf[32];
    for (int k = 0; k < N; k++) {
        snprintf(buf, sizeof buf, "name_%d", k);
        rc_object *s = str_of(h, buf);
        canon[k] = rc_str_intern(h, s);
        CHECK(canon[k] == s);
        rc_decref(s);                             /* canon[k] holds the one reference */
    }
    uint32_t rng = 12345;
    for (int round = 0; round < 3; round++) {
        for (int k = 0; k < N; k++) {
            rng = rng * 1664525u + 1013904223u;
            if (canon[k] && (rng >> 16) % 3 == 0) {
                CHECK_EQ(rc_refcount(canon[k]), 1);
                rc_decref(canon[k]);
                canon[k] = NULL;
            }
        }
        /* Survivors first: refilling the holes first could hide a broken chain. */
        int wrong = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < N; k++) {
                if ((canon[k] == NULL) != (pass == 1))
                    continue;
                snprintf(buf, sizeof buf, "name_%d", k);
                rc_object *s = str_of(h, buf);
                rc_object *c = rc_str_intern(h, s);
                if (canon[k]) {
                    wrong += c != canon[k];
                    rc_decref(c);
                } else {
                    wrong += c != s;              /* becomes canonical */
                    canon[k] = c;
                }
                rc_decref(s);
            }
        }
        CHECK_EQ(wrong, 0);
        CHECK_EQ(rc_heap_check(h), 0);
    }
    for (int k = 0; k < N; k++) {
        CHECK(rc_str_is_interned(canon[k]));
        CHECK_EQ(rc_refcount(canon[k]), 1);
        rc_decref(canon[k]);
    }
    CHECK(same_usage(usage_of(h), before));
    rc_heap_free(h);
}

/* An interned string waiting on the dealloc work list must not be handed
 * out: tuple A holds [S, B]; A sits at the end of a chain of tuples deeper
 * than destruction recurses, so dropping the chain queues S and B; B's weak
 * reference callback runs while S waits, and interns a string equal to S. */
static rc_heap *cb_heap;
static rc_object *cb_canonical;
static int cb_got_fresh = -1;

static void intern_in_callback(rc_object *wr, rc_object *data)
{
    (void)wr;
    (void)data;
    rc_object *fresh = rc_str_from(cb_heap, "phoenix");
    REQUIRE(fresh);
    cb_canonical = rc_str_intern(cb_heap, fresh);
    cb_got_fresh = cb_canonical == fresh;
    rc_decref(fresh);
}

static void test_intern_while_dying(void)
{
    rc_heap *h = cb_heap = new_heap();
    /* The weak table keeps its slots once made: make it before the baseline. */
    rc_object *warm = rc_tuple_new(h, 1), *warm_ref = rc_weakref_new(h, warm, NULL, NULL);
    REQUIRE(warm && warm_ref);
    rc_decref(warm);
    rc_decref(warm_ref);
    rc_heap_trim(h);
    usage before = usage_of(h);
    rc_object *s = str_of(h, "phoenix");
    rc_object *is = rc_str_intern(h, s);
    REQUIRE(is == s);
    rc_object *a = rc_tuple_new(h, 2), *b = rc_tuple_new(h, 1);
    REQUIRE(a && b);
    CHECK_EQ(rc_tuple_set(a, 0, s), 0);
    CHECK_EQ(rc_tuple_set(a, 1, b), 0);
    rc_object *wr = rc_weakref_new(h, b, intern_in_callback, NULL);
    REQUIRE(wr);
    rc_object *outer = a;                         /* the chain: outer -> ... -> A */
    for (int k = 0; k < 100; k++) {
        rc_object *t = rc_tuple_new(h, 1);
        REQUIRE(t);
        CHECK_EQ(rc_tuple_set(t, 0, outer), 0);
        rc_decref(outer);                         /* t holds it now */
        outer = t;
    }
    rc_decref(is);
    rc_decref(s);
    rc_decref(b);
    rc_decref(outer);                             /* S and B die; the callback runs */
    CHECK_EQ(cb_got_fresh, 1);
    REQUIRE(cb_canonical);
    CHECK(rc_str_is_interned(cb_canonical));
    CHECK_EQ(rc_refcount(cb_canonical), 1);
    rc_object *again = str_of(h, "phoenix");
    rc_object *ia = rc_str_intern(h, again);
    CHECK(ia == cb_canonical);
    rc_decref(ia);
    rc_decref(again);
    rc_decref(cb_canonical);
    rc_decref(wr);
    rc_heap_trim(h);                              /* drop the tuple free lists */
    CHECK(same_usage(usage_of(h), before));
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Interned strings still alive when the heap is freed go with it. */
static void test_heap_free_with_interned(void)
{
    rc_heap *h = new_heap();
    for (int k = 0; k < 100; k++) {
        char buf[32];
        snprintf(buf, sizeof buf, "left_%d", k);
        rc_object *s = str_of(h, buf);
        rc_object *c = rc_str_intern(h, s);
        CHECK(c == s);
        rc_decref(c);
    }
    rc_heap_free(h);                              /* no leak under ASan or valgrind */
}

/* ---- bytes -------------------------------------------------------------------- */

static void test_bytes(void)
{
    rc_heap *h = new_heap();
    usage before = usage_of(h);
    static const unsigned char raw[] = {'a', 0, 'b', 0, 0xff, 0x80, 0};
    rc_object *b = rc_bytes_new(h, raw, sizeof raw), *c = rc_bytes_new(h, raw, sizeof raw);
    rc_object *d = rc_bytes_new(h, raw, sizeof raw - 1);
    REQUIRE(b && c && d);
    CHECK(rc_is_type(b, &rc_bytes_type));
    CHECK_EQ(rc_bytes_len(b), sizeof raw);
    CHECK(memcmp(rc_bytes_data(b), raw, sizeof raw) == 0);
    CHECK_EQ(rc_bytes_data(b)[sizeof raw], 0);
    CHECK_EQ(rc_refcount(b), 1);
    CHECK_EQ(rc_equal(b, c), 1);
    CHECK_EQ(rc_equal(b, d), 0);
    CHECK_EQ(rc_hash(b), rc_hash(c));
    CHECK(rc_hash(b) != rc_hash(d));
    CHECK(rc_hash(b) != -1);

    rc_object *e = rc_bytes_new(h, NULL, 0), *f = rc_bytes_new(h, "", 0);
    REQUIRE(e && f);
    CHECK_EQ(rc_bytes_len(e), 0);
    CHECK_EQ(rc_equal(e, f), 1);
    CHECK_EQ(rc_hash(e), rc_hash(f));

    rc_object *s = str_of(h, "ab");
    rc_object *sb = rc_bytes_new(h, "ab", 2);
    REQUIRE(sb);
    CHECK_EQ(rc_equal(sb, s), 0);
    CHECK_EQ(rc_equal(s, sb), 0);

    /* Not UTF-8, and that is fine for bytes. */
    rc_object *bad = rc_bytes_new(h, "\xc0\x80\xed\xa0\x80", 5);
    CHECK(bad && rc_bytes_len(bad) == 5);

    usage mid = usage_of(h);
    rc_error_clear(h);
    CHECK(rc_bytes_new(h, NULL, 3) == NULL);
    CHECK_EQ(rc_error(h), RC_EINVAL);
    CHECK(same_usage(usage_of(h), mid));

    rc_object *all[] = {b, c, d, e, f, s, sb, bad};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++) {
        CHECK_EQ(rc_refcount(all[k]), 1);
        rc_decref(all[k]);
    }
    CHECK(same_usage(usage_of(h), before));
    rc_heap_free(h);
}

/* ---- bad arguments ------------------------------------------------------------ */

static void test_bad_arguments(void)
{
    rc_heap *h = new_heap(), *other = new_heap();
    rc_object *b = rc_bytes_new(h, "xy", 2), *s = str_of(h, "xy"), *i = rc_int_new(h, 100000);
    REQUIRE(b && i);

    CHECK(rc_str_data(NULL) == NULL);
    CHECK_EQ(rc_str_len(NULL), 0);
    CHECK_EQ(rc_str_size(NULL), 0);
    CHECK_EQ(rc_str_is_interned(NULL), 0);
    CHECK(rc_bytes_data(NULL) == NULL);
    CHECK_EQ(rc_bytes_len(NULL), 0);

    rc_error_clear(h);
    CHECK(rc_str_data(b) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK_EQ(rc_str_len(i), 0);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK_EQ(rc_str_size(b), 0);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK_EQ(rc_str_is_interned(i), 0);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK(rc_bytes_data(s) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK_EQ(rc_bytes_len(i), 0);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    CHECK(rc_str_len(rc_none()) == 0);            /* a static object: no heap to tell */

    rc_error_clear(h);
    CHECK(rc_str_intern(h, NULL) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK(rc_str_intern(h, b) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(h);
    CHECK(rc_str_intern(h, rc_none()) == NULL);
    CHECK_EQ(rc_error(h), RC_ETYPE);
    rc_error_clear(other);
    CHECK(rc_str_intern(other, s) == NULL);       /* a string of another heap */
    CHECK_EQ(rc_error(other), RC_EINVAL);
    CHECK(!rc_str_is_interned(s));
    CHECK_EQ(rc_refcount(s), 1);
    CHECK(rc_str_new(NULL, "x", 1) == NULL);
    CHECK(rc_bytes_new(NULL, "x", 1) == NULL);

    rc_decref(b);
    rc_decref(s);
    rc_decref(i);
    rc_heap_free(other);
    rc_heap_free(h);
}

/* ---- out of memory ------------------------------------------------------------ */

static void test_fault_str_new(void)
{
    rc_heap *h = new_heap();
    static char text[2000];
    for (size_t i = 0; i + 2 <= sizeof text; i += 2)
        memcpy(text + i, "\xc3\xa9", 2);
    const size_t sizes[] = {5, 600, sizeof text};   /* small and large blocks */
    for (size_t k = 0; k < 3; k++) {
        int failures = 0;
        for (long n = 0;; n++) {
            usage before = usage_of(h);
            rc_error_clear(h);
            rc_heap_fail_allocations(h, n);
            rc_object *s = rc_str_new(h, k == 0 ? "hello" : text, sizes[k]);
            rc_heap_fail_allocations(h, -1);
            if (s) {
                CHECK_EQ(rc_str_size(s), sizes[k]);
                rc_decref(s);
                break;
            }
            failures++;
            CHECK_EQ(rc_error(h), RC_ENOMEM);
            CHECK(same_usage(usage_of(h), before));
            REQUIRE(n < 100);
        }
        CHECK(failures >= 1);
    }
    /* The same under a memory limit. */
    rc_config cfg = {0};
    cfg.memory_limit = 256 * 1024;
    rc_heap *limited = rc_heap_new(&cfg);
    REQUIRE(limited);
    static char big[1 << 20];
    memset(big, 'z', sizeof big);
    usage before = usage_of(limited);
    CHECK(rc_str_new(limited, big, sizeof big) == NULL);
    CHECK_EQ(rc_error(limited), RC_ENOMEM);
    CHECK(rc_bytes_new(limited, big, sizeof big) == NULL);
    CHECK(same_usage(usage_of(limited), before));
    rc_object *ok = rc_str_new(limited, big, 1000);
    CHECK(ok != NULL);
    rc_xdecref(ok);
    rc_heap_free(limited);

    for (long n = 0;; n++) {
        usage b0 = usage_of(h);
        rc_heap_fail_allocations(h, n);
        rc_object *b = rc_bytes_new(h, "a\0b", 3);
        rc_heap_fail_allocations(h, -1);
        if (b) {
            rc_decref(b);
            break;
        }
        CHECK_EQ(rc_error(h), RC_ENOMEM);
        CHECK(same_usage(usage_of(h), b0));
        REQUIRE(n < 100);
    }
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

/* Intern strings one by one; each intern runs under fault injection for
 * N = 0, 1, 2, ... until it succeeds.  The table is created and grows
 * several times on the way, and every failure must change nothing. */
static void test_fault_intern(void)
{
    rc_heap *h = new_heap();
    usage empty = usage_of(h);
    enum { N = 300 };
    static rc_object *strs[N];
    char buf[32];
    int failing_interns = 0;
    for (int k = 0; k < N; k++) {
        snprintf(buf, sizeof buf, "grow_%d", k);
        strs[k] = str_of(h, buf);
        int failed = 0;
        for (long n = 0;; n++) {
            usage before = usage_of(h);
            rc_error_clear(h);
            rc_heap_fail_allocations(h, n);
            rc_object *c = rc_str_intern(h, strs[k]);
            rc_heap_fail_allocations(h, -1);
            if (c) {
                CHECK(c == strs[k]);
                CHECK_EQ(rc_refcount(c), 2);
                rc_decref(c);
                break;
            }
            failed = 1;
            CHECK_EQ(rc_error(h), RC_ENOMEM);
            CHECK(same_usage(usage_of(h), before));
            CHECK(!rc_str_is_interned(strs[k]));
            CHECK_EQ(rc_refcount(strs[k]), 1);
            REQUIRE(n < 100);
        }
        failing_interns += failed;
    }
    CHECK(failing_interns >= 4);                  /* creation and at least three growths */
    /* Everything interned is still found. */
    int wrong = 0;
    for (int k = 0; k < N; k++) {
        snprintf(buf, sizeof buf, "grow_%d", k);
        rc_object *s = str_of(h, buf);
        rc_object *c = rc_str_intern(h, s);
        wrong += c != strs[k];
        rc_decref(c);
        rc_decref(s);
    }
    CHECK_EQ(wrong, 0);
    for (int k = 0; k < N; k++)
        rc_decref(strs[k]);
    CHECK(same_usage(usage_of(h), empty));
    CHECK_EQ(rc_heap_check(h), 0);
    rc_heap_free(h);
}

int main(void)
{
    test_lengths();
    test_invalid_utf8();
    test_utf8_exhaustive();
    test_hash_and_eq();
    test_intern_identity();
    test_interned_dies();
    test_intern_many();
    test_intern_while_dying();
    test_heap_free_with_interned();
    test_bytes();
    test_bad_arguments();
    test_fault_str_new();
    test_fault_intern();
    return check_summary("test_str");
}
