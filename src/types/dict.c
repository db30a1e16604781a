/*
 * dict.c — compact, insertion-ordered hash tables (CPython 3.6+'s dict).
 *
 * A dict points to one block of its heap, the table, which holds two arrays:
 *
 *   indices[size]    size = 2^log2_size slots of 1, 2, 4 or 8 bytes (the
 *                    narrowest that can hold an entry number), each EMPTY,
 *                    DUMMY (its entry was deleted) or an entry number with
 *                    a tag of its hash in the bits above it (below);
 *   entries[usable]  {hash, key, value} in insertion order; a deleted entry
 *                    has key == value == NULL.
 *
 * A lookup probes the indices (CPython's perturbed probe: i = 5i + perturb +
 * 1, perturb >>= 5, so every bit of the hash takes part) and compares the
 * entries it reaches: same key pointer, or same hash and rc_equal.  Iteration
 * walks the entries, which is why the order is the order of insertion;
 * replacing a value keeps its entry, deleting one leaves a hole that the next
 * resize squeezes out.  Entries are 24 bytes and the indices 1-8, so a table
 * costs far less than a classic array of {hash, key, value} slots kept 1/3
 * empty.
 *
 *   nentries <= usable = 2/3 size        (so probes always meet an EMPTY slot)
 *   used = entries with a key <= nentries
 *   slots holding an entry number = used; DUMMY slots <= nentries - used
 *   keys == NULL  <=>  the dict never held anything or was cleared (used 0)
 *
 * Tags.  The bits of a slot above the entry number (log2_size bits), up to
 * the sign bit, hold the same bits of the entry's hash: 10 bits for a table
 * of 2^21 slots of 4 bytes, none for 2^7 slots of 1 byte.  A probe that
 * meets another key's slot almost always sees a different tag and moves on
 * without reading the entry: in a big table every entry read is a cache
 * miss, and collisions no longer cost one (1M str keys: lookups ~2x, inserts
 * ~15 % faster, for ~8 more instructions each).
 *
 * Speed.  Lookups are specialized by index width (one copy of the probe
 * loop per width, so a slot read is one load) and their common case is
 * inline in rc_dict_get/set/del (probe_fast): the key found by identity, or
 * an EMPTY slot reached with no DUMMY and no entry of equal hash on the way;
 * anything else goes to dict_lookup, which compares with rc_equal and
 * restarts.  A str key's cached hash is read inline (key_hash).  A new key
 * goes into the free slot its lookup ended on: one probe sequence per
 * insertion, not two.
 *
 * Growth.  When entries run out, the table is rebuilt with size the smallest
 * power of two >= 3 * used (at least 8), as CPython's GROWTH_RATE: room for
 * as many insertions again before the next rebuild.  The rebuild compacts the
 * entries (one memcpy when none was deleted) and rehashes from the stored
 * hashes, in a loop specialized by index width: no user code runs, and the new
 * table is allocated before the old one is touched, so a failure leaves the
 * dict exactly as it was.  Deletions never shrink the table.
 *
 * User code.  rc_hash, rc_equal and the destructors of dropped references can
 * run arbitrary code, which may change this dict.  So:
 *   - the hash is computed before anything is looked at;
 *   - every change to the dict is complete before a reference is dropped;
 *   - each mutation of keys or entries bumps `version`; a lookup holds the
 *     key it compares (a new reference) and, if the version moved during the
 *     comparison, starts over, as CPython does.  A comparison that changes the
 *     dict every time would loop forever: after MAX_RESTARTS the lookup fails
 *     with RC_EINVAL instead.
 *
 * Tracking (CPython's MAINTAIN_TRACKING): a dict is born untracked and is
 * tracked as soon as a key or value is stored that rc__may_be_tracked says
 * can be part of a cycle.  A dict of ints and strings costs the collector
 * nothing.  A full collection untracks dicts whose keys and values are all
 * atomic again (gc.c, through rc__dict_is_atomic), as CPython does.
 */
