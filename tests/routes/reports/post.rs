//! POST /api/v1/reports: uploads of text, DOCX and PDF reports.

use testkit::{on_both_backends, samples, Backend};

use crate::util::{assert_problem, get, post, post_as, start, ADMIN_TOKEN, DOCX};

on_both_backends!(
    uploads_need_the_token_and_load_reports,
    uploads_read_docx_and_refuse_a_corrupt_document,
    figures_from_a_pdf_are_cited_to_their_page,
);

fn uploads_need_the_token_and_load_reports(backend: Backend) {
    let s = start(backend);
    let report = samples().into_iter().next().unwrap().1;
    let anonymous = post(&s, "/api/v1/reports", None, &report);
    assert_problem(&anonymous, 401, None);
    insta::assert_json_snapshot!("problem_no_token", anonymous.json());
    assert_problem(
        &post(&s, "/api/v1/reports", Some("wrong"), &report),
        401,
        None,
    );
    let again = post(
        &s,
        "/api/v1/reports?file_name=again.txt",
        Some(ADMIN_TOKEN),
        &report,
    );
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["outcome"], "unchanged");
    let changed = [report.as_slice(), b"\nLampiran tambahan\n"].concat();
    let superseding = post(
        &s,
        "/api/v1/reports?file_name=revised.txt",
        Some(ADMIN_TOKEN),
        &changed,
    );
    assert_eq!(superseding.status, 201, "{}", superseding.body);
    let answer = superseding.json();
    assert_eq!(answer["outcome"], "superseded");
    assert!(answer["issues"].is_array());
    insta::assert_json_snapshot!("superseded", answer);
    let not_a_report = post(
        &s,
        "/api/v1/reports",
        Some(ADMIN_TOKEN),
        b"Resep nasi goreng\n",
    );
    assert_problem(&not_a_report, 422, None);
    insta::assert_json_snapshot!("problem_not_a_report", not_a_report.json());
    let huge = vec![b'x'; 2 * 1024 * 1024];
    let too_large = post(&s, "/api/v1/reports", Some(ADMIN_TOKEN), &huge);
    assert_problem(&too_large, 413, None);
    insta::assert_json_snapshot!("problem_too_large", too_large.json());
}

fn uploads_read_docx_and_refuse_a_corrupt_document(backend: Backend) {
    let s = start(backend);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/documents/fixtures/docx/karanganyar-kerjo-2025.docx"
    );
    let docx = std::fs::read(path).unwrap();
    let corrupt = post_as(
        &s,
        "/api/v1/reports?file_name=rusak.docx",
        Some(ADMIN_TOKEN),
        DOCX,
        &docx[..docx.len() / 3],
    );
    let problem = assert_problem(&corrupt, 422, None);
    assert_eq!(
        problem["type"], "/problems/unreadable-document",
        "{problem}"
    );
    assert_eq!(
        problem["title"], "Corrupt or truncated document",
        "{problem}"
    );
    assert!(
        problem["detail"].as_str().unwrap().contains("rusak.docx"),
        "{problem}"
    );
    insta::assert_json_snapshot!("problem_corrupt_docx", problem);
    // The DOCX version of a sample already loaded as text is a new file for the same
    // kecamatan and year: it supersedes the text version.
    let uploaded = post_as(
        &s,
        "/api/v1/reports?file_name=kerjo.docx",
        Some(ADMIN_TOKEN),
        "application/octet-stream",
        &docx,
    );
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let answer = uploaded.json();
    assert_eq!(answer["outcome"], "superseded", "{answer}");
    assert_eq!(answer["kecamatan"], "Kerjo", "{answer}");
    let id = answer["report_id"].as_i64().unwrap();
    // Its figures are quoted from the text read from the document.
    let source = get(&s, &format!("/api/v1/reports/{id}/source?lines=1-3")).json();
    assert_eq!(source["data"].as_array().unwrap().len(), 3, "{source}");
}

/// A PDF's figures carry the page their first line is on, in their provenance, their
/// citation and the source view; the original opens at that page.
fn figures_from_a_pdf_are_cited_to_their_page(backend: Backend) {
    let s = start(backend);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/documents/fixtures/magetan-kartoharjo-2023.pdf"
    );
    let pdf = std::fs::read(path).unwrap();
    let uploaded = post_as(
        &s,
        "/api/v1/reports?file_name=kartoharjo.pdf",
        Some(ADMIN_TOKEN),
        "application/pdf",
        &pdf,
    );
    if uploaded.status == 422
        && uploaded.body.contains("poppler-utils")
        && std::env::var("CI").is_err()
    {
        eprintln!("skipped: {}", uploaded.body);
        return;
    }
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let id = uploaded.json()["report_id"].as_i64().unwrap();
    let report = get(&s, &format!("/api/v1/reports/{id}")).json();
    let code = report["kecamatan_code"].as_str().unwrap();
    let detail = get(&s, &format!("/api/v1/kecamatan/{code}/budget")).json();
    let source = &detail["data"][0]["source"];
    let page = source["page"]
        .as_u64()
        .unwrap_or_else(|| panic!("the budget total has a page: {detail}"));
    assert!(page > 1, "the budget is not on the cover: {source}");
    assert_eq!(
        source["page_url"],
        format!("/api/v1/reports/{id}/original#page={page}"),
        "{source}"
    );
    assert!(
        source["cite"]
            .as_str()
            .unwrap()
            .contains(&format!("kartoharjo.pdf, page {page}, line")),
        "{source}"
    );
    let first = source["lines"][0].as_u64().unwrap();
    let lines = get(
        &s,
        &format!("/api/v1/reports/{id}/source?lines={first}-{first}"),
    )
    .json();
    assert_eq!(lines["data"][0]["page"], page, "{lines}");
    assert_eq!(
        lines["original_url"],
        format!("/api/v1/reports/{id}/original"),
        "{lines}"
    );
    // The original is the PDF itself, as uploaded.
    let original = get(&s, &format!("/api/v1/reports/{id}/original"));
    assert_eq!(
        (original.status, original.content_type.as_str()),
        (200, "application/pdf")
    );
    assert_eq!(original.bytes, pdf, "the original is the uploaded file");
    // A text report has no pages: the fields are there, null.
    let text_fact = get(&s, "/api/v1/facts?kecamatan=33.13.11&limit=1").json();
    let text_source = &text_fact["data"][0]["source"];
    assert!(
        text_source["page"].is_null() && text_source["page_url"].is_null(),
        "{text_source}"
    );
}
