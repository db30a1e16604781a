/*
 * lang/regex_parse.c — pattern text to tree to program (rx_compile).
 *
 * The parser follows CPython 3.11's sre_parse: the same grammar, the same
 * error messages and error positions (code-point indices of the pattern).
 * It builds a tree of rx_node in an arena (children linked by index); the
 * code generator then lays the tree out as rx_inst (lang/regex.h).
 *
 * Invariants: every node's flags are the flags in force where it was
 * parsed (scoped inline flags applied), so generation needs no flag stack;
 * a repeat's operand is never itself a repeat ("multiple repeat"); group
 * numbers are given in the order the groups open; parse recursion is
 * bounded by RX_MAX_NESTING (pattern nesting, never subject length).
 */
#include "regex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "methods_util.h"

#define RX_MAX_NESTING 450     /* CPython's parser hits its recursion limit near there */
#define RX_MAX_GROUPS 1000
#define RX_MAXREPEAT 0xFFFFFFFFLL

typedef enum {
    N_EMPTY, N_CHAR, N_ANY, N_SET, N_AT, N_GROUP, N_BACKREF, N_CAT, N_ALT, N_REPEAT,
    N_LOOK, N_ATOMIC, N_COND,
} node_kind;

typedef struct rx_node {
    node_kind kind;
    int flags;
    uint32_t ch;
    int a, b;           /* group / set / at kind; LOOK: a behind, b negative */
    int64_t lo, hi;     /* REPEAT bounds (hi -1: none) */
    int greedy;         /* REPEAT: 1 greedy, 0 lazy, 2 possessive */
    int kid, next;      /* first child, next sibling (-1: none) */
} rx_node;

typedef struct parser {
    const uint32_t *p;
    size_t n, i;
    int flags;          /* global flags */
    rx_node *nodes;
    size_t nnodes, capnodes;
    rx_set *sets;
    size_t nsets, capsets;
    int ngroups;
    char **names;       /* by group number */
    unsigned char *open;/* open[g]: group g is still being parsed */
    size_t capgroups;
    int depth;
    int lookbehind_groups;  /* inside a lookbehind: the groups before it, else -1 */
    int forward_group;      /* the first (?(N)...) of a group not yet opened */
    size_t forward_pos;
    rx_error *err;
} parser;

/* ---- errors ------------------------------------------------------------ */

static int fail_at(parser *ps, size_t pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
    va_end(ap);
    ps->err->pos = pos;
    return -1;
}

static int fail_nomem(parser *ps)
{
    ps->err->msg[0] = 0;
    return -1;
}

/* The pattern's text p[from..to) as UTF-8 into buf (truncated to fit). */
static const char *text_of(const parser *ps, size_t from, size_t to, char *buf, size_t cap)
{
    size_t k = 0;
    for (size_t j = from; j < to && j < ps->n && k + 5 < cap; j++)
        k += lx_utf8_encode(ps->p[j], buf + k);
    buf[k] = 0;
    return buf;
}

/* The pattern's token at i as sre reads it (a backslash and the
 * character after it are one token) as UTF-8 into buf. */
static const char *token_text(const parser *ps, size_t i, char *buf, size_t cap)
{
    return text_of(ps, i, ps->p[i] == '\\' && i + 1 < ps->n ? i + 2 : i + 1, buf, cap);
}

/* ---- the arena --------------------------------------------------------- */

static int new_node(parser *ps, node_kind kind, int flags)
{
    if (ps->nnodes == ps->capnodes) {
        size_t cap = ps->capnodes ? ps->capnodes * 2 : 64;
        rx_node *v = realloc(ps->nodes, cap * sizeof *v);
        if (!v)
            return fail_nomem(ps);
        ps->nodes = v;
        ps->capnodes = cap;
    }
    rx_node *nd = &ps->nodes[ps->nnodes];
    memset(nd, 0, sizeof *nd);
    nd->kind = kind;
    nd->flags = flags;
    nd->kid = nd->next = -1;
    return (int)ps->nnodes++;
}

static int new_parent(parser *ps, node_kind kind, int flags, int kid)
{
    int nd = new_node(ps, kind, flags);
    if (nd >= 0)
        ps->nodes[nd].kid = kid;
    return nd;
}

static int add_set_item(rx_set *set, uint32_t lo, uint32_t hi, int cls)
{
    if ((set->nitems & (set->nitems - 1)) == 0) {      /* 0, 1, 2, 4, ...: grow */
        rx_range *v = realloc(set->items, (set->nitems ? set->nitems * 2 : 1) * sizeof *v);
        if (!v)
            return -1;
        set->items = v;
    }
    set->items[set->nitems++] = (rx_range){lo, hi, cls};
    return 0;
}

static int new_set(parser *ps)
{
    if (ps->nsets == ps->capsets) {
        size_t cap = ps->capsets ? ps->capsets * 2 : 8;
        rx_set *v = realloc(ps->sets, cap * sizeof *v);
        if (!v)
            return fail_nomem(ps);
        ps->sets = v;
        ps->capsets = cap;
    }
    memset(&ps->sets[ps->nsets], 0, sizeof ps->sets[0]);
    return (int)ps->nsets++;
}

static int reserve_group(parser *ps, int g)
{
    if ((size_t)g < ps->capgroups)
        return 0;
    size_t cap = ps->capgroups ? ps->capgroups * 2 : 16;
    while (cap <= (size_t)g)
        cap *= 2;
    char **names = realloc(ps->names, cap * sizeof *names);
    if (!names)
        return fail_nomem(ps);
    ps->names = names;
    unsigned char *open = realloc(ps->open, cap);
    if (!open)
        return fail_nomem(ps);
    ps->open = open;
    for (size_t k = ps->capgroups; k < cap; k++) {
        ps->names[k] = NULL;
        ps->open[k] = 0;
    }
    ps->capgroups = cap;
    return 0;
}

/* ---- characters -------------------------------------------------------- */

