//! The catalog: skills seeded from the blueprint, added, renamed, retired and restored; and the
//! rating scale's editable labels.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Deserialize;

use super::model::{
    ScaleStep, Skill, SkillInput, MAX_CATEGORY_CHARS, MAX_DESCRIPTION_CHARS, MAX_LEVEL,
    MAX_SKILL_NAME_CHARS,
};
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::time::now_utc;
use crate::{blueprint, json, seed, text};

const SEEDED_FLAG: &str = "skills_seeded";

/// Short names and categories for the blueprint's skills (see the file's comment).
pub const SEED_JSON: &str = include_str!("../../data/skills.json");

#[derive(Debug, Deserialize)]
pub(crate) struct SkillsSeed {
    /// Blueprint tier title ("" for soft skills) → category.
    pub categories: BTreeMap<String, String>,
    /// Blueprint node id → short name.
    pub names: BTreeMap<String, String>,
}

pub(crate) fn seed_data() -> Result<SkillsSeed> {
    json::from_text(SEED_JSON, "skills seed")
}

/// Seeds the catalog from the blueprint's skills once (all tiers, then the soft skills), each
/// linked to its blueprint node. Never runs again, so the user's edits stand.
pub fn ensure_seeded(conn: &Connection) -> Result<()> {
    seed::once(conn, SEEDED_FLAG, |tx| {
        let data = seed_data()?;
        let now = now_utc();
        for (i, s) in blueprint::skills_catalog(tx)?.into_iter().enumerate() {
            let category = data.categories.get(&s.tier).cloned().ok_or_else(|| {
                Error::storage(format!("skills seed: no category for tier \"{}\"", s.tier))
            })?;
            let name = data
                .names
                .get(&s.source_id)
                .cloned()
                .unwrap_or(s.name.clone());
            let detail = s.description.or(s.usage).unwrap_or_default();
            let description = if detail.is_empty() {
                s.name.clone()
            } else {
                format!("{}: {detail}", s.name)
            };
            tx.prepare_cached(
                "INSERT INTO skills (id, name, category, description, source_id, position, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![new_id(), name, category, description, s.source_id, i as i64, now])?;
        }
        Ok(())
    })
}

pub(super) const SKILL_COLUMNS: &str =
    "id, name, category, description, source_id, position, retired_at";

pub(super) fn skill_from_row(r: &Row) -> rusqlite::Result<Skill> {
    Ok(Skill {
        id: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        description: r.get(3)?,
        source_id: r.get(4)?,
        position: r.get(5)?,
        retired_at: r.get(6)?,
    })
}

pub fn get_skill(conn: &Connection, id: &str) -> Result<Skill> {
    conn.prepare_cached(&format!("SELECT {SKILL_COLUMNS} FROM skills WHERE id = ?1"))?
        .query_row([id], skill_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("Skill"))
}

/// The catalog in order (category groups in the order they first appear, then position).
pub fn skills(conn: &Connection, include_retired: bool) -> Result<Vec<Skill>> {
    let sql = format!(
        "SELECT {SKILL_COLUMNS} FROM skills s
         WHERE (?1 OR retired_at IS NULL)
         ORDER BY (SELECT min(position) FROM skills g WHERE g.category = s.category), position, id"
    );
    let list = conn
        .prepare_cached(&sql)?
        .query_map([include_retired], skill_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

/// The active skill named `name` (any case), if any.
pub fn find_active(conn: &Connection, name: &str) -> Result<Option<Skill>> {
    let wanted = name.trim().to_lowercase();
    Ok(skills(conn, false)?
        .into_iter()
        .find(|s| s.name.to_lowercase() == wanted))
}

struct Valid {
    name: String,
    category: String,
    description: String,
}

fn validate(input: &SkillInput) -> Result<Valid> {
    let name = text::required_line("name", "Name", &input.name, MAX_SKILL_NAME_CHARS)?;
    let category =
        text::required_line("category", "Category", &input.category, MAX_CATEGORY_CHARS)?;
    let description = input.description.clone().unwrap_or_default();
    text::prose(
        "description",
        "Description",
        &description,
        MAX_DESCRIPTION_CHARS,
    )?;
    Ok(Valid {
        name,
        category,
        description: description.trim().to_string(),
    })
}

/// An active skill other than `except` already has this name (any case): a conflict that names it.
fn ensure_name_free(conn: &Connection, name: &str, except: &str) -> Result<()> {
    if let Some(other) = find_active(conn, name)? {
        if other.id != except {
            return Err(Error::conflict(
                "name",
                format!("There is already a skill called “{}”", other.name),
            ));
        }
    }
    Ok(())
}

/// Adds a skill at the end of its category (a new category goes last).
pub fn add_skill(conn: &Connection, input: &SkillInput) -> Result<Skill> {
    let v = validate(input)?;
    write(conn, |tx| add_in(tx, &v.name, &v.category, &v.description))
}

pub(super) fn add_in(
    tx: &Connection,
    name: &str,
    category: &str,
    description: &str,
) -> Result<Skill> {
    ensure_name_free(tx, name, "")?;
    // Groups are ordered by their first skill, so a position only has to sort within its
    // category: after its last skill, or after everything for a new category.
    let position = next_position(tx, category)?;
    let id = new_id();
    let now = now_utc();
    tx.execute(
        "INSERT INTO skills (id, name, category, description, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, name, category, description, position, now],
    )?;
    get_skill(tx, &id)
}

fn next_position(conn: &Connection, category: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT max(position) + 1 FROM skills WHERE category = ?1),
                         (SELECT max(position) + 1 FROM skills), 0)",
        [category],
        |r| r.get(0),
    )?)
}

