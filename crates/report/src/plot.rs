//! SVG line plots, drawn with plotters' SVG backend.
//!
//! Text (title, axis labels, tick labels, legend) is emitted as SVG `<text>`
//! elements with `font-family="sans-serif"`, so the viewer's fonts render it.
//! plotters is built without its `ttf` feature: layout uses its built-in
//! width estimate, so no system fonts, fontconfig or freetype are needed.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ReportError;

/// Default image width, in pixels.
const WIDTH_PX: u32 = 800;
/// Default image height, in pixels.
const HEIGHT_PX: u32 = 500;
/// plotters' SVG backend writes `font-size` as the requested size / 1.24;
/// requested sizes are multiplied by this to get the pixel sizes below.
const FONT_SCALE: f64 = 1.24;
/// Most tick labels per axis.
const MAX_TICKS: usize = 8;
/// Title font size, in pixels.
const TITLE_PX: f64 = 20.0;
/// Axis label font size, in pixels.
const AXIS_LABEL_PX: f64 = 15.0;
/// Tick label and legend font size, in pixels.
const TICK_PX: f64 = 13.0;

/// Line colours, cycled per series (Tableau 10, readable on white and
/// distinguishable by most colour-blind viewers).
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// One named line of (x, y) points, in the units of the plot's axes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Legend label.
    pub name: String,
    /// Points in drawing order, as (x, y) in axis units. Non-finite points
    /// are skipped and break the line into separate segments.
    pub points: Vec<(f64, f64)>,
}

impl Series {
    /// Creates a series from a name and its points.
    pub fn new(name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        Self {
            name: name.into(),
            points,
        }
    }
}

/// A 2-D line plot with one or more series.
///
/// Axis labels should carry their unit, e.g. `time (s)` or `altitude (km)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinePlot {
    /// Title drawn above the plot (omitted when empty).
    pub title: String,
    /// X-axis label, with unit.
    pub x_label: String,
    /// Y-axis label, with unit.
    pub y_label: String,
    /// The lines to draw, in legend order.
    pub series: Vec<Series>,
}

impl LinePlot {
    /// Creates a plot with a title and axis labels and no series.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
    ) -> Self {
        Self {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            series: Vec::new(),
        }
    }

    /// Appends a series (builder style).
    #[must_use]
    pub fn with_series(mut self, name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        self.series.push(Series::new(name, points));
        self
    }

    /// Renders the plot as a standalone 800×500 px SVG document.
    ///
    /// See [`LinePlot::render_svg_sized`].
    ///
    /// # Errors
    ///
    /// As for [`LinePlot::render_svg_sized`].
    pub fn render_svg(&self) -> Result<String, ReportError> {
        self.render_svg_sized(WIDTH_PX, HEIGHT_PX)
    }

    /// Renders the plot as a standalone SVG document of the given size, in
    /// pixels (each clamped to at least 200).
    ///
    /// Draws axes with tick marks and labels, a light grid, one polyline per
    /// contiguous run of finite points in each series (an isolated point
    /// gets a dot), and a legend when there is more than one series. Axis
    /// ranges cover every finite point plus a 2% margin; a degenerate range
    /// (no points, one point, a constant) is padded to a visible width.
    ///
    /// # Errors
    ///
    /// [`ReportError::Plot`] if the finite data span more than `f64` can
    /// represent (e.g. from -1e308 to 1e308), or if plotters fails.
    pub fn render_svg_sized(&self, width_px: u32, height_px: u32) -> Result<String, ReportError> {
        let size = (width_px.max(200), height_px.max(200));
        let x_range = self.axis_range(|p| p.0, "x")?;
        let y_range = self.axis_range(|p| p.1, "y")?;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            self.draw(&root, x_range, y_range)
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

    /// The padded axis range over the finite points of all series.
    fn axis_range(
        &self,
        coord: impl Fn(&(f64, f64)) -> f64,
        axis: &str,
    ) -> Result<(f64, f64), ReportError> {
        let (lo, hi) = self
            .series
            .iter()
            .flat_map(|s| s.points.iter())
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .map(coord)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        padded_range(lo, hi).ok_or_else(|| {
            self.error(format!(
                "{axis} values span {lo:e} to {hi:e}, too wide to draw"
            ))
        })
    }

    fn draw(
        &self,
        root: &DrawingArea<SVGBackend<'_>, Shift>,
        (x0, x1): (f64, f64),
        (y0, y1): (f64, f64),
    ) -> Result<(), String> {
        let err = |e: &dyn std::fmt::Display| e.to_string();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let (x_fmt, y_fmt) = (
            TickFormat::for_range((x0, x1)),
            TickFormat::for_range((y0, y1)),
        );
        // Room for the widest y tick label (about 0.6 em per character)
        // plus the rotated axis label.
        let widest = [y0, 0.5 * y0 + 0.5 * y1, y1]
            .iter()
            .map(|v| y_fmt.format(*v).chars().count())
            .max()
            .unwrap_or(0);
        let y_area = (widest as f64 * TICK_PX * 0.6 + 2.5 * AXIS_LABEL_PX).clamp(60.0, 200.0);
        let mut builder = ChartBuilder::on(root);
        builder
            .margin(16)
            .x_label_area_size(50)
            .y_label_area_size(y_area.round() as u32);
        if !self.title.is_empty() {
            builder.caption(&self.title, font(TITLE_PX));
        }
        let x_label = move |v: &f64| x_fmt.format(*v);
        let y_label = move |v: &f64| y_fmt.format(*v);
        let mut chart = builder
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(|e| err(&e))?;
        chart
            .configure_mesh()
            .x_desc(self.x_label.as_str())
            .y_desc(self.y_label.as_str())
            .x_labels(MAX_TICKS)
            .y_labels(MAX_TICKS)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .label_style(font(TICK_PX))
            .axis_desc_style(font(AXIS_LABEL_PX))
            .light_line_style(RGBColor(243, 243, 243))
            .bold_line_style(RGBColor(210, 210, 210))
            .draw()
            .map_err(|e| err(&e))?;

        for (i, series) in self.series.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let line = color.stroke_width(2);
            // The legend entry hangs on an empty drawing, so that a series
            // appears in the legend exactly once whatever its segments.
            chart
                .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())
                .map_err(|e| err(&e))?
                .label(series.name.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], line));
            for segment in finite_segments(&series.points) {
                if let [p] = segment.as_slice() {
                    draw_dot(&mut chart, *p, color)?;
                } else {
                    chart
                        .draw_series(LineSeries::new(segment, line))
                        .map_err(|e| err(&e))?;
                }
            }
        }

        if self.series.len() > 1 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font(font(TICK_PX))
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .draw()
                .map_err(|e| err(&e))?;
        }
        Ok(())
    }
}

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A sans-serif font that comes out at `px` pixels in the SVG.
fn font(px: f64) -> FontDesc<'static> {
    ("sans-serif", px * FONT_SCALE).into_font()
}

