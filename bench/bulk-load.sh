#!/usr/bin/env bash
# Load generator for bulk downloads (whole-table CSV/Parquet exports): CONNECTIONS curl loops
# download URL back to back until SECONDS have passed, each request finishing (or hitting
# MAX_TIME). wrk is not used here because it drops the requests still in flight when its
# duration ends, and one national export can take longer than a whole wrk run.
# Prints: RESULT rps=… p50=… p99=… requests=… errors=… bytes=…  (latencies in ms)
# Usage: bench/bulk-load.sh URL CONNECTIONS SECONDS MAX_TIME
set -euo pipefail
url=$1 connections=$2 seconds=$3 max_time=$4
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
start=$(date +%s.%N)
deadline=$(awk -v s="$start" -v d="$seconds" 'BEGIN {printf "%d", s + d}')
for i in $(seq 1 "$connections"); do
  (
    while :; do
      # status, seconds, bytes; a request curl gave up on (timeout, cut off) counts as an error
      # even when its status line said 200
      if ! curl -s -o /dev/null --max-time "$max_time" -w '%{http_code} %{time_total} %{size_download}\n' "$url" \
        >"$log/last-$i"; then
        echo "failed 0 0" >"$log/last-$i"
      fi
      cat "$log/last-$i" >>"$log/$i"
      [ "$(date +%s)" -lt "$deadline" ] || break
    done
  ) &
done
wait
end=$(date +%s.%N)
wall=$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')
errors=$(cat "$log"/[0-9]* | awk '$1 != 200' | wc -l)
# nearest-rank percentiles over the successful requests (sorted by time)
cat "$log"/[0-9]* | awk '$1 == 200 {print $2 * 1000, $3}' | sort -n | awk -v wall="$wall" -v errors="$errors" '
  { n++; t[n] = $1; bytes += $2 }
  END {
    p50 = n ? t[int((n - 1) * 0.50) + 1] : 0; p99 = n ? t[int((n - 1) * 0.99) + 1] : 0
    printf "RESULT rps=%.3f p50=%.3f p99=%.3f requests=%d errors=%d bytes=%.0f\n", n / wall, p50, p99, n, errors, bytes + 0
  }'
