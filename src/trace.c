/*
 * trace.c — allocation sites, tracing snapshots and the leak report.
 *
 * Sites.  In diagnostic mode (debug.c) every block's header holds a site
 * index into diag->sites.  A site is (file, line) when the heap's site hook
 * or an rc_*_at call names one, else the caller's return address (pc).
 * Sites are interned in an open-addressing table keyed by (file text,
 * line, pc) and live as long as the heap; sites[0] is "unknown" (what a
 * block gets when the table cannot grow).  Invariants: nsites <= sites_cap,
 * index_cap is a power of two >= 2 * nsites, and every site but 0 has
 * exactly one slot in site_index.  The last lookup is remembered by the
 * identity of its key (file pointer, line, pc): a hook that names a new
 * file must pass a new pointer, not rewrite the old string in place.
 *
 * The tracing window (rc_trace_reset): blocks marked DIAG_MARK_UNTRACED
 * (those alive at the reset, and all new ones while not recording) are
 * left out of snapshots and the traced totals; the leak report sees all.
 *
 * Snapshots and the leak report walk diag->live (the blocks alive now) and
 * use only system memory, so they neither disturb nor depend on the heap
 * they describe.
 */
#define RC_BUILDING_LIBRARY 1
#define _GNU_SOURCE 1
#include "internal.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the site table --------------------------------------------------------- */

static uint64_t site_hash(const char *file, int line, const void *pc)
{
    uint64_t x = (uint64_t)(uintptr_t)pc * 0x9E3779B97F4A7C15ull ^ (uint64_t)(unsigned)line;
    for (const char *c = file; c && *c; c++)
        x = (x ^ (unsigned char)*c) * 0x100000001B3ull;
    return x ^ (x >> 29);
}

static bool site_is(const rc_diag_site *s, const char *file, int line, const void *pc)
{
    if (s->line != line || s->pc != pc || !s->file != !file)
        return false;
    return !file || !strcmp(s->file, file);
}

static int sites_grow(rc_diag *d)
{
    uint32_t cap = d->sites_cap ? 2 * d->sites_cap : 64;
    rc_diag_site *sites = realloc(d->sites, cap * sizeof *sites);
    if (!sites)
        return -1;
    d->sites = sites;
    d->sites_cap = cap;
    if (d->nsites == 0) {
        d->sites[0] = (rc_diag_site){NULL, 0, NULL};   /* "unknown" */
        d->nsites = 1;
    }
    uint32_t icap = 2 * cap;
    uint32_t *index = calloc(icap, sizeof *index);
    if (!index)
        return -1;
    for (uint32_t i = 1; i < d->nsites; i++) {
        const rc_diag_site *s = &d->sites[i];
        uint32_t slot = (uint32_t)site_hash(s->file, s->line, s->pc) & (icap - 1);
        while (index[slot])
            slot = (slot + 1) & (icap - 1);
        index[slot] = i + 1;
    }
    free(d->site_index);
    d->site_index = index;
    d->index_cap = icap;
    return 0;
}

static uint32_t site_intern(rc_diag *d, const char *file, int line, const void *pc)
{
    if (d->nsites + 1 >= d->sites_cap && sites_grow(d))
        return 0;
    uint32_t mask = d->index_cap - 1;
    uint32_t slot = (uint32_t)site_hash(file, line, pc) & mask;
    for (; d->site_index[slot]; slot = (slot + 1) & mask) {
        uint32_t i = d->site_index[slot] - 1;
        if (site_is(&d->sites[i], file, line, pc))
            return i;
    }
    char *copy = NULL;
    if (file && !(copy = strdup(file)))
        return 0;
    uint32_t i = d->nsites++;
    d->sites[i] = (rc_diag_site){copy, line, pc};
    d->site_index[slot] = i + 1;
    return i;
}

uint32_t rc__diag_site_now(rc_heap *h, const void *pc)
{
    rc_diag *d = h->diag;
    const char *file = NULL;
    int line = 0;
    if (d->hook && d->hook(d->hook_arg, &file, &line) && file) {
        pc = NULL;
    } else if (d->next_file) {
        file = d->next_file;
        line = d->next_line;
        pc = NULL;
    } else {
        file = NULL;
    }
    if (d->last_site && file == d->last_file && line == d->last_line && pc == d->last_pc)
        return d->last_site;
    uint32_t site = site_intern(d, file, line, pc);
    d->last_file = file;
    d->last_line = line;
    d->last_pc = pc;
    d->last_site = site;
    return site;
}

