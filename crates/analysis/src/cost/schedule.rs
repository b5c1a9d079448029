//! Fielding an element year by year: the constellation grows as fast as
//! production and launch allow, and each unit is replaced when it reaches
//! the end of its life.
//!
//! The rules, year by year from the deploy year to the end of the
//! horizon, with a capacity of `c` units a year:
//!
//! 1. **Replacements first.** Units whose life ends during the year (a
//!    cohort fielded at time s with life L ends at s + L) are replaced in
//!    that year, earliest first, while capacity lasts; a replacement bought
//!    on time enters service when its predecessor leaves (s + L), so a
//!    chain of replacements keeps the cohort's rhythm. A unit that cannot
//!    be replaced on time leaves service and joins the shortfall.
//! 2. **Then growth.** What capacity remains fields units towards `count`
//!    (the shortfall), entering service at the start of the year.
//! 3. A replacement whose predecessor's life ends at or after the horizon
//!    is not bought; one due before it is bought in full, even if it serves
//!    only part of its life inside the horizon.
//!
//! Without a capacity limit every unit of the first set is bought in the
//! deploy year and each is replaced every L years: the old rule of whole
//! sets, ⌈(H − deploy)/L⌉ of them.

/// What one element fields in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ElementYear {
    /// Units bought and launched in the year (growth and replacements).
    pub bought: u64,
    /// Of those, replacements of units whose life ended.
    pub replacements: u64,
    /// Units in service at the end of the year.
    pub in_service: u64,
}

/// A group of units fielded together, ending their life together.
#[derive(Clone, Copy, Debug)]
struct Cohort {
    /// End of life, years from the base year.
    end: f64,
    /// Units in it.
    units: u64,
}

/// Tolerance on year boundaries, years: a life of 5 years fielded in
/// year 0 ends in year 5, not at 4.999…
const EPS: f64 = 1e-9;

/// The year-by-year fielding of `count` units with a life of `life` years
/// (`None`: they last the horizon), from year `deploy` to `horizon`
/// (years after the base year), at most `capacity` units bought a year.
/// One entry per year of the horizon (zeros before `deploy`).
pub(super) fn field(
    count: u64,
    life: Option<f64>,
    deploy: u32,
    horizon: u32,
    capacity: u64,
) -> Vec<ElementYear> {
    let mut years = vec![
        ElementYear {
            bought: 0,
            replacements: 0,
            in_service: 0,
        };
        horizon as usize
    ];
    let mut cohorts: Vec<Cohort> = Vec::new();
    let mut shortfall = count;
    for y in deploy..horizon {
        let mut left = capacity;
        let (mut bought, mut replaced) = (0_u64, 0_u64);
        let year_end = f64::from(y + 1);
        // Retire, and replace while capacity lasts, earliest end first;
        // replacements may themselves end within the year (a short life).
        replace_due(
            &mut cohorts,
            year_end,
            life,
            &mut left,
            &mut replaced,
            &mut shortfall,
        );
        let grow = shortfall.min(left);
        if grow > 0 {
            shortfall -= grow;
            left -= grow;
            bought += grow;
            cohorts.push(Cohort {
                end: f64::from(y) + life.unwrap_or(f64::INFINITY),
                units: grow,
            });
            // Units of a life under a year, fielded now, end within it.
            replace_due(
                &mut cohorts,
                year_end,
                life,
                &mut left,
                &mut replaced,
                &mut shortfall,
            );
        }
        bought += replaced;
        years[y as usize] = ElementYear {
            bought,
            replacements: replaced,
            in_service: count - shortfall,
        };
    }
    years
}

/// Retire the `cohorts` whose life ends before `year_end` (years), earliest
/// first, replacing their units while `left` (units of capacity) lasts;
/// the units replaced add to `replaced`, those not to `shortfall`.
fn replace_due(
    cohorts: &mut Vec<Cohort>,
    year_end: f64,
    life: Option<f64>,
    left: &mut u64,
    replaced: &mut u64,
    shortfall: &mut u64,
) {
    while let Some(i) = cohorts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.end < year_end - EPS)
        .min_by(|a, b| a.1.end.total_cmp(&b.1.end))
        .map(|(i, _)| i)
    {
        let c = cohorts.swap_remove(i);
        let r = c.units.min(*left);
        *left -= r;
        *replaced += r;
        *shortfall += c.units - r;
        if r > 0 {
            cohorts.push(Cohort {
                end: c.end + life.unwrap_or(f64::INFINITY),
                units: r,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bought(v: &[ElementYear]) -> Vec<u64> {
        v.iter().map(|y| y.bought).collect()
    }

    /// Unlimited capacity: whole sets every life, as before.
    #[test]
    fn unlimited_capacity_buys_whole_sets() {
        let v = field(100, Some(5.0), 0, 20, u64::MAX);
        let mut want = vec![0; 20];
        for y in [0, 5, 10, 15] {
            want[y] = 100;
        }
        assert_eq!(bought(&v), want);
        assert!(v.iter().all(|y| y.in_service == 100));
        // A 7-year life from year 3 over 20 years: years 3, 10, 17.
        let v = field(10, Some(7.0), 3, 20, u64::MAX);
        let years: Vec<usize> = (0..20).filter(|&y| v[y].bought > 0).collect();
        assert_eq!(years, vec![3, 10, 17]);
        // No life: one set.
        assert_eq!(
            field(10, None, 0, 20, u64::MAX)
                .iter()
                .map(|y| y.bought)
                .sum::<u64>(),
            10
        );
    }

    /// A capacity of 40 a year fields 100 units over 3 years (40, 40, 20),
    /// and each cohort is replaced in its own year, 5 years later.
    #[test]
    fn capacity_ramps_and_cohorts_are_replaced_by_age() {
        let v = field(100, Some(5.0), 0, 12, 40);
        assert_eq!(bought(&v), vec![40, 40, 20, 0, 0, 40, 40, 20, 0, 0, 40, 40]);
        let in_service: Vec<u64> = v.iter().map(|y| y.in_service).collect();
        assert_eq!(
            in_service,
            vec![40, 80, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]
        );
        assert_eq!(v[5].replacements, 40);
        assert_eq!(v[2].replacements, 0);
    }

    /// A capacity below the replacement need (100 units of 2-year life
    /// need 50 a year): the constellation never fills, replacements come
    /// first and the shortfall is what is left.
    #[test]
    fn too_little_capacity_never_fills() {
        let v = field(100, Some(2.0), 0, 8, 30);
        assert!(v.iter().all(|y| y.bought <= 30));
        assert!(v.iter().all(|y| y.in_service < 100), "{v:?}");
        // Year 2: the 30 of year 0 retire and are replaced first.
        assert_eq!((v[2].bought, v[2].replacements), (30, 30));
    }

    /// A replacement due at or after the horizon is not bought.
    #[test]
    fn nothing_is_bought_for_after_the_horizon() {
        let v = field(10, Some(4.0), 0, 8, u64::MAX);
        assert_eq!(bought(&v), vec![10, 0, 0, 0, 10, 0, 0, 0]);
    }
}
