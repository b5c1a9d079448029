//! Stability benchmark: the arms race on the default scenario (up to 10
//! rounds of defense and attacker best responses through the engagement
//! surrogate, 1,000 trials per posture), from a fresh evaluator each time
//! (reach tables, fast-burn trajectory and every posture evaluated anew).

use criterion::{Criterion, criterion_group, criterion_main};
use cupola_analysis::stability::{DefenseCosts, Evaluator, Posture, StabilitySpec, arms_race};

fn benches(c: &mut Criterion) {
    let (input, launch, traj) = cupola_benches::default_engagement();
    let spec = input.spec.clone();
    let st = StabilitySpec::default();
    let dc = DefenseCosts {
        sbi_musd: 90.0,
        midcourse_musd: st.midcourse_musd,
        terminal_musd: st.terminal_musd,
    };
    let start = Posture {
        missiles: spec.salvo(),
        decoys_per_rv: spec.decoys_per_rv,
        fast_burn: false,
        concentrated: false,
        asat_shots: 0,
    };
    let race_with = |options: &cupola_analysis::stability::Options| {
        let mut e = Evaluator::new(
            input.clone(),
            vec![launch.clone()],
            vec![traj.clone()],
            Some(st.options.fast_burn_boost_s),
            st.trials,
        )
        .expect("builds");
        let r = arms_race(&mut e, start, &st.race, options, &dc, &st.attacker).expect("runs");
        (r, e.evaluations)
    };
    // Without fast-burn boosters the defense can answer, and the race
    // escalates for longer.
    let slow = cupola_analysis::stability::Options {
        fast_burn: false,
        ..st.options.clone()
    };
    for (name, options) in [("default", &st.options), ("no_fast_burn", &slow)] {
        let (r, n) = race_with(options);
        eprintln!(
            "arms race ({name}): {} rounds, converged {}, {n} postures evaluated",
            r.rounds.len(),
            r.converged
        );
        c.bench_function(
            &format!("stability/arms_race_{name}_up_to_10_rounds"),
            |b| b.iter(|| race_with(options)),
        );
    }
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(group);
