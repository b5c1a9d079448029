//! A small reader over `toml_edit` tables that checks keys and types and
//! records every problem with its span, so that a whole file is checked in
//! one pass.

use toml_edit::{Item, Key, TableLike, Value};

mod checked;
mod lists;

use crate::context::{Ctx, Span, Spanned, closest, one_of};
use crate::key::KeyDescriptor;
use crate::problem::ProblemKind;

/// The outcome of reading one key.
pub(crate) enum Field<T> {
    /// The key is not in the table.
    Absent,
    /// The key is present but wrong; a problem has been recorded.
    Invalid,
    /// The key is present and well-typed.
    Given(Spanned<T>),
}

impl<T> Field<T> {
    /// The value, if given and well-typed.
    pub fn given(self) -> Option<Spanned<T>> {
        match self {
            Self::Given(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the key was written at all (even with a bad value).
    pub fn is_present(&self) -> bool {
        !matches!(self, Self::Absent)
    }

    /// The value, or `default` (located at `span`) when absent; `None` when
    /// invalid.
    pub fn or(self, default: T, span: &Span) -> Option<Spanned<T>> {
        match self {
            Self::Absent => Some(Spanned {
                value: default,
                span: span.clone(),
            }),
            Self::Invalid => None,
            Self::Given(s) => Some(s),
        }
    }
}

/// A table (standard, inline or dotted) being read.
pub(crate) struct TableReader<'d> {
    table: &'d dyn TableLike,
    /// Header or inline-table span: where missing keys are reported.
    pub span: Span,
    /// How messages name this table, e.g. "[[launch]] `strike`".
    pub what: String,
    keys: &'static [KeyDescriptor],
    /// The enclosing table's name and keys, to spot keys written under the
    /// wrong header.
    parent: Option<(String, &'static [KeyDescriptor])>,
    /// Dotted TOML path of the table, e.g. `missile.stage` (empty at the
    /// top level).
    path: String,
}

fn type_name(item: &Item) -> &'static str {
    match item {
        Item::None => "nothing",
        Item::Value(v) => value_type_name(v),
        Item::Table(_) => "a table",
        Item::ArrayOfTables(_) => "an array of tables",
    }
}

fn value_type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date-time",
        Value::Array(_) => "an array",
        Value::InlineTable(_) => "an inline table",
    }
}

impl<'d> TableReader<'d> {
    /// A reader of `table`, which is written at `span`.
    pub fn new(
        table: &'d dyn TableLike,
        span: Span,
        what: impl Into<String>,
        keys: &'static [KeyDescriptor],
    ) -> Self {
        Self {
            table,
            span,
            what: what.into(),
            keys,
            parent: None,
            path: String::new(),
        }
    }

    fn child(
        &self,
        table: &'d dyn TableLike,
        span: Span,
        what: String,
        keys: &'static [KeyDescriptor],
        key: &str,
    ) -> Self {
        Self {
            parent: Some((self.what.clone(), self.keys)),
            path: self.path_of(key),
            ..Self::new(table, span, what, keys)
        }
    }

    /// A reader of the sub-table `key` when it is absent: `empty` read as
    /// that table (located at this table's span), so that its keys take
    /// their defaults under their own path.
    pub fn absent_child(
        &self,
        empty: &'d dyn TableLike,
        key: &str,
        what: impl Into<String>,
        keys: &'static [KeyDescriptor],
    ) -> Self {
        self.child(empty, self.span.clone(), what.into(), keys, key)
    }

