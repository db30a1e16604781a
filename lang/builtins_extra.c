/* builtins_extra.c — skeleton; filled in below. */
#include "lang.h"
const lx_func_def lx_builtin_functions_extra[] = {{NULL, NULL}};
