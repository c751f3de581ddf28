//! The role blueprint: the Infrastructure Engineering Manager blueprint as structured, editable,
//! searchable reference content. Seeded once from `data/role-blueprint.json` (derived from the
//! seed text by `scripts/blueprint_from_seed.py`), never re-seeded over the user's edits.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of block a node is. A section is a tree of nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A sub-heading inside a section (`title`), grouping the nodes in `children`.
    Heading,
    /// Prose (`body`, Markdown).
    Paragraph,
    /// A list of `item` children; `ordered` says whether it is numbered.
    List,
    /// A list entry: optional `title` ("Incident management leadership"), `body` text, optional
    /// labelled `fields` (a skill's Description / Use / Importance), optional nested `children`.
    Item,
    /// A table: `columns` headers and `row` children.
    Table,
    /// A table row: `cells`, one per column of its table.
    Row,
}

/// A labelled value inside an item, e.g. `{label: "Importance", value: "Critical"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// One node as it is in the seed data file (no ids; `key` marks nodes other areas look up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedNode {
    pub kind: NodeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<SeedNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedSection {
    pub number: u32,
    pub title: String,
    pub nodes: Vec<SeedNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedDocument {
    pub title: String,
    pub sections: Vec<SeedSection>,
}

/// The seed data file, embedded in the binary.
pub const SEED_JSON: &str = include_str!("../data/role-blueprint.json");

pub fn seed_document() -> SeedDocument {
    serde_json::from_str(SEED_JSON).expect("data/role-blueprint.json is valid (tested)")
}

/// Whether a stored node still matches the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditState {
    Original,
    Edited,
    Added,
}

/// A node as stored and shown: the seed shape plus its id and edit state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub key: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub ordered: bool,
    pub fields: Vec<Field>,
    pub columns: Vec<String>,
    pub cells: Vec<String>,
    pub state: EditState,
    pub children: Vec<Node>,
}

/// A section as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Section {
    pub id: String,
    pub number: u32,
    pub title: String,
    /// True when any node in the section differs from the seed.
    pub edited: bool,
    pub nodes: Vec<Node>,
}

/// The whole blueprint as edited: what the Blueprint area shows and every export renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Document {
    pub title: String,
    pub sections: Vec<Section>,
}

// ---------------------------------------------------------------------------------------------
// Storage

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::{Error, Result};
use crate::people::{new_id, now_utc};

const SEEDED_FLAG: &str = "blueprint_seeded";
pub const MAX_TITLE_CHARS: usize = 500;
pub const MAX_BODY_CHARS: usize = 20_000;

impl NodeKind {
    fn as_str(self) -> &'static str {
        match self {
            NodeKind::Heading => "heading",
            NodeKind::Paragraph => "paragraph",
            NodeKind::List => "list",
            NodeKind::Item => "item",
            NodeKind::Table => "table",
            NodeKind::Row => "row",
        }
    }

    fn parse(s: &str) -> Result<NodeKind> {
        Ok(match s {
            "heading" => NodeKind::Heading,
            "paragraph" => NodeKind::Paragraph,
            "list" => NodeKind::List,
            "item" => NodeKind::Item,
            "table" => NodeKind::Table,
            "row" => NodeKind::Row,
            other => {
                return Err(Error::storage(format!(
                    "unknown blueprint node kind {other}"
                )))
            }
        })
    }

    /// Which kinds may sit directly under a node of this kind (`None` = top of a section).
    fn allows_child(parent: Option<NodeKind>, child: NodeKind) -> bool {
        use NodeKind::*;
        match parent {
            None | Some(Heading) => matches!(child, Heading | Paragraph | List | Table),
            Some(List) | Some(Item) => child == Item,
            Some(Table) => child == Row,
            Some(Paragraph) | Some(Row) => false,
        }
    }
}

/// The editable content of a node: what edits change and revisions record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NodeContent {
    pub title: Option<String>,
    pub body: Option<String>,
    pub fields: Vec<Field>,
    pub columns: Vec<String>,
    pub cells: Vec<String>,
}

/// A stored node with its place in the tree: what revisions snapshot so they can be restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Snapshot {
    id: String,
    parent_id: Option<String>,
    position: i64,
    kind: NodeKind,
    key: Option<String>,
    ordered: bool,
    content: NodeContent,
    original: Option<NodeContent>,
    #[serde(default)]
    children: Vec<Snapshot>,
}

/// Stable ids for seeded nodes (`bp-07-1.0.3`: section 7, path 1 → 0 → 3), so links from other
/// areas survive a "reset to original" and match between laptops.
fn seed_id(section: u32, path: &[usize]) -> String {
    let path: Vec<String> = path.iter().map(|i| i.to_string()).collect();
    format!("bp-{section:02}-{}", path.join("."))
}

fn section_id(number: u32) -> String {
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

fn seed_snapshots(
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

fn insert_snapshot(tx: &Transaction, section_id: &str, s: &Snapshot) -> Result<()> {
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
        s.kind.as_str(),
        s.key,
        s.content.title,
        s.content.body,
        s.ordered,
        to_json(&s.content.fields),
        to_json(&s.content.columns),
        to_json(&s.content.cells),
        s.original.as_ref().map(to_json),
    ])?;
    for child in &s.children {
        insert_snapshot(tx, section_id, child)?;
    }
    Ok(())
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("serialisable")
}

fn from_json<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| Error::storage(format!("bad JSON in blueprint store: {e}")))
}

