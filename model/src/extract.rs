//! The `kinerja.extract/1` document: what `kinerja extract` prints and `kinerja ingest` loads.
//!
//! Field names are fixed by docs/extract-contract.md. Every exact figure is an [`Exact`] (a JSON
//! string in canonical form); `None` means "not stated in the report", never a guess. Every
//! figure carries `lines`: 1-based line numbers of the input file it was read from, and, when
//! the report came from a paged format (PDF), `page`: the page of its first line.

use serde::{Deserialize, Serialize};

use crate::confidence::Confidence;
use crate::{Direction, Exact, Level, RegionCode, Year};

/// The schema tag every extract document carries.
pub const EXTRACT_SCHEMA: &str = "kinerja.extract/1";

/// 1-based line numbers of the report text a value was read from.
pub type Lines = Vec<u32>;

/// Why a text is not a valid extract document, naming the field at fault.
#[derive(Debug, thiserror::Error)]
#[error("malformed extract JSON at `{path}`: {message}")]
pub struct ExtractJsonError {
    /// JSON path of the bad field (`indicators[3].target`), or `.` for the document itself.
    pub path: String,
    pub message: String,
}

impl Extracted {
    /// Reads a `kinerja.extract/1` document; a malformed one gives the path of the bad field.
    /// A document written before figures carried a confidence gets the one its flags and issues
    /// give ([`crate::confidence::assess`], as if read from text: no OCR).
    pub fn from_json(bytes: &[u8]) -> Result<Extracted, ExtractJsonError> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let mut doc: Extracted =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|e| ExtractJsonError {
                path: e.path().to_string(),
                message: e.inner().to_string(),
            })?;
        if !crate::confidence::json_has_confidence(bytes) {
            crate::confidence::assess(&mut doc, false);
        }
        Ok(doc)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub schema: String,
    pub source: Source,
    pub report: ReportIdentity,
    #[serde(default)]
    pub camat: Option<Camat>,
    #[serde(default)]
    pub wilayah: Wilayah,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    #[serde(default)]
    pub ikm: Option<Ikm>,
    #[serde(default)]
    pub budget: Option<Budget>,
    #[serde(default)]
    pub issues: Vec<Issue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    /// sha256 of the file as given (the PDF or DOCX itself, not its text).
    pub sha256: String,
    /// Number of lines in the input file (in the text read from it, for PDF and DOCX).
    pub lines: u32,
    pub parser_version: String,
    /// sha256 of the indicator taxonomy the concepts were mapped with (absent in documents
    /// written before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxonomy_version: Option<String>,
    /// The format the file was read as; omitted for text.
    #[serde(default, skip_serializing_if = "SourceFormat::is_text")]
    pub format: SourceFormat,
    /// The 1-based line on which each page of the document starts (page 1 first); omitted for
    /// formats without pages (text, DOCX).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_starts: Vec<u32>,
}

/// The format a report file was read as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text, markdown or HTML.
    #[default]
    Text,
    /// A Word document: paragraphs and tables read from its XML.
    Docx,
    /// A PDF read from its text layer.
    Pdf,
    /// A scanned PDF read by OCR.
    PdfOcr,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Docx => "docx",
            SourceFormat::Pdf => "pdf",
            SourceFormat::PdfOcr => "pdf_ocr",
        }
    }

    pub fn is_text(&self) -> bool {
        *self == SourceFormat::Text
    }
}

/// The 1-based page of a figure: the page its first line is on, given where each page starts;
/// `None` without pages or lines.
pub fn page_of(page_starts: &[u32], lines: &[u32]) -> Option<u32> {
    let first = *lines.iter().min()?;
    if page_starts.is_empty() || first == 0 {
        return None;
    }
    let after = page_starts.partition_point(|&start| start <= first);
    u32::try_from(after).ok().filter(|&page| page > 0)
}

