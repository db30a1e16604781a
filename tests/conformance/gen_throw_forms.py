# throw(type), throw(type, value), throw(type, tuple), throw(instance), and the errors.
def g():
    while True:
        try:
            yield
        except Exception as e:
            print("caught", type(e).__name__, repr(e), e.args)
it = g(); next(it)
it.throw(ValueError)
it.throw(ValueError("a"))
it.throw(ValueError, "b")
it.throw(ValueError, ("c", 1))
it.throw(ValueError, ValueError("d"))
it.throw(ValueError, None)
it.throw(ValueError, "e", None)
class MyE(Exception):
    def __init__(self, *a):
        print("MyE init", a)
        super().__init__(*a)
it.throw(MyE)
it.throw(MyE, 5)
it.throw(KeyError, MyE("sub"))
for bad in [(1,), ("x",), (ValueError("a"), "b"), (int,)]:
    try:
        it.throw(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    it.throw()
except TypeError as e:
    print("TE", e)
