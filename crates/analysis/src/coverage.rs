//! The coverage study: how well a constellation covers the Earth, by
//! latitude band, over a span of time.
//!
//! A ground point is covered at an instant when at least `min_satellites`
//! satellites are at or above `min_elevation_rad` from it. The grid has one
//! row of points per latitude band, about as far apart in longitude as the
//! bands are in latitude (so the grid is roughly equal-area), and time is
//! sampled every `step_s` from the scenario epoch.

use cupola_defense::Ephemeris;
use cupola_physics::Vec3;
use cupola_physics::frames::Geodetic;
use cupola_physics::geometry::GroundSite;
use rayon::prelude::*;

/// What to compute.
pub struct CoverageStudy<'a> {
    /// Label of the constellation studied.
    pub name: String,
    /// The satellites.
    pub satellites: &'a dyn Ephemeris,
    /// Lowest elevation at which a satellite covers a ground point, rad.
    pub min_elevation_rad: f64,
    /// Satellites needed in view at once for a point to count as covered.
    pub min_satellites: usize,
    /// Span of time studied from the scenario epoch, s.
    pub duration_s: f64,
    /// Sampling interval, s.
    pub step_s: f64,
    /// Width of a latitude band, rad.
    pub latitude_step_rad: f64,
}

/// Coverage of one latitude band.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BandCoverage {
    /// Latitude of the band's centre, deg.
    pub lat_deg: f64,
    /// Ground points in the band.
    pub points: usize,
    /// Fraction of (time × points) covered, dimensionless in [0, 1].
    pub fraction_covered: f64,
    /// Mean number of satellites in view.
    pub mean_in_view: f64,
    /// Fewest satellites in view at any point and time.
    pub min_in_view: usize,
    /// Most satellites in view at any point and time.
    pub max_in_view: usize,
    /// Longest run of samples without coverage at any point of the band
    /// times `step_s`, s (the whole duration if never covered). The true gap
    /// lies within one step of it either way, and gaps at the start or end
    /// of the window are cut short by it.
    pub max_gap_s: f64,
}

/// The result of the coverage study.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CoverageResult {
    /// Label of the constellation studied.
    pub name: String,
    /// Satellites in it.
    pub satellites: usize,
    /// Elevation mask, deg.
    pub min_elevation_deg: f64,
    /// Satellites needed in view for coverage.
    pub min_satellites: usize,
    /// Span of time studied, s.
    pub duration_s: f64,
    /// Sampling interval, s.
    pub step_s: f64,
    /// Time samples taken.
    pub samples: usize,
    /// One entry per latitude band, south to north.
    pub bands: Vec<BandCoverage>,
    /// Fraction of the Earth's surface × time covered (bands weighted by
    /// area), dimensionless.
    pub global_fraction_covered: f64,
}

/// Running statistics of one ground point.
#[derive(Clone, Copy, Default)]
struct PointStats {
    covered: u64,
    in_view_sum: u64,
    min_in_view: usize,
    max_in_view: usize,
    run: u64,
    max_run: u64,
}

/// Counts held in memory at once, per parallel chunk of time samples (bounds
/// memory to 64 MB whatever the grid).
const CHUNK_COUNTS: usize = 16_000_000;

/// Largest coverage study accepted, in satellite × ground point × time
/// sample tests (about a minute of work on two cores).
pub const MAX_WORK: f64 = 5e10;

/// The bands of the grid for a band width (rad): each band's centre
/// latitude (rad) and number of ground points.
fn bands(latitude_step_rad: f64) -> impl Iterator<Item = (f64, usize)> {
    let step = latitude_step_rad.clamp(1e-3, std::f64::consts::PI);
    let n = (std::f64::consts::PI / step).ceil() as usize;
    let dlat = std::f64::consts::PI / n as f64;
    (0..n).map(move |i| {
        let lat = -std::f64::consts::FRAC_PI_2 + (i as f64 + 0.5) * dlat;
        let m = ((std::f64::consts::TAU * lat.cos() / dlat).round() as usize).max(1);
        (lat, m)
    })
}

