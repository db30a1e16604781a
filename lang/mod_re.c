/*
 * lang/mod_re.c — the native `_re` module under lib/re.py: compiled
 * programs (lang/regex.h) and the loops that must be fast (findall, sub
 * with a template, split, the spans of every match).
 *
 * lib/re.py owns the API (Pattern, Match, caching, templates parsing,
 * re.error); this module takes and returns plain values:
 *   compile(pattern, flags) -> (program, flags, groups, {name: group})
 *                              or (message, position-or-None) for re.error
 *   match(program, string, pos, endpos, mode) -> None or a result tuple
 *   scan(program, string, pos, endpos, limit) -> [result tuple, ...]
 *   findall(program, string, pos, endpos) -> list
 *   sub(program, string, template, count) -> (new string, count)
 *   subfn(program, string, count, make_match, repl) -> (new string, count):
 *       repl(make_match(result tuple)) replaces each match
 *   split(program, string, maxsplit) -> list
 * A result tuple is (start0, end0, start1, end1, ..., lastindex, group0,
 * group1, ...): code-point positions, -1 for a group that did not take
 * part (its string None), lastindex -1 for none.  The group strings are
 * cut here because slicing a non-ASCII str by code point costs a scan.
 *
 * Invariants: a program object owns its rx_program and nothing else (no
 * references: not GC-tracked); a subject borrows the string's UTF-8 and,
 * for non-ASCII text, owns a code-point array and byte offsets allocated on
 * the interpreter's heap, freed before each function returns.
 */
#include "mod_util.h"

#include <string.h>

#include "methods_util.h"
#include "regex.h"

typedef struct re_program {
    rc_object ob;
    rx_program *prog;
} re_program;

static void program_destroy(rc_object *self)
{
    rx_free(((re_program *)self)->prog);
}

static const rc_type program_type = {
    .name = "Program", .size = sizeof(re_program), .destroy = program_destroy,
};
static const lx_type_slots program_slots = {.type = &program_type, .name = "Program", .module = "_re"};

/* ---- subjects ---------------------------------------------------------- */

typedef struct subject {
    rx_subject rx;
    const char *utf8;
    uint32_t *wide;         /* non-ASCII text: the code points ... */
    uint32_t *offsets;      /* ... and the byte offset of each (len + 1; text < 4 GB) */
    rc_heap *heap;
} subject;

static int subject_open(lx_interp *I, rc_object *o, subject *s)
{
    memset(s, 0, sizeof *s);
    s->heap = lx_heap(I);
    if (!rc_is_type(o, &rc_str_type)) {
        if (rc_is_type(o, &rc_bytes_type))
            lx_raise(I, LX_TypeError, "cannot use a string pattern on a bytes-like object");
        else
            lx_raise(I, LX_TypeError, "expected string or bytes-like object, got '%s'", lx_type_name(I, o));
        return -1;
    }
    s->utf8 = rc_str_data(o);
    size_t n = rc_str_len(o), size = rc_str_size(o);
    s->rx.len = n;
    if (n == size) {
        s->rx.narrow = (const unsigned char *)s->utf8;
        return 0;
    }
    if (size > UINT32_MAX) {
        lx_raise(I, LX_OverflowError, "re: non-ASCII strings of 4 GB or more are not supported");
        return -1;
    }
    s->wide = rc_malloc(s->heap, n * sizeof *s->wide + 1);
    s->offsets = rc_malloc(s->heap, (n + 1) * sizeof *s->offsets);
    if (!s->wide || !s->offsets) {
        rc_free(s->heap, s->wide);
        rc_free(s->heap, s->offsets);
        mod_raise_nomem(I);
        return -1;
    }
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
        s->offsets[k] = (uint32_t)at;
        s->wide[k] = lx_utf8_decode(s->utf8, &at);
    }
    s->offsets[n] = (uint32_t)at;
    s->rx.wide = s->wide;
    return 0;
}

static void subject_close(subject *s)
{
    rc_free(s->heap, s->wide);
    rc_free(s->heap, s->offsets);
}

static size_t byte_at(const subject *s, size_t cp)
{
    return s->offsets ? s->offsets[cp] : cp;
}

/* The subject's code points [from, to) as a str. */
static rc_object *slice(lx_interp *I, const subject *s, size_t from, size_t to)
{
    size_t b = byte_at(s, from);
    return lx_str_new(I, s->utf8 + b, byte_at(s, to) - b);
}

