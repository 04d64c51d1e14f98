//! Reports in layouts the sample corpus does not show (markdown pipe tables, HTML fragments,
//! OCR text with space-aligned columns), for a kecamatan of another kabupaten: the same pipeline
//! must read them. The reports are small synthetic ones, written for these tests.
#![allow(clippy::unwrap_used)]

use model::Level;

fn s(v: Option<model::Exact>) -> Option<String> {
    v.map(|v| v.value().normalize().to_string())
}

const HEAD: &str = "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)\nKECAMATAN KEBONAGUNG\nKABUPATEN PACITAN\nTAHUN 2024\n\nKATA PENGANTAR\nLaporan Kinerja Kecamatan Kebonagung Kabupaten Pacitan Tahun 2024 disusun ...\n\nKebonagung, Januari 2025\nPlt. CAMAT KEBONAGUNG\n\nDrs. BUDI SANTOSO, M.Si\nPembina\nNIP. 19700101 199503 1 002\n\nBAB I PENDAHULUAN\nJumlah pegawai Kecamatan Kebonagung sebanyak 21 orang.\n";

fn check(e: &model::Extracted) {
    assert_eq!(e.report.kecamatan.as_deref(), Some("Kebonagung"));
    assert_eq!(e.report.kabupaten.as_deref(), Some("Pacitan"));
    assert_eq!(e.report.provinsi.as_deref(), Some("Jawa Timur"));
    assert_eq!(e.report.tahun.map(|y| y.get()), Some(2024));
    let c = e.camat.as_ref().unwrap();
    assert_eq!(c.nama.as_deref(), Some("Budi Santoso"));
    assert_eq!(c.nip.as_deref(), Some("197001011995031002"));
    assert!(c.plt);
    assert_eq!(s(e.wilayah.jumlah_asn).as_deref(), Some("21"));
    let ikm = e
        .indicators
        .iter()
        .find(|i| i.canonical.as_deref() == Some("ikm"))
        .unwrap();
    assert_eq!(
        (s(ikm.target), s(ikm.realisasi), s(ikm.capaian_reported)),
        (
            Some("80".into()),
            Some("84.5".into()),
            Some("105.63".into())
        )
    );
    let akip = e
        .indicators
        .iter()
        .find(|i| i.canonical.as_deref() == Some("nilai_akip"))
        .unwrap();
    assert_eq!(
        (s(akip.target), s(akip.realisasi)),
        (Some("65".into()), Some("66.1".into()))
    );
    let b = e.budget.as_ref().unwrap();
    assert_eq!(s(b.pagu).as_deref(), Some("1500000000"));
    assert_eq!(s(b.realisasi).as_deref(), Some("1400000000"));
    let programs: Vec<_> = b
        .items
        .iter()
        .filter(|i| i.level == Level::Program)
        .collect();
    assert_eq!(programs.len(), 2);
    assert_eq!(s(programs[0].realisasi).as_deref(), Some("1300000000"));
    assert_eq!(programs[1].kode.as_deref(), Some("7.01.02"));
}

#[test]
fn markdown_pipe_tables() {
    let text = format!(
        "{HEAD}\nBAB II PERENCANAAN KINERJA\n\nBAB III AKUNTABILITAS KINERJA\n\nTabel 3.1 Capaian Kinerja\n\n| No | Indikator Kinerja | Target | Realisasi | Capaian (%) |\n|---|---|---|---|---|\n| 1 | Nilai Evaluasi AKIP | 65 | 66,10 | 101,69 |\n| 2 | Indeks Kepuasan Masyarakat (IKM) | 80 | 84,50 | 105,63 % |\n\nTabel 3.2 Realisasi Anggaran\n\n| Kode | Program | Pagu (Rp) | Realisasi (Rp) | % |\n|---|---|---|---|---|\n| 7.01.01 | Program Penunjang Urusan Pemerintahan Daerah | 1.300.000.000 | 1.300.000.000,00 | 100 |\n| 7.01.02 | Program Penyelenggaraan Pemerintahan dan Pelayanan Publik | Rp. 200.000.000,- | Rp. 100.000.000,- | 50,00 |\n| | Jumlah | 1.500.000.000 | 1.400.000.000 | 93,33 |\n\nBAB IV PENUTUP\n"
    );
    let e = ingest::extract("pipe.txt", text.as_bytes());
    check(&e);
}

