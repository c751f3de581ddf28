//! `leadbook-cli`: the headless command line over the same database as the app.

mod bench;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use leadbook_core::blueprint::{self, ExportFormat, HIGHLIGHT_END, HIGHLIGHT_START};
use leadbook_core::one_on_ones::{self as oo, Author, NewAction, NotesInput, Owner};
use leadbook_core::{demo, paths, people, store, Error, ErrorCode};
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
    /// 1:1s: prep, meetings, talking points and action items
    #[command(subcommand, name = "one-on-ones")]
    OneOnOnes(OneOnOnesCommand),
    /// Notes across all 1:1s
    #[command(subcommand)]
    Notes(NotesCommand),
    /// Fill an empty database with a demo team of 8 and a year of 1:1 history
    Demo,
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
    /// 1:1 prep and notes search on 10 years of history and 60,000 notes
    OneOnOnes,
}

/// A person: their id, their email, or a unique part of their name.
type PersonRef = String;

#[derive(Subcommand)]
enum OneOnOnesCommand {
    /// Everything to prepare the next 1:1 with a person
    Prep { person: PersonRef },
    /// Record a 1:1 (today unless --date), with the agenda filled from the prep
    Start {
        person: PersonRef,
        /// YYYY-MM-DD, not in the future
        #[arg(long)]
        date: Option<String>,
        /// Shared notes to save with it
        #[arg(long)]
        shared: Option<String>,
        /// Private notes to save with it
        #[arg(long)]
        private: Option<String>,
    },
    /// Queue a talking point for the next 1:1
    Point {
        person: PersonRef,
        text: String,
        #[arg(long, value_enum, default_value = "mine")]
        author: AuthorArg,
    },
    /// Add an action item (carries forward until done)
    Action {
        person: PersonRef,
        text: String,
        #[arg(long, value_enum, default_value = "them")]
        owner: OwnerArg,
        /// YYYY-MM-DD
        #[arg(long)]
        due: Option<String>,
    },
    /// Mark an action item done (or open again with --undo)
    Done {
        action_id: String,
        #[arg(long)]
        undo: bool,
    },
    /// List a person's 1:1s, newest first
    List { person: PersonRef },
    /// Show a person's cadence and template, or change them
    Settings {
        person: PersonRef,
        #[arg(long, value_enum)]
        cadence: Option<CadenceArg>,
        /// A template's name or id, or "none"
        #[arg(long)]
        template: Option<String>,
    },
    /// List the agenda/question templates with their questions
    Templates,
    /// Export a person's 1:1 history to Markdown (private notes only with --include-private)
    Export {
        person: PersonRef,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// YYYY-MM-DD, inclusive
        #[arg(long)]
        from: Option<String>,
        /// YYYY-MM-DD, inclusive
        #[arg(long)]
        to: Option<String>,
        /// Also export private notes (they never leave the machine otherwise)
        #[arg(long)]
        include_private: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum AuthorArg {
    Mine,
    Theirs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CadenceArg {
    Weekly,
    Biweekly,
    Monthly,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OwnerArg {
    Me,
    Them,
}

#[derive(Subcommand)]
enum NotesCommand {
    /// Full-text search over 1:1 notes, talking points and action items
    Search {
        query: String,
        /// Only this person
        #[arg(long)]
        person: Option<PersonRef>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
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
            BenchScenario::OneOnOnes => bench::one_on_ones((*runs).max(1))?,
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
        Command::Demo => {
            let report = demo::load(&mut conn, people::today())?;
            emit(cli.json, &report, |r| {
                format!(
                    "loaded a demo team: {} people, {} 1:1s, {} action items, {} talking points\n",
                    r.people, r.meetings, r.action_items, r.talking_points
                )
            });
        }
        Command::OneOnOnes(cmd) => one_on_ones(cli.json, &mut conn, cmd)?,
        Command::Notes(NotesCommand::Search {
            query,
            person,
            limit,
        }) => {
            let person_id = person
                .as_deref()
                .map(|p| resolve_person(&conn, p))
                .transpose()?;
            let hits = oo::search(&conn, query, person_id.as_deref(), *limit)?;
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
                            "{} · {} · {:?}\n    {}\n",
                            h.date, h.person_name, h.kind, snippet
                        )
                    })
                    .collect()
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

/// Finds a person by id, email, or a unique part of their name (active people first).
fn resolve_person(
    conn: &leadbook_core::rusqlite::Connection,
    reference: &str,
) -> Result<String, Error> {
    let all = people::list(
        conn,
        &people::PeopleQuery {
            filter: None,
            include_archived: true,
        },
    )?;
    let needle = reference.trim().to_lowercase();
    if let Some(p) = all.iter().find(|p| {
        p.id == reference
            || p.email
                .as_deref()
                .is_some_and(|e| e.to_lowercase() == needle)
    }) {
        return Ok(p.id.clone());
    }
    let matches: Vec<&people::Person> = all
        .iter()
        .filter(|p| p.name.to_lowercase().contains(&needle))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(Error::not_found(&format!("Person \"{reference}\""))),
        many => Err(Error::new(
            ErrorCode::InvalidInput,
            format!(
                "\"{reference}\" matches {} people ({}); use their email or id",
                many.len(),
                many.iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

fn one_on_ones(
    json: bool,
    conn: &mut leadbook_core::rusqlite::Connection,
    cmd: &OneOnOnesCommand,
) -> Result<(), Error> {
    let today = people::today();
    match cmd {
        OneOnOnesCommand::Prep { person } => {
            let prep = oo::prep(conn, &resolve_person(conn, person)?, today)?;
            emit(json, &prep, prep_text);
        }
        OneOnOnesCommand::Start {
            person,
            date,
            shared,
            private,
        } => {
            let id = resolve_person(conn, person)?;
            let tx = conn.transaction()?;
            let mut meeting = oo::start_meeting_in(&tx, &id, date.as_deref(), today)?;
            if shared.is_some() || private.is_some() {
                let notes = NotesInput {
                    agenda: meeting.agenda.clone(),
                    shared_notes: shared.clone().unwrap_or_default(),
                    private_notes: private.clone().unwrap_or_default(),
                    ..Default::default()
                };
                meeting = oo::save_notes(&tx, &meeting.id, &notes)?;
            }
            tx.commit()?;
            emit(json, &meeting, |m| {
                format!("recorded the 1:1 of {} ({})\n", m.date, m.id)
            });
        }
        OneOnOnesCommand::Point {
            person,
            text,
            author,
        } => {
            let author = match author {
                AuthorArg::Mine => Author::Mine,
                AuthorArg::Theirs => Author::Theirs,
            };
            let point = oo::add_talking_point(conn, &resolve_person(conn, person)?, text, author)?;
            emit(json, &point, |p| {
                format!("queued talking point ({})\n", p.id)
            });
        }
        OneOnOnesCommand::Action {
            person,
            text,
            owner,
            due,
        } => {
            let action = NewAction {
                person_id: resolve_person(conn, person)?,
                text: text.clone(),
                owner: match owner {
                    OwnerArg::Me => Owner::Me,
                    OwnerArg::Them => Owner::Them,
                },
                due_date: due.clone(),
                meeting_id: None,
            };
            let item = oo::add_action(conn, &action, today)?;
            emit(json, &item, |a| format!("added action item ({})\n", a.id));
        }
        OneOnOnesCommand::Done { action_id, undo } => {
            let item = oo::set_action_done(conn, action_id, !undo, today)?;
            emit(json, &item, |a| {
                format!(
                    "{}: {}\n",
                    if a.done_at.is_some() { "done" } else { "open" },
                    a.text
                )
            });
        }
        OneOnOnesCommand::Export {
            person,
            out,
            from,
            to,
            include_private,
        } => {
            let range = oo::HistoryRange {
                from: from.clone(),
                to: to.clone(),
            };
            let history = oo::history(conn, &resolve_person(conn, person)?, &range, today)?;
            let markdown = leadbook_export::one_on_ones::to_markdown(&history, *include_private);
            leadbook_export::write_file(out, markdown.as_bytes())?;
            let text = format!(
                "wrote {} ({} 1:1s)\n",
                out.display(),
                history.meetings.len()
            );
            emit(json, &out.display().to_string(), |_| text);
        }
        OneOnOnesCommand::Settings {
            person,
            cadence,
            template,
        } => {
            let mut settings = oo::settings(conn, &resolve_person(conn, person)?)?;
            if let Some(cadence) = cadence {
                settings.cadence = match cadence {
                    CadenceArg::Weekly => oo::Cadence::Weekly,
                    CadenceArg::Biweekly => oo::Cadence::Biweekly,
                    CadenceArg::Monthly => oo::Cadence::Monthly,
                };
            }
            if let Some(name) = template {
                settings.template_id = match name.trim().to_lowercase().as_str() {
                    "none" | "" => None,
                    _ => Some(oo::find_template(conn, name)?.id),
                };
            }
            if cadence.is_some() || template.is_some() {
                settings = oo::set_settings(conn, &settings)?;
            }
            let template_name = match &settings.template_id {
                Some(id) => oo::template(conn, id)?.name,
                None => "none".into(),
            };
            let text = format!(
                "cadence: {}\ntemplate: {template_name}\n",
                settings.cadence.as_str()
            );
            emit(json, &settings, |_| text);
        }
        OneOnOnesCommand::Templates => {
            let list = oo::templates(conn)?;
            emit(json, &list, |list| {
                list.iter()
                    .map(|t| {
                        let questions: String =
                            t.questions.iter().map(|q| format!("  - {q}\n")).collect();
                        format!("{} ({}, used by {})\n{questions}", t.name, t.id, t.used_by)
                    })
                    .collect()
            });
        }
        OneOnOnesCommand::List { person } => {
            let list = oo::meetings(conn, &resolve_person(conn, person)?)?;
            emit(json, &list, |list| {
                if list.is_empty() {
                    return "no 1:1s yet\n".into();
                }
                list.iter()
                    .map(|m| {
                        format!(
                            "{}  {}\n",
                            m.date,
                            m.shared_notes
                                .lines()
                                .find(|l| !l.trim().is_empty())
                                .unwrap_or("")
                        )
                    })
                    .collect()
            });
        }
    }
    Ok(())
}

fn prep_text(p: &oo::Prep) -> String {
    let mut out = String::new();
    let mut line = |l: String| {
        out.push_str(&l);
        out.push('\n');
    };
    let last = match (&p.status.last_date, p.status.days_since_last) {
        (Some(d), Some(n)) => format!("last 1:1 {d} ({n} days ago)"),
        _ => "no 1:1 yet".into(),
    };
    line(format!(
        "{} · {:?} · {last} · {:?}",
        p.person.name, p.status.cadence, p.status.state
    ));
    if !p.since_last.is_empty() {
        line("\nSince last 1:1:".into());
        p.since_last.iter().for_each(|l| line(format!("  - {l}")));
    }
    line(format!("\nOpen action items ({}):", p.open_actions.len()));
    for a in &p.open_actions {
        let due = a.due_date.as_deref().unwrap_or("no due date");
        let flag = if a.overdue { "  OVERDUE" } else { "" };
        line(format!("  [ ] {} ({:?}, {due}){flag}", a.text, a.owner));
    }
    line(format!("\nTalking points ({}):", p.talking_points.len()));
    p.talking_points
        .iter()
        .for_each(|t| line(format!("  - ({:?}) {}", t.author, t.text)));
    if !p.suggested_questions.is_empty() {
        line(format!(
            "\nSuggested questions ({}):",
            p.template_name.as_deref().unwrap_or("")
        ));
        p.suggested_questions
            .iter()
            .for_each(|q| line(format!("  - {q}")));
    }
    if let Some(m) = &p.last_meeting {
        line(format!("\nLast 1:1 ({}):\n{}", m.date, m.shared_notes));
    }
    out
}
