//! Each family of a sizing in words: its name, its reach table and
//! analytic ground reach, why it has no answer, and the table of families.

use super::count;
use cupola_analysis::sizing::SizingResult;
use cupola_analysis::sizing::planes::{MAX_PLANES, NoAnswer};
use cupola_analysis::sizing::study::FamilyResult;
use cupola_report::TextTable;

/// A family's name: altitude, inclination, planes.
pub(super) fn family_name(f: &FamilyResult) -> String {
    format!(
        "{:.0} km, {:.1}°, {} planes{}",
        f.family.altitude_m / 1e3,
        f.family.inclination_rad.to_degrees(),
        f.family.planes,
        if f.planes_searched {
            " (plane count searched)"
        } else {
            ""
        }
    )
}

/// Why a family has no answer, in words.
pub(super) fn why(n: &NoAnswer) -> String {
    match n {
        NoAnswer::NoFeasibleCell {
            fire_s,
            intercept_by_s,
            window_s,
            divert_short_cells,
        } => {
            let divert = if *divert_short_cells > 0 {
                format!(
                    "; {} cells reachable in time need more divert than the kill vehicle has",
                    count(*divert_short_cells as f64)
                )
            } else {
                String::new()
            };
            format!(
                "no reach cell is feasible: fired at {fire_s:.1} s, intercept by {intercept_by_s:.1} s, \
                 a fly-out window of {window_s:.1} s{divert}"
            )
        }
        NoAnswer::PlaneGaps {
            planes,
            carriers,
            p_in_reach,
            mean_in_reach,
            searched,
            more_planes,
        } => format!(
            "plane gaps: with {} carriers in {planes} planes, {mean_in_reach:.1} in reach on average, \
             every missile had its shots in reach in only {:.1}% of launch times (the spacing between \
             planes exceeds the reach); {}",
            count(f64::from(*carriers)),
            100.0 * p_in_reach,
            match (searched, more_planes) {
                (false, _) =>
                    "the plane count was not searched: not every given plane count fails by gaps"
                        .to_string(),
                (true, None) => format!("no plane count up to {MAX_PLANES} meets the requirement"),
                (true, Some(p)) =>
                    format!("the plane-count search finds {p} planes the fewest that meet it"),
            }
        ),
        NoAnswer::AboveMax {
            max_satellites,
            p_success,
        } => format!(
            "above max_satellites: no constellation up to {} carriers meets it (best P = {p_success:.3})",
            count(f64::from(*max_satellites))
        ),
        NoAnswer::BelowPlanes {
            max_satellites,
            smallest,
        } => format!(
            "max_satellites ({}) is below one satellite in every plane ({} carriers)",
            count(f64::from(*max_satellites)),
            count(f64::from(*smallest))
        ),
    }
}

/// One family's reach table and analytic ground reach, in words.
pub(super) fn reach_line(f: &FamilyResult) -> String {
    let a = f.analytic();
    let divert = if f.table().divert_short_cells > 0 {
        format!(
            " ({} more reachable in time but short of divert)",
            count(f.table().divert_short_cells as f64)
        )
    } else {
        String::new()
    };
    let kinematics = if a.flyout_s > 0.0 {
        format!(
            "a full burn covers {:.0} km in {:.1} s, {:.2} km/s on average, to the missile at {:.0} km",
            a.slant_range_m / 1e3,
            a.flyout_s,
            a.average_speed_m_s / 1e3,
            a.intercept_altitude_m / 1e3,
        )
    } else {
        "no fly-out within the window and the divert reaches the missile's altitude".to_string()
    };
    let against = if f.areas.len() > 1 {
        format!(
            " against {} (the area the analytic models find hardest)",
            f.areas[f.binding].area
        )
    } else {
        String::new()
    };
    format!(
        "Reach table at {:.0} km, {:.1}°{against}: {} of {} cells feasible{divert}; analytic ground reach ρ = {:.0} km \
         ({kinematics}; uniform fraction in reach {:.3e}).",
        a.altitude_m / 1e3,
        f.family.inclination_rad.to_degrees(),
        count(f.table().feasible_cells as f64),
        count(f.table().cells as f64),
        a.ground_reach_m / 1e3,
        a.fraction_uniform
    )
}

/// Every family: its reach table, analytic count and answer.
pub(super) fn families_table(r: &SizingResult) -> TextTable {
    let mut t = TextTable::new(vec![
        "inclination_deg".to_string(),
        "planes".into(),
        "feasible cells".into(),
        "ground reach km".into(),
        "inclined+Poisson".into(),
        "smallest".into(),
        "tried".into(),
    ]);
    for f in &r.families {
        t.push_row(vec![
            format!("{:.1}", f.family.inclination_rad.to_degrees()),
            format!(
                "{}{}",
                f.family.planes,
                if f.planes_searched { " (searched)" } else { "" }
            ),
            format!(
                "{} of {}",
                count(f.table().feasible_cells as f64),
                count(f.table().cells as f64)
            ),
            format!("{:.0}", f.analytic().ground_reach_m / 1e3),
            count(f.analytic().inclined_poisson_total),
            f.best
                .as_ref()
                .map_or("none".into(), |b| count(f64::from(b.total))),
            f.tried.len().to_string(),
        ]);
    }
    t
}
