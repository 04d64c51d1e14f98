//! The OOXML package: a ZIP archive of XML parts, tied together by relationship parts.
//!
//! Every part is read with a cap on its uncompressed size, whatever the archive declares, so a
//! small file that inflates to gigabytes (a zip bomb) is refused instead of filling memory.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;
use zip::ZipArchive;

use crate::DocumentError;

/// Largest uncompressed part read. The document XML of a long report with many tables is a
/// few MB; 200 MB leaves room for any real report.
pub const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;

pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limit: u64,
}

fn corrupt(e: impl std::fmt::Display) -> DocumentError {
    DocumentError::Corrupt(e.to_string())
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8], limit: u64) -> Result<Package<'a>, DocumentError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
        Ok(Package { archive, limit })
    }

    /// What another kind of ZIP-packaged office file this is, named for a user (`an Excel
    /// workbook (.xlsx)`): told by the OpenDocument `mimetype` entry or the OOXML folder of
    /// its main part; `None` when it is none of those.
    pub fn other_office_kind(&mut self) -> Option<&'static str> {
        if let Ok(Some(mimetype)) = self.part("mimetype") {
            let kind = mimetype.trim();
            return Some(match kind {
                "application/vnd.oasis.opendocument.text" => "an OpenDocument text (.odt)",
                "application/vnd.oasis.opendocument.spreadsheet" => {
                    "an OpenDocument spreadsheet (.ods)"
                }
                "application/vnd.oasis.opendocument.presentation" => {
                    "an OpenDocument presentation (.odp)"
                }
                "application/epub+zip" => "an EPUB book",
                _ if kind.starts_with("application/vnd.oasis.opendocument") => {
                    "an OpenDocument file"
                }
                _ => return None,
            });
        }
        let names: Vec<&str> = self.archive.file_names().collect();
        let under = |dir: &str| names.iter().any(|n| n.starts_with(dir));
        if under("xl/") {
            Some("an Excel workbook (.xlsx)")
        } else if under("ppt/") {
            Some("a PowerPoint presentation (.pptx)")
        } else {
            None
        }
    }

    /// The text of a part, `None` when the archive has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, DocumentError> {
        let limit = self.limit;
        let file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(corrupt(e)),
        };
        if file.encrypted() {
            return Err(DocumentError::EncryptedDocx);
        }
        let too_large = || DocumentError::PartTooLarge {
            part: name.to_owned(),
            limit,
        };
        if file.size() > limit {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        // One byte past the limit tells an oversized part from one exactly at it.
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| corrupt(format!("{name}: {e}")))?;
        if bytes.len() as u64 > limit {
            return Err(too_large());
        }
        let text =
            String::from_utf8(bytes).map_err(|_| corrupt(format!("{name} is not UTF-8 XML")))?;
        Ok(Some(text))
    }
}

/// One relationship of a `.rels` part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

pub fn relationships(xml: &str) -> Result<Vec<Relationship>, DocumentError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader
            .read_event()
            .map_err(|e| corrupt(format!("relationships: {e}")))?
        {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let mut rel = Relationship {
                    id: String::new(),
                    kind: String::new(),
                    target: String::new(),
                };
                for a in e.attributes().flatten() {
                    let value = a
                        .unescape_value()
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match a.key.as_ref() {
                        b"Id" => rel.id = value,
                        b"Type" => rel.kind = value,
                        b"Target" => rel.target = value,
                        _ => {}
                    }
                }
                out.push(rel);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The part name a relationship target points to, resolved against the folder of the part
/// that holds the relationship (`word/`), as OPC resolves relative references.
pub fn resolve(base_dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(resolve("word", "header1.xml"), "word/header1.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/footer2.xml"), "word/footer2.xml");
        assert_eq!(resolve("word", "../customXml/x.xml"), "customXml/x.xml");
    }

    #[test]
    fn relationships_are_read() {
        let xml = r#"<?xml version="1.0"?><Relationships xmlns="r">
          <Relationship Id="rId1" Type="http://x/officeDocument" Target="word/document.xml"/>
        </Relationships>"#;
        let rels = relationships(xml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rels[0].target, "word/document.xml");
        assert_eq!(rels[0].id, "rId1");
    }
}
