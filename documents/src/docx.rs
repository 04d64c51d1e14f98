//! DOCX: the document XML read into paragraphs and table rows.

use crate::{Document, DocumentError};

pub fn read(_bytes: &[u8]) -> Result<Document, DocumentError> {
    Err(DocumentError::NotADocx)
}
