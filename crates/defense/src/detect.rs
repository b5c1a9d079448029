//! The detection and track timeline of one threat trajectory against a
//! sensor layer.

use crate::sensor::{Sensor, TargetState, smoothed_error};
use cupola_physics::Vec3;
use cupola_physics::frames::Geodetic;
use cupola_threat::Trajectory;

/// Most samples a detection timeline holds; a finer step is widened.
pub const MAX_DETECT_SAMPLES: usize = 1_000_000;

/// The sensors' view at one instant.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TrackSample {
    /// Time after lift-off, s.
    pub time_s: f64,
    /// Target altitude, m.
    pub altitude_m: f64,
    /// Platforms that see the target, per sensor (same order as the sensors).
    pub in_view: Vec<usize>,
    /// One-sigma track position error, m, once a track exists.
    pub track_error_m: Option<f64>,
}

/// What one sensor made of a launch: when it first saw it and how long its
/// report took.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SensorReport {
    /// The sensor's name.
    pub sensor: String,
    /// First sight, s after lift-off (refined to 0.01 s); `None` if it
    /// never saw the launch.
    pub first_sight_s: Option<f64>,
    /// Its reporting latency, s: the report reaches the battle manager
    /// this long after first sight.
    pub reporting_latency_s: f64,
}

impl SensorReport {
    /// When its report reaches the battle manager, s after lift-off.
    pub fn report_s(&self) -> Option<f64> {
        self.first_sight_s.map(|t| t + self.reporting_latency_s)
    }
}

/// When a threat is first seen and tracked, and how well.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DetectionTimeline {
    /// Names of the sensors, in the order of [`TrackSample::in_view`].
    pub sensors: Vec<String>,
    /// First report of the launch, s after lift-off (first sight plus the
    /// sensor's reporting latency), and the sensor that made it.
    pub first_detection: Option<(f64, String)>,
    /// Every sensor's first sight and reporting latency, in the order of
    /// [`DetectionTimeline::sensors`].
    pub reports: Vec<SensorReport>,
    /// First sample at which a track exists (a tracking layer with enough
    /// sensors in view, or a radar), s after lift-off, and the sensor; its
    /// resolution is the sampling step (first detection is refined to
    /// 0.01 s, this is not).
    pub track_established: Option<(f64, String)>,
    /// The view every step and the track error.
    pub samples: Vec<TrackSample>,
}

/// Sensor platforms' positions cached for one instant.
struct View {
    positions: Vec<Vec<Vec3>>,
    seen: Vec<Vec<usize>>,
}

impl View {
    fn new(n: usize) -> Self {
        Self {
            positions: vec![Vec::new(); n],
            seen: vec![Vec::new(); n],
        }
    }

    /// Fill the view of every sensor at scenario time `t_s` for `target`.
    fn look(&mut self, sensors: &[Sensor], t_s: f64, target: &TargetState) {
        for (k, s) in sensors.iter().enumerate() {
            let seen = &mut self.seen[k];
            seen.clear();
            match s {
                Sensor::Infrared(ir) => {
                    ir.satellites.positions_ecef(t_s, &mut self.positions[k]);
                    ir.observers(target, &self.positions[k], seen);
                }
                Sensor::Tracking(tl) => {
                    tl.satellites.positions_ecef(t_s, &mut self.positions[k]);
                    tl.observers(target, &self.positions[k], seen);
                }
                Sensor::Radar(r) => {
                    if r.sees(target) {
                        seen.push(0);
                    }
                }
            }
        }
    }
}

fn target_at(tr: &Trajectory, t: f64) -> Option<TargetState> {
    let s = tr.sample(t)?;
    let g = Geodetic {
        lat: s.lat_rad,
        lon: s.lon_rad,
        alt: s.altitude_m,
    };
    Some(TargetState {
        position: g.to_ecef(),
        altitude_m: s.altitude_m,
        boosting: t <= tr.boost_end_s,
    })
}

/// Sight delay of a sensor: the time from first sight to a report, s.
fn latency(s: &Sensor) -> f64 {
    match s {
        Sensor::Infrared(ir) => ir.reporting_latency_s,
        Sensor::Tracking(tl) => tl.reporting_latency_s,
        Sensor::Radar(r) => r.reporting_latency_s,
    }
}

