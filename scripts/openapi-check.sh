#!/usr/bin/env bash
# Prove the OpenAPI exports with the ecosystem's own tools:
#  1. openapi-spec-validator validates every generated/openapi/*.json;
#  2. datamodel-code-generator, a peer client generator, turns each id component
#     (`x-identifies`) into a type of its own (scripts/openapi_check_ids.py);
#  3. the request signer (runtime/src/sign.rs) signs a table of requests exactly as Huawei's
#     official SDK (huaweicloudsdkcore) does: runtime's sign_cross_check test, required to run;
#  4. Schemathesis drives the spec-built mock server through each export (examples, coverage
#     and a bounded fuzzing phase, fixed seed) and fails on any server error or any response
#     that does not conform to the export.
# Tools are pinned and installed into <target dir>/openapi-venv (CARGO_TARGET_DIR, else
# target), so a fresh machine needs only Python 3 and PyPI.
# Usage: scripts/openapi-check.sh [--validate-only | --install-only]
#   --install-only  install the pinned tools and stop (CI starts it early, beside the build)
set -euo pipefail
cd "$(dirname "$0")/.."

SPEC_VALIDATOR_VERSION=0.9.0
SCHEMATHESIS_VERSION=4.32.5
HUAWEI_SDK_CORE_VERSION=3.1.219
DATAMODEL_CODEGEN_VERSION=0.89.0
SEED=20240724          # fixed: the same run on every machine
MAX_EXAMPLES=100       # per operation and phase
RUN_TIMEOUT=300        # seconds per export, a hard bound over Schemathesis
TARGET=${CARGO_TARGET_DIR:-target}
VENV=$TARGET/openapi-venv
PORT=${OPENAPI_CHECK_PORT:-18765}
BASE="http://127.0.0.1:$PORT"

exports=(generated/openapi/*.json)
if [ ! -e "${exports[0]}" ]; then
    echo "openapi-check: no exports under generated/openapi/ (run cargo xtask openapi)" >&2
    exit 1
fi

# --- tools --------------------------------------------------------------------------------
want="openapi-spec-validator==$SPEC_VALIDATOR_VERSION schemathesis==$SCHEMATHESIS_VERSION"
want+=" huaweicloudsdkcore==$HUAWEI_SDK_CORE_VERSION"
want+=" datamodel-code-generator==$DATAMODEL_CODEGEN_VERSION"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $want
    echo "$want" > "$VENV/.installed"
fi
# From here on the venv by absolute path: some steps run in other directories.
VENV=$(cd "$VENV" && pwd)
if [ "${1:-}" = "--install-only" ]; then
    exit 0
fi

# --- 1. independent validation --------------------------------------------------------------
for f in "${exports[@]}"; do
    "$VENV/bin/openapi-spec-validator" "$f"
done

# --- 2. id components as types of their own in a peer generator ----------------------------
models=$(mktemp -d)
for f in "${exports[@]}"; do
    "$VENV/bin/datamodel-codegen" --input "$f" --input-file-type openapi \
        --output-model-type pydantic_v2.BaseModel --output "$models/$(basename "$f" .json).py" \
        2>"$models/log" || { cat "$models/log" >&2; exit 1; }
    "$VENV/bin/python" scripts/openapi_check_ids.py "$f" "$models/$(basename "$f" .json).py"
done
rm -rf "$models"

# --- 3. the signer against the official SDK's (never skipped here) ---------------------------
SIGN_CROSS_CHECK_PYTHON="$VENV/bin/python" SIGN_CROSS_CHECK_REQUIRED=1 \
    cargo test --quiet -p runtime --test it sign_cross_check::

if [ "${1:-}" = "--validate-only" ]; then
    exit 0
fi

# --- 4. Schemathesis against the mock ---------------------------------------------------------
# The conformance binary itself (what `cargo xtask mock` runs), so that killing $mock_pid
# stops the server and not only a wrapper around it.
cargo build --quiet -p conformance --bin conformance
workdir=$(mktemp -d)
mock_pid=""
cleanup() {
    if [ -n "$mock_pid" ]; then
        kill "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT

# Schemathesis' ignored_auth check sends a wrong credential and expects 401/403: it needs a
# mock that knows which credential is right (MOCK_TOKEN: never on the command line).
TOKEN=openapi-check-token
mock_args=(--listen "127.0.0.1:$PORT")
auth_check=""
if "$TARGET/debug/conformance" mock --help 2>/dev/null | grep -q -- '--token-file'; then
    export MOCK_TOKEN=$TOKEN
    auth_check=,ignored_auth
    # Form-field credentials have no security scheme: the hooks fill them in.
    export OPENAPI_CHECK_TOKEN=$TOKEN
else
    echo "openapi-check: the mock accepts any non-empty credential; ignored_auth not run" >&2
fi
"$TARGET/debug/conformance" mock "${mock_args[@]}" >"$workdir/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 1 100); do
    if "$VENV/bin/python" -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 0.2)" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$mock_pid" 2>/dev/null; then
        echo "openapi-check: the mock server exited:" >&2
        cat "$workdir/mock.log" >&2
        exit 1
    fi
    sleep 0.1
done

# negative_data_rejection and positive_data_acceptance run in their _enveloped form
# (scripts/openapi_check_hooks.py): the same checks, reading a failure a provider reports
# inside an HTTP 200 body (the export's `x-envelope`) as the rejection it is.
export SCHEMATHESIS_HOOKS=openapi_check_hooks
export PYTHONPATH="$PWD/scripts${PYTHONPATH:+:$PYTHONPATH}"
checks=not_a_server_error,status_code_conformance,content_type_conformance
checks+=,response_headers_conformance,response_schema_conformance
checks+=,negative_data_rejection_enveloped,positive_data_acceptance_enveloped
checks+=,missing_required_header,unsupported_method$auth_check

failed=0
for f in "${exports[@]}"; do
    name=$(basename "$f" .json)
    # Credentials for the export's apiKey schemes: the mock's token.
    config="$workdir/$name.toml"
    "$VENV/bin/python" - "$f" "$TOKEN" >"$config" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for name, scheme in doc.get("components", {}).get("securitySchemes", {}).items():
    if scheme.get("type") == "apiKey":
        print(f'[auth.openapi.{json.dumps(name)}]\napi_key = "{sys.argv[2]}"\n')
PY
    echo "== schemathesis: $f"
    # From the scratch directory, so Schemathesis' own files do not land in the checkout.
    if ! (cd "$workdir" && timeout "$RUN_TIMEOUT" "$VENV/bin/schemathesis" \
        --config-file "$config" run "$OLDPWD/$f" \
        --url "$BASE" \
        --phases examples,coverage,fuzzing \
        --checks "$checks" \
        --max-examples "$MAX_EXAMPLES" \
        --seed "$SEED" \
        --generation-database none \
        --request-timeout 5 \
        --workers 1 \
        --no-color); then
        echo "openapi-check: Schemathesis failed on $f" >&2
        failed=1
    fi
done
exit "$failed"
