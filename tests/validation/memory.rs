//! Memory of a large constellation's state: 100,000 satellites propagated to
//! one epoch must fit in under 50 MB (the requirement), measured on
//! the heap with a counting global allocator — the J2 batch's per-satellite
//! constants and the structure-of-arrays state buffer together.
#![allow(unsafe_code)] // a global allocator cannot be written without it

use cupola_physics::constellation::{Constellation, Shell};
use cupola_physics::orbit::{J2Batch, StateBuffer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn states_of_100_000_satellites_fit_in_50_mb() {
    let shells = vec![
        Shell::walker_delta(550e3, 53f64.to_radians(), 50_000, 500, 1),
        Shell::walker_delta(1_100e3, 70f64.to_radians(), 50_000, 250, 3),
    ];
    let constellation = Constellation::new(shells).expect("valid shells");
    let elements = constellation.elements.clone();
    drop(constellation);
    let base = LIVE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let batch = J2Batch::new(&elements).expect("valid elements");
    let mut states = StateBuffer::with_len(batch.len());
    batch.propagate_into(3_600.0, &mut states);
    let peak = PEAK.load(Ordering::SeqCst) - base;
    assert_eq!(states.len(), 100_000);
    assert!(states.x.iter().all(|x| x.is_finite()));
    assert!(peak < 50_000_000, "peak heap {peak} bytes");
    // The states alone are 6 × 8 bytes a satellite.
    assert_eq!(states.size_bytes(), 4_800_000);
    eprintln!(
        "peak heap for 100,000 satellites: {:.1} MB",
        peak as f64 / 1e6
    );
}
