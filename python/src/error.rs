//! `cupola.ScenarioError`: a scenario that cannot be read, or an override
//! that cannot be applied, as a Python exception (a `ValueError`) carrying
//! the located problems.

use std::ops::Range;

use cupola_scenario::ScenarioError as Error;
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;
use toml_edit::{Document, Item, TableLike, Value};

create_exception!(
    cupola,
    ScenarioError,
    PyValueError,
    "A scenario that cannot be read, or an override that cannot be applied.\n\n\
     str(e) is the whole located message (`file:line:column: message` for\n\
     each problem). Attributes: `message` (that text), `problems` (a list of\n\
     `cupola.Problem`, empty for an unreadable file or a bad override),\n\
     `file`, `line`, `column` (of the first problem, or None), `key` (the\n\
     dotted key path of the first problem or of the bad override, or None)\n\
     and `setting` (the override as `path=value`, or None)."
);

create_exception!(
    cupola,
    InputError,
    PyValueError,
    "Bad input that is not a scenario's key: an option of a study (trials,\n\
     keys of a design), a launch the sensors never report, a study over the\n\
     work and memory budget. str(e) says what and why."
);

create_exception!(
    cupola,
    InternalError,
    PyRuntimeError,
    "A fault inside cupola (not of the input): please report it."
);

/// A failed study or load as a Python exception: a scenario's problems as
/// `ScenarioError` (located in `text`), bad input as `InputError`, a fault
/// of cupola's as `InternalError`.
pub fn failure(py: Python<'_>, e: cupola::Error, text: &str) -> PyErr {
    match e {
        cupola::Error::Scenario(e) => raise(py, &e, text),
        cupola::Error::Input(m) => InputError::new_err(cupola_scenario::printable(&m).into_owned()),
        cupola::Error::Internal(m) => {
            InternalError::new_err(cupola_scenario::printable(&m).into_owned())
        }
    }
}

/// One problem of a scenario, located in its text.
#[pyclass(frozen, get_all, module = "cupola")]
pub struct Problem {
    /// The file (or the name the scenario text was given) the problem is in.
    file: String,
    /// Line of the problem, counted from 1.
    line: usize,
    /// Column (in characters) of the problem, counted from 1.
    column: usize,
    /// What is wrong, in one sentence.
    message: String,
    /// What would be right, when there is advice.
    help: Option<String>,
    /// A stable code for the kind of problem, e.g. `cupola::scenario::unknown_key`.
    code: String,
    /// The dotted key path at the problem (`engage.midcourse[0].pk`), when
    /// the problem is at a key of the scenario text.
    key: Option<String>,
}

#[pymethods]
impl Problem {
    fn __str__(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Problem(file={:?}, line={}, column={}, key={:?}, message={:?})",
            self.file, self.line, self.column, self.key, self.message
        )
    }
}

/// The error `e`, met reading the scenario text `text` (the text its
/// problems are located in), as a `cupola.ScenarioError`.
pub fn raise(py: Python<'_>, e: &Error, text: &str) -> PyErr {
    let problems: Vec<Problem> = e
        .problems()
        .iter()
        .map(|p| Problem {
            file: p.file().to_owned(),
            line: p.line(),
            column: p.column(),
            message: p.message().to_owned(),
            help: p.help_text().map(str::to_owned),
            code: p.kind().code().to_owned(),
            key: (matches!(e, Error::Invalid { file, .. } if file == p.file()))
                .then(|| key_at(text, p.span()))
                .flatten(),
        })
        .collect();
    let mut message = e.to_string();
    match e {
        Error::Io { source, .. } => message = format!("{message}: {source}"),
        Error::Invalid { .. } => {
            for p in &problems {
                message.push_str(&format!("\n  {}", p.__str__()));
                if let Some(h) = &p.help {
                    message.push_str(&format!("\n    help: {h}"));
                }
            }
        }
        Error::Override { .. } => {}
    }
    let setting = match e {
        Error::Override { setting, .. } => Some(setting.clone()),
        _ => None,
    };
    let first = problems
        .first()
        .map(|p| (p.file.clone(), p.line, p.column, p.key.clone()));
    let key = first.as_ref().and_then(|p| p.3.clone()).or_else(|| {
        setting
            .as_deref()
            .map(|s| s.split_once('=').map_or(s, |(path, _)| path).to_owned())
    });
    let err = ScenarioError::new_err(message.clone());
    let set = || -> PyResult<()> {
        let v = err.value(py);
        v.setattr("message", message)?;
        v.setattr("file", first.as_ref().map(|p| p.0.clone()))?;
        v.setattr("line", first.as_ref().map(|p| p.1))?;
        v.setattr("column", first.as_ref().map(|p| p.2))?;
        v.setattr("key", key)?;
        v.setattr("setting", setting)?;
        v.setattr("problems", PyList::new(py, problems)?)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(failed) => failed,
    }
}

/// The dotted key path (with `[i]` in arrays of tables) of the innermost
/// key of `text` whose key or value (or table header) holds the start of
/// `span`: the key a problem located there is about; `None` when `text` is
/// not TOML or no key is there.
pub fn key_at(text: &str, span: Range<usize>) -> Option<String> {
    let doc = Document::parse(text).ok()?;
    let mut path = Vec::new();
    find(doc.as_table(), span.start, &mut path).then(|| path.join("."))
}

/// Whether `at` falls in one of `table`'s keys or values; if so `path`
/// ends with the steps to the innermost one.
fn find(table: &dyn TableLike, at: usize, path: &mut Vec<String>) -> bool {
    for (name, item) in table.iter() {
        let key_span = table.key(name).and_then(toml_edit::Key::span);
        let within = |s: Option<Range<usize>>| s.is_some_and(|s| s.contains(&at) || s.start == at);
        let name = name.to_owned();
        match item {
            Item::Table(t) => {
                path.push(name);
                if find(t, at, path) || within(t.span()) {
                    return true;
                }
                path.pop();
            }
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    path.push(format!("{name}[{i}]"));
                    if find(t, at, path) || within(t.span()) {
                        return true;
                    }
                    path.pop();
                }
            }
            Item::Value(v) => {
                let whole = match (key_span, v.span()) {
                    (Some(k), Some(s)) => Some(k.start..s.end),
                    (k, s) => k.or(s),
                };
                if within(whole) {
                    path.push(name.clone());
                    match v {
                        Value::InlineTable(t) => {
                            find(t, at, path);
                        }
                        Value::Array(a) => {
                            let element = a.iter().enumerate().find(|(_, e)| within(e.span()));
                            if let Some((i, Value::InlineTable(t))) = element {
                                path.pop();
                                path.push(format!("{name}[{i}]"));
                                find(t, at, path);
                            }
                        }
                        _ => {}
                    }
                    return true;
                }
            }
            Item::None => {}
        }
    }
    false
}
