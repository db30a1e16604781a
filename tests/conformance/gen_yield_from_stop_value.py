# yield from a Python iterator: the value its StopIteration carries.
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 2: raise StopIteration(42)
        return self.n
def g():
    r = yield from It()
    print("r =", r)
print(list(g()))
