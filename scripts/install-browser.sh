#!/usr/bin/env bash
# A headless browser for the HTML report's browser test (conformance/tests/report_html.rs):
# prints the path of one found on the PATH, else installs Debian's `chromium-headless-shell`
# (or `chromium`) with apt-get and prints its path. Exits 1, saying why, when neither is
# there nor can be installed (no apt-get, not root and no sudo without a password).
# Usage: scripts/install-browser.sh
set -euo pipefail

find_browser() {
  for b in chromium-headless-shell chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then
      command -v "$b"
      return 0
    fi
  done
  # Debian installs the headless shell outside the PATH.
  for p in /usr/lib/chromium/chrome-headless-shell /usr/lib/chromium-headless-shell/chrome-headless-shell; do
    if [ -x "$p" ]; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

if find_browser; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no browser found and no apt-get to install one" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "install-browser: no browser found; installing one needs root (apt-get)" >&2
    exit 1
  fi
fi
echo "install-browser: installing chromium-headless-shell with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get install -y --no-install-recommends chromium-headless-shell >&2; then
  "${as_root[@]}" apt-get update >&2
  "${as_root[@]}" apt-get install -y --no-install-recommends chromium-headless-shell >&2 \
    || "${as_root[@]}" apt-get install -y --no-install-recommends chromium >&2
fi
find_browser || { echo "install-browser: installed, but no browser binary found" >&2; exit 1; }
