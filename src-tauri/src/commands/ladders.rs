use tauri::{AppHandle, State};

use crate::state::AppState;
use leadbook_core::blueprint::ExportFormat;
use leadbook_core::ladders::{
    self, AssessmentRating, CompetencyInput, Evidence, EvidenceInput, Ladder, LadderEvent,
    LadderInput, LadderSummary, LevelDiff, LevelInput, PlacedPerson, Placement, PlacementInput,
    Readiness,
};
use leadbook_core::time::today;
use leadbook_core::Error;

#[tauri::command]
pub async fn ladders_list(state: State<'_, AppState>) -> Result<Vec<LadderSummary>, Error> {
    state.with_db(|c| ladders::list_ladders(c)).await
}

#[tauri::command]
pub async fn ladders_get(state: State<'_, AppState>, id: String) -> Result<Ladder, Error> {
    state.with_db(move |c| ladders::ladder(c, &id)).await
}

#[tauri::command]
pub async fn ladders_create(
    state: State<'_, AppState>,
    input: LadderInput,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::create_ladder(c, &input))
        .await
}

#[tauri::command]
pub async fn ladders_update(
    state: State<'_, AppState>,
    id: String,
    input: LadderInput,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::update_ladder(c, &id, &input))
        .await
}

#[tauri::command]
pub async fn ladders_add_level(
    state: State<'_, AppState>,
    ladder_id: String,
    input: LevelInput,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::add_level(c, &ladder_id, &input))
        .await
}

#[tauri::command]
pub async fn ladders_update_level(
    state: State<'_, AppState>,
    level_id: String,
    input: LevelInput,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::update_level(c, &level_id, &input))
        .await
}

#[tauri::command]
pub async fn ladders_delete_level(
    state: State<'_, AppState>,
    level_id: String,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::delete_level(c, &level_id))
        .await
}

#[tauri::command]
pub async fn ladders_add_competency(
    state: State<'_, AppState>,
    ladder_id: String,
    input: CompetencyInput,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::add_competency(c, &ladder_id, &input))
        .await
}

#[tauri::command]
pub async fn ladders_update_competency(
    state: State<'_, AppState>,
    id: String,
    input: CompetencyInput,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::update_competency(c, &id, &input))
        .await
}

#[tauri::command]
pub async fn ladders_delete_competency(
    state: State<'_, AppState>,
    id: String,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::delete_competency(c, &id))
        .await
}

#[tauri::command]
pub async fn ladders_set_expectation(
    state: State<'_, AppState>,
    competency_id: String,
    level_id: String,
    text: String,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::set_expectation(c, &competency_id, &level_id, &text))
        .await
}

#[tauri::command]
pub async fn ladders_set_expected_skill(
    state: State<'_, AppState>,
    level_id: String,
    skill_id: String,
    level: Option<u8>,
) -> Result<Ladder, Error> {
    state
        .with_db(move |c| ladders::set_expected_skill(c, &level_id, &skill_id, level))
        .await
}

/// A ladder's change history (scope = the ladder's id), or a person's placements and
/// assessments (scope = the person's id), newest first.
#[tauri::command]
pub async fn ladders_history(
    state: State<'_, AppState>,
    scope: String,
) -> Result<Vec<LadderEvent>, Error> {
    state
        .with_db(move |c| ladders::history(c, &scope, 100))
        .await
}

#[tauri::command]
pub async fn ladders_diff(
    state: State<'_, AppState>,
    ladder_id: String,
    from: String,
    to: String,
) -> Result<LevelDiff, Error> {
    state
        .with_db(move |c| ladders::diff(c, &ladder_id, &from, &to))
        .await
}

#[tauri::command]
pub async fn ladders_people(
    state: State<'_, AppState>,
    ladder_id: String,
) -> Result<Vec<PlacedPerson>, Error> {
    state
        .with_db(move |c| ladders::people_on(c, &ladder_id))
        .await
}

#[tauri::command]
pub async fn ladders_assign(
    state: State<'_, AppState>,
    input: PlacementInput,
) -> Result<Placement, Error> {
    state.with_db(move |c| ladders::assign(c, &input)).await
}

#[tauri::command]
pub async fn ladders_unassign(state: State<'_, AppState>, person_id: String) -> Result<(), Error> {
    state
        .with_db(move |c| ladders::unassign(c, &person_id))
        .await
}

#[tauri::command]
pub async fn ladders_assess(
    state: State<'_, AppState>,
    person_id: String,
    competency_id: String,
    rating: Option<AssessmentRating>,
    note: String,
) -> Result<Readiness, Error> {
    state
        .with_db(move |c| ladders::assess(c, &person_id, &competency_id, rating, &note, today()))
        .await
}

#[tauri::command]
pub async fn ladders_readiness(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Option<Readiness>, Error> {
    state
        .with_db(move |c| ladders::readiness(c, &person_id))
        .await
}

#[tauri::command]
pub async fn ladders_evidence(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Evidence>, Error> {
    state
        .with_db(move |c| ladders::evidence(c, &person_id))
        .await
}

#[tauri::command]
pub async fn ladders_add_evidence(
    state: State<'_, AppState>,
    input: EvidenceInput,
) -> Result<Evidence, Error> {
    state
        .with_db(move |c| ladders::add_evidence(c, &input, today()))
        .await
}

#[tauri::command]
pub async fn ladders_delete_evidence(state: State<'_, AppState>, id: String) -> Result<(), Error> {
    state
        .with_db(move |c| ladders::delete_evidence(c, &id))
        .await
}

/// Asks where to save (native dialog), then writes the ladder as Markdown, JSON or PDF.
/// `None` if cancelled.
#[tauri::command]
pub async fn ladders_export(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    format: ExportFormat,
) -> Result<Option<String>, Error> {
    let ladder = state.with_db(move |c| ladders::ladder(c, &id)).await?;
    let ext = format.extension();
    let name = format!("{}-ladder.{ext}", ladders::slugify(&ladder.name));
    let Some(path) = super::ask_save_path(&app, "Export the ladder", &name, ext)? else {
        return Ok(None);
    };
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        leadbook_export::ladders::render(&ladder, format)
    })
    .await
    .map_err(|e| Error::storage(format!("export task failed: {e}")))??;
    leadbook_export::write_file(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}
