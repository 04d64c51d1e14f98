//! Report openings (covers, running headers, forewords, the first chapter's first lines) of
//! kecamatan in kabupaten/kota outside the sample corpus, in the styles real reports use:
//! letter-spaced OCR covers, two years on the cover, a kabupaten printed only in the foreword's
//! place-and-date line or a table's source note, another kecamatan named in the body. Written for
//! these tests (real region names from data/wilayah). Each identity field must come out right, or
//! be absent and flagged `missing_identity`, or come with a `conflicting_identity` /
//! `ambiguous_year` flag: never wrong without a flag.

struct Opening {
    name: &'static str,
    text: &'static str,
    kecamatan: &'static str,
    kabupaten: &'static str,
    provinsi: &'static str,
    tahun: u16,
    /// Issue codes the opening must raise.
    flags: &'static [&'static str],
}

/// Filler that makes an opening an LKjIP to the extractor (its vocabulary).
const BODY: &str = "\nBAB III AKUNTABILITAS KINERJA\nCapaian kinerja organisasi diukur dengan indikator kinerja.\nIndikator kinerja utama ditetapkan dalam perjanjian kinerja.\n";

const OPENINGS: [Opening; 14] = [
    Opening {
        name: "letter-spaced cover, fragments",
        text: "LAPORAN KINERJA INSTANSI PEMERINTAH\nKECAM ATAN SUKO HARJO\nKABUP ATEN SUKO HARJO\nTAH UN 2 0 2 2\n\nKATA PENGANTAR\nPuji syukur kami panjatkan atas tersusunnya laporan ini.\n",
        kecamatan: "Sukoharjo",
        kabupaten: "Sukoharjo",
        provinsi: "Jawa Tengah",
        tahun: 2022,
        flags: &[],
    },
    Opening {
        name: "letter-spaced cover, single letters",
        text: "L A P O R A N  K I N E R J A\nK E C A M A T A N  L A W E Y A N\nK O T A  S U R A K A R T A\nT A H U N  2 0 2 3\n\nKATA PENGANTAR\nPuji syukur kami panjatkan atas tersusunnya laporan ini.\n",
        kecamatan: "Laweyan",
        kabupaten: "Kota Surakarta",
        provinsi: "Jawa Tengah",
        tahun: 2023,
        flags: &[],
    },
    Opening {
        name: "two years on the cover",
        text: "LAPORAN KINERJA INSTANSI PEMERINTAH\n(LKjIP) TAHUN 2023\nKECAMATAN PRACIMANTORO\nKABUPATEN WONOGIRI\n2024\n\nKATA PENGANTAR\nLaporan ini disusun pada bulan Januari tahun 2024 sebagai pertanggungjawaban.\n\nPracimantoro, 15 Januari 2024\nCAMAT PRACIMANTORO\n",
        kecamatan: "Pracimantoro",
        kabupaten: "Wonogiri",
        provinsi: "Jawa Tengah",
        tahun: 2023,
        flags: &[],
    },
    Opening {
        name: "report year and publication date on the cover",
        text: "LAPORAN KINERJA\nKECAMATAN AMPEL\nKABUPATEN BOYOLALI\nTAHUN ANGGARAN 2023\nDisusun Februari 2024\n\nKATA PENGANTAR\nLaporan kinerja ini disusun pada tahun 2024.\n",
        kecamatan: "Ampel",
        kabupaten: "Boyolali",
        provinsi: "Jawa Tengah",
        tahun: 2023,
        flags: &[],
    },
    Opening {
        name: "kabupaten only in the foreword's place-and-date line",
        text: "LAPORAN KINERJA INSTANSI PEMERINTAH\nKECAMATAN WIDODAREN\nTAHUN 2023\n\nKATA PENGANTAR\nPuji syukur kami panjatkan atas tersusunnya LKjIP Kecamatan Widodaren.\n\nNgawi, 5 Januari 2024\nCAMAT WIDODAREN\n",
        kecamatan: "Widodaren",
        kabupaten: "Ngawi",
        provinsi: "Jawa Timur",
        tahun: 2023,
        flags: &[],
    },
    Opening {
        name: "kabupaten only in the place-and-date line, a name shared by a kota",
        text: "LAPORAN KINERJA\nKECAMATAN DOLOPO\nTAHUN 2024\n\nKATA PENGANTAR\nLaporan Kinerja Kecamatan Dolopo disusun sebagai pertanggungjawaban.\n\nMadiun, Januari 2025\nCAMAT DOLOPO\n",
        kecamatan: "Dolopo",
        kabupaten: "Madiun",
        provinsi: "Jawa Timur",
        tahun: 2024,
        flags: &[],
    },
    Opening {
        name: "kabupaten only in a table's source note",
        text: "LAPORAN KINERJA KECAMATAN PANGGUL TAHUN 2023\n\nKATA PENGANTAR\nPuji syukur kami panjatkan.\n\nBAB I PENDAHULUAN\nLuas wilayah Kecamatan Panggul adalah 130,08 km2.\nNo\tDesa\tLuas\n1\tBodag\t10,2\nSumber : Trenggalek Dalam Angka 2023\n",
        kecamatan: "Panggul",
        kabupaten: "Trenggalek",
        provinsi: "Jawa Timur",
        tahun: 2023,
        flags: &[],
    },
    Opening {
        name: "a village in the place-and-date line is no kabupaten",
        text: "LAPORAN KINERJA\nKECAMATAN ROGOJAMPI\nTAHUN 2023\n\nKATA PENGANTAR\nPuji syukur kami panjatkan.\n\nGitik, 3 Januari 2024\nCAMAT ROGOJAMPI\n",
        kecamatan: "Rogojampi",
        // printed nowhere; the only kabupaten with a Kecamatan Rogojampi, said so
        kabupaten: "Banyuwangi",
        provinsi: "Jawa Timur",
        tahun: 2023,
        flags: &["inferred_region"],
    },
    Opening {
        name: "an official's earlier kecamatan in the body",
        text: "LAPORAN KINERJA INSTANSI PEMERINTAH\nKECAMATAN GEMOLONG\nKABUPATEN SRAGEN\nTAHUN 2023\n\nKATA PENGANTAR\nCamat sebelumnya menjabat Camat di Kecamatan Sumberlawang.\nPengalaman di Kecamatan Sumberlawang dan program Kecamatan Sumberlawang diterapkan.\nKecamatan Sumberlawang menjadi contoh.\n",
        kecamatan: "Gemolong",
        kabupaten: "Sragen",
        provinsi: "Jawa Tengah",
        tahun: 2023,
        flags: &["conflicting_identity"],
    },
    Opening {
        name: "running headers, no cover, a neighbour named once",
        text: "KATA PENGANTAR\nPuji syukur kami panjatkan atas tersusunnya laporan ini.\nLKjIP Kecamatan Sewon Tahun 2023   i\nBAB I PENDAHULUAN\nSebelah utara berbatasan dengan Kecamatan Kasihan.\nWilayah Kabupaten Bantul bagian tengah.\nisi\nisi\nLKjIP Kecamatan Sewon Tahun 2023   2\nisi\nisi\nisi\nisi\nLKjIP Kecamatan Sewon Tahun 2023   3\nisi\nisi\nisi\nisi\nLKjIP Kecamatan Sewon Tahun 2023   4\n",
        kecamatan: "Sewon",
        kabupaten: "Bantul",
        provinsi: "Daerah Istimewa Yogyakarta",
        tahun: 2023,
        flags: &[],
    },
    Opening {
        name: "a kecamatan that shares a kota's name",
        text: "PEMERINTAH KABUPATEN SLEMAN\nLAPORAN KINERJA KECAMATAN DEPOK\nTAHUN 2024\n\nKATA PENGANTAR\nPuji syukur kami panjatkan.\n",
        kecamatan: "Depok",
        kabupaten: "Sleman",
        provinsi: "Daerah Istimewa Yogyakarta",
        tahun: 2024,
        flags: &[],
    },
    Opening {
        name: "a neighbouring kecamatan in a heading",
        text: "LAPORAN KINERJA\nKECAMATAN PARON\nKABUPATEN NGAWI\nTAHUN 2022\n\nKATA PENGANTAR\nPuji syukur kami panjatkan.\n\nBAB I PENDAHULUAN\nKERJA SAMA DENGAN KECAMATAN GENENG\nKecamatan Paron bekerja sama dengan kecamatan tetangga.\n",
        kecamatan: "Paron",
        kabupaten: "Ngawi",
        provinsi: "Jawa Timur",
        tahun: 2022,
        flags: &["conflicting_identity"],
    },
    Opening {
        name: "two report years on the cover",
        text: "LAPORAN KINERJA\nTAHUN 2024\nKECAMATAN JATINOM\nKABUPATEN KLATEN\nTAHUN 2023\n\nKATA PENGANTAR\nPuji syukur kami panjatkan.\n",
        kecamatan: "Jatinom",
        kabupaten: "Klaten",
        provinsi: "Jawa Tengah",
        tahun: 2023,
        flags: &["ambiguous_year"],
    },
    Opening {
        name: "kota cover with markdown bold",
        text: "**PEMERINTAH KOTA BATU**\n**KECAMATAN BUMIAJI**\n\n**LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2023**\n\n## KATA PENGANTAR\nPuji syukur kami panjatkan. Kecamatan Junrejo dan Kecamatan Batu adalah tetangga.\n\nBatu, 10 Januari 2024\n",
        kecamatan: "Bumiaji",
        kabupaten: "Kota Batu",
        provinsi: "Jawa Timur",
        tahun: 2023,
        flags: &[],
    },
];

