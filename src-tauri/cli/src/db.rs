//! `leadbook-cli db`: the database file itself.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use leadbook_core::db;
use leadbook_core::rusqlite::Connection;
use leadbook_core::Error;

use crate::emit;

#[derive(Subcommand)]
pub enum DbCommand {
    /// Path, schema version and row counts
    Info,
    /// Run SQLite's integrity check; exits non-zero on a problem
    Check,
}

pub fn run(
    json: bool,
    conn: &Connection,
    data_dir: &Path,
    cmd: &DbCommand,
) -> Result<ExitCode, Error> {
    match cmd {
        DbCommand::Info => {
            emit(json, &db::info(conn, data_dir)?, |i| {
                let mut s = format!(
                    "path: {}\nschema version: {}\nsize: {} bytes\n",
                    i.path, i.schema_version, i.size_bytes
                );
                for t in &i.tables {
                    s.push_str(&format!("{:<24} {:>8}\n", t.table, t.rows));
                }
                s
            });
        }
        DbCommand::Check => {
            let report = db::check_report(conn)?;
            emit(json, &report, |c| {
                if c.ok {
                    "ok\n".to_string()
                } else {
                    c.problems
                        .iter()
                        .map(|p| format!("problem: {p}\n"))
                        .collect()
                }
            });
            if !report.ok {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
