/*
 * test_lang.c — the interpreter core through lang.h: programs run with
 * lx_run_string, their results read back from the __main__ namespace, and
 * the memory semantics checked with the library's public API (reference
 * counts, cycle-collector counts, finalizer timing), as CPython 3.11 gives
 * them.  Errors (syntax, runtime, recursion, overflow, memory limit) must
 * leave the interpreter usable.
 */
#define _POSIX_C_SOURCE 200809L
#include "lang.h"
#include "check.h"

#include <stdio.h>
#include <string.h>

static rc_object *g_main;   /* borrowed: the current interpreter's __main__ dict */

/* refcount(x): the true count of x (the evaluator holds one for the argument) */
static rc_object *native_refcount(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    if (lx_no_kwargs(I, "refcount", kw) < 0 || lx_check_nargs(I, "refcount", nargs, 1, 1) < 0)
        return NULL;
    return lx_int(I, (int64_t)rc_refcount(args[0]));
}

/* collect(): rc_gc_collect's count */
static rc_object *native_collect(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)args;
    if (lx_no_kwargs(I, "collect", kw) < 0 || lx_check_nargs(I, "collect", nargs, 0, 0) < 0)
        return NULL;
    return lx_int(I, (int64_t)rc_gc_collect(lx_heap(I), 2));
}

static lx_interp *new_interp(size_t memory_limit)
{
    lx_options o;
    memset(&o, 0, sizeof o);
    o.heap.memory_limit = memory_limit;
    lx_interp *I = lx_new(&o);
    if (!I)
        return NULL;
    rc_object *d = lx_eval_source(I, "globals()", 9, 2, NULL, NULL);
    CHECK(d != NULL);
    g_main = d;
    rc_decref(d);                       /* __main__ keeps it */
    rc_object *f1 = lx_cfunc_new(I, "refcount", native_refcount);
    rc_object *f2 = lx_cfunc_new(I, "collect", native_collect);
    rc_object *k1 = lx_strz(I, "refcount"), *k2 = lx_strz(I, "collect");
    rc_dict_set(g_main, k1, f1);
    rc_dict_set(g_main, k2, f2);
    rc_decref(f1), rc_decref(f2), rc_decref(k1), rc_decref(k2);
    return I;
}

/* The int bound to name in __main__, or -9999 if not an int. */
static int64_t get_int(lx_interp *I, const char *name)
{
    rc_object *k = lx_strz(I, name);
    rc_object *v = rc_dict_get(g_main, k);
    rc_decref(k);
    return v && rc_is_type(v, &rc_int_type) ? rc_int_value(v) : -9999;
}

static const char *get_str(lx_interp *I, const char *name)
{
    rc_object *k = lx_strz(I, name);
    rc_object *v = rc_dict_get(g_main, k);
    rc_decref(k);
    return v && rc_is_type(v, &rc_str_type) ? rc_str_data(v) : "<not a str>";
}

static rc_object *get(lx_interp *I, const char *name)
{
    rc_object *k = lx_strz(I, name);
    rc_object *v = rc_dict_get(g_main, k);
    rc_decref(k);
    return v;
}

static int run(lx_interp *I, const char *code)
{
    return lx_run_string(I, code, "<test>");
}

static void test_basics(void)
{
    lx_interp *I = new_interp(0);
    CHECK(I != NULL);
    CHECK_EQ(run(I, "x = 1 + 2 * 3\n"
                    "def f(a, b=10, *rest, **kw):\n"
                    "    return a + b + len(rest) + len(kw)\n"
                    "y = f(1) + f(1, 2, 3, k=4)\n"
                    "z = [i * i for i in range(5) if i % 2][-1]\n"
                    "s = f'{x:03d}-{\"ab\" * 2}'\n"), 0);
    CHECK_EQ(get_int(I, "x"), 7);
    CHECK_EQ(get_int(I, "y"), 11 + 5);
    CHECK_EQ(get_int(I, "z"), 9);
    CHECK(strcmp(get_str(I, "s"), "007-abab") == 0);
    CHECK_EQ(run(I, "class A:\n"
                    "    n = 5\n"
                    "    def __init__(self, v): self.v = v\n"
                    "    def get(self): return self.v + self.n\n"
                    "class B(A):\n"
                    "    def get(self): return super().get() * 2\n"
                    "r = B(1).get()\n"
                    "def counter():\n"
                    "    c = 0\n"
                    "    def inc():\n"
                    "        nonlocal c\n"
                    "        c += 1\n"
                    "        return c\n"
                    "    return inc\n"
                    "inc = counter(); inc(); k = inc()\n"
                    "try:\n"
                    "    {}['missing']\n"
                    "except KeyError as e:\n"
                    "    msg = str(e)\n"
                    "finally:\n"
                    "    done = 1\n"), 0);
    CHECK_EQ(get_int(I, "r"), 12);
    CHECK_EQ(get_int(I, "k"), 2);
    CHECK(strcmp(get_str(I, "msg"), "'missing'") == 0);
    CHECK_EQ(get_int(I, "done"), 1);
    lx_free(I);
}

