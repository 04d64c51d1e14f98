//! Domain types shared by every kinerja crate.
//!
//! Each type here can only hold a valid value ("parse, don't validate"): an [`Exact`] is a
//! decimal in canonical form, a [`RegionCode`] is a well-formed Kemendagri code, a [`Year`] is a
//! plausible report year. The [`extract`] module holds the `kinerja.extract/1` contract.

mod concept;
pub mod confidence;
mod decimal;
mod direction;
pub mod extract;
mod level;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod program_code;
mod region;
#[cfg(feature = "diesel")]
pub mod sql;
mod year;

pub use concept::IndicatorConcept;
pub use confidence::Confidence;
pub use decimal::{Exact, ExactError};
pub use direction::Direction;
pub use extract::{Extracted, EXTRACT_SCHEMA};
pub use level::Level;
pub use region::{RegionCode, RegionCodeError, RegionLevel};
pub use year::{Year, YearError};

/// Error for an enum value given as text that is not one of its names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}` (expected one of: {expected})")]
pub struct UnknownVariant {
    pub kind: &'static str,
    pub value: String,
    pub expected: &'static str,
}
