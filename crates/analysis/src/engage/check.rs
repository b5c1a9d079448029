//! What an engagement spec must satisfy, checked by the spec itself
//! ([`EngageSpec::validate`]) so that a spec built in code (a Python
//! caller, a test, the stability study's postures) is held to the ranges a
//! scenario file is (the scenario reader's key descriptors state the same
//! ranges, with their units, for the file's keys).

use super::spec::{
    Asset, BoostLayerSpec, Doctrine, EngageSpec, MidcourseSite, TerminalBattery, TerminalKind,
};

/// A value of an engagement spec outside its range.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{owner}: `{field}` is {value}, but it must be {range}")]
pub struct SpecError {
    /// What holds the value: "the engagement", or a layer or asset by name.
    pub owner: String,
    /// The field, as named in the spec type (SI units).
    pub field: &'static str,
    /// The value found.
    pub value: f64,
    /// The range, in words (e.g. "in [0, 1]").
    pub range: &'static str,
}

/// One field's check: `ok` says whether `value` is in `range`.
struct Check<'a> {
    owner: &'a dyn Fn() -> String,
}

impl Check<'_> {
    fn field(
        &self,
        field: &'static str,
        value: f64,
        ok: bool,
        range: &'static str,
    ) -> Result<(), SpecError> {
        if ok {
            Ok(())
        } else {
            Err(SpecError {
                owner: (self.owner)(),
                field,
                value,
                range,
            })
        }
    }

    fn probability(&self, field: &'static str, p: f64) -> Result<(), SpecError> {
        self.field(field, p, (0.0..=1.0).contains(&p), "in [0, 1]")
    }

    fn positive(&self, field: &'static str, v: f64) -> Result<(), SpecError> {
        self.field(field, v, v.is_finite() && v > 0.0, "finite and > 0")
    }

    fn non_negative(&self, field: &'static str, v: f64) -> Result<(), SpecError> {
        self.field(field, v, v.is_finite() && v >= 0.0, "finite and ≥ 0")
    }

    fn at_least_one(&self, field: &'static str, n: u32) -> Result<(), SpecError> {
        self.field(field, f64::from(n), n >= 1, "≥ 1")
    }

    fn doctrine(&self, d: Doctrine) -> Result<(), SpecError> {
        match d {
            Doctrine::Barrage { shots } | Doctrine::ShootLookShoot { shots } => {
                self.at_least_one("doctrine.shots", shots)
            }
        }
    }
}

impl EngageSpec {
    /// Check every value against its documented range: at least one launch
    /// area, each of finite, non-negative width, depth and window; counts of
    /// missiles,
    /// trials and shots at least 1, probabilities in [0, 1], times and
    /// distances finite and not negative (speeds, footprints, radii and
    /// values above 0), a battery's altitude band not empty, a reserve
    /// below 1, the leak curve's salvo sizes at least 1 and strictly
    /// ascending.
    ///
    /// # Errors
    ///
    /// The first value out of range, named with its owner and field.
    pub fn validate(&self) -> Result<(), SpecError> {
        let owner = || "the engagement".to_owned();
        let c = Check { owner: &owner };
        c.field(
            "areas",
            self.areas.len() as f64,
            !self.areas.is_empty(),
            "at least one launch area",
        )?;
        c.at_least_one("salvo", self.salvo())?;
        for a in &self.areas {
            let owner = || format!("launch area `{}`", a.name);
            let c = Check { owner: &owner };
            c.non_negative("width_m", a.width_m)?;
            c.non_negative("depth_m", a.depth_m)?;
            c.non_negative("window_s", a.window_s)?;
        }
        c.at_least_one("trials", self.trials)?;
        c.non_negative("detection_jitter_s", self.detection_jitter_s)?;
        for pair in self.salvo_sweep.windows(2) {
            c.field(
                "salvo_sweep",
                f64::from(pair[1]),
                pair[1] > pair[0],
                "strictly ascending",
            )?;
        }
        for &n in &self.salvo_sweep {
            c.at_least_one("salvo_sweep", n)?;
        }
        if let Some(b) = &self.boost {
            b.validate()?;
        }
        self.midcourse
            .iter()
            .try_for_each(MidcourseSite::validate)?;
        self.terminal
            .iter()
            .try_for_each(TerminalBattery::validate)?;
        self.assets.iter().try_for_each(Asset::validate)
    }
}

