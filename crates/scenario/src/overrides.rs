//! Setting scenario keys by dotted path (`sbi.budget.decision_s = 45`,
//! `engage.terminal[0].pk = 0.6`) and reading the edited scenario with the
//! same validation as a file; and the list of a scenario's varied
//! assumptions: every key whose descriptor carries an uncertainty range, at
//! each place the scenario has its table (see [`assumptions`]).
//!
//! A path is a run of keys joined by dots; a key naming an array of tables
//! (`[[engage.terminal]]`, `[[area]]`) takes a zero-based index in
//! brackets. The value is a TOML value (`45`, `0.6`, `"sensors"`, `[1, 2]`);
//! text that is not one is taken as a string.

use std::fmt;
use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

use crate::key::{Basis, KeyDefault, KeyKind, Source};
use crate::problem::ScenarioError;
use crate::{Scenario, parse_with_base};

mod registry;

pub use registry::registry_assumptions;

/// One key set to a value: `path` (dotted, with `[i]` after an array of
/// tables) and `value` (TOML value text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The dotted key path, e.g. `sbi.budget.decision_s`.
    pub path: String,
    /// The value as TOML text, e.g. `45.0`.
    pub value: String,
}

impl Override {
    /// `path` set to the number `v` (an integer literal when `integer`).
    pub fn number(path: &str, v: f64, integer: bool) -> Self {
        let value = if integer {
            format!("{}", v.round().max(0.0) as u64)
        } else {
            format!("{v:?}")
        };
        Self {
            path: path.to_owned(),
            value,
        }
    }

    /// Read `key.path=value` (as given to `--set`).
    ///
    /// # Errors
    ///
    /// [`ScenarioError::Override`] when there is no `=` or the path is empty.
    pub fn parse(spec: &str) -> Result<Self, ScenarioError> {
        let Some((path, value)) = spec.split_once('=') else {
            return Err(problem(
                spec,
                "expected KEY.PATH=VALUE, e.g. sbi.budget.decision_s=45",
            ));
        };
        let path = path.trim();
        if path.is_empty() {
            return Err(problem(spec, "the key path is empty"));
        }
        Ok(Self {
            path: path.to_owned(),
            value: value.trim().to_owned(),
        })
    }
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.path, self.value)
    }
}

fn problem(setting: &str, message: impl Into<String>) -> ScenarioError {
    ScenarioError::Override {
        setting: setting.to_owned(),
        message: message.into(),
    }
}

/// One step of a path: a key, and an index when it names an array of tables.
pub(crate) struct Step<'a> {
    pub(crate) key: &'a str,
    pub(crate) index: Option<usize>,
}

/// The steps of `path`, or why it is not a key path.
pub(crate) fn steps(path: &str) -> Result<Vec<Step<'_>>, String> {
    path.split('.')
        .map(|part| {
            let (key, index) = match part.split_once('[') {
                None => (part, None),
                Some((key, rest)) => {
                    let n = rest
                        .strip_suffix(']')
                        .and_then(|n| n.parse::<usize>().ok())
                        .ok_or_else(|| format!("`{part}`: an index is written `key[0]`"))?;
                    (key, Some(n))
                }
            };
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(format!("`{part}` is not a key"));
            }
            Ok(Step { key, index })
        })
        .collect()
}

/// "there is only 1 of these tables", "there are only 3 …".
pub(crate) fn only(n: usize) -> String {
    if n == 1 {
        "there is only 1 of these tables (index 0)".into()
    } else {
        format!("there are only {n} of these tables (indices from 0)")
    }
}

/// Why `key[i]` cannot be set when `key` is an array of values.
fn values_not_tables(key: &str) -> String {
    format!(
        "`{key}` is an array of values, not of tables: an index picks a table; \
         set the whole array instead (a path ending in `{key}`, a value such as `[24, 30]`)"
    )
}

