//! One WordprocessingML part (the document body, a header or a footer) → text lines: each
//! paragraph one line, each table row one line with its cells TAB-separated.
//!
//! What is read: the text of runs (`w:t`) in order, however a paragraph splits them; `w:tab` and
//! `w:br`; inserted text (`w:ins`); the shown result of fields other than page numbers; text
//! boxes. What is left out: deleted and moved-away text (`w:del`, `w:moveFrom`), field codes, the
//! fallback copy of alternate content (`mc:Fallback`, a duplicate of `mc:Choice`), page-number
//! fields. Comments live in their own part and are never read.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::table::{self, Cell, MergedCells, Row, VMerge};
use crate::DocumentError;

/// The header and footer relationships of the document's first section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionParts {
    /// `(w:type, r:id)` of each `w:headerReference`.
    pub headers: Vec<(String, String)>,
    pub footers: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct Part {
    pub lines: Vec<String>,
    pub first_section: SectionParts,
}

/// A container the walker is inside of.
enum Open {
    Table(Vec<Row>),
    Row(Row),
    Cell(Cell),
}

/// A complex field (`w:fldChar` begin … separate … end).
struct Field {
    code: String,
    showing_result: bool,
}

struct Walker {
    merged: MergedCells,
    lines: Vec<String>,
    open: Vec<Open>,
    /// Paragraphs being read (a text box's paragraphs sit inside a paragraph).
    paragraphs: Vec<String>,
    fields: Vec<Field>,
    in_text: bool,
    in_field_code: bool,
    /// Depth inside `w:pPr` (its `w:tabs` hold tab stops, not tabs).
    in_properties: u32,
    in_cell_properties: bool,
    sections_seen: u32,
    in_first_section: bool,
    first_section: SectionParts,
}

fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

