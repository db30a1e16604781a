"""A module's docstring."""
def documented(x):
    """Return x doubled."""
    return 2 * x


def plain():
    return None


class Shape:
    """A shape with an area."""

    def area(self):
        """The area, in square units."""
        return 0


class Bare:
    pass


print(__doc__)
print(documented.__doc__, documented(21))
print(plain.__doc__)
print(Shape.__doc__)
print(Shape.area.__doc__, Shape().area.__doc__)
print(Bare.__doc__)
print((lambda: 0).__doc__)
