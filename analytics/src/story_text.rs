//! The codes, severities and sentences of the story leads, in Indonesian and English. The
//! sentences name the figures and years so a reader can check them against the report.

use model::Exact;

use crate::series::YearPoint;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lead {
    Capaian100Repeated,
    RealisasiRepeated,
    TargetLoweredAfterMiss,
    FarBeyondTarget,
    PrintedCapaianDisagrees,
}

impl Lead {
    /// The stable code stored in `story_flag.code`.
    pub fn code(self) -> &'static str {
        match self {
            Lead::Capaian100Repeated => "capaian_100_repeated",
            Lead::RealisasiRepeated => "realisasi_repeated",
            Lead::TargetLoweredAfterMiss => "target_lowered_after_miss",
            Lead::FarBeyondTarget => "far_beyond_target",
            Lead::PrintedCapaianDisagrees => "printed_capaian_disagrees",
        }
    }

    /// `warning` when the figures themselves may be wrong or made up; `info` when they are
    /// plausible but the target deserves a question.
    pub fn severity(self) -> &'static str {
        match self {
            Lead::FarBeyondTarget => "info",
            _ => "warning",
        }
    }
}

fn text(figure: Option<Exact>) -> String {
    figure.map_or_else(|| "–".to_owned(), |e| e.to_string())
}

/// (Indonesian, English) sentences of a lead.
pub fn sentences(
    lead: Lead,
    concept: &str,
    points: &[&YearPoint],
    value: Option<Exact>,
) -> (String, String) {
    let years: Vec<String> = points.iter().map(|p| p.tahun.to_string()).collect();
    let span = years.join(", ");
    let v = text(value);
    let first = points.first();
    let last = points.last();
    match lead {
        Lead::Capaian100Repeated => (
            format!("Capaian {concept} tepat 100% pada tahun {span}: periksa apakah angka realisasi benar-benar diukur."),
            format!("Capaian of {concept} is exactly 100% in {span}: check whether the realisasi was really measured."),
        ),
        Lead::RealisasiRepeated => (
            format!("Realisasi {concept} sama persis ({v}) pada tahun {span}: mungkin disalin dari tahun sebelumnya."),
            format!("Realisasi of {concept} is identical ({v}) in {span}: possibly copied from the year before."),
        ),
        Lead::TargetLoweredAfterMiss => {
            let (y0, t0) = first.map_or((0, None), |p| (p.tahun, p.target));
            let (y1, t1) = last.map_or((0, None), |p| (p.tahun, p.target));
            let c0 = text(first.and_then(|p| p.capaian()));
            (
                format!("Target {concept} tidak tercapai pada {y0} (capaian {c0}%), lalu target {y1} dibuat lebih mudah ({} → {}).", text(t0), text(t1)),
                format!("The {concept} target was missed in {y0} (capaian {c0}%), then the {y1} target was made easier ({} → {}).", text(t0), text(t1)),
            )
        }
        Lead::FarBeyondTarget => {
            let target = text(first.and_then(|p| p.target));
            let realisasi = text(first.and_then(|p| p.realisasi));
            (
                format!("Realisasi {concept} {span} ({realisasi}) jauh melampaui target ({target}), capaian {v}%: mungkin targetnya terlalu rendah."),
                format!("Realisasi of {concept} in {span} ({realisasi}) far exceeds its target ({target}), capaian {v}%: the target may have been set too low."),
            )
        }
        Lead::PrintedCapaianDisagrees => {
            let computed = text(first.and_then(|p| p.capaian_computed));
            (
                format!("Capaian {concept} {span} tercetak {v}%, tetapi dari target dan realisasi hasilnya {computed}%."),
                format!("Capaian of {concept} in {span} is printed as {v}%, but target and realisasi give {computed}%."),
            )
        }
    }
}
