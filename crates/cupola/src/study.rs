//! The subcommands.

pub mod assumptions;
pub mod check;
pub mod constellation;
pub mod cost;
pub mod detect;
pub mod engage;
pub mod missiles;
pub mod reproduce;
pub mod run;
pub mod sensitivity;
pub mod size;
pub mod stability;
pub mod trajectory;
pub mod uncertainty;
