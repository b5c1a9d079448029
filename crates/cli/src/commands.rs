//! The subcommands.

pub mod check;
pub mod missiles;
pub mod run;
pub mod trajectory;
