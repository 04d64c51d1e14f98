//! Identity: which kecamatan, kabupaten and year the report is about.
//!
//! Covers print `KECAMATAN JATEN` / `KABUPATEN KARANGANYAR`; DOCX reports without a cover only say
//! `… Kecamatan Kerjo Kabupaten Karanganyar …` in sentences. The name printed most often after
//! `Kecamatan`/`Kabupaten` in the report's own part wins; the province is hardly ever printed and
//! comes from the official region codes.

use std::borrow::Cow;
use std::collections::HashMap;

use model::extract::{Issue, ReportIdentity, Severity};
use model::Year;

use crate::pattern::{group, Pattern};
use crate::region_index;
use crate::year::{self, CoverYear, PrintedYear};
use crate::zones::{self, Zones};

static KECAMATAN: Pattern =
    Pattern::new(r"(?i)\bkec(?:amatan|\.)\s+([A-Za-z][A-Za-z'\-]+(?:\s+[A-Za-z][A-Za-z'\-]+)?)");
static KABUPATEN: Pattern = Pattern::new(
    r"(?i)\b(kabupaten|kab\.|kota)\s+([A-Za-z][A-Za-z'\-]+(?:\s+[A-Za-z][A-Za-z'\-]+)?)",
);
/// Literals every match of [`KECAMATAN`] / [`KABUPATEN`] holds.
static KECAMATAN_WORD: Pattern = Pattern::new(r"(?i)kec");
static KABUPATEN_WORD: Pattern = Pattern::new(r"(?i)kab|kota");
/// Literals a line that names a region or the report holds (both above, and the running
/// headers' words).
static IDENTITY_WORDS: Pattern = Pattern::new(r"(?i)kec|kab|kota|lkj|laporan");
static REPORT_YEAR: Pattern = Pattern::new(
    r"(?i)\b(?:(?:lkjip|lkj|laporan kinerja|laporan akuntabilitas kinerja)\b[^\n]{0,120}?\btahun\s+(?:anggaran\s+)?|(?:lkjip|lkj|lakip)\s+)(20[0-9]{2})\b",
);
/// `2019-2023`, `2019 s.d. 2023`: a period (a Renstra's), not the report year.
static PERIOD_AFTER: Pattern =
    Pattern::new(r"(?i)^\s*(?:[-/]|s\.?\s*d\.?|sampai|hingga)\s*(?:tahun\s*)?20[0-9]{2}");
static ANY_YEAR: Pattern = Pattern::new(r"(?i)\btahun\s+(?:anggaran\s+)?(20[0-9]{2})\b");

/// Words that follow "Kecamatan"/"Kabupaten" in sentences but are no names.
const NOT_A_NAME: [&str; 43] = [
    "yang",
    "dan",
    "di",
    "se",
    "sebagai",
    "merupakan",
    "dalam",
    "pada",
    "dengan",
    "untuk",
    "kepada",
    "tingkat",
    "berpredikat",
    "kabupaten",
    "tahun",
    "adalah",
    "ini",
    "tersebut",
    "secara",
    "serta",
    "atau",
    "oleh",
    "dari",
    "ke",
    "telah",
    "juga",
    "sudah",
    "mempunyai",
    "memiliki",
    "wilayah",
    "kerja",
    "kinerja",
    "kecamatan",
    "provinsi",
    "pemerintah",
    "daerah",
    "desa",
    "kelurahan",
    "camat",
    "sesuai",
    "menjadi",
    "mendapatkan",
    "dapat",
];

/// One printed `Kecamatan X` / `Kabupaten X`: the name as voted (`Jaten`, `Kota Madiun`, the
/// two-word `Suko Harjo` as a second mention) and its 0-based line.
struct Mention {
    name: String,
    line: usize,
}

/// Every printed name after the pattern's prefix, in line order; `prefix` is a literal test a
/// matching line always passes (cheaper than the full pattern, whose `\b` is slow on lines with
/// non-ASCII letters).
fn mentions(
    lines: &[(usize, &str)],
    pattern: &Pattern,
    name_group: usize,
    prefix: &Pattern,
) -> Vec<Mention> {
    let mut out = Vec::new();
    for &(i, line) in lines {
        if line.len() > 4000 || !prefix.is_match(line) {
            continue;
        }
        for caps in pattern.captures_all(line) {
            let raw = group(&caps, name_group);
            let mut words: Vec<&str> = Vec::new();
            for w in raw.split_whitespace() {
                if !w.starts_with(|c: char| c.is_uppercase()) || not_a_name(w) {
                    break;
                }
                words.push(w);
            }
            // a second word counts only when the first is not enough (two-word names are rare)
            let Some(first) = words.first() else { continue };
            // a city is `Kota X`: kecamatan names repeat between Kabupaten X and Kota X
            let prefix = if group(&caps, 1).eq_ignore_ascii_case("kota") {
                "Kota "
            } else {
                ""
            };
            out.push(Mention {
                name: format!("{prefix}{}", title_case(first)),
                line: i,
            });
            if let Some(second) = words.get(1) {
                out.push(Mention {
                    name: format!("{prefix}{} {}", title_case(first), title_case(second)),
                    line: i,
                });
            }
        }
    }
    out
}