/// The `index`-th table of the array of tables `item` (named `key`).
fn element<'a>(
    item: &'a mut Item,
    key: &str,
    index: usize,
) -> Result<&'a mut dyn TableLike, String> {
    let values = || values_not_tables(key);
    match item {
        Item::ArrayOfTables(a) => {
            let n = a.len();
            a.get_mut(index)
                .map(|t| t as &mut dyn TableLike)
                .ok_or_else(|| only(n))
        }
        Item::Value(Value::Array(a)) => {
            let n = a.len();
            let tables = a.iter().all(|v| v.is_inline_table());
            match a.get_mut(index) {
                Some(Value::InlineTable(t)) => Ok(t),
                Some(_) => Err(values()),
                None if tables => Err(only(n)),
                None => Err(values()),
            }
        }
        Item::Value(_) => Err(format!("`{key}` is a value, not an array of tables")),
        _ => Err(format!("`{key}` is a table, not an array of tables")),
    }
}

/// The value of an override as TOML (a bare word that is not TOML is
/// taken as a string); a number TOML cannot hold is an error.
fn toml_value(text: &str) -> Result<Value, String> {
    if let Ok(v) = text.parse::<Value>() {
        return Ok(v);
    }
    let digits = text.trim_start_matches(['+', '-']);
    if digits.starts_with(|c: char| c.is_ascii_digit())
        && text.replace('_', "").parse::<f64>().is_ok()
    {
        return Err(format!(
            "`{text}` is a number out of range: it overflows a 64-bit {}",
            if text.contains(['.', 'e', 'E']) {
                "float"
            } else {
                "integer (write a decimal point for a float)"
            }
        ));
    }
    Ok(Value::from(text))
}