/// Seeds the blueprint on first run. Never runs again, so the user's edits are never overwritten.
pub fn ensure_seeded(conn: &mut Connection) -> Result<()> {
    let seeded: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [SEEDED_FLAG],
            |r| r.get(0),
        )
        .optional()?;
    if seeded.is_some() {
        return Ok(());
    }
    let doc = seed_document();
    let tx = conn.transaction()?;
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
            insert_snapshot(&tx, &sid, &s)?;
        }
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
        params![SEEDED_FLAG, now_utc()],
    )?;
    tx.commit()?;
    Ok(())
}

/// One row of `blueprint_nodes`, before it is assembled into a tree.
struct Row {
    id: String,
    section_id: String,
    parent_id: Option<String>,
    position: i64,
    kind: NodeKind,
    key: Option<String>,
    ordered: bool,
    content: NodeContent,
    original: Option<NodeContent>,
}

const NODE_COLUMNS: &str =
    "id, section_id, parent_id, position, kind, key, title, body, ordered, fields, columns, cells, original";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<(Row, [String; 3], Option<String>, String)> {
    let kind: String = r.get(4)?;
    Ok((
        Row {
            id: r.get(0)?,
            section_id: r.get(1)?,
            parent_id: r.get(2)?,
            position: r.get(3)?,
            kind: NodeKind::Heading, // replaced by the caller from `kind`
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
        kind,
    ))
}

fn load_rows(conn: &Connection, section_id: Option<&str>) -> Result<Vec<Row>> {
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
    raw.into_iter()
        .map(|(mut row, [fields, columns, cells], original, kind)| {
            row.kind = NodeKind::parse(&kind)?;
            row.content.fields = from_json(&fields)?;
            row.content.columns = from_json(&columns)?;
            row.content.cells = from_json(&cells)?;
            row.original = original.as_deref().map(from_json).transpose()?;
            Ok(row)
        })
        .collect()
}

fn state_of(row: &Row) -> EditState {
    match &row.original {
        None => EditState::Added,
        Some(o) if *o == row.content => EditState::Original,
        Some(_) => EditState::Edited,
    }
}

/// Assembles rows (already ordered by position) into trees, keyed by section.
fn build_trees(rows: Vec<Row>) -> HashMap<String, Vec<Node>> {
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
    ) -> Vec<Node> {
        let rows = by_parent
            .remove(&(section.to_string(), parent))
            .unwrap_or_default();
        rows.into_iter()
            .map(|row| {
                let state = state_of(&row);
                let children = build(section, Some(row.id.clone()), by_parent);
                Node {
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
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    sections
        .into_iter()
        .map(|s| (s.clone(), build(&s, None, &mut by_parent)))
        .collect()
}

/// A section as the seed file would write it, for "is this section edited?".
fn to_seed_nodes(nodes: &[Node]) -> Vec<SeedNode> {
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

/// The whole blueprint as edited.
pub fn document(conn: &Connection) -> Result<Document> {
    let title: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'blueprint_title'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    let mut trees = build_trees(load_rows(conn, None)?);
    let seed = seed_document();
    let mut stmt =
        conn.prepare_cached("SELECT id, number, title FROM blueprint_sections ORDER BY number")?;
    let heads: Vec<(String, u32, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let sections = heads
        .into_iter()
        .map(|(id, number, title)| {
            let nodes = trees.remove(&id).unwrap_or_default();
            let original = seed.sections.iter().find(|s| s.number == number);
            let edited =
                original.is_none_or(|o| o.nodes != to_seed_nodes(&nodes) || o.title != title);
            Section {
                id,
                number,
                title,
                edited,
                nodes,
            }
        })
        .collect();
    Ok(Document { title, sections })
}

/// One section as edited.
pub fn section(conn: &Connection, id: &str) -> Result<Section> {
    document(conn)?
        .sections
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::not_found("Blueprint section"))
}

fn load_row(conn: &Connection, id: &str) -> Result<Row> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {NODE_COLUMNS} FROM blueprint_nodes WHERE id = ?1"
    ))?;
    let raw = stmt
        .query_row([id], read_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Blueprint item"))?;
    let (mut row, [fields, columns, cells], original, kind) = raw;
    row.kind = NodeKind::parse(&kind)?;
    row.content.fields = from_json(&fields)?;
    row.content.columns = from_json(&columns)?;
    row.content.cells = from_json(&cells)?;
    row.original = original.as_deref().map(from_json).transpose()?;
    Ok(row)
}

fn snapshot(conn: &Connection, id: &str) -> Result<Snapshot> {
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
fn label(kind: NodeKind, c: &NodeContent) -> String {
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

fn record(
    tx: &Transaction,
    section_id: &str,
    node_id: Option<&str>,
    action: &str,
    summary: &str,
    before: Option<String>,
    after: Option<String>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO blueprint_revisions (at, section_id, node_id, action, summary, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        now_utc(),
        section_id,
        node_id,
        action,
        summary,
        before,
        after
    ])?;
    Ok(())
}

/// Checks an edit against the node's kind and its table's shape.
fn validate_content(
    conn: &Connection,
    kind: NodeKind,
    parent_id: Option<&str>,
    c: &NodeContent,
) -> Result<NodeContent> {
    let trim = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let mut out = NodeContent {
        title: trim(&c.title),
        body: c
            .body
            .as_deref()
            .map(str::trim_end)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned),
        fields: c
            .fields
            .iter()
            .map(|f| Field {
                label: f.label.trim().to_owned(),
                value: f.value.trim().to_owned(),
            })
            .collect(),
        columns: c.columns.iter().map(|s| s.trim().to_owned()).collect(),
        cells: c.cells.iter().map(|s| s.trim().to_owned()).collect(),
    };
    if out
        .title
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_TITLE_CHARS)
    {
        return Err(Error::invalid(
            "title",
            format!("Title is at most {MAX_TITLE_CHARS} characters"),
        ));
    }
    let too_long = |s: &String| s.chars().count() > MAX_BODY_CHARS;
    if out.body.as_ref().is_some_and(too_long)
        || out.fields.iter().any(|f| too_long(&f.value))
        || out.cells.iter().any(too_long)
    {
        return Err(Error::invalid(
            "body",
            format!("Text is at most {MAX_BODY_CHARS} characters"),
        ));
    }
    if out.fields.iter().any(|f| f.label.is_empty()) {
        return Err(Error::invalid("fields", "Every field needs a label"));
    }
    match kind {
        NodeKind::Heading if out.title.is_none() => {
            return Err(Error::invalid("title", "A heading needs a title"));
        }
        NodeKind::Paragraph if out.body.is_none() => {
            return Err(Error::invalid("body", "A paragraph needs text"));
        }
        NodeKind::Item if out.title.is_none() && out.body.is_none() => {
            return Err(Error::invalid("body", "An item needs a title or text"));
        }
        NodeKind::Table if out.columns.is_empty() || out.columns.iter().any(String::is_empty) => {
            return Err(Error::invalid(
                "columns",
                "Every table column needs a header",
            ));
        }
        NodeKind::Row => {
            let columns: String = conn
                .query_row(
                    "SELECT columns FROM blueprint_nodes WHERE id = ?1",
                    [parent_id.unwrap_or("")],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::invalid("cells", "A row must belong to a table"))?;
            let width = from_json::<Vec<String>>(&columns)?.len();
            out.cells.resize(width.max(out.cells.len()), String::new());
            if out.cells.len() != width {
                return Err(Error::invalid(
                    "cells",
                    format!("This table has {width} columns"),
                ));
            }
            if out.cells.iter().all(String::is_empty) {
                return Err(Error::invalid(
                    "cells",
                    "A row needs at least one filled cell",
                ));
            }
        }
        _ => {}
    }
    Ok(out)
}

fn write_content(tx: &Transaction, id: &str, c: &NodeContent) -> Result<()> {
    tx.prepare_cached(
        "UPDATE blueprint_nodes SET title = ?2, body = ?3, fields = ?4, columns = ?5, cells = ?6 WHERE id = ?1",
    )?
    .execute(params![id, c.title, c.body, to_json(&c.fields), to_json(&c.columns), to_json(&c.cells)])?;
    Ok(())
}

/// Edits a node's text in place. Keeps a revision. Returns the updated section.
pub fn edit_node(conn: &mut Connection, id: &str, content: &NodeContent) -> Result<Section> {
    let row = load_row(conn, id)?;
    let new = validate_content(conn, row.kind, row.parent_id.as_deref(), content)?;
    if row.kind == NodeKind::Table && new.columns.len() != row.content.columns.len() {
        return Err(Error::invalid(
            "columns",
            "Rename columns here; the number of columns stays",
        ));
    }
    if new == row.content {
        return section(conn, &row.section_id);
    }
    let tx = conn.transaction()?;
    write_content(&tx, id, &new)?;
    record(
        &tx,
        &row.section_id,
        Some(id),
        "edit",
        &format!("Edited “{}”", label(row.kind, &new)),
        Some(to_json(&row.content)),
        Some(to_json(&new)),
    )?;
    tx.commit()?;
    section(conn, &row.section_id)
}

/// Where a new node goes: under `parent_id` (or the section top) after `after_id` (or first).
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct NewNode {
    pub section_id: String,
    pub parent_id: Option<String>,
    pub after_id: Option<String>,
    pub kind: NodeKind,
    #[serde(default)]
    pub ordered: bool,
    #[serde(default)]
    pub content: NodeContent,
}

/// The section after an add, and the new node's id.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Added {
    pub section: Section,
    pub node_id: String,
}

/// Formats the blueprint exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Markdown,
    Json,
    Pdf,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Json => "json",
            ExportFormat::Pdf => "pdf",
        }
    }
}

