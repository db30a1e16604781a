# throw() reaches a delegate that is not a generator through its own throw().
class It:
    def __iter__(self): return self
    def __next__(self): return 1
    def send(self, v): print("send", v); return 2
    def throw(self, *a): print("throw called", a[0] if isinstance(a[0], type) else type(a[0])); return 99
    def close(self): print("close called")
def g():
    x = yield from It()
    print("x", x)
gen = g()
print(next(gen))
print(gen.send(5))
print(gen.throw(ValueError))
gen.close()
print("done")
