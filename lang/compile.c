/*
 * lang/compile.c — syntax tree to code objects.
 *
 * Two passes over the tree of one source text:
 *
 *   1. Scopes (build_scopes, resolve_scopes).  Every module, def, lambda,
 *      class body and comprehension opens a scope.  Pass 1 records, per
 *      scope, which names are bound there (assignment, parameters, for/with/
 *      except/import targets, def/class), used, or declared global/nonlocal.
 *      Resolution then classifies each name as CPython does: LOCAL (a slot
 *      in the frame), CELL (local but captured by an inner function), FREE
 *      (captured from an enclosing function), GLOBAL (explicit or implicit),
 *      or NAME (class bodies: the namespace dict, then globals, builtins).
 *      Class scopes are skipped when inner functions look outward.
 *
 *   2. Code generation (one `unit` per scope) into a stack bytecode (core.h):
 *      instructions are 32-bit words, op | arg << 8; LOAD_ATTR, STORE_ATTR
 *      and LOAD_METHOD are followed by one word naming their inline cache.
 *      Jumps are emitted to labels and patched at assembly; the stack depth
 *      a frame needs comes from a flow analysis over the finished code.
 *
 * try/finally and with: the finally body is emitted once for the normal path
 * and once for the exception path; break/continue/return leaving such a
 * block emit the unwinding inline (pop the block, call __exit__, run the
 * finally body), walking the compiler's stack of open blocks (fblocks).
 *
 * Errors: scope errors (nonlocal without binding, return outside function,
 * ...) are SyntaxErrors raised through the parser's error record and jmp_buf
 * while no rc_object exists yet; code generation errors set `cu->c->failed`
 * and the partial code is dropped.
 *
 * Invariants: every rc_object a unit holds (constants, names) is owned by the
 * unit until the code object takes them; the arena and the scopes are freed
 * when lx_compile returns, success or not.
 */
#include "core.h"
#include "ast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- scopes ------------------------------------------------------------------ */

enum { SC_MODULE, SC_FUNCTION, SC_CLASS };

#define DEF_LOCAL    0x01   /* bound in this scope */
#define DEF_PARAM    0x02
#define DEF_GLOBAL   0x04   /* declared global */
#define DEF_NONLOCAL 0x08   /* declared nonlocal */
#define DEF_USE      0x10
#define DEF_FREE     0x20   /* resolved: free (from an enclosing function) */
#define DEF_CELL     0x40   /* resolved: captured by an inner scope */
#define DEF_FREE_CLASS 0x80 /* free in a class body only to pass through */
#define DEF_IMPLICIT_GLOBAL 0x100

typedef struct sym {
    const char *name;
    unsigned flags;
    int line;
} sym;

typedef struct scope scope;
struct scope {
    scope *parent;
    int kind;
    int is_comprehension;
    node *node;
    sym *syms;
    int nsyms, cap;
    scope **children;
    int nchildren, ccap;
    const char *name;          /* for qualname */
    const char *qualname;
    int needs_class_cell;      /* class body: a method uses super() / __class__ */
    int is_generator;          /* a function whose body yields (and generator expressions) */
};

typedef struct compiler {
    lx_interp *I;
    lx_arena *arena;
    lx_parse_error *err;
    jmp_buf *fail;
    const char *filename;
    rc_object *filename_obj;
    rc_object *str_consts;     /* dict: canonical str constants of this compilation */
    int mode;
    int failed;
    int future_annotations;    /* from __future__ import annotations: kept as text */
} compiler;

static void *c_alloc(compiler *c, size_t n)
{
    return lx_arena_alloc_or_fail(c->arena, n, c->err, c->fail);
}

static _Noreturn void scope_error(compiler *c, int line, const char *fmt, const char *name)
{
    char msg[160];
    snprintf(msg, sizeof msg, fmt, name ? name : "");
    lx_syntax_error(c->err, c->fail, 0, line, 0, "%s", msg);
}

static sym *sym_find(scope *s, const char *name)
{
    for (int i = 0; i < s->nsyms; i++)
        if (strcmp(s->syms[i].name, name) == 0)
            return &s->syms[i];
    return NULL;
}

static sym *sym_add(compiler *c, scope *s, const char *name, unsigned flags, int line)
{
    sym *x = sym_find(s, name);
    if (!x) {
        if (s->nsyms == s->cap) {
            int cap = s->cap ? s->cap * 2 : 8;
            sym *v = c_alloc(c, (size_t)cap * sizeof *v);
            if (s->nsyms)
                memcpy(v, s->syms, (size_t)s->nsyms * sizeof *v);
            s->syms = v;
            s->cap = cap;
        }
        x = &s->syms[s->nsyms++];
        x->name = name;
        x->flags = 0;
        x->line = line;
    }
    if ((flags & (DEF_GLOBAL | DEF_NONLOCAL)) && (x->flags & (DEF_LOCAL | DEF_USE | DEF_PARAM))) {
        const char *what = flags & DEF_GLOBAL ? "global" : "nonlocal";
        char fmt[120];
        if (x->flags & DEF_PARAM)
            snprintf(fmt, sizeof fmt, "name '%%s' is parameter and %s", what);
        else if (x->flags & DEF_LOCAL)
            snprintf(fmt, sizeof fmt, "name '%%s' is assigned to before %s declaration", what);
        else
            snprintf(fmt, sizeof fmt, "name '%%s' is used prior to %s declaration", what);
        scope_error(c, line, fmt, name);
    }
    if ((flags & DEF_GLOBAL) && (x->flags & DEF_NONLOCAL))
        scope_error(c, line, "name '%s' is nonlocal and global", name);
    if ((flags & DEF_NONLOCAL) && (x->flags & DEF_GLOBAL))
        scope_error(c, line, "name '%s' is nonlocal and global", name);
    x->flags |= flags;
    return x;
}

static scope *scope_new(compiler *c, scope *parent, int kind, node *n, const char *name)
{
    scope *s = c_alloc(c, sizeof *s);
    s->parent = parent;
    s->kind = kind;
    s->node = n;
    s->name = name;
    if (n)
        n->scope = s;
    if (parent) {
        if (parent->nchildren == parent->ccap) {
            int cap = parent->ccap ? parent->ccap * 2 : 4;
            scope **v = c_alloc(c, (size_t)cap * sizeof *v);
            if (parent->nchildren)
                memcpy(v, parent->children, (size_t)parent->nchildren * sizeof *v);
            parent->children = v;
            parent->ccap = cap;
        }
        parent->children[parent->nchildren++] = s;
        /* qualname: parent's, then <locals> for function parents */
        const char *pq = parent->qualname;
        if (!pq || parent->kind == SC_MODULE) {
            s->qualname = name;
        } else {
            size_t n1 = strlen(pq), n2 = strlen(name);
            char *q = c_alloc(c, n1 + n2 + 12);
            sprintf(q, "%s%s.%s", pq, parent->kind == SC_FUNCTION ? ".<locals>" : "", name);
            s->qualname = q;
        }
    } else {
        s->qualname = NULL;
    }
    return s;
}

/* ---- pass 1: what each scope binds and uses --------------------------------------- */

static void visit_expr(compiler *c, scope *s, node *e);
static void visit_stmts(compiler *c, scope *s, node_list *l);

static void visit_exprs(compiler *c, scope *s, node_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i])
            visit_expr(c, s, l->v[i]);
}

static void bind_target(compiler *c, scope *s, node *t)
{
    switch (t->kind) {
    case N_NAME:
        sym_add(c, s, t->s, DEF_LOCAL, t->line);
        break;
    case N_TUPLE:
    case N_LIST:
        for (int i = 0; i < t->items.n; i++)
            bind_target(c, s, t->items.v[i]);
        break;
    case N_STARRED:
        bind_target(c, s, t->a);
        break;
    default:
        visit_expr(c, s, t);        /* attribute / subscript: their parts are uses */
    }
}

static void visit_params(compiler *c, scope *outer, scope *inner, params *ps)
{
    for (int i = 0; i < ps->args.n; i++)
        if (ps->args.v[i]->a)
            visit_expr(c, outer, ps->args.v[i]->a);   /* defaults: evaluated outside */
    if (!c->future_annotations) {                     /* annotations too */
        for (int i = 0; i < ps->annots.n; i++)
            visit_expr(c, outer, ps->annots.v[i]->a->a);
        if (ps->returns)
            visit_expr(c, outer, ps->returns->a);
    }
    for (int i = 0; i < ps->nposargs; i++)
        sym_add(c, inner, ps->args.v[i]->s, DEF_PARAM | DEF_LOCAL, ps->args.v[i]->line);
    for (int i = ps->nposargs; i < ps->args.n; i++)
        sym_add(c, inner, ps->args.v[i]->s, DEF_PARAM | DEF_LOCAL, ps->args.v[i]->line);
    if (ps->vararg)
        sym_add(c, inner, ps->vararg, DEF_PARAM | DEF_LOCAL, 0);
    if (ps->kwarg)
        sym_add(c, inner, ps->kwarg, DEF_PARAM | DEF_LOCAL, 0);
}

static void visit_comprehension(compiler *c, scope *s, node *e, const char *name)
{
    /* the first iterable is evaluated in the enclosing scope */
    node *first = e->items.v[0];
    visit_expr(c, s, first->b);
    scope *inner = scope_new(c, s, SC_FUNCTION, e, name);
    inner->is_comprehension = 1;
    sym_add(c, inner, ".0", DEF_PARAM | DEF_LOCAL, e->line);
    for (int i = 0; i < e->items.n; i++) {
        node *cl = e->items.v[i];
        if (i > 0)
            visit_expr(c, inner, cl->b);
        bind_target(c, inner, cl->a);
        visit_exprs(c, inner, &cl->items);
    }
    visit_expr(c, inner, e->a);
    if (e->b)
        visit_expr(c, inner, e->b);
}

static void visit_expr(compiler *c, scope *s, node *e)
{
    switch (e->kind) {
    case N_NAME:
        sym_add(c, s, e->s, DEF_USE, e->line);
        if (strcmp(e->s, "super") == 0 && s->kind == SC_FUNCTION) {
            /* zero-argument super() needs the class cell */
            sym_add(c, s, "__class__", DEF_USE, e->line);
        }
        break;
    case N_WALRUS: {
        scope *target = s;
        while (target->is_comprehension)
            target = target->parent;
        if (target != s)
            sym_add(c, s, e->a->s, target->kind == SC_MODULE ? DEF_GLOBAL : DEF_NONLOCAL, e->line);
        sym_add(c, target, e->a->s, DEF_LOCAL, e->line);
        visit_expr(c, s, e->b);
        break;
    }
    case N_LAMBDA: {
        scope *inner = scope_new(c, s, SC_FUNCTION, e, "<lambda>");
        visit_params(c, s, inner, e->params);
        visit_expr(c, inner, e->a);
        break;
    }
    case N_LISTCOMP: visit_comprehension(c, s, e, "<listcomp>"); break;
    case N_SETCOMP: visit_comprehension(c, s, e, "<setcomp>"); break;
    case N_DICTCOMP: visit_comprehension(c, s, e, "<dictcomp>"); break;
    case N_GENEXP:
        visit_comprehension(c, s, e, "<genexpr>");
        s->children[s->nchildren - 1]->is_generator = 1;
        break;
    case N_YIELD: case N_YIELD_FROM:
        if (s->is_comprehension)
            scope_error(c, e->line, "'yield' inside %s",
                        !strcmp(s->name, "<genexpr>") ? "generator expression"
                        : !strcmp(s->name, "<setcomp>") ? "set comprehension"
                        : !strcmp(s->name, "<dictcomp>") ? "dict comprehension" : "list comprehension");
        if (s->kind != SC_FUNCTION)
            scope_error(c, e->line, "'yield' outside function", NULL);
        s->is_generator = 1;
        if (e->a)
            visit_expr(c, s, e->a);
        break;
    default:
        if (e->a) visit_expr(c, s, e->a);
        if (e->b) visit_expr(c, s, e->b);
        if (e->c) visit_expr(c, s, e->c);
        visit_exprs(c, s, &e->items);
    }
}

/* ---- patterns (match statements) --------------------------------------------- */

/* The names one pattern binds so far: repeats and or-patterns whose
 * alternatives bind different names are SyntaxErrors. */
typedef struct bound_names {
    const char **v;
    int n, cap;
} bound_names;

static void bind_pattern_name(compiler *c, scope *s, bound_names *b, const char *name, int line)
{
    for (int i = 0; i < b->n; i++)
        if (strcmp(b->v[i], name) == 0)
            scope_error(c, line, "multiple assignments to name '%s' in pattern", name);
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 8;
        const char **v = c_alloc(c, (size_t)cap * sizeof *v);
        if (b->n)
            memcpy(v, b->v, (size_t)b->n * sizeof *v);
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = name;
    sym_add(c, s, name, DEF_LOCAL, line);
}

static int same_names(const bound_names *a, const bound_names *b)
{
    if (a->n != b->n)
        return 0;
    for (int i = 0; i < a->n; i++) {
        int found = 0;
        for (int k = 0; k < b->n && !found; k++)
            found = strcmp(a->v[i], b->v[k]) == 0;
        if (!found)
            return 0;
    }
    return 1;
}

/* A numeric literal key's value (True and False count as 1 and 0). */
static int literal_number(node *e, double *out)
{
    node *n = e->kind == N_UNARY ? e->a : e;
    double v;
    switch (n->kind) {
    case N_INT: v = (double)n->ival; break;
    case N_FLOAT: v = n->fval; break;
    case N_TRUE: v = 1; break;
    case N_FALSE: v = 0; break;
    default: return 0;
    }
    *out = e->kind == N_UNARY ? -v : v;
    return 1;
}

/* Would two literal mapping keys be equal at run time? */
static int same_literal(node *a, node *b)
{
    double x, y;
    if (literal_number(a, &x) && literal_number(b, &y))
        return x == y;
    if (a->kind != b->kind)
        return 0;
    if (a->kind == N_STR || a->kind == N_BYTES)
        return a->slen == b->slen && memcmp(a->s, b->s, a->slen) == 0;
    return a->kind == N_NONE;
}

/* repr() of a literal key, for the duplicate key message. */
static void literal_repr(node *e, char *buf, size_t cap)
{
    node *n = e->kind == N_UNARY ? e->a : e;
    const char *sign = e->kind == N_UNARY ? "-" : "";
    switch (n->kind) {
    case N_INT: snprintf(buf, cap, "%s%lld", sign, (long long)n->ival); break;
    case N_FLOAT: snprintf(buf, cap, "%s%.17g", sign, n->fval); break;
    case N_STR: snprintf(buf, cap, "'%.*s'", (int)n->slen, n->s); break;
    case N_BYTES: snprintf(buf, cap, "b'%.*s'", (int)n->slen, n->s); break;
    case N_TRUE: snprintf(buf, cap, "True"); break;
    case N_FALSE: snprintf(buf, cap, "False"); break;
    default: snprintf(buf, cap, "None"); break;
    }
}

