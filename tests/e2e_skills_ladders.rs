//! End to end: Skills and Ladders in the real app under Xvfb, one launch for every check: rate a
//! skill in the matrix and see the cell and the bus-factor warning change, read a level diff, see
//! readiness on the person page; screenshots of each in light and dark.

use leadbook_tests::App;
use serde_json::Value;

fn run(result: Result<(), String>) {
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The demo team (ratings, ladders, placements, evidence), as `leadbook-cli demo` loads it.
fn seed_demo(dir: &std::path::Path) {
    let (conn, _) = leadbook_core::db::open(dir).expect("open store");
    leadbook_core::demo::load(&conn, leadbook_core::time::today()).expect("demo");
}

/// The id of the heatmap cell of `person` × `skill` (`heat-ROW-COL`), found by their names.
fn cell_id(app: &App, person: &str, skill: &str) -> Result<String, String> {
    let script = format!(
        "const rows = [...document.querySelectorAll('[data-testid=heat-row]')];
         const cols = [...document.querySelectorAll('[data-testid=skill-header]')];
         const r = rows.findIndex(x => x.innerText.includes({person:?}));
         const c = cols.findIndex(x => x.innerText.replace(/\\s+/g, ' ').includes({skill:?}));
         return (r < 0 || c < 0) ? null : `heat-${{r}}-${{c}}`;"
    );
    match app.execute(&script)? {
        Value::String(id) => Ok(id),
        other => Err(format!("no cell for {person} × {skill}: {other}")),
    }
}

/// Whether the column of `skill` carries the bus-factor marker, and its holder count text.
fn column_risk(app: &App, skill: &str) -> Result<(bool, String), String> {
    let script = format!(
        "const h = [...document.querySelectorAll('[data-testid=skill-header]')]
           .find(x => x.innerText.replace(/\\s+/g, ' ').includes({skill:?}));
         return h ? [h.dataset.atRisk, h.title] : null;"
    );
    let v = app.execute(&script)?;
    let at_risk = v[0].as_str() == Some("true");
    Ok((at_risk, v[1].as_str().unwrap_or_default().to_string()))
}

#[test]
fn rate_a_skill_see_the_bus_factor_change_read_a_diff_and_readiness() {
    let data = tempfile::tempdir().unwrap();
    seed_demo(data.path());
    run((|| {
        let app = App::launch(data.path())?;

        // Skills: the matrix of the demo team.
        app.click(&app.wait_for("[data-testid=nav-skills]")?)?;
        app.wait_for("[data-testid=heatmap]")?;
        let rows = app.find_all("[data-testid=heat-row]")?;
        assert_eq!(rows.len(), 8, "the demo team");
        // Databases and caching hangs on one person (Bjørn): the column is flagged.
        let (risky, title) = column_risk(&app, "Databases and caching")?;
        assert!(risky, "{title}");
        assert!(title.contains("1 holder"), "{title}");
        let id = cell_id(&app, "Chen Wei", "Databases and caching")?;
        let cell = app.find(&format!("#{id}"))?;
        assert_eq!(app.text(&cell)?.trim(), "1");
        // Hover or focus says self vs manager and the dates.
        app.execute(&format!("document.getElementById('{id}').focus()"))?;
        let inspector = app.wait_for_text("[data-testid=heat-inspector]", "Chen Wei")?;
        assert!(inspector.contains("Databases and caching"), "{inspector}");
        assert!(inspector.contains("Manager 1 Aware"), "{inspector}");
        app.screenshot("skills-matrix-light")?;

        // Rate it in the app: open the cell, pick 3, save.
        app.click(&cell)?;
        app.wait_for("[data-testid=cell-dialog]")?;
        app.click(&app.find("[data-testid=cell-level-3]")?)?;
        app.click(&app.find("[data-testid=cell-save]")?)?;
        app.wait_for_text(&format!("#{id}"), "3")?;
        // Two holders now: the warning on the column is gone.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let (risky, title) = column_risk(&app, "Databases and caching")?;
            if !risky {
                assert!(title.contains("2 holders"), "{title}");
                break;
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("the bus-factor warning stayed: {title}"));
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        // And from the keyboard: 0-4 on a focused cell rates it.
        let id = cell_id(&app, "Hugo Martin", "Message streaming")?;
        app.execute(&format!("document.getElementById('{id}').focus()"))?;
        app.type_into(&app.find(&format!("#{id}"))?, "4")?;
        app.wait_for_text(&format!("#{id}"), "4")?;
        let (risky, title) = column_risk(&app, "Message streaming")?;
        assert!(
            risky && title.contains("1 holder"),
            "nobody → one holder: {title}"
        );

        // Ladders: what changes from L4 to L5.
        app.click(&app.find("[data-testid=nav-ladders]")?)?;
        app.wait_for("[data-testid=ladder-grid]")?;
        app.screenshot("ladder-levels-light")?;
        app.click(&app.find("[data-testid=tab-people]")?)?;
        app.wait_for_text("[data-testid=readiness-summary]", "competencies met for")?;
        app.screenshot("ladder-people-light")?;
        app.click(&app.find("[data-testid=tab-compare]")?)?;
        app.execute(
            "const s = [...document.querySelectorAll('[data-testid=diff-from] option')].find(o => o.textContent.startsWith('L4'));
             const t = [...document.querySelectorAll('[data-testid=diff-to] option')].find(o => o.textContent.startsWith('L5'));
             const f = document.querySelector('[data-testid=diff-from]'); f.value = s.value; f.dispatchEvent(new Event('change'));
             const g = document.querySelector('[data-testid=diff-to]'); g.value = t.value; g.dispatchEvent(new Event('change'));",
        )?;
        app.wait_for_text("[data-testid=diff-count]", "6 competencies change")?;
        let change = app.wait_for_text(
            "[data-testid=diff-change][data-slug=incident-leadership]",
            "Incident leadership",
        )?;
        assert!(change.contains("Takes a full on-call rotation"), "{change}");
        assert!(change.contains("Acts as incident commander"), "{change}");
        let marked = app.execute(
            "return [...document.querySelectorAll('[data-slug=incident-leadership] [data-testid=diff-to-text] mark')].map(m => m.textContent).join('|');",
        )?;
        let marked = marked.as_str().unwrap_or_default().to_string();
        assert!(
            marked.contains("incident commander"),
            "changed words emphasised: {marked}"
        );
        assert!(
            !marked.contains("blameless postmortems"),
            "words both texts share stay plain: {marked}"
        );
        app.screenshot("ladder-diff-light")?;

        // The person page: ladder, level, target and readiness.
        app.click(&app.find("[data-testid=nav-people]")?)?;
        app.wait_for_text("[data-testid=people-list]", "Chen Wei")?;
        let chen = app.execute(
            "const r = [...document.querySelectorAll('[data-testid=person-row]')].find(x => x.innerText.includes('Chen Wei'));
             r.click(); return true;",
        )?;
        assert_eq!(chen, Value::Bool(true));
        app.wait_for_text("[data-testid=detail-name]", "Chen Wei")?;
        let readiness =
            app.wait_for_text("[data-testid=person-readiness]", "competencies met for L5")?;
        let level = app.wait_for_text("[data-testid=person-level]", "L4")?;
        assert!(level.contains("Infrastructure Engineer"), "{level}");
        app.wait_for_text("[data-testid=person-target]", "L5")?;
        assert!(readiness.contains("of 6"), "{readiness}");
        app.wait_for("[data-testid=person-skill-bars]")?;
        // Their skills as bars with the numbers.
        let bars = app.text(&app.find("[data-testid=person-skill-bars]")?)?;
        assert!(bars.contains("Infrastructure as code"), "{bars}");
        app.execute("document.querySelector('[data-testid=person-detail]').scrollIntoView({block: 'start'})")?;
        app.screenshot("person-readiness-light")?;

        // Dark: the same three screens.
        app.click(&app.find("[data-testid=nav-settings]")?)?;
        app.click(&app.wait_for("[data-testid=settings-theme-dark]")?)?;
        app.wait_for("html[data-theme=dark]")?;
        app.click(&app.find("[data-testid=nav-skills]")?)?;
        app.wait_for("[data-testid=heat-row]")?;
        let id = cell_id(&app, "Chen Wei", "Databases and caching")?;
        app.execute(&format!("document.getElementById('{id}').focus()"))?;
        app.wait_for_text("[data-testid=heat-inspector]", "Manager 3 Proficient")?;
        app.screenshot("skills-matrix-dark")?;
        app.click(&app.find("[data-testid=nav-ladders]")?)?;
        app.click(&app.wait_for("[data-testid=tab-compare]")?)?;
        app.wait_for("[data-testid=diff-change]")?;
        app.screenshot("ladder-diff-dark")?;
        app.click(&app.find("[data-testid=nav-people]")?)?;
        app.wait_for_text("[data-testid=people-list]", "Chen Wei")?;
        app.execute(
            "[...document.querySelectorAll('[data-testid=person-row]')].find(x => x.innerText.includes('Chen Wei')).click();",
        )?;
        app.wait_for_text("[data-testid=person-readiness]", "for L5")?;
        app.screenshot("person-readiness-dark")?;
        app.quit();
        Ok(())
    })());
}
