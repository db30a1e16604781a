# maxrss.py — runs a command and writes its peak resident set size (KiB, as
# wait4's ru_maxrss reports it) and its user and system CPU seconds to a
# file, as GNU `time -f '%M %U %S'` does.  bench/run.sh's lang section uses
# it under python3 only when /usr/bin/time is missing and cannot be
# installed; it is a tool of the benchmark, not one of the measured scripts.
#
# Usage: python3 maxrss.py OUTFILE COMMAND [ARGS...]
# Exit status: the command's (127 if it cannot be started, 128 + N if it was
# killed by signal N).  OUTFILE gets one line: "PEAK_KIB USER_S SYSTEM_S".
import os
import sys


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("usage: maxrss.py OUTFILE COMMAND [ARGS...]\n")
        return 2
    outfile, argv = sys.argv[1], sys.argv[2:]
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        except OSError as err:
            sys.stderr.write("maxrss.py: cannot run %s: %s\n" % (argv[0], err))
        os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    with open(outfile, "w") as f:
        f.write("%d %.2f %.2f\n" % (usage.ru_maxrss, usage.ru_utime, usage.ru_stime))
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


sys.exit(main())
