/*
 * lang/format.c — turning values into text: repr(float), the format-spec
 * mini-language (format(), f-string fields, str.format), str.format itself
 * and printf-style `fmt % args`.
 *
 * Design: every number is laid out as four pieces — sign, prefix ("0x"),
 * integer digits, the rest (fraction, exponent, "%") — and one function
 * (emit_number) applies grouping, fill, alignment and width to them, for
 * both the mini-language and % formatting, which differ only in how their
 * flags map onto an fspec.  Doubles are printed by the C library ("%.*e",
 * "%.*f": glibc rounds exactly, half to even on the binary value, as
 * CPython's dtoa does); 'g' and the no-type form are built on those two.
 * repr(float) is the shortest "%.*e" that reads back to the same double,
 * laid out as CPython lays out repr.
 *
 * All text is built in an lx_buf (the interpreter's heap); every error is
 * the exception CPython 3.11 raises, with its wording.
 */
#include "methods_util.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the format spec ----------------------------------------------------- */

typedef struct fspec {
    char fill[4];
    size_t fill_len;            /* bytes of fill (one code point) */
    char align;                 /* '<' '>' '^' '=' or 0 */
    char sign;                  /* '+' '-' ' ' or 0 */
    int z, alt, zero;           /* 'z', '#', '0' flags */
    int64_t width;              /* -1: none */
    char grouping;              /* ',' '_' or 0 */
    int64_t precision;          /* -1: none */
    char type;                  /* 0: none */
} fspec;

static void fspec_default(fspec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->fill[0] = ' ';
    sp->fill_len = 1;
    sp->width = sp->precision = -1;
}

static int is_align(char c) { return c == '<' || c == '>' || c == '^' || c == '='; }

/* Digits at s[*i..]: -1 if none; -2 (ValueError raised) if too many. */
static int64_t parse_count(lx_interp *I, const char *s, size_t n, size_t *i)
{
    int64_t v = -1;
    for (; *i < n && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
        v = (v < 0 ? 0 : v) * 10 + (s[*i] - '0');
        if (v > INT32_MAX) {
            lx_raise(I, LX_ValueError, "Too many decimal digits in format string");
            return -2;
        }
    }
    return v;
}

static int parse_spec(lx_interp *I, const char *s, size_t n, const char *tname, fspec *sp)
{
    fspec_default(sp);
    size_t i = 0, first = n ? lx_utf8_seqlen((unsigned char)s[0]) : 0;
    int explicit_fill = n > first && is_align(s[first]);
    if (explicit_fill) {
        memcpy(sp->fill, s, first);
        sp->fill_len = first;
        sp->align = s[first];
        i = first + 1;
    } else if (n > 0 && is_align(s[0])) {
        sp->align = s[0];
        i = 1;
    }
    if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' '))
        sp->sign = s[i++];
    if (i < n && s[i] == 'z')
        sp->z = 1, i++;
    if (i < n && s[i] == '#')
        sp->alt = 1, i++;
    if (i < n && s[i] == '0')
        sp->zero = 1, i++;
    if ((sp->width = parse_count(I, s, n, &i)) == -2)
        return -1;
    if (i < n && (s[i] == ',' || s[i] == '_'))
        sp->grouping = s[i++];
    if (i < n && (s[i] == ',' || s[i] == '_')) {
        lx_raise(I, LX_ValueError, "Cannot specify both ',' and '_'.");
        return -1;
    }
    if (i < n && s[i] == '.') {
        i++;
        if ((sp->precision = parse_count(I, s, n, &i)) == -2)
            return -1;
        if (sp->precision < 0) {
            lx_raise(I, LX_ValueError, "Format specifier missing precision");
            return -1;
        }
    }
    if (n - i > 1 || (i < n && (unsigned char)s[i] >= 0x80)) {
        lx_raise(I, LX_ValueError, "Invalid format specifier '%.*s' for object of type '%s'",
                 (int)n, s, tname);
        return -1;
    }
    if (i < n)
        sp->type = s[i];
    if (sp->grouping && !strchr(sp->grouping == ',' ? "deEfFgG%" : "bdeEfFgGoxX%", sp->type)) {
        lx_raise(I, LX_ValueError, "Cannot specify '%c' with '%c'.", sp->grouping, sp->type);
        return -1;
    }
    if (sp->zero) {                     /* '0' before the width: zero fill */
        if (!explicit_fill)
            sp->fill[0] = '0';
        if (!sp->align)
            sp->align = '=';
    }
    return 0;
}

/* ---- layout ------------------------------------------------------------- */

static int put_fill(lx_buf *b, const fspec *sp, size_t count)
{
    return lx_buf_repeat(b, sp->fill, sp->fill_len, count);
}

/* text (cps code points) padded to the width; default alignment dflt. */
static int emit_padded(lx_buf *b, const fspec *sp, char dflt, const char *text, size_t size,
                       size_t cps)
{
    size_t pad = sp->width > (int64_t)cps ? (size_t)sp->width - cps : 0;
    char align = sp->align ? sp->align : dflt;
    size_t left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    if (put_fill(b, sp, left) < 0 || lx_buf_put(b, text, size) < 0)
        return -1;
    return put_fill(b, sp, pad - left);
}

/* The integer digits with separators every `group` digits, padded with
 * leading zeros to at least min_len characters (zero fill with grouping). */
static int put_grouped(lx_buf *b, const char *digits, size_t n, char sep, size_t group,
                       size_t min_len)
{
    size_t total = n;
    if (sep) {
        while (total + (total - 1) / group < min_len)
            total++;
    } else if (total < min_len)
        total = min_len;
    for (size_t k = total; k > 0; k--) {
        char c = k > n ? '0' : digits[n - k];
        if (lx_buf_putc(b, c) < 0)
            return -1;
        if (sep && k > 1 && (k - 1) % group == 0 && lx_buf_putc(b, sep) < 0)
            return -1;
    }
    return 0;
}