#define RC_BUILDING_LIBRARY 1
#include "../internal.h"

#include <stddef.h>
#include <string.h>

#define IX_EMPTY (-1)
#define IX_DUMMY (-2)
#define IX_ERROR (-3)          /* lookup: the hash or a comparison failed */
#define LOG2_MINSIZE 3         /* 8 slots, 5 entries */
#define MAX_RESTARTS 1000

typedef struct dict_entry {
    int64_t hash;
    rc_object *key;            /* owned; NULL: deleted */
    rc_object *value;          /* owned; NULL iff key is */
} dict_entry;

typedef struct rc_dict_table dict_table;
struct rc_dict_table {
    uint8_t  log2_size;        /* index slots: 1 << log2_size */
    uint8_t  log2_width;       /* bytes per index slot: 1 << log2_width */
    uint8_t  keys_not_str;     /* a key other than a str was ever added (CPython
                                * would use its wider "general" entries) */
    rc_ssize usable;           /* entries allocated: usable_for(size) */
    rc_ssize nentries;         /* entries handed out, deleted ones included */
    unsigned char indices[];   /* then dict_entry entries[usable] */
};
_Static_assert(offsetof(dict_table, indices) % _Alignof(dict_entry) == 0,
               "entries after 8 or more index bytes stay aligned");

/* The layout reclaim.h publishes: version is bumped by every change of
 * keys, entries or values and starts at (dicts made before in the heap + 1)
 * << 32; keys is rc_malloc'd from the dict's heap, NULL when empty. */
typedef rc_dict_object rc_dict;

static int dict_traverse(rc_object *self, rc_visit visit, void *arg);
static void dict_clear(rc_object *self);
static void dict_destroy(rc_object *self);

const rc_type rc_dict_type = {
    .name = "dict",
    .size = sizeof(rc_dict),
    .flags = RC_TYPE_GC,
    .traverse = dict_traverse,
    .clear = dict_clear,
    .destroy = dict_destroy,
};

static inline rc_dict *as_dict(const rc_object *o)
{
    if (rc_unlikely(!o || o->type != &rc_dict_type)) {
        rc__type_error(o, "dict");
        return NULL;
    }
    return (rc_dict *)o;
}

static rc_heap *dict_heap(const rc_dict *d)
{
    return rc_heap_of(&d->ob);
}

/* ---- the table: index slots of variable width ------------------------------------- */

static size_t table_size(const dict_table *t) { return (size_t)1 << t->log2_size; }
static rc_ssize usable_for(size_t size) { return (rc_ssize)(size * 2 / 3); }

static dict_entry *table_entries(const dict_table *t)
{
    return (dict_entry *)(void *)((unsigned char *)t->indices + (table_size(t) << t->log2_width));
}

/* Index slot i of a table whose slots are 1 << w bytes.  Callers that know
 * w at compile time get one load (lookups are specialized by width). */
static inline __attribute__((always_inline)) rc_ssize index_at(const dict_table *t, size_t i, unsigned w)
{
    const void *p = t->indices;
    switch (w) {
    case 0: return ((const int8_t *)p)[i];
    case 1: return ((const int16_t *)p)[i];
    case 2: return ((const int32_t *)p)[i];
    default: return (rc_ssize)((const int64_t *)p)[i];
    }
}

static inline __attribute__((always_inline)) void index_put(dict_table *t, size_t i, rc_ssize ix, unsigned w)
{
    void *p = t->indices;
    switch (w) {
    case 0: ((int8_t *)p)[i] = (int8_t)ix; break;
    case 1: ((int16_t *)p)[i] = (int16_t)ix; break;
    case 2: ((int32_t *)p)[i] = (int32_t)ix; break;
    default: ((int64_t *)p)[i] = (int64_t)ix; break;
    }
}

static rc_ssize get_index(const dict_table *t, size_t i) { return index_at(t, i, t->log2_width); }
static void set_index(dict_table *t, size_t i, rc_ssize ix) { index_put(t, i, ix, t->log2_width); }

