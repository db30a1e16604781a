# a generator's first run fails at the recursion limit; it is resumed later
def make():
    captured = "free variable"
    def gen(arg):
        yield arg, captured
    return gen
g = make()("argument")
def f(n):
    if n == 0:
        return next(g)
    return f(n - 1)
for n in range(5000, 0, -1):
    try:
        f(n)
        break
    except RecursionError:
        pass
    except StopIteration:
        print("StopIteration")
        break
try:
    print(list(g))
except Exception as e:
    print(type(e).__name__, e)
