//! The robustness variations: each rewrites a whole report the way real converters and authors
//! do, without changing any figure the report states. A variation is a plain function of the
//! report text and a [`Context`] (what the hand-checked values say about the report); add one by
//! writing the function and listing it in [`VARIATIONS`].

use regex::Regex;
use std::sync::LazyLock;

/// What the hand-checked values say about the report, for variations that need it.
pub struct Context {
    pub kecamatan: String,
    pub kabupaten: String,
    pub tahun: u16,
    /// 1-based lines of the report-year IKU rows in the BAB III results tables.
    pub result_lines: Vec<usize>,
    /// 1-based lines the budget totals and programs were read from.
    pub budget_lines: Vec<usize>,
    /// Name, target and realisasi of each report-year IKU.
    pub iku: Vec<(String, String, String)>,
    /// Another kecamatan of the same kabupaten (from the official region codes).
    pub other_kecamatan: String,
}

pub struct Variation {
    pub name: &'static str,
    pub apply: fn(&str, &Context) -> String,
}

pub const VARIATIONS: &[Variation] = &[
    Variation {
        name: "unchanged",
        apply: |t, _| t.to_string(),
    },
    Variation {
        name: "wrapped_cells_bottom",
        apply: wrapped_cells_bottom,
    },
    Variation {
        name: "wrapped_cells_top",
        apply: wrapped_cells_top,
    },
    Variation {
        name: "wrapped_cells_centred",
        apply: wrapped_cells_centred,
    },
    Variation {
        name: "ocr_lookalikes",
        apply: ocr_lookalikes,
    },
    Variation {
        name: "spaces_in_numbers",
        apply: spaces_in_numbers,
    },
    Variation {
        name: "columns_reordered",
        apply: columns_reordered,
    },
    Variation {
        name: "results_table_removed",
        apply: results_table_removed,
    },
    Variation {
        name: "budget_table_removed",
        apply: budget_table_removed,
    },
    Variation {
        name: "emphasis_markup",
        apply: emphasis_markup,
    },
    Variation {
        name: "second_kecamatan",
        apply: second_kecamatan,
    },
    Variation {
        name: "letter_spaced_cover",
        apply: letter_spaced_cover,
    },
    Variation {
        name: "comparison_table",
        apply: comparison_table,
    },
    Variation {
        name: "non_measurement_tables",
        apply: non_measurement_tables,
    },
    Variation {
        name: "traps_without_results",
        apply: traps_without_results,
    },
    Variation {
        name: "hierarchical_numbers",
        apply: hierarchical_numbers,
    },
    Variation {
        name: "dropped_cells",
        apply: dropped_cells,
    },
    Variation {
        name: "trimmed_row_ends",
        apply: trimmed_row_ends,
    },
    Variation {
        name: "two_years_cover",
        apply: two_years_cover,
    },
];

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Rp\.?\s*)?[0-9][0-9.,]*(?:\s*%|,-)?$").unwrap_or_else(|e| panic!("{e}"))
});
static NUMBER_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+(?:[.,][0-9]+)*").unwrap_or_else(|e| panic!("{e}")));
static ROW_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9]{1,2}|[IVX]{1,4})\.?$").unwrap_or_else(|e| panic!("{e}"))
});

fn lines_of(text: &str) -> Vec<String> {
    text.split('\n').map(String::from).collect()
}

fn is_figure(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && FIGURE.is_match(t)
}

/// A TAB row: several cells on one line (not a one-cell-per-line DOCX cell).
fn is_tab_row(line: &str) -> bool {
    let cells: Vec<&str> = line.split('\t').collect();
    cells.len() >= 3 && cells.iter().filter(|c| !c.trim().is_empty()).count() >= 2
}

