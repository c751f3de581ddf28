//! End to end: the Blueprint area in the real app. Edit a KPI target in place, find it by
//! search, see it survive a restart and show in History, then reset the section.

use std::time::{Duration, Instant};

use leadbook_tests::{App, CONTROL, ENTER, NULL_KEY};

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

/// WebDriver key codes for the arrow keys and End.
const DOWN: char = '\u{E015}';
const END: char = '\u{E010}';

/// Types at whatever has the keyboard focus, as a user does.
fn keys(app: &App, text: &str) -> Result<(), String> {
    app.type_into(&app.find(":focus")?, text)
}

/// The `data-rove` key of the element that has the keyboard focus.
fn focused_stop(app: &App) -> Result<String, String> {
    Ok(app
        .execute("return document.activeElement?.dataset.rove ?? null")?
        .as_str()
        .unwrap_or_default()
        .to_string())
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

/// Every element Tab stops at on the page.
const TAB_STOPS: &str =
    "return [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
    .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0).length;";

#[test]
fn add_a_table_and_a_list_by_keyboard_in_a_page_of_few_tab_stops() {
    let data = tempfile::tempdir().unwrap();
    run((|| {
        let app = App::launch(data.path())?;
        app.click(&app.wait_for("[data-testid=nav-blueprint]")?)?;
        app.wait_for("[data-testid=bp-section][data-section-number='2'] [data-testid=bp-node]")?;

        // Each section is one tab stop (arrow keys move inside it): a few dozen stops in all,
        // where every node's four buttons used to be stops (2,269 on this page).
        wait_until(
            &app,
            "return !document.querySelector('[data-testid=bp-section-pending]')",
            "every section rendered",
        )?;
        let stops = app.execute(TAB_STOPS)?;
        let stops = stops.as_i64().unwrap_or(-1);
        println!("tab stops on the Blueprint page: {stops}");
        if !(1..=60).contains(&stops) {
            return Err(format!("{stops} tab stops on the Blueprint page"));
        }

        // Into section 2 from its heading, then to its end: its Add block button.
        app.execute("document.querySelector(\"[data-section-number='2'] h2\").focus()")?;
        keys(&app, &DOWN.to_string())?;
        let first = focused_stop(&app)?;
        if first.is_empty() || first == "head" {
            return Err(format!("Down from the heading focused {first:?}"));
        }
        keys(&app, &END.to_string())?;
        if focused_stop(&app)? != "add-block:bp-02" {
            return Err(format!("End focused {:?}", focused_stop(&app)?));
        }
        keys(&app, &ENTER.to_string())?;
        app.wait_for("[data-testid=bp-add-block-menu] [data-testid=bp-add-heading]:focus")?;
        app.screenshot("blueprint-add-block-menu")?;

        // A table: T picks it; two column headers; Enter saves.
        keys(&app, "t")?;
        let columns = app.find_all("[data-testid=bp-editor] [data-testid=bp-column-input]")?;
        if columns.len() != 2 {
            return Err(format!("a new table offers {} columns", columns.len()));
        }
        keys(&app, "Vendor")?;
        app.type_into(&columns[1], &format!("Owner{ENTER}"))?;
        let table = "[data-testid=bp-section][data-section-number='2'] [data-testid=bp-node][data-kind=table][data-state=added]";
        app.wait_for_text(table, "Vendor")?;
        app.wait_for(&format!("{table} .bar:focus"))?;
        // Its first row.
        app.click(&app.find(&format!("{table} [data-testid=bp-add-row]"))?)?;
        let cells = app.find_all("[data-testid=bp-editor] [data-testid=bp-cell-input]")?;
        app.type_into(&cells[0], "PagerDuty")?;
        app.type_into(&cells[1], &format!("Ada{ENTER}"))?;
        app.wait_for_text(table, "PagerDuty")?;
        app.screenshot("blueprint-new-table")?;

        // A numbered list, its items one a line, saved with Ctrl+Enter.
        app.execute("document.querySelector('[data-rove=\"add-block:bp-02\"]').focus()")?;
        keys(&app, &ENTER.to_string())?;
        app.wait_for("[data-testid=bp-add-block-menu]")?;
        keys(&app, "l")?;
        app.wait_for("[data-testid=bp-items-input]:focus")?;
        keys(&app, &format!("Quarterly vendor review{ENTER}Exit *plans*"))?;
        app.click(&app.find("[data-testid=bp-ordered-input]")?)?;
        app.type_into(
            &app.find("[data-testid=bp-items-input]")?,
            &format!("{CONTROL}{ENTER}{NULL_KEY}"),
        )?;
        let item = "[data-testid=bp-section][data-section-number='2'] [data-testid=bp-node][data-kind=item][data-state=added]";
        app.wait_for_text(item, "Quarterly vendor review")?;
        app.wait_for(&format!("{item}:focus"))?;
        app.screenshot("blueprint-new-list")?;
        app.quit();
        Ok(())
    })());

    // Saved as shown: the table with its row and the numbered list with both items.
    let (conn, _) = leadbook_core::db::open(data.path()).unwrap();
    let doc = leadbook_core::blueprint::document(&conn).unwrap();
    let s2 = &doc.sections[1];
    let table = s2
        .nodes
        .iter()
        .find(|n| n.columns == ["Vendor", "Owner"])
        .expect("the new table");
    assert_eq!(table.children[0].cells, ["PagerDuty", "Ada"]);
    let list = s2.nodes.last().unwrap();
    assert!(list.ordered);
    let items: Vec<Option<&str>> = list.children.iter().map(|i| i.body.as_deref()).collect();
    assert_eq!(
        items,
        [Some("Quarterly vendor review"), Some("Exit *plans*")]
    );
}
