//! An HTML report (a web page, Word's "save as web page", a converter's output) → report lines:
//! each paragraph, heading or list item on its line, and each `<table>` rendered on its column
//! grid as a DOCX table is (`docx::table::render`), so that a `colspan` or `rowspan` keeps every
//! value under its header instead of being guessed from the text.
//!
//! The reader is lenient as browsers are: unclosed `<p>`, `<td>` or `<tr>` end where the next
//! one starts, unknown tags are ignored, and nothing in a document makes it fail.

use crate::docx::table::{self, Cell, MergedCells, Row, VMerge};
use crate::{encoding, entities};
use crate::{Document, Format};

/// Whether a text file is an HTML document (not text holding an HTML fragment): it opens, after
/// a byte-order mark, blank space, an XML declaration or comments, with `<!DOCTYPE html` or
/// `<html`.
pub fn is_document(bytes: &[u8]) -> bool {
    let head = decode(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?xml") {
            rest = after.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    rest.starts_with("<!doctype html") || rest.starts_with("<html")
}

/// The text of an HTML file: UTF-16 after its byte-order mark (Word's "Unicode" web page), UTF-8
/// when the bytes are valid UTF-8, else Windows-1252 — the code page Word saves a web page in
/// on Western and Indonesian systems — so that no byte is lost.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match bytes {
        [0xFF, 0xFE, body @ ..] => encoding::utf16(body, false).into(),
        [0xFE, 0xFF, body @ ..] => encoding::utf16(body, true).into(),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => text.into(),
            // A multi-byte character cut by a length limit is still UTF-8.
            Err(e) if e.error_len().is_none() => String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            Err(_) => encoding::windows_1252(bytes).into(),
        },
    }
}

/// Reads an HTML document into report lines.
pub fn read(bytes: &[u8]) -> Document {
    let html = decode(bytes);
    let mut reader = Reader::default();
    for token in Tokens::new(html.trim_start_matches('\u{feff}')) {
        reader.take(token);
    }
    let lines = reader.finish();
    let mut text = lines.join("\n");
    text.push('\n');
    Document {
        format: Format::Html,
        text,
        page_starts: Vec::new(),
        low_confidence_lines: Vec::new(),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    Open { name: String, tag: &'a str },
    Close(String),
}

/// The tokens of an HTML text: text runs and tags; comments, doctypes and processing
/// instructions are skipped, as is the content of `<script>` and `<style>`.
struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Tokens<'a> {
    fn new(html: &'a str) -> Self {
        Tokens { rest: html }
    }

    /// Skips to the end of the raw-text element `name` (its content is not markup).
    fn skip_raw(&mut self, name: &str) {
        let end = self.rest.match_indices("</").find(|&(at, _)| {
            self.rest
                .get(at + 2..at + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        });
        self.rest = end.map_or("", |(at, _)| &self.rest[at..]);
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let Some(start) = self.rest.find('<') else {
                let text = self.rest;
                self.rest = "";
                return Some(Token::Text(text));
            };
            if start > 0 {
                let text = &self.rest[..start];
                self.rest = &self.rest[start..];
                return Some(Token::Text(text));
            }
            if let Some(after) = self.rest.strip_prefix("<!--") {
                self.rest = after.split_once("-->").map_or("", |(_, r)| r);
                continue;
            }
            let Some(end) = self.rest.find('>') else {
                // A `<` that opens no tag is text.
                let text = self.rest;
                self.rest = "";
                return Some(Token::Text(text));
            };
            let tag = &self.rest[1..end];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() && !tag.starts_with('!') && !tag.starts_with('?') {
                // `< 5` or `<=`: a `<` that opens no tag is text.
                let text = &self.rest[..1];
                self.rest = &self.rest[1..];
                return Some(Token::Text(text));
            }
            self.rest = &self.rest[end + 1..];
            if name.is_empty() {
                continue;
            }
            if closing {
                return Some(Token::Close(name));
            }
            if matches!(name.as_str(), "script" | "style") && !tag.ends_with('/') {
                self.skip_raw(&name);
                continue;
            }
            return Some(Token::Open { name, tag });
        }
    }
}

/// The value of a numeric attribute (`colspan="2"`, `rowspan=3`), at least 1 and at most 100.
fn span_attribute(tag: &str, attribute: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    let Some(at) = lower.find(attribute) else {
        return 1;
    };
    let value = lower[at + attribute.len()..]
        .trim_start()
        .strip_prefix('=')
        .unwrap_or("")
        .trim_start()
        .trim_start_matches(['"', '\'']);
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<usize>().unwrap_or(1).clamp(1, 100)
}

/// Tags that end a line of text (outside a table) or a paragraph (inside a cell).
fn breaks_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "hr"
            | "dt"
            | "dd"
            | "title"
            | "body"
    )
}