fn set(table: &mut dyn TableLike, steps: &[Step<'_>], value: Value) -> Result<(), String> {
    let Some((step, rest)) = steps.split_first() else {
        return Err("the key path is empty".into());
    };
    if rest.is_empty() {
        if step.index.is_some() {
            return Err(match table.get(step.key) {
                Some(Item::Value(Value::Array(a))) if !a.iter().all(|v| v.is_inline_table()) => {
                    values_not_tables(step.key)
                }
                Some(Item::Value(_)) => {
                    format!("`{}` is a value, not an array of tables", step.key)
                }
                _ => "the path must end in a key, not an index".into(),
            });
        }
        match table.get_mut(step.key) {
            Some(Item::Value(old)) => {
                let decor = old.decor().clone();
                *old = value;
                *old.decor_mut() = decor;
            }
            Some(Item::None) | None => {
                table.insert(step.key, Item::Value(value));
            }
            Some(_) => return Err(format!("`{}` is a table, not a value", step.key)),
        }
        return Ok(());
    }
    let item = match (table.get_mut(step.key).is_some(), step.index) {
        (true, _) => table.get_mut(step.key),
        (false, None) => Some(table.entry(step.key).or_insert(Item::Table(Table::new()))),
        (false, Some(_)) => None,
    }
    .ok_or_else(|| format!("the scenario has no `{}` tables", step.key))?;
    let next: &mut dyn TableLike = match step.index {
        Some(i) => element(item, step.key, i).map_err(|e| format!("`{}[{i}]`: {e}", step.key))?,
        None => item
            .as_table_like_mut()
            .ok_or_else(|| format!("`{}` is a value, not a table", step.key))?,
    };
    set(next, rest, value)
}

/// `text` with every override applied in turn, as TOML text (comments and
/// layout kept). A key absent from its table is added; an absent table on
/// the way is created (an absent array-of-tables element is an error).
///
/// # Errors
///
/// [`ScenarioError::Override`] naming the override that cannot be applied
/// (a bad path, an index past the end, a value where a table is needed);
/// [`ScenarioError::Invalid`] when `text` itself is not TOML.
pub fn edit(
    source_name: &str,
    text: &str,
    overrides: &[Override],
) -> Result<String, ScenarioError> {
    let mut doc: DocumentMut = match text.parse() {
        Ok(d) => d,
        // Not TOML: the reader locates the syntax error.
        Err(_) => {
            return Err(crate::parse(source_name, text)
                .err()
                .unwrap_or_else(|| problem(source_name, "the scenario is not TOML")));
        }
    };
    for o in overrides {
        let steps = steps(&o.path).map_err(|e| problem(&o.to_string(), e))?;
        let value = toml_value(&o.value).map_err(|e| problem(&o.to_string(), e))?;
        set(doc.as_table_mut(), &steps, value).map_err(|e| problem(&o.to_string(), e))?;
    }
    Ok(doc.to_string())
}

/// The scenario `text` with `overrides` applied, read and validated as a
/// file is ([`parse_with_base`], catalog files relative to `base_dir`).
/// Problems the edited scenario has are located in the edited text, which
/// is named `SOURCE with PATH=VALUE, …` so that every message names the
/// overrides.
///
/// # Errors
///
/// As [`edit`], then as [`parse_with_base`].
pub fn apply(
    source_name: &str,
    text: &str,
    base_dir: Option<&Path>,
    overrides: &[Override],
) -> Result<Scenario, ScenarioError> {
    if overrides.is_empty() {
        return parse_with_base(source_name, text, base_dir);
    }
    let (registry, keys): (Vec<Override>, Vec<Override>) =
        overrides.iter().cloned().partition(registry::is_registry);
    let names: Vec<String> = overrides.iter().map(Override::to_string).collect();
    let name = format!("{source_name} with {}", names.join(", "));
    let mut scenario = if keys.is_empty() {
        parse_with_base(source_name, text, base_dir)?
    } else {
        let edited = edit(source_name, text, &keys)?;
        parse_with_base(&name, &edited, base_dir)?
    };
    for o in &registry {
        registry::set(&mut scenario, o).map_err(|e| problem(&o.to_string(), e))?;
    }
    scenario.source_name = name;
    Ok(scenario)
}

/// Whether `o` names a value of the registry (a path rooted at
/// `catalog.` or `preset.`) rather than a key of the file: such a value
/// is set in the scenario read, not written into its text.
pub fn is_registry(o: &Override) -> bool {
    registry::is_registry(o)
}

/// The text of the scenario file at `path`, read as [`crate::load`] reads
/// it (a regular UTF-8 file of at most [`crate::MAX_SCENARIO_BYTES`]), to
/// be edited by [`apply`] (with `path`'s directory as its base).
///
/// # Errors
///
/// [`ScenarioError::Io`] naming the path.
pub fn read_text(path: &Path) -> Result<String, ScenarioError> {
    crate::read::read_text(path, crate::MAX_SCENARIO_BYTES).map_err(|e| ScenarioError::Io {
        path: path.to_owned(),
        source: e.into(),
    })
}

/// One assumption of a scenario that can be varied: a numeric key whose
/// descriptor carries an uncertainty range, at one place its table occurs
/// ([`assumptions`]); or a number of a catalog missile the scenario
/// launches or an input of the cost preset it prices, with the range its
/// registry entry gives ([`registry_assumptions`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Varied {
    /// The full path, e.g. `engage.terminal[0].pk`,
    /// `catalog.solid-icbm.stage[0].burn_time_s`,
    /// `preset.cbo-2026.unit_cost_musd`.
    pub path: String,
    /// The unit of the value (empty when dimensionless).
    pub unit: &'static str,
    /// Whether the value is a whole number.
    pub integer: bool,
    /// The basis of the default (a key's descriptor, a registry entry):
    /// its source, and the range with its reason.
    pub basis: Basis,
    /// The value the scenario uses, in its unit: the one written, or the
    /// default.
    pub nominal: f64,
    /// Low end of the range varied over, in the key's unit.
    pub low: f64,
    /// High end of the range varied over, in the key's unit.
    pub high: f64,
    /// Whether the file writes the key (else its default is used; never
    /// for a registry value).
    pub written: bool,
}

impl Varied {
    /// `path` set to `v` (rounded for integer keys).
    pub fn set(&self, v: f64) -> Override {
        Override::number(&self.path, v, self.integer)
    }

