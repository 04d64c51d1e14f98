#!/usr/bin/env python3
"""Renders bench/run.sh's measurements as markdown: each figure against its goal, then details.

Input: the metrics file bench/run.sh writes, one measurement per line, `KIND key=value …`.
A ratio to a goal is always "how many times the goal": above 1 the goal is met, whether the goal
is a floor (requests/s: measured / goal) or a ceiling (seconds, MB: goal / measured).

Usage: report.py METRICS
"""

import sys
from collections import defaultdict

# issue 8's goals
GOAL_RPS = 5000.0
GOAL_P99_MS = 20.0
GOAL_REFRESH_S = 2.0
GOAL_RSS_MB = 300.0
GOAL_INGEST_PER_S = 50.0
GOAL_VS_DATASETTE = 5.0
GOAL_EXTRACT_MB_S = 20.0  # per core, set when extraction was first measured
# issue 20's goals for uncached, varied URLs at 64 connections
GOAL_VARIED_P99_MS = 20.0
GOAL_VARIED_VS_DATASETTE = 10.0
GOAL_VARIED_OF_INPROCESS = 0.5  # of the in-process query rate, per core
VARIED = ("varied-kecamatan-facts", "varied-ranking")
BUSY_LOADED = 20  # % of the CPU busy before a section: its figures are lower bounds
# JSON endpoints served from snapshots or small indexed reads: the ones the latency goal is for
CACHED_JSON = ("ranking", "kecamatan-detail")


def parse(path):
    rows = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            kind, *pairs = line.split()
            fields = {}
            for pair in pairs:
                key, _, value = pair.partition("=")
                fields[key] = value
            rows[kind].append(fields)
    return rows


def num(value):
    return float(value)


def ratio_text(r):
    return f"{r:.2f}×" + ("" if r >= 1 else " (missed)")


def mb(kb):
    return num(kb) / 1024


