/*
 * debug.c — the block layer of the diagnostic mode: guards, poison,
 * quarantine, and the reports of faults.
 *
 * A heap created with RC_DEBUG_ALLOC, RC_TRACE_ALLOC or RC_REPORT_LEAKS has
 * h->diag set and its fast paths off, so every rc_malloc/rc_free reaches
 * heap.c's slow paths, which hand the call to this file.  Each block is
 * then a raw block of the heap (rc__raw_malloc) laid out as
 *
 *     [rc_diag_block header, 48 bytes][payload: size bytes][back guard]
 *
 * where the back guard runs from the end of the payload to the next 16-byte
 * boundary plus DIAG_BACK_GUARD bytes.  Invariants:
 *   - a block on diag->live has magic DIAG_MAGIC_LIVE, owner == heap, both
 *     guards intact (until the caller writes past an end: a fault);
 *   - a block on diag->quarantine (RC_DEBUG_ALLOC only) has magic
 *     DIAG_MAGIC_FREED and every byte from the payload's start to the end of
 *     the back guard equal to DIAG_FREED_BYTE; it goes back to the raw
 *     allocator, oldest first, once the quarantine holds more than
 *     DIAG_QUARANTINE_BYTES or DIAG_QUARANTINE_BLOCKS, or at trim;
 *   - live_blocks/live_bytes are the length and payload total of diag->live.
 *   - traced_bytes is the payload total of the live blocks not marked
 *     DIAG_MARK_UNTRACED; traced_peak >= traced_bytes.
 * A detected fault prints what, where and the allocation site, then aborts
 * (only under RC_DEBUG_ALLOC: tracing and leak reports alone never abort; a
 * bad free there is an RC_EINVAL error as without diagnostics).
 */
#define RC_BUILDING_LIBRARY 1
#define _GNU_SOURCE 1
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIAG_MAGIC_LIVE   0xA11Cu
#define DIAG_MAGIC_FREED  0xDEADu
#define DIAG_GUARD_BYTE   0xFD
#define DIAG_FRESH_BYTE   0xCB
#define DIAG_FREED_BYTE   0xDB
#define DIAG_BACK_GUARD   16u
#define DIAG_QUARANTINE_BYTES  ((size_t)4 << 20)
#define DIAG_QUARANTINE_BLOCKS 4096u

static size_t payload_span(size_t size)
{
    return ((size + RC_ALIGNMENT - 1) & ~(size_t)(RC_ALIGNMENT - 1)) + DIAG_BACK_GUARD;
}

static size_t raw_size(size_t size)
{
    return sizeof(rc_diag_block) + payload_span(size);
}

static inline rc_diag_block *header_of(const void *payload)
{
    return (rc_diag_block *)payload - 1;
}

static inline unsigned char *payload_of(rc_diag_block *b)
{
    return (unsigned char *)(b + 1);
}

const rc_diag_block *rc__diag_header(const void *payload)
{
    return header_of(payload);
}

static bool checks_on(const rc_heap *h)
{
    return (h->flags & RC_DEBUG_ALLOC) != 0;
}

/* ---- lists ---------------------------------------------------------------- */

static void list_init(rc_diag_block *sentinel)
{
    sentinel->next = sentinel->prev = sentinel;
}

static void list_push_back(rc_diag_block *sentinel, rc_diag_block *b)
{
    b->prev = sentinel->prev;
    b->next = sentinel;
    sentinel->prev->next = b;
    sentinel->prev = b;
}

static void list_remove(rc_diag_block *b)
{
    b->prev->next = b->next;
    b->next->prev = b->prev;
}

/* ---- reports -------------------------------------------------------------- */

static _Noreturn void report_fault(rc_heap *h, const char *what, const void *payload,
                                   const rc_diag_block *b, const char *detail)
{
    char site[256] = "unknown";
    if (b)
        rc__diag_format_site(h->diag, b->site, site, sizeof site);
    fprintf(stderr, "reclaim: heap %p: %s\n", (void *)h, what);
    if (b)
        fprintf(stderr, "  block %p, %zu bytes, allocated at %s\n", payload, b->size, site);
    else
        fprintf(stderr, "  pointer %p\n", payload);
    if (detail && *detail)
        fprintf(stderr, "  %s\n", detail);
    fflush(stderr);
    abort();
}

/* The first byte in [p, p + n) that is not `expect`, or NULL. */
static const unsigned char *first_mismatch(const unsigned char *p, size_t n, unsigned char expect)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != expect)
            return p + i;
    return NULL;
}