static size_t grouped_len(size_t n, char sep, size_t group)
{
    return sep && n ? n + (n - 1) / group : n;
}

typedef struct numparts {
    const char *sign;           /* "", "-", "+", " " */
    const char *prefix;         /* "", "0x", ... */
    const char *digits;         /* integer digits (may be empty: inf, nan) */
    size_t ndigits;
    const char *rest;           /* ".5e+03", "%", "inf" */
    size_t nrest;
    size_t group;               /* digits per group: 3, or 4 for b o x with '_' */
} numparts;

static int emit_number(lx_buf *b, const fspec *sp, const numparts *np)
{
    size_t head = strlen(np->sign) + strlen(np->prefix);
    size_t body = grouped_len(np->ndigits, sp->grouping, np->group) + np->nrest;
    size_t width = sp->width > 0 ? (size_t)sp->width : 0;
    char align = sp->align ? sp->align : '>';
    int zero_grouped = align == '=' && sp->grouping && np->ndigits > 0 &&
                       sp->fill_len == 1 && sp->fill[0] == '0';
    size_t min_digits = 0;              /* zero fill goes into the grouped digits */
    if (zero_grouped && width > head + body) {
        min_digits = width - head - np->nrest;
        size_t total = np->ndigits;
        while (grouped_len(total, sp->grouping, np->group) < min_digits)
            total++;
        body = grouped_len(total, sp->grouping, np->group) + np->nrest;
    }
    size_t pad = width > head + body ? width - head - body : 0;
    size_t left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    if (align == '=')
        left = 0;
    if (put_fill(b, sp, left) < 0 || lx_buf_put(b, np->sign, strlen(np->sign)) < 0 ||
        lx_buf_put(b, np->prefix, strlen(np->prefix)) < 0 ||
        (align == '=' && put_fill(b, sp, pad) < 0) ||
        put_grouped(b, np->digits, np->ndigits, sp->grouping, np->group, min_digits) < 0 ||
        lx_buf_put(b, np->rest, np->nrest) < 0)
        return -1;
    return align == '=' ? 0 : put_fill(b, sp, pad - left);
}

/* ---- integers ----------------------------------------------------------- */

/* |v| in base (2, 8, 10, 16) into out (at least 65 bytes); its length. */
static size_t utoa_base(uint64_t u, unsigned base, int upper, char *out)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[65];
    size_t n = 0;
    do {
        tmp[n++] = digits[u % base];
        u /= base;
    } while (u);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

static const char *sign_of(int negative, char sign_flag)
{
    return negative ? "-" : sign_flag == '+' ? "+" : sign_flag == ' ' ? " " : "";
}

static unsigned base_of(char type)
{
    return type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
}

static const char *alt_prefix(char type)
{
    return type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : type == 'X' ? "0X" : "";
}

static int emit_char(lx_interp *I, lx_buf *b, const fspec *sp, int64_t v)
{
    if (v < 0 || v > 0x10FFFF) {
        lx_raise(I, LX_OverflowError, "%%c arg not in range(0x110000)");
        return -1;
    }
    if (v >= 0xD800 && v <= 0xDFFF) {       /* strings here are valid UTF-8 */
        lx_raise(I, LX_ValueError, "%%c arg is a lone surrogate (not supported)");
        return -1;
    }
    char enc[4];
    size_t n = lx_utf8_encode((uint32_t)v, enc);
    fspec right = *sp;
    if (right.align == '=')                 /* no sign to pad after */
        right.align = '>';
    return emit_padded(b, &right, '>', enc, n, 1);
}

static int format_double(lx_interp *I, lx_buf *b, double v, const fspec *sp, const char *tname);

/* The digits of |v| for an int of any size in base 2, 8, 10 or 16: in
 * small (65 bytes) for an int64, else in *big (a str to drop; the decimal
 * limit applies); NULL with an exception. */
static const char *int_digits(lx_interp *I, rc_object *v, unsigned base, int upper, char *small,
                              rc_object **big, size_t *n)
{
    *big = NULL;
    if (!rc_is_type(v, &rc_bigint_type)) {
        int64_t iv = 0;
        lx_int_like(v, &iv);
        *n = utoa_base(lx_magnitude(iv), base, upper, small);
        return small;
    }
    *big = lx_int_to_str(I, v, (int)base);
    if (!*big)
        return NULL;
    char *d = (char *)rc_str_data(*big) + (rc_bigint_sign(v) < 0);
    *n = rc_str_size(*big) - (size_t)(rc_bigint_sign(v) < 0);
    for (size_t i = 0; upper && i < *n; i++)
        if (d[i] >= 'a' && d[i] <= 'f')
            d[i] = (char)(d[i] - 'a' + 'A');     /* the str is new and ours alone */
    return d;
}