/// One table being read: its finished rows, the row and cell open now, and the grid columns
/// still covered by a `rowspan` from a row above (rows left, columns the cell spans).
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<Cell>,
    paragraph: String,
    covered: Vec<(usize, usize)>,
    /// The table's `<caption>` (its title, `Tabel 3.1 …`), printed as a line above it.
    caption: Option<String>,
    in_caption: bool,
}

impl TableBuilder {
    fn grid_width(row: &Row) -> usize {
        row.iter().map(|c| c.span.max(1)).sum()
    }

    /// Adds to `row` the cells a `rowspan` from above covers at its next grid column(s).
    fn fill_covered(&mut self, until_cell: bool) {
        let Some(row) = self.row.as_mut() else {
            return;
        };
        loop {
            let column = Self::grid_width(row);
            match self.covered.get_mut(column) {
                Some((left, span)) if *left > 0 => {
                    let span = *span;
                    row.push(Cell {
                        paragraphs: Vec::new(),
                        span,
                        vmerge: VMerge::Continue,
                    });
                    for c in column..column + span {
                        if let Some((l, _)) = self.covered.get_mut(c) {
                            *l = l.saturating_sub(1);
                        }
                    }
                }
                _ if until_cell => return,
                // At the row's end: covered columns further right still get their cells.
                _ => {
                    let further = self
                        .covered
                        .iter()
                        .skip(column)
                        .position(|(left, _)| *left > 0);
                    match further {
                        Some(gap) => {
                            for _ in 0..gap {
                                row.push(Cell::new());
                            }
                        }
                        None => return,
                    }
                }
            }
        }
    }

    fn end_paragraph(&mut self) {
        let text = collapse(&self.paragraph);
        self.paragraph.clear();
        if let Some(cell) = self.cell.as_mut() {
            if !text.is_empty() {
                cell.paragraphs.push(text);
            }
        }
    }

    fn end_cell(&mut self) {
        self.end_paragraph();
        if let Some(cell) = self.cell.take() {
            self.row.get_or_insert_with(Vec::new).push(cell);
        }
    }

    fn start_cell(&mut self, tag: &str) {
        self.end_cell();
        if self.row.is_none() {
            self.row = Some(Vec::new());
        }
        self.fill_covered(true);
        let span = span_attribute(tag, "colspan");
        let rows = span_attribute(tag, "rowspan");
        let column = self.row.as_ref().map_or(0, Self::grid_width);
        if rows > 1 {
            if self.covered.len() < column + span {
                self.covered.resize(column + span, (0, 1));
            }
            self.covered[column] = (rows - 1, span);
            for c in column + 1..column + span {
                self.covered[c] = (rows - 1, 1);
            }
        }
        self.cell = Some(Cell {
            paragraphs: Vec::new(),
            span,
            vmerge: if rows > 1 {
                VMerge::Restart
            } else {
                VMerge::None
            },
        });
    }

    fn end_row(&mut self) {
        self.end_cell();
        if self.row.is_some() {
            self.fill_covered(false);
        }
        if let Some(row) = self.row.take() {
            if !row.is_empty() {
                self.rows.push(row);
            }
        }
    }
}

