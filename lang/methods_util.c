/*
 * lang/methods_util.c — the helpers of methods_util.h: a byte buffer in the
 * interpreter's heap, UTF-8 walking, integer arguments, dict lookups that
 * raise the script's exceptions, and argument checking worded as CPython.
 */
#include "methods_util.h"

#include <string.h>

/* ---- lx_buf ------------------------------------------------------------- */

void lx_buf_init(lx_buf *b, lx_interp *I)
{
    b->I = I;
    b->data = NULL;
    b->len = b->cap = 0;
}

static int buf_reserve(lx_buf *b, size_t extra)
{
    if (extra <= b->cap - b->len)
        return 0;
    if (extra > SIZE_MAX / 2 - b->len) {
        lx_raise(b->I, LX_MemoryError, "%s", "");
        return -1;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len < extra)
        cap *= 2;
    char *p = rc_realloc(lx_heap(b->I), b->data, cap);
    if (!p) {
        lx_raise_heap_error(b->I);
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int lx_buf_put(lx_buf *b, const void *bytes, size_t n)
{
    if (n == 0)
        return 0;
    if (buf_reserve(b, n) < 0)
        return -1;
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    return 0;
}

char *lx_buf_extend(lx_buf *b, size_t n)
{
    if (buf_reserve(b, n) < 0)
        return NULL;
    b->len += n;
    return b->data + b->len - n;
}

int lx_buf_putc(lx_buf *b, char c)
{
    return lx_buf_put(b, &c, 1);
}

int lx_buf_repeat(lx_buf *b, const char *unit, size_t unit_len, size_t count)
{
    if (count && unit_len > SIZE_MAX / count) {
        lx_raise(b->I, LX_MemoryError, "%s", "");
        return -1;
    }
    if (buf_reserve(b, unit_len * count) < 0)
        return -1;
    for (size_t i = 0; i < count; i++)
        lx_buf_put(b, unit, unit_len);
    return 0;
}

int lx_buf_put_str(lx_buf *b, rc_object *str)
{
    return lx_buf_put(b, rc_str_data(str), rc_str_size(str));
}

void lx_buf_free(lx_buf *b)
{
    rc_free(lx_heap(b->I), b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

rc_object *lx_buf_to_str(lx_buf *b)
{
    rc_object *s = lx_str_from_bytes(b->I, b->data ? b->data : "", b->len);
    lx_buf_free(b);
    return s;
}

rc_object *lx_buf_to_bytes(lx_buf *b)
{
    rc_object *r = rc_bytes_new(lx_heap(b->I), b->data ? b->data : "", b->len);
    lx_buf_free(b);
    return r ? r : lx_raise_heap_error(b->I);
}

rc_object *lx_str_from_bytes(lx_interp *I, const char *s, size_t n)
{
    return lx_str_new(I, s, n);
}

/* ---- UTF-8 -------------------------------------------------------------- */

size_t lx_utf8_seqlen(unsigned char lead)
{
    if (lead < 0x80) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

uint32_t lx_utf8_decode(const char *s, size_t *pos)
{
    const unsigned char *p = (const unsigned char *)s + *pos;
    size_t n = lx_utf8_seqlen(p[0]);
    uint32_t cp = n == 1 ? p[0] : n == 2 ? (p[0] & 0x1Fu) : n == 3 ? (p[0] & 0x0Fu) : (p[0] & 0x07u);
    for (size_t i = 1; i < n; i++)
        cp = (cp << 6) | (p[i] & 0x3Fu);
    *pos += n;
    return cp;
}

size_t lx_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t lx_utf8_count(const char *s, size_t nbytes)
{
    size_t n = 0;
    for (size_t i = 0; i < nbytes; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

size_t lx_str_offset(rc_object *str, size_t ncp)
{
    size_t size = rc_str_size(str);
    if (rc_str_len(str) == size)                /* ASCII */
        return ncp < size ? ncp : size;
    const char *s = rc_str_data(str);
    size_t off = 0;
    while (ncp-- > 0 && off < size)
        off += lx_utf8_seqlen((unsigned char)s[off]);
    return off;
}

size_t lx_str_index(rc_object *str, size_t off)
{
    if (rc_str_len(str) == rc_str_size(str))
        return off;
    return lx_utf8_count(rc_str_data(str), off);
}

int lx_is_space_cp(uint32_t cp)
{
    if (cp < 0x80)
        return lx_is_space_ascii(cp);
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* ---- values ------------------------------------------------------------- */

int lx_int_like(const rc_object *o, int64_t *v)
{
    if (rc_is_type(o, &rc_int_type)) {
        *v = rc_int_value(o);
        return 1;
    }
    if (rc_is_type(o, &rc_bool_type)) {
        *v = o == rc_true();
        return 1;
    }
    const rc_object *value = lx_value_of((rc_object *)o);     /* an int subclass instance */
    if (value != o && rc_is_type(value, &rc_int_type)) {
        *v = rc_int_value(value);
        return 1;
    }
    return 0;
}

int lx_index_arg(lx_interp *I, rc_object *o, int64_t *out)
{
    if (lx_int_like(o, out))
        return 0;
    if (rc_is_type(o, &rc_bigint_type)) {
        lx_raise(I, LX_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    lx_raise(I, LX_TypeError, "'%s' object cannot be interpreted as an integer",
             lx_type_name(I, o));
    return -1;
}

int lx_dict_lookup(lx_interp *I, rc_object *d, rc_object *key, rc_object **value)
{
    if (lx_hash(I, key) == -1 && lx_exc_occurred(I))
        return -1;
    rc_error_clear(lx_heap(I));
    *value = rc_dict_get(d, key);
    if (*value)
        return 1;
    if (lx_exc_occurred(I))
        return -1;
    if (rc_error(lx_heap(I)) == RC_EKEY)
        return 0;
    lx_raise_heap_error(I);
    return -1;
}

int lx_list_append_steal(lx_interp *I, rc_object *list, rc_object *item)
{
    if (!item)
        return -1;
    int rc = rc_list_append(list, item);
    rc_decref(item);
    if (rc < 0)
        lx_raise_heap_error(I);
    return rc;
}

int lx_list_reverse(lx_interp *I, rc_object *list)
{
    rc_ssize n = rc_list_len(list);
    for (rc_ssize i = 0, j = n - 1; i < j; i++, j--) {
        rc_object *a = rc_list_get(list, i), *b = rc_list_get(list, j);
        rc_incref(a);
        rc_incref(b);
        int rc = rc_list_set(list, i, b) | rc_list_set(list, j, a);
        rc_decref(a);
        rc_decref(b);
        if (rc < 0) {
            lx_raise_heap_error(I);
            return -1;
        }
    }
    return 0;
}

rc_ssize lx_bytes_find(const char *hay, size_t n, const char *needle, size_t m, int from_end)
{
    if (m > n)
        return -1;
    if (m == 0)
        return from_end ? (rc_ssize)n : 0;
    if (from_end) {
        for (size_t i = n - m + 1; i-- > 0;)
            if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
                return (rc_ssize)i;
        return -1;
    }
    const char *p = hay, *last = hay + (n - m);
    while (p <= last) {
        p = memchr(p, needle[0], (size_t)(last - p) + 1);
        if (!p)
            return -1;
        if (memcmp(p, needle, m) == 0)
            return p - hay;
        p++;
    }
    return -1;
}

size_t lx_bytes_count(const char *hay, size_t n, const char *needle, size_t m, size_t max)
{
    size_t count = 0, off = 0;
    while (count < max) {
        rc_ssize at = lx_bytes_find(hay + off, n - off, needle, m, 0);
        if (at < 0)
            break;
        count++;
        off += (size_t)at + m;
    }
    return count;
}

/* ---- arguments ---------------------------------------------------------- */

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

int lx_arity(lx_interp *I, lx_arity_style style, const char *name, size_t nargs,
             size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    if (style == LX_ARITY_METHOD && max == 0)
        lx_raise(I, LX_TypeError, "%s() takes no arguments (%zu given)", name, nargs);
    else if (style == LX_ARITY_METHOD)
        lx_raise(I, LX_TypeError, "%s() takes exactly one argument (%zu given)", name, nargs);
    else if (style == LX_ARITY_OLD)
        lx_raise(I, LX_TypeError, "%s() takes at %s %zu argument%s (%zu given)", name,
                 nargs < min ? "least" : "most", nargs < min ? min : max,
                 plural(nargs < min ? min : max), nargs);
    else if (min == max)
        lx_raise(I, LX_TypeError, "%s expected %zu argument%s, got %zu", name, min,
                 plural(min), nargs);
    else
        lx_raise(I, LX_TypeError, "%s expected at %s %zu argument%s, got %zu", name,
                 nargs < min ? "least" : "most", nargs < min ? min : max,
                 plural(nargs < min ? min : max), nargs);
    return -1;
}

int lx_method_no_args(lx_interp *I, const char *name, size_t nargs, rc_object *kwargs)
{
    if (lx_no_kwargs(I, name, kwargs) < 0)
        return -1;
    return lx_arity(I, LX_ARITY_METHOD, name, nargs - 1, 0, 0);
}

int lx_bind(lx_interp *I, const char *fname, rc_object *const *args, size_t nargs,
            rc_object *kwargs, const char *const *names, size_t nnames, rc_object **out)
{
    for (size_t i = 0; i < nnames; i++)
        out[i] = i < nargs ? args[i] : NULL;
    if (!kwargs)
        return 0;
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc_dict_next(kwargs, &pos, &k, &v)) {
        const char *kname = lx_is_str(k) ? rc_str_data(k) : "?";
        size_t i = 0;
        while (i < nnames && strcmp(names[i], kname) != 0)
            i++;
        if (i == nnames) {
            lx_raise(I, LX_TypeError, "'%s' is an invalid keyword argument for %s()", kname, fname);
            return -1;
        }
        if (i < nargs) {
            lx_raise(I, LX_TypeError, "argument for %s() given by name ('%s') and position (%zu)",
                     fname, kname, i + 1);
            return -1;
        }
        out[i] = v;
    }
    return 0;
}
