//! `leadbook-cli`: the headless command line over the same database as the app. One module per
//! area; this file parses the command line and hands each area its subcommand.

mod bench;
mod blueprint;
mod crash;
mod db;
mod one_on_ones;
mod people;
mod search;
mod settings;
mod skills;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use leadbook_core::rusqlite::Connection;
use leadbook_core::{demo, paths, revisions, time, Error};
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
    People(people::PeopleCommand),
    /// 1:1s: prep, meetings, talking points and action items
    #[command(subcommand, name = "one-on-ones")]
    OneOnOnes(one_on_ones::OneOnOnesCommand),
    /// Notes across all 1:1s
    #[command(subcommand)]
    Notes(one_on_ones::NotesCommand),
    /// The skills matrix: import and export the wide CSV, holders and bus-factor flags
    #[command(subcommand)]
    Skills(skills::SkillsCommand),
    /// Career ladders: list, export, level diff, placements and evidence
    #[command(subcommand)]
    Ladder(skills::LadderCommand),
    /// Search everything, as the app's Ctrl+K palette does
    Search(search::SearchArgs),
    /// Fill an empty database with a demo team of 8 and a year of 1:1 history
    Demo,
    /// The role blueprint (reference content)
    #[command(subcommand)]
    Blueprint(blueprint::BlueprintCommand),
    /// App preferences (theme, default 1:1 cadence, first day of the week)
    Settings(settings::SettingsArgs),
    /// The database file itself
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Speed figures (medians over runs) on synthetic data in a temporary data dir
    Bench(bench::BenchArgs),
    /// Writes until killed, reporting each commit (the crash-safety harness's writer)
    #[command(hide = true, name = "stress-writer")]
    StressWriter(crash::StressWriterArgs),
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
pub(crate) fn emit<T: Serialize>(json: bool, value: &T, human: impl FnOnce(&T) -> String) {
    if json {
        match serde_json::to_string_pretty(value) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("error: cannot print JSON: {e}"),
        }
    } else {
        print!("{}", human(value));
    }
}

/// A person on the command line: their id, their email, or a unique part of their name.
pub(crate) type PersonRef = String;

/// The id of the person `reference` names (see `leadbook_core::people::find`).
pub(crate) fn person_id(conn: &Connection, reference: &str) -> Result<String, Error> {
    Ok(leadbook_core::people::find(conn, reference)?.id)
}

fn run(cli: &Cli) -> Result<ExitCode, Error> {
    // Benchmarks build their own data in a temporary dir and never open the user's database.
    if let Command::Bench(args) = &cli.command {
        return bench::run(cli.json, args);
    }
    // The stress writer only writes to a data dir named explicitly and set up for it.
    if let Command::StressWriter(args) = &cli.command {
        return crash::writer(cli.data_dir.as_deref(), args);
    }
    let data_dir = paths::resolve_data_dir(cli.data_dir.as_deref());
    if let Command::Db(cmd) = &cli.command {
        if let Some(done) = db::run_on_files(cli.json, &data_dir, cmd) {
            return done;
        }
    }
    let (conn, _) = leadbook_core::db::open(&data_dir)?;
    revisions::set_actor(&conn, "cli")?;
    let json = cli.json;
    match &cli.command {
        Command::People(cmd) => people::run(json, &conn, &data_dir, cmd)?,
        Command::OneOnOnes(cmd) => one_on_ones::run(json, &conn, cmd)?,
        Command::Notes(cmd) => one_on_ones::run_notes(json, &conn, cmd)?,
        Command::Search(args) => search::run(json, &conn, args)?,
        Command::Skills(cmd) => skills::run_skills(json, &conn, &data_dir, cmd)?,
        Command::Ladder(cmd) => skills::run_ladder(json, &conn, cmd)?,
        Command::Blueprint(cmd) => blueprint::run(json, &conn, cmd)?,
        Command::Settings(args) => settings::run(json, &conn, args)?,
        Command::Db(cmd) => return db::run(json, &conn, &data_dir, cmd),
        Command::Demo => {
            let report = demo::load(&conn, time::today())?;
            emit(json, &report, |r| {
                format!(
                    "loaded a demo team: {} people, {} 1:1s, {} action items, {} talking points\n",
                    r.people, r.meetings, r.action_items, r.talking_points
                )
            });
        }
        Command::Bench(_) | Command::StressWriter(_) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// A snippet for a terminal: matched words in [brackets].
pub(crate) fn plain_snippet(snippet: &str) -> String {
    snippet
        .replace(leadbook_core::search::HIGHLIGHT_START, "[")
        .replace(leadbook_core::search::HIGHLIGHT_END, "]")
}
