/*
 * lang/interp.c — the interpreter as a whole: creation, running scripts,
 * the interactive prompt, imports, and shutdown.
 *
 * lx_new makes the heap (the interpreter is its userdata, so a type's slot
 * finds the interpreter from any object), the value stack, the interned
 * names, the built-in classes and functions, and the __main__ module.
 *
 * Shutdown (lx_free) follows what CPython 3.11 does for a simple script, as
 * far as a script can see: the atexit hooks run, then the interpreter drops
 * its references to the modules; the __main__ namespace is usually in a
 * cycle (functions refer to their globals), so a full collection finalizes
 * what it held (each __del__ once, in the collector's order, as CPython's
 * final collection does).  Then every remaining root is released and
 * collected, and the heap is freed.
 *
 * Invariants: I->exc is NULL between top-level runs; I->stack_top ==
 * I->stack when no script code runs.
 */
#define _XOPEN_SOURCE 700
#include "core.h"
#include "frozen.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

typedef struct atexit_hook {
    void (*fn)(lx_interp *I, void *arg);
    void *arg;
} atexit_hook;

/* State that does not belong in core.h's struct for everyone. */
typedef struct interp_extra {
    atexit_hook *hooks;
    size_t nhooks;
    /* the steps countdown (core.h): armed = what I->steps_left was last set
     * to; limit_left = steps the limit still allows beyond those counted */
    uint64_t armed;
    uint64_t limit_left;
    int limited;
    void (*tick)(lx_interp *I, void *arg);
    void *tick_arg;
    void (*heap_free_hook)(lx_interp *I, rc_heap *heap, void *arg);
    void *heap_free_arg;
} interp_extra;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double lx_uptime(lx_interp *I)
{
    return now_s() - I->t0;
}

rc_heap *lx_heap(lx_interp *I)
{
    return I->heap;
}

const lx_options *lx_get_options(lx_interp *I)
{
    return &I->opts;
}

int lx_get_recursion_limit(lx_interp *I)
{
    return I->recursion_limit;
}

int lx_set_recursion_limit(lx_interp *I, int limit)
{
    if (limit < 1) {
        lx_raise(I, LX_ValueError, "recursion limit must be greater or equal than 1");
        return -1;
    }
    if (limit > 20000)
        limit = 20000;                 /* beyond this the C stack could not follow */
    I->recursion_limit = limit;
    return 0;
}

static interp_extra *extra_of(lx_interp *I)
{
    return (interp_extra *)I->extra;
}

/* ---- steps: the step limit and the tick --------------------------------------------- */

/* Steps between two ticks.  Every tick gives the heap its chance to return
 * free memory that has sat unused for the purge delay (rc_heap_maintain:
 * one clock read), then runs the command's tick if one is set. */
#define TICK_STEPS 4096u

/* Charge the steps counted since the countdown was armed to the limit. */
static void charge_steps(lx_interp *I)
{
    interp_extra *x = extra_of(I);
    uint64_t used = x->armed - I->steps_left;
    x->limit_left = x->limit_left > used ? x->limit_left - used : 0;
    x->armed = I->steps_left;
}

/* Count down to whichever comes first: the next tick or the limit. */
static void arm_steps(lx_interp *I)
{
    interp_extra *x = extra_of(I);
    uint64_t n = TICK_STEPS;
    if (x->limited && x->limit_left < n)
        n = x->limit_left ? x->limit_left : 1;
    x->armed = I->steps_left = n;
}

int lx_steps_event(lx_interp *I)
{
    interp_extra *x = extra_of(I);
    charge_steps(I);
    rc_heap_maintain(I->heap, 0);
    if (x->tick)
        x->tick(I, x->tick_arg);
    arm_steps(I);
    if (x->limited && x->limit_left == 0) {
        lx_raise(I, LX_RuntimeError, "step limit exceeded");
        return -1;
    }
    return 0;
}

int lx_spend_steps(lx_interp *I, uint64_t n)
{
    if (n < I->steps_left) {
        I->steps_left -= n;
        return 0;
    }
    interp_extra *x = extra_of(I);
    charge_steps(I);
    x->limit_left = x->limit_left > n ? x->limit_left - n : 0;
    I->steps_left = x->armed = 1;           /* the event comes with the next step */
    return lx_count_step(I);
}

void lx_set_step_limit(lx_interp *I, uint64_t steps)
{
    interp_extra *x = extra_of(I);
    x->limited = steps != 0;
    x->limit_left = steps;
    arm_steps(I);
}

