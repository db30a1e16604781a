/*
 * lang/help.c — help(): what an object is, its signature and its docstring,
 * in the layout of CPython's pydoc for functions, methods, classes and
 * modules (the interactive help utility of help() with no argument is not
 * there: it says how to ask instead).
 *
 * The text is built in a growing buffer and printed at once.  Signatures
 * come from the code object (parameters, defaults, *args, keyword-only,
 * **kwargs), as inspect.signature shows them; built-in functions carry no
 * signature and show "(...)".
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct text {
    char *s;
    size_t len, cap;
    int failed;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *g = realloc(t->s, cap);
        if (!g) {
            t->failed = 1;
            return;
        }
        t->s = g;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = 0;
}

static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

/* repr(o) into the text ("?" if it fails). */
static void put_repr(lx_interp *I, text *t, rc_object *o)
{
    rc_object *r = lx_repr(I, o);
    if (r) {
        put(t, rc_str_data(r), rc_str_size(r));
        rc_decref(r);
    } else {
        lx_exc_clear(I);
        puts_(t, "?");
    }
}

/* The docstring's lines, each after `indent`, cleaned as inspect.cleandoc
 * does: the first line's leading blanks and the other lines' common
 * indentation removed, blank lines at the start and the end dropped. */
static void put_doc(text *t, rc_object *doc, const char *indent)
{
    if (!doc || !rc_is_type(doc, &rc_str_type))
        return;
    const char *s = rc_str_data(doc), *end = s + rc_str_size(doc);
    size_t common = (size_t)-1;                 /* the lines after the first */
    for (const char *p = memchr(s, '\n', (size_t)(end - s)); p; ) {
        const char *line = p + 1, *nl = memchr(line, '\n', (size_t)(end - line));
        const char *stop = nl ? nl : end, *q = line;
        while (q < stop && (*q == ' ' || *q == '\t'))
            q++;
        if (q < stop && (size_t)(q - line) < common)
            common = (size_t)(q - line);
        p = nl;
    }
    if (common == (size_t)-1)
        common = 0;
    size_t pending_blank = 0;
    int started = 0;
    for (int first = 1; s <= end; first = 0) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl : end, *q = s;
        if (first)
            while (q < stop && (*q == ' ' || *q == '\t'))
                q++;
        else
            q = (size_t)(stop - s) > common ? s + common : stop;
        const char *r = stop;
        while (r > q && (r[-1] == ' ' || r[-1] == '\t' || r[-1] == '\r'))
            r--;
        if (r == q) {
            pending_blank += started;            /* held until a line follows */
        } else {
            for (; pending_blank; pending_blank--) {
                puts_(t, indent);
                puts_(t, "\n");
            }
            puts_(t, indent);
            put(t, q, (size_t)(r - q));
            puts_(t, "\n");
            started = 1;
        }
        if (!nl)
            break;
        s = nl + 1;
    }
}

static rc_object *func_doc(lx_func *f)
{
    return f->code->doc >= 0 ? f->code->consts[f->code->doc] : NULL;
}

/* name(a, b=1, *args, c, **kw) of a function; skip: leading parameters left
 * out (self of a bound method). */
static void put_signature(lx_interp *I, text *t, lx_func *f, uint32_t skip)
{
    lx_code *co = f->code;
    rc_object *name = f->name;
    put(t, rc_str_data(name), rc_str_size(name));
    puts_(t, "(");
    uint32_t npos = co->argcount, nkw = co->kwonly;
    rc_ssize ndef = f->defaults ? rc_tuple_len(f->defaults) : 0;
    int first = 1;
    for (uint32_t i = skip; i < npos + nkw; i++) {
        if (i == npos) {
            if (!(co->flags & CO_VARARGS))
                puts_(t, first ? "*" : ", *");
            else {
                rc_object *v = co->localnames[npos + nkw];
                puts_(t, first ? "*" : ", *");
                put(t, rc_str_data(v), rc_str_size(v));
            }
            first = 0;
        }
        if (!first)
            puts_(t, ", ");
        first = 0;
        rc_object *pn = co->localnames[i];
        put(t, rc_str_data(pn), rc_str_size(pn));
        rc_object *def = NULL;
        if (i < npos && (rc_ssize)i >= (rc_ssize)npos - ndef)
            def = rc_tuple_get(f->defaults, (rc_ssize)i - ((rc_ssize)npos - ndef));
        else if (i >= npos && f->kwdefaults)
            def = rc_dict_get(f->kwdefaults, pn);
        if (def) {
            puts_(t, "=");
            put_repr(I, t, def);
        }
        if (i + 1 == npos && co->posonly && i + 1 == co->posonly)
            puts_(t, ", /");
    }
    if ((co->flags & CO_VARARGS) && nkw == 0) {
        rc_object *v = co->localnames[npos];
        puts_(t, first ? "*" : ", *");
        put(t, rc_str_data(v), rc_str_size(v));
        first = 0;
    }
    if (co->flags & CO_VARKW) {
        rc_object *v = co->localnames[npos + nkw + ((co->flags & CO_VARARGS) ? 1 : 0)];
        puts_(t, first ? "**" : ", **");
        put(t, rc_str_data(v), rc_str_size(v));
    }
    puts_(t, ")");
}

static const char *module_of(lx_func *f)
{
    return f->module && rc_is_type(f->module, &rc_str_type) ? rc_str_data(f->module) : "__main__";
}

