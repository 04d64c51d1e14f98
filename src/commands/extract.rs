//! `kinerja extract`: a report (text, DOCX or PDF) in, contract JSON out, no database.

use std::path::Path;

use super::exit;

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub fn run(files: &[std::path::PathBuf]) -> u8 {
    let mut documents = Vec::with_capacity(files.len());
    let mut code = exit::OK;
    for path in files {
        match std::fs::read(path) {
            Ok(bytes) => match ingest::extract_file(&file_name(path), &bytes) {
                Ok(read) => {
                    if ingest::is_unusable(&read.extract) && code == exit::OK {
                        code = exit::NOT_A_REPORT;
                    }
                    documents.push(read.extract);
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    if code != exit::UNREADABLE {
                        code = exit::BAD_DOCUMENT;
                    }
                }
            },
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                code = exit::UNREADABLE;
            }
        }
    }
    let json = match documents.as_slice() {
        [one] if files.len() == 1 => serde_json::to_string_pretty(one),
        all => serde_json::to_string_pretty(all),
    };
    match json {
        Ok(mut json) => {
            json.push('\n');
            match super::write_stdout(&json) {
                exit::OK => code,
                failed => failed,
            }
        }
        Err(e) => {
            eprintln!("error: cannot write JSON: {e}");
            exit::UNREADABLE
        }
    }
}
