# gc.is_tracked: atoms are never tracked; containers are, except dicts that
# hold only atoms and tuples untracked by a collection.
import gc


class Obj:
    pass


print("int:", gc.is_tracked(0))
print("str:", gc.is_tracked("a"))
print("float:", gc.is_tracked(1.5))
print("None:", gc.is_tracked(None))
print("list:", gc.is_tracked([]))
print("empty dict:", gc.is_tracked({}))
print("dict of atoms:", gc.is_tracked({"a": 1}))
print("dict holding a list:", gc.is_tracked({"a": []}))
d = {"a": 1}
print("dict before:", gc.is_tracked(d))
d["b"] = []
print("dict after storing a list:", gc.is_tracked(d))
print("set:", gc.is_tracked(set()))
print("instance:", gc.is_tracked(Obj()))
print("function:", gc.is_tracked(lambda: 0))
print("class:", gc.is_tracked(Obj))

atoms = tuple([1, 2, "three"])
mixed = tuple([1, []])
print("new tuple of atoms:", gc.is_tracked(atoms))
print("new tuple holding a list:", gc.is_tracked(mixed))
gc.collect()
print("tuple of atoms after a collection:", gc.is_tracked(atoms))
print("tuple holding a list after a collection:", gc.is_tracked(mixed))
nested = tuple([atoms, (4, 5)])
gc.collect()
print("tuple of untracked tuples after a collection:", gc.is_tracked(nested))