/// Renames a skill or changes its category or description. Its ratings stay with it.
pub fn update_skill(conn: &Connection, id: &str, input: &SkillInput) -> Result<Skill> {
    let v = validate(input)?;
    write(conn, |tx| {
        let current = get_skill(tx, id)?;
        if current.retired_at.is_none() {
            ensure_name_free(tx, &v.name, id)?;
        }
        let position = if current.category == v.category {
            current.position
        } else {
            next_position(tx, &v.category)?
        };
        tx.execute(
            "UPDATE skills SET name = ?2, category = ?3, description = ?4, position = ?5, updated_at = ?6
             WHERE id = ?1",
            params![id, v.name, v.category, v.description, position, now_utc()],
        )?;
        get_skill(tx, id)
    })
}

/// Retires a skill: it leaves the matrix and the catalog's default list; its ratings are kept.
pub fn retire_skill(conn: &Connection, id: &str) -> Result<Skill> {
    write(conn, |tx| {
        let skill = get_skill(tx, id)?;
        if skill.retired_at.is_none() {
            tx.execute(
                "UPDATE skills SET retired_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id, now_utc()],
            )?;
        }
        get_skill(tx, id)
    })
}

/// Brings a retired skill back, unless an active skill has taken its name meanwhile.
pub fn restore_skill(conn: &Connection, id: &str) -> Result<Skill> {
    write(conn, |tx| {
        let skill = get_skill(tx, id)?;
        if skill.retired_at.is_some() {
            ensure_name_free(tx, &skill.name, id)?;
            tx.execute(
                "UPDATE skills SET retired_at = NULL, updated_at = ?2 WHERE id = ?1",
                params![id, now_utc()],
            )?;
        }
        get_skill(tx, id)
    })
}

/// The rating scale, 0 to 4.
pub fn scale(conn: &Connection) -> Result<Vec<ScaleStep>> {
    let steps = conn
        .prepare_cached("SELECT level, name, description FROM skill_scale ORDER BY level")?
        .query_map([], |r| {
            Ok(ScaleStep {
                level: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(steps)
}

/// Renames a step of the scale (the numbers stay; only what they are called changes).
pub fn set_scale_step(conn: &Connection, step: &ScaleStep) -> Result<Vec<ScaleStep>> {
    if step.level > MAX_LEVEL {
        return Err(Error::invalid("level", "The scale runs from 0 to 4"));
    }
    let name = text::required_line("name", "Name", &step.name, 40)?;
    text::prose("description", "Description", &step.description, 500)?;
    write(conn, |tx| {
        tx.execute(
            "UPDATE skill_scale SET name = ?2, description = ?3 WHERE level = ?1",
            params![step.level, name, step.description.trim()],
        )?;
        scale(tx)
    })
}
