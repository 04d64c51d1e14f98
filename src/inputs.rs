//! Turning the paths a user gives into the report files to read.

use std::io;
use std::path::{Path, PathBuf};

/// How a file is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// Report text, to extract.
    Text,
    /// A `kinerja.extract/1` document.
    ExtractJson,
}

/// Extensions of files a folder may hold that are not reports (READMEs, licences…) are skipped
/// only inside folders; a file named explicitly is always read.
const REPORT_EXTENSIONS: [&str; 2] = ["txt", "json"];

pub fn kind_of(path: &Path, force_json: bool) -> InputKind {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if force_json || is_json {
        InputKind::ExtractJson
    } else {
        InputKind::Text
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
        {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_yield_their_reports_in_order() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for name in ["b.txt", "a.json", "README.md", "sub/c.TXT"] {
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
        assert_eq!(names, ["a.json", "b.txt", "sub/c.TXT"]);
        assert_eq!(kind_of(Path::new("x.JSON"), false), InputKind::ExtractJson);
        assert_eq!(kind_of(Path::new("x.txt"), true), InputKind::ExtractJson);
        assert_eq!(kind_of(Path::new("x.txt"), false), InputKind::Text);
    }
}
