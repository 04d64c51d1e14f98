//! Each DOCX fixture (documents/fixtures/docx, made from the sample texts by
//! documents/fixtures/make-docx.sh, with real Word tables and merged cells) and each HTML fixture
//! (documents/fixtures/html, made by make-html.sh: every table a real `<table>`) gives the
//! figures of its text version: identity, indicators (name, target, realisasi, capaian), budget
//! totals and programs.

mod common;

use documents::MergedCells;
use model::Extracted;

fn fixture(name: &str) -> Vec<u8> {
    fixture_as(name, "docx")
}

fn fixture_as(name: &str, kind: &str) -> Vec<u8> {
    let path = format!(
        "{}/../documents/fixtures/{kind}/{}",
        env!("CARGO_MANIFEST_DIR"),
        name.replace(".txt", &format!(".{kind}"))
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The figures compared, as printable rows, so a failure shows what differs.
fn figures(e: &Extracted) -> Vec<String> {
    let mut rows = vec![format!(
        "identity {:?} {:?} {:?} {:?} {:?}",
        e.report.kecamatan,
        e.report.kabupaten,
        e.report.provinsi,
        e.report.kode_kecamatan,
        e.report.tahun
    )];
    for i in &e.indicators {
        rows.push(format!(
            "indicator {:?} {} | {:?} {:?} {:?} {:?}",
            i.level, i.name, i.target, i.realisasi, i.capaian_reported, i.capaian_computed
        ));
    }
    if let Some(b) = &e.budget {
        rows.push(format!(
            "budget {:?} {:?} {:?}",
            b.tahun, b.pagu, b.realisasi
        ));
        for item in b.items.iter().filter(|i| i.level == model::Level::Program) {
            rows.push(format!(
                "program {:?} {} | {:?} {:?}",
                item.kode, item.name, item.pagu, item.realisasi
            ));
        }
    }
    rows
}

fn docx_extract(name: &str, merged: MergedCells) -> Extracted {
    let bytes = fixture(name);
    let document = documents::read_docx_with(&bytes, merged, documents::DOCX_MAX_PART_BYTES)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    ingest::extract_document(name, &bytes, &document)
}

#[test]
fn each_docx_gives_the_figures_of_its_text() {
    for (name, text) in common::REPORTS {
        let from_text = ingest::extract(name, text);
        let bytes = fixture(name);
        let read = ingest::extract_file(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let from_docx = &read.extract;
        assert_eq!(from_docx.source.format, model::extract::SourceFormat::Docx);
        assert_eq!(from_docx.source.sha256, warehouse_sha(&bytes), "{name}");
        assert!(from_docx.source.page_starts.is_empty());
        assert!(!from_text.indicators.is_empty() && from_text.budget.is_some());
        assert_eq!(figures(from_docx), figures(&from_text), "{name}");
    }
}

#[test]
fn each_html_page_gives_the_figures_of_its_text() {
    for (name, text) in common::REPORTS {
        let bytes = fixture_as(name, "html");
        assert_eq!(documents::detect_format(&bytes), documents::Format::Html);
        let read = ingest::extract_file(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read.extract.source.sha256, warehouse_sha(&bytes), "{name}");
        assert_eq!(
            figures(&read.extract),
            figures(&ingest::extract(name, text)),
            "{name}"
        );
        // The figures' lines are those of the stored text: each quotes the line it cites.
        let stored = String::from_utf8_lossy(&read.text);
        let lines: Vec<&str> = stored.lines().collect();
        for i in &read.extract.indicators {
            let first = i.lines.first().map_or(0, |&l| l as usize);
            assert!(first >= 1 && first <= lines.len(), "{name}: {:?}", i.lines);
        }
    }
}

/// The same pages as Word's "save as web page" writes them: attributes and styles on every
/// cell, paragraphs and spans inside cells, Office tags, conditional comments, `&nbsp;` in the
/// empty cells, CRLF line ends and lines wrapped inside a cell.
#[test]
fn word_saved_web_pages_give_the_same_figures() {
    for (name, text) in common::REPORTS {
        let plain = String::from_utf8_lossy(&fixture_as(name, "html")).into_owned();
        let word = plain
            .replacen("<html>", "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\r\n<!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml><![endif]-->", 1)
            .replace("<td></td>", "<td width=64 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal>&nbsp;<o:p></o:p></p></td>")
            .replace("<td>", "<td width=120 valign=top style='width:90.0pt;border:solid windowtext 1.0pt'>\r\n<p class=MsoNormal><span lang=IN style='font-size:10.0pt'>")
            .replace("</td>", "<o:p></o:p></span></p>\r\n</td>")
            .replace("<p>", "<p class=MsoNormal><![if !supportLists]><span lang=IN>")
            .replace("</p>", "</span><![endif]></p>\r\n")
            .replace("<table>", "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>");
        let read =
            ingest::extract_file(name, word.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            figures(&read.extract),
            figures(&ingest::extract(name, text)),
            "{name}"
        );
    }
}

/// Which policy for vertically merged cells reads the text version's figures (the reader's
/// default must be one that does).
#[test]
fn merged_cells_are_read_as_the_text_prints_them() {
    let mut agree = Vec::new();
    for merged in [MergedCells::Empty, MergedCells::Repeat] {
        let same = common::REPORTS
            .iter()
            .filter(|(name, text)| {
                figures(&docx_extract(name, merged)) == figures(&ingest::extract(name, text))
            })
            .count();
        agree.push((merged, same));
    }
    eprintln!("reports whose DOCX figures equal the text's, per merge policy: {agree:?}");
    assert_eq!(agree[0], (MergedCells::Empty, common::REPORTS.len()));
}

fn warehouse_sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
