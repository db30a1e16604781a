#!/usr/bin/env bash
# bench/run.sh — reclaim's benchmarks (run by `make bench` after the library
# is built into build/).
#
# Sections are shell functions named section_<name>; BENCH_SECTIONS picks
# which run (default: all of BENCH_ALL_SECTIONS, in order).  To add a section
# (objects, collector, ...): write section_<name>, append <name> to
# BENCH_ALL_SECTIONS; use run_rounds/median/emit_row as section_alloc does.
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
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="${BUILD:-build}"
OUT="$BUILD/bench"
CC="${CC:-cc}"
BENCH_CFLAGS="${BENCH_CFLAGS:--O2}"
BENCH_REPS="${BENCH_REPS:-5}"
BENCH_ALL_SECTIONS="alloc"
BENCH_SECTIONS="${BENCH_SECTIONS:-$BENCH_ALL_SECTIONS}"
BENCH_ALLOCS="${BENCH_ALLOCS:-reclaim glibc mimalloc jemalloc tcmalloc}"
BENCH_RECLAIM_LINK="${BENCH_RECLAIM_LINK:-static}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"   # seconds, per benchmark process

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

# build_alloc_bench ALLOC -> prints nothing; creates $OUT/bench_ALLOC or fails
build_alloc_bench() {
    local a="$1" def libs=()
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
        -o "$OUT/bench_$a" bench/alloc_bench.c "${libs[@]}"
}

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
