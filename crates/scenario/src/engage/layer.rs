//! What the midcourse sites and terminal batteries of `[engage]` share:
//! a name unique among all of them, a site, an inventory, a kill
//! probability, a shot doctrine, and the sensor whose track cues them.

use cupola_analysis::engage::Doctrine;
use cupola_physics::frames::Geodetic;

use crate::context::{Ctx, Span, Spanned, closest, one_of};
use crate::key::KeyDescriptor;
use crate::launch::{POINT_KEYS, read_point};
use crate::problem::ProblemKind;
use crate::reader::{Field, TableReader};
use crate::{SensorKind, SensorSpec};

/// Most interceptors fired per object (per look, for shoot-look-shoot).
pub(super) const MAX_SHOTS: u64 = 20;

/// Most interceptors in one layer's inventory.
pub(super) const MAX_INVENTORY: f64 = 1_000_000.0;

/// Shot doctrines accepted by `doctrine`.
const DOCTRINES: [&str; 2] = ["barrage", "shoot_look_shoot"];

/// A layer as read: its name (when well written) and the layer (when
/// every key is good).
pub(super) struct Named<T> {
    /// The `name`, with where it is written.
    pub name: Option<Spanned<String>>,
    /// The layer, in SI units.
    pub value: Option<T>,
}

/// Every layer, when all of them are good.
pub(super) fn all<T>(layers: Vec<Named<T>>) -> Option<Vec<T>> {
    layers.into_iter().map(|l| l.value).collect()
}

/// Read the required `name` of a layer or asset of `[[engage.<table>]]`,
/// and name the table by it in later messages.
pub(super) fn read_name(
    ctx: &mut Ctx,
    t: &mut TableReader<'_>,
    table: &str,
) -> Option<Spanned<String>> {
    let name = t.req_string(ctx, "name")?;
    if name.value.trim().is_empty() {
        ctx.report(
            ProblemKind::InvalidValue,
            name.span,
            format!("the `name` of [[engage.{table}]] must not be empty"),
            "give it a short label for reports, e.g. `name = \"Fort Greely\"`",
        )
        .relabel("empty name");
        return None;
    }
    t.what = format!("[[engage.{table}]] `{}`", name.value);
    Some(name)
}

/// Check that no two names are the same, reporting each repeat (in file
/// order) at its second use; `what` names the things named (e.g. "layer")
/// and `tables` the headers they are written under. `true` when all are
/// unique.
pub(crate) fn check_unique<'a>(
    ctx: &mut Ctx,
    names: impl IntoIterator<Item = &'a Option<Spanned<String>>>,
    what: &str,
    tables: &str,
) -> bool {
    let mut names: Vec<&Spanned<String>> = names.into_iter().flatten().collect();
    names.sort_by_key(|n| n.span.start);
    let mut ok = true;
    for (i, n) in names.iter().enumerate() {
        let Some(first) = names[..i].iter().find(|e| e.value == n.value) else {
            continue;
        };
        ok = false;
        let line = ctx.line_of(first.span.start);
        let p = ctx
            .at(
                ProblemKind::DuplicateName,
                n.span.clone(),
                format!(
                    "a {what} named `{}` is already defined on line {line}",
                    n.value
                ),
            )
            .with_help(format!(
                "give every {tables} its own name: the results name each {what} by it"
            ))
            .with_label("second definition");
        ctx.push(p);
    }
    ok
}

/// Check that the names of the midcourse sites and terminal batteries
/// are unique among all of them.
pub(super) fn check_unique_layers<'a>(
    ctx: &mut Ctx,
    names: impl IntoIterator<Item = &'a Option<Spanned<String>>>,
) -> bool {
    check_unique(
        ctx,
        names,
        "defense layer",
        "[[engage.midcourse]] and [[engage.terminal]]",
    )
}

