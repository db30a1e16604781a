import weakref
class T: pass
t = T()
r = weakref.ref(t, lambda w: print("dead"))
f = weakref.finalize(t, print, "fin")
del t
print(r())
