#!/usr/bin/env bash
# CI for the dashboard (web/): end-to-end tests in headless Chromium against a real `kinerja serve`.
# Builds nothing: expects the binary at $KINERJA_BIN (default ${CARGO_TARGET_DIR:-target}/debug/kinerja).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
command -v node >/dev/null 2>&1 || { echo "node (>= 20) is needed"; exit 1; }

export KINERJA_BIN="${KINERJA_BIN:-${CARGO_TARGET_DIR:-target}/debug/kinerja}"
case "$KINERJA_BIN" in /*) ;; *) KINERJA_BIN="$PWD/$KINERJA_BIN" ;; esac
[ -x "$KINERJA_BIN" ] || { echo "no kinerja binary at $KINERJA_BIN (build it first: cargo build -p kinerja)"; exit 1; }

echo "== dashboard tests (chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $KINERJA_BIN)"
cd tests/dashboard
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1
