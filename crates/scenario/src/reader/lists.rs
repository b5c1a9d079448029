//! Array values of a table: strings, numbers and integers, each element
//! checked and located.

use toml_edit::Value;

use super::{Field, TableReader, value_type_name};
use crate::context::{Ctx, Span, Spanned};
use crate::problem::ProblemKind;

impl TableReader<'_> {
    /// An array of strings.
    pub fn strings(&self, ctx: &mut Ctx, key: &str) -> Field<Vec<String>> {
        let Some((item, span)) = self.value(key) else {
            return Field::Absent;
        };
        let Some(array) = item.as_array() else {
            self.wrong_type(ctx, key, "an array of strings", item, span);
            return Field::Invalid;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for v in array.iter() {
            match v.as_str() {
                Some(s) => out.push(s.to_owned()),
                None => {
                    ok = false;
                    ctx.report(
                        ProblemKind::WrongType,
                        v.span().unwrap_or_else(|| span.clone()),
                        format!(
                            "every element of `{key}` must be a string, got {}",
                            value_type_name(v)
                        ),
                        format!("quote it, e.g. `{}`", self.example(key)),
                    );
                }
            }
        }
        if ok {
            Field::Given(Spanned { value: out, span })
        } else {
            Field::Invalid
        }
    }

    /// A list of numbers, each with its span: a non-empty array of numbers
    /// (integers accepted), or, when `lone` is true, a single number. An
    /// empty array, an element that is not a number and `nan`/`inf` are
    /// reported.
    pub fn numbers(&self, ctx: &mut Ctx, key: &str, lone: bool) -> Field<Vec<Spanned<f64>>> {
        let nouns = ("a number", "numbers");
        self.list(
            ctx,
            key,
            lone,
            nouns,
            Self::number,
            |r, ctx, v, at| match v {
                Value::Integer(i) => Some(*i.value() as f64),
                Value::Float(f) if f.value().is_finite() => Some(*f.value()),
                Value::Float(f) => {
                    ctx.report(
                        ProblemKind::InvalidValue,
                        at,
                        format!("`{key}` must hold finite numbers, got {}", f.value()),
                        format!(
                            "nan and inf are not physical values; write e.g. `{}`",
                            r.example(key)
                        ),
                    )
                    .relabel("not a finite number");
                    None
                }
                _ => {
                    r.element_type(ctx, key, "a number", v, at);
                    None
                }
            },
        )
    }

    /// A list of non-negative integers, each with its span: a non-empty
    /// array, or, when `lone` is true, a single integer. An empty array and
    /// an element that is not a non-negative integer are reported.
    pub fn integers(&self, ctx: &mut Ctx, key: &str, lone: bool) -> Field<Vec<Spanned<u64>>> {
        let nouns = ("an integer", "integers");
        self.list(
            ctx,
            key,
            lone,
            nouns,
            Self::unsigned,
            |r, ctx, v, at| match v {
                Value::Integer(i) => match u64::try_from(*i.value()) {
                    Ok(value) => Some(value),
                    Err(_) => {
                        ctx.report(
                            ProblemKind::InvalidValue,
                            at,
                            format!("`{key}` must not hold negative numbers, got {}", i.value()),
                            format!(
                                "write whole numbers of one or more, e.g. `{}`",
                                r.example(key)
                            ),
                        )
                        .relabel("negative");
                        None
                    }
                },
                Value::Float(f) => {
                    ctx.report(
                        ProblemKind::WrongType,
                        at,
                        format!("`{key}` must hold integers, got the float {}", f.value()),
                        format!(
                            "write whole numbers without a decimal point, e.g. `{}`",
                            r.example(key)
                        ),
                    )
                    .relabel("expected an integer");
                    None
                }
                _ => {
                    r.element_type(ctx, key, "an integer", v, at);
                    None
                }
            },
        )
    }

    /// A non-empty array of `key`'s elements, each read by `element` (which
    /// reports its own problem and gives `None`), or, when `lone` is true,
    /// a single value read by `scalar`; `nouns` names one element and the
    /// plural ("a number", "numbers") in the wrong-type message.
    fn list<T>(
        &self,
        ctx: &mut Ctx,
        key: &str,
        lone: bool,
        (one, many): (&str, &str),
        scalar: impl Fn(&Self, &mut Ctx, &str) -> Field<T>,
        mut element: impl FnMut(&Self, &mut Ctx, &Value, Span) -> Option<T>,
    ) -> Field<Vec<Spanned<T>>> {
        let Some((item, span)) = self.value(key) else {
            return Field::Absent;
        };
        let Some(array) = item.as_array() else {
            let is_scalar = matches!(item.as_value(), Some(Value::Integer(_) | Value::Float(_)));
            if lone && is_scalar {
                return match scalar(self, ctx, key) {
                    Field::Given(s) => Field::Given(Spanned {
                        span: s.span.clone(),
                        value: vec![s],
                    }),
                    Field::Invalid => Field::Invalid,
                    Field::Absent => Field::Absent,
                };
            }
            let expected = if lone {
                format!("{one} or an array of {many}")
            } else {
                format!("an array of {many}")
            };
            self.wrong_type(ctx, key, &expected, item, span);
            return Field::Invalid;
        };
        if !self.non_empty(ctx, key, array.is_empty(), &span) {
            return Field::Invalid;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for v in array.iter() {
            let at = v.span().unwrap_or_else(|| span.clone());
            match element(self, ctx, v, at.clone()) {
                Some(value) => out.push(Spanned { value, span: at }),
                None => ok = false,
            }
        }
        if ok {
            Field::Given(Spanned { value: out, span })
        } else {
            Field::Invalid
        }
    }

    /// Report an empty array given for `key`; `true` when not `empty`.
    fn non_empty(&self, ctx: &mut Ctx, key: &str, empty: bool, span: &Span) -> bool {
        if empty {
            ctx.report(
                ProblemKind::InvalidValue,
                span.clone(),
                format!("`{key}` must not be an empty array"),
                format!(
                    "give at least one value, e.g. `{}`, or leave the key out",
                    self.example(key)
                ),
            )
            .relabel("empty");
        }
        !empty
    }

    /// Report an array element of `key` that is not `expected`.
    fn element_type(&self, ctx: &mut Ctx, key: &str, expected: &str, v: &Value, span: Span) {
        ctx.report(
            ProblemKind::WrongType,
            span,
            format!(
                "every element of `{key}` must be {expected}, got {}",
                value_type_name(v)
            ),
            format!("write it as `{}`", self.example(key)),
        )
        .relabel(format!("expected {expected}"));
    }
}