void rc__diag_sites_free(rc_diag *d)
{
    for (uint32_t i = 0; i < d->nsites; i++)
        free((char *)d->sites[i].file);
    free(d->sites);
    free(d->site_index);
    d->sites = NULL;
    d->site_index = NULL;
    d->nsites = d->sites_cap = d->index_cap = 0;
    d->last_site = 0;
}

static void format_pc(const void *pc, char *buf, size_t len)
{
    Dl_info info;
    if (dladdr(pc, &info) && info.dli_fname) {
        const char *module = strrchr(info.dli_fname, '/');
        module = module ? module + 1 : info.dli_fname;
        if (info.dli_sname)
            snprintf(buf, len, "%s+0x%tx (%s)", info.dli_sname,
                     (const char *)pc - (const char *)info.dli_saddr, module);
        else
            snprintf(buf, len, "%s+0x%tx", module, (const char *)pc - (const char *)info.dli_fbase);
        return;
    }
    snprintf(buf, len, "%p", pc);
}

void rc__diag_format_site(const rc_diag *d, uint32_t site, char *buf, size_t len)
{
    if (!d || site == 0 || site >= d->nsites) {
        snprintf(buf, len, "unknown");
        return;
    }
    const rc_diag_site *s = &d->sites[site];
    if (s->file)
        snprintf(buf, len, "%s:%d", s->file, s->line);
    else
        format_pc(s->pc, buf, len);
}

/* ---- public: hooks and explicit sites ------------------------------------------ */

void rc_heap_set_site_hook(rc_heap *h, rc_site_hook hook, void *arg)
{
    if (!h || !h->diag)
        return;
    h->diag->hook = hook;
    h->diag->hook_arg = hook ? arg : NULL;
}

/* Run one allocation call with (file, line) as the site of what it makes. */
#define WITH_SITE(h, file, line, call)                                         \
    do {                                                                       \
        if (!(h) || !(h)->diag)                                                \
            return call;                                                       \
        (h)->diag->next_file = (file);                                         \
        (h)->diag->next_line = (line);                                         \
        void *result_ = call;                                                  \
        (h)->diag->next_file = NULL;                                           \
        return result_;                                                        \
    } while (0)

void *rc_malloc_at(rc_heap *h, size_t n, const char *file, int line)
{
    WITH_SITE(h, file, line, rc_malloc(h, n));
}

void *rc_calloc_at(rc_heap *h, size_t count, size_t n, const char *file, int line)
{
    WITH_SITE(h, file, line, rc_calloc(h, count, n));
}

void *rc_realloc_at(rc_heap *h, void *p, size_t n, const char *file, int line)
{
    WITH_SITE(h, file, line, rc_realloc(h, p, n));
}

/* ---- snapshots ------------------------------------------------------------------ */

typedef struct snap_entry {
    char *site;
    size_t count, bytes;
} snap_entry;

struct rc_trace_snapshot {
    snap_entry *entries;         /* sorted by site text */
    size_t n;
    size_t total_count, total_bytes;
};

static int entry_by_site(const void *a, const void *b)
{
    return strcmp(((const snap_entry *)a)->site, ((const snap_entry *)b)->site);
}

void rc_trace_snapshot_free(rc_snapshot *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->entries[i].site);
    free(s->entries);
    free(s);
}

/* Per-site totals of the live blocks, indexed by site. */
static snap_entry *count_by_site(const rc_diag *d)
{
    snap_entry *by_site = calloc(d->nsites ? d->nsites : 1, sizeof *by_site);
    if (!by_site)
        return NULL;
    for (const rc_diag_block *b = d->live.next; b != &d->live; b = b->next) {
        if (b->marks & DIAG_MARK_UNTRACED)
            continue;
        uint32_t site = b->site < d->nsites ? b->site : 0;
        by_site[site].count++;
        by_site[site].bytes += b->size;
    }
    return by_site;
}

