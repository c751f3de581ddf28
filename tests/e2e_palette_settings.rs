//! End to end, one launch: the Ctrl+K palette driven by the keyboard alone (a 1:1 by a word in
//! its notes, a person by name, a blueprint item by a phrase), then Settings (where the data
//! lives, the schema, the integrity check, the theme in light and dark).

use std::path::Path;
use std::time::{Duration, Instant};

use leadbook_tests::{App, CONTROL, ENTER, ESCAPE, NULL_KEY};

fn run(result: Result<(), String>) {
    if let Err(e) = result {
        panic!("{e}");
    }
}

struct Seeded {
    grace: String,
    meeting: String,
}

/// Three people, and a 1:1 with Ada whose shared notes hold a word found nowhere else.
fn seed(dir: &Path) -> Seeded {
    use leadbook_core::one_on_ones::{self as oo, NotesInput};
    use leadbook_core::people::{self, PersonInput};
    let (conn, _) = leadbook_core::db::open(dir).expect("open store");
    let add = |name: &str, title: &str| {
        let input = PersonInput {
            name: name.into(),
            title: Some(title.into()),
            team: Some("Platform".into()),
            ..Default::default()
        };
        people::add(&conn, &input).expect("seed person").id
    };
    let ada = add("Ada Lovelace", "Staff Engineer");
    let grace = add("Grace Hopper", "Senior SRE");
    add("Linus Torvalds", "SRE");
    let m = oo::start_meeting(&conn, &ada, None, leadbook_core::time::today()).expect("meeting");
    oo::save_notes(
        &conn,
        &m.id,
        &NotesInput {
            shared_notes: "Walked through the zeppelin migration plan: two phases, rollback ready."
                .into(),
            ..Default::default()
        },
    )
    .expect("notes");
    Seeded {
        grace,
        meeting: m.id,
    }
}

/// Types at whatever has the keyboard focus, as a user does (the page if nothing has it).
fn keys(app: &App, text: &str) -> Result<(), String> {
    let target = app.find(":focus").or_else(|_| app.find("body"))?;
    app.type_into(&target, text)
}

fn ctrl(key: char) -> String {
    format!("{CONTROL}{key}{NULL_KEY}")
}

