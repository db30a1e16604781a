/*
 * lang/mod_file.c — open() and the file objects it returns.
 *
 * A file object wraps a C stream.  Text mode (the default) reads and writes
 * str in UTF-8 or Latin-1 (the encodings the interpreter knows; others are
 * LookupError) with universal newlines on reading ("\r\n" and "\r" read as
 * "\n"), as CPython's TextIOWrapper does; binary mode ("b") reads and
 * writes bytes.  type() names them as CPython does: TextIOWrapper,
 * BufferedReader, BufferedWriter.
 *
 * Errors are CPython's: a failed open is the OSError subclass of its errno
 * with the file name ("[Errno 2] No such file or directory: 'x'"), a
 * directory opened for reading is IsADirectoryError, an invalid mode is
 * ValueError, bytes that are not UTF-8 are UnicodeDecodeError with the
 * position, and any operation on a closed file is ValueError("I/O
 * operation on closed file.").  A file that dies open is closed (its data
 * flushed), as CPython's are.
 */
#define _POSIX_C_SOURCE 200809L
#include "mod_util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct buf {
    char *s;
    size_t len, cap;
} buf;

typedef struct lx_file {
    rc_object ob;
    FILE *f;                   /* NULL once closed */
    buf line;                  /* the last line read by iteration (reused) */
    rc_object *name;           /* the path as given (owned) */
    char mode[8];              /* as given */
    int binary, readable, writable, latin1;
} lx_file;

static void file_destroy(rc_object *self)
{
    lx_file *fo = (lx_file *)self;
    if (fo->f)
        fclose(fo->f);
    fo->f = NULL;
    free(fo->line.s);
    fo->line = (buf){0};
    RC_CLEAR(fo->name);
}

static const rc_type text_type = {.name = "TextIOWrapper", .size = sizeof(lx_file), .destroy = file_destroy};
static const rc_type reader_type = {.name = "BufferedReader", .size = sizeof(lx_file), .destroy = file_destroy};
static const rc_type writer_type = {.name = "BufferedWriter", .size = sizeof(lx_file), .destroy = file_destroy};

static int is_file_obj(const rc_object *o)
{
    return o->type == &text_type || o->type == &reader_type || o->type == &writer_type;
}

/* ---- errors ------------------------------------------------------------------------------ */

/* The OSError subclass for errno e, about `name`. */

static lx_file *self_file(lx_interp *I, rc_object *const *a, size_t n, const char *what, int need_open)
{
    if (n < 1 || !is_file_obj(a[0])) {
        lx_raise(I, LX_TypeError, "descriptor '%s' needs a file object", what);
        return NULL;
    }
    lx_file *fo = (lx_file *)a[0];
    if (need_open && !fo->f) {
        lx_raise(I, LX_ValueError, "I/O operation on closed file.");
        return NULL;
    }
    return fo;
}

static int need(lx_interp *I, lx_file *fo, int reading)
{
    if (reading ? fo->readable : fo->writable)
        return 0;
    mod_raise_unsupported(I, reading ? "not readable" : "not writable");
    return -1;
}

/* ---- bytes to str -------------------------------------------------------------------------- */

static int buf_put(buf *b, const char *s, size_t n)
{
    if (n >= PTRDIFF_MAX - b->len)           /* no size past what an object may have */
        return -1;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *g = realloc(b->s, cap);
        if (!g)
            return -1;
        b->s = g;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    return 0;
}

/* Check b as UTF-8; -1 with UnicodeDecodeError (CPython's wording) if not. */
static int check_utf8(lx_interp *I, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t more = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 1 : (c & 0xF0) == 0xE0 ? 2
                    : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 3 : 9;
        const char *why = more == 9 ? "invalid start byte" : NULL;
        for (size_t k = 1; !why && k <= more; k++) {
            if (i + k >= n)
                why = "unexpected end of data";
            else if ((s[i + k] & 0xC0) != 0x80)
                why = "invalid continuation byte";
        }
        if (why) {
            lx_raise(I, LX_UnicodeDecodeError, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", c, i, why);
            return -1;
        }
        i += more + 1;
    }
    return 0;
}

