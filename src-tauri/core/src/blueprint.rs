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