static void check_mapping_keys(compiler *c, node *p)
{
    for (int i = 2; i < p->items.n; i += 2) {
        node *k = p->items.v[i];
        for (int j = 0; j < i && k->kind != N_ATTR; j += 2) {
            if (p->items.v[j]->kind != N_ATTR && same_literal(p->items.v[j], k)) {
                char r[80];
                literal_repr(k, r, sizeof r);
                scope_error(c, k->line, "mapping pattern checks duplicate key (%s)", r);
            }
        }
    }
}

static void visit_pattern(compiler *c, scope *s, node *p, bound_names *b, int irrefutable_ok);

/* Each alternative binds the same names; only the last may be irrefutable. */
static void visit_or_pattern(compiler *c, scope *s, node *p, bound_names *b, int irrefutable_ok)
{
    bound_names first = {0};
    for (int i = 0; i < p->items.n; i++) {
        bound_names alt = {0};
        node *x = p->items.v[i];
        visit_pattern(c, s, x, &alt, irrefutable_ok && i == p->items.n - 1);
        if (i == 0)
            first = alt;
        else if (!same_names(&first, &alt))
            scope_error(c, x->line, "alternative patterns bind different names", NULL);
    }
    for (int i = 0; i < first.n; i++)
        bind_pattern_name(c, s, b, first.v[i], p->line);
}

static void visit_patterns(compiler *c, scope *s, node_list *l, bound_names *b)
{
    for (int i = 0; i < l->n; i++)
        visit_pattern(c, s, l->v[i], b, 1);
}

/* Pass 1 over a pattern: its names are bound, its values used.
 * irrefutable_ok: a capture or wildcard may stand here (not before
 * another case, nor before another alternative). */
static void visit_pattern(compiler *c, scope *s, node *p, bound_names *b, int irrefutable_ok)
{
    switch (p->kind) {
    case N_PAT_VALUE:
        visit_expr(c, s, p->a);
        break;
    case N_PAT_CAPTURE:
        if (!irrefutable_ok && p->s)
            scope_error(c, p->line, "name capture '%s' makes remaining patterns unreachable", p->s);
        if (!irrefutable_ok)
            scope_error(c, p->line, "wildcard makes remaining patterns unreachable", NULL);
        /* fall through */
    case N_PAT_STAR:
        if (p->s)
            bind_pattern_name(c, s, b, p->s, p->line);
        break;
    case N_PAT_MAPPING:
        check_mapping_keys(c, p);
        for (int i = 0; i < p->items.n; i += 2) {
            visit_expr(c, s, p->items.v[i]);
            visit_pattern(c, s, p->items.v[i + 1], b, 1);
        }
        if (p->s)
            bind_pattern_name(c, s, b, p->s, p->line);
        break;
    case N_PAT_CLASS:
        visit_expr(c, s, p->a);
        visit_patterns(c, s, &p->items, b);
        for (int i = 0; i < p->orelse.n; i++)
            visit_pattern(c, s, p->orelse.v[i]->a, b, 1);
        break;
    case N_PAT_SEQ:
        visit_patterns(c, s, &p->items, b);
        break;
    case N_PAT_AS:
        visit_pattern(c, s, p->a, b, irrefutable_ok);
        bind_pattern_name(c, s, b, p->s, p->line);
        break;
    case N_PAT_OR:
        visit_or_pattern(c, s, p, b, irrefutable_ok);
        break;
    default:
        break;
    }
}

static void visit_match(compiler *c, scope *s, node *st)
{
    visit_expr(c, s, st->a);
    for (int i = 0; i < st->items.n; i++) {
        node *cs = st->items.v[i];
        bound_names names = {0};
        visit_pattern(c, s, cs->a, &names, cs->b || i == st->items.n - 1);
        if (cs->b)
            visit_expr(c, s, cs->b);
        visit_stmts(c, s, &cs->body);
    }
}

static void visit_stmt(compiler *c, scope *s, node *st)
{
    switch (st->kind) {
    case N_ASSIGN:
        visit_expr(c, s, st->a);
        for (int i = 0; i < st->items.n; i++)
            bind_target(c, s, st->items.v[i]);
        break;
    case N_AUGASSIGN:
        visit_expr(c, s, st->b);
        if (st->a->kind == N_NAME)
            sym_add(c, s, st->a->s, DEF_LOCAL | DEF_USE, st->line);
        else
            visit_expr(c, s, st->a);
        break;
    case N_ANNASSIGN:
        if (st->b)
            visit_expr(c, s, st->b);
        if (s->kind != SC_FUNCTION && !c->future_annotations)
            visit_expr(c, s, st->c->a);               /* a module's or class's: evaluated */
        if (st->a->kind == N_NAME) {
            if (st->b)
                sym_add(c, s, st->a->s, DEF_LOCAL, st->line);
        } else {
            visit_expr(c, s, st->a);
        }
        break;
    case N_DEL:
        bind_target(c, s, st->a);
        break;
    case N_FOR:
        visit_expr(c, s, st->b);
        bind_target(c, s, st->a);
        visit_stmts(c, s, &st->body);
        visit_stmts(c, s, &st->orelse);
        break;
    case N_WITH:
        for (int i = 0; i < st->items.n; i++) {
            visit_expr(c, s, st->items.v[i]->a);
            if (st->items.v[i]->b)
                bind_target(c, s, st->items.v[i]->b);
        }
        visit_stmts(c, s, &st->body);
        break;
    case N_TRY:
        visit_stmts(c, s, &st->body);
        for (int i = 0; i < st->items.n; i++) {
            node *h = st->items.v[i];
            if (h->a)
                visit_expr(c, s, h->a);
            if (h->s)
                sym_add(c, s, h->s, DEF_LOCAL, h->line);
            visit_stmts(c, s, &h->body);
        }
        visit_stmts(c, s, &st->orelse);
        visit_stmts(c, s, &st->final);
        break;
    case N_DEF: {
        visit_exprs(c, s, &st->items);           /* decorators */
        sym_add(c, s, st->s, DEF_LOCAL, st->line);
        scope *inner = scope_new(c, s, SC_FUNCTION, st, st->s);
        visit_params(c, s, inner, st->params);
        visit_stmts(c, inner, &st->body);
        break;
    }
    case N_CLASS: {
        visit_exprs(c, s, &st->orelse);          /* decorators */
        visit_exprs(c, s, &st->items);           /* bases */
        sym_add(c, s, st->s, DEF_LOCAL, st->line);
        scope *inner = scope_new(c, s, SC_CLASS, st, st->s);
        visit_stmts(c, inner, &st->body);
        break;
    }
    case N_GLOBAL:
    case N_NONLOCAL:
        for (int i = 0; i < st->items.n; i++) {
            if (s->kind == SC_MODULE && st->kind == N_NONLOCAL)
                scope_error(c, st->line, "nonlocal declaration not allowed at module level", NULL);
            sym_add(c, s, st->items.v[i]->s, st->kind == N_GLOBAL ? DEF_GLOBAL : DEF_NONLOCAL, st->line);
        }
        break;
    case N_IMPORT:
        for (int i = 0; i < st->items.n; i++) {
            node *a = st->items.v[i];
            const char *bound = a->s2;
            if (!bound) {
                const char *dot = strchr(a->s, '.');
                size_t n = dot ? (size_t)(dot - a->s) : strlen(a->s);
                char *b = c_alloc(c, n + 1);
                memcpy(b, a->s, n);
                b[n] = 0;
                bound = b;
            }
            a->c = (node *)(void *)bound;        /* the name bound: kept for codegen */
            sym_add(c, s, bound, DEF_LOCAL, st->line);
        }
        break;
    case N_IMPORTFROM:
        for (int i = 0; i < st->items.n; i++) {
            node *a = st->items.v[i];
            if (strcmp(a->s, "*") == 0) {
                if (s->kind != SC_MODULE)
                    scope_error(c, st->line, "import * only allowed at module level", NULL);
                continue;
            }
            sym_add(c, s, a->s2 ? a->s2 : a->s, DEF_LOCAL, st->line);
        }
        break;
    case N_MATCH:
        visit_match(c, s, st);
        break;
    case N_RETURN:
        if (s->kind != SC_FUNCTION)
            scope_error(c, st->line, "'return' outside function", NULL);
        if (st->a)
            visit_expr(c, s, st->a);
        break;
    default:
        if (st->a) visit_expr(c, s, st->a);
        if (st->b) visit_expr(c, s, st->b);
        visit_exprs(c, s, &st->items);
        visit_stmts(c, s, &st->body);
        visit_stmts(c, s, &st->orelse);
        visit_stmts(c, s, &st->final);
    }
}

static void visit_stmts(compiler *c, scope *s, node_list *l)
{
    for (int i = 0; i < l->n; i++)
        visit_stmt(c, s, l->v[i]);
}

/* ---- resolution ------------------------------------------------------------------ */

static int binds_locally(const sym *x)
{
    return (x->flags & (DEF_LOCAL | DEF_PARAM)) && !(x->flags & (DEF_GLOBAL | DEF_NONLOCAL));
}

/* Name used (not bound) in function scope s: find the enclosing function
 * binding; mark cells and frees along the way.  Returns 1 if free. */
static int resolve_free(compiler *c, scope *s, const char *name)
{
    scope *p = s->parent;
    for (; p; p = p->parent) {
        if (p->kind == SC_MODULE)
            return 0;
        sym *x = sym_find(p, name);
        if (p->kind == SC_CLASS) {
            if (strcmp(name, "__class__") == 0) {
                p->needs_class_cell = 1;
                sym *cs = sym_add(c, p, "__class__", 0, 0);
                cs->flags |= DEF_CELL;
                goto found;
            }
            continue;
        }
        if (!x)
            continue;
        if (x->flags & DEF_GLOBAL)
            return 0;
        if (binds_locally(x)) {
            x->flags |= DEF_CELL;
            goto found;
        }
        if (x->flags & DEF_NONLOCAL) {
            x->flags |= DEF_FREE;
            goto found;
        }
    }
    return 0;
found:
    /* every scope strictly between s and p passes the variable through */
    for (scope *q = s->parent; q != p; q = q->parent) {
        sym *x = sym_add(c, q, name, 0, 0);
        x->flags |= q->kind == SC_CLASS ? DEF_FREE_CLASS : DEF_FREE;
    }
    return 1;
}

static void resolve_scope(compiler *c, scope *s)
{
    for (int i = 0; i < s->nsyms; i++) {
        sym *x = &s->syms[i];
        if (x->flags & DEF_NONLOCAL) {
            if (s->kind == SC_MODULE)
                scope_error(c, x->line, "nonlocal declaration not allowed at module level", NULL);
            /* must be bound in an enclosing function */
            int ok = 0;
            for (scope *p = s->parent; p && p->kind != SC_MODULE; p = p->parent) {
                if (p->kind == SC_CLASS)
                    continue;
                sym *y = sym_find(p, x->name);
                if (y && (binds_locally(y) || (y->flags & DEF_NONLOCAL))) {
                    ok = 1;
                    break;
                }
            }
            if (!ok)
                scope_error(c, x->line, "no binding for nonlocal '%s' found", x->name);
            resolve_free(c, s, x->name);
            x->flags |= DEF_FREE;
            continue;
        }
        if (x->flags & DEF_GLOBAL)
            continue;
        if (binds_locally(x) || (x->flags & (DEF_FREE | DEF_CELL)))
            continue;
        if (s->kind == SC_MODULE)
            continue;
        if (resolve_free(c, s, x->name))
            x->flags |= s->kind == SC_CLASS ? DEF_FREE_CLASS : DEF_FREE;
        else
            x->flags |= DEF_IMPLICIT_GLOBAL;
    }
    for (int i = 0; i < s->nchildren; i++)
        resolve_scope(c, s->children[i]);
}

/* Children first so that cells a child creates in its parent are known when
 * the parent's frees are classified: resolve bottom-up, then again top-down
 * for names marked after their scope was visited. */
static void resolve_all(compiler *c, scope *s)
{
    for (int i = 0; i < s->nchildren; i++)
        resolve_all(c, s->children[i]);
    for (int i = 0; i < s->nsyms; i++) {
        sym *x = &s->syms[i];
        if (!(x->flags & (DEF_LOCAL | DEF_PARAM | DEF_GLOBAL | DEF_NONLOCAL | DEF_FREE | DEF_CELL |
                          DEF_FREE_CLASS | DEF_IMPLICIT_GLOBAL)) && s->kind != SC_MODULE) {
            if (resolve_free(c, s, x->name))
                x->flags |= s->kind == SC_CLASS ? DEF_FREE_CLASS : DEF_FREE;
            else
                x->flags |= DEF_IMPLICIT_GLOBAL;
        }
    }
}

/* ---- code units -------------------------------------------------------------------- */

enum { FB_WHILE, FB_FOR, FB_TRY, FB_FINALLY_TRY, FB_FINALLY_END, FB_HANDLER, FB_WITH };

typedef struct fblock {
    int kind;
    int label_continue, label_break;
    node *final;               /* FB_FINALLY_TRY: the finally body */
    const char *name;          /* FB_HANDLER: the bound name */
} fblock;

typedef struct unit {
    compiler *c;
    scope *sc;
    int32_t doc;               /* the docstring's index in consts, or -1 */
    uint32_t *ins;
    int32_t *lines;
    uint32_t nins, cap;
    rc_object **consts;
    uint32_t nconsts, ccap;
    rc_object *names;          /* dict: name -> index (an int) */
    rc_object **name_v;
    uint32_t nnames, ncap;
    int *labels;
    int nlabels, lcap;
    uint32_t ncaches;
    fblock fb[LX_MAX_BLOCKS + 8];
    int nfb;
    int nblocks_open;          /* runtime blocks (SETUP_*) open at this point */
    int line;
    /* slots */
    const char **locals;       /* params first */
    uint32_t nlocals;
    const char **cells, **frees;
    uint32_t ncells, nfree;
    int32_t *cell2arg;
    int return_slot;
} unit;

static void cu_fail(unit *u, const char *msg)
{
    if (!u->c->failed) {
        u->c->failed = 1;
        lx_raise(u->c->I, LX_SyntaxError, "%s", msg);
    }
}

static int grow(unit *u, void **p, uint32_t *cap, size_t elem, uint32_t need)
{
    if (need <= *cap)
        return 0;
    uint32_t ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    void *q = realloc(*p, (size_t)ncap * elem);
    if (!q) {
        if (!u->c->failed) {
            u->c->failed = 1;
            lx_raise(u->c->I, LX_MemoryError, "out of memory while compiling");
        }
        return -1;
    }
    *p = q;
    *cap = ncap;
    return 0;
}

static int op_has_cache(int op)
{
    return op == OPC_LOAD_ATTR || op == OPC_STORE_ATTR || op == OPC_LOAD_METHOD || op == OPC_LOAD_GLOBAL;
}

