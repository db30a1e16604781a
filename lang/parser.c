/*
 * lang/parser.c — tokens to a syntax tree (recursive descent).
 *
 * One function per grammar rule of Python's expression and statement grammar,
 * in precedence order (test > or_test > and_test > not_test > comparison >
 * bitwise or/xor/and > shift > arith > term > factor > power > primary >
 * atom).  Nodes come from the arena (ast.h); any error fills the caller's
 * lx_parse_error and longjmps back to lx_parse.
 *
 * Bounded recursion: `depth` counts the nesting of recursive rules that can
 * nest without limit in the source (brackets, unary operators, lambda, not,
 * conditional expressions, blocks); past LX_MAX_NESTING the parse fails with
 * a SyntaxError.  Left-deep chains built by loops (a+b+c..., a.b.c...,
 * f()()()) record their height in the node's ival (chain_link) and fail
 * past MAX_CHAIN, so later recursive walks of the tree stay bounded.
 *
 * f-strings: the lexer hands over the raw body; parse_fstring splits it into
 * literal parts and fields, and each field's expression is tokenized and
 * parsed by a nested parser over a copy of its text in parentheses.
 */
#include "ast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CHAIN 2000          /* longest left-deep chain of operators/trailers */

typedef struct parser {
    lx_arena *arena;
    lx_parse_error *err;
    jmp_buf *fail;
    token *toks;
    size_t pos;
    int depth;
    int mode;
} parser;

static node *parse_test(parser *p);
static node *parse_testlist(parser *p, int allow_star);
static node *parse_expr(parser *p);
static node *parse_or_test(parser *p);
static void parse_block(parser *p, node_list *out, const char *what, int what_line);
static node *parse_statement_list(parser *p, node_list *out);
static node *parse_star_expr(parser *p);

/* ---- helpers --------------------------------------------------------------------- */

static token *peek(parser *p) { return &p->toks[p->pos]; }
static token *peek_at(parser *p, size_t k) { return &p->toks[p->pos + k]; }
static token *advance(parser *p)
{
    token *t = &p->toks[p->pos];
    if (t->kind != T_EOF)
        p->pos++;
    return t;
}

static int is_op(parser *p, int op) { return peek(p)->kind == T_OP && peek(p)->op == op; }
static int is_kw(parser *p, int kw) { return peek(p)->kind == T_KW && peek(p)->op == kw; }

static _Noreturn void error_at(parser *p, token *t, const char *fmt, const char *arg)
{
    char msg[160];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    lx_syntax_error(p->err, p->fail, 0, t->line, t->col, "%s", msg);
}

static _Noreturn void invalid_syntax(parser *p)
{
    token *t = peek(p);
    if (t->kind == T_INDENT)
        lx_syntax_error(p->err, p->fail, 1, t->line, t->col, "unexpected indent");
    if (t->kind == T_EOF && p->mode == 1)
        lx_syntax_error(p->err, p->fail, 0, t->line, t->col, "incomplete input");
    error_at(p, t, "invalid syntax", NULL);
}

/* Consume the next token, which must be a name; otherwise invalid syntax,
 * reported where the parser then stands. */
static token *expect_name(parser *p)
{
    token *t = advance(p);
    if (t->kind != T_NAME)
        invalid_syntax(p);
    return t;
}

static int accept_op(parser *p, int op)
{
    if (!is_op(p, op))
        return 0;
    advance(p);
    return 1;
}

static int accept_kw(parser *p, int kw)
{
    if (!is_kw(p, kw))
        return 0;
    advance(p);
    return 1;
}

static void expect_op(parser *p, int op)
{
    if (accept_op(p, op))
        return;
    if (op == OP_COLON)
        error_at(p, peek(p), "expected ':'", NULL);
    if (op == OP_RPAR || op == OP_RSQB || op == OP_RBRACE || peek(p)->kind == T_EOF)
        invalid_syntax(p);
    error_at(p, peek(p), "invalid syntax", NULL);
}

static node *new_node(parser *p, int kind, token *at)
{
    node *n = lx_arena_alloc_or_fail(p->arena, sizeof *n, p->err, p->fail);
    n->kind = (uint16_t)kind;
    n->line = at ? at->line : 0;
    n->col = at ? at->col : 0;
    return n;
}

/* Growable list under construction. */
typedef struct list_builder {
    node **v;
    int n, cap;
} list_builder;
static void param_annotation(parser *p, list_builder *annots, token *name);

static void lb_push(parser *p, list_builder *b, node *x)
{
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 4;
        node **v = lx_arena_alloc_or_fail(p->arena, (size_t)cap * sizeof *v, p->err, p->fail);
        if (b->n)
            memcpy(v, b->v, (size_t)b->n * sizeof *v);
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = x;
}

static node_list lb_done(list_builder *b)
{
    node_list l = {b->v, b->n};
    return l;
}

static void enter(parser *p)
{
    if (++p->depth > LX_MAX_NESTING)
        error_at(p, peek(p), "too many nested parentheses", NULL);
}

static void leave(parser *p) { p->depth--; }

static char *arena_copy(parser *p, const char *s, size_t n)
{
    char *d = lx_arena_alloc_or_fail(p->arena, n + 1, p->err, p->fail);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* Height of left-deep chains: stored in ival of expression nodes that never
 * use it otherwise (binop, attr, subscript, call). */
static void chain_link(parser *p, node *n, node *left)
{
    int64_t h = (left->kind == N_BINOP || left->kind == N_ATTR || left->kind == N_CALL ||
                 left->kind == N_SUBSCRIPT) ? left->ival : 0;
    n->ival = h + 1;
    if (n->ival > MAX_CHAIN)
        error_at(p, peek(p), "expression too complex", NULL);
}

/* ---- f-strings -------------------------------------------------------------------------- */

static node *parse_fstring_body(parser *p, token *t, const char *s, size_t n, int depth);

/* Parse the expression text s[0..n) of an f-string field. */
static node *parse_field_expr(parser *p, token *t, const char *s, size_t n)
{
    char *text = lx_arena_alloc_or_fail(p->arena, n + 3, p->err, p->fail);
    text[0] = '(';
    memcpy(text + 1, s, n);
    text[n + 1] = ')';
    text[n + 2] = 0;
    int blank = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            blank = 0;
    if (blank)
        lx_syntax_error(p->err, p->fail, 0, t->line, t->col, "f-string: empty expression not allowed");
    lx_lexer lx = {.arena = p->arena, .err = p->err, .fail = p->fail, .line_offset = t->line - 1};
    lx_tokenize(&lx, text, n + 2);
    parser sub = {.arena = p->arena, .err = p->err, .fail = p->fail, .toks = lx.toks,
                  .depth = p->depth + 1, .mode = 0};
    if (sub.depth > LX_MAX_NESTING)
        error_at(p, t, "too many nested parentheses", NULL);
    node *e = parse_test(&sub);
    if (sub.toks[sub.pos].kind != T_NEWLINE && sub.toks[sub.pos].kind != T_EOF)
        lx_syntax_error(p->err, p->fail, 0, t->line, t->col, "f-string: invalid syntax");
    return e;
}

/* End of a field's expression: the index of the top-level '!', ':', '=' or '}'. */
static size_t field_expr_end(parser *p, token *t, const char *s, size_t n, size_t i)
{
    int nest = 0;
    char quote = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '\'' || c == '"')
            quote = c;
        else if (c == '(' || c == '[' || c == '{')
            nest++;
        else if ((c == ')' || c == ']' || c == '}') && nest > 0)
            nest--;
        else if (nest == 0 && (c == '}' || c == ':'))
            return i;
        else if (nest == 0 && c == '!' && i + 1 < n && s[i + 1] != '=')
            return i;
        else if (nest == 0 && c == '=' && i + 1 < n && s[i + 1] != '=' &&
                 (i == 0 || !strchr("=!<>", s[i - 1])))
            return i;
    }
    lx_syntax_error(p->err, p->fail, 0, t->line, t->col, "f-string: expecting '}'");
}

static void push_literal(parser *p, token *t, list_builder *parts, const char *s, size_t n)
{
    if (!n)
        return;
    lx_lexer lx = {.arena = p->arena, .err = p->err, .fail = p->fail};
    node *lit = new_node(p, N_STR, t);
    lit->s = lx_decode_string(&lx, s, n, t->sflags & STR_RAW, t->line, &lit->slen);
    lb_push(p, parts, lit);
}

