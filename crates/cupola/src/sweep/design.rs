//! The points of a sweep: a grid (the cartesian product of `--set
//! key=v1,v2,…`), a Latin hypercube (`--lhs N --range key=lo:hi`), or both
//! (every grid point with each of the hypercube's points).
//!
//! Order: point `i` is grid point `i / N` with hypercube point `i % N`
//! (N = 1 without a hypercube); in the grid the last `--set` varies
//! fastest and the first slowest, as nested loops in the order the flags
//! are given (NumPy's C order, `itertools.product`). The hypercube is
//! `cupola uncertainty`'s ([`latin_hypercube`]: each dimension its own
//! stream of the seed), so it is a function of N, the number of ranges and
//! the seed alone.

use cupola_analysis::uncertainty::{latin_hypercube, scale, scale_integer};
use cupola_scenario::overrides::Override;

/// The most points a sweep may have. Assumed, 100,000, the bound of
/// `cupola uncertainty --samples`: a dataset keeps one file per point in
/// one directory (100,000 files of about 1 kB), and at the default
/// scenario's 7 core-seconds a point of `--study run` that is some four
/// days of two cores; a larger study is several sweeps.
pub const MAX_POINTS: u64 = 100_000;

/// One axis of the grid: a key and the values it takes, as TOML value
/// text (`500`, `0.6`, `"sensors"`, `[24, 30]`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Axis {
    /// The dotted key path, e.g. `sbi.altitude_km`.
    pub key: String,
    /// Its values in the order given.
    pub values: Vec<String>,
    /// Whether every value is a number (the column is then a number, else
    /// the values' text).
    pub numeric: bool,
}

/// One dimension of the hypercube: a key drawn uniformly over `[low,
/// high]`, in the key's own unit.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Range {
    /// The dotted key path.
    pub key: String,
    /// Low end, in the key's unit.
    pub low: f64,
    /// High end, in the key's unit.
    pub high: f64,
    /// Whether the key is a whole number (drawn with equal shares of the
    /// integers in the range).
    pub integer: bool,
}

/// The Latin hypercube of a sweep.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Hypercube {
    /// Its points.
    pub samples: u32,
    /// The seed its permutations and offsets are drawn from.
    pub seed: u64,
    /// Its dimensions.
    pub ranges: Vec<Range>,
    /// Unit-cube coordinates, `[point][dimension]` (derived from the
    /// above).
    #[serde(skip)]
    unit: Vec<Vec<f64>>,
}

/// A sweep's points (see the module documentation).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Design {
    /// The grid's axes (none: a single grid point).
    pub grid: Vec<Axis>,
    /// The hypercube, if any.
    pub hypercube: Option<Hypercube>,
}

/// The value of one input at one point (in JSON: the number, or the
/// text).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Input {
    /// A number, in the key's unit.
    Number(f64),
    /// A value that is not a number, as its TOML text.
    Text(String),
}

/// One key set at one point: the column value and the override.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    /// The value, as its column holds it.
    pub input: Input,
    /// The override that sets it.
    pub set: Override,
}

/// Split a `--set` value list at the commas outside brackets, braces and
/// quotes, so that `[1, 2],[3, 4]` is two values.
pub fn split_values(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(text[start..i].trim().to_owned());
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    out.push(text[start..].trim().to_owned());
    out
}

/// Whether `text` is a TOML number (integer or float, `inf`, `nan`).
fn is_number(text: &str) -> bool {
    let t = text.trim_start_matches(['+', '-']);
    matches!(t, "inf" | "nan")
        || (t.starts_with(|c: char| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '_' | '.' | 'e' | 'E' | '+' | '-'))
            && t.replace('_', "").parse::<f64>().is_ok())
}

/// The number `text` writes (a TOML number: see [`is_number`]).
fn number(text: &str) -> f64 {
    text.replace('_', "").parse().unwrap_or(f64::NAN)
}

