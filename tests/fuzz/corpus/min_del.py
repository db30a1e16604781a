a = [1, 2, 3, 4]
del a[1:3], a[0]
d = {"k": 1}
del d["k"]
print(a, d)
