/* str_methods.c — skeleton; filled in below. */
#include "lang.h"
const lx_func_def lx_str_methods[] = {{NULL, NULL}};
const lx_func_def lx_bytes_methods[] = {{NULL, NULL}};