static int format_int(lx_interp *I, lx_buf *b, rc_object *value, const fspec *sp, const char *tname)
{
    char t = sp->type ? sp->type : 'd';
    int64_t v = 0;
    int big = !lx_int_like(value, &v);
    if (strchr("eEfFgG%", t)) {
        double d = (double)v;
        if (big && lx_int_to_double(I, value, &d) < 0)
            return -1;
        return format_double(I, b, d, sp, tname);
    }
    if (!strchr("bcdoxXn", t)) {
        lx_raise(I, LX_ValueError, "Unknown format code '%c' for object of type '%s'", t, tname);
        return -1;
    }
    const char *err = NULL;
    if (sp->precision >= 0)
        err = "Precision not allowed in integer format specifier";
    else if (sp->z)
        err = "Negative zero coercion (z) not allowed in integer format specifier";
    else if (t == 'c' && sp->sign)
        err = "Sign not allowed with integer format specifier 'c'";
    else if (t == 'c' && sp->alt)
        err = "Alternate form (#) not allowed with integer format specifier 'c'";
    if (err) {
        lx_raise(I, LX_ValueError, "%s", err);
        return -1;
    }
    if (t == 'c' && big) {
        lx_raise(I, LX_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    if (t == 'c')
        return emit_char(I, b, sp, v);
    char small[65];
    rc_object *held;
    size_t n;
    const char *digits = int_digits(I, value, base_of(t), t == 'X', small, &held, &n);
    if (!digits)
        return -1;
    numparts np = {sign_of(rc_bigint_sign(value) < 0, sp->sign), sp->alt ? alt_prefix(t) : "", digits, n, "", 0,
                   base_of(t) == 10 ? 3 : 4};
    int rc = emit_number(b, sp, &np);
    rc_xdecref(held);
    return rc;
}

/* ---- doubles ------------------------------------------------------------ */

/* snprintf of one double into b with "%.*e" or "%.*f". */
static int put_c_double(lx_buf *b, char conv, int prec, double v)
{
    int n = conv == 'e' ? snprintf(NULL, 0, "%.*e", prec, v) : snprintf(NULL, 0, "%.*f", prec, v);
    char *p = lx_buf_extend(b, (size_t)n + 1);
    if (!p)
        return -1;
    if (conv == 'e')
        snprintf(p, (size_t)n + 1, "%.*e", prec, v);
    else
        snprintf(p, (size_t)n + 1, "%.*f", prec, v);
    b->len--;                               /* drop the NUL */
    return 0;
}

/* The shortest decimal digits of av > 0 (finite) that read back to av:
 * digits[0..return) and the decimal point position decpt (value =
 * 0.DIGITS x 10^decpt).  If the 15-digit rounding reads back, so does any
 * shorter one that does, and it is that rounding without its trailing
 * zeros (a string within half an ulp of av is within half a unit of the
 * 15th digit); otherwise 16 or 17 digits are needed.  Subnormals have
 * fewer bits than that argument assumes: they are searched. */
static size_t shortest_digits(double av, char digits[20], int *decpt)
{
    char buf[40];
    int p = 15;
    if (av < DBL_MIN) {                     /* subnormal: fewer bits, search 1..17 */
        int lo = 1, hi = 17;
        while (lo < hi) {                   /* reading back is monotonic in p */
            int mid = (lo + hi) / 2;
            snprintf(buf, sizeof buf, "%.*e", mid - 1, av);
            if (strtod(buf, NULL) == av)
                hi = mid;
            else
                lo = mid + 1;
        }
        p = lo;
    } else
        for (; p < 17; p++) {
            snprintf(buf, sizeof buf, "%.*e", p - 1, av);
            if (strtod(buf, NULL) == av)
                break;
        }
    snprintf(buf, sizeof buf, "%.*e", p - 1, av);
    size_t n = 0;
    const char *q = buf;
    for (; *q != 'e'; q++)
        if (*q != '.')
            digits[n++] = *q;
    *decpt = atoi(q + 1) + 1;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    return n;
}

/* repr of av >= 0 (finite) into b: fixed notation for -4 < decpt <= 16,
 * else d.ddde+XX. */
static int put_repr_abs(lx_buf *b, double av)
{
    if (av == 0)
        return lx_buf_put(b, "0.0", 3);
    char digits[20];
    int decpt;
    size_t n = shortest_digits(av, digits, &decpt);
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0)
            return lx_buf_put(b, "0.", 2) || lx_buf_repeat(b, "0", 1, (size_t)-decpt) ||
                   lx_buf_put(b, digits, n) ? -1 : 0;
        if ((size_t)decpt >= n)
            return lx_buf_put(b, digits, n) || lx_buf_repeat(b, "0", 1, (size_t)decpt - n) ||
                   lx_buf_put(b, ".0", 2) ? -1 : 0;
        return lx_buf_put(b, digits, (size_t)decpt) || lx_buf_putc(b, '.') ||
               lx_buf_put(b, digits + decpt, n - (size_t)decpt) ? -1 : 0;
    }
    char exp[16];
    int e = decpt - 1;
    snprintf(exp, sizeof exp, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    if (lx_buf_putc(b, digits[0]) < 0 || (n > 1 && (lx_buf_putc(b, '.') < 0 ||
                                                  lx_buf_put(b, digits + 1, n - 1) < 0)))
        return -1;
    return lx_buf_put(b, exp, strlen(exp));
}

int lx_buf_put_float_repr(lx_buf *b, double v)
{
    return (signbit(v) && lx_buf_putc(b, '-') < 0) || put_repr_abs(b, fabs(v)) < 0 ? -1 : 0;
}

rc_object *lx_float_repr(lx_interp *I, double v)
{
    if (isnan(v))
        return lx_strz(I, "nan");
    if (isinf(v))
        return lx_strz(I, v < 0 ? "-inf" : "inf");
    lx_buf b;
    lx_buf_init(&b, I);
    if (lx_buf_put_float_repr(&b, v) < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}

/* Drop trailing zeros of the fraction in b->data[start..] (before any
 * exponent), and the point if nothing is left after it. */
static void strip_fraction_zeros(lx_buf *b, size_t start)
{
    char *s = b->data + start, *end = b->data + b->len;
    char *dot = memchr(s, '.', (size_t)(end - s));
    if (!dot)
        return;
    char *e = memchr(s, 'e', (size_t)(end - s));
    char *stop = e ? e : end, *q = stop;
    while (q > dot + 1 && q[-1] == '0')
        q--;
    if (q == dot + 1)
        q = dot;
    size_t tail = (size_t)(end - stop);
    memmove(q, stop, tail);
    b->len = (size_t)(q - b->data) + tail;
}

/* The 'g' family: p significant digits; fixed notation while
 * -4 <= exp < limit.  none_type: the mini-language's no-type form (limit
 * p-1, and ".0" kept on fixed results). */
static int put_general(lx_buf *b, double av, int p, int alt, int none_type)
{
    if (p == 0)
        p = 1;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.*e", p - 1 > 20 ? 20 : p - 1, av);
    int exp = atoi(strchr(tmp, 'e') + 1);
    if (p - 1 > 20) {                       /* the exponent of the p-digit rounding */
        lx_buf t;
        lx_buf_init(&t, b->I);
        if (put_c_double(&t, 'e', p - 1, av) < 0)
            return -1;
        exp = atoi(memchr(t.data, 'e', t.len) + 1);
        lx_buf_free(&t);
    }
    size_t start = b->len;
    int fixed = exp >= -4 && exp < (none_type ? p - 1 : p);
    if (put_c_double(b, fixed ? 'f' : 'e', fixed ? p - 1 - exp : p - 1, av) < 0)
        return -1;
    int has_dot = memchr(b->data + start, '.', b->len - start) != NULL;
    if (!alt)
        strip_fraction_zeros(b, start);
    else if (!has_dot) {                    /* '#': always a point */
        char *e = memchr(b->data + start, 'e', b->len - start);
        size_t at = e ? (size_t)(e - b->data) : b->len;
        if (!lx_buf_extend(b, 1))
            return -1;
        memmove(b->data + at + 1, b->data + at, b->len - 1 - at);
        b->data[at] = '.';
    }
    if (none_type && fixed && !memchr(b->data + start, '.', b->len - start))
        return lx_buf_put(b, ".0", 2);
    return 0;
}

/* |v| (finite) in the form of conv into b: e f g % n, 'r' (repr) or 'N'
 * (no type, with precision).  Upper-case forms are handled by the caller. */
static int put_double_abs(lx_buf *b, double av, char conv, int64_t prec, int alt)
{
    int p = prec < 0 ? 6 : (int)prec;
    switch (conv) {
    case 'e':
        if (put_c_double(b, 'e', p, av) < 0)
            return -1;
        if (alt && p == 0) {
            char *e = memchr(b->data, 'e', b->len);
            size_t at = (size_t)(e - b->data);
            if (!lx_buf_extend(b, 1))
                return -1;
            memmove(b->data + at + 1, b->data + at, b->len - 1 - at);
            b->data[at] = '.';
        }
        return 0;
    case 'f':
    case '%':
        if (put_c_double(b, 'f', p, conv == '%' ? av * 100 : av) < 0 ||
            (alt && p == 0 && lx_buf_putc(b, '.') < 0))
            return -1;
        return conv == '%' ? lx_buf_putc(b, '%') : 0;
    case 'g':
        return put_general(b, av, p, alt, 0);
    case 'N':
        return put_general(b, av, p, alt, 1);
    default:
        return put_repr_abs(b, av);
    }
}

static int all_zero_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 'e' || s[i] == 'E')
            break;
        if (s[i] != '0' && s[i] != '.' && s[i] != '%')
            return 0;
    }
    return 1;
}

