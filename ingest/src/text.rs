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

/// Decodes `bytes` (lossily when needed) and normalises each line.
pub fn decode(bytes: &[u8]) -> Text {
    let (text, lossy) = match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    };
    let lines = text.split('\n').map(normalise_line).collect();
    Text { lines, lossy }
}

/// One line without markup, with look-alike letters mapped to ASCII, TABs kept (they separate
/// table cells).
pub fn normalise_line(raw: &str) -> String {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let needs_markup = raw.contains('<') || raw.contains("[bookmark") || raw.contains("Comment by");
    let mut line = if needs_markup {
        let spaced = LINE_BREAK_TAG.replace_all(raw, " ");
        MARKUP.replace_all(&spaced, "").into_owned()
    } else {
        raw.to_string()
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(MARKUP.compiles() && LINE_BREAK_TAG.compiles());
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
    }
}
