# Seed 003 (from the Medium article "Python memory management"), its code
# written as Python (the post wrote `x == 100` for the assignments):
x = 100  # this will create a new object in heap
y = 100  # this will not create a new object as an object with value 100 is already available on heap
print(id(x) == id(y))  # this returns true because x and y are pointing to same object on heap
x = 101  # now when new value is assigned "101" is not available on heap, so new object is created
print(id(x) == id(y))
