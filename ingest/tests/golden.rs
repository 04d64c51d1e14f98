//! Key figures of each sample report, written from the hand-checked values in
//! `tests/expected/*.json` (made by reading the reports line by line), not from the parser's output.
#![allow(clippy::unwrap_used)]

mod common;

use model::extract::{Extracted, Indicator};
use model::Level;

fn s(v: Option<model::Exact>) -> Option<String> {
    v.map(|v| v.to_string())
}

fn indicator<'a>(e: &'a Extracted, target: &str, realisasi: &str) -> &'a Indicator {
    e.indicators
        .iter()
        .find(|i| {
            s(i.target).as_deref() == Some(target) && s(i.realisasi).as_deref() == Some(realisasi)
        })
        .unwrap_or_else(|| panic!("no indicator {target}/{realisasi} in {:#?}", e.indicators))
}

fn program(e: &Extracted, pagu: &str) -> (Option<String>, Option<String>, Option<String>) {
    let b = e.budget.as_ref().unwrap();
    let p = b
        .items
        .iter()
        .find(|i| i.level == Level::Program && s(i.pagu).as_deref() == Some(pagu))
        .unwrap_or_else(|| panic!("no program with pagu {pagu}"));
    (s(p.realisasi), p.kode.clone(), s(p.serapan_reported))
}

fn identity(e: &Extracted, kec: &str, kab: &str, prov: &str, year: u16) {
    assert_eq!(e.report.kecamatan.as_deref(), Some(kec));
    assert_eq!(e.report.kabupaten.as_deref(), Some(kab));
    assert_eq!(e.report.provinsi.as_deref(), Some(prov));
    assert_eq!(e.report.tahun.map(|y| y.get()), Some(year));
    assert!(e.report.kode_kecamatan.is_some());
}

fn program_count(e: &Extracted) -> usize {
    e.budget
        .as_ref()
        .unwrap()
        .items
        .iter()
        .filter(|i| i.level == Level::Program)
        .count()
}

fn has_issue(e: &Extracted, code: &str) -> bool {
    e.issues.iter().any(|i| i.code == code)
}

#[test]
fn jaten_2023() {
    let e = common::report("karanganyar-jaten");
    identity(&e, "Jaten", "Karanganyar", "Jawa Tengah", 2023);
    let c = e.camat.as_ref().unwrap();
    assert_eq!(c.nip.as_deref(), Some("197407151995032004"));
    assert_eq!(c.nama.as_deref(), Some("Wuli Padmi Handayani"));
    assert!(!c.plt);

    let sakip = indicator(&e, "70", "68.45");
    assert_eq!(sakip.canonical.as_deref(), Some("nilai_akip"));
    assert_eq!(s(sakip.capaian_reported).as_deref(), Some("97.78"));
    assert_eq!(s(sakip.capaian_computed).as_deref(), Some("97.79"));
    assert!(sakip.flags.contains(&"capaian_mismatch".to_string()));
    assert_eq!(sakip.lines, vec![992]);
    let ikm = indicator(&e, "75", "83.20");
    assert_eq!(ikm.canonical.as_deref(), Some("ikm"));
    assert_eq!(s(ikm.capaian_reported).as_deref(), Some("110.93"));
    assert_eq!(ikm.lines, vec![1027]);
    assert_eq!(e.indicators.len(), 2);
    // the 2022 realisasi of the main table goes to history
    assert!(e
        .history
        .iter()
        .any(|h| h.tahun.get() == 2022 && s(h.realisasi).as_deref() == Some("75.28")));

    let b = e.budget.as_ref().unwrap();
    assert_eq!(s(b.pagu).as_deref(), Some("3413100300"));
    assert_eq!(s(b.realisasi).as_deref(), Some("3129257771"));
    assert_eq!(s(b.serapan_reported).as_deref(), Some("91.68"));
    assert_eq!(program_count(&e), 6);
    assert_eq!(program(&e, "2592499700").0.as_deref(), Some("2083637017"));
    assert_eq!(program(&e, "33520000").0.as_deref(), Some("32500000"));
    assert_eq!(program(&e, "334900000").0.as_deref(), Some("334760000"));
    // the program row prints last year's 176.215.000; the figure that gives its 99,90 % is kept
    assert_eq!(program(&e, "180240000").0.as_deref(), Some("180065000"));
    assert_eq!(program(&e, "147186000").0.as_deref(), Some("145576000"));
    assert_eq!(program(&e, "124754600").0.as_deref(), Some("122912600"));
    assert!(has_issue(&e, "total_mismatch"));

    let ikm = e.ikm.as_ref().unwrap();
    assert_eq!(s(ikm.nilai).as_deref(), Some("83.20"));
    assert_eq!(s(ikm.nilai_recomputed).as_deref(), Some("83.29"));
    assert_eq!(s(ikm.responden).as_deref(), Some("297"));
    assert_eq!(ikm.mutu.as_deref(), Some("B"));
    assert_eq!(s(e.wilayah.jumlah_asn).as_deref(), Some("14"));
}

