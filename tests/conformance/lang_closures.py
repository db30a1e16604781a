# Closures, nonlocal, global, lambda.
def counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


c1 = counter()
c2 = counter()
print(c1(), c1(), c1(10), c2())


def make_multipliers():
    return [lambda x, n=n: x * n for n in range(1, 4)]


print([m(10) for m in make_multipliers()])

total = 0


def add_to_total(v):
    global total
    total += v
    return total


add_to_total(5)
add_to_total(7)
print(total)


def read_global():
    return total * 2


print(read_global())


def shadow():
    total = "local"
    return total


print(shadow(), total)


def unbound_local():
    try:
        print(total)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    total = 1


unbound_local()


def outer():
    x = "outer x"

    def middle():
        def inner():
            return x
        return inner()

    return middle()


print(outer())


def rebinding():
    value = 1

    def get():
        return value

    value = 2
    return get()


print(rebinding())
square = lambda v: v * v
print(square(7), (lambda a, b=2: a + b)(1), (lambda *a: len(a))(1, 2, 3))
compose = lambda f, g: lambda x: f(g(x))
print(compose(square, lambda v: v + 1)(3))


def accumulator():
    items = []

    def add(x):
        items.append(x)
        return list(items)

    return add


acc = accumulator()
acc(1)
print(acc(2))


def nested_nonlocal():
    a = 0

    def level1():
        def level2():
            nonlocal a
            a += 1
        level2()
        level2()

    level1()
    return a


print(nested_nonlocal())
