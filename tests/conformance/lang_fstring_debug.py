# f-string self-documenting expressions (3.8+): {x=}, with spaces, with a
# conversion and with a format spec.
from __future__ import annotations
width = 7
ratio = 2 / 3
name = "reclaim"
items = [1, 2, 3]
print(f"{width=}")
print(f"{ratio=:.3f}")
print(f"{ratio = :.2%}")
print(f"{name=!s} {name=!r}")
print(f"{name=:>10}|")
print(f"{len(items)=} {items[1:]=}")
print(f"{width * 2 + 1 = }")
