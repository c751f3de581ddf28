//! Crash-proof writes, proven: a writer that loops over real writes on a data dir, reporting each
//! commit the moment it returns, and a harness that kills it with SIGKILL at random moments and
//! then checks the database.
//!
//! The writer (`leadbook-cli --data-dir DIR stress-writer --seed N`, hidden) makes four kinds of
//! write, each carrying a unique marker `s{seed}n{counter}`:
//!
//! - `import`: a 200-row roster CSV through `people::import_csv` (emails `{marker}.{i}@stress.example`);
//! - `point`: a talking point `stress point {marker}` for the anchor person;
//! - `action`: an action item `stress action {marker}` for the anchor person;
//! - `meeting`: a person `Stress meeting {marker}`, a 1:1 started with them and its first notes,
//!   in one transaction (as `one-on-ones record` does), then 1 to 3 autosaves of the notes
//!   (`notes`, marker `{marker}/{version}`), each a whole new ~2 KB text.
//!
//! Before each write it prints `begin <kind> <marker>`, and right after the write returns
//! `committed <kind> <marker>`, flushed, so the harness knows what was confirmed and what was in
//! flight when the kill landed. After each kill the harness opens the database the way the app
//! does (`db::open`) and checks:
//!
//! - `PRAGMA integrity_check` and the foreign key check find nothing;
//! - every write reported committed is there, whole (an import has all 200 rows, a 1:1 its person,
//!   its meeting and notes at least as new as the last confirmed save, byte for byte);
//! - nothing is there that was not confirmed, except the one write in flight at the kill (its
//!   commit may have returned before the report was printed), and that one too is whole or absent;
//! - no import batch anywhere is partial (0 or 200 rows).
//!
//! Runs go in chains of `CHAIN_RUNS` on one data dir, so each starts from a database that
//! survived the kills before it; while the writer runs, the harness checks the run before it
//! in a read snapshot taken right after that kill. At a chain's end, every run's writes are observed again and must be exactly as
//! they were right after that run: a later kill or recovery never loses or brings back anything.
//!
//! The check is tested for honesty too: `LEADBOOK_STRESS_FAULT=early-report` makes the writer
//! report before committing, and `split-import` imports row by row outside one transaction; the
//! harness must catch both (see `tests/crash_safety.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::Args;
use leadbook_core::one_on_ones::{self as oo, Author, NewAction, NotesInput, Owner};
use leadbook_core::rusqlite::config::DbConfig;
use leadbook_core::rusqlite::{Connection, OptionalExtension};
use leadbook_core::{db, paths, people, revisions, time, Error};
use serde::Serialize;

/// A data dir the stress writer may fill with junk carries this file (the harness makes it), so
/// the writer can never be pointed at a real database by mistake.
pub const SENTINEL: &str = "stress-writer.ok";
/// Rows in each roster import the writer makes.
pub const BATCH_ROWS: usize = 200;
const FAULT_ENV: &str = "LEADBOOK_STRESS_FAULT";
const ANCHOR_EMAIL: &str = "anchor@stress.example";
const NOTES_BYTES: usize = 2_000;

#[derive(Args)]
pub struct StressWriterArgs {
    /// Seeds the choice of writes and names their markers (`s{seed}n{counter}`)
    #[arg(long)]
    seed: u64,
    /// Stop after this many writes (default: write until killed)
    #[arg(long)]
    writes: Option<u64>,
}

/// A small deterministic generator (SplitMix64): the same seed, the same writes and kill times.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
}

/// A deliberate bug the writer can carry, to prove the harness catches it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    /// Reports a write committed before committing it.
    EarlyReport,
    /// Imports the roster row by row, each row its own transaction.
    SplitImport,
}

impl Fault {
    fn from_env() -> Fault {
        match std::env::var(FAULT_ENV).as_deref() {
            Ok("early-report") => Fault::EarlyReport,
            Ok("split-import") => Fault::SplitImport,
            _ => Fault::None,
        }
    }
}

