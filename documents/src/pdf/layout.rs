//! Lines → output text lines: lines are grouped into blocks by vertical gaps; a block whose
//! lines have several cells is a table, whose rows come out as TAB-separated cells in fixed
//! columns (the TAB-row layout the extractor reads), other blocks are paragraphs.
//!
//! * Wrapped text is joined: a line continues the line above (a paragraph line, or a table cell
//!   of the row above) when its first word would not have fitted at the end of that line within
//!   the block's (or column's) right limit — the rule by which the text was wrapped.
//! * A table continued over a page break is one block: when a page ends in a table and the next
//!   page (furniture set aside) starts with a table line, the columns are found over both.
//! * Blocks are separated by one blank line, as the text conversions have them.

use std::collections::HashMap;

use super::columns::{find_columns, Columns};
use super::lines::{Line, Segment};

/// A vertical gap, in line heights, from which the next line starts a new block.
pub const BLOCK_GAP: f64 = 0.6;
/// How much further apart than the leading inside a cell, in line heights, two table lines
/// must be to be two rows whatever their text.
pub const ROW_GAP: f64 = 0.15;
/// OCR confidence below which a word holding a digit marks its line as doubtful.
pub const LOW_CONFIDENCE: f32 = 60.0;

/// A line of a page, with its page (0-based).
pub struct PageLine<'a> {
    pub page: usize,
    pub line: &'a Line,
}

/// One line of the output text.
#[derive(Clone, Debug, PartialEq)]
pub struct OutLine {
    pub text: String,
    /// 0-based page of its first physical line.
    pub page: usize,
    /// A word holding a digit was read by OCR with low confidence.
    pub doubtful: bool,
}

/// Lays out the kept lines of all pages, in reading order.
pub fn lay_out(lines: &[PageLine<'_>]) -> Vec<OutLine> {
    let vocabulary = Vocabulary::of(lines);
    let mut out = Vec::new();
    for block in blocks(lines) {
        if !out.is_empty() {
            out.push(OutLine {
                text: String::new(),
                page: block.first().map_or(0, |l| l.page),
                doubtful: false,
            });
        }
        if is_table(&block) {
            out.extend(table_rows(&block, &vocabulary));
        } else {
            out.extend(paragraphs(&block));
        }
    }
    out
}

fn blocks<'a, 'b>(lines: &'b [PageLine<'a>]) -> Vec<Vec<&'b PageLine<'a>>> {
    let mut blocks: Vec<Vec<&PageLine<'a>>> = Vec::new();
    for pl in lines {
        let continues = blocks.last().is_some_and(|block| {
            let Some(prev) = block.last() else {
                return false;
            };
            if prev.page != pl.page {
                // A table over a page break (its last line may be a single wrapped cell): the
                // next page starts with a line of several cells, or with a cell's text that
                // the break cut (lower case, closing punctuation).
                is_table(block) && (pl.line.segments.len() >= 2 || continues_text(pl.line))
            } else {
                let gap = pl.line.y0 - prev.line.y1;
                gap <= BLOCK_GAP * prev.line.height.min(pl.line.height)
            }
        });
        match blocks.last_mut() {
            Some(b) if continues => b.push(pl),
            _ => blocks.push(vec![pl]),
        }
    }
    blocks
}

/// Characters after which a line is not broken between words.
const OPENING: [char; 4] = ['(', '[', '{', '<'];
/// Characters before which a line is not broken between words.
const CLOSING: [char; 12] = [')', ']', '}', '>', '/', ',', '.', ';', ':', '%', '!', '?'];

/// A line that goes on with text from above: it starts in lower case or with closing
/// punctuation.
fn continues_text(line: &Line) -> bool {
    line.words().next().is_some_and(|w| {
        w.text.starts_with(|c: char| c.is_lowercase()) || w.text.starts_with(CLOSING)
    })
}

