//! Shared helpers of the integration tests: the four sample reports.
#![allow(dead_code)]

pub const REPORTS: [(&str, &[u8]); 4] = [
    (
        "karanganyar-jaten-2023.txt",
        include_bytes!("../../data/samples/karanganyar-jaten-2023.txt"),
    ),
    (
        "karanganyar-kerjo-2025.txt",
        include_bytes!("../../data/samples/karanganyar-kerjo-2025.txt"),
    ),
    (
        "magetan-kartoharjo-2023.txt",
        include_bytes!("../../data/samples/magetan-kartoharjo-2023.txt"),
    ),
    (
        "ponorogo-mlarak-2024.txt",
        include_bytes!("../../data/samples/ponorogo-mlarak-2024.txt"),
    ),
];

pub fn report(name: &str) -> model::Extracted {
    let (file, bytes) = REPORTS
        .iter()
        .find(|(f, _)| f.starts_with(name))
        .copied()
        .unwrap_or(("", b""));
    ingest::extract(file, bytes)
}
