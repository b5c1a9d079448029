//! `[[constellation]]` tables: named sets of satellites, from Walker shells
//! (`[[constellation.shell]]`), explicit orbits (`[[constellation.orbit]]`)
//! or a catalog file (`tle_file`, `omm_file`).

mod catalog;
mod checks;
pub(crate) mod orbits;
pub(crate) mod walker;

use cupola_physics::constellation::Shell;
use cupola_physics::orbit::Elements;
use cupola_physics::orbit::sgp4_model::GpElements;
use hifitime::Epoch;

use crate::context::{Ctx, Span, Spanned, closest, one_of};
use crate::key::KeyDescriptor;
use crate::parse::Files;
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};

/// One constellation of a scenario, from a `[[constellation]]` table.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ConstellationSpec {
    /// Name, unique among the scenario's constellations; sensors and
    /// `[coverage]` refer to the constellation by it.
    pub name: String,
    /// Where its satellites come from.
    pub source: ConstellationSource,
}

impl ConstellationSpec {
    /// Number of satellites: the shells' totals, the orbits, or the catalog's
    /// element sets.
    pub fn satellite_count(&self) -> usize {
        match &self.source {
            ConstellationSource::Walker { shells, .. } => {
                shells.iter().map(|s| s.total as usize).sum()
            }
            ConstellationSource::Orbits(orbits) => orbits.len(),
            ConstellationSource::Catalog { elements, .. } => elements.len(),
        }
    }
}

/// The satellites of a constellation. Exactly one kind per
/// `[[constellation]]`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstellationSource {
    /// Walker shells, from `[[constellation.shell]]`; each has passed
    /// [`Shell::validate`]. Build the satellites with
    /// [`cupola_physics::constellation::Constellation::new`], or with
    /// [`cupola_physics::constellation::Constellation::with_random_phasing`]
    /// when `random_phasing_seed` is given.
    Walker {
        /// The shells, in file order (altitude in m above the WGS84
        /// equatorial radius, angles in rad).
        shells: Vec<Shell>,
        /// Seed of the random phasing, from `random_phasing_seed`; `None`
        /// for Walker phasing.
        random_phasing_seed: Option<u64>,
    },
    /// Explicit orbits, from `[[constellation.orbit]]`, one satellite each:
    /// mean elements at the scenario epoch in cupola's ECI frame (RAAN from
    /// the Greenwich meridian at the epoch), each passed by
    /// [`Elements::validate`].
    Orbits(Vec<Elements>),
    /// Element sets read from a TLE (`tle_file`) or OMM JSON (`omm_file`)
    /// catalog; each initialises SGP4
    /// ([`cupola_physics::orbit::sgp4_model::Satellite::from_elements`]).
    Catalog {
        /// The catalog file's path, resolved against the scenario file's
        /// directory.
        path: String,
        /// The element sets, in file order (not serialized: the path names
        /// them).
        #[serde(skip)]
        elements: Vec<GpElements>,
    },
}

/// Keys of a `[[constellation]]` table.
pub(crate) const CONSTELLATION_KEYS: &[KeyDescriptor] = &[
    KeyDescriptor::text("name")
        .rule("not empty, unique among constellations")
        .example("name = \"leo-tracking\"")
        .doc("the name sensors and [coverage] use to refer to it"),
    KeyDescriptor::tables("shell")
        .optional()
        .rule("at least one; one source of `shell`, `orbit`, `tle_file`, `omm_file`")
        .example("[[constellation.shell]]")
        .doc("Walker shells, `[[constellation.shell]]` (below)"),
    KeyDescriptor::tables("orbit")
        .optional()
        .rule("at least one")
        .example("[[constellation.orbit]]")
        .doc("one satellite per table, `[[constellation.orbit]]` (below)"),
    KeyDescriptor::text("tle_file")
        .optional()
        .rule("a readable file")
        .example("tle_file = \"catalog.tle\"")
        .doc("a catalog of two- or three-line element sets, relative to the scenario file"),
    KeyDescriptor::text("omm_file")
        .optional()
        .rule("a readable file")
        .example("omm_file = \"catalog.json\"")
        .doc("a CelesTrak-style OMM JSON catalog, relative to the scenario file"),
    KeyDescriptor::integer("random_phasing_seed")
        .optional()
        .shown_default("— (Walker phasing)")
        .rule("≥ 0; with `shell` only")
        .example("random_phasing_seed = 7")
        .doc("build the shells with random RAAN and in-plane phases from this seed")
        .setting(),
];

