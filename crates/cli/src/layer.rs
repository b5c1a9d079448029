//! The sensor layer and constellations of a scenario, built into the
//! domain objects the studies use.

use crate::failure::Failure;
use cupola_analysis::constellation::ConstellationSummary;
use cupola_defense::{
    CatalogEphemeris, CombinedEphemeris, Ephemeris, InfraredEarlyWarning, OrbitEphemeris, Sensor,
    TrackingLayer,
};
use cupola_physics::constellation::Constellation;
use cupola_physics::orbit::J2Batch;
use cupola_physics::orbit::sgp4_model::Satellite;
use cupola_scenario::{ConstellationSource, ConstellationSpec, Scenario, SensorKind};
use std::sync::Arc;

fn internal(what: &str, e: impl std::fmt::Display) -> Failure {
    Failure::Internal(format!("{what}: {e}"))
}

/// The Walker constellation of a spec, if it is one.
fn walker(spec: &ConstellationSpec) -> Result<Option<(Constellation, bool)>, Failure> {
    let ConstellationSource::Walker {
        shells,
        random_phasing_seed,
    } = &spec.source
    else {
        return Ok(None);
    };
    let c = match random_phasing_seed {
        Some(seed) => Constellation::with_random_phasing(shells.clone(), *seed),
        None => Constellation::new(shells.clone()),
    }
    .map_err(|e| internal(&spec.name, e))?;
    Ok(Some((c, random_phasing_seed.is_some())))
}

/// The satellites of a constellation, propagated from the scenario epoch;
/// `built` is its Walker constellation, when it is one.
fn ephemeris(
    spec: &ConstellationSpec,
    built: Option<&(Constellation, bool)>,
    scenario: &Scenario,
) -> Result<Arc<dyn Ephemeris>, Failure> {
    if let Some((c, _)) = built {
        let batch = c.j2_batch().map_err(|e| internal(&spec.name, e))?;
        return Ok(Arc::new(OrbitEphemeris::new(batch)));
    }
    match &spec.source {
        ConstellationSource::Orbits(elements) => {
            let batch = J2Batch::new(elements).map_err(|e| internal(&spec.name, e))?;
            Ok(Arc::new(OrbitEphemeris::new(batch)))
        }
        ConstellationSource::Catalog { elements, .. } => {
            let sats = elements
                .iter()
                .map(Satellite::from_elements)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| internal(&spec.name, e))?;
            Ok(Arc::new(CatalogEphemeris::new(sats, scenario.epoch)))
        }
        ConstellationSource::Walker { .. } => Err(Failure::Internal("unreachable walker".into())),
    }
}

/// A summary of a constellation; `built` is its Walker constellation, when
/// it is one.
fn summary(
    spec: &ConstellationSpec,
    built: Option<&(Constellation, bool)>,
) -> Result<ConstellationSummary, Failure> {
    if let Some((c, random)) = built {
        return Ok(ConstellationSummary::walker(&spec.name, c, *random));
    }
    Ok(match &spec.source {
        ConstellationSource::Orbits(elements) => {
            let rows: Vec<_> = elements
                .iter()
                .enumerate()
                .map(|(k, e)| (format!("orbit {}", k + 1), *e))
                .collect();
            ConstellationSummary::orbits(&spec.name, "explicit orbits", &rows)
        }
        ConstellationSource::Catalog { path, elements } => {
            let rows: Vec<_> = elements
                .iter()
                .filter_map(|g| {
                    let label = format!(
                        "{} ({})",
                        g.name.as_deref().unwrap_or("unnamed").trim(),
                        g.catalog_number
                    );
                    cupola_physics::orbit::Elements::new(
                        (cupola_physics::constants::MU_EARTH / (g.mean_motion * g.mean_motion))
                            .cbrt(),
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
            let mut s =
                ConstellationSummary::orbits(&spec.name, &format!("catalog {path}, SGP4"), &rows);
            s.satellites = elements.len();
            s
        }
        ConstellationSource::Walker { .. } => {
            return Err(Failure::Internal("unreachable walker".into()));
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
    pub fn new(scenario: &Scenario) -> Result<Self, Failure> {
        let mut constellations = Vec::new();
        let mut summaries = Vec::new();
        for c in &scenario.constellations {
            let built = walker(c)?;
            constellations.push((c.name.clone(), ephemeris(c, built.as_ref(), scenario)?));
            summaries.push(summary(c, built.as_ref())?);
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
    pub fn satellites(&self, name: Option<&str>) -> Result<(String, Arc<dyn Ephemeris>), Failure> {
        match name {
            Some(n) => self
                .constellations
                .iter()
                .find(|(c, _)| c == n)
                .map(|(c, e)| (c.clone(), Arc::clone(e)))
                .ok_or_else(|| {
                    Failure::Input(format!("no constellation named {n:?} in the scenario"))
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
    pub fn sensors(&self, scenario: &Scenario) -> Result<Vec<Sensor>, Failure> {
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
                    }),
                    SensorKind::Radar(r) => Sensor::Radar(r.clone()),
                })
            })
            .collect()
    }
}
