//! Golden tests: each PDF fixture (documents/fixtures, made by make-pdf.sh from the corpus)
//! read by `documents::read` gives the figures that the text version of the report gives.
//! Text-layer PDFs and the DOCX they were printed from: identity, budget totals, programs and
//! IKU (name, target, realisasi, capaian) equal.
//! Scans: identity and budget totals equal, or absent — never a different number unless its
//! line is flagged as low-confidence OCR.
//!
//! Needs poppler-utils (and tesseract-ocr, tesseract-ocr-ind for the scans): with CI=true a
//! missing tool fails the test with what to install; elsewhere the test is skipped.

use std::path::{Path, PathBuf};

use documents::{Document, DocumentError, Format};
use model::Extracted;

const REPORTS: [&str; 4] = [
    "karanganyar-jaten-2023",
    "karanganyar-kerjo-2025",
    "magetan-kartoharjo-2023",
    "ponorogo-mlarak-2024",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The corpus text of a report: beside the workspace in shared/ (CI lays it there) or at
/// /work/shared.
fn corpus_text(name: &str) -> Option<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("../../shared/corpus"),
        root.join("../shared/corpus"),
        PathBuf::from("/work/shared/corpus"),
    ]
    .iter()
    .find_map(|dir| std::fs::read(dir.join(format!("{name}.txt"))).ok())
}

/// Reads a fixture; `None` when a tool is missing outside CI (the test is then skipped).
fn read(name: &str) -> Option<Document> {
    let bytes = std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    match documents::read(&bytes) {
        Ok(doc) => {
            // PDF_GOLDEN_DUMP=dir keeps the text of each fixture for reading.
            if let Ok(dir) = std::env::var("PDF_GOLDEN_DUMP") {
                let _ = std::fs::write(Path::new(&dir).join(format!("{name}.txt")), &doc.text);
            }
            Some(doc)
        }
        Err(e @ DocumentError::ToolMissing { .. }) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{name}: {e}");
            }
            eprintln!("skipped {name}: {e}");
            None
        }
        Err(e) => panic!("{name}: {e}"),
    }
}

fn norm(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn identity(x: &Extracted) -> String {
    format!(
        "{:?} {:?} {:?} {:?}",
        x.report.kecamatan, x.report.kabupaten, x.report.provinsi, x.report.tahun
    )
}

fn indicators(x: &Extracted) -> Vec<String> {
    x.indicators
        .iter()
        .map(|i| {
            format!(
                "{} | {:?} | {:?} | {:?}",
                norm(&i.name),
                i.target,
                i.realisasi,
                i.capaian_reported
            )
        })
        .collect()
}

fn totals(x: &Extracted) -> String {
    x.budget
        .as_ref()
        .map(|b| format!("{:?} {:?}", b.pagu, b.realisasi))
        .unwrap_or_default()
}

fn programs(x: &Extracted) -> Vec<String> {
    x.budget
        .iter()
        .flat_map(|b| &b.items)
        .filter(|i| i.level == model::Level::Program)
        .map(|i| format!("{} | {:?} | {:?}", norm(&i.name), i.pagu, i.realisasi))
        .collect()
}

fn extracts(name: &str, doc: &Document) -> Option<(Extracted, Extracted)> {
    let Some(text) = corpus_text(name) else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{name}: the corpus text is not found beside the workspace");
        }
        eprintln!("skipped {name}: no corpus text");
        return None;
    };
    let want = ingest::extract(&format!("{name}.txt"), &text);
    let got = ingest::extract(&format!("{name}.pdf"), doc.text.as_bytes());
    Some((want, got))
}

fn compare_list(
    what: &str,
    name: &str,
    want: &[String],
    got: &[String],
    failures: &mut Vec<String>,
) {
    if want != got {
        failures.push(format!(
            "{name}: {what} differ\n  text: {want:#?}\n  pdf:  {got:#?}"
        ));
    }
}

/// The text-layer fixtures with their extracts and the text versions'.
fn text_layer_extracts() -> Vec<(&'static str, Extracted, Extracted)> {
    let mut out = Vec::new();
    for name in REPORTS {
        let Some(doc) = read(&format!("{name}.pdf")) else {
            continue;
        };
        assert_eq!(doc.format, Format::Pdf, "{name}");
        assert!(doc.page_starts.len() > 10, "{name}: pages");
        assert!(
            doc.page_starts.windows(2).all(|w| w[0] <= w[1]),
            "{name}: page starts in order"
        );
        if let Some((want, got)) = extracts(name, &doc) {
            out.push((name, want, got));
        }
    }
    out
}