impl Design {
    /// The design of `sets` (each `KEY.PATH=V1,V2,…`; one value: a plain
    /// override, returned apart to be applied to every point), and of
    /// `samples` points over `ranges` (each `KEY.PATH=LOW:HIGH`) drawn with
    /// `seed`; `integer` says whether a key is a whole number.
    ///
    /// # Errors
    ///
    /// A message naming the flag: a `--set` or `--range` that is not
    /// `KEY=…`, an empty value, a range that is not two finite numbers
    /// low < high, a key given twice, `--range` without `--lhs` or the
    /// reverse, more than [`MAX_POINTS`] points.
    pub fn parse(
        sets: &[String],
        samples: Option<u32>,
        ranges: &[String],
        seed: u64,
        integer: &dyn Fn(&str) -> bool,
    ) -> Result<(Self, Vec<Override>), String> {
        let mut fixed = Vec::new();
        let mut grid: Vec<Axis> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut once = |key: &str, flag: &str| {
            if keys.iter().any(|k| k == key) {
                Err(format!(
                    "{flag}: the key {key} is set twice (by --set or --range); give it once"
                ))
            } else {
                keys.push(key.to_owned());
                Ok(())
            }
        };
        for spec in sets {
            let flag = format!("--set {spec}");
            let o = Override::parse(spec).map_err(|e| format!("--set: {e}"))?;
            once(&o.path, &flag)?;
            let values = split_values(&o.value);
            if values.iter().any(String::is_empty) {
                return Err(format!(
                    "{flag}: an empty value; write KEY.PATH=V1,V2,… with a value between each \
                     pair of commas"
                ));
            }
            if values.len() == 1 {
                fixed.push(o);
            } else {
                grid.push(Axis {
                    numeric: values.iter().all(|v| is_number(v)),
                    key: o.path,
                    values,
                });
            }
        }
        let hypercube = match (samples, ranges.is_empty()) {
            (None, true) => None,
            (None, false) => {
                return Err(format!(
                    "--range {}: a range is drawn by a Latin hypercube; give its number of \
                     points with --lhs N",
                    ranges[0]
                ));
            }
            (Some(n), true) => {
                return Err(format!(
                    "--lhs {n}: give the keys to draw with --range KEY.PATH=LOW:HIGH"
                ));
            }
            (Some(0), false) => return Err("--lhs 0: a hypercube needs at least 1 point".into()),
            (Some(n), false) => {
                let mut dims = Vec::new();
                for spec in ranges {
                    let r = range(spec, integer)?;
                    once(&r.key, &format!("--range {spec}"))?;
                    dims.push(r);
                }
                Some((n, dims))
            }
        };
        let grid_points = grid.iter().try_fold(1u64, |n, a| {
            n.checked_mul(a.values.len() as u64)
                .filter(|&n| n <= MAX_POINTS)
        });
        let total = grid_points
            .and_then(|g| g.checked_mul(hypercube.as_ref().map_or(1, |h| u64::from(h.0))));
        if total.is_none_or(|n| n > MAX_POINTS) {
            let mut parts: Vec<String> = grid
                .iter()
                .map(|a| format!("--set {} ({} values)", a.key, a.values.len()))
                .collect();
            if let Some((n, _)) = &hypercube {
                parts.push(format!("--lhs {n}"));
            }
            return Err(format!(
                "{}: more than {MAX_POINTS} points; a sweep has at most {MAX_POINTS} (one file \
                 each in one directory, and days of computing): split it into several sweeps",
                parts.join(" × ")
            ));
        }
        let hypercube = hypercube.map(|(samples, ranges)| Hypercube {
            unit: latin_hypercube(samples as usize, ranges.len(), seed),
            samples,
            seed,
            ranges,
        });
        Ok((Self { grid, hypercube }, fixed))
    }

    /// The number of points.
    pub fn points(&self) -> u64 {
        let grid: u64 = self.grid.iter().map(|a| a.values.len() as u64).product();
        grid * self.hypercube.as_ref().map_or(1, |h| u64::from(h.samples))
    }

    /// The keys it sets, in column order (the grid's, then the
    /// hypercube's), each with whether its column holds numbers.
    pub fn inputs(&self) -> Vec<(&str, bool)> {
        let grid = self.grid.iter().map(|a| (a.key.as_str(), a.numeric));
        let cube = self
            .hypercube
            .iter()
            .flat_map(|h| h.ranges.iter().map(|r| (r.key.as_str(), true)));
        grid.chain(cube).collect()
    }

    /// The settings of point `i` (below [`Design::points`]), in the order of
    /// [`Design::inputs`].
    pub fn point(&self, i: u64) -> Vec<Setting> {
        let per = self.hypercube.as_ref().map_or(1, |h| u64::from(h.samples));
        let (mut g, l) = (i / per, (i % per) as usize);
        let mut out = Vec::new();
        for a in self.grid.iter().rev() {
            let n = a.values.len() as u64;
            let v = &a.values[(g % n) as usize];
            g /= n;
            out.push(Setting {
                input: if a.numeric {
                    Input::Number(number(v))
                } else {
                    Input::Text(v.clone())
                },
                set: Override {
                    path: a.key.clone(),
                    value: v.clone(),
                },
            });
        }
        out.reverse();
        if let Some(h) = &self.hypercube {
            for (r, &u) in h.ranges.iter().zip(&h.unit[l]) {
                let v = if r.integer {
                    scale_integer(u, r.low, r.high)
                } else {
                    scale(u, r.low, r.high)
                };
                out.push(Setting {
                    input: Input::Number(v),
                    set: Override::number(&r.key, v, r.integer),
                });
            }
        }
        out
    }
}

/// A `--range KEY.PATH=LOW:HIGH`.
fn range(spec: &str, integer: &dyn Fn(&str) -> bool) -> Result<Range, String> {
    let flag = format!("--range {spec}");
    let o = Override::parse(spec).map_err(|e| format!("--range: {e}"))?;
    let Some((lo, hi)) = o.value.split_once(':') else {
        return Err(format!(
            "{flag}: expected KEY.PATH=LOW:HIGH, e.g. sbi.altitude_km=300:700"
        ));
    };
    let num = |t: &str| {
        let t = t.trim();
        Some(t)
            .filter(|t| is_number(t))
            .map(number)
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{flag}: `{t}` is not a finite number"))
    };
    let (low, high) = (num(lo)?, num(hi)?);
    if low >= high {
        return Err(format!("{flag}: the low end must be below the high end"));
    }
    let integer = integer(&o.path);
    if integer && (low.fract() != 0.0 || high.fract() != 0.0) {
        return Err(format!(
            "{flag}: {} is a whole number; give whole ends",
            o.path
        ));
    }
    if integer && (low < 0.0 || high > 2f64.powi(53)) {
        return Err(format!(
            "{flag}: {} is a count; give ends from 0 to 2^53",
            o.path
        ));
    }
    Ok(Range {
        key: o.path,
        low,
        high,
        integer,
    })
}

#[cfg(test)]
mod tests;
