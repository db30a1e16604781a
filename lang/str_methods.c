/*
 * lang/str_methods.c — the methods of str and bytes (lx_str_methods,
 * lx_bytes_methods).
 *
 * Strings are UTF-8 (validated by the library), indexed by code point.
 * Searching works on bytes — UTF-8 is self-synchronizing, so a byte match of
 * valid UTF-8 is a code-point match — and positions are converted between
 * bytes and code points only where a method takes or returns an index.
 * Case mapping and character classes cover ASCII, Latin-1, Latin
 * Extended-A, Greek and Cyrillic (plus the CJK blocks for isalpha); other
 * code points are uncased and not alphabetic.
 *
 * Every method receives self as args[0] (the core has checked its type) and
 * returns a new reference or NULL with the exception set; argument errors
 * are worded as CPython 3.11 words them.
 */
#include "methods_util.h"

#include <string.h>

#define SELF_DATA(args) rc_str_data((args)[0])
#define SELF_SIZE(args) rc_str_size((args)[0])

/* ---- character classes -------------------------------------------------- */

/* Unicode 14's case mappings (lang/casemap.h, generated): the entry of c,
 * or NULL if every mapping of c is c itself. */
#include "casemap.h"

static const casemap_entry *casemap_find(uint32_t c)
{
    size_t lo = 0, hi = sizeof casemap / sizeof casemap[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (casemap[mid].cp < c)
            lo = mid + 1;
        else if (casemap[mid].cp > c)
            hi = mid;
        else
            return &casemap[mid];
    }
    return NULL;
}

static unsigned case_flags(uint32_t c)
{
    if (c < 0x80)                       /* ASCII without the search */
        return c >= 'a' && c <= 'z' ? CASEMAP_LOWER | CASEMAP_CASED
             : c >= 'A' && c <= 'Z' ? CASEMAP_UPPER | CASEMAP_CASED : 0;
    const casemap_entry *e = casemap_find(c);
    return e ? e->flags : 0;
}
static int cp_is_lower(uint32_t c) { return (case_flags(c) & CASEMAP_LOWER) != 0; }
static int cp_is_upper(uint32_t c) { return (case_flags(c) & CASEMAP_UPPER) != 0; }
static int cp_is_cased(uint32_t c) { return (case_flags(c) & CASEMAP_CASED) != 0; }
/* What makes islower() / isupper() false: a cased character of another case. */
static int cp_is_cased_not_lower(uint32_t c) { return cp_is_cased(c) && !cp_is_lower(c); }
static int cp_is_cased_not_upper(uint32_t c) { return cp_is_cased(c) && !cp_is_upper(c); }
static int cp_is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

static int cp_is_alpha(uint32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    return cp_is_cased(c) || c == 0xAA || c == 0xBA || c == 0x138 || c == 0x149 ||
           (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7A3);
}

static int cp_is_alnum(uint32_t c) { return cp_is_alpha(c) || cp_is_digit(c); }

/* The simple (one code point) case mappings and isalnum, for the re engine. */
uint32_t lx_cp_lower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    const casemap_entry *e = casemap_find(c);
    return e && !(e->lower & CASEMAP_MULTI) ? e->lower : c;
}

uint32_t lx_cp_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    const casemap_entry *e = casemap_find(c);
    return e && !(e->upper & CASEMAP_MULTI) ? e->upper : c;
}

int lx_cp_is_alnum(uint32_t c) { return cp_is_alnum(c); }

/* ---- shared argument handling ------------------------------------------ */

/* Slice bounds for find/count/startswith: code point (or byte) indexes
 * adjusted as a slice, and the matching byte range of self. */
typedef struct span {
    size_t b0, b1;          /* byte range in self */
    int64_t start, end;     /* code point range */
} span;

/* An optional slice index: None or absent gives dflt; a negative one
 * counts from len and stops at 0; a large one is kept as it is. */
