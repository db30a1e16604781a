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
 *   - the harness never runs an input that may legally run forever.  With
 *     lx_set_step_limit (FUZZ_HAVE_STEP_LIMIT, set by CMake when lang/lang.h
 *     declares it) every run gets a step budget and only `sleep` is
 *     rejected; without it, inputs that can loop for long (`while`, `**`,
 *     `<<`, `pow`, `sleep`, numbers of four or more digits, more than two
 *     `for`) are rejected unrun;
 *   - an input is at most FUZZ_MAX_INPUT bytes; inputs with NUL bytes are
 *     rejected (a script is a C string).
 */
#include "lang.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    FUZZ_MAX_INPUT = 8192,
    FUZZ_MEMORY_LIMIT = 16 << 20,     /* heap bytes a script may hold */
    FUZZ_ADDRESS_SPACE = 64 << 20,    /* one heap per input: keep it small */
};

#if defined(FUZZ_HAVE_STEP_LIMIT)
enum { FUZZ_STEP_LIMIT = 200000 };
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

#if !defined(FUZZ_HAVE_STEP_LIMIT)
static size_t count_occurrences(const char *text, const char *word)
{
    size_t n = 0;
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word))
        n++;
    return n;
}

static int has_long_number(const char *text)
{
    size_t run = 0;
    for (const char *p = text; *p; p++) {
        run = (*p >= '0' && *p <= '9') ? run + 1 : 0;
        if (run >= 4)
            return 1;
    }
    return 0;
}

/* Could this script loop for long?  (Only needed until the interpreter
 * offers a step budget.) */
static int may_loop_long(const char *script)
{
    static const char *const long_runners[] = {"while", "**", "<<", "pow"};
    for (size_t i = 0; i < sizeof long_runners / sizeof long_runners[0]; i++)
        if (strstr(script, long_runners[i]))
            return 1;
    return has_long_number(script) || count_occurrences(script, "for") > 2;
}
#endif

/* Could this script legally run for a long time?  time.sleep is one step
 * whatever its argument; without a step budget, loops and huge numbers too. */
static int may_run_long(const char *script)
{
    if (strstr(script, "sleep"))
        return 1;
#if defined(FUZZ_HAVE_STEP_LIMIT)
    return 0;
#else
    return may_loop_long(script);
#endif
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
#if defined(FUZZ_HAVE_STEP_LIMIT)
    lx_set_step_limit(I, FUZZ_STEP_LIMIT);
#endif
    (void)lx_run_string(I, script, "fuzz.py");
    lx_free(I);
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
