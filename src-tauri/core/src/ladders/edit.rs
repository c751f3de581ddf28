//! Reading ladders and editing them: levels, competencies, expectation texts and expected
//! skills. Every change goes on the kernel's revision log (area `ladders`, scope = the ladder),
//! with who, when, from and to.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::{
    Competency, CompetencyInput, Expectation, ExpectedSkill, Ladder, LadderEvent, LadderInput,
    LadderSummary, Level, LevelInput, MAX_KEY_CHARS, MAX_NAME_CHARS, MAX_SLUG_CHARS,
    MAX_TEXT_CHARS,
};
use crate::db::write;
use crate::error::{Error, ErrorCode, Result};
use crate::ids::new_id;
use crate::revisions::{self, Change};
use crate::time::now_utc;
use crate::{skills, text};

pub(super) const AREA: &str = "ladders";

/// Logs a change to the ladder `scope` (or, for placements and assessments, to a person).
pub(super) fn log(
    conn: &Connection,
    scope: &str,
    entity: &str,
    action: &str,
    summary: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<()> {
    revisions::record(
        conn,
        &Change {
            area: AREA,
            scope,
            entity_id: Some(entity),
            action,
            summary,
            reason: None,
            before: before.map(str::to_owned),
            after: after.map(str::to_owned),
        },
    )?;
    Ok(())
}

pub fn list_ladders(conn: &Connection) -> Result<Vec<LadderSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.name, l.track, l.description,
                (SELECT count(*) FROM competencies c WHERE c.ladder_id = l.id),
                (SELECT count(*) FROM ladder_placements p JOIN people x ON x.id = p.person_id
                  WHERE p.ladder_id = l.id AND x.archived_at IS NULL)
         FROM ladders l ORDER BY l.position, lower(l.name)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(LadderSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            track: r.get(2)?,
            description: r.get(3)?,
            levels: vec![],
            competencies: r.get(4)?,
            people: r.get(5)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let mut l = row?;
        l.levels = levels(conn, &l.id)?.into_iter().map(|v| v.key).collect();
        out.push(l);
    }
    Ok(out)
}

fn level_from_row(r: &Row) -> rusqlite::Result<Level> {
    Ok(Level {
        id: r.get(0)?,
        key: r.get(1)?,
        title: r.get(2)?,
        summary: r.get(3)?,
        position: r.get(4)?,
    })
}

