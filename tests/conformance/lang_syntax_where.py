# Where a SyntaxError points: line, column and text, as CPython 3.11 reports them.
sources = ["x = (1,\n", "y = 1\nz = [1, {2:\n   3}\n", "def f(:\n  pass\n", "a = {'k': [1, 2\n",
           "print('x'\n", "f(a, b\n", "x = )\n", "if True\n  pass\n"]
for src in sources:
    try:
        exec(src)
    except SyntaxError as e:
        print(repr(src), "->", e.msg, e.lineno, e.offset)
