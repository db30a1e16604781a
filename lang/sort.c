/*
 * lang/sort.c — lx_sort: a stable merge sort of object pointers.
 *
 * The array is sorted as (key, item) pairs; each key is computed once
 * (key(item), or the item itself).  Runs of up to 32 are sorted by binary
 * insertion, then merged bottom-up; a merge is skipped when the two runs are
 * already in order, so sorted input costs n comparisons.  reverse sorts
 * descending while keeping equal items in their original order, as CPython
 * does (reverse, stable sort, reverse).
 *
 * Comparisons go through lx_compare(<), with fast paths when every key is an
 * int, a float or a str.  A failing comparison stops the sort: every step
 * leaves the array a permutation of its items (insertion moves an item only
 * after its place is known; an interrupted merge copies back what it had not
 * placed), so the items stay owned exactly once.
 */
#include "methods_util.h"

#include <string.h>

typedef struct pair {
    rc_object *key, *item;
} pair;

typedef int (*less_fn)(lx_interp *I, rc_object *a, rc_object *b);    /* 1, 0, -1 */

static int less_generic(lx_interp *I, rc_object *a, rc_object *b) { return lx_compare(I, a, b, LX_CMP_LT); }
static int less_int(lx_interp *I, rc_object *a, rc_object *b)
{
    (void)I;
    return rc_int_value(a) < rc_int_value(b);
}
static int less_float(lx_interp *I, rc_object *a, rc_object *b)
{
    (void)I;
    return rc_float_value(a) < rc_float_value(b);
}
static int less_str(lx_interp *I, rc_object *a, rc_object *b)
{
    (void)I;                /* UTF-8 byte order is code point order */
    size_t na = rc_str_size(a), nb = rc_str_size(b);
    int c = memcmp(rc_str_data(a), rc_str_data(b), na < nb ? na : nb);
    return c < 0 || (c == 0 && na < nb);
}

static less_fn choose_less(const pair *p, size_t n)
{
    if (n == 0)
        return less_generic;
    const rc_type *t = p[0].key->type;
    for (size_t i = 1; i < n; i++)
        if (p[i].key->type != t)
            return less_generic;
    return t == &rc_int_type ? less_int : t == &rc_float_type ? less_float
         : t == &rc_str_type ? less_str : less_generic;
}

/* Binary insertion sort of p[0..n): each item goes after its equals. */
static int insertion_sort(lx_interp *I, less_fn less, pair *p, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        pair x = p[i];
        size_t lo = 0, hi = i;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int lt = less(I, x.key, p[mid].key);
            if (lt < 0)
                return -1;
            if (lt)
                hi = mid;
            else
                lo = mid + 1;
        }
        memmove(p + lo + 1, p + lo, (i - lo) * sizeof *p);
        p[lo] = x;
    }
    return 0;
}

/* Merge p[0..mid) and p[mid..n) using tmp (mid pairs). */
static int merge(lx_interp *I, less_fn less, pair *p, size_t mid, size_t n, pair *tmp)
{
    int lt = less(I, p[mid].key, p[mid - 1].key);
    if (lt <= 0)
        return lt;                          /* already in order, or an error */
    memcpy(tmp, p, mid * sizeof *p);
    size_t i = 0, j = mid, k = 0;
    while (i < mid && j < n) {
        lt = less(I, p[j].key, tmp[i].key);
        if (lt < 0)
            break;
        p[k++] = lt ? p[j++] : tmp[i++];
    }
    memcpy(p + k, tmp + i, (mid - i) * sizeof *p);   /* k + (mid - i) == j */
    return lt < 0 ? -1 : 0;
}

#define RUN 32

static int merge_sort(lx_interp *I, less_fn less, pair *p, size_t n, pair *tmp)
{
    for (size_t lo = 0; lo < n; lo += RUN)
        if (insertion_sort(I, less, p + lo, n - lo < RUN ? n - lo : RUN) < 0)
            return -1;
    for (size_t width = RUN; width < n; width *= 2)
        for (size_t lo = 0; lo + width < n; lo += 2 * width) {
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            if (merge(I, less, p + lo, width, hi - lo, tmp) < 0)
                return -1;
        }
    return 0;
}

static void reverse_pairs(pair *p, size_t n)
{
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        pair t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}

int lx_sort(lx_interp *I, rc_object **items, size_t n, rc_object *key, int reverse)
{
    if (n < 2 && !key)
        return 0;
    pair *p = rc_malloc(lx_heap(I), (n ? n : 1) * sizeof *p);
    pair *tmp = rc_malloc(lx_heap(I), (n / 2 + 1) * sizeof *tmp);
    int rc = p && tmp ? 0 : -1;
    if (rc < 0)
        lx_raise_heap_error(I);
    size_t nkeys = 0;
    for (; rc == 0 && nkeys < n; nkeys++) {
        p[nkeys].item = items[nkeys];
        p[nkeys].key = key ? lx_call(I, key, &items[nkeys], 1, NULL) : items[nkeys];
        if (!p[nkeys].key)
            rc = -1;
    }
    if (rc == 0) {
        if (reverse)
            reverse_pairs(p, n);
        rc = merge_sort(I, choose_less(p, n), p, n, tmp);
        if (reverse)
            reverse_pairs(p, n);
        for (size_t i = 0; i < n; i++)
            items[i] = p[i].item;
    }
    if (key && p)
        for (size_t i = 0; i < nkeys; i++)
            rc_xdecref(p[i].key);
    rc_free(lx_heap(I), p);
    rc_free(lx_heap(I), tmp);
    return rc;
}
