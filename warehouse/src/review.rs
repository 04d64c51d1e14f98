//! Reviews of indicator figures by people: confirm, correct, withhold (docs/security.md).
//!
//! A review is an overlay (`figure_review`): the extracted values stay in `indicator_fact`;
//! the published value is the corrected one, and a withheld figure is not published. Every
//! review goes to the change log (cause [`CAUSE_REVIEW`]) and the append-only `audit_log`, in
//! the transaction that makes it.

use diesel::prelude::*;
use model::{Direction, Exact};

use crate::changes::{self, Change, ChangeContext};
use crate::connection::DbConnection;
use crate::schema::{
    audit_log, error_report, figure_review, indicator_fact, kabupaten, kecamatan, report,
};

/// Cause of the change-log rows a review writes.
pub const CAUSE_REVIEW: &str = "review";

/// Who acts: a reviewer account, or the bootstrap admin token (`reviewer_id` `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub reviewer_id: Option<i64>,
    pub role: Role,
    /// The provinsi (`33`) or kabupaten (`33.13`) a reviewer may act on; `None` for an admin.
    pub region: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Admin,
    Reviewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reviewer => "reviewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "reviewer" => Some(Role::Reviewer),
            _ => None,
        }
    }
}

impl Actor {
    /// The bootstrap admin (`KINERJA_ADMIN_TOKEN`).
    pub fn bootstrap_admin() -> Actor {
        Actor {
            reviewer_id: None,
            role: Role::Admin,
            region: None,
        }
    }

    /// An admin acts everywhere; a reviewer on the kecamatan of its region, whose code starts
    /// with the region's code and a dot (`33.13` covers `33.13.11`, not `33.131…`).
    pub fn may_act_on(&self, kecamatan_code: &str) -> bool {
        match (&self.role, &self.region) {
            (Role::Admin, _) => true,
            (Role::Reviewer, Some(region)) => kecamatan_code
                .strip_prefix(region.as_str())
                .is_some_and(|rest| rest.starts_with('.')),
            (Role::Reviewer, None) => false,
        }
    }

    /// How the audit log names the actor.
    pub fn audit_name(&self) -> String {
        match self.reviewer_id {
            Some(id) => format!("reviewer:{id}"),
            None => "admin-token".to_owned(),
        }
    }
}

/// What a reviewer does to a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Confirm,
    /// New published values; at least one is given. Without a capaian, a corrected target or
    /// realisasi gives the capaian computed by the figure's direction.
    Correct {
        target: Option<Exact>,
        realisasi: Option<Exact>,
        capaian: Option<Exact>,
    },
    Withhold,
}

impl Action {
    pub fn status(&self) -> &'static str {
        match self {
            Action::Confirm => "confirmed",
            Action::Correct { .. } => "corrected",
            Action::Withhold => "withheld",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("no indicator figure {0}")]
    NoFigure(i64),
    #[error(
        "figure {fact_id} is of kecamatan {kecamatan}, outside the region this account reviews"
    )]
    Forbidden { fact_id: i64, kecamatan: String },
    #[error("figure {0} is of a superseded report; review the current one")]
    Superseded(i64),
    #[error("{0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// A stored review, as the API shows it.
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = figure_review)]
pub struct Review {
    pub fact_id: i64,
    pub status: String,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian: Option<Exact>,
    pub note: String,
    pub reviewer_role: String,
    pub reviewer_region: Option<String>,
    pub reviewed_at: String,
    pub requeued: bool,
}

/// The reviews of these figures.
pub fn reviews_of(conn: &mut DbConnection, fact_ids: &[i64]) -> QueryResult<Vec<Review>> {
    if fact_ids.is_empty() {
        return Ok(Vec::new());
    }
    figure_review::table
        .filter(figure_review::fact_id.eq_any(fact_ids))
        .select(Review::as_select())
        .load(conn)
}

type FigureRow = (
    i64,
    String,
    Option<i64>,
    bool,
    String,
    i32,
    Option<String>,
    Option<String>,
    (Option<Exact>, Option<Exact>, Option<Exact>, Option<Exact>),
);

/// Longest note kept.
pub const MAX_NOTE: usize = 2000;

