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

/// Decodes the five XML entities and numeric character references of poppler's output.
pub fn unescape_xml(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded() {
        assert_eq!(unescape_xml("a &amp; b &lt;i&gt;"), "a & b <i>");
        assert_eq!(unescape_xml("&#65;&#x42;"), "AB");
        assert_eq!(unescape_xml("R&D & co"), "R&D & co");
        assert_eq!(unescape_xml("&bogus;"), "&bogus;");
    }
}