fn attribute(e: &BytesStart<'_>, wanted: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == wanted)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// Field codes whose result is a page number, left out of the text.
fn is_page_field(code: &str) -> bool {
    let keyword = code.split_whitespace().next().unwrap_or("");
    ["PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF"]
        .iter()
        .any(|k| keyword.eq_ignore_ascii_case(k))
}

impl Walker {
    /// True when text read now is shown: outside field codes and page-number results.
    fn showing(&self) -> bool {
        !self.in_field_code
            && self
                .fields
                .iter()
                .all(|f| f.showing_result && !is_page_field(&f.code))
    }

    fn push_text(&mut self, text: &str) {
        if self.in_field_code {
            if let Some(field) = self.fields.last_mut() {
                field.code.push_str(text);
            }
            return;
        }
        if self.in_text && self.showing() {
            if let Some(paragraph) = self.paragraphs.last_mut() {
                paragraph.push_str(text);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if self.in_properties == 0 && self.showing() {
            if let Some(paragraph) = self.paragraphs.last_mut() {
                paragraph.push(c);
            }
        }
    }

    fn end_paragraph(&mut self) {
        let Some(text) = self.paragraphs.pop() else {
            return;
        };
        match self.open.last_mut() {
            Some(Open::Cell(cell)) => cell.paragraphs.push(text),
            // Paragraph text outside a cell but inside a table (malformed) is still kept.
            Some(Open::Table(_) | Open::Row(_)) | None => {
                let text = text.trim_end_matches([' ', '\t', '\n']);
                self.lines.extend(text.split('\n').map(str::to_owned));
            }
        }
    }

    fn end_table(&mut self) {
        let Some(Open::Table(rows)) = self.open.pop() else {
            return;
        };
        match self.open.last_mut() {
            Some(Open::Cell(cell)) => cell.paragraphs.push(table::flatten(&rows)),
            _ => self.lines.extend(table::render(&rows, self.merged)),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match local(e.name().as_ref()) {
            b"p" => {
                self.paragraphs.push(String::new());
                if empty {
                    self.end_paragraph();
                }
            }
            b"t" if !empty => self.in_text = true,
            b"instrText" if !empty => self.in_field_code = true,
            b"tab" | b"ptab" => self.push_char('\t'),
            b"br" | b"cr" => self.push_char('\n'),
            b"noBreakHyphen" => self.push_char('-'),
            b"pPr" | b"rPr" if !empty => self.in_properties += 1,
            b"fldChar" => match attribute(e, b"fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field {
                    code: String::new(),
                    showing_result: false,
                }),
                Some("separate") => {
                    if let Some(field) = self.fields.last_mut() {
                        field.showing_result = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            b"fldSimple" if !empty => self.fields.push(Field {
                code: attribute(e, b"instr").unwrap_or_default(),
                showing_result: true,
            }),
            b"tbl" if !empty => self.open.push(Open::Table(Vec::new())),
            b"tr" if !empty => self.open.push(Open::Row(Vec::new())),
            b"tc" if !empty => self.open.push(Open::Cell(Cell::new())),
            b"tcPr" if !empty => self.in_cell_properties = true,
            b"gridSpan" if self.in_cell_properties => {
                let span = attribute(e, b"val").and_then(|v| v.trim().parse::<usize>().ok());
                if let Some(Open::Cell(cell)) = self.open.last_mut() {
                    // A span beyond any real table's width is a damaged file, not a layout.
                    cell.span = span.unwrap_or(1).clamp(1, 64);
                }
            }
            b"vMerge" if self.in_cell_properties => {
                let restart = attribute(e, b"val").is_some_and(|v| v == "restart");
                if let Some(Open::Cell(cell)) = self.open.last_mut() {
                    cell.vmerge = if restart {
                        VMerge::Restart
                    } else {
                        VMerge::Continue
                    };
                }
            }
            b"sectPr" if !empty => {
                self.sections_seen += 1;
                self.in_first_section = self.sections_seen == 1;
            }
            name @ (b"headerReference" | b"footerReference") if self.in_first_section => {
                let kind = attribute(e, b"type").unwrap_or_else(|| "default".to_owned());
                if let Some(id) = attribute(e, b"id") {
                    let list = if name == b"headerReference" {
                        &mut self.first_section.headers
                    } else {
                        &mut self.first_section.footers
                    };
                    list.push((kind, id));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match local(name) {
            b"p" => self.end_paragraph(),
            b"t" => self.in_text = false,
            b"instrText" => self.in_field_code = false,
            b"pPr" | b"rPr" => self.in_properties = self.in_properties.saturating_sub(1),
            b"fldSimple" => {
                self.fields.pop();
            }
            b"tcPr" => self.in_cell_properties = false,
            b"tc" => {
                // A cell left open by a paragraph never closed is closed with it.
                while !self.paragraphs.is_empty() {
                    self.end_paragraph();
                }
                if let Some(Open::Cell(cell)) = self.open.pop() {
                    if let Some(Open::Row(row)) = self.open.last_mut() {
                        row.push(cell);
                    }
                }
            }
            b"tr" => {
                if let Some(Open::Row(row)) = self.open.pop() {
                    if let Some(Open::Table(rows)) = self.open.last_mut() {
                        rows.push(row);
                    }
                }
            }
            b"tbl" => self.end_table(),
            b"sectPr" => self.in_first_section = false,
            _ => {}
        }
    }
}

/// Elements whose whole content is left out of the text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        local(name),
        b"del" | b"moveFrom" | b"Fallback" | b"delText" | b"delInstrText"
    )
}

/// Reads one part's XML into lines.
pub fn read_part(xml: &str, merged: MergedCells) -> Result<Part, DocumentError> {
    let mut reader = Reader::from_str(xml);
    let mut walker = Walker {
        merged,
        lines: Vec::new(),
        open: Vec::new(),
        paragraphs: Vec::new(),
        fields: Vec::new(),
        in_text: false,
        in_field_code: false,
        in_properties: 0,
        in_cell_properties: false,
        sections_seen: 0,
        in_first_section: false,
        first_section: SectionParts::default(),
    };
    let corrupt = |e: quick_xml::Error| DocumentError::Corrupt(format!("document XML: {e}"));
    loop {
        match reader.read_event().map_err(corrupt)? {
            Event::Start(e) if skipped(e.name().as_ref()) => {
                reader.read_to_end(e.name()).map_err(corrupt)?;
            }
            Event::Start(e) => walker.start(&e, false),
            Event::Empty(e) => walker.start(&e, true),
            Event::End(e) => walker.end(e.name().as_ref()),
            Event::Text(t) => {
                let text = t
                    .decode()
                    .map_err(|e| DocumentError::Corrupt(format!("document XML: {e}")))?;
                walker.push_text(&text);
            }
            Event::CData(t) => {
                let text = t
                    .decode()
                    .map_err(|e| DocumentError::Corrupt(format!("document XML: {e}")))?;
                walker.push_text(&text);
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.as_ref() {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let Some(c) = resolved {
                    walker.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    // A truncated part leaves containers open: what was read so far is kept in order.
    while !walker.paragraphs.is_empty() {
        walker.end_paragraph();
    }
    Ok(Part {
        lines: walker.lines,
        first_section: walker.first_section,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(body: &str) -> Vec<String> {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>{body}</w:body></w:document>"#
        );
        read_part(&xml, MergedCells::Empty)
            .unwrap_or_else(|e| panic!("{e}"))
            .lines
    }

    #[test]
    fn runs_tabs_and_breaks() {
        let got = lines(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
            <w:r><w:t>BAB</w:t></w:r><w:r><w:t xml:space="preserve"> III</w:t></w:r>
            <w:r><w:tab/><w:t>23</w:t></w:r></w:p>
            <w:p><w:r><w:t>Rp. 1.677&amp;</w:t><w:br/><w:t>baris</w:t></w:r></w:p><w:p/>"#,
        );
        assert_eq!(got, ["BAB III\t23", "Rp. 1.677&", "baris", ""]);
    }

    #[test]
    fn deletions_field_codes_and_page_numbers_are_left_out() {
        let got = lines(
            r#"<w:p><w:ins><w:r><w:t>Realisasi </w:t></w:r></w:ins>
            <w:del><w:r><w:delText>lama</w:delText><w:tab/></w:r></w:del>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>
            <w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:fldSimple w:instr="NUMPAGES"><w:r><w:t>40</w:t></w:r></w:fldSimple>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>anggaran</w:t></w:r>
            <w:r><w:fldChar w:fldCharType="end"/></w:r>
            <mc:AlternateContent><mc:Choice><w:r><w:t>!</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>!</w:t></w:r></mc:Fallback></mc:AlternateContent>
            </w:p>"#,
        );
        assert_eq!(got, ["Realisasi anggaran!"]);
    }

    #[test]
    fn tables_with_spans_merges_and_nested_tables() {
        let got = lines(
            r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
            <w:tr><w:tc><w:p><w:r><w:t>Indikator</w:t></w:r></w:p></w:tc>
                  <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>2023</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Nilai</w:t></w:r></w:p><w:p><w:r><w:t>SAKIP</w:t></w:r></w:p></w:tc>
                  <w:tc><w:p><w:r><w:t>70</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>68,45</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
                  <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>
                  <w:tc><w:p><w:r><w:t>1</w:t><w:tab/><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl><w:p><w:r><w:t>sesudah</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            got,
            [
                "Indikator\t2023\t",
                "Nilai SAKIP\t70\t68,45",
                "\ta b\t1 2",
                "sesudah"
            ]
        );
    }

    #[test]
    fn the_first_sections_parts_are_named() {
        let xml = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body>
            <w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId8"/>
            <w:footerReference w:type="default" r:id="rId9"/></w:sectPr></w:pPr></w:p>
            <w:sectPr><w:headerReference w:type="default" r:id="rId10"/></w:sectPr></w:body></w:document>"#;
        let part = read_part(xml, MergedCells::Empty).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            part.first_section.headers,
            [("default".to_owned(), "rId8".to_owned())]
        );
        assert_eq!(part.first_section.footers.len(), 1);
    }

    #[test]
    fn malformed_xml_is_corrupt_not_a_panic() {
        let bad = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>x</w:r></w:p>"#;
        assert!(matches!(
            read_part(bad, MergedCells::Empty),
            Err(DocumentError::Corrupt(_))
        ));
        let truncated = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>kept"#;
        let part = read_part(truncated, MergedCells::Empty).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(part.lines, ["kept"]);
    }
}