static int slice_index(lx_interp *I, rc_object *o, int64_t dflt, int64_t len, int64_t *out)
{
    if (!o || o == rc_none()) {
        *out = dflt;
        return 0;
    }
    int64_t v;
    if (rc_is_type(o, &rc_bigint_type))
        v = rc_bigint_sign(o) > 0 ? INT64_MAX : INT64_MIN;
    else if (!lx_int_like(o, &v)) {
        lx_raise(I, LX_TypeError,
                 "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    if (v < 0)
        v = v + len < 0 ? 0 : v + len;
    *out = v;
    return 0;
}

/* len: code points of self (str) or bytes (bytes).  A start past the end is
 * kept (sp->end - sp->start < 0) so that even an empty match fails. */
static int make_span(lx_interp *I, rc_object *self, int64_t len, rc_object *start,
                     rc_object *end, span *sp)
{
    if (slice_index(I, start, 0, len, &sp->start) < 0 || slice_index(I, end, len, len, &sp->end) < 0)
        return -1;
    if (sp->end > len)
        sp->end = len;
    size_t s0 = (size_t)(sp->start < sp->end ? sp->start : sp->end);
    if (lx_is_str(self)) {
        sp->b0 = lx_str_offset(self, s0);
        sp->b1 = lx_str_offset(self, (size_t)sp->end);
    } else {
        sp->b0 = s0;
        sp->b1 = (size_t)sp->end;
    }
    return 0;
}

static int get_str_arg(lx_interp *I, rc_object *o, const char *what)
{
    if (lx_is_str(o))
        return 0;
    lx_raise(I, LX_TypeError, "%s, not %s", what, lx_type_name(I, o));
    return -1;
}

/* The list of items as new strs (or bytes) over pieces of one buffer. */
static int append_piece(lx_interp *I, rc_object *list, int as_bytes, const char *p, size_t n)
{
    rc_object *item = as_bytes ? rc_bytes_new(lx_heap(I), p, n) : rc_str_new(lx_heap(I), p, n);
    if (!item) {
        lx_raise_heap_error(I);
        return -1;
    }
    return lx_list_append_steal(I, list, item);
}

static rc_object *new_list(lx_interp *I)
{
    rc_object *l = rc_list_new(lx_heap(I));
    return l ? l : lx_raise_heap_error(I);
}

/* ---- searching: find, rfind, index, rindex, count ----------------------- */

/* (sub, start, end) of find and friends: the byte offset of the match in
 * self (or -1), the sub and the span. */
/* The needle of a bytes method: bytes, or an int 0..255 (kept in *one).
 * 0, or -1 with CPython's TypeError / ValueError. */
static int bytes_sub_arg(lx_interp *I, rc_object *arg, char *one, const char **sub, size_t *m)
{
    int64_t v;
    if (rc_is_type(arg, &rc_bytes_type)) {
        *sub = (const char *)rc_bytes_data(arg);
        *m = rc_bytes_len(arg);
        return 0;
    }
    if (!lx_int_like(arg, &v)) {
        lx_raise(I, LX_TypeError, "argument should be integer or bytes-like object, not '%s'",
                 lx_type_name(I, arg));
        return -1;
    }
    if (v < 0 || v > 255) {
        lx_raise(I, LX_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    *one = (char)v;
    *sub = one;
    *m = 1;
    return 0;
}

/* bytes.find and its kin: a byte index, or -1. */
static int search_bytes(lx_interp *I, rc_object *const *args, size_t nargs, int from_end, rc_ssize *at)
{
    char one;
    const char *sub;
    size_t m;
    span sp;
    if (bytes_sub_arg(I, args[1], &one, &sub, &m) < 0 ||
        make_span(I, args[0], (int64_t)rc_bytes_len(args[0]), nargs > 2 ? args[2] : NULL,
                  nargs > 3 ? args[3] : NULL, &sp) < 0)
        return -1;
    *at = -1;
    if (sp.end - sp.start < (int64_t)m)
        return 0;
    rc_ssize r = lx_bytes_find((const char *)rc_bytes_data(args[0]) + sp.b0, sp.b1 - sp.b0, sub, m, from_end);
    if (r >= 0)
        *at = (rc_ssize)(sp.b0 + (size_t)r);
    return 0;
}

static int search(lx_interp *I, const char *name, rc_object *const *args, size_t nargs,
                  rc_object *kwargs, int from_end, rc_ssize *at)
{
    if (lx_no_kwargs(I, name, kwargs) < 0 || lx_arity(I, LX_ARITY_OLD, name, nargs - 1, 1, 3) < 0)
        return -1;
    rc_object *self = args[0], *sub = args[1];
    if (rc_is_type(self, &rc_bytes_type))
        return search_bytes(I, args, nargs, from_end, at);
    if (get_str_arg(I, sub, "must be str") < 0)
        return -1;
    span sp;
    if (make_span(I, self, (int64_t)rc_str_len(self), nargs > 2 ? args[2] : NULL,
                  nargs > 3 ? args[3] : NULL, &sp) < 0)
        return -1;
    *at = -1;
    if (sp.end - sp.start < (int64_t)rc_str_len(sub))
        return 0;
    rc_ssize r = lx_bytes_find(rc_str_data(self) + sp.b0, sp.b1 - sp.b0, rc_str_data(sub),
                               rc_str_size(sub), from_end);
    if (r >= 0)
        *at = (rc_ssize)lx_str_index(self, sp.b0 + (size_t)r);
    return 0;
}

static rc_object *find_common(lx_interp *I, const char *name, rc_object *const *args,
                              size_t nargs, rc_object *kwargs, int from_end, int raise)
{
    rc_ssize at;
    if (search(I, name, args, nargs, kwargs, from_end, &at) < 0)
        return NULL;
    if (at < 0 && raise)
        return lx_raise(I, LX_ValueError, rc_is_type(args[0], &rc_bytes_type) ? "subsection not found"
                                                                              : "substring not found");
    return lx_int(I, at);
}

static rc_object *str_find(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return find_common(I, "find", a, n, kw, 0, 0); }
static rc_object *str_rfind(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return find_common(I, "rfind", a, n, kw, 1, 0); }
static rc_object *str_index(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return find_common(I, "index", a, n, kw, 0, 1); }
static rc_object *str_rindex(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return find_common(I, "rindex", a, n, kw, 1, 1); }

/* count over self[span]: sub's length in the unit of self (code points or
 * bytes) decides the empty-range answer; an empty sub matches between units. */
static rc_object *count_in_span(lx_interp *I, rc_object *self, const span *sp,
                                const char *sub, size_t sub_size, size_t sub_units)
{
    if (sp->end - sp->start < (int64_t)sub_units)
        return lx_int(I, 0);
    if (sub_size == 0)
        return lx_int(I, sp->end - sp->start + 1);
    const char *base = lx_is_str(self) ? rc_str_data(self) : (const char *)rc_bytes_data(self);
    return lx_int(I, (int64_t)lx_bytes_count(base + sp->b0, sp->b1 - sp->b0, sub, sub_size, SIZE_MAX));
}

static rc_object *str_count(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "count", kw) < 0 || lx_arity(I, LX_ARITY_OLD, "count", nargs - 1, 1, 3) < 0)
        return NULL;
    if (get_str_arg(I, args[1], "must be str") < 0)
        return NULL;
    span sp;
    if (make_span(I, args[0], (int64_t)rc_str_len(args[0]), nargs > 2 ? args[2] : NULL,
                  nargs > 3 ? args[3] : NULL, &sp) < 0)
        return NULL;
    return count_in_span(I, args[0], &sp, rc_str_data(args[1]), rc_str_size(args[1]),
                         rc_str_len(args[1]));
}

/* ---- startswith / endswith (str and bytes) ------------------------------ */

static int tail_match(rc_object *self, const span *sp, rc_object *sub, int at_end)
{
    int is_str = lx_is_str(self);
    const char *base = is_str ? rc_str_data(self) : (const char *)rc_bytes_data(self);
    const char *p = is_str ? rc_str_data(sub) : (const char *)rc_bytes_data(sub);
    size_t m = is_str ? rc_str_size(sub) : rc_bytes_len(sub);
    size_t units = is_str ? rc_str_len(sub) : m;
    if (sp->end - sp->start < (int64_t)units)
        return 0;
    size_t at = at_end ? sp->b1 - m : sp->b0;
    return memcmp(base + at, p, m) == 0;
}

static rc_object *starts_ends(lx_interp *I, const char *name, rc_object *const *args,
                              size_t nargs, rc_object *kw, int at_end)
{
    if (lx_no_kwargs(I, name, kw) < 0 || lx_arity(I, LX_ARITY_OLD, name, nargs - 1, 1, 3) < 0)
        return NULL;
    rc_object *self = args[0], *what = args[1];
    int is_str = lx_is_str(self);
    const rc_type *want = is_str ? &rc_str_type : &rc_bytes_type;
    const char *tname = is_str ? "str" : "bytes";
    int64_t len = is_str ? (int64_t)rc_str_len(self) : (int64_t)rc_bytes_len(self);
    span sp;
    if (make_span(I, self, len, nargs > 2 ? args[2] : NULL, nargs > 3 ? args[3] : NULL, &sp) < 0)
        return NULL;
    if (rc_is_type(what, want))
        return rc_bool(tail_match(self, &sp, what, at_end));
    if (!rc_is_type(what, &rc_tuple_type))
        return lx_raise(I, LX_TypeError, "%s first arg must be %s or a tuple of %s, not %s",
                        name, tname, tname, lx_type_name(I, what));
    for (rc_ssize i = 0; i < rc_tuple_len(what); i++) {
        rc_object *item = rc_tuple_get(what, i);
        if (!rc_is_type(item, want))
            return lx_raise(I, LX_TypeError, "tuple for %s must only contain %s, not %s", name,
                            tname, lx_type_name(I, item));
        if (tail_match(self, &sp, item, at_end))
            return rc_true();
    }
    return rc_false();
}

static rc_object *str_startswith(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return starts_ends(I, "startswith", a, n, kw, 0); }
static rc_object *str_endswith(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return starts_ends(I, "endswith", a, n, kw, 1); }

/* ---- join (str and bytes) ----------------------------------------------- */

static rc_object *join_common(lx_interp *I, rc_object *sep, rc_object *iterable)
{
    int is_str = lx_is_str(sep);
    rc_object *it = lx_iter(I, iterable);
    if (!it) {
        if (lx_exc_matches(I, LX_TypeError)) {
            lx_exc_clear(I);
            lx_raise(I, LX_TypeError, "can only join an iterable");
        }
        return NULL;
    }
    lx_buf b;
    lx_buf_init(&b, I);
    rc_object *item;
    size_t i = 0;
    for (; (item = lx_next(I, it)) != NULL; i++) {
        rc_object *v = lx_value_of(item);       /* a str subclass instance: its value */
        int ok = is_str ? lx_is_str(v) : rc_is_type(v, &rc_bytes_type);
        int rc = -1;
        if (!ok)
            lx_raise(I, LX_TypeError, is_str ? "sequence item %zu: expected str instance, %s found"
                                             : "sequence item %zu: expected a bytes-like object, %s found",
                     i, lx_type_name(I, item));
        else if (i == 0 || lx_buf_put(&b, is_str ? rc_str_data(sep) : (const char *)rc_bytes_data(sep),
                                      is_str ? rc_str_size(sep) : rc_bytes_len(sep)) == 0)
            rc = lx_buf_put(&b, is_str ? rc_str_data(v) : (const char *)rc_bytes_data(v),
                            is_str ? rc_str_size(v) : rc_bytes_len(v));
        rc_decref(item);
        if (rc < 0)
            break;
    }
    rc_decref(it);
    if (lx_exc_occurred(I)) {
        lx_buf_free(&b);
        return NULL;
    }
    return is_str ? lx_buf_to_str(&b) : lx_buf_to_bytes(&b);
}

static rc_object *str_join(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "str.join", kw) < 0 || lx_arity(I, LX_ARITY_METHOD, "str.join", nargs - 1, 1, 1) < 0)
        return NULL;
    return join_common(I, args[0], args[1]);
}

