//! The registry of scenario keys: every default that is a claim about the
//! world carries a citation or `assumed`, with a low–high range and the
//! reason for it; every other default is marked a setting.

use cupola_scenario::key::{KeyDefault, Source, tables};

/// Walk every described key: a default value is a setting, or cited or
/// assumed with a complete range that holds it.
#[test]
fn every_default_has_a_basis_and_every_claim_a_range() {
    let mut bad = Vec::new();
    for (table, keys) in tables() {
        for k in *keys {
            let name = format!("[{table}] {}", k.name);
            let value = match k.default {
                KeyDefault::Required | KeyDefault::Absent => None,
                KeyDefault::Number(v) => Some(Some(v)),
                #[allow(clippy::cast_precision_loss)]
                KeyDefault::Integer(v) => Some(Some(v as f64)),
                KeyDefault::Text(_) | KeyDefault::Bool(_) => Some(None),
            };
            let basis = k.basis();
            match (value, k.source) {
                (Some(_), Source::Input) => bad.push(format!("{name}: a default without a basis")),
                (_, Source::Cited(_) | Source::Assumed) => {
                    let Some(u) = k.uncertainty else {
                        bad.push(format!("{name}: cited or assumed without a range"));
                        continue;
                    };
                    if !basis.is_complete() || u.reason.trim().is_empty() {
                        bad.push(format!("{name}: incomplete basis"));
                    }
                    if u.reason.contains("illustrative") || u.reason.contains("not documented") {
                        bad.push(format!("{name}: a range without a reason: {}", u.reason));
                    }
                    if let Some(Some(v)) = value
                        && !(u.low <= v && v <= u.high)
                    {
                        bad.push(format!("{name}: default {v} outside {}–{}", u.low, u.high));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(bad.is_empty(), "{} keys:\n{}", bad.len(), bad.join("\n"));
}
