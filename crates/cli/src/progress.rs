//! Progress and an estimate of the time left, on standard error, for runs
//! expected to take more than [`MIN_SHOWN_S`]: shown when standard error is
//! a terminal, or always with `--progress`. Never on standard output, so
//! summaries and `--json` stay clean; results do not depend on it.

use cupola_analysis::work::Estimate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle, TermLike};
use std::io::{IsTerminal, Write as _};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Runs estimated at more wall time than this show progress, s.
pub const MIN_SHOWN_S: f64 = 2.0;

/// Whether `--progress` was given.
static FORCED: OnceLock<bool> = OnceLock::new();

/// Whether the studies' own progress is hidden (under a design's bar).
static NESTED: AtomicBool = AtomicBool::new(false);

/// Hide the progress of every study started from now on: the points of a
/// sensitivity or uncertainty design show one bar of their own instead.
pub fn hide_studies() {
    NESTED.store(true, Ordering::Relaxed);
}

/// Record `--progress` (once, at start-up).
pub fn set_forced(forced: bool) {
    let _ = FORCED.set(forced);
}

/// Standard error as a plain target for `--progress` when it is not a
/// terminal (a log file): each redraw starts with a carriage return.
#[derive(Debug)]
struct PlainStderr;

impl TermLike for PlainStderr {
    fn width(&self) -> u16 {
        100
    }
    fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        writeln!(std::io::stderr(), "{s}")
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        write!(std::io::stderr(), "{s}")
    }
    fn clear_line(&self) -> std::io::Result<()> {
        write!(std::io::stderr(), "\r")
    }
    fn flush(&self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

/// A study's progress: its steps done (when it reports any) and the time
/// left, from the steps' pace once there are some, else from the estimate.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// Progress of the study estimated by `e`, in `steps` steps of `unit`
    /// (0 steps: time only); hidden unless the run is expected to take more
    /// than [`MIN_SHOWN_S`] and standard error is a terminal or
    /// `--progress` was given.
    pub fn start(e: &Estimate, steps: u64, unit: &str) -> Progress {
        let forced = FORCED.get().copied().unwrap_or(false);
        let threads = rayon::current_num_threads().max(1) as f64;
        let wall_s = e.core_s / threads;
        let terminal = std::io::stderr().is_terminal();
        if wall_s < MIN_SHOWN_S || !(terminal || forced) || NESTED.load(Ordering::Relaxed) {
            return Progress {
                bar: ProgressBar::hidden(),
            };
        }
        let target = if terminal {
            ProgressDrawTarget::stderr_with_hz(4)
        } else {
            ProgressDrawTarget::term_like_with_hz(Box::new(PlainStderr), 1)
        };
        let bar = ProgressBar::with_draw_target(Some(steps), target);
        let counts = if steps > 0 {
            format!(" {{bar:30}} {{pos}}/{{len}} {unit}")
        } else {
            String::new()
        };
        let template = format!(
            "{}: {{elapsed}}{counts}{{msg}}, about {{left}} left",
            e.study
        );
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "left",
                move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let left = if s.pos() > 0 && s.len().is_some_and(|l| l > 0) {
                        s.eta().as_secs_f64()
                    } else {
                        (wall_s - s.elapsed().as_secs_f64()).max(0.0)
                    };
                    let _ = write!(w, "{}", cupola_analysis::work::duration(left));
                },
            );
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(500));
        Progress { bar }
    }

    /// `n` more steps done.
    pub fn tick(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Show `text` after the steps (e.g. the work within the current one).
    pub fn note(&self, text: String) {
        self.bar.set_message(text);
    }

    /// Clear the display.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
