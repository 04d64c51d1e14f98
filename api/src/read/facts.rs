//! The flat facts table: every indicator figure of the current reports with its region and
//! provenance, by a typed filter; shared by `/api/v1/facts` and the `facts` export.

use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::schema::{indicator_fact, kabupaten, kecamatan, provinsi, report};
use warehouse::views::facts::FactView;

use crate::error::ApiError;
use crate::provenance::{parse_lines, ReportRef};
use crate::read::figures::{Figure, FigureNotes};

#[derive(Debug, Serialize, ToSchema)]
pub struct Fact {
    pub id: i64,
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten_code: String,
    pub kabupaten: String,
    pub provinsi_code: String,
    pub provinsi: String,
    #[serde(flatten)]
    pub figure: Figure,
}

/// Which facts a request asks for.
#[derive(Debug, Clone, Default)]
pub(crate) struct FactFilter {
    pub concept: Option<String>,
    pub tahun: Option<i32>,
    pub kecamatan: Option<model::RegionCode>,
    pub kabupaten: Option<model::RegionCode>,
    pub provinsi: Option<model::RegionCode>,
    pub level: Option<String>,
    pub include_history: bool,
    pub flagged: Option<bool>,
}

/// The facts matching a filter; `filtered!` builds the query shared by the count and the page.
macro_rules! filtered {
    ($filter:expr, $select:expr) => {{
        let filter: &FactFilter = $filter;
        let mut q = indicator_fact::table
            .inner_join(report::table.inner_join(
                kecamatan::table.inner_join(kabupaten::table.inner_join(provinsi::table)),
            ))
            .filter(report::superseded_by.is_null())
            .select($select)
            .into_boxed();
        if let Some(c) = &filter.concept {
            q = q.filter(indicator_fact::concept_key.eq(c.clone()));
        }
        if let Some(t) = filter.tahun {
            q = q.filter(indicator_fact::tahun.eq(t));
        }
        // A region filter names the region's reports by id, so that each report's figures
        // are found through `indicator_fact_report_concept_idx` rather than by walking all
        // figures of the concept and year nationally and joining each to its region.
        if let Some(k) = &filter.kecamatan {
            q = q.filter(
                indicator_fact::report_id.eq_any(
                    report_alias
                        .filter(report_alias.field(report::kecamatan_code).eq(k.to_string()))
                        .select(report_alias.field(report::id)),
                ),
            );
        }
        if let Some(k) = &filter.kabupaten {
            q = q.filter(
                indicator_fact::report_id.eq_any(
                    report_alias
                        .filter(
                            report_alias.field(report::kecamatan_code).eq_any(
                                kecamatan_alias
                                    .filter(
                                        kecamatan_alias
                                            .field(kecamatan::kabupaten_code)
                                            .eq(k.to_string()),
                                    )
                                    .select(kecamatan_alias.field(kecamatan::code)),
                            ),
                        )
                        .select(report_alias.field(report::id)),
                ),
            );
        }
        if let Some(p) = &filter.provinsi {
            q = q.filter(kabupaten::provinsi_code.eq(p.to_string()));
        }
        if let Some(l) = &filter.level {
            q = q.filter(indicator_fact::level.eq(l.clone()));
        }
        if !filter.include_history {
            q = q.filter(indicator_fact::is_history.eq(false));
        }
        match filter.flagged {
            Some(true) => q = q.filter(indicator_fact::flags.ne("[]")),
            Some(false) => q = q.filter(indicator_fact::flags.eq("[]")),
            None => {}
        }
        q
    }};
}

diesel::alias!(report as report_alias: ReportAlias, kecamatan as kecamatan_alias: KecamatanAlias);

/// How many facts match a filter, over all pages.
pub(crate) fn count_facts(
    conn: &mut warehouse::DbConnection,
    filter: &FactFilter,
) -> Result<i64, ApiError> {
    Ok(filtered!(filter, diesel::dsl::count_star()).get_result(conn)?)
}

/// A page of facts: ids above `after`, at most `limit`, in id order.
pub(crate) fn load_facts(
    conn: &mut warehouse::DbConnection,
    filter: &FactFilter,
    after: i64,
    limit: i64,
) -> Result<Vec<Fact>, ApiError> {
    let rows: Vec<FactView> = filtered!(filter, FactView::as_select())
        .filter(indicator_fact::id.gt(after))
        .order(indicator_fact::id)
        .limit(limit)
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.figure.id).collect();
    let mut notes = FigureNotes::of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut fact = to_fact(row);
            notes.annotate(fact.id, &mut fact.figure);
            fact
        })
        .collect())
}

fn to_fact(row: FactView) -> Fact {
    let FactView {
        figure: f,
        report: rep,
        region,
    } = row;
    let source = ReportRef {
        report_id: rep.report_id,
        file: &rep.file_name,
        sha256: &rep.sha256,
        kecamatan: &region.kecamatan,
        kabupaten: &region.kabupaten,
        tahun: rep.tahun,
        page_starts: &rep.page_starts,
    }
    .provenance(parse_lines(&f.fact.lines))
    .at_revision(rep.revision);
    Fact {
        id: f.id,
        figure: Figure::extracted(f, source),
        kecamatan_code: region.kecamatan_code,
        kecamatan: region.kecamatan,
        kabupaten_code: region.kabupaten_code,
        kabupaten: region.kabupaten,
        provinsi_code: region.provinsi_code,
        provinsi: region.provinsi,
    }
}