#[test]
fn kerjo_2025() {
    let e = common::report("karanganyar-kerjo");
    identity(&e, "Kerjo", "Karanganyar", "Jawa Tengah", 2025);
    let c = e.camat.as_ref().unwrap();
    assert_eq!(c.nip.as_deref(), Some("196905261988031001"));
    assert_eq!(c.nama.as_deref(), Some("Suwardoyo"));

    let sakip = indicator(&e, "73", "68.80");
    assert_eq!(sakip.canonical.as_deref(), Some("nilai_akip"));
    assert_eq!(s(sakip.capaian_reported).as_deref(), Some("94.24"));
    let idm = indicator(&e, "0.75", "0.81");
    assert_eq!(idm.canonical.as_deref(), Some("idm"));
    assert_eq!(s(idm.capaian_reported).as_deref(), Some("108"));
    assert_eq!(e.indicators.len(), 2);
    assert!(e.history.iter().any(|h| h.tahun.get() == 2024
        && s(h.target).as_deref() == Some("72")
        && s(h.realisasi).as_deref() == Some("68.80")));

    let b = e.budget.as_ref().unwrap();
    assert_eq!(s(b.pagu).as_deref(), Some("2488389980"));
    assert_eq!(s(b.realisasi).as_deref(), Some("1997147944"));
    assert_eq!(program_count(&e), 6);
    let expected = [
        ("2082138280", "1624922894", "7.01.01"),
        ("86639200", "77903700", "7.01.02"),
        ("67707500", "60576350", "7.01.03"),
        ("75600000", "66900000", "7.01.04"),
        ("116035000", "113720000", "7.01.05"),
        ("60270000", "53125000", "7.01.06"),
    ];
    for (pagu, real, code) in expected {
        let (r, k, _) = program(&e, pagu);
        assert_eq!(r.as_deref(), Some(real), "{code}");
        assert_eq!(k.as_deref(), Some(code));
    }
    assert!(b.items.iter().any(|i| i.level == Level::SubKegiatan));
    assert_eq!(s(e.wilayah.jumlah_asn).as_deref(), Some("13"));
}

#[test]
fn kartoharjo_2023() {
    let e = common::report("magetan-kartoharjo");
    identity(&e, "Kartoharjo", "Magetan", "Jawa Timur", 2023);
    assert_eq!(
        e.camat.as_ref().unwrap().nip.as_deref(),
        Some("196603021991031011")
    );
    let pk = indicator(&e, "70", "75");
    assert_eq!(pk.canonical.as_deref(), Some("predikat_kinerja_kecamatan"));
    assert_eq!(s(pk.capaian_reported).as_deref(), Some("107.14"));
    assert_eq!(s(pk.capaian_computed).as_deref(), Some("107.14"));
    assert_eq!(pk.lines, vec![889]);
    assert!(e.history.iter().any(|h| h.tahun.get() == 2022
        && s(h.target).as_deref() == Some("65")
        && s(h.realisasi).as_deref() == Some("64")));

    let b = e.budget.as_ref().unwrap();
    assert_eq!(s(b.pagu).as_deref(), Some("1677707236"));
    assert_eq!(s(b.realisasi).as_deref(), Some("1619004092"));
    assert_eq!(s(b.serapan_reported).as_deref(), Some("96.50"));
    assert_eq!(program_count(&e), 5);
    assert_eq!(program(&e, "1594907086").0, None);
    assert_eq!(program(&e, "7312050").0.as_deref(), Some("7143000"));
    assert_eq!(program(&e, "28946500").0.as_deref(), Some("28935400"));
    assert_eq!(program(&e, "33105600").0.as_deref(), Some("32485550"));
    assert_eq!(program(&e, "13436000").0.as_deref(), Some("13420000"));
    assert_eq!(s(e.wilayah.jumlah_asn).as_deref(), Some("10"));
}