static int at_end(const parser *ps) { return ps->i >= ps->n; }
static int peek_is(const parser *ps, uint32_t c) { return ps->i < ps->n && ps->p[ps->i] == c; }
static int eat(parser *ps, uint32_t c)
{
    if (!peek_is(ps, c))
        return 0;
    ps->i++;
    return 1;
}
static int is_dec(uint32_t c) { return c >= '0' && c <= '9'; }
static int is_oct(uint32_t c) { return c >= '0' && c <= '7'; }
static int is_hex(uint32_t c) { return is_dec(c) || ((c | 32) >= 'a' && (c | 32) <= 'f'); }
static int hex_val(uint32_t c) { return is_dec(c) ? (int)(c - '0') : (int)((c | 32) - 'a' + 10); }
static int is_ascii_letter(uint32_t c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_verbose_space(uint32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* In verbose mode: skip whitespace and # comments. */
static void skip_verbose(parser *ps, int flags)
{
    if (!(flags & RX_VERBOSE))
        return;
    while (!at_end(ps)) {
        uint32_t c = ps->p[ps->i];
        if (is_verbose_space(c))
            ps->i++;
        else if (c == '#') {
            while (!at_end(ps) && ps->p[ps->i] != '\n')
                ps->i++;
        } else
            break;
    }
}

/* ---- escapes ----------------------------------------------------------- */

/* What an escape denotes. */
typedef struct escape {
    enum { E_CHAR, E_CLASS, E_AT, E_BACKREF } kind;
    uint32_t value;     /* char, RX_CLS_*, rx_at, group */
} escape;

static int simple_escape(uint32_t c, uint32_t *out)
{
    static const char from[] = "afnrtv\\", to[] = "\a\f\n\r\t\v\\";
    const char *f = c < 128 ? strchr(from, (int)c) : NULL;
    if (!f || !c)
        return 0;
    *out = (unsigned char)to[f - from];
    return 1;
}

static int class_escape(uint32_t c, uint32_t *cls)
{
    switch (c) {
    case 'd': *cls = RX_CLS_DIGIT; return 1;
    case 'D': *cls = RX_CLS_NDIGIT; return 1;
    case 'w': *cls = RX_CLS_WORD; return 1;
    case 'W': *cls = RX_CLS_NWORD; return 1;
    case 's': *cls = RX_CLS_SPACE; return 1;
    case 'S': *cls = RX_CLS_NSPACE; return 1;
    default: return 0;
    }
}

/* \xhh, \uhhhh, \Uhhhhhhhh after the letter; start is the backslash. */
static int hex_escape(parser *ps, size_t start, int digits, escape *e)
{
    uint32_t v = 0;
    int k = 0;
    for (; k < digits && !at_end(ps) && is_hex(ps->p[ps->i]); k++)
        v = v * 16 + (uint32_t)hex_val(ps->p[ps->i++]);
    char buf[32];
    if (k < digits)
        return fail_at(ps, start, "incomplete escape %s", text_of(ps, start, ps->i, buf, sizeof buf));
    if (v > 0x10FFFF)
        return fail_at(ps, start, "bad escape %s", text_of(ps, start, ps->i, buf, sizeof buf));
    e->kind = E_CHAR;
    e->value = v;
    return 0;
}

/* \N{name}; start is the backslash. */
static int named_escape(parser *ps, size_t start, escape *e)
{
    if (!eat(ps, '{'))
        return fail_at(ps, ps->i, "missing {");
    size_t from = ps->i;
    while (!at_end(ps) && ps->p[ps->i] != '}')
        ps->i++;
    if (at_end(ps))
        return from == ps->i ? fail_at(ps, ps->i, "missing character name")
                             : fail_at(ps, from, "missing }, unterminated name");
    if (from == ps->i)
        return fail_at(ps, ps->i, "missing character name");
    char name[128];
    text_of(ps, from, ps->i, name, sizeof name);
    ps->i++;
    if (!lx_unicode_lookup(name, strlen(name), &e->value))
        return fail_at(ps, start, "undefined character name '%s'", name);
    e->kind = E_CHAR;
    return 0;
}

/* Octal \0oo (start: the backslash; the first digit is consumed). */
static int octal_escape(parser *ps, size_t start, uint32_t first, int more, escape *e)
{
    uint32_t v = first - '0';
    for (int k = 0; k < more && !at_end(ps) && is_oct(ps->p[ps->i]); k++)
        v = v * 8 + (ps->p[ps->i++] - '0');
    if (v > 0377) {
        char buf[16];
        return fail_at(ps, start, "octal escape value %s outside of range 0-0o377",
                       text_of(ps, start, ps->i, buf, sizeof buf));
    }
    e->kind = E_CHAR;
    e->value = v;
    return 0;
}

/* A back reference to group g inside a lookbehind that defines g. */
static int check_lookbehind_ref(parser *ps, int g)
{
    if (ps->lookbehind_groups >= 0 && g > ps->lookbehind_groups)
        return fail_at(ps, ps->i, "cannot refer to group defined in the same lookbehind subpattern");
    return 0;
}

/* \1..\99 or a three-digit octal escape, outside sets. */
static int digit_escape(parser *ps, size_t start, uint32_t c, escape *e)
{
    uint32_t group = c - '0';
    if (!at_end(ps) && is_dec(ps->p[ps->i])) {
        uint32_t d2 = ps->p[ps->i++];
        if (is_oct(c) && is_oct(d2) && !at_end(ps) && is_oct(ps->p[ps->i])) {
            ps->i--;
            return octal_escape(ps, start, c, 2, e);
        }
        group = group * 10 + (d2 - '0');
    }
    if (group < (uint32_t)ps->ngroups + 1) {
        if (ps->open[group])
            return fail_at(ps, start, "cannot refer to an open group");
        if (check_lookbehind_ref(ps, (int)group) < 0)
            return -1;
        e->kind = E_BACKREF;
        e->value = group;
        return 0;
    }
    return fail_at(ps, start + 1, "invalid group reference %u", (unsigned)group);
}

/* The escape after a backslash at `start` (ps->i is past the backslash).
 * in_set: inside [...], where \b is a backspace and there are no anchors
 * or back references. */
static int parse_escape(parser *ps, size_t start, int in_set, escape *e)
{
    if (at_end(ps))
        return fail_at(ps, start, "bad escape (end of pattern)");
    uint32_t c = ps->p[ps->i++];
    e->kind = E_CHAR;
    if (class_escape(c, &e->value)) {
        e->kind = E_CLASS;
        return 0;
    }
    if (simple_escape(c, &e->value))
        return 0;
    if (in_set && c == 'b') {
        e->value = '\b';
        return 0;
    }
    if (!in_set && (c == 'A' || c == 'Z' || c == 'b' || c == 'B')) {
        e->kind = E_AT;
        e->value = c == 'A' ? RX_AT_BEGIN_STRING : c == 'Z' ? RX_AT_END_STRING
                 : c == 'b' ? RX_AT_BOUNDARY : RX_AT_NON_BOUNDARY;
        return 0;
    }
    switch (c) {
    case 'x': return hex_escape(ps, start, 2, e);
    case 'u': return hex_escape(ps, start, 4, e);
    case 'U': return hex_escape(ps, start, 8, e);
    case 'N': return named_escape(ps, start, e);
    case '0': return octal_escape(ps, start, c, 2, e);
    default: break;
    }
    if (is_dec(c)) {
        if (!in_set)
            return digit_escape(ps, start, c, e);
        if (is_oct(c))
            return octal_escape(ps, start, c, 2, e);
    }
    if (is_ascii_letter(c) || is_dec(c)) {
        char buf[16];
        return fail_at(ps, start, "bad escape %s", text_of(ps, start, ps->i, buf, sizeof buf));
    }
    e->value = c;
    return 0;
}

/* ---- sets -------------------------------------------------------------- */

/* One member of a set: a char (is_char) or a class escape.  text_from:
 * where its text starts (for messages).  0 or -1. */
static int set_member(parser *ps, escape *e, size_t *text_from)
{
    *text_from = ps->i;
    uint32_t c = ps->p[ps->i++];
    if (c != '\\') {
        e->kind = E_CHAR;
        e->value = c;
        return 0;
    }
    return parse_escape(ps, ps->i - 1, 1, e);
}

/* Fill the set's ASCII bitmap from its items (negation and case folding). */
static void set_finish(rx_set *set)
{
    memset(set->ascii, 0, sizeof set->ascii);
    for (uint32_t c = 0; c < 128; c++) {
        int in = 0;
        for (size_t k = 0; k < set->nitems && !in; k++) {
            const rx_range *r = &set->items[k];
            if (r->cls)
                in = rx_class_has(r->cls, c, set->ascii_only);
            else
                in = (c >= r->lo && c <= r->hi) ||
                     (set->icase && is_ascii_letter(c) &&
                      (((c | 32) >= r->lo && (c | 32) <= r->hi) ||
                       ((c & ~32u) >= r->lo && (c & ~32u) <= r->hi)));
        }
        if (in != set->negated)
            set->ascii[c >> 5] |= 1u << (c & 31);
    }
}

/* [...] after the '[' at `start`; returns an N_SET node. */
static int parse_set(parser *ps, size_t start, int flags)
{
    int idx = new_set(ps);
    if (idx < 0)
        return -1;
    rx_set *set = &ps->sets[idx];
    set->negated = eat(ps, '^');
    set->icase = (flags & RX_IGNORECASE) != 0;
    set->ascii_only = (flags & RX_ASCII) != 0;
    int nmembers = 0;
    for (;;) {
        if (at_end(ps))
            return fail_at(ps, start, "unterminated character set");
        if (peek_is(ps, ']') && nmembers) {
            ps->i++;
            break;
        }
        escape e1, e2;
        size_t from1, from2;
        if (set_member(ps, &e1, &from1) < 0)
            return -1;
        set = &ps->sets[idx];
        nmembers++;
        if (eat(ps, '-')) {
            if (at_end(ps))
                return fail_at(ps, start, "unterminated character set");
            if (peek_is(ps, ']')) {
                ps->i++;
                if (add_set_item(set, e1.value, e1.value, e1.kind == E_CLASS ? (int)e1.value : 0) < 0 ||
                    add_set_item(set, '-', '-', 0) < 0)
                    return fail_nomem(ps);
                break;
            }
            if (set_member(ps, &e2, &from2) < 0)
                return -1;
            set = &ps->sets[idx];
            if (e1.kind != E_CHAR || e2.kind != E_CHAR || e2.value < e1.value) {
                char a[32], b[32];
                return fail_at(ps, from1, "bad character range %s-%s",
                               text_of(ps, from1, from2 - 1, a, sizeof a),
                               text_of(ps, from2, ps->i, b, sizeof b));
            }
            if (add_set_item(set, e1.value, e2.value, 0) < 0)
                return fail_nomem(ps);
        } else if (add_set_item(set, e1.value, e1.value, e1.kind == E_CLASS ? (int)e1.value : 0) < 0)
            return fail_nomem(ps);
    }
    set_finish(set);
    int nd = new_node(ps, N_SET, flags);
    if (nd >= 0)
        ps->nodes[nd].a = idx;
    return nd;
}

/* ---- groups ------------------------------------------------------------ */

static int parse_alt(parser *ps, int flags);

/* A group name up to `term`; *from: where it starts.  The name as UTF-8
 * in buf.  0 or -1. */
static int group_name(parser *ps, uint32_t term, size_t *from, char *buf, size_t cap)
{
    *from = ps->i;
    while (!at_end(ps) && ps->p[ps->i] != term)
        ps->i += ps->p[ps->i] == '\\' && ps->i + 1 < ps->n ? 2 : 1;
    if (at_end(ps))
        return *from == ps->i ? fail_at(ps, ps->i, "missing group name")
                              : fail_at(ps, *from, "missing %c, unterminated name", (int)term);
    if (*from == ps->i)
        return fail_at(ps, ps->i, "missing group name");
    text_of(ps, *from, ps->i, buf, cap);
    ps->i++;
    int ok = 1;
    for (size_t j = *from; j < ps->i - 1; j++) {
        uint32_t c = ps->p[j];
        int alpha = is_ascii_letter(c) || c == '_' || c >= 128;
        if (!(alpha || (j > *from && is_dec(c))))
            ok = 0;
    }
    if (!ok)
        return fail_at(ps, *from, "bad character in group name '%s'", buf);
    return 0;
}

static int find_group(const parser *ps, const char *name)
{
    for (int g = 1; g <= ps->ngroups; g++)
        if (ps->names[g] && strcmp(ps->names[g], name) == 0)
            return g;
    return 0;
}

/* (?P=name) */
static int parse_named_backref(parser *ps, int flags)
{
    char name[128];
    size_t from;
    if (group_name(ps, ')', &from, name, sizeof name) < 0)
        return -1;
    int g = find_group(ps, name);
    if (!g)
        return fail_at(ps, from, "unknown group name '%s'", name);
    if (ps->open[g])
        return fail_at(ps, from, "cannot refer to an open group");
    if (check_lookbehind_ref(ps, g) < 0)
        return -1;
    int nd = new_node(ps, N_BACKREF, flags);
    if (nd >= 0)
        ps->nodes[nd].a = g;
    return nd;
}

static int flag_of(uint32_t c)
{
    switch (c) {
    case 'i': return RX_IGNORECASE;
    case 'L': return RX_LOCALE;
    case 'm': return RX_MULTILINE;
    case 's': return RX_DOTALL;
    case 'x': return RX_VERBOSE;
    case 'a': return RX_ASCII;
    case 'u': return RX_UNICODE;
    default: return 0;
    }
}

/* The letters after "(?" up to ')' (global: *global = 1) or ':' / '-'
 * (scoped: *add, *del).  c is the first letter, already consumed. */
static int parse_flags(parser *ps, uint32_t c, int *add, int *del, int *global)
{
    const int type_flags = RX_ASCII | RX_UNICODE | RX_LOCALE;
    *add = *del = *global = 0;
    if (c != '-') {
        for (;;) {
            int f = flag_of(c);
            if (c == 'L')
                return fail_at(ps, ps->i, "bad inline flags: cannot use 'L' flag with a str pattern");
            *add |= f;
            if ((f & type_flags) && (*add & type_flags) != f)
                return fail_at(ps, ps->i, "bad inline flags: flags 'a', 'u' and 'L' are incompatible");
            if (at_end(ps))
                return fail_at(ps, ps->i, "missing -, : or )");
            c = ps->p[ps->i++];
            if (c == ')' || c == '-' || c == ':')
                break;
            if (!flag_of(c))
                return fail_at(ps, ps->i - 1, c < 128 && is_ascii_letter(c) ? "unknown flag"
                                                                          : "missing -, : or )");
        }
    }
    if (c == ')') {
        *global = 1;
        return 0;
    }
    if (c == '-') {
        if (at_end(ps))
            return fail_at(ps, ps->i, "missing flag");
        c = ps->p[ps->i++];
        if (!flag_of(c))
            return fail_at(ps, ps->i - 1, is_ascii_letter(c) ? "unknown flag" : "missing flag");
        for (;;) {
            if (flag_of(c) & type_flags)
                return fail_at(ps, ps->i, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
            *del |= flag_of(c);
            if (at_end(ps))
                return fail_at(ps, ps->i, "missing :");
            c = ps->p[ps->i++];
            if (c == ':')
                break;
            if (!flag_of(c))
                return fail_at(ps, ps->i - 1, is_ascii_letter(c) ? "unknown flag" : "missing :");
        }
    }
    if (*add & *del)
        return fail_at(ps, ps->i - 1, "bad inline flags: flag turned on and off");
    return 0;
}

/* Nesting past RX_MAX_NESTING: CPython's RecursionError. */
static int too_deep(parser *ps, size_t start)
{
    ps->err->value_error = RX_RECURSION_ERROR;
    return fail_at(ps, start, "maximum recursion depth exceeded");
}

/* The sub-pattern of a group and its ')'; start: the '('. */
static int group_body(parser *ps, size_t start, int flags)
{
    if (++ps->depth > RX_MAX_NESTING)
        return too_deep(ps, start);
    int kid = parse_alt(ps, flags);
    ps->depth--;
    if (kid < 0)
        return -1;
    if (!eat(ps, ')'))
        return fail_at(ps, start, "missing ), unterminated subpattern");
    return kid;
}

/* A capturing group (name NULL: unnamed) from its body on. */
static int capture_group(parser *ps, size_t start, size_t name_pos, const char *name, int flags)
{
    int g = ps->ngroups + 1;
    if (g >= RX_MAX_GROUPS)
        return fail_at(ps, name_pos, "too many groups");
    if (reserve_group(ps, g) < 0)
        return -1;
    if (name) {
        int old = find_group(ps, name);
        if (old)
            return fail_at(ps, name_pos, "redefinition of group name '%s' as group %d; was group %d",
                           name, g, old);
        size_t len = strlen(name) + 1;
        if (!(ps->names[g] = malloc(len)))
            return fail_nomem(ps);
        memcpy(ps->names[g], name, len);
    }
    ps->ngroups = g;
    ps->open[g] = 1;
    int kid = group_body(ps, start, flags);
    if (kid < 0)
        return -1;
    ps->open[g] = 0;
    int nd = new_parent(ps, N_GROUP, flags, kid);
    if (nd >= 0)
        ps->nodes[nd].a = g;
    return nd;
}

static int lookaround(parser *ps, size_t start, int behind, int negative, int flags)
{
    int outer = ps->lookbehind_groups;
    if (behind && outer < 0)
        ps->lookbehind_groups = ps->ngroups;
    int kid = group_body(ps, start, flags);
    ps->lookbehind_groups = outer;
    int nd = kid < 0 ? -1 : new_parent(ps, N_LOOK, flags, kid);
    if (nd >= 0) {
        ps->nodes[nd].a = behind;
        ps->nodes[nd].b = negative;
    }
    return nd;
}

/* The group of (?(group)...): a name or a number (a number may refer to
 * a group opened later: checked at the end, as sre does).  0 or -1. */
static int condition_group(parser *ps, int *group)
{
    char name[128];
    size_t from;
    if (group_name(ps, ')', &from, name, sizeof name) == 0) {
        if (!(*group = find_group(ps, name)))
            return fail_at(ps, from, "unknown group name '%s'", name);
        return 0;
    }
    int g = 0;
    size_t j = from;
    for (; j < ps->n && is_dec(ps->p[j]) && g < 100000; j++)
        g = g * 10 + (int)(ps->p[j] - '0');
    if (j == from || j >= ps->n || ps->p[j] != ')')
        return -1;                      /* group_name's error stands */
    ps->i = j + 1;
    if (g == 0)
        return fail_at(ps, from, "bad group number");
    if (g > ps->ngroups && !ps->forward_group) {
        ps->forward_group = g;
        ps->forward_pos = from;
    }
    *group = g;
    return 0;
}

static int parse_seq(parser *ps, int flags);

/* (?(group)yes|no) */
static int conditional(parser *ps, size_t start, int flags)
{
    int g;
    if (condition_group(ps, &g) < 0)
        return -1;
    int nd = new_node(ps, N_COND, flags);
    if (nd < 0)
        return -1;
    if (++ps->depth > RX_MAX_NESTING)
        return too_deep(ps, start);
    int yes = parse_seq(ps, flags), no = -1;
    if (yes >= 0 && eat(ps, '|')) {
        if ((no = parse_seq(ps, flags)) < 0)
            return -1;
        if (peek_is(ps, '|'))
            return fail_at(ps, ps->i, "conditional backref with more than two branches");
    }
    ps->depth--;
    if (yes < 0)
        return -1;
    if (!eat(ps, ')'))
        return fail_at(ps, start, "missing ), unterminated subpattern");
    ps->nodes[nd].a = g;
    ps->nodes[nd].kid = yes;
    ps->nodes[yes].next = no;
    return nd;
}

/* After "(?": an extension.  *skip = 1 when it adds no node (comments,
 * global flags). */
static int parse_extension(parser *ps, size_t start, int *flags, int first, int *skip)
{
    if (at_end(ps))
        return fail_at(ps, ps->i, "unexpected end of pattern");
    uint32_t c = ps->p[ps->i++];
    if (c == 'P') {
        if (eat(ps, '<')) {
            char name[128];
            size_t from;
            if (group_name(ps, '>', &from, name, sizeof name) < 0)
                return -1;
            return capture_group(ps, start, from, name, *flags);
        }
        if (eat(ps, '='))
            return parse_named_backref(ps, *flags);
        if (at_end(ps))
            return fail_at(ps, ps->i, "unexpected end of pattern");
        char buf[16];
        return fail_at(ps, start + 1, "unknown extension ?P%s", token_text(ps, ps->i, buf, sizeof buf));
    }
    if (c == ':') {
        int kid = group_body(ps, start, *flags);
        return kid < 0 ? -1 : new_parent(ps, N_CAT, *flags, kid);
    }
    if (c == '#') {
        while (!at_end(ps) && ps->p[ps->i] != ')')
            ps->i++;
        if (at_end(ps))
            return fail_at(ps, start, "missing ), unterminated comment");
        ps->i++;
        *skip = 1;
        return 0;
    }
    if (c == '=' || c == '!')
        return lookaround(ps, start, 0, c == '!', *flags);
    if (c == '<') {
        if (at_end(ps))
            return fail_at(ps, ps->i, "unexpected end of pattern");
        uint32_t d = ps->p[ps->i++];
        if (d == '=' || d == '!')
            return lookaround(ps, start, 1, d == '!', *flags);
        char buf[16];
        return fail_at(ps, start + 1, "unknown extension ?<%s", token_text(ps, ps->i - 1, buf, sizeof buf));
    }
    if (c == '(')
        return conditional(ps, start, *flags);
    if (c == '>') {
        int kid = group_body(ps, start, *flags);
        return kid < 0 ? -1 : new_parent(ps, N_ATOMIC, *flags, kid);
    }
    if (flag_of(c) || c == 'L' || c == '-') {
        int add, del, global;
        if (parse_flags(ps, c, &add, &del, &global) < 0)
            return -1;
        if (global) {
            if (!first)
                return fail_at(ps, start, "global flags not at the start of the expression");
            ps->flags |= add;
            *flags |= add;
            *skip = 1;
            return 0;
        }
        int kid = group_body(ps, start, (*flags | add) & ~del);
        return kid < 0 ? -1 : new_parent(ps, N_CAT, (*flags | add) & ~del, kid);
    }
    char buf[16];
    return fail_at(ps, start + 1, "unknown extension ?%s", token_text(ps, ps->i - 1, buf, sizeof buf));
}

/* ---- sequences and repeats --------------------------------------------- */

/* Digits at ps->i as a number (clamped); *any: there were some. */
static int64_t read_number(parser *ps, int *any)
{
    int64_t v = 0;
    *any = 0;
    while (!at_end(ps) && is_dec(ps->p[ps->i])) {
        if (v < RX_MAXREPEAT)
            v = v * 10 + (ps->p[ps->i] - '0');
        ps->i++;
        *any = 1;
    }
    return v;
}

/* After '{': the bounds, or 0 when it is a literal '{' (ps->i unchanged). */
static int parse_braces(parser *ps, int64_t *lo, int64_t *hi)
{
    size_t here = ps->i;
    if (peek_is(ps, '}'))
        return 0;
    int any_lo, any_hi;
    *lo = read_number(ps, &any_lo);
    *hi = -1;
    if (eat(ps, ',')) {
        int64_t h = read_number(ps, &any_hi);
        if (any_hi)
            *hi = h;
    } else
        *hi = any_lo ? *lo : -1;
    if (!eat(ps, '}')) {
        ps->i = here;
        return 0;
    }
    if (*lo >= RX_MAXREPEAT || *hi >= RX_MAXREPEAT) {
        ps->err->value_error = RX_OVERFLOW_ERROR;
        return fail_at(ps, here, "the repetition number is too large");
    }
    if (*hi >= 0 && *hi < *lo)
        return fail_at(ps, here, "min repeat greater than max repeat");
    return 1;
}

typedef struct seq {
    int *items;
    size_t n, cap;
} seq;

static int seq_push(parser *ps, seq *s, int nd)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        int *v = realloc(s->items, cap * sizeof *v);
        if (!v)
            return fail_nomem(ps);
        s->items = v;
        s->cap = cap;
    }
    s->items[s->n++] = nd;
    return 0;
}

/* Apply the quantifier c (at `qpos`, consumed) to the sequence's last item. */
static int apply_repeat(parser *ps, seq *s, uint32_t c, size_t qpos, int flags)
{
    int64_t lo = c == '+' ? 1 : 0, hi = c == '?' ? 1 : -1;
    if (c == '{') {
        int r = parse_braces(ps, &lo, &hi);
        if (r <= 0) {
            if (r < 0)
                return -1;
            int nd = new_node(ps, N_CHAR, flags);
            if (nd < 0)
                return -1;
            ps->nodes[nd].ch = '{';
            return seq_push(ps, s, nd);
        }
    }
    if (s->n == 0 || ps->nodes[s->items[s->n - 1]].kind == N_AT)
        return fail_at(ps, qpos, "nothing to repeat");
    if (ps->nodes[s->items[s->n - 1]].kind == N_REPEAT)
        return fail_at(ps, qpos, "multiple repeat");
    int greedy = eat(ps, '?') ? 0 : eat(ps, '+') ? 2 : 1;
    int nd = new_parent(ps, N_REPEAT, flags, s->items[s->n - 1]);
    if (nd < 0)
        return -1;
    ps->nodes[nd].lo = lo;
    ps->nodes[nd].hi = hi;
    ps->nodes[nd].greedy = greedy;
    s->items[s->n - 1] = nd;
    return 0;
}

static int char_node(parser *ps, uint32_t c, int flags)
{
    int nd = new_node(ps, N_CHAR, flags);
    if (nd >= 0)
        ps->nodes[nd].ch = c;
    return nd;
}

static int at_node(parser *ps, int kind, int flags)
{
    int nd = new_node(ps, N_AT, flags);
    if (nd >= 0)
        ps->nodes[nd].a = kind;
    return nd;
}

/* One atom starting with c (consumed, at ps->i - 1); *skip: nothing added. */
static int parse_atom(parser *ps, uint32_t c, int *flags, int first, int *skip)
{
    size_t start = ps->i - 1;
    *skip = 0;
    switch (c) {
    case '.': return new_node(ps, N_ANY, *flags);
    case '^': return at_node(ps, (*flags & RX_MULTILINE) ? RX_AT_BEGIN_LINE : RX_AT_BEGIN, *flags);
    case '$': return at_node(ps, (*flags & RX_MULTILINE) ? RX_AT_END_LINE : RX_AT_END, *flags);
    case '[': return parse_set(ps, start, *flags);
    case '(':
        if (eat(ps, '?'))
            return parse_extension(ps, start, flags, first, skip);
        return capture_group(ps, start, start, NULL, *flags);
    case '\\': {
        escape e;
        if (parse_escape(ps, start, 0, &e) < 0)
            return -1;
        if (e.kind == E_CHAR)
            return char_node(ps, e.value, *flags);
        if (e.kind == E_AT)
            return at_node(ps, (int)e.value, *flags);
        int nd = new_node(ps, e.kind == E_BACKREF ? N_BACKREF : N_SET, *flags);
        if (nd < 0)
            return -1;
        if (e.kind == E_BACKREF) {
            ps->nodes[nd].a = (int)e.value;
            return nd;
        }
        int idx = new_set(ps);
        if (idx < 0)
            return -1;
        rx_set *set = &ps->sets[idx];
        set->ascii_only = (*flags & RX_ASCII) != 0;
        if (add_set_item(set, 0, 0, (int)e.value) < 0)
            return fail_nomem(ps);
        set_finish(set);
        ps->nodes[nd].a = idx;
        return nd;
    }
    default: return char_node(ps, c, *flags);
    }
}

/* Link the items of s as the children of a CAT node (or the one item). */
static int seq_node(parser *ps, seq *s, int flags)
{
    if (s->n == 1)
        return s->items[0];
    int nd = new_node(ps, s->n ? N_CAT : N_EMPTY, flags);
    if (nd < 0)
        return -1;
    for (size_t k = s->n; k-- > 0;) {
        ps->nodes[s->items[k]].next = ps->nodes[nd].kid;
        ps->nodes[nd].kid = s->items[k];
    }
    return nd;
}

/* Items up to '|', ')' or the end. */
static int parse_seq(parser *ps, int flags)
{
    seq s = {0};
    int rc = 0;
    int first = ps->depth == 0 && ps->i == 0;
    for (;;) {
        skip_verbose(ps, flags);
        if (at_end(ps) || peek_is(ps, '|') || peek_is(ps, ')'))
            break;
        size_t here = ps->i;
        uint32_t c = ps->p[ps->i++];
        if (c == '*' || c == '+' || c == '?' || c == '{') {
            rc = apply_repeat(ps, &s, c, here, flags);
        } else {
            int skip;
            int nd = parse_atom(ps, c, &flags, first && s.n == 0, &skip);
            rc = nd < 0 ? -1 : skip ? 0 : seq_push(ps, &s, nd);
        }
        if (rc < 0)
            break;
    }
    int nd = rc < 0 ? -1 : seq_node(ps, &s, flags);
    free(s.items);
    return nd;
}

/* Alternatives separated by '|'. */
static int parse_alt(parser *ps, int flags)
{
    int firstalt = parse_seq(ps, flags);
    if (firstalt < 0 || !peek_is(ps, '|'))
        return firstalt;
    int nd = new_parent(ps, N_ALT, flags, firstalt);
    int last = firstalt;
    if (ps->depth == 0)
        flags |= ps->flags;             /* global inline flags of the first alternative */
    while (nd >= 0 && eat(ps, '|')) {
        int alt = parse_seq(ps, flags);
        if (alt < 0)
            return -1;
        ps->nodes[last].next = alt;
        last = alt;
    }
    return nd;
}

/* ---- code generation --------------------------------------------------- */

typedef struct gen {
    parser *ps;
    rx_inst *code;
    size_t n, cap;
    int nregs;          /* loop registers so far */
} gen;

static int emit(gen *g, rx_op op)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        rx_inst *v = realloc(g->code, cap * sizeof *v);
        if (!v)
            return fail_nomem(g->ps);
        g->code = v;
        g->cap = cap;
    }
    memset(&g->code[g->n], 0, sizeof g->code[0]);
    g->code[g->n].op = (uint8_t)op;
    return (int)g->n++;
}

