# NameError raised at module level.
x = 1
print("x is", x)
print(y)