/// Prints `begin`/`committed` lines, each flushed at once.
struct Reporter(std::io::Stdout);

impl Reporter {
    fn line(&mut self, what: &str, kind: &str, marker: &str) -> Result<(), Error> {
        let mut out = self.0.lock();
        writeln!(out, "{what} {kind} {marker}")
            .and_then(|_| out.flush())
            .map_err(|e| Error::storage(format!("cannot report to stdout: {e}")))
    }

    /// Runs one write between its `begin` and `committed` lines.
    fn step(
        &mut self,
        fault: Fault,
        kind: &str,
        marker: &str,
        work: impl FnOnce() -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.line("begin", kind, marker)?;
        if fault == Fault::EarlyReport {
            self.line("committed", kind, marker)?;
            return work();
        }
        work()?;
        self.line("committed", kind, marker)
    }
}

/// The notes of a stress 1:1 at a version: a first line naming both, then ~2 KB of text that
/// depends on them, so a torn or mixed-up save cannot pass for a whole one.
pub fn notes_text(marker: &str, version: u32) -> String {
    let mut text = format!("{marker} v{version}\n");
    let mut rng = Rng::new(marker.bytes().fold(u64::from(version), |h, b| {
        h.wrapping_mul(31).wrapping_add(b.into())
    }));
    const WORDS: [&str; 12] = [
        "rollout", "pager", "budget", "latency", "hiring", "review", "canary", "growth", "ladder",
        "runbook", "vault", "goals",
    ];
    while text.len() < NOTES_BYTES {
        text.push_str(WORDS[(rng.next_u64() % WORDS.len() as u64) as usize]);
        text.push(if rng.next_u64().is_multiple_of(9) {
            '\n'
        } else {
            ' '
        });
    }
    text
}

fn batch_csv(marker: &str) -> String {
    let mut csv = String::from("name,email,title,team\n");
    for i in 0..BATCH_ROWS {
        csv.push_str(&format!(
            "Stress {marker} {i},{marker}.{i}@stress.example,Engineer,Stress\n"
        ));
    }
    csv
}

fn notes_input(marker: &str, version: u32) -> NotesInput {
    NotesInput {
        shared_notes: notes_text(marker, version),
        ..Default::default()
    }
}

