//! Column-oriented numeric tables and their CSV form.

use serde::{Deserialize, Serialize};

use crate::ReportError;

/// One named column of numbers with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Column name, e.g. `altitude`.
    pub name: String,
    /// Unit symbol used as the header suffix, e.g. `km` (empty for
    /// dimensionless quantities and counts).
    pub unit: String,
    /// The values, one per row, in the unit above. NaN marks a missing value.
    pub values: Vec<f64>,
}

impl Column {
    /// Creates a column from its name, unit and values.
    pub fn new(name: impl Into<String>, unit: impl Into<String>, values: Vec<f64>) -> Self {
        Self {
            name: name.into(),
            unit: unit.into(),
            values,
        }
    }

    /// The header label: `name_unit`, or just `name` when the unit is empty.
    pub fn header(&self) -> String {
        if self.unit.is_empty() {
            self.name.clone()
        } else {
            format!("{}_{}", self.name, self.unit)
        }
    }
}

/// A titled table of equal-length numeric columns.
///
/// Columns may be added with different lengths; the mismatch is reported by
/// [`Table::validate`] and [`Table::to_csv`], never by a panic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Table title (not written to CSV; used in messages and reports).
    pub title: String,
    /// The columns, left to right.
    pub columns: Vec<Column>,
}

impl Table {
    /// Creates an empty table with the given title.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            columns: Vec::new(),
        }
    }

    /// Appends a column (builder style). See [`Column::new`].
    #[must_use]
    pub fn with_column(
        mut self,
        name: impl Into<String>,
        unit: impl Into<String>,
        values: Vec<f64>,
    ) -> Self {
        self.columns.push(Column::new(name, unit, values));
        self
    }

    /// Appends a column in place.
    pub fn push_column(&mut self, column: Column) -> &mut Self {
        self.columns.push(column);
        self
    }

    /// Number of rows, i.e. the length of the first column (0 if there are no
    /// columns). Meaningful only if [`Table::validate`] succeeds.
    pub fn row_count(&self) -> usize {
        self.columns.first().map_or(0, |c| c.values.len())
    }

    /// Checks that every column has as many values as the first.
    ///
    /// # Errors
    ///
    /// [`ReportError::ColumnLength`] naming the first offending column.
    pub fn validate(&self) -> Result<(), ReportError> {
        let Some(first) = self.columns.first() else {
            return Ok(());
        };
        let expected = first.values.len();
        match self.columns.iter().find(|c| c.values.len() != expected) {
            None => Ok(()),
            Some(bad) => Err(ReportError::ColumnLength {
                table: self.title.clone(),
                first: first.name.clone(),
                column: bad.name.clone(),
                expected,
                found: bad.values.len(),
            }),
        }
    }

    /// Renders the table as CSV text.
    ///
    /// - Header row: one `name_unit` label per column (just `name` if the
    ///   unit is empty), quoted per RFC 4180 when it contains a comma, a
    ///   double quote, CR or LF (inner quotes doubled).
    /// - Numbers use Rust's shortest round-trip formatting (see
    ///   [`Table::format_number`]); NaN is written as an empty field and
    ///   infinities as `inf` / `-inf`.
    /// - Lines end with `\n`, including the last one. A table without columns
    ///   renders as the empty string.
    ///
    /// # Errors
    ///
    /// [`ReportError::ColumnLength`] if the columns differ in length.
    pub fn to_csv(&self) -> Result<String, ReportError> {
        self.validate()?;
        if self.columns.is_empty() {
            return Ok(String::new());
        }
        let mut out = String::new();
        let headers: Vec<String> = self
            .columns
            .iter()
            .map(|c| csv_field(&c.header()))
            .collect();
        out.push_str(&headers.join(","));
        out.push('\n');
        for row in 0..self.row_count() {
            for (i, col) in self.columns.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Self::format_number(col.values[row]));
            }
            out.push('\n');
        }
        Ok(out)
    }

    /// Formats one value as it appears in CSV output.
    ///
    /// Shortest representation that parses back to the same `f64`: `{}`
    /// formatting (`1`, `0.1`, `-2.5`) for magnitudes in [1e-5, 1e16) and
    /// zero, and `{:e}` (`1e300`, `2.5e-9`) outside that range so that tiny
    /// and huge values do not expand into hundreds of digits. NaN is the empty
    /// string; infinities are `inf` and `-inf`.
    pub fn format_number(v: f64) -> String {
        if v.is_nan() {
            String::new()
        } else if v.is_infinite() || v == 0.0 || (1e-5..1e16).contains(&v.abs()) {
            format!("{v}")
        } else {
            format!("{v:e}")
        }
    }
}

