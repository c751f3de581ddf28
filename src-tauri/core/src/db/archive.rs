//! The full archive: everything in one versioned JSON file (format in docs/archive-format.md),
//! to move to another laptop or keep outside the data folder. Import goes into an empty
//! database, or replaces a non-empty one only when asked (the caller snapshots first); either
//! way in one transaction, so a bad archive changes nothing.

use std::collections::BTreeMap;

use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use super::{schema_version, write};
use crate::error::{Error, ErrorCode, Result};

pub const FORMAT: &str = "leadbook-archive";
pub const VERSION: u32 = 1;
/// The largest archive an import reads.
pub const MAX_ARCHIVE_BYTES: usize = 512_000_000;

/// Tables an archive leaves out: the search index is rebuilt by triggers as rows go in, and its
/// kinds come with the schema.
const DERIVED: [&str; 2] = ["search_docs", "search_kinds"];

#[derive(Debug, Serialize, Deserialize)]
pub struct Archive {
    pub format: String,
    pub version: u32,
    pub schema_version: i64,
    pub exported_at: String,
    /// Every table's rows, as objects of column → value, in primary key order.
    pub tables: BTreeMap<String, Vec<Map<String, Value>>>,
}

/// What an archive import did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ArchiveReport {
    pub tables: u32,
    pub rows: u32,
}

/// The tables an archive holds: every ordinary table but SQLite's own, FTS shadows and derived.
fn archived_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'
         ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names
        .into_iter()
        .filter(|n| !DERIVED.contains(&n.as_str()))
        .collect())
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let cols = stmt
        .query_map([table], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

fn to_json(v: ValueRef) -> Result<Value> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => return Err(Error::storage("binary columns cannot be archived")),
    })
}

fn to_sql(v: &Value) -> Option<Sql> {
    Some(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64()?),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => return None,
    })
}

/// Everything in the database as an archive, deterministically ordered (the same database gives
/// the same `tables`).
pub fn export(conn: &Connection) -> Result<Archive> {
    let mut tables = BTreeMap::new();
    for table in archived_tables(conn)? {
        let cols = columns(conn, &table)?;
        // rowid order, or primary key order for WITHOUT ROWID tables (none today).
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut obj = Map::new();
            for (i, col) in cols.iter().enumerate() {
                obj.insert(col.clone(), to_json(row.get_ref(i)?)?);
            }
            out.push(obj);
        }
        tables.insert(table, out);
    }
    Ok(Archive {
        format: FORMAT.into(),
        version: VERSION,
        schema_version: schema_version(conn)?,
        exported_at: crate::time::now_utc(),
        tables,
    })
}

pub fn to_bytes(archive: &Archive) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(archive)
        .map_err(|e| Error::storage(format!("cannot write the archive: {e}")))
}

fn bad(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidInput, message)
}

/// Reads and checks an archive file's envelope.
pub fn parse(bytes: &[u8]) -> Result<Archive> {
    if bytes.len() > MAX_ARCHIVE_BYTES {
        return Err(bad(format!(
            "The archive is {} MB; at most {} MB is read",
            bytes.len() / 1_000_000,
            MAX_ARCHIVE_BYTES / 1_000_000
        )));
    }
    let archive: Archive = serde_json::from_slice(bytes).map_err(|e| {
        bad(format!(
            "This is not a readable Leadbook archive (line {}: {e})",
            e.line()
        ))
    })?;
    if archive.format != FORMAT {
        return Err(bad(format!(
            "This file is a \"{}\", not a Leadbook archive",
            archive.format
        )));
    }
    if archive.version > VERSION {
        return Err(Error::new(
            ErrorCode::NewerSchema,
            format!(
                "Archive format {} is newer than this Leadbook reads ({VERSION}); update Leadbook",
                archive.version
            ),
        ));
    }
    Ok(archive)
}

