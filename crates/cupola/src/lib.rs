//! cupola as a library: the application layer every front end (the
//! command line, the Python package, a cluster worker) stands on.
//!
//! A scenario is loaded and checked ([`load`], or [`design::Base`] for the
//! text a design varies), its [`Model`] built once, and each study run on
//! it by one function returning a typed report ([`outputs::RunReport`],
//! [`outputs::sensitivity::Sensitivity`], …) that gives the readable
//! summary, the JSON and the files of `--out` ([`Report`]). A study over
//! many settings of a scenario is a [`sweep`]: one Parquet row per point,
//! computed anywhere ([`sweep::evaluate`]) and resumable.
//!
//! Two settings are process-wide, as they are for the command line: the
//! work budget's scale ([`budget::set_scale`]) and the progress display
//! ([`progress::set_reporter`]; without one nothing is shown). Everything
//! else a study depends on is in its arguments: the same scenario, options
//! and seed give the same report on any number of threads.
//!
//! ```no_run
//! use cupola::{Model, Report, load, study};
//!
//! let scenario = load(None, &[])?; // the built-in default
//! let model = Model::new(scenario)?;
//! let report = study::size::run(&model, &study::size::SizeOptions::default())?;
//! println!("{}", report.summary());
//! # Ok::<(), cupola::Error>(())
//! ```

pub mod budget;
pub mod design;
pub mod error;
pub mod headline;
pub mod layer;
pub mod model;
pub mod outputs;
pub mod progress;
pub mod study;
pub mod sweep;

pub use error::Error;
pub use model::Model;
pub use outputs::{OutputOptions, Report, RunReport, deliver};
pub use study::run::{load, load_text};

pub use cupola_scenario::Scenario;
pub use cupola_scenario::overrides::Override;
