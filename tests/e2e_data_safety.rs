//! End to end, data safety in the real app:
//! - the database stops taking writes mid-typing (another process holds SQLite's write lock):
//!   closing the window keeps it open, says why and keeps the text as a draft; "Quit anyway";
//!   the next start offers the draft back and restores it into the 1:1;
//! - Settings → Backups: a snapshot taken by hand, a change, the snapshot restored (the change
//!   is gone after the reload), then the full archive out and back in over the database;
//! - a damaged database at start: the banner explains, the areas stay quiet, the latest good
//!   snapshot restores.

use std::path::Path;
use std::time::{Duration, Instant};

use leadbook_core::rusqlite::Connection;
use leadbook_tests::App;

fn run(result: Result<(), String>) {
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Waits up to `secs` for `script` to return true.
fn wait_until(app: &App, script: &str, secs: u64, what: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while app.execute(script)?.as_bool() != Some(true) {
        if Instant::now() > deadline {
            return Err(format!("waited {secs} s in vain for {what}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// Screenshots the window as it is, then again in the dark theme (not saved as a preference).
fn screenshots(app: &App, name: &str) -> Result<(), String> {
    app.screenshot(name)?;
    let theme = app.execute("return document.documentElement.dataset.theme || ''")?;
    app.execute("document.documentElement.dataset.theme = 'dark'")?;
    app.screenshot(&format!("{name}-dark"))?;
    app.execute(&format!(
        "document.documentElement.dataset.theme = {theme}; \
         if (!document.documentElement.dataset.theme) delete document.documentElement.dataset.theme;"
    ))?;
    Ok(())
}

fn value_of(app: &App, testid: &str) -> Result<String, String> {
    let v = app.execute(&format!(
        "return document.querySelector('[data-testid={testid}]').value"
    ))?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

fn people_names(dir: &Path) -> Vec<String> {
    let (conn, _) = leadbook_core::db::open(dir).expect("open store");
    leadbook_core::people::list(&conn, &Default::default())
        .expect("people")
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn add_person(dir: &Path, name: &str, title: &str) -> String {
    let (conn, _) = leadbook_core::db::open(dir).expect("open store");
    let input = leadbook_core::people::PersonInput {
        name: name.into(),
        title: Some(title.into()),
        team: Some("Platform".into()),
        ..Default::default()
    };
    leadbook_core::people::add(&conn, &input)
        .expect("add person")
        .id
}

#[test]
fn typed_text_survives_a_locked_database_close_and_is_restored_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let ada = add_person(data.path(), "Ada Lovelace", "Staff Engineer");
    {
        let (conn, _) = leadbook_core::db::open(data.path()).unwrap();
        leadbook_core::one_on_ones::start_meeting(&conn, &ada, None, leadbook_core::time::today())
            .unwrap();
    }
    let saved = "Agreed: Ada leads the canary.";
    let unsaved = " Rollback plan via the quartz switch";
    let private = "Watch the pager load";

    // Another process holds the write lock from here until the app has quit.
    let mut lock: Option<Connection> = None;
    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-one-on-ones]")?)?;
        app.click(&app.wait_for(&format!(
            "[data-testid=oo-person-row][data-person-id='{ada}']"
        ))?)?;
        app.click(&app.wait_for("[data-testid=oo-open-today]")?)?;
        let shared = app.wait_for("[data-testid=oo-shared-notes]")?;
        app.type_into(&shared, saved)?;
        app.wait_for_text("[data-testid=oo-save-state]", "Saved")?;

        let conn = Connection::open(leadbook_core::paths::db_path(data.path()))
            .map_err(|e| e.to_string())?;
        conn.execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| e.to_string())?;
        lock = Some(conn);

        // The next save waits out the app's 5 s busy timeout, then fails; it keeps retrying.
        app.type_into(&shared, unsaved)?;
        app.wait_for("[data-testid=oo-save-state][data-state=error]")?;
        app.wait_for_text("[data-testid=toast]", "keeps a draft")?;
        app.type_into(&app.find("[data-testid=oo-private-notes]")?, private)?;

        // Close: the saves cannot land, so the window stays and says why.
        app.close_window()?;
        let dialog = app.wait_for("[data-testid=close-blocked]")?;
        let text = app.text(&dialog)?;
        for needed in [
            "not saved yet",
            "database is busy",
            "Kept as a draft",
            "Keep editing",
            "Quit anyway",
        ] {
            if !text.contains(needed) {
                return Err(format!("the close dialog lacks {needed:?}: {text}"));
            }
        }
        screenshots(&app, "data-safety-close-blocked")?;

        // The text is on disk as a draft before the user even chooses.
        let drafts = leadbook_core::drafts::list(data.path()).map_err(|e| e.message)?;
        if !(drafts.len() == 1
            && drafts[0].content.contains(unsaved.trim())
            && drafts[0].content.contains(private))
        {
            return Err(format!("drafts before quitting: {drafts:?}"));
        }

        // The window goes as WebDriver answers this click, so its answer says nothing.
        let _ = app.click(&app.find("[data-testid=close-quit-anyway]")?);
        app.wait_for_exit()
    })());

    // Release the lock: nothing typed after it reached the database; the draft holds it.
    drop(lock);
    {
        let (conn, _) = leadbook_core::db::open(data.path()).unwrap();
        let m = &leadbook_core::one_on_ones::meetings(&conn, &ada).unwrap()[0];
        assert_eq!(
            m.shared_notes, saved,
            "the locked saves must not have landed"
        );
        assert_eq!(m.private_notes, "");
    }

    run((|| {
        let app = App::launch(data.path())?;
        let banner = app.wait_for("[data-testid=drafts-banner]")?;
        let text = app.text(&banner)?;
        if !text.contains(unsaved.trim()) || !text.contains("1:1 with Ada") {
            return Err(format!("the recovery offer lacks the typed text: {text}"));
        }
        screenshots(&app, "data-safety-recovery")?;

        app.click(&app.find("[data-testid=draft-restore]")?)?;
        app.wait_for_text("[data-testid=draft-compare]", unsaved.trim())?;
        screenshots(&app, "data-safety-recovery-compare")?;
        app.click(&app.find("[data-testid=draft-restore-confirm]")?)?;

        // The 1:1 opens with the restored notes.
        app.wait_for("[data-testid=oo-meeting]")?;
        wait_until(
            &app,
            &format!(
                "return document.querySelector('[data-testid=oo-shared-notes]')?.value === {:?}",
                format!("{saved}{unsaved}")
            ),
            15,
            "the restored shared notes",
        )?;
        if value_of(&app, "oo-private-notes")? != private {
            return Err("the private notes were not restored".into());
        }
        if app.find("[data-testid=drafts-banner]").is_ok() {
            return Err("the banner stays after the only draft was restored".into());
        }
        app.quit();
        Ok(())
    })());

    let (conn, _) = leadbook_core::db::open(data.path()).unwrap();
    let m = &leadbook_core::one_on_ones::meetings(&conn, &ada).unwrap()[0];
    assert_eq!(m.shared_notes, format!("{saved}{unsaved}"));
    assert_eq!(m.private_notes, private);
    assert!(leadbook_core::drafts::list(data.path()).unwrap().is_empty());
}

#[test]
fn settings_backups_snapshot_restore_and_the_archive_out_and_back_in() {
    let data = tempfile::tempdir().unwrap();
    add_person(data.path(), "Ada Lovelace", "Staff Engineer");
    // No leading dot in the path: GTK's file name completion can swallow a typed "/.".
    let out_dir = tempfile::Builder::new()
        .prefix("leadbook-archive-")
        .tempdir()
        .unwrap();
    let archive = out_dir.path().join("everything.json");
    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-settings]")?)?;
        app.wait_for("[data-testid=settings-backups]")?;
        app.click(&app.find("[data-testid=settings-snapshot-now]")?)?;
        app.wait_for_text("[data-testid=settings-backups-outcome]", "Snapshot taken")?;
        app.wait_for_text("[data-testid=settings-snapshots]", "Taken by hand")?;

        // A change after the snapshot (another program writing is fine: WAL).
        add_person(data.path(), "Grace Hopper", "Senior SRE");
        app.execute(
            "const card = document.querySelector('[data-testid=settings-backups]');
             card.scrollIntoView({ block: 'start' });
             card.parentElement.parentElement.scrollBy(0, -24);",
        )?;
        screenshots(&app, "settings-backups")?;

        // Everything out to one file, through the native save dialog.
        app.click(&app.find("[data-testid=settings-export-archive]")?)?;
        app.native_dialog("Export everything", archive.to_str().unwrap(), "Return")?;
        app.wait_for_text("[data-testid=settings-backups-outcome]", "Exported to")?;

        // Restore the snapshot: asked once, then the page reloads on Settings.
        app.execute(
            "[...document.querySelectorAll('[data-testid=settings-snapshot]')]
               .find((r) => r.textContent.includes('Taken by hand'))
               .querySelector('[data-testid=settings-snapshot-restore]').click()",
        )?;
        let confirm = app.wait_for("[data-testid=confirm-dialog]")?;
        let text = app.text(&confirm)?;
        if !text.contains("The current database is snapshotted first") {
            return Err(format!("the restore confirmation: {text}"));
        }
        screenshots(&app, "settings-backups-restore-confirm")?;
        app.click(&app.find("[data-testid=confirm-ok]")?)?;
        app.wait_for_text("[data-testid=toast]", "Restored the snapshot from")?;
        app.wait_for_text("[data-testid=settings-snapshots]", "Just before a restore")?;
        if people_names(data.path()) != ["Ada Lovelace"] {
            return Err(format!(
                "after the restore: {:?}",
                people_names(data.path())
            ));
        }
        app.click(&app.find("[data-testid=nav-people]")?)?;
        app.wait_for("[data-testid=person-row]")?;
        let rows = app.find_all("[data-testid=person-row]")?;
        let names: Vec<String> = rows
            .iter()
            .map(|r| app.text(r).unwrap_or_default())
            .collect();
        if rows.len() != 1 || !names[0].contains("Ada Lovelace") {
            return Err(format!("People after the restore: {names:?}"));
        }

        // The archive back in: this database has data, so it asks to replace it.
        app.click(&app.find("[data-testid=nav-settings]")?)?;
        let import = app.wait_for("[data-testid=settings-import-archive]")?;
        app.copy_to_clipboard(archive.to_str().unwrap())?;
        app.click(&import)?;
        app.native_open_dialog("Import an archive")?;
        let confirm = app.wait_for("[data-testid=confirm-dialog]")?;
        let text = app.text(&confirm)?;
        if !text.contains("Replace everything in this database?") {
            return Err(format!("the replace confirmation: {text}"));
        }
        app.click(&app.find("[data-testid=confirm-ok]")?)?;
        app.wait_for_text("[data-testid=toast]", "Imported the archive")?;
        app.quit();
        Ok(())
    })());
    let mut names = people_names(data.path());
    names.sort();
    assert_eq!(names, ["Ada Lovelace", "Grace Hopper"]);
    let reasons: Vec<String> = leadbook_core::db::snapshots::list(data.path())
        .unwrap()
        .into_iter()
        .map(|s| s.reason)
        .collect();
    for reason in ["manual", "before restore", "before archive import"] {
        assert!(
            reasons.iter().any(|r| r == reason),
            "{reason} in {reasons:?}"
        );
    }
}

