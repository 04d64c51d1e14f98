//! Why a report file cannot be read.

/// Each variant says what is wrong with the file and, where it helps, what to do.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the PDF is password-protected: save it without a password and try again")]
    Encrypted,
    #[error("the file is corrupt or truncated ({0})")]
    Corrupt(String),
    #[error("the ZIP file is not a Word document (no word/document.xml)")]
    NotADocx,
    #[error("the file is {0}, not a Word document: save it as .docx or PDF and try again")]
    OtherOffice(&'static str),
    #[error("the Word document is password-protected (encrypted): save it without a password and try again")]
    EncryptedDocx,
    #[error("the file is a legacy Office file (Word 97-2003 .doc or similar): save it as .docx or PDF and try again")]
    LegacyOffice,
    #[error("the document's part {part} is larger than {limit} bytes uncompressed: refused (a damaged file or a zip bomb)")]
    PartTooLarge { part: String, limit: u64 },
    #[error(
        "reading {format} files needs `{program}`: install it with `apt-get install {package}`"
    )]
    ToolMissing {
        format: &'static str,
        program: &'static str,
        package: &'static str,
    },
    #[error("`{program}` failed: {message}")]
    ToolFailed {
        program: &'static str,
        message: String,
    },
}

impl DocumentError {
    /// A stable machine code for the error (`corrupt`, `encrypted`, …), as the CLI and the API
    /// report it.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::Encrypted | DocumentError::EncryptedDocx => "encrypted",
            DocumentError::Corrupt(_) => "corrupt",
            DocumentError::NotADocx | DocumentError::OtherOffice(_) => "not_a_docx",
            DocumentError::LegacyOffice => "legacy_office",
            DocumentError::PartTooLarge { .. } => "too_large",
            DocumentError::ToolMissing { .. } => "tool_missing",
            DocumentError::ToolFailed { .. } => "tool_failed",
            // Variants added for other formats report under one code until given their own.
            #[allow(unreachable_patterns)]
            _ => "unreadable",
        }
    }
}
