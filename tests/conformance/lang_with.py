# with: __enter__/__exit__, the `as` value, exceptions, suppression.
class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress


with Managed("a") as value:
    print("body sees", value)
with Managed("b"):
    print("no as clause")
try:
    with Managed("c"):
        raise ValueError("inside c")
except ValueError as e:
    print("propagated:", e)
with Managed("d", suppress=True):
    raise KeyError("swallowed")
print("after suppression")


def early_return():
    with Managed("e"):
        return "returned from with"


print(early_return())
for i in range(3):
    with Managed("loop%d" % i):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
with Managed("outer") as o, Managed("inner") as n:
    print("two managers:", o, n)


class Resource:
    def __init__(self):
        self.open = False

    def __enter__(self):
        self.open = True
        return self

    def __exit__(self, *args):
        self.open = False


with Resource() as r:
    print("open inside:", r.open)
print("closed after:", r.open)
try:
    with 5:
        pass
except (TypeError, AttributeError) as e:
    print("not a context manager:", type(e).__name__)
