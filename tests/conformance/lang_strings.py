# String operations and methods.
s = "Hello, World"
print(len(s), s[0], s[-1], s[7:], s[:5], s[::2], s[::-1], s[-5:-1])
print(s.upper(), s.lower(), s.swapcase(), s.title(), "hello world".capitalize())
print(s.find("o"), s.rfind("o"), s.find("z"), s.index("W"), s.count("l"))
print(s.replace("l", "L"), s.replace("l", "L", 1), s.startswith("Hell"), s.endswith("d"))
print("  pad  ".strip() + "|", "  pad  ".lstrip() + "|", "  pad  ".rstrip() + "|",
      "xxhixx".strip("x"))
print("a,b,,c".split(","), "a b  c".split(), "k=v=w".split("=", 1), "line1\nline2".splitlines())
print("-".join(["a", "b", "c"]), "".join([]), ", ".join(["x"]))
print("abc".isalpha(), "123".isdigit(), "a1".isalnum(), "   ".isspace(), "ABC".isupper(),
      "abc".islower(), "".isdigit())
print("ab" * 3, "-" * 0, 3 * "x", "a" + "b" + "c")
print("abc".center(9, "*"), "abc".ljust(6, ".") + "|", "abc".rjust(6) + "|", "42".zfill(5))
print(str(42), str(-1.5), str(None), str(True), str([1, "a"]), str((1,)), str({"k": "v"}))
print(repr("it's"), repr('say "hi"'), repr("tab\there"), repr("new\nline"), repr("back\\slash"))
print(ord("A"), chr(97), "%c" % 66, "é", len("é"), "\u00e9" == "é")
print("abc" == "abc", "abc" != "abd", "a" < "b", "apple" > "app")
print(list("abc"), tuple("ab"), sorted("cab"), "b" in "abc")
print("x".join("123"), "a-b-c".partition("-"), "a-b-c".rpartition("-"))
t = "one two three two"
print(t.count("two"), t.index("two", 5), t.split(" ", 2), t.rsplit(" ", 1))
print("tab\tsep", "quote\"s", 'single\'s', "back\\slash", "nul" + "\x41")
multi = """line one
line two"""
print(multi)
print(r"raw\nstring", len(r"\n"))
print("implicit" " concatenation")
print(str(b"bytes"), b"ab" + b"cd", len(b"xyz"), b"abc"[0], b"abc"[1:])
print(hash("abc") == hash("ab" + "c"))
