/*
 * lang/mod_json.c — the `json` module: dumps, dump, loads, load and
 * JSONDecodeError, with CPython 3.11's output and error messages.
 *
 * Encoding writes into one growing lx_buf and makes the str at the end.
 * The containers being encoded are kept on a stack (json_enc.open) so a
 * container met again inside itself is "Circular reference detected"; the
 * nesting depth is bounded by sys.getrecursionlimit() (RecursionError, as
 * CPython's), so the C recursion stays shallow.
 *
 * Decoding reads the document's UTF-8 bytes with a byte cursor; positions
 * in errors are converted to code point indexes (what CPython reports).
 * Equal object keys of one document are one shared str.
 * A failed value is "Expecting value" at the value's start, as CPython's
 * scanner's StopIteration turns into.  Nesting is bounded as above, so
 * '[' * 100000 raises RecursionError instead of overflowing the C stack.
 *
 * JSONDecodeError is a real subclass of ValueError, made at the module's
 * first import by running a few lines of Python (its __init__ computes
 * lineno/colno and the message); the decoder raises it by calling the
 * class found in sys.modules['json'] (ValueError if that is gone).
 *
 * Ints are of any size (a JSON integer past int64 is a big int, under the
 * 4300-digit limit of int()); strings are UTF-8, so a \\u escape of a lone
 * surrogate is ValueError; bytes documents must be UTF-8.
 */
#include "methods_util.h"
#include "mod_util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- encoding -------------------------------------------------------------------- */

typedef struct json_enc {
    lx_interp *I;
    lx_buf out;
    int skipkeys, ensure_ascii, check_circular, allow_nan, sort_keys;
    const char *indent;             /* NULL: everything on one line */
    size_t indent_len;
    const char *item_sep, *key_sep;
    size_t item_sep_len, key_sep_len;
    rc_object *default_fn;          /* borrowed; NULL when not given */
    rc_object **open;               /* containers being encoded (circular check) */
    size_t depth, cap;
    size_t max_depth;
} json_enc;

static int enc_value(json_enc *e, rc_object *o);

static int enc_put(json_enc *e, const char *s, size_t n)
{
    return lx_buf_put(&e->out, s, n);
}

static int enc_hex4(json_enc *e, unsigned v)
{
    static const char hex[] = "0123456789abcdef";
    char u[6] = {'\\', 'u', hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    return enc_put(e, u, 6);
}

/* The escape of byte c when it cannot be copied as it is: 0 if it can. */
static const char *short_escape(unsigned char c)
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default: return NULL;
    }
}

/* Does byte c need escaping?  Non-ASCII bytes do only under ensure_ascii. */
static int needs_escape(const json_enc *e, unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || (e->ensure_ascii && c >= 0x7f);
}

static int enc_string(json_enc *e, const char *s, size_t n)
{
    if (lx_buf_putc(&e->out, '"') < 0)
        return -1;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && !needs_escape(e, (unsigned char)s[run]))
            run++;
        if (enc_put(e, s + i, run - i) < 0)
            return -1;
        if ((i = run) == n)
            break;
        unsigned char c = (unsigned char)s[i];
        const char *esc = short_escape(c);
        if (esc) {
            if (enc_put(e, esc, 2) < 0)
                return -1;
            i++;
            continue;
        }
        uint32_t cp = c < 0x80 ? (i++, c) : lx_utf8_decode(s, &i);
        int r = cp < 0x10000 ? enc_hex4(e, cp)
                             : enc_hex4(e, 0xD800 + ((cp - 0x10000) >> 10)) < 0 ? -1
                             : enc_hex4(e, 0xDC00 + ((cp - 0x10000) & 0x3FF));
        if (r < 0)
            return -1;
    }
    return lx_buf_putc(&e->out, '"');
}

static int enc_int(json_enc *e, int64_t v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%lld", (long long)v);
    return enc_put(e, digits, (size_t)n);
}

/* An int of any size: int64 directly, a big int by its decimal str (under
 * the 4300-digit limit, as CPython's encoder). */
static int enc_any_int(json_enc *e, rc_object *o)
{
    if (!rc_is_type(o, &rc_bigint_type))
        return enc_int(e, rc_int_value(o));
    rc_object *text = lx_int_to_str(e->I, o, 10);
    if (!text)
        return -1;
    int r = enc_put(e, rc_str_data(text), rc_str_size(text));
    rc_decref(text);
    return r;
}

static int enc_float(json_enc *e, double v)
{
    if (isfinite(v))
        return lx_buf_put_float_repr(&e->out, v);
    if (!e->allow_nan) {
        lx_raise(e->I, LX_ValueError, "Out of range float values are not JSON compliant");
        return -1;
    }
    const char *word = isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    return enc_put(e, word, strlen(word));
}

