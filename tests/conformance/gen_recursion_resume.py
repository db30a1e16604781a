# a suspended generator resumed at the recursion limit (run_frame's enter_call fails)
def gen():
    for i in range(3):
        yield [i]
g = gen()
print(next(g))
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
