//! IKM/SKM: the satisfaction index of the report year, its respondents and mutu, and a
//! recomputation from the raw survey table when the report prints one.
//!
//! PermenPANRB 14/2017 weights the nine elements equally (1/9); reports often use 0,11 or 0,111,
//! which moves the result by up to ~0,8 point. The recomputation uses exact 1/9 (the mean of the
//! element means × 25) and says which weight reproduces the printed value.

use model::extract::{Ikm, Indicator, Issue, Severity};
use model::Exact;
use rust_decimal::Decimal;

use crate::pattern::{group, Pattern};
use crate::table::Table;

static RESPONDENTS: Pattern = Pattern::new(
    r"(?i)(?:\b(\d{1,3}(?:\.\d{3})*|\d+)\s*(?:orang\s+)?responden\b|\bresponden\s*(?:sebanyak|berjumlah|sejumlah|:)?\s*(\d{1,3}(?:\.\d{3})*|\d+)\s*(?:orang)?)",
);
/// Literals every match of [`RESPONDENTS`] / [`MUTU_LETTER`] holds, searched first.
static RESPONDENTS_WORD: Pattern = Pattern::new(r"(?i)responden");
static MUTU_WORD_TEST: Pattern = Pattern::new(r"(?i)mutu");
static MUTU_LETTER: Pattern = Pattern::new(
    r#"(?i)\bmutu\s+(?:pelayanan\s+)?(?:unit\s+pelayanan\s+)?(?:adalah\s+|yaitu\s+|:\s*)?["'(]?\s*([ABCD])\b"#,
);
/// The value printed with its rating word (`83,20328 Baik`): PermenPANRB 14/2017 names mutu A–D
/// Sangat Baik, Baik, Kurang Baik, Tidak Baik.
static MUTU_WORD: Pattern =
    Pattern::new(r"(?i)(\d{2}[.,]\d+)\s*[(:-]?\s*(sangat baik|kurang baik|tidak baik|baik)\b");

/// Survey elements (unsur) PermenPANRB 14/2017 asks about.
const ELEMENTS: usize = 9;

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
    let survey = raw_survey(tables, main_end);
    if ind.is_none() && survey.is_none() {
        return None;
    }
    let nilai = ind.and_then(|i| i.realisasi);
    let mut ikm = Ikm {
        page: None,
        nilai,
        nilai_recomputed: None,
        responden: None,
        mutu: None,
        lines: ind.map(|i| i.lines.clone()).unwrap_or_default(),
        confidence: Default::default(),
        confidence_reasons: Vec::new(),
    };
    let nilai_digits: Option<String> = nilai.map(|v| v.to_string().replace('.', ","));
    let nilai_dotted: Option<String> = nilai_digits.as_ref().map(|d| d.replace(',', "."));
    for (i, line) in lines.iter().enumerate().take(main_end) {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if ikm.responden.is_none() {
            if let Some(v) = respondents_in(line) {
                ikm.responden = Some(v);
                ikm.lines.push(n);
            }
        }
        if ikm.mutu.is_none() {
            if let Some(m) = mutu_in(line, nilai_digits.as_deref(), nilai_dotted.as_deref()) {
                ikm.mutu = Some(m);
                ikm.lines.push(n);
            }
        }
    }
    if let Some(s) = survey {
        let score = s.score(Decimal::ONE.checked_div(Decimal::from(ELEMENTS as u64))?)?;
        ikm.nilai_recomputed = Some(score);
        if ikm.responden.is_none() {
            // respondents are numbered in the survey table: its last row prints the count
            ikm.responden = Some(Exact::from(Decimal::from(s.rows)));
            ikm.lines.extend(&s.lines);
        }
        if let Some(printed) = nilai.filter(|v| v.round_dp(2).value() != score.value()) {
            issues.push(recompute_issue(printed, score, &s));
        }
    }
    ikm.lines.sort_unstable();
    ikm.lines.dedup();
    Some(ikm)
}

fn respondents_in(line: &str) -> Option<Exact> {
    if !RESPONDENTS_WORD.is_match(line) {
        return None;
    }
    let c = RESPONDENTS.captures(line)?;
    let raw = if group(&c, 1).is_empty() {
        group(&c, 2)
    } else {
        group(&c, 1)
    };
    let v = raw
        .replace('.', "")
        .parse::<u64>()
        .ok()
        // a survey has dozens of respondents; `Responden 1` is a column or row label
        .filter(|v| *v >= 10)?;
    Some(Exact::from(Decimal::from(v)))
}

