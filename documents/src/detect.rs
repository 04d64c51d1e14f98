//! Which format a file is, from its first bytes (magic numbers), never from its name.

/// The formats a report is published in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text or markdown (HTML fragments inside it included): read as it is.
    Text,
    /// An HTML document (`<!DOCTYPE html>` or `<html>` first): its tables read on their grid.
    Html,
    /// An Office Open XML word-processing document (a ZIP holding `word/document.xml`).
    Docx,
    /// A PDF with a text layer.
    Pdf,
    /// A PDF whose pages are images: read by OCR.
    ScannedPdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::ScannedPdf => "pdf_ocr",
        }
    }
}

const PDF_MAGIC: &[u8] = b"%PDF-";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// An archive without entries starts with its end-of-central-directory record.
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
/// A Compound File Binary container: an encrypted OOXML file or a legacy Office file. Read as a
/// DOCX, it gets the error that says which.
pub(crate) const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The format of a file by its bytes. A PDF is reported as [`Format::Pdf`] here; whether it has
/// a text layer is only known once it is read.
pub fn detect_format(bytes: &[u8]) -> Format {
    // PDF writers may put a few bytes (a BOM, whitespace) before the header; readers accept it
    // within the first kilobyte.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(PDF_MAGIC.len()).any(|w| w == PDF_MAGIC) {
        Format::Pdf
    } else if [ZIP_MAGIC, EMPTY_ZIP_MAGIC, CFB_MAGIC]
        .iter()
        .any(|magic| bytes.starts_with(magic))
    {
        Format::Docx
    } else if crate::html::is_document(bytes) {
        Format::Html
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(detect_format(b"%PDF-1.7\n..."), Format::Pdf);
        assert_eq!(detect_format(b"PK\x03\x04rest"), Format::Docx);
        assert_eq!(detect_format(b"LAPORAN KINERJA"), Format::Text);
        assert_eq!(
            detect_format(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Format::Docx
        );
        assert_eq!(detect_format(b""), Format::Text);
        assert_eq!(detect_format(b"<!doctype html><p>x"), Format::Html);
        assert_eq!(detect_format(b"teks <table><tr><td>1"), Format::Text);
    }
}
