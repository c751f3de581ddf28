use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use leadbook_core::blueprint::{
    BlueprintDocument, BlueprintNode, EditState, Field, NodeKind, Section,
};

use super::*;

// ---------------------------------------------------------------------------------------------
// Builders

fn node(kind: NodeKind) -> BlueprintNode {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    BlueprintNode {
        id: format!("n{}", NEXT.fetch_add(1, Ordering::Relaxed)),
        kind,
        key: None,
        title: None,
        body: None,
        ordered: false,
        fields: Vec::new(),
        columns: Vec::new(),
        cells: Vec::new(),
        state: EditState::Original,
        children: Vec::new(),
    }
}

fn heading(title: &str, children: Vec<BlueprintNode>) -> BlueprintNode {
    BlueprintNode {
        title: Some(title.into()),
        children,
        ..node(NodeKind::Heading)
    }
}

fn para(body: &str) -> BlueprintNode {
    BlueprintNode {
        body: Some(body.into()),
        ..node(NodeKind::Paragraph)
    }
}

fn list(ordered: bool, items: Vec<BlueprintNode>) -> BlueprintNode {
    BlueprintNode {
        ordered,
        children: items,
        ..node(NodeKind::List)
    }
}

fn item(title: Option<&str>, body: Option<&str>) -> BlueprintNode {
    BlueprintNode {
        title: title.map(Into::into),
        body: body.map(Into::into),
        ..node(NodeKind::Item)
    }
}

fn with_fields(mut item: BlueprintNode, fields: &[(&str, &str)]) -> BlueprintNode {
    item.fields = fields
        .iter()
        .map(|(label, value)| Field {
            label: (*label).into(),
            value: (*value).into(),
        })
        .collect();
    item
}

fn with_children(mut item: BlueprintNode, children: Vec<BlueprintNode>) -> BlueprintNode {
    item.children = children;
    item
}

fn table(columns: &[&str], rows: &[&[&str]]) -> BlueprintNode {
    BlueprintNode {
        columns: columns.iter().map(|c| (*c).into()).collect(),
        children: rows
            .iter()
            .map(|cells| BlueprintNode {
                cells: cells.iter().map(|c| (*c).into()).collect(),
                ..node(NodeKind::Row)
            })
            .collect(),
        ..node(NodeKind::Table)
    }
}

fn section(number: u32, title: &str, nodes: Vec<BlueprintNode>) -> Section {
    Section {
        id: format!("s{number}"),
        number,
        title: title.into(),
        edited: false,
        nodes,
    }
}

