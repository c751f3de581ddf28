//! The stored tree: reading sections and nodes, and the row-level writes edits are made of.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension};

use super::model::{
    BlueprintDocument, BlueprintNode, EditState, NodeContent, NodeKind, Section, SeedNode, Snapshot,
};
use super::seed::seed_document;
use crate::error::{Error, Result};
use crate::json;

pub(super) fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    json::to_text(v)
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    json::from_text(s, "blueprint content")
}

pub(super) fn insert_snapshot(tx: &Connection, section_id: &str, s: &Snapshot) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO blueprint_nodes (id, section_id, parent_id, position, kind, key, title, body,
                                      ordered, fields, columns, cells, original)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        s.id,
        section_id,
        s.parent_id,
        s.position,
        s.kind,
        s.key,
        s.content.title,
        s.content.body,
        s.ordered,
        to_json(&s.content.fields)?,
        to_json(&s.content.columns)?,
        to_json(&s.content.cells)?,
        s.original.as_ref().map(to_json).transpose()?,
    ])?;
    for child in &s.children {
        insert_snapshot(tx, section_id, child)?;
    }
    Ok(())
}

/// One row of `blueprint_nodes`, before it is assembled into a tree.
pub(super) struct Row {
    pub id: String,
    pub section_id: String,
    pub parent_id: Option<String>,
    pub position: i64,
    pub kind: NodeKind,
    pub key: Option<String>,
    pub ordered: bool,
    pub content: NodeContent,
    pub original: Option<NodeContent>,
}

/// A row as read, its JSON columns (fields, columns, cells, original) still text.
type RawRow = (Row, [String; 3], Option<String>);

const NODE_COLUMNS: &str =
    "id, section_id, parent_id, position, kind, key, title, body, ordered, fields, columns, cells, original";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<RawRow> {
    Ok((
        Row {
            id: r.get(0)?,
            section_id: r.get(1)?,
            parent_id: r.get(2)?,
            position: r.get(3)?,
            kind: r.get(4)?,
            key: r.get(5)?,
            ordered: r.get(8)?,
            content: NodeContent {
                title: r.get(6)?,
                body: r.get(7)?,
                ..Default::default()
            },
            original: None,
        },
        [r.get(9)?, r.get(10)?, r.get(11)?],
        r.get(12)?,
    ))
}

fn finish_row((mut row, [fields, columns, cells], original): RawRow) -> Result<Row> {
    row.content.fields = from_json(&fields)?;
    row.content.columns = from_json(&columns)?;
    row.content.cells = from_json(&cells)?;
    row.original = original.as_deref().map(from_json).transpose()?;
    Ok(row)
}