/// A printed name with how often it is printed and its first three lines (1-based).
#[derive(Clone)]
struct Vote {
    name: String,
    count: usize,
    lines: Vec<u32>,
}

/// The mentions on the lines `keep` accepts, counted per name: most printed first.
fn tally(mentions: &[Mention], keep: impl Fn(usize) -> bool) -> Vec<Vote> {
    let mut votes: HashMap<String, Vote> = HashMap::new();
    for m in mentions.iter().filter(|m| keep(m.line)) {
        let entry = votes.entry(m.name.to_lowercase()).or_insert_with(|| Vote {
            name: m.name.clone(),
            count: 0,
            lines: Vec::new(),
        });
        entry.count += 1;
        if entry.lines.len() < 3 {
            entry.lines.push(line_number(m.line));
        }
    }
    let mut out: Vec<Vote> = votes.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// A word of [`NOT_A_NAME`], in any case.
fn not_a_name(w: &str) -> bool {
    if w.is_ascii() {
        NOT_A_NAME.iter().any(|n| n.eq_ignore_ascii_case(w))
    } else {
        NOT_A_NAME.contains(&w.to_lowercase().as_str())
    }
}

/// `JATEN` / `jaten` → `Jaten`, word by word (words split at single spaces).
pub fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, w) in word.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut c = w.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            out.extend(c.flat_map(char::to_lowercase));
        }
    }
    out
}

/// The report year: `Laporan Kinerja … Tahun 2023` on one line or over the cover's lines; else the
/// year most often written as `tahun 20xx`, leaving out regulation citations (`Nomor 29 Tahun
/// 2014`). The flag is true when the year came from a line that names the report.
fn report_year<S: AsRef<str>>(lines: &[S]) -> Option<(Year, u32, bool)> {
    let as_year = |text: &str| Year::new(text.parse().unwrap_or(0)).ok();
    let report_year_in = |text: &str| {
        let c = REPORT_YEAR.captures(text)?;
        let m = c.get(1)?;
        if PERIOD_AFTER.is_match(text.get(m.end()..).unwrap_or("")) {
            return None;
        }
        as_year(m.as_str())
    };
    for (i, line) in lines.iter().enumerate().take(400) {
        if let Some(y) = report_year_in(line.as_ref()) {
            return Some((y, line_number(i), true));
        }
    }
    let cover: Vec<(usize, &str)> = lines
        .iter()
        .map(AsRef::as_ref)
        .enumerate()
        .take(80)
        .filter(|(_, l)| !l.trim().is_empty() && l.len() < 200)
        .take(30)
        .collect();
    let joined = cover.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ");
    if let Some(y) = report_year_in(&joined) {
        let needle = y.to_string();
        if let Some((i, _)) = cover.iter().find(|(_, l)| l.contains(&needle)) {
            return Some((y, line_number(*i), true));
        }
    }
    let mut counts: HashMap<i64, (usize, u32)> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.as_ref();
        for c in ANY_YEAR.captures_all(line) {
            let start = c.get(0).map_or(0, |m| m.start());
            let before = line
                .get(start.saturating_sub(30)..start)
                .unwrap_or("")
                .to_lowercase();
            if before.contains("nomor") || before.contains("no.") || before.contains("uu ") {
                continue;
            }
            let y: i64 = group(&c, 1).parse().unwrap_or(0);
            let e = counts.entry(y).or_insert((0, line_number(i)));
            e.0 += 1;
        }
    }
    let (y, (_, line)) = counts.into_iter().max_by_key(|(y, (n, _))| (*n, *y))?;
    Year::new(y).ok().map(|y| (y, line, false))
}

