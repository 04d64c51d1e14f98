//! The report year as the cover prints it. Covers often carry two years: the year the report is
//! about (`LKjIP TAHUN 2023`, `TAHUN ANGGARAN 2023`, `TAHUN 2023` under the title) and the year
//! it was published (`2024`, `JANUARI 2024`, `Ngawi, 5 Januari 2024`). A year is weighed by the
//! words printed before it on its line; the publication year never wins over a marked one.

use crate::pattern::Pattern;

static YEAR: Pattern = Pattern::new(r"\b(20[0-9]{2})\b");
static MONTH_BEFORE: Pattern = Pattern::new(
    r"(?i)(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember|disusun|diterbitkan|dicetak)\s*,?\s*(?:\d{1,2}\s+)?$",
);
static MARKED_BEFORE: Pattern = Pattern::new(
    r"(?i)(?:\b(?:lkjip|lkj|lakip|laporan\s+kinerja|laporan\s+akuntabilitas\s+kinerja)\b[^\n]{0,120}?\btahun\s+(?:anggaran\s+)?|\btahun\s+anggaran\s+|\bt\.?\s?a\.?\s+|\b(?:lkjip|lkj|lakip)\s+)$",
);
static TAHUN_BEFORE: Pattern = Pattern::new(r"(?i)\btahun\s*:?\s*$");
static REGULATION_BEFORE: Pattern =
    Pattern::new(r"(?i)\b(?:nomor|no\.|uu)\s*[0-9./a-z]*\s*(?:tahun\s*)?$");
/// `2019-2023`, `2019 s.d. 2023`: a period (a Renstra's), not a report year.
static PERIOD_AFTER: Pattern =
    Pattern::new(r"(?i)^\s*(?:[-/–]|s\.?\s*d\.?|sampai|hingga)\s*(?:tahun\s*)?20[0-9]{2}");
static PERIOD_BEFORE: Pattern =
    Pattern::new(r"(?i)20[0-9]{2}\s*(?:[-/–]|s\.?\s*d\.?|sampai|hingga)\s*(?:tahun\s*)?$");

/// How strongly a printed year says "the report is about this year".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// `Januari 2024`, `disusun 2024`: a date, the publication.
    Dated,
    /// A year alone.
    Bare,
    /// `TAHUN 2023`.
    Tahun,
    /// `LKjIP TAHUN 2023`, `TAHUN ANGGARAN 2023`, `Laporan Kinerja … Tahun 2023`.
    Marked,
}

/// A printed year with its strength and 0-based line index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintedYear {
    pub year: i64,
    pub strength: Strength,
    pub line: usize,
}

/// The years of one line, periods and regulation citations left out.
pub fn years_in(line: &str, index: usize) -> Vec<PrintedYear> {
    let mut out = Vec::new();
    if line.len() > 400 {
        return out;
    }
    for c in YEAR.captures_all(line) {
        let Some(m) = c.get(1) else { continue };
        let before = line.get(..m.start()).unwrap_or("");
        let after = line.get(m.end()..).unwrap_or("");
        if PERIOD_AFTER.is_match(after)
            || PERIOD_BEFORE.is_match(before)
            || REGULATION_BEFORE.is_match(before)
        {
            continue;
        }
        let strength = if MARKED_BEFORE.is_match(before) {
            Strength::Marked
        } else if TAHUN_BEFORE.is_match(before) {
            Strength::Tahun
        } else if MONTH_BEFORE.is_match(before) {
            Strength::Dated
        } else {
            Strength::Bare
        };
        out.push(PrintedYear {
            year: m.as_str().parse().unwrap_or(0),
            strength,
            line: index,
        });
    }
    out
}

/// What the cover says about the report year.
#[derive(Debug, PartialEq, Eq)]
pub enum CoverYear {
    /// No year marked as the report's (`TAHUN …`) on the cover.
    None,
    /// One report year, with the line of its strongest printing.
    One(PrintedYear),
    /// Several years printed with the same strength: the earliest (a report is published in its
    /// year or after it) and the others.
    Ambiguous(PrintedYear, Vec<PrintedYear>),
}

/// The report year of the cover's lines (`(index, text)`): the strongest marked year; a
/// publication year (dated, bare) never decides.
pub fn cover_year<'a>(cover: impl Iterator<Item = (usize, &'a str)>) -> CoverYear {
    let years: Vec<PrintedYear> = cover.flat_map(|(i, l)| years_in(l, i)).collect();
    let Some(best) = years.iter().map(|y| y.strength).max() else {
        return CoverYear::None;
    };
    if best < Strength::Tahun {
        return CoverYear::None;
    }
    let mut strongest: Vec<PrintedYear> =
        years.into_iter().filter(|y| y.strength == best).collect();
    strongest.sort_by_key(|y| (y.year, y.line));
    let Some(first) = strongest.first().copied() else {
        return CoverYear::None;
    };
    let mut others: Vec<PrintedYear> = strongest
        .into_iter()
        .filter(|y| y.year != first.year)
        .collect();
    others.dedup_by_key(|y| y.year);
    if others.is_empty() {
        CoverYear::One(first)
    } else {
        CoverYear::Ambiguous(first, others)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for p in [
            &YEAR,
            &MONTH_BEFORE,
            &MARKED_BEFORE,
            &TAHUN_BEFORE,
            &REGULATION_BEFORE,
            &PERIOD_AFTER,
            &PERIOD_BEFORE,
        ] {
            assert!(p.compiles());
        }
    }

    fn cover(lines: &[&str]) -> CoverYear {
        cover_year(lines.iter().copied().enumerate())
    }

    #[test]
    fn a_two_year_cover_gives_the_report_year() {
        let y = cover(&[
            "LAPORAN KINERJA TAHUN 2023",
            "KECAMATAN WIDODAREN",
            "KABUPATEN NGAWI",
            "2024",
        ]);
        assert!(matches!(
            y,
            CoverYear::One(PrintedYear {
                year: 2023,
                line: 0,
                ..
            })
        ));
        let y = cover(&[
            "LAPORAN KINERJA INSTANSI PEMERINTAH",
            "KECAMATAN WIDODAREN",
            "TAHUN 2023",
            "DISUSUN JANUARI 2024",
        ]);
        assert!(matches!(
            y,
            CoverYear::One(PrintedYear {
                year: 2023,
                line: 2,
                ..
            })
        ));
        // publication year alone: the cover does not say
        assert_eq!(
            cover(&["KECAMATAN WIDODAREN", "Januari 2024"]),
            CoverYear::None
        );
        // a Renstra period is no report year
        assert_eq!(cover(&["RENSTRA TAHUN 2021-2026"]), CoverYear::None);
    }

    #[test]
    fn two_marked_years_are_ambiguous() {
        let y = cover(&["LAPORAN KINERJA", "TAHUN 2024", "KECAMATAN X", "TAHUN 2023"]);
        assert!(matches!(
            y,
            CoverYear::Ambiguous(PrintedYear { year: 2023, .. }, ref o) if o.len() == 1
        ));
        // the marked year wins over a plain `TAHUN`
        let y = cover(&["TAHUN 2024", "LKjIP TAHUN ANGGARAN 2023"]);
        assert!(matches!(y, CoverYear::One(PrintedYear { year: 2023, .. })));
    }
}
