#!/bin/sh
# Mock server throughput and latency on the DCS list operation (32 loopback connections),
# clean and then with 500 slowloris connections open (targets: p99 < 50 ms and at least half
# the clean throughput), then the full replay time. Release build; figures vary with machine
# load (check `uptime`).
# When wrk is installed (Debian: apt-get install wrk), it measures the standalone mock too,
# as an independent load generator.
set -eu
cd "$(dirname "$0")/.."
SECS=${SECONDS_TO_RUN:-5}
SLOW=${SLOWLORIS:-500}
TARGET=${CARGO_TARGET_DIR:-target}
# Client and server share this process: 2 descriptors per connection.
ulimit -n 4096 2>/dev/null || true
cargo build --release -p conformance --bin mock-bench --bin conformance
"$TARGET/release/mock-bench" --operation list_backup_records --connections 32 --seconds "$SECS" \
    --slowloris "$SLOW" --spec specs

command -v wrk >/dev/null 2>&1 || exit 0
PORT=${BENCH_PORT:-18766}
"$TARGET/release/conformance" mock --listen "127.0.0.1:$PORT" --spec specs/otc_dcs.yaml >/dev/null &
mock=$!
trap 'kill "$mock" 2>/dev/null || true' EXIT
sleep 1
# The documented request of list_backup_records.
path=/v1.0/0605767b0f0c4f3f9c21b7b5e2f1a5d1/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups
query='start=1&limit=10&beginTime=20170718235959&endTime=20190718235959'
echo "wrk, standalone mock:"
wrk -t2 -c32 -d"${SECS}s" --latency -H 'X-Auth-Token: example-token' \
    "http://127.0.0.1:$PORT$path?$query" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx'
