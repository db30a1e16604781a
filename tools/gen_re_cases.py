#!/usr/bin/env python3
"""gen_re_cases.py — write tests/conformance/re_random.py: a few thousand
(pattern, flags, subject) cases drawn from a small grammar of regular
expressions (literals, classes, escapes, anchors, groups of every kind,
back references, lookarounds, alternation, greedy and lazy quantifiers),
each printing what search/findall/sub/split give, or the re.error it
raises, so that CPython's output (the .out file) checks the interpreter's
re module case by case.

The seed is fixed: the script is the same on every run.  Regenerate the
expectation with tests/conformance/run.sh --regenerate (or python3 on it).
"""
import os
import random

SEED = 20261208
COUNT = 4000
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "conformance",
                   "re_random.py")

LITERALS = ["a", "b", "c", "ab", "1", " ", "A", "\\.", "_", "\u00e9", "\\x41"]
CLASSES = ["[ab]", "[^a]", "[a-c]", "[^\\s]", "[\\d_]", "[b-]", "\\d", "\\w", "\\s", "\\D",
           "\\W", "\\S", ".", "[A-Z]"]
ANCHORS = ["^", "$", "\\b", "\\B", "\\A", "\\Z"]
QUANTS = ["*", "+", "?", "{2}", "{1,2}", "{,2}", "{2,}", "{0}"]
SUBJECT_CHARS = "aabbc1 \n_AB.\u00e9\u00c9\u0661"


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.groups = 0
        self.names = []

    def atom(self, depth):
        r = self.rng.random()
        if r < 0.3:
            return self.rng.choice(LITERALS)
        if r < 0.5:
            return self.rng.choice(CLASSES)
        if r < 0.57:
            return self.rng.choice(ANCHORS)
        if r < 0.62 and self.groups:
            if self.names and self.rng.random() < 0.3:
                return "(?P=%s)" % self.rng.choice(self.names)
            return "\\%d" % self.rng.randrange(1, self.groups + 1)
        if depth > 2:
            return self.rng.choice(LITERALS)
        return self.group(depth)

    def group(self, depth):
        kind = self.rng.randrange(8)
        if kind <= 2:
            self.groups += 1
            return "(" + self.alt(depth + 1) + ")"
        if kind == 3:
            self.groups += 1
            name = "n%d" % self.groups
            self.names.append(name)
            return "(?P<%s>%s)" % (name, self.alt(depth + 1))
        if kind == 4:
            return "(?:" + self.alt(depth + 1) + ")"
        if kind == 5:
            return "(?" + self.rng.choice("=!") + self.alt(depth + 1) + ")"
        if kind == 6:
            return "(?<" + self.rng.choice("=!") + self.rng.choice(LITERALS + ["[ab]", "\\d"]) + ")"
        return "(?i:" + self.alt(depth + 1) + ")"

    def piece(self, depth):
        a = self.atom(depth)
        if self.rng.random() < 0.35:
            a += self.rng.choice(QUANTS)
            if self.rng.random() < 0.3:
                a += "?"
        return a

    def seq(self, depth):
        return "".join(self.piece(depth) for _ in range(self.rng.randrange(1, 4)))

    def alt(self, depth):
        parts = [self.seq(depth)]
        while self.rng.random() < 0.25:
            parts.append(self.seq(depth))
        return "|".join(parts)


def case(rng):
    pattern = Gen(rng).alt(0)
    if rng.random() < 0.03:                       # now and then a broken one
        cut = rng.randrange(len(pattern) + 1)
        pattern = pattern[:cut] + rng.choice(["(", ")", "*", "[", "\\", "{2,1}", "(?P<1>"]) + pattern[cut:]
    flags = rng.choice([0, 0, 0, 2, 8, 16, 10, 64, 256, 258])
    subject = "".join(rng.choice(SUBJECT_CHARS) for _ in range(rng.randrange(0, 9)))
    return pattern, flags, subject


PROLOGUE = '''"""re_random: cases drawn by tools/gen_re_cases.py (do not edit by hand):
search, findall, sub and split of each pattern against its subject, or the
error compiling it raises."""
import re

CASES = [
'''

EPILOGUE = ''']

for pattern, flags, subject in CASES:
    try:
        p = re.compile(pattern, flags)
    except re.error as e:
        print(repr(pattern), "error:", e)
        continue
    m = p.search(subject)
    found = m and (m.span(), m.groups(), m.lastindex)
    print(repr(pattern), flags, repr(subject), found, p.findall(subject),
          repr(p.sub("<\\\\g<0>>", subject)), p.split(subject))
'''


def main():
    rng = random.Random(SEED)
    with open(OUT, "w") as f:
        f.write(PROLOGUE)
        for _ in range(COUNT):
            f.write("    (%r, %d, %r),\n" % case(rng))
        f.write(EPILOGUE)


if __name__ == "__main__":
    main()
