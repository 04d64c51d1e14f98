//! Positioned words: what both the text layer and OCR give, and all the layout code reads.

/// One word with its box. Coordinates grow rightwards (x) and downwards (y), in the unit of
/// its page (points for a text layer, pixels for OCR); only ratios to the word height are used.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
    /// OCR confidence 0–100; `None` for a text layer.
    pub confidence: Option<f32>,
}

impl Word {
    pub fn height(&self) -> f64 {
        (self.y1 - self.y0).max(0.0)
    }

    pub fn centre_y(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// The words of one page and the page's size.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageWords {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
    /// The words come from OCR of the page image.
    pub ocr: bool,
}
