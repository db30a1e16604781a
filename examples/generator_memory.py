# A generator makes one item at a time: sum() of a generator expression
# keeps one number alive, sum() of a list comprehension keeps them all.
# Run it under reclaim or python3; memory.peak_rss() is reclaim's (on
# python3 the figures print as "n/a").
import sys
try:
    import memory
    peak = memory.peak_rss
except ImportError:
    peak = None

N = 3_000_000


def mib(n):
    return "n/a" if n is None else "%.1f MiB" % (n / 2**20)


before = peak() if peak else None
total = sum(x * x for x in range(N))
after_gen = peak() if peak else None
print("sum of a generator:", total, "peak grew by", mib(after_gen - before if peak else None))

total = sum([x * x for x in range(N)])
after_list = peak() if peak else None
print("sum of a list:     ", total, "peak grew by", mib(after_list - after_gen if peak else None))

squares = (x * x for x in range(N))
print("a generator object is small:", type(squares).__name__, "of", sys.getsizeof(squares), "bytes")
