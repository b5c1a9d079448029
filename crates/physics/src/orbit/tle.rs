//! Reader of two-line element sets (TLEs), with or without a name line.
//!
//! The layout is the fixed-column format documented by CelesTrak ("NORAD
//! Two-Line Element Set Format") and Space-Track; columns below are 1-based and
//! inclusive:
//!
//! | line 1 | field | line 2 | field |
//! |---|---|---|---|
//! | 1 | line number `1` | 1 | line number `2` |
//! | 3–7 | catalog number (digits or Alpha-5) | 3–7 | catalog number |
//! | 8 | classification `U`/`C`/`S` | 9–16 | inclination, deg |
//! | 10–17 | international designator | 18–25 | right ascension of the node, deg |
//! | 19–20 | epoch year (57–99 → 19xx, 00–56 → 20xx) | 27–33 | eccentricity, decimal point assumed |
//! | 21–32 | epoch day of year and fraction, UTC | 35–42 | argument of perigee, deg |
//! | 34–43 | ṅ/2, rev/day² | 44–51 | mean anomaly, deg |
//! | 45–52 | n̈/6, rev/day³, decimal point assumed | 53–63 | mean motion, rev/day |
//! | 54–61 | B*, 1/Earth radii, decimal point assumed | 64–68 | revolution number at epoch |
//! | 63 | ephemeris type | | |
//! | 65–68 | element set number | | |
//! | 69 | modulo-10 checksum | 69 | modulo-10 checksum |
//!
//! The separating columns (2, 9, 18, 33, 44, 53, 62, 64 on line 1; 2, 8, 17, 26,
//! 34, 43, 52 on line 2) must be blank, which catches shifted fields. The checksum
//! is the sum of the digits of columns 1–68, with each `-` counting 1, modulo 10.
//!
//! Error policy: every element set of a text is read; the first problem of each
//! set is reported (later problems of the same set are often consequences of the
//! first), and [`parse_tles`] returns all of them at once in [`TleErrors`], so a
//! user fixes a whole file in one pass. Blank lines and lines starting with `#`
//! are skipped; a name line may carry Space-Track's `0 ` prefix.

mod error;
mod line;

pub use error::{TleError, TleErrors};

use super::sgp4_model::GpElements;
use hifitime::Epoch;
use line::Line;

/// Number of columns of a TLE line.
pub const TLE_LINE_LEN: usize = 69;

/// Reads every element set of a TLE text (2-line or 3-line sets, mixed).
///
/// `source_name` names the text in errors (a file name, say). Returns the sets
/// in text order, with angles in rad and rates in SI units (see
/// [`GpElements`]), or every problem found, one per faulty set. A text with no
/// element set at all is an error.
pub fn parse_tles(source_name: &str, text: &str) -> Result<Vec<GpElements>, TleErrors> {
    parse_tles_capped(source_name, text, usize::MAX).map_err(|(errors, _)| errors)
}

/// Like [`parse_tles`], but keeps at most `max_errors` problems (the first,
/// in line order): on failure, returns them with the number of faulty sets
/// found in all. Memory for errors stays bounded however many lines of a
/// text are bad.
pub fn parse_tles_capped(
    source_name: &str,
    text: &str,
    max_errors: usize,
) -> Result<Vec<GpElements>, (TleErrors, usize)> {
    let mut found = Capped {
        errors: Vec::new(),
        count: 0,
        max: max_errors,
    };
    let out = read_sets(source_name, text, &mut found);
    if out.is_empty() && found.count == 0 {
        found.push(TleError::at(
            source_name,
            1,
            text.lines().next().unwrap_or(""),
            1,
            1,
            "no element set found".into(),
            None,
        ));
    }
    if found.count == 0 {
        Ok(out)
    } else {
        Err((
            TleErrors {
                errors: found.errors,
            },
            found.count,
        ))
    }
}

/// The first `max` problems of a text, and how many there are in all.
struct Capped {
    errors: Vec<TleError>,
    count: usize,
    max: usize,
}

impl Capped {
    fn push(&mut self, e: TleError) {
        self.count += 1;
        if self.errors.len() < self.max {
            self.errors.push(e);
        }
    }
}

