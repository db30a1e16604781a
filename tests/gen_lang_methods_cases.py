#!/usr/bin/env python3
"""Generates tests/test_lang_methods_cases.h: each case run under CPython 3.11.

Usage: python3 tests/gen_lang_methods_cases.py > tests/test_lang_methods_cases.h
"""
import builtins, sys
class Fn:
    def __init__(self, table, name, pyfn): self.table, self.name, self.pyfn = table, name, pyfn
def cstr(s):
    b = s.encode() if isinstance(s, str) else s
    out = '"'
    for c in b:
        if c in (34, 92): out += '\\' + chr(c)
        elif 32 <= c < 127: out += chr(c)
        else: out += '\\%03o' % c
    return out + '"'
def mk(v):
    if isinstance(v, Fn): return f'fn(I, {v.table}, "{v.name}")'
    if v is None: return 'none_()'
    if v is True: return 'rc_true()'
    if v is False: return 'rc_false()'
    if isinstance(v, int): return 'lx_int(I, INT64_MIN)' if v == -2**63 else f'lx_int(I, INT64_C({v}))'
    if isinstance(v, float):
        if v != v: return 'lx_float(I, NAN)'
        if v in (float('inf'), float('-inf')): return f'lx_float(I, {"-" if v < 0 else ""}INFINITY)'
        return f'lx_float(I, {v!r})'
    if isinstance(v, str): return f'str_(I, {cstr(v)}, {len(v.encode())})'
    if isinstance(v, bytes): return f'bytes_(I, {cstr(v)}, {len(v)})'
    if isinstance(v, list): return f'list_(I, {len(v)}' + ''.join(', ' + mk(x) for x in v) + ')'
    if isinstance(v, tuple): return f'tuple_(I, {len(v)}' + ''.join(', ' + mk(x) for x in v) + ')'
    if isinstance(v, dict): return f'dict_(I, {len(v)}' + ''.join(f', {mk(k)}, {mk(x)}' for k, x in v.items()) + ')'
    raise TypeError(v)
def pyval(v):
    if isinstance(v, Fn): return v.pyfn
    if isinstance(v, list): return [pyval(x) for x in v]
    if isinstance(v, dict): return {k: pyval(x) for k, x in v.items()}
    return v
def outcome(f, show_self=None):
    try:
        r = f()
        return repr(r) if show_self is None else repr((r, show_self()))
    except Exception as e:
        return '!' + type(e).__name__.replace('UnicodeEncodeError', 'UnicodeError').replace('UnicodeDecodeError', 'UnicodeError') + ': ' + str(e) if not isinstance(e, KeyError) else '!KeyError: ' + str(e)
import copy
tables = {'str': 'lx_str_methods', 'bytes': 'lx_bytes_methods', 'list': 'lx_list_methods', 'tuple': 'lx_tuple_methods',
          'dict': 'lx_dict_methods', 'int': 'lx_int_methods', 'float': 'lx_float_methods', 'builtin': 'lx_builtin_functions_extra'}
lines = []
def M(kind, name, *args, **kw):
    self = None
    if kind != 'builtin':
        self, args = args[0], args[1:]
    mutating = kind in ('list', 'dict')
    if kind == 'builtin':
        pyself = None
        exp = outcome(lambda: getattr(builtins, name)(*[pyval(a) for a in args], **{k: pyval(v) for k, v in kw.items()}))
    else:
        pyself = copy.deepcopy(self)
        exp = outcome(lambda: getattr(pyself, name)(*[pyval(a) for a in args], **{k: pyval(v) for k, v in kw.items()}),
                      (lambda: pyself) if mutating else None)
    callargs = ([mk(self)] if kind != 'builtin' else []) + [mk(a) for a in args]
    kwc = f'dict_(I, {len(kw)}' + ''.join(f', str_(I, "{k}", {len(k)}), {mk(v)}' for k, v in kw.items()) + ')' if kw else 'NULL'
    lines.append(f'    T_CALL({tables[kind]}, "{name}", {int(mutating)}, {kwc}, {cstr(exp)}, {len(callargs)}' + ''.join(', ' + a for a in callargs) + ');')
