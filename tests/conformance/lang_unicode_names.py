# "\N{...}" escapes and unicodedata.lookup / name: listed names in any
# case, aliases, names built by rule (Hangul syllables, CJK unified
# ideographs: upper case only), CPython's SyntaxError with positions, and
# every code point's name against CPython's (a checksum over all of them).
import unicodedata

names = ["LATIN SMALL LETTER A", "bullet", "HANGUL SYLLABLE GAG", "hangul syllable GAG", "hangul syllable gag",
         "CJK UNIFIED IDEOGRAPH-4E00", "cjk unified ideograph-4E00", "CJK UNIFIED IDEOGRAPH-4e00",
         "CJK UNIFIED IDEOGRAPH-20000", "cjk compatibility ideograph-f900", "nushu character-1b170",
         "khitan small script character-18b00", "EM DASH", "em dash", "SNOWMAN", "GRINNING FACE",
         "TIBETAN MARK TSA -PHRU", "HYPHEN-MINUS", "NO-BREAK SPACE", "SPACE", "NULL", "LINE FEED",
         "CJK UNIFIED IDEOGRAPH-3400", "CJK UNIFIED IDEOGRAPH-9FFF", "CJK UNIFIED IDEOGRAPH-A000",
         "HANGUL SYLLABLE HIH", "HANGUL SYLLABLE KAG", "x" * 200, "", "NBSP", "LINE FEED (LF)",
         "BYTE ORDER MARK", "ZWJ"]
for n in names:
    try:
        c = eval('"\\N{' + n + '}"')
        print(repr(n[:40]), ascii(c))
    except SyntaxError as e:
        print(repr(n[:40]), "SyntaxError", e.msg)
for src in ['"ab\\N{foo}"', '"\\N"', '"\\N{abc"', '"x\\N{}"', "b'\\N{DASH}'", 'r"\\N{DASH}"', 'f"{1}\\N{EM DASH}{2}"']:
    try:
        print(src, ascii(eval(src)))
    except SyntaxError as e:
        print(src, "SyntaxError", e.msg)

print(unicodedata.lookup("snowman"), unicodedata.name("\u2603"), unicodedata.name("\uac01"),
      unicodedata.name("\u4e00"), unicodedata.name("\x00", "none"), unicodedata.unidata_version)
for f in (lambda: unicodedata.lookup("nope"), lambda: unicodedata.name("\x00"), lambda: unicodedata.name("ab"),
          lambda: unicodedata.lookup(3)):
    try:
        f()
    except (KeyError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

def every_name():
    count = total = check = mismatches = 0
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        name = unicodedata.name(chr(cp), "")
        if not name:
            continue
        count += 1
        total += len(name)
        for ch in name:
            check = (check * 31 + ord(ch)) % 1000000007
        if cp % 7 == 0 and unicodedata.lookup(name) != chr(cp):
            mismatches += 1
    return count, total, check, mismatches


print(*every_name())
x = 5
print(f"\\{x}", f"a\\\\{x}", rf"\N{x}", f"\N{EM DASH}{x}\N{BULLET}", f"{x}\N{DEGREE SIGN}C")
try:
    print(eval('f"\\{x}"'))
except SyntaxError as e:
    print("SyntaxError", e.msg)


def hangul_round_trips():
    return sum(unicodedata.lookup(unicodedata.name(chr(cp))) == chr(cp) for cp in range(0xAC00, 0xAC00 + 11172))


print("Hangul syllables that round-trip:", hangul_round_trips())
