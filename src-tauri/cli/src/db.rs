//! `leadbook-cli db`: the database file itself: info, checks, snapshots, restore, and the full
//! archive.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use leadbook_core::db::{self, archive, snapshots};
use leadbook_core::rusqlite::Connection;
use leadbook_core::{paths, Error, ErrorCode};

use crate::emit;

#[derive(Subcommand)]
pub enum DbCommand {
    /// Path, schema version and row counts
    Info,
    /// Run SQLite's integrity check; exits non-zero on a problem
    Check,
    /// List the snapshots in the data folder's backups/, newest first
    Snapshots,
    /// Take a snapshot now
    Snapshot,
    /// Replace the database with FILE (a snapshot, say): FILE is checked first and the current
    /// database is snapshotted (or, if damaged, moved aside) before anything is replaced
    Restore { file: PathBuf },
    /// Write everything to one archive file (versioned JSON; see docs/archive-format.md)
    Export {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Load an archive into an empty database (or, with --replace, over this one after a snapshot)
    Import {
        file: PathBuf,
        /// Replace what this database holds (a snapshot is taken first)
        #[arg(long)]
        replace: bool,
    },
}

/// Commands that work on the files, not through an open database (a damaged one cannot be
/// opened, and it is what a restore is for). `None`: open the database and use `run`.
pub fn run_on_files(
    json: bool,
    data_dir: &Path,
    cmd: &DbCommand,
) -> Option<Result<ExitCode, Error>> {
    match cmd {
        DbCommand::Snapshots => Some(snapshots::list(data_dir).map(|list| {
            emit(json, &list, |list| {
                if list.is_empty() {
                    return "no snapshots yet\n".into();
                }
                list.iter()
                    .map(|s| {
                        format!(
                            "{}  {:>10} bytes  {:<24} {}\n",
                            s.at, s.size_bytes, s.reason, s.path
                        )
                    })
                    .collect()
            });
            ExitCode::SUCCESS
        })),
        DbCommand::Restore { file } => Some(restore(json, data_dir, file)),
        _ => None,
    }
}

fn refuse_while_app_runs(data_dir: &Path, what: &str) -> Result<(), Error> {
    if paths::app_is_running(data_dir) {
        return Err(Error::new(
            ErrorCode::Conflict,
            format!(
                "Leadbook is open on {}; {what} from its Settings, or quit it first",
                data_dir.display()
            ),
        ));
    }
    Ok(())
}

fn restore(json: bool, data_dir: &Path, file: &Path) -> Result<ExitCode, Error> {
    refuse_while_app_runs(data_dir, "restore")?;
    let report = snapshots::restore(data_dir, file)?;
    // Opening migrates a file from an older Leadbook (with a backup) and checks it.
    db::open(data_dir)?;
    emit(json, &report, |r| {
        let before = r
            .previous
            .as_deref()
            .map(|p| format!("; the database before it is in {p}"))
            .unwrap_or_default();
        format!("restored {}{before}\n", r.restored)
    });
    Ok(ExitCode::SUCCESS)
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
        DbCommand::Snapshot => {
            let s = snapshots::snapshot(data_dir, "manual")?;
            emit(json, &s, |s| {
                format!("snapshot {} ({} bytes)\n", s.path, s.size_bytes)
            });
        }
        DbCommand::Export { out } => {
            let bytes = archive::to_bytes(&archive::export(conn)?)?;
            leadbook_export::write_file(out, &bytes)?;
            let path = out.display().to_string();
            emit(json, &path, |p| {
                format!("wrote {p} ({} bytes)\n", bytes.len())
            });
        }
        DbCommand::Import { file, replace } => {
            let bytes = std::fs::read(file).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidInput,
                    format!("cannot read {}: {e}", file.display()),
                )
            })?;
            let parsed = archive::parse(&bytes)?;
            if *replace {
                refuse_while_app_runs(data_dir, "replace its data")?;
                snapshots::snapshot(data_dir, "before archive import")?;
            }
            let report = archive::import(conn, &parsed, *replace)?;
            emit(json, &report, |r| {
                format!("imported {} rows in {} tables\n", r.rows, r.tables)
            });
        }
        DbCommand::Snapshots | DbCommand::Restore { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}
