//! The change log of published figures (`figure_change`): what a re-extraction or a
//! superseding report changed, figure by figure and field by field, with its cause.
//!
//! A figure is named by a key that stays the same across extractions of the same document
//! (see [`Figure::key`]), so that the figures before and after can be paired.

use std::collections::HashMap;

use diesel::prelude::*;
use model::Exact;

use crate::connection::DbConnection;
use crate::insert_all;
use crate::schema::{budget_line, figure_change, indicator_fact, report};
use crate::views::budget::{BudgetLineRow, BudgetTotals};
use crate::views::facts::FigureRow;

/// Cause of the figures of a report that replaced an older one for the same kecamatan-year.
pub const CAUSE_NEW_REPORT: &str = "new report";

/// One published figure of a report: its fields as canonical text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// `indicator:<name as printed>:<tahun>` (`history:` for earlier years printed beside
    /// them), `budget:total`, `budget:<level>:<kode, or name>`; a second figure with the same
    /// key in one report gets `#2`, and so on.
    pub key: String,
    pub fact_id: Option<i64>,
    pub concept_key: Option<String>,
    pub fields: Vec<(&'static str, Option<String>)>,
    /// The figure's flags, as the JSON list stored.
    pub flags: String,
}

/// One field of one figure that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub figure: String,
    pub fact_id: Option<i64>,
    pub concept_key: Option<String>,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub flags_before: String,
    pub flags_after: String,
}

/// The key of an indicator figure (before de-duplication).
pub(crate) fn fact_key(is_history: bool, raw_name: &str, tahun: i32) -> String {
    let kind = if is_history { "history" } else { "indicator" };
    format!("{kind}:{raw_name}:{tahun}")
}

/// Makes keys unique within a report, in order: the n-th repeat of a key gets `#n`.
pub(crate) fn unique_keys(keys: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    keys.into_iter()
        .map(|key| {
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                key
            } else {
                format!("{key}#{n}")
            }
        })
        .collect()
}

fn text(value: Option<Exact>) -> Option<String> {
    value.map(|v| v.to_string())
}

/// The published figures of a stored report: its indicator figures, its budget total and its
/// budget lines, in report order.
pub fn figures_of(conn: &mut DbConnection, report_id: i64) -> QueryResult<Vec<Figure>> {
    let facts: Vec<FigureRow> = indicator_fact::table
        .filter(indicator_fact::report_id.eq(report_id))
        .order(indicator_fact::position)
        .select(FigureRow::as_select())
        .load(conn)?;
    let keys = unique_keys(
        facts
            .iter()
            .map(|f| fact_key(f.fact.is_history, &f.fact.raw_name, f.fact.tahun)),
    );
    let mut out: Vec<Figure> = facts
        .into_iter()
        .zip(keys)
        .map(|(FigureRow { id, fact: f }, key)| Figure {
            key,
            fact_id: Some(id),
            concept_key: f.concept_key.clone(),
            fields: vec![
                ("concept", f.concept_key),
                ("direction", f.direction),
                ("target", text(f.target)),
                ("realisasi", text(f.realisasi)),
                ("capaian_reported", text(f.capaian_reported)),
                ("capaian_computed", text(f.capaian_computed)),
            ],
            flags: f.flags,
        })
        .collect();
    let total: BudgetTotals = report::table
        .find(report_id)
        .select(BudgetTotals::as_select())
        .first(conn)?;
    out.push(Figure {
        key: "budget:total".to_owned(),
        fact_id: None,
        concept_key: None,
        fields: vec![
            ("pagu", text(total.budget_pagu)),
            ("realisasi", text(total.budget_realisasi)),
            ("serapan_reported", text(total.budget_serapan_reported)),
            ("serapan_computed", text(total.budget_serapan_computed)),
        ],
        flags: "[]".to_owned(),
    });
    let lines: Vec<BudgetLineRow> = budget_line::table
        .filter(budget_line::report_id.eq(report_id))
        .order(budget_line::position)
        .select(BudgetLineRow::as_select())
        .load(conn)?;
    let keys = unique_keys(lines.iter().map(|BudgetLineRow { item: l, .. }| {
        let id = l.kode.as_deref().unwrap_or(&l.name);
        format!("budget:{}:{id}", l.level)
    }));
    out.extend(
        lines
            .into_iter()
            .zip(keys)
            .map(|(BudgetLineRow { item: l, .. }, key)| Figure {
                key,
                fact_id: None,
                concept_key: None,
                fields: vec![
                    ("pagu", text(l.pagu)),
                    ("realisasi", text(l.realisasi)),
                    ("serapan_reported", text(l.serapan_reported)),
                    ("program_code", l.program_code),
                ],
                flags: l.flags,
            }),
    );
    Ok(out)
}

/// What changed from `before` to `after`: one [`Change`] per field whose value differs, per
/// field of a figure that appeared or went away, and one `flags` change for a figure whose
/// flags alone changed.
pub fn diff(before: &[Figure], after: &[Figure]) -> Vec<Change> {
    let old: HashMap<&str, &Figure> = before.iter().map(|f| (f.key.as_str(), f)).collect();
    let new: HashMap<&str, &Figure> = after.iter().map(|f| (f.key.as_str(), f)).collect();
    let mut out = Vec::new();
    for n in after {
        let o = old.get(n.key.as_str()).copied();
        compare(o, Some(n), &mut out);
    }
    for o in before.iter().filter(|o| !new.contains_key(o.key.as_str())) {
        compare(Some(o), None, &mut out);
    }
    out
}