static size_t parse_field(parser *p, token *t, const char *s, size_t n, size_t i,
                          list_builder *parts, int depth)
{
    size_t start = i;
    size_t end = field_expr_end(p, t, s, n, i);
    node *f = new_node(p, N_FORMATTED, t);
    f->a = parse_field_expr(p, t, s + start, end - start);
    i = end;
    int debug = 0;
    if (s[i] == '=') {                  /* {x=}: the text, then repr by default */
        size_t k = i + 1;
        while (k < n && s[k] == ' ')
            k++;
        push_literal(p, t, parts, s + start, k - start);
        i = k;
        f->op = 'r';
        debug = 1;
    }
    if (debug && i < n && s[i] == ':')
        f->op = 0;                      /* {x=:.3f}: with a spec, format() as is */
    if (i < n && s[i] == '!') {
        if (i + 1 >= n || !strchr("rsa", s[i + 1]))
            lx_syntax_error(p->err, p->fail, 0, t->line, t->col,
                            "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        f->op = s[i + 1];
        i += 2;
    }
    if (i < n && s[i] == ':') {
        size_t spec_start = ++i;
        int nest = 0;
        while (i < n && (s[i] != '}' || nest > 0)) {
            if (s[i] == '{')
                nest++;
            else if (s[i] == '}')
                nest--;
            i++;
        }
        if (depth >= 2)
            lx_syntax_error(p->err, p->fail, 0, t->line, t->col,
                            "f-string: expressions nested too deeply");
        f->b = parse_fstring_body(p, t, s + spec_start, i - spec_start, depth + 1);
    }
    if (i >= n || s[i] != '}')
        lx_syntax_error(p->err, p->fail, 0, t->line, t->col, "f-string: expecting '}'");
    lb_push(p, parts, f);
    return i + 1;
}

/* Past the escape at s[i] (a backslash) in an f-string's literal text: a
 * "\\N{NAME}" escape keeps its braces (they open no field), any other
 * escape is two characters (so "\\\\" does not escape what follows), but a
 * brace after a backslash is still a brace. */
static size_t skip_escape(const char *s, size_t n, size_t i)
{
    if (i + 2 < n && s[i + 1] == 'N' && s[i + 2] == '{') {
        const char *close = memchr(s + i + 3, '}', n - i - 3);
        if (close)
            return (size_t)(close - s) + 1;
    }
    if (i + 1 < n && (s[i + 1] == '{' || s[i + 1] == '}'))
        return i + 1;   /* "\\{" is a backslash, then the brace as usual */
    return i + 2 <= n ? i + 2 : n;
}

static node *parse_fstring_body(parser *p, token *t, const char *s, size_t n, int depth)
{
    list_builder parts = {0};
    size_t lit = 0, i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '{' && i + 1 < n && s[i + 1] == '{') {
            push_literal(p, t, &parts, s + lit, i + 1 - lit);
            i += 2;
            lit = i;
        } else if (c == '}' && i + 1 < n && s[i + 1] == '}') {
            push_literal(p, t, &parts, s + lit, i + 1 - lit);
            i += 2;
            lit = i;
        } else if (c == '{') {
            push_literal(p, t, &parts, s + lit, i - lit);
            i = parse_field(p, t, s, n, i + 1, &parts, depth);
            lit = i;
        } else if (c == '}') {
            lx_syntax_error(p->err, p->fail, 0, t->line, t->col, "f-string: single '}' is not allowed");
        } else if (c == '\\' && !(t->sflags & STR_RAW)) {
            i = skip_escape(s, n, i);
        } else {
            i++;
        }
    }
    push_literal(p, t, &parts, s + lit, n - lit);
    node *f = new_node(p, N_FSTRING, t);
    f->items = lb_done(&parts);
    return f;
}

/* Adjacent string literals, concatenated; an f-string among them makes the
 * result an N_FSTRING. */
static node *parse_strings(parser *p)
{
    token *first = peek(p);
    int is_bytes = first->sflags & STR_BYTES, any_f = 0;
    size_t total = 0;
    size_t k = 0;
    for (; peek_at(p, k)->kind == T_STR; k++) {
        token *t = peek_at(p, k);
        if ((t->sflags & STR_BYTES) != is_bytes)
            error_at(p, t, "cannot mix bytes and nonbytes literals", NULL);
        any_f |= t->sflags & STR_FSTRING;
        total += t->slen;
    }
    if (!any_f) {
        char *buf = lx_arena_alloc_or_fail(p->arena, total + 1, p->err, p->fail);
        size_t o = 0;
        for (size_t i = 0; i < k; i++) {
            token *t = advance(p);
            memcpy(buf + o, t->s, t->slen);
            o += t->slen;
        }
        buf[o] = 0;
        node *n = new_node(p, is_bytes ? N_BYTES : N_STR, first);
        n->s = buf;
        n->slen = o;
        return n;
    }
    list_builder parts = {0};
    for (size_t i = 0; i < k; i++) {
        token *t = advance(p);
        if (t->sflags & STR_FSTRING) {
            node *f = parse_fstring_body(p, t, t->s, t->slen, 0);
            for (int j = 0; j < f->items.n; j++)
                lb_push(p, &parts, f->items.v[j]);
        } else if (t->slen) {
            node *lit = new_node(p, N_STR, t);
            lit->s = t->s;
            lit->slen = t->slen;
            lb_push(p, &parts, lit);
        }
    }
    node *f = new_node(p, N_FSTRING, first);
    f->items = lb_done(&parts);
    return f;
}

/* ---- atoms and trailers -------------------------------------------------------------------- */

static node *parse_comp_clauses(parser *p, node *comp);

static int starts_comprehension(parser *p)
{
    return is_kw(p, KW_FOR) || (is_kw(p, KW_ASYNC) && peek_at(p, 1)->kind == T_KW &&
                                peek_at(p, 1)->op == KW_FOR);
}

static node *parse_namedexpr(parser *p)
{
    if (peek(p)->kind == T_NAME && peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_WALRUS) {
        token *t = advance(p);
        advance(p);
        node *w = new_node(p, N_WALRUS, t);
        node *name = new_node(p, N_NAME, t);
        name->s = t->s;
        w->a = name;
        w->b = parse_test(p);
        return w;
    }
    return parse_test(p);
}

/* Item of a list/tuple/set display: a test or *expr. */
static node *parse_display_item(parser *p)
{
    if (is_op(p, OP_MUL))
        return parse_star_expr(p);
    return parse_namedexpr(p);
}

/* 'yield' ['from' test | testlist]: the caller saw KW_YIELD.  A value
 * follows unless the expression ends here (')', '=', ';', a newline). */
static node *parse_yield_expr(parser *p)
{
    token *t = advance(p);
    if (accept_kw(p, KW_FROM)) {
        node *y = new_node(p, N_YIELD_FROM, t);
        y->a = parse_test(p);
        return y;
    }
    node *y = new_node(p, N_YIELD, t);
    token *n = peek(p);
    int ends = n->kind == T_NEWLINE || n->kind == T_EOF ||
               (n->kind == T_OP && (n->op == OP_RPAR || n->op == OP_ASSIGN || n->op == OP_SEMI ||
                                    n->op == OP_RSQB || n->op == OP_RBRACE || n->op == OP_COLON));
    if (!ends)
        y->a = parse_testlist(p, 1);
    return y;
}

static node *parse_paren(parser *p, token *open)
{
    if (accept_op(p, OP_RPAR)) {
        node *t = new_node(p, N_TUPLE, open);
        return t;
    }
    if (is_kw(p, KW_YIELD)) {
        node *y = parse_yield_expr(p);
        expect_op(p, OP_RPAR);
        return y;
    }
    node *first = parse_display_item(p);
    if (starts_comprehension(p)) {
        node *g = new_node(p, N_GENEXP, open);
        g->a = first;
        parse_comp_clauses(p, g);
        expect_op(p, OP_RPAR);
        return g;
    }
    if (accept_op(p, OP_RPAR)) {
        if (first->kind == N_STARRED)
            error_at(p, open, "cannot use starred expression here", NULL);
        return first;
    }
    list_builder items = {0};
    lb_push(p, &items, first);
    while (accept_op(p, OP_COMMA)) {
        if (is_op(p, OP_RPAR))
            break;
        lb_push(p, &items, parse_display_item(p));
    }
    expect_op(p, OP_RPAR);
    node *t = new_node(p, N_TUPLE, open);
    t->items = lb_done(&items);
    return t;
}

static node *parse_list_display(parser *p, token *open)
{
    node *l = new_node(p, N_LIST, open);
    if (accept_op(p, OP_RSQB))
        return l;
    node *first = parse_display_item(p);
    if (starts_comprehension(p)) {
        l->kind = N_LISTCOMP;
        l->a = first;
        parse_comp_clauses(p, l);
        expect_op(p, OP_RSQB);
        return l;
    }
    list_builder items = {0};
    lb_push(p, &items, first);
    while (accept_op(p, OP_COMMA)) {
        if (is_op(p, OP_RSQB))
            break;
        lb_push(p, &items, parse_display_item(p));
    }
    expect_op(p, OP_RSQB);
    l->items = lb_done(&items);
    return l;
}