/// `[start, end)` line ranges of TAB-row tables (a blank line inside is allowed).
fn tab_blocks(lines: &[String]) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines.get(i).is_some_and(|l| is_tab_row(l)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < lines.len() {
            let l = lines.get(j).map_or("", String::as_str);
            if is_tab_row(l) || l.starts_with('\t') {
                end = j + 1;
            } else if !l.trim().is_empty() {
                break;
            }
            j += 1;
            if j > end + 1 {
                break;
            }
        }
        blocks.push((start, end));
        i = end;
    }
    blocks
}

/// `[start, end)` ranges of one-cell-per-line tables (cells after a leading TAB, blank lines
/// inside).
fn cell_blocks(lines: &[String]) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines.get(i).is_some_and(|l| l.starts_with('\t')) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        for (j, l) in lines.iter().enumerate().skip(i + 1) {
            if l.starts_with('\t') {
                end = j + 1;
            } else if !l.trim().is_empty() {
                break;
            }
        }
        blocks.push((start, end));
        i = end;
    }
    blocks
}

/// Every table block of either layout.
fn all_blocks(lines: &[String]) -> Vec<(usize, usize)> {
    let mut b = tab_blocks(lines);
    for c in cell_blocks(lines) {
        if !b.iter().any(|(s, e)| c.0 < *e && *s < c.1) {
            b.push(c);
        }
    }
    b.sort_unstable();
    b
}

fn cells(line: &str) -> Vec<String> {
    line.split('\t').map(String::from).collect()
}

/// The name cell of a TAB row with figures: the longest cell of at least four words.
fn name_cell(cells: &[String]) -> Option<usize> {
    if !cells
        .iter()
        .any(|c| is_figure(c) && !ROW_NUMBER.is_match(c.trim()))
    {
        return None;
    }
    cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.split_whitespace().count() >= 4 && c.trim().len() >= 24)
        .filter(|(_, c)| !is_figure(c))
        .max_by_key(|(_, c)| c.len())
        .map(|(i, _)| i)
}

fn only_cell(width: usize, at: usize, text: &str) -> String {
    (0..width)
        .map(|i| if i == at { text } else { "" })
        .collect::<Vec<_>>()
        .join("\t")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Top,
    Centre,
    Bottom,
}

/// The name cell of every TAB row with figures, split in three fragments over three lines; the
/// figures stand on the first, middle or last line as OCR reads cells aligned to the top, the
/// centre or the bottom.
fn wrap_rows(text: &str, align: Align) -> String {
    let mut out = Vec::new();
    for line in lines_of(text) {
        let c = cells(&line);
        let Some(n) = name_cell(&c).filter(|_| is_tab_row(&line)) else {
            out.push(line);
            continue;
        };
        let words: Vec<&str> = c
            .get(n)
            .map_or("", String::as_str)
            .split_whitespace()
            .collect();
        let (a, b) = (words.len() / 3, words.len() * 2 / 3);
        let frag = |r: std::ops::Range<usize>| words.get(r).unwrap_or(&[]).join(" ");
        let (first, middle, last) = (frag(0..a), frag(a..b), frag(b..words.len()));
        let width = c.len();
        let texts = [first, middle, last];
        let mut parts: Vec<String> = texts.iter().map(|f| only_cell(width, n, f)).collect();
        let at = match align {
            Align::Top => 0,
            Align::Centre => 1,
            Align::Bottom => 2,
        };
        let mut row = c.clone();
        if let (Some(slot), Some(t)) = (row.get_mut(n), texts.get(at)) {
            slot.clone_from(t);
        }
        if let Some(p) = parts.get_mut(at) {
            *p = row.join("\t");
        }
        out.extend(parts);
    }
    out.join("\n")
}

fn wrapped_cells_bottom(text: &str, _: &Context) -> String {
    wrap_rows(text, Align::Bottom)
}

fn wrapped_cells_top(text: &str, _: &Context) -> String {
    wrap_rows(text, Align::Top)
}

fn wrapped_cells_centred(text: &str, _: &Context) -> String {
    wrap_rows(text, Align::Centre)
}

