//! End to end: prep a 1:1 in the real app, start it, type notes, then kill the app without
//! warning (autosave loses at most the last second of typing), close its window or quit with
//! Ctrl+Q mid-typing (both save everything first); relaunch: the notes are there.

use std::process::Command;
use std::time::Duration;

use leadbook_tests::{App, CONTROL, ENTER, NULL_KEY};

fn run(result: Result<(), String>) {
    if let Err(e) = result {
        panic!("{e}");
    }
}

fn seed(dir: &std::path::Path) -> String {
    let (conn, _) = leadbook_core::db::open(dir).expect("open store");
    let input = leadbook_core::people::PersonInput {
        name: "Ada Lovelace".into(),
        title: Some("Staff Engineer".into()),
        ..Default::default()
    };
    leadbook_core::people::add(&conn, &input).expect("seed").id
}

/// Goes to 1:1s and opens `person`'s 1:1 space.
fn open_person(app: &App, person: &str) -> Result<(), String> {
    app.click(&app.wait_for("[data-testid=nav-one-on-ones]")?)?;
    app.click(&app.wait_for(&format!(
        "[data-testid=oo-person-row][data-person-id='{person}']"
    ))?)
}

/// The database is intact and `person`'s only meeting holds exactly these notes.
fn assert_saved(dir: &std::path::Path, person: &str, shared: &str, private: &str) {
    let (conn, _) = leadbook_core::db::open(dir).unwrap();
    assert!(leadbook_core::db::check(&conn).unwrap().is_empty());
    let meetings = leadbook_core::one_on_ones::meetings(&conn, person).unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].shared_notes, shared);
    assert_eq!(meetings[0].private_notes, private);
}

/// In a freshly launched app: opens `person`'s meeting from the timeline and checks its notes.
fn reopen_meeting(app: &App, person: &str, shared: &str, private: &str) -> Result<(), String> {
    open_person(app, person)?;
    app.click(&app.wait_for("[data-testid=oo-timeline-item]")?)?;
    app.wait_for("[data-testid=oo-meeting]")?;
    for (testid, expected) in [("oo-shared-notes", shared), ("oo-private-notes", private)] {
        let text = app.execute(&format!(
            "return document.querySelector('[data-testid={testid}]').value"
        ))?;
        if text.as_str() != Some(expected) {
            return Err(format!("{testid} after relaunch: {text}"));
        }
    }
    Ok(())
}

#[test]
fn prep_start_type_kill_relaunch_notes_survive() {
    let data = tempfile::tempdir().unwrap();
    let ada = seed(data.path());
    let shared = "Agreed to split the Kubernetes upgrade into two milestones";
    let private = "Seems tired after the on-call week; check the rota";
    // No leading dot in the path: GTK's file name completion can swallow a typed "/.".
    let out_dir = tempfile::Builder::new()
        .prefix("leadbook-export-")
        .tempdir()
        .unwrap();
    let export = out_dir.path().join("ada.md");
    run((|| {
        let app = App::launch(data.path())?;
        open_person(&app, &ada)?;
        app.wait_for("[data-testid=oo-prep]")?;
        app.type_into(
            &app.find("[data-testid=oo-add-point-text]")?,
            &format!("Promotion timeline{ENTER}"),
        )?;
        app.wait_for_text("[data-testid=oo-point]", "Promotion timeline")?;
        app.screenshot("one-on-ones-prep")?;

        app.click(&app.find("[data-testid=oo-start]")?)?;
        app.wait_for("[data-testid=oo-meeting]")?;
        let agenda =
            app.execute("return document.querySelector('[data-testid=oo-agenda]').value")?;
        if !agenda
            .as_str()
            .unwrap_or_default()
            .contains("Promotion timeline")
        {
            return Err(format!("agenda lacks the talking point: {agenda}"));
        }
        app.type_into(&app.find("[data-testid=oo-shared-notes]")?, shared)?;
        app.type_into(&app.find("[data-testid=oo-private-notes]")?, private)?;
        // Within a second of the last keystroke the autosave has landed.
        std::thread::sleep(Duration::from_millis(1500));
        app.wait_for_text("[data-testid=oo-save-state]", "Saved")?;
        app.screenshot("one-on-ones-meeting")?;

        // Kill the app without warning (no close handler runs).
        let killed = Command::new("pkill")
            .args([
                "-KILL",
                "-f",
                &format!("leadbook --data-dir {}", data.path().display()),
            ])
            .status()
            .map_err(|e| e.to_string())?;
        if !killed.success() {
            return Err("could not find the app process to kill".into());
        }
        drop(app);
        Ok(())
    })());

    assert_saved(data.path(), &ada, shared, private);

    run((|| {
        let app = App::launch(data.path())?;
        reopen_meeting(&app, &ada, shared, private)?;
        app.click(&app.find("[data-testid=oo-done]")?)?;

        // Export through the native save dialog: private notes stay out by default.
        app.click(&app.wait_for("[data-testid=oo-export]")?)?;
        app.wait_for("[data-testid=oo-export-dialog]")?;
        app.screenshot("one-on-ones-export-dialog")?;
        app.click(&app.find("[data-testid=oo-export-save]")?)?;
        app.native_dialog("Export 1:1 history", export.to_str().unwrap(), "Return")?;
        app.wait_for_text("[data-testid=toast]", "Exported to")?;
        app.screenshot("one-on-ones-exported")?;
        app.quit();
        Ok(())
    })());
    let md = std::fs::read_to_string(&export).unwrap();
    assert!(md.contains(shared), "{md}");
    assert!(
        !md.contains("Seems tired"),
        "private notes must not be exported by default"
    );
}

