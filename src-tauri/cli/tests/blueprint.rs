//! `leadbook-cli blueprint ...` as a user runs it: search and the Markdown/JSON/PDF exports.

// Test helpers: a step that cannot be done fails the test on the spot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use leadbook_core::blueprint::{self, BlueprintNode, NodeKind};

fn cli(data_dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_leadbook-cli"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run leadbook-cli");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every text of the seed document in order: the strings the Markdown export must carry.
fn seed_texts() -> Vec<String> {
    fn walk(nodes: &[BlueprintNode], out: &mut Vec<String>) {
        for n in nodes {
            out.extend(n.title.clone());
            out.extend(n.body.clone());
            out.extend(n.fields.iter().map(|f| f.value.clone()));
            out.extend(n.columns.iter().cloned());
            out.extend(n.cells.iter().cloned());
            walk(&n.children, out);
        }
    }
    let conn = leadbook_core::db::open_in_memory().unwrap();
    let doc = blueprint::document(&conn).unwrap();
    let mut out = Vec::new();
    for s in &doc.sections {
        out.push(s.title.clone());
        walk(&s.nodes, &mut out);
    }
    out
}

#[test]
fn markdown_export_holds_every_item_in_order_and_no_noise() {
    let dir = tempfile::tempdir().unwrap();
    let md_path = dir.path().join("blueprint.md");
    cli(
        dir.path(),
        &[
            "blueprint",
            "export",
            "--format",
            "md",
            "--out",
            md_path.to_str().unwrap(),
        ],
    );
    let md = std::fs::read_to_string(&md_path).unwrap();
    let mut from = 0;
    for text in seed_texts() {
        // Markdown escapes table pipes; everything else is verbatim.
        let needle = text.replace('|', "\\|");
        match md[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("missing or out of order in the Markdown export: {text:?}"),
        }
    }
    for noise in [
        "Hospital",
        "Certification Courses",
        "Subscribe",
        "DevOpsSchool",
        "Would love your thoughts",
    ] {
        assert!(!md.contains(noise), "noise {noise:?} in export");
    }
    // The named content the issue lists, counted in the export.
    let conn = leadbook_core::db::open_in_memory().unwrap();
    let doc = blueprint::document(&conn).unwrap();
    let kpis = blueprint::kpi_definitions(&conn).unwrap();
    assert_eq!(kpis.len(), 22);
    assert!(kpis.iter().all(|k| md.contains(&k.name)));
    let s3_items: usize = doc.sections[2]
        .nodes
        .iter()
        .flat_map(|h| &h.children)
        .map(|l| {
            l.children
                .iter()
                .filter(|i| i.kind == NodeKind::Item)
                .count()
        })
        .sum();
    assert_eq!(s3_items, 23);
}

#[test]
fn json_export_is_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blueprint.json");
    cli(
        dir.path(),
        &[
            "blueprint",
            "export",
            "--format",
            "json",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(doc["sections"].as_array().unwrap().len(), 20);
    assert_eq!(doc["sections"][6]["title"], "KPIs and Productivity Metrics");
}

#[test]
fn pdf_export_is_a_real_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blueprint.pdf");
    cli(
        dir.path(),
        &[
            "blueprint",
            "export",
            "--format",
            "pdf",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    if let Ok(out) = Command::new("pdftotext").arg(&path).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
        for needle in [
            "KPIs and Productivity Metrics",
            "Error budget burn rate",
            "Apptio Cloudability",
        ] {
            assert!(text.contains(needle), "{needle} not in the PDF text");
        }
    }
}

#[test]
fn search_finds_text_with_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["--json", "blueprint", "search", "postmortem"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits[0]["snippet"].as_str().unwrap().contains('\u{2}'));
    let text = cli(dir.path(), &["blueprint", "search", "error budget"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("[error]") || text.contains("[Error]"),
        "{text}"
    );
}

#[test]
fn export_to_an_unwritable_place_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_leadbook-cli"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "blueprint",
            "export",
            "--format",
            "md",
            "--out",
            "/nonexistent-dir/x.md",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
}

#[test]
fn bench_reports_medians_and_a_baseline_ratio() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(
        dir.path(),
        &["--json", "bench", "blueprint-search", "--runs", "1"],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["scenario"], "blueprint-search");
    assert!(report["timings"][0]["median_ms"].as_f64().unwrap() > 0.0);
    assert!(report["ratio_to_baseline"].as_f64().unwrap() > 0.0);
    assert!(
        !dir.path().join("leadbook.db").exists(),
        "bench never touches the data dir"
    );
}
