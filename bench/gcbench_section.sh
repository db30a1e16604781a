# bench/gcbench_section.sh — section "gcbench" of bench/run.sh: reclaim's
# cycle collector under three classic loads: GCBench against Boehm GC and
# malloc/free, a cache-hostile graph against CPython 3.11's gc, and the
# pauses a mutator sees, in the default (generational) mode and with
# RECLAIM_GC=incremental.  A bash fragment, sourced by bench/run.sh: it
# defines section_gcbench (and its helpers, all named gcb_*) and uses
# run.sh's fmt, le, log, $OUT, $BUILD, $CC, $BENCH_CFLAGS, $BENCH_REPS,
# $BENCH_RECLAIM_LINK, $BENCH_PYTHON and $RUN_TIMEOUT.
#
# Parts (each process runs one workload; runs alternate: for workload, for
# rep, for runner; the table shows medians of BENCH_REPS runs):
#   1. GCBench (bench/gcbench.c, Boehm's benchmark with its published
#      parameters: stretch tree of depth 18, long-lived tree of depth 16 and
#      array of 500K doubles, 2 * NumIters(d) trees of depth d = 4..16 built
#      top-down and bottom-up, ~15.3M nodes), one binary per variant:
#        reclaim_tracked      RC_TYPE_GC nodes, automatic collection
#                             (RECLAIM_GC=generational)
#        reclaim_tracked_inc  the same binary, RECLAIM_GC=incremental
#        reclaim_untracked    nodes without RC_TYPE_GC (reference counts alone)
#        boehm                Boehm GC (libgc-dev; installed with apt-get when
#                             root and missing), GC_MALLOC, no frees
#        malloc               glibc malloc/free, trees freed when dropped
#      wall time, peak RSS (ru_maxrss), the collector's time and collections.
#   2. Graph (full collections, automatic collection off while building):
#        hostile  1M nodes, node i -> (7i+1) mod n, (13i+5) mod n
#                 (bench/gcbench.c graph; bench/gcgraph.py under CPython)
#        random   bench/gc_bench.c's 1M-node random graph (bench/gc_bench.py)
#      alive [ns/node] and dropped, all garbage [ns/object found].
#   3. Pauses (bench/pause_bench.c): a 3M-node live graph built step by
#      step, a garbage 2-node cycle dropped every 10th step, each step timed
#      from outside; max, p99.99, p99 and the total, with
#      RECLAIM_GC=generational and RECLAIM_GC=incremental.  Targets (the
#      issue's): incremental max <= 1 ms and incremental total <= 1.2 x
#      generational total (the longest step is judged as measured and less
#      the time the thread waited for a CPU: other processes' time slices
#      are not the collector's).  BENCH_PAUSE_BIG=1 adds the 30M-node variant
#      (~1.9 GB; 20-50 s a run: 2 x BENCH_PAUSE_BIG_REPS runs, default
#      BENCH_REPS).
#
# Environment: BENCH_GRAPH_N (1000000; the hostile graph; gc_bench's graph
# keeps BENCH_GC_N), BENCH_PAUSE_N (3000000), BENCH_PAUSE_BIG (0),
# BENCH_PAUSE_BIG_N (30000000), BENCH_PAUSE_BIG_REPS ($BENCH_REPS).
# About 35 s with BENCH_REPS=3 on a quiet 2-core VM (60 s when other
# processes compete for the cores).
#
# Files: $OUT/gcbench.raw ("key runner value": key = part.workload.field,
# every numeric field of every RESULT line), $OUT/gcbench.modes ("key runner
# gc_mode"), $OUT/gcbench.log (the RESULT lines with runner and rep),
# $OUT/gcbench.err (the programs' stderr: GCBench's per-depth times),
# $OUT/gcbench_table.md.

