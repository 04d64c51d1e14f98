#!/usr/bin/env bash
# National-scale benchmark of kinerja, in release, on SQLite and PostgreSQL, side by side with
# Datasette serving the same SQLite warehouse. Measures extraction, ingest end to end, the
# analytics refresh (time and peak memory), the API under load (wrk on loopback, 1/8/64
# connections) and the server's memory at rest and under load; prints markdown tables with each
# figure against its goal (docs/benchmarks.md shows the latest run).
#
# Usage: bench/run.sh [--seconds S] [--reports N] [--bulk-connections "1 8 64"] [--no-postgres]
#                     [--no-datasette] [--out FILE]
#   --seconds S     length of each load run (default 10: ~20 minutes in all; 3 with
#                   --bulk-connections "1 8": ~11 minutes)
#   --reports N     distinct report texts generated for the extraction and ingest runs (500)
#   --out FILE      also write the markdown there
# Environment: CARGO_TARGET_DIR (where the release build goes), KINERJA_BIN (use this binary,
# skip the build; KINERJA_BENCH_REVISION then says what it was built from),
# KINERJA_BENCH_POSTGRES_URL (a PostgreSQL URL whose role may create databases;
# KINERJA_TEST_POSTGRES_URL is used when unset).

# The whole script is one block, read before it runs: editing the file during a run (as happens
# in a working tree) cannot change or break the run in progress.
{
set -euo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$self")/.."
root=$PWD

seconds=10
reports=500
bulk_connections="1 8 64"
use_postgres=1
use_datasette=1
out=""
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --reports) reports=$2; shift 2 ;;
    --bulk-connections) bulk_connections=$2; shift 2 ;;
    --no-postgres) use_postgres=0; shift ;;
    --no-datasette) use_datasette=0; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$self"; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Datasette is pinned so that runs compare against the same program.
DATASETTE_VERSION=0.65.5
# The bulk exports of a national table can take many seconds each; a request slower than this
# counts as an error instead of stalling the run.
BULK_MAX_TIME=${BULK_MAX_TIME:-120}

die() { echo "bench: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "$1 is missing: $2"; }
progress() { echo "== $(date +%H:%M:%S) $*" >&2; }

need cargo "install Rust (https://rustup.rs)"
need wrk "apt-get install wrk"
need curl "apt-get install curl"
need python3 "apt-get install python3 python3-venv"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (GNU time, for peak memory): apt-get install time"
pg_admin_url=""
if [ "$use_postgres" = 1 ]; then
  need psql "apt-get install postgresql-client, or pass --no-postgres"
  pg_admin_url=${KINERJA_BENCH_POSTGRES_URL:-${KINERJA_TEST_POSTGRES_URL:-}}
  [ -n "$pg_admin_url" ] || die "set KINERJA_BENCH_POSTGRES_URL=postgres://USER:PASSWORD@HOST:PORT/postgres (a role that may create databases), or pass --no-postgres"
  psql "$pg_admin_url" -Atqc 'SELECT 1' >/dev/null 2>&1 ||
    die "PostgreSQL does not answer at KINERJA_BENCH_POSTGRES_URL (is it running? pg_lsclusters), or pass --no-postgres"
fi

work=$(mktemp -d /tmp/kinerja-bench.XXXXXX)
metrics=$work/metrics.txt
servers=()
pg_databases=()
cleanup() {
  local pid db
  for pid in "${servers[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for db in "${pg_databases[@]}"; do
    psql "$pg_admin_url" -Atqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One measurement per line: "KIND key=value …" (values without spaces), rendered by report.py.
record() { echo "$*" >>"$metrics"; }

# Share of both cores busy over one second while nothing of ours runs: above 20 % the figures
# that follow are marked (loaded), as other work competed for the CPU.
busy_percent() {
  local a b
  read -r -a a < <(head -1 /proc/stat)
  sleep 1
  read -r -a b < <(head -1 /proc/stat)
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 - 100 * idle / total : 0 ))
}
note_load() { record "load section=$1 busy=$(busy_percent)"; }

seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN {printf "%.3f", b - a}'; }

# Without NOTICEs ("database … does not exist, skipping") on the terminal.
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
pg_url_of() { echo "${pg_admin_url%/*}/$1"; }
pg_fresh_database() {
  psql "$pg_admin_url" -Atqc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  psql "$pg_admin_url" -Atqc "CREATE DATABASE $1" >/dev/null
  pg_databases+=("$1")
}

# ---------------------------------------------------------------- build and inputs
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kinerja-target}
bin=${KINERJA_BIN:-}
if [ -z "$bin" ]; then
  progress "building kinerja (release) in $CARGO_TARGET_DIR"
  cargo build --release --quiet --bin kinerja
  bin=$CARGO_TARGET_DIR/release/kinerja
fi
[ -x "$bin" ] || die "no kinerja binary at $bin"
# KINERJA_BENCH_REVISION names what a given KINERJA_BIN was built from.
revision=${KINERJA_BENCH_REVISION:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
if [ -z "${KINERJA_BENCH_REVISION:-}" ] && ! git diff --quiet HEAD 2>/dev/null; then revision="$revision+uncommitted"; fi
record "meta revision=$revision date=$(date -u +%Y-%m-%dT%H:%MZ) cores=$(nproc) seconds=$seconds"

progress "generating $reports distinct reports from data/samples"
python3 bench/make_reports.py "$work/reports" "$reports" >&2
report_bytes=$(cat "$work"/reports/*.txt | wc -c)

# ---------------------------------------------------------------- extraction, one core
# One `kinerja extract` process over every generated report: it runs on one core, so report
# bytes / (user + system CPU seconds) is the throughput per core.
progress "extraction"
note_load extract
/usr/bin/time -f '%e %U %S' -o "$work/extract.time" "$bin" extract "$work"/reports/*.txt >/dev/null ||
  die "kinerja extract did not read every generated report as an LKjIP (exit $?)"
read -r wall user sys <"$work/extract.time"
record "extract files=$reports bytes=$report_bytes wall=$wall cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"

# ---------------------------------------------------------------- warehouses
backends=(sqlite)
[ "$use_postgres" = 1 ] && backends+=(postgres)
declare -A national
national[sqlite]=$work/national.db
if [ "$use_postgres" = 1 ]; then
  pg_fresh_database kinerja_bench_national
  national[postgres]=$(pg_url_of kinerja_bench_national)
fi

refresh_measured() { # backend url label
  /usr/bin/time -v -o "$work/refresh.time" "$bin" analytics refresh --database-url "$2" >"$work/refresh.out" ||
    die "kinerja analytics refresh failed on $1: $(cat "$work/refresh.out")"
  local elapsed rss
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/refresh.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/refresh.time")
  record "refresh backend=$1 of=$3 wall=$elapsed maxrss_kb=$rss"
}

for backend in "${backends[@]}"; do
  progress "synthetic national warehouse on $backend"
  note_load "synth-$backend"
  started=$(date +%s.%N)
  "$bin" synth --database-url "${national[$backend]}" >"$work/synth.out" 2>&1 ||
    die "kinerja synth failed on $backend: $(tail -5 "$work/synth.out")"
  record "synth backend=$backend wall=$(seconds_since "$started") reports=$(awk '/synthetic reports written/ {print $1}' "$work/synth.out")"
  progress "analytics refresh of the national warehouse on $backend"
  note_load "refresh-$backend"
  refresh_measured "$backend" "${national[$backend]}" national
done

# ---------------------------------------------------------------- ingest end to end
# Extract + load every generated report, then refresh the analytics (`kinerja ingest` refreshes
# by itself; `--no-refresh` here so that loading and refreshing are timed apart): once into an empty
# warehouse, once into a copy of the national one, where the refresh is the national one.
ingest_measured() { # backend into url
  local backend=$1 into=$2 url=$3 status=0 started ingest_wall refresh_wall summary
  local files loaded unchanged superseded failed
  note_load "ingest-$backend"
  started=$(date +%s.%N)
  "$bin" ingest --no-refresh "$work/reports" --database-url "$url" >"$work/ingest.out" 2>"$work/ingest.err" || status=$?
  ingest_wall=$(seconds_since "$started")
  summary=$(tail -1 "$work/ingest.out")
  [ "$status" = 0 ] || die "kinerja ingest on $backend exited with $status: $summary $(grep -m3 '^failed' "$work/ingest.out")"
  started=$(date +%s.%N)
  "$bin" analytics refresh --database-url "$url" >/dev/null || die "refresh after ingest failed on $backend"
  refresh_wall=$(seconds_since "$started")
  # "N file(s): a loaded, b unchanged, c superseded an older version, d failed"
  read -r files loaded unchanged superseded failed < <(sed -E 's/^([0-9]+) file\(s\): ([0-9]+) loaded, ([0-9]+) unchanged, ([0-9]+) superseded.*, ([0-9]+) failed$/\1 \2 \3 \4 \5/' <<<"$summary")
  [ "$unchanged" = 0 ] || die "ingest on $backend found $unchanged unchanged reports: the generated texts are not distinct"
  record "ingest backend=$backend into=$into files=$files loaded=$loaded superseded=$superseded failed=$failed ingest_wall=$ingest_wall refresh_wall=$refresh_wall"
}
for backend in "${backends[@]}"; do
  progress "ingest of $reports reports on $backend, empty warehouse and national copy"
  if [ "$backend" = sqlite ]; then
    "$bin" migrate --database-url "$work/ingest.db" >/dev/null 2>&1 || die "cannot migrate SQLite for the ingest run"
    ingest_measured sqlite empty "$work/ingest.db"
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA wal_checkpoint(TRUNCATE)")' "${national[sqlite]}"
    cp "${national[sqlite]}" "$work/national-ingest.db"
    ingest_measured sqlite national "$work/national-ingest.db"
    rm -f "$work"/national-ingest.db*
  else
    pg_fresh_database kinerja_bench_ingest
    "$bin" migrate --database-url "$(pg_url_of kinerja_bench_ingest)" >/dev/null 2>&1 || die "cannot migrate PostgreSQL for the ingest run"
    ingest_measured postgres empty "$(pg_url_of kinerja_bench_ingest)"
    psql "$pg_admin_url" -Atqc "DROP DATABASE IF EXISTS kinerja_bench_ingest_national WITH (FORCE)" >/dev/null
    psql "$pg_admin_url" -Atqc "CREATE DATABASE kinerja_bench_ingest_national TEMPLATE kinerja_bench_national" >/dev/null
    pg_databases+=(kinerja_bench_ingest_national)
    ingest_measured postgres national "$(pg_url_of kinerja_bench_ingest_national)"
  fi
done

# ---------------------------------------------------------------- API under load
memory_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
# Peak and current RSS, and the current split: heap and other private memory (RssAnon) against
# pages of mapped files (RssFile: the binary, and SQLite's file if it is memory-mapped).
memory_now() {
  echo "peak_kb=$(memory_kb "$1" VmHWM) now_kb=$(memory_kb "$1" VmRSS)" \
    "anon_kb=$(memory_kb "$1" RssAnon) file_kb=$(memory_kb "$1" RssFile)"
}
# Peak RSS since the last reset: writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0), so each
# endpoint's peak is its own and not the start-up's.
reset_peak() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }

wait_for() { # url seconds
  local i
  for i in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

# Connections per load run: bulk exports as asked, varied (uncached) runs at 8 and 64, the
# repeated (cached) URLs at 1, 8 and 64.
connections_of() {
  case $1 in
    bulk) echo "$bulk_connections" ;;
    varied:*) echo "8 64" ;;
    *) echo "1 8 64" ;;
  esac
}

load_endpoint() { # server pid label url kind
  local server=$1 pid=$2 label=$3 url=$4 kind=$5 code c result
  # The first answer is kept (bulk ones only until their headers) for the same-rows check.
  local body=$work/body/$server/$label
  mkdir -p "$(dirname "$body")"
  if [ "$kind" = bulk ]; then
    code=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' "$url" || true)
  elif [ "${kind%%:*}" = varied ]; then
    code=$(curl -s -o "$body" --max-time 30 -w '%{http_code}' "$url$(head -1 "${kind#varied:}")" || true)
  else
    code=$(curl -s -o "$body" --max-time 30 -w '%{http_code}' "$url" || true)
  fi
  if [ "$code" != 200 ]; then
    record "skip server=$server endpoint=$label http=$code"
    progress "  $label: HTTP $code, skipped"
    return
  fi
  reset_peak "$pid"
  for c in $(connections_of "$kind"); do
    progress "  $label, $c connection(s)"
    if [ "$kind" = bulk ]; then
      result=$(bench/bulk-load.sh "$url" "$c" "$seconds" "$BULK_MAX_TIME")
    elif [ "${kind%%:*}" = varied ]; then
      # url is the server's base; the paths file follows `varied:`.
      result=$(wrk -t2 -c"$c" -d"${seconds}s" --timeout 30s -s bench/wrk-varied.lua "$url" -- "${kind#varied:}" | grep '^RESULT')
    else
      result=$(wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"${seconds}s" --timeout 30s -s bench/wrk-summary.lua "$url" | grep '^RESULT')
    fi
    record "api server=$server endpoint=$label conns=$c ${result#RESULT }"
  done
  record "rss server=$server phase=$label $(memory_now "$pid")"
}

# The headline: varied URLs, uncached (2,000 kecamatan, every kabupaten), and the same SQL run
# in-process over the same codes as the physical baseline.
progress "varied paths and the in-process baseline"
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA wal_checkpoint(TRUNCATE)")' "${national[sqlite]}"
python3 bench/varied.py paths "${national[sqlite]}" "$work/varied" 2000 >>"$metrics"
note_load inprocess
python3 bench/varied.py inprocess "${national[sqlite]}" "$work/varied" "$seconds" >>"$metrics"

# label|path|kind (labels without spaces: they are metric values) — the same kecamatan, kabupaten, concept and year as the Datasette queries.
ours=(
  "varied-kecamatan-facts||varied:$work/varied/kecamatan-facts.kinerja"
  "varied-ranking||varied:$work/varied/ranking.kinerja"
  "ranking|/api/v1/rankings/ikm?tahun=2024&kabupaten=35.20|wrk"
  "kecamatan-detail|/api/v1/kecamatan/35.20.15|wrk"
  "kecamatan-facts|/api/v1/facts?kecamatan=35.20.15|wrk"
  "facts-csv|/api/v1/facts?concept=ikm&tahun=2024&kabupaten=35.20&format=csv|wrk"
  "bulk-csv-export|/api/v1/exports/facts.csv|bulk"
  "bulk-parquet-export|/api/v1/exports/facts.parquet|bulk"
)

for backend in "${backends[@]}"; do
  server=kinerja-$backend
  progress "API on $backend"
  note_load "api-$backend"
  started=$(date +%s.%N)
  "$bin" serve --database-url "${national[$backend]}" --no-samples --bind 127.0.0.1:0 \
    >"$work/serve-$backend.log" 2>&1 &
  pid=$!
  servers+=("$pid")
  port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve-$backend.log" | head -1)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || die "kinerja serve on $backend stopped: $(tail -5 "$work/serve-$backend.log")"
    sleep 0.5
  done
  [ -n "$port" ] || die "kinerja serve on $backend did not listen within 5 minutes"
  base=http://127.0.0.1:$port
  wait_for "$base/readyz" 60 || die "kinerja serve on $backend is not ready"
  record "start server=$server wall=$(seconds_since "$started") refreshed=$(grep -c 'analytics refreshed' "$work/serve-$backend.log" || true)"
  sleep 2 # settle, then memory at rest (VmHWM so far = the start-up's peak)
  record "rss server=$server phase=rest $(memory_now "$pid")"
  if curl -fsS -o /dev/null "$base/api/v1/exports" 2>/dev/null; then record "probe server=$server exports_index=200"; fi
  for entry in "${ours[@]}"; do
    IFS='|' read -r label path kind <<<"$entry"
    load_endpoint "$server" "$pid" "$label" "$base$path" "$kind"
  done
  record "rss server=$server phase=after $(memory_now "$pid")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done

# ---------------------------------------------------------------- Datasette, same SQLite file
if [ "$use_datasette" = 1 ]; then
  venv=${XDG_CACHE_HOME:-$HOME/.cache}/kinerja-bench/datasette-$DATASETTE_VERSION
  if [ ! -x "$venv/bin/datasette" ]; then
    progress "installing datasette==$DATASETTE_VERSION into $venv"
    python3 -m venv "$venv" || die "python3 -m venv failed: apt-get install python3-venv"
    "$venv/bin/pip" install -q "datasette==$DATASETTE_VERSION" ||
      die "pip install datasette==$DATASETTE_VERSION failed (network?); or pass --no-datasette"
  fi
  # Datasette opens the file immutable, which ignores a write-ahead log: fold it in first.
  python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA wal_checkpoint(TRUNCATE)")' "${national[sqlite]}"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  progress "Datasette $DATASETTE_VERSION on the SQLite warehouse"
  note_load datasette
  # Limits raised so that no equivalent query is cut short by Datasette's defaults.
  "$venv/bin/datasette" serve --immutable "${national[sqlite]}" --host 127.0.0.1 --port "$port" \
    --setting sql_time_limit_ms 30000 --setting max_returned_rows 100000 \
    >"$work/datasette.log" 2>&1 &
  pid=$!
  servers+=("$pid")
  base=http://127.0.0.1:$port
  wait_for "$base/-/versions.json" 120 || die "Datasette did not start: $(tail -5 "$work/datasette.log")"
  record "rss server=datasette phase=rest $(memory_now "$pid")"
  declare -A sql
  sql[ranking]=$(cat bench/sql/ranking.sql)
  sql[kecamatan-facts]=$(cat bench/sql/kecamatan-facts.sql)
  sql[facts-csv]=$(cat bench/sql/facts-csv.sql)
  encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
  db=$(basename "${national[sqlite]}" .db)
  theirs=(
    "varied-kecamatan-facts||varied:$work/varied/kecamatan-facts.datasette"
    "varied-ranking||varied:$work/varied/ranking.datasette"
    "ranking|/$db.json?_shape=array&sql=$(encode "${sql[ranking]}")|wrk"
    "kecamatan-facts|/$db.json?_shape=array&sql=$(encode "${sql[kecamatan-facts]}")|wrk"
    "facts-csv|/$db.csv?sql=$(encode "${sql[facts-csv]}")|wrk"
  )
  for entry in "${theirs[@]}"; do
    IFS='|' read -r label path kind <<<"$entry"
    load_endpoint datasette "$pid" "$label" "$base$path" "$kind"
  done
  record "rss server=datasette phase=after $(memory_now "$pid")"
  # Same rows? Compare what each side answered for the paired queries.
  python3 bench/same_rows.py "$work/body/kinerja-sqlite" "$work/body/datasette" >>"$metrics"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
fi

python3 bench/report.py "$metrics" | tee ${out:+"$out"}
exit
}