/// The report year, the cover first: a year the cover marks as the report's (`TAHUN 2023`,
/// `LKjIP TAHUN 2023`) wins over the body and over the cover's publication year (`2024`,
/// `Januari 2024`). Two years the cover prints alike, or a cover and a report-naming line that
/// disagree, are flagged `ambiguous_year`.
fn decide_year(lines: &[&str], zones: &Zones, issues: &mut Vec<Issue>) -> Option<(Year, u32)> {
    let body = report_year(lines);
    let cover = year::cover_year(
        zones
            .cover
            .iter()
            .filter_map(|&i| lines.get(i).map(|l| (i, *l))),
    );
    let as_year = |p: &PrintedYear| Year::new(p.year).ok();
    let printed = |p: &PrintedYear| format!("{} (line {})", p.year, p.line + 1);
    match cover {
        CoverYear::None => body.map(|(y, l, _)| (y, l)),
        CoverYear::One(p) => {
            let y = as_year(&p)?;
            match body {
                Some((b, l, _)) if b == y => Some((b, l)),
                Some((b, l, marked)) => {
                    // a year the cover marks as the report's (`LKjIP`, `Tahun Anggaran`) is
                    // settled; a plain `TAHUN` on the cover against a report-naming line is not
                    if marked && p.strength < year::Strength::Marked {
                        let message = format!(
                            "the cover gives the report year {}; line {l} names the report with {b}; the cover's year was kept",
                            printed(&p)
                        );
                        issues.push(identity_issue(
                            "ambiguous_year",
                            message,
                            vec![line_number(p.line), l],
                        ));
                    }
                    Some((y, line_number(p.line)))
                }
                None => Some((y, line_number(p.line))),
            }
        }
        CoverYear::Ambiguous(first, others) => {
            let y = as_year(&first)?;
            let mut flagged = vec![line_number(first.line)];
            flagged.extend(others.iter().map(|o| line_number(o.line)));
            let message = format!(
                "the cover prints the years {} and {} alike; the earliest was taken as the report year",
                printed(&first),
                others.iter().map(printed).collect::<Vec<_>>().join(", ")
            );
            issues.push(identity_issue("ambiguous_year", message, flagged));
            match body {
                Some((b, l, _)) if b == y => Some((b, l)),
                _ => Some((y, line_number(first.line))),
            }
        }
    }
}

fn identity_issue(code: &str, message: String, lines: Vec<u32>) -> Issue {
    Issue {
        code: code.to_string(),
        severity: Severity::Warning,
        message,
        lines,
        page: None,
    }
}

/// A cover or heading line (`title`: [`zones::is_title_like`]) with letter-spaced words joined
/// (`K E C A M A T A N` → `KECAMATAN`); any other line as it is.
fn heading_text(line: &str, title: bool) -> Cow<'_, str> {
    if line.len() > crate::letterspace::MAX_HEADING || !(title || has_single_char_word(line)) {
        return Cow::Borrowed(line);
    }
    match crate::letterspace::respace(line) {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(line),
    }
}

/// A word of one ASCII letter or digit (`K E C A M A T A N`, `2 0 2 2`).
fn has_single_char_word(line: &str) -> bool {
    let b = line.as_bytes();
    b.iter().enumerate().any(|(i, c)| {
        c.is_ascii_alphanumeric()
            && (i == 0 || b.get(i - 1).is_some_and(u8::is_ascii_whitespace))
            && b.get(i + 1).is_none_or(u8::is_ascii_whitespace)
    })
}

/// Names in ranked order without repeats (compared in lower case).
fn ranked<'v>(groups: impl IntoIterator<Item = &'v Vote>) -> Vec<&'v Vote> {
    let mut out: Vec<&Vote> = Vec::new();
    for v in groups {
        if !out.iter().any(|o| o.name.eq_ignore_ascii_case(&v.name)) {
            out.push(v);
        }
    }
    out
}

/// The vote of `name` among all of the report's mentions (its count and first lines), or the
/// vote itself.
fn overall<'v>(all: &'v [Vote], v: &'v Vote) -> &'v Vote {
    all.iter()
        .find(|a| a.name.eq_ignore_ascii_case(&v.name))
        .unwrap_or(v)
}

/// How often a name must be printed as `Kecamatan X` in the body to compete with the report's
/// own kecamatan.
const COMPETING_MENTIONS: usize = 3;

