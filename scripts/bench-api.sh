#!/usr/bin/env bash
# Load benchmark of the API on loopback against a synthetic national warehouse (7,285 kecamatan ×
# 5 years), with wrk at 1, 8 and 64 connections. Prints a markdown table for docs/benchmarks.md.
# Usage: scripts/bench-api.sh [SECONDS_PER_RUN]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kinerja-target}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
# KINERJA_BIN: a release binary built already (otherwise this builds one).
bin="${KINERJA_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin kinerja
  bin="$CARGO_TARGET_DIR/release/kinerja"
fi
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" synth --database-url "$work/national.db" >&2
"$bin" serve --database-url "$work/national.db" --no-samples --bind 127.0.0.1:0 2>"$work/serve.log" &
server=$!
port=""
for _ in $(seq 1 60); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve.log" | head -1)
  [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 1
done
base="http://127.0.0.1:$port"
endpoints=(
  "kecamatan detail|/api/v1/kecamatan/35.20.15"
  "kecamatan indicators|/api/v1/kecamatan/35.20.15/indicators"
  "facts of a kabupaten, CSV|/api/v1/facts?concept=ikm&tahun=2024&kabupaten=35.20&format=csv"
  "facts, national page of 100|/api/v1/facts?concept=ikm&tahun=2024&limit=100"
  "ranking of a concept in a kabupaten|/api/v1/rankings/ikm?tahun=2024&kabupaten=35.20"
)
echo "| endpoint | connections | requests/s | p50 | p99 |"
echo "|---|---:|---:|---:|---:|"
for entry in "${endpoints[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  for c in 1 8 64; do
    threads=$(( c < 2 ? c : 2 ))
    out=$(wrk -t"$threads" -c"$c" -d"${seconds}s" --latency "$base$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    echo "| $name | $c | $rps | $p50 | $p99 |"
  done
done
rss=$(awk '/VmRSS/ {print $2" "$3}' "/proc/$server/status")
echo
echo "Server RSS after the runs: $rss"
