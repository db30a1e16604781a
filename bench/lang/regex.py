# regex.py — the re module over a generated log, written for the `lang`
# section of bench/run.sh (reclaim's interpreter vs python3).
#
# Usage: python3 regex.py [MB]   (reclaim regex.py ...)
#
# Builds about MB megabytes (10 by default) of log lines
# ("2024-03-07 12:34:56 [LEVEL] module: message with words, numbers and an
# address 10.0.3.7") from a linear congruential generator with a fixed
# seed, so the text is the same under any interpreter, with a few non-ASCII
# words now and then.  Then: every word (findall \w+), every line parsed by a
# MULTILINE pattern with groups (finditer, counting levels and modules), the
# IPv4 addresses (findall with four groups), the numbers masked (sub with a
# template) and the durations doubled (sub with a function), and the text
# split on whitespace and on punctuation.  Prints the counts and lengths.
# Imports only re and sys.
import re
import sys

LEVELS = ["DEBUG", "INFO", "INFO", "INFO", "WARNING", "ERROR"]
MODULES = ["auth", "db", "cache", "http", "worker", "scheduler"]
WORDS = ["request", "user", "timeout", "connection", "retry", "query", "session",
         "token", "payload", "cache", "miss", "hit", "slow", "ok", "failed",
         "caf\u00e9", "na\u00efve", "took"]


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % bound


def make_line(rng):
    words = " ".join(WORDS[rng.next(len(WORDS))] for _ in range(rng.next(8) + 2))
    return "2024-%02d-%02d %02d:%02d:%02d [%s] %s: %s %dms from 10.%d.%d.%d, id=%d" % (
        rng.next(12) + 1, rng.next(28) + 1, rng.next(24), rng.next(60), rng.next(60),
        LEVELS[rng.next(len(LEVELS))], MODULES[rng.next(len(MODULES))], words,
        rng.next(5000), rng.next(256), rng.next(256), rng.next(256), rng.next(1000000))


def make_text(megabytes):
    rng = Lcg(12345)
    lines = []
    size = 0
    while size < megabytes * 1000000:
        line = make_line(rng)
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def main():
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    text = make_text(megabytes)
    print("text", len(text))
    words = re.findall(r"\w+", text)
    print("words", len(words), words[:5])
    line_re = re.compile(r"^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) \[(?P<level>\w+)\] "
                         r"(?P<module>\w+): (?P<message>.*)$", re.M)
    levels = {}
    modules = {}
    for m in line_re.finditer(text):
        levels[m.group("level")] = levels.get(m.group("level"), 0) + 1
        modules[m["module"]] = modules.get(m["module"], 0) + 1
    print("levels", sorted(levels.items()))
    print("modules", sorted(modules.items()))
    addresses = re.findall(r"\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b", text)
    print("addresses", len(addresses), addresses[:2])
    masked = re.sub(r"\d+", "#", text)
    print("masked", len(masked))
    doubled, n = re.subn(r"(\d+)ms", lambda m: str(int(m.group(1)) * 2) + "ms", text)
    print("doubled", n, len(doubled))
    print("split", len(re.split(r"\s+", text)), len(re.split(r"[,:=]\s*", text)))
    errors = [line for line in text.splitlines() if re.search(r"\[ERROR\].*(timeout|failed)", line)]
    print("errors", len(errors))


main()
