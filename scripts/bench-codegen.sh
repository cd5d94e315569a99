#!/usr/bin/env bash
# Whole-process time of `xtask codegen --check` (release build, every spec of specs/) against
# openapi-generator generating a Rust client from one provider's OpenAPI export, run in
# alternating pairs so the machine's drift cancels in the per-pair ratio; prints the median
# of each side and of the ratios, then our own phase profile (`--timings`, fastest of the
# runs). openapi-generator comes pinned from PyPI (the `openapi-generator-cli` wheel carries
# its jar) into <target dir>/bench-venv and needs a Java runtime; without one, only our side
# is timed. Not part of CI. Usage: scripts/bench-codegen.sh [PAIRS] (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."

PAIRS=${1:-10}
OPENAPI_GENERATOR_VERSION=7.12.0
TARGET=${CARGO_TARGET_DIR:-target}
VENV=$TARGET/bench-venv

cargo build --release --quiet -p xtask
xtask=$TARGET/release/xtask
"$xtask" codegen --check >/dev/null

export_file=$(ls generated/openapi/*.json | head -n 1)
oag=""
if command -v java >/dev/null 2>&1; then
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    want="openapi-generator-cli==$OPENAPI_GENERATOR_VERSION"
    if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$want" ]; then
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$want"
        echo "$want" > "$VENV/.installed"
    fi
    oag=$VENV/bin/openapi-generator-cli
else
    echo "bench-codegen: no java on PATH; timing codegen alone" >&2
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$PAIRS" "$xtask" "$oag" "$export_file" "$out" <<'EOF'
import statistics, subprocess, sys, time

pairs, xtask, oag, export, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]

def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

ours = [xtask, "codegen", "--check"]
theirs = [oag, "generate", "-g", "rust", "-i", export, "-o", out + "/rust"] if oag else None
if theirs:
    run(theirs)  # warm-up: the JVM's class data, the jar in the page cache
a, b = [], []
for _ in range(pairs):
    a.append(run(ours))
    if theirs:
        b.append(run(theirs))
ms = lambda s: f"{s * 1e3:.1f} ms"
print(f"xtask codegen --check, all specs: median {ms(statistics.median(a))} (min {ms(min(a))}, max {ms(max(a))})")
if b:
    print(f"openapi-generator -g rust, {export.split('/')[-1]}: median {ms(statistics.median(b))} (min {ms(min(b))}, max {ms(max(b))})")
    ratios = [y / x for x, y in zip(a, b)]
    print(f"openapi-generator / codegen per pair: median {statistics.median(ratios):.0f}x (min {min(ratios):.0f}x, max {max(ratios):.0f}x)")

best = {}
for _ in range(pairs):
    p = subprocess.run([xtask, "codegen", "--check", "--timings"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr.splitlines():
        value, _, phase = line.strip().partition(" ms  ")
        best[phase] = min(best.get(phase, float("inf")), float(value))
print("phases (fastest of the runs; the renderers run beside each other and the version plan):")
for phase, v in best.items():
    print(f"  {v:8.2f} ms  {phase}")
EOF
