//! Where on the page a line stands, for the identity: the cover (the first page), running headers
//! and footers (one short line printed on many pages), title-like lines (short headings), the
//! place-and-date line of a signature or foreword (`Ngawi, 5 Januari 2024`) and a table's
//! source note (`Sumber: BPS Kabupaten Ngawi`).

use std::collections::HashMap;

use crate::letterspace::MAX_HEADING;
use crate::pattern::{group, Pattern};

/// The front matter that follows the cover: the cover ends at its heading.
static AFTER_COVER: Pattern = Pattern::new(
    r"(?i)^[#*\s]*(kata\s+pengantar|daftar\s+isi|ikhtisar\s+eksekutif|ringkasan\s+eksekutif|executive\s+summary|bab\s+i\b|pendahuluan\b)",
);
/// `Ngawi, 5 Januari 2024`, `Magetan ,  Januari 2024`: the place before the date.
static PLACE_DATE: Pattern = Pattern::new(
    r"(?i)^[\s*]*([A-Za-z][A-Za-z'\- ]{1,40}?)\s*,\s*(?:\d{1,2}\s+)?(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember)\s+20\d\d\b",
);
/// `Sumber : BPS Kabupaten Ngawi`, `Sumber: Ngawi Dalam Angka 2023`, `Sumber data: BPS Kota Batu`.
static SOURCE_NOTE: Pattern = Pattern::new(r"(?i)^[\s*]*sumber(?:\s+data)?\s*:\s*(.{3,160})$");
static SOURCE_PLACE: Pattern = Pattern::new(
    r"(?i)\bbps\s+((?:kabupaten\s+|kab\.?\s*|kota\s+)?[A-Za-z][A-Za-z'\-]+(?:\s+[A-Za-z][A-Za-z'\-]+)?)|\b((?:kabupaten\s+|kab\.?\s*|kota\s+)?[A-Za-z][A-Za-z'\-]+(?:\s+[A-Za-z][A-Za-z'\-]+)?)\s+dalam\s+angka\b",
);

/// A running header names a region or the report.
static HEADER_WORDS: Pattern = Pattern::new(r"(?i)kecamatan|kabupaten|kota |lkj|laporan");

/// How many lines the cover may span when no front-matter heading ends it.
const COVER_LINES: usize = 60;
/// A running header is printed at least this often …
const HEADER_REPEATS: usize = 3;

/// The zones of the report's own lines.
pub struct Zones {
    /// Line indexes of the cover (short lines of the first page).
    pub cover: Vec<usize>,
    /// Line indexes of running headers and footers.
    pub headers: Vec<usize>,
    /// Short heading lines after the cover (capitals, or a markdown heading).
    pub titles: Vec<usize>,
}

/// The cover ends at the first page break, or at the front matter's first heading, or after
/// [`COVER_LINES`] lines; only short lines count (a first line of prose is no cover).
fn cover(lines: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().take(COVER_LINES) {
        if line.contains('\u{c}') || AFTER_COVER.is_match(line) {
            break;
        }
        let t = line.trim();
        if !t.is_empty() && t.len() <= MAX_HEADING && !is_prose(t) {
            out.push(i);
        }
    }
    out
}

/// A sentence rather than a heading: long, with sentence punctuation inside.
fn is_prose(t: &str) -> bool {
    t.len() > 100 || t.contains(". ") && t.split_whitespace().count() > 8
}

/// A page header or footer: its text without the page number, compared in lower case.
fn header_shape(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        let lw = w.to_lowercase();
        if lw
            .chars()
            .all(|c| c.is_ascii_digit() || "-|/.:()".contains(c))
            && lw.chars().any(|c| c.is_ascii_digit())
            && !(lw.len() == 4 && lw.starts_with("20"))
        {
            continue;
        }
        if matches!(lw.as_str(), "halaman" | "hal" | "hal." | "page") {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&lw);
    }
    s
}

/// Lines printed [`HEADER_REPEATS`] times or more, spread over at least a quarter of the
/// report, that name a region or the report: running headers and footers.
fn headers(line_count: usize, naming: &[(usize, &str)]) -> Vec<usize> {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for &(i, line) in naming {
        let t = line.trim();
        if t.len() < 8 || t.len() > 120 || t.contains('\t') {
            continue;
        }
        if !HEADER_WORDS.is_match(t) {
            continue;
        }
        seen.entry(header_shape(t)).or_default().push(i);
    }
    let span_needed = line_count / 4;
    let mut out: Vec<usize> = seen
        .into_values()
        .filter(|at| {
            at.len() >= HEADER_REPEATS
                && at
                    .last()
                    .zip(at.first())
                    .is_some_and(|(l, f)| l - f >= span_needed)
        })
        .flatten()
        .collect();
    out.sort_unstable();
    out
}

