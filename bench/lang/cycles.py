# cycles.py — a cycle-heavy workload for the `lang` section of bench/run.sh
# (reclaim's interpreter vs python3).
#
# Usage: python3 cycles.py [ROUNDS]           (reclaim cycles.py [ROUNDS])
#
# Each round builds, walks and drops three kinds of garbage cycles, all made
# of small class instances, with automatic collection on (CPython's default
# thresholds), so the collector, not reference counting, frees them:
#   - a family tree: a parent whose `children` list holds children that each
#     point back at the parent (parent <-> list <-> child cycles);
#   - a doubly-linked ring of Link nodes (prev/next);
#   - Watchers that keep a bound method of themselves (`self.notify =
#     self.on_event`: watcher -> bound method -> watcher), plus one Owner with
#     a __del__ that counts finalizations, tied into the round's ring.
# The values stored in the nodes are folded into a checksum modulo a prime
# while walking, so the work cannot be skipped.
#
# After the rounds one more round of the same shape is built with automatic
# collection off and dropped, and `gc.collect()` reports how many objects it
# found unreachable: only that last round's cycles are garbage then (an
# explicit collection ran before it), so the count depends on which objects
# the interpreter tracks and not on when automatic collections happened.
# The output (checksum, finalizer count, that collect() result) must be the
# same under any interpreter that manages memory as CPython does.
import gc
import sys

MODULUS = 1000000007
FAMILY_SIZE = 8       # children per parent
FAMILIES = 20         # parents per round
RING_SIZE = 120       # links per ring
WATCHERS = 40         # self-referencing watchers per round


class Person:
    def __init__(self, value, parent):
        self.value = value
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


class Link:
    def __init__(self, value):
        self.value = value
        self.prev = self
        self.next = self

    def insert_after(self, other):
        other.prev = self
        other.next = self.next
        self.next.prev = other
        self.next = other


class Watcher:
    def __init__(self, value):
        self.value = value
        self.seen = 0
        self.notify = self.on_event

    def on_event(self, amount):
        self.seen = self.seen + amount
        return self.seen


class Owner:
    finalized = 0

    def __init__(self, ring):
        self.ring = ring
        ring.owner = self

    def __del__(self):
        Owner.finalized = Owner.finalized + 1


def build_families(seed):
    total = 0
    for f in range(FAMILIES):
        parent = Person(seed + f, None)
        for c in range(FAMILY_SIZE):
            Person(seed * 7 + f * FAMILY_SIZE + c, parent)
        for child in parent.children:
            total = (total * 31 + child.value + child.parent.value) % MODULUS
    return total


def build_ring(seed):
    head = Link(seed)
    for i in range(1, RING_SIZE):
        head.insert_after(Link(seed + i))
    total = 0
    node = head.next
    while node is not head:
        total = (total * 17 + node.value - node.prev.value) % MODULUS
        node = node.next
    return head, total


def build_watchers(seed):
    total = 0
    for w in range(WATCHERS):
        watcher = Watcher(seed + w)
        total = (total + watcher.notify(w + 1) * watcher.value) % MODULUS
    return total


def one_round(seed):
    total = build_families(seed)
    ring, ring_total = build_ring(seed)
    Owner(ring)
    total = (total * 13 + ring_total + build_watchers(seed)) % MODULUS
    return total


def main(rounds):
    checksum = 0
    for r in range(rounds):
        checksum = (checksum * 7 + one_round(r)) % MODULUS
    gc.collect()
    gc.disable()
    checksum = (checksum * 7 + one_round(rounds)) % MODULUS
    found = gc.collect()
    gc.enable()
    print("checksum " + str(checksum))
    print("finalized " + str(Owner.finalized) + " of " + str(rounds + 1))
    print("last round: gc.collect() found " + str(found))


if len(sys.argv) > 1:
    main(int(sys.argv[1]))
else:
    main(10000)
