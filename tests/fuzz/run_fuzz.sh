#!/usr/bin/env bash
# tests/fuzz/run_fuzz.sh — build the libFuzzer target fuzz_lang with clang
# (ASan + UBSan + fuzzer coverage) and run it for a while.
#
# Used by `make fuzz` (build-fuzz/, FUZZ_SECONDS, default 60) and by the
# ctest `fuzz_lang_short` (about 10 s).  Exit status: 0 when the run found
# nothing, 77 when clang or its libFuzzer runtime is missing (ctest reports
# the test as skipped), anything else is a failure (a crash, a sanitizer
# report, a leak, a timeout or a build error); crashing inputs are saved
# under BUILD_DIR/artifacts/.
#
# Invariants: the seed corpus tests/fuzz/corpus/ is only read; inputs the
# fuzzer finds go to BUILD_DIR/corpus/, which persists between runs.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=60
build="$root/build-fuzz"
jobs=2
SKIP=77

while (($#)); do
    case "$1" in
        --seconds) seconds="${2:?}"; shift 2 ;;
        --build-dir) build="${2:?}"; shift 2 ;;
        --jobs) jobs="${2:?}"; shift 2 ;;
        -h|--help)
            echo "usage: $0 [--seconds N] [--build-dir DIR] [--jobs N]"; exit 0 ;;
        *) echo "run_fuzz.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
done

cc="${FUZZ_CC:-clang}"
cxx="${FUZZ_CXX:-clang++}"
for tool in "$cc" "$cxx" cmake; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "run_fuzz.sh: skipped: $tool is not installed (apt-get install clang)"
        exit $SKIP
    fi
done

# Does this clang have a libFuzzer runtime?  (Debian: libclang-rt-*-dev.)
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
    >"$probe/probe.c"
if ! "$cc" -fsanitize=fuzzer,address,undefined "$probe/probe.c" -o "$probe/probe" \
        >"$probe/log" 2>&1; then
    echo "run_fuzz.sh: skipped: $cc cannot link -fsanitize=fuzzer (apt-get install libclang-rt-dev):"
    sed 's/^/  /' "$probe/log" | head -n 5
    exit $SKIP
fi

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DRECLAIM_FUZZ=ON \
        -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
fi
cmake --build "$build" --target fuzz_lang -j "$jobs"

mkdir -p "$build/corpus" "$build/artifacts"
echo "run_fuzz.sh: fuzzing for ${seconds}s (new inputs: $build/corpus, crashes: $build/artifacts)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
exec "$build/fuzz_lang" -max_total_time="$seconds" -timeout=10 -max_len=4096 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/" "$build/corpus" "$here/corpus"
