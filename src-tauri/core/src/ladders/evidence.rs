//! The evidence log: dated entries per person and competency, typed by the manager or filed from
//! a `#competency-slug` tag in a 1:1's agenda or shared notes or in an action item. Private notes
//! are never read here: evidence is what a promotion committee may see.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::edit::{get_competency, log};
use super::model::{Evidence, EvidenceInput, EvidenceSource, MAX_EVIDENCE_CHARS};
use super::placement::placement;
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::one_on_ones::{ActionItem, Meeting};
use crate::time::{date_field, now_utc, parse_date};
use crate::{people, text};

const EVIDENCE_SQL: &str =
    "SELECT e.id, e.person_id, e.competency_id, c.name, c.slug, e.date, e.text, e.source,
        e.meeting_id, m.date, e.created_at, e.updated_at
     FROM evidence e JOIN competencies c ON c.id = e.competency_id
     LEFT JOIN meetings m ON m.id = e.meeting_id";

fn evidence_from_row(r: &Row) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        person_id: r.get(1)?,
        competency_id: r.get(2)?,
        competency_name: r.get(3)?,
        slug: r.get(4)?,
        date: r.get(5)?,
        text: r.get(6)?,
        source: r.get(7)?,
        meeting_id: r.get(8)?,
        meeting_date: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// A person's evidence, newest first (every competency, any ladder).
