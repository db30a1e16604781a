/*
 * lang/regex_exec.c — running a compiled pattern (rx_exec) over a subject.
 *
 * A backtracking interpreter of the program of lang/regex.h.  Choice
 * points and the old values of every register written (capture slots,
 * loop counters, lastindex) go on one explicit stack, grown with
 * rc_realloc on the interpreter's heap, so a long subject costs heap (and
 * MemoryError at the heap's limit), never C stack.  The only C recursion
 * is one level per nested lookaround / atomic group of the pattern.
 *
 * Invariants: entries above a run's base belong to that run; undoing an
 * entry of kind BT_RESTORE puts a register back; a one-character repeat
 * (REP1) keeps a single entry whose position moves as it gives back (greedy)
 * or takes (lazy) characters.
 */
#include "regex.h"

#include <string.h>

#include "methods_util.h"

enum { BT_BRANCH, BT_RESTORE, BT_REP1_GREEDY, BT_REP1_LAZY };

/* ---- character classes ------------------------------------------------- */

static const uint32_t decimal_zeros[] = {
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50,
    0xABF0, 0xFF10,
};

int rx_is_digit(uint32_t c, int ascii)
{
    if (c < 128 || ascii)
        return c >= '0' && c <= '9';
    for (size_t k = 0; k < sizeof decimal_zeros / sizeof decimal_zeros[0]; k++)
        if (c >= decimal_zeros[k] && c < decimal_zeros[k] + 10)
            return 1;
    return 0;
}

int rx_is_word(uint32_t c, int ascii)
{
    if (c < 128)
        return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9') || c == '_';
    return !ascii && (lx_cp_is_alnum(c) || rx_is_digit(c, 0));
}

int rx_is_space(uint32_t c, int ascii)
{
    if (c < 128)
        return c == ' ' || (c >= '\t' && c <= '\r') || (!ascii && c >= 0x1C && c <= 0x1F);
    return !ascii && lx_is_space_cp(c);
}

uint32_t rx_fold(uint32_t c, int ascii)
{
    if (c < 128)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    return ascii ? c : lx_cp_lower(lx_cp_upper(c));    /* one form for σ, ς and Σ */
}

int rx_class_has(int cls, uint32_t c, int ascii)
{
    switch (cls) {
    case RX_CLS_DIGIT: return rx_is_digit(c, ascii);
    case RX_CLS_NDIGIT: return !rx_is_digit(c, ascii);
    case RX_CLS_WORD: return rx_is_word(c, ascii);
    case RX_CLS_NWORD: return !rx_is_word(c, ascii);
    case RX_CLS_SPACE: return rx_is_space(c, ascii);
    case RX_CLS_NSPACE: return !rx_is_space(c, ascii);
    default: return 0;
    }
}

static int set_items_have(const rx_set *set, uint32_t c)
{
    for (size_t k = 0; k < set->nitems; k++) {
        const rx_range *r = &set->items[k];
        if (r->cls ? rx_class_has(r->cls, c, set->ascii_only) : (c >= r->lo && c <= r->hi))
            return 1;
    }
    return 0;
}

int rx_set_has(const rx_set *set, uint32_t c)
{
    if (c < 128)
        return (set->ascii[c >> 5] >> (c & 31)) & 1;
    int in = set_items_have(set, c);
    if (!in && set->icase && !set->ascii_only) {
        uint32_t lo = lx_cp_lower(c), up = lx_cp_upper(c), fold = rx_fold(c, 0);
        in = (lo != c && set_items_have(set, lo)) || (up != c && set_items_have(set, up)) ||
             (fold != c && set_items_have(set, fold));
    }
    return in != set->negated;
}

/* ---- the subject ------------------------------------------------------- */

static inline uint32_t char_at(const rx_subject *s, size_t i)
{
    return s->narrow ? s->narrow[i] : s->wide[i];
}

/* Does the one-character instruction in match code point c? */
static inline int char_matches(const rx_program *p, const rx_inst *in, uint32_t c)
{
    switch (in->op) {
    case RX_CHAR: return c == in->ch;
    case RX_CHAR_I: return rx_fold(c, in->a) == in->ch;
    case RX_ANY: return c != '\n';
    case RX_ANY_ALL: return 1;
    case RX_SET: return rx_set_has(&p->sets[in->a], c);
    default: return 0;
    }
}

