//! `documents`: a report file as it is published (PDF with a text layer, scanned PDF, DOCX, an
//! HTML page, or text) → report text the extractor reads, with the page each line came from.
//!
//! The format is recognised by the file's bytes (magic numbers), never by its name. Reading never
//! panics: a password-protected, corrupt or truncated file is a [`DocumentError`].

mod detect;
mod docx;
pub mod encoding;
mod entities;
mod error;
mod html;
mod pdf;

pub use detect::{detect_format, Format};
pub use docx::{read_with as read_docx_with, MergedCells, MAX_PART_BYTES as DOCX_MAX_PART_BYTES};
pub use error::DocumentError;

/// A report file turned into text lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub format: Format,
    /// The report text: one paragraph or table row per line, table cells separated by TAB.
    pub text: String,
    /// The 1-based line of `text` on which each page starts (page 1 first); empty when the
    /// format has no pages (text, DOCX).
    pub page_starts: Vec<u32>,
    /// 1-based lines holding a figure that OCR read with low confidence (a word with a digit
    /// below 60 of 100): their figures should be checked against the page image. Empty for
    /// text layers, DOCX and text.
    pub low_confidence_lines: Vec<u32>,
}

impl Document {
    /// The 1-based page of a 1-based line, when the format has pages.
    pub fn page_of_line(&self, line: u32) -> Option<u32> {
        page_of_line(&self.page_starts, line)
    }
}

/// The 1-based page of a 1-based line, given the first line of each page.
pub fn page_of_line(page_starts: &[u32], line: u32) -> Option<u32> {
    if page_starts.is_empty() || line == 0 {
        return None;
    }
    let after = page_starts.partition_point(|&start| start <= line);
    u32::try_from(after).ok().filter(|&page| page > 0)
}

/// Reads a report file of any supported format.
pub fn read(bytes: &[u8]) -> Result<Document, DocumentError> {
    match detect_format(bytes) {
        Format::Text => Ok(Document {
            format: Format::Text,
            text: String::from_utf8_lossy(bytes).into_owned(),
            page_starts: Vec::new(),
            low_confidence_lines: Vec::new(),
        }),
        Format::Html => Ok(html::read(bytes)),
        Format::Docx => docx::read(bytes),
        Format::Pdf | Format::ScannedPdf => pdf::read(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_map_to_their_pages() {
        let starts = [1, 40, 81];
        assert_eq!(page_of_line(&starts, 1), Some(1));
        assert_eq!(page_of_line(&starts, 39), Some(1));
        assert_eq!(page_of_line(&starts, 40), Some(2));
        assert_eq!(page_of_line(&starts, 500), Some(3));
        assert_eq!(page_of_line(&[], 5), None);
        assert_eq!(page_of_line(&starts, 0), None);
    }
}
