# a delegate's except block resumes the delegating generator while throw() passes through it
def inner():
    try:
        yield 1
    except KeyError:
        try:
            g.send(None)
        except ValueError as e:
            print("VE", e)
        yield 2
    yield 3

def outer():
    r = yield from inner()
    print("outer got", r)
    yield 4

g = outer()
print(next(g))
print(g.throw(KeyError))
print(list(g))
