# Dicts: insertion order, methods, views, keys of several types.
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], "b" in d, "z" in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.pop("b"), d, d.pop("z", "default"))
d["b"] = 20
print(d)
d["a"] = 10
print("reassignment keeps position:", d)
print(d.setdefault("a", 0), d.setdefault("n", []), d)
d["n"].append(1)
print(d)
d.update({"x": 1, "a": -1})
d.update(y=2)
print(d)
print(d.popitem(), d)
copy = d.copy()
copy["new"] = 1
print(len(d), len(copy))
print(dict(a=1, b=2), dict([("k", "v"), ("k2", "v2")]), dict(zip("ab", [1, 2])))
print(dict.fromkeys(["p", "q"], 0), dict({"m": 1}))
keys = {1: "int", 2.5: "float", "s": "str", (1, 2): "tuple", None: "none", True: "bool?"}
print(keys)
print(keys[1], keys[(1, 2)], keys[None])
for k in {"one": 1, "two": 2}:
    print("key", k)
for k, v in {"one": 1, "two": 2}.items():
    print(k, "=>", v)
d.clear()
print(d, {} == dict(), {"a": 1} == {"a": 1.0})
try:
    {}["missing"]
except KeyError as e:
    print(type(e).__name__, e)
dd = {}
try:
    for k in {"a": 1, "b": 2}:
        dd[k] = 1
    src = {"a": 1, "b": 2}
    for k in src:
        src["c" + k] = 1
except RuntimeError as e:
    print(type(e).__name__, e)
print(sorted({"z": 1, "y": 2}), len({"a": 1, "a": 2}), {"a": 1, "a": 2})
