# bench/release_section.sh — section "release" of bench/run.sh: how much memory
# goes back to the OS after a program frees its data, step by step, for
# reclaim against glibc, mimalloc, jemalloc, tcmalloc (C) and CPython 3.11
# (Python).  A bash fragment, sourced by bench/run.sh: it defines
# section_release (and its helpers, all named release_*) and uses run.sh's
# build_bench, ensure_peers, median, fmt, le, log, $OUT, $BENCH_REPS,
# $BENCH_ALLOCS, $BENCH_PYTHON, $RECLAIM_BIN and $RUN_TIMEOUT.
#
# Scenarios, each in a fresh process (bench/release_bench.c, one binary per
# allocator, and bench/release/scenario.py SCENARIO under the reclaim interpreter and
# python3):
#   ints    a list of 10M ints            (a = list(range(1000*10000)))
#   dict    a dict of 1M str keys         ({"key%d" % i: i for i in ...})
#   inst    1M small class instances      ([P(i) for i in ...], x = y = i)
#   floats  a list of 1M floats           ([i * 0.5 for i in ...])
#   sparse  a list of 2M objects of mixed size, a random 1 in 1000 also in a
#           second list that survives (C: 16..496 B, a 16-byte header and
#           0..480 bytes of payload; Python: bytes of length 1..463, 34..496 B)
# Steps, RSS from /proc/self/statm at each: start, built, del (everything
# dropped), idle (300 ms later: C nanosleep, no call into the allocator or
# library; Python time.sleep(0.3), which the reclaim interpreter precedes
# with rc_heap_maintain(h, 300) on its own), collect (reclaim C:
# rc_gc_collect(h, 2); Python: gc.collect(); the malloc peers: their own
# release call, malloc_trim(0), mi_collect(true), jemalloc's arena purge,
# MallocExtension_ReleaseFreeMemory).
# And churn (C only): a list of 4M ints (24-byte objects) built and dropped
# 50 times in a row: time per round, the kernel's share of the CPU time,
# minor page faults (the cost of giving memory back and faulting it in).
#
# Runs alternate (for scenario, for rep, for runner), BENCH_REPS reps; the
# table shows medians.  Targets (status column: PASS, MISS, or n/a when a
# runner gave no data):
#   - ints, dict, inst, floats (nothing survives `del`): reclaim C and the
#     reclaim interpreter within RELEASE_SLACK_MB (2) MiB of their own start
#     RSS at the idle step and at the collect step (median of each run's
#     step - start);
#   - sparse: reclaim C and interpreter retain at most RELEASE_SPARSE_PCT (2) %
#     of the growth, (rss_step - rss_start) / (rss_built - rss_start), at the
#     idle step and at the collect step (median of each run's share);
#   - every row: the reclaim interpreter at or below CPython (medians).
# The Python scripts must print the same lines under both interpreters but
# for the numbers; a difference is reported in the table.
#
# Environment: BENCH_CHURN_ROUNDS (50) and BENCH_CHURN_N (4000000), read by
# the C program: churn's size; RELEASE_SLACK_MB (2), RELEASE_SPARSE_PCT (2):
# the targets.  About 45 s a rep on a 2-core VM (BENCH_REPS=3: ~2.5 min).
#
# Files: $OUT/release.raw ("key runner value"), $OUT/release.log (every
# RESULT line with its runner and rep), $OUT/release_table.md.

RELEASE_SCENARIOS=(ints dict inst floats sparse)
RELEASE_STEPS=(start built del idle collect)
RELEASE_SLACK_MB="${RELEASE_SLACK_MB:-2}"
RELEASE_SPARSE_PCT="${RELEASE_SPARSE_PCT:-2}"

# release_cmd RUNNER SCENARIO -> the command words (interp, cpython, or a C
# allocator's binary)
release_cmd() {
    case "$1" in
        interp)  printf '%s bench/release/scenario.py %s\n' "${RECLAIM_BIN:-$BUILD/reclaim}" "$2" ;;
        cpython) printf '%s bench/release/scenario.py %s\n' "$BENCH_PYTHON" "$2" ;;
        *)       printf '%s %s\n' "$OUT/release_bench_$1" "$2" ;;
    esac
}

