//! The last pass of the extraction: every figure's confidence and its reasons, from its flags
//! and the report's issues, through the one table of `model::confidence::RULES` (flag or issue
//! code → level; new codes are added there). A report read by OCR starts every figure at low
//! unless one of the report's own cross-checks reproduces it.

use model::extract::{Source, SourceFormat};
use model::Extracted;

/// Whether the document was read by OCR (the document reader marks it with the source format
/// `pdf_ocr`). A text-layer PDF is handled by `model::confidence::assess` from the same field.
pub fn read_by_ocr(source: &Source) -> bool {
    source.format == SourceFormat::PdfOcr
}

/// Sets the confidence of every figure of `out` (see `model::confidence::assess`); run again
/// once the source format is known, since a rebuilt layout lowers unconfirmed figures.
pub(crate) fn assess(out: &mut Extracted) {
    let ocr = read_by_ocr(&out.source);
    model::confidence::assess(out, ocr);
}

#[cfg(test)]
mod tests {
    use model::extract::{Issue, Severity};
    use model::Confidence;

    use crate::extract;

    const REPORT: &str = "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)\n\
KECAMATAN JATEN KABUPATEN KARANGANYAR TAHUN 2023\n\
BAB III AKUNTABILITAS KINERJA\n\
Capaian kinerja\n\
| No | Indikator Kinerja | Target | Realisasi | Capaian |\n\
|---|---|---|---|---|\n\
| 1 | Indeks Kepuasan Masyarakat | 75 | 83,20 | 110,93 |\n\
| 2 | Nilai SAKIP | 70 | 68,45 | 97,00 |\n";

    #[test]
    fn agreeing_figures_are_high_a_mismatch_is_low() {
        let e = extract("r.txt", REPORT.as_bytes());
        let by_name = |n: &str| {
            e.indicators
                .iter()
                .find(|i| i.name.contains(n))
                .unwrap_or_else(|| panic!("{n} not extracted: {:?}", e.indicators))
        };
        let ikm = by_name("Kepuasan");
        assert_eq!(ikm.confidence, Confidence::High, "{ikm:?}");
        assert!(ikm.confidence_reasons.is_empty());
        let sakip = by_name("SAKIP");
        assert_eq!(sakip.confidence, Confidence::Low, "{sakip:?}");
        assert_eq!(sakip.confidence_reasons, ["capaian_mismatch"]);
    }

    #[test]
    fn a_report_wide_issue_lowers_every_figure() {
        let mut e = extract("r.txt", REPORT.as_bytes());
        e.issues.push(Issue {
            code: "conflicting_identity".into(),
            severity: Severity::Warning,
            message: String::new(),
            lines: vec![2],
            page: None,
        });
        model::confidence::assess(&mut e, false);
        assert!(e.indicators.iter().all(|i| i.confidence == Confidence::Low
            && i.confidence_reasons
                .contains(&"conflicting_identity".to_owned())));
    }

    #[test]
    fn ocr_keeps_only_cross_checked_figures() {
        let mut e = extract("r.txt", REPORT.as_bytes());
        model::confidence::assess(&mut e, true);
        let levels: Vec<(Confidence, bool)> = e
            .indicators
            .iter()
            .map(|i| {
                (
                    i.confidence,
                    i.confidence_reasons.contains(&"ocr_unconfirmed".to_owned()),
                )
            })
            .collect();
        // the IKM's printed capaian reproduces from its target and realisasi; SAKIP's does not
        assert!(levels.contains(&(Confidence::High, false)), "{levels:?}");
        assert!(levels.contains(&(Confidence::Low, true)), "{levels:?}");
    }

    #[test]
    fn the_pass_is_idempotent() {
        let e = extract("r.txt", REPORT.as_bytes());
        let mut again = e.clone();
        model::confidence::assess(&mut again, false);
        assert_eq!(e, again);
    }
}
