/*
 * lang/mod_console.c — the console as file objects (sys.stdin, sys.stdout,
 * sys.stderr) and input().
 *
 * A console file wraps one of the process's C streams; it is text in
 * UTF-8, as CPython's are on Linux: write(str) returns the characters
 * written, print(..., file=sys.stderr) goes through it, readline() and
 * iteration give lines with their '\n', read() the rest.  Closing one is
 * refused (the interpreter itself still writes there).
 *
 * input(prompt) writes the prompt to stdout and reads a line from stdin
 * without its newline; at a terminal it uses the prompt's line editor
 * (lang/lineedit.c: cursor keys, history), as CPython uses readline.  End
 * of input is EOFError("EOF when reading a line").
 */
#include "mod_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int lx_readline(const char *prompt, char *buf, size_t cap, int *interrupted);

typedef struct console {
    rc_object ob;
    int which;                 /* 0 stdin, 1 stdout, 2 stderr */
} console;

static const rc_type console_type = {
    .name = "TextIOWrapper",
    .size = sizeof(console),
};

static FILE *stream_of(const console *c)
{
    return c->which == 0 ? stdin : c->which == 1 ? stdout : stderr;
}

int lx_is_console(const rc_object *o, int which)
{
    return o->type == &console_type && ((const console *)o)->which == which;
}

static const char *const stream_names[] = {"<stdin>", "<stdout>", "<stderr>"};

static console *self_console(lx_interp *I, rc_object *const *a, size_t n, const char *name)
{
    if (n < 1 || a[0]->type != &console_type) {
        lx_raise(I, LX_TypeError, "descriptor '%s' needs a console file", name);
        return NULL;
    }
    return (console *)a[0];
}


static rc_object *c_write(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    console *c = self_console(I, a, n, "write");
    const char *s;
    size_t len;
    if (!c || mod_check_args(I, "write", n - 1, kw, 1, 1) < 0)
        return NULL;
    if (c->which == 0)
        return mod_raise_unsupported(I, "not writable");
    if (lx_arg_str(I, "write", a[1], &s, &len) < 0) {
        lx_exc_clear(I);
        return lx_raise(I, LX_TypeError, "write() argument must be str, not %s", lx_type_name(I, a[1]));
    }
    if (c->which == 2)
        fflush(stdout);                  /* what the program printed comes first */
    fwrite(s, 1, len, stream_of(c));
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return lx_int(I, (int64_t)chars);
}

static rc_object *c_flush(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    console *c = self_console(I, a, n, "flush");
    if (!c || mod_check_args(I, "flush", n - 1, kw, 0, 0) < 0)
        return NULL;
    fflush(stream_of(c));
    return rc_none();
}

/* One line from stdin with its '\n' (empty at the end), or NULL. */
static rc_object *read_line(lx_interp *I)
{
    size_t cap = 256, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return lx_raise(I, LX_MemoryError, "reading a line");
    int ch;
    while ((ch = getc(stdin)) != EOF) {
        if (len + 1 >= cap) {
            char *g = realloc(buf, cap *= 2);
            if (!g) {
                free(buf);
                return lx_raise(I, LX_MemoryError, "reading a line");
            }
            buf = g;
        }
        buf[len++] = (char)ch;
        if (ch == '\n')
            break;
    }
    rc_object *s = rc_str_new(lx_heap(I), buf, len);
    free(buf);
    return s ? s : lx_raise_heap_error(I);
}

static rc_object *c_readline(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    console *c = self_console(I, a, n, "readline");
    if (!c || mod_check_args(I, "readline", n - 1, kw, 0, 1) < 0)
        return NULL;
    if (c->which != 0)
        return mod_raise_unsupported(I, "not readable");
    fflush(stdout);
    return read_line(I);
}

static rc_object *c_read(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    console *c = self_console(I, a, n, "read");
    if (!c || mod_check_args(I, "read", n - 1, kw, 0, 1) < 0)
        return NULL;
    if (c->which != 0)
        return mod_raise_unsupported(I, "not readable");
    fflush(stdout);
    size_t cap = 4096, len = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + len, 1, cap - len, stdin)) > 0) {
        len += got;
        if (len == cap) {
            char *g = realloc(buf, cap *= 2);
            if (!g) {
                free(buf);
                buf = NULL;
            }
            buf = g;
        }
    }
    if (!buf)
        return lx_raise(I, LX_MemoryError, "reading stdin");
    rc_object *s = rc_str_new(lx_heap(I), buf, len);
    free(buf);
    return s ? s : lx_raise_heap_error(I);
}

static rc_object *c_fileno(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    console *c = self_console(I, a, n, "fileno");
    if (!c || mod_check_args(I, "fileno", n - 1, kw, 0, 0) < 0)
        return NULL;
    return lx_int(I, c->which);
}

static rc_object *c_isatty(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    console *c = self_console(I, a, n, "isatty");
    if (!c || mod_check_args(I, "isatty", n - 1, kw, 0, 0) < 0)
        return NULL;
    return rc_bool(isatty(c->which));
}