impl BoostLayerSpec {
    /// Check the boost layer: carriers, shots and pool at least 1, `pk` in
    /// [0, 1].
    ///
    /// # Errors
    ///
    /// The first value out of range.
    pub fn validate(&self) -> Result<(), SpecError> {
        let owner = || "the boost layer".to_owned();
        let c = Check { owner: &owner };
        c.at_least_one("carriers", self.carriers)?;
        c.probability("pk", self.pk)?;
        c.at_least_one("shots", self.shots)?;
        c.at_least_one("pool", self.pool)
    }
}

impl MidcourseSite {
    /// Check the site: probabilities in [0, 1], fly-out speed above 0,
    /// times not negative, reserve in [0, 1), shots at least 1.
    ///
    /// # Errors
    ///
    /// The first value out of range.
    pub fn validate(&self) -> Result<(), SpecError> {
        let owner = || format!("midcourse site `{}`", self.name);
        let c = Check { owner: &owner };
        c.probability("pk", self.pk)?;
        c.positive("flyout_speed_m_s", self.flyout_speed_m_s)?;
        c.doctrine(self.doctrine)?;
        c.non_negative("assess_s", self.assess_s)?;
        c.probability("kill_assessment", self.kill_assessment)?;
        c.non_negative("decision_s", self.decision_s)?;
        c.probability("discrimination", self.discrimination)?;
        c.field(
            "reserve",
            self.reserve,
            (0.0..1.0).contains(&self.reserve),
            "in [0, 1)",
        )
    }
}

impl TerminalBattery {
    /// Check the battery: footprint and a short-range battery's threat range
    /// above 0, altitudes not negative with the highest above the lowest,
    /// probabilities in [0, 1], times not negative, shots at least 1.
    ///
    /// # Errors
    ///
    /// The first value out of range.
    pub fn validate(&self) -> Result<(), SpecError> {
        let owner = || format!("terminal battery `{}`", self.name);
        let c = Check { owner: &owner };
        if let TerminalKind::ShortRange { max_threat_range_m } = self.kind {
            c.positive("max_threat_range_m", max_threat_range_m)?;
        }
        c.positive("footprint_m", self.footprint_m)?;
        c.non_negative("min_altitude_m", self.min_altitude_m)?;
        c.field(
            "max_altitude_m",
            self.max_altitude_m,
            self.max_altitude_m.is_finite() && self.max_altitude_m > self.min_altitude_m,
            "finite and above min_altitude_m",
        )?;
        c.probability("pk", self.pk)?;
        c.doctrine(self.doctrine)?;
        c.non_negative("assess_s", self.assess_s)?;
        c.probability("kill_assessment", self.kill_assessment)
    }
}

