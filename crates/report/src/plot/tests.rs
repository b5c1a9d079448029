use super::*;

fn well_formed(svg: &str) {
    let t = svg.trim();
    assert!(
        t.starts_with("<svg") || t.starts_with("<?xml"),
        "{}",
        &t[..40.min(t.len())]
    );
    assert!(t.ends_with("</svg>"));
    assert_eq!(t.matches("<svg").count(), 1);
    // Every opened <text> is closed.
    assert_eq!(t.matches("<text").count(), t.matches("</text>").count());
}

/// The text content of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|chunk| {
            let start = chunk.find('>')? + 1;
            let end = chunk.find("</text>")?;
            Some(chunk[start..end].trim().to_owned())
        })
        .collect()
}

/// Number of data polylines (series are drawn 2 px wide; axes and ticks 1 px).
fn data_lines(svg: &str) -> usize {
    svg.lines()
        .filter(|l| l.starts_with("<polyline") && l.contains("stroke-width=\"2\""))
        .count()
}

fn trajectory_plot() -> LinePlot {
    let up: Vec<(f64, f64)> = (0..=60)
        .map(|i| {
            let t = f64::from(i) * 30.0;
            (t, 1300.0 * (std::f64::consts::PI * t / 1800.0).sin())
        })
        .collect();
    let low: Vec<(f64, f64)> = up.iter().map(|&(t, h)| (t, 0.5 * h)).collect();
    LinePlot::new("Minimum-energy trajectory", "time (s)", "altitude (km)")
        .with_series("10,000 km", up)
        .with_series("depressed", low)
}

#[test]
fn svg_has_title_labels_ticks_and_a_line_per_series() {
    let svg = trajectory_plot().render_svg().unwrap();
    well_formed(&svg);
    let texts = texts(&svg);
    for want in [
        "Minimum-energy trajectory",
        "time (s)",
        "altitude (km)",
        "10,000 km",
        "depressed",
    ] {
        assert!(
            texts.iter().any(|t| t == want),
            "missing text {want:?} in {texts:?}"
        );
    }
    // Tick labels are numbers and some of them are there.
    let numeric = texts.iter().filter(|t| t.parse::<f64>().is_ok()).count();
    assert!(numeric >= 8, "{texts:?}");
    assert!(texts.iter().any(|t| t == "1000"), "{texts:?}");
    // One polyline per series plus one legend glyph each.
    assert_eq!(data_lines(&svg), 4);
    assert!(svg.contains("font-size=\"20\""), "title size");
    assert!(svg.contains("width=\"800\"") && svg.contains("height=\"500\""));
}

#[test]
fn single_series_has_no_legend() {
    let plot =
        LinePlot::new("one", "x (m)", "y (m)").with_series("alone", vec![(0.0, 0.0), (1.0, 1.0)]);
    let svg = plot.render_svg().unwrap();
    well_formed(&svg);
    assert!(!texts(&svg).iter().any(|t| t == "alone"));
    assert_eq!(data_lines(&svg), 1);
}

#[test]
fn text_is_escaped() {
    let plot = LinePlot::new("leak <n> & \"cost\"", "x", "y")
        .with_series("a", vec![(0.0, 1.0), (1.0, 2.0)]);
    let svg = plot.render_svg().unwrap();
    well_formed(&svg);
    assert!(svg.contains("leak &lt;n&gt; &amp;"));
    assert!(!svg.contains("<n>"));
}