/* The fixed width of a node, or -1 when it varies. */
static int64_t node_width(const parser *ps, int nd)
{
    const rx_node *n = &ps->nodes[nd];
    int64_t w = 0, kw;
    switch (n->kind) {
    case N_CHAR: case N_ANY: case N_SET: return 1;
    case N_EMPTY: case N_AT: case N_LOOK: return 0;
    case N_BACKREF: case N_COND: return -1;
    case N_GROUP: case N_ATOMIC: return node_width(ps, n->kid);
    case N_CAT:
        for (int k = n->kid; k >= 0; k = ps->nodes[k].next) {
            if ((kw = node_width(ps, k)) < 0)
                return -1;
            w += kw;
        }
        return w;
    case N_ALT:
        w = node_width(ps, n->kid);
        for (int k = ps->nodes[n->kid].next; k >= 0 && w >= 0; k = ps->nodes[k].next)
            if (node_width(ps, k) != w)
                return -1;
        return w;
    case N_REPEAT:
        if (n->lo != n->hi)
            return -1;
        kw = node_width(ps, n->kid);
        return kw < 0 ? -1 : kw * n->lo;
    }
    return -1;
}

static int gen_node(gen *g, int nd);

static int is_single_char(const rx_node *n)
{
    return n->kind == N_CHAR || n->kind == N_ANY || n->kind == N_SET;
}

