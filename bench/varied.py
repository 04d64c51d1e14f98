#!/usr/bin/env python3
"""Varied, uncached load for bench/run.sh: the URL lists and the in-process baseline.

  varied.py paths DB OUT N     writes OUT/<query>.kinerja and OUT/<query>.datasette: N paths
                               each (one kecamatan or kabupaten per path, real codes of the
                               national warehouse DB, a fixed sample), kinerja's endpoint and
                               Datasette's twin with the same SQL as bench/sql/<query>.sql
  varied.py inprocess DB OUT SECONDS
                               runs each query's SQL over the same codes in this process
                               (Python's sqlite3, one core, one connection, the statement
                               prepared once and the code bound) and prints
                               `inprocess query=<q> qps=<queries per second> rows=<mean rows>`

The queries: `kecamatan-facts` (GET /api/v1/facts?kecamatan=C) and `ranking` (GET
/api/v1/rankings/ikm?tahun=2024&kabupaten=K). The SQL files name one code; it is replaced.
"""

import os
import random
import sqlite3
import sys
import time
import urllib.parse

QUERIES = {
    # query: (sql file, code in it, kinerja path with {code}, codes SQL)
    "kecamatan-facts": (
        "bench/sql/kecamatan-facts.sql", "'35.20.15'", "/api/v1/facts?kecamatan={code}",
        "SELECT DISTINCT kecamatan_code FROM report WHERE superseded_by IS NULL ORDER BY 1",
    ),
    "ranking": (
        "bench/sql/ranking.sql", "'35.20'", "/api/v1/rankings/ikm?tahun=2024&kabupaten={code}",
        "SELECT DISTINCT kabupaten_code FROM indicator_rank WHERE concept_key = 'ikm' "
        "AND tahun = 2024 ORDER BY 1",
    ),
}


def sql_of(query):
    path, code, _, _ = QUERIES[query]
    with open(path, encoding="utf-8") as f:
        text = "\n".join(line for line in f.read().splitlines() if not line.startswith("--"))
    assert code in text, f"{path} does not name {code}"
    return text, code


def codes_of(db, query, n):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    codes = [row[0] for row in conn.execute(QUERIES[query][3])]
    conn.close()
    random.Random(20).shuffle(codes)
    return codes[:n]


def write_paths(db, out, n):
    os.makedirs(out, exist_ok=True)
    name = os.path.splitext(os.path.basename(db))[0]
    for query, (_, _, kinerja_path, _) in QUERIES.items():
        sql, code = sql_of(query)
        codes = codes_of(db, query, n)
        with open(os.path.join(out, query + ".codes"), "w", encoding="utf-8") as f:
            f.write("\n".join(codes) + "\n")
        with open(os.path.join(out, query + ".kinerja"), "w", encoding="utf-8") as f:
            f.write("\n".join(kinerja_path.format(code=c) for c in codes) + "\n")
        with open(os.path.join(out, query + ".datasette"), "w", encoding="utf-8") as f:
            for c in codes:
                twin = sql.replace(code, f"'{c}'")
                f.write(f"/{name}.json?_shape=array&sql={urllib.parse.quote(twin)}\n")
        print(f"paths query={query} count={len(codes)}")


def in_process(db, out, seconds):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for query in QUERIES:
        sql, code = sql_of(query)
        with open(os.path.join(out, query + ".codes"), encoding="utf-8") as f:
            codes = f.read().split()
        # One prepared statement, the code bound: the best the database itself can do.
        statement = sql.replace(code, "?")
        done = rows = 0
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            rows += len(conn.execute(statement, (codes[done % len(codes)],)).fetchall())
            done += 1
        elapsed = time.perf_counter() - started
        print(f"inprocess query={query} qps={done / elapsed:.1f} rows={rows / max(done, 1):.1f}")


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "paths":
        write_paths(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 5 and sys.argv[1] == "inprocess":
        in_process(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