#[test]
fn degenerate_plots_do_not_panic() {
    let cases: Vec<Vec<Series>> = vec![
        vec![],
        vec![Series::new("empty", vec![])],
        vec![Series::new("one", vec![(3.0, 4.0)])],
        vec![Series::new("origin", vec![(0.0, 0.0)])],
        vec![Series::new(
            "flat",
            vec![(0.0, 5.0), (1.0, 5.0), (2.0, 5.0)],
        )],
        vec![Series::new("vertical", vec![(2.0, 0.0), (2.0, 1.0)])],
        vec![Series::new("nan", vec![(f64::NAN, 1.0), (1.0, f64::NAN)])],
        vec![Series::new(
            "gaps",
            vec![
                (0.0, 0.0),
                (1.0, f64::NAN),
                (2.0, 2.0),
                (f64::INFINITY, 0.0),
                (3.0, 1.0),
                (4.0, 0.5),
            ],
        )],
        vec![Series::new("huge", vec![(0.0, 1e300), (1.0, -1e300)])],
        vec![Series::new(
            "max",
            vec![(f64::MAX, f64::MAX), (f64::MAX, f64::MAX / 2.0)],
        )],
        vec![Series::new(
            "min",
            vec![(-f64::MAX, -f64::MAX), (-f64::MAX / 2.0, -f64::MAX)],
        )],
        vec![Series::new("tiny", vec![(0.0, 1e-300), (1e-310, 2e-300)])],
        vec![Series::new(
            "offset",
            vec![(1e9, 1.0), (1e9 + 1e-6, 1.0 + 1e-12)],
        )],
        vec![Series::new("neg", vec![(-5.0, -1e-9), (-4.0, -2e-9)])],
        vec![Series::new("a", vec![]), Series::new("b", vec![(1.0, 1.0)])],
    ];
    for series in cases {
        let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
        let plot = LinePlot {
            title: String::new(),
            x_label: String::new(),
            y_label: String::new(),
            series,
        };
        let svg = plot
            .render_svg()
            .unwrap_or_else(|e| panic!("{names:?}: {e}"));
        well_formed(&svg);
    }
}

#[test]
fn isolated_points_get_a_dot_and_gaps_split_lines() {
    let plot = LinePlot::new("g", "x", "y").with_series(
        "s",
        vec![
            (0.0, 0.0),
            (1.0, 1.0),
            (2.0, f64::NAN),
            (3.0, 3.0),
            (4.0, f64::NAN),
            (5.0, 5.0),
            (6.0, 6.0),
        ],
    );
    let svg = plot.render_svg().unwrap();
    assert_eq!(data_lines(&svg), 2);
    assert_eq!(svg.matches("<circle").count(), 1);
}

#[test]
fn overflowing_span_is_an_error() {
    let plot =
        LinePlot::new("wide", "x", "y").with_series("s", vec![(0.0, -f64::MAX), (1.0, f64::MAX)]);
    let err = plot.render_svg().unwrap_err();
    assert!(matches!(err, ReportError::Plot { .. }));
    assert!(err.to_string().contains("\"wide\""), "{err}");
}

#[test]
fn custom_size_is_honoured_and_clamped() {
    let svg = trajectory_plot().render_svg_sized(1200, 10).unwrap();
    assert!(svg.contains("width=\"1200\"") && svg.contains("height=\"200\""));
}

#[test]
fn padded_ranges() {
    assert_eq!(
        padded_range(f64::INFINITY, f64::NEG_INFINITY),
        Some((0.0, 1.0))
    );
    assert_eq!(padded_range(0.0, 0.0), Some((-1.0, 1.0)));
    assert_eq!(padded_range(10.0, 10.0), Some((9.5, 10.5)));
    assert_eq!(padded_range(0.0, 100.0), Some((-2.0, 102.0)));
    assert_eq!(padded_range(-f64::MAX, f64::MAX), None);
    let (a, b) = padded_range(f64::MAX, f64::MAX).unwrap();
    assert!(a < b && b.is_finite());
}

#[test]
fn tick_labels_resolve_the_step() {
    let f = |lo: f64, hi: f64, v: f64| TickFormat::for_range((lo, hi)).format(v);
    assert_eq!(f(0.0, 1300.0, 0.0), "0");
    assert_eq!(f(0.0, 1300.0, 1000.0), "1000");
    assert_eq!(f(0.0, 1.0, 0.30000000000000004), "0.3");
    assert_eq!(f(0.0, 1.0, 1.0), "1");
    assert_eq!(f(-3.0, 3.0, -2.5), "-2.5");
    assert_eq!(f(-3.0, 3.0, -1e-17), "0");
    assert_eq!(f(3.5e7, 3.6e7, 3.52e7), "3.52e7");
    assert_eq!(f(3.5e7, 3.6e7, 3.6e7), "3.6e7");
    assert_eq!(f(-2e-9, -1e-9, -1.2e-9), "-1.2e-9");
    assert_eq!(f(-1e300, 1e300, 5e299), "5e299");
    assert_eq!(f(0.95, 1.05, 1.02), "1.02");
    // Fine steps on a large offset keep the digits that differ.
    assert_eq!(f(1000.0, 1000.001, 1000.0005), "1000.0005");
}