# release_run RUNNER SCENARIO REP -> runs one process; appends "key runner
# value" to $OUT/release.raw: SCENARIO.STEP (RSS MiB), SCENARIO.STEP.grow
# (step - start, MiB) and for sparse SCENARIO.STEP.pct (share of the growth
# retained, %); churn: churn.METRIC.  Python runs: the output with numbers
# masked goes to $OUT/release_SCENARIO.RUNNER.shape.  Fails (and appends
# nothing) if the process fails or a step is missing.
release_run() {
    local r="$1" s="$2" rep="$3" out rc=0 line
    local -a cmd
    read -r -a cmd <<<"$(release_cmd "$r" "$s")"
    out=$(timeout "$RUN_TIMEOUT" "${cmd[@]}" 2>"$OUT/release_$s.$r.err") || rc=$?
    out=$(grep '^RESULT' <<<"$out") || true
    if ((rc != 0)) || [[ -z "$out" ]]; then
        log "bench: release: $r $s rep $rep failed (exit $rc); stderr in $OUT/release_$s.$r.err"
        head -n 3 "$OUT/release_$s.$r.err" | sed 's/^/    /' >&2 || true
        return 1
    fi
    [[ -s "$OUT/release_$s.$r.err" ]] || rm -f "$OUT/release_$s.$r.err"
    while IFS= read -r line; do
        printf 'runner=%s rep=%s %s\n' "$r" "$rep" "$line" >>"$OUT/release.log"
    done <<<"$out"
    if [[ "$r" == interp || "$r" == cpython ]]; then
        # the measured numbers masked; the checksum must agree as well
        sed -E 's/(value|[a-z_]+_ms)=[0-9.]+/\1=N/g' <<<"$out" >"$OUT/release_$s.$r.shape"
    fi
    local parsed
    parsed=$(awk -v r="$r" -v s="$s" -v steps="${RELEASE_STEPS[*]}" '
        {
            w = ""; v = ""
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^workload=/) w = substr($i, 10)
                else if ($i ~ /^value=/) v = substr($i, 7)
                else if ($i ~ /^checksum=/) sum = substr($i, 10)
            }
            if (w != "" && v != "") { val[w] = v; order[++n] = w }
        }
        END {
            if (sum != "") printf "%s.checksum %s %s\n", s, r, sum
            if (s == "churn") {
                for (i = 1; i <= n; i++) printf "%s %s %s\n", order[i], r, val[order[i]]
                exit 0
            }
            ns = split(steps, st, " ")
            for (i = 1; i <= ns; i++) if (!((s "." st[i]) in val)) { print "missing " st[i]; exit 1 }
            v0 = val[s ".start"]; grown = val[s ".built"] - v0
            for (i = 1; i <= ns; i++) {
                v = val[s "." st[i]]
                printf "%s.%s %s %s\n", s, st[i], r, v
                printf "%s.%s.grow %s %.4f\n", s, st[i], r, v - v0
                if (s == "sparse" && grown > 0)
                    printf "%s.%s.pct %s %.4f\n", s, st[i], r, (v - v0) / grown * 100
            }
        }' <<<"$out") || {
        log "bench: release: $r $s rep $rep: incomplete output ($parsed)"
        return 1
    }
    printf '%s\n' "$parsed" >>"$OUT/release.raw"
    if [[ "$s" == churn ]]; then
        log "  [release] rep $rep/$BENCH_REPS churn $r: $(awk '$1 !~ /checksum$/ { printf "%s=%s ", $1, $3 }' <<<"$parsed")"
    else
        log "  [release] rep $rep/$BENCH_REPS $s $r: $(awk -v s="$s" '$1 !~ /\.(grow|pct|checksum)$/ {
            k = $1; sub("^" s "\\.", "", k); printf "%s %s  ", k, $3 }' <<<"$parsed")MiB"
    fi
}

# release_cell RUNNER SCENARIO STEP -> "12.3" or "12.3 (4.5 %)" (sparse), or "n/a"
release_cell() {
    local m p
    m=$(median "$OUT/release.raw" "$2.$3" "$1")
    [[ -z "$m" ]] && { echo "n/a"; return; }
    if [[ "$2" == sparse && "$3" != start && "$3" != built ]]; then
        p=$(median "$OUT/release.raw" "$2.$3.pct" "$1")
        [[ -n "$p" ]] && { echo "$(fmt "$m") ($(fmt "$p") %)"; return; }
    fi
    fmt "$m"
}

