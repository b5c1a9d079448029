//! A self-contained HTML report: headings, paragraphs, tables and inline
//! SVG plots in one file that opens in any browser without a network.

use crate::TextTable;
use std::fmt::Write as _;

/// One section of a report.
#[derive(Clone, Debug, Default)]
pub struct HtmlSection {
    /// Section heading.
    pub heading: String,
    /// Paragraphs of plain text (escaped on output).
    pub paragraphs: Vec<String>,
    /// Tables, shown after the paragraphs.
    pub tables: Vec<TextTable>,
    /// SVG documents (as produced by [`crate::LinePlot::render_svg`]),
    /// embedded inline after the tables.
    pub svgs: Vec<String>,
}

/// A report made of sections.
#[derive(Clone, Debug, Default)]
pub struct HtmlReport {
    /// Page title and first heading.
    pub title: String,
    /// Sections in order.
    pub sections: Vec<HtmlSection>,
}

/// Escape text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a cell reads as a number (right-aligned in tables).
fn numeric(cell: &str) -> bool {
    let t = cell.trim().trim_end_matches('%');
    !t.is_empty() && t.replace(',', "").parse::<f64>().is_ok()
}

/// The SVG document without any XML declaration, ready to inline.
fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => "",
    }
}

const STYLE: &str = "body{font-family:sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:1em 0;font-size:.9em}\
th,td{padding:.25em .7em;border-bottom:1px solid #e4e4e4}th{text-align:left;background:#f4f4f4}\
td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1em 0}";

impl HtmlReport {
    /// A report with a title and no sections.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            sections: Vec::new(),
        }
    }

    /// Render the whole page.
    pub fn render(&self) -> String {
        let mut o = String::new();
        let title = escape(&self.title);
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
        );
        for s in &self.sections {
            let _ = writeln!(o, "<section>\n<h2>{}</h2>", escape(&s.heading));
            for p in &s.paragraphs {
                let _ = writeln!(o, "<p>{}</p>", escape(p));
            }
            for t in &s.tables {
                o.push_str("<table>\n<thead><tr>");
                for h in &t.headers {
                    let _ = write!(o, "<th>{}</th>", escape(h));
                }
                o.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    o.push_str("<tr>");
                    for cell in row {
                        let class = if numeric(cell) { " class=\"n\"" } else { "" };
                        let _ = write!(o, "<td{class}>{}</td>", escape(cell));
                    }
                    o.push_str("</tr>\n");
                }
                o.push_str("</tbody>\n</table>\n");
            }
            for svg in &s.svgs {
                let _ = writeln!(o, "<figure>{}</figure>", inline_svg(svg));
            }
            o.push_str("</section>\n");
        }
        o.push_str("</body>\n</html>\n");
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_escaped_sections_tables_and_svg() {
        let mut r = HtmlReport::new("A <b> & c");
        let t = TextTable::new(["event", "time_s"]).with_row(["impact", "1929.4"]);
        r.sections.push(HtmlSection {
            heading: "Trajectory".into(),
            paragraphs: vec!["x < y".into()],
            tables: vec![t],
            svgs: vec!["<?xml version=\"1.0\"?>\n<svg width=\"1\"></svg>".into()],
        });
        let html = r.render();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<title>A &lt;b&gt; &amp; c</title>"));
        assert!(html.contains("<p>x &lt; y</p>"));
        assert!(html.contains("<td class=\"n\">1929.4</td>"));
        assert!(html.contains("<td>impact</td>"));
        assert!(html.contains("<figure><svg width=\"1\"></svg></figure>"));
        assert!(!html.contains("<?xml"));
        assert!(html.trim_end().ends_with("</html>"));
    }
}
