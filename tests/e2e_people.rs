//! End to end: the real app window under Xvfb, driven through tauri-driver + WebKitWebDriver.
//! Run by `scripts/test.sh` (which builds the UI and the app first, and provides Xvfb and D-Bus).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use leadbook_tests::{app_binary, App, ENTER};

fn run(result: Result<(), String>) {
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn add_person_with_validation_then_survives_relaunch() {
    let data = tempfile::tempdir().unwrap();
    run((|| {
        let app = App::launch(data.path())?;
        assert_eq!(app.title()?, "Leadbook");
        app.click(&app.wait_for("[data-testid=nav-people]")?)?;
        app.wait_for("[data-testid=empty-state]")?;
        app.wait_for_text("[data-testid=nav-people]", "People")?;
        app.screenshot("people-empty")?;

        app.click(&app.find("[data-testid=empty-add-person]")?)?;
        let name = app.wait_for("[data-testid=person-name]")?;
        app.type_into(&name, "Grace Hopper")?;
        app.type_into(&app.find("[data-testid=person-email]")?, "grace-at-navy")?;
        app.type_into(
            &app.find("[data-testid=person-title]")?,
            "Principal Engineer",
        )?;
        app.type_into(&app.find("[data-testid=person-team]")?, "Compilers")?;
        app.type_into(
            &app.find("[data-testid=person-timezone]")?,
            "America/New_York",
        )?;
        app.click(&app.find("[data-testid=person-save]")?)?;
        let error = app.wait_for_text("[data-testid=person-email-error]", "not a valid email")?;
        assert!(error.contains("grace-at-navy"), "{error}");
        app.screenshot("people-form-error")?;

        let email = app.find("[data-testid=person-email]")?;
        app.replace_text(&email, &format!("grace@navy.example{ENTER}"))?; // Enter submits
        app.wait_for_text("[data-testid=detail-name]", "Grace Hopper")?;
        app.wait_for_text("[data-testid=people-list]", "Grace Hopper")?;
        let detail = app.wait_for_text("[data-testid=person-detail]", "grace@navy.example")?;
        assert!(detail.contains("America/New_York"), "{detail}");
        app.screenshot("people-detail")?;
        app.quit();
        Ok(())
    })());

    // Relaunch on the same data dir: the person is still there.
    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-people]")?)?;
        let list = app.wait_for_text("[data-testid=people-list]", "Grace Hopper")?;
        assert!(list.contains("Principal Engineer · Compilers"), "{list}");
        app.quit();
        Ok(())
    })());
}

#[test]
fn archive_hides_and_undo_restores() {
    let data = tempfile::tempdir().unwrap();
    seed_people(
        data.path(),
        &[
            ("Ada Lovelace", "ada@example.com"),
            ("Linus Torvalds", "linus@example.com"),
        ],
    );
    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-people]")?)?;
        app.wait_for_text("[data-testid=people-list]", "Linus Torvalds")?;
        app.wait_for_text("[data-testid=detail-name]", "Ada Lovelace")?;
        app.click(&app.find("[data-testid=person-archive]")?)?;
        app.wait_for_text("[data-testid=toast]", "Archived Ada Lovelace")?;
        let rows = app.find_all("[data-testid=person-row]")?;
        assert_eq!(rows.len(), 1, "archived person hidden");
        app.screenshot("people-archived-toast")?;
        app.click(&app.find("[data-testid=toast] button.action")?)?;
        app.wait_for_text("[data-testid=people-list]", "Ada Lovelace")?;
        app.quit();
        Ok(())
    })());
}

#[test]
fn second_launch_on_same_data_dir_exits_and_keeps_first() {
    let data = tempfile::tempdir().unwrap();
    run((|| {
        let app = App::launch(data.path())?;
        app.wait_for("[data-testid=nav-today]")?;
        let mut second = Command::new(app_binary())
            .args(["--data-dir"])
            .arg(data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = second.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            if Instant::now() > deadline {
                let _ = second.kill();
                return Err("second instance did not exit".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(status.success(), "second instance exits cleanly: {status}");
        // The first window still answers.
        app.click(&app.find("[data-testid=nav-people]")?)?;
        app.wait_for("[data-testid=empty-state]")?;
        app.quit();
        Ok(())
    })());
}

#[test]
fn newer_database_shows_banner_and_is_untouched() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("leadbook.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    run((|| {
        let app = App::launch(data.path())?;
        let banner = app.wait_for_text("[data-testid=db-banner]", "newer Leadbook")?;
        assert!(banner.contains("999"), "{banner}");
        app.screenshot("db-newer-banner")?;
        app.quit();
        Ok(())
    })());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the newer database was not modified"
    );
}

/// Seeds people into a data dir's database through leadbook-core, as the CLI would.
fn seed_people(dir: &std::path::Path, people: &[(&str, &str)]) {
    let (conn, _) = leadbook_core::db::open(dir).expect("open store");
    for (name, email) in people {
        let input = leadbook_core::people::PersonInput {
            name: name.to_string(),
            email: Some(email.to_string()),
            ..Default::default()
        };
        leadbook_core::people::add(&conn, &input).expect("seed person");
    }
}