#[test]
fn mlarak_2024() {
    let e = common::report("ponorogo-mlarak");
    identity(&e, "Mlarak", "Ponorogo", "Jawa Timur", 2024);
    assert_eq!(
        e.camat.as_ref().unwrap().nip.as_deref(),
        Some("197906081998021001")
    );
    assert_eq!(
        e.camat.as_ref().unwrap().nama.as_deref(),
        Some("Joko Setiawan")
    );
    let skm = indicator(&e, "80", "99");
    assert_eq!(skm.canonical.as_deref(), Some("ikm"));
    assert_eq!(s(skm.capaian_reported).as_deref(), Some("119"));
    assert_eq!(s(skm.capaian_computed).as_deref(), Some("123.75"));
    assert!(skm.flags.contains(&"capaian_mismatch".to_string()));
    let idm = indicator(&e, "90", "100");
    assert_eq!(
        idm.canonical.as_deref(),
        Some("persen_desa_skor_idm_meningkat")
    );
    assert_eq!(s(idm.capaian_reported).as_deref(), Some("110"));
    assert_eq!(e.indicators.len(), 2);
    // the position-level reports appended after the main report are not read
    assert!(has_issue(&e, "appended_documents"));
    assert!(e
        .indicators
        .iter()
        .all(|i| i.lines.iter().all(|l| *l < 1201)));

    let b = e.budget.as_ref().unwrap();
    assert_eq!(s(b.pagu).as_deref(), Some("1886154145"));
    assert_eq!(s(b.realisasi).as_deref(), Some("1853239182"));
    assert_eq!(program_count(&e), 5);
    for pagu in ["1990713900", "78287800", "0", "11000000", "36452800"] {
        assert_eq!(program(&e, pagu).0, None);
    }
    assert!(b.items.iter().all(|i| i.lines.iter().all(|l| *l < 1201)));
    assert_eq!(s(e.wilayah.luas_km2).as_deref(), Some("37.20"));
    assert_eq!(e.wilayah.desa.len(), 15);
    // the sentence says 17 staff; the four breakdown tables each total 15: the tables win, flagged
    assert_eq!(s(e.wilayah.jumlah_asn).as_deref(), Some("15"));
    assert!(e
        .issues
        .iter()
        .any(|i| i.code == "conflicting_values" && i.lines.contains(&452)));
    assert_eq!(s(e.ikm.as_ref().unwrap().nilai).as_deref(), Some("99"));
}

#[test]
fn no_lkjip_gives_not_an_lkjip() {
    let e = ingest::extract(
        "resep.txt",
        "Resep nasi goreng\nBahan: nasi, telur, kecap.\n".as_bytes(),
    );
    assert!(e
        .issues
        .iter()
        .any(|i| i.code == "not_an_lkjip" && i.severity == model::extract::Severity::Error));
    assert!(ingest::is_unusable(&e));
    for (file, bytes) in common::REPORTS {
        assert!(
            !ingest::is_unusable(&ingest::extract(file, bytes)),
            "{file}"
        );
    }
}

#[test]
fn source_block() {
    let (file, bytes) = common::REPORTS[0];
    let e = ingest::extract(file, bytes);
    assert_eq!(e.schema, model::EXTRACT_SCHEMA);
    assert_eq!(e.source.file, file);
    assert_eq!(e.source.lines, 1330);
    assert_eq!(e.source.sha256.len(), 64);
    assert_eq!(e.source.parser_version, ingest::PARSER_VERSION);
    assert_eq!(
        e.source.taxonomy_version.as_deref(),
        Some(ingest::taxonomy::taxonomy_version())
    );
    let empty = ingest::extract("empty.txt", b"");
    assert_eq!(empty.source.lines, 0);
    assert!(ingest::is_unusable(&empty));
}
