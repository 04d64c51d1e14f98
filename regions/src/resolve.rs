//! From names as a report prints them to official regions, with "did you mean" help.

use crate::gazetteer::{Gazetteer, Kabupaten, Kecamatan, Provinsi};
use crate::names::{kabupaten_key, kecamatan_key};

/// A kecamatan with the kabupaten and provinsi it belongs to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resolved<'a> {
    pub provinsi: &'a Provinsi,
    pub kabupaten: &'a Kabupaten,
    pub kecamatan: &'a Kecamatan,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("no kabupaten or kota is named `{name}`{}", did_you_mean(.suggestions))]
    UnknownKabupaten {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("`{name}` could mean {}; say `Kabupaten {name}` or `Kota {name}`", .candidates.join(" or "))]
    AmbiguousKabupaten {
        name: String,
        candidates: Vec<String>,
    },
    #[error("{kabupaten} has no kecamatan named `{name}`{}", did_you_mean(.suggestions))]
    UnknownKecamatan {
        name: String,
        kabupaten: String,
        suggestions: Vec<String>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean: {}?)", suggestions.join(", "))
    }
}

/// How alike two keys must be (Jaro-Winkler) to be offered as a suggestion.
const SUGGESTION_THRESHOLD: f64 = 0.85;
const MAX_SUGGESTIONS: usize = 5;

/// The closest `(key, label)` candidates to `key`, best first.
fn closest<'a>(key: &str, candidates: impl Iterator<Item = (String, String)> + 'a) -> Vec<String> {
    let mut scored: Vec<(f64, String)> = candidates
        .map(|(candidate, label)| (strsim::jaro_winkler(key, &candidate), label))
        .filter(|(score, _)| *score >= SUGGESTION_THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, label)| label)
        .collect()
}

