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
