//! Competencies in the shared search index (kind `competency`, kept in step by triggers,
//! migration 5): name as the title; tag, description and every level's expectation as text.

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::palette::PaletteHit;
use crate::search::Found;

pub const SEARCH_KIND: &str = "competency";

/// A competency as a palette row: its name, then "Competency · <ladder> · #tag".
pub fn palette_hit(conn: &Connection, f: Found) -> Result<PaletteHit> {
    let (name, slug, ladder): (String, String, String) = conn
        .prepare_cached(
            "SELECT c.name, c.slug, l.name FROM competencies c JOIN ladders l ON l.id = c.ladder_id WHERE c.id = ?1",
        )?
        .query_row([&f.ref_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(|_| Error::not_found("Competency"))?;
    Ok(PaletteHit {
        group: String::new(),
        kind: f.kind,
        ref_id: f.ref_id,
        person_id: None,
        title: name,
        detail: format!("Competency · {ladder} · #{slug}"),
        snippet: f.snippet,
        private: false,
    })
}