/* ---- split / rsplit ----------------------------------------------------- */

static int split_args(lx_interp *I, const char *name, rc_object *const *args, size_t nargs,
                      rc_object *kw, rc_object **sep, int64_t *maxsplit)
{
    static const char *const names[] = {"sep", "maxsplit"};
    rc_object *v[2];
    if (lx_arity(I, LX_ARITY_OLD, name, nargs - 1, 0, 2) < 0 ||
        lx_bind(I, name, args + 1, nargs - 1, kw, names, 2, v) < 0)
        return -1;
    *sep = v[0] && v[0] != rc_none() ? v[0] : NULL;
    *maxsplit = -1;
    if (*sep && get_str_arg(I, *sep, "must be str or None") < 0)
        return -1;
    if (v[1] && lx_index_arg(I, v[1], maxsplit) < 0)
        return -1;
    if (*sep && rc_str_size(*sep) == 0) {
        lx_raise(I, LX_ValueError, "empty separator");
        return -1;
    }
    if (*maxsplit < 0)
        *maxsplit = INT64_MAX;
    return 0;
}

/* Whitespace split, left to right: runs of whitespace separate words; after
 * maxsplit words the rest (leading whitespace skipped) is the last item. */
/* Whether the code point starting at s[i] is whitespace; *next is set past
 * it.  ASCII is answered without decoding. */
static inline int space_at(const char *s, size_t i, size_t *next)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *next = i + 1;
        return lx_is_space_ascii(c);
    }
    *next = i;
    return lx_is_space_cp(lx_utf8_decode(s, next));
}

static int split_whitespace(lx_interp *I, rc_object *list, const char *s, size_t n, int64_t maxsplit)
{
    size_t i = 0;
    for (;;) {
        size_t j = i, next = i;
        while (j < n && space_at(s, j, &next))
            j = next;
        if (j >= n)
            return 0;
        if (maxsplit-- == 0)
            return append_piece(I, list, 0, s + j, n - j);
        size_t k = j;
        while (k < n && !space_at(s, k, &next))
            k = next;
        if (append_piece(I, list, 0, s + j, k - j) < 0)
            return -1;
        i = k;
    }
}

/* The start of the code point that ends at byte end (end > 0). */
static size_t prev_cp(const char *s, size_t end)
{
    do
        end--;
    while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80);
    return end;
}

static int is_space_before(const char *s, size_t end)
{
    size_t p = prev_cp(s, end);
    return lx_is_space_cp(lx_utf8_decode(s, &p));
}