/// Reads every element set of `text`, handing each problem to `found`.
fn read_sets(source_name: &str, text: &str, found: &mut Capped) -> Vec<GpElements> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut out = Vec::new();
    let reader = Reader { source_name };
    let mut i = 0;
    while i < lines.len() {
        let (n, text) = lines[i];
        let (name, first) = if looks_like_tle_line(text) {
            (None, i)
        } else {
            let name = text.strip_prefix("0 ").unwrap_or(text).trim();
            match lines.get(i + 1) {
                Some(&(_, next)) if looks_like_tle_line(next) => (Some(name), i + 1),
                _ => {
                    found.push(reader.error(
                        n,
                        text,
                        1,
                        text.len(),
                        "expected a TLE line 1, or a satellite name followed by line 1".into(),
                        Some("a TLE is two lines of 69 columns starting with '1 ' and '2 ', optionally preceded by a name line".into()),
                    ));
                    i += 1;
                    continue;
                }
            }
        };
        let (n1, l1) = lines[first];
        match lines.get(first + 1) {
            Some(&(n2, l2)) if looks_like_tle_line(l2) && !l2.starts_with('1') => {
                match reader.parse_set(name, (n1, l1), (n2, l2)) {
                    Ok(e) => out.push(e),
                    Err(e) => found.push(e),
                }
                i = first + 2;
            }
            next => {
                let e = match reader.line1(n1, l1) {
                    Err(e) => e,
                    Ok(_) => reader.error(
                        n1,
                        l1,
                        1,
                        1,
                        match next {
                            Some(_) => "line 1 of a TLE is not followed by its line 2",
                            None => "the text ends after line 1 of a TLE",
                        }
                        .into(),
                        Some("add line 2 of the element set, starting with '2 '".into()),
                    ),
                };
                found.push(e);
                i = first + 1;
            }
        }
    }
    out
}

/// Reads one element set from its two lines (and an optional name), numbered
/// as lines 1 and 2 of a text called `<tle>`.
pub fn parse_tle(name: Option<&str>, line1: &str, line2: &str) -> Result<GpElements, TleError> {
    Reader {
        source_name: "<tle>",
    }
    .parse_set(name, (1, line1.trim_end()), (2, line2.trim_end()))
}

/// Modulo-10 checksum of the first 68 columns of a TLE line: the sum of its
/// digits, each `-` counting 1.
pub fn tle_checksum(line: &str) -> u8 {
    let sum: u32 = line
        .bytes()
        .take(TLE_LINE_LEN - 1)
        .map(|b| match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'-' => 1,
            _ => 0,
        })
        .sum();
    (sum % 10) as u8
}

/// A line that is a TLE data line rather than a name: a digit 1–9, a space,
/// and enough columns to hold a catalog number.
fn looks_like_tle_line(l: &str) -> bool {
    let b = l.as_bytes();
    b.len() >= 20 && (b'1'..=b'9').contains(&b[0]) && b[1] == b' '
}

/// Line 1 fields needed to finish the set.
struct Line1 {
    catalog: u32,
    classification: char,
    designator: Option<String>,
    epoch: Epoch,
    ndot_half: f64,
    nddot_sixth: f64,
    bstar: f64,
    ephemeris_type: u8,
    element_set: u32,
}

/// Parses lines within a named text; every error carries the name.
struct Reader<'a> {
    source_name: &'a str,
}

