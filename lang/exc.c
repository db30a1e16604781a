/*
 * lang/exc.c — exceptions: the built-in classes, raising, tracebacks and
 * their printing in CPython's format.
 *
 * An exception is an instance (lx_inst) of a class derived from
 * BaseException; its first EXC_NRESERVED value slots hold args (a tuple),
 * __traceback__ (a chain of lx_tb, outermost first), __cause__ and
 * __context__.  The interpreter has at most one exception being raised
 * (I->exc, owned) and one being handled (I->handled, the innermost except
 * clause's, for bare `raise` and implicit chaining).
 *
 * Tracebacks grow as the exception leaves frames: the frame where it is
 * raised adds the first entry, each caller it propagates into prepends its
 * own (eval.c); a re-raise adds nothing, as in CPython.
 */
#define _POSIX_C_SOURCE 200809L     /* open_memstream */
#include "core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    lx_exc_kind kind;
    lx_exc_kind base;
    const char *name;
} exc_table[] = {
    {LX_SystemExit, LX_BaseException, "SystemExit"},
    {LX_KeyboardInterrupt, LX_BaseException, "KeyboardInterrupt"},
    {LX_Exception, LX_BaseException, "Exception"},
    {LX_StopIteration, LX_Exception, "StopIteration"},
    {LX_ArithmeticError, LX_Exception, "ArithmeticError"},
    {LX_ZeroDivisionError, LX_ArithmeticError, "ZeroDivisionError"},
    {LX_OverflowError, LX_ArithmeticError, "OverflowError"},
    {LX_AssertionError, LX_Exception, "AssertionError"},
    {LX_AttributeError, LX_Exception, "AttributeError"},
    {LX_LookupError, LX_Exception, "LookupError"},
    {LX_IndexError, LX_LookupError, "IndexError"},
    {LX_KeyError, LX_LookupError, "KeyError"},
    {LX_NameError, LX_Exception, "NameError"},
    {LX_UnboundLocalError, LX_NameError, "UnboundLocalError"},
    {LX_TypeError, LX_Exception, "TypeError"},
    {LX_ValueError, LX_Exception, "ValueError"},
    {LX_RuntimeError, LX_Exception, "RuntimeError"},
    {LX_RecursionError, LX_RuntimeError, "RecursionError"},
    {LX_NotImplementedError, LX_RuntimeError, "NotImplementedError"},
    {LX_MemoryError, LX_Exception, "MemoryError"},
    {LX_SyntaxError, LX_Exception, "SyntaxError"},
    {LX_IndentationError, LX_SyntaxError, "IndentationError"},
    {LX_ImportError, LX_Exception, "ImportError"},
    {LX_ModuleNotFoundError, LX_ImportError, "ModuleNotFoundError"},
    {LX_UnicodeError, LX_ValueError, "UnicodeError"},
    {LX_OSError, LX_Exception, "OSError"},
    {LX_ReferenceError, LX_Exception, "ReferenceError"},
    {LX_GeneratorExit, LX_BaseException, "GeneratorExit"},
    {LX_EOFError, LX_Exception, "EOFError"},
    {LX_UnicodeDecodeError, LX_UnicodeError, "UnicodeDecodeError"},
    {LX_UnicodeEncodeError, LX_UnicodeError, "UnicodeEncodeError"},
    {LX_SystemError, LX_Exception, "SystemError"},
};

/* Classes without an lx_exc_kind, only for scripts to name. */
static const struct {
    const char *name;
    lx_exc_kind base;
} extra_exceptions[] = {

    {"BufferError", LX_Exception}, {"FloatingPointError", LX_ArithmeticError},
    {"FileNotFoundError", LX_OSError}, {"PermissionError", LX_OSError},
    {"FileExistsError", LX_OSError}, {"TimeoutError", LX_OSError},
    {"IsADirectoryError", LX_OSError}, {"NotADirectoryError", LX_OSError},
    {"InterruptedError", LX_OSError}, {"BlockingIOError", LX_OSError},
    {"ChildProcessError", LX_OSError}, {"ProcessLookupError", LX_OSError},
    {"ConnectionError", LX_OSError},
    {"Warning", LX_Exception}, {"StopAsyncIteration", LX_Exception},
};
static const char *const warning_names[] = {
    "UserWarning", "DeprecationWarning", "RuntimeWarning", "SyntaxWarning", "ResourceWarning",
    "FutureWarning", "PendingDeprecationWarning",
};

