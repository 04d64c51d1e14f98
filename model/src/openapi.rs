//! The OpenAPI schema of [`Exact`], declared once: a JSON string in the canonical decimal form
//! (no exponent, no separators, the printed scale kept).

use std::borrow::Cow;

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

use crate::Exact;

/// The canonical form as a pattern: what `Exact`'s `Display` prints and its `FromStr` takes.
pub const EXACT_PATTERN: &str = "^-?[0-9]+(\\.[0-9]+)?$";

impl utoipa::PartialSchema for Exact {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(EXACT_PATTERN))
            .description(Some(
                "An exact decimal as the report printed it, e.g. `1677707236.00` or `83.20`: \
a string, never a JSON number, so no reader turns it into floating point.",
            ))
            .examples(["83.20"])
            .into()
    }
}

impl utoipa::ToSchema for Exact {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Exact")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::PartialSchema;

    #[test]
    fn an_exact_is_documented_as_a_patterned_string() {
        let schema = serde_json::to_value(Exact::schema()).unwrap_or_default();
        assert_eq!(schema["type"], "string");
        assert_eq!(schema["pattern"], EXACT_PATTERN);
        assert_eq!(schema["examples"][0], "83.20");
    }
}
