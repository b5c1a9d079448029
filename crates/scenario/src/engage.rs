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

pub(crate) mod asset;
mod layer;
pub(crate) mod midcourse;
pub(crate) mod terminal;

use cupola_analysis::engage::{Allocation, Assignment, BoostLayerSpec, EngageSpec};
use toml_edit::{Item, Value};

use crate::area::Raid;
use crate::context::{Ctx, Spanned, closest, one_of};
use crate::key::{KeyDescriptor, KeyKind};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use crate::sbi::{MAX_SALVO, SALVO_HELP, needs_sbi};
use crate::{LaunchSpec, SensorSpec};
use layer::{Cueing, Named, check_unique_layers};

pub(crate) use layer::check_unique;

/// Keys of `[engage]`.
pub(crate) const ENGAGE_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("launch")
        .optional()
        .shown_default("the first launch")
        .rule("a `[[launch]]` name (`launch N` when unnamed); not with `[[area]]`")
        .example("launch = \"ICBM to North Dakota\"")
        .doc("the reference launch; the raid is then one area (`EngageSpec::areas`) copying it"),
    crate::area::RAID_SALVO,
    crate::area::RAID_WIDTH,
    crate::area::RAID_WINDOW,
    KeyDescriptor::integer("decoys_per_rv")
        .or_integer(0)
        .closed(0.0, 100.0)
        .example("decoys_per_rv = 0")
        .doc("decoys deployed with each re-entry vehicle")
        .hint("the decoys deployed with each re-entry vehicle, from 0 to 100")
        .setting(),
    KeyDescriptor::integer("trials")
        .or_integer(10_000)
        .closed(1.0, 10_000_000.0)
        .example("trials = 10000")
        .doc("Monte Carlo trials")
        .hint("the Monte Carlo trials, from 1 to 10000000, e.g. 10000")
        .setting(),
    KeyDescriptor::number("detection_jitter_s")
        .unit("s")
        .or_number(0.0)
        .closed(0.0, 600.0)
        .example("detection_jitter_s = 0.0")
        .doc("extra delay of each cueing track, drawn uniformly in [0, x] per trial")
        .hint(
            "the largest extra delay of each cueing track in seconds, drawn uniformly per trial, \
             at most 10 minutes; 0 for none",
        )
        .setting(),
    KeyDescriptor::text("assignment")
        .or_text("greedy")
        .rule("`\"greedy\"`, `\"exact\"`")
        .example("assignment = \"greedy\"")
        .doc(
            "weapon-target assignment. Greedy: under `allocation = \"doctrine\"`, the most \
             valuable objects first (ties at random), each to the site whose salvo kills it most \
             surely; under `\"marginal_return\"`, one round at a time by largest marginal \
             return. Exact (Hungarian method): salvos to objects under `\"doctrine\"`, rounds to \
             shot slots under `\"marginal_return\"`",
        )
        .setting(),
    KeyDescriptor::text("allocation")
        .or_text("doctrine")
        .rule("`\"doctrine\"`, `\"marginal_return\"`")
        .example("allocation = \"doctrine\"")
        .doc(
            "how midcourse and terminal rounds are spread: `\"doctrine\"` fires each site's \
             whole salvo (a barrage of k: k rounds) at every object it engages, so short rounds \
             engage fewer objects; `\"marginal_return\"` gives rounds one at a time by largest \
             marginal return, at most the doctrine's shots per object from each site, so short \
             rounds spread one per object",
        )
        .setting(),
    KeyDescriptor::new("salvo_sweep", KeyKind::Other("array of integers"))
        .optional()
        .shown_default("none")
        .closed(1.0, MAX_SALVO as f64)
        .rule("strictly ascending, not empty")
        .example("salvo_sweep = [1, 2, 5, 10, 20]")
        .doc("raid sizes of the leak curve")
        .hint(SALVO_HELP),
    KeyDescriptor::table("boost")
        .optional()
        .example("[engage.boost]")
        .doc("the boost layer: the [sbi] constellation at a given size (needs [sbi])"),
    KeyDescriptor::tables("midcourse")
        .optional()
        .example("[[engage.midcourse]]")
        .doc("ground-based midcourse interceptor sites"),
    KeyDescriptor::tables("terminal")
        .optional()
        .example("[[engage.terminal]]")
        .doc("terminal-defense batteries"),
    KeyDescriptor::tables("asset")
        .optional()
        .example("[[engage.asset]]")
        .doc("defended assets (default: each aim point, value 1)"),
];

