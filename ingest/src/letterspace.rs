//! Letter-spaced OCR on cover and heading lines: `K E C A M A T A N  J A T E N`,
//! `KECAM ATAN SUKO HARJO`, `TAH UN 2 0 2 2`. OCR of widely tracked cover fonts splits words into
//! letters or fragments. A line is rewritten only where joining gives a word of the report
//! vocabulary ([`KEYWORDS`]), a year, or an official kecamatan/kabupaten name, so nothing is
//! invented: an unknown fragment stays as printed.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Words of cover and heading lines that covers print letter-spaced.
const KEYWORDS: [&str; 16] = [
    "kecamatan",
    "kabupaten",
    "kota",
    "tahun",
    "anggaran",
    "laporan",
    "kinerja",
    "instansi",
    "pemerintah",
    "pemerintahan",
    "akuntabilitas",
    "lkjip",
    "provinsi",
    "daerah",
    "camat",
    "lakip",
];

/// Words after which a region name follows.
const REGION_WORDS: [&str; 4] = ["kecamatan", "kabupaten", "kota", "kec"];

/// Longest line (in bytes) read as a cover or heading line.
pub const MAX_HEADING: usize = 160;

/// The keys (`regions::kecamatan_key` / `kabupaten_key`) of every official kecamatan and
/// kabupaten/kota name.
fn official_keys() -> &'static HashSet<String> {
    static KEYS: OnceLock<HashSet<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let g = regions::Gazetteer::official();
        g.kecamatan
            .iter()
            .map(|k| regions::kecamatan_key(&k.name))
            .chain(
                g.kabupaten
                    .iter()
                    .map(|k| regions::kabupaten_key(&k.name).0),
            )
            .collect()
    })
}

struct Token {
    text: String,
    /// The gap before the token is wide (two spaces or more, a TAB): a word boundary in a
    /// letter-spaced line.
    wide_before: bool,
}

fn tokens(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut gap = 0usize;
    let mut wide = false;
    for c in line.chars() {
        if c.is_whitespace() {
            gap += if c == '\t' { 2 } else { 1 };
            if !current.is_empty() {
                out.push(Token {
                    text: std::mem::take(&mut current),
                    wide_before: wide,
                });
            }
            continue;
        }
        if current.is_empty() {
            wide = gap >= 2;
            gap = 0;
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(Token {
            text: current,
            wide_before: wide,
        });
    }
    out
}

fn single(t: &Token) -> bool {
    let mut c = t.text.chars();
    c.next().is_some_and(char::is_alphanumeric) && c.next().is_none()
}

fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word.to_lowercase().as_str())
}

/// A line whose words look letter-spaced: a run of three single letters or digits, or a
/// fragment pair that joins into a keyword. Cheap; most lines answer no at once.
fn looks_spaced(tokens: &[Token]) -> bool {
    let runs = tokens.windows(3).any(|w| {
        w.iter().all(single)
            || matches!(w, [t, a, b] if t.text.eq_ignore_ascii_case("tahun")
                && a.text.len() == 2 && a.text.starts_with("20")
                && b.text.len() == 2 && b.text.bytes().all(|c| c.is_ascii_digit()))
    });
    runs || tokens.windows(2).any(|w| match w {
        [a, b] => {
            a.text.chars().all(char::is_alphabetic)
                && b.text.chars().all(char::is_alphabetic)
                && !is_keyword(&a.text)
                && is_keyword(&format!("{}{}", a.text, b.text))
        }
        _ => false,
    })
}

