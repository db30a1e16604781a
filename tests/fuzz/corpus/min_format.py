n = 3
print(f"{n} {n:>4} {n!r}", "%d %s %5.2f" % (n, "s", 1.5), "{} {x}".format(1, x=2))