/* NULL if b's header and guards are intact; else the kind of fault, with
 * the first damaged byte described in detail. */
static const char *live_block_damage(const rc_heap *h, const rc_diag_block *b, char *detail, size_t len)
{
    const unsigned char *pay = (const unsigned char *)(b + 1);
    if (b->owner != (uintptr_t)h || b->size > ((size_t)1 << 60)) {
        snprintf(detail, len, "the size and owner words in front of the block were overwritten");
        return "write before the start of a block";
    }
    const unsigned char *bad = first_mismatch(b->guard_front, sizeof b->guard_front, DIAG_GUARD_BYTE);
    if (bad) {
        snprintf(detail, len, "guard byte at offset %td is 0x%02x", bad - pay, *bad);
        return "write before the start of a block";
    }
    bad = first_mismatch(pay + b->size, payload_span(b->size) - b->size, DIAG_GUARD_BYTE);
    if (bad) {
        snprintf(detail, len, "guard byte at offset +%td is 0x%02x", bad - pay, *bad);
        return "write past the end of a block";
    }
    return NULL;
}

static const char *freed_block_damage(const rc_diag_block *b, char *detail, size_t len)
{
    const unsigned char *pay = (const unsigned char *)(b + 1);
    const unsigned char *bad = first_mismatch(pay, payload_span(b->size), DIAG_FREED_BYTE);
    if (!bad)
        return NULL;
    snprintf(detail, len, "byte at offset +%td is 0x%02x, freed memory holds 0x%02x",
             bad - pay, *bad, DIAG_FREED_BYTE);
    return "write into freed memory";
}

static void verify_live_block(rc_heap *h, const rc_diag_block *b)
{
    char detail[160];
    const char *fault = live_block_damage(h, b, detail, sizeof detail);
    if (fault)
        report_fault(h, fault, b + 1, b, detail);   /* format_site bounds-checks b->site */
}

static void verify_freed_block(rc_heap *h, const rc_diag_block *b)
{
    char detail[160];
    const char *fault = freed_block_damage(b, detail, sizeof detail);
    if (fault)
        report_fault(h, fault, b + 1, b, detail);
}

/* ---- life of the diagnostic state ------------------------------------------ */

int rc__diag_init(rc_heap *h)
{
    rc_diag *d = calloc(1, sizeof *d);
    if (!d)
        return -1;
    list_init(&d->live);
    list_init(&d->quarantine);
    h->diag = d;
    return 0;
}

void rc__diag_fini(rc_heap *h)
{
    rc_diag *d = h->diag;
    if (!d)
        return;
    if (h->flags & RC_REPORT_LEAKS)
        rc_heap_report_leaks(h, stderr);
    rc__diag_sites_free(d);
    free(d);
    h->diag = NULL;
}

/* ---- allocation and free ------------------------------------------------------ */

void *rc__diag_malloc(rc_heap *h, size_t n, const void *pc)
{
    if (n > ((size_t)1 << 60)) {
        rc__heap_set_error(h, RC_ENOMEM, "request of %zu bytes is too large", n);
        return NULL;
    }
    rc_diag *d = h->diag;
    uint32_t site = rc__diag_site_now(h, pc);
    rc_diag_block *b = rc__raw_malloc(h, raw_size(n));
    if (!b)
        return NULL;
    b->site = site;
    b->magic = DIAG_MAGIC_LIVE;
    b->object_head = 0;
    b->marks = d->not_recording ? DIAG_MARK_UNTRACED : 0;
    memset(b->guard_front, DIAG_GUARD_BYTE, sizeof b->guard_front);
    b->size = n;
    b->owner = (uintptr_t)h;
    memset(payload_of(b), DIAG_FRESH_BYTE, n);
    memset(payload_of(b) + n, DIAG_GUARD_BYTE, payload_span(n) - n);
    list_push_back(&d->live, b);
    d->live_blocks++;
    d->live_bytes += n;
    if (!d->not_recording && (d->traced_bytes += n) > d->traced_peak)
        d->traced_peak = d->traced_bytes;
    return payload_of(b);
}

static void quarantine_release_oldest(rc_heap *h)
{
    rc_diag *d = h->diag;
    rc_diag_block *b = d->quarantine.next;
    verify_freed_block(h, b);
    list_remove(b);
    d->quarantine_blocks--;
    d->quarantine_bytes -= b->size;
    b->magic = 0;
    rc__raw_free(h, b);
}

void rc__diag_flush_quarantine(rc_heap *h)
{
    while (h->diag && h->diag->quarantine_blocks)
        quarantine_release_oldest(h);
}

