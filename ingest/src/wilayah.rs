//! Wilayah: area, population, staff count and the list of villages (BAB I).

use model::extract::{Desa, Issue, Severity, VillageKind, Wilayah};
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

/// Literals every match of [`AREA`], [`POPULATION`], [`STAFF`] holds: a plain literal search
/// first (the full patterns' `\b` is slow on lines with non-ASCII letters).
static AREA_WORD: Pattern = Pattern::new(r"(?i)luas");
static POPULATION_WORD: Pattern = Pattern::new(r"(?i)penduduk");
static STAFF_WORD: Pattern = Pattern::new(r"(?i)didukung|jumlah|terdiri");

static POPULATION: Pattern = Pattern::new(
    r"(?i)\bjumlah\s+penduduk\b[^.\n]{0,100}?(?:sebanyak|sejumlah|berjumlah|adalah|mencapai|:)\s*(\d{1,3}(?:\.\d{3})+|\d{1,7})\s*(?:jiwa|orang)",
);
/// A village in a numbered list: `1. Desa Tugu`, `b) Kelurahan Jaten`.
static LISTED_VILLAGE: Pattern = Pattern::new(
    r"^\s*(?:-\s*)?(?:\d{1,2}|[a-z])[.)]\s*(Desa|Kelurahan|DESA|KELURAHAN)\s+([A-Za-z][A-Za-z'\- ]{1,40}?)\s*[.;,]?\s*$",
);

/// How many lines after the staff sentence its breakdowns (by rank, education, age …) are looked
/// for.
const STAFF_BREAKDOWN_SPAN: usize = 60;

