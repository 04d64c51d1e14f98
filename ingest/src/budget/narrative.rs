//! A budget total printed only in a sentence (`… pagu anggaran sebesar Rp. 1.886.154.145 dan
//! direalisasikan sebesar Rp. 1.853.239.182 atau 98,25%`, `konsumsi anggaran … sebesar …`,
//! `realisasi … sebesar Rp. … dari pagu Rp. … (96,50%)`), used when no table prints a
//! Jumlah/Total row. BAB III first, then the rest of the report (Ikhtisar Eksekutif, Penutup).
//! Only a sentence whose printed percentage its two amounts reproduce is read: a sentence names
//! several amounts (`… dikurangi belanja pegawai sebesar …`), and the percentage shows which two
//! are the total's.

use super::read::Line;
use crate::number::{parse_cell, CellNumber};
use crate::pattern::{group, Pattern};
use crate::sections::Sections;
use model::extract::BudgetSource;

/// Pagu first: `pagu/anggaran/alokasi … sebesar AMOUNT … realisasi/konsumsi … AMOUNT … N%`.
static PAGU_FIRST: Pattern = Pattern::new(concat!(
    r"(?i)\b(?:pagu|anggaran|alokasi)\b[^%]{0,160}?\bsebesar\s*",
    r"(?:(?:rp\.?\s*)+([0-9][0-9.,]*[0-9])|([0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]{1,2})?))",
    r"[^%]{0,300}?\b[a-z]*(?:reali[a-z]*|konsumsi|serapan|terserap|digunakan)\b[^%]{0,80}?",
    r"(?:(?:rp\.?\s*)+([0-9][0-9.,]*[0-9])|([0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]{1,2})?))",
    r"[^%]{0,80}?\b([0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*%"
));
/// Realisasi first: `realisasi … sebesar AMOUNT dari pagu/anggaran AMOUNT … N%`.
static REALISASI_FIRST: Pattern = Pattern::new(concat!(
    r"(?i)\b[a-z]*reali[a-z]*\b[^%]{0,120}?\bsebesar\s*",
    r"(?:(?:rp\.?\s*)+([0-9][0-9.,]*[0-9])|([0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]{1,2})?))",
    r"[^%]{0,60}?\b(?:dari|terhadap)\b[^%]{0,40}?\b(?:pagu|anggaran|alokasi)\b[^%]{0,60}?",
    r"(?:(?:rp\.?\s*)+([0-9][0-9.,]*[0-9])|([0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]{1,2})?))",
    r"[^%]{0,80}?\b([0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*%"
));
/// An amount spelled out in brackets (`(tiga milyar … rupiah)`), between the figures.
static SPELLED: Pattern = Pattern::new(r"\(\s*[A-Za-z][^()0-9%]*\)");

fn money(text: &str) -> Option<model::Exact> {
    match parse_cell(text) {
        CellNumber::Value { value, .. } => Some(value),
        _ => None,
    }
}

/// The pagu, realisasi and percentage a sentence prints, when they reproduce each other.
fn total_of(line: &str) -> Option<(model::Exact, model::Exact, model::Exact)> {
    let unmarked = line.replace(['*', '_'], "");
    let plain = SPELLED.replace_all(&unmarked, "");
    let amount = |c: &regex::Captures<'_>, k: usize| {
        let a = group(c, k);
        money(if a.is_empty() { group(c, k + 1) } else { a })
    };
    let (pagu, realisasi, serapan) = if let Some(c) = PAGU_FIRST.captures(&plain) {
        (amount(&c, 1)?, amount(&c, 3)?, money(group(&c, 5))?)
    } else {
        let c = REALISASI_FIRST.captures(&plain)?;
        (amount(&c, 3)?, amount(&c, 1)?, money(group(&c, 5))?)
    };
    if realisasi.value() > pagu.value() || pagu.value().is_zero() {
        return None;
    }
    let reproduced = model::Exact::percent_of(realisasi, pagu, 6)
        .is_some_and(|c| crate::percent::percent_mismatch(serapan, c).is_none());
    reproduced.then_some((pagu, realisasi, serapan))
}

/// Every total sentence of the report: those of BAB III first, then the others in order.
fn sentences(lines: &[String], sections: &Sections) -> Vec<Line> {
    let (start, end) = sections.bab3;
    let order = (start..end).chain((0..sections.main_end).filter(|i| *i < start || *i >= end));
    let mut out = Vec::new();
    for i in order {
        let Some(line) = lines.get(i) else { continue };
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if line.len() > 5000
            || !line.to_lowercase().contains("sebesar")
            || !sections.in_main(line_no)
        {
            continue;
        }
        let Some((pagu, realisasi, serapan)) = total_of(line) else {
            continue;
        };
        out.push(Line {
            level: None,
            kode: None,
            name: "total".into(),
            pagu: Some(pagu),
            realisasi: Some(realisasi),
            serapan: Some(serapan),
            previous_realisasi: Vec::new(),
            lines: vec![line_no],
            damaged: Vec::new(),
            realigned: false,
            repaired: false,
            shifted: false,
            total: true,
            source: BudgetSource::Narrative,
        });
    }
    out
}

/// The total printed in a sentence, and the other sentences that print a different one.
pub(super) fn total_in_text(lines: &[String], sections: &Sections) -> Option<(Line, Vec<Line>)> {
    let mut all = sentences(lines, sections).into_iter();
    let first = all.next()?;
    let others = all
        .filter(|o| o.pagu != first.pagu || o.realisasi != first.realisasi)
        .collect();
    Some((first, others))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<(String, String, String)> {
        let (p, r, s) = total_of(line)?;
        Some((p.to_string(), r.to_string(), s.to_string()))
    }

    #[test]
    fn sentences_with_the_total() {
        assert!(PAGU_FIRST.compiles() && REALISASI_FIRST.compiles() && SPELLED.compiles());
        let want = Some(("1886154145".into(), "1853239182".into(), "98.25".into()));
        for line in [
            "Dari pagu Anggaran sebesar Rp. 1.886.154.145 dan direalisasikan sebesar Rp. 1.853.239.182 atau 98,25%.",
            "Pagu anggaran sebesar **1.886.154.145**,- (*satu milyar … rupiah*), konsumsi anggaran pada tahun 2024 sebesar __1.853.239.182__,- (*satu milyar … rupiah*) atau **98,25%**.",
            "Realisasi belanja sebesar Rp 1.853.239.182,- dari pagu anggaran Rp 1.886.154.145,- (98,25 %).",
        ] {
            assert_eq!(read(line), want, "{line}");
        }
        // the amounts do not give the percentage: some other pair of amounts
        assert_eq!(
            read("anggaran dalam PAK sebesar Rp. 1.677.707.236,- dikurangi belanja Pegawai sebesar Rp. 1.277.707.236,- yang direalisasikan sebesar Rp. 390.000.000,- atau 97,50%"),
            None
        );
        let lines = vec![
            "Ringkasan: pagu anggaran sebesar Rp. 2.000.000.000 terealisasi sebesar Rp. 1.000.000.000 atau 50%".to_string(),
            "BAB III".to_string(),
            "Dari pagu Anggaran sebesar Rp. 1.886.154.145 dan direalisasikan sebesar Rp. 1.853.239.182 atau 98,25%.".to_string(),
        ];
        let sections = Sections {
            main_end: 3,
            bab3: (1, 3),
            officials: Vec::new(),
        };
        let (first, others) =
            total_in_text(&lines, &sections).unwrap_or_else(|| panic!("no total"));
        assert_eq!(first.lines, vec![3]);
        assert_eq!(others.len(), 1);
    }
}
