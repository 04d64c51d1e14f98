//! Regular expressions compiled once, without a panic path: a pattern that failed to compile
//! (a bug caught by the unit tests) simply matches nothing.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::{Captures, Regex};

pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(self.source).ok())
            .as_ref()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_some_and(|r| r.is_match(text))
    }

    /// The first match's groups. Most lines do not match: the cheap test runs first.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        let r = self.regex()?;
        if !r.is_match(text) {
            return None;
        }
        r.captures(text)
    }

    pub fn captures_all<'t>(&self, text: &'t str) -> Vec<Captures<'t>> {
        match self.regex() {
            Some(r) if r.is_match(text) => r.captures_iter(text).collect(),
            _ => Vec::new(),
        }
    }

    pub fn replace_all<'t>(&self, text: &'t str, with: &str) -> Cow<'t, str> {
        match self.regex() {
            Some(r) => r.replace_all(text, with),
            None => Cow::Borrowed(text),
        }
    }

    #[cfg(test)]
    pub fn compiles(&self) -> bool {
        self.regex().is_some()
    }
}

/// The text of capture group `i`, or "".
pub fn group<'t>(caps: &Captures<'t>, i: usize) -> &'t str {
    caps.get(i).map_or("", |m| m.as_str())
}