/// Time samples of a study spanning `duration_s` every `step_s` (s).
fn sample_count(duration_s: f64, step_s: f64) -> usize {
    ((duration_s / step_s).floor() as usize + 1).max(1)
}

/// Ground points and time samples of a study, and its work: satellites ×
/// points × samples (the number of elevation tests it makes).
pub fn study_size(
    satellites: usize,
    duration_s: f64,
    step_s: f64,
    latitude_step_rad: f64,
) -> (usize, usize, f64) {
    let points: usize = bands(latitude_step_rad).map(|(_, m)| m).sum();
    let samples = sample_count(duration_s, step_s);
    (
        points,
        samples,
        satellites as f64 * points as f64 * samples as f64,
    )
}

impl CoverageStudy<'_> {
    /// The grid: band centres (rad) and their ground sites.
    fn grid(&self) -> Vec<(f64, Vec<GroundSite>)> {
        bands(self.latitude_step_rad)
            .map(|(lat, m)| {
                let sites = (0..m)
                    .map(|j| {
                        let lon = -std::f64::consts::PI
                            + (j as f64 + 0.5) * std::f64::consts::TAU / m as f64;
                        GroundSite::new(Geodetic { lat, lon, alt: 0.0 })
                    })
                    .collect();
                (lat, sites)
            })
            .collect()
    }

    /// Run the study.
    pub fn run(&self) -> CoverageResult {
        let grid = self.grid();
        let sites: Vec<&GroundSite> = grid.iter().flat_map(|(_, s)| s.iter()).collect();
        let step = if self.step_s > 0.0 { self.step_s } else { 60.0 };
        let samples = sample_count(self.duration_s, step);
        let sin_mask = self.min_elevation_rad.sin();
        let k = self.min_satellites.max(1);
        let mut stats = vec![
            PointStats {
                min_in_view: usize::MAX,
                ..PointStats::default()
            };
            sites.len()
        ];
        let chunk = (CHUNK_COUNTS / sites.len().max(1)).clamp(1, 256);
        for start in (0..samples).step_by(chunk) {
            let end = (start + chunk).min(samples);
            // Counts per time sample of this chunk, computed in parallel; the
            // order of the results is the order of the samples.
            let counts: Vec<Vec<u32>> = (start..end)
                .into_par_iter()
                .map_init(Vec::<Vec3>::new, |buf, i| {
                    self.satellites.positions_ecef(i as f64 * step, buf);
                    sites
                        .iter()
                        .map(|s| buf.iter().filter(|p| s.above_mask(**p, sin_mask)).count() as u32)
                        .collect()
                })
                .collect();
            for row in &counts {
                for (st, &c) in stats.iter_mut().zip(row) {
                    let c = c as usize;
                    st.in_view_sum += c as u64;
                    st.min_in_view = st.min_in_view.min(c);
                    st.max_in_view = st.max_in_view.max(c);
                    if c >= k {
                        st.covered += 1;
                        st.run = 0;
                    } else {
                        st.run += 1;
                        st.max_run = st.max_run.max(st.run);
                    }
                }
            }
        }
        let mut bands = Vec::with_capacity(grid.len());
        let mut offset = 0;
        let (mut weighted, mut weights) = (0.0, 0.0);
        for (lat, band_sites) in &grid {
            let st = &stats[offset..offset + band_sites.len()];
            offset += band_sites.len();
            let total = (st.len() * samples) as f64;
            let fraction = st.iter().map(|s| s.covered).sum::<u64>() as f64 / total;
            let max_run = st.iter().map(|s| s.max_run).max().unwrap_or(0);
            let max_gap_s = if max_run as usize >= samples {
                self.duration_s
            } else {
                max_run as f64 * step
            };
            weighted += fraction * lat.cos();
            weights += lat.cos();
            bands.push(BandCoverage {
                lat_deg: lat.to_degrees(),
                points: st.len(),
                fraction_covered: fraction,
                mean_in_view: st.iter().map(|s| s.in_view_sum).sum::<u64>() as f64 / total,
                min_in_view: st.iter().map(|s| s.min_in_view).min().unwrap_or(0),
                max_in_view: st.iter().map(|s| s.max_in_view).max().unwrap_or(0),
                max_gap_s,
            });
        }
        CoverageResult {
            name: self.name.clone(),
            satellites: self.satellites.count(),
            min_elevation_deg: self.min_elevation_rad.to_degrees(),
            min_satellites: k,
            duration_s: self.duration_s,
            step_s: step,
            samples,
            bands,
            global_fraction_covered: if weights > 0.0 {
                weighted / weights
            } else {
                0.0
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cupola_defense::{OrbitEphemeris, Stationary};
    use cupola_physics::constellation::{Constellation, Shell};

    fn study(eph: &dyn Ephemeris, k: usize) -> CoverageResult {
        CoverageStudy {
            name: "test".into(),
            satellites: eph,
            min_elevation_rad: 10f64.to_radians(),
            min_satellites: k,
            duration_s: 6.0 * 3600.0,
            step_s: 120.0,
            latitude_step_rad: 10f64.to_radians(),
        }
        .run()
    }

    /// Three geostationary satellites 120° apart cover the equator all the
    /// time with a 10° mask, and never the poles.
    #[test]
    fn geostationary_ring_covers_the_tropics_not_the_poles() {
        let eph = Stationary::geostationary(&[0.0, 120.0, 240.0]);
        let r = study(&eph, 1);
        let eq = r.bands.iter().find(|b| b.lat_deg.abs() < 6.0).unwrap();
        assert_eq!(eq.fraction_covered, 1.0);
        assert_eq!(eq.max_gap_s, 0.0);
        let pole = r.bands.last().unwrap();
        assert_eq!(pole.fraction_covered, 0.0);
        assert_eq!(pole.max_gap_s, r.duration_s);
        // Asking for two satellites at once lowers coverage somewhere.
        let r2 = study(&eph, 2);
        assert!(r2.global_fraction_covered < r.global_fraction_covered);
    }

    /// A Walker constellation's coverage is symmetric north–south, peaks
    /// near its inclination, and grows with the number of satellites.
    #[test]
    fn walker_coverage_is_symmetric_and_grows_with_size() {
        let small = Constellation::new(vec![Shell::walker_delta(
            1_000e3,
            55f64.to_radians(),
            24,
            6,
            1,
        )])
        .unwrap();
        let big = Constellation::new(vec![Shell::walker_delta(
            1_000e3,
            55f64.to_radians(),
            96,
            8,
            1,
        )])
        .unwrap();
        let rs = study(&OrbitEphemeris::new(small.j2_batch().unwrap()), 1);
        let rb = study(&OrbitEphemeris::new(big.j2_batch().unwrap()), 1);
        assert!(rb.global_fraction_covered > rs.global_fraction_covered);
        let n = rb.bands.len();
        for i in 0..n / 2 {
            let (s, nn) = (&rb.bands[i], &rb.bands[n - 1 - i]);
            assert!(
                (s.mean_in_view - nn.mean_in_view).abs() < 0.15 * s.mean_in_view.max(0.1),
                "{} vs {}",
                s.mean_in_view,
                nn.mean_in_view
            );
        }
        let peak = rb
            .bands
            .iter()
            .max_by(|a, b| a.mean_in_view.total_cmp(&b.mean_in_view))
            .unwrap();
        assert!(
            (40.0..70.0).contains(&peak.lat_deg.abs()),
            "peak at {}",
            peak.lat_deg
        );
    }

    /// Same input, same output, whatever the thread count.
    #[test]
    fn deterministic_across_thread_counts() {
        let c = Constellation::new(vec![Shell::walker_delta(
            800e3,
            60f64.to_radians(),
            40,
            5,
            2,
        )])
        .unwrap();
        let eph = OrbitEphemeris::new(c.j2_batch().unwrap());
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| study(&eph, 1));
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
            .install(|| study(&eph, 1));
        assert_eq!(one, two);
    }
}
