//! Stability benchmarks: the arms race on the single-pad example (up to 10
//! rounds of defense and attacker best responses through the engagement
//! surrogate, 1,000 trials per posture), from a fresh evaluator each time
//! (reach tables, fast-burn trajectory and every posture evaluated anew);
//! the same race from raids of 10 and 100 missiles (group
//! `stability_raid`, bench `missiles_<n>`), for the cost against raid size;
//! and one posture's full evaluation at those raids (group
//! `stability_posture`).

use criterion::{Criterion, criterion_group, criterion_main};
use cupola_analysis::TrajectoryStudy;
use cupola_analysis::engage::EngageInput;
use cupola_analysis::stability::{
    DefenseCosts, Evaluator, Options, Posture, StabilitySpec, arms_race,
};
use cupola_threat::Trajectory;

/// The race from the scenario's raid of `input`, with `options`; its result
/// and the postures evaluated.
fn race(
    input: &EngageInput,
    launch: &TrajectoryStudy,
    traj: &Trajectory,
    options: &Options,
) -> (cupola_analysis::stability::RaceResult, usize, u64) {
    let st = StabilitySpec::default();
    let dc = DefenseCosts {
        sbi_musd: 90.0,
        midcourse_musd: st.midcourse_musd,
        terminal_musd: st.terminal_musd,
    };
    let spec = &input.spec;
    let start = Posture {
        missiles: spec.salvo(),
        decoys_per_rv: spec.decoys_per_rv,
        fast_burn: false,
        concentrated: false,
        asat_shots: 0,
    };
    let mut e = Evaluator::new(
        input.clone(),
        vec![launch.clone()],
        vec![traj.clone()],
        Some(st.options.fast_burn_boost_s),
        st.trials,
    )
    .expect("builds");
    let r = arms_race(&mut e, start, &st.race, options, &dc, &st.attacker).expect("runs");
    (r, e.evaluations, e.trials_run)
}

fn benches(c: &mut Criterion) {
    let (input, launch, traj) = cupola_benches::default_engagement();
    let st = StabilitySpec::default();
    // Without fast-burn boosters the defense can answer, and the race
    // escalates for longer.
    let slow = Options {
        fast_burn: false,
        ..st.options.clone()
    };
    for (name, options) in [("default", &st.options), ("no_fast_burn", &slow)] {
        let (r, n, t) = race(&input, &launch, &traj, options);
        eprintln!(
            "arms race ({name}): {} rounds, converged {}, {n} postures evaluated, {t} trials",
            r.rounds.len(),
            r.converged
        );
        c.bench_function(
            &format!("stability/arms_race_{name}_up_to_10_rounds"),
            |b| b.iter(|| race(&input, &launch, &traj, options)),
        );
    }
    // The same race from larger raids: the single pad's area launches
    // `missiles` missiles.
    let mut group = c.benchmark_group("stability_raid");
    for missiles in [10, 100] {
        let mut raid = input.clone();
        raid.spec.areas = cupola_analysis::raid::scaled(&raid.spec.areas, missiles);
        let (r, n, t) = race(&raid, &launch, &traj, &st.options);
        eprintln!(
            "arms race from {missiles} missiles: {} rounds, converged {}, {n} postures evaluated, {t} trials",
            r.rounds.len(),
            r.converged
        );
        group.bench_function(format!("missiles_{missiles}"), |b| {
            b.iter(|| race(&raid, &launch, &traj, &st.options))
        });
    }
    group.finish();
    // One posture at the raid's size against the scenario's defense, all
    // its trials (the mean is printed): the unit of the race's work.
    let mut group = c.benchmark_group("stability_posture");
    for missiles in [10, 100] {
        let mut raid = input.clone();
        raid.spec.areas = cupola_analysis::raid::scaled(&raid.spec.areas, missiles);
        let start = Posture {
            missiles,
            decoys_per_rv: raid.spec.decoys_per_rv,
            fast_burn: false,
            concentrated: false,
            asat_shots: 0,
        };
        let mut e = Evaluator::new(
            raid.clone(),
            vec![launch.clone()],
            vec![traj.clone()],
            None,
            st.trials,
        )
        .expect("builds");
        let base = e.baseline_defense();
        group.bench_function(format!("missiles_{missiles}"), |b| {
            b.iter(|| {
                // A fresh evaluator: no plan or trial kept.
                let mut f = Evaluator::new(
                    raid.clone(),
                    vec![launch.clone()],
                    vec![traj.clone()],
                    None,
                    st.trials,
                )
                .expect("builds");
                f.arrivals(start, base).expect("runs")
            })
        });
        eprintln!(
            "posture of {missiles} missiles: {:.2} warheads arrive",
            e.arrivals(start, base).expect("runs")
        );
    }
    group.finish();
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
