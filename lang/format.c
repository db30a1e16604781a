/* format.c — skeleton; filled in below. */
#include "lang.h"
rc_object *lx_str_percent(lx_interp *I, rc_object *fmt, rc_object *args)
{ (void)fmt; (void)args; return lx_raise(I, LX_NotImplementedError, "%% formatting"); }
rc_object *lx_format_value(lx_interp *I, rc_object *value, const char *spec, size_t spec_len)
{ (void)spec; (void)spec_len; return lx_str(I, value); }
rc_object *lx_float_repr(lx_interp *I, double v)
{ char buf[32]; snprintf(buf, sizeof buf, "%.17g", v); return lx_strz(I, buf); }