pub(super) fn levels(conn: &Connection, ladder_id: &str) -> Result<Vec<Level>> {
    let list = conn
        .prepare_cached(
            "SELECT id, key, title, summary, position FROM ladder_levels WHERE ladder_id = ?1
             ORDER BY position, id",
        )?
        .query_map([ladder_id], level_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

/// A level and the ladder it belongs to.
pub(super) fn get_level(conn: &Connection, level_id: &str) -> Result<(String, Level)> {
    conn.prepare_cached(
        "SELECT id, key, title, summary, position, ladder_id FROM ladder_levels WHERE id = ?1",
    )?
    .query_row([level_id], |r| Ok((r.get(5)?, level_from_row(r)?)))
    .optional()?
    .ok_or_else(|| Error::not_found("Level"))
}

/// The level of a ladder named by its id or its key (any case).
pub fn find_level(conn: &Connection, ladder_id: &str, reference: &str) -> Result<Level> {
    let wanted = reference.trim().to_lowercase();
    levels(conn, ladder_id)?
        .into_iter()
        .find(|l| l.id == reference.trim() || l.key.to_lowercase() == wanted)
        .ok_or_else(|| Error::not_found(&format!("Level \"{}\"", reference.trim())).on("level"))
}

fn ladder_row(conn: &Connection, id: &str) -> Result<(String, super::model::Track, String)> {
    conn.prepare_cached("SELECT name, track, description FROM ladders WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("Ladder"))
}

/// A whole ladder.
pub fn ladder(conn: &Connection, id: &str) -> Result<Ladder> {
    let (name, track, description) = ladder_row(conn, id)?;
    let levels = levels(conn, id)?;
    let mut texts = std::collections::HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT e.competency_id, e.level_id, e.text FROM competency_expectations e
             JOIN competencies c ON c.id = e.competency_id WHERE c.ladder_id = ?1",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (c, l, t) = row?;
            texts.insert((c, l), t);
        }
    }
    let competencies = conn
        .prepare_cached(
            "SELECT id, slug, name, description, source_id FROM competencies WHERE ladder_id = ?1
             ORDER BY position, id",
        )?
        .query_map([id], |r| {
            Ok(Competency {
                id: r.get(0)?,
                slug: r.get(1)?,
                name: r.get(2)?,
                description: r.get(3)?,
                source_id: r.get(4)?,
                expectations: vec![],
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|mut c| {
            c.expectations = levels
                .iter()
                .map(|l| Expectation {
                    level_id: l.id.clone(),
                    text: texts
                        .remove(&(c.id.clone(), l.id.clone()))
                        .unwrap_or_default(),
                })
                .collect();
            c
        })
        .collect();
    let expected_skills = conn
        .prepare_cached(
            "SELECT ls.level_id, ls.skill_id, s.name, s.category, ls.level
             FROM level_skills ls JOIN ladder_levels l ON l.id = ls.level_id
             JOIN skills s ON s.id = ls.skill_id
             WHERE l.ladder_id = ?1
             ORDER BY l.position, (SELECT min(position) FROM skills g WHERE g.category = s.category), s.position",
        )?
        .query_map([id], |r| {
            Ok(ExpectedSkill {
                level_id: r.get(0)?,
                skill_id: r.get(1)?,
                skill_name: r.get(2)?,
                category: r.get(3)?,
                level: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Ladder {
        id: id.to_string(),
        name,
        track,
        description,
        levels,
        competencies,
        expected_skills,
    })
}

/// The ladder `reference` names: its id or its name (any case), or a unique part of the name.
pub fn find_ladder(conn: &Connection, reference: &str) -> Result<Ladder> {
    let wanted = reference.trim().to_lowercase();
    let all = list_ladders(conn)?;
    if let Some(l) = all
        .iter()
        .find(|l| l.id == reference.trim() || l.name.to_lowercase() == wanted)
    {
        return ladder(conn, &l.id);
    }
    let partial: Vec<_> = all
        .iter()
        .filter(|l| l.name.to_lowercase().contains(&wanted))
        .collect();
    match partial.as_slice() {
        [one] => ladder(conn, &one.id),
        [] => Err(Error::not_found(&format!(
            "Ladder \"{}\"",
            reference.trim()
        ))),
        many => Err(Error::new(
            ErrorCode::Conflict,
            format!(
                "\"{}\" matches {} ladders: {}",
                reference.trim(),
                many.len(),
                many.iter()
                    .map(|l| l.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

fn check_name_free(conn: &Connection, name: &str, except: &str) -> Result<()> {
    let taken: Option<String> = conn
        .query_row(
            "SELECT name FROM ladders WHERE lower(name) = lower(?1) AND id <> ?2",
            params![name, except],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(n) => Err(Error::conflict(
            "name",
            format!("There is already a ladder called “{n}”"),
        )),
        None => Ok(()),
    }
}

pub fn create_ladder(conn: &Connection, input: &LadderInput) -> Result<Ladder> {
    let name = text::required_line("name", "Name", &input.name, MAX_NAME_CHARS)?;
    let description = input.description.clone().unwrap_or_default();
    text::prose("description", "Description", &description, MAX_TEXT_CHARS)?;
    write(conn, |tx| {
        check_name_free(tx, &name, "")?;
        let id = new_id();
        let now = now_utc();
        tx.execute(
            "INSERT INTO ladders (id, name, track, description, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position) + 1, 0) FROM ladders), ?5, ?5)",
            params![id, name, input.track, description.trim(), now],
        )?;
        log(
            tx,
            &id,
            &id,
            "create",
            &format!("Created the ladder “{name}”"),
            None,
            None,
        )?;
        ladder(tx, &id)
    })
}

pub fn update_ladder(conn: &Connection, id: &str, input: &LadderInput) -> Result<Ladder> {
    let name = text::required_line("name", "Name", &input.name, MAX_NAME_CHARS)?;
    let description = input.description.clone().unwrap_or_default();
    text::prose("description", "Description", &description, MAX_TEXT_CHARS)?;
    write(conn, |tx| {
        let (old_name, old_track, old_description) = ladder_row(tx, id)?;
        check_name_free(tx, &name, id)?;
        tx.execute(
            "UPDATE ladders SET name = ?2, track = ?3, description = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, name, input.track, description.trim(), now_utc()],
        )?;
        let mut parts = Vec::new();
        if old_name != name {
            parts.push(format!("Renamed “{old_name}” → “{name}”"));
        }
        if old_track != input.track {
            parts.push(format!(
                "Track {} → {}",
                old_track.as_str(),
                input.track.as_str()
            ));
        }
        if old_description != description.trim() {
            parts.push("Description edited".into());
        }
        if !parts.is_empty() {
            log(
                tx,
                id,
                id,
                "edit",
                &parts.join("; "),
                Some(&old_description),
                Some(description.trim()),
            )?;
        }
        ladder(tx, id)
    })
}

fn valid_level(input: &LevelInput) -> Result<(String, String, String)> {
    let key = text::required_line("key", "Key", &input.key, MAX_KEY_CHARS)?;
    if key.contains(char::is_whitespace) {
        return Err(Error::invalid(
            "key",
            "A level key is one word, like L4 or M1",
        ));
    }
    let title = text::required_line("title", "Title", &input.title, MAX_NAME_CHARS)?;
    let summary = input.summary.clone().unwrap_or_default();
    text::prose("summary", "Summary", &summary, MAX_TEXT_CHARS)?;
    Ok((key, title, summary.trim().to_string()))
}

fn check_key_free(conn: &Connection, ladder_id: &str, key: &str, except: &str) -> Result<()> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM ladder_levels WHERE ladder_id = ?1 AND lower(key) = lower(?2) AND id <> ?3)",
        params![ladder_id, key, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::conflict(
            "key",
            format!("This ladder already has a level {key}"),
        ));
    }
    Ok(())
}

/// Adds a level above the ladder's top one.
pub fn add_level(conn: &Connection, ladder_id: &str, input: &LevelInput) -> Result<Ladder> {
    let (key, title, summary) = valid_level(input)?;
    write(conn, |tx| {
        ladder_row(tx, ladder_id)?;
        check_key_free(tx, ladder_id, &key, "")?;
        let id = new_id();
        tx.execute(
            "INSERT INTO ladder_levels (id, ladder_id, key, title, summary, position)
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position) + 1, 0) FROM ladder_levels WHERE ladder_id = ?2))",
            params![id, ladder_id, key, title, summary],
        )?;
        log(
            tx,
            ladder_id,
            &id,
            "add-level",
            &format!("Added level {key} {title}"),
            None,
            Some(&title),
        )?;
        ladder(tx, ladder_id)
    })
}

pub fn update_level(conn: &Connection, level_id: &str, input: &LevelInput) -> Result<Ladder> {
    let (key, title, summary) = valid_level(input)?;
    write(conn, |tx| {
        let (ladder_id, old) = get_level(tx, level_id)?;
        check_key_free(tx, &ladder_id, &key, level_id)?;
        tx.execute(
            "UPDATE ladder_levels SET key = ?2, title = ?3, summary = ?4 WHERE id = ?1",
            params![level_id, key, title, summary],
        )?;
        let mut parts = Vec::new();
        if old.key != key {
            parts.push(format!("key {} → {key}", old.key));
        }
        if old.title != title {
            parts.push(format!("title “{}” → “{title}”", old.title));
        }
        if old.summary != summary {
            parts.push("summary edited".into());
        }
        if !parts.is_empty() {
            log(
                tx,
                &ladder_id,
                level_id,
                "edit-level",
                &format!("Level {}: {}", old.key, parts.join("; ")),
                Some(&old.summary),
                Some(&summary),
            )?;
        }
        ladder(tx, &ladder_id)
    })
}

/// Deletes a level nobody is placed on or aims for (its texts and expected skills go with it).
pub fn delete_level(conn: &Connection, level_id: &str) -> Result<Ladder> {
    write(conn, |tx| {
        let (ladder_id, level) = get_level(tx, level_id)?;
        let used: i64 = tx.query_row(
            "SELECT count(*) FROM ladder_placements WHERE level_id = ?1 OR target_level_id = ?1",
            [level_id],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(Error::conflict(
                "level",
                format!(
                    "{used} {} placed on or aiming for {}; move them first",
                    if used == 1 { "person is" } else { "people are" },
                    level.key
                ),
            ));
        }
        tx.execute("DELETE FROM ladder_levels WHERE id = ?1", [level_id])?;
        log(
            tx,
            &ladder_id,
            level_id,
            "delete-level",
            &format!("Deleted level {} {}", level.key, level.title),
            Some(&level.title),
            None,
        )?;
        ladder(tx, &ladder_id)
    })
}

/// A slug from a name: lowercase ASCII letters and digits, words joined by hyphens.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(MAX_SLUG_CHARS)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn valid_competency(input: &CompetencyInput) -> Result<(String, String, String)> {
    let name = text::required_line("name", "Name", &input.name, MAX_NAME_CHARS)?;
    let slug = match input
        .slug
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => {
            let ok = s.len() <= MAX_SLUG_CHARS
                && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !ok {
                return Err(Error::invalid(
                    "slug",
                    "A tag is lowercase letters, digits and hyphens, like incident-leadership",
                ));
            }
            s.to_string()
        }
        None => slugify(&name),
    };
    if slug.is_empty() {
        return Err(Error::invalid(
            "slug",
            "Give the competency a tag of letters or digits",
        ));
    }
    let description = input.description.clone().unwrap_or_default();
    text::prose("description", "Description", &description, MAX_TEXT_CHARS)?;
    Ok((slug, name, description.trim().to_string()))
}

fn check_slug_free(conn: &Connection, ladder_id: &str, slug: &str, except: &str) -> Result<()> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM competencies WHERE ladder_id = ?1 AND slug = ?2 AND id <> ?3)",
        params![ladder_id, slug, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::conflict(
            "slug",
            format!("This ladder already has a competency tagged #{slug}"),
        ));
    }
    Ok(())
}

/// The competency and the ladder it belongs to: (ladder id, slug, name).
pub(super) fn get_competency(conn: &Connection, id: &str) -> Result<(String, String, String)> {
    conn.prepare_cached("SELECT ladder_id, slug, name FROM competencies WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("Competency"))
}

pub fn add_competency(
    conn: &Connection,
    ladder_id: &str,
    input: &CompetencyInput,
) -> Result<Ladder> {
    let (slug, name, description) = valid_competency(input)?;
    write(conn, |tx| {
        ladder_row(tx, ladder_id)?;
        check_slug_free(tx, ladder_id, &slug, "")?;
        let id = new_id();
        tx.execute(
            "INSERT INTO competencies (id, ladder_id, slug, name, description, position)
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position) + 1, 0) FROM competencies WHERE ladder_id = ?2))",
            params![id, ladder_id, slug, name, description],
        )?;
        log(
            tx,
            ladder_id,
            &id,
            "add-competency",
            &format!("Added the competency {name} (#{slug})"),
            None,
            Some(&name),
        )?;
        ladder(tx, ladder_id)
    })
}

