//! JSON output.

use crate::ReportError;

/// Serialises `v` as pretty-printed JSON (two-space indent, no trailing newline).
///
/// Non-finite floats become `null`, as serde_json does.
///
/// # Errors
///
/// [`ReportError::Json`] if `v`'s `Serialize` implementation fails (for
/// example a map with non-string keys).
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, ReportError> {
    Ok(serde_json::to_string_pretty(v)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn pretty_prints_structures() {
        let mut m = BTreeMap::new();
        m.insert("altitude_km", vec![1.5, f64::NAN]);
        let s = to_json_pretty(&m).unwrap();
        assert_eq!(s, "{\n  \"altitude_km\": [\n    1.5,\n    null\n  ]\n}");
    }

    #[test]
    fn non_string_keys_are_an_error() {
        let mut m = BTreeMap::new();
        m.insert(vec![1u8], 2);
        let err = to_json_pretty(&m).unwrap_err();
        assert!(matches!(err, ReportError::Json(_)));
        assert!(err.to_string().starts_with("cannot serialise to JSON"));
    }
}