/// A block is a table when two of its lines, or half of them, have several cells.
fn is_table(block: &[&PageLine<'_>]) -> bool {
    let multi = block.iter().filter(|l| l.line.segments.len() >= 2).count();
    multi >= 2 || (multi >= 1 && multi * 2 >= block.len())
}

fn doubtful(line: &Line) -> bool {
    line.words().any(|w| {
        w.confidence.is_some_and(|c| c < LOW_CONFIDENCE)
            && w.text.chars().any(|c| c.is_ascii_digit())
    })
}

/// The words a document prints: how often each run of letters occurs (lowercased). A narrow
/// column breaks a word that does not fit on a line of its own (`Pemerintaha` / `n`); the same
/// word printed whole elsewhere in the document tells such a break from two words
/// (`Pemerintahan` / `dan`), which geometry alone cannot.
pub struct Vocabulary {
    counts: HashMap<String, usize>,
}

impl Vocabulary {
    pub fn of(lines: &[PageLine<'_>]) -> Self {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for pl in lines {
            for w in pl.line.words() {
                for run in letter_runs(&w.text) {
                    *counts.entry(run.to_lowercase()).or_insert(0) += 1;
                }
            }
        }
        Vocabulary { counts }
    }

    fn count(&self, word: &str) -> usize {
        self.counts.get(&word.to_lowercase()).copied().unwrap_or(0)
    }
}

fn letter_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|r| !r.is_empty())
}

/// A table row being built: its cells' text and, per column, the segment its last line held
/// there.
struct Row {
    cells: Vec<String>,
    last_segment: Vec<Option<Segment>>,
    page: usize,
    doubtful: bool,
}

impl Row {
    fn new(columns: &Columns, page: usize) -> Self {
        Row {
            cells: vec![String::new(); columns.count()],
            last_segment: vec![None; columns.count()],
            page,
            doubtful: false,
        }
    }

    /// Adds a line's cells; `joins` says, per cell, how it continues the cell above.
    fn add(&mut self, line: &Line, cells: &[(usize, &Segment)], joins: &[Join]) {
        for (k, (c, s)) in cells.iter().enumerate() {
            if let Some(cell) = self.cells.get_mut(*c) {
                let broken = matches!(joins.get(k), Some(Join::Broken | Join::CutDigits));
                if !cell.is_empty() && !broken {
                    cell.push(' ');
                }
                cell.push_str(&s.text());
            }
            if let Some(seg) = self.last_segment.get_mut(*c) {
                *seg = Some((*s).clone());
            }
        }
        self.doubtful |= doubtful(line);
    }
}

/// How a line's cell relates to the text above it in its column.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Join {
    /// The column has no text in the row, or the cell runs past the column: not a continuation.
    Apart,
    /// A number under a complete number: the next row (its label cells empty).
    NumberUnderNumber,
    /// Digits under digits that reached the column's edge (`202` / `3`): a number cut, when
    /// another cell of the line is sure to continue the row; else the next row.
    CutDigits,
    /// A word or number that the column's edge broke: joined without a space.
    Broken,
    /// Its first word would not have fitted on the line above: the text wrapped.
    Wrapped,
    /// Its first word would have fitted on the line above.
    Fits,
}

