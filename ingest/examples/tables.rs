//! Prints the tables `ingest` finds in a report and the role of each column.
fn main() {
    for path in std::env::args().skip(1) {
        match std::fs::read(&path) {
            Ok(bytes) => print!("{}", ingest::debug_tables(&bytes)),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