/// Adds a node (an item to a list, a row to a table, a paragraph...). Keeps a revision.
pub fn add_node(conn: &mut Connection, new: &NewNode) -> Result<Added> {
    let section_number: Option<u32> = conn
        .query_row(
            "SELECT number FROM blueprint_sections WHERE id = ?1",
            [&new.section_id],
            |r| r.get(0),
        )
        .optional()?;
    section_number.ok_or_else(|| Error::not_found("Blueprint section"))?;
    let parent_kind = match &new.parent_id {
        Some(pid) => {
            let parent = load_row(conn, pid)?;
            if parent.section_id != new.section_id {
                return Err(Error::invalid(
                    "parent_id",
                    "The parent is in another section",
                ));
            }
            Some(parent.kind)
        }
        None => None,
    };
    if !NodeKind::allows_child(parent_kind, new.kind) {
        return Err(Error::invalid(
            "kind",
            format!(
                "A {} cannot go {}",
                new.kind.as_str(),
                parent_kind.map_or("at the top of a section".to_string(), |k| format!(
                    "inside a {}",
                    k.as_str()
                ))
            ),
        ));
    }
    let content = validate_content(conn, new.kind, new.parent_id.as_deref(), &new.content)?;
    let mut siblings = sibling_ids(conn, &new.section_id, new.parent_id.as_deref())?;
    let at = match &new.after_id {
        Some(after) => {
            siblings
                .iter()
                .position(|s| s == after)
                .ok_or_else(|| Error::invalid("after_id", "Not a sibling"))?
                + 1
        }
        None => 0,
    };
    let id = new_id();
    siblings.insert(at, id.clone());
    let snap = Snapshot {
        id: id.clone(),
        parent_id: new.parent_id.clone(),
        position: at as i64,
        kind: new.kind,
        key: None,
        ordered: new.ordered,
        content,
        original: None,
        children: vec![],
    };
    let tx = conn.transaction()?;
    insert_snapshot(&tx, &new.section_id, &snap)?;
    renumber(&tx, &siblings)?;
    record(
        &tx,
        &new.section_id,
        Some(&id),
        "add",
        &format!("Added “{}”", label(snap.kind, &snap.content)),
        None,
        Some(to_json(&snap)),
    )?;
    tx.commit()?;
    Ok(Added {
        section: section(conn, &new.section_id)?,
        node_id: id,
    })
}

