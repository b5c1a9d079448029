//! The generic reader: one call per key reads it, applies the default its
//! [`KeyDescriptor`] gives or reports it missing, and checks its range,
//! reporting every problem with the wording of the descriptor.

use crate::context::{Ctx, Spanned};
use crate::key::{Basis, Bound, KeyDefault, KeyDescriptor, Source};
use crate::missile::shown;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use cupola_physics::basis::Datum;

/// The descriptor used for a key a table does not describe: accepts any
/// value, so that a reader asking for it still reads (a slip the examples'
/// tests catch, never a user's).
const UNDESCRIBED: KeyDescriptor = KeyDescriptor::new("", crate::key::KeyKind::Other(""));

impl TableReader<'_> {
    /// The descriptor of `key`, one of this table's keys.
    pub fn descriptor(&self, key: &str) -> &'static KeyDescriptor {
        debug_assert!(self.doc(key).is_some(), "`{key}` is not described");
        self.doc(key).unwrap_or(&UNDESCRIBED)
    }

    /// `f` with the key's default filled in when absent, or reported
    /// missing when the key is required (then [`Field::Invalid`]).
    fn defaulted<T>(&self, ctx: &mut Ctx, key: &str, f: Field<T>, default: Option<T>) -> Field<T> {
        match (f, self.descriptor(key).default) {
            (Field::Absent, KeyDefault::Required) => {
                self.missing(ctx, key);
                Field::Invalid
            }
            (Field::Absent, _) => match default {
                Some(value) => Field::Given(Spanned {
                    value,
                    span: self.span.clone(),
                }),
                None => Field::Absent,
            },
            (f, _) => f,
        }
    }

    /// Record the value `v` that `key` resolved to (done by
    /// [`TableReader::check`] for every value that passes it), when its
    /// default is a
    /// claim about the world (cited or assumed) or the key carries a range
    /// (a required value such as a kill probability): with the
    /// descriptor's basis when `v` is the default, as an input (keeping the
    /// range) when the file sets another value or cites the value in
    /// `[sources]` (then with that source, and recorded even when the key
    /// has no basis of its own).
    pub fn record(&self, ctx: &mut Ctx, key: &str, v: f64) {
        let d = self.descriptor(key);
        let basis = d.basis();
        // The file's own source for a value it writes (`[sources]`).
        let cited = match self.entry(key) {
            Some(_) => ctx.citation(&self.value_span(key)),
            None => None,
        };
        if !basis.is_claim() && basis.uncertainty.is_none() && cited.is_none() {
            return;
        }
        let default = match d.default {
            KeyDefault::Number(x) => Some(x),
            #[allow(clippy::cast_precision_loss)]
            KeyDefault::Integer(x) => Some(x as f64),
            _ => None,
        };
        let basis = if default == Some(v) && cited.is_none() {
            basis
        } else {
            Basis {
                source: Source::Input,
                ..basis
            }
        };
        let at = if self.what.contains('`') || self.what.contains('#') {
            self.what.clone()
        } else {
            String::new()
        };
        let mut datum = Datum::new(self.path_of(key), v, d.unit, basis).at(at);
        datum.file_source = cited;
        ctx.use_value(self.span.start, datum);
    }

    /// A number key, checked against its descriptor: its default when
    /// absent, reported when required and absent or out of range.
    pub fn num(&self, ctx: &mut Ctx, key: &str) -> Field<f64> {
        let default = match self.descriptor(key).default {
            KeyDefault::Number(v) => Some(v),
            _ => None,
        };
        let f = self.number(ctx, key);
        match self.defaulted(ctx, key, f, default) {
            Field::Given(s) => match self.check(ctx, key, s.clone()) {
                Some(_) => Field::Given(s),
                None => Field::Invalid,
            },
            other => other,
        }
    }

    /// A number key read as written, or its described default when absent
    /// (reported when required and absent), without its range checked:
    /// for keys whose range a caller words on its own.
    pub fn num_unchecked(&self, ctx: &mut Ctx, key: &str) -> Option<Spanned<f64>> {
        let default = match self.descriptor(key).default {
            KeyDefault::Number(v) => Some(v),
            _ => None,
        };
        let f = self.number(ctx, key);
        let v = self.defaulted(ctx, key, f, default).given();
        if let Some(s) = &v {
            self.record(ctx, key, s.value);
        }
        v
    }

    /// An integer key read as written, or its described default when
    /// absent (reported when required and absent), without its range
    /// checked: for keys whose range a caller or a domain type words.
    pub fn int_unchecked(&self, ctx: &mut Ctx, key: &str) -> Option<Spanned<u64>> {
        let default = match self.descriptor(key).default {
            KeyDefault::Integer(v) => Some(v),
            _ => None,
        };
        let f = self.unsigned(ctx, key);
        let v = self.defaulted(ctx, key, f, default).given();
        if let Some(s) = &v {
            #[allow(clippy::cast_precision_loss)]
            self.record(ctx, key, s.value as f64);
        }
        v
    }

    /// [`TableReader::num`]'s value, if given (or defaulted) and valid.
    pub fn get(&self, ctx: &mut Ctx, key: &str) -> Option<f64> {
        self.num(ctx, key).given().map(|s| s.value)
    }

    /// A number, or a non-empty array of numbers, each checked against the
    /// key's range; reported when required and absent.
    pub fn num_list(&self, ctx: &mut Ctx, key: &str) -> Field<Vec<f64>> {
        let f = self.numbers(ctx, key, true);
        self.each_checked(ctx, key, f, |r, ctx, s| r.check(ctx, key, s))
    }

    /// Every element of the list `f` of `key` (its default, none, filled
    /// in, reported when required and absent) through `check`, which
    /// reports its own problem and gives `None`: invalid when any element
    /// is.
    fn each_checked<T, U>(
        &self,
        ctx: &mut Ctx,
        key: &str,
        f: Field<Vec<Spanned<T>>>,
        mut check: impl FnMut(&Self, &mut Ctx, Spanned<T>) -> Option<U>,
    ) -> Field<Vec<U>> {
        match self.defaulted(ctx, key, f, None) {
            Field::Given(list) => {
                let checked: Vec<Option<U>> = list
                    .value
                    .into_iter()
                    .map(|s| check(self, ctx, s))
                    .collect();
                match checked.into_iter().collect() {
                    Some(value) => Field::Given(Spanned {
                        value,
                        span: list.span,
                    }),
                    None => Field::Invalid,
                }
            }
            Field::Absent => Field::Absent,
            Field::Invalid => Field::Invalid,
        }
    }

    /// A non-negative integer key, checked against its descriptor.
    pub fn int(&self, ctx: &mut Ctx, key: &str) -> Field<u64> {
        let default = match self.descriptor(key).default {
            KeyDefault::Integer(v) => Some(v),
            _ => None,
        };
        let f = self.unsigned(ctx, key);
        match self.defaulted(ctx, key, f, default) {
            Field::Given(s) if self.check_int(ctx, key, &s).is_some() => {
                #[allow(clippy::cast_precision_loss)]
                self.record(ctx, key, s.value as f64);
                Field::Given(s)
            }
            Field::Given(_) => Field::Invalid,
            other => other,
        }
    }

    /// [`TableReader::int`]'s value as a `u32`, if given (or defaulted)
    /// and valid.
    pub fn count(&self, ctx: &mut Ctx, key: &str) -> Option<u32> {
        self.int(ctx, key)
            .given()
            .and_then(|s| u32::try_from(s.value).ok())
    }

    /// An integer, or a non-empty array of them, each checked against the
    /// key's range, as `u32`s; reported when required and absent.
    pub fn count_list(&self, ctx: &mut Ctx, key: &str) -> Field<Vec<u32>> {
        let f = self.integers(ctx, key, true);
        self.each_checked(ctx, key, f, |r, ctx, s| r.check_int(ctx, key, &s))
    }

    /// A string key: its default when absent, reported when required and
    /// absent.
    pub fn text(&self, ctx: &mut Ctx, key: &str) -> Field<String> {
        let default = match self.descriptor(key).default {
            KeyDefault::Text(v) => Some(v.to_owned()),
            _ => None,
        };
        let f = self.string(ctx, key);
        self.defaulted(ctx, key, f, default)
    }

    /// A boolean key: its default when absent, reported when required and
    /// absent.
    pub fn flag(&self, ctx: &mut Ctx, key: &str) -> Option<bool> {
        let default = match self.descriptor(key).default {
            KeyDefault::Bool(v) => Some(v),
            _ => None,
        };
        let f = self.bool(ctx, key);
        self.defaulted(ctx, key, f, default)
            .given()
            .map(|s| s.value)
    }

    /// Check the number `s` against the allowed range of `key`, reporting
    /// it with the key's hint when outside.
    pub fn check(&self, ctx: &mut Ctx, key: &str, s: Spanned<f64>) -> Option<f64> {
        let d = self.descriptor(key);
        if d.allowed.contains(s.value) {
            warn_implausible(ctx, d, s.value, &s.span);
            self.record(ctx, key, s.value);
            return Some(s.value);
        }
        let unit = d.unit;
        let (message, label) = match (d.allowed.low, d.allowed.high) {
            (Bound::Exclusive(0.0), Bound::Open) => (
                format!(
                    "`{key}` must be greater than zero, got {} {unit}",
                    shown(s.value)
                ),
                "must be > 0".to_owned(),
            ),
            (Bound::Inclusive(0.0), Bound::Open) => (
                format!(
                    "`{key}` must not be negative, got {} {unit}",
                    shown(s.value)
                ),
                "must be ≥ 0".to_owned(),
            ),
            _ => {
                let range = d.allowed.interval().unwrap_or_else(|| d.allowed.describe());
                let sep = if unit.is_empty() { "" } else { " " };
                (
                    format!(
                        "`{key}` must be in {range}{sep}{unit}, got {}",
                        shown(s.value)
                    ),
                    format!("outside {range}"),
                )
            }
        };
        ctx.report(ProblemKind::InvalidValue, s.span, message, d.hint)
            .relabel(label);
        None
    }

    /// Check the integer `s` against the allowed range of `key`, reporting
    /// it with the key's hint when outside; its value as a `u32` when
    /// inside.
    pub fn check_int(&self, ctx: &mut Ctx, key: &str, s: &Spanned<u64>) -> Option<u32> {
        let d = self.descriptor(key);
        #[allow(clippy::cast_precision_loss)] // counts are far below 2⁵³
        let v = s.value as f64;
        if d.allowed.contains(v) {
            warn_implausible(ctx, d, v, &s.span);
            return u32::try_from(s.value).ok();
        }
        let (message, label) = match (d.allowed.low, d.allowed.high) {
            (Bound::Inclusive(lo), Bound::Open) => (
                format!("`{key}` must be at least {lo}, got {}", s.value),
                format!("must be ≥ {lo}"),
            ),
            _ => {
                let range = d.allowed.interval().unwrap_or_else(|| d.allowed.describe());
                (
                    format!("`{key}` must be in {range}, got {}", s.value),
                    format!("outside {range}"),
                )
            }
        };
        ctx.report(ProblemKind::InvalidValue, s.span.clone(), message, d.hint)
            .relabel(label);
        None
    }
}

