# itertools: every function, laziness, exhaustion, errors, and iterators in cycles.
import gc
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress,
                       count, cycle, dropwhile, filterfalse, groupby, islice, pairwise, permutations,
                       product, repeat, starmap, takewhile, tee, zip_longest)


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


print("-- count")
print(list(islice(count(), 5)))
print(list(islice(count(10, 3), 4)))
print(list(islice(count(2.5, 0.5), 4)))
print(list(islice(count(1, -1), 3)))
c = count(5)
print(next(c), next(c), repr(c))
print(repr(count()), repr(count(1, 2)), repr(count(1.0)), repr(count(1, 1.0)))
print(list(islice(count(start=3, step=2), 3)))
attempt(lambda: count('a'))
attempt(lambda: count(1, 'a'))
attempt(lambda: count(1, 2, 3))
attempt(lambda: count(x=3))

print("-- cycle")
print(list(islice(cycle('abc'), 8)))
print(list(cycle([])))
cy = cycle(iter([1, 2]))
print([next(cy) for _ in range(5)])
attempt(lambda: cycle())
attempt(lambda: cycle(1))
attempt(lambda: cycle([1], x=1))

print("-- repeat")
print(list(repeat('x', 3)), list(repeat(1, 0)), list(repeat(1, -2)))
print(list(islice(repeat(7), 4)))
r = repeat('a', 3)
print(repr(r), next(r), repr(r))
print(repr(repeat('a')), repr(repeat([1, 2], times=2)), repr(repeat('a', -3)))
print(list(map(pow, range(5), repeat(2))))
attempt(lambda: repeat())
attempt(lambda: repeat(1, 'a'))
attempt(lambda: repeat(1, times=2, x=3))

print("-- accumulate")
print(list(accumulate([1, 2, 3, 4])))
print(list(accumulate([1, 2, 3, 4], lambda a, b: a * b)))
print(list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2], initial=100)))
print(list(accumulate([], initial=5)), list(accumulate([])))
print(list(accumulate(['a', 'b', 'c'])))
print(list(accumulate([1, 2, 3], None, initial=None)))
attempt(lambda: accumulate())
attempt(lambda: accumulate([], None, 3))
attempt(lambda: accumulate([], x=3))
attempt(lambda: list(accumulate([1, 'a'])))

print("-- chain")
print(list(chain('ab', [1, 2], (), range(3))))
print(list(chain()), list(chain.from_iterable(['ab', 'cd'])))
print(list(islice(chain.from_iterable(repeat('xy')), 5)))
ch = chain([1], 1)
print(next(ch))
attempt(lambda: next(ch))
attempt(lambda: chain(x=1))
attempt(lambda: chain.from_iterable())
print(repr(chain))

print("-- compress / dropwhile / takewhile / filterfalse")
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
print(list(compress('ABC', [1, 1])), list(compress(range(10), cycle([0, 1]))))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(takewhile(lambda x: x * x < 50, count())))
print(list(filterfalse(lambda x: x % 2, range(10))))
print(list(filterfalse(None, [0, 1, '', 'a', None, [], [0]])))
attempt(lambda: compress([1]))
attempt(lambda: dropwhile(None))
attempt(lambda: list(takewhile(None, [1])))
attempt(lambda: filterfalse(None))
tw = takewhile(lambda x: x < 2, [1, 2, 1])
print(list(tw), list(tw))

print("-- groupby")
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in groupby([1, 3, 2, 4, 5, 7], key=lambda x: x % 2)])
gb = groupby('aabbc')
k1, g1 = next(gb)
k2, g2 = next(gb)
print(k1, list(g1), k2, list(g2))
gb = groupby('aaab')
k, g = next(gb)
print(k, next(g))
print(next(gb)[0], list(g))
print(list(groupby([])))
print(type(next(groupby([1]))[1]).__name__)
attempt(lambda: groupby())
attempt(lambda: groupby([], x=1))

