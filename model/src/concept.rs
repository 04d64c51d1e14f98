//! An indicator concept of the taxonomy: what an indicator measures, whatever a kabupaten calls it.

use serde::{Deserialize, Serialize};

use crate::Direction;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorConcept {
    /// Stable snake_case key (`nilai_akip`, `ikm`, `idm`).
    pub key: String,
    /// The name shown to people.
    pub name: String,
    /// Names reports use for it across kabupaten (`Nilai SAKIP`, `Nilai Evaluasi AKIP`, …).
    #[serde(default)]
    pub synonyms: Vec<String>,
    #[serde(default)]
    pub unit: Option<String>,
    pub direction: Direction,
    /// The scale in words (`0–100; AA >90 …`), shown beside scores.
    #[serde(default)]
    pub scale: Option<String>,
}