void lx_set_tick(lx_interp *I, void (*fn)(lx_interp *I, void *arg), void *arg)
{
    interp_extra *x = extra_of(I);
    charge_steps(I);
    x->tick = fn;
    x->tick_arg = fn ? arg : NULL;
    arm_steps(I);
}

int lx_atexit(lx_interp *I, void (*fn)(lx_interp *I, void *arg), void *arg)
{
    interp_extra *x = extra_of(I);
    atexit_hook *h = realloc(x->hooks, (x->nhooks + 1) * sizeof *h);
    if (!h) {
        lx_raise(I, LX_MemoryError, "%s", "");
        return -1;
    }
    h[x->nhooks].fn = fn;
    h[x->nhooks].arg = arg;
    x->hooks = h;
    x->nhooks++;
    return 0;
}

rc_object *lx_exc_fetch(lx_interp *I)
{
    rc_object *e = I->exc;
    I->exc = NULL;
    return e;
}

void lx_exc_restore(lx_interp *I, rc_object *exc)
{
    RC_SETREF(I->exc, exc);
}

/* ---- marks ------------------------------------------------------------------------ */

int lx_add_mark(lx_interp *I, const char *label)
{
    lx_mark *m = realloc(I->marks, (I->nmarks + 1) * sizeof *m);
    char *copy = strdup(label ? label : "");
    if (!m || !copy) {
        if (m)
            I->marks = m;
        free(copy);
        lx_raise(I, LX_MemoryError, "%s", "");
        return -1;
    }
    I->marks = m;
    rc_stats st;
    rc_heap_stats(I->heap, &st);
    m[I->nmarks].t_s = lx_uptime(I);
    m[I->nmarks].rss = rc_process_rss();
    m[I->nmarks].heap_bytes = st.bytes_in_use;
    m[I->nmarks].label = copy;
    I->nmarks++;
    return 0;
}

int lx_get_mark(lx_interp *I, size_t i, lx_mark *out)
{
    if (i >= I->nmarks)
        return 0;
    *out = I->marks[i];
    return 1;
}

/* ---- modules and imports --------------------------------------------------------------- */

int lx_register_module(lx_interp *I, const char *name, lx_module_init init)
{
    lx_native_module *v = realloc(I->natives, (I->nnatives + 1) * sizeof *v);
    char *copy = strdup(name);
    if (!v || !copy) {
        if (v)
            I->natives = v;
        free(copy);
        lx_raise(I, LX_MemoryError, "%s", "");
        return -1;
    }
    v[I->nnatives].name = copy;
    v[I->nnatives].init = init;
    I->natives = v;
    I->nnatives++;
    return 0;
}

/* The import search path, sys.path's list: made on first use, with the
 * running script's directory first ("" for the current one). */
rc_object *lx_import_path(lx_interp *I)
{
    if (I->path)
        return I->path;
    rc_object *cwd = rc_str_new(I->heap, "", 0);          /* -c and the prompt: "" */
    if (!cwd || !(I->path = rc_list_new(I->heap)) || rc_list_append(I->path, cwd) < 0) {
        rc_xdecref(cwd);
        return lx_raise_heap_error(I);
    }
    rc_decref(cwd);
    return I->path;
}

rc_object *lx_modules(lx_interp *I)
{
    return I->modules;
}

static void set_script_dir(lx_interp *I, const char *script)
{
    const char *slash = strrchr(script, '/');
    char dirname[4096], resolved[PATH_MAX];
    snprintf(dirname, sizeof dirname, "%.*s", slash ? (int)(slash - script) : 1, slash ? script : ".");
    if (slash == script)
        snprintf(dirname, sizeof dirname, "/");
    const char *abs = realpath(dirname, resolved) ? resolved : dirname;   /* as CPython: absolute */
    rc_object *dir = rc_str_from(I->heap, abs);
    rc_object *path = dir ? lx_import_path(I) : NULL;
    if (path)
        rc_list_set(path, 0, dir);      /* the script's directory instead of "" */
    rc_xdecref(dir);
    lx_exc_clear(I);
}

/* The whole of file `path` (malloc'd, *n bytes, a UTF-8 BOM dropped), or
 * NULL with *why: 1 it cannot be opened, 2 out of memory. */