static node *parse_brace_display(parser *p, token *open)
{
    node *d = new_node(p, N_DICT, open);
    if (accept_op(p, OP_RBRACE))
        return d;
    list_builder items = {0};
    int is_dict;
    if (accept_op(p, OP_POW)) {
        is_dict = 1;
        lb_push(p, &items, NULL);
        lb_push(p, &items, parse_expr(p));
    } else {
        node *first = parse_display_item(p);
        if (accept_op(p, OP_COLON)) {
            is_dict = 1;
            node *v = parse_test(p);
            if (starts_comprehension(p)) {
                d->kind = N_DICTCOMP;
                d->a = first;
                d->b = v;
                parse_comp_clauses(p, d);
                expect_op(p, OP_RBRACE);
                return d;
            }
            lb_push(p, &items, first);
            lb_push(p, &items, v);
        } else {
            is_dict = 0;
            if (starts_comprehension(p)) {
                d->kind = N_SETCOMP;
                d->a = first;
                parse_comp_clauses(p, d);
                expect_op(p, OP_RBRACE);
                return d;
            }
            lb_push(p, &items, first);
        }
    }
    while (accept_op(p, OP_COMMA)) {
        if (is_op(p, OP_RBRACE))
            break;
        if (is_dict) {
            if (accept_op(p, OP_POW)) {
                lb_push(p, &items, NULL);
                lb_push(p, &items, parse_expr(p));
                continue;
            }
            lb_push(p, &items, parse_test(p));
            expect_op(p, OP_COLON);
            lb_push(p, &items, parse_test(p));
        } else {
            lb_push(p, &items, parse_display_item(p));
        }
    }
    expect_op(p, OP_RBRACE);
    d->kind = is_dict ? N_DICT : N_SET;
    d->items = lb_done(&items);
    return d;
}

static node *parse_atom(parser *p)
{
    token *t = peek(p);
    node *n;
    switch (t->kind) {
    case T_NAME:
        advance(p);
        n = new_node(p, N_NAME, t);
        n->s = t->s;
        return n;
    case T_INT:
        advance(p);
        if (t->imag)
            error_at(p, t, "complex numbers are not supported", NULL);
        n = new_node(p, N_INT, t);
        n->ival = t->ival;
        if (t->int_overflow)
            n->op = 1;
        n->s = arena_copy(p, t->start, t->len);
        return n;
    case T_FLOAT:
        advance(p);
        if (t->imag)
            error_at(p, t, "complex numbers are not supported", NULL);
        n = new_node(p, N_FLOAT, t);
        n->fval = t->fval;
        return n;
    case T_STR:
        return parse_strings(p);
    case T_KW:
        if (t->op == KW_NONE || t->op == KW_TRUE || t->op == KW_FALSE) {
            advance(p);
            return new_node(p, t->op == KW_NONE ? N_NONE : t->op == KW_TRUE ? N_TRUE : N_FALSE, t);
        }
        break;
    case T_OP:
        if (t->op == OP_LPAR || t->op == OP_LSQB || t->op == OP_LBRACE) {
            advance(p);
            enter(p);
            n = t->op == OP_LPAR ? parse_paren(p, t) : t->op == OP_LSQB ? parse_list_display(p, t)
                                                                          : parse_brace_display(p, t);
            leave(p);
            return n;
        }
        if (t->op == OP_ELLIPSIS) {
            advance(p);
            return new_node(p, N_ELLIPSIS, t);
        }
        break;
    default:
        break;
    }
    invalid_syntax(p);
}

static node *parse_slice_item(parser *p)
{
    token *t = peek(p);
    node *lower = NULL;
    if (!is_op(p, OP_COLON)) {
        lower = parse_namedexpr(p);
        if (!is_op(p, OP_COLON))
            return lower;
    }
    node *s = new_node(p, N_SLICE, t);
    s->a = lower;
    expect_op(p, OP_COLON);
    if (!is_op(p, OP_COLON) && !is_op(p, OP_RSQB) && !is_op(p, OP_COMMA))
        s->b = parse_test(p);
    if (accept_op(p, OP_COLON)) {
        if (!is_op(p, OP_RSQB) && !is_op(p, OP_COMMA))
            s->c = parse_test(p);
    }
    return s;
}

static node *parse_subscript(parser *p, token *open)
{
    node *first = parse_slice_item(p);
    if (!is_op(p, OP_COMMA)) {
        expect_op(p, OP_RSQB);
        return first;
    }
    list_builder items = {0};
    lb_push(p, &items, first);
    while (accept_op(p, OP_COMMA)) {
        if (is_op(p, OP_RSQB))
            break;
        lb_push(p, &items, parse_slice_item(p));
    }
    expect_op(p, OP_RSQB);
    node *tup = new_node(p, N_TUPLE, open);
    tup->items = lb_done(&items);
    return tup;
}

static void parse_call_args(parser *p, node *call)
{
    list_builder args = {0};
    int seen_kw = 0;
    while (!is_op(p, OP_RPAR)) {
        token *t = peek(p);
        node *arg;
        if (accept_op(p, OP_MUL)) {
            arg = new_node(p, N_STARRED, t);
            arg->a = parse_test(p);
        } else if (accept_op(p, OP_POW)) {
            arg = new_node(p, N_DSTAR, t);
            arg->a = parse_test(p);
            seen_kw = 1;
        } else if (t->kind == T_NAME && peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_ASSIGN) {
            advance(p);
            advance(p);
            arg = new_node(p, N_KEYWORD, t);
            arg->s = t->s;
            arg->a = parse_test(p);
            seen_kw = 1;
        } else {
            arg = parse_namedexpr(p);
            if (starts_comprehension(p)) {
                node *g = new_node(p, N_GENEXP, t);
                g->a = arg;
                parse_comp_clauses(p, g);
                arg = g;
                if (args.n > 0 || !is_op(p, OP_RPAR))
                    error_at(p, t, "Generator expression must be parenthesized", NULL);
            } else if (seen_kw) {
                if (is_op(p, OP_ASSIGN))
                    error_at(p, t, "expression cannot contain assignment, perhaps you meant \"==\"?", NULL);
                error_at(p, t, "positional argument follows keyword argument", NULL);
            }
            if (is_op(p, OP_ASSIGN))
                error_at(p, t, "expression cannot contain assignment, perhaps you meant \"==\"?", NULL);
        }
        lb_push(p, &args, arg);
        if (!accept_op(p, OP_COMMA))
            break;
    }
    expect_op(p, OP_RPAR);
    call->items = lb_done(&args);
}

static node *parse_primary(parser *p)
{
    node *n = parse_atom(p);
    for (;;) {
        token *t = peek(p);
        if (accept_op(p, OP_DOT)) {
            token *name = peek(p);
            if (name->kind != T_NAME)
                invalid_syntax(p);
            advance(p);
            node *a = new_node(p, N_ATTR, name);
            a->a = n;
            a->s = name->s;
            chain_link(p, a, n);
            n = a;
        } else if (accept_op(p, OP_LPAR)) {
            node *c = new_node(p, N_CALL, t);
            c->line = n->line;
            c->a = n;
            enter(p);
            parse_call_args(p, c);
            leave(p);
            chain_link(p, c, n);
            n = c;
        } else if (accept_op(p, OP_LSQB)) {
            node *s = new_node(p, N_SUBSCRIPT, t);
            s->line = n->line;
            s->a = n;
            enter(p);
            s->b = parse_subscript(p, t);
            leave(p);
            chain_link(p, s, n);
            n = s;
        } else {
            return n;
        }
    }
}

/* ---- operators ----------------------------------------------------------------------------- */

static node *parse_factor(parser *p);

static node *parse_power(parser *p)
{
    if (is_kw(p, KW_AWAIT))
        error_at(p, peek(p), "'await' is not supported", NULL);
    node *base = parse_primary(p);
    token *t = peek(p);
    if (accept_op(p, OP_POW)) {
        node *b = new_node(p, N_BINOP, t);
        b->line = base->line;
        b->op = OP_POW;
        b->a = base;
        enter(p);
        b->b = parse_factor(p);
        leave(p);
        return b;
    }
    return base;
}

static node *parse_factor(parser *p)
{
    token *t = peek(p);
    if (is_op(p, OP_ADD) || is_op(p, OP_SUB) || is_op(p, OP_INVERT)) {
        advance(p);
        enter(p);
        node *u = new_node(p, N_UNARY, t);
        u->op = t->op;
        u->a = parse_factor(p);
        leave(p);
        return u;
    }
    return parse_power(p);
}

typedef node *(*rule_fn)(parser *p);

/* A left-associative chain of binary operators from ops[] over `next`. */
static node *parse_binary(parser *p, rule_fn next, const int *ops, int nops)
{
    node *left = next(p);
    for (;;) {
        token *t = peek(p);
        int found = -1;
        if (t->kind == T_OP)
            for (int i = 0; i < nops; i++)
                if (t->op == ops[i])
                    found = ops[i];
        if (found < 0)
            return left;
        advance(p);
        node *b = new_node(p, N_BINOP, t);
        b->line = left->line;
        b->op = (int16_t)found;
        b->a = left;
        b->b = next(p);
        chain_link(p, b, left);
        left = b;
    }
}