/// The line with letter-spaced words joined, or `None` when nothing was letter-spaced.
pub fn respace(line: &str) -> Option<String> {
    if line.len() > MAX_HEADING || !line.contains(' ') {
        return None;
    }
    let toks = tokens(line);
    if toks.len() < 2 || !looks_spaced(&toks) {
        return None;
    }
    // 1. runs of single letters/digits within a word (single gaps) are one word
    let mut words: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut j = i;
        while j + 1 < toks.len()
            && toks.get(j).is_some_and(single)
            && toks.get(j + 1).is_some_and(|t| single(t) && !t.wide_before)
        {
            j += 1;
        }
        if j >= i + 2 {
            let text: String = toks
                .get(i..=j)
                .unwrap_or(&[])
                .iter()
                .map(|t| t.text.as_str())
                .collect();
            let wide = toks.get(i).is_some_and(|t| t.wide_before);
            if let Some(parts) = split_glued(&text, wide) {
                words.extend(parts);
                i = j + 1;
                continue;
            }
        }
        {
            if let Some(t) = toks.get(i) {
                words.push(Token {
                    text: t.text.clone(),
                    wide_before: t.wide_before,
                });
            }
            i += 1;
        }
    }
    // 2. fragments that join into a keyword, a year after `tahun`, or an official name after a
    // region word
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let after_region = out
            .last()
            .is_some_and(|w| REGION_WORDS.contains(&w.to_lowercase().trim_end_matches('.')));
        let after_tahun = out.last().is_some_and(|w| w.eq_ignore_ascii_case("tahun"));
        let mut joined = None;
        for n in (2..=4).rev() {
            let Some(parts) = words.get(i..i + n) else {
                continue;
            };
            if parts.iter().skip(1).any(|t| t.wide_before) {
                continue;
            }
            let text: String = parts.iter().map(|t| t.text.as_str()).collect();
            let letters = text.chars().all(char::is_alphabetic);
            let digits = text.chars().all(|c| c.is_ascii_digit());
            let ok = (letters && is_keyword(&text))
                || (digits && after_tahun && text.len() == 4 && text.starts_with("20"))
                || (letters && after_region && official_keys().contains(&text.to_lowercase()));
            if ok {
                joined = Some((text, n));
                break;
            }
        }
        match joined {
            Some((text, n)) => {
                out.push(text);
                i += n;
            }
            None => {
                if let Some(w) = words.get(i) {
                    out.push(w.text.clone());
                }
                i += 1;
            }
        }
    }
    let rewritten = out.join(" ");
    (rewritten != line.split_whitespace().collect::<Vec<_>>().join(" ")).then_some(rewritten)
}

/// A known word: a keyword, an official name or a year.
fn verified(word: &str) -> bool {
    let lower = word.to_lowercase();
    is_keyword(&lower)
        || official_keys().contains(&lower)
        || (lower.len() == 4
            && lower.starts_with("20")
            && lower.chars().all(|c| c.is_ascii_digit()))
}

/// Single letters joined: `JATEN`, or `KECAMATANJATEN` (joined over a missing word gap) →
/// `KECAMATAN`, `JATEN`; `None` unless every part is a [`verified`] word.
fn split_glued(text: &str, wide_before: bool) -> Option<Vec<Token>> {
    if verified(text) {
        return Some(vec![Token {
            text: text.to_string(),
            wide_before,
        }]);
    }
    let lower = text.to_lowercase();
    for k in KEYWORDS {
        if lower.len() > k.len() && lower.starts_with(k) && text.is_char_boundary(k.len()) {
            let (head, tail) = text.split_at(k.len());
            if let Some(rest) = split_glued(tail, true) {
                let mut out = vec![Token {
                    text: head.to_string(),
                    wide_before,
                }];
                out.extend(rest);
                return Some(out);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spaced_cover_lines_are_read() {
        for (printed, read) in [
            ("KECAM ATAN SUKO HARJO", "KECAMATAN SUKOHARJO"),
            ("K E C A M A T A N  J A T E N", "KECAMATAN JATEN"),
            ("TAH UN 2 0 2 2", "TAHUN 2022"),
            ("TAHUN 20 22", "TAHUN 2022"),
            ("L A P O R A N  K I N E R J A", "LAPORAN KINERJA"),
            ("K A B U P A T E N  N G A W I", "KABUPATEN NGAWI"),
            ("K E C A M A T A N J A T E N", "KECAMATAN JATEN"),
        ] {
            assert_eq!(respace(printed).as_deref(), Some(read), "{printed:?}");
        }
    }

    #[test]
    fn ordinary_lines_and_unknown_fragments_stay() {
        for line in [
            "KECAMATAN JATEN",
            "Kecamatan Jaten merupakan OPD di Kabupaten Karanganyar",
            "LAPORAN KINERJA TAHUN 2023",
            "a. b. c.",
            "Tabel 1 2 3",
        ] {
            assert_eq!(respace(line), None, "{line:?}");
        }
        // an unknown name stays as printed; only the keyword is joined
        assert_eq!(
            respace("KECAM ATAN ZZQ XWV").as_deref(),
            Some("KECAMATAN ZZQ XWV")
        );
    }
}