/// Waits up to 15 s for `script` to return true.
fn wait_until(app: &App, script: &str, what: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    while app.execute(script)?.as_bool() != Some(true) {
        if Instant::now() > deadline {
            return Err(format!("waited in vain for {what}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// Ctrl+K, then `query` into the palette; waits until its first option is of `kind`.
fn palette(app: &App, query: &str, kind: &str) -> Result<(), String> {
    keys(app, &ctrl('k'))?;
    app.wait_for("[data-testid=palette-input]:focus")?;
    keys(app, query)?;
    wait_until(
        app,
        &format!(
            "const o = document.querySelector('[data-testid=palette-option]');
             return !!o && o.dataset.kind === '{kind}';"
        ),
        &format!("a {kind} first in the palette for {query:?}"),
    )
}

/// The palette has closed.
fn palette_closed(app: &App) -> Result<(), String> {
    let open = app.execute("return !!document.querySelector('[data-testid=palette]')")?;
    if open.as_bool() == Some(false) {
        Ok(())
    } else {
        Err("the palette is still open".into())
    }
}

fn js_string(app: &App, script: &str) -> Result<String, String> {
    Ok(app
        .execute(script)?
        .as_str()
        .unwrap_or_default()
        .to_string())
}

#[test]
fn palette_by_keyboard_then_settings() {
    let data = tempfile::tempdir().unwrap();
    let seeded = seed(data.path());
    run((|| {
        let app = App::launch(data.path())?;
        app.wait_for("[data-testid=nav-today][aria-current=page]")?;

        // Empty: the palette is a launcher.
        keys(&app, &ctrl('k'))?;
        app.wait_for_text("[data-testid=palette-list]", "Go to Blueprint")?;
        app.screenshot("palette-launcher")?;
        keys(&app, &ESCAPE.to_string())?;
        palette_closed(&app)?;

        // A word in a 1:1's notes opens that 1:1.
        palette(&app, "zeppelin", "meeting")?;
        app.wait_for_text("[data-testid=palette-list]", "1:1 with Ada Lovelace")?;
        app.screenshot("palette-results")?;
        keys(&app, &ENTER.to_string())?;
        app.wait_for(&format!(
            "[data-testid=oo-meeting][data-meeting-id='{}']",
            seeded.meeting
        ))?;
        palette_closed(&app)?;
        let notes = js_string(
            &app,
            "return document.querySelector('[data-testid=oo-shared-notes]').value",
        )?;
        if !notes.contains("zeppelin migration plan") {
            return Err(format!("the meeting's notes are not shown: {notes:?}"));
        }

        // A name opens the person on the People page.
        palette(&app, "Grace", "person")?;
        keys(&app, &ENTER.to_string())?;
        app.wait_for("[data-testid=nav-people][aria-current=page]")?;
        app.wait_for_text("[data-testid=detail-name]", "Grace Hopper")?;
        app.wait_for(&format!(
            "[data-testid=person-row][data-person-id='{}']:focus",
            seeded.grace
        ))?;

        // A phrase opens the blueprint item: in view, flashed and focused.
        palette(&app, "error budget", "blueprint")?;
        let node = js_string(
            &app,
            "return document.querySelector('[data-testid=palette-option]').dataset.refId",
        )?;
        keys(&app, &ENTER.to_string())?;
        app.wait_for("[data-testid=nav-blueprint][aria-current=page]")?;
        let target = format!("[data-testid=bp-node][data-node-id='{node}']");
        app.wait_for(&format!("{target}:focus"))?;
        let in_view = app.execute(&format!(
            "const r = document.querySelector(\"{target}\").getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;"
        ))?;
        if in_view.as_bool() != Some(true) {
            return Err(format!("{target} is not in view"));
        }
        app.wait_for_text(&target, "rror budget")?;
        app.screenshot("palette-blueprint-item")?;

        // Settings, from the keyboard too (Ctrl+, as in most apps; it keeps its key as areas land).
        keys(&app, &ctrl(','))?;
        app.wait_for("[data-testid=settings-db-path]")?;
        let shown = js_string(
            &app,
            "return document.querySelector('[data-testid=settings-db-path]').value",
        )?;
        let expected = data.path().join("leadbook.db");
        if shown != expected.display().to_string() {
            return Err(format!(
                "database path {shown:?}, expected {}",
                expected.display()
            ));
        }
        let version = app.text(&app.find("[data-testid=settings-schema-version]")?)?;
        if version.trim().parse::<u32>().map_or(true, |v| v == 0) {
            return Err(format!("schema version {version:?}"));
        }
        app.click(&app.find("[data-testid=settings-check]")?)?;
        app.wait_for_text("[data-testid=settings-check-result]", "No problems found")?;
        app.screenshot("settings-light")?;

        app.click(&app.find("[data-testid=settings-theme-dark]")?)?;
        app.wait_for("html[data-theme=dark]")?;
        app.wait_for_text("[data-testid=settings-saved]", "Saved")?;
        app.screenshot("settings-dark")?;
        palette(&app, "zeppelin", "meeting")?;
        app.screenshot("palette-dark")?;
        keys(&app, &ESCAPE.to_string())?;
        palette_closed(&app)?;

        app.click(&app.find("[data-testid=settings-theme-system]")?)?;
        app.wait_for("html[data-theme=light]")?;
        app.wait_for_text("[data-testid=settings-saved]", "Saved")?;
        app.quit();
        Ok(())
    })());

    // The theme went back to System in the database too.
    let (conn, _) = leadbook_core::db::open(data.path()).unwrap();
    let prefs = leadbook_core::preferences::get(&conn).unwrap();
    assert_eq!(prefs.theme, leadbook_core::preferences::Theme::System);
}
