//! The scenarios of `scenarios/literature/`, built in: one per published
//! estimate, each built from that study's published inputs and carrying
//! the figures it publishes in `[[published]]` tables, for
//! `cupola reproduce`.

use crate::{Scenario, ScenarioError, parse};

/// Each literature scenario: its name (the file stem under
/// `scenarios/literature/`) and its text.
pub const LITERATURE: &[(&str, &str)] = &[
    (
        "aps-2003",
        include_str!("../../../scenarios/literature/aps-2003.toml"),
    ),
    (
        "ucs-sbi",
        include_str!("../../../scenarios/literature/ucs-sbi.toml"),
    ),
    (
        "cbo-2025-low",
        include_str!("../../../scenarios/literature/cbo-2025-low.toml"),
    ),
    (
        "cbo-2025-high",
        include_str!("../../../scenarios/literature/cbo-2025-high.toml"),
    ),
    (
        "cbo-2026",
        include_str!("../../../scenarios/literature/cbo-2026.toml"),
    ),
    (
        "aei-2025",
        include_str!("../../../scenarios/literature/aei-2025.toml"),
    ),
    (
        "iron-dome",
        include_str!("../../../scenarios/literature/iron-dome.toml"),
    ),
];

/// The literature scenario called `name` (a file stem of
/// `scenarios/literature/`), parsed with [`parse`] and named by its path
/// in the repository; `None` when there is none of that name.
///
/// # Errors
///
/// As [`parse`] (never for the built-in files: this crate's tests parse
/// them).
pub fn literature(name: &str) -> Option<Result<Scenario, ScenarioError>> {
    LITERATURE
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| parse(&format!("scenarios/literature/{n}.toml"), text))
}

/// The names of the literature scenarios, in the order `--all` runs them.
pub fn literature_names() -> Vec<&'static str> {
    LITERATURE.iter().map(|(n, _)| *n).collect()
}
