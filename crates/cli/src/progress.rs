//! Progress and an estimate of the time left, on standard error, for runs
//! expected to take more than [`MIN_SHOWN_S`]: shown when standard error is
//! a terminal, or always with `--progress`. Never on standard output, so
//! summaries and `--json` stay clean; results do not depend on it.

use cupola::progress::{Bar, Reporter};
use cupola_analysis::work::Estimate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle, TermLike};
use std::io::{IsTerminal, Write as _};
use std::sync::OnceLock;
use std::time::Duration;

/// Runs estimated at more wall time than this show progress, s.
pub const MIN_SHOWN_S: f64 = 2.0;

/// Whether `--progress` was given.
static FORCED: OnceLock<bool> = OnceLock::new();

/// Draw the studies' progress on standard error from now on: on a
/// terminal for runs expected to take over [`MIN_SHOWN_S`], and always
/// with `forced` (`--progress`).
pub fn install(forced: bool) {
    let _ = FORCED.set(forced);
    cupola::progress::set_reporter(Box::new(Stderr));
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

/// The reporter that draws on standard error.
struct Stderr;

impl Reporter for Stderr {
    fn start(&self, e: &Estimate, wall_s: f64, steps: u64, unit: &str) -> Box<dyn Bar> {
        let forced = FORCED.get().copied().unwrap_or(false);
        let terminal = std::io::stderr().is_terminal();
        if wall_s < MIN_SHOWN_S || !(terminal || forced) {
            return Box::new(Drawn(ProgressBar::hidden()));
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
        Box::new(Drawn(bar))
    }
}

/// A bar drawn on standard error (or hidden).
struct Drawn(ProgressBar);

impl Bar for Drawn {
    fn tick(&self, n: u64) {
        self.0.inc(n);
    }

    fn note(&self, text: String) {
        self.0.set_message(text);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
