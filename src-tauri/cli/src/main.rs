//! `leadbook-cli`: the headless command line over the same database as the app.

mod bench;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use leadbook_core::blueprint::{self, ExportFormat, HIGHLIGHT_END, HIGHLIGHT_START};
use leadbook_core::{paths, people, store, Error};
use serde::Serialize;

#[derive(Parser)]
#[command(name = "leadbook-cli", version, about = "Leadbook on the command line")]
struct Cli {
    /// Data directory holding leadbook.db (default: $LEADBOOK_DATA_DIR, then the OS app data dir)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The team roster
    #[command(subcommand)]
    People(PeopleCommand),
    /// The role blueprint (reference content)
    #[command(subcommand)]
    Blueprint(BlueprintCommand),
    /// The database file itself
    #[command(subcommand)]
    Db(DbCommand),
    /// Speed figures (medians over runs) on synthetic data in a temporary data dir
    Bench {
        #[arg(value_enum)]
        scenario: BenchScenario,
        /// Measured runs per operation
        #[arg(long, default_value_t = 50)]
        runs: usize,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum BenchScenario {
    /// Blueprint search as you type
    BlueprintSearch,
}

#[derive(Subcommand)]
enum BlueprintCommand {
    /// Full-text search over the blueprint
    Search {
        query: String,
        /// At most this many results
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Export the blueprint as edited
    Export {
        #[arg(long, value_enum)]
        format: Format,
        /// Where to write the file
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Md,
    Json,
    Pdf,
}

#[derive(Subcommand)]
enum PeopleCommand {
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
}

#[derive(Args)]
struct AddPerson {
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

#[derive(Subcommand)]
enum DbCommand {
    /// Path, schema version and row counts
    Info,
    /// Run SQLite's integrity check; exits non-zero on a problem
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            if cli.json {
                eprintln!(
                    "{}",
                    serde_json::to_string(&e).unwrap_or_else(|_| e.message.clone())
                );
            } else {
                eprintln!("error: {}", e.message);
            }
            ExitCode::FAILURE
        }
    }
}

/// Prints `value` as JSON, or as the text `human` renders.
fn emit<T: Serialize>(json: bool, value: &T, human: impl FnOnce(&T) -> String) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(value).expect("serialisable")
        );
    } else {
        print!("{}", human(value));
    }
}

fn run(cli: &Cli) -> Result<ExitCode, Error> {
    // Benchmarks build their own data in a temporary dir and never open the user's database.
    if let Command::Bench { scenario, runs } = &cli.command {
        let report = match scenario {
            BenchScenario::BlueprintSearch => bench::blueprint_search((*runs).max(1))?,
        };
        emit(cli.json, &report, bench::render);
        return Ok(ExitCode::SUCCESS);
    }
    let data_dir = paths::resolve_data_dir(cli.data_dir.as_deref());
    let (mut conn, report) = store::open(&data_dir)?;
    match &cli.command {
        Command::People(PeopleCommand::List { all, filter }) => {
            let query = people::PeopleQuery {
                filter: filter.clone(),
                include_archived: *all,
            };
            emit(cli.json, &people::list(&conn, &query)?, |list| {
                people_table(list)
            });
        }
        Command::People(PeopleCommand::Add(a)) => {
            let input = people::PersonInput {
                name: a.name.clone(),
                email: a.email.clone(),
                title: a.title.clone(),
                team: a.team.clone(),
                level: a.level.clone(),
                start_date: a.start_date.clone(),
                timezone: a.timezone.clone(),
                notes: a.notes.clone(),
            };
            emit(cli.json, &people::add(&conn, &input)?, |p| {
                format!("added {} ({})\n", p.name, p.id)
            });
        }
        Command::People(PeopleCommand::Import { file }) => {
            let data = std::fs::read(file).map_err(|e| {
                Error::new(
                    leadbook_core::ErrorCode::InvalidInput,
                    format!("cannot read {}: {e}", file.display()),
                )
            })?;
            let imported = people::import_csv(&mut conn, &data)?;
            emit(cli.json, &imported, |r| {
                format!("imported {} people\n", r.added)
            });
        }
        Command::Blueprint(BlueprintCommand::Search { query, limit }) => {
            let hits = blueprint::search(&conn, query, *limit)?;
            emit(cli.json, &hits, |hits| {
                if hits.is_empty() {
                    return format!("no matches for \"{query}\"\n");
                }
                hits.iter()
                    .map(|h| {
                        let snippet = h
                            .snippet
                            .replace(HIGHLIGHT_START, "[")
                            .replace(HIGHLIGHT_END, "]");
                        format!(
                            "§{} {}\n    {}\n",
                            h.section_number, h.section_title, snippet
                        )
                    })
                    .collect()
            });
        }
        Command::Blueprint(BlueprintCommand::Export { format, out }) => {
            let format = match format {
                Format::Md => ExportFormat::Markdown,
                Format::Json => ExportFormat::Json,
                Format::Pdf => ExportFormat::Pdf,
            };
            let doc = blueprint::document(&conn)?;
            let bytes = leadbook_export::blueprint::render(&doc, format)?;
            leadbook_export::write_file(out, &bytes)?;
            #[derive(Serialize)]
            struct Written {
                path: String,
                bytes: usize,
            }
            let written = Written {
                path: out.display().to_string(),
                bytes: bytes.len(),
            };
            emit(cli.json, &written, |w| {
                format!("wrote {} ({} bytes)\n", w.path, w.bytes)
            });
        }
        Command::Db(DbCommand::Info) => {
            #[derive(Serialize)]
            struct Info {
                path: String,
                data_dir: String,
                schema_version: i64,
                tables: Vec<store::TableCount>,
            }
            let info = Info {
                path: report.path.clone(),
                data_dir: data_dir.display().to_string(),
                schema_version: store::schema_version(&conn)?,
                tables: store::table_counts(&conn)?,
            };
            emit(cli.json, &info, |i| {
                let mut s = format!("path: {}\nschema version: {}\n", i.path, i.schema_version);
                for t in &i.tables {
                    s.push_str(&format!("{:<24} {:>8}\n", t.table, t.rows));
                }
                s
            });
        }
        Command::Bench { .. } => unreachable!("handled before opening the database"),
        Command::Db(DbCommand::Check) => {
            let problems = store::check(&conn)?;
            #[derive(Serialize)]
            struct Check<'a> {
                ok: bool,
                problems: &'a [String],
            }
            emit(
                cli.json,
                &Check {
                    ok: problems.is_empty(),
                    problems: &problems,
                },
                |c| {
                    if c.ok {
                        "ok\n".to_string()
                    } else {
                        c.problems
                            .iter()
                            .map(|p| format!("problem: {p}\n"))
                            .collect()
                    }
                },
            );
            if !problems.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn people_table(list: &[people::Person]) -> String {
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
