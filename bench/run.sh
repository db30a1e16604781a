#!/usr/bin/env bash
# bench/run.sh — reclaim's benchmarks (run by `make bench` after the library
# is built into build/).
#
# Sections are shell functions named section_<name>; BENCH_SECTIONS picks
# which run (default: all of BENCH_ALL_SECTIONS, in order).  To add a section
# (collector, ...): write section_<name>, append <name> to
# BENCH_ALL_SECTIONS; use run_rounds/median as section_alloc does, or
# run_cmd_rounds (any commands, several RESULT lines each) as section_objects.
#
# Sections:
#   alloc    bench/alloc_bench.c: raw allocator vs glibc/mimalloc/jemalloc/tcmalloc
#   objects  bench/objects_bench.c (+ bench/objects_bench.py): 32-byte objects
#            created/destroyed vs malloc/free; list/dict vs CPython
#   gc       bench/gc_bench.c + bench/gc_bench.py: the cycle collector vs
#            CPython's gc on a 1M-node random graph, cycles, pauses
#   lang     bench/lang/*.py (binary-trees, cycles, the seeds' experiment) under
#            the reclaim interpreter and python3: wall time and peak RSS
#   diag     the alloc workloads (1)-(3) with RECLAIM_DEBUG=trace and =alloc
#            against the same binary without: what diagnostics cost
#   gcbench  bench/gcbench_section.sh: GCBench (reclaim tracked in both
#            collector modes, untracked, Boehm GC, malloc/free), the
#            cache-hostile graph vs CPython, pauses while building 3M nodes
#   release  bench/release_section.sh: RSS step by step as programs build,
#            drop, idle and collect (C vs the mallocs, interpreter vs
#            CPython), and a build-and-drop loop's page faults
#
# Environment:
#   BENCH_REPS       repetitions per (workload, allocator); default 5.  The
#                    allocators alternate: for rep, for allocator, run.
#   BENCH_SECTIONS   space-separated sections to run; default all.
#   BENCH_ALLOCS     allocators; default "reclaim glibc mimalloc jemalloc tcmalloc"
#                    (a peer whose library is missing is skipped with a note).
#   BUILD            the library's build directory; default build.
#   CC, BENCH_CFLAGS compiler and flags; default cc, -O2.
#   BENCH_RECLAIM_LINK  static (default: build/libreclaim.a) or shared
#                    (build/libreclaim.so, like the peers, which Debian ships
#                    as shared libraries; mimalloc has no static library).
#   BENCH_PYTHON     the CPython the objects section compares with;
#                    default python3 (3.11 here).
#   RECLAIM_BIN      the interpreter the lang section runs; default
#                    build/reclaim (RECLAIM_BIN=python3: a dry run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="${BUILD:-build}"
OUT="$BUILD/bench"
CC="${CC:-cc}"
BENCH_CFLAGS="${BENCH_CFLAGS:--O2}"
BENCH_REPS="${BENCH_REPS:-5}"
BENCH_ALL_SECTIONS="alloc objects gc lang diag release gcbench"
BENCH_SECTIONS="${BENCH_SECTIONS:-$BENCH_ALL_SECTIONS}"
BENCH_ALLOCS="${BENCH_ALLOCS:-reclaim glibc mimalloc jemalloc tcmalloc}"
BENCH_RECLAIM_LINK="${BENCH_RECLAIM_LINK:-static}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"   # seconds, per benchmark process
BENCH_PYTHON="${BENCH_PYTHON:-python3}"

mkdir -p "$OUT"

log() { printf '%s\n' "$*" >&2; }

# ---- peers: Debian packages ----------------------------------------------

# allocator -> header that proves its -dev package is installed, and package
declare -A PEER_HEADER=(
    [mimalloc]=/usr/include/mimalloc.h
    [jemalloc]=/usr/include/jemalloc/jemalloc.h
    [tcmalloc]=/usr/include/gperftools/malloc_extension_c.h
)
declare -A PEER_PACKAGE=(
    [mimalloc]=libmimalloc-dev
    [jemalloc]=libjemalloc-dev
    [tcmalloc]=libgoogle-perftools-dev
)

ensure_peers() {
    local missing=() a
    for a in $BENCH_ALLOCS; do
        [[ -n "${PEER_HEADER[$a]:-}" && ! -f "${PEER_HEADER[$a]}" ]] && missing+=("${PEER_PACKAGE[$a]}")
    done
    ((${#missing[@]} == 0)) && return 0
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        log "bench: installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 || true
        apt-get install -y -qq "${missing[@]}" >&2 || log "bench: apt-get install failed"
    else
        log "bench: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}"
    fi
}

# ---- building ---------------------------------------------------------------

# build_bench SOURCE NAME ALLOC -> prints nothing; compiles SOURCE with
# -DUSE_<ALLOC> and that allocator's libraries into $OUT/NAME_ALLOC, or fails
build_bench() {
    local src="$1" name="$2" a="$3" def libs=()
    case "$a" in
        reclaim)  def=USE_RECLAIM
                  if [[ "$BENCH_RECLAIM_LINK" == shared ]]; then
                      libs=(-L"$BUILD" -lreclaim -Wl,-rpath,"$ROOT/$BUILD")
                  else
                      libs=("$BUILD/libreclaim.a")
                  fi ;;
        glibc)    def=USE_GLIBC ;;
        mimalloc) def=USE_MIMALLOC; libs=(-lmimalloc) ;;
        jemalloc) def=USE_JEMALLOC; libs=(-ljemalloc) ;;
        tcmalloc) def=USE_TCMALLOC; libs=(-ltcmalloc) ;;
        *) log "bench: unknown allocator $a"; return 1 ;;
    esac
    # shellcheck disable=SC2086
    $CC -std=c11 $BENCH_CFLAGS -Wall -Wextra -D"$def" -Iinclude \
        -o "$OUT/${name}_$a" "$src" "${libs[@]}"
}

# build_alloc_bench ALLOC -> creates $OUT/bench_ALLOC or fails
build_alloc_bench() { build_bench bench/alloc_bench.c bench "$1"; }

# ---- running and statistics ----------------------------------------------------

