/*
 * os.c — layer 0 of the pyramid: pages from the operating system.
 *
 * Everything reclaim takes from the OS goes through here: address space is
 * reserved (PROT_NONE, MAP_NORESERVE: no memory behind it), committed an
 * arena at a time, purged with madvise(MADV_DONTNEED) so the pages leave the
 * process's resident set at once (MADV_FREE would leave RSS high until the
 * kernel is short of memory, and the seeds' point is that memory visibly
 * falls), and decommitted by mapping PROT_NONE over the range again.
 *
 * Transparent huge pages.  Huge blocks of 2 MiB or more (dict tables, list
 * arrays: filled at once, probed at random) are advised MADV_HUGEPAGE, so
 * they get 2 MiB pages where the kernel has them ("madvise" mode is
 * enough): one TLB entry and one fault per 2 MiB instead of 512.  Arenas
 * are not.  On this project's VMs the hypervisor takes back memory the
 * guest leaves free (free page reporting), and huge pages are carved from
 * that memory: right after another process exits, its 4 KiB pages are
 * handed out again cheaply, while each fresh 2 MiB page costs milliseconds
 * (arenas in prefaulted 2 MiB pairs: the list benchmark 2x faster after a
 * reclaim run, 2x slower after a python3 run).  Random probes of a dict
 * table still gain more from the TLB than they lose.
 * -DRC_NO_THP builds a library that never advises them.
 *
 * No state but one word (the highest peak RSS seen): every function is a
 * thin, checked wrapper over system calls.
 */
#define _GNU_SOURCE
#define RC_BUILDING_LIBRARY 1
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

size_t rc__os_page_size(void)
{
    long ps = sysconf(_SC_PAGESIZE);
    return ps > 0 ? (size_t)ps : 4096;
}

/* Map `size + align` bytes PROT_NONE and cut the unaligned ends off. */
static void *reserve_aligned(size_t size, size_t align)
{
    size_t span = size + align;
    if (span < size)
        return NULL;
    void *raw = mmap(NULL, span, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    uintptr_t start = (uintptr_t)raw;
    uintptr_t aligned = (start + align - 1) & ~(uintptr_t)(align - 1);
    size_t head = aligned - start;
    size_t tail = span - head - size;
    if (head)
        munmap(raw, head);
    if (tail)
        munmap((void *)(aligned + size), tail);
    return (void *)aligned;
}

void *rc__os_reserve(size_t *size, size_t min_size, size_t align)
{
    for (size_t s = *size; s >= min_size; s /= 2) {
        void *p = reserve_aligned(s, align);
        if (p) {
            *size = s;
            return p;
        }
    }
    return NULL;
}

int rc__os_commit(void *addr, size_t size, bool populate)
{
    /* MAP_POPULATE faults the pages in one batch inside the kernel: about a
     * fifth of the cost of taking them one by one on first touch. */
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE;
    void *p = mmap(addr, size, PROT_READ | PROT_WRITE, populate ? flags | MAP_POPULATE : flags, -1, 0);
    return p == MAP_FAILED ? -1 : 0;
}

void rc__os_advise_huge(void *addr, size_t size)
{
#if defined(MADV_HUGEPAGE) && !defined(RC_NO_THP)   /* -DRC_NO_THP: 4 KiB pages only */
    madvise(addr, size, MADV_HUGEPAGE);         /* a hint: THP may be off ("never") */
#else
    (void)addr;
    (void)size;
#endif
}

void rc__os_populate(void *addr, size_t size)
{
#ifdef MADV_POPULATE_WRITE
    madvise(addr, size, MADV_POPULATE_WRITE);   /* Linux 5.14+; a hint, errors ignored */
#else
    (void)addr;
    (void)size;
#endif
}

void rc__os_decommit(void *addr, size_t size)
{
    /* Mapping over the range drops its pages and keeps the reservation. */
    void *p = mmap(addr, size, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        madvise(addr, size, MADV_DONTNEED);
}

void rc__os_purge(void *addr, size_t size)
{
    madvise(addr, size, MADV_DONTNEED);
}

void *rc__os_map(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void *rc__os_remap(void *addr, size_t old_size, size_t new_size)
{
    void *p = mremap(addr, old_size, new_size, MREMAP_MAYMOVE);
    return p == MAP_FAILED ? NULL : p;
}

void rc__os_unmap(void *addr, size_t size)
{
    if (addr)
        munmap(addr, size);
}

uint64_t rc__os_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

double rc__os_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

size_t rc_process_rss(void)
{
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    unsigned long total = 0, resident = 0;
    if (sscanf(buf, "%lu %lu", &total, &resident) != 2)
        return 0;
    return (size_t)resident * rc__os_page_size();
}

/* The highest value rc_process_peak_rss has seen: the kernel's mark can lag
 * behind a fall of RSS it did not record (one word for the whole process,
 * updated atomically). */
static _Atomic size_t peak_seen;

size_t rc_process_peak_rss(void)
{
    struct rusage ru;
    size_t peak = getrusage(RUSAGE_SELF, &ru) == 0 ? (size_t)ru.ru_maxrss * 1024 : 0;
    size_t now = rc_process_rss();
    if (now > peak)
        peak = now;
    size_t seen = atomic_load(&peak_seen);
    while (seen < peak && !atomic_compare_exchange_weak(&peak_seen, &seen, peak))
        ;
    return seen > peak ? seen : peak;
}