def P(fmt, args):
    exp = outcome(lambda: fmt % args)
    lines.append(f'    T_PCT({mk(fmt)}, {mk(args)}, {cstr(exp)});')
def F(v, spec):
    exp = outcome(lambda: format(v, spec))
    lines.append(f'    T_FMT({mk(v)}, {cstr(spec)}, {cstr(exp)});')
def R(v):
    lines.append(f'    T_FMT({mk(v)}, NULL, {cstr(repr(v))});')

# ---- the cases -------------------------------------------------------------
ABS = Fn('lx_builtin_functions_extra', 'abs', abs)
LOWER = Fn('lx_str_methods', 'lower', str.lower)
# ---- str
for s, a, k in [("a b  c ", (), {}), ("a,b,,c", (",",), {}), ("a,b,c", (",", 1), {}), ("  a b c  ", (None, 1), {}),
                ("a b c", (), {"maxsplit": 1}), ("x", ("",), {}), ("x", (1,), {}), ("x", (), {"foo": 1}),
                ("é ü  ñ", (), {}), ("a\u3000b\xa0c", (), {}), ("", (), {}), ("", (",",), {}), ("a b", (None, "x"), {})]:
    M('str', 'split', s, *a, **k)
for s, a in [("  a b c  ", (None, 1)), ("a,b,c", (",", 1)), ("a b c", ()), ("a  b  c", (None, 0)), ("abcabc", ("bc",))]:
    M('str', 'rsplit', s, *a)
M('str', 'join', "-", ["a", "b", "c"]); M('str', 'join', "", []); M('str', 'join', ", ", ("x",))
M('str', 'join', "-", ["a", 1]); M('str', 'join', "-", 5); M('str', 'join', "é", "abc")
for m in ['strip', 'lstrip', 'rstrip']:
    M('str', m, "  hi \n"); M('str', m, "xxhixx", "x"); M('str', m, "abcba", "ab"); M('str', m, "a", 1); M('str', m, "éaé", "é")
for m in ['upper', 'lower', 'title', 'capitalize', 'swapcase', 'isdigit', 'isalpha', 'isspace', 'isalnum', 'isupper', 'islower']:
    for s in ["Hello World's", "", "abc", "ABC", "123", " \t", "a1", "éÉàÀ ñ", "ÿŸ", "hello wORLD", "ΑβΓ", "Привет"]:
        M('str', m, s)
M('str', 'upper', "a", 1)
M('str', 'replace', "aaa", "a", "b"); M('str', 'replace', "aaa", "a", "b", 2); M('str', 'replace', "abc", "", "-")
M('str', 'replace', "abc", "", "-", 2); M('str', 'replace', "", "", "x"); M('str', 'replace', "a", 1, 2); M('str', 'replace', "a", "a")
M('str', 'replace', "héllo", "l", "L"); M('str', 'replace', "éé", "", "|")
for m in ['startswith', 'endswith']:
    M('str', m, "hello", "he"); M('str', m, "hello", "lo"); M('str', m, "hello", ("x", "lo", "he")); M('str', m, "hello", 1)
    M('str', m, "hello", ("x", 1)); M('str', m, "hello", "ell", 1); M('str', m, "hello", "ell", 1, 4); M('str', m, "hello", "", 6)
    M('str', m, "héllo", "é", 1, 2); M('str', m, "abc", "a", None, None); M('str', m, "abc", "c", -1)
for m in ['find', 'rfind', 'index', 'rindex', 'count']:
    for a in [("l",), ("l", 3), ("l", -2), ("l", 0, 3), ("z",), ("",), ("", 5), ("", 6), (1,), ("é",), ("ll", None, None)]:
        M('str', m, "héllo", *a)
    M('str', m, "aaaa", "aa"); M('str', m, "abc", "c", "x")
M('str', 'count', "a")
for w in [(10,), (10, "*"), (2,), (11, "é"), (5, "ab"), (5, 1), ("x",), (-3,), (8, "-")]:
    for m in ['center', 'ljust', 'rjust']:
        M('str', m, "abc", *w)
