//! Flattened JSON rows as Parquet cells: the column types come from the first page's values
//! (figures are JSON strings, so they stay text; see `analytics::export`).

use analytics::export::{Cell, ColumnKind};
use serde_json::{Map, Value};

/// The kind of each column: the first non-null value decides; a column null throughout the
/// first page is text.
pub fn kinds_of(flat: &[Map<String, Value>], columns: &[String]) -> Vec<(String, ColumnKind)> {
    columns
        .iter()
        .map(|name| {
            let first = flat
                .iter()
                .filter_map(|row| row.get(name))
                .find(|v| !v.is_null());
            let kind = match first {
                Some(Value::Bool(_)) => ColumnKind::Boolean,
                Some(Value::Number(n)) if n.is_i64() => ColumnKind::Integer,
                Some(Value::Number(_)) => ColumnKind::Float,
                // Empty on the whole first page (the kecamatan export starts with kecamatan that
                // have no report yet): ids and years are still integers.
                None if name.ends_with("report_id") || name.ends_with("tahun") => {
                    ColumnKind::Integer
                }
                _ => ColumnKind::Text,
            };
            (name.clone(), kind)
        })
        .collect()
}

/// The cells of one row, in the order of the columns; lists are joined with `;` as in CSV.
pub fn cells_of(row: &Map<String, Value>, columns: &[(String, ColumnKind)]) -> Vec<Cell> {
    columns
        .iter()
        .map(|(name, _)| match row.get(name) {
            None | Some(Value::Null) => Cell::Null,
            Some(Value::Bool(b)) => Cell::Boolean(*b),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Cell::Integer)
                .or_else(|| n.as_f64().map(Cell::Float))
                .unwrap_or(Cell::Null),
            Some(Value::String(s)) => Cell::Text(s.clone()),
            Some(Value::Array(items)) => Cell::Text(
                items
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            Some(other @ Value::Object(_)) => Cell::Text(other.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn figures_stay_text_and_counts_integers() {
        let rows = vec![
            json!({"id": 1, "target": "83.20", "lines": [3, 4], "share": 0.5, "history": false, "kode": null}),
        ];
        let flat = crate::respond::flat_rows(&rows);
        let columns = crate::respond::columns_of(&flat);
        let kinds = kinds_of(&flat, &columns);
        let kind = |n: &str| kinds.iter().find(|(c, _)| c == n).unwrap().1;
        assert_eq!(kind("id"), ColumnKind::Integer);
        assert_eq!(kind("target"), ColumnKind::Text);
        assert_eq!(kind("share"), ColumnKind::Float);
        assert_eq!(kind("history"), ColumnKind::Boolean);
        assert_eq!(kind("kode"), ColumnKind::Text);
        let empty = crate::respond::flat_rows(&[
            json!({"source": {"report_id": null}, "latest_tahun": null}),
        ]);
        let empty_kinds = kinds_of(&empty, &crate::respond::columns_of(&empty));
        assert!(
            empty_kinds.iter().all(|(_, k)| *k == ColumnKind::Integer),
            "{empty_kinds:?}"
        );
        let cells = cells_of(&flat[0], &kinds);
        assert_eq!(cells[1], Cell::Text("83.20".to_owned()));
        assert_eq!(cells[2], Cell::Text("3;4".to_owned()));
        assert_eq!(cells[5], Cell::Null);
    }
}
