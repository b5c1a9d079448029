//! The sensor layer and constellations of a scenario, built into the
//! domain objects the studies use.

use crate::error::Error;
use cupola_analysis::constellation::ConstellationSummary;
use cupola_defense::{
    CatalogEphemeris, CombinedEphemeris, Ephemeris, InfraredEarlyWarning, OrbitEphemeris, Sensor,
    TrackingLayer,
};
use cupola_physics::constants::MU_EARTH;
use cupola_physics::constellation::Constellation;
use cupola_physics::orbit::sgp4_model::Satellite;
use cupola_physics::orbit::{Elements, J2Batch};
use cupola_scenario::{ConstellationSource, ConstellationSpec, Scenario, SensorKind};
use std::sync::Arc;

/// Build one constellation: its satellites, propagated from the scenario
/// epoch, and its summary.
fn build(
    spec: &ConstellationSpec,
    scenario: &Scenario,
) -> Result<(Arc<dyn Ephemeris>, ConstellationSummary), Error> {
    let fail = |e: &dyn std::fmt::Display| Error::Internal(format!("{}: {e}", spec.name));
    Ok(match &spec.source {
        ConstellationSource::Walker {
            shells,
            random_phasing_seed,
        } => {
            let c = match random_phasing_seed {
                Some(seed) => Constellation::with_random_phasing(shells.clone(), *seed),
                None => Constellation::new(shells.clone()),
            }
            .map_err(|e| fail(&e))?;
            let batch = c.j2_batch().map_err(|e| fail(&e))?;
            let summary =
                ConstellationSummary::walker(&spec.name, &c, random_phasing_seed.is_some());
            (Arc::new(OrbitEphemeris::new(batch)), summary)
        }
        ConstellationSource::Orbits(elements) => {
            let batch = J2Batch::new(elements).map_err(|e| fail(&e))?;
            let rows: Vec<_> = elements
                .iter()
                .enumerate()
                .map(|(k, e)| (format!("orbit {}", k + 1), *e))
                .collect();
            let summary = ConstellationSummary::orbits(&spec.name, "explicit orbits", &rows);
            (Arc::new(OrbitEphemeris::new(batch)), summary)
        }
        ConstellationSource::Catalog { path, elements } => {
            let sats = elements
                .iter()
                .map(Satellite::from_elements)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| fail(&e))?;
            // Summary rows from the mean elements (a from the mean motion).
            let rows: Vec<_> = elements
                .iter()
                .filter_map(|g| {
                    let label = format!(
                        "{} ({})",
                        g.name.as_deref().unwrap_or("unnamed").trim(),
                        g.catalog_number
                    );
                    let a = (MU_EARTH / (g.mean_motion * g.mean_motion)).cbrt();
                    Elements::new(
                        a,
                        g.eccentricity,
                        g.inclination,
                        g.raan,
                        g.arg_perigee,
                        g.mean_anomaly,
                    )
                    .ok()
                    .map(|e| (label, e))
                })
                .collect();
            let mut summary =
                ConstellationSummary::orbits(&spec.name, &format!("catalog {path}, SGP4"), &rows);
            summary.satellites = elements.len();
            (
                Arc::new(CatalogEphemeris::new(sats, scenario.epoch)),
                summary,
            )
        }
    })
}

/// A scenario's constellations, each built once and shared by every study
/// and sensor that uses it.
pub struct Layer {
    constellations: Vec<(String, Arc<dyn Ephemeris>)>,
    summaries: Vec<ConstellationSummary>,
}

impl Layer {
    /// Build every constellation of `scenario`.
    pub fn new(scenario: &Scenario) -> Result<Self, Error> {
        let mut constellations = Vec::new();
        let mut summaries = Vec::new();
        for c in &scenario.constellations {
            let (ephemeris, summary) = build(c, scenario)?;
            constellations.push((c.name.clone(), ephemeris));
            summaries.push(summary);
        }
        Ok(Self {
            constellations,
            summaries,
        })
    }

    /// Summaries of the constellations, in scenario order.
    pub fn summaries(&self) -> &[ConstellationSummary] {
        &self.summaries
    }

    /// The satellites of the named constellation, or of all together, with
    /// a label.
    pub fn satellites(&self, name: Option<&str>) -> Result<(String, Arc<dyn Ephemeris>), Error> {
        match name {
            Some(n) => self
                .constellations
                .iter()
                .find(|(c, _)| c == n)
                .map(|(c, e)| (c.clone(), Arc::clone(e)))
                .ok_or_else(|| {
                    Error::Input(format!("no constellation named {n:?} in the scenario"))
                }),
            None => {
                let names: Vec<&str> = self
                    .constellations
                    .iter()
                    .map(|(c, _)| c.as_str())
                    .collect();
                let parts = self
                    .constellations
                    .iter()
                    .map(|(_, e)| Arc::clone(e))
                    .collect();
                Ok((names.join(" + "), Arc::new(CombinedEphemeris::new(parts))))
            }
        }
    }

    /// The scenario's sensors, on this layer's constellations.
    pub fn sensors(&self, scenario: &Scenario) -> Result<Vec<Sensor>, Error> {
        scenario
            .sensors
            .iter()
            .map(|s| {
                Ok(match &s.kind {
                    SensorKind::Infrared {
                        constellation,
                        burnthrough_altitude_m,
                        reporting_latency_s,
                        max_range_m,
                    } => Sensor::Infrared(InfraredEarlyWarning {
                        name: s.name.clone(),
                        satellites: self.satellites(Some(constellation))?.1,
                        burnthrough_altitude_m: *burnthrough_altitude_m,
                        reporting_latency_s: *reporting_latency_s,
                        max_range_m: *max_range_m,
                    }),
                    SensorKind::Tracking {
                        constellation,
                        grazing_altitude_m,
                        max_range_m,
                        sees_cold_bodies,
                        angle_error_rad,
                        min_sensors,
                        burnthrough_altitude_m,
                        smoothing_time_s,
                        reporting_latency_s,
                    } => Sensor::Tracking(TrackingLayer {
                        name: s.name.clone(),
                        satellites: self.satellites(Some(constellation))?.1,
                        grazing_altitude_m: *grazing_altitude_m,
                        max_range_m: *max_range_m,
                        sees_cold_bodies: *sees_cold_bodies,
                        angle_error_rad: *angle_error_rad,
                        min_sensors: *min_sensors,
                        min_target_altitude_m: *burnthrough_altitude_m,
                        smoothing_time_s: *smoothing_time_s,
                        reporting_latency_s: *reporting_latency_s,
                    }),
                    SensorKind::Radar(r) => Sensor::Radar(r.clone()),
                })
            })
            .collect()
    }
}
