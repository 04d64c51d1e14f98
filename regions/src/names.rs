//! Name keys: how a printed region name is reduced before it is compared.
//!
//! Reports print `KECAMATAN JATEN`, `Kec. Jaten`, `Kab.Magetan`, `Kabupaten  Karanganyar `,
//! `PEMERINTAH KABUPATEN PONOROGO`; the gazetteer says `Jaten`, `Kabupaten Karanganyar`. A key is
//! the name in lower case, without its administrative prefix, punctuation or spaces, so all of
//! these meet. Spaces go too because reports join and split compound names (`Kebon Agung`,
//! `Kebonagung`).

/// Whether a printed kabupaten-level name says it is a kabupaten or a kota, or does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KabupatenKind {
    Kabupaten,
    Kota,
}

fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Leading words that only say "the government of": dropped before the prefix is read.
const GOVERNMENT_WORDS: [&str; 2] = ["pemerintah", "pemkab"];

/// The key of a kabupaten/kota name and the kind its prefix states, if any.
pub fn kabupaten_key(name: &str) -> (String, Option<KabupatenKind>) {
    let mut words = words(name);
    while words
        .first()
        .is_some_and(|w| GOVERNMENT_WORDS.contains(&w.as_str()))
    {
        words.remove(0);
    }
    let kind = match words.first().map(String::as_str) {
        Some("kabupaten" | "kab") => Some(KabupatenKind::Kabupaten),
        Some("kota" | "kotamadya") => Some(KabupatenKind::Kota),
        _ => None,
    };
    if kind.is_some() {
        words.remove(0);
        // Jakarta's units are `Kota Administrasi …` / `Kabupaten Administrasi …`.
        if words
            .first()
            .is_some_and(|w| w == "administrasi" || w == "adm")
        {
            words.remove(0);
        }
    }
    (words.concat(), kind)
}

/// The key of a kecamatan name, without a `Kecamatan`/`Kec.` prefix.
pub fn kecamatan_key(name: &str) -> String {
    let mut words = words(name);
    if words
        .first()
        .is_some_and(|w| w == "kecamatan" || w == "kec")
    {
        words.remove(0);
    }
    words.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_case_and_spacing_do_not_matter() {
        for printed in [
            "Kabupaten Magetan",
            "KAB. MAGETAN",
            "kab.magetan",
            " Magetan ",
            "PEMERINTAH KABUPATEN MAGETAN",
        ] {
            assert_eq!(kabupaten_key(printed).0, "magetan", "{printed:?}");
        }
        assert_eq!(kabupaten_key("Kota Madiun").1, Some(KabupatenKind::Kota));
        assert_eq!(kabupaten_key("Madiun").1, None);
        assert_eq!(
            kabupaten_key("Kota Administrasi Jakarta Pusat").0,
            "jakartapusat"
        );
        for printed in [
            "Kecamatan Kartoharjo",
            "KEC. KARTOHARJO",
            "kartoharjo",
            "Kec Kartoharjo",
        ] {
            assert_eq!(kecamatan_key(printed), "kartoharjo", "{printed:?}");
        }
        assert_eq!(kecamatan_key("Kebon Agung"), kecamatan_key("KEBONAGUNG"));
    }
}
