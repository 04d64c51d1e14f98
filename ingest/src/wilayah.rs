//! Wilayah: area, population, staff count and the list of villages (BAB I).

use model::extract::{Desa, VillageKind, Wilayah};
use model::Exact;
use std::str::FromStr;

use crate::number::{parse_cell, CellNumber};
use crate::pattern::{group, Pattern};
use crate::table::Table;

static AREA: Pattern = Pattern::new(
    r"(?i)\bluas\s+(?:wilayah|daerah)?[^.\n]{0,80}?(\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:[.,]\d+)?)\s*(km2|km²|km\s*2|km\b)",
);
static STAFF: Pattern = Pattern::new(
    r"(?i)\b(?:didukung|jumlah|terdiri dari)\b[^.\n]{0,60}?\b(?:sdm|personil|personel|pegawai|asn|aparatur sipil negara|aparatur)\b[^.\n]{0,40}?(?:sebanyak|berjumlah|sejumlah|adalah|yaitu|:)\s*(\d{1,4})\b",
);

static POPULATION: Pattern = Pattern::new(
    r"(?i)\bjumlah\s+penduduk\b[^.\n]{0,100}?(?:sebanyak|sejumlah|berjumlah|adalah|mencapai|:)\s*(\d{1,3}(?:\.\d{3})+|\d{1,7})\s*(?:jiwa|orang)",
);
/// A village in a numbered list: `1. Desa Tugu`, `b) Kelurahan Jaten`.
static LISTED_VILLAGE: Pattern = Pattern::new(
    r"^\s*(?:-\s*)?(?:\d{1,2}|[a-z])[.)]\s*(Desa|Kelurahan|DESA|KELURAHAN)\s+([A-Za-z][A-Za-z'\- ]{1,40}?)\s*[.;,]?\s*$",
);

pub fn extract_wilayah(lines: &[String], main_end: usize, tables: &[Table]) -> Wilayah {
    let mut w = Wilayah::default();
    for (i, line) in lines.iter().enumerate().take(main_end) {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if w.luas_km2.is_none() {
            if let Some(c) = AREA.captures(line) {
                if let CellNumber::Value { value, .. } = parse_cell(group(&c, 1)) {
                    if !value.value().is_zero() {
                        w.luas_km2 = Some(value);
                        w.lines.push(n);
                    }
                }
            }
        }
        if w.penduduk.is_none() {
            if let Some(c) = POPULATION.captures(line) {
                if let CellNumber::Value { value, .. } = parse_cell(group(&c, 1)) {
                    w.penduduk = Some(value);
                    w.lines.push(n);
                }
            }
        }
        if w.jumlah_asn.is_none() {
            if let Some(c) = STAFF.captures(line) {
                let raw = if group(&c, 1).is_empty() {
                    group(&c, 2)
                } else {
                    group(&c, 1)
                };
                if let Ok(v) = Exact::from_str(raw) {
                    w.jumlah_asn = Some(v);
                    w.lines.push(n);
                }
            }
        }
    }
    w.desa = villages(tables, main_end);
    if w.desa.is_empty() {
        w.desa = listed_villages(lines, main_end);
    }
    w.lines.sort_unstable();
    w.lines.dedup();
    w
}

/// A table whose header names desa/kelurahan and lists one village per row.
fn villages(tables: &[Table], main_end: usize) -> Vec<Desa> {
    for t in tables
        .iter()
        .filter(|t| (t.first_line as usize) <= main_end)
    {
        let Some(header) = t.rows.first() else {
            continue;
        };
        let name_col = header.cells.iter().position(|c| {
            let l = c.text.to_lowercase();
            (l.contains("desa") || l.contains("kelurahan"))
                && (l.contains("nama") || l == "desa" || l == "desa/kelurahan" || l == "kelurahan")
        });
        let Some(col) = name_col else { continue };
        let pop_col = header.cells.iter().position(|c| {
            let l = c.text.to_lowercase();
            l.contains("penduduk") || l.contains("jumlah jiwa")
        });
        // the header says which kind the villages are when the names do not
        let header_kind = header
            .cells
            .get(col)
            .map(|c| c.text.to_lowercase())
            .and_then(|h| match (h.contains("desa"), h.contains("kelurahan")) {
                (true, false) => Some(VillageKind::Desa),
                (false, true) => Some(VillageKind::Kelurahan),
                _ => None,
            });
        let caption = t.caption.to_lowercase();
        if caption.contains("idm")
            || caption.contains("indeks desa")
            || header
                .cells
                .iter()
                .any(|c| c.text.to_lowercase().contains("idm"))
        {
            continue;
        }
        let mut out = Vec::new();
        for r in t.rows.iter().skip(1) {
            let name = r.text(col).trim();
            let lower = name.to_lowercase();
            if name.is_empty()
                || lower.starts_with("jumlah")
                || lower.starts_with("total")
                || !name.chars().next().is_some_and(char::is_alphabetic)
            {
                continue;
            }
            let (jenis, clean) = if let Some(rest) = lower.strip_prefix("kelurahan ") {
                (Some(VillageKind::Kelurahan), rest.to_string())
            } else if let Some(rest) = lower.strip_prefix("desa ") {
                (Some(VillageKind::Desa), rest.to_string())
            } else {
                (header_kind, lower.clone())
            };
            let penduduk = pop_col.and_then(|c| match parse_cell(r.text(c)) {
                CellNumber::Value { value, .. } => Some(value),
                _ => None,
            });
            out.push(Desa {
                page: None,
                nama: crate::identity::title_case(&clean),
                jenis,
                penduduk,
                lines: r.lines(),
            });
        }
        if out.len() >= 3 {
            return out;
        }
    }
    Vec::new()
}

/// Villages listed one per line (`1. Desa Tugu`), in the report's first chapter.
fn listed_villages(lines: &[String], main_end: usize) -> Vec<Desa> {
    let mut best: Vec<Desa> = Vec::new();
    let mut run: Vec<Desa> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(main_end) {
        match LISTED_VILLAGE.captures(line) {
            Some(c) => {
                let jenis = if group(&c, 1).eq_ignore_ascii_case("desa") {
                    VillageKind::Desa
                } else {
                    VillageKind::Kelurahan
                };
                run.push(Desa {
                    page: None,
                    nama: crate::identity::title_case(group(&c, 2).trim()),
                    jenis: Some(jenis),
                    penduduk: None,
                    lines: vec![u32::try_from(i + 1).unwrap_or(u32::MAX)],
                });
            }
            None if line.trim().is_empty() => {}
            None => {
                if run.len() > best.len() {
                    best = std::mem::take(&mut run);
                }
                run.clear();
            }
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    if best.len() >= 3 {
        best
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod pattern_tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(
            AREA.compiles()
                && STAFF.compiles()
                && POPULATION.compiles()
                && LISTED_VILLAGE.compiles()
        );
    }
}
