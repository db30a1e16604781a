# Slicing: reads, steps, negative indices, assignment and deletion.
s = list(range(10))
print(s[2:7], s[:3], s[7:], s[-3:], s[:-7], s[::2], s[1::3], s[::-1], s[8:2:-2])
print(s[100:], s[-100:2], s[5:2], s[::-3], s[-1:-4:-1])
t = tuple(s)
print(t[1:4], t[::-2])
text = "conformance"
print(text[3:7], text[::-1], text[-4:], text[:0])
r = range(20)
print(r[3:9], list(r[3:9]), r[::5], list(r[::-7]))
s[2:5] = ["a", "b"]
print(s)
s[1:1] = [100, 200]
print(s)
s[::2] = ["e"] * len(s[::2])
print(s)
try:
    s[::2] = [1]
except ValueError as e:
    print(type(e).__name__, e)
s[:] = [1, 2, 3]
print(s)
s[len(s):] = [4, 5]
print(s)
s[-2:] = []
print(s)
del s[::2]
print(s)
b = b"abcdef"
print(b[1:3], b[::-1])
