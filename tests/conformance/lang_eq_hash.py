# __eq__ and __hash__: dict keys, set members, `in`, and the hash rules.
class Key:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k

    def __hash__(self):
        return hash(self.k)

    def __repr__(self):
        return "Key(%r)" % self.k


a = Key("x")
b = Key("x")
print(a == b, a is b, a != b, hash(a) == hash(b))
d = {a: 1}
d[b] = 2
print(len(d), d[Key("x")], d)
s = {Key(1), Key(1), Key(2)}
print(len(s), Key(2) in s, Key(3) in s)
print(Key(5) in [Key(4), Key(5)], [Key(1), Key(2)].index(Key(2)), [Key(1), Key(1)].count(Key(1)))


class EqOnly:
    def __eq__(self, other):
        return True


try:
    hash(EqOnly())
except TypeError as e:
    print(type(e).__name__, e)
print(EqOnly() == 5, EqOnly() != 5)


class Default:
    pass


x = Default()
y = Default()
print(x == x, x == y, x != y, hash(x) == hash(x), len({x, y, x}))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents == other.cents

    def __hash__(self):
        return hash(("Money", self.cents))

    def __lt__(self, other):
        return self.cents < other.cents


print(Money(5) == Money(5), Money(5) == 5, Money(1) < Money(2), Money(3) > Money(2))
print(sorted([m.cents for m in {Money(3), Money(1), Money(3)}]))
print(hash(1) == hash(1.0) == hash(True), hash("a") == hash("a"), hash((1, "a")) == hash((1, "a")))