/* How many times (up to max) the one-character instruction in matches from pos. */
static size_t count_run(const rx_matcher *m, const rx_inst *in, size_t pos, size_t max)
{
    const rx_subject *s = &m->s;
    size_t n = 0;
    if (in->op == RX_ANY_ALL)
        return max;
    if (s->narrow && in->op == RX_SET) {        /* the hot loop of \w+, [a-z]* ... */
        const rx_set *set = &m->prog->sets[in->a];
        const unsigned char *b = s->narrow + pos;
        while (n < max && ((set->ascii[b[n] >> 5] >> (b[n] & 31)) & 1))
            n++;
        return n;
    }
    while (n < max && char_matches(m->prog, in, char_at(s, pos + n)))
        n++;
    return n;
}

static int word_at(const rx_matcher *m, size_t i, int ascii)
{
    return i < m->end && rx_is_word(char_at(&m->s, i), ascii);
}

static int at_matches(const rx_matcher *m, int kind, size_t pos)
{
    int ascii = (kind & RX_AT_ASCII) != 0;
    switch (kind & ~RX_AT_ASCII) {
    case RX_AT_BEGIN: case RX_AT_BEGIN_STRING: return pos == 0;
    case RX_AT_BEGIN_LINE: return pos == 0 || char_at(&m->s, pos - 1) == '\n';
    case RX_AT_END:
        return pos == m->end || (pos + 1 == m->end && char_at(&m->s, pos) == '\n');
    case RX_AT_END_LINE: return pos == m->end || char_at(&m->s, pos) == '\n';
    case RX_AT_END_STRING: return pos == m->end;
    case RX_AT_BOUNDARY:
    case RX_AT_NON_BOUNDARY: {
        int b = m->end > 0 && (pos > 0 ? word_at(m, pos - 1, ascii) : 0) != word_at(m, pos, ascii);
        return (kind & ~RX_AT_ASCII) == RX_AT_BOUNDARY ? b : (m->end > 0 && !b);
    }
    default: return 0;
    }
}

static int backref_matches(const rx_matcher *m, const rx_inst *in, size_t *pos)
{
    int64_t s = m->regs[2 * in->a], e = m->regs[2 * in->a + 1];
    if (s < 0 || e < 0)
        return 0;
    size_t len = (size_t)(e - s);
    if (len > m->end - *pos)
        return 0;
    for (size_t k = 0; k < len; k++) {
        uint32_t a = char_at(&m->s, (size_t)s + k), b = char_at(&m->s, *pos + k);
        if (a != b && (!in->b || rx_fold(a, in->b == 2) != rx_fold(b, in->b == 2)))
            return 0;
    }
    *pos += len;
    return 1;
}

/* ---- the stack --------------------------------------------------------- */

static int push(rx_matcher *m, int kind, int pc, int64_t pos, int64_t extra)
{
    if (m->sp == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        rx_bt *v = rc_realloc(m->heap, m->stack, cap * sizeof *v);
        if (!v)
            return -1;
        m->stack = v;
        m->cap = cap;
    }
    m->stack[m->sp++] = (rx_bt){kind, pc, pos, extra};
    return 0;
}

/* regs[r] := v, trailed. */
static int set_reg(rx_matcher *m, int r, int64_t v)
{
    if (m->regs[r] == v)
        return 0;
    if (push(m, BT_RESTORE, r, m->regs[r], 0) < 0)
        return -1;
    m->regs[r] = v;
    return 0;
}

static int lastindex_reg(const rx_matcher *m)
{
    return 2 * (m->prog->ngroups + 1) + m->prog->nregs;
}

/* Undo entries down to base (restoring registers). */
static void unwind(rx_matcher *m, size_t base)
{
    while (m->sp > base) {
        rx_bt *b = &m->stack[--m->sp];
        if (b->kind == BT_RESTORE)
            m->regs[b->pc] = b->pos;
    }
}

