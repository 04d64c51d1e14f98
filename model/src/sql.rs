//! One diesel SQL type for every reported figure: PostgreSQL `NUMERIC`, SQLite `TEXT` holding the
//! canonical decimal string. Never REAL/f64: `1677707236.00` must come back as it went in.
//! (Here rather than in the warehouse because diesel's derives must sit on `Exact` itself.)

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::data_types::PgNumeric;
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Numeric;
use diesel::sqlite::Sqlite;
use rust_decimal::Decimal;

use crate::Exact;

/// The SQL type of an exact figure column.
#[derive(
    diesel::sql_types::SqlType, diesel::query_builder::QueryId, Clone, Copy, Debug, Default,
)]
#[diesel(postgres_type(oid = 1700, array_oid = 1231))]
#[diesel(sqlite_type(name = "Text"))]
pub struct ExactNumeric;

impl ToSql<ExactNumeric, Pg> for Exact {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        // rust_decimal's conversion keeps the scale, and PostgreSQL's unconstrained NUMERIC
        // stores it: `83.20` comes back as `83.20`. Except for a zero, which it sends with
        // scale 0: a reported or computed `0.00` would come back as `0`.
        let value = self.value();
        let mut numeric = PgNumeric::from(&value);
        if let PgNumeric::Positive { scale, .. } | PgNumeric::Negative { scale, .. } = &mut numeric
        {
            if value.is_zero() {
                *scale = u16::try_from(value.scale()).unwrap_or(u16::MAX);
            }
        }
        <PgNumeric as ToSql<Numeric, Pg>>::to_sql(&numeric, &mut out.reborrow())
    }
}

impl FromSql<ExactNumeric, Pg> for Exact {
    fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        let mut value = <Decimal as FromSql<Numeric, Pg>>::from_sql(bytes)?;
        // rust_decimal drops the display scale of a zero (`0.00` has no digits to carry it);
        // the binary header still holds it, so a reported `0.00` comes back as `0.00`.
        let display_scale = numeric_display_scale(bytes.as_bytes());
        if value.scale() < display_scale {
            value.rescale(display_scale);
        }
        Ok(Exact::new(value))
    }
}

/// The `dscale` field of PostgreSQL's binary NUMERIC (after ndigits, weight and sign, each 16
/// bits), capped at the largest scale a `Decimal` holds.
fn numeric_display_scale(bytes: &[u8]) -> u32 {
    match bytes.get(6..8) {
        Some(&[high, low]) => u32::from(u16::from_be_bytes([high, low])).min(28),
        _ => 0,
    }
}

impl ToSql<ExactNumeric, Sqlite> for Exact {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.to_string());
        Ok(IsNull::No)
    }
}

impl FromSql<ExactNumeric, Sqlite> for Exact {
    fn from_sql(mut bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        // Parsed in place: a refresh reads ~700,000 figures, each copy into a String is waste.
        Ok(bytes.read_text().parse::<Exact>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::numeric_display_scale;

    #[test]
    fn the_display_scale_is_read_from_the_numeric_header() {
        // ndigits 0, weight 0, sign positive, dscale 2: PostgreSQL's `0.00`.
        assert_eq!(numeric_display_scale(&[0, 0, 0, 0, 0, 0, 0, 2]), 2);
        assert_eq!(numeric_display_scale(&[0, 0, 0, 0, 0, 0, 0, 200]), 28);
        assert_eq!(numeric_display_scale(&[0, 0]), 0);
    }
}