impl Extracted {
    /// Sets `page` on every figure from its lines and `source.page_starts` (clears it when the
    /// source has no pages).
    pub fn fill_pages(&mut self) {
        let starts = std::mem::take(&mut self.source.page_starts);
        let page = |lines: &[u32]| page_of(&starts, lines);
        self.report.page = page(&self.report.lines);
        if let Some(camat) = &mut self.camat {
            camat.page = page(&camat.lines);
        }
        self.wilayah.page = page(&self.wilayah.lines);
        for desa in &mut self.wilayah.desa {
            desa.page = page(&desa.lines);
        }
        for indicator in &mut self.indicators {
            indicator.page = page(&indicator.lines);
        }
        for entry in &mut self.history {
            entry.page = page(&entry.lines);
        }
        if let Some(ikm) = &mut self.ikm {
            ikm.page = page(&ikm.lines);
        }
        if let Some(budget) = &mut self.budget {
            budget.page = page(&budget.lines);
            for item in &mut budget.items {
                item.page = page(&item.lines);
            }
        }
        for issue in &mut self.issues {
            issue.page = page(&issue.lines);
        }
        self.source.page_starts = starts;
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportIdentity {
    pub kecamatan: Option<String>,
    pub kabupaten: Option<String>,
    pub provinsi: Option<String>,
    #[serde(default)]
    pub kode_kecamatan: Option<RegionCode>,
    pub tahun: Option<Year>,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Camat {
    pub nama: Option<String>,
    /// The 18-digit civil-servant number, digits only.
    pub nip: Option<String>,
    /// Acting camat (*Plt.*).
    #[serde(default)]
    pub plt: bool,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wilayah {
    #[serde(default)]
    pub luas_km2: Option<Exact>,
    #[serde(default)]
    pub penduduk: Option<Exact>,
    #[serde(default)]
    pub jumlah_asn: Option<Exact>,
    #[serde(default)]
    pub desa: Vec<Desa>,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// How far the figures can be trusted (docs/extract-contract.md, `model::confidence`).
    #[serde(default)]
    pub confidence: Confidence,
    /// The flag and issue codes that lowered `confidence`; empty when high.
    #[serde(default)]
    pub confidence_reasons: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VillageKind {
    Desa,
    Kelurahan,
}

impl VillageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            VillageKind::Desa => "desa",
            VillageKind::Kelurahan => "kelurahan",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Desa {
    pub nama: String,
    #[serde(default)]
    pub jenis: Option<VillageKind>,
    #[serde(default)]
    pub penduduk: Option<Exact>,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// An indicator result of the report year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub level: Level,
    pub name: String,
    pub canonical: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    pub direction: Direction,
    pub tahun: Year,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    #[serde(default)]
    pub capaian_reported: Option<Exact>,
    #[serde(default)]
    pub capaian_computed: Option<Exact>,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default)]
    pub flags: Vec<String>,
    /// How far the figures can be trusted (docs/extract-contract.md, `model::confidence`).
    #[serde(default)]
    pub confidence: Confidence,
    /// The flag and issue codes that lowered `confidence`; empty when high.
    #[serde(default)]
    pub confidence_reasons: Vec<String>,
}

/// An indicator's value in a year before the report year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub canonical: Option<String>,
    pub name: String,
    pub tahun: Year,
    #[serde(default)]
    pub target: Option<Exact>,
    #[serde(default)]
    pub realisasi: Option<Exact>,
    #[serde(default)]
    pub capaian_reported: Option<Exact>,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// How far the figures can be trusted (docs/extract-contract.md, `model::confidence`).
    #[serde(default)]
    pub confidence: Confidence,
    /// The flag and issue codes that lowered `confidence`; empty when high.
    #[serde(default)]
    pub confidence_reasons: Vec<String>,
}

/// The public satisfaction index (IKM/SKM) of the report year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ikm {
    pub nilai: Option<Exact>,
    #[serde(default)]
    pub nilai_recomputed: Option<Exact>,
    #[serde(default)]
    pub responden: Option<Exact>,
    #[serde(default)]
    pub mutu: Option<String>,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// How far the figures can be trusted (docs/extract-contract.md, `model::confidence`).
    #[serde(default)]
    pub confidence: Confidence,
    /// The flag and issue codes that lowered `confidence`; empty when high.
    #[serde(default)]
    pub confidence_reasons: Vec<String>,
}

/// Where a budget figure was read (docs/extract-contract.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetSource {
    /// A sentence of the text (a conclusion or summary giving pagu, realisasi and %).
    Narrative,
    /// A plan table that prints the pagu only (the Perjanjian Kinerja's ANGGARAN column): no
    /// realisasi was printed beside it.
    PerjanjianKinerja,
    /// A budget table with a realisasi column (the realisasi anggaran of BAB III).
    RealisasiTable,
}