/// The keys that give a constellation its satellites.
const SOURCES: [&str; 4] = ["shell", "orbit", "tle_file", "omm_file"];

/// A constellation name, with the constellation if it passed every check.
pub(crate) struct DeclaredConstellation {
    /// The name given (possibly clashing; already reported).
    pub name: String,
    /// The constellation, if all of its values are good.
    pub spec: Option<ConstellationSpec>,
}

/// How messages show a source key.
fn source_label(key: &str) -> String {
    match key {
        "shell" | "orbit" => format!("[[constellation.{key}]]"),
        _ => format!("`{key}`"),
    }
}

/// Read every `[[constellation]]`; catalog files are read from `files`.
pub(crate) fn read_constellations(
    ctx: &mut Ctx,
    root: &TableReader<'_>,
    files: Files<'_>,
    epoch: Option<Epoch>,
) -> Vec<DeclaredConstellation> {
    let tables = match root.tables(
        ctx,
        "constellation",
        |i| format!("[[constellation]] #{}", i + 1),
        CONSTELLATION_KEYS,
    ) {
        Field::Given(t) => t.value,
        _ => return Vec::new(),
    };
    let mut declared: Vec<(DeclaredConstellation, Span)> = Vec::new();
    for mut t in tables {
        let name = t.req_string(ctx, "name");
        let mut name_ok = false;
        if let Some(name) = &name {
            t.what = format!("[[constellation]] `{}`", name.value);
            let earlier: Vec<(&str, Span)> = declared
                .iter()
                .map(|(d, s)| (d.name.as_str(), s.clone()))
                .collect();
            name_ok = check_unique_name(ctx, name, "constellation", &earlier);
        }
        let source = read_source(ctx, &t, files, epoch);
        t.finish(ctx);
        if let Some(name) = name {
            let spec = match (name_ok, source) {
                (true, Some(source)) => Some(ConstellationSpec {
                    name: name.value.clone(),
                    source,
                }),
                _ => None,
            };
            let before: usize = declared
                .iter()
                .filter_map(|(d, _)| d.spec.as_ref().map(ConstellationSpec::satellite_count))
                .sum();
            let count = spec.as_ref().map_or(0, ConstellationSpec::satellite_count);
            let spec = if before + count > MAX_SATELLITES {
                ctx.report(
                    ProblemKind::InvalidValue,
                    name.span.clone(),
                    format!(
                        "this constellation brings the scenario to {} satellites, more than the {MAX_SATELLITES} \
                         cupola handles in one scenario",
                        before + count
                    ),
                    "split the study into several scenarios, or use fewer satellites",
                )
                .relabel("too many satellites");
                None
            } else {
                spec
            };
            declared.push((
                DeclaredConstellation {
                    name: name.value,
                    spec,
                },
                name.span,
            ));
        }
    }
    declared.into_iter().map(|(d, _)| d).collect()
}

/// Most satellites in all the constellations of one scenario (their states at
/// one epoch take 9.6 MB).
pub const MAX_SATELLITES: usize = 200_000;

/// Check a `name` of a `[[what]]` table: not empty, not already used by one
/// of `earlier` (names with the span of their value). Reports and returns
/// `false` when it is not.
pub(crate) fn check_unique_name(
    ctx: &mut Ctx,
    name: &Spanned<String>,
    what: &str,
    earlier: &[(&str, Span)],
) -> bool {
    let n = name.value.as_str();
    if n.trim().is_empty() {
        ctx.report(
            ProblemKind::InvalidValue,
            name.span.clone(),
            format!("a {what}'s `name` must not be empty"),
            format!("give it a short identifier, e.g. `name = \"my-{what}\"`"),
        );
        return false;
    }
    if let Some((_, first)) = earlier.iter().find(|(e, _)| *e == n) {
        let line = ctx.line_of(first.start);
        let p = ctx
            .at(
                ProblemKind::DuplicateName,
                name.span.clone(),
                format!("a {what} named `{n}` is already defined on line {line}"),
            )
            .with_help(format!(
                "give every [[{what}]] its own name: other tables refer to it by name"
            ))
            .with_label("second definition");
        ctx.push(p);
        return false;
    }
    true
}