/* Group g of the last match as a str, or dflt (a new reference) when unset. */
static rc_object *group_str(lx_interp *I, const subject *s, const rx_matcher *m, int g, rc_object *dflt)
{
    int64_t a = m->regs[2 * g], b = m->regs[2 * g + 1];
    if (a < 0 || b < 0) {
        rc_incref(dflt);
        return dflt;
    }
    return slice(I, s, (size_t)a, (size_t)b);
}

/* ---- arguments --------------------------------------------------------- */

static const rx_program *arg_program(lx_interp *I, rc_object *o)
{
    if (!rc_is_type(o, &program_type)) {
        lx_raise(I, LX_TypeError, "_re: expected a compiled program");
        return NULL;
    }
    return ((re_program *)o)->prog;
}

/* A position argument clamped to 0..len. */
static int arg_pos(lx_interp *I, rc_object *o, size_t len, size_t *out)
{
    int64_t v;
    if (lx_arg_int(I, "_re", o, &v) < 0)
        return -1;
    *out = v < 0 ? 0 : (uint64_t)v > len ? len : (size_t)v;
    return 0;
}

/* The common head of the matching functions: program, subject, matcher. */
typedef struct call {
    const rx_program *prog;
    subject s;
    rx_matcher m;
    size_t pos, end;
    size_t pieces;          /* subfn: the pieces CPython would join so far */
} call;

static int call_open(lx_interp *I, call *c, rc_object *prog, rc_object *str)
{
    if (!(c->prog = arg_program(I, prog)) || subject_open(I, str, &c->s) < 0)
        return -1;
    c->pos = 0;
    c->pieces = 0;
    c->end = c->s.rx.len;
    if (rx_matcher_init(&c->m, c->prog, c->s.rx, lx_heap(I)) < 0) {
        subject_close(&c->s);
        mod_raise_nomem(I);
        return -1;
    }
    return 0;
}

static void call_close(call *c)
{
    rx_matcher_free(&c->m);
    subject_close(&c->s);
}

/* The next match of a scan from c->pos (CPython's finditer rules: after an
 * empty match the next one must not be empty at the same place).  1 found,
 * 0 done, -1 MemoryError raised. */
static int scan_next(lx_interp *I, call *c, int *must_advance)
{
    if (c->pos > c->end)
        return 0;
    int r = rx_exec(&c->m, c->pos, c->end, RX_MODE_SEARCH, *must_advance);
    if (r < 0) {
        mod_raise_nomem(I);
        return -1;
    }
    if (r == 0) {
        c->pos = c->end + 1;
        return 0;
    }
    *must_advance = c->m.regs[0] == c->m.regs[1];
    c->pos = (size_t)c->m.regs[1];
    return 1;
}

/* Item k of the result of the last match: the spans, lastindex, then
 * the group strings (None for a group that did not take part). */
static rc_object *result_item(lx_interp *I, const call *c, size_t k)
{
    size_t n = 2 * ((size_t)c->prog->ngroups + 1);
    if (k < n)
        return lx_int(I, c->m.regs[k]);
    if (k == n)
        return lx_int(I, c->m.lastindex);
    return group_str(I, &c->s, &c->m, (int)(k - n - 1), rc_none());
}

/* The result tuple of the last match (a Match's data, see the top). */
static rc_object *result_of(lx_interp *I, const call *c)
{
    size_t n = 3 * ((size_t)c->prog->ngroups + 1) + 1;
    rc_object *t = rc_tuple_new(lx_heap(I), (rc_ssize)n);
    if (!t)
        return mod_raise_nomem(I);
    for (size_t k = 0; k < n; k++) {
        rc_object *v = result_item(I, c, k);
        int rc = v ? rc_tuple_set(t, (rc_ssize)k, v) : -1;
        if (v)
            rc_decref(v);
        if (rc < 0) {
            rc_decref(t);
            return v ? mod_raise_nomem(I) : NULL;
        }
    }
    return t;
}

/* ---- functions --------------------------------------------------------- */

