//! Program codes of the kecamatan function (`7.01.xx`, Permendagri 90/2019; see domain.md) in
//! one spelling, so programs compare across reports that print `7.1.1`, `7.01..05` or no code.
//! Derived when a report is loaded (normalising is ingestion's job) and stored with its budget
//! lines; the per-program budget is read from those lines.

use std::collections::HashSet;

/// The programs of the kecamatan function and words that identify each in a program's name,
/// checked in this order (the first match wins). Names are matched in lower case.
const PROGRAMS: [(&str, &[&str]); 6] = [
    ("7.01.01", &["penunjang urusan"]),
    ("7.01.02", &["pelayanan publik"]),
    ("7.01.03", &["pemberdayaan masyarakat"]),
    (
        "7.01.04",
        &["ketentraman", "ketenteraman", "ketertiban", "keamanan"],
    ),
    ("7.01.05", &["urusan pemerintahan umum"]),
    ("7.01.06", &["pengawasan pemerintahan desa"]),
];

/// Where a program's code came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeSource {
    Printed,
    Name,
}

impl CodeSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeSource::Printed => source::PRINTED,
            CodeSource::Name => source::NAME,
        }
    }
}

/// A printed code's program part as `7.01.xx`: spaces and empty segments (`7.01..05`) dropped,
/// segments zero-padded to two digits (`7.1.5` → `7.01.05`); `None` unless it is a program of
/// the kecamatan function.
pub fn normalise(kode: &str) -> Option<String> {
    let compact: String = kode.chars().filter(|c| !c.is_whitespace()).collect();
    let segments: Vec<&str> = compact.split('.').filter(|s| !s.is_empty()).collect();
    let [urusan, bidang, program, ..] = segments.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.chars().all(|c| c.is_ascii_digit()))
    };
    match (number(urusan)?, number(bidang)?, number(program)?) {
        (7, 1, p) if p < 100 => Some(format!("7.01.{p:02}")),
        _ => None,
    }
}

/// The program code recognised from a program's name, for reports that print none.
pub fn from_name(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    PROGRAMS
        .iter()
        .find(|(_, words)| words.iter().any(|w| lower.contains(w)))
        .map(|(code, _)| *code)
}

/// The code of a program line: the printed one when it reads as a kecamatan program, else the
/// one its name identifies.
pub fn program_code(kode: Option<&str>, name: &str) -> Option<(String, CodeSource)> {
    kode.and_then(normalise)
        .map(|c| (c, CodeSource::Printed))
        .or_else(|| from_name(name).map(|c| (c.to_owned(), CodeSource::Name)))
}

/// Where a program-level budget line's code came from, as stored with the line.
pub mod source {
    /// The printed code, normalised.
    pub const PRINTED: &str = "printed";
    /// Recognised from the program's name (no usable code printed).
    pub const NAME: &str = "name";
    /// The same program as an earlier line of the report (the same table printed twice): that
    /// line counts, this one does not.
    pub const REPEATED: &str = "repeated";
}

/// Codes the program lines of one report in report order: the first line of each program
/// counts, a later line of the same program is marked [`source::REPEATED`].
#[derive(Debug, Default)]
pub struct ProgramCoder {
    counted: HashSet<String>,
}

impl ProgramCoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The code of the report's next program line and where it came from; `None` when it is
    /// not a program of the kecamatan function.
    pub fn code(&mut self, kode: Option<&str>, name: &str) -> Option<(String, &'static str)> {
        let (code, origin) = program_code(kode, name)?;
        if self.counted.insert(code.clone()) {
            Some((code, origin.as_str()))
        } else {
            Some((code, source::REPEATED))
        }
    }

    /// [`ProgramCoder::code`] as the line's two nullable columns (`program_code`,
    /// `program_code_source`), both null when the line is not a kecamatan program.
    pub fn columns(
        &mut self,
        kode: Option<&str>,
        name: &str,
    ) -> (Option<String>, Option<&'static str>) {
        self.code(kode, name)
            .map_or((None, None), |(code, origin)| (Some(code), Some(origin)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_of_a_program_counts_a_repeat_is_marked() {
        let mut coder = ProgramCoder::new();
        let mut code = |kode: Option<&str>, name: &str| coder.code(kode, name);
        assert_eq!(
            code(Some("7.1.1"), "Program Penunjang"),
            Some(("7.01.01".to_owned(), source::PRINTED))
        );
        assert_eq!(
            code(None, "Program Pemberdayaan Masyarakat Desa dan Kelurahan"),
            Some(("7.01.03".to_owned(), source::NAME))
        );
        assert_eq!(
            code(Some("7.01.01"), "Program Penunjang (again)"),
            Some(("7.01.01".to_owned(), source::REPEATED)),
            "printed again further on: the first line counts"
        );
        assert_eq!(code(None, "Belanja tak dikenal"), None);
        let mut next_report = ProgramCoder::new();
        assert_eq!(
            next_report.code(Some("7.01.01"), "Program Penunjang"),
            Some(("7.01.01".to_owned(), source::PRINTED)),
            "each report counts its own programs"
        );
    }

    #[test]
    fn printed_codes_are_normalised() {
        assert_eq!(normalise("7.01.01").as_deref(), Some("7.01.01"));
        assert_eq!(normalise("7.1.5").as_deref(), Some("7.01.05"));
        assert_eq!(normalise("7.01..05.2.01").as_deref(), Some("7.01.05"));
        assert_eq!(normalise(" 7. 01 .03 ").as_deref(), Some("7.01.03"));
        assert_eq!(normalise("1.02.01"), None, "not the kecamatan function");
        assert_eq!(normalise("7.01"), None, "no program part");
        assert_eq!(normalise("7.01.x1"), None);
    }

    #[test]
    fn names_identify_programs_when_no_code_is_printed() {
        let code = |name| program_code(None, name).map(|(c, s)| (c, s.as_str()));
        assert_eq!(
            code("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"),
            Some(("7.01.01".to_owned(), "name"))
        );
        assert_eq!(
            code("Program Koordinasi Ketentraman dan Ketertiban Umum").map(|c| c.0),
            Some("7.01.04".to_owned()),
            "'umum' alone is not program 05"
        );
        assert_eq!(
            code("Program penyelenggaraan urusan pemerintahan umum").map(|c| c.0),
            Some("7.01.05".to_owned())
        );
        assert_eq!(code("Belanja lain-lain"), None);
        assert_eq!(
            program_code(Some("7.1.2"), "Program Penunjang Urusan"),
            Some(("7.01.02".to_owned(), CodeSource::Printed)),
            "a printed code wins over the name"
        );
    }
}
