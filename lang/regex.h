/*
 * lang/regex.h — the regular-expression engine under the `_re` module
 * (lang/regex_parse.c compiles, lang/regex_exec.c matches).
 *
 * A pattern (code points) is parsed into a tree, checked, and compiled into
 * a flat program of rx_inst; the matcher runs the program over a subject
 * of code points with an explicit, heap-allocated backtrack stack, so the C
 * stack depth never depends on the subject.  Semantics follow CPython 3.11's
 * re module (sre) for the subset it implements.
 *
 * Invariants: a program is immutable once compiled (one program may serve
 * many matches); positions are code-point indices into the subject; capture
 * slots hold -1 for "not set"; every register write during a match is
 * trailed on the backtrack stack so that backtracking restores it.
 */
#ifndef RECLAIM_LANG_REGEX_H
#define RECLAIM_LANG_REGEX_H

#include <stddef.h>
#include <stdint.h>

#include "reclaim.h"

/* The flag bits, with CPython's values. */
enum {
    RX_TEMPLATE = 1, RX_IGNORECASE = 2, RX_LOCALE = 4, RX_MULTILINE = 8, RX_DOTALL = 16,
    RX_UNICODE = 32, RX_VERBOSE = 64, RX_DEBUG = 128, RX_ASCII = 256,
};

/* Opcodes of the program. */
typedef enum rx_op {
    RX_CHAR,        /* c: the code point equals c */
    RX_CHAR_I,      /* c (folded): the code point folds to c */
    RX_ANY,         /* any code point but '\n' */
    RX_ANY_ALL,     /* any code point */
    RX_SET,         /* a: index of the set */
    RX_AT,          /* a: an rx_at kind (zero width) */
    RX_SPLIT,       /* try x, on failure y */
    RX_JMP,         /* go to x */
    RX_SAVE,        /* a: capture slot := position (slot 2g is start of g, 2g+1 its end) */
    RX_BACKREF,     /* a: group; b: ignore case */
    RX_REP1,        /* a..b times (b < 0: no bound) the one-character instruction
                       that follows; c: greedy; x: the instruction after it */
    RX_CNT_INIT,    /* a: counter register := 0, b: position register := -1
                       (register numbers index rx_matcher.regs) */
    RX_CNT_HEAD,    /* loop head: a counter, b position register, x body, y exit,
                       c greedy; min/max in the rx_inst fields lo and hi */
    RX_CNT_BODY,    /* b: position register := position (start of an iteration) */
    RX_CNT_NEXT,    /* a: counter += 1, then go to x (the head) */
    RX_LOOK,        /* sub-match x..: a = 1 behind, b = 1 negative, c = width;
                       y: the instruction after; atomic groups: a = 2 */
    RX_LOOK_END,    /* end of a sub-match: success */
    RX_GROUP_EXISTS,/* a: group; continue if it matched, else go to x */
    RX_MATCH,       /* success */
} rx_op;

typedef enum rx_at {
    RX_AT_BEGIN, RX_AT_BEGIN_LINE, RX_AT_END, RX_AT_END_LINE, RX_AT_END_STRING,
    RX_AT_BOUNDARY, RX_AT_NON_BOUNDARY,
    RX_AT_BEGIN_STRING,
    RX_AT_ASCII = 16,   /* or'd into BOUNDARY / NON_BOUNDARY: \w is ASCII only */
} rx_at;

typedef struct rx_inst {
    uint8_t op;
    uint8_t c;          /* greedy flag, look width (small) kept in lo */
    int32_t a, b;
    int32_t x, y;
    int64_t lo, hi;     /* repeat bounds (hi < 0: unbounded); look width in lo */
    uint32_t ch;        /* RX_CHAR / RX_CHAR_I */
} rx_inst;

/* Character classes of a set item. */
enum { RX_CLS_DIGIT = 1, RX_CLS_WORD, RX_CLS_SPACE, RX_CLS_NDIGIT, RX_CLS_NWORD, RX_CLS_NSPACE };