static int gen_char(gen *g, const rx_node *n)
{
    int ascii = (n->flags & RX_ASCII) != 0;
    uint32_t c = n->ch;
    int icase = (n->flags & RX_IGNORECASE) && (is_ascii_letter(c) || (c >= 128 && !ascii));
    int k = emit(g, icase ? RX_CHAR_I : RX_CHAR);
    if (k >= 0)
        g->code[k].ch = icase ? rx_fold(c, ascii) : c;
    if (k >= 0 && icase)
        g->code[k].a = ascii;
    return k;
}

static int gen_at(gen *g, const rx_node *n)
{
    int k = emit(g, RX_AT);
    if (k >= 0) {
        g->code[k].a = n->a;
        if ((n->flags & RX_ASCII) && (n->a == RX_AT_BOUNDARY || n->a == RX_AT_NON_BOUNDARY))
            g->code[k].a |= RX_AT_ASCII;
    }
    return k;
}

/* Alternatives: SPLIT next-alternative, body, JMP end. */
static int gen_alt(gen *g, const rx_node *n)
{
    int jumps[64], njumps = 0, overflow = 0;
    int jmp_chain = -1;
    for (int k = n->kid; k >= 0; k = g->ps->nodes[k].next) {
        int split = -1;
        if (g->ps->nodes[k].next >= 0 && (split = emit(g, RX_SPLIT)) < 0)
            return -1;
        if (split >= 0)
            g->code[split].x = split + 1;
        if (gen_node(g, k) < 0)
            return -1;
        if (g->ps->nodes[k].next >= 0) {
            int j = emit(g, RX_JMP);
            if (j < 0)
                return -1;
            if (njumps < 64)
                jumps[njumps++] = j;
            else {                      /* chain the rest through y */
                g->code[j].y = jmp_chain;
                jmp_chain = j;
                overflow = 1;
            }
            g->code[split].y = (int)g->n;
        }
    }
    for (int k = 0; k < njumps; k++)
        g->code[jumps[k]].x = (int)g->n;
    for (int j = jmp_chain; overflow && j >= 0;) {
        int nextj = g->code[j].y;
        g->code[j].x = (int)g->n;
        g->code[j].y = 0;
        j = nextj;
    }
    return 0;
}