M('str', 'center', "ab", 5); M('str', 'center', "abc", 6); M('str', 'center', "a", 4)
for s in ["42", "-42", "+42", "", "abc", "-"]:
    M('str', 'zfill', s, 5)
M('str', 'zfill', "a"); M('str', 'zfill', "1", "a")
M('str', 'splitlines', "a\nb\r\nc\rd\x0be\x1cf\u2028g\n"); M('str', 'splitlines', "a\nb\r\n", True); M('str', 'splitlines', "")
M('str', 'splitlines', "\n\n"); M('str', 'splitlines', "a\n", keepends=True); M('str', 'splitlines', "a", "x")
M('str', 'encode', "héllo"); M('str', 'encode', "héllo", "ascii"); M('str', 'encode', "héllo", "latin-1")
M('str', 'encode', "héllo", "ascii", "replace"); M('str', 'encode', "h", "foo"); M('str', 'encode', "h", 1); M('str', 'encode', "h€", "latin-1", "ignore")
M('str', 'isascii', "abc"); M('str', 'isascii', "é")
for s in ["Title Case", "Title case", "TITLE", "", "1A", "A1 B2", "Éa Üb", "a"]:
    M('str', 'istitle', s)
for m in ['partition', 'rpartition']:
    M('str', m, "a=b=c", "="); M('str', m, "abc", "x"); M('str', m, "é=ü", "="); M('str', m, "a", ""); M('str', m, "a", 1)
for m in ['removeprefix', 'removesuffix']:
    M('str', m, "prefix-body-suffix", "prefix-"); M('str', m, "prefix-body-suffix", "-suffix"); M('str', m, "ab", ""); M('str', m, "a", 1)
M('str', 'casefold', "ABC é")
# str.format
for f, a, k in [("{} {}", (1, 2), {}), ("{1} {0}", ("a", "b"), {}), ("{x}-{y}", (), {"x": 1, "y": 2.5}), ("{{}} {}", (3,), {}),
                ("{:>5}|{:<5}|{:^5}", (1, 2, 3), {}), ("{!r} {!s}", ("a", "b"), {}), ("{0[1]} {1[k]}", ([1, 2], {"k": "v"}), {}),
                ("{:.2f}", (3.14159,), {}), ("{:{}}", (1, 5), {}), ("{} {}", (1,), {}), ("{0} {}", (1, 2), {}), ("{} {0}", (1, 2), {}),
                ("{x}", (), {}), ("{", (), {}), ("}", (), {}), ("{0!z}", (1,), {}), ("{:d}", ("s",), {}), ("{a", (), {}),
                ("{0:", (), {}), ("{0:{1:{2}}}", (1, 2, 3), {}), ("{0.foo}", (1,), {}), ("{0[0]}", (1,), {}), ("{:,}", (1234567,), {}),
                ("{!a}", ("é",), {}), ("{:*^9}", ("mid",), {}), ("{0}{0}", ("ab",), {}), ("é{}ü", ("ñ",), {}), ("{:x}", (255,), {})]:
    M('str', 'format', f, *a, **k)
# ---- bytes
M('bytes', 'decode', b"h\xc3\xa9"); M('bytes', 'decode', b"\xff"); M('bytes', 'decode', b"\xe2\x82"); M('bytes', 'decode', b"\xe2\x41")
M('bytes', 'decode', b"a\xffb", "utf-8", "replace"); M('bytes', 'decode', b"a\xffb", errors="ignore"); M('bytes', 'decode', b"\xe9", "latin-1")
M('bytes', 'decode', b"\xe9", "ascii"); M('bytes', 'decode', b"a", "foo"); M('bytes', 'decode', b"\xed\xa0\x80")
M('bytes', 'hex', b"\x00\xffab"); M('bytes', 'count', b"abab", b"ab"); M('bytes', 'count', b"abab", 97); M('bytes', 'count', b"a", 256)
M('bytes', 'count', b"a", "a"); M('bytes', 'count', b"abc", b"", 1); M('bytes', 'startswith', b"abc", b"ab"); M('bytes', 'startswith', b"abc", "a")
M('bytes', 'endswith', b"abc", (b"x", b"bc")); M('bytes', 'join', b", ", [b"a", b"b"]); M('bytes', 'join', b"", [b"a", "b"]); M('bytes', 'join', b"x", 3)
# ---- list
M('list', 'append', [1], 2); M('list', 'append', []); M('list', 'extend', [1], [2, 3]); M('list', 'extend', [1], (2,)); M('list', 'extend', [1], "ab")
M('list', 'extend', [1], 5); M('list', 'extend', [1], {"a": 1})
for i in [0, 1, -1, 10, -10]:
    M('list', 'insert', [1, 2, 3], i, "x")
