/*
 * test_lang_faults.c — the interpreter under allocation failure, SQLite's
 * way: a script runs once for every allocation it makes, with that
 * allocation and every later one failing (rc_heap_fail_allocations).
 *
 * Each run must end in success or in a MemoryError raised to the caller,
 * never in a crash, an error without an exception, or another exception
 * (except where the script's own handling of MemoryError decides); after
 * it the heap passes rc_heap_check, and lx_free releases everything (the
 * suite's valgrind and ASan runs see any leak).  The sweep stops at the
 * first k where the script completes: past it no allocation fails.
 */
#include "lang.h"
#include "check.h"

#include <stdio.h>
#include <string.h>

/* A little of everything a script does: imports (a native module and a
 * library module written in Python, which compiles it), classes and
 * instances, dicts, comprehensions, strings and formatting, a generator, a
 * big int, an exception raised and caught, closures. */
static const char script[] =
    "import math\n"
    "import collections\n"
    "counts = collections.Counter('abracadabra')\n"
    "class A:\n"
    "    def __init__(self, v):\n"
    "        self.v = v\n"
    "    def twice(self):\n"
    "        return self.v * 2\n"
    "d = {i: A(i) for i in range(20)}\n"
    "words = [str(i) * 3 for i in range(30)]\n"
    "def gen(n):\n"
    "    for i in range(n):\n"
    "        yield i * 2.5\n"
    "total = sum(gen(20)) + sum(a.twice() for a in d.values())\n"
    "big = 3 ** 80 // 7\n"
    "try:\n"
    "    raise ValueError('x %d' % len(words))\n"
    "except ValueError as e:\n"
    "    msg = str(e)\n"
    "def counter():\n"
    "    n = 0\n"
    "    def inc():\n"
    "        nonlocal n\n"
    "        n += 1\n"
    "        return n\n"
    "    return inc\n"
    "c = counter(); c(); c()\n"
    "text = f'{total:.1f} {msg} {math.sqrt(16)} {big % 1000} {c()}'\n";

/* One run failing from allocation k on: 1 when the script completed. */
static int run_failing_from(long k)
{
    lx_options o;
    memset(&o, 0, sizeof o);
    lx_interp *I = lx_new(&o);
    CHECK(I != NULL);
    if (!I)
        return 1;
    rc_heap_fail_allocations(lx_heap(I), k);
    rc_object *r = lx_eval_source(I, script, sizeof script - 1, 0, NULL, NULL);
    rc_heap_fail_allocations(lx_heap(I), -1);
    int completed = r != NULL;
    if (r) {
        rc_decref(r);
    } else {
        CHECK(lx_exc_occurred(I));                  /* an error always carries an exception */
        CHECK(lx_exc_matches(I, LX_MemoryError));
        lx_exc_clear(I);
    }
    CHECK_EQ(rc_heap_check(lx_heap(I)), 0);
    lx_free(I);
    return completed;
}

int main(void)
{
    long k = 0;
    while (!run_failing_from(k) && k < 200000)
        k++;
    CHECK(k > 100);                                 /* the script does allocate */
    CHECK(k < 200000);
    printf("lang_faults: %ld failure points, each a clean MemoryError\n", k);
    return check_summary("lang_faults");
}
