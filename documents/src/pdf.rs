//! PDF: the text layer (or OCR of the page images) rebuilt into lines and table rows.

use crate::{Document, DocumentError};

pub fn read(_bytes: &[u8]) -> Result<Document, DocumentError> {
    Err(DocumentError::Corrupt(
        "PDF reading is not built yet".to_string(),
    ))
}
