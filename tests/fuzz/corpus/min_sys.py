import sys
x = []
print(sys.getrefcount(x), sys.intern("ab") is sys.intern("a" + "b"))