static int gen_look(gen *g, const rx_node *n, int atomic)
{
    int k = emit(g, RX_LOOK);
    if (k < 0)
        return -1;
    g->code[k].a = atomic ? 2 : n->a;
    g->code[k].b = n->b;
    g->code[k].x = k + 1;
    if (n->a && !atomic) {
        int64_t w = node_width(g->ps, n->kid);
        if (w < 0)
            return fail_at(g->ps, (size_t)-1, "look-behind requires fixed-width pattern");
        g->code[k].lo = w;
    }
    if (gen_node(g, n->kid) < 0 || emit(g, RX_LOOK_END) < 0)
        return -1;
    g->code[k].y = (int)g->n;
    return 0;
}

/* A repeat of one character: REP1 then the character's instruction. */
static int gen_rep1(gen *g, const rx_node *n)
{
    int k = emit(g, RX_REP1);
    if (k < 0 || gen_node(g, n->kid) < 0)
        return -1;
    g->code[k].lo = n->lo;
    g->code[k].hi = n->hi;
    g->code[k].c = (uint8_t)(n->greedy != 0);
    g->code[k].x = (int)g->n;
    return 0;
}

/* x? of a longer x: SPLIT around it. */
static int gen_optional(gen *g, const rx_node *n)
{
    int k = emit(g, RX_SPLIT);
    if (k < 0 || gen_node(g, n->kid) < 0)
        return -1;
    g->code[k].x = n->greedy ? k + 1 : (int)g->n;
    g->code[k].y = n->greedy ? (int)g->n : k + 1;
    return 0;
}

