//! The joint constellation of several shells in words and tables: what
//! each shell holds, how it compares with the single shells, and what each
//! launch area meets.

use super::count;
use super::family::why;
use cupola_analysis::sizing::SizingResult;
use cupola_analysis::sizing::joint::JointResult;
use cupola_report::Table;

/// The shells of a joint constellation: "65.0° × 48 planes at 400 km + …".
pub(crate) fn shells_name(j: &JointResult) -> String {
    j.shells
        .iter()
        .map(|s| {
            format!(
                "{:.1}° × {} planes at {:.0} km",
                s.family.inclination_rad.to_degrees(),
                s.family.planes,
                s.family.altitude_m / 1e3
            )
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Summary lines of the joint sizing (none without one).
pub(super) fn lines(r: &SizingResult) -> Vec<String> {
    let Some(j) = &r.joint else {
        return Vec::new();
    };
    let mut v = Vec::new();
    let Some(b) = &j.best else {
        v.push(format!(
            "Jointly ({}): no answer: {}.",
            shells_name(j),
            j.why_none.as_ref().map_or_else(String::new, why)
        ));
        return v;
    };
    let (lo, hi) = b.stats.p_success_interval();
    let split = b
        .carriers
        .iter()
        .zip(&b.per_plane)
        .map(|(c, pp)| format!("{} ({pp} per plane)", count(f64::from(*c))))
        .collect::<Vec<_>>()
        .join(" + ");
    let used = b.carriers.iter().filter(|&&c| c > 0).count();
    let compared = match &r.best {
        _ if used == 1 => "no mix of the shells needs fewer than one shell alone".into(),
        Some(s) if s.total > b.total => format!(
            "{:.0}% fewer than the best single shell of [sbi] ({} at {:.1}°, {} planes)",
            100.0 * (1.0 - f64::from(b.total) / f64::from(s.total)),
            count(f64::from(s.total)),
            s.family.inclination_rad.to_degrees(),
            s.family.planes
        ),
        Some(s) => format!(
            "no fewer than the best single shell of [sbi] ({} at {:.1}°, {} planes)",
            count(f64::from(s.total)),
            s.family.inclination_rad.to_degrees(),
            s.family.planes
        ),
        None => "no single shell of [sbi] meets the requirement".into(),
    };
    v.push(format!(
        "Jointly ({}): {} carriers, {split}; P = {:.3} ({lo:.3}–{hi:.3}); {compared}. \
         Searched over {} splits of the carriers between the shells, {} constellations evaluated.",
        shells_name(j),
        count(f64::from(b.total)),
        b.stats.p_success(),
        j.splits,
        j.evaluated
    ));
    let samples = b.stats.samples;
    if r.reach.len() > 1 {
        for (k, (c, re)) in b.stats.areas.iter().zip(&r.reach).enumerate() {
            let salvo = j.shells.first().map_or(0, |s| s.areas[k].salvo);
            let cells = j
                .shells
                .iter()
                .map(|s| {
                    format!(
                        "{} of {}",
                        count(s.areas[k].table.feasible_cells as f64),
                        count(s.areas[k].table.cells as f64)
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            v.push(format!(
                "Jointly, {} ({salvo} missile{}): {:.2} carriers in reach of a missile on average; every \
                 missile of the area had its shots in reach in {:.1}% of launch times (reach cells \
                 feasible per shell: {cells}).",
                re.area,
                if salvo == 1 { "" } else { "s" },
                c.mean_in_reach(samples),
                100.0 * c.p_in_reach(samples),
            ));
        }
    }
    v
}

/// The joint search as a table: every constellation tried, its carriers
/// per shell, in all, and its probability of success.
pub(super) fn table(j: &JointResult) -> Table {
    let mut t = Table::new("sizing joint search");
    for (k, s) in j.shells.iter().enumerate() {
        t = t.with_column(
            format!(
                "shell{k}_{:.0}deg_{}planes",
                s.family.inclination_rad.to_degrees(),
                s.family.planes
            ),
            "carriers",
            j.tried
                .iter()
                .map(|c| c.carriers.get(k).map_or(f64::NAN, |&n| f64::from(n)))
                .collect(),
        );
    }
    t.with_column(
        "carriers",
        "",
        j.tried.iter().map(|c| f64::from(c.total)).collect(),
    )
    .with_column(
        "p_success",
        "",
        j.tried.iter().map(|c| c.p_success).collect(),
    )
}