#[test]
fn html_fragments() {
    let text = format!(
        "{HEAD}\nBAB III\nAKUNTABILITAS KINERJA\n\n<p>Tabel 3.1 Capaian Kinerja</p>\n<table><tr><th>No</th><th>Indikator Kinerja</th><th>Target</th><th>Realisasi</th><th>Capaian</th></tr><tr><td>1</td><td>Nilai SAKIP</td><td>65</td><td>66,10</td><td>101,69%</td></tr><tr><td>2</td><td>Nilai SKM</td><td>80</td><td>84,50</td><td>105,63%</td></tr></table>\n\n<p>Tabel 3.2 Realisasi Anggaran</p>\n<table><tr><th>Kode</th><th>Uraian</th><th>Anggaran</th><th>Realisasi</th><th>%</th></tr>\n<tr><td>7.01.01</td><td><b>Program Penunjang Urusan Pemerintahan Daerah</b></td><td>1.300.000.000</td><td>1.300.000.000</td><td>100</td></tr>\n<tr><td>7.01.02</td><td>Program Penyelenggaraan Pemerintahan dan Pelayanan Publik</td><td>200.000.000</td><td>100.000.000</td><td>50</td></tr>\n<tr><td></td><td>Total</td><td>1.500.000.000</td><td>1.400.000.000</td><td>93,33</td></tr></table>\n\nBAB IV PENUTUP\n"
    );
    let e = ingest::extract("html.txt", text.as_bytes());
    check(&e);
}

#[test]
fn ocr_text_with_space_aligned_columns() {
    let text = format!(
        "{HEAD}\nBAB III AKUNTABILITAS KINERJA\n\nTabel 3.1 Capaian Kinerja\nNo   Indikator Kinerja     Target    Realisasi    Capaian\n1    Nilai SAKIP           65        66,10        101,69 %\n2    IKM                   80        84,50        105,63 %\n\nTabel 3.2 Realisasi Anggaran\nKode      Program                                        Anggaran           Realisasi         %\n7.01.01   Program Penunjang Urusan Pemerintahan Daerah   1.300.000.000      1.300.000.000     100\n7.01.02   Program Penyelenggaraan Pemerintahan           200.000.000        100.000.000       50\n          Jumlah                                         1.5OO.000.000      1.400.000.000     93,33\n\nBAB IV PENUTUP\n"
    );
    let e = ingest::extract("ocr.txt", text.as_bytes());
    check(&e);
}

#[test]
fn lower_is_better_indicator() {
    let text = format!(
        "{HEAD}\nBAB III AKUNTABILITAS KINERJA\n\nNo\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n1\tJumlah pengaduan masyarakat\t10\t8\t120\n2\tIKM\t80\t84,50\t105,63\n3\tNilai SAKIP\t65\t66,10\t101,69\n"
    );
    let e = ingest::extract("lower.txt", text.as_bytes());
    let p = e
        .indicators
        .iter()
        .find(|i| i.name.starts_with("Jumlah pengaduan"))
        .unwrap();
    assert_eq!(p.direction, model::Direction::LowerIsBetter);
    assert_eq!(s(p.capaian_computed).as_deref(), Some("120"));
    assert!(p.flags.is_empty());
}