M('list', 'insert', [1], "a", 1); M('list', 'insert', [1], 1)
M('list', 'pop', [1, 2, 3]); M('list', 'pop', [1, 2, 3], 0); M('list', 'pop', [1, 2, 3], -1); M('list', 'pop', []); M('list', 'pop', [1], 5)
M('list', 'pop', [1], -2); M('list', 'pop', [1], "a"); M('list', 'pop', [1], 1, 2)
M('list', 'remove', [1, 2, 1], 1); M('list', 'remove', [1], 3); M('list', 'remove', [1.0, 2], 1)
M('list', 'index', [1, 2, 3, 2], 2); M('list', 'index', [1, 2, 3, 2], 2, 2); M('list', 'index', [1, 2, 3, 2], 2, -1); M('list', 'index', [1, 2], 5)
M('list', 'index', [1, 2, 3], 3, 0, 2); M('list', 'index', ["a"], "b"); M('list', 'index', [])
M('list', 'count', [1, 2, 1, 1.0, True], 1); M('list', 'count', [], 1); M('list', 'count', [])
import random
random.seed(5)
for n in [0, 1, 2, 5, 31, 32, 33, 64, 100, 1000]:
    data = [random.randint(-50, 50) for _ in range(n)]
    M('list', 'sort', data); M('list', 'sort', list(data), reverse=True); M('list', 'sort', list(data), key=ABS)
    M('list', 'sort', list(data), key=ABS, reverse=True)
M('list', 'sort', ["b", "A", "a", "B"], key=LOWER); M('list', 'sort', ["b", "A", "a", "B"], key=LOWER, reverse=True)
M('list', 'sort', [1.5, 0.5, -2.0, 3]); M('list', 'sort', [(2, "a"), (1, "b"), (1, "a")]); M('list', 'sort', ["é", "e", "z", "a"])
M('list', 'sort', [1, "a"]); M('list', 'sort', [3, 2, 1, "a", 0]); M('list', 'sort', [1], 1); M('list', 'sort', [1], foo=1)
M('list', 'sort', [2, 1], reverse=None); M('list', 'sort', [1, 2], key=None); M('list', 'sort', [1, 2], key=1)
M('list', 'sort', [3, 1, 2], key=Fn('lx_builtin_functions_extra', 'chr', chr))
M('list', 'reverse', [1, 2, 3]); M('list', 'reverse', []); M('list', 'copy', [1, [2]]); M('list', 'clear', [1, 2])
M('tuple', 'count', (1, 2, 1), 1); M('tuple', 'index', (1, 2), 2); M('tuple', 'index', (1, 2), 3); M('tuple', 'index', (1, 2, 1), 1, 1)
# ---- dict
D = {"a": 1, "b": 2}
M('dict', 'get', D, "a"); M('dict', 'get', D, "z"); M('dict', 'get', D, "z", 0); M('dict', 'get', D); M('dict', 'get', D, [1])
M('dict', 'keys', D); M('dict', 'values', D); M('dict', 'items', D); M('dict', 'keys', {}); M('dict', 'keys', D, 1)
M('dict', 'pop', D, "a"); M('dict', 'pop', D, "z"); M('dict', 'pop', D, "z", None); M('dict', 'pop', D, 1); M('dict', 'pop', D)
M('dict', 'popitem', D); M('dict', 'popitem', {}); M('dict', 'setdefault', D, "c", 3); M('dict', 'setdefault', D, "a", 3)
M('dict', 'setdefault', D, "n"); M('dict', 'update', D, {"a": 9, "z": 0}); M('dict', 'update', D, [("x", 1), ["y", 2]]); M('dict', 'update', D, x=5)
M('dict', 'update', D, [1]); M('dict', 'update', D, [(1, 2, 3)]); M('dict', 'update', D, 1); M('dict', 'update', D, {"q": 1}, w=2)
M('dict', 'update', D, ["ab"]); M('dict', 'copy', D); M('dict', 'clear', D); M('dict', 'fromkeys', D, "ab"); M('dict', 'fromkeys', D, [1, 2], 0)
# ---- numbers
for v in [0, 1, 255, -256, 2**62, -2**63]:
    M('int', 'bit_length', v); M('int', 'bit_count', v)
