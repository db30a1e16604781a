/*
 * lang/modules.c — the table of native modules a script can import.
 *
 * Each module lives in its own lang/mod_NAME.c and exposes one init
 * function; lx_register_native_modules makes them importable.  Modules use
 * only lang/lang.h and the library's public header.
 */
#include "lang.h"

int lx_register_native_modules(lx_interp *I)
{
    (void)I;
    return 0;
}
