//! The roles a table column can have ([`Role`]) and the role a header cell names. Reports name
//! the same column many ways (`Real.`, `Realisasi (Rp)`, `% Capaian`, `Persentase`, `Anggaran`,
//! `Pagu`, `Target (Rp.)`); the order of the tests below matters: `Realisasi Anggaran` is a
//! realisasi, `% Realisasi` a percentage, `Target Akhir Renstra` no target of the year.

use crate::pattern::Pattern;

/// What a table column holds, as its header names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Kode,
    /// The indicator's name.
    Indicator,
    /// Tujuan / sasaran text.
    Goal,
    /// Program / kegiatan / uraian: the budget line's name.
    Uraian,
    Satuan,
    Target,
    Realisasi,
    Capaian,
    Pagu,
    Other,
}

/// Words (lower case) one of which each role test of [`role_of`] needs.
static ROLE_WORDS: Pattern = Pattern::new(
    r"kode|terhadap|akhir|renstra|efisiensi|selisih|sisa|predikat|kategori|ket|sumber|triwulan|tw|semester|capaian|persen|prosentase|%|real|target|rp|anggaran|rencana|pagu|alokasi|dpa|belanja|indikator|satuan|program|uraian|kegiatan|nama|sasaran|tujuan|no",
);

/// The role a header cell names, and whether the hint is weak.
pub fn role_of(text: &str) -> Option<(Role, bool)> {
    // header cells are short; a long cell is a name or a sentence
    if text.len() > 80 {
        return None;
    }
    let t = text.to_lowercase();
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    // OCR and narrow columns break header words (`Capa ian`, `Reali-sasi`)
    let compact: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    // every test below needs one of these words in the cell or in its compact form: a cell with
    // none is no header (most data cells), found with one literal search
    if !ROLE_WORDS.is_match(t) && !ROLE_WORDS.is_match(&compact) {
        return None;
    }
    let has = |w: &str| {
        t.contains(w)
            || (w.len() >= 6
                && if w.contains(' ') {
                    compact.contains(&w.replace(' ', ""))
                } else {
                    compact.contains(w)
                })
    };
    let word = |w: &str| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    if has("kode") {
        return Some((Role::Kode, false));
    }
    if has("terhadap")
        || has("akhir")
        || has("renstra")
        || has("rpjmd")
        || has("efisiensi")
        || has("selisih")
        || has("sisa")
        || has("predikat")
        || has("kategori")
        || has("keterangan")
        || word("ket")
        || has("sumber")
        // a quarter's or semester's figure is not the year's (Rencana Aksi tables)
        || has("triwulan")
        || word("tw")
        || has("semester")
        // another level of government's figures, printed for comparison
        || word("kabupaten")
        || word("provinsi")
        || word("nasional")
    {
        return Some((Role::Other, false));
    }
    if has("capaian")
        || has("persentase")
        || has("prosentase")
        || t.starts_with('%')
        || t.ends_with('%')
        || has("( % )")
        || has("(%)")
        || word("persen")
    {
        return Some((Role::Capaian, false));
    }
    if has("realisasi") || word("real") || word("realis") {
        return Some((Role::Realisasi, false));
    }
    if has("target") && (has("rp") || has("anggaran")) {
        return Some((Role::Pagu, false));
    }
    if has("target") || has("rencana tingkat capaian") || word("rencana") {
        return Some((Role::Target, false));
    }
    if has("anggaran")
        || has("pagu")
        || has("alokasi")
        || word("dpa")
        || word("belanja") && has("rp")
    {
        return Some((Role::Pagu, false));
    }
    if has("indikator") {
        return Some((Role::Indicator, false));
    }
    if has("satuan") {
        return Some((Role::Satuan, false));
    }
    if has("program") || has("uraian") || has("kegiatan") || word("nama") || has("jenis belanja") {
        return Some((Role::Uraian, false));
    }
    if has("sasaran") || has("tujuan") {
        return Some((Role::Goal, false));
    }
    if word("rp") {
        return Some((Role::Pagu, true));
    }
    if word("no") || word("nomor") {
        return Some((Role::Other, false));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_words_compile_and_headers_keep_their_roles() {
        assert!(ROLE_WORDS.compiles());
        assert_eq!(role_of("Reali-sasi").map(|r| r.0), Some(Role::Realisasi));
        assert_eq!(role_of("( % )").map(|r| r.0), Some(Role::Capaian));
        assert_eq!(role_of("Capa ian").map(|r| r.0), Some(Role::Capaian));
        assert_eq!(role_of("Meningkatnya Kualitas Layanan"), None);
    }
}
