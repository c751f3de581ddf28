//! Blueprint search, on the kernel's search index.

use rusqlite::Connection;

use super::model::SearchHit;
use crate::error::Result;
use crate::search::{self, Query};

/// The kind of document the blueprint registers in the search index (migration 4).
pub const KIND: &str = "blueprint";

/// Full-text search over all blueprint text, best matches first.
pub fn search(conn: &Connection, input: &str, limit: u32) -> Result<Vec<SearchHit>> {
    let found = search::find(
        conn,
        &Query {
            text: input,
            kinds: &[KIND],
            person_id: None,
            limit,
            newest: None,
        },
    )?;
    let mut section = conn.prepare_cached(
        "SELECT s.id, s.number, s.title FROM blueprint_nodes n
         JOIN blueprint_sections s ON s.id = n.section_id WHERE n.id = ?1",
    )?;
    found
        .into_iter()
        .map(|f| {
            let (section_id, section_number, section_title) =
                section.query_row([&f.ref_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            // A hit in the title alone leaves the text snippet without a highlight; show the
            // title then.
            let snippet = if f.snippet.contains(search::HIGHLIGHT_START) || f.title.is_empty() {
                f.snippet
            } else {
                search::snippet(&f.title, &search::query_words(input), search::SNIPPET_WORDS)
            };
            Ok(SearchHit {
                node_id: f.ref_id,
                section_id,
                section_number,
                section_title,
                snippet,
            })
        })
        .collect()
}

/// A blueprint node as a palette row: its title (or the start of its text), its section.
pub fn palette_hit(conn: &Connection, f: search::Found) -> Result<crate::palette::PaletteHit> {
    let (number, section_title): (u32, String) = conn
        .prepare_cached(
            "SELECT s.number, s.title FROM blueprint_nodes n
             JOIN blueprint_sections s ON s.id = n.section_id WHERE n.id = ?1",
        )?
        .query_row([&f.ref_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let title = if f.title.is_empty() {
        section_title.clone()
    } else {
        f.title
    };
    Ok(crate::palette::PaletteHit {
        group: String::new(),
        kind: f.kind,
        ref_id: f.ref_id,
        person_id: None,
        title,
        detail: format!("§{number} {section_title}"),
        snippet: f.snippet,
        private: false,
    })
}
