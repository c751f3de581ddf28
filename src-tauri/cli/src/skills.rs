//! `leadbook-cli skills` and `leadbook-cli ladder`: the skills matrix (import, show, export) and
//! career ladders (list, export, diff, assign, evidence).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use leadbook_core::blueprint::ExportFormat;
use leadbook_core::ladders::{self, EvidenceSource, LevelDiff, PlacementInput, Segment};
use leadbook_core::rusqlite::Connection;
use leadbook_core::skills::{self, MatrixQuery};
use leadbook_core::{time, Error, ErrorCode};
use serde::Serialize;

use crate::{emit, person_id, PersonRef};

#[derive(Subcommand)]
pub enum SkillsCommand {
    /// Import a wide matrix CSV (email,<skill>,<skill>,...; cells 0-4 or blank) as manager
    /// ratings; all or nothing, blanks never erase
    Import {
        file: PathBuf,
        /// The date the ratings are for (YYYY-MM-DD; default today)
        #[arg(long)]
        date: Option<String>,
        /// Create skills for columns the catalog does not have (instead of refusing the file)
        #[arg(long)]
        add_skills: bool,
    },
    /// The matrix: each skill's holders (latest manager rating 3+) and the bus-factor flag
    Matrix {
        /// Only this team
        #[arg(long)]
        team: Option<String>,
        /// Only this category
        #[arg(long)]
        category: Option<String>,
    },
    /// Export the matrix as the wide CSV `import` reads
    Export {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum LadderCommand {
    /// The career ladders with their levels
    List,
    /// Export a ladder as Markdown, JSON or PDF
    Export {
        /// The ladder's name (or a unique part of it)
        name: String,
        #[arg(long, value_enum)]
        format: Format,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// What changes from one level to another: the competencies whose text differs
    Diff {
        name: String,
        from: String,
        to: String,
    },
    /// Place a person on a ladder at a level, with a target level
    Assign {
        person: PersonRef,
        /// The ladder's name (or a unique part of it)
        name: String,
        #[arg(long)]
        level: String,
        #[arg(long)]
        target: Option<String>,
    },
    /// A person's evidence log, newest first
    Evidence { person: PersonRef },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Md,
    Json,
    Pdf,
}

fn read(file: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(file).map_err(|e| {
        Error::new(
            ErrorCode::InvalidInput,
            format!("cannot read {}: {e}", file.display()),
        )
    })
}

/// The matrix as the CLI prints it in JSON.
#[derive(Serialize)]
struct MatrixOut {
    skills: Vec<SkillOut>,
    people: Vec<PersonOut>,
}

#[derive(Serialize)]
struct SkillOut {
    name: String,
    category: String,
    /// Emails (or names, for people without one) of the holders.
    holders: Vec<String>,
    at_risk: bool,
}

#[derive(Serialize)]
struct PersonOut {
    name: String,
    email: Option<String>,
    team: Option<String>,
    /// Skill name → the latest manager rating (rated skills only).
    ratings: BTreeMap<String, u8>,
}

pub fn run_skills(
    json: bool,
    conn: &Connection,
    data_dir: &Path,
    cmd: &SkillsCommand,
) -> Result<(), Error> {
    match cmd {
        SkillsCommand::Import {
            file,
            date,
            add_skills,
        } => {
            let data = read(file)?;
            leadbook_core::db::snapshots::snapshot(data_dir, "before import")?;
            let report =
                skills::import_matrix(conn, &data, date.as_deref(), *add_skills, time::today())?;
            emit(json, &report, |r| {
                let mut out = format!(
                    "imported {} ratings for {} people, dated {}{}\n",
                    r.ratings,
                    r.people,
                    r.rated_on,
                    if r.unchanged > 0 {
                        format!(" ({} unchanged)", r.unchanged)
                    } else {
                        String::new()
                    }
                );
                if !r.added_skills.is_empty() {
                    out.push_str(&format!("added skills: {}\n", r.added_skills.join(", ")));
                }
                out
            });
        }
        SkillsCommand::Matrix { team, category } => {
            let m = skills::matrix(
                conn,
                &MatrixQuery {
                    team: team.clone(),
                    category: category.clone(),
                    ..Default::default()
                },
            )?;
            let who: BTreeMap<&str, String> = m
                .rows
                .iter()
                .map(|r| {
                    (
                        r.person_id.as_str(),
                        r.email.clone().unwrap_or_else(|| r.name.clone()),
                    )
                })
                .collect();
            let out = MatrixOut {
                skills: m
                    .skills
                    .iter()
                    .map(|s| SkillOut {
                        name: s.name.clone(),
                        category: s.category.clone(),
                        holders: s
                            .holders
                            .iter()
                            .filter_map(|h| who.get(h.as_str()).cloned())
                            .collect(),
                        at_risk: s.at_risk,
                    })
                    .collect(),
                people: m
                    .rows
                    .iter()
                    .map(|r| PersonOut {
                        name: r.name.clone(),
                        email: r.email.clone(),
                        team: r.team.clone(),
                        ratings: m
                            .skills
                            .iter()
                            .zip(&r.cells)
                            .filter_map(|(s, c)| c.manager.map(|l| (s.name.clone(), l)))
                            .collect(),
                    })
                    .collect(),
            };
            emit(json, &out, render_matrix);
        }
        SkillsCommand::Export { out } => {
            let csv = skills::export_matrix(conn)?;
            leadbook_export::write_file(out, csv.as_bytes())?;
            let path = out.display().to_string();
            emit(json, &path, |p| format!("wrote {p}\n"));
        }
    }
    Ok(())
}

fn render_matrix(m: &MatrixOut) -> String {
    if m.people.is_empty() {
        return "no one to show: add people with `leadbook-cli people add`\n".into();
    }
    let mut out = String::new();
    let mut category = "";
    for s in &m.skills {
        if s.category != category {
            category = &s.category;
            out.push_str(&format!("\n{category}\n"));
        }
        let flag = if s.at_risk { "  AT RISK" } else { "" };
        let holders = if s.holders.is_empty() {
            "nobody".to_string()
        } else {
            s.holders.join(", ")
        };
        out.push_str(&format!(
            "  {:<34} {} holder{}: {holders}{flag}\n",
            s.name,
            s.holders.len(),
            if s.holders.len() == 1 { "" } else { "s" }
        ));
    }
    let risky = m.skills.iter().filter(|s| s.at_risk).count();
    out.push_str(&format!(
        "\n{} people, {} skills, {risky} held by one person or nobody (holders: latest manager rating 3+)\n",
        m.people.len(),
        m.skills.len()
    ));
    out
}

/// Changed words between «guillemets», for a terminal.
fn marked(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| {
            if s.changed {
                format!("«{}»", s.text)
            } else {
                s.text.clone()
            }
        })
        .collect()
}

fn render_diff(d: &LevelDiff) -> String {
    let mut out = format!(
        "{}: {} {} → {} {}\n",
        d.ladder_name, d.from.key, d.from.title, d.to.key, d.to.title
    );
    if d.changes.is_empty() {
        out.push_str("\nno competency's text differs between these levels\n");
    }
    for c in &d.changes {
        out.push_str(&format!("\n{} (#{})\n", c.name, c.slug));
        out.push_str(&format!("  {}: {}\n", d.from.key, marked(&c.from_segments)));
        out.push_str(&format!("  {}: {}\n", d.to.key, marked(&c.to_segments)));
    }
    if !d.skills.is_empty() {
        out.push_str("\nexpected skills\n");
        let show = |v: Option<u8>| v.map_or("-".to_string(), |l| l.to_string());
        for s in &d.skills {
            out.push_str(&format!(
                "  {:<34} {} → {}\n",
                s.name,
                show(s.from),
                show(s.to)
            ));
        }
    }
    out.push_str(&format!(
        "\n{} changed, {} the same\n",
        d.changes.len(),
        d.unchanged
    ));
    out
}

pub fn run_ladder(json: bool, conn: &Connection, cmd: &LadderCommand) -> Result<(), Error> {
    match cmd {
        LadderCommand::List => {
            let list = ladders::list_ladders(conn)?;
            emit(json, &list, |list| {
                list.iter()
                    .map(|l| {
                        format!(
                            "{:<28} {:<11} {:<20} {} competencies, {} people\n",
                            l.name,
                            l.track.as_str(),
                            l.levels.join(" "),
                            l.competencies,
                            l.people
                        )
                    })
                    .collect()
            });
        }
        LadderCommand::Export { name, format, out } => {
            let ladder = ladders::find_ladder(conn, name)?;
            let format = match format {
                Format::Md => ExportFormat::Markdown,
                Format::Json => ExportFormat::Json,
                Format::Pdf => ExportFormat::Pdf,
            };
            let bytes = leadbook_export::ladders::render(&ladder, format)?;
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
            emit(json, &written, |w| {
                format!("wrote {} ({} bytes)\n", w.path, w.bytes)
            });
        }
        LadderCommand::Diff { name, from, to } => {
            let ladder = ladders::find_ladder(conn, name)?;
            let d = ladders::diff(conn, &ladder.id, from, to)?;
            emit(json, &d, render_diff);
        }
        LadderCommand::Assign {
            person,
            name,
            level,
            target,
        } => {
            let person_id = person_id(conn, person)?;
            let ladder = ladders::find_ladder(conn, name)?;
            let level = ladders::find_level(conn, &ladder.id, level)?;
            let target = target
                .as_deref()
                .map(|t| ladders::find_level(conn, &ladder.id, t))
                .transpose()?;
            let placed = ladders::assign(
                conn,
                &PlacementInput {
                    person_id,
                    ladder_id: ladder.id.clone(),
                    level_id: level.id,
                    target_level_id: target.map(|t| t.id),
                },
            )?;
            emit(json, &placed, |p| {
                let target = p
                    .target_key
                    .as_deref()
                    .map(|t| format!(", target {t}"))
                    .unwrap_or_default();
                format!(
                    "placed on {} at {} {}{target}\n",
                    p.ladder_name, p.level_key, p.level_title
                )
            });
        }
        LadderCommand::Evidence { person } => {
            let id = person_id(conn, person)?;
            let list = ladders::evidence(conn, &id)?;
            emit(json, &list, |list| {
                if list.is_empty() {
                    return "no evidence yet: tag a 1:1 note with #<competency> to file some\n"
                        .into();
                }
                list.iter()
                    .map(|e| {
                        let from = match (e.source, &e.meeting_date) {
                            (EvidenceSource::Manual, _) => String::new(),
                            (_, Some(d)) => format!(" (from the 1:1 on {d})"),
                            (EvidenceSource::Action, None) => " (from an action item)".into(),
                            (EvidenceSource::Notes, None) => " (from a 1:1)".into(),
                        };
                        format!(
                            "{}  {} (#{}){from}\n    {}\n",
                            e.date, e.competency_name, e.slug, e.text
                        )
                    })
                    .collect()
            });
        }
    }
    Ok(())
}

const BENCH_PEOPLE: usize = 150;
const BENCH_SKILLS: usize = 120;
/// Quarterly manager ratings for five years, and a yearly self rating, for every pair.
const BENCH_QUARTERS: usize = 20;

/// The skills targets: the matrix for 150 people × 120 skills with five years of rating history
/// (median < 30 ms) and readiness for one person (median < 5 ms), in a real database file. The
/// baseline computes the same matrix from every rating (a window over the whole history) instead
/// of the latest table the trigger keeps.
pub fn bench(runs: usize) -> Result<(Vec<crate::bench::Timing>, f64, String), Error> {
    use leadbook_core::rusqlite::params;
    use leadbook_core::skills::{LatestFrom, SkillInput};
    use leadbook_core::{db, ids, people};

    let dir = crate::bench::tempdir()?.join("skills");
    let _ = std::fs::remove_dir_all(&dir);
    let (conn, _) = db::open(&dir)?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
        .ok_or_else(|| Error::storage("bad bench date"))?;
    let subject = db::write(&conn, |tx| {
        let have = skills::skills(tx, false)?.len();
        for i in have..BENCH_SKILLS {
            skills::add_skill(
                tx,
                &SkillInput {
                    name: format!("Bench skill {i:03}"),
                    category: format!("Bench {}", i % 4),
                    description: None,
                },
            )?;
        }
        let catalog = skills::skills(tx, false)?;
        let mut ids_of_people = Vec::new();
        for p in 0..BENCH_PEOPLE {
            let person = people::add(
                tx,
                &people::PersonInput {
                    name: format!("Person {p:03}"),
                    email: Some(format!("p{p:03}@example.com")),
                    team: Some(format!("Team {}", p % 6)),
                    ..Default::default()
                },
            )?;
            ids_of_people.push(person.id);
        }
        let mut insert = tx.prepare_cached(
            "INSERT INTO skill_ratings (id, person_id, skill_id, rater, level, rated_on, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7)",
        )?;
        let mut rng = 17u64;
        let mut next = |n: u64| {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (rng >> 33) % n
        };
        for person in &ids_of_people {
            for skill in &catalog {
                for q in 0..BENCH_QUARTERS {
                    let date = today - chrono::Days::new(((BENCH_QUARTERS - q) * 91) as u64);
                    let stamp = format!("{date}T12:00:00.000Z");
                    insert.execute(params![
                        ids::new_id(),
                        person,
                        skill.id,
                        "manager",
                        next(5),
                        date.to_string(),
                        stamp
                    ])?;
                    if q % 4 == 3 {
                        insert.execute(params![
                            ids::new_id(),
                            person,
                            skill.id,
                            "self",
                            next(5),
                            date.to_string(),
                            stamp
                        ])?;
                    }
                }
            }
        }
        let ladder = ladders::find_ladder(tx, "Infrastructure Engineer")?;
        let subject = ids_of_people[0].clone();
        let level = ladders::find_level(tx, &ladder.id, "L4")?;
        let target = ladders::find_level(tx, &ladder.id, "L5")?;
        ladders::assign(
            tx,
            &PlacementInput {
                person_id: subject.clone(),
                ladder_id: ladder.id.clone(),
                level_id: level.id,
                target_level_id: Some(target.id),
            },
        )?;
        for (i, c) in ladder.competencies.iter().enumerate() {
            let rating = if i % 3 == 0 {
                ladders::AssessmentRating::Below
            } else {
                ladders::AssessmentRating::Meets
            };
            ladders::assess(tx, &subject, &c.id, Some(rating), "", today)?;
            for k in 0..20 {
                ladders::add_evidence(
                    tx,
                    &ladders::EvidenceInput {
                        person_id: subject.clone(),
                        competency_id: c.id.clone(),
                        date: Some((today - chrono::Days::new(k * 13)).to_string()),
                        text: format!("Evidence {k} for {}", c.name),
                    },
                    today,
                )?;
            }
        }
        Ok(subject)
    })?;
    let ratings: i64 = conn.query_row("SELECT count(*) FROM skill_ratings", [], |r| r.get(0))?;
    let query = MatrixQuery::default();
    let check = skills::matrix(&conn, &query)?;
    if check.rows.len() != BENCH_PEOPLE || check.skills.len() != BENCH_SKILLS {
        return Err(Error::storage(format!(
            "the bench matrix is {} × {}",
            check.rows.len(),
            check.skills.len()
        )));
    }
    if skills::matrix_from(&conn, &query, LatestFrom::History)? != check {
        return Err(Error::storage(
            "the baseline matrix differs from the latest table's",
        ));
    }
    let matrix = crate::bench::measure("matrix 150 × 120 (latest table)", runs, &[()], |_| {
        skills::matrix(&conn, &query).map(drop)
    })?;
    let baseline = crate::bench::measure(
        "matrix baseline (window over all ratings)",
        runs.clamp(1, 10),
        &[()],
        |_| skills::matrix_from(&conn, &query, LatestFrom::History).map(drop),
    )?;
    let readiness = crate::bench::measure("readiness for one person", runs, &[()], |_| {
        ladders::readiness(&conn, &subject).map(drop)
    })?;
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
    let ratio = matrix.median_ms / baseline.median_ms;
    let notes = format!(
        "{BENCH_PEOPLE} people × {BENCH_SKILLS} skills, {ratings} ratings (quarterly manager ratings and a yearly self rating for five years); \
         targets: matrix median < 30 ms, readiness median < 5 ms (6 competencies, 120 evidence entries, 9 expected skills); \
         the ratio compares the matrix median with the same matrix computed from every rating"
    );
    Ok((vec![matrix, baseline, readiness], ratio, notes))
}
