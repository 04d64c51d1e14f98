//! Step 1: bytes → clean lines. Converters leave markup around the words (markdown bold, HTML
//! fragments inside table cells, DOCX reviewer comments and bookmarks, Cyrillic look-alike letters
//! from OCR); every later step wants only the words, one entry per input line so that line numbers
//! stay those of the file.

use crate::pattern::Pattern;

/// The decoded text, one normalised entry per input line (index 0 = line 1).
pub struct Text {
    pub lines: Vec<String>,
    /// True when the bytes were not valid UTF-8 and were decoded lossily.
    pub lossy: bool,
}

/// HTML tags (`<b>`, `</p>`), DOCX bookmarks (`[bookmark: _GoBack]`) and a reviewer's comment
/// that the DOCX converter appends after a TAB (`\tComment by Emel: …` up to the line's end).
static MARKUP: Pattern = Pattern::new(
    r"<br\s*/?>|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|\[bookmark:[^\]]*\]|\t?\s*Comment by [^:\t]{1,60}:.*$",
);
static LINE_BREAK_TAG: Pattern = Pattern::new(r"(?i)<br\s*/?>");
/// The end of an HTML table cell or row: cells become TAB-separated, rows end with
/// [`ROW_BREAK`] so that a whole `<table>` printed on one line still gives its rows.
static HTML_CELL_END: Pattern = Pattern::new(r"(?i)</t[dh]\s*>");
static HTML_ROW_END: Pattern = Pattern::new(r"(?i)</tr\s*>");
/// Two or more spaces between words: the column gap of a table in OCR text.
static COLUMN_GAP: Pattern = Pattern::new(r"\S( {2,}|\u{3000})\S");

/// Separates several table rows printed on one line (HTML fragments).
pub const ROW_BREAK: char = '\u{1E}';

/// Decodes `bytes` (lossily when needed) and normalises each line.
pub fn decode(bytes: &[u8]) -> Text {
    let (text, lossy) = decode_bytes(bytes);
    let mut lines: Vec<String> = text.split('\n').map(normalise_line).collect();
    // a final newline ends the last line; it does not start another (and "" has no line)
    if text.ends_with('\n') || text.is_empty() {
        lines.pop();
    }
    split_short_ocr_headers(&mut lines);
    Text { lines, lossy }
}

/// UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (Windows converters
/// write it), else UTF-8 decoded lossily.
fn decode_bytes(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, bool) {
    let utf16 = |big_endian: bool, body: &[u8]| {
        let text = documents::encoding::utf16(body, big_endian);
        let lossy = text.contains('\u{FFFD}') || body.len() % 2 == 1;
        (std::borrow::Cow::Owned(text), lossy)
    };
    match bytes {
        [0xFF, 0xFE, body @ ..] => utf16(false, body),
        [0xFE, 0xFF, body @ ..] => utf16(true, body),
        [0xEF, 0xBB, 0xBF, body @ ..] => decode_utf8(body),
        _ => decode_utf8(bytes),
    }
}

fn decode_utf8(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    }
}

/// An OCR header with few columns (`Program   Anggaran   Ket`) has too few gaps to be told from
/// prose on its own; it is one when the row below it has as many columns.
fn split_short_ocr_headers(lines: &mut [String]) {
    for i in 0..lines.len().saturating_sub(1) {
        let (Some(line), Some(next)) = (lines.get(i), lines.get(i + 1)) else {
            continue;
        };
        if line.contains('\t') || !line.contains("  ") || !next.contains('\t') {
            continue;
        }
        let gaps = COLUMN_GAP.captures_all(line.trim()).len();
        let next_cells = next.trim_start_matches('\t').split('\t').count();
        if gaps >= 1 && gaps + 1 == next_cells {
            if let Some(split) = ocr_columns_forced(line) {
                if let Some(slot) = lines.get_mut(i) {
                    *slot = split;
                }
            }
        }
    }
}

fn ocr_columns_forced(line: &str) -> Option<String> {
    let body = line.trim();
    if body.len() > 400 {
        return None;
    }
    Some(join_gaps(line, body))
}

