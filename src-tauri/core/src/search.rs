//! One search index across areas. Each area registers its kinds of document in `search_kinds`
//! and keeps `search_docs` in step with triggers (see its migration); this module ranks matches
//! and cuts snippets. Areas wrap `find` in their own result types.

use std::borrow::Cow;

use rusqlite::{params, Connection};

use crate::error::Result;

/// Marks around matched words in snippets (control characters that cannot occur in the text),
/// so the UI can highlight without interpreting any markup.
pub const HIGHLIGHT_START: char = '\u{2}';
pub const HIGHLIGHT_END: char = '\u{3}';

/// Words of context a snippet shows.
pub const SNIPPET_WORDS: usize = 14;

/// What to look for.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    /// What the user typed: every word must match, the last one as a prefix.
    pub text: &'a str,
    /// Kinds of document to search (as registered in `search_kinds`).
    pub kinds: &'a [&'a str],
    /// Only documents about this person.
    pub person_id: Option<&'a str>,
    pub limit: u32,
    /// Rank only the newest this-many matches. Ranking every match of a word that occurs in most
    /// of 100,000 notes costs ~100 ms; for notes the recent matches are the ones wanted. `None`
    /// ranks every match (reference content, people).
    pub newest: Option<u32>,
}

/// One match, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: String,
    pub ref_id: String,
    pub person_id: Option<String>,
    pub date: Option<String>,
    pub title: String,
    /// About `SNIPPET_WORDS` words of the text around the first match, each matching word
    /// between `HIGHLIGHT_START` and `HIGHLIGHT_END`.
    pub snippet: String,
}

/// Turns what the user typed into a safe FTS5 expression: every word quoted (no operators),
/// the last one a prefix so results come while typing. `None` when there is no word.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = split_words(input)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(format!("{}*", words.join(" ")))
}

fn split_words(input: &str) -> impl Iterator<Item = &str> {
    input
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
}

/// The lowercased words of a search, as `fts_query` splits them; the last one is a prefix.
pub fn query_words(input: &str) -> Vec<String> {
    split_words(input).map(str::to_lowercase).collect()
}

