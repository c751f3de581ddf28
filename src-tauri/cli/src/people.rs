//! `leadbook-cli people`: the roster.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use leadbook_core::people::{self, PeopleQuery, Person, PersonInput};
use leadbook_core::rusqlite::Connection;
use leadbook_core::{Error, ErrorCode};

use crate::emit;

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// List people sorted by name
    List {
        /// Include archived people
        #[arg(long)]
        all: bool,
        /// Only people whose name, email, title or team contains this text
        #[arg(long)]
        filter: Option<String>,
    },
    /// Add one person
    Add(AddPerson),
    /// Import a roster CSV (header: name,email,title,team,start_date,timezone); all or nothing
    Import { file: PathBuf },
    /// Export the roster as CSV in the columns `import` reads
    Export {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Include archived people
        #[arg(long)]
        all: bool,
    },
}

#[derive(Args)]
pub struct AddPerson {
    #[arg(long)]
    name: String,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    team: Option<String>,
    #[arg(long)]
    level: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    start_date: Option<String>,
    /// IANA time zone, e.g. Europe/Berlin
    #[arg(long)]
    timezone: Option<String>,
    /// Manager-only notes
    #[arg(long)]
    notes: Option<String>,
}

pub fn run(
    json: bool,
    conn: &Connection,
    data_dir: &Path,
    cmd: &PeopleCommand,
) -> Result<(), Error> {
    match cmd {
        PeopleCommand::List { all, filter } => {
            let query = PeopleQuery {
                filter: filter.clone(),
                include_archived: *all,
            };
            emit(json, &people::list(conn, &query)?, |list| table(list));
        }
        PeopleCommand::Add(a) => {
            let input = PersonInput {
                name: a.name.clone(),
                email: a.email.clone(),
                title: a.title.clone(),
                team: a.team.clone(),
                level: a.level.clone(),
                start_date: a.start_date.clone(),
                timezone: a.timezone.clone(),
                notes: a.notes.clone(),
            };
            emit(json, &people::add(conn, &input)?, |p| {
                format!("added {} ({})\n", p.name, p.id)
            });
        }
        PeopleCommand::Import { file } => {
            let data = std::fs::read(file).map_err(|e| {
                Error::new(
                    ErrorCode::InvalidInput,
                    format!("cannot read {}: {e}", file.display()),
                )
            })?;
            leadbook_core::db::snapshots::snapshot(data_dir, "before import")?;
            let imported = people::import_csv(conn, &data)?;
            emit(json, &imported, |r| {
                format!("imported {} people\n", r.added)
            });
        }
        PeopleCommand::Export { out, all } => {
            let csv = people::export_csv(conn, *all)?;
            leadbook_export::write_file(out, csv.as_bytes())?;
            let path = out.display().to_string();
            emit(json, &path, |p| format!("wrote {p}\n"));
        }
    }
    Ok(())
}

fn table(list: &[Person]) -> String {
    if list.is_empty() {
        return "no people yet: add one with `leadbook-cli people add --name ...`\n".into();
    }
    let mut out = String::new();
    for p in list {
        let archived = if p.archived_at.is_some() {
            "  (archived)"
        } else {
            ""
        };
        out.push_str(&format!(
            "{:<28} {:<32} {:<24} {}{}\n",
            p.name,
            p.email.as_deref().unwrap_or("-"),
            p.title.as_deref().unwrap_or("-"),
            p.team.as_deref().unwrap_or("-"),
            archived
        ));
    }
    out
}