# run_rounds SECTION WORKLOADS... : for each workload, BENCH_REPS rounds of
# every allocator in turn (alternating, so drift of a shared machine hits
# all of them alike).  Appends "workload alloc value unit" to $OUT/SECTION.raw
# and the full RESULT lines to $OUT/SECTION.log.
run_rounds() {
    local section="$1"; shift
    local raw="$OUT/$section.raw" logf="$OUT/$section.log" w rep a line value unit
    for w in "$@"; do
        for ((rep = 1; rep <= BENCH_REPS; rep++)); do
            for a in $ACTIVE_ALLOCS; do
                if ! line=$(timeout "$RUN_TIMEOUT" "$OUT/bench_$a" "$w" | grep '^RESULT'); then
                    log "bench: $a workload $w rep $rep failed"
                    continue
                fi
                printf '%s\n' "$line" >>"$logf"
                value=$(sed -n 's/.* value=\([^ ]*\).*/\1/p' <<<"$line")
                unit=$(sed -n 's/.* unit=\([^ ]*\).*/\1/p' <<<"$line")
                printf '%s %s %s %s\n' "$w" "$a" "$value" "$unit" >>"$raw"
                log "  [$section] rep $rep/$BENCH_REPS workload $w $a: $value $unit"
            done
        done
    done
}

# median RAWFILE WORKLOAD ALLOC -> the median value, or empty
median() {
    awk -v w="$2" -v a="$3" '$1 == w && $2 == a { print $3 }' "$1" | sort -g |
        awk '{ v[NR] = $1 } END {
            if (NR == 0) exit
            if (NR % 2) printf "%.4g\n", v[(NR + 1) / 2]
            else printf "%.4g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# fmt NUMBER -> printed with sensible precision (or "n/a")
fmt() {
    [[ -z "$1" ]] && { echo "n/a"; return; }
    awk -v x="$1" 'BEGIN { ax = x < 0 ? -x : x
        if (ax >= 100) printf "%.0f", x; else if (ax >= 10) printf "%.1f", x; else printf "%.2f", x }'
}

# le A B -> success if A <= B (floating point)
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

# ---- section: raw allocator ----------------------------------------------------

ALLOC_DESC=(
    ""
    "(1) LIFO malloc/free pairs, 32 B [ns/pair]"
    "(2) random replace, 16-512 B, 64K live [ns/op]"
    "(3) 3M x 48 B alloc then free in order, x3 [ns/block]"
    "(4) 2M x 16-496 B, free 999/1000, trim [% RSS retained]"
    "(5) 10M x 32 B live [% RSS overhead]"
)
# kind: time = ratio reclaim/best peer vs target; raw = reclaim's value vs target
ALLOC_KIND=("" time time time raw raw)
ALLOC_TARGET=("" 0.9 0.9 0.9 3 2)
ALLOC_TARGET_TEXT=("" "ratio <= 0.9" "ratio <= 0.9" "ratio <= 0.9" "<= 3 %" "<= 2 %")

section_alloc() {
    local raw="$OUT/alloc.raw" table="$OUT/alloc_table.md" a w
    : >"$raw"; : >"$OUT/alloc.log"

    ensure_peers
    ACTIVE_ALLOCS=""
    for a in $BENCH_ALLOCS; do
        if build_alloc_bench "$a"; then
            ACTIVE_ALLOCS+="${ACTIVE_ALLOCS:+ }$a"
        else
            log "bench: cannot build bench_$a; skipped"
        fi
    done
    log "bench: allocators: $ACTIVE_ALLOCS; $BENCH_REPS alternating reps per workload"

    run_rounds alloc 1 2 3 4 5

    local peers=() cols
    for a in $ACTIVE_ALLOCS; do [[ "$a" != reclaim ]] && peers+=("$a"); done
    {
        echo "### Raw allocator: reclaim vs peers (median of $BENCH_REPS alternating runs)"
        echo
        echo "reclaim linked $BENCH_RECLAIM_LINK; peers as Debian's shared libraries; $CC $BENCH_CFLAGS."
        echo
        cols="| workload |"; local sep="|---|"
        for a in $ACTIVE_ALLOCS; do cols+=" $a |"; sep+="---:|"; done
        cols+=" reclaim / best peer | target | status |"; sep+="---:|---|---|"
        echo "$cols"; echo "$sep"
        for w in 1 2 3 4 5; do
            local row="| ${ALLOC_DESC[$w]} |" m rec best="" bestname="" ratio="" status
            declare -A med=()
            for a in $ACTIVE_ALLOCS; do
                m=$(median "$raw" "$w" "$a"); med[$a]="$m"
                row+=" $(fmt "$m") |"
            done
            rec="${med[reclaim]:-}"
            for a in "${peers[@]}"; do
                m="${med[$a]}"
                [[ -z "$m" ]] && continue
                if [[ -z "$best" ]] || le "$m" "$best"; then best="$m"; bestname="$a"; fi
            done
            if [[ "${ALLOC_KIND[$w]}" == time ]]; then
                if [[ -n "$rec" && -n "$best" ]]; then
                    ratio=$(awk -v r="$rec" -v b="$best" 'BEGIN { printf "%.2f", r / b }')
                    row+=" $ratio ($bestname) |"
                    le "$ratio" "${ALLOC_TARGET[$w]}" && status=PASS || status=MISS
                else
                    row+=" n/a |"; status="n/a"
                fi
            else
                row+=" — |"
                if [[ -n "$rec" ]]; then
                    le "$rec" "${ALLOC_TARGET[$w]}" && status=PASS || status=MISS
                else
                    status="n/a"
                fi
            fi
            row+=" ${ALLOC_TARGET_TEXT[$w]} | $status |"
            echo "$row"
            unset med
        done
        echo
        echo "Times: lower is better; ratio = reclaim's median / the best peer's median."
        echo "(4) retained = (RSS after trim - RSS before) / (RSS after alloc - RSS before)."
        echo "(5) overhead = (RSS growth - 320 MB live) / 320 MB live."
    } >"$table"
    cat "$table"
}

# ---- running commands that print several RESULT lines ------------------------------