/// Wilayah facts and the issues of their doubts (`conflicting_values` when the staff sentence and
/// its breakdown tables disagree).
pub fn extract_wilayah(
    lines: &[String],
    main_end: usize,
    tables: &[Table],
) -> (Wilayah, Vec<Issue>) {
    let mut w = Wilayah::default();
    let mut issues = Vec::new();
    let mut staff_line = None;
    for (i, line) in lines.iter().enumerate().take(main_end) {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if w.luas_km2.is_none() && AREA_WORD.is_match(line) {
            if let Some(c) = AREA.captures(line) {
                if let CellNumber::Value { value, .. } = parse_cell(group(&c, 1)) {
                    if !value.value().is_zero() {
                        w.luas_km2 = Some(value);
                        w.lines.push(n);
                    }
                }
            }
        }
        if w.penduduk.is_none() && POPULATION_WORD.is_match(line) {
            if let Some(c) = POPULATION.captures(line) {
                if let CellNumber::Value { value, .. } = parse_cell(group(&c, 1)) {
                    w.penduduk = Some(value);
                    w.lines.push(n);
                }
            }
        }
        if w.jumlah_asn.is_none() && STAFF_WORD.is_match(line) {
            if let Some(c) = STAFF.captures(line) {
                let raw = if group(&c, 1).is_empty() {
                    group(&c, 2)
                } else {
                    group(&c, 1)
                };
                if let Ok(v) = Exact::from_str(raw) {
                    w.jumlah_asn = Some(v);
                    w.lines.push(n);
                    staff_line = Some(i);
                }
            }
        }
    }
    if let (Some(at), Some(said)) = (staff_line, w.jumlah_asn) {
        if let Some((total, total_lines)) = staff_breakdown_total(lines, at, main_end, said) {
            let message = format!(
                "staff count: line {} says {}, but its breakdown tables total {} (lines {}); the tables' total was taken",
                at + 1,
                said.value().normalize(),
                total.value().normalize(),
                total_lines
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let mut flagged = vec![u32::try_from(at + 1).unwrap_or(u32::MAX)];
            flagged.extend(&total_lines);
            issues.push(Issue {
                code: "conflicting_values".into(),
                severity: Severity::Warning,
                message,
                lines: flagged,
                page: None,
            });
            w.jumlah_asn = Some(total);
            w.lines.extend(total_lines);
        }
    }
    w.desa = villages(tables, main_end);
    if w.desa.is_empty() {
        w.desa = listed_villages(lines, main_end);
    }
    w.lines.sort_unstable();
    w.lines.dedup();
    (w, issues)
}

/// The staff sentence (`didukung personil sebanyak 17 orang`) is followed by breakdowns (by
/// rank, education, golongan, age), each ending in a total row (`JUMLAH : 15 orang`). When none
/// of those totals is the sentence's figure and at least two agree on one figure, more often than
/// on any other, that figure is the staff count (the tables win) and the sentence is flagged.
/// Breakdowns of a part of the staff (structural posts only) total less, and differ among
/// themselves: they never replace the sentence.
fn staff_breakdown_total(
    lines: &[String],
    sentence: usize,
    main_end: usize,
    said: Exact,
) -> Option<(Exact, Vec<u32>)> {
    let end = main_end.min(sentence + 1 + STAFF_BREAKDOWN_SPAN);
    let mut totals: Vec<(Exact, u32)> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(sentence + 1) {
        if let Some(v) = total_row(line) {
            totals.push((v, u32::try_from(i + 1).unwrap_or(u32::MAX)));
        }
    }
    if totals.iter().any(|(v, _)| *v == said) {
        return None;
    }
    let count = |x: &Exact| totals.iter().filter(|(v, _)| v == x).count();
    let (best, n) = totals
        .iter()
        .map(|(v, _)| (*v, count(v)))
        .max_by_key(|(_, n)| *n)?;
    let unique = totals.iter().all(|(v, _)| *v == best || count(v) < n);
    (n >= 2 && unique).then(|| {
        let at = totals
            .iter()
            .filter(|(v, _)| *v == best)
            .map(|(_, l)| *l)
            .collect();
        (best, at)
    })
}

/// A total row with one count: `JUMLAH : 15 orang`, `JUMLAH\t\t10`, `Total\t12 Orang`; rows
/// with several counts (men and women) are none.
fn total_row(line: &str) -> Option<Exact> {
    if line.len() > 120 {
        return None;
    }
    let mut cells = line
        .split(['\t', ':'])
        .map(|c| c.trim().trim_matches('*').trim())
        .filter(|c| !c.is_empty());
    let label = cells.next()?.to_lowercase();
    if !matches!(
        label.as_str(),
        "jumlah" | "total" | "jumlah total" | "total jumlah" | "jumlah pegawai" | "jumlah asn"
    ) {
        return None;
    }
    let mut value = None;
    for c in cells {
        let digits = c
            .strip_suffix("orang")
            .or_else(|| c.strip_suffix("Orang"))
            .or_else(|| c.strip_suffix("ORANG"))
            .unwrap_or(c)
            .trim();
        if digits.eq_ignore_ascii_case("orang") || digits.is_empty() {
            continue;
        }
        if digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if value.is_some() {
            return None;
        }
        value = Exact::from_str(digits).ok();
    }
    value
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

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn staff_tables_win_over_the_sentence() {
        let text = "Kecamatan Wonoasri didukung personil sebanyak 17 (Tujuh belas) orang :\n\
            Eselon III\t:\t2\torang\nStaf\t:\t13\torang +\nJUMLAH\t:\t15\torang\n\
            S-1\t:\t9\torang\nSLTA\t:\t6\torang +\nJUMLAH\t:\t15\torang\n";
        let (w, issues) = extract_wilayah(&lines(text), 100, &[]);
        assert_eq!(
            w.jumlah_asn
                .map(|v| v.value().normalize().to_string())
                .as_deref(),
            Some("15")
        );
        assert!(issues
            .iter()
            .any(|i| i.code == "conflicting_values" && i.lines == vec![1, 4, 7]));
    }

    #[test]
    fn partial_breakdowns_keep_the_sentence() {
        // one total agrees with the sentence; the others count a part of the staff
        let text = "Kecamatan Wonoasri didukung SDM sebanyak 10 orang\nJUMLAH\t\t10\n\
            JUMLAH\t\t8\nJUMLAH\t\t9\nJumlah\t\t6\t8\n";
        let (w, issues) = extract_wilayah(&lines(text), 100, &[]);
        assert_eq!(
            w.jumlah_asn
                .map(|v| v.value().normalize().to_string())
                .as_deref(),
            Some("10")
        );
        assert!(issues.is_empty());
        // a single disagreeing table is not enough to replace it
        let text = "Jumlah pegawai Kecamatan Wonoasri sebanyak 12 orang\nJUMLAH\t:\t11\torang\n";
        let (w, _) = extract_wilayah(&lines(text), 100, &[]);
        assert_eq!(
            w.jumlah_asn
                .map(|v| v.value().normalize().to_string())
                .as_deref(),
            Some("12")
        );
    }

    #[test]
    fn patterns_compile() {
        assert!(
            AREA.compiles()
                && AREA_WORD.compiles()
                && POPULATION_WORD.compiles()
                && STAFF_WORD.compiles()
                && STAFF.compiles()
                && POPULATION.compiles()
                && LISTED_VILLAGE.compiles()
        );
    }
}