/* '\n' and `level` indents, when indenting. */
static int enc_newline(json_enc *e, size_t level)
{
    if (!e->indent)
        return 0;
    return lx_buf_putc(&e->out, '\n') < 0 ||
           lx_buf_repeat(&e->out, e->indent, e->indent_len, level) < 0 ? -1 : 0;
}

/* Enter container o: the circular check and the depth bound.  0 or -1. */
static int enc_enter(json_enc *e, rc_object *o)
{
    if (e->check_circular)
        for (size_t i = 0; i < e->depth; i++)
            if (e->open[i] == o) {
                lx_raise(e->I, LX_ValueError, "Circular reference detected");
                return -1;
            }
    if (e->depth >= e->max_depth) {
        lx_raise(e->I, LX_RecursionError,
                 "maximum recursion depth exceeded while encoding a JSON object");
        return -1;
    }
    if (e->depth == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 16;
        rc_object **grown = realloc(e->open, cap * sizeof *grown);
        if (!grown) {
            lx_raise(e->I, LX_MemoryError, "%s", "");
            return -1;
        }
        e->open = grown;
        e->cap = cap;
    }
    e->open[e->depth++] = o;
    return 0;
}

/* The separator before item i of a container at level `depth - 1`. */
static int enc_item_start(json_enc *e, size_t i)
{
    if (i > 0 && enc_put(e, e->item_sep, e->item_sep_len) < 0)
        return -1;
    return enc_newline(e, e->depth);
}

static int enc_close(json_enc *e, char closer)
{
    e->depth--;
    return enc_newline(e, e->depth) < 0 ? -1 : lx_buf_putc(&e->out, closer);
}

static int enc_array(json_enc *e, rc_object *o, int is_list)
{
    rc_ssize n = is_list ? rc_list_len(o) : rc_tuple_len(o);
    if (n == 0)
        return enc_put(e, "[]", 2);
    if (enc_enter(e, o) < 0 || lx_buf_putc(&e->out, '[') < 0)
        return -1;
    /* a list may shrink while its items' default() runs: re-read its length */
    for (rc_ssize i = 0; i < (is_list ? rc_list_len(o) : n); i++) {
        rc_object *item = is_list ? rc_list_get(o, i) : rc_tuple_get(o, i);
        rc_incref(item);
        int r = enc_item_start(e, (size_t)i) < 0 ? -1 : enc_value(e, item);
        rc_decref(item);
        if (r < 0)
            return -1;
    }
    return enc_close(e, ']');
}

/* Write key k as a JSON object key: 1 written, 0 skipped (skipkeys), -1. */
static int enc_key(json_enc *e, rc_object *k)
{
    if (!lx_is_str(k) && !rc_is_any_int(k))
        k = lx_value_of(k);     /* a str or number subclass instance: its value */
    if (lx_is_str(k))
        return enc_string(e, rc_str_data(k), rc_str_size(k)) < 0 ? -1 : 1;
    const char *word = k == rc_true() ? "true" : k == rc_false() ? "false"
                     : k == rc_none() ? "null" : NULL;
    if (word)
        return enc_string(e, word, strlen(word)) < 0 ? -1 : 1;
    int is_int = rc_is_type(k, &rc_int_type) || rc_is_type(k, &rc_bigint_type);
    if (!is_int && !rc_is_type(k, &rc_float_type)) {
        if (e->skipkeys)
            return 0;
        lx_raise(e->I, LX_TypeError, "keys must be str, int, float, bool or None, not %s",
                 lx_type_name(e->I, k));
        return -1;
    }
    /* the number's text, quoted (it has nothing to escape) */
    if (lx_buf_putc(&e->out, '"') < 0)
        return -1;
    int r = is_int ? enc_any_int(e, k) : enc_float(e, rc_float_value(k));
    return r < 0 || lx_buf_putc(&e->out, '"') < 0 ? -1 : 1;
}

/* The dict's keys, sorted (sort_keys); NULL with the exception. */
static rc_object *sorted_keys(lx_interp *I, rc_object *d)
{
    rc_object *keys = lx_list_new(I), *k, *v;
    rc_ssize pos = 0;
    while (keys && rc_dict_next(d, &pos, &k, &v))
        if (rc_list_append(keys, k) < 0) {
            RC_CLEAR(keys);
            mod_raise_nomem(I);
        }
    rc_object *sort = keys ? lx_getattr(I, keys, "sort") : NULL;
    rc_object *r = sort ? lx_call(I, sort, NULL, 0, NULL) : NULL;
    rc_xdecref(sort);
    if (!r) {
        rc_xdecref(keys);
        return NULL;
    }
    rc_decref(r);
    return keys;
}

