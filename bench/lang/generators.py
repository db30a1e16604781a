# generators.py — a generator pipeline for the `lang` section of
# bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 generators.py [N]            (reclaim generators.py [N])
#
# A log-processing pipeline of the kind generator tutorials build: a source
# generator makes N synthetic records (a tuple of a status, a size and a
# path), stages filter, transform and group them lazily (generator
# functions, generator expressions, `yield from` over per-group
# sub-generators, `send` to a running aggregator), and sums fold the
# results into a checksum modulo a prime.  Nothing holds more than a few
# records at a time: peak memory must stay flat in N, and the time is the
# interpreter's cost of suspending and resuming frames.  The output (the
# checksums) must be the same under any interpreter.
import sys

MODULUS = 1000000007
PATHS = ["/index.html", "/api/items", "/static/app.js", "/api/users", "/img/logo.png"]


def records(n):
    seed = 12345
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        status = 200 if seed % 10 < 8 else (404 if seed % 10 == 8 else 500)
        yield status, seed % 5000, PATHS[seed % len(PATHS)]


def ok_only(recs):
    for status, size, path in recs:
        if status == 200:
            yield size, path


def api_sizes(recs):
    return (size * 2 for size, path in recs if path.startswith("/api"))


def chunks(values, k):
    chunk = []
    for v in values:
        chunk.append(v)
        if len(chunk) == k:
            yield from chunk_sums(chunk)
            chunk = []
    if chunk:
        yield from chunk_sums(chunk)


def chunk_sums(chunk):
    total = 0
    for v in chunk:
        total += v
    yield total


def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            return total, count
        total += value
        count += 1
        avg = total // count


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    check = 0
    for s in chunks(api_sizes(ok_only(records(n))), 16):
        check = (check * 31 + s) % MODULUS
    errors = sum(1 for status, size, path in records(n) if status >= 500)
    avg = averager()
    next(avg)
    last = 0
    for size, path in ok_only(records(n // 2)):
        last = avg.send(size)
    try:
        avg.send(None)
    except StopIteration as stop:
        total, count = stop.value
    print("checksum", check, "errors", errors, "average", last, "count", count, "total", total % MODULUS)


main()
