//! `cupola reproduce`: the literature scenarios run, their published
//! figures are printed beside cupola's, and docs/validation.md's table
//! holds the same published values as the files and the values a fresh run
//! gives.

use std::process::Output;

#[path = "support/bin.rs"]
mod support;
use support::{cupola, repo_root, stderr, stdout};

/// The comparisons of a `--json` run.
fn comparisons(o: &Output) -> Vec<serde_json::Value> {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    v["comparisons"].as_array().expect("comparisons").clone()
}

/// `v` as the summary prints it (the same rule as the command's).
fn shown(v: f64) -> String {
    let a = v.abs();
    if a >= 1_000.0 {
        let digits = format!("{a:.0}");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// The variant scenarios, by path from the repository root.
fn variants() -> Vec<String> {
    let dir = repo_root().join("scenarios/literature/variants");
    let mut v: Vec<String> = std::fs::read_dir(&dir)
        .expect("the variants directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("scenarios/literature/variants/{n}"))
        .collect();
    v.sort();
    assert!(v.len() >= 4, "expected the variants, found {v:?}");
    v
}

/// The rows of docs/validation.md's reproduction table: study, figure,
/// published, cupola (`None` for "none").
fn doc_rows() -> Vec<(String, String, f64, Option<f64>)> {
    let text = std::fs::read_to_string(repo_root().join("docs/validation.md")).expect("docs");
    let start = text
        .find("<!-- reproduce: begin -->")
        .expect("begin marker");
    let end = text.find("<!-- reproduce: end -->").expect("end marker");
    let number = |cell: &str| -> Option<f64> {
        let first = cell.split_whitespace().next()?;
        first.replace(',', "").parse().ok()
    };
    text[start..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let study = cells[1].trim_matches('`').to_owned();
            let figure = cells[2].trim_matches('`').to_owned();
            let published = number(cells[3]).unwrap_or_else(|| panic!("published in {l}"));
            (study, figure, published, number(cells[4]))
        })
        .collect()
}

#[test]
fn reproduce_all_prints_every_published_figure_beside_cupolas() {
    let text = cupola(&["reproduce", "--all"]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let s = stdout(&text);
    let rows = comparisons(&cupola(&["reproduce", "--all", "--json"]));
    for name in [
        "aps-2003",
        "ucs-sbi",
        "cbo-2025-low",
        "cbo-2025-high",
        "cbo-2026",
        "aei-2025",
        "iron-dome",
    ] {
        assert!(
            rows.iter().any(|r| r["study"] == name),
            "no figure of {name}"
        );
    }
    for r in &rows {
        let figure = r["figure"].as_str().expect("figure");
        let published = r["published"].as_f64().expect("published");
        let value = r["cupola"]
            .as_f64()
            .unwrap_or_else(|| panic!("cupola gives no {figure}: {}", r["why_none"]));
        let line = s
            .lines()
            .find(|l| l.starts_with(r["study"].as_str().unwrap_or("")) && l.contains(figure))
            .unwrap_or_else(|| panic!("no row of {figure}:\n{s}"));
        for want in [shown(published), shown(value)] {
            assert!(line.contains(&want), "{want:?} not in {line:?}");
        }
        assert!(s.contains(r["source"].as_str().expect("source")));
    }
    assert!(s.contains("docs/validation.md"), "{s}");
}

#[test]
fn variants_parse_run_and_compare() {
    for v in variants() {
        let rows = comparisons(&cupola(&["reproduce", &v, "--json"]));
        assert!(!rows.is_empty(), "{v}: no comparison");
    }
}

#[test]
fn docs_table_matches_the_files_and_a_fresh_run() {
    let mut run = comparisons(&cupola(&["reproduce", "--all", "--json"]));
    for v in variants() {
        run.extend(comparisons(&cupola(&["reproduce", &v, "--json"])));
    }
    let docs = doc_rows();
    assert_eq!(
        docs.len(),
        run.len(),
        "docs/validation.md lists {} figures, the files {}",
        docs.len(),
        run.len()
    );
    for (study, figure, published, value) in docs {
        let r = run
            .iter()
            .find(|r| r["study"] == study.as_str() && r["figure"] == figure.as_str())
            .unwrap_or_else(|| panic!("docs list {study} {figure}, which no file publishes"));
        assert_eq!(
            r["published"].as_f64(),
            Some(published),
            "{study} {figure}: the docs' published value differs from the file's"
        );
        match (value, r["cupola"].as_f64()) {
            (Some(d), Some(c)) => assert_eq!(
                shown(c).replace(',', "").parse::<f64>().ok(),
                Some(d),
                "{study} {figure}: docs say {d}, a fresh run gives {c}"
            ),
            (None, None) => {}
            (d, c) => panic!("{study} {figure}: docs say {d:?}, a fresh run gives {c:?}"),
        }
    }
}

#[test]
fn reproduce_out_writes_the_table_json_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cbo");
    let o = cupola(&["reproduce", "cbo-2025-low", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(out.join("reproduce.csv")).expect("reproduce.csv");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("study,figure,unit,published"))
    );
    let row = lines.next().expect("a row");
    assert!(
        row.starts_with("cbo-2025-low,sbi_cost_busd,$B,161,"),
        "{row}"
    );
    assert!(out.join("results.json").is_file());
    assert!(out.join("report.html").is_file());
}

#[test]
fn unknown_studies_and_files_without_published_figures_are_bad_input() {
    let o = cupola(&["reproduce", "aps-2030"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("aps-2003, ucs-sbi"), "{}", stderr(&o));
    let o = cupola(&["reproduce", "scenarios/cost.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no [[published]] tables"),
        "{}",
        stderr(&o)
    );
    let o = cupola(&["reproduce"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
