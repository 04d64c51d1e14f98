//! Identity: which kecamatan, kabupaten and year the report is about.
//!
//! Covers print `KECAMATAN JATEN` / `KABUPATEN KARANGANYAR`; DOCX reports without a cover only say
//! `… Kecamatan Kerjo Kabupaten Karanganyar …` in sentences. The name printed most often after
//! `Kecamatan`/`Kabupaten` in the report's own part wins; the province is hardly ever printed and
//! comes from the official region codes.

use std::collections::HashMap;

use model::extract::ReportIdentity;
use model::Year;

use crate::pattern::{group, Pattern};

static KECAMATAN: Pattern =
    Pattern::new(r"(?i)\bkec(?:amatan|\.)\s+([A-Za-z][A-Za-z'\-]+(?:\s+[A-Za-z][A-Za-z'\-]+)?)");
static KABUPATEN: Pattern = Pattern::new(
    r"(?i)\b(kabupaten|kab\.|kota)\s+([A-Za-z][A-Za-z'\-]+(?:\s+[A-Za-z][A-Za-z'\-]+)?)",
);
static REPORT_YEAR: Pattern = Pattern::new(
    r"(?i)\b(?:(?:lkjip|lkj|laporan kinerja|laporan akuntabilitas kinerja)\b[^\n]{0,120}?\btahun\s+(?:anggaran\s+)?|(?:lkjip|lkj|lakip)\s+)(20[0-9]{2})\b",
);
/// `2019-2023`, `2019 s.d. 2023`: a period (a Renstra's), not the report year.
static PERIOD_AFTER: Pattern =
    Pattern::new(r"(?i)^\s*(?:[-/]|s\.?\s*d\.?|sampai|hingga)\s*(?:tahun\s*)?20[0-9]{2}");
static ANY_YEAR: Pattern = Pattern::new(r"(?i)\btahun\s+(?:anggaran\s+)?(20[0-9]{2})\b");

/// Words that follow "Kecamatan"/"Kabupaten" in sentences but are no names.
const NOT_A_NAME: [&str; 43] = [
    "yang",
    "dan",
    "di",
    "se",
    "sebagai",
    "merupakan",
    "dalam",
    "pada",
    "dengan",
    "untuk",
    "kepada",
    "tingkat",
    "berpredikat",
    "kabupaten",
    "tahun",
    "adalah",
    "ini",
    "tersebut",
    "secara",
    "serta",
    "atau",
    "oleh",
    "dari",
    "ke",
    "telah",
    "juga",
    "sudah",
    "mempunyai",
    "memiliki",
    "wilayah",
    "kerja",
    "kinerja",
    "kecamatan",
    "provinsi",
    "pemerintah",
    "daerah",
    "desa",
    "kelurahan",
    "camat",
    "sesuai",
    "menjadi",
    "mendapatkan",
    "dapat",
];