static int add_builtin(lx_interp *I, lx_class *c)
{
    int r = rc_dict_set(I->builtins, c->name, &c->ob);
    if (r < 0)
        lx_raise_heap_error(I);
    return r;
}

void lx_init_exceptions(lx_interp *I)
{
    lx_class *base = lx_class_new_builtin(I, "BaseException", NULL, I->c_object, 0);
    if (!base)
        return;
    base->flags |= CLS_EXC;
    base->nreserved = EXC_NRESERVED;
    base->nkeys = base->ninline = EXC_NRESERVED;
    base->keys = rc_calloc(I->heap, EXC_NRESERVED, sizeof *base->keys);
    base->keys_cap = EXC_NRESERVED;
    I->exc_class[LX_BaseException] = base;
    add_builtin(I, base);
    for (size_t i = 0; i < sizeof exc_table / sizeof exc_table[0]; i++) {
        lx_class *c = lx_class_new_builtin(I, exc_table[i].name, NULL, I->exc_class[exc_table[i].base], 0);
        if (!c)
            return;
        I->exc_class[exc_table[i].kind] = c;
        add_builtin(I, c);
    }
    lx_class *warning = NULL;
    for (size_t i = 0; i < sizeof extra_exceptions / sizeof extra_exceptions[0]; i++) {
        lx_class *c = lx_class_new_builtin(I, extra_exceptions[i].name, NULL,
                                           I->exc_class[extra_exceptions[i].base], 0);
        if (!c)
            return;
        add_builtin(I, c);
        if (strcmp(extra_exceptions[i].name, "Warning") == 0)
            warning = c;
        else
            rc_decref(c);
    }
    for (size_t i = 0; warning && i < sizeof warning_names / sizeof warning_names[0]; i++) {
        lx_class *c = lx_class_new_builtin(I, warning_names[i], NULL, warning, 0);
        if (!c)
            break;
        add_builtin(I, c);
        rc_decref(c);
    }
    rc_xdecref(warning);
    /* EnvironmentError and IOError are OSError */
    rc_object *os = &I->exc_class[LX_OSError]->ob;
    rc_object *k1 = lx_intern(I, "IOError"), *k2 = lx_intern(I, "EnvironmentError");
    if (k1)
        rc_dict_set(I->builtins, k1, os);
    if (k2)
        rc_dict_set(I->builtins, k2, os);
    rc_xdecref(k1);
    rc_xdecref(k2);
}

rc_object *lx_exc_class(lx_interp *I, lx_exc_kind kind)
{
    return kind >= 0 && kind < LX_EXC_KIND_COUNT ? &I->exc_class[kind]->ob : NULL;
}

rc_object *lx_exc_new(lx_interp *I, lx_class *cls, rc_object *args)
{
    rc_object *o = lx_inst_new(I, cls);
    if (!o)
        return NULL;
    rc_incref(args);
    ((lx_inst *)o)->vals[EXC_ARGS] = args;
    return o;
}

rc_object *lx_exc_args(rc_object *exc)
{
    return ((lx_inst *)exc)->vals[EXC_ARGS];
}

int lx_exc_is_instance(lx_interp *I, rc_object *exc, lx_exc_kind kind)
{
    return exc && lx_is_inst(exc) && lx_is_subclass(lx_class_of(I, exc), I->exc_class[kind]);
}

/* Make exc the exception being raised (a new reference is taken). */
rc_object *lx_raise_obj(lx_interp *I, rc_object *exc)
{
    lx_inst *e = (lx_inst *)exc;
    if (I->handled && I->handled != exc && !e->vals[EXC_CONTEXT]) {
        /* implicit chaining, without making a cycle of contexts */
        rc_object *c = I->handled;
        int cycle = 0;
        for (rc_object *k = c; k && lx_is_inst(k); k = ((lx_inst *)k)->vals[EXC_CONTEXT])
            if (k == exc) {
                cycle = 1;
                break;
            }
        if (!cycle) {
            rc_incref(c);
            e->vals[EXC_CONTEXT] = c;
        }
    }
    rc_incref(exc);
    RC_SETREF(I->exc, exc);
    return NULL;
}

/* The MemoryError made at start-up, raised with no allocation at all (its
 * traceback and chain from an earlier raise dropped first): what is raised
 * when even a MemoryError cannot be made, so running out of memory never
 * recurses and never leaves an error without an exception. */