pub fn update_competency(conn: &Connection, id: &str, input: &CompetencyInput) -> Result<Ladder> {
    let (slug, name, description) = valid_competency(input)?;
    write(conn, |tx| {
        let (ladder_id, old_slug, old_name) = get_competency(tx, id)?;
        check_slug_free(tx, &ladder_id, &slug, id)?;
        let old_description: String = tx.query_row(
            "SELECT description FROM competencies WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE competencies SET slug = ?2, name = ?3, description = ?4 WHERE id = ?1",
            params![id, slug, name, description],
        )?;
        let mut parts = Vec::new();
        if old_name != name {
            parts.push(format!("renamed “{old_name}” → “{name}”"));
        }
        if old_slug != slug {
            parts.push(format!("tag #{old_slug} → #{slug}"));
        }
        if old_description != description {
            parts.push("description edited".into());
        }
        if !parts.is_empty() {
            log(
                tx,
                &ladder_id,
                id,
                "edit-competency",
                &format!("{old_name}: {}", parts.join("; ")),
                Some(&old_description),
                Some(&description),
            )?;
        }
        ladder(tx, &ladder_id)
    })
}

/// Deletes a competency, unless evidence or assessments were recorded against it.
pub fn delete_competency(conn: &Connection, id: &str) -> Result<Ladder> {
    write(conn, |tx| {
        let (ladder_id, _, name) = get_competency(tx, id)?;
        let (evidence, assessed): (i64, i64) = tx.query_row(
            "SELECT (SELECT count(*) FROM evidence WHERE competency_id = ?1),
                    (SELECT count(*) FROM competency_assessments WHERE competency_id = ?1)",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if evidence + assessed > 0 {
            return Err(Error::conflict(
                "competency",
                format!("{name} has {evidence} evidence entries and {assessed} assessments; they would be lost"),
            ));
        }
        tx.execute("DELETE FROM competencies WHERE id = ?1", [id])?;
        log(
            tx,
            &ladder_id,
            id,
            "delete-competency",
            &format!("Deleted the competency {name}"),
            Some(&name),
            None,
        )?;
        ladder(tx, &ladder_id)
    })
}

