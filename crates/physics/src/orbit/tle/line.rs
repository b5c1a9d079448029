//! Fixed-column fields of one TLE line: layout, numbers, epoch, checksum.

use super::{TLE_LINE_LEN, TleError, tle_checksum};
use hifitime::Epoch;

/// One line under inspection: its number in the text and its content.
pub(super) struct Line<'a> {
    /// Name of the text, for errors.
    pub(super) source_name: &'a str,
    /// Line number in the text, 1-based.
    pub(super) n: usize,
    /// The line, without its line ending.
    pub(super) text: &'a str,
}

impl Line<'_> {
    pub(super) fn err(
        &self,
        column: usize,
        width: usize,
        message: String,
        help: Option<String>,
    ) -> TleError {
        TleError::at(
            self.source_name,
            self.n,
            self.text,
            column,
            width,
            message,
            help,
        )
    }

    /// Columns `from..=to` (1-based); the caller has checked the length.
    pub(super) fn field(&self, from: usize, to: usize) -> &str {
        &self.text[from - 1..to]
    }

    /// ASCII, line number, length.
    pub(super) fn shape(&self, number: u8) -> Result<(), TleError> {
        if let Some((i, _)) = self.text.char_indices().find(|(_, c)| !c.is_ascii()) {
            let col = self.text[..i].chars().count() + 1;
            return Err(self.err(
                col,
                1,
                "a TLE line holds ASCII characters only".into(),
                None,
            ));
        }
        let b = self.text.as_bytes();
        if b[0] != number {
            return Err(self.err(
                1,
                1,
                format!(
                    "line {} of a TLE must start with '{}', found '{}'",
                    number - b'0',
                    number as char,
                    b[0] as char
                ),
                None,
            ));
        }
        if b.len() < TLE_LINE_LEN {
            return Err(self.err(
                b.len() + 1,
                1,
                format!(
                    "line is truncated: {} columns, a TLE line has {TLE_LINE_LEN}",
                    b.len()
                ),
                Some("check that the line was not cut or wrapped".into()),
            ));
        }
        if b.len() > TLE_LINE_LEN {
            return Err(self.err(
                TLE_LINE_LEN + 1,
                b.len() - TLE_LINE_LEN,
                format!(
                    "unexpected text after column {TLE_LINE_LEN} ({} columns, a TLE line has {TLE_LINE_LEN})",
                    b.len()
                ),
                Some("a field may be shifted right, or a comment follows the line".into()),
            ));
        }
        self.blank(2)
    }

    pub(super) fn blank(&self, column: usize) -> Result<(), TleError> {
        if self.text.as_bytes()[column - 1] != b' ' {
            return Err(self.err(
                column,
                1,
                format!("column {column} must be blank: it separates two fields"),
                Some("a field is shifted; TLE fields sit in fixed columns".into()),
            ));
        }
        Ok(())
    }

    /// Catalog number in columns 3–7: five digits (leading blanks allowed) or
    /// Alpha-5 (a letter other than I and O, then four digits).
    pub(super) fn catalog(&self) -> Result<u32, TleError> {
        let f = self.field(3, 7);
        let bad = || {
            self.err(
                3,
                5,
                format!("catalog number '{f}' must be 5 digits or Alpha-5 (e.g. A1234)"),
                None,
            )
        };
        let b = f.as_bytes();
        let rest: &str = &f[1..];
        if !rest.bytes().all(|c| c.is_ascii_digit() || c == b' ') {
            return Err(bad());
        }
        let lead = match b[0] {
            b'0'..=b'9' => u32::from(b[0] - b'0'),
            b' ' => 0,
            b'A'..=b'H' => u32::from(b[0] - b'A') + 10,
            b'J'..=b'N' => u32::from(b[0] - b'J') + 18,
            b'P'..=b'Z' => u32::from(b[0] - b'P') + 23,
            _ => return Err(bad()),
        };
        let tail = rest.trim_start();
        let tail_val: u32 = if tail.is_empty() {
            0
        } else {
            tail.parse().map_err(|_| bad())?
        };
        if b[0] == b' ' && tail.is_empty() {
            return Err(bad());
        }
        Ok(lead * 10_000 + tail_val)
    }

    /// Epoch: two-digit year in 19–20 and day of year with fraction in 21–32.
    pub(super) fn epoch(&self) -> Result<Epoch, TleError> {
        let yy = self.field(19, 20);
        if !yy.bytes().all(|c| c.is_ascii_digit()) {
            return Err(self.err(19, 2, format!("epoch year '{yy}' must be two digits"), None));
        }
        let yy: i32 = yy.parse().unwrap_or(0);
        let year = if yy >= 57 { 1900 + yy } else { 2000 + yy };
        let f = self.field(21, 32);
        let day_err = |msg: String| {
            self.err(21, 12, msg, Some("the epoch is YYDDD.DDDDDDDD: two-digit year, then day of year 1–365 (366 in leap years) with its fraction".into()))
        };
        let t = f.trim_start();
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if int.is_empty()
            || !int.bytes().all(|c| c.is_ascii_digit())
            || !frac.bytes().all(|c| c.is_ascii_digit())
        {
            return Err(day_err(format!(
                "epoch day '{f}' must be a day of year with its fraction"
            )));
        }
        let day: u32 = int
            .parse()
            .map_err(|_| day_err(format!("epoch day '{int}' is out of range")))?;
        let days_in_year = if is_leap(year) { 366 } else { 365 };
        if day < 1 || day > days_in_year {
            return Err(day_err(format!(
                "epoch day {day} is out of range for {year} (1–{days_in_year})"
            )));
        }
        // Fraction of day to nanoseconds, exactly in integers.
        let digits = &frac[..frac.len().min(18)];
        let num: u128 = if digits.is_empty() {
            0
        } else {
            digits.parse().unwrap_or(0)
        };
        let den = 10u128.pow(digits.len() as u32);
        let ns_day: u128 = 86_400_000_000_000;
        let mut ns = (num * ns_day + den / 2) / den;
        let mut index = day - 1; // 0-based day of year
        let mut year = year;
        if ns >= ns_day {
            ns -= ns_day;
            index += 1;
            if index >= days_in_year {
                index = 0;
                year += 1;
            }
        }
        let (month, dom) = month_day(year, index);
        let ns = ns as u64;
        let secs = ns / 1_000_000_000;
        Epoch::maybe_from_gregorian_utc(
            year,
            month,
            dom,
            (secs / 3600) as u8,
            ((secs / 60) % 60) as u8,
            (secs % 60) as u8,
            (ns % 1_000_000_000) as u32,
        )
        .map_err(|e| day_err(format!("epoch is not a valid UTC date: {e}")))
    }

    /// A decimal number in columns `from..=to`: leading blanks, optional
    /// sign, digits with at most one point.
    pub(super) fn decimal(&self, from: usize, to: usize, what: &str) -> Result<f64, TleError> {
        let f = self.field(from, to);
        let t = f.trim_start();
        let body = t.strip_prefix(['+', '-']).unwrap_or(t);
        let ok = !body.is_empty()
            && body.bytes().any(|c| c.is_ascii_digit())
            && body.bytes().all(|c| c.is_ascii_digit() || c == b'.')
            && body.bytes().filter(|&c| c == b'.').count() <= 1;
        let bad = || {
            self.err(
                from,
                to - from + 1,
                format!("{what} '{f}' (columns {from}–{to}) is not a number"),
                Some("a field may be shifted; TLE fields sit in fixed columns".into()),
            )
        };
        if !ok {
            return Err(bad());
        }
        t.parse().map_err(|_| bad())
    }

    /// An angle in degrees in columns `from..=to`, in `[0, max]`.
    pub(super) fn angle(
        &self,
        from: usize,
        to: usize,
        what: &str,
        max: f64,
    ) -> Result<f64, TleError> {
        let v = self.decimal(from, to, what)?;
        if !(0.0..=max).contains(&v) {
            return Err(self.err(
                from,
                to - from + 1,
                format!("{what} {v}° is out of range (0–{max}°)"),
                None,
            ));
        }
        Ok(v)
    }

    /// A non-negative integer in columns `from..=to`; all blank means 0.
    pub(super) fn integer(&self, from: usize, to: usize, what: &str) -> Result<u32, TleError> {
        let f = self.field(from, to);
        let t = f.trim_start();
        if t.is_empty() {
            return Ok(0);
        }
        if !t.bytes().all(|c| c.is_ascii_digit()) {
            return Err(self.err(
                from,
                to - from + 1,
                format!("{what} '{f}' (columns {from}–{to}) must be digits"),
                None,
            ));
        }
        t.parse().map_err(|_| {
            self.err(
                from,
                to - from + 1,
                format!("{what} '{f}' is out of range"),
                None,
            )
        })
    }

    /// A number written with an assumed decimal point and an exponent, in 8
    /// columns from `from`: sign, 5 digits, exponent sign, exponent digit
    /// (` 12345-3` = 0.12345e-3).
    pub(super) fn exponent(&self, from: usize, what: &str) -> Result<f64, TleError> {
        let f = self.field(from, from + 7).as_bytes();
        let bad = || {
            self.err(
                from,
                8,
                format!(
                    "{what} '{}' (columns {from}–{}) must be written ±NNNNN±E, decimal point assumed",
                    self.field(from, from + 7),
                    from + 7
                ),
                Some("e.g. ' 12345-3' for 0.12345e-3".into()),
            )
        };
        let sign = match f[0] {
            b' ' | b'+' => 1.0,
            b'-' => -1.0,
            _ => return Err(bad()),
        };
        let mantissa = std::str::from_utf8(&f[1..6])
            .map_err(|_| bad())?
            .trim_start();
        if !mantissa.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let exp_sign = match f[6] {
            b' ' | b'+' => 1,
            b'-' => -1,
            _ => return Err(bad()),
        };
        if !f[7].is_ascii_digit() {
            return Err(bad());
        }
        let exp = exp_sign * i32::from(f[7] - b'0');
        let m: f64 = if mantissa.is_empty() {
            0.0
        } else {
            format!("0.{mantissa:0>5}").parse().map_err(|_| bad())?
        };
        Ok(sign * m * 10f64.powi(exp))
    }

    pub(super) fn checksum(&self) -> Result<(), TleError> {
        let found = self.text.as_bytes()[TLE_LINE_LEN - 1];
        let expected = tle_checksum(self.text);
        if !found.is_ascii_digit() {
            return Err(self.err(
                TLE_LINE_LEN,
                1,
                format!("checksum '{}' must be a digit", found as char),
                None,
            ));
        }
        if found - b'0' != expected {
            return Err(self.err(
                TLE_LINE_LEN,
                1,
                format!(
                    "checksum mismatch: column 69 says {}, the line sums to {expected}",
                    found as char
                ),
                Some("a digit of the line was altered, or the checksum is wrong; the checksum is the sum of the digits of columns 1–68 (each '-' counts 1), modulo 10".into()),
            ));
        }
        Ok(())
    }
}

/// Gregorian leap year.
fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Month (1–12) and day of month of a 0-based day of year.
fn month_day(year: i32, index: u32) -> (u8, u8) {
    let feb = if is_leap(year) { 29 } else { 28 };
    let lengths = [31, feb, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = index;
    for (m, len) in lengths.iter().enumerate() {
        if rest < *len {
            return (m as u8 + 1, rest as u8 + 1);
        }
        rest -= len;
    }
    (12, 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha5_and_month_day() {
        let l = Line {
            source_name: "x",
            n: 1,
            text: "1 A0001U",
        };
        assert_eq!(l.catalog().unwrap(), 100_001);
        let l = Line {
            text: "1 Z9999U",
            ..l
        };
        assert_eq!(l.catalog().unwrap(), 339_999);
        assert_eq!(month_day(2008, 59), (2, 29));
        assert_eq!(month_day(2007, 59), (3, 1));
        assert_eq!(month_day(2008, 365), (12, 31));
    }
}
