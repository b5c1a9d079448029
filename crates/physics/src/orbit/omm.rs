//! Reader of CelesTrak-style OMM JSON (CCSDS Orbit Mean-elements Message in
//! its JSON rendering, as served by CelesTrak's `FORMAT=json` and Space-Track).
//!
//! The text is an array of objects (or one object), each with the keys
//! `OBJECT_NAME`, `OBJECT_ID`, `EPOCH` (ISO 8601 UTC, e.g.
//! `2020-07-12T01:19:07.402656`), `MEAN_MOTION` (rev/day), `ECCENTRICITY`,
//! `INCLINATION`, `RA_OF_ASC_NODE`, `ARG_OF_PERICENTER`, `MEAN_ANOMALY` (deg),
//! `NORAD_CAT_ID`, `BSTAR` (1/Earth radii), `MEAN_MOTION_DOT` (ṅ/2, rev/day²),
//! `MEAN_MOTION_DDOT` (n̈/6, rev/day³) and optionally `CLASSIFICATION_TYPE`,
//! `ELEMENT_SET_NO`, `REV_AT_EPOCH`, `EPHEMERIS_TYPE`. Numbers may also be
//! given as strings (Space-Track does). Required: `EPOCH`, `NORAD_CAT_ID`, the
//! six elements and `BSTAR`; the rest default to empty or 0. If present,
//! `REF_FRAME` must be `TEME`, `TIME_SYSTEM` `UTC`, `CENTER_NAME` `EARTH` and
//! `MEAN_ELEMENT_THEORY` `SGP4`, since only such elements suit SGP4.
//!
//! Error policy: reading stops at the first problem, which names the record
//! (0-based index in the array) and the field; a JSON syntax error carries
//! serde_json's line and column.

use super::sgp4_model::GpElements;
use hifitime::Epoch;
use serde_json::{Map, Value};

/// A problem in an OMM JSON text.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum OmmError {
    /// The text is not valid JSON.
    #[error("{source_name}:{line}:{column}: invalid JSON: {message}")]
    Syntax {
        /// Name of the text (a file name, or `<omm>`).
        source_name: String,
        /// Line, 1-based.
        line: usize,
        /// Column, 1-based.
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// The JSON is not an array of objects (or one object).
    #[error("{source_name}: {message}")]
    Shape {
        /// Name of the text.
        source_name: String,
        /// What was found instead.
        message: String,
    },
    /// A field of a record is missing, of the wrong type or out of range.
    #[error("{source_name}: record {index}{}: field {field}: {message}", object.as_ref().map(|o| format!(" ({o})")).unwrap_or_default())]
    Field {
        /// Name of the text.
        source_name: String,
        /// Index of the record in the array, 0-based.
        index: usize,
        /// The record's `OBJECT_NAME` or `NORAD_CAT_ID`, when readable.
        object: Option<String>,
        /// The JSON key.
        field: String,
        /// What is wrong.
        message: String,
    },
}

