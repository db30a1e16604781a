/*
 * reclaim.h — the one public header of reclaim.
 *
 * reclaim is CPython's memory-management system rebuilt in C as an embeddable
 * library: the allocation pyramid (pages from the OS, pooled small blocks,
 * object caches), reference counting, a generational cycle collector, and a
 * heap that gives free memory back to the operating system.
 *
 * Everything lives in an rc_heap.  A heap is used by one thread at a time;
 * different heaps may be used by different threads at once.  There is no
 * mutable global state.
 *
 * Errors: functions that can fail return NULL (or -1) and record an error code
 * in the heap, read with rc_error() and rc_error_message().  A successful call
 * does not reset the error; call rc_error_clear() first if you need to tell.
 *
 * This header compiles as C11 and as C++.
 */
#ifndef RECLAIM_H
#define RECLAIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define RC_API __attribute__((visibility("default")))
#else
#define RC_API
#endif

#define RC_VERSION_MAJOR 0
#define RC_VERSION_MINOR 1
#define RC_VERSION_PATCH 0
#define RC_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum rc_errcode {
    RC_OK = 0,
    RC_ENOMEM = 1,   /* out of memory, or past the heap's memory_limit */
    RC_EINVAL = 2,   /* invalid argument (a pointer not from this heap, ...) */
    RC_ETYPE = 3,    /* wrong type of object */
    RC_ERANGE = 4,   /* index or value out of range, arithmetic overflow */
    RC_EKEY = 5      /* key not found */
} rc_errcode;

typedef struct rc_heap rc_heap;

/* The error code of the last failing call on h (RC_OK if none since the
 * last rc_error_clear).  h may be NULL: then RC_EINVAL. */
RC_API int rc_error(const rc_heap *h);
/* A human-readable description of the last error: never NULL. */
RC_API const char *rc_error_message(const rc_heap *h);
/* Reset the heap's error to RC_OK. */
RC_API void rc_error_clear(rc_heap *h);

/* ------------------------------------------------------------------------ */
/* Heaps and raw memory (layers 0-2 of the pyramid)                          */
/* ------------------------------------------------------------------------ */

/* rc_config.flags */
#define RC_DEBUG_ALLOC   0x1u  /* validate every free; abort with a report on a bad pointer */
#define RC_TRACE_ALLOC   0x2u  /* reserved: allocation tracing by site */
#define RC_REPORT_LEAKS  0x4u  /* reserved: report what is still alive at rc_heap_free */

typedef struct rc_config {
    /* Bytes the heap may hold for blocks: pools in use (16 KiB each) plus
     * large blocks.  0 = no limit.  An allocation past it returns NULL with
     * RC_ENOMEM and the heap stays usable. */
    size_t memory_limit;
    /* Cycle-collector thresholds; {0,0,0} = {700, 10, 10}. */
    int gc_threshold[3];
    /* RC_DEBUG_ALLOC, RC_TRACE_ALLOC, RC_REPORT_LEAKS. */
    unsigned flags;
    /* How long, in milliseconds, free memory may stay resident before the
     * heap gives it back to the OS on its own.  0 = the default (200 ms);
     * negative = give it back at once.  rc_heap_trim releases it at any time. */
    int purge_delay_ms;
    /* Address space reserved for the heap's arenas (only reserved: no memory
     * behind it until used).  0 = 32 GiB.  Small blocks past it are served
     * by the system allocator.  Lower it for processes with many heaps. */
    size_t address_space;
} rc_config;

/* Size classes: every 16 bytes up to RC_SMALL_MAX bytes. */
#define RC_SMALL_MAX      512
#define RC_SIZE_CLASSES   (RC_SMALL_MAX / 16)

typedef struct rc_class_stats {
    size_t block_size;    /* bytes per block of this class */
    size_t blocks_used;   /* blocks handed out */
    size_t blocks_free;   /* blocks carved in pools of this class, not handed out */
    size_t pools;         /* pools of this class */
} rc_class_stats;

