//! `[scenario] epoch`: simulation time zero, read with hifitime.

use hifitime::Epoch;
use toml_edit::Value;

use crate::context::Ctx;
use crate::problem::ProblemKind;
use crate::reader::TableReader;
use crate::{DEFAULT_EPOCH, default_epoch};

/// Read `epoch`: a string hifitime understands (a Gregorian date and time
/// with its time scale, or `JD`/`MJD`/`SEC` forms), or a TOML offset
/// date-time.
pub(crate) fn read_epoch(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Epoch> {
    let Some((item, span)) = t.value("epoch") else {
        return Some(default_epoch());
    };
    let text = match item.as_value() {
        Some(Value::String(s)) => s.value().clone(),
        Some(Value::Datetime(d)) => {
            let d = d.value();
            if d.date.is_none() || d.time.is_none() || d.offset.is_none() {
                ctx.report(
                    ProblemKind::InvalidValue,
                    span,
                    format!("the epoch {d} needs a date, a time and a UTC offset"),
                    format!(
                        "write it as a string with its time scale, e.g. `epoch = \"{DEFAULT_EPOCH}\"`, \
                         or as a TOML date-time ending in `Z`, e.g. `epoch = 2026-01-01T00:00:00Z`"
                    ),
                )
                .relabel("incomplete date-time");
                return None;
            }
            d.to_string()
        }
        _ => {
            t.wrong_type(ctx, "epoch", "a string", item, span);
            return None;
        }
    };
    match parse_epoch(&text) {
        Ok(e) => Some(e),
        Err(EpochProblem::Unreadable) => {
            ctx.report(
                ProblemKind::InvalidValue,
                span,
                format!("cannot read the epoch \"{}\"", text.escape_debug()),
                format!(
                    "write a Gregorian date and time with its time scale, \
                     e.g. `epoch = \"{DEFAULT_EPOCH}\"` (also TAI, TT, GPST; \
                     or ISO 8601 with `Z`, e.g. \"2026-01-01T00:00:00Z\")"
                ),
            )
            .relabel("not a date and time");
            None
        }
        Err(EpochProblem::OutOfRange(year)) => {
            ctx.report(
                ProblemKind::InvalidValue,
                span,
                format!(
                    "the epoch \"{}\" is in the year {year}, outside {EPOCH_YEARS_TEXT}",
                    text.escape_debug()
                ),
                format!(
                    "give a date between {EPOCH_YEARS_TEXT}, e.g. `epoch = \"{DEFAULT_EPOCH}\"`"
                ),
            )
            .relabel("out of range");
            None
        }
    }
}

/// Years an epoch may fall in.
const EPOCH_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// [`EPOCH_YEARS`] in words.
const EPOCH_YEARS_TEXT: &str = "the years 1900 to 2200";

/// Why an epoch text was refused.
#[derive(Debug, PartialEq)]
pub(crate) enum EpochProblem {
    /// hifitime cannot read it.
    Unreadable,
    /// It is read, but falls in this year, outside [`EPOCH_YEARS`].
    OutOfRange(i32),
}

/// An epoch read by hifitime (`Epoch::from_str`): a Gregorian date and
/// time with an optional time scale or UTC offset, or `JD`/`MJD`/`SEC`
/// followed by a number and a time scale; in the years 1900 to 2200.
///
/// hifitime panics on a non-finite `JD`/`MJD`/`SEC` number, so the number
/// is checked first; any other panic of the date parser is caught as a
/// last resort and taken as unreadable, so that no user text panics.
pub(crate) fn parse_epoch(text: &str) -> Result<Epoch, EpochProblem> {
    let text = text.trim();
    if text.is_empty() || !text.is_ascii() {
        return Err(EpochProblem::Unreadable);
    }
    let canonical;
    let text = if ["JD", "MJD", "SEC"].iter().any(|p| text.starts_with(p)) {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let [kind, number, scale] = tokens[..] else {
            return Err(EpochProblem::Unreadable);
        };
        let n = number
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or(EpochProblem::Unreadable)?;
        canonical = format!("{kind} {n:?} {scale}");
        canonical.as_str()
    } else {
        text
    };
    let epoch = std::panic::catch_unwind(|| text.parse::<Epoch>().ok())
        .ok()
        .flatten()
        .ok_or(EpochProblem::Unreadable)?;
    let year = epoch.to_gregorian_utc().0;
    if EPOCH_YEARS.contains(&year) {
        Ok(epoch)
    } else {
        Err(EpochProblem::OutOfRange(year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epochs_in_every_form() {
        let day = |s: &str| parse_epoch(s).map(|e| e.to_string());
        assert_eq!(
            day("2026-01-01T00:00:00 UTC").as_deref(),
            Ok("2026-01-01T00:00:00 UTC")
        );
        assert_eq!(
            day("2026-01-01T00:00:00Z").as_deref(),
            Ok("2026-01-01T00:00:00 UTC")
        );
        assert_eq!(
            day("  2026-01-01 12:00:00 TAI ").as_deref(),
            Ok("2026-01-01T12:00:00 TAI")
        );
        assert_eq!(
            day("MJD 51544.5 TAI").as_deref(),
            Ok("2000-01-01T12:00:00 TAI")
        );
        assert!(parse_epoch("JD 2452312.5 UTC").is_ok());
        // The forms docs/scenario.md shows for the default epoch.
        for same in [
            "2026-01-01",
            "2026-01-01T00:00:00",
            "2026-01-01T02:00:00+02:00",
            "JD 2461041.5 UTC",
            "MJD 61041.0 UTC",
        ] {
            assert_eq!(parse_epoch(same), Ok(default_epoch()), "{same}");
        }
        for scale in ["UTC", "TAI", "TT", "TDB", "ET", "GPST", "GST", "BDT"] {
            let text = format!("2026-01-01 12:30:00.5 {scale}");
            assert!(parse_epoch(&text).is_ok(), "{text}");
        }
        assert!(parse_epoch("SEC 0.5 TAI").is_ok());
        for bad in [
            "",
            "tomorrow",
            "JD nan UTC",
            "JD inf TAI",
            "SEC -inf TT",
            "MJD 1e999 UTC",
            "JD 1 2 UTC",
            "2026-02-30T00:00:00 UTC",
            "2026-01-01T25:00:00 UTC",
            "é",
        ] {
            assert_eq!(parse_epoch(bad), Err(EpochProblem::Unreadable), "{bad}");
        }
        assert_eq!(
            parse_epoch("JD 1e300 UTC").map(|_| ()).unwrap_err(),
            EpochProblem::OutOfRange(3_278_767)
        );
        assert!(matches!(
            parse_epoch("1800-01-01T00:00:00 UTC"),
            Err(EpochProblem::OutOfRange(1800))
        ));
    }
}
