# The console as file objects, and input() at the end of input (the
# conformance runner gives stdin /dev/null).
import sys
print("to stderr", file=sys.stderr)
n = sys.stdout.write("written directly, ")
print(n)
print(sys.stdout.write("é\n"))
sys.stdout.flush()
print(sys.stdout.name, sys.stdin.name, sys.stderr.name, sys.stdout.encoding)
print(sys.stdin.readable(), sys.stdout.writable(), sys.stdin.writable())
print(repr(sys.stdin.readline()), repr(sys.stdin.read()))
print([line for line in sys.stdin])
try:
    input("a prompt: ")
except EOFError as e:
    print()
    print("EOFError:", e)
print("to stdout", file=sys.stdout, end="!\n")