static int snapshot_fill(rc_snapshot *s, const rc_diag *d, snap_entry *by_site)
{
    uint32_t nsites = d->nsites ? d->nsites : 1;
    for (uint32_t i = 0; i < nsites; i++) {
        if (!by_site[i].count)
            continue;
        char text[300];
        rc__diag_format_site(d, i, text, sizeof text);
        snap_entry *e = &s->entries[s->n];
        if (!(e->site = strdup(text)))
            return -1;
        e->count = by_site[i].count;
        e->bytes = by_site[i].bytes;
        s->n++;
        s->total_count += e->count;
        s->total_bytes += e->bytes;
    }
    qsort(s->entries, s->n, sizeof *s->entries, entry_by_site);
    return 0;
}

rc_snapshot *rc_trace_snapshot(rc_heap *h)
{
    if (!h || !h->diag) {
        if (h)
            rc__heap_set_error(h, RC_EINVAL, "rc_trace_snapshot: the heap does not trace "
                               "(RC_TRACE_ALLOC or RECLAIM_DEBUG=trace)");
        return NULL;
    }
    const rc_diag *d = h->diag;
    rc_snapshot *s = calloc(1, sizeof *s);
    snap_entry *by_site = count_by_site(d);
    if (s && by_site)
        s->entries = calloc(d->nsites ? d->nsites : 1, sizeof *s->entries);
    if (!s || !by_site || !s->entries || snapshot_fill(s, d, by_site)) {
        free(by_site);
        rc_trace_snapshot_free(s);
        rc__heap_set_error(h, RC_ENOMEM, "rc_trace_snapshot: out of system memory");
        return NULL;
    }
    free(by_site);
    return s;
}

rc_snapshot *rc_trace_snapshot_take(rc_heap *h)
{
    return rc_trace_snapshot(h);
}

size_t rc_trace_snapshot_total(const rc_snapshot *s, size_t *count)
{
    if (count)
        *count = s ? s->total_count : 0;
    return s ? s->total_bytes : 0;
}

/* ---- top sites and differences --------------------------------------------------- */

/* A stat with the key it is ranked by (largest first, then by site). */
typedef struct ranked_stat {
    unsigned long long key;
    rc_trace_stat st;
} ranked_stat;

static unsigned long long magnitude(long long v)
{
    return v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
}

static unsigned long long rank_key(const rc_trace_stat *t, int order, bool diff)
{
    if (diff)
        return order == RC_TRACE_BY_COUNT ? magnitude(t->count_diff) : magnitude(t->bytes_diff);
    return order == RC_TRACE_BY_COUNT ? t->count : t->bytes;
}

static int ranked_cmp(const void *pa, const void *pb)
{
    const ranked_stat *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return strcmp(a->st.site, b->st.site);
}

static rc_trace_stat stat_of(const snap_entry *now, const snap_entry *before)
{
    const snap_entry *e = now ? now : before;
    rc_trace_stat st = {e->site, now ? now->count : 0, now ? now->bytes : 0, 0, 0};
    if (before) {
        st.count_diff = (long long)st.count - (long long)before->count;
        st.bytes_diff = (long long)st.bytes - (long long)before->bytes;
    } else {
        st.count_diff = (long long)st.count;
        st.bytes_diff = (long long)st.bytes;
    }
    return st;
}

/* Merge the two site-sorted entry arrays into stats (the union of sites). */
static size_t merge_snapshots(const rc_snapshot *s, const rc_snapshot *older,
                              ranked_stat *all)
{
    size_t i = 0, j = 0, n = 0;
    while (i < s->n || j < older->n) {
        int c = i == s->n ? 1 : j == older->n ? -1 : strcmp(s->entries[i].site, older->entries[j].site);
        if (c < 0)
            all[n++].st = stat_of(&s->entries[i++], NULL);
        else if (c > 0)
            all[n++].st = stat_of(NULL, &older->entries[j++]);
        else
            all[n++].st = stat_of(&s->entries[i++], &older->entries[j++]);
    }
    return n;
}