/// The required `site` of a layer or asset.
pub(super) fn read_site(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Geodetic> {
    match t.table(ctx, "site", format!("the site of {}", t.what), POINT_KEYS) {
        Field::Given(s) => read_point(ctx, &s.value),
        Field::Absent => {
            t.missing(ctx, "site");
            None
        }
        Field::Invalid => None,
    }
}

/// Help for a single-shot kill probability.
pub(super) const PK_HINT: &str = "the single-shot kill probability of one interceptor, from 0 \
     (never kills) to 1 (always kills)";

/// Help for an inventory.
pub(super) const INVENTORY_HINT: &str =
    "the interceptors the layer holds, a whole number from 0 to 1000000";

/// Help for the shots of a doctrine.
pub(super) const SHOTS_HINT: &str =
    "the interceptors fired at each object (per look, for shoot-look-shoot), from 1 to 20";

/// `kill_assessment`, shared by midcourse sites and terminal batteries:
/// the default is assumed (the open literature gives no figure; 0.7–1
/// brackets it, from an assessment often fooled by debris to a perfect one).
pub(super) const KILL_ASSESSMENT_KEY: KeyDescriptor = KeyDescriptor::number("kill_assessment")
    .or_number(0.9)
    .closed(0.0, 1.0)
    .plausible(0.5, 1.0)
    .example("kill_assessment = 0.9")
    .doc(
        "probability that the kill assessment after a look is right: a survivor judged killed is \
         not shot again, a kill judged a survivor draws a second look's rounds",
    )
    .hint(
        "the probability that the assessment after a look tells a kill from a survivor \
         rightly, from 0 to 1 (perfect)",
    )
    .assumed(
        0.7,
        1.0,
        "the open literature gives no figure: from an assessment often fooled by debris to a \
         perfect one",
    );

/// `doctrine`, shared by midcourse sites and terminal batteries.
pub(super) const DOCTRINE_KEY: KeyDescriptor = KeyDescriptor::text("doctrine")
    .or_text("barrage")
    .rule("`\"barrage\"`, `\"shoot_look_shoot\"`")
    .example("doctrine = \"barrage\"")
    .doc(
        "fire `shots` at once; or fire `shots`, assess, and fire `shots` again at a survivor when \
         the timeline allows",
    )
    .setting();

/// `shots`, shared by midcourse sites and terminal batteries; its default
/// depends on the doctrine.
pub(super) const SHOTS_KEY: KeyDescriptor = KeyDescriptor::integer("shots")
    .or_integer(2)
    .shown_default("`2` (barrage), `1` (shoot-look-shoot)")
    .closed(1.0, MAX_SHOTS as f64)
    .example("shots = 2")
    .doc("interceptors per object (per look)")
    .hint(SHOTS_HINT)
    .setting();

/// The required `inventory` of a layer, in [0, 1000000]; an empty one is
/// a warning (the layer never engages).
pub(super) fn read_inventory(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<u32> {
    let inventory = t.int(ctx, "inventory").given()?;
    let n = u32::try_from(inventory.value).ok()?;
    if n == 0 {
        ctx.warn(
            &inventory.span,
            format!(
                "{} has no interceptors (`inventory = 0`): it never engages",
                t.what
            ),
        );
    }
    Some(n)
}

/// `doctrine` ("barrage", the default, or "shoot_look_shoot") and `shots`
/// (per look, in [1, 20]; default 2 for a barrage, 1 for
/// shoot-look-shoot).
pub(super) fn read_doctrine(ctx: &mut Ctx, t: &TableReader<'_>) -> Option<Doctrine> {
    let doctrine = t.text(ctx, "doctrine").given();
    let look = match &doctrine {
        Some(d) if d.value == "barrage" => Some(false),
        Some(d) if d.value == "shoot_look_shoot" => Some(true),
        Some(d) => {
            let help = match closest(&d.value, DOCTRINES) {
                Some(best) => format!(
                    "did you mean \"{best}\"? The doctrines are {}",
                    one_of(&DOCTRINES)
                ),
                None => format!(
                    "the doctrines are {}: fire `shots` at once, or fire `shots`, assess the \
                     kill and fire again at a survivor",
                    one_of(&DOCTRINES)
                ),
            };
            ctx.report(
                ProblemKind::InvalidValue,
                d.span.clone(),
                format!("unknown shot doctrine \"{}\"", d.value),
                help,
            )
            .relabel("unknown doctrine");
            None
        }
        None => None,
    };
    let default_shots = if look == Some(true) { 1 } else { 2 };
    let shots = t
        .unsigned(ctx, "shots")
        .or(default_shots, &t.span)
        .and_then(|s| t.check_int(ctx, "shots", &s));
    let shots = shots?;
    Some(if look? {
        Doctrine::ShootLookShoot { shots }
    } else {
        Doctrine::Barrage { shots }
    })
}

/// The scenario's sensors, to resolve the `sensor` that cues a layer.
pub(super) struct Cueing<'a> {
    /// The sensors read without problems.
    pub sensors: &'a [SensorSpec],
    /// Every `[[sensor]]` name written, including sensors with problems.
    pub declared: &'a [String],
}

impl Cueing<'_> {
    /// The required `sensor` of a layer, which must name a tracking layer
    /// or a ground radar: an infrared early-warning sensor sees only the
    /// boost plume and cannot cue `layer` (e.g. "a midcourse site").
    pub fn read(&self, ctx: &mut Ctx, t: &TableReader<'_>, layer: &str) -> Option<String> {
        let name = t.req_string(ctx, "sensor")?;
        let Some(sensor) = self.sensors.iter().find(|s| s.name == name.value) else {
            if !self.declared.contains(&name.value) {
                self.unknown(ctx, &name, &t.what);
            }
            // Otherwise the sensor has problems of its own, reported.
            return None;
        };
        match sensor.kind {
            SensorKind::Tracking { .. } | SensorKind::Radar(_) => Some(name.value),
            SensorKind::Infrared { .. } => {
                self.infrared(ctx, &name.value, name.span, layer);
                None
            }
        }
    }

    /// The sensors that can cue a layer, by name.
    fn cueing_names(&self) -> Vec<&str> {
        self.sensors
            .iter()
            .filter(|s| !matches!(s.kind, SensorKind::Infrared { .. }))
            .map(|s| s.name.as_str())
            .collect()
    }

    fn unknown(&self, ctx: &mut Ctx, name: &Spanned<String>, by: &str) {
        let declared: Vec<&str> = self.declared.iter().map(String::as_str).collect();
        let help = match (
            closest(&name.value, declared.iter().copied()),
            &declared[..],
        ) {
            (Some(best), _) => format!(
                "did you mean `{best}`? The sensors are {}",
                one_of(&declared)
            ),
            (None, []) => "the scenario defines no sensor; add a tracking layer or a ground \
                 radar, e.g.\n[[sensor]]\nname = \"ground radar\"\nkind = \"radar\"\n\
                 site = { lat_deg = 47.4, lon_deg = -101.8 }\nmax_range_km = 2000.0"
                .to_owned(),
            (None, _) => format!("name one of the scenario's sensors: {}", one_of(&declared)),
        };
        let p = ctx
            .at(
                ProblemKind::UnknownName,
                name.span.clone(),
                format!("{by} names the unknown sensor `{}`", name.value),
            )
            .with_help(help)
            .with_label("no [[sensor]] has this name");
        ctx.push(p);
    }

    fn infrared(&self, ctx: &mut Ctx, name: &str, span: Span, layer: &str) {
        let can = self.cueing_names();
        let help = if can.is_empty() {
            "the scenario has no sensor that tracks after boost: add a [[sensor]] with \
             kind = \"tracking\" (satellites that triangulate cold objects) or kind = \"radar\", \
             and name it here"
                .to_owned()
        } else {
            format!("the sensors that can cue it are {}", one_of(&can))
        };
        ctx.report(
            ProblemKind::InvalidValue,
            span,
            format!(
                "sensor \"{name}\" is an infrared early-warning sensor: it sees only the boost \
                 plume and cannot cue {layer}; name a tracking layer or a ground radar"
            ),
            help,
        )
        .relabel("sees only the boost plume");
    }
}