static node *parse_term(parser *p)
{
    static const int ops[] = {OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_MATMUL};
    return parse_binary(p, parse_factor, ops, 5);
}

static node *parse_arith(parser *p)
{
    static const int ops[] = {OP_ADD, OP_SUB};
    return parse_binary(p, parse_term, ops, 2);
}

static node *parse_shift(parser *p)
{
    static const int ops[] = {OP_LSHIFT, OP_RSHIFT};
    return parse_binary(p, parse_arith, ops, 2);
}

static node *parse_bitand(parser *p)
{
    static const int ops[] = {OP_BITAND};
    return parse_binary(p, parse_shift, ops, 1);
}

static node *parse_bitxor(parser *p)
{
    static const int ops[] = {OP_BITXOR};
    return parse_binary(p, parse_bitand, ops, 1);
}

static node *parse_expr(parser *p)
{
    static const int ops[] = {OP_BITOR};
    return parse_binary(p, parse_bitxor, ops, 1);
}

/* The comparison operator at the current token, consumed; -1 if none. */
static int comparison_op(parser *p)
{
    token *t = peek(p);
    if (t->kind == T_OP) {
        int op = t->op == OP_LT ? CMP_LT : t->op == OP_LE ? CMP_LE : t->op == OP_EQ ? CMP_EQ
               : t->op == OP_NE ? CMP_NE : t->op == OP_GT ? CMP_GT : t->op == OP_GE ? CMP_GE : -1;
        if (op >= 0)
            advance(p);
        return op;
    }
    if (t->kind != T_KW)
        return -1;
    if (t->op == KW_IN) {
        advance(p);
        return CMP_IN;
    }
    if (t->op == KW_NOT && peek_at(p, 1)->kind == T_KW && peek_at(p, 1)->op == KW_IN) {
        advance(p);
        advance(p);
        return CMP_NOT_IN;
    }
    if (t->op == KW_IS) {
        advance(p);
        return accept_kw(p, KW_NOT) ? CMP_IS_NOT : CMP_IS;
    }
    return -1;
}

static node *parse_comparison(parser *p)
{
    node *left = parse_expr(p);
    int op = comparison_op(p);
    if (op < 0)
        return left;
    node *c = new_node(p, N_COMPARE, NULL);
    c->line = left->line;
    c->col = left->col;
    c->a = left;
    list_builder rights = {0};
    uint8_t opsbuf[64];
    int nops = 0, cap = 64;
    uint8_t *ops = opsbuf;
    while (op >= 0) {
        if (nops == cap) {
            uint8_t *bigger = lx_arena_alloc_or_fail(p->arena, (size_t)cap * 2, p->err, p->fail);
            memcpy(bigger, ops, (size_t)nops);
            ops = bigger;
            cap *= 2;
        }
        ops[nops++] = (uint8_t)op;
        lb_push(p, &rights, parse_expr(p));
        op = comparison_op(p);
    }
    c->ops = lx_arena_alloc_or_fail(p->arena, (size_t)nops, p->err, p->fail);
    memcpy(c->ops, ops, (size_t)nops);
    c->items = lb_done(&rights);
    return c;
}

static node *parse_not_test(parser *p)
{
    token *t = peek(p);
    if (accept_kw(p, KW_NOT)) {
        enter(p);
        node *u = new_node(p, N_UNARY, t);
        u->op = KW_NOT;
        u->a = parse_not_test(p);
        leave(p);
        return u;
    }
    return parse_comparison(p);
}

static node *parse_boolop(parser *p, int kw, rule_fn next)
{
    node *first = next(p);
    if (!is_kw(p, kw))
        return first;
    node *b = new_node(p, N_BOOLOP, NULL);
    b->line = first->line;
    b->op = (int16_t)kw;
    list_builder items = {0};
    lb_push(p, &items, first);
    while (accept_kw(p, kw))
        lb_push(p, &items, next(p));
    b->items = lb_done(&items);
    return b;
}

static node *parse_and_test(parser *p) { return parse_boolop(p, KW_AND, parse_not_test); }
static node *parse_or_test(parser *p) { return parse_boolop(p, KW_OR, parse_and_test); }

/* ---- lambda and parameters ------------------------------------------------------------------ */

static params *parse_params(parser *p, int is_lambda)
{
    params *ps = lx_arena_alloc_or_fail(p->arena, sizeof *ps, p->err, p->fail);
    list_builder args = {0}, annots = {0};
    int end_op = is_lambda ? OP_COLON : OP_RPAR;
    int kwonly = 0, seen_default = 0;
    while (!is_op(p, end_op)) {
        token *t = peek(p);
        if (accept_op(p, OP_POW)) {
            token *name = expect_name(p);
            ps->kwarg = name->s;
            if (!is_lambda && accept_op(p, OP_COLON))
                param_annotation(p, &annots, name);
            accept_op(p, OP_COMMA);
            if (!is_op(p, end_op))
                error_at(p, peek(p), "arguments cannot follow var-keyword argument", NULL);
            break;
        }
        if (accept_op(p, OP_MUL)) {
            if (kwonly)
                error_at(p, t, "* argument may appear only once", NULL);
            kwonly = 1;
            ps->nposargs = args.n;
            if (peek(p)->kind == T_NAME) {
                token *name = advance(p);
                ps->vararg = name->s;
                if (!is_lambda && accept_op(p, OP_COLON))
                    param_annotation(p, &annots, name);
            } else {
                ps->star_bare = 1;
                if (is_op(p, end_op) || (is_op(p, OP_COMMA) && peek_at(p, 1)->kind == T_OP &&
                                         peek_at(p, 1)->op == end_op))
                    error_at(p, t, "named arguments must follow bare *", NULL);
            }
        } else if (accept_op(p, OP_DIV)) {
            if (kwonly || ps->nposonly || args.n == 0)
                error_at(p, t, "/ must be ahead of *", NULL);
            ps->nposonly = args.n;
        } else {
            if (t->kind != T_NAME)
                invalid_syntax(p);
            advance(p);
            for (int i = 0; i < args.n; i++)
                if (strcmp(args.v[i]->s, t->s) == 0)
                    error_at(p, t, "duplicate argument '%s' in function definition", t->s);
            node *a = new_node(p, N_NAME, t);
            a->s = t->s;
            if (!is_lambda && accept_op(p, OP_COLON))
                param_annotation(p, &annots, t);
            if (accept_op(p, OP_ASSIGN)) {
                a->a = parse_test(p);
                seen_default = 1;
            } else if (seen_default && !kwonly) {
                error_at(p, t, "non-default argument follows default argument", NULL);
            }
            lb_push(p, &args, a);
        }
        if (!accept_op(p, OP_COMMA))
            break;
    }
    if (!kwonly)
        ps->nposargs = args.n;
    ps->args = lb_done(&args);
    ps->annots = lb_done(&annots);
    return ps;
}

/* An annotation: the expression and its source text (the text is what
 * `from __future__ import annotations` keeps). */
static node *parse_annotation(parser *p)
{
    token *first = peek(p);
    node *an = new_node(p, N_ANNOT, first);
    an->a = parse_test(p);
    token *last = &p->toks[p->pos - 1];
    an->s = first->start;
    an->slen = (size_t)(last->start + last->len - first->start);
    return an;
}

/* Keep the annotation of parameter `name` in *annots. */
static void param_annotation(parser *p, list_builder *annots, token *name)
{
    node *k = new_node(p, N_KEYWORD, name);
    k->s = name->s;
    k->a = parse_annotation(p);
    lb_push(p, annots, k);
}

static node *parse_lambda(parser *p)
{
    token *t = advance(p);
    node *l = new_node(p, N_LAMBDA, t);
    enter(p);
    l->params = parse_params(p, 1);
    expect_op(p, OP_COLON);
    l->a = parse_test(p);
    leave(p);
    return l;
}

static node *parse_test(parser *p)
{
    if (is_kw(p, KW_LAMBDA))
        return parse_lambda(p);
    node *body = parse_or_test(p);
    token *t = peek(p);
    if (!accept_kw(p, KW_IF))
        return body;
    node *e = new_node(p, N_IFEXP, t);
    e->line = body->line;
    enter(p);
    e->b = body;
    e->a = parse_or_test(p);
    if (!accept_kw(p, KW_ELSE))
        error_at(p, peek(p), "expected 'else' after 'if' expression", NULL);
    e->c = parse_test(p);
    leave(p);
    return e;
}

static node *parse_test_nocond(parser *p)
{
    if (is_kw(p, KW_LAMBDA))
        return parse_lambda(p);
    return parse_or_test(p);
}

static node *parse_star_expr(parser *p)
{
    token *t = peek(p);
    if (accept_op(p, OP_MUL)) {
        node *s = new_node(p, N_STARRED, t);
        s->a = parse_expr(p);
        return s;
    }
    return parse_expr(p);
}