static void test_refcounts(void)
{
    lx_interp *I = new_interp(0);
    CHECK_EQ(run(I, "y = [1]\n"
                    "a = refcount([])\n"
                    "b = refcount(y)\n"
                    "def g(z):\n"
                    "    return refcount(z)\n"
                    "c = g(y)\n"
                    "def h(z):\n"
                    "    w = z\n"
                    "    return refcount(z)\n"
                    "d = h(y)\n"
                    "e = refcount(y)\n"), 0);
    rc_object *y = get(I, "y");
    CHECK(y != NULL && rc_refcount(y) == 1);        /* no hidden reference */
    CHECK_EQ(get_int(I, "a"), 1);
    CHECK_EQ(get_int(I, "b"), 2);
    CHECK_EQ(get_int(I, "c"), 3);
    CHECK_EQ(get_int(I, "d"), 4);
    CHECK_EQ(get_int(I, "e"), 2);                   /* locals died at return */
    /* identity of small ints and of identifier-like strings */
    CHECK_EQ(run(I, "p = 256; q = 255 + 1; same_int = p is q\n"
                    "s1 = 'hello'; s2 = 'hel' + 'lo'; same_str = s1 is 'hello'\n"), 0);
    CHECK(get(I, "same_int") == rc_true());
    CHECK(get(I, "same_str") == rc_true());
    lx_free(I);
}

static void test_cycles_and_finalizers(void)
{
    lx_interp *I = new_interp(0);
    CHECK_EQ(run(I, "class A: pass\n"
                    "a = A(); b = A(); a.b = b; b.a = a\n"
                    "del a, b\n"
                    "n_pair = collect()\n"
                    "l = []; l.append(l); del l\n"
                    "n_list = collect()\n"
                    "class M:\n"
                    "    def f(self): pass\n"
                    "m = M(); m.f_ = m.f; del m\n"
                    "n_method = collect()\n"
                    "o = A(); o.me = o; o.__dict__; del o\n"
                    "n_dict = collect()\n"
                    "class S:\n"
                    "    __slots__ = ('me',)\n"
                    "s = S(); s.me = s; del s\n"
                    "n_slots = collect()\n"), 0);
    CHECK_EQ(get_int(I, "n_pair"), 2);
    CHECK_EQ(get_int(I, "n_list"), 1);
    CHECK_EQ(get_int(I, "n_method"), 2);
    CHECK_EQ(get_int(I, "n_dict"), 2);
    CHECK_EQ(get_int(I, "n_slots"), 1);
    /* __del__: at once on del, once only, resurrection, errors ignored */
    CHECK_EQ(run(I, "log = []\n"
                    "class D:\n"
                    "    def __del__(self): log.append(1)\n"
                    "d = D(); del d\n"
                    "n1 = len(log)\n"
                    "keep = []\n"
                    "class R:\n"
                    "    def __del__(self): keep.append(self)\n"
                    "r = R(); del r\n"
                    "r = keep.pop(); del r\n"
                    "n_keep = len(keep)\n"
                    "class E:\n"
                    "    def __del__(self): 1 / 0\n"
                    "e = E(); del e\n"
                    "after = 1\n"), 0);
    CHECK_EQ(get_int(I, "n1"), 1);
    CHECK_EQ(get_int(I, "n_keep"), 0);
    CHECK_EQ(get_int(I, "after"), 1);
    lx_free(I);
}