/// Reads every record of an OMM JSON text into mean elements (angles in rad,
/// rates in SI; see [`GpElements`]). `source_name` names the text in errors.
pub fn parse_omm_json(source_name: &str, text: &str) -> Result<Vec<GpElements>, OmmError> {
    let value: Value = serde_json::from_str(text).map_err(|e| OmmError::Syntax {
        source_name: source_name.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let records = match value {
        Value::Array(a) => a,
        Value::Object(_) => vec![value],
        other => {
            return Err(OmmError::Shape {
                source_name: source_name.to_owned(),
                message: format!(
                    "expected an array of OMM objects or one object, found {}",
                    kind(&other)
                ),
            });
        }
    };
    records
        .iter()
        .enumerate()
        .map(|(index, v)| match v {
            Value::Object(map) => Record {
                source_name,
                index,
                map,
            }
            .elements(),
            other => Err(OmmError::Shape {
                source_name: source_name.to_owned(),
                message: format!("record {index} is {}, not an object", kind(other)),
            }),
        })
        .collect()
}

/// A JSON value's kind, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One record under inspection.
struct Record<'a> {
    source_name: &'a str,
    index: usize,
    map: &'a Map<String, Value>,
}

impl Record<'_> {
    fn err(&self, field: &str, message: String) -> OmmError {
        let object = match (self.map.get("OBJECT_NAME"), self.map.get("NORAD_CAT_ID")) {
            (Some(Value::String(s)), _) => Some(s.clone()),
            (_, Some(v)) => Some(v.to_string()),
            _ => None,
        };
        OmmError::Field {
            source_name: self.source_name.to_owned(),
            index: self.index,
            object,
            field: field.to_owned(),
            message,
        }
    }

    fn string(&self, field: &str) -> Result<Option<&str>, OmmError> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(v) => Err(self.err(field, format!("expected a string, found {}", kind(v)))),
        }
    }

    fn number(&self, field: &str) -> Result<Option<f64>, OmmError> {
        let x = match self.map.get(field) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
            Some(v) => {
                return Err(self.err(field, format!("expected a number, found {}", kind(v))));
            }
        };
        match x {
            Some(x) if x.is_finite() => Ok(Some(x)),
            _ => Err(self.err(field, "expected a finite number".into())),
        }
    }

    fn required(&self, field: &str) -> Result<f64, OmmError> {
        self.number(field)?
            .ok_or_else(|| self.err(field, "missing required field".into()))
    }

    fn angle(&self, field: &str, max: f64) -> Result<f64, OmmError> {
        let v = self.required(field)?;
        if !(0.0..=max).contains(&v) {
            return Err(self.err(field, format!("{v}° is out of range (0–{max}°)")));
        }
        Ok(v.to_radians())
    }

    fn count(&self, field: &str) -> Result<Option<u32>, OmmError> {
        match self.number(field)? {
            None => Ok(None),
            Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) => {
                Ok(Some(x as u32))
            }
            Some(x) => Err(self.err(field, format!("{x} is not a non-negative integer"))),
        }
    }

    fn fixed(&self, field: &str, expected: &str) -> Result<(), OmmError> {
        match self.string(field)? {
            Some(s) if !s.eq_ignore_ascii_case(expected) => Err(self.err(
                field,
                format!("'{s}' is not supported: SGP4 elements need '{expected}'"),
            )),
            _ => Ok(()),
        }
    }

    fn elements(&self) -> Result<GpElements, OmmError> {
        self.fixed("REF_FRAME", "TEME")?;
        self.fixed("TIME_SYSTEM", "UTC")?;
        self.fixed("CENTER_NAME", "EARTH")?;
        self.fixed("MEAN_ELEMENT_THEORY", "SGP4")?;
        let epoch_text = self
            .string("EPOCH")?
            .ok_or_else(|| self.err("EPOCH", "missing required field".into()))?;
        let epoch = parse_iso_utc(epoch_text).map_err(|m| self.err("EPOCH", m))?;
        let catalog_number = self
            .count("NORAD_CAT_ID")?
            .ok_or_else(|| self.err("NORAD_CAT_ID", "missing required field".into()))?;
        let eccentricity = self.required("ECCENTRICITY")?;
        if !(0.0..1.0).contains(&eccentricity) {
            return Err(self.err(
                "ECCENTRICITY",
                format!("{eccentricity} is out of range [0, 1)"),
            ));
        }
        let n = self.required("MEAN_MOTION")?;
        if n <= 0.0 {
            return Err(self.err("MEAN_MOTION", format!("{n} rev/day must be positive")));
        }
        let classification = match self.string("CLASSIFICATION_TYPE")? {
            None => 'U',
            Some(c @ ("U" | "C" | "S")) => c.chars().next().unwrap_or('U'),
            Some(c) => {
                return Err(self.err("CLASSIFICATION_TYPE", format!("'{c}' must be U, C or S")));
            }
        };
        let rev_day = std::f64::consts::TAU / 86_400.0;
        Ok(GpElements {
            name: self.string("OBJECT_NAME")?.map(str::to_owned),
            catalog_number,
            international_designator: self.string("OBJECT_ID")?.map(str::to_owned),
            classification,
            epoch,
            inclination: self.angle("INCLINATION", 180.0)?,
            raan: self.angle("RA_OF_ASC_NODE", 360.0)?,
            eccentricity,
            arg_perigee: self.angle("ARG_OF_PERICENTER", 360.0)?,
            mean_anomaly: self.angle("MEAN_ANOMALY", 360.0)?,
            mean_motion: n * rev_day,
            mean_motion_dot: 2.0 * self.number("MEAN_MOTION_DOT")?.unwrap_or(0.0) * rev_day
                / 86_400.0,
            mean_motion_ddot: 6.0 * self.number("MEAN_MOTION_DDOT")?.unwrap_or(0.0) * rev_day
                / (86_400.0 * 86_400.0),
            bstar: self.required("BSTAR")?,
            element_set_number: self.count("ELEMENT_SET_NO")?.unwrap_or(0),
            revolution_number: self.count("REV_AT_EPOCH")?.unwrap_or(0),
            ephemeris_type: self
                .count("EPHEMERIS_TYPE")?
                .unwrap_or(0)
                .try_into()
                .map_err(|_| self.err("EPHEMERIS_TYPE", "must be 0–255".into()))?,
        })
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.f…][Z]` (a space may stand for `T`) as UTC.
fn parse_iso_utc(s: &str) -> Result<Epoch, String> {
    let bad = || format!("'{s}' is not an ISO 8601 UTC date-time (YYYY-MM-DDTHH:MM:SS.ffffff)");
    let t = s.trim().trim_end_matches('Z');
    let b = t.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b'T' || b[10] == b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return Err(bad());
    }
    let num = |from: usize, to: usize| -> Result<u32, String> {
        let f = t.get(from..to).ok_or_else(bad)?;
        if !f.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        f.parse().map_err(|_| bad())
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let nanos = match &t[19..] {
        "" => 0,
        frac => {
            let digits = frac.strip_prefix('.').ok_or_else(bad)?;
            if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            let d = &digits[..digits.len().min(9)];
            let v: u32 = d.parse().map_err(|_| bad())?;
            v * 10u32.pow(9 - d.len() as u32)
        }
    };
    if month > 12 || day > 31 || hour > 23 || minute > 59 || second > 60 {
        return Err(bad());
    }
    Epoch::maybe_from_gregorian_utc(
        year as i32,
        month as u8,
        day as u8,
        hour as u8,
        minute as u8,
        second as u8,
        nanos,
    )
    .map_err(|e| format!("'{s}' is not a valid UTC date-time: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISS: &str = r#"[{
        "OBJECT_NAME": "ISS (ZARYA)", "OBJECT_ID": "1998-067A",
        "EPOCH": "2020-07-12T01:19:07.402656", "MEAN_MOTION": 15.49560532,
        "ECCENTRICITY": 0.0001771, "INCLINATION": 51.6435, "RA_OF_ASC_NODE": 225.4004,
        "ARG_OF_PERICENTER": 44.9625, "MEAN_ANOMALY": 5.1087, "EPHEMERIS_TYPE": 0,
        "CLASSIFICATION_TYPE": "U", "NORAD_CAT_ID": 25544, "ELEMENT_SET_NO": 999,
        "REV_AT_EPOCH": 23587, "BSTAR": 0.0049645, "MEAN_MOTION_DOT": 0.00289036,
        "MEAN_MOTION_DDOT": 0
    }]"#;

    #[test]
    fn reads_celestrak_record() {
        let v = parse_omm_json("iss.json", ISS).unwrap();
        assert_eq!(v.len(), 1);
        let e = &v[0];
        assert_eq!(e.catalog_number, 25544);
        assert_eq!(e.name.as_deref(), Some("ISS (ZARYA)"));
        assert!((e.inclination.to_degrees() - 51.6435).abs() < 1e-12);
        let (y, mo, d, h, mi, s, ns) = e.epoch.to_gregorian_utc();
        assert_eq!(
            (y, mo, d, h, mi, s, ns),
            (2020, 7, 12, 1, 19, 7, 402_656_000)
        );
    }

    #[test]
    fn numbers_as_strings_and_single_object() {
        let text = ISS
            .trim_start_matches('[')
            .trim_end_matches(']')
            .replace("25544", "\"25544\"");
        let v = parse_omm_json("x", &text).unwrap();
        assert_eq!(v[0].catalog_number, 25544);
    }

    #[test]
    fn same_elements_as_tle_propagate_the_same() {
        use crate::orbit::sgp4_model::Satellite;
        let tle = crate::orbit::tle::parse_tle(
            None,
            "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927",
            "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537",
        )
        .unwrap();
        let omm = r#"{"OBJECT_ID": "1998-067A", "EPOCH": "2008-09-20T12:25:40.104192",
            "MEAN_MOTION": 15.72125391, "ECCENTRICITY": 0.0006703, "INCLINATION": 51.6416,
            "RA_OF_ASC_NODE": 247.4627, "ARG_OF_PERICENTER": 130.5360, "MEAN_ANOMALY": 325.0288,
            "NORAD_CAT_ID": 25544, "BSTAR": -0.11606e-4, "MEAN_MOTION_DOT": -0.00002182,
            "MEAN_MOTION_DDOT": 0, "REV_AT_EPOCH": 56353, "ELEMENT_SET_NO": 292}"#;
        let omm = &parse_omm_json("iss.json", omm).unwrap()[0];
        assert_eq!(omm.epoch, tle.epoch);
        let (a, b) = (
            Satellite::from_elements(&tle).unwrap(),
            Satellite::from_elements(omm).unwrap(),
        );
        for m in [0.0, 720.0, 1440.0] {
            let (ra, va) = a.propagate_minutes(m).unwrap();
            let (rb, vb) = b.propagate_minutes(m).unwrap();
            assert!((ra - rb).norm() < 1e-3 && (va - vb).norm() < 1e-6);
        }
    }

    #[test]
    fn iso_dates() {
        assert!(parse_iso_utc("2020-07-12T01:19:07Z").is_ok());
        assert!(parse_iso_utc("2020-02-30T00:00:00").is_err());
        assert!(parse_iso_utc("2020-07-12").is_err());
        assert!(parse_iso_utc("2020-07-12T01:19:07.").is_err());
    }
}
