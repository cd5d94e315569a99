//! Path templates against the paths pages print: `{name}` placeholders, the template's
//! variables, and the values a concrete path gives them.

use indexmap::IndexMap;

/// The name inside `{name}`, if the text is a placeholder.
pub fn placeholder(v: &str) -> Option<&str> {
    v.strip_prefix('{').and_then(|v| v.strip_suffix('}'))
}

/// The template's `{name}`s.
pub fn template_vars(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}'))
        .map(|(n, _)| n.to_string())
        .collect()
}

/// Values a concrete path gives for the template's variables, when it fits the template.
pub fn match_path(template: &str, path: &str) -> Option<IndexMap<String, String>> {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut out = IndexMap::new();
    for (a, b) in t.iter().zip(&p) {
        match placeholder(a) {
            Some(n) => {
                out.insert(n.to_string(), b.to_string());
            }
            None if a == b => {}
            None => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_concrete_paths() {
        assert_eq!(template_vars("/v1/{a}/x/{b}"), ["a", "b"]);
        let m = match_path("/v1/{a}/x", "/v1/42/x").expect("fits");
        assert_eq!(m["a"], "42");
        assert_eq!(match_path("/v1/{a}/x", "/v1/42/y"), None);
        assert_eq!(match_path("/v1/{a}", "/v1/4/2"), None);
        assert_eq!(placeholder("{id}"), Some("id"));
        assert_eq!(placeholder("id"), None);
    }
}
