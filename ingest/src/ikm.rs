//! IKM/SKM: the satisfaction index of the report year, its respondents and mutu, and a
//! recomputation from the raw survey table when the report prints one.
//!
//! PermenPANRB 14/2017 weights the nine elements equally (1/9); reports often use 0,11 or 0,111,
//! which moves the result by up to ~0,8 point. The recomputation uses exact 1/9, i.e. the mean of
//! the element means × 25.

use model::extract::{Ikm, Indicator, Issue, Severity};
use model::Exact;
use rust_decimal::Decimal;

use crate::pattern::{group, Pattern};
use crate::table::Table;

static RESPONDENTS: Pattern = Pattern::new(
    r"(?i)(?:\b(\d{1,3}(?:\.\d{3})*|\d+)\s*(?:orang\s+)?responden\b|\bresponden\s*(?:sebanyak|berjumlah|sejumlah|:)?\s*(\d{1,3}(?:\.\d{3})*|\d+)\s*(?:orang)?)",
);
static MUTU: Pattern = Pattern::new(
    r"(?i)\bmutu\s+(?:pelayanan\s+)?(?:unit\s+pelayanan\s+)?(?:adalah\s+|yaitu\s+|:\s*)?[\x22\x27(]?\s*([ABCD])\b[\x22\x27)]?",
);

pub fn extract_ikm(
    lines: &[String],
    main_end: usize,
    tables: &[Table],
    indicators: &[Indicator],
    issues: &mut Vec<Issue>,
) -> Option<Ikm> {
    let ind = indicators
        .iter()
        .find(|i| i.canonical.as_deref() == Some("ikm"));
    let survey = raw_survey_score(tables, main_end);
    if ind.is_none() && survey.is_none() {
        return None;
    }
    let mut ikm = Ikm {
        nilai: ind.and_then(|i| i.realisasi),
        nilai_recomputed: None,
        responden: None,
        mutu: None,
        lines: ind.map(|i| i.lines.clone()).unwrap_or_default(),
    };
    for (i, line) in lines.iter().enumerate().take(main_end) {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if ikm.responden.is_none() {
            if let Some(c) = RESPONDENTS.captures(line) {
                let raw = if group(&c, 1).is_empty() {
                    group(&c, 2)
                } else {
                    group(&c, 1)
                };
                if let Ok(v) = raw.replace('.', "").parse::<u64>() {
                    if v > 0 {
                        ikm.responden = Some(Exact::from(Decimal::from(v)));
                        ikm.lines.push(n);
                    }
                }
            }
        }
        if ikm.mutu.is_none()
            && (line.to_lowercase().contains("ikm")
                || line.to_lowercase().contains("skm")
                || line.to_lowercase().contains("kepuasan"))
        {
            if let Some(c) = MUTU.captures(line) {
                ikm.mutu = Some(group(&c, 1).to_uppercase());
                ikm.lines.push(n);
            }
        }
    }
    if let Some((score, rows, survey_lines)) = survey {
        ikm.nilai_recomputed = Some(score);
        if ikm.responden.is_none() {
            // respondents are numbered in the survey table: its last row prints the count
            ikm.responden = Some(Exact::from(Decimal::from(rows)));
            ikm.lines.extend(survey_lines.iter().copied());
        }
        if let Some(nilai) = ikm.nilai {
            if nilai.round_dp(2).value() != score.value() {
                issues.push(Issue {
                    code: "ikm_recompute_mismatch".into(),
                    severity: Severity::Info,
                    message: format!("IKM printed {nilai}; the raw survey ({rows} respondents) with exact 1/9 weights gives {score}"),
                    lines: survey_lines,
                });
            }
        }
    }
    ikm.lines.sort_unstable();
    ikm.lines.dedup();
    Some(ikm)
}

/// The raw survey: a table with many rows of nine (or more) element scores 1–4. Returns the index
/// (mean score × 25, exact 1/9 weights, 2 dp), the respondent count and the rows' first/last lines.
fn raw_survey_score(tables: &[Table], main_end: usize) -> Option<(Exact, u64, Vec<u32>)> {
    let mut sum = Decimal::ZERO;
    let mut count: u64 = 0;
    let mut rows: u64 = 0;
    let mut first = None;
    let mut last = 0;
    for t in tables
        .iter()
        .filter(|t| (t.first_line as usize) <= main_end)
    {
        for r in &t.rows {
            let scores: Vec<u8> = r
                .cells
                .iter()
                .skip(1)
                .filter(|c| !c.text.is_empty())
                .map_while(|c| match c.text.as_str() {
                    "1" => Some(1),
                    "2" => Some(2),
                    "3" => Some(3),
                    "4" => Some(4),
                    _ => None,
                })
                .collect();
            if scores.len() != 9 {
                continue;
            }
            rows += 1;
            count += 9;
            sum += Decimal::from(scores.iter().map(|s| u64::from(*s)).sum::<u64>());
            let line = r.cells.first().map_or(0, |c| c.line);
            first.get_or_insert(line);
            last = line;
        }
    }
    if rows < 10 {
        return None;
    }
    let mean = sum.checked_div(Decimal::from(count))?;
    let score = Exact::from(mean.checked_mul(Decimal::from(25))?).round_dp(2);
    Some((
        score,
        rows,
        first.into_iter().chain(std::iter::once(last)).collect(),
    ))
}

#[cfg(test)]
mod pattern_tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(RESPONDENTS.compiles() && MUTU.compiles());
    }
}