# run_cmd_rounds SECTION WORKLOAD CMDFN RUNNERS... : BENCH_REPS rounds of every
# runner in turn (alternating).  CMDFN RUNNER prints the command to run (words,
# the workload is appended).  Each RESULT line of a run (workload=, alloc=,
# value=, unit=, checksum=) appends "workload alloc value unit checksum" to
# $OUT/SECTION.raw; the lines themselves go to $OUT/SECTION.log.
run_cmd_rounds() {
    local section="$1" w="$2" cmdfn="$3"; shift 3
    local raw="$OUT/$section.raw" logf="$OUT/$section.log" rep r out line f
    local -a cmd
    for ((rep = 1; rep <= BENCH_REPS; rep++)); do
        for r in "$@"; do
            read -r -a cmd <<<"$("$cmdfn" "$r")"
            if ! out=$(timeout "$RUN_TIMEOUT" "${cmd[@]}" "$w" | grep '^RESULT'); then
                log "bench: $r workload $w rep $rep failed"
                continue
            fi
            while IFS= read -r line; do
                printf '%s\n' "$line" >>"$logf"
                declare -A kv=()
                for f in $line; do [[ "$f" == *=* ]] && kv[${f%%=*}]="${f#*=}"; done
                printf '%s %s %s %s %s\n' "${kv[workload]}" "${kv[alloc]}" "${kv[value]}" \
                    "${kv[unit]}" "${kv[checksum]}" >>"$raw"
                log "  [$section] rep $rep/$BENCH_REPS ${kv[workload]} $r: ${kv[value]} ${kv[unit]}"
                unset kv
            done <<<"$out"
        done
    done
}

# checksums_agree RAWFILE WORKLOAD -> success if every run of WORKLOAD printed
# the same checksum (the same work was done by every runner)
checksums_agree() {
    awk -v w="$2" '$1 == w { c[$5] = 1 } END { n = 0; for (k in c) n++; exit n > 1 }' "$1"
}

# ---- section: objects --------------------------------------------------------------

# count_text N -> 10M, 1M, 100K, ... (for row labels)
count_text() {
    awk -v n="$1" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000
        else if (n % 1000 == 0) printf "%dK", n / 1000; else printf "%d", n }'
}

# part 1: lifo, batch (all allocators): ratio reclaim / best peer <= 1.0
# part 2: list, dict (reclaim vs CPython): ratio reclaim / CPython <= 0.2
# Row labels follow the counts the programs read from the environment.
OBJ1_WORKLOADS=(lifo batch)
declare -A OBJ_DESC=(
    [lifo]="(1a) $(count_text "${BENCH_OBJ_N:-10000000}") x 32 B objects, create + destroy in LIFO pairs [ns/pair]"
    [batch]="(1b) $(count_text "${BENCH_OBJ_N:-10000000}") x 32 B objects created, then all destroyed [ns/object]"
    [list]="(2a) list append of $(count_text "${BENCH_LIST_N:-10000000}") ints (i + 1000) [ns/append]"
    [dict_insert]="(2b) dict insert, $(count_text "${BENCH_DICT_N:-1000000}") str keys \"key%d\" -> int [ns/insert]"
    [dict_lookup]="(2c) dict lookup of the $(count_text "${BENCH_DICT_N:-1000000}") keys, values summed [ns/lookup]"
)
OBJ1_TARGET=1.0
OBJ2_RUNS=(list dict)                       # processes
OBJ2_ROWS=(list dict_insert dict_lookup)    # RESULT lines
OBJ2_TARGET=0.2

objects_cmd() {
    case "$1" in
        cpython) printf '%s %s\n' "$BENCH_PYTHON" bench/objects_bench.py ;;
        *)       printf '%s\n' "$OUT/objects_bench_$1" ;;
    esac
}

