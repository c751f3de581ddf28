//! `leadbook-cli bench`: speed figures for the targets issues name, as medians over runs (not
//! timed tests). Each scenario builds its data in a temporary data dir, so it never touches yours.

use std::time::Instant;

use leadbook_core::{blueprint, store, Error};
use serde::Serialize;

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
    /// Median of the subject over median of the baseline, where a baseline exists.
    pub ratio_to_baseline: Option<f64>,
    pub notes: String,
}

/// Times `op` on every input, `runs` times over; median and p95 over all those samples.
fn measure<T>(
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

fn keystrokes() -> Vec<String> {
    TYPED
        .iter()
        .flat_map(|phrase| (1..=phrase.len()).map(|n| phrase[..n].to_string()))
        .filter(|q| !q.trim().is_empty())
        .collect()
}

/// Blueprint search as you type: every prefix of a few phrases, against the seeded blueprint in
/// a real database file. Baseline: a naive `LIKE '%…%'` scan over the same text.
pub fn blueprint_search(runs: usize) -> Result<Report, Error> {
    let dir = tempdir()?;
    let (conn, _) = store::open(&dir)?;
    let queries = keystrokes();
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

fn tempdir() -> Result<std::path::PathBuf, Error> {
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
        out.push_str(&format!("  ratio to baseline (median): {r:.3}\n"));
    }
    out.push_str(&format!("  {}\n", report.notes));
    out
}
