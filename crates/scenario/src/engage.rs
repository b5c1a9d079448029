//! `[engage]`: the settings of the layered engagement study (`cupola
//! engage`) — the reference launch, the raid and its decoys, the Monte
//! Carlo settings and the weapon-target assignment — with the defense's
//! layers: `[engage.boost]` (here), `[[engage.midcourse]]` (in
//! `engage/midcourse.rs`), `[[engage.terminal]]` (in `engage/terminal.rs`)
//! and the defended `[[engage.asset]]`s (in `engage/asset.rs`). What the
//! layers share — name, site, inventory, kill probability, doctrine and the
//! sensor that cues them — is read in `engage/layer.rs`.
//!
//! The tables are read into [`cupola_analysis::engage::EngageSpec`], in SI
//! units. A layer that can never engage (no interceptors, or a short-range
//! battery against a longer-range reference launch) is a warning, not an
//! error: the study runs, and the layer's column stays empty.

mod asset;
mod layer;
mod midcourse;
mod terminal;

use cupola_analysis::engage::{Allocation, Assignment, BoostLayerSpec, EngageSpec};
use toml_edit::{Item, Value};

use crate::context::{Ctx, Spanned, closest, one_of};
use crate::key::{KeyDescriptor, KeyKind};
use crate::missile::within;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use crate::sbi::{MAX_SALVO, SALVO_HELP, count_within, needs_sbi, read_raid, resolve_launch};
use crate::{LaunchSpec, SensorSpec};
use layer::{Cueing, Named, check_unique_layers};

pub(crate) use layer::check_unique;

/// Keys of `[engage]`.
pub(crate) const ENGAGE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("launch", KeyKind::Other(""))
        .example("launch = \"ICBM to North Dakota\"")
        .doc("the reference [[launch]], by name, default the first"),
    KeyDescriptor::new("salvo", KeyKind::Other(""))
        .example("salvo = 10")
        .doc("missiles in the raid, in [1, 1000], default 10"),
    KeyDescriptor::new("area_width_km", KeyKind::Other(""))
        .example("area_width_km = 0.0")
        .doc("east-west width of the launch area, km, in [0, 2000], default 0"),
    KeyDescriptor::new("window_s", KeyKind::Other(""))
        .example("window_s = 0.0")
        .doc("launches spread evenly over this window, s, in [0, 3600], default 0 (all at once)"),
    KeyDescriptor::new("decoys_per_rv", KeyKind::Other(""))
        .example("decoys_per_rv = 0")
        .doc("decoys deployed with each re-entry vehicle, in [0, 100], default 0"),
    KeyDescriptor::new("trials", KeyKind::Other(""))
        .example("trials = 10000")
        .doc("Monte Carlo trials, in [1, 10000000], default 10000"),
    KeyDescriptor::new("detection_jitter_s", KeyKind::Other(""))
        .example("detection_jitter_s = 0.0")
        .doc("largest extra delay of each cueing track, s, in [0, 600], default 0"),
    KeyDescriptor::new("assignment", KeyKind::Other(""))
        .example("assignment = \"greedy\"")
        .doc("weapon-target assignment: \"greedy\" (default) or \"exact\""),
    KeyDescriptor::new("allocation", KeyKind::Other(""))
        .example("allocation = \"doctrine\"")
        .doc(
            "how midcourse and terminal rounds are spread: \"doctrine\" (default: each engaged \
              object gets its site's shots) or \"marginal_return\" (one round at a time, up to \
              those shots)",
        ),
    KeyDescriptor::new("salvo_sweep", KeyKind::Other(""))
        .example("salvo_sweep = [1, 2, 5, 10, 20]")
        .doc("raid sizes of the leak curve, integers in [1, 1000], strictly ascending"),
    KeyDescriptor::new("boost", KeyKind::Other(""))
        .example("[engage.boost]")
        .doc("the boost layer: the [sbi] constellation at a given size (needs [sbi])"),
    KeyDescriptor::new("midcourse", KeyKind::Other(""))
        .example("[[engage.midcourse]]")
        .doc("ground-based midcourse interceptor sites"),
    KeyDescriptor::new("terminal", KeyKind::Other(""))
        .example("[[engage.terminal]]")
        .doc("terminal-defense batteries"),
    KeyDescriptor::new("asset", KeyKind::Other(""))
        .example("[[engage.asset]]")
        .doc("defended assets (default: each aim point, value 1)"),
];

