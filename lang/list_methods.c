/* list_methods.c — skeleton; filled in below. */
#include "lang.h"
const lx_func_def lx_list_methods[] = {{NULL, NULL}};
const lx_func_def lx_tuple_methods[] = {{NULL, NULL}};