static void emit_word(unit *u, uint32_t w)
{
    uint32_t cap = u->cap;
    if (grow(u, (void **)&u->ins, &cap, sizeof *u->ins, u->nins + 1) < 0)
        return;
    uint32_t lcap = u->cap;
    if (grow(u, (void **)&u->lines, &lcap, sizeof *u->lines, u->nins + 1) < 0)
        return;
    u->cap = cap < lcap ? cap : lcap;
    u->ins[u->nins] = w;
    u->lines[u->nins] = u->line;
    u->nins++;
}

static void emit(unit *u, int op, uint32_t arg)
{
    if (arg >= (1u << 24)) {
        cu_fail(u, "too many constants, names or instructions");
        return;
    }
    emit_word(u, (uint32_t)op | arg << 8);
    if (op_has_cache(op))
        emit_word(u, u->ncaches++);
}

static int new_label(unit *u)
{
    if (u->nlabels == u->lcap) {
        int cap = u->lcap ? u->lcap * 2 : 32;
        int *v = realloc(u->labels, (size_t)cap * sizeof *v);
        if (!v) {
            cu_fail(u, "out of memory");
            return 0;
        }
        u->labels = v;
        u->lcap = cap;
    }
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

static void place(unit *u, int label)
{
    if (label < u->nlabels)
        u->labels[label] = (int)u->nins;
}

static int is_jump(int op)
{
    return op == OPC_JUMP || op == OPC_POP_JUMP_IF_FALSE || op == OPC_POP_JUMP_IF_TRUE ||
           op == OPC_JUMP_IF_FALSE_OR_POP || op == OPC_JUMP_IF_TRUE_OR_POP || op == OPC_FOR_ITER ||
           op == OPC_SETUP_TRY || op == OPC_SETUP_WITH || op == OPC_JUMP_IF_NOT_EXC_MATCH;
}

static void emit_jump(unit *u, int op, int label)
{
    emit(u, op, (uint32_t)label);
}

/* Constants: strings are shared by the whole compilation (as CPython's
 * constant cache); others are deduplicated per code object by type+value. */
static uint32_t add_const(unit *u, rc_object *v)
{
    /* v: a new reference, consumed */
    if (!v) {
        cu_fail(u, "out of memory");
        return 0;
    }
    if (rc_is_type(v, &rc_str_type) && u->c->str_consts) {
        rc_object *canon = rc_dict_get(u->c->str_consts, v);
        if (canon) {
            rc_incref(canon);
            rc_decref(v);
            v = canon;
        } else {
            rc_dict_set(u->c->str_consts, v, v);
        }
    }
    for (uint32_t i = 0; i < u->nconsts; i++) {
        rc_object *k = u->consts[i];
        if (k == v || (k->type == v->type && k->type != &lx_code_type && k->type != &rc_float_type &&
                       rc_equal(k, v) == 1)) {
            rc_decref(v);
            return i;
        }
        if (k->type == &rc_float_type && v->type == &rc_float_type) {
            double a = rc_float_value(k), b = rc_float_value(v);
            if (memcmp(&a, &b, sizeof a) == 0) {
                rc_decref(v);
                return i;
            }
        }
    }
    if (grow(u, (void **)&u->consts, &u->ccap, sizeof *u->consts, u->nconsts + 1) < 0) {
        rc_decref(v);
        return 0;
    }
    u->consts[u->nconsts] = v;
    return u->nconsts++;
}

static void emit_const(unit *u, rc_object *v)
{
    emit(u, OPC_LOAD_CONST, add_const(u, v));
}

static uint32_t add_name(unit *u, const char *name)
{
    rc_object *s = lx_intern(u->c->I, name);
    if (!s) {
        u->c->failed = 1;
        return 0;
    }
    rc_object *ix = rc_dict_get(u->names, s);
    if (ix) {
        rc_decref(s);
        return (uint32_t)rc_int_value(ix);
    }
    if (grow(u, (void **)&u->name_v, &u->ncap, sizeof *u->name_v, u->nnames + 1) < 0) {
        rc_decref(s);
        return 0;
    }
    rc_object *n = rc_int_new(u->c->I->heap, u->nnames);
    if (!n || rc_dict_set(u->names, s, n) < 0) {
        rc_xdecref(n);
        rc_decref(s);
        cu_fail(u, "out of memory");
        return 0;
    }
    rc_decref(n);
    u->name_v[u->nnames] = s;
    return u->nnames++;
}

static int index_of(const char **v, uint32_t n, const char *name)
{
    for (uint32_t i = 0; i < n; i++)
        if (strcmp(v[i], name) == 0)
            return (int)i;
    return -1;
}

/* Slots: parameters in order, then the other locals; cells; frees. */
static void assign_slots(unit *u)
{
    compiler *c = u->c;
    scope *s = u->sc;
    size_t n = (size_t)s->nsyms + 4;
    u->locals = c_alloc(c, n * sizeof(char *));
    u->cells = c_alloc(c, n * sizeof(char *));
    u->frees = c_alloc(c, n * sizeof(char *));
    u->cell2arg = c_alloc(c, n * sizeof(int32_t));
    u->return_slot = -1;
    if (s->kind == SC_FUNCTION) {
        node *fn = s->node;
        if (s->is_comprehension) {
            u->locals[u->nlocals++] = ".0";
        } else {
            params *ps = fn->params;
            for (int i = 0; i < ps->args.n; i++)
                u->locals[u->nlocals++] = ps->args.v[i]->s;
            if (ps->vararg)
                u->locals[u->nlocals++] = ps->vararg;
            if (ps->kwarg)
                u->locals[u->nlocals++] = ps->kwarg;
        }
        for (int i = 0; i < s->nsyms; i++) {
            sym *x = &s->syms[i];
            if (binds_locally(x) && !(x->flags & DEF_CELL) && index_of(u->locals, u->nlocals, x->name) < 0)
                u->locals[u->nlocals++] = x->name;
        }
    }
    for (int i = 0; i < s->nsyms; i++) {
        sym *x = &s->syms[i];
        if (x->flags & DEF_CELL) {
            u->cell2arg[u->ncells] = s->kind == SC_FUNCTION ? index_of(u->locals, u->nlocals, x->name) : -1;
            u->cells[u->ncells++] = x->name;
        }
    }
    for (int i = 0; i < s->nsyms; i++) {
        sym *x = &s->syms[i];
        if ((x->flags & (DEF_FREE | DEF_FREE_CLASS)) && !(x->flags & DEF_CELL))
            u->frees[u->nfree++] = x->name;
    }
}

/* ---- names ---------------------------------------------------------------------------- */

enum { CTX_LOAD, CTX_STORE, CTX_DEL };

static void compile_name(unit *u, const char *name, int ctx)
{
    scope *s = u->sc;
    sym *x = sym_find(s, name);
    static const int global_ops[] = {OPC_LOAD_GLOBAL, OPC_STORE_GLOBAL, OPC_DELETE_GLOBAL};
    static const int name_ops[] = {OPC_LOAD_NAME, OPC_STORE_NAME, OPC_DELETE_NAME};
    static const int fast_ops[] = {OPC_LOAD_FAST, OPC_STORE_FAST, OPC_DELETE_FAST};
    static const int deref_ops[] = {OPC_LOAD_DEREF, OPC_STORE_DEREF, OPC_DELETE_DEREF};
    if (s->kind == SC_MODULE) {
        /* eval/exec code runs with a namespace that may not be the globals */
        emit(u, u->c->mode >= 2 ? name_ops[ctx] : global_ops[ctx], add_name(u, name));
        return;
    }
    if (x && (x->flags & DEF_GLOBAL)) {
        emit(u, global_ops[ctx], add_name(u, name));
        return;
    }
    int ci = index_of(u->cells, u->ncells, name);
    int fi = index_of(u->frees, u->nfree, name);
    if (s->kind == SC_CLASS) {
        if (x && binds_locally(x) && !(ci >= 0 && strcmp(name, "__class__") == 0)) {
            emit(u, name_ops[ctx], add_name(u, name));
            return;
        }
        if (ctx == CTX_LOAD && fi >= 0) {
            emit(u, OPC_LOAD_CLASSDEREF, (uint32_t)(u->ncells + (uint32_t)fi));
            emit_word(u, add_name(u, name));
            return;
        }
        if (fi >= 0 && x && (x->flags & DEF_NONLOCAL)) {
            emit(u, deref_ops[ctx], (uint32_t)(u->ncells + (uint32_t)fi));
            return;
        }
        emit(u, name_ops[ctx], add_name(u, name));
        return;
    }
    if (ci >= 0) {
        emit(u, deref_ops[ctx], (uint32_t)ci);
        return;
    }
    if (fi >= 0) {
        emit(u, deref_ops[ctx], u->ncells + (uint32_t)fi);
        return;
    }
    int li = index_of(u->locals, u->nlocals, name);
    if (li >= 0) {
        emit(u, fast_ops[ctx], (uint32_t)li);
        return;
    }
    emit(u, global_ops[ctx], add_name(u, name));
}

/* ---- expressions -------------------------------------------------------------------------- */

static void compile_expr(unit *u, node *e);
static void compile_stmts(unit *u, node_list *l);
static lx_code *compile_unit(compiler *c, scope *s, node *body_owner);
static void compile_jump_if(unit *u, node *e, int cond, int label);

static int is_const_node(node *e)
{
    switch (e->kind) {
    case N_INT: return !e->op;
    case N_FLOAT: case N_STR: case N_BYTES: case N_NONE: case N_TRUE: case N_FALSE: case N_ELLIPSIS:
        return 1;
    case N_UNARY:
        return e->op == OP_SUB && ((e->a->kind == N_INT && !e->a->op) || e->a->kind == N_FLOAT);
    case N_TUPLE:
        for (int i = 0; i < e->items.n; i++)
            if (!is_const_node(e->items.v[i]))
                return 0;
        return 1;
    default:
        return 0;
    }
}

/* A list or set display of three or more constants, which CPython 3.11
 * builds from one constant tuple or frozenset. */
static int is_const_display(node *e)
{
    if (e->items.n < 3)
        return 0;
    for (int i = 0; i < e->items.n; i++)
        if (!is_const_node(e->items.v[i]))
            return 0;
    return 1;
}

static int is_identifier_like(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!(ch == '_' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
            return 0;
    }
    return 1;
}

/* The value of a constant node (new reference), or NULL with an exception. */
static rc_object *const_value(unit *u, node *e)
{
    lx_interp *I = u->c->I;
    rc_heap *h = I->heap;
    switch (e->kind) {
    case N_INT:
        return rc_int_new(h, e->ival);
    case N_FLOAT:
        return rc_float_new(h, e->fval);
    case N_STR: {
        rc_object *s = rc_str_new(h, e->s, e->slen);
        if (!s)
            return lx_raise(I, LX_SyntaxError, "(unicode error) invalid UTF-8 in string literal");
        if (is_identifier_like(e->s, e->slen)) {
            rc_object *t = rc_str_intern(h, s);
            rc_decref(s);
            s = t;
        }
        return s;
    }
    case N_BYTES:
        return rc_bytes_new(h, e->s, e->slen);
    case N_NONE: return rc_none();
    case N_TRUE: return rc_true();
    case N_FALSE: return rc_false();
    case N_ELLIPSIS:
        rc_incref(I->ellipsis);
        return I->ellipsis;
    case N_UNARY:
        if (e->a->kind == N_INT) {
            if (e->a->op)
                return e->a->ival == INT64_MIN ? rc_int_new(h, INT64_MIN) : NULL;
            return rc_int_new(h, -e->a->ival);
        }
        return rc_float_new(h, -e->a->fval);
    case N_SET: {   /* only from is_const_display: a frozenset of the items */
        node as_tuple = *e;
        as_tuple.kind = N_TUPLE;
        rc_object *items = const_value(u, &as_tuple), *fs = items ? lx_set_new(I, 1) : NULL;
        if (fs && lx_set_update(I, fs, items) < 0)
            RC_CLEAR(fs);
        if (items)
            rc_decref(items);
        return fs;
    }
    case N_TUPLE: {
        rc_object *t = rc_tuple_new(h, e->items.n);
        if (!t)
            return lx_raise_heap_error(I);
        for (int i = 0; i < e->items.n; i++) {
            rc_object *v = const_value(u, e->items.v[i]);
            if (!v) {
                rc_decref(t);
                return NULL;
            }
            rc_tuple_set(t, i, v);
            rc_decref(v);
        }
        return t;
    }
    default:
        return NULL;
    }
}

/* A literal past int64 (text as written: prefix, underscores), negated
 * for -literal, as a big int constant. */
static void big_literal(unit *u, const char *text, int negate)
{
    lx_interp *I = u->c->I;
    int base = 10;
    if (text[0] == '0' && text[1] && strchr("xXoObB", text[1])) {
        base = (text[1] == 'x' || text[1] == 'X') ? 16 : (text[1] == 'o' || text[1] == 'O') ? 8 : 2;
        text += 2;
    }
    size_t n = strlen(text), k = 0;
    char *digits = malloc(n + 2);
    if (!digits) {
        cu_fail(u, "out of memory");
        return;
    }
    if (negate)
        digits[k++] = '-';
    for (size_t i = 0; i < n; i++)
        if (text[i] != '_')
            digits[k++] = text[i];
    rc_object *v = lx_int_from_digits(I, digits, k, base);
    free(digits);
    if (!v) {
        u->c->failed = 1;
        return;
    }
    emit_const(u, v);
}

static void compile_const(unit *u, node *e)
{
    if (e->kind == N_INT && e->op) {
        big_literal(u, e->s, 0);
        return;
    }
    if (e->kind == N_UNARY && e->op == OP_SUB && e->a->kind == N_INT && e->a->op) {
        big_literal(u, e->a->s, 1);
        return;
    }
    rc_object *v = const_value(u, e);
    if (!v) {
        u->c->failed = 1;
        if (!lx_exc_occurred(u->c->I))
            lx_raise(u->c->I, LX_MemoryError, "out of memory");
        return;
    }
    emit_const(u, v);
}

static int has_starred(node_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i] && l->v[i]->kind == N_STARRED)
            return 1;
    return 0;
}

/* A display with *items: build a list piecewise. */
static void compile_starred_display(unit *u, node_list *l, int kind)
{
    int pending = 0, built = 0;
    for (int i = 0; i < l->n; i++) {
        node *x = l->v[i];
        if (x->kind == N_STARRED) {
            if (!built) {
                emit(u, OPC_BUILD_LIST, (uint32_t)pending);
                built = 1;
            } else if (pending) {
                emit(u, OPC_BUILD_LIST, (uint32_t)pending);
                emit(u, OPC_LIST_EXTEND, 1);
            }
            pending = 0;
            compile_expr(u, x->a);
            emit(u, OPC_LIST_EXTEND, 1);
        } else {
            compile_expr(u, x);
            pending++;
        }
    }
    if (pending) {
        emit(u, OPC_BUILD_LIST, (uint32_t)pending);
        emit(u, OPC_LIST_EXTEND, 1);
    }
    if (kind == N_TUPLE)
        emit(u, OPC_LIST_TO_TUPLE, 0);
    else if (kind == N_SET) {
        emit(u, OPC_BUILD_SET, 0);
        emit(u, OPC_ROT_TWO, 0);
        emit(u, OPC_SET_UPDATE, 1);
    }
}