/// Keys of `[engage.boost]`.
pub(crate) const BOOST_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::integer("carriers")
        .closed(1.0, MAX_CARRIERS)
        .example("carriers = 7800")
        .doc("carrier satellites in orbit, in [1, 1000000]")
        .more(
            "exactly: when the count is not a multiple of the planes, the last planes hold one \
             fewer",
        )
        .hint(
            "the carrier satellites in orbit, from 1 to 1000000: a Walker shell with the first of \
             [sbi]'s plane counts and inclinations",
        ),
    KeyDescriptor::number("pk")
        .or_number(0.8)
        .closed(0.0, 1.0)
        .plausible(0.3, 0.95)
        .example("pk = 0.8")
        .doc("single-shot kill probability of an SBI")
        .hint(
            "the single-shot kill probability of a space-based interceptor, from 0 to 1, e.g. 0.8",
        )
        .assumed(
            0.5,
            0.9,
            "no SBI has been tested; GMD's record is 12 hits in 21 tests (0.57)",
        ),
    KeyDescriptor::integer("shots")
        .or_integer(1)
        .closed(1.0, layer::MAX_SHOTS as f64)
        .example("shots = 1")
        .doc("interceptors fired at each missile")
        .hint("the interceptors fired at each missile, from 1 to 20")
        .setting(),
    KeyDescriptor::integer("pool")
        .or_integer(2_048)
        .closed(1.0, MAX_CARRIERS)
        .example("pool = 2048")
        .doc(
            "launch times precomputed for the pool of boost-phase geometries each trial draws from",
        )
        .hint(
            "the launch times precomputed for the pool of boost-phase geometries each trial \
             draws from, from 1 to 1000000, e.g. 2048",
        )
        .setting(),
];

/// Most boost-layer carriers, and most launch times in the pool.
const MAX_CARRIERS: f64 = 1_000_000.0;

/// What the `[engage]` reader needs from the rest of the scenario.
pub(crate) struct EngageInputs<'a> {
    /// Whether the file has an `[sbi]` table, which `[engage.boost]` needs.
    pub has_sbi: bool,
    /// Where the raid comes from.
    pub raid: &'a Raid<'a>,
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
    let areas = inputs.raid.read(ctx, &t, "[engage]");
    // The reference launch, for the warnings: the raid's only launch, when
    // it has one and every launch was read (so that the index of a name is
    // its index in `launches`).
    let reference = areas
        .as_ref()
        .filter(|a| a.iter().all(|x| x.launch == a[0].launch))
        .and_then(|a| a.first())
        .filter(|_| inputs.launches.len() == inputs.raid.launches.len())
        .and_then(|a| inputs.launches.get(a.launch));
    let decoys = t.count(ctx, "decoys_per_rv");
    let trials = t.count(ctx, "trials");
    let jitter = t.get(ctx, "detection_jitter_s");
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
        areas: areas?,
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
    names: &[("greedy", Assignment::Greedy), ("exact", Assignment::Exact)],
    what: "weapon-target assignment",
    plural: "assignments",
    detail: "greedy (most valuable objects first, or rounds by marginal return), or the exact \
             assignment of salvos or rounds to objects (Hungarian method)",
};

/// `allocation`: "doctrine" (default) or "marginal_return".
const ALLOCATION: Choice<Allocation> = Choice {
    key: "allocation",
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
    let s = t.text(ctx, c.key).given()?;
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
        match t.check_int(ctx, "salvo_sweep", &s) {
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
    let carriers = t.count(ctx, "carriers");
    let pk = t.get(ctx, "pk");
    let shots = t.count(ctx, "shots");
    let pool = t.count(ctx, "pool");
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
