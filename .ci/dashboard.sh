#!/usr/bin/env bash
# CI for the dashboard (web/): end-to-end tests in headless Chromium against a real `kinerja serve`.
# Builds nothing: expects the binary at $KINERJA_BIN (default ${CARGO_TARGET_DIR:-target}/debug/kinerja).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v node >/dev/null 2>&1 || need_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || need_packages+=(npm)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "== installing ${need_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || echo "warning: node $(node --version) is older than the 20 that playwright-core asks for"

export KINERJA_BIN="${KINERJA_BIN:-${CARGO_TARGET_DIR:-target}/debug/kinerja}"
case "$KINERJA_BIN" in /*) ;; *) KINERJA_BIN="$PWD/$KINERJA_BIN" ;; esac
[ -x "$KINERJA_BIN" ] || { echo "no kinerja binary at $KINERJA_BIN (build it first: cargo build -p kinerja)"; exit 1; }

echo "== dashboard tests (chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $KINERJA_BIN)"
cd tests/dashboard
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1