/// Applies a review to figure `fact_id`, with the change log and audit log, in one transaction.
pub fn review_figure(
    conn: &mut DbConnection,
    actor: &Actor,
    fact_id: i64,
    action: &Action,
    note: &str,
) -> Result<Review, ReviewError> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE {
        return Err(ReviewError::Invalid(
            "the note is longer than 2000 characters",
        ));
    }
    if matches!(action, Action::Correct { .. }) && note.is_empty() {
        return Err(ReviewError::Invalid(
            "a correction needs a note saying where the right figure is from",
        ));
    }
    if let Action::Correct {
        target: None,
        realisasi: None,
        capaian: None,
    } = action
    {
        return Err(ReviewError::Invalid(
            "a correction gives at least one of target, realisasi, capaian",
        ));
    }
    conn.transaction(|conn| {
        let row: Option<FigureRow> = indicator_fact::table
            .inner_join(report::table)
            .filter(indicator_fact::id.eq(fact_id))
            .select((
                indicator_fact::report_id,
                report::kecamatan_code,
                report::superseded_by,
                indicator_fact::is_history,
                indicator_fact::raw_name,
                indicator_fact::tahun,
                indicator_fact::concept_key,
                indicator_fact::direction,
                (
                    indicator_fact::target,
                    indicator_fact::realisasi,
                    indicator_fact::capaian_reported,
                    indicator_fact::capaian_computed,
                ),
            ))
            .first(conn)
            .optional()?;
        let (
            report_id,
            kecamatan,
            superseded_by,
            is_history,
            raw_name,
            tahun,
            concept,
            direction,
            extracted,
        ) = row.ok_or(ReviewError::NoFigure(fact_id))?;
        if !actor.may_act_on(&kecamatan) {
            return Err(ReviewError::Forbidden { fact_id, kecamatan });
        }
        if superseded_by.is_some() {
            return Err(ReviewError::Superseded(fact_id));
        }
        let before: Option<Review> = figure_review::table
            .find(fact_id)
            .select(Review::as_select())
            .first(conn)
            .optional()?;
        let (ex_target, ex_realisasi, ex_reported, ex_computed) = extracted;
        let ex_capaian = ex_computed.or(ex_reported);
        let published_before = published(before.as_ref(), ex_target, ex_realisasi, ex_capaian);
        let (target, realisasi, capaian) = match action {
            Action::Correct {
                target,
                realisasi,
                capaian,
            } => {
                let t = target.or(ex_target);
                let r = realisasi.or(ex_realisasi);
                let recomputed = match (
                    capaian,
                    direction
                        .as_deref()
                        .and_then(|d| d.parse::<Direction>().ok()),
                    t,
                    r,
                ) {
                    (Some(c), ..) => Some(*c),
                    (None, Some(d), Some(t), Some(r))
                        if target.is_some() || realisasi.is_some() =>
                    {
                        d.capaian(t, r, 2)
                    }
                    _ => None,
                };
                (*target, *realisasi, recomputed)
            }
            _ => (None, None, None),
        };
        let reviewed_at = crate::load::now_rfc3339();
        let values = (
            figure_review::status.eq(action.status()),
            figure_review::target.eq(target),
            figure_review::realisasi.eq(realisasi),
            figure_review::capaian.eq(capaian),
            figure_review::note.eq(note),
            figure_review::reviewer_id.eq(actor.reviewer_id),
            figure_review::reviewer_role.eq(actor.role.as_str()),
            figure_review::reviewer_region.eq(actor.region.clone()),
            figure_review::reviewed_at.eq(&reviewed_at),
            figure_review::requeued.eq(false),
        );
        if before.is_some() {
            diesel::update(figure_review::table.find(fact_id))
                .set(values)
                .execute(conn)?;
        } else {
            diesel::insert_into(figure_review::table)
                .values((figure_review::fact_id.eq(fact_id), values))
                .execute(conn)?;
        }
        // A confirmed or corrected figure may be compared whatever its confidence; a withheld
        // one is not published at all.
        diesel::update(indicator_fact::table.find(fact_id))
            .set(indicator_fact::confirmed.eq(!matches!(action, Action::Withhold)))
            .execute(conn)?;
        let after: Review = figure_review::table
            .find(fact_id)
            .select(Review::as_select())
            .first(conn)?;
        let published_after = published(Some(&after), ex_target, ex_realisasi, ex_capaian);
        let resolved = crate::error_reports::resolve_with_review(
            conn,
            actor,
            fact_id,
            &after.status,
            &after.note,
            &reviewed_at,
        )?;
        crate::version::mark_warehouse_changed(conn)?;
        let figure = changes::fact_key(is_history, &raw_name, tahun);
        let status_before = before.as_ref().map_or("extracted", |b| b.status.as_str());
        let mut logged = vec![change(
            &figure,
            fact_id,
            &concept,
            "status",
            Some(status_before.to_owned()),
            Some(after.status.clone()),
        )];
        for ((field, old), new) in ["target", "realisasi", "capaian"]
            .into_iter()
            .zip(published_before)
            .zip(published_after)
        {
            if old != new {
                logged.push(change(
                    &figure,
                    fact_id,
                    &concept,
                    field,
                    old.map(|v| v.to_string()),
                    new.map(|v| v.to_string()),
                ));
            }
        }
        changes::record(
            conn,
            &ChangeContext {
                report_id,
                previous_report_id: None,
                cause: CAUSE_REVIEW,
            },
            &logged,
        )?;
        audit(
            conn,
            actor,
            &format!("review.{}", after.status),
            &format!("fact:{fact_id}"),
            &serde_json::json!({
                "kecamatan": kecamatan,
                "target": after.target.map(|v| v.to_string()),
                "realisasi": after.realisasi.map(|v| v.to_string()),
                "capaian": after.capaian.map(|v| v.to_string()),
                "note": after.note,
                "error_reports_resolved": resolved,
            }),
        )?;
        Ok(after)
    })
}

