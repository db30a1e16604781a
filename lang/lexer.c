/*
 * lang/lexer.c — source text to tokens, and the front end's arena.
 *
 * The whole source is tokenized up front into an arena array, which gives the
 * parser unlimited lookahead for free.  Python's layout rules are applied
 * here:
 *   - a logical line ends with NEWLINE; blank and comment-only lines produce
 *     nothing;
 *   - inside (), [] and {} newlines are ignored (implicit line joining), and
 *     a backslash before a newline joins lines anywhere;
 *   - at the start of each logical line the indentation (tabs to the next
 *     multiple of 8) is compared with a stack of open levels: deeper pushes
 *     one INDENT, shallower pops DEDENTs down to a level that must exist;
 *   - at the end, a NEWLINE closes an unfinished line and every open level
 *     gets its DEDENT, then EOF.
 * String literals are decoded here (escapes, raw, bytes, triple quotes);
 * f-strings keep their raw body, which the parser splits into fields.
 *
 * Invariants: indent stack strictly increasing from 0; bracket depth >= 0
 * and bounded by LX_MAX_NESTING; every token's text lies inside the source.
 */
#include "ast.h"
#include "methods_util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the arena ------------------------------------------------------------- */

struct lx_arena_chunk {
    lx_arena_chunk *next;
    size_t size;
    _Alignas(16) char data[];
};

void lx_arena_init(lx_arena *a)
{
    memset(a, 0, sizeof *a);
}

void lx_arena_free(lx_arena *a)
{
    while (a->chunks) {
        lx_arena_chunk *c = a->chunks;
        a->chunks = c->next;
        free(c);
    }
    a->cur = a->end = NULL;
}

static void *arena_alloc(lx_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if ((size_t)(a->end - a->cur) < n || !a->cur) {
        size_t size = n > 32768 ? n : 32768;
        lx_arena_chunk *c = malloc(sizeof *c + size);
        if (!c) {
            a->failed = 1;
            return NULL;
        }
        c->next = a->chunks;
        c->size = size;
        a->chunks = c;
        a->cur = c->data;
        a->end = c->data + size;
    }
    void *p = a->cur;
    a->cur += n;
    memset(p, 0, n);
    return p;
}

void lx_syntax_error(lx_parse_error *err, jmp_buf *fail, int kind, int line, int col,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->kind = kind;
    err->line = line;
    err->col = col;
    longjmp(*fail, 1);
}

void *lx_arena_alloc_or_fail(lx_arena *a, size_t n, lx_parse_error *err, jmp_buf *fail)
{
    void *p = arena_alloc(a, n);
    if (!p)
        lx_syntax_error(err, fail, 2, 0, 0, "out of memory");
    return p;
}

/* ---- names of things --------------------------------------------------------- */

static const char *const keywords[KW_COUNT] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
};

const char *lx_keyword_name(int kw)
{
    return kw >= 0 && kw < KW_COUNT ? keywords[kw] : "?";
}

static const char *const op_texts[OP_COUNT] = {
    [OP_LPAR] = "(", [OP_RPAR] = ")", [OP_LSQB] = "[", [OP_RSQB] = "]", [OP_LBRACE] = "{",
    [OP_RBRACE] = "}", [OP_COMMA] = ",", [OP_COLON] = ":", [OP_DOT] = ".", [OP_SEMI] = ";",
    [OP_AT] = "@", [OP_ASSIGN] = "=", [OP_ARROW] = "->", [OP_WALRUS] = ":=",
    [OP_ELLIPSIS] = "...", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/",
    [OP_FLOORDIV] = "//", [OP_MOD] = "%", [OP_POW] = "**", [OP_LSHIFT] = "<<",
    [OP_RSHIFT] = ">>", [OP_BITAND] = "&", [OP_BITOR] = "|", [OP_BITXOR] = "^",
    [OP_MATMUL] = "@", [OP_IADD] = "+=", [OP_ISUB] = "-=", [OP_IMUL] = "*=",
    [OP_IDIV] = "/=", [OP_IFLOORDIV] = "//=", [OP_IMOD] = "%=", [OP_IPOW] = "**=",
    [OP_ILSHIFT] = "<<=", [OP_IRSHIFT] = ">>=", [OP_IBITAND] = "&=", [OP_IBITOR] = "|=",
    [OP_IBITXOR] = "^=", [OP_IMATMUL] = "@=", [OP_INVERT] = "~", [OP_LT] = "<",
    [OP_GT] = ">", [OP_LE] = "<=", [OP_GE] = ">=", [OP_EQ] = "==", [OP_NE] = "!=",
};