/* Whitespace split from the right; the pieces are collected in reverse. */
static int rsplit_whitespace(lx_interp *I, rc_object *list, const char *s, size_t n, int64_t maxsplit)
{
    size_t end = n;
    for (;;) {
        while (end > 0 && is_space_before(s, end))
            end = prev_cp(s, end);
        if (end == 0)
            return 0;
        if (maxsplit-- == 0)
            return append_piece(I, list, 0, s, end);
        size_t k = end;
        while (k > 0 && !is_space_before(s, k))
            k = prev_cp(s, k);
        if (append_piece(I, list, 0, s + k, end - k) < 0)
            return -1;
        end = k;
    }
}

static int split_sep(lx_interp *I, rc_object *list, const char *s, size_t n, const char *sep,
                     size_t m, int64_t maxsplit, int from_end, int as_bytes)
{
    size_t lo = 0, hi = n;          /* the part not yet split */
    while (maxsplit-- > 0) {
        rc_ssize at = lx_bytes_find(s + lo, hi - lo, sep, m, from_end);
        if (at < 0)
            break;
        size_t p = lo + (size_t)at;
        int rc = from_end ? append_piece(I, list, as_bytes, s + p + m, hi - p - m)
                          : append_piece(I, list, as_bytes, s + lo, p - lo);
        if (rc < 0)
            return -1;
        if (from_end)
            hi = p;
        else
            lo = p + m;
    }
    return append_piece(I, list, as_bytes, s + lo, hi - lo);
}

static rc_object *split_common(lx_interp *I, const char *name, rc_object *const *args,
                               size_t nargs, rc_object *kw, int from_end)
{
    rc_object *sep;
    int64_t maxsplit;
    if (split_args(I, name, args, nargs, kw, &sep, &maxsplit) < 0)
        return NULL;
    rc_object *list = new_list(I);
    if (!list)
        return NULL;
    const char *s = SELF_DATA(args);
    size_t n = SELF_SIZE(args);
    int rc;
    if (sep)
        rc = split_sep(I, list, s, n, rc_str_data(sep), rc_str_size(sep), maxsplit, from_end, 0);
    else if (from_end)
        rc = rsplit_whitespace(I, list, s, n, maxsplit);
    else
        rc = split_whitespace(I, list, s, n, maxsplit);
    if (rc == 0 && from_end)
        rc = lx_list_reverse(I, list);
    if (rc < 0) {
        rc_decref(list);
        return NULL;
    }
    return list;
}

static rc_object *str_split(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return split_common(I, "split", a, n, kw, 0); }
static rc_object *str_rsplit(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return split_common(I, "rsplit", a, n, kw, 1); }

/* ---- splitlines --------------------------------------------------------- */

static int is_line_break(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D ||
           c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static rc_object *str_splitlines(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"keepends"};
    rc_object *v[1];
    int64_t keep = 0;
    if (lx_arity(I, LX_ARITY_OLD, "splitlines", nargs - 1, 0, 1) < 0 ||
        lx_bind(I, "splitlines", args + 1, nargs - 1, kw, names, 1, v) < 0 ||
        (v[0] && lx_index_arg(I, v[0], &keep) < 0))
        return NULL;
    rc_object *list = new_list(I);
    if (!list)
        return NULL;
    const char *s = SELF_DATA(args);
    size_t n = SELF_SIZE(args), start = 0, i = 0;
    while (i < n) {
        size_t at = i;
        uint32_t c = lx_utf8_decode(s, &i);
        if (!is_line_break(c))
            continue;
        if (c == '\r' && i < n && s[i] == '\n')
            i++;
        if (append_piece(I, list, 0, s + start, (keep ? i : at) - start) < 0) {
            rc_decref(list);
            return NULL;
        }
        start = i;
    }
    if (start < n && append_piece(I, list, 0, s + start, n - start) < 0) {
        rc_decref(list);
        return NULL;
    }
    return list;
}

/* ---- strip -------------------------------------------------------------- */

static int in_chars(rc_object *chars, uint32_t c)
{
    if (!chars)
        return lx_is_space_cp(c);
    const char *p = rc_str_data(chars);
    size_t n = rc_str_size(chars), i = 0;
    while (i < n)
        if (lx_utf8_decode(p, &i) == c)
            return 1;
    return 0;
}

static rc_object *strip_common(lx_interp *I, const char *name, rc_object *const *args,
                               size_t nargs, rc_object *kw, int left, int right)
{
    if (lx_no_kwargs(I, name, kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, name, nargs - 1, 0, 1) < 0)
        return NULL;
    rc_object *chars = nargs > 1 && args[1] != rc_none() ? args[1] : NULL;
    if (chars && !lx_is_str(chars))
        return lx_raise(I, LX_TypeError, "%s arg must be None or str", name);
    const char *s = SELF_DATA(args);
    size_t lo = 0, hi = SELF_SIZE(args);
    while (left && lo < hi) {
        size_t next = lo;
        if (!in_chars(chars, lx_utf8_decode(s, &next)))
            break;
        lo = next;
    }
    while (right && hi > lo) {
        size_t p = prev_cp(s, hi), q = p;
        if (!in_chars(chars, lx_utf8_decode(s, &q)))
            break;
        hi = p;
    }
    if (lo == 0 && hi == SELF_SIZE(args)) {
        rc_incref(args[0]);
        return args[0];
    }
    return lx_str_from_bytes(I, s + lo, hi - lo);
}

static rc_object *str_strip(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return strip_common(I, "strip", a, n, kw, 1, 1); }
static rc_object *str_lstrip(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return strip_common(I, "lstrip", a, n, kw, 1, 0); }
static rc_object *str_rstrip(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return strip_common(I, "rstrip", a, n, kw, 0, 1); }

/* ---- case mapping ------------------------------------------------------- */

/* The full mappings (several code points for some: 'ß'.upper() == 'SS'),
 * as casemap codes.  A mapper gets the string and the position after c, for
 * the context lower() needs (final sigma), and a state for title and
 * capitalize (was the previous character cased / is this the first). */
typedef uint32_t (*cp_mapper)(uint32_t c, const char *s, size_t n, size_t next, size_t start, int *state);