fn change(
    figure: &str,
    fact_id: i64,
    concept: &Option<String>,
    field: &str,
    old_value: Option<String>,
    new_value: Option<String>,
) -> Change {
    Change {
        figure: figure.to_owned(),
        fact_id: Some(fact_id),
        concept_key: concept.clone(),
        field: field.to_owned(),
        old_value,
        new_value,
        flags_before: "[]".to_owned(),
        flags_after: "[]".to_owned(),
    }
}

/// The published target, realisasi and capaian of a figure: the extracted ones, those a
/// correction replaced, none of a withheld figure.
pub fn published(
    review: Option<&Review>,
    target: Option<Exact>,
    realisasi: Option<Exact>,
    capaian: Option<Exact>,
) -> [Option<Exact>; 3] {
    match review.map(|r| r.status.as_str()) {
        Some("withheld") => [None, None, None],
        Some("corrected") => {
            let r = review.map_or([None, None, None], |r| [r.target, r.realisasi, r.capaian]);
            [r[0].or(target), r[1].or(realisasi), r[2].or(capaian)]
        }
        _ => [target, realisasi, capaian],
    }
}

/// Appends to the audit log.
pub fn audit(
    conn: &mut DbConnection,
    actor: &Actor,
    action: &str,
    subject: &str,
    detail: &serde_json::Value,
) -> QueryResult<()> {
    audit_as(conn, &actor.audit_name(), action, subject, detail)
}

