//! How far a figure can be trusted: `high | medium | low`, with the codes that lowered it.
//!
//! [`RULES`] is the one table from a flag or issue code to a level; [`assess`] applies it to
//! every figure of an extract document. The table is part of the contract
//! (docs/extract-contract.md) because both the extractor (`ingest`) and loads of extract
//! documents written before confidence existed ([`crate::Extracted::from_json`]) apply it, and
//! the warehouse applies it to rows loaded before its confidence columns existed.
//!
//! Invariants:
//! - a figure's confidence is the lowest level among its signals; without one it is `high`;
//! - a signal is a flag of the figure, an issue whose lines overlap the figure's lines, an issue
//!   whose code has [`Scope::Report`] (it concerns every figure of the report), or a reason
//!   derived from the figure itself (`capaian_not_recomputable`, `ocr_unconfirmed`);
//! - an issue at severity `info` (the extractor explained the disagreement, e.g. rounding) lowers
//!   a figure to `medium` at most; a flag takes the severity of the issue of the same code on the
//!   figure's lines, if there is one;
//! - a flag whose code is not in the table gives `medium`; an issue whose code is not in the
//!   table is a note on the report and lowers nothing;
//! - `confidence_reasons` lists the codes of the signals below `high`, in order of first
//!   appearance, each once.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::extract::{Extracted, Issue, Lines, Severity, SourceFormat};
use crate::UnknownVariant;

/// How far a figure can be trusted. Ordered: `Low < Medium < High`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Conflicting values, a possibly shifted column, OCR damage, a report whose identity is in
    /// conflict, a figure copied from the previous year: stored and shown with its reasons, never
    /// ranked, compared or averaged until confirmed (docs/methodology.md, publication rule).
    Low,
    /// Read from a secondary printing, a rounding-level disagreement, a printed capaian that
    /// cannot be recomputed: published with its reasons.
    Medium,
    /// Read from the report's main table and its cross-checks agree.
    #[default]
    High,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::High, Confidence::Medium, Confidence::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }

    /// Whether a figure of this confidence may be ranked, compared or averaged (a low one only
    /// once a reviewer has confirmed it).
    pub fn is_comparable(self, confirmed: bool) -> bool {
        self != Confidence::Low || confirmed
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Confidence {
    type Err = UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Confidence::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownVariant {
                kind: "confidence",
                value: s.to_owned(),
                expected: "high, medium, low",
            })
    }
}

/// Which figures an issue code concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The figures whose lines the issue's lines overlap (and figures flagged with the code).
    Lines,
    /// Every figure of the report, whatever its lines.
    Report,
}

/// One row of the table: a flag or issue code and the level it gives a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub level: Confidence,
    pub scope: Scope,
}

const fn rule(code: &'static str, level: Confidence, scope: Scope) -> Rule {
    Rule { code, level, scope }
}

/// Reason given to a figure of a document read by OCR that no cross-check of the report
/// confirms (see [`assess`]).
pub const OCR_UNCONFIRMED: &str = "ocr_unconfirmed";
/// Reason given to a figure of a PDF whose table was rebuilt from the positions of its words
/// (a text layer has no table structure) that no cross-check of the report confirms: a column
/// boundary guessed wrong moves a figure into the wrong column without any other sign.
pub const LAYOUT_UNCONFIRMED: &str = "pdf_layout_unconfirmed";
/// Reason given to an indicator whose printed capaian cannot be recomputed (target or realisasi
/// missing).
pub const CAPAIAN_NOT_RECOMPUTABLE: &str = "capaian_not_recomputable";
/// Reason given to a budget total or line whose printed serapan cannot be recomputed.
pub const SERAPAN_NOT_RECOMPUTABLE: &str = "serapan_not_recomputable";

