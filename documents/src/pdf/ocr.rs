//! Pages without a text layer: rendered by `pdftoppm -gray -r DPI` and read by
//! `tesseract … -l ind+eng tsv`, which gives words with boxes and confidences, the same
//! positioned words the text layer gives.

use std::path::Path;
use std::time::Duration;

use super::process::{self, PDFTOPPM, TESSERACT};
use super::words::{PageWords, Word};
use crate::DocumentError;

/// The rendering resolution: the measured best trade of accuracy and speed
/// (docs/pdf-reading.md).
pub const DPI: u32 = 150;
/// Pages OCR'd at most.
pub const MAX_OCR_PAGES: usize = 300;
const RENDER_TIMEOUT: Duration = Duration::from_secs(60);
const OCR_TIMEOUT: Duration = Duration::from_secs(180);
const MAX_IMAGE: usize = 200_000_000;
const MAX_TSV: usize = 50_000_000;

/// OCR of the 1-based `page` of the PDF at `path`, at `dpi`.
pub fn ocr_page(path: &Path, page: usize, dpi: u32) -> Result<PageWords, DocumentError> {
    let page_arg = page.to_string();
    let dpi_arg = dpi.to_string();
    let args = [
        std::ffi::OsStr::new("-gray"),
        std::ffi::OsStr::new("-r"),
        std::ffi::OsStr::new(&dpi_arg),
        std::ffi::OsStr::new("-f"),
        std::ffi::OsStr::new(&page_arg),
        std::ffi::OsStr::new("-l"),
        std::ffi::OsStr::new(&page_arg),
        process::arg(path),
    ];
    let image = process::run(PDFTOPPM, &args, None, RENDER_TIMEOUT, MAX_IMAGE)?;
    if !image.success || image.stdout.is_empty() {
        return Err(DocumentError::Corrupt(format!(
            "page {page} could not be rendered: {}",
            image.stderr.trim()
        )));
    }
    let (width, height) = pgm_size(&image.stdout).unwrap_or((0.0, 0.0));
    let args = [
        std::ffi::OsStr::new("stdin"),
        std::ffi::OsStr::new("stdout"),
        std::ffi::OsStr::new("-l"),
        std::ffi::OsStr::new("ind+eng"),
        std::ffi::OsStr::new("--dpi"),
        std::ffi::OsStr::new(&dpi_arg),
        std::ffi::OsStr::new("tsv"),
    ];
    let tsv = process::run(TESSERACT, &args, Some(&image.stdout), OCR_TIMEOUT, MAX_TSV)?;
    if !tsv.success {
        let lower = tsv.stderr.to_lowercase();
        if lower.contains("traineddata") || lower.contains("failed loading language") {
            return Err(process::missing(TESSERACT));
        }
        return Err(process::failed(TESSERACT, tsv.stderr.trim().to_string()));
    }
    Ok(PageWords {
        width,
        height,
        words: parse_tsv(&String::from_utf8_lossy(&tsv.stdout)),
        ocr: true,
    })
}

/// The size of a binary PGM (`P5 width height maxval`) image.
fn pgm_size(image: &[u8]) -> Option<(f64, f64)> {
    let head = String::from_utf8_lossy(image.get(..64.min(image.len()))?);
    let mut fields = head
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|f| !f.is_empty());
    (fields.next()? == "P5").then_some(())?;
    let w: f64 = fields.next()?.parse().ok()?;
    let h: f64 = fields.next()?.parse().ok()?;
    Some((w, h))
}

/// Tesseract's TSV: `level page block par line word left top width height conf text`; level 5
/// rows are words.
pub fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut words: Vec<(String, Word)> = tsv
        .lines()
        .skip(1)
        .filter_map(|row| {
            let f: Vec<&str> = row.splitn(12, '\t').collect();
            if f.len() < 12 || f[0] != "5" {
                return None;
            }
            // Table rules read as `|` belong to no word (and would read as pipe tables).
            let text = f[11].trim().trim_matches('|').trim();
            let confidence = f[10].parse::<f32>().ok().filter(|c| *c >= 0.0);
            if text.is_empty() || is_noise(text, confidence) {
                return None;
            }
            let num = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok());
            let (left, top, width, height) = (num(6)?, num(7)?, num(8)?, num(9)?);
            let line = format!("{}/{}/{}", f[2], f[3], f[4]);
            Some((
                line,
                Word {
                    x0: left,
                    y0: top,
                    x1: left + width,
                    y1: top + height,
                    text: text.to_string(),
                    confidence,
                },
            ))
        })
        .collect();
    deskew(&mut words);
    words.into_iter().map(|(_, w)| w).collect()
}

