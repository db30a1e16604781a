class M:
    def __enter__(self):
        return 1
    def __exit__(self, *a):
        return True
with M() as m:
    raise ValueError(m)
print("ok")
