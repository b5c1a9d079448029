//! Replays the fuzz corpus: every file under `fuzz/seeds/<target>/` and
//! `fuzz/corpus-min/<target>/` goes through the same entry point the
//! cargo-fuzz target of that name runs (`fuzz/entry.rs`, compiled into this
//! test as it is into the fuzz binaries), so CI re-checks every input the
//! fuzzer kept without installing cargo-fuzz. Passing means no input
//! panics; docs/fuzzing.md says how the corpus was grown.

#[path = "../../fuzz/entry.rs"]
mod entry;

use std::path::Path;

/// Feed every file of the target's seed and minimised corpus directories
/// to `run`; returns how many were fed.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz"));
    let mut fed = 0;
    for dir in ["seeds", "corpus-min"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            run(&bytes);
            fed += 1;
        }
    }
    fed
}

#[test]
fn scenario_corpus_replays() {
    assert!(replay("scenario", entry::scenario) >= 11);
}

#[test]
fn tle_corpus_replays() {
    assert!(replay("tle", entry::tle) >= 3);
}

#[test]
fn omm_corpus_replays() {
    assert!(replay("omm", entry::omm) >= 2);
}

#[test]
fn epoch_corpus_replays() {
    assert!(replay("epoch", entry::epoch) >= 9);
}