enum { MAP_UPPER, MAP_LOWER, MAP_TITLE, MAP_FOLD };
static uint32_t full(uint32_t c, int which)
{
    if (c < 0x80) {                     /* ASCII without the search */
        if (which == MAP_UPPER || which == MAP_TITLE)
            return c >= 'a' && c <= 'z' ? c - 32 : c;
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    const casemap_entry *e = casemap_find(c);
    if (!e)
        return c;
    return which == MAP_UPPER ? e->upper : which == MAP_LOWER ? e->lower : which == MAP_TITLE ? e->title
                                                                                             : e->fold;
}

/* Capital sigma lowers to final sigma at the end of a word: after a cased
 * letter and not before one (Unicode's Final_Sigma, without its
 * case-ignorable characters). */
static uint32_t lower_in_context(uint32_t c, const char *s, size_t n, size_t next, size_t start)
{
    if (c != 0x3A3)
        return full(c, MAP_LOWER);
    int before = 0, after = 0;
    if (start > 0) {
        size_t k = start - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        size_t j = k;
        before = cp_is_cased(lx_utf8_decode(s, &j));
    }
    if (next < n) {
        size_t j = next;
        after = cp_is_cased(lx_utf8_decode(s, &j));
    }
    return before && !after ? 0x3C2 : 0x3C3;
}

static uint32_t map_upper(uint32_t c, const char *s, size_t n, size_t next, size_t start, int *state)
{
    (void)s, (void)n, (void)next, (void)start, (void)state;
    return full(c, MAP_UPPER);
}
static uint32_t map_lower(uint32_t c, const char *s, size_t n, size_t next, size_t start, int *state)
{
    (void)state;
    return lower_in_context(c, s, n, next, start);
}
static uint32_t map_fold(uint32_t c, const char *s, size_t n, size_t next, size_t start, int *state)
{
    (void)s, (void)n, (void)next, (void)start, (void)state;
    return full(c, MAP_FOLD);
}
static uint32_t map_swapcase(uint32_t c, const char *s, size_t n, size_t next, size_t start, int *state)
{
    (void)state;
    if (cp_is_upper(c))
        return lower_in_context(c, s, n, next, start);
    return cp_is_lower(c) ? full(c, MAP_UPPER) : c;
}
static uint32_t map_title(uint32_t c, const char *s, size_t n, size_t next, size_t start, int *prev_cased)
{
    uint32_t r = *prev_cased ? lower_in_context(c, s, n, next, start) : full(c, MAP_TITLE);
    *prev_cased = cp_is_cased(c);
    return r;
}
static uint32_t map_capitalize(uint32_t c, const char *s, size_t n, size_t next, size_t start, int *seen_first)
{
    uint32_t r = *seen_first ? lower_in_context(c, s, n, next, start) : full(c, MAP_TITLE);
    *seen_first = 1;
    return r;
}

static rc_object *map_common(lx_interp *I, const char *name, rc_object *const *args,
                             size_t nargs, rc_object *kw, cp_mapper fn)
{
    if (lx_method_no_args(I, name, nargs, kw) < 0)
        return NULL;
    const char *s = SELF_DATA(args);
    size_t n = SELF_SIZE(args), i = 0;
    int state = 0;
    lx_buf b;
    lx_buf_init(&b, I);
    while (i < n) {
        size_t start = i;
        uint32_t c = lx_utf8_decode(s, &i);
        uint32_t code = fn(c, s, n, i, start, &state);
        const uint32_t *cps = &code;
        int k = 1;
        if (code & CASEMAP_MULTI) {
            cps = casemap_multi[code & ~CASEMAP_MULTI];
            k = cps[2] ? 3 : cps[1] ? 2 : 1;
        }
        for (int j = 0; j < k; j++) {
            char enc[4];
            if (lx_buf_put(&b, enc, lx_utf8_encode(cps[j], enc)) < 0) {
                lx_buf_free(&b);
                return NULL;
            }
        }
    }
    return lx_buf_to_str(&b);
}

static rc_object *str_upper(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return map_common(I, "str.upper", a, n, kw, map_upper); }
static rc_object *str_lower(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return map_common(I, "str.lower", a, n, kw, map_lower); }
static rc_object *str_casefold(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return map_common(I, "str.casefold", a, n, kw, map_fold); }
static rc_object *str_swapcase(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return map_common(I, "str.swapcase", a, n, kw, map_swapcase); }
static rc_object *str_title(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return map_common(I, "str.title", a, n, kw, map_title); }
static rc_object *str_capitalize(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return map_common(I, "str.capitalize", a, n, kw, map_capitalize); }

/* ---- predicates --------------------------------------------------------- */

/* all: every character satisfies pred (and there is one); for isupper /
 * islower: some character is cased and none has the opposite case. */
static rc_object *pred_common(lx_interp *I, const char *name, rc_object *const *args,
                              size_t nargs, rc_object *kw, int (*pred)(uint32_t),
                              int (*opposite)(uint32_t))
{
    if (lx_method_no_args(I, name, nargs, kw) < 0)
        return NULL;
    const char *s = SELF_DATA(args);
    size_t n = SELF_SIZE(args), i = 0;
    int any = 0;
    while (i < n) {
        uint32_t c = lx_utf8_decode(s, &i);
        if (opposite) {
            if (opposite(c))
                return rc_false();
            any |= pred(c);
        } else {
            if (!pred(c))
                return rc_false();
            any = 1;
        }
    }
    return rc_bool(any);
}

static int cp_is_space(uint32_t c) { return lx_is_space_cp(c); }

static rc_object *str_isdigit(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return pred_common(I, "str.isdigit", a, n, kw, cp_is_digit, NULL); }
static rc_object *str_isdecimal(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return pred_common(I, "str.isdecimal", a, n, kw, cp_is_digit, NULL); }
static rc_object *str_isnumeric(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return pred_common(I, "str.isnumeric", a, n, kw, cp_is_digit, NULL); }
static rc_object *str_isalpha(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return pred_common(I, "str.isalpha", a, n, kw, cp_is_alpha, NULL); }
static rc_object *str_isalnum(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return pred_common(I, "str.isalnum", a, n, kw, cp_is_alnum, NULL); }
static rc_object *str_isspace(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return pred_common(I, "str.isspace", a, n, kw, cp_is_space, NULL); }
static rc_object *str_isupper(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return pred_common(I, "str.isupper", a, n, kw, cp_is_upper, cp_is_cased_not_upper); }
static rc_object *str_islower(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return pred_common(I, "str.islower", a, n, kw, cp_is_lower, cp_is_cased_not_lower); }

static rc_object *str_isascii(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "str.isascii", nargs, kw) < 0)
        return NULL;
    return rc_bool(rc_str_len(args[0]) == rc_str_size(args[0]));
}