const char *lx_op_text(int op)
{
    return op >= 0 && op < OP_COUNT && op_texts[op] ? op_texts[op] : "?";
}

/* ---- scanning state ------------------------------------------------------------ */

typedef struct scan {
    lx_lexer *lx;
    const char *p, *line_start;
    int line;
    int depth;                  /* open brackets */
    char brackets[LX_MAX_NESTING];
    int bracket_lines[LX_MAX_NESTING];
    int bracket_cols[LX_MAX_NESTING];     /* 1-based, as token columns */
    int indents[LX_MAX_NESTING + 1];
    int nindents;
    int at_line_start;
} scan;

#define FAIL(sc, kind, ...) \
    lx_syntax_error((sc)->lx->err, (sc)->lx->fail, kind, (sc)->line + (sc)->lx->line_offset, \
                    (int)((sc)->p - (sc)->line_start) + 1, __VA_ARGS__)

static token *push_token(scan *sc, int kind, const char *start, size_t len)
{
    lx_lexer *lx = sc->lx;
    if (lx->ntoks == lx->cap) {
        size_t cap = lx->cap ? lx->cap * 2 : 256;
        token *t = lx_arena_alloc_or_fail(lx->arena, cap * sizeof *t, lx->err, lx->fail);
        if (lx->ntoks)
            memcpy(t, lx->toks, lx->ntoks * sizeof *t);
        lx->toks = t;
        lx->cap = cap;
    }
    token *t = &lx->toks[lx->ntoks++];
    memset(t, 0, sizeof *t);
    t->kind = (uint8_t)kind;
    t->line = sc->line + lx->line_offset;
    t->col = (int)(start - sc->line_start) + 1;
    t->start = start;
    t->len = len;
    return t;
}

