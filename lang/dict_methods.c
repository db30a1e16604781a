/* dict_methods.c — skeleton; filled in below. */
#include "lang.h"
const lx_func_def lx_dict_methods[] = {{NULL, NULL}};
int lx_register_method_types(lx_interp *I) { (void)I; return 0; }
