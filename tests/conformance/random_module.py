# The random module: for a given integer (or float) seed, the same
# numbers as CPython 3.11, through every function that draws from the
# Mersenne Twister; its state round trip; its errors.
import random
from random import randint, Random

random.seed(42)
print(random.random(), random.random())
print([randint(1, 6) for _ in range(20)])
print(random.randrange(10), random.randrange(5, 100, 7), random.randrange(100, 0, -3))
print(random.randrange(-50, -10), random.randrange(0, 1))
print(random.getrandbits(0), random.getrandbits(1), random.getrandbits(31), random.getrandbits(32))
print(random.getrandbits(33), random.getrandbits(40), random.getrandbits(63))

xs = list(range(20))
random.shuffle(xs)
print(xs)
words = ["apple", "pear", "fig", "plum"]
random.shuffle(words)
print(words)
print(random.choice("abcdef"), random.choice([1, 2, 3]), random.choice(range(1000)), random.choice((4, 5)))

# sample: the pool path (small populations) and the rejection path
print(random.sample(range(100), 10))
print(random.sample(range(10**9), 5))
print(random.sample(["a", "b", "c", "d"], 4))
print(random.sample("hello world", 3), random.sample((1, 2, 3), 0))
print(random.sample(range(50), k=50) == list(range(50)), sorted(random.sample(range(50), k=50)) == list(range(50)))
print(random.sample(range(10000), 200)[:8])

print(random.choices("abc", k=5), random.choices([10, 20], k=0))
print(random.choices("abc", weights=[1, 5, 10], k=5))
print(random.choices("abc", [0, 0, 1], k=3))
print(random.choices("abc", cum_weights=[1, 6, 16], k=5))
print(random.choices(range(6)))

print(random.uniform(1, 10), random.uniform(5, -5))
print(random.triangular(), random.triangular(0, 10, 2), random.triangular(3, 3, 3))
print(random.gauss(0, 1), random.gauss(0, 1), random.gauss(5, 2), random.gauss())
print(random.normalvariate(0, 1), random.normalvariate(), random.lognormvariate(0, 1))
print(random.expovariate(2), random.expovariate(0.5))
print(random.randbytes(0), random.randbytes(1), random.randbytes(7), random.randbytes(9))

# the state: getstate, setstate, and a gauss value kept across it
random.gauss(0, 1)
st = random.getstate()
a = [random.random() for _ in range(3)] + [random.gauss(0, 1)]
random.setstate(st)
b = [random.random() for _ in range(3)] + [random.gauss(0, 1)]
print(a == b, len(st), st[0], len(st[1]), type(st[2]).__name__)

# generators of their own, independent of the module's
r1, r2 = Random(12345), Random(12345)
print(r1.random() == r2.random(), r1.randint(0, 100), r2.randint(0, 100))
random.seed(12345)
print(random.random() == Random(12345).random())
r3 = Random()
print(0.0 <= r3.random() < 1.0)
r3.seed(99)
print(r3.random(), r3.choice("xyz"))

# seeds: negative, wide, bool, floats (CPython seeds with the float's hash)
for s in [-7, 2**40 + 3, 2**62 - 1 + 2**62, -2**62 * 2, True, False, 0, 1.5, -2.5, 0.1, 1e300, -1e-300, 3.0, float("inf")]:
    random.seed(s)
    print(s, random.random())
random.seed(a=5)
x = random.random()
random.seed(5, version=2)
print(x == random.random())
random.seed()
print(0.0 <= random.random() < 1.0)

def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

show(lambda: random.choice([]))
show(lambda: random.choice(""))
show(lambda: random.randrange(0))
show(lambda: random.randrange(-3))
show(lambda: random.randrange(5, 5))
show(lambda: random.randrange(10, 0))
show(lambda: random.randrange(1, 10, 0))
show(lambda: random.randrange(0, 10, -1))
show(lambda: random.randrange(5, None, 2))
show(lambda: random.randint(3, 1))
show(lambda: random.sample({1, 2}, 1))
show(lambda: random.sample({1: 2}, 1))
show(lambda: random.sample([1], 2))
show(lambda: random.sample([1], -1))
show(lambda: random.seed([1]))
show(lambda: random.seed({}))
show(lambda: random.getrandbits(-1))
show(lambda: random.getrandbits("8"))
show(lambda: random.choices("ab", [0, 0]))
show(lambda: random.choices("ab", 2))
show(lambda: random.choices("ab", [1, 2], cum_weights=[1, 3]))
show(lambda: random.choices("ab", [1, 2, 3]))
show(lambda: random.choices("ab", [1, float("inf")]))
show(lambda: random.expovariate(0))
show(lambda: random.setstate((2, (), None)))
show(lambda: random.setstate((1, (), None)))
show(lambda: random.randbytes(-1))
