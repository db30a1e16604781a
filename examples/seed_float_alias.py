# Seed 001: "x = 3.14; y = x" — y is another name for the same float object
# (the seed: its reference count goes from 1 to 2).  The print is added to
# show it.
x = 3.14
y = x
print(x is y)
