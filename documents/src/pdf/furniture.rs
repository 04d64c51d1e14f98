//! Page furniture: running headers and footers and page numbers, recognised so that they are
//! never mixed into the text or a table.
//!
//! * A page number is a line in the top or bottom [`MARGIN`] of the page that holds only a
//!   number below 1000 (a year is not a page number), a roman numeral, or `Halaman`/`Hal.`/`Page` and a number (`- 5 -`, `5 / 60`).
//! * A running header or footer is a line in those margins whose text, digits set aside,
//!   recurs on at least [`RUNNING_SHARE`] of the pages (and on three pages at least). It is
//!   kept once, where it first appears, and dropped from every other page.

use std::collections::HashMap;

use super::lines::Line;

/// The share of the page height, at the top and at the bottom, where furniture is looked for.
pub const MARGIN: f64 = 0.1;
/// The share of pages a header or footer must recur on to count as running.
pub const RUNNING_SHARE: f64 = 0.4;

/// What to do with each line of each page: `true` keeps it.
pub fn keep_mask(pages: &[(f64, Vec<Line>)]) -> Vec<Vec<bool>> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let keys: Vec<Vec<Option<String>>> = pages
        .iter()
        .map(|(height, lines)| {
            lines
                .iter()
                .map(|l| in_margin(l, *height).then(|| key(&l.text())))
                .collect()
        })
        .collect();
    for page in &keys {
        let mut seen: Vec<&String> = page.iter().flatten().collect();
        seen.sort();
        seen.dedup();
        for k in seen {
            *counts.entry(k.clone()).or_default() += 1;
        }
    }
    let needed = ((pages.len() as f64 * RUNNING_SHARE).ceil() as usize).max(3);
    let mut emitted: Vec<String> = Vec::new();
    pages
        .iter()
        .zip(&keys)
        .map(|((_, lines), page_keys)| {
            lines
                .iter()
                .zip(page_keys)
                .map(|(line, k)| {
                    let Some(k) = k else { return true };
                    if is_page_number(&line.text()) {
                        return false;
                    }
                    if counts.get(k).copied().unwrap_or(0) < needed {
                        return true;
                    }
                    if emitted.contains(k) {
                        false
                    } else {
                        emitted.push(k.clone());
                        true
                    }
                })
                .collect()
        })
        .collect()
}

fn in_margin(line: &Line, page_height: f64) -> bool {
    page_height > 0.0
        && (line.y1 <= page_height * MARGIN || line.y0 >= page_height * (1.0 - MARGIN))
}

/// The text with digits and spacing set aside, lowercased: `Hal. 12` and `Hal. 13` are one key.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A page number as printed in a page margin.
pub fn is_page_number(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let rest = ["halaman", "hal.", "hal", "page"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let core: String = rest
        .chars()
        .filter(|c| !matches!(c, '-' | '–' | '—' | '|' | ' ' | '.' | '(' | ')' | '[' | ']'))
        .collect();
    if core.is_empty() {
        return false;
    }
    let numbers: Vec<&str> = core
        .split(['/', ':'])
        .flat_map(|p| p.split("dari"))
        .flat_map(|p| p.split("of"))
        .collect();
    numbers.iter().all(|n| {
        !n.is_empty()
            && (n.parse::<u32>().is_ok_and(|v| v < 1000)
                || n.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
    })
}

#[cfg(test)]
mod tests {
    use super::super::lines::{build_lines, tests::phrase};
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for t in [
            "5",
            "- 12 -",
            "Halaman 3",
            "Hal. 4 dari 60",
            "iv",
            "3 / 60",
            "Page 2",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2023", "Jumlah 5", "BAB IV", "80 %"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn running_headers_are_kept_once_and_page_numbers_dropped() {
        let pages: Vec<(f64, Vec<Line>)> = (1..=5)
            .map(|p| {
                let mut words = phrase("Laporan Kinerja Kecamatan", 300.0, 20.0);
                words.extend(phrase(&format!("Isi halaman {p}"), 50.0, 400.0));
                words.extend(phrase(&p.to_string(), 280.0, 780.0));
                (800.0, build_lines(&words))
            })
            .collect();
        let mask = keep_mask(&pages);
        assert_eq!(mask[0], vec![true, true, false]);
        for m in &mask[1..] {
            assert_eq!(m, &vec![false, true, false]);
        }
    }

    #[test]
    fn a_heading_on_one_page_is_not_furniture() {
        let pages: Vec<(f64, Vec<Line>)> = (1..=5)
            .map(|p| {
                let words = phrase(&format!("BAB {p} judul {p}"), 50.0, 20.0);
                (800.0, build_lines(&words))
            })
            .collect();
        // Digits are set aside in the key, so these recur: a numbered heading at the top of every
        // page reads as a running header. Distinct words keep them apart.
        let distinct: Vec<(f64, Vec<Line>)> = ["Pendahuluan", "Perencanaan", "Akuntabilitas"]
            .iter()
            .map(|t| (800.0, build_lines(&phrase(t, 50.0, 20.0))))
            .collect();
        assert!(keep_mask(&distinct).iter().all(|m| m.iter().all(|&k| k)));
        assert_eq!(keep_mask(&pages)[0], vec![true]);
    }
}
