/*
 * lang/uninames.c — Unicode character names: the name of a code point and
 * the code point of a name, for "\N{...}" escapes and the unicodedata
 * module, from the tables of lang/uninames.h (Unicode 14.0.0, CPython
 * 3.11's version).
 *
 * Three kinds of names:
 *   - listed names, sorted, each a run of word tokens (uninames.h says
 *     how they are packed): a lookup is a binary search that decodes the
 *     names it compares, the reverse a binary search of uninames_by_code;
 *   - names that end in the code point ("CJK UNIFIED IDEOGRAPH-4E00"): a
 *     prefix and a range;
 *   - Hangul syllables, composed of the jamo short names (Unicode 3.12).
 * Lookups ignore ASCII case as CPython's do, except where CPython builds
 * the name by rule: "CJK UNIFIED IDEOGRAPH-XXXX" and "HANGUL SYLLABLE
 * ..." must be upper case.  Name aliases and named sequences are not included.
 */
#include "methods_util.h"
#include "uninames.h"

#include <string.h>

#define NAME_MAX_LEN 128

static const char *const jamo_l[] = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S",
                                     "SS", "", "J", "JJ", "C", "K", "T", "P", "H"};
static const char *const jamo_v[] = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE",
                                     "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
static const char *const jamo_t[] = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG",
                                     "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S",
                                     "SS", "NG", "J", "C", "K", "T", "P", "H"};
#define HANGUL_FIRST 0xAC00u
#define HANGUL_COUNT (19u * 21u * 28u)
static const char hangul_prefix[] = "HANGUL SYLLABLE ";

/* Listed name number i, written into buf (NUL-terminated); its length. */
static size_t listed_name(uint32_t i, char *buf)
{
    static const char seps[] = {0, ' ', '-'};
    size_t n = 0;
    for (uint32_t t = uninames_start[i];; t++) {
        unsigned tok = uninames_tokens[t], word = tok & 0x3FFFu, sep = tok >> 14;
        size_t len = uninames_word_off[word + 1] - uninames_word_off[word];
        memcpy(buf + n, uninames_word_text + uninames_word_off[word], len);
        n += len;
        if (!sep)
            break;
        buf[n++] = seps[sep];
    }
    buf[n] = 0;
    return n;
}

static int find_listed(const char *name, uint32_t *cp)
{
    char buf[NAME_MAX_LEN];
    uint32_t lo = 0, hi = UNINAMES_COUNT;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        listed_name(mid, buf);
        int c = strcmp(name, buf);
        if (c == 0) {
            *cp = uninames_code[mid];
            return 1;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* A name that ends in its code point: prefix and digits as given. */
static int find_ranged(const char *name, uint32_t *cp)
{
    for (unsigned r = 0; r < UNINAMES_RANGES; r++) {
        const char *prefix = uninames_prefixes[uninames_ranges[r].prefix];
        size_t plen = strlen(prefix), digits = strlen(name) - plen;
        if (strncmp(name, prefix, plen) != 0 || digits < 4 || digits > 5)
            continue;
        uint32_t v = 0;
        for (const char *h = name + plen; *h; h++) {
            if (!((*h >= '0' && *h <= '9') || (*h >= 'A' && *h <= 'F')))
                return 0;
            v = v * 16 + (uint32_t)(*h <= '9' ? *h - '0' : *h - 'A' + 10);
        }
        if (v >= uninames_ranges[r].first && v <= uninames_ranges[r].last) {
            *cp = v;
            return 1;
        }
    }
    return 0;
}

/* Append text at buf + n; the new length. */
static size_t append(char *buf, size_t n, const char *text)
{
    size_t len = strlen(text);
    memcpy(buf + n, text, len + 1);
    return n + len;
}

static size_t hangul_name(uint32_t cp, char *buf)
{
    uint32_t s = cp - HANGUL_FIRST;
    size_t n = append(buf, 0, hangul_prefix);
    n = append(buf, n, jamo_l[s / (21 * 28)]);
    n = append(buf, n, jamo_v[(s / 28) % 21]);
    return append(buf, n, jamo_t[s % 28]);
}

/* The index of the jamo in table (count entries) that `rest` starts with,
 * trying from index `from`; -1 when none. */
static int jamo_prefix(const char *const *table, int count, int from, const char *rest)
{
    for (int i = from; i < count; i++)
        if (strncmp(rest, table[i], strlen(table[i])) == 0)
            return i;
    return -1;
}

/* As CPython: the whole name upper case.  Short names are ambiguous as
 * prefixes ("G"/"GG", "A"/"AE"), so every split is tried. */
static int find_hangul(const char *name, uint32_t *cp)
{
    const size_t plen = sizeof hangul_prefix - 1;
    if (strncmp(name, hangul_prefix, plen) != 0)
        return 0;
    const char *rest = name + plen;
    for (int l = jamo_prefix(jamo_l, 19, 0, rest); l >= 0; l = jamo_prefix(jamo_l, 19, l + 1, rest)) {
        const char *after_l = rest + strlen(jamo_l[l]);
        for (int v = jamo_prefix(jamo_v, 21, 0, after_l); v >= 0; v = jamo_prefix(jamo_v, 21, v + 1, after_l)) {
            const char *after_v = after_l + strlen(jamo_v[v]);
            for (int t = 0; t < 28; t++)
                if (strcmp(after_v, jamo_t[t]) == 0) {
                    *cp = HANGUL_FIRST + (uint32_t)((l * 21 + v) * 28 + t);
                    return 1;
                }
        }
    }
    return 0;
}

/* prefix, then cp as at least four upper-case hex digits. */
static size_t ranged_name(const char *prefix, uint32_t cp, char *buf)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = append(buf, 0, prefix);
    int digits = cp > 0xFFFFu ? (cp > 0xFFFFFu ? 6 : 5) : 4;
    for (int d = digits - 1; d >= 0; d--)
        buf[n++] = hex[(cp >> (4 * d)) & 0xFu];
    buf[n] = 0;
    return n;
}

int lx_unicode_lookup(const char *name, size_t n, uint32_t *cp)
{
    char given[NAME_MAX_LEN], upper[NAME_MAX_LEN];
    if (n == 0 || n >= sizeof upper)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c == 0 || c >= 0x80)
            return 0;
        given[i] = (char)c;
        upper[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    given[n] = upper[n] = 0;
    /* CPython builds only the CJK unified ideographs' names by rule (their
     * prefix and digits must be upper case); the other ranged names it
     * lists, so they match in any case */
    int unified = !strncmp(upper, "CJK UNIFIED IDEOGRAPH-", 22);
    return find_listed(upper, cp) || find_ranged(unified ? given : upper, cp) || find_hangul(given, cp);
}

size_t lx_unicode_name(uint32_t cp, char *buf, size_t cap)
{
    char name[NAME_MAX_LEN];
    size_t n = 0;
    if (cp >= HANGUL_FIRST && cp < HANGUL_FIRST + HANGUL_COUNT)
        n = hangul_name(cp, name);
    for (unsigned r = 0; !n && r < UNINAMES_RANGES; r++)
        if (cp >= uninames_ranges[r].first && cp <= uninames_ranges[r].last)
            n = ranged_name(uninames_prefixes[uninames_ranges[r].prefix], cp, name);
    uint32_t lo = 0, hi = UNINAMES_PRIMARY;
    while (!n && lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, at = uninames_by_code[mid];
        if (uninames_code[at] == cp)
            n = listed_name(at, name);
        else if (uninames_code[at] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!n || n >= cap)
        return 0;
    memcpy(buf, name, n + 1);
    return n;
}
