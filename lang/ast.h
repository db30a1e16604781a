/*
 * lang/ast.h — tokens, the syntax tree, and the arena both live in.
 *
 * The front end runs in three steps, each consuming the previous one's output
 * whole: lexer.c turns the source into a token array, parser.c turns tokens
 * into a tree of `node`s, compile.c turns the tree into code objects.  Tokens
 * and nodes are allocated from one arena (lx_arena) that is freed in one go
 * after compilation, so the front end never frees a node by itself and an
 * error anywhere simply drops the arena.
 *
 * Errors: the lexer and the parser report a syntax error by filling
 * lx_parse_error and longjmp-ing to the parse entry point (lx_parse), which
 * holds the only jmp_buf.  No rc_object is created before compilation, so the
 * jump leaks nothing as long as every allocation comes from the arena.
 *
 * Invariants:
 *   - every token and node is arena memory; strings in them are arena
 *     memory, NUL-terminated, with an explicit length (they may hold NULs);
 *   - node lists (node_list) are arena arrays of n non-NULL nodes, except
 *     where the node kind documents NULL entries (dict keys for `**`);
 *   - nesting is bounded: the parser refuses more than LX_MAX_NESTING levels
 *     of nested constructs, so every recursive walk over the tree is bounded.
 */
#ifndef RECLAIM_LANG_AST_H
#define RECLAIM_LANG_AST_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#define LX_MAX_NESTING 200

/* ---- the arena ------------------------------------------------------------ */

typedef struct lx_arena_chunk lx_arena_chunk;
typedef struct lx_arena {
    lx_arena_chunk *chunks;     /* chunk list, newest first */
    char *cur, *end;            /* free space in the newest chunk */
    int failed;                 /* set when malloc failed (the caller reports MemoryError) */
} lx_arena;

void  lx_arena_init(lx_arena *a);
void  lx_arena_free(lx_arena *a);

/* ---- errors ----------------------------------------------------------------- */

typedef struct lx_parse_error {
    int kind;                   /* 0 SyntaxError, 1 IndentationError, 2 MemoryError */
    int line, col;              /* 1-based line; 1-based column, 0 if unknown */
    char msg[160];
} lx_parse_error;

/* ---- tokens ------------------------------------------------------------------ */

typedef enum tok_kind {
    T_EOF, T_NEWLINE, T_INDENT, T_DEDENT, T_NAME, T_INT, T_FLOAT, T_STR, T_OP, T_KW
} tok_kind;

/* operators and delimiters (T_OP) */
enum {
    OP_LPAR, OP_RPAR, OP_LSQB, OP_RSQB, OP_LBRACE, OP_RBRACE, OP_COMMA, OP_COLON,
    OP_DOT, OP_SEMI, OP_AT, OP_ASSIGN, OP_ARROW, OP_WALRUS, OP_ELLIPSIS,
    /* binary operators; OP_X + OP_AUG_DELTA is the augmented form X= */
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW, OP_LSHIFT,
    OP_RSHIFT, OP_BITAND, OP_BITOR, OP_BITXOR, OP_MATMUL,
    OP_IADD, OP_ISUB, OP_IMUL, OP_IDIV, OP_IFLOORDIV, OP_IMOD, OP_IPOW, OP_ILSHIFT,
    OP_IRSHIFT, OP_IBITAND, OP_IBITOR, OP_IBITXOR, OP_IMATMUL,
    OP_INVERT, OP_LT, OP_GT, OP_LE, OP_GE, OP_EQ, OP_NE,
    OP_COUNT
};
#define OP_AUG_DELTA (OP_IADD - OP_ADD)

/* keywords (T_KW) */
enum {
    KW_FALSE, KW_NONE, KW_TRUE, KW_AND, KW_AS, KW_ASSERT, KW_ASYNC, KW_AWAIT,
    KW_BREAK, KW_CLASS, KW_CONTINUE, KW_DEF, KW_DEL, KW_ELIF, KW_ELSE, KW_EXCEPT,
    KW_FINALLY, KW_FOR, KW_FROM, KW_GLOBAL, KW_IF, KW_IMPORT, KW_IN, KW_IS,
    KW_LAMBDA, KW_NONLOCAL, KW_NOT, KW_OR, KW_PASS, KW_RAISE, KW_RETURN, KW_TRY,
    KW_WHILE, KW_WITH, KW_YIELD, KW_COUNT
};