/* The text of raw bytes: newlines made "\n", Latin-1 or UTF-8 decoded. */
static rc_object *decode(lx_interp *I, lx_file *fo, const char *raw, size_t n)
{
    if (!fo->latin1 && !memchr(raw, '\r', n)) {     /* UTF-8 as it is */
        rc_object *s = rc_str_new(lx_heap(I), raw, n);
        if (s)
            return s;
        if (check_utf8(I, (const unsigned char *)raw, n) == 0)
            return lx_raise_heap_error(I);
        rc_error_clear(lx_heap(I));     /* check_utf8 raised CPython's error */
        return NULL;
    }
    buf b = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)raw[i];
        if (c == '\r') {
            if (i + 1 < n && raw[i + 1] == '\n')
                i++;
            c = '\n';
        }
        char two[2] = {(char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F))};
        int rc = fo->latin1 && c >= 0x80 ? buf_put(&b, two, 2) : buf_put(&b, (const char *)&c, 1);
        if (rc < 0) {
            free(b.s);
            return lx_raise(I, LX_MemoryError, "decoding a file");
        }
    }
    if (!fo->latin1 && check_utf8(I, (const unsigned char *)b.s, b.len) < 0) {
        free(b.s);
        return NULL;
    }
    rc_object *s = rc_str_new(lx_heap(I), b.s ? b.s : "", b.len);
    free(b.s);
    return s ? s : lx_raise_heap_error(I);
}

static rc_object *result(lx_interp *I, lx_file *fo, const char *raw, size_t n)
{
    if (!fo->binary)
        return decode(I, fo, raw, n);
    rc_object *b = rc_bytes_new(lx_heap(I), raw, n);
    return b ? b : lx_raise_heap_error(I);
}

/* One line's raw bytes (with its end: "\n", "\r\n" or "\r" in text mode),
 * at most `limit` bytes if limit >= 0.  The stream is locked once and read
 * with getc_unlocked: a line costs no call per byte. */
static int read_raw_line(lx_file *fo, buf *b, long limit)
{
    FILE *f = fo->f;
    int c, rc = 0;
    flockfile(f);
    while ((limit < 0 || (long)b->len < limit) && (c = getc_unlocked(f)) != EOF) {
        if (b->len + 2 > b->cap) {
            char ch = (char)c;
            if (buf_put(b, &ch, 1) < 0) {
                rc = -1;
                break;
            }
        } else {
            b->s[b->len++] = (char)c;
        }
        if (c == '\n')
            break;
        if (c == '\r' && !fo->binary) {
            int d = getc_unlocked(f);
            if (d == '\n') {
                char ch = '\n';
                if (buf_put(b, &ch, 1) < 0)
                    rc = -1;
            } else if (d != EOF) {
                ungetc(d, f);
            }
            break;
        }
    }
    funlockfile(f);
    return rc;
}

/* ---- methods --------------------------------------------------------------------------------- */

static long size_arg(lx_interp *I, rc_object *const *a, size_t n, int *bad)
{
    *bad = 0;
    if (n < 2 || a[1] == rc_none())
        return -1;
    int64_t v;
    if (lx_arg_int(I, "read", a[1], &v) < 0) {
        *bad = 1;
        return 0;
    }
    return v < 0 ? -1 : (long)v;
}

static rc_object *f_read(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "read", 1);
    int bad;
    if (!fo || mod_check_args(I, "read", n - 1, kw, 0, 1) < 0 || need(I, fo, 1) < 0)
        return NULL;
    long size = size_arg(I, a, n, &bad);
    if (bad)
        return NULL;
    buf b = {0};
    if (size < 0) {
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, fo->f)) > 0)
            if (buf_put(&b, chunk, got) < 0) {
                free(b.s);
                return lx_raise(I, LX_MemoryError, "reading a file");
            }
    } else {                             /* size characters (text) or bytes */
        long chars = 0;
        int c;
        while (chars < size && (c = getc(fo->f)) != EOF) {
            char ch = (char)c;
            if (buf_put(&b, &ch, 1) < 0) {
                free(b.s);
                return lx_raise(I, LX_MemoryError, "reading a file");
            }
            int cont = !fo->binary && !fo->latin1 && c >= 0xC0 ? (c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1) : 0;
            for (int k = 0; k < cont && (c = getc(fo->f)) != EOF; k++) {
                ch = (char)c;
                buf_put(&b, &ch, 1);
            }
            chars++;
        }
    }
    rc_object *r = result(I, fo, b.s ? b.s : "", b.len);
    free(b.s);
    return r;
}

static rc_object *f_readline(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "readline", 1);
    int bad;
    if (!fo || mod_check_args(I, "readline", n - 1, kw, 0, 1) < 0 || need(I, fo, 1) < 0)
        return NULL;
    long size = size_arg(I, a, n, &bad);
    if (bad)
        return NULL;
    buf b = {0};
    if (read_raw_line(fo, &b, size) < 0) {
        free(b.s);
        return lx_raise(I, LX_MemoryError, "reading a file");
    }
    rc_object *r = result(I, fo, b.s ? b.s : "", b.len);
    free(b.s);
    return r;
}

