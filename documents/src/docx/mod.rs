//! DOCX: the document XML read into paragraphs and table rows.
//!
//! The package's main part (found through `_rels/.rels`, `word/document.xml` by default) is read
//! by [`body`]; the first section's header and footer are read the same way and placed once
//! before the body, so their text is never interleaved with it. A Word file has no fixed pages:
//! `page_starts` stays empty.

mod body;
mod package;
pub(crate) mod table;

use crate::detect::CFB_MAGIC;
use crate::{Document, DocumentError, Format};
use package::{Package, Relationship};

const OFFICE_DOCUMENT: &str = "/officeDocument";

pub use package::MAX_PART_BYTES;
pub use table::MergedCells;

pub fn read(bytes: &[u8]) -> Result<Document, DocumentError> {
    read_with(bytes, table::MERGED_CELLS, MAX_PART_BYTES)
}

/// [`read`] with a given policy for vertically merged cells and cap on each part's
/// uncompressed size.
pub fn read_with(bytes: &[u8], merged: MergedCells, limit: u64) -> Result<Document, DocumentError> {
    if bytes.starts_with(CFB_MAGIC) {
        return Err(cfb_error(bytes));
    }
    let mut package = Package::open(bytes, limit)?;
    let main = main_part_name(&mut package)?;
    let xml = package.part(&main)?.filter(|xml| has_body(xml));
    let Some(xml) = xml else {
        return Err(package
            .other_office_kind()
            .map_or(DocumentError::NotADocx, DocumentError::OtherOffice));
    };
    let part = body::read_part(&xml, merged)?;
    let mut lines = page_furniture(&mut package, &main, &part.first_section, merged)?;
    lines.extend(part.lines);
    let mut text = lines.join("\n");
    text.push('\n');
    Ok(Document {
        format: Format::Docx,
        text,
        page_starts: Vec::new(),
        low_confidence_lines: Vec::new(),
    })
}

/// An encrypted OOXML package holds an `EncryptedPackage` stream (its name is stored in
/// UTF-16LE in the container's directory); any other CFB file is a legacy Office format.
fn cfb_error(bytes: &[u8]) -> DocumentError {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
        DocumentError::EncryptedDocx
    } else {
        DocumentError::LegacyOffice
    }
}

/// A WordprocessingML document part has a `body`; a spreadsheet or presentation has none.
fn has_body(xml: &str) -> bool {
    xml.contains(":body>") || xml.contains(":body ") || xml.contains("<body")
}

fn main_part_name(package: &mut Package<'_>) -> Result<String, DocumentError> {
    let from_rels = match package.part("_rels/.rels")? {
        Some(xml) => package::relationships(&xml)?
            .into_iter()
            .find(|r| r.kind.ends_with(OFFICE_DOCUMENT))
            .map(|r| package::resolve("", &r.target)),
        None => None,
    };
    Ok(from_rels.unwrap_or_else(|| "word/document.xml".to_owned()))
}

/// The first section's header and footer text (the `default` one, else the first listed), as
/// lines; blank lines (a header holding only a page number) are left out.
fn page_furniture(
    package: &mut Package<'_>,
    main: &str,
    section: &body::SectionParts,
    merged: MergedCells,
) -> Result<Vec<String>, DocumentError> {
    if section.headers.is_empty() && section.footers.is_empty() {
        return Ok(Vec::new());
    }
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let rels: Vec<Relationship> = match package.part(&rels_name)? {
        Some(xml) => package::relationships(&xml)?,
        None => return Ok(Vec::new()),
    };
    let mut lines = Vec::new();
    for refs in [&section.headers, &section.footers] {
        let chosen = refs
            .iter()
            .find(|(kind, _)| kind == "default")
            .or_else(|| refs.first());
        let Some((_, id)) = chosen else { continue };
        let Some(rel) = rels.iter().find(|r| &r.id == id) else {
            continue;
        };
        let name = package::resolve(dir, &rel.target);
        // A header that cannot be read leaves the body readable: its part is skipped.
        let Ok(Some(xml)) = package.part(&name) else {
            continue;
        };
        if let Ok(part) = body::read_part(&xml, merged) {
            lines.extend(part.lines.into_iter().filter(|l| !l.trim().is_empty()));
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests;
