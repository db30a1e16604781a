# Attributes of instances and classes hold references.
import sys


class Box:
    pass


class Slotted:
    __slots__ = ("item", "other")


payload = []
b = Box()
b.item = payload
print("instance attribute:", sys.getrefcount(payload))
b.other = payload
print("two attributes:", sys.getrefcount(payload))
del b.item
print("attribute deleted:", sys.getrefcount(payload))
b.other = 1
print("attribute rebound:", sys.getrefcount(payload))

s = Slotted()
s.item = payload
print("slot:", sys.getrefcount(payload))
s.other = payload
print("two slots:", sys.getrefcount(payload))
del s.item
print("slot deleted:", sys.getrefcount(payload))
del s
print("slotted instance gone:", sys.getrefcount(payload))

Box.shared = payload
print("class attribute:", sys.getrefcount(payload))
print("read through instance is the same object:", b.shared is payload)
del Box.shared
print("class attribute deleted:", sys.getrefcount(payload))

setattr(b, "dyn", payload)
print("setattr:", sys.getrefcount(payload))
delattr(b, "dyn")
print("delattr:", sys.getrefcount(payload))
b.x = payload
del b
print("instance gone:", sys.getrefcount(payload))

obj = Box()
print("instance:", sys.getrefcount(obj))
holder = Box()
holder.ref = obj
print("instance held by another:", sys.getrefcount(obj))
del holder
print("holder gone:", sys.getrefcount(obj))
