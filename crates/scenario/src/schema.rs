//! The register of described tables: each table's TOML path and its key
//! descriptors, for [`crate::key::tables`] and the docs.

use crate::key::KeyDescriptor;
use crate::{
    area, constellation, cost, engage, launch, missile, parse, published, sbi, sensor, sources,
    stability, study,
};

/// Every described table, by TOML path (`top level` for the file's own
/// tables), in the order of `docs/scenario.md`. A `site` or `aim` is
/// described once, as `launch.site`.
pub(crate) static TABLES: &[(&str, &[KeyDescriptor])] = &[
    ("top level", parse::ROOT_KEYS),
    ("scenario", parse::SCENARIO_KEYS),
    ("physics", parse::PHYSICS_KEYS),
    ("missile", missile::MISSILE_KEYS),
    ("missile.stage", missile::STAGE_KEYS),
    ("missile.rv", missile::RV_KEYS),
    ("launch", launch::LAUNCH_KEYS),
    ("launch.site", launch::POINT_KEYS),
    ("area", area::AREA_KEYS),
    ("constellation", constellation::CONSTELLATION_KEYS),
    ("constellation.shell", constellation::walker::SHELL_KEYS),
    ("constellation.orbit", constellation::orbits::ORBIT_KEYS),
    ("sensor", sensor::read::SENSOR_KEYS),
    ("coverage", study::COVERAGE_KEYS),
    ("detect", study::DETECT_KEYS),
    ("sbi", sbi::SBI_KEYS),
    ("sbi.shell", sbi::shell::SHELL_KEYS),
    ("sbi.interceptor", sbi::carrier::INTERCEPTOR_KEYS),
    ("sbi.budget", sbi::budget::BUDGET_KEYS),
    ("sbi.budget.deadline", sbi::budget::DEADLINE_KEYS),
    ("size", sbi::size::SIZE_KEYS),
    ("size.sweep", sbi::size::SWEEP_KEYS),
    ("asat", sbi::asat::ASAT_KEYS),
    ("engage", engage::ENGAGE_KEYS),
    ("engage.boost", engage::BOOST_KEYS),
    ("engage.midcourse", engage::midcourse::MIDCOURSE_KEYS),
    ("engage.terminal", engage::terminal::TERMINAL_KEYS),
    ("engage.asset", engage::asset::ASSET_KEYS),
    ("stability", stability::STABILITY_KEYS),
    ("stability.attacker", stability::offense::ATTACKER_KEYS),
    ("stability.options", stability::offense::OPTIONS_KEYS),
    ("stability.race", stability::race::RACE_KEYS),
    ("stability.caps", stability::race::CAPS_KEYS),
    ("stability.arsenal", stability::arsenal::ARSENAL_KEYS),
    ("cost", cost::COST_KEYS),
    ("cost.inflation", cost::INFLATION_KEYS),
    ("cost.element", cost::element::ELEMENT_KEYS),
    ("published", published::PUBLISHED_KEYS),
    ("sources", sources::SOURCES_KEYS),
];
