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
        let Some((item, span)) = self.value(key) else {
            return Field::Absent;
        };
        let Some(array) = item.as_array() else {
            let scalar = matches!(item.as_value(), Some(Value::Integer(_) | Value::Float(_)));
            if lone && scalar {
                return match self.number(ctx, key) {
                    Field::Given(s) => Field::Given(Spanned {
                        span: s.span.clone(),
                        value: vec![s],
                    }),
                    Field::Invalid => Field::Invalid,
                    Field::Absent => Field::Absent,
                };
            }
            let expected = if lone {
                "a number or an array of numbers"
            } else {
                "an array of numbers"
            };
            self.wrong_type(ctx, key, expected, item, span);
            return Field::Invalid;
        };
        if !self.non_empty(ctx, key, array.is_empty(), &span) {
            return Field::Invalid;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for v in array.iter() {
            let at = v.span().unwrap_or_else(|| span.clone());
            let value = match v {
                Value::Integer(i) => *i.value() as f64,
                Value::Float(f) if f.value().is_finite() => *f.value(),
                Value::Float(f) => {
                    ok = false;
                    ctx.report(
                        ProblemKind::InvalidValue,
                        at,
                        format!("`{key}` must hold finite numbers, got {}", f.value()),
                        format!(
                            "nan and inf are not physical values; write e.g. `{}`",
                            self.example(key)
                        ),
                    )
                    .relabel("not a finite number");
                    continue;
                }
                _ => {
                    ok = false;
                    self.element_type(ctx, key, "a number", v, at);
                    continue;
                }
            };
            out.push(Spanned { value, span: at });
        }
        if ok {
            Field::Given(Spanned { value: out, span })
        } else {
            Field::Invalid
        }
    }

    /// A list of non-negative integers, each with its span: a non-empty
    /// array, or, when `lone` is true, a single integer. An empty array and
    /// an element that is not a non-negative integer are reported.
    pub fn integers(&self, ctx: &mut Ctx, key: &str, lone: bool) -> Field<Vec<Spanned<u64>>> {
        let Some((item, span)) = self.value(key) else {
            return Field::Absent;
        };
        let Some(array) = item.as_array() else {
            let scalar = matches!(item.as_value(), Some(Value::Integer(_) | Value::Float(_)));
            if lone && scalar {
                return match self.unsigned(ctx, key) {
                    Field::Given(s) => Field::Given(Spanned {
                        span: s.span.clone(),
                        value: vec![s],
                    }),
                    Field::Invalid => Field::Invalid,
                    Field::Absent => Field::Absent,
                };
            }
            let expected = if lone {
                "an integer or an array of integers"
            } else {
                "an array of integers"
            };
            self.wrong_type(ctx, key, expected, item, span);
            return Field::Invalid;
        };
        if !self.non_empty(ctx, key, array.is_empty(), &span) {
            return Field::Invalid;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for v in array.iter() {
            let at = v.span().unwrap_or_else(|| span.clone());
            match v {
                Value::Integer(i) => match u64::try_from(*i.value()) {
                    Ok(value) => out.push(Spanned { value, span: at }),
                    Err(_) => {
                        ok = false;
                        ctx.report(
                            ProblemKind::InvalidValue,
                            at,
                            format!("`{key}` must not hold negative numbers, got {}", i.value()),
                            format!(
                                "write whole numbers of one or more, e.g. `{}`",
                                self.example(key)
                            ),
                        )
                        .relabel("negative");
                    }
                },
                Value::Float(f) => {
                    ok = false;
                    ctx.report(
                        ProblemKind::WrongType,
                        at,
                        format!("`{key}` must hold integers, got the float {}", f.value()),
                        format!(
                            "write whole numbers without a decimal point, e.g. `{}`",
                            self.example(key)
                        ),
                    )
                    .relabel("expected an integer");
                }
                _ => {
                    ok = false;
                    self.element_type(ctx, key, "an integer", v, at);
                }
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