/* The general loop: counter and last-position registers. */
static int gen_loop(gen *g, const rx_node *n)
{
    int area = 2 * (g->ps->ngroups + 1);     /* the loop registers follow the slots */
    int rc = area + g->nregs++, rp = area + g->nregs++;
    int init = emit(g, RX_CNT_INIT), head = emit(g, RX_CNT_HEAD);
    if (init < 0 || head < 0)
        return -1;
    g->code[init].a = rc;
    g->code[init].b = rp;
    int body = emit(g, RX_CNT_BODY);
    if (body < 0)
        return -1;
    g->code[body].b = rp;
    if (gen_node(g, n->kid) < 0)
        return -1;
    int next = emit(g, RX_CNT_NEXT);
    if (next < 0)
        return -1;
    g->code[next].a = rc;
    g->code[next].x = head;
    rx_inst *h = &g->code[head];
    h->a = rc;
    h->b = rp;
    h->x = body;
    h->y = (int)g->n;
    h->c = (uint8_t)(n->greedy != 0);
    h->lo = n->lo;
    h->hi = n->hi;
    return 0;
}

static int gen_repeat(gen *g, const rx_node *n)
{
    if (n->greedy == 2) {               /* possessive: an atomic group of the greedy repeat */
        rx_node greedy = *n;
        greedy.greedy = 1;
        int k = emit(g, RX_LOOK);
        if (k < 0)
            return -1;
        g->code[k].a = 2;
        g->code[k].x = k + 1;
        if (gen_repeat(g, &greedy) < 0 || emit(g, RX_LOOK_END) < 0)
            return -1;
        g->code[k].y = (int)g->n;
        return 0;
    }
    if (n->hi == 0)
        return 0;
    const rx_node *kid = &g->ps->nodes[n->kid];
    if (is_single_char(kid))
        return gen_rep1(g, n);
    if (n->lo == 1 && n->hi == 1)
        return gen_node(g, n->kid);
    if (n->lo == 0 && n->hi == 1)
        return gen_optional(g, n);
    return gen_loop(g, n);
}

