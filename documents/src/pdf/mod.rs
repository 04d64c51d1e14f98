//! PDF: the text layer (or, for pages without one, OCR of the page image) rebuilt into lines
//! and table rows.
//!
//! [`poppler`] or [`ocr`] (positioned words per page) → [`lines`] (baseline clusters, cells
//! split at wide gaps) → [`furniture`] (running headers, footers, page numbers) → [`layout`]
//! (blocks, table columns from [`columns`], wrapped text joined) → the report text.

mod columns;
mod furniture;
mod layout;
mod lines;
mod ocr;
mod poppler;
mod process;
mod words;

use std::io::Write;
use std::path::Path;

use crate::{Document, DocumentError, Format};
use layout::PageLine;
use lines::Line;
use words::PageWords;

/// A page whose text layer has fewer words than this is read by OCR: a scan has none, or only
/// a scanner's stamp.
pub const MIN_TEXT_WORDS: usize = 3;

/// Reads a PDF from its bytes.
pub fn read(bytes: &[u8]) -> Result<Document, DocumentError> {
    read_with(bytes, ocr::DPI)
}

/// Reads a PDF, rendering pages without a text layer at `dpi` for OCR.
pub fn read_with(bytes: &[u8], dpi: u32) -> Result<Document, DocumentError> {
    check_complete(bytes)?;
    let mut file = tempfile::Builder::new()
        .prefix("kinerja-")
        .suffix(".pdf")
        .tempfile()
        .map_err(|e| DocumentError::ToolFailed {
            program: "pdftotext",
            message: format!("no temporary file: {e}"),
        })?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(|e| DocumentError::ToolFailed {
            program: "pdftotext",
            message: format!("could not write the temporary file: {e}"),
        })?;
    let pages = read_pages(file.path(), dpi)?;
    Ok(assemble(&pages))
}

/// A PDF ends with `%%EOF` (after its last incremental update); without it the file was cut
/// short, and what a lenient reader would recover is a partial report.
fn check_complete(bytes: &[u8]) -> Result<(), DocumentError> {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if tail.windows(5).any(|w| w == b"%%EOF") {
        Ok(())
    } else {
        Err(DocumentError::Corrupt(
            "the PDF is truncated: it has no %%EOF end marker".to_string(),
        ))
    }
}

/// The words of every page: the text layer, and OCR where a page has none.
fn read_pages(path: &Path, dpi: u32) -> Result<Vec<PageWords>, DocumentError> {
    let mut pages = poppler::text_layer(path)?;
    if pages.is_empty() {
        return Err(DocumentError::Corrupt("the PDF has no pages".to_string()));
    }
    let scanned: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].words.len() < MIN_TEXT_WORDS)
        .collect();
    if scanned.len() > ocr::MAX_OCR_PAGES {
        return Err(DocumentError::Corrupt(format!(
            "more than {} pages need OCR; split the file",
            ocr::MAX_OCR_PAGES
        )));
    }
    for (i, read) in ocr_in_parallel(path, &scanned, dpi) {
        let read = read?;
        if let Some(page) = pages.get_mut(i) {
            *page = read;
        }
    }
    Ok(pages)
}

/// OCR of the pages `scanned` (0-based), one Tesseract (single-threaded) per core: workers
/// take the next page from a shared counter, so a slow page does not hold the others up.
/// Results come back in page order (a worker that panicked, last, as an error).
fn ocr_in_parallel(
    path: &Path,
    scanned: &[usize],
    dpi: u32,
) -> Vec<(usize, Result<PageWords, DocumentError>)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(scanned.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Result<PageWords, DocumentError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = scanned.get(k) else { break };
                        done.push((i, ocr::ocr_page(path, i + 1, dpi)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![(
                        usize::MAX,
                        Err(DocumentError::Corrupt("an OCR worker stopped".to_string())),
                    )]
                })
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results
}

/// Pages of words → the document text, its page starts and its doubtful lines.
fn assemble(pages: &[PageWords]) -> Document {
    let page_lines: Vec<(f64, Vec<Line>)> = pages
        .iter()
        .map(|p| (p.height, lines::build_lines(&p.words)))
        .collect();
    let keep = furniture::keep_mask(&page_lines);
    let kept: Vec<PageLine<'_>> = page_lines
        .iter()
        .zip(&keep)
        .enumerate()
        .flat_map(|(page, ((_, lines), mask))| {
            lines
                .iter()
                .zip(mask)
                .filter(|(_, &k)| k)
                .map(move |(line, _)| PageLine { page, line })
        })
        .collect();
    let out = layout::lay_out(&kept);
    let mut text = String::new();
    let mut page_starts: Vec<u32> = Vec::with_capacity(pages.len());
    let mut low_confidence_lines = Vec::new();
    for (i, line) in out.iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        while page_starts.len() <= line.page {
            page_starts.push(number);
        }
        if line.doubtful {
            low_confidence_lines.push(number);
        }
        text.push_str(&line.text);
        text.push('\n');
    }
    let after_last = u32::try_from(out.len() + 1).unwrap_or(u32::MAX);
    while page_starts.len() < pages.len() {
        page_starts.push(after_last);
    }
    let scanned = pages.iter().any(|p| p.ocr);
    Document {
        format: if scanned {
            Format::ScannedPdf
        } else {
            Format::Pdf
        },
        text,
        page_starts,
        low_confidence_lines,
    }
}

#[cfg(test)]
mod tests {
    use super::lines::tests::phrase;
    use super::*;

    #[test]
    fn pages_start_where_their_first_line_is() {
        let page = |t: &str| PageWords {
            width: 600.0,
            height: 800.0,
            words: phrase(t, 50.0, 400.0),
            ocr: false,
        };
        let empty = PageWords {
            width: 600.0,
            height: 800.0,
            words: Vec::new(),
            ocr: false,
        };
        let doc = assemble(&[page("Satu"), empty, page("Tiga")]);
        assert_eq!(doc.text, "Satu\n\nTiga\n");
        assert_eq!(doc.page_starts, vec![1, 2, 2]);
        assert_eq!(doc.format, Format::Pdf);
    }

    #[test]
    fn a_cut_file_is_corrupt() {
        assert!(matches!(
            check_complete(b"%PDF-1.7\n1 0 obj"),
            Err(DocumentError::Corrupt(_))
        ));
        assert!(check_complete(b"%PDF-1.7\n...\n%%EOF\n").is_ok());
    }
}