typedef struct token {
    uint8_t kind;               /* tok_kind */
    uint8_t sflags;             /* T_STR: STR_BYTES | STR_FSTRING | STR_RAW */
    int16_t op;                 /* T_OP: OP_*; T_KW: KW_* */
    int line, col;
    const char *start;          /* source text of the token */
    size_t len;
    /* decoded values */
    const char *s;              /* T_NAME: the name; T_STR: the decoded body (f-string: raw body) */
    size_t slen;
    int64_t ival;               /* T_INT */
    double fval;                /* T_FLOAT */
    int int_overflow;           /* T_INT: the literal does not fit in 64 bits */
    int imag;                   /* T_FLOAT/T_INT: trailing j (unsupported, reported by the parser) */
} token;

#define STR_BYTES   1
#define STR_FSTRING 2
#define STR_RAW     4

typedef struct lx_lexer {
    lx_arena *arena;
    lx_parse_error *err;
    jmp_buf *fail;
    const char *src, *end;
    int line_offset;            /* added to every line number (f-string fields) */
    token *toks;
    size_t ntoks, cap;
    /* an unclosed bracket is reported only if the parser, reading the
     * tokens before it, finds nothing wrong earlier (CPython's order) */
    int unclosed;
    lx_parse_error unclosed_err;
} lx_lexer;

/* Tokenize src[0..len) into lx->toks (ends with T_EOF).  Jumps to *lx->fail
 * on a syntax error. */
void lx_tokenize(lx_lexer *lx, const char *src, size_t len);
/* Decode the escapes of a string literal body; bytes: only ASCII and \x.
 * Returns the arena copy; *out_len its length.  Jumps on a bad escape. */
