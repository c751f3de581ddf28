//! Notes search: 1:1 notes, private notes, talking points and action items in the shared index.

use rusqlite::Connection;

use super::model::{NoteHit, NoteKind};
use crate::error::{Error, Result};
use crate::people;
use crate::search::{self, Query};

/// The kinds of document 1:1s register in the search index (migration 4).
pub const KINDS: [&str; 4] = ["meeting", "private", "point", "action"];

/// How many of the newest matches get ranked (see `search::Query::newest`).
pub const SEARCH_CANDIDATES: u32 = 500;

/// Full-text search over 1:1 notes, talking points and action items; best match first (among the
/// newest `SEARCH_CANDIDATES` matches), newer first among equals. `person_id` narrows it.
pub fn search(
    conn: &Connection,
    input: &str,
    person_id: Option<&str>,
    limit: u32,
) -> Result<Vec<NoteHit>> {
    let found = search::find(
        conn,
        &Query {
            text: input,
            kinds: &KINDS,
            person_id,
            limit,
            newest: Some(SEARCH_CANDIDATES),
        },
    )?;
    found
        .into_iter()
        .map(|f| {
            let kind = NoteKind::parse(&f.kind)
                .ok_or_else(|| Error::storage(format!("unknown note kind {}", f.kind)))?;
            let person_id = f.person_id.unwrap_or_default();
            Ok(NoteHit {
                kind,
                ref_id: f.ref_id,
                person_name: people::get(conn, &person_id)?.name,
                person_id,
                date: f.date.unwrap_or_default(),
                snippet: f.snippet,
            })
        })
        .collect()
}

/// A note as a palette row: what it is and whose, its date, the matched text.
pub fn palette_hit(conn: &Connection, f: search::Found) -> Result<crate::palette::PaletteHit> {
    let person_id = f.person_id.unwrap_or_default();
    let name = people::get(conn, &person_id)?.name;
    let kind = NoteKind::parse(&f.kind)
        .ok_or_else(|| Error::storage(format!("unknown note kind {}", f.kind)))?;
    let title = match kind {
        NoteKind::Meeting => format!("1:1 with {name}"),
        NoteKind::Private => format!("Private notes, 1:1 with {name}"),
        NoteKind::Point => format!("Talking point for {name}"),
        NoteKind::Action => format!("Action item for {name}"),
    };
    Ok(crate::palette::PaletteHit {
        group: String::new(),
        kind: f.kind,
        ref_id: f.ref_id,
        person_id: Some(person_id),
        title,
        detail: f.date.unwrap_or_default(),
        snippet: f.snippet,
        private: kind == NoteKind::Private,
    })
}