/// Rewrites every figure cell of every table (both layouts) with `f`, given the cell's index.
fn map_figure_cells(text: &str, f: impl Fn(&str, usize) -> String) -> String {
    let mut lines = lines_of(text);
    let mut k = 0;
    for (s, e) in all_blocks(&lines) {
        for line in lines.get_mut(s..e).unwrap_or(&mut []) {
            let mut c = cells(line);
            for cell in c.iter_mut().filter(|c| is_figure(c)) {
                *cell = f(cell, k);
                k += 1;
            }
            *line = c.join("\t");
        }
    }
    lines.join("\n")
}

/// OCR look-alike letters inside figures: `0` → `O`, `1` → `l`, `5` → `S` (one per cell).
fn ocr_lookalikes(text: &str, _: &Context) -> String {
    map_figure_cells(text, |cell, k| {
        let (from, to) = [('0', "O"), ('1', "l"), ('5', "S")][k % 3];
        cell.replacen(from, to, 1)
    })
}

/// A space after a digit-group separator inside a figure (`1.677. 707.236`, `68, 45`).
fn spaces_in_numbers(text: &str, _: &Context) -> String {
    map_figure_cells(text, |cell, k| {
        if k % 2 == 1 {
            return cell.to_string();
        }
        match cell.find(['.', ',']) {
            Some(p)
                if cell
                    .get(p + 1..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())) =>
            {
                format!(
                    "{} {}",
                    cell.get(..=p).unwrap_or(""),
                    cell.get(p + 1..).unwrap_or("")
                )
            }
            _ => cell.to_string(),
        }
    })
}

/// The authors print `Realisasi` before `Target` (and `Realisasi` before `Anggaran`): in every
/// TAB table whose header has both, the two columns change places in every row.
fn columns_reordered(text: &str, _: &Context) -> String {
    let mut lines = lines_of(text);
    for (s, e) in tab_blocks(&lines) {
        let header = (s..e).take_while(|i| {
            !lines
                .get(*i)
                .is_some_and(|l| cells(l).iter().skip(1).any(|c| is_figure(c)))
        });
        let mut pair = None;
        for h in header {
            let c: Vec<String> = cells(lines.get(h).map_or("", String::as_str))
                .iter()
                .map(|c| c.trim().to_lowercase())
                .collect();
            let find = |p: &dyn Fn(&str) -> bool| c.iter().position(|x| p(x));
            let real = find(&|x| x.starts_with("real"));
            let other = find(&|x| {
                x.starts_with("target") || x.starts_with("anggaran") || x.starts_with("pagu")
            });
            if let (Some(a), Some(b)) = (other, real) {
                pair = Some((a, b));
            }
        }
        let Some((a, b)) = pair else { continue };
        for line in lines.get_mut(s..e).unwrap_or(&mut []) {
            let mut c = cells(line);
            if c.len() > a.max(b) {
                c.swap(a, b);
                *line = c.join("\t");
            }
        }
    }
    lines.join("\n")
}

