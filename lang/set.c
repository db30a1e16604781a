/*
 * lang/set.c — set and frozenset: an open-addressing hash table laid out as
 * CPython's, so that iteration order (visible in print({3, 1, 2})) is the
 * same: slot = hash & mask, a run of LINEAR_PROBES neighbouring slots, then
 * the perturbed jump i = 5i + 1 + perturb (perturb >>= 5).  Deleted slots
 * hold the interpreter's dummy key.  The table is rc_malloc'd from the
 * set's heap and grows (x4 while small, x2 past 50000) when fill reaches
 * 3/5 of the slots.
 *
 *   used <= fill <= mask;  (mask + 1) is a power of two >= 8
 *   a key is in the table at most once; dummies only where keys were removed
 *
 * User code (__eq__/__hash__ of keys) may run during a lookup and change the
 * set: a lookup holds the key it compares and restarts if the table moved.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define SET_MINSIZE 8

static int set_traverse(rc_object *self, rc_visit visit, void *arg)
{
    lx_set *s = (lx_set *)self;
    lx_interp *I = rc_heap_userdata(rc_heap_of(self));
    for (rc_ssize i = 0; s->table && i <= s->mask; i++) {
        rc_object *k = s->table[i].key;
        if (k && (!I || k != I->dummy)) {
            int r = visit(k, arg);
            if (r)
                return r;
        }
    }
    return 0;
}

static void set_clear_table(lx_set *s)
{
    lx_setentry *t = s->table;
    rc_ssize mask = s->mask;
    lx_interp *I = rc_heap_userdata(rc_heap_of(&s->ob));
    s->table = NULL;
    s->mask = 0;
    s->fill = s->used = 0;
    s->version++;
    if (!t)
        return;
    for (rc_ssize i = 0; i <= mask; i++)
        if (t[i].key && (!I || t[i].key != I->dummy))
            rc_decref(t[i].key);
    rc_free(rc_heap_of(&s->ob), t);
}

static void set_clear(rc_object *self)
{
    set_clear_table((lx_set *)self);
}

const rc_type lx_set_type = {
    .name = "set",
    .size = sizeof(lx_set),
    .flags = RC_TYPE_GC,
    .traverse = set_traverse,
    .clear = set_clear,
    .destroy = set_clear,
};

static int64_t frozenset_hash(rc_object *self);
static int frozenset_eq(rc_object *self, rc_object *other);

const rc_type lx_frozenset_type = {
    .name = "frozenset",
    .size = sizeof(lx_set),
    .flags = RC_TYPE_GC,
    .traverse = set_traverse,
    .clear = set_clear,
    .destroy = set_clear,
    .hash = frozenset_hash,
    .eq = frozenset_eq,
};

rc_object *lx_set_new(lx_interp *I, int frozen)
{
    lx_set *s = (lx_set *)rc_new(I->heap, frozen ? &lx_frozenset_type : &lx_set_type);
    if (!s)
        return lx_raise_heap_error(I);
    s->frozen = frozen;
    s->hash = -1;
    return &s->ob;
}

rc_ssize lx_set_len(rc_object *set)
{
    return ((lx_set *)set)->used;
}

static int keys_equal(lx_interp *I, rc_object *a, rc_object *b)
{
    if (a == b)
        return 1;
    return lx_compare(I, a, b, LX_CMP_EQ);
}

/* The slot for key: its entry if present (*found = 1), else where to put it. */
static lx_setentry *set_lookup(lx_interp *I, lx_set *s, rc_object *key, int64_t hash, int *found)
{
restart:;
    lx_setentry *table = s->table;
    size_t mask = (size_t)s->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    lx_setentry *freeslot = NULL;
    uint64_t version = s->version;
    for (;;) {
        lx_setentry *e = &table[i];
        size_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        for (;;) {
            if (!e->key) {
                *found = 0;
                return freeslot ? freeslot : e;
            }
            if (e->key == I->dummy) {
                if (!freeslot)
                    freeslot = e;
            } else if (e->hash == hash) {
                rc_object *k = e->key;
                if (k == key) {
                    *found = 1;
                    return e;
                }
                rc_incref(k);
                int eq = keys_equal(I, k, key);
                rc_decref(k);
                if (eq < 0)
                    return NULL;
                if (s->version != version || s->table != table)
                    goto restart;
                if (eq) {
                    *found = 1;
                    return e;
                }
            }
            if (probes-- == 0)
                break;
            e++;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static void insert_clean(lx_setentry *table, size_t mask, rc_object *key, int64_t hash)
{
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    lx_setentry *e;
    for (;;) {
        e = &table[i];
        if (!e->key)
            goto found;
        if (i + LINEAR_PROBES <= mask)
            for (size_t j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (!e->key)
                    goto found;
            }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    e->key = key;
    e->hash = hash;
}

static int set_resize(lx_interp *I, lx_set *s, rc_ssize minused)
{
    size_t newsize = SET_MINSIZE;
    while (newsize <= (size_t)minused)
        newsize <<= 1;
    lx_setentry *t = rc_calloc(I->heap, newsize, sizeof *t);
    if (!t) {
        lx_raise_heap_error(I);
        return -1;
    }
    lx_setentry *old = s->table;
    rc_ssize oldmask = s->mask;
    for (rc_ssize i = 0; old && i <= oldmask; i++)
        if (old[i].key && old[i].key != I->dummy)
            insert_clean(t, newsize - 1, old[i].key, old[i].hash);
    s->table = t;
    s->mask = (rc_ssize)newsize - 1;
    s->fill = s->used;
    s->version++;
    rc_free(I->heap, old);
    return 0;
}

static int set_add_hashed(lx_interp *I, lx_set *s, rc_object *key, int64_t hash)
{
    if (!s->table && set_resize(I, s, 0) < 0)
        return -1;
    int found;
    lx_setentry *e = set_lookup(I, s, key, hash, &found);
    if (!e)
        return -1;
    if (found)
        return 0;
    int was_dummy = e->key == I->dummy;
    rc_incref(key);
    e->key = key;
    e->hash = hash;
    s->used++;
    s->version++;
    if (!was_dummy)
        s->fill++;
    if (key->type != &rc_int_type && key->type != &rc_str_type && key->type != &rc_float_type && !rc_gc_is_tracked(s))
        rc_gc_track(s);
    if ((size_t)s->fill * 5 < (size_t)s->mask * 3)
        return 0;
    return set_resize(I, s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

int lx_set_add(lx_interp *I, rc_object *set, rc_object *key)
{
    int64_t h = lx_hash(I, key);
    if (h == -1 && lx_exc_occurred(I))
        return -1;
    return set_add_hashed(I, (lx_set *)set, key, h);
}

int lx_set_contains(lx_interp *I, rc_object *set, rc_object *key)
{
    lx_set *s = (lx_set *)set;
    int64_t h;
    if (key->type == &lx_set_type) {
        /* a set looked up in a set means the frozenset with its items */
        rc_object *f = lx_set_new(I, 1);
        if (!f || lx_set_update(I, f, key) < 0) {
            rc_xdecref(f);
            return -1;
        }
        int r = lx_set_contains(I, set, f);
        rc_decref(f);
        return r;
    }
    h = lx_hash(I, key);
    if (h == -1 && lx_exc_occurred(I))
        return -1;
    if (!s->table)
        return 0;
    int found;
    if (!set_lookup(I, s, key, h, &found))
        return -1;
    return found;
}

int lx_set_discard(lx_interp *I, rc_object *set, rc_object *key)
{
    lx_set *s = (lx_set *)set;
    int64_t h = lx_hash(I, key);
    if (h == -1 && lx_exc_occurred(I))
        return -1;
    if (!s->table)
        return 0;
    int found;
    lx_setentry *e = set_lookup(I, s, key, h, &found);
    if (!e)
        return -1;
    if (!found)
        return 0;
    rc_object *old = e->key;
    e->key = I->dummy;
    e->hash = -1;
    s->used--;
    s->version++;
    rc_decref(old);
    return 1;
}

int lx_set_next(rc_object *set, rc_ssize *pos, rc_object **key)
{
    lx_set *s = (lx_set *)set;
    lx_interp *I = rc_heap_userdata(rc_heap_of(set));
    while (s->table && *pos <= s->mask) {
        lx_setentry *e = &s->table[(*pos)++];
        if (e->key && e->key != I->dummy) {
            *key = e->key;
            return 1;
        }
    }
    return 0;
}

/* Before taking n keys from a set or a dict: grow at once to what they
 * may need, as CPython's set_update_internal does (so the table, and
 * sys.getsizeof, come out as CPython's). */
static int set_presize(lx_interp *I, lx_set *s, rc_ssize n)
{
    rc_ssize mask = s->table ? s->mask : SET_MINSIZE - 1;
    if ((size_t)(s->fill + n) * 5 < (size_t)mask * 3)
        return 0;
    return set_resize(I, s, (s->used + n) * 2);
}

int lx_set_update(lx_interp *I, rc_object *set, rc_object *iterable)
{
    if (iterable->type == &lx_set_type || iterable->type == &lx_frozenset_type) {
        if (set_presize(I, (lx_set *)set, ((lx_set *)iterable)->used) < 0)
            return -1;
        rc_ssize pos = 0;
        rc_object *k;
        lx_set *src = (lx_set *)iterable;
        while (lx_set_next(iterable, &pos, &k))
            if (set_add_hashed(I, (lx_set *)set, k, src->table[pos - 1].hash) < 0)
                return -1;
        return 0;
    }
    if (iterable->type == &rc_dict_type) {
        if (set_presize(I, (lx_set *)set, rc_dict_len(iterable)) < 0)
            return -1;
        rc_ssize pos = 0;
        rc_object *k, *v;
        while (rc_dict_next(iterable, &pos, &k, &v))
            if (lx_set_add(I, set, k) < 0)
                return -1;
        return 0;
    }
    rc_object *it = lx_iter(I, iterable);
    if (!it)
        return -1;
    rc_object *v;
    while ((v = lx_next(I, it))) {
        int r = lx_set_add(I, set, v);
        rc_decref(v);
        if (r < 0) {
            rc_decref(it);
            return -1;
        }
    }
    rc_decref(it);
    return lx_exc_occurred(I) ? -1 : 0;
}

static rc_object *set_copy(lx_interp *I, rc_object *set, int frozen)
{
    rc_object *r = lx_set_new(I, frozen);
    if (r && lx_set_update(I, r, set) < 0) {
        rc_decref(r);
        return NULL;
    }
    return r;
}

/* repr of a set under a class name: {1, 2} for a set, frozenset({1, 2}),
 * and Name({1, 2}) / Name() for a subclass instance's value (name given). */
rc_object *lx_set_repr_as(lx_interp *I, rc_object *set, const char *name)
{
    lx_set *s = (lx_set *)set;
    int frozen = set->type == &lx_frozenset_type;
    const char *tn = name ? name : frozen ? "frozenset" : "set";
    size_t tlen = strlen(tn);
    if (s->used == 0 || lx_repr_enter(I, set)) {
        if (lx_exc_occurred(I))
            return NULL;
        char buf[300];
        snprintf(buf, sizeof buf, "%s(%s)", tn, s->used ? "..." : "");
        return lx_strz(I, buf);
    }
    rc_object *l = rc_list_new(I->heap);
    rc_ssize pos = 0;
    rc_object *k;
    while (l && lx_set_next(set, &pos, &k))
        rc_list_append(l, k);
    rc_object *lr = l ? lx_repr(I, l) : NULL;
    rc_xdecref(l);
    lx_repr_leave(I, set);
    if (!lr)
        return NULL;
    size_t n = rc_str_size(lr);
    char *buf = malloc(n + tlen + 16);
    if (!buf) {
        rc_decref(lr);
        return lx_raise(I, LX_MemoryError, "out of memory");
    }
    int w;
    if (frozen || name)
        w = snprintf(buf, n + tlen + 16, "%s({%.*s})", tn, (int)(n - 2), rc_str_data(lr) + 1);
    else
        w = snprintf(buf, n + tlen + 16, "{%.*s}", (int)(n - 2), rc_str_data(lr) + 1);
    rc_object *r = rc_str_new(I->heap, buf, (size_t)w);
    free(buf);
    rc_decref(lr);
    return r ? r : lx_raise_heap_error(I);
}

rc_object *lx_set_repr(lx_interp *I, rc_object *set)
{
    return lx_set_repr_as(I, set, NULL);
}

/* a OP b for | & - ^; NotImplemented (borrowed) otherwise. */
rc_object *lx_set_binop(lx_interp *I, int op, rc_object *a, rc_object *b, int inplace)
{
    if (op != BIN_OR && op != BIN_AND && op != BIN_SUB && op != BIN_XOR)
        return I->not_implemented;
    int frozen = a->type == &lx_frozenset_type;
    rc_object *r;
    if (inplace && !frozen) {
        rc_incref(a);
        r = a;
    } else {
        r = lx_set_new(I, frozen);
        if (!r)
            return NULL;
        if ((op == BIN_OR || op == BIN_SUB || op == BIN_XOR) && lx_set_update(I, r, a) < 0)
            goto fail;
    }
    rc_ssize pos = 0;
    rc_object *k;
    if (op == BIN_OR) {
        if (lx_set_update(I, r, b) < 0)
            goto fail;
    } else if (op == BIN_SUB) {
        while (lx_set_next(b, &pos, &k))
            if (lx_set_discard(I, r, k) < 0)
                goto fail;
    } else if (op == BIN_XOR) {
        while (lx_set_next(b, &pos, &k)) {
            int in = lx_set_contains(I, a, k);
            if (in < 0)
                goto fail;
            if ((in ? lx_set_discard(I, r, k) : lx_set_add(I, r, k)) < 0)
                goto fail;
        }
    } else {
        rc_object *keep = lx_set_new(I, frozen);
        if (!keep)
            goto fail;
        while (lx_set_next(a, &pos, &k)) {
            int in = lx_set_contains(I, b, k);
            if (in < 0 || (in && lx_set_add(I, keep, k) < 0)) {
                rc_decref(keep);
                goto fail;
            }
        }
        if (r == a) {
            set_clear_table((lx_set *)r);
            if (lx_set_update(I, r, keep) < 0) {
                rc_decref(keep);
                goto fail;
            }
            rc_decref(keep);
        } else {
            rc_decref(r);
            r = keep;
        }
    }
    return r;
fail:
    rc_decref(r);
    return NULL;
}

static int is_subset(lx_interp *I, rc_object *a, rc_object *b)
{
    if (lx_set_len(a) > lx_set_len(b))
        return 0;
    rc_ssize pos = 0;
    rc_object *k;
    while (lx_set_next(a, &pos, &k)) {
        int in = lx_set_contains(I, b, k);
        if (in <= 0)
            return in;
    }
    return 1;
}

int lx_set_compare(lx_interp *I, rc_object *a, rc_object *b, int op)
{
    rc_ssize na = lx_set_len(a), nb = lx_set_len(b);
    int r;
    switch (op) {
    case LX_CMP_EQ:
    case LX_CMP_NE:
        r = na == nb ? is_subset(I, a, b) : 0;
        return r < 0 ? -1 : (op == LX_CMP_EQ ? r : !r);
    case LX_CMP_LE: return is_subset(I, a, b);
    case LX_CMP_GE: return is_subset(I, b, a);
    case LX_CMP_LT: return na < nb ? is_subset(I, a, b) : 0;
    case LX_CMP_GT: return nb < na ? is_subset(I, b, a) : 0;
    default: return -2;
    }
}

static int64_t frozenset_hash(rc_object *self)
{
    lx_set *s = (lx_set *)self;
    if (s->hash != -1)
        return s->hash;
    uint64_t h = 0;
    rc_ssize pos = 0;
    rc_object *k;
    while (lx_set_next(self, &pos, &k)) {
        uint64_t x = (uint64_t)s->table[pos - 1].hash;
        h ^= ((x ^ 89869747u) ^ (x << 16)) * 3644798167u;
    }
    h ^= ((uint64_t)s->used + 1) * 1927868237u;
    h = h * 69069u + 907133923u;
    int64_t r = (int64_t)(h >> 1);
    if (r == -1)
        r = 590923713;
    s->hash = r;
    return r;
}

static int frozenset_eq(rc_object *self, rc_object *other)
{
    if (other->type != &lx_set_type && other->type != &lx_frozenset_type)
        return 0;
    lx_interp *I = rc_heap_userdata(rc_heap_of(self));
    return lx_set_compare(I, self, other, LX_CMP_EQ);
}

/* ---- methods ---------------------------------------------------------------------------- */

static rc_object *m_add(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "add", kw) < 0 || lx_check_nargs(I, "add", n - 1, 1, 1) < 0)
        return NULL;
    if (a[0]->type != &lx_set_type)
        return lx_raise(I, LX_AttributeError, "'frozenset' object has no attribute 'add'");
    return lx_set_add(I, a[0], a[1]) < 0 ? NULL : rc_none();
}

static rc_object *m_discard(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "discard", kw) < 0 || lx_check_nargs(I, "discard", n - 1, 1, 1) < 0)
        return NULL;
    return lx_set_discard(I, a[0], a[1]) < 0 ? NULL : rc_none();
}

static rc_object *m_remove(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "remove", kw) < 0 || lx_check_nargs(I, "remove", n - 1, 1, 1) < 0)
        return NULL;
    int r = lx_set_discard(I, a[0], a[1]);
    if (r < 0)
        return NULL;
    if (r == 0)
        return lx_raise_key_error(I, a[1]);
    return rc_none();
}