GCB_VARIANTS=(reclaim_tracked reclaim_untracked boehm malloc)
GCB_RUNNERS=(reclaim_tracked reclaim_tracked_inc reclaim_untracked boehm malloc)
declare -A GCB_LABEL=(
    [reclaim_tracked]="reclaim, tracked (RC_TYPE_GC), RECLAIM_GC=generational"
    [reclaim_tracked_inc]="reclaim, tracked, RECLAIM_GC=incremental"
    [reclaim_untracked]="reclaim, untracked (refcounts alone)"
    [boehm]="Boehm GC"
    [malloc]="malloc/free (glibc)"
)

# gcb_libs -> the link words for reclaim (static or shared, as run.sh's build_bench)
gcb_libs() {
    if [[ "$BENCH_RECLAIM_LINK" == shared ]]; then
        printf '%s\n' "-L$BUILD -lreclaim -Wl,-rpath,$ROOT/$BUILD"
    else
        printf '%s\n' "$BUILD/libreclaim.a"
    fi
}

# gcb_ensure_boehm -> success if gc.h is there (installs libgc-dev when root)
gcb_ensure_boehm() {
    [[ -f /usr/include/gc.h ]] && return 0
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        log "bench: installing libgc-dev"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 || true
        apt-get install -y -qq libgc-dev >&2 || log "bench: apt-get install libgc-dev failed"
    else
        log "bench: Boehm GC missing; install with: sudo apt-get install libgc-dev"
    fi
    [[ -f /usr/include/gc.h ]]
}

# gcb_build_variant VARIANT -> $OUT/gcbench_VARIANT, or fails
gcb_build_variant() {
    local v="$1" def libs
    case "$v" in
        reclaim_tracked)   def=USE_RECLAIM_TRACKED; libs=$(gcb_libs) ;;
        reclaim_untracked) def=USE_RECLAIM_UNTRACKED; libs=$(gcb_libs) ;;
        boehm)             def=USE_BOEHM; libs=-lgc; gcb_ensure_boehm || return 1 ;;
        malloc)            def=USE_GLIBC; libs="" ;;
        *) log "bench: gcbench: unknown variant $v"; return 1 ;;
    esac
    # shellcheck disable=SC2086
    $CC -std=c11 $BENCH_CFLAGS -Wall -Wextra -D"$def" -Iinclude \
        -o "$OUT/gcbench_$v" bench/gcbench.c $libs
}