fn remove_blocks(text: &str, keep: impl Fn(&[String], (usize, usize)) -> bool) -> String {
    let lines = lines_of(text);
    let mut drop = vec![false; lines.len()];
    for b in all_blocks(&lines) {
        if !keep(&lines, b) {
            for d in drop.get_mut(b.0..b.1).unwrap_or(&mut []) {
                *d = true;
            }
        }
    }
    lines
        .iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The BAB III results tables removed: only the prose (and other printings) remain.
fn results_table_removed(text: &str, ctx: &Context) -> String {
    remove_blocks(text, |_, (s, e)| {
        !ctx.result_lines.iter().any(|l| *l > s && *l <= e)
    })
}

/// The budget realisation tables removed: the totals remain in prose, the programs' pagu in the
/// plan tables.
fn budget_table_removed(text: &str, ctx: &Context) -> String {
    remove_blocks(text, |lines, (s, e)| {
        let body = lines.get(s..e).unwrap_or(&[]).join(" ").to_lowercase();
        !(ctx.budget_lines.iter().any(|l| *l > s && *l <= e) && body.contains("realisasi"))
    })
}

/// `**1.677.707.236**,00`, `__68,45__`: emphasis markup around the figures, in tables and prose.
fn emphasis_markup(text: &str, _: &Context) -> String {
    let mut k = 0;
    lines_of(text)
        .iter()
        .map(|line| {
            NUMBER_IN_TEXT
                .replace_all(line, |c: &regex::Captures<'_>| {
                    let m = c.get(0).map_or("", |m| m.as_str());
                    k += 1;
                    if m.len() < 2 {
                        return m.to_string();
                    }
                    // the decimals of money stay outside (`**1.234.567.890**,00`)
                    let (int, rest) = match m.rfind(',') {
                        Some(p) if m.len() > 10 => {
                            (m.get(..p).unwrap_or(m), m.get(p..).unwrap_or(""))
                        }
                        _ => (m, ""),
                    };
                    if k % 2 == 0 {
                        format!("**{int}**{rest}")
                    } else {
                        format!("__{int}__{rest}")
                    }
                })
                .into_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Another kecamatan of the same kabupaten named in the body (borders, coordination), more often
/// than the report's own name appears in any one part of the body.
fn second_kecamatan(text: &str, ctx: &Context) -> String {
    let other = &ctx.other_kecamatan;
    let kab = &ctx.kabupaten;
    let mut lines = lines_of(text);
    let n = lines.len();
    for at in (1..=8).map(|k| n * k / 10) {
        let para = format!(
            "\nKoordinasi dilakukan dengan Kecamatan {other} Kabupaten {kab} yang berbatasan langsung; Camat {other} hadir dalam rapat koordinasi Kecamatan {other}.\n"
        );
        if let Some(l) = lines.get_mut(at) {
            l.push_str(&para);
        }
    }
    lines.join("\n")
}

fn letter_space(word: &str) -> String {
    if word.len() >= 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.chars().map(String::from).collect::<Vec<_>>().join(" ");
    }
    if word.chars().count() >= 5 && word.chars().all(char::is_alphabetic) {
        let chars: Vec<char> = word.chars().collect();
        let (a, b) = chars.split_at(chars.len() / 2);
        return format!(
            "{} {}",
            a.iter().collect::<String>(),
            b.iter().collect::<String>()
        );
    }
    word.to_string()
}

/// OCR of a letter-spaced cover: `KECAM ATAN SUKO HARJO`, `TAH UN 2 0 2 2`.
fn letter_spaced_cover(text: &str, _: &Context) -> String {
    let mut lines = lines_of(text);
    for line in lines.iter_mut().take(40) {
        let lower = line.to_lowercase();
        let title = line.split_whitespace().count() <= 8
            && ["kecamatan", "kabupaten", "tahun", "20"]
                .iter()
                .any(|w| lower.contains(w));
        if title && !line.contains('\t') {
            *line = line
                .split(' ')
                .map(letter_space)
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    lines.join("\n")
}

fn shifted(v: &str, by: &str) -> String {
    let parsed: f64 = v.parse().unwrap_or(0.0);
    let delta: f64 = by.parse().unwrap_or(1.0);
    format!("{:.2}", parsed + delta).replace('.', ",")
}

/// The end of the table holding the first result line (or the middle of the file).
fn after_results(lines: &[String], ctx: &Context) -> usize {
    let first = ctx
        .result_lines
        .iter()
        .min()
        .copied()
        .unwrap_or(lines.len() / 2);
    all_blocks(lines)
        .into_iter()
        .find(|(s, e)| first > *s && first <= *e)
        .map_or(first.min(lines.len()), |(_, e)| e)
}

fn insert_at(text: &str, ctx: &Context, block: &str) -> String {
    let mut lines = lines_of(text);
    let at = after_results(&lines, ctx);
    lines.insert(at.min(lines.len()), block.to_string());
    lines.join("\n")
}

/// A table comparing the kecamatan's IKU with the kabupaten's, the province's and the national
/// figures, printed right after the results table.
fn comparison_table(text: &str, ctx: &Context) -> String {
    insert_at(text, ctx, &comparison_block(ctx))
}

fn comparison_block(ctx: &Context) -> String {
    let mut t = format!(
        "\nTabel 3.9\nPerbandingan Capaian Kinerja dengan Kabupaten {}, Provinsi dan Nasional\n\nNo\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)\n",
        ctx.kabupaten
    );
    let mut n = 1;
    for (name, target, realisasi) in &ctx.iku {
        for (region, by) in [
            (format!("Kabupaten {}", ctx.kabupaten), "1.5"),
            ("Provinsi".to_string(), "-2.25"),
            ("Nasional".to_string(), "3.1"),
        ] {
            t.push_str(&format!(
                "{n}.\t{name} {region}\t{}\t{}\t\n",
                shifted(target, "5"),
                shifted(realisasi, by)
            ));
            n += 1;
        }
    }
    t.push_str(&format!(
        "\nTabel 3.10\nCapaian Kinerja Kecamatan Dibandingkan Rata-rata Kabupaten\n\nNo\tIndikator Kinerja\tKecamatan {}\tKabupaten {}\tNasional\n",
        ctx.kecamatan, ctx.kabupaten
    ));
    for (k, (name, _, realisasi)) in ctx.iku.iter().enumerate() {
        t.push_str(&format!(
            "{}.\t{name}\t{}\t{}\t{}\n",
            k + 1,
            realisasi.replace('.', ","),
            shifted(realisasi, "2"),
            shifted(realisasi, "-1")
        ));
    }
    t.push_str("\nSumber: data diolah\n");
    t
}

/// Tables that are not the report year's measurement: SAKIP evaluation component scores, Renstra
/// targets over five years, a rating scale.
fn non_measurement_tables(text: &str, ctx: &Context) -> String {
    insert_at(text, ctx, &non_measurement_block(ctx))
}

fn non_measurement_block(ctx: &Context) -> String {
    let y = ctx.tahun;
    let mut t = String::from(
        "\nTabel 3.11\nHasil Evaluasi SAKIP per Komponen\n\nNo\tKomponen / Uraian\tBobot\tTarget\tRealisasi\tCapaian (%)\n1.\tPerencanaan Kinerja\t30\t24\t22,50\t93,75\n2.\tPengukuran Kinerja\t30\t22\t19,20\t87,27\n3.\tPelaporan Kinerja\t15\t12\t11,10\t92,50\n4.\tEvaluasi Akuntabilitas Kinerja Internal\t25\t17\t15,40\t90,59\n\tNilai Hasil Evaluasi\t100\t75\t68,20\t90,93\n",
    );
    t.push_str(&format!(
        "\nTabel 2.3\nTarget Kinerja Renstra {} - {}\n\nNo\tIndikator Kinerja\tTarget {}\tTarget {}\tTarget {}\tTarget {}\tTarget {}\tRealisasi Kondisi Awal\n",
        y - 2,
        y + 2,
        y - 2,
        y - 1,
        y,
        y + 1,
        y + 2
    ));
    for (k, (name, target, _)) in ctx.iku.iter().enumerate() {
        let tv = target.replace('.', ",");
        t.push_str(&format!(
            "{}.\t{name}\t{}\t{}\t{tv}\t{}\t{}\t{}\n",
            k + 1,
            shifted(target, "-2"),
            shifted(target, "-1"),
            shifted(target, "1"),
            shifted(target, "2"),
            shifted(target, "-3")
        ));
    }
    t.push_str(
        "\nTabel 3.1\nSkala Nilai Peringkat Capaian Kinerja\n\nNo\tUraian\tTarget Nilai\tRealisasi Nilai\tPredikat\n1.\tSangat Tinggi\t91\t100\tAA\n2.\tTinggi\t76\t90\tA\n3.\tSedang\t66\t75\tB\n4.\tRendah\t51\t65\tC\n5.\tSangat Rendah\t0\t50\tD\n\nSumber: Permendagri 86 Tahun 2017\n",
    );
    t
}

/// The results tables removed and, where the first stood, the comparison and non-measurement
/// tables: nothing may take the results' place unflagged.
fn traps_without_results(text: &str, ctx: &Context) -> String {
    let lines = lines_of(text);
    let blocks: Vec<(usize, usize)> = all_blocks(&lines)
        .into_iter()
        .filter(|(s, e)| ctx.result_lines.iter().any(|l| *l > *s && *l <= *e))
        .collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match blocks.iter().find(|(s, e)| i >= *s && i < *e) {
            Some((s, _)) if i == *s && Some(s) == blocks.first().map(|b| &b.0) => {
                out.push(comparison_block(ctx));
                out.push(non_measurement_block(ctx));
            }
            Some(_) => {}
            None => out.push(line.clone()),
        }
    }
    out.join("\n")
}

/// Row numbers printed hierarchically (`2.1`, `4.1.1`, `6.`) in every table.
fn hierarchical_numbers(text: &str, _: &Context) -> String {
    let mut lines = lines_of(text);
    let mut k = 0usize;
    for (s, e) in tab_blocks(&lines) {
        for line in lines.get_mut(s..e).unwrap_or(&mut []) {
            let mut c = cells(line);
            let Some(first) = c.first_mut() else { continue };
            if ROW_NUMBER.is_match(first.trim()) {
                k += 1;
                *first = match k % 3 {
                    0 => format!("{}.{}", k % 7 + 1, k % 4 + 1),
                    1 => format!("{}.1.{}", k % 5 + 1, k % 3 + 1),
                    _ => format!("{}.", k % 9 + 1),
                };
                *line = c.join("\t");
            }
        }
    }
    // one cell per line: the numbering cell of a row is a line of its own
    let blocks = cell_blocks(&lines);
    for (s, e) in blocks {
        for i in s..e {
            let next_is_text = lines
                .get(i + 1)
                .is_some_and(|l| l.starts_with('\t') && !is_figure(l) && l.trim().len() > 3);
            if let Some(line) = lines.get_mut(i) {
                if next_is_text && ROW_NUMBER.is_match(line.trim()) && line.trim().ends_with('.') {
                    k += 1;
                    *line = format!("\t{}.{}", k % 7 + 1, k % 4 + 1);
                }
            }
        }
    }
    lines.join("\n")
}

/// OCR drops a cell: in every second TAB row with figures, the first figure cell is lost and the
/// later ones move one column left.
fn dropped_cells(text: &str, _: &Context) -> String {
    let mut k = 0;
    lines_of(text)
        .into_iter()
        .map(|line| {
            if !is_tab_row(&line) {
                return line;
            }
            let mut c = cells(&line);
            let Some(first) = c.iter().skip(1).position(|x| is_figure(x)).map(|p| p + 1) else {
                return line;
            };
            k += 1;
            if k % 2 == 0 {
                return line;
            }
            c.remove(first);
            c.join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The converter drops the empty cells at the end of every TAB row.
fn trimmed_row_ends(text: &str, _: &Context) -> String {
    lines_of(text)
        .into_iter()
        .map(|line| {
            if is_tab_row(&line) {
                line.trim_end_matches(['\t', ' ']).to_string()
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cover prints the publication year below the report year.
fn two_years_cover(text: &str, ctx: &Context) -> String {
    let mut lines = lines_of(text);
    let year = ctx.tahun.to_string();
    if let Some(i) = lines
        .iter()
        .take(40)
        .position(|l| l.contains(&year) && l.split_whitespace().count() <= 8)
    {
        lines.insert(i + 1, String::new());
        lines.insert(i + 2, format!("{}", ctx.tahun + 1));
    }
    lines.join("\n")
}