static rc_object *raise_spare_memory_error(lx_interp *I)
{
    rc_object *exc = I->spare_memory_error;
    if (!exc)
        return NULL;                /* start-up itself failed: lx_new reports it */
    lx_inst *e = (lx_inst *)exc;
    RC_CLEAR(e->vals[EXC_TB]);
    RC_CLEAR(e->vals[EXC_CAUSE]);
    RC_CLEAR(e->vals[EXC_CONTEXT]);
    return lx_raise_obj(I, exc);
}

void lx_raise_str(lx_interp *I, lx_exc_kind kind, rc_object *msg)
{
    rc_object *args = lx_tuple_from(I, &msg, 1);
    rc_object *exc = args ? lx_exc_new(I, I->exc_class[kind], args) : NULL;
    rc_xdecref(args);
    if (!exc) {                     /* no memory even for the exception */
        if (!lx_exc_occurred(I))
            raise_spare_memory_error(I);
        return;
    }
    lx_raise_obj(I, exc);
    rc_decref(exc);
}

rc_object *lx_raise(lx_interp *I, lx_exc_kind kind, const char *fmt, ...)
{
    if (kind == LX_MemoryError && I->making_memory_error)
        return raise_spare_memory_error(I);     /* making one ran out of memory */
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rc_object *msg = rc_str_from(I->heap, buf);
    if (!msg) {
        /* invalid UTF-8 in a message or no memory: keep what is printable */
        for (char *p = buf; *p; p++)
            if ((unsigned char)*p >= 0x80)
                *p = '?';
        msg = rc_str_from(I->heap, buf);
    }
    I->making_memory_error += kind == LX_MemoryError;
    if (msg) {
        lx_raise_str(I, kind, msg);
        rc_decref(msg);
    } else {
        I->making_memory_error++;
        rc_object *exc = lx_exc_new(I, I->exc_class[LX_MemoryError], I->empty_tuple);
        I->making_memory_error--;
        if (exc) {
            lx_raise_obj(I, exc);
            rc_decref(exc);
        } else if (!lx_exc_occurred(I)) {
            raise_spare_memory_error(I);
        }
    }
    I->making_memory_error -= kind == LX_MemoryError;
    return NULL;
}

rc_object *lx_raise_heap_error(lx_interp *I)
{
    if (lx_exc_occurred(I))
        return NULL;
    switch (rc_error(I->heap)) {
    case RC_ENOMEM:
        rc_error_clear(I->heap);
        return lx_raise(I, LX_MemoryError, "%s", "");
    case RC_ETYPE:
        return lx_raise(I, LX_TypeError, "%s", rc_error_message(I->heap));
    case RC_ERANGE:
        return lx_raise(I, LX_OverflowError, "%s", rc_error_message(I->heap));
    case RC_EKEY:
        return lx_raise(I, LX_KeyError, "%s", rc_error_message(I->heap));
    default:
        return lx_raise(I, rc_error(I->heap) == RC_EINVAL ? LX_ValueError : LX_RuntimeError, "%s", rc_error_message(I->heap));
    }
}

rc_object *lx_raise_key_error(lx_interp *I, rc_object *key)
{
    rc_object *args = lx_tuple_from(I, &key, 1);
    if (!args)
        return NULL;
    rc_object *exc = lx_exc_new(I, I->exc_class[LX_KeyError], args);
    rc_decref(args);
    if (exc) {
        lx_raise_obj(I, exc);
        rc_decref(exc);
    }
    return NULL;
}

int lx_exc_occurred(lx_interp *I)
{
    return I->exc != NULL;
}

int lx_exc_matches(lx_interp *I, lx_exc_kind kind)
{
    return lx_exc_is_instance(I, I->exc, kind);
}

void lx_exc_clear(lx_interp *I)
{
    RC_CLEAR(I->exc);
}

void lx_tb_add(lx_interp *I, lx_code *code, int line)
{
    if (!I->exc || !lx_is_inst(I->exc))
        return;
    lx_inst *e = (lx_inst *)I->exc;
    lx_tb *tb = (lx_tb *)rc_new(I->heap, &lx_tb_type);
    if (!tb)
        return;                     /* the traceback just stays shorter */
    rc_incref(code);
    tb->code = code;
    tb->line = line;
    tb->next = (lx_tb *)e->vals[EXC_TB];
    e->vals[EXC_TB] = &tb->ob;
}

/* ---- printing --------------------------------------------------------------------- */

