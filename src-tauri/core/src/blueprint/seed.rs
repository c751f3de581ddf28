//! The blueprint as shipped: the seed file, embedded, and seeding it once.

use std::sync::OnceLock;

use rusqlite::{params, Connection};

use super::model::{NodeContent, SeedDocument, SeedNode, Snapshot};
use super::tree::insert_snapshot;
use crate::error::Result;
use crate::{json, seed};

const SEEDED_FLAG: &str = "blueprint_seeded";

/// The seed data file, embedded in the binary.
pub const SEED_JSON: &str = include_str!("../../data/role-blueprint.json");

/// The blueprint as shipped, parsed once per process (a test checks the embedded file parses).
pub fn seed_document() -> Result<&'static SeedDocument> {
    static SEED: OnceLock<Result<SeedDocument>> = OnceLock::new();
    SEED.get_or_init(|| json::from_text(SEED_JSON, "blueprint seed"))
        .as_ref()
        .map_err(Clone::clone)
}

/// Stable ids for seeded nodes (`bp-07-1.0.3`: section 7, path 1 → 0 → 3), so links from other
/// areas survive a "reset to original" and match between laptops.
pub(super) fn seed_id(section: u32, path: &[usize]) -> String {
    let path: Vec<String> = path.iter().map(|i| i.to_string()).collect();
    format!("bp-{section:02}-{}", path.join("."))
}

pub(super) fn section_id(number: u32) -> String {
    format!("bp-{number:02}")
}

fn seed_content(n: &SeedNode) -> NodeContent {
    NodeContent {
        title: n.title.clone(),
        body: n.body.clone(),
        fields: n.fields.clone(),
        columns: n.columns.clone(),
        cells: n.cells.clone(),
    }
}

pub(super) fn seed_snapshots(
    section: u32,
    nodes: &[SeedNode],
    parent: Option<&str>,
    path: &[usize],
) -> Vec<Snapshot> {
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut p = path.to_vec();
            p.push(i);
            let id = seed_id(section, &p);
            let children = seed_snapshots(section, &n.children, Some(&id), &p);
            Snapshot {
                id,
                parent_id: parent.map(str::to_owned),
                position: i as i64,
                kind: n.kind,
                key: n.key.clone(),
                ordered: n.ordered,
                content: seed_content(n),
                original: Some(seed_content(n)),
                children,
            }
        })
        .collect()
}

/// Seeds the blueprint on first run. Never runs again, so the user's edits are never overwritten.
pub fn ensure_seeded(conn: &Connection) -> Result<()> {
    let doc = seed_document()?;
    seed::once(conn, SEEDED_FLAG, |tx| {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('blueprint_title', ?1)",
            [&doc.title],
        )?;
        for section in &doc.sections {
            let sid = section_id(section.number);
            tx.execute(
                "INSERT INTO blueprint_sections (id, number, title) VALUES (?1, ?2, ?3)",
                params![sid, section.number, section.title],
            )?;
            for s in seed_snapshots(section.number, &section.nodes, None, &[]) {
                insert_snapshot(tx, &sid, &s)?;
            }
        }
        Ok(())
    })
}
