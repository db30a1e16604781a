# Seed 001: small integers are cached, so two separate `1`s are one object.
a = 1
b = 1
print(id(a))
print(id(b))
