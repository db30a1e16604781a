# Comparisons (chained), boolean operators and their return values, truth.
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0, 1 <= 1 < 2 != 3)
print(3 < 2 < 1/0 if False else "short-circuit", 0 < 1 < 2 < 3 < 4)
print(1 or 2, 0 or 2, 0 or "", "" or None, [] or [1])
print(1 and 2, 0 and 2, "a" and "b", None and 1)
print(not 0, not 1, not [], not [0], not "", not None)
print(bool(0), bool(0.0), bool(""), bool("0"), bool([]), bool(()), bool({}),
      bool(set()), bool(None), bool(range(0)), bool(range(1)))
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "b") > (1, "a"), "abc" < "abd",
      "Z" < "a", "" < "a")
print([1, 2] == [1, 2], (1, 2) == [1, 2], {"a": 1} == {"a": 1}, {1, 2} == {2, 1})
print(None is None, None == None, x is not None, [] is [], [] == [])
print(2 in [1, 2], 3 not in [1, 2], "b" in "abc", "bc" in "abc", "x" in {"x": 1},
      1 in {1, 2}, 5 in range(10), 10 in range(10), 2 in (1, 2))


def loud(v):
    print("evaluated", v)
    return v


print(loud(0) and loud(1))
print(loud(1) or loud(2))
print(loud(1) < loud(2) < loud(0) < loud(3))
print(1 if x > 3 else 2, "yes" if [] else "no")
print(max("apple", "pear"), min([3, 1, 2]), sorted([3, 1, 2]) == [1, 2, 3])
