#!/bin/sh
# Mock server throughput and latency on the DCS list operation (32 loopback connections),
# then the full replay time. Release build; figures vary with machine load.
set -eu
cd "$(dirname "$0")/.."
cargo build --release -p conformance --bin mock-bench
exec target/release/mock-bench --operation list_backup_records --connections 32 --seconds "${SECONDS_TO_RUN:-5}" --spec specs
