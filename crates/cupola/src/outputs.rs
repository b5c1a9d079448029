//! Turning study results into a printed summary, JSON and output files.

mod assumptions;
mod cost;
mod coverage;
mod detection;
mod engagement;
pub mod reproduce;
pub mod sensitivity;
mod sizing;
mod stability;
mod timeline;
mod trajectory;
pub mod uncertainty;

pub use assumptions::{AssumptionRow, rows as assumption_rows};
pub use cost::CostReport;
pub use detection::LaunchDetection;
pub use engagement::EngagementReport;
pub use sizing::SizingReport;
pub use stability::StabilityReport;
pub use timeline::ShooterTimeline;

use crate::error::Error;
use cupola_analysis::Provenance;
use cupola_analysis::constellation::ConstellationSummary;
use cupola_analysis::coverage::CoverageResult;
use cupola_analysis::trajectory::TrajectoryResult;
use cupola_report::{HtmlReport, HtmlSection, OutputSet};
use cupola_scenario::{Scenario, printable};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Everything a command computed, in the order it is reported.
#[derive(Default, serde::Serialize)]
pub struct Results {
    /// Constellation summaries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constellations: Vec<ConstellationSummary>,
    /// Coverage of the constellation studied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<CoverageResult>,
    /// Trajectories flown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trajectories: Vec<TrajectoryResult>,
    /// Detection timelines of the launches.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub detections: Vec<LaunchDetection>,
    /// Boost-phase sizing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sizing: Option<SizingReport>,
    /// The layered engagement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement: Option<EngagementReport>,
    /// The life-cycle cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostReport>,
    /// Strategic stability.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stability: Option<StabilityReport>,
    /// Every non-physical value the run used, with its basis (cited,
    /// assumed or set in the file) and range.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<AssumptionRow>,
}

impl Results {
    /// Whether the results hold the assumptions and nothing else (the
    /// run of `cupola assumptions`).
    fn only_assumptions(&self) -> bool {
        self.constellations.is_empty()
            && self.coverage.is_none()
            && self.trajectories.is_empty()
            && self.detections.is_empty()
            && self.sizing.is_none()
            && self.engagement.is_none()
            && self.cost.is_none()
            && self.stability.is_none()
    }
}

/// The git commit this binary was built from, when known.
pub fn git_hash() -> Option<String> {
    Some(env!("CUPOLA_GIT_HASH").to_string()).filter(|s| !s.is_empty())
}

/// Provenance of results computed from a scenario.
pub fn provenance(s: &Scenario) -> Provenance {
    Provenance {
        tool_version: env!("CARGO_PKG_VERSION").into(),
        git_hash: git_hash(),
        scenario: s.source_name.clone(),
        scenario_hash: s.hash.clone(),
        seed: s.seed,
        trials: 0,
    }
}

/// The machine-readable form of a run.
#[derive(serde::Serialize)]
struct RunJson<'a> {
    provenance: &'a Provenance,
    scenario: &'a str,
    #[serde(flatten)]
    results: &'a Results,
}

/// Latitude and longitude as `41.00°N 100.00°E`.
fn lat_lon(lat: f64, lon: f64) -> String {
    format!(
        "{:.2}°{} {:.2}°{}",
        lat.abs(),
        if lat >= 0.0 { 'N' } else { 'S' },
        lon.abs(),
        if lon >= 0.0 { 'E' } else { 'W' }
    )
}

/// The provenance line.
pub(crate) fn provenance_line(prov: &Provenance) -> String {
    format!(
        "cupola {}{}; scenario: {}{}",
        prov.tool_version,
        prov.git_hash
            .as_ref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default(),
        prov.scenario,
        if prov.scenario_hash.is_empty() {
            String::new()
        } else {
            format!(" (hash {})", prov.scenario_hash)
        }
    )
}

/// Append `text` to `o`, each line indented by two spaces.
fn push_indented(o: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(o, "  {line}");
    }
}

/// A readable summary of the results.
pub fn summary(prov: &Provenance, title: &str, results: &Results) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "cupola {} — {title}", prov.tool_version);
    let _ = writeln!(o, "{}", provenance_line(prov));
    let mut parts: Vec<String> = Vec::new();
    parts.extend(
        results
            .constellations
            .iter()
            .map(coverage::constellation_text),
    );
    parts.extend(results.coverage.iter().map(coverage::coverage_text));
    parts.extend(results.trajectories.iter().map(trajectory::text));
    parts.extend(results.detections.iter().map(detection::text));
    parts.extend(results.sizing.iter().map(sizing::text));
    parts.extend(results.engagement.iter().map(engagement::text));
    parts.extend(results.cost.iter().map(cost::text));
    parts.extend(results.stability.iter().map(stability::text));
    for p in parts {
        let _ = writeln!(o);
        o.push_str(&p);
    }
    if let Some(a) = assessment(results) {
        let _ = writeln!(o);
        o.push_str(&a);
    }
    if !results.assumptions.is_empty() {
        let _ = writeln!(o);
        if results.only_assumptions() {
            o.push_str(&assumptions::text(&results.assumptions));
        } else {
            o.push_str(&assumptions::line(&results.assumptions));
        }
    }
    o
}