/* After a sub-match that succeeded and is kept: drop its choice points
 * above base but keep its register trail. */
static void drop_choices(rx_matcher *m, size_t base)
{
    size_t out = base;
    for (size_t k = base; k < m->sp; k++)
        if (m->stack[k].kind == BT_RESTORE)
            m->stack[out++] = m->stack[k];
    m->sp = out;
}

/* ---- the interpreter --------------------------------------------------- */

static int run(rx_matcher *m, int pc, size_t pos, int toplevel, size_t *out_end);

/* The first position at or below `from` (and above `low`) where the
 * instruction after a greedy REP1 could match, or -1. */
static int64_t next_try(const rx_matcher *m, const rx_inst *after, int64_t from, int64_t low)
{
    if (after->op != RX_CHAR)
        return from;
    for (int64_t p = from; p >= low; p--)
        if ((size_t)p < m->end && char_at(&m->s, (size_t)p) == after->ch)
            return p;
    return -1;
}

/* Resume from the newest choice point above base: 1 with *pc, *pos set,
 * 0 when there is none. */
static int backtrack(rx_matcher *m, size_t base, int *pc, size_t *pos)
{
    const rx_inst *code = m->prog->code;
    while (m->sp > base) {
        rx_bt *b = &m->stack[m->sp - 1];
        switch (b->kind) {
        case BT_RESTORE:
            m->regs[b->pc] = b->pos;
            m->sp--;
            continue;
        case BT_BRANCH:
            *pc = b->pc;
            *pos = (size_t)b->pos;
            m->sp--;
            return 1;
        case BT_REP1_GREEDY: {
            const rx_inst *rep = &code[b->pc];
            int64_t p = next_try(m, &code[rep->x], b->pos - 1, b->extra);
            if (p < b->extra) {
                m->sp--;
                continue;
            }
            b->pos = p;
            if (p == b->extra)
                m->sp--;
            *pc = rep->x;
            *pos = (size_t)p;
            return 1;
        }
        case BT_REP1_LAZY: {
            const rx_inst *rep = &code[b->pc];
            size_t p = (size_t)b->pos;
            if ((rep->hi >= 0 && b->extra >= rep->hi) || p >= m->end ||
                !char_matches(m->prog, &code[b->pc + 1], char_at(&m->s, p))) {
                m->sp--;
                continue;
            }
            b->pos++;
            b->extra++;
            *pc = rep->x;
            *pos = p + 1;
            return 1;
        }
        }
    }
    return 0;
}

/* REP1 at pc: 1 continue at *pc and *pos, 0 fail, -1 out of memory. */
static int step_rep1(rx_matcher *m, int *pc, size_t *pos)
{
    const rx_inst *rep = &m->prog->code[*pc];
    size_t room = m->end - *pos;
    size_t max = rep->hi >= 0 && (uint64_t)rep->hi < room ? (size_t)rep->hi : room;
    if ((uint64_t)rep->lo > max)
        return 0;
    if (!rep->c) {                      /* lazy: the minimum now, more on backtracking */
        if (count_run(m, rep + 1, *pos, (size_t)rep->lo) < (size_t)rep->lo)
            return 0;
        *pos += (size_t)rep->lo;
        if ((rep->hi < 0 || rep->hi > rep->lo) && push(m, BT_REP1_LAZY, *pc, (int64_t)*pos, rep->lo) < 0)
            return -1;
        *pc = rep->x;
        return 1;
    }
    size_t n = count_run(m, rep + 1, *pos, max);
    if (n < (size_t)rep->lo)
        return 0;
    int64_t low = (int64_t)(*pos + (size_t)rep->lo), p = (int64_t)(*pos + n);
    if (p > low && push(m, BT_REP1_GREEDY, *pc, p, low) < 0)
        return -1;
    *pos = (size_t)p;
    *pc = rep->x;
    return 1;
}

