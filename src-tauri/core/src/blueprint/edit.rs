//! Editing the blueprint: edit, add, delete, move and reset, each with a revision.

use rusqlite::{params, Connection, OptionalExtension};

use super::model::{
    Added, Field, NewNode, NodeContent, NodeKind, Section, Snapshot, MAX_BODY_CHARS,
    MAX_TITLE_CHARS,
};
use super::revisions::record;
use super::seed::{seed_document, seed_snapshots};
use super::tree::*;
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;

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

/// Edits a node's text in place. Keeps a revision. Returns the updated section.
pub fn edit_node(conn: &Connection, id: &str, content: &NodeContent) -> Result<Section> {
    write(conn, |tx| {
        let row = load_row(tx, id)?;
        let new = validate_content(tx, row.kind, row.parent_id.as_deref(), content)?;
        if row.kind == NodeKind::Table && new.columns.len() != row.content.columns.len() {
            return Err(Error::invalid(
                "columns",
                "Rename columns here; the number of columns stays",
            ));
        }
        if new != row.content {
            write_content(tx, id, &new)?;
            record(
                tx,
                &row.section_id,
                Some(id),
                "edit",
                &format!("Edited “{}”", label(row.kind, &new)),
                Some(to_json(&row.content)?),
                Some(to_json(&new)?),
            )?;
        }
        section(tx, &row.section_id)
    })
}

/// Adds a node (an item to a list, a row to a table, a heading, paragraph, list or table to a
/// section or under a heading; a list comes with its first items). Keeps one revision, which
/// undoes the whole add.
pub fn add_node(conn: &Connection, new: &NewNode) -> Result<Added> {
    write(conn, |tx| {
        let node_id = add_node_in(tx, new)?;
        Ok(Added {
            section: section(tx, &new.section_id)?,
            node_id,
        })
    })
}

fn add_node_in(tx: &Connection, new: &NewNode) -> Result<String> {
    let section_number: Option<u32> = tx
        .query_row(
            "SELECT number FROM blueprint_sections WHERE id = ?1",
            [&new.section_id],
            |r| r.get(0),
        )
        .optional()?;
    section_number.ok_or_else(|| Error::not_found("Blueprint section"))?;
    let parent_kind = match &new.parent_id {
        Some(pid) => {
            let parent = load_row(tx, pid)?;
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
    let content = validate_content(tx, new.kind, new.parent_id.as_deref(), &new.content)?;
    let items = match new.kind {
        NodeKind::List if new.items.is_empty() => {
            return Err(Error::invalid("items", "A list needs at least one item"));
        }
        NodeKind::List => new
            .items
            .iter()
            .map(|item| validate_content(tx, NodeKind::Item, None, item))
            .collect::<Result<Vec<_>>>()
            .map_err(|e| Error::invalid("items", e.message))?,
        _ if !new.items.is_empty() => {
            return Err(Error::invalid("items", "Only a list takes items"));
        }
        _ => Vec::new(),
    };
    let mut siblings = sibling_ids(tx, &new.section_id, new.parent_id.as_deref())?;
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
    let children = items
        .into_iter()
        .enumerate()
        .map(|(i, content)| Snapshot {
            id: new_id(),
            parent_id: Some(id.clone()),
            position: i as i64,
            kind: NodeKind::Item,
            key: None,
            ordered: false,
            content,
            original: None,
            children: vec![],
        })
        .collect();
    let snap = Snapshot {
        id: id.clone(),
        parent_id: new.parent_id.clone(),
        position: at as i64,
        kind: new.kind,
        key: None,
        ordered: new.ordered,
        content,
        original: None,
        children,
    };
    insert_snapshot(tx, &new.section_id, &snap)?;
    renumber(tx, &siblings)?;
    record(
        tx,
        &new.section_id,
        Some(&id),
        "add",
        &format!("Added “{}”", added_label(&snap)),
        None,
        Some(to_json(&snap)?),
    )?;
    Ok(id)
}

/// What the history calls a new node: a list by its first item, anything else by its text.
fn added_label(snap: &Snapshot) -> String {
    match snap.children.first() {
        Some(first) if snap.kind == NodeKind::List => label(first.kind, &first.content),
        _ => label(snap.kind, &snap.content),
    }
}

/// Deletes a node and everything under it. The revision keeps it all, so it can be restored.
pub fn delete_node(conn: &Connection, id: &str) -> Result<Section> {
    write(conn, |tx| {
        let section_id = delete_node_in(tx, id)?;
        section(tx, &section_id)
    })
}

/// `delete_node` inside the caller's transaction; returns the node's section id.
pub(super) fn delete_node_in(tx: &Connection, id: &str) -> Result<String> {
    let row = load_row(tx, id)?;
    let snap = snapshot(tx, id)?;
    let mut siblings = sibling_ids(tx, &row.section_id, row.parent_id.as_deref())?;
    siblings.retain(|s| s != id);
    delete_subtree(tx, &snap)?;
    renumber(tx, &siblings)?;
    record(
        tx,
        &row.section_id,
        Some(id),
        "delete",
        &format!("Deleted “{}”", label(row.kind, &row.content)),
        Some(to_json(&snap)?),
        None,
    )?;
    Ok(row.section_id)
}

/// Moves a node `offset` places among its siblings (-1 = up, +1 = down; any offset is clamped
/// to the first or last place). Keeps a revision.
pub fn move_node(conn: &Connection, id: &str, offset: i64) -> Result<Section> {
    write(conn, |tx| {
        let section_id = move_node_in(tx, id, offset)?;
        section(tx, &section_id)
    })
}

/// `move_node` inside the caller's transaction; returns the node's section id.
pub(super) fn move_node_in(tx: &Connection, id: &str, offset: i64) -> Result<String> {
    let row = load_row(tx, id)?;
    let mut siblings = sibling_ids(tx, &row.section_id, row.parent_id.as_deref())?;
    // Read in the same transaction as the node, so it is always among its siblings; say so
    // plainly rather than trust it.
    let from = siblings.iter().position(|s| s == id).ok_or_else(|| {
        Error::storage("The blueprint tree is inconsistent: an item is not among its siblings")
    })?;
    let last = siblings.len().saturating_sub(1) as i64;
    let to = (from as i64).saturating_add(offset).clamp(0, last) as usize;
    if to != from {
        let moved = siblings.remove(from);
        siblings.insert(to, moved);
        renumber(tx, &siblings)?;
        record(
            tx,
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
    }
    Ok(row.section_id)
}

/// Puts a section back exactly as seeded. The revision keeps the edited version for restore.
pub fn reset_section(conn: &Connection, section_id: &str) -> Result<Section> {
    let seed = seed_document()?;
    write(conn, |tx| {
        let number: u32 = tx
            .query_row(
                "SELECT number FROM blueprint_sections WHERE id = ?1",
                [section_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("Blueprint section"))?;
        let seed_section = seed
            .sections
            .iter()
            .find(|s| s.number == number)
            .ok_or_else(|| Error::not_found("Blueprint section in the seed"))?;
        let before = section_snapshots(tx, section_id)?;
        replace_section(
            tx,
            section_id,
            &before,
            &seed_snapshots(number, &seed_section.nodes, None, &[]),
        )?;
        tx.execute(
            "UPDATE blueprint_sections SET title = ?2 WHERE id = ?1",
            params![section_id, seed_section.title],
        )?;
        record(
            tx,
            section_id,
            None,
            "reset",
            "Reset the section to the original",
            Some(to_json(&before)?),
            None,
        )?;
        section(tx, section_id)
    })
}
