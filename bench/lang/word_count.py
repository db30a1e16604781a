# word_count.py — word frequencies of a large text file in the collections /
# itertools style, written for the `lang` section of bench/run.sh (reclaim's
# interpreter vs python3).
#
# Usage: python3 word_count.py [MB]   (reclaim word_count.py ...)
#
# Writes a text file of about MB megabytes (50 by default) to
# /tmp/reclaim_wordcount_<pid>.txt: words drawn from a fixed vocabulary of
# made-up words with a Zipf-like distribution (the word of rank r is drawn
# about 1/r as often as the most frequent one), on lines of 0 to 24 words.
# Every draw comes from a linear congruential generator with a fixed seed,
# so the file is the same under any interpreter.  Then reads it back twice:
#   - a collections.Counter updated line by line with line.split();
#   - a Counter over itertools.chain.from_iterable(line.split() for line in f),
#     which must equal the first;
# and reports most_common(20), a defaultdict(list) of the distinct words by
# length, itertools.groupby over the sorted (word, count) items by first
# letter, and itertools.islice windows of the ranking.  The file is removed
# at the end.  Imports only collections, itertools, os and sys.
import collections
import itertools
import os
import sys

SYLLABLES = ["ka", "lo", "mi", "ren", "to", "sa", "vi", "del", "qu", "an", "ber", "ox",
             "ti", "nu", "gro", "el", "pha", "zy", "mon", "ir", "cal", "we", "sto", "ju"]
VOCABULARY_SIZE = 3000
TOP_WEIGHT = 3000           # draws of the most frequent word per sampling table
LINES_PER_WRITE = 2000


def next_state(state):
    return (state * 1103515245 + 12345) & 0x7FFFFFFF


def make_vocabulary(state):
    """VOCABULARY_SIZE distinct words of 1 to 4 syllables, most frequent first."""
    words = []
    seen = set()
    while len(words) < VOCABULARY_SIZE:
        state = next_state(state)
        parts = []
        for _ in range(1 + (state >> 16) % 4):
            state = next_state(state)
            parts.append(SYLLABLES[(state >> 16) % len(SYLLABLES)])
        word = "".join(parts)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, state


def make_sampling_table(words):
    """Each word repeated about TOP_WEIGHT / rank times: a uniform index into
    the table draws words with a Zipf-like distribution."""
    table = []
    for rank, word in enumerate(words, 1):
        table.extend([word] * max(1, TOP_WEIGHT // rank))
    return table


def write_text(path, megabytes):
    """Writes about megabytes MB of lines; returns (lines, words, characters)."""
    words, state = make_vocabulary(20240611)
    table = make_sampling_table(words)
    size = len(table)
    target = megabytes * 1000000
    written = lines_written = words_written = 0
    with open(path, "w") as f:
        while written < target:
            block = []
            for _ in range(LINES_PER_WRITE):
                state = next_state(state)
                length = (state >> 16) % 25
                line = []
                for _ in range(length):
                    state = next_state(state)
                    line.append(table[(state >> 8) % size])
                words_written += length
                block.append(" ".join(line))
            text = "\n".join(block) + "\n"
            f.write(text)
            written += len(text)
            lines_written += LINES_PER_WRITE
    return lines_written, words_written, written


def count_by_line(path):
    counts = collections.Counter()
    lines = 0
    longest = 0
    with open(path) as f:
        for line in f:
            lines += 1
            words = line.split()
            if len(words) > longest:
                longest = len(words)
            counts.update(words)
    return counts, lines, longest


def count_chained(path):
    with open(path) as f:
        return collections.Counter(itertools.chain.from_iterable(line.split() for line in f))


def report(counts):
    print("distinct words", len(counts))
    print("total words", sum(counts.values()))
    print("most common:")
    for rank, (word, count) in enumerate(counts.most_common(20), 1):
        print("  %2d %-12s %d" % (rank, word, count))

    by_length = collections.defaultdict(list)
    for word in counts:
        by_length[len(word)].append(word)
    print("by length (distinct, occurrences, first alphabetically):")
    for length in sorted(by_length):
        group = by_length[length]
        occurrences = sum(counts[w] for w in group)
        print("  %2d %5d %9d %s" % (length, len(group), occurrences, min(group)))

    print("by first letter (distinct, occurrences, most frequent):")
    items = sorted(counts.items())
    for letter, group in itertools.groupby(items, key=lambda item: item[0][0]):
        group = list(group)
        top = max(group, key=lambda item: item[1])
        print("  %s %5d %9d %s" % (letter, len(group), sum(c for _, c in group), top[0]))

    ranking = counts.most_common()
    print("ranks 100-104:", list(itertools.islice(ranking, 100, 105)))
    print("every 500th rank:", [w for w, _ in itertools.islice(ranking, 0, None, 500)])
    print("rarest:", list(itertools.islice(reversed(ranking), 5)))


def main():
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    path = "/tmp/reclaim_wordcount_%d.txt" % os.getpid()
    try:
        lines, words, chars = write_text(path, megabytes)
        print("wrote %d lines, %d words, %d characters" % (lines, words, chars))
        counts, lines_read, longest = count_by_line(path)
        print("read %d lines, longest %d words" % (lines_read, longest))
        chained = count_chained(path)
        print("chained count equal:", chained == counts)
        report(counts)
    finally:
        try:
            os.remove(path)
        except OSError:
            pass


main()