/// The detection and track timeline of `trajectory`, launched at scenario
/// time `launch_time_s` (s), against `sensors`, sampled every `step_s`
/// seconds from lift-off to impact; first sight is refined between samples
/// by bisection to 0.01 s.
pub fn detect(
    trajectory: &Trajectory,
    launch_time_s: f64,
    sensors: &[Sensor],
    step_s: f64,
) -> DetectionTimeline {
    let end = trajectory.flight_time_s().unwrap_or(0.0);
    let step = if step_s > 0.0 && step_s.is_finite() {
        step_s
    } else {
        1.0
    };
    // At most MAX_DETECT_SAMPLES samples, whatever the step.
    let step = step.max(end / MAX_DETECT_SAMPLES as f64);
    let n = (end / step).ceil() as usize;
    let mut view = View::new(sensors.len());
    let mut samples = Vec::with_capacity(n + 1);
    let mut first_sight: Vec<Option<f64>> = vec![None; sensors.len()];
    let mut track_start: Vec<Option<f64>> = vec![None; sensors.len()];
    let mut track_established = None;
    let mut prev_t = 0.0;
    for k in 0..=n {
        let t = (k as f64 * step).min(end);
        let Some(target) = target_at(trajectory, t) else {
            break;
        };
        view.look(sensors, launch_time_s + t, &target);
        let mut best_error: Option<f64> = None;
        for (j, s) in sensors.iter().enumerate() {
            let seen = &view.seen[j];
            if !seen.is_empty() && first_sight[j].is_none() {
                first_sight[j] = Some(if k == 0 {
                    t
                } else {
                    refine(trajectory, launch_time_s, &sensors[j..=j], prev_t, t)
                });
            }
            let fix = match s {
                Sensor::Tracking(tl) => tl.fix_error(target.position, &view.positions[j], seen),
                Sensor::Radar(r) => r
                    .look(target.position)
                    .map(|(range, _, _)| r.measurement_error(range)),
                Sensor::Infrared(_) => None,
            };
            match fix {
                Some(e) => {
                    if track_established.is_none() {
                        track_established = Some((t, s.name().to_string()));
                    }
                    let t0 = *track_start[j].get_or_insert(t);
                    let tau = match s {
                        Sensor::Tracking(tl) => tl.smoothing_time_s,
                        Sensor::Radar(r) => r.smoothing_time_s,
                        Sensor::Infrared(_) => 0.0,
                    };
                    let err = smoothed_error(e, t - t0, tau);
                    best_error = Some(best_error.map_or(err, |b: f64| b.min(err)));
                }
                None => track_start[j] = None,
            }
        }
        samples.push(TrackSample {
            time_s: t,
            altitude_m: target.altitude_m,
            in_view: view.seen.iter().map(Vec::len).collect(),
            track_error_m: best_error,
        });
        prev_t = t;
    }
    let reports: Vec<SensorReport> = first_sight
        .iter()
        .zip(sensors)
        .map(|(t, s)| SensorReport {
            sensor: s.name().to_string(),
            first_sight_s: *t,
            reporting_latency_s: latency(s),
        })
        .collect();
    let first_detection = reports
        .iter()
        .filter_map(|r| r.report_s().map(|t| (t, r.sensor.clone())))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    DetectionTimeline {
        sensors: sensors.iter().map(|s| s.name().to_string()).collect(),
        first_detection,
        reports,
        track_established,
        samples,
    }
}

