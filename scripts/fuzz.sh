#!/usr/bin/env bash
# Fuzzes the readers of user files with libFuzzer: scripts/fuzz.sh TARGET|all [SECONDS]
#
# Targets (Fuzz/Package.swift, one executable each): fuzz-response-text, fuzz-mic-calibration,
# fuzz-equalizer-apo, fuzz-profile-json, fuzz-session-json, fuzz-wav. SECONDS (default 60) is
# each target's run time. Builds the fuzz package with -sanitize=fuzzer,address, seeds each
# corpus from the project's fixtures (Fuzz/Seeds, Targets/, golden files, a simulated session
# made by `cans measure --simulate`) and from ../shared/data when present, runs libFuzzer, and
# prints executions, coverage and findings per target.
#
# Everything it writes is under Fuzz/Runs/ (ignored by git; CANS_FUZZ_DIR moves it):
#   corpus/TARGET     the corpus, kept between runs (CANS_FUZZ_FRESH=1 starts from the seeds)
#   findings/TARGET   crash-*, timeout-*, oom-*, leak-* inputs: each becomes a regression test
#   logs/TARGET.log   libFuzzer's output
# Exit status: 0 when no target found anything, 1 when one did, 2 on a usage or build error.
# CPU-bound: run it under `nice -n 10` on a shared machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/Fuzz"
runs=${CANS_FUZZ_DIR:-$fuzz/Runs}
shared="$root/../shared/data"
all=(fuzz-response-text fuzz-mic-calibration fuzz-equalizer-apo fuzz-profile-json fuzz-session-json fuzz-wav)

usage() {
    echo "usage: scripts/fuzz.sh TARGET|all [SECONDS]; targets: ${all[*]}" >&2
    exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
seconds=${2:-60}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: SECONDS must be a whole number above 0, got \"$seconds\"" >&2; exit 2; }
if [ "$1" = all ]; then
    targets=("${all[@]}")
else
    [[ " ${all[*]} " == *" $1 "* ]] || { echo "fuzz: unknown target \"$1\"" >&2; usage; }
    targets=("$1")
fi

echo "fuzz: building the fuzz package (debug, -sanitize=fuzzer,address)" >&2
(cd "$fuzz" && swift build -c debug -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -E "error|Compiling|Build complete" >&2) \
    || { echo "fuzz: the build failed; run the command in Fuzz/ to see why" >&2; exit 2; }
bin=$(cd "$fuzz" && swift build -c debug -Xswiftc -sanitize=fuzzer,address --show-bin-path)

mkdir -p "$runs/seeds" "$runs/corpus" "$runs/findings" "$runs/logs"

# A simulated session (session.json, sweep and recordings as WAV), made once by the main
# package's `cans measure --simulate example`: real seeds for the session and audio targets.
simulated_session() {
    local out="$runs/session"
    if [ -z "$(find "$out" -name session.json 2>/dev/null | head -n 1)" ]; then
        echo "fuzz: measuring the simulated example headphone for seeds" >&2
        rm -rf "$out"
        (cd "$root" && swift build --product cans >&2 && "$(swift build --show-bin-path)/cans" measure --name seed \
            --simulate example --yes --reseats 1 --length 65536 --out "$out" >&2) \
            || { echo "fuzz: could not make a simulated session; seeding without it" >&2; return 0; }
    fi
    dirname "$(find "$out" -name session.json | head -n 1)"
}

# Copies seed files into $1 under names that keep them apart.
add_seeds() {
    local into=$1; shift
    local file
    for file in "$@"; do
        [ -f "$file" ] && cp "$file" "$into/$(printf '%s' "$file" | cksum | cut -d' ' -f1)-$(basename "$file" | tr ' ' '_')"
    done
    return 0
}

