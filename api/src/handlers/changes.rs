//! The change log of published figures: every change a re-extraction or a superseding report
//! made to a figure, with the old and new value and the cause (docs/changes.md).

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{figure_change, kecamatan};
use warehouse::views::changes::ChangeRow;

use crate::error::ApiError;
use crate::params;
use crate::provenance::parse_strings;
use crate::respond::{next_page, respond, Page};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ChangeQuery {
    /// Kecamatan code.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$")]
    pub kecamatan: Option<String>,
    /// Kabupaten code.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2})?$")]
    pub kabupaten: Option<String>,
    /// Only changes made at or after this moment: a date `2026-12-03` or an RFC 3339 UTC time
    /// `2026-12-03T10:00:00Z`.
    #[param(value_type = Option<String>, pattern = "^([0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z)?)?$")]
    pub since: Option<String>,
    /// Only the changes of this report (the report whose figures changed).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 2147483647)]
    pub report: Option<String>,
    /// Only the changes of this indicator figure (its `id` in `/api/v1/facts`).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 2147483647)]
    pub fact: Option<String>,
    /// Keyset cursor (from a `next` link).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 2147483647)]
    pub after: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// One field of one published figure that changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FigureChange {
    pub id: i64,
    /// The report whose figure changed (for `new report`: the new report).
    pub report_id: i64,
    /// For `new report`: the report it superseded, where the old value was published.
    pub previous_report_id: Option<i64>,
    pub kecamatan_code: String,
    /// The report's year.
    pub tahun: i32,
    /// The indicator figure (`/api/v1/facts` id); null for budget figures.
    pub fact_id: Option<i64>,
    /// The figure: `indicator:<name as printed>:<tahun>`, `history:…`, `budget:total`,
    /// `budget:<level>:<kode or name>`.
    #[schema(example = "indicator:Indeks Kepuasan Masyarakat (IKM):2023")]
    pub figure: String,
    pub concept: Option<String>,
    /// `concept`, `direction`, `target`, `realisasi`, `capaian_reported`, `capaian_computed`,
    /// `pagu`, `serapan_reported`, `serapan_computed`, `program_code`, or `flags`.
    pub field: String,
    /// The value before (null: the figure or field was absent).
    #[schema(example = "80")]
    pub old_value: Option<String>,
    #[schema(example = "83.20")]
    pub new_value: Option<String>,
    pub flags_before: Vec<String>,
    pub flags_after: Vec<String>,
    /// `parser 0.1.0 → 0.2.0`, `taxonomy 3f2a9c1e → 8b0d44a2`, `new report`, `correction`.
    #[schema(example = "taxonomy 3f2a9c1e → 8b0d44a2")]
    pub cause: String,
    /// The report revision the change produced; a citation naming an earlier revision cites
    /// `old_value`.
    pub revision: i32,
    /// The warehouse data version after the change.
    pub data_version: i64,
    /// When (RFC 3339, UTC).
    pub changed_at: String,
}

#[derive(Debug, Clone)]
struct ChangeFilter {
    kecamatan: Option<String>,
    kabupaten: Option<String>,
    since: Option<String>,
    report: Option<i64>,
    fact: Option<i64>,
}

/// `2026-12-03` or `2026-12-03T10:00:00Z` (with optional fraction): compared as text with the
/// stored RFC 3339 times, which all have this form.
fn since_param(value: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(v) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let bad = || {
        ApiError::bad(
            "since",
            format!("`{v}` is not a date like 2026-12-03 or a UTC time like 2026-12-03T10:00:00Z"),
        )
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let date_ok = matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 && parts.iter().all(|p| digits(p)));
    let time_ok = time.is_none_or(|t| {
        let Some(t) = t.strip_suffix('Z') else {
            return false;
        };
        let (hms, frac) = t.split_once('.').unwrap_or((t, "0"));
        let hms: Vec<&str> = hms.split(':').collect();
        matches!(hms.as_slice(), [_, _, _])
            && hms.iter().all(|p| p.len() == 2 && digits(p))
            && digits(frac)
            && frac.len() <= 9
    });
    if date_ok && time_ok {
        Ok(Some(v.to_owned()))
    } else {
        Err(bad())
    }
}

