//! One description per scenario key: its name, TOML type, unit, default,
//! allowed range (checked by the reader) and plausible physical range, an
//! example, its meaning and the help given when it is out of range, and the
//! basis of its default (a citation, `assumed`, or a run setting) with an
//! uncertainty range. The reader ([`crate::reader::TableReader`]) validates
//! against these descriptors, `docs/scenario.md` is generated from them
//! ([`markdown_table`]), and tools read them through [`tables`].

use std::fmt::Write as _;

/// The TOML type a key takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// A finite number (integers accepted).
    Number,
    /// A non-negative integer.
    Integer,
    /// A number, or a non-empty array of numbers.
    Numbers,
    /// A non-negative integer, or a non-empty array of them.
    Integers,
    /// An array of strings.
    Texts,
    /// A table (`[a.b]`, inline or dotted).
    Table,
    /// An array of tables (`[[a.b]]`).
    Tables,
    /// Anything else, described in words (e.g. "string or table").
    Other(&'static str),
}

impl KeyKind {
    /// How `docs/scenario.md` names the type.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Text => "string",
            Self::Bool => "boolean",
            Self::Number => "number",
            Self::Integer => "integer",
            Self::Numbers => "number or array of numbers",
            Self::Integers => "integer or array of integers",
            Self::Texts => "array of strings",
            Self::Table => "table",
            Self::Tables => "array of tables",
            Self::Other(words) => words,
        }
    }
}

/// What an absent key means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyDefault {
    /// The key must be written.
    Required,
    /// The key may be left out; its absence means something of its own
    /// (described in the key's meaning), not a value.
    Absent,
    /// This number (in the key's unit).
    Number(f64),
    /// This integer.
    Integer(u64),
    /// This string.
    Text(&'static str),
    /// This boolean.
    Bool(bool),
}

/// One end of a numeric range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// No limit on this side.
    Open,
    /// The value may equal the limit.
    Inclusive(f64),
    /// The value must differ from the limit (lie strictly inside).
    Exclusive(f64),
}

/// A numeric range, in the key's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Lower end.
    pub low: Bound,
    /// Upper end.
    pub high: Bound,
}

impl Bounds {
    /// Any value.
    pub const ANY: Self = Self {
        low: Bound::Open,
        high: Bound::Open,
    };

    /// Whether `v` lies in the range.
    pub fn contains(&self, v: f64) -> bool {
        let low = match self.low {
            Bound::Open => true,
            Bound::Inclusive(l) => v >= l,
            Bound::Exclusive(l) => v > l,
        };
        let high = match self.high {
            Bound::Open => true,
            Bound::Inclusive(h) => v <= h,
            Bound::Exclusive(h) => v < h,
        };
        low && high
    }

    /// Interval notation, e.g. `[-5, 90)`; `None` when a side is open.
    pub fn interval(&self) -> Option<String> {
        let (l, lo) = match self.low {
            Bound::Inclusive(l) => ('[', l),
            Bound::Exclusive(l) => ('(', l),
            Bound::Open => return None,
        };
        let (h, hi) = match self.high {
            Bound::Inclusive(h) => (']', h),
            Bound::Exclusive(h) => (')', h),
            Bound::Open => return None,
        };
        Some(format!("{l}{lo}, {hi}{h}"))
    }

    /// The range in words for the docs: `> 0`, `≥ 0`, `[-5, 90)`, or empty
    /// for any value.
    pub fn describe(&self) -> String {
        if let Some(i) = self.interval() {
            return i;
        }
        match (self.low, self.high) {
            (Bound::Exclusive(l), Bound::Open) => format!("> {l}"),
            (Bound::Inclusive(l), Bound::Open) => format!("≥ {l}"),
            (Bound::Open, Bound::Exclusive(h)) => format!("< {h}"),
            (Bound::Open, Bound::Inclusive(h)) => format!("≤ {h}"),
            _ => String::new(),
        }
    }
}

pub use cupola_physics::basis::{Basis, Source, Uncertainty};