M('int', 'bit_length', True); M('int', 'conjugate', 5); M('int', 'bit_length', 1, 2)
M('int', 'to_bytes', 1024, 2, "big"); M('int', 'to_bytes', 1024, 2, "little"); M('int', 'to_bytes', 300, 1, "big"); M('int', 'to_bytes', -1, 2, "big", signed=True)
M('int', 'to_bytes', -1, 2, "big"); M('int', 'to_bytes', 5); M('int', 'to_bytes', 128, 1, "big", signed=True); M('int', 'to_bytes', 1, 1, "middle")
M('int', 'to_bytes', 2**62, 10, "little"); M('int', 'to_bytes', -5, 10, "big", signed=True); M('int', 'to_bytes', 0, 0, "big")
for v in [1.0, 1.5, float('inf'), float('nan'), -0.0, 1e300]:
    M('float', 'is_integer', v); M('float', 'hex', v)
M('float', 'hex', 5e-324); M('float', 'hex', 0.1); M('float', 'conjugate', 2.5)
# ---- builtins
for v in [-5, 5, 0, -2.5, True, -2**63 + 1, "a"]:
    M('builtin', 'abs', v)
M('builtin', 'abs')
M('builtin', 'max', [3, 1, 2]); M('builtin', 'max', 3, 1, 2); M('builtin', 'min', [3, 1, 2]); M('builtin', 'min', "hello")
M('builtin', 'max', []); M('builtin', 'max', [], default=7); M('builtin', 'max', 1, 2, default=3); M('builtin', 'max')
M('builtin', 'max', [-5, 3, 4], key=ABS); M('builtin', 'min', [-5, 3, -3], key=ABS); M('builtin', 'max', [1, "a"]); M('builtin', 'max', 5)
M('builtin', 'max', [1, 1.0]); M('builtin', 'min', [1.0, 1]); M('builtin', 'max', [1], foo=1); M('builtin', 'max', ["b", "a", "c"])
M('builtin', 'sum', [1, 2, 3]); M('builtin', 'sum', [1, 2.5]); M('builtin', 'sum', [[1], [2]], []); M('builtin', 'sum', ["a"], "")
M('builtin', 'sum', [1], start=10); M('builtin', 'sum', 1); M('builtin', 'sum', [2**62, 2**62 - 1]); M('builtin', 'sum', [0.1] * 10)
M('builtin', 'sum', [True, True]); M('builtin', 'sum', [1, "a"]); M('builtin', 'sum', [], 5.5)
M('builtin', 'sorted', [3, 1, 2]); M('builtin', 'sorted', "bca"); M('builtin', 'sorted', [3, 1, 2], reverse=True); M('builtin', 'sorted', [-3, 1, 2], key=ABS)
M('builtin', 'sorted', {"b": 1, "a": 2}); M('builtin', 'sorted', 1); M('builtin', 'sorted', [], 1); M('builtin', 'sorted', [1], foo=2)
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (7, 0), (7.5, 2), (-7.5, 2), (7.0, -2), (0.0, -1), (-0.0, 1), (7, 0.0), ("a", 1), (-2**63, 1), (1e308, 1e-308), (True, 2)]:
    M('builtin', 'divmod', a, b)
