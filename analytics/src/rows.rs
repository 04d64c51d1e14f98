//! What one refresh writes; the snapshot row types live beside their schema, in
//! `warehouse::views::snapshots`.

pub use warehouse::views::snapshots::{
    BudgetSummaryRow, CompositeRow, IndicatorRankRow, QualityRow, StoryFlagRow, TrendRow,
};

/// Everything one refresh writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub indicator_ranks: Vec<IndicatorRankRow>,
    pub composites: Vec<CompositeRow>,
    pub trends: Vec<TrendRow>,
    pub story_flags: Vec<StoryFlagRow>,
    pub budget_summaries: Vec<BudgetSummaryRow>,
    pub quality: Vec<QualityRow>,
}