pub(super) fn load_rows(conn: &Connection, section_id: Option<&str>) -> Result<Vec<Row>> {
    let sql =
        format!(
        "SELECT {NODE_COLUMNS} FROM blueprint_nodes {} ORDER BY section_id, parent_id, position",
        if section_id.is_some() { "WHERE section_id = ?1" } else { "" }
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let raw = match section_id {
        Some(id) => stmt
            .query_map([id], read_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        None => stmt
            .query_map([], read_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    raw.into_iter().map(finish_row).collect()
}

fn state_of(row: &Row) -> EditState {
    match &row.original {
        None => EditState::Added,
        Some(o) if *o == row.content => EditState::Original,
        Some(_) => EditState::Edited,
    }
}

/// Assembles rows (already ordered by position) into trees, keyed by section.
fn build_trees(rows: Vec<Row>) -> HashMap<String, Vec<BlueprintNode>> {
    let mut by_parent: HashMap<(String, Option<String>), Vec<Row>> = HashMap::new();
    for row in rows {
        by_parent
            .entry((row.section_id.clone(), row.parent_id.clone()))
            .or_default()
            .push(row);
    }
    fn build(
        section: &str,
        parent: Option<String>,
        by_parent: &mut HashMap<(String, Option<String>), Vec<Row>>,
    ) -> Vec<BlueprintNode> {
        let rows = by_parent
            .remove(&(section.to_string(), parent))
            .unwrap_or_default();
        rows.into_iter()
            .map(|row| {
                let state = state_of(&row);
                let children = build(section, Some(row.id.clone()), by_parent);
                BlueprintNode {
                    id: row.id,
                    kind: row.kind,
                    key: row.key,
                    title: row.content.title,
                    body: row.content.body,
                    ordered: row.ordered,
                    fields: row.content.fields,
                    columns: row.content.columns,
                    cells: row.content.cells,
                    state,
                    children,
                }
            })
            .collect()
    }
    let sections: Vec<String> = by_parent
        .keys()
        .map(|(s, _)| s.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    sections
        .into_iter()
        .map(|s| (s.clone(), build(&s, None, &mut by_parent)))
        .collect()
}

/// A section as the seed file would write it, for "is this section edited?".
pub(super) fn to_seed_nodes(nodes: &[BlueprintNode]) -> Vec<SeedNode> {
    nodes
        .iter()
        .map(|n| SeedNode {
            kind: n.kind,
            key: n.key.clone(),
            title: n.title.clone(),
            body: n.body.clone(),
            ordered: n.ordered,
            fields: n.fields.clone(),
            columns: n.columns.clone(),
            cells: n.cells.clone(),
            children: to_seed_nodes(&n.children),
        })
        .collect()
}

/// A section's head and nodes as stored, with whether it differs from the seed.
fn assemble(id: String, number: u32, title: String, nodes: Vec<BlueprintNode>) -> Result<Section> {
    let seed = seed_document()?;
    let original = seed.sections.iter().find(|s| s.number == number);
    let edited = original.is_none_or(|o| o.title != title || o.nodes != to_seed_nodes(&nodes));
    Ok(Section {
        id,
        number,
        title,
        edited,
        nodes,
    })
}

/// The whole blueprint as edited.
pub fn document(conn: &Connection) -> Result<BlueprintDocument> {
    let title: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'blueprint_title'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    let mut trees = build_trees(load_rows(conn, None)?);
    let mut stmt =
        conn.prepare_cached("SELECT id, number, title FROM blueprint_sections ORDER BY number")?;
    let heads: Vec<(String, u32, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let sections = heads
        .into_iter()
        .map(|(id, number, title)| {
            let nodes = trees.remove(&id).unwrap_or_default();
            assemble(id, number, title, nodes)
        })
        .collect::<Result<_>>()?;
    Ok(BlueprintDocument { title, sections })
}

/// One section as edited: reads only that section's rows (every edit returns its section).
pub fn section(conn: &Connection, id: &str) -> Result<Section> {
    let (number, title): (u32, String) = conn
        .prepare_cached("SELECT number, title FROM blueprint_sections WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("Blueprint section"))?;
    let nodes = build_trees(load_rows(conn, Some(id))?)
        .remove(id)
        .unwrap_or_default();
    assemble(id.to_string(), number, title, nodes)
}

pub(super) fn load_row(conn: &Connection, id: &str) -> Result<Row> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {NODE_COLUMNS} FROM blueprint_nodes WHERE id = ?1"
    ))?;
    let raw = stmt
        .query_row([id], read_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Blueprint item"))?;
    finish_row(raw)
}

pub(super) fn snapshot(conn: &Connection, id: &str) -> Result<Snapshot> {
    let row = load_row(conn, id)?;
    let child_ids: Vec<String> = conn
        .prepare_cached("SELECT id FROM blueprint_nodes WHERE parent_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let children = child_ids
        .iter()
        .map(|c| snapshot(conn, c))
        .collect::<Result<_>>()?;
    Ok(Snapshot {
        id: row.id,
        parent_id: row.parent_id,
        position: row.position,
        kind: row.kind,
        key: row.key,
        ordered: row.ordered,
        content: row.content,
        original: row.original,
        children,
    })
}

/// A short human label for a node in history lists and search results.
pub(super) fn label(kind: NodeKind, c: &NodeContent) -> String {
    let text = c
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| c.body.clone())
        .or_else(|| c.cells.first().cloned())
        .or_else(|| c.columns.first().cloned())
        .unwrap_or_else(|| kind.as_str().to_string());
    let text = text.trim().replace('\n', " ");
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(79).collect::<String>())
    } else {
        text
    }
}

pub(super) fn write_content(tx: &Connection, id: &str, c: &NodeContent) -> Result<()> {
    tx.prepare_cached(
        "UPDATE blueprint_nodes SET title = ?2, body = ?3, fields = ?4, columns = ?5, cells = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id,
        c.title,
        c.body,
        to_json(&c.fields)?,
        to_json(&c.columns)?,
        to_json(&c.cells)?
    ])?;
    Ok(())
}

pub(super) fn sibling_ids(
    conn: &Connection,
    section_id: &str,
    parent_id: Option<&str>,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM blueprint_nodes WHERE section_id = ?1 AND parent_id IS ?2 ORDER BY position",
    )?;
    let ids = stmt
        .query_map(params![section_id, parent_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

pub(super) fn renumber(tx: &Connection, ids: &[String]) -> Result<()> {
    let mut stmt = tx.prepare_cached("UPDATE blueprint_nodes SET position = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![id, i as i64])?;
    }
    Ok(())
}

pub(super) fn delete_subtree(tx: &Connection, s: &Snapshot) -> Result<()> {
    for child in &s.children {
        delete_subtree(tx, child)?;
    }
    tx.prepare_cached("DELETE FROM blueprint_nodes WHERE id = ?1")?
        .execute([&s.id])?;
    Ok(())
}

pub(super) fn section_snapshots(conn: &Connection, section_id: &str) -> Result<Vec<Snapshot>> {
    sibling_ids(conn, section_id, None)?
        .iter()
        .map(|id| snapshot(conn, id))
        .collect()
}

pub(super) fn replace_section(
    tx: &Connection,
    section_id: &str,
    old: &[Snapshot],
    new: &[Snapshot],
) -> Result<()> {
    for s in old {
        delete_subtree(tx, s)?;
    }
    for s in new {
        insert_snapshot(tx, section_id, s)?;
    }
    Ok(())
}
