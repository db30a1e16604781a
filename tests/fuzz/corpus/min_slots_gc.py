class S:
    __slots__ = ("a",)
s = S()
s.a = s
import gc
gc.freeze()
gc.unfreeze()
print(gc.get_count(), gc.is_tracked(s))
