//! People on ladders: placements (ladder, current level, target level), assessments against the
//! target per competency (history on the revision log, scope = the person), and readiness with
//! the gap to the level measured against.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::edit::{get_competency, get_level, ladder, log};
use super::model::{
    AssessmentRating, Placement, PlacementInput, Readiness, ReadinessStatus, SkillGap, Standing,
};
use crate::db::write;
use crate::error::{Error, Result};
use crate::people;
use crate::text;
use crate::time::now_utc;

const PLACEMENT_SQL: &str =
    "SELECT p.person_id, p.ladder_id, l.name, p.level_id, cur.key, cur.title,
        p.target_level_id, tgt.key, tgt.title, p.updated_at
     FROM ladder_placements p JOIN ladders l ON l.id = p.ladder_id
     JOIN ladder_levels cur ON cur.id = p.level_id
     LEFT JOIN ladder_levels tgt ON tgt.id = p.target_level_id
     WHERE p.person_id = ?1";

/// Where a person is on a ladder, if anywhere.
pub fn placement(conn: &Connection, person_id: &str) -> Result<Option<Placement>> {
    Ok(conn
        .prepare_cached(PLACEMENT_SQL)?
        .query_row([person_id], |r| {
            Ok(Placement {
                person_id: r.get(0)?,
                ladder_id: r.get(1)?,
                ladder_name: r.get(2)?,
                level_id: r.get(3)?,
                level_key: r.get(4)?,
                level_title: r.get(5)?,
                target_level_id: r.get(6)?,
                target_key: r.get(7)?,
                target_title: r.get(8)?,
                updated_at: r.get(9)?,
            })
        })
        .optional()?)
}

fn describe(p: &Option<Placement>) -> String {
    match p {
        None => "not on a ladder".into(),
        Some(p) => match &p.target_key {
            Some(t) => format!("{} {} (target {t})", p.ladder_name, p.level_key),
            None => format!("{} {}", p.ladder_name, p.level_key),
        },
    }
}

/// Places a person on a ladder at a level, with an optional target level above it.
pub fn assign(conn: &Connection, input: &PlacementInput) -> Result<Placement> {
    write(conn, |tx| {
        let person = people::get(tx, &input.person_id)?;
        let (level_ladder, level) = get_level(tx, &input.level_id).map_err(|e| e.on("level_id"))?;
        if level_ladder != input.ladder_id {
            return Err(Error::invalid(
                "level_id",
                "That level belongs to another ladder",
            ));
        }
        if let Some(target) = &input.target_level_id {
            let (target_ladder, t) = get_level(tx, target).map_err(|e| e.on("target_level_id"))?;
            if target_ladder != input.ladder_id {
                return Err(Error::invalid(
                    "target_level_id",
                    "That level belongs to another ladder",
                ));
            }
            if t.position <= level.position {
                return Err(Error::invalid(
                    "target_level_id",
                    format!("The target must be above the current level ({})", level.key),
                ));
            }
        }
        let before = placement(tx, &input.person_id)?;
        tx.execute(
            "INSERT INTO ladder_placements (person_id, ladder_id, level_id, target_level_id, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (person_id) DO UPDATE SET ladder_id = excluded.ladder_id, level_id = excluded.level_id,
                target_level_id = excluded.target_level_id, updated_at = excluded.updated_at",
            params![input.person_id, input.ladder_id, input.level_id, input.target_level_id, now_utc()],
        )?;
        let after = placement(tx, &input.person_id)?;
        let (b, a) = (describe(&before), describe(&after));
        if b != a {
            log(
                tx,
                &person.id,
                &person.id,
                "place",
                &format!("{}: {b} → {a}", person.name),
                Some(&b),
                Some(&a),
            )?;
        }
        after.ok_or_else(|| Error::storage("the placement vanished as it was written"))
    })
}

/// Takes a person off their ladder (their assessments and evidence stay).
pub fn unassign(conn: &Connection, person_id: &str) -> Result<()> {
    write(conn, |tx| {
        let person = people::get(tx, person_id)?;
        let before = placement(tx, person_id)?;
        if before.is_some() {
            tx.execute(
                "DELETE FROM ladder_placements WHERE person_id = ?1",
                [person_id],
            )?;
            let b = describe(&before);
            log(
                tx,
                person_id,
                person_id,
                "place",
                &format!("{}: {b} → not on a ladder", person.name),
                Some(&b),
                None,
            )?;
        }
        Ok(())
    })
}