/* An index slot holding an entry is `ix | (hash & tag_bits)`: the entry
 * number in the low log2_size bits (entries < usable < size), and above
 * them, up to the sign bit, the same bits of the entry's hash (a tag).  A
 * probe whose hash disagrees in those bits skips the entry without reading
 * it.  Tables too small to spare a bit have no tag (tag_bits 0). */
static inline __attribute__((always_inline)) uint64_t tag_bits_of(unsigned log2_size, unsigned w)
{
    unsigned value_bits = (8u << w) - 1;          /* below the sign bit */
    return log2_size >= value_bits ? 0 : (((uint64_t)1 << value_bits) - 1) & ~(((uint64_t)1 << log2_size) - 1);
}

/* The index value of entry ix of hash in a table of 2^log2_size slots. */
static inline __attribute__((always_inline)) rc_ssize tagged(rc_ssize ix, int64_t hash, unsigned log2_size, unsigned w)
{
    return (rc_ssize)((uint64_t)ix | ((uint64_t)hash & tag_bits_of(log2_size, w)));
}

/* Does the (non-negative) slot value v hold an entry whose hash has the
 * same tag as hash? */
static inline __attribute__((always_inline)) bool tag_matches(rc_ssize v, int64_t hash, uint64_t tag_bits)
{
    return (((uint64_t)v ^ (uint64_t)hash) & tag_bits) == 0;
}

/* The narrowest slot that holds every entry number of a table of 2^log2 slots. */
static uint8_t width_for(uint8_t log2_size)
{
    if (log2_size < 8)
        return 0;
    if (log2_size < 16)
        return 1;
    if (log2_size < 32)
        return 2;
    return 3;
}

/* The probe sequence: slot after i for a hash whose perturb is *perturb. */
static size_t next_slot(size_t i, uint64_t *perturb, size_t mask)
{
    *perturb >>= 5;
    return (i * 5 + (size_t)*perturb + 1) & mask;
}

/* A fresh table of 2^log2_size slots, all EMPTY, no entries; NULL (RC_ENOMEM). */
static dict_table *table_new(rc_heap *h, uint8_t log2_size)
{
    uint8_t w = width_for(log2_size);
    size_t size = (size_t)1 << log2_size, bytes;
    if (log2_size >= 58 ||
        __builtin_mul_overflow((size_t)usable_for(size), sizeof(dict_entry), &bytes) ||
        __builtin_add_overflow(bytes, offsetof(dict_table, indices) + (size << w), &bytes)) {
        rc__heap_set_error(h, RC_ENOMEM, "dict table of 2^%u slots is too large", log2_size);
        return NULL;
    }
    dict_table *t = rc_malloc(h, bytes);
    if (!t)
        return NULL;
    if (bytes >= PREFAULT_MIN_BYTES)
        rc__heap_prefault(h, t, bytes);      /* a resized table gets filled */
    t->log2_size = log2_size;
    t->log2_width = w;
    t->keys_not_str = 0;
    t->usable = usable_for(size);
    t->nentries = 0;
    memset(t->indices, 0xff, size << w);     /* every slot IX_EMPTY (-1) */
    return t;
}

/* The first slot for hash that holds no entry (EMPTY or DUMMY). */
static size_t find_free_slot(const dict_table *t, int64_t hash)
{
    size_t mask = table_size(t) - 1;
    uint64_t perturb = (uint64_t)hash;
    size_t i = (size_t)hash & mask;
    while (get_index(t, i) >= 0)
        i = next_slot(i, &perturb, mask);
    return i;
}

/* Enter entries 0..n-1 of t (hashes stored) into its empty index, slots
 * of 1 << w bytes. */