/* The pattern's code points (rc_malloc'd); n set. */
static uint32_t *pattern_points(lx_interp *I, rc_object *pat, size_t *n)
{
    const char *p = rc_str_data(pat);
    *n = rc_str_len(pat);
    uint32_t *v = rc_malloc(lx_heap(I), *n * sizeof *v + 1);
    if (!v)
        return mod_raise_nomem(I), NULL;
    size_t at = 0;
    for (size_t k = 0; k < *n; k++)
        v[k] = lx_utf8_decode(p, &at);
    return v;
}

static rc_object *group_index_dict(lx_interp *I, const rx_program *p)
{
    rc_object *d = lx_dict_new(I);
    for (int g = 1; d && g <= p->ngroups; g++)
        if (p->names[g] && mod_dict_set_new(I, d, p->names[g], lx_int(I, g)) < 0)
            RC_CLEAR(d);
    return d;
}

/* A tuple of items[0..n), stealing them; NULL items mean a constructor
 * failed (its exception stands): NULL. */
static rc_object *tuple_steal(lx_interp *I, rc_object **items, size_t n)
{
    int complete = 1;
    for (size_t k = 0; k < n; k++)
        complete &= items[k] != NULL;
    rc_object *t = complete ? mod_tuple_of(I, items, n) : NULL;
    for (size_t k = 0; k < n; k++)
        if (items[k])
            rc_decref(items[k]);
    return t;
}

static rc_object *compile_error(lx_interp *I, const rx_error *err)
{
    if (!err->msg[0])
        return mod_raise_nomem(I);
    if (err->value_error)
        return lx_raise(I, err->value_error == RX_OVERFLOW_ERROR ? LX_OverflowError
                           : err->value_error == RX_RECURSION_ERROR ? LX_RecursionError : LX_ValueError,
                        "%s", err->msg);
    rc_object *items[2] = {lx_strz(I, err->msg), err->pos == (size_t)-1 ? rc_none() : lx_int(I, (int64_t)err->pos)};
    if (err->pos == (size_t)-1)
        rc_incref(items[1]);
    return tuple_steal(I, items, 2);
}

static rc_object *re_compile(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t flags;
    if (mod_check_args(I, "compile", n, kw, 2, 2) < 0 || lx_arg_int(I, "compile", a[1], &flags) < 0)
        return NULL;
    if (!rc_is_type(a[0], &rc_str_type))
        return lx_raise(I, LX_TypeError, "_re.compile: pattern must be a str");
    size_t len;
    uint32_t *pts = pattern_points(I, a[0], &len);
    if (!pts)
        return NULL;
    rx_error err;
    rx_program *p = rx_compile(pts, len, (int)flags, &err);
    rc_free(lx_heap(I), pts);
    if (!p)
        return compile_error(I, &err);
    re_program *o = (re_program *)rc_new(lx_heap(I), &program_type);
    if (!o) {
        rx_free(p);
        return mod_raise_nomem(I);
    }
    o->prog = p;
    rc_object *items[4] = {&o->ob, lx_int(I, p->flags), lx_int(I, p->ngroups), group_index_dict(I, p)};
    return tuple_steal(I, items, 4);
}

static rc_object *re_match(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    int64_t mode;
    call c;
    if (mod_check_args(I, "match", n, kw, 5, 5) < 0 || lx_arg_int(I, "match", a[4], &mode) < 0 ||
        call_open(I, &c, a[0], a[1]) < 0)
        return NULL;
    rc_object *r = NULL;
    size_t pos, end;
    if (arg_pos(I, a[2], c.s.rx.len, &pos) == 0 && arg_pos(I, a[3], c.s.rx.len, &end) == 0) {
        int found = rx_exec(&c.m, pos, end, (int)mode, 0);
        if (found < 0)
            mod_raise_nomem(I);
        else if (found == 0) {
            r = rc_none();
            rc_incref(r);
        } else
            r = result_of(I, &c);
    }
    call_close(&c);
    return r;
}

/* The common arguments (program, string, pos, endpos) of scan and findall. */
static int open_ranged(lx_interp *I, const char *fname, rc_object *const *a, size_t n, rc_object *kw,
                       size_t nargs, call *c)
{
    if (mod_check_args(I, fname, n, kw, nargs, nargs) < 0 || call_open(I, c, a[0], a[1]) < 0)
        return -1;
    if (arg_pos(I, a[2], c->s.rx.len, &c->pos) < 0 || arg_pos(I, a[3], c->s.rx.len, &c->end) < 0) {
        call_close(c);
        return -1;
    }
    return 0;
}

