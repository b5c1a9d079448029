//! Entry points of cupola's fuzz targets, shared by the cargo-fuzz binaries
//! in `fuzz_targets/` and by the corpus replay test of
//! `tests/validation/fuzz_corpus.rs`, so that CI feeds every corpus file to
//! exactly the code the fuzzer ran. Each takes arbitrary bytes and must
//! return without panicking, whatever they hold.

use cupola_physics::orbit::omm::parse_omm_json;
use cupola_physics::orbit::sgp4_model::{GpElements, Satellite};
use cupola_physics::orbit::tle::parse_tles;

/// Element sets propagated per input: enough to reach SGP4's
/// initialisation and propagation with every parsed set of a small input
/// without letting one large input dominate the run.
const MAX_PROPAGATED: usize = 8;

/// Times after each set's epoch it is propagated to, minutes: at epoch, a
/// day and a year later, and a day before.
const PROPAGATE_MIN: [f64; 4] = [0.0, 1_440.0, 525_960.0, -1_440.0];

/// The scenario reader: parse the bytes (as UTF-8, invalid sequences
/// replaced) as a scenario file; no file is read.
pub fn scenario(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = cupola_scenario::parse("fuzz.toml", &text);
}

/// The TLE reader, then SGP4 initialisation and propagation of what it
/// accepts.
pub fn tle(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(sets) = parse_tles("fuzz.tle", &text) {
        propagate(&sets);
    }
}

/// The OMM JSON reader, then SGP4 initialisation and propagation of what it
/// accepts.
pub fn omm(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(sets) = parse_omm_json("fuzz.json", &text) {
        propagate(&sets);
    }
}

/// Epoch parsing: the bytes as the scenario's `epoch` string and as an OMM
/// record's `EPOCH`.
pub fn epoch(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let quoted = quote(&text);
    let scenario = format!("[scenario]\nname = \"epoch\"\nepoch = {quoted}\n");
    let _ = cupola_scenario::parse("fuzz.toml", &scenario);
    let omm = format!(
        "[{{\"OBJECT_NAME\": \"FUZZ\", \"EPOCH\": {quoted}, \"MEAN_MOTION\": 15.5, \
         \"ECCENTRICITY\": 0.0001, \"INCLINATION\": 51.6, \"RA_OF_ASC_NODE\": 225.4, \
         \"ARG_OF_PERICENTER\": 45.0, \"MEAN_ANOMALY\": 5.1, \"NORAD_CAT_ID\": 25544, \
         \"BSTAR\": 0.0005}}]"
    );
    if let Ok(sets) = parse_omm_json("fuzz.json", &omm) {
        propagate(&sets);
    }
}

/// `text` as a string literal both TOML and JSON read back unchanged:
/// quotes, backslashes and control characters escaped as `\uXXXX`.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn propagate(sets: &[GpElements]) {
    for e in sets.iter().take(MAX_PROPAGATED) {
        if let Ok(sat) = Satellite::from_elements(e) {
            for m in PROPAGATE_MIN {
                let _ = sat.propagate_minutes(m);
            }
        }
    }
}
