//! `cupola sweep`: a study over a grid or a Latin hypercube of scenario
//! settings into a Parquet dataset (the facade's [`cupola::sweep`]), run
//! here or handed to the Python package on a Ray cluster.

use clap::{Args, ValueEnum};
use cupola::Error;
use cupola::design::Base;
use cupola::sweep::{self, SweepOptions, SweepPlan, SweepStudy};
use std::path::PathBuf;
use std::process::Command;

/// Flags of `cupola sweep` (the grid is given with the global `--set
/// KEY.PATH=V1,V2,…`).
#[derive(Args, Debug)]
pub struct SweepArgs {
    /// Scenario file (TOML); omit for the built-in default.
    pub file: Option<PathBuf>,
    /// The dataset's directory (created; a rerun of the same sweep resumes
    /// it, skipping the points already there; another sweep's is refused).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Which figures each point records: one study's headline figures, or
    /// all of `cupola run`'s.
    #[arg(long, value_enum, default_value_t = StudyArg::Run)]
    pub study: StudyArg,
    /// Points of a Latin hypercube over the `--range` keys (with a grid:
    /// at every grid point).
    #[arg(long, value_name = "N")]
    pub lhs: Option<u32>,
    /// A key drawn uniformly over LOW to HIGH (in its unit) by the Latin
    /// hypercube; repeatable.
    #[arg(long = "range", value_name = "KEY.PATH=LOW:HIGH")]
    pub ranges: Vec<String>,
    /// Seed of the Latin hypercube (default: the scenario's seed).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Where the points run: here, or on a Ray cluster through the Python
    /// package (`python3 -m cupola.sweep`, see docs/sweeps.md).
    #[arg(long, value_enum, default_value_t = Backend::Local)]
    pub backend: Backend,
    /// The Ray cluster's address (with `--backend ray`; default: a local
    /// Ray instance).
    #[arg(long, value_name = "ADDR")]
    pub address: Option<String>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--study`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StudyArg {
    /// SBI carriers needed.
    Size,
    /// P(no leak) and mean warheads arriving, with their 95% intervals.
    Engage,
    /// The life-cycle cost.
    Cost,
    /// The cost-exchange ratios and the attacker's cheapest counter.
    Stability,
    /// Every headline figure of `cupola run`.
    Run,
}

impl StudyArg {
    fn study(self) -> SweepStudy {
        match self {
            StudyArg::Size => SweepStudy::Size,
            StudyArg::Engage => SweepStudy::Engage,
            StudyArg::Cost => SweepStudy::Cost,
            StudyArg::Stability => SweepStudy::Stability,
            StudyArg::Run => SweepStudy::Run,
        }
    }
}

/// `--backend`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// On this machine's cores.
    Local,
    /// On a Ray cluster, through the Python package.
    Ray,
}

/// The Python interpreter `--backend ray` runs: `CUPOLA_PYTHON`, else
/// `python3`.
fn python() -> String {
    std::env::var("CUPOLA_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".into())
}

/// `cupola sweep`, with the run's `--set` flags as given (`sets`) and
/// `--budget-scale` / `--progress` passed on to the Ray driver.
pub fn sweep(
    a: &SweepArgs,
    sets: &[String],
    budget_scale: Option<f64>,
    progress: bool,
) -> Result<(), Error> {
    if a.address.is_some() && a.backend != Backend::Ray {
        return Err(Error::Input(
            "--address: the address of a Ray cluster goes with --backend ray".into(),
        ));
    }
    if a.backend == Backend::Ray {
        return ray(a, sets, budget_scale, progress);
    }
    let options = SweepOptions {
        sets: sets.to_vec(),
        lhs: a.lhs,
        ranges: a.ranges.clone(),
        seed: a.seed,
        study: a.study.study(),
    };
    let base = Base::load(a.file.as_deref(), &[])?;
    let plan = SweepPlan::new(base, &options)?;
    super::warn(plan.nominal());
    let s = sweep::run(&plan, &a.out, &|_| {})?;
    if a.json {
        println!("{}", s.json()?);
    } else {
        println!(
            "sweep of {} point{} ({} figures): {} computed, {} already done (skipped), {} \
             refused by the scenario or a study",
            s.points,
            if s.points == 1 { "" } else { "s" },
            options.study.name(),
            s.computed,
            s.skipped,
            s.refused
        );
        println!(
            "dataset: {} (one Parquet file per point; pandas.read_parquet(\"{}\") reads it whole)",
            s.dir.display(),
            s.dir.display()
        );
    }
    Ok(())
}

/// Hand the sweep to the Python package on Ray: `python3 -m cupola.sweep`
/// with the argv documented in docs/sweeps.md.
fn ray(
    a: &SweepArgs,
    sets: &[String],
    budget_scale: Option<f64>,
    progress: bool,
) -> Result<(), Error> {
    let python = python();
    let probe = Command::new(&python)
        .args([
            "-c",
            "import importlib.util as u, sys\ntry:\n    s = u.find_spec('cupola.sweep')\n\
             except ImportError:\n    s = None\nsys.exit(0 if s else 3)",
        ])
        .output();
    let missing = |why: String| {
        Error::Input(format!(
            "--backend ray: {why}; it needs Python 3 with the cupola package and Ray \
             installed (see docs/sweeps.md; CUPOLA_PYTHON names another interpreter)"
        ))
    };
    match probe {
        Err(e) => return Err(missing(format!("cannot run {python}: {e}"))),
        Ok(o) if o.status.code() == Some(3) => {
            return Err(missing(format!(
                "{python} has no module cupola.sweep (the Python package is not installed)"
            )));
        }
        Ok(o) if !o.status.success() => {
            return Err(missing(format!(
                "{python} failed: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            )));
        }
        Ok(_) => {}
    }
    let status = Command::new(&python)
        .args(ray_argv(a, sets, budget_scale, progress))
        .status()
        .map_err(|e| missing(format!("cannot run {python}: {e}")))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(2) => Err(Error::Input(
            "the Ray sweep refused its input (its message is above)".into(),
        )),
        _ => Err(Error::Internal(format!(
            "the Ray sweep failed ({status}; its message is above)"
        ))),
    }
}

/// The arguments after `python3` for `--backend ray` (docs/sweeps.md).
fn ray_argv(
    a: &SweepArgs,
    sets: &[String],
    budget_scale: Option<f64>,
    progress: bool,
) -> Vec<String> {
    let mut v: Vec<String> = vec!["-m".into(), "cupola.sweep".into()];
    if let Some(f) = &a.file {
        v.push(f.display().to_string());
    }
    v.extend(["--out".into(), a.out.display().to_string()]);
    v.extend(["--study".into(), a.study.study().name().into()]);
    for s in sets {
        v.extend(["--set".into(), s.clone()]);
    }
    if let Some(n) = a.lhs {
        v.extend(["--lhs".into(), n.to_string()]);
    }
    for r in &a.ranges {
        v.extend(["--range".into(), r.clone()]);
    }
    if let Some(s) = a.seed {
        v.extend(["--seed".into(), s.to_string()]);
    }
    if let Some(addr) = &a.address {
        v.extend(["--address".into(), addr.clone()]);
    }
    if let Some(x) = budget_scale {
        v.extend(["--budget-scale".into(), x.to_string()]);
    }
    if progress {
        v.push("--progress".into());
    }
    if a.json {
        v.push("--json".into());
    }
    v
}