fn has(e: &model::Extracted, code: &str) -> bool {
    e.issues.iter().any(|i| i.code == code)
}

/// Right, or absent and flagged missing, or flagged as a doubt: never wrong without a flag.
fn right_or_flagged(
    e: &model::Extracted,
    field: &str,
    got: Option<String>,
    want: &str,
    doubt: &str,
) -> Result<(), String> {
    match got {
        Some(g) if g == want => Ok(()),
        None if want.is_empty() || has(e, "missing_identity") => Ok(()),
        Some(g) if has(e, doubt) => {
            let _ = g;
            Ok(())
        }
        other => Err(format!("{field}: {other:?}, expected {want:?}, no flag")),
    }
}

#[test]
fn openings_of_other_kabupaten_are_right_or_flagged() {
    let mut failures = Vec::new();
    for o in &OPENINGS {
        let text = format!("{}{BODY}", o.text);
        let e = ingest::extract("opening.txt", text.as_bytes());
        let r = &e.report;
        let checks = [
            right_or_flagged(
                &e,
                "kecamatan",
                r.kecamatan.clone(),
                o.kecamatan,
                "conflicting_identity",
            ),
            right_or_flagged(
                &e,
                "kabupaten",
                r.kabupaten.clone(),
                o.kabupaten,
                "conflicting_identity",
            ),
            right_or_flagged(
                &e,
                "provinsi",
                r.provinsi.clone(),
                o.provinsi,
                "conflicting_identity",
            ),
            right_or_flagged(
                &e,
                "tahun",
                r.tahun.map(|y| y.get().to_string()),
                &o.tahun.to_string(),
                "ambiguous_year",
            ),
        ];
        for c in checks {
            if let Err(message) = c {
                failures.push(format!("{}: {message}", o.name));
            }
        }
        // and the values these openings are written to give, with their flags
        let want = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let exact = (
            r.kecamatan.clone(),
            r.kabupaten.clone(),
            r.provinsi.clone(),
            r.tahun.map(|y| y.get()),
        );
        let expected = (
            want(o.kecamatan),
            want(o.kabupaten),
            want(o.provinsi),
            Some(o.tahun),
        );
        if exact != expected {
            failures.push(format!("{}: {exact:?}, expected {expected:?}", o.name));
        }
        for flag in o.flags {
            if !has(&e, flag) {
                failures.push(format!("{}: no `{flag}` issue", o.name));
            }
        }
        for doubt in ["conflicting_identity", "ambiguous_year"] {
            if has(&e, doubt) && !o.flags.contains(&doubt) {
                let issues: Vec<&str> = e.issues.iter().map(|i| i.message.as_str()).collect();
                failures.push(format!("{}: unexpected `{doubt}`: {issues:?}", o.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_flag_names_both_kecamatan_and_their_lines() {
    let Some(o) = OPENINGS.iter().find(|o| o.name.starts_with("an official")) else {
        panic!("opening missing");
    };
    let text = format!("{}{BODY}", o.text);
    let e = ingest::extract("opening.txt", text.as_bytes());
    let Some(issue) = e.issues.iter().find(|i| i.code == "conflicting_identity") else {
        panic!("no conflicting_identity: {:?}", e.issues);
    };
    assert!(
        issue.message.contains("Gemolong") && issue.message.contains("Sumberlawang"),
        "{}",
        issue.message
    );
    assert!(
        issue.lines.contains(&2) && issue.lines.contains(&7),
        "{:?}",
        issue.lines
    );
}

mod common;

/// `JATEN` → `J A T E N`: how OCR reads a widely tracked cover font.
fn letter_spaced(word: &str) -> String {
    word.chars().map(String::from).collect::<Vec<_>>().join(" ")
}

/// Another kecamatan of the report's kabupaten (the first by code that is not its own).
fn neighbour(e: &model::Extracted) -> String {
    let g = regions::Gazetteer::official();
    let own = e.report.kode_kecamatan.clone();
    let Some(code) = own.as_ref() else {
        panic!("no kode_kecamatan");
    };
    let kab: model::RegionCode = code
        .as_str()
        .rsplit_once('.')
        .map(|(k, _)| k)
        .unwrap_or("")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let name = g
        .kecamatan_of(&kab)
        .find(|k| Some(&k.code) != own.as_ref())
        .map(|k| k.name.clone());
    name.unwrap_or_else(|| panic!("no neighbour"))
}

/// The sample reports rewritten the way covers and bodies vary: the identity stays, and a
/// competing kecamatan in the body is flagged.
#[test]
fn sample_reports_keep_their_identity_under_cover_and_body_variations() {
    for (file, bytes) in common::REPORTS {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let original = ingest::extract(file, bytes);
        let id = &original.report;
        let (Some(kec), Some(year)) = (id.kecamatan.clone(), id.tahun.map(|y| y.get())) else {
            panic!("{file}: no identity");
        };
        let lines: Vec<&str> = text.lines().collect();
        // 1. the cover's kecamatan and years letter-spaced
        let upper = format!("KECAMATAN {}", kec.to_uppercase());
        let spaced = format!(
            "{}  {}",
            letter_spaced("KECAMATAN"),
            letter_spaced(&kec.to_uppercase())
        );
        let rewritten: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if i < 40 && l.trim() == upper {
                    spaced.clone()
                } else {
                    (*l).to_string()
                }
            })
            .collect();
        let e = ingest::extract(file, rewritten.join("\n").as_bytes());
        assert_eq!(e.report, original.report, "{file}: letter-spaced cover");
        // 2. a publication year under the cover's first line
        let mut with_year: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
        let first = with_year
            .iter()
            .position(|l| !l.trim().is_empty())
            .unwrap_or(0);
        with_year.insert(first + 1, format!("{}", year + 1));
        let e = ingest::extract(file, with_year.join("\n").as_bytes());
        assert_eq!(
            e.report.tahun.map(|y| y.get()),
            Some(year),
            "{file}: publication year"
        );
        // 3. another kecamatan of the kabupaten named four times in the body
        let other = neighbour(&original);
        let mut with_other: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
        // inside the report's own part (appended documents after it are not read for identity)
        let at = with_other.len() / 6;
        with_other.insert(
            at,
            format!("Camat sebelumnya bertugas di Kecamatan {other}; program Kecamatan {other}, Kecamatan {other} dan Kecamatan {other} dicontoh."),
        );
        let e = ingest::extract(file, with_other.join("\n").as_bytes());
        assert_eq!(
            e.report.kecamatan, original.report.kecamatan,
            "{file}: body names {other}"
        );
        assert!(
            e.issues
                .iter()
                .any(|i| i.code == "conflicting_identity" && i.message.contains(&other)),
            "{file}: {other} not flagged"
        );
        // and the originals raise no identity doubt
        assert!(
            !original
                .issues
                .iter()
                .any(|i| i.code == "conflicting_identity" || i.code == "ambiguous_year"),
            "{file}: {:?}",
            original.issues
        );
    }
}