    /// `cited` or `assumed`, as tables print the basis.
    pub fn marker(&self) -> &'static str {
        match self.basis.source {
            Source::Cited(_) => "cited",
            _ => "assumed",
        }
    }

    /// Why the range is what it is.
    pub fn reason(&self) -> &'static str {
        self.basis.uncertainty.map_or("", |u| u.reason)
    }
}

/// Every table the path `steps` reaches from `table`, by its indexed path.
fn instances<'t>(
    table: &'t dyn TableLike,
    steps: &[&str],
    prefix: &str,
    out: &mut Vec<(String, &'t dyn TableLike)>,
) {
    let Some((step, rest)) = steps.split_first() else {
        out.push((prefix.to_owned(), table));
        return;
    };
    let join = |s: String| {
        if prefix.is_empty() {
            s
        } else {
            format!("{prefix}.{s}")
        }
    };
    match table.get(step) {
        Some(Item::ArrayOfTables(a)) => {
            for (i, t) in a.iter().enumerate() {
                instances(t, rest, &join(format!("{step}[{i}]")), out);
            }
        }
        Some(Item::Value(Value::Array(a))) => {
            for (i, v) in a.iter().enumerate() {
                if let Value::InlineTable(t) = v {
                    instances(t, rest, &join(format!("{step}[{i}]")), out);
                }
            }
        }
        Some(item) => {
            if let Some(t) = item.as_table_like() {
                instances(t, rest, &join((*step).to_owned()), out);
            }
        }
        None => {}
    }
}

/// The assumptions of the scenario `text` that can be varied, in registry
/// order: for every described table the scenario has (each element of an
/// array of tables apart), every number or integer key with an uncertainty
/// range in its descriptor, written or not; its nominal value is the one
/// written, else the default (a tracking layer's or radar's
/// `reporting_latency_s` takes its own default and range, 0 s in 0–20 s). Keys without a numeric default that the file
/// leaves out, and keys written as arrays, are not varied.
///
/// # Errors
///
/// [`ScenarioError::Invalid`] when `text` is not TOML.
pub fn assumptions(source_name: &str, text: &str) -> Result<Vec<Varied>, ScenarioError> {
    let doc: DocumentMut = text.parse().map_err(|_| {
        crate::parse(source_name, text)
            .err()
            .unwrap_or_else(|| problem(source_name, "the scenario is not TOML"))
    })?;
    let mut out = Vec::new();
    for (table, keys) in crate::key::tables() {
        if *table == "top level" {
            continue;
        }
        let steps: Vec<&str> = table.split('.').collect();
        let mut found = Vec::new();
        instances(doc.as_table(), &steps, "", &mut found);
        for (prefix, t) in found {
            for key in keys.iter() {
                let Some(u) = key.uncertainty else { continue };
                if !matches!(
                    key.kind,
                    KeyKind::Number | KeyKind::Integer | KeyKind::Numbers
                ) {
                    continue;
                }
                let written = t.get(key.name).and_then(Item::as_value);
                // A default and range that depend on the table's kind.
                let by_kind = if *table == "sensor" {
                    crate::sensor::read::kind_default(key.name, t)
                } else {
                    None
                };
                let (low, high) = by_kind.map_or((u.low, u.high), |(_, lo, hi)| (lo, hi));
                let nominal = match (written, key.default, by_kind) {
                    (Some(Value::Float(f)), _, _) => Some(*f.value()),
                    (Some(Value::Integer(i)), _, _) => Some(*i.value() as f64),
                    (Some(_), _, _) => None,
                    (None, _, Some((d, _, _))) => Some(d),
                    (None, KeyDefault::Number(v), None) => Some(v),
                    (None, KeyDefault::Integer(v), None) => Some(v as f64),
                    (None, _, None) => None,
                };
                let Some(nominal) = nominal else { continue };
                out.push(Varied {
                    path: format!("{prefix}.{}", key.name),
                    unit: key.unit,
                    integer: key.kind == KeyKind::Integer,
                    basis: key.basis(),
                    nominal,
                    low,
                    high,
                    written: written.is_some(),
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