/// Whether the database holds anything of the user's: any row outside the reference content
/// Leadbook seeds (blueprint, default templates) and derived tables, or any logged change.
pub fn has_user_data(conn: &Connection) -> Result<bool> {
    const SEEDED: [&str; 11] = [
        "meta",
        "blueprint_sections",
        "blueprint_nodes",
        "one_on_one_templates",
        // Skills and ladders, as seeded from the blueprint.
        "skills",
        "skill_scale",
        "ladders",
        "ladder_levels",
        "competencies",
        "competency_expectations",
        "level_skills",
    ];
    for table in archived_tables(conn)? {
        if SEEDED.contains(&table.as_str()) {
            continue;
        }
        let any: bool = conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM \"{table}\")"),
            [],
            |r| r.get(0),
        )?;
        if any {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Loads an archive in one transaction: every archived table is emptied and refilled from the
/// archive (foreign keys checked at commit). Refused when the database holds user data unless
/// `replace` (take a snapshot first). An archive from an older schema loads into this one (its
/// missing columns take their defaults); one from a newer schema is refused.
pub fn import(conn: &Connection, archive: &Archive, replace: bool) -> Result<ArchiveReport> {
    let current = schema_version(conn)?;
    if archive.schema_version > current {
        return Err(Error::new(
            ErrorCode::NewerSchema,
            format!(
                "This archive has schema version {}, written by a newer Leadbook (this one knows {current}); update Leadbook to import it",
                archive.schema_version
            ),
        ));
    }
    write(conn, |tx| {
        if !replace && has_user_data(tx)? {
            return Err(Error::new(
                ErrorCode::Conflict,
                "This database already holds data; import into an empty data folder, or ask to replace it (a snapshot is taken first)",
            ));
        }
        let tables = archived_tables(tx)?;
        if let Some(unknown) = archive.tables.keys().find(|t| !tables.contains(t)) {
            return Err(bad(format!(
                "The archive has a table this Leadbook does not know: {unknown}"
            )));
        }
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        for table in &tables {
            tx.execute(&format!("DELETE FROM \"{table}\""), [])?;
        }
        let mut report = ArchiveReport { tables: 0, rows: 0 };
        for (table, rows) in &archive.tables {
            let known = columns(tx, table)?;
            report.tables += 1;
            for (i, row) in rows.iter().enumerate() {
                let where_ = || format!("{table}, row {}", i + 1);
                if let Some(col) = row.keys().find(|c| !known.contains(c)) {
                    return Err(bad(format!("{}: unknown column {col}", where_())));
                }
                let cols: Vec<&String> = row.keys().collect();
                let values = row
                    .values()
                    .map(|v| {
                        to_sql(v).ok_or_else(|| {
                            bad(format!("{}: a value is not a plain value", where_()))
                        })
                    })
                    .collect::<Result<Vec<Sql>>>()?;
                let sql = format!(
                    "INSERT INTO \"{table}\" ({}) VALUES ({})",
                    cols.iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    vec!["?"; cols.len()].join(", ")
                );
                tx.prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(values))
                    .map_err(|e| bad(format!("{}: {}", where_(), Error::from(e).message)))?;
                report.rows += 1;
            }
        }
        // Checked here, so a dangling reference is reported as such rather than at COMMIT.
        let dangling: Option<String> = tx
            .query_row(
                "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
                [],
                |r| r.get(0),
            )
            .ok();
        if let Some(table) = dangling {
            return Err(bad(format!(
                "The archive is inconsistent: {table} refers to rows it does not have"
            )));
        }
        Ok(report)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::one_on_ones::{self as oo, NotesInput};
    use crate::people::{self, PersonInput};
    use crate::time::today;

    fn filled() -> Connection {
        let conn = db::open_in_memory().unwrap();
        crate::demo::load(&conn, today()).unwrap();
        let ada = people::list(&conn, &Default::default()).unwrap()[0]
            .id
            .clone();
        let m = oo::start_meeting(&conn, &ada, None, today()).unwrap();
        oo::save_notes(
            &conn,
            &m.id,
            &NotesInput {
                shared_notes: "Ünïcödé \"quoted\" notes, 1.5 × faster".into(),
                ..Default::default()
            },
        )
        .unwrap();
        conn
    }

    #[test]
    fn export_import_export_gives_identical_content() {
        let source = filled();
        let first = export(&source).unwrap();
        let bytes = to_bytes(&first).unwrap();
        let target = db::open_in_memory().unwrap();
        let report = import(&target, &parse(&bytes).unwrap(), false).unwrap();
        assert!(report.rows > 100);
        let second = export(&target).unwrap();
        assert_eq!(first.tables, second.tables);
        // The search index was rebuilt as the rows went in.
        let hits = oo::search(&target, "quoted", None, 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert!(db::check(&target).unwrap().is_empty());
    }

    #[test]
    fn a_non_empty_database_is_refused_unless_replacing() {
        let archive = export(&filled()).unwrap();
        let target = db::open_in_memory().unwrap();
        people::add(
            &target,
            &PersonInput {
                name: "Mine".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let e = import(&target, &archive, false).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict);
        assert_eq!(people::list(&target, &Default::default()).unwrap().len(), 1);
        import(&target, &archive, true).unwrap();
        let names: Vec<String> = people::list(&target, &Default::default())
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert!(!names.contains(&"Mine".to_string()));
    }

    #[test]
    fn bad_archives_change_nothing() {
        let target = db::open_in_memory().unwrap();
        let before = export(&target).unwrap().tables;
        let good = export(&filled()).unwrap();
        let mut unknown_table = export(&filled()).unwrap();
        unknown_table.tables.insert("nope".into(), vec![]);
        let mut unknown_column = export(&filled()).unwrap();
        unknown_column.tables.get_mut("people").unwrap()[0]
            .insert("shoe_size".into(), Value::from(9));
        let mut dangling = export(&filled()).unwrap();
        dangling.tables.get_mut("people").unwrap().clear();
        let mut newer = export(&filled()).unwrap();
        newer.schema_version = 999;
        for (archive, expect) in [
            (&unknown_table, "does not know: nope"),
            (&unknown_column, "unknown column shoe_size"),
            (&dangling, "refers to rows it does not have"),
            (&newer, "newer Leadbook"),
        ] {
            let e = import(&target, archive, false).unwrap_err();
            assert!(e.message.contains(expect), "{}", e.message);
            assert_eq!(export(&target).unwrap().tables, before);
        }
        for junk in [&b"{}"[..], b"not json", b"{\"format\":\"zip\",\"version\":1,\"schema_version\":1,\"exported_at\":\"\",\"tables\":{}}"] {
            assert!(parse(junk).is_err());
        }
        assert!(import(&target, &good, false).is_ok());
    }
}
