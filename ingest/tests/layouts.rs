//! The same report converted by another converter must give the same figures: each TAB-row
//! sample is rewritten in memory as markdown pipe tables, HTML rows and one-cell-per-line DOCX
//! style, and the key figures (identity, indicators, budget totals, programs) must not change.
#![allow(clippy::unwrap_used)]

mod common;

use model::Level;

type Key = (
    Option<String>,
    Option<String>,
    Vec<(String, String, String)>,
    Option<String>,
    Option<String>,
    Vec<(String, String)>,
);

fn key(e: &model::Extracted) -> Key {
    let n = |v: Option<model::Exact>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut inds: Vec<_> = e
        .indicators
        .iter()
        .map(|i| (n(i.target), n(i.realisasi), n(i.capaian_reported)))
        .collect();
    inds.sort();
    let b = e.budget.as_ref().unwrap();
    let mut progs: Vec<_> = b
        .items
        .iter()
        .filter(|i| i.level == Level::Program)
        .map(|i| (n(i.pagu), n(i.realisasi)))
        .collect();
    progs.sort();
    (
        e.report.kecamatan.clone(),
        e.report.tahun.map(|y| y.to_string()),
        inds,
        b.pagu.map(|v| v.to_string()),
        b.realisasi.map(|v| v.to_string()),
        progs,
    )
}

fn rewrite(bytes: &[u8], row: impl Fn(&[&str]) -> Vec<String>) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for line in text.split('\n') {
        if line.contains('\t') {
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            out.extend(row(&cells));
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n").into_bytes()
}

#[test]
fn tab_rows_read_the_same_in_other_layouts() {
    for (file, bytes) in common::REPORTS.iter().filter(|(f, _)| !f.contains("kerjo")) {
        let original = key(&ingest::extract(file, bytes));
        let pipe = rewrite(bytes, |c| vec![format!("| {} |", c.join(" | "))]);
        let html = rewrite(bytes, |c| {
            vec![format!(
                "<tr>{}</tr>",
                c.iter()
                    .map(|x| format!("<td>{x}</td>"))
                    .collect::<String>()
            )]
        });
        let cells = rewrite(bytes, |c| {
            let mut v: Vec<String> = c.iter().map(|x| format!("\t{x}")).collect();
            v.push(String::new());
            v
        });
        for (layout, text) in [("pipe", pipe), ("html", html), ("cell per line", cells)] {
            assert_eq!(
                key(&ingest::extract(file, &text)),
                original,
                "{file} as {layout}"
            );
        }
    }
}

#[test]
fn encodings_and_line_endings_read_the_same() {
    for (file, bytes) in common::REPORTS {
        let original = key(&ingest::extract(file, bytes));
        let text = String::from_utf8_lossy(bytes);
        let crlf = text.replace('\n', "\r\n").into_bytes();
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let bom: Vec<u8> = [0xEF, 0xBB, 0xBF]
            .into_iter()
            .chain(bytes.iter().copied())
            .collect();
        for (what, b) in [("CRLF", crlf), ("UTF-16", utf16), ("UTF-8 BOM", bom)] {
            let e = ingest::extract(file, &b);
            assert_eq!(key(&e), original, "{file} as {what}");
            assert!(
                e.issues.iter().all(|i| i.code != "invalid_utf8"),
                "{file} as {what}"
            );
        }
    }
}
