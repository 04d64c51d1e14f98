#!/usr/bin/env python3
"""Turns the bundled sample reports into N distinct report texts for the ingest benchmark.

Loading is idempotent on a file's sha256, so timing `kinerja ingest` needs many different texts
that still read as real LKjIP reports. Each variant takes one sample, renames its kecamatan to
ANOTHER real kecamatan of the same kabupaten (names from data/wilayah/kecamatan.csv, so the
extractor resolves a real region code), shifts every year by the same amount (so one kecamatan
yields several report years instead of superseding itself), and scales every rupiah amount by one
factor per variant (so budget totals and absorption ratios stay consistent and the cross-checks
keep passing). Deterministic: the same N and seed give the same files.

Usage: make_reports.py OUT_DIR N [--seed S]
"""

import argparse
import csv
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
WILAYAH = ROOT / "data" / "wilayah"

# sample file -> (kecamatan as printed, kabupaten code). The codes are Kemendagri's.
SOURCES = {
    "karanganyar-jaten-2023.txt": ("Jaten", "33.13"),
    "karanganyar-kerjo-2025.txt": ("Kerjo", "33.13"),
    "magetan-kartoharjo-2023.txt": ("Kartoharjo", "35.20"),
    "ponorogo-mlarak-2024.txt": ("Mlarak", "35.02"),
}
# Years shifted back at most this far: the samples' own years minus 0..4 stay plausible.
YEAR_SHIFTS = range(0, 5)
# Rupiah amounts as printed in Indonesian: 1.234.567 or 1.234.567,89 (thousands dots).
RUPIAH = re.compile(r"\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b")
YEAR = re.compile(r"\b(20[0-3]\d)\b")


def kecamatan_of(kabupaten: str) -> list[str]:
    with open(WILAYAH / "kecamatan.csv", newline="", encoding="utf-8") as f:
        return [row["nama"] for row in csv.DictReader(f) if row["kode_kabupaten"] == kabupaten]


def rename(text: str, old: str, new: str) -> str:
    # Every casing the reports use: JATEN, Jaten, jaten (in e-mail and web addresses).
    for a, b in ((old.upper(), new.upper()), (old, new), (old.lower(), new.lower().replace(" ", ""))):
        text = re.sub(rf"\b{re.escape(a)}\b", b, text)
    return text


def scale_rupiah(text: str, factor: float) -> str:
    def scaled(m: re.Match) -> str:
        whole = m.group(0).split(",")[0]
        value = round(int(whole.replace(".", "")) * factor)
        return f"{value:,}".replace(",", ".")

    return RUPIAH.sub(scaled, text)


def shift_years(text: str, shift: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group(1)) - shift), text) if shift else text


def variants(n: int, seed: int):
    rng = random.Random(seed)
    plans = []
    for shift in YEAR_SHIFTS:
        for sample, (own, kab) in SOURCES.items():
            for other in kecamatan_of(kab):
                if other.lower() != own.lower():
                    plans.append((sample, own, other, shift))
    # Round-robin over distinct (kecamatan, year) plans; beyond that, later rounds supersede.
    i = 0
    while i < n:
        sample, own, other, shift = plans[i % len(plans)]
        yield i, sample, own, other, shift, rng.uniform(0.7, 1.3)
        i += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    texts = {name: (SAMPLES / name).read_text(encoding="utf-8") for name in SOURCES}
    total = 0
    for i, sample, own, other, shift, factor in variants(args.n, args.seed):
        text = scale_rupiah(shift_years(rename(texts[sample], own, other), shift), factor)
        slug = re.sub(r"[^a-z0-9]+", "-", other.lower()).strip("-")
        out = args.out_dir / f"{i:05d}-{slug}-{sample.split('-')[0]}.txt"
        out.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(f"{args.n} reports, {total / 1e6:.1f} MB, in {args.out_dir}")


if __name__ == "__main__":
    main()
