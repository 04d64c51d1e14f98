//! The indicator taxonomy (`data/indicators.toml`, embedded): names as printed → a stable concept
//! with unit and direction. An indicator that maps to none is still extracted (`canonical: null`).

use std::sync::OnceLock;

use model::Direction;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct Concept {
    pub key: String,
    #[serde(default)]
    pub label: String,
    pub unit: String,
    pub direction: Direction,
    #[serde(default)]
    pub scale: String,
    pub synonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    concept: Vec<Concept>,
}

const SOURCE: &str = include_str!("../../data/indicators.toml");

pub fn concepts() -> &'static [Concept] {
    static PARSED: OnceLock<Vec<Concept>> = OnceLock::new();
    PARSED.get_or_init(|| {
        toml::from_str::<File>(SOURCE)
            .map(|f| f.concept)
            .unwrap_or_default()
    })
}

/// The taxonomy as the warehouse stores it (`indicator_concept`).
pub fn indicator_concepts() -> Vec<model::IndicatorConcept> {
    concepts()
        .iter()
        .map(|c| model::IndicatorConcept {
            key: c.key.clone(),
            name: if c.label.is_empty() {
                c.key.clone()
            } else {
                c.label.clone()
            },
            synonyms: c.synonyms.clone(),
            unit: Some(c.unit.clone()).filter(|u| !u.is_empty()),
            direction: c.direction,
            scale: Some(c.scale.clone()).filter(|s| !s.is_empty()),
        })
        .collect()
}

/// Lower case, letters and digits only, single spaces, padded with spaces for whole-word search.
pub fn words_key(text: &str) -> String {
    let mut out = String::from(" ");
    for w in text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// The concept an indicator name means.
pub fn concept_of(name: &str) -> Option<&'static Concept> {
    let key = words_key(name);
    concepts()
        .iter()
        .find(|c| c.synonyms.iter().any(|s| key.contains(&words_key(s))))
}

/// Names that say lower is better even without a concept (`menurunnya`, `berkurangnya`).
pub fn direction_of(name: &str) -> Direction {
    if let Some(c) = concept_of(name) {
        return c.direction;
    }
    let key = words_key(name);
    let lower = [
        " menurun",
        " berkurang",
        " penurunan ",
        " pengurangan ",
        " lama waktu ",
        " jumlah pelanggaran ",
        " jumlah kasus ",
    ];
    if lower.iter().any(|w| key.contains(w)) {
        Direction::LowerIsBetter
    } else {
        Direction::HigherIsBetter
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy_parses_and_maps_synonyms() {
        assert!(concepts().len() >= 5);
        assert_eq!(
            concept_of("Nilai SAKIP OPD").map(|c| c.key.as_str()),
            Some("nilai_akip")
        );
        assert_eq!(
            concept_of("Nilai Survey Kepuasan Masyarakat(SKM) Pelayanan").map(|c| c.key.as_str()),
            Some("ikm")
        );
        assert_eq!(
            concept_of("Prosentase Desa yang Meningkatkan Skor Indeks Desa Membangun (IDM) nya")
                .map(|c| c.key.as_str()),
            Some("persen_desa_skor_idm_meningkat")
        );
        assert_eq!(
            concept_of("Indeks Desa Membangun").map(|c| c.key.as_str()),
            Some("idm")
        );
        assert_eq!(
            concept_of("Predikat Kinerja Kecamatan").map(|c| c.key.as_str()),
            Some("predikat_kinerja_kecamatan")
        );
        assert!(concept_of("Jumlah dokumen perencanaan").is_none());
    }
}