/// Printed kecamatan/kabupaten names → (name, count, first lines).
fn name_votes(
    lines: &[String],
    pattern: &Pattern,
    name_group: usize,
) -> Vec<(String, usize, Vec<u32>)> {
    let mut votes: HashMap<String, (usize, Vec<u32>, String)> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if line.len() > 4000 {
            continue;
        }
        for caps in pattern.captures_all(line) {
            let raw = group(&caps, name_group);
            let mut words: Vec<&str> = Vec::new();
            for w in raw.split_whitespace() {
                if NOT_A_NAME.contains(&w.to_lowercase().as_str())
                    || !w.starts_with(|c: char| c.is_uppercase())
                {
                    break;
                }
                words.push(w);
            }
            // a second word counts only when the first is not enough (two-word names are rare)
            let Some(first) = words.first() else { continue };
            // a city is `Kota X`: kecamatan names repeat between Kabupaten X and Kota X
            let prefix = if group(&caps, 1).eq_ignore_ascii_case("kota") {
                "Kota "
            } else {
                ""
            };
            let name = format!("{prefix}{}", title_case(first));
            let entry = votes
                .entry(name.to_lowercase())
                .or_insert((0, Vec::new(), name));
            entry.0 += 1;
            if entry.1.len() < 3 {
                entry.1.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
            if let Some(second) = words.get(1) {
                let two = format!("{prefix}{} {}", title_case(first), title_case(second));
                let e2 = votes
                    .entry(two.to_lowercase())
                    .or_insert((0, Vec::new(), two));
                e2.0 += 1;
                if e2.1.len() < 3 {
                    e2.1.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
                }
            }
        }
    }
    let mut out: Vec<(String, usize, Vec<u32>)> = votes
        .into_values()
        .map(|(n, l, name)| (name, n, l))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

pub fn title_case(word: &str) -> String {
    word.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report year: `Laporan Kinerja … Tahun 2023` on one line or over the cover's lines; else the
/// year most often written as `tahun 20xx`, leaving out regulation citations (`Nomor 29 Tahun
/// 2014`).
fn report_year(lines: &[String]) -> Option<(Year, u32)> {
    let as_year = |text: &str| Year::new(text.parse().unwrap_or(0)).ok();
    let report_year_in = |text: &str| {
        let c = REPORT_YEAR.captures(text)?;
        let m = c.get(1)?;
        if PERIOD_AFTER.is_match(text.get(m.end()..).unwrap_or("")) {
            return None;
        }
        as_year(m.as_str())
    };
    for (i, line) in lines.iter().enumerate().take(400) {
        if let Some(y) = report_year_in(line) {
            return Some((y, u32::try_from(i + 1).unwrap_or(u32::MAX)));
        }
    }
    let cover: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .take(80)
        .filter(|(_, l)| !l.trim().is_empty() && l.len() < 200)
        .map(|(i, l)| (i, l.as_str()))
        .take(30)
        .collect();
    let joined = cover.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ");
    if let Some(y) = report_year_in(&joined) {
        let needle = y.to_string();
        if let Some((i, _)) = cover.iter().find(|(_, l)| l.contains(&needle)) {
            return Some((y, u32::try_from(i + 1).unwrap_or(u32::MAX)));
        }
    }
    let mut counts: HashMap<i64, (usize, u32)> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        for c in ANY_YEAR.captures_all(line) {
            let start = c.get(0).map_or(0, |m| m.start());
            let before = line
                .get(start.saturating_sub(30)..start)
                .unwrap_or("")
                .to_lowercase();
            if before.contains("nomor") || before.contains("no.") || before.contains("uu ") {
                continue;
            }
            let y: i64 = group(&c, 1).parse().unwrap_or(0);
            let e = counts
                .entry(y)
                .or_insert((0, u32::try_from(i + 1).unwrap_or(u32::MAX)));
            e.0 += 1;
        }
    }
    let (y, (_, line)) = counts.into_iter().max_by_key(|(y, (n, _))| (*n, *y))?;
    Year::new(y).ok().map(|y| (y, line))
}

/// `Karanganyar` for Kabupaten Karanganyar, but `Kota Madiun` for the city: the plain name of a
/// kabupaten, and a city's name that stays distinct from the kabupaten of the same name.
fn plain_kabupaten_name(k: &regions::Kabupaten) -> String {
    if k.kind == regions::KabupatenKind::Kota {
        k.name.clone()
    } else {
        k.short_name.clone()
    }
}

/// Identity of the report in `lines` (the kecamatan's own part).
pub fn identify(lines: &[String]) -> ReportIdentity {
    let kec_votes = name_votes(lines, &KECAMATAN, 1);
    let kab_votes = name_votes(lines, &KABUPATEN, 2);
    let gazetteer = regions::Gazetteer::official();
    let mut identity = ReportIdentity::default();
    let mut lines_used: Vec<u32> = Vec::new();
    // the best-voted pair that the official codes know; else the best-voted names as printed
    let mut resolved = None;
    'outer: for kab in kab_votes.iter().take(3) {
        for kec in kec_votes.iter().take(4) {
            if let Ok(r) = gazetteer.resolve_kecamatan(&kab.0, &kec.0) {
                resolved = Some((kab.clone(), kec.clone(), r));
                break 'outer;
            }
        }
    }
    match resolved {
        Some((kab, kec, r)) => {
            identity.kecamatan = Some(title_case(&r.kecamatan.name));
            identity.kabupaten = Some(plain_kabupaten_name(r.kabupaten));
            identity.provinsi = Some(r.provinsi.name.clone());
            identity.kode_kecamatan = Some(r.kecamatan.code.clone());
            lines_used.extend(kec.2.iter().take(2));
            lines_used.extend(kab.2.iter().take(2));
        }
        None => {
            if let Some(kec) = kec_votes.first() {
                identity.kecamatan = Some(kec.0.clone());
                lines_used.extend(kec.2.iter().take(2));
            }
            if let Some(kab) = kab_votes.first() {
                identity.kabupaten = Some(kab.0.clone());
                lines_used.extend(kab.2.iter().take(2));
                if let Ok(k) = gazetteer.resolve_kabupaten(&kab.0) {
                    identity.kabupaten = Some(plain_kabupaten_name(k));
                    if let Some(p) = gazetteer.provinsi_by_code(&k.provinsi_code) {
                        identity.provinsi = Some(p.name.clone());
                    }
                }
            }
        }
    }
    if let Some((year, line)) = report_year(lines) {
        identity.tahun = Some(year);
        lines_used.push(line);
    }
    lines_used.sort_unstable();
    lines_used.dedup();
    identity.lines = lines_used;
    identity
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile_and_vote() {
        assert!(
            KECAMATAN.compiles()
                && KABUPATEN.compiles()
                && REPORT_YEAR.compiles()
                && ANY_YEAR.compiles()
                && PERIOD_AFTER.compiles()
        );
        let lines: Vec<String> = [
            "LAPORAN KINERJA TAHUN 2023",
            "KECAMATAN JATEN",
            "Kecamatan Jaten merupakan OPD di Kabupaten Karanganyar",
            "kecamatan yang",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let id = identify(&lines);
        assert_eq!(id.kecamatan.as_deref(), Some("Jaten"));
        assert_eq!(id.kabupaten.as_deref(), Some("Karanganyar"));
        assert_eq!(id.tahun.map(|y| y.get()), Some(2023));
    }

    #[test]
    fn a_period_is_not_the_report_year() {
        let lines: Vec<String> = [
            "Laporan Kinerja disusun mengacu Renstra Tahun 2019-2023",
            "LAPORAN KINERJA (LKjIP) TAHUN 2022",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            report_year(&lines).map(|(y, l)| (y.get(), l)),
            Some((2022, 2))
        );
    }
}