#[test]
fn currency_in_its_own_cell_and_rating_targets() {
    let text = format!(
        "{HEAD}\nBAB III AKUNTABILITAS KINERJA\n\nNo\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n1\tPredikat SAKIP\tBB\tB\t-\n2\tIKM\t80\t84,50\t105,63\n3\tNilai SAKIP\t65\t66,10\t101,69\n\nTabel 3.2 Realisasi Anggaran\nNo\tProgram\tPagu\t\tRealisasi\t\t%\n1\tProgram Penunjang Urusan Pemerintahan Daerah\tRp\t1.300.000.000\tRp\t1.300.000.000\t100\n2\tProgram Penyelenggaraan Pemerintahan dan Pelayanan Publik\tRp.\t200.000.000\tRp.\t100.000.000\t50\n\tJumlah\tRp\t1.500.000.000\tRp\t1.400.000.000\t93,33\n"
    );
    let e = ingest::extract("rp.txt", text.as_bytes());
    assert!(e.indicators.iter().all(|i| !i.name.contains("Predikat")));
    let b = e.budget.as_ref().unwrap();
    assert_eq!(s(b.pagu).as_deref(), Some("1500000000"));
    assert_eq!(s(b.realisasi).as_deref(), Some("1400000000"));
    let programs: Vec<_> = b
        .items
        .iter()
        .filter(|i| i.level == Level::Program)
        .collect();
    assert_eq!(programs.len(), 2);
    assert_eq!(s(programs[1].pagu).as_deref(), Some("200000000"));
    assert_eq!(s(programs[1].realisasi).as_deref(), Some("100000000"));
    assert!(programs.iter().all(|p| p.flags.is_empty()));
}

#[test]
fn villages_area_and_population() {
    let text = format!(
        "{HEAD}Luas wilayah Kecamatan Kebonagung adalah 25,55 km2.\nJumlah penduduk Kecamatan Kebonagung sebanyak 21.345 jiwa.\n\nTabel 1.1 Jumlah Penduduk per Desa/Kelurahan\nNo\tDesa/Kelurahan\tJumlah Penduduk\n1\tKelurahan Sidoharjo\t5.120\n2\tDesa Kebonagung\t8.225\n3\tDesa Ketro\t8.000\n\tJumlah\t21.345\n\nBAB III AKUNTABILITAS KINERJA\nNo\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n1\tIKM\t80\t84,50\t105,63\n"
    );
    let e = ingest::extract("wilayah.txt", text.as_bytes());
    let w = &e.wilayah;
    assert_eq!(s(w.luas_km2).as_deref(), Some("25.55"));
    assert_eq!(s(w.penduduk).as_deref(), Some("21345"));
    let desa: Vec<(&str, Option<model::extract::VillageKind>, Option<String>)> = w
        .desa
        .iter()
        .map(|d| (d.nama.as_str(), d.jenis, s(d.penduduk)))
        .collect();
    use model::extract::VillageKind::{Desa, Kelurahan};
    assert_eq!(
        desa,
        vec![
            ("Sidoharjo", Some(Kelurahan), Some("5120".into())),
            ("Kebonagung", Some(Desa), Some("8225".into())),
            ("Ketro", Some(Desa), Some("8000".into())),
        ]
    );
}