/* istitle: some cased character; an uppercase one only after an uncased
 * one, a lowercase one only after a cased one. */
static rc_object *str_istitle(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "str.istitle", nargs, kw) < 0)
        return NULL;
    const char *s = SELF_DATA(args);
    size_t n = SELF_SIZE(args), i = 0;
    int prev_cased = 0, any = 0;
    while (i < n) {
        uint32_t c = lx_utf8_decode(s, &i);
        if (cp_is_upper(c) ? prev_cased : cp_is_lower(c) && !prev_cased)
            return rc_false();
        prev_cased = cp_is_cased(c);
        any |= prev_cased;
    }
    return rc_bool(any);
}

/* ---- partition, removeprefix, removesuffix ------------------------------ */

static rc_object *partition_common(lx_interp *I, const char *name, rc_object *const *args,
                                   size_t nargs, rc_object *kw, int from_end)
{
    char qual[32];
    snprintf(qual, sizeof qual, "str.%s", name);
    if (lx_no_kwargs(I, qual, kw) < 0 || lx_arity(I, LX_ARITY_METHOD, qual, nargs - 1, 1, 1) < 0 ||
        get_str_arg(I, args[1], "must be str") < 0)
        return NULL;
    if (rc_str_size(args[1]) == 0)
        return lx_raise(I, LX_ValueError, "empty separator");
    const char *s = SELF_DATA(args);
    size_t n = SELF_SIZE(args), m = rc_str_size(args[1]);
    rc_ssize at = lx_bytes_find(s, n, rc_str_data(args[1]), m, from_end);
    rc_object *parts[3];
    if (at < 0) {
        parts[from_end ? 2 : 0] = args[0];
        rc_incref(args[0]);
        parts[1] = lx_str_from_bytes(I, "", 0);
        parts[from_end ? 0 : 2] = lx_str_from_bytes(I, "", 0);
    } else {
        parts[0] = lx_str_from_bytes(I, s, (size_t)at);
        parts[1] = args[1];
        rc_incref(args[1]);
        parts[2] = lx_str_from_bytes(I, s + at + m, n - (size_t)at - m);
    }
    rc_object *t = parts[0] && parts[1] && parts[2] ? rc_tuple_new(lx_heap(I), 3) : NULL;
    for (int i = 0; i < 3; i++) {
        if (t && rc_tuple_set(t, i, parts[i]) < 0)
            RC_CLEAR(t);
        rc_xdecref(parts[i]);
    }
    if (!t && !lx_exc_occurred(I))
        lx_raise_heap_error(I);
    return t;
}

static rc_object *str_partition(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return partition_common(I, "partition", a, n, kw, 0); }
static rc_object *str_rpartition(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return partition_common(I, "rpartition", a, n, kw, 1); }

static rc_object *remove_affix(lx_interp *I, const char *name, rc_object *const *args,
                               size_t nargs, rc_object *kw, int suffix)
{
    if (lx_no_kwargs(I, name, kw) < 0 || lx_arity(I, LX_ARITY_METHOD, name, nargs - 1, 1, 1) < 0)
        return NULL;
    if (!lx_is_str(args[1]))
        return lx_raise(I, LX_TypeError, "%s() argument must be str, not %s", name + 4,
                        lx_type_name(I, args[1]));
    const char *s = SELF_DATA(args), *a = rc_str_data(args[1]);
    size_t n = SELF_SIZE(args), m = rc_str_size(args[1]);
    if (m == 0 || m > n || memcmp(suffix ? s + n - m : s, a, m) != 0) {
        rc_incref(args[0]);
        return args[0];
    }
    return lx_str_from_bytes(I, suffix ? s : s + m, n - m);
}

static rc_object *str_removeprefix(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return remove_affix(I, "str.removeprefix", a, n, kw, 0); }
static rc_object *str_removesuffix(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return remove_affix(I, "str.removesuffix", a, n, kw, 1); }

/* ---- replace ------------------------------------------------------------ */

static rc_object *str_replace(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "replace", kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, "replace", nargs - 1, 2, 3) < 0)
        return NULL;
    for (int i = 1; i <= 2; i++)
        if (!lx_is_str(args[i]))
            return lx_raise(I, LX_TypeError, "replace() argument %d must be str, not %s", i,
                            lx_type_name(I, args[i]));
    int64_t count = -1;
    if (nargs > 3 && lx_index_arg(I, args[3], &count) < 0)
        return NULL;
    if (count < 0)
        count = INT64_MAX;
    const char *s = SELF_DATA(args), *old = rc_str_data(args[1]), *rep = rc_str_data(args[2]);
    size_t n = SELF_SIZE(args), m = rc_str_size(args[1]), r = rc_str_size(args[2]), i = 0;
    lx_buf b;
    lx_buf_init(&b, I);
    int rc = 0;
    if (m == 0) {                   /* insert rep before each character and at the end */
        while (rc == 0 && count > 0 && i <= n) {
            rc = lx_buf_put(&b, rep, r);
            count--;
            if (i == n)
                break;
            size_t len = lx_utf8_seqlen((unsigned char)s[i]);
            rc |= lx_buf_put(&b, s + i, len);
            i += len;
        }
        if (i >= n)
            i = n;
    } else {
        rc_ssize at;
        while (rc == 0 && count > 0 && (at = lx_bytes_find(s + i, n - i, old, m, 0)) >= 0) {
            rc = lx_buf_put(&b, s + i, (size_t)at) | lx_buf_put(&b, rep, r);
            i += (size_t)at + m;
            count--;
        }
    }
    if (rc < 0 || lx_buf_put(&b, s + i, n - i) < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}

/* ---- padding: center, ljust, rjust, zfill ------------------------------- */

