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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn deleting_a_slice_never_panics(which in 0..2usize, start in 0.0..1.0f64, len in 0usize..40) {
        let base = [DEFAULT_SCENARIO_TOML, INLINE][which];
        let mut a = (start * base.len() as f64) as usize;
        while !base.is_char_boundary(a) { a -= 1; }
        let mut b = (a + len).min(base.len());
        while !base.is_char_boundary(b) { b -= 1; }
        check(&format!("{}{}", &base[..a], &base[b..]));
    }

    #[test]
    fn inserting_text_never_panics(which in 0..2usize, at in 0.0..1.0f64, insert in "[-=\\[\\]{}\"a-z0-9_., \n]{0,12}") {
        let base = [DEFAULT_SCENARIO_TOML, INLINE][which];
        let mut a = (at * base.len() as f64) as usize;
        while !base.is_char_boundary(a) { a -= 1; }
        check(&format!("{}{insert}{}", &base[..a], &base[a..]));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text);
    }
}
