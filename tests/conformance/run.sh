#!/usr/bin/env bash
# tests/conformance/run.sh — run the conformance scripts under an interpreter
# and compare what they print with what CPython 3.11 printed.
#
# Every NAME.py here has NAME.out: the exact stdout CPython 3.11 gives.  A
# script that ends in an uncaught exception (or sys.exit) also has NAME.err:
# line 1 the exit status, line 2 the last line of stderr (possibly empty).
# Without NAME.err the script must exit 0 and its stderr is not compared
# (CPython writes "Exception ignored in ..." reports there, with addresses).
#
# Invariants: scripts run one at a time from this directory, named by their
# relative path, each under a time limit; the exit status is non-zero iff at
# least one script failed; --regenerate rewrites expectations only from
# python3, never from the interpreter under test.
set -u

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
interp="$root/build/reclaim"
only=""
limit=30
regenerate=0

usage() {
    cat <<EOF
usage: $0 [options]
  --interp BIN    the interpreter to test (default: $root/build/reclaim)
  --python        test python3 instead (the expectations must all pass there)
  --only NAME     run one script (NAME or NAME.py)
  --timeout SEC   seconds allowed per script (default $limit)
  --regenerate    rewrite NAME.out / NAME.err with python3 (3.11) and exit
EOF
}

while (($#)); do
    case "$1" in
        --interp) interp="${2:?--interp needs a path}"; shift 2 ;;
        --python) interp="$(command -v python3)"; shift ;;
        --only) only="${2:?--only needs a name}"; only="${only%.py}"; shift 2 ;;
        --timeout) limit="${2:?--timeout needs seconds}"; shift 2 ;;
        --regenerate) regenerate=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

cd "$here" || exit 2
if [ -n "$only" ]; then
    if [ ! -f "$only.py" ]; then
        echo "run.sh: no script $here/$only.py" >&2
        exit 2
    fi
    scripts=("$only.py")
else
    scripts=(*.py)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# run BIN SCRIPT: stdout to $tmp/out, stderr to $tmp/err, status in $status.
run() {
    timeout -k 5 "$limit" "$1" "$2" >"$tmp/out" 2>"$tmp/err" </dev/null
    status=$?
}

# The NAME.err form of the current run: status, then stderr's last line.
status_and_last_line() {
    printf '%s\n%s\n' "$status" "$(tail -n 1 "$tmp/err")"
}

if ((regenerate)); then
    py="$(command -v python3)" || { echo "run.sh: python3 not found" >&2; exit 2; }
    "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' ||
        echo "run.sh: warning: expectations are meant to come from CPython 3.11" >&2
    for script in "${scripts[@]}"; do
        name="${script%.py}"
        run "$py" "$script"
        cp "$tmp/out" "$name.out"
        if ((status)); then
            status_and_last_line >"$name.err"
        else
            rm -f "$name.err"
        fi
        echo "regenerated $name (status $status)"
    done
    exit 0
fi

if [ ! -x "$interp" ]; then
    echo "run.sh: interpreter '$interp' not found or not executable" >&2
    exit 2
fi

passed=0
failed=()
for script in "${scripts[@]}"; do
    name="${script%.py}"
    if [ ! -f "$name.out" ]; then
        echo "FAIL $name: no $name.out (run.sh --regenerate)"
        failed+=("$name")
        continue
    fi
    run "$interp" "$script"
    problems=""
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
        problems+="  timed out after ${limit}s"$'\n'
    fi
    if ! diff -u --label "$name.out (CPython)" --label "$name stdout" \
            "$name.out" "$tmp/out" >"$tmp/diff"; then
        problems+="$(head -n 60 "$tmp/diff")"$'\n'
    fi
    if [ -f "$name.err" ]; then
        status_and_last_line >"$tmp/got_err"
        if ! diff -u --label "$name.err (CPython)" --label "$name status+stderr" \
                "$name.err" "$tmp/got_err" >"$tmp/diff"; then
            problems+="$(cat "$tmp/diff")"$'\n'
        fi
    elif [ "$status" != 0 ]; then
        problems+="  exit status $status (expected 0); stderr ends with:"$'\n'
        problems+="$(tail -n 5 "$tmp/err" | sed 's/^/    /')"$'\n'
    fi
    if [ -z "$problems" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        printf '%s' "$problems"
        failed+=("$name")
    fi
done

echo "${passed} passed, ${#failed[@]} failed (interpreter: $interp)"
if ((${#failed[@]})); then
    echo "failed: ${failed[*]}"
    exit 1
fi
exit 0