print("-- islice")
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)))
print(list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)))
print(list(islice(range(10), 1, 8, 3)), list(islice(range(3), 10)), list(islice([], 2)))
print(list(islice(count(100), 3, 9, 2)), list(islice(count(), None, 4)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
print(list(islice(range(5), 0)))
attempt(lambda: islice([1]))
attempt(lambda: islice([1], 1, 2, 3, 4))
attempt(lambda: islice([1], -1))
attempt(lambda: islice([1], 'a'))
attempt(lambda: islice([1], -1, 3))
attempt(lambda: islice([1], 1, -3))
attempt(lambda: islice([1], 1, 3, 0))
attempt(lambda: islice([1], 1, 3, -1))
attempt(lambda: islice([1], stop=3))
attempt(lambda: islice(3, 3))

print("-- starmap / pairwise")
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(starmap(lambda *a: sum(a), [[1, 2, 3], (4,), ()])))
print(list(pairwise('ABCDE')), list(pairwise('A')), list(pairwise([])))
print(list(islice(pairwise(count()), 3)))
attempt(lambda: starmap(pow))
attempt(lambda: list(starmap(pow, [1])))
attempt(lambda: pairwise())
attempt(lambda: pairwise(1))

print("-- tee")
a, b = tee([1, 2, 3])
print(next(a), next(a), list(b), list(a))
t3 = tee(range(100), 3)
print(len(t3), [list(t)[-1] for t in t3])
print(tee([1], 0))
x, y = tee(count())
print([next(x) for _ in range(40)][-1], next(y))
p, q = tee(iter('ab'))
p2, p3 = tee(p)
print(list(p2), list(p3), list(q))
print(list(p.__copy__()))
attempt(lambda: tee([], -1))
attempt(lambda: tee([], 'a'))
attempt(lambda: tee())

print("-- zip_longest")
print(list(zip_longest('ABCD', 'xy', fillvalue='-')))
print(list(zip_longest('AB', [1, 2, 3])), list(zip_longest()), list(zip_longest([], [])))
print(list(islice(zip_longest(count(), 'ab'), 4)))
attempt(lambda: zip_longest(1))
attempt(lambda: zip_longest([], x=1))

print("-- product")
print(list(product('AB', 'xy')))
print(list(product(range(2), repeat=3)))
print(list(product()), list(product('ab', [])), list(product('ab', repeat=0)))
print(len(list(product('abc', range(4), 'de'))))
attempt(lambda: product(1))
attempt(lambda: product([], repeat=-1))
attempt(lambda: product([], x=1))
attempt(lambda: product([], repeat='a'))

print("-- permutations / combinations")
print(list(permutations('ABC')))
print(list(permutations(range(4), 2)))
print(list(permutations('AB', 3)), list(permutations('AB', 0)), list(permutations([])))
print(list(combinations('ABCD', 2)))
print(list(combinations(range(4), 3)), list(combinations('AB', 3)), list(combinations('AB', 0)))
print(list(combinations_with_replacement('ABC', 2)))
print(list(combinations_with_replacement([], 2)), list(combinations_with_replacement([], 0)))
print(len(list(permutations(range(6)))), len(list(combinations(range(10), 4))))
attempt(lambda: permutations([], -1))
attempt(lambda: permutations([], 'a'))
attempt(lambda: permutations())
attempt(lambda: combinations([]))
attempt(lambda: combinations([], -1))
attempt(lambda: combinations('ab', 'x'))
attempt(lambda: combinations_with_replacement([], -1))
attempt(lambda: combinations_with_replacement([]))

print("-- type names")
print([type(x).__name__ for x in (
    count(), cycle([]), repeat(1), accumulate([]), chain(), chain.from_iterable([]),
    compress([], []), dropwhile(None, []), takewhile(None, []), filterfalse(None, []),
    groupby([]), islice([], 1), starmap(None, []), tee([])[0], zip_longest(), pairwise([]),
    product(), permutations([]), combinations([], 1), combinations_with_replacement([], 1))])
print(iter(c) is c, iter(tw) is tw)

print("-- cycles are collected")
gc.collect()
class Probe:
    pass
def weak_probe_collected(make):
    import weakref
    p = Probe()
    w = weakref.ref(p)
    make(p)
    del p
    gc.collect()
    return w() is None
def self_cycle(p):
    l = [p]
    l.append(cycle(l))
    next(l[1])
def chained(p):
    l = [p]
    l.append(chain(l, [1]))
def grouped(p):
    l = [p, 1]
    g = groupby(l)
    l.append(g)
    l.append(next(g))
def teed(p):
    l = [p]
    a, b = tee(l)
    l.append(a)
    next(a)
def acc(p):
    d = {'p': p}
    d['it'] = accumulate([d, d], lambda x, y: x)
    next(d['it'])
for make in (self_cycle, chained, grouped, teed, acc):
    print(make.__name__, weak_probe_collected(make))
