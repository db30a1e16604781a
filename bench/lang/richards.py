# richards.py — Martin Richards' operating-system simulation benchmark (our
# own version of the classic algorithm), written for the `lang` section of
# bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 richards.py [RUNS]           (reclaim richards.py [RUNS])
#
# A tiny priority scheduler runs six tasks that pass packets to each other:
#   - an idle task (lowest priority) that, for a fixed number of turns,
#     releases one of the two device tasks, chosen by a pseudo-random
#     shift-and-xor register, then holds itself;
#   - a worker task that fills work packets with letters and sends them,
#     alternately, to the two handler tasks;
#   - two handler tasks that take a work packet apart one letter at a time,
#     each letter into a device packet sent to their device task, and return
#     the emptied work packet to the worker;
#   - two device tasks that keep one device packet until the idle task
#     releases them, then send it back to its handler.
# A task is in the run queue unless it is held, or waiting with no packet
# queued; sending a packet to a higher-priority task switches to it at once.
# Each run builds the tasks and packets afresh and schedules until every
# task is held or waiting; it counts the packets queued and the times a task
# held itself, which must come out as 23246 and 9297 for an idle count of
# 10000 (the benchmark's own check), and folds the letters the devices
# receive into a checksum.  It prints the counts, the checksum and the
# result of the check; integers only, so any interpreter prints the same
# lines.
#
# The work is method calls on small objects, attribute access, linked
# lists of packets and bit operations on task states; no imports beyond sys.
import sys

IDLE_TURNS = 10000
EXPECTED_QUEUED = 23246
EXPECTED_HELD = 9297

# task ids (index in the scheduler's table)
ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B = 1, 2, 3, 4, 5, 6
TABLE_SIZE = 7

# packet kinds
KIND_DEVICE, KIND_WORK = 0, 1
DATA_SLOTS = 4

# task state bits
PACKET_PENDING = 1
WAITING = 2
HELD = 4

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest          # where qpkt sends it; then the sender's id
        self.kind = kind
        self.value = 0            # work: next slot to hand out; device: a letter
        self.data = [0] * DATA_SLOTS

    def append_to(self, queue):
        # append self to the packet list `queue`; returns the list's head
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Task:
    def __init__(self, sched, ident, priority, queue, state):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.state = state
        self.next = sched.task_list
        sched.task_list = self
        sched.table[ident] = self

    def runnable(self):
        # not held, and either not waiting or waiting with a packet queued
        s = self.state
        return not (s & HELD) and (not (s & WAITING) or (s & PACKET_PENDING))

    def run(self):
        packet = None
        if self.state == WAITING | PACKET_PENDING:
            packet = self.queue
            self.queue = packet.link
            self.state = PACKET_PENDING if self.queue is not None else 0
        return self.step(packet)

    # the scheduler primitives a task calls; each returns the task to run next

    def wait(self):
        self.state |= WAITING
        return self

    def hold_self(self):
        self.sched.held += 1
        self.state |= HELD
        return self.next

    def release(self, ident):
        t = self.sched.table[ident]
        t.state &= ~HELD
        if t.priority > self.priority:
            return t
        return self

    def send(self, packet):
        t = self.sched.table[packet.dest]
        self.sched.queued += 1
        packet.link = None
        packet.dest = self.ident
        if t.queue is None:
            t.queue = packet
            t.state |= PACKET_PENDING
            if t.priority > self.priority:
                return t
        else:
            packet.append_to(t.queue)
        return self


class IdleTask(Task):
    def __init__(self, sched, ident, priority, turns):
        Task.__init__(self, sched, ident, priority, None, 0)
        self.register = 1
        self.turns = turns

    def step(self, packet):
        self.turns -= 1
        if self.turns == 0:
            return self.hold_self()
        if self.register & 1 == 0:
            self.register = self.register >> 1
            return self.release(ID_DEVICE_A)
        self.register = (self.register >> 1) ^ 0xD008
        return self.release(ID_DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue, WAITING | PACKET_PENDING)
        self.target = ID_HANDLER_A
        self.letter = 0

    def step(self, packet):
        if packet is None:
            return self.wait()
        self.target = ID_HANDLER_A + ID_HANDLER_B - self.target
        packet.dest = self.target
        packet.value = 0
        data = packet.data
        for i in range(DATA_SLOTS):
            self.letter += 1
            if self.letter > len(LETTERS):
                self.letter = 1
            data[i] = LETTERS[self.letter - 1]
        return self.send(packet)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue, WAITING | PACKET_PENDING)
        self.work = None          # work packets to take apart
        self.devices = None       # empty device packets

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        work = self.work
        if work is not None:
            slot = work.value
            if slot >= DATA_SLOTS:
                self.work = work.link
                return self.send(work)
            device = self.devices
            if device is not None:
                self.devices = device.link
                device.value = work.data[slot]
                work.value = slot + 1
                return self.send(device)
        return self.wait()


class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        Task.__init__(self, sched, ident, priority, None, WAITING)
        self.pending = None

    def step(self, packet):
        sched = self.sched
        if packet is None:
            packet = self.pending
            if packet is None:
                return self.wait()
            self.pending = None
            return self.send(packet)
        self.pending = packet
        sched.checksum = (sched.checksum * 31 + ord(packet.value)) % 1000000007
        return self.hold_self()


class Scheduler:
    def __init__(self):
        self.task_list = None
        self.table = [None] * TABLE_SIZE
        self.queued = 0
        self.held = 0
        self.checksum = 0

    def setup(self, idle_turns):
        IdleTask(self, ID_IDLE, 0, idle_turns)
        work = Packet(None, 0, KIND_WORK)
        work = Packet(work, 0, KIND_WORK)
        WorkerTask(self, ID_WORKER, 1000, work)
        for ident, device, priority in ((ID_HANDLER_A, ID_DEVICE_A, 2000),
                                        (ID_HANDLER_B, ID_DEVICE_B, 3000)):
            queue = None
            for _ in range(3):
                queue = Packet(queue, device, KIND_DEVICE)
            HandlerTask(self, ident, priority, queue)
        DeviceTask(self, ID_DEVICE_A, 4000)
        DeviceTask(self, ID_DEVICE_B, 5000)

    def schedule(self):
        t = self.task_list
        while t is not None:
            if t.runnable():
                t = t.run()
            else:
                t = t.next


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    total_queued = total_held = 0
    ok = True
    checksum = 0
    for _ in range(runs):
        sched = Scheduler()
        sched.setup(IDLE_TURNS)
        sched.schedule()
        total_queued += sched.queued
        total_held += sched.held
        checksum = sched.checksum
        if sched.queued != EXPECTED_QUEUED or sched.held != EXPECTED_HELD:
            ok = False
    print("runs %d: packets queued %d, holds %d" % (runs, total_queued, total_held))
    print("device letters checksum %d" % checksum)
    print("check (%d queued, %d held per run): %s"
          % (EXPECTED_QUEUED, EXPECTED_HELD, "ok" if ok else "FAILED"))


main()