    /// Dotted TOML path of `key` in this table.
    pub(crate) fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn known(&self) -> Vec<&'static str> {
        self.keys.iter().map(|k| k.name).collect()
    }

    /// Whether an unknown key of this table looks like a misspelling of
    /// `key` (then the unknown-key report covers the absence of `key`).
    pub fn misspelled(&self, key: &str) -> bool {
        let known = self.known();
        self.table.iter().any(|(name, _)| {
            self.doc(name).is_none() && closest(name, known.iter().copied()) == Some(key)
        })
    }

    fn doc(&self, key: &str) -> Option<&'static KeyDescriptor> {
        self.keys.iter().find(|k| k.name == key)
    }

    fn example(&self, key: &str) -> String {
        self.doc(key)
            .map_or_else(|| format!("{key} = ..."), |d| d.example.to_owned())
    }

    /// The key and item for `key`, if present.
    pub fn entry(&self, key: &str) -> Option<(&'d Key, &'d Item)> {
        self.table
            .get_key_value(key)
            .filter(|(_, item)| !item.is_none())
    }

    /// Span of the key `key` (falling back to the table).
    pub fn key_span(&self, key: &str) -> Span {
        self.entry(key)
            .and_then(|(k, _)| k.span())
            .unwrap_or_else(|| self.span.clone())
    }

    /// Span of the value of `key`, falling back to its key, then the table.
    pub fn value_span(&self, key: &str) -> Span {
        match self.entry(key) {
            Some((k, item)) => item
                .span()
                .or_else(|| k.span())
                .unwrap_or_else(|| self.span.clone()),
            None => self.span.clone(),
        }
    }

    /// Report that the required `key` is absent from this table.
    pub fn missing(&self, ctx: &mut Ctx, key: &str) {
        if self.misspelled(key) {
            return;
        }
        let doc = self.doc(key).map_or("", |d| d.doc);
        ctx.report(
            ProblemKind::MissingKey,
            self.span.clone(),
            format!("{} is missing the required key `{key}`", self.what),
            format!("add `{}` ({doc})", self.example(key)),
        )
        .relabel(format!("this table needs `{key}`"));
    }

    /// A required field: reports it missing when absent.
    pub fn require<T>(&self, ctx: &mut Ctx, key: &str, field: Field<T>) -> Option<Spanned<T>> {
        match field {
            Field::Absent => {
                self.missing(ctx, key);
                None
            }
            Field::Invalid => None,
            Field::Given(s) => Some(s),
        }
    }

    /// A required string: reports it missing when absent.
    pub fn req_string(&self, ctx: &mut Ctx, key: &str) -> Option<Spanned<String>> {
        let f = self.string(ctx, key);
        self.require(ctx, key, f)
    }

    /// Report that `key` holds `item`, which is not `expected`.
    pub fn wrong_type(&self, ctx: &mut Ctx, key: &str, expected: &str, item: &Item, span: Span) {
        ctx.report(
            ProblemKind::WrongType,
            span,
            format!("`{key}` must be {expected}, got {}", type_name(item)),
            format!("write it as `{}`", self.example(key)),
        )
        .relabel(format!("expected {expected}"));
    }

    /// The item of `key` and the span of its value, if present.
    pub fn value(&self, key: &str) -> Option<(&'d Item, Span)> {
        self.entry(key)
            .map(|(_, item)| (item, self.value_span(key)))
    }

    /// A string value.
    pub fn string(&self, ctx: &mut Ctx, key: &str) -> Field<String> {
        let Some((item, span)) = self.value(key) else {
            return Field::Absent;
        };
        match item.as_str() {
            Some(s) => Field::Given(Spanned {
                value: s.to_owned(),
                span,
            }),
            None => {
                self.wrong_type(ctx, key, "a string", item, span);
                Field::Invalid
            }
        }
    }

    /// A boolean value.
    pub fn bool(&self, ctx: &mut Ctx, key: &str) -> Field<bool> {
        let Some((item, span)) = self.value(key) else {
            return Field::Absent;
        };
        match item.as_bool() {
            Some(b) => Field::Given(Spanned { value: b, span }),
            None => {
                self.wrong_type(ctx, key, "`true` or `false`", item, span);
                Field::Invalid
            }
        }
    }

    /// A finite number; integers are accepted.
    pub fn number(&self, ctx: &mut Ctx, key: &str) -> Field<f64> {
        let Some((item, span)) = self.value(key) else {
            return Field::Absent;
        };
        let value = match item.as_value() {
            Some(Value::Integer(i)) => *i.value() as f64,
            Some(Value::Float(f)) => *f.value(),
            _ => {
                self.wrong_type(ctx, key, "a number", item, span);
                return Field::Invalid;
            }
        };
        if !value.is_finite() {
            ctx.report(
                ProblemKind::InvalidValue,
                span,
                format!("`{key}` must be a finite number, got {value}"),
                format!(
                    "nan and inf are not physical values; write e.g. `{}`",
                    self.example(key)
                ),
            )
            .relabel("not a finite number");
            return Field::Invalid;
        }
        Field::Given(Spanned { value, span })
    }

    /// A non-negative integer.
    pub fn unsigned(&self, ctx: &mut Ctx, key: &str) -> Field<u64> {
        let Some((item, span)) = self.value(key) else {
            return Field::Absent;
        };
        match item.as_value() {
            Some(Value::Integer(i)) => match u64::try_from(*i.value()) {
                Ok(value) => Field::Given(Spanned { value, span }),
                Err(_) => {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        span,
                        format!("`{key}` must not be negative, got {}", i.value()),
                        format!(
                            "write a whole number of zero or more, e.g. `{}`",
                            self.example(key)
                        ),
                    )
                    .relabel("negative");
                    Field::Invalid
                }
            },
            Some(Value::Float(f)) => {
                ctx.report(
                    ProblemKind::WrongType,
                    span,
                    format!("`{key}` must be an integer, got the float {}", f.value()),
                    format!(
                        "write a whole number without a decimal point, e.g. `{}`",
                        self.example(key)
                    ),
                )
                .relabel("expected an integer");
                Field::Invalid
            }
            _ => {
                self.wrong_type(ctx, key, "an integer", item, span);
                Field::Invalid
            }
        }
    }

    /// The table read.
    pub fn inner(&self) -> &'d dyn TableLike {
        self.table
    }

    /// The keys written in this table, in file order.
    pub fn keys(&self) -> Vec<&'d str> {
        self.table
            .iter()
            .filter(|(_, item)| !item.is_none())
            .map(|(name, _)| name)
            .collect()
    }

    /// A sub-table, written `[a.key]`, `key = { … }` or with dotted keys.
    pub fn table(
        &self,
        ctx: &mut Ctx,
        key: &str,
        what: impl Into<String>,
        keys: &'static [KeyDescriptor],
    ) -> Field<TableReader<'d>> {
        let Some((k, item)) = self.entry(key) else {
            return Field::Absent;
        };
        let span = item
            .span()
            .or_else(|| k.span())
            .unwrap_or_else(|| self.span.clone());
        match item.as_table_like() {
            Some(t) => Field::Given(Spanned {
                value: self.child(t, span.clone(), what.into(), keys, key),
                span,
            }),
            None => {
                self.wrong_type(ctx, key, "a table", item, span);
                Field::Invalid
            }
        }
    }

    /// An array of tables, written `[[a.key]]` (or `key = [{ … }, …]`);
    /// `what(i)` names entry `i` (from 0) in messages.
    pub fn tables(
        &self,
        ctx: &mut Ctx,
        key: &str,
        what: impl Fn(usize) -> String,
        keys: &'static [KeyDescriptor],
    ) -> Field<Vec<TableReader<'d>>> {
        let Some((k, item)) = self.entry(key) else {
            return Field::Absent;
        };
        let outer = item
            .span()
            .or_else(|| k.span())
            .unwrap_or_else(|| self.span.clone());
        let mut out = Vec::new();
        match item {
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    let span = t.span().unwrap_or_else(|| outer.clone());
                    out.push(self.child(t, span, what(i), keys, key));
                }
            }
            Item::Value(Value::Array(a)) => {
                for (i, v) in a.iter().enumerate() {
                    let span = v.span().unwrap_or_else(|| outer.clone());
                    match v.as_inline_table() {
                        Some(t) => out.push(self.child(t, span, what(i), keys, key)),
                        None => {
                            ctx.report(
                                ProblemKind::WrongType,
                                span,
                                format!(
                                    "every element of `{key}` must be a table, got {}",
                                    value_type_name(v)
                                ),
                                format!(
                                    "write each entry as a table under its own `[[{}]]` header",
                                    self.path_of(key)
                                ),
                            );
                            return Field::Invalid;
                        }
                    }
                }
            }
            _ => {
                let shown = k.span().unwrap_or(outer);
                ctx.report(
                    ProblemKind::WrongType,
                    shown,
                    format!(
                        "`{key}` must be an array of tables, got {}",
                        type_name(item)
                    ),
                    format!(
                        "write each entry under its own `[[{}]]` header, with double brackets",
                        self.path_of(key)
                    ),
                );
                return Field::Invalid;
            }
        }
        Field::Given(Spanned {
            value: out,
            span: k.span().unwrap_or_else(|| self.span.clone()),
        })
    }

    /// Report every key of this table that is not documented, suggesting
    /// the closest known key.
    pub fn finish(&self, ctx: &mut Ctx) {
        for (name, item) in self.table.iter() {
            if self.doc(name).is_some() {
                continue;
            }
            let span = self
                .table
                .key(name)
                .and_then(Key::span)
                .or_else(|| item.span())
                .unwrap_or_else(|| self.span.clone());
            let kind_word = if item.is_table() || item.is_array_of_tables() {
                "table"
            } else {
                "key"
            };
            let known = self.known();
            let in_parent = self
                .parent
                .as_ref()
                .filter(|(_, keys)| keys.iter().any(|k| k.name == name));
            let help = match (closest(name, known.iter().copied()), in_parent) {
                (Some(best), _) => format!("did you mean `{best}`?"),
                (None, Some((parent, _))) => {
                    let header = ctx.slice(&self.span).trim();
                    let header = if header.starts_with('[') && !header.contains('\n') {
                        format!("the `{header}` header")
                    } else {
                        format!("the header of {}", self.what)
                    };
                    format!(
                        "`{name}` belongs to {parent}: every key after a table header goes into that \
                         table, so move this line above {header}"
                    )
                }
                (None, None) => format!("{} accepts {}", self.what, one_of(&known)),
            };
            let p = ctx
                .at(
                    ProblemKind::UnknownKey,
                    span,
                    format!("unknown {kind_word} `{name}` in {}", self.what),
                )
                .with_help(help)
                .with_label(format!("unknown {kind_word}"));
            ctx.push(p);
        }
    }
}