/// Marks an isolated point (a one-point segment) with a filled dot.
fn draw_dot(chart: &mut Chart<'_, '_>, p: (f64, f64), color: RGBColor) -> Result<(), String> {
    chart
        .draw_series(std::iter::once(Circle::new(p, 3, color.filled())))
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Splits points into maximal runs of finite points.
fn finite_segments(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    points
        .split(|p| !(p.0.is_finite() && p.1.is_finite()))
        .filter(|s| !s.is_empty())
        .map(<[(f64, f64)]>::to_vec)
        .collect()
}

/// Pads `[lo, hi]` into a drawable range.
///
/// No data (`lo > hi`) gives `[0, 1]`; a zero width, or one below 1e-10 of
/// the magnitude (too narrow to label), is widened by 5% of the magnitude
/// (or by 1 around zero) on each side; otherwise a 2% margin is added on each side. Returns
/// `None` when the span itself overflows `f64`.
fn padded_range(lo: f64, hi: f64) -> Option<(f64, f64)> {
    if lo > hi {
        return Some((0.0, 1.0));
    }
    let span = hi - lo;
    if !span.is_finite() {
        return None;
    }
    let mag = lo.abs().max(hi.abs());
    let pad = if span <= mag * 1e-10 || span < 1e-300 {
        if mag > 1e-300 { mag * 0.05 } else { 1.0 }
    } else {
        span * 0.02
    };
    let a = lo - pad;
    let b = hi + pad;
    // Near the edge of the f64 range, pad on the side that stays finite.
    let a = if a.is_finite() { a } else { lo };
    let b = if b.is_finite() { b } else { hi };
    (a < b).then_some((a, b))
}

/// How tick labels of one axis are written.
///
/// plotters places ticks at multiples of 1, 2 or 5 × 10^k, at most
/// [`MAX_TICKS`] of them, so the step is at least span / [`MAX_TICKS`].
/// Labels get just enough digits to resolve that step (trailing zeros
/// trimmed), in plain decimals when the axis magnitude is in [1e-4, 1e7) and
/// in scientific notation (`3.52e7`, `2e-9`) otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TickFormat {
    /// Decimal exponent of the smallest possible tick step.
    step_exp: i32,
    /// Use scientific notation.
    scientific: bool,
}

impl TickFormat {
    fn for_range((lo, hi): (f64, f64)) -> Self {
        let step = (hi - lo) / MAX_TICKS as f64;
        let step_exp = if step > 0.0 && step.is_finite() {
            step.log10().floor() as i32
        } else {
            0
        };
        let mag = lo.abs().max(hi.abs());
        Self {
            step_exp,
            scientific: !(1e-4..1e7).contains(&mag),
        }
    }

    fn format(&self, v: f64) -> String {
        if !v.is_finite() {
            return format!("{v}");
        }
        // A tick at zero may come out as ±tiny from rounding in plotters.
        if v == 0.0 || v.abs() < 10f64.powi(self.step_exp) * 1e-6 {
            return "0".into();
        }
        if self.scientific {
            let exp = v.abs().log10().floor() as i32;
            let digits = (exp - self.step_exp).clamp(0, 16) as usize;
            let s = format!("{v:.digits$e}");
            match s.split_once('e') {
                Some((m, e)) if m.contains('.') => {
                    format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.'))
                }
                _ => s,
            }
        } else {
            let decimals = (-self.step_exp).clamp(0, 17) as usize;
            let s = format!("{v:.decimals$}");
            let s = if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.')
            } else {
                &s
            };
            if s == "-0" { "0".into() } else { s.to_owned() }
        }
    }
}

mod loglog;
mod tornado;

pub use loglog::LogLogPlot;
pub use tornado::{Tornado, TornadoRow};

#[cfg(test)]
mod tests;
