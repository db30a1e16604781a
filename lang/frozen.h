/*
 * lang/frozen.h — the library modules written in Python (the .py files of
 * lib/), built into the interpreter by tools/freeze_lib.cmake.
 *
 * An import looks here after the native modules (lang/modules.c) and before
 * sys.path; the module runs from this text with __file__ "<frozen NAME>",
 * as CPython names its own frozen modules.  The table ends with an entry
 * whose name is NULL.
 */
#ifndef RECLAIM_LANG_FROZEN_H
#define RECLAIM_LANG_FROZEN_H

#include <stddef.h>

typedef struct lx_frozen_module {
    const char *name;          /* "contextlib" */
    const char *source;        /* the file's UTF-8 text, NUL-terminated */
    size_t size;               /* its length in bytes, without the NUL */
} lx_frozen_module;

extern const lx_frozen_module lx_frozen_modules[];

#endif /* RECLAIM_LANG_FROZEN_H */
