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
