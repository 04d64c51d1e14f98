//! Letter-spaced OCR on cover and heading lines: `K E C A M A T A N  J A T E N`,
//! `KECAM ATAN SUKO HARJO`, `TAH UN 2 0 2 2`. OCR of widely tracked cover fonts splits words into
//! letters or fragments. A line is rewritten only where joining gives a word of the report
//! vocabulary ([`KEYWORDS`]), a year, or an official kecamatan/kabupaten name, so nothing is
//! invented: an unknown fragment stays as printed.

use std::borrow::Cow;

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

struct Token<'a> {
    text: Cow<'a, str>,
    /// The gap before the token is wide (two spaces or more, a TAB): a word boundary in a
    /// letter-spaced line.
    wide_before: bool,
}

fn tokens(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut gap = 0usize;
    let mut wide = false;
    for (at, c) in line.char_indices() {
        if c.is_whitespace() {
            gap += if c == '\t' { 2 } else { 1 };
            if let Some(from) = start.take() {
                out.push(Token {
                    text: Cow::Borrowed(line.get(from..at).unwrap_or("")),
                    wide_before: wide,
                });
            }
            continue;
        }
        if start.is_none() {
            wide = gap >= 2;
            gap = 0;
            start = Some(at);
        }
    }
    if let Some(from) = start {
        out.push(Token {
            text: Cow::Borrowed(line.get(from..).unwrap_or("")),
            wide_before: wide,
        });
    }
    out
}

fn single(t: &Token<'_>) -> bool {
    let mut c = t.text.chars();
    c.next().is_some_and(char::is_alphanumeric) && c.next().is_none()
}

fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// `a` then `b` spell a keyword (`KECAM` + `ATAN`).
fn joins_keyword(a: &str, b: &str) -> bool {
    KEYWORDS.iter().any(|k| {
        k.len() == a.len() + b.len()
            && k.get(..a.len()).is_some_and(|h| h.eq_ignore_ascii_case(a))
            && k.get(a.len()..).is_some_and(|t| t.eq_ignore_ascii_case(b))
    })
}

/// A line whose words look letter-spaced: a run of three single letters or digits, a year split
/// after `tahun`, or a fragment pair that joins into a keyword. Cheap; most lines answer no at
/// once.
fn looks_spaced(tokens: &[Token<'_>]) -> bool {
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
                && joins_keyword(&a.text, &b.text)
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
    let mut words: Vec<Token<'_>> = Vec::new();
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
                .map(|t| &*t.text)
                .collect();
            let wide = toks.get(i).is_some_and(|t| t.wide_before);
            if let Some(parts) = split_glued(text, wide) {
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
            let text: String = parts.iter().map(|t| &*t.text).collect();
            let letters = text.chars().all(char::is_alphabetic);
            let digits = text.chars().all(|c| c.is_ascii_digit());
            let ok = (letters && is_keyword(&text))
                || (digits && after_tahun && text.len() == 4 && text.starts_with("20"))
                || (letters
                    && after_region
                    && crate::region_index::is_official_key(&text.to_lowercase()));
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
                    out.push(w.text.to_string());
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
        || crate::region_index::is_official_key(&lower)
        || (lower.len() == 4
            && lower.starts_with("20")
            && lower.chars().all(|c| c.is_ascii_digit()))
}

/// Single letters joined: `JATEN`, or `KECAMATANJATEN` (joined over a missing word gap) →
/// `KECAMATAN`, `JATEN`; `None` unless every part is a [`verified`] word.
fn split_glued(text: String, wide_before: bool) -> Option<Vec<Token<'static>>> {
    if verified(&text) {
        return Some(vec![Token {
            text: Cow::Owned(text),
            wide_before,
        }]);
    }
    let lower = text.to_lowercase();
    for k in KEYWORDS {
        if lower.len() > k.len() && lower.starts_with(k) && text.is_char_boundary(k.len()) {
            let (head, tail) = text.split_at(k.len());
            if let Some(rest) = split_glued(tail.to_string(), true) {
                let mut out = vec![Token {
                    text: Cow::Owned(head.to_string()),
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