static char *arena_strndup(lx_lexer *lx, const char *s, size_t n)
{
    char *d = lx_arena_alloc_or_fail(lx->arena, n + 1, lx->err, lx->fail);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* ---- indentation ------------------------------------------------------------------ */

/* At the start of a line: measure indentation, skip blank/comment lines,
 * emit INDENT/DEDENT.  Returns 0 at end of input. */
static int start_line(scan *sc)
{
    for (;;) {
        int col = 0;
        const char *p = sc->p;
        while (p < sc->lx->end && (*p == ' ' || *p == '\t' || *p == '\f')) {
            if (*p == ' ')
                col++;
            else if (*p == '\t')
                col = (col / 8 + 1) * 8;
            else
                col = 0;
            p++;
        }
        sc->p = p;
        if (p >= sc->lx->end)
            return 0;
        if (*p == '#') {
            while (p < sc->lx->end && *p != '\n')
                p++;
        }
        if (p < sc->lx->end && (*p == '\n' || *p == '\r')) {
            if (*p == '\r' && p + 1 < sc->lx->end && p[1] == '\n')
                p++;
            sc->p = p + 1;
            sc->line++;
            sc->line_start = sc->p;
            continue;
        }
        if (p >= sc->lx->end)
            return 0;
        if (*p == '\\' && p + 1 < sc->lx->end && p[1] == '\n') {
            /* a line that starts with a continuation: indentation is what we saw */
        }
        int top = sc->indents[sc->nindents - 1];
        if (col > top) {
            if (sc->nindents > LX_MAX_NESTING)
                FAIL(sc, 1, "too many levels of indentation");
            sc->indents[sc->nindents++] = col;
            push_token(sc, T_INDENT, p, 0);
        } else {
            while (col < sc->indents[sc->nindents - 1]) {
                sc->nindents--;
                push_token(sc, T_DEDENT, p, 0);
            }
            if (col != sc->indents[sc->nindents - 1])
                FAIL(sc, 1, "unindent does not match any outer indentation level");
        }
        return 1;
    }
}

/* ---- numbers --------------------------------------------------------------------- */

static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* Digits in base `base` with single underscores between them. */
static const char *scan_digits(scan *sc, const char *p, int base, int need_one)
{
    const char *e = sc->lx->end;
    int any = 0;
    while (p < e) {
        if (*p == '_') {
            if (!any || p + 1 >= e || digit_value((unsigned char)p[1]) >= base)
                FAIL(sc, 0, "invalid decimal literal");
            p++;
            continue;
        }
        if (digit_value((unsigned char)*p) >= base)
            break;
        any = 1;
        p++;
    }
    if (need_one && !any)
        FAIL(sc, 0, "invalid %s literal", base == 16 ? "hexadecimal" : base == 8 ? "octal" : base == 2 ? "binary" : "decimal");
    return p;
}

static void scan_number(scan *sc)
{
    const char *start = sc->p, *p = start, *e = sc->lx->end;
    int base = 10;
    if (*p == '0' && p + 1 < e && strchr("xXoObB", p[1])) {
        base = (p[1] == 'x' || p[1] == 'X') ? 16 : (p[1] == 'o' || p[1] == 'O') ? 8 : 2;
        p += 2;
        if (p < e && *p == '_')
            p++;
        p = scan_digits(sc, p, base, 1);
    } else {
        p = scan_digits(sc, p, 10, 0);
        int is_float = 0;
        if (p < e && *p == '.') {
            is_float = 1;
            p = scan_digits(sc, p + 1, 10, 0);
        }
        if (p < e && (*p == 'e' || *p == 'E')) {
            const char *q = p + 1;
            if (q < e && (*q == '+' || *q == '-'))
                q++;
            if (q < e && isdigit((unsigned char)*q)) {
                is_float = 1;
                p = scan_digits(sc, q, 10, 1);
            }
        }
        int imag = p < e && (*p == 'j' || *p == 'J');
        if (is_float || imag) {
            char buf[128];
            size_t n = 0;
            for (const char *q = start; q < p && n < sizeof buf - 1; q++)
                if (*q != '_')
                    buf[n++] = *q;
            buf[n] = 0;
            token *t = push_token(sc, T_FLOAT, start, (size_t)(p - start) + (size_t)imag);
            t->fval = strtod(buf, NULL);
            t->imag = imag;
            sc->p = p + imag;
            return;
        }
        /* decimal int: no leading zeros unless all zeros */
        if (*start == '0') {
            for (const char *q = start; q < p; q++)
                if (*q != '0' && *q != '_')
                    FAIL(sc, 0, "leading zeros in decimal integer literals are not permitted; "
                                "use an 0o prefix for octal integers");
        }
    }
    if (p < e && (isalnum((unsigned char)*p) || *p == '_'))
        FAIL(sc, 0, "invalid %s literal", base == 10 ? "decimal" : base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
    token *t = push_token(sc, T_INT, start, (size_t)(p - start));
    uint64_t v = 0;
    const char *q = start + (base == 10 ? 0 : 2);
    for (; q < p; q++) {
        if (*q == '_')
            continue;
        int d = digit_value((unsigned char)*q);
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) {
            t->int_overflow = 1;
            break;
        }
        v = v * (uint64_t)base + (uint64_t)d;
    }
    if (v > (uint64_t)INT64_MAX)
        t->int_overflow = 1;
    t->ival = (int64_t)v;
    sc->p = p;
}

/* ---- strings ------------------------------------------------------------------------ */

/* "\\N{NAME}" in a str literal, s[at] being the N: the code point of
 * NAME (lang/uninames.c) in *cp, and the index of the closing brace; a
 * SyntaxError worded as CPython's, with the escape's byte positions, for a
 * malformed escape or an unknown name. */
static size_t named_escape(lx_lexer *lx, const char *s, size_t n, size_t at, int line, uint32_t *cp)
{
    size_t start = at - 1, close = at + 2;
    while (close < n && s[close] != '}')
        close++;
    const char *problem = NULL;
    size_t end = close;
    if (at + 1 >= n || s[at + 1] != '{') {
        problem = "malformed \\N character escape";
        end = at;
    } else if (close >= n || close == at + 2) {
        problem = "malformed \\N character escape";
        end = close >= n ? n - 1 : close - 1;
    } else if (!lx_unicode_lookup(s + at + 2, close - at - 2, cp)) {
        problem = "unknown Unicode character name";
    }
    *cp = problem ? 0 : *cp;
    if (problem)
        lx_syntax_error(lx->err, lx->fail, 0, line, 0,
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s", start,
                        end, problem);
    return problem ? at : close;
}

static int hex_run(const char *s, size_t n, size_t at, int count, uint32_t *out)
{
    uint32_t v = 0;
    if (at + (size_t)count > n)
        return 0;
    for (int i = 0; i < count; i++) {
        int d = digit_value((unsigned char)s[at + (size_t)i]);
        if (d >= 16)
            return 0;
        v = v * 16 + (uint32_t)d;
    }
    *out = v;
    return 1;
}

char *lx_decode_string(lx_lexer *lx, const char *s, size_t n, int flags, int line, size_t *out_len)
{
    char *d = lx_arena_alloc_or_fail(lx->arena, n * 4 + 1, lx->err, lx->fail);
    size_t o = 0;
    int bytes = flags & STR_BYTES;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
            continue;                   /* CRLF in a triple-quoted string is a newline */
        if (bytes && c >= 0x80)
            lx_syntax_error(lx->err, lx->fail, 0, line, 0, "bytes can only contain ASCII literal characters");
        if (c != '\\' || (flags & STR_RAW)) {
            d[o++] = (char)c;
            continue;
        }
        if (++i >= n) {
            d[o++] = '\\';
            break;
        }
        c = (unsigned char)s[i];
        uint32_t v;
        switch (c) {
        case '\n': break;
        case '\\': d[o++] = '\\'; break;
        case '\'': d[o++] = '\''; break;
        case '"': d[o++] = '"'; break;
        case 'a': d[o++] = '\a'; break;
        case 'b': d[o++] = '\b'; break;
        case 'f': d[o++] = '\f'; break;
        case 'n': d[o++] = '\n'; break;
        case 'r': d[o++] = '\r'; break;
        case 't': d[o++] = '\t'; break;
        case 'v': d[o++] = '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
            v = 0;
            for (int k = 0; k < 3 && i < n && s[i] >= '0' && s[i] <= '7'; k++, i++)
                v = v * 8 + (uint32_t)(s[i] - '0');
            i--;
            if (bytes)
                d[o++] = (char)(v & 0xFF);
            else
                o += lx_utf8_encode(v, d + o);
            break;
        case 'x':
            if (!hex_run(s, n, i + 1, 2, &v))
                lx_syntax_error(lx->err, lx->fail, 0, line, 0,
                                "(%s error) truncated \\xXX escape", bytes ? "value" : "unicode");
            i += 2;
            if (bytes)
                d[o++] = (char)v;
            else
                o += lx_utf8_encode(v, d + o);
            break;
        case 'u':
        case 'U':
            if (bytes) {
                d[o++] = '\\';
                d[o++] = (char)c;
                break;
            }
            if (!hex_run(s, n, i + 1, c == 'u' ? 4 : 8, &v) || v > 0x10FFFF ||
                (v >= 0xD800 && v < 0xE000))
                lx_syntax_error(lx->err, lx->fail, 0, line, 0,
                                "(unicode error) 'unicodeescape' codec can't decode bytes: "
                                "truncated \\%cXXXX escape", c);
            i += c == 'u' ? 4 : 8;
            o += lx_utf8_encode(v, d + o);
            break;
        case 'N':
            if (bytes) {
                d[o++] = '\\';
                d[o++] = (char)c;
                break;
            }
            i = named_escape(lx, s, n, i, line, &v);
            o += lx_utf8_encode(v, d + o);
            break;
        default:
            d[o++] = '\\';
            d[o++] = (char)c;
        }
    }
    d[o] = 0;
    *out_len = o;
    return d;
}