/* A loop head: 1 continue at *pc, -1 out of memory. */
static int step_loop_head(rx_matcher *m, int *pc, size_t pos)
{
    const rx_inst *in = &m->prog->code[*pc];
    int64_t count = m->regs[in->a];
    if (count < in->lo) {
        *pc = in->x;
        return 1;
    }
    if ((in->hi >= 0 && count >= in->hi) || m->regs[in->b] == (int64_t)pos) {
        *pc = in->y;
        return 1;
    }
    if (push(m, BT_BRANCH, in->c ? in->y : in->x, (int64_t)pos, 0) < 0)
        return -1;
    *pc = in->c ? in->x : in->y;
    return 1;
}

/* A lookaround or atomic group at pc: 1 continue, 0 fail, -1 out of memory. */
static int step_look(rx_matcher *m, int *pc, size_t *pos)
{
    const rx_inst *in = &m->prog->code[*pc];
    size_t base = m->sp, end, from = *pos;
    int r;
    if (in->a == 1) {                   /* behind: starts width back */
        if ((uint64_t)in->lo > *pos)
            r = 0;
        else
            r = run(m, in->x, *pos - (size_t)in->lo, 0, &end);
    } else
        r = run(m, in->x, from, 0, &end);
    if (r < 0)
        return -1;
    if (in->b) {                        /* negative */
        if (r)
            unwind(m, base);
        *pc = in->y;
        return !r;
    }
    if (!r)
        return 0;
    drop_choices(m, base);
    if (in->a == 2)
        *pos = end;
    *pc = in->y;
    return 1;
}

/* Does a MATCH at pos count (fullmatch, must-advance)? */
static int accept(const rx_matcher *m, size_t pos)
{
    if (m->match_all && pos != m->end)
        return 0;
    if (m->must_advance && pos == m->start)
        return 0;
    return 1;
}

/* One instruction that can only continue or fail; 1 / 0 / -1 (memory). */
static int step(rx_matcher *m, int *pc, size_t *pos)
{
    const rx_inst *in = &m->prog->code[*pc];
    switch (in->op) {
    case RX_CHAR: case RX_CHAR_I: case RX_ANY: case RX_ANY_ALL: case RX_SET:
        if (*pos >= m->end || !char_matches(m->prog, in, char_at(&m->s, *pos)))
            return 0;
        (*pos)++;
        (*pc)++;
        return 1;
    case RX_AT:
        (*pc)++;
        return at_matches(m, in->a, *pos);
    case RX_SPLIT:
        *pc = in->x;
        return push(m, BT_BRANCH, in->y, (int64_t)*pos, 0) < 0 ? -1 : 1;
    case RX_JMP:
        *pc = in->x;
        return 1;
    case RX_SAVE:
        if (set_reg(m, in->a, (int64_t)*pos) < 0 ||
            ((in->a & 1) && set_reg(m, lastindex_reg(m), in->a / 2) < 0))
            return -1;
        (*pc)++;
        return 1;
    case RX_BACKREF:
        (*pc)++;
        return backref_matches(m, in, pos);
    case RX_REP1: return step_rep1(m, pc, pos);
    case RX_CNT_INIT:
        if (set_reg(m, in->a, 0) < 0 || set_reg(m, in->b, -1) < 0)
            return -1;
        (*pc)++;
        return 1;
    case RX_CNT_HEAD: return step_loop_head(m, pc, *pos);
    case RX_CNT_BODY:
        (*pc)++;
        return set_reg(m, in->b, (int64_t)*pos) < 0 ? -1 : 1;
    case RX_CNT_NEXT:
        *pc = in->x;
        return set_reg(m, in->a, m->regs[in->a] + 1) < 0 ? -1 : 1;
    case RX_LOOK: return step_look(m, pc, pos);
    case RX_GROUP_EXISTS:
        *pc = m->regs[2 * in->a + 1] >= 0 && m->regs[2 * in->a] >= 0 ? *pc + 1 : in->x;
        return 1;
    default: return 0;
    }
}

/* Run from pc at pos until MATCH (toplevel) or LOOK_END: 1 with *out_end,
 * 0 (the stack unwound to where it was), -1 out of memory. */