static int enc_member(json_enc *e, rc_object *k, rc_object *v, size_t *written)
{
    size_t mark = e->out.len;
    if (enc_item_start(e, *written) < 0)
        return -1;
    int r = enc_key(e, k);
    if (r <= 0) {
        e->out.len = mark;      /* a skipped key leaves no separator */
        return r;
    }
    (*written)++;
    return enc_put(e, e->key_sep, e->key_sep_len) < 0 ? -1 : enc_value(e, v);
}

static int enc_object(json_enc *e, rc_object *d)
{
    if (rc_dict_len(d) == 0)
        return enc_put(e, "{}", 2);
    if (enc_enter(e, d) < 0 || lx_buf_putc(&e->out, '{') < 0)
        return -1;
    rc_object *keys = e->sort_keys ? sorted_keys(e->I, d) : NULL;
    if (e->sort_keys && !keys)
        return -1;
    size_t written = 0;
    int r = 0;
    if (keys) {
        for (rc_ssize i = 0; r == 0 && i < rc_list_len(keys); i++) {
            rc_object *k = rc_list_get(keys, i), *v = rc_dict_get(d, k);
            if (!v)
                continue;
            rc_incref(v);
            r = enc_member(e, k, v, &written);
            rc_decref(v);
        }
        rc_decref(keys);
    } else {
        rc_object *k, *v;
        rc_ssize pos = 0;
        while (r == 0 && rc_dict_next(d, &pos, &k, &v)) {
            rc_incref(k);
            rc_incref(v);
            r = enc_member(e, k, v, &written);
            rc_decref(k);
            rc_decref(v);
        }
    }
    return r < 0 ? -1 : enc_close(e, '}');
}

/* What default(o) returns, encoded; o is on the stack meanwhile. */
static int enc_default(json_enc *e, rc_object *o)
{
    if (!e->default_fn) {
        lx_raise(e->I, LX_TypeError, "Object of type %s is not JSON serializable",
                 lx_type_name(e->I, o));
        return -1;
    }
    if (enc_enter(e, o) < 0)
        return -1;
    rc_object *r = lx_call(e->I, e->default_fn, &o, 1, NULL);
    if (!r)
        return -1;
    int rc = enc_value(e, r);
    rc_decref(r);
    e->depth--;
    return rc;
}

/* A subclass of str, int, float, list, tuple or dict is encoded as its
 * value (CPython's encoder does the same); anything else goes to default. */
static int enc_value_or_default(json_enc *e, rc_object *o)
{
    rc_object *v = lx_value_of(o);
    if (v != o && (lx_is_str(v) || rc_is_any_int(v) || rc_is_type(v, &rc_float_type) ||
                   rc_is_type(v, &rc_list_type) || rc_is_type(v, &rc_tuple_type) || rc_is_type(v, &rc_dict_type)))
        return enc_value(e, v);
    return enc_default(e, o);
}

static int enc_value(json_enc *e, rc_object *o)
{
    if (lx_is_str(o))
        return enc_string(e, rc_str_data(o), rc_str_size(o));
    if (o == rc_none())
        return enc_put(e, "null", 4);
    if (o == rc_true())
        return enc_put(e, "true", 4);
    if (o == rc_false())
        return enc_put(e, "false", 5);
    if (rc_is_type(o, &rc_int_type) || rc_is_type(o, &rc_bigint_type))
        return enc_any_int(e, o);
    if (rc_is_type(o, &rc_float_type))
        return enc_float(e, rc_float_value(o));
    if (rc_is_type(o, &rc_list_type) || rc_is_type(o, &rc_tuple_type))
        return enc_array(e, o, rc_is_type(o, &rc_list_type));
    if (rc_is_type(o, &rc_dict_type))
        return enc_object(e, o);
    return enc_value_or_default(e, o);
}

/* ---- dumps' options ------------------------------------------------------------- */

static const char *const dumps_params[] = {
    "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "indent",
    "separators", "default", "sort_keys",
};
enum { P_SKIPKEYS, P_ENSURE_ASCII, P_CHECK_CIRCULAR, P_ALLOW_NAN, P_INDENT, P_SEPARATORS,
       P_DEFAULT, P_SORT_KEYS, P_COUNT };

/* A flag option's truth, def when not given.  -1 on error. */
static int flag(lx_interp *I, rc_object *o, int def)
{
    return o ? lx_truth(I, o) : def;
}