# gcb_cmd PART RUNNER -> the command words of one run
gcb_cmd() {
    case "$1/$2" in
        gcbench/reclaim_tracked)     echo "env RECLAIM_GC=generational $OUT/gcbench_reclaim_tracked gcbench" ;;
        gcbench/reclaim_tracked_inc) echo "env RECLAIM_GC=incremental $OUT/gcbench_reclaim_tracked gcbench" ;;
        gcbench/*)                   echo "$OUT/gcbench_$2 gcbench" ;;
        hostile/reclaim)             echo "$OUT/gcbench_reclaim_tracked graph" ;;
        hostile/cpython)             echo "$BENCH_PYTHON bench/gcgraph.py" ;;
        random/reclaim)              echo "$OUT/gc_bench_reclaim graph" ;;
        random/cpython)              echo "$BENCH_PYTHON bench/gc_bench.py graph" ;;
        pause/gen)                   echo "env RECLAIM_GC=generational $OUT/pause_bench_reclaim ${BENCH_PAUSE_N:-3000000}" ;;
        pause/inc)                   echo "env RECLAIM_GC=incremental $OUT/pause_bench_reclaim ${BENCH_PAUSE_N:-3000000}" ;;
        pausebig/gen)                echo "env RECLAIM_GC=generational $OUT/pause_bench_reclaim ${BENCH_PAUSE_BIG_N:-30000000}" ;;
        pausebig/inc)                echo "env RECLAIM_GC=incremental $OUT/pause_bench_reclaim ${BENCH_PAUSE_BIG_N:-30000000}" ;;
        *) log "bench: gcbench: no command for $1/$2"; return 1 ;;
    esac
}

# gcb_run PART RUNNER REP -> runs one process; for every RESULT line
# (workload=W) appends "PART.W.FIELD RUNNER VALUE" to $OUT/gcbench.raw for
# each numeric field (value=, peak_rss_mb=, checksum=, ...) and
# "PART.W RUNNER MODE" to $OUT/gcbench.modes when gc_mode= is there.
# Fails (and appends nothing) if the process fails or prints no RESULT.
gcb_run() {
    local part="$1" r="$2" rep="$3" out rc=0 line f
    local -a cmd
    read -r -a cmd <<<"$(gcb_cmd "$part" "$r")"
    printf '== %s %s rep %s: %s\n' "$part" "$r" "$rep" "${cmd[*]}" >>"$OUT/gcbench.err"
    out=$(timeout "$RUN_TIMEOUT" "${cmd[@]}" 2>>"$OUT/gcbench.err") || rc=$?
    out=$(grep '^RESULT' <<<"$out") || true
    if ((rc != 0)) || [[ -z "$out" ]]; then
        log "bench: gcbench: $part $r rep $rep failed (exit $rc); stderr in $OUT/gcbench.err"
        tail -n 3 "$OUT/gcbench.err" | sed 's/^/    /' >&2 || true
        return 1
    fi
    while IFS= read -r line; do
        printf 'part=%s runner=%s rep=%s %s\n' "$part" "$r" "$rep" "$line" >>"$OUT/gcbench.log"
        declare -A kv=()
        for f in $line; do [[ "$f" == *=* ]] && kv[${f%%=*}]="${f#*=}"; done
        for f in "${!kv[@]}"; do
            [[ "${kv[$f]}" =~ ^-?[0-9.]+$ ]] &&
                printf '%s.%s.%s %s %s\n' "$part" "${kv[workload]}" "$f" "$r" "${kv[$f]}" >>"$OUT/gcbench.raw"
        done
        # collections=a,b,c (per generation): also their sum
        if [[ "${kv[collections]:-}" =~ ^[0-9]+,[0-9]+,[0-9]+$ ]]; then
            IFS=, read -r -a f <<<"${kv[collections]}"
            printf '%s.%s.collections %s %s\n' "$part" "${kv[workload]}" "$r" \
                "$((f[0] + f[1] + f[2]))" >>"$OUT/gcbench.raw"
            printf '%s.%s.gen2 %s %s\n' "$part" "${kv[workload]}" "$r" "${f[2]}" >>"$OUT/gcbench.raw"
        fi
        [[ -n "${kv[gc_mode]:-}" ]] &&
            printf '%s.%s %s %s\n' "$part" "${kv[workload]}" "$r" "${kv[gc_mode]}" >>"$OUT/gcbench.modes"
        log "  [gcbench] rep $rep/$GCB_REPS_NOW $part ${kv[workload]} $r: ${kv[value]} ${kv[unit]}"
        unset kv
    done <<<"$out"
}

# gcb_rounds PART RUNNERS... : BENCH_REPS (or GCB_REPS_NOW) rounds, runners alternating
gcb_rounds() {
    local part="$1" rep r; shift
    for ((rep = 1; rep <= GCB_REPS_NOW; rep++)); do
        for r in "$@"; do
            gcb_run "$part" "$r" "$rep" || true
        done
    done
}

# gcb_med KEY RUNNER -> the median (full precision), or empty
gcb_med() {
    awk -v k="$1" -v r="$2" '$1 == k && $2 == r { print $3 }' "$OUT/gcbench.raw" | sort -g |
        awk '{ v[NR] = $1 } END {
            if (NR == 0) exit
            if (NR % 2) printf "%.10g\n", v[(NR + 1) / 2]
            else printf "%.10g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# gcb_int NUMBER -> rounded to an integer (or "n/a")
gcb_int() {
    [[ -z "$1" ]] && { echo "n/a"; return; }
    awk -v x="$1" 'BEGIN { printf "%.0f\n", x }'
}

# gcb_ratio A B -> "A/B" with 2 decimals (3 below 0.1), or "n/a"
gcb_ratio() {
    [[ -z "$1" || -z "$2" ]] && { echo "n/a"; return; }
    awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) { print "n/a"; exit }
        r = a / b; if (r < 0.1) printf "%.3f\n", r; else printf "%.2f\n", r }'
}

# gcb_same KEY RUNNERS... -> success if every run of those runners printed one
# checksum for KEY (KEY.checksum)
gcb_same() {
    local k="$1.checksum"; shift
    awk -v k="$k" -v rs=" $* " '$1 == k && index(rs, " " $2 " ") { c[$3] = 1 }
        END { n = 0; for (x in c) n++; exit n > 1 }' "$OUT/gcbench.raw"
}

# gcb_mode KEY RUNNER -> the gc_mode the runs reported ("a/b" if they differ), or "n/a"
gcb_mode() {
    awk -v k="$1" -v r="$2" '$1 == k && $2 == r && !seen[$3]++ { s = s (s == "" ? "" : "/") $3 }
        END { print (s == "" ? "n/a" : s) }' "$OUT/gcbench.modes"
}

# gcb_pause_table PART NODES -> the pause table of that part
gcb_pause_table() {
    local nodes="$2" k="$1.pause" g i row status ratio mg mi
    mg=$(gcb_mode "$k" gen); mi=$(gcb_mode "$k" inc)
    echo "| $nodes-node live graph built step by step, a garbage 2-node cycle dropped every 10th step | RECLAIM_GC=generational | RECLAIM_GC=incremental | incremental / generational | target | status |"
    echo "|---|---:|---:|---:|---|---|"
    local metric text target
    for metric in value max_adj_ms p9999_us p9999_adj_us p99_us p50_us over_1ms run_delay_ms nivcsw \
                  total_s gc_total_ms gc_max_ms collections gen2 rss_mb; do
        case "$metric" in
            value)       text="longest step [ms]" ;;
            max_adj_ms)  text="longest step, less its wait for a CPU (preemption) [ms]" ;;
            p9999_us)    text="p99.99 step [us]" ;;
            p9999_adj_us) text="p99.99 step, less waits for a CPU [us]" ;;
            run_delay_ms) text="time the loop waited for a CPU (schedstat run_delay) [ms]" ;;
            nivcsw)      text="involuntary context switches in the loop" ;;
            p99_us)      text="p99 step [us]" ;;
            p50_us)      text="median step [us]" ;;
            over_1ms)    text="steps longer than 1 ms" ;;
            total_s)     text="total: the loop's wall time [s]" ;;
            gc_total_ms) text="of which in collections (rc_gc_get_stats pause_total_s) [ms]" ;;
            gc_max_ms)   text="longest collection (rc_gc_get_stats pause_max_s) [ms]" ;;
            collections) text="collections (all generations)" ;;
            gen2)        text="of which full (generation 2)" ;;
            rss_mb)      text="RSS with the graph built [MB]" ;;
        esac
        g=$(gcb_med "$k.$metric" gen); i=$(gcb_med "$k.$metric" inc)
        ratio=$(gcb_ratio "$i" "$g")
        case "$metric" in
            over_1ms | nivcsw | collections | gen2) row="| $text | $(gcb_int "$g") | $(gcb_int "$i") | $ratio |" ;;
            *) row="| $text | $(fmt "$g") | $(fmt "$i") | $ratio |" ;;
        esac
        target=""; status=""
        if [[ "$metric" == value || "$metric" == max_adj_ms ]]; then
            target="incremental <= 1 ms"
            if [[ -z "$i" ]]; then status="n/a"; elif le "$i" 1; then status=PASS; else status=MISS; fi
        elif [[ "$metric" == total_s ]]; then
            target="incremental <= 1.2 x generational"
            if [[ "$ratio" == n/a ]]; then status="n/a"; elif le "$ratio" 1.2; then status=PASS; else status=MISS; fi
        fi
        if [[ -n "$target" && "$status" != n/a && "$mi" != *incremental* ]]; then
            status+=" (the heap reports $mi under RECLAIM_GC=incremental)"
        fi
        echo "$row $target | $status |"
    done
    echo "| mode the heap reports | $mg | $mi | | | |"
    gcb_same "$k" gen inc || echo "| **checksums differ between runs** | | | | | |"
}

section_gcbench() {
    local raw="$OUT/gcbench.raw" table="$OUT/gcbench_table.md" v r libs pyver have_py=1
    : >"$raw"; : >"$OUT/gcbench.modes"; : >"$OUT/gcbench.log"; : >"$OUT/gcbench.err"
    GCB_REPS_NOW="$BENCH_REPS"

    # build
    local -a runners=() graph_runners=() pause_runners=()
    declare -A built=()
    for v in "${GCB_VARIANTS[@]}"; do
        if gcb_build_variant "$v"; then built[$v]=1; else log "bench: gcbench: cannot build gcbench_$v; skipped"; fi
    done
    for r in "${GCB_RUNNERS[@]}"; do
        [[ -n "${built[${r%_inc}]:-}" ]] && runners+=("$r")
    done
    libs=$(gcb_libs)
    # shellcheck disable=SC2086
    if $CC -std=c11 $BENCH_CFLAGS -Wall -Wextra -DUSE_RECLAIM -Iinclude \
            -o "$OUT/gc_bench_reclaim" bench/gc_bench.c $libs; then
        built[gc_bench]=1
    else
        log "bench: gcbench: cannot build gc_bench_reclaim (random graph)"
    fi
    # shellcheck disable=SC2086
    if $CC -std=c11 $BENCH_CFLAGS -Wall -Wextra -Iinclude \
            -o "$OUT/pause_bench_reclaim" bench/pause_bench.c $libs; then
        pause_runners=(gen inc)
    else
        log "bench: gcbench: cannot build pause_bench_reclaim"
    fi
    if pyver=$("$BENCH_PYTHON" -c 'import sys; print(sys.implementation.name, sys.version.split()[0])'); then
        [[ "$pyver" == "cpython 3.11."* ]] || log "bench: $BENCH_PYTHON is $pyver, not CPython 3.11"
    else
        have_py=0; pyver="(none)"; log "bench: gcbench: $BENCH_PYTHON not runnable; no CPython column"
    fi
    local pyname="${pyver/cpython/CPython}" gcver="(not found)"
    [[ -f /usr/include/gc/gc_version.h ]] && gcver=$(awk '/define GC_TMP_VERSION_MAJOR/ { a = $3 }
        /define GC_TMP_VERSION_MINOR/ { b = $3 } /define GC_TMP_VERSION_MICRO/ { c = $3 }
        END { if (a != "") printf "%s.%s.%s", a, b, c }' /usr/include/gc/gc_version.h)
    [[ -z "$gcver" ]] && gcver=$(dpkg-query -W -f '${Version}' libgc-dev 2>/dev/null || echo "?")
    log "bench: gcbench: GCBench runners: ${runners[*]}; $pyname; $BENCH_REPS alternating reps"

    # 1. GCBench
    ((${#runners[@]})) && gcb_rounds gcbench "${runners[@]}"
    # 2. graphs
    [[ -n "${built[reclaim_tracked]:-}" ]] && graph_runners+=(reclaim)
    ((have_py)) && graph_runners+=(cpython)
    if ((${#graph_runners[@]})); then
        gcb_rounds hostile "${graph_runners[@]}"
        local -a rr=()
        [[ -n "${built[gc_bench]:-}" ]] && rr+=(reclaim)
        ((have_py)) && rr+=(cpython)
        ((${#rr[@]})) && gcb_rounds random "${rr[@]}"
    fi
    # 3. pauses
    if ((${#pause_runners[@]})); then
        gcb_rounds pause "${pause_runners[@]}"
        if [[ "${BENCH_PAUSE_BIG:-0}" == 1 ]]; then
            GCB_REPS_NOW="${BENCH_PAUSE_BIG_REPS:-$BENCH_REPS}"
            gcb_rounds pausebig "${pause_runners[@]}"
            GCB_REPS_NOW="$BENCH_REPS"
        fi
    fi

    # the table
    local row t u m c n k a b ratio_t ratio_m ratio_u
    local pn bn gn rn
    pn=$(awk -v n="${BENCH_PAUSE_N:-3000000}" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000; else printf "%d", n }')
    bn=$(awk -v n="${BENCH_PAUSE_BIG_N:-30000000}" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000; else printf "%d", n }')
    rn=$(awk -v n="${BENCH_GC_N:-1000000}" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000; else printf "%d", n }')
    gn=$(awk -v n="${BENCH_GRAPH_N:-1000000}" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000; else printf "%d", n }')
    {
        echo "### Collector benchmarks: GCBench, a cache-hostile graph, mutator pauses (median of $BENCH_REPS alternating runs)"
        echo
        echo "reclaim linked $BENCH_RECLAIM_LINK; Boehm GC $gcver (Debian's libgc, -lgc);" \
             "$CC $BENCH_CFLAGS; $BENCH_PYTHON = $pyname."
        echo
        echo "| GCBench (Boehm; depths 4..16, stretch 18, long-lived 16 + 500K doubles) | time [s] | CPU [s] | peak RSS [MB] | in the collector [ms] | collections | mode |"
        echo "|---|---:|---:|---:|---:|---:|---|"
        for r in "${GCB_RUNNERS[@]}"; do
            k=gcbench.gcbench
            t=$(gcb_med "$k.value" "$r"); m=$(gcb_med "$k.peak_rss_mb" "$r"); u=$(gcb_med "$k.cpu_s" "$r")
            c=$(gcb_med "$k.gc_ms" "$r"); n=$(gcb_med "$k.collections" "$r")
            [[ -z "$t" ]] && { echo "| ${GCB_LABEL[$r]} | n/a | n/a | n/a | n/a | n/a | |"; continue; }
            a=$(gcb_mode "$k" "$r"); [[ "$a" == none ]] && a="—"
            if [[ "$r" == malloc || "$r" == reclaim_untracked ]]; then
                c="—"; n="—"
            else
                c=$(fmt "$c"); n=$(gcb_int "$n")
            fi
            echo "| ${GCB_LABEL[$r]} | $(fmt "$t") | $(fmt "$u") | $(fmt "$m") | $c | $n | $a |"
        done
        gcb_same gcbench.gcbench "${GCB_RUNNERS[@]}" || echo "| **the variants printed different checksums** | | | | | | |"
        echo
        echo "| GCBench ratio (medians) | time | CPU | peak RSS |"
        echo "|---|---:|---:|---:|"
        for a in "reclaim_tracked boehm reclaim tracked (generational) / Boehm GC" \
                 "reclaim_tracked_inc boehm reclaim tracked (incremental) / Boehm GC (target <= 1)" \
                 "reclaim_untracked malloc reclaim untracked / malloc-free (target <= 1)" \
                 "reclaim_tracked reclaim_untracked reclaim tracked / untracked (what the collector adds)" \
                 "reclaim_tracked_inc reclaim_tracked RECLAIM_GC=incremental / generational (tracked)"; do
            read -r r b t <<<"$a"
            ratio_t=$(gcb_ratio "$(gcb_med gcbench.gcbench.value "$r")" "$(gcb_med gcbench.gcbench.value "$b")")
            ratio_u=$(gcb_ratio "$(gcb_med gcbench.gcbench.cpu_s "$r")" "$(gcb_med gcbench.gcbench.cpu_s "$b")")
            ratio_m=$(gcb_ratio "$(gcb_med gcbench.gcbench.peak_rss_mb "$r")" "$(gcb_med gcbench.gcbench.peak_rss_mb "$b")")
            echo "| $t | $ratio_t | $ratio_u | $ratio_m |"
        done
        echo
        echo "| full collection, rc_gc_collect(h, 2) vs gc.collect() | reclaim (C API) | $pyname | reclaim / CPython |"
        echo "|---|---:|---:|---:|"
        local -a gw=("hostile.graph_live" "hostile.graph_garbage" "random.live" "random.garbage")
        local -a gd=(
            "(1) cache-hostile graph, $gn nodes, i -> (7i+1) mod n, (13i+5) mod n, alive [ns/node]"
            "(2) the same graph dropped: all garbage [ns/object found]"
            "(3) bench/gc_bench.c's random graph, $rn nodes, alive [ns/node]"
            "(4) the random graph dropped [ns/object found]"
        )
        local -a gs=("(1) hostile, alive" "(2) hostile, garbage" "(3) random, alive" "(4) random, garbage")
        for i in 0 1 2 3; do
            a=$(gcb_med "${gw[$i]}.value" reclaim); b=$(gcb_med "${gw[$i]}.value" cpython)
            row="| ${gd[$i]} | $(fmt "$a") | $(fmt "$b") | $(gcb_ratio "$a" "$b") |"
            gcb_same "${gw[$i]}" reclaim cpython || row+=" **checksums differ** |"
            echo "$row"
        done
        for i in 0 1; do
            a=$(gcb_ratio "$(gcb_med "${gw[$i]}.value" reclaim)" "$(gcb_med "${gw[$((i + 2))]}.value" reclaim)")
            b=$(gcb_ratio "$(gcb_med "${gw[$i]}.value" cpython)" "$(gcb_med "${gw[$((i + 2))]}.value" cpython)")
            echo "| ${gs[$i]} / ${gs[$((i + 2))]:4} (ns per node or per object found) | $a | $b | |"
        done
        for i in 0 1 2 3; do
            a=$(gcb_med "${gw[$i]}.pause_ms" reclaim); b=$(gcb_med "${gw[$i]}.total_ms" cpython)
            echo "| detail: ${gs[$i]}: the collection [ms] (reclaim: the collector proper, rc_gc_get_stats) | $(fmt "$a") | $(fmt "$b") | |"
        done
        for i in 1 3; do
            a=$(gcb_med "${gw[$i]}.collected" reclaim); b=$(gcb_med "${gw[$i]}.collected" cpython)
            echo "| detail: ${gs[$i]}: objects found | $(gcb_int "$a") | $(gcb_int "$b") | |"
        done
        for i in 0 2; do
            a=$(gcb_med "${gw[$i]}.rss_mb" reclaim); b=$(gcb_med "${gw[$i]}.rss_mb" cpython)
            echo "| detail: ${gs[$i]}: process RSS with the graph built [MB] | $(fmt "$a") | $(fmt "$b") | |"
        done
        echo
        gcb_pause_table pause "$pn"
        if [[ "${BENCH_PAUSE_BIG:-0}" == 1 ]]; then
            echo
            gcb_pause_table pausebig "$bn"
        fi
        echo
        echo "GCBench: wall time of the benchmark proper (stretch, long-lived data, all"
        echo "depths; dropping the long-lived data after is not in it), peak RSS = ru_maxrss;"
        echo "collector: reclaim, rc_gc_get_stats pause_total_s and collections summed over"
        echo "the generations; Boehm, GC_get_full_gc_total_time and GC_get_gc_no.  Every"
        echo "variant does the same work (checksums of the trees' outer paths agree)."
        echo "Graphs: automatic collection off while building; reclaim's time includes the"
        echo "heap trim rc_gc_collect(h, 2) ends with; CPython runs gc.collect(); gc.freeze()"
        echo "first.  Pauses: each step (rc_new of a node, two edges, every 10th step a"
        echo "2-node cycle made and dropped) timed with clock_gettime around it; total = the"
        echo "whole loop; \"less its wait for a CPU\": a step over 100 us less the time the"
        echo "thread waited to run since the previous read of /proc/thread-self/schedstat"
        echo "(every 256 steps), so that another process's time slice on a shared machine is"
        echo "not counted as a pause (bench/pause_bench.c).  Mode: what the heap reports"
        echo "after the measurement (rc_gc_step fails with RC_EINVAL on a generational heap;"
        echo "a library without modes is generational); the programs only pass RECLAIM_GC"
        echo "through.  All RESULT lines: $OUT/gcbench.log; GCBench's per-depth times:"
        echo "$OUT/gcbench.err."
    } >"$table"
    cat "$table"
}