/* Is p the payload of a live block of h?  Faults abort under debug checks;
 * otherwise a bad pointer is an RC_EINVAL error (returns NULL). */
static rc_diag_block *live_block_or_fault(rc_heap *h, void *p, const char *op)
{
    rc_diag_block *b = header_of(p);
    const char *why = "not a block of this heap";
    char what[160];
    if (((uintptr_t)p & (RC_ALIGNMENT - 1)) == 0 && rc__raw_is_block(h, b, &why)) {
        if (b->magic == DIAG_MAGIC_LIVE && b->owner == (uintptr_t)h)
            return b;
        if (b->magic == DIAG_MAGIC_FREED) {
            snprintf(what, sizeof what, "%s(%p): double free (the block is already free)", op, p);
            report_fault(h, what, p, b, "");
        }
        why = b->magic == 0 ? "not a live block (freed already, or never allocated)"
                            : "a block whose header is damaged (write before its start?)";
    }
    if (!checks_on(h)) {
        rc__heap_set_error(h, RC_EINVAL, "%s: %p is not a block of this heap", op, p);
        return NULL;
    }
    snprintf(what, sizeof what, "%s(%p): %s", op, p, why);
    report_fault(h, what, p, NULL, "");
}

void rc__diag_free(rc_heap *h, void *p)
{
    rc_diag *d = h->diag;
    rc_diag_block *b = live_block_or_fault(h, p, "rc_free");
    if (!b)
        return;
    if (checks_on(h))
        verify_live_block(h, b);
    list_remove(b);
    d->live_blocks--;
    d->live_bytes -= b->size;
    if (!(b->marks & DIAG_MARK_UNTRACED))
        d->traced_bytes -= b->size;
    if (!checks_on(h)) {
        b->magic = 0;
        rc__raw_free(h, b);
        return;
    }
    b->magic = DIAG_MAGIC_FREED;
    memset(payload_of(b), DIAG_FREED_BYTE, payload_span(b->size));
    list_push_back(&d->quarantine, b);
    d->quarantine_blocks++;
    d->quarantine_bytes += b->size;
    while (d->quarantine_bytes > DIAG_QUARANTINE_BYTES || d->quarantine_blocks > DIAG_QUARANTINE_BLOCKS)
        quarantine_release_oldest(h);
}

size_t rc__diag_usable_size(rc_heap *h, const void *p)
{
    rc_diag_block *b = live_block_or_fault(h, (void *)p, "rc_usable_size");
    return b ? b->size : 0;
}

void *rc__diag_realloc(rc_heap *h, void *p, size_t n, const void *pc)
{
    rc_diag_block *b = live_block_or_fault(h, p, "rc_realloc");
    if (!b)
        return NULL;
    if (checks_on(h))
        verify_live_block(h, b);
    void *q = rc__diag_malloc(h, n, pc);
    if (!q)
        return NULL;
    memcpy(q, p, b->size < n ? b->size : n);
    header_of(q)->object_head = b->object_head;
    rc__diag_free(h, p);
    return q;
}

void rc__diag_note_object(rc_heap *h, void *block, size_t head)
{
    (void)h;
    header_of(block)->object_head = (uint8_t)(1 + head);
}

/* ---- rc_heap_check ------------------------------------------------------------- */

int rc__diag_check(rc_heap *h)
{
    rc_diag *d = h->diag;
    if (!d)
        return 0;
    size_t n = 0, bytes = 0;
    char detail[160];
    for (rc_diag_block *b = d->live.next; b != &d->live; b = b->next) {
        if (b->magic != DIAG_MAGIC_LIVE || b->next->prev != b || ++n > d->live_blocks) {
            rc__heap_set_error(h, RC_EINVAL, "heap check: diagnostic block list damaged at %p", (void *)(b + 1));
            return -1;
        }
        const char *fault = live_block_damage(h, b, detail, sizeof detail);
        if (fault && checks_on(h))
            verify_live_block(h, b);               /* reports and aborts */
        if (fault) {
            rc__heap_set_error(h, RC_EINVAL, "heap check: %s at %p: %s", fault, (void *)(b + 1), detail);
            return -1;
        }
        bytes += b->size;
    }
    if (n != d->live_blocks || bytes != d->live_bytes) {
        rc__heap_set_error(h, RC_EINVAL, "heap check: diagnostic block totals wrong");
        return -1;
    }
    for (rc_diag_block *b = d->quarantine.next; b != &d->quarantine; b = b->next)
        verify_freed_block(h, b);
    return 0;
}