def main():
    m = parse(sys.argv[1])
    meta = m["meta"][0]
    loaded = {r["section"]: int(r["busy"]) for r in m["load"]}

    def tag(section):
        busy = loaded.get(section, 0)
        return f" *(loaded: {busy} % busy before)*" if busy > BUSY_LOADED else ""

    print(f"Run of {meta['date']} on revision {meta['revision']}, {meta['cores']} cores, "
          f"{meta['seconds']} s per load run.\n")

    goals = []  # (measure, measured, goal, ratio)
    for e in m["extract"]:
        rate = num(e["bytes"]) / 1e6 / num(e["cpu"])
        goals.append((f"extraction, MB/s of report text per core ({e['files']} reports, "
                      f"{num(e['bytes']) / 1e6:.1f} MB){tag('extract')}",
                      f"{rate:.1f} MB/s", f"≥ {GOAL_EXTRACT_MB_S:.0f} MB/s",
                      rate / GOAL_EXTRACT_MB_S))
    for i in m["ingest"]:
        done = int(i["loaded"]) + int(i["superseded"])
        total = num(i["ingest_wall"]) + num(i["refresh_wall"])
        rate = done / total
        backend = i["backend"]
        if i.get("into") == "national":
            goals.append((f"ingest end to end into the national warehouse (its refresh "
                          f"included), {backend}{tag('ingest-' + backend)}",
                          f"{rate:.0f} reports/s", "—", None))
            continue
        goals.append((f"ingest end to end (extract + load + refresh), {backend}"
                      f"{tag('ingest-' + backend)}", f"{rate:.0f} reports/s",
                      f"≥ {GOAL_INGEST_PER_S:.0f} reports/s" if backend == "sqlite" else "—",
                      rate / GOAL_INGEST_PER_S if backend == "sqlite" else None))
    for r in m["refresh"]:
        backend = r["backend"]
        goals.append((f"analytics refresh, national warehouse, {backend}{tag('refresh-' + backend)}",
                      f"{num(r['wall']):.2f} s", f"< {GOAL_REFRESH_S:.0f} s",
                      GOAL_REFRESH_S / num(r["wall"])))
        goals.append((f"its peak memory, {backend}", f"{mb(r['maxrss_kb']):.0f} MB", "—", None))

    api = defaultdict(dict)  # (server, endpoint) -> conns -> fields
    for a in m["api"]:
        api[(a["server"], a["endpoint"])][int(a["conns"])] = a
    for (server, endpoint), by_conns in api.items():
        if server == "datasette" or endpoint not in CACHED_JSON or 64 not in by_conns:
            continue
        a = by_conns[64]
        section = "api-" + server.removeprefix("kinerja-")
        goals.append((f"{endpoint}, 64 connections, {server}{tag(section)}",
                      f"{num(a['rps']):,.0f} req/s", f"≥ {GOAL_RPS:,.0f} req/s",
                      num(a["rps"]) / GOAL_RPS))
        goals.append((f"{endpoint}, p99 at 64 connections, {server}",
                      f"{num(a['p99']):.1f} ms", f"< {GOAL_P99_MS:.0f} ms",
                      GOAL_P99_MS / max(num(a["p99"]), 1e-9)))

    inprocess = {r["query"]: r for r in m["inprocess"]}
    cores = int(meta["cores"])
    headline = []  # (server, query, fields at 64, Datasette fields at 64, in-process fields)
    for endpoint in VARIED:
        query = endpoint.removeprefix("varied-")
        theirs = api.get(("datasette", endpoint), {}).get(64)
        base = inprocess.get(query)
        for server in ("kinerja-sqlite", "kinerja-postgres"):
            a = api.get((server, endpoint), {}).get(64)
            if a is None:
                continue
            headline.append((server, query, a, theirs, base))
            goals.append((f"uncached {query}, p99 at 64 connections, {server}",
                          f"{num(a['p99']):.1f} ms", f"< {GOAL_VARIED_P99_MS:.0f} ms",
                          GOAL_VARIED_P99_MS / max(num(a["p99"]), 1e-9)))
            if theirs is not None and server == "kinerja-sqlite":
                r = num(a["rps"]) / max(num(theirs["rps"]), 1e-9)
                goals.append((f"uncached {query} vs Datasette, 64 connections",
                              f"{r:.1f}×", f"≥ {GOAL_VARIED_VS_DATASETTE:.0f}×",
                              r / GOAL_VARIED_VS_DATASETTE))
            if base is not None and server == "kinerja-sqlite":
                share = num(a["rps"]) / cores / max(num(base["qps"]), 1e-9)
                goals.append((f"uncached {query}, req/s per core as a share of the same query "
                              f"in-process", f"{100 * share:.0f} %",
                              f"≥ {100 * GOAL_VARIED_OF_INPROCESS:.0f} %",
                              share / GOAL_VARIED_OF_INPROCESS))

    rss = defaultdict(dict)  # server -> phase -> fields
    for r in m["rss"]:
        rss[r["server"]][r["phase"]] = r
    for server, phases in rss.items():
        if server == "datasette":
            continue
        under_load = [num(p["peak_kb"]) for name, p in phases.items() if name not in ("rest", "after")]
        if under_load:
            peak = max(under_load) / 1024
            goals.append((f"server RSS under load (peak of the load runs), {server}",
                          f"{peak:.0f} MB", f"< {GOAL_RSS_MB:.0f} MB", GOAL_RSS_MB / peak))
        if "rest" in phases:
            rest = mb(phases["rest"]["now_kb"])
            goals.append((f"server RSS at rest after start-up, {server}", f"{rest:.0f} MB",
                          f"< {GOAL_RSS_MB:.0f} MB", GOAL_RSS_MB / rest))

    side_by_side = []
    for (server, endpoint), theirs in api.items():
        if server != "datasette" or ("kinerja-sqlite", endpoint) not in api:
            continue
        ours = api[("kinerja-sqlite", endpoint)]
        for conns in sorted(theirs):
            if conns in ours:
                o, t = ours[conns], theirs[conns]
                side_by_side.append((endpoint, conns, o, t, num(o["rps"]) / max(num(t["rps"]), 1e-9)))
    for endpoint, conns, o, t, r in side_by_side:
        if conns == 64:
            goals.append((f"{endpoint} vs Datasette, 64 connections{tag('datasette')}",
                          f"{num(o['rps']):,.0f} / {num(t['rps']):,.0f} req/s",
                          f"≥ {GOAL_VS_DATASETTE:.0f}×", r / GOAL_VS_DATASETTE))

    print("## Results against the goals\n")
    print("| measure | measured | goal | ratio to goal |")
    print("|---|---:|---:|---:|")
    for measure, measured, goal, r in goals:
        print(f"| {measure} | {measured} | {goal} | {ratio_text(r) if r is not None else '—'} |")

    if headline:
        print("\n## Headline: uncached, varied URLs (64 connections)\n")
        print("Each request a different kecamatan or kabupaten (2,000 real codes), with "
              "`Cache-Control: no-cache`; Datasette runs the same SQL on the same file; in-process "
              "is that SQL in Python's sqlite3, one core, statement prepared once.\n")
        print("| query | server | req/s | p99 | Datasette req/s | ratio | in-process q/s (1 core) "
              "| req/s per core ÷ in-process |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for server, query, a, theirs, base in headline:
            t = f"{num(theirs['rps']):,.0f}" if theirs else "—"
            r = f"{num(a['rps']) / max(num(theirs['rps']), 1e-9):.1f}×" if theirs else "—"
            b = f"{num(base['qps']):,.0f}" if base else "—"
            share = (f"{100 * num(a['rps']) / cores / max(num(base['qps']), 1e-9):.0f} %"
                     if base else "—")
            print(f"| {query} | {server} | {num(a['rps']):,.0f} | {num(a['p99']):.1f} ms | {t} | "
                  f"{r} | {b} | {share} |")
        print("\nThe cached figures (the same URL repeated) follow in *API under load*.")

    print("\n## Warehouses\n")
    print("| step | backend | wall | notes |")
    print("|---|---|---:|---|")
    for s in m["synth"]:
        print(f"| synth, national ({s['reports']} reports, includes one refresh) | {s['backend']} | "
              f"{num(s['wall']):.1f} s | {num(s['reports']) / num(s['wall']):,.0f} reports/s{tag('synth-' + s['backend'])} |")
    for r in m["refresh"]:
        print(f"| analytics refresh, national | {r['backend']} | {num(r['wall']):.2f} s | "
              f"peak RSS {mb(r['maxrss_kb']):.0f} MB |")
    for i in m["ingest"]:
        print(f"| ingest {i['files']} reports ({i['loaded']} loaded, {i['superseded']} superseded, "
              f"{i['failed']} failed) into {'a copy of the national' if i.get('into') == 'national' else 'an empty'} warehouse | {i['backend']} | "
              f"{num(i['ingest_wall']):.2f} s + refresh {num(i['refresh_wall']):.2f} s | "
              f"{int(i['files']) / num(i['ingest_wall']):.0f} reports/s without the refresh |")
    for e in m["extract"]:
        print(f"| extract {e['files']} reports, one process | — | {num(e['wall']):.2f} s | "
              f"{num(e['cpu']):.2f} s CPU |")

    print("\n## API under load (loopback; wrk, bulk exports with bench/bulk-load.sh)\n")
    print("| server | endpoint | connections | requests/s | p50 | p99 | errors | MB/s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (server, endpoint), by_conns in api.items():
        for conns, a in sorted(by_conns.items()):
            section = "datasette" if server == "datasette" else "api-" + server.removeprefix("kinerja-")
            seconds = num(a["requests"]) / max(num(a["rps"]), 1e-9)
            print(f"| {server}{tag(section)} | {endpoint} | {conns} | {num(a['rps']):,.1f} | "
                  f"{num(a['p50']):.2f} ms | {num(a['p99']):.2f} ms | {a['errors']} | "
                  f"{num(a['bytes']) / 1e6 / max(seconds, 1e-9):.1f} |")
    for s in m["skip"]:
        print(f"\n{s['server']}: {s['endpoint']} skipped, it answered HTTP {s['http']} (absent on this revision?).")

    if side_by_side:
        print("\n## Side by side with Datasette (same SQLite file, same rows)\n")
        print("| query | connections | kinerja req/s | Datasette req/s | ratio | kinerja p99 | Datasette p99 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for endpoint, conns, o, t, r in side_by_side:
            print(f"| {endpoint} | {conns} | {num(o['rps']):,.0f} | {num(t['rps']):,.0f} | {r:.1f}× | "
                  f"{num(o['p99']):.2f} ms | {num(t['p99']):.2f} ms |")
        for row in m["rows"]:
            print(f"\nRows, {row['pair']}: kinerja {row['ours']}, Datasette {row['theirs']}, "
                  f"same rows in the same order: {row['same']}.")

    print("\n## Memory (RSS)\n")
    print("| server | phase | peak in phase | RSS at its end | of which heap (anon) | of which mapped files |")
    print("|---|---|---:|---:|---:|---:|")
    for server, phases in rss.items():
        for phase, p in phases.items():
            label = {"rest": "start-up (peak) and at rest", "after": "after every run (peak since last reset)"}.get(phase, phase)
            print(f"| {server} | {label} | {mb(p['peak_kb']):.0f} MB | {mb(p['now_kb']):.0f} MB | "
                  f"{mb(p['anon_kb']):.0f} MB | {mb(p['file_kb']):.0f} MB |")
    for s in m["start"]:
        print(f"\n{s['server']} was ready {num(s['wall']):.1f} s after start"
              f"{' (it refreshed the snapshots first)' if s['refreshed'] != '0' else ''}.")


if __name__ == "__main__":
    main()
