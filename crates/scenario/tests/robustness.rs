//! No input may panic the parser: every edit of a valid file either parses
//! or yields located problems that lie inside the text.

use cupola_scenario::{DEFAULT_SCENARIO_TOML, parse};
use proptest::prelude::*;

fn check(text: &str) {
    if let Err(e) = parse("fuzz.toml", text) {
        assert!(!e.problems().is_empty());
        let lines = text.split('\n').count();
        for p in e.problems() {
            assert!(p.line() >= 1 && p.line() <= lines, "{p}");
            assert!(p.column() >= 1, "{p}");
            assert!(p.span().end <= text.len());
        }
    }
}

const INLINE: &str = include_str!("../../../scenarios/inline-missile.toml");
const SENSORS: &str = include_str!("../../../scenarios/sensor-layer.toml");
const SBI: &str = include_str!("../../../scenarios/sbi.toml");
const LAYERED: &str = include_str!("../../../scenarios/layered.toml");
const BASES: [&str; 5] = [DEFAULT_SCENARIO_TOML, INLINE, SENSORS, SBI, LAYERED];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn deleting_a_slice_never_panics(which in 0..BASES.len(), start in 0.0..1.0f64, len in 0usize..40) {
        let base = BASES[which];
        let mut a = (start * base.len() as f64) as usize;
        while !base.is_char_boundary(a) { a -= 1; }
        let mut b = (a + len).min(base.len());
        while !base.is_char_boundary(b) { b -= 1; }
        check(&format!("{}{}", &base[..a], &base[b..]));
    }

    #[test]
    fn inserting_text_never_panics(which in 0..BASES.len(), at in 0.0..1.0f64, insert in "[-=\\[\\]{}\"a-z0-9_., \n]{0,12}") {
        let base = BASES[which];
        let mut a = (at * base.len() as f64) as usize;
        while !base.is_char_boundary(a) { a -= 1; }
        check(&format!("{}{insert}{}", &base[..a], &base[a..]));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn any_epoch_text_never_panics(epoch in "(JD |MJD |SEC )?[-+0-9.eEnaifNIT: ZUTCAGPS]{0,32}") {
        prop_assert!(DEFAULT_SCENARIO_TOML.contains("epoch = \"2026-01-01T00:00:00 UTC\""));
        let text = DEFAULT_SCENARIO_TOML.replacen(
            "epoch = \"2026-01-01T00:00:00 UTC\"",
            &format!("epoch = \"{}\"", epoch.escape_default()),
            1,
        );
        check(&text);
    }

    #[test]
    fn any_shell_numbers_never_panic(
        alt in -1e9..1e9f64, inc in -400.0..400.0f64,
        t in 0u64..5_000_000, p in 0u64..5_000, f in 0u64..6_000,
    ) {
        let text = format!(
            "[scenario]\nname = \"x\"\n[[constellation]]\nname = \"c\"\n[[constellation.shell]]\n\
             altitude_km = {alt:?}\ninclination_deg = {inc:?}\nsatellites = {t}\nplanes = {p}\nphasing = {f}\n\
             [[launch]]\nmissile = \"solid-icbm\"\nsite = {{ lat_deg = 41.0, lon_deg = 100.0 }}\n\
             aim = {{ lat_deg = 47.0, lon_deg = -101.6 }}\n"
        );
        check(&text);
    }
}
