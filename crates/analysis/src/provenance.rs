//! Provenance carried by every result: what produced it, from what input.

/// Where a result came from, so it can be reproduced.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    /// cupola version.
    pub tool_version: String,
    /// Git commit of the build, when known.
    pub git_hash: Option<String>,
    /// Name of the scenario source (a file path or `<built-in default>`).
    pub scenario: String,
    /// Hash of the scenario text (hex).
    pub scenario_hash: String,
    /// Master random seed.
    pub seed: u64,
    /// Monte Carlo trials of the main result: the engagement's trials, else
    /// the stability study's trials per posture, else the sizing study's
    /// launch-time samples per candidate (zero for deterministic studies).
    pub trials: u64,
}
