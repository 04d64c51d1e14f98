//! Tables and rows that look like results (a target, a realisasi, a percentage) but are not the
//! report year's measurement of the kecamatan's own indicators:
//! * the scores of the SAKIP evaluation per component (`Komponen | Bobot | Nilai`: perencanaan,
//!   pengukuran, pelaporan, evaluasi kinerja);
//! * Renstra plans (targets for three or more years, no realisasi of those years);
//! * comparisons with the kabupaten, the province or the nation (`Perbandingan … dengan
//!   Kabupaten`), whose rows name the other level of government;
//! * rating scales (`Skala`, `Interval`, `Rentang` nilai; rows named by a rating word).

use crate::columns::Columns;
use crate::pattern::Pattern;
use crate::roles::Role;

/// The components of the SAKIP evaluation (PermenPANRB 88/2021), as a row names them.
static COMPONENT: Pattern = Pattern::new(
    r"(?i)^\s*(?:[0-9a-z]{1,2}[.)]\s*)?(perencanaan kinerja|pengukuran kinerja|pelaporan kinerja|evaluasi (?:akuntabilitas )?kinerja|evaluasi internal)\b",
);
/// Another level of government named in a row or a column (`Kabupaten Ngawi`, `Provinsi`,
/// `Nasional`, `Rata-rata Kabupaten`).
static OTHER_REGION: Pattern = Pattern::new(r"(?i)\b(kabupaten|provinsi|nasional|kota|pusat)\b");
static COMPARISON: Pattern =
    Pattern::new(r"(?i)\b(perbandingan|dibandingkan|pembanding|komparasi)\b");
/// A rating scale's caption or header.
static SCALE: Pattern = Pattern::new(
    r"(?i)\b(skala (?:nilai|penilaian|pengukuran|ordinal)|interval (?:nilai|capaian)|rentang (?:nilai|capaian)|kriteria penilaian)",
);
/// A row named by a rating word alone (`Sangat Tinggi`, `Baik`, `BB`).
static RATING: Pattern = Pattern::new(
    r"(?i)^\s*(sangat\s+)?(tinggi|sedang|rendah|baik|cukup|kurang|memuaskan|berhasil|aa|a|bb|b|cc|c|d)\s*$",
);

/// The table's own title: the caption from its last `Tabel …` on (the lines above a table may
/// end a paragraph that speaks of another table: `Skala penilaian pada tabel 3.1 …`).
fn title(caption: &str) -> &str {
    caption
        .to_lowercase()
        .rfind("tabel")
        .and_then(|at| caption.get(at..))
        .unwrap_or(caption)
}

/// The table does not measure the report year: evaluation components, a Renstra plan, a rating
/// scale, or a comparison with other regions.
pub(super) fn is_other_measure_table(cols: &Columns, caption: &str) -> bool {
    let caption = title(caption);
    let header = &cols.header_text;
    let components = header.contains("komponen") || header.contains("bobot");
    let mut target_years: Vec<u16> = cols
        .find(Role::Target)
        .into_iter()
        .filter_map(|i| cols.year(i))
        .collect();
    target_years.sort_unstable();
    target_years.dedup();
    // a Renstra prints targets only (a `kondisi awal` at most); a multi-year results table
    // prints each year's realisasi beside its target
    let realised = |y: &u16| {
        cols.find(Role::Realisasi)
            .into_iter()
            .any(|i| cols.year(i) == Some(*y))
    };
    let plan = target_years.len() >= 3 && !target_years.iter().any(realised);
    let scale = SCALE.is_match(caption) || SCALE.is_match(header);
    components || plan || scale || is_regional_comparison(cols, caption)
}

/// A comparison table whose caption names another level of government after the comparison
/// word (`Perbandingan Capaian … dengan Kabupaten …`).
fn is_regional_comparison(cols: &Columns, caption: &str) -> bool {
    let text = format!("{caption} {}", cols.header_text);
    let Some(at) = COMPARISON
        .captures(&text)
        .and_then(|c| c.get(0))
        .map(|m| m.start())
    else {
        return false;
    };
    let after = text.get(at..).unwrap_or("").to_lowercase();
    [
        "dengan kabupaten",
        "dengan provinsi",
        "dengan nasional",
        "dengan kota",
        "nasional",
    ]
    .iter()
    .any(|w| after.contains(w))
}

/// The row names no indicator of the kecamatan: a SAKIP component, a rating word, or (in a
/// table that compares) another level of government.
pub(super) fn is_other_measure_row(name: &str, compares: bool) -> bool {
    COMPONENT.is_match(name) || RATING.is_match(name) || (compares && OTHER_REGION.is_match(name))
}

/// The table's caption or header compares (`Perbandingan`, `dibandingkan`).
pub(super) fn compares(cols: &Columns, caption: &str) -> bool {
    let caption = title(caption);
    COMPARISON.is_match(caption) || COMPARISON.is_match(&cols.header_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(COMPONENT.compiles() && OTHER_REGION.compiles() && COMPARISON.compiles());
        assert!(SCALE.compiles() && RATING.compiles());
        assert!(is_other_measure_row("2. Pengukuran Kinerja", false));
        assert!(is_other_measure_row("Sangat Tinggi", false));
        assert!(is_other_measure_row("IKM Kabupaten Ngawi", true));
        assert!(!is_other_measure_row("IKM Kabupaten Ngawi", false));
        assert!(!is_other_measure_row("Nilai SAKIP", true));
        assert!(!is_other_measure_row("Indeks Kepuasan Masyarakat", false));
    }
}