size_t rc_trace_top(const rc_snapshot *s, const rc_snapshot *older,
                    int order, rc_trace_stat *out, size_t max)
{
    if (!s)
        return 0;
    size_t cap = s->n + (older ? older->n : 0);
    ranked_stat *all = malloc((cap ? cap : 1) * sizeof *all);
    if (!all)
        return 0;
    size_t n = 0;
    if (older) {
        n = merge_snapshots(s, older, all);
    } else {
        for (; n < s->n; n++) {
            all[n].st = stat_of(&s->entries[n], NULL);
            all[n].st.count_diff = all[n].st.bytes_diff = 0;
        }
    }
    for (size_t i = 0; i < n; i++)
        all[i].key = rank_key(&all[i].st, order, older != NULL);
    qsort(all, n, sizeof *all, ranked_cmp);
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = all[i].st;
    free(all);
    return n;
}

void rc_trace_print(const rc_snapshot *s, const rc_snapshot *older, size_t n, FILE *f)
{
    rc_trace_stat *top = malloc((n ? n : 1) * sizeof *top);
    if (!s || !top) {
        free(top);
        return;
    }
    size_t all = rc_trace_top(s, older, RC_TRACE_BY_BYTES, top, n);
    size_t shown = all < n ? all : n;
    for (size_t i = 0; i < shown; i++) {
        const rc_trace_stat *t = &top[i];
        if (older)
            fprintf(f, "%s: size=%zu B (%+lld B), count=%zu (%+lld), average=%zu B\n", t->site,
                    t->bytes, t->bytes_diff, t->count, t->count_diff, t->count ? t->bytes / t->count : 0);
        else
            fprintf(f, "%s: size=%zu B, count=%zu, average=%zu B\n", t->site, t->bytes, t->count,
                    t->count ? t->bytes / t->count : 0);
    }
    if (all > shown)
        fprintf(f, "... %zu more sites\n", all - shown);
    size_t count, bytes = rc_trace_snapshot_total(s, &count);
    fprintf(f, "total: %zu B in %zu blocks\n", bytes, count);
    free(top);
}

/* ---- the tracing window ------------------------------------------------------------ */

static rc_diag *tracing_diag(rc_heap *h, const char *fn)
{
    if (h && !h->diag)
        rc__heap_set_error(h, RC_EINVAL, "%s: the heap does not trace "
                           "(RC_TRACE_ALLOC or RECLAIM_DEBUG=trace)", fn);
    return h ? h->diag : NULL;
}

int rc_trace_reset(rc_heap *h, int record_new)
{
    rc_diag *d = tracing_diag(h, "rc_trace_reset");
    if (!d)
        return -1;
    for (rc_diag_block *b = d->live.next; b != &d->live; b = b->next)
        b->marks |= DIAG_MARK_UNTRACED;
    d->traced_bytes = d->traced_peak = 0;
    d->not_recording = !record_new;
    return 0;
}

int rc_trace_get_totals(rc_heap *h, rc_trace_totals *out)
{
    rc_diag *d = tracing_diag(h, "rc_trace_get_totals");
    if (!d)
        return -1;
    out->current = d->traced_bytes;
    out->peak = d->traced_peak;
    out->overhead = sizeof *d + d->sites_cap * sizeof *d->sites +
                    d->index_cap * sizeof *d->site_index + d->live_blocks * sizeof(rc_diag_block);
    for (uint32_t i = 0; i < d->nsites; i++)
        out->overhead += d->sites[i].file ? strlen(d->sites[i].file) + 1 : 0;
    return 0;
}

void rc_trace_reset_peak(rc_heap *h)
{
    if (h && h->diag)
        h->diag->traced_peak = h->diag->traced_bytes;
}

/* ---- the leak report ------------------------------------------------------------------ */

typedef struct leak_row {
    const char *kind;        /* type name, or NULL for a raw block */
    uint32_t site;
    bool cycle_only;
    size_t count, bytes;
} leak_row;

static int row_by_key(const void *pa, const void *pb)
{
    const leak_row *a = pa, *b = pb;
    if (a->cycle_only != b->cycle_only)
        return a->cycle_only ? 1 : -1;
    int c = strcmp(a->kind ? a->kind : "", b->kind ? b->kind : "");
    if (c)
        return c;
    return a->site < b->site ? -1 : a->site > b->site;
}