/* A string literal starting at the quote q, with the prefix flags. */
static void scan_string(scan *sc, const char *prefix_start, const char *q, int flags)
{
    const char *e = sc->lx->end;
    char quote = *q;
    int triple = q + 2 < e && q[1] == quote && q[2] == quote;
    const char *body = q + (triple ? 3 : 1), *p = body;
    int start_line_no = sc->line;
    for (;;) {
        if (p >= e) {
            if (triple)
                FAIL(sc, 0, "unterminated triple-quoted string literal (detected at line %d)",
                     sc->line + sc->lx->line_offset);
            FAIL(sc, 0, "unterminated string literal (detected at line %d)", sc->line + sc->lx->line_offset);
        }
        char c = *p;
        if (c == '\\' && p + 1 < e) {
            if (p[1] == '\n') {
                sc->line++;
                sc->line_start = p + 2;
            }
            p += 2;
            continue;
        }
        if (c == '\n') {
            if (!triple) {
                sc->p = p;
                FAIL(sc, 0, "unterminated string literal (detected at line %d)", sc->line + sc->lx->line_offset);
            }
            sc->line++;
            sc->line_start = p + 1;
        }
        if (c == quote && (!triple || (p + 2 < e && p[1] == quote && p[2] == quote)))
            break;
        p++;
    }
    size_t blen = (size_t)(p - body);
    const char *end = p + (triple ? 3 : 1);
    int line_now = sc->line;
    sc->line = start_line_no;
    token *t = push_token(sc, T_STR, prefix_start, (size_t)(end - prefix_start));
    sc->line = line_now;
    t->sflags = (uint8_t)flags;
    if (flags & STR_FSTRING) {
        t->s = arena_strndup(sc->lx, body, blen);
        t->slen = blen;
    } else {
        t->s = lx_decode_string(sc->lx, body, blen, flags, t->line, &t->slen);
    }
    sc->p = end;
}

