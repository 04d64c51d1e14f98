//! Which format a file is, from its first bytes (magic numbers), never from its name.

/// The formats a report is published in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, markdown or HTML: read as it is.
    Text,
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
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::ScannedPdf => "pdf_ocr",
        }
    }
}

const PDF_MAGIC: &[u8] = b"%PDF-";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The format of a file by its bytes. A PDF is reported as [`Format::Pdf`] here; whether it has
/// a text layer is only known once it is read.
pub fn detect_format(bytes: &[u8]) -> Format {
    // PDF writers may put a few bytes (a BOM, whitespace) before the header; readers accept it
    // within the first kilobyte.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(PDF_MAGIC.len()).any(|w| w == PDF_MAGIC) {
        Format::Pdf
    } else if bytes.starts_with(ZIP_MAGIC) {
        Format::Docx
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
        assert_eq!(detect_format(b""), Format::Text);
    }
}
