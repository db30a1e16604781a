# from __future__ import annotations: annotations are kept as their text.
from __future__ import annotations


def load(path: str, retries: int = 3, *names: str, **opts: dict[str, int]) -> list[bytes]:
    return []


class Node:
    next: Node | None = None
    value: "int"


print(load.__annotations__)
print(Node.__annotations__)
size: tuple[int, int] = (1, 2)
print(__annotations__)