#[test]
fn start_type_close_window_mid_typing_relaunch_notes_survive() {
    let data = tempfile::tempdir().unwrap();
    let ada = seed(data.path());
    let shared = "Wants to lead the Postgres 17 migration";
    let (first, last) = (
        "Asked about the staff promo; ",
        "be honest about the timeline",
    );
    let private = format!("{first}{last}");
    run((|| {
        let app = App::launch(data.path())?;
        open_person(&app, &ada)?;
        app.click(&app.wait_for("[data-testid=oo-start]")?)?;
        app.wait_for("[data-testid=oo-meeting]")?;
        app.type_into(&app.find("[data-testid=oo-shared-notes]")?, shared)?;
        let private_notes = app.find("[data-testid=oo-private-notes]")?;
        app.type_into(&private_notes, first)?;
        // Close right after the last keystroke, well inside the 300 ms autosave debounce: only
        // the window's close handler can save this last chunk.
        app.type_into(&private_notes, last)?;
        app.close_window()?;
        app.wait_for_exit()
    })());

    assert_saved(data.path(), &ada, shared, &private);

    run((|| {
        let app = App::launch(data.path())?;
        reopen_meeting(&app, &ada, shared, &private)?;
        app.screenshot("one-on-ones-after-close")?;
        app.quit();
        Ok(())
    })());
}

#[test]
fn quit_with_ctrl_q_mid_typing_saves_the_notes() {
    let data = tempfile::tempdir().unwrap();
    let ada = seed(data.path());
    let shared = "Moving to the platform team in January";
    run((|| {
        let app = App::launch(data.path())?;
        open_person(&app, &ada)?;
        app.click(&app.wait_for("[data-testid=oo-start]")?)?;
        app.wait_for("[data-testid=oo-meeting]")?;
        let notes = app.find("[data-testid=oo-shared-notes]")?;
        app.type_into(&notes, shared)?;
        // Quit straight after the last keystroke, inside the autosave debounce. The window may
        // be gone before WebDriver answers this call, so its answer says nothing.
        let _ = app.type_into(&notes, &format!("{CONTROL}q{NULL_KEY}"));
        app.wait_for_exit()
    })());
    assert_saved(data.path(), &ada, shared, "");
}