for a in [(0.5,), (1.5,), (2.5,), (-0.5,), (-1.5,), (2.675, 2), (1.25, 1), (1234.5678, -2), (15, -1), (25, -1), (35, -1), (-25, -1),
          (float('inf'),), (float('nan'),), (1e18,), ("a",), (1.5, "a"), (True,), (5, 2), (0.1, 30), (1e20, 2), (123.456, None), (7,), (1e-300, 5)]:
    M('builtin', 'round', *a)
for a in [(2, 10), (2, -1), (0, -1), (2, 62), (-2, 63), (3, 4, 5), (2, -1, 5), (2, -1, 4), (2, 3, 0), (2.0, 3, 5), (2, 0.5), 
          (0.0, -1), (10, 400.0), (2, 3, -5), (-2, 3, 5), (7, 2, 1), ("a", 2), (1.5, 2)]:
    M('builtin', 'pow', *a)
for a in [65, 233, 0x1F600, -1, 0x110000, "a", True]:
    M('builtin', 'chr', a)
for a in ["A", "é", "😀", "ab", "", 1, b"a"]:
    M('builtin', 'ord', a)
for f in ['hex', 'oct', 'bin']:
    for a in [0, 255, -255, -2**63, True, 1.5]:
        M('builtin', f, a)
M('builtin', 'format', 1234.5, ",.2f"); M('builtin', 'format', 1, 1); M('builtin', 'format', "x"); M('builtin', 'format', [1], "")
M('builtin', 'any', [0, "", 3]); M('builtin', 'any', []); M('builtin', 'all', [1, "a"]); M('builtin', 'all', [1, 0]); M('builtin', 'all', []); M('builtin', 'any', 5)
# ---- % formatting
for f, a in [("%s", 1), ("%d", "s"), ("%x", 1.5), ("%f", "s"), ("%c", "ab"), ("%c", 1.5), ("%z", 1), ("%", 1), ("%s %s", 1), ("%s", (1, 2)),
             ("%(a)s", 1), ("%(a)s", {}), ("%s %(a)s", {"a": 1}), ("%*d", ("a", 1)), ("%c", 99999999), ("%(a)d %d", {"a": 1}),
             ("%.*f", (1.5, 2.0)), ("%ld", 5), ("% 5d", 1), ("%(a", {"a": 1}), ("%s", {"a": 1}), ("%o", -8), ("%#x", 255), ("%#o", 8),
             ("%+.3e", 1.5), ("%-5d|", 3), ("%05.1f", -2.5), ("%x", True), ("%s", None), ("%r", "a"), ("%a", "é"), ("%d", 1.9),
             ("%e", 1e300), ("%g", 1e-5), ("%G", 1e20), ("%.0e", 5), ("%#.0f", 5), ("%#g", 5), ("%10.3s|", "abcdef"), ("%c", "é"),
             ("%c", 233), ("%x", -255), ("%X", 255), ("%.3d", 5), ("%+d", 0), ("%i", 2.5), ("%u", 3), ("%F", float('inf')),
             ("%f", float('nan')), ("%010f", float('-inf')), ("%.30f", 1), ("%s%%", 5), ("%s", b"a"), ("%d %d", [1, 2]), ("%s", [1, 2]),
             ("%.2s", 1.5), ("%*.*f", (8, 3, 3.14159)), ("%-*d|", (4, 7)), ("%*d|", (-4, 7)), ("%(x)s %%", {"x": 1}), ("%s", ((1, 2),)),
             ("%i %s", (1,)), ("%.f", 2.5), ("%.f", 3.5), ("%e", 0), ("%g", 100000), ("%g", 1000000), ("%#x", 0), ("%05s", "a"),
             ("%-05d|", 5), ("%+5s", "a"), ("%03c", "a"), ("%.1r", "ab"), ("%5r", None), ("%d", 10**10), ("%.3g", 1234.5), ("%g", -0.0),
             ("%#.3g", 1), ("%#5x", 1), ("%#05x", 1), ("%-#5x|", 1), ("%0-5d|", 1), ("%08.3f", -1.5), ("%+08d", 5), ("% 08d", 5),
             ("%.20e", 0.1), ("%.0g", 12), ("%.1g", 0.15), ("%#.2g", 2e-5), ("%(a)*d", {"a": 1}), ("", ()), ("", 1), ("", {}), ("", []),
             ("%%", 1), ("%s %s", {}), ("é%sü%d", ("ñ", 3)), ("%é", 1), ("%5.2%", ()), ("%d", float('inf')), ("%d", float('nan'))]:
    P(f, a)
