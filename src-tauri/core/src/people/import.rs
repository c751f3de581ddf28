//! Roster import from CSV: all or nothing.

use rusqlite::Connection;

use super::model::{ImportReport, PersonInput};
use super::rules::validate;
use super::storage::insert;
use crate::csv::{for_each_record, Columns};
use crate::db::write;
use crate::error::Result;
use crate::time::today;

/// The columns a roster CSV may have; `name` is required, the rest optional, in any order.
pub const CSV_COLUMNS: [&str; 6] = ["name", "email", "title", "team", "start_date", "timezone"];

/// Imports a roster CSV (UTF-8, with or without BOM). All or nothing: the first bad row
/// rejects the whole file with `line N: reason`, and nothing is written.
pub fn import_csv(conn: &Connection, data: &[u8]) -> Result<ImportReport> {
    let today = today();
    let columns = Columns {
        known: &CSV_COLUMNS,
        required: &["name"],
    };
    write(conn, |tx| {
        let added = for_each_record(data, columns, |row| {
            let input = PersonInput {
                name: row.owned(0).unwrap_or_default(),
                email: row.owned(1),
                title: row.owned(2),
                team: row.owned(3),
                start_date: row.owned(4),
                timezone: row.owned(5),
                ..Default::default()
            };
            insert(tx, &validate(&input, today)?)?;
            Ok(())
        })?;
        Ok(ImportReport {
            added: added as u32,
        })
    })
}

/// The roster as CSV, in the columns `import_csv` reads (so an export imports back), sorted by
/// name; cells a spreadsheet would run as formulas are neutralised.
pub fn export_csv(conn: &Connection, include_archived: bool) -> Result<String> {
    let people = super::list(
        conn,
        &super::PeopleQuery {
            filter: None,
            include_archived,
        },
    )?;
    let rows = people.iter().map(|p| {
        [
            p.name.clone(),
            p.email.clone().unwrap_or_default(),
            p.title.clone().unwrap_or_default(),
            p.team.clone().unwrap_or_default(),
            p.start_date.clone().unwrap_or_default(),
            p.timezone.clone().unwrap_or_default(),
        ]
    });
    crate::csv::to_csv(&CSV_COLUMNS, rows)
}
