# Seed 002 (and 001 with a = 1): binding a second name makes no new object,
# so both ids are the same.
a = 10
b = a
print(id(a))
print(id(b))
