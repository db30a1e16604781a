# Functions: defaults, keyword arguments, *args, **kwargs, returns.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct


print(greet("Ann"), greet("Bo", "Hi"), greet("Cy", punct="?"), greet(punct=".", name="Di"))


def collect(first, *args, **kwargs):
    return first, args, kwargs


print(collect(1))
print(collect(1, 2, 3))
print(collect(1, 2, k="v", z=0))
nums = [4, 5, 6]
print(collect(*nums))
print(collect(0, *nums))
opts = {"a": 1, "b": 2}
print(collect(0, **opts))


def no_return():
    pass


print(no_return(), no_return.__name__)


def multi():
    return 1, "two", [3]


a, b, c = multi()
print(a, b, c)


def default_shared(item, bucket=[]):
    bucket.append(item)
    return bucket


print(default_shared(1), default_shared(2), default_shared(3, []))


for bad in (lambda: greet(), lambda: greet("a", "b", "c", "d"), lambda: greet("a", nope=1),
            lambda: greet("a", name="b")):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)


def recursive_fib(n):
    return n if n < 2 else recursive_fib(n - 1) + recursive_fib(n - 2)


print([recursive_fib(i) for i in range(15)])


def outer_fn():
    def inner_fn(x):
        return x * 2
    return inner_fn(21)


print(outer_fn())
print(callable(greet), callable(5), type(greet).__name__)
f = greet
print(f("alias"), f is greet)


def early(x):
    if x:
        return "early"
    return "late"


print(early(1), early(0))
