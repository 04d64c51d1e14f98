//! Damaged input never makes extraction panic: lines dropped, duplicated, shuffled; digits and
//! separators corrupted; truncation; random bytes; invalid UTF-8; empty input; a 50 MB file.
#![allow(clippy::unwrap_used)]

mod common;

use proptest::prelude::*;

fn lines_of(i: usize) -> Vec<Vec<u8>> {
    let (_, bytes) = common::REPORTS[i % common::REPORTS.len()];
    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect()
}

fn join(lines: &[Vec<u8>]) -> Vec<u8> {
    lines.join(&b'\n')
}

fn assert_well_formed(e: &model::Extracted) {
    // the document always serialises and names its source
    let json = serde_json::to_string(e).unwrap();
    assert!(json.contains("kinerja.extract/1"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn dropped_duplicated_and_shuffled_lines(report in 0usize..4, seed in any::<u64>(), drop_every in 2usize..40, dup_every in 2usize..40) {
        let mut lines = lines_of(report);
        lines = lines.into_iter().enumerate().filter(|(i, _)| i % drop_every != 0).map(|(_, l)| l).collect();
        let mut out = Vec::new();
        for (i, l) in lines.into_iter().enumerate() {
            if i % dup_every == 0 {
                out.push(l.clone());
            }
            out.push(l);
        }
        // a cheap deterministic shuffle of blocks
        let n = out.len().max(1);
        let k = (seed as usize) % n;
        out.rotate_left(k);
        if seed % 3 == 0 {
            out.reverse();
        }
        assert_well_formed(&ingest::extract("damaged.txt", &join(&out)));
    }

    #[test]
    fn corrupted_digits_and_separators(report in 0usize..4, edits in proptest::collection::vec((any::<usize>(), 0u8..8), 1..400)) {
        let (_, bytes) = common::REPORTS[report];
        let mut b = bytes.to_vec();
        let replacements = [b'.', b',', b' ', b'O', b'l', b'\t', b'%', b'9'];
        for (pos, what) in edits {
            let p = pos % b.len();
            if b[p].is_ascii_digit() || b[p] == b'.' || b[p] == b',' {
                b[p] = replacements[usize::from(what)];
            }
        }
        assert_well_formed(&ingest::extract("digits.txt", &b));
    }

    #[test]
    fn truncated(report in 0usize..4, cut in any::<usize>()) {
        let (_, bytes) = common::REPORTS[report];
        let cut = cut % (bytes.len() + 1);
        assert_well_formed(&ingest::extract("cut.txt", &bytes[..cut]));
    }

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..5000)) {
        let e = ingest::extract("random.bin", &bytes);
        assert_well_formed(&e);
    }

    #[test]
    fn random_bytes_spliced_into_a_report(report in 0usize..4, at in any::<usize>(), junk in proptest::collection::vec(any::<u8>(), 0..300)) {
        let (_, bytes) = common::REPORTS[report];
        let at = at % bytes.len();
        let mut b = bytes[..at].to_vec();
        b.extend(junk);
        b.extend(&bytes[at..]);
        assert_well_formed(&ingest::extract("spliced.txt", &b));
    }

    #[test]
    fn report_like_text(text in "(BAB III|Tabel|Target\tRealisasi\tCapaian|Program [A-Z][a-z]+\t[0-9.,]{1,15}\t[0-9.,]{1,15}|\t[0-9.,%]{1,8}|Kecamatan [A-Z][a-z]+|NIP\\. [0-9 ]{18,21}|Laporan Kinerja Tahun 20[0-9]{2}|\n){0,200}") {
        assert_well_formed(&ingest::extract("synthetic.txt", text.as_bytes()));
    }
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_an_issue() {
    let (_, bytes) = common::REPORTS[2];
    let mut b = bytes.to_vec();
    b.splice(100..100, [0xff, 0xfe, 0xc3, 0x28]);
    let e = ingest::extract("latin1.txt", &b);
    assert!(e.issues.iter().any(|i| i.code == "invalid_utf8"));
    assert_eq!(e.report.kecamatan.as_deref(), Some("Kartoharjo"));
}

#[test]
fn empty_and_whitespace_files_are_unusable() {
    for input in [&b""[..], b"\n\n\n", b"   \t  ", b"\xff\xff"] {
        let e = ingest::extract("empty.txt", input);
        assert!(ingest::is_unusable(&e), "{input:?}");
        assert!(e.issues.iter().any(|i| i.code == "not_an_lkjip"));
    }
}

#[test]
fn fifty_megabytes() {
    // every sample report, repeated until the input passes 50 MB, plus one enormous line
    let mut big: Vec<u8> = Vec::with_capacity(52 << 20);
    while big.len() < 48 << 20 {
        for (_, bytes) in common::REPORTS {
            big.extend_from_slice(bytes);
            big.push(b'\n');
        }
    }
    big.extend(std::iter::repeat_n(b'9', 2 << 20));
    let start = std::time::Instant::now();
    let e = ingest::extract("big.txt", &big);
    assert_well_formed(&e);
    assert!(e.source.lines > 400_000);
    eprintln!("50 MB extracted in {:?}", start.elapsed());
}
