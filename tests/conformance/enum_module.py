# The enum module: members as singletons, lookups by value and name, iteration,
# aliases, auto(), unique, IntEnum like ints, Flag and IntFlag combinations,
# the functional API, and CPython 3.11's reprs and error messages.
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
class C(Enum):
    R=1; G=2
    B=3
    CRIMSON=1
    def describe(self): return self.name.lower()
print(C.R, repr(C.R), C.R is C(1) is C['R'], C.CRIMSON is C.R, list(C), len(C), C.R in C)
print(C.R.name, C.R.value, C.G.describe(), {C.R: 'r'}[C.R], C.R == C.R, C.R == 1, C.R != C.G, hash(C.R) == hash('R'))
print(repr(C), C.__members__)
try: C.R = 3
except Exception as e: print(type(e).__name__, e)
try: del C.R
except Exception as e: print(type(e).__name__, e)
try: 3 in C  # TypeError in 3.11
except Exception as e: print(type(e).__name__, e)
try: C(4)
except Exception as e: print(type(e).__name__, e)
try: C['X']
except Exception as e: print(type(e).__name__, e)
try:
    class D(C): pass
except Exception as e: print(type(e).__name__, e)
try:
    C.R < C.G
except Exception as e: print(type(e).__name__, e)
class I(IntEnum):
    A=1; B=2
print(str(I.A), format(I.A), repr(I.A), f'{C.R}', format(C.R, '>10'), I.A < I.B, I.A + 1, I.A == 1, sorted([I.B, I.A]), int(I.B), [10,20,30][I.B])
class P(Flag):
    R=auto(); W=auto(); X=auto()
print(repr(P.R|P.W), str(P.R|P.W), repr(P(0)), repr(~P.R), list(P.R|P.X), len(P.R|P.W), bool(P(0)), P.R in (P.R|P.W), (P.R|P.W) is P(3))
class IP(IntFlag):
    R=4; W=2
print(repr(IP.R|IP.W), str(IP.R|IP.W), IP.R|1 , repr(IP.R|8))
class A(Enum):
    X=auto(); Y=auto(); Z=10; W=auto()
print(list(A))
try:
    @unique
    class U(Enum):
        A=1; B=1
except ValueError as e: print(e)
An = Enum('Animal', 'ANT BEE CAT')
print(list(An), An.BEE.value)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass; self.radius = radius
print(Planet.EARTH.mass, Planet.MARS.value, Planet((6.42e23, 3.39e6)))
class Shape(Enum):
    SQUARE = 2
    @classmethod
    def _missing_(cls, value):
        return cls.SQUARE
print(Shape(99), type(Shape.SQUARE), isinstance(Shape.SQUARE, Shape))
