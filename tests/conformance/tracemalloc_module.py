# tracemalloc: tracing on and off, traced memory and its peak, snapshots
# attributed to the line that allocated, differences, filters, errors.
import tracemalloc

print(tracemalloc.is_tracing())
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print('RuntimeError:', e)
print(tracemalloc.get_traced_memory())

tracemalloc.start()
print(tracemalloc.is_tracing())
print(isinstance(tracemalloc.get_tracemalloc_memory(), int))
first = tracemalloc.get_traced_memory()
print(type(first).__name__, len(first), [type(v).__name__ for v in first])

before = tracemalloc.take_snapshot()
big = [str(i) * 4 for i in range(20000)]
after = tracemalloc.take_snapshot()
current, peak = tracemalloc.get_traced_memory()
print(current > first[0] + 100000, peak >= current)

top = after.statistics('lineno')[0]
frame = top.traceback[0]
print(frame.filename.endswith('tracemalloc_module.py'), frame.lineno)
print(top.size > 100000, top.count >= 20000, len(top.traceback))
text = str(top)
print(text[text.index(':'):text.index('size=') + 5])

diff = after.compare_to(before, 'lineno')[0]
print(type(diff).__name__, diff.traceback[0].lineno, diff.size_diff > 0, diff.count_diff > 0)

by_file = after.statistics('filename')[0]
print(by_file.traceback[0].filename.endswith('tracemalloc_module.py'))

only_line = after.filter_traces([tracemalloc.Filter(True, '*tracemalloc_module.py', 19)])
print([s.traceback[0].lineno for s in only_line.statistics('lineno')])
without = after.filter_traces([tracemalloc.Filter(False, '*tracemalloc_module.py')])
print([s for s in without.statistics('lineno') if s.traceback[0].lineno == 19])

del big
current_after_del, peak_after_del = tracemalloc.get_traced_memory()
print(current_after_del < current, peak_after_del >= peak)
tracemalloc.reset_peak()
print(tracemalloc.get_traced_memory()[1] < peak)

tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print('RuntimeError:', e)
