# Single inheritance, method overriding, super(), isinstance/issubclass.
class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

    def describe(self):
        return "%s the %s says %s" % (self.name, self.kind, self.speak())


class Dog(Animal):
    kind = "dog"

    def speak(self):
        return "Woof"


class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return super().speak().lower() + "!"

    def describe(self):
        return Animal.describe(self) + " (age %d)" % self.age


for a in (Animal("Generic"), Dog("Rex"), Puppy("Bit", 1)):
    print(a.describe())
p = Puppy("Pip", 2)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, object))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog))
print(type(p).__name__, Puppy.__name__, Puppy.kind, p.kind)
print(isinstance(p, (int, Dog)), isinstance(3, (int, str)))
print(Puppy.__bases__[0].__name__, Dog.__bases__[0] is Animal)


class Base:
    def __init__(self):
        self.log = ["base"]

    def hook(self):
        return "base hook"


class Derived(Base):
    def __init__(self):
        super().__init__()
        self.log.append("derived")

    def hook(self):
        return "derived -> " + super().hook()


d = Derived()
print(d.log, d.hook())


class NoInit(Base):
    pass


print(NoInit().log)


class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement")


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


for s in (Square(3), Shape()):
    try:
        print(s.area())
    except NotImplementedError as e:
        print(type(e).__name__, e)
print(isinstance(True, int), issubclass(bool, int), isinstance(1, bool))