static void compile_dict(unit *u, node *e)
{
    int pending = 0, built = 0;
    for (int i = 0; i < e->items.n; i += 2) {
        node *k = e->items.v[i], *v = e->items.v[i + 1];
        if (!k) {
            if (!built) {
                emit(u, OPC_BUILD_MAP, (uint32_t)pending);
                built = 1;
            } else if (pending) {
                emit(u, OPC_BUILD_MAP, (uint32_t)pending);
                emit(u, OPC_DICT_UPDATE, 1);
            }
            pending = 0;
            compile_expr(u, v);
            emit(u, OPC_DICT_UPDATE, 1);
        } else {
            compile_expr(u, k);
            compile_expr(u, v);
            pending++;
        }
    }
    if (!built)
        emit(u, OPC_BUILD_MAP, (uint32_t)pending);
    else if (pending) {
        emit(u, OPC_BUILD_MAP, (uint32_t)pending);
        emit(u, OPC_DICT_UPDATE, 1);
    }
}

static void compile_compare(unit *u, node *e)
{
    static const int ops[] = {[CMP_LT] = LX_CMP_LT, [CMP_LE] = LX_CMP_LE, [CMP_EQ] = LX_CMP_EQ,
                              [CMP_NE] = LX_CMP_NE, [CMP_GT] = LX_CMP_GT, [CMP_GE] = LX_CMP_GE};
    compile_expr(u, e->a);
    int n = e->items.n;
    int cleanup = n > 1 ? new_label(u) : -1;
    for (int i = 0; i < n; i++) {
        compile_expr(u, e->items.v[i]);
        if (i < n - 1) {
            emit(u, OPC_DUP_TOP, 0);
            emit(u, OPC_ROT_THREE, 0);
        }
        int op = e->ops[i];
        if (op == CMP_IS || op == CMP_IS_NOT)
            emit(u, OPC_IS_OP, op == CMP_IS_NOT);
        else if (op == CMP_IN || op == CMP_NOT_IN)
            emit(u, OPC_CONTAINS_OP, op == CMP_NOT_IN);
        else
            emit(u, OPC_COMPARE, (uint32_t)ops[op]);
        if (i < n - 1)
            emit_jump(u, OPC_JUMP_IF_FALSE_OR_POP, cleanup);
    }
    if (n > 1) {
        int end = new_label(u);
        emit_jump(u, OPC_JUMP, end);
        place(u, cleanup);
        emit(u, OPC_ROT_TWO, 0);
        emit(u, OPC_POP_TOP, 0);
        place(u, end);
    }
}

/* Call: plain positional, with keywords, or with star arguments (CALL_EX). */
static void compile_call_args(unit *u, node_list *args, int base_positional, int method)
{
    int stars = 0, nkw = 0, npos = 0;
    for (int i = 0; i < args->n; i++) {
        int k = args->v[i]->kind;
        if (k == N_STARRED || k == N_DSTAR)
            stars = 1;
        else if (k == N_KEYWORD)
            nkw++;
        else
            npos++;
    }
    if (!stars && !nkw) {
        for (int i = 0; i < args->n; i++)
            compile_expr(u, args->v[i]);
        emit(u, method ? OPC_CALL_METHOD : OPC_CALL, (uint32_t)(npos + base_positional));
        return;
    }
    if (!stars) {
        rc_object *names = rc_tuple_new(u->c->I->heap, nkw);
        if (!names) {
            cu_fail(u, "out of memory");
            return;
        }
        int k = 0;
        for (int i = 0; i < args->n; i++)
            if (args->v[i]->kind != N_KEYWORD)
                compile_expr(u, args->v[i]);
        for (int i = 0; i < args->n; i++) {
            node *a = args->v[i];
            if (a->kind != N_KEYWORD)
                continue;
            for (int j = 0; j < i; j++)
                if (args->v[j]->kind == N_KEYWORD && strcmp(args->v[j]->s, a->s) == 0) {
                    rc_decref(names);
                    u->line = a->line;
                    cu_fail(u, "keyword argument repeated");
                    return;
                }
            compile_expr(u, a->a);
            rc_object *nm = lx_intern(u->c->I, a->s);
            if (nm) {
                rc_tuple_set(names, k, nm);
                rc_decref(nm);
            }
            k++;
        }
        emit_const(u, names);
        emit(u, OPC_CALL_KW, (uint32_t)(npos + nkw + base_positional));
        return;
    }
    /* general form: a tuple of positionals and a dict of keywords */
    emit(u, OPC_BUILD_LIST, (uint32_t)base_positional);
    for (int i = 0; i < args->n; i++) {
        node *a = args->v[i];
        if (a->kind == N_STARRED) {
            compile_expr(u, a->a);
            emit(u, OPC_LIST_EXTEND, 1);
        } else if (a->kind != N_KEYWORD && a->kind != N_DSTAR) {
            compile_expr(u, a);
            emit(u, OPC_LIST_APPEND, 1);
        }
    }
    emit(u, OPC_LIST_TO_TUPLE, 0);
    if (nkw || stars) {
        int any = 0;
        for (int i = 0; i < args->n; i++)
            if (args->v[i]->kind == N_KEYWORD || args->v[i]->kind == N_DSTAR)
                any = 1;
        if (!any) {
            emit(u, OPC_CALL_EX, 0);
            return;
        }
        emit(u, OPC_BUILD_MAP, 0);
        for (int i = 0; i < args->n; i++) {
            node *a = args->v[i];
            if (a->kind == N_KEYWORD) {
                emit_const(u, lx_intern(u->c->I, a->s));
                compile_expr(u, a->a);
                emit(u, OPC_BUILD_MAP, 1);
                emit(u, OPC_DICT_MERGE, 1);
            } else if (a->kind == N_DSTAR) {
                compile_expr(u, a->a);
                emit(u, OPC_DICT_MERGE, 1);
            }
        }
        emit(u, OPC_CALL_EX, 1);
    }
}

static void compile_call(unit *u, node *e)
{
    node *f = e->a;
    int simple = 1;
    for (int i = 0; i < e->items.n; i++)
        if (e->items.v[i]->kind == N_STARRED || e->items.v[i]->kind == N_DSTAR || e->items.v[i]->kind == N_KEYWORD)
            simple = 0;
    if (f->kind == N_ATTR && simple) {
        compile_expr(u, f->a);
        u->line = f->line;
        emit(u, OPC_LOAD_METHOD, add_name(u, f->s));
        compile_call_args(u, &e->items, 0, 1);
        return;
    }
    compile_expr(u, f);
    u->line = e->line;
    compile_call_args(u, &e->items, 0, 0);
}

static void compile_fstring(unit *u, node *e)
{
    int n = 0;
    for (int i = 0; i < e->items.n; i++) {
        node *p = e->items.v[i];
        if (p->kind == N_STR) {
            compile_const(u, p);
        } else {
            compile_expr(u, p->a);
            uint32_t flags = p->op == 's' ? 1 : p->op == 'r' ? 2 : p->op == 'a' ? 3 : 0;
            if (p->b) {
                compile_fstring(u, p->b);
                flags |= FV_HAS_SPEC;
            }
            emit(u, OPC_FORMAT_VALUE, flags);
        }
        n++;
    }
    if (n == 0) {
        emit_const(u, rc_str_new(u->c->I->heap, "", 0));
        return;
    }
    if (n == 1 && e->items.v[0]->kind != N_STR)
        return;
    if (n > 1)
        emit(u, OPC_BUILD_STRING, (uint32_t)n);
}

static void compile_slice(unit *u, node *e)
{
    if (e->a) compile_expr(u, e->a); else emit_const(u, rc_none());
    if (e->b) compile_expr(u, e->b); else emit_const(u, rc_none());
    if (e->c) {
        compile_expr(u, e->c);
        emit(u, OPC_BUILD_SLICE, 3);
    } else {
        emit(u, OPC_BUILD_SLICE, 2);
    }
}

static void compile_subscript_index(unit *u, node *idx)
{
    if (idx->kind == N_SLICE)
        compile_slice(u, idx);
    else if (idx->kind == N_TUPLE && !is_const_node(idx)) {
        for (int i = 0; i < idx->items.n; i++)
            compile_subscript_index(u, idx->items.v[i]);
        emit(u, OPC_BUILD_TUPLE, (uint32_t)idx->items.n);
    } else
        compile_expr(u, idx);
}

/* Build a function object for scope child (def, lambda, comprehension):
 * defaults, closure, code; leaves the function on the stack. */
/* An annotation's value: the expression, or under `from __future__ import
 * annotations` its source text. */
static void compile_annotation(unit *u, node *an)
{
    if (u->c->future_annotations && an->a->kind == N_STR) {   /* a string: its repr, as unparsed */
        rc_object *str = rc_str_new(u->c->I->heap, an->a->s, an->a->slen);
        rc_object *r = str ? lx_repr(u->c->I, str) : NULL;
        rc_xdecref(str);
        emit_const(u, r);
    } else if (u->c->future_annotations) {
        emit_const(u, rc_str_new(u->c->I->heap, an->s, an->slen));
    } else
        compile_expr(u, an->a);
}

static void make_function(unit *u, scope *child, params *ps)
{
    compiler *c = u->c;
    unsigned flags = 0;
    if (ps) {
        int ndef = 0;
        for (int i = 0; i < ps->nposargs; i++)
            if (ps->args.v[i]->a) {
                compile_expr(u, ps->args.v[i]->a);
                ndef++;
            }
        if (ndef) {
            emit(u, OPC_BUILD_TUPLE, (uint32_t)ndef);
            flags |= MF_DEFAULTS;
        }
        int nkw = 0;
        for (int i = ps->nposargs; i < ps->args.n; i++)
            if (ps->args.v[i]->a) {
                emit_const(u, lx_intern(c->I, ps->args.v[i]->s));
                compile_expr(u, ps->args.v[i]->a);
                nkw++;
            }
        if (nkw) {
            emit(u, OPC_BUILD_MAP, (uint32_t)nkw);
            flags |= MF_KWDEFAULTS;
        }
        if (ps->annots.n || ps->returns) {
            for (int i = 0; i < ps->annots.n; i++) {
                emit_const(u, lx_intern(c->I, ps->annots.v[i]->s));
                compile_annotation(u, ps->annots.v[i]->a);
            }
            if (ps->returns) {
                emit_const(u, lx_intern(c->I, "return"));
                compile_annotation(u, ps->returns);
            }
            emit(u, OPC_BUILD_MAP, (uint32_t)(ps->annots.n + (ps->returns ? 1 : 0)));
            flags |= MF_ANNOTATIONS;
        }
    }
    lx_code *code = compile_unit(c, child, child->node);
    if (!code) {
        c->failed = 1;
        return;
    }
    if (code->nfree) {
        for (uint32_t i = 0; i < code->nfree; i++) {
            const char *name = rc_str_data(code->localnames[code->nlocals + code->ncells + i]);
            int ci = index_of(u->cells, u->ncells, name);
            int fi = index_of(u->frees, u->nfree, name);
            if (ci >= 0)
                emit(u, OPC_LOAD_CLOSURE, (uint32_t)ci);
            else if (fi >= 0)
                emit(u, OPC_LOAD_CLOSURE, u->ncells + (uint32_t)fi);
            else
                cu_fail(u, "internal error: free variable not found");
        }
        emit(u, OPC_BUILD_TUPLE, code->nfree);
        flags |= MF_CLOSURE;
    }
    emit_const(u, &code->ob);
    emit(u, OPC_MAKE_FUNCTION, flags);
}

/* A comprehension is a function called at once with the first iterable's
 * iterator; a generator expression's call makes the generator. */
static void compile_comprehension(unit *u, node *e)
{
    scope *child = e->scope;
    make_function(u, child, NULL);
    compile_expr(u, e->items.v[0]->b);
    emit(u, OPC_GET_ITER, 0);
    emit(u, OPC_CALL, 1);
}

