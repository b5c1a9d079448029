//! Fuzz target: [`entry::omm`] on arbitrary bytes.
#![no_main]

#[allow(dead_code)] // each target calls one of the entry points
#[path = "../entry.rs"]
mod entry;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry::omm(data));