/* exprlist: targets of for / comprehension (star_expr, ...) */
static node *parse_exprlist(parser *p)
{
    token *t = peek(p);
    node *first = parse_star_expr(p);
    if (!is_op(p, OP_COMMA))
        return first;
    list_builder items = {0};
    lb_push(p, &items, first);
    while (accept_op(p, OP_COMMA)) {
        if (is_kw(p, KW_IN) || is_op(p, OP_ASSIGN))
            break;
        lb_push(p, &items, parse_star_expr(p));
    }
    node *tup = new_node(p, N_TUPLE, t);
    tup->items = lb_done(&items);
    return tup;
}

/* testlist: test (',' test)* [','] — a tuple if there is a comma. */
static node *parse_testlist(parser *p, int allow_star)
{
    token *t = peek(p);
    node *first = allow_star ? parse_display_item(p) : parse_test(p);
    if (!is_op(p, OP_COMMA))
        return first;
    list_builder items = {0};
    lb_push(p, &items, first);
    while (accept_op(p, OP_COMMA)) {
        token *n = peek(p);
        if (n->kind == T_NEWLINE || n->kind == T_EOF || (n->kind == T_OP && (n->op == OP_ASSIGN ||
            n->op == OP_SEMI || n->op == OP_RPAR || n->op == OP_COLON || (n->op >= OP_IADD && n->op <= OP_IMATMUL))))
            break;
        lb_push(p, &items, allow_star ? parse_display_item(p) : parse_test(p));
    }
    node *tup = new_node(p, N_TUPLE, t);
    tup->items = lb_done(&items);
    return tup;
}

static node *parse_comp_clauses(parser *p, node *comp)
{
    list_builder clauses = {0};
    while (is_kw(p, KW_FOR) || is_kw(p, KW_ASYNC)) {
        if (accept_kw(p, KW_ASYNC))
            error_at(p, peek(p), "asynchronous comprehensions are not supported", NULL);
        token *t = advance(p);
        node *c = new_node(p, N_COMPFOR, t);
        c->a = parse_exprlist(p);
        if (!accept_kw(p, KW_IN))
            invalid_syntax(p);
        c->b = parse_or_test(p);
        list_builder ifs = {0};
        while (accept_kw(p, KW_IF))
            lb_push(p, &ifs, parse_test_nocond(p));
        c->items = lb_done(&ifs);
        lb_push(p, &clauses, c);
    }
    comp->items = lb_done(&clauses);
    return comp;
}

/* ---- target checks --------------------------------------------------------------------------- */

static const char *expr_description(node *e)
{
    switch (e->kind) {
    case N_CALL: return "function call";
    case N_INT: case N_FLOAT: case N_STR: case N_BYTES: case N_ELLIPSIS: return "literal";
    case N_NONE: return "None";
    case N_TRUE: return "True";
    case N_FALSE: return "False";
    case N_FSTRING: return "f-string expression";
    case N_BINOP: case N_UNARY: return "expression";
    case N_BOOLOP: return "expression";
    case N_COMPARE: return "comparison";
    case N_IFEXP: return "conditional expression";
    case N_LAMBDA: return "lambda";
    case N_LISTCOMP: return "list comprehension";
    case N_SETCOMP: return "set comprehension";
    case N_DICTCOMP: return "dict comprehension";
    case N_GENEXP: return "generator expression";
    case N_DICT: return "dict literal";
    case N_SET: return "set display";
    case N_WALRUS: return "named expression";
    case N_YIELD: case N_YIELD_FROM: return "yield expression";
    default: return "expression";
    }
}

/* Check that e can be assigned to (what: 0 assign, 1 del, 2 for/with target). */
static void check_target(parser *p, node *e, int what)
{
    switch (e->kind) {
    case N_NAME:
    case N_ATTR:
    case N_SUBSCRIPT:
        return;
    case N_TUPLE:
    case N_LIST: {
        int stars = 0;
        for (int i = 0; i < e->items.n; i++) {
            node *x = e->items.v[i];
            if (x->kind == N_STARRED) {
                if (what == 1)
                    break;
                if (++stars > 1)
                    error_at(p, &(token){.line = x->line, .col = x->col},
                             "multiple starred expressions in assignment", NULL);
                check_target(p, x->a, what);
            } else {
                check_target(p, x, what);
            }
        }
        if (what != 1 || stars == 0)
            return;
        break;
    }
    case N_STARRED:
        if (what != 1)
            error_at(p, &(token){.line = e->line, .col = e->col},
                     "starred assignment target must be in a list or tuple", NULL);
        break;
    default:
        break;
    }
    token at = {.line = e->line, .col = e->col};
    if (what == 1)
        error_at(p, &at, "cannot delete %s", expr_description(e));
    if (what == 0 && (e->kind == N_CALL || e->kind <= N_ELLIPSIS || e->kind == N_COMPARE)) {
        char msg[120];
        snprintf(msg, sizeof msg, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                 expr_description(e));
        error_at(p, &at, "%s", msg);
    }
    error_at(p, &at, "cannot assign to %s", expr_description(e));
}

/* ---- simple statements -------------------------------------------------------------------------- */

static const char *dotted_name(parser *p)
{
    token *t = expect_name(p);
    size_t n = t->slen;
    char buf[512];
    if (n >= sizeof buf)
        error_at(p, t, "name too long", NULL);
    memcpy(buf, t->s, n);
    while (is_op(p, OP_DOT)) {
        advance(p);
        token *u = advance(p);
        if (u->kind != T_NAME || n + 1 + u->slen >= sizeof buf)
            invalid_syntax(p);
        buf[n++] = '.';
        memcpy(buf + n, u->s, u->slen);
        n += u->slen;
    }
    return arena_copy(p, buf, n);
}

static node *parse_import(parser *p, token *t)
{
    node *imp = new_node(p, N_IMPORT, t);
    list_builder items = {0};
    do {
        token *at = peek(p);
        node *a = new_node(p, N_ALIAS, at);
        a->s = dotted_name(p);
        if (accept_kw(p, KW_AS)) {
            token *n = expect_name(p);
            a->s2 = n->s;
        }
        lb_push(p, &items, a);
    } while (accept_op(p, OP_COMMA));
    imp->items = lb_done(&items);
    return imp;
}

static node *parse_from_import(parser *p, token *t)
{
    node *imp = new_node(p, N_IMPORTFROM, t);
    if (is_op(p, OP_DOT) || is_op(p, OP_ELLIPSIS))
        error_at(p, peek(p), "relative imports are not supported", NULL);
    imp->s = dotted_name(p);
    if (!accept_kw(p, KW_IMPORT))
        invalid_syntax(p);
    list_builder items = {0};
    if (is_op(p, OP_MUL)) {
        token *star = advance(p);
        node *a = new_node(p, N_ALIAS, star);
        a->s = "*";
        lb_push(p, &items, a);
    } else {
        int paren = accept_op(p, OP_LPAR);
        do {
            if (paren && is_op(p, OP_RPAR))
                break;
            token *n = expect_name(p);
            node *a = new_node(p, N_ALIAS, n);
            a->s = n->s;
            if (accept_kw(p, KW_AS)) {
                token *as = expect_name(p);
                a->s2 = as->s;
            }
            lb_push(p, &items, a);
        } while (accept_op(p, OP_COMMA));
        if (paren)
            expect_op(p, OP_RPAR);
    }
    imp->items = lb_done(&items);
    return imp;
}

static node *parse_expr_statement(parser *p)
{
    token *t = peek(p);
    node *first = is_kw(p, KW_YIELD) ? parse_yield_expr(p) : parse_testlist(p, 1);
    token *op = peek(p);
    if (op->kind == T_OP && op->op >= OP_IADD && op->op <= OP_IMATMUL) {
        advance(p);
        if (first->kind != N_NAME && first->kind != N_ATTR && first->kind != N_SUBSCRIPT) {
            char msg[120];
            snprintf(msg, sizeof msg, "'%s' is an illegal expression for augmented assignment",
                     first->kind == N_TUPLE ? "tuple" : first->kind == N_LIST ? "list" : expr_description(first));
            error_at(p, t, "%s", msg);
        }
        node *a = new_node(p, N_AUGASSIGN, t);
        a->op = (int16_t)(op->op - OP_AUG_DELTA);
        a->a = first;
        a->b = is_kw(p, KW_YIELD) ? parse_yield_expr(p) : parse_testlist(p, 0);
        return a;
    }
    if (op->kind == T_OP && op->op == OP_COLON) {
        advance(p);
        if (first->kind != N_NAME && first->kind != N_ATTR && first->kind != N_SUBSCRIPT)
            error_at(p, t, "only single target (not tuple) can be annotated", NULL);
        node *a = new_node(p, N_ANNASSIGN, t);
        a->a = first;
        a->c = parse_annotation(p);
        if (accept_op(p, OP_ASSIGN))
            a->b = parse_testlist(p, 1);
        return a;
    }
    if (!is_op(p, OP_ASSIGN)) {
        node *e = new_node(p, N_EXPR, t);
        e->a = first;
        if (first->kind == N_STARRED)
            error_at(p, t, "can't use starred expression here", NULL);
        return e;
    }
    list_builder targets = {0};
    node *value = first;
    while (accept_op(p, OP_ASSIGN)) {
        check_target(p, value, 0);
        lb_push(p, &targets, value);
        value = is_kw(p, KW_YIELD) ? parse_yield_expr(p) : parse_testlist(p, 1);
    }
    node *a = new_node(p, N_ASSIGN, t);
    a->items = lb_done(&targets);
    a->a = value;
    return a;
}