/// Identity of the report in `lines` (the kecamatan's own part), with the issues of doubt
/// (`conflicting_identity`, `ambiguous_year`).
///
/// The cover (the first page's lines) and running headers decide: the kecamatan and kabupaten
/// they print are tried first, the body's most printed names after them; a kabupaten printed only
/// in a place-and-date line or a table's source note is tried last, and only a pair the official
/// region codes know is taken.
pub fn identify(lines: &[String]) -> (ReportIdentity, Vec<Issue>) {
    let titles: Vec<bool> = lines.iter().map(|l| zones::is_title_like(l)).collect();
    let read: Vec<Cow<'_, str>> = lines
        .iter()
        .zip(&titles)
        .map(|(l, t)| heading_text(l, *t))
        .collect();
    let refs: Vec<&str> = read.iter().map(AsRef::as_ref).collect();
    // the lines that can name a region or the report, found with one literal search each
    let naming: Vec<(usize, &str)> = refs
        .iter()
        .enumerate()
        .filter(|(_, l)| IDENTITY_WORDS.is_match(l))
        .map(|(i, l)| (i, *l))
        .collect();
    let zones = zones::zones(&refs, &titles, &naming);
    let kec_mentions = mentions(&naming, &KECAMATAN, 1, &KECAMATAN_WORD);
    let kab_mentions = mentions(&naming, &KABUPATEN, 2, &KABUPATEN_WORD);
    let in_cover = |i: usize| zones.cover.binary_search(&i).is_ok();
    let in_headers = |i: usize| zones.headers.binary_search(&i).is_ok();
    let kec_all = tally(&kec_mentions, |_| true);
    let kab_all = tally(&kab_mentions, |_| true);
    let kec_cover = tally(&kec_mentions, in_cover);
    let kec_headers = tally(&kec_mentions, in_headers);
    let kab_cover = tally(&kab_mentions, in_cover);
    let kab_headers = tally(&kab_mentions, in_headers);
    let places = printed_places(&refs);
    let kec_ranked: Vec<&Vote> = ranked(
        kec_cover
            .iter()
            .chain(&kec_headers)
            .map(|v| overall(&kec_all, v))
            .chain(kec_all.iter().take(4)),
    );
    let kab_ranked: Vec<&Vote> = ranked(
        kab_cover
            .iter()
            .chain(&kab_headers)
            .map(|v| overall(&kab_all, v))
            .chain(kab_all.iter().take(3))
            .chain(&places),
    );
    let gazetteer = regions::Gazetteer::official();
    let mut identity = ReportIdentity::default();
    let mut issues: Vec<Issue> = Vec::new();
    let mut lines_used: Vec<u32> = Vec::new();
    // the first ranked kecamatan that a ranked kabupaten has, by the official codes; when the
    // cover or the running headers name a kecamatan, only theirs may win
    let printed_on_page = kec_cover.len() + kec_headers.len();
    let page_names: Vec<&Vote> = kec_ranked
        .iter()
        .copied()
        .filter(|v| {
            kec_cover
                .iter()
                .chain(&kec_headers)
                .any(|p| p.name.eq_ignore_ascii_case(&v.name))
        })
        .collect();
    let resolved = if printed_on_page > 0 {
        resolve_first(&page_names, &kab_ranked)
    } else {
        resolve_first(&kec_ranked, &kab_ranked)
    };
    if resolved.is_none() && printed_on_page > 0 {
        // the page's kecamatan is unknown to the codes; a body name that is known does not
        // replace it, but is reported
        if let (Some(page), Some((_, body, r))) =
            (page_names.first(), resolve_first(&kec_ranked, &kab_ranked))
        {
            let message = format!(
                "the cover or running headers name Kecamatan {} (lines {}), which the official codes do not have in the kabupaten printed; the body names Kecamatan {} of {} (lines {}); the cover's name was kept as printed",
                page.name,
                join_lines(&page.lines),
                title_case(&r.kecamatan.name),
                r.kabupaten.name,
                join_lines(&body.lines),
            );
            let mut flagged: Vec<u32> = page.lines.iter().chain(&body.lines).copied().collect();
            flagged.sort_unstable();
            flagged.dedup();
            issues.push(identity_issue("conflicting_identity", message, flagged));
        }
    }
    match resolved {
        Some((kab, kec, r)) => {
            identity.kecamatan = Some(title_case(&r.kecamatan.name));
            identity.kabupaten = Some(region_index::plain_kabupaten_name(r.kabupaten));
            identity.provinsi = Some(r.provinsi.name.clone());
            identity.kode_kecamatan = Some(r.kecamatan.code.clone());
            lines_used.extend(kec.lines.iter().take(2));
            lines_used.extend(kab.lines.iter().take(2));
            issues.extend(kecamatan_conflicts(
                &kec_mentions,
                &kec_all,
                &zones,
                kec,
                &kab_ranked,
                &r,
            ));
            issues.extend(kabupaten_conflicts(&kab_mentions, &kab_all, &zones, &r));
        }
        None if kab_ranked.is_empty() && inferred(&kec_ranked).is_some() => {
            // no kabupaten printed at all (not even as a place): the one kabupaten that has the
            // printed kecamatan
            if let Some((kec, r)) = inferred(&kec_ranked) {
                identity.kecamatan = Some(title_case(&r.kecamatan.name));
                identity.kabupaten = Some(region_index::plain_kabupaten_name(r.kabupaten));
                identity.provinsi = Some(r.provinsi.name.clone());
                identity.kode_kecamatan = Some(r.kecamatan.code.clone());
                lines_used.extend(kec.lines.iter().take(2));
                let message = format!(
                    "the report prints no kabupaten; Kecamatan {} exists only in {}, which was taken",
                    title_case(&r.kecamatan.name),
                    r.kabupaten.name
                );
                issues.push(Issue {
                    code: "inferred_region".to_string(),
                    severity: Severity::Info,
                    message,
                    lines: kec.lines.iter().take(2).copied().collect(),
                    page: None,
                });
            }
        }
        None => {
            if let Some(kec) = kec_ranked.first() {
                identity.kecamatan = Some(kec.name.clone());
                lines_used.extend(kec.lines.iter().take(2));
            }
            // a kabupaten printed as such; a place (date line, source note) only when no
            // kecamatan is printed (else it would have to have it) and it is one kabupaten's name
            let kab = kab_ranked.iter().find(|k| {
                k.count > 0
                    || (kec_ranked.is_empty() && region_index::kabupaten_named(&k.name).len() == 1)
            });
            if let Some(kab) = kab {
                identity.kabupaten = Some(kab.name.clone());
                lines_used.extend(kab.lines.iter().take(2));
                if let Ok(k) = gazetteer.resolve_kabupaten(&kab.name) {
                    identity.kabupaten = Some(region_index::plain_kabupaten_name(k));
                    if let Some(p) = gazetteer.provinsi_by_code(&k.provinsi_code) {
                        identity.provinsi = Some(p.name.clone());
                    }
                }
            }
        }
    }
    if let Some((year, line)) = decide_year(&refs, &zones, &mut issues) {
        identity.tahun = Some(year);
        lines_used.push(line);
    }
    lines_used.sort_unstable();
    lines_used.dedup();
    identity.lines = lines_used;
    (identity, issues)
}