static int gen_cond(gen *g, const rx_node *n)
{
    int k = emit(g, RX_GROUP_EXISTS);
    if (k < 0)
        return -1;
    g->code[k].a = n->a;
    int no = g->ps->nodes[n->kid].next;
    if (gen_node(g, n->kid) < 0)
        return -1;
    int j = emit(g, RX_JMP);
    if (j < 0)
        return -1;
    g->code[k].x = (int)g->n;
    if (no >= 0 && gen_node(g, no) < 0)
        return -1;
    g->code[j].x = (int)g->n;
    return 0;
}

static int gen_node(gen *g, int nd)
{
    const rx_node *n = &g->ps->nodes[nd];
    int k;
    switch (n->kind) {
    case N_EMPTY: return 0;
    case N_CHAR: return gen_char(g, n) < 0 ? -1 : 0;
    case N_ANY: return emit(g, (n->flags & RX_DOTALL) ? RX_ANY_ALL : RX_ANY) < 0 ? -1 : 0;
    case N_SET:
        if ((k = emit(g, RX_SET)) < 0)
            return -1;
        g->code[k].a = n->a;
        return 0;
    case N_AT: return gen_at(g, n) < 0 ? -1 : 0;
    case N_GROUP:
        if ((k = emit(g, RX_SAVE)) < 0)
            return -1;
        g->code[k].a = 2 * n->a;
        if (gen_node(g, n->kid) < 0 || (k = emit(g, RX_SAVE)) < 0)
            return -1;
        g->code[k].a = 2 * n->a + 1;
        return 0;
    case N_BACKREF:
        if ((k = emit(g, RX_BACKREF)) < 0)
            return -1;
        g->code[k].a = n->a;
        g->code[k].b = (n->flags & RX_IGNORECASE) ? 1 + ((n->flags & RX_ASCII) != 0) : 0;
        return 0;
    case N_CAT:
        for (int c = n->kid; c >= 0; c = g->ps->nodes[c].next)
            if (gen_node(g, c) < 0)
                return -1;
        return 0;
    case N_ALT: return gen_alt(g, n);
    case N_REPEAT: return gen_repeat(g, n);
    case N_LOOK: return gen_look(g, n, 0);
    case N_ATOMIC: return gen_look(g, n, 1);
    case N_COND: return gen_cond(g, n);
    }
    return 0;
}

