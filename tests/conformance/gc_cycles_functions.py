# Cycles through bound methods, closures, functions and classes.
import gc

gc.disable()
gc.collect()


class Widget:
    def handler(self):
        return self


w = Widget()
w.callback = w.handler
del w
print("instance holding its own bound method:", gc.collect())


def make_recursive():
    def again(n):
        return n if n <= 0 else again(n - 1)
    return again


f = make_recursive()
print("recursive closure works:", f(3))
del f
print("recursive closure (function, cell, closure tuple):", gc.collect())


def make_counter():
    count = [0]

    def inc():
        count[0] += 1
        return count[0]

    count.append(inc)
    return inc


inc = make_counter()
inc()
del inc
print("closure whose cell list holds the function:", gc.collect())


def plain():
    return 1


plain.me = plain
del plain
print("function with an attribute pointing at itself:", gc.collect())


class Local:
    pass


Local.cls = Local
print("class is referenced by name; nothing to collect:", gc.collect())