impl BudgetSource {
    pub fn as_str(self) -> &'static str {
        match self {
            BudgetSource::Narrative => "narrative",
            BudgetSource::PerjanjianKinerja => "perjanjian_kinerja",
            BudgetSource::RealisasiTable => "realisasi_table",
        }
    }
}

/// The kecamatan's own budget of the report year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub tahun: Option<Year>,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    #[serde(default)]
    pub serapan_reported: Option<Exact>,
    #[serde(default)]
    pub serapan_computed: Option<Exact>,
    /// Where the totals were read; `None` in extracts written before the field existed.
    #[serde(default)]
    pub source: Option<BudgetSource>,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// How far the figures can be trusted (docs/extract-contract.md, `model::confidence`).
    #[serde(default)]
    pub confidence: Confidence,
    /// The flag and issue codes that lowered `confidence`; empty when high.
    #[serde(default)]
    pub confidence_reasons: Vec<String>,
    #[serde(default)]
    pub items: Vec<BudgetItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetItem {
    pub level: Level,
    #[serde(default)]
    pub kode: Option<String>,
    pub name: String,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    #[serde(default)]
    pub serapan_reported: Option<Exact>,
    /// Where the line's pagu was read; `None` in extracts written before the field existed.
    #[serde(default)]
    pub source: Option<BudgetSource>,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default)]
    pub flags: Vec<String>,
    /// How far the figures can be trusted (docs/extract-contract.md, `model::confidence`).
    #[serde(default)]
    pub confidence: Confidence,
    /// The flag and issue codes that lowered `confidence`; empty when high.
    #[serde(default)]
    pub confidence_reasons: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Something the extractor noticed: a disagreement inside the report, a number it could not
