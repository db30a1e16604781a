class P:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
def f(v):
    match v:
        case 0 | 1 as small:
            return small
        case [a, *rest] if rest:
            return rest
        case (x, y):
            return x
        case {"k": v, **kw}:
            return kw
        case P(0, y=y) | P(y, 0):
            return y
        case int(n) | str(n):
            return n
        case None | True:
            return 1
        case _:
            return None
for v in [0, [1, 2], (3, 4), {"k": 1, "z": 2}, P(0, 5), P(7, 0), 9, "s", None, 1.5]:
    print(f(v))
match = [1]
match[0] = 2