impl Reader<'_> {
    fn error(
        &self,
        line: usize,
        text: &str,
        column: usize,
        width: usize,
        message: String,
        help: Option<String>,
    ) -> TleError {
        TleError::at(self.source_name, line, text, column, width, message, help)
    }

    fn parse_set(
        &self,
        name: Option<&str>,
        (n1, l1): (usize, &str),
        (n2, l2): (usize, &str),
    ) -> Result<GpElements, TleError> {
        let a = self.line1(n1, l1)?;
        let b = Line {
            source_name: self.source_name,
            n: n2,
            text: l2,
        };
        b.shape(b'2')?;
        let catalog2 = b.catalog()?;
        if catalog2 != a.catalog {
            return Err(b.err(
                3,
                5,
                format!(
                    "catalog number {catalog2} on line 2 does not match {} on line 1",
                    a.catalog
                ),
                Some("both lines of a TLE must describe the same object".into()),
            ));
        }
        for c in [8, 17, 26, 34, 43, 52] {
            b.blank(c)?;
        }
        let inclination = b.angle(9, 16, "inclination", 180.0)?;
        let raan = b.angle(18, 25, "right ascension of the ascending node", 360.0)?;
        let ecc_field = b.field(27, 33);
        if !ecc_field.bytes().all(|c| c.is_ascii_digit()) {
            return Err(b.err(
                27,
                7,
                format!("eccentricity '{ecc_field}' must be 7 digits (decimal point assumed)"),
                Some("e.g. 0001234 for e = 0.0001234".into()),
            ));
        }
        let eccentricity: f64 = format!("0.{ecc_field}")
            .parse()
            .map_err(|_| b.err(27, 7, "eccentricity is not a number".into(), None))?;
        let arg_perigee = b.angle(35, 42, "argument of perigee", 360.0)?;
        let mean_anomaly = b.angle(44, 51, "mean anomaly", 360.0)?;
        let n_rev_day = b.decimal(53, 63, "mean motion")?;
        if n_rev_day <= 0.0 {
            return Err(b.err(
                53,
                11,
                format!("mean motion {n_rev_day} rev/day must be positive"),
                None,
            ));
        }
        let revolution_number = b.integer(64, 68, "revolution number")?;
        b.checksum()?;

        let rev_day = std::f64::consts::TAU / 86_400.0;
        Ok(GpElements {
            name: name.map(str::to_owned),
            catalog_number: a.catalog,
            international_designator: a.designator,
            classification: a.classification,
            epoch: a.epoch,
            inclination: inclination.to_radians(),
            raan: raan.to_radians(),
            eccentricity,
            arg_perigee: arg_perigee.to_radians(),
            mean_anomaly: mean_anomaly.to_radians(),
            mean_motion: n_rev_day * rev_day,
            mean_motion_dot: 2.0 * a.ndot_half * rev_day / 86_400.0,
            mean_motion_ddot: 6.0 * a.nddot_sixth * rev_day / (86_400.0 * 86_400.0),
            bstar: a.bstar,
            element_set_number: a.element_set,
            revolution_number,
            ephemeris_type: a.ephemeris_type,
        })
    }

    fn line1(&self, n: usize, text: &str) -> Result<Line1, TleError> {
        let a = Line {
            source_name: self.source_name,
            n,
            text,
        };
        a.shape(b'1')?;
        let catalog = a.catalog()?;
        let classification = match a.field(8, 8) {
            c @ ("U" | "C" | "S") => c.chars().next().unwrap_or('U'),
            c => {
                return Err(a.err(
                    8,
                    1,
                    format!("classification '{c}' must be U, C or S"),
                    None,
                ));
            }
        };
        for c in [9, 18, 33, 44, 53, 62, 64] {
            a.blank(c)?;
        }
        let designator = Some(a.field(10, 17).trim().to_owned()).filter(|d| !d.is_empty());
        let epoch = a.epoch()?;
        let ndot_half = a.decimal(34, 43, "first derivative of mean motion")?;
        let nddot_sixth = a.exponent(45, "second derivative of mean motion")?;
        let bstar = a.exponent(54, "B* drag term")?;
        let ephemeris_type = match a.field(63, 63).as_bytes()[0] {
            b' ' => 0,
            d @ b'0'..=b'9' => d - b'0',
            _ => {
                return Err(a.err(63, 1, "ephemeris type must be a digit".into(), None));
            }
        };
        let element_set = a.integer(65, 68, "element set number")?;
        a.checksum()?;
        Ok(Line1 {
            catalog,
            classification,
            designator,
            epoch,
            ndot_half,
            nddot_sixth,
            bstar,
            ephemeris_type,
            element_set,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L1: &str = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927";
    const L2: &str = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537";

    #[test]
    fn reads_iss() {
        let e = parse_tle(Some("ISS (ZARYA)"), L1, L2).unwrap();
        assert_eq!(e.catalog_number, 25544);
        assert_eq!(e.international_designator.as_deref(), Some("98067A"));
        assert!((e.inclination.to_degrees() - 51.6416).abs() < 1e-12);
        assert!((e.eccentricity - 0.0006703).abs() < 1e-15);
        assert!((e.bstar + 0.11606e-4).abs() < 1e-18);
        let (y, m, d, h, mi, s, _) = e.epoch.to_gregorian_utc();
        assert_eq!((y, m, d, h, mi, s), (2008, 9, 20, 12, 25, 40));
    }

    #[test]
    fn capped_reading_keeps_the_first_errors_and_counts_all() {
        let bad = format!("{L1}\n{}\n", L2.replace("563537", "563538")).repeat(5);
        let (errors, count) = parse_tles_capped("t", &bad, 2).unwrap_err();
        assert_eq!(count, 5);
        assert_eq!(errors.errors.len(), 2);
        assert_eq!((errors.errors[0].line, errors.errors[1].line), (2, 4));
        assert_eq!(parse_tles("t", &bad).unwrap_err().errors.len(), 5);
        let (errors, count) = parse_tles_capped("t", "", 0).unwrap_err();
        assert_eq!((errors.errors.len(), count), (0, 1), "no element set found");
    }

    #[test]
    fn checksum_of_iss() {
        assert_eq!(tle_checksum(L1), 7);
        assert_eq!(tle_checksum(L2), 7);
    }
}
