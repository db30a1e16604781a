# An exception raised inside __del__ is reported and ignored; the program
# goes on.
class Bad:
    def __del__(self):
        print("in __del__")
        raise ValueError("boom")


b = Bad()
del b
print("still running")
lst = [Bad(), Bad()]
lst = None
print("after list")


print("end")
