use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::*;

const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>"#
    )
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in parts {
        writer
            .start_file(*name, options)
            .unwrap_or_else(|e| panic!("{e}"));
        writer
            .write_all(content.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    writer
        .finish()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner()
}

#[test]
fn headers_come_once_before_the_body() {
    let body = format!(
        "{}{}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId7\"/><w:footerReference w:type=\"default\" r:id=\"rId8\"/></w:sectPr>",
        para("LAPORAN KINERJA"),
        para("BAB I")
    );
    let header =
        r#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>LKjIP Kecamatan Jaten 2023</w:t></w:r></w:p></w:hdr>"#;
    let footer = r#"<w:ftr xmlns:w="w"><w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p></w:ftr>"#;
    let bytes = zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("_rels/.rels", RELS),
        ("word/document.xml", &document(&body)),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/header1.xml", header),
        ("word/footer1.xml", footer),
    ]);
    let doc = read(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.format, Format::Docx);
    assert_eq!(
        doc.text,
        "LKjIP Kecamatan Jaten 2023\nLAPORAN KINERJA\nBAB I\n"
    );
    assert!(doc.page_starts.is_empty());
    let via_lib = crate::read(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(via_lib, doc);
}

#[test]
fn the_main_part_is_found_without_package_relationships() {
    let bytes = zip(&[("word/document.xml", &document(&para("isi")))]);
    let doc = read(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.text, "isi\n");
}

#[test]
fn a_zip_without_a_document_is_not_a_docx() {
    let bytes = zip(&[("xl/workbook.xml", "<workbook/>")]);
    let err = read(&bytes).map(|_| ()).unwrap_err();
    assert!(matches!(err, DocumentError::OtherOffice(_)), "{err:?}");
    assert_eq!(err.code(), "not_a_docx");
    assert!(err.to_string().contains("Excel workbook (.xlsx)"), "{err}");
    let odt = zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", "<office:document-content/>"),
    ]);
    let err = read(&odt).map(|_| ()).unwrap_err();
    assert!(
        err.to_string().contains("OpenDocument text (.odt)"),
        "{err}"
    );
    let unknown = zip(&[("data/readme.txt", "isi")]);
    assert!(matches!(read(&unknown), Err(DocumentError::NotADocx)));
    let sheet = zip(&[("word/document.xml", "<x:workbook xmlns:x=\"x\"/>")]);
    assert!(matches!(read(&sheet), Err(DocumentError::NotADocx)));
    let empty = zip(&[]);
    assert!(matches!(
        crate::read(&empty),
        Err(DocumentError::NotADocx | DocumentError::Corrupt(_))
    ));
}

#[test]
fn truncated_and_damaged_files_are_corrupt() {
    let bytes = zip(&[("word/document.xml", &document(&para("isi")))]);
    for cut in [10, bytes.len() / 2, bytes.len() - 5] {
        let result = crate::read(&bytes[..cut]);
        assert!(
            matches!(result, Err(DocumentError::Corrupt(_))),
            "cut at {cut}: {result:?}"
        );
    }
    let mut flipped = bytes.clone();
    // Damage the compressed data of the part (after its local header).
    for b in flipped.iter_mut().skip(60).take(20) {
        *b ^= 0x5a;
    }
    assert!(crate::read(&flipped).is_err());
}

#[test]
fn a_part_inflating_past_the_cap_is_refused() {
    let big = document(&para(&"9".repeat(100_000)));
    let bytes = zip(&[("word/document.xml", &big)]);
    assert!(bytes.len() < 2_000, "compresses well: {}", bytes.len());
    assert!(matches!(
        read_with(&bytes, MergedCells::Empty, 50_000),
        Err(DocumentError::PartTooLarge { .. })
    ));
    assert!(read_with(&bytes, MergedCells::Empty, 200_000).is_ok());
}

#[test]
fn compound_files_are_told_apart() {
    let mut encrypted = CFB_MAGIC.to_vec();
    encrypted.extend(vec![0u8; 64]);
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    encrypted.extend(&name);
    assert!(matches!(
        crate::read(&encrypted),
        Err(DocumentError::EncryptedDocx)
    ));
    let mut legacy = CFB_MAGIC.to_vec();
    legacy.extend(vec![0u8; 512]);
    assert!(matches!(
        crate::read(&legacy),
        Err(DocumentError::LegacyOffice)
    ));
}