static char *read_source(const char *path, size_t *n, int *why)
{
    FILE *f = fopen(path, "rb");
    *why = 1;
    if (!f)
        return NULL;
    *why = 2;
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    fclose(f);
    if (buf && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(buf, buf + 3, len - 3);
        len -= 3;
    }
    *n = len;
    return buf;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Run the source module `full` (its file `file`; a package's directory
 * `pkgdir` or NULL) as a new module, registered in sys.modules before it
 * runs (so a circular import finds it half made, as in CPython) and taken
 * out again if it fails. */
static rc_object *run_module_text(lx_interp *I, rc_object *full, const char *src, size_t n, const char *file,
                                  const char *pkgdir);

static rc_object *load_source(lx_interp *I, rc_object *full, const char *file, const char *pkgdir)
{
    size_t n;
    int why;
    char *src = read_source(file, &n, &why);
    if (!src)
        return lx_raise(I, LX_ImportError, "cannot read '%s'", file);
    rc_object *m = run_module_text(I, full, src, n, file, pkgdir);
    free(src);
    return m;
}

/* A library module written in Python and built in (lang/frozen.h), run as
 * `full`; NULL with no exception if there is none of that name. */
static rc_object *load_frozen(lx_interp *I, rc_object *full)
{
    for (const lx_frozen_module *f = lx_frozen_modules; f->name; f++) {
        if (strcmp(f->name, rc_str_data(full)) != 0)
            continue;
        char label[128];
        snprintf(label, sizeof label, "<frozen %s>", f->name);
        return run_module_text(I, full, f->source, f->size, label, NULL);
    }
    return NULL;
}

/* Run the text of module `full` (from file, a package when pkgdir is
 * given) in a new module cached in sys.modules first; the cached module
 * (which the code may have replaced), or NULL with the module taken out of
 * sys.modules again. */
static rc_object *run_module_text(lx_interp *I, rc_object *full, const char *src, size_t n, const char *file,
                                  const char *pkgdir)
{
    rc_object *m = lx_module_new(I, rc_str_data(full), NULL);
    rc_object *d = m ? lx_module_dict(m) : NULL;
    rc_object *fo = d ? rc_str_from(I->heap, file) : NULL;
    int ok = fo && rc_dict_set(d, I->names.__file__, fo) == 0 && rc_dict_set(I->modules, full, m) == 0;
    rc_xdecref(fo);
    rc_object *b = ok ? rc_dict_get(I->main_dict, I->names.__builtins__) : NULL;
    if (b)
        rc_dict_set(d, I->names.__builtins__, b);
    if (ok && pkgdir) {                  /* a package: its directory is where its submodules are */
        rc_object *dir = rc_str_from(I->heap, pkgdir);
        rc_object *list = dir ? rc_list_new(I->heap) : NULL;
        rc_object *key = list ? lx_intern(I, "__path__") : NULL;
        ok = key && rc_list_append(list, dir) == 0 && rc_dict_set(d, key, list) == 0;
        rc_xdecref(key);
        rc_xdecref(list);
        rc_xdecref(dir);
    }
    if (!ok) {
        rc_xdecref(m);
        return lx_exc_occurred(I) ? NULL : lx_raise_heap_error(I);
    }
    lx_code *co = lx_compile(I, src, n, file, 0);
    rc_object *r = co ? lx_eval_code(I, co, d, NULL) : NULL;
    rc_xdecref(co);
    if (!r) {
        rc_object *exc = I->exc;
        I->exc = NULL;
        rc_dict_del(I->modules, full);
        I->exc = exc;
        rc_decref(m);
        return NULL;
    }
    rc_decref(r);
    rc_object *cached = rc_dict_get(I->modules, full);   /* the module may have replaced itself */
    rc_object *result = cached ? cached : m;
    rc_incref(result);
    rc_decref(m);
    return result;
}

/* Find `last` (a module's name without its package) in the directories
 * of `dirs` (a list of strs) and load it as `full`; NULL with no exception
 * if it is not there. */
static rc_object *find_source(lx_interp *I, rc_object *full, const char *last, rc_object *dirs)
{
    for (rc_ssize i = 0; dirs && i < rc_list_len(dirs); i++) {
        rc_object *dir = rc_list_get(dirs, i);
        if (!rc_is_type(dir, &rc_str_type))
            continue;
        const char *ds = rc_str_size(dir) ? rc_str_data(dir) : ".";
        size_t need = strlen(ds) + strlen(last) + 16;
        char *p = malloc(need);
        if (!p)
            return lx_raise_heap_error(I);
        snprintf(p, need, "%s/%s.py", ds, last);
        if (is_file(p)) {
            rc_object *m = load_source(I, full, p, NULL);
            free(p);
            return m;
        }
        snprintf(p, need, "%s/%s/__init__.py", ds, last);
        if (is_file(p)) {
            char *pkg = malloc(need);
            if (pkg)
                snprintf(pkg, need, "%s/%s", ds, last);
            rc_object *m = pkg ? load_source(I, full, p, pkg) : lx_raise_heap_error(I);
            free(pkg);
            free(p);
            return m;
        }
        free(p);
    }
    return NULL;
}

rc_object *lx_import(lx_interp *I, rc_object *name)
{
    rc_object *m = rc_dict_get(I->modules, name);
    if (m) {
        rc_incref(m);
        return m;
    }
    const char *s = rc_str_data(name);
    for (size_t i = 0; i < I->nnatives; i++) {
        if (strcmp(I->natives[i].name, s) != 0)
            continue;
        m = I->natives[i].init(I);
        if (!m)
            return NULL;
        if (rc_dict_set(I->modules, name, m) < 0) {
            rc_decref(m);
            return lx_raise_heap_error(I);
        }
        return m;
    }
    if ((m = load_frozen(I, name)) || lx_exc_occurred(I))
        return m;
    const char *dot = strrchr(s, '.');
    if (dot) {                           /* pkg.sub: the package first, then its directory */
        rc_object *pname = rc_str_new(I->heap, s, (size_t)(dot - s));
        rc_object *parent = pname ? lx_import(I, pname) : lx_raise_heap_error(I);
        rc_xdecref(pname);
        if (!parent)
            return NULL;
        rc_object *key = lx_intern(I, "__path__");
        rc_object *dirs = key && parent->type == &lx_module_type ? rc_dict_get(lx_module_dict(parent), key) : NULL;
        rc_xdecref(key);
        m = dirs && rc_is_type(dirs, &rc_list_type) ? find_source(I, name, dot + 1, dirs) : NULL;
        if (m && lx_module_set(I, parent, dot + 1, m) < 0)  /* pkg.sub as an attribute of pkg */
            RC_CLEAR(m);
        rc_decref(parent);
        if (m || lx_exc_occurred(I))
            return m;
    } else {
        rc_object *dirs = lx_import_path(I);
        m = dirs ? find_source(I, name, s, dirs) : NULL;
        if (m || lx_exc_occurred(I))
            return m;
    }
    lx_raise(I, LX_ModuleNotFoundError, "No module named '%s'", s);
    return NULL;
}

rc_object *lx_import_name(lx_interp *I, const char *name)
{
    rc_object *key = lx_intern(I, name);
    rc_object *m = key ? lx_import(I, key) : NULL;
    rc_xdecref(key);
    return m;
}

/* ---- creation --------------------------------------------------------------------------- */

static int init_names(lx_interp *I)
{
#define X(n)                                  \
    if (!(I->names.n = lx_intern(I, #n)))     \
        return -1;
    LX_NAME_LIST(X)
#undef X
    if (!(I->names.dunder_func = lx_intern(I, "__func__")))
        return -1;
    return 0;
}

static void release_names(lx_interp *I)
{
#define X(n) RC_CLEAR(I->names.n);
    LX_NAME_LIST(X)
#undef X
    RC_CLEAR(I->names.dunder_func);
}

/* NotImplemented and Ellipsis: ordinary objects the interpreter owns one
 * reference to (released by lx_free, so a clean exit leaves nothing alive);
 * the core hands NotImplemented around as a borrowed sentinel. */
static rc_object *singleton(lx_interp *I)
{
    return rc_new(I->heap, &lx_singleton_type);
}

/* The sets' deleted-entry marker (I->dummy): an address no script value has.
 * Only set.c's tables hold it, never the library, so it needs no heap. */
static rc_object set_dummy_marker = {-1, &lx_singleton_type};

static int make_main(lx_interp *I)
{
    rc_object *m = lx_module_new(I, "__main__", NULL);
    if (!m)
        return -1;
    I->main_dict = lx_module_dict(m);
    rc_incref(I->main_dict);
    int r = rc_dict_set(I->modules, I->names.__main__, m);
    rc_object *b = lx_module_new(I, "builtins", NULL);
    if (b) {
        RC_SETREF(((lx_module *)b)->dict, (rc_incref(I->builtins), I->builtins));
        rc_dict_set(I->modules, ((lx_module *)b)->name, b);
        rc_dict_set(I->main_dict, I->names.__builtins__, b);
        rc_decref(b);
    }
    rc_object *none_doc = rc_none();
    rc_dict_set(I->main_dict, I->names.__doc__, none_doc);
    rc_decref(m);
    return r < 0 || !b ? -1 : 0;
}

lx_interp *lx_new(const lx_options *opts)
{
    lx_interp *I = calloc(1, sizeof *I);
    interp_extra *x = calloc(1, sizeof *x);
    if (!I || !x) {
        free(I);
        free(x);
        fprintf(stderr, "reclaim: out of memory\n");
        return NULL;
    }
    I->extra = x;
    if (opts)
        I->opts = *opts;
    I->t0 = now_s();
    I->heap = rc_heap_new(opts ? &opts->heap : NULL);
    if (!I->heap) {
        fprintf(stderr, "reclaim: cannot create a heap\n");
        free(x);
        free(I);
        return NULL;
    }
    rc_heap_set_userdata(I->heap, I);
    /* the limit is for the script: start-up runs without it */
    size_t limit = rc_heap_memory_limit(I->heap);
    rc_heap_set_memory_limit(I->heap, 0);
    I->recursion_limit = LX_RECURSION_LIMIT;
    I->int_max_str_digits = 4300;
    struct rlimit rl;
    size_t stack = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < stack)
        stack = (size_t)rl.rlim_cur;
    I->c_stack_budget = stack > (1u << 20) ? stack - stack / 4 : stack / 2;
    x->armed = I->steps_left = TICK_STEPS;
    I->stack = calloc(LX_STACK_SLOTS, sizeof *I->stack);
    I->stack_top = I->stack;
    I->stack_end = I->stack ? I->stack + LX_STACK_SLOTS : NULL;
    I->builtins = rc_dict_new(I->heap);
    I->modules = rc_dict_new(I->heap);
    I->repr_active = rc_list_new(I->heap);
    I->empty_tuple = rc_tuple_new(I->heap, 0);
    I->not_implemented = singleton(I);
    I->ellipsis = singleton(I);
    I->dummy = &set_dummy_marker;
    /* setup makes no garbage: no automatic collection while it runs, so the
     * first one a script sees is one its own allocations (or its embedder's
     * threshold) decide, however many objects the built-ins take */
    int collector_was_on = rc_gc_is_enabled(I->heap);
    rc_gc_disable(I->heap);
    int setup_failed = !I->stack || !I->builtins || !I->modules || !I->repr_active || !I->empty_tuple || !I->not_implemented ||
        !I->ellipsis || !I->dummy || lx_lookup_cache_init(I) < 0 || init_names(I) < 0 || lx_init_builtins(I) < 0 || make_main(I) < 0 ||
        lx_register_method_types(I) < 0 || lx_register_gen_type(I) < 0 ||
        lx_register_native_modules(I) < 0;
    if (!setup_failed)
        setup_failed = !(I->spare_memory_error =
                             lx_exc_new(I, I->exc_class[LX_MemoryError], I->empty_tuple));
    if (collector_was_on)
        rc_gc_enable(I->heap);
    if (setup_failed) {
        if (I->exc)
            lx_print_exception(I, I->exc, stderr);
        fprintf(stderr, "reclaim: cannot initialise the interpreter\n");
        lx_free(I);
        return NULL;
    }
    if (limit) {
        rc_stats st;
        rc_heap_stats(I->heap, &st);
        rc_heap_set_memory_limit(I->heap, st.bytes_limit_used + limit);
    }
    return I;
}

/* ---- running ---------------------------------------------------------------------------- */

/* SystemExit: the status it carries (printing a non-int argument). */
static int system_exit_status(lx_interp *I, rc_object *exc)
{
    rc_object *args = lx_exc_args(exc);
    if (!args || rc_tuple_len(args) == 0)
        return 0;
    rc_object *code = rc_tuple_get(args, 0);
    if (code == rc_none())
        return 0;
    if (code->type == &rc_int_type || code->type == &rc_bool_type)
        return (int)rc_int_value(code);
    rc_object *s = lx_str(I, code);
    if (s) {
        fflush(stdout);
        fprintf(stderr, "%s\n", rc_str_data(s));
        rc_decref(s);
    } else {
        lx_exc_clear(I);
    }
    return 1;
}

/* Report the pending exception; returns the exit status. */
static int report_exception(lx_interp *I)
{
    rc_object *exc = I->exc;
    I->exc = NULL;
    int status = 1;
    if (lx_exc_is_instance(I, exc, LX_SystemExit)) {
        status = system_exit_status(I, exc);
        I->exiting = 1;
    } else {
        lx_print_exception(I, exc, stderr);
    }
    rc_decref(exc);
    RC_CLEAR(I->handled);
    return status;
}

static int run_code(lx_interp *I, const char *src, size_t len, const char *filename, int mode)
{
    lx_code *co = lx_compile(I, src, len, filename, mode);
    if (!co)
        return report_exception(I);
    rc_object *r = lx_eval_code(I, co, I->main_dict, NULL);
    rc_decref(co);
    if (!r)
        return report_exception(I);
    rc_decref(r);
    fflush(stdout);
    return 0;
}

int lx_run_string(lx_interp *I, const char *code, const char *filename)
{
    if (!rc_dict_get(I->main_dict, I->names.__file__) && filename && filename[0] != '<') {
        rc_object *f = rc_str_from(I->heap, filename);
        if (f) {
            rc_dict_set(I->main_dict, I->names.__file__, f);
            rc_decref(f);
        }
    }
    return run_code(I, code, strlen(code), filename ? filename : "<string>", 0);
}

int lx_run_file(lx_interp *I, const char *path)
{
    size_t n;
    int why;
    char *buf = read_source(path, &n, &why);
    if (!buf && why == 1) {
        fprintf(stderr, "reclaim: can't open file '%s': [Errno 2] No such file or directory\n", path);
        return 2;
    }
    if (!buf) {
        fprintf(stderr, "reclaim: out of memory reading '%s'\n", path);
        return 1;
    }
    rc_object *fo = rc_str_from(I->heap, path);
    if (fo) {
        rc_dict_set(I->main_dict, I->names.__file__, fo);
        rc_decref(fo);
    }
    set_script_dir(I, path);
    int r = run_code(I, buf, n, path, 0);
    free(buf);
    return r;
}

/* The prompt: statements are read line by line; a compound statement (or an
 * unfinished one) continues until an empty line. */
int lx_repl(lx_interp *I, FILE *in)
{
    char line[4096];
    char *src = NULL;
    size_t len = 0;
    int status = 0, compound = 0;
    int tty = in == stdin && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    for (;;) {
        const char *prompt = len ? "... " : ">>> ";
        fflush(stdout);
        rc_heap_maintain(I->heap, -1);    /* idle until the next line */
        int got = -1, interrupted = 0;
        if (tty)
            got = lx_readline(prompt, line, sizeof line, &interrupted);   /* arrows, history */
        if (got < 0) {                    /* not a terminal (or it refused raw mode) */
            fputs(prompt, stdout);
            fflush(stdout);
            got = fgets(line, sizeof line, in) != NULL;
            if (!got)
                fputc('\n', stdout);
        }
        if (!got)
            break;
        if (interrupted) {                /* Ctrl-C: the statement so far is dropped */
            fputs("KeyboardInterrupt\n", stderr);
            len = 0;
            continue;
        }
        size_t n = strlen(line);
        char *grown = realloc(src, len + n + 2);
        if (!grown)
            break;
        src = grown;
        memcpy(src + len, line, n + 1);
        int blank = 1;
        for (size_t i = 0; i < n; i++)
            if (line[i] != ' ' && line[i] != '\t' && line[i] != '\n' && line[i] != '\r')
                blank = 0;
        int was_empty = len == 0;
        len += n;
        if (was_empty && blank) {
            len = 0;
            continue;
        }
        /* a compound statement (its first line ends in ':') runs at the
         * empty line; any other runs as soon as it is complete */
        if (was_empty)
            compound = n > 1 && line[n - 2] == ':';
        int continuing = !was_empty && !blank && compound;
        lx_code *co = NULL;
        if (!continuing) {
            co = lx_compile(I, src, len, "<stdin>", 1);
            if (!co && I->exc && lx_exc_is_instance(I, I->exc, LX_SyntaxError)) {
                rc_object *args = lx_exc_args(I->exc);
                rc_object *msg = args && rc_tuple_len(args) ? rc_tuple_get(args, 0) : NULL;
                const char *m = msg && rc_is_type(msg, &rc_str_type) ? rc_str_data(msg) : "";
                int incomplete = strcmp(m, "incomplete input") == 0 || strstr(m, "was never closed") ||
                                 strstr(m, "unterminated triple-quoted");
                /* a header waiting for its block; `def f(:` is wrong at once */
                int header = len > 1 && src[len - 2] == ':' && strstr(m, "expected an indented block");
                if ((incomplete || header) && !blank) {
                    lx_exc_clear(I);
                    continue;
                }
            }
        } else {
            continue;
        }
        if (!co) {
            status = report_exception(I);
        } else {
            rc_object *r = lx_eval_code(I, co, I->main_dict, NULL);
            rc_decref(co);
            if (!r)
                status = report_exception(I);
            else
                rc_decref(r);
        }
        fflush(stdout);
        len = 0;
        if (I->exiting)
            break;
    }
    /* a block still open at end of input runs as it is */
    free(src);
    return I->exiting ? status : 0;
}

rc_object *lx_eval_source(lx_interp *I, const char *src, size_t len, int mode, rc_object *globals,
                          rc_object *ns)
{
    if (!globals)
        globals = I->main_dict;
    if (!ns)
        ns = globals;
    lx_code *co = lx_compile(I, src, len, "<string>", mode == 2 ? 2 : 3);
    if (!co)
        return NULL;
    rc_object *r = lx_eval_code(I, co, globals, ns);
    rc_decref(co);
    if (r && mode != 2) {
        rc_decref(r);
        r = rc_none();
    }
    return r;
}

/* ---- shutdown ----------------------------------------------------------------------------- */

/* Drop every value of the dict d (its type's clear), as CPython's module
 * cleanup does: functions <-> globals and module <-> dict cycles are broken
 * without the collector.  d is held meanwhile (clearing may run __del__). */
static void clear_dict(rc_object *d)
{
    if (!d)
        return;
    rc_incref(d);
    d->type->clear(d);
    rc_decref(d);
}

/* Append to out the values of d that pass keep (0: a list ran out of memory). */
static int collect_values(rc_object *d, int (*keep)(rc_object *v), rc_object *out)
{
    rc_ssize pos = 0;
    rc_object *name, *v;
    while (d && rc_dict_next(d, &pos, &name, &v))
        if (keep(v) && rc_list_append(out, v) < 0)
            return 0;
    return 1;
}

static int is_module(rc_object *v)
{
    return rc_is_type(v, &lx_module_type);
}

/* The namespaces of __main__ and every other module but builtins, in a
 * list (NULL if it cannot be made): lx_free empties them late, see there. */
static rc_object *gather_namespaces(lx_interp *I)
{
    rc_object *mods = rc_list_new(I->heap), *dicts = rc_list_new(I->heap);
    int ok = mods && dicts && rc_list_append(dicts, I->main_dict) == 0 &&
             collect_values(I->modules, is_module, mods);
    for (rc_ssize i = 0; ok && i < rc_list_len(mods); i++) {
        rc_object *d = lx_module_dict(rc_list_get(mods, i));
        if (d != I->builtins && d != I->main_dict)
            ok = rc_list_append(dicts, d) == 0;
    }
    rc_xdecref(mods);
    if (!ok)
        RC_CLEAR(dicts);
    return dicts;
}

/* Empty each namespace of the list (clearing may run __del__), drop it. */
static void clear_namespaces(rc_object *dicts)
{
    for (rc_ssize i = 0; i < rc_list_len(dicts); i++)
        clear_dict(rc_list_get(dicts, i));
    rc_decref(dicts);
}

/* The objects a leak report must show: those the program had already lost
 * when it ended with the collector off (unreachable cycles and what only
 * they hold).  Each is pinned with a reference while the teardown's
 * collections free everything the program could still reach, finalizers
 * run in CPython's order; the pins go after the last collection, and
 * rc_heap_free reports what they held, kept alive only by cycles. */
typedef struct lost_objects {
    rc_object **items;
    size_t n, cap;
} lost_objects;

static void note_lost(rc_object *o, void *arg)
{
    lost_objects *lost = arg;
    if (lost->n == lost->cap) {
        size_t cap = lost->cap ? 2 * lost->cap : 64;
        rc_object **items = realloc(lost->items, cap * sizeof *items);
        if (!items)
            return;             /* unpinned: collected, so missing from the report */
        lost->items = items;
        lost->cap = cap;
    }
    lost->items[lost->n++] = o;
}

static void pin_lost_objects(rc_heap *h, lost_objects *lost)
{
    rc_gc_visit_unreachable(h, note_lost, lost);   /* no count may change meanwhile */
    for (size_t i = 0; i < lost->n; i++)
        rc_incref(lost->items[i]);
}

static void unpin_lost_objects(lost_objects *lost)
{
    for (size_t i = 0; i < lost->n; i++)
        rc_decref(lost->items[i]);
    free(lost->items);
}

static void release_roots(lx_interp *I)
{
    RC_CLEAR(I->spare_memory_error);
    RC_CLEAR(I->exc);
    RC_CLEAR(I->handled);
    RC_CLEAR(I->main_dict);
    RC_CLEAR(I->modules);
    RC_CLEAR(I->path);
}

/* Drop one built-in class; when lost objects are pinned (they may hold it
 * in a __mro__), its contents go first, so that the report shows the lost
 * objects rather than the whole built-in class. */
static void release_class(lx_class **c, int clear_first)
{
    if (*c && clear_first)
        (*c)->ob.type->clear(&(*c)->ob);
    RC_CLEAR(*c);
}

static void release_builtin_classes(lx_interp *I, int clear_first)
{
    RC_CLEAR(I->builtins);
    memset(I->typecache, 0, sizeof I->typecache);
    lx_lookup_cache_clear(I);
    for (size_t i = 0; i < I->ntypemap; i++)
        release_class(&I->typemap[i].cls, clear_first);
    for (int k = 0; k < LX_EXC_KIND_COUNT; k++)
        release_class(&I->exc_class[k], clear_first);
    lx_class **classes[] = {&I->c_object, &I->c_type, &I->c_int, &I->c_bool, &I->c_float, &I->c_str,
                            &I->c_bytes, &I->c_tuple, &I->c_list, &I->c_dict, &I->c_set, &I->c_frozenset,
                            &I->c_range, &I->c_none, &I->c_function, &I->c_cfunc, &I->c_method, &I->c_module,
                            &I->c_code, &I->c_cell, &I->c_weakref, &I->c_property, &I->c_staticmethod,
                            &I->c_classmethod, &I->c_super, &I->c_notimpl, &I->c_ellipsis, &I->c_tb, &I->c_slice};
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        release_class(classes[i], clear_first);
}

/* A full collection (CPython's shutdown collects even after gc.disable()). */
static void final_collection(lx_interp *I)
{
    rc_gc_collect(I->heap, 2);
    lx_exc_clear(I);
}

void lx_set_heap_free_hook(lx_interp *I, void (*fn)(lx_interp *I, rc_heap *heap, void *arg), void *arg)
{
    extra_of(I)->heap_free_hook = fn;
    extra_of(I)->heap_free_arg = arg;
}

/* The modules go, and full collections finalize what they held, as
 * CPython's shutdown does (which ignores gc.disable()).  Under a leak report
 * (RC_REPORT_LEAKS) with automatic collection left off by the script, what
 * the script had already lost is pinned first (see lost_objects).  If it
 * lost anything, the namespaces are emptied after the first collection:
 * a lost function keeps its module's globals alive through __globals__,
 * and what they hold would otherwise stay too (a __del__ that runs then
 * finds its module's globals gone, as in CPython's late shutdown). */
void lx_free(lx_interp *I)
{
    if (!I)
        return;
    lx_lineedit_free_history();
    interp_extra *x = extra_of(I);
    if (I->heap) {
        for (size_t i = x ? x->nhooks : 0; i-- > 0;)
            x->hooks[i].fn(I, x->hooks[i].arg);
        lx_exc_clear(I);
        lost_objects lost = {0};
        rc_object *namespaces = NULL;
        int threshold[3];
        rc_gc_get_threshold(I->heap, threshold);
        int collector_off = !rc_gc_is_enabled(I->heap) || threshold[0] == 0;   /* as CPython reads 0 */
        int report_lost = (I->opts.heap.flags & RC_REPORT_LEAKS) && collector_off;
        if (report_lost) {
            pin_lost_objects(I->heap, &lost);
            if (lost.n && I->modules)
                namespaces = gather_namespaces(I);
        }
        release_roots(I);
        /* the heap's gc.garbage goes too (the script's last view of it is
         * gone): what it saved is collected or reported like the rest */
        rc_gc_set_debug(I->heap, 0);
        rc_gc_garbage_release(I->heap);
        final_collection(I);
        if (namespaces) {
            clear_namespaces(namespaces);
            final_collection(I);
        }
        /* what gc.freeze left in the permanent generation: every byte must
         * go back, and its finalizers still need the builtins (CPython
         * would leave it unfinalized) */
        if (rc_gc_get_freeze_count(I->heap) > 0) {
            rc_gc_unfreeze(I->heap);
            final_collection(I);
        }
        /* everything else, so that every destroy runs (code objects own
         * malloc'd arrays) */
        release_builtin_classes(I, report_lost);
        final_collection(I);
        RC_CLEAR(I->repr_active);
        RC_CLEAR(I->empty_tuple);
        RC_CLEAR(I->not_implemented);
        RC_CLEAR(I->ellipsis);
        release_names(I);
        final_collection(I);
        rc_gc_garbage_release(I->heap);
        I->exc = NULL;
        unpin_lost_objects(&lost);
        if (x && x->heap_free_hook)
            x->heap_free_hook(I, I->heap, x->heap_free_arg);
        rc_heap_free(I->heap);
    }
    for (size_t i = 0; i < I->nnatives; i++)
        free(I->natives[i].name);
    free(I->natives);
    for (size_t i = 0; i < I->nmarks; i++)
        free((char *)I->marks[i].label);
    free(I->marks);
    free(I->typemap);
    free(I->stack);
    if (x)
        free(x->hooks);
    free(x);
    free(I);
}