/// One line without markup, with look-alike letters mapped to ASCII, TABs kept (they separate
/// table cells).
pub fn normalise_line(raw: &str) -> String {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let needs_markup = raw.contains('<') || raw.contains("[bookmark") || raw.contains("Comment by");
    let mut line = if needs_markup {
        let spaced = LINE_BREAK_TAG.replace_all(raw, " ");
        let lower = spaced.to_ascii_lowercase();
        let cells = if lower.contains("<td") || lower.contains("<th") {
            let c = HTML_CELL_END.replace_all(&spaced, "\t");
            let r = HTML_ROW_END.replace_all(&c, "\u{1E}");
            r.into_owned()
        } else {
            spaced.into_owned()
        };
        MARKUP.replace_all(&cells, "").into_owned()
    } else {
        raw.to_string()
    };
    if !line.contains('\t') && line.contains("  ") {
        line = ocr_columns(&line).unwrap_or(line);
    }
    if line.contains("**") {
        line = line.replace("**", "");
    }
    if line.contains('&') {
        line = line
            .replace("&amp;", "&")
            .replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
    }
    if !line.is_ascii() {
        line = line.chars().map(ascii_look_alike).collect();
    }
    line
}

/// OCR text keeps a table's columns apart with runs of spaces (`1.  Nilai SAKIP    70    68,45`):
/// with at least two such gaps inside the line, the gaps become TABs.
fn ocr_columns(line: &str) -> Option<String> {
    let body = line.trim();
    let gaps = COLUMN_GAP.captures_all(body).len();
    let has_digit = body.bytes().any(|b| b.is_ascii_digit());
    // two gaps and a figure (a data row), or three gaps (a header row)
    if body.len() > 400 || gaps < 2 || (gaps < 3 && !has_digit) {
        return None;
    }
    Some(join_gaps(line, body))
}

/// `body` with runs of two or more spaces replaced by TABs; an indented line starts with an
/// empty cell.
fn join_gaps(line: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1);
    // an indented row leaves its first column empty (`          Jumlah   1.500.000.000`)
    if line.starts_with("  ") {
        out.push('\t');
    }
    let mut spaces = 0;
    for c in body.chars() {
        if c == ' ' || c == '\u{3000}' {
            spaces += 1;
            continue;
        }
        match spaces {
            0 => {}
            1 => out.push(' '),
            _ => out.push('\t'),
        }
        spaces = 0;
        out.push(c);
    }
    out
}

/// OCR and some PDF fonts yield Cyrillic or full-width characters that look like Latin letters
/// and digits; mapping them lets names and numbers match.
fn ascii_look_alike(c: char) -> char {
    match c {
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        'З' => '3',
        '–' | '—' => '-',
        c if ('０'..='９').contains(&c) => {
            char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
        }
        c => c,
    }
}

/// `a) Nilai SAKIP.` → `Nilai SAKIP`.
pub fn clean_label(text: &str) -> String {
    let mut t = text.trim();
    if let Some((head, rest)) = t.split_once([')', ' ']) {
        if head.len() <= 5
            && head
                .trim_end_matches('.')
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
            && !rest.trim().is_empty()
            && (t.as_bytes().get(head.len()) == Some(&b')') || head.ends_with('.'))
        {
            t = rest.trim();
        }
    }
    t.trim_end_matches(['.', ',', ';'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(MARKUP.compiles() && LINE_BREAK_TAG.compiles());
        assert!(HTML_CELL_END.compiles() && HTML_ROW_END.compiles() && COLUMN_GAP.compiles());
    }

    #[test]
    fn encodings() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "BAB III\nTarget\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let t = decode(&utf16);
        assert_eq!(t.lines, vec!["BAB III", "Target"]);
        assert!(!t.lossy);
        let bom = decode(b"\xEF\xBB\xBFLKjIP\n");
        assert_eq!(bom.lines, vec!["LKjIP"]);
        assert!(decode(b"a\xff\nb").lossy);
    }

    #[test]
    fn strips_markup_and_comments() {
        assert_eq!(
            normalise_line("<b>1</b>\tBelanja &amp; Jasa"),
            "1\tBelanja & Jasa"
        );
        assert_eq!(
            normalise_line("\t2.\tComment by Emel: Tambahkan baris"),
            "\t2."
        );
        assert_eq!(normalise_line("**TAHUN 2023**"), "TAHUN 2023");
        assert_eq!(normalise_line("[bookmark: _GoBack]Realisasi"), "Realisasi");
        assert_eq!(normalise_line("КЕCАМАТАN"), "KECAMATAN");
        assert_eq!(
            normalise_line(
                "<tr><td>1</td><td>Nilai SAKIP</td></tr><tr><td>2</td><td>IKM</td></tr>"
            ),
            "1\tNilai SAKIP\t\u{1E}2\tIKM\t\u{1E}"
        );
        assert_eq!(
            normalise_line("1.   Nilai SAKIP    70    68,45"),
            "1.\tNilai SAKIP\t70\t68,45"
        );
        assert_eq!(
            normalise_line("Jumlah pegawai  13 orang"),
            "Jumlah pegawai  13 orang"
        );
    }
}
