//! Words → lines: words whose vertical centres lie within half a word height of each other
//! form one line (a baseline cluster), ordered by x. Within a line, a horizontal gap wider than
//! [`CELL_GAP`] word heights separates two segments: the cells of a table row, or a label and
//! its value set apart by tabs.

use super::words::Word;

/// A gap between two words, in word heights, from which they belong to different cells. A
/// space is about a quarter of the font size; a cell gap holds the cell padding on both sides.
pub const CELL_GAP: f64 = 0.6;

/// Consecutive words of a line not separated by a cell gap.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub words: Vec<Word>,
}

impl Segment {
    pub fn x0(&self) -> f64 {
        self.words.first().map_or(0.0, |w| w.x0)
    }

    pub fn x1(&self) -> f64 {
        self.words.last().map_or(0.0, |w| w.x1)
    }

    pub fn text(&self) -> String {
        join_words(&self.words)
    }

    /// The width of the first word: what a wrapped line would have needed on the line above.
    pub fn first_word_width(&self) -> f64 {
        self.words.first().map_or(0.0, |w| w.x1 - w.x0)
    }
}

pub fn join_words(words: &[Word]) -> String {
    let mut text = String::new();
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&w.text);
    }
    text
}

/// One line of a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub segments: Vec<Segment>,
    pub y0: f64,
    pub y1: f64,
    /// The median word height: the unit of every distance on this line.
    pub height: f64,
}

impl Line {
    pub fn x1(&self) -> f64 {
        self.segments.last().map_or(0.0, Segment::x1)
    }

    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.segments.iter().flat_map(|s| s.words.iter())
    }

    pub fn text(&self) -> String {
        let words: Vec<Word> = self.words().cloned().collect();
        join_words(&words)
    }

    pub fn centre_y(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// The lines of one page, top to bottom.
pub fn build_lines(words: &[Word]) -> Vec<Line> {
    let mut sorted: Vec<&Word> = words
        .iter()
        .filter(|w| !w.text.trim().is_empty() && w.height() > 0.0)
        .collect();
    sorted.sort_by(|a, b| a.centre_y().total_cmp(&b.centre_y()));
    // Clusters: (sum of centres, count, max height, words).
    let mut clusters: Vec<(f64, f64, f64, Vec<Word>)> = Vec::new();
    for w in sorted {
        let c = w.centre_y();
        // Sorted by centre, so only the latest clusters can be near; a word joins the nearest
        // whose mean centre is within half the smaller height.
        let mut best: Option<(usize, f64)> = None;
        for (i, (sum, n, h, _)) in clusters.iter().enumerate().rev() {
            let mean = sum / n;
            if c - mean > h.max(w.height()) * 2.0 {
                break;
            }
            let d = (c - mean).abs();
            if d <= 0.5 * h.min(w.height()) && best.is_none_or(|(_, bd)| d < bd) {
                best = Some((i, d));
            }
        }
        match best.and_then(|(i, _)| clusters.get_mut(i)) {
            Some(cluster) => {
                cluster.0 += c;
                cluster.1 += 1.0;
                cluster.2 = cluster.2.max(w.height());
                cluster.3.push(w.clone());
            }
            None => clusters.push((c, 1.0, w.height(), vec![w.clone()])),
        }
    }
    let mut lines: Vec<Line> = clusters
        .into_iter()
        .map(|(_, _, _, words)| make_line(words))
        .collect();
    lines.sort_by(|a, b| a.centre_y().total_cmp(&b.centre_y()));
    lines
}

fn make_line(mut words: Vec<Word>) -> Line {
    words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut heights: Vec<f64> = words.iter().map(Word::height).collect();
    heights.sort_by(f64::total_cmp);
    let height = heights.get(heights.len() / 2).copied().unwrap_or(1.0);
    let y0 = words.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min);
    let y1 = words.iter().map(|w| w.y1).fold(f64::NEG_INFINITY, f64::max);
    let mut segments: Vec<Segment> = Vec::new();
    for w in words {
        match segments.last_mut() {
            Some(s) if w.x0 - s.x1() <= CELL_GAP * height => s.words.push(w),
            _ => segments.push(Segment { words: vec![w] }),
        }
    }
    Line {
        segments,
        y0,
        y1,
        height,
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A word of height 10 at (x, y) whose width is 6 per character.
    pub fn word(text: &str, x: f64, y: f64) -> Word {
        Word {
            x0: x,
            y0: y,
            x1: x + 6.0 * text.chars().count() as f64,
            y1: y + 10.0,
            text: text.to_string(),
            confidence: None,
        }
    }

    /// Words of a phrase starting at x, one space (3) apart.
    pub fn phrase(text: &str, x: f64, y: f64) -> Vec<Word> {
        let mut out = Vec::new();
        let mut at = x;
        for t in text.split(' ') {
            let w = word(t, at, y);
            at = w.x1 + 3.0;
            out.push(w);
        }
        out
    }

    #[test]
    fn words_cluster_into_lines_by_baseline_and_order_by_x() {
        let mut words = phrase("Target Realisasi", 200.0, 101.0);
        words.extend(phrase("Indikator", 10.0, 100.0));
        words.extend(phrase("80 99", 10.0, 120.0));
        let lines = build_lines(&words);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "Indikator Target Realisasi");
        assert_eq!(lines[0].segments.len(), 2);
        assert_eq!(lines[1].text(), "80 99");
        assert_eq!(lines[1].segments.len(), 1);
    }

    #[test]
    fn a_slightly_skewed_line_stays_one_line() {
        let words = vec![
            word("a", 0.0, 100.0),
            word("b", 10.0, 102.0),
            word("c", 20.0, 104.0),
        ];
        assert_eq!(build_lines(&words).len(), 1);
    }
}