/// read, a missing section. `code` is a stable machine code (`capaian_mismatch`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub lines: Lines,
    /// The page of the first of `lines`, for paged formats (PDF); omitted otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of docs/extract-contract.md, with its `…` placeholders filled in.
    const CONTRACT_EXAMPLE: &str = r#"{
      "schema": "kinerja.extract/1",
      "source": {"file": "karanganyar-jaten-2023.txt", "sha256": "ab12", "lines": 1330, "parser_version": "0.1.0"},
      "report": {
        "kecamatan": "Jaten", "kabupaten": "Karanganyar", "provinsi": "Jawa Tengah",
        "kode_kecamatan": "33.13.11", "tahun": 2023, "lines": [5, 6]
      },
      "camat": {"nama": "Wuli Padmi Handayani", "nip": "197407151995032004", "plt": false, "lines": [56]},
      "wilayah": {"luas_km2": "25.55", "penduduk": "80000", "jumlah_asn": "14",
                  "desa": [{"nama": "Jaten", "jenis": "kelurahan", "penduduk": "9000", "lines": [300]}], "lines": [12],
                  "confidence": "high", "confidence_reasons": []},
      "indicators": [
        {"level": "sasaran", "name": "Indeks Kepuasan Masyarakat (IKM)", "canonical": "ikm",
         "unit": "indeks", "direction": "higher_is_better", "tahun": 2023,
         "target": "75", "realisasi": "83.20",
         "capaian_reported": "110.93", "capaian_computed": "110.93",
         "lines": [1027], "flags": [], "confidence": "high", "confidence_reasons": []}
      ],
      "history": [
        {"canonical": "nilai_akip", "name": "Nilai SAKIP", "tahun": 2022, "target": "68", "realisasi": "75.28",
         "capaian_reported": null, "lines": [531], "confidence": "high", "confidence_reasons": []}
      ],
      "ikm": {"nilai": "83.20", "nilai_recomputed": "83.29", "responden": "297", "mutu": "B", "lines": [938],
              "confidence": "low", "confidence_reasons": ["ikm_recompute_mismatch"]},
      "budget": {
        "tahun": 2023, "pagu": "3413100300", "realisasi": "3129257771",
        "serapan_reported": "91.68", "serapan_computed": "91.68", "source": "realisasi_table",
        "lines": [1100], "confidence": "high", "confidence_reasons": [],
        "items": [
          {"level": "program", "kode": "7.01.01", "name": "Program Penunjang", "pagu": "1677707236.00",
           "realisasi": "1500000000", "serapan_reported": "89.41", "source": "realisasi_table",
           "lines": [1101], "flags": [],
           "confidence": "medium", "confidence_reasons": ["realisasi_from_matching_row"]}
        ]
      },
      "issues": [
        {"code": "capaian_mismatch", "severity": "warning", "message": "printed 119, computed 123.75", "lines": [1309]}
      ]
    }"#;

    #[test]
    fn contract_example_round_trips() {
        let parsed: Extracted = serde_json::from_str(CONTRACT_EXAMPLE).unwrap();
        let expected: serde_json::Value = serde_json::from_str(CONTRACT_EXAMPLE).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), expected);
        assert_eq!(
            parsed.budget.unwrap().items[0].pagu.unwrap().to_string(),
            "1677707236.00"
        );
    }

    #[test]
    fn a_budget_without_source_still_loads() {
        let old = CONTRACT_EXAMPLE.replace("\"source\": \"realisasi_table\",", "");
        let parsed: Extracted = serde_json::from_str(&old).unwrap_or_else(|e| panic!("{e}"));
        let budget = parsed.budget.unwrap_or_else(|| panic!("no budget"));
        assert_eq!(budget.source, None);
        assert_eq!(budget.items.first().and_then(|i| i.source), None);
        let json =
            serde_json::to_value(BudgetSource::PerjanjianKinerja).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json, BudgetSource::PerjanjianKinerja.as_str());
    }

    #[test]
    fn an_older_document_gets_the_confidence_its_flags_give() {
        let old = r#"{
          "schema": "kinerja.extract/1",
          "source": {"file": "a.txt", "sha256": "ab", "lines": 9, "parser_version": "0.1.0"},
          "report": {"kecamatan": "Jaten", "kabupaten": "Karanganyar", "provinsi": null, "tahun": 2023},
          "indicators": [
            {"level": "iku", "name": "A", "canonical": null, "direction": "higher_is_better",
             "tahun": 2023, "target": "1", "realisasi": "1", "lines": [3], "flags": []},
            {"level": "iku", "name": "B", "canonical": null, "direction": "higher_is_better",
             "tahun": 2023, "target": "1", "realisasi": "2", "lines": [4],
             "flags": ["copied_from_previous_year"]}
          ]
        }"#;
        let doc = Extracted::from_json(old.as_bytes()).unwrap();
        assert_eq!(doc.indicators[0].confidence, Confidence::High);
        assert_eq!(doc.indicators[1].confidence, Confidence::Low);
        assert_eq!(
            doc.indicators[1].confidence_reasons,
            ["copied_from_previous_year"]
        );
        // a document that states confidence keeps it
        let stated = Extracted::from_json(CONTRACT_EXAMPLE.as_bytes()).unwrap();
        assert_eq!(stated.ikm.unwrap().confidence, Confidence::Low);
    }

    #[test]
    fn a_figure_in_the_wrong_form_is_refused() {
        let bad = CONTRACT_EXAMPLE.replace(
            "\"83.20\", \"nilai_recomputed\"",
            "\"83,20\", \"nilai_recomputed\"",
        );
        assert!(serde_json::from_str::<Extracted>(&bad).is_err());
    }

    #[test]
    fn pages_come_from_the_first_line_and_stay_out_of_text_extracts() {
        assert_eq!(page_of(&[1, 40, 81], &[45, 12]), Some(1));
        assert_eq!(page_of(&[1, 40, 81], &[81]), Some(3));
        assert_eq!(page_of(&[], &[81]), None);
        assert_eq!(page_of(&[1, 40], &[]), None);
        let mut parsed: Extracted = serde_json::from_str(CONTRACT_EXAMPLE).unwrap();
        assert_eq!(parsed.source.format, SourceFormat::Text);
        parsed.fill_pages();
        let text = serde_json::to_value(&parsed).unwrap();
        assert!(text["source"].get("format").is_none());
        assert!(text["indicators"][0].get("page").is_none());
        parsed.source.format = SourceFormat::Pdf;
        parsed.source.page_starts = vec![1, 1000, 1101];
        parsed.fill_pages();
        let pdf = serde_json::to_value(&parsed).unwrap();
        assert_eq!(pdf["source"]["format"], "pdf");
        assert_eq!(pdf["indicators"][0]["page"], 2);
        assert_eq!(pdf["budget"]["items"][0]["page"], 3);
        assert_eq!(pdf["history"][0]["page"], 1);
        let back: Extracted = serde_json::from_value(pdf).unwrap();
        assert_eq!(back.indicators[0].page, Some(2));
    }
}
