//! One diesel SQL type for every reported figure: PostgreSQL `NUMERIC`, SQLite `TEXT` holding the
//! canonical decimal string. Never REAL/f64: `1677707236.00` must come back as it went in.
//! (Here rather than in the warehouse because diesel's derives must sit on `Exact` itself.)

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Numeric, Text};
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
        // stores it: `83.20` comes back as `83.20`.
        <Decimal as ToSql<Numeric, Pg>>::to_sql(&self.value(), &mut out.reborrow())
    }
}

impl FromSql<ExactNumeric, Pg> for Exact {
    fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <Decimal as FromSql<Numeric, Pg>>::from_sql(bytes).map(Exact::new)
    }
}

impl ToSql<ExactNumeric, Sqlite> for Exact {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.to_string());
        Ok(IsNull::No)
    }
}

impl FromSql<ExactNumeric, Sqlite> for Exact {
    fn from_sql(bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, Sqlite>>::from_sql(bytes)?;
        Ok(text.parse::<Exact>()?)
    }
}
