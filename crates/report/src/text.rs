//! Aligned plain-text tables for terminal summaries.

use std::fmt;

/// Column gap, in spaces.
const GAP: &str = "  ";

/// Cells that stand for a missing value; they follow their column's alignment.
const PLACEHOLDERS: [&str; 6] = ["-", "\u{2014}", "\u{2013}", "n/a", "N/A", "NA"];

/// A plain-text table of strings, aligned for fixed-width display.
///
/// Numeric-looking cells (`12`, `-3.5e6`, `1,234`, `97.5%`, `$22`) are
/// right-aligned, other text is left-aligned. A header is right-aligned when
/// every non-empty cell of its column is numeric-looking. Placeholders for
/// missing values (`-`, `—`, `n/a`, …) follow their column. Headers are
/// underlined with dashes, columns are separated by two spaces, and lines
/// carry no trailing spaces. Width is counted in `char`s.
///
/// Rows may have fewer or more cells than there are headers; missing cells are
/// blank and extra cells get an unnamed column. Control characters in cells
/// (such as newlines) are shown as spaces so the grid stays intact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextTable {
    /// Column headers, left to right.
    pub headers: Vec<String>,
    /// Rows of cells, top to bottom.
    pub rows: Vec<Vec<String>>,
}

impl TextTable {
    /// Creates a table with the given headers and no rows.
    pub fn new<I, S>(headers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row in place.
    pub fn push_row<I, S>(&mut self, row: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(row.into_iter().map(Into::into).collect());
        self
    }

    /// Appends a row (builder style).
    #[must_use]
    pub fn with_row<I, S>(mut self, row: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.push_row(row);
        self
    }

    /// The table as CSV (RFC 4180): the headers, then one line per row;
    /// a cell holding a comma, a quote or a line break is quoted, its quotes
    /// doubled. Rows keep their own length.
    pub fn to_csv(&self) -> String {
        let line = |cells: &[String]| {
            cells
                .iter()
                .map(|c| {
                    if c.contains([',', '"', '\n', '\r']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut out = line(&self.headers);
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }

    /// Number of columns shown: the longest of the header and every row.
    pub fn column_count(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(self.headers.len()))
            .max()
            .unwrap_or(0)
    }
}

/// True if `s` reads as a number: an `f64` literal, optionally with a sign,
/// a leading `$`, a trailing `%`, and `,` or `_` digit separators.
fn is_numeric(s: &str) -> bool {
    let s = s.trim();
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let s = s.strip_prefix('$').unwrap_or(s);
    let s = s.strip_suffix('%').unwrap_or(s);
    let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
    !cleaned.is_empty()
        && cleaned
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c.is_alphabetic())
        && cleaned.parse::<f64>().is_ok()
}

fn is_placeholder(s: &str) -> bool {
    PLACEHOLDERS.contains(&s.trim())
}

/// The cell as displayed: control characters replaced by spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn width(s: &str) -> usize {
    s.chars().count()
}

impl fmt::Display for TextTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ncols = self.column_count();
        if ncols == 0 {
            return Ok(());
        }
        let cell = |row: &[String], c: usize| row.get(c).map_or_else(String::new, |s| clean(s));
        let headers: Vec<String> = (0..ncols).map(|c| cell(&self.headers, c)).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| (0..ncols).map(|c| cell(r, c)).collect())
            .collect();

        let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
        let mut numeric_col = vec![true; ncols];
        let mut any_value = vec![false; ncols];
        for row in &rows {
            for (c, s) in row.iter().enumerate() {
                widths[c] = widths[c].max(width(s));
                if s.trim().is_empty() || is_placeholder(s) {
                    continue;
                }
                any_value[c] = true;
                numeric_col[c] &= is_numeric(s);
            }
        }
        let right_col: Vec<bool> = (0..ncols).map(|c| numeric_col[c] && any_value[c]).collect();

        let write_line = |f: &mut fmt::Formatter<'_>, cells: &[(String, bool)]| -> fmt::Result {
            let mut line = String::new();
            for (c, (s, right)) in cells.iter().enumerate() {
                if c > 0 {
                    line.push_str(GAP);
                }
                let pad = " ".repeat(widths[c].saturating_sub(width(s)));
                if *right {
                    line.push_str(&pad);
                    line.push_str(s);
                } else {
                    line.push_str(s);
                    line.push_str(&pad);
                }
            }
            writeln!(f, "{}", line.trim_end())
        };

        let header_cells: Vec<(String, bool)> = headers
            .into_iter()
            .enumerate()
            .map(|(c, h)| (h, right_col[c]))
            .collect();
        write_line(f, &header_cells)?;
        let underline: Vec<(String, bool)> =
            widths.iter().map(|w| ("-".repeat(*w), false)).collect();
        write_line(f, &underline)?;
        for row in rows {
            let cells: Vec<(String, bool)> = row
                .into_iter()
                .enumerate()
                .map(|(c, s)| {
                    let right = if is_placeholder(&s) {
                        right_col[c]
                    } else {
                        is_numeric(&s)
                    };
                    (s, right)
                })
                .collect();
            write_line(f, &cells)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let t = TextTable::new(["key", "source"])
            .with_row(["a", "plain"])
            .with_row(["b", "APS 2003, ch. 10: \"generic\""]);
        assert_eq!(
            t.to_csv(),
            "key,source\na,plain\nb,\"APS 2003, ch. 10: \"\"generic\"\"\"\n"
        );
    }
    use super::*;

    #[test]
    fn aligns_numbers_right_and_text_left() {
        let t = TextTable::new(["missile", "burn_time_s", "range_km"])
            .with_row(["liquid ICBM", "270", "10000"])
            .with_row(["fast-burn", "110.5", "9,500"])
            .with_row(["SLBM", "-", "7,400"]);
        let s = t.to_string();
        let expected = "\
missile      burn_time_s  range_km
-----------  -----------  --------
liquid ICBM          270     10000
fast-burn          110.5     9,500
SLBM                   -     7,400
";
        assert_eq!(s, expected);
    }

    #[test]
    fn header_of_mixed_column_is_left_aligned() {
        let t = TextTable::new(["value"])
            .with_row(["12"])
            .with_row(["n.a. here"]);
        assert_eq!(t.to_string(), "value\n---------\n       12\nn.a. here\n");
    }

    #[test]
    fn ragged_rows_and_unicode_widths() {
        let t = TextTable::new(["μ", "b"])
            .with_row(["1"])
            .with_row(["2", "x", "97.5%"]);
        let s = t.to_string();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "μ  b");
        assert_eq!(lines[1], "-  -  -----");
        assert_eq!(lines[2], "1");
        assert_eq!(lines[3], "2  x  97.5%");
    }

    #[test]
    fn numeric_detection() {
        for s in [
            "0", "-3.5e6", "+1", "1,234", "97.5%", "$22", " 7 ", ".5", "1_000",
        ] {
            assert!(is_numeric(s), "{s}");
        }
        for s in ["", "-", "abc", "km", "1 km", "e5", "$", "%", "1.2.3"] {
            assert!(!is_numeric(s), "{s}");
        }
    }

    #[test]
    fn control_characters_do_not_break_the_grid() {
        let t = TextTable::new(["a"]).with_row(["x\ny"]);
        assert_eq!(t.to_string(), "a\n---\nx y\n");
    }

    #[test]
    fn empty_table_renders_nothing() {
        assert_eq!(TextTable::default().to_string(), "");
    }
}
