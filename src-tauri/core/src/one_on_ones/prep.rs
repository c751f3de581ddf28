//! The prep: everything a manager needs five minutes before a 1:1.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::actions::open_actions;
use super::cadence::{cadence_status, settings};
use super::ensure_person;
use super::goals::goals;
use super::meetings::last_meeting;
use super::model::Prep;
use super::points::queued_points;
use super::templates::template;
use crate::error::Result;
use crate::people;
use crate::time::parse_date;

pub fn prep(conn: &Connection, person_id: &str, today: NaiveDate) -> Result<Prep> {
    let person = ensure_person(conn, person_id)?;
    let settings = settings(conn, person_id)?;
    let last = last_meeting(conn, person_id)?;
    let status = cadence_status(
        settings.cadence,
        last.as_ref().and_then(|m| parse_date(&m.date)),
        today,
    );
    let template = settings
        .template_id
        .as_deref()
        .map(|t| template(conn, t))
        .transpose()?;
    let goals = goals(conn, person_id)?;
    let mut since_last = Vec::new();
    if let Some(m) = &last {
        // Name what got done (the first few); a bare count says little in a prep.
        const NAMED: usize = 3;
        let done: Vec<String> = conn
            .prepare_cached(
                "SELECT text FROM action_items WHERE person_id = ?1 AND done_at > ?2
                 ORDER BY done_at",
            )?
            .query_map(params![person_id, m.created_at], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for text in done.iter().take(NAMED) {
            since_last.push(format!("Done: {text}"));
        }
        if done.len() > NAMED {
            let more = done.len() - NAMED;
            since_last.push(format!(
                "…and {more} more action item{} done",
                if more == 1 { "" } else { "s" }
            ));
        }
        for g in goals.iter().filter(|g| g.updated_at > m.created_at) {
            let status = g.status.as_str().replace('_', " ");
            since_last.push(if g.created_at > m.created_at {
                format!("New goal “{}” ({status})", g.title)
            } else {
                format!("Goal “{}” is now {status}", g.title)
            });
        }
        // What the profile edits changed, from the revision log (edits made before the log
        // existed are only known by their date).
        let changes = people::changes_since(conn, person_id, &m.created_at)?;
        for (day, summary) in &changes {
            since_last.push(format!("Profile, {day}: {summary}"));
        }
        // Skills and ladders: rating changes and new evidence (not what the last 1:1 itself filed).
        for change in crate::skills::changes_since(conn, person_id, &m.created_at)? {
            since_last.push(format!("Skill rating: {change}"));
        }
        since_last.extend(crate::ladders::evidence_since(
            conn,
            person_id,
            &m.created_at,
            &m.id,
        )?);
        if changes.is_empty()
            && person.updated_at > m.created_at
            && person.updated_at != person.created_at
        {
            let day = person.updated_at.get(..10).unwrap_or(&person.updated_at);
            since_last.push(format!("Profile edited on {day}"));
        }
    }
    Ok(Prep {
        status,
        template_name: template.as_ref().map(|t| t.name.clone()),
        last_meeting: last,
        open_actions: open_actions(conn, person_id, today)?,
        talking_points: queued_points(conn, person_id)?,
        suggested_questions: template.map(|t| t.questions).unwrap_or_default(),
        goals,
        since_last,
        person,
    })
}
