# tracemalloc — CPython's tracemalloc API on the heap's own tracing
# (_tracemalloc, lang/mod_tracemalloc.c).
#
# Every traced block is attributed to one frame, the script line that was
# running when it was allocated, so a Traceback holds exactly one Frame and
# get_traceback_limit() is 1.  Sizes are the bytes asked for.  A Snapshot
# keeps its traces as (Traceback, size, count) per line; the statistics
# group them by line, by file or by traceback (the same as by line here).
# Invariant: _tracing is True exactly between start() and stop().

import _tracemalloc

_tracing = False


def _format_size(size, signed):
    units = ['B', 'KiB', 'MiB', 'GiB']
    value = size
    for unit in units:
        if abs(value) < 100 and unit != 'B':
            text = '%.1f %s' % (value, unit)
            break
        if abs(value) < 10 * 1024 or unit == units[-1]:
            text = '%.0f %s' % (value, unit)
            break
        value = value / 1024
    if signed and size >= 0:
        return '+' + text
    return text


class Frame:
    def __init__(self, filename, lineno):
        self.filename = filename
        self.lineno = lineno

    def __eq__(self, other):
        return isinstance(other, Frame) and (self.filename, self.lineno) == (other.filename, other.lineno)

    def __hash__(self):
        return hash((self.filename, self.lineno))

    def __str__(self):
        return '%s:%s' % (self.filename, self.lineno)

    def __repr__(self):
        return '<Frame filename=%r lineno=%r>' % (self.filename, self.lineno)


class Traceback:
    def __init__(self, frames):
        self._frames = tuple(frames)

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        return self._frames[index]

    def __iter__(self):
        return iter(self._frames)

    def __eq__(self, other):
        return isinstance(other, Traceback) and self._frames == other._frames

    def __hash__(self):
        return hash(self._frames)

    def __str__(self):
        return str(self._frames[0])

    def __repr__(self):
        return '<Traceback %r>' % (self._frames,)

    def format(self, limit=None, most_recent_first=False):
        return ['  File "%s", line %s' % (f.filename, f.lineno) for f in self._frames]


class Statistic:
    def __init__(self, traceback, size, count):
        self.traceback = traceback
        self.size = size
        self.count = count

    def __str__(self):
        text = '%s: size=%s, count=%d' % (self.traceback, _format_size(self.size, False), self.count)
        if self.count:
            text += ', average=%s' % _format_size(self.size // self.count, False)
        return text

    def __repr__(self):
        return '<Statistic traceback=%r size=%d count=%d>' % (self.traceback, self.size, self.count)


class StatisticDiff:
    def __init__(self, traceback, size, size_diff, count, count_diff):
        self.traceback = traceback
        self.size = size
        self.size_diff = size_diff
        self.count = count
        self.count_diff = count_diff

    def __str__(self):
        text = '%s: size=%s (%s), count=%d (%+d)' % (
            self.traceback, _format_size(self.size, False), _format_size(self.size_diff, True),
            self.count, self.count_diff)
        if self.count:
            text += ', average=%s' % _format_size(self.size // self.count, False)
        return text

    def __repr__(self):
        return '<StatisticDiff traceback=%r size=%d (%+d) count=%d (%+d)>' % (
            self.traceback, self.size, self.size_diff, self.count, self.count_diff)


def _matches(pattern, text):
    # fnmatch's '*' and '?' (no character classes)
    if not pattern:
        return not text
    if pattern[0] == '*':
        for start in range(len(text) + 1):
            if _matches(pattern[1:], text[start:]):
                return True
        return False
    if text and (pattern[0] == '?' or pattern[0] == text[0]):
        return _matches(pattern[1:], text[1:])
    return False


class Filter:
    def __init__(self, inclusive, filename_pattern, lineno=None, all_frames=False, domain=None):
        self.inclusive = inclusive
        self.filename_pattern = filename_pattern
        self.lineno = lineno
        self.all_frames = all_frames
        self.domain = domain

    def _keeps(self, frame):
        hit = _matches(self.filename_pattern, frame.filename) and \
            (self.lineno is None or self.lineno == frame.lineno)
        return hit == bool(self.inclusive)


class DomainFilter:
    # every block is in domain 0
    def __init__(self, inclusive, domain):
        self.inclusive = inclusive
        self.domain = domain

    def _keeps(self, frame):
        return (self.domain == 0) == bool(self.inclusive)


def _group(traces, key_type):
    if key_type not in ('lineno', 'filename', 'traceback'):
        raise ValueError('unknown key_type: %r' % (key_type,))
    groups = {}
    for traceback, size, count in traces:
        key = traceback
        if key_type == 'filename':
            key = Traceback([Frame(traceback[0].filename, 0)])
        old = groups.get(key, (0, 0))
        groups[key] = (old[0] + size, old[1] + count)
    return groups


class Snapshot:
    def __init__(self, traces, traceback_limit=1):
        self._traces = traces
        self.traceback_limit = traceback_limit

    def filter_traces(self, filters):
        inclusive = [f for f in filters if f.inclusive]
        exclusive = [f for f in filters if not f.inclusive]
        kept = []
        for trace in self._traces:
            frame = trace[0][0]
            if inclusive and not any(f._keeps(frame) for f in inclusive):
                continue
            if all(f._keeps(frame) for f in exclusive):
                kept.append(trace)
        return Snapshot(kept, self.traceback_limit)

    def statistics(self, key_type, cumulative=False):
        groups = _group(self._traces, key_type)
        stats = [Statistic(tb, v[0], v[1]) for tb, v in groups.items()]
        stats.sort(key=lambda s: (s.size, s.count), reverse=True)
        return stats

    def compare_to(self, old_snapshot, key_type, cumulative=False):
        new = _group(self._traces, key_type)
        old = _group(old_snapshot._traces, key_type)
        diffs = []
        for tb, v in new.items():
            before = old.get(tb, (0, 0))
            diffs.append(StatisticDiff(tb, v[0], v[0] - before[0], v[1], v[1] - before[1]))
        for tb, v in old.items():
            if tb not in new:
                diffs.append(StatisticDiff(tb, 0, -v[0], 0, -v[1]))
        diffs.sort(key=lambda d: (abs(d.size_diff), d.size, abs(d.count_diff), d.count), reverse=True)
        return diffs


def is_tracing():
    return _tracing


def start(nframe=1):
    global _tracing
    if nframe < 1:
        raise ValueError('the number of frames must be in range [1; 65535]')
    _tracemalloc.start()
    _tracing = True


def stop():
    global _tracing
    _tracemalloc.stop()
    _tracing = False


def get_traced_memory():
    if not _tracing:
        return (0, 0)
    return _tracemalloc.traced_memory()


def reset_peak():
    if _tracing:
        _tracemalloc.reset_peak()


def clear_traces():
    if _tracing:
        _tracemalloc.start()


def get_tracemalloc_memory():
    return _tracemalloc.overhead()


def get_traceback_limit():
    return 1


def get_object_traceback(obj):
    return None


def take_snapshot():
    if not _tracing:
        raise RuntimeError('the tracemalloc module must be tracing memory allocations to take a snapshot')
    traces = [(Traceback([Frame(f, line)]), size, count)
              for f, line, size, count in _tracemalloc.sites()]
    return Snapshot(traces, 1)