/// Keys of `[engage.boost]`.
pub(crate) const BOOST_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::new("carriers", KeyKind::Other("")).example("carriers = 7800").doc("carrier satellites in orbit, in [1, 1000000]"),
    KeyDescriptor::new("pk", KeyKind::Other("")).example("pk = 0.8").doc("single-shot kill probability of an SBI, in [0, 1], default 0.8"),
    KeyDescriptor::new("shots", KeyKind::Other("")).example("shots = 1").doc("interceptors fired at each missile, in [1, 20], default 1"),
    KeyDescriptor::new("pool", KeyKind::Other("")).example("pool = 2048").doc("launch times precomputed for the boost-phase geometries, in [1, 1000000], default 2048"),
];

/// Most decoys per re-entry vehicle.
const MAX_DECOYS: u64 = 100;

/// Most Monte Carlo trials.
const MAX_TRIALS: u64 = 10_000_000;

/// Largest detection jitter, s.
const MAX_JITTER_S: f64 = 600.0;

/// Most boost-layer carriers, and most launch times in the pool.
const MAX_CARRIERS: u64 = 1_000_000;

/// What the `[engage]` reader needs from the rest of the scenario.
pub(crate) struct EngageInputs<'a> {
    /// Whether the file has an `[sbi]` table, which `[engage.boost]` needs.
    pub has_sbi: bool,
    /// The `[[launch]]` names, from [`crate::sbi::launch_names`].
    pub launch_names: &'a [String],
    /// The launches read without problems.
    pub launches: &'a [LaunchSpec],
    /// The sensors read without problems.
    pub sensors: &'a [SensorSpec],
    /// The `name` of every `[[sensor]]` table, including sensors with
    /// problems (a layer naming one of those gets no second complaint).
    pub sensor_names: &'a [String],
}

/// The `name` of every `[[sensor]]` table that has one, in file order.
pub(crate) fn sensor_names(root: &TableReader<'_>) -> Vec<String> {
    let names: Vec<Option<&str>> = match root.entry("sensor").map(|(_, item)| item) {
        Some(Item::ArrayOfTables(a)) => a
            .iter()
            .map(|t| t.get("name").and_then(Item::as_str))
            .collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .map(|v| {
                v.as_inline_table()
                    .and_then(|t| t.get("name"))
                    .and_then(Value::as_str)
            })
            .collect(),
        _ => Vec::new(),
    };
    names.into_iter().flatten().map(str::to_owned).collect()
}

