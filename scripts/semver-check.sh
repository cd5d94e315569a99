#!/usr/bin/env bash
# cargo-semver-checks over the diff rule corpus: for every case of spec/tests/diff/cases, the
# generated crate before and after the spec change (rendered by the semver_corpus test of
# codegen, the after crate versioned as `cargo xtask codegen` would version it from 0.2.0) is
# checked with `cargo semver-checks check-release`. A case fails when cargo-semver-checks
# requires more than the computed bump. See README "The generated crate's version".
#
# Usage: scripts/semver-check.sh [CASE...]   (default: every case)
# Installs the pinned cargo-semver-checks from crates.io into target/semver-tools once
# (about 15 minutes on two cores; SEMVER_CHECKS_ROOT elsewhere to keep it across cleans).
# Exit codes: 0 every checked case holds; 1 cargo-semver-checks requires more than the diff
# gave for some case (its report is in target/semver-corpus/CASE.log); 2 could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

VERSION=0.51.0
TOOLS="${SEMVER_CHECKS_ROOT:-$PWD/target/semver-tools}"
OUT="$PWD/target/semver-corpus"
BIN="$TOOLS/bin/cargo-semver-checks"

if ! "$BIN" semver-checks --version 2>/dev/null | grep -q " $VERSION$"; then
    echo "installing cargo-semver-checks $VERSION into $TOOLS" >&2
    cargo install cargo-semver-checks --version "=$VERSION" --locked --root "$TOOLS" || exit 2
fi

rm -rf "$OUT"
SEMVER_CORPUS_OUT="$OUT" cargo test -q -p codegen --test it \
    semver_corpus::code_written_against_the_old_crate >&2 || exit 2

fail=0
checked=0
printf '%-36s %-36s %-13s %-8s %s\n' case rule level version cargo-semver-checks
while IFS=$'\t' read -r case rule level version; do
    if [[ $# -gt 0 ]] && ! printf '%s\n' "$@" | grep -qx "$case"; then
        continue
    fi
    crate="case_$case"
    log="$OUT/$case.log"
    if PATH="$TOOLS/bin:$PATH" cargo semver-checks check-release \
        --manifest-path "$OUT/after/$crate/Cargo.toml" \
        --baseline-root "$OUT/before/$crate" >"$log" 2>&1; then
        verdict="agrees"
    elif grep -q "semver requires new major version\|requires new minor version" "$log"; then
        verdict="REQUIRES MORE: $(grep -o 'semver requires new [a-z]* version' "$log" | head -1)"
        fail=1
    else
        echo "cargo-semver-checks could not check $case; see $log" >&2
        exit 2
    fi
    checked=$((checked + 1))
    printf '%-36s %-36s %-13s %-8s %s\n' "$case" "$rule" "$level" "$version" "$verdict"
done <"$OUT/levels.tsv"

echo "$checked case(s) checked"
exit "$fail"