static rc_object *c_readable(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    console *c = self_console(I, a, n, "readable");
    return c && mod_check_args(I, "readable", n - 1, kw, 0, 0) == 0 ? rc_bool(c->which == 0) : NULL;
}

static rc_object *c_writable(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    console *c = self_console(I, a, n, "writable");
    return c && mod_check_args(I, "writable", n - 1, kw, 0, 0) == 0 ? rc_bool(c->which != 0) : NULL;
}

static rc_object *c_close(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)a, (void)n, (void)kw;
    return lx_raise(I, LX_NotImplementedError, "closing the console is not supported by reclaim");
}

static rc_object *c_iter(lx_interp *I, rc_object *self)
{
    (void)I;
    rc_incref(self);
    return self;
}

/* Iteration: the lines of stdin until its end. */
static rc_object *c_next(lx_interp *I, rc_object *self)
{
    if (((console *)self)->which != 0)
        return mod_raise_unsupported(I, "not readable");
    fflush(stdout);
    rc_object *line = read_line(I);
    if (line && rc_str_size(line) == 0) {
        rc_decref(line);
        return NULL;                     /* exhausted */
    }
    return line;
}

static rc_object *c_repr(lx_interp *I, rc_object *self)
{
    char buf[96];
    const console *c = (const console *)self;
    snprintf(buf, sizeof buf, "<_io.TextIOWrapper name='%s' mode='%s' encoding='utf-8'>", stream_names[c->which],
             c->which == 0 ? "r" : "w");
    return lx_strz(I, buf);
}

static rc_object *c_getattr(lx_interp *I, rc_object *self, const char *name)
{
    const console *c = (const console *)self;
    if (!strcmp(name, "name"))
        return lx_strz(I, stream_names[c->which]);
    if (!strcmp(name, "mode"))
        return lx_strz(I, c->which == 0 ? "r" : "w");
    if (!strcmp(name, "encoding"))
        return lx_strz(I, "utf-8");
    if (!strcmp(name, "closed"))
        return rc_false();
    return NULL;
}

static const lx_func_def console_methods[] = {
    {"write", c_write}, {"flush", c_flush}, {"readline", c_readline}, {"read", c_read},
    {"fileno", c_fileno}, {"isatty", c_isatty}, {"readable", c_readable}, {"writable", c_writable},
    {"close", c_close}, {NULL, NULL},
};

static const lx_type_slots console_slots = {
    .type = &console_type,
    .name = "TextIOWrapper",
    .repr = c_repr,
    .iter = c_iter,
    .next = c_next,
    .methods = console_methods,
    .getattr = c_getattr,
};

int lx_register_console_type(lx_interp *I)
{
    return lx_register_type(I, &console_slots);
}

rc_object *lx_console_new(lx_interp *I, int which)
{
    console *c = (console *)rc_new(lx_heap(I), &console_type);
    if (!c)
        return lx_raise_heap_error(I);
    c->which = which;
    return &c->ob;
}

/* ---- input() ------------------------------------------------------------------------ */

static rc_object *raise_eof(lx_interp *I)
{
    return lx_raise(I, LX_EOFError, "EOF when reading a line");
}

rc_object *lx_builtin_input(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "input", kw) < 0 || lx_check_nargs(I, "input", n, 0, 1) < 0)
        return NULL;
    rc_object *prompt = n ? lx_str(I, a[0]) : lx_strz(I, "");
    if (!prompt)
        return NULL;
    if (isatty(0) && isatty(1)) {        /* the line editor, as CPython uses readline */
        char line[4096];
        int interrupted = 0;
        fflush(stdout);
        int got = lx_readline(rc_str_data(prompt), line, sizeof line, &interrupted);
        rc_decref(prompt);
        if (interrupted)
            return lx_raise(I, LX_KeyboardInterrupt, "%s", "");
        if (got == 0)
            return raise_eof(I);
        if (got > 0) {
            size_t len = strlen(line);
            if (len && line[len - 1] == '\n')
                len--;
            rc_object *s = rc_str_new(lx_heap(I), line, len);
            return s ? s : lx_raise_heap_error(I);
        }
        prompt = n ? lx_str(I, a[0]) : lx_strz(I, "");    /* not a terminal after all */
        if (!prompt)
            return NULL;
    }
    fwrite(rc_str_data(prompt), 1, rc_str_size(prompt), stdout);
    rc_decref(prompt);
    fflush(stdout);
    rc_object *line = read_line(I);
    if (!line)
        return NULL;
    size_t len = rc_str_size(line);
    if (len == 0) {
        rc_decref(line);
        return raise_eof(I);
    }
    if (rc_str_data(line)[len - 1] != '\n')
        return line;
    rc_object *s = rc_str_new(lx_heap(I), rc_str_data(line), len - 1);
    rc_decref(line);
    return s ? s : lx_raise_heap_error(I);
}