/// Read `[engage]`: `Some(None)` when absent, `None` when invalid. Records
/// a warning for each layer that can never engage.
pub(crate) fn read_engage(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    inputs: &EngageInputs<'_>,
) -> Option<Option<EngageSpec>> {
    let t = match root.table(ctx, "engage", "[engage]", ENGAGE_KEYS) {
        Field::Given(t) => t.value,
        Field::Absent => return Some(None),
        Field::Invalid => return None,
    };
    let launch = match t.string(ctx, "launch") {
        Field::Given(name) => resolve_launch(ctx, &name, inputs.launch_names, "[engage]"),
        Field::Absent => Some(0),
        Field::Invalid => None,
    };
    // The reference launch, for the warnings; only when every launch was
    // read (so that the index of a name is its index in `launches`).
    let reference = launch
        .filter(|_| inputs.launches.len() == inputs.launch_names.len())
        .and_then(|i| inputs.launches.get(i));
    let (salvo, width, window) = read_raid(ctx, &t, "raid");
    let decoys_in = t.unsigned(ctx, "decoys_per_rv").or(0, &t.span);
    let decoys = count_within(
        ctx,
        decoys_in,
        "decoys_per_rv",
        (0, MAX_DECOYS),
        "the decoys deployed with each re-entry vehicle, from 0 to 100",
    );
    let trials_in = t.unsigned(ctx, "trials").or(10_000, &t.span);
    let trials = count_within(
        ctx,
        trials_in,
        "trials",
        (1, MAX_TRIALS),
        "the Monte Carlo trials, from 1 to 10000000, e.g. 10000",
    );
    let jitter_in = t.opt_number(ctx, "detection_jitter_s", 0.0);
    let jitter = within(
        ctx,
        jitter_in,
        "detection_jitter_s",
        |v| (0.0..=MAX_JITTER_S).contains(&v),
        "[0, 600]",
        "s",
        "the largest extra delay of each cueing track in seconds, drawn uniformly per trial, \
         at most 10 minutes; 0 for none",
    );
    let assignment = read_choice(ctx, &t, &ASSIGNMENT);
    let allocation = read_choice(ctx, &t, &ALLOCATION);
    let salvo_sweep = read_salvo_sweep(ctx, &t);
    let boost = match t.table(ctx, "boost", "[engage.boost]", BOOST_KEYS) {
        Field::Given(r) => read_boost(ctx, &r.value, inputs.has_sbi).map(Some),
        Field::Absent => Some(None),
        Field::Invalid => None,
    };

    let cueing = Cueing {
        sensors: inputs.sensors,
        declared: inputs.sensor_names,
    };
    let midcourse: Option<Vec<Named<_>>> = match t.tables(
        ctx,
        "midcourse",
        |i| format!("[[engage.midcourse]] #{}", i + 1),
        midcourse::MIDCOURSE_KEYS,
    ) {
        Field::Given(list) => Some(
            list.value
                .into_iter()
                .map(|mut r| midcourse::read_midcourse(ctx, &mut r, &cueing))
                .collect(),
        ),
        Field::Absent => Some(Vec::new()),
        Field::Invalid => None,
    };
    let terminal: Option<Vec<Named<_>>> = match t.tables(
        ctx,
        "terminal",
        |i| format!("[[engage.terminal]] #{}", i + 1),
        terminal::TERMINAL_KEYS,
    ) {
        Field::Given(list) => Some(
            list.value
                .into_iter()
                .map(|mut r| terminal::read_terminal(ctx, &mut r, &cueing, reference))
                .collect(),
        ),
        Field::Absent => Some(Vec::new()),
        Field::Invalid => None,
    };
    let unique = check_unique_layers(
        ctx,
        midcourse
            .iter()
            .flatten()
            .map(|m| &m.name)
            .chain(terminal.iter().flatten().map(|b| &b.name)),
    );
    let assets = match t.tables(
        ctx,
        "asset",
        |i| format!("[[engage.asset]] #{}", i + 1),
        asset::ASSET_KEYS,
    ) {
        Field::Given(list) => asset::read_assets(ctx, list.value),
        Field::Absent => Some(Vec::new()),
        Field::Invalid => None,
    };
    t.finish(ctx);
    let midcourse = layer::all(midcourse?)?;
    let terminal = layer::all(terminal?)?;
    if !unique {
        return None;
    }
    Some(Some(EngageSpec {
        launch: launch?,
        salvo: salvo?,
        area_width_m: width? * 1e3,
        window_s: window?,
        decoys_per_rv: decoys?,
        trials: trials?,
        detection_jitter_s: jitter?,
        assignment: assignment?,
        allocation: allocation?,
        boost: boost?,
        midcourse,
        terminal,
        assets: assets?,
        salvo_sweep: salvo_sweep?,
        asat_shots: 0,
    }))
}

/// A key that names one of a few choices.
struct Choice<T: 'static> {
    /// The key.
    key: &'static str,
    /// The choice when the key is absent.
    default: &'static str,
    /// The names and what they stand for.
    names: &'static [(&'static str, T)],
    /// What a choice is, for the message ("weapon-target assignment").
    what: &'static str,
    /// Their plural, for the hint ("assignments").
    plural: &'static str,
    /// What the choices do, for the hint when no name is close.
    detail: &'static str,
}

/// `assignment`: "greedy" (default) or "exact".
const ASSIGNMENT: Choice<Assignment> = Choice {
    key: "assignment",
    default: "greedy",
    names: &[("greedy", Assignment::Greedy), ("exact", Assignment::Exact)],
    what: "weapon-target assignment",
    plural: "assignments",
    detail: "greedy (most valuable objects first, or rounds by marginal return), or the exact \
             assignment of salvos or rounds to objects (Hungarian method)",
};

/// `allocation`: "doctrine" (default) or "marginal_return".
const ALLOCATION: Choice<Allocation> = Choice {
    key: "allocation",
    default: "doctrine",
    names: &[
        ("doctrine", Allocation::Doctrine),
        ("marginal_return", Allocation::MarginalReturn),
    ],
    what: "allocation",
    plural: "allocations",
    detail: "the doctrine's shots at every engaged object, or rounds spread one at a time by \
             marginal return up to the doctrine's shots",
};