static int row_by_bytes(const void *pa, const void *pb)
{
    const leak_row *a = pa, *b = pb;
    if (a->cycle_only != b->cycle_only)
        return a->cycle_only ? 1 : -1;
    if (a->bytes != b->bytes)
        return a->bytes > b->bytes ? -1 : 1;
    return row_by_key(pa, pb);
}

static void mark_cycle_only(rc_object *o, void *arg)
{
    (void)arg;
    rc_diag_block *b = (rc_diag_block *)(void *)gc_head_of(o) - 1;
    b->marks |= DIAG_MARK_CYCLE;
}

static const char *block_kind(const rc_diag_block *b)
{
    if (!b->object_head)
        return NULL;
    const rc_object *o = (const rc_object *)((const char *)(b + 1) + (b->object_head - 1));
    return o->type && o->type->name ? o->type->name : "?";
}

/* One row per live block, then rows of equal key merged; returns the rows. */
static size_t leak_rows(rc_diag *d, leak_row *rows)
{
    size_t n = 0;
    for (rc_diag_block *b = d->live.next; b != &d->live; b = b->next) {
        rows[n++] = (leak_row){block_kind(b), b->site, (b->marks & DIAG_MARK_CYCLE) != 0, 1, b->size};
        b->marks &= (uint8_t)~DIAG_MARK_CYCLE;
    }
    qsort(rows, n, sizeof *rows, row_by_key);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && !row_by_key(&rows[m - 1], &rows[i])) {
            rows[m - 1].count++;
            rows[m - 1].bytes += rows[i].bytes;
        } else {
            rows[m++] = rows[i];
        }
    }
    qsort(rows, m, sizeof *rows, row_by_bytes);
    return m;
}

static void print_leak_rows(const rc_diag *d, const leak_row *rows, size_t n, FILE *f)
{
    bool cycle_header = false;
    fprintf(f, "%8s %12s  %-24s %s\n", "count", "bytes", "what", "allocated at");
    for (size_t i = 0; i < n; i++) {
        if (rows[i].cycle_only && !cycle_header) {
            fprintf(f, "  kept alive only by reference cycles that no collection reached:\n");
            cycle_header = true;
        }
        char site[300], what[64];
        rc__diag_format_site(d, rows[i].site, site, sizeof site);
        if (rows[i].kind)
            snprintf(what, sizeof what, "object '%s'", rows[i].kind);
        else
            snprintf(what, sizeof what, "raw block");
        fprintf(f, "%8zu %12zu  %-24s %s\n", rows[i].count, rows[i].bytes, what, site);
    }
}

long rc_heap_report_leaks(rc_heap *h, FILE *f)
{
    if (!h || !h->diag) {
        if (h)
            rc__heap_set_error(h, RC_EINVAL, "rc_heap_report_leaks: the heap is not in diagnostic "
                               "mode (RC_REPORT_LEAKS, RC_TRACE_ALLOC or RC_DEBUG_ALLOC)");
        return -1;
    }
    rc_diag *d = h->diag;
    rc__object_caches_clear(h);          /* cached dead objects are not alive */
    if (!d->live_blocks)
        return 0;
    rc_gc_visit_unreachable(h, mark_cycle_only, NULL);
    leak_row *rows = malloc(d->live_blocks * sizeof *rows);
    if (!rows) {
        for (rc_diag_block *b = d->live.next; b != &d->live; b = b->next)
            b->marks &= (uint8_t)~DIAG_MARK_CYCLE;
        fprintf(f, "reclaim: heap %p: %zu blocks (%zu bytes) still alive; no memory to list them\n",
                (void *)h, d->live_blocks, d->live_bytes);
        return (long)d->live_blocks;
    }
    size_t n = leak_rows(d, rows);
    fprintf(f, "reclaim: heap %p: %zu blocks (%zu bytes) still alive\n", (void *)h,
            d->live_blocks, d->live_bytes);
    print_leak_rows(d, rows, n, f);
    free(rows);
    return (long)d->live_blocks;
}
