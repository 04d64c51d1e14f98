#!/usr/bin/env python3
"""Checks that kinerja and Datasette answered the paired benchmark queries with the same rows.

Reads the first answers bench/run.sh kept (one file per endpoint label in each folder) and prints
one `rows …` line per pair for report.py: how many rows each side returned and whether the row
identities (fact ids, or kecamatan codes for the ranking, in order) are the same.

Usage: same_rows.py OURS_DIR THEIRS_DIR
"""

import csv
import io
import json
import sys
from pathlib import Path


def rows_of(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith(("{", "[")):
        doc = json.loads(text)
        # kinerja wraps rows in {"data": [...]}; Datasette's _shape=array is the bare list
        return doc["data"] if isinstance(doc, dict) else doc
    return list(csv.DictReader(io.StringIO(text)))


def identity(row: dict) -> str:
    # facts are identified by their id; ranking rows by kecamatan (ours nests no fact id)
    return str(row.get("id") or row.get("kecamatan_code"))


def main() -> None:
    ours_dir, theirs_dir = Path(sys.argv[1]), Path(sys.argv[2])
    for theirs in sorted(theirs_dir.iterdir()):
        ours = ours_dir / theirs.name
        if not ours.exists():
            print(f"rows pair={theirs.name} ours=missing theirs=- same=no")
            continue
        a, b = rows_of(ours), rows_of(theirs)
        same = [identity(r) for r in a] == [identity(r) for r in b]
        print(f"rows pair={theirs.name} ours={len(a)} theirs={len(b)} same={'yes' if same else 'no'}")


if __name__ == "__main__":
    main()
