/*
 * tests/fuzz/fuzz_lang.c — libFuzzer target over the interpreter's parser
 * and evaluator.
 *
 * Each input is a script.  It runs in a fresh interpreter (lx_new ..
 * lx_run_string .. lx_free) whose heap has a small memory limit, so runaway
 * allocation ends in MemoryError instead of exhausting the machine.  Any
 * crash, sanitizer report or leak (LeakSanitizer checks after every input)
 * is a bug in the interpreter or the library: no input may cause one.
 *
 * Invariants:
 *   - the interpreter's own output is discarded: libFuzzer's -close_fd_mask=3
 *     is added to the command line (unless FUZZ_LANG_VERBOSE is set or the
 *     caller chose a mask), which sends stdout and stderr to /dev/null while
 *     libFuzzer and the sanitizers keep reporting on a duplicate of stderr;
 *   - no input may legally run forever: every run gets a budget of
 *     FUZZ_STEP_LIMIT steps (lx_set_step_limit: the evaluator's jumps and
 *     calls, and the items, comparisons and reprs natives go through), and
 *     a CPU-time backstop spends that budget after FUZZ_CPU_SECONDS (a
 *     step of a native over a 16 MiB string or a 100000-item list is legal
 *     work the budget does not weigh); scripts calling `sleep` are rejected
 *     unrun.  A hang the backstop cannot end (the parser, a native stuck
 *     in C, a finalizer loop outside the evaluator) still trips libFuzzer's
 *     -timeout and is a bug;
 *   - an input is at most FUZZ_MAX_INPUT bytes; inputs with NUL bytes are
 *     rejected (a script is a C string).
 */
#define _XOPEN_SOURCE 700             /* sigaction, setitimer */
#include "lang.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

enum {
    FUZZ_MAX_INPUT = 8192,
    FUZZ_MEMORY_LIMIT = 16 << 20,     /* heap bytes a script may hold */
    FUZZ_ADDRESS_SPACE = 64 << 20,    /* one heap per input: keep it small */
};

enum {
    FUZZ_STEP_LIMIT = 200000,         /* evaluator steps + items, comparisons, reprs in natives */
    FUZZ_CPU_SECONDS = 1,             /* then the backstop spends the budget */
    FUZZ_REARM_MS = 50,
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The CPU-time backstop: when FUZZ_CPU_SECONDS have gone, SIGVTALRM spends
 * the running interpreter's step budget (lx_set_step_limit(I, 1): two plain
 * stores), so the script ends at its next step with RuntimeError.  It fires
 * again every FUZZ_REARM_MS in case the store raced with a step's own
 * decrement.  (ITIMER_VIRTUAL: libFuzzer's -timeout owns SIGALRM.) */
static lx_interp *volatile running;

static void spend_budget(int sig)
{
    (void)sig;
    lx_interp *I = running;
    if (I)
        lx_set_step_limit(I, 1);
}

static void arm_backstop(int on)
{
    struct itimerval t;
    memset(&t, 0, sizeof t);
    if (on) {
        t.it_value.tv_sec = FUZZ_CPU_SECONDS;
        t.it_interval.tv_usec = FUZZ_REARM_MS * 1000;
    }
    setitimer(ITIMER_VIRTUAL, &t, NULL);
}

/* Does the command line already choose -close_fd_mask? */
static int has_fd_mask_flag(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], "-close_fd_mask=", 15) == 0)
            return 1;
    return 0;
}

/* Append -close_fd_mask=3 to the arguments libFuzzer is about to parse (it
 * reads them after this hook returns). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static char mask_flag[] = "-close_fd_mask=3";
    static char **extended;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = spend_budget;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGVTALRM, &sa, NULL);
    if (getenv("FUZZ_LANG_VERBOSE") || has_fd_mask_flag(*argc, *argv))
        return 0;
    extended = calloc((size_t)*argc + 2, sizeof *extended);
    if (!extended)
        return 0;
    memcpy(extended, *argv, (size_t)*argc * sizeof *extended);
    extended[*argc] = mask_flag;
    *argc += 1;
    *argv = extended;
    return 0;
}

/* time.sleep is one step whatever its argument: the only way left for a
 * script to run long without spending its budget. */
static int may_run_long(const char *script)
{
    return strstr(script, "sleep") != NULL;
}

static void run_script(const char *script)
{
    static char arg0[] = "fuzz.py";
    static char *argv[] = {arg0, NULL};
    lx_options opts;

    memset(&opts, 0, sizeof opts);
    opts.heap.memory_limit = FUZZ_MEMORY_LIMIT;
    opts.heap.address_space = FUZZ_ADDRESS_SPACE;
    opts.argc = 1;
    opts.argv = argv;
    lx_interp *I = lx_new(&opts);
    if (!I)
        return;
    lx_set_step_limit(I, FUZZ_STEP_LIMIT);
    running = I;
    arm_backstop(1);
    (void)lx_run_string(I, script, "fuzz.py");
    lx_free(I);
    arm_backstop(0);
    running = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT || memchr(data, '\0', size))
        return -1;                      /* not a script: keep it out of the corpus */
    char *script = malloc(size + 1);
    if (!script)
        return 0;
    memcpy(script, data, size);
    script[size] = '\0';
    if (may_run_long(script)) {
        free(script);
        return -1;
    }
    run_script(script);
    free(script);
    return 0;
}
