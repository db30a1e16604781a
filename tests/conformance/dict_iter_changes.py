# A dict changed while it is iterated: a new length, or keys swapped at the
# same length, is a RuntimeError at the next step, as CPython says it.
def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except RuntimeError as e:
        print(label, "RuntimeError", e)

def swap_key():
    d = {1: "a", 2: "b", 3: "c"}
    for k in d:
        if k == 1:
            del d[1]
            d[4] = "d"

def swap_view(view):
    def run():
        d = {1: "a", 2: "b", 3: "c"}
        for x in getattr(d, view)():
            if d.get(1):
                del d[1]
                d[4] = "d"
    return run

def grow():
    d = {1: 1}
    for k in d:
        d[k + 1] = 1

def values_change():
    d = {1: 1, 2: 2}
    for k in d:
        d[k] = 5
    print(d)

def swap_last():
    d = {1: "a", 2: "b"}
    for k in d:
        if k == 2:
            del d[2]
            d[9] = "x"

attempt("swap key", swap_key)
for view in ("keys", "values", "items"):
    attempt("swap " + view, swap_view(view))
attempt("grow", grow)
attempt("values change", values_change)
attempt("swap last", swap_last)