/* A double, laid out per sp: the conversion conv and case upper already
 * chosen.  Shared by the mini-language and % formatting. */
static int emit_double(lx_buf *out, const fspec *sp, double v, char conv, int upper)
{
    lx_buf body;
    lx_buf_init(&body, out->I);
    int negative = signbit(v) && !isnan(v);
    int rc;
    if (isnan(v) || isinf(v))
        rc = lx_buf_put(&body, isnan(v) ? "nan" : "inf", 3) |
             (conv == '%' ? lx_buf_putc(&body, '%') : 0);
    else
        rc = put_double_abs(&body, fabs(v), conv, sp->precision, sp->alt);
    if (rc < 0) {
        lx_buf_free(&body);
        return -1;
    }
    if (upper)
        for (size_t i = 0; i < body.len; i++)
            if (body.data[i] >= 'a' && body.data[i] <= 'z')
                body.data[i] = (char)(body.data[i] - 32);
    if (negative && sp->z && all_zero_digits(body.data, body.len))
        negative = 0;
    size_t nint = 0;
    while (nint < body.len && body.data[nint] >= '0' && body.data[nint] <= '9')
        nint++;
    numparts np = {sign_of(negative, sp->sign), "", body.data, nint, body.data + nint,
                   body.len - nint, 3};
    rc = emit_number(out, sp, &np);
    lx_buf_free(&body);
    return rc;
}

static int format_double(lx_interp *I, lx_buf *b, double v, const fspec *sp, const char *tname)
{
    char t = sp->type;
    if (t && !strchr("eEfFgGn%", t)) {
        lx_raise(I, LX_ValueError, "Unknown format code '%c' for object of type '%s'", t, tname);
        return -1;
    }
    char conv = !t ? (sp->precision >= 0 ? 'N' : 'r')
                   : (t == 'n' || t == 'G') ? 'g' : (t == 'E' ? 'e' : (t == 'F' ? 'f' : t));
    return emit_double(b, sp, v, conv, t == 'E' || t == 'F' || t == 'G');
}

/* ---- strings and the dispatcher ----------------------------------------- */

static int format_text(lx_interp *I, lx_buf *b, rc_object *s, const fspec *sp, const char *tname)
{
    const char *err = NULL;
    if (sp->type && sp->type != 's') {
        lx_raise(I, LX_ValueError, "Unknown format code '%c' for object of type '%s'", sp->type, tname);
        return -1;
    }
    if (sp->sign)
        err = "Sign not allowed in string format specifier";
    else if (sp->z)
        err = "Negative zero coercion (z) not allowed in string format specifier";
    else if (sp->alt)
        err = "Alternate form (#) not allowed in string format specifier";
    else if (sp->align == '=' && !sp->zero)
        err = "'=' alignment not allowed in string format specifier";
    if (err) {
        lx_raise(I, LX_ValueError, "%s", err);
        return -1;
    }
    size_t cps = rc_str_len(s);
    if (sp->precision >= 0 && (size_t)sp->precision < cps)
        cps = (size_t)sp->precision;
    fspec s2 = *sp;
    if (s2.align == '=')                    /* the '0' flag on a string */
        s2.align = '<';
    return emit_padded(b, &s2, '<', rc_str_data(s), lx_str_offset(s, cps), cps);
}

