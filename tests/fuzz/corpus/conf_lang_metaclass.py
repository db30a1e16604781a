# Metaclasses: class M(type), metaclass= and inherited metaclasses, the most
# derived metaclass and conflicts, __prepare__, M.__new__ / __init__ /
# __call__ with super(), metaclass methods, properties and special methods
# seen on the class (not on its instances), type(name, bases, ns) and
# M(name, bases, ns).


class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        keys = sorted(k for k in ns if not k.startswith('__'))
        print("Meta.__new__", mcs.__name__, name, [b.__name__ for b in bases], keys, kw)
        cls = super().__new__(mcs, name, bases, ns)
        cls.tag = name.lower()
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)

    def hello(cls):
        return "hello from " + cls.__name__

    @classmethod
    def meta_cm(mcs):
        return mcs.__name__

    @property
    def upper(cls):
        return cls.__name__.upper()

    def __iter__(cls):
        return iter([1, 2, 3])

    def __len__(cls):
        return 3

    def __getitem__(cls, k):
        return k * 2

    def __contains__(cls, x):
        return x == 42

    def __repr__(cls):
        return "<Meta class " + cls.__name__ + ">"


class C(metaclass=Meta, extra=1):
    x = 1

    def method(self):
        return type(self).__name__


print(type(C) is Meta, isinstance(C, Meta), isinstance(C, type), issubclass(Meta, type))
print(C.__class__ is Meta, Meta.__mro__)
print(C.hello(), C.upper, C.tag, C.meta_cm())
print(list(C), len(C), C[21], 42 in C, 1 in C)
print(repr(C), str(C), [C])
c = C()
print(type(c).__name__, c.x, c.method(), c.tag)
for attr in ("hello", "upper"):
    try:
        getattr(c, attr)
    except AttributeError as e:
        print("AttributeError:", e)


class D(C):
    y = 2


print(type(D) is Meta, D.tag, D.hello(), len(D))


# ---- __call__ on the metaclass: singletons ----
class Singleton(type):
    instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls.instances:
            cls.instances[cls] = super().__call__(*args, **kwargs)
        return cls.instances[cls]


class Config(metaclass=Singleton):
    def __init__(self, value, name="cfg"):
        self.value = value
        self.name = name


a = Config(1)
b = Config(2, name="other")
print(a is b, a.value, a.name)


class Counted(type):
    def __call__(cls, *args):
        obj = super().__call__(*args)
        obj.made_by = "Counted"
        return obj


class Point(metaclass=Counted):
    def __init__(self, x, y):
        self.x, self.y = x, y


p = Point(1, 2)
print(p.x, p.y, p.made_by)


# ---- the most derived metaclass, conflicts ----
class M1(type):
    pass


class M2(type):
    pass


class M3(M1):
    pass


class A(metaclass=M1):
    pass


class B(metaclass=M2):
    pass


try:
    class AB(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)


class E(A, metaclass=M3):
    pass


print(type(E).__name__)


class F(E):
    pass


print(type(F).__name__)


class G(A, metaclass=type):
    pass


print(type(G).__name__)


# ---- __prepare__ and keywords ----
class Prep(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("__prepare__", name, kw)
        return {"injected": 7}

    def __new__(mcs, name, bases, ns, **kw):
        return super().__new__(mcs, name, bases, ns)

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)


class Q(metaclass=Prep):
    z = injected + 1

    def __init_subclass__(cls, **kw):
        print("__init_subclass__", cls.__name__, kw)


class R(Q, k=3):
    pass


print(Q.z, R.injected)


# ---- a function as the metaclass ----
def make_named(name, bases, ns):
    return name + "!"


class Fn(metaclass=make_named):
    pass


print(Fn)


# ---- __setattr__ and registration on the metaclass ----
class Registry(type):
    registry = []

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.registry.append(name)

    def __setattr__(cls, key, value):
        if key == "frozen":
            raise AttributeError("cannot set frozen")
        super().__setattr__(key, value)


class Base(metaclass=Registry):
    def who(self):
        return "Base"


class Child(Base):
    def who(self):
        return "Child of " + super().who()


Base.color = "red"
print(Registry.registry, Base.color, Child.color, Child().who())
try:
    Child.frozen = 1
except AttributeError as e:
    print("AttributeError:", e)


# ---- type(name, bases, ns) and M(name, bases, ns) ----
X = M2("X", (), {"q": 5})
print(type(X).__name__, X.q, X.__module__, X.__name__)
Y = type("Y", (A,), {})
print(type(Y).__name__)
try:
    Meta("Bad", (), {}, 1)
except TypeError as e:
    print("TypeError:", e)


# ---- super() in a classmethod of a class with a metaclass ----
class Tracked(type):
    pass


class T1(metaclass=Tracked):
    @classmethod
    def make(cls):
        return "T1.make " + cls.__name__


class T2(T1):
    @classmethod
    def make(cls):
        return "T2 " + super().make()


print(T2.make())
