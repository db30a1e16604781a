class A:
    def __init__(self):
        self.a = self
    def __del__(self):
        print("bye")
a = A()
del a
import gc
print(gc.collect())