/* A user object's __format__, looked up on its type as CPython does (so a
 * class is formatted by type's, not by the one it defines for its
 * instances): 1 done (*out set), 0 none, -1 error. */
static int call_dunder_format(lx_interp *I, rc_object *value, const char *spec, size_t n,
                              rc_object **out)
{
    rc_object *meth = lx_getattr(I, lx_type_of(I, value), "__format__");
    if (!meth) {
        if (!lx_exc_matches(I, LX_AttributeError))
            return -1;
        lx_exc_clear(I);
        return 0;
    }
    rc_object *args[2] = {value, lx_str_from_bytes(I, spec, n)};
    *out = args[1] ? lx_call(I, meth, args, 2, NULL) : NULL;
    rc_object *arg = args[1];
    rc_xdecref(arg);
    rc_decref(meth);
    return *out ? 1 : -1;
}

static int is_builtin_value(rc_object *v)
{
    static const rc_type *const types[] = {&rc_none_type, &rc_list_type, &rc_tuple_type,
                                           &rc_dict_type, &rc_bytes_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (rc_is_type(v, types[i]))
            return 1;
    return 0;
}

rc_object *lx_format_value(lx_interp *I, rc_object *value, const char *spec, size_t spec_len)
{
    if (!spec)
        spec_len = 0;
    int is_num = rc_is_any_int(value) || rc_is_type(value, &rc_float_type);
    if (!lx_is_str(value) && !is_num && !is_builtin_value(value)) {
        rc_object *r;
        int rc = call_dunder_format(I, value, spec ? spec : "", spec_len, &r);
        if (rc != 0)
            return rc > 0 ? r : NULL;
    }
    if (spec_len == 0 && !(rc_is_type(value, &rc_float_type) || lx_is_str(value)))
        return lx_str(I, value);
    const char *tname = lx_type_name(I, value);
    if (!is_num && !lx_is_str(value))
        return lx_raise(I, LX_TypeError, "unsupported format string passed to %s.__format__", tname);
    fspec sp;
    if (parse_spec(I, spec, spec_len, tname, &sp) < 0)
        return NULL;
    lx_buf b;
    lx_buf_init(&b, I);
    int rc;
    if (lx_is_str(value))
        rc = format_text(I, &b, value, &sp, tname);
    else if (rc_is_type(value, &rc_float_type))
        rc = format_double(I, &b, rc_float_value(value), &sp, tname);
    else
        rc = format_int(I, &b, value, &sp, tname);
    if (rc < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}

/* ---- str.format ----------------------------------------------------------- */

typedef struct fmt_state {
    rc_object *const *args;     /* positional arguments (self excluded) */
    size_t nargs;
    rc_object *kwargs;
    int64_t auto_index;         /* -1: manual numbering in use; -2: not yet decided */
    int manual;
} fmt_state;

static int render_format(lx_interp *I, lx_buf *out, const char *s, size_t n, fmt_state *st,
                         int depth);

static rc_object *positional(lx_interp *I, fmt_state *st, int64_t index)
{
    if (index < 0 || (size_t)index >= st->nargs)
        return lx_raise(I, LX_IndexError,
                        "Replacement index %lld out of range for positional args tuple",
                        (long long)index);
    rc_incref(st->args[index]);
    return st->args[index];
}

static rc_object *keyword(lx_interp *I, fmt_state *st, const char *name, size_t n)
{
    rc_object *key = lx_str_from_bytes(I, name, n), *v = NULL;
    if (!key)
        return NULL;
    int found = st->kwargs ? lx_dict_lookup(I, st->kwargs, key, &v) : 0;
    if (found == 0)
        lx_raise_key_error(I, key);
    rc_decref(key);
    if (found <= 0)
        return NULL;
    rc_incref(v);
    return v;
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int64_t parse_index(const char *s, size_t n)
{
    int64_t v = 0;
    for (size_t i = 0; i < n && v < INT32_MAX; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* The object named by the field name s[0..n): "", "0", "name", then any
 * ".attr" / "[key]" parts. */
static rc_object *resolve_field(lx_interp *I, const char *s, size_t n, fmt_state *st)
{
    size_t first = 0;
    while (first < n && s[first] != '.' && s[first] != '[')
        first++;
    rc_object *obj;
    if (first == 0 || all_digits(s, first)) {
        int automatic = first == 0;
        if (automatic ? st->manual == 1 : st->manual == 0)
            return lx_raise(I, LX_ValueError, automatic
                ? "cannot switch from manual field specification to automatic field numbering"
                : "cannot switch from automatic field numbering to manual field specification");
        st->manual = !automatic;
        obj = positional(I, st, automatic ? st->auto_index++ : parse_index(s, first));
    } else
        obj = keyword(I, st, s, first);
    size_t i = first;
    while (obj && i < n) {
        size_t j = i + 1, stop;
        rc_object *next;
        if (s[i] == '.') {
            while (j < n && s[j] != '.' && s[j] != '[')
                j++;
            char name[128];
            size_t len = j - i - 1 < sizeof name - 1 ? j - i - 1 : sizeof name - 1;
            memcpy(name, s + i + 1, len);
            name[len] = 0;
            next = lx_getattr(I, obj, name);
            stop = j;
        } else if (s[i] == '[') {
            while (j < n && s[j] != ']')
                j++;
            if (j >= n) {
                rc_decref(obj);
                return lx_raise(I, LX_ValueError, "Missing ']' in format string");
            }
            rc_object *key = all_digits(s + i + 1, j - i - 1)
                                 ? lx_int(I, parse_index(s + i + 1, j - i - 1))
                                 : lx_str_from_bytes(I, s + i + 1, j - i - 1);
            next = key ? lx_getitem(I, obj, key) : NULL;
            rc_xdecref(key);
            stop = j + 1;
        } else {
            rc_decref(obj);
            return lx_raise(I, LX_ValueError,
                            "Only '.' or '[' may follow ']' in format field specifier");
        }
        rc_decref(obj);
        obj = next;
        i = stop;
    }
    return obj;
}

/* ascii(): repr with non-ASCII code points escaped. */
static rc_object *ascii_of(lx_interp *I, rc_object *o)
{
    rc_object *r = lx_repr(I, o);
    if (!r || rc_str_len(r) == rc_str_size(r))
        return r;
    const char *s = rc_str_data(r);
    size_t n = rc_str_size(r), i = 0;
    lx_buf b;
    lx_buf_init(&b, I);
    while (i < n) {
        uint32_t c = lx_utf8_decode(s, &i);
        char esc[12];
        int len = c < 0x80 ? (esc[0] = (char)c, 1)
                  : snprintf(esc, sizeof esc, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x",
                             (unsigned)c);
        if (lx_buf_put(&b, esc, (size_t)len) < 0) {
            lx_buf_free(&b);
            rc_decref(r);
            return NULL;
        }
    }
    rc_decref(r);
    return lx_buf_to_str(&b);
}

static rc_object *convert(lx_interp *I, rc_object *v, char conv)
{
    switch (conv) {
    case 'r': return lx_repr(I, v);
    case 's': return lx_str(I, v);
    case 'a': return ascii_of(I, v);
    default:
        if (conv >= 0x20 && conv < 0x7F)
            return lx_raise(I, LX_ValueError, "Unknown conversion specifier %c", conv);
        return lx_raise(I, LX_ValueError, "Unknown conversion specifier \\x%02x", (unsigned char)conv);
    }
}

/* One replacement field, f[0..n) being the text between the braces. */
static int render_field(lx_interp *I, lx_buf *out, const char *f, size_t n, fmt_state *st, int depth)
{
    size_t name_end = 0, bracket = 0;
    while (name_end < n && (bracket || (f[name_end] != '!' && f[name_end] != ':'))) {
        bracket = f[name_end] == '[' ? 1 : f[name_end] == ']' ? 0 : bracket;
        name_end++;
    }
    char conv = 0;
    size_t spec_at = name_end;
    if (name_end < n && f[name_end] == '!') {
        if (name_end + 1 >= n) {
            lx_raise(I, LX_ValueError, "unmatched '{' in format spec");
            return -1;
        }
        conv = f[name_end + 1];
        spec_at = name_end + 2;
        if (spec_at < n && f[spec_at] != ':') {
            lx_raise(I, LX_ValueError, "expected ':' after conversion specifier");
            return -1;
        }
    }
    const char *spec = spec_at < n ? f + spec_at + 1 : "";
    size_t spec_len = spec_at < n ? n - spec_at - 1 : 0;
    rc_object *v = resolve_field(I, f, name_end, st);
    if (v && conv) {
        rc_object *c = convert(I, v, conv);
        rc_decref(v);
        v = c;
    }
    if (!v)
        return -1;
    lx_buf specbuf;
    lx_buf_init(&specbuf, I);
    int rc = -1;
    if (memchr(spec, '{', spec_len)) {      /* nested fields in the spec */
        if (depth >= 1)
            lx_raise(I, LX_ValueError, "Max string recursion exceeded");
        else if (render_format(I, &specbuf, spec, spec_len, st, depth + 1) == 0)
            rc = 0;
        spec = specbuf.data ? specbuf.data : "";
        spec_len = specbuf.len;
    } else
        rc = 0;
    rc_object *text = rc == 0 ? lx_format_value(I, v, spec, spec_len) : NULL;
    rc = text ? lx_buf_put_str(out, text) : -1;
    rc_xdecref(text);
    rc_decref(v);
    lx_buf_free(&specbuf);
    return rc;
}

static int render_format(lx_interp *I, lx_buf *out, const char *s, size_t n, fmt_state *st, int depth)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '}') {
            if (i + 1 >= n || s[i + 1] != '}') {
                lx_raise(I, LX_ValueError, "Single '}' encountered in format string");
                return -1;
            }
            if (lx_buf_putc(out, '}') < 0)
                return -1;
            i += 2;
            continue;
        }
        if (c != '{') {
            size_t j = i;
            while (j < n && s[j] != '{' && s[j] != '}')
                j++;
            if (lx_buf_put(out, s + i, j - i) < 0)
                return -1;
            i = j;
            continue;
        }
        if (i + 1 < n && s[i + 1] == '{') {
            if (lx_buf_putc(out, '{') < 0)
                return -1;
            i += 2;
            continue;
        }
        if (i + 1 >= n) {
            lx_raise(I, LX_ValueError, "Single '{' encountered in format string");
            return -1;
        }
        size_t j = i + 1, level = 1;
        int in_spec = 0;
        for (; j < n; j++) {
            if (s[j] == '!' || s[j] == ':')
                in_spec = 1;
            if (s[j] == '{')
                level++;
            else if (s[j] == '}' && --level == 0)
                break;
        }
        if (j >= n) {
            lx_raise(I, LX_ValueError, in_spec ? "unmatched '{' in format spec"
                                               : "expected '}' before end of string");
            return -1;
        }
        if (render_field(I, out, s + i + 1, j - i - 1, st, depth) < 0)
            return -1;
        i = j + 1;
    }
    return 0;
}

rc_object *lx_str_format_method(lx_interp *I, rc_object *const *args, size_t nargs,
                                rc_object *kwargs)
{
    fmt_state st = {args + 1, nargs - 1, kwargs, 0, -1};
    lx_buf b;
    lx_buf_init(&b, I);
    if (render_format(I, &b, rc_str_data(args[0]), rc_str_size(args[0]), &st, 0) < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}

/* ---- printf-style: fmt % args ----------------------------------------- */

typedef struct pct_args {
    rc_object *tuple;           /* the positional source, or NULL */
    rc_ssize count, next;       /* CPython's arglen/argidx: -1/-2 for one non-tuple value */
    rc_object *single;          /* the one value when count < 0 */
    rc_object *mapping;         /* for %(key)s, or NULL */
} pct_args;

static rc_object *next_arg(lx_interp *I, pct_args *pa)
{
    if (pa->next >= pa->count)
        return lx_raise(I, LX_TypeError, "not enough arguments for format string");
    rc_ssize at = pa->next++;
    return pa->count < 0 ? pa->single : rc_tuple_get(pa->tuple, at);
}

/* A % conversion's flags, width and precision, as an fspec. */
typedef struct pct_spec {
    int minus, plus, space, alt, zero;
    int64_t width, precision;
} pct_spec;

static void pct_to_fspec(const pct_spec *ps, int numeric, fspec *sp)
{
    fspec_default(sp);
    sp->width = ps->width;
    sp->sign = ps->plus ? '+' : ps->space ? ' ' : 0;
    sp->alt = ps->alt;
    if (ps->minus)
        sp->align = '<';
    else if (ps->zero && numeric) {
        sp->align = '=';
        sp->fill[0] = '0';
    } else
        sp->align = '>';
}

static int pct_text(lx_buf *b, const pct_spec *ps, rc_object *text)
{
    fspec sp;
    pct_to_fspec(ps, 0, &sp);
    size_t cps = rc_str_len(text);
    if (ps->precision >= 0 && (size_t)ps->precision < cps)
        cps = (size_t)ps->precision;
    return emit_padded(b, &sp, '>', rc_str_data(text), lx_str_offset(text, cps), cps);
}

static int pct_integer(lx_interp *I, lx_buf *b, const pct_spec *ps, char conv, rc_object *v)
{
    rc_object *held_int = NULL;
    if (!rc_is_any_int(v)) {
        if (strchr("diu", conv) && rc_is_type(v, &rc_float_type)) {
            double d = trunc(rc_float_value(v));
            if (isnan(d) || isinf(d)) {
                lx_raise(I, isnan(d) ? LX_ValueError : LX_OverflowError, "%s",
                         isnan(d) ? "cannot convert float NaN to integer"
                                  : "cannot convert float infinity to integer");
                return -1;
            }
            held_int = rc_bigint_from_double(lx_heap(I), d);
            if (!held_int) {
                lx_raise_heap_error(I);
                return -1;
            }
            v = held_int;
        } else {
            lx_raise(I, LX_TypeError, strchr("diu", conv)
                         ? "%%%c format: a real number is required, not %s"
                         : "%%%c format: an integer is required, not %s",
                     conv, lx_type_name(I, v));
            return -1;
        }
    }
    char t = strchr("diu", conv) ? 'd' : conv;
    char small[65], padded[130];
    rc_object *held;
    size_t n;
    const char *body = int_digits(I, v, base_of(t), t == 'X', small, &held, &n);
    int rc = -1;
    if (body) {
        if (!held && ps->precision > (int64_t)n && ps->precision < 64) {     /* minimum digits */
            size_t pad = (size_t)ps->precision - n;
            memset(padded, '0', pad);
            memcpy(padded + pad, body, n);
            body = padded;
            n += pad;
        }
        fspec sp;
        pct_to_fspec(ps, 1, &sp);
        numparts np = {sign_of(rc_bigint_sign(v) < 0, sp.sign), ps->alt ? alt_prefix(t) : "", body, n, "", 0, 3};
        rc = emit_number(b, &sp, &np);
    }
    rc_xdecref(held);
    rc_xdecref(held_int);
    return rc;
}

static int pct_float(lx_interp *I, lx_buf *b, const pct_spec *ps, char conv, rc_object *v)
{
    double d;
    int64_t iv;
    if (lx_int_like(v, &iv))
        d = (double)iv;
    else if (rc_is_type(v, &rc_bigint_type)) {
        if (lx_int_to_double(I, v, &d) < 0)
            return -1;
    } else if (rc_is_type(v, &rc_float_type))
        d = rc_float_value(v);
    else {
        lx_raise(I, LX_TypeError, "must be real number, not %s", lx_type_name(I, v));
        return -1;
    }
    fspec sp;
    pct_to_fspec(ps, 1, &sp);
    sp.precision = ps->precision < 0 ? 6 : ps->precision;
    char lower = (char)(conv | 32);
    return emit_double(b, &sp, d, lower, conv != lower);
}

static int pct_char(lx_interp *I, lx_buf *b, const pct_spec *ps, rc_object *v)
{
    int64_t iv;
    if (lx_is_str(v) && rc_str_len(v) == 1)
        return pct_text(b, ps, v);
    if (rc_is_type(v, &rc_bigint_type)) {
        lx_raise(I, LX_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    if (!lx_int_like(v, &iv)) {
        lx_raise(I, LX_TypeError, "%%c requires int or char");
        return -1;
    }
    fspec sp;
    pct_to_fspec(ps, 0, &sp);
    return emit_char(I, b, &sp, iv);
}

static int pct_convert(lx_interp *I, lx_buf *b, const pct_spec *ps, char conv, rc_object *v)
{
    if (conv == 's' || conv == 'r' || conv == 'a') {
        rc_object *text = conv == 's' ? lx_str(I, v) : conv == 'r' ? lx_repr(I, v) : ascii_of(I, v);
        int rc = text ? pct_text(b, ps, text) : -1;
        rc_xdecref(text);
        return rc;
    }
    if (strchr("diuxXo", conv))
        return pct_integer(I, b, ps, conv, v);
    if (strchr("eEfFgG", conv))
        return pct_float(I, b, ps, conv, v);
    return pct_char(I, b, ps, v);
}

/* A '*' width or precision from the arguments. */
static int star_arg(lx_interp *I, pct_args *pa, int64_t *out)
{
    rc_object *v = next_arg(I, pa);
    if (!v)
        return -1;
    if (!lx_int_like(v, out)) {
        lx_raise(I, LX_TypeError, "* wants int");
        return -1;
    }
    return 0;
}

/* The key of %(key)s at s[*i] (just past the '('), looked up. */
static rc_object *pct_mapping_value(lx_interp *I, const char *s, size_t n, size_t *i, pct_args *pa)
{
    if (!pa->mapping)
        return lx_raise(I, LX_TypeError, "format requires a mapping");
    size_t start = *i, depth = 1;
    for (; *i < n; (*i)++) {
        if (s[*i] == '(')
            depth++;
        else if (s[*i] == ')' && --depth == 0)
            break;
    }
    if (*i >= n)
        return lx_raise(I, LX_ValueError, "incomplete format key");
    rc_object *key = lx_str_from_bytes(I, s + start, *i - start);
    (*i)++;
    if (!key)
        return NULL;
    rc_object *v = lx_getitem(I, pa->mapping, key);
    rc_decref(key);
    return v;
}

/* One conversion starting at s[*i] (just past the '%'). */
static int pct_one(lx_interp *I, lx_buf *b, rc_object *fmt, size_t *i, pct_args *pa)
{
    const char *s = rc_str_data(fmt);
    size_t n = rc_str_size(fmt);
    rc_object *keyed = NULL;
    if (*i < n && s[*i] == '(') {
        (*i)++;
        if (!(keyed = pct_mapping_value(I, s, n, i, pa)))
            return -1;
        pa->count = -1;                     /* the value stands in for the arguments */
        pa->next = -2;
        pa->single = keyed;
    }
    pct_spec ps = {0, 0, 0, 0, 0, -1, -1};
    for (; *i < n && strchr("-+ #0", s[*i]); (*i)++) {
        char f = s[*i];
        ps.minus |= f == '-', ps.plus |= f == '+', ps.space |= f == ' ';
        ps.alt |= f == '#', ps.zero |= f == '0';
    }
    int rc = 0;
    if (*i < n && s[*i] == '*') {
        (*i)++;
        rc = star_arg(I, pa, &ps.width);
        if (rc == 0 && ps.width < 0)
            ps.minus = 1, ps.width = -ps.width;
    } else if ((ps.width = parse_count(I, s, n, i)) == -2)
        rc = -1;
    if (rc == 0 && *i < n && s[*i] == '.') {
        (*i)++;
        if (*i < n && s[*i] == '*') {
            (*i)++;
            rc = star_arg(I, pa, &ps.precision);
        } else if ((ps.precision = parse_count(I, s, n, i)) == -2)
            rc = -1;
        else if (ps.precision < 0)
            ps.precision = 0;
    }
    while (rc == 0 && *i < n && (s[*i] == 'h' || s[*i] == 'l' || s[*i] == 'L'))
        (*i)++;
    if (rc == 0 && *i >= n) {
        lx_raise(I, LX_ValueError, "incomplete format");
        rc = -1;
    }
    if (rc == 0) {
        char conv = s[(*i)++];
        if (conv == '%')        /* "%%"; with flags between, it takes an argument */
            rc = (s[*i - 2] == '%' || next_arg(I, pa)) ? lx_buf_putc(b, '%') : -1;
        else if (!strchr("sradiuxXoeEfFgGc", conv)) {
            size_t at = *i - 1, p = at;
            uint32_t cp = lx_utf8_decode(s, &p);
            *i = p;
            lx_raise(I, LX_ValueError, "unsupported format character '%c' (0x%x) at index %zu",
                     cp < 0x80 ? (char)cp : '?', (unsigned)cp, lx_str_index(fmt, at));
            rc = -1;
        } else {
            rc_object *v = next_arg(I, pa);
            rc = v ? pct_convert(I, b, &ps, conv, v) : -1;
        }
    }
    if (keyed) {            /* as CPython: the keyed value stays the only argument */
        pa->single = NULL;
        pa->next = pa->count;
        rc_decref(keyed);
    }
    return rc;
}

static int is_mapping_like(rc_object *o)
{
    return rc_is_type(o, &rc_dict_type) || rc_is_type(o, &rc_list_type) ||
           rc_is_type(o, &rc_bytes_type);
}

rc_object *lx_str_percent(lx_interp *I, rc_object *fmt, rc_object *args)
{
    rc_object *value = lx_value_of(args);
    if (value != args && (value->type == &rc_tuple_type || value->type == &rc_dict_type))
        args = value;       /* a tuple or dict subclass instance: its items */
    pct_args pa = {NULL, -1, -2, args, is_mapping_like(args) ? args : NULL};
    if (rc_is_type(args, &rc_tuple_type)) {
        pa.tuple = args;
        pa.count = rc_tuple_len(args);
        pa.next = 0;
    }
    const char *s = rc_str_data(fmt);
    size_t n = rc_str_size(fmt), i = 0;
    lx_buf b;
    lx_buf_init(&b, I);
    int rc = 0;
    while (rc == 0 && i < n) {
        const char *pct = memchr(s + i, '%', n - i);
        size_t j = pct ? (size_t)(pct - s) : n;
        rc = lx_buf_put(&b, s + i, j - i);
        i = j;
        if (rc == 0 && i < n) {
            i++;
            rc = pct_one(I, &b, fmt, &i, &pa);
        }
    }
    if (rc == 0 && pa.next < pa.count && !pa.mapping) {
        lx_raise(I, LX_TypeError, "not all arguments converted during string formatting");
        rc = -1;
    }
    if (rc < 0) {
        lx_buf_free(&b);
        return NULL;
    }
    return lx_buf_to_str(&b);
}
