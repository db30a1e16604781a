# assert: passing assertions are silent, a failing one raises AssertionError.
assert 1 == 1
assert [1], "non-empty list is true"
try:
    assert 0, "caught message"
except AssertionError as e:
    print("caught:", e)
try:
    assert False
except AssertionError as e:
    print("no message:", repr(str(e)))
print("about to fail")
assert 2 + 2 == 5, "math is broken: %d" % (2 + 2)
