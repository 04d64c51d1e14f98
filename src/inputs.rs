//! Turning the paths a user gives into the report files to read.

use std::io;
use std::path::{Path, PathBuf};

/// How a file is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// A report (text, DOCX or PDF: the format is told by the file's bytes), to extract.
    Report,
    /// A `kinerja.extract/1` document.
    ExtractJson,
}

/// The extensions of the files a folder yields: reports as published (PDF, DOCX), their text
/// conversions, and extract JSON. Other files a folder may hold (images, spreadsheets) are
/// skipped only inside folders; a file named explicitly is always read. The extension only
/// picks the files: each report's format is told by its bytes.
const REPORT_EXTENSIONS: [&str; 8] = [
    "txt", "json", "pdf", "docx", "md", "markdown", "html", "htm",
];

pub fn kind_of(path: &Path, force_json: bool) -> InputKind {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if force_json || is_json {
        InputKind::ExtractJson
    } else {
        InputKind::Report
    }
}

/// Every file named, and every report file inside the folders named (recursively, sorted so
/// that runs are repeatable).
pub fn expand(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_dir(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_dir(&path, files)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|r| r.eq_ignore_ascii_case(e)))
            && !is_folder_note(&path)
        {
            files.push(path);
        }
    }
    Ok(())
}

/// A folder's own notes (`README.md`, `LICENSE.txt`, `CHANGELOG.md` …) share the extensions of
/// reports but are none; named explicitly they are still read.
fn is_folder_note(path: &Path) -> bool {
    const NOTES: [&str; 6] = [
        "readme",
        "license",
        "licence",
        "changelog",
        "notice",
        "copying",
    ];
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(|s| s.to_ascii_lowercase())
        .is_some_and(|stem| {
            NOTES
                .iter()
                .any(|n| stem == *n || stem.starts_with(&format!("{n}-")))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_yield_their_reports_in_order() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for name in [
            "b.txt",
            "a.json",
            "d.pdf",
            "e.DOCX",
            "f.html",
            "scan.png",
            "README.md",
            "LICENSE.txt",
            "sub/c.TXT",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap_or(dir.path()))
                .unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(path, "x").unwrap_or_else(|e| panic!("{e}"));
        }
        let files = expand(&[dir.path().to_path_buf()]).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<_> = files
            .iter()
            .map(|f| {
                f.strip_prefix(dir.path())
                    .unwrap_or(f)
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(
            names,
            ["a.json", "b.txt", "d.pdf", "e.DOCX", "f.html", "sub/c.TXT"]
        );
        assert_eq!(kind_of(Path::new("x.JSON"), false), InputKind::ExtractJson);
        assert_eq!(kind_of(Path::new("x.txt"), true), InputKind::ExtractJson);
        assert_eq!(kind_of(Path::new("x.txt"), false), InputKind::Report);
        assert_eq!(kind_of(Path::new("x.pdf"), false), InputKind::Report);
    }
}
