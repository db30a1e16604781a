# del of items and slices of lists and keys of dicts.
import sys

lst = list(range(10))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[2:4]
print(lst)
del lst[::2]
print(lst)
del lst[:]
print(lst, len(lst))

nums = list(range(8))
del nums[1], nums[1]
print(nums)
try:
    del nums[100]
except IndexError as e:
    print(type(e).__name__, e)

d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print(type(e).__name__, e)

obj = []
holder = [obj, obj, obj, obj]
print(sys.getrefcount(obj))
del holder[1:3]
print(sys.getrefcount(obj), len(holder))
del holder[0]
print(sys.getrefcount(obj))
dd = {1: obj, 2: obj}
print(sys.getrefcount(obj))
del dd[1]
print(sys.getrefcount(obj))
dd.clear()
print(sys.getrefcount(obj))
t = (1, 2)
try:
    del t[0]
except TypeError as e:
    print(type(e).__name__, e)
s = "abc"
try:
    del s[0]
except TypeError as e:
    print(type(e).__name__, e)
