//! Skills in the shared search index (kind `skill`, kept in step by triggers, migration 5).

use rusqlite::Connection;

use super::catalog::get_skill;
use crate::error::Result;
use crate::palette::PaletteHit;
use crate::search::Found;

pub const SEARCH_KIND: &str = "skill";

/// A skill as a palette row: its name, then "Skill · <category>" (and "retired" if it is).
pub fn palette_hit(conn: &Connection, f: Found) -> Result<PaletteHit> {
    let s = get_skill(conn, &f.ref_id)?;
    let mut detail = format!("Skill · {}", s.category);
    if s.retired_at.is_some() {
        detail.push_str(" · retired");
    }
    Ok(PaletteHit {
        group: String::new(),
        kind: f.kind,
        ref_id: f.ref_id,
        person_id: None,
        title: s.name,
        detail,
        snippet: f.snippet,
        private: false,
    })
}
