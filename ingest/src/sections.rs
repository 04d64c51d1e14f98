//! Step 2: split the file into the kecamatan's own report and appended documents, and find
//! BAB III (the chapter whose tables are authoritative).
//!
//! Files often continue after the report with position-level reports of individual officials
//! (`LAPORAN KINERJA (LKj) SEKRETARIS KECAMATAN …`, `… KEPALA SEKSI …`): their own PK, capaian and
//! budget tables must not be read as the kecamatan's. A table of contents lists the BAB headings
//! close together (`BAB III AKUNTABILITAS KINERJA 28`); the real chapter heading stands alone.

use crate::pattern::Pattern;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sections {
    /// 0-based exclusive end of the kecamatan's own report (appended documents start here).
    pub main_end: usize,
    /// 0-based start and exclusive end of BAB III; `(0, main_end)` when no heading was found.
    pub bab3: (usize, usize),
    /// 0-based `[start, end)` ranges inside the report that belong to individual officials
    /// (their Perjanjian Kinerja in the lampiran).
    pub officials: Vec<(usize, usize)>,
}

impl Sections {
    pub fn in_main(&self, line: u32) -> bool {
        let i = (line as usize).saturating_sub(1);
        i < self.main_end && !self.officials.iter().any(|(a, b)| i >= *a && i < *b)
    }

    pub fn in_bab3(&self, line: u32) -> bool {
        let i = (line as usize).saturating_sub(1);
        i >= self.bab3.0 && i < self.bab3.1
    }
}

static BAB: Pattern = Pattern::new(r"(?i)^[#\s]*bab\s+(iv|v|i{1,3}|[1-5])\b\s*[.:]?\s*(.*)$");
static APPENDED_TITLE: Pattern = Pattern::new(
    r"(?i)^[#*\s]*(laporan kinerja|lkj\b|laporan hasil reviu|catatan hasil reviu|lembar hasil reviu)",
);
static PK_TITLE: Pattern = Pattern::new(r"(?i)^[#*\s]*perjanjian kinerja\b");
/// `Jabatan : Kepala Seksi Pemerintahan` in the PK of an official (the camat's PK names the camat).
static OFFICIAL_POST: Pattern = Pattern::new(
    r"(?i)\bjabatan\s*:?\s*(sekretaris kecamatan|sekretaris camat|kepala seksi|kasi\b|kepala sub ?bag|kasubbag|kasubag|lurah|kepala kelurahan)",
);
static POSITION: Pattern = Pattern::new(
    r"(?i)\b(sekretaris kecamatan|sekretaris camat|kepala sub ?bag|kasubbag|kasubag|kepala seksi|kasi\b|pengadministrasi|pengelola|pengolah data|jabatan fungsional|pelaksana\b|staf\b|kepala urusan)",
);

fn bab_number(line: &str) -> Option<(u8, bool)> {
    let caps = BAB.captures(line)?;
    let roman = caps.get(1)?.as_str().to_ascii_uppercase();
    let n = match roman.as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        "III" | "3" => 3,
        "IV" | "4" => 4,
        _ => 5,
    };
    let rest = caps.get(2).map_or("", |m| m.as_str()).trim();
    let page_number = rest.trim_end_matches(|c: char| c.is_ascii_digit()).len() < rest.len()
        || rest.contains("...");
    Some((n, page_number))
}

pub fn find_sections(lines: &[String]) -> Sections {
    let main_end = appended_start(lines).unwrap_or(lines.len());
    let headings: Vec<(usize, u8, bool)> = lines
        .iter()
        .take(main_end)
        .enumerate()
        .filter(|(_, l)| l.len() < 120)
        .filter_map(|(i, l)| bab_number(l).map(|(n, p)| (i, n, p)))
        .collect();
    // a heading followed closely by the next BAB heading is a table-of-contents entry
    let real: Vec<(usize, u8)> = headings
        .iter()
        .enumerate()
        .filter(|(k, (i, _, page))| {
            !*page
                && headings
                    .get(k + 1)
                    .is_none_or(|(j, _, _)| j.saturating_sub(*i) > 12)
        })
        .map(|(_, (i, n, _))| (*i, *n))
        .collect();
    let bab3_start = real.iter().rev().find(|(_, n)| *n == 3).map(|(i, _)| *i);
    let bab3 = match bab3_start {
        Some(s) => {
            let end = real
                .iter()
                .find(|(i, n)| *i > s && *n >= 4)
                .map_or(main_end, |(i, _)| *i);
            (s, end)
        }
        None => (0, main_end),
    };
    let officials = official_pk_blocks(lines, main_end);
    Sections {
        main_end,
        bab3,
        officials,
    }
}

