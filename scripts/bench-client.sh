#!/usr/bin/env bash
# The generated client against raw reqwest doing the same call (README, "Benchmarks"):
# median time per call of each, alternating rounds in one process, against the mock and a
# minimal server, sequential and with 32 tasks; then, when valgrind is installed,
# instructions per call of each side counted by callgrind in a client process of its own
# (servers in another), as the difference between two run lengths (setup cancels out).
# Arguments go to the timing run (`--calls N --rounds R`). Not run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p client-bench
bin="$target/release/client-bench"
"$bin" "$@"

if ! command -v valgrind >/dev/null; then
    echo "valgrind not installed: no instruction counts"
    exit 0
fi
out="$(mktemp)"
"$bin" --serve >"$out" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do
    grep -q '^minimal ' "$out" && break
    sleep 0.1
done
count() { # side server calls -> instructions of the whole client process
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$bin" --only "$1" --base-url "$2" --calls "$3" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
short=100 long=600
echo "| server | generated instr/call | raw instr/call | ratio |"
echo "|---|---|---|---|"
for name in mock minimal; do
    base="$(sed -n "s/^$name //p" "$out")"
    g=$(( ($(count generated "$base" $long) - $(count generated "$base" $short)) / (long - short) ))
    r=$(( ($(count raw "$base" $long) - $(count raw "$base" $short)) / (long - short) ))
    echo "| $name | $g | $r | $(awk "BEGIN { printf \"%.3fx\", $g / $r }") |"
done