static node *parse_name_list(parser *p, int kind, token *t)
{
    node *g = new_node(p, kind, t);
    list_builder names = {0};
    do {
        token *n = expect_name(p);
        node *name = new_node(p, N_NAME, n);
        name->s = n->s;
        lb_push(p, &names, name);
    } while (accept_op(p, OP_COMMA));
    g->items = lb_done(&names);
    return g;
}

static node *parse_small_statement(parser *p)
{
    token *t = peek(p);
    if (t->kind == T_KW) {
        switch (t->op) {
        case KW_PASS: advance(p); return new_node(p, N_PASS, t);
        case KW_BREAK: advance(p); return new_node(p, N_BREAK, t);
        case KW_CONTINUE: advance(p); return new_node(p, N_CONTINUE, t);
        case KW_RETURN: {
            advance(p);
            node *r = new_node(p, N_RETURN, t);
            if (!is_op(p, OP_SEMI) && peek(p)->kind != T_NEWLINE && peek(p)->kind != T_EOF)
                r->a = parse_testlist(p, 1);
            return r;
        }
        case KW_RAISE: {
            advance(p);
            node *r = new_node(p, N_RAISE, t);
            if (!is_op(p, OP_SEMI) && peek(p)->kind != T_NEWLINE && peek(p)->kind != T_EOF) {
                r->a = parse_test(p);
                if (accept_kw(p, KW_FROM))
                    r->b = parse_test(p);
            }
            return r;
        }
        case KW_GLOBAL: advance(p); return parse_name_list(p, N_GLOBAL, t);
        case KW_NONLOCAL: advance(p); return parse_name_list(p, N_NONLOCAL, t);
        case KW_DEL: {
            advance(p);
            node *d = new_node(p, N_DEL, t);
            node *targets = parse_exprlist(p);
            check_target(p, targets, 1);
            d->a = targets;
            return d;
        }
        case KW_ASSERT: {
            advance(p);
            node *a = new_node(p, N_ASSERT, t);
            a->a = parse_test(p);
            if (accept_op(p, OP_COMMA))
                a->b = parse_test(p);
            return a;
        }
        case KW_IMPORT: advance(p); return parse_import(p, t);
        case KW_FROM: advance(p); return parse_from_import(p, t);
        default: break;
        }
    }
    return parse_expr_statement(p);
}

/* small_stmt (';' small_stmt)* [';'] NEWLINE */
static node *parse_simple_statements(parser *p, list_builder *out)
{
    node *first = NULL;
    for (;;) {
        node *s = parse_small_statement(p);
        if (!first)
            first = s;
        lb_push(p, out, s);
        if (!accept_op(p, OP_SEMI))
            break;
        if (peek(p)->kind == T_NEWLINE || peek(p)->kind == T_EOF)
            break;
    }
    if (peek(p)->kind == T_EOF)
        return first;
    if (peek(p)->kind != T_NEWLINE)
        invalid_syntax(p);
    advance(p);
    return first;
}

/* ---- compound statements ------------------------------------------------------------------------ */

static node *parse_statement(parser *p, list_builder *out);

/* The INDENT that must follow the NEWLINE after a block's ':' (consumed). */
static void expect_indent(parser *p, const char *what, int what_line)
{
    token *t = peek(p);
    if (t->kind == T_INDENT) {
        advance(p);
        return;
    }
    if (t->kind == T_EOF && p->mode == 1)
        lx_syntax_error(p->err, p->fail, 0, t->line, t->col, "incomplete input");
    char msg[120];
    snprintf(msg, sizeof msg, "expected an indented block after %s on line %d", what, what_line);
    lx_syntax_error(p->err, p->fail, 1, t->line, t->col, "%s", msg);
}

static void parse_block(parser *p, node_list *out, const char *what, int what_line)
{
    expect_op(p, OP_COLON);
    list_builder stmts = {0};
    if (peek(p)->kind != T_NEWLINE) {
        parse_simple_statements(p, &stmts);
        *out = lb_done(&stmts);
        return;
    }
    advance(p);
    expect_indent(p, what, what_line);
    enter(p);
    while (peek(p)->kind != T_DEDENT && peek(p)->kind != T_EOF)
        parse_statement(p, &stmts);
    leave(p);
    if (peek(p)->kind == T_DEDENT)
        advance(p);
    *out = lb_done(&stmts);
}

static node *parse_if(parser *p, token *t)
{
    node *n = new_node(p, N_IF, t);
    n->a = parse_namedexpr(p);
    parse_block(p, &n->body, t->op == KW_ELIF ? "'elif' statement" : "'if' statement", t->line);
    token *e = peek(p);
    if (accept_kw(p, KW_ELIF)) {
        node *inner = parse_if(p, e);
        inner->op = 1;                  /* marks an elif: compiled iteratively */
        n->orelse.v = lx_arena_alloc_or_fail(p->arena, sizeof(node *), p->err, p->fail);
        n->orelse.v[0] = inner;
        n->orelse.n = 1;
    } else if (accept_kw(p, KW_ELSE)) {
        parse_block(p, &n->orelse, "'else' statement", e->line);
    }
    return n;
}

static node *parse_try(parser *p, token *t)
{
    node *n = new_node(p, N_TRY, t);
    parse_block(p, &n->body, "'try' statement", t->line);
    list_builder handlers = {0};
    int bare_seen = 0;
    while (is_kw(p, KW_EXCEPT)) {
        token *e = advance(p);
        node *h = new_node(p, N_HANDLER, e);
        if (bare_seen)
            error_at(p, e, "default 'except:' must be last", NULL);
        if (is_op(p, OP_MUL))
            error_at(p, e, "except* is not supported", NULL);
        if (!is_op(p, OP_COLON)) {
            h->a = parse_test(p);
            if (is_op(p, OP_COMMA)) {
                list_builder types = {0};
                lb_push(p, &types, h->a);
                while (accept_op(p, OP_COMMA))
                    lb_push(p, &types, parse_test(p));
                error_at(p, e, "multiple exception types must be parenthesized", NULL);
            }
            if (accept_kw(p, KW_AS)) {
                token *name = expect_name(p);
                h->s = name->s;
            }
        } else {
            bare_seen = 1;
        }
        parse_block(p, &h->body, "'except' statement", e->line);
        lb_push(p, &handlers, h);
    }
    n->items = lb_done(&handlers);
    token *e = peek(p);
    if (n->items.n && accept_kw(p, KW_ELSE))
        parse_block(p, &n->orelse, "'else' statement", e->line);
    e = peek(p);
    if (accept_kw(p, KW_FINALLY))
        parse_block(p, &n->final, "'finally' statement", e->line);
    if (!n->items.n && !n->final.n)
        error_at(p, peek(p), "expected 'except' or 'finally' block", NULL);
    return n;
}

static node *parse_with(parser *p, token *t)
{
    node *n = new_node(p, N_WITH, t);
    list_builder items = {0};
    int paren = 0;
    if (is_op(p, OP_LPAR)) {
        /* with (a as b, c as d): — only when an 'as' follows inside */
        size_t k = 1;
        int depth = 1, has_as = 0;
        for (; peek_at(p, k)->kind != T_EOF && depth > 0; k++) {
            token *x = peek_at(p, k);
            if (x->kind == T_OP && (x->op == OP_LPAR || x->op == OP_LSQB || x->op == OP_LBRACE))
                depth++;
            else if (x->kind == T_OP && (x->op == OP_RPAR || x->op == OP_RSQB || x->op == OP_RBRACE))
                depth--;
            else if (depth == 1 && x->kind == T_KW && x->op == KW_AS)
                has_as = 1;
        }
        if (has_as && peek_at(p, k)->kind == T_OP && peek_at(p, k)->op == OP_COLON) {
            advance(p);
            paren = 1;
        }
    }
    do {
        if (paren && is_op(p, OP_RPAR))
            break;
        token *at = peek(p);
        node *w = new_node(p, N_WITHITEM, at);
        w->a = parse_test(p);
        if (accept_kw(p, KW_AS)) {
            w->b = parse_star_expr(p);
            check_target(p, w->b, 2);
        }
        lb_push(p, &items, w);
    } while (accept_op(p, OP_COMMA));
    if (paren)
        expect_op(p, OP_RPAR);
    n->items = lb_done(&items);
    parse_block(p, &n->body, "'with' statement", t->line);
    return n;
}

