# close() through yield from: an error inside the delegate's close() propagates.
class It:
    def __iter__(self): return self
    def __next__(self): return 1
    def close(self):
        print("close runs")
        return self.missing_attribute
def g():
    yield from It()
x = g(); next(x)
try:
    x.close()
    print("close swallowed the AttributeError")
except AttributeError as e:
    print("AttributeError:", e)
