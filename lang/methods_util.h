/*
 * lang/methods_util.h — helpers shared by the built-in method files
 * (str_methods.c, list_methods.c, dict_methods.c, number_methods.c,
 * builtins_extra.c, format.c, sort.c, mod_functools.c, mod_json.c), and the UTF-8 encoder the lexer uses
 * for escapes.  Not part of the team contract (lang.h): only those files
 * (and lexer.c) include it.
 *
 * lx_buf is a growable byte buffer in the interpreter's heap (so
 * --memory-limit applies to it); every function that can fail returns -1 or
 * NULL with MemoryError set, after which the buffer must still be released
 * with lx_buf_free (a no-op after lx_buf_to_str / lx_buf_to_bytes, which
 * release it themselves).  Invariant: len <= cap, data == NULL iff cap == 0.
 */
#ifndef RECLAIM_LANG_METHODS_UTIL_H
#define RECLAIM_LANG_METHODS_UTIL_H

#include "lang.h"

typedef struct lx_buf {
    lx_interp *I;
    char *data;
    size_t len, cap;
} lx_buf;

void lx_buf_init(lx_buf *b, lx_interp *I);
int  lx_buf_put(lx_buf *b, const void *bytes, size_t n);
int  lx_buf_putc(lx_buf *b, char c);
/* count copies of unit (a fill character's UTF-8 bytes). */
int  lx_buf_repeat(lx_buf *b, const char *unit, size_t unit_len, size_t count);
/* Grow by n bytes and return where they start (NULL with MemoryError). */
char *lx_buf_extend(lx_buf *b, size_t n);
/* Append a str object's UTF-8 bytes. */
int  lx_buf_put_str(lx_buf *b, rc_object *str);
/* A new str / bytes of the contents; the buffer is released either way. */
rc_object *lx_buf_to_str(lx_buf *b);
rc_object *lx_buf_to_bytes(lx_buf *b);
void lx_buf_free(lx_buf *b);
/* Append repr(v) of a finite float v (format.c: lx_float_repr's digits). */
int  lx_buf_put_float_repr(lx_buf *b, double v);

/* ---- UTF-8 (strings are valid UTF-8: the library validates them) ------- */
size_t   lx_utf8_seqlen(unsigned char lead);
/* The code point at s[*pos], advancing *pos past it. */
uint32_t lx_utf8_decode(const char *s, size_t *pos);
/* Writes cp's encoding to out, returns its length (1..4). */
size_t   lx_utf8_encode(uint32_t cp, char out[4]);
/* Code points in s[0..nbytes). */
size_t   lx_utf8_count(const char *s, size_t nbytes);
/* Byte offset of code point index ncp of str (clamped to its size). */
size_t   lx_str_offset(rc_object *str, size_t ncp);
/* Code point index of byte offset off of str. */
size_t   lx_str_index(rc_object *str, size_t off);
int      lx_is_space_cp(uint32_t cp);
/* Simple case mappings (c itself when the mapping is several code points)
 * and str.isalnum() of one code point (lang/str_methods.c). */
uint32_t lx_cp_lower(uint32_t c);
uint32_t lx_cp_upper(uint32_t c);
int      lx_cp_is_alnum(uint32_t c);
/* lx_is_space_cp for cp < 0x80, inline for the hot loops. */
static inline int lx_is_space_ascii(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
}

/* ---- values ------------------------------------------------------------- */
static inline int lx_is_str(const rc_object *o) { return rc_is_type(o, &rc_str_type); }
/* |v| as an unsigned 64-bit int (INT64_MIN included). */
static inline uint64_t lx_magnitude(int64_t v) { return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v; }
/* 1 and *v set if o is an int or a bool (bool is an int, as in Python). */
int lx_int_like(const rc_object *o, int64_t *v);
/* An integer argument: int or bool, else TypeError "'T' object cannot be
 * interpreted as an integer". */
int lx_index_arg(lx_interp *I, rc_object *o, int64_t *out);
/* A new str from bytes (MemoryError on failure). */
rc_object *lx_str_from_bytes(lx_interp *I, const char *s, size_t n);
/* Append item to list and drop the caller's reference to it (item may be
 * NULL: an error already set).  0, or -1 with the exception. */
int lx_list_append_steal(lx_interp *I, rc_object *list, rc_object *item);
/* Reverse a list in place.  0, or -1 with the exception. */
int lx_list_reverse(lx_interp *I, rc_object *list);
/* Compare for equality as == does: 1, 0, -1. */
static inline int lx_eq(lx_interp *I, rc_object *a, rc_object *b)
{
    return a == b ? 1 : lx_compare(I, a, b, LX_CMP_EQ);
}
/* The value for key in dict d (borrowed): 1 found, 0 absent, -1 error
 * (unhashable key, a failing __eq__). */
int lx_dict_lookup(lx_interp *I, rc_object *d, rc_object *key, rc_object **value);

/* ---- arguments ---------------------------------------------------------- */
/* How CPython words an argument-count error for this kind of function:
 *   LX_ARITY_METHOD  "str.upper() takes no arguments (1 given)" /
 *                    "list.append() takes exactly one argument (0 given)"
 *   LX_ARITY_CLINIC  "replace expected at least 2 arguments, got 1"
 *   LX_ARITY_OLD     "split() takes at most 2 arguments (3 given)"        */
typedef enum lx_arity_style { LX_ARITY_METHOD, LX_ARITY_CLINIC, LX_ARITY_OLD } lx_arity_style;
int lx_arity(lx_interp *I, lx_arity_style style, const char *name, size_t nargs,
             size_t min, size_t max);
/* A method that takes nothing but self (nargs counts self): no keywords and
 * no arguments, "list.copy() takes no arguments (1 given)".  0 or -1. */
int lx_method_no_args(lx_interp *I, const char *name, size_t nargs, rc_object *kwargs);
/* Binds positional args[0..nargs) (at most npos of them) and the keywords
 * of kwargs to params names[0..nnames): out[i] is borrowed or NULL.  Errors
 * as CPython: "'x' is an invalid keyword argument for f()", "argument for
 * f() given by name ('x') and position (1)". */
int lx_bind(lx_interp *I, const char *fname, rc_object *const *args, size_t nargs,
            rc_object *kwargs, const char *const *names, size_t nnames, rc_object **out);

/* list.sort (defined in list_methods.c; args[0] is the list). */
rc_object *lx_list_sort_method(lx_interp *I, rc_object *const *args, size_t nargs,
                               rc_object *kwargs);
/* str.format (defined in format.c; args[0] is the format string). */
rc_object *lx_str_format_method(lx_interp *I, rc_object *const *args, size_t nargs,
                                rc_object *kwargs);
/* Byte search: offset of needle in hay (first, or last with from_end), or
 * -1.  An empty needle is found at 0 (or at n with from_end). */
rc_ssize lx_bytes_find(const char *hay, size_t n, const char *needle, size_t m, int from_end);
/* Non-overlapping occurrences of a non-empty needle, at most max. */
size_t lx_bytes_count(const char *hay, size_t n, const char *needle, size_t m, size_t max);

/* Unicode character names (lang/uninames.c; Unicode 14.0.0, ASCII case
 * ignored): the code point of name[0..n), 1 found / 0 not; and the name of
 * cp into buf (cap bytes, NUL-terminated), its length, 0 if cp has none. */
int lx_unicode_lookup(const char *name, size_t n, uint32_t *cp);
size_t lx_unicode_name(uint32_t cp, char *buf, size_t cap);

#endif /* RECLAIM_LANG_METHODS_UTIL_H */
