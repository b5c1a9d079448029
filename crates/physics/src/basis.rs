//! The basis of a value the model uses: a published source, the project's
//! own assumption with the range it may lie in, or a run setting.
//!
//! One type serves every place that holds such values: the scenario key
//! descriptors (`cupola_scenario::key`), the missile catalog
//! (`cupola_threat::catalog`) and the cost presets
//! (`cupola_analysis::cost::presets`), so that `cupola assumptions` lists
//! them side by side.

use serde::Serialize;

/// Where a value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "citation", rename_all = "snake_case")]
pub enum Source {
    /// No default to source: the file states the value (required keys,
    /// names, references to other tables).
    Input,
    /// A run setting or switch, not a claim about the world (sample counts,
    /// seeds, model choices, output options).
    Setting,
    /// A published source: author, year, table or page; where cupola flies
    /// a value other than the source's, the citation says so and why.
    Cited(&'static str),
    /// The project's own assumption; its uncertainty range says how far
    /// it may be off.
    Assumed,
}

/// How far a value may be off: a low–high range in the value's unit, with
/// the reason for it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Uncertainty {
    /// Low end, in the value's unit.
    pub low: f64,
    /// High end, in the value's unit.
    pub high: f64,
    /// Why the range is this wide.
    pub reason: &'static str,
}

/// The basis of one value: its source and, for claims about the world, the
/// range it may lie in.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Basis {
    /// Where the value comes from.
    pub source: Source,
    /// How far it may be off; `None` for inputs and settings, and for cited
    /// values whose source gives no spread.
    pub uncertainty: Option<Uncertainty>,
}

impl Basis {
    /// A value from `citation`, with no spread given.
    pub const fn cited(citation: &'static str) -> Self {
        Self {
            source: Source::Cited(citation),
            uncertainty: None,
        }
    }

    /// A value from `citation` that may lie in `[low, high]` for `reason`.
    pub const fn cited_range(
        citation: &'static str,
        low: f64,
        high: f64,
        reason: &'static str,
    ) -> Self {
        Self {
            source: Source::Cited(citation),
            uncertainty: Some(Uncertainty { low, high, reason }),
        }
    }

    /// The project's assumption, anywhere in `[low, high]` for `reason`.
    pub const fn assumed(low: f64, high: f64, reason: &'static str) -> Self {
        Self {
            source: Source::Assumed,
            uncertainty: Some(Uncertainty { low, high, reason }),
        }
    }

    /// A run setting.
    pub const SETTING: Self = Self {
        source: Source::Setting,
        uncertainty: None,
    };

    /// Whether the value is a claim about the world (cited or assumed),
    /// rather than an input or a setting.
    pub fn is_claim(&self) -> bool {
        matches!(self.source, Source::Cited(_) | Source::Assumed)
    }

    /// Whether the basis is complete: a citation that names something, or
    /// an assumption with an ordered range and a reason. Inputs and
    /// settings need neither.
    pub fn is_complete(&self) -> bool {
        match self.source {
            Source::Input | Source::Setting => true,
            Source::Cited(c) => !c.trim().is_empty(),
            Source::Assumed => self
                .uncertainty
                .is_some_and(|u| u.low <= u.high && !u.reason.trim().is_empty()),
        }
    }

    /// `"cited"`, `"assumed"`, `"setting"` or `"input"`.
    pub fn marker(&self) -> &'static str {
        match self.source {
            Source::Input => "input",
            Source::Setting => "setting",
            Source::Cited(_) => "cited",
            Source::Assumed => "assumed",
        }
    }
}

/// A named value the model uses, in the unit it is written in, with its
/// basis: a key of a scenario, a field of a catalog missile, an input of a
/// cost preset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Datum {
    /// Where the value lives, e.g. `sbi.budget.decision_s` or
    /// `solid-icbm stage 1 burn_time_s`.
    pub key: String,
    /// Which instance it belongs to, when the key alone does not say (e.g.
    /// ``[[sensor]] `geo early warning` ``, ``catalog `solid-icbm` ``); empty
    /// otherwise.
    pub at: String,
    /// The value, in [`Datum::unit`].
    pub value: f64,
    /// Its unit as written (`s`, `kg`, `$M`), empty when dimensionless.
    pub unit: &'static str,
    /// Its basis.
    pub basis: Basis,
    /// For a value the scenario file sets, the source the file gives for
    /// it (its `[sources]` table, or an arsenal's `source`); `None` when
    /// the file gives none, and for values the file does not set.
    pub file_source: Option<String>,
}

impl Datum {
    /// `value` (in `unit`) at `key`, on `basis`.
    pub fn new(key: impl Into<String>, value: f64, unit: &'static str, basis: Basis) -> Self {
        Self {
            key: key.into(),
            at: String::new(),
            value,
            unit,
            basis,
            file_source: None,
        }
    }

    /// Whether the scenario file sets the value without saying where it
    /// comes from: an input with no [`Datum::file_source`].
    pub fn uncited_input(&self) -> bool {
        self.basis.source == Source::Input && self.file_source.is_none()
    }

    /// The same datum, belonging to the instance `at`.
    #[must_use]
    pub fn at(mut self, at: impl Into<String>) -> Self {
        self.at = at.into();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assumption_needs_an_ordered_range_and_a_reason() {
        assert!(Basis::assumed(1.0, 2.0, "why").is_complete());
        assert!(!Basis::assumed(2.0, 1.0, "why").is_complete());
        assert!(!Basis::assumed(1.0, 2.0, " ").is_complete());
        let bare = Basis {
            source: Source::Assumed,
            uncertainty: None,
        };
        assert!(!bare.is_complete());
        assert!(!Basis::cited("").is_complete());
        assert!(Basis::cited("APS 2003, ch. 10").is_complete());
        assert!(Basis::SETTING.is_complete() && !Basis::SETTING.is_claim());
    }
}
