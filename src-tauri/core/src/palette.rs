//! The Ctrl+K palette's search: one query across every area's documents in the shared index,
//! in groups (people first, then notes, then reference content), each ranked in Rust. An area
//! joins the palette with one `Group` line and a `describe` function of its own.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::search::{self, Found, Query};
use crate::{blueprint, ladders, one_on_ones, people, skills};

/// One result row of the palette.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaletteHit {
    /// The group it is shown under ("People", "1:1 notes", "Blueprint").
    pub group: String,
    /// The kind of document (as registered in the search index): tells the page where to go.
    pub kind: String,
    /// The record to open (a person, a meeting, an action item, a blueprint node...).
    pub ref_id: String,
    /// The person it is about, if any (a note's person, or the person themself).
    pub person_id: Option<String>,
    pub title: String,
    /// A second line: a person's title and team, a note's date, a blueprint section.
    pub detail: String,
    /// Matched text with `\u0002`…`\u0003` around each hit; may be empty.
    pub snippet: String,
    /// Private content (a 1:1's private notes): shown with a lock.
    pub private: bool,
}

/// A group of the palette: which kinds it searches and how to describe a hit.
struct Group {
    label: &'static str,
    kinds: &'static [&'static str],
    limit: u32,
    newest: Option<u32>,
    describe: fn(&Connection, Found) -> Result<PaletteHit>,
}

/// The palette's groups, in the order they are shown.
const GROUPS: &[Group] = &[
    Group {
        label: "People",
        kinds: &[people::SEARCH_KIND],
        limit: 5,
        newest: None,
        describe: people::palette_hit,
    },
    Group {
        label: "1:1 notes",
        kinds: &one_on_ones::SEARCH_KINDS,
        limit: 8,
        newest: Some(one_on_ones::SEARCH_CANDIDATES),
        describe: one_on_ones::palette_hit,
    },
    Group {
        label: "Blueprint",
        kinds: &[blueprint::KIND],
        limit: 6,
        newest: None,
        describe: blueprint::palette_hit,
    },
    // Skills and ladders after the blueprint: reference content of the team's own.
    Group {
        label: "Skills",
        kinds: &[skills::SEARCH_KIND],
        limit: 5,
        newest: None,
        describe: skills::palette_hit,
    },
    Group {
        label: "Competencies",
        kinds: &[ladders::SEARCH_KIND],
        limit: 5,
        newest: None,
        describe: ladders::palette_hit,
    },
];

/// Everything that matches `text`, group by group.
pub fn search(conn: &Connection, text: &str) -> Result<Vec<PaletteHit>> {
    let mut hits = Vec::new();
    for group in GROUPS {
        let found = search::find(
            conn,
            &Query {
                text,
                kinds: group.kinds,
                person_id: None,
                limit: group.limit,
                newest: group.newest,
            },
        )?;
        for f in found {
            let mut hit = (group.describe)(conn, f)?;
            hit.group = group.label.into();
            hits.push(hit);
        }
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::one_on_ones::{self as oo, Author, NotesInput};
    use crate::people::PersonInput;
    use crate::time::today;

    #[test]
    fn finds_people_notes_and_blueprint_items_in_groups() {
        let conn = db::open_in_memory().unwrap();
        let ada = people::add(
            &conn,
            &PersonInput {
                name: "Ada Incidentia".into(),
                title: Some("SRE".into()),
                team: Some("Platform".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let m = oo::start_meeting(&conn, &ada.id, None, today()).unwrap();
        oo::save_notes(
            &conn,
            &m.id,
            &NotesInput {
                shared_notes: "Walked through the incident review".into(),
                private_notes: "Incident stress is showing".into(),
                ..Default::default()
            },
        )
        .unwrap();
        oo::add_talking_point(&conn, &ada.id, "Incident commander rota", Author::Mine).unwrap();
        let hits = search(&conn, "incide").unwrap();
        let groups: Vec<&str> = hits.iter().map(|h| h.group.as_str()).collect();
        assert_eq!(groups.first(), Some(&"People"));
        assert!(
            groups.contains(&"1:1 notes") && groups.contains(&"Blueprint"),
            "{groups:?}"
        );
        let person = &hits[0];
        assert_eq!(
            (person.kind.as_str(), person.title.as_str()),
            ("person", "Ada Incidentia")
        );
        assert_eq!(person.detail, "SRE · Platform");
        let private = hits.iter().find(|h| h.kind == "private").unwrap();
        assert!(private.private);
        assert_eq!(private.ref_id, m.id);
        assert_eq!(private.person_id.as_deref(), Some(ada.id.as_str()));
        let bp = hits.iter().find(|h| h.kind == "blueprint").unwrap();
        assert!(bp.detail.starts_with('§'), "{}", bp.detail);
        assert!(search(&conn, "  ").unwrap().is_empty());
    }
}
