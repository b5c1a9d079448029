//! Progress of long studies. The studies report their steps to a
//! [`Progress`] handle; what is shown, and where, is up to the
//! [`Reporter`] a front end installs with [`set_reporter`] (the command
//! line draws a bar on standard error; without one nothing is shown).
//! Results never depend on it.

use cupola_analysis::work::Estimate;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a front end shows of a study's progress.
pub trait Reporter: Send + Sync {
    /// A study estimated by `estimate` starts: `wall_s` is its expected wall
    /// time on this machine's threads, s; `steps` its steps of `unit` (0:
    /// it reports none, time only).
    fn start(&self, estimate: &Estimate, wall_s: f64, steps: u64, unit: &str) -> Box<dyn Bar>;
}

/// The display of one study's progress.
pub trait Bar: Send + Sync {
    /// `n` more steps done.
    fn tick(&self, n: u64);
    /// Show `text` after the steps (e.g. the work within the current one).
    fn note(&self, text: String);
    /// Clear the display.
    fn finish(&self);
}

/// The installed reporter.
static REPORTER: OnceLock<Box<dyn Reporter>> = OnceLock::new();

/// How many designs are running whose points hide their studies' own
/// progress.
static NESTED: AtomicUsize = AtomicUsize::new(0);

/// Install the reporter of this process (the first call wins; later
/// calls are ignored and return false).
pub fn set_reporter(reporter: Box<dyn Reporter>) -> bool {
    REPORTER.set(reporter).is_ok()
}

/// While the returned guard lives, the studies started show no progress of
/// their own: the points of a design (sensitivity, uncertainty, a sweep)
/// show one bar of their own instead.
pub fn hide_studies() -> Hidden {
    NESTED.fetch_add(1, Ordering::Relaxed);
    Hidden(())
}

/// See [`hide_studies`].
pub struct Hidden(());

impl Drop for Hidden {
    fn drop(&mut self) {
        NESTED.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A study's progress handle (a no-op without a reporter).
pub struct Progress {
    bar: Option<Box<dyn Bar>>,
}

impl Progress {
    /// Progress of the study estimated by `e`, in `steps` steps of `unit`
    /// (0 steps: time only).
    pub fn start(e: &Estimate, steps: u64, unit: &str) -> Progress {
        let bar = match REPORTER.get() {
            Some(r) if NESTED.load(Ordering::Relaxed) == 0 => {
                let threads = rayon::current_num_threads().max(1) as f64;
                Some(r.start(e, e.core_s / threads, steps, unit))
            }
            _ => None,
        };
        Progress { bar }
    }

    /// `n` more steps done.
    pub fn tick(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.tick(n);
        }
    }

    /// Show `text` after the steps.
    pub fn note(&self, text: String) {
        if let Some(b) = &self.bar {
            b.note(text);
        }
    }

    /// Clear the display.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