static inline __attribute__((always_inline)) void index_entries(dict_table *t, rc_ssize n, unsigned w)
{
    size_t mask = table_size(t) - 1;
    const dict_entry *entries = (const dict_entry *)(const void *)(t->indices + ((mask + 1) << w));
    for (rc_ssize k = 0; k < n; k++) {
        uint64_t perturb = (uint64_t)entries[k].hash;
        size_t i = (size_t)perturb & mask;
        while (index_at(t, i, w) >= 0)
            i = next_slot(i, &perturb, mask);
        index_put(t, i, tagged(k, entries[k].hash, t->log2_size, w), w);
    }
}

/* Rebuild d's table with at least min_size index slots (3 * used: room for
 * used more entries): live entries copied in order (in one piece when none
 * was deleted), indices rebuilt from the stored hashes.  On failure d is
 * untouched. */
static int dict_resize(rc_dict *d, size_t min_size)
{
    rc_heap *h = dict_heap(d);
    uint8_t log2 = LOG2_MINSIZE;
    while (log2 < 63 && ((size_t)1 << log2) < min_size)
        log2++;
    dict_table *t = table_new(h, log2);
    if (!t)
        return -1;
    dict_entry *to = table_entries(t);
    if (d->keys) {
        const dict_table *old = d->keys;
        const dict_entry *from = table_entries(old);
        t->keys_not_str = old->keys_not_str;
        if (old->nentries == d->used) {
            memcpy(to, from, (size_t)old->nentries * sizeof *to);
            t->nentries = old->nentries;
        } else {
            for (rc_ssize k = 0; k < old->nentries; k++)
                if (from[k].key)
                    to[t->nentries++] = from[k];
        }
        switch (t->log2_width) {
        case 0: index_entries(t, t->nentries, 0); break;
        case 1: index_entries(t, t->nentries, 1); break;
        case 2: index_entries(t, t->nentries, 2); break;
        default: index_entries(t, t->nentries, 3); break;
        }
        rc_free(h, d->keys);
    }
    d->keys = t;
    d->version++;
    return 0;
}

/* ---- lookup ------------------------------------------------------------------------ */

/* Compare an entry's key (held by a new reference meanwhile) with key.
 * 1 equal, 0 not, -1 error; *changed is set if the dict changed during it. */
static __attribute__((noinline)) int compare_keys(rc_dict *d, rc_object *stored, rc_object *key,
                                                  bool *changed)
{
    uint64_t version = d->version;
    rc_incref(stored);
    int r = rc_equal(stored, key);
    rc_decref(stored);
    *changed = d->version != version;
    return r;
}

#define IX_RESTART (-4)        /* probe: the dict changed during a comparison */

/* One probe sequence of table t (slots of 1 << w bytes) for key: the entry
 * number and its slot in *slot; or IX_EMPTY and in *slot the first slot on
 * the way that holds no entry (where the key would go); IX_ERROR;
 * IX_RESTART.  Inlined once per width, so the slot loads are constant. */
static inline __attribute__((always_inline)) rc_ssize probe(rc_dict *d, dict_table *t, rc_object *key,
                                                            int64_t hash, size_t *slot, unsigned w)
{
    size_t mask = table_size(t) - 1, free_slot = SIZE_MAX;
    dict_entry *entries = (dict_entry *)(void *)(t->indices + ((mask + 1) << w));
    uint64_t tags = tag_bits_of(t->log2_size, w);
    uint64_t perturb = (uint64_t)hash;
    for (size_t i = (size_t)hash & mask;; i = next_slot(i, &perturb, mask)) {
        rc_ssize ix = index_at(t, i, w);
        if (ix < 0) {
            if (free_slot == SIZE_MAX)
                free_slot = i;
            if (ix == IX_EMPTY) {
                *slot = free_slot;
                return IX_EMPTY;
            }
            continue;
        }
        if (!tag_matches(ix, hash, tags))
            continue;
        ix &= (rc_ssize)mask;
        dict_entry *e = &entries[ix];
        if (rc_likely(e->key == key)) {
            *slot = i;
            return ix;
        }
        if (e->hash != hash)
            continue;
        bool changed;
        int r = compare_keys(d, e->key, key, &changed);
        if (r < 0)
            return IX_ERROR;
        if (changed)
            return IX_RESTART;          /* t and e may be gone */
        if (r > 0) {
            *slot = i;
            return ix;
        }
    }
}