typedef struct rc_stats {
    size_t bytes_in_use;       /* bytes handed out (small: block sizes; large: usable sizes) */
    size_t bytes_mapped;       /* bytes taken from the OS: arenas and large blocks */
    size_t bytes_resident;     /* bytes_mapped less what has been purged (madvise) */
    size_t bytes_limit_used;   /* what counts against memory_limit */
    size_t arenas;             /* arenas mapped now */
    size_t arenas_highwater;   /* most arenas ever mapped at once */
    size_t arenas_released;    /* arenas given back to the OS in the heap's life */
    size_t pools_in_use;       /* pools holding a size class */
    size_t pools_free;         /* empty pools inside mapped arenas */
    size_t small_blocks;       /* small blocks in use */
    size_t large_blocks;       /* large blocks in use */
    size_t large_bytes;        /* usable bytes of the large blocks in use */
    size_t bytes_purged_total; /* bytes given back to the OS in the heap's life */
    size_t objects_live;       /* objects alive now (layer 3) */
    size_t objects_allocated;  /* objects created in the heap's life (layer 3) */
    rc_class_stats classes[RC_SIZE_CLASSES];
} rc_stats;

/* A new heap.  cfg may be NULL (defaults).  The environment variables
 * RECLAIM_MEMORY_LIMIT (bytes, with optional K/M/G suffix), RECLAIM_DEBUG
 * ("alloc", "trace", "leaks", comma separated) and RECLAIM_PURGE_DELAY (ms;
 * 0 = give memory back at once) override the configuration.  If the OS
 * refuses the address space, smaller reservations are tried (down to 64 MiB).  Returns NULL if the OS refuses memory. */
RC_API rc_heap *rc_heap_new(const rc_config *cfg);
/* Free the heap and every byte it mapped, live blocks included. */
RC_API void rc_heap_free(rc_heap *h);

/* n bytes, 16-byte aligned; n == 0 gives a unique minimal block.
 * NULL with RC_ENOMEM when memory or the limit runs out. */
RC_API void *rc_malloc(rc_heap *h, size_t n);
/* count * n zeroed bytes; NULL with RC_ENOMEM if the product overflows. */
RC_API void *rc_calloc(rc_heap *h, size_t count, size_t n);
/* Resize p (NULL: like rc_malloc).  Stays in place when the size class
 * allows.  n == 0 frees p and returns NULL.  On failure returns NULL and p
 * is untouched. */
RC_API void *rc_realloc(rc_heap *h, void *p, size_t n);
/* Free p (NULL is ignored).  A pointer that is not a live block of h is
 * detected where cheap (RC_EINVAL); with RC_DEBUG_ALLOC it is always
 * detected, reported on stderr, and the program aborts. */
RC_API void rc_free(rc_heap *h, void *p);
/* The bytes usable at p (at least what was asked for); 0 for NULL. */
RC_API size_t rc_usable_size(rc_heap *h, const void *p);

/* Give free memory back to the OS now: empty arenas are unmapped, free pools
 * and the free pages inside partly used pools are purged (madvise).  Returns
 * the bytes released. */
RC_API size_t rc_heap_trim(rc_heap *h);
/* Fill *out with the heap's statistics (walks the heap: O(pools)). */
RC_API void rc_heap_stats(rc_heap *h, rc_stats *out);
/* Print the statistics per size class, like CPython's sys._debugmallocstats. */
RC_API void rc_heap_dump_stats(rc_heap *h, FILE *f);
/* Walk the heap and verify its invariants: 0 if sound, -1 (RC_EINVAL, with
 * a message naming the fault) if not. */
RC_API int rc_heap_check(rc_heap *h);
/* Resident bytes of this whole process (from /proc/self/statm); 0 if unknown. */
RC_API size_t rc_process_rss(void);

#ifdef __cplusplus
}
#endif

#endif /* RECLAIM_H */