/// A short heading: mostly capitals, or a markdown heading, without sentence punctuation.
pub fn is_title_like(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches(['#', '*', ' '])
        .trim_end_matches(['*', ' ']);
    if t.is_empty() || t.len() > 90 || t.contains('\t') || is_prose(t) {
        return false;
    }
    let (letters, upper) = if t.is_ascii() {
        let b = t.as_bytes();
        (
            b.iter().filter(|c| c.is_ascii_alphabetic()).count(),
            b.iter().filter(|c| c.is_ascii_uppercase()).count(),
        )
    } else {
        (
            t.chars().filter(|c| c.is_alphabetic()).count(),
            t.chars().filter(|c| c.is_uppercase()).count(),
        )
    };
    line.trim_start().starts_with('#') || (letters >= 6 && upper * 10 >= letters * 8)
}

/// The zones of `lines`; `titles[i]` tells whether line `i` [`is_title_like`]; `naming` are the
/// lines (index, text) that may name a region or the report (running headers are among them).
pub fn zones(lines: &[&str], titles: &[bool], naming: &[(usize, &str)]) -> Zones {
    let cover = cover(lines);
    let headers = headers(lines.len(), naming);
    let after_cover = cover.last().map_or(0, |c| c + 1);
    let titles = titles
        .iter()
        .enumerate()
        .skip(after_cover)
        .filter(|(_, t)| **t)
        .map(|(i, _)| i)
        .collect();
    Zones {
        cover,
        headers,
        titles,
    }
}

/// The place of a place-and-date line (`Ngawi, 5 Januari 2024` → `Ngawi`).
pub fn place_of_date_line(line: &str) -> Option<&str> {
    if line.len() > 120 {
        return None;
    }
    // the place is a short name before the line's first comma
    let head = line.split(',').next().unwrap_or("");
    let name = head.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    if head.len() == line.len() || name.trim_end().chars().count() > 41 {
        return None;
    }
    let c = PLACE_DATE.captures(line)?;
    Some(group(&c, 1).trim()).filter(|p| !p.is_empty())
}

/// The kabupaten/kota a table's source note names (`Sumber: BPS Kabupaten Ngawi` →
/// `Kabupaten Ngawi`; `Sumber: Ngawi Dalam Angka 2023` → `Ngawi`).
pub fn places_of_source_note(line: &str) -> Vec<&str> {
    let start = line.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    if !start
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("sumber"))
    {
        return Vec::new();
    }
    let Some(note) = SOURCE_NOTE.captures(line) else {
        return Vec::new();
    };
    let text = group(&note, 1);
    SOURCE_PLACE
        .captures_all(text)
        .iter()
        .map(|c| {
            let g = group(c, 1);
            if g.is_empty() {
                group(c, 2)
            } else {
                g
            }
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(
            AFTER_COVER.compiles()
                && HEADER_WORDS.compiles()
                && PLACE_DATE.compiles()
                && SOURCE_NOTE.compiles()
                && SOURCE_PLACE.compiles()
        );
    }

    #[test]
    fn places_of_dates_and_source_notes() {
        assert_eq!(place_of_date_line("Ngawi, 5 Januari 2024"), Some("Ngawi"));
        assert_eq!(
            place_of_date_line("Magetan ,  Januari 2024"),
            Some("Magetan")
        );
        assert_eq!(place_of_date_line("Pada 5 Januari 2024 dilaksanakan"), None);
        assert_eq!(
            places_of_source_note("Sumber : BPS Kabupaten Ngawi"),
            vec!["Kabupaten Ngawi"]
        );
        assert_eq!(
            places_of_source_note("Sumber: Ngawi Dalam Angka 2023"),
            vec!["Ngawi"]
        );
        assert!(places_of_source_note("Sumber: Data Kepegawaian").is_empty());
    }

    #[test]
    fn cover_headers_and_titles() {
        let mut lines = vec![
            "LAPORAN KINERJA",
            "KECAMATAN JATEN",
            "KATA PENGANTAR",
            "Puji syukur ...",
        ];
        for _ in 0..5 {
            lines.extend(["LKjIP Kecamatan Jaten Tahun 2023   12", "isi", "isi", "isi"]);
        }
        lines.push("BAB II PERENCANAAN KINERJA");
        let titles: Vec<bool> = lines.iter().map(|l| is_title_like(l)).collect();
        let naming: Vec<(usize, &str)> = lines.iter().copied().enumerate().collect();
        let z = zones(&lines, &titles, &naming);
        assert_eq!(z.cover, vec![0, 1]);
        assert_eq!(z.headers, vec![4, 8, 12, 16, 20]);
        assert!(z.titles.contains(&24) && z.titles.contains(&2));
    }
}