impl ChangeFilter {
    fn from_query(query: &ChangeQuery) -> Result<Self, ApiError> {
        use model::RegionLevel;
        Ok(ChangeFilter {
            kecamatan: params::optional_code_at(
                "kecamatan",
                query.kecamatan.as_deref(),
                RegionLevel::Kecamatan,
            )?
            .map(|c| c.to_string()),
            kabupaten: params::optional_code_at(
                "kabupaten",
                query.kabupaten.as_deref(),
                RegionLevel::Kabupaten,
            )?
            .map(|c| c.to_string()),
            since: since_param(query.since.as_deref())?,
            report: params::optional_id("report", query.report.as_deref())?,
            fact: params::optional_id("fact", query.fact.as_deref())?,
        })
    }
}

macro_rules! filtered {
    ($filter:expr, $select:expr) => {{
        let filter: &ChangeFilter = $filter;
        let mut q = figure_change::table.select($select).into_boxed();
        if let Some(k) = &filter.kecamatan {
            q = q.filter(figure_change::kecamatan_code.eq(k.clone()));
        }
        if let Some(k) = &filter.kabupaten {
            q = q.filter(
                figure_change::kecamatan_code.eq_any(
                    kecamatan::table
                        .filter(kecamatan::kabupaten_code.eq(k.clone()))
                        .select(kecamatan::code),
                ),
            );
        }
        if let Some(s) = &filter.since {
            q = q.filter(figure_change::changed_at.ge(s.clone()));
        }
        if let Some(r) = filter.report {
            q = q.filter(figure_change::report_id.eq(r));
        }
        if let Some(f) = filter.fact {
            q = q.filter(figure_change::fact_id.eq(f));
        }
        q
    }};
}

/// Changes to published figures, oldest first, filterable by region, time, report or figure.
#[utoipa::path(
    tag = "changes", params(ChangeQuery),
    responses(
        (status = 200, description = "Changes in id order, with `next` for the following page", content((Page<FigureChange> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/changes")]
pub async fn list_changes(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ChangeQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = ChangeFilter::from_query(&query)?;
    let after = params::after_id(query.after.as_deref())?.unwrap_or(0);
    let limit = params::limit(query.limit.as_deref())?;
    let (rows, total) = state
        .db(move |conn| {
            let total: i64 = filtered!(&filter, diesel::dsl::count_star()).get_result(conn)?;
            let rows: Vec<ChangeRow> = filtered!(&filter, ChangeRow::as_select())
                .filter(figure_change::id.gt(after))
                .order(figure_change::id)
                .limit(limit + 1)
                .load(conn)?;
            Ok((rows, total))
        })
        .await?;
    let mut data: Vec<FigureChange> = rows.into_iter().map(to_change).collect();
    let next = next_page(&req, &mut data, limit, |c| c.id.to_string());
    respond(&req, &Page::new(data, total, next))
}

fn to_change(row: ChangeRow) -> FigureChange {
    FigureChange {
        id: row.id,
        report_id: row.report_id,
        previous_report_id: row.previous_report_id,
        kecamatan_code: row.kecamatan_code,
        tahun: row.tahun,
        fact_id: row.fact_id,
        figure: row.figure,
        concept: row.concept_key,
        field: row.field,
        old_value: row.old_value,
        new_value: row.new_value,
        flags_before: parse_strings(&row.flags_before),
        flags_after: parse_strings(&row.flags_after),
        cause: row.cause,
        revision: row.revision,
        data_version: row.data_version,
        changed_at: row.changed_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_date_or_a_utc_time() {
        for good in [
            "2026-12-03",
            "2026-12-03T10:00:00Z",
            "2026-12-03T10:00:00.123Z",
        ] {
            assert!(since_param(Some(good)).is_ok(), "{good}");
        }
        for bad in [
            "2026-1-03",
            "yesterday",
            "2026-12-03T10:00",
            "2026-12-03T10:00:00+07:00",
        ] {
            assert!(since_param(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(since_param(None).ok(), Some(None));
    }
}
