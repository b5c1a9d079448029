//! Summaries of constellations: shells, counts, orbits and periods.

use cupola_physics::constellation::{Constellation, Pattern};
use cupola_physics::orbit::Elements;

/// One row of a constellation summary: a Walker shell, or a group of
/// satellites on the same kind of orbit.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct OrbitRow {
    /// What the row describes (e.g. `walker delta 55°: 96/8/1`).
    pub label: String,
    /// Satellites in the row.
    pub count: usize,
    /// Perigee altitude above the WGS84 equatorial radius, km.
    pub perigee_km: f64,
    /// Apogee altitude above the WGS84 equatorial radius, km.
    pub apogee_km: f64,
    /// Inclination, deg.
    pub inclination_deg: f64,
    /// Two-body period, min.
    pub period_min: f64,
}

/// A constellation at a glance.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ConstellationSummary {
    /// Its name.
    pub name: String,
    /// Where its satellites come from (Walker shells, explicit orbits, or a
    /// catalog file).
    pub source: String,
    /// Satellites in all.
    pub satellites: usize,
    /// One row per shell, orbit or catalog entry.
    pub rows: Vec<OrbitRow>,
}

fn row(label: String, count: usize, e: &Elements) -> OrbitRow {
    OrbitRow {
        label,
        count,
        perigee_km: e.perigee_altitude_m() / 1e3,
        apogee_km: e.apogee_altitude_m() / 1e3,
        inclination_deg: e.inclination_rad.to_degrees(),
        period_min: e.period_s() / 60.0,
    }
}

impl ConstellationSummary {
    /// Summary of Walker shells; `random` says whether they were phased at
    /// random.
    pub fn walker(name: &str, c: &Constellation, random: bool) -> Self {
        let rows = c
            .summary()
            .iter()
            .enumerate()
            .filter_map(|(k, s)| {
                let first = c.shell_of.iter().position(|&i| i == k)?;
                let pattern = match s.pattern {
                    Pattern::Delta => "delta",
                    Pattern::Star => "star",
                };
                let phasing = if random {
                    "random phasing".to_string()
                } else {
                    format!("f = {}", s.phasing)
                };
                let label = format!(
                    "walker {pattern} {:.1}°: {}/{}/{} ({phasing})",
                    s.inclination_rad.to_degrees(),
                    s.count,
                    s.planes,
                    s.phasing
                );
                Some(row(label, s.count, &c.elements[first]))
            })
            .collect();
        Self {
            name: name.to_string(),
            source: if random {
                "Walker shells, random phasing"
            } else {
                "Walker shells"
            }
            .into(),
            satellites: c.len(),
            rows,
        }
    }

    /// Summary of satellites given by their elements, one row each.
    pub fn orbits(name: &str, source: &str, elements: &[(String, Elements)]) -> Self {
        Self {
            name: name.to_string(),
            source: source.to_string(),
            satellites: elements.len(),
            rows: elements
                .iter()
                .map(|(label, e)| row(label.clone(), 1, e))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cupola_physics::constellation::Shell;

    #[test]
    fn walker_summary_counts_and_periods() {
        let c = Constellation::new(vec![
            Shell::walker_delta(500e3, 53f64.to_radians(), 24, 3, 1),
            Shell::walker_star(1_200e3, 87f64.to_radians(), 12, 6, 0),
        ])
        .unwrap();
        let s = ConstellationSummary::walker("two shells", &c, false);
        assert_eq!(s.satellites, 36);
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[0].count, 24);
        // 500 km circular: 94.62 min (2π√(a³/μ), a = 6,878.137 km).
        assert!(
            (s.rows[0].period_min - 94.616).abs() < 0.01,
            "{}",
            s.rows[0].period_min
        );
        assert!((s.rows[1].inclination_deg - 87.0).abs() < 1e-9);
        assert!(s.rows[1].label.contains("star"));
    }
}