/* If p starts a string prefix followed by a quote, the flags (else -1). */
static int string_prefix(const char *p, const char *e, const char **quote)
{
    int flags = 0;
    for (int i = 0; i < 3 && p + i < e; i++) {
        char c = (char)tolower((unsigned char)p[i]);
        if (p[i] == '\'' || p[i] == '"') {
            if ((flags & STR_BYTES) && (flags & STR_FSTRING))
                return -1;
            *quote = p + i;
            return flags;
        }
        if (c == 'r' && !(flags & STR_RAW))
            flags |= STR_RAW;
        else if (c == 'b' && !(flags & (STR_BYTES | STR_FSTRING)))
            flags |= STR_BYTES;
        else if (c == 'f' && !(flags & (STR_BYTES | STR_FSTRING)))
            flags |= STR_FSTRING;
        else if (c == 'u' && i == 0)
            flags |= 0x80;              /* u'' : allowed alone only */
        else
            return -1;
        if ((flags & 0x80) && (flags & ~0x80))
            return -1;
    }
    return -1;
}

/* ---- operators ------------------------------------------------------------------------ */

static int scan_operator(const char *p, const char *e, int *len)
{
    static const struct { const char *text; int op; } ops[] = {
        {"**=", OP_IPOW}, {"//=", OP_IFLOORDIV}, {">>=", OP_IRSHIFT}, {"<<=", OP_ILSHIFT},
        {"...", OP_ELLIPSIS}, {"->", OP_ARROW}, {":=", OP_WALRUS},
        {"+=", OP_IADD}, {"-=", OP_ISUB}, {"*=", OP_IMUL}, {"/=", OP_IDIV}, {"%=", OP_IMOD},
        {"&=", OP_IBITAND}, {"|=", OP_IBITOR}, {"^=", OP_IBITXOR}, {"@=", OP_IMATMUL},
        {"**", OP_POW}, {"//", OP_FLOORDIV}, {"<<", OP_LSHIFT}, {">>", OP_RSHIFT},
        {"<=", OP_LE}, {">=", OP_GE}, {"==", OP_EQ}, {"!=", OP_NE},
        {"(", OP_LPAR}, {")", OP_RPAR}, {"[", OP_LSQB}, {"]", OP_RSQB}, {"{", OP_LBRACE},
        {"}", OP_RBRACE}, {",", OP_COMMA}, {":", OP_COLON}, {".", OP_DOT}, {";", OP_SEMI},
        {"@", OP_AT}, {"=", OP_ASSIGN}, {"+", OP_ADD}, {"-", OP_SUB}, {"*", OP_MUL},
        {"/", OP_DIV}, {"%", OP_MOD}, {"&", OP_BITAND}, {"|", OP_BITOR}, {"^", OP_BITXOR},
        {"~", OP_INVERT}, {"<", OP_LT}, {">", OP_GT},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i].text);
        if ((size_t)(e - p) >= n && memcmp(p, ops[i].text, n) == 0) {
            *len = (int)n;
            return ops[i].op;
        }
    }
    return -1;
}