/// The first of `kecamatan` that one of `kabupaten` (in order) has, by the official codes.
fn resolve_first<'v>(
    kecamatan: &[&'v Vote],
    kabupaten: &[&'v Vote],
) -> Option<(&'v Vote, &'v Vote, regions::Resolved<'static>)> {
    let gazetteer = regions::Gazetteer::official();
    kecamatan.iter().find_map(|kec| {
        kabupaten.iter().find_map(|kab| {
            if !region_index::pair_exists(&kab.name, &kec.name) {
                return None;
            }
            let r = gazetteer.resolve_kecamatan(&kab.name, &kec.name).ok()?;
            Some((*kab, *kec, r))
        })
    })
}

/// The first ranked kecamatan resolved through the one kabupaten that has a kecamatan of its name.
fn inferred<'v>(kec_ranked: &[&'v Vote]) -> Option<(&'v Vote, regions::Resolved<'static>)> {
    let kec = kec_ranked.first()?;
    let kab = region_index::only_kabupaten_with(&kec.name)?;
    let r = regions::Gazetteer::official()
        .resolve_kecamatan(&kab.name, &kec.name)
        .ok()?;
    Some((kec, r))
}

/// Kabupaten/kota printed only as a place: the place of a place-and-date line (`Ngawi, 5 Januari
/// 2024`) and the region of a table's source note (`Sumber: BPS Kabupaten Ngawi`), when the
/// official codes know a kabupaten/kota of that name (a village's name is none). Count 0: they
/// rank after every name printed as `Kabupaten X`.
fn printed_places(lines: &[&str]) -> Vec<Vote> {
    let mut out: Vec<Vote> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let first = t.as_bytes().first().copied().unwrap_or(b' ');
        let candidates: Vec<&str> = if first.is_ascii_alphabetic() && line.len() <= 120 {
            let mut c: Vec<&str> = zones::place_of_date_line(line).into_iter().collect();
            if first.eq_ignore_ascii_case(&b's') {
                c.extend(zones::places_of_source_note(line));
            }
            c
        } else {
            Vec::new()
        };
        for place in candidates {
            if !region_index::is_kabupaten(place) {
                continue;
            }
            match out.iter_mut().find(|v| v.name.eq_ignore_ascii_case(place)) {
                Some(v) if v.lines.len() < 3 => v.lines.push(line_number(i)),
                Some(_) => {}
                None => out.push(Vote {
                    name: place.to_string(),
                    count: 0,
                    lines: vec![line_number(i)],
                }),
            }
        }
    }
    out
}