/// The first line, past the report's first fifth, that titles another performance report of an
/// individual position.
fn appended_start(lines: &[String]) -> Option<usize> {
    let from = lines.len() / 5;
    for (i, line) in lines.iter().enumerate().skip(from) {
        if line.len() > 200 || !APPENDED_TITLE.is_match(line) || !is_upper_case(line) {
            continue;
        }
        let block: String = lines
            .iter()
            .skip(i)
            .take(8)
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let review = line.to_lowercase().contains("reviu");
        if review || POSITION.is_match(&block) {
            return Some(i);
        }
    }
    None
}

/// A title is printed in capitals; a sentence that starts with "Laporan Kinerja …" is not one.
fn is_upper_case(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    letters > 0 && upper * 10 >= letters * 8
}

/// Perjanjian Kinerja of individual officials in the lampiran: from the title naming such a post
/// to the next PK title or chapter heading.
fn official_pk_blocks(lines: &[String], main_end: usize) -> Vec<(usize, usize)> {
    let titles: Vec<usize> = lines
        .iter()
        .take(main_end)
        .enumerate()
        .filter(|(_, l)| l.len() < 120 && PK_TITLE.is_match(l))
        .map(|(i, _)| i)
        .collect();
    let mut blocks = Vec::new();
    for (k, &start) in titles.iter().enumerate() {
        let next_title = titles.get(k + 1).copied().unwrap_or(main_end);
        let head = lines
            .iter()
            .skip(start)
            .take(15.min(next_title - start))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        if !OFFICIAL_POST.is_match(&head) {
            continue;
        }
        let next_bab = lines
            .iter()
            .enumerate()
            .take(next_title)
            .skip(start + 1)
            .find(|(_, l)| l.len() < 120 && bab_number(l).is_some())
            .map_or(next_title, |(i, _)| i);
        blocks.push((start, next_bab.min(start + 200).min(main_end)));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(BAB.compiles() && APPENDED_TITLE.compiles() && POSITION.compiles());
        assert!(PK_TITLE.compiles() && OFFICIAL_POST.compiles());
    }

    #[test]
    fn toc_entries_are_not_chapters() {
        let mut lines: Vec<String> = vec![
            "BAB I PENDAHULUAN\t1".into(),
            "BAB III AKUNTABILITAS KINERJA\t28".into(),
        ];
        lines.extend((0..30).map(|i| format!("text {i}")));
        lines.push("BAB III".into());
        lines.extend((0..30).map(|i| format!("text {i}")));
        lines.push("BAB IV PENUTUP".into());
        lines.extend((0..30).map(|i| format!("text {i}")));
        lines.push("LAPORAN KINERJA (LKj) SEKRETARIS KECAMATAN X".into());
        lines.push("BAB III".into());
        let s = find_sections(&lines);
        assert_eq!(s.bab3, (32, 63));
        assert_eq!(s.main_end, 94);
    }

    #[test]
    fn officials_pk_is_not_the_kecamatans() {
        let mut lines: Vec<String> = (0..50).map(|i| format!("text {i}")).collect();
        lines.push("PERJANJIAN KINERJA TAHUN 2024".into());
        lines.push("Nama : Budi".into());
        lines.push("Jabatan : Camat Mlarak".into());
        lines.extend((0..10).map(|i| format!("pk {i}")));
        lines.push("PERJANJIAN KINERJA TAHUN 2024".into());
        lines.push("Jabatan : Kepala Seksi Pemerintahan".into());
        lines.extend((0..10).map(|i| format!("pk {i}")));
        let s = find_sections(&lines);
        assert_eq!(s.officials, vec![(63, 75)]);
        assert!(s.in_main(60));
        assert!(!s.in_main(70));
    }
}