/// The table: flag or issue code → level. To add a code, add a row (kept sorted by level, then
/// code) and a case to the test `table_levels` below; document it in docs/extract-contract.md.
pub const RULES: &[Rule] = &[
    // low: the figure may be wrong
    rule("columns_realigned", Confidence::Low, Scope::Lines),
    rule("conflicting_identity", Confidence::Low, Scope::Report),
    rule("conflicting_values", Confidence::Low, Scope::Lines),
    rule("copied_from_previous_year", Confidence::Low, Scope::Lines),
    rule("capaian_mismatch", Confidence::Low, Scope::Lines),
    rule("ikm_recompute_mismatch", Confidence::Low, Scope::Lines),
    rule(OCR_UNCONFIRMED, Confidence::Low, Scope::Lines),
    rule(LAYOUT_UNCONFIRMED, Confidence::Low, Scope::Lines),
    // rows whose cells do not line up with the header were withheld; anything else read from
    // those lines may sit in the wrong column
    rule("shifted_columns", Confidence::Low, Scope::Lines),
    // the cover prints two years alike: every figure may belong to the other year
    rule("ambiguous_year", Confidence::Low, Scope::Report),
    rule("serapan_mismatch", Confidence::Low, Scope::Lines),
    rule("unparsed_number", Confidence::Low, Scope::Lines),
    // medium: the figure stands, but was read second-best or cannot be checked
    rule(CAPAIAN_NOT_RECOMPUTABLE, Confidence::Medium, Scope::Lines),
    rule("ocr_repaired", Confidence::Medium, Scope::Lines),
    rule(
        "pagu_from_perjanjian_kinerja",
        Confidence::Medium,
        Scope::Lines,
    ),
    rule("invalid_utf8", Confidence::Medium, Scope::Report),
    rule(
        "realisasi_from_matching_row",
        Confidence::Medium,
        Scope::Lines,
    ),
    rule(SERAPAN_NOT_RECOMPUTABLE, Confidence::Medium, Scope::Lines),
    rule("total_from_narrative", Confidence::Medium, Scope::Lines),
    rule("total_mismatch", Confidence::Medium, Scope::Lines),
    rule("year_label_mismatch", Confidence::Medium, Scope::Lines),
];

/// The level a code gives: its rule's, else `medium` for a flag and none for an issue.
pub fn rule_of(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// The level one signal gives. `severity` is that of the issue behind it, if any.
fn level_of(code: &str, severity: Option<Severity>, is_flag: bool) -> Option<Confidence> {
    let level = match rule_of(code) {
        Some(r) => r.level,
        None if is_flag => Confidence::Medium,
        None => return None,
    };
    Some(if severity == Some(Severity::Info) {
        level.max(Confidence::Medium)
    } else {
        level
    })
}

/// A figure's confidence and its reasons.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assessment {
    pub confidence: Confidence,
    pub reasons: Vec<String>,
}

impl Assessment {
    fn lower(&mut self, code: &str, level: Confidence) {
        if level == Confidence::High {
            return;
        }
        self.confidence = self.confidence.min(level);
        if !self.reasons.iter().any(|r| r == code) {
            self.reasons.push(code.to_owned());
        }
    }
}

fn overlaps(a: &[u32], b: &[u32]) -> bool {
    a.iter().any(|l| b.contains(l))
}

/// A figure as the assessment sees it.
pub struct Figure<'a> {
    pub lines: &'a [u32],
    pub flags: &'a [String],
    /// Reasons derived from the figure itself (`capaian_not_recomputable`, …).
    pub derived: Vec<&'static str>,
    /// The report's own cross-checks reproduce the figure (a printed percentage recomputed
    /// from it): what lets a figure read by OCR keep its level.
    pub cross_checked: bool,
}

/// The report's issues, each marked when a figure's flag claims it: an issue that explains a
/// flag (same code, overlapping lines) belongs to the flagged figure alone, not to the other
/// figures printed on the same lines (the earlier years of the same table row).
pub struct ReportIssues<'a> {
    issues: &'a [Issue],
    claimed: Vec<bool>,
}

impl<'a> ReportIssues<'a> {
    /// `flagged`: the flags and lines of every flagged figure of the report.
    pub fn new<'f>(
        issues: &'a [Issue],
        flagged: impl IntoIterator<Item = (&'f [String], &'f [u32])>,
    ) -> Self {
        let mut claimed = vec![false; issues.len()];
        for (flags, lines) in flagged {
            for (i, issue) in issues.iter().enumerate() {
                if flags.contains(&issue.code) && overlaps(&issue.lines, lines) {
                    if let Some(c) = claimed.get_mut(i) {
                        *c = true;
                    }
                }
            }
        }
        ReportIssues { issues, claimed }
    }

    /// Issues that no flag claims.
    pub fn unclaimed(issues: &'a [Issue]) -> Self {
        ReportIssues::new(issues, [])
    }
}

