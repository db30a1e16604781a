/*
 * check.h — the tests' tiny assertion kit.  CHECK(cond) and CHECK_EQ(a, b)
 * report file:line and the values, count the failure and go on; a test's
 * main returns check_summary(), non-zero if anything failed.
 */
#ifndef RC_TEST_CHECK_H
#define RC_TEST_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* RUNNING_UNDER_ASAN: AddressSanitizer keeps freed system memory in a
 * quarantine and its shadow pages resident, so process-RSS checks relax. */
#if defined(__SANITIZE_ADDRESS__)
#define RUNNING_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RUNNING_UNDER_ASAN 1
#endif
#endif
#ifndef RUNNING_UNDER_ASAN
#define RUNNING_UNDER_ASAN 0
#endif

/* Under valgrind, freed system-allocator memory stays with valgrind. */
#include <string.h>
static inline int running_under_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "valgrind") != NULL;
}

/* A deterministic PRNG (splitmix64) for the randomized tests: replayable by seed. */
static uint64_t check_rng_state_;
static inline void check_rng_seed(uint64_t seed) { check_rng_state_ = seed; }
static inline uint64_t check_rng(void)
{
    uint64_t z = (check_rng_state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int check_failures_;
static int check_count_;

#define CHECK(cond)                                                            \
    do {                                                                       \
        check_count_++;                                                        \
        if (!(cond)) {                                                         \
            check_failures_++;                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                      \
    } while (0)

#define CHECK_EQ(a, b)                                                         \
    do {                                                                       \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);        \
        check_count_++;                                                        \
        if (check_a_ != check_b_) {                                            \
            check_failures_++;                                                 \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s (%lld != %lld)\n", \
                    __FILE__, __LINE__, #a, #b, check_a_, check_b_);           \
        }                                                                      \
    } while (0)

/* Stop the test at once (a failure that makes the rest meaningless). */
#define REQUIRE(cond)                                                          \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: REQUIRE failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                           \
        }                                                                      \
    } while (0)

/* Run fn in a child process; return what it wrote on stderr (a static
 * buffer, overwritten by the next call) and its wait status. */
static inline const char *check_run_child(void (*fn)(void), int *status)
{
    static char out[16384];
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    fflush(NULL);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        fn();
        _exit(0);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t r;
    while ((r = read(fds[0], out + len, sizeof out - 1 - len)) > 0)
        len += (size_t)r;
    out[len] = '\0';
    close(fds[0]);
    waitpid(pid, status, 0);
    return out;
}

static inline int check_summary(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, check_count_, check_failures_);
    return check_failures_ ? 1 : 0;
}

#endif
