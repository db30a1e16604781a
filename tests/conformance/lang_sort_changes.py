# A list changed by its own sort's key function: ValueError "list modified
# during sort", and the list seen empty meanwhile, as CPython.
def attempt(label, f):
    try:
        print(label, f())
    except ValueError as e:
        print(label, "ValueError", e)
l = [3, 1, 2]
attempt("append", lambda: l.sort(key=lambda x: (l.append(0), x)[1]) or l)
n = [3, 1, 2]
attempt("clear", lambda: n.sort(key=lambda x: (n.clear(), x)[1]) or n)
o = [3, 1, 2]
def see(x):
    print("len during sort", len(o), o)
    return x
attempt("see", lambda: o.sort(key=see) or o)