/// Quotes a CSV field per RFC 4180 if it needs it.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_uses_name_unit_and_bare_name() {
        let t = Table::new("trajectory")
            .with_column("time", "s", vec![0.0, 0.5])
            .with_column("altitude", "km", vec![1.0, 2.25])
            .with_column("stage", "", vec![1.0, 2.0]);
        assert_eq!(
            t.to_csv().unwrap(),
            "time_s,altitude_km,stage\n0,1,1\n0.5,2.25,2\n"
        );
    }

    #[test]
    fn header_quoting_follows_rfc4180() {
        let t = Table::new("q")
            .with_column("a,b", "", vec![])
            .with_column("say \"hi\"", "m", vec![])
            .with_column("line\nbreak", "", vec![])
            .with_column("plain name", "", vec![]);
        assert_eq!(
            t.to_csv().unwrap(),
            "\"a,b\",\"say \"\"hi\"\"_m\",\"line\nbreak\",plain name\n"
        );
    }

    #[test]
    fn nan_is_empty_field_and_infinities_are_spelled() {
        let t = Table::new("n")
            .with_column("x", "", vec![f64::NAN, 1.0, f64::INFINITY])
            .with_column("y", "", vec![2.0, f64::NAN, f64::NEG_INFINITY]);
        assert_eq!(t.to_csv().unwrap(), "x,y\n,2\n1,\ninf,-inf\n");
    }

    #[test]
    fn numbers_round_trip() {
        let values = vec![
            0.1,
            0.1 + 0.2,
            -7.198e3,
            1e300,
            -2.5e-9,
            f64::MIN_POSITIVE,
            f64::MAX,
            123_456_789.012_345_67,
            1e16,
            9.999_999_999_999_998e15,
            1e-5,
            -0.0,
        ];
        let t = Table::new("r").with_column("v", "", values.clone());
        let csv = t.to_csv().unwrap();
        let parsed: Vec<f64> = csv
            .lines()
            .skip(1)
            .map(|l| l.parse::<f64>().unwrap())
            .collect();
        assert_eq!(parsed.len(), values.len());
        for (a, b) in parsed.iter().zip(&values) {
            assert_eq!(a.to_bits(), b.to_bits(), "{a} vs {b}");
        }
        assert!(csv.contains("\n1e300\n"));
        assert!(csv.contains("\n0.30000000000000004\n"));
        assert!(csv.contains("\n-7198\n"));
        assert!(csv.lines().all(|l| l.len() < 32));
    }

    #[test]
    fn unequal_columns_are_an_error_not_a_panic() {
        let t = Table::new("bad")
            .with_column("a", "", vec![1.0, 2.0])
            .with_column("b", "m", vec![1.0]);
        let err = t.to_csv().unwrap_err();
        assert!(matches!(
            err,
            ReportError::ColumnLength {
                expected: 2,
                found: 1,
                ..
            }
        ));
        let msg = err.to_string();
        assert!(msg.contains("\"bad\"") && msg.contains("\"b\""), "{msg}");
    }

    #[test]
    fn empty_table_is_empty_csv() {
        assert_eq!(Table::new("e").to_csv().unwrap(), "");
        let t = Table::new("h").with_column("a", "", vec![]);
        assert_eq!(t.to_csv().unwrap(), "a\n");
    }
}
