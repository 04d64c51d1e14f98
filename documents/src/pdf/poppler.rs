//! The text layer through poppler's `pdftotext -bbox`: every word with its box, page by page.

use std::path::Path;
use std::time::Duration;

use super::process::{self, PDFTOTEXT};
use super::words::{PageWords, Word};
use crate::entities;
use crate::DocumentError;

/// Pages read at most: a report has far fewer; the cap bounds the work a file can ask for.
pub const MAX_PAGES: usize = 2000;
const TIMEOUT: Duration = Duration::from_secs(120);
const MAX_OUTPUT: usize = 400_000_000;

/// The words of every page of the PDF at `path`.
pub fn text_layer(path: &Path) -> Result<Vec<PageWords>, DocumentError> {
    let last = MAX_PAGES.to_string();
    let args = [
        std::ffi::OsStr::new("-q"),
        std::ffi::OsStr::new("-bbox"),
        std::ffi::OsStr::new("-l"),
        std::ffi::OsStr::new(&last),
        process::arg(path),
        std::ffi::OsStr::new("-"),
    ];
    let out = process::run(PDFTOTEXT, &args, None, TIMEOUT, MAX_OUTPUT)?;
    if !out.success {
        return Err(failure(&out.stderr, path));
    }
    Ok(parse_bbox(&String::from_utf8_lossy(&out.stdout)))
}

/// Why poppler could not read the file, in the user's terms.
fn failure(stderr: &str, path: &Path) -> DocumentError {
    // `pdftotext -q` silences messages; the error class comes again without -q.
    let detail = if stderr.trim().is_empty() {
        let args = [process::arg(path), std::ffi::OsStr::new("/dev/null")];
        process::run(PDFTOTEXT, &args, None, TIMEOUT, 1_000)
            .map(|o| o.stderr)
            .unwrap_or_default()
    } else {
        stderr.to_string()
    };
    let lower = detail.to_lowercase();
    if lower.contains("incorrect password") || lower.contains("encrypt") {
        return DocumentError::Encrypted;
    }
    let message = detail
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("poppler could not read it")
        .trim_start_matches("Syntax Error: ")
        .trim_start_matches("Command Line Error: ")
        .to_string();
    DocumentError::Corrupt(message)
}

/// Parses `pdftotext -bbox` output: `<page width=".." height="..">` then
/// `<word xMin=".." yMin=".." xMax=".." yMax="..">text</word>` elements.
pub fn parse_bbox(xml: &str) -> Vec<PageWords> {
    let mut pages: Vec<PageWords> = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(tag) = rest.strip_prefix("<page ") {
            let end = tag.find('>').unwrap_or(tag.len());
            let attrs = &tag[..end];
            pages.push(PageWords {
                width: attr(attrs, "width").unwrap_or(0.0),
                height: attr(attrs, "height").unwrap_or(0.0),
                words: Vec::new(),
                ocr: false,
            });
            rest = &tag[end..];
        } else if let Some(tag) = rest.strip_prefix("<word ") {
            let Some(end) = tag.find('>') else { break };
            let attrs = &tag[..end];
            let body = &tag[end + 1..];
            let close = body.find("</word>").unwrap_or(body.len());
            let text = entities::decode(&body[..close]);
            if let (Some(x0), Some(y0), Some(x1), Some(y1), Some(page)) = (
                attr(attrs, "xMin"),
                attr(attrs, "yMin"),
                attr(attrs, "xMax"),
                attr(attrs, "yMax"),
                pages.last_mut(),
            ) {
                page.words.push(Word {
                    x0,
                    y0,
                    x1,
                    y1,
                    text,
                    confidence: None,
                });
            }
            rest = &body[close..];
        } else {
            rest = &rest[1..];
        }
    }
    pages
}

fn attr(attrs: &str, name: &str) -> Option<f64> {
    let key = format!("{name}=\"");
    let at = attrs.find(&key)? + key.len();
    let value = &attrs[at..];
    let end = value.find('"')?;
    value[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbox_output_is_parsed_into_pages_of_words() {
        let xml = r#"<doc><page width="595.3" height="841.9">
<word xMin="71.0" yMin="70.7" xMax="82.4" yMax="86.3">3.</word>
<word xMin="86.2" yMin="70.7" xMax="139.2" yMax="86.3">R&amp;D</word>
</page><page width="595.3" height="841.9"></page></doc>"#;
        let pages = parse_bbox(xml);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].words.len(), 2);
        assert_eq!(pages[0].words[1].text, "R&D");
        assert!((pages[0].words[1].x0 - 86.2).abs() < 1e-9);
        assert!(pages[1].words.is_empty());
    }

    #[test]
    fn truncated_output_does_not_panic() {
        let pages = parse_bbox(r#"<page width="1" height="1"><word xMin="1" yMin="1" xMax"#);
        assert_eq!(pages.len(), 1);
    }
}
