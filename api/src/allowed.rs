//! The methods each path takes, read from the OpenAPI document (the one route list): what a
//! 405 and an OPTIONS answer name in `Allow`.

use std::sync::LazyLock;

use utoipa::openapi::path::PathItem;

/// A documented path split at `/`; `None` stands for a `{parameter}` segment.
type Template = Vec<Option<String>>;

fn template(path: &str) -> Template {
    path.split('/')
        .map(|segment| {
            (!(segment.starts_with('{') && segment.ends_with('}'))).then(|| segment.to_owned())
        })
        .collect()
}

/// `GET, HEAD, POST, DELETE, OPTIONS`, in that order, of the methods the item documents.
fn allow_of(item: &PathItem) -> String {
    let mut methods = Vec::new();
    if item.get.is_some() {
        methods.extend(["GET", "HEAD"]);
    }
    if item.post.is_some() {
        methods.push("POST");
    }
    if item.put.is_some() {
        methods.push("PUT");
    }
    if item.patch.is_some() {
        methods.push("PATCH");
    }
    if item.delete.is_some() {
        methods.push("DELETE");
    }
    methods.push("OPTIONS");
    methods.join(", ")
}

fn matches(template: &Template, path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    segments.len() == template.len()
        && template
            .iter()
            .zip(&segments)
            .all(|(t, s)| t.as_deref().map_or(!s.is_empty(), |t| t == *s))
}

/// The `Allow` value of a request path: the documented methods of the first path template it
/// matches (a literal segment before a parameter, as actix matches), or GET for any other path
/// (the dashboard's pages and files).
pub fn methods_of(path: &str) -> String {
    static TEMPLATES: LazyLock<Vec<(Template, String)>> = LazyLock::new(|| {
        let mut templates: Vec<(Template, String)> = crate::openapi::document()
            .paths
            .paths
            .iter()
            .map(|(path, item)| (template(path), allow_of(item)))
            .collect();
        // Literal paths first: `/api/v1/kecamatan/{code}` must not hide a literal sibling.
        templates.sort_by_key(|(t, _)| t.iter().filter(|s| s.is_none()).count());
        templates
    });
    TEMPLATES
        .iter()
        .find(|(t, _)| matches(t, path))
        .map_or_else(
            || "GET, HEAD, OPTIONS".to_owned(),
            |(_, allow)| allow.clone(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_names_the_methods_it_takes() {
        assert_eq!(methods_of("/api/v1/reports"), "GET, HEAD, POST, OPTIONS");
        assert_eq!(
            methods_of("/api/v1/session"),
            "GET, HEAD, POST, DELETE, OPTIONS"
        );
        assert_eq!(methods_of("/api/v1/error-reports"), "POST, OPTIONS");
        assert_eq!(methods_of("/api/v1/facts/12/review"), "POST, OPTIONS");
        assert_eq!(methods_of("/api/v1/facts"), "GET, HEAD, OPTIONS");
        assert_eq!(methods_of("/kecamatan/33.13.11"), "GET, HEAD, OPTIONS");
        assert_eq!(methods_of("/api/v1/facts//review"), "GET, HEAD, OPTIONS");
    }
}