/// Sets what a competency expects at a level (blank clears it).
pub fn set_expectation(
    conn: &Connection,
    competency_id: &str,
    level_id: &str,
    text_value: &str,
) -> Result<Ladder> {
    text::prose("text", "Expectation", text_value, MAX_TEXT_CHARS)?;
    let new_text = text_value.trim().to_string();
    write(conn, |tx| {
        let (ladder_id, _, name) = get_competency(tx, competency_id)?;
        let (level_ladder, level) = get_level(tx, level_id)?;
        if level_ladder != ladder_id {
            return Err(Error::invalid(
                "level_id",
                "That level belongs to another ladder",
            ));
        }
        let old: String = tx
            .query_row(
                "SELECT text FROM competency_expectations WHERE competency_id = ?1 AND level_id = ?2",
                params![competency_id, level_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        if old == new_text {
            return ladder(tx, &ladder_id);
        }
        if new_text.is_empty() {
            tx.execute(
                "DELETE FROM competency_expectations WHERE competency_id = ?1 AND level_id = ?2",
                params![competency_id, level_id],
            )?;
        } else {
            tx.execute(
                "INSERT INTO competency_expectations (competency_id, level_id, text) VALUES (?1, ?2, ?3)
                 ON CONFLICT (competency_id, level_id) DO UPDATE SET text = excluded.text",
                params![competency_id, level_id, new_text],
            )?;
        }
        log(
            tx,
            &ladder_id,
            competency_id,
            "edit-expectation",
            &format!("{} · {name}: expectation edited", level.key),
            Some(&old),
            Some(&new_text),
        )?;
        ladder(tx, &ladder_id)
    })
}

/// Sets the skill level a ladder level expects (`None` removes the expectation).
pub fn set_expected_skill(
    conn: &Connection,
    level_id: &str,
    skill_id: &str,
    expected: Option<u8>,
) -> Result<Ladder> {
    if expected.is_some_and(|l| !(1..=4).contains(&l)) {
        return Err(Error::invalid("level", "An expected skill level is 1 to 4"));
    }
    write(conn, |tx| {
        let (ladder_id, level) = get_level(tx, level_id)?;
        let skill = skills::get_skill(tx, skill_id)?;
        let old: Option<u8> = tx
            .query_row(
                "SELECT level FROM level_skills WHERE level_id = ?1 AND skill_id = ?2",
                params![level_id, skill_id],
                |r| r.get(0),
            )
            .optional()?;
        if old == expected {
            return ladder(tx, &ladder_id);
        }
        match expected {
            Some(l) => tx.execute(
                "INSERT INTO level_skills (level_id, skill_id, level) VALUES (?1, ?2, ?3)
                 ON CONFLICT (level_id, skill_id) DO UPDATE SET level = excluded.level",
                params![level_id, skill_id, l],
            )?,
            None => tx.execute(
                "DELETE FROM level_skills WHERE level_id = ?1 AND skill_id = ?2",
                params![level_id, skill_id],
            )?,
        };
        let show = |v: Option<u8>| v.map_or("none".to_string(), |l| l.to_string());
        log(
            tx,
            &ladder_id,
            level_id,
            "expected-skill",
            &format!(
                "{} · {}: expected {} → {}",
                level.key,
                skill.name,
                show(old),
                show(expected)
            ),
            Some(&show(old)),
            Some(&show(expected)),
        )?;
        ladder(tx, &ladder_id)
    })
}

/// A ladder's changes (or a person's placements and assessments), newest first.
pub fn history(conn: &Connection, scope: &str, limit: u32) -> Result<Vec<LadderEvent>> {
    Ok(revisions::list(conn, AREA, scope, limit)?
        .into_iter()
        .map(|e| LadderEvent {
            at: e.at,
            actor: e.actor,
            summary: e.summary,
            before: e.before,
            after: e.after,
        })
        .collect())
}