static void compile_expr(unit *u, node *e)
{
    if (u->c->failed)
        return;
    int saved_line = u->line;
    u->line = e->line;
    switch (e->kind) {
    case N_NAME:
        compile_name(u, e->s, CTX_LOAD);
        break;
    case N_INT: case N_FLOAT: case N_STR: case N_BYTES: case N_NONE: case N_TRUE: case N_FALSE:
    case N_ELLIPSIS:
        compile_const(u, e);
        break;
    case N_FSTRING:
        compile_fstring(u, e);
        break;
    case N_BINOP:
        compile_expr(u, e->a);
        compile_expr(u, e->b);
        u->line = e->line;
        emit(u, OPC_BINARY, (uint32_t)(e->op - OP_ADD));
        break;
    case N_UNARY:
        if (is_const_node(e)) {
            compile_const(u, e);
            break;
        }
        compile_expr(u, e->a);
        emit(u, e->op == OP_SUB ? OPC_UNARY_NEG : e->op == OP_ADD ? OPC_UNARY_POS
                : e->op == OP_INVERT ? OPC_UNARY_INVERT : OPC_UNARY_NOT, 0);
        break;
    case N_BOOLOP: {
        int end = new_label(u);
        for (int i = 0; i < e->items.n; i++) {
            compile_expr(u, e->items.v[i]);
            if (i < e->items.n - 1)
                emit_jump(u, e->op == KW_AND ? OPC_JUMP_IF_FALSE_OR_POP : OPC_JUMP_IF_TRUE_OR_POP, end);
        }
        place(u, end);
        break;
    }
    case N_COMPARE:
        compile_compare(u, e);
        break;
    case N_CALL:
        compile_call(u, e);
        break;
    case N_ATTR:
        compile_expr(u, e->a);
        u->line = e->line;
        emit(u, OPC_LOAD_ATTR, add_name(u, e->s));
        break;
    case N_SUBSCRIPT:
        compile_expr(u, e->a);
        compile_subscript_index(u, e->b);
        u->line = e->line;
        emit(u, OPC_BINARY_SUBSCR, 0);
        break;
    case N_SLICE:
        compile_slice(u, e);
        break;
    case N_TUPLE:
        if (is_const_node(e) && e->items.n > 0) {
            compile_const(u, e);
            break;
        }
        if (has_starred(&e->items)) {
            compile_starred_display(u, &e->items, N_TUPLE);
            break;
        }
        for (int i = 0; i < e->items.n; i++)
            compile_expr(u, e->items.v[i]);
        emit(u, OPC_BUILD_TUPLE, (uint32_t)e->items.n);
        break;
    case N_LIST:
    case N_SET:
        if (is_const_display(e)) {
            /* as CPython: an empty list extended by a constant tuple, an
             * empty set updated from a constant frozenset, so the array or
             * table has CPython's size (sys.getsizeof shows it) */
            node as_const = *e;
            as_const.kind = e->kind == N_LIST ? N_TUPLE : N_SET;
            emit(u, e->kind == N_LIST ? OPC_BUILD_LIST : OPC_BUILD_SET, 0);
            compile_const(u, &as_const);
            emit(u, e->kind == N_LIST ? OPC_LIST_EXTEND : OPC_SET_UPDATE, 1);
            break;
        }
        if (has_starred(&e->items)) {
            compile_starred_display(u, &e->items, e->kind);
            break;
        }
        for (int i = 0; i < e->items.n; i++)
            compile_expr(u, e->items.v[i]);
        emit(u, e->kind == N_LIST ? OPC_BUILD_LIST : OPC_BUILD_SET, (uint32_t)e->items.n);
        break;
    case N_DICT:
        compile_dict(u, e);
        break;
    case N_IFEXP: {
        int orelse = new_label(u), end = new_label(u);
        compile_jump_if(u, e->a, 0, orelse);
        compile_expr(u, e->b);
        emit_jump(u, OPC_JUMP, end);
        place(u, orelse);
        compile_expr(u, e->c);
        place(u, end);
        break;
    }
    case N_LAMBDA:
        make_function(u, e->scope, e->params);
        break;
    case N_LISTCOMP: case N_SETCOMP: case N_DICTCOMP: case N_GENEXP:
        compile_comprehension(u, e);
        break;
    case N_WALRUS:
        compile_expr(u, e->b);
        emit(u, OPC_DUP_TOP, 0);
        compile_name(u, e->a->s, CTX_STORE);
        break;
    case N_YIELD:
        if (e->a)
            compile_expr(u, e->a);
        else
            emit_const(u, rc_none());
        emit(u, OPC_YIELD_VALUE, 0);
        break;
    case N_YIELD_FROM:
        compile_expr(u, e->a);
        emit(u, OPC_GET_ITER, 0);
        emit_const(u, rc_none());
        emit(u, OPC_YIELD_FROM, 0);
        break;
    case N_STARRED:
        cu_fail(u, "can't use starred expression here");
        break;
    case N_KEYWORD: case N_DSTAR:
        cu_fail(u, "invalid syntax");
        break;
    default:
        cu_fail(u, "invalid syntax");
    }
    u->line = saved_line;
}

/* Jump to label when the truth of e equals cond. */
/* The truth of a literal True, False, None or int; -1 for anything else. */
static int constant_truth(const node *e)
{
    switch (e->kind) {
    case N_TRUE: return 1;
    case N_FALSE: case N_NONE: return 0;
    case N_INT: return e->op ? -1 : e->ival != 0;
    default: return -1;
    }
}

static void compile_jump_if(unit *u, node *e, int cond, int label)
{
    if (e->kind == N_UNARY && e->op == KW_NOT) {
        compile_jump_if(u, e->a, !cond, label);
        return;
    }
    if (e->kind == N_BOOLOP) {
        int is_and = e->op == KW_AND;
        if (is_and == !cond) {
            /* (a and b) jump-if-false / (a or b) jump-if-true: any one decides */
            for (int i = 0; i < e->items.n; i++)
                compile_jump_if(u, e->items.v[i], cond, label);
        } else {
            int skip = new_label(u);
            for (int i = 0; i < e->items.n - 1; i++)
                compile_jump_if(u, e->items.v[i], !cond, skip);
            compile_jump_if(u, e->items.v[e->items.n - 1], cond, label);
            place(u, skip);
        }
        return;
    }
    int truth = constant_truth(e);
    if (truth >= 0) {                    /* `while True:`: no test at all */
        if (truth == cond)
            emit_jump(u, OPC_JUMP, label);
        return;
    }
    compile_expr(u, e);
    emit_jump(u, cond ? OPC_POP_JUMP_IF_TRUE : OPC_POP_JUMP_IF_FALSE, label);
}

/* ---- assignment targets -------------------------------------------------------------------- */

static void compile_store(unit *u, node *t)
{
    int saved = u->line;
    u->line = t->line;
    switch (t->kind) {
    case N_NAME:
        compile_name(u, t->s, CTX_STORE);
        break;
    case N_ATTR:
        compile_expr(u, t->a);
        u->line = t->line;
        emit(u, OPC_STORE_ATTR, add_name(u, t->s));
        break;
    case N_SUBSCRIPT:
        compile_expr(u, t->a);
        compile_subscript_index(u, t->b);
        u->line = t->line;
        emit(u, OPC_STORE_SUBSCR, 0);
        break;
    case N_TUPLE:
    case N_LIST: {
        int star = -1;
        for (int i = 0; i < t->items.n; i++)
            if (t->items.v[i]->kind == N_STARRED)
                star = i;
        if (star < 0) {
            emit(u, OPC_UNPACK_SEQUENCE, (uint32_t)t->items.n);
        } else {
            uint32_t before = (uint32_t)star, after = (uint32_t)(t->items.n - star - 1);
            if (before > 255 || after > 65535) {
                cu_fail(u, "too many expressions in star-unpacking assignment");
                break;
            }
            emit(u, OPC_UNPACK_EX, before | after << 8);
        }
        for (int i = 0; i < t->items.n; i++) {
            node *x = t->items.v[i];
            compile_store(u, x->kind == N_STARRED ? x->a : x);
        }
        break;
    }
    default:
        cu_fail(u, "cannot assign to expression");
    }
    u->line = saved;
}

static void compile_delete(unit *u, node *t)
{
    u->line = t->line;
    switch (t->kind) {
    case N_NAME:
        compile_name(u, t->s, CTX_DEL);
        break;
    case N_ATTR:
        compile_expr(u, t->a);
        emit(u, OPC_DELETE_ATTR, add_name(u, t->s));
        break;
    case N_SUBSCRIPT:
        compile_expr(u, t->a);
        compile_subscript_index(u, t->b);
        emit(u, OPC_DELETE_SUBSCR, 0);
        break;
    case N_TUPLE:
    case N_LIST:
        for (int i = 0; i < t->items.n; i++)
            compile_delete(u, t->items.v[i]);
        break;
    default:
        cu_fail(u, "cannot delete expression");
    }
}

/* ---- blocks and unwinding -------------------------------------------------------------------- */