/// A small blueprint with every kind of node and some non-ASCII text.
fn small_doc() -> BlueprintDocument {
    BlueprintDocument {
        title: "Role “Blueprint” – Zoë".into(),
        sections: vec![
            section(
                1,
                "Role Summary",
                vec![
                    para("The manager leads **infra**.\n\nSecond para."),
                    heading(
                        "Strategic",
                        vec![list(
                            true,
                            vec![
                                with_fields(
                                    item(Some("Roadmap"), Some("Define a 12–24 month plan.")),
                                    &[("Importance", "Critical"), ("Use", "Planning | reviews")],
                                ),
                                with_children(
                                    item(Some("Zoë’s item"), None),
                                    vec![
                                        item(None, Some("nested one")),
                                        item(None, Some("nested two")),
                                    ],
                                ),
                                item(None, Some("Plain entry")),
                            ],
                        )],
                    ),
                    list(false, vec![item(Some("Ends with:"), Some("x"))]),
                ],
            ),
            section(
                2,
                "KPIs",
                vec![table(
                    &["Metric", "Target"],
                    &[
                        &["SLO attainment", "≥ 99.9%"],
                        &["Pipe | cell", "line\nbreak"],
                    ],
                )],
            ),
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown

#[test]
fn markdown_of_a_small_blueprint() {
    let expected = "\
# Role “Blueprint” – Zoë

## 1) Role Summary

The manager leads **infra**.

Second para.

### Strategic

1. **Roadmap:** Define a 12–24 month plan.
   - *Importance:* Critical
   - *Use:* Planning | reviews
2. **Zoë’s item**
   - nested one
   - nested two
3. Plain entry

- **Ends with:** x

## 2) KPIs

| Metric | Target |
| --- | --- |
| SLO attainment | ≥ 99.9% |
| Pipe \\| cell | line break |
";
    assert_eq!(to_markdown(&small_doc()), expected);
}

#[test]
fn markdown_indents_multiline_bodies_and_nested_blocks() {
    let doc = BlueprintDocument {
        title: "T".into(),
        sections: vec![section(
            3,
            "S",
            vec![
                heading("Deeper", vec![heading("Deepest", vec![para("p")])]),
                list(
                    false,
                    vec![with_children(
                        item(Some("A"), Some("line one\n\nline two")),
                        vec![table(&["c"], &[&["v"]]), item(None, Some("child"))],
                    )],
                ),
                item(None, Some("stray")),
                item(None, Some("items")),
            ],
        )],
    };
    let expected = "\
# T

## 3) S

### Deeper

#### Deepest

p

- **A:** line one

  line two

  | c |
  | --- |
  | v |
  - child

- stray
- items
";
    assert_eq!(to_markdown(&doc), expected);
}

#[test]
fn markdown_of_an_empty_blueprint() {
    let doc = BlueprintDocument {
        title: "Only a title".into(),
        sections: vec![section(1, "Empty", vec![para("  \n"), list(true, vec![])])],
    };
    assert_eq!(to_markdown(&doc), "# Only a title\n\n## 1) Empty\n");
}

// ---------------------------------------------------------------------------------------------
// PDF

/// The text of a PDF through `pdftotext` (Debian: poppler-utils), whitespace collapsed; `None`
/// when the tool is not installed.
fn pdf_text(pdf: &[u8], name: &str) -> Option<String> {
    let path =
        std::env::temp_dir().join(format!("leadbook-export-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, pdf).expect("write temp pdf");
    let output = Command::new("pdftotext").arg(&path).arg("-").output();
    let _ = std::fs::remove_file(&path);
    match output {
        Ok(out) => {
            assert!(out.status.success(), "pdftotext failed: {out:?}");
            let text = String::from_utf8_lossy(&out.stdout);
            Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("pdftotext not on PATH (apt-get install poppler-utils): text checks skipped");
            None
        }
        Err(e) => panic!("pdftotext: {e}"),
    }
}

fn assert_contains(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "PDF text lacks {needle:?}:\n{text}");
    }
}

#[test]
fn pdf_of_a_small_blueprint() {
    let pdf = to_pdf(&small_doc()).expect("renders");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    if let Some(text) = pdf_text(&pdf, "small") {
        assert_contains(
            &text,
            &[
                "Role “Blueprint” – Zoë", // title, non-ASCII
                "ROLE DESCRIPTION",
                "Role Summary",
                "The manager leads infra.", // Markdown styling, not asterisks
                "Roadmap: Define a 12–24 month plan.",
                "Importance",
                "Critical", // a field value
                "Planning | reviews",
                "Zoë’s item",
                "nested two",
                "Ends with: x",
                "SLO attainment", // a table cell
                "≥ 99.9%",
                "Pipe | cell",
                "Page 1 of 1",
            ],
        );
        assert!(!text.contains("**"), "Markdown markers leaked: {text}");
    }
}

#[test]
fn typst_syntax_in_user_text_is_printed_literally() {
    let evil = "#panic(\"x\") $x$ *bold* @ref <label> #set page(width: 1cm) ] [ \\ // c";
    let doc = BlueprintDocument {
        title: format!("T {evil}"),
        sections: vec![section(
            1,
            &format!("S {evil}"),
            vec![
                heading(evil, vec![para("Body #panic(\"x\") $x$ @ref <label> ]")]),
                list(
                    true,
                    vec![with_fields(
                        item(Some(evil), Some("#panic(\"x\")")),
                        &[(evil, evil)],
                    )],
                ),
                table(&[evil, "b"], &[&[evil, "#panic(\"x\")"]]),
            ],
        )],
    };
    let pdf = to_pdf(&doc).expect("user text never breaks the template");
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&pdf, "inject") {
        assert_contains(
            &text,
            &[
                "T #panic(\"x\") $x$ *bold* @ref <label> #set page(width: 1cm) ] [ \\ // c",
                "Body #panic(\"x\") $x$ @ref <label> ]",
            ],
        );
        // Title, section, heading, item title, field label, field value, table header and cell.
        let count = text
            .matches("#panic(\"x\") $x$ *bold* @ref <label>")
            .count();
        assert!(
            count >= 7,
            "expected every copy of the text, found {count}: {text}"
        );
    }
}

#[test]
fn stray_items_and_rows_and_empty_nodes_render() {
    let doc = BlueprintDocument {
        title: "Stray".into(),
        sections: vec![section(
            1,
            "S",
            vec![
                item(Some("Loose item"), None),
                BlueprintNode {
                    cells: vec!["loose cell".into(), "second".into()],
                    ..node(NodeKind::Row)
                },
                para(""),
                list(false, vec![para("paragraph in a list")]),
                table(&[], &[]),
                table(&["a", "b", "c"], &[&["short row"]]),
                heading("", vec![]),
                item(None, None),
            ],
        )],
    };
    let pdf = to_pdf(&doc).expect("renders");
    if let Some(text) = pdf_text(&pdf, "stray") {
        assert_contains(
            &text,
            &[
                "Loose item",
                "loose cell",
                "paragraph in a list",
                "short row",
            ],
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A realistic blueprint: the sample PDF and the timing of a ~20-page render.

fn skill(title: &str, description: &str, use_: &str, importance: &str) -> BlueprintNode {
    with_fields(
        item(Some(title), None),
        &[
            ("Description", description),
            ("Use", use_),
            ("Importance", importance),
        ],
    )
}

const KPI_COLUMNS: [&str; 5] = [
    "Metric name",
    "What it measures",
    "Why it matters",
    "Example target/benchmark",
    "Frequency",
];

const KPI_ROWS: [[&str; 5]; 6] = [
    [
        "SLO attainment (per tier-1 service)",
        "% of time services meet latency/availability objectives",
        "Direct proxy for customer experience and reliability",
        "≥ 99.9% availability for tier-1 (context-specific)",
        "Weekly/monthly",
    ],
    [
        "Error budget burn rate",
        "Rate of consuming allowed unreliability",
        "Forces trade-offs between feature velocity and stability",
        "Burn rate < 1.0 over the window",
        "Weekly",
    ],
    [
        "MTTR (mean time to restore)",
        "Time from incident start to mitigation",
        "Reflects incident response effectiveness",
        "Improve by 20–40% YoY (or target e.g., < 45 min for P0)",
        "Monthly",
    ],
    [
        "Change failure rate (infra)",
        "% of infra changes causing incidents/rollback",
        "Core DevOps health metric",
        "< 10–15% (mature orgs often < 5–10%)",
        "Monthly",
    ],
    [
        "Alert quality ratio",
        "% of alerts that are actionable",
        "Reduces fatigue and speeds response",
        "> 70–80% actionable alerts",
        "Monthly",
    ],
    [
        "Stakeholder satisfaction",
        "Feedback from engineering/product/security",
        "Measures enablement and partnership",
        "≥ 4.2/5 (or NPS-like score)",
        "Quarterly",
    ],
];

/// A blueprint shaped like the seed, `kpi_rows` rows in its KPI table.
fn sample_doc(kpi_rows: usize) -> BlueprintDocument {
    let responsibilities = |items: &[(&str, &str)]| {
        list(
            true,
            items.iter().map(|(t, b)| item(Some(t), Some(b))).collect(),
        )
    };
    let rows: Vec<&[&str]> = (0..kpi_rows)
        .map(|i| &KPI_ROWS[i % KPI_ROWS.len()][..])
        .collect();
    BlueprintDocument {
        title: "Infrastructure Engineering Manager: Role Blueprint, Responsibilities, Skills, KPIs, and Career Path".into(),
        sections: vec![
            section(1, "Role Summary", vec![
                para("The Infrastructure Engineering Manager leads the team responsible for designing, building, and operating the compute, network, storage, and platform foundations that enable software engineers to ship reliable products quickly and safely. This role balances people leadership, operational excellence, and technical direction."),
                para("This role exists because infrastructure is both a critical dependency and a major cost/risk surface area: availability incidents, security failures, and inefficient platforms directly affect revenue, customer trust, and engineering throughput."),
                list(false, vec![
                    item(Some("Role horizon"), Some("Current (enterprise-standard responsibilities and expectations)")),
                    item(Some("Common interaction surfaces"), Some("Product engineering, SRE/operations, security, compliance, IT, architecture, finance (FinOps), customer support, and vendor partners")),
                ]),
            ]),
            section(2, "Role Mission", vec![
                heading("Core mission", vec![para("Enable the company to deliver and operate software reliably by providing a secure, scalable, automated infrastructure platform and by running **high-quality operational practices** (incident management, change management, capacity planning, and continuous improvement).")]),
                heading("Primary business outcomes expected", vec![list(false, vec![
                    item(None, Some("High availability and performance of production systems aligned to SLAs/SLOs")),
                    item(None, Some("Reduced time-to-deliver through self-service platforms, automation, and standardization")),
                    item(None, Some("Optimized infrastructure spend through capacity efficiency, governance, and FinOps practices")),
                ])]),
            ]),
            section(3, "Core Responsibilities", vec![
                heading("Strategic responsibilities", vec![responsibilities(&[
                    ("Infrastructure strategy and roadmap", "Define a 12–24 month infrastructure/platform roadmap aligned to product growth, availability targets, and security requirements."),
                    ("Platform capability planning", "Identify and prioritize platform features (e.g., Kubernetes maturity, CI/CD reliability, network segmentation, secrets management) that increase developer productivity and safety."),
                    ("FinOps strategy partnership", "Partner with finance and engineering leadership to set cost governance policies and measurable cost efficiency goals."),
                ])]),
                heading("Operational responsibilities", vec![responsibilities(&[
                    ("Incident management leadership", "Lead/oversee critical incidents, ensure blameless postmortems, and drive systemic fixes."),
                    ("Change and release governance", "Implement pragmatic change management for infrastructure changes, including risk reviews and safe rollout patterns."),
                    ("Service catalog and ownership", "Maintain clarity on service ownership, runbooks, and support expectations; improve mean time to detect (MTTD) and mean time to restore (MTTR)."),
                ])]),
            ]),
            section(7, "KPIs and Productivity Metrics", vec![
                para("A practical measurement framework should balance outputs (what the team ships), outcomes (customer/business results), and operational health (sustainability and risk)."),
                heading("KPI framework (recommended metrics)", vec![table(&KPI_COLUMNS, &rows)]),
                para("*Notes on targets:* benchmarks vary by scale, regulatory needs, and platform maturity."),
            ]),
            section(8, "Technical Skills Required", vec![
                heading("Must-have technical skills", vec![list(true, vec![
                    skill("Cloud infrastructure fundamentals (AWS/Azure/GCP)", "Core services (compute, networking, storage, IAM), multi-environment patterns, shared responsibility model", "Architecture decisions, security posture, cost trade-offs, incident mitigation", "Critical"),
                    skill("Infrastructure as Code (IaC) (e.g., Terraform, CloudFormation, Pulumi)", "Versioned, reviewable, testable infrastructure definitions and module design", "Standardization, repeatability, compliance evidence, safer change management", "Critical"),
                    skill("Containers and orchestration basics (Docker, Kubernetes concepts)", "Containers, scheduling, service discovery, ingress, resource management", "Supporting modern runtime platforms and migrations", "Important (Critical if Kubernetes-heavy org)"),
                ])]),
            ]),
            section(12, "Career Path", vec![
                list(false, vec![with_children(
                    item(Some("Typical next roles"), None),
                    vec![
                        item(None, Some("Senior Infrastructure Engineering Manager")),
                        item(None, Some("Director of Infrastructure / Platform Engineering")),
                    ],
                )]),
            ]),
        ],
    }
}

/// Writes the sample PDF where `LEADBOOK_SAMPLE_PDF` says (a manual check of the layout):
/// `LEADBOOK_SAMPLE_PDF=/tmp/blueprint-sample.pdf cargo test -p leadbook-export sample_pdf`.
#[test]
fn sample_pdf() {
    let pdf = to_pdf(&sample_doc(KPI_ROWS.len() * 2)).expect("renders");
    assert!(pdf.starts_with(b"%PDF"));
    if let Ok(path) = std::env::var("LEADBOOK_SAMPLE_PDF") {
        std::fs::write(&path, &pdf).expect("write the sample");
        eprintln!("sample written to {path}");
    }
    if let Some(text) = pdf_text(&pdf, "sample") {
        assert_contains(
            &text,
            &[
                "Infrastructure Engineering Manager: Role Blueprint",
                "CONTENTS",
                "Description",
                "Versioned, reviewable, testable infrastructure definitions and module design",
                "≥ 4.2/5",
                "Director of Infrastructure / Platform Engineering",
            ],
        );
    }
}

/// A ~20-page blueprint (200 KPI rows, the other sections five times). Not a timed test: it
/// prints how long the render took.
#[test]
fn long_blueprint_renders() {
    let mut doc = sample_doc(200);
    let others: Vec<Section> = sample_doc(0)
        .sections
        .into_iter()
        .filter(|s| s.number != 7)
        .collect();
    for copy in 1..=4 {
        doc.sections.extend(others.iter().cloned().map(|mut s| {
            s.number += 20 * copy;
            s
        }));
    }
    let start = std::time::Instant::now();
    let pdf = to_pdf(&doc).expect("renders");
    let elapsed = start.elapsed();
    eprintln!("long blueprint: {} bytes in {elapsed:.2?}", pdf.len());
    if let Some(text) = pdf_text(&pdf, "long") {
        let last_page = text
            .rsplit("Page ")
            .next()
            .and_then(|t| t.split(" of ").nth(1))
            .and_then(|n| n.split(' ').next())
            .and_then(|n| n.parse::<u32>().ok())
            .expect("a page footer");
        eprintln!("long blueprint: {last_page} pages");
        assert!(last_page >= 10, "{last_page} pages");
        assert_eq!(text.matches("≥ 4.2/5").count(), 33);
    }
}

#[test]
fn column_widths_follow_the_text() {
    let rows = vec![vec![
        "Weekly",
        "A long explanation of what the metric measures and why",
    ]];
    let (widths, hyphenate) = column_widths(&["Frequency", "What it measures"], &rows);
    assert!(!hyphenate);
    assert!(widths[1] > widths[0], "{widths:?}");
    // Narrow enough everything fits on one line: the widths are the texts' lengths.
    assert!(widths[0] >= "Frequency".len() as f64);

    let long = "state-of-the-art-and-then-some-more-words-joined-by-hyphens";
    let rows = vec![vec![long, "b"]];
    let (_, hyphenate) = column_widths(&["a", "b"], &rows);
    assert!(!hyphenate, "breaks at the hyphens");
    let rows = vec![vec!["Pneumonoultramicroscopicsilicovolcanoconiosis", "b"]];
    let (_, hyphenate) = column_widths(&["a", "b"], &rows);
    assert!(hyphenate);
}

/// Each run of typeset text in a laid-out PDF with its face: (text, oblique, bold).
fn typeset_runs(doc: &BlueprintDocument) -> Vec<(String, bool, bool)> {
    use typst::layout::{Frame, FrameItem};
    use typst::text::{FontStyle, FontWeight};
    fn walk(frame: &Frame, out: &mut Vec<(String, bool, bool)>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => {
                    let variant = text.font.font().info().variant;
                    out.push((
                        text.text.to_string(),
                        variant.style != FontStyle::Normal,
                        variant.weight >= FontWeight::BOLD,
                    ));
                }
                _ => {}
            }
        }
    }
    let data = serde_json::to_vec(&PdfDoc::from(doc)).expect("data");
    let pages = typst_pdf::layout("blueprint.typ", TEMPLATE, data).expect("lays out");
    let mut out = Vec::new();
    for page in pages.pages() {
        walk(&page.frame, &mut out);
    }
    out
}

#[test]
fn emphasis_prints_oblique_and_strong_prints_bold() {
    let doc = BlueprintDocument {
        title: "Role".into(),
        sections: vec![section(
            1,
            "Summary",
            vec![
                para(
                    "Plain words, *starred emphasis*, _underscored emphasis_ and **strong words**.",
                ),
                list(
                    false,
                    vec![item(
                        Some("Incidents"),
                        Some("Lead *calmly*, then ***bold and slanted***."),
                    )],
                ),
            ],
        )],
    };
    let runs = typeset_runs(&doc);
    let face = |needle: &str| {
        runs.iter()
            .find(|(text, ..)| text.contains(needle))
            .map(|(_, oblique, bold)| (*oblique, *bold))
            .unwrap_or_else(|| panic!("no run with {needle:?} in {runs:?}"))
    };
    // (oblique, bold)
    assert_eq!(face("Plain words"), (false, false));
    assert_eq!(face("starred emphasis"), (true, false));
    assert_eq!(face("underscored emphasis"), (true, false));
    assert_eq!(face("strong words"), (false, true));
    assert_eq!(face("calmly"), (true, false));
    assert_eq!(face("bold and slanted"), (true, true));
    assert_eq!(face("Incidents"), (false, true));

    // The PDF embeds the oblique faces it uses (where poppler-utils is installed to look).
    let pdf = to_pdf(&doc).expect("renders");
    let path = std::env::temp_dir().join(format!("leadbook-export-{}-em.pdf", std::process::id()));
    std::fs::write(&path, &pdf).expect("write temp pdf");
    let fonts = Command::new("pdffonts").arg(&path).output();
    let _ = std::fs::remove_file(&path);
    match fonts {
        Ok(out) => {
            let list = String::from_utf8_lossy(&out.stdout);
            for face in [
                "DejaVuSans-Oblique",
                "DejaVuSans-BoldOblique",
                "DejaVuSans-Bold",
            ] {
                assert!(
                    list.contains(&format!("+{face} ")),
                    "{face} not embedded:\n{list}"
                );
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("pdffonts not on PATH (apt-get install poppler-utils): font check skipped");
        }
        Err(e) => panic!("pdffonts: {e}"),
    }
}