/// The confidence of one figure among the report's issues. `unconfirmed`: the document's layout
/// was rebuilt (OCR, or a PDF's text layer), so a figure no cross-check confirms is low with
/// this reason ([`OCR_UNCONFIRMED`], [`LAYOUT_UNCONFIRMED`]).
pub fn assess_figure(
    figure: &Figure<'_>,
    report: &ReportIssues<'_>,
    unconfirmed: Option<&'static str>,
) -> Assessment {
    let mut out = Assessment::default();
    let issues = report.issues;
    for flag in figure.flags {
        let same: Vec<Severity> = issues
            .iter()
            .filter(|i| &i.code == flag && overlaps(&i.lines, figure.lines))
            .map(|i| i.severity)
            .collect();
        // an explained (info) disagreement only when every issue behind the flag is at info
        let severity = match same.first() {
            None => None,
            Some(_) if same.iter().all(|s| *s == Severity::Info) => Some(Severity::Info),
            Some(_) => Some(Severity::Warning),
        };
        if let Some(level) = level_of(flag, severity, true) {
            out.lower(flag, level);
        }
    }
    for (issue, claimed) in issues.iter().zip(&report.claimed) {
        if *claimed {
            continue;
        }
        let applies = match rule_of(&issue.code).map(|r| r.scope) {
            Some(Scope::Report) => true,
            Some(Scope::Lines) => overlaps(&issue.lines, figure.lines),
            None => false,
        };
        if !applies || figure.flags.contains(&issue.code) {
            continue;
        }
        if let Some(level) = level_of(&issue.code, Some(issue.severity), false) {
            out.lower(&issue.code, level);
        }
    }
    for code in &figure.derived {
        if let Some(level) = level_of(code, None, false) {
            out.lower(code, level);
        }
    }
    if let Some(reason) = unconfirmed.filter(|_| !figure.cross_checked) {
        out.lower(reason, Confidence::Low);
    }
    out
}

fn has(flags: &[String], code: &str) -> bool {
    flags.iter().any(|f| f == code)
}

fn issue_on(issues: &ReportIssues<'_>, code: &str, lines: &Lines) -> bool {
    issues
        .issues
        .iter()
        .any(|i| i.code == code && overlaps(&i.lines, lines))
}

/// Sets the confidence and reasons of every figure of `doc` from its flags and the report's
/// issues. Idempotent: the result depends on the flags, lines and issues only.
pub fn assess(doc: &mut Extracted, ocr: bool) {
    let unconfirmed = match doc.source.format {
        SourceFormat::PdfOcr => Some(OCR_UNCONFIRMED),
        _ if ocr => Some(OCR_UNCONFIRMED),
        SourceFormat::Pdf => Some(LAYOUT_UNCONFIRMED),
        SourceFormat::Text | SourceFormat::Docx => None,
    };
    let all = std::mem::take(&mut doc.issues);
    let budget_items = doc.budget.iter().flat_map(|b| b.items.iter());
    let flagged = doc
        .indicators
        .iter()
        .map(|i| (&i.flags[..], &i.lines[..]))
        .chain(budget_items.map(|i| (&i.flags[..], &i.lines[..])));
    let issues = ReportIssues::new(&all, flagged);
    for i in &mut doc.indicators {
        let recomputable = i.capaian_reported.is_none() || i.capaian_computed.is_some();
        let figure = Figure {
            lines: &i.lines,
            flags: &i.flags,
            derived: (!recomputable)
                .then_some(CAPAIAN_NOT_RECOMPUTABLE)
                .into_iter()
                .collect(),
            cross_checked: i.capaian_reported.is_some()
                && i.capaian_computed.is_some()
                && !has(&i.flags, "capaian_mismatch"),
        };
        let a = assess_figure(&figure, &issues, unconfirmed);
        (i.confidence, i.confidence_reasons) = (a.confidence, a.reasons);
    }
    for h in &mut doc.history {
        let figure = Figure {
            lines: &h.lines,
            flags: &[],
            derived: Vec::new(),
            cross_checked: false,
        };
        let a = assess_figure(&figure, &issues, unconfirmed);
        (h.confidence, h.confidence_reasons) = (a.confidence, a.reasons);
    }
    if let Some(b) = &mut doc.budget {
        for item in &mut b.items {
            let complete = item.pagu.is_some() && item.realisasi.is_some();
            let figure = Figure {
                lines: &item.lines,
                flags: &item.flags,
                derived: (item.serapan_reported.is_some() && !complete)
                    .then_some(SERAPAN_NOT_RECOMPUTABLE)
                    .into_iter()
                    .collect(),
                cross_checked: complete
                    && item.serapan_reported.is_some()
                    && !has(&item.flags, "serapan_mismatch"),
            };
            let a = assess_figure(&figure, &issues, unconfirmed);
            (item.confidence, item.confidence_reasons) = (a.confidence, a.reasons);
        }
        let figure = Figure {
            lines: &b.lines,
            flags: &[],
            derived: (b.serapan_reported.is_some() && b.serapan_computed.is_none())
                .then_some(SERAPAN_NOT_RECOMPUTABLE)
                .into_iter()
                .collect(),
            cross_checked: b.serapan_reported.is_some()
                && b.serapan_computed.is_some()
                && !issue_on(&issues, "serapan_mismatch", &b.lines),
        };
        let a = assess_figure(&figure, &issues, unconfirmed);
        (b.confidence, b.confidence_reasons) = (a.confidence, a.reasons);
    }
    if let Some(ikm) = &mut doc.ikm {
        let figure = Figure {
            lines: &ikm.lines,
            flags: &[],
            derived: Vec::new(),
            cross_checked: ikm.nilai.is_some()
                && ikm.nilai_recomputed.is_some()
                && !issue_on(&issues, "ikm_recompute_mismatch", &ikm.lines),
        };
        let a = assess_figure(&figure, &issues, unconfirmed);
        (ikm.confidence, ikm.confidence_reasons) = (a.confidence, a.reasons);
    }
    let w = &mut doc.wilayah;
    let figure = Figure {
        lines: &w.lines,
        flags: &[],
        derived: Vec::new(),
        cross_checked: false,
    };
    let a = assess_figure(&figure, &issues, unconfirmed);
    (w.confidence, w.confidence_reasons) = (a.confidence, a.reasons);
    drop(issues);
    doc.issues = all;
}