#[test]
fn a_damaged_database_at_start_is_explained_and_the_latest_good_snapshot_restores() {
    let data = tempfile::tempdir().unwrap();
    {
        let (conn, _) = leadbook_core::db::open(data.path()).unwrap();
        leadbook_core::demo::load(&conn, leadbook_core::time::today()).unwrap();
        leadbook_core::db::snapshots::snapshot(data.path(), "auto").unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    // Scribble over pages in the middle of the file, as a failing disk might.
    let db = leadbook_core::paths::db_path(data.path());
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    for b in &mut bytes[page * 3..page * 6] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();

    run((|| {
        let app = App::launch(data.path())?;
        let banner = app.wait_for("[data-testid=damaged-banner]")?;
        app.wait_for("[data-testid=damaged-snapshot]")?;
        let text = app.text(&banner)?;
        for needed in ["database is damaged", "left untouched", "newest snapshot"] {
            if !text.contains(needed) {
                return Err(format!("the banner lacks {needed:?}: {text}"));
            }
        }
        // The areas fail quietly meanwhile: the banner has said it.
        for area in ["people", "one-on-ones", "blueprint", "today"] {
            app.click(&app.find(&format!("[data-testid=nav-{area}]"))?)?;
            std::thread::sleep(Duration::from_millis(400));
        }
        if !app.find_all("[data-testid=toast]")?.is_empty() {
            return Err("toasts piled up while the database is damaged".into());
        }
        screenshots(&app, "data-safety-damaged")?;

        app.click(&app.find("[data-testid=damaged-restore]")?)?;
        app.wait_for_text("[data-testid=toast]", "Restored the snapshot from")?;
        app.wait_for("[data-testid=today-due-row]")?;
        if app.find("[data-testid=damaged-banner]").is_ok() {
            return Err("the damaged banner stays after the restore".into());
        }
        app.screenshot("data-safety-damaged-restored")?;
        app.quit();
        Ok(())
    })());

    assert_eq!(people_names(data.path()).len(), 8);
    // The damaged file was moved aside byte for byte, never overwritten.
    let backups = leadbook_core::db::snapshots::backup_dir(data.path());
    let aside = std::fs::read_dir(&backups)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.starts_with("damaged-") && name.ends_with(".db")
        })
        .expect("the damaged file kept in backups/");
    assert_eq!(std::fs::read(aside.path()).unwrap(), bytes);
}
