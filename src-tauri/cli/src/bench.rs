//! `leadbook-cli bench`: speed figures for the targets issues name, as medians over runs (not
//! timed tests). Each scenario builds its data in a temporary data dir, so it never touches yours.

use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use leadbook_core::one_on_ones as oo;
use leadbook_core::rusqlite::{params, Connection};
use leadbook_core::{blueprint, db, palette, people, Error};
use serde::Serialize;

use crate::emit;

#[derive(Args)]
pub struct BenchArgs {
    #[arg(value_enum)]
    scenario: Scenario,
    /// Measured runs per operation
    #[arg(long, default_value_t = 50)]
    runs: usize,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Scenario {
    /// Blueprint search as you type
    BlueprintSearch,
    /// 1:1 prep and notes search on 10 years of history and 60,000 notes
    OneOnOnes,
    /// The Ctrl+K palette as you type, over 60,000 notes, the roster and the blueprint
    Palette,
    /// The skills matrix (150 people × 120 skills, five years of ratings) and one readiness
    Skills,
}

pub fn run(json: bool, args: &BenchArgs) -> Result<ExitCode, Error> {
    let runs = args.runs.max(1);
    let report = match args.scenario {
        Scenario::BlueprintSearch => blueprint_search(runs)?,
        Scenario::OneOnOnes => one_on_ones(runs)?,
        Scenario::Palette => palette(runs)?,
        Scenario::Skills => skills(runs)?,
    };
    emit(json, &report, render);
    Ok(ExitCode::SUCCESS)
}

/// The skills targets: the matrix for 150 people × 120 skills and readiness for one person (see
/// `crate::skills::bench`).
fn skills(runs: usize) -> Result<Report, Error> {
    let (timings, ratio, notes) = crate::skills::bench(runs)?;
    Ok(Report {
        scenario: "skills".into(),
        timings,
        ratio_to_baseline: Some(ratio),
        notes,
    })
}

/// Timing of one measured operation: median and 95th percentile over `samples`, in milliseconds.
#[derive(Debug, Serialize)]
pub struct Timing {
    pub name: String,
    pub samples: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub scenario: String,
    pub timings: Vec<Timing>,
    /// The subject's figure over the baseline's (which figure: see `notes`), where one exists.
    pub ratio_to_baseline: Option<f64>,
    pub notes: String,
}

/// Times `op` on every input, `runs` times over; median and p95 over all those samples.
pub(crate) fn measure<T>(
    name: &str,
    runs: usize,
    inputs: &[T],
    mut op: impl FnMut(&T) -> Result<(), Error>,
) -> Result<Timing, Error> {
    for input in inputs {
        op(input)?; // warm the statement cache and the page cache
    }
    let mut ms = Vec::with_capacity(runs * inputs.len());
    for _ in 0..runs {
        for input in inputs {
            let start = Instant::now();
            op(input)?;
            ms.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    ms.sort_by(f64::total_cmp);
    let pick = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    Ok(Timing {
        name: name.into(),
        samples: ms.len(),
        median_ms: pick(0.5),
        p95_ms: pick(0.95),
    })
}

/// What a user types into the blueprint search box, one keystroke at a time.
const TYPED: [&str; 3] = [
    "error budget burn",
    "postmortem quality",
    "terraform modules",
];

fn keystrokes(phrases: &[&str]) -> Vec<String> {
    phrases
        .iter()
        .flat_map(|phrase| (1..=phrase.len()).map(|n| phrase[..n].to_string()))
        .filter(|q| !q.trim().is_empty())
        .collect()
}

/// Blueprint search as you type: every prefix of a few phrases, against the seeded blueprint in
/// a real database file. Baseline: a naive `LIKE '%…%'` scan over the same text.
pub fn blueprint_search(runs: usize) -> Result<Report, Error> {
    let dir = tempdir()?;
    let (conn, _) = db::open(&dir)?;
    let queries = keystrokes(&TYPED);
    let fts = measure(
        "fts5 search (top 50, ranked, snippets)",
        runs,
        &queries,
        |q| blueprint::search(&conn, q, 50).map(drop),
    )?;
    let mut like = conn.prepare(
        "SELECT id FROM blueprint_nodes
         WHERE coalesce(title, '') || ' ' || coalesce(body, '') || ' ' || fields || cells
               LIKE '%' || ?1 || '%'",
    )?;
    let scan = measure("LIKE scan baseline (all matches)", runs, &queries, |q| {
        like.query_map([q], |r| r.get::<_, String>(0))?
            .for_each(drop);
        Ok(())
    })?;
    drop(like);
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Report {
        scenario: "blueprint-search".into(),
        ratio_to_baseline: Some(fts.median_ms / scan.median_ms),
        notes: format!(
            "{} keystroke queries (prefixes of {:?}) × runs; per-query times, backend only \
             (the app adds one IPC round trip and a render)",
            queries.len(),
            TYPED
        ),
        timings: vec![fts, scan],
    })
}

const WORDS: [&str; 40] = [
    "migration",
    "kubernetes",
    "terraform",
    "latency",
    "postmortem",
    "roadmap",
    "hiring",
    "budget",
    "on-call",
    "pager",
    "runbook",
    "capacity",
    "forecast",
    "promotion",
    "feedback",
    "burnout",
    "alerting",
    "observability",
    "database",
    "failover",
    "network",
    "firewall",
    "secrets",
    "vault",
    "pipeline",
    "deploy",
    "rollback",
    "canary",
    "incident",
    "review",
    "mentoring",
    "career",
    "ladder",
    "goals",
    "cost",
    "savings",
    "reserved",
    "cluster",
    "upgrade",
    "holiday",
];

fn sentence(rng: &mut u64, words: usize) -> String {
    (0..words)
        .map(|_| {
            *rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[((*rng >> 33) % WORDS.len() as u64) as usize]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The bench corpus: 116 people, 60,000 weekly 1:1s (10 years for each), 2,000 action items
/// and 10 queued talking points for the first person. Returns (that person's id, meetings).
fn notes_corpus(conn: &Connection, today: chrono::NaiveDate) -> Result<(String, usize), Error> {
    db::write(conn, |tx| {
        let mut rng = 7u64;
        let total_meetings = 60_000usize;
        let per_person = 520usize; // 10 years, weekly
        let mut subject = String::new();
        let mut meetings = 0usize;
        for p in 0..total_meetings.div_ceil(per_person) {
            let input = people::PersonInput {
                name: format!("Person {p:03} {}", WORDS[p % WORDS.len()]),
                title: Some("Site Reliability Engineer".into()),
                ..Default::default()
            };
            let person = people::add(tx, &input)?;
            if p == 0 {
                subject = person.id.clone();
            }
            let mut stmt = tx.prepare_cached(
                "INSERT INTO meetings (id, person_id, date, agenda, shared_notes, private_notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?6)",
            )?;
            for w in 0..per_person.min(total_meetings - meetings) {
                let date = today - chrono::Days::new(7 * (per_person - w) as u64);
                let stamp = format!("{date}T10:00:00.000Z");
                stmt.execute(params![
                    uuid_like(p, w),
                    person.id,
                    date.to_string(),
                    sentence(&mut rng, 60),
                    sentence(&mut rng, 12),
                    stamp
                ])?;
                meetings += 1;
            }
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO action_items (id, person_id, text, owner, due_date, done_at, created_at)
             VALUES (?1, ?2, ?3, 'them', ?4, ?5, ?6)",
        )?;
        for a in 0..2_000usize {
            let due = today - chrono::Days::new((2_000 - a) as u64);
            let done = (a % 20 != 0).then(|| format!("{due}T17:00:00.000Z"));
            stmt.execute(params![
                format!("bench-action-{a}"),
                subject,
                sentence(&mut rng, 8),
                due.to_string(),
                done,
                format!("{due}T09:00:00.000Z")
            ])?;
        }
        for _ in 0..10 {
            oo::add_talking_point(tx, &subject, &sentence(&mut rng, 6), oo::Author::Theirs)?;
        }
        Ok((subject, meetings))
    })
}

fn bench_today() -> Result<chrono::NaiveDate, Error> {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 26).ok_or_else(|| Error::storage("bad bench date"))
}

/// The 1:1 targets: a person with 10 years of weekly 1:1s and 2,000 action items in a database
/// of 60,000 meeting notes. Measures the prep query (median) and notes search (p95), with a
/// `LIKE` scan over the same notes as the search baseline.
pub fn one_on_ones(runs: usize) -> Result<Report, Error> {
    let dir = tempdir()?;
    let (conn, _) = db::open(&dir)?;
    let today = bench_today()?;
    let (subject, meetings) = notes_corpus(&conn, today)?;
    let people_count = people::list(&conn, &Default::default())?.len();

    let prep = measure("prep (10 years weekly, 2,000 actions)", runs, &[()], |_| {
        oo::prep(&conn, &subject, today).map(drop)
    })?;
    let queries: Vec<String> = [
        "kubernetes",
        "postmortem rollback",
        "ladder prom",
        "vault secr",
        "canary",
        "hol",
    ]
    .iter()
    .map(|q| q.to_string())
    .collect();
    let search = measure(
        "notes search (top 50 of 60,000 notes)",
        runs,
        &queries,
        |q| oo::search(&conn, q, None, 50).map(drop),
    )?;
    // The naive way to the same answer shape (the newest matches first, over every note): a
    // LIKE scan of all documents, sorted by date.
    let mut like = conn.prepare(
        "SELECT ref_id FROM search_docs WHERE kind IN ('meeting', 'private', 'point', 'action')
           AND text LIKE '%' || ?1 || '%' ORDER BY date DESC LIMIT 50",
    )?;
    let baseline_runs = runs.clamp(1, 5);
    let scan = measure(
        "LIKE scan baseline (newest 50 matches)",
        baseline_runs,
        &queries,
        |q| {
            like.query_map([q], |r| r.get::<_, String>(0))?
                .for_each(drop);
            Ok(())
        },
    )?;
    drop(like);
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Report {
        scenario: "one-on-ones".into(),
        ratio_to_baseline: Some(search.p95_ms / scan.p95_ms),
        notes: format!(
            "{meetings} meetings ({} notes documents incl. private), {people_count} people; targets: prep median < 20 ms, \
             search p95 < 10 ms; the ratio compares search p95 with the LIKE scan's p95",
            meetings * 2
        ),
        timings: vec![prep, search, scan],
    })
}

/// What a user types into Ctrl+K: a person's name, words from notes, a blueprint phrase.
const PALETTE_TYPED: [&str; 4] = [
    "person 042",
    "kubernetes upgrade",
    "error budget",
    "incident review",
];

/// The palette as you type: every prefix of a few phrases, over the 1:1 bench corpus with the
/// roster and the seeded blueprint in the same index. Baseline: a `LIKE` scan of every document.
pub fn palette(runs: usize) -> Result<Report, Error> {
    let dir = tempdir()?;
    let (conn, _) = db::open(&dir)?;
    let (_, meetings) = notes_corpus(&conn, bench_today()?)?;
    let docs: i64 = conn.query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))?;
    let queries = keystrokes(&PALETTE_TYPED);
    let search = measure(
        "palette search (people, notes, blueprint)",
        runs,
        &queries,
        |q| palette::search(&conn, q).map(drop),
    )?;
    let mut like = conn.prepare(
        "SELECT ref_id FROM search_docs WHERE title || ' ' || text LIKE '%' || ?1 || '%' LIMIT 19",
    )?;
    let scan = measure(
        "LIKE scan baseline (first 19 matches)",
        runs.clamp(1, 5),
        &queries,
        |q| {
            like.query_map([q], |r| r.get::<_, String>(0))?
                .for_each(drop);
            Ok(())
        },
    )?;
    drop(like);
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Report {
        scenario: "palette".into(),
        ratio_to_baseline: Some(search.p95_ms / scan.p95_ms),
        notes: format!(
            "{} keystroke queries (prefixes of {PALETTE_TYPED:?}) × runs over {docs} indexed documents \
             ({meetings} meetings, the roster, the blueprint); target: p95 < 10 ms; the ratio \
             compares p95 with a LIKE scan's p95 (which ranks nothing)",
            queries.len()
        ),
        timings: vec![search, scan],
    })
}

fn uuid_like(person: usize, week: usize) -> String {
    format!("bench-{person:04}-{week:04}")
}

pub(crate) fn tempdir() -> Result<std::path::PathBuf, Error> {
    let dir = std::env::temp_dir().join(format!("leadbook-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

pub fn render(report: &Report) -> String {
    let mut out = format!("{}\n", report.scenario);
    for t in &report.timings {
        out.push_str(&format!(
            "  {:<40} median {:>8.3} ms   p95 {:>8.3} ms   ({} samples)\n",
            t.name, t.median_ms, t.p95_ms, t.samples
        ));
    }
    if let Some(r) = report.ratio_to_baseline {
        out.push_str(&format!("  ratio to baseline: {r:.3}\n"));
    }
    out.push_str(&format!("  {}\n", report.notes));
    out
}
