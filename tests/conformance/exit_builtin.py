# exit() and quit() as a script calls them: SystemExit with the code.
import sys
try:
    quit()
except SystemExit as e:
    print("quit raised SystemExit", e.code)
try:
    exit("message")
except SystemExit as e:
    print("exit raised SystemExit", e.code)
print("leaving with status 4")
exit(4)
print("not reached")
