//! A budget total printed only in a sentence of BAB III (`… pagu anggaran sebesar Rp.
//! 1.886.154.145 dan direalisasikan sebesar Rp. 1.853.239.182 atau 98,25%`), used when no table
//! prints a Jumlah/Total row.

use super::read::Line;
use crate::number::{parse_cell, CellNumber};
use crate::pattern::{group, Pattern};
use crate::sections::Sections;
use model::extract::BudgetSource;

static TOTAL_SENTENCE: Pattern = Pattern::new(
    r"(?i)\b(?:pagu|anggaran|alokasi)\b.{0,80}?\bsebesar\s*(?:rp\.?\s*)+([0-9][0-9.,]*[0-9]).{0,160}?reali[a-z]*\s+(?:sebesar\s*)?(?:rp\.?\s*)+([0-9][0-9.,]*[0-9])(?:.{0,40}?\b([0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*%)?",
);

fn money(text: &str) -> Option<model::Exact> {
    match parse_cell(text) {
        CellNumber::Value { value, .. } => Some(value),
        _ => None,
    }
}

/// The first such sentence in BAB III whose printed percentage its two amounts reproduce.
pub(super) fn total_in_text(lines: &[String], sections: &Sections) -> Option<Line> {
    let (start, end) = sections.bab3;
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        if line.len() > 5000 || !line.to_lowercase().contains("sebesar") {
            continue;
        }
        let plain = line.replace("**", "");
        let Some(c) = TOTAL_SENTENCE.captures(&plain) else {
            continue;
        };
        let (Some(pagu), Some(realisasi)) = (money(group(&c, 1)), money(group(&c, 2))) else {
            continue;
        };
        if realisasi.value() > pagu.value() || pagu.value().is_zero() {
            continue;
        }
        // a sentence names several amounts (`… dikurangi belanja pegawai sebesar …`): only a
        // printed percentage that the two figures reproduce shows they are the total's
        let serapan = money(group(&c, 3));
        let reproduced = serapan.is_some_and(|s| {
            model::Exact::percent_of(realisasi, pagu, 6)
                .is_some_and(|c| crate::percent::percent_mismatch(s, c).is_none())
        });
        if !reproduced {
            continue;
        }
        return Some(Line {
            level: None,
            kode: None,
            name: "total".into(),
            pagu: Some(pagu),
            realisasi: Some(realisasi),
            serapan,
            previous_realisasi: Vec::new(),
            lines: vec![u32::try_from(i + 1).unwrap_or(u32::MAX)],
            damaged: Vec::new(),
            realigned: false,
            repaired: false,
            shifted: false,
            total: true,
            source: BudgetSource::Narrative,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence() {
        assert!(TOTAL_SENTENCE.compiles());
        let lines = vec![
            "Dari pagu Anggaran sebesar Rp. 1.886.154.145 dan direalisasikan sebesar Rp. 1.853.239.182 atau 98,25%.".to_string(),
        ];
        let sections = Sections {
            main_end: 1,
            bab3: (0, 1),
            officials: Vec::new(),
        };
        let t = total_in_text(&lines, &sections).unwrap_or_else(|| Line {
            level: None,
            kode: None,
            name: String::new(),
            pagu: None,
            realisasi: None,
            serapan: None,
            previous_realisasi: Vec::new(),
            lines: Vec::new(),
            damaged: Vec::new(),
            realigned: false,
            repaired: false,
            shifted: false,
            total: false,
            source: BudgetSource::Narrative,
        });
        assert_eq!(t.pagu.map(|v| v.to_string()).as_deref(), Some("1886154145"));
        assert_eq!(
            t.realisasi.map(|v| v.to_string()).as_deref(),
            Some("1853239182")
        );
        assert_eq!(t.serapan.map(|v| v.to_string()).as_deref(), Some("98.25"));
    }
}