static int run(rx_matcher *m, int pc, size_t pos, int toplevel, size_t *out_end)
{
    size_t base = m->sp;
    const rx_inst *code = m->prog->code;
    for (;;) {
        int op = code[pc].op, r;
        if (op == RX_MATCH || op == RX_LOOK_END) {
            if (!toplevel || accept(m, pos)) {
                *out_end = pos;
                return 1;
            }
            r = 0;
        } else
            r = step(m, &pc, &pos);
        if (r < 0) {
            unwind(m, base);
            return -1;
        }
        if (r == 0 && !backtrack(m, base, &pc, &pos))
            return 0;
    }
}

/* ---- entry points ------------------------------------------------------ */

int rx_matcher_init(rx_matcher *m, const rx_program *prog, rx_subject s, rc_heap *heap)
{
    memset(m, 0, sizeof *m);
    m->prog = prog;
    m->s = s;
    m->heap = heap;
    size_t nregs = 2 * ((size_t)prog->ngroups + 1) + (size_t)prog->nregs + 1;
    m->regs = rc_malloc(heap, nregs * sizeof *m->regs);
    return m->regs ? 0 : -1;
}

void rx_matcher_free(rx_matcher *m)
{
    rc_free(m->heap, m->stack);
    rc_free(m->heap, m->regs);
    m->stack = NULL;
    m->regs = NULL;
}

/* Could a match start at pos (the program's first character)? */
static int may_start(const rx_matcher *m, size_t pos)
{
    const rx_program *p = m->prog;
    if (p->has_first)
        return pos < m->end && char_at(&m->s, pos) == p->first_char;
    if (p->first_set >= 0)
        return pos < m->end && rx_set_has(&p->sets[p->first_set], char_at(&m->s, pos));
    return 1;
}

/* The next pos at or after `pos` where may_start holds (or m->end + 1). */
static size_t skip_to_start(const rx_matcher *m, size_t pos)
{
    const rx_program *p = m->prog;
    if (m->s.narrow && p->has_first && p->first_char < 128) {
        const void *hit = pos < m->end ? memchr(m->s.narrow + pos, (int)p->first_char, m->end - pos) : NULL;
        return hit ? (size_t)((const unsigned char *)hit - m->s.narrow) : m->end + 1;
    }
    if (m->s.narrow && p->first_set >= 0) {
        const rx_set *set = &p->sets[p->first_set];
        while (pos < m->end && !((set->ascii[m->s.narrow[pos] >> 5] >> (m->s.narrow[pos] & 31)) & 1))
            pos++;
        return pos < m->end ? pos : m->end + 1;
    }
    while (pos < m->end && !may_start(m, pos))
        pos++;
    return pos < m->end || (!p->has_first && p->first_set < 0) ? pos : m->end + 1;
}

/* One attempt at pos: 1 / 0 / -1. */
static int attempt(rx_matcher *m, size_t pos)
{
    size_t nregs = 2 * ((size_t)m->prog->ngroups + 1) + (size_t)m->prog->nregs + 1;
    for (size_t k = 0; k < nregs; k++)
        m->regs[k] = -1;
    m->sp = 0;
    m->start = pos;
    size_t end;
    int r = run(m, 0, pos, 1, &end);
    if (r == 1) {
        m->regs[0] = (int64_t)pos;
        m->regs[1] = (int64_t)end;
        m->lastindex = m->regs[lastindex_reg(m)];
    }
    return r;
}

int rx_exec(rx_matcher *m, size_t pos, size_t endpos, int mode, int must_advance)
{
    m->end = endpos < m->s.len ? endpos : m->s.len;
    if (pos > m->end)
        return 0;
    m->match_all = mode == RX_MODE_FULLMATCH;
    m->must_advance = must_advance;
    if (mode != RX_MODE_SEARCH)
        return attempt(m, pos);
    if (m->prog->anchored && pos > 0 && !(m->prog->flags & RX_MULTILINE))
        return 0;
    for (;;) {
        size_t p = skip_to_start(m, pos);
        if (p > m->end)
            return 0;
        if (p > pos)
            m->must_advance = 0;
        int r = attempt(m, p);
        if (r != 0 || p >= m->end || m->prog->anchored)
            return r;
        m->must_advance = 0;
        pos = p + 1;
    }
}
