# Cycles through instances.  CPython 3.11 keeps instance attributes inline
# until __dict__ is read, so an instance counts as one object unless its
# __dict__ has been materialized.
import gc

gc.disable()
gc.collect()


class Node:
    pass


a = Node()
a.me = a
del a
print("self-referencing instance:", gc.collect())

a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print("two instances:", gc.collect())

a = Node()
b = Node()
a.other = b
b.other = a
a.__dict__
del a, b
print("two instances, one __dict__ read:", gc.collect())

a = Node()
b = Node()
a.other = b
b.other = a
vars(a)
vars(b)
del a, b
print("two instances, both __dict__ read:", gc.collect())

nodes = [Node() for _ in range(5)]
for i in range(5):
    nodes[i].next = nodes[(i + 1) % 5]
del i
del nodes
print("ring of five instances:", gc.collect())

parent = Node()
parent.children = [Node(), Node()]
for child in parent.children:
    child.parent = parent
del child
del parent
print("parent, list of children, two children:", gc.collect())


class Tree:
    def __init__(self, parent):
        self.parent = parent
        self.kids = []
        if parent is not None:
            parent.kids.append(self)


root = Tree(None)
for _ in range(3):
    mid = Tree(root)
    for _ in range(2):
        Tree(mid)
del root, mid
print("tree with parent links (10 nodes + 10 lists):", gc.collect())
