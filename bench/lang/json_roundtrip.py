# json_roundtrip.py — JSON encoding and decoding of a large document, written
# for the `lang` section of bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 json_roundtrip.py [MB] [ROUNDS]   (reclaim json_roundtrip.py ...)
#
# Builds a document of about MB megabytes of JSON text (10 by default):
# a dict of "shards", each a list of records (dicts) holding strings (some
# with escapes and non-ASCII characters), ints, floats, bools, None and
# small nested lists and dicts.  Every value comes from a linear
# congruential generator with a fixed seed, so the document is the same
# under any interpreter.  Then ROUNDS times (3 by default): dumps, loads,
# and a check that what came back equals the document; the first round also
# round-trips the indented text with sorted keys (CPython encodes with indent
# in pure Python, so that part is slower there).  Prints the text sizes and
# a checksum of the texts' characters; the time goes to dumps and loads (and
# to building the document once).  Imports only json and sys.
import json
import sys

MODULUS = 1000000007
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
         "iota", "kappa", "lambda", "mu", "caf\u00e9", "na\u00efve", "\u00fcber",
         "line\nbreak", "tab\there", "quote\"d", "back\\slash", "\u20ac uro"]


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return self.state % bound


def make_record(rng, i):
    words = [WORDS[rng.next(len(WORDS))] for _ in range(rng.next(4) + 1)]
    return {
        "id": i,
        "name": " ".join(words),
        "score": rng.next(1000000) / 1000.0,
        "ratio": rng.next(1 << 30) / (1 << 30),
        "count": rng.next(100000) - 50000,
        "active": rng.next(2) == 1,
        "parent": None if rng.next(3) == 0 else rng.next(i + 1),
        "tags": [WORDS[rng.next(len(WORDS))] for _ in range(rng.next(5))],
        "point": {"x": rng.next(2001) - 1000, "y": rng.next(2001) / 7.0, "z": [rng.next(10), 0.5]},
    }


def make_document(megabytes):
    rng = Lcg(20240611)
    records = megabytes * 1000000 // 235      # a record is about 235 characters of JSON
    shards = {}
    per_shard = 1000
    for start in range(0, records, per_shard):
        shards["shard%05d" % (start // per_shard)] = [
            make_record(rng, i) for i in range(start, min(start + per_shard, records))]
    return {"version": 1, "title": "benchmark \u2014 json", "shards": shards}


def checksum(text):
    # the characters at a fixed stride, so the check costs little
    c = len(text)
    for k in range(0, len(text), 997):
        c = (c * 31 + ord(text[k])) % MODULUS
    return c


def main():
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    doc = make_document(megabytes)
    for r in range(rounds):
        compact = json.dumps(doc)
        same = json.loads(compact) == doc
        line = ["round", r, "compact", len(compact), "checksum", checksum(compact)]
        if r == 0:
            pretty = json.dumps(doc, indent=2, sort_keys=True)
            same = same and json.loads(pretty) == doc
            line += ["indented", len(pretty), "checksum", checksum(pretty)]
        print(*line, "equal", same)
        if not same:
            sys.exit(1)

main()
