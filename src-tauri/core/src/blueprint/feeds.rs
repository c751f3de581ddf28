//! Feeds: starting content other areas copy from the blueprint as edited (with a link back
//! through `source_id`): the skills catalog, scorecard dimensions, case studies, candidate
//! signals and KPIs.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::model::{BlueprintDocument, BlueprintNode, NodeKind};
use super::tree::document;
use crate::error::Result;

pub(super) fn node_by_key(doc: &BlueprintDocument, key: &str) -> Option<BlueprintNode> {
    fn find(nodes: &[BlueprintNode], key: &str) -> Option<BlueprintNode> {
        nodes.iter().find_map(|n| {
            if n.key.as_deref() == Some(key) {
                Some(n.clone())
            } else {
                find(&n.children, key)
            }
        })
    }
    doc.sections.iter().find_map(|s| find(&s.nodes, key))
}

/// The items of the list found at `key` (or of the first list under the heading at `key`).
pub(super) fn items_at(doc: &BlueprintDocument, key: &str) -> Vec<BlueprintNode> {
    let Some(node) = node_by_key(doc, key) else {
        return vec![];
    };
    match node.kind {
        NodeKind::List => node.children,
        NodeKind::Heading => node
            .children
            .into_iter()
            .filter(|c| c.kind == NodeKind::List)
            .flat_map(|c| c.children)
            .collect(),
        _ => vec![],
    }
}

pub(super) fn rows_at(doc: &BlueprintDocument, key: &str) -> Vec<BlueprintNode> {
    node_by_key(doc, key)
        .filter(|n| n.kind == NodeKind::Table)
        .map(|n| n.children)
        .unwrap_or_default()
}

fn field(node: &BlueprintNode, label: &str) -> Option<String> {
    node.fields
        .iter()
        .find(|f| f.label.eq_ignore_ascii_case(label))
        .map(|f| f.value.clone())
}

fn cell(row: &BlueprintNode, i: usize) -> String {
    row.cells.get(i).cloned().unwrap_or_default()
}

/// The tiers of technical skills, in the blueprint's order: (key, tier name as the seed calls it).
pub const SKILL_TIERS: [&str; 4] = [
    "skills-must-have",
    "skills-good-to-have",
    "skills-advanced",
    "skills-emerging",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SkillSeed {
    pub source_id: String,
    /// `technical` or `soft`.
    pub category: String,
    /// The tier heading for technical skills ("Must-have technical skills"); empty for soft skills.
    pub tier: String,
    pub name: String,
    pub description: Option<String>,
    /// Technical skills: where it is used. Soft skills: how it shows up.
    pub usage: Option<String>,
    /// Technical skills: Critical / Important / Optional... Soft skills: why it matters.
    pub importance: Option<String>,
    /// Soft skills: what strong performance looks like.
    pub strong_performance: Option<String>,
}

/// The skills catalog: technical skills in their four tiers, then the soft skills.
pub fn skills_catalog(conn: &Connection) -> Result<Vec<SkillSeed>> {
    let doc = document(conn)?;
    let mut out = Vec::new();
    for key in SKILL_TIERS {
        let tier = node_by_key(&doc, key)
            .and_then(|h| h.title)
            .unwrap_or_default();
        for item in items_at(&doc, key) {
            out.push(SkillSeed {
                source_id: item.id.clone(),
                category: "technical".into(),
                tier: tier.clone(),
                name: item.title.clone().or(item.body.clone()).unwrap_or_default(),
                description: field(&item, "Description"),
                usage: field(&item, "Use"),
                importance: field(&item, "Importance"),
                strong_performance: None,
            });
        }
    }
    for item in items_at(&doc, "soft-skills") {
        out.push(SkillSeed {
            source_id: item.id.clone(),
            category: "soft".into(),
            tier: String::new(),
            name: item.title.clone().or(item.body.clone()).unwrap_or_default(),
            description: None,
            usage: field(&item, "How it shows up"),
            importance: field(&item, "Why it matters"),
            strong_performance: field(&item, "Strong performance"),
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScorecardDimensionSeed {
    pub source_id: String,
    pub name: String,
    pub meets_bar: String,
    pub exceeds: String,
}

/// The hiring scorecard dimensions with their "meets bar" and "exceeds" anchors.
pub fn scorecard_dimensions(conn: &Connection) -> Result<Vec<ScorecardDimensionSeed>> {
    let doc = document(conn)?;
    Ok(rows_at(&doc, "scorecard-dimensions")
        .into_iter()
        .map(|r| ScorecardDimensionSeed {
            source_id: r.id.clone(),
            name: cell(&r, 0),
            meets_bar: cell(&r, 1),
            exceeds: cell(&r, 2),
        })
        .collect())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseStudySeed {
    pub source_id: String,
    pub title: String,
    pub prompt: String,
    /// What the candidate is asked to produce.
    pub asks: Vec<String>,
}

/// The practical interview exercises.
pub fn case_studies(conn: &Connection) -> Result<Vec<CaseStudySeed>> {
    let doc = document(conn)?;
    Ok(items_at(&doc, "case-studies")
        .into_iter()
        .map(|i| CaseStudySeed {
            source_id: i.id.clone(),
            title: i.title.clone().unwrap_or_default(),
            prompt: i.body.clone().unwrap_or_default(),
            asks: i
                .children
                .iter()
                .filter_map(|c| c.body.clone().or(c.title.clone()))
                .collect(),
        })
        .collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    Strong,
    Weak,
    RedFlag,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CandidateSignalSeed {
    pub source_id: String,
    pub kind: SignalKind,
    pub text: String,
}

/// Strong, weak and red-flag candidate signals.
pub fn candidate_signals(conn: &Connection) -> Result<Vec<CandidateSignalSeed>> {
    let doc = document(conn)?;
    let mut out = Vec::new();
    for (key, kind) in [
        ("signals-strong", SignalKind::Strong),
        ("signals-weak", SignalKind::Weak),
        ("signals-red-flags", SignalKind::RedFlag),
    ] {
        for i in items_at(&doc, key) {
            let text = match (&i.title, &i.body) {
                (Some(t), Some(b)) => format!("{t}: {b}"),
                (t, b) => t.clone().or(b.clone()).unwrap_or_default(),
            };
            out.push(CandidateSignalSeed {
                source_id: i.id.clone(),
                kind,
                text,
            });
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KpiSeed {
    pub source_id: String,
    pub name: String,
    pub measures: String,
    pub why_it_matters: String,
    pub example_target: String,
    pub frequency: String,
}

/// The KPI definitions from the KPI framework table.
pub fn kpi_definitions(conn: &Connection) -> Result<Vec<KpiSeed>> {
    let doc = document(conn)?;
    Ok(rows_at(&doc, "kpi-table")
        .into_iter()
        .map(|r| KpiSeed {
            source_id: r.id.clone(),
            name: cell(&r, 0),
            measures: cell(&r, 1),
            why_it_matters: cell(&r, 2),
            example_target: cell(&r, 3),
            frequency: cell(&r, 4),
        })
        .collect())
}
