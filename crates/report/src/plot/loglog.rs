//! Log-log line plots: both axes logarithmic, for quantities that grow as a
//! power of another (a study's cost against the size of the raid), where a
//! straight line of slope 1 is linear growth and of slope 2 quadratic.

use plotters::prelude::*;

use super::{AXIS_LABEL_PX, LinePlot, PALETTE, TICK_PX, TITLE_PX, font};
use crate::ReportError;

/// A [`LinePlot`] drawn with logarithmic x and y axes.
///
/// Points with a coordinate that is not finite and positive are left out
/// (a logarithm has no place for them) and break the line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogLogPlot(pub LinePlot);

impl LogLogPlot {
    /// Renders the plot as a standalone 800×500 px SVG document. The axes
    /// span whole decades around the drawable points (1 to 10 when there
    /// are none).
    ///
    /// # Errors
    ///
    /// [`ReportError::Plot`] if plotters fails.
    pub fn render_svg(&self) -> Result<String, ReportError> {
        let x = decades(self.drawable().map(|p| p.0));
        let y = decades(self.drawable().map(|p| p.1));
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
            self.draw(&root, x, y)
                .map_err(|message| self.error(message))?;
            root.present().map_err(|e| self.error(e.to_string()))?;
        }
        Ok(svg)
    }

    fn error(&self, message: String) -> ReportError {
        ReportError::Plot {
            title: self.0.title.clone(),
            message,
        }
    }

    /// Every point a logarithmic axis can show.
    fn drawable(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.0
            .series
            .iter()
            .flat_map(|s| s.points.iter().copied())
            .filter(|p| loggable(*p))
    }

    fn draw(
        &self,
        root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
        (x0, x1): (f64, f64),
        (y0, y1): (f64, f64),
    ) -> Result<(), String> {
        let err = |e: &dyn std::fmt::Display| e.to_string();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut builder = ChartBuilder::on(root);
        builder
            .margin(16)
            .x_label_area_size(50)
            .y_label_area_size(90);
        let plot = &self.0;
        if !plot.title.is_empty() {
            builder.caption(&plot.title, font(TITLE_PX));
        }
        let label = |v: &f64| tick_label(*v);
        let mut chart = builder
            .build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())
            .map_err(|e| err(&e))?;
        chart
            .configure_mesh()
            .x_desc(plot.x_label.as_str())
            .y_desc(plot.y_label.as_str())
            .x_label_formatter(&label)
            .y_label_formatter(&label)
            .label_style(font(TICK_PX))
            .axis_desc_style(font(AXIS_LABEL_PX))
            .light_line_style(RGBColor(243, 243, 243))
            .bold_line_style(RGBColor(210, 210, 210))
            .draw()
            .map_err(|e| err(&e))?;
        for (i, series) in plot.series.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let line = color.stroke_width(2);
            chart
                .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())
                .map_err(|e| err(&e))?
                .label(series.name.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], line));
            for run in series.points.split(|p| !loggable(*p)) {
                if run.len() > 1 {
                    chart
                        .draw_series(LineSeries::new(run.iter().copied(), line))
                        .map_err(|e| err(&e))?;
                }
                chart
                    .draw_series(run.iter().map(|p| Circle::new(*p, 3, color.filled())))
                    .map_err(|e| err(&e))?;
            }
        }
        if plot.series.len() > 1 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .label_font(font(TICK_PX))
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .draw()
                .map_err(|e| err(&e))?;
        }
        Ok(())
    }
}

/// Whether a point has a place on logarithmic axes.
fn loggable((x, y): (f64, f64)) -> bool {
    x.is_finite() && y.is_finite() && x > 0.0 && y > 0.0
}

/// The whole decades around `values` (1 to 10 for none), e.g. 10 to 1000
/// for 10 and 1000, and 1 to 100 for 3 to 50.
fn decades(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo > hi {
        return (1.0, 10.0);
    }
    let a = lo.log10().floor();
    let b = hi.log10().ceil().max(a + 1.0);
    (10f64.powf(a), 10f64.powf(b))
}

/// A tick label in plain numbers with three significant digits at most
/// (`0.001`, `20`, `1000`), in scientific notation beyond 1e6 or below
/// 1e-3.
fn tick_label(v: f64) -> String {
    if !(1e-3..1e6).contains(&v.abs()) && v != 0.0 {
        return format!("{v:.0e}");
    }
    let digits = 2 - v.abs().log10().floor() as i32;
    let s = format!("{v:.*}", digits.max(0) as usize);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_span_whole_decades() {
        assert_eq!(decades([10.0, 1000.0].into_iter()), (10.0, 1000.0));
        assert_eq!(decades([3.0, 50.0].into_iter()), (1.0, 100.0));
        assert_eq!(decades([0.02].into_iter()), (0.01, 0.1));
        assert_eq!(decades(std::iter::empty()), (1.0, 10.0));
    }

    #[test]
    fn ticks_are_plain_numbers() {
        assert_eq!(tick_label(1000.0), "1000");
        assert_eq!(tick_label(20.0), "20");
        assert_eq!(tick_label(0.001), "0.001");
        assert_eq!(tick_label(0.25), "0.25");
        assert_eq!(tick_label(1e7), "1e7");
    }

    #[test]
    fn draws_every_positive_point_and_skips_the_rest() {
        let svg = LogLogPlot(
            LinePlot::new("cost", "missiles", "s")
                .with_series("a", vec![(10.0, 0.1), (100.0, 1.0), (1000.0, 10.0)])
                .with_series("b", vec![(10.0, 0.2), (100.0, 0.0), (1000.0, f64::NAN)]),
        )
        .render_svg()
        .expect("renders");
        assert!(svg.starts_with("<svg"));
        // Three dots for "a", one for "b" (its other points cannot be drawn).
        assert_eq!(svg.matches("<circle").count(), 4);
        let texts: Vec<&str> = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once("</text>")))
            .map(|(inner, _)| inner.trim())
            .collect();
        assert!(texts.contains(&"missiles"), "{texts:?}");
        assert!(
            texts.contains(&"1000") && texts.contains(&"10"),
            "{texts:?}"
        );
    }
}