/// Everything about one key of a scenario table, written once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyDescriptor {
    /// The key as written in the file, e.g. `burn_time_s`.
    pub name: &'static str,
    /// Its TOML type.
    pub kind: KeyKind,
    /// Its unit as messages print it (`kg`, `degrees`), empty when
    /// dimensionless or not a number.
    pub unit: &'static str,
    /// What an absent key means.
    pub default: KeyDefault,
    /// The default as the docs show it, when [`KeyDescriptor::default`]
    /// alone does not say it (e.g. `"launch N"` (N from 1)); empty
    /// otherwise.
    pub default_text: &'static str,
    /// The range the reader accepts (every element, for arrays).
    pub allowed: Bounds,
    /// Further rules checked against other keys, in words for the docs
    /// (e.g. `< gross_mass_kg`); empty when none.
    pub rule: &'static str,
    /// The range of values met in practice, `(low, high)` in the key's
    /// unit; `None` for keys that are not physical quantities.
    pub plausible: Option<(f64, f64)>,
    /// An example line, e.g. `burn_time_s = 60.0`.
    pub example: &'static str,
    /// What it means, in one line (with its unit and default where they
    /// help the reader of a diagnostic).
    pub doc: &'static str,
    /// More words for the docs' meaning column; empty when none.
    pub more: &'static str,
    /// The help given when the value is out of [`KeyDescriptor::allowed`].
    pub hint: &'static str,
    /// Where the default comes from.
    pub source: Source,
    /// How far the default may be off; `None` for inputs and settings.
    pub uncertainty: Option<Uncertainty>,
}

impl KeyDescriptor {
    /// A key of `kind`, required, any value, with nothing else said yet.
    pub const fn new(name: &'static str, kind: KeyKind) -> Self {
        Self {
            name,
            kind,
            unit: "",
            default: KeyDefault::Required,
            default_text: "",
            allowed: Bounds::ANY,
            rule: "",
            plausible: None,
            example: "",
            doc: "",
            more: "",
            hint: "",
            source: Source::Input,
            uncertainty: None,
        }
    }

    /// A number key.
    pub const fn number(name: &'static str) -> Self {
        Self::new(name, KeyKind::Number)
    }

    /// An integer key.
    pub const fn integer(name: &'static str) -> Self {
        Self::new(name, KeyKind::Integer)
    }

    /// A string key.
    pub const fn text(name: &'static str) -> Self {
        Self::new(name, KeyKind::Text)
    }

    /// A boolean key.
    pub const fn boolean(name: &'static str) -> Self {
        Self::new(name, KeyKind::Bool)
    }

    /// A sub-table.
    pub const fn table(name: &'static str) -> Self {
        Self::new(name, KeyKind::Table)
    }

    /// An array of tables.
    pub const fn tables(name: &'static str) -> Self {
        Self::new(name, KeyKind::Tables)
    }

    /// Set the unit.
    pub const fn unit(mut self, unit: &'static str) -> Self {
        self.unit = unit;
        self
    }

    /// The key may be absent, which means something of its own.
    pub const fn optional(mut self) -> Self {
        self.default = KeyDefault::Absent;
        self
    }

    /// Default to the number `v`.
    pub const fn or_number(mut self, v: f64) -> Self {
        self.default = KeyDefault::Number(v);
        self
    }

    /// Default to the integer `v`.
    pub const fn or_integer(mut self, v: u64) -> Self {
        self.default = KeyDefault::Integer(v);
        self
    }

    /// Default to the string `v`.
    pub const fn or_text(mut self, v: &'static str) -> Self {
        self.default = KeyDefault::Text(v);
        self
    }

    /// Default to the boolean `v`.
    pub const fn or_bool(mut self, v: bool) -> Self {
        self.default = KeyDefault::Bool(v);
        self
    }

    /// Show the default in the docs as `text`.
    pub const fn shown_default(mut self, text: &'static str) -> Self {
        self.default_text = text;
        self
    }

    /// Accept values between `low` and `high`.
    pub const fn range(mut self, low: Bound, high: Bound) -> Self {
        self.allowed = Bounds { low, high };
        self
    }

    /// Accept values above zero.
    pub const fn positive(self) -> Self {
        self.range(Bound::Exclusive(0.0), Bound::Open)
    }

    /// Accept zero and above.
    pub const fn non_negative(self) -> Self {
        self.range(Bound::Inclusive(0.0), Bound::Open)
    }

    /// Accept `[low, high]`.
    pub const fn closed(self, low: f64, high: f64) -> Self {
        self.range(Bound::Inclusive(low), Bound::Inclusive(high))
    }

