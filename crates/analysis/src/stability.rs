//! Strategic stability: what it costs the attacker to defeat the shield,
//! the cost-exchange ratio, alternating best responses (the arms race), and
//! how much of a retaliatory strike arrives — all through the engagement
//! model, so that both sides are judged with the same physics.

pub mod arsenal;
pub mod offense;
pub mod race;
mod spec;

pub use arsenal::{Arsenal, Caps, Retaliation, presets, retaliation};
pub use offense::{
    AttackerCosts, DefenseSize, Evaluator, Options, Posture, Response, best_response,
    exhaustive_response,
};
pub use race::{
    DefenseCosts, DefenseSearch, Exchange, Race, RaceResult, Round, arms_race, carriers_for,
    exchange, interceptors_for,
};
pub use spec::StabilitySpec;

#[cfg(test)]
mod tests;
