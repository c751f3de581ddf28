//! The two ladders Leadbook ships (data/ladders.json), seeded once after the skills catalog.
//! Management competencies take their "meets bar" and "exceeds" anchors from the blueprint's
//! scorecard dimensions; expected skills name skills by their blueprint node.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::model::Track;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::time::now_utc;
use crate::{blueprint, json, seed};

const SEEDED_FLAG: &str = "ladders_seeded";

pub const SEED_JSON: &str = include_str!("../../data/ladders.json");

#[derive(Debug, Deserialize)]
pub(crate) struct LaddersSeed {
    pub ladders: Vec<LadderSeed>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LadderSeed {
    pub name: String,
    pub track: Track,
    pub description: String,
    pub levels: Vec<LevelSeed>,
    pub competencies: Vec<CompetencySeed>,
    /// Level key → blueprint skill node → expected level.
    pub expected_skills: BTreeMap<String, BTreeMap<String, u8>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LevelSeed {
    pub key: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct CompetencySeed {
    pub slug: String,
    pub name: String,
    pub source_id: String,
    pub description: String,
    /// Level key → text, with `{meets}` / `{exceeds}` for the scorecard anchors.
    pub expectations: BTreeMap<String, String>,
}

pub(crate) fn seed_data() -> Result<LaddersSeed> {
    json::from_text(SEED_JSON, "ladders seed")
}

/// The expectation text as seeded: `{meets}` and `{exceeds}` replaced by the anchors of the
/// scorecard dimension the competency comes from.
pub(crate) fn expand(text: &str, anchors: Option<&blueprint::ScorecardDimensionSeed>) -> String {
    match anchors {
        Some(d) => text
            .replace("{meets}", d.meets_bar.trim_end_matches('.'))
            .replace("{exceeds}", d.exceeds.trim_end_matches('.')),
        None => text.to_string(),
    }
}

/// Seeds the shipped ladders on first run (after the skills catalog); never again.
pub fn ensure_seeded(conn: &Connection) -> Result<()> {
    seed::once(conn, SEEDED_FLAG, |tx| {
        let data = seed_data()?;
        let dimensions = blueprint::scorecard_dimensions(tx)?;
        let now = now_utc();
        for (li, l) in data.ladders.iter().enumerate() {
            let ladder_id = new_id();
            tx.execute(
                "INSERT INTO ladders (id, name, track, description, position, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![ladder_id, l.name, l.track, l.description, li as i64, now],
            )?;
            let mut level_ids = BTreeMap::new();
            for (i, level) in l.levels.iter().enumerate() {
                let id = new_id();
                tx.execute(
                    "INSERT INTO ladder_levels (id, ladder_id, key, title, summary, position)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        id,
                        ladder_id,
                        level.key,
                        level.title,
                        level.summary,
                        i as i64
                    ],
                )?;
                level_ids.insert(level.key.clone(), id);
            }
            let level_id = |key: &str| {
                level_ids.get(key).cloned().ok_or_else(|| {
                    Error::storage(format!("ladders seed: {} has no level {key}", l.name))
                })
            };
            for (i, c) in l.competencies.iter().enumerate() {
                let id = new_id();
                tx.execute(
                    "INSERT INTO competencies (id, ladder_id, slug, name, description, source_id, position)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![id, ladder_id, c.slug, c.name, c.description, c.source_id, i as i64],
                )?;
                let anchors = dimensions.iter().find(|d| d.source_id == c.source_id);
                for (key, text) in &c.expectations {
                    tx.execute(
                        "INSERT INTO competency_expectations (competency_id, level_id, text) VALUES (?1, ?2, ?3)",
                        params![id, level_id(key)?, expand(text, anchors)],
                    )?;
                }
            }
            for (key, skills) in &l.expected_skills {
                let level = level_id(key)?;
                for (source, expected) in skills {
                    let skill: Option<String> = tx
                        .query_row(
                            "SELECT id FROM skills WHERE source_id = ?1",
                            [source],
                            |r| r.get(0),
                        )
                        .optional()?;
                    let skill = skill.ok_or_else(|| {
                        Error::storage(format!("ladders seed: no skill seeded from {source}"))
                    })?;
                    tx.execute(
                        "INSERT INTO level_skills (level_id, skill_id, level) VALUES (?1, ?2, ?3)",
                        params![level, skill, expected],
                    )?;
                }
            }
        }
        Ok(())
    })
}