/// A scan is often a little rotated: the words of one printed line climb or fall across the
/// page. The slope is the median, over Tesseract's lines of four words or more, of the
/// least-squares slope of their centres; every word is moved up or down by slope × x, so that
/// one printed line has one baseline again (a shear, exact enough below a few degrees).
fn deskew(words: &mut [(String, Word)]) {
    let mut by_line: std::collections::HashMap<&str, Vec<(f64, f64)>> =
        std::collections::HashMap::new();
    for (line, w) in words.iter() {
        by_line
            .entry(line.as_str())
            .or_default()
            .push(((w.x0 + w.x1) / 2.0, w.centre_y()));
    }
    let mut slopes: Vec<f64> = by_line
        .values()
        .filter(|points| points.len() >= 4)
        .filter_map(|points| {
            let n = points.len() as f64;
            let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
            let my = points.iter().map(|p| p.1).sum::<f64>() / n;
            let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
            let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
            (sxx > 0.0).then(|| sxy / sxx)
        })
        .filter(|s| s.abs() < 0.1)
        .collect();
    if slopes.is_empty() {
        return;
    }
    slopes.sort_by(f64::total_cmp);
    let slope = slopes[slopes.len() / 2];
    for (_, w) in words.iter_mut() {
        let shift = slope * (w.x0 + w.x1) / 2.0;
        w.y0 -= shift;
        w.y1 -= shift;
    }
}

/// Specks, rules and stamps: a "word" without a letter or a digit that is short or that OCR
/// itself doubts, or
/// a short one without a digit (`a`, `Ian`, `eee` read from dotted leaders and specks) that it
/// doubts strongly. Words with digits are kept (and flagged when doubtful): a figure is never
/// dropped silently.
fn is_noise(text: &str, confidence: Option<f32>) -> bool {
    let doubt = |limit: f32| confidence.is_none_or(|c| c < limit);
    let alnum = text.chars().filter(|c| c.is_alphanumeric()).count();
    let digits = text.chars().any(|c| c.is_ascii_digit());
    // Punctuation belongs to the word it follows; alone and short it is a speck or a rule.
    let short = text.chars().count() <= 2;
    (alnum == 0 && (short || doubt(NOISE_CONFIDENCE)))
        || (!digits && alnum <= 3 && doubt(SPECK_CONFIDENCE))
}

/// OCR confidence below which a short word without digits is taken for a speck.
const SPECK_CONFIDENCE: f32 = 30.0;

/// OCR confidence below which a word of punctuation only is taken for noise.
const NOISE_CONFIDENCE: f32 = 60.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words_keep_their_boxes_and_confidences() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t\n\
5\t1\t1\t1\t1\t1\t100\t200\t80\t30\t96.5\tJumlah\n\
5\t1\t1\t1\t1\t2\t400\t201\t120\t30\t41.0\t1.677.707.236\n\
5\t1\t1\t1\t1\t3\t600\t201\t10\t30\t95\t \n\
5\t1\t1\t1\t1\t4\t700\t201\t10\t30\t91\t|\n\
5\t1\t1\t1\t1\t5\t800\t201\t10\t30\t20\t—\n\
5\t1\t1\t1\t1\t6\t900\t201\t10\t30\t90\t|80\n\
5\t1\t1\t1\t1\t7\t950\t201\t10\t30\t15\tIan\n";
        let words = parse_tsv(tsv);
        assert_eq!(words.len(), 3);
        assert_eq!(words[2].text, "80");
        assert_eq!(words[1].text, "1.677.707.236");
        assert_eq!(words[1].confidence, Some(41.0));
        assert!((words[0].x1 - 180.0).abs() < 1e-9);
    }

    #[test]
    fn a_rotated_scan_is_straightened() {
        // One printed line falling by 1 px per 100 px, and a second one below it.
        let mut tsv = String::from("header\n");
        for (line, y) in [(1, 100.0), (2, 160.0)] {
            for i in 0..6 {
                let x = 100.0 + 300.0 * f64::from(i);
                let top = y + x / 100.0;
                tsv.push_str(&format!(
                    "5\t1\t1\t1\t{line}\t{i}\t{x}\t{top}\t200\t40\t95\tkata\n"
                ));
            }
        }
        let words = parse_tsv(&tsv);
        let first: Vec<f64> = words.iter().take(6).map(Word::centre_y).collect();
        let spread = first.iter().copied().fold(f64::NEG_INFINITY, f64::max)
            - first.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(spread < 0.5, "{first:?}");
    }

    #[test]
    fn pgm_headers_give_the_page_size() {
        assert_eq!(
            pgm_size(b"P5\n1654 2339\n255\n\x00\x00"),
            Some((1654.0, 2339.0))
        );
        assert_eq!(pgm_size(b"P6\n1 1\n255\n"), None);
    }
}