static void open_bracket(scan *sc, char c)
{
    if (sc->depth >= LX_MAX_NESTING)
        FAIL(sc, 0, "too many nested parentheses");
    sc->brackets[sc->depth] = c;
    sc->bracket_lines[sc->depth] = sc->line;
    sc->bracket_cols[sc->depth] = (int)(sc->p - sc->line_start) + 1;
    sc->depth++;
}

static void close_bracket(scan *sc, char c)
{
    char want = c == ')' ? '(' : c == ']' ? '[' : '{';
    if (sc->depth == 0)
        FAIL(sc, 0, "unmatched '%c'", c);
    char open = sc->brackets[sc->depth - 1];
    if (open != want) {
        if (sc->bracket_lines[sc->depth - 1] != sc->line)
            FAIL(sc, 0, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                 c, open, sc->bracket_lines[sc->depth - 1] + sc->lx->line_offset);
        FAIL(sc, 0, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
    }
    sc->depth--;
}

/* ---- the main loop --------------------------------------------------------------------- */

static int is_name_start(unsigned char c)
{
    return isalpha(c) || c == '_' || c >= 0x80;
}

static int is_name_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

static void scan_name(scan *sc)
{
    const char *start = sc->p, *p = start;
    while (p < sc->lx->end && is_name_char((unsigned char)*p))
        p++;
    size_t n = (size_t)(p - start);
    sc->p = p;
    for (int k = 0; k < KW_COUNT; k++) {
        if (strlen(keywords[k]) == n && memcmp(keywords[k], start, n) == 0) {
            token *t = push_token(sc, T_KW, start, n);
            t->op = (int16_t)k;
            return;
        }
    }
    token *t = push_token(sc, T_NAME, start, n);
    t->s = arena_strndup(sc->lx, start, n);
    t->slen = n;
}

/* One token (or a newline) at sc->p; returns 0 at end of input. */
static int scan_one(scan *sc)
{
    const char *e = sc->lx->end;
    while (sc->p < e && (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\f'))
        sc->p++;
    if (sc->p >= e)
        return 0;
    const char *p = sc->p;
    unsigned char c = (unsigned char)*p;
    if (c == '#') {
        while (sc->p < e && *sc->p != '\n')
            sc->p++;
        return 1;
    }
    if (c == '\\') {
        const char *q = p + 1;
        if (q < e && *q == '\r')
            q++;
        if (q < e && *q == '\n') {
            sc->p = q + 1;
            sc->line++;
            sc->line_start = sc->p;
            return 1;
        }
        if (q >= e)
            FAIL(sc, 0, "unexpected EOF while parsing");
        FAIL(sc, 0, "unexpected character after line continuation character");
    }
    if (c == '\n' || c == '\r') {
        if (c == '\r' && p + 1 < e && p[1] == '\n')
            p++;
        if (sc->depth == 0 && !sc->at_line_start)
            push_token(sc, T_NEWLINE, sc->p, 0);
        sc->p = p + 1;
        sc->line++;
        sc->line_start = sc->p;
        if (sc->depth == 0)
            sc->at_line_start = 1;
        return 1;
    }
    const char *quote;
    int flags = string_prefix(p, e, &quote);
    if (flags >= 0) {
        scan_string(sc, p, quote, flags & 0x7F);
        return 1;
    }
    if (isdigit(c) || (c == '.' && p + 1 < e && isdigit((unsigned char)p[1]))) {
        scan_number(sc);
        return 1;
    }
    if (is_name_start(c)) {
        scan_name(sc);
        return 1;
    }
    int len, op = scan_operator(p, e, &len);
    if (op < 0) {
        if (c == '!')
            FAIL(sc, 0, "invalid syntax");
        if (c == '$' || c == '?' || c == '`')
            FAIL(sc, 0, "invalid syntax");
        FAIL(sc, 0, "invalid character '%c' (U+%04X)", c, c);
    }
    if (op == OP_LPAR || op == OP_LSQB || op == OP_LBRACE)
        open_bracket(sc, *p);
    else if (op == OP_RPAR || op == OP_RSQB || op == OP_RBRACE)
        close_bracket(sc, *p);
    token *t = push_token(sc, T_OP, p, (size_t)len);
    t->op = (int16_t)op;
    sc->p = p + len;
    return 1;
}

void lx_tokenize(lx_lexer *lx, const char *src, size_t len)
{
    scan sc;
    memset(&sc, 0, sizeof sc);
    sc.lx = lx;
    lx->src = src;
    lx->end = src + len;
    sc.p = src;
    sc.line_start = src;
    sc.line = 1;
    sc.nindents = 1;
    sc.at_line_start = 1;
    for (const char *q = src; q < lx->end; q++)
        if (*q == 0) {
            sc.p = q;
            FAIL(&sc, 0, "source code cannot contain null bytes");
        }
    for (;;) {
        if (sc.at_line_start && sc.depth == 0) {
            if (!start_line(&sc))
                break;
            sc.at_line_start = 0;
        }
        if (!scan_one(&sc))
            break;
    }
    if (sc.depth > 0) {
        lx_parse_error *e = &lx->unclosed_err;
        e->kind = 0;
        e->line = sc.bracket_lines[sc.depth - 1] + lx->line_offset;
        e->col = sc.bracket_cols[sc.depth - 1];
        snprintf(e->msg, sizeof e->msg, "'%c' was never closed", sc.brackets[sc.depth - 1]);
        lx->unclosed = 1;
        push_token(&sc, T_EOF, sc.p, 0);
        return;
    }
    if (lx->ntoks && lx->toks[lx->ntoks - 1].kind != T_NEWLINE &&
        lx->toks[lx->ntoks - 1].kind != T_DEDENT && lx->toks[lx->ntoks - 1].kind != T_INDENT)
        push_token(&sc, T_NEWLINE, sc.p, 0);
    while (sc.nindents > 1) {
        sc.nindents--;
        push_token(&sc, T_DEDENT, sc.p, 0);
    }
    push_token(&sc, T_EOF, sc.p, 0);
}
