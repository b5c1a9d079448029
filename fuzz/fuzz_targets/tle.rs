//! Fuzz target: [`entry::tle`] on arbitrary bytes.
#![no_main]

#[path = "../entry.rs"]
mod entry;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry::tle(data));
