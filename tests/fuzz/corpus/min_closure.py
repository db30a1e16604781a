def outer():
    v = 0
    def inner():
        nonlocal v
        v += 1
        return v
    return inner
f = outer()
f()
print(f(), (lambda q: q * 2)(4))