    /// A rule against other keys, in words.
    pub const fn rule(mut self, rule: &'static str) -> Self {
        self.rule = rule;
        self
    }

    /// The values met in practice.
    pub const fn plausible(mut self, low: f64, high: f64) -> Self {
        self.plausible = Some((low, high));
        self
    }

    /// The example line.
    pub const fn example(mut self, example: &'static str) -> Self {
        self.example = example;
        self
    }

    /// The one-line meaning.
    pub const fn doc(mut self, doc: &'static str) -> Self {
        self.doc = doc;
        self
    }

    /// More words for the docs.
    pub const fn more(mut self, more: &'static str) -> Self {
        self.more = more;
        self
    }

    /// The help given for a value out of range.
    pub const fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }

    /// The default is a run setting.
    pub const fn setting(mut self) -> Self {
        self.source = Source::Setting;
        self
    }

    /// The default comes from `citation`.
    pub const fn cited(mut self, citation: &'static str) -> Self {
        self.source = Source::Cited(citation);
        self
    }

    /// The default is assumed, and may lie anywhere in `[low, high]`
    /// for `reason`.
    pub const fn assumed(mut self, low: f64, high: f64, reason: &'static str) -> Self {
        self.source = Source::Assumed;
        self.uncertainty(low, high, reason)
    }

    /// The default may be off within `[low, high]`, for `reason`.
    pub const fn uncertainty(mut self, low: f64, high: f64, reason: &'static str) -> Self {
        self.uncertainty = Some(Uncertainty { low, high, reason });
        self
    }

    /// The basis of the default: its source and uncertainty range.
    pub const fn basis(&self) -> Basis {
        Basis {
            source: self.source,
            uncertainty: self.uncertainty,
        }
    }

    /// The default as the docs show it.
    pub fn default_shown(&self) -> String {
        if !self.default_text.is_empty() {
            return self.default_text.to_owned();
        }
        match self.default {
            KeyDefault::Required => "— (required)".to_owned(),
            KeyDefault::Absent => "—".to_owned(),
            KeyDefault::Number(v) => format!("`{v:?}`"),
            KeyDefault::Integer(v) => format!("`{v}`"),
            KeyDefault::Text(v) => format!("`\"{v}\"`"),
            KeyDefault::Bool(v) => format!("`{v}`"),
        }
    }

    /// The allowed values as the docs show them: the range and the rule.
    pub fn allowed_shown(&self) -> String {
        let range = self.allowed.describe();
        match (range.is_empty(), self.rule.is_empty()) {
            (_, true) => range,
            (true, false) => self.rule.to_owned(),
            (false, false) => format!("{range}; {}", self.rule),
        }
    }

    /// The basis of the default as the docs show it: the citation or
    /// `assumed`, with the uncertainty range and its reason.
    pub fn basis_shown(&self) -> String {
        let source = match self.source {
            Source::Input if self.uncertainty.is_some() => "input".to_owned(),
            Source::Input => String::new(),
            Source::Setting => "setting".to_owned(),
            Source::Cited(c) => c.to_owned(),
            Source::Assumed => "assumed".to_owned(),
        };
        match self.uncertainty {
            None => source,
            Some(u) => format!("{source}; {}–{}: {}", u.low, u.high, u.reason),
        }
    }
}

/// The rows of `keys` as a Markdown table: key, type, unit, default,
/// allowed, plausible, meaning, basis.
pub fn markdown_table(keys: &[KeyDescriptor]) -> String {
    let mut out = String::from(
        "| key | type | unit | default | allowed | plausible | meaning | basis |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for k in keys {
        let plausible = k
            .plausible
            .map_or_else(String::new, |(l, h)| format!("{l}–{h}"));
        let meaning = if k.more.is_empty() {
            k.doc.to_owned()
        } else {
            format!("{}; {}", k.doc, k.more)
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
            k.name,
            k.kind.describe(),
            k.unit,
            k.default_shown(),
            k.allowed_shown(),
            plausible,
            meaning.replace('|', "\\|"),
            k.basis_shown().replace('|', "\\|"),
        );
    }
    out
}

/// Every table whose keys are described, by its TOML path (`missile.stage`),
/// with its keys in the order the docs list them.
pub fn tables() -> &'static [(&'static str, &'static [KeyDescriptor])] {
    crate::schema::TABLES
}
