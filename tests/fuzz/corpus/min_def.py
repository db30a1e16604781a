def f(a, b=2, *c, **d):
    return a, b, c, d
print(f(1), f(1, 3, 4, k=5))