/// Another kecamatan printed where the report's own name stands (a running header, a heading, the
/// cover) or printed [`COMPETING_MENTIONS`] times as `Kecamatan X`: the identity is kept and the
/// competitor flagged `conflicting_identity`.
fn kecamatan_conflicts(
    mentions: &[Mention],
    all: &[Vote],
    zones: &Zones,
    winner: &Vote,
    kab_ranked: &[&Vote],
    r: &regions::Resolved<'_>,
) -> Vec<Issue> {
    let own_key = regions::kecamatan_key(&r.kecamatan.name);
    let winner_first = winner.name.split_whitespace().next().unwrap_or("");
    let prominent = |i: usize| {
        zones.headers.binary_search(&i).is_ok()
            || zones.titles.binary_search(&i).is_ok()
            || zones.cover.binary_search(&i).is_ok()
    };
    let prominent_votes = tally(mentions, prominent);
    let mut issues = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for v in all {
        let key = regions::kecamatan_key(&v.name);
        let in_prominent = prominent_votes
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&v.name));
        if key == own_key
            || seen.contains(&key)
            || v.name.split_whitespace().next() == Some(winner_first)
            || (v.count < COMPETING_MENTIONS && in_prominent.is_none())
        {
            continue;
        }
        let real = region_index::pair_exists(&r.kabupaten.name, &v.name)
            || kab_ranked
                .iter()
                .any(|k| region_index::pair_exists(&k.name, &v.name));
        if !real {
            continue;
        }
        seen.push(key);
        let lines_of = in_prominent.map_or(&v.lines, |p| &p.lines);
        let mut flagged: Vec<u32> = winner.lines.iter().take(2).copied().collect();
        flagged.extend(lines_of.iter().copied());
        flagged.sort_unstable();
        flagged.dedup();
        let message = format!(
            "the report is read as Kecamatan {} (lines {}), but it also names Kecamatan {} {} (lines {}); the cover and running headers decide, {} was kept",
            title_case(&r.kecamatan.name),
            join_lines(&winner.lines),
            v.name,
            if in_prominent.is_some() {
                "in a title-like position".to_string()
            } else {
                format!("{} times", v.count)
            },
            join_lines(lines_of),
            title_case(&r.kecamatan.name),
        );
        issues.push(identity_issue("conflicting_identity", message, flagged));
    }
    issues
}

/// Another kabupaten/kota printed on the cover, in a running header or a heading, or as often as
/// the report's own: flagged `conflicting_identity`.
fn kabupaten_conflicts(
    mentions: &[Mention],
    all: &[Vote],
    zones: &Zones,
    r: &regions::Resolved<'_>,
) -> Vec<Issue> {
    let prominent = |i: usize| {
        zones.headers.binary_search(&i).is_ok()
            || zones.titles.binary_search(&i).is_ok()
            || zones.cover.binary_search(&i).is_ok()
    };
    let prominent_votes = tally(mentions, prominent);
    let own_count = all
        .iter()
        .filter(|v| {
            region_index::kabupaten_named(&v.name)
                .iter()
                .any(|k| k.code == r.kabupaten.code)
        })
        .map(|v| v.count)
        .max()
        .unwrap_or(0);
    let mut issues = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for v in all {
        let named = region_index::kabupaten_named(&v.name);
        if named.is_empty() || named.iter().any(|k| k.code == r.kabupaten.code) {
            continue;
        }
        let in_prominent = prominent_votes
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&v.name));
        let frequent = v.count >= COMPETING_MENTIONS && v.count * 2 >= own_count;
        let key = regions::kabupaten_key(&v.name).0;
        if seen.contains(&key) || !(frequent || in_prominent.is_some()) {
            continue;
        }
        seen.push(key);
        let lines_of = in_prominent.map_or(&v.lines, |p| &p.lines);
        let message = format!(
            "the report is read as {} ({}), but it also names {} (lines {}); {} was kept",
            r.kabupaten.name,
            r.provinsi.name,
            v.name,
            join_lines(lines_of),
            r.kabupaten.name,
        );
        issues.push(identity_issue(
            "conflicting_identity",
            message,
            lines_of.clone(),
        ));
    }
    issues
}

