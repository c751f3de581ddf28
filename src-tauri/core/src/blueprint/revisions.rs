//! The blueprint's revisions, on the kernel's revision log (area `blueprint`, scope = section
//! id): listing them and restoring the state from before one.

use rusqlite::Connection;

use super::edit::{delete_node_in, move_node_in};
use super::model::{NodeContent, Revision, Section, Snapshot};
use super::tree::*;
use crate::db::write;
use crate::error::{Error, ErrorCode, Result};
use crate::revisions::{self, Change};

/// The revision log's area for blueprint entries.
const AREA: &str = "blueprint";

/// How many entries a section's history lists.
const HISTORY_LIMIT: u32 = 500;

/// Logs a blueprint change; call it inside the transaction that makes it.
pub(super) fn record(
    tx: &Connection,
    section_id: &str,
    node_id: Option<&str>,
    action: &str,
    summary: &str,
    before: Option<String>,
    after: Option<String>,
) -> Result<()> {
    revisions::record(
        tx,
        &Change {
            area: AREA,
            scope: section_id,
            entity_id: node_id,
            action,
            summary,
            reason: None,
            before,
            after,
        },
    )?;
    Ok(())
}

/// A node's content as readable lines (an edit's before/after in the history drawer).
fn content_text(json: Option<&str>) -> String {
    let Some(c) = json.and_then(|j| from_json::<NodeContent>(j).ok()) else {
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

fn node_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM blueprint_nodes WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?)
}

/// A section's revisions, newest first.
pub fn revisions(conn: &Connection, section_id: &str) -> Result<Vec<Revision>> {
    revisions::list(conn, AREA, section_id, HISTORY_LIMIT)?
        .into_iter()
        .map(|e| {
            let exists = match &e.entity_id {
                Some(id) => node_exists(conn, id)?,
                None => false,
            };
            let edit_like = e.action == "edit" || e.action == "restore";
            let text = |v: &Option<String>| {
                if edit_like {
                    content_text(v.as_deref())
                } else {
                    String::new()
                }
            };
            Ok(Revision {
                id: e.id,
                at: e.at,
                section_id: e.scope,
                restorable: match e.action.as_str() {
                    "edit" | "restore" | "move" | "add" => exists,
                    "delete" => !exists,
                    _ => true,
                },
                before_text: text(&e.before),
                after_text: text(&e.after),
                node_id: e.entity_id,
                action: e.action,
                summary: e.summary,
                actor: e.actor,
            })
        })
        .collect()
}

/// Brings back the state from before a revision: the old text of an edit, a deleted item, an
/// item's old place, the section before a reset; undoes an add. Keeps a revision of its own.
/// One transaction, with every read it depends on inside it.
pub fn restore_revision(conn: &Connection, revision_id: i64) -> Result<Section> {
    write(conn, |tx| {
        let entry = revisions::get(tx, AREA, revision_id)?;
        let section_id = entry.scope.as_str();
        let gone = || {
            Error::new(
                ErrorCode::Conflict,
                "That item no longer exists; restore its deletion first",
            )
        };
        match entry.action.as_str() {
            "edit" | "restore" => {
                let id = entry.entity_id.as_deref().ok_or_else(gone)?;
                let old: NodeContent = from_json(entry.before.as_deref().unwrap_or("{}"))?;
                let current = load_row(tx, id).map_err(|_| gone())?;
                write_content(tx, id, &old)?;
                record(
                    tx,
                    section_id,
                    Some(id),
                    "restore",
                    &format!("Restored “{}”", label(current.kind, &old)),
                    Some(to_json(&current.content)?),
                    Some(to_json(&old)?),
                )?;
            }
            "add" => {
                let id = entry.entity_id.as_deref().ok_or_else(gone)?;
                load_row(tx, id).map_err(|_| gone())?;
                delete_node_in(tx, id)?;
            }
            "delete" => {
                let snap: Snapshot = from_json(entry.before.as_deref().unwrap_or("null"))?;
                if node_exists(tx, &snap.id)? {
                    return Err(Error::new(ErrorCode::Conflict, "That item is already back"));
                }
                // Its parent may be gone too; then it returns at the top of the section.
                let parent = match snap.parent_id.clone() {
                    Some(p) if node_exists(tx, &p)? => Some(p),
                    _ => None,
                };
                let mut siblings = sibling_ids(tx, section_id, parent.as_deref())?;
                let at = (snap.position.max(0) as usize).min(siblings.len());
                siblings.insert(at, snap.id.clone());
                let snap = Snapshot {
                    parent_id: parent,
                    ..snap
                };
                insert_snapshot(tx, section_id, &snap)?;
                renumber(tx, &siblings)?;
                // Recorded as an add, so restoring this entry deletes the item again.
                record(
                    tx,
                    section_id,
                    Some(&snap.id),
                    "add",
                    &format!("Restored deleted “{}”", label(snap.kind, &snap.content)),
                    None,
                    Some(to_json(&snap)?),
                )?;
            }
            "move" => {
                let id = entry.entity_id.as_deref().ok_or_else(gone)?;
                let place = |v: &Option<String>| v.as_deref().and_then(|s| s.parse::<i64>().ok());
                let (Some(from), Some(to)) = (place(&entry.before), place(&entry.after)) else {
                    return Err(Error::storage(
                        "This move revision has no positions to restore",
                    ));
                };
                load_row(tx, id).map_err(|_| gone())?;
                move_node_in(tx, id, from - to)?;
            }
            "reset" => {
                let old: Vec<Snapshot> = from_json(entry.before.as_deref().unwrap_or("[]"))?;
                let current = section_snapshots(tx, section_id)?;
                replace_section(tx, section_id, &current, &old)?;
                // Recorded as a reset, so restoring this entry brings back what it replaced.
                record(
                    tx,
                    section_id,
                    None,
                    "reset",
                    "Restored the section as it was before the reset",
                    Some(to_json(&current)?),
                    None,
                )?;
            }
            other => return Err(Error::storage(format!("unknown revision action {other}"))),
        }
        section(tx, section_id)
    })
}