static node *parse_def(parser *p, token *t, node_list decorators)
{
    token *name = expect_name(p);
    node *d = new_node(p, N_DEF, t);
    d->s = name->s;
    d->items = decorators;
    if (!is_op(p, OP_LPAR))
        error_at(p, peek(p), "expected '('", NULL);
    advance(p);
    d->params = parse_params(p, 0);
    expect_op(p, OP_RPAR);
    if (accept_op(p, OP_ARROW))
        d->params->returns = parse_annotation(p);
    parse_block(p, &d->body, "function definition", t->line);
    return d;
}

static node *parse_class(parser *p, token *t, node_list decorators)
{
    token *name = expect_name(p);
    node *c = new_node(p, N_CLASS, t);
    c->s = name->s;
    c->orelse = decorators;
    if (accept_op(p, OP_LPAR)) {
        node call = {0};
        parse_call_args(p, &call);
        c->items = call.items;
    }
    parse_block(p, &c->body, "class definition", t->line);
    return c;
}

static node *parse_compound(parser *p, token *t)
{
    node *n;
    switch (t->op) {
    case KW_IF:
        advance(p);
        return parse_if(p, t);
    case KW_WHILE:
        advance(p);
        n = new_node(p, N_WHILE, t);
        n->a = parse_namedexpr(p);
        parse_block(p, &n->body, "'while' statement", t->line);
        if (is_kw(p, KW_ELSE)) {
            token *e = advance(p);
            parse_block(p, &n->orelse, "'else' statement", e->line);
        }
        return n;
    case KW_FOR:
        advance(p);
        n = new_node(p, N_FOR, t);
        n->a = parse_exprlist(p);
        check_target(p, n->a, 2);
        if (!accept_kw(p, KW_IN))
            invalid_syntax(p);
        n->b = parse_testlist(p, 1);
        parse_block(p, &n->body, "'for' statement", t->line);
        if (is_kw(p, KW_ELSE)) {
            token *e = advance(p);
            parse_block(p, &n->orelse, "'else' statement", e->line);
        }
        return n;
    case KW_TRY:
        advance(p);
        return parse_try(p, t);
    case KW_WITH:
        advance(p);
        return parse_with(p, t);
    case KW_DEF:
        advance(p);
        return parse_def(p, t, (node_list){0});
    case KW_CLASS:
        advance(p);
        return parse_class(p, t, (node_list){0});
    case KW_ASYNC:
        error_at(p, t, "'async' is not supported", NULL);
    default:
        return NULL;
    }
}

static node *parse_decorated(parser *p)
{
    list_builder decos = {0};
    while (is_op(p, OP_AT)) {
        advance(p);
        lb_push(p, &decos, parse_namedexpr(p));
        if (peek(p)->kind != T_NEWLINE)
            invalid_syntax(p);
        advance(p);
    }
    token *t = peek(p);
    if (accept_kw(p, KW_DEF))
        return parse_def(p, t, lb_done(&decos));
    if (accept_kw(p, KW_CLASS))
        return parse_class(p, t, lb_done(&decos));
    invalid_syntax(p);
}

/* Does the logical line from here end with ':' (a compound statement's header)? */
static int opens_block(parser *p)
{
    int nest = 0;
    token *last = NULL;
    for (size_t k = p->pos; p->toks[k].kind != T_EOF; k++) {
        token *x = &p->toks[k];
        if (x->kind == T_NEWLINE && nest == 0)
            break;
        if (x->kind == T_OP && (x->op == OP_LPAR || x->op == OP_LSQB || x->op == OP_LBRACE))
            nest++;
        else if (x->kind == T_OP && (x->op == OP_RPAR || x->op == OP_RSQB || x->op == OP_RBRACE))
            nest--;
        last = x;
    }
    return last && last->kind == T_OP && last->op == OP_COLON;
}

/* ---- match statements ------------------------------------------------------------------------ */

static node *parse_pattern(parser *p);

static int is_name(token *t, const char *s)
{
    return t->kind == T_NAME && strcmp(t->s, s) == 0;
}

/* NAME ('.' NAME)*: an N_NAME or a chain of N_ATTR. */
static node *parse_name_or_attr(parser *p)
{
    token *t = expect_name(p);
    node *n = new_node(p, N_NAME, t);
    n->s = t->s;
    while (accept_op(p, OP_DOT)) {
        token *name = expect_name(p);
        node *a = new_node(p, N_ATTR, name);
        a->a = n;
        a->s = name->s;
        chain_link(p, a, n);
        n = a;
    }
    return n;
}

/* `1 + 2j` after a number: a complex literal, which reclaim does not have. */
static void check_not_complex(parser *p)
{
    token *imag = peek_at(p, 1);
    if (!is_op(p, OP_ADD) && !is_op(p, OP_SUB))
        return;
    if ((imag->kind == T_INT || imag->kind == T_FLOAT) && imag->imag)
        error_at(p, imag, "complex numbers are not supported", NULL);
    error_at(p, imag, "imaginary number required in complex literal", NULL);
}

/* A literal pattern or mapping key: a signed number, strings, None, True,
 * False; NULL (nothing consumed) when none starts here. */
static node *parse_literal(parser *p)
{
    token *t = peek(p);
    if (t->kind == T_STR) {
        node *s = parse_strings(p);
        if (s->kind == N_FSTRING)
            error_at(p, t, "patterns may only match literals and attribute lookups", NULL);
        return s;
    }
    int neg = is_op(p, OP_SUB);
    token *num = neg ? peek_at(p, 1) : t;
    if (num->kind == T_INT || num->kind == T_FLOAT) {
        node *n = NULL;
        if (neg) {
            advance(p);
            n = new_node(p, N_UNARY, t);
            n->op = OP_SUB;
        }
        node *value = parse_atom(p);
        if (n)
            n->a = value;
        check_not_complex(p);
        return n ? n : value;
    }
    if (t->kind == T_KW && (t->op == KW_NONE || t->op == KW_TRUE || t->op == KW_FALSE))
        return parse_atom(p);
    return NULL;
}

/* '*' NAME in a sequence pattern, or a pattern. */
static node *parse_maybe_star(parser *p)
{
    token *t = peek(p);
    if (!accept_op(p, OP_MUL))
        return parse_pattern(p);
    token *name = expect_name(p);
    node *n = new_node(p, N_PAT_STAR, t);
    n->s = is_name(name, "_") ? NULL : name->s;
    return n;
}

static node *sequence_pattern(parser *p, token *at, list_builder *items)
{
    node *seq = new_node(p, N_PAT_SEQ, at);
    seq->items = lb_done(items);
    int stars = 0;
    for (int i = 0; i < seq->items.n; i++)
        stars += seq->items.v[i]->kind == N_PAT_STAR;
    if (stars > 1)
        error_at(p, at, "multiple starred names in sequence pattern", NULL);
    return seq;
}

/* Items of a sequence pattern up to `close` (consumed); `first`, if any,
 * was read already and a comma follows it. */
static node *parse_sequence_rest(parser *p, token *open, node *first, int close)
{
    list_builder items = {0};
    if (first) {
        lb_push(p, &items, first);
        accept_op(p, OP_COMMA);
    }
    while (!is_op(p, close)) {
        lb_push(p, &items, parse_maybe_star(p));
        if (!accept_op(p, OP_COMMA))
            break;
    }
    expect_op(p, close);
    return sequence_pattern(p, open, &items);
}

/* '(' after the opening parenthesis: a group, or a sequence pattern. */
static node *parse_paren_pattern(parser *p, token *open)
{
    if (accept_op(p, OP_RPAR))
        return sequence_pattern(p, open, &(list_builder){0});
    node *first = parse_maybe_star(p);
    if (first->kind != N_PAT_STAR && accept_op(p, OP_RPAR))
        return first;
    if (!is_op(p, OP_COMMA))
        invalid_syntax(p);
    return parse_sequence_rest(p, open, first, OP_RPAR);
}

static node *parse_mapping_key(parser *p)
{
    node *lit = parse_literal(p);
    if (lit)
        return lit;
    if (peek(p)->kind == T_NAME) {
        node *k = parse_name_or_attr(p);
        if (k->kind == N_ATTR)
            return k;
    }
    invalid_syntax(p);
}

/* '{' after the brace: key: pattern pairs, then an optional '**' NAME. */
static node *parse_mapping_pattern(parser *p, token *open)
{
    node *m = new_node(p, N_PAT_MAPPING, open);
    list_builder items = {0};
    while (!is_op(p, OP_RBRACE)) {
        if (accept_op(p, OP_POW)) {
            token *name = expect_name(p);
            if (is_name(name, "_"))
                error_at(p, name, "invalid syntax", NULL);
            m->s = name->s;
            accept_op(p, OP_COMMA);
            break;
        }
        lb_push(p, &items, parse_mapping_key(p));
        expect_op(p, OP_COLON);
        lb_push(p, &items, parse_pattern(p));
        if (!accept_op(p, OP_COMMA))
            break;
    }
    expect_op(p, OP_RBRACE);
    m->items = lb_done(&items);
    return m;
}

