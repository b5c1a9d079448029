//! Converting between the dollars of different years with a price-index
//! table.

use super::CostError;

/// The factor that converts `dollars_year` dollars into `base_year`
/// dollars: index(base_year) / index(dollars_year), each index read from
/// `table` (year → price index, years strictly ascending, indices > 0) by
/// linear interpolation between the table's years. With an empty table the
/// two years must be equal (factor 1).
///
/// # Errors
///
/// [`CostError::NoInflationTable`] when the years differ and the table is
/// empty; [`CostError::OutsideInflationTable`] when a year lies outside the
/// table's span; [`CostError::BadInflationTable`] when the table is not
/// strictly ascending or holds an index that is not a positive number.
pub fn conversion_factor(
    table: &[(i32, f64)],
    dollars_year: i32,
    base_year: i32,
) -> Result<f64, CostError> {
    check_table(table)?;
    if dollars_year == base_year {
        return Ok(1.0);
    }
    if table.is_empty() {
        return Err(CostError::NoInflationTable {
            dollars_year,
            base_year,
        });
    }
    Ok(index_at(table, base_year)? / index_at(table, dollars_year)?)
}

/// Check that the years are strictly ascending and every index is a
/// finite number above zero.
pub(crate) fn check_table(table: &[(i32, f64)]) -> Result<(), CostError> {
    for (i, &(year, index)) in table.iter().enumerate() {
        if !(index.is_finite() && index > 0.0) {
            return Err(CostError::BadInflationTable(format!(
                "the index of {year} is {index}, not a positive number"
            )));
        }
        if i > 0 && table[i - 1].0 >= year {
            return Err(CostError::BadInflationTable(format!(
                "the years are not strictly ascending: {year} follows {}",
                table[i - 1].0
            )));
        }
    }
    Ok(())
}

/// The price index of `year`, linearly interpolated.
fn index_at(table: &[(i32, f64)], year: i32) -> Result<f64, CostError> {
    let outside = || CostError::OutsideInflationTable {
        year,
        first: table.first().map_or(0, |t| t.0),
        last: table.last().map_or(0, |t| t.0),
    };
    let hi = table
        .iter()
        .position(|&(y, _)| y >= year)
        .ok_or_else(outside)?;
    let (y1, i1) = table[hi];
    if y1 == year {
        return Ok(i1);
    }
    if hi == 0 {
        return Err(outside());
    }
    let (y0, i0) = table[hi - 1];
    let t = f64::from(year - y0) / f64::from(y1 - y0);
    Ok(i0 + t * (i1 - i0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolates_and_refuses_outside() {
        let table = [(2020, 0.8), (2024, 1.0)];
        assert_eq!(conversion_factor(&table, 2024, 2024).ok(), Some(1.0));
        // 2022 lies half way: 0.9. 2024 dollars in 2022 dollars: 0.9 / 1.0.
        let f = conversion_factor(&table, 2024, 2022).unwrap_or(f64::NAN);
        assert!((f - 0.9).abs() < 1e-12, "{f}");
        let f = conversion_factor(&table, 2020, 2024).unwrap_or(f64::NAN);
        assert!((f - 1.25).abs() < 1e-12, "{f}");
        assert!(matches!(
            conversion_factor(&table, 2019, 2024),
            Err(CostError::OutsideInflationTable { year: 2019, .. })
        ));
        assert!(matches!(
            conversion_factor(&table, 2020, 2025),
            Err(CostError::OutsideInflationTable { year: 2025, .. })
        ));
        assert!(matches!(
            conversion_factor(&[], 2020, 2025),
            Err(CostError::NoInflationTable { .. })
        ));
        assert!(matches!(
            conversion_factor(&[(2020, 1.0), (2020, 1.1)], 2020, 2020),
            Err(CostError::BadInflationTable(_))
        ));
    }
}
