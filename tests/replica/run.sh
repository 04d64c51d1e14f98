#!/usr/bin/env bash
# End to end, past one machine: a PostgreSQL primary and a streaming replica (two local clusters
# of the installed PostgreSQL, the replica made with pg_basebackup), and one kinerja server that
# reads from the replica and writes to the primary (`serve --replica-url`).
#
# It loads a report through the primary (`kinerja ingest`), starts the server, uploads a second
# report through the server and waits until the server's reads (from the replica) show it, then
# stops the primary: reads must keep being served, and an upload must answer 503 problem+json.
#
# Needs root (pg_createcluster), the PostgreSQL server packages, curl and python3; KINERJA_BIN is
# the binary under test. Called by .ci/run; run it alone with
#   KINERJA_BIN=target/debug/kinerja bash tests/replica/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${KINERJA_BIN:?set KINERJA_BIN to the kinerja binary under test}"
[ "$(id -u)" = 0 ] || { echo "replica test: needs root (pg_createcluster)"; exit 1; }

version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
[ -n "$version" ] || { echo "replica test: no PostgreSQL installed"; exit 1; }
primary=kinerja_primary
replica=kinerja_replica
primary_port=${KINERJA_REPLICA_TEST_PORT:-5441}
replica_port=$((primary_port + 1))
work=$(mktemp -d /tmp/kinerja-replica.XXXXXX)
server=""

cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  pg_dropcluster --stop "$version" "$replica" 2>/dev/null || true
  pg_dropcluster --stop "$version" "$primary" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "replica test FAILED: $*"
  [ -f "$work/serve.log" ] && tail -20 "$work/serve.log"
  exit 1
}
as_postgres() { runuser -u postgres -- "$@"; }

echo "== replica test: primary on port $primary_port, replica on $replica_port"
pg_dropcluster --stop "$version" "$replica" 2>/dev/null || true
pg_dropcluster --stop "$version" "$primary" 2>/dev/null || true
pg_createcluster -q "$version" "$primary" -p "$primary_port" >/dev/null
pg_ctlcluster "$version" "$primary" start
as_postgres psql -q -p "$primary_port" -v ON_ERROR_STOP=1 <<'SQL'
CREATE ROLE kinerja LOGIN PASSWORD 'kinerja';
CREATE DATABASE kinerja OWNER kinerja;
SQL

# The replica: a base backup of the primary that follows its WAL (-R writes standby.signal and
# primary_conninfo); Debian keeps the configuration apart from the data directory.
pg_createcluster -q "$version" "$replica" -p "$replica_port" >/dev/null
replica_data=$(pg_lsclusters --no-header | awk -v n="$replica" '$2 == n {print $6}')
rm -rf "${replica_data:?}"
as_postgres pg_basebackup -h /var/run/postgresql -p "$primary_port" -D "$replica_data" -R -X stream
pg_ctlcluster "$version" "$replica" start
in_recovery=$(as_postgres psql -Atq -p "$replica_port" -c 'SELECT pg_is_in_recovery()')
[ "$in_recovery" = t ] || fail "the replica is not in recovery (got '$in_recovery')"

primary_url="postgres://kinerja:kinerja@127.0.0.1:$primary_port/kinerja"
replica_url="postgres://kinerja:kinerja@127.0.0.1:$replica_port/kinerja"

# Loaded through the primary, by the command line.
"$KINERJA_BIN" ingest --database-url "$primary_url" data/samples/magetan-kartoharjo-2023.txt \
  >"$work/ingest.log" 2>&1 || { cat "$work/ingest.log"; fail "ingest into the primary"; }

token="replica-$RANDOM$RANDOM"
KINERJA_ADMIN_TOKEN=$token "$KINERJA_BIN" serve --no-samples --bind 127.0.0.1:0 \
  --database-url "$primary_url" --replica-url "$replica_url" 2>"$work/serve.log" &
server=$!
port=""
for _ in $(seq 1 60); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve.log" | head -1)
  [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || fail "the server stopped"
  sleep 1
done
[ -n "$port" ] || fail "the server did not start"
grep -q "Reads go to the replica" "$work/serve.log" || fail "the server does not say it reads from the replica"
base="http://127.0.0.1:$port"

report_count() {
  curl -fsS -H 'Cache-Control: no-cache' "$base/api/v1/reports" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'
}
[ "$(report_count)" = 1 ] || fail "the replica does not show the report loaded into the primary"

# Uploaded through the server: written to the primary, read back from the replica.
status=$(curl -sS -o "$work/upload.json" -w '%{http_code}' -X POST \
  -H "Authorization: Bearer $token" -H 'Content-Type: text/plain' \
  --data-binary @data/samples/ponorogo-mlarak-2024.txt \
  "$base/api/v1/reports?file_name=ponorogo-mlarak-2024.txt")
[ "$status" = 201 ] || [ "$status" = 200 ] || { cat "$work/upload.json"; fail "upload answered $status"; }
seen=""
for _ in $(seq 1 30); do
  [ "$(report_count)" = 2 ] && { seen=yes; break; }
  sleep 0.5
done
[ -n "$seen" ] || fail "the upload never showed in the replica's reads"
# The cache follows the replica's data version: a cached read now shows the upload too.
[ "$(curl -fsS "$base/api/v1/reports" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')" = 2 ] ||
  fail "a cached read still shows the data before the upload"

# The primary goes away: reads are served by the replica, writes answer 503.
pg_ctlcluster "$version" "$primary" stop -m fast
for path in /api/v1/reports /api/v1/kecamatan /api/v1/rankings/ikm /api/v1/facts?limit=5 /readyz; do
  status=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Cache-Control: no-cache' "$base$path")
  [ "$status" = 200 ] || fail "GET $path answered $status with the primary down"
done
status=$(curl -sS -o "$work/down.json" -D "$work/down.headers" -w '%{http_code}' -X POST \
  -H "Authorization: Bearer $token" -H 'Content-Type: text/plain' \
  --data-binary @data/samples/karanganyar-jaten-2023.txt \
  "$base/api/v1/reports?file_name=karanganyar-jaten-2023.txt")
[ "$status" = 503 ] || { cat "$work/down.json"; fail "an upload with the primary down answered $status, not 503"; }
grep -qi '^content-type: application/problem+json' "$work/down.headers" ||
  fail "the 503 is not problem+json"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["status"] == 503, d' "$work/down.json" ||
  fail "the 503 body is not a problem document"
echo "== replica test passed: reads from the replica, writes to the primary, 503 without it"
