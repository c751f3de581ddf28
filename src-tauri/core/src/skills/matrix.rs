//! The matrix: people × skills with the latest manager and self ratings, holders and the
//! bus-factor flag per skill; and one person's profile with the change since a date.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::catalog::{scale, skills};
use super::model::{
    Cell, Matrix, MatrixQuery, MatrixRow, MatrixSkill, MatrixSort, Profile, ProfileSkill, Rater,
    HOLDER_LEVEL,
};
use crate::error::Result;
use crate::people::{self, PeopleQuery};

/// Where the latest rating of each pair comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatestFrom {
    /// The `skill_latest` table the trigger keeps (what the app uses).
    Table,
    /// A window over every rating ever kept (the bench's baseline; the same answer).
    History,
}

/// The matrix for `query`, computed from `skill_latest`.
pub fn matrix(conn: &Connection, query: &MatrixQuery) -> Result<Matrix> {
    matrix_from(conn, query, LatestFrom::Table)
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A text column borrowed from the row (an id to look up, without allocating).
fn text<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a str> {
    Ok(r.get_ref(i)?.as_str()?)
}

/// The matrix, reading the latest ratings from `from`.
pub fn matrix_from(conn: &Connection, query: &MatrixQuery, from: LatestFrom) -> Result<Matrix> {
    let roster = people::list(conn, &PeopleQuery::default())?;
    let teams: Vec<String> = roster
        .iter()
        .filter_map(|p| p.team.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let team = query
        .team
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let people: Vec<_> = roster
        .into_iter()
        .filter(|p| team.is_none_or(|t| p.team.as_deref().is_some_and(|pt| same(pt, t))))
        .collect();
    let catalog = skills(conn, query.include_retired)?;
    let mut categories: Vec<String> = Vec::new();
    for s in &catalog {
        if !categories.contains(&s.category) {
            categories.push(s.category.clone());
        }
    }
    let category = query
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let catalog: Vec<_> = catalog
        .into_iter()
        .filter(|s| category.is_none_or(|c| same(&s.category, c)))
        .collect();

    let row_of: HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let col_of: HashMap<&str, usize> = catalog
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut cells = vec![vec![Cell::default(); catalog.len()]; people.len()];

    let sql = match from {
        LatestFrom::Table => "SELECT person_id, skill_id, rater, level, rated_on FROM skill_latest",
        LatestFrom::History => {
            "SELECT person_id, skill_id, rater, level, rated_on FROM (
               SELECT person_id, skill_id, rater, level, rated_on,
                      row_number() OVER (PARTITION BY person_id, skill_id, rater
                                         ORDER BY rated_on DESC, created_at DESC) AS n
               FROM skill_ratings) WHERE n = 1"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    // Rows come grouped by person (the table's key order), so the person is looked up once per
    // run; ids are borrowed, not allocated, for each of the tens of thousands of rows.
    let mut last_person: (String, Option<usize>) = (String::new(), None);
    while let Some(r) = rows.next()? {
        let person = text(r, 0)?;
        if person != last_person.0 {
            last_person = (person.to_string(), row_of.get(person).copied());
        }
        let (Some(row), Some(&col)) = (last_person.1, col_of.get(text(r, 1)?)) else {
            continue;
        };
        let cell = &mut cells[row][col];
        let level: u8 = r.get(3)?;
        let on: String = r.get(4)?;
        match r.get::<_, Rater>(2)? {
            Rater::Manager => {
                cell.manager = Some(level);
                cell.manager_on = Some(on);
            }
            Rater::SelfRated => {
                cell.self_level = Some(level);
                cell.self_on = Some(on);
            }
        }
    }
    drop(rows);
    let mut stmt = conn.prepare_cached("SELECT person_id, skill_id FROM skill_interests")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let (Some(&row), Some(&col)) = (row_of.get(text(r, 0)?), col_of.get(text(r, 1)?)) {
            cells[row][col].wants_to_grow = true;
        }
    }

    let mut columns: Vec<MatrixSkill> = catalog
        .iter()
        .enumerate()
        .map(|(col, s)| {
            let rated: Vec<u8> = cells.iter().filter_map(|row| row[col].manager).collect();
            let holders: Vec<String> = people
                .iter()
                .zip(&cells)
                .filter(|(_, row)| row[col].manager.is_some_and(|l| l >= HOLDER_LEVEL))
                .map(|(p, _)| p.id.clone())
                .collect();
            MatrixSkill {
                id: s.id.clone(),
                name: s.name.clone(),
                category: s.category.clone(),
                description: s.description.clone(),
                retired: s.retired_at.is_some(),
                at_risk: holders.len() <= 1,
                holders,
                rated: rated.len() as u32,
                average: (!rated.is_empty())
                    .then(|| rated.iter().map(|&l| f64::from(l)).sum::<f64>() / rated.len() as f64),
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..columns.len()).collect();
    if query.sort == MatrixSort::Coverage {
        let group = |c: &MatrixSkill| categories.iter().position(|x| *x == c.category);
        order.sort_by(|&a, &b| {
            let (x, y) = (&columns[a], &columns[b]);
            group(x)
                .cmp(&group(y))
                .then(x.holders.len().cmp(&y.holders.len()))
                .then(
                    x.average
                        .unwrap_or(-1.0)
                        .total_cmp(&y.average.unwrap_or(-1.0)),
                )
        });
        let mut taken: Vec<Option<MatrixSkill>> = columns.into_iter().map(Some).collect();
        columns = order.iter().filter_map(|&i| taken[i].take()).collect();
    }
    let rows = people
        .into_iter()
        .zip(cells)
        .map(|(p, row)| MatrixRow {
            person_id: p.id,
            name: p.name,
            email: p.email,
            title: p.title,
            team: p.team,
            cells: {
                // Moved, not cloned, into the column order.
                let mut row: Vec<Option<Cell>> = row.into_iter().map(Some).collect();
                order.iter().filter_map(|&i| row[i].take()).collect()
            },
        })
        .collect();
    Ok(Matrix {
        scale: scale(conn)?,
        teams,
        categories,
        skills: columns,
        rows,
    })
}

/// A person's skills (those in use with a rating, an interest or an expectation from their
/// ladder level), with the manager's rating as it stood on `since` to show what changed.
pub fn profile(conn: &Connection, person_id: &str, since: Option<NaiveDate>) -> Result<Profile> {
    people::get(conn, person_id)?;
    let expected = crate::ladders::expected_skills(conn, person_id)?;
    let (level_key, expected) = match expected {
        Some((key, map)) => (Some(key), map),
        None => (None, HashMap::new()),
    };
    let mut latest: HashMap<String, Cell> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT skill_id, rater, level, rated_on FROM skill_latest WHERE person_id = ?1",
    )?;
    let mut rows = stmt.query([person_id])?;
    while let Some(r) = rows.next()? {
        let cell = latest.entry(r.get(0)?).or_default();
        let (level, on): (u8, String) = (r.get(2)?, r.get(3)?);
        match r.get::<_, Rater>(1)? {
            Rater::Manager => (cell.manager, cell.manager_on) = (Some(level), Some(on)),
            Rater::SelfRated => (cell.self_level, cell.self_on) = (Some(level), Some(on)),
        }
    }
    drop(rows);
    let interests: HashSet<String> = conn
        .prepare_cached("SELECT skill_id FROM skill_interests WHERE person_id = ?1")?
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut then: HashMap<String, u8> = HashMap::new();
    if let Some(since) = since {
        let mut stmt = conn.prepare_cached(
            "SELECT skill_id, level FROM (
               SELECT skill_id, level, row_number() OVER (PARTITION BY skill_id
                                                          ORDER BY rated_on DESC, created_at DESC) AS n
               FROM skill_ratings WHERE person_id = ?1 AND rater = 'manager' AND rated_on <= ?2)
             WHERE n = 1",
        )?;
        let rows = stmt.query_map(params![person_id, since.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u8>(1)?))
        })?;
        for row in rows {
            let (skill, level) = row?;
            then.insert(skill, level);
        }
    }
    let mut out = Vec::new();
    for s in skills(conn, false)? {
        let cell = latest.remove(&s.id).unwrap_or_default();
        let wants = interests.contains(&s.id);
        let exp = expected.get(&s.id).copied();
        if cell.manager.is_none() && cell.self_level.is_none() && !wants && exp.is_none() {
            continue;
        }
        out.push(ProfileSkill {
            at_since: then.get(&s.id).copied(),
            skill_id: s.id,
            name: s.name,
            category: s.category,
            manager: cell.manager,
            manager_on: cell.manager_on,
            self_level: cell.self_level,
            self_on: cell.self_on,
            wants_to_grow: wants,
            expected: exp,
        });
    }
    let changed = if since.is_some() {
        out.iter()
            .filter(|s| s.manager.is_some() && s.manager != s.at_since)
            .count() as u32
    } else {
        0
    };
    Ok(Profile {
        person_id: person_id.to_string(),
        since: since.map(|d| d.to_string()),
        level_key,
        skills: out,
        changed,
    })
}