char *lx_decode_string(lx_lexer *lx, const char *s, size_t n, int flags, int line, size_t *out_len);
const char *lx_keyword_name(int kw);
const char *lx_op_text(int op);
/* A syntax error at line/col: fills *err and jumps. */
_Noreturn void lx_syntax_error(lx_parse_error *err, jmp_buf *fail, int kind, int line, int col,
                               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
void *lx_arena_alloc_or_fail(lx_arena *a, size_t n, lx_parse_error *err, jmp_buf *fail);

/* ---- the syntax tree ------------------------------------------------------------- */

typedef struct node node;
typedef struct node_list {
    node **v;
    int n;
} node_list;

typedef enum node_kind {
    /* expressions */
    N_NAME, N_INT, N_FLOAT, N_STR, N_BYTES, N_NONE, N_TRUE, N_FALSE, N_ELLIPSIS,
    N_FSTRING,      /* items: N_STR parts and N_FORMATTED fields */
    N_FORMATTED,    /* a: value; op: conversion char or 0; s: spec (may be NULL); b: spec as N_FSTRING or NULL */
    N_BINOP,        /* op: OP_ADD..; a, b */
    N_UNARY,        /* op: OP_SUB, OP_ADD, OP_INVERT, or KW_NOT; a */
    N_BOOLOP,       /* op: KW_AND/KW_OR; items */
    N_COMPARE,      /* a: left; items: comparators; ops: one CMP_* per comparator */
    N_CALL,         /* a: callee; items: args (N_KEYWORD, N_STARRED, N_DSTAR or expressions) */
    N_KEYWORD,      /* s: name; a: value */
    N_STARRED,      /* a */
    N_DSTAR,        /* a (only in calls and dict displays) */
    N_ATTR,         /* a: object; s: name */
    N_SUBSCRIPT,    /* a: object; b: index */
    N_SLICE,        /* a, b, c: lower, upper, step (each may be NULL) */
    N_LIST, N_TUPLE, N_SET,  /* items */
    N_DICT,         /* items: key, value pairs flattened; key NULL means **value */
    N_IFEXP,        /* a: test; b: body; c: orelse */
    N_LAMBDA,       /* params; a: body expression */
    N_LISTCOMP, N_SETCOMP, N_GENEXP,  /* a: element; items: N_COMPFOR clauses */
    N_DICTCOMP,     /* a: key; b: value; items: N_COMPFOR clauses */
    N_COMPFOR,      /* a: target; b: iterable; items: if-conditions */
    N_WALRUS,       /* a: N_NAME target; b: value */
    N_ANNOT,        /* an annotation: a: the expression; s, slen: its source text */
    N_YIELD,        /* a: value or NULL */
    N_YIELD_FROM,   /* a: iterable */
    /* statements */
    N_EXPR,         /* a */
    N_ASSIGN,       /* items: targets (left to right); a: value */
    N_AUGASSIGN,    /* op: OP_ADD..; a: target; b: value */
    N_ANNASSIGN,    /* a: target; b: value or NULL; c: the N_ANNOT */
    N_DEL,          /* a: target (a tuple for several) */
    N_PASS, N_BREAK, N_CONTINUE,
    N_RETURN,       /* a or NULL */
    N_IF,           /* a: test; body; orelse */
    N_WHILE,        /* a: test; body; orelse */
    N_FOR,          /* a: target; b: iterable; body; orelse */
    N_DEF,          /* s: name; params; body; items: decorators */
    N_CLASS,        /* s: name; items: bases and keywords; body; orelse: decorators */
    N_GLOBAL, N_NONLOCAL,  /* names: in items as N_NAME */
    N_IMPORT,       /* items: N_ALIAS */
    N_IMPORTFROM,   /* s: module; items: N_ALIAS (s "*" for star) */
    N_ALIAS,        /* s: dotted name; s2: asname or NULL */
    N_TRY,          /* body; items: N_HANDLER; orelse; final */
    N_HANDLER,      /* a: type or NULL; s: name or NULL; body */
    N_RAISE,        /* a: exception or NULL; b: cause or NULL */
    N_ASSERT,       /* a: test; b: message or NULL */
    N_WITH,         /* items: N_WITHITEM; body */
    N_WITHITEM,     /* a: context; b: target or NULL */
    N_MATCH,        /* a: subject; items: N_CASE */
    N_CASE,         /* a: pattern; b: guard or NULL; body */
    /* patterns (only under N_CASE) */
    N_PAT_VALUE,    /* a: literal or dotted name, compared with == */
    N_PAT_SINGLETON,/* a: N_NONE, N_TRUE or N_FALSE, compared with is */
    N_PAT_CAPTURE,  /* s: the name bound, or NULL for the wildcard _ */
    N_PAT_STAR,     /* s: the name bound to the rest (a list), or NULL for *_ */
    N_PAT_SEQ,      /* items: patterns, at most one N_PAT_STAR */
    N_PAT_MAPPING,  /* items: key (a literal or dotted name), pattern pairs flattened;
                       s: the **rest name or NULL */
    N_PAT_CLASS,    /* a: the class (N_NAME or N_ATTR); items: positional patterns;
                       orelse: N_KEYWORD (s: attribute, a: pattern) */
    N_PAT_AS,       /* a: pattern; s: name */
    N_PAT_OR,       /* items: alternatives */
    N_MODULE,       /* body */
    N_KIND_COUNT
} node_kind;

/* comparison operators of N_COMPARE */
enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE, CMP_IN, CMP_NOT_IN, CMP_IS, CMP_IS_NOT };

/* function parameters: positional (with defaults at the end), *name,
 * keyword-only (each with an optional default), **name */
typedef struct params {
    node_list args;             /* N_NAME; args.v[i]->a: default or NULL */
    int nposonly;               /* how many of args come before a "/" */
    int nposargs;               /* args[0..nposargs) are positional */
    const char *vararg;         /* *name or NULL */
    const char *kwarg;          /* **name or NULL */
    int star_bare;              /* a lone "*" */
    node_list annots;           /* N_KEYWORD: s: the parameter, a: its N_ANNOT */
    node *returns;              /* the N_ANNOT after '->', or NULL */
} params;

struct node {
    uint16_t kind;              /* node_kind */
    int16_t op;
    int line, col;
    node *a, *b, *c;
    node_list items;
    node_list body, orelse, final;
    const char *s, *s2;
    size_t slen;
    int64_t ival;
    double fval;
    uint8_t *ops;               /* N_COMPARE */
    params *params;             /* N_DEF, N_LAMBDA */
    int end_line;               /* last line of a def/class (for messages) */
    void *scope;                /* compile.c: the scope a def/class/lambda/comprehension opens */
};

/* Parse a module (mode 0), or one interactive statement (mode 1: the REPL,
 * where an expression statement echoes its value).  Returns the N_MODULE node
 * or NULL with *err filled. */
node *lx_parse(lx_arena *arena, const char *src, size_t len, int mode, lx_parse_error *err);

#endif /* RECLAIM_LANG_AST_H */
