//! Shared test fixtures of the defense crate.

use crate::interceptor::Interceptor;
use cupola_physics::frames::Geodetic;
use cupola_threat::{FlightOptions, Profile, Trajectory, solve};

/// The default scenario's flight: the catalog solid ICBM from 41°N 100°E to
/// an aim point 10,000 km away, minimum energy.
pub fn default_trajectory() -> Trajectory {
    let m = cupola_threat::catalog::solid_icbm();
    let site = Geodetic::from_degrees(41.0, 100.0, 1_000.0);
    let aim = Geodetic::from_degrees(47.35, -101.75, 0.0);
    solve(
        &m,
        site,
        aim,
        Profile::MinimumEnergy,
        FlightOptions::default(),
    )
    .expect("targets")
    .trajectory
}

/// A generic interceptor: 4 km/s booster (Isp 285 s, structure fraction
/// 0.15, 100 m/s²), 42 kg kill vehicle (59.7 kg with the propellant for
/// 1 km/s of divert at Isp 290 s), 10 s end game, 10% of the missile's
/// acceleration unpredicted.
pub fn sbi() -> Interceptor {
    Interceptor {
        booster_delta_v_m_s: 4_000.0,
        booster_stages: 1,
        booster_isp_s: 285.0,
        structure_fraction: 0.15,
        acceleration_m_s2: 100.0,
        kill_vehicle_mass_kg: 42.0,
        divert_delta_v_m_s: 1_000.0,
        end_game_s: 10.0,
        divert_isp_s: 290.0,
        unpredicted_fraction: 0.1,
    }
}