/// The closing assessment, when the run has sizing, engagement, cost and
/// stability results: coverage, leak probability, 20-year cost,
/// cost-exchange, the attacker's cheapest counter.
fn assessment(r: &Results) -> Option<String> {
    let (size, eng, cost, stab) = (
        r.sizing.as_ref()?,
        r.engagement.as_ref()?,
        r.cost.as_ref()?,
        r.stability.as_ref()?,
    );
    let mut o = String::new();
    let _ = writeln!(o, "Assessment");
    let s = &size.result;
    let _ = writeln!(
        o,
        "  Coverage: {} SBI carriers give each of {} missiles a shot with {:.0}% probability ({}).",
        s.fewest_carriers()
            .map_or("no constellation searched".into(), |(n, _)| n.to_string()),
        s.salvo,
        100.0 * s.requirement.confidence,
        match (s.fewest_carriers(), &s.best, &s.joint) {
            (Some((_, true)), single, Some(j)) => format!(
                "jointly, {}; the best single shell of [sbi] needs {}",
                sizing::shells_name(j),
                single
                    .as_ref()
                    .map_or("more than max_satellites".into(), |b| b.total.to_string())
            ),
            (Some(_), Some(b), _) => format!("absentee ratio {:.0}", b.stats.absentee_ratio()),
            _ => "none found".into(),
        }
    );
    let e = &eng.result;
    let _ = writeln!(
        o,
        "  Leaks: against {} missiles with {} warheads, nothing arrives with probability {:.3}; {:.2} warheads arrive on average.",
        e.salvo, e.rvs, e.p_no_leak, e.mean_leakers
    );
    let _ = writeln!(
        o,
        "  Cost: {} over {} years ({} dollars, {}).",
        cost::billions(cost.result.total_musd),
        cost.spec.horizon_years,
        cost.result.dollars_year,
        cost.source
    );
    for x in &stab.exchanges {
        let _ = writeln!(o, "  Cost exchange: {}.", stability::exchange_text(x));
    }
    let _ = writeln!(
        o,
        "  Attacker's cheapest counter: {}.",
        stab.response
            .as_ref()
            .map_or("none within its options".into(), |x| format!(
                "{} for ${:.0}M, landing {:.1} warheads",
                stability::posture_text(&x.posture),
                x.cost_musd,
                x.arrivals
            ))
    );
    Some(o)
}

/// A file-name-safe form of a name.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "launch".into() } else { s }
}

/// Where the files of a run are gathered before writing.
pub struct Sink {
    /// The files.
    pub set: OutputSet,
    /// The HTML report being built.
    pub html: HtmlReport,
}

impl Sink {
    /// Add `table` as `STEM.csv` and `STEM.parquet`.
    pub fn table(&mut self, stem: &str, table: &cupola_report::Table) -> Result<(), Error> {
        self.set
            .add(format!("{stem}.csv"), table.to_csv()?.into_bytes());
        self.set.add(format!("{stem}.parquet"), table.to_parquet()?);
        Ok(())
    }
}

/// A file stem for `name` not yet in `used` (which then holds it): its
/// slug, or the slug with `-2`, `-3`, … appended.
fn unique_stem(used: &mut BTreeSet<String>, name: &str) -> String {
    let base = slug(name);
    let mut stem = base.clone();
    let mut k = 2;
    while !used.insert(stem.clone()) {
        stem = format!("{base}-{k}");
        k += 1;
    }
    stem
}

/// Tables, plots, JSON and the HTML report of a run, ready to write.
pub fn files(
    prov: &Provenance,
    title: &str,
    json: &str,
    results: &Results,
) -> Result<OutputSet, Error> {
    let mut sink = Sink {
        set: OutputSet::new(),
        html: HtmlReport::new(format!("cupola — {title}")),
    };
    sink.html.sections.push(HtmlSection {
        heading: "Provenance".into(),
        paragraphs: vec![provenance_line(prov)],
        ..Default::default()
    });
    sink.set.add("results.json", json.as_bytes().to_vec());
    for c in &results.constellations {
        coverage::constellation_files(&mut sink, c);
    }
    if let Some(c) = &results.coverage {
        coverage::coverage_files(&mut sink, c)?;
    }
    let mut trajectory_stems = BTreeSet::new();
    let mut all = trajectory::plot("Trajectories: altitude against downrange".into());
    for r in &results.trajectories {
        let stem = unique_stem(&mut trajectory_stems, &r.summary.name);
        trajectory::files(&mut sink, &stem, r)?;
        all.series.push(trajectory::series(r));
    }
    if results.trajectories.len() > 1 {
        sink.set
            .add("trajectories.svg", all.render_svg()?.into_bytes());
    }
    let mut detection_stems = BTreeSet::new();
    for d in &results.detections {
        let stem = unique_stem(&mut detection_stems, &d.launch);
        detection::files(&mut sink, &stem, d)?;
    }
    if let Some(s) = &results.sizing {
        sizing::files(&mut sink, s)?;
    }
    if let Some(e) = &results.engagement {
        engagement::files(&mut sink, e)?;
    }
    if let Some(c) = &results.cost {
        cost::files(&mut sink, c)?;
    }
    if let Some(s) = &results.stability {
        stability::files(&mut sink, s)?;
    }
    if !results.assumptions.is_empty() {
        assumptions::files(&mut sink, &results.assumptions);
    }
    sink.set.add("report.html", sink.html.render().into_bytes());
    Ok(sink.set)
}