static void check_keyword_pattern(parser *p, list_builder *kws, token *name)
{
    for (int i = 0; i < kws->n; i++)
        if (strcmp(kws->v[i]->s, name->s) == 0)
            error_at(p, name, "attribute name repeated in class pattern: %s", name->s);
}

/* Cls '(' ... ')': positional patterns, then NAME '=' pattern. */
static node *parse_class_pattern(parser *p, token *at, node *cls)
{
    expect_op(p, OP_LPAR);
    node *n = new_node(p, N_PAT_CLASS, at);
    n->a = cls;
    list_builder pos = {0}, kws = {0};
    while (!is_op(p, OP_RPAR)) {
        token *t = peek(p);
        if (t->kind == T_NAME && peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_ASSIGN) {
            advance(p);
            advance(p);
            check_keyword_pattern(p, &kws, t);
            node *kw = new_node(p, N_KEYWORD, t);
            kw->s = t->s;
            kw->a = parse_pattern(p);
            lb_push(p, &kws, kw);
        } else {
            node *pat = parse_pattern(p);
            if (kws.n)
                error_at(p, t, "positional patterns follow keyword patterns", NULL);
            lb_push(p, &pos, pat);
        }
        if (!accept_op(p, OP_COMMA))
            break;
    }
    expect_op(p, OP_RPAR);
    n->items = lb_done(&pos);
    n->orelse = lb_done(&kws);
    return n;
}

static node *parse_closed_pattern(parser *p)
{
    token *t = peek(p);
    node *lit = parse_literal(p);
    if (lit) {
        int single = lit->kind == N_NONE || lit->kind == N_TRUE || lit->kind == N_FALSE;
        node *n = new_node(p, single ? N_PAT_SINGLETON : N_PAT_VALUE, t);
        n->a = lit;
        return n;
    }
    if (t->kind == T_NAME) {
        node *target = parse_name_or_attr(p);
        if (is_op(p, OP_LPAR))
            return parse_class_pattern(p, t, target);
        node *n = new_node(p, target->kind == N_ATTR ? N_PAT_VALUE : N_PAT_CAPTURE, t);
        if (target->kind == N_ATTR)
            n->a = target;
        else
            n->s = is_name(t, "_") ? NULL : t->s;
        return n;
    }
    if (accept_op(p, OP_LPAR))
        return parse_paren_pattern(p, t);
    if (accept_op(p, OP_LSQB))
        return parse_sequence_rest(p, t, NULL, OP_RSQB);
    if (accept_op(p, OP_LBRACE))
        return parse_mapping_pattern(p, t);
    invalid_syntax(p);
}

/* or_pattern ['as' NAME] */
static node *parse_pattern(parser *p)
{
    token *t = peek(p);
    enter(p);
    node *pat = parse_closed_pattern(p);
    if (is_op(p, OP_BITOR)) {
        list_builder alts = {0};
        lb_push(p, &alts, pat);
        while (accept_op(p, OP_BITOR))
            lb_push(p, &alts, parse_closed_pattern(p));
        pat = new_node(p, N_PAT_OR, t);
        pat->items = lb_done(&alts);
    }
    if (accept_kw(p, KW_AS)) {
        token *name = expect_name(p);
        if (is_name(name, "_"))
            error_at(p, name, "cannot use '_' as a target", NULL);
        node *as = new_node(p, N_PAT_AS, t);
        as->a = pat;
        as->s = name->s;
        pat = as;
    }
    leave(p);
    return pat;
}

/* The patterns of a case: one, or an open sequence `a, *b`. */
static node *parse_case_patterns(parser *p)
{
    token *t = peek(p);
    node *first = parse_maybe_star(p);
    if (!is_op(p, OP_COMMA)) {
        if (first->kind == N_PAT_STAR)
            invalid_syntax(p);
        return first;
    }
    list_builder items = {0};
    lb_push(p, &items, first);
    while (accept_op(p, OP_COMMA)) {
        if (is_op(p, OP_COLON) || is_kw(p, KW_IF))
            break;
        lb_push(p, &items, parse_maybe_star(p));
    }
    return sequence_pattern(p, t, &items);
}

static node *parse_case(parser *p)
{
    token *t = peek(p);
    if (!is_name(t, "case"))
        invalid_syntax(p);
    advance(p);
    node *c = new_node(p, N_CASE, t);
    c->a = parse_case_patterns(p);
    if (accept_kw(p, KW_IF))
        c->b = parse_namedexpr(p);
    parse_block(p, &c->body, "'case' statement", t->line);
    return c;
}

/* 'match' subject ':' NEWLINE INDENT case+ DEDENT */
static node *parse_match(parser *p, token *t)
{
    advance(p);
    node *m = new_node(p, N_MATCH, t);
    m->a = parse_testlist(p, 1);
    expect_op(p, OP_COLON);
    if (peek(p)->kind != T_NEWLINE)
        invalid_syntax(p);
    advance(p);
    expect_indent(p, "'match' statement", t->line);
    enter(p);
    list_builder cases = {0};
    while (peek(p)->kind != T_DEDENT && peek(p)->kind != T_EOF)
        lb_push(p, &cases, parse_case(p));
    leave(p);
    if (peek(p)->kind == T_DEDENT)
        advance(p);
    m->items = lb_done(&cases);
    return m;
}

/* `match` is a keyword only at the start of a statement whose line ends
 * with ':' and where it is not itself assigned, read or annotated. */
static int starts_match(parser *p)
{
    token *t = peek(p), *n = peek_at(p, 1);
    if (!is_name(t, "match") || !opens_block(p))
        return 0;
    return !(n->kind == T_OP && (n->op == OP_ASSIGN || n->op == OP_DOT || n->op == OP_COLON));
}

static node *parse_statement(parser *p, list_builder *out)
{
    token *t = peek(p);
    if (starts_match(p)) {
        node *m = parse_match(p, t);
        lb_push(p, out, m);
        return m;
    }
    if (t->kind == T_INDENT)
        lx_syntax_error(p->err, p->fail, 1, t->line, t->col, "unexpected indent");
    if (t->kind == T_DEDENT)
        lx_syntax_error(p->err, p->fail, 1, t->line, t->col, "unindent does not match any outer indentation level");
    if (t->kind == T_OP && t->op == OP_AT) {
        node *d = parse_decorated(p);
        lb_push(p, out, d);
        return d;
    }
    if (t->kind == T_KW) {
        node *c = parse_compound(p, t);
        if (c) {
            lb_push(p, out, c);
            return c;
        }
        if (t->op == KW_ELSE || t->op == KW_ELIF || t->op == KW_EXCEPT || t->op == KW_FINALLY)
            invalid_syntax(p);
    }
    return parse_simple_statements(p, out);
}

static node *parse_statement_list(parser *p, node_list *out)
{
    list_builder stmts = {0};
    while (peek(p)->kind != T_EOF) {
        if (peek(p)->kind == T_NEWLINE) {
            advance(p);
            continue;
        }
        parse_statement(p, &stmts);
    }
    *out = lb_done(&stmts);
    return NULL;
}

node *lx_parse(lx_arena *arena, const char *src, size_t len, int mode, lx_parse_error *err)
{
    jmp_buf fail;
    memset(err, 0, sizeof *err);
    lx_lexer lx = {.arena = arena, .err = err, .fail = &fail};
    if (setjmp(fail)) {
        /* a parse error at the end of the tokens is the unclosed bracket's
         * (at the prompt: more input may close it); one before the end is
         * wrong whatever follows (`def f(:`) */
        if (lx.unclosed && lx.ntoks && err->kind != 2) {
            const token *end = &lx.toks[lx.ntoks - 1];
            int at_end = mode == 1 ? err->line > end->line || (err->line == end->line && err->col >= end->col)
                                   : err->line >= end->line;
            if (at_end)
                *err = lx.unclosed_err;
        }
        return NULL;
    }
    lx_tokenize(&lx, src, len);
    parser p = {.arena = arena, .err = err, .fail = &fail, .toks = lx.toks, .mode = mode};
    node *m = new_node(&p, N_MODULE, lx.toks);
    if (mode == 2) {
        /* eval(): one expression list, nothing after it */
        while (peek(&p)->kind == T_NEWLINE || peek(&p)->kind == T_INDENT)
            advance(&p);
        node *e = new_node(&p, N_EXPR, peek(&p));
        e->a = parse_testlist(&p, 1);
        while (peek(&p)->kind == T_NEWLINE || peek(&p)->kind == T_DEDENT)
            advance(&p);
        if (peek(&p)->kind != T_EOF)
            invalid_syntax(&p);
        m->body.v = lx_arena_alloc_or_fail(arena, sizeof(node *), err, &fail);
        m->body.v[0] = e;
        m->body.n = 1;
        return m;
    }
    parse_statement_list(&p, &m->body);
    return m;
}