/* The entry number holding key (and its index slot in *slot), IX_EMPTY if
 * absent (and in *slot the free slot where it would go, in the current
 * table), or IX_ERROR if a comparison failed. */
static __attribute__((noinline)) rc_ssize dict_lookup(rc_dict *d, rc_object *key, int64_t hash,
                                                       size_t *slot)
{
    for (int restarts = 0; restarts <= MAX_RESTARTS; restarts++) {
        dict_table *t = d->keys;
        if (!t)
            return IX_EMPTY;
        rc_ssize ix;
        switch (t->log2_width) {
        case 0: ix = probe(d, t, key, hash, slot, 0); break;
        case 1: ix = probe(d, t, key, hash, slot, 1); break;
        case 2: ix = probe(d, t, key, hash, slot, 2); break;
        default: ix = probe(d, t, key, hash, slot, 3); break;
        }
        if (ix != IX_RESTART)
            return ix;
    }
    rc__heap_set_error(dict_heap(d), RC_EINVAL, "dict changed during every key comparison");
    return IX_ERROR;
}

/* The common case of a lookup, inline and without restarts: the key found
 * by identity or, for a str key, by a str entry of equal hash and text (a
 * comparison without side effects); or an EMPTY slot reached with no DUMMY
 * slot and no other entry of equal hash on the way (then *slot is that
 * slot: where the key would go).  IX_RESTART for anything else:
 * dict_lookup decides. */
static inline __attribute__((always_inline)) rc_ssize probe_fast(const dict_table *t, const rc_object *key,
                                                                 int64_t hash, size_t *slot, unsigned w)
{
    size_t mask = table_size(t) - 1;
    const dict_entry *entries = (const dict_entry *)(const void *)(t->indices + ((mask + 1) << w));
    uint64_t tags = tag_bits_of(t->log2_size, w);
    uint64_t perturb = (uint64_t)hash;
    for (size_t i = (size_t)hash & mask;; i = next_slot(i, &perturb, mask)) {
        rc_ssize ix = index_at(t, i, w);
        if (ix < 0) {
            *slot = i;
            return ix == IX_EMPTY ? IX_EMPTY : IX_RESTART;
        }
        if (!tag_matches(ix, hash, tags))
            continue;
        ix &= (rc_ssize)mask;
        const dict_entry *e = &entries[ix];
        if (rc_likely(e->key == key)) {
            *slot = i;
            return ix;
        }
        if (e->hash != hash)
            continue;
        if (key->type != &rc_str_type || e->key->type != &rc_str_type)
            return IX_RESTART;
        if (str_text_equal((const rc_str *)e->key, (const rc_str *)key)) {
            *slot = i;
            return ix;
        }
    }
}

/* dict_lookup, with its common case inline. */
static inline __attribute__((always_inline)) rc_ssize lookup(rc_dict *d, rc_object *key, int64_t hash,
                                                             size_t *slot)
{
    const dict_table *t = d->keys;
    if (!t)
        return IX_EMPTY;
    rc_ssize ix;
    switch (t->log2_width) {
    case 0: ix = probe_fast(t, key, hash, slot, 0); break;
    case 1: ix = probe_fast(t, key, hash, slot, 1); break;
    case 2: ix = probe_fast(t, key, hash, slot, 2); break;
    default: ix = IX_RESTART; break;
    }
    return rc_likely(ix != IX_RESTART) ? ix : dict_lookup(d, key, hash, slot);
}

/* ---- insertion and tracking --------------------------------------------------------- */

static inline void maintain_tracking(rc_dict *d, rc_object *key, rc_object *value)
{
    if (gc_head_of(&d->ob)->next)
        return;                          /* tracked already */
    if (may_be_tracked(key) || may_be_tracked(value))
        rc__gc_link(dict_heap(d), &d->ob);
}