static rc_object *m_pop(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "pop", kw) < 0 || lx_check_nargs(I, "pop", n - 1, 0, 0) < 0)
        return NULL;
    lx_set *s = (lx_set *)a[0];
    rc_ssize pos = 0;
    rc_object *k;
    if (!lx_set_next(a[0], &pos, &k))
        return lx_raise(I, LX_KeyError, "pop from an empty set");
    lx_setentry *e = &s->table[pos - 1];
    e->key = I->dummy;
    e->hash = -1;
    s->used--;
    s->version++;
    return k;
}

static rc_object *m_clear(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "clear", kw) < 0 || lx_check_nargs(I, "clear", n - 1, 0, 0) < 0)
        return NULL;
    set_clear_table((lx_set *)a[0]);
    return rc_none();
}

static rc_object *m_copy(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    if (lx_no_kwargs(I, "copy", kw) < 0 || lx_check_nargs(I, "copy", n - 1, 0, 0) < 0)
        return NULL;
    return set_copy(I, a[0], a[0]->type == &lx_frozenset_type);
}

/* union/intersection/difference/symmetric_difference over any iterables */
static rc_object *multi_op(lx_interp *I, rc_object *const *a, size_t n, int op, int inplace)
{
    rc_object *acc = inplace ? (rc_incref(a[0]), a[0]) : set_copy(I, a[0], a[0]->type == &lx_frozenset_type);
    if (!acc)
        return NULL;
    for (size_t i = 1; i < n; i++) {
        rc_object *other = a[i];
        rc_object *tmp = NULL;
        if (other->type != &lx_set_type && other->type != &lx_frozenset_type) {
            tmp = lx_set_new(I, 0);
            if (!tmp || lx_set_update(I, tmp, other) < 0) {
                rc_xdecref(tmp);
                rc_decref(acc);
                return NULL;
            }
            other = tmp;
        }
        rc_object *r = lx_set_binop(I, op, acc, other, 1);
        rc_xdecref(tmp);
        if (!r) {
            rc_decref(acc);
            return NULL;
        }
        rc_decref(acc);
        acc = r;
    }
    if (inplace) {
        rc_decref(acc);
        return rc_none();
    }
    return acc;
}