impl Asset {
    /// Check the asset: value and radius above 0 and finite.
    ///
    /// # Errors
    ///
    /// The first value out of range.
    pub fn validate(&self) -> Result<(), SpecError> {
        let owner = || format!("asset `{}`", self.name);
        let c = Check { owner: &owner };
        c.positive("value", self.value)?;
        c.positive("radius_m", self.radius_m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engage::{Allocation, Assignment};
    use cupola_physics::frames::Geodetic;

    fn site() -> MidcourseSite {
        MidcourseSite {
            name: "Fort Greely".to_owned(),
            site: Geodetic::from_degrees(63.95, -145.7, 400.0),
            inventory: 40,
            pk: 0.571,
            flyout_speed_m_s: 7_000.0,
            doctrine: Doctrine::Barrage { shots: 2 },
            assess_s: 60.0,
            kill_assessment: 0.9,
            decision_s: 30.0,
            discrimination: 0.0,
            reserve: 0.0,
            sensor: "radar".to_owned(),
        }
    }

    fn battery() -> TerminalBattery {
        TerminalBattery {
            name: "THAAD".to_owned(),
            site: Geodetic::from_degrees(47.35, -101.75, 0.0),
            kind: TerminalKind::UpperTier,
            footprint_m: 200e3,
            min_altitude_m: 40e3,
            max_altitude_m: 150e3,
            inventory: 48,
            pk: 0.8,
            doctrine: Doctrine::ShootLookShoot { shots: 1 },
            assess_s: 10.0,
            kill_assessment: 0.9,
            sensor: "radar".to_owned(),
        }
    }

    fn spec() -> EngageSpec {
        EngageSpec {
            areas: vec![crate::raid::LaunchArea::at("launch 1", 0, 10)],
            decoys_per_rv: 0,
            trials: 1_000,
            detection_jitter_s: 0.0,
            assignment: Assignment::Greedy,
            allocation: Allocation::Doctrine,
            boost: Some(BoostLayerSpec {
                carriers: 100,
                pk: 0.8,
                shots: 1,
                pool: 64,
            }),
            midcourse: vec![site()],
            terminal: vec![battery()],
            assets: vec![Asset {
                name: "Minot".to_owned(),
                site: Geodetic::from_degrees(48.4, -101.3, 0.0),
                value: 1.0,
                radius_m: 50e3,
            }],
            salvo_sweep: vec![1, 5, 10],
            asat_shots: 0,
        }
    }

    #[test]
    fn a_spec_within_its_ranges_is_valid() {
        assert_eq!(spec().validate(), Ok(()));
    }

    /// A spec built in code with a value out of range is refused, naming
    /// the owner and the field.
    #[test]
    fn values_out_of_range_are_refused() {
        let refused = |s: EngageSpec| s.validate().expect_err("out of range");
        let mut s = spec();
        s.areas[0].salvo = 0;
        assert_eq!(refused(s).field, "salvo");
        let mut s = spec();
        s.areas[0].window_s = -1.0;
        let e = refused(s);
        assert_eq!(
            (e.owner.as_str(), e.field),
            ("launch area `launch 1`", "window_s")
        );
        let mut s = spec();
        s.areas.clear();
        assert_eq!(refused(s).field, "areas");
        let mut s = spec();
        s.salvo_sweep = vec![1, 10, 5];
        assert_eq!(refused(s).field, "salvo_sweep");
        let mut s = spec();
        s.detection_jitter_s = f64::NAN;
        assert_eq!(refused(s).field, "detection_jitter_s");
        let mut s = spec();
        s.boost.as_mut().expect("boost").pk = 1.5;
        let e = refused(s);
        assert_eq!((e.owner.as_str(), e.field), ("the boost layer", "pk"));
        let mut s = spec();
        s.midcourse[0].reserve = 1.0;
        let e = refused(s);
        assert_eq!(e.field, "reserve");
        assert!(
            e.to_string()
                .starts_with("midcourse site `Fort Greely`: `reserve` is 1")
        );
        let mut s = spec();
        s.midcourse[0].flyout_speed_m_s = f64::INFINITY;
        assert_eq!(refused(s).field, "flyout_speed_m_s");
        let mut s = spec();
        s.midcourse[0].doctrine = Doctrine::Barrage { shots: 0 };
        assert_eq!(refused(s).field, "doctrine.shots");
        let mut s = spec();
        s.terminal[0].max_altitude_m = s.terminal[0].min_altitude_m;
        assert_eq!(refused(s).field, "max_altitude_m");
        let mut s = spec();
        s.terminal[0].kind = TerminalKind::ShortRange {
            max_threat_range_m: 0.0,
        };
        assert_eq!(refused(s).field, "max_threat_range_m");
        let mut s = spec();
        s.assets[0].value = 0.0;
        assert_eq!(refused(s).field, "value");
    }
}