static rc_object *re_scan(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    call c;
    int64_t limit;
    if (open_ranged(I, "scan", a, n, kw, 5, &c) < 0)
        return NULL;
    rc_object *list = lx_arg_int(I, "scan", a[4], &limit) < 0 ? NULL : lx_list_new(I);
    int must_advance = 0, r = 0;
    for (int64_t k = 0; list && (limit <= 0 || k < limit) && (r = scan_next(I, &c, &must_advance)) > 0; k++)
        if (mod_list_append_new(I, list, result_of(I, &c)) < 0)
            r = -1;
    if (r < 0 && list)
        RC_CLEAR(list);
    call_close(&c);
    return list;
}

/* What findall gives for the last match: the whole match, group 1, or a
 * tuple of all groups ('' for those that did not take part). */
static rc_object *findall_item(lx_interp *I, const call *c)
{
    int ng = c->prog->ngroups;
    rc_object *empty = lx_strz(I, "");
    if (!empty || ng <= 1) {
        rc_object *r = empty ? group_str(I, &c->s, &c->m, ng, empty) : NULL;
        if (empty)
            rc_decref(empty);
        return r;
    }
    rc_object *small[16], **v = ng <= 16 ? small : rc_malloc(lx_heap(I), (size_t)ng * sizeof *v);
    int made = 0;
    while (v && made < ng && (v[made] = group_str(I, &c->s, &c->m, made + 1, empty)) != NULL)
        made++;
    rc_object *t = v && made == ng ? mod_tuple_of(I, v, (size_t)ng) : NULL;
    for (int g = 0; g < made; g++)
        rc_decref(v[g]);
    if (v && v != small)
        rc_free(lx_heap(I), v);
    rc_decref(empty);
    return t || v ? t : mod_raise_nomem(I);
}

static rc_object *re_findall(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    call c;
    if (open_ranged(I, "findall", a, n, kw, 4, &c) < 0)
        return NULL;
    rc_object *list = lx_list_new(I);
    int must_advance = 0, r = 0;
    while (list && (r = scan_next(I, &c, &must_advance)) > 0)
        if (mod_list_append_new(I, list, findall_item(I, &c)) < 0)
            r = -1;
    if (r < 0 && list)
        RC_CLEAR(list);
    call_close(&c);
    return list;
}

/* Append the template (str pieces and group numbers) for the last match. */
static int put_template(lx_buf *b, const call *c, rc_object *tmpl)
{
    for (rc_ssize k = 0; k < rc_list_len(tmpl); k++) {
        rc_object *piece = rc_list_get(tmpl, k);
        if (rc_is_type(piece, &rc_str_type)) {
            if (lx_buf_put_str(b, piece) < 0)
                return -1;
            continue;
        }
        int64_t g;
        if (lx_arg_int(b->I, "sub", piece, &g) < 0)
            return -1;
        if (g < 0 || g > c->prog->ngroups)
            return lx_raise(b->I, LX_IndexError, "no such group"), -1;
        int64_t s = c->m.regs[2 * g], e = c->m.regs[2 * g + 1];
        if (s >= 0 && e >= 0 && lx_buf_put(b, c->s.utf8 + byte_at(&c->s, (size_t)s),
                                          byte_at(&c->s, (size_t)e) - byte_at(&c->s, (size_t)s)) < 0)
            return -1;
    }
    return 0;
}

/* The text of c's subject [from, to) appended. */
static int put_between(lx_buf *b, const call *c, size_t from, size_t to)
{
    size_t bf = byte_at(&c->s, from);
    return lx_buf_put(b, c->s.utf8 + bf, byte_at(&c->s, to) - bf);
}

/* repl(make_match(result)) for the last match, appended to b. */
static int put_call(lx_buf *b, call *c, rc_object *make_match, rc_object *repl)
{
    lx_interp *I = b->I;
    rc_object *result = result_of(I, c);
    rc_object *match = result ? lx_call(I, make_match, &result, 1, NULL) : NULL;
    rc_object *text = match ? lx_call(I, repl, &match, 1, NULL) : NULL;
    int rc = text ? 0 : -1;
    if (text && text != rc_none()) {
        if (rc_is_type(text, &rc_str_type))
            rc = lx_buf_put_str(b, text);
        else {
            lx_raise(I, LX_TypeError, "sequence item %zu: expected str instance, %s found", c->pieces,
                     lx_type_name(I, text));
            rc = -1;
        }
        c->pieces++;
    }
    rc_object *made[] = {result, match, text};
    for (int k = 0; k < 3; k++)
        if (made[k])
            rc_decref(made[k]);
    return rc;
}