#define SET_MULTI(fname, op, inplace)                                                      \
    static rc_object *fname(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw) \
    {                                                                                      \
        if (lx_no_kwargs(I, #fname, kw) < 0)                                               \
            return NULL;                                                                   \
        return multi_op(I, a, n, op, inplace);                                             \
    }
SET_MULTI(m_union, BIN_OR, 0)
SET_MULTI(m_intersection, BIN_AND, 0)
SET_MULTI(m_difference, BIN_SUB, 0)
SET_MULTI(m_symmetric_difference, BIN_XOR, 0)
SET_MULTI(m_update, BIN_OR, 1)
SET_MULTI(m_intersection_update, BIN_AND, 1)
SET_MULTI(m_difference_update, BIN_SUB, 1)
SET_MULTI(m_symmetric_difference_update, BIN_XOR, 1)

static rc_object *subset_check(lx_interp *I, rc_object *const *a, size_t n, int which)
{
    if (lx_check_nargs(I, which == 0 ? "issubset" : which == 1 ? "issuperset" : "isdisjoint", n - 1, 1, 1) < 0)
        return NULL;
    rc_object *other = a[1];
    rc_object *tmp = NULL;
    if (other->type != &lx_set_type && other->type != &lx_frozenset_type) {
        tmp = lx_set_new(I, 0);
        if (!tmp || lx_set_update(I, tmp, other) < 0) {
            rc_xdecref(tmp);
            return NULL;
        }
        other = tmp;
    }
    int r;
    if (which == 2) {
        rc_object *inter = lx_set_binop(I, BIN_AND, a[0], other, 0);
        r = inter ? lx_set_len(inter) == 0 : -1;
        rc_xdecref(inter);
    } else {
        r = which == 0 ? is_subset(I, a[0], other) : is_subset(I, other, a[0]);
    }
    rc_xdecref(tmp);
    return r < 0 ? NULL : rc_bool(r);
}

static rc_object *m_issubset(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return subset_check(I, a, n, 0);
}

static rc_object *m_issuperset(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return subset_check(I, a, n, 1);
}

static rc_object *m_isdisjoint(lx_interp *I, rc_object *const *a, size_t n, rc_object *kw)
{
    (void)kw;
    return subset_check(I, a, n, 2);
}

const lx_func_def lx_set_methods[] = {
    {"add", m_add}, {"discard", m_discard}, {"remove", m_remove}, {"pop", m_pop}, {"clear", m_clear},
    {"copy", m_copy}, {"union", m_union}, {"intersection", m_intersection}, {"difference", m_difference},
    {"symmetric_difference", m_symmetric_difference}, {"update", m_update},
    {"intersection_update", m_intersection_update}, {"difference_update", m_difference_update},
    {"symmetric_difference_update", m_symmetric_difference_update}, {"issubset", m_issubset},
    {"issuperset", m_issuperset}, {"isdisjoint", m_isdisjoint}, {NULL, NULL},
};