static void help_function(lx_interp *I, text *t, lx_func *f)
{
    puts_(t, "Help on function ");
    put(t, rc_str_data(f->name), rc_str_size(f->name));
    puts_(t, " in module ");
    puts_(t, module_of(f));
    puts_(t, ":\n\n");
    put_signature(I, t, f, 0);
    puts_(t, "\n");
    put_doc(t, func_doc(f), "    ");
    puts_(t, "\n");
}

static void help_class(lx_interp *I, text *t, lx_class *c)
{
    const char *mod = c->module ? rc_str_data(c->module) : "builtins";
    puts_(t, "Help on class ");
    put(t, rc_str_data(c->name), rc_str_size(c->name));
    puts_(t, " in module ");
    puts_(t, mod);
    puts_(t, ":\n\nclass ");
    put(t, rc_str_data(c->name), rc_str_size(c->name));
    if (c->base) {
        puts_(t, "(");
        for (rc_ssize i = 0; c->bases && i < rc_tuple_len(c->bases); i++) {
            lx_class *b = (lx_class *)rc_tuple_get(c->bases, i);
            if (i)
                puts_(t, ", ");
            const char *bmod = b->module ? rc_str_data(b->module) : "builtins";
            if (strcmp(bmod, mod) != 0) {      /* another module's class: qualified */
                puts_(t, bmod);
                puts_(t, ".");
            }
            put(t, rc_str_data(b->name), rc_str_size(b->name));
        }
        puts_(t, ")");
    }
    puts_(t, "\n");
    put_doc(t, rc_dict_get(c->dict, I->names.__doc__), " |  ");
    int any = 0;
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc_dict_next(c->dict, &pos, &k, &v)) {
        if (v->type != &lx_func_type)
            continue;
        if (!any)
            puts_(t, " |  \n |  Methods defined here:\n");
        any = 1;
        puts_(t, " |  \n |  ");
        put_signature(I, t, (lx_func *)v, 0);
        puts_(t, "\n");
        put_doc(t, func_doc((lx_func *)v), " |      ");
    }
    puts_(t, "\n");
}

static void help_module(lx_interp *I, text *t, lx_module *m)
{
    puts_(t, "Help on module ");
    put(t, rc_str_data(m->name), rc_str_size(m->name));
    puts_(t, ":\n\nNAME\n    ");
    put(t, rc_str_data(m->name), rc_str_size(m->name));
    puts_(t, "\n\n");
    rc_object *doc = rc_dict_get(m->dict, I->names.__doc__);
    if (doc && rc_is_type(doc, &rc_str_type)) {
        puts_(t, "DESCRIPTION\n");
        put_doc(t, doc, "    ");
        puts_(t, "\n");
    }
    int any = 0;
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (rc_dict_next(m->dict, &pos, &k, &v)) {
        if (v->type != &lx_func_type && v->type != &lx_cfunc_type)
            continue;
        if (rc_str_data(k)[0] == '_')
            continue;
        if (!any)
            puts_(t, "FUNCTIONS\n");
        any = 1;
        puts_(t, "    ");
        if (v->type == &lx_func_type) {
            put_signature(I, t, (lx_func *)v, 0);
            puts_(t, "\n");
            put_doc(t, func_doc((lx_func *)v), "        ");
        } else {
            put(t, rc_str_data(k), rc_str_size(k));
            puts_(t, "(...)\n");
        }
        puts_(t, "\n");
    }
}

rc_object *lx_builtin_help(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "help", kw) < 0 || lx_check_nargs(I, "help", n, 0, 1) < 0)
        return NULL;
    text t = {0};
    if (n == 0) {
        puts_(&t, "Type help(object) for help about object: its signature and docstring.\n"
                  "(reclaim has no interactive help utility.)\n");
    } else {
        rc_object *o = a[0];
        if (o->type == &lx_func_type) {
            help_function(I, &t, (lx_func *)o);
        } else if (o->type == &lx_method_type && ((lx_method *)o)->func->type == &lx_func_type) {
            lx_method *m = (lx_method *)o;
            lx_func *f = (lx_func *)m->func;
            puts_(&t, "Help on method ");
            put(&t, rc_str_data(f->name), rc_str_size(f->name));
            puts_(&t, " in module ");
            puts_(&t, module_of(f));
            puts_(&t, ":\n\n");
            put_signature(I, &t, f, 1);
            puts_(&t, " method of ");
            puts_(&t, module_of(f));
            puts_(&t, ".");
            puts_(&t, lx_type_name(I, m->self));
            puts_(&t, " instance\n");
            put_doc(&t, func_doc(f), "    ");
            puts_(&t, "\n");
        } else if (o->type == &lx_cfunc_type) {
            lx_cfunc_obj *c = (lx_cfunc_obj *)o;
            puts_(&t, "Help on built-in function ");
            puts_(&t, c->name);
            puts_(&t, ":\n\n");
            puts_(&t, c->name);
            puts_(&t, "(...)\n\n");
        } else if (o->type == &lx_module_type) {
            help_module(I, &t, (lx_module *)o);
        } else if (lx_is_class(o)) {
            help_class(I, &t, (lx_class *)o);
        } else {
            help_class(I, &t, lx_class_of(I, o));
        }
    }
    if (t.failed) {
        free(t.s);
        return lx_raise_heap_error(I);
    }
    fwrite(t.s, 1, t.len, stdout);
    fflush(stdout);
    free(t.s);
    rc_incref(rc_none());
    return rc_none();
}
