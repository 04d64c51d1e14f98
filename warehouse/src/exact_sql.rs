//! The exact-figure SQL type (`model::sql::ExactNumeric`) on the two-backend connection.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::HasSqlType;
use model::sql::ExactNumeric;
use model::Exact;

use crate::connection::MultiBackend;

impl HasSqlType<ExactNumeric> for MultiBackend {
    fn metadata(lookup: &mut Self::MetadataLookup) -> Self::TypeMetadata {
        MultiBackend::lookup_sql_type::<ExactNumeric>(lookup)
    }
}

impl ToSql<ExactNumeric, MultiBackend> for Exact {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((ExactNumeric, self));
        Ok(IsNull::No)
    }
}

impl FromSql<ExactNumeric, MultiBackend> for Exact {
    fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        bytes.from_sql::<Exact, ExactNumeric>()
    }
}