impl Gazetteer {
    /// Every kabupaten/kota the printed name can mean: one, or a kabupaten and a kota of the
    /// same name when the report does not say which (`Madiun`).
    fn kabupaten_candidates(&self, name: &str) -> Result<Vec<&Kabupaten>, ResolveError> {
        let (key, kind) = kabupaten_key(name);
        let found: Vec<&Kabupaten> = self
            .kabupaten_by_key
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&i| &self.kabupaten[i])
            .filter(|k| kind.is_none_or(|kind| k.kind == kind))
            .collect();
        if found.is_empty() {
            let suggestions = closest(
                &key,
                self.kabupaten
                    .iter()
                    .map(|k| (kabupaten_key(&k.name).0, k.name.clone())),
            );
            return Err(ResolveError::UnknownKabupaten {
                name: name.trim().to_owned(),
                suggestions,
            });
        }
        Ok(found)
    }

    /// The kabupaten/kota a printed name means.
    pub fn resolve_kabupaten(&self, name: &str) -> Result<&Kabupaten, ResolveError> {
        match self.kabupaten_candidates(name)?.as_slice() {
            [only] => Ok(only),
            several => Err(ResolveError::AmbiguousKabupaten {
                name: name.trim().to_owned(),
                candidates: several.iter().map(|k| k.name.clone()).collect(),
            }),
        }
    }

    /// The kecamatan a printed name means inside the printed kabupaten (kecamatan names repeat
    /// across kabupaten: Kartoharjo is in Kabupaten Magetan and in Kota Madiun).
    pub fn resolve_kecamatan(
        &self,
        kabupaten: &str,
        kecamatan: &str,
    ) -> Result<Resolved<'_>, ResolveError> {
        let candidates = self.kabupaten_candidates(kabupaten)?;
        let key = kecamatan_key(kecamatan);
        for kab in &candidates {
            if let Some(&i) = self
                .kecamatan_by_key
                .get(&(kab.code.to_string(), key.clone()))
            {
                return Ok(self.resolved(kab, &self.kecamatan[i]));
            }
        }
        let inside = candidates.iter().flat_map(|kab| {
            self.kecamatan_of(&kab.code)
                .map(|k| (kecamatan_key(&k.name), format!("{} ({})", k.name, kab.name)))
        });
        let mut suggestions = closest(&key, inside);
        if suggestions.is_empty() {
            // Perhaps the report's kabupaten is wrong: say where a kecamatan of that name is.
            suggestions = closest(
                &key,
                self.kecamatan.iter().map(|k| {
                    let kab = self
                        .kabupaten_by_code(&k.kabupaten_code)
                        .map_or("?", |kab| kab.name.as_str());
                    (kecamatan_key(&k.name), format!("{} ({kab})", k.name))
                }),
            );
        }
        Err(ResolveError::UnknownKecamatan {
            name: kecamatan.trim().to_owned(),
            kabupaten: candidates
                .iter()
                .map(|k| k.name.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            suggestions,
        })
    }

    fn resolved<'a>(&'a self, kabupaten: &'a Kabupaten, kecamatan: &'a Kecamatan) -> Resolved<'a> {
        // Parent codes are checked by the gazetteer test; a missing parent would be a data bug.
        let provinsi = self
            .provinsi_by_code(&kabupaten.provinsi_code)
            .unwrap_or(&self.provinsi[0]);
        Resolved {
            provinsi,
            kabupaten,
            kecamatan,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(kab: &str, kec: &str) -> String {
        Gazetteer::official()
            .resolve_kecamatan(kab, kec)
            .map(|r| r.kecamatan.code.to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn resolves_the_corpus_kecamatan_to_distinct_codes() {
        assert_eq!(
            code("Kabupaten Magetan", "Kecamatan Kartoharjo"),
            "35.20.15"
        );
        assert_eq!(code("KOTA MADIUN", "kartoharjo"), "35.77.01");
        assert_eq!(code("Kab. Ponorogo", "Kec. Mlarak"), "35.02.08");
        assert_eq!(code(" karanganyar ", "JATEN"), "33.13.11");
        assert_eq!(code("Kabupaten Karanganyar", "Kerjo"), "33.13.16");
    }

    #[test]
    fn an_unprefixed_shared_name_is_settled_by_the_kecamatan() {
        // Kabupaten Madiun and Kota Madiun share a name; only the kota has Kartoharjo.
        assert_eq!(code("Madiun", "Kartoharjo"), "35.77.01");
        let g = Gazetteer::official();
        assert!(matches!(
            g.resolve_kabupaten("Madiun"),
            Err(ResolveError::AmbiguousKabupaten { .. })
        ));
    }

    #[test]
    fn infers_the_province() {
        let r = Gazetteer::official()
            .resolve_kecamatan("Ponorogo", "Mlarak")
            .unwrap();
        assert_eq!(r.provinsi.name, "Jawa Timur");
        assert_eq!(r.kabupaten.name, "Kabupaten Ponorogo");
    }

    #[test]
    fn unknown_names_get_helpful_errors() {
        let g = Gazetteer::official();
        let err = g
            .resolve_kecamatan("Magetan", "Kartoharja")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("did you mean: Kartoharjo (Kabupaten Magetan)"),
            "{err}"
        );
        let err = g.resolve_kecamatan("Magetan", "Zzyzx Nowhere").unwrap_err();
        assert!(
            matches!(&err, ResolveError::UnknownKecamatan { suggestions, .. } if suggestions.is_empty()),
            "{err}"
        );
        assert!(err
            .to_string()
            .contains("Kabupaten Magetan has no kecamatan named `Zzyzx Nowhere`"));
        let err = g
            .resolve_kabupaten("Kabupaten Magetn")
            .unwrap_err()
            .to_string();
        assert!(err.contains("did you mean: Kabupaten Magetan"), "{err}");
        // Named in the wrong kabupaten: the error says where the name does exist.
        let err = g
            .resolve_kecamatan("Ponorogo", "Kartoharjo")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("Kartoharjo (Kabupaten Magetan)")
                && err.contains("Kartoharjo (Kota Madiun)"),
            "{err}"
        );
    }
}
