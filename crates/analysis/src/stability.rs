//! Strategic stability: what it costs the attacker to defeat the shield,
//! the cost-exchange ratio, alternating best responses (the arms race), and
//! how much of a retaliatory strike arrives — all through the engagement
//! model, so that both sides are judged with the same physics.

pub mod addition;
pub mod arsenal;
pub mod defense;
pub mod offense;
pub mod race;
mod spec;

pub use addition::{Addition, Answer, AnswerError, Resource, cheapest, cheapest_by};
pub use arsenal::{Arsenal, Caps, RETALIATION_HALF_WIDTH, Retaliation, presets, retaliation};
pub use defense::{DefenseCosts, DefenseSearch, MAX_ANSWER_EVALUATIONS, Purchase, Reply, answer};
pub use offense::{
    AttackerCosts, CHECK_TRIALS, DefenseSize, Evaluator, Layers, MIN_PRECISION_TRIALS,
    MIN_SEQUENTIAL_TRIALS, Options, Posture, Response, SEQUENTIAL_Z, best_response,
    exhaustive_response, fast_burn,
};
pub use race::{Added, Exchange, Race, RaceResult, Round, arms_race, exchange};
pub use spec::StabilitySpec;

#[cfg(test)]
mod exchange_tests;
#[cfg(test)]
mod sequential_tests;
#[cfg(test)]
mod tests;