/* Add a key known to be absent; slot is the free slot the lookup found in
 * the current table.  On failure d is untouched. */
static int insert_new(rc_dict *d, rc_object *key, int64_t hash, rc_object *value, size_t slot)
{
    /* a table that has held only str keys is rebuilt when another key comes,
     * as CPython rebuilds its str-only tables with wider entries: the
     * shapes stay CPython's (rc_dict_table_shape) */
    int first_other_key = d->keys && !d->keys->keys_not_str && key->type != &rc_str_type;
    if (!d->keys || d->keys->nentries == d->keys->usable || first_other_key) {
        if (dict_resize(d, (size_t)d->used * 3) != 0)
            return -1;
        slot = find_free_slot(d->keys, hash);
    }
    dict_table *t = d->keys;
    rc_incref(key);
    rc_incref(value);
    table_entries(t)[t->nentries] = (dict_entry){hash, key, value};
    t->keys_not_str |= key->type != &rc_str_type;
    set_index(t, slot, tagged(t->nentries, hash, t->log2_size, t->log2_width));
    t->nentries++;
    d->used++;
    d->version++;
    maintain_tracking(d, key, value);
    return 0;
}

static __attribute__((noinline)) bool null_error(rc_dict *d, const char *op, const char *what)
{
    rc__heap_set_error(dict_heap(d), RC_EINVAL, "%s: NULL %s", op, what);
    return false;
}

static inline bool not_null(rc_dict *d, const rc_object *o, const char *op, const char *what)
{
    return rc_likely(o != NULL) || null_error(d, op, what);
}

/* ---- the API --------------------------------------------------------------------------- */

rc_object *rc_dict_new(rc_heap *h)
{
    rc_object *d = rc_new(h, &rc_dict_type);
    if (d) {
        rc__gc_unlink(h, d);       /* untracked until it holds something trackable */
        ((rc_dict *)d)->version = ++h->dict_versions << 32;
    }
    return d;
}

uint64_t rc_dict_version(const rc_object *o)
{
    return ((const rc_dict *)o)->version;
}

rc_ssize rc_dict_len(const rc_object *o)
{
    rc_dict *d = as_dict(o);
    return d ? d->used : -1;
}

rc_ssize rc_dict_table_shape(const rc_object *o, int *slot_bytes, rc_ssize *entries, int *not_str_keys)
{
    rc_dict *d = as_dict(o);
    if (!d)
        return -1;
    dict_table *t = d->keys;
    *slot_bytes = t ? 1 << t->log2_width : 0;
    *not_str_keys = t ? t->keys_not_str : 0;
    *entries = t ? t->usable : 0;
    return t ? (rc_ssize)1 << t->log2_size : 0;
}

/* The common start of set, get and del: check the dict and the key, hash
 * the key, look it up.  The entry's index, IX_EMPTY, or IX_ERROR (error set). */
static inline __attribute__((always_inline)) rc_ssize dict_find(rc_object *o, rc_object *key, const char *op,
                                                                rc_dict **pd, int64_t *phash, size_t *slot)
{
    rc_dict *d = *pd = as_dict(o);
    if (!d || !not_null(d, key, op, "key"))
        return IX_ERROR;
    *phash = key_hash(key);
    if (*phash == -1)
        return IX_ERROR;
    return lookup(d, key, *phash, slot);
}

int rc_dict_set(rc_object *o, rc_object *key, rc_object *value)
{
    rc_dict *d = as_dict(o);
    if (d && !not_null(d, value, "rc_dict_set", "value"))
        return -1;
    int64_t hash;
    size_t slot;
    rc_ssize ix = dict_find(o, key, "rc_dict_set", &d, &hash, &slot);
    if (ix == IX_ERROR)
        return -1;
    if (ix == IX_EMPTY)
        return insert_new(d, key, hash, value, slot);
    dict_entry *e = &table_entries(d->keys)[ix];
    rc_incref(value);
    rc_object *old = e->value;
    e->value = value;                 /* same entry: the key keeps its place */
    d->version++;
    maintain_tracking(d, key, value);
    rc_decref(old);
    return 0;
}