static void test_errors(void)
{
    lx_interp *I = new_interp(0);
    /* syntax errors: nothing runs, status 1, interpreter usable after */
    CHECK_EQ(run(I, "ran = 1\ndef broken(:\n    pass\n"), 1);
    CHECK_EQ(get_int(I, "ran"), -9999);
    CHECK_EQ(run(I, "x = (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
                    "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
                    "(((((((((((((((((((((((((((((((((((((((((((((((((((1"), 1);
    CHECK_EQ(run(I, "x = 1\n  y = 2\n"), 1);
    CHECK_EQ(run(I, "return 5\n"), 1);
    /* runtime errors: status 1; caught ones give CPython's messages */
    CHECK_EQ(run(I, "1 / 0\n"), 1);
    CHECK_EQ(run(I, "undefined_name\n"), 1);
    CHECK_EQ(run(I, "def f(n): return f(n + 1)\n"
                    "try:\n"
                    "    f(0)\n"
                    "except RecursionError:\n"
                    "    rec = 1\n"
                    "try:\n"
                    "    float(9223372036854775807 + 1 << 1100)\n"
                    "except OverflowError:\n"
                    "    ovf = 1\n"
                    "try:\n"
                    "    1 + 'a'\n"
                    "except TypeError as e:\n"
                    "    te = str(e)\n"
                    "try:\n"
                    "    [][3]\n"
                    "except IndexError as e:\n"
                    "    ie = str(e)\n"
                    "try:\n"
                    "    nope\n"
                    "except NameError as e:\n"
                    "    ne = str(e)\n"
                    "l = []\n"
                    "for i in range(100000): l = [l]\n"
                    "try:\n"
                    "    repr(l)\n"
                    "except RecursionError:\n"
                    "    deep = 1\n"
                    "del l\n"), 0);
    CHECK_EQ(get_int(I, "rec"), 1);
    CHECK_EQ(get_int(I, "ovf"), 1);
    CHECK(strcmp(get_str(I, "te"), "unsupported operand type(s) for +: 'int' and 'str'") == 0);
    CHECK(strcmp(get_str(I, "ie"), "list index out of range") == 0);
    CHECK(strcmp(get_str(I, "ne"), "name 'nope' is not defined") == 0);
    CHECK_EQ(get_int(I, "deep"), 1);
    CHECK(!lx_exc_occurred(I));
    CHECK_EQ(run(I, "ok = 2\n"), 0);
    CHECK_EQ(get_int(I, "ok"), 2);
    lx_free(I);
}

static void test_memory_limit(void)
{
    lx_interp *I = new_interp(4u << 20);
    CHECK(I != NULL);
    if (!I)
        return;
    CHECK_EQ(run(I, "try:\n"
                    "    big = [0] * 10000000\n"
                    "except MemoryError:\n"
                    "    caught = 1\n"
                    "small = list(range(1000))\n"
                    "n = len(small)\n"), 0);
    CHECK_EQ(get_int(I, "caught"), 1);
    CHECK_EQ(get_int(I, "n"), 1000);
    lx_free(I);
}

static void test_exit_finalizers(void)
{
    /* __del__ of objects still referenced at exit runs in lx_free */
    lx_interp *I = new_interp(0);
    CHECK_EQ(run(I, "import sys\n"
                    "class F:\n"
                    "    def __del__(self): sys.getrefcount(self)\n"
                    "keep = F()\n"
                    "cyc = F(); cyc.me = cyc\n"), 0);
    lx_free(I);
}

/* A native that fails without setting an exception (a bug in it). */
static rc_object *fails_silently(lx_interp *I, rc_object *const *args, size_t nargs, rc_object *kw)
{
    (void)I, (void)args, (void)nargs, (void)kw;
    return NULL;
}

/* The evaluator turns a failure that set no exception into SystemError, as
 * CPython does, so it is caught and reported instead of unwinding silently. */
static void test_error_without_exception(void)
{
    lx_interp *I = new_interp(0);
    rc_object *f = lx_cfunc_new(I, "fails_silently", fails_silently);
    rc_object *k = rc_str_from(lx_heap(I), "fails_silently");
    CHECK(f && k && rc_dict_set(g_main, k, f) == 0);
    rc_xdecref(f);
    rc_xdecref(k);
    CHECK_EQ(run(I, "try:\n"
                    "    fails_silently()\n"
                    "except SystemError as e:\n"
                    "    caught = str(e)\n"
                    "ok = 1 if (issubclass(SystemError, Exception) and\n"
                    "           caught == 'error return without exception set') else 0\n"), 0);
    CHECK_EQ(get_int(I, "ok"), 1);
    lx_free(I);
}

static void test_step_limit(void)
{
    lx_interp *I = new_interp(0);
    lx_set_step_limit(I, 100000);
    CHECK_EQ(run(I, "while 1:\n    try:\n        pass\n    except RuntimeError:\n        pass\n"), 1);
    /* items natives take from iterators count: this is not one step */
    lx_set_step_limit(I, 100000);
    CHECK_EQ(run(I, "s = sum(range(10**18))\n"), 1);
    /* once hit it stays hit: an outer loop cannot catch its way past it */
    lx_set_step_limit(I, 100000);
    CHECK_EQ(run(I, "while 1:\n    try:\n        while 1: pass\n    except RuntimeError:\n        pass\n"), 1);
    /* one big-int operation costs steps by its size: a power with a
     * three-million-bit result is refused at once, a small one is not */
    lx_set_step_limit(I, 100000);
    CHECK_EQ(run(I, "x = 922337203685 ** 75807\n"), 1);
    lx_set_step_limit(I, 100000);
    CHECK_EQ(run(I, "y = (3 ** 200) * (7 ** 300) // 11 ** 90\n"), 0);
    lx_set_step_limit(I, 0);
    CHECK_EQ(run(I, "x = 922337203685 ** 7580\nok = x % 1000\n"), 0);
    CHECK_EQ(get_int(I, "ok"), 625);
    CHECK_EQ(run(I, "n = 0\nfor i in range(200000): n += 1\n"), 0);
    CHECK_EQ(get_int(I, "n"), 200000);
    lx_free(I);
}