section_objects() {
    local raw="$OUT/objects.raw" table="$OUT/objects_table.md" a w
    : >"$raw"; : >"$OUT/objects.log"

    ensure_peers
    local active="" have_py=1 pyver=""
    for a in $BENCH_ALLOCS; do
        if build_bench bench/objects_bench.c objects_bench "$a"; then
            active+="${active:+ }$a"
        else
            log "bench: cannot build objects_bench_$a; skipped"
        fi
    done
    if pyver=$("$BENCH_PYTHON" -c 'import sys; print(sys.implementation.name, sys.version.split()[0])'); then
        [[ "$pyver" == "cpython 3.11."* ]] || log "bench: $BENCH_PYTHON is $pyver, not CPython 3.11"
    else
        have_py=0; pyver="(none)"; log "bench: $BENCH_PYTHON not runnable; part 2 has no CPython column"
    fi
    log "bench: objects: allocators: $active; $pyver; $BENCH_REPS alternating reps per workload"

    for w in "${OBJ1_WORKLOADS[@]}"; do
        # shellcheck disable=SC2086
        run_cmd_rounds objects "$w" objects_cmd $active
    done
    local part2=()
    [[ " $active " == *" reclaim "* ]] && part2+=(reclaim)
    ((have_py)) && part2+=(cpython)
    for w in "${OBJ2_RUNS[@]}"; do
        ((${#part2[@]})) && run_cmd_rounds objects "$w" objects_cmd "${part2[@]}"
    done

    local peers=() cols sep row m rec best bestname ratio status py note
    for a in $active; do [[ "$a" != reclaim ]] && peers+=("$a"); done
    {
        echo "### Objects: reclaim vs malloc/free and CPython (median of $BENCH_REPS alternating runs)"
        echo
        echo "reclaim linked $BENCH_RECLAIM_LINK; peers as Debian's shared libraries; $CC $BENCH_CFLAGS;" \
             "$BENCH_PYTHON = ${pyver/cpython/CPython}."
        echo
        cols="| workload |"; sep="|---|"
        for a in $active; do cols+=" $a |"; sep+="---:|"; done
        cols+=" reclaim / best peer | target | status |"; sep+="---:|---|---|"
        echo "$cols"; echo "$sep"
        for w in "${OBJ1_WORKLOADS[@]}"; do
            row="| ${OBJ_DESC[$w]} |"; rec=""; best=""; bestname=""
            for a in $active; do
                m=$(median "$raw" "$w" "$a")
                [[ "$a" == reclaim ]] && rec="$m"
                row+=" $(fmt "$m") |"
                if [[ "$a" != reclaim && -n "$m" ]] && { [[ -z "$best" ]] || le "$m" "$best"; }; then
                    best="$m"; bestname="$a"
                fi
            done
            if [[ -n "$rec" && -n "$best" ]]; then
                ratio=$(awk -v r="$rec" -v b="$best" 'BEGIN { printf "%.2f", r / b }')
                row+=" $ratio ($bestname) |"
                le "$ratio" "$OBJ1_TARGET" && status=PASS || status=MISS
            else
                row+=" n/a |"; status="n/a"
            fi
            checksums_agree "$raw" "$w" || status+=" (checksums differ!)"
            echo "$row ratio <= $OBJ1_TARGET | $status |"
        done
        echo
        echo "| workload | reclaim (C API) | ${pyver/cpython/CPython} | reclaim / CPython | target | status |"
        echo "|---|---:|---:|---:|---|---|"
        for w in "${OBJ2_ROWS[@]}"; do
            rec=$(median "$raw" "$w" reclaim); py=$(median "$raw" "$w" cpython)
            row="| ${OBJ_DESC[$w]} | $(fmt "$rec") | $(fmt "$py") |"
            if [[ -n "$rec" && -n "$py" ]]; then
                ratio=$(awk -v r="$rec" -v b="$py" 'BEGIN { printf "%.3f", r / b }')
                note=$(awk -v r="$rec" -v b="$py" 'BEGIN {
                    if (r <= b) printf "%.1fx faster", b / r; else printf "%.1fx slower", r / b }')
                row+=" $ratio ($note) |"
                le "$ratio" "$OBJ2_TARGET" && status=PASS || status=MISS
            else
                row+=" n/a |"; status="n/a"
            fi
            checksums_agree "$raw" "$w" || status+=" (checksums differ!)"
            echo "$row ratio <= $OBJ2_TARGET | $status |"
        done
        echo
        echo "Times: lower is better.  Part 1: the peers malloc(32), write the object's four"
        echo "fields, and free when a decremented count reaches 0; reclaim: rc_new of a"
        echo "32-byte non-GC rc_type + rc_decref.  Part 2: the same work in C (reclaim's API)"
        echo "and in Python (bench/objects_bench.py); keys built and hashed before timing;"
        echo "teardown not timed (teardown_ms= in $OUT/objects.log)."
    } >"$table"
    cat "$table"
}

# ---- section: gc -------------------------------------------------------------------

# bench/gc_bench.c (reclaim, C API) and bench/gc_bench.py (CPython) build the
# same graphs and run the same collections; each workload runs BENCH_REPS
# rounds, reclaim and CPython alternating.  Sizes (read by both programs):
# BENCH_GC_N (1M), BENCH_GC_CYCLES (1M), BENCH_GC_PAUSE_N (3M).
GC_RUNS=(graph cycles pause)              # processes
GC_ROWS=(live garbage cycles pause)       # their RESULT lines
declare -A GC_TARGET=([live]=0.25 [garbage]=0.25)
# details: ROW:KEY:label (medians of the RESULT lines' extra fields)
GC_DETAILS=(
    "live:pause_ms:(1) of which the collector proper (rc_gc_get_stats; the rest is rc_heap_trim) [ms]"
    "live:rss_mb:(1) process RSS with the graph built [MB]"
    "garbage:collected:(2) objects found unreachable"
    "garbage:total_ms:(2) collection [ms]"
    "garbage:pause_ms:(2) of which the collector proper [ms]"
    "garbage:drop_ms:(2) dropping the array/list (refcount deaths, not timed) [ms]"
    "cycles:loop_ms:(3) loop incl. automatic collections [ms]"
    "cycles:pause_ms:(3) of which in automatic + final collections (rc_gc_get_stats) [ms]"
    "cycles:final_ms:(3) final full collection [ms]"
    "pause:max_gen:(4) generation of the longest pause"
    "pause:pause_total_ms:(4) all collections during the build [ms]"
    "pause:build_ms:(4) build incl. collections [ms]"
    "pause:cb_max_ms:(4) longest pause by callback START..STOP [ms]"
    "pause:full_ms:(4) then a full collection of all the live nodes [ms]"
)

gc_count_text() {
    awk -v n="$1" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000
        else if (n % 1000 == 0) printf "%dK", n / 1000; else printf "%d", n }'
}

# gc_median_kv KVFILE ROW RUNNER KEY -> median of that extra field, or empty
gc_median_kv() {
    awk -v w="$2" -v a="$3" -v k="$4" '$1 == w && $2 == a && $3 == k { print $4 }' "$1" | sort -g |
        awk '{ v[NR] = $1 } END {
            if (NR == 0) exit
            if (NR % 2) printf "%.10g\n", v[(NR + 1) / 2]
            else printf "%.10g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

section_gc() {
    local raw="$OUT/gc.raw" kv="$OUT/gc.kv" logf="$OUT/gc.log" table="$OUT/gc_table.md"
    local py="${BENCH_PYTHON:-python3}" pyver runners="" libs=() w rep r out line f
    : >"$raw"; : >"$kv"; : >"$logf"

    if [[ "$BENCH_RECLAIM_LINK" == shared ]]; then
        libs=(-L"$BUILD" -lreclaim -Wl,-rpath,"$ROOT/$BUILD")
    else
        libs=("$BUILD/libreclaim.a")
    fi
    # shellcheck disable=SC2086
    if $CC -std=c11 $BENCH_CFLAGS -Wall -Wextra -DUSE_RECLAIM -Iinclude \
            -o "$OUT/gc_bench_reclaim" bench/gc_bench.c "${libs[@]}"; then
        runners="reclaim"
    else
        log "bench: cannot build gc_bench_reclaim"
    fi
    if pyver=$("$py" -c 'import sys; print(sys.implementation.name, sys.version.split()[0])'); then
        [[ "$pyver" == "cpython 3.11."* ]] || log "bench: $py is $pyver, not CPython 3.11"
        runners+="${runners:+ }cpython"
    else
        pyver="(none)"; log "bench: $py not runnable; no CPython column"
    fi
    log "bench: gc: runners: $runners ($pyver); $BENCH_REPS alternating reps per workload"

    for w in "${GC_RUNS[@]}"; do
        for ((rep = 1; rep <= BENCH_REPS; rep++)); do
            for r in $runners; do
                if [[ "$r" == cpython ]]; then
                    out=$(timeout "$RUN_TIMEOUT" "$py" bench/gc_bench.py "$w" | grep '^RESULT') || out=""
                else
                    out=$(timeout "$RUN_TIMEOUT" "$OUT/gc_bench_$r" "$w" | grep '^RESULT') || out=""
                fi
                if [[ -z "$out" ]]; then
                    log "bench: gc: $r workload $w rep $rep failed"
                    continue
                fi
                while IFS= read -r line; do
                    printf '%s\n' "$line" >>"$logf"
                    declare -A fields=()
                    for f in $line; do [[ "$f" == *=* ]] && fields[${f%%=*}]="${f#*=}"; done
                    printf '%s %s %s %s %s\n' "${fields[workload]}" "$r" "${fields[value]}" \
                        "${fields[unit]}" "${fields[checksum]}" >>"$raw"
                    for f in "${!fields[@]}"; do
                        [[ "${fields[$f]}" =~ ^-?[0-9.]+$ ]] &&
                            printf '%s %s %s %s\n' "${fields[workload]}" "$r" "$f" "${fields[$f]}" >>"$kv"
                    done
                    log "  [gc] rep $rep/$BENCH_REPS ${fields[workload]} $r: ${fields[value]} ${fields[unit]}"
                    unset fields
                done <<<"$out"
            done
        done
    done

    local n c p pyname="${pyver/cpython/CPython}" rec cpy ratio note status target row d
    n=$(gc_count_text "${BENCH_GC_N:-1000000}")
    c=$(gc_count_text "${BENCH_GC_CYCLES:-1000000}")
    p=$(gc_count_text "${BENCH_GC_PAUSE_N:-3000000}")
    declare -A desc=(
        [live]="(1) full collection, $n-node random graph alive [ns/node]"
        [garbage]="(2) full collection, the same graph dropped (garbage) [ns/object found]"
        [cycles]="(3) $c two-node cycles created + dropped, auto collection on, + final full collection [ns/object]"
        [pause]="(4) longest collection pause while building $p nodes, auto collection on [ms]"
    )
    {
        echo "### Cycle collector: reclaim vs CPython (median of $BENCH_REPS alternating runs)"
        echo
        echo "reclaim linked $BENCH_RECLAIM_LINK, $CC $BENCH_CFLAGS; $py = $pyname" \
             "(class with \`__slots__ = ('a', 'b')\`)."
        echo
        echo "| workload | reclaim (C API) | $pyname | reclaim / CPython | target | status |"
        echo "|---|---:|---:|---:|---|---|"
        for w in "${GC_ROWS[@]}"; do
            rec=$(median "$raw" "$w" reclaim); cpy=$(median "$raw" "$w" cpython)
            row="| ${desc[$w]} | $(fmt "$rec") | $(fmt "$cpy") |"
            target="${GC_TARGET[$w]:-}"
            if [[ -n "$rec" && -n "$cpy" ]]; then
                ratio=$(awk -v r="$rec" -v b="$cpy" 'BEGIN { printf "%.3f", r / b }')
                note=$(awk -v r="$rec" -v b="$cpy" 'BEGIN { printf "%.1fx faster", b / r }')
                row+=" $ratio ($note) |"
                if [[ -n "$target" ]]; then
                    le "$ratio" "$target" && status=PASS || status=MISS
                else
                    status="—"
                fi
            else
                row+=" n/a |"; status="n/a"
            fi
            awk -v w="$w" '$1 == w { c[$5] = 1 } END { n = 0; for (k in c) n++; exit n > 1 }' "$raw" ||
                status+=" (checksums differ!)"
            if [[ -n "$target" ]]; then target="ratio <= $target"; else target="(reported)"; fi
            echo "$row $target | $status |"
        done
        echo
        echo "| detail (medians) | reclaim | $pyname |"
        echo "|---|---:|---:|"
        for d in "${GC_DETAILS[@]}"; do
            IFS=: read -r w f line <<<"$d"
            rec=$(gc_median_kv "$kv" "$w" reclaim "$f"); cpy=$(gc_median_kv "$kv" "$w" cpython "$f")
            [[ -z "$rec" && -z "$cpy" ]] && continue
            [[ "$f" == max_gen || "$f" == collected ]] && echo "| $line | ${rec:-n/a} | ${cpy:-n/a} |" ||
                echo "| $line | $(fmt "$rec") | $(fmt "$cpy") |"
        done
        echo
        echo "Lower is better.  (1), (2): rc_gc_collect(h, 2) vs gc.collect(), both with"
        echo "automatic collection disabled while building; every node has two edges to"
        echo "nodes chosen by the same LCG (checksums compare the edges); reclaim's"
        echo "rc_gc_collect(h, 2) includes the rc_heap_trim it ends with.  (3), (4):"
        echo "thresholds (700, 10, 10).  (4): reclaim: max over generations of"
        echo "rc_gc_get_stats pause_max_s; CPython: gc.callbacks, start to stop.  CPython"
        echo "runs gc.collect(); gc.freeze(); gc.collect() first, so its collections see"
        echo "the benchmark's objects only.  All RESULT lines: $logf."
    } >"$table"
    cat "$table"
}

# ---- section: lang -----------------------------------------------------------------

# bench/lang/*.py run unchanged under the reclaim interpreter ($RECLAIM_BIN)
# and under CPython ($BENCH_PYTHON), alternating (for rep, for interpreter):
# wall time (bash's EPOCHREALTIME around the process) and peak RSS (ru_maxrss
# through /usr/bin/time -f '%M %U %S', or bench/lang/maxrss.py when GNU time is
# missing and cannot be installed).  Every run's stdout must equal python3's;
# a difference is reported loudly and the row cannot PASS.  When reclaim
# fails (non-zero exit), "reclaim: FAILED (exit N)" is printed, its remaining
# reps of that script are skipped, and the section goes on.
#   RECLAIM_BIN         the interpreter command; default $BUILD/reclaim
#                       (RECLAIM_BIN=python3 is a dry run of the section)
#   BENCH_LANG_DEPTH    binary_trees.py's depth (16)
#   BENCH_LANG_ROUNDS   cycles.py's rounds (10000)
#   BENCH_LANG_RECORDS  generators.py's records (1000000)
#   BENCH_LANG_STEPS    nbody.py's steps (200000)
#   BENCH_LANG_MATRIX   spectral_norm.py's matrix size N (400)
#   BENCH_LANG_PERM     fannkuch.py's permutation length N (9)
#   BENCH_LANG_POINTS   float_bench.py's points (300000)
#   BENCH_LANG_RUNS     richards.py's runs (20)
#   BENCH_LANG_IMAGE    raytrace.py's image size, IMAGE x IMAGE pixels (200)
#   BENCH_LANG_JSON_MB  json_roundtrip.py's document size in MB of JSON (10)
#   BENCH_LANG_WORDS_MB word_count.py's text file size in MB (50)
#   BENCH_LANG_CHAOS    chaos.py's chaos-game iterations, points plotted (200000)
#   BENCH_LANG_DELTABLUE deltablue.py's size: variables per test, 10 rounds (5000)
#   BENCH_LANG_PIDIGITS pidigits.py's digits of pi (5000)
#   BENCH_LANG_REGEX    regex.py's log text size in MB (10)
LANG_SCRIPTS=(binary_trees cycles seed_release generators
              nbody spectral_norm fannkuch float_bench richards raytrace json_roundtrip
              word_count chaos deltablue pidigits regex)
declare -A LANG_ARGS=(
    [binary_trees]="${BENCH_LANG_DEPTH:-16}"
    [cycles]="${BENCH_LANG_ROUNDS:-10000}"
    [seed_release]=""
    [generators]="${BENCH_LANG_RECORDS:-1000000}"
    [nbody]="${BENCH_LANG_STEPS:-200000}"
    [spectral_norm]="${BENCH_LANG_MATRIX:-400}"
    [fannkuch]="${BENCH_LANG_PERM:-9}"
    [float_bench]="${BENCH_LANG_POINTS:-300000}"
    [richards]="${BENCH_LANG_RUNS:-20}"
    [raytrace]="${BENCH_LANG_IMAGE:-200}"
    [json_roundtrip]="${BENCH_LANG_JSON_MB:-10}"
    [word_count]="${BENCH_LANG_WORDS_MB:-50}"
    [chaos]="${BENCH_LANG_CHAOS:-200000}"
    [deltablue]="${BENCH_LANG_DELTABLUE:-5000}"
    [pidigits]="${BENCH_LANG_PIDIGITS:-5000}"
    [regex]="${BENCH_LANG_REGEX:-10}"
)
LANG_TARGET=1.0
# the classic benchmark programs, whose time ratios' geometric mean has its
# own goal (each program's ratio must still be <= LANG_TARGET)
LANG_CLASSIC=(richards nbody float_bench spectral_norm fannkuch deltablue raytrace chaos pidigits generators)
LANG_GEOMEAN_GOAL=0.7
RECLAIM_BIN="${RECLAIM_BIN:-$BUILD/reclaim}"

# lang_ensure_timer -> sets LANG_TIMER to "gnu" (/usr/bin/time) or "wrapper"
# (bench/lang/maxrss.py); installs Debian's `time` when root and missing
lang_ensure_timer() {
    if [[ ! -x /usr/bin/time && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        log "bench: installing time"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 || true
        apt-get install -y -qq time >&2 || log "bench: apt-get install time failed"
    fi
    if [[ -x /usr/bin/time ]]; then
        LANG_TIMER=gnu
    else
        LANG_TIMER=wrapper
        log "bench: lang: /usr/bin/time missing; peak RSS from bench/lang/maxrss.py (wait4)"
    fi
}

# lang_measure RSSFILE OUTFILE ERRFILE CMD... -> runs CMD under RUN_TIMEOUT,
# stdout to OUTFILE, stderr to ERRFILE; prints "EXIT SECONDS RSS_MB CPU_SECONDS"
# (CPU = user + system time of the process, less sensitive than wall time to
# a busy machine)
lang_measure() {
    local rssfile="$1" outfile="$2" errfile="$3"; shift 3
    local t0 t1 rc=0 kb user sys
    t0="${EPOCHREALTIME/,/.}"
    if [[ "$LANG_TIMER" == gnu ]]; then
        /usr/bin/time -f '%M %U %S' -o "$rssfile" timeout "$RUN_TIMEOUT" "$@" >"$outfile" 2>"$errfile" || rc=$?
    else
        "$BENCH_PYTHON" bench/lang/maxrss.py "$rssfile" timeout "$RUN_TIMEOUT" "$@" \
            >"$outfile" 2>"$errfile" || rc=$?
    fi
    t1="${EPOCHREALTIME/,/.}"
    read -r kb user sys < <(tail -n 1 "$rssfile" 2>/dev/null) || true
    [[ "${kb:-}" =~ ^[0-9]+$ ]] || kb=0
    [[ "${user:-}" =~ ^[0-9.]+$ && "${sys:-}" =~ ^[0-9.]+$ ]] || { user=0; sys=0; }
    awk -v rc="$rc" -v a="$t0" -v b="$t1" -v kb="$kb" -v u="$user" -v s="$sys" \
        'BEGIN { printf "%d %.4f %.2f %.2f\n", rc, b - a, kb / 1024, u + s }'
}

# lang_cmd RUNNER SCRIPT -> the command words for that interpreter and script
lang_cmd() {
    local bin
    [[ "$1" == reclaim ]] && bin="$RECLAIM_BIN" || bin="$BENCH_PYTHON"
    printf '%s bench/lang/%s.py %s\n' "$bin" "$2" "${LANG_ARGS[$2]}"
}

# lang_ratio_cell A B BETTER WORSE -> "A/B (N.NNx BETTER|WORSE)" or "n/a"
lang_ratio_cell() {
    [[ -z "$1" || -z "$2" ]] && { echo "n/a"; return; }
    awk -v r="$1" -v b="$2" -v better="$3" -v worse="$4" 'BEGIN {
        if (b <= 0 || r <= 0) { print "n/a"; exit }
        printf "%.3f (%.2fx %s)", r / b, (r <= b ? b / r : r / b), (r <= b ? better : worse) }'
}

# ---- section: diagnostics overhead ----------------------------------------------

# The raw allocator workloads (1)-(3) with the heap in diagnostic mode
# (RECLAIM_DEBUG=trace: every block traced to its site; =alloc: the debug
# allocator) against the same binary without it.  Tracing off is the plain
# column: a heap without diagnostic flags runs the same fast paths as a
# library without the feature (docs/PERFORMANCE.md: callgrind instruction
# counts before and after the feature landed).
section_diag() {
    local raw="$OUT/diag.raw" table="$OUT/diag_table.md" mode w
    : >"$raw"; : >"$OUT/diag.log"
    build_alloc_bench reclaim || { log "bench: cannot build bench_reclaim; diag skipped"; return 0; }
    for mode in trace alloc; do
        printf '#!/bin/sh\nRECLAIM_DEBUG=%s exec "%s" "$@"\n' "$mode" "$OUT/bench_reclaim" \
            >"$OUT/bench_reclaim_$mode"
        chmod +x "$OUT/bench_reclaim_$mode"
    done
    ACTIVE_ALLOCS="reclaim reclaim_trace reclaim_alloc"
    BENCH_W1_PAIRS="${BENCH_W1_PAIRS:-20000000}" BENCH_W2_OPS="${BENCH_W2_OPS:-2000000}" \
        run_rounds diag 1 2 3
    {
        echo "### Diagnostics overhead: the allocator workloads with RECLAIM_DEBUG (median of $BENCH_REPS alternating runs)"
        echo
        echo "| workload | tracing off | RECLAIM_DEBUG=trace | ratio | RECLAIM_DEBUG=alloc | ratio |"
        echo "|---|---:|---:|---:|---:|---:|"
        for w in 1 2 3; do
            local off on dbg
            off=$(median "$raw" "$w" reclaim); on=$(median "$raw" "$w" reclaim_trace)
            dbg=$(median "$raw" "$w" reclaim_alloc)
            echo "| ${ALLOC_DESC[$w]} | $(fmt "$off") | $(fmt "$on") | $(awk -v a="$on" -v b="$off" 'BEGIN { if (a != "" && b > 0) printf "%.1fx", a / b; else printf "—" }') | $(fmt "$dbg") | $(awk -v a="$dbg" -v b="$off" 'BEGIN { if (a != "" && b > 0) printf "%.1fx", a / b; else printf "—" }') |"
        done
    } >"$table"
    cat "$table"
}

# lang_geomean_line RAW -> the geometric mean of the time ratios over the
# classic programs that ran (both times positive numbers), against its goal
lang_geomean_line() {
    local raw="$1" s rt pt ratios=() used=()
    for s in "${LANG_CLASSIC[@]}"; do
        [[ " ${LANG_SCRIPTS[*]} " == *" $s "* ]] || continue
        rt=$(median "$raw" "$s" reclaim); pt=$(median "$raw" "$s" python3)
        [[ "$rt" =~ ^[0-9.]+$ && "$pt" =~ ^[0-9.]+$ ]] || continue
        ratios+=("$rt/$pt"); used+=("$s")
    done
    if ((${#ratios[@]} == 0)); then
        echo "Geometric mean over the classic programs: n/a (none ran)."
        return
    fi
    printf '%s\n' "${ratios[@]}" | awk -F/ -v goal="$LANG_GEOMEAN_GOAL" -v names="${used[*]}" '
        $2 > 0 && $1 > 0 { s += log($1 / $2); n++ }
        END { g = exp(s / n)
              printf "Geometric mean of time reclaim / python3 over %s: **%.2fx** (goal <= %.1fx: %s).\n", names, g, goal, g <= goal ? "PASS" : "MISS" }'
}

section_lang() {
    local raw="$OUT/lang.raw" rssraw="$OUT/lang_rss.raw" cpuraw="$OUT/lang_cpu.raw"
    local logf="$OUT/lang.log" table="$OUT/lang_table.md" pyver recver s rep r rc secs mb cpu out ref
    local -a cmd
    : >"$raw"; : >"$rssraw"; : >"$cpuraw"; : >"$logf"
    declare -A failed=() differs=()

    lang_ensure_timer
    if pyver=$("$BENCH_PYTHON" -c 'import sys; print(sys.implementation.name, sys.version.split()[0])'); then
        [[ "$pyver" == "cpython 3.11."* ]] || log "bench: $BENCH_PYTHON is $pyver, not CPython 3.11"
    else
        pyver="(none)"; log "bench: lang: $BENCH_PYTHON not runnable; no reference output"
    fi
    recver=$("$RECLAIM_BIN" --version 2>/dev/null | head -n 1) || recver="(--version failed)"
    log "bench: lang: reclaim = $RECLAIM_BIN [$recver]; $BENCH_PYTHON = $pyver;" \
        "timer $LANG_TIMER; $BENCH_REPS alternating reps per script"

    for s in "${LANG_SCRIPTS[@]}"; do
        ref="$OUT/lang_$s.python3.out"
        rm -f "$ref"
        for ((rep = 1; rep <= BENCH_REPS; rep++)); do
            for r in reclaim python3; do
                [[ -n "${failed[$s/$r]:-}" ]] && continue
                out="$OUT/lang_$s.$r.out"
                read -r -a cmd <<<"$(lang_cmd "$r" "$s")"
                read -r rc secs mb cpu <<<"$(lang_measure "$OUT/lang.rss" "$out" "$OUT/lang_$s.$r.err" "${cmd[@]}")"
                printf '%s %s rep=%d exit=%s seconds=%s peak_rss_mb=%s cpu_seconds=%s cmd=%s\n' \
                    "$s" "$r" "$rep" "$rc" "$secs" "$mb" "$cpu" "${cmd[*]}" >>"$logf"
                if ((rc != 0)); then
                    failed[$s/$r]="$rc"
                    log "$r: FAILED (exit $rc) on bench/lang/$s.py; its remaining reps skipped." \
                        "stderr ($OUT/lang_$s.$r.err):"
                    head -n 5 "$OUT/lang_$s.$r.err" | sed 's/^/    /' >&2 || true
                    continue
                fi
                printf '%s %s %s\n' "$s" "$r" "$secs" >>"$raw"
                printf '%s %s %s\n' "$s" "$r" "$mb" >>"$rssraw"
                printf '%s %s %s\n' "$s" "$r" "$cpu" >>"$cpuraw"
                log "  [lang] rep $rep/$BENCH_REPS $s $r: $secs s (CPU $cpu s), peak RSS $mb MB"
                if [[ "$r" == python3 && ! -f "$ref" ]]; then
                    cp "$out" "$ref"
                elif [[ -f "$ref" ]] && ! cmp -s "$ref" "$out"; then
                    differs[$s]=1
                    log "bench: lang: *** OUTPUT MISMATCH *** $r's stdout of bench/lang/$s.py" \
                        "(rep $rep) differs from python3's:"
                    diff "$ref" "$out" | head -n 10 | sed 's/^/    /' >&2 || true
                fi
            done
            # reclaim ran before python3 printed a reference in rep 1: compare it now
            if ((rep == 1)) && [[ -f "$ref" && -z "${failed[$s/reclaim]:-}" ]] &&
                ! cmp -s "$ref" "$OUT/lang_$s.reclaim.out"; then
                differs[$s]=1
                log "bench: lang: *** OUTPUT MISMATCH *** reclaim's stdout of bench/lang/$s.py" \
                    "(rep 1) differs from python3's:"
                diff "$ref" "$OUT/lang_$s.reclaim.out" | head -n 10 | sed 's/^/    /' >&2 || true
            fi
        done
    done

    local pyname="${pyver/cpython/CPython}" rt pt rrss prss tratio mratio status row
    {
        echo "### Interpreter: reclaim vs $pyname on Python scripts (median of $BENCH_REPS alternating runs)"
        echo
        echo "reclaim = \`$RECLAIM_BIN\` ($recver); python3 = \`$BENCH_PYTHON\` ($pyname);" \
             "binary_trees depth ${LANG_ARGS[binary_trees]}, cycles ${LANG_ARGS[cycles]} rounds, generators ${LANG_ARGS[generators]} records," \
             "nbody ${LANG_ARGS[nbody]} steps, spectral_norm N = ${LANG_ARGS[spectral_norm]}, fannkuch N = ${LANG_ARGS[fannkuch]}," \
             "float_bench ${LANG_ARGS[float_bench]} points, richards ${LANG_ARGS[richards]} runs, raytrace ${LANG_ARGS[raytrace]}x${LANG_ARGS[raytrace]} pixels," \
             "json_roundtrip ${LANG_ARGS[json_roundtrip]} MB, word_count ${LANG_ARGS[word_count]} MB," \
             "chaos ${LANG_ARGS[chaos]} points, deltablue size ${LANG_ARGS[deltablue]} (10 rounds)," \
             "pidigits ${LANG_ARGS[pidigits]} digits, regex ${LANG_ARGS[regex]} MB."
        echo
        echo "| script | reclaim [s] | python3 [s] | time reclaim / python3 |" \
             "reclaim peak RSS [MB] | python3 peak RSS [MB] | RSS reclaim / python3 | target | status |"
        echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
        for s in "${LANG_SCRIPTS[@]}"; do
            rt=$(median "$raw" "$s" reclaim); pt=$(median "$raw" "$s" python3)
            rrss=$(median "$rssraw" "$s" reclaim); prss=$(median "$rssraw" "$s" python3)
            tratio=$(lang_ratio_cell "$rt" "$pt" faster slower)
            mratio=$(lang_ratio_cell "$rrss" "$prss" smaller larger)
            if [[ -n "${failed[$s/reclaim]:-}" ]]; then
                status="reclaim: FAILED (exit ${failed[$s/reclaim]})"
            elif [[ "$tratio" == n/a || "$mratio" == n/a ]]; then
                status="n/a"
            elif le "${tratio%% *}" "$LANG_TARGET" && le "${mratio%% *}" "$LANG_TARGET"; then
                status=PASS
            else
                status=MISS
            fi
            [[ -n "${differs[$s]:-}" ]] && status+=" (OUTPUT DIFFERS from python3!)"
            [[ -n "${failed[$s/python3]:-}" ]] && status+=" (python3 failed: exit ${failed[$s/python3]})"
            row="| $s.py | $(fmt "$rt") | $(fmt "$pt") | $tratio | $(fmt "$rrss") | $(fmt "$prss") | $mratio |"
            echo "$row both <= $LANG_TARGET | $status |"
        done
        echo
        lang_geomean_line "$raw"
        echo
        echo "| detail: CPU time, user + system (medians) | reclaim [s] | python3 [s] | reclaim / python3 |"
        echo "|---|---:|---:|---:|"
        for s in "${LANG_SCRIPTS[@]}"; do
            rt=$(median "$cpuraw" "$s" reclaim); pt=$(median "$cpuraw" "$s" python3)
            echo "| $s.py | $(fmt "$rt") | $(fmt "$pt") | $(lang_ratio_cell "$rt" "$pt" faster slower) |"
        done
        echo
        echo "Lower is better.  Time: wall clock of the whole process (start-up included);"
        echo "peak RSS: ru_maxrss ($LANG_TIMER).  Each run's stdout is compared with"
        echo "python3's.  Runs: $logf; outputs: $OUT/lang_*.out."
    } >"$table"
    cat "$table"
}

# section_release, section_gcbench and their helpers
source "$ROOT/bench/release_section.sh"
source "$ROOT/bench/gcbench_section.sh"

# ---- main ----------------------------------------------------------------------

if [[ ! -f "$BUILD/libreclaim.a" ]]; then
    log "bench: $BUILD/libreclaim.a not found; run make first"
    exit 1
fi
log "bench: $(nproc) cores; sections: $BENCH_SECTIONS; reps: $BENCH_REPS"
start=$SECONDS
for s in $BENCH_SECTIONS; do
    if ! declare -F "section_$s" >/dev/null; then
        log "bench: no section '$s' (have: $BENCH_ALL_SECTIONS)"
        exit 2
    fi
    "section_$s"
    echo
done
log "bench: done in $((SECONDS - start)) s; tables in $OUT/"