/* indent: None, an int (that many spaces) or a str.  *owned gets the str
 * made for an int (the caller drops it). */
static int set_indent(json_enc *e, rc_object *indent, rc_object **owned)
{
    if (!indent || indent == rc_none())
        return 0;
    if (!lx_is_str(indent)) {
        int64_t n;
        if (lx_index_value(e->I, indent, &n) < 0)
            return -1;
        lx_buf spaces;
        lx_buf_init(&spaces, e->I);
        if (n > 0 && lx_buf_repeat(&spaces, " ", 1, (size_t)n) < 0) {
            lx_buf_free(&spaces);
            return -1;
        }
        if (!(indent = *owned = lx_buf_to_str(&spaces)))
            return -1;
    }
    e->indent = rc_str_data(indent);
    e->indent_len = rc_str_size(indent);
    return 0;
}

/* separators: None or a pair of strs (item, key). */
static int set_separators(json_enc *e, rc_object *seps)
{
    e->item_sep = e->indent ? "," : ", ";
    e->item_sep_len = strlen(e->item_sep);
    e->key_sep = ": ";
    e->key_sep_len = 2;
    if (!seps || seps == rc_none())
        return 0;
    rc_object *item = NULL, *key = NULL;     /* borrowed from the pair */
    if (rc_is_type(seps, &rc_tuple_type) && rc_tuple_len(seps) == 2)
        item = rc_tuple_get(seps, 0), key = rc_tuple_get(seps, 1);
    else if (rc_is_type(seps, &rc_list_type) && rc_list_len(seps) == 2)
        item = rc_list_get(seps, 0), key = rc_list_get(seps, 1);
    if (!item || !lx_is_str(item) || !lx_is_str(key)) {
        lx_raise(e->I, LX_TypeError, "separators must be a pair of str");
        return -1;
    }
    e->item_sep = rc_str_data(item);
    e->item_sep_len = rc_str_size(item);
    e->key_sep = rc_str_data(key);
    e->key_sep_len = rc_str_size(key);
    return 0;
}

/* obj encoded as the options in kwargs say (fname for the errors). */
static rc_object *encode(lx_interp *I, const char *fname, rc_object *obj, rc_object *kwargs)
{
    rc_object *p[P_COUNT], *indent_str = NULL;
    if (mod_parse_args(I, fname, NULL, 0, kwargs, dumps_params, P_COUNT, p) < 0)
        return NULL;
    json_enc e = {.I = I};
    e.max_depth = (size_t)lx_get_recursion_limit(I);
    e.default_fn = p[P_DEFAULT] && p[P_DEFAULT] != rc_none() ? p[P_DEFAULT] : NULL;
    if ((e.skipkeys = flag(I, p[P_SKIPKEYS], 0)) < 0 ||
        (e.ensure_ascii = flag(I, p[P_ENSURE_ASCII], 1)) < 0 ||
        (e.check_circular = flag(I, p[P_CHECK_CIRCULAR], 1)) < 0 ||
        (e.allow_nan = flag(I, p[P_ALLOW_NAN], 1)) < 0 ||
        (e.sort_keys = flag(I, p[P_SORT_KEYS], 0)) < 0 ||
        set_indent(&e, p[P_INDENT], &indent_str) < 0 || set_separators(&e, p[P_SEPARATORS]) < 0) {
        rc_xdecref(indent_str);
        return NULL;
    }
    lx_buf_init(&e.out, I);
    int r = enc_value(&e, obj);
    free(e.open);
    rc_xdecref(indent_str);
    if (r < 0) {
        lx_buf_free(&e.out);
        return NULL;
    }
    return lx_buf_to_str(&e.out);
}

static rc_object *json_dumps(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    if (nargs != 1)
        return lx_raise(I, LX_TypeError, "dumps() takes 1 positional argument but %zu were given",
                        nargs);
    return encode(I, "dumps", args[0], kwargs);
}

static rc_object *json_dump(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    if (nargs != 2)
        return lx_raise(I, LX_TypeError, "dump() takes 2 positional arguments but %zu were given",
                        nargs);
    rc_object *text = encode(I, "dump", args[0], kwargs);
    rc_object *write = text ? lx_getattr(I, args[1], "write") : NULL;
    rc_object *r = write ? lx_call(I, write, &text, 1, NULL) : NULL;
    rc_xdecref(text);
    rc_xdecref(write);
    if (!r)
        return NULL;
    rc_decref(r);
    return rc_none();
}

/* ---- decoding -------------------------------------------------------------------- */