static rc_object *file_next(lx_interp *I, rc_object *self)
{
    lx_file *fo = (lx_file *)self;
    if (!fo->f)
        return lx_raise(I, LX_ValueError, "I/O operation on closed file.");
    if (need(I, fo, 1) < 0)
        return NULL;
    fo->line.len = 0;
    if (read_raw_line(fo, &fo->line, -1) < 0)
        return lx_raise(I, LX_MemoryError, "reading a file");
    if (fo->line.len == 0)
        return NULL;                     /* the end: iteration stops */
    return result(I, fo, fo->line.s, fo->line.len);
}

static rc_object *f_readlines(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "readlines", 1);
    if (!fo || mod_check_args(I, "readlines", n - 1, kw, 0, 1) < 0 || need(I, fo, 1) < 0)
        return NULL;
    rc_object *list = rc_list_new(lx_heap(I));
    if (!list)
        return lx_raise_heap_error(I);
    rc_object *line;
    while ((line = file_next(I, &fo->ob)))
        if (mod_list_append_new(I, list, line) < 0)
            break;
    if (lx_exc_occurred(I)) {
        rc_decref(list);
        return NULL;
    }
    return list;
}

/* The bytes to write for one argument: str in text mode (encoded), bytes
 * in binary mode. */
static int encode(lx_interp *I, lx_file *fo, rc_object *o, buf *out)
{
    if (fo->binary) {
        if (o->type != &rc_bytes_type) {
            lx_raise(I, LX_TypeError, "a bytes-like object is required, not '%s'", lx_type_name(I, o));
            return -1;
        }
        return buf_put(out, (const char *)rc_bytes_data(o), rc_bytes_len(o));
    }
    if (o->type != &rc_str_type) {
        lx_raise(I, LX_TypeError, "write() argument must be str, not %s", lx_type_name(I, o));
        return -1;
    }
    const unsigned char *s = (const unsigned char *)rc_str_data(o);
    size_t len = rc_str_size(o);
    if (!fo->latin1)
        return buf_put(out, (const char *)s, len);
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        if (c >= 0x80) {
            if (c >= 0xC4 || i + 1 >= len) {
                size_t pos = 0;
                for (size_t k = 0; k < i; k++)
                    pos += (s[k] & 0xC0) != 0x80;
                lx_raise(I, LX_UnicodeEncodeError, "'latin-1' codec can't encode character in position %zu: "
                                             "ordinal not in range(256)", pos);
                return -1;
            }
            c = ((c & 0x1F) << 6) | (s[++i] & 0x3F);
        }
        char ch = (char)c;
        if (buf_put(out, &ch, 1) < 0)
            return -1;
    }
    return 0;
}

static rc_object *f_write(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "write", 1);
    if (!fo || mod_check_args(I, "write", n - 1, kw, 1, 1) < 0 || need(I, fo, 0) < 0)
        return NULL;
    buf b = {0};
    if (encode(I, fo, a[1], &b) < 0) {
        free(b.s);
        return lx_exc_occurred(I) ? NULL : lx_raise(I, LX_MemoryError, "writing a file");
    }
    size_t wrote = b.len ? fwrite(b.s, 1, b.len, fo->f) : 0;
    free(b.s);
    if (wrote < b.len)
        return mod_raise_os_error(I, errno, fo->name);
    return lx_int(I, fo->binary ? (int64_t)rc_bytes_len(a[1]) : (int64_t)lx_len(I, a[1]));
}

static rc_object *f_writelines(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "writelines", 1);
    if (!fo || mod_check_args(I, "writelines", n - 1, kw, 1, 1) < 0 || need(I, fo, 0) < 0)
        return NULL;
    rc_object *it = lx_iter(I, a[1]);
    if (!it)
        return NULL;
    rc_object *line;
    while ((line = lx_next(I, it))) {
        rc_object *args[2] = {&fo->ob, line};
        rc_object *r = f_write(I, args, 2, NULL);
        rc_decref(line);
        if (!r)
            break;
        rc_decref(r);
    }
    rc_decref(it);
    return lx_exc_occurred(I) ? NULL : rc_none();
}

static rc_object *f_close(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "close", 0);
    if (!fo || mod_check_args(I, "close", n - 1, kw, 0, 0) < 0)
        return NULL;
    if (fo->f) {
        int rc = fclose(fo->f);
        fo->f = NULL;
        if (rc != 0)
            return mod_raise_os_error(I, errno, fo->name);
    }
    return rc_none();
}

