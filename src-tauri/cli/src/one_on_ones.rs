//! `leadbook-cli one-on-ones` and `notes`: 1:1 prep, meetings, talking points, action items,
//! settings, templates, exports and notes search.

use std::path::PathBuf;

use clap::Subcommand;
use leadbook_core::db::write;
use leadbook_core::one_on_ones::{self as oo, Author, Cadence, NewAction, NotesInput, Owner};
use leadbook_core::rusqlite::Connection;
use leadbook_core::time::{today, DateRange};
use leadbook_core::Error;

use crate::{emit, person_id, plain_snippet, PersonRef};

#[derive(Subcommand)]
pub enum OneOnOnesCommand {
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
        #[arg(long, value_parser = crate::settings::word::<Cadence>)]
        cadence: Option<Cadence>,
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
pub enum AuthorArg {
    Mine,
    Theirs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum OwnerArg {
    Me,
    Them,
}

#[derive(Subcommand)]
pub enum NotesCommand {
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

pub fn run(json: bool, conn: &Connection, cmd: &OneOnOnesCommand) -> Result<(), Error> {
    let today = today();
    match cmd {
        OneOnOnesCommand::Prep { person } => {
            let prep = oo::prep(conn, &person_id(conn, person)?, today)?;
            emit(json, &prep, prep_text);
        }
        OneOnOnesCommand::Start {
            person,
            date,
            shared,
            private,
        } => {
            let id = person_id(conn, person)?;
            // Started and noted in one transaction: both land, or neither.
            let meeting = write(conn, |tx| {
                let meeting = oo::start_meeting_in(tx, &id, date.as_deref(), today)?;
                if shared.is_none() && private.is_none() {
                    return Ok(meeting);
                }
                let notes = NotesInput {
                    agenda: meeting.agenda.clone(),
                    shared_notes: shared.clone().unwrap_or_default(),
                    private_notes: private.clone().unwrap_or_default(),
                    ..Default::default()
                };
                oo::save_notes_in(tx, &meeting.id, &notes)
            })?;
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
            let point = oo::add_talking_point(conn, &person_id(conn, person)?, text, author)?;
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
                person_id: person_id(conn, person)?,
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
            let range = DateRange {
                from: from.clone(),
                to: to.clone(),
            };
            let record = oo::for_export(conn, &person_id(conn, person)?, &range, today)?;
            let markdown = leadbook_export::one_on_ones::to_markdown(&record, *include_private);
            leadbook_export::write_file(out, markdown.as_bytes())?;
            let text = format!("wrote {} ({} 1:1s)\n", out.display(), record.meetings.len());
            emit(json, &out.display().to_string(), |_| text);
        }
        OneOnOnesCommand::Settings {
            person,
            cadence,
            template,
        } => {
            let mut settings = oo::settings(conn, &person_id(conn, person)?)?;
            if let Some(cadence) = cadence {
                settings.cadence = *cadence;
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
            let list = oo::meetings(conn, &person_id(conn, person)?)?;
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

/// `notes search`
pub fn run_notes(json: bool, conn: &Connection, cmd: &NotesCommand) -> Result<(), Error> {
    let NotesCommand::Search {
        query,
        person,
        limit,
    } = cmd;
    let person = person.as_deref().map(|p| person_id(conn, p)).transpose()?;
    let hits = oo::search(conn, query, person.as_deref(), *limit)?;
    emit(json, &hits, |hits| {
        if hits.is_empty() {
            return format!("no matches for \"{query}\"\n");
        }
        hits.iter()
            .map(|h| {
                let snippet = plain_snippet(&h.snippet);
                format!(
                    "{} · {} · {:?}\n    {}\n",
                    h.date, h.person_name, h.kind, snippet
                )
            })
            .collect()
    });
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
