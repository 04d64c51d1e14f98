//! `kinerja extract`: report text in, contract JSON out, no database.

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
            Ok(bytes) => {
                let extracted = ingest::extract(&file_name(path), &bytes);
                if ingest::is_unusable(&extracted) && code == exit::OK {
                    code = exit::NOT_A_REPORT;
                }
                documents.push(extracted);
            }
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
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("error: cannot write JSON: {e}");
            return exit::UNREADABLE;
        }
    }
    code
}
