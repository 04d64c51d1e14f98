//! Behaves like `kinerja extract FILE…`: one pretty JSON document per file (a JSON array when
//! several are given). Exit code 2 when a file is unusable (no LKjIP), 1 when a file cannot be read.

use std::process::ExitCode;

const USAGE: &str = "usage: extract extract FILE [FILE…]\n\nPrints the kinerja.extract/1 JSON of each LKjIP text file.\nExit codes: 0 ok, 1 unreadable file, 2 a file is not a usable LKjIP.";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("extract") {
        args.remove(0);
    }
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return if args.is_empty() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    let mut docs = Vec::new();
    let mut code = 0u8;
    for path in &args {
        match std::fs::read(path) {
            Ok(bytes) => {
                let name = std::path::Path::new(path)
                    .file_name()
                    .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
                let doc = ingest::extract(&name, &bytes);
                if ingest::is_unusable(&doc) && code == 0 {
                    code = 2;
                }
                docs.push(doc);
            }
            Err(err) => {
                eprintln!("{path}: {err}");
                code = 1;
            }
        }
    }
    let json = if docs.is_empty() {
        None
    } else if docs.len() == 1 && args.len() == 1 {
        docs.first().map(serde_json::to_string_pretty)
    } else {
        Some(serde_json::to_string_pretty(&docs))
    };
    match json {
        Some(Ok(text)) => println!("{text}"),
        Some(Err(err)) => {
            eprintln!("cannot serialise: {err}");
            return ExitCode::from(1);
        }
        None => {}
    }
    ExitCode::from(code)
}
