//! One engagement run of the single-pad example at a chosen raid size, for
//! counting instructions with callgrind (repeatable on a loaded machine,
//! unlike timings):
//!
//! ```text
//! cargo build --release -p cupola-benches --example engage_trials
//! RAYON_NUM_THREADS=1 valgrind --tool=callgrind \
//!     target/release/examples/engage_trials MISSILES TRIALS [POOL]
//! ```
//!
//! It builds the plan (with a boost pool of `POOL` geometries, default the
//! scenario's 2,048), runs `TRIALS` trials, and prints the wall times to
//! standard error and the headline results to standard output; the trials'
//! share of the count is `cupola_analysis::engage::trial::run_trial`'s
//! inclusive cost.

use cupola_analysis::engage::run::monte_carlo;
use cupola_analysis::engage::study::plan;
use std::process::ExitCode;
use std::time::Instant;

fn arg(args: &[String], k: usize, name: &str) -> Result<Option<u32>, String> {
    args.get(k)
        .map(|a| {
            a.parse()
                .map_err(|_| format!("{name} must be a count, not {a:?}"))
        })
        .transpose()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let parsed = (|| {
        let missiles =
            arg(&args, 1, "MISSILES")?.ok_or("usage: engage_trials MISSILES TRIALS [POOL]")?;
        let trials =
            arg(&args, 2, "TRIALS")?.ok_or("usage: engage_trials MISSILES TRIALS [POOL]")?;
        Ok::<_, String>((missiles, trials, arg(&args, 3, "POOL")?))
    })();
    let (missiles, trials, pool) = match parsed {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let (mut input, _, traj) = cupola_benches::default_engagement();
    if let (Some(p), Some(b)) = (pool, input.spec.boost.as_mut()) {
        b.pool = p.max(1);
    }
    let start = Instant::now();
    let p = match plan(&input, std::slice::from_ref(&traj), missiles.max(1)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let planned = Instant::now();
    let r = monte_carlo(&input.spec, &p, trials, 1, &|_| {});
    let done = Instant::now();
    eprintln!(
        "plan {:.3} s, {trials} trials {:.3} s",
        (planned - start).as_secs_f64(),
        (done - planned).as_secs_f64()
    );
    println!(
        "P(no leak) {} {:?}, mean leakers {} ± {}",
        r.p_no_leak, r.p_no_leak_interval, r.mean_leakers, r.mean_leakers_half_width
    );
    for l in &r.layers {
        println!(
            "{}: engaged {}, rounds {}, RV kills {}, decoy kills {}",
            l.name, l.engaged, l.rounds, l.rv_kills, l.decoy_kills
        );
    }
    ExitCode::SUCCESS
}
