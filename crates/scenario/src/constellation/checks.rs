//! Checks of catalog element sets beyond their format: an epoch near the
//! scenario's, and a perigee above the atmosphere.

use cupola_physics::constants::{MU_EARTH, WGS84_A};
use cupola_physics::orbit::sgp4_model::GpElements;
use hifitime::Epoch;

use super::catalog::Listed;
use crate::context::{Ctx, Spanned};
use crate::problem::ProblemKind;

/// Days between an element set's epoch and the scenario's beyond which a
/// warning is given: 30. Assumed, range 7–90: SGP4 position errors grow by
/// roughly 1–3 km a day from the epoch for low orbits (Vallado, Crawford,
/// Hujsak & Kelso 2006, AIAA 2006-6753), so a month out the satellites are
/// tens of km off, too much to track real objects though still a fair
/// picture of the constellation's geometry.
pub const EPOCH_WARNING_DAYS: f64 = 30.0;

/// Days between an element set's epoch and the scenario's beyond which it is
/// refused: 365.25 (one year). Assumed, range 90–3,650: a year from its
/// epoch a low orbit's drag (B*) alone has moved it by more than its
/// own size, and an epoch centuries away (a TLE year misread, an OMM
/// `EPOCH` of `0000-01-01`) is a mistake, not a scenario.
pub const EPOCH_ERROR_DAYS: f64 = 365.25;

/// Lowest perigee altitude above the WGS84 equatorial radius accepted, m:
/// 100 km, the conventional edge of space (FAI's Kármán line), below which
/// nothing completes an orbit; the same floor as `perigee_km` of explicit
/// orbits.
pub const MIN_PERIGEE_M: f64 = 100e3;

/// Perigee altitude above [`WGS84_A`] of `e`, m, from its mean motion
/// (Kepler's third law) and eccentricity.
fn perigee_altitude_m(e: &GpElements) -> f64 {
    let a = (MU_EARTH / (e.mean_motion * e.mean_motion)).cbrt();
    a * (1.0 - e.eccentricity) - WGS84_A
}

/// ` (NAME, catalog N)` for messages.
fn label(e: &GpElements) -> String {
    match &e.name {
        Some(n) => format!(" ({n}, catalog number {})", e.catalog_number),
        None => format!(" (catalog number {})", e.catalog_number),
    }
}

/// Refuses element sets with a perigee below [`MIN_PERIGEE_M`] or an epoch
/// more than [`EPOCH_ERROR_DAYS`] from the scenario `epoch` (each a
/// problem at the key naming the catalog, counted by `listed`), and warns
/// once per catalog of epochs more than [`EPOCH_WARNING_DAYS`] away.
/// True if every set passed.
pub(super) fn check_elements(
    ctx: &mut Ctx,
    listed: &mut Listed,
    path: &Spanned<String>,
    shown: &str,
    elements: &[GpElements],
    epoch: Option<Epoch>,
) -> bool {
    let mut ok = true;
    let mut stale = 0_usize;
    let mut farthest: Option<(f64, &GpElements)> = None;
    for e in elements {
        let hp = perigee_altitude_m(e);
        if hp.is_nan() || hp < MIN_PERIGEE_M {
            ok = false;
            listed.push(ctx, |ctx| {
                ctx.at(
                    ProblemKind::Catalog,
                    path.span.clone(),
                    format!(
                        "`{shown}`{}: perigee at {:.0} km, below {:.0} km: the element set is \
                         re-entering or inside the Earth",
                        label(e),
                        hp / 1e3,
                        MIN_PERIGEE_M / 1e3
                    ),
                )
                .with_help(
                    "remove this element set from the catalog: nothing stays in orbit below \
                     100 km",
                )
                .with_label("perigee below 100 km")
            });
        }
        let Some(epoch) = epoch else { continue };
        let days = (e.epoch - epoch).to_seconds().abs() / 86_400.0;
        if days.is_nan() || days > EPOCH_ERROR_DAYS {
            ok = false;
            listed.push(ctx, |ctx| {
                ctx.at(
                    ProblemKind::Catalog,
                    path.span.clone(),
                    format!(
                        "`{shown}`{}: its epoch {} is {days:.0} days from the scenario epoch {epoch}",
                        label(e),
                        e.epoch
                    ),
                )
                .with_help(format!(
                    "SGP4 elements hold for days to weeks around their epoch; set [scenario] \
                     `epoch` within {EPOCH_ERROR_DAYS} days of the catalog's, or use a current \
                     catalog"
                ))
                .with_label("epoch too far from the scenario's")
            });
        } else if days > EPOCH_WARNING_DAYS {
            stale += 1;
            if farthest.is_none_or(|(d, _)| days > d) {
                farthest = Some((days, e));
            }
        }
    }
    if let (Some((days, e)), Some(epoch)) = (farthest, epoch) {
        ctx.warn(
            &path.span,
            format!(
                "`{shown}`: {stale} element set(s) have epochs more than {EPOCH_WARNING_DAYS} days \
                 from the scenario epoch {epoch} (the farthest{}: {days:.0} days); their SGP4 \
                 positions drift by roughly 1–3 km a day from the epoch, so set [scenario] `epoch` \
                 near the catalog's to study real satellites",
                label(e)
            ),
        );
    }
    ok
}