/// Searches the index; best match first (bm25, the title weighing five times the text), newer
/// first among equals.
pub fn find(conn: &Connection, q: &Query) -> Result<Vec<Found>> {
    let Some(words) = fts_query(q.text) else {
        return Ok(vec![]);
    };
    if q.kinds.is_empty() {
        return Ok(vec![]);
    }
    // Kinds are registered lowercase words (a CHECK on search_kinds), so they need no quoting.
    let kinds = q.kinds.join(" OR ");
    let expr = format!("kind : ({kinds}) AND {{title text}} : ({words})");
    let limit = q.limit.clamp(1, 200);
    // 1. With `newest`, the oldest docid among the newest candidates: FTS5 walks a match list
    //    in descending docid order cheaply (docids grow as documents are written).
    let floor: i64 = match q.newest {
        Some(n) => {
            let floor: Option<i64> = conn
                .prepare_cached(
                    "SELECT min(docid) FROM (
                       SELECT f.rowid AS docid FROM search_fts f CROSS JOIN search_docs d ON d.docid = f.rowid
                       WHERE search_fts MATCH ?1 AND (?2 IS NULL OR d.person_id = ?2)
                       ORDER BY f.rowid DESC LIMIT ?3)",
                )?
                .query_row(params![expr, q.person_id, n], |r| r.get(0))?;
            match floor {
                Some(f) => f,
                None => return Ok(vec![]),
            }
        }
        None => 0,
    };
    // 2. Rank only those; scores only (FTS5's snippet() would re-read the whole match list of a
    //    common word for every hit).
    let ranked: Vec<i64> = conn
        .prepare_cached(
            "SELECT f.rowid FROM search_fts f CROSS JOIN search_docs d ON d.docid = f.rowid
             WHERE search_fts MATCH ?1 AND f.rowid >= ?2 AND (?3 IS NULL OR d.person_id = ?3)
             ORDER BY bm25(search_fts, 0.0, 5.0, 1.0), f.rowid DESC LIMIT ?4",
        )?
        .query_map(params![expr, floor, q.person_id, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // 3. Details for each hit, the snippet cut here from the text.
    let words = query_words(q.text);
    let mut detail = conn.prepare_cached(
        "SELECT kind, ref_id, person_id, date, title, text FROM search_docs WHERE docid = ?1",
    )?;
    ranked
        .into_iter()
        .map(|docid| {
            detail
                .query_row([docid], |r| {
                    let text: String = r.get(5)?;
                    Ok(Found {
                        kind: r.get(0)?,
                        ref_id: r.get(1)?,
                        person_id: r.get(2)?,
                        date: r.get(3)?,
                        title: r.get(4)?,
                        snippet: snippet(&text, &words, SNIPPET_WORDS),
                    })
                })
                .map_err(Into::into)
        })
        .collect()
}

/// About `width` words of `text` around the first word the search matched, each matching word
/// wrapped in `HIGHLIGHT_START`…`HIGHLIGHT_END`, with `…` where text was cut.
pub fn snippet(text: &str, words: &[String], width: usize) -> String {
    let matches = |token: &str| {
        let token = token.to_lowercase();
        words.iter().enumerate().any(|(i, w)| {
            if i + 1 == words.len() {
                token.starts_with(w.as_str())
            } else {
                token == *w
            }
        })
    };
    // Tokens as (start, end) byte ranges of alphanumeric runs.
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, text.len()));
    }
    if tokens.is_empty() {
        return String::new();
    }
    let first = tokens
        .iter()
        .position(|&(s, e)| matches(&text[s..e]))
        .unwrap_or(0);
    let from = first.saturating_sub(width / 3);
    let to = (from + width).min(tokens.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = tokens[from].0;
    for &(s, e) in &tokens[from..to] {
        out.push_str(&plain_gap(&text[at..s]));
        if matches(&text[s..e]) {
            out.push(HIGHLIGHT_START);
            out.push_str(&text[s..e]);
            out.push(HIGHLIGHT_END);
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    if to < tokens.len() {
        out.push('…');
    }
    out
}

/// The text between two words of a snippet, as a reader wants it on one line: Markdown heading,
/// bullet, quote and emphasis marks dropped, line breaks shown as " · " (or a space after a
/// sentence's end).
fn plain_gap(gap: &str) -> Cow<'_, str> {
    if !gap.contains(['\n', '*', '`']) {
        return Cow::Borrowed(gap);
    }
    let strip = |part: &str| part.replace(['*', '`'], "");
    let Some((before, rest)) = gap.split_once('\n') else {
        return Cow::Owned(strip(gap));
    };
    let before = strip(before.trim_end());
    let after: String = rest
        .split('\n')
        .map(|line| {
            let line = line
                .trim_start()
                .trim_start_matches(['#', '-', '*', '+', '>']);
            strip(line.trim_start())
        })
        .collect();
    let sep = if before.ends_with(['.', ';', ':', '!', '?']) {
        " "
    } else {
        " · "
    };
    Cow::Owned(format!("{before}{sep}{after}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    fn words(s: &str) -> Vec<String> {
        query_words(s)
    }

    #[test]
    fn fts_query_quotes_every_word_and_prefixes_the_last() {
        assert_eq!(fts_query("error budg").unwrap(), "\"error\" \"budg\"*");
        assert_eq!(fts_query("  \"; DROP -- ").unwrap(), "\"DROP\"*");
        assert!(fts_query(" -- ").is_none());
        assert_eq!(fts_query("on-call").unwrap(), "\"on\" \"call\"*");
    }

    #[test]
    fn snippet_highlights_and_cuts() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let s = snippet(text, &words("seven"), 4);
        assert_eq!(s, "…six \u{2}seven\u{3} eight nine…");
        assert_eq!(snippet("", &words("x"), 4), "");
        let s = snippet("## Heading\n- **bold** item", &words("item"), 10);
        assert_eq!(s, "Heading · bold \u{2}item\u{3}");
    }

    #[test]
    fn find_narrows_by_kind_and_ranks_titles_first() {
        let conn = db::open_in_memory().unwrap();
        conn.execute_batch(
            "INSERT INTO people (id, name, email, created_at, updated_at) VALUES
               ('p1', 'Grace Kubernetes', 'grace@example.com', '2024-01-01', '2024-01-01'),
               ('p2', 'Alan', 'alan@example.com', '2024-01-01', '2024-01-01');
             INSERT INTO talking_points (id, person_id, text, author, created_at) VALUES
               ('t1', 'p2', 'Kubernetes upgrade plan', 'mine', '2024-01-02T00:00:00Z');",
        )
        .unwrap();
        let q = |kinds: &'static [&'static str]| Query {
            text: "kubern",
            kinds,
            person_id: None,
            limit: 10,
            newest: None,
        };
        let people = find(&conn, &q(&["person"])).unwrap();
        assert_eq!(people.len(), 1);
        assert_eq!(
            (people[0].kind.as_str(), people[0].ref_id.as_str()),
            ("person", "p1")
        );
        let both = find(&conn, &q(&["person", "point"])).unwrap();
        assert_eq!(both.len(), 2);
        assert_eq!(both[0].kind, "person", "a title match ranks first");
        assert_eq!(both[1].snippet, "\u{2}Kubernetes\u{3} upgrade plan");
        let blueprint = find(&conn, &q(&["blueprint"])).unwrap();
        assert!(blueprint.iter().all(|f| f.kind == "blueprint"));
        // The word "person" is a kind, not text: it matches nothing by itself.
        let q = Query {
            text: "person",
            ..q(&["person"])
        };
        assert!(find(&conn, &q).unwrap().is_empty());
    }

    #[test]
    fn newest_window_ranks_only_recent_matches() {
        let conn = db::open_in_memory().unwrap();
        conn.execute(
            "INSERT INTO people (id, name, created_at, updated_at) VALUES ('p', 'Ada', 'x', 'x')",
            [],
        )
        .unwrap();
        for i in 0..30 {
            conn.execute(
                "INSERT INTO talking_points (id, person_id, text, author, created_at)
                 VALUES (?1, 'p', ?2, 'mine', '2024-01-01T00:00:00Z')",
                params![format!("t{i:02}"), format!("latency note {i}")],
            )
            .unwrap();
        }
        let hits = find(
            &conn,
            &Query {
                text: "latency",
                kinds: &["point"],
                person_id: Some("p"),
                limit: 50,
                newest: Some(10),
            },
        )
        .unwrap();
        assert_eq!(hits.len(), 10);
        assert!(hits.iter().all(|h| h.ref_id.as_str() >= "t20"), "{hits:?}");
    }
}