#[test]
fn edit_the_template_then_start_and_move_the_1_1_to_its_real_date() {
    let data = tempfile::tempdir().unwrap();
    let ada = seed(data.path());
    {
        let (conn, _) = leadbook_core::db::open(data.path()).unwrap();
        let settings = leadbook_core::one_on_ones::OneOnOneSettings {
            person_id: ada.clone(),
            cadence: leadbook_core::one_on_ones::Cadence::Weekly,
            template_id: Some("tpl-feedback".into()),
        };
        leadbook_core::one_on_ones::set_settings(&conn, &settings).unwrap();
    }
    let question = "What is one thing I should stop doing?";
    run((|| {
        let app = App::launch(data.path())?;
        open_person(&app, &ada)?;
        app.wait_for("[data-testid=oo-question]")?;

        // The dialog opens on Ada's template; rewrite its questions and save.
        app.click(&app.find("[data-testid=oo-edit-templates]")?)?;
        app.wait_for("[data-testid=oo-templates-dialog]")?;
        let questions = app.find("#oo-template-questions")?;
        app.replace_text(
            &questions,
            &format!("{question}{ENTER}What should I keep doing?"),
        )?;
        app.screenshot("one-on-ones-templates")?;
        app.click(&app.find("[data-testid=oo-template-save]")?)?;
        app.wait_for_text("[data-testid=toast]", "saved")?;
        app.click(&app.find("[data-testid=oo-templates-close]")?)?;
        app.wait_for_text("[data-testid=oo-question]", question)?;

        // Start the 1:1: the agenda carries the edited question.
        app.click(&app.find("[data-testid=oo-start]")?)?;
        app.wait_for("[data-testid=oo-meeting]")?;
        let agenda =
            app.execute("return document.querySelector('[data-testid=oo-agenda]').value")?;
        if !agenda.as_str().unwrap_or_default().contains(question) {
            return Err(format!("agenda lacks the edited question: {agenda}"));
        }

        // It actually happened on 29 October: move it there. A date input takes no typed
        // text through WebDriver the same way in every engine, so set it as a picker would.
        app.click(&app.find("[data-testid=oo-meeting-date]")?)?;
        app.wait_for("[data-testid=oo-meeting-date-input]")?;
        app.execute(
            "const el = document.querySelector('[data-testid=oo-meeting-date-input]');
             el.value = '2026-10-29';
             el.dispatchEvent(new Event('input', { bubbles: true }));",
        )?;
        app.screenshot("one-on-ones-meeting-date")?;
        app.click(&app.find("[data-testid=oo-meeting-date-save]")?)?;
        app.wait_for_text("[data-testid=oo-meeting-title]", "October")?;

        // Notes are Markdown: Ctrl+B bolds the selection; Preview shows them formatted.
        let notes = app.find("[data-testid=oo-shared-notes]")?;
        app.type_into(&notes, "Ship it: the rota moves to Mondays")?;
        app.execute(
            "document.querySelector('[data-testid=oo-shared-notes]').setSelectionRange(0, 7)",
        )?;
        app.type_into(&notes, &format!("{CONTROL}b{NULL_KEY}"))?;
        let value =
            app.execute("return document.querySelector('[data-testid=oo-shared-notes]').value")?;
        if value.as_str() != Some("**Ship it**: the rota moves to Mondays") {
            return Err(format!("Ctrl+B did not bold the selection: {value}"));
        }
        app.click(&app.find("[data-testid=oo-meeting-preview]")?)?;
        app.wait_for_text("[data-testid=oo-shared-notes-preview] strong", "Ship it")?;
        app.screenshot("one-on-ones-preview")?;
        app.click(&app.find("[data-testid=oo-meeting-preview]")?)?;
        app.wait_for("[data-testid=oo-shared-notes]")?;
        app.quit();
        Ok(())
    })());

    let (conn, _) = leadbook_core::db::open(data.path()).unwrap();
    let meetings = leadbook_core::one_on_ones::meetings(&conn, &ada).unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].date, "2026-10-29");
    assert_eq!(
        meetings[0].shared_notes,
        "**Ship it**: the rota moves to Mondays"
    );
    let template = leadbook_core::one_on_ones::template(&conn, "tpl-feedback").unwrap();
    assert_eq!(template.questions[0], question);
}

#[test]
fn today_and_demo_team() {
    let data = tempfile::tempdir().unwrap();
    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-today]")?)?;
        app.click(&app.wait_for("[data-testid=load-demo]")?)?;
        app.wait_for("[data-testid=today-due-row]")?;
        app.wait_for_text("[data-testid=toast]", "demo team")?;
        app.click(&app.find("[data-testid=toast] .close")?)?;
        app.screenshot("today")?;
        app.click(&app.find("[data-testid=today-prep]")?)?;
        app.wait_for("[data-testid=oo-prep]")?;
        app.wait_for("[data-testid=oo-timeline-item]")?;
        app.screenshot("one-on-ones-demo-prep")?;
        app.type_into(&app.find("[data-testid=oo-search]")?, "kubernetes")?;
        app.wait_for_text("[data-testid=oo-search-result]", "ubernetes")?;
        app.screenshot("one-on-ones-search")?;
        app.quit();
        Ok(())
    })());
}
