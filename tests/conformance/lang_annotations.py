# __annotations__ of functions, classes and the module, evaluated at
# definition time (CPython 3.11's default).
def area(width: float, height: float = 1.0, *, unit: str = "m") -> float:
    return width * height


def plain(x, y):
    return x + y


print(area.__annotations__)
print(plain.__annotations__)


class Point:
    x: int
    y: int = 0
    label: "str" = "origin"

    def move(self, dx: int) -> "Point":
        return self


print(Point.__annotations__)
print(Point.move.__annotations__)
print(hasattr(Point, "x"), Point.y)

count: int = 3
total: float
print(__annotations__)


def local_ones():
    inner: int = 5        # a function's own annotations are not stored
    return inner


print(local_ones(), local_ones.__annotations__)