/// Warn when `v`, an allowed value of the key `d`, lies outside the key's
/// plausible range: the scenario runs, but the value is probably not meant
/// (a mistyped exponent, a unit slip).
fn warn_implausible(ctx: &mut Ctx, d: &KeyDescriptor, v: f64, span: &crate::context::Span) {
    let Some((lo, hi)) = d.plausible else {
        return;
    };
    if (lo..=hi).contains(&v) {
        return;
    }
    let unit = if d.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", d.unit)
    };
    // Exponent form for values a plain form would spell with many zeros.
    let shown = if v != 0.0 && !(1e-3..1e9).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    };
    ctx.warn(
        span,
        format!(
            "`{}` = {shown}{unit} is outside the plausible range {lo}–{hi}{unit}: check the value \
             and its unit",
            d.name
        ),
    );
}

impl<T> Field<T> {
    /// Where the value is written, if given and well-typed.
    pub fn given_span(&self) -> Option<crate::context::Span> {
        match self {
            Self::Given(s) => Some(s.span.clone()),
            _ => None,
        }
    }

    /// For an optional key: `Some(None)` when absent, `Some(Some(v))` when
    /// given, `None` when invalid (already reported).
    pub fn option(self) -> Option<Option<T>> {
        match self {
            Self::Absent => Some(None),
            Self::Invalid => None,
            Self::Given(s) => Some(Some(s.value)),
        }
    }
}