# ---- format spec
for v, s in [(1234, "09,d"), (1234, "010,d"), (1234, "0=10,d"), (-1234, "010,d"), (1234, "08_x"), (0x12345, "#012_x"), ("a", "05"),
             (1.5, "05"), (float('inf'), "010"), (float('nan'), "+010"), (1, "abc"), (1, "5."), (1234567.0, ","), (1234567.125, ",.2f"),
             (1e16, ","), (1.0, ".3"), (100.0, ".3"), (12.0, ".2"), (10.0, ".3"), (1e-5, ".3"), (1.0, ".1"), (0.5, "%"), (0.5, ".1%"), (1.5, "n"),
             (-0.0, "z.1f"), (-0.0001, "z.1f"), (True, ""), (True, "^5"), (True, "s"), (5, "c"), (5, "#o"), (5, "#b"), (-5, "#X"), (-5, "=+5d"),
             (5, "x<5"), (5, "é^5"), (1.5, "E"), ("abc", ".2"), ("abc", "^7.2"), (None, ""), (None, "s"), ([1], ""), (3, ".2f"), (3, "e"),
             (3, "%"), (1.0, ""), (1.0, "g"), (1e16, "g"), (1.0, "#"), (1.0, "#g"), (1.0, "#.0f"), (12.5, ".0f"), (13.5, ".0f"), (0.125, ".2f"),
             (2.675, ".2f"), (1e301, "f"), (-1, ","), (-1234567, ","), (1234567, "_"), (255, "_b"), (12, "0=5"), (12, "*<+6"), (-12, "*^+7"),
             (1.5, "=+8.2f"), (-12, "010"), (0.1, ".20"), (65, "#c"), (65, ",c"), ("ab", "="), ("ab", ">3s"), (1, "z"), (1.5, "z"),
             ("a", "z"), (1.0, "+"), (1e21, ""), (1e21, "f"), (float('nan'), ""), (float('-inf'), ""), (float('inf'), "E"), (float('nan'), "%"),
             (1.23456789e-7, ""), (1.5, ".3g"), (1e-7, "G"), (1234.5, "012,.2f"), (1234.5, "_e"), (1234.5, ",g"), (12345678.0, ",g"),
             (1, ",_"), (1, "_n"), (1, ",x"), (1.5, "d"), (1, ".2d"), ("a", "+5"), (1, "+c"), (1, "10000000000000000000"), ("é", "é>3"),
             ("ab", "0<5"), (123456789, ",.3e"), (1, "#x"), (0.0, ".0e"), (9.9996, ".4"), (0.0001, ""), (5e-5, ".2"), (1e15, ""),
             (2**63 - 1, ","), (-2**63, "_x"), (0.1 + 0.2, ""), (1 / 3, ".10"), (1e100, "e"), (1, "%")]:
    F(v, s)
for v, s in [(65, "<020_o"), (-0.7, "^011_.5"), (2.5, "=011.15"), (-26.6691, ">020E"), (5, "0_.2c"), (5, ",.6x"), (1.5, ",s"),
             (107, "011c"), (22, "x=5c"), (-0.0, "z#02E"), (-0.0, "*^z.19E"), (14.0, "=09.18n"), (1, "<05,")]:
    F(v, s)
for v in [0.1, 1e16, 1.5e-07, float('inf'), float('-inf'), float('nan'), -0.0, 0.0, 3.0, 123456789012345.0, 1e+22, 1e15, 1e-4, 1e-5,
          0.1 + 0.2, 1 / 3, 2 ** 0.5, 5e-324, 1.7976931348623157e308, 123.456, 1e-310, 9007199254740993.0, 100.0, 12345678901234567.0]:
    R(v)

print('/* Generated by tests/gen_lang_methods_cases.py under python3 (CPython 3.11): do not edit. */')
print('static void run_cases(lx_interp *I)\n{')
print('\n'.join(lines))
print('}')