/// The confidence of a stored figure from its flags alone (rows loaded before confidence was
/// stored; their issues are not matched to figures).
pub fn from_flags(flags: &[String]) -> Assessment {
    let figure = Figure {
        lines: &[],
        flags,
        derived: Vec::new(),
        cross_checked: true,
    };
    assess_figure(&figure, &ReportIssues::unclaimed(&[]), None)
}

/// Whether an extract document's JSON text carries confidence at all: a document written before
/// confidence existed has no `"confidence"` key anywhere (inside a JSON string the quotes would
/// be escaped, so the key is found only where it is a key).
pub fn json_has_confidence(bytes: &[u8]) -> bool {
    const KEY: &[u8] = b"\"confidence\"";
    let mut rest = bytes;
    while let Some(at) = rest.windows(KEY.len()).position(|w| w == KEY) {
        let after = rest.get(at + KEY.len()..).unwrap_or(&[]);
        let next = after.iter().find(|b| !b.is_ascii_whitespace());
        if next == Some(&b':') {
            return true;
        }
        rest = after;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use Confidence::{Low, Medium};

    fn issue(code: &str, severity: Severity, lines: Vec<u32>) -> Issue {
        Issue {
            code: code.into(),
            severity,
            message: String::new(),
            lines,
            page: None,
        }
    }

    fn flagged(flags: &[&str]) -> Vec<String> {
        flags.iter().map(|f| (*f).to_owned()).collect()
    }

    #[test]
    fn table_levels() {
        for (code, level) in [
            ("columns_realigned", Low),
            ("conflicting_identity", Low),
            ("conflicting_values", Low),
            ("copied_from_previous_year", Low),
            ("capaian_mismatch", Low),
            ("ikm_recompute_mismatch", Low),
            ("ocr_unconfirmed", Low),
            ("pdf_layout_unconfirmed", Low),
            ("shifted_columns", Low),
            ("ambiguous_year", Low),
            ("serapan_mismatch", Low),
            ("unparsed_number", Low),
            ("capaian_not_recomputable", Medium),
            ("invalid_utf8", Medium),
            ("ocr_repaired", Medium),
            ("pagu_from_perjanjian_kinerja", Medium),
            ("realisasi_from_matching_row", Medium),
            ("serapan_not_recomputable", Medium),
            ("total_from_narrative", Medium),
            ("total_mismatch", Medium),
            ("year_label_mismatch", Medium),
        ] {
            assert_eq!(rule_of(code).map(|r| r.level), Some(level), "{code}");
        }
        assert_eq!(RULES.len(), 21, "every row of the table has a case above");
        let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len(), "a code has one row");
    }

    #[test]
    fn ordered_low_to_high_and_parsed() {
        assert!(Low < Medium && Medium < Confidence::High);
        for c in Confidence::ALL {
            assert_eq!(c.as_str().parse::<Confidence>(), Ok(c));
        }
        assert!("sure".parse::<Confidence>().is_err());
        assert!(!Low.is_comparable(false) && Low.is_comparable(true));
        assert!(Medium.is_comparable(false));
    }

    #[test]
    fn no_signal_is_high_and_the_lowest_signal_wins() {
        assert_eq!(from_flags(&[]), Assessment::default());
        let a = from_flags(&flagged(&["total_from_narrative", "conflicting_values"]));
        assert_eq!(a.confidence, Low);
        assert_eq!(a.reasons, ["total_from_narrative", "conflicting_values"]);
    }

    #[test]
    fn unknown_flag_is_medium_unknown_issue_lowers_nothing() {
        let a = from_flags(&flagged(&["some_new_flag"]));
        assert_eq!(a.confidence, Medium);
        let figure = Figure {
            lines: &[10],
            flags: &[],
            derived: Vec::new(),
            cross_checked: true,
        };
        let issues = [issue("some_new_issue", Severity::Error, vec![10])];
        assert_eq!(
            assess_figure(&figure, &ReportIssues::unclaimed(&issues), None),
            Assessment::default()
        );
    }

    #[test]
    fn issues_apply_by_overlapping_lines_or_to_the_whole_report() {
        let issues = [
            issue("conflicting_values", Severity::Warning, vec![10, 50]),
            issue("invalid_utf8", Severity::Warning, vec![]),
        ];
        let at = |lines: &'static [u32]| Figure {
            lines,
            flags: &[],
            derived: Vec::new(),
            cross_checked: true,
        };
        let on = assess_figure(&at(&[50]), &ReportIssues::unclaimed(&issues), None);
        assert_eq!(on.confidence, Low);
        assert_eq!(on.reasons, ["conflicting_values", "invalid_utf8"]);
        let off = assess_figure(&at(&[51]), &ReportIssues::unclaimed(&issues), None);
        assert_eq!(off.confidence, Medium);
        assert_eq!(off.reasons, ["invalid_utf8"]);
    }

    #[test]
    fn an_info_issue_lowers_to_medium_at_most() {
        let flags = flagged(&["capaian_mismatch"]);
        let figure = Figure {
            lines: &[7],
            flags: &flags,
            derived: Vec::new(),
            cross_checked: false,
        };
        let rounding = [issue("capaian_mismatch", Severity::Info, vec![7])];
        let a = assess_figure(&figure, &ReportIssues::unclaimed(&rounding), None);
        assert_eq!((a.confidence, a.reasons.len()), (Medium, 1));
        let real = [issue("capaian_mismatch", Severity::Warning, vec![7])];
        assert_eq!(
            assess_figure(&figure, &ReportIssues::unclaimed(&real), None).confidence,
            Low
        );
    }

    #[test]
    fn an_issue_a_flag_explains_belongs_to_the_flagged_figure() {
        let flags = flagged(&["copied_from_previous_year"]);
        let issues = [issue(
            "copied_from_previous_year",
            Severity::Warning,
            vec![5, 6],
        )];
        let report = ReportIssues::new(&issues, [(&flags[..], &[5u32][..])]);
        let current = Figure {
            lines: &[5],
            flags: &flags,
            derived: Vec::new(),
            cross_checked: true,
        };
        let earlier = Figure {
            lines: &[6],
            flags: &[],
            derived: Vec::new(),
            cross_checked: true,
        };
        assert_eq!(assess_figure(&current, &report, None).confidence, Low);
        assert_eq!(
            assess_figure(&earlier, &report, None),
            Assessment::default()
        );
    }

    #[test]
    fn ocr_is_low_unless_cross_checked() {
        let mut figure = Figure {
            lines: &[3],
            flags: &[],
            derived: Vec::new(),
            cross_checked: false,
        };
        let a = assess_figure(
            &figure,
            &ReportIssues::unclaimed(&[]),
            Some(OCR_UNCONFIRMED),
        );
        assert_eq!(
            (a.confidence, a.reasons),
            (Low, vec![OCR_UNCONFIRMED.into()])
        );
        figure.cross_checked = true;
        assert_eq!(
            assess_figure(
                &figure,
                &ReportIssues::unclaimed(&[]),
                Some(OCR_UNCONFIRMED)
            ),
            Assessment::default()
        );
        figure.cross_checked = false;
        assert_eq!(
            assess_figure(&figure, &ReportIssues::unclaimed(&[]), None),
            Assessment::default()
        );
    }

    #[test]
    fn finds_the_key_not_a_string() {
        assert!(json_has_confidence(br#"{"a": 1, "confidence" : "low"}"#));
        assert!(!json_has_confidence(
            br#"{"name": "confidence", "x": "\"confidence\": 1"}"#
        ));
        assert!(!json_has_confidence(b"{}"));
    }
}