typedef struct rx_range { uint32_t lo, hi; int cls; /* 0: the range lo..hi */ } rx_range;

typedef struct rx_set {
    uint32_t ascii[4];  /* membership of 0..127, negation and case folding applied */
    rx_range *items;
    size_t nitems;
    int negated, icase, ascii_only;
} rx_set;

typedef struct rx_program {
    rx_inst *code;
    size_t ncode;
    rx_set *sets;
    size_t nsets;
    int ngroups;        /* capturing groups (group 0 not counted) */
    int nregs;          /* counter/position registers of the loops */
    int flags;          /* the pattern's flags, inline ones included */
    char **names;       /* names[g] (UTF-8) or NULL, for g in 1..ngroups */
    int anchored;       /* starts with \A (or ^ without MULTILINE): one try */
    uint32_t first_char;/* a literal every match starts with, if has_first */
    int has_first;
    int first_set;      /* set every match starts with (or -1) */
} rx_program;

enum { RX_VALUE_ERROR = 1, RX_OVERFLOW_ERROR, RX_RECURSION_ERROR };

/* A parse error: CPython's message and the code-point position. */
typedef struct rx_error {
    char msg[160];
    size_t pos;
    int value_error;    /* not re.error but RX_VALUE_ERROR (bad flags) or
                           RX_OVERFLOW_ERROR (a repeat count too large) or
                           RX_RECURSION_ERROR (groups nested too deep) */
} rx_error;

/* Compile pat[0..n) with flags.  NULL with *err filled (err->msg empty:
 * out of memory). */
rx_program *rx_compile(const uint32_t *pat, size_t n, int flags, rx_error *err);
void rx_free(rx_program *p);

/* The subject: its code points, either one byte each (ASCII text) or
 * 32-bit. */
typedef struct rx_subject {
    const unsigned char *narrow;
    const uint32_t *wide;
    size_t len;
} rx_subject;

typedef struct rx_bt {
    int32_t kind, pc;
    int64_t pos, extra;
} rx_bt;

/* One match attempt's state.  slots has 2 * (ngroups + 1) entries,
 * followed by the loop registers; lastindex is the last group closed. */
typedef struct rx_matcher {
    const rx_program *prog;
    rx_subject s;
    size_t end;             /* endpos: the subject ends there for the match */
    rc_heap *heap;          /* the backtrack stack's allocator (memory limit) */
    rx_bt *stack;
    size_t sp, cap;
    int64_t *regs;
    int64_t lastindex;
    int match_all;          /* fullmatch: succeed only at end */
    int must_advance;       /* an empty match at the start position is refused */
    size_t start;           /* where the current attempt began */
} rx_matcher;

enum { RX_MODE_MATCH, RX_MODE_FULLMATCH, RX_MODE_SEARCH };

/* Prepare m for prog over s; 0, or -1 when memory is exhausted. */
int rx_matcher_init(rx_matcher *m, const rx_program *prog, rx_subject s, rc_heap *heap);
void rx_matcher_free(rx_matcher *m);
/* Match (mode) at pos or search from pos, the subject ending at endpos.
 * 1 found (m->regs[0..] the spans), 0 not found, -1 out of memory. */
int rx_exec(rx_matcher *m, size_t pos, size_t endpos, int mode, int must_advance);

/* Character classification for \d \w \s and case folding (ascii: the
 * ASCII flag's meaning). */
int rx_is_word(uint32_t c, int ascii);
int rx_is_digit(uint32_t c, int ascii);
int rx_is_space(uint32_t c, int ascii);
uint32_t rx_fold(uint32_t c, int ascii);
int rx_set_has(const rx_set *set, uint32_t c);
/* Is c in the class RX_CLS_* cls? */
int rx_class_has(int cls, uint32_t c, int ascii);

#endif /* RECLAIM_LANG_REGEX_H */