static rc_object *f_flush(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "flush", 1);
    if (!fo || mod_check_args(I, "flush", n - 1, kw, 0, 0) < 0)
        return NULL;
    fflush(fo->f);
    return rc_none();
}

static rc_object *f_seek(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "seek", 1);
    int64_t off, whence = 0;
    if (!fo || mod_check_args(I, "seek", n - 1, kw, 1, 2) < 0 || lx_arg_int(I, "seek", a[1], &off) < 0 ||
        (n > 2 && lx_arg_int(I, "seek", a[2], &whence) < 0))
        return NULL;
    if (whence < 0 || whence > 2)
        return lx_raise(I, LX_ValueError, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    if (fseek(fo->f, (long)off, (int)whence) != 0)
        return mod_raise_os_error(I, errno, fo->name);
    return lx_int(I, (int64_t)ftell(fo->f));
}

static rc_object *f_tell(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "tell", 1);
    if (!fo || mod_check_args(I, "tell", n - 1, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)ftell(fo->f));
}

static rc_object *f_enter(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "__enter__", 1);
    if (!fo || lx_no_kwargs(I, "__enter__", kw) < 0)
        return NULL;
    rc_incref(a[0]);
    return a[0];
}

static rc_object *f_exit(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    rc_object *r = f_close(I, a, 1, NULL);
    if (!r)
        return NULL;
    rc_decref(r);
    (void)n;
    return rc_false();
}

static rc_object *f_fileno(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "fileno", 1);
    return fo && mod_check_args(I, "fileno", n - 1, kw, 0, 0) == 0 ? lx_int(I, fileno(fo->f)) : NULL;
}

static rc_object *f_readable(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "readable", 1);
    return fo && mod_check_args(I, "readable", n - 1, kw, 0, 0) == 0 ? rc_bool(fo->readable) : NULL;
}

static rc_object *f_writable(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "writable", 1);
    return fo && mod_check_args(I, "writable", n - 1, kw, 0, 0) == 0 ? rc_bool(fo->writable) : NULL;
}

static rc_object *f_isatty(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    lx_file *fo = self_file(I, a, n, "isatty", 1);
    return fo && mod_check_args(I, "isatty", n - 1, kw, 0, 0) == 0 ? rc_bool(isatty(fileno(fo->f))) : NULL;
}

static rc_object *file_iter(lx_interp *I, rc_object *self)
{
    if (!((lx_file *)self)->f)
        return lx_raise(I, LX_ValueError, "I/O operation on closed file.");
    rc_incref(self);
    return self;
}

static rc_object *file_repr(lx_interp *I, rc_object *self)
{
    lx_file *fo = (lx_file *)self;
    rc_object *nr = lx_repr(I, fo->name);
    if (!nr)
        return NULL;
    char b[512];
    if (!fo->f)
        snprintf(b, sizeof b, "<_io.%s name=%s>", self->type->name, rc_str_data(nr));
    else if (fo->binary)
        snprintf(b, sizeof b, "<_io.%s name=%s>", self->type->name, rc_str_data(nr));
    else
        snprintf(b, sizeof b, "<_io.TextIOWrapper name=%s mode='%s' encoding='%s'>", rc_str_data(nr), fo->mode,
                 fo->latin1 ? "latin-1" : "UTF-8");
    rc_decref(nr);
    return lx_strz(I, b);
}

static rc_object *file_getattr(lx_interp *I, rc_object *self, const char *name)
{
    lx_file *fo = (lx_file *)self;
    if (!strcmp(name, "closed"))
        return rc_bool(fo->f == NULL);
    if (!strcmp(name, "name")) {
        rc_incref(fo->name);
        return fo->name;
    }
    if (!strcmp(name, "mode"))
        return lx_strz(I, fo->mode);
    if (!strcmp(name, "encoding") && !fo->binary)
        return lx_strz(I, fo->latin1 ? "latin-1" : "UTF-8");
    return NULL;
}

static const lx_func_def file_methods[] = {
    {"read", f_read}, {"readline", f_readline}, {"readlines", f_readlines}, {"write", f_write},
    {"writelines", f_writelines}, {"close", f_close}, {"flush", f_flush}, {"seek", f_seek},
    {"tell", f_tell}, {"__enter__", f_enter}, {"__exit__", f_exit}, {"fileno", f_fileno},
    {"readable", f_readable}, {"writable", f_writable}, {"isatty", f_isatty}, {NULL, NULL},
};

#define FILE_SLOTS(t, n)                                                                             \
    {.type = &t, .name = n, .repr = file_repr, .iter = file_iter, .next = file_next,                \
     .methods = file_methods, .getattr = file_getattr}
