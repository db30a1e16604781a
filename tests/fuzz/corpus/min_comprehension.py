l = [i * 2 for i in range(10) if i % 2]
d = {k: v for k, v in zip("abc", l)}
s = {x for x in l}
print(l, d, sorted(s))