/* Line `line` of file `path` without its indentation; 0 if unavailable. */
static int source_line(const char *path, int line, char *out, size_t n)
{
    if (!path || path[0] == '<' || line <= 0)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char buf[4096];
    int l = 0, found = 0;
    while (fgets(buf, sizeof buf, f)) {
        size_t len = strlen(buf);
        int complete = len > 0 && buf[len - 1] == '\n';
        if (++l == line) {
            char *p = buf;
            while (*p == ' ' || *p == '\t' || *p == '\f')
                p++;
            size_t k = strlen(p);
            while (k && (p[k - 1] == '\n' || p[k - 1] == '\r' || p[k - 1] == ' '))
                p[--k] = 0;
            snprintf(out, n, "%s", p);
            found = 1;
            break;
        }
        while (!complete && fgets(buf, sizeof buf, f)) {
            len = strlen(buf);
            complete = len > 0 && buf[len - 1] == '\n';
        }
    }
    fclose(f);
    return found && out[0];
}

static void print_tb(lx_tb *tb, FILE *f)
{
    fputs("Traceback (most recent call last):\n", f);
    for (; tb; tb = tb->next) {
        const char *file = rc_str_data(tb->code->filename);
        fprintf(f, "  File \"%s\", line %d, in %s\n", file, tb->line, rc_str_data(tb->code->name));
        char src[1024];
        if (source_line(file, tb->line, src, sizeof src))
            fprintf(f, "    %s\n", src);
    }
}

/* "module.Name" for user classes, "Name" for built-in ones. */
static void print_exc_type(lx_interp *I, lx_class *c, FILE *f)
{
    const char *mod = c->module && !(c->flags & CLS_BUILTIN) ? rc_str_data(c->module) : "builtins";
    if (strcmp(mod, "builtins") != 0 && strcmp(mod, "__main__") != 0)
        fprintf(f, "%s.%s", mod, rc_str_data(c->qualname));
    else
        fputs(rc_str_data(c->name), f);
    (void)I;
}

static void print_exc_line(lx_interp *I, rc_object *exc, FILE *f)
{
    lx_class *c = lx_class_of(I, exc);
    print_exc_type(I, c, f);
    rc_object *saved = I->exc;
    I->exc = NULL;
    rc_object *args = lx_exc_args(exc);
    int plain = lx_class_of(I, exc)->flags & CLS_BUILTIN;
    rc_object *s = plain && args && rc_tuple_len(args) == 0 ? NULL : lx_str(I, exc);
    if (!s && !lx_exc_occurred(I)) {
        fputc('\n', f);                /* a built-in exception without arguments: its name */
    } else if (!s) {
        lx_exc_clear(I);
        fputs(": <exception str() failed>\n", f);
    } else {
        if (rc_str_size(s))
            fprintf(f, ": %s", rc_str_data(s));
        fputc('\n', f);
        rc_decref(s);
    }
    I->exc = saved;
}

void lx_print_syntax_error(lx_interp *I, rc_object *exc, FILE *f)
{
    rc_object *args = lx_exc_args(exc);
    rc_object *details = args && rc_tuple_len(args) >= 2 ? rc_tuple_get(args, 1) : NULL;
    if (details && rc_is_type(details, &rc_tuple_type) && rc_tuple_len(details) == 4) {
        rc_object *fn = rc_tuple_get(details, 0), *ln = rc_tuple_get(details, 1);
        rc_object *col = rc_tuple_get(details, 2), *text = rc_tuple_get(details, 3);
        fprintf(f, "  File \"%s\", line %lld\n", rc_str_data(fn), (long long)rc_int_value(ln));
        const char *t = rc_str_data(text);
        size_t skip = 0;
        while (t[skip] == ' ' || t[skip] == '\t')
            skip++;
        if (t[skip]) {
            fprintf(f, "    %s\n", t + skip);
            long long c = rc_int_value(col);
            if (c > 0) {
                fputs("    ", f);
                for (long long i = 1; i < c - (long long)skip; i++)
                    fputc(' ', f);
                fputs("^\n", f);
            }
        }
        print_exc_type(I, lx_class_of(I, exc), f);
        rc_object *msg = rc_tuple_get(args, 0);
        if (rc_is_type(msg, &rc_str_type))
            fprintf(f, ": %s\n", rc_str_data(msg));
        else
            fputc('\n', f);
        return;
    }
    print_exc_line(I, exc, f);
}

