/*
 * lang/mod_unicodedata.c — the `unicodedata` module's character names:
 * lookup(name) and name(chr[, default]), over the tables that "\N{...}"
 * escapes use (lang/uninames.c, Unicode 14.0.0 as CPython 3.11), and
 * unidata_version.  The other functions of CPython's module (category,
 * normalize, ...) are not here.
 */
#include "mod_util.h"
#include "methods_util.h"

#include <string.h>

static rc_object *ud_lookup(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    const char *name;
    size_t len;
    uint32_t cp;
    if (mod_check_args(I, "lookup", n, kw, 1, 1) < 0)
        return NULL;
    if (a[0]->type != &rc_str_type)
        return lx_raise(I, LX_TypeError, "a bytes-like object is required, not '%s'", lx_type_name(I, a[0]));
    if (lx_arg_str(I, "lookup", a[0], &name, &len) < 0)
        return NULL;
    if (!lx_unicode_lookup(name, len, &cp))
        return lx_raise(I, LX_KeyError, "undefined character name '%s'", name);
    char utf8[4];
    size_t bytes = lx_utf8_encode(cp, utf8);
    return lx_str_new(I, utf8, bytes);
}

static rc_object *ud_name(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (mod_check_args(I, "name", n, kw, 1, 2) < 0)
        return NULL;
    if (a[0]->type != &rc_str_type || rc_str_len(a[0]) != 1)
        return lx_raise(I, LX_TypeError, "name() argument 1 must be a unicode character, not %s",
                        a[0]->type == &rc_str_type ? "str" : lx_type_name(I, a[0]));
    size_t pos = 0;
    uint32_t cp = lx_utf8_decode(rc_str_data(a[0]), &pos);
    char buf[128];
    if (lx_unicode_name(cp, buf, sizeof buf))
        return lx_strz(I, buf);
    if (n > 1) {
        rc_incref(a[1]);
        return a[1];
    }
    return lx_raise(I, LX_ValueError, "no such name");
}

static const lx_func_def unicodedata_functions[] = {{"lookup", ud_lookup}, {"name", ud_name}, {NULL, NULL}};

rc_object *lx_mod_unicodedata_init(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "unicodedata", unicodedata_functions);
    if (m && mod_set_new(I, m, "unidata_version", lx_strz(I, "14.0.0")) < 0)
        RC_CLEAR(m);
    return m;
}
