//! The matrix as a wide CSV, both ways: `email,<skill>,<skill>,...`, a cell 0-4 or blank. A blank
//! cell means "no new rating" and never erases one; a bad file is rejected whole with its line.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::catalog::{add_in, skills};
use super::model::{MatrixImport, Rater, Skill};
use super::ratings::{check_level, insert, rating_date};
use crate::csv::{for_each_record, to_csv, Columns};
use crate::db::write;
use crate::error::{Error, ErrorCode, Result};
use crate::text;

/// The category a skill created by an import gets.
pub const IMPORTED_CATEGORY: &str = "Imported";

fn bad_header(message: String) -> Error {
    Error::new(ErrorCode::InvalidInput, format!("line 1: {message}"))
}

/// Imports a wide matrix CSV as manager ratings dated `date` (default today). All or nothing:
/// an off-scale value, an unknown email or (without `add_skills`) an unknown skill column
/// rejects the file with `line N: reason`, and nothing is written. A cell repeating the level
/// already recorded for that person, skill and day adds nothing.
pub fn import_matrix(
    conn: &Connection,
    data: &[u8],
    date: Option<&str>,
    add_skills: bool,
    today: NaiveDate,
) -> Result<MatrixImport> {
    let date = rating_date(date, today).map_err(|e| Error::invalid("date", e.message))?;
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let header: Vec<String> = {
        let mut reader = ::csv::ReaderBuilder::new().from_reader(body);
        reader
            .headers()
            .map_err(|e| bad_header(format!("cannot read the header: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect()
    };
    if header.first().map(|h| h.to_lowercase()).as_deref() != Some("email") {
        return Err(bad_header(
            "the first column must be \"email\", then one column per skill".into(),
        ));
    }
    for name in &header[1..] {
        if name.is_empty() {
            return Err(bad_header("a skill column has no name".into()));
        }
        text::required_line(
            "name",
            "A skill column's name",
            name,
            super::model::MAX_SKILL_NAME_CHARS,
        )
        .map_err(|e| bad_header(e.message))?;
    }
    let known: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
    write(conn, |tx| {
        // Each skill column to its skill: an active skill of that name (any case), or a new one.
        let catalog = skills(tx, false)?;
        let mut columns: Vec<Skill> = Vec::new();
        let mut added = Vec::new();
        for name in &header[1..] {
            let found = catalog
                .iter()
                .find(|s| s.name.to_lowercase() == name.to_lowercase());
            match found {
                Some(s) => columns.push(s.clone()),
                None if add_skills => {
                    let s = add_in(tx, name, IMPORTED_CATEGORY, "")?;
                    added.push(s.name.clone());
                    columns.push(s);
                }
                None => {
                    return Err(bad_header(format!(
                        "unknown skill \"{name}\" (add it to the catalog first, or import with add_skills)"
                    )))
                }
            }
        }
        let mut report = MatrixImport {
            people: 0,
            ratings: 0,
            unchanged: 0,
            added_skills: added,
            rated_on: date.to_string(),
        };
        let mut person_by_email = tx.prepare_cached(
            "SELECT id FROM people WHERE lower(email) = lower(?1) AND archived_at IS NULL AND email IS NOT NULL",
        )?;
        let mut same_day = tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM skill_ratings WHERE person_id = ?1 AND skill_id = ?2
               AND rater = 'manager' AND rated_on = ?3 AND level = ?4)",
        )?;
        let columns_spec = Columns {
            known: &known_refs,
            required: &[],
        };
        for_each_record(data, columns_spec, |row| {
            let email = row.get(0).map(str::trim).unwrap_or("");
            if email.is_empty() {
                return Err(Error::invalid("email", "the email is blank"));
            }
            let person: String = person_by_email
                .query_row([email], |r| r.get(0))
                .optional()?
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::NotFound,
                        format!("no active person has the email {email}"),
                    )
                })?;
            report.people += 1;
            for (i, skill) in columns.iter().enumerate() {
                let cell = row.get(i + 1).map(str::trim).unwrap_or("");
                if cell.is_empty() {
                    continue; // blank: no new rating, never an erase
                }
                let level = cell
                    .parse::<i64>()
                    .map_err(|_| {
                        Error::invalid(
                            "level",
                            format!("\"{cell}\" for {} is not a level 0 to 4", skill.name),
                        )
                    })
                    .and_then(|l| {
                        check_level(l).map_err(|_| {
                            Error::invalid(
                                "level",
                                format!("{l} for {} is off the scale (0 to 4)", skill.name),
                            )
                        })
                    })?;
                if same_day.query_row(params![person, skill.id, date.to_string(), level], |r| {
                    r.get(0)
                })? {
                    report.unchanged += 1;
                    continue;
                }
                insert(tx, &person, &skill.id, Rater::Manager, level, date, "")?;
                report.ratings += 1;
            }
            Ok(())
        })?;
        Ok(report)
    })
}

/// The matrix as the wide CSV `import_matrix` reads: active people with an email, active skills
/// in catalog order, each cell the latest manager rating (blank where there is none).
pub fn export_matrix(conn: &Connection) -> Result<String> {
    let matrix = super::matrix::matrix(conn, &Default::default())?;
    let mut header = vec!["email".to_string()];
    header.extend(matrix.skills.iter().map(|s| s.name.clone()));
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = matrix.rows.iter().filter_map(|r| {
        let email = r.email.clone()?;
        let mut cells = vec![email];
        cells.extend(
            r.cells
                .iter()
                .map(|c| c.manager.map(|l| l.to_string()).unwrap_or_default()),
        );
        Some(cells)
    });
    to_csv(&header_refs, rows)
}