typedef struct json_dec {
    lx_interp *I;
    rc_object *doc;                 /* the document, a str (errors quote it) */
    const char *s;
    size_t n;
    rc_object *object_hook, *object_pairs_hook, *parse_float, *parse_int, *parse_constant;
    rc_object *keys;                /* dict: each object key read so far, to itself */
    size_t depth, max_depth;
} json_dec;

/* Raise JSONDecodeError(msg, doc, pos) with pos the code point index of
 * byte offset at.  Returns NULL. */
static rc_object *dec_error(json_dec *d, const char *msg, size_t at)
{
    lx_interp *I = d->I;
    rc_object *name = lx_strz(I, "json");
    rc_object *json = name ? rc_dict_get(lx_modules(I), name) : NULL;
    rc_object *cls = json ? lx_getattr(I, json, "JSONDecodeError") : NULL;
    rc_xdecref(name);
    if (!cls) {
        lx_exc_clear(I);
        return lx_raise(I, LX_ValueError, "%s (char %zu)", msg, lx_utf8_count(d->s, at));
    }
    rc_object *args[3] = {lx_strz(I, msg), d->doc, lx_int(I, (int64_t)lx_utf8_count(d->s, at))};
    rc_object *exc = args[0] && args[2] ? lx_call(I, cls, args, 3, NULL) : NULL;
    rc_xdecref(args[0]);
    rc_xdecref(args[2]);
    rc_decref(cls);
    if (exc)
        lx_exc_restore(I, exc);
    return NULL;
}

static size_t skip_ws(const json_dec *d, size_t i)
{
    while (i < d->n && (d->s[i] == ' ' || d->s[i] == '\t' || d->s[i] == '\n' || d->s[i] == '\r'))
        i++;
    return i;
}

/* Does the text at i start with word? */
static int at_word(const json_dec *d, size_t i, const char *word)
{
    size_t n = strlen(word);
    return d->n - i >= n && memcmp(d->s + i, word, n) == 0;
}