fn sibling_ids(
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

fn renumber(tx: &Transaction, ids: &[String]) -> Result<()> {
    let mut stmt = tx.prepare_cached("UPDATE blueprint_nodes SET position = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![id, i as i64])?;
    }
    Ok(())
}

fn delete_subtree(tx: &Transaction, s: &Snapshot) -> Result<()> {
    for child in &s.children {
        delete_subtree(tx, child)?;
    }
    tx.prepare_cached("DELETE FROM blueprint_nodes WHERE id = ?1")?
        .execute([&s.id])?;
    Ok(())
}

/// Deletes a node and everything under it. The revision keeps it all, so it can be restored.
pub fn delete_node(conn: &mut Connection, id: &str) -> Result<Section> {
    let row = load_row(conn, id)?;
    let snap = snapshot(conn, id)?;
    let mut siblings = sibling_ids(conn, &row.section_id, row.parent_id.as_deref())?;
    siblings.retain(|s| s != id);
    let tx = conn.transaction()?;
    delete_subtree(&tx, &snap)?;
    renumber(&tx, &siblings)?;
    record(
        &tx,
        &row.section_id,
        Some(id),
        "delete",
        &format!("Deleted “{}”", label(row.kind, &row.content)),
        Some(to_json(&snap)),
        None,
    )?;
    tx.commit()?;
    section(conn, &row.section_id)
}

/// Moves a node `offset` places among its siblings (-1 = up, +1 = down). Keeps a revision.
pub fn move_node(conn: &mut Connection, id: &str, offset: i64) -> Result<Section> {
    let row = load_row(conn, id)?;
    let mut siblings = sibling_ids(conn, &row.section_id, row.parent_id.as_deref())?;
    let from = siblings
        .iter()
        .position(|s| s == id)
        .expect("a node is among its siblings");
    let to = (from as i64 + offset).clamp(0, siblings.len() as i64 - 1) as usize;
    if to == from {
        return section(conn, &row.section_id);
    }
    let moved = siblings.remove(from);
    siblings.insert(to, moved);
    let tx = conn.transaction()?;
    renumber(&tx, &siblings)?;
    record(
        &tx,
        &row.section_id,
        Some(id),
        "move",
        &format!(
            "Moved “{}” {}",
            label(row.kind, &row.content),
            if to < from { "up" } else { "down" }
        ),
        Some(from.to_string()),
        Some(to.to_string()),
    )?;
    tx.commit()?;
    section(conn, &row.section_id)
}

/// Puts a section back exactly as seeded. The revision keeps the edited version for restore.
pub fn reset_section(conn: &mut Connection, section_id: &str) -> Result<Section> {
    let number: u32 = conn
        .query_row(
            "SELECT number FROM blueprint_sections WHERE id = ?1",
            [section_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("Blueprint section"))?;
    let seed = seed_document();
    let seed_section = seed
        .sections
        .iter()
        .find(|s| s.number == number)
        .ok_or_else(|| Error::not_found("Blueprint section in the seed"))?;
    let before = section_snapshots(conn, section_id)?;
    let tx = conn.transaction()?;
    replace_section(
        &tx,
        section_id,
        &before,
        &seed_snapshots(number, &seed_section.nodes, None, &[]),
    )?;
    tx.execute(
        "UPDATE blueprint_sections SET title = ?2 WHERE id = ?1",
        params![section_id, seed_section.title],
    )?;
    record(
        &tx,
        section_id,
        None,
        "reset",
        "Reset the section to the original",
        Some(to_json(&before)),
        None,
    )?;
    tx.commit()?;
    section(conn, section_id)
}

fn section_snapshots(conn: &Connection, section_id: &str) -> Result<Vec<Snapshot>> {
    sibling_ids(conn, section_id, None)?
        .iter()
        .map(|id| snapshot(conn, id))
        .collect()
}

fn replace_section(
    tx: &Transaction,
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

/// One entry in a section's history.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Revision {
    #[ts(type = "number")]
    pub id: i64,
    /// UTC instant.
    pub at: String,
    pub section_id: String,
    pub node_id: Option<String>,
    pub action: String,
    pub summary: String,
    /// The node's text before and after, for edits (empty otherwise).
    pub before_text: String,
    pub after_text: String,
    /// Whether restoring this revision's "before" state is possible now.
    pub restorable: bool,
}

fn content_text(json: Option<&str>) -> String {
    let Some(c) = json.and_then(|j| serde_json::from_str::<NodeContent>(j).ok()) else {
        return String::new();
    };
    let mut parts: Vec<String> = Vec::new();
    parts.extend(c.title);
    parts.extend(c.body);
    parts.extend(
        c.fields
            .into_iter()
            .map(|f| format!("{}: {}", f.label, f.value)),
    );
    if !c.columns.is_empty() {
        parts.push(c.columns.join(" | "));
    }
    if !c.cells.is_empty() {
        parts.push(c.cells.join(" | "));
    }
    parts.join("\n")
}

/// A section's history, newest first.
pub fn history(conn: &Connection, section_id: &str) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.at, r.section_id, r.node_id, r.action, r.summary, r.before, r.after,
                EXISTS (SELECT 1 FROM blueprint_nodes n WHERE n.id = r.node_id)
         FROM blueprint_revisions r WHERE r.section_id = ?1 ORDER BY r.id DESC LIMIT 500",
    )?;
    let rows = stmt.query_map([section_id], |r| {
        let action: String = r.get(4)?;
        let before: Option<String> = r.get(6)?;
        let after: Option<String> = r.get(7)?;
        let node_exists: bool = r.get(8)?;
        let edit_like = action == "edit" || action == "restore";
        Ok(Revision {
            id: r.get(0)?,
            at: r.get(1)?,
            section_id: r.get(2)?,
            node_id: r.get(3)?,
            restorable: match action.as_str() {
                "edit" | "restore" | "move" | "add" => node_exists,
                "delete" => !node_exists,
                _ => true,
            },
            before_text: if edit_like {
                content_text(before.as_deref())
            } else {
                String::new()
            },
            after_text: if edit_like {
                content_text(after.as_deref())
            } else {
                String::new()
            },
            action,
            summary: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Brings back the state from before a revision: the old text of an edit, a deleted item, an
/// item's old place, the section before a reset; undoes an add. Keeps a revision of its own.
pub fn restore_revision(conn: &mut Connection, revision_id: i64) -> Result<Section> {
    let (section_id, node_id, action, before, after): (String, Option<String>, String, Option<String>, Option<String>) =
        conn.query_row(
            "SELECT section_id, node_id, action, before, after FROM blueprint_revisions WHERE id = ?1",
            [revision_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("Revision"))?;
    let gone = || {
        Error::new(
            crate::ErrorCode::Conflict,
            "That item no longer exists; restore its deletion first",
        )
    };
    match action.as_str() {
        "edit" | "restore" => {
            let id = node_id.ok_or_else(gone)?;
            let old: NodeContent = from_json(before.as_deref().unwrap_or("{}"))?;
            let current = load_row(conn, &id).map_err(|_| gone())?;
            let tx = conn.transaction()?;
            write_content(&tx, &id, &old)?;
            record(
                &tx,
                &section_id,
                Some(&id),
                "restore",
                &format!("Restored “{}”", label(current.kind, &old)),
                Some(to_json(&current.content)),
                Some(to_json(&old)),
            )?;
            tx.commit()?;
        }
        "add" => {
            let id = node_id.ok_or_else(gone)?;
            load_row(conn, &id).map_err(|_| gone())?;
            return delete_node(conn, &id);
        }
        "delete" => {
            let snap: Snapshot = from_json(before.as_deref().unwrap_or("null"))?;
            if load_row(conn, &snap.id).is_ok() {
                return Err(Error::new(
                    crate::ErrorCode::Conflict,
                    "That item is already back",
                ));
            }
            // Its parent may be gone too; then it returns at the top of the section.
            let parent = snap.parent_id.clone().filter(|p| load_row(conn, p).is_ok());
            let mut siblings = sibling_ids(conn, &section_id, parent.as_deref())?;
            let at = (snap.position.max(0) as usize).min(siblings.len());
            siblings.insert(at, snap.id.clone());
            let snap = Snapshot {
                parent_id: parent,
                ..snap
            };
            let tx = conn.transaction()?;
            insert_snapshot(&tx, &section_id, &snap)?;
            renumber(&tx, &siblings)?;
            // Recorded as an add, so restoring this entry deletes the item again.
            record(
                &tx,
                &section_id,
                Some(&snap.id),
                "add",
                &format!("Restored deleted “{}”", label(snap.kind, &snap.content)),
                None,
                Some(to_json(&snap)),
            )?;
            tx.commit()?;
        }
        "move" => {
            let id = node_id.ok_or_else(gone)?;
            let from: i64 = before.as_deref().unwrap_or("0").parse().unwrap_or(0);
            let to: i64 = after.as_deref().unwrap_or("0").parse().unwrap_or(0);
            load_row(conn, &id).map_err(|_| gone())?;
            return move_node(conn, &id, from - to);
        }
        "reset" => {
            let old: Vec<Snapshot> = from_json(before.as_deref().unwrap_or("[]"))?;
            let current = section_snapshots(conn, &section_id)?;
            let tx = conn.transaction()?;
            replace_section(&tx, &section_id, &current, &old)?;
            // Recorded as a reset, so restoring this entry brings back what it replaced.
            record(
                &tx,
                &section_id,
                None,
                "reset",
                "Restored the section as it was before the reset",
                Some(to_json(&current)),
                None,
            )?;
            tx.commit()?;
        }
        other => return Err(Error::storage(format!("unknown revision action {other}"))),
    }
    section(conn, &section_id)
}

// ---------------------------------------------------------------------------------------------
// Search

/// Marks around matched words in search snippets (control characters that cannot occur in the
/// text), so the UI can highlight without interpreting any markup.
pub const HIGHLIGHT_START: char = '\u{2}';
pub const HIGHLIGHT_END: char = '\u{3}';

#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHit {
    pub node_id: String,
    pub section_id: String,
    pub section_number: u32,
    pub section_title: String,
    /// Matched text with `\u0002`…`\u0003` around each hit.
    pub snippet: String,
}

/// Turns what the user typed into a safe FTS5 query: every word quoted (no operators), the last
/// one a prefix so results come while typing.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(format!("{}*", words.join(" ")))
}

/// Full-text search over all blueprint text, best matches first.
pub fn search(conn: &Connection, input: &str, limit: u32) -> Result<Vec<SearchHit>> {
    let Some(query) = fts_query(input) else {
        return Ok(vec![]);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT f.node_id, s.id, s.number, s.title,
                snippet(blueprint_fts, 1, char(2), char(3), '…', 16)
         FROM blueprint_fts f
         JOIN blueprint_nodes n ON n.id = f.node_id
         JOIN blueprint_sections s ON s.id = n.section_id
         WHERE blueprint_fts MATCH ?1
         ORDER BY bm25(blueprint_fts), s.number
         LIMIT ?2",
    )?;
    let hits = stmt
        .query_map(params![query, limit.clamp(1, 200)], |r| {
            Ok(SearchHit {
                node_id: r.get(0)?,
                section_id: r.get(1)?,
                section_number: r.get(2)?,
                section_title: r.get(3)?,
                snippet: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(hits)
}

// ---------------------------------------------------------------------------------------------
// Feeds: starting content other areas copy (with a link back through `source_id`).

fn node_by_key(doc: &Document, key: &str) -> Option<Node> {
    fn find(nodes: &[Node], key: &str) -> Option<Node> {
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
fn items_at(doc: &Document, key: &str) -> Vec<Node> {
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

fn rows_at(doc: &Document, key: &str) -> Vec<Node> {
    node_by_key(doc, key)
        .filter(|n| n.kind == NodeKind::Table)
        .map(|n| n.children)
        .unwrap_or_default()
}

fn field(node: &Node, label: &str) -> Option<String> {
    node.fields
        .iter()
        .find(|f| f.label.eq_ignore_ascii_case(label))
        .map(|f| f.value.clone())
}

fn cell(row: &Node, i: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{store, ErrorCode};

    fn db() -> Connection {
        store::open_in_memory().unwrap()
    }

    fn find<'a>(nodes: &'a [Node], pred: &dyn Fn(&Node) -> bool) -> Option<&'a Node> {
        nodes.iter().find_map(|n| {
            if pred(n) {
                Some(n)
            } else {
                find(&n.children, pred)
            }
        })
    }

    fn keyed(doc: &Document, key: &str) -> Node {
        node_by_key(doc, key).unwrap_or_else(|| panic!("no node with key {key}"))
    }

    fn count_kind(nodes: &[Node], kind: NodeKind) -> usize {
        nodes
            .iter()
            .map(|n| usize::from(n.kind == kind) + count_kind(&n.children, kind))
            .sum()
    }

    #[test]
    fn seed_has_every_section_and_exact_counts() {
        let doc = document(&db()).unwrap();
        assert!(doc.title.starts_with("Infrastructure Engineering Manager"));
        let numbers: Vec<u32> = doc.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, (1..=20).collect::<Vec<_>>());
        assert!(doc
            .sections
            .iter()
            .all(|s| !s.edited && !s.nodes.is_empty()));

        // 3) Core responsibilities: 23 under their category headings.
        let s3 = &doc.sections[2];
        let per_category: Vec<usize> = s3
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Heading)
            .map(|h| count_kind(&h.children, NodeKind::Item))
            .collect();
        assert_eq!(per_category, [5, 5, 5, 3, 2, 3]);
        assert!(find(&s3.nodes, &|n| n.kind == NodeKind::Item
            && n.title.is_none())
        .is_none());

        let table = |key: &str| keyed(&doc, key);
        let kpi = table("kpi-table");
        assert_eq!(kpi.columns.len(), 5);
        assert_eq!(kpi.children.len(), 22);
        assert!(kpi
            .children
            .iter()
            .all(|r| r.cells.len() == 5 && r.cells.iter().all(|c| !c.is_empty())));
        assert_eq!(
            kpi.children[0].cells[0],
            "SLO attainment (per tier-1 service)"
        );
        assert_eq!(kpi.children[21].cells[0], "Team health indicators");

        let tools = table("tools-table");
        assert_eq!(tools.columns.len(), 4);
        assert!(tools.children.iter().all(|r| r.cells.len() == 4));
        assert_eq!(tools.children.first().unwrap().cells[1], "AWS");
        assert_eq!(
            tools.children.last().unwrap().cells[1],
            "Apptio Cloudability"
        );

        let dims = table("scorecard-dimensions");
        assert_eq!((dims.columns.len(), dims.children.len()), (3, 8));
        let summary = table("role-scorecard-summary");
        assert_eq!((summary.columns.len(), summary.children.len()), (2, 10));

        let tiers: Vec<usize> = SKILL_TIERS
            .iter()
            .map(|k| items_at(&doc, k).len())
            .collect();
        assert_eq!(tiers, [8, 6, 4, 4]);
        let soft = items_at(&doc, "soft-skills");
        assert_eq!(soft.len(), 10);
        assert!(soft.iter().all(|s| s.fields.len() == 3));
        assert_eq!(items_at(&doc, "case-studies").len(), 4);
        assert_eq!(items_at(&doc, "assessment-areas").len(), 7);
        let signals: Vec<usize> = ["signals-strong", "signals-weak", "signals-red-flags"]
            .iter()
            .map(|k| items_at(&doc, k).len())
            .collect();
        assert_eq!(signals, [6, 5, 5]);
        for key in [
            "goals-30-day",
            "goals-60-day",
            "goals-90-day",
            "goals-6-month",
            "goals-12-month",
            "goals-long-term",
        ] {
            assert!(!items_at(&doc, key).is_empty(), "{key}");
        }
    }

    #[test]
    fn no_web_page_noise() {
        let json = SEED_JSON.to_lowercase();
        for noise in [
            "hospital",
            "certification course",
            "subscribe",
            "comments",
            "devopsschool",
        ] {
            assert!(!json.contains(noise), "{noise}");
        }
    }

    #[test]
    fn seeding_happens_once_and_never_over_edits() {
        let mut conn = db();
        let kpi = keyed(&document(&conn).unwrap(), "kpi-table");
        let row = &kpi.children[0];
        let mut content = NodeContent {
            cells: row.cells.clone(),
            ..Default::default()
        };
        content.cells[3] = "≥ 99.95% for tier-1".into();
        edit_node(&mut conn, &row.id, &content).unwrap();
        ensure_seeded(&mut conn).unwrap();
        let again = keyed(&document(&conn).unwrap(), "kpi-table");
        assert_eq!(again.children[0].cells[3], "≥ 99.95% for tier-1");
        assert_eq!(again.children[0].state, EditState::Edited);
    }

    #[test]
    fn edit_keeps_revision_and_restore_brings_it_back() {
        let mut conn = db();
        let doc = document(&conn).unwrap();
        let kpi = keyed(&doc, "kpi-table");
        let row = kpi.children[1].clone();
        let section_id = doc.sections[6].id.clone();
        let mut content = NodeContent {
            cells: row.cells.clone(),
            ..Default::default()
        };
        content.cells[3] = "Burn rate < 0.8".into();
        let section = edit_node(&mut conn, &row.id, &content).unwrap();
        assert!(section.edited);
        let revisions = history(&conn, &section_id).unwrap();
        assert_eq!(revisions.len(), 1);
        assert_eq!(revisions[0].action, "edit");
        assert!(revisions[0]
            .before_text
            .contains("Burn rate < 1.0 over the window"));
        assert!(revisions[0].after_text.contains("Burn rate < 0.8"));
        assert!(revisions[0].restorable);

        let section = restore_revision(&mut conn, revisions[0].id).unwrap();
        assert!(!section.edited, "back to the original text");
        let restored = keyed(&document(&conn).unwrap(), "kpi-table").children[1].clone();
        assert_eq!(restored.cells, row.cells);
        assert_eq!(restored.state, EditState::Original);
        assert_eq!(history(&conn, &section_id).unwrap()[0].action, "restore");
    }

    #[test]
    fn edits_are_validated() {
        let mut conn = db();
        let doc = document(&conn).unwrap();
        let kpi = keyed(&doc, "kpi-table");
        let too_many = NodeContent {
            cells: vec!["x".into(); 6],
            ..Default::default()
        };
        assert_eq!(
            edit_node(&mut conn, &kpi.children[0].id, &too_many)
                .unwrap_err()
                .field
                .as_deref(),
            Some("cells")
        );
        let blank = NodeContent {
            cells: vec![String::new(); 5],
            ..Default::default()
        };
        assert_eq!(
            edit_node(&mut conn, &kpi.children[0].id, &blank)
                .unwrap_err()
                .code,
            ErrorCode::InvalidInput
        );
        let heading = find(&doc.sections[2].nodes, &|n| n.kind == NodeKind::Heading).unwrap();
        let no_title = NodeContent::default();
        assert_eq!(
            edit_node(&mut conn, &heading.id, &no_title)
                .unwrap_err()
                .field
                .as_deref(),
            Some("title")
        );
        let long = NodeContent {
            title: Some("x".repeat(501)),
            ..Default::default()
        };
        assert_eq!(
            edit_node(&mut conn, &heading.id, &long)
                .unwrap_err()
                .field
                .as_deref(),
            Some("title")
        );
        assert_eq!(
            edit_node(&mut conn, "nope", &no_title).unwrap_err().code,
            ErrorCode::NotFound
        );
        assert!(
            history(&conn, &doc.sections[6].id).unwrap().is_empty(),
            "nothing recorded"
        );
    }

    #[test]
    fn add_delete_reorder_and_restore() {
        let mut conn = db();
        let doc = document(&conn).unwrap();
        let s19 = doc.sections[18].clone();
        let strong = keyed(&doc, "signals-strong");
        let first = strong.children[0].id.clone();
        let new = NewNode {
            section_id: s19.id.clone(),
            parent_id: Some(strong.id.clone()),
            after_id: Some(first.clone()),
            kind: NodeKind::Item,
            ordered: false,
            content: NodeContent {
                body: Some("Has run a **game day**".into()),
                ..Default::default()
            },
        };
        let added = add_node(&mut conn, &new).unwrap().node_id;
        let items = items_at(&document(&conn).unwrap(), "signals-strong");
        assert_eq!(items.len(), 7);
        assert_eq!(items[1].id, added);
        assert_eq!(items[1].state, EditState::Added);

        // Rows only go in tables; items only in lists.
        let bad = NewNode {
            kind: NodeKind::Row,
            ..new.clone()
        };
        assert_eq!(
            add_node(&mut conn, &bad).unwrap_err().field.as_deref(),
            Some("kind")
        );

        move_node(&mut conn, &added, -1).unwrap();
        assert_eq!(
            items_at(&document(&conn).unwrap(), "signals-strong")[0].id,
            added
        );

        delete_node(&mut conn, &first).unwrap();
        assert_eq!(
            items_at(&document(&conn).unwrap(), "signals-strong").len(),
            6
        );
        let revisions = history(&conn, &s19.id).unwrap();
        let actions: Vec<&str> = revisions.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["delete", "move", "add"]);

        restore_revision(&mut conn, revisions[0].id).unwrap(); // the deleted signal is back
        let items = items_at(&document(&conn).unwrap(), "signals-strong");
        assert_eq!(items.len(), 7);
        assert_eq!(items[1].id, first, "back in the place it was deleted from");
        restore_revision(&mut conn, revisions[2].id).unwrap(); // undo the add
        let items = items_at(&document(&conn).unwrap(), "signals-strong");
        assert_eq!(items.len(), 6);
        assert!(!section(&conn, &s19.id).unwrap().edited, "all undone");
    }

    #[test]
    fn reset_section_to_original_and_restore_the_edits() {
        let mut conn = db();
        let doc = document(&conn).unwrap();
        let s9 = doc.sections[8].clone();
        let soft = keyed(&doc, "soft-skills");
        delete_node(&mut conn, &soft.children[9].id).unwrap();
        let mut c = NodeContent {
            title: Some("Systems thinking".into()),
            ..Default::default()
        };
        c.fields = soft.children[0].fields.clone();
        edit_node(&mut conn, &soft.children[0].id, &c).unwrap();
        assert!(section(&conn, &s9.id).unwrap().edited);

        let reset = reset_section(&mut conn, &s9.id).unwrap();
        assert!(!reset.edited);
        assert_eq!(to_seed_nodes(&reset.nodes), to_seed_nodes(&s9.nodes));
        assert_eq!(
            reset.nodes[0].id, s9.nodes[0].id,
            "seeded ids are stable across a reset"
        );

        let last = history(&conn, &s9.id).unwrap()[0].clone();
        assert_eq!(last.action, "reset");
        let back = restore_revision(&mut conn, last.id).unwrap();
        assert!(back.edited);
        assert_eq!(items_at(&document(&conn).unwrap(), "soft-skills").len(), 9);
    }

    #[test]
    fn search_finds_text_from_every_section_with_highlight() {
        let conn = db();
        let doc = document(&conn).unwrap();
        for s in &doc.sections {
            // The first long word of the section's text.
            fn text_of(nodes: &[Node]) -> String {
                nodes
                    .iter()
                    .map(|n| {
                        let own = [n.title.clone(), n.body.clone(), Some(n.cells.join(" "))];
                        let own: Vec<String> = own.into_iter().flatten().collect();
                        format!("{} {}", own.join(" "), text_of(&n.children))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            let text = text_of(&s.nodes);
            let word = text
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| w.len() >= 9)
                .unwrap_or_else(|| panic!("a long word in section {}", s.number));
            let hits = search(&conn, word, 200).unwrap();
            assert!(
                hits.iter().any(|h| h.section_number == s.number),
                "{word} in section {}",
                s.number
            );
        }
        let hits = search(&conn, "error budg", 20).unwrap();
        assert!(!hits.is_empty());
        assert!(
            hits[0].snippet.contains(HIGHLIGHT_START) && hits[0].snippet.contains(HIGHLIGHT_END)
        );
        assert!(search(&conn, "  ", 20).unwrap().is_empty());
        // FTS syntax in user input is treated as words, never as operators.
        for nasty in ["\"", "AND OR NOT", "col:val", "a*b", "(", "NEAR(a b)", "^x"] {
            search(&conn, nasty, 20).unwrap();
        }
    }

    #[test]
    fn search_follows_edits_and_deletes() {
        let mut conn = db();
        let doc = document(&conn).unwrap();
        let row = keyed(&doc, "kpi-table").children[0].clone();
        let mut c = NodeContent {
            cells: row.cells.clone(),
            ..Default::default()
        };
        c.cells[3] = "Zanzibarian availability target".into();
        edit_node(&mut conn, &row.id, &c).unwrap();
        let hits = search(&conn, "zanzibarian", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].node_id, row.id);
        delete_node(&mut conn, &row.id).unwrap();
        assert!(search(&conn, "zanzibarian", 10).unwrap().is_empty());
    }

    #[test]
    fn feeds_for_other_areas() {
        let conn = db();
        let skills = skills_catalog(&conn).unwrap();
        assert_eq!(
            skills.iter().filter(|s| s.category == "technical").count(),
            22
        );
        assert_eq!(skills.iter().filter(|s| s.category == "soft").count(), 10);
        let cloud = &skills[0];
        assert!(cloud.name.starts_with("Cloud infrastructure fundamentals"));
        assert_eq!(cloud.importance.as_deref(), Some("Critical"));
        assert!(cloud.description.is_some() && cloud.usage.is_some());
        assert!(skills
            .iter()
            .filter(|s| s.category == "soft")
            .all(|s| s.strong_performance.is_some()));

        let dims = scorecard_dimensions(&conn).unwrap();
        assert_eq!(dims.len(), 8);
        assert_eq!(dims[0].name, "Infrastructure architecture");
        assert_eq!(dims[0].meets_bar, "Solid cloud/network/IAM fundamentals");

        let cases = case_studies(&conn).unwrap();
        assert_eq!(cases.len(), 4);
        assert!(cases[0].title.contains("reliability and scaling plan"));
        assert_eq!(cases[0].asks.len(), 3);

        let signals = candidate_signals(&conn).unwrap();
        assert_eq!(
            signals
                .iter()
                .filter(|s| s.kind == SignalKind::RedFlag)
                .count(),
            5
        );

        let kpis = kpi_definitions(&conn).unwrap();
        assert_eq!(kpis.len(), 22);
        assert_eq!(kpis[1].name, "Error budget burn rate");
        assert_eq!(kpis[1].frequency, "Weekly");
        // Every feed links back to a real blueprint node.
        let doc = document(&conn).unwrap();
        for id in kpis
            .iter()
            .map(|k| &k.source_id)
            .chain(dims.iter().map(|d| &d.source_id))
        {
            assert!(doc
                .sections
                .iter()
                .any(|s| find(&s.nodes, &|n| &n.id == id).is_some()));
        }
    }
}