rc_object *rc_dict_get(rc_object *o, rc_object *key)
{
    rc_dict *d;
    int64_t hash;
    size_t slot;
    rc_ssize ix = dict_find(o, key, "rc_dict_get", &d, &hash, &slot);
    if (ix >= 0)
        return table_entries(d->keys)[ix].value;
    if (ix == IX_EMPTY)
        rc__heap_set_key_error(dict_heap(d), key->type->name);
    return NULL;
}

int rc_dict_del(rc_object *o, rc_object *key)
{
    rc_dict *d;
    int64_t hash;
    size_t slot;
    rc_ssize ix = dict_find(o, key, "rc_dict_del", &d, &hash, &slot);
    if (ix == IX_EMPTY)
        rc__heap_set_key_error(dict_heap(d), key->type->name);
    if (ix < 0)
        return -1;
    dict_entry *e = &table_entries(d->keys)[ix];
    rc_object *old_key = e->key, *old_value = e->value;
    set_index(d->keys, slot, IX_DUMMY);
    e->key = e->value = NULL;
    d->used--;
    d->version++;
    rc_decref(old_key);                /* the dict is consistent: destructors may look */
    rc_decref(old_value);
    return 0;
}

int rc_dict_next(const rc_object *o, rc_ssize *pos, rc_object **key, rc_object **value)
{
    rc_dict *d = as_dict(o);
    if (!d || !pos || *pos < 0 || !d->keys)
        return 0;
    dict_entry *entries = table_entries(d->keys);
    for (rc_ssize k = *pos; k < d->keys->nentries; k++) {
        if (!entries[k].key)
            continue;
        if (key)
            *key = entries[k].key;
        if (value)
            *value = entries[k].value;
        *pos = k + 1;
        return 1;
    }
    *pos = d->keys->nentries;
    return 0;
}

/* ---- the type's slots -------------------------------------------------------------- */

static int dict_traverse(rc_object *self, rc_visit visit, void *arg)
{
    rc_dict *d = (rc_dict *)self;
    if (!d->keys)
        return 0;
    dict_entry *entries = table_entries(d->keys);
    for (rc_ssize k = 0; k < d->keys->nentries; k++) {
        if (!entries[k].key)
            continue;
        int r = visit(entries[k].key, arg);
        if (!r)
            r = visit(entries[k].value, arg);
        if (r)
            return r;
    }
    return 0;
}

/* Detach the table first, then drop the references: a destructor that runs
 * meanwhile sees a valid (empty) dict, and may even store into it. */
static void dict_clear(rc_object *self)
{
    rc_dict *d = (rc_dict *)self;
    rc_heap *h = dict_heap(d);
    dict_table *t = d->keys;
    if (!t)
        return;
    d->keys = NULL;
    d->used = 0;
    d->version++;
    dict_entry *entries = table_entries(t);
    for (rc_ssize k = 0; k < t->nentries; k++) {
        if (!entries[k].key)
            continue;
        rc_decref(entries[k].key);
        rc_decref(entries[k].value);
    }
    rc_free(h, t);
}

int rc_dict_clear(rc_object *o)
{
    if (!as_dict(o))
        return -1;
    dict_clear(o);
    return 0;
}

static void dict_destroy(rc_object *self)
{
    rc_dict *d = (rc_dict *)self;
    while (d->keys)             /* again if a destructor stored something */
        dict_clear(self);
}

/* For the collector (CPython's untrack_dicts): a dict holding only atomic
 * keys and values can never be part of a cycle. */
bool rc__dict_is_atomic(const rc_object *d)
{
    rc_ssize pos = 0;
    rc_object *key, *value;
    while (rc_dict_next(d, &pos, &key, &value))
        if (may_be_tracked(key) || may_be_tracked(value))
            return false;
    return true;
}