static int push_fblock(unit *u, int kind, int cont, int brk)
{
    if (u->nfb >= LX_MAX_BLOCKS) {
        cu_fail(u, "too many statically nested blocks");
        return -1;
    }
    fblock *f = &u->fb[u->nfb++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->label_continue = cont;
    f->label_break = brk;
    return 0;
}

static void pop_fblock(unit *u)
{
    u->nfb--;
}

/* Undo what block f holds at run time; preserve_tos: a return value is on top. */
static void unwind_fblock(unit *u, fblock *f, int preserve_tos)
{
    switch (f->kind) {
    case FB_WHILE:
        break;
    case FB_FOR:
        if (preserve_tos)
            emit(u, OPC_ROT_TWO, 0);
        emit(u, OPC_POP_TOP, 0);
        break;
    case FB_TRY:
        emit(u, OPC_POP_BLOCK, 0);
        break;
    case FB_FINALLY_TRY: {
        emit(u, OPC_POP_BLOCK, 0);
        /* run the finally body with this block closed */
        fblock saved = *f;
        int saved_n = u->nfb;
        u->nfb = (int)(f - u->fb);
        compile_stmts(u, &saved.final->final);
        u->nfb = saved_n;
        *f = saved;
        break;
    }
    case FB_FINALLY_END:
        if (preserve_tos)
            emit(u, OPC_ROT_TWO, 0);
        emit(u, OPC_POP_TOP, 0);        /* the exception */
        emit(u, OPC_POP_EXCEPT, 0);
        break;
    case FB_HANDLER:
        emit(u, OPC_POP_EXCEPT, 0);
        if (f->name) {
            emit_const(u, rc_none());
            compile_name(u, f->name, CTX_STORE);
            compile_name(u, f->name, CTX_DEL);
        }
        break;
    case FB_WITH:
        emit(u, OPC_POP_BLOCK, 0);
        if (preserve_tos)
            emit(u, OPC_ROT_TWO, 0);
        emit(u, OPC_WITH_EXIT, 0);
        break;
    }
}

static void compile_break_continue(unit *u, node *st, int is_break)
{
    for (int i = u->nfb - 1; i >= 0; i--) {
        fblock *f = &u->fb[i];
        if (f->kind == FB_WHILE || f->kind == FB_FOR) {
            if (is_break) {
                if (f->kind == FB_FOR)
                    emit(u, OPC_POP_TOP, 0);
                emit_jump(u, OPC_JUMP, f->label_break);
            } else {
                emit_jump(u, OPC_JUMP, f->label_continue);
            }
            return;
        }
        unwind_fblock(u, f, 0);
    }
    u->line = st->line;
    cu_fail(u, is_break ? "'break' outside loop" : "'continue' not properly in loop");
}

static void compile_return(unit *u, node *st)
{
    if (st->a)
        compile_expr(u, st->a);
    else
        emit_const(u, rc_none());
    for (int i = u->nfb - 1; i >= 0; i--)
        unwind_fblock(u, &u->fb[i], 1);
    emit(u, OPC_RETURN_VALUE, 0);
}

/* ---- statements ---------------------------------------------------------------------------------- */

static void compile_if(unit *u, node *st)
{
    int end = new_label(u);
    for (;;) {
        int next = new_label(u);
        u->line = st->line;
        compile_jump_if(u, st->a, 0, next);
        compile_stmts(u, &st->body);
        int has_else = st->orelse.n > 0;
        if (has_else)
            emit_jump(u, OPC_JUMP, end);
        place(u, next);
        if (has_else && st->orelse.n == 1 && st->orelse.v[0]->kind == N_IF && st->orelse.v[0]->op == 1) {
            st = st->orelse.v[0];           /* elif: iterate, no recursion */
            continue;
        }
        if (has_else)
            compile_stmts(u, &st->orelse);
        break;
    }
    place(u, end);
}

/* The test is compiled twice, before the loop and after the body (as
 * CPython does): an iteration runs one conditional jump, not a test and a
 * jump back.  `continue` goes to the second test. */
static void compile_while(unit *u, node *st)
{
    int body = new_label(u), test = new_label(u), orelse = new_label(u), end = new_label(u);
    compile_jump_if(u, st->a, 0, orelse);
    place(u, body);
    if (push_fblock(u, FB_WHILE, test, end) < 0)
        return;
    compile_stmts(u, &st->body);
    pop_fblock(u);
    place(u, test);
    u->line = st->line;
    compile_jump_if(u, st->a, 1, body);
    place(u, orelse);
    compile_stmts(u, &st->orelse);
    place(u, end);
}

static void compile_for(unit *u, node *st)
{
    int top = new_label(u), exhausted = new_label(u), end = new_label(u);
    compile_expr(u, st->b);
    u->line = st->line;
    emit(u, OPC_GET_ITER, 0);
    place(u, top);
    u->line = st->line;
    emit_jump(u, OPC_FOR_ITER, exhausted);
    compile_store(u, st->a);
    if (push_fblock(u, FB_FOR, top, end) < 0)
        return;
    compile_stmts(u, &st->body);
    pop_fblock(u);
    emit_jump(u, OPC_JUMP, top);
    place(u, exhausted);
    compile_stmts(u, &st->orelse);
    place(u, end);
}

static void compile_try_except(unit *u, node *st)
{
    int handlers = new_label(u), end = new_label(u);
    emit_jump(u, OPC_SETUP_TRY, handlers);
    if (push_fblock(u, FB_TRY, -1, -1) < 0)
        return;
    compile_stmts(u, &st->body);
    pop_fblock(u);
    emit(u, OPC_POP_BLOCK, 0);
    compile_stmts(u, &st->orelse);
    emit_jump(u, OPC_JUMP, end);
    place(u, handlers);
    for (int i = 0; i < st->items.n; i++) {
        node *h = st->items.v[i];
        u->line = h->line;
        int next = new_label(u);
        if (h->a) {
            emit(u, OPC_DUP_TOP, 0);
            compile_expr(u, h->a);
            emit_jump(u, OPC_JUMP_IF_NOT_EXC_MATCH, next);
        }
        if (h->s)
            compile_name(u, h->s, CTX_STORE);
        else
            emit(u, OPC_POP_TOP, 0);
        if (push_fblock(u, FB_HANDLER, -1, -1) < 0)
            return;
        u->fb[u->nfb - 1].name = h->s;
        compile_stmts(u, &h->body);
        pop_fblock(u);
        emit(u, OPC_POP_EXCEPT, 0);
        if (h->s) {
            emit_const(u, rc_none());
            compile_name(u, h->s, CTX_STORE);
            compile_name(u, h->s, CTX_DEL);
        }
        emit_jump(u, OPC_JUMP, end);
        place(u, next);
    }
    emit(u, OPC_RERAISE, 0);
    place(u, end);
}

static void compile_try(unit *u, node *st)
{
    if (!st->final.n) {
        compile_try_except(u, st);
        return;
    }
    int on_exc = new_label(u), end = new_label(u);
    emit_jump(u, OPC_SETUP_TRY, on_exc);
    if (push_fblock(u, FB_FINALLY_TRY, -1, -1) < 0)
        return;
    u->fb[u->nfb - 1].final = st;
    if (st->items.n)
        compile_try_except(u, st);
    else
        compile_stmts(u, &st->body);
    pop_fblock(u);
    emit(u, OPC_POP_BLOCK, 0);
    compile_stmts(u, &st->final);
    emit_jump(u, OPC_JUMP, end);
    place(u, on_exc);
    if (push_fblock(u, FB_FINALLY_END, -1, -1) < 0)
        return;
    compile_stmts(u, &st->final);
    pop_fblock(u);
    emit(u, OPC_RERAISE, 0);
    place(u, end);
}

static void compile_with_items(unit *u, node *st, int i)
{
    node *item = st->items.v[i];
    int on_exc = new_label(u), suppress = new_label(u), end = new_label(u);
    u->line = item->line;
    compile_expr(u, item->a);
    emit_jump(u, OPC_SETUP_WITH, on_exc);
    if (item->b)
        compile_store(u, item->b);
    else
        emit(u, OPC_POP_TOP, 0);
    if (push_fblock(u, FB_WITH, -1, -1) < 0)
        return;
    if (i + 1 < st->items.n)
        compile_with_items(u, st, i + 1);
    else
        compile_stmts(u, &st->body);
    pop_fblock(u);
    u->line = item->line;
    emit(u, OPC_POP_BLOCK, 0);
    emit(u, OPC_WITH_EXIT, 0);
    emit_jump(u, OPC_JUMP, end);
    place(u, on_exc);
    emit(u, OPC_WITH_EXCEPT, 0);
    emit_jump(u, OPC_POP_JUMP_IF_TRUE, suppress);
    emit(u, OPC_RERAISE, 0);
    place(u, suppress);
    emit(u, OPC_POP_TOP, 0);
    emit(u, OPC_POP_EXCEPT, 0);
    emit(u, OPC_POP_TOP, 0);
    place(u, end);
}

static void compile_def(unit *u, node *st)
{
    for (int i = 0; i < st->items.n; i++)
        compile_expr(u, st->items.v[i]);
    u->line = st->line;
    make_function(u, st->scope, st->params);
    for (int i = 0; i < st->items.n; i++)
        emit(u, OPC_CALL, 1);
    compile_name(u, st->s, CTX_STORE);
}

static void compile_class(unit *u, node *st)
{
    for (int i = 0; i < st->orelse.n; i++)
        compile_expr(u, st->orelse.v[i]);
    u->line = st->line;
    make_function(u, st->scope, NULL);
    emit_const(u, lx_intern(u->c->I, st->s));
    int nbases = 0;
    for (int i = 0; i < st->items.n; i++) {
        node *b = st->items.v[i];
        if (b->kind == N_KEYWORD || b->kind == N_STARRED || b->kind == N_DSTAR) {
            continue;
        }
        compile_expr(u, b);
        nbases++;
    }
    emit(u, OPC_BUILD_TUPLE, (uint32_t)nbases);
    int nkw = 0;                        /* keywords: metaclass=, then __init_subclass__'s */
    for (int i = 0; i < st->items.n; i++) {
        node *b = st->items.v[i];
        if (b->kind == N_KEYWORD) {
            emit_const(u, lx_intern(u->c->I, b->s));
            compile_expr(u, b->a);
            nkw++;
        } else if (b->kind == N_STARRED || b->kind == N_DSTAR) {
            cu_fail(u, "*args and **kwargs in a class statement are not supported by reclaim yet");
            return;
        }
    }
    if (nkw)
        emit(u, OPC_BUILD_MAP, (uint32_t)nkw);
    u->line = st->line;
    emit(u, OPC_BUILD_CLASS, nkw ? 1 : 0);
    for (int i = 0; i < st->orelse.n; i++)
        emit(u, OPC_CALL, 1);
    compile_name(u, st->s, CTX_STORE);
}

static void compile_import(unit *u, node *st)
{
    for (int i = 0; i < st->items.n; i++) {
        node *a = st->items.v[i];
        /* IMPORT_NAME gives the module named (a.b: the submodule); import
         * a.b without `as` binds the package a, imported by then */
        emit(u, OPC_IMPORT_NAME, add_name(u, a->s));
        const char *dot = strchr(a->s, '.');
        if (dot && !a->s2) {
            size_t n = (size_t)(dot - a->s);
            char *top = c_alloc(u->c, n + 1);
            memcpy(top, a->s, n);
            top[n] = 0;
            emit(u, OPC_POP_TOP, 0);
            emit(u, OPC_IMPORT_NAME, add_name(u, top));
        }
        compile_name(u, a->s2 ? a->s2 : (const char *)(void *)a->c, CTX_STORE);
    }
}

static void compile_import_from(unit *u, node *st)
{
    emit(u, OPC_IMPORT_NAME, add_name(u, st->s));
    if (st->items.n == 1 && strcmp(st->items.v[0]->s, "*") == 0) {
        emit(u, OPC_IMPORT_STAR, 0);
        return;
    }
    for (int i = 0; i < st->items.n; i++) {
        node *a = st->items.v[i];
        emit(u, OPC_IMPORT_FROM, add_name(u, a->s));
        compile_name(u, a->s2 ? a->s2 : a->s, CTX_STORE);
    }
    emit(u, OPC_POP_TOP, 0);
}

static void compile_augassign(unit *u, node *st)
{
    node *t = st->a;
    uint32_t op = (uint32_t)(st->op - OP_ADD);
    switch (t->kind) {
    case N_NAME:
        compile_name(u, t->s, CTX_LOAD);
        compile_expr(u, st->b);
        u->line = st->line;
        emit(u, OPC_INPLACE, op);
        compile_name(u, t->s, CTX_STORE);
        break;
    case N_ATTR:
        compile_expr(u, t->a);
        emit(u, OPC_DUP_TOP, 0);
        emit(u, OPC_LOAD_ATTR, add_name(u, t->s));
        compile_expr(u, st->b);
        u->line = st->line;
        emit(u, OPC_INPLACE, op);
        emit(u, OPC_ROT_TWO, 0);
        emit(u, OPC_STORE_ATTR, add_name(u, t->s));
        break;
    case N_SUBSCRIPT:
        compile_expr(u, t->a);
        compile_subscript_index(u, t->b);
        emit(u, OPC_DUP_TOP_TWO, 0);
        emit(u, OPC_BINARY_SUBSCR, 0);
        compile_expr(u, st->b);
        u->line = st->line;
        emit(u, OPC_INPLACE, op);
        emit(u, OPC_ROT_THREE, 0);
        emit(u, OPC_STORE_SUBSCR, 0);
        break;
    default:
        cu_fail(u, "illegal expression for augmented assignment");
    }
}

/* ---- match statements ------------------------------------------------------------------------ */

/* A pattern is compiled with the value it matches on top of the stack and
 * consumes it when it matches.  When it fails it jumps to fail_pop[k],
 * where k is how many values it has pushed above the case's base by then
 * (on_top); the labels pop one value each and fall through to the next
 * lower one, and fail_pop[0] is where the next case starts. */
typedef struct pattern_ctx {
    int *fail_pop;             /* malloc'd */
    int nfail;
    int on_top;
} pattern_ctx;

static void compile_pattern(unit *u, pattern_ctx *pc, node *p);

static int fail_label(unit *u, pattern_ctx *pc, int pops)
{
    if (pops >= pc->nfail) {
        int *v = realloc(pc->fail_pop, (size_t)(pops + 1) * sizeof *v);
        if (!v) {
            cu_fail(u, "out of memory");
            return 0;
        }
        pc->fail_pop = v;
        while (pc->nfail <= pops)
            v[pc->nfail++] = new_label(u);
    }
    return pc->fail_pop[pops];
}

/* Jump (op: JUMP or POP_JUMP_IF_FALSE) to the failure path. */
static void jump_to_fail(unit *u, pattern_ctx *pc, int op)
{
    emit_jump(u, op, fail_label(u, pc, pc->on_top));
}

/* Fail when the value on top (MATCH_KEYS', MATCH_CLASS' answer) is None. */
static void fail_if_none(unit *u, pattern_ctx *pc)
{
    emit(u, OPC_DUP_TOP, 0);
    emit_const(u, rc_none());
    emit(u, OPC_IS_OP, 1);
    jump_to_fail(u, pc, OPC_POP_JUMP_IF_FALSE);
}

/* The failure path: the pops from the deepest down to fail_pop[0]. */
static void emit_fail_pops(unit *u, pattern_ctx *pc)
{
    for (int k = pc->nfail - 1; k >= 0; k--) {
        place(u, pc->fail_pop[k]);
        if (k > 0)
            emit(u, OPC_POP_TOP, 0);
    }
    free(pc->fail_pop);
    pc->fail_pop = NULL;
    pc->nfail = 0;
}

/* The subject is replaced by n values, matched by pats in order. */
static void compile_subpatterns(unit *u, pattern_ctx *pc, node **pats, int n)
{
    pc->on_top += n - 1;
    for (int i = 0; i < n && !u->c->failed; i++)
        compile_pattern(u, pc, pats[i]);
}

/* Fail unless len(subject) compares (LX_CMP_EQ or LX_CMP_GE) with n. */
static void check_length(unit *u, pattern_ctx *pc, int cmp, int64_t n)
{
    emit(u, OPC_GET_LEN, 0);
    emit_const(u, rc_int_new(u->c->I->heap, n));
    emit(u, OPC_COMPARE, (uint32_t)cmp);
    jump_to_fail(u, pc, OPC_POP_JUMP_IF_FALSE);
}

static void compile_sequence_pattern(unit *u, pattern_ctx *pc, node *p)
{
    int n = p->items.n, star = -1;
    for (int i = 0; i < n; i++)
        if (p->items.v[i]->kind == N_PAT_STAR)
            star = i;
    emit(u, OPC_MATCH_SEQUENCE, 0);
    jump_to_fail(u, pc, OPC_POP_JUMP_IF_FALSE);
    if (star < 0) {
        check_length(u, pc, LX_CMP_EQ, n);
        emit(u, OPC_UNPACK_SEQUENCE, (uint32_t)n);
    } else {
        uint32_t before = (uint32_t)star, after = (uint32_t)(n - star - 1);
        if (before > 255 || after > 65535) {
            cu_fail(u, "too many sub-patterns in sequence pattern");
            return;
        }
        if (n > 1)
            check_length(u, pc, LX_CMP_GE, n - 1);
        emit(u, OPC_UNPACK_EX, before | after << 8);
    }
    compile_subpatterns(u, pc, p->items.v, n);
}

/* {key: pattern, ..., **rest}: the values found under the keys are matched
 * in order; rest gets a copy of the mapping without those keys. */
static void compile_mapping_pattern(unit *u, pattern_ctx *pc, node *p)
{
    int nkeys = p->items.n / 2;
    emit(u, OPC_MATCH_MAPPING, 0);
    jump_to_fail(u, pc, OPC_POP_JUMP_IF_FALSE);
    if (nkeys)
        check_length(u, pc, LX_CMP_GE, nkeys);
    for (int i = 0; i < p->items.n; i += 2)
        compile_expr(u, p->items.v[i]);
    emit(u, OPC_BUILD_TUPLE, (uint32_t)nkeys);
    pc->on_top++;                                   /* [subject, keys] */
    if (nkeys) {
        emit(u, OPC_MATCH_KEYS, 0);
        pc->on_top++;                               /* [subject, keys, values or None] */
        fail_if_none(u, pc);
        emit(u, OPC_UNPACK_SEQUENCE, (uint32_t)nkeys);
        pc->on_top += nkeys - 1;
        for (int i = 1; i < p->items.n && !u->c->failed; i += 2)
            compile_pattern(u, pc, p->items.v[i]);
    }
    if (p->s) {
        emit(u, OPC_COPY_DICT_WITHOUT_KEYS, 0);
        compile_name(u, p->s, CTX_STORE);
    } else {
        emit(u, OPC_POP_TOP, 0);
    }
    emit(u, OPC_POP_TOP, 0);
    pc->on_top -= 2;
}

/* Cls(p1, ..., name=p): MATCH_CLASS leaves a tuple of the attributes (or
 * None when the subject is no instance or lacks one). */
static void compile_class_pattern(unit *u, pattern_ctx *pc, node *p)
{
    int npos = p->items.n, nkw = p->orelse.n;
    compile_expr(u, p->a);
    rc_object *names = rc_tuple_new(u->c->I->heap, (size_t)nkw);
    for (int i = 0; names && i < nkw; i++) {
        rc_object *name = lx_intern(u->c->I, p->orelse.v[i]->s);
        if (!name) {
            RC_CLEAR(names);
            break;
        }
        rc_tuple_set(names, i, name);
        rc_decref(name);
    }
    emit_const(u, names);
    u->line = p->line;
    emit(u, OPC_MATCH_CLASS, (uint32_t)npos);
    fail_if_none(u, pc);
    emit(u, OPC_UNPACK_SEQUENCE, (uint32_t)(npos + nkw));
    pc->on_top += npos + nkw - 1;
    for (int i = 0; i < npos && !u->c->failed; i++)
        compile_pattern(u, pc, p->items.v[i]);
    for (int i = 0; i < nkw && !u->c->failed; i++)
        compile_pattern(u, pc, p->orelse.v[i]->a);
}

/* p1 | p2 | ...: each alternative matches a copy of the subject and fails
 * to the next one; the last one's failure is the pattern's. */
static void compile_or_pattern(unit *u, pattern_ctx *pc, node *p)
{
    int end = new_label(u);
    for (int i = 0; i < p->items.n && !u->c->failed; i++) {
        pattern_ctx alt = {.on_top = 1};
        emit(u, OPC_DUP_TOP, 0);
        compile_pattern(u, &alt, p->items.v[i]);
        emit(u, OPC_POP_TOP, 0);
        emit_jump(u, OPC_JUMP, end);
        emit_fail_pops(u, &alt);
    }
    jump_to_fail(u, pc, OPC_JUMP);
    place(u, end);
    pc->on_top--;
}

static void compile_pattern(unit *u, pattern_ctx *pc, node *p)
{
    u->line = p->line;
    switch (p->kind) {
    case N_PAT_CAPTURE:
    case N_PAT_STAR:
        if (p->s)
            compile_name(u, p->s, CTX_STORE);
        else
            emit(u, OPC_POP_TOP, 0);
        pc->on_top--;
        break;
    case N_PAT_VALUE:
    case N_PAT_SINGLETON:
        compile_expr(u, p->a);
        if (p->kind == N_PAT_VALUE)
            emit(u, OPC_COMPARE, LX_CMP_EQ);
        else
            emit(u, OPC_IS_OP, 0);
        pc->on_top--;
        jump_to_fail(u, pc, OPC_POP_JUMP_IF_FALSE);
        break;
    case N_PAT_SEQ:
        compile_sequence_pattern(u, pc, p);
        break;
    case N_PAT_MAPPING:
        compile_mapping_pattern(u, pc, p);
        break;
    case N_PAT_CLASS:
        compile_class_pattern(u, pc, p);
        break;
    case N_PAT_AS:
        emit(u, OPC_DUP_TOP, 0);
        pc->on_top++;
        compile_pattern(u, pc, p->a);
        compile_name(u, p->s, CTX_STORE);
        pc->on_top--;
        break;
    case N_PAT_OR:
        compile_or_pattern(u, pc, p);
        break;
    default:
        cu_fail(u, "invalid pattern");
    }
}

/* Each case matches a copy of the subject; the subject is dropped before
 * the body runs, or after the last case when none matched. */
static void compile_match(unit *u, node *st)
{
    int end = new_label(u);
    compile_expr(u, st->a);
    for (int i = 0; i < st->items.n && !u->c->failed; i++) {
        node *cs = st->items.v[i];
        pattern_ctx pc = {.on_top = 1};
        u->line = cs->line;
        emit(u, OPC_DUP_TOP, 0);
        compile_pattern(u, &pc, cs->a);
        if (cs->b)
            compile_jump_if(u, cs->b, 0, fail_label(u, &pc, 0));
        emit(u, OPC_POP_TOP, 0);
        compile_stmts(u, &cs->body);
        emit_jump(u, OPC_JUMP, end);
        emit_fail_pops(u, &pc);
    }
    emit(u, OPC_POP_TOP, 0);
    place(u, end);
}

static void compile_stmt(unit *u, node *st)
{
    if (u->c->failed)
        return;
    u->line = st->line;
    switch (st->kind) {
    case N_EXPR:
        if (u->c->mode == 1 && u->sc->kind == SC_MODULE) {
            compile_expr(u, st->a);
            emit(u, OPC_PRINT_EXPR, 0);
        } else if (!is_const_node(st->a) || st->a->kind == N_TUPLE) {
            compile_expr(u, st->a);
            emit(u, OPC_POP_TOP, 0);
        }
        break;
    case N_ASSIGN:
        compile_expr(u, st->a);
        for (int i = 0; i < st->items.n; i++) {
            if (i < st->items.n - 1)
                emit(u, OPC_DUP_TOP, 0);
            compile_store(u, st->items.v[i]);
        }
        break;
    case N_AUGASSIGN:
        compile_augassign(u, st);
        break;
    case N_ANNASSIGN:
        if (st->b) {
            compile_expr(u, st->b);
            compile_store(u, st->a);
        }
        if (st->a->kind == N_NAME && u->sc->kind != SC_FUNCTION) {   /* __annotations__[name] */
            compile_annotation(u, st->c);
            emit(u, OPC_LOAD_NAME, add_name(u, "__annotations__"));
            emit_const(u, lx_intern(u->c->I, st->a->s));
            emit(u, OPC_STORE_SUBSCR, 0);
        }
        break;
    case N_DEL:
        compile_delete(u, st->a);
        break;
    case N_PASS:
        break;
    case N_BREAK:
        compile_break_continue(u, st, 1);
        break;
    case N_CONTINUE:
        compile_break_continue(u, st, 0);
        break;
    case N_RETURN:
        compile_return(u, st);
        break;
    case N_IF:
        compile_if(u, st);
        break;
    case N_WHILE:
        compile_while(u, st);
        break;
    case N_FOR:
        compile_for(u, st);
        break;
    case N_TRY:
        compile_try(u, st);
        break;
    case N_WITH:
        compile_with_items(u, st, 0);
        break;
    case N_MATCH:
        compile_match(u, st);
        break;
    case N_DEF:
        compile_def(u, st);
        break;
    case N_CLASS:
        compile_class(u, st);
        break;
    case N_GLOBAL:
    case N_NONLOCAL:
        break;
    case N_IMPORT:
        compile_import(u, st);
        break;
    case N_IMPORTFROM:
        compile_import_from(u, st);
        break;
    case N_RAISE:
        if (st->a)
            compile_expr(u, st->a);
        if (st->b)
            compile_expr(u, st->b);
        u->line = st->line;
        emit(u, OPC_RAISE, st->b ? 2u : st->a ? 1u : 0u);
        break;
    case N_ASSERT: {
        int ok = new_label(u);
        compile_jump_if(u, st->a, 1, ok);
        u->line = st->line;
        emit(u, OPC_LOAD_ASSERTION_ERROR, 0);
        if (st->b) {
            compile_expr(u, st->b);
            emit(u, OPC_CALL, 1);
        }
        emit(u, OPC_RAISE, 1);
        place(u, ok);
        break;
    }
    default:
        cu_fail(u, "invalid syntax");
    }
}

static void compile_stmts(unit *u, node_list *l)
{
    for (int i = 0; i < l->n && !u->c->failed; i++)
        compile_stmt(u, l->v[i]);
}

/* ---- comprehension bodies ------------------------------------------------------------------------ */

static void compile_comp_clause(unit *u, node *e, int i, int depth)
{
    node *cl = e->items.v[i];
    int top = new_label(u), exhausted = new_label(u);
    if (i == 0) {
        emit(u, OPC_LOAD_FAST, 0);
    } else {
        compile_expr(u, cl->b);
        emit(u, OPC_GET_ITER, 0);
    }
    place(u, top);
    u->line = cl->line;
    emit_jump(u, OPC_FOR_ITER, exhausted);
    compile_store(u, cl->a);
    for (int k = 0; k < cl->items.n; k++)
        compile_jump_if(u, cl->items.v[k], 0, top);
    if (i + 1 < e->items.n) {
        compile_comp_clause(u, e, i + 1, depth + 1);
    } else if (e->kind == N_DICTCOMP) {
        compile_expr(u, e->a);
        compile_expr(u, e->b);
        emit(u, OPC_MAP_ADD, (uint32_t)depth + 2);
    } else if (e->kind == N_GENEXP) {
        compile_expr(u, e->a);
        emit(u, OPC_YIELD_VALUE, 0);
        emit(u, OPC_POP_TOP, 0);
    } else {
        compile_expr(u, e->a);
        emit(u, e->kind == N_SETCOMP ? OPC_SET_ADD : OPC_LIST_APPEND, (uint32_t)depth + 2);
    }
    emit_jump(u, OPC_JUMP, top);
    place(u, exhausted);
}

/* ---- assembly ------------------------------------------------------------------------------------- */

static int stack_effect(int op, uint32_t arg, int jump)
{
    switch (op) {
    case OPC_NOP: case OPC_ROT_TWO: case OPC_ROT_THREE: case OPC_ROT_FOUR: return 0;
    case OPC_POP_TOP: return -1;
    case OPC_DUP_TOP: return 1;
    case OPC_DUP_TOP_TWO: return 2;
    case OPC_LOAD_CONST: case OPC_LOAD_FAST: case OPC_LOAD_DEREF: case OPC_LOAD_CLOSURE:
    case OPC_LOAD_CLASSDEREF: case OPC_LOAD_GLOBAL: case OPC_LOAD_NAME: case OPC_LOAD_ASSERTION_ERROR:
        return 1;
    case OPC_STORE_FAST: case OPC_STORE_DEREF: case OPC_STORE_GLOBAL: case OPC_STORE_NAME: return -1;
    case OPC_DELETE_FAST: case OPC_DELETE_DEREF: case OPC_DELETE_GLOBAL: case OPC_DELETE_NAME: return 0;
    case OPC_LOAD_ATTR: return 0;
    case OPC_STORE_ATTR: return -2;
    case OPC_DELETE_ATTR: return -1;
    case OPC_LOAD_METHOD: return 1;
    case OPC_CALL_METHOD: return -(int)arg - 1;
    case OPC_CALL: return -(int)arg;
    case OPC_CALL_KW: return -(int)arg - 1;
    case OPC_CALL_EX: return -1 - (int)(arg & 1);
    case OPC_BINARY: case OPC_INPLACE: case OPC_COMPARE: case OPC_IS_OP: case OPC_CONTAINS_OP:
        return -1;
    case OPC_UNARY_NEG: case OPC_UNARY_POS: case OPC_UNARY_INVERT: case OPC_UNARY_NOT: return 0;
    case OPC_JUMP: return 0;
    case OPC_POP_JUMP_IF_FALSE: case OPC_POP_JUMP_IF_TRUE: return -1;
    case OPC_JUMP_IF_FALSE_OR_POP: case OPC_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OPC_GET_ITER: return 0;
    case OPC_FOR_ITER: return jump ? -1 : 1;
    case OPC_BUILD_LIST: case OPC_BUILD_TUPLE: case OPC_BUILD_SET: case OPC_BUILD_SLICE:
    case OPC_BUILD_STRING:
        return 1 - (int)arg;
    case OPC_BUILD_MAP: return 1 - 2 * (int)arg;
    case OPC_LIST_APPEND: case OPC_SET_ADD: return -1;
    case OPC_MAP_ADD: return -2;
    case OPC_LIST_EXTEND: case OPC_SET_UPDATE: case OPC_DICT_UPDATE: case OPC_DICT_MERGE: return -1;
    case OPC_LIST_TO_TUPLE: return 0;
    case OPC_UNPACK_SEQUENCE: return (int)arg - 1;
    case OPC_UNPACK_EX: return (int)(arg & 0xFF) + (int)(arg >> 8);
    case OPC_BINARY_SUBSCR: return -1;
    case OPC_STORE_SUBSCR: return -3;
    case OPC_DELETE_SUBSCR: return -2;
    case OPC_FORMAT_VALUE: return (arg & FV_HAS_SPEC) ? -1 : 0;
    case OPC_MAKE_FUNCTION:
        return -(((arg & MF_DEFAULTS) ? 1 : 0) + ((arg & MF_KWDEFAULTS) ? 1 : 0) + ((arg & MF_CLOSURE) ? 1 : 0) +
                 ((arg & MF_ANNOTATIONS) ? 1 : 0));
    case OPC_BUILD_CLASS: return arg ? -3 : -2;
    case OPC_RETURN_VALUE: return -1;
    case OPC_YIELD_VALUE: return 0;       /* the value out, the sent value in */
    case OPC_YIELD_FROM: return -1;       /* [iterator, value to send] -> [its return value] */
    case OPC_RAISE: return -(int)arg;
    case OPC_RERAISE: return -1;
    case OPC_SETUP_TRY: return jump ? 1 : 0;
    case OPC_POP_BLOCK: case OPC_POP_EXCEPT: return 0;
    case OPC_SETUP_WITH: return 1;
    case OPC_WITH_EXIT: return -1;
    case OPC_WITH_EXCEPT: return 1;
    case OPC_JUMP_IF_NOT_EXC_MATCH: return -2;
    case OPC_IMPORT_NAME: return 1;
    case OPC_IMPORT_FROM: return 1;
    case OPC_IMPORT_STAR: return -1;
    case OPC_PRINT_EXPR: return -1;
    case OPC_MATCH_SEQUENCE: case OPC_MATCH_MAPPING: case OPC_MATCH_KEYS: case OPC_GET_LEN: return 1;
    case OPC_MATCH_CLASS: return -2;
    default: return 0;
    }
}

static int op_width(int op)
{
    return op_has_cache(op) || op == OPC_LOAD_CLASSDEREF ? 2 : 1;
}

static int is_terminal(int op)
{
    return op == OPC_JUMP || op == OPC_RETURN_VALUE || op == OPC_RAISE || op == OPC_RERAISE;
}

/* Largest stack depth over every path (a worklist over instruction starts). */
static int max_stack_depth(unit *u)
{
    uint32_t n = u->nins;
    int *depth = malloc((n + 1) * sizeof *depth);
    uint32_t *work = malloc((n + 1) * sizeof *work);
    if (!depth || !work) {
        free(depth);
        free(work);
        cu_fail(u, "out of memory");
        return 0;
    }
    for (uint32_t i = 0; i <= n; i++)
        depth[i] = -1;
    int maxd = 0;
    size_t nwork = 0;
    depth[0] = 0;
    work[nwork++] = 0;
    while (nwork) {
        uint32_t pc = work[--nwork];
        int d = depth[pc];
        while (pc < n) {
            uint32_t w = u->ins[pc];
            int op = (int)(w & 0xFF);
            uint32_t arg = w >> 8;
            if (is_jump(op)) {
                int jd = d + stack_effect(op, arg, 1);
                if (op == OPC_SETUP_WITH)
                    jd = d + 1;                 /* ctx replaced by exit, plus the exception */
                if (jd > maxd)
                    maxd = jd;
                if (arg < n && depth[arg] < jd) {
                    depth[arg] = jd;
                    work[nwork++] = arg;
                }
            }
            d += stack_effect(op, arg, 0);
            if (op == OPC_SETUP_WITH && d + 1 > maxd)
                maxd = d + 1;                   /* __enter__ is called with exit and ctx on the stack */
            if (d > maxd)
                maxd = d;
            if (is_terminal(op))
                break;
            pc += (uint32_t)op_width(op);
            if (pc < n) {
                if (depth[pc] >= d)
                    break;
                depth[pc] = d;
            }
        }
    }
    free(depth);
    free(work);
    return maxd;
}

static void resolve_labels(unit *u)
{
    for (uint32_t pc = 0; pc < u->nins;) {
        uint32_t w = u->ins[pc];
        int op = (int)(w & 0xFF);
        if (is_jump(op)) {
            uint32_t label = w >> 8;
            int target = (int)label < u->nlabels ? u->labels[label] : -1;
            if (target < 0) {
                cu_fail(u, "internal error: unplaced label");
                return;
            }
            u->ins[pc] = (uint32_t)op | (uint32_t)target << 8;
        }
        pc += (uint32_t)op_width(op);
    }
}

/* Where a jump at ins lands once chains of JUMPs are followed (a few hops:
 * `while True: pass` jumps to itself). */
static uint32_t final_target(const uint32_t *ins, uint32_t target)
{
    for (int hops = 0; hops < 8 && (ins[target] & 0xFF) == OPC_JUMP; hops++)
        target = ins[target] >> 8;
    return target;
}

/* The fused instruction that may stand for op followed by next, or -1. */
static int fused_op(int op, int next)
{
    if (op == OPC_STORE_FAST)
        return next == OPC_LOAD_FAST ? OPC_STORE_FAST_LOAD_FAST : -1;
    if (op != OPC_LOAD_FAST)
        return -1;
    switch (next) {
    case OPC_LOAD_ATTR: return OPC_LOAD_FAST_LOAD_ATTR;
    case OPC_LOAD_METHOD: return OPC_LOAD_FAST_LOAD_METHOD;
    case OPC_LOAD_FAST: return OPC_LOAD_FAST_LOAD_FAST;
    case OPC_LOAD_CONST: return OPC_LOAD_FAST_LOAD_CONST;
    default: return -1;
    }
}

/* Rewrites that leave every instruction where it was, so that jump targets
 * and line numbers stay valid: a jump to a JUMP goes where that one goes,
 * a JUMP to RETURN_VALUE returns, and a LOAD_FAST followed by LOAD_ATTR,
 * LOAD_METHOD, LOAD_FAST or LOAD_CONST, or a STORE_FAST followed by
 * LOAD_FAST, becomes the fused instruction that does both
 * (the second word stays, so a jump to it, or the fused instruction's own
 * fallback, still runs it alone). */
static void peephole(unit *u)
{
    uint32_t *ins = u->ins;
    for (uint32_t pc = 0; pc < u->nins;) {
        int op = (int)(ins[pc] & 0xFF);
        uint32_t width = (uint32_t)op_width(op);
        if (is_jump(op) && op != OPC_FOR_ITER && op != OPC_SETUP_TRY && op != OPC_SETUP_WITH) {
            uint32_t target = final_target(ins, ins[pc] >> 8);
            if (op == OPC_JUMP && (ins[target] & 0xFF) == OPC_RETURN_VALUE)
                ins[pc] = OPC_RETURN_VALUE;
            else
                ins[pc] = (uint32_t)op | target << 8;
        } else if (pc + width < u->nins) {
            int fused = fused_op(op, (int)(ins[pc + width] & 0xFF));
            if (fused >= 0)
                ins[pc] = (uint32_t)fused | (ins[pc] & ~0xFFu);
        }
        pc += width;
    }
}

static void unit_free(unit *u)
{
    free(u->ins);
    free(u->lines);
    for (uint32_t i = 0; i < u->nconsts; i++)
        rc_decref(u->consts[i]);
    free(u->consts);
    for (uint32_t i = 0; i < u->nnames; i++)
        rc_decref(u->name_v[i]);
    free(u->name_v);
    rc_xdecref(u->names);
    free(u->labels);
}

static rc_object **intern_all(unit *u, const char **v, uint32_t n, rc_object **out)
{
    for (uint32_t i = 0; i < n; i++) {
        out[i] = lx_intern(u->c->I, v[i]);
        if (!out[i]) {
            u->c->failed = 1;
            return NULL;
        }
    }
    return out;
}

static lx_code *assemble(unit *u, const char *name, const char *qualname, int firstline, unsigned flags,
                         params *ps)
{
    lx_interp *I = u->c->I;
    if (u->c->failed)
        return NULL;
    resolve_labels(u);
    int stacksize = max_stack_depth(u);
    if (u->c->failed)
        return NULL;
    peephole(u);
    lx_code *co = (lx_code *)rc_new(I->heap, &lx_code_type);
    if (!co) {
        lx_raise_heap_error(I);
        u->c->failed = 1;
        return NULL;
    }
    co->ins = u->ins;
    co->lines = u->lines;
    co->nins = u->nins;
    u->ins = NULL;
    u->lines = NULL;
    co->consts = u->consts;
    co->nconsts = u->nconsts;
    u->consts = NULL;
    u->nconsts = 0;
    co->names = u->name_v;
    co->nnames = u->nnames;
    u->name_v = NULL;
    u->nnames = 0;
    co->flags = flags;
    co->stacksize = (uint32_t)stacksize + 2;
    co->nlocals = u->nlocals;
    co->ncells = u->ncells;
    co->nfree = u->nfree;
    uint32_t nl = u->nlocals + u->ncells + u->nfree;
    co->localnames = calloc(nl + 1, sizeof *co->localnames);
    co->cell2arg = calloc(u->ncells + 1, sizeof *co->cell2arg);
    co->caches = calloc(u->ncaches + 1, sizeof *co->caches);
    co->ncaches = u->ncaches;
    if (!co->localnames || !co->cell2arg || !co->caches) {
        rc_decref(co);
        lx_raise(I, LX_MemoryError, "out of memory");
        u->c->failed = 1;
        return NULL;
    }
    if (!intern_all(u, u->locals, u->nlocals, co->localnames) ||
        !intern_all(u, u->cells, u->ncells, co->localnames + u->nlocals) ||
        !intern_all(u, u->frees, u->nfree, co->localnames + u->nlocals + u->ncells)) {
        rc_decref(co);
        return NULL;
    }
    memcpy(co->cell2arg, u->cell2arg, u->ncells * sizeof *co->cell2arg);
    if (ps) {
        co->argcount = (uint32_t)ps->nposargs;
        co->posonly = (uint32_t)ps->nposonly;
        co->kwonly = (uint32_t)(ps->args.n - ps->nposargs);
        if (ps->vararg)
            co->flags |= CO_VARARGS;
        if (ps->kwarg)
            co->flags |= CO_VARKW;
    }
    co->name = lx_intern(I, name);
    co->qualname = lx_intern(I, qualname ? qualname : name);
    rc_incref(u->c->filename_obj);
    co->filename = u->c->filename_obj;
    co->firstline = firstline;
    co->doc = u->doc;
    if (!co->name || !co->qualname) {
        rc_decref(co);
        u->c->failed = 1;
        return NULL;
    }
    return co;
}

/* Compile the body of scope s (a module, def, lambda, class or comprehension). */
/* The docstring of a body: its first statement, if that is a string
 * literal (not an f-string), else NULL. */
static node *docstring_of(node_list *body)
{
    if (body->n == 0 || body->v[0]->kind != N_EXPR)
        return NULL;
    node *e = body->v[0]->a;
    return e && e->kind == N_STR ? e : NULL;
}

/* Does a module's or class's body annotate a name (at any depth of its
 * own statements, not in the functions and classes it defines)? */
static int annotates_names(node_list *body)
{
    for (int i = 0; i < body->n; i++) {
        node *st = body->v[i];
        if (st->kind == N_ANNASSIGN && st->a->kind == N_NAME)
            return 1;
        if (st->kind == N_DEF || st->kind == N_CLASS)
            continue;
        if (annotates_names(&st->body) || annotates_names(&st->orelse) || annotates_names(&st->final))
            return 1;
        for (int k = 0; k < st->items.n; k++)
            if (st->items.v[k] && st->items.v[k]->kind == N_HANDLER && annotates_names(&st->items.v[k]->body))
                return 1;
    }
    return 0;
}

/* A namespace that gets annotations starts with __annotations__ = {}. */
static void setup_annotations(unit *u, node_list *body)
{
    if (!annotates_names(body))
        return;
    emit(u, OPC_BUILD_MAP, 0);
    emit(u, OPC_STORE_NAME, add_name(u, "__annotations__"));
}

/* Store a module's or a class body's docstring (or None) in its namespace. */
static void store_doc_name(unit *u, node *doc)
{
    if (doc)
        emit_const(u, rc_str_new(u->c->I->heap, doc->s, doc->slen));
    else
        emit_const(u, rc_none());
    emit(u, OPC_STORE_NAME, add_name(u, "__doc__"));
}

static lx_code *compile_unit(compiler *c, scope *s, node *owner)
{
    unit u;
    memset(&u, 0, sizeof u);
    u.c = c;
    u.sc = s;
    u.doc = -1;
    u.names = rc_dict_new(c->I->heap);
    if (!u.names) {
        c->failed = 1;
        lx_raise_heap_error(c->I);
        return NULL;
    }
    assign_slots(&u);
    u.line = owner ? owner->line : 1;
    unsigned flags = 0;
    params *ps = NULL;
    const char *name = s->name;
    if (ps == NULL && s->kind == SC_FUNCTION && !s->is_comprehension)
        ps = owner->params;
    /* cells that start from arguments, and frees copied from the closure */
    if (u.ncells)
        emit(&u, OPC_MAKE_CELL, 0);
    if (s->kind == SC_MODULE && c->mode == 2) {
        flags = CO_MODULE;
        compile_expr(&u, owner->body.v[0]->a);
        emit(&u, OPC_RETURN_VALUE, 0);
    } else if (s->kind == SC_MODULE) {
        flags = CO_MODULE;
        node *doc = c->mode == 0 ? docstring_of(&owner->body) : NULL;
        if (doc)
            store_doc_name(&u, doc);
        setup_annotations(&u, &owner->body);
        compile_stmts(&u, &owner->body);
        emit_const(&u, rc_none());
        emit(&u, OPC_RETURN_VALUE, 0);
    } else if (s->kind == SC_CLASS) {
        flags = CO_CLASSBODY;
        emit(&u, OPC_LOAD_NAME, add_name(&u, "__name__"));
        emit(&u, OPC_STORE_NAME, add_name(&u, "__module__"));
        emit_const(&u, lx_intern(c->I, s->qualname));
        emit(&u, OPC_STORE_NAME, add_name(&u, "__qualname__"));
        node *doc = docstring_of(&owner->body);
        if (doc)
            store_doc_name(&u, doc);
        setup_annotations(&u, &owner->body);
        compile_stmts(&u, &owner->body);
        int ci = index_of(u.cells, u.ncells, "__class__");
        if (ci >= 0)
            emit(&u, OPC_LOAD_CLOSURE, (uint32_t)ci);
        else
            emit_const(&u, rc_none());
        emit(&u, OPC_RETURN_VALUE, 0);
    } else if (s->is_comprehension && owner->kind == N_GENEXP) {
        flags = CO_NEWLOCALS | CO_COMPREHENSION;
        compile_comp_clause(&u, owner, 0, -1);
        emit_const(&u, rc_none());
        emit(&u, OPC_RETURN_VALUE, 0);
        u.nlocals = u.nlocals ? u.nlocals : 1;
    } else if (s->is_comprehension) {
        flags = CO_NEWLOCALS | CO_COMPREHENSION;
        emit(&u, owner->kind == N_DICTCOMP ? OPC_BUILD_MAP : owner->kind == N_SETCOMP ? OPC_BUILD_SET
                                                                                    : OPC_BUILD_LIST, 0);
        compile_comp_clause(&u, owner, 0, 0);
        emit(&u, OPC_RETURN_VALUE, 0);
        u.nlocals = u.nlocals ? u.nlocals : 1;
    } else if (owner->kind == N_LAMBDA) {
        flags = CO_NEWLOCALS;
        compile_expr(&u, owner->a);
        emit(&u, OPC_RETURN_VALUE, 0);
    } else {
        flags = CO_NEWLOCALS;
        node *doc = docstring_of(&owner->body);
        if (doc)
            u.doc = (int32_t)add_const(&u, rc_str_new(c->I->heap, doc->s, doc->slen));
        compile_stmts(&u, &owner->body);
        emit_const(&u, rc_none());
        emit(&u, OPC_RETURN_VALUE, 0);
    }
    if (s->is_generator)
        flags |= CO_GENERATOR;
    lx_code *co = assemble(&u, name ? name : "<module>", s->qualname, owner ? owner->line : 1, flags,
                           s->is_comprehension ? NULL : ps);
    if (co && s->is_comprehension)
        co->argcount = 1;
    unit_free(&u);
    return co;
}

/* ---- entry ---------------------------------------------------------------------------------------- */

/* `from __future__ import annotations` among the module's first statements
 * (after its docstring). */
static int future_annotations(node_list *body)
{
    for (int i = 0; i < body->n; i++) {
        node *st = body->v[i];
        if (i == 0 && docstring_of(body))
            continue;
        if (st->kind != N_IMPORTFROM || strcmp(st->s, "__future__") != 0)
            return 0;
        for (int k = 0; k < st->items.n; k++)
            if (st->items.v[k]->s && strcmp(st->items.v[k]->s, "annotations") == 0)
                return 1;
    }
    return 0;
}

static void raise_parse_error(lx_interp *I, lx_parse_error *err, const char *filename,
                              const char *src, size_t len)
{
    if (err->kind == 2) {
        lx_raise(I, LX_MemoryError, "out of memory while parsing");
        return;
    }
    /* SyntaxError(msg, (filename, line, col, text)) */
    rc_heap *h = I->heap;
    const char *line_start = src, *p = src, *end = src + len;
    for (int l = 1; l < err->line && p < end; p++)
        if (*p == '\n') {
            l++;
            line_start = p + 1;
        }
    const char *line_end = line_start;
    while (line_end < end && *line_end != '\n')
        line_end++;
    if (err->line <= 0)
        line_start = line_end = src;
    rc_object *msg = rc_str_from(h, err->msg);
    rc_object *details = rc_tuple_new(h, 4);
    rc_object *fn = rc_str_from(h, filename);
    rc_object *ln = rc_int_new(h, err->line);
    rc_object *col = rc_int_new(h, err->col);
    rc_object *text = rc_str_new(h, line_start, (size_t)(line_end - line_start));
    if (!text)
        text = rc_str_from(h, "");
    rc_object *args = rc_tuple_new(h, 2);
    if (!msg || !details || !fn || !ln || !col || !text || !args) {
        rc_xdecref(msg), rc_xdecref(details), rc_xdecref(fn), rc_xdecref(ln);
        rc_xdecref(col), rc_xdecref(text), rc_xdecref(args);
        lx_raise(I, LX_MemoryError, "out of memory");
        return;
    }
    rc_tuple_set(details, 0, fn);
    rc_tuple_set(details, 1, ln);
    rc_tuple_set(details, 2, col);
    rc_tuple_set(details, 3, text);
    rc_tuple_set(args, 0, msg);
    rc_tuple_set(args, 1, details);
    rc_decref(fn), rc_decref(ln), rc_decref(col), rc_decref(text), rc_decref(msg), rc_decref(details);
    rc_object *exc = lx_exc_new(I, I->exc_class[err->kind == 1 ? LX_IndentationError : LX_SyntaxError], args);
    rc_decref(args);
    if (exc) {
        lx_raise_obj(I, exc);
        rc_decref(exc);
    }
}

lx_code *lx_compile(lx_interp *I, const char *src, size_t len, const char *filename, int mode)
{
    lx_arena arena;
    lx_arena_init(&arena);
    lx_parse_error err;
    node *m = lx_parse(&arena, src, len, mode == 3 ? 0 : mode, &err);
    if (!m) {
        raise_parse_error(I, &err, filename, src, len);
        lx_arena_free(&arena);
        return NULL;
    }
    jmp_buf fail;
    compiler c = {.I = I, .arena = &arena, .err = &err, .fail = &fail, .filename = filename, .mode = mode};
    lx_code *co = NULL;
    c.filename_obj = rc_str_from(I->heap, filename);
    c.str_consts = rc_dict_new(I->heap);
    if (!c.filename_obj || !c.str_consts) {
        lx_raise_heap_error(I);
        goto done;
    }
    if (setjmp(fail)) {
        raise_parse_error(I, &err, filename, src, len);
        goto done;
    }
    c.future_annotations = future_annotations(&m->body);
    scope *top = scope_new(&c, NULL, SC_MODULE, m, "<module>");
    visit_stmts(&c, top, &m->body);
    resolve_scope(&c, top);
    resolve_all(&c, top);
    co = compile_unit(&c, top, m);
    if (c.failed && co) {
        rc_decref(co);
        co = NULL;
    }
    if (!co && !lx_exc_occurred(I))
        lx_raise(I, LX_SyntaxError, "invalid syntax");
done:
    rc_xdecref(c.filename_obj);
    rc_xdecref(c.str_consts);
    lx_arena_free(&arena);
    return co;
}

/* ---- the code type ------------------------------------------------------------------------------- */

static void code_destroy(rc_object *self)
{
    lx_code *co = (lx_code *)self;
    for (uint32_t i = 0; i < co->nconsts; i++)
        rc_decref(co->consts[i]);
    for (uint32_t i = 0; i < co->nnames; i++)
        rc_decref(co->names[i]);
    if (co->localnames)
        for (uint32_t i = 0; i < co->nlocals + co->ncells + co->nfree; i++)
            rc_xdecref(co->localnames[i]);
    free(co->consts);
    free(co->names);
    free(co->localnames);
    free(co->cell2arg);
    free(co->caches);
    free(co->ins);
    free(co->lines);
    rc_xdecref(co->name);
    rc_xdecref(co->qualname);
    rc_xdecref(co->filename);
}

const rc_type lx_code_type = {
    .name = "code",
    .size = sizeof(lx_code),
    .destroy = code_destroy,
};

static const char *const opcode_names[] = {
#define X(n) #n,
    LX_OPCODES(X)
#undef X
};

const char *lx_opcode_name(int op)
{
    return op >= 0 && op < OPC_COUNT ? opcode_names[op] : "?";
}
