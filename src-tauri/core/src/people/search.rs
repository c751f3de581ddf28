//! People in the shared search index (kind `person`, kept in step by triggers, migration 4).

use rusqlite::Connection;

use super::storage::get;
use crate::error::Result;
use crate::palette::PaletteHit;
use crate::search::Found;

pub const SEARCH_KIND: &str = "person";

/// A person as a palette row: name, then title and team.
pub fn palette_hit(conn: &Connection, f: Found) -> Result<PaletteHit> {
    let p = get(conn, &f.ref_id)?;
    let mut detail: Vec<&str> = [p.title.as_deref(), p.team.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if p.archived_at.is_some() {
        detail.push("archived");
    }
    Ok(PaletteHit {
        group: String::new(),
        kind: f.kind,
        ref_id: f.ref_id,
        person_id: Some(p.id),
        title: p.name,
        detail: detail.join(" · "),
        snippet: String::new(),
        private: false,
    })
}