fn compare(old: Option<&Figure>, new: Option<&Figure>, out: &mut Vec<Change>) {
    let Some(any) = new.or(old) else {
        return;
    };
    let field = |f: Option<&Figure>, name: &str| -> Option<String> {
        f.and_then(|f| f.fields.iter().find(|(n, _)| *n == name))
            .and_then(|(_, v)| v.clone())
    };
    let flags = |f: Option<&Figure>| f.map_or_else(|| "[]".to_owned(), |f| f.flags.clone());
    let (flags_before, flags_after) = (flags(old), flags(new));
    let change = |name: &str, old_value: Option<String>, new_value: Option<String>| Change {
        figure: any.key.clone(),
        fact_id: new.and_then(|f| f.fact_id).or(old.and_then(|f| f.fact_id)),
        concept_key: new
            .and_then(|f| f.concept_key.clone())
            .or_else(|| old.and_then(|f| f.concept_key.clone())),
        field: name.to_owned(),
        old_value,
        new_value,
        flags_before: flags_before.clone(),
        flags_after: flags_after.clone(),
    };
    let before = out.len();
    for (name, _) in &any.fields {
        let (a, b) = (field(old, name), field(new, name));
        if a != b {
            out.push(change(name, a, b));
        }
    }
    if out.len() == before && flags_before != flags_after && old.is_some() && new.is_some() {
        out.push(change("flags", None, None));
    }
}

#[derive(Insertable, Debug)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = figure_change)]
struct NewChange {
    report_id: i64,
    previous_report_id: Option<i64>,
    kecamatan_code: String,
    tahun: i32,
    fact_id: Option<i64>,
    figure: String,
    concept_key: Option<String>,
    field: String,
    old_value: Option<String>,
    new_value: Option<String>,
    flags_before: String,
    flags_after: String,
    cause: String,
    revision: i32,
    data_version: i64,
    changed_at: String,
}

/// Where and why a set of changes happened.
pub struct ChangeContext<'a> {
    pub report_id: i64,
    pub previous_report_id: Option<i64>,
    pub cause: &'a str,
}

/// Writes changes to the log. Call inside the transaction that made them, after
/// `mark_warehouse_changed`, so that `data_version` names the state they produced.
pub fn record(
    conn: &mut DbConnection,
    context: &ChangeContext<'_>,
    changes: &[Change],
) -> QueryResult<usize> {
    if changes.is_empty() {
        return Ok(0);
    }
    let (kecamatan_code, tahun, revision): (String, i32, i32) = report::table
        .find(context.report_id)
        .select((report::kecamatan_code, report::tahun, report::revision))
        .first(conn)?;
    let data_version = crate::version::data_version(conn)?.warehouse;
    let changed_at = crate::load::now_rfc3339();
    let rows: Vec<NewChange> = changes
        .iter()
        .map(|c| NewChange {
            report_id: context.report_id,
            previous_report_id: context.previous_report_id,
            kecamatan_code: kecamatan_code.clone(),
            tahun,
            fact_id: c.fact_id,
            figure: c.figure.clone(),
            concept_key: c.concept_key.clone(),
            field: c.field.clone(),
            old_value: c.old_value.clone(),
            new_value: c.new_value.clone(),
            flags_before: c.flags_before.clone(),
            flags_after: c.flags_after.clone(),
            cause: context.cause.to_owned(),
            revision,
            data_version,
            changed_at: changed_at.clone(),
        })
        .collect();
    insert_all!(conn, figure_change::table, rows, 16)
}

/// Logs what a new report changed against the report it superseded (cause `new report`).
pub(crate) fn record_superseding(
    conn: &mut DbConnection,
    older: i64,
    newer: i64,
) -> QueryResult<usize> {
    let changes = diff(&figures_of(conn, older)?, &figures_of(conn, newer)?);
    record(
        conn,
        &ChangeContext {
            report_id: newer,
            previous_report_id: Some(older),
            cause: CAUSE_NEW_REPORT,
        },
        &changes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(key: &str, target: Option<&str>, flags: &str) -> Figure {
        Figure {
            key: key.to_owned(),
            fact_id: Some(1),
            concept_key: None,
            fields: vec![("target", target.map(str::to_owned))],
            flags: flags.to_owned(),
        }
    }

    #[test]
    fn changes_are_found_field_by_field() {
        let before = [
            figure("a", Some("1"), "[]"),
            figure("b", Some("2"), "[]"),
            figure("gone", Some("3"), "[]"),
        ];
        let after = [
            figure("a", Some("1"), "[]"),
            figure("b", Some("2"), "[\"x\"]"),
            figure("new", Some("4"), "[]"),
        ];
        let changes = diff(&before, &after);
        let seen: Vec<(&str, &str, Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| {
                (
                    c.figure.as_str(),
                    c.field.as_str(),
                    c.old_value.as_deref(),
                    c.new_value.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                ("b", "flags", None, None),
                ("new", "target", None, Some("4")),
                ("gone", "target", Some("3"), None),
            ]
        );
        assert!(diff(&after, &after).is_empty());
    }

    #[test]
    fn repeated_keys_are_numbered() {
        let keys = unique_keys(["a", "b", "a", "a"].map(str::to_owned));
        assert_eq!(keys, ["a", "b", "a#2", "a#3"]);
    }
}
