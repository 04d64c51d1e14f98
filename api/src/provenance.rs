//! Where a figure came from, and the sentence to cite it with.

use serde::Serialize;
use utoipa::ToSchema;

/// Longest source excerpt `/reports/{id}/source` gives at once.
pub const MAX_SOURCE_SPAN: i32 = 500;

/// Every figure's origin: the report, its lines, a link that quotes them, and a citation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Provenance {
    pub report_id: i64,
    pub file: String,
    pub sha256: String,
    /// 1-based lines of the report text the figure was read from.
    pub lines: Vec<u32>,
    /// The page of the original (PDF) the first of `lines` is on; null for formats without
    /// pages (text, DOCX).
    pub page: Option<u32>,
    /// Relative URL that returns those lines of the report.
    pub source_url: Option<String>,
    /// Relative URL of the original file opened at `page` (a PDF viewer follows `#page=`);
    /// null without a page.
    pub page_url: Option<String>,
    /// A ready citation.
    #[schema(
        example = "Kecamatan Jaten, Kabupaten Karanganyar: LKjIP 2023, karanganyar-jaten-2023.txt, lines 992–993 (sha256 0531ac2a58f7). Compiled by kinerja, report 1."
    )]
    pub cite: String,
}

/// What a citation needs to know about the report.
pub struct ReportRef<'a> {
    pub report_id: i64,
    pub file: &'a str,
    pub sha256: &'a str,
    pub kecamatan: &'a str,
    pub kabupaten: &'a str,
    pub tahun: i32,
    /// The report's `page_starts` as stored (a JSON list of the first line of each page).
    pub page_starts: &'a str,
}

/// The JSON line list stored in the warehouse (`[992,993]`).
pub fn parse_lines(json: &str) -> Vec<u32> {
    serde_json::from_str(json).unwrap_or_default()
}

pub fn parse_strings(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// `line 7`, `lines 992–993`, `lines 1686–1690, 1692–1694`: runs of consecutive lines joined.
fn describe_lines(lines: &[u32]) -> String {
    let mut sorted = lines.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for line in sorted {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == line => *end = line,
            _ => runs.push((line, line)),
        }
    }
    let text: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    match runs.as_slice() {
        [] => "no line recorded".to_owned(),
        [(a, b)] if a == b => format!("line {a}"),
        _ => format!("lines {}", text.join(", ")),
    }
}

/// Where the original file of a report is downloaded.
pub fn original_url(report_id: i64) -> String {
    format!("/api/v1/reports/{report_id}/original")
}

impl Provenance {
    /// Names the report's revision in the citation once it has been re-extracted (revision 1,
    /// the figures as first loaded, is not named): the values a citation of an earlier revision
    /// quoted are the `old_value`s of `/api/v1/changes?report=<id>`.
    pub fn at_revision(mut self, revision: i32) -> Provenance {
        if revision > 1 {
            let base = self.cite.trim_end_matches('.');
            self.cite = format!(
                "{base}, revision {revision} (earlier values: /api/v1/changes?report={}).",
                self.report_id
            );
        }
        self
    }
}

impl ReportRef<'_> {
    pub fn provenance(&self, lines: Vec<u32>) -> Provenance {
        let source_url = match (lines.iter().min(), lines.iter().max()) {
            (Some(&a), Some(&b)) => {
                let b = b.min(a.saturating_add(u32::try_from(MAX_SOURCE_SPAN - 1).unwrap_or(0)));
                Some(format!(
                    "/api/v1/reports/{}/source?lines={a}-{b}",
                    self.report_id
                ))
            }
            _ => None,
        };
        let page = model::extract::page_of(&parse_lines(self.page_starts), &lines);
        let page_url = page.map(|p| format!("{}#page={p}", original_url(self.report_id)));
        let sha_short: String = self.sha256.chars().take(12).collect();
        let at_page = page.map(|p| format!("page {p}, ")).unwrap_or_default();
        let cite = format!(
            "Kecamatan {}, {}: LKjIP {}, {}, {}{} (sha256 {}). Compiled by kinerja, report {}.",
            self.kecamatan,
            self.kabupaten,
            self.tahun,
            self.file,
            at_page,
            describe_lines(&lines),
            sha_short,
            self.report_id
        );
        Provenance {
            report_id: self.report_id,
            file: self.file.to_owned(),
            sha256: self.sha256.to_owned(),
            lines,
            page,
            source_url,
            page_url,
            cite,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites_the_report_and_its_lines() {
        let r = ReportRef {
            report_id: 1,
            file: "jaten.txt",
            sha256: "0531ac2a58f7f28a4d13",
            kecamatan: "Jaten",
            kabupaten: "Kabupaten Karanganyar",
            tahun: 2023,
            page_starts: "[]",
        };
        let p = r.provenance(vec![992, 993]);
        assert_eq!((p.page, p.page_url.as_deref()), (None, None));
        assert_eq!(
            p.source_url.as_deref(),
            Some("/api/v1/reports/1/source?lines=992-993")
        );
        assert_eq!(
            p.cite,
            "Kecamatan Jaten, Kabupaten Karanganyar: LKjIP 2023, jaten.txt, lines 992–993 (sha256 0531ac2a58f7). Compiled by kinerja, report 1."
        );
        assert_eq!(r.provenance(vec![]).source_url, None);
        assert_eq!(
            describe_lines(&[1694, 1686, 1687, 1688, 1692, 1693]),
            "lines 1686–1688, 1692–1694"
        );
        assert_eq!(describe_lines(&[7]), "line 7");
        assert_eq!(
            r.provenance(vec![7]).at_revision(1).cite,
            r.provenance(vec![7]).cite
        );
        assert!(r
            .provenance(vec![7])
            .at_revision(2)
            .cite
            .ends_with("report 1, revision 2 (earlier values: /api/v1/changes?report=1)."));
        assert_eq!(describe_lines(&[]), "no line recorded");
        assert_eq!(parse_lines("[3,4]"), vec![3, 4]);
        assert_eq!(parse_lines("garbage"), Vec::<u32>::new());
    }

    #[test]
    fn a_paged_report_cites_the_page_of_the_first_line() {
        let r = ReportRef {
            report_id: 4,
            file: "jaten.pdf",
            sha256: "0531ac2a58f7f28a4d13",
            kecamatan: "Jaten",
            kabupaten: "Kabupaten Karanganyar",
            tahun: 2023,
            page_starts: "[1,40,81]",
        };
        let p = r.provenance(vec![81, 80]);
        assert_eq!(p.page, Some(2), "the figure starts on line 80, page 2");
        assert_eq!(
            p.page_url.as_deref(),
            Some("/api/v1/reports/4/original#page=2")
        );
        assert_eq!(
            p.cite,
            "Kecamatan Jaten, Kabupaten Karanganyar: LKjIP 2023, jaten.pdf, page 2, lines 80–81 (sha256 0531ac2a58f7). Compiled by kinerja, report 4."
        );
        assert_eq!(r.provenance(vec![]).page, None);
    }
}
