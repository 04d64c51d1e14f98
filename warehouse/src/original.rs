//! The original file of each report, content-addressed by sha256 (`report_original`), so that
//! a figure can be checked against the document itself and re-extracted when the reader
//! improves.

use diesel::prelude::*;

use crate::connection::DbConnection;
use crate::load::sha256_hex;
use crate::schema::{report, report_line, report_original};

/// A report's original file, as stored (or rebuilt from its lines).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Original {
    pub sha256: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
    /// The report's file name, for a download's `Content-Disposition`.
    pub file_name: String,
    /// Rebuilt from the stored lines (joined with LF), not the file as it was loaded.
    pub reconstructed: bool,
}

/// The media type of a report file, from its leading bytes (magic numbers), then its name.
pub fn media_type(file_name: &str, bytes: &[u8]) -> &'static str {
    let name = file_name.to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        "text/html; charset=utf-8"
    } else if name.ends_with(".md") {
        "text/markdown; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    }
}

/// Stores a file under its sha256. A file already stored is left as it is, unless its bytes
/// do not hash to its key (an earlier version kept the text read from a PDF or DOCX under the
/// document's sha256): then the file given, which does, replaces them.
pub(crate) fn store(
    conn: &mut DbConnection,
    sha256: &str,
    media_type: &str,
    bytes: &[u8],
    reconstructed: bool,
) -> QueryResult<()> {
    let stored: Option<Vec<u8>> = report_original::table
        .find(sha256)
        .select(report_original::bytes)
        .first(conn)
        .optional()?;
    if let Some(stored) = &stored {
        if !reconstructed && sha256_hex(stored) != sha256 && sha256_hex(bytes) == sha256 {
            diesel::update(report_original::table.find(sha256))
                .set((
                    report_original::media_type.eq(media_type),
                    report_original::bytes.eq(bytes),
                ))
                .execute(conn)?;
        }
    } else {
        diesel::insert_into(report_original::table)
            .values((
                report_original::sha256.eq(sha256),
                report_original::media_type.eq(media_type),
                report_original::bytes.eq(bytes),
                report_original::reconstructed.eq(reconstructed),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A report's original: the stored file, or else one rebuilt from its lines (not stored);
/// `Ok(None)` when there is no such report or it was loaded without its text.
pub fn original_of(conn: &mut DbConnection, report_id: i64) -> QueryResult<Option<Original>> {
    let Some((file_name, sha256, stored)) = report::table
        .find(report_id)
        .select((report::file_name, report::sha256, report::original_sha256))
        .first::<(String, String, Option<String>)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let key = stored.unwrap_or_else(|| sha256.clone());
    let found = report_original::table
        .find(&key)
        .select((
            report_original::media_type,
            report_original::bytes,
            report_original::reconstructed,
        ))
        .first::<(String, Vec<u8>, bool)>(conn)
        .optional()?;
    if let Some((media_type, bytes, reconstructed)) = found {
        return Ok(Some(Original {
            sha256: key,
            media_type,
            bytes,
            file_name,
            reconstructed,
        }));
    }
    rebuild_from_lines(conn, report_id, &file_name, &sha256)
}

/// The report's lines joined with LF (and a final LF): the file itself whenever it was UTF-8
/// text with LF line ends, which its sha256 then confirms.
fn rebuild_from_lines(
    conn: &mut DbConnection,
    report_id: i64,
    file_name: &str,
    report_sha256: &str,
) -> QueryResult<Option<Original>> {
    let lines: Vec<String> = report_line::table
        .filter(report_line::report_id.eq(report_id))
        .order(report_line::line_no)
        .select(report_line::text)
        .load(conn)?;
    if lines.is_empty() {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in &lines {
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    let sha256 = sha256_hex(&bytes);
    Ok(Some(Original {
        reconstructed: sha256 != report_sha256,
        media_type: media_type(file_name, &bytes).to_owned(),
        sha256,
        bytes,
        file_name: file_name.to_owned(),
    }))
}

/// [`original_of`], storing a rebuilt original and pointing the report at it (the backfill of
/// reports loaded before originals were kept; done at their first re-extraction).
pub fn ensure_original(conn: &mut DbConnection, report_id: i64) -> QueryResult<Option<Original>> {
    let Some(original) = original_of(conn, report_id)? else {
        return Ok(None);
    };
    store(
        conn,
        &original.sha256,
        &original.media_type,
        &original.bytes,
        original.reconstructed,
    )?;
    diesel::update(report::table.find(report_id))
        .set(report::original_sha256.eq(&original.sha256))
        .execute(conn)?;
    Ok(Some(original))
}
