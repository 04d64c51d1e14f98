//! Every figure's `lines` point at lines of the report that really print it: the figure's
//! digits (separators and currency dropped) occur on one of its lines.
#![allow(clippy::unwrap_used)]

mod common;

use model::Exact;

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// `1677707236.00` → `167770723600`; `0.75` → `075` (printed `0,75`).
fn figure_digits(v: Exact) -> String {
    digits(&v.to_string())
}

fn check(
    report: &[String],
    what: &str,
    value: Option<Exact>,
    lines: &[u32],
    failures: &mut Vec<String>,
) {
    let Some(v) = value else { return };
    let want = figure_digits(v);
    let found = lines.iter().any(|l| {
        report
            .get((*l as usize).wrapping_sub(1))
            .is_some_and(|t| digits(t).contains(&want))
    });
    if !found {
        failures.push(format!("{what} = {v} not on lines {lines:?}"));
    }
}

#[test]
fn every_figure_is_on_its_lines() {
    let mut failures = Vec::new();
    for (file, bytes) in common::REPORTS {
        let report: Vec<String> = String::from_utf8_lossy(bytes)
            .split('\n')
            .map(String::from)
            .collect();
        let e = ingest::extract(file, bytes);
        let mut f = Vec::new();
        for i in &e.indicators {
            for (what, v) in [
                ("target", i.target),
                ("realisasi", i.realisasi),
                ("capaian", i.capaian_reported),
            ] {
                check(
                    &report,
                    &format!("{file} {} {what}", i.name),
                    v,
                    &i.lines,
                    &mut f,
                );
            }
        }
        for h in &e.history {
            for (what, v) in [
                ("target", h.target),
                ("realisasi", h.realisasi),
                ("capaian", h.capaian_reported),
            ] {
                check(
                    &report,
                    &format!("{file} {} {} {what}", h.name, h.tahun),
                    v,
                    &h.lines,
                    &mut f,
                );
            }
        }
        if let Some(b) = &e.budget {
            for (what, v) in [
                ("pagu", b.pagu),
                ("realisasi", b.realisasi),
                ("serapan", b.serapan_reported),
            ] {
                check(
                    &report,
                    &format!("{file} budget {what}"),
                    v,
                    &b.lines,
                    &mut f,
                );
            }
            for i in &b.items {
                for (what, v) in [
                    ("pagu", i.pagu),
                    ("realisasi", i.realisasi),
                    ("serapan", i.serapan_reported),
                ] {
                    check(
                        &report,
                        &format!("{file} {} {what}", i.name),
                        v,
                        &i.lines,
                        &mut f,
                    );
                }
            }
        }
        if let Some(k) = &e.ikm {
            check(
                &report,
                &format!("{file} ikm nilai"),
                k.nilai,
                &k.lines,
                &mut f,
            );
            check(
                &report,
                &format!("{file} ikm responden"),
                k.responden,
                &k.lines,
                &mut f,
            );
        }
        let w = &e.wilayah;
        for (what, v) in [
            ("luas", w.luas_km2),
            ("penduduk", w.penduduk),
            ("asn", w.jumlah_asn),
        ] {
            check(
                &report,
                &format!("{file} wilayah {what}"),
                v,
                &w.lines,
                &mut f,
            );
        }
        for d in &w.desa {
            check(
                &report,
                &format!("{file} desa {}", d.nama),
                d.penduduk,
                &d.lines,
                &mut f,
            );
        }
        if let Some(c) = &e.camat {
            if let Some(nip) = &c.nip {
                let found = c.lines.iter().any(|l| {
                    report
                        .get(*l as usize - 1)
                        .is_some_and(|t| digits(t).contains(nip.as_str()))
                });
                if !found {
                    f.push(format!("{file} camat nip {nip} not on {:?}", c.lines));
                }
            }
        }
        // the identity's lines print the kecamatan, the kabupaten or the year
        let id = &e.report;
        let names: Vec<String> = [
            id.kecamatan.clone(),
            id.kabupaten.clone(),
            id.tahun.map(|y| y.to_string()),
        ]
        .into_iter()
        .flatten()
        .map(|n| n.to_lowercase())
        .collect();
        for l in &id.lines {
            let text = report
                .get(*l as usize - 1)
                .map(|t| t.to_lowercase())
                .unwrap_or_default();
            if !names.iter().any(|n| text.contains(n.as_str())) {
                f.push(format!("{file} identity line {l} names none of {names:?}"));
            }
        }
        for issue in &e.issues {
            for l in &issue.lines {
                if *l == 0 || *l as usize > report.len() {
                    f.push(format!(
                        "{file} issue {} points outside the file: {l}",
                        issue.code
                    ));
                }
            }
        }
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