#[test]
fn kecamatan_of_a_kota_with_a_name_shared_with_a_kabupaten() {
    // Kartoharjo is a kecamatan of Kabupaten Magetan and of Kota Madiun
    let text = "LAPORAN KINERJA INSTANSI PEMERINTAH\nKECAMATAN KARTOHARJO KOTA MADIUN\nTAHUN 2024\n\nKATA PENGANTAR\nLaporan Kinerja Kecamatan Kartoharjo Kota Madiun Tahun 2024 ini disusun sebagai pertanggungjawaban.\nMadiun, Februari 2025\nCAMAT KARTOHARJO\n\nAGUS SUPRIYANTO, S.STP, M.Si\nPembina Tk. I\nNIP. 19800101 200012 1 001\n\nBAB III AKUNTABILITAS KINERJA\nTabel 3.1 Capaian Indikator Kinerja Utama\nNo\tSasaran\tIndikator Kinerja\tSatuan\tRealisasi 2023\tTahun 2024\t\t\n\t\t\t\t\tTarget\tRealisasi\tCapaian (%)\n1\tMeningkatnya kualitas pelayanan publik\tIndeks Kepuasan Masyarakat\tIndeks\t85,10\t86\t87,25\t101,45\n2\tMeningkatnya kinerja kecamatan\tNilai Evaluasi Kinerja Kecamatan\tNilai\t80\t82\t84,6\t103,17\n\nTabel 3.5 Realisasi Anggaran per Program Tahun 2024\nNo\tKode\tProgram\tPagu (Rp)\tRealisasi (Rp)\t%\n1\t7.01.01\tProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\t2.000.000.000\t1.900.000.000\t95,00\n2\t7.01.02\tProgram Penyelenggaraan Pemerintahan dan Pelayanan Publik\t300.000.000\t290.000.000\t96,67\n\t\tTotal\t2.300.000.000\t2.190.000.000\t95,22\nBAB IV PENUTUP\n";
    let e = ingest::extract("kota.txt", text.as_bytes());
    assert_eq!(e.report.kecamatan.as_deref(), Some("Kartoharjo"));
    assert_eq!(e.report.kabupaten.as_deref(), Some("Kota Madiun"));
    assert_eq!(e.report.provinsi.as_deref(), Some("Jawa Timur"));
    assert_eq!(
        e.report
            .kode_kecamatan
            .as_ref()
            .map(|c| c.to_string())
            .as_deref(),
        Some("35.77.01")
    );
    let ikm = e
        .indicators
        .iter()
        .find(|i| i.canonical.as_deref() == Some("ikm"))
        .unwrap();
    assert_eq!(
        (s(ikm.target), s(ikm.realisasi)),
        (Some("86".into()), Some("87.25".into()))
    );
    assert!(e
        .history
        .iter()
        .any(|h| h.tahun.get() == 2023 && s(h.realisasi).as_deref() == Some("85.1")));
    let b = e.budget.as_ref().unwrap();
    assert_eq!(
        (s(b.pagu), s(b.realisasi)),
        (Some("2300000000".into()), Some("2190000000".into()))
    );
}

#[test]
fn kecamatan_named_kota_something() {
    let text = "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)\nKECAMATAN KOTA JUANG\nKABUPATEN BIREUEN\nTAHUN 2024\n\nLaporan Kinerja Kecamatan Kota Juang Kabupaten Bireuen disusun berdasarkan indikator kinerja utama.\nCapaian kinerja Kecamatan Kota Juang tahun 2024 disajikan di bawah.\n";
    let e = ingest::extract("kota-juang.txt", text.as_bytes());
    assert_eq!(e.report.kecamatan.as_deref(), Some("Kota Juang"));
    assert_eq!(e.report.kabupaten.as_deref(), Some("Bireuen"));
    assert_eq!(e.report.provinsi.as_deref(), Some("Aceh"));
}

#[test]
fn per_year_history_table() {
    let text = format!(
        "{HEAD}\nBAB III AKUNTABILITAS KINERJA\nNo\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n1\tIKM\t80\t84,50\t105,63\n2\tNilai SAKIP\t65\t66,10\t101,69\n\nTabel 3.3 Perbandingan Realisasi IKM Tahun 2021 - 2024\nNo\tTahun\tTarget\tRealisasi\tCapaian (%)\n1\t2021\t76\t78,10\t102,76\n2\t2022\t78\t80,00\t102,56\n3\t2023\t79\t82,40\t104,30\n4\t2024\t80\t84,50\t105,63\n"
    );
    let e = ingest::extract("history.txt", text.as_bytes());
    let years: Vec<(u16, Option<String>, Option<String>)> = e
        .history
        .iter()
        .filter(|h| h.canonical.as_deref() == Some("ikm"))
        .map(|h| (h.tahun.get(), s(h.target), s(h.realisasi)))
        .collect();
    assert_eq!(
        years,
        vec![
            (2021, Some("76".into()), Some("78.1".into())),
            (2022, Some("78".into()), Some("80".into())),
            (2023, Some("79".into()), Some("82.4".into())),
        ]
    );
    assert!(e.history.iter().all(|h| h.name == "IKM"));
}
