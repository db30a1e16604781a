# while / for with break, continue and else.
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    if i == 4:
        break
    print("while", i)
else:
    print("not printed: loop was broken")
n = 0
while n < 3:
    n += 1
else:
    print("while-else runs when the condition fails:", n)
for x in range(3):
    print("for", x)
else:
    print("for-else runs when not broken")
for x in [1, 2, 3]:
    if x == 2:
        break
else:
    print("not printed")
print("x after break:", x)
for outer in range(3):
    for inner in range(3):
        if inner == outer:
            continue
        if inner > outer:
            break
        print("pair", outer, inner)


def find(items, target):
    for idx, item in enumerate(items):
        if item == target:
            return idx
    else:
        return -1


print(find("abc", "c"), find("abc", "z"))
total = 0
for ch in "hello":
    total += ord(ch)
print(total)
for k in {"a": 1, "b": 2}:
    print("dict key", k)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
count = 0
while True:
    count += 1
    if count >= 100:
        break
print(count)
for _ in []:
    print("never")
else:
    print("empty loop else")
items = [1, 2, 3]
for v in items:
    if v == 1:
        items.append(4)
print(items)
fib = [0, 1]
while len(fib) < 10:
    fib.append(fib[-1] + fib[-2])
print(fib)