/// Appends to the audit log an action of someone without an account (`public`, `cli`).
pub fn audit_as(
    conn: &mut DbConnection,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &serde_json::Value,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(crate::load::now_rfc3339()),
            audit_log::actor.eq(actor),
            audit_log::action.eq(action),
            audit_log::subject.eq(subject),
            audit_log::detail.eq(detail.to_string()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks for review again the reviewed figures of a report whose extracted values a
/// re-extraction changed (`changed`): the review is kept, and shown as needing a new look.
pub fn requeue_changed(conn: &mut DbConnection, changed: &[Change]) -> QueryResult<usize> {
    let ids: Vec<i64> = changed.iter().filter_map(|c| c.fact_id).collect();
    if ids.is_empty() {
        return Ok(0);
    }
    diesel::update(figure_review::table.filter(figure_review::fact_id.eq_any(ids)))
        .set(figure_review::requeued.eq(true))
        .execute(conn)
}

/// A figure waiting for review, with what its citation needs.
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct QueueItem {
    #[diesel(select_expression = indicator_fact::id)]
    pub fact_id: i64,
    #[diesel(select_expression = indicator_fact::report_id)]
    pub report_id: i64,
    #[diesel(select_expression = report::kecamatan_code)]
    pub kecamatan_code: String,
    #[diesel(select_expression = kecamatan::name)]
    pub kecamatan: String,
    #[diesel(select_expression = kabupaten::name)]
    pub kabupaten: String,
    #[diesel(select_expression = indicator_fact::tahun)]
    pub tahun: i32,
    #[diesel(select_expression = indicator_fact::raw_name)]
    pub name: String,
    #[diesel(select_expression = indicator_fact::target)]
    pub target: Option<Exact>,
    #[diesel(select_expression = indicator_fact::realisasi)]
    pub realisasi: Option<Exact>,
    #[diesel(select_expression = indicator_fact::capaian_reported)]
    pub capaian_reported: Option<Exact>,
    #[diesel(select_expression = indicator_fact::capaian_computed)]
    pub capaian_computed: Option<Exact>,
    #[diesel(select_expression = indicator_fact::confidence)]
    pub confidence: Option<String>,
    #[diesel(select_expression = indicator_fact::confidence_reasons)]
    pub confidence_reasons: String,
    #[diesel(select_expression = indicator_fact::flags)]
    pub flags: String,
    #[diesel(select_expression = indicator_fact::lines)]
    pub lines: String,
    #[diesel(select_expression = report::file_name)]
    pub file_name: String,
    #[diesel(select_expression = report::sha256)]
    pub sha256: String,
    #[diesel(select_expression = report::tahun)]
    pub report_tahun: i32,
    #[diesel(select_expression = report::page_starts)]
    pub page_starts: String,
    #[diesel(select_expression = figure_review::requeued.nullable())]
    pub requeued: Option<bool>,
}

/// The review queue of `actor`: figures of current reports in its region that are of low or
/// medium confidence or flagged, not reviewed yet (or queued again by a re-extraction); low
/// confidence first, then medium, then by id.
pub fn queue(conn: &mut DbConnection, actor: &Actor, limit: i64) -> QueryResult<Vec<QueueItem>> {
    let reported_wrong = || {
        diesel::dsl::exists(
            error_report::table
                .filter(error_report::fact_id.eq(indicator_fact::id))
                .filter(error_report::status.eq("open")),
        )
    };
    let mut q = indicator_fact::table
        .inner_join(report::table.inner_join(kecamatan::table.inner_join(kabupaten::table)))
        .left_join(figure_review::table.on(figure_review::fact_id.eq(indicator_fact::id)))
        .filter(report::superseded_by.is_null())
        .filter(report::synthetic.eq(false))
        .filter(
            reported_wrong().or(figure_review::fact_id
                .is_null()
                .or(figure_review::requeued.eq(true))
                .and(
                    indicator_fact::confidence
                        .eq_any(["low", "medium"])
                        .or(indicator_fact::flags.ne("[]")),
                )),
        )
        .into_boxed();
    if let (Role::Reviewer, region) = (actor.role, &actor.region) {
        let region = region.clone().unwrap_or_default();
        q = if region.contains('.') {
            q.filter(kecamatan::kabupaten_code.eq(region))
        } else {
            q.filter(kabupaten::provinsi_code.eq(region))
        };
    }
    q.order((
        reported_wrong().desc(),
        indicator_fact::confidence.eq("low").desc(),
        indicator_fact::confidence.eq("medium").desc(),
        indicator_fact::id,
    ))
    .limit(limit)
    .select(QueueItem::as_select())
    .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reviewer_acts_on_its_region_only() {
        let kab = Actor {
            reviewer_id: Some(1),
            role: Role::Reviewer,
            region: Some("33.13".to_owned()),
        };
        assert!(kab.may_act_on("33.13.11"));
        assert!(!kab.may_act_on("33.14.01"));
        assert!(!kab.may_act_on("33.131.01"), "a prefix is not a region");
        let prov = Actor {
            region: Some("33".to_owned()),
            ..kab.clone()
        };
        assert!(prov.may_act_on("33.14.01") && !prov.may_act_on("35.20.01"));
        assert!(Actor::bootstrap_admin().may_act_on("35.20.01"));
        let nowhere = Actor {
            region: None,
            ..kab
        };
        assert!(!nowhere.may_act_on("33.13.11"));
    }

    #[test]
    fn published_values_are_the_review_s() {
        let e = |s: &str| s.parse::<Exact>().ok();
        let review = |status: &str, realisasi: Option<Exact>| Review {
            fact_id: 1,
            status: status.to_owned(),
            target: None,
            realisasi,
            capaian: None,
            note: String::new(),
            reviewer_role: "reviewer".to_owned(),
            reviewer_region: None,
            reviewed_at: String::new(),
            requeued: false,
        };
        let extracted = (e("80"), e("83.20"), e("104.00"));
        let of = |r: Option<&Review>| published(r, extracted.0, extracted.1, extracted.2);
        assert_eq!(of(None), [e("80"), e("83.20"), e("104.00")]);
        assert_eq!(of(Some(&review("confirmed", None))), of(None));
        assert_eq!(
            of(Some(&review("corrected", e("84.20")))),
            [e("80"), e("84.20"), e("104.00")]
        );
        assert_eq!(of(Some(&review("withheld", None))), [None, None, None]);
    }
}
