# weakref containers, proxy, WeakMethod and getweakrefs: entries vanish when
# their referents die, and the containers never keep them alive.
import gc
import weakref


class Obj:
    def __init__(self, name):
        self.name = name

    def method(self):
        return "method of " + self.name

    def __repr__(self):
        return "Obj(%s)" % self.name


# WeakValueDictionary
a, b, c = Obj("a"), Obj("b"), Obj("c")
wvd = weakref.WeakValueDictionary({"a": a, "b": b})
wvd["c"] = c
print("wvd:", len(wvd), sorted(wvd.keys()), wvd["a"], wvd.get("b"), "a" in wvd)
del b
print("after del b:", len(wvd), sorted(wvd), "b" in wvd, wvd.get("b", "gone"))
try:
    wvd["b"]
except KeyError as e:
    print("KeyError", e)
print("items:", sorted((k, v.name) for k, v in wvd.items()))
print("values:", sorted(v.name for v in wvd.values()))
print("pop:", wvd.pop("c"), len(wvd), wvd.pop("zz", "default"))
print("setdefault:", wvd.setdefault("a", None), wvd.setdefault("d", c), len(wvd))
cp = wvd.copy()
print("copy:", type(cp).__name__, sorted(cp))
del wvd["d"]
print("del item:", sorted(wvd), sorted(cp))
wvd.update(x=a)
print("update:", sorted(wvd))


class Cycle:
    def __init__(self):
        self.me = self


cyc = Cycle()
wvd["cyc"] = cyc
del cyc
print("cycle before collect:", "cyc" in wvd)
gc.collect()
print("cycle after collect:", "cyc" in wvd, len(wvd))

# deaths while iterating are deferred
objs = [Obj(str(i)) for i in range(5)]
wvd2 = weakref.WeakValueDictionary((o.name, o) for o in objs)
seen = []
for key in wvd2:
    seen.append(key)
    objs.clear()
print("iterated while dying:", len(seen) >= 1, len(wvd2))

# WeakKeyDictionary
k1, k2 = Obj("k1"), Obj("k2")
wkd = weakref.WeakKeyDictionary()
wkd[k1] = 1
wkd[k2] = 2
print("wkd:", len(wkd), wkd[k1], k2 in wkd, 5 in wkd, wkd.get(Obj("other"), "none"))
del k2
print("after del k2:", len(wkd), sorted(k.name for k in wkd.keys()))
print("items:", [(k.name, v) for k, v in wkd.items()], list(wkd.values()))
print("setdefault:", wkd.setdefault(k1, 9), wkd.pop(k1), len(wkd))
k3 = Obj("k3")
wkd.update({k3: 3})
wkd2 = wkd.copy()
del wkd[k3]
print("copy/del:", len(wkd), len(wkd2))
del k3
print("copy loses key too:", len(wkd2))
try:
    wkd[1] = 2
except TypeError as e:
    print("TypeError", e)
keys = [Obj(str(i)) for i in range(4)]
wkd3 = weakref.WeakKeyDictionary((k, k.name) for k in keys)
n = 0
for k, v in wkd3.items():
    n += 1
    del k
    keys.clear()
print("iterated while dying:", n >= 1, len(wkd3))

# WeakSet
s1, s2, s3 = Obj("s1"), Obj("s2"), Obj("s3")
ws = weakref.WeakSet([s1, s2])
ws.add(s3)
print("ws:", len(ws), s1 in ws, 3 in ws, sorted(o.name for o in ws))
ws.discard(s2)
ws.remove(s3)
try:
    ws.remove(s3)
except KeyError:
    print("KeyError on remove")
print("after discard/remove:", len(ws))
ws.add(s2)
del s2
print("after del s2:", len(ws))
other = weakref.WeakSet([s1, s3])
print("ops:", sorted(o.name for o in ws | other), sorted(o.name for o in ws & other),
      sorted(o.name for o in other - ws), sorted(o.name for o in ws ^ other))
print("compare:", ws <= other, ws < other, other >= ws, ws == weakref.WeakSet([s1]))
print("isdisjoint:", ws.isdisjoint([s3]))
many = [Obj(str(i)) for i in range(4)]
ws2 = weakref.WeakSet(many)
count = 0
for item in ws2:
    count += 1
    del item
    many.clear()
print("iterated while dying:", count >= 1, len(ws2))

# the containers do not keep referents alive
holder = Obj("held")
probe = weakref.ref(holder)
keep = (weakref.WeakSet([holder]), weakref.WeakKeyDictionary({holder: 1}),
        weakref.WeakValueDictionary({1: holder}))
del holder
print("referent freed:", probe() is None, [len(x) for x in keep])
box = weakref.WeakSet()
box_ref = weakref.ref(box)
del box
print("container freed:", box_ref() is None)

# proxy
p_target = Obj("p")
p = weakref.proxy(p_target)
print("proxy:", type(p).__name__, p.name, p.method())
p.extra = 5
print("setattr goes through:", p_target.extra)
lst_holder = Obj("list")
called = []
fp = weakref.proxy(Obj.method, lambda pr: called.append("cb"))
print("callable proxy:", type(fp).__name__, fp(p_target))
print("getweakrefcount with proxy:", weakref.getweakrefcount(p_target))
del p_target
try:
    p.name
except ReferenceError as e:
    print("ReferenceError", e)


class Seq:
    def __init__(self):
        self.items = [3, 1, 2]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __iter__(self):
        return iter(self.items)

    def __add__(self, other):
        return "added %s" % other


sq = Seq()
ps = weakref.proxy(sq)
print("len/iter/getitem/op:", len(ps), list(ps), ps[0], 2 in ps, ps + 1)
died = []
pc = weakref.proxy(sq, lambda pr: died.append(type(pr).__name__))
del sq
print("proxy callback:", died)
try:
    weakref.proxy(1)
except TypeError as e:
    print("TypeError", e)

# WeakMethod
wm_target = Obj("wm")
wm = weakref.WeakMethod(wm_target.method)
print("WeakMethod:", wm()(), wm() == wm_target.method, wm == weakref.WeakMethod(wm_target.method))
wm_died = []
wm2 = weakref.WeakMethod(wm_target.method, lambda r: wm_died.append(r is wm2))
del wm_target
print("after death:", wm(), wm2(), wm_died)
try:
    weakref.WeakMethod(len)
except TypeError as e:
    print("TypeError", e)

# getweakrefs
g = Obj("g")
r1 = weakref.ref(g)
print("getweakrefs:", weakref.getweakrefs(g) == [r1], weakref.getweakrefs(1))
r2 = weakref.ref(g, lambda r: None)
print("two:", len(weakref.getweakrefs(g)), r2 in weakref.getweakrefs(g))
del g
print("dead:", weakref.getweakrefs(r1))
print("ReferenceType:", weakref.ReferenceType is type(r1))