static long ticks;

static void count_tick(lx_interp *I, void *arg)
{
    (void)I;
    ticks += *(int *)arg;
}

static void test_tick(void)
{
    lx_interp *I = new_interp(0);
    int one = 1;
    lx_set_tick(I, count_tick, &one);
    ticks = 0;
    /* inside one native call (list() takes 400000 items) */
    CHECK_EQ(run(I, "a = list(range(400000))\n"), 0);
    CHECK(ticks >= 400000 / 4096 - 1 && ticks <= 400000 / 4096 + 2);
    /* loops and calls */
    ticks = 0;
    CHECK_EQ(run(I, "def f(x): return x\nfor i in range(100000): f(i)\n"), 0);
    CHECK(ticks >= 2 * 100000 / 4096 - 1);
    /* the step limit is still exact with a tick set */
    lx_set_step_limit(I, 50000);
    CHECK_EQ(run(I, "n = 0\nwhile 1: n += 1\n"), 1);
    CHECK(get_int(I, "n") >= 49990 && get_int(I, "n") <= 50000);
    lx_set_step_limit(I, 0);
    lx_set_tick(I, NULL, NULL);
    ticks = 0;
    CHECK_EQ(run(I, "a = list(range(400000))\n"), 0);
    CHECK_EQ(ticks, 0);
    lx_free(I);
}

/* The heap-free hook under RC_REPORT_LEAKS: what is alive just before
 * rc_heap_free (the library prints the report on stderr). */
static long leaks_seen;

static void count_leaks(lx_interp *I, rc_heap *heap, void *arg)
{
    (void)I, (void)arg;
    FILE *sink = fopen("/dev/null", "w");
    leaks_seen = sink ? rc_heap_report_leaks(heap, sink) : -2;
    if (sink)
        fclose(sink);
}

static long leaks_after(const char *code)
{
    lx_options o;
    memset(&o, 0, sizeof o);
    o.heap.flags = RC_REPORT_LEAKS;
    lx_interp *I = lx_new(&o);
    if (!I)
        return -3;
    lx_set_heap_free_hook(I, count_leaks, NULL);
    leaks_seen = -1;
    CHECK_EQ(lx_run_string(I, code, "<leaks>"), 0);
    lx_free(I);
    return leaks_seen;
}

static void test_leaks_at_exit(void)
{
    CHECK_EQ(leaks_after("pass\n"), 0);
    CHECK_EQ(leaks_after("import gc, sys, weakref, memory, time, os\n"
                         "class Node:\n    def __del__(self): pass\n"
                         "a = Node(); a.me = a\nf = lambda: a\nx = [NotImplemented, ...]\n"
                         "gc.set_debug(gc.DEBUG_SAVEALL)\ndel a\ngc.collect()\n"), 0);
    /* collection left off: the script's cycle survives to the report */
    CHECK(leaks_after("import gc\ngc.disable()\nclass Node: pass\n"
                      "a = Node(); a.me = a\ndel a\n") > 0);
    /* no cycle of the script's left behind (a function and its globals are
     * the core's to break): nothing, even with collection off.  (A class is
     * a cycle of its own, __mro__ holding it, as in CPython: it would be
     * listed.) */
    CHECK_EQ(leaks_after("import gc, sys\ngc.disable()\ndef f(): return g\ng = [f, {1: f}]\n"
                         "h = lambda: f\n"), 0);
}

static void test_repl(void)
{
    lx_interp *I = new_interp(0);
    char script[] = "a = 40\nif a:\n    a += 1\n\na + 1\n1/0\nb = a\n";
    FILE *in = fmemopen(script, strlen(script), "r");
    CHECK(in != NULL);
    if (in) {
        CHECK_EQ(lx_repl(I, in), 0);
        fclose(in);
    }
    CHECK_EQ(get_int(I, "b"), 41);
    lx_free(I);
}

int main(void)
{
    test_basics();
    test_refcounts();
    test_cycles_and_finalizers();
    test_errors();
    test_memory_limit();
    test_exit_finalizers();
    test_step_limit();
    test_error_without_exception();
    test_tick();
    test_leaks_at_exit();
    test_repl();
    return check_summary("test_lang");
}
