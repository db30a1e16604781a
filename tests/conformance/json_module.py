# json: dumps' options (CPython's exact text), loads' values, hooks, and the
# errors with their messages and positions.
import json


def show(f):
    try:
        print(repr(f()))
    except ValueError as e:
        extra = (e.pos, e.lineno, e.colno) if type(e).__name__ == "JSONDecodeError" else ""
        print(type(e).__name__, e, extra)
    except (TypeError, RecursionError, OverflowError) as e:
        print(type(e).__name__, e)


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


class Source:
    def __init__(self, text):
        self.text = text

    def read(self):
        return self.text


print("-- dumps")
data = {"a": [1, 2.5, None, True, False, "x\u00e9\U0001F600\n\t\"\\\x01\x7f/"],
        "b": {"c": (), "d": {}, "e": [[]]},
        3: 1e16, 2.5: 0.1, None: -0.0, True: 1e-7, False: 123456789012345678, -7: 1.5e300}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent="\t", separators=(",", "=")))
print(json.dumps(data, indent=0))
print(json.dumps(data, indent=-1))
print(json.dumps([1, [2, [3, {}]]], separators=(",", ":")))
print(json.dumps({"b": 1, "a": 2, "c": [3]}, sort_keys=True, indent=1))
print(json.dumps([float("nan"), float("inf"), -float("inf"), 0.1 + 0.2, 1e22, 5e-324, 123.0]))
print(json.dumps(("tuple", 1)), json.dumps("x"), json.dumps(None), json.dumps(3.0), json.dumps(-12))
print(json.dumps({(1,): 2, "k": 3, 4: (5,)}, skipkeys=True))
print(json.dumps({1: {3, 1, 2}}, default=sorted))
print(json.dumps([object], default=lambda o: o.__name__))
print(json.dumps("\u2028 \ud7ff \ue000 \U00010000 \U0010ffff"))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True, separators=(";", "->")))

print("-- dumps errors")
show(lambda: json.dumps(object()))
show(lambda: json.dumps({(1,): 2}))
show(lambda: json.dumps(float("nan"), allow_nan=False))
show(lambda: json.dumps({float("inf"): 1}, allow_nan=False))
show(lambda: json.dumps([1], 2))
loop = [1]
loop.append(loop)
show(lambda: json.dumps(loop))
node = {}
node["self"] = node
show(lambda: json.dumps(node))
show(lambda: json.dumps([[1], {"x": node}]))
show(lambda: json.dumps(object(), default=lambda o: o))
deep = []
for i in range(5000):
    deep = [deep]
show(lambda: json.dumps(deep))
shared = [1]
print(json.dumps([shared, shared, {"k": shared}]))

print("-- dump")
sink = Sink()
print(json.dump({"a": [1, 2]}, sink, indent=1), "".join(sink.parts))

print("-- loads")
for s in ["1", " 2 ", "-0", "-12", "3.25", "1e5", "1E-2", "-1.5e+3", "0.000001", "true", "false",
          "null", '"abc"', '"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"', '"\\ud83d\\ude00"', '"é ü \u20ac"',
          "[]", "{}", "[1, 2, {\"a\": [true, false, null]}]", '  {"a": "\\u00e9\\n"}  ',
          '{"a": 1, "a": 2}', "NaN", "Infinity", "-Infinity", "[-Infinity, 1]",
          '{\n  "x": [\n    1,\n    2\n  ]\n}', '"\\u0041\\u00410"', "[" * 50 + "]" * 50]:
    show(lambda: json.loads(s))
show(lambda: json.loads(b'{"x": [1, "\xc3\xa9"]}'))
show(lambda: json.loads(b'\xef\xbb\xbf[1]'))
print(json.loads(json.dumps(data)))
print(json.loads(json.dumps(data, indent=3)) == json.loads(json.dumps(data)))

print("-- loads errors")
for s in ["", " ", "[", "[1,]", "[1 2]", '{"a" 1}', '{"a":1 "b":2}', "{1:2}", "{", '{"a":1,}',
          '"abc', '"a\\x"', '"a\x01"', '"a\nb"', "[1] x", "01", "-", "nul", "tru", "[-]",
          '"\\u12"', '"\\u12x4"', '"\\ud83d\\uzzzz"', '"\\', "[1,\n2,\n  x]", "\ufeff1",
          '{"é": é}', "1.", "1.5e", ".5", "+1", "[1, 2", '{"a": 1', "nan", '"x" "y"']:
    show(lambda: json.loads(s))
show(lambda: json.loads("[" * 100000))
show(lambda: json.loads('{"a":' * 100000))
show(lambda: json.loads(5))
try:
    json.loads("[1,")
except json.JSONDecodeError as e:
    print(type(e).__name__, isinstance(e, ValueError), e.msg, repr(e.doc), e.pos, e.args)
err = json.JSONDecodeError("Custom", "ab\ncd\nef", 7)
print(err, err.lineno, err.colno)

print("-- hooks")
print(json.loads('{"a": 1.5, "b": {"c": 2}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "a": 2, "b": {"c": 3}}', object_pairs_hook=list))
print(json.loads('{"a": {}}', object_hook=len, object_pairs_hook=tuple))
print(json.loads('[1.5, 2, NaN, -Infinity]', parse_float=lambda s: "F" + s,
                 parse_int=lambda s: "I" + s, parse_constant=lambda s: "C" + s))
print(json.loads("[1.1, 2.5]", parse_float=lambda s: len(s)))
print(json.load(Source('{"from": "read"}')))
show(lambda: json.loads("[1]", object_hook=5))