/// The Monte Carlo trials of a run's main result (see
/// [`Provenance::trials`]).
fn trials(r: &Results) -> u64 {
    if let Some(e) = &r.engagement {
        e.result.trials
    } else if let Some(s) = &r.stability {
        u64::from(s.trials)
    } else if let Some(s) = &r.sizing {
        u64::from(s.result.best.as_ref().map_or(0, |b| b.stats.samples))
    } else {
        0
    }
}

/// A run's results with their provenance and title, ready to print as a
/// summary or JSON, or to write as files.
pub struct RunReport {
    /// Where the results come from (with the trials of the main result).
    pub provenance: Provenance,
    /// The title (the scenario's name, or the missile's for an ad-hoc
    /// trajectory).
    pub title: String,
    /// The results.
    pub results: Results,
}

impl RunReport {
    /// The report of `results` computed from `scenario`.
    pub fn of(scenario: &Scenario, results: Results) -> Self {
        Self::new(provenance(scenario), scenario.name.clone(), results)
    }

    /// The report of `results` with provenance `prov` (its trials set from
    /// the results) and `title`.
    pub fn new(mut prov: Provenance, title: String, results: Results) -> Self {
        prov.trials = trials(&results);
        Self {
            provenance: prov,
            title,
            results,
        }
    }
}

impl Report for RunReport {
    fn json(&self) -> Result<String, Error> {
        Ok(cupola_report::to_json_pretty(&RunJson {
            provenance: &self.provenance,
            scenario: &self.title,
            results: &self.results,
        })?)
    }

    fn summary(&self) -> String {
        // Names come from the scenario: no control characters reach the
        // terminal.
        printable(&summary(&self.provenance, &self.title, &self.results)).into_owned()
    }

    fn files(&self) -> Result<OutputSet, Error> {
        files(&self.provenance, &self.title, &self.json()?, &self.results)
    }
}

/// What every study's output offers: the machine form (`--json`), the
/// readable summary, and the files of `--out`.
pub trait Report {
    /// The machine-readable form (pretty JSON).
    fn json(&self) -> Result<String, Error>;
    /// The readable summary (control characters made printable).
    fn summary(&self) -> String;
    /// Tables (CSV, Parquet), plots (SVG), the JSON and the HTML report.
    fn files(&self) -> Result<OutputSet, Error>;
    /// Refuse `out` as the directory of the files when writing there would
    /// destroy what the run keeps elsewhere (an uncertainty run's point
    /// store inside it); [`deliver`] asks before writing.
    fn check_out(&self, _out: &Path) -> Result<(), Error> {
        Ok(())
    }
}

/// Where and how a front end wants a report.
#[derive(Clone, Debug, Default)]
pub struct OutputOptions {
    /// The JSON form instead of the summary.
    pub json: bool,
    /// Write the files as the whole contents of this directory (created;
    /// an earlier run's directory is replaced whole, a directory of other
    /// files refused).
    pub out: Option<PathBuf>,
}

/// The start of a command's `--out` files: `results.json` holding `json`,
/// and an HTML report titled after `command` and the scenario `name`
/// whose first section is the `summary`.
pub fn summary_files(
    command: &str,
    name: &str,
    summary: &str,
    json: &str,
) -> (OutputSet, HtmlReport) {
    let mut set = OutputSet::new();
    set.add("results.json", json.as_bytes().to_vec());
    let mut html = HtmlReport::new(format!("cupola — {command}: {name}"));
    html.sections.push(HtmlSection {
        heading: "Summary".into(),
        paragraphs: summary.lines().map(str::to_owned).collect(),
        ..Default::default()
    });
    (set, html)
}

/// Write `report`'s files to `out.out` when asked (nothing is written
/// unless every file could be produced), and give the text to print: the
/// JSON with `out.json`, else the summary and what was written.
pub fn deliver(report: &dyn Report, out: &OutputOptions) -> Result<String, Error> {
    let written = match &out.out {
        Some(dir) => {
            report.check_out(dir)?;
            let n = report
                .files()?
                .write_to(dir)
                .map_err(|e| Error::Input(format!("--out: {e}")))?
                .len();
            Some((n, dir))
        }
        None => None,
    };
    let mut text = if out.json {
        let mut j = report.json()?;
        j.push('\n');
        j
    } else {
        report.summary()
    };
    if let (false, Some((n, dir))) = (out.json, written) {
        let _ = write!(text, "\nWrote {n} files to {}\n", dir.display());
    }
    Ok(text)
}