/// The person the writer's talking points and action items belong to, made once per data dir.
fn anchor(conn: &Connection) -> Result<String, Error> {
    let found: Option<String> = conn
        .query_row(
            "SELECT id FROM people WHERE email = ?1",
            [ANCHOR_EMAIL],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let input = people::PersonInput {
        name: "Stress anchor".into(),
        email: Some(ANCHOR_EMAIL.into()),
        ..Default::default()
    };
    Ok(people::add(conn, &input)?.id)
}

/// `leadbook-cli stress-writer`: writes until killed (or `--writes` are done).
pub fn writer(data_dir: Option<&Path>, args: &StressWriterArgs) -> Result<ExitCode, Error> {
    let Some(dir) = data_dir else {
        return Err(Error::invalid(
            "data_dir",
            "stress-writer writes junk: give it a --data-dir made for it",
        ));
    };
    if !dir.join(SENTINEL).exists() {
        return Err(Error::invalid(
            "data_dir",
            format!(
                "{} has no {SENTINEL}: stress-writer only writes where the crash harness set up",
                dir.display()
            ),
        ));
    }
    let (conn, _) = db::open(dir)?;
    revisions::set_actor(&conn, "stress")?;
    let anchor = anchor(&conn)?;
    let fault = Fault::from_env();
    let today = time::today();
    let mut rng = Rng::new(args.seed);
    let mut out = Reporter(std::io::stdout());
    let mut n = 0u64;
    while args.writes.is_none_or(|w| n < w) {
        let marker = format!("s{}n{n}", args.seed);
        n += 1;
        match rng.between(0, 9) {
            0 => out.step(fault, "import", &marker, || {
                let csv = batch_csv(&marker);
                if fault == Fault::SplitImport {
                    for line in csv.lines().skip(1) {
                        people::import_csv(
                            &conn,
                            format!("name,email,title,team\n{line}\n").as_bytes(),
                        )?;
                    }
                    return Ok(());
                }
                people::import_csv(&conn, csv.as_bytes()).map(drop)
            })?,
            1..=3 => out.step(fault, "point", &marker, || {
                let text = format!("stress point {marker}");
                oo::add_talking_point(&conn, &anchor, &text, Author::Mine).map(drop)
            })?,
            4..=6 => out.step(fault, "action", &marker, || {
                let new = NewAction {
                    person_id: anchor.clone(),
                    text: format!("stress action {marker}"),
                    owner: Owner::Me,
                    due_date: None,
                    meeting_id: None,
                };
                oo::add_action(&conn, &new, today).map(drop)
            })?,
            _ => {
                let mut meeting = String::new();
                out.step(fault, "meeting", &marker, || {
                    meeting = db::write(&conn, |tx| {
                        let person = people::add(
                            tx,
                            &people::PersonInput {
                                name: format!("Stress meeting {marker}"),
                                ..Default::default()
                            },
                        )?;
                        let m = oo::start_meeting_in(tx, &person.id, None, today)?;
                        oo::save_notes_in(tx, &m.id, &notes_input(&marker, 0))?;
                        Ok(m.id)
                    })?;
                    Ok(())
                })?;
                for version in 1..=rng.between(1, 3) as u32 {
                    out.step(fault, "notes", &format!("{marker}/{version}"), || {
                        oo::save_notes(&conn, &meeting, &notes_input(&marker, version)).map(drop)
                    })?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// The harness

/// What one run of the writer reported before it was killed.
#[derive(Debug, Default)]
struct Reported {
    /// `(kind, marker)` of every write reported committed, in order.
    committed: Vec<(String, String)>,
    /// The write begun and not reported committed when the kill landed, if any.
    in_flight: Option<(String, String)>,
}

fn parse_report(stdout: &[u8]) -> Reported {
    let text = String::from_utf8_lossy(stdout);
    let mut reported = Reported::default();
    // Only whole lines count: a kill can cut the last one short.
    let whole = match text.rfind('\n') {
        Some(end) => &text[..end],
        None => "",
    };
    for line in whole.lines() {
        let mut parts = line.split(' ');
        let (Some(what), Some(kind), Some(marker)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let entry = (kind.to_string(), marker.to_string());
        match what {
            "begin" => reported.in_flight = Some(entry),
            "committed" => {
                if reported.in_flight.as_ref() == Some(&entry) {
                    reported.in_flight = None;
                }
                reported.committed.push(entry);
            }
            _ => {}
        }
    }
    reported
}

/// A stress 1:1 as found in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MeetingSeen {
    persons: i64,
    meetings: i64,
    /// The notes' version, when the notes are exactly `notes_text(marker, version)`.
    version: Option<u32>,
}

/// Everything of the writer's that the database holds for some seeds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Observed {
    /// Import batch marker → rows present.
    batches: BTreeMap<String, i64>,
    points: BTreeSet<String>,
    actions: BTreeSet<String>,
    meetings: BTreeMap<String, MeetingSeen>,
}

/// The seed in a marker `s{seed}n{counter}`.
fn seed_of(marker: &str) -> Option<u64> {
    marker.strip_prefix('s')?.split_once('n')?.0.parse().ok()
}

/// Reads what the writer left for the markers matching `prefix` (`s{seed}n` for one run, `s`
/// for all), grouped by seed.
fn observe(conn: &Connection, prefix: &str) -> Result<BTreeMap<u64, Observed>, Error> {
    let mut all: BTreeMap<u64, Observed> = BTreeMap::new();
    fn entry<'a>(all: &'a mut BTreeMap<u64, Observed>, marker: &str) -> Option<&'a mut Observed> {
        seed_of(marker).map(|s| all.entry(s).or_default())
    }

    let mut rows: Vec<String> = conn
        .prepare("SELECT email FROM people WHERE email LIKE ?1 || '%@stress.example'")?
        .query_map([prefix], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    rows.retain(|e| e != ANCHOR_EMAIL);
    for email in rows {
        let batch = email.split('.').next().unwrap_or_default().to_string();
        if let Some(o) = entry(&mut all, &batch) {
            *o.batches.entry(batch).or_default() += 1;
        }
    }
    for (table, label) in [("talking_points", "point"), ("action_items", "action")] {
        let texts: Vec<String> = conn
            .prepare(&format!(
                "SELECT text FROM {table} WHERE text LIKE 'stress {label} ' || ?1 || '%'"
            ))?
            .query_map([prefix], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for text in texts {
            let marker = text
                .trim_start_matches(&format!("stress {label} "))
                .to_string();
            if let Some(o) = entry(&mut all, &marker) {
                if label == "point" {
                    o.points.insert(marker);
                } else {
                    o.actions.insert(marker);
                }
            }
        }
    }
    let found: Vec<(String, i64, Option<String>)> = conn
        .prepare(
            "SELECT p.name, count(m.id), max(m.shared_notes) FROM people p
               LEFT JOIN meetings m ON m.person_id = p.id
             WHERE p.name LIKE 'Stress meeting ' || ?1 || '%' GROUP BY p.id",
        )?
        .query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (name, meetings, notes) in found {
        let marker = name.trim_start_matches("Stress meeting ").to_string();
        let version = notes.as_deref().and_then(|n| {
            let (head, _) = n.split_once('\n')?;
            let v: u32 = head.strip_prefix(&format!("{marker} v"))?.parse().ok()?;
            (notes_text(&marker, v) == n).then_some(v)
        });
        if let Some(o) = entry(&mut all, &marker) {
            let seen = o.meetings.entry(marker).or_insert(MeetingSeen {
                persons: 0,
                meetings: 0,
                version,
            });
            seen.persons += 1;
            seen.meetings += meetings;
        }
    }
    Ok(all)
}

/// The outcome of checking one run, added up over runs.
#[derive(Default)]
struct Tally {
    checks_passed: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if ok {
            self.checks_passed += 1;
        } else {
            self.failures.push(what());
        }
    }
}

/// Checks one run's writes against what it reported. Returns whether the in-flight write (if
/// any) turned out committed.
fn check_run(tally: &mut Tally, run: usize, reported: &Reported, seen: &Observed) -> Option<bool> {
    let fail = |what: String| format!("run {run}: {what}");
    // Every confirmed write is there, whole; the newest confirmed notes version per 1:1.
    let mut notes_confirmed: BTreeMap<&str, u32> = BTreeMap::new();
    for (kind, marker) in &reported.committed {
        match kind.as_str() {
            "import" => {
                let rows = seen.batches.get(marker).copied().unwrap_or(0);
                tally.check(rows == BATCH_ROWS as i64, || {
                    fail(format!(
                        "committed import {marker} has {rows} of {BATCH_ROWS} rows"
                    ))
                });
            }
            "point" => tally.check(seen.points.contains(marker), || {
                fail(format!("committed talking point {marker} is missing"))
            }),
            "action" => tally.check(seen.actions.contains(marker), || {
                fail(format!("committed action item {marker} is missing"))
            }),
            "meeting" => {
                notes_confirmed.entry(marker).or_insert(0);
            }
            "notes" => {
                if let Some((m, v)) = marker.split_once('/') {
                    let v: u32 = v.parse().unwrap_or(u32::MAX);
                    let e = notes_confirmed.entry(m).or_insert(0);
                    *e = (*e).max(v);
                }
            }
            other => tally.failures.push(fail(format!("unknown kind {other}"))),
        }
    }
    for (marker, confirmed) in &notes_confirmed {
        let ok = seen.meetings.get(*marker).is_some_and(|m| {
            m.persons == 1 && m.meetings == 1 && m.version.is_some_and(|v| v >= *confirmed)
        });
        tally.check(ok, || {
            fail(format!(
                "committed 1:1 {marker} (notes v{confirmed}) is missing or torn: {:?}",
                seen.meetings.get(*marker)
            ))
        });
    }

    // Nothing is there that was not confirmed, except the write in flight, and that one whole.
    let confirmed: BTreeSet<(&str, &str)> = reported
        .committed
        .iter()
        .map(|(k, m)| (k.as_str(), m.as_str()))
        .collect();
    let in_flight = reported
        .in_flight
        .as_ref()
        .map(|(k, m)| (k.as_str(), m.as_str()));
    let mut in_flight_present = false;
    let mut unconfirmed = |kind: &str, marker: &str, whole: bool, tally: &mut Tally| {
        if confirmed.contains(&(kind, marker)) {
            return;
        }
        if in_flight == Some((kind, marker)) {
            in_flight_present = true;
            tally.check(whole, || {
                fail(format!(
                    "the {kind} {marker} in flight at the kill is partial"
                ))
            });
        } else {
            tally.failures.push(fail(format!(
                "{kind} {marker} is in the database but was neither confirmed nor in flight"
            )));
        }
    };
    for (marker, rows) in &seen.batches {
        unconfirmed("import", marker, *rows == BATCH_ROWS as i64, tally);
    }
    for marker in &seen.points {
        unconfirmed("point", marker, true, tally);
    }
    for marker in &seen.actions {
        unconfirmed("action", marker, true, tally);
    }
    for (marker, m) in &seen.meetings {
        let whole = m.persons == 1 && m.meetings == 1 && m.version.is_some();
        unconfirmed("meeting", marker, whole, tally);
        // A notes version newer than the confirmed one can only be the save in flight.
        if let (Some(v), Some(c)) = (m.version, notes_confirmed.get(marker.as_str())) {
            if v > *c {
                let key = format!("{marker}/{v}");
                unconfirmed("notes", &key, true, tally);
            }
        }
    }
    // Every batch of this run is whole or absent (confirmed or not).
    for (marker, rows) in &seen.batches {
        tally.check(*rows == BATCH_ROWS as i64, || {
            fail(format!(
                "import {marker} is partial: {rows} of {BATCH_ROWS} rows"
            ))
        });
    }
    in_flight.map(|_| in_flight_present)
}

/// What `bench crash-safety` reports.
#[derive(Debug, Serialize)]
pub struct CrashReport {
    pub scenario: String,
    pub seed: u64,
    pub kills: usize,
    pub writes_confirmed: usize,
    /// Confirmed writes by kind: import, point, action, meeting, notes.
    pub confirmed_by_kind: BTreeMap<String, usize>,
    /// Kills that landed between a write's `begin` and its `committed` report...
    pub kills_mid_write: usize,
    /// ... by the kind of write they interrupted,
    pub mid_write_by_kind: BTreeMap<String, usize>,
    /// ... of which the write had committed (the kill came before the report): present, whole,
    pub mid_write_committed: usize,
    /// ... and of which the write was rolled back: wholly absent.
    pub mid_write_absent: usize,
    /// Individual checks that held (integrity, each confirmed write, each batch, each final look).
    pub checks_passed: usize,
    pub failures: Vec<String>,
    pub elapsed_s: f64,
    /// The largest database file a chain reached.
    pub database_bytes: u64,
    pub notes: String,
}

/// Runs on one data dir before the harness starts a fresh one: long enough that most runs
/// start from a database that survived many kills, short enough that the database (and so the
/// integrity check after every kill) stays small.
pub const CHAIN_RUNS: usize = 50;

/// Runs the writer `runs` times, killing each at a random 5-150 ms and checking after each
/// kill. Runs go in chains of `CHAIN_RUNS` on one data dir (under `base`), each chain ending
/// with a look over everything it wrote. A chain's dir is removed when it passed.
pub fn crash_safety(runs: usize, seed: u64, base: &Path) -> Result<CrashReport, Error> {
    let started = Instant::now();
    let exe = std::env::current_exe()
        .map_err(|e| Error::storage(format!("cannot find leadbook-cli itself: {e}")))?;
    let mut rng = Rng::new(seed);
    let mut tally = Tally::default();
    let mut report = CrashReport {
        scenario: "crash-safety".into(),
        seed,
        kills: 0,
        writes_confirmed: 0,
        confirmed_by_kind: BTreeMap::new(),
        kills_mid_write: 0,
        mid_write_by_kind: BTreeMap::new(),
        mid_write_committed: 0,
        mid_write_absent: 0,
        checks_passed: 0,
        failures: vec![],
        elapsed_s: 0.0,
        database_bytes: 0,
        notes: String::new(),
    };
    let mut batches = 0;
    for (chain, first) in (0..runs).step_by(CHAIN_RUNS).enumerate() {
        let dir = base.join(format!("chain-{chain}"));
        let failed_before = tally.failures.len();
        let runs = first..runs.min(first + CHAIN_RUNS);
        batches += run_chain(&exe, &dir, seed, runs, &mut rng, &mut tally, &mut report)?;
        report.database_bytes = report
            .database_bytes
            .max(std::fs::metadata(paths::db_path(&dir)).map_or(0, |m| m.len()));
        if tally.failures.len() == failed_before {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    report.checks_passed = tally.checks_passed;
    report.failures = tally.failures;
    report.elapsed_s = started.elapsed().as_secs_f64();
    report.notes = format!(
        "{runs} runs of the writer, each SIGKILLed after 5-150 ms, in chains of {CHAIN_RUNS} on \
         one data dir (each run starts from the database the kills before it left); {batches} \
         import batches of {BATCH_ROWS} rows written in all; failed chains are kept under {}",
        base.display()
    );
    Ok(report)
}

/// A run killed and its database opened again, waiting to be checked.
struct Killed {
    run: usize,
    run_seed: u64,
    reported: Reported,
    /// Opened with `db::open` right after the kill, holding a read transaction: the checks see
    /// the database exactly as the kill left it, even while the next run's writer goes on.
    conn: Connection,
}

/// What checking one killed run found.
struct Checked {
    run_seed: u64,
    tally: Tally,
    seen: Observed,
    /// The kind of write in flight at the kill, and whether it turned out committed.
    in_flight: Option<(String, bool)>,
}

/// Checks a killed run, then closes its connection (while the next writer still runs, so the
/// close is not the last one and leaves the WAL for the next `db::open` to recover).
fn check_killed(k: Killed) -> Result<Checked, Error> {
    let mut tally = Tally::default();
    let problems = db::check(&k.conn)?;
    tally.check(problems.is_empty(), || {
        format!("run {}: integrity check: {}", k.run, problems.join("; "))
    });
    let seen = observe(&k.conn, &format!("s{}n", k.run_seed))?
        .remove(&k.run_seed)
        .unwrap_or_default();
    let present = check_run(&mut tally, k.run, &k.reported, &seen);
    k.conn.execute_batch("COMMIT")?;
    drop(k.conn);
    Ok(Checked {
        run_seed: k.run_seed,
        tally,
        seen,
        in_flight: k.reported.in_flight.map(|(kind, _)| kind).zip(present),
    })
}

/// One chain of runs on `dir`; returns how many import batches it left.
///
/// Each run: the writer starts; meanwhile the run before it is checked (in its read snapshot,
/// on another thread, so the kill still comes on time); the kill; the database opened again.
fn run_chain(
    exe: &Path,
    dir: &Path,
    seed: u64,
    runs: std::ops::Range<usize>,
    rng: &mut Rng,
    tally: &mut Tally,
    report: &mut CrashReport,
) -> Result<usize, Error> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(SENTINEL), b"the crash harness's data dir\n")?;
    // The chain starts from a database the app made, as a user's does. (A kill in the first
    // milliseconds of creating one, before the switch to WAL, can leave a hot rollback journal
    // that `db::open`'s read-only first look cannot roll back, and the data dir no longer opens:
    // see `killed_while_creating_the_database_it_still_opens` in tests/crash_safety.rs.)
    drop(db::open(dir)?);
    // What each run left, to compare with the chain's final look.
    let mut after_run: BTreeMap<u64, Observed> = BTreeMap::new();
    let mut record = |checked: Checked, tally: &mut Tally| {
        tally.checks_passed += checked.tally.checks_passed;
        tally.failures.extend(checked.tally.failures);
        if let Some((kind, present)) = checked.in_flight {
            report.kills_mid_write += 1;
            *report.mid_write_by_kind.entry(kind).or_default() += 1;
            if present {
                report.mid_write_committed += 1;
            } else {
                report.mid_write_absent += 1;
            }
        }
        if checked.seen != Observed::default() {
            after_run.insert(checked.run_seed, checked.seen);
        }
    };
    let mut pending: Option<Killed> = None;
    for run in runs {
        let run_seed = seed * 1_000_000 + run as u64;
        let wait = Duration::from_millis(rng.between(5, 150));
        let previous = pending.take();
        let (reported, status, checked) =
            run_writer(exe, dir, run_seed, wait, move || previous.map(check_killed))?;
        if let Some(checked) = checked {
            record(checked?, tally);
        }
        report.kills += 1;
        if let Some(failure) = status {
            tally.failures.push(format!("run {run}: {failure}"));
        }
        for (kind, _) in &reported.committed {
            *report.confirmed_by_kind.entry(kind.clone()).or_default() += 1;
        }
        report.writes_confirmed += reported.committed.len();

        // The app starting again after the crash.
        let conn = match db::open(dir) {
            Ok((conn, _)) => conn,
            Err(e) => {
                tally.failures.push(format!(
                    "run {run}: the database does not open: {}",
                    e.message
                ));
                return Ok(0);
            }
        };
        // Should its close come after the next kill (a check slower than the wait), it must not
        // checkpoint the killed writer's WAL: recovering that is the next `db::open`'s job.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        conn.execute_batch("BEGIN")?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })?;
        pending = Some(Killed {
            run,
            run_seed,
            reported,
            conn,
        });
    }
    if let Some(killed) = pending.take() {
        record(check_killed(killed)?, tally);
    }

    // Once more over everything: each run's writes exactly as they were right after it, so no
    // later kill or recovery lost (or brought back) anything.
    let (conn, _) = db::open(dir)?;
    let now = observe(&conn, "s")?;
    let seeds: BTreeSet<&u64> = after_run.keys().chain(now.keys()).collect();
    for s in seeds {
        let (before, after) = (after_run.get(s), now.get(s));
        tally.check(before == after, || {
            format!("seed {s}: changed after later kills: {before:?} -> {after:?}")
        });
    }
    let mut batches = 0;
    for (marker, rows) in now.values().flat_map(|o| o.batches.iter()) {
        batches += 1;
        tally.check(*rows == BATCH_ROWS as i64, || {
            format!("import {marker} is partial at the end: {rows} rows")
        });
    }
    Ok(batches)
}

/// Runs the writer once and kills it `wait` after its start, running `meanwhile` on another
/// thread until then. Returns what the writer reported, a failure if it ended any other way
/// than by the kill, and what `meanwhile` returned.
fn run_writer<T: Send>(
    exe: &Path,
    dir: &Path,
    seed: u64,
    wait: Duration,
    meanwhile: impl FnOnce() -> T + Send,
) -> Result<(Reported, Option<String>, T), Error> {
    let spawn_err = |e: std::io::Error| Error::storage(format!("cannot run the writer: {e}"));
    let started = Instant::now();
    let mut child = Command::new(exe)
        .arg("--data-dir")
        .arg(dir)
        .args(["stress-writer", "--seed", &seed.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(spawn_err)?;
    let mut stdout = child.stdout.take();
    let (exited_early, status, out, other) = std::thread::scope(|scope| {
        // Read the report as it comes, so a full pipe never holds the writer back.
        let reader = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(out) = stdout.as_mut() {
                let _ = out.read_to_end(&mut buf);
            }
            buf
        });
        let other = scope.spawn(meanwhile);
        std::thread::sleep(wait.saturating_sub(started.elapsed()));
        let exited_early = child.try_wait().map_err(spawn_err)?;
        // SIGKILL on Unix: no handler, no flush, no destructor runs.
        let _ = child.kill();
        let status = child.wait().map_err(spawn_err)?;
        let out = reader.join().unwrap_or_default();
        let other = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok::<_, Error>((exited_early, status, out, other))
    })?;
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    let failure = exited_early.map(|s| {
        format!(
            "the writer stopped by itself before the kill ({s}): {}",
            err.trim()
        )
    });
    #[cfg(unix)]
    let failure = failure.or_else(|| {
        use std::os::unix::process::ExitStatusExt;
        (status.signal() != Some(9)).then(|| format!("the writer was not killed: {status}"))
    });
    #[cfg(not(unix))]
    let _ = status;
    Ok((parse_report(&out), failure, other))
}

/// A fresh dir for one harness run under the system temp dir.
pub fn harness_dir() -> Result<PathBuf, Error> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("leadbook-crash-{}-{stamp}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

pub fn render(r: &CrashReport) -> String {
    let kinds: Vec<String> = r
        .confirmed_by_kind
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    let mid: Vec<String> = r
        .mid_write_by_kind
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .chain([format!(
            "committed before the report {}, rolled back and absent {}",
            r.mid_write_committed, r.mid_write_absent
        )])
        .collect();
    let mut out = format!(
        "crash-safety (seed {})\n  kills: {}\n  writes confirmed: {} ({})\n  kills mid-write: {} \
         ({})\n  checks passed: {}\n  \
         failures: {}\n  elapsed: {:.1} s\n  largest database: {:.1} MB\n",
        r.seed,
        r.kills,
        r.writes_confirmed,
        kinds.join(", "),
        r.kills_mid_write,
        mid.join(", "),
        r.checks_passed,
        r.failures.len(),
        r.elapsed_s,
        r.database_bytes as f64 / 1e6
    );
    for f in r.failures.iter().take(20) {
        out.push_str(&format!("  FAIL {f}\n"));
    }
    if r.failures.len() > 20 {
        out.push_str(&format!("  ... and {} more\n", r.failures.len() - 20));
    }
    out.push_str(&format!("  {}\n", r.notes));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn only_whole_lines_count_and_the_last_begin_is_in_flight() {
        let r = parse_report(
            b"begin point s1n0\ncommitted point s1n0\nbegin import s1n1\ncommitted imp",
        );
        assert_eq!(r.committed, [("point".into(), "s1n0".into())]);
        assert_eq!(r.in_flight, Some(("import".into(), "s1n1".into())));
        let r = parse_report(b"begin point s1n0\ncommitted point s1n0\n");
        assert_eq!(r.in_flight, None);
    }

    #[test]
    fn markers_name_their_seed_without_prefix_clashes() {
        assert_eq!(seed_of("s1000005n12"), Some(1_000_005));
        assert_eq!(seed_of("s10000050n1"), Some(10_000_050));
        assert_eq!(seed_of("x"), None);
    }

    #[test]
    fn notes_are_about_two_kilobytes_and_differ_by_version() {
        let a = notes_text("s1n3", 1);
        assert!(a.len() >= NOTES_BYTES && a.len() < NOTES_BYTES + 20);
        assert_ne!(a, notes_text("s1n3", 2));
        assert_eq!(a, notes_text("s1n3", 1));
    }
}
