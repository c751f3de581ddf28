//! End to end: the Blueprint area in the real app. Edit a KPI target in place, find it by
//! search, see it survive a restart and show in History, then reset the section.

use leadbook_tests::{App, ENTER};

fn run(result: Result<(), String>) {
    if let Err(e) = result {
        panic!("{e}");
    }
}

const ROW_SCRIPT: &str = r#"
    const rows = [...document.querySelectorAll('[data-testid=bp-node][data-kind=row]')];
    const row = rows.find(r => r.innerText.includes('Error budget burn rate'));
    return row ? row.getAttribute('data-node-id') : null;
"#;

#[test]
fn edit_kpi_target_search_it_survive_restart_and_reset() {
    let data = tempfile::tempdir().unwrap();
    let new_target = "Burn rate < 0.5 over 28 days (Zanzibar review)";
    let mut row_id = String::new();
    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-blueprint]")?)?;
        app.wait_for("[data-testid=bp-section][data-section-number='7']")?;
        app.wait_for_text(
            "[data-testid=bp-toc-item][data-section-number='20']",
            "Final Role Scorecard Summary",
        )?;
        app.screenshot("blueprint")?;

        row_id = app
            .execute(ROW_SCRIPT)?
            .as_str()
            .ok_or("no KPI row for error budget burn rate")?
            .to_string();
        let row = format!("[data-testid=bp-node][data-node-id='{row_id}']");
        app.click(&app.find(&format!("{row} [data-testid=bp-edit]"))?)?;
        app.wait_for("[data-testid=bp-editor]")?;
        let cells = app.find_all("[data-testid=bp-editor] [data-testid=bp-cell-input]")?;
        if cells.len() != 5 {
            return Err(format!("expected 5 cell inputs, found {}", cells.len()));
        }
        app.replace_text(&cells[3], &format!("{new_target}{ENTER}"))?;
        app.wait_for_text(&row, new_target)?;
        app.wait_for(&format!("{row} [data-testid=bp-edited-marker]"))?;
        app.screenshot("blueprint-edited")?;

        app.type_into(&app.find("[data-testid=bp-search]")?, "zanzibar")?;
        let hit = format!("[data-testid=bp-search-result][data-node-id='{row_id}']");
        app.wait_for_text(&hit, "Zanzibar")?;
        app.screenshot("blueprint-search")?;
        app.click(&app.find(&hit)?)?;
        app.quit();
        Ok(())
    })());

    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-blueprint]")?)?;
        let row = format!("[data-testid=bp-node][data-node-id='{row_id}']");
        app.wait_for_text(&row, new_target)?;
        // Bring section 7 into focus, then look at its history.
        app.click(&app.find("[data-testid=bp-toc-item][data-section-number='7']")?)?;
        app.wait_for(&format!("{row} [data-testid=bp-edited-marker]"))?;
        app.click(&app.wait_for("[data-testid=bp-history]")?)?;
        let history = app.wait_for_text(
            "[data-testid=bp-history-drawer]",
            "Burn rate < 1.0 over the window",
        )?;
        if !history.contains(new_target) {
            return Err(format!("history lacks the new text: {history}"));
        }
        app.screenshot("blueprint-history")?;

        app.click(&app.wait_for("[data-testid=bp-reset]")?)?;
        app.wait_for("[data-testid=confirm-dialog]")?;
        app.screenshot("blueprint-reset-confirm")?;
        app.click(&app.find("[data-testid=confirm-ok]")?)?;
        app.wait_for_text(&row, "Burn rate < 1.0 over the window")?;
        let markers = app.find_all(&format!("{row} [data-testid=bp-edited-marker]"))?;
        if !markers.is_empty() {
            return Err("the reset row still shows an Edited marker".into());
        }
        app.quit();
        Ok(())
    })());
}

/// Waits until `path` exists and is non-empty (the app writes exports atomically).
fn wait_for_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Ok(bytes) = std::fs::read(path) {
            if !bytes.is_empty() {
                return Ok(bytes);
            }
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{} was not written", path.display()));
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// The save dialog's title, as `blueprint_export` sets it.
const DIALOG: &str = "Export the role blueprint";

#[test]
fn export_pdf_through_the_native_save_dialog() {
    let data = tempfile::tempdir().unwrap();
    // No leading dot in the path: GTK's file name completion can swallow a typed "/.".
    let out_dir = tempfile::Builder::new()
        .prefix("leadbook-export-")
        .tempdir()
        .unwrap();
    let pdf = out_dir.path().join("role description.pdf");
    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-blueprint]")?)?;
        app.wait_for("[data-testid=bp-section][data-section-number='7']")?;

        // Cancelling the dialog writes nothing and reports nothing.
        app.click(&app.find("[data-testid=bp-export-pdf]")?)?;
        app.native_dialog(DIALOG, "", "Escape")?;
        std::thread::sleep(std::time::Duration::from_secs(1));
        if !app.find_all("[data-testid=toast]")?.is_empty() {
            return Err("a cancelled export showed a toast".into());
        }

        app.click(&app.find("[data-testid=bp-export-pdf]")?)?;
        app.native_dialog(DIALOG, "", "End")?; // wait for it to be up before the screenshot
        app.screenshot("blueprint-export-dialog")?;
        app.native_dialog(DIALOG, pdf.to_str().unwrap(), "Return")?;
        let bytes = wait_for_file(&pdf)?;
        if !bytes.starts_with(b"%PDF") {
            return Err("the export is not a PDF".into());
        }
        app.wait_for_text("[data-testid=toast]", "Exported to")?;
        app.quit();
        Ok(())
    })());
    assert_eq!(
        std::fs::read_dir(out_dir.path()).unwrap().count(),
        1,
        "only the PDF, no partial files"
    );
}