seed() {
    local target=$1 into="$runs/seeds/$1"
    rm -rf "$into" && mkdir -p "$into"
    shopt -s nullglob globstar
    add_seeds "$into" "$fuzz/Seeds/$target"/*
    case $target in
        fuzz-response-text)
            add_seeds "$into" "$root"/Targets/*.txt "$shared"/targets/*.csv
            # Every fifth measurement: all three sources, in-ear and over-ear.
            local measurements=("$shared"/measurements/**/*.csv) index
            for ((index = 0; index < ${#measurements[@]}; index += 5)); do add_seeds "$into" "${measurements[index]}"; done
            ;;
        fuzz-mic-calibration)
            add_seeds "$into" "$fuzz/Seeds/fuzz-response-text"/* "$root"/Targets/flat.txt
            ;;
        fuzz-equalizer-apo)
            add_seeds "$into" "$root"/Tests/CansExportTests/Golden/*equalizer-apo.txt "$root"/Tests/CansExportTests/Golden/*ParametricEQ.txt
            ;;
        fuzz-profile-json)
            add_seeds "$into" "$root"/Tests/CansExportTests/Golden/*.json.json
            ;;
        fuzz-session-json)
            local session; session=$(simulated_session)
            [ -n "$session" ] && add_seeds "$into" "$session/session.json"
            ;;
        fuzz-wav)
            local session wav; session=$(simulated_session)
            if [ -n "$session" ]; then
                for wav in "$session"/**/*.wav; do
                    add_seeds "$into" "$wav"
                    head -c 4096 "$wav" > "$into/cut-$(basename "$wav")"
                done
            fi
            if command -v sox >/dev/null; then
                local format
                for format in "-b 16 -e signed" "-b 24 -e signed" "-b 32 -e float" "-b 8 -e unsigned" "-e u-law" "-e ima-adpcm"; do
                    # shellcheck disable=SC2086  # $format is several options
                    sox -n -r 8000 -c 2 $format "$into/sox$(printf '%s' "$format" | tr -d ' -').wav" synth 0.01 sine 1000 2>/dev/null || true
                done
                sox -n -r 8000 -c 1 -b 16 "$into/sox.aiff" synth 0.01 sine 1000 2>/dev/null || true
                sox -n -r 8000 -c 1 -b 16 "$into/sox.flac" synth 0.01 sine 1000 2>/dev/null || true
                sox -n -r 8000 -c 1 -b 16 "$into/sox.w64" synth 0.01 sine 1000 2>/dev/null || true
            fi
            ;;
    esac
    [ -d "$shared" ] || echo "fuzz: $shared is absent; seeding $target from the project's own files only" >&2
    echo "$into"
}

dictionary() {
    case $1 in
        fuzz-response-text | fuzz-mic-calibration) echo "$fuzz/Dictionaries/text-columns.dict" ;;
        fuzz-equalizer-apo) echo "$fuzz/Dictionaries/equalizer-apo.dict" ;;
        fuzz-profile-json | fuzz-session-json) echo "$fuzz/Dictionaries/json.dict" ;;
        fuzz-wav) echo "$fuzz/Dictionaries/audio.dict" ;;
    esac
}

found=0
summary=()
for target in "${targets[@]}"; do
    seeds=$(seed "$target")
    corpus="$runs/corpus/$target" findings="$runs/findings/$target" log="$runs/logs/$target.log"
    [ "${CANS_FUZZ_FRESH:-0}" = 1 ] && rm -rf "$corpus"
    mkdir -p "$corpus" "$findings"
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/cans-fuzz-scratch.XXXXXX")
    before=$(find "$findings" -type f | wc -l)
    max_len=()
    [ "$target" = fuzz-wav ] && max_len=(-max_len=16384)
    echo "fuzz: $target for $seconds s (seeds: $(find "$seeds" -type f | wc -l) files)" >&2
    status=0
    # Swift's own crash backtracer would race AddressSanitizer's report; libFuzzer's is enough.
    # Leaks inside Foundation are listed, with the reason, in Fuzz/lsan-suppressions.txt.
    SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$fuzz/lsan-suppressions.txt" TMPDIR="$scratch" "$bin/$target" "$corpus" "$seeds" -dict="$(dictionary "$target")" "${max_len[@]}" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$findings/" > "$log" 2>&1 || status=$?
    rm -rf "$scratch"
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
    new=$(($(find "$findings" -type f | wc -l) - before))
    line="$target: ${seconds}s executions ${executions:-?} exec/s ${rate:-?} cov ${cov:-?} ft ${ft:-?} corpus $(find "$corpus" -type f | wc -l) peak RSS ${rss:-?} MB findings $new"
    if [ "$status" -ne 0 ] || [ "$new" -gt 0 ]; then
        found=1
        line="$line (libFuzzer status $status; inputs in $findings, output in $log)"
    fi
    summary+=("$line")
    echo "$line"
done

echo "fuzz: summary" >&2
printf '  %s\n' "${summary[@]}" >&2
exit "$found"
