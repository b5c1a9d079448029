//! Satellite ephemerides for the sensor layer: constellations propagated
//! with J2 (Walker shells, explicit orbits) and catalogs propagated with
//! SGP4, behind the [`Ephemeris`] trait.

use crate::sensor::Ephemeris;
use cupola_physics::Vec3;
use cupola_physics::orbit::sgp4_model::Satellite;
use cupola_physics::orbit::{J2Batch, PositionBuffer};
use hifitime::{Duration, Epoch};
use std::sync::Arc;

/// A constellation of mean-element orbits propagated with J2 secular rates.
pub struct OrbitEphemeris {
    batch: J2Batch,
}

impl OrbitEphemeris {
    /// The ephemeris of a J2 batch.
    pub fn new(batch: J2Batch) -> Self {
        Self { batch }
    }
}

impl Ephemeris for OrbitEphemeris {
    fn count(&self) -> usize {
        self.batch.len()
    }

    fn positions_ecef(&self, t_s: f64, out: &mut Vec<Vec3>) {
        let mut buf = PositionBuffer::with_len(self.batch.len());
        self.batch.propagate_ecef_positions_into(t_s, &mut buf);
        out.clear();
        out.extend((0..buf.len()).map(|k| Vec3::new(buf.x[k], buf.y[k], buf.z[k])));
    }
}

/// Satellites of a TLE/OMM catalog propagated with SGP4 from the scenario
/// epoch. A satellite SGP4 cannot propagate at some instant (decayed) is
/// reported at a NaN position there, which no sensor or coverage test
/// counts as visible.
pub struct CatalogEphemeris {
    satellites: Vec<Satellite>,
    epoch: Epoch,
}

impl CatalogEphemeris {
    /// The ephemeris of `satellites`, with simulation time zero at `epoch`.
    pub fn new(satellites: Vec<Satellite>, epoch: Epoch) -> Self {
        Self { satellites, epoch }
    }
}

impl Ephemeris for CatalogEphemeris {
    fn count(&self) -> usize {
        self.satellites.len()
    }

    fn positions_ecef(&self, t_s: f64, out: &mut Vec<Vec3>) {
        let at = self.epoch + Duration::from_seconds(t_s);
        out.clear();
        out.extend(self.satellites.iter().map(|s| match s.state_ecef_at(at) {
            Ok((r, _)) => r,
            Err(_) => Vec3::new(f64::NAN, f64::NAN, f64::NAN),
        }));
    }
}

/// Several ephemerides seen as one, in order.
pub struct CombinedEphemeris {
    parts: Vec<Arc<dyn Ephemeris>>,
}

impl CombinedEphemeris {
    /// The union of `parts`.
    pub fn new(parts: Vec<Arc<dyn Ephemeris>>) -> Self {
        Self { parts }
    }
}

impl Ephemeris for CombinedEphemeris {
    fn count(&self) -> usize {
        self.parts.iter().map(|p| p.count()).sum()
    }

    fn positions_ecef(&self, t_s: f64, out: &mut Vec<Vec3>) {
        out.clear();
        let mut part = Vec::new();
        for p in &self.parts {
            p.positions_ecef(t_s, &mut part);
            out.extend_from_slice(&part);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cupola_physics::orbit::Elements;

    /// An equatorial circular orbit at the geostationary radius stays over
    /// one longitude in ECEF.
    #[test]
    fn geostationary_orbit_is_stationary_in_ecef() {
        let a = 42_164_170.0;
        let el = Elements::circular(a - cupola_physics::constants::WGS84_A, 0.0, 0.0, 0.0).unwrap();
        let eph = OrbitEphemeris::new(J2Batch::new(&[el]).unwrap());
        let mut p0 = Vec::new();
        let mut p1 = Vec::new();
        eph.positions_ecef(0.0, &mut p0);
        eph.positions_ecef(6.0 * 3600.0, &mut p1);
        let drift = p0[0].angle_to(p1[0]).to_degrees();
        assert!(drift < 0.1, "{drift} deg");
        let both = CombinedEphemeris::new(vec![
            Arc::new(eph),
            Arc::new(OrbitEphemeris::new(J2Batch::new(&[el]).unwrap())),
        ]);
        assert_eq!(both.count(), 2);
    }
}