/* ---- the program's entry hints ----------------------------------------- */

/* The node every match starts with, looking through groups and CATs. */
static int leading_node(const parser *ps, int nd)
{
    for (;;) {
        const rx_node *n = &ps->nodes[nd];
        if (n->kind == N_GROUP || (n->kind == N_CAT && n->kid >= 0))
            nd = n->kid;
        else if (n->kind == N_REPEAT && n->lo >= 1 && n->greedy != 2)
            nd = n->kid;
        else
            return nd;
    }
}

static void set_hints(rx_program *p, const parser *ps, int root)
{
    const rx_node *n = &ps->nodes[leading_node(ps, root)];
    p->first_set = -1;
    if (n->kind == N_AT && (n->a == RX_AT_BEGIN_STRING || n->a == RX_AT_BEGIN))
        p->anchored = 1;
    else if (n->kind == N_CHAR && !(n->flags & RX_IGNORECASE)) {
        p->has_first = 1;
        p->first_char = n->ch;
    } else if (n->kind == N_SET)
        p->first_set = n->a;
}

/* ---- entry points ------------------------------------------------------ */

static void parser_free(parser *ps)
{
    free(ps->nodes);
    for (size_t k = 0; k < ps->nsets; k++)
        free(ps->sets[k].items);
    free(ps->sets);
    for (size_t k = 0; k < ps->capgroups; k++)
        free(ps->names[k]);
    free(ps->names);
    free(ps->open);
}

/* CPython's checks of the flags argument of a str pattern. */
static int check_flags(int flags, rx_error *err)
{
    const char *msg = (flags & RX_LOCALE) ? "cannot use LOCALE flag with a str pattern"
                    : ((flags & RX_ASCII) && (flags & RX_UNICODE)) ? "ASCII and UNICODE flags are incompatible"
                    : NULL;
    if (!msg)
        return 0;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    err->value_error = RX_VALUE_ERROR;
    return -1;
}

/* Move the parser's products into a program. */
static rx_program *finish_program(parser *ps, gen *g, int root)
{
    rx_program *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->code = g->code;
    p->ncode = g->n;
    p->sets = ps->sets;
    p->nsets = ps->nsets;
    p->ngroups = ps->ngroups;
    p->nregs = g->nregs;
    p->names = ps->names;
    p->flags = ps->flags & RX_ASCII ? ps->flags : ps->flags | RX_UNICODE;
    set_hints(p, ps, root);
    ps->sets = NULL;
    ps->nsets = 0;
    ps->names = NULL;
    ps->capgroups = 0;
    return p;
}

rx_program *rx_compile(const uint32_t *pat, size_t n, int flags, rx_error *err)
{
    memset(err, 0, sizeof *err);
    if (check_flags(flags, err) < 0)
        return NULL;
    parser ps = {.p = pat, .n = n, .flags = flags, .err = err, .lookbehind_groups = -1};
    gen g = {.ps = &ps};
    rx_program *prog = NULL;
    int root = reserve_group(&ps, 1) < 0 ? -1 : parse_alt(&ps, flags);
    if (root >= 0 && !at_end(&ps))
        root = fail_at(&ps, ps.i, "unbalanced parenthesis");
    if (root >= 0 && ps.forward_group > ps.ngroups)
        root = fail_at(&ps, ps.forward_pos, "invalid group reference %d", ps.forward_group);
    if (root >= 0 && check_flags(ps.flags, err) < 0)
        root = -1;
    if (root >= 0 && gen_node(&g, root) >= 0 && emit(&g, RX_MATCH) >= 0)
        prog = finish_program(&ps, &g, root);
    if (!prog)
        free(g.code);
    parser_free(&ps);
    return prog;
}

void rx_free(rx_program *p)
{
    if (!p)
        return;
    free(p->code);
    for (size_t k = 0; k < p->nsets; k++)
        free(p->sets[k].items);
    free(p->sets);
    for (int g = 0; g <= p->ngroups && p->names; g++)
        free(p->names[g]);
    free(p->names);
    free(p);
}
