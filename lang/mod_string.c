/*
 * lang/mod_string.c — the native `_string` module: CPython's
 * character-class constants and capwords(), which lib/string.py re-exports
 * as the `string` module next to its Template class.
 *
 * The constants are exactly CPython 3.11's strings.  capwords(s, sep=None)
 * is (sep or ' ').join(w.capitalize() for w in s.split(sep)), done through
 * the str methods themselves, so its errors are those methods' errors, as
 * in CPython, where capwords is a Python function.  Its argument errors
 * are worded as a Python function's.
 *
 * string.Formatter is not provided: reading it raises AttributeError
 * ("module 'string' has no attribute 'Formatter'").
 */
#include "mod_util.h"

#include <string.h>

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"
#define PUNCTUATION "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
#define WHITESPACE " \t\n\r\x0b\x0c"

static const struct {
    const char *name, *value;
} string_constants[] = {
    {"ascii_letters", LOWER UPPER},
    {"ascii_lowercase", LOWER},
    {"ascii_uppercase", UPPER},
    {"digits", DIGITS},
    {"hexdigits", DIGITS "abcdefABCDEF"},
    {"octdigits", "01234567"},
    {"punctuation", PUNCTUATION},
    {"printable", DIGITS LOWER UPPER PUNCTUATION WHITESPACE},
    {"whitespace", WHITESPACE},
};

/* capwords's parameters (s, sep=None) bound as a Python function binds
 * them: slots[0] is s, slots[1] is sep (NULL: not given).  0 or -1. */
static int bind_capwords(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw,
                         rc_object **slots)
{
    static const char *const names[] = {"s", "sep"};
    if (n > 2) {
        lx_raise(I, LX_TypeError, "capwords() takes from 1 to 2 positional arguments but %zu were given", n);
        return -1;
    }
    slots[0] = n > 0 ? a[0] : NULL;
    slots[1] = n > 1 ? a[1] : NULL;
    rc_ssize pos = 0;
    rc_object *k, *v;
    while (kw && rc_dict_next(kw, &pos, &k, &v)) {
        const char *key = rc_str_data(k);
        size_t i = strcmp(key, "s") == 0 ? 0 : strcmp(key, "sep") == 0 ? 1 : 2;
        if (i == 2) {
            lx_raise(I, LX_TypeError, "capwords() got an unexpected keyword argument '%s'", key);
            return -1;
        }
        if (slots[i]) {
            lx_raise(I, LX_TypeError, "capwords() got multiple values for argument '%s'", names[i]);
            return -1;
        }
        slots[i] = v;
    }
    if (!slots[0]) {
        lx_raise(I, LX_TypeError, "capwords() missing 1 required positional argument: 's'");
        return -1;
    }
    return 0;
}

/* o.name(*args) */
static rc_object *call_method(lx_interp *I, rc_object *o, const char *name, rc_object *const *args,
                              size_t n)
{
    rc_object *m = lx_getattr(I, o, name);
    if (!m)
        return NULL;
    rc_object *r = lx_call(I, m, args, n, NULL);
    rc_decref(m);
    return r;
}

/* Each item of the list words replaced by item.capitalize().  0 or -1. */
static int capitalize_all(lx_interp *I, rc_object *words)
{
    for (rc_ssize i = 0; i < rc_list_len(words); i++) {
        rc_object *w = call_method(I, rc_list_get(words, i), "capitalize", NULL, 0);
        if (!w)
            return -1;
        if (rc_list_set(words, i, w) < 0) {
            rc_decref(w);
            mod_raise_nomem(I);
            return -1;
        }
        rc_decref(w);
    }
    return 0;
}

/* (sep or ' ').join, looked up first, as CPython's Python code evaluates it. */
static rc_object *joiner_of(lx_interp *I, rc_object *sep)
{
    int sep_true = lx_truth(I, sep);
    if (sep_true < 0)
        return NULL;
    if (sep_true)
        return lx_getattr(I, sep, "join");
    rc_object *space = lx_strz(I, " ");
    rc_object *join = space ? lx_getattr(I, space, "join") : NULL;
    if (space)
        rc_decref(space);
    return join;
}

static rc_object *m_capwords(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    rc_object *arg[2];
    if (bind_capwords(I, a, n, kw, arg) < 0)
        return NULL;
    rc_object *sep = arg[1] ? arg[1] : rc_none();
    rc_object *join = joiner_of(I, sep);
    rc_object *words = join ? call_method(I, arg[0], "split", &sep, 1) : NULL;
    rc_object *r = NULL;
    if (words && !rc_is_type(words, &rc_list_type))
        lx_raise(I, LX_TypeError, "capwords(): split() did not return a list");
    else if (words && capitalize_all(I, words) == 0)
        r = lx_call(I, join, &words, 1, NULL);
    if (words)
        rc_decref(words);
    if (join)
        rc_decref(join);
    return r;
}

static const lx_func_def string_functions[] = {{"capwords", m_capwords}, {NULL, NULL}};

rc_object *lx_mod_string_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "_string", string_functions);
    int rc = m ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < sizeof string_constants / sizeof string_constants[0]; i++)
        rc = mod_set_new(I, m, string_constants[i].name, lx_strz(I, string_constants[i].value));
    if (rc < 0 && m)
        RC_CLEAR(m);
    return m;
}