/// Earliest time in `(a, b]` at which the single sensor in `sensor` sees the
/// target (it sees it at `b`, not at `a`), by bisection to 0.01 s.
fn refine(tr: &Trajectory, launch_time_s: f64, sensor: &[Sensor], mut a: f64, mut b: f64) -> f64 {
    let mut view = View::new(1);
    while b - a > 0.01 {
        let m = 0.5 * (a + b);
        let seen = match target_at(tr, m) {
            Some(target) => {
                view.look(sensor, launch_time_s + m, &target);
                !view.seen[0].is_empty()
            }
            None => false,
        };
        if seen {
            b = m;
        } else {
            a = m;
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::default_trajectory as trajectory;
    use crate::sensor::{GroundRadar, InfraredEarlyWarning, Stationary, TrackingLayer};

    fn ir(longitudes: &[f64]) -> Sensor {
        Sensor::Infrared(InfraredEarlyWarning {
            name: "ir".into(),
            satellites: std::sync::Arc::new(Stationary::geostationary(longitudes)),
            burnthrough_altitude_m: 12_000.0,
            reporting_latency_s: 20.0,
            max_range_m: f64::INFINITY,
        })
    }

    /// A GEO satellite above the launch longitude reports the launch when the
    /// plume clears the burn-through altitude plus the latency; one on the
    /// far side of the Earth never does.
    #[test]
    fn infrared_detection_at_burnthrough_plus_latency() {
        let tr = trajectory();
        let near = detect(&tr, 0.0, &[ir(&[100.0])], 2.0);
        let (t, who) = near.first_detection.expect("detected");
        assert_eq!(who, "ir");
        // Time the booster passes 12 km.
        let mut a = 0.0;
        let mut b = 100.0;
        while b - a > 1e-3 {
            let m = 0.5 * (a + b);
            if tr.sample(m).unwrap().altitude_m >= 12_000.0 {
                b = m
            } else {
                a = m
            }
        }
        assert!((t - (b + 20.0)).abs() < 0.05, "{t} vs {}", b + 20.0);
        let far = detect(&tr, 0.0, &[ir(&[-80.0])], 2.0);
        assert!(far.first_detection.is_none());
        assert_eq!(far.reports[0].first_sight_s, None);
        // Nothing is seen after the boost ends.
        assert!(
            near.samples
                .iter()
                .filter(|s| s.time_s > tr.boost_end_s)
                .all(|s| s.in_view[0] == 0)
        );
    }

    /// Every kind's report comes its own latency after its first sight,
    /// and the first report is the earliest of them.
    #[test]
    fn each_sensor_reports_after_its_own_latency() {
        let tr = trajectory();
        let site = tr.sample(0.0).expect("lift-off");
        let above = Geodetic {
            lat: site.lat_rad,
            lon: site.lon_rad,
            alt: 1.0e6,
        };
        let mut slow = tracking(vec![
            Geodetic {
                lon: site.lon_rad + 0.05,
                ..above
            }
            .to_ecef(),
            Geodetic {
                lon: site.lon_rad - 0.05,
                ..above
            }
            .to_ecef(),
        ]);
        slow.reporting_latency_s = 15.0;
        let sensors = [ir(&[100.0]), Sensor::Tracking(slow)];
        let d = detect(&tr, 0.0, &sensors, 1.0);
        assert_eq!(d.reports.len(), 2);
        let track = &d.reports[1];
        assert_eq!(track.reporting_latency_s, 15.0);
        let sight = track.first_sight_s.expect("seen");
        assert_eq!(track.report_s(), Some(sight + 15.0));
        let first = d
            .reports
            .iter()
            .filter_map(SensorReport::report_s)
            .fold(f64::INFINITY, f64::min);
        assert_eq!(d.first_detection.map(|f| f.0), Some(first));
    }

    fn tracking(positions: Vec<Vec3>) -> TrackingLayer {
        TrackingLayer {
            name: "track".into(),
            satellites: std::sync::Arc::new(Stationary { positions }),
            grazing_altitude_m: 0.0,
            max_range_m: 1e8,
            sees_cold_bodies: true,
            angle_error_rad: 20e-6,
            min_sensors: 2,
            min_target_altitude_m: 0.0,
            smoothing_time_s: 10.0,
            reporting_latency_s: 0.0,
        }
    }

    /// One sensor gives no track; two give one; more sensors and better
    /// geometry give a smaller error, and time in track shrinks it further.
    #[test]
    fn tracking_needs_two_sensors_and_improves_with_more() {
        let target = Vec3::new(7.0e6, 0.0, 0.0);
        let a = Vec3::new(7.0e6, 2.0e6, 1.0e6);
        let b = Vec3::new(7.0e6, -2.0e6, 1.0e6);
        let c = Vec3::new(7.5e6, 0.0, -2.0e6);
        let d = Vec3::new(7.2e6, 1.5e6, -1.5e6);
        let tl = tracking(vec![a, b, c, d]);
        let pos = [a, b, c, d];
        assert!(tl.fix_error(target, &pos, &[0]).is_none());
        let two = tl.fix_error(target, &pos, &[0, 1]).unwrap();
        let four = tl.fix_error(target, &pos, &[0, 1, 2, 3]).unwrap();
        assert!(four < two);
        // Two sensors at right angles, 2,000 km away each: σ = σθ·√(ρ₁²+ρ₂²).
        let e = tl
            .fix_error(
                Vec3::ZERO,
                &[Vec3::new(2e6, 0.0, 0.0), Vec3::new(0.0, 2e6, 0.0)],
                &[0, 1],
            )
            .unwrap();
        assert!((e - 20e-6 * (8e12f64).sqrt()).abs() < 1e-6);
        assert!(tl.track_error(two, 30.0) < two / 1.9);
    }

    /// With a 100 km grazing altitude a cold body is seen against space
    /// (from the side) but not against the Earth (from above); a boosting
    /// target is seen from above, once above its burn-through altitude.
    #[test]
    fn cold_bodies_need_a_space_background() {
        let mut tl = tracking(Vec::new());
        tl.grazing_altitude_m = 100e3;
        tl.min_target_altitude_m = 12e3;
        let g = Geodetic::from_degrees(0.0, 0.0, 500e3);
        let target = g.to_ecef();
        let up = target.unit();
        let east = Vec3::new(0.0, 1.0, 0.0);
        let above = target + up * 1_000e3;
        let beside = target + east * 1_500e3 + up * 300e3;
        let cold = TargetState {
            position: target,
            altitude_m: 500e3,
            boosting: false,
        };
        let mut seen = Vec::new();
        tl.observers(&cold, &[above, beside], &mut seen);
        assert_eq!(seen, vec![1]);
        let hot = TargetState {
            boosting: true,
            ..cold
        };
        tl.observers(&hot, &[above, beside], &mut seen);
        assert_eq!(seen, vec![0, 1]);
        let low = TargetState {
            position: Geodetic::from_degrees(0.0, 0.0, 5e3).to_ecef(),
            altitude_m: 5e3,
            boosting: true,
        };
        tl.observers(&low, &[above], &mut seen);
        assert!(seen.is_empty(), "below burn-through");
    }

    /// A radar sees a target above its horizon mask, in range and in its
    /// field of regard, and not otherwise.
    #[test]
    fn radar_coverage() {
        let site = Geodetic::from_degrees(0.0, 0.0, 0.0);
        let r = GroundRadar {
            name: "radar".into(),
            site,
            max_range_m: 3.0e6,
            elevation_mask_rad: 5f64.to_radians(),
            boresight_azimuth_rad: 0.0,
            half_width_rad: 60f64.to_radians(),
            range_error_m: 10.0,
            angle_error_rad: 1e-3,
            smoothing_time_s: 10.0,
            reporting_latency_s: 0.0,
        };
        let at = |lat: f64, lon: f64, alt: f64| TargetState {
            position: Geodetic::from_degrees(lat, lon, alt).to_ecef(),
            altitude_m: alt,
            boosting: false,
        };
        assert!(r.sees(&at(10.0, 0.0, 1.0e6)));
        assert!(!r.sees(&at(10.0, 0.0, 1.0e3)), "below the mask");
        assert!(!r.sees(&at(-10.0, 0.0, 1.0e6)), "behind the boresight");
        assert!(!r.sees(&at(40.0, 0.0, 1.0e6)), "out of range");
    }

    /// With a tracking pair over the launch area the timeline has a track and
    /// its error falls while the target stays in view.
    #[test]
    fn timeline_with_a_tracking_layer() {
        let tr = trajectory();
        let launch = Geodetic::from_degrees(41.0, 100.0, 0.0).to_ecef();
        let up = launch.unit();
        let east = Vec3::new(-up.y, up.x, 0.0).unit();
        let p1 = launch + up * 1.2e6 + east * 1.5e6;
        let p2 = launch + up * 1.2e6 - east * 1.5e6;
        let sensors = [ir(&[100.0]), Sensor::Tracking(tracking(vec![p1, p2]))];
        let tl = detect(&tr, 0.0, &sensors, 5.0);
        let (t_track, who) = tl.track_established.clone().expect("tracked");
        assert_eq!(who, "track");
        assert_eq!(t_track, 0.0);
        let errs: Vec<f64> = tl
            .samples
            .iter()
            .take(10)
            .filter_map(|s| s.track_error_m)
            .collect();
        assert!(errs.len() == 10 && errs[9] < errs[1]);
    }
}