/// Read a key that names one of `c`'s choices.
fn read_choice<T: Copy>(ctx: &mut Ctx, t: &TableReader<'_>, c: &Choice<T>) -> Option<T> {
    let s = t.string(ctx, c.key).or(c.default.to_owned(), &t.span)?;
    if let Some((_, v)) = c.names.iter().find(|(n, _)| *n == s.value) {
        return Some(*v);
    }
    let names: Vec<&str> = c.names.iter().map(|(n, _)| *n).collect();
    let other = s.value.as_str();
    let help = match closest(other, names.iter().copied()) {
        Some(best) => format!(
            "did you mean \"{best}\"? The {} are {}",
            c.plural,
            one_of(&names)
        ),
        None => format!("the {} are {}: {}", c.plural, one_of(&names), c.detail),
    };
    let label = format!("unknown {}", c.plural.trim_end_matches('s'));
    ctx.report(
        ProblemKind::InvalidValue,
        s.span,
        format!("unknown {} \"{other}\"", c.what),
        help,
    )
    .relabel(label);
    None
}

/// `salvo_sweep`: a non-empty, strictly ascending array of raid sizes in
/// [1, 1000]; empty when absent.
fn read_salvo_sweep(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Vec<u32>> {
    let list = match t.integers(ctx, "salvo_sweep", false) {
        Field::Given(list) => list.value,
        Field::Absent => return Some(Vec::new()),
        Field::Invalid => return None,
    };
    let mut out = Vec::with_capacity(list.len());
    let mut ok = true;
    let mut previous: Option<Spanned<u64>> = None;
    for s in list {
        if let Some(p) = &previous
            && s.value <= p.value
        {
            ctx.report(
                ProblemKind::InvalidValue,
                s.span.clone(),
                format!(
                    "`salvo_sweep` must be strictly ascending, but {} follows {}",
                    s.value, p.value
                ),
                "list each raid size of the leak curve once, smallest first, e.g. \
                 `salvo_sweep = [1, 2, 5, 10, 20]`",
            )
            .relabel(format!("not above {}", p.value));
            ok = false;
        }
        previous = Some(s.clone());
        match count_within(ctx, Some(s), "salvo_sweep", (1, MAX_SALVO), SALVO_HELP) {
            Some(n) => out.push(n),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// Read `[engage.boost]`; `has_sbi`: whether the file has the `[sbi]`
/// layer it sizes.
fn read_boost(ctx: &mut Ctx, t: &TableReader<'_>, has_sbi: bool) -> Option<BoostLayerSpec> {
    if !has_sbi {
        needs_sbi(ctx, t, "the boost layer");
    }
    let carriers_in = t.unsigned(ctx, "carriers");
    let carriers_in = t.require(ctx, "carriers", carriers_in);
    let carriers = count_within(
        ctx,
        carriers_in,
        "carriers",
        (1, MAX_CARRIERS),
        "the carrier satellites in orbit, from 1 to 1000000: a Walker shell with the first of \
         [sbi]'s plane counts and inclinations",
    );
    let pk_in = t.opt_number(ctx, "pk", 0.8);
    let pk = layer::probability(
        ctx,
        pk_in,
        "pk",
        "the single-shot kill probability of a space-based interceptor, from 0 to 1, e.g. 0.8",
    );
    let shots_in = t.unsigned(ctx, "shots").or(1, &t.span);
    let shots = count_within(
        ctx,
        shots_in,
        "shots",
        (1, layer::MAX_SHOTS),
        "the interceptors fired at each missile, from 1 to 20",
    );
    let pool_in = t.unsigned(ctx, "pool").or(2_048, &t.span);
    let pool = count_within(
        ctx,
        pool_in,
        "pool",
        (1, MAX_CARRIERS),
        "the launch times precomputed for the pool of boost-phase geometries each trial \
         draws from, from 1 to 1000000, e.g. 2048",
    );
    t.finish(ctx);
    if !has_sbi {
        return None;
    }
    Some(BoostLayerSpec {
        carriers: carriers?,
        pk: pk?,
        shots: shots?,
        pool: pool?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key's example writes it, and every sub-table is documented.
    #[test]
    fn keys_are_documented() {
        for key in ["boost", "midcourse", "terminal", "asset"] {
            assert!(ENGAGE_KEYS.iter().any(|k| k.name == key), "{key}");
        }
        for k in ENGAGE_KEYS
            .iter()
            .chain(BOOST_KEYS)
            .chain(midcourse::MIDCOURSE_KEYS)
            .chain(terminal::TERMINAL_KEYS)
            .chain(asset::ASSET_KEYS)
        {
            assert!(k.example.contains(k.name), "{}", k.name);
        }
    }
}
