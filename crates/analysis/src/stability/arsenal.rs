//! Stability measures: the fraction of a retaliatory strike that arrives
//! against defenses of several sizes, for arsenals from open sources, with
//! and without treaty-style limits on the defense.

use super::offense::{DefenseSize, Evaluator, Posture};
use crate::engage::study::EngageInput;
use crate::sizing::SizingError;

/// An arsenal preset: deployed strategic warheads, from open sources.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Arsenal {
    /// Name.
    pub name: String,
    /// Warheads.
    pub warheads: u32,
    /// Where the number comes from.
    pub source: String,
    /// The launch areas it flies from, by name (empty: every area of the
    /// scenario's raid); its missiles are shared among them in proportion
    /// to their salvos.
    pub areas: Vec<String>,
}

/// The three presets of the stability study.
pub fn presets() -> Vec<Arsenal> {
    vec![
        Arsenal {
            name: "small regional arsenal".into(),
            warheads: 20,
            source: "a few tens of ICBM warheads: cupola's assumption for a regional adversary (SIPRI Yearbook 2025 estimates about 50 assembled North Korean warheads of all kinds)".into(),
            areas: Vec::new(),
        },
        Arsenal {
            name: "China-sized force".into(),
            warheads: 600,
            source: "SIPRI Yearbook 2025: about 600 Chinese warheads (all delivered here by the reference ICBM)".into(),
            areas: Vec::new(),
        },
        Arsenal {
            name: "Russia-sized force".into(),
            warheads: 1_550,
            source: "New START ceiling on deployed strategic warheads (Treaty Art. II)".into(),
            areas: Vec::new(),
        },
    ]
}

/// Treaty-style limits on the defense.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Caps {
    /// Ground-based interceptors at most, all at the first midcourse site
    /// (the ABM Treaty of 1972, as amended in 1974: one site, 100
    /// interceptors).
    pub midcourse: Option<u32>,
    /// SBI carriers at most.
    pub sbi: Option<u32>,
}

impl Caps {
    /// The engagement input with the caps applied.
    pub fn apply(&self, input: &EngageInput) -> EngageInput {
        let mut i = input.clone();
        if let Some(cap) = self.midcourse {
            let total: u32 = i.spec.midcourse.iter().map(|m| m.inventory).sum();
            i.spec.midcourse.truncate(1);
            for a in &mut i.areas {
                a.midcourse_cue_s.truncate(1);
            }
            if let Some(m) = i.spec.midcourse.first_mut() {
                m.inventory = total.min(cap);
            }
        }
        i
    }

    /// A defense size with the SBI cap applied.
    pub fn defense(&self, d: DefenseSize) -> DefenseSize {
        DefenseSize {
            carriers: self.sbi.map_or(d.carriers, |c| d.carriers.min(c)),
            ..d
        }
    }
}

/// One cell of the stability table.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Retaliation {
    /// The arsenal.
    pub arsenal: String,
    /// The launch areas it flew from (empty: every area of the raid).
    pub areas: Vec<String>,
    /// Warheads launched.
    pub warheads: u32,
    /// SBI carriers of the defense (after caps).
    pub carriers: u32,
    /// Mean warheads arriving.
    pub arrivals: f64,
    /// Fraction of the strike that arrives.
    pub fraction: f64,
    /// Half-width of the fraction's 95% confidence interval (normal
    /// approximation over its trials).
    pub fraction_half_width: f64,
    /// Trials run: as few as settle the fraction to
    /// [`RETALIATION_HALF_WIDTH`], at most the study's trials per posture.
    pub trials: u32,
}

/// Half-width of the 95% confidence interval to which a retaliation
/// fraction is estimated, as a fraction of the strike (a quarter of a
/// percentage point; the table prints tenths of a point): a strike's trials
/// stop at the first check point where it is reached (at most the study's
/// trials per posture). Large strikes vary little from trial to trial
/// relative to their size, so they stop early; a 20-warhead strike does not.
pub const RETALIATION_HALF_WIDTH: f64 = 0.0025;

/// The fraction of each arsenal's strike (as many missiles as its
/// warheads need, launched from its own areas, each area's missile with its
/// own re-entry vehicles, with `decoys_per_rv`) that arrives against each
/// number of SBI carriers, under `caps`, each estimated to within
/// [`RETALIATION_HALF_WIDTH`] of the strike (95%) or from the study's full
/// trials per posture, whichever comes first. Area names not in the raid
/// are ignored (the scenario reader refuses them); an arsenal with none
/// flies from every area.
pub fn retaliation(
    eval: &mut Evaluator,
    arsenals: &[Arsenal],
    carriers: &[u32],
    decoys_per_rv: u32,
    caps: Caps,
) -> Result<Vec<Retaliation>, SizingError> {
    let mut out = Vec::new();
    for a in arsenals {
        let from: Vec<usize> = a.areas.iter().filter_map(|n| eval.area(n)).collect();
        // The fewest missiles whose re-entry vehicles (each area's missile
        // with its own) cover the warheads.
        let most_rvs = if from.is_empty() {
            (0..eval.areas()).map(|k| eval.rvs_of(k)).max()
        } else {
            from.iter().map(|&k| eval.rvs_of(k)).max()
        }
        .unwrap_or(1)
        .max(1);
        let mut missiles = a.warheads.div_ceil(most_rvs).max(1);
        while eval.warheads_from(missiles, &from) < a.warheads && missiles < a.warheads {
            missiles += 1;
        }
        let flown = eval.warheads_from(missiles, &from).max(1);
        let p = Posture {
            missiles,
            decoys_per_rv,
            fast_burn: false,
            concentrated: false,
            asat_shots: 0,
        };
        let defense = |c: u32| {
            caps.defense(DefenseSize {
                carriers: c,
                extra_midcourse: 0,
                extra_terminal: 0,
            })
        };
        let cells: Vec<_> = carriers
            .iter()
            .map(|&c| (p, defense(c), from.clone()))
            .collect();
        let mut next = 0;
        while next < cells.len() {
            let covered = eval.prepare_plans(&cells[next..]);
            for (_, d, _) in &cells[next..next + covered] {
                let (arrivals, half_width, trials) =
                    eval.arrivals_within(p, *d, &from, RETALIATION_HALF_WIDTH * f64::from(flown))?;
                out.push(Retaliation {
                    arsenal: a.name.clone(),
                    areas: from.iter().map(|&k| eval.area_name(k).to_owned()).collect(),
                    warheads: flown,
                    carriers: d.carriers,
                    arrivals,
                    fraction: arrivals / f64::from(flown),
                    fraction_half_width: half_width / f64::from(flown),
                    trials,
                });
            }
            next += covered;
        }
    }
    Ok(out)
}
