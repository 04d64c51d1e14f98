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
            out.extend(table_rows(&block));
        } else {
            out.extend(paragraphs(&block));
        }
    }
    out
}

fn blocks<'a, 'b>(lines: &'b [PageLine<'a>]) -> Vec<Vec<&'b PageLine<'a>>> {
    let mut blocks: Vec<Vec<&PageLine<'a>>> = Vec::new();
    for pl in lines {
        let continues = blocks.last().and_then(|b| b.last()).is_some_and(|prev| {
            if prev.page != pl.page {
                // A table over a page break.
                prev.line.segments.len() >= 2 && pl.line.segments.len() >= 2
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

/// A table row being built: its cells' text and, per column, where its last line ended and
/// what that line held.
struct Row {
    cells: Vec<String>,
    last_x1: Vec<Option<f64>>,
    last_text: Vec<String>,
    last_segment: Vec<Option<Segment>>,
    page: usize,
    doubtful: bool,
}

fn table_rows(block: &[&PageLine<'_>]) -> Vec<OutLine> {
    let lines: Vec<&Line> = block.iter().map(|l| l.line).collect();
    let columns = find_columns(&lines);
    // The tightest gap between two lines of the table is the leading inside a cell; the rows
    // of a ruled table are further apart (borders, padding). A line further from the one
    // above than that leading (or on another page) starts a row.
    let gaps: Vec<f64> = block
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[1].line.y0 - w[0].line.y1)
        .collect();
    let leading = gaps.iter().copied().fold(f64::INFINITY, f64::min);
    let mut rows: Vec<Row> = Vec::new();
    let mut prev: Option<&PageLine<'_>> = None;
    for pl in block {
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
        let joined = match rows.last_mut() {
            Some(row) if tight && continues_row(row, &cells, &columns, pl.line.height) => {
                for (c, s) in &cells {
                    let piece = s.text();
                    let limit = columns.right.get(*c).copied().unwrap_or(f64::INFINITY);
                    let left = columns.left.get(*c).copied().unwrap_or(0.0);
                    let edge = row
                        .last_x1
                        .get(*c)
                        .copied()
                        .flatten()
                        .is_some_and(|x| reached_edge(x, limit, pl.line.height));
                    let word_broken = row
                        .last_segment
                        .get(*c)
                        .and_then(Option::as_ref)
                        .is_some_and(|above| {
                            is_broken_word(above, left, limit, &piece, pl.line.height)
                        });
                    if let Some(cell) = row.cells.get_mut(*c) {
                        if !is_broken_number(cell, &piece, edge) && !word_broken {
                            cell.push(' ');
                        }
                        cell.push_str(&piece);
                    }
                    if let Some(seg) = row.last_segment.get_mut(*c) {
                        *seg = Some((*s).clone());
                    }
                    if let Some(x) = row.last_x1.get_mut(*c) {
                        *x = Some(s.x1());
                    }
                    if let Some(t) = row.last_text.get_mut(*c) {
                        *t = piece;
                    }
                }
                row.doubtful |= doubtful(pl.line);
                true
            }
            _ => false,
        };
        if !joined {
            let mut row = Row {
                cells: vec![String::new(); columns.count()],
                last_x1: vec![None; columns.count()],
                last_text: vec![String::new(); columns.count()],
                last_segment: vec![None; columns.count()],
                page: pl.page,
                doubtful: doubtful(pl.line),
            };
            for (c, s) in &cells {
                if let Some(cell) = row.cells.get_mut(*c) {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(&s.text());
                }
                if let Some(x) = row.last_x1.get_mut(*c) {
                    *x = Some(s.x1());
                }
                if let Some(t) = row.last_text.get_mut(*c) {
                    *t = s.text();
                }
                if let Some(seg) = row.last_segment.get_mut(*c) {
                    *seg = Some((*s).clone());
                }
            }
            rows.push(row);
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

/// Whether a table line continues the row above: each of its cells sits in a column where the
/// row has text whose last line was full (the cell's first word would not have fitted on it),
/// and does not put a number under a complete number (a number does not wrap into another:
/// that is the next row, its label cells empty).
fn continues_row(row: &Row, cells: &[(usize, &Segment)], columns: &Columns, height: f64) -> bool {
    !cells.is_empty()
        && cells.iter().all(|(c, s)| {
            let (Some(Some(last)), Some(&limit)) = (row.last_x1.get(*c), columns.right.get(*c))
            else {
                return false;
            };
            let slack = 0.3 * height;
            let above = row.last_text.get(*c).map_or("", String::as_str);
            let piece = s.text();
            let edge = reached_edge(*last, limit, height);
            let left = columns.left.get(*c).copied().unwrap_or(0.0);
            let broken = is_broken_number(above, &piece, edge)
                || row
                    .last_segment
                    .get(*c)
                    .and_then(Option::as_ref)
                    .is_some_and(|seg| is_broken_word(seg, left, limit, &piece, height));
            let number_under_number =
                is_complete_number(above) && piece.starts_with(|ch: char| ch.is_ascii_digit());
            s.x1() <= limit + slack
                && (broken
                    || (!fits(*last, s.first_word_width(), limit, height) && !number_under_number))
        })
}

/// A number printed whole: digits with `.`/`,` separators, maybe a sign, `,-`, `%`.
fn is_complete_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(",-")
        .trim_end_matches('%')
        .trim_start_matches(['-', '+', '(', ')'])
        .trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && t.starts_with(|c: char| c.is_ascii_digit())
}

/// Text ending at `end` reached the right limit of its column (within half a line height).
fn reached_edge(end: f64, limit: f64, height: f64) -> bool {
    end >= limit - 0.5 * height
}

/// A number broken over two lines of a narrow cell (`1.708.657.2` / `45,-`, `345.150.253` /
/// `,-`, `1.886.154` / `145`, `107,` / `14`): the line above ends in a dot-grouped number whose
/// last group is short, or that reached the column's edge, or the line below starts with the
/// decimal comma, or the line above ends in a decimal comma (or, at the edge, inside the
/// decimals). Its pieces are joined without a space.
fn is_broken_number(above: &str, below: &str, at_edge: bool) -> bool {
    let last = above.split_whitespace().last().unwrap_or("");
    let digits_below = below.starts_with(|c: char| c.is_ascii_digit());
    let grouped = last.contains('.') && last.chars().all(|c| c.is_ascii_digit() || c == '.');
    let short_group = last.rsplit('.').next().is_some_and(|g| g.len() < 3);
    // `107,` / `14` and, at the edge, `98,4` / `6`: the decimals of a number cut.
    let decimal = last.starts_with(|c: char| c.is_ascii_digit())
        && last
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && (last.ends_with(',') || (at_edge && last.contains(',')));
    (grouped
        && (short_group || at_edge || below.starts_with(','))
        && (digits_below || below.starts_with(',')))
        || (decimal && digits_below)
}

/// A word broken inside itself: a column too narrow for one word breaks it at the edge. The
/// piece above is one word filling the column's width, and both pieces are letters.
fn is_broken_word(above_last: &Segment, left: f64, limit: f64, below: &str, height: f64) -> bool {
    let Some(word) = above_last.words.last() else {
        return false;
    };
    // The break falls where the next letter would not fit: up to a letter's width (about a
    // line height) before the limit.
    word.x0 <= left + 0.5 * height
        && word.x1 >= limit - height
        && word.text.ends_with(|c: char| c.is_alphabetic())
        && below.starts_with(|c: char| c.is_alphabetic() && c.is_lowercase())
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
