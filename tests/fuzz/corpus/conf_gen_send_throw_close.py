# send, throw and close; finally blocks and GeneratorExit.
def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total

a = accumulator()
print(next(a))
print(a.send(5))
print(a.send(7))
try:
    a.send(None)
except StopIteration as e:
    print("returned", e.value)

try:
    accumulator().send(1)
except TypeError as e:
    print("TypeError:", e)

def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught", e)
        yield "recovered"
    finally:
        print("finally")

g = guarded()
print(next(g))
print(g.throw(ValueError("boom")))
try:
    next(g)
except StopIteration:
    print("stopped")

g = guarded()
print(next(g))
g.close()
print("closed; next gives", next(g, "nothing"))

g = guarded()
try:
    g.throw(KeyError("never started"))
except KeyError as e:
    print("KeyError before start:", e)
print(list(g))

def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("ignoring GeneratorExit")
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
c = catches_exit()
next(c)
c.close()
c.close()
print("twice closed")

def handler_state():
    try:
        raise KeyError("inner")
    except KeyError:
        yield "in handler"
        print("still handling")
h = handler_state()
print(next(h))
try:
    raise ValueError("outer")
except ValueError:
    print(next(h, "done"))