/// Check that `name` is a `[[constellation]]` of the scenario, reporting
/// an unknown name (with a suggestion) as said `by` a table.
pub(crate) fn resolve_constellation(
    ctx: &mut Ctx,
    name: Spanned<String>,
    constellations: &[&str],
    by: &str,
) -> Option<String> {
    if constellations.contains(&name.value.as_str()) {
        return Some(name.value);
    }
    let help = match (
        closest(&name.value, constellations.iter().copied()),
        constellations,
    ) {
        (Some(best), _) => format!(
            "did you mean `{best}`? The constellations are {}",
            one_of(constellations)
        ),
        (None, []) => format!(
            "the scenario defines no constellation; add one, e.g.\n[[constellation]]\nname = \"{}\"\n\
             [[constellation.shell]]\naltitude_km = 1000.0\ninclination_deg = 55.0\nsatellites = 96\nplanes = 8",
            name.value
        ),
        (None, _) => format!(
            "name one of the scenario's constellations: {}",
            one_of(constellations)
        ),
    };
    let p = ctx
        .at(
            ProblemKind::UnknownName,
            name.span,
            format!("{by} names the unknown constellation `{}`", name.value),
        )
        .with_help(help)
        .with_label("no [[constellation]] has this name");
    ctx.push(p);
    None
}

/// Read the one source of satellites of a constellation.
fn read_source(
    ctx: &mut Ctx,
    t: &TableReader<'_>,
    files: Files<'_>,
    epoch: Option<Epoch>,
) -> Option<ConstellationSource> {
    let mut given: Vec<(&str, Span)> = SOURCES
        .iter()
        .filter(|k| t.entry(k).is_some())
        .map(|&k| (k, t.key_span(k)))
        .collect();
    given.sort_by_key(|(_, s)| s.start);
    let seed = t.unsigned(ctx, "random_phasing_seed");
    let seed_present = seed.is_present();
    let seed = seed.given();

    let Some((first, first_span)) = given.first().cloned() else {
        if !SOURCES.iter().any(|k| t.misspelled(k)) {
            ctx.report(
                ProblemKind::MissingKey,
                t.span.clone(),
                format!("{} has no satellites", t.what),
                "give one source of satellites: [[constellation.shell]] tables (Walker shells), \
                 [[constellation.orbit]] tables (explicit orbits), `tle_file = \"catalog.tle\"` \
                 or `omm_file = \"catalog.json\"`",
            )
            .relabel("needs satellites");
        }
        return None;
    };
    if given.len() > 1 {
        let first_line = ctx.line_of(first_span.start);
        for (key, span) in &given[1..] {
            let p = ctx
                .at(
                    ProblemKind::Conflict,
                    span.clone(),
                    format!(
                        "{} takes one source of satellites: {} cannot be combined with {} (line {first_line})",
                        t.what,
                        source_label(key),
                        source_label(first)
                    ),
                )
                .with_help(
                    "split them into two [[constellation]] tables, each with its own name, \
                     or delete the one you do not mean",
                )
                .with_label("second source");
            ctx.push(p);
        }
        return None;
    }
    if seed_present && first != "shell" {
        let p = ctx
            .at(
                ProblemKind::Conflict,
                t.key_span("random_phasing_seed"),
                format!(
                    "`random_phasing_seed` applies to Walker shells only, not to satellites from {}",
                    source_label(first)
                ),
            )
            .with_help(
                "remove it: explicit orbits and catalog satellites are placed where their elements say",
            )
            .with_label("not used here");
        ctx.push(p);
        return None;
    }
    match first {
        "shell" => {
            let shells = walker::read_shells(ctx, t)?;
            if seed_present && seed.is_none() {
                return None;
            }
            Some(ConstellationSource::Walker {
                shells,
                random_phasing_seed: seed.map(|s| s.value),
            })
        }
        "orbit" => orbits::read_orbits(ctx, t).map(ConstellationSource::Orbits),
        key => catalog::read_catalog(ctx, t, key, files, epoch)
            .map(|(path, elements)| ConstellationSource::Catalog { path, elements }),
    }
}
