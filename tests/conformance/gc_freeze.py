# gc.freeze moves every tracked object to the permanent generation, where
# collections ignore it; gc.unfreeze brings it back.
import gc

gc.disable()
gc.collect()
print("nothing frozen:", gc.get_freeze_count())
a = []
a.append(a)
gc.freeze()
n = gc.get_freeze_count()
print("something frozen:", n > 0)
print("count reset after freeze:", gc.get_count()[0] < 10)
del a
print("frozen cycle not collected:", gc.collect())
b = []
b.append(b)
del b
print("new cycle is collected:", gc.collect())
print("freeze count unchanged:", gc.get_freeze_count() == n)
gc.unfreeze()
print("unfrozen:", gc.get_freeze_count())
print("now the old cycle is collected:", gc.collect())
gc.freeze()
gc.freeze()
print("freezing twice keeps one permanent generation:", gc.get_freeze_count() > 0)
gc.unfreeze()
print("unfrozen again:", gc.get_freeze_count())