fn join_lines(lines: &[u32]) -> String {
    lines
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    fn read(text: &str) -> (ReportIdentity, Vec<Issue>) {
        identify(&lines(text))
    }

    fn codes(issues: &[Issue]) -> Vec<&str> {
        issues.iter().map(|i| i.code.as_str()).collect()
    }

    #[test]
    fn patterns_compile_and_vote() {
        assert!(
            KECAMATAN.compiles()
                && KABUPATEN.compiles()
                && KECAMATAN_WORD.compiles()
                && KABUPATEN_WORD.compiles()
                && IDENTITY_WORDS.compiles()
                && REPORT_YEAR.compiles()
                && ANY_YEAR.compiles()
                && PERIOD_AFTER.compiles()
        );
        let (id, issues) = read("LAPORAN KINERJA TAHUN 2023\nKECAMATAN JATEN\nKecamatan Jaten merupakan OPD di Kabupaten Karanganyar\nkecamatan yang");
        assert_eq!(id.kecamatan.as_deref(), Some("Jaten"));
        assert_eq!(id.kabupaten.as_deref(), Some("Karanganyar"));
        assert_eq!(id.tahun.map(|y| y.get()), Some(2023));
        assert!(issues.is_empty());
    }

    #[test]
    fn a_period_is_not_the_report_year() {
        let lines = lines(
            "Laporan Kinerja disusun mengacu Renstra Tahun 2019-2023\nLAPORAN KINERJA (LKjIP) TAHUN 2022",
        );
        assert_eq!(
            report_year(&lines).map(|(y, l, _)| (y.get(), l)),
            Some((2022, 2))
        );
    }

    #[test]
    fn the_cover_wins_over_a_kecamatan_named_more_often_in_the_body() {
        // the body names the camat's earlier post more often than the report's own kecamatan
        let (id, issues) = read("LAPORAN KINERJA\nKECAMATAN TANON\nKABUPATEN SRAGEN\nTAHUN 2023\n\nKATA PENGANTAR\nCamat pernah bertugas di Kecamatan Gemolong.\nProgram Kecamatan Gemolong dan Kecamatan Gemolong.\nKecamatan Gemolong, Kecamatan Gemolong.\n");
        assert_eq!(id.kecamatan.as_deref(), Some("Tanon"));
        assert_eq!(id.kabupaten.as_deref(), Some("Sragen"));
        let conflict = issues
            .iter()
            .find(|i| i.code == "conflicting_identity")
            .unwrap_or_else(|| panic!("{issues:?}"));
        assert!(conflict.message.contains("Tanon") && conflict.message.contains("Gemolong"));
        assert!(conflict.lines.contains(&2) && conflict.lines.contains(&7));
        assert_eq!(conflict.severity, Severity::Warning);
    }

    #[test]
    fn a_body_kecamatan_never_replaces_the_covers() {
        // the cover's kecamatan is not in the printed kabupaten; the body's is
        let (id, issues) = read("LAPORAN KINERJA\nKECAMATAN WIDODAREN\nTAHUN 2023\n\nKATA PENGANTAR\nKabupaten Sragen.\nKecamatan Gemolong, Kecamatan Gemolong, Kecamatan Gemolong.\n");
        assert_eq!(id.kecamatan.as_deref(), Some("Widodaren"));
        // not resolved (the lib's `unresolved_region` says so), and the body's pair is flagged
        assert_eq!(id.kode_kecamatan, None);
        let conflict = issues
            .iter()
            .find(|i| i.code == "conflicting_identity")
            .unwrap_or_else(|| panic!("{issues:?}"));
        assert!(conflict.message.contains("Widodaren") && conflict.message.contains("Gemolong"));
    }

    #[test]
    fn running_headers_decide_without_a_cover() {
        let mut text = String::from("KATA PENGANTAR\nKecamatan Gemolong dan Kecamatan Gemolong.\n");
        for page in 1..=4 {
            text.push_str(&format!(
                "LKjIP Kecamatan Tanon Kabupaten Sragen 2023   {page}\nisi\nisi\nisi\n"
            ));
        }
        let (id, issues) = read(&text);
        assert_eq!(id.kecamatan.as_deref(), Some("Tanon"));
        // Gemolong is printed twice only, in the body: no competitor
        assert!(
            !codes(&issues).contains(&"conflicting_identity"),
            "{issues:?}"
        );
    }

    #[test]
    fn a_neighbour_named_once_is_no_conflict() {
        let (id, issues) = read("LAPORAN KINERJA\nKECAMATAN TANON\nKABUPATEN SRAGEN\nTAHUN 2023\nKATA PENGANTAR\nSebelah barat berbatasan dengan Kecamatan Gemolong.\n");
        assert_eq!(id.kecamatan.as_deref(), Some("Tanon"));
        assert!(issues.is_empty(), "{issues:?}");
    }

    #[test]
    fn a_kabupaten_printed_only_in_the_place_and_date_line() {
        let (id, _) = read("LAPORAN KINERJA\nKECAMATAN PARON\nTAHUN 2023\n\nKATA PENGANTAR\nPuji syukur.\nNgawi, 5 Januari 2024\nCAMAT PARON\n");
        assert_eq!(id.kabupaten.as_deref(), Some("Ngawi"));
        assert_eq!(id.provinsi.as_deref(), Some("Jawa Timur"));
        assert!(id.lines.contains(&7));
        // the place must have the kecamatan: a kabupaten without it is not taken
        let (id, _) =
            read("LAPORAN KINERJA\nKECAMATAN PARON\nTAHUN 2023\nSragen, 5 Januari 2024\n");
        assert_eq!(id.kabupaten.as_deref(), None);
        // without a kecamatan, a place that is one kabupaten's name is taken
        let (id, _) = read("LAPORAN KINERJA TAHUN 2023\nMagetan, Januari 2024\n");
        assert_eq!(id.kabupaten.as_deref(), Some("Magetan"));
    }

    #[test]
    fn a_kabupaten_printed_nowhere_comes_from_a_unique_kecamatan_name() {
        let (id, issues) = read("LAPORAN KINERJA\nKECAMATAN ROGOJAMPI\nTAHUN 2023\n");
        assert_eq!(id.kabupaten.as_deref(), Some("Banyuwangi"));
        assert_eq!(codes(&issues), vec!["inferred_region"]);
        assert_eq!(issues.first().map(|i| i.severity), Some(Severity::Info));
        // a name several kabupaten have is not guessed
        let (id, issues) = read("LAPORAN KINERJA\nKECAMATAN KARTOHARJO\nTAHUN 2023\n");
        assert_eq!(id.kabupaten, None);
        assert!(issues.is_empty());
    }

    #[test]
    fn a_kabupaten_printed_only_in_a_source_note() {
        let (id, _) = read("LAPORAN KINERJA KECAMATAN PARON TAHUN 2023\nNo\tDesa\n1\tJambangan\nSumber : BPS Ngawi\n");
        assert_eq!(id.kabupaten.as_deref(), Some("Ngawi"));
    }

    #[test]
    fn letter_spaced_covers() {
        let (id, _) = read("L A P O R A N  K I N E R J A\nK E C A M A T A N  P A R O N\nK A B U P A T E N  N G A W I\nTAH UN 2 0 2 2\n");
        assert_eq!(id.kecamatan.as_deref(), Some("Paron"));
        assert_eq!(id.kabupaten.as_deref(), Some("Ngawi"));
        assert_eq!(id.tahun.map(|y| y.get()), Some(2022));
        let (id, _) =
            read("LAPORAN KINERJA\nKECAM ATAN SUKO HARJO\nKABUPATEN SUKOHARJO\nTAHUN 2021\n");
        assert_eq!(id.kecamatan.as_deref(), Some("Sukoharjo"));
    }

    #[test]
    fn a_cover_with_report_and_publication_year() {
        let (id, issues) = read("LAPORAN KINERJA TAHUN 2023\nKECAMATAN PARON\nKABUPATEN NGAWI\n2024\nKATA PENGANTAR\nLaporan ini disusun Januari 2024.\n");
        assert_eq!(id.tahun.map(|y| y.get()), Some(2023));
        assert!(issues.is_empty(), "{issues:?}");
        // the report year printed plainly on the cover, the body's first report-naming line
        // (a publication note) disagrees: the cover's year, flagged
        let (id, issues) = read("LAPORAN KINERJA\nKECAMATAN PARON\nKABUPATEN NGAWI\nTAHUN 2023\nKATA PENGANTAR\nLaporan Kinerja ini kami sampaikan pada Tahun 2024.\n");
        assert_eq!(id.tahun.map(|y| y.get()), Some(2023));
        assert_eq!(codes(&issues), vec!["ambiguous_year"]);
    }
}