static rc_object *pad(lx_interp *I, rc_object *self, size_t left, size_t right,
                      const char *fill, size_t fill_len)
{
    if (left == 0 && right == 0) {
        rc_incref(self);
        return self;
    }
    lx_buf b;
    lx_buf_init(&b, I);
    if (lx_buf_repeat(&b, fill, fill_len, left) < 0 || lx_buf_put_str(&b, self) < 0 ||
        lx_buf_repeat(&b, fill, fill_len, right) < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}

/* mode: 'c' center, 'l' ljust, 'r' rjust. */
static rc_object *justify(lx_interp *I, const char *name, rc_object *const *args, size_t nargs,
                          rc_object *kw, char mode)
{
    if (lx_no_kwargs(I, name, kw) < 0 || lx_arity(I, LX_ARITY_CLINIC, name, nargs - 1, 1, 2) < 0)
        return NULL;
    int64_t width;
    if (lx_index_arg(I, args[1], &width) < 0)
        return NULL;
    const char *fill = " ";
    size_t fill_len = 1;
    if (nargs > 2) {
        if (!lx_is_str(args[2]))
            return lx_raise(I, LX_TypeError, "The fill character must be a unicode character, not %s",
                            lx_type_name(I, args[2]));
        if (rc_str_len(args[2]) != 1)
            return lx_raise(I, LX_TypeError, "The fill character must be exactly one character long");
        fill = rc_str_data(args[2]);
        fill_len = rc_str_size(args[2]);
    }
    int64_t len = (int64_t)rc_str_len(args[0]);
    size_t marg = width > len ? (size_t)(width - len) : 0, left;
    if (mode == 'c')
        left = marg / 2 + (marg & (size_t)width & 1);
    else
        left = mode == 'r' ? marg : 0;
    return pad(I, args[0], left, marg - left, fill, fill_len);
}

static rc_object *str_center(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return justify(I, "center", a, n, kw, 'c'); }
static rc_object *str_ljust(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return justify(I, "ljust", a, n, kw, 'l'); }
static rc_object *str_rjust(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{ return justify(I, "rjust", a, n, kw, 'r'); }

static rc_object *str_zfill(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "str.zfill", kw) < 0 || lx_arity(I, LX_ARITY_METHOD, "str.zfill", nargs - 1, 1, 1) < 0)
        return NULL;
    int64_t width;
    if (lx_index_arg(I, args[1], &width) < 0)
        return NULL;
    int64_t len = (int64_t)rc_str_len(args[0]);
    if (width <= len) {
        rc_incref(args[0]);
        return args[0];
    }
    const char *s = SELF_DATA(args);
    size_t n = SELF_SIZE(args), sign = n > 0 && (s[0] == '+' || s[0] == '-');
    lx_buf b;
    lx_buf_init(&b, I);
    if (lx_buf_put(&b, s, sign) < 0 || lx_buf_repeat(&b, "0", 1, (size_t)(width - len)) < 0 ||
        lx_buf_put(&b, s + sign, n - sign) < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}

/* ---- encode / decode ---------------------------------------------------- */

typedef enum codec { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1 } codec;

static int lookup_codec(lx_interp *I, rc_object *name, codec *out)
{
    char norm[32];
    const char *s = name ? rc_str_data(name) : "utf-8";
    size_t i = 0;
    for (; s[i] && i + 1 < sizeof norm; i++)
        norm[i] = s[i] == '_' ? '-' : (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    norm[i] = 0;
    if (!strcmp(norm, "utf-8") || !strcmp(norm, "utf8"))
        *out = CODEC_UTF8;
    else if (!strcmp(norm, "ascii") || !strcmp(norm, "us-ascii"))
        *out = CODEC_ASCII;
    else if (!strcmp(norm, "latin-1") || !strcmp(norm, "latin1") || !strcmp(norm, "iso-8859-1"))
        *out = CODEC_LATIN1;
    else {
        lx_raise(I, LX_LookupError, "unknown encoding: %s", s);
        return -1;
    }
    return 0;
}

/* (encoding, errors) of encode/decode, both optional strs. */
static int codec_args(lx_interp *I, const char *name, rc_object *const *args, size_t nargs,
                      rc_object *kw, codec *c, const char **errors)
{
    static const char *const names[] = {"encoding", "errors"};
    rc_object *v[2];
    if (lx_arity(I, LX_ARITY_OLD, name, nargs - 1, 0, 2) < 0 ||
        lx_bind(I, name, args + 1, nargs - 1, kw, names, 2, v) < 0)
        return -1;
    for (int i = 0; i < 2; i++)
        if (v[i] && !lx_is_str(v[i])) {
            lx_raise(I, LX_TypeError, "%s() argument '%s' must be str, not %s", name, names[i],
                     lx_type_name(I, v[i]));
            return -1;
        }
    *errors = v[1] ? rc_str_data(v[1]) : "strict";
    return lookup_codec(I, v[0], c);
}

static rc_object *str_encode(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    codec c;
    const char *errors;
    if (codec_args(I, "encode", args, nargs, kw, &c, &errors) < 0)
        return NULL;
    const char *s = SELF_DATA(args);
    size_t n = SELF_SIZE(args), i = 0, index = 0;
    if (c == CODEC_UTF8) {
        rc_object *r = rc_bytes_new(lx_heap(I), s, n);
        return r ? r : lx_raise_heap_error(I);
    }
    uint32_t limit = c == CODEC_ASCII ? 0x80 : 0x100;
    lx_buf b;
    lx_buf_init(&b, I);
    for (; i < n; index++) {
        uint32_t cp = lx_utf8_decode(s, &i);
        int rc = 0;
        if (cp < limit)
            rc = lx_buf_putc(&b, (char)cp);
        else if (!strcmp(errors, "replace"))
            rc = lx_buf_putc(&b, '?');
        else if (strcmp(errors, "ignore") != 0) {
            lx_raise(I, LX_UnicodeError,
                     "'%s' codec can't encode character '\\x%s%x' in position %zu: ordinal not in range(%u)",
                     c == CODEC_ASCII ? "ascii" : "latin-1", cp < 0x10 ? "0" : "", (unsigned)cp,
                     index, (unsigned)limit);
            rc = -1;
        }
        if (rc < 0) {
            lx_buf_free(&b);
            return NULL;
        }
    }
    return lx_buf_to_bytes(&b);
}

/* Length of the valid UTF-8 sequence at p[0..n), or 0 with *why set. */
static size_t utf8_valid_seq(const unsigned char *p, size_t n, const char **why)
{
    unsigned char c = p[0];
    size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (len == 0) {
        *why = "invalid start byte";
        return 0;
    }
    for (size_t k = 1; k < len; k++) {
        if (k >= n) {
            *why = "unexpected end of data";
            return 0;
        }
        unsigned char lo = 0x80, hi = 0xBF;
        if (k == 1 && c == 0xE0) lo = 0xA0;
        if (k == 1 && c == 0xED) hi = 0x9F;
        if (k == 1 && c == 0xF0) lo = 0x90;
        if (k == 1 && c == 0xF4) hi = 0x8F;
        if (p[k] < lo || p[k] > hi) {
            *why = "invalid continuation byte";
            return 0;
        }
    }
    return len;
}

static rc_object *bytes_decode(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    codec c;
    const char *errors;
    if (codec_args(I, "decode", args, nargs, kw, &c, &errors) < 0)
        return NULL;
    const unsigned char *p = rc_bytes_data(args[0]);
    size_t n = rc_bytes_len(args[0]), i = 0;
    lx_buf b;
    lx_buf_init(&b, I);
    while (i < n) {
        const char *why = "ordinal not in range(128)";
        size_t len = c == CODEC_UTF8 ? utf8_valid_seq(p + i, n - i, &why)
                     : (c == CODEC_LATIN1 || p[i] < 0x80);
        int rc;
        if (len > 0 && c == CODEC_LATIN1) {
            char enc[4];
            rc = lx_buf_put(&b, enc, lx_utf8_encode(p[i], enc));
        } else if (len > 0)
            rc = lx_buf_put(&b, p + i, len);
        else if (!strcmp(errors, "replace"))
            rc = lx_buf_put(&b, "\xEF\xBF\xBD", 3);
        else if (!strcmp(errors, "ignore"))
            rc = 0;
        else if (!strcmp(why, "unexpected end of data") && n - i > 1) {
            lx_raise(I, LX_UnicodeError,
                     "'utf-8' codec can't decode bytes in position %zu-%zu: unexpected end of data",
                     i, n - 1);
            rc = -1;
        } else {
            lx_raise(I, LX_UnicodeError, "'%s' codec can't decode byte 0x%02x in position %zu: %s",
                     c == CODEC_UTF8 ? "utf-8" : "ascii", p[i], i, why);
            rc = -1;
        }
        if (rc < 0) {
            lx_buf_free(&b);
            return NULL;
        }
        i += len ? len : 1;
    }
    return lx_buf_to_str(&b);
}

/* ---- bytes: hex, count, startswith, endswith, join ----------------------- */

static rc_object *bytes_hex(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_method_no_args(I, "bytes.hex", nargs, kw) < 0)
        return NULL;
    static const char digits[] = "0123456789abcdef";
    const unsigned char *p = rc_bytes_data(args[0]);
    size_t n = rc_bytes_len(args[0]);
    lx_buf b;
    lx_buf_init(&b, I);
    for (size_t i = 0; i < n; i++) {
        char two[2] = {digits[p[i] >> 4], digits[p[i] & 15]};
        if (lx_buf_put(&b, two, 2) < 0) {
            lx_buf_free(&b);
            return NULL;
        }
    }
    return lx_buf_to_str(&b);
}

static rc_object *bytes_count(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "count", kw) < 0 || lx_arity(I, LX_ARITY_OLD, "count", nargs - 1, 1, 3) < 0)
        return NULL;
    char one;
    const char *sub;
    size_t m;
    if (bytes_sub_arg(I, args[1], &one, &sub, &m) < 0)
        return NULL;
    span sp;
    if (make_span(I, args[0], (int64_t)rc_bytes_len(args[0]), nargs > 2 ? args[2] : NULL,
                  nargs > 3 ? args[3] : NULL, &sp) < 0)
        return NULL;
    return count_in_span(I, args[0], &sp, sub, m, m);
}

