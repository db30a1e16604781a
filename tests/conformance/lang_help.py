# help() on functions and bound methods: pydoc's layout, the signature and
# the cleaned docstring.
def area(width, height=1.0, *extra, unit="m", **opts):
    """Return the area.

    Width times height:
        indented lines keep their indentation.
    """
    return width * height


def bare(a, b):
    return a


def kw_only(*, flag=False):
    "One line."


class Shape:
    def grow(self, k=2):
        """Make it bigger."""
        return k


help(area)
help(bare)
help(kw_only)
help(Shape().grow)
