//! Tornado plots: one horizontal row per assumption, a bar from the
//! figure's nominal value to its value with the assumption at the low end
//! of its range and another to its value at the high end, largest effect
//! on top; a whisker on a bar's end shows that value's Monte Carlo 95%
//! interval when it has one.

use plotters::prelude::*;
use serde::Serialize;

use super::{PALETTE, TICK_PX, TickFormat, font, padded_range};
use crate::ReportError;

/// One row of a tornado plot, in the units of the figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TornadoRow {
    /// The assumption, e.g. `sbi.budget.decision_s (10–60 s)`.
    pub name: String,
    /// The figure with the assumption at its low end (none: not available).
    pub low: Option<f64>,
    /// The figure with the assumption at its high end.
    pub high: Option<f64>,
    /// The 95% interval of `low`, for a Monte Carlo figure.
    pub low_interval: Option<(f64, f64)>,
    /// The 95% interval of `high`, for a Monte Carlo figure.
    pub high_interval: Option<(f64, f64)>,
}

/// A tornado plot (see the module documentation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tornado {
    /// Title.
    pub title: String,
    /// The figure and its unit, for the x axis.
    pub x_label: String,
    /// The figure's nominal value: where the bars start.
    pub nominal: f64,
    /// Legend of the low-end and high-end bars.
    pub legend: (String, String),
    /// The rows, top first.
    pub rows: Vec<TornadoRow>,
}

/// Pixels per row.
const ROW_PX: u32 = 26;

impl Tornado {
    /// Renders the plot as a standalone SVG document, 900 px wide and tall
    /// enough for its rows.
    ///
    /// # Errors
    ///
    /// [`ReportError::Plot`] if the values span more than `f64` can
    /// represent, or if plotters fails.
    pub fn render_svg(&self) -> Result<String, ReportError> {
        let n = self.rows.len().max(1);
        let size = (900, 140 + ROW_PX * n as u32);
        let mut values = vec![self.nominal];
        for r in &self.rows {
            values.extend(r.low.iter().chain(&r.high));
            for (a, b) in r.low_interval.iter().chain(&r.high_interval) {
                values.extend([*a, *b]);
            }
        }
        let finite = values.iter().filter(|v| v.is_finite());
        let lo = finite.clone().fold(f64::INFINITY, |a, &b| a.min(b));
        let hi = finite.fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        let (x0, x1) = padded_range(lo, hi).ok_or_else(|| self.error("values too wide".into()))?;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            self.draw(&root, (x0, x1), n)
                .map_err(|message| self.error(message))?;
            root.present().map_err(|e| self.error(e.to_string()))?;
        }
        Ok(svg)
    }

    fn error(&self, message: String) -> ReportError {
        ReportError::Plot {
            title: self.title.clone(),
            message,
        }
    }

    fn draw(
        &self,
        root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
        (x0, x1): (f64, f64),
        n: usize,
    ) -> Result<(), String> {
        let err = |e: &dyn std::fmt::Display| e.to_string();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let widest = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0);
        let y_area = (widest as f64 * TICK_PX * 0.6 + 16.0).clamp(60.0, 420.0);
        let x_fmt = TickFormat::for_range((x0, x1));
        let names: Vec<String> = self.rows.iter().map(|r| r.name.clone()).collect();
        // Row k sits at y = n − k − 0.5, so the first row is on top.
        let y_label = move |v: &f64| {
            let k = n as f64 - v - 0.5;
            if (k - k.round()).abs() < 1e-6 && k >= 0.0 {
                names.get(k.round() as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let x_label = move |v: &f64| x_fmt.format(*v);
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .caption(&self.title, font(super::TITLE_PX))
            .x_label_area_size(50)
            .y_label_area_size(y_area.round() as u32)
            .build_cartesian_2d(x0..x1, 0.0..n as f64)
            .map_err(|e| err(&e))?;
        chart
            .configure_mesh()
            .x_desc(self.x_label.as_str())
            .x_labels(super::MAX_TICKS)
            .y_labels(2 * n + 1)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .label_style(font(TICK_PX))
            .axis_desc_style(font(super::AXIS_LABEL_PX))
            .disable_y_mesh()
            .light_line_style(RGBColor(243, 243, 243))
            .bold_line_style(RGBColor(210, 210, 210))
            .draw()
            .map_err(|e| err(&e))?;
        let colors = [PALETTE[0], PALETTE[1]];
        for (side, (color, label)) in colors
            .iter()
            .zip([&self.legend.0, &self.legend.1])
            .enumerate()
        {
            let style = color.mix(0.8).filled();
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())
                .map_err(|e| err(&e))?
                .label(label.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 16, y + 5)], style));
            for (k, r) in self.rows.iter().enumerate() {
                let (value, interval) = if side == 0 {
                    (r.low, r.low_interval)
                } else {
                    (r.high, r.high_interval)
                };
                let y = n as f64 - k as f64 - 0.5;
                // The low-end bar in the upper half of the row, the high
                // end's in the lower half, so that both show when they lie
                // on the same side of the nominal value.
                let (ya, yb) = if side == 0 {
                    (y, y + 0.35)
                } else {
                    (y - 0.35, y)
                };
                if let Some(v) = value.filter(|v| v.is_finite()) {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(self.nominal, ya), (v, yb)],
                            style,
                        )))
                        .map_err(|e| err(&e))?;
                }
                if let Some((a, b)) = interval.filter(|(a, b)| a.is_finite() && b.is_finite()) {
                    let ym = 0.5 * (ya + yb);
                    chart
                        .draw_series(std::iter::once(PathElement::new(
                            vec![(a, ym), (b, ym)],
                            BLACK.stroke_width(1),
                        )))
                        .map_err(|e| err(&e))?;
                }
            }
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(self.nominal, 0.0), (self.nominal, n as f64)],
                BLACK.stroke_width(1),
            )))
            .map_err(|e| err(&e))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .label_font(font(TICK_PX))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(|e| err(&e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_named_and_drawn() {
        let t = Tornado {
            title: "SBI carriers needed".into(),
            x_label: "carriers".into(),
            nominal: 8160.0,
            legend: ("at low end".into(), "at high end".into()),
            rows: vec![
                TornadoRow {
                    name: "sbi.budget.decision_s (10–60 s)".into(),
                    low: Some(5000.0),
                    high: Some(19344.0),
                    low_interval: None,
                    high_interval: Some((19000.0, 19700.0)),
                },
                TornadoRow {
                    name: "engage.boost.pk".into(),
                    low: Some(8160.0),
                    high: None,
                    low_interval: None,
                    high_interval: None,
                },
            ],
        };
        let svg = t.render_svg().unwrap();
        assert!(svg.contains("sbi.budget.decision_s (10–60 s)"));
        assert!(svg.contains("engage.boost.pk"));
        assert!(svg.contains("at high end"));
        // Two bars, a whisker, the nominal line.
        assert!(svg.matches("<rect").count() >= 3, "{svg}");
    }
}
