//! Settings of the stability study, with the defaults `cupola stability`
//! uses when the scenario has no `[stability]` table. The defaults are
//! cupola's assumptions (goals in mean warheads arriving, budgets and unit
//! costs in millions of dollars, search limits in units), except the
//! midcourse interceptor's $125M (CBO 2021) and the terminal interceptor's
//! $10.2M (DoD FY2018 budget amendment; both in [`super::DefenseCosts`]),
//! the arsenal presets (sources in [`super::presets`]) and the
//! ABM-Treaty-style cap of 100 interceptors at one site (1974 protocol).

use super::arsenal::{Arsenal, Caps, presets};
use super::defense::DefenseSearch;
use super::offense::{AttackerCosts, Options};
use super::race::Race;

/// The stability study.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StabilitySpec {
    /// Monte Carlo trials per evaluated posture (a fast surrogate of the
    /// full engagement run; common random numbers across postures).
    pub trials: u32,
    /// The attacker's unit costs.
    pub attacker: AttackerCosts,
    /// The attacker's options.
    pub options: Options,
    /// 20-year cost of one more SBI carrier, millions of dollars; `None`:
    /// from the scenario's cost model (its space-layer element) or the CBO
    /// 2026 preset.
    pub sbi_musd: Option<f64>,
    /// Cost of one more midcourse interceptor in its silo, millions of
    /// dollars (default 125, CBO 2021).
    pub midcourse_musd: f64,
    /// Cost of one more terminal interceptor at its battery, millions of
    /// dollars (default 10.2, DoD FY2018 budget amendment: 50 THAAD
    /// interceptors for $509.1M).
    pub terminal_musd: f64,
    /// Added missiles of the cost-exchange ratio.
    pub exchange_missiles: u32,
    /// The arms race (its defense search is also the cost-exchange's).
    pub race: Race,
    /// Arsenals of the retaliation table.
    pub arsenals: Vec<Arsenal>,
    /// SBI carriers of the retaliation table's defenses.
    pub carriers: Vec<u32>,
    /// Treaty-style limits shown beside the unlimited defense.
    pub caps: Caps,
}

impl Default for StabilitySpec {
    fn default() -> Self {
        Self {
            trials: 1_000,
            attacker: AttackerCosts::default(),
            options: Options {
                max_missiles: 60,
                decoys: vec![0, 2, 4, 8],
                fast_burn: true,
                fast_burn_boost_s: 120.0,
                concentrate: true,
                asat: vec![0, 50],
            },
            sbi_musd: None,
            midcourse_musd: 125.0,
            terminal_musd: 10.2,
            exchange_missiles: 5,
            race: Race {
                rounds: 10,
                defense: DefenseSearch {
                    goal: 0.5,
                    max_carriers: 40_000,
                    max_interceptors: 200,
                    max_terminal: 480,
                },
                offense_goal: 3.0,
                defense_budget_musd: 200_000.0,
                offense_budget_musd: 5_000.0,
            },
            arsenals: presets(),
            carriers: vec![0, 1_000, 7_800, 20_000],
            caps: Caps {
                midcourse: Some(100),
                sbi: Some(1_000),
            },
        }
    }
}
