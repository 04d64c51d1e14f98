//! The indicator taxonomy (`data/indicators.toml`, embedded): names as printed → a stable concept
//! with unit and direction. An indicator that maps to none is still extracted (`canonical: null`).

use std::sync::OnceLock;

use model::{Direction, Extracted};
use serde::Deserialize;
use sha2::{Digest, Sha256};

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

/// A taxonomy and its version: the embedded one ([`Taxonomy::embedded`]) or another file's
/// (`kinerja reextract --taxonomy`, tests), so that re-mapping can be tried with a changed file.
#[derive(Clone, Debug)]
pub struct Taxonomy {
    concepts: Vec<Concept>,
    version: String,
}

impl Taxonomy {
    /// Parses a taxonomy file (the format of `data/indicators.toml`).
    pub fn from_toml(source: &str) -> Result<Taxonomy, toml::de::Error> {
        Ok(Taxonomy {
            concepts: toml::from_str::<File>(source)?.concept,
            version: sha256_hex(source.as_bytes()),
        })
    }

    /// The taxonomy built into the binary (`data/indicators.toml`).
    pub fn embedded() -> &'static Taxonomy {
        static PARSED: OnceLock<Taxonomy> = OnceLock::new();
        PARSED.get_or_init(|| {
            Taxonomy::from_toml(SOURCE).unwrap_or_else(|_| Taxonomy {
                concepts: Vec::new(),
                version: sha256_hex(SOURCE.as_bytes()),
            })
        })
    }

    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// Hex sha256 of the file's text: what a report records as its `taxonomy_version`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The concept an indicator name means: the first whose synonym occurs in it as whole words.
    pub fn concept_of(&self, name: &str) -> Option<&Concept> {
        let key = words_key(name);
        self.concepts
            .iter()
            .find(|c| c.synonyms.iter().any(|s| key.contains(&words_key(s))))
    }

    /// The taxonomy as the warehouse stores it (`indicator_concept`).
    pub fn indicator_concepts(&self) -> Vec<model::IndicatorConcept> {
        self.concepts
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

    /// Maps every figure of an extract to this taxonomy's concepts: `canonical` of indicators
    /// and history entries, and an indicator's unit and direction when its concept names them
    /// (the computed capaian follows the direction). An indicator this taxonomy does not map
    /// keeps the unit and direction read from the report.
    pub fn remap(&self, extract: &mut Extracted) {
        extract.source.taxonomy_version = Some(self.version.clone());
        for indicator in &mut extract.indicators {
            let concept = self.concept_of(&indicator.name);
            indicator.canonical = concept.map(|c| c.key.clone());
            if let Some(c) = concept {
                if !c.unit.is_empty() {
                    indicator.unit = Some(c.unit.clone());
                }
                if c.direction != indicator.direction {
                    indicator.direction = c.direction;
                    indicator.capaian_computed = match (indicator.target, indicator.realisasi) {
                        (Some(t), Some(r)) => c.direction.capaian(t, r, 6),
                        _ => None,
                    };
                }
            }
        }
        for entry in &mut extract.history {
            // A history entry read from a captioned yearly table is named by its concept's
            // label, which need not be a synonym: its concept stays while the taxonomy has it.
            let known = |key: &String| self.concepts.iter().any(|c| &c.key == key);
            entry.canonical = self
                .concept_of(&entry.name)
                .map(|c| c.key.clone())
                .or_else(|| entry.canonical.take().filter(known));
        }
    }
}

/// Hex sha256 of the embedded taxonomy file: the version recorded with every load.
pub fn taxonomy_version() -> &'static str {
    Taxonomy::embedded().version()
}

pub fn concepts() -> &'static [Concept] {
    Taxonomy::embedded().concepts()
}

/// The taxonomy as the warehouse stores it (`indicator_concept`).
pub fn indicator_concepts() -> Vec<model::IndicatorConcept> {
    Taxonomy::embedded().indicator_concepts()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
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

/// The concept an indicator name means (embedded taxonomy).
pub fn concept_of(name: &str) -> Option<&'static Concept> {
    Taxonomy::embedded().concept_of(name)
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

    #[test]
    fn a_taxonomy_file_has_a_version_and_remaps_an_extract() {
        let embedded = Taxonomy::embedded();
        assert_eq!(embedded.version().len(), 64);
        assert_eq!(taxonomy_version(), embedded.version());
        let edited = SOURCE.replacen("\"berpredikat kinerja\", ", "", 1);
        assert_ne!(edited, SOURCE, "the synonym is in the file");
        let older = Taxonomy::from_toml(&edited).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(older.version(), embedded.version());
        let name = "Kecamatan Berpredikat Kinerja Baik";
        assert!(older.concept_of(name).is_none());
        let mut extract: Extracted = serde_json::from_value(serde_json::json!({
            "schema": "kinerja.extract/1",
            "source": {"file": "a.txt", "sha256": "x", "lines": 1, "parser_version": "0"},
            "report": {"lines": []},
            "indicators": [{"level": "sasaran", "name": name, "canonical": null,
                "direction": "higher_is_better", "tahun": 2023, "target": "70",
                "realisasi": "75", "capaian_reported": null, "capaian_computed": null,
                "lines": [1], "flags": []}],
            "issues": []
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        embedded.remap(&mut extract);
        assert_eq!(
            extract.indicators[0].canonical.as_deref(),
            Some("predikat_kinerja_kecamatan")
        );
        assert_eq!(
            extract.source.taxonomy_version.as_deref(),
            Some(embedded.version())
        );
        older.remap(&mut extract);
        assert_eq!(extract.indicators[0].canonical, None);
        assert!(Taxonomy::from_toml("concept = 3").is_err());
    }
}