/// Runs of white space as one space, trimmed: HTML text as a browser lays it out.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Reader {
    lines: Vec<String>,
    line: String,
    tables: Vec<TableBuilder>,
    in_head: bool,
}

impl Reader {
    fn end_line(&mut self) {
        let text = collapse(&self.line);
        self.line.clear();
        if !text.is_empty() {
            self.lines.push(text);
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_head {
            return;
        }
        let decoded = entities::decode(text);
        match self.tables.last_mut() {
            Some(table) if table.cell.is_some() => table.paragraph.push_str(&decoded),
            Some(table) => {
                if table.in_caption {
                    table
                        .caption
                        .get_or_insert_with(String::new)
                        .push_str(&decoded);
                }
                // Other text between cells (white space, stray words) belongs to no cell.
            }
            None => self.line.push_str(&decoded),
        }
    }

    fn take(&mut self, token: Token<'_>) {
        match token {
            Token::Text(text) => self.text(text),
            Token::Open { name, tag } => self.open(&name, tag),
            Token::Close(name) => self.close(&name),
        }
    }

    fn open(&mut self, name: &str, tag: &str) {
        match name {
            "head" => self.in_head = true,
            "body" => self.in_head = false,
            "table" => {
                if self.tables.is_empty() {
                    self.end_line();
                }
                self.tables.push(TableBuilder::default());
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.end_row();
                    table.row = Some(Vec::new());
                }
            }
            "caption" => {
                if let Some(table) = self.tables.last_mut() {
                    table.in_caption = true;
                }
            }
            "td" | "th" => {
                if let Some(table) = self.tables.last_mut() {
                    table.start_cell(tag);
                } else {
                    self.line.push(' ');
                }
            }
            _ if breaks_block(name) => self.block_break(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "head" => self.in_head = false,
            "table" => self.end_table(),
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.end_row();
                }
            }
            "caption" => {
                if let Some(table) = self.tables.last_mut() {
                    table.in_caption = false;
                }
            }
            "td" | "th" => {
                if let Some(table) = self.tables.last_mut() {
                    table.end_cell();
                }
            }
            _ if breaks_block(name) => self.block_break(),
            _ => {}
        }
    }

    fn block_break(&mut self) {
        match self.tables.last_mut() {
            Some(table) => table.end_paragraph(),
            None => self.end_line(),
        }
    }

    fn end_table(&mut self) {
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        table.end_row();
        let caption = table.caption.as_deref().map(collapse).unwrap_or_default();
        match self.tables.last_mut() {
            // A table inside a cell becomes text of that cell.
            Some(outer) => {
                let flat = table::flatten(&table.rows);
                if !flat.is_empty() {
                    outer.paragraph.push(' ');
                    outer.paragraph.push_str(&flat);
                }
            }
            None => {
                if !caption.is_empty() {
                    self.lines.push(caption);
                }
                self.lines
                    .extend(table::render(&table.rows, MergedCells::Empty));
            }
        }
    }

    fn finish(mut self) -> Vec<String> {
        while !self.tables.is_empty() {
            self.end_table();
        }
        self.end_line();
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        lines_of(html.as_bytes())
    }

    #[test]
    fn html_documents_are_told_from_text_with_fragments() {
        assert!(is_document(b"<!DOCTYPE html>\n<html>"));
        assert!(is_document(b"\xef\xbb\xbf  <HTML xmlns:o=\"urn:schemas\">"));
        assert!(is_document(
            b"<?xml version=\"1.0\"?>\n<!-- saved -->\n<html>"
        ));
        assert!(!is_document(
            b"LAPORAN KINERJA\n<table><tr><td>1</td></tr></table>"
        ));
        assert!(!is_document(b"<p>Kecamatan Jaten</p>"));
    }

    #[test]
    fn utf16_and_windows_1252_pages_are_decoded() {
        let page = "<html><p>Luas 37,89 km² – Kecamatan “Jaten”</p>";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(page.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(is_document(&utf16));
        assert_eq!(lines_of(&utf16), ["Luas 37,89 km² – Kecamatan “Jaten”"]);
        let cp1252 = b"<html><p>Luas 37,89 km\xb2 \x96 Kecamatan \x93Jaten\x94</p>";
        assert_eq!(lines_of(cp1252), ["Luas 37,89 km² – Kecamatan “Jaten”"]);
        assert_eq!(lines_of("<html><p>é</p>".as_bytes()), ["é"]);
    }

    fn lines_of(bytes: &[u8]) -> Vec<String> {
        read(bytes).text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn paragraphs_are_lines_and_markup_is_dropped() {
        assert_eq!(lines("\u{feff}<html><p>a</p>"), ["a"]);
        assert_eq!(
            lines("<html><SCRIPT>if (a</b) x = '</p>';</Script><p>b</p>"),
            ["b"]
        );
        let html = "<html><head><title>x</title><style>p{color:red}</style></head><body>\
            <h1>LAPORAN  KINERJA</h1><p>Kecamatan <b>Jaten</b><br>Tahun&nbsp;2023</p>\
            <!-- a comment --><script>var a = '<p>';</script><p>A &amp; B &#8211; C</p></body></html>";
        assert_eq!(
            lines(html),
            [
                "LAPORAN KINERJA",
                "Kecamatan Jaten",
                "Tahun 2023",
                "A & B – C"
            ]
        );
    }

    #[test]
    fn colspan_and_rowspan_keep_values_under_their_headers() {
        let html = "<html><body><table>\
            <tr><th rowspan=2>No</th><th rowspan=\"2\">Indikator</th><th colspan=\"3\">2023</th></tr>\
            <tr><th>Target</th><th>Realisasi</th><th>Capaian</th></tr>\
            <tr><td>1</td><td>Nilai SAKIP</td><td>70</td><td>68,45</td><td>97,78</td></tr>\
            </table></body></html>";
        assert_eq!(
            lines(html),
            [
                "No\tIndikator\t2023\t\t",
                "\t\tTarget\tRealisasi\tCapaian",
                "1\tNilai SAKIP\t70\t68,45\t97,78",
            ]
        );
    }

    #[test]
    fn a_caption_is_the_line_above_its_table() {
        let html =
            "<html><p>Pada tabel berikut</p><table><caption>Tabel 3.1 <b>Capaian</b> IKU</caption>\
            <tr><td>Nilai SAKIP</td><td>70</td></tr> lepas </table>";
        assert_eq!(
            lines(html),
            [
                "Pada tabel berikut",
                "Tabel 3.1 Capaian IKU",
                "Nilai SAKIP\t70"
            ]
        );
    }

    #[test]
    fn a_rowspan_in_a_middle_column_and_unclosed_cells() {
        let html = "<html><table><tr><td>a<td rowspan=2>b<td>c<tr><td>d<td>e</table>";
        assert_eq!(lines(html), ["a\tb\tc", "d\t\te"]);
    }

    #[test]
    fn a_rowspan_in_the_last_column_still_fills_the_row_below() {
        let html =
            "<html><table><tr><td>a</td><td rowspan=3>z</td></tr><tr><td>b</td></tr></table>";
        assert_eq!(lines(html), ["a\tz", "b\t"]);
    }

    #[test]
    fn cell_paragraphs_join_and_nested_tables_flatten() {
        let html = "<html><table><tr><td><p>Program</p><p>Pelayanan</p></td>\
            <td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table><p>akhir</p>";
        assert_eq!(lines(html), ["Program Pelayanan\tx y", "akhir"]);
    }

    #[test]
    fn broken_markup_never_fails() {
        for html in [
            "<html><",
            "<html><td>x</td></tr></table>",
            "<html><table><tr><td colspan=999999999999>x",
            "<html>&#99999999; &bogus; &",
        ] {
            let _ = read(html.as_bytes());
        }
        assert_eq!(lines("<html><td>a</td><td>b</td>"), ["a b"]);
        assert_eq!(lines("<html><p>x < 5 <= y</p>"), ["x < 5 <= y"]);
    }
}