pub fn evidence(conn: &Connection, person_id: &str) -> Result<Vec<Evidence>> {
    people::get(conn, person_id)?;
    let list = conn
        .prepare_cached(&format!(
            "{EVIDENCE_SQL} WHERE e.person_id = ?1 ORDER BY e.date DESC, e.created_at DESC"
        ))?
        .query_map([person_id], evidence_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

fn get_evidence(conn: &Connection, id: &str) -> Result<Evidence> {
    conn.prepare_cached(&format!("{EVIDENCE_SQL} WHERE e.id = ?1"))?
        .query_row([id], evidence_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Evidence"))
}

/// Adds an entry to the log by hand (dated today unless told otherwise; not in the future).
pub fn add_evidence(
    conn: &Connection,
    input: &EvidenceInput,
    today: NaiveDate,
) -> Result<Evidence> {
    let body = text::required_prose("text", "Evidence", &input.text, MAX_EVIDENCE_CHARS)?;
    let date = match input
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => date_field("date", d)?,
        None => today,
    };
    if date > today {
        return Err(Error::invalid(
            "date",
            "Evidence cannot be dated in the future",
        ));
    }
    write(conn, |tx| {
        let person = people::get(tx, &input.person_id)?;
        let (_, slug, name) =
            get_competency(tx, &input.competency_id).map_err(|e| e.on("competency_id"))?;
        let id = new_id();
        let now = now_utc();
        tx.execute(
            "INSERT INTO evidence (id, person_id, competency_id, date, text, source, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'manual', ?6, ?6)",
            params![id, person.id, input.competency_id, date.to_string(), body, now],
        )?;
        log(
            tx,
            &person.id,
            &id,
            "add-evidence",
            &format!(
                "{}, {name} (#{slug}): evidence added for {date}",
                person.name
            ),
            None,
            Some(&body),
        )?;
        get_evidence(tx, &id)
    })
}

/// Deletes an entry typed by hand. Tagged evidence belongs to its 1:1 note or action item:
/// remove the tag there instead (or the next save would file it again).
pub fn delete_evidence(conn: &Connection, id: &str) -> Result<()> {
    write(conn, |tx| {
        let e = get_evidence(tx, id)?;
        if e.source != EvidenceSource::Manual {
            return Err(Error::invalid(
                "evidence",
                format!(
                    "This came from a 1:1; remove #{} there to take it out of the log",
                    e.slug
                ),
            ));
        }
        tx.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
        let person = people::get(tx, &e.person_id)?;
        log(
            tx,
            &e.person_id,
            id,
            "delete-evidence",
            &format!(
                "{}, {}: evidence of {} deleted",
                person.name, e.competency_name, e.date
            ),
            Some(&e.text),
            None,
        )?;
        Ok(())
    })
}

/// The `#tags` in a piece of text: a `#` at the start or after a space or punctuation (not a
/// Markdown heading's `## `), then lowercase letters, digits and hyphens; lowercased.
pub fn tags(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == '#'
            && (i == 0
                || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '#' || chars[i - 1] == '&'));
        if starts {
            let mut j = i + 1;
            let mut tag = String::new();
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '-') {
                tag.push(chars[j].to_ascii_lowercase());
                j += 1;
            }
            let tag = tag.trim_end_matches('-').to_string();
            if !tag.is_empty() && !out.contains(&tag) {
                out.push(tag);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The paragraphs of notes, as evidence would quote them: blocks between blank lines, with each
/// list item and heading its own paragraph (list markers dropped, lines joined).
pub fn paragraphs(notes: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let flush = |current: &mut Vec<String>, out: &mut Vec<String>| {
        let p = current.join(" ").trim().to_string();
        if !p.is_empty() {
            out.push(p);
        }
        current.clear();
    };
    for line in notes.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        let item = list_item(trimmed);
        let heading =
            trimmed.starts_with("# ") || trimmed.starts_with("## ") || trimmed.starts_with("### ");
        if item.is_some() || heading {
            flush(&mut current, &mut out);
        }
        current.push(item.unwrap_or(trimmed).to_string());
        if heading {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The text of a Markdown list item line (`- x`, `* x`, `+ x`, `1. x`, `- [ ] x`), or `None`.
fn list_item(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
        .or_else(|| {
            let (n, rest) = line.split_once(". ")?;
            (!n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())).then_some(rest)
        })?;
    let rest = rest.trim_start();
    Some(
        rest.strip_prefix("[ ] ")
            .or_else(|| rest.strip_prefix("[x] "))
            .or_else(|| rest.strip_prefix("[X] "))
            .unwrap_or(rest),
    )
}

/// The competencies of the person's ladder by slug: slug → id. Empty off the ladders.
fn slugs(conn: &Connection, person_id: &str) -> Result<HashMap<String, String>> {
    let Some(p) = placement(conn, person_id)? else {
        return Ok(HashMap::new());
    };
    let map = conn
        .prepare_cached("SELECT slug, id FROM competencies WHERE ladder_id = ?1")?
        .query_map([&p.ladder_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

/// What tagged paragraphs should be on file: source key → (competency id, text).
type Wanted = Vec<(String, String, String)>;

/// Brings the evidence filed under `prefix` in line with `wanted`: new keys are added, changed
/// texts (or dates, or competencies) updated in place, keys no longer wanted removed. Writes
/// nothing when nothing changed (an autosave that changed no tagged paragraph).
#[allow(clippy::too_many_arguments)]
fn sync(
    tx: &Connection,
    person_id: &str,
    prefix: &str,
    wanted: Wanted,
    date: &str,
    source: EvidenceSource,
    meeting_id: Option<&str>,
) -> Result<()> {
    let mut existing: HashMap<String, (String, String, String, String)> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT source_key, id, competency_id, text, date FROM evidence
             WHERE source_key >= ?1 AND source_key < ?1 || char(0x10FFFF)",
        )?;
        let rows = stmt.query_map([prefix], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
            ))
        })?;
        for row in rows {
            let (k, v) = row?;
            existing.insert(k, v);
        }
    }
    let now = now_utc();
    for (key, competency, body) in wanted {
        match existing.remove(&key) {
            Some((id, c, t, d)) => {
                if c != competency || t != body || d != date {
                    tx.prepare_cached(
                        "UPDATE evidence SET competency_id = ?2, text = ?3, date = ?4, meeting_id = ?5, updated_at = ?6
                         WHERE id = ?1",
                    )?
                    .execute(params![id, competency, body, date, meeting_id, now])?;
                }
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO evidence (id, person_id, competency_id, date, text, source, meeting_id, source_key,
                                           created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                )?
                .execute(params![new_id(), person_id, competency, date, body, source, meeting_id, key, now])?;
            }
        }
    }
    for (_, (id, ..)) in existing {
        tx.prepare_cached("DELETE FROM evidence WHERE id = ?1")?
            .execute([id])?;
    }
    Ok(())
}

/// Files the #tagged paragraphs of a 1:1's agenda and shared notes as evidence on the person's
/// competencies, once each: the n-th paragraph tagged with a competency is one entry, updated in
/// place on every save and removed with its tag. Never reads the private notes. Called by the
/// 1:1 notes save, in its transaction.
pub fn file_from_meeting(tx: &Connection, meeting: &Meeting) -> Result<()> {
    let prefix = format!("meeting:{}:", meeting.id);
    let slugs = slugs(tx, &meeting.person_id)?;
    if slugs.is_empty() {
        // Off the ladders (or taken off one): file nothing, and leave what was filed alone.
        return Ok(());
    }
    let mut wanted = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for source in [&meeting.agenda, &meeting.shared_notes] {
        for p in paragraphs(source) {
            for tag in tags(&p) {
                if let Some(competency) = slugs.get(&tag) {
                    let n = seen.entry(competency.clone()).or_default();
                    *n += 1;
                    wanted.push((
                        format!("{prefix}{competency}:{n}"),
                        competency.clone(),
                        clip(&p),
                    ));
                }
            }
        }
    }
    sync(
        tx,
        &meeting.person_id,
        &prefix,
        wanted,
        &meeting.date,
        EvidenceSource::Notes,
        Some(&meeting.id),
    )
}

/// Files a #tagged action item as evidence (once per competency tagged), linked to the 1:1 it
/// came up in. Called by adding an action item, in its transaction.
pub fn file_from_action(tx: &Connection, action: &ActionItem) -> Result<()> {
    let prefix = format!("action:{}:", action.id);
    let slugs = slugs(tx, &action.person_id)?;
    if slugs.is_empty() {
        return Ok(());
    }
    let date = match &action.meeting_id {
        Some(m) => tx
            .query_row("SELECT date FROM meetings WHERE id = ?1", [m], |r| {
                r.get::<_, String>(0)
            })
            .optional()?,
        None => None,
    }
    .or_else(|| {
        action
            .created_at
            .get(..10)
            .filter(|d| parse_date(d).is_some())
            .map(str::to_owned)
    })
    .unwrap_or_default();
    let wanted = tags(&action.text)
        .into_iter()
        .filter_map(|tag| slugs.get(&tag).cloned())
        .map(|c| (format!("{prefix}{c}"), c, clip(&action.text)))
        .collect();
    sync(
        tx,
        &action.person_id,
        &prefix,
        wanted,
        &date,
        EvidenceSource::Action,
        action.meeting_id.as_deref(),
    )
}

fn clip(text: &str) -> String {
    text.trim().chars().take(MAX_EVIDENCE_CHARS).collect()
}

/// Evidence recorded for a person after `since` (a UTC instant), oldest first, as lines for the
/// 1:1 prep; leaves out what was filed from `except_meeting` (the last 1:1 itself).
pub fn changes_since(
    conn: &Connection,
    person_id: &str,
    since: &str,
    except_meeting: &str,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.name, e.date, e.source FROM evidence e JOIN competencies c ON c.id = e.competency_id
         WHERE e.person_id = ?1 AND e.created_at > ?2 AND (e.meeting_id IS NULL OR e.meeting_id <> ?3)
         ORDER BY e.created_at",
    )?;
    let rows = stmt.query_map(params![person_id, since, except_meeting], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, EvidenceSource>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, date, source) = row?;
        let from = match source {
            EvidenceSource::Manual => "",
            EvidenceSource::Notes => " (from a 1:1)",
            EvidenceSource::Action => " (from an action item)",
        };
        out.push(format!("New evidence on {name}, {date}{from}"));
    }
    Ok(out)
}