static rc_object *bytes_join(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "bytes.join", kw) < 0 || lx_arity(I, LX_ARITY_METHOD, "bytes.join", nargs - 1, 1, 1) < 0)
        return NULL;
    return join_common(I, args[0], args[1]);
}

const lx_func_def lx_str_methods[] = {
    {"join", str_join},           {"split", str_split},
    {"rsplit", str_rsplit},       {"splitlines", str_splitlines},
    {"strip", str_strip},         {"lstrip", str_lstrip},
    {"rstrip", str_rstrip},       {"upper", str_upper},
    {"lower", str_lower},         {"swapcase", str_swapcase},
    {"title", str_title},         {"capitalize", str_capitalize},
    {"replace", str_replace},     {"startswith", str_startswith},
    {"endswith", str_endswith},   {"find", str_find},
    {"rfind", str_rfind},         {"index", str_index},
    {"rindex", str_rindex},       {"count", str_count},
    {"isdigit", str_isdigit},     {"isdecimal", str_isdecimal},
    {"isnumeric", str_isnumeric}, {"isalpha", str_isalpha},
    {"isalnum", str_isalnum},     {"isspace", str_isspace},
    {"isupper", str_isupper},     {"islower", str_islower},
    {"isascii", str_isascii},     {"center", str_center},
    {"ljust", str_ljust},         {"rjust", str_rjust},
    {"zfill", str_zfill},         {"format", lx_str_format_method},
    {"encode", str_encode},       {"istitle", str_istitle},
    {"partition", str_partition}, {"rpartition", str_rpartition},
    {"removeprefix", str_removeprefix}, {"removesuffix", str_removesuffix},
    {"casefold", str_casefold},   {NULL, NULL},
};

const lx_func_def lx_bytes_methods[] = {
    {"decode", bytes_decode},     {"hex", bytes_hex},
    {"count", bytes_count},       {"startswith", str_startswith},
    {"endswith", str_endswith},   {"join", bytes_join},
    {"find", str_find},           {"rfind", str_rfind},
    {"index", str_index},         {"rindex", str_rindex},
    {NULL, NULL},
};