fn table_rows(block: &[&PageLine<'_>], vocabulary: &Vocabulary) -> Vec<OutLine> {
    let lines: Vec<&Line> = block.iter().map(|l| l.line).collect();
    let columns = find_columns(&lines);
    // The tightest gap between two lines of the table is the leading inside a cell; the rows
    // of a ruled table are further apart (borders, padding). A line further from the one
    // above than that leading starts a row.
    let gaps: Vec<f64> = block
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[1].line.y0 - w[0].line.y1)
        .collect();
    let leading = gaps.iter().copied().fold(f64::INFINITY, f64::min);
    let mut rows: Vec<Row> = Vec::new();
    let mut prev: Option<&PageLine<'_>> = None;
    for pl in block {
        // A line at the top of a page after a table row: the row may have been split by the
        // page break (office suites let a row break across pages).
        let page_break = prev.is_some_and(|p| p.page != pl.page);
        let tight = prev.is_some_and(|p| {
            p.page == pl.page && pl.line.y0 - p.line.y1 <= leading + ROW_GAP * pl.line.height
        });
        prev = Some(pl);
        let cells: Vec<(usize, &Segment)> = pl
            .line
            .segments
            .iter()
            .map(|s| (columns.column_of(s), s))
            .collect();
        let continued = rows.last_mut().and_then(|row| {
            if !tight && !page_break {
                return None;
            }
            let joins: Vec<Join> = cells
                .iter()
                .map(|(c, s)| judge(row, *c, s, &columns, pl.line.height, vocabulary))
                .collect();
            continues_row(&joins, tight).then_some((row, joins))
        });
        match continued {
            Some((row, joins)) => row.add(pl.line, &cells, &joins),
            None => {
                let mut row = Row::new(&columns, pl.page);
                row.add(pl.line, &cells, &[]);
                rows.push(row);
            }
        }
    }
    rows.into_iter()
        .map(|r| OutLine {
            text: r.cells.join("\t"),
            page: r.page,
            doubtful: r.doubtful,
        })
        .collect()
}

/// How the cell `s` of a line, in column `c`, relates to the row's text above it.
fn judge(
    row: &Row,
    c: usize,
    s: &Segment,
    columns: &Columns,
    height: f64,
    vocabulary: &Vocabulary,
) -> Join {
    let (Some(Some(above)), Some(&limit), Some(cell)) = (
        row.last_segment.get(c),
        columns.right.get(c),
        row.cells.get(c),
    ) else {
        return Join::Apart;
    };
    if s.x1() > limit + 0.3 * height {
        return Join::Apart;
    }
    let piece = s.text();
    let left = columns.left.get(c).copied().unwrap_or(0.0);
    let edge = reached_edge(above.x1(), limit, height);
    if is_broken_number(cell, &piece, edge)
        || is_broken_word(above, left, limit, s, height, vocabulary)
    {
        return Join::Broken;
    }
    let last = cell.split_whitespace().last().unwrap_or("");
    if is_complete_number(last) && piece.starts_with(|ch: char| ch.is_ascii_digit()) {
        let digits = |t: &str| !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit());
        return if edge && digits(numeric_tail(last)) && digits(&piece) {
            Join::CutDigits
        } else {
            Join::NumberUnderNumber
        };
    }
    if fits(above.x1(), s.first_word_width(), limit, height) {
        Join::Fits
    } else {
        Join::Wrapped
    }
}

/// Whether a table line continues the row above, from how each of its cells relates to the
/// row's text in its column. Every cell must sit in a column where the row has text, and none
/// may put a number under a complete number (a number does not wrap into another: that is the
/// next row, its label cells empty). Each cell's first word would not have fitted on the line
/// above (the text wrapped) — or, when one of its cells is a word or number broken at the
/// column's edge (sure to continue), the others may be words that would just have fitted (the
/// column's edge is only known within a letter or so) or digits under digits that reached the
/// edge (`Tahun 202` / `3`). Across a page break, where the gap to the line above says
/// nothing, only such a broken cell tells a continued row.
fn continues_row(joins: &[Join], tight: bool) -> bool {
    let sure = joins.contains(&Join::Broken);
    !joins.is_empty()
        && (tight || sure)
        && joins.iter().all(|j| match j {
            Join::Broken | Join::Wrapped => true,
            Join::Fits | Join::CutDigits => sure,
            Join::Apart | Join::NumberUnderNumber => false,
        })
}

/// A number printed whole: digits with `.`/`,` separators, maybe a sign, `,-`, `%`.
fn is_complete_number(text: &str) -> bool {
    let t = numeric_tail(text.trim())
        .trim_end_matches(",-")
        .trim_end_matches('%')
        .trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && t.starts_with(|c: char| c.is_ascii_digit())
}

