//! The camat: the report is signed under the Kata Pengantar and at the end with name, rank and
//! NIP (`NIP. 19740715 199503 2 004`). The first signature block of the report's own part is the
//! camat's; acting heads are marked `Plt.` (or `Plh.`, `Pelaksana Tugas`) just above the name.

use model::extract::Camat;

use crate::identity::title_case;
use crate::pattern::{group, Pattern};

static NIP: Pattern = Pattern::new(r"(?i)\bNIP\.?\s*:?\s*((?:\d\s?){18})");
static RANK_OR_ROLE: Pattern = Pattern::new(
    r"(?i)^(pembina|penata|pengatur|juru|camat\b|nip\b|plt|plh|pelaksana tugas|kepala\b|sekretaris|kecamatan\b|pangkat|golongan|[a-z]+,\s*\d|[a-z]+\s*,?\s+\d{1,2}\s+[a-z]+\s+20\d\d|[a-z ]+,\s*(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember))",
);
static CAMAT_TITLE: Pattern = Pattern::new(r"(?i)^\s*(?:(?:plt|plh)\.?\s*)?camat\b");
static ACTING: Pattern = Pattern::new(r"(?i)\b(plt|plh|pelaksana tugas|pelaksana harian)\b");

pub fn find_camat(lines: &[String]) -> Option<Camat> {
    let nips: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let caps = NIP.captures(l)?;
            let digits: String = group(&caps, 1)
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            (digits.len() == 18).then_some((i, digits))
        })
        .take(20)
        .collect();
    // the first block signed as camat (`Camat Mlarak`, `Plt. CAMAT`), else the first signature
    let signed_as_camat = |i: usize| {
        lines
            .iter()
            .skip(i.saturating_sub(8))
            .take(i.min(8))
            .any(|l| l.len() < 80 && CAMAT_TITLE.is_match(l))
    };
    let (nip_index, nip) = nips
        .iter()
        .find(|(i, _)| signed_as_camat(*i))
        .or_else(|| nips.first())
        .cloned()?;
    let mut name_index = None;
    let mut scanned = 0;
    let mut i = nip_index;
    while i > 0 && scanned < 8 {
        i -= 1;
        let l = lines.get(i).map_or("", |s| s.trim());
        if l.is_empty() {
            continue;
        }
        scanned += 1;
        if RANK_OR_ROLE.is_match(l) || l.len() > 80 || l.contains('\t') {
            continue;
        }
        if l.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            name_index = Some(i);
            break;
        }
    }
    let mut lines_used = vec![u32::try_from(nip_index + 1).unwrap_or(u32::MAX)];
    let nama = name_index.and_then(|i| lines.get(i)).map(|l| clean_name(l));
    let mut plt = false;
    if let Some(n) = name_index {
        lines_used.push(u32::try_from(n + 1).unwrap_or(u32::MAX));
        let from = n.saturating_sub(6);
        plt = lines
            .iter()
            .skip(from)
            .take(n - from + 1)
            .any(|l| l.len() < 120 && ACTING.is_match(l));
    }
    lines_used.sort_unstable();
    Some(Camat {
        page: None,
        nama,
        nip: Some(nip),
        plt,
        lines: lines_used,
    })
}

/// `WULI PADMI HANDAYANI, S.Sos.,M.M` → `Wuli Padmi Handayani`: academic titles dropped, all-caps
/// names title-cased.
fn clean_name(line: &str) -> String {
    let line = line.trim().trim_start_matches('#').trim();
    let line = ACTING.replace_all(line, "");
    let base = line
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.')
        .trim();
    let words: Vec<&str> = base
        .split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().trim_end_matches('.'),
                "drs" | "dr" | "ir" | "h" | "hj" | "dra" | "prof"
            )
        })
        .collect();
    let base = words.join(" ");
    if base.chars().any(|c| c.is_lowercase()) {
        base
    } else {
        title_case(&base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(
            NIP.compiles()
                && RANK_OR_ROLE.compiles()
                && ACTING.compiles()
                && CAMAT_TITLE.compiles()
        );
    }

    #[test]
    fn signature_block() {
        let lines: Vec<String> = [
            "Kerjo, Februari 2026",
            "CAMAT KERJO",
            "",
            "SUWARDOYO, S.H.",
            "Pembina",
            "NIP. 19690526 198803 1 001",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let c = find_camat(&lines).unwrap();
        assert_eq!(c.nama.as_deref(), Some("Suwardoyo"));
        assert_eq!(c.nip.as_deref(), Some("196905261988031001"));
        assert!(!c.plt);
        let lines: Vec<String> = [
            "Plt. CAMAT X",
            "BUDI SANTOSO, S.STP",
            "NIP 196905261988031001",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert!(find_camat(&lines).unwrap().plt);
    }
}