/* The loop of sub and subfn: template a list (a template) or NULL (then
 * make_match and repl are called). */
static rc_object *substitute(lx_interp *I, call *c, int64_t count, rc_object *tmpl,
                             rc_object *make_match, rc_object *repl)
{
    lx_buf b;
    lx_buf_init(&b, I);
    int must_advance = 0, r = 0;
    size_t last = 0;
    int64_t done = 0;
    while ((count <= 0 || done < count) && (r = scan_next(I, c, &must_advance)) > 0) {
        c->pieces += (size_t)c->m.regs[0] > last;
        if (put_between(&b, c, last, (size_t)c->m.regs[0]) < 0 ||
            (tmpl ? put_template(&b, c, tmpl) : put_call(&b, c, make_match, repl)) < 0) {
            r = -1;
            break;
        }
        last = (size_t)c->m.regs[1];
        done++;
    }
    if (r < 0 || put_between(&b, c, last, c->s.rx.len) < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    rc_object *items[2] = {lx_buf_to_str(&b), lx_int(I, done)};
    return tuple_steal(I, items, 2);
}

static rc_object *re_sub(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    call c;
    int64_t count;
    if (mod_check_args(I, "sub", n, kw, 4, 4) < 0 || lx_arg_int(I, "sub", a[3], &count) < 0)
        return NULL;
    if (!rc_is_type(a[2], &rc_list_type))
        return lx_raise(I, LX_TypeError, "_re.sub: template must be a list");
    if (call_open(I, &c, a[0], a[1]) < 0)
        return NULL;
    rc_object *result = substitute(I, &c, count, a[2], NULL, NULL);
    call_close(&c);
    return result;
}

static rc_object *re_subfn(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    call c;
    int64_t count;
    if (mod_check_args(I, "subfn", n, kw, 5, 5) < 0 || lx_arg_int(I, "subfn", a[2], &count) < 0 ||
        call_open(I, &c, a[0], a[1]) < 0)
        return NULL;
    rc_object *r = substitute(I, &c, count, NULL, a[3], a[4]);
    call_close(&c);
    return r;
}

/* split's pieces for the last match: the text before it, then its groups. */
static int split_pieces(lx_interp *I, rc_object *list, const call *c, size_t last)
{
    if (mod_list_append_new(I, list, slice(I, &c->s, last, (size_t)c->m.regs[0])) < 0)
        return -1;
    for (int g = 1; g <= c->prog->ngroups; g++)
        if (mod_list_append_new(I, list, group_str(I, &c->s, &c->m, g, rc_none())) < 0)
            return -1;
    return 0;
}

static rc_object *re_split(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    call c;
    int64_t maxsplit;
    if (mod_check_args(I, "split", n, kw, 3, 3) < 0 || lx_arg_int(I, "split", a[2], &maxsplit) < 0 ||
        call_open(I, &c, a[0], a[1]) < 0)
        return NULL;
    rc_object *list = lx_list_new(I);
    int must_advance = 0, r = 0;
    size_t last = 0;
    for (int64_t k = 0; list && (maxsplit <= 0 || k < maxsplit) && (r = scan_next(I, &c, &must_advance)) > 0; k++) {
        if (split_pieces(I, list, &c, last) < 0)
            r = -1;
        last = (size_t)c.m.regs[1];
    }
    if (list && (r < 0 || mod_list_append_new(I, list, slice(I, &c.s, last, c.s.rx.len)) < 0))
        RC_CLEAR(list);
    call_close(&c);
    return list;
}

static const lx_func_def re_functions[] = {
    {"compile", re_compile}, {"match", re_match}, {"scan", re_scan}, {"findall", re_findall},
    {"sub", re_sub}, {"subfn", re_subfn}, {"split", re_split}, {NULL, NULL},
};

rc_object *lx_mod_re_init(lx_interp *I)
{
    if (lx_register_type(I, &program_slots) < 0)
        return NULL;
    return lx_module_new(I, "_re", re_functions);
}
