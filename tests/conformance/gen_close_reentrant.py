# close() of a delegating generator: the delegate's finally resumes the delegating generator
def inner():
    try:
        yield 1
    finally:
        try:
            print("resumed outer:", next(g))
        except ValueError as e:
            print("VE", e)
def outer():
    yield from inner()
    yield "outer continues"
g = outer()
next(g)
g.close()
print("closed")
