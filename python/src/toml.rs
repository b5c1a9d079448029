//! Python values as TOML: a dict as a scenario's text (`Scenario.from_dict`)
//! and an override's value (`Scenario.with_overrides`).

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// `what` cannot be written as TOML: a `TypeError` naming the key path.
fn unsupported(path: &str, value: &Bound<'_, PyAny>) -> PyErr {
    let kind = value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    let at = if path.is_empty() {
        "the scenario"
    } else {
        path
    };
    PyTypeError::new_err(format!(
        "`{at}`: a value of type {kind} cannot be written in a scenario \
         (use a dict, list, str, int, float or bool)"
    ))
}

/// `path.key`, or `key` at the top.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The keys and values of `dict`, each key a `str`.
fn entries<'py>(
    path: &str,
    dict: &Bound<'py, PyDict>,
) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
    dict.iter()
        .map(|(k, v)| {
            let key = k.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "`{}`: a key of a scenario table must be a str, not {}",
                    if path.is_empty() {
                        "the scenario"
                    } else {
                        path
                    },
                    k.get_type()
                        .name()
                        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
                ))
            })?;
            Ok((key.to_cow()?.into_owned(), v))
        })
        .collect()
}

/// The items of a list or tuple, or `None` for anything else.
fn sequence<'py>(value: &Bound<'py, PyAny>) -> Option<Vec<Bound<'py, PyAny>>> {
    if let Ok(l) = value.cast::<PyList>() {
        Some(l.iter().collect())
    } else if let Ok(t) = value.cast::<PyTuple>() {
        Some(t.iter().collect())
    } else {
        None
    }
}

/// Tables and arrays nested deeper than this are refused (assumed, range
/// 16–128: a scenario nests four levels at most, and a cyclic or
/// runaway structure must give an error, not exhaust the stack).
const MAX_DEPTH: usize = 32;

/// Refuse a value nested deeper than [`MAX_DEPTH`].
fn deep(path: &str, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(format!(
            "`{path}`: nested more than {MAX_DEPTH} levels deep (a dict or list that \
             contains itself?)"
        )));
    }
    Ok(())
}

/// A Python value as a TOML value: bool, int, float, str, a list or tuple
/// of values (an array), a dict (an inline table).
pub fn value(path: &str, v: &Bound<'_, PyAny>) -> PyResult<Value> {
    value_at(path, v, 0)
}

/// [`value`] at nesting depth `depth`.
fn value_at(path: &str, v: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    deep(path, depth)?;
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(Value::from(b.is_true()));
    }
    if v.cast::<PyInt>().is_ok() {
        let i: i64 = v.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "`{path}`: the integer {v} does not fit a 64-bit TOML integer"
            ))
        })?;
        return Ok(Value::from(i));
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return Ok(Value::from(f.value()));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Value::from(s.to_cow()?.as_ref()));
    }
    if let Ok(d) = v.cast::<PyDict>() {
        let mut t = InlineTable::new();
        for (k, item) in entries(path, d)? {
            let inner = value_at(&join(path, &k), &item, depth + 1)?;
            t.insert(&k, inner);
        }
        return Ok(Value::InlineTable(t));
    }
    if let Some(items) = sequence(v) {
        let mut a = Array::new();
        for (i, item) in items.iter().enumerate() {
            a.push(value_at(&format!("{path}[{i}]"), item, depth + 1)?);
        }
        return Ok(Value::Array(a));
    }
    Err(unsupported(path, v))
}

/// A dict as a TOML table: a dict value becomes a table, a non-empty list
/// of dicts an array of tables (`[[missile]]`), anything else a value.
fn table(path: &str, dict: &Bound<'_, PyDict>, depth: usize) -> PyResult<Table> {
    deep(path, depth)?;
    let mut t = Table::new();
    for (k, v) in entries(path, dict)? {
        let at = join(path, &k);
        let item = if let Ok(d) = v.cast::<PyDict>() {
            Item::Table(table(&at, d, depth + 1)?)
        } else if let Some(items) = sequence(&v)
            .filter(|items| !items.is_empty() && items.iter().all(|i| i.cast::<PyDict>().is_ok()))
        {
            let mut a = ArrayOfTables::new();
            for (i, item) in items.iter().enumerate() {
                let d = item.cast::<PyDict>()?;
                a.push(table(&format!("{at}[{i}]"), d, depth + 1)?);
            }
            Item::ArrayOfTables(a)
        } else {
            Item::Value(value_at(&at, &v, depth + 1)?)
        };
        t.insert(&k, item);
    }
    Ok(t)
}

/// The TOML text of a scenario given as a dict (tables as dicts, arrays of
/// tables as lists of dicts), to be read like a file.
pub fn document(dict: &Bound<'_, PyDict>) -> PyResult<String> {
    let mut doc = DocumentMut::new();
    for (k, item) in table("", dict, 0)?.iter() {
        doc.insert(k, item.clone());
    }
    Ok(doc.to_string())
}

/// A Python value as the TOML text of an override's value (`path` names it
/// in errors): what `Scenario.with_overrides` and `cupola.sweep` write.
#[pyfunction]
#[pyo3(name = "toml_value")]
pub fn override_text(path: &str, v: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut value = value(path, v)?;
    value.decor_mut().clear();
    Ok(value.to_string())
}
