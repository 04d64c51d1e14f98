//! Which printed names the official region codes know, looked up without the resolver's
//! "did you mean" search: identity tries many (kabupaten, kecamatan) pairs and most do not
//! exist. A pair found here always resolves.

use std::collections::HashMap;
use std::sync::OnceLock;

use regions::{Gazetteer, Kabupaten, KabupatenKind};

struct Index {
    /// kabupaten key → kabupaten indexes (a kabupaten and a kota may share a key).
    kabupaten: HashMap<String, Vec<usize>>,
    /// kecamatan key → the codes of the kabupaten that have a kecamatan of that name.
    kecamatan: HashMap<String, Vec<String>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let g = Gazetteer::official();
        let mut kabupaten: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in g.kabupaten.iter().enumerate() {
            kabupaten
                .entry(regions::kabupaten_key(&k.name).0)
                .or_default()
                .push(i);
        }
        let mut kecamatan: HashMap<String, Vec<String>> = HashMap::new();
        for k in &g.kecamatan {
            kecamatan
                .entry(regions::kecamatan_key(&k.name))
                .or_default()
                .push(k.kabupaten_code.to_string());
        }
        Index {
            kabupaten,
            kecamatan,
        }
    })
}

/// The kabupaten/kota a printed name can mean (`Madiun`: the kabupaten and the kota).
pub fn kabupaten_named(name: &str) -> Vec<&'static Kabupaten> {
    let (key, kind) = regions::kabupaten_key(name);
    let g = Gazetteer::official();
    index()
        .kabupaten
        .get(&key)
        .into_iter()
        .flatten()
        .filter_map(|&i| g.kabupaten.get(i))
        .filter(|k| kind.is_none_or(|kind| k.kind == kind))
        .collect()
}

/// True when the printed kabupaten has a kecamatan of the printed name.
pub fn pair_exists(kabupaten: &str, kecamatan: &str) -> bool {
    let Some(codes) = index().kecamatan.get(&regions::kecamatan_key(kecamatan)) else {
        return false;
    };
    kabupaten_named(kabupaten)
        .iter()
        .any(|k| codes.iter().any(|c| c == k.code.as_str()))
}

/// The one kabupaten/kota that has a kecamatan of the printed name, when only one has.
pub fn only_kabupaten_with(kecamatan: &str) -> Option<&'static Kabupaten> {
    let codes = index().kecamatan.get(&regions::kecamatan_key(kecamatan))?;
    let [code] = codes.as_slice() else {
        return None;
    };
    let code: model::RegionCode = code.parse().ok()?;
    Gazetteer::official().kabupaten_by_code(&code)
}

/// True when `key` (`regions::kecamatan_key` / `kabupaten_key` of a name) is an official
/// kecamatan's or kabupaten's/kota's.
pub fn is_official_key(key: &str) -> bool {
    let i = index();
    i.kecamatan.contains_key(key) || i.kabupaten.contains_key(key)
}

/// True when the name is a kabupaten's or kota's (`Ngawi`, `Kota Batu`).
pub fn is_kabupaten(name: &str) -> bool {
    !kabupaten_named(name).is_empty()
}

/// `Karanganyar` for Kabupaten Karanganyar, but `Kota Madiun` for the city: the plain name of a
/// kabupaten, and a city's name that stays distinct from the kabupaten of the same name.
pub fn plain_kabupaten_name(k: &Kabupaten) -> String {
    if k.kind == KabupatenKind::Kota {
        k.name.clone()
    } else {
        k.short_name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_names() {
        assert!(pair_exists("Kabupaten Magetan", "Kartoharjo"));
        assert!(pair_exists("Madiun", "Kartoharjo"));
        assert!(!pair_exists("Kabupaten Madiun", "Kartoharjo"));
        assert!(!pair_exists("Ngawi", "Jaten"));
        assert_eq!(kabupaten_named("Madiun").len(), 2);
        assert_eq!(
            only_kabupaten_with("Rogojampi").map(|k| k.name.as_str()),
            Some("Kabupaten Banyuwangi")
        );
        assert!(only_kabupaten_with("Kartoharjo").is_none());
        assert!(is_kabupaten("Ngawi") && !is_kabupaten("Tugu"));
    }
}
