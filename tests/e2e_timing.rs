//! How long each area takes to open, measured in the real app: a figure to read, not a timed
//! test (speed is reported, never asserted; the test fails only when an area never gets ready).
//!
//! The app is launched once on a data dir holding the demo team. Then, round after round, the
//! test clicks each sidebar area in turn and measures inside the page, with `performance.now()`,
//! from the click to the first animation frame after the area's content is on screen: the
//! click runs in an executed script, which then polls once per animation frame until the area's
//! "ready" selector matches and no loading marker is left on screen (a page may render what is
//! out of view later), and stops the clock at the next frame (so the frame that lays out and
//! paints the content is counted too).
//!
//! Run: `cargo test -p leadbook-tests --test e2e_timing -- --nocapture` under Xvfb and D-Bus as
//! `scripts/test.sh` does. A release build is measured by pointing the harness at it:
//! `LEADBOOK_APP=$CARGO_TARGET_DIR/release/leadbook cargo test ... --test e2e_timing`; an older
//! build needs a data dir of its own making (`LEADBOOK_TIMING_DATA_DIR`, see below).

use std::time::Duration;

use leadbook_tests::App;
use serde_json::{json, Value};

/// Rounds of clicks through every area. The first round includes each page's first load.
const ROUNDS: usize = 7;

/// When an area counts as open: an element only its loaded content has. Areas the sidebar lists
/// that are not here (added after this test) count as open once their page title is shown.
const READY: &[(&str, &str)] = &[
    (
        "today",
        "[data-testid=today-due-row], [data-testid=today-caught-up]",
    ),
    (
        "people",
        "[data-testid=people-list] [data-testid=person-row]",
    ),
    ("one-on-ones", "[data-testid=oo-prep]"),
    (
        "blueprint",
        "[data-testid=bp-section][data-section-number='1'] [data-testid=bp-node]",
    ),
];

/// The generic "ready" for an area without its own selector.
const PAGE_TITLE: &str = "main [data-testid=page-title]";

/// Anything still loading (a skeleton, a busy region, a part not rendered yet) counts while it
/// is on screen.
const LOADING: &str = "[aria-busy=true], [data-loading]";

/// Clicks `arguments[0]`'s sidebar entry and reports the milliseconds until the frame after
/// `arguments[1]` matches with nothing matching `arguments[2]` on screen.
const MEASURE: &str = r#"
    const [area, ready, loading, done] = arguments;
    const button = document.querySelector(`[data-testid="nav-${area}"]`);
    if (!button) { done({ error: `no sidebar entry for ${area}` }); return; }
    const start = performance.now();
    button.click();
    let seen = false;
    const frame = () => {
        const elapsed = performance.now() - start;
        if (seen) { done({ ms: elapsed }); return; }
        const onScreen = (el) => {
            const r = el.getBoundingClientRect();
            return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
        };
        if (document.querySelector(ready) && ![...document.querySelectorAll(loading)].some(onScreen)) seen = true;
        else if (elapsed > 20000) { done({ error: `${area} was not ready after 20 s` }); return; }
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
"#;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Counts the Tab key's stops on the Blueprint page once every section has rendered: each
/// enabled, shown element that Tab reaches (tabIndex >= 0).
const TAB_STOPS: &str = r#"
    const done = arguments[arguments.length - 1];
    document.querySelector('[data-testid="nav-blueprint"]').click();
    const start = performance.now();
    const count = () => {
        const rendered = document.querySelector('[data-testid=bp-section]');
        if (!rendered || document.querySelector('[data-testid=bp-section-pending]')) {
            if (performance.now() - start > 20000) { done(-1); return; }
            setTimeout(count, 50);
            return;
        }
        const all = document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]');
        done([...all].filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0).length);
    };
    count();
"#;

fn blueprint_tab_stops(app: &App) -> i64 {
    app.click(&app.find("[data-testid=nav-today]").unwrap())
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let stops = app
        .execute_async(TAB_STOPS, json!([]))
        .unwrap_or_else(|e| panic!("counting tab stops: {e}"));
    stops
        .as_i64()
        .filter(|n| *n > 0)
        .expect("the Blueprint page rendered")
}

/// A data dir to copy instead of loading the demo team with this build's core: an older build
/// (timed for a before/after figure) refuses a database newer than itself, so give it one its
/// own CLI made (`leadbook-cli --data-dir DIR demo`).
const DATA_ENV: &str = "LEADBOOK_TIMING_DATA_DIR";

fn demo_data_dir() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    if let Some(from) = std::env::var_os(DATA_ENV).filter(|d| !d.is_empty()) {
        let db = std::path::Path::new(&from).join("leadbook.db");
        std::fs::copy(&db, data.path().join("leadbook.db"))
            .unwrap_or_else(|e| panic!("{DATA_ENV}: cannot copy {}: {e}", db.display()));
        return data;
    }
    let (conn, _) = leadbook_core::db::open(data.path()).expect("open store");
    leadbook_core::demo::load(&conn, leadbook_core::time::today()).expect("demo data");
    data
}

#[test]
fn time_to_open_each_area() {
    let data = demo_data_dir();
    let app = App::launch(data.path()).unwrap_or_else(|e| panic!("{e}"));
    app.wait_for("[data-testid=nav-today]")
        .unwrap_or_else(|e| panic!("{e}"));
    let areas: Vec<String> = app
        .execute(
            "return [...document.querySelectorAll('[data-testid^=\"nav-\"]')]
                .map(b => b.dataset.testid.slice(4));",
        )
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    assert!(
        areas.iter().any(|a| a == "blueprint"),
        "sidebar areas: {areas:?}"
    );
    let ready_of = |area: &str| {
        READY
            .iter()
            .find(|(id, _)| *id == area)
            .map_or(PAGE_TITLE, |(_, css)| *css)
    };
    // Start from an area that is not first in the round, so every click opens another page.
    app.click(&app.find("[data-testid=nav-blueprint]").unwrap())
        .unwrap();
    app.wait_for(ready_of("blueprint"))
        .unwrap_or_else(|e| panic!("{e}"));

    let mut times: Vec<Vec<f64>> = vec![Vec::new(); areas.len()];
    for _ in 0..ROUNDS {
        for (i, area) in areas.iter().enumerate() {
            // Let the page finish what it does after showing (as a person reads before clicking).
            std::thread::sleep(Duration::from_millis(400));
            let result: Value = app
                .execute_async(MEASURE, json!([area, ready_of(area), LOADING]))
                .unwrap_or_else(|e| panic!("measuring {area}: {e}"));
            match result["ms"].as_f64() {
                Some(ms) => times[i].push(ms),
                None => panic!("{area}: {}", result["error"]),
            }
        }
    }
    let stops = blueprint_tab_stops(&app);
    app.quit();

    println!(
        "\nTime from the sidebar click to the area settled on screen ({} build, {ROUNDS} rounds):",
        if leadbook_tests::app_binary()
            .to_string_lossy()
            .contains("release")
        {
            "release"
        } else {
            "debug"
        }
    );
    println!("{:<14}{:>10}{:>10}{:>10}", "area", "median", "min", "max");
    for (area, values) in areas.iter().zip(times.iter_mut()) {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(0.0, f64::max);
        let generic = if READY.iter().any(|(id, _)| id == area) {
            ""
        } else {
            "  (ready = page title shown)"
        };
        println!(
            "{area:<14}{:>8.0}ms{min:>8.0}ms{max:>8.0}ms{generic}",
            median(values)
        );
    }
    println!("Tab stops on the Blueprint page (whole app window): {stops}");
}