/// Records (or with `None`, clears) a person's assessment on a competency against their target.
pub fn assess(
    conn: &Connection,
    person_id: &str,
    competency_id: &str,
    rating: Option<AssessmentRating>,
    note: &str,
    today: NaiveDate,
) -> Result<Readiness> {
    text::prose("note", "Note", note, super::model::MAX_TEXT_CHARS)?;
    write(conn, |tx| {
        let person = people::get(tx, person_id)?;
        let (ladder_id, _, name) = get_competency(tx, competency_id)?;
        let placed = placement(tx, person_id)?;
        if placed.as_ref().map(|p| p.ladder_id.as_str()) != Some(ladder_id.as_str()) {
            return Err(Error::invalid(
                "competency_id",
                format!(
                    "{} is not on the ladder this competency belongs to",
                    person.name
                ),
            ));
        }
        let old: Option<(AssessmentRating, String)> = tx
            .query_row(
                "SELECT rating, note FROM competency_assessments WHERE person_id = ?1 AND competency_id = ?2",
                params![person_id, competency_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let new = rating.map(|r| (r, note.trim().to_string()));
        if old != new {
            match rating {
                Some(r) => tx.execute(
                    "INSERT INTO competency_assessments (person_id, competency_id, rating, note, assessed_on, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (person_id, competency_id) DO UPDATE SET rating = excluded.rating,
                        note = excluded.note, assessed_on = excluded.assessed_on, updated_at = excluded.updated_at",
                    params![person_id, competency_id, r, note.trim(), today.to_string(), now_utc()],
                )?,
                None => tx.execute(
                    "DELETE FROM competency_assessments WHERE person_id = ?1 AND competency_id = ?2",
                    params![person_id, competency_id],
                )?,
            };
            let show = |v: &Option<(AssessmentRating, String)>| {
                v.as_ref()
                    .map_or("not assessed".to_string(), |(r, _)| r.as_str().to_string())
            };
            let (b, a) = (show(&old), show(&new));
            log(
                tx,
                person_id,
                competency_id,
                "assess",
                &format!("{}, {name}: {b} → {a}", person.name),
                Some(&b),
                Some(&a),
            )?;
        }
        readiness(tx, person_id)?.ok_or_else(|| Error::storage("the placement vanished"))
    })
}

/// The skills a person's current level expects: (level key, skill id → level). `None` when the
/// person is not on a ladder.
pub fn expected_skills(
    conn: &Connection,
    person_id: &str,
) -> Result<Option<(String, HashMap<String, u8>)>> {
    let Some(p) = placement(conn, person_id)? else {
        return Ok(None);
    };
    let map = level_skills(conn, &p.level_id)?;
    Ok(Some((p.level_key, map)))
}

fn level_skills(conn: &Connection, level_id: &str) -> Result<HashMap<String, u8>> {
    let map = conn
        .prepare_cached("SELECT skill_id, level FROM level_skills WHERE level_id = ?1")?
        .query_map([level_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

/// A person's readiness for their target level (or the next one) and the gap to it: the
/// competencies assessed below or not yet assessed, and the expected skills whose latest manager
/// rating is under the expectation (never rated counts as under). `None` off the ladders.
pub fn readiness(conn: &Connection, person_id: &str) -> Result<Option<Readiness>> {
    people::get(conn, person_id)?;
    let Some(p) = placement(conn, person_id)? else {
        return Ok(None);
    };
    let l = ladder(conn, &p.ladder_id)?;
    let current = l.levels.iter().position(|v| v.id == p.level_id);
    let against = match &p.target_level_id {
        Some(t) => l.levels.iter().find(|v| &v.id == t),
        None => current.and_then(|i| l.levels.get(i + 1)),
    };
    let mut assessments: HashMap<String, (AssessmentRating, String, String)> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT competency_id, rating, note, assessed_on FROM competency_assessments WHERE person_id = ?1",
        )?;
        let rows = stmt.query_map([person_id], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?;
        for row in rows {
            let (c, a) = row?;
            assessments.insert(c, a);
        }
    }
    let mut evidence: HashMap<String, (u32, String)> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT competency_id, count(*), max(date) FROM evidence WHERE person_id = ?1 GROUP BY competency_id",
        )?;
        let rows = stmt.query_map([person_id], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
        })?;
        for row in rows {
            let (c, e) = row?;
            evidence.insert(c, e);
        }
    }
    let text_at = |c: &super::model::Competency, level_id: Option<&str>| {
        level_id
            .and_then(|id| c.expectations.iter().find(|e| e.level_id == id))
            .map(|e| e.text.clone())
            .unwrap_or_default()
    };
    let mut standings = Vec::new();
    let (mut met, mut below, mut unassessed, mut evidence_total) =
        (0u32, Vec::new(), Vec::new(), 0u32);
    for c in &l.competencies {
        let a = assessments.remove(&c.id);
        match a.as_ref().map(|a| a.0) {
            Some(AssessmentRating::Meets | AssessmentRating::Exceeds) => met += 1,
            Some(AssessmentRating::Below) => below.push(c.name.clone()),
            None => unassessed.push(c.name.clone()),
        }
        let (count, last) = evidence
            .remove(&c.id)
            .map_or((0, None), |(n, d)| (n, Some(d)));
        evidence_total += count;
        standings.push(Standing {
            competency_id: c.id.clone(),
            slug: c.slug.clone(),
            name: c.name.clone(),
            current_text: text_at(c, Some(&p.level_id)),
            target_text: text_at(c, against.map(|v| v.id.as_str())),
            assessment: a.as_ref().map(|a| a.0),
            note: a.as_ref().map(|a| a.1.clone()).unwrap_or_default(),
            assessed_on: a.map(|a| a.2),
            evidence: count,
            last_evidence: last,
        });
    }
    let mut skills_under = Vec::new();
    if let Some(level) = against {
        let expected = level_skills(conn, &level.id)?;
        let mut latest = conn.prepare_cached(
            "SELECT level FROM skill_latest WHERE person_id = ?1 AND skill_id = ?2 AND rater = 'manager'",
        )?;
        for e in l.expected_skills.iter().filter(|e| e.level_id == level.id) {
            let actual: Option<u8> = latest
                .query_row(params![person_id, e.skill_id], |r| r.get(0))
                .optional()?;
            if actual.is_none_or(|a| a < e.level) && expected.contains_key(&e.skill_id) {
                skills_under.push(SkillGap {
                    skill_id: e.skill_id.clone(),
                    name: e.skill_name.clone(),
                    expected: e.level,
                    actual,
                });
            }
        }
    }
    let total = l.competencies.len() as u32;
    let gaps = below.len() + skills_under.len();
    let status = match against {
        None => ReadinessStatus::AtTop,
        Some(_) if gaps == 0 && unassessed.is_empty() => ReadinessStatus::Ready,
        Some(_) if gaps <= 2 && unassessed.is_empty() => ReadinessStatus::Close,
        Some(_) => ReadinessStatus::NotYet,
    };
    let summary = match (status, against) {
        (ReadinessStatus::AtTop, _) | (_, None) => format!("At the top of the {} ladder", l.name),
        (ReadinessStatus::Ready, Some(v)) => {
            format!("Ready for {}: meets every competency and skill", v.key)
        }
        (_, Some(v)) => {
            let mut parts = Vec::new();
            if !below.is_empty() {
                parts.push(format!(
                    "{} below",
                    plural(below.len(), "competency", "competencies")
                ));
            }
            if !skills_under.is_empty() {
                parts.push(format!(
                    "{} under the expected level",
                    plural(skills_under.len(), "skill", "skills")
                ));
            }
            if !unassessed.is_empty() {
                parts.push(format!(
                    "{} not assessed",
                    plural(unassessed.len(), "competency", "competencies")
                ));
            }
            format!(
                "{met} of {total} competencies met for {}; {}",
                v.key,
                parts.join(", ")
            )
        }
    };
    Ok(Some(Readiness {
        against_level_id: against.map(|v| v.id.clone()),
        against_key: against.map(|v| v.key.clone()),
        against_title: against.map(|v| v.title.clone()),
        placement: p,
        status,
        met,
        total,
        below,
        unassessed,
        skills_under,
        competencies: standings,
        evidence: evidence_total,
        summary,
    }))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Someone placed on a ladder, with their readiness (the ladder page's list).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct PlacedPerson {
    pub person_id: String,
    pub name: String,
    pub title: Option<String>,
    pub team: Option<String>,
    pub readiness: Readiness,
}

/// The active people on a ladder, by level (highest first) then name, each with readiness.
pub fn people_on(conn: &Connection, ladder_id: &str) -> Result<Vec<PlacedPerson>> {
    let ids: Vec<(String, String, Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT p.id, p.name, p.title, p.team FROM ladder_placements lp
             JOIN people p ON p.id = lp.person_id JOIN ladder_levels l ON l.id = lp.level_id
             WHERE lp.ladder_id = ?1 AND p.archived_at IS NULL
             ORDER BY l.position DESC, lower(p.name)",
        )?
        .query_map([ladder_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (person_id, name, title, team) in ids {
        if let Some(readiness) = readiness(conn, &person_id)? {
            out.push(PlacedPerson {
                person_id,
                name,
                title,
                team,
                readiness,
            });
        }
    }
    Ok(out)
}