/// The number a token ends with, without what is printed before it (`Rp`, `(`, a sign, a
/// bold marker): `Rp2.592.499.7` → `2.592.499.7`.
fn numeric_tail(token: &str) -> &str {
    let start = token
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%'))
        .last()
        .map_or(token.len(), |(i, _)| i);
    token[start..].trim_start_matches(['.', ',', '-'])
}

/// Text ending at `end` reached the right limit of its column (within half a line height).
fn reached_edge(end: f64, limit: f64, height: f64) -> bool {
    end >= limit - 0.5 * height
}

/// A number broken over two lines of a narrow cell (`1.708.657.2` / `45,-`, `345.150.253` /
/// `,-`, `1.886.154` / `145`, `107,` / `14`, `83` / `,20`): the cell above ends in a dot-grouped
/// number whose last group is short, or that reached the column's edge, or the line below
/// starts with the decimal comma (or a separator and digits), or the cell above ends in a
/// decimal comma (or, at the edge, inside the decimals). What is printed before the number
/// (`Rp`, a sign) does not matter. Its pieces are joined without a space.
fn is_broken_number(above: &str, below: &str, at_edge: bool) -> bool {
    let token = above.split_whitespace().last().unwrap_or("");
    let last = numeric_tail(token);
    if !last.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let digits_below = below.starts_with(|c: char| c.is_ascii_digit());
    // `83` / `,20`, `1.500` / `.000`: a line does not start with a separator.
    let separator_below = below.starts_with([',', '.'])
        && below[1..].starts_with(|c: char| c.is_ascii_digit())
        && last.ends_with(|c: char| c.is_ascii_digit());
    let grouped = last.contains('.') && last.chars().all(|c| c.is_ascii_digit() || c == '.');
    let short_group = last.rsplit('.').next().is_some_and(|g| g.len() < 3);
    // `107,` / `14` and, at the edge, `98,4` / `6`: the decimals of a number cut.
    let decimal = last
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && (last.ends_with(',') || (at_edge && last.contains(',')));
    separator_below
        || (grouped
            && (short_group || at_edge || below.starts_with(','))
            && (digits_below || below.starts_with(',')))
        || (decimal && digits_below)
}

/// A word broken inside itself: a column too narrow for a word breaks it at the edge. The
/// piece above ends its line at the column's edge. A piece that ends in an opening bracket or
/// a slash, or a piece below that starts with closing punctuation, is a cut (lines break at
/// spaces, never there). Otherwise both pieces are letters, and the document
/// printing the whole word elsewhere makes it a break (`Indikat` / `or`, `PEMERINTAHA` / `N`).
/// A word the document does not print whole is a break only when the piece above is a lone
/// word filling the line and the piece below goes on in lower case, neither of them a word the
/// document prints elsewhere (`dan` is a word of its own).
fn is_broken_word(
    above_last: &Segment,
    left: f64,
    limit: f64,
    below_segment: &Segment,
    height: f64,
    vocabulary: &Vocabulary,
) -> bool {
    let Some(word) = above_last.words.last() else {
        return false;
    };
    let below = below_segment.text();
    let below = below.as_str();
    // A line does not end after an opening bracket (alone or with its slash, `(`, `</`): the
    // run of characters goes on below, wherever the line was broken.
    let without_slash = word.text.strip_suffix('/').unwrap_or(&word.text);
    if without_slash.ends_with(OPENING)
        && !fits(word.x1, below_segment.first_word_width(), limit, height)
    {
        return true;
    }
    // The break falls where the next letter would not fit: up to a letter's width (about a
    // line height) before the limit.
    if word.x1 < limit - height {
        return false;
    }
    // Nor does a line start with closing punctuation: a run of characters without a space
    // (`Kelurahan</b` / `>`, `(IKM` / `)`) that the edge cut.
    if below.starts_with(CLOSING) {
        return true;
    }
    if !word.text.ends_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    let (Some(head), Some(tail)) = (
        letter_runs(&word.text).last(),
        below
            .starts_with(|c: char| c.is_alphabetic())
            .then(|| letter_runs(below).next())
            .flatten(),
    ) else {
        return false;
    };
    if vocabulary.count(&format!("{head}{tail}")) > 0 {
        return true;
    }
    word.x0 <= left + 0.5 * height
        && vocabulary.count(head) <= 1
        && vocabulary.count(tail) <= 1
        && tail.starts_with(|c: char| c.is_lowercase())
}

