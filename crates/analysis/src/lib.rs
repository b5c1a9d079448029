//! Studies of cupola and their typed results. A study takes domain objects
//! (missiles, launch and aim points, options) and returns a result; it
//! neither reads files nor prints.

pub mod absentee;
pub mod constellation;
pub mod cost;
pub mod coverage;
pub mod detection;
pub mod engage;
pub mod provenance;
pub mod raid;
pub mod sizing;
pub mod stability;
pub mod streams;
pub mod trajectory;
pub mod uncertainty;
pub mod work;

pub use provenance::Provenance;
pub use trajectory::{TrajectoryResult, TrajectoryStudy, TrajectorySummary};