static rc_object *dec_value(json_dec *d, size_t i, size_t *end);

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The 4 hex digits at i as a code unit, or -1. */
static long hex4(const json_dec *d, size_t i)
{
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hex_value(d->s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* The \u escape whose 'u' is at i (a surrogate pair joined): code point, or
 * NULL-style -1 with the exception.  *end gets the offset after it. */
static long dec_unicode_escape(json_dec *d, size_t i, size_t *end)
{
    if (i + 5 >= d->n) {
        dec_error(d, "Invalid \\uXXXX escape", i);
        return -1;
    }
    long cp = hex4(d, i + 1);
    if (cp < 0) {
        dec_error(d, "Invalid \\uXXXX escape", i);
        return -1;
    }
    *end = i + 5;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 11 < d->n && d->s[i + 5] == '\\' && d->s[i + 6] == 'u') {
        long low = hex4(d, i + 7);
        if (low < 0) {
            dec_error(d, "Invalid \\uXXXX escape", i + 6);
            return -1;
        }
        if (low >= 0xDC00 && low <= 0xDFFF) {
            *end = i + 11;
            return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
        lx_raise(d->I, LX_ValueError, "lone surrogate \\u%04lx in a JSON string: strings are UTF-8 here",
                 cp);
        return -1;
    }
    return cp;
}

/* One escape whose backslash is at i, appended to b; the offset after it,
 * or 0 with the exception. */
static size_t dec_escape(json_dec *d, size_t i, size_t quote, lx_buf *b)
{
    if (i + 1 >= d->n) {
        dec_error(d, "Unterminated string starting at", quote);
        return 0;
    }
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *p = d->s[i + 1] ? strchr(from, d->s[i + 1]) : NULL;
    if (p)
        return lx_buf_putc(b, to[p - from]) < 0 ? 0 : i + 2;
    if (d->s[i + 1] != 'u') {
        dec_error(d, "Invalid \\escape", i);
        return 0;
    }
    size_t end;
    long cp = dec_unicode_escape(d, i + 1, &end);
    if (cp < 0)
        return 0;
    char utf8[4];
    return lx_buf_put(b, utf8, lx_utf8_encode((uint32_t)cp, utf8)) < 0 ? 0 : end;
}

/* The string whose opening quote is at quote. */
static rc_object *dec_string(json_dec *d, size_t quote, size_t *end)
{
    size_t i = quote + 1, run = i;
    lx_buf b;
    lx_buf_init(&b, d->I);
    for (;;) {
        while (i < d->n && d->s[i] != '"' && d->s[i] != '\\' && (unsigned char)d->s[i] >= 0x20)
            i++;
        if (i == d->n) {
            lx_buf_free(&b);
            return dec_error(d, "Unterminated string starting at", quote);
        }
        if ((unsigned char)d->s[i] < 0x20) {
            lx_buf_free(&b);
            return dec_error(d, "Invalid control character at", i);
        }
        if (d->s[i] == '"')
            break;
        if (lx_buf_put(&b, d->s + run, i - run) < 0 || !(i = dec_escape(d, i, quote, &b))) {
            lx_buf_free(&b);
            return NULL;
        }
        run = i;
    }
    *end = i + 1;
    if (b.len == 0)         /* no escapes: the bytes as they are */
        return lx_str_new(d->I, d->s + run, i - run);
    if (lx_buf_put(&b, d->s + run, i - run) < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}

static int is_digit(const json_dec *d, size_t i)
{
    return i < d->n && d->s[i] >= '0' && d->s[i] <= '9';
}

static size_t skip_digits(const json_dec *d, size_t i)
{
    while (is_digit(d, i))
        i++;
    return i;
}

/* hook(text) for parse_int / parse_float / parse_constant. */
static rc_object *call_on_text(json_dec *d, rc_object *hook, const char *s, size_t n)
{
    rc_object *text = lx_str_new(d->I, s, n);
    rc_object *r = text ? lx_call(d->I, hook, &text, 1, NULL) : NULL;
    rc_xdecref(text);
    return r;
}

static rc_object *make_int(json_dec *d, size_t start, size_t stop)
{
    if (d->parse_int)
        return call_on_text(d, d->parse_int, d->s + start, stop - start);
    char text[32];
    size_t n = stop - start;
    errno = 0;
    long long v = 0;
    if (n < sizeof text) {
        memcpy(text, d->s + start, n);
        text[n] = '\0';
        v = strtoll(text, NULL, 10);
    }
    if (n >= sizeof text || errno == ERANGE)
        return lx_int_from_digits(d->I, d->s + start, n, 10);
    return lx_int(d->I, (int64_t)v);
}

static rc_object *make_float(json_dec *d, size_t start, size_t stop)
{
    if (d->parse_float)
        return call_on_text(d, d->parse_float, d->s + start, stop - start);
    char small[64], *text = stop - start < sizeof small ? small : malloc(stop - start + 1);
    if (!text)
        return lx_raise(d->I, LX_MemoryError, "%s", "");
    memcpy(text, d->s + start, stop - start);
    text[stop - start] = '\0';
    double v = strtod(text, NULL);
    if (text != small)
        free(text);
    return lx_float(d->I, v);
}

/* A number at i (JSON's grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?),
 * or NULL with no exception when there is none. */
static rc_object *dec_number(json_dec *d, size_t i, size_t *end)
{
    size_t p = i + (d->s[i] == '-');
    if (!is_digit(d, p))
        return NULL;
    p = d->s[p] == '0' ? p + 1 : skip_digits(d, p);
    int is_float = 0;
    if (p < d->n && d->s[p] == '.' && is_digit(d, p + 1)) {
        p = skip_digits(d, p + 1);
        is_float = 1;
    }
    if (p < d->n && (d->s[p] == 'e' || d->s[p] == 'E')) {
        size_t q = p + 1;
        if (q < d->n && (d->s[q] == '+' || d->s[q] == '-'))
            q++;
        if (is_digit(d, q)) {
            p = skip_digits(d, q);
            is_float = 1;
        }
    }
    *end = p;
    return is_float ? make_float(d, i, p) : make_int(d, i, p);
}

/* NaN, Infinity or -Infinity at i, or NULL with no exception. */
static rc_object *dec_constant(json_dec *d, size_t i, size_t *end)
{
    static const char *const names[] = {"NaN", "Infinity", "-Infinity"};
    for (size_t k = 0; k < 3; k++)
        if (at_word(d, i, names[k])) {
            *end = i + strlen(names[k]);
            if (d->parse_constant)
                return call_on_text(d, d->parse_constant, names[k], strlen(names[k]));
            return lx_float(d->I, k == 0 ? NAN : k == 1 ? INFINITY : -INFINITY);
        }
    return NULL;
}

static int dec_enter(json_dec *d, const char *what)
{
    if (++d->depth <= d->max_depth)
        return 0;
    lx_raise(d->I, LX_RecursionError,
             "maximum recursion depth exceeded while decoding a JSON %s from a unicode string",
             what);
    return -1;
}

/* After an item at i: 1 at the closer (*i past it), 0 after a ',' (*i at
 * the next item), -1 with "Expecting ',' delimiter". */
static int dec_after_item(json_dec *d, size_t *i, char closer)
{
    size_t p = skip_ws(d, *i);
    if (p < d->n && d->s[p] == closer) {
        *i = p + 1;
        return 1;
    }
    if (p >= d->n || d->s[p] != ',') {
        dec_error(d, "Expecting ',' delimiter", p);
        return -1;
    }
    *i = skip_ws(d, p + 1);
    return 0;
}

/* The array whose '[' is at i. */
static rc_object *dec_array(json_dec *d, size_t i, size_t *end)
{
    if (dec_enter(d, "array") < 0)
        return NULL;
    rc_object *list = lx_list_new(d->I);
    i = skip_ws(d, i + 1);
    int done = i < d->n && d->s[i] == ']';
    if (done)
        i++;
    while (list && !done) {
        size_t next;
        rc_object *item = dec_value(d, i, &next);
        if (!item || lx_list_append_steal(d->I, list, item) < 0 ||
            (i = next, done = dec_after_item(d, &i, ']')) < 0)
            RC_CLEAR(list);
    }
    d->depth--;
    *end = i;
    return list;
}

/* Replace *key (owned) by the equal key read earlier, so the objects of a
 * document share their keys' strs, as CPython's decoder makes them. */
static int share_key(json_dec *d, rc_object **key)
{
    rc_object *seen = rc_dict_get(d->keys, *key);
    if (seen) {
        rc_incref(seen);
        rc_decref(*key);
        *key = seen;
        return 0;
    }
    if (rc_dict_set(d->keys, *key, *key) == 0)
        return 0;
    mod_raise_nomem(d->I);
    return -1;
}

/* One "key": value at i into pairs (a list of tuples) or dict. */
static int dec_member(json_dec *d, size_t *i, rc_object *pairs, rc_object *dict)
{
    if (*i >= d->n || d->s[*i] != '"') {
        dec_error(d, "Expecting property name enclosed in double quotes", *i);
        return -1;
    }
    size_t p;
    rc_object *key = dec_string(d, *i, &p);
    if (!key || share_key(d, &key) < 0) {
        rc_xdecref(key);
        return -1;
    }
    p = skip_ws(d, p);
    rc_object *value = NULL;
    if (p >= d->n || d->s[p] != ':')
        dec_error(d, "Expecting ':' delimiter", p);
    else
        value = dec_value(d, skip_ws(d, p + 1), i);
    int r = -1;
    if (value && pairs) {
        rc_object *kv[2] = {key, value};
        r = mod_list_append_new(d->I, pairs, mod_tuple_of(d->I, kv, 2));
    } else if (value) {
        r = rc_dict_set(dict, key, value);
        if (r < 0)
            mod_raise_nomem(d->I);
    }
    rc_decref(key);
    rc_xdecref(value);
    return r;
}

/* The object whose '{' is at i, through object_pairs_hook / object_hook. */
static rc_object *dec_object(json_dec *d, size_t i, size_t *end)
{
    if (dec_enter(d, "object") < 0)
        return NULL;
    rc_object *pairs = d->object_pairs_hook ? lx_list_new(d->I) : NULL;
    rc_object *dict = pairs ? NULL : lx_dict_new(d->I);
    rc_object *built = pairs ? pairs : dict;
    i = skip_ws(d, i + 1);
    int done = i < d->n && d->s[i] == '}';
    if (done)
        i++;
    while (built && !done)
        if (dec_member(d, &i, pairs, dict) < 0 || (done = dec_after_item(d, &i, '}')) < 0)
            RC_CLEAR(built);
    d->depth--;
    *end = i;
    rc_object *hook = pairs ? d->object_pairs_hook : d->object_hook;
    if (!built || !hook)
        return built;
    rc_object *r = lx_call(d->I, hook, &built, 1, NULL);
    rc_decref(built);
    return r;
}

/* The value at i; "Expecting value" at i when there is none. */
static rc_object *dec_value(json_dec *d, size_t i, size_t *end)
{
    if (i < d->n) {
        switch (d->s[i]) {
        case '"': return dec_string(d, i, end);
        case '[': return dec_array(d, i, end);
        case '{': return dec_object(d, i, end);
        case 'n': if (at_word(d, i, "null")) { *end = i + 4; return rc_none(); } break;
        case 't': if (at_word(d, i, "true")) { *end = i + 4; return rc_true(); } break;
        case 'f': if (at_word(d, i, "false")) { *end = i + 5; return rc_false(); } break;
        default: break;
        }
        rc_object *v = dec_constant(d, i, end);
        if (!v && !lx_exc_occurred(d->I))
            v = dec_number(d, i, end);
        if (v || lx_exc_occurred(d->I))
            return v;
    }
    return dec_error(d, "Expecting value", i);
}

static const char *const loads_params[] = {
    "cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook",
};
enum { L_CLS, L_OBJECT_HOOK, L_PARSE_FLOAT, L_PARSE_INT, L_PARSE_CONSTANT, L_PAIRS_HOOK, L_COUNT };

static rc_object *hook_arg(rc_object *o)
{
    return o && o != rc_none() ? o : NULL;
}

/* The document as a str: a str as it is, bytes decoded as UTF-8 (a BOM
 * dropped). */
static rc_object *document_str(lx_interp *I, rc_object *s)
{
    if (lx_is_str(s)) {
        rc_incref(s);
        return s;
    }
    if (!rc_is_type(s, &rc_bytes_type))
        return lx_raise(I, LX_TypeError, "the JSON object must be str, bytes or bytearray, not %s",
                        lx_type_name(I, s));
    const char *b = (const char *)rc_bytes_data(s);
    size_t n = rc_bytes_len(s);
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        b += 3, n -= 3;
    return lx_str_new(I, b, n);
}

static rc_object *decode(lx_interp *I, const char *fname, rc_object *s, rc_object *kwargs)
{
    rc_object *p[L_COUNT];
    if (mod_parse_args(I, fname, NULL, 0, kwargs, loads_params, L_COUNT, p) < 0)
        return NULL;
    rc_object *doc = document_str(I, s);
    if (!doc)
        return NULL;
    json_dec d = {
        .I = I, .doc = doc, .s = rc_str_data(doc), .n = rc_str_size(doc),
        .object_hook = hook_arg(p[L_OBJECT_HOOK]), .object_pairs_hook = hook_arg(p[L_PAIRS_HOOK]),
        .parse_float = hook_arg(p[L_PARSE_FLOAT]), .parse_int = hook_arg(p[L_PARSE_INT]),
        .parse_constant = hook_arg(p[L_PARSE_CONSTANT]),
        .max_depth = (size_t)lx_get_recursion_limit(I), .keys = lx_dict_new(I),
    };
    rc_object *v = NULL;
    size_t end;
    if (!d.keys)
        mod_raise_nomem(I);
    else if (at_word(&d, 0, "\xEF\xBB\xBF"))
        dec_error(&d, "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    else if ((v = dec_value(&d, skip_ws(&d, 0), &end)) && (end = skip_ws(&d, end)) != d.n) {
        RC_CLEAR(v);
        dec_error(&d, "Extra data", end);
    }
    rc_xdecref(d.keys);
    rc_decref(doc);
    return v;
}

static rc_object *json_loads(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    if (nargs != 1)
        return lx_raise(I, LX_TypeError, "loads() takes 1 positional argument but %zu were given",
                        nargs);
    return decode(I, "loads", args[0], kwargs);
}

static rc_object *json_load(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kwargs)
{
    if (nargs != 1)
        return lx_raise(I, LX_TypeError, "load() takes 1 positional argument but %zu were given",
                        nargs);
    rc_object *read = lx_getattr(I, args[0], "read");
    rc_object *text = read ? lx_call(I, read, NULL, 0, NULL) : NULL;
    rc_object *r = text ? decode(I, "load", text, kwargs) : NULL;
    rc_xdecref(read);
    rc_xdecref(text);
    return r;
}

/* ---- the module ------------------------------------------------------------------- */

/* JSONDecodeError, in Python: ValueError's args hold the full message. */
static const char decode_error_source[] =
    "class JSONDecodeError(ValueError):\n"
    "    def __init__(self, msg, doc, pos):\n"
    "        before = doc[:pos]\n"
    "        self.msg, self.doc, self.pos = msg, doc, pos\n"
    "        self.lineno = before.count('\\n') + 1\n"
    "        self.colno = pos - before.rfind('\\n')\n"
    "        super().__init__(f'{msg}: line {self.lineno} column {self.colno} (char {pos})')\n";

static rc_object *make_decode_error(lx_interp *I)
{
    return mod_define_in_python(I, "json.decoder", decode_error_source, sizeof decode_error_source - 1,
                                "JSONDecodeError");
}

static const lx_func_def json_functions[] = {
    {"dumps", json_dumps},
    {"dump", json_dump},
    {"loads", json_loads},
    {"load", json_load},
    {NULL, NULL},
};

rc_object *lx_mod_json_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "json", json_functions);
    if (m && mod_set_new(I, m, "JSONDecodeError", make_decode_error(I)) < 0)
        RC_CLEAR(m);
    return m;
}