/// Whether a word of `width` fits after text ending at `end`, within `limit`.
fn fits(end: f64, width: f64, limit: f64, height: f64) -> bool {
    end + 0.25 * height + width <= limit + 0.3 * height
}

/// Paragraph lines joined where the text was wrapped.
fn paragraphs(block: &[&PageLine<'_>]) -> Vec<OutLine> {
    // The right edge of the text: where the lines' first segments end. A segment set apart at
    // the far right (a speck, a margin note) is no part of the text column.
    let limit = block
        .iter()
        .filter_map(|l| l.line.segments.first().map(Segment::x1))
        .fold(f64::NEG_INFINITY, f64::max);
    let mut out: Vec<OutLine> = Vec::new();
    let mut prev: Option<&Line> = None;
    for pl in block {
        let text = pl
            .line
            .segments
            .iter()
            .map(Segment::text)
            .collect::<Vec<_>>()
            .join(" ");
        let first_width = pl
            .line
            .segments
            .first()
            .map_or(0.0, Segment::first_word_width);
        let wrapped = prev
            .is_some_and(|p| !fits(p.x1(), first_width, limit, p.height) && !starts_item(&text));
        match out.last_mut() {
            Some(last) if wrapped => {
                last.text.push(' ');
                last.text.push_str(&text);
                last.doubtful |= doubtful(pl.line);
            }
            _ => out.push(OutLine {
                text,
                page: pl.page,
                doubtful: doubtful(pl.line),
            }),
        }
        prev = Some(pl.line);
    }
    out
}

/// A list item's marker starts a new line even after a full line: `1.`, `a)`, `-`, `•`.
fn starts_item(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    matches!(first, "-" | "•" | "*" | "–")
        || (first.len() <= 4
            && (first.ends_with('.') || first.ends_with(')'))
            && first
                .trim_end_matches(['.', ')'])
                .chars()
                .all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::super::lines::{build_lines, tests::phrase};
    use super::*;

    fn lay(rows: &[&[(&str, f64)]], pitch: f64) -> Vec<String> {
        let mut words = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            for (text, x) in row.iter() {
                words.extend(phrase(text, *x, 100.0 + pitch * i as f64));
            }
        }
        let lines = build_lines(&words);
        let pls: Vec<PageLine<'_>> = lines
            .iter()
            .map(|line| PageLine { page: 0, line })
            .collect();
        lay_out(&pls).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn table_rows_come_out_as_tab_cells_with_wrapped_names_joined() {
        // Column 1 ends at 165 (the next starts at 172): "Meningkatnya Kualitas" does not fit.
        let out = lay(
            &[
                &[
                    ("No", 10.0),
                    ("Sasaran", 60.0),
                    ("Target", 172.0),
                    ("Realisasi", 260.0),
                ],
                &[
                    ("1", 10.0),
                    ("Meningkatnya", 60.0),
                    ("80", 172.0),
                    ("99", 260.0),
                ],
                &[("Kualitas Pelayanan", 60.0)],
                &[
                    ("2", 10.0),
                    ("Tata Kelola", 60.0),
                    ("90", 172.0),
                    ("95", 260.0),
                ],
            ],
            11.0,
        );
        assert_eq!(
            out,
            vec![
                "No\tSasaran\tTarget\tRealisasi",
                "1\tMeningkatnya Kualitas Pelayanan\t80\t99",
                "2\tTata Kelola\t90\t95",
            ]
        );
    }

    #[test]
    fn numbers_broken_in_narrow_cells_are_joined_and_number_rows_kept_apart() {
        assert!(is_broken_number("1.708.657.2", "45,-", false));
        assert!(is_broken_number("345.150.253", ",-", false));
        assert!(is_broken_number("1.886.154", "145", true));
        assert!(!is_broken_number("1.886.154", "145", false));
        assert!(!is_broken_number("55.784.550,-", "1.764.441.795,-", true));
        assert!(!is_broken_number("Tahun", "2023", true));
        assert!(is_broken_number("107,", "14", false));
        assert!(is_broken_number("98,4", "6", true));
        assert!(!is_broken_number("98,46", "70", false));
        // A line does not start with a separator; what precedes the number does not matter.
        assert!(is_broken_number("83", ",20", false));
        assert!(!is_broken_number("Tahun", ",20", false));
        assert!(is_broken_number("<b>2.592.499.7", "00", false));
        assert!(is_broken_number("Rp1.886.154", "145", true));
        // "55.784.550,-" fills its column; the total under it is the next row.
        let out = lay(
            &[
                &[("Jenis", 10.0), ("Anggaran", 100.0), ("Realisasi", 200.0)],
                &[
                    ("Belanja Modal", 10.0),
                    ("55.784.550,-", 100.0),
                    ("55.242.500,-", 200.0),
                ],
                &[("1.764.441.795,-", 100.0), ("1.665.182.300,-", 200.0)],
            ],
            11.0,
        );
        assert_eq!(out.len(), 3);
        assert_eq!(out[2], "\t1.764.441.795,-\t1.665.182.300,-");
    }

    /// Lays out words given per page as (text, x, y).
    fn lay_pages(pages: &[&[(&str, f64, f64)]]) -> Vec<String> {
        let built: Vec<Vec<Line>> = pages
            .iter()
            .map(|words| {
                let words: Vec<_> = words
                    .iter()
                    .flat_map(|(t, x, y)| phrase(t, *x, *y))
                    .collect();
                build_lines(&words)
            })
            .collect();
        let pls: Vec<PageLine<'_>> = built
            .iter()
            .enumerate()
            .flat_map(|(page, lines)| lines.iter().map(move |line| PageLine { page, line }))
            .collect();
        lay_out(&pls).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_word_broken_at_a_narrow_columns_edge_is_joined_when_the_document_prints_it_whole() {
        // The name column ends at 83 (the next starts at 90): `Pemerintahan` fills it.
        let out = lay_pages(&[&[
            ("Uraian", 10.0, 100.0),
            ("Pagu", 90.0, 100.0),
            ("Pemerintaha", 10.0, 115.0),
            ("1.000", 90.0, 115.0),
            ("n Desa", 10.0, 126.0),
            ("Pemerintahan", 10.0, 141.0),
            ("2.000", 90.0, 141.0),
            ("dan Desa", 10.0, 152.0),
            ("Pembinaan desa dan kelurahan", 10.0, 300.0),
        ]]);
        assert_eq!(
            out,
            vec![
                "Uraian\tPagu",
                "Pemerintahan Desa\t1.000",
                "Pemerintahan dan Desa\t2.000",
                "",
                "Pembinaan desa dan kelurahan",
            ]
        );
    }

    #[test]
    fn a_header_row_split_by_a_page_break_is_one_row_when_a_cell_is_cut() {
        let page_one: &[(&str, f64, f64)] = &[
            ("Capaian Kinerja", 10.0, 600.0),
            ("No", 10.0, 640.0),
            ("Indikat", 40.0, 640.0),
            ("Tahun 202", 95.0, 640.0),
        ];
        // `or` goes on with `Indikat` (the document prints `Indikator`), so `3` is the year's
        // last digit, not a number under a number.
        let out = lay_pages(&[
            page_one,
            &[
                ("or", 40.0, 100.0),
                ("3", 95.0, 100.0),
                ("Kinerja", 40.0, 111.0),
                ("Indikator kinerja utama", 10.0, 300.0),
            ],
        ]);
        assert_eq!(
            out,
            vec![
                "Capaian Kinerja",
                "",
                "No\tIndikator Kinerja\tTahun 2023",
                "",
                "Indikator kinerja utama",
            ]
        );
        // Nothing cut: the line at the top of the page is a row of its own.
        let out = lay_pages(&[
            page_one,
            &[("Kinerja", 40.0, 100.0), ("Akhir", 95.0, 100.0)],
        ]);
        assert_eq!(out.len(), 4, "{out:?}");
    }

    #[test]
    fn runs_of_characters_cut_at_the_edge_are_joined_without_a_space() {
        let seg = |t: &str, x: f64| Segment {
            words: phrase(t, x, 100.0),
        };
        let vocabulary = Vocabulary {
            counts: HashMap::new(),
        };
        // `(IKM` ends at 34, the column at 35: a closing bracket does not start a line.
        assert!(is_broken_word(
            &seg("(IKM", 10.0),
            10.0,
            35.0,
            &seg(")", 10.0),
            10.0,
            &vocabulary
        ));
        // A line does not end after an opening bracket, at the edge or not.
        assert!(is_broken_word(
            &seg("Umum</", 10.0),
            10.0,
            50.0,
            &seg("b>", 10.0),
            10.0,
            &vocabulary
        ));
        // A slash between two words is a place to break the line.
        assert!(!is_broken_word(
            &seg("Tujuan/", 10.0),
            10.0,
            55.0,
            &seg("Sasaran", 10.0),
            10.0,
            &vocabulary
        ));
        // Closing punctuation far from the edge: not a cut.
        assert!(!is_broken_word(
            &seg("(IKM", 10.0),
            10.0,
            80.0,
            &seg(")", 10.0),
            10.0,
            &vocabulary
        ));
    }

    #[test]
    fn a_short_row_after_a_short_cell_is_a_new_row() {
        let out = lay(
            &[
                &[("Uraian", 10.0), ("Anggaran", 200.0)],
                &[("Belanja Pegawai", 10.0), ("1.000", 200.0)],
                &[("Belanja Barang", 10.0)],
                &[("Jumlah", 10.0), ("2.000", 200.0)],
            ],
            11.0,
        );
        assert_eq!(out.len(), 4);
        assert_eq!(out[2], "Belanja Barang\t");
    }

    #[test]
    fn wrapped_paragraph_lines_are_joined_and_blocks_separated() {
        let out = lay(
            &[
                &[("KATA PENGANTAR", 10.0)],
                &[("Segala puji syukur kami panjatkan", 10.0)],
                &[("kehadirat Tuhan", 10.0)],
            ],
            11.0,
        );
        assert_eq!(
            out,
            vec![
                "KATA PENGANTAR",
                "Segala puji syukur kami panjatkan kehadirat Tuhan"
            ]
        );
    }

    #[test]
    fn a_speck_in_the_margin_does_not_widen_the_text() {
        let out = lay(
            &[
                &[("Segala puji syukur kami panjatkan", 10.0), ("7", 400.0)],
                &[("kehadirat Tuhan yang telah memberi", 10.0)],
                &[("rahmat", 10.0)],
            ],
            11.0,
        );
        assert_eq!(out.len(), 1, "{out:?}");
    }

    #[test]
    fn list_items_and_short_lines_stay_apart() {
        let out = lay(
            &[
                &[("Tujuan dari laporan ini adalah", 10.0)],
                &[("1. memberi informasi", 10.0)],
                &[("2. bahan evaluasi", 10.0)],
            ],
            11.0,
        );
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn a_wide_gap_starts_a_new_block() {
        let out = lay(&[&[("Judul", 10.0)], &[("Isi", 10.0)]], 30.0);
        assert_eq!(out, vec!["Judul", "", "Isi"]);
    }
}
