//! The blueprint's types: the seed file's shape, the stored tree, edits, revisions and hits.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stored_enum;

pub const MAX_TITLE_CHARS: usize = 500;
pub const MAX_BODY_CHARS: usize = 20_000;

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
stored_enum!(NodeKind {
    Heading = "heading",
    Paragraph = "paragraph",
    List = "list",
    Item = "item",
    Table = "table",
    Row = "row"
});

impl NodeKind {
    /// Which kinds may sit directly under a node of this kind (`None` = top of a section).
    pub(super) fn allows_child(parent: Option<NodeKind>, child: NodeKind) -> bool {
        use NodeKind::*;
        match parent {
            None | Some(Heading) => matches!(child, Heading | Paragraph | List | Table),
            Some(List) | Some(Item) => child == Item,
            Some(Table) => child == Row,
            Some(Paragraph) | Some(Row) => false,
        }
    }
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
pub struct BlueprintNode {
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
    pub children: Vec<BlueprintNode>,
}

/// A section as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Section {
    pub id: String,
    pub number: u32,
    pub title: String,
    /// True when any node in the section differs from the seed.
    pub edited: bool,
    pub nodes: Vec<BlueprintNode>,
}

/// The whole blueprint as edited: what the Blueprint area shows and every export renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BlueprintDocument {
    pub title: String,
    pub sections: Vec<Section>,
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
pub(super) struct Snapshot {
    pub id: String,
    pub parent_id: Option<String>,
    pub position: i64,
    pub kind: NodeKind,
    pub key: Option<String>,
    pub ordered: bool,
    pub content: NodeContent,
    pub original: Option<NodeContent>,
    #[serde(default)]
    pub children: Vec<Snapshot>,
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
    /// A new list's items, in order: a list is added with at least one, in the same change, so
    /// an empty list never shows. Only lists take items here.
    #[serde(default)]
    pub items: Vec<NodeContent>,
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

/// One entry in a section's revisions (the kernel's revision log, area `blueprint`).
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
    /// Who made the change, e.g. "ada (app)".
    pub actor: String,
    /// The node's text before and after, for edits (empty otherwise).
    pub before_text: String,
    pub after_text: String,
    /// Whether restoring this revision's "before" state is possible now.
    pub restorable: bool,
}

/// A blueprint search result.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHit {
    pub node_id: String,
    pub section_id: String,
    pub section_number: u32,
    pub section_title: String,
    /// Matched text with `\u0002`…`\u0003` around each hit.
    pub snippet: String,
}