static const lx_type_slots file_slots[] = {
    FILE_SLOTS(text_type, "TextIOWrapper"),
    FILE_SLOTS(reader_type, "BufferedReader"),
    FILE_SLOTS(writer_type, "BufferedWriter"),
};

int lx_register_file_types(lx_interp *I)
{
    for (size_t i = 0; i < sizeof file_slots / sizeof file_slots[0]; i++)
        if (lx_register_type(I, &file_slots[i]) < 0)
            return -1;
    return 0;
}

/* ---- open() -------------------------------------------------------------------------------- */

rc_object *lx_builtin_open(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    static const char *const names[] = {"file", "mode", "buffering", "encoding", "errors", "newline"};
    rc_object *a[6];
    if (mod_parse_args(I, "open", args, nargs, kw, names, 6, a) < 0)
        return NULL;
    if (!a[0])
        return lx_raise(I, LX_TypeError, "open() missing required argument 'file' (pos 1)");
    int is_fd = a[0]->type == &rc_int_type;
    if (a[0]->type != &rc_str_type && !is_fd)
        return lx_raise(I, LX_TypeError, "expected str, bytes or os.PathLike object, not %s", lx_type_name(I, a[0]));
    const char *mode = "r";
    size_t mlen = 1;
    if (a[1] && lx_arg_str(I, "open", a[1], &mode, &mlen) < 0)
        return NULL;
    int r = 0, w = 0, x = 0, ap = 0, plus = 0, b = 0, t = 0, bad = mlen == 0 || mlen > 6;
    for (size_t i = 0; i < mlen && !bad; i++) {
        int *flag = mode[i] == 'r' ? &r : mode[i] == 'w' ? &w : mode[i] == 'x' ? &x : mode[i] == 'a' ? &ap
                  : mode[i] == '+' ? &plus : mode[i] == 'b' ? &b : mode[i] == 't' ? &t : NULL;
        if (!flag || *flag)
            bad = 1;
        else
            *flag = 1;
    }
    if (bad)
        return lx_raise(I, LX_ValueError, "invalid mode: '%s'", mode);
    if (b && t)
        return lx_raise(I, LX_ValueError, "can't have text and binary mode at once");
    if (r + w + x + ap != 1)
        return lx_raise(I, LX_ValueError, "must have exactly one of create/read/write/append mode");
    int latin1 = 0;
    if (a[3] && a[3] != rc_none()) {
        if (b)
            return lx_raise(I, LX_ValueError, "binary mode doesn't take an encoding argument");
        const char *enc;
        size_t elen;
        if (lx_arg_str(I, "open", a[3], &enc, &elen) < 0)
            return NULL;
        char low[32];
        size_t k = 0;
        for (; k < elen && k < sizeof low - 1; k++)
            low[k] = (char)(enc[k] >= 'A' && enc[k] <= 'Z' ? enc[k] + 32 : enc[k] == '_' ? '-' : enc[k]);
        low[k] = 0;
        if (!strcmp(low, "latin-1") || !strcmp(low, "latin1") || !strcmp(low, "iso-8859-1") ||
            !strcmp(low, "iso8859-1"))
            latin1 = 1;
        else if (strcmp(low, "utf-8") != 0 && strcmp(low, "utf8") != 0)
            return lx_raise(I, LX_LookupError, "unknown encoding: %s", enc);
    }
    const char *cmode = r ? (plus ? "r+" : "r") : w ? (plus ? "w+" : "w") : x ? (plus ? "w+x" : "wx")
                                                                        : (plus ? "a+" : "a");
    FILE *f = is_fd ? (rc_int_value(a[0]) < 0 || rc_int_value(a[0]) > 1 << 30
                           ? (errno = EBADF, NULL) : fdopen((int)rc_int_value(a[0]), cmode[0] == 'w' && x ? "w" : cmode))
                    : fopen(rc_str_data(a[0]), cmode);
    if (!f)
        return mod_raise_os_error(I, errno, a[0]);
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return mod_raise_os_error(I, EISDIR, a[0]);
    }
    int readable = r || plus, writable = w || x || ap || plus;
    lx_file *fo = (lx_file *)rc_new(lx_heap(I), !b ? &text_type : readable && !writable ? &reader_type
                                                                                        : &writer_type);
    if (!fo) {
        fclose(f);
        return lx_raise_heap_error(I);
    }
    fo->f = f;
    rc_incref(a[0]);
    fo->name = a[0];
    snprintf(fo->mode, sizeof fo->mode, "%.*s", (int)mlen, mode);
    fo->binary = b;
    fo->readable = readable;
    fo->writable = writable;
    fo->latin1 = latin1;
    return &fo->ob;
}