static void print_one(lx_interp *I, rc_object *exc, FILE *f, int depth)
{
    lx_inst *e = (lx_inst *)exc;
    if (depth < 32) {                  /* depth -1: this exception alone */
        rc_object *cause = e->vals[EXC_CAUSE], *ctx = e->vals[EXC_CONTEXT];
        if (cause && cause != rc_none() && lx_is_inst(cause)) {
            print_one(I, cause, f, depth + 1);
            fputs("\nThe above exception was the direct cause of the following exception:\n\n", f);
        } else if (ctx && !cause && lx_is_inst(ctx)) {
            print_one(I, ctx, f, depth + 1);
            fputs("\nDuring handling of the above exception, another exception occurred:\n\n", f);
        }
    }
    if (e->vals[EXC_TB])
        print_tb((lx_tb *)e->vals[EXC_TB], f);
    if (lx_is_subclass(lx_class_of(I, exc), I->exc_class[LX_SyntaxError]))
        lx_print_syntax_error(I, exc, f);
    else
        print_exc_line(I, exc, f);
}

/* (filename, line, function name, source line or None) */
static rc_object *entry_tuple(lx_interp *I, lx_code *co, int line)
{
    char src[1024];
    rc_object *items[4] = {co->filename, lx_int(I, line), co->name, NULL};
    if (!items[1])
        return NULL;
    items[3] = source_line(rc_str_data(co->filename), line, src, sizeof src) ? lx_strz(I, src) : rc_none();
    if (!items[3]) {
        rc_decref(items[1]);
        return NULL;
    }
    rc_incref(items[0]);
    rc_incref(items[2]);
    if (items[3] == rc_none())
        rc_incref(items[3]);
    rc_object *t = rc_tuple_pack(I->heap, items, 4, RC_PACK_STEAL);
    return t ? t : lx_raise_heap_error(I);
}

/* Put an entry at the end of list, or at its front; 0 or -1. */
static int add_entry(lx_interp *I, rc_object *list, lx_code *co, int line, int at_front)
{
    rc_object *t = entry_tuple(I, co, line);
    int rc = !t ? -1 : at_front ? rc_list_insert(list, 0, t) : rc_list_append(list, t);
    if (t && rc < 0)
        lx_raise_heap_error(I);
    rc_xdecref(t);
    return rc;
}

rc_object *lx_traceback_entries(lx_interp *I, rc_object *tb)
{
    if (!tb || tb->type != &lx_tb_type)
        return lx_raise(I, LX_TypeError, "a traceback object is required");
    rc_object *list = rc_list_new(I->heap);
    if (!list)
        return lx_raise_heap_error(I);
    for (lx_tb *t = (lx_tb *)tb; t; t = t->next)
        if (add_entry(I, list, t->code, t->line, 0) < 0) {
            rc_decref(list);
            return NULL;
        }
    return list;
}

rc_object *lx_stack_entries(lx_interp *I)
{
    rc_object *list = rc_list_new(I->heap);
    if (!list)
        return lx_raise_heap_error(I);
    for (lx_frame *f = I->frame; f; f = f->back)         /* outermost first, as CPython */
        if (add_entry(I, list, f->code, lx_frame_line(f), 1) < 0) {
            rc_decref(list);
            return NULL;
        }
    return list;
}

rc_object *lx_exception_text(lx_interp *I, rc_object *exc, int chain)
{
    if (!lx_is_inst(exc) || !(lx_class_of(I, exc)->flags & CLS_EXC))
        return lx_raise(I, LX_TypeError, "an exception is required");
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        return lx_raise_heap_error(I);
    print_one(I, exc, f, chain ? 0 : 32);
    fclose(f);
    rc_object *s = text ? lx_str_new(I, text, size) : NULL;
    free(text);
    return s ? s : lx_raise_heap_error(I);
}

rc_object *lx_handled_exception(lx_interp *I)
{
    return I->handled;
}

void lx_print_exception(lx_interp *I, rc_object *exc, FILE *f)
{
    fflush(stdout);
    print_one(I, exc, f, 0);
    fflush(f);
}

void lx_exc_print_unraisable(lx_interp *I, const char *where, rc_object *obj)
{
    rc_object *exc = I->exc;
    I->exc = NULL;
    if (!exc)
        return;
    fflush(stdout);
    if (obj) {
        rc_object *r = lx_repr(I, obj);
        fprintf(stderr, "Exception ignored in: %s\n", r ? rc_str_data(r) : "<object repr() failed>");
        rc_xdecref(r);
        lx_exc_clear(I);
    } else if (where) {
        fprintf(stderr, "Exception ignored in: %s\n", where);
    }
    lx_print_exception(I, exc, stderr);
    rc_decref(exc);
}
