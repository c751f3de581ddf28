//! Growth goals a person works on.

use rusqlite::{params, Connection};

use super::ensure_person;
use super::model::{Goal, GoalStatus, MAX_TEXT_CHARS};
use crate::db::write;
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::text;
use crate::time::now_utc;

pub fn add_goal(conn: &Connection, person_id: &str, title: &str) -> Result<Goal> {
    let title = text::required_prose("title", "Goal", title, MAX_TEXT_CHARS)?;
    write(conn, |tx| {
        ensure_person(tx, person_id)?;
        let now = now_utc();
        let goal = Goal {
            id: new_id(),
            person_id: person_id.into(),
            title,
            status: GoalStatus::NotStarted,
            notes: String::new(),
            created_at: now.clone(),
            updated_at: now,
        };
        tx.execute(
            "INSERT INTO growth_goals (id, person_id, title, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                goal.id,
                goal.person_id,
                goal.title,
                goal.status,
                goal.created_at
            ],
        )?;
        Ok(goal)
    })
}

pub fn set_goal_status(conn: &Connection, id: &str, status: GoalStatus) -> Result<()> {
    write(conn, |tx| {
        let n = tx.execute(
            "UPDATE growth_goals SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status, now_utc()],
        )?;
        if n == 0 {
            return Err(Error::not_found("Goal"));
        }
        Ok(())
    })
}

pub fn goals(conn: &Connection, person_id: &str) -> Result<Vec<Goal>> {
    let list = conn
        .prepare_cached(
            "SELECT id, person_id, title, status, notes, created_at, updated_at FROM growth_goals
             WHERE person_id = ?1 ORDER BY created_at, id",
        )?
        .query_map([person_id], |r| {
            Ok(Goal {
                id: r.get(0)?,
                person_id: r.get(1)?,
                title: r.get(2)?,
                status: r.get(3)?,
                notes: r.get(4)?,
                created_at: r.get(5)?,
                updated_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}