section_release() {
    local raw="$OUT/release.raw" table="$OUT/release_table.md" a r s rep
    local pyver recver recbin="${RECLAIM_BIN:-$BUILD/reclaim}"
    : >"$raw"; : >"$OUT/release.log"
    rm -f "$OUT"/release_*.shape "$OUT"/release_*.err

    ensure_peers
    local calloc="" runners
    for a in $BENCH_ALLOCS; do
        if build_bench bench/release_bench.c release_bench "$a"; then
            calloc+="${calloc:+ }$a"
        else
            log "bench: cannot build release_bench_$a; skipped"
        fi
    done
    runners="$calloc"
    if recver=$("$recbin" --version 2>/dev/null | head -n 1); then
        runners+="${runners:+ }interp"
    else
        recver="(not runnable)"; log "bench: release: $recbin not runnable; no interpreter column"
    fi
    if pyver=$("$BENCH_PYTHON" -c 'import sys; print(sys.implementation.name, sys.version.split()[0])'); then
        [[ "$pyver" == "cpython 3.11."* ]] || log "bench: $BENCH_PYTHON is $pyver, not CPython 3.11"
        runners+="${runners:+ }cpython"
    else
        pyver="(none)"; log "bench: release: $BENCH_PYTHON not runnable; no CPython column"
    fi
    log "bench: release: runners: $runners; $BENCH_REPS alternating reps per scenario"

    for s in "${RELEASE_SCENARIOS[@]}"; do
        for ((rep = 1; rep <= BENCH_REPS; rep++)); do
            for r in $runners; do
                release_run "$r" "$s" "$rep" || true
            done
        done
    done
    for ((rep = 1; rep <= BENCH_REPS; rep++)); do
        for a in $calloc; do
            release_run "$a" churn "$rep" || true
        done
    done

    local pyname="${pyver/cpython/CPython}" cols sep row st m target status v
    local -a fails missing
    local -a allcols=()
    for a in $BENCH_ALLOCS; do allcols+=("$a"); done
    allcols+=(interp cpython)
    declare -A label=([reclaim]="reclaim (C)" [interp]="reclaim (interpreter)" [cpython]="$pyname")
    declare -A differs=()
    for s in "${RELEASE_SCENARIOS[@]}"; do
        if [[ -f "$OUT/release_$s.interp.shape" && -f "$OUT/release_$s.cpython.shape" ]] &&
            ! cmp -s "$OUT/release_$s.interp.shape" "$OUT/release_$s.cpython.shape"; then
            differs[$s]=1
            log "bench: release: *** OUTPUT MISMATCH *** bench/release/scenario.py $s prints different lines" \
                "under the interpreter and python3 (numbers aside):"
            diff "$OUT/release_$s.cpython.shape" "$OUT/release_$s.interp.shape" | head -n 6 |
                sed 's/^/    /' >&2 || true
        fi
    done

    declare -A csum_differs=()
    for s in "${RELEASE_SCENARIOS[@]}" churn; do
        # every C run of a scenario did the same work: one checksum
        awk -v w="$s.checksum" '$1 == w && $2 != "interp" && $2 != "cpython" { c[$3] = 1 }
            END { n = 0; for (k in c) n++; exit n > 1 }' "$raw" || {
            csum_differs[$s]=1; log "bench: release: *** the C runs of $s printed different checksums ***"; }
    done

    {
        echo "### Memory given back: RSS step by step after freeing (median of $BENCH_REPS alternating runs)"
        echo
        echo "C: bench/release_bench.c (reclaim's object API; the peers the same shapes on malloc;" \
             "reclaim linked $BENCH_RECLAIM_LINK, peers as Debian's shared libraries; $CC $BENCH_CFLAGS)." \
             "Python: bench/release/scenario.py under \`$recbin\` ($recver) and \`$BENCH_PYTHON\` ($pyname)."
        echo
        cols="| scenario | step |"; sep="|---|---|"
        for a in "${allcols[@]}"; do cols+=" ${label[$a]:-$a} |"; sep+="---:|"; done
        echo "$cols target | status |"; echo "$sep---|---|"
        for s in "${RELEASE_SCENARIOS[@]}"; do
            for st in "${RELEASE_STEPS[@]}"; do
                row="| $s | $st |"
                for a in "${allcols[@]}"; do row+=" $(release_cell "$a" "$s" "$st") |"; done
                # the checks of this row
                fails=(); missing=(); status=""
                local idle_row=0
                [[ "$st" == idle || "$st" == collect ]] && idle_row=1
                if ((idle_row)) && [[ "$s" != sparse ]]; then
                    target="reclaim C, interp <= own start + $RELEASE_SLACK_MB MiB; interp <= CPython"
                    for r in reclaim interp; do
                        v=$(median "$raw" "$s.$st.grow" "$r")
                        if [[ -z "$v" ]]; then missing+=("${label[$r]}")
                        elif ! le "$v" "$RELEASE_SLACK_MB"; then fails+=("${label[$r]} start +$(fmt "$v") MiB"); fi
                    done
                elif ((idle_row)); then
                    target="reclaim C, interp retain <= $RELEASE_SPARSE_PCT % of growth; interp <= CPython"
                    for r in reclaim interp; do
                        v=$(median "$raw" "$s.$st.pct" "$r")
                        if [[ -z "$v" ]]; then missing+=("${label[$r]}")
                        elif ! le "$v" "$RELEASE_SPARSE_PCT"; then fails+=("${label[$r]} retains $(fmt "$v") %"); fi
                    done
                else
                    target="interp <= CPython"
                fi
                local ri rp
                ri=$(median "$raw" "$s.$st" interp); rp=$(median "$raw" "$s.$st" cpython)
                if [[ -z "$ri" || -z "$rp" ]]; then missing+=("interp vs CPython")
                elif ! le "$ri" "$rp"; then fails+=("interp $(fmt "$ri") > CPython $(fmt "$rp")"); fi
                if ((${#fails[@]})); then
                    status="MISS (${fails[0]}"
                    for v in "${fails[@]:1}"; do status+="; $v"; done
                    status+=")"
                elif ((${#missing[@]})); then
                    status="n/a (no data: ${missing[0]}"
                    for v in "${missing[@]:1}"; do status+=", $v"; done
                    status+=")"
                else
                    status=PASS
                fi
                if ((${#fails[@]} && ${#missing[@]})); then
                    status+=" (no data: ${missing[0]}"
                    for v in "${missing[@]:1}"; do status+=", $v"; done
                    status+=")"
                fi
                [[ -n "${differs[$s]:-}" ]] && status+=" (script output differs!)"
                [[ "$st" == built && -n "${csum_differs[$s]:-}" ]] && status+=" (C checksums differ!)"
                echo "$row $target | $status |"
            done
        done
        echo
        echo "RSS in MiB (absolute); sparse: in parentheses the share of the growth still"
        echo "resident, (rss_step - rss_start) / (rss_built - rss_start), median of the runs."
        echo "Steps: start (before building); built; del (everything dropped; sparse: all but"
        echo "a random 1 in 1000); idle (300 ms; C: nanosleep, no call into the allocator or"
        echo "library; Python: time.sleep(0.3), which the reclaim interpreter precedes with"
        echo "rc_heap_maintain(h, 300)); collect (reclaim C: rc_gc_collect(h, 2); Python:"
        echo "gc.collect(); glibc: malloc_trim(0); mimalloc: mi_collect(true); jemalloc: tcache"
        echo "flush + arena.<all>.purge; tcmalloc: MallocExtension_ReleaseFreeMemory())."
        echo "Targets: at the idle and the collect steps, the median over runs of step - start"
        echo "(or of the retained share); at every step, the interpreter's median at or below"
        echo "CPython's.  All RESULT lines: $OUT/release.log."
        echo
        local best bestname ratio
        local crounds="${BENCH_CHURN_ROUNDS:-50}" cn="${BENCH_CHURN_N:-4000000}"
        cols="| churn: $(awk -v n="$cn" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000
            else printf "%d", n }') ints in a list, built + dropped, $crounds rounds |"; sep="|---|"
        for a in $BENCH_ALLOCS; do cols+=" ${label[$a]:-$a} |"; sep+="---:|"; done
        echo "$cols reclaim / best peer |"; echo "$sep---:|"
        local metric text
        for metric in round_ms sys_pct minflt minflt_steady rss; do
            case "$metric" in
                round_ms)      text="wall time per round [ms]" ;;
                sys_pct)       text="kernel share of CPU time, ru_stime / (ru_utime + ru_stime) [%]" ;;
                minflt)        text="minor page faults, all $crounds rounds [thousands]" ;;
                minflt_steady) text="minor page faults per round after the first" ;;
                rss)           text="RSS after the last round [MiB]" ;;
            esac
            row="| $text |"; best=""; bestname=""; m=""
            for a in $BENCH_ALLOCS; do
                v=$(median "$raw" "churn.$metric" "$a")
                [[ "$a" == reclaim ]] && m="$v"
                row+=" $(fmt "$v") |"
                if [[ "$a" != reclaim && -n "$v" ]] && { [[ -z "$best" ]] || le "$v" "$best"; }; then
                    best="$v"; bestname="$a"
                fi
            done
            if [[ "$metric" != rss && -n "$m" && -n "$best" ]] && awk -v b="$best" 'BEGIN { exit !(b > 0) }'; then
                ratio=$(awk -v r="$m" -v b="$best" 'BEGIN { printf "%.2f", r / b }')
                row+=" $ratio ($bestname) |"
            else
                row+=" — |"
            fi
            echo "$row"
        done
        [[ -n "${csum_differs[churn]:-}" ]] && { echo; echo "**The churn runs printed different checksums.**"; }
        echo
        echo "Churn: a = list of ints 1000.. (sized exactly), then del a, with no pause between"
        echo "rounds; reclaim: rc_list_reserve + rc_int_new + rc_list_append, one rc_decref of the"
        echo "list; the peers: the same shapes on malloc (24-byte ints, a malloc'd pointer array)."
        echo "No target: it shows what giving memory back between rounds costs (kernel time,"
        echo "page faults)."
    } >"$table"
    cat "$table"
}