/// The printed mutu: a letter after `mutu`, or the rating word printed right after the IKM value
/// (`nilai` with a decimal comma, `dotted` with a point).
fn mutu_in(line: &str, nilai: Option<&str>, dotted: Option<&str>) -> Option<String> {
    let letter = MUTU_WORD_TEST
        .is_match(line)
        .then(|| MUTU_LETTER.captures(line))
        .flatten();
    if let Some(c) = letter {
        let lower = line.to_lowercase();
        if lower.contains("ikm") || lower.contains("skm") || lower.contains("kepuasan") {
            return Some(group(&c, 1).to_uppercase());
        }
    }
    let nilai = nilai?;
    if !line.contains(nilai) && !dotted.is_some_and(|d| line.contains(d)) {
        return None;
    }
    let c = MUTU_WORD.captures(line)?;
    if !group(&c, 1).replace('.', ",").starts_with(nilai) {
        return None;
    }
    let letter = match group(&c, 2).to_lowercase().as_str() {
        "sangat baik" => "A",
        "baik" => "B",
        "kurang baik" => "C",
        _ => "D",
    };
    Some(letter.to_string())
}

fn recompute_issue(printed: Exact, score: Exact, s: &Survey) -> Issue {
    let weights = [
        ("0,111", Decimal::new(111, 3)),
        ("0,11", Decimal::new(11, 2)),
    ];
    let reproduced = weights
        .iter()
        .find(|(_, w)| {
            s.score(*w)
                .is_some_and(|v| v.value() == printed.round_dp(2).value())
        })
        .map_or_else(String::new, |(name, _)| {
            format!("; the printed value follows from weight {name}")
        });
    Issue {
        page: None,
        code: "ikm_recompute_mismatch".into(),
        severity: Severity::Info,
        message: format!(
            "IKM printed {printed}; the raw survey ({} respondents) with exact 1/9 weights gives {score}{reproduced}",
            s.rows
        ),
        lines: s.lines.clone(),
    }
}

/// The raw survey: per-element score sums over the respondents.
struct Survey {
    sums: [u64; ELEMENTS],
    rows: u64,
    /// First and last data rows.
    lines: Vec<u32>,
}

impl Survey {
    /// Σ NRRᵢ × weight × 25, rounded to 2 decimals (NRRᵢ = the element's mean score).
    fn score(&self, weight: Decimal) -> Option<Exact> {
        let rows = Decimal::from(self.rows);
        let mut total = Decimal::ZERO;
        for sum in self.sums {
            total =
                total.checked_add(Decimal::from(sum).checked_div(rows)?.checked_mul(weight)?)?;
        }
        Some(Exact::from(total.checked_mul(Decimal::from(25))?).round_dp(2))
    }
}

/// A table with many rows of nine element scores 1–4 after the respondent number.
fn raw_survey(tables: &[Table], main_end: usize) -> Option<Survey> {
    let mut survey = Survey {
        sums: [0; ELEMENTS],
        rows: 0,
        lines: Vec::new(),
    };
    let mut first = None;
    let mut last = 0;
    for t in tables
        .iter()
        .filter(|t| (t.first_line as usize) <= main_end)
    {
        for r in &t.rows {
            let scores: Vec<u64> = r
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
            if scores.len() != ELEMENTS {
                continue;
            }
            for (sum, s) in survey.sums.iter_mut().zip(&scores) {
                *sum += s;
            }
            survey.rows += 1;
            let line = r.cells.first().map_or(0, |c| c.line);
            first.get_or_insert(line);
            last = line;
        }
    }
    if survey.rows < 10 {
        return None;
    }
    survey.lines = first.into_iter().chain(std::iter::once(last)).collect();
    Some(survey)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(RESPONDENTS.compiles() && MUTU_LETTER.compiles() && MUTU_WORD.compiles());
        assert!(RESPONDENTS_WORD.compiles() && MUTU_WORD_TEST.compiles());
    }

    #[test]
    fn mutu_from_letter_or_word() {
        assert_eq!(
            mutu_in("Nilai IKM 83,20 dengan mutu pelayanan B", None, None).as_deref(),
            Some("B")
        );
        assert_eq!(
            mutu_in("versi) : 83,20328 Baik", Some("83,20"), Some("83.20")).as_deref(),
            Some("B")
        );
        assert_eq!(
            mutu_in("versi) : 90,1 Sangat Baik", Some("83,20"), Some("83.20")),
            None
        );
    }

    #[test]
    fn survey_weights() {
        let s = Survey {
            sums: [961, 971, 926, 1094, 959, 966, 977, 947, 1104],
            rows: 297,
            lines: vec![],
        };
        let exact = s
            .score(Decimal::ONE / Decimal::from(9))
            .map(|v| v.to_string());
        assert_eq!(exact.as_deref(), Some("83.29"));
        assert_eq!(
            s.score(Decimal::new(111, 3))
                .map(|v| v.to_string())
                .as_deref(),
            Some("83.20")
        );
    }
}