#[test]
fn text_layer_pdfs_give_identity_and_budget_totals_of_the_text_version() {
    let mut failures = Vec::new();
    for (name, want, got) in text_layer_extracts() {
        compare_list(
            "identity",
            name,
            &[identity(&want)],
            &[identity(&got)],
            &mut failures,
        );
        compare_list(
            "budget totals",
            name,
            &[totals(&want)],
            &[totals(&got)],
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The DOCX each text-layer PDF was printed from (make-pdf.sh: pandoc, then LibreOffice), read
/// with its own tables, beside the text versions' extracts.
fn printed_from_extracts() -> Vec<(&'static str, Extracted, Extracted)> {
    let mut out = Vec::new();
    for name in REPORTS {
        let Some(doc) = read(&format!("{name}.docx")) else {
            continue;
        };
        assert_eq!(doc.format, Format::Docx, "{name}");
        if let Some((want, got)) = extracts(name, &doc) {
            out.push((name, want, got));
        }
    }
    out
}

/// The IKU and program rows of each extract against its text version's.
fn iku_and_program_failures(
    extracts: Vec<(&'static str, Extracted, Extracted)>,
    what: &str,
) -> Vec<String> {
    let mut failures = Vec::new();
    for (name, want, got) in extracts {
        let name = format!("{name} ({what})");
        compare_list(
            "IKU",
            &name,
            &indicators(&want),
            &indicators(&got),
            &mut failures,
        );
        compare_list(
            "programs",
            &name,
            &programs(&want),
            &programs(&got),
            &mut failures,
        );
    }
    failures
}

/// Ragged IKU tables included (kerjo's year cells stand over the first of their sub-columns and
/// a row's last figures a line lower, docs/pdf-reading.md).
#[test]
fn text_layer_pdfs_give_iku_and_programs_of_the_text_version() {
    let failures = iku_and_program_failures(text_layer_extracts(), "pdf");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_docx_a_pdf_was_printed_from_gives_the_figures_of_the_text_version() {
    let extracts = printed_from_extracts();
    let mut failures = Vec::new();
    for (name, want, got) in &extracts {
        for (what, w, g) in [
            ("identity", identity(want), identity(got)),
            ("budget totals", totals(want), totals(got)),
        ] {
            compare_list(what, name, &[w], &[g], &mut failures);
        }
    }
    failures.extend(iku_and_program_failures(extracts, "docx"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scanned_pdfs_give_identity_and_budget_totals_or_flag_them() {
    let mut failures = Vec::new();
    // PDF_GOLDEN_ONLY=name narrows the (slow) OCR runs to one report.
    let only = std::env::var("PDF_GOLDEN_ONLY").unwrap_or_default();
    for name in REPORTS.into_iter().filter(|n| n.contains(&only)) {
        let Some(doc) = read(&format!("{name}-scan.pdf")) else {
            return;
        };
        assert_eq!(doc.format, Format::ScannedPdf, "{name}");
        let Some((want, got)) = extracts(name, &doc) else {
            return;
        };
        compare_list(
            "identity",
            name,
            &[identity(&want)],
            &[identity(&got)],
            &mut failures,
        );
        if let (Some(w), Some(g)) = (&want.budget, &got.budget) {
            let flagged =
                |lines: &[u32]| lines.iter().any(|l| doc.low_confidence_lines.contains(l));
            for (what, a, b) in [
                ("pagu", &w.pagu, &g.pagu),
                ("realisasi", &w.realisasi, &g.realisasi),
            ] {
                if b.is_some() && a != b && !flagged(&g.lines) {
                    failures.push(format!(
                        "{name}: budget {what} {b:?} unflagged, text has {a:?}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_password_protected_pdf_is_refused_as_such() {
    let bytes = std::fs::read(fixture("encrypted.pdf")).unwrap_or_else(|e| panic!("{e}"));
    match documents::read(&bytes) {
        Err(DocumentError::Encrypted) => {}
        Err(e @ DocumentError::ToolMissing { .. }) if std::env::var("CI").is_err() => {
            eprintln!("skipped: {e}");
        }
        other => panic!("expected Encrypted, got {other:?}"),
    }
}

#[test]
fn truncated_and_corrupt_pdfs_are_refused_with_a_reason() {
    let bytes =
        std::fs::read(fixture("magetan-kartoharjo-2023.pdf")).unwrap_or_else(|e| panic!("{e}"));
    for cut in [bytes.len() / 2, 200, bytes.len() - 10] {
        match documents::read(&bytes[..cut]) {
            Err(DocumentError::Corrupt(message)) => assert!(!message.is_empty()),
            other => panic!("cut at {cut}: expected Corrupt, got {other:?}"),
        }
    }
    // A complete-looking file whose body is garbage: poppler's own complaint is the reason.
    let garbage = b"%PDF-1.7\nnot a pdf body at all\n%%EOF\n";
    match documents::read(garbage) {
        Err(DocumentError::Corrupt(message)) => assert!(!message.is_empty()),
        Err(e @ DocumentError::ToolMissing { .. }) if std::env::var("CI").is_err() => {
            eprintln!("skipped: {e}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}
